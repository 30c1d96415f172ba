//! `strata inspect` through the binary: the text summary, the SQL script
//! (which must load into a fresh database and inspect the same), and the
//! connection errors, each one line on stderr with exit code 2 and never
//! the password.

mod common;

use common::run;
use strata_model::Dialect;
use strata_testkit::{TestDb, unique_name};

const SECRET: &str = "zz-Secret-pw-42";

const SQLITE_SHOP: &str = "
CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT DEFAULT 'none');
CREATE UNIQUE INDEX customer_email ON customer (email);
CREATE TABLE orders (id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    total REAL CHECK (total >= 0));
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
";

const PG_SHOP: &str = "
CREATE SCHEMA shop;
CREATE TYPE shop.status AS ENUM ('open', 'paid');
CREATE TABLE shop.customer (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email varchar(200) UNIQUE);
COMMENT ON TABLE shop.customer IS 'who buys';
COMMENT ON COLUMN shop.customer.email IS 'where receipts go';
CREATE TABLE shop.orders (
    id serial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES shop.customer (id),
    status shop.status NOT NULL DEFAULT 'open',
    total numeric(10,2) CHECK (total >= 0));
CREATE INDEX orders_customer ON shop.orders (customer_id);
CREATE FUNCTION shop.total_of(c bigint) RETURNS numeric LANGUAGE sql STABLE
    AS $$ SELECT coalesce(sum(total), 0) FROM shop.orders WHERE customer_id = c $$;
CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 100;
";

async fn loaded(dialect: Dialect, script: &str) -> TestDb {
    let db = TestDb::create(strata_engine::driver_for(dialect)).await;
    db.load(script, "shop").await;
    db
}

