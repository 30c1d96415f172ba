//! Live SQLite database -> model.
//!
//! Two steps, kept apart:
//!
//! 1. [`read_catalog`] runs a fixed number of bulk queries (the `.sql` files
//!    in `catalog/`), joining `sqlite_schema`/`pragma_table_list` with the
//!    table-valued pragmas, and reads each row by column name into plain
//!    row structs. The number of queries does not depend on the number of
//!    tables.
//! 2. [`build::realm`] turns those rows into the model, reading each
//!    object's CREATE text ([`parse`]) for what the pragmas do not report.

mod build;
mod dialect;
pub(crate) mod parse;

use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, Row, SqliteConnection};
use strata_driver::{DatabaseUrl, DriverError, InspectOptions};
use strata_model::{Realm, Server};

const OBJECTS: &str = include_str!("catalog/objects.sql");
const COLUMNS: &str = include_str!("catalog/columns.sql");
const VIEW_COLUMNS: &str = include_str!("catalog/view_columns.sql");
const VIEW_COLUMNS_ONE: &str = include_str!("catalog/view_columns_one.sql");
const INDEXES: &str = include_str!("catalog/indexes.sql");
const INDEX_COLUMNS: &str = include_str!("catalog/index_columns.sql");
const FOREIGN_KEYS: &str = include_str!("catalog/foreign_keys.sql");

/// A row of `sqlite_schema` joined with `pragma_table_list`.
#[derive(Debug, Clone)]
pub(crate) struct ObjectRow {
    pub object_type: String,
    pub name: String,
    pub table_name: String,
    pub sql: Option<String>,
    pub table_kind: Option<String>,
    pub without_rowid: bool,
    pub strict: bool,
}

/// A column of a table or view (`pragma_table_xinfo`).
#[derive(Debug, Clone)]
pub(crate) struct ColumnRow {
    pub relation: String,
    pub name: String,
    pub declared_type: String,
    pub not_null: bool,
    pub default_value: Option<String>,
    pub pk: i64,
    pub hidden: i64,
}

/// An index (`pragma_index_list`).
#[derive(Debug, Clone)]
pub(crate) struct IndexRow {
    pub table_name: String,
    pub index_name: String,
    pub unique: bool,
    pub origin: String,
    pub partial: bool,
}

/// A key part of an index (`pragma_index_xinfo`).
#[derive(Debug, Clone)]
pub(crate) struct IndexColumnRow {
    pub table_name: String,
    pub index_name: String,
    pub cid: i64,
    pub name: Option<String>,
    pub descending: bool,
    pub is_key: bool,
}

/// One column pair of a foreign key (`pragma_foreign_key_list`).
#[derive(Debug, Clone)]
pub(crate) struct ForeignKeyRow {
    pub table_name: String,
    pub id: i64,
    pub referenced_table: String,
    pub from_column: String,
    pub to_column: Option<String>,
    pub on_update: String,
    pub on_delete: String,
}

/// Everything the catalog queries return.
#[derive(Debug, Clone, Default)]
pub(crate) struct Catalog {
    pub objects: Vec<ObjectRow>,
    pub columns: Vec<ColumnRow>,
    pub view_columns: Vec<ColumnRow>,
    pub indexes: Vec<IndexRow>,
    pub index_columns: Vec<IndexColumnRow>,
    pub foreign_keys: Vec<ForeignKeyRow>,
}

/// Reads the schema of the `main` database into the model.
pub(crate) async fn inspect(
    conn: &mut SqliteConnection,
    url: &DatabaseUrl,
    server: &Server,
    options: &InspectOptions,
) -> Result<Realm, DriverError> {
    let mut realm = if options.filter.keeps_schema("main") {
        let catalog = read_catalog(conn, url).await?;
        build::realm(&catalog, server)
    } else {
        Realm::new(strata_model::Dialect::Sqlite, server.clone())
    };
    options.filter.apply(&mut realm);
    Ok(realm)
}

/// Runs one catalog query.
async fn fetch(
    conn: &mut SqliteConnection,
    url: &DatabaseUrl,
    name: &str,
    sql: &'static str,
) -> Result<Vec<SqliteRow>, DriverError> {
    sqlx::query(AssertSqlSafe(sql))
        .fetch_all(conn)
        .await
        .map_err(|e| catalog_error(url, name, e))
}

fn catalog_error(url: &DatabaseUrl, name: &str, e: sqlx::Error) -> DriverError {
    DriverError::Catalog {
        target: url.describe(),
        query: name.into(),
        detail: match &e {
            sqlx::Error::Database(db) => db.message().to_string(),
            other => other.to_string(),
        },
    }
}

/// Reads a column by name.
fn get<'r, T>(row: &'r SqliteRow, query: &str, column: &str) -> Result<T, DriverError>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    row.try_get::<T, _>(column)
        .map_err(|e| DriverError::Decode {
            context: format!("{query}.{column}"),
            detail: e.to_string(),
        })
}

