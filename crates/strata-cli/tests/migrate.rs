//! `strata migrate` end to end, through the binary, on real databases.

mod common;

use common::{project, run, target};
use std::path::Path;
use strata_model::{Dialect, Realm};

/// The desired schema at each of three revisions, per dialect.
fn versions(dialect: Dialect) -> [&'static str; 3] {
    match dialect {
        Dialect::Mysql => [
            "CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, email varchar(200) NOT NULL UNIQUE);\n",
            "CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, email varchar(200) NOT NULL UNIQUE);\n\
             CREATE TABLE posts (id bigint NOT NULL PRIMARY KEY, user_id bigint NOT NULL, body text,\n\
               CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id));\n",
            "CREATE TABLE users (id bigint NOT NULL PRIMARY KEY, email varchar(200) NOT NULL UNIQUE, name varchar(100));\n\
             CREATE TABLE posts (id bigint NOT NULL PRIMARY KEY, user_id bigint NOT NULL, body text,\n\
               CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id));\n\
             CREATE INDEX posts_user ON posts (user_id);\n",
        ],
        _ => [
            "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE);\n",
            "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE);\n\
             CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), body text);\n",
            "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL UNIQUE, name text);\n\
             CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL REFERENCES users (id), body text);\n\
             CREATE INDEX posts_user ON posts (user_id);\n\
             CREATE VIEW user_posts AS SELECT u.email, p.body FROM users u JOIN posts p ON p.user_id = u.id;\n",
        ],
    }
}

/// The live schema equals the desired-state SQL (`strata diff` exits 0),
/// or is empty.
fn assert_at(dir: &Path, url: &str, sql: Option<&str>) {
    match sql {
        Some(sql) => {
            std::fs::write(dir.join("expected.sql"), sql).expect("write");
            run(dir, &["diff", url, "expected.sql"], 0);
        }
        None => {
            let json = run(dir, &["inspect", url, "--format", "json"], 0);
            let realm = Realm::from_json(&json).expect("inspect prints a snapshot");
            assert_eq!(
                realm.table_count(),
                0,
                "expected an empty schema: {realm:?}"
            );
        }
    }
}

async fn end_to_end(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let v = versions(dialect);
    run(dir, &["migrate", "init"], 0);
    for (i, sql) in v.iter().enumerate() {
        std::fs::write(dir.join("schema.sql"), sql).expect("write schema");
        run(
            dir,
            &["migrate", "new", &format!("step {i}"), "--autogenerate"],
            0,
        );
        // Ids are timestamps: keep them distinct.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    run(dir, &["migrate", "up"], 0);
    assert_at(dir, &t.url, Some(v[2]));
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains("pending: none"), "{status}");
    run(dir, &["migrate", "down", "-1"], 0);
    assert_at(dir, &t.url, Some(v[1]));
    run(dir, &["migrate", "up"], 0);
    assert_at(dir, &t.url, Some(v[2]));
    run(dir, &["migrate", "down", "base"], 0);
    assert_at(dir, &t.url, None);
    run(dir, &["migrate", "up", "head"], 0);
    assert_at(dir, &t.url, Some(v[2]));
    run(dir, &["migrate", "check"], 0);
}

#[tokio::test]
async fn end_to_end_sqlite() {
    end_to_end(Dialect::Sqlite).await;
}

/// A revision written by hand (ids are timestamps, so wait a second).
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

async fn branches(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let base = revision(
        dir,
        "base",
        None,
        "CREATE TABLE a (x integer);\n",
        "DROP TABLE a;\n",
    );
    let left = revision(
        dir,
        "left",
        Some(&base),
        "CREATE TABLE l (x integer);\n",
        "DROP TABLE l;\n",
    );
    let right = revision(
        dir,
        "right",
        Some(&base),
        "CREATE TABLE r (x integer);\n",
        "DROP TABLE r;\n",
    );
    let heads = run(dir, &["migrate", "heads"], 0);
    assert!(heads.contains(&left) && heads.contains(&right), "{heads}");
    let branches = run(dir, &["migrate", "branches"], 0);
    assert!(branches.contains(&base), "{branches}");
    let refused = run(dir, &["migrate", "up"], 2);
    assert!(refused.contains("2 heads"), "{refused}");
    run(dir, &["migrate", "up", "heads"], 0);
    run(dir, &["migrate", "merge", &left, &right], 0);
    let heads = run(dir, &["migrate", "heads"], 0);
    assert_eq!(heads.lines().count(), 1, "{heads}");
    assert!(heads.contains("merge"), "{heads}");
    run(dir, &["migrate", "up"], 0);
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains("pending: none"), "{status}");
    run(dir, &["migrate", "down", "base"], 0);
}

