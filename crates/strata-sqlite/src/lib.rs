//! SQLite support for strata.

use async_trait::async_trait;
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::Dialect;

/// The SQLite driver, registered in the engine.
pub struct SqliteDriver;

/// The one instance the engine registers.
pub static DRIVER: SqliteDriver = SqliteDriver;

#[async_trait]
impl Driver for SqliteDriver {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    async fn connect(&self, _url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError> {
        Err(DriverError::Unsupported(
            "SQLite is not implemented yet".into(),
        ))
    }

    async fn create_database(
        &self,
        _url: &DatabaseUrl,
        _name: &str,
    ) -> Result<DatabaseUrl, DriverError> {
        Err(DriverError::Unsupported(
            "SQLite is not implemented yet".into(),
        ))
    }

    async fn drop_database(&self, _url: &DatabaseUrl, _name: &str) -> Result<(), DriverError> {
        Err(DriverError::Unsupported(
            "SQLite is not implemented yet".into(),
        ))
    }
}

/// How SQLite writes SQL (rendering of changes), registered in the engine.
pub struct SqliteSql;

/// The one instance the engine registers.
pub static SQL: SqliteSql = SqliteSql;

impl strata_diff::SqlDialect for SqliteSql {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn render(
        &self,
        _change: &strata_diff::Change,
    ) -> Result<Vec<String>, strata_diff::RenderError> {
        Err(strata_diff::RenderError::Unsupported {
            dialect: Dialect::Sqlite,
            what: "render changes yet".into(),
        })
    }

    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }
}
