//! Live database -> model.
//!
//! Inspection runs a fixed list of bulk catalog queries (`catalog/*.sql`),
//! whatever the number of tables, in one read-only repeatable-read
//! transaction so that they all see the same snapshot. The schema filter is
//! pushed down into every query as two array parameters. The rows are then
//! turned into the model by [`build`], which does no I/O.
//!
//! The session settings that change how the server prints things are fixed
//! for the transaction: an empty `search_path` makes every name outside
//! `pg_catalog` come back schema-qualified, and a fixed time zone and date
//! style make partition bounds and defaults read the same everywhere.

mod build;
pub(crate) mod rows;

use crate::connect::PgConn;
use rows::*;
use sqlx::AssertSqlSafe;
use sqlx::postgres::PgRow;
use strata_driver::{DriverError, InspectOptions};
use strata_model::Realm;

/// Prefixes a catalog file with the namespace filter every query joins.
macro_rules! catalog {
    ($file:literal) => {
        concat!(
            "WITH ns AS (\n",
            include_str!("catalog/namespaces.sql"),
            ")\n",
            include_str!(concat!("catalog/", $file, ".sql"))
        )
    };
}

const SCHEMAS: &str = catalog!("schemas");
const EXTENSIONS: &str = catalog!("extensions");
const RELATIONS: &str = catalog!("relations");
const COLUMNS: &str = catalog!("columns");
const CONSTRAINTS: &str = catalog!("constraints");
const INDEXES: &str = catalog!("indexes");
const SEQUENCES: &str = catalog!("sequences");
const TYPES: &str = catalog!("types");
const ROUTINES: &str = catalog!("routines");
const TRIGGERS: &str = catalog!("triggers");
const RULES: &str = catalog!("rules");
const COLLATIONS: &str = catalog!("collations");
const POLICIES: &str = catalog!("policies");
const INHERITS: &str = catalog!("inherits");
const DEPENDS: &str = catalog!("depends");
const UNSUPPORTED: &str = catalog!("unsupported");

/// Settings for the inspecting transaction (see the module comment).
const SESSION: &[&str] = &[
    "SET LOCAL search_path = ''",
    "SET LOCAL TimeZone = 'UTC'",
    "SET LOCAL DateStyle = 'ISO, YMD'",
    "SET LOCAL IntervalStyle = 'postgres'",
    "SET LOCAL standard_conforming_strings = on",
    "SET LOCAL quote_all_identifiers = off",
    "SET LOCAL bytea_output = 'hex'",
    "SET LOCAL extra_float_digits = 1",
];

/// Everything the catalog queries returned, before it becomes the model.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub schemas: Vec<SchemaRow>,
    pub extensions: Vec<ExtensionRow>,
    pub relations: Vec<RelationRow>,
    pub columns: Vec<ColumnRow>,
    pub constraints: Vec<ConstraintRow>,
    pub indexes: Vec<IndexRow>,
    pub sequences: Vec<SequenceRow>,
    pub types: Vec<TypeRow>,
    pub routines: Vec<RoutineRow>,
    pub triggers: Vec<TriggerRow>,
    pub rules: Vec<RuleRow>,
    pub collations: Vec<CollationRow>,
    pub policies: Vec<PolicyRow>,
    pub inherits: Vec<InheritRow>,
    pub depends: Vec<DependRow>,
    pub unsupported: Vec<UnsupportedRow>,
}

/// Every catalog query of an unfiltered inspection, with its parameters
/// written in, as one psql script (for `--print-catalog-queries` and the
/// benchmark's floor).
pub(crate) fn catalog_script() -> String {
    let mut out = String::from("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n");
    for s in SESSION {
        out.push_str(s);
        out.push_str(";\n");
    }
    for sql in [
        SCHEMAS,
        EXTENSIONS,
        RELATIONS,
        COLUMNS,
        CONSTRAINTS,
        INDEXES,
        SEQUENCES,
        TYPES,
        ROUTINES,
        TRIGGERS,
        RULES,
        COLLATIONS,
        POLICIES,
        INHERITS,
        DEPENDS,
        UNSUPPORTED,
    ] {
        let sql = sql
            .replace("$1::text[]", "'{}'::text[]")
            .replace("$2::text[]", "'{}'::text[]")
            .replace("$3", "false");
        out.push_str(sql.trim_end().trim_end_matches(';'));
        // On a line of its own: a file may end with a comment.
        out.push_str("\n;\n");
    }
    out.push_str("COMMIT;\n");
    out
}

/// Reads the realm behind `conn`.
pub(crate) async fn inspect(
    conn: &mut PgConn,
    options: &InspectOptions,
) -> Result<Realm, DriverError> {
    begin(conn).await?;
    let read = read_catalog(conn, options).await;
    let end = if read.is_ok() { "COMMIT" } else { "ROLLBACK" };
    let ended = sqlx::raw_sql(end)
        .execute(conn.raw())
        .await
        .map_err(|e| conn.error("ending the inspection", e));
    let catalog = read?;
    ended?;
    let mut realm = build::build(catalog, conn_server(conn), options.privileges)?;
    options.filter.apply(&mut realm);
    Ok(realm)
}

