//! `strata lint FILES…` and `strata lint --migrations`: migration lint
//! through the binary. Static analysis only, so no database is needed.

mod common;

use common::{run, strata};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A PostgreSQL script with two findings: a NOT NULL column without a
/// default (an error) and an index built without CONCURRENTLY.
const ADD_AGE: &str = "\
-- Users get an age.
SET lock_timeout = '3s';
ALTER TABLE users ADD COLUMN age int NOT NULL;
CREATE INDEX users_age_idx ON users (age);
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create directory");
    }
    std::fs::write(&path, text).expect("write file");
    path
}

/// Runs strata, expects exit 2 and returns the single stderr line.
fn one_error_line(dir: &Path, args: &[&str]) -> String {
    let out = strata(dir).args(args).output().expect("strata runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "args {args:?}: stderr {stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    lines[0].to_string()
}

/// `file:line:column rule` of each finding line of a text report.
fn finding_lines(text: &str) -> Vec<String> {
    text.lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.splitn(3, ' ').take(2).collect::<Vec<_>>().join(" "))
        .collect()
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn text_report_has_file_line_column_rule_and_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "add_age.sql", ADD_AGE);
    let out = run(dir.path(), &["lint", "add_age.sql"], 1);
    assert_eq!(
        finding_lines(&out),
        [
            "add_age.sql:3:30 not-null-column-without-default",
            "add_age.sql:4:1 index-without-concurrently",
        ],
        "{out}"
    );
    assert!(
        out.contains("add_age.sql:3:30 not-null-column-without-default column age is added to existing table users as NOT NULL without a default"),
        "{out}"
    );
    // Each rule that fired explains itself once, then a summary.
    assert!(
        out.contains("\nindex-without-concurrently (warning): ")
            && out.contains("\nnot-null-column-without-default (error): ")
            && out.contains("  why: "),
        "{out}"
    );
    assert!(
        out.ends_with("2 finding(s): 1 error(s), 1 warning(s), 0 note(s)\n"),
        "{out}"
    );
}

#[test]
fn json_report_lists_files_findings_and_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "add_age.sql", ADD_AGE);
    let doc = json_of(&run(
        dir.path(),
        &["lint", "add_age.sql", "--format", "json"],
        1,
    ));
    assert_eq!(doc["files"], serde_json::json!(["add_age.sql"]));
    let findings = doc["findings"].as_array().expect("findings");
    let got: Vec<(String, u64, u64, String)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().expect("path").to_string(),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
                f["rule"].as_str().expect("rule").to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "add_age.sql".to_string(),
                3,
                30,
                "not-null-column-without-default".to_string()
            ),
            (
                "add_age.sql".to_string(),
                4,
                1,
                "index-without-concurrently".to_string()
            ),
        ]
    );
    assert_eq!(findings[0]["severity"], "error");
    assert!(
        findings[1]["message"]
            .as_str()
            .unwrap()
            .contains("CONCURRENTLY")
    );
    assert!(findings[1]["rationale"].as_str().unwrap().len() > 80);
    let rules: Vec<&str> = doc["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert!(rules.contains(&"index-without-concurrently"), "{rules:?}");
    // The PostgreSQL rules ran, not the MySQL or SQLite ones.
    assert!(!rules.contains(&"mysql-blocking-alter"), "{rules:?}");
}

#[test]
fn sarif_report_is_2_1_0_with_rules_and_located_results() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "migrations/add_age.sql", ADD_AGE);
    let doc = json_of(&run(
        dir.path(),
        &["lint", "migrations/add_age.sql", "-f", "sarif"],
        1,
    ));
    assert_eq!(doc["version"], "2.1.0");
    let run0 = &doc["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "strata");
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(!rules.is_empty());
    let results = run0["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    for (result, (rule, line, column)) in results.iter().zip([
        ("not-null-column-without-default", 3, 30),
        ("index-without-concurrently", 4, 1),
    ]) {
        assert_eq!(result["ruleId"], rule);
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], rule);
        for field in ["shortDescription", "fullDescription"] {
            assert!(
                rules[index][field]["text"]
                    .as_str()
                    .is_some_and(|t| !t.is_empty()),
                "{}",
                rules[index]
            );
        }
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "migrations/add_age.sql"
        );
        assert_eq!(location["region"]["startLine"], line);
        assert_eq!(location["region"]["startColumn"], column);
        assert!(result["message"]["text"].as_str().is_some());
    }
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["level"], "warning");
}

