//! `strata test`: migration validation on a throw-away database.

mod common;

use common::{project, run, target};
use std::path::Path;
use strata_model::Dialect;

fn revision(dir: &Path, message: &str, head: Option<&str>, up: &str, down: &str) -> String {
    let mut args = vec!["migrate", "new", message];
    if let Some(h) = head {
        args.extend(["--head", h]);
    }
    let out = run(dir, &args, 0);
    let folder = std::path::PathBuf::from(out.lines().next().expect("folder").trim());
    std::fs::write(folder.join("up.sql"), up).expect("write up");
    std::fs::write(folder.join("down.sql"), down).expect("write down");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    folder
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('_').next())
        .expect("id")
        .to_string()
}

/// A correct history: two revisions and a matching schema.
fn good_history(dir: &Path) -> (String, String) {
    let a = revision(
        dir,
        "users",
        None,
        "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n",
        "DROP TABLE users;\n",
    );
    let b = revision(
        dir,
        "names",
        None,
        "ALTER TABLE users ADD COLUMN name text;\n",
        "ALTER TABLE users DROP COLUMN name;\n",
    );
    std::fs::write(
        dir.join("schema.sql"),
        "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text);\n",
    )
    .expect("write schema");
    (a, b)
}

fn junit_failures(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).expect("junit written");
    let doc = roxmltree::Document::parse(&text).expect("the JUnit file is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a testsuite");
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(
        suite
            .attribute("tests")
            .and_then(|t| t.parse::<usize>().ok()),
        Some(cases.len())
    );
    for c in &cases {
        assert!(c.attribute("name").is_some() && c.attribute("classname").is_some());
        assert!(
            c.attribute("time")
                .and_then(|t| t.parse::<f64>().ok())
                .is_some()
        );
    }
    let failures: Vec<(String, String)> = cases
        .iter()
        .filter_map(|c| {
            let f = c.children().find(|n| n.has_tag_name("failure"))?;
            Some((
                c.attribute("name").unwrap_or_default().to_string(),
                f.attribute("message").unwrap_or_default().to_string(),
            ))
        })
        .collect();
    assert_eq!(
        suite
            .attribute("failures")
            .and_then(|t| t.parse::<usize>().ok()),
        Some(failures.len())
    );
    failures
}

async fn passes_a_correct_history(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    good_history(&dir);
    let out = run(&dir, &["test", "--junit", "junit.xml"], 0);
    assert!(out.contains("0 failed") && out.contains("slowest"), "{out}");
    assert!(junit_failures(&dir.join("junit.xml")).is_empty());
}

async fn catches_a_down_that_leaves_a_column(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let (_, b) = good_history(&dir);
    let folder = std::fs::read_dir(dir.join("migrations"))
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(&b))
        .expect("revision");
    std::fs::write(folder.join("down.sql"), "-- forgot to drop the column\n").expect("write");
    let out = run(&dir, &["test", "--junit", "junit.xml"], 1);
    assert!(out.contains(&format!("FAIL  stairway {b}")), "{out}");
    assert!(
        out.contains(&format!("1 check(s) failed: stairway {b}")),
        "{out}"
    );
    assert!(
        !out.contains("error:"),
        "a failed check is a finding: {out}"
    );
    assert!(
        out.contains("left behind") && out.contains("users"),
        "{out}"
    );
    let failures = junit_failures(&dir.join("junit.xml"));
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].0.contains(&b));
}

async fn catches_a_second_head(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let (a, _) = good_history(&dir);
    revision(
        &dir,
        "side",
        Some(&a),
        "CREATE TABLE side (x integer);\n",
        "DROP TABLE side;\n",
    );
    let out = run(&dir, &["test"], 1);
    assert!(out.contains("FAIL  single-head: 2 heads"), "{out}");
    assert!(out.contains("check(s) failed: single-head"), "{out}");
}

async fn catches_a_head_that_differs_from_the_schema(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    good_history(&dir);
    std::fs::write(
        dir.join("schema.sql"),
        "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, name text, age integer);\n",
    )
    .expect("write");
    let out = run(&dir, &["test"], 1);
    assert!(
        out.contains("FAIL  matches-schema") && out.contains("users"),
        "{out}"
    );
    assert!(out.contains("1 check(s) failed: matches-schema"), "{out}");
}

#[tokio::test]
async fn sqlite_passes_a_correct_history() {
    passes_a_correct_history(Dialect::Sqlite).await;
}

