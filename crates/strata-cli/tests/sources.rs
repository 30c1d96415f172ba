//! Desired-state SQL sources: dev databases, throw-away servers, and their
//! failures.

mod common;

use common::run;
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn unreachable_dev_database_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("s.sql"), "CREATE TABLE t (a int);\n").expect("write");
    let out = run(
        dir.path(),
        &[
            "inspect",
            "s.sql",
            "--dev-url",
            "postgres://dev:pw-secret@127.0.0.1:1/dev",
        ],
        2,
    );
    assert!(
        out.contains("dev database (--dev-url) is not usable"),
        "{out}"
    );
    assert!(out.contains("cannot connect"), "{out}");
    assert!(!out.contains("pw-secret"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn broken_desired_state_file_names_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("schema.sql"),
        "CREATE TABLE a (x integer);\n\nCREATE TABLE b (x integer REFERENCES);\n",
    )
    .expect("write");
    let out = run(dir.path(), &["diff", "sqlite::memory:", "schema.sql"], 2);
    assert!(out.contains("schema.sql:3"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn a_directory_of_sql_files_is_loaded_in_name_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = dir.path().join("schema");
    std::fs::create_dir_all(schema.join("b")).expect("mkdir");
    std::fs::write(
        schema.join("a_tables.sql"),
        "CREATE TABLE a (x integer PRIMARY KEY);\n",
    )
    .expect("write");
    std::fs::write(
        schema.join("b").join("views.sql"),
        "CREATE VIEW v AS SELECT x FROM a;\n",
    )
    .expect("write");
    let out = run(dir.path(), &["inspect", "schema"], 0);
    assert!(out.contains("table a") && out.contains("view v"), "{out}");
}

fn leftovers(pattern: &str) -> Vec<String> {
    std::fs::read_dir(std::env::temp_dir())
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(pattern))
                .collect()
        })
        .unwrap_or_default()
}

fn server_processes(dir_prefix: &str) -> usize {
    let out = std::process::Command::new("ps")
        .args(["-eo", "args"])
        .output()
        .expect("ps runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(dir_prefix))
        .count()
}

/// Ctrl-C while a throw-away server is loading desired-state SQL leaves no
/// server process and no temporary directory behind.
#[test]
fn ctrl_c_leaves_no_throwaway_server_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("slow.sql"),
        "CREATE TABLE t (a integer);\nSELECT pg_sleep(60);\n",
    )
    .expect("write");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("strata"))
        .current_dir(dir.path())
        .args(["inspect", "slow.sql", "--dialect", "postgres"])
        .env_remove("STRATA_DEV_URL")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let prefix = format!("strata-pg-{}-", child.id());
    let data_dir = std::env::temp_dir().join(&prefix);
    // Wait until the server is up and the slow statement is running.
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let dirs = leftovers(&prefix);
        if let Some(d) = dirs.first()
            && Path::new(&std::env::temp_dir().join(d).join("data/postmaster.pid")).exists()
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !leftovers(&prefix).is_empty(),
        "the throw-away server never started"
    );
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline
        && (server_processes(&prefix) > 0 || !leftovers(&prefix).is_empty())
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server_processes(&prefix), 0, "a server process is left");
    assert!(
        leftovers(&prefix).is_empty(),
        "{} is left",
        data_dir.display()
    );
}

/// Desired-state SQL that names no character set means "the database's
/// default": the dev database takes the live database's defaults, so a
/// latin1 database compared on a utf8mb4 dev server shows no difference.
#[tokio::test]
async fn mysql_dev_database_takes_the_live_defaults() {
    use strata_model::Dialect;
    let db = strata_testkit::TestDb::create(strata_engine::driver_for(Dialect::Mysql)).await;
    db.load(
        "ALTER DATABASE CHARACTER SET latin1 COLLATE latin1_swedish_ci;\nCREATE TABLE t (id int PRIMARY KEY, name varchar(20));\n",
        "setup",
    )
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("schema.sql"),
        "CREATE TABLE t (id int PRIMARY KEY, name varchar(20));\n",
    )
    .expect("write");
    let dev = strata_testkit::server_url(Dialect::Mysql).expose();
    run(
        dir.path(),
        &["diff", &db.url.expose(), "schema.sql", "--dev-url", &dev],
        0,
    );
}