#[tokio::test]
async fn text_lists_the_tables_and_columns_on_sqlite() {
    let db = loaded(Dialect::Sqlite, SQLITE_SHOP).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let text = run(
        dir.path(),
        &["inspect", &db.url.expose(), "--format", "text"],
        0,
    );
    assert!(text.starts_with("SQLite "), "{text}");
    assert!(text.contains("2 table(s), 1 view(s)"), "{text}");
    assert!(text.contains("\n  table customer\n"), "{text}");
    assert!(text.contains("\n  table orders\n"), "{text}");
    assert!(text.contains("    name   TEXT not null\n"), "{text}");
    assert!(text.contains("    email  TEXT default 'none'\n"), "{text}");
    assert!(
        text.contains("    foreign key (customer_id) -> main.customer(id)\n")
            || text.contains("    foreign key (customer_id) -> customer(id)\n"),
        "{text}"
    );
    assert!(
        text.contains("unique index customer_email (email)"),
        "{text}"
    );
    assert!(text.contains("view big_orders (id, total)"), "{text}");
    // Not a terminal: no colour codes.
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

#[tokio::test]
async fn text_lists_the_tables_and_columns_on_postgres() {
    let db = loaded(Dialect::Postgres, PG_SHOP).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let text = run(
        dir.path(),
        &["inspect", &db.url.expose(), "--format", "text"],
        0,
    );
    assert!(text.starts_with("PostgreSQL "), "{text}");
    assert!(text.contains("\nschema shop\n"), "{text}");
    assert!(text.contains("  type status enum (open, paid)\n"), "{text}");
    assert!(
        text.contains("\n  table customer\n    -- who buys\n"),
        "{text}"
    );
    assert!(
        text.contains("    id     bigint not null identity\n"),
        "{text}"
    );
    assert!(
        text.contains("    email  character varying(200)  -- where receipts go\n"),
        "{text}"
    );
    assert!(text.contains("\n  table orders\n"), "{text}");
    assert!(
        text.contains("    status       shop.status not null default 'open'::shop.status\n"),
        "{text}"
    );
    assert!(
        text.contains("    foreign key (customer_id) -> shop.customer(id)\n"),
        "{text}"
    );
    assert!(
        text.contains("    index orders_customer (customer_id)\n"),
        "{text}"
    );
    assert!(
        text.contains("function total_of(c bigint) returns numeric"),
        "{text}"
    );
    assert!(text.contains("view big_orders (id, total)"), "{text}");
}

/// `--format sql -o FILE` writes a script that loads into a fresh database
/// and inspects to the same JSON.
async fn sql_script_round_trips(dialect: Dialect, script: &str) {
    let db = loaded(dialect, script).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("schema.sql");
    let url = db.url.expose();
    let printed = run(
        dir.path(),
        &[
            "inspect",
            &url,
            "--format",
            "sql",
            "-o",
            file.to_str().unwrap(),
        ],
        0,
    );
    assert!(printed.trim().is_empty(), "-o printed: {printed}");
    let sql = std::fs::read_to_string(&file).expect("the script was written");
    assert!(sql.contains("CREATE TABLE"), "{sql}");

    let copy = TestDb::create(strata_engine::driver_for(dialect)).await;
    copy.load(&sql, "the written script").await;
    let json = |url: &str| run(dir.path(), &["inspect", url, "--format", "json"], 0);
    let first = json(&url);
    let second = json(&copy.url.expose());
    assert!(first.contains("\"customer\""), "{first}");
    assert_eq!(first, second, "the loaded script inspects differently");
}

#[tokio::test]
async fn sql_output_to_a_file_loads_and_inspects_the_same_on_sqlite() {
    sql_script_round_trips(Dialect::Sqlite, SQLITE_SHOP).await;
}

#[tokio::test]
async fn sql_output_to_a_file_loads_and_inspects_the_same_on_postgres() {
    sql_script_round_trips(Dialect::Postgres, PG_SHOP).await;
}

/// Runs `strata inspect URL`, expects exit 2 and one `error: ` line on
/// stderr, nothing on stdout and no password; returns the line.
fn inspect_error(url: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = common::strata(dir.path())
        .args(["inspect", url])
        .output()
        .expect("strata runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{url}: stderr {stderr}");
    assert_eq!(stdout, "", "{url}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{url}: expected one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains(SECRET), "the password leaked: {stderr}");
    lines[0].to_string()
}

#[test]
fn postgres_wrong_database() {
    let missing = unique_name("strata_missing");
    let line = inspect_error(&format!(
        "postgres://postgres:{SECRET}@127.0.0.1:5432/{missing}"
    ));
    assert!(line.contains(&missing), "{line}");
    assert!(line.contains("does not exist"), "{line}");
}

#[test]
fn postgres_unreachable_port() {
    let port = strata_driver::server::free_port().expect("a free port");
    let line = inspect_error(&format!(
        "postgres://postgres:{SECRET}@127.0.0.1:{port}/app"
    ));
    assert!(line.contains("cannot connect"), "{line}");
    assert!(line.contains(&port.to_string()), "{line}");
}

#[test]
fn mariadb_access_denied_for_an_unknown_user() {
    let user = unique_name("nobody");
    let line = inspect_error(&format!("mysql://{user}:{SECRET}@127.0.0.1:3306/"));
    assert!(line.contains("Access denied"), "{line}");
}

#[test]
fn mariadb_unknown_database() {
    let missing = unique_name("strata_missing");
    let line = inspect_error(&format!("mysql://root@127.0.0.1:3306/{missing}"));
    assert!(line.contains(&missing), "{line}");
}

/// PostgreSQL listens on 5432 and waits for the client to speak first.
#[test]
fn mysql_url_at_a_postgres_port() {
    let line = inspect_error(&format!(
        "mysql://root:{SECRET}@127.0.0.1:5432/x?connect_timeout=2"
    ));
    assert!(line.to_lowercase().contains("mysql"), "{line}");
}

/// The local MariaDB runs without TLS (`have_ssl` is DISABLED), checked
/// first so that the test cannot pass for another reason.
#[tokio::test]
async fn mariadb_tls_required_but_refused() {
    let server = TestDb::create(strata_engine::driver_for(Dialect::Mysql)).await;
    let mut conn = server.connect().await;
    let rows = conn
        .query_rows("SHOW VARIABLES LIKE 'have_ssl'")
        .await
        .expect("SHOW VARIABLES");
    conn.close().await;
    let have_ssl = rows.first().and_then(|r| r[1].clone()).unwrap_or_default();
    assert_ne!(
        have_ssl, "YES",
        "this test needs a MariaDB without TLS; the server has it"
    );
    let url = format!("{}?ssl-mode=REQUIRED", server.url.expose());
    let line = inspect_error(&url);
    assert!(line.contains("TLS"), "{line}");
}

#[test]
fn a_file_that_is_not_a_sqlite_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("notes.db");
    let notes = "shopping: milk, eggs, flour\n".repeat(200);
    std::fs::write(&file, &notes).expect("write");
    let line = inspect_error(&format!("sqlite://{}", file.display()));
    assert!(line.contains("not a usable SQLite database"), "{line}");
    assert!(line.contains("notes.db"), "{line}");
    // Left as it was.
    assert_eq!(std::fs::read_to_string(&file).expect("read"), notes);
}