async fn tampering(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let id = revision(
        dir,
        "first",
        None,
        "CREATE TABLE a (x integer);\nCREATE TABLE b (x integer);\n",
        "DROP TABLE b;\nDROP TABLE a;\n",
    );
    run(dir, &["migrate", "up"], 0);
    let up = std::fs::read_dir(dir.join("migrations"))
        .expect("dir")
        .flatten()
        .next()
        .expect("revision")
        .path()
        .join("up.sql");
    // Line endings alone are not an edit.
    let text = std::fs::read_to_string(&up).expect("read");
    std::fs::write(&up, text.replace('\n', "\r\n")).expect("write");
    run(dir, &["migrate", "verify"], 0);
    run(dir, &["migrate", "up"], 0);
    // A real edit is.
    std::fs::write(&up, "CREATE TABLE a (x integer, y integer);\n").expect("write");
    let out = run(dir, &["migrate", "verify"], 1);
    assert!(out.contains(&format!("edited: {id}")), "{out}");
    let out = run(dir, &["migrate", "up"], 2);
    assert!(out.contains(&id) && out.contains("edited"), "{out}");
}

/// Eight runners at once: each revision runs exactly once, and every runner
/// either succeeds or says another one holds the lock.
async fn concurrency(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    revision(
        dir,
        "counter",
        None,
        "CREATE TABLE hits (n integer);\nINSERT INTO hits VALUES (1);\n",
        "DROP TABLE hits;\n",
    );
    for n in 2..=4 {
        revision(
            dir,
            &format!("hit {n}"),
            None,
            &format!("INSERT INTO hits VALUES ({n});\n"),
            &format!("DELETE FROM hits WHERE n = {n};\n"),
        );
    }
    let children: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("strata"))
                .current_dir(dir)
                .args(["migrate", "up"])
                .env_remove("DATABASE_URL")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || stderr.contains("another strata migrate runner holds the lock"),
            "{stderr}"
        );
    }
    let url = strata_driver::DatabaseUrl::parse(&t.url).expect("url");
    let mut conn = strata_engine::driver_for(dialect)
        .connect(&url)
        .await
        .expect("connect");
    let rows = conn
        .query_rows("SELECT n FROM hits ORDER BY n")
        .await
        .expect("query");
    let got: Vec<String> = rows
        .into_iter()
        .filter_map(|r| r.into_iter().next().flatten())
        .collect();
    assert_eq!(got, ["1", "2", "3", "4"]);
    conn.close().await;
}

/// `up --sql` output, run as a script, gives the same schema as `up`.
async fn offline(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let v = versions(dialect);
    for (i, sql) in v.iter().enumerate() {
        std::fs::write(dir.join("schema.sql"), sql).expect("write schema");
        run(
            dir,
            &["migrate", "new", &format!("step {i}"), "--autogenerate"],
            0,
        );
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let script = run(dir, &["migrate", "up", "--sql"], 0);
    let url = strata_driver::DatabaseUrl::parse(&t.url).expect("url");
    let mut conn = strata_engine::driver_for(dialect)
        .connect(&url)
        .await
        .expect("connect");
    conn.execute_script(&script, "up --sql")
        .await
        .expect("the offline script runs");
    conn.close().await;
    assert_at(dir, &t.url, Some(v[2]));
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains("pending: none"), "{status}");
}

#[tokio::test]
async fn branches_sqlite() {
    branches(Dialect::Sqlite).await;
}

#[tokio::test]
async fn tampering_sqlite() {
    tampering(Dialect::Sqlite).await;
}

#[tokio::test]
async fn concurrency_sqlite() {
    concurrency(Dialect::Sqlite).await;
}

#[tokio::test]
async fn offline_sqlite() {
    offline(Dialect::Sqlite).await;
}

/// A statement that runs for many seconds.
fn slow(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "SELECT pg_sleep(30);\n",
        Dialect::Mysql => "SELECT SLEEP(30);\n",
        Dialect::Sqlite => {
            "INSERT INTO big WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000000) SELECT x FROM c;\n"
        }
    }
}

