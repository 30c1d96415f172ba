//! Dev databases: where desired-state SQL and migrations are loaded so that
//! the server itself normalises them before strata inspects the result.
//!
//! - SQLite: a private in-memory database.
//! - PostgreSQL/MySQL with `--dev-url`: a uniquely named database created on
//!   that server and always dropped afterwards.
//! - PostgreSQL/MySQL without one: a throw-away server started from the
//!   machine's binaries, stopped and removed afterwards.
//!
//! Cleanup happens in [`DevDatabase::close`], in `Drop` when a command fails
//! half-way, and in [`cleanup_all`] when the user presses Ctrl-C.

use crate::{EngineError, driver_for};
use std::sync::Mutex;
use strata_driver::server::ServerProcess;
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::Dialect;

/// Scratch databases that exist right now: (dialect, server URL, name).
static SCRATCH: Mutex<Vec<(Dialect, DatabaseUrl, String)>> = Mutex::new(Vec::new());

/// An empty database to load SQL into.
pub struct DevDatabase {
    // Declared before the guard so that it is closed before the database is
    // dropped and the server stopped.
    conn: Box<dyn Connection>,
    guard: Guard,
}

/// What must be undone when the dev database goes away.
struct Guard {
    driver: &'static dyn Driver,
    scratch: Option<(DatabaseUrl, String)>,
    /// Keeps a throw-away server alive; dropping it stops the server.
    server: Option<ServerProcess>,
}

impl DevDatabase {
    /// Opens a fresh, empty database of `dialect`.
    pub async fn open(
        dialect: Dialect,
        dev_url: Option<&DatabaseUrl>,
    ) -> Result<DevDatabase, EngineError> {
        let driver = driver_for(dialect);
        if let Some(url) = dev_url
            && url.dialect() != dialect
        {
            return Err(EngineError::Usage(format!(
                "--dev-url is a {} URL but the schema is {dialect}",
                url.dialect()
            )));
        }
        let mut guard = Guard {
            driver,
            scratch: None,
            server: None,
        };
        if dialect == Dialect::Sqlite {
            let conn = driver.connect(&DatabaseUrl::sqlite_memory()).await?;
            return Ok(DevDatabase { conn, guard });
        }
        let server_url = match dev_url {
            Some(url) => url.clone(),
            None => {
                let process = tokio::task::spawn_blocking(move || driver.start_server())
                    .await
                    .map_err(|e| EngineError::Usage(format!("starting a dev server: {e}")))?
                    .map_err(|e| match e {
                        DriverError::Unsupported(msg) => EngineError::Usage(msg),
                        other => EngineError::Driver(other),
                    })?;
                let url = process.url.clone();
                guard.server = Some(process);
                url
            }
        };
        let name = unique_name();
        let url = driver
            .create_database(&server_url, &name)
            .await
            .map_err(|e| dev_error(e, dev_url.is_some()))?;
        if let Ok(mut live) = SCRATCH.lock() {
            live.push((dialect, server_url.clone(), name.clone()));
        }
        guard.scratch = Some((server_url, name));
        let conn = driver.connect(&url).await?;
        Ok(DevDatabase { conn, guard })
    }

    /// The connection to the dev database.
    pub fn connection(&mut self) -> &mut dyn Connection {
        self.conn.as_mut()
    }

    /// Closes the connection, drops the scratch database and stops a
    /// throw-away server.
    pub async fn close(self) {
        let DevDatabase { conn, mut guard } = self;
        conn.close().await;
        if let Some((server, name)) = guard.scratch.take() {
            let _ = guard.driver.drop_database(&server, &name).await;
            forget(&name);
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // The command failed before `close`: drop the scratch database on a
        // thread of its own (Drop cannot await).
        if let Some((server, name)) = self.scratch.take() {
            let driver = self.driver;
            let _ = std::thread::spawn(move || {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    let _ = rt.block_on(driver.drop_database(&server, &name));
                }
                forget(&name);
            })
            .join();
        }
    }
}

fn forget(name: &str) {
    if let Ok(mut live) = SCRATCH.lock() {
        live.retain(|(_, _, n)| n != name);
    }
}

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "strata_dev_{}_{:x}",
        std::process::id(),
        nanos & 0xffff_ffff_ffff
    )
}

fn dev_error(e: DriverError, given: bool) -> EngineError {
    if given {
        EngineError::Usage(format!("the dev database (--dev-url) is not usable: {e}"))
    } else {
        EngineError::Driver(e)
    }
}

/// Drops every scratch database and stops every throw-away server (for the
/// Ctrl-C handler).
pub async fn cleanup_all() {
    let live = match SCRATCH.lock() {
        Ok(mut live) => std::mem::take(&mut *live),
        Err(_) => Vec::new(),
    };
    for (dialect, server, name) in live {
        let _ = driver_for(dialect).drop_database(&server, &name).await;
    }
    strata_driver::server::stop_all();
}
