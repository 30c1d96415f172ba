//! Shared by the docs tests: corpus schemas loaded into real databases,
//! where artefacts go, and the browser/diagram checker (tests/browser).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use strata_docs::{Graph, Selection};
use strata_driver::{Driver, InspectOptions};
use strata_model::Realm;
use strata_testkit::{TestDb, corpus};

/// Loads `script` into a fresh database of `driver` and inspects it. The
/// database is returned too, so it lives as long as the test needs it.
pub async fn realm_of(driver: &'static dyn Driver, script: &str, origin: &str) -> (TestDb, Realm) {
    let db = TestDb::create(driver).await;
    db.load(script, origin).await;
    let mut conn = db.connect().await;
    let realm = conn
        .inspect(&InspectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("inspecting {origin} failed: {e}"));
    conn.close().await;
    (db, realm)
}

pub async fn chinook_sqlite() -> (TestDb, Realm) {
    let script = corpus::read("chinook/Chinook_Sqlite.sql");
    realm_of(
        &strata_sqlite::DRIVER,
        &script,
        "chinook/Chinook_Sqlite.sql",
    )
    .await
}

pub async fn pagila() -> (TestDb, Realm) {
    let script = corpus::read("pagila/pagila-schema.sql");
    realm_of(
        &strata_postgres::DRIVER,
        &script,
        "pagila/pagila-schema.sql",
    )
    .await
}

pub async fn sakila_postgres() -> (TestDb, Realm) {
    let script = corpus::read("sakila/postgres-sakila-schema.sql");
    realm_of(
        &strata_postgres::DRIVER,
        &script,
        "sakila/postgres-sakila-schema.sql",
    )
    .await
}

/// Sakila on MariaDB: the published file creates and uses a schema named
/// `sakila`; those lines are dropped so it loads into the test database.
pub async fn sakila_mariadb() -> (TestDb, Realm) {
    let script = corpus::without_lines(&corpus::read("sakila/mysql-sakila-schema.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop schema") || l.starts_with("create schema") || l.starts_with("use ")
    })
    .replace("sakila.", "");
    realm_of(
        &strata_mysql::DRIVER,
        &script,
        "sakila/mysql-sakila-schema.sql",
    )
    .await
}

/// A folder for what a test leaves to look at (sites, screenshots), under
/// the cargo target directory; emptied first.
pub fn artefacts(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("strata-docs-artefacts").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the artefacts folder");
    dir
}

/// Runs tests/browser/check.mjs on a job and fails with its output.
pub fn run_checker(job: &serde_json::Value, dir: &Path) {
    let browser = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    assert!(
        browser.join("node_modules/playwright-core").is_dir(),
        "tests/browser has no node_modules: run scripts/setup-test-deps"
    );
    let job_file = dir.join("check-job.json");
    std::fs::write(
        &job_file,
        serde_json::to_string_pretty(job).expect("job json"),
    )
    .expect("write job");
    let out = Command::new("node")
        .arg(browser.join("check.mjs"))
        .arg(&job_file)
        .current_dir(&browser)
        .output()
        .expect("node runs (install Node.js, then run scripts/setup-test-deps)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "the browser/diagram checks failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("all checks passed"), "{stdout}");
}

/// Writes the Mermaid and DOT diagrams of a selection and returns the
/// checker's entries for them (expected entity/node and edge counts).
pub fn diagram_jobs(
    graph: &Graph,
    selection: &Selection,
    dir: &Path,
    name: &str,
) -> (serde_json::Value, serde_json::Value) {
    let mermaid = dir.join(format!("{name}.mmd"));
    let dot = dir.join(format!("{name}.dot"));
    std::fs::write(&mermaid, strata_docs::mermaid(graph, selection)).expect("write mmd");
    std::fs::write(&dot, strata_docs::dot(graph, selection)).expect("write dot");
    (
        serde_json::json!({
            "file": mermaid,
            "entities": selection.nodes.len(),
            "relationships": selection.edges.len(),
        }),
        serde_json::json!({
            "file": dot,
            "nodes": selection.nodes.len(),
            "edges": selection.edges.len(),
        }),
    )
}

/// The checker's site job: every table, every foreign key, a search.
pub fn site_job(
    realm: &Realm,
    dir: &Path,
    search: (&str, &str),
    shots: &Path,
) -> serde_json::Value {
    let graph = Graph::new(realm);
    let tables: Vec<String> = graph.nodes.iter().map(|n| n.qualified()).collect();
    serde_json::json!({
        "dir": dir,
        "tables": tables,
        "foreign_keys": graph.edges.len(),
        "search": {"query": search.0, "expect": search.1},
        "screenshot": shots.join("index.png"),
        "table_screenshot": shots.join("table.png"),
    })
}