#[test]
fn clean_scripts_exit_0_and_notes_do_not_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "clean.sql",
        "SET lock_timeout = '3s';\nALTER TABLE users ADD COLUMN nickname text;\n\
         CREATE INDEX CONCURRENTLY users_nickname_idx ON users (nickname);\n",
    );
    let out = run(dir.path(), &["lint", "clean.sql"], 0);
    assert_eq!(
        out, "\n0 finding(s): 0 error(s), 0 warning(s), 0 note(s)\n",
        "{out}"
    );
    // A statement strata cannot parse is a note: reported, exit 0.
    write(
        dir.path(),
        "do.sql",
        "DO $$ BEGIN PERFORM pg_sleep(0); END $$;\n",
    );
    let out = run(dir.path(), &["lint", "do.sql"], 0);
    assert_eq!(finding_lines(&out), ["do.sql:1:1 parse-error"], "{out}");
    assert!(
        out.contains("1 finding(s): 0 error(s), 0 warning(s), 1 note(s)"),
        "{out}"
    );
    let doc = json_of(&run(
        dir.path(),
        &["lint", "clean.sql", "--format", "json"],
        0,
    ));
    assert_eq!(doc["findings"], serde_json::json!([]));
}

#[test]
fn strata_ignore_silences_exactly_the_named_rule() {
    let dir = tempfile::tempdir().expect("tempdir");
    // No lock_timeout: missing-lock-timeout also fires on the ALTER.
    let unsuppressed = "\
ALTER TABLE users ADD COLUMN age int NOT NULL;
CREATE INDEX users_age_idx ON users (age);
";
    write(dir.path(), "plain.sql", unsuppressed);
    let out = run(dir.path(), &["lint", "plain.sql"], 1);
    assert_eq!(
        finding_lines(&out),
        [
            "plain.sql:1:1 missing-lock-timeout",
            "plain.sql:1:30 not-null-column-without-default",
            "plain.sql:2:1 index-without-concurrently",
        ],
        "{out}"
    );
    // After the statement on its line, and on the line before one.
    write(
        dir.path(),
        "ignored.sql",
        "\
ALTER TABLE users ADD COLUMN age int NOT NULL; -- strata:ignore not-null-column-without-default
-- strata:ignore index-without-concurrently
CREATE INDEX users_age_idx ON users (age);
",
    );
    let out = run(dir.path(), &["lint", "ignored.sql"], 1);
    assert_eq!(
        finding_lines(&out),
        ["ignored.sql:1:1 missing-lock-timeout"],
        "{out}"
    );
    // Several rules in one comment; the last finding gone means exit 0.
    write(
        dir.path(),
        "all.sql",
        "\
-- strata:ignore missing-lock-timeout, not-null-column-without-default
ALTER TABLE users ADD COLUMN age int NOT NULL;
CREATE INDEX users_age_idx ON users (age); -- strata:ignore index-without-concurrently
",
    );
    let out = run(dir.path(), &["lint", "all.sql"], 0);
    assert!(out.contains("0 finding(s)"), "{out}");
    // An ignore names a rule, not a statement: a different rule stays.
    write(
        dir.path(),
        "other.sql",
        "\
SET lock_timeout = '3s';
-- strata:ignore drop-table
CREATE INDEX users_age_idx ON users (age);
",
    );
    let out = run(dir.path(), &["lint", "other.sql"], 1);
    assert_eq!(
        finding_lines(&out),
        ["other.sql:3:1 index-without-concurrently"],
        "{out}"
    );
}

#[test]
fn rule_option_runs_only_the_named_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "add_age.sql", ADD_AGE);
    let out = run(
        dir.path(),
        &[
            "lint",
            "add_age.sql",
            "--rule",
            "index-without-concurrently",
        ],
        1,
    );
    assert_eq!(
        finding_lines(&out),
        ["add_age.sql:4:1 index-without-concurrently"],
        "{out}"
    );
    let out = run(
        dir.path(),
        &["lint", "add_age.sql", "--rule", "drop-table"],
        0,
    );
    assert!(out.contains("0 finding(s)"), "{out}");
}

