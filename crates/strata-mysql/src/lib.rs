//! MySQL support for strata.

use async_trait::async_trait;
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::Dialect;

/// The MySQL driver, registered in the engine.
pub struct MysqlDriver;

/// The one instance the engine registers.
pub static DRIVER: MysqlDriver = MysqlDriver;

#[async_trait]
impl Driver for MysqlDriver {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    async fn connect(&self, _url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError> {
        Err(DriverError::Unsupported(
            "MySQL is not implemented yet".into(),
        ))
    }

    async fn create_database(
        &self,
        _url: &DatabaseUrl,
        _name: &str,
    ) -> Result<DatabaseUrl, DriverError> {
        Err(DriverError::Unsupported(
            "MySQL is not implemented yet".into(),
        ))
    }

    async fn drop_database(&self, _url: &DatabaseUrl, _name: &str) -> Result<(), DriverError> {
        Err(DriverError::Unsupported(
            "MySQL is not implemented yet".into(),
        ))
    }
}

/// How MySQL writes SQL (rendering of changes), registered in the engine.
pub struct MysqlSql;

/// The one instance the engine registers.
pub static SQL: MysqlSql = MysqlSql;

impl strata_diff::SqlDialect for MysqlSql {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    fn render(
        &self,
        _change: &strata_diff::Change,
    ) -> Result<Vec<String>, strata_diff::RenderError> {
        Err(strata_diff::RenderError::Unsupported {
            dialect: Dialect::Mysql,
            what: "render changes yet".into(),
        })
    }

    fn quote(&self, ident: &str) -> String {
        format!("`{}`", ident.replace('`', "``"))
    }
}