/// A runner killed in the middle of a long revision leaves the database at
/// the last complete revision (transactional DDL) or marked dirty (MySQL),
/// and the next run (after `stamp` for MySQL) finishes cleanly.
async fn crash(dialect: Dialect) {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(dialect, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let first = revision(
        dir,
        "first",
        None,
        "CREATE TABLE big (x integer);\n",
        "DROP TABLE big;\n",
    );
    let long_up = format!("CREATE TABLE half (x integer);\n{}", slow(dialect));
    let second = revision(dir, "long", None, &long_up, "DROP TABLE half;\n");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("strata"))
        .current_dir(dir)
        .args(["migrate", "up"])
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    child.kill().expect("SIGKILL");
    let _ = child.wait();

    let folder = std::fs::read_dir(dir.join("migrations"))
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(&second))
        .expect("second revision");
    if dialect == Dialect::Mysql {
        let status = run(dir, &["migrate", "status"], 0);
        assert!(status.contains(&format!("DIRTY: {second}")), "{status}");
        let refused = run(dir, &["migrate", "up"], 2);
        assert!(refused.contains("dirty"), "{refused}");
        // `down` does not run down.sql over a half-applied revision (its
        // changes are partial): it says to repair and `stamp`, as Alembic
        // and Atlas users expect.
        for target in ["-1", "base"] {
            let refused = run(dir, &["migrate", "down", target], 2);
            assert!(
                refused.contains("dirty")
                    && refused.contains(&format!("strata migrate stamp {first}")),
                "{refused}"
            );
        }
        // The CREATE TABLE ran and stayed: undo it by hand, then stamp back.
        let url = strata_driver::DatabaseUrl::parse(&t.url).expect("url");
        let mut conn = strata_engine::driver_for(dialect)
            .connect(&url)
            .await
            .expect("connect");
        conn.execute("DROP TABLE half").await.expect("repair");
        conn.close().await;
        run(dir, &["migrate", "stamp", &first], 0);
    }
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains(&format!("current: {first}")), "{status}");
    assert!(!status.contains("DIRTY"), "{status}");
    // The long revision has not been applied, so it may still be edited.
    std::fs::write(folder.join("up.sql"), "CREATE TABLE half (x integer);\n").expect("write");
    run(dir, &["migrate", "up"], 0);
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains("pending: none"), "{status}");
}

#[tokio::test]
async fn crash_sqlite() {
    crash(Dialect::Sqlite).await;
}

#[tokio::test]
async fn end_to_end_postgres() {
    end_to_end(Dialect::Postgres).await;
}

#[tokio::test]
async fn branches_postgres() {
    branches(Dialect::Postgres).await;
}

#[tokio::test]
async fn tampering_postgres() {
    tampering(Dialect::Postgres).await;
}

#[tokio::test]
async fn concurrency_postgres() {
    concurrency(Dialect::Postgres).await;
}

#[tokio::test]
async fn offline_postgres() {
    offline(Dialect::Postgres).await;
}

#[tokio::test]
async fn crash_postgres() {
    crash(Dialect::Postgres).await;
}

#[tokio::test]
async fn end_to_end_mariadb() {
    end_to_end(Dialect::Mysql).await;
}

#[tokio::test]
async fn branches_mariadb() {
    branches(Dialect::Mysql).await;
}

#[tokio::test]
async fn tampering_mariadb() {
    tampering(Dialect::Mysql).await;
}

#[tokio::test]
async fn concurrency_mariadb() {
    concurrency(Dialect::Mysql).await;
}

#[tokio::test]
async fn offline_mariadb() {
    offline(Dialect::Mysql).await;
}

#[tokio::test]
async fn crash_mariadb() {
    crash(Dialect::Mysql).await;
}

