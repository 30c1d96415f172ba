//! `strata diff` and `strata apply` through the binary: exit codes, the
//! three formats, the refusal of destructive changes, `--dry-run`, renames
//! and what a failed plan leaves behind.

mod common;

use common::{run, strata, target};
use strata_model::Dialect;

const V1: &str = "CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL, born integer);
CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id), title text);
";
/// Adds a column and an index: safe.
const V2: &str =
    "CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL, born integer, country text);
CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id), title text);
CREATE INDEX book_title ON book (title);
";
/// Drops a column: destructive.
const V3: &str = "CREATE TABLE author (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE book (id integer PRIMARY KEY, author_id integer REFERENCES author (id), title text);
";

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write");
}

/// diff exits 0 with no output when the two sides match, 1 with the plan
/// when they differ; text, json and sql formats; apply makes it so.
#[tokio::test]
async fn diff_formats_exit_codes_and_apply() {
    for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::Mysql] {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        let t = target(dialect, d).await;
        write(d, "v1.sql", V1);
        write(d, "v2.sql", V2);
        let go = |args: &[&str], code: i32| run_with_dev(d, &t, args, code);
        go(&["apply", &t.url, "--to", "v1.sql"], 0);
        // The same schema: exit 0, nothing printed on stdout.
        let mut same = strata(d);
        same.args(["diff", &t.url, "v1.sql"]);
        if let Some(u) = &t.dev_url {
            same.args(["--dev-url", u]);
        }
        let out = same.output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{dialect}: {out:?}");
        assert!(out.stdout.is_empty(), "{dialect}: {out:?}");

        let sql = go(&["diff", &t.url, "v2.sql"], 1);
        assert!(sql.contains("ADD COLUMN"), "{dialect}: {sql}");
        assert!(sql.contains("book_title"), "{dialect}: {sql}");
        let text = go(&["diff", &t.url, "v2.sql", "--format", "text"], 1);
        assert!(text.contains("~ alter table"), "{dialect}: {text}");
        assert!(text.contains("+ create index"), "{dialect}: {text}");
        assert!(text.contains("0 destructive"), "{dialect}: {text}");
        let json = go(&["diff", &t.url, "v2.sql", "--format", "json"], 1);
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(v["destructive"], 0, "{dialect}: {json}");
        assert!(
            v["changes"].as_array().is_some_and(|c| !c.is_empty()),
            "{dialect}: {json}"
        );

        // --dry-run prints the plan and changes nothing.
        let dry = go(&["apply", &t.url, "--to", "v2.sql", "--dry-run"], 0);
        assert!(dry.contains("book_title"), "{dialect}: {dry}");
        go(&["diff", &t.url, "v1.sql"], 0);
        // apply, then nothing is left to do.
        go(&["apply", &t.url, "--to", "v2.sql"], 0);
        go(&["diff", &t.url, "v2.sql"], 0);
    }
}

/// `run`, with the target's dev server for desired-state SQL.
fn run_with_dev(d: &std::path::Path, t: &common::Target, args: &[&str], code: i32) -> String {
    let mut v: Vec<&str> = args.to_vec();
    if let Some(u) = &t.dev_url {
        v.extend(["--dev-url", u.as_str()]);
    }
    run(d, &v, code)
}

/// Destructive steps are withheld without --unsafe (exit 2, the steps
/// listed, nothing run) and made with it.
#[tokio::test]
async fn destructive_changes_need_unsafe() {
    for dialect in [Dialect::Sqlite, Dialect::Postgres, Dialect::Mysql] {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        let t = target(dialect, d).await;
        write(d, "v1.sql", V1);
        write(d, "v3.sql", V3);
        let go = |args: &[&str], code: i32| run_with_dev(d, &t, args, code);
        go(&["apply", &t.url, "--to", "v1.sql"], 0);
        for command in [
            vec!["diff", t.url.as_str(), "v3.sql"],
            vec!["apply", t.url.as_str(), "--to", "v3.sql"],
        ] {
            let out = go(&command, 2);
            assert!(
                out.contains("refusing 1 destructive change(s) without --unsafe")
                    && out.contains("born"),
                "{dialect} {command:?}: {out}"
            );
            assert_eq!(out.trim().lines().count(), 1, "{dialect}: {out}");
        }
        // Nothing ran.
        go(&["diff", &t.url, "v1.sql"], 0);
        let sql = go(&["diff", &t.url, "v3.sql", "--unsafe"], 1);
        assert!(sql.contains("DROP COLUMN"), "{dialect}: {sql}");
        go(&["apply", &t.url, "--to", "v3.sql", "--unsafe"], 0);
        go(&["diff", &t.url, "v3.sql"], 0);
    }
}

/// `--rename` keeps rows; the column rule may name its table by either
/// name; a rename of something that does not exist is an error.
#[test]
fn renames_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let db = d.join("app.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    write(
        d,
        "old.sql",
        "CREATE TABLE users (id integer PRIMARY KEY, mail text);",
    );
    write(
        d,
        "new.sql",
        "CREATE TABLE people (id integer PRIMARY KEY, email text);",
    );
    run(d, &["apply", &url, "--to", "old.sql"], 0);
    let out = run(
        d,
        &[
            "diff",
            &url,
            "new.sql",
            "--rename",
            "table:users=people",
            "--rename",
            "column:users.mail=email",
            "--format",
            "text",
        ],
        1,
    );
    assert!(out.contains("0 destructive"), "{out}");
    let out = run(
        d,
        &[
            "diff",
            &url,
            "new.sql",
            "--rename",
            "table:users=people",
            "--rename",
            "column:people.mail=email",
            "--format",
            "text",
        ],
        1,
    );
    assert!(out.contains("0 destructive"), "{out}");
    let out = run(
        d,
        &[
            "diff",
            &url,
            "new.sql",
            "--rename",
            "column:users.nope=email",
        ],
        2,
    );
    assert!(out.contains("has no column nope"), "{out}");
    let out = run(
        d,
        &["diff", &url, "new.sql", "--rename", "table:nobody=people"],
        2,
    );
    assert!(out.contains("no table"), "{out}");
}

/// A plan that fails part-way on PostgreSQL changes nothing (one
/// transaction), and the error says so.
#[tokio::test]
async fn a_failing_plan_is_rolled_back_on_postgres() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let t = target(Dialect::Postgres, d).await;
    let dev = t.dev_url.clone().expect("dev url");
    write(d, "v1.sql", "CREATE TABLE t (id integer, v text);");
    // Making v NOT NULL fails on the NULL row; the new table before it in
    // the plan must not survive.
    write(
        d,
        "v2.sql",
        "CREATE TABLE t (id integer, v text NOT NULL);\nCREATE TABLE extra (id integer);",
    );
    run(
        d,
        &["apply", &t.url, "--to", "v1.sql", "--dev-url", &dev],
        0,
    );
    let mut conn = strata_engine::driver_for(Dialect::Postgres)
        .connect(&strata_driver::DatabaseUrl::parse(&t.url).expect("url"))
        .await
        .expect("connect");
    conn.execute("INSERT INTO t VALUES (1, NULL)")
        .await
        .expect("insert");
    conn.close().await;
    let out = run(
        d,
        &[
            "apply",
            &t.url,
            "--to",
            "v2.sql",
            "--dev-url",
            &dev,
            "--unsafe",
        ],
        2,
    );
    assert!(out.contains("nothing was changed"), "{out}");
    run(d, &["diff", &t.url, "v1.sql", "--dev-url", &dev], 0);
}
