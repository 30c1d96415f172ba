//! What `InspectOptions` changes: the schema filter (pushed down into the
//! catalog queries), table globs, and owners and grants.

use strata_driver::InspectOptions;
use strata_model::{Filter, Grant};
use strata_postgres::DRIVER;
use strata_testkit::TestDb;

const SCHEMA: &str = "
CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TYPE app.state AS ENUM ('on', 'off');
CREATE TABLE app.users (id integer PRIMARY KEY, state app.state);
CREATE TABLE app.user_log (id integer);
CREATE TABLE audit.events (id integer REFERENCES app.users);
CREATE FUNCTION audit.f() RETURNS integer LANGUAGE sql AS 'SELECT 1';
";

async fn inspect(db: &TestDb, options: InspectOptions) -> strata_model::Realm {
    let mut conn = db.connect().await;
    let realm = conn.inspect(&options).await.unwrap();
    conn.close().await;
    realm
}

fn filter(schemas: &[&str], exclude: &[&str], tables: &[&str]) -> InspectOptions {
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    InspectOptions {
        filter: Filter::new(list(schemas), list(exclude), list(tables), vec![]).unwrap(),
        privileges: false,
    }
}

#[tokio::test]
async fn schema_filters_and_table_globs() {
    let db = TestDb::create(&DRIVER).await;
    db.load(SCHEMA, "options").await;

    let all = inspect(&db, InspectOptions::default()).await;
    assert_eq!(
        all.schemas.keys().collect::<Vec<_>>(),
        ["app", "audit", "public"]
    );

    let only_app = inspect(&db, filter(&["app"], &[], &[])).await;
    assert_eq!(only_app.schemas.keys().collect::<Vec<_>>(), ["app"]);
    assert_eq!(only_app.schemas["app"].tables.len(), 2);
    assert!(only_app.schemas["app"].types.contains_key("state"));

    // A foreign key into a schema that is not read still names its target.
    let only_audit = inspect(&db, filter(&["audit"], &[], &[])).await;
    let events = &only_audit.schemas["audit"].tables["events"];
    assert_eq!(events.foreign_keys[0].references.schema, "app");
    assert_eq!(events.foreign_keys[0].referenced_columns, ["id"]);
    assert!(only_audit.schemas["audit"].routines.contains_key("f()"));

    let no_audit = inspect(&db, filter(&[], &["audit", "public"], &[])).await;
    assert_eq!(no_audit.schemas.keys().collect::<Vec<_>>(), ["app"]);

    let users_only = inspect(&db, filter(&["app"], &[], &["users"])).await;
    assert_eq!(
        users_only.schemas["app"].tables.keys().collect::<Vec<_>>(),
        ["users"]
    );
}

#[tokio::test]
async fn owners_and_grants_only_when_asked() {
    let db = TestDb::create(&DRIVER).await;
    let role = format!("strata_reader_{}", std::process::id());
    let script = format!(
        "DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
         {SCHEMA}
         GRANT USAGE ON SCHEMA app TO {role};
         GRANT SELECT, INSERT ON app.users TO {role} WITH GRANT OPTION;
         GRANT UPDATE ON app.users TO PUBLIC;
         REVOKE EXECUTE ON FUNCTION audit.f() FROM PUBLIC;"
    );
    db.load(&script, "privileges").await;

    let plain = inspect(&db, InspectOptions::default()).await;
    let users = &plain.schemas["app"].tables["users"];
    assert!(users.owner.is_none() && users.grants.is_empty());

    let with = inspect(
        &db,
        InspectOptions {
            filter: Filter::default(),
            privileges: true,
        },
    )
    .await;
    let app = &with.schemas["app"];
    assert_eq!(app.owner.as_deref(), Some("postgres"));
    assert!(app.grants.contains(&Grant {
        grantee: role.clone(),
        privileges: vec!["USAGE".into()],
        with_grant_option: false,
    }));
    let users = &app.tables["users"];
    assert_eq!(users.owner.as_deref(), Some("postgres"));
    assert_eq!(
        users.grants,
        [
            Grant {
                grantee: "PUBLIC".into(),
                privileges: vec!["UPDATE".into()],
                with_grant_option: false,
            },
            Grant {
                grantee: role.clone(),
                privileges: vec!["INSERT".into(), "SELECT".into()],
                with_grant_option: true,
            },
        ]
    );
    // A type and a function have PUBLIC's default privileges unless revoked.
    assert!(
        app.types["state"]
            .grants
            .iter()
            .any(|g| g.grantee == "PUBLIC")
    );
    assert!(with.schemas["audit"].routines["f()"].grants.is_empty());
    drop(db);

    let server = strata_testkit::server_url(strata_model::Dialect::Postgres);
    let mut conn = strata_driver::Driver::connect(&DRIVER, &server)
        .await
        .unwrap();
    conn.execute(&format!("DROP ROLE IF EXISTS {role}"))
        .await
        .unwrap();
    conn.close().await;
}
