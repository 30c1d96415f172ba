//! MySQL and MariaDB support for strata.
//!
//! - [`connect`]: URL -> sqlx options, connection errors -> [`DriverError`].
//! - [`inspect`]: a fixed number of bulk information_schema queries
//!   (`inspect/catalog/*.sql`) read into rows, then turned into the model
//!   in a separate step.
//! - [`normalize`]: the small named rules that make MariaDB's and MySQL 8's
//!   catalogs read the same.
//! - [`render`]: every [`strata_diff::Change`] MySQL can express, as DDL.
//! - [`narrowing`]: which type changes can lose data.
//!
//! A MySQL schema is a database: scripts never create one, and names in
//! the schema being rendered are written unqualified so that a script
//! loads into a database of any name.

pub mod connect;
pub mod flavor;
pub mod inspect;
pub mod narrowing;
pub mod normalize;
pub mod render;
mod server;
mod sqltext;

use async_trait::async_trait;
use strata_driver::server::ServerProcess;
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::{Column, Dialect};

/// The MySQL/MariaDB driver, registered in the engine.
pub struct MysqlDriver;

/// The one instance the engine registers.
pub static DRIVER: MysqlDriver = MysqlDriver;

#[async_trait]
impl Driver for MysqlDriver {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    async fn connect(&self, url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError> {
        Ok(Box::new(connect::MyConn::open(url).await?))
    }

    async fn create_database(
        &self,
        url: &DatabaseUrl,
        name: &str,
    ) -> Result<DatabaseUrl, DriverError> {
        connect::create_database(url, name).await
    }

    async fn drop_database(&self, url: &DatabaseUrl, name: &str) -> Result<(), DriverError> {
        connect::drop_database(url, name).await
    }

    fn catalog_sql(&self) -> String {
        inspect::catalog_script()
    }

    fn start_server(&self) -> Result<ServerProcess, DriverError> {
        server::start()
    }
}

/// How MySQL writes SQL (rendering of changes), registered in the engine.
pub struct MysqlSql;

/// The one instance the engine registers.
pub static SQL: MysqlSql = MysqlSql;

impl strata_diff::SqlDialect for MysqlSql {
    /// A dev database takes the compared database's default character set
    /// and collation, so that tables created without naming one compare
    /// equal to the live database's.
    fn dev_database_setup(&self, reference: &strata_model::Realm) -> Vec<String> {
        let [schema] = reference.schemas.values().collect::<Vec<_>>()[..] else {
            return Vec::new();
        };
        let mut clause = String::new();
        if let Some(cs) = &schema.charset {
            clause.push_str(&format!(" CHARACTER SET {cs}"));
        }
        if let Some(co) = &schema.collation {
            clause.push_str(&format!(" COLLATE {co}"));
        }
        if clause.is_empty() {
            Vec::new()
        } else {
            vec![format!("ALTER DATABASE{clause}")]
        }
    }

    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    fn render(
        &self,
        change: &strata_diff::Change,
    ) -> Result<Vec<String>, strata_diff::RenderError> {
        render::render(change)
    }

    /// Compound statements are wrapped in `DELIMITER` lines for the
    /// `mysql` client.
    fn script(&self, statements: &[String]) -> String {
        render::script(statements)
    }

    fn quote(&self, ident: &str) -> String {
        render::quote(ident)
    }

    /// A schema is a database: scripts run inside one and never create it.
    fn creates_schemas(&self) -> bool {
        false
    }

    /// `MODIFY COLUMN … FIRST|AFTER` moves a column, in the same ALTER
    /// TABLE as the table's other changes. Order matters to `SELECT *` and
    /// to `INSERT` without a column list.
    fn can_reorder_columns(&self) -> bool {
        true
    }

    /// Keys live in CREATE TABLE (an AUTO_INCREMENT column must be indexed
    /// there), and an index comment is part of the index.
    fn indexes_in_table(&self) -> bool {
        true
    }

    fn is_narrowing(&self, from: &Column, to: &Column) -> bool {
        narrowing::is_narrowing(&from.data_type, &to.data_type)
    }

    /// Every DDL statement commits implicitly.
    fn transactional_ddl(&self) -> bool {
        false
    }
}
