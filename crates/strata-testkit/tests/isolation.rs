//! Test isolation: a [`TestDb`] is dropped even when the code using it
//! panics. Each test runs the panicking code on a child thread (as the test
//! harness runs a failing test), learns the database's name from it, sees
//! the thread fail, then checks on the real server (or the file system)
//! that the database is gone.

use std::path::PathBuf;
use std::sync::mpsc;
use strata_driver::{DatabaseUrl, Driver};
use strata_model::Dialect;
use strata_testkit::{TestDb, server_url};

/// Runs `body` with a fresh database on a thread that then panics, and
/// returns what `body` reported before the panic.
fn use_then_panic<T: Send + 'static>(
    driver: &'static dyn Driver,
    body: impl AsyncFnOnce(&TestDb) -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let child = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        rt.block_on(async move {
            let db = TestDb::create(driver).await;
            tx.send(body(&db).await).expect("the parent is waiting");
            panic!("deliberate failure while {} is in use", db.name());
        })
    });
    assert!(child.join().is_err(), "the child thread was meant to panic");
    rx.recv().expect("the child reported before panicking")
}

/// Whether the server lists a database (a schema, on MySQL) called `name`.
async fn server_has(dialect: Dialect, name: &str) -> bool {
    let driver = driver_for(dialect);
    let server: DatabaseUrl = server_url(dialect);
    let mut conn = driver
        .connect(&server)
        .await
        .unwrap_or_else(|e| panic!("{dialect} server {server}: {e}"));
    // `name` comes from `unique_name`: letters, digits and `_` only.
    let sql = match dialect {
        Dialect::Postgres => format!("SELECT datname FROM pg_database WHERE datname = '{name}'"),
        _ => format!(
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{name}'"
        ),
    };
    let rows = conn.query_rows(&sql).await.expect("the catalog answers");
    conn.close().await;
    !rows.is_empty()
}

fn driver_for(dialect: Dialect) -> &'static dyn Driver {
    match dialect {
        Dialect::Postgres => &strata_postgres::DRIVER,
        Dialect::Mysql => &strata_mysql::DRIVER,
        Dialect::Sqlite => &strata_sqlite::DRIVER,
    }
}

async fn server_database_is_dropped_after_a_panic(dialect: Dialect) {
    let driver = driver_for(dialect);
    let (name, existed) = use_then_panic(driver, async move |db: &TestDb| {
        let mut conn = db.connect().await;
        conn.execute("CREATE TABLE t (id int PRIMARY KEY)")
            .await
            .expect("the test database is usable");
        conn.close().await;
        let name = db.name().to_string();
        let existed = server_has(dialect, &name).await;
        (name, existed)
    });
    assert!(existed, "{name} was not on the server while in use");
    assert!(
        !server_has(dialect, &name).await,
        "{name} is still on the {dialect} server after the panic"
    );
}

#[tokio::test]
async fn a_postgres_database_is_dropped_when_its_test_panics() {
    server_database_is_dropped_after_a_panic(Dialect::Postgres).await;
}

#[tokio::test]
async fn a_mariadb_database_is_dropped_when_its_test_panics() {
    server_database_is_dropped_after_a_panic(Dialect::Mysql).await;
}

#[tokio::test]
async fn a_sqlite_file_is_removed_when_its_test_panics() {
    let (file, existed) = use_then_panic(&strata_sqlite::DRIVER, async |db: &TestDb| {
        let file: PathBuf = db.url.sqlite_path().expect("a file URL").to_path_buf();
        let mut conn = db.connect().await;
        conn.execute("CREATE TABLE t (id integer PRIMARY KEY)")
            .await
            .expect("the test database is usable");
        conn.close().await;
        let existed = file.is_file();
        (file, existed)
    });
    assert!(existed, "{} did not exist while in use", file.display());
    assert!(!file.exists(), "{} survived the panic", file.display());
    let dir = file.parent().expect("the file is in a directory");
    assert!(!dir.exists(), "{} survived the panic", dir.display());
}
