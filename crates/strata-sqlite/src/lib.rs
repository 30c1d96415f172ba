//! SQLite support for strata.
//!
//! - [`SqliteDriver`] ([`DRIVER`]): opens `sqlite://` URLs, creates and
//!   removes scratch database files, and inspects a database into the model
//!   with a fixed number of bulk queries over `sqlite_schema` and the
//!   table-valued pragmas, reading each CREATE statement with sqlparser for
//!   what the pragmas do not report.
//! - [`SqliteSql`] ([`SQL`]): renders changes as SQLite DDL, including the
//!   table rebuild for what `ALTER TABLE` cannot do.

mod connect;
mod inspect;
pub mod normalize;
mod render;

pub use connect::SqliteConnection;

use async_trait::async_trait;
use strata_diff::{Change, RenderError, SqlDialect, TableChange};
use strata_driver::{Connection, DatabaseUrl, Driver, DriverError};
use strata_model::{Column, Dialect, Table};

/// The SQLite driver, registered in the engine.
pub struct SqliteDriver;

/// The one instance the engine registers.
pub static DRIVER: SqliteDriver = SqliteDriver;

#[async_trait]
impl Driver for SqliteDriver {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    /// Opens the database with foreign key enforcement on. A path that does
    /// not exist is [`DriverError::DatabaseNotFound`] unless the URL says
    /// `?mode=rwc`; a file that is not a SQLite database is
    /// [`DriverError::NotADatabase`].
    async fn connect(&self, url: &DatabaseUrl) -> Result<Box<dyn Connection>, DriverError> {
        Ok(Box::new(connect::connect(url).await?))
    }

    /// Creates the empty file `<name>.db` beside `url`'s file (in the
    /// system's temporary directory for an in-memory URL).
    async fn create_database(
        &self,
        url: &DatabaseUrl,
        name: &str,
    ) -> Result<DatabaseUrl, DriverError> {
        connect::create_database(url, name).await
    }

    /// Removes `<name>.db` and its `-wal`, `-shm` and `-journal` files.
    async fn drop_database(&self, url: &DatabaseUrl, name: &str) -> Result<(), DriverError> {
        connect::drop_database(url, name).await
    }
}

/// How SQLite writes SQL (rendering of changes), registered in the engine.
///
/// # Running a plan
///
/// A plan may contain [`Change::RebuildTable`], which drops the old table
/// and renames the new one into its place. With foreign key enforcement on,
/// `DROP TABLE` first deletes every row, which fires `ON DELETE` actions in
/// other tables (a `CASCADE` would delete their rows), and
/// `PRAGMA foreign_keys` cannot be changed inside a transaction. So a plan
/// runs like this, on one connection:
///
/// ```sql
/// PRAGMA foreign_keys = OFF;   -- outside any transaction
/// BEGIN;
/// -- the plan's statements, in order
/// COMMIT;                      -- ROLLBACK on the first error
/// PRAGMA foreign_keys = ON;
/// ```
///
/// [`BEFORE_PLAN`] and [`AFTER_PLAN`] are those statements. Each rebuild
/// ends with `PRAGMA foreign_key_check`; the SQLite connection's `execute`
/// fails when it reports a violation, which rolls the whole plan back.
pub struct SqliteSql;

/// The one instance the engine registers.
pub static SQL: SqliteSql = SqliteSql;

/// Statements to run, outside a transaction and in order, before a plan's
/// statements (see [`SqliteSql`]).
pub const BEFORE_PLAN: &[&str] = &["PRAGMA foreign_keys = OFF", "BEGIN"];

/// Statements to run after a plan's statements succeeded (see [`SqliteSql`]).
pub const AFTER_PLAN: &[&str] = &["COMMIT", "PRAGMA foreign_keys = ON"];

impl SqlDialect for SqliteSql {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn render(&self, change: &Change) -> Result<Vec<String>, RenderError> {
        render::render(change)
    }

    fn quote(&self, ident: &str) -> String {
        render::quote(ident)
    }

    fn builtin_schemas(&self) -> &'static [&'static str] {
        &["main"]
    }

    /// A SQLite database has the one schema `main`.
    fn creates_schemas(&self) -> bool {
        false
    }

    /// Foreign keys are part of CREATE TABLE; changing them rebuilds the
    /// table.
    fn can_add_foreign_key(&self) -> bool {
        false
    }

    /// A table's columns are in the order its CREATE TABLE gives them; a
    /// new order rebuilds the table (rows are copied by column name).
    fn can_reorder_columns(&self) -> bool {
        true
    }

    fn needs_rebuild(&self, change: &TableChange) -> bool {
        render::needs_rebuild(change)
    }

    fn table_needs_rebuild(&self, from: &Table, to: &Table, changes: &[TableChange]) -> bool {
        render::table_needs_rebuild(from, to, changes)
    }

    /// A change of type affinity that can convert stored values (see
    /// [`normalize::affinity_narrows`]).
    fn is_narrowing(&self, from: &Column, to: &Column) -> bool {
        normalize::affinity_narrows(&from.data_type, &to.data_type)
    }

    /// SQLite's DDL is transactional; see [`SqliteSql`] for the one setting
    /// that must change outside the transaction.
    fn transactional_ddl(&self) -> bool {
        true
    }

    /// Foreign keys off around the plan's transaction (see [`SqliteSql`]);
    /// the transaction itself is the engine's.
    fn around_transaction(&self, _plan: &strata_diff::Plan) -> (Vec<String>, Vec<String>) {
        (
            vec![BEFORE_PLAN[0].to_string()],
            vec![AFTER_PLAN[1].to_string()],
        )
    }
}
