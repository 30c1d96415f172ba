//! Shared by the live tests: loading a script, inspecting, and the round
//! trip inspect -> create script -> load into an empty database -> inspect.

#![allow(dead_code)]

use strata_diff::SqlDialect;
use strata_driver::InspectOptions;
use strata_model::Realm;
use strata_postgres::{DRIVER, SQL};
use strata_testkit::TestDb;

pub async fn inspect(db: &TestDb) -> Realm {
    let mut conn = db.connect().await;
    let realm = conn
        .inspect(&InspectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("inspecting {} failed: {e}", db.name()));
    conn.close().await;
    realm
}

/// Runs generated statements one by one, so that a failure names the
/// statement itself.
pub async fn run_statements(db: &TestDb, statements: &[String]) {
    let mut conn = db.connect().await;
    for (i, s) in statements.iter().enumerate() {
        if let Err(e) = conn.execute(s).await {
            panic!(
                "statement {} of the create script failed: {e}\n{s}\n--- whole script:\n{}",
                i + 1,
                SQL.script(statements)
            );
        }
    }
    conn.close().await;
}

/// What a round trip found.
pub struct RoundTrip {
    pub first: Realm,
    pub second: Realm,
    pub script: Vec<String>,
}

/// Loads `script` into a fresh database, inspects it, writes the create
/// script, loads that into another fresh database and inspects again.
pub async fn round_trip(origin: &str, script: &str) -> RoundTrip {
    let a = TestDb::create(&DRIVER).await;
    a.load(script, origin).await;
    let first = inspect(&a).await;
    let statements = strata_diff::create_script(&first, &SQL)
        .unwrap_or_else(|e| panic!("create script for {origin}: {e}"));
    let b = TestDb::create(&DRIVER).await;
    run_statements(&b, &statements).await;
    let second = inspect(&b).await;
    RoundTrip {
        first,
        second,
        script: statements,
    }
}

/// Asserts that the two realms are identical, except for objects of the
/// `lost` kinds, which the model does not cover and which therefore cannot
/// survive a round trip: exactly those must be missing from the second.
pub fn assert_same(origin: &str, rt: &RoundTrip, lost: &[&str]) {
    let (mut a, mut b) = (rt.first.clone(), rt.second.clone());
    let expected_lost: Vec<_> = a
        .unsupported
        .iter()
        .filter(|u| lost.contains(&u.kind.as_str()))
        .cloned()
        .collect();
    for u in &expected_lost {
        eprintln!(
            "{origin}: {} {}.{} is not covered by the model and is not recreated",
            u.kind, u.schema, u.name
        );
    }
    assert!(
        lost.is_empty() || !expected_lost.is_empty(),
        "{origin}: expected unsupported objects of kinds {lost:?}, found none"
    );
    a.unsupported.retain(|u| !lost.contains(&u.kind.as_str()));
    b.unsupported.retain(|u| !lost.contains(&u.kind.as_str()));
    let (ja, jb) = (a.to_json(), b.to_json());
    if ja != jb {
        panic!(
            "{origin}: the realm changed in the round trip\n{}\n--- create script:\n{}",
            describe_difference(&a, &b),
            SQL.script(&rt.script)
        );
    }
}

/// The objects that differ, each with both JSON forms.
pub fn describe_difference(a: &Realm, b: &Realm) -> String {
    let mut out = String::new();
    let json = |v: &dyn erased::Json| v.json();
    if a.extensions != b.extensions {
        out.push_str(&format!(
            "extensions:\n  {}\n  {}\n",
            json(&a.extensions),
            json(&b.extensions)
        ));
    }
    if a.unsupported != b.unsupported {
        out.push_str(&format!(
            "unsupported:\n  {}\n  {}\n",
            json(&a.unsupported),
            json(&b.unsupported)
        ));
    }
    let names: std::collections::BTreeSet<&String> =
        a.schemas.keys().chain(b.schemas.keys()).collect();
    for s in names {
        let (x, y) = (a.schemas.get(s), b.schemas.get(s));
        let (Some(x), Some(y)) = (x, y) else {
            out.push_str(&format!("schema {s} only on one side\n"));
            continue;
        };
        if x.comment != y.comment {
            out.push_str(&format!(
                "schema {s} comment: {:?} vs {:?}\n",
                x.comment, y.comment
            ));
        }
        diff_map(&mut out, s, "table", &x.tables, &y.tables);
        diff_map(&mut out, s, "view", &x.views, &y.views);
        diff_map(&mut out, s, "sequence", &x.sequences, &y.sequences);
        diff_map(&mut out, s, "type", &x.types, &y.types);
        diff_map(&mut out, s, "routine", &x.routines, &y.routines);
    }
    out
}

fn diff_map<T: serde::Serialize + PartialEq>(
    out: &mut String,
    schema: &str,
    kind: &str,
    a: &std::collections::BTreeMap<String, T>,
    b: &std::collections::BTreeMap<String, T>,
) {
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for k in keys {
        match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => out.push_str(&format!(
                "{kind} {schema}.{k}:\n  before: {}\n  after:  {}\n",
                x.map(|v| serde_json::to_string(v).unwrap_or_default())
                    .unwrap_or_else(|| "(missing)".into()),
                y.map(|v| serde_json::to_string(v).unwrap_or_default())
                    .unwrap_or_else(|| "(missing)".into()),
            )),
        }
    }
}

mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

/// Roles the fixtures grant to or name in policies (migra's own test setup
/// creates them). Roles belong to the server, so this is idempotent.
pub async fn create_roles() {
    let server = strata_testkit::server_url(strata_model::Dialect::Postgres);
    let mut conn = strata_driver::Driver::connect(&strata_postgres::DRIVER, &server)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    conn.execute(
        "DO $$ BEGIN CREATE ROLE schemainspect_test_role; \
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
    )
    .await
    .unwrap_or_else(|e| panic!("creating the fixtures' role: {e}"));
    conn.close().await;
}

/// Runs a plan as `strata apply` does: the dialect's statements from
/// `around_transaction`, then the plan in one transaction.
pub async fn apply_plan(db: &TestDb, plan: &strata_diff::Plan) -> Vec<String> {
    let statements = plan.render(&SQL).unwrap();
    let (before, after) = SQL.around_transaction(plan);
    let mut all = before;
    all.push("BEGIN".into());
    all.extend(statements.iter().cloned());
    all.push("COMMIT".into());
    all.extend(after);
    run_statements(db, &all).await;
    statements
}
