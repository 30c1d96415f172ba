//! Changing tables in place: ALTER TABLE where SQLite can, the table
//! rebuild where it cannot. Data in surviving columns is kept, foreign
//! keys stay intact, and the result is exactly the desired model.

mod common;

use common::{inspect, load};
use sqlx::{ConnectOptions, Row};
use strata_diff::{Change, DiffOptions, Plan, diff, plan};
use strata_driver::DriverError;
use strata_model::{CheckConstraint, ForeignKey, QualifiedName, Realm, Table};
use strata_sqlite::{AFTER_PLAN, BEFORE_PLAN, SQL};
use strata_testkit::TestDb;

const SHOP: &str = r#"
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE item (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
  qty TEXT,
  obsolete TEXT,
  label TEXT
);
CREATE INDEX idx_item_parent ON item (parent_id);
CREATE TABLE child_of_item (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES item (id) ON DELETE CASCADE
);
CREATE VIEW v_item AS SELECT id, qty FROM item;
CREATE TRIGGER trg_item AFTER INSERT ON item BEGIN UPDATE item SET label = 'new' WHERE id = new.id; END;
CREATE TRIGGER trg_parent AFTER INSERT ON parent BEGIN UPDATE item SET label = 'p' WHERE parent_id = new.id; END;
INSERT INTO parent VALUES (1, 'one'), (2, 'two');
INSERT INTO item (parent_id, qty, obsolete) VALUES (1, '3', 'x'), (1, '007', 'y'), (2, '12', 'z'), (2, '5', 'w'), (2, '9', 'v');
INSERT INTO child_of_item (item_id) VALUES (1), (2), (3), (4);
DELETE FROM item WHERE id = 5;
"#;

/// The plan from the database's schema to `to`.
fn plan_to(from: &Realm, to: &Realm) -> Plan {
    let changes = diff(from, to, &SQL, &DiffOptions::default());
    plan(changes, from, to, &SQL).unwrap()
}

/// Runs a plan the way `SqliteSql` documents: foreign keys off outside the
/// transaction, the statements in one transaction, rolled back on error.
async fn apply(db: &TestDb, plan: &Plan) -> Result<(), DriverError> {
    let statements = plan.render(&SQL).unwrap();
    let mut conn = db.connect().await;
    for s in BEFORE_PLAN {
        conn.execute(s).await.unwrap();
    }
    let mut outcome = Ok(());
    for s in &statements {
        if let Err(e) = conn.execute(s).await {
            outcome = Err(e);
            break;
        }
    }
    let after: &[&str] = match outcome {
        Ok(()) => AFTER_PLAN,
        Err(_) => &["ROLLBACK", "PRAGMA foreign_keys = ON"],
    };
    for s in after {
        conn.execute(s).await.unwrap();
    }
    conn.close().await;
    outcome
}

/// Rows of a query, each as text (`typeof:value`), for comparing data.
async fn rows(db: &TestDb, sql: &str) -> Vec<String> {
    let path = db.url.sqlite_path().unwrap();
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .connect()
        .await
        .unwrap();
    let out = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>(0).unwrap())
        .collect();
    sqlx::Connection::close(conn).await.unwrap();
    out
}

fn table<'a>(realm: &'a mut Realm, name: &str) -> &'a mut Table {
    realm
        .schemas
        .get_mut("main")
        .unwrap()
        .tables
        .get_mut(name)
        .unwrap()
}

const ITEMS: &str = "SELECT id || '|' || parent_id || '|' || typeof(qty) || ':' || qty || '|' || coalesce(label, '-') FROM item ORDER BY id";

