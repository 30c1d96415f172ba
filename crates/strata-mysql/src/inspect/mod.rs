//! Live database -> model.
//!
//! Inspection runs a fixed list of bulk information_schema queries
//! (`catalog/*.sql`), whatever the number of tables. The first reads the
//! list of databases; strata picks the wanted ones (the URL's database, the
//! `--schema` filter, or every non-system database) and names them in every
//! other query, so the server only reads those. The rows are then turned
//! into the model by [`build`], which does no I/O.
//!
//! MariaDB answers a query that joins two information_schema tables by
//! opening every table of every database, so the queries never join: the
//! rows are matched up in [`build`].

mod build;
pub(crate) mod rows;

use crate::connect::MyConn;
use crate::flavor::Flavor;
use rows::*;
use sqlx::AssertSqlSafe;
use strata_driver::{DriverError, InspectOptions};
use strata_model::{Filter, Realm};

const SCHEMATA: &str = include_str!("catalog/schemata.sql");
const COLLATIONS: &str = include_str!("catalog/collations.sql");
const TABLES: &str = include_str!("catalog/tables.sql");
const COLUMNS: &str = include_str!("catalog/columns.sql");
const INDEXES: &str = include_str!("catalog/indexes.sql");
const FOREIGN_KEYS: &str = include_str!("catalog/foreign_keys.sql");
const REFERENTIAL: &str = include_str!("catalog/referential.sql");
const CHECKS: &str = include_str!("catalog/checks.sql");
const CHECKS_MYSQL: &str = include_str!("catalog/checks_mysql.sql");
const PARTITIONS: &str = include_str!("catalog/partitions.sql");
const VIEWS: &str = include_str!("catalog/views.sql");
const TRIGGERS: &str = include_str!("catalog/triggers.sql");
const ROUTINES: &str = include_str!("catalog/routines.sql");
const PARAMETERS: &str = include_str!("catalog/parameters.sql");
const EVENTS: &str = include_str!("catalog/events.sql");

/// Databases every server has and that hold no application schema.
pub const SYSTEM_SCHEMAS: &[&str] = &["information_schema", "mysql", "performance_schema", "sys"];

/// Everything the catalog queries returned, before it becomes the model.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    pub schemas: Vec<SchemaRow>,
    pub collations: Vec<CollationRow>,
    pub tables: Vec<TableRow>,
    pub columns: Vec<ColumnRow>,
    pub indexes: Vec<IndexRow>,
    pub foreign_keys: Vec<ForeignKeyRow>,
    pub referential: Vec<ReferentialRow>,
    pub checks: Vec<CheckRow>,
    pub partitions: Vec<PartitionRow>,
    pub views: Vec<ViewRow>,
    pub triggers: Vec<TriggerRow>,
    pub routines: Vec<RoutineRow>,
    pub parameters: Vec<ParameterRow>,
    pub events: Vec<EventRow>,
}

/// Reads the realm behind `conn`.
pub(crate) async fn inspect(
    conn: &mut MyConn,
    options: &InspectOptions,
) -> Result<Realm, DriverError> {
    let flavor = conn.flavor();
    let all: Vec<SchemaRow> = fetch(conn, &fill(SCHEMATA, flavor, Marks::Params(0)), &[]).await?;
    let wanted = wanted_schemas(&all, conn.database().as_deref(), &options.filter);
    let mut catalog = Catalog {
        schemas: all
            .into_iter()
            .filter(|s| wanted.contains(&s.name))
            .collect(),
        ..Catalog::default()
    };
    if !wanted.is_empty() {
        read_objects(conn, flavor, &wanted, &mut catalog).await?;
    }
    let server = strata_driver::Connection::server(conn).clone();
    let mut realm = build::build(catalog, server, flavor)?;
    options.filter.apply(&mut realm);
    Ok(realm)
}