fn conn_server(conn: &PgConn) -> strata_model::Server {
    strata_driver::Connection::server(conn).clone()
}

async fn begin(conn: &mut PgConn) -> Result<(), DriverError> {
    let mut script = String::from("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for s in SESSION {
        script.push_str(";\n");
        script.push_str(s);
    }
    if let Err(e) = sqlx::raw_sql(AssertSqlSafe(script))
        .execute(conn.raw())
        .await
    {
        let err = conn.error("starting the inspection", e);
        let _ = sqlx::raw_sql("ROLLBACK").execute(conn.raw()).await;
        return Err(err);
    }
    Ok(())
}

async fn read_catalog(conn: &mut PgConn, options: &InspectOptions) -> Result<Catalog, DriverError> {
    let filter = &options.filter;
    let params = Params {
        include: filter.schemas.clone(),
        exclude: filter.exclude_schemas.clone(),
        privileges: options.privileges,
    };
    Ok(Catalog {
        schemas: fetch(conn, SchemaRow::QUERY, SCHEMAS, &params, SchemaRow::read).await?,
        extensions: fetch(
            conn,
            ExtensionRow::QUERY,
            EXTENSIONS,
            &params,
            ExtensionRow::read,
        )
        .await?,
        relations: fetch(
            conn,
            RelationRow::QUERY,
            RELATIONS,
            &params,
            RelationRow::read,
        )
        .await?,
        columns: fetch(conn, ColumnRow::QUERY, COLUMNS, &params, ColumnRow::read).await?,
        constraints: fetch(
            conn,
            ConstraintRow::QUERY,
            CONSTRAINTS,
            &params,
            ConstraintRow::read,
        )
        .await?,
        indexes: fetch(conn, IndexRow::QUERY, INDEXES, &params, IndexRow::read).await?,
        sequences: fetch(
            conn,
            SequenceRow::QUERY,
            SEQUENCES,
            &params,
            SequenceRow::read,
        )
        .await?,
        types: fetch(conn, TypeRow::QUERY, TYPES, &params, TypeRow::read).await?,
        routines: fetch(conn, RoutineRow::QUERY, ROUTINES, &params, RoutineRow::read).await?,
        triggers: fetch(conn, TriggerRow::QUERY, TRIGGERS, &params, TriggerRow::read).await?,
        rules: fetch(conn, RuleRow::QUERY, RULES, &params, RuleRow::read).await?,
        collations: fetch(
            conn,
            CollationRow::QUERY,
            COLLATIONS,
            &params,
            CollationRow::read,
        )
        .await?,
        policies: fetch(conn, PolicyRow::QUERY, POLICIES, &params, PolicyRow::read).await?,
        inherits: fetch(conn, InheritRow::QUERY, INHERITS, &params, InheritRow::read).await?,
        depends: fetch(conn, DependRow::QUERY, DEPENDS, &params, DependRow::read).await?,
        unsupported: fetch(
            conn,
            UnsupportedRow::QUERY,
            UNSUPPORTED,
            &params,
            UnsupportedRow::read,
        )
        .await?,
    })
}

/// The parameters every catalog query is given.
struct Params {
    include: Vec<String>,
    exclude: Vec<String>,
    privileges: bool,
}

/// Runs one catalog query and reads its rows.
async fn fetch<T>(
    conn: &mut PgConn,
    name: &str,
    sql: &'static str,
    params: &Params,
    read: fn(&PgRow) -> Result<T, DriverError>,
) -> Result<Vec<T>, DriverError> {
    let mut query = sqlx::query(sql).bind(&params.include).bind(&params.exclude);
    // Only the queries that read owners and grants take the third parameter.
    if sql.contains("$3") {
        query = query.bind(params.privileges);
    }
    let rows = query
        .fetch_all(conn.raw())
        .await
        .map_err(|e| conn.error(name, e))?;
    rows.iter().map(read).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_filters_by_schema_with_two_parameters() {
        for sql in [
            SCHEMAS,
            EXTENSIONS,
            RELATIONS,
            COLUMNS,
            CONSTRAINTS,
            INDEXES,
            SEQUENCES,
            TYPES,
            ROUTINES,
            TRIGGERS,
            RULES,
            COLLATIONS,
            POLICIES,
            INHERITS,
            DEPENDS,
            UNSUPPORTED,
        ] {
            assert!(sql.starts_with("WITH ns AS ("));
            assert!(sql.contains("$1") && sql.contains("$2"));
            assert!(!sql.contains("$4"));
        }
    }
}