#[tokio::test]
async fn sqlite_catches_a_down_that_leaves_a_column() {
    catches_a_down_that_leaves_a_column(Dialect::Sqlite).await;
}

#[tokio::test]
async fn sqlite_catches_a_second_head() {
    catches_a_second_head(Dialect::Sqlite).await;
}

#[tokio::test]
async fn sqlite_catches_a_head_that_differs_from_the_schema() {
    catches_a_head_that_differs_from_the_schema(Dialect::Sqlite).await;
}

#[tokio::test]
async fn postgres_passes_a_correct_history() {
    passes_a_correct_history(Dialect::Postgres).await;
}

#[tokio::test]
async fn postgres_catches_a_down_that_leaves_a_column() {
    catches_a_down_that_leaves_a_column(Dialect::Postgres).await;
}

#[tokio::test]
async fn postgres_catches_a_second_head() {
    catches_a_second_head(Dialect::Postgres).await;
}

#[tokio::test]
async fn postgres_catches_a_head_that_differs_from_the_schema() {
    catches_a_head_that_differs_from_the_schema(Dialect::Postgres).await;
}

#[tokio::test]
async fn mariadb_passes_a_correct_history() {
    passes_a_correct_history(Dialect::Mysql).await;
}

#[tokio::test]
async fn mariadb_catches_a_down_that_leaves_a_column() {
    catches_a_down_that_leaves_a_column(Dialect::Mysql).await;
}

#[tokio::test]
async fn mariadb_catches_a_second_head() {
    catches_a_second_head(Dialect::Mysql).await;
}

#[tokio::test]
async fn mariadb_catches_a_head_that_differs_from_the_schema() {
    catches_a_head_that_differs_from_the_schema(Dialect::Mysql).await;
}

/// An error is not a finding: a dev database that cannot be reached exits 2,
/// a failed check exits 1.
#[test]
fn unreachable_dev_database_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("strata.toml"),
        "dialect = \"postgres\"\ndev_url = \"postgres://dev:pw-secret@127.0.0.1:1/dev\"\n",
    )
    .expect("write strata.toml");
    revision(
        dir.path(),
        "users",
        None,
        "CREATE TABLE users (id integer PRIMARY KEY);\n",
        "DROP TABLE users;\n",
    );
    let out = run(dir.path(), &["test"], 2);
    assert!(out.contains("error:"), "{out}");
    assert!(!out.contains("pw-secret"), "{out}");
}

fn throwaway_dirs(prefix: &str) -> Vec<String> {
    std::fs::read_dir(std::env::temp_dir())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

fn throwaway_processes(prefix: &str) -> Vec<String> {
    let out = std::process::Command::new("ps")
        .args(["-eo", "args"])
        .output()
        .expect("ps runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(prefix))
        .map(str::to_string)
        .collect()
}

/// Without a dev URL, `strata test` on PostgreSQL proves the history on a
/// throw-away server started from the local binaries, and leaves neither a
/// server process nor its temporary directory behind.
#[test]
fn postgres_without_a_dev_url_uses_a_throwaway_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("strata.toml"),
        "dialect = \"postgres\"\nschema = \"schema.sql\"\n",
    )
    .expect("write strata.toml");
    good_history(dir.path());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("strata"))
        .current_dir(dir.path())
        .args(["test", "--junit", "junit.xml"])
        .env_remove("DATABASE_URL")
        .env_remove("STRATA_DEV_URL")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let prefix = format!("strata-pg-{}-", child.id());
    // Watch for the throw-away server's directory while strata runs: proof
    // that it really started one (initdb alone takes well over a poll).
    let mut started = false;
    while child.try_wait().expect("try_wait").is_none() {
        started |= !throwaway_dirs(&prefix).is_empty();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("wait");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("0 failed") && text.contains("ok    matches-schema"),
        "{text}"
    );
    assert!(junit_failures(&dir.path().join("junit.xml")).is_empty());
    assert!(started, "no throw-away server was started: {text}");
    // The server is stopped (and its directory removed) before strata exits;
    // allow a moment for the process table to catch up.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline
        && (!throwaway_processes(&prefix).is_empty() || !throwaway_dirs(&prefix).is_empty())
    {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(
        throwaway_processes(&prefix),
        Vec::<String>::new(),
        "a throw-away server process is left"
    );
    assert_eq!(
        throwaway_dirs(&prefix),
        Vec::<String>::new(),
        "a throw-away server directory is left in {}",
        std::env::temp_dir().display()
    );
}