fn flag(row: &SqliteRow, query: &str, column: &str) -> Result<bool, DriverError> {
    Ok(get::<Option<i64>>(row, query, column)?.unwrap_or(0) != 0)
}

async fn read_catalog(
    conn: &mut SqliteConnection,
    url: &DatabaseUrl,
) -> Result<Catalog, DriverError> {
    let mut catalog = Catalog::default();

    const Q: &str = "objects.sql";
    for row in fetch(conn, url, Q, OBJECTS).await? {
        catalog.objects.push(ObjectRow {
            object_type: get(&row, Q, "object_type")?,
            name: get(&row, Q, "name")?,
            table_name: get(&row, Q, "table_name")?,
            sql: get(&row, Q, "sql")?,
            table_kind: get(&row, Q, "table_kind")?,
            without_rowid: flag(&row, Q, "without_rowid")?,
            strict: flag(&row, Q, "strict")?,
        });
    }

    const C: &str = "columns.sql";
    for row in fetch(conn, url, C, COLUMNS).await? {
        catalog.columns.push(table_column_row(&row, C)?);
    }

    catalog.view_columns = read_view_columns(conn, url, &catalog.objects).await?;

    const I: &str = "indexes.sql";
    for row in fetch(conn, url, I, INDEXES).await? {
        catalog.indexes.push(IndexRow {
            table_name: get(&row, I, "table_name")?,
            index_name: get(&row, I, "index_name")?,
            unique: flag(&row, I, "is_unique")?,
            origin: get(&row, I, "origin")?,
            partial: flag(&row, I, "partial")?,
        });
    }

    const X: &str = "index_columns.sql";
    for row in fetch(conn, url, X, INDEX_COLUMNS).await? {
        catalog.index_columns.push(IndexColumnRow {
            table_name: get(&row, X, "table_name")?,
            index_name: get(&row, X, "index_name")?,
            cid: get(&row, X, "cid")?,
            name: get(&row, X, "name")?,
            descending: flag(&row, X, "descending")?,
            is_key: flag(&row, X, "is_key")?,
        });
    }

    const F: &str = "foreign_keys.sql";
    for row in fetch(conn, url, F, FOREIGN_KEYS).await? {
        catalog.foreign_keys.push(ForeignKeyRow {
            table_name: get(&row, F, "table_name")?,
            id: get(&row, F, "id")?,
            referenced_table: get(&row, F, "referenced_table")?,
            from_column: get(&row, F, "from_column")?,
            to_column: get(&row, F, "to_column")?,
            on_update: get(&row, F, "on_update")?,
            on_delete: get(&row, F, "on_delete")?,
        });
    }
    Ok(catalog)
}

fn table_column_row(row: &SqliteRow, query: &str) -> Result<ColumnRow, DriverError> {
    Ok(ColumnRow {
        relation: get(row, query, "table_name")?,
        name: get(row, query, "name")?,
        declared_type: crate::normalize::declared_type(
            &get::<Option<String>>(row, query, "declared_type")?.unwrap_or_default(),
        ),
        not_null: flag(row, query, "not_null")?,
        default_value: get(row, query, "default_value")?,
        pk: get(row, query, "pk")?,
        hidden: get(row, query, "hidden")?,
    })
}

fn view_column_row(row: &SqliteRow, query: &str) -> Result<ColumnRow, DriverError> {
    Ok(ColumnRow {
        relation: get(row, query, "view_name")?,
        name: get(row, query, "name")?,
        declared_type: crate::normalize::declared_type(
            &get::<Option<String>>(row, query, "declared_type")?.unwrap_or_default(),
        ),
        not_null: false,
        default_value: None,
        pk: 0,
        hidden: 0,
    })
}

/// The output columns of every view: one bulk query, or, when a broken view
/// makes it fail, one query per view (only then).
async fn read_view_columns(
    conn: &mut SqliteConnection,
    url: &DatabaseUrl,
    objects: &[ObjectRow],
) -> Result<Vec<ColumnRow>, DriverError> {
    const V: &str = "view_columns.sql";
    match sqlx::query(AssertSqlSafe(VIEW_COLUMNS))
        .fetch_all(&mut *conn)
        .await
    {
        Ok(rows) => rows.iter().map(|r| view_column_row(r, V)).collect(),
        Err(sqlx::Error::Database(_)) => {
            const ONE: &str = "view_columns_one.sql";
            let mut out = Vec::new();
            for view in objects.iter().filter(|o| o.object_type == "view") {
                // A view that does not compile has no columns to report.
                if let Ok(rows) = sqlx::query(AssertSqlSafe(VIEW_COLUMNS_ONE))
                    .bind(&view.name)
                    .fetch_all(&mut *conn)
                    .await
                {
                    for r in &rows {
                        out.push(view_column_row(r, ONE)?);
                    }
                }
            }
            Ok(out)
        }
        Err(e) => Err(catalog_error(url, V, e)),
    }
}
