//! The traits a database crate implements.

use crate::server::ServerProcess;
use crate::{DatabaseUrl, DriverError, split_script};
use async_trait::async_trait;
use strata_model::{Dialect, Filter, Realm, Server};

/// What to read when inspecting.
#[derive(Debug, Clone, Default)]
pub struct InspectOptions {
    /// Schema names are pushed down into the catalog queries; table globs
    /// are applied to the result.
    pub filter: Filter,
    /// Also read owners and grants (off by default: they differ between
    /// environments for reasons that are rarely schema drift).
    pub privileges: bool,
}

/// An open connection to one database.
#[async_trait]
pub trait Connection: Send {
    /// The URL this connection was opened with (prints without password).
    fn url(&self) -> &DatabaseUrl;

    /// What the server said it is.
    fn server(&self) -> &Server;

    /// Reads the schema into the model with a fixed number of bulk catalog
    /// queries, whatever the number of tables.
    async fn inspect(&mut self, options: &InspectOptions) -> Result<Realm, DriverError>;

    /// Runs one statement.
    async fn execute(&mut self, sql: &str) -> Result<(), DriverError>;

    /// Runs a query and returns every value as text (`None` for NULL), for
    /// strata's own bookkeeping (the migrations table, locks). Casting in
    /// the SQL is the caller's job; drivers decode text.
    async fn query_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, DriverError> {
        let _ = sql;
        Err(DriverError::Unsupported(format!(
            "{} connections cannot run queries yet",
            self.url().dialect()
        )))
    }

    /// Runs a script statement by statement, in order. A failure names
    /// `origin:line` of the statement and the server's message.
    async fn execute_script(&mut self, script: &str, origin: &str) -> Result<(), DriverError> {
        let dialect = self.url().dialect();
        let statements = split_script(dialect, script).map_err(|e| DriverError::Statement {
            location: format!("{origin}:{}", e.line),
            detail: e.message,
        })?;
        for statement in statements {
            self.execute(&statement.text)
                .await
                .map_err(|e| DriverError::Statement {
                    location: format!("{origin}:{}", statement.line),
                    detail: match e {
                        DriverError::Statement { detail, .. } => detail,
                        other => other.to_string(),
                    },
                })?;
        }
        Ok(())
    }

    /// Closes the connection cleanly.
    async fn close(self: Box<Self>);
}

/// A database kind strata supports. One implementation per database crate,
/// registered once in the engine.
#[async_trait]
pub trait Driver: Send + Sync {
    fn dialect(&self) -> Dialect;

    async fn connect(&self, url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError>;

    /// Creates an empty database beside the one `url` points to (same server
    /// and credentials) and returns its URL. SQLite creates a file in the
    /// same directory as `url`'s file, or a fresh in-memory database.
    async fn create_database(
        &self,
        url: &DatabaseUrl,
        name: &str,
    ) -> Result<DatabaseUrl, DriverError>;

    /// Drops a database created by [`Driver::create_database`], even if
    /// connections to it are still open.
    async fn drop_database(&self, url: &DatabaseUrl, name: &str) -> Result<(), DriverError>;

    /// The catalog queries an unfiltered inspection runs, as one script the
    /// database's own client can run (`{{schema}}` stands for the inspected
    /// MySQL database). Shown by `strata inspect --print-catalog-queries` so a
    /// DBA can see what strata reads, and run by the benchmark's floor.
    fn catalog_sql(&self) -> String {
        String::new()
    }

    /// Starts a private server from the machine's own binaries (for
    /// desired-state SQL when no `--dev-url` is given). The error says what
    /// to install or pass when that is impossible.
    fn start_server(&self) -> Result<ServerProcess, DriverError> {
        Err(DriverError::Unsupported(format!(
            "{} has no server to start",
            self.dialect()
        )))
    }
}