/// `strata migrate new --empty` with its up script filled in; returns the
/// revision's folder relative to `dir`.
fn revision(dir: &Path, message: &str, up: &str, down: &str) -> String {
    let out = strata(dir)
        .args(["migrate", "new", message, "--empty"])
        // The strata.toml of `migrate init` reads its URL from here;
        // writing a revision never connects.
        .env("DATABASE_URL", "postgres://strata@127.0.0.1:1/app")
        .output()
        .expect("strata runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let folder = PathBuf::from(stdout.lines().next().expect("folder").trim());
    assert!(folder.join("revision.toml").is_file(), "{stdout}");
    std::fs::write(folder.join("up.sql"), up).expect("write up");
    std::fs::write(folder.join("down.sql"), down).expect("write down");
    // Ids are timestamps: keep them distinct.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let name = folder
        .file_name()
        .and_then(|n| n.to_str())
        .expect("utf-8 name");
    format!("migrations/{name}")
}

#[test]
fn migrations_directory_lints_up_scripts_in_their_transaction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let dir = dir.path();
    run(dir, &["migrate", "init"], 0);
    // A new table: nothing is risky about a table nobody uses yet.
    let create = revision(
        dir,
        "create users",
        "CREATE TABLE users (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    email text NOT NULL\n);\n\
         CREATE INDEX users_email_idx ON users (email);\n",
        // Down scripts undo on purpose: not linted.
        "DROP TABLE users;\n",
    );
    // CONCURRENTLY in a revision strata runs in a transaction: it fails.
    let in_transaction = revision(
        dir,
        "index lower email",
        "CREATE INDEX CONCURRENTLY users_lower_email_idx ON users (lower(email));\n",
        "DROP INDEX CONCURRENTLY users_lower_email_idx;\n",
    );
    // The same, opted out of the transaction: fine.
    let no_transaction = revision(
        dir,
        "index email domain",
        "-- strata:no-transaction\n\
         CREATE INDEX CONCURRENTLY users_email_domain_idx ON users (split_part(email, '@', 2));\n",
        "DROP INDEX CONCURRENTLY users_email_domain_idx;\n",
    );
    // BEGIN/COMMIT of its own inside strata's transaction.
    let nested = revision(
        dir,
        "add locale",
        "BEGIN;\nSET LOCAL lock_timeout = '3s';\nALTER TABLE users ADD COLUMN locale text;\nCOMMIT;\n",
        "ALTER TABLE users DROP COLUMN locale;\n",
    );

    // --migrations with no DIR: strata.toml's `migrations`.
    let out = run(dir, &["lint", "--migrations"], 1);
    assert_eq!(
        finding_lines(&out),
        [
            format!("{in_transaction}/up.sql:1:14 concurrently-in-transaction"),
            format!("{nested}/up.sql:1:1 transaction-nesting"),
        ],
        "{out}"
    );
    assert!(
        out.contains("make `-- strata:no-transaction` its first line"),
        "{out}"
    );
    assert!(
        !out.contains(&create) && !out.contains(&no_transaction),
        "{out}"
    );
    assert!(!out.contains("down.sql"), "{out}");

    // An explicit directory, and JSON listing every up script linted.
    let doc = json_of(&run(
        dir,
        &["lint", "--migrations", "migrations", "--format", "json"],
        1,
    ));
    let files: Vec<&str> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("path"))
        .collect();
    let expected: Vec<String> = [&create, &in_transaction, &no_transaction, &nested]
        .iter()
        .map(|r| format!("{r}/up.sql"))
        .collect();
    assert_eq!(files, expected);

    // The same up script linted as a plain file (`lint FILE`) is still
    // known to be a revision's, so it runs in a transaction.
    let out = run(dir, &["lint", &format!("{in_transaction}/up.sql")], 1);
    assert_eq!(
        finding_lines(&out),
        [format!(
            "{in_transaction}/up.sql:1:14 concurrently-in-transaction"
        )],
        "{out}"
    );
    // A copy outside the migrations directory is a plain script, which
    // runs outside any transaction.
    std::fs::copy(
        dir.join(&in_transaction).join("up.sql"),
        dir.join("standalone.sql"),
    )
    .expect("copy");
    let out = run(dir, &["lint", "standalone.sql"], 0);
    assert!(out.contains("0 finding(s)"), "{out}");
}

#[test]
fn missing_migrations_directory_is_one_error_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = one_error_line(dir.path(), &["lint", "--migrations", "nowhere"]);
    assert!(
        line.contains("no migrations directory at nowhere"),
        "{line}"
    );
}