#[tokio::test]
async fn a_rebuild_keeps_rows_and_foreign_keys() {
    let db = load(SHOP, "shop.sql").await;
    let from = inspect(&db).await;
    let mut to = from.clone();
    let item = table(&mut to, "item");
    item.columns.retain(|c| c.name != "obsolete");
    item.columns[2].data_type = "INTEGER".into();
    item.checks.push(CheckConstraint {
        name: Some("qty_positive".into()),
        expression: "qty >= 0".into(),
        not_valid: false,
        no_inherit: false,
        comment: None,
    });
    // A view's column types follow the table's.
    to.schemas
        .get_mut("main")
        .unwrap()
        .views
        .get_mut("v_item")
        .unwrap()
        .columns[1]
        .data_type = "INTEGER".into();

    let plan = plan_to(&from, &to);
    let kinds: Vec<_> = plan
        .steps
        .iter()
        .map(|s| strata_diff::plan::describe(&s.change))
        .collect();
    assert_eq!(
        kinds,
        [
            "drop view main.v_item",
            "rebuild table main.item",
            "create view main.v_item",
            "create trigger trg_item on item"
        ]
    );
    let reasons: Vec<_> = plan
        .destructive()
        .filter_map(|s| s.destructive.clone())
        .collect();
    assert_eq!(
        reasons,
        ["changes main.item.qty from TEXT to INTEGER; drops column main.item.obsolete"]
    );

    let children_before = rows(
        &db,
        "SELECT id || ':' || item_id FROM child_of_item ORDER BY id",
    )
    .await;
    apply(&db, &plan).await.unwrap();

    // Surviving columns kept their rows; '007' under INTEGER affinity is 7.
    assert_eq!(
        rows(&db, ITEMS).await,
        [
            "1|1|integer:3|new",
            "2|1|integer:7|new",
            "3|2|integer:12|new",
            "4|2|integer:5|new"
        ]
    );
    // Dropping the old table did not cascade into the rows that reference it.
    assert_eq!(
        rows(
            &db,
            "SELECT id || ':' || item_id FROM child_of_item ORDER BY id"
        )
        .await,
        children_before
    );
    assert!(
        rows(&db, "SELECT \"table\" FROM pragma_foreign_key_check")
            .await
            .is_empty()
    );
    // AUTOINCREMENT still remembers id 5, which was used and deleted.
    let mut conn = db.connect().await;
    conn.execute("INSERT INTO item (parent_id, qty) VALUES (1, 1)")
        .await
        .unwrap();
    conn.close().await;
    assert_eq!(rows(&db, "SELECT max(id) || '' FROM item").await, ["6"]);
    // Triggers on other tables that name the rebuilt table still work.
    let mut conn = db.connect().await;
    conn.execute("INSERT INTO parent VALUES (3, 'three')")
        .await
        .unwrap();
    conn.close().await;
    assert_eq!(rows(&db, "SELECT count(*) || '' FROM v_item").await, ["5"]);

    // The database now is exactly the desired model.
    let after = inspect(&db).await;
    assert_eq!(after.to_json(), to.to_json());
    assert!(diff(&after, &to, &SQL, &DiffOptions::default()).is_empty());
}

#[tokio::test]
async fn alter_table_is_used_where_sqlite_can() {
    let db = load(SHOP, "shop.sql").await;
    let from = inspect(&db).await;
    let mut to = from.clone();
    let item = table(&mut to, "item");
    item.columns.retain(|c| c.name != "obsolete");
    let mut note = strata_model::Column::new("note", "TEXT", false);
    note.default = Some("'n/a'".into());
    item.columns.push(note);

    let plan = plan_to(&from, &to);
    let statements = plan.render(&SQL).unwrap();
    assert!(
        statements.contains(&"ALTER TABLE \"item\" DROP COLUMN \"obsolete\"".to_string()),
        "{statements:#?}"
    );
    assert!(
        statements.contains(
            &"ALTER TABLE \"item\" ADD COLUMN \"note\" TEXT NOT NULL DEFAULT 'n/a'".to_string()
        ),
        "{statements:#?}"
    );
    assert!(
        !plan
            .steps
            .iter()
            .any(|s| matches!(s.change, Change::RebuildTable { .. }))
    );
    apply(&db, &plan).await.unwrap();
    assert_eq!(
        rows(
            &db,
            "SELECT id || ':' || qty || ':' || note FROM item ORDER BY id"
        )
        .await,
        ["1:3:n/a", "2:007:n/a", "3:12:n/a", "4:5:n/a"]
    );
    let after = inspect(&db).await;
    assert_eq!(after.to_json(), to.to_json());
}

#[tokio::test]
async fn a_column_that_is_not_last_or_in_use_is_added_or_dropped_by_a_rebuild() {
    let db = load(SHOP, "shop.sql").await;
    let from = inspect(&db).await;
    let mut to = from.clone();
    let item = table(&mut to, "item");
    // parent_id is indexed and a foreign key: DROP COLUMN would fail.
    item.columns.retain(|c| c.name != "parent_id");
    item.foreign_keys.clear();
    item.indexes.clear();
    // A column in the middle cannot be appended.
    item.columns
        .insert(1, strata_model::Column::new("middle", "TEXT", true));

    let plan = plan_to(&from, &to);
    assert!(
        plan.steps
            .iter()
            .any(|s| matches!(s.change, Change::RebuildTable { .. }))
    );
    apply(&db, &plan).await.unwrap();
    assert_eq!(
        rows(
            &db,
            "SELECT id || ':' || coalesce(middle, '-') || ':' || qty FROM item ORDER BY id"
        )
        .await,
        ["1:-:3", "2:-:007", "3:-:12", "4:-:5"]
    );
    let after = inspect(&db).await;
    assert_eq!(after.to_json(), to.to_json());
}

