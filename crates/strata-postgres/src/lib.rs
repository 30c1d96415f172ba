//! PostgreSQL support for strata.

use async_trait::async_trait;
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::Dialect;

/// The PostgreSQL driver, registered in the engine.
pub struct PostgresDriver;

/// The one instance the engine registers.
pub static DRIVER: PostgresDriver = PostgresDriver;

#[async_trait]
impl Driver for PostgresDriver {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    async fn connect(&self, _url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError> {
        Err(DriverError::Unsupported(
            "PostgreSQL is not implemented yet".into(),
        ))
    }

    async fn create_database(
        &self,
        _url: &DatabaseUrl,
        _name: &str,
    ) -> Result<DatabaseUrl, DriverError> {
        Err(DriverError::Unsupported(
            "PostgreSQL is not implemented yet".into(),
        ))
    }

    async fn drop_database(&self, _url: &DatabaseUrl, _name: &str) -> Result<(), DriverError> {
        Err(DriverError::Unsupported(
            "PostgreSQL is not implemented yet".into(),
        ))
    }
}

/// How PostgreSQL writes SQL (rendering of changes), registered in the engine.
pub struct PostgresSql;

/// The one instance the engine registers.
pub static SQL: PostgresSql = PostgresSql;

impl strata_diff::SqlDialect for PostgresSql {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn render(
        &self,
        _change: &strata_diff::Change,
    ) -> Result<Vec<String>, strata_diff::RenderError> {
        Err(strata_diff::RenderError::Unsupported {
            dialect: Dialect::Postgres,
            what: "render changes yet".into(),
        })
    }

    fn quote(&self, ident: &str) -> String {
        format!("\"{}\"", ident.replace('"', "\"\""))
    }
}