/// `init` writes `url = "${DATABASE_URL}"`. Without that variable, the
/// commands that need no database still work, and the ones that do name
/// the variable and the key.
#[test]
fn unset_variables_only_fail_the_commands_that_need_them() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let dir = scratch.path();
    run(dir, &["migrate", "init"], 0);
    let toml = std::fs::read_to_string(dir.join("strata.toml")).expect("init wrote strata.toml");
    assert!(toml.contains("url = \"${DATABASE_URL}\""), "{toml}");
    std::fs::write(
        dir.join("strata.toml"),
        format!(
            "{toml}\n[env.staging]\nurl = \"postgres://app:${{STAGING_PASSWORD}}@staging/app\"\n"
        ),
    )
    .expect("write");
    let out = run(dir, &["migrate", "new", "first", "--empty"], 0);
    let folder = out.lines().next().expect("folder").trim().to_string();
    let id = Path::new(&folder)
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.split('_').next())
        .expect("id")
        .to_string();
    assert!(run(dir, &["migrate", "heads"], 0).contains(&id));
    assert!(run(dir, &["migrate", "history"], 0).contains(&id));
    let out = run(dir, &["migrate", "up"], 2);
    assert!(
        out.contains("url: environment variable DATABASE_URL is not set"),
        "{out}"
    );
    assert!(!out.contains("STAGING_PASSWORD"), "{out}");
    let out = run(dir, &["migrate", "status", "--env", "staging"], 2);
    assert!(
        out.contains("env.staging.url: environment variable STAGING_PASSWORD is not set"),
        "{out}"
    );
    // --database wins over the configured URL without expanding it.
    let db = format!("sqlite://{}?mode=rwc", dir.join("app.db").display());
    let out = run(dir, &["migrate", "status", "--database", &db], 0);
    assert!(out.contains(&id), "{out}");
}

/// A MariaDB trigger under `DELIMITER $$` whose body ends with `END$$` (no
/// space: `$` is an identifier character, so the splitter must find the
/// delimiter at the end of a word) is applied whole, and the revision is
/// clean.
#[tokio::test]
async fn mariadb_trigger_with_dollar_delimiter() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(Dialect::Mysql, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let id = revision(
        dir,
        "trigger",
        None,
        "CREATE TABLE a (x integer, y integer);\n\
         DELIMITER $$\n\
         CREATE TRIGGER a_y BEFORE INSERT ON a FOR EACH ROW\n\
         BEGIN\n\
         \x20 SET NEW.y = NEW.x * 2;\n\
         END$$\n\
         DELIMITER ;\n\
         INSERT INTO a (x) VALUES (21);\n",
        "DROP TRIGGER a_y;\nDROP TABLE a;\n",
    );
    run(dir, &["migrate", "up"], 0);
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains(&format!("current: {id}")), "{status}");
    assert!(!status.contains("DIRTY"), "{status}");
    let url = strata_driver::DatabaseUrl::parse(&t.url).expect("url");
    let mut conn = strata_engine::driver_for(Dialect::Mysql)
        .connect(&url)
        .await
        .expect("connect");
    let rows = conn.query_rows("SELECT y FROM a").await.expect("query");
    conn.close().await;
    assert_eq!(rows, vec![vec![Some("42".to_string())]]);
    run(dir, &["migrate", "down", "base"], 0);
}

