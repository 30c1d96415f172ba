//! Every way of failing to connect or inspect is one clear line that names
//! the server and never shows the password.
//!
//! The local test server trusts every TCP connection, so the password and
//! catalog-privilege cases run against a throw-away cluster started from
//! the machine's PostgreSQL binaries with scram-sha-256 authentication; a
//! guard stops it and removes its directory even when the test fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use strata_driver::{DatabaseUrl, Driver, DriverError, InspectOptions};
use strata_postgres::DRIVER;

const PASSWORD: &str = "s3cret-Pa55word";

fn assert_one_clean_line(e: &DriverError, secret: &str) {
    let text = e.to_string();
    assert!(!text.contains('\n'), "not one line: {text}");
    assert!(!text.contains(secret), "password leaked: {text}");
    assert!(!format!("{e:?}").contains(secret), "password leaked: {e:?}");
}

async fn connect_error(url: &str) -> DriverError {
    let url = DatabaseUrl::parse(url).unwrap();
    match DRIVER.connect(&url).await {
        Ok(_) => panic!("connecting to {url} succeeded"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn unknown_host_is_unreachable() {
    let e = connect_error(&format!(
        "postgres://postgres:{PASSWORD}@no-such-host.invalid:5432/postgres?connect_timeout=5"
    ))
    .await;
    assert!(matches!(e, DriverError::Unreachable { .. }), "{e:?}");
    assert!(e.to_string().contains("no-such-host.invalid"), "{e}");
    assert_one_clean_line(&e, PASSWORD);
}

#[tokio::test]
async fn silent_host_times_out_as_unreachable() {
    // TEST-NET-1 (RFC 5737) is never routed: the attempt can only time out
    // or be refused by the network.
    let e = connect_error(&format!(
        "postgres://postgres:{PASSWORD}@192.0.2.1:5432/postgres?connect_timeout=2"
    ))
    .await;
    assert!(matches!(e, DriverError::Unreachable { .. }), "{e:?}");
    assert_one_clean_line(&e, PASSWORD);
}

#[tokio::test]
async fn closed_port_is_refused() {
    let port = strata_driver::server::free_port().unwrap();
    let e = connect_error(&format!(
        "postgres://postgres:{PASSWORD}@127.0.0.1:{port}/postgres"
    ))
    .await;
    assert!(matches!(e, DriverError::Unreachable { .. }), "{e:?}");
    assert!(e.to_string().contains(&port.to_string()), "{e}");
    assert_one_clean_line(&e, PASSWORD);
}

/// The local server's certificate is self-signed (or it has no TLS at
/// all): either way `verify-full` cannot be satisfied.
#[tokio::test]
async fn unverifiable_tls_is_a_tls_error() {
    let server = strata_testkit::server_url(strata_model::Dialect::Postgres);
    let e = connect_error(&format!("{}?sslmode=verify-full", server.expose())).await;
    assert!(matches!(e, DriverError::Tls { .. }), "{e:?}");
    assert_one_clean_line(&e, PASSWORD);
}

#[tokio::test]
async fn missing_database_is_named() {
    let server = strata_testkit::server_url(strata_model::Dialect::Postgres);
    let url = server.with_database("strata_no_such_database");
    let e = connect_error(&url.expose()).await;
    assert!(
        matches!(&e, DriverError::DatabaseNotFound { database, .. } if database == "strata_no_such_database"),
        "{e:?}"
    );
    assert_one_clean_line(&e, PASSWORD);
}

/// A PostgreSQL cluster in a temporary directory, stopped and removed on drop.
struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

fn bin_dir() -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL server binaries are needed in /usr/lib/postgresql")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
        .expect("no initdb under /usr/lib/postgresql/*/bin")
}

fn as_postgres(program: &Path) -> Command {
    let mut cmd = Command::new("runuser");
    cmd.args(["-u", "postgres", "--"]).arg(program);
    cmd
}

fn run(cmd: &mut Command, what: &str) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Cluster {
    /// initdb with scram-sha-256 for every connection and `PASSWORD` for
    /// the `postgres` superuser, then start it on a free port.
    fn start() -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let bin = bin_dir();
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, PASSWORD).unwrap();
        run(
            Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path()),
            "chown",
        );
        run(
            as_postgres(&bin.join("initdb"))
                .arg("-D")
                .arg(dir.path().join("data"))
                .args(["-N", "-A", "scram-sha-256", "-U", "postgres", "--pwfile"])
                .arg(&pwfile)
                .env("LC_ALL", "C.UTF-8"),
            "initdb",
        );
        let port = strata_driver::server::free_port().unwrap();
        let cluster = Cluster { dir, bin, port };
        run(
            as_postgres(&cluster.bin.join("pg_ctl"))
                .arg("-D")
                .arg(cluster.dir.path().join("data"))
                .arg("-o")
                .arg(format!(
                    "-k {} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off",
                    cluster.dir.path().display()
                ))
                .arg("-l")
                .arg(cluster.dir.path().join("log"))
                .arg("-w")
                .arg("start"),
            "pg_ctl start",
        );
        cluster
    }

    fn url(&self, user: &str, password: &str, db: &str) -> String {
        format!("postgres://{user}:{password}@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = as_postgres(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .output();
    }
}

