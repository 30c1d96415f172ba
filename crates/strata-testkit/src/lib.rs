//! Test support shared by every crate's tests.
//!
//! - [`TestDb`]: a uniquely named database on the real server (or a SQLite
//!   file in a temporary directory), dropped when the value is dropped, which
//!   also happens when the test panics. Tests therefore run in parallel and
//!   leave nothing behind.
//! - A server that cannot be reached is a test failure that says how to
//!   start it, never a silent skip.
//! - [`corpus`]: the public sample schemas in `../shared/corpus`.

pub mod corpus;

use std::sync::atomic::{AtomicU32, Ordering};
use strata_driver::{Connection, DatabaseUrl, Driver};
use strata_model::Dialect;

/// The server a dialect's tests use: `STRATA_TEST_PG_URL` /
/// `STRATA_TEST_MYSQL_URL`, defaulting to the local services.
pub fn server_url(dialect: Dialect) -> DatabaseUrl {
    let (var, default) = match dialect {
        Dialect::Postgres => (
            "STRATA_TEST_PG_URL",
            "postgres://postgres@127.0.0.1:5432/test",
        ),
        Dialect::Mysql => ("STRATA_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test"),
        Dialect::Sqlite => return DatabaseUrl::sqlite_memory(),
    };
    let text = std::env::var(var).unwrap_or_else(|_| default.to_string());
    DatabaseUrl::parse(&text).unwrap_or_else(|e| panic!("{var} is not a valid URL: {e}"))
}

/// How to start a server that is down, for failure messages.
pub fn start_hint(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => {
            "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or set STRATA_TEST_PG_URL)"
        }
        Dialect::Mysql => {
            "start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd (or set STRATA_TEST_MYSQL_URL)"
        }
        Dialect::Sqlite => "SQLite needs no server",
    }
}

/// A name no other test (in this or another process) is using.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos:x}", std::process::id())
}

/// A throw-away database, dropped on `Drop` (also when the test panics).
pub struct TestDb {
    pub url: DatabaseUrl,
    name: String,
    driver: &'static dyn Driver,
    server: DatabaseUrl,
    /// Keeps a SQLite database's directory alive; removed on drop.
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// Creates a fresh, empty database for `driver`'s dialect.
    pub async fn create(driver: &'static dyn Driver) -> TestDb {
        let dialect = driver.dialect();
        let name = unique_name("strata_t");
        if dialect == Dialect::Sqlite {
            let dir = tempfile::tempdir().expect("cannot create a temporary directory");
            // The driver refuses to open a file that does not exist (a typo
            // must not create an empty database): create it through the
            // driver, beside a file name in the temporary directory.
            let anchor = DatabaseUrl::sqlite_file(dir.path().join("anchor.db"));
            let url = driver
                .create_database(&anchor, &name)
                .await
                .unwrap_or_else(|e| panic!("cannot create a SQLite test database: {e}"));
            return TestDb {
                url: url.clone(),
                name,
                driver,
                server: url,
                _dir: Some(dir),
            };
        }
        let server = server_url(dialect);
        let url = driver
            .create_database(&server, &name)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "{dialect} test server {server} is not usable: {e}; {}",
                    start_hint(dialect)
                )
            });
        TestDb {
            url,
            name,
            driver,
            server,
            _dir: None,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// A copy of this database, schema and rows, under a new name and
    /// dropped like any other. Much faster than loading a large script
    /// again: PostgreSQL copies it server-side (`CREATE DATABASE … TEMPLATE`,
    /// which needs no session to be using this database), SQLite copies the
    /// file. MySQL has no such copy: `None`.
    pub async fn copy(&self) -> Option<TestDb> {
        let name = unique_name("strata_t");
        match self.driver.dialect() {
            Dialect::Mysql => None,
            Dialect::Sqlite => {
                let source = self.url.sqlite_path()?.to_path_buf();
                let dir = tempfile::tempdir().expect("cannot create a temporary directory");
                let path = dir.path().join(format!("{name}.db"));
                std::fs::copy(&source, &path)
                    .unwrap_or_else(|e| panic!("cannot copy {}: {e}", source.display()));
                let url = DatabaseUrl::sqlite_file(path);
                Some(TestDb {
                    url: url.clone(),
                    name,
                    driver: self.driver,
                    server: url,
                    _dir: Some(dir),
                })
            }
            Dialect::Postgres => {
                let mut conn = self
                    .driver
                    .connect(&self.server)
                    .await
                    .unwrap_or_else(|e| panic!("cannot connect to {}: {e}", self.server));
                // Both names come from `unique_name`: letters, digits and `_`.
                let outcome = conn
                    .execute(&format!(
                        "CREATE DATABASE \"{name}\" TEMPLATE \"{}\"",
                        self.name
                    ))
                    .await;
                conn.close().await;
                outcome.unwrap_or_else(|e| panic!("cannot copy {}: {e}", self.name));
                Some(TestDb {
                    url: self.server.with_database(&name),
                    name,
                    driver: self.driver,
                    server: self.server.clone(),
                    _dir: None,
                })
            }
        }
    }

    pub async fn connect(&self) -> Box<dyn Connection> {
        self.driver
            .connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("cannot connect to test database {}: {e}", self.url))
    }

    /// Runs a script in the database, panicking with the failing statement's
    /// line on error.
    pub async fn load(&self, script: &str, origin: &str) {
        let mut conn = self.connect().await;
        if let Err(e) = conn.execute_script(script, origin).await {
            panic!("loading {origin} failed: {e}");
        }
        conn.close().await;
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.driver.dialect() == Dialect::Sqlite {
            return; // the TempDir removes the file
        }
        let driver = self.driver;
        let server = self.server.clone();
        let name = self.name.clone();
        // Drop cannot await, and may run inside a runtime that is unwinding:
        // do the drop on a thread of its own with its own runtime.
        let outcome = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(driver.drop_database(&server, &name))
                .map_err(|e| e.to_string())
        })
        .join();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("warning: could not drop test database {}: {e}", self.name),
            Err(_) => eprintln!("warning: dropping test database {} panicked", self.name),
        }
    }
}
