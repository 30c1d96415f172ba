//! Bad input gets one clear error line on stderr and exit code 2: never a
//! panic, never a password.

use assert_cmd::Command;

fn strata() -> Command {
    let mut cmd = Command::cargo_bin("strata").expect("the strata binary is built");
    cmd.env_remove("DATABASE_URL").env_remove("STRATA_DEV_URL");
    cmd
}

/// Runs strata, expects exit 2 and returns the single stderr line.
fn one_error_line(args: &[&str]) -> String {
    let out = strata().args(args).output().expect("strata runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "args {args:?}: stderr {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    lines[0].to_string()
}

#[test]
fn unknown_url_scheme() {
    let line = one_error_line(&["inspect", "oracle://scott:tiger@db/orcl"]);
    assert!(
        line.contains("unknown database URL scheme 'oracle'"),
        "{line}"
    );
    assert!(!line.contains("tiger"), "{line}");
}

#[test]
fn malformed_url_never_shows_the_password() {
    let line = one_error_line(&["inspect", "postgres://u:hunter2@[::1/db"]);
    assert!(line.contains("malformed database URL"), "{line}");
    assert!(!line.contains("hunter2"), "{line}");
}

#[test]
fn unknown_url_parameter() {
    let line = one_error_line(&["inspect", "postgres://u@localhost/db?sslmode=sometimes"]);
    assert!(line.contains("sslmode"), "{line}");
}

#[test]
fn missing_source_file() {
    let line = one_error_line(&["inspect", "no/such/schema.sql"]);
    assert!(
        line.contains("neither a database URL nor an existing file"),
        "{line}"
    );
}

#[test]
fn no_source_and_no_database_url() {
    let line = one_error_line(&["inspect"]);
    assert!(line.contains("DATABASE_URL"), "{line}");
}

#[test]
fn database_url_is_the_default_source() {
    let out = strata()
        .args(["inspect"])
        .env("DATABASE_URL", "oracle://x/y")
        .output()
        .expect("strata runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'oracle'"));
}

#[test]
fn refused_connection_is_one_line_without_password() {
    // Port 1 on loopback: nothing listens there.
    let line = one_error_line(&["inspect", "postgres://alice:s3cret-pw@127.0.0.1:1/app"]);
    assert!(line.contains("cannot connect"), "{line}");
    assert!(!line.contains("s3cret-pw"), "{line}");
}

#[test]
fn bad_table_glob() {
    let dir = tempfile::tempdir().expect("tempdir");
    let snapshot = dir.path().join("s.json");
    std::fs::write(
        &snapshot,
        r#"{"format_version":1,"dialect":"sqlite","server":{"version":"3"}}"#,
    )
    .expect("write");
    let line = one_error_line(&[
        "inspect",
        snapshot.to_str().unwrap_or_default(),
        "--table",
        "a[",
    ]);
    assert!(line.contains("invalid table pattern"), "{line}");
}

#[test]
fn file_that_is_not_a_snapshot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let snapshot = dir.path().join("s.json");
    std::fs::write(&snapshot, "{ not json").expect("write");
    let line = one_error_line(&["inspect", snapshot.to_str().unwrap_or_default()]);
    assert!(line.contains("not a strata JSON snapshot"), "{line}");
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let out = strata().args(["frobnicate"]).output().expect("strata runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_password_in_the_query_never_shows() {
    let line = one_error_line(&[
        "inspect",
        "postgres://alice@127.0.0.1:1/app?password=zz-query-secret",
    ]);
    assert!(line.contains("cannot connect"), "{line}");
    assert!(!line.contains("zz-query-secret"), "{line}");
}