#[tokio::test]
async fn wrong_password_and_catalog_without_privileges() {
    let cluster = Cluster::start();

    // Wrong password.
    let e = connect_error(&cluster.url("postgres", "not-the-Pa55word", "postgres")).await;
    assert!(matches!(e, DriverError::Authentication { .. }), "{e:?}");
    assert_one_clean_line(&e, "not-the-Pa55word");
    assert!(e.to_string().contains("postgres"), "{e}");

    // A user that may connect but not read pg_class.
    let admin = DatabaseUrl::parse(&cluster.url("postgres", PASSWORD, "postgres")).unwrap();
    let mut conn = DRIVER.connect(&admin).await.unwrap();
    conn.execute("CREATE ROLE reader LOGIN PASSWORD 'r3ader-Pa55word'")
        .await
        .unwrap();
    conn.execute("CREATE TABLE visible (id integer)")
        .await
        .unwrap();
    conn.execute("REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC")
        .await
        .unwrap();
    conn.close().await;

    let reader = DatabaseUrl::parse(&cluster.url("reader", "r3ader-Pa55word", "postgres")).unwrap();
    let mut conn = DRIVER.connect(&reader).await.unwrap();
    let e = conn
        .inspect(&InspectOptions::default())
        .await
        .expect_err("inspecting without SELECT on pg_class succeeded");
    assert!(matches!(e, DriverError::PermissionDenied { .. }), "{e:?}");
    assert!(e.to_string().contains("pg_class"), "{e}");
    assert_one_clean_line(&e, "r3ader-Pa55word");
    // The failed inspection ended its transaction: the connection still works.
    conn.execute("SELECT 1").await.unwrap();
    conn.close().await;

    // The password given as a URL parameter is scrubbed too.
    let e = connect_error(&format!(
        "postgres://postgres@127.0.0.1:{}/postgres?password=wr0ng-Pa55word",
        cluster.port
    ))
    .await;
    assert!(matches!(e, DriverError::Authentication { .. }), "{e:?}");
    assert_one_clean_line(&e, "wr0ng-Pa55word");
}

#[tokio::test]
async fn a_failing_statement_says_which_line() {
    let db = strata_testkit::TestDb::create(&DRIVER).await;
    let mut conn = db.connect().await;
    let e = conn
        .execute_script(
            "CREATE TABLE t (id integer);\n\nCREATE TABLE t (id integer);\n",
            "schema.sql",
        )
        .await
        .expect_err("the second CREATE TABLE succeeded");
    let text = e.to_string();
    assert!(text.starts_with("schema.sql:3: "), "{text}");
    assert!(text.contains("already exists"), "{text}");
    conn.close().await;
}