#[tokio::test]
async fn a_rebuild_that_breaks_a_foreign_key_is_rolled_back() {
    let db = load(SHOP, "shop.sql").await;
    let from = inspect(&db).await;
    let mut to = from.clone();
    // 'obsolete' holds text that matches no parent id.
    table(&mut to, "item").foreign_keys.push(ForeignKey {
        name: Some("fk_obsolete".into()),
        columns: vec!["obsolete".into()],
        references: QualifiedName::new("main", "parent"),
        referenced_columns: vec!["id".into()],
        on_update: Default::default(),
        on_delete: Default::default(),
        match_type: Default::default(),
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
        comment: None,
    });
    let plan = plan_to(&from, &to);
    let err = apply(&db, &plan).await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("foreign key violation"), "{text}");
    assert!(text.contains("table item"), "{text}");
    // Nothing of the plan stayed.
    let after = inspect(&db).await;
    assert_eq!(after.to_json(), from.to_json());
    assert_eq!(rows(&db, "SELECT count(*) || '' FROM item").await, ["4"]);
}

#[tokio::test]
async fn renames_use_alter_table() {
    let db = load(SHOP, "shop.sql").await;
    let from = inspect(&db).await;
    let mut to = from.clone();
    let schema = to.schemas.get_mut("main").unwrap();
    let mut parent = schema.tables.remove("parent").unwrap();
    parent.name = "owner".into();
    parent.columns[1].name = "title".into();
    schema.tables.insert("owner".into(), parent);
    let options = DiffOptions {
        renames: vec![
            strata_diff::differ::Rename::Table {
                schema: "main".into(),
                from: "parent".into(),
                to: "owner".into(),
            },
            strata_diff::differ::Rename::Column {
                table: QualifiedName::new("main", "owner"),
                from: "name".into(),
                to: "title".into(),
            },
        ],
        privileges: false,
    };
    let changes = diff(&from, &to, &SQL, &options);
    let plan = plan(changes, &from, &to, &SQL).unwrap();
    assert_eq!(
        plan.render(&SQL).unwrap(),
        [
            "ALTER TABLE \"parent\" RENAME TO \"owner\"",
            "ALTER TABLE \"owner\" RENAME COLUMN \"name\" TO \"title\""
        ]
    );
    apply(&db, &plan).await.unwrap();
    assert_eq!(
        rows(&db, "SELECT title FROM owner ORDER BY id").await,
        ["one", "two"]
    );
    // SQLite points the foreign keys that named the table at its new name.
    let after = inspect(&db).await;
    let item = &after.schemas["main"].tables["item"];
    assert_eq!(item.foreign_keys[0].references.name, "owner");
}

/// A table that goes while two tables referencing it (with rows) lose their
/// keys to it by a rebuild: the rebuilds run first, so no
/// `foreign_key_check` sees a key to the missing table (found by the
/// property test).
#[tokio::test]
async fn a_dropped_table_goes_after_the_rebuilds_that_remove_keys_to_it() {
    let db = load(
        r#"
CREATE TABLE "select" ("Id 0" INTEGER NOT NULL PRIMARY KEY, x INTEGER);
CREATE TABLE "order items" ("Id 1" INTEGER NOT NULL PRIMARY KEY, y INTEGER,
  CONSTRAINT fk1 FOREIGN KEY (y) REFERENCES "select" ("Id 0"));
CREATE TABLE "it's" ("Id 2" INTEGER NOT NULL PRIMARY KEY, z INTEGER,
  CONSTRAINT fk2 FOREIGN KEY (z) REFERENCES "select" ("Id 0"));
INSERT INTO "select" VALUES (1, 1);
INSERT INTO "order items" VALUES (1, 1);
INSERT INTO "it's" VALUES (1, 1);
"#,
        "keys.sql",
    )
    .await;
    let from = inspect(&db).await;
    let mut to = from.clone();
    to.schemas.get_mut("main").unwrap().tables.remove("select");
    table(&mut to, "order items").foreign_keys.clear();
    table(&mut to, "it's").foreign_keys.clear();
    let plan = plan_to(&from, &to);
    let kinds: Vec<_> = plan
        .steps
        .iter()
        .map(|s| strata_diff::plan::describe(&s.change))
        .collect();
    assert_eq!(
        kinds.last().map(String::as_str),
        Some("drop table main.select"),
        "{kinds:?}"
    );
    apply(&db, &plan).await.unwrap();
    let mut now = inspect(&db).await;
    now.server = to.server.clone();
    assert_eq!(now.to_json(), to.to_json());
    assert_eq!(
        rows(&db, "SELECT \"Id 1\" || '|' || y FROM \"order items\"").await,
        ["1|1"]
    );
}