/// `migrate check` styles the plan on a terminal only: piped, its output
/// has no escape codes.
#[tokio::test]
async fn check_prints_no_colour_codes_into_a_pipe() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(Dialect::Sqlite, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    revision(
        dir,
        "first",
        None,
        "CREATE TABLE a (x integer);\n",
        "DROP TABLE a;\n",
    );
    std::fs::write(dir.join("schema.sql"), "CREATE TABLE b (y integer);\n").expect("write schema");
    let out = common::strata(dir)
        .args(["migrate", "check"])
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .output()
        .expect("strata runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("differ"), "{stdout}");
    assert!(stdout.lines().count() > 1, "{stdout}");
    assert!(!out.stdout.contains(&0x1b), "{stdout:?}");
    assert!(!out.stderr.contains(&0x1b));
}

/// Runs a script with the real psql client, stopping at the first error.
fn psql(url: &str, script: &str) {
    let file = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(file.path(), script).expect("write script");
    let out = std::process::Command::new("psql")
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f"])
        .arg(file.path())
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "psql failed:\n{}\nscript:\n{script}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The schema of a database as strata's JSON snapshot.
fn snapshot(dir: &Path, url: &str) -> serde_json::Value {
    let json = run(dir, &["inspect", url, "--format", "json"], 0);
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("inspect prints JSON");
    // Where it was read from is not part of the schema.
    if let Some(o) = v.as_object_mut() {
        o.remove("server");
        o.remove("source");
    }
    v
}

/// `up --sql` applied by psql gives the same schema as `up`, and
/// `down --sql` applied by psql takes it back to base.
#[tokio::test]
async fn offline_sql_through_psql_postgres() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(Dialect::Postgres, scratch.path()).await;
    let online = target(Dialect::Postgres, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let v = versions(Dialect::Postgres);
    for (i, sql) in v.iter().enumerate() {
        std::fs::write(dir.join("schema.sql"), sql).expect("write schema");
        run(
            dir,
            &["migrate", "new", &format!("step {i}"), "--autogenerate"],
            0,
        );
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let script = run(dir, &["migrate", "up", "--sql"], 0);
    psql(&t.url, &script);
    run(dir, &["migrate", "up", "--database", &online.url], 0);
    assert_eq!(snapshot(dir, &t.url), snapshot(dir, &online.url));
    assert_at(dir, &t.url, Some(v[2]));
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains("pending: none"), "{status}");
    run(dir, &["migrate", "verify"], 0);

    let script = run(dir, &["migrate", "down", "base", "--sql"], 0);
    psql(&t.url, &script);
    run(
        dir,
        &["migrate", "down", "base", "--database", &online.url],
        0,
    );
    assert_eq!(snapshot(dir, &t.url), snapshot(dir, &online.url));
    assert_at(dir, &t.url, None);
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains("current: base"), "{status}");
}

/// `verify` reports applied revisions whose folder is gone (missing) and
/// revisions never applied though later ones are (unknown).
#[tokio::test]
async fn verify_reports_missing_and_unknown() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(Dialect::Sqlite, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    let a = revision(
        dir,
        "a",
        None,
        "CREATE TABLE a (x integer);\n",
        "DROP TABLE a;\n",
    );
    let b = revision(
        dir,
        "b",
        None,
        "CREATE TABLE b (x integer);\n",
        "DROP TABLE b;\n",
    );
    let c = revision(
        dir,
        "c",
        None,
        "CREATE TABLE c (x integer);\n",
        "DROP TABLE c;\n",
    );
    run(dir, &["migrate", "up"], 0);
    run(dir, &["migrate", "verify"], 0);
    // `a` forgotten by the database: unknown.
    let url = strata_driver::DatabaseUrl::parse(&t.url).expect("url");
    let mut conn = strata_engine::driver_for(Dialect::Sqlite)
        .connect(&url)
        .await
        .expect("connect");
    conn.execute(&format!("DELETE FROM strata_migrations WHERE id = '{a}'"))
        .await
        .expect("delete");
    conn.close().await;
    let out = run(dir, &["migrate", "verify"], 1);
    assert!(out.contains(&format!("unknown: {a}")), "{out}");
    assert!(!out.contains(&format!(": {b}")), "{out}");
    // `c`'s folder deleted: missing.
    let folder = std::fs::read_dir(dir.join("migrations"))
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(&c))
        .expect("c");
    std::fs::remove_dir_all(folder).expect("remove");
    let out = run(dir, &["migrate", "verify"], 1);
    assert!(out.contains(&format!("missing: {c}")), "{out}");
    assert!(out.contains(&format!("unknown: {a}")), "{out}");
}

/// A `-- strata:no-transaction` revision with `CREATE INDEX CONCURRENTLY`
/// (which PostgreSQL refuses inside a transaction) runs with `up`.
#[tokio::test]
async fn no_transaction_concurrent_index_postgres() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let t = target(Dialect::Postgres, scratch.path()).await;
    let (_keep, dir) = project(&t);
    let dir = dir.as_path();
    revision(
        dir,
        "table",
        None,
        "CREATE TABLE a (x integer);\n",
        "DROP TABLE a;\n",
    );
    let id = revision(
        dir,
        "index",
        None,
        "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY a_x ON a (x);\n",
        "-- strata:no-transaction\nDROP INDEX CONCURRENTLY a_x;\n",
    );
    run(dir, &["migrate", "up"], 0);
    let status = run(dir, &["migrate", "status"], 0);
    assert!(status.contains(&format!("current: {id}")), "{status}");
    let url = strata_driver::DatabaseUrl::parse(&t.url).expect("url");
    let mut conn = strata_engine::driver_for(Dialect::Postgres)
        .connect(&url)
        .await
        .expect("connect");
    let rows = conn
        .query_rows("SELECT indexname FROM pg_indexes WHERE tablename = 'a'")
        .await
        .expect("query");
    assert_eq!(rows, vec![vec![Some("a_x".to_string())]]);
    conn.close().await;
    run(dir, &["migrate", "down", "-1"], 0);
    run(dir, &["migrate", "down", "base"], 0);
}
