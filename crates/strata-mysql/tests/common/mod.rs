//! Shared by the live tests: loading a script, inspecting, and the round
//! trip inspect -> create script -> load into an empty database -> inspect.
//!
//! The two databases of a round trip have different (unique) names, and a
//! MySQL schema is its database: both realms are compared with their
//! schema renamed to the neutral name [`NEUTRAL`]. That is meaningful
//! because the inspector keeps names in the inspected schema unqualified.

#![allow(dead_code)]

pub mod schemas;

use strata_diff::SqlDialect;
use strata_driver::InspectOptions;
use strata_model::Realm;
use strata_mysql::{DRIVER, SQL};
use strata_testkit::TestDb;

/// The name both sides of a comparison give their one schema.
pub const NEUTRAL: &str = "db";

pub async fn inspect(db: &TestDb) -> Realm {
    let mut conn = db.connect().await;
    let realm = conn
        .inspect(&InspectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("inspecting {} failed: {e}", db.name()));
    conn.close().await;
    realm
}

/// Inspects `db` and renames its schema to [`NEUTRAL`].
pub async fn inspect_neutral(db: &TestDb) -> Realm {
    let mut realm = inspect(db).await;
    realm.rename_schema(db.name(), NEUTRAL);
    realm
}

/// Loads a fresh database with `script` (strata's own splitter, which
/// honours DELIMITER).
pub async fn loaded(origin: &str, script: &str) -> TestDb {
    let db = TestDb::create(&DRIVER).await;
    db.load(script, origin).await;
    db
}

/// What a round trip found.
pub struct RoundTrip {
    pub first: Realm,
    pub second: Realm,
    pub script: String,
}

/// Loads `script` into a fresh database, inspects it, writes the create
/// script as a user sees it (`inspect --format sql`, DELIMITER blocks
/// included), loads that into another fresh database and inspects again.
pub async fn round_trip(origin: &str, script: &str) -> RoundTrip {
    let a = loaded(origin, script).await;
    let first = inspect_neutral(&a).await;
    let statements = strata_diff::create_script(&first, &SQL)
        .unwrap_or_else(|e| panic!("create script for {origin}: {e}"));
    let text = SQL.script(&statements);
    let b = TestDb::create(&DRIVER).await;
    let mut conn = b.connect().await;
    if let Err(e) = conn.execute_script(&text, origin).await {
        panic!("the create script of {origin} failed: {e}\n--- script:\n{text}");
    }
    conn.close().await;
    let second = inspect_neutral(&b).await;
    RoundTrip {
        first,
        second,
        script: text,
    }
}

/// Asserts that both realms of a round trip are identical.
pub fn assert_same(origin: &str, rt: &RoundTrip) {
    assert_realms_equal(origin, &rt.first, &rt.second, &rt.script);
}

pub fn assert_realms_equal(origin: &str, a: &Realm, b: &Realm, script: &str) {
    if a.to_json() != b.to_json() {
        panic!(
            "{origin}: the realm changed in the round trip\n{}\n--- create script:\n{script}",
            describe_difference(a, b),
        );
    }
}

/// The objects that differ, each with both JSON forms.
pub fn describe_difference(a: &Realm, b: &Realm) -> String {
    let mut out = String::new();
    if a.unsupported != b.unsupported {
        out.push_str(&format!(
            "unsupported:\n  {:?}\n  {:?}\n",
            a.unsupported, b.unsupported
        ));
    }
    let names: std::collections::BTreeSet<&String> =
        a.schemas.keys().chain(b.schemas.keys()).collect();
    for s in names {
        let (Some(x), Some(y)) = (a.schemas.get(s), b.schemas.get(s)) else {
            out.push_str(&format!("schema {s} only on one side\n"));
            continue;
        };
        if (&x.charset, &x.collation, &x.comment) != (&y.charset, &y.collation, &y.comment) {
            out.push_str(&format!("schema {s} defaults or comment differ\n"));
        }
        diff_map(&mut out, s, "table", &x.tables, &y.tables);
        diff_map(&mut out, s, "view", &x.views, &y.views);
        diff_map(&mut out, s, "routine", &x.routines, &y.routines);
        diff_map(&mut out, s, "event", &x.events, &y.events);
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