async fn read_objects(
    conn: &mut MyConn,
    flavor: Flavor,
    schemas: &[String],
    catalog: &mut Catalog,
) -> Result<(), DriverError> {
    let marks = Marks::Params(schemas.len());
    let q = |template: &str| fill(template, flavor, marks);
    catalog.collations = fetch(conn, &q(COLLATIONS), &[]).await?;
    catalog.tables = fetch(conn, &q(TABLES), schemas).await?;
    catalog.columns = fetch(conn, &q(COLUMNS), schemas).await?;
    catalog.indexes = fetch(conn, &q(INDEXES), schemas).await?;
    catalog.foreign_keys = fetch(conn, &q(FOREIGN_KEYS), schemas).await?;
    catalog.referential = fetch(conn, &q(REFERENTIAL), schemas).await?;
    if flavor.check_constraints() {
        let checks = if flavor.checks_have_table_name() {
            CHECKS
        } else {
            CHECKS_MYSQL
        };
        catalog.checks = fetch(conn, &q(checks), schemas).await?;
    }
    // Reading PARTITIONS opens every table; most schemas have no
    // partitioned table at all, and the tables query says which do.
    let partitioned = catalog.tables.iter().any(|t| {
        t.create_options
            .as_deref()
            .is_some_and(|o| o.contains("partitioned"))
    });
    if partitioned {
        catalog.partitions = fetch(conn, &q(PARTITIONS), schemas).await?;
    }
    catalog.views = fetch(conn, &q(VIEWS), schemas).await?;
    catalog.triggers = fetch(conn, &q(TRIGGERS), schemas).await?;
    catalog.routines = fetch(conn, &q(ROUTINES), schemas).await?;
    catalog.parameters = fetch(conn, &q(PARAMETERS), schemas).await?;
    catalog.events = fetch(conn, &q(EVENTS), schemas).await?;
    Ok(())
}

/// The databases to read: `--schema` names if given, else the URL's
/// database, else every database that is not a system one; minus
/// `--exclude-schema`. Only databases that exist are returned.
pub(crate) fn wanted_schemas(
    all: &[SchemaRow],
    url_database: Option<&str>,
    filter: &Filter,
) -> Vec<String> {
    let exists = |name: &str| all.iter().any(|s| s.name == name);
    let mut wanted: Vec<String> = if !filter.schemas.is_empty() {
        filter
            .schemas
            .iter()
            .filter(|s| exists(s))
            .cloned()
            .collect()
    } else if let Some(db) = url_database {
        exists(db).then(|| db.to_string()).into_iter().collect()
    } else {
        all.iter()
            .map(|s| s.name.clone())
            .filter(|s| !SYSTEM_SCHEMAS.contains(&s.as_str()))
            .collect()
    };
    wanted.retain(|s| !filter.exclude_schemas.contains(s));
    wanted.sort();
    wanted.dedup();
    wanted
}

/// What stands for the list of schemas in a catalog query.
#[derive(Debug, Clone, Copy)]
enum Marks {
    /// One `?` parameter per schema.
    Params(usize),
    /// The `{{schema}}` marker of [`catalog_script`].
    Script,
}

/// Fills a catalog template: `{schemas}` becomes the [`Marks`], and the
/// flavour's columns replace `{expression}`, `{algorithm}`,
/// `{schema_comment}` and `{ignored}`.
fn fill(template: &str, flavor: Flavor, schemas: Marks) -> String {
    let marks = match schemas {
        Marks::Params(n) => vec!["?"; n].join(", "),
        Marks::Script => "'{{schema}}'".to_string(),
    };
    let or_null = |yes: bool, column: &str| {
        if yes {
            format!("CAST({column} AS CHAR)")
        } else {
            "CAST(NULL AS CHAR)".to_string()
        }
    };
    template
        .replace("{schemas}", &marks)
        .replace(
            "{expression}",
            &or_null(flavor.index_expressions(), "EXPRESSION"),
        )
        .replace(
            "{algorithm}",
            &or_null(flavor.view_algorithm(), "ALGORITHM"),
        )
        .replace(
            "{schema_comment}",
            &or_null(flavor.schema_comment(), "SCHEMA_COMMENT"),
        )
        .replace(
            "{ignored}",
            &match flavor.ignored_index_column() {
                Some(column) => format!("CAST({column} AS CHAR)"),
                None => "CAST(NULL AS CHAR)".to_string(),
            },
        )
}

