//! Helpers shared by the live SQLite tests: real database files in
//! temporary directories through `strata_testkit::TestDb`.

#![allow(dead_code)]

use strata_diff::SqlDialect;
use strata_driver::InspectOptions;
use strata_model::Realm;
use strata_testkit::TestDb;

/// A fresh database with `script` loaded.
pub async fn load(script: &str, origin: &str) -> TestDb {
    let db = TestDb::create(&strata_sqlite::DRIVER).await;
    db.load(script, origin).await;
    db
}

pub async fn inspect(db: &TestDb) -> Realm {
    let mut conn = db.connect().await;
    let realm = conn
        .inspect(&InspectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("inspecting {} failed: {e}", db.url));
    conn.close().await;
    realm
}

/// The script `strata inspect --format sql` prints for a realm.
pub fn create_script(realm: &Realm) -> String {
    let statements = strata_diff::create_script(realm, &strata_sqlite::SQL)
        .unwrap_or_else(|e| panic!("create_script failed: {e}"));
    strata_sqlite::SQL.script(&statements)
}

/// Inspects `db`, writes its create script, loads that into a fresh
/// database and inspects it again: the two realms must be identical.
/// Returns the first realm and the script.
pub async fn assert_round_trip(db: &TestDb) -> (Realm, String) {
    let first = inspect(db).await;
    let script = create_script(&first);
    let copy = load(&script, "create_script").await;
    let second = inspect(&copy).await;
    if first.to_json() != second.to_json() {
        let a = first.to_json();
        let b = second.to_json();
        let line = a
            .lines()
            .zip(b.lines())
            .position(|(x, y)| x != y)
            .unwrap_or(0);
        panic!(
            "round trip changed the model near JSON line {line}:\n  before: {}\n  after:  {}\n--- script ---\n{script}",
            a.lines().nth(line).unwrap_or(""),
            b.lines().nth(line).unwrap_or("")
        );
    }
    (first, script)
}
