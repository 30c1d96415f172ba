//! The databases strata supports. Adding one is a new crate plus one arm in
//! each function here; the exhaustive matches make the compiler point at them.

use strata_diff::SqlDialect;
use strata_driver::Driver;
use strata_model::Dialect;

/// Connecting, inspecting and executing.
pub fn driver_for(dialect: Dialect) -> &'static dyn Driver {
    match dialect {
        Dialect::Postgres => &strata_postgres::DRIVER,
        Dialect::Mysql => &strata_mysql::DRIVER,
        Dialect::Sqlite => &strata_sqlite::DRIVER,
    }
}

/// Writing SQL: rendering changes and answering the diff engine's questions.
pub fn sql_for(dialect: Dialect) -> &'static dyn SqlDialect {
    match dialect {
        Dialect::Postgres => &strata_postgres::SQL,
        Dialect::Mysql => &strata_mysql::SQL,
        Dialect::Sqlite => &strata_sqlite::SQL,
    }
}