/// The catalog queries an unfiltered inspection of one database runs on
/// MariaDB, as one script for the `mariadb` client (`{{schema}}` stands
/// for the database).
pub fn catalog_script() -> String {
    let flavor = Flavor::from_version("10.11.0-MariaDB");
    [
        SCHEMATA,
        COLLATIONS,
        TABLES,
        COLUMNS,
        INDEXES,
        FOREIGN_KEYS,
        REFERENTIAL,
        CHECKS,
        PARTITIONS,
        VIEWS,
        TRIGGERS,
        ROUTINES,
        PARAMETERS,
        EVENTS,
    ]
    .iter()
    .map(|t| format!("{};\n", fill(t, flavor, Marks::Script).trim_end()))
    .collect()
}

/// Runs one catalog query and reads its rows.
async fn fetch<T: CatalogRow>(
    conn: &mut MyConn,
    sql: &str,
    schemas: &[String],
) -> Result<Vec<T>, DriverError> {
    let mut query = sqlx::query(AssertSqlSafe(sql.to_string()));
    for s in schemas {
        query = query.bind(s);
    }
    let rows = query
        .fetch_all(conn.raw())
        .await
        .map_err(|e| conn.error(T::QUERY, e))?;
    rows.iter().map(T::read).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(name: &str) -> SchemaRow {
        SchemaRow {
            name: name.into(),
            charset: None,
            collation: None,
            comment: None,
        }
    }

    #[test]
    fn wanted_schemas_follow_url_and_filter() {
        let all: Vec<_> = ["mysql", "sys", "shop", "tenant_1", "tenant_2"]
            .into_iter()
            .map(schema)
            .collect();
        let none = Filter::default();
        assert_eq!(wanted_schemas(&all, Some("shop"), &none), ["shop"]);
        assert_eq!(
            wanted_schemas(&all, None, &none),
            ["shop", "tenant_1", "tenant_2"]
        );
        let f = Filter::new(
            vec!["tenant_1".into(), "nope".into()],
            vec![],
            vec![],
            vec![],
        )
        .unwrap();
        assert_eq!(wanted_schemas(&all, Some("shop"), &f), ["tenant_1"]);
        let f = Filter::new(vec![], vec!["shop".into()], vec![], vec![]).unwrap();
        assert_eq!(wanted_schemas(&all, None, &f), ["tenant_1", "tenant_2"]);
        assert!(wanted_schemas(&all, Some("missing"), &none).is_empty());
    }

    #[test]
    fn templates_are_filled_per_flavour() {
        let maria = Flavor::from_version("10.11.19-MariaDB");
        let mysql = Flavor::from_version("8.0.36");
        let sql = fill(INDEXES, mysql, Marks::Params(2));
        assert!(sql.contains("IN (?, ?)") && sql.contains("CAST(EXPRESSION AS CHAR)"));
        let sql = fill(INDEXES, maria, Marks::Params(1));
        assert!(sql.contains("IN (?)") && sql.contains("CAST(NULL AS CHAR) AS expression"));
        for t in [
            SCHEMATA,
            COLLATIONS,
            TABLES,
            COLUMNS,
            INDEXES,
            FOREIGN_KEYS,
            REFERENTIAL,
            CHECKS,
            CHECKS_MYSQL,
            PARTITIONS,
            VIEWS,
            TRIGGERS,
            ROUTINES,
            PARAMETERS,
            EVENTS,
        ] {
            assert!(!fill(t, maria, Marks::Params(3)).contains('{'), "{t}");
        }
        let script = catalog_script();
        assert!(script.contains("IN ('{{schema}}')"));
        assert_eq!(script.matches(";\n").count(), 14);
    }
}
