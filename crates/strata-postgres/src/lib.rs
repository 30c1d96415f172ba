//! PostgreSQL support for strata.
//!
//! - [`connect`]: URL -> sqlx options, connection errors -> [`DriverError`].
//! - [`inspect`]: a fixed number of bulk catalog queries (`inspect/catalog/*.sql`)
//!   read into rows, then turned into the model in a separate step.
//! - [`normalize`]: the small named rules that make the server's spelling
//!   deterministic.
//! - [`render`]: every [`strata_diff::Change`] as PostgreSQL DDL.
//! - [`narrowing`]: which type changes can lose data.

pub mod connect;
pub mod inspect;
pub mod narrowing;
pub mod normalize;
pub mod render;
mod server;

use async_trait::async_trait;
use strata_driver::server::ServerProcess;
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::change::TypeChange;
use strata_model::{Column, Dialect};

/// The PostgreSQL driver, registered in the engine.
pub struct PostgresDriver;

/// The one instance the engine registers.
pub static DRIVER: PostgresDriver = PostgresDriver;

#[async_trait]
impl Driver for PostgresDriver {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    async fn connect(&self, url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError> {
        Ok(Box::new(connect::PgConn::open(url).await?))
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
        change: &strata_diff::Change,
    ) -> Result<Vec<String>, strata_diff::RenderError> {
        render::render(change)
    }

    /// Function bodies are checked when called, not when created, so that a
    /// function can be created before the tables it reads.
    fn preamble(&self) -> Vec<String> {
        vec!["SET check_function_bodies = false".into()]
    }

    fn quote(&self, ident: &str) -> String {
        render::quote(ident)
    }

    fn builtin_schemas(&self) -> &'static [&'static str] {
        &["public"]
    }

    fn is_narrowing(&self, from: &Column, to: &Column) -> bool {
        narrowing::is_narrowing(&from.data_type, &to.data_type)
    }

    /// A value added to an enum cannot be used in the transaction that
    /// added it (SQLSTATE 55P04), and a plan may use it (a default, a
    /// check, a view). So new enum values are added before the plan's
    /// transaction; the plan's own `ADD VALUE IF NOT EXISTS` then does
    /// nothing. Adding a value is never destructive, so running it ahead
    /// of a plan that later rolls back leaves only an unused label.
    fn around_transaction(&self, plan: &strata_diff::Plan) -> (Vec<String>, Vec<String>) {
        let before = plan
            .steps
            .iter()
            .filter(|s| {
                matches!(
                    &s.change,
                    strata_diff::Change::AlterType {
                        change: TypeChange::AddEnumValue { .. },
                        ..
                    }
                )
            })
            .filter_map(|s| render::render(&s.change).ok())
            .flatten()
            .collect();
        (before, Vec::new())
    }
}