#[test]
fn dialect_comes_from_the_script_or_the_dialect_option() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Backquotes give MySQL away.
    write(
        dir.path(),
        "mysql.sql",
        "SET SESSION lock_wait_timeout = 5;\nALTER TABLE `users` MODIFY COLUMN `age` BIGINT NOT NULL;\n",
    );
    // PRAGMA gives SQLite away.
    write(
        dir.path(),
        "sqlite.sql",
        "PRAGMA foreign_keys = ON;\nALTER TABLE users ADD COLUMN score INTEGER NOT NULL;\n",
    );
    let out = run(dir.path(), &["lint", "mysql.sql", "sqlite.sql"], 1);
    let lines = finding_lines(&out);
    assert!(
        lines.contains(&"mysql.sql:2:21 mysql-blocking-alter".to_string()),
        "{out}"
    );
    assert!(
        lines.contains(&"sqlite.sql:2:30 sqlite-unsupported-alter".to_string()),
        "{out}"
    );
    // A file's directory is linted file by file, each in its own dialect.
    let doc = json_of(&run(dir.path(), &["lint", ".", "-f", "json"], 1));
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    assert!(
        rules.contains(&"mysql-blocking-alter") && rules.contains(&"sqlite-unsupported-alter"),
        "{rules:?}"
    );

    // Nothing gives this one away: PostgreSQL, unless --dialect says.
    write(
        dir.path(),
        "plain.sql",
        "SET SESSION lock_wait_timeout = 5;\nALTER TABLE users MODIFY COLUMN age BIGINT NOT NULL;\n",
    );
    let out = run(dir.path(), &["lint", "plain.sql"], 1);
    assert!(!out.contains("mysql-blocking-alter"), "{out}");
    let out = run(dir.path(), &["lint", "--dialect", "mysql", "plain.sql"], 1);
    assert_eq!(
        finding_lines(&out),
        ["plain.sql:2:19 mysql-blocking-alter"],
        "{out}"
    );
    // --dialect wins over the script's own spelling.
    let out = run(
        dir.path(),
        &["lint", "--dialect", "sqlite", "sqlite.sql"],
        1,
    );
    assert!(out.contains("sqlite-unsupported-alter"), "{out}");
    let out = run(
        dir.path(),
        &["lint", "--dialect", "postgres", "sqlite.sql"],
        1,
    );
    assert!(!out.contains("sqlite-unsupported-alter"), "{out}");
    assert!(out.contains("not-null-column-without-default"), "{out}");

    // A SQLite table rebuild.
    write(
        dir.path(),
        "rebuild.sql",
        "\
PRAGMA foreign_keys = OFF;
CREATE TABLE new_users (id INTEGER PRIMARY KEY, age INTEGER NOT NULL DEFAULT 0);
INSERT INTO new_users (id, age) SELECT id, coalesce(age, 0) FROM users;
DROP TABLE users;
ALTER TABLE new_users RENAME TO users;
PRAGMA foreign_keys = ON;
",
    );
    let out = run(
        dir.path(),
        &["lint", "rebuild.sql", "--rule", "sqlite-table-rebuild"],
        1,
    );
    assert_eq!(
        finding_lines(&out),
        ["rebuild.sql:5:1 sqlite-table-rebuild"],
        "{out}"
    );
}

#[test]
fn unknown_rule_is_one_error_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "add_age.sql", ADD_AGE);
    let line = one_error_line(
        dir.path(),
        &["lint", "add_age.sql", "--rule", "no-such-rule"],
    );
    assert!(
        line.starts_with("error: unknown lint rule 'no-such-rule'"),
        "{line}"
    );
    assert!(line.contains("index-without-concurrently"), "{line}");
}

#[test]
fn missing_file_is_one_error_line_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = one_error_line(dir.path(), &["lint", "no/such.sql"]);
    assert!(line.contains("no/such.sql"), "{line}");
    assert!(line.contains("No such file"), "{line}");
}

#[test]
fn unknown_format_is_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "add_age.sql", ADD_AGE);
    let out = strata(dir.path())
        .args(["lint", "add_age.sql", "--format", "xml"])
        .output()
        .expect("strata runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("xml"));
}

#[test]
fn list_rules_includes_the_migration_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["lint", "--list-rules"], 0);
    assert!(
        out.contains("\nmigration rules (strata lint FILES… | --migrations):\n"),
        "{out}"
    );
    for id in [
        "concurrently-in-transaction",
        "mysql-blocking-alter",
        "sqlite-table-rebuild",
    ] {
        assert!(out.contains(&format!("\n{id} (")), "{id}: {out}");
    }
}
