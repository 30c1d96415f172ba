//! Catalog rows, read by column name.
//!
//! Every text value may arrive as a string or, from MySQL 8's
//! information_schema, as a binary string: [`text`] reads both. Numbers
//! are cast to `SIGNED` in the SQL (MariaDB's are unsigned), and [`int`]
//! still accepts any integer width or a numeric string.

use crate::normalize;
use sqlx::Row;
use sqlx::mysql::MySqlRow;
use strata_driver::DriverError;

fn decode_error(column: &str, e: sqlx::Error) -> DriverError {
    DriverError::Decode {
        context: format!("column {column}"),
        detail: e.to_string(),
    }
}

/// A text column, NULL as `None`.
pub(crate) fn text(row: &MySqlRow, column: &str) -> Result<Option<String>, DriverError> {
    match row.try_get::<Option<String>, _>(column) {
        Ok(v) => Ok(v),
        Err(sqlx::Error::ColumnNotFound(_)) => Err(DriverError::Decode {
            context: "a catalog query".into(),
            detail: format!("no column {column}"),
        }),
        Err(first) => match row.try_get::<Option<Vec<u8>>, _>(column) {
            Ok(v) => Ok(v.map(|b| normalize::text_from_bytes(&b))),
            Err(_) => Err(decode_error(column, first)),
        },
    }
}

/// A text column that must be present.
pub(crate) fn req(row: &MySqlRow, column: &str) -> Result<String, DriverError> {
    text(row, column)?.ok_or_else(|| DriverError::Decode {
        context: format!("column {column}"),
        detail: "unexpected NULL".into(),
    })
}

/// An integer column, NULL as `None`.
pub(crate) fn int(row: &MySqlRow, column: &str) -> Result<Option<i64>, DriverError> {
    if let Ok(v) = row.try_get::<Option<i64>, _>(column) {
        return Ok(v);
    }
    if let Ok(v) = row.try_get::<Option<u64>, _>(column) {
        return Ok(v.map(|n| i64::try_from(n).unwrap_or(i64::MAX)));
    }
    if let Ok(v) = row.try_get::<Option<i32>, _>(column) {
        return Ok(v.map(i64::from));
    }
    match text(row, column)? {
        None => Ok(None),
        Some(t) => t.trim().parse().map(Some).map_err(|_| DriverError::Decode {
            context: format!("column {column}"),
            detail: format!("'{t}' is not a number"),
        }),
    }
}

/// A catalog query: its name (for errors) and how to read one row.
pub(crate) trait CatalogRow: Sized {
    const QUERY: &'static str;
    fn read(row: &MySqlRow) -> Result<Self, DriverError>;
}

#[derive(Debug, Clone)]
pub(crate) struct SchemaRow {
    pub name: String,
    pub charset: Option<String>,
    pub collation: Option<String>,
    pub comment: Option<String>,
}

impl CatalogRow for SchemaRow {
    const QUERY: &'static str = "schemata";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(SchemaRow {
            name: req(row, "schema_name")?,
            charset: text(row, "charset")?,
            collation: text(row, "collation_name")?,
            comment: text(row, "schema_comment")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct CollationRow {
    pub name: String,
    pub charset: Option<String>,
}

impl CatalogRow for CollationRow {
    const QUERY: &'static str = "collations";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(CollationRow {
            name: req(row, "collation_name")?,
            charset: text(row, "charset")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TableRow {
    pub schema: String,
    pub name: String,
    pub table_type: String,
    pub engine: Option<String>,
    pub collation: Option<String>,
    pub create_options: Option<String>,
    pub comment: Option<String>,
}

impl CatalogRow for TableRow {
    const QUERY: &'static str = "tables";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(TableRow {
            schema: req(row, "table_schema")?,
            name: req(row, "table_name")?,
            table_type: req(row, "table_type")?,
            engine: text(row, "engine")?,
            collation: text(row, "table_collation")?,
            create_options: text(row, "create_options")?,
            comment: text(row, "table_comment")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ColumnRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub position: i64,
    pub default: Option<String>,
    pub nullable: bool,
    pub column_type: String,
    pub charset: Option<String>,
    pub collation: Option<String>,
    pub extra: String,
    pub generation_expression: Option<String>,
    pub comment: Option<String>,
}

impl CatalogRow for ColumnRow {
    const QUERY: &'static str = "columns";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(ColumnRow {
            schema: req(row, "table_schema")?,
            table: req(row, "table_name")?,
            name: req(row, "column_name")?,
            position: int(row, "ordinal_position")?.unwrap_or(0),
            default: text(row, "column_default")?,
            nullable: req(row, "is_nullable")?.eq_ignore_ascii_case("YES"),
            column_type: req(row, "column_type")?,
            charset: text(row, "charset")?,
            collation: text(row, "collation_name")?,
            extra: text(row, "extra")?.unwrap_or_default(),
            generation_expression: text(row, "generation_expression")?,
            comment: text(row, "column_comment")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct IndexRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub non_unique: bool,
    pub seq: i64,
    pub column: Option<String>,
    pub descending: bool,
    pub sub_part: Option<u32>,
    pub index_type: String,
    pub comment: Option<String>,
    pub expression: Option<String>,
    /// Hidden from the optimizer (not in the model: reported).
    pub ignored: bool,
}

impl CatalogRow for IndexRow {
    const QUERY: &'static str = "indexes";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(IndexRow {
            schema: req(row, "table_schema")?,
            table: req(row, "table_name")?,
            name: req(row, "index_name")?,
            non_unique: int(row, "non_unique")?.unwrap_or(1) != 0,
            seq: int(row, "seq_in_index")?.unwrap_or(0),
            column: text(row, "column_name")?,
            descending: text(row, "collation_order")?.as_deref() == Some("D"),
            sub_part: int(row, "sub_part")?.and_then(|n| u32::try_from(n).ok()),
            index_type: text(row, "index_type")?.unwrap_or_default(),
            comment: text(row, "index_comment")?,
            expression: text(row, "expression")?,
            ignored: text(row, "ignored")?.as_deref() == Some("YES"),
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ForeignKeyRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub position: i64,
    pub column: String,
    pub referenced_schema: String,
    pub referenced_table: String,
    pub referenced_column: String,
}

impl CatalogRow for ForeignKeyRow {
    const QUERY: &'static str = "foreign_keys";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(ForeignKeyRow {
            schema: req(row, "table_schema")?,
            table: req(row, "table_name")?,
            name: req(row, "constraint_name")?,
            position: int(row, "ordinal_position")?.unwrap_or(0),
            column: req(row, "column_name")?,
            referenced_schema: req(row, "referenced_schema")?,
            referenced_table: req(row, "referenced_table")?,
            referenced_column: req(row, "referenced_column")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ReferentialRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub update_rule: String,
    pub delete_rule: String,
}

impl CatalogRow for ReferentialRow {
    const QUERY: &'static str = "referential";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(ReferentialRow {
            schema: req(row, "table_schema")?,
            table: req(row, "table_name")?,
            name: req(row, "constraint_name")?,
            update_rule: text(row, "update_rule")?.unwrap_or_default(),
            delete_rule: text(row, "delete_rule")?.unwrap_or_default(),
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct CheckRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub clause: String,
}

impl CatalogRow for CheckRow {
    const QUERY: &'static str = "checks";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(CheckRow {
            schema: req(row, "table_schema")?,
            table: req(row, "table_name")?,
            name: req(row, "constraint_name")?,
            clause: req(row, "check_clause")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct PartitionRow {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub subpartition: Option<String>,
    pub position: i64,
    pub method: String,
    pub expression: Option<String>,
    pub description: Option<String>,
    pub comment: Option<String>,
}

impl CatalogRow for PartitionRow {
    const QUERY: &'static str = "partitions";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(PartitionRow {
            schema: req(row, "table_schema")?,
            table: req(row, "table_name")?,
            name: req(row, "partition_name")?,
            subpartition: text(row, "subpartition_name")?,
            position: int(row, "ordinal_position")?.unwrap_or(0),
            method: text(row, "partition_method")?.unwrap_or_default(),
            expression: text(row, "partition_expression")?,
            description: text(row, "partition_description")?,
            comment: text(row, "partition_comment")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ViewRow {
    pub schema: String,
    pub name: String,
    pub definition: String,
    pub check_option: Option<String>,
    pub security: Option<String>,
    pub algorithm: Option<String>,
}

impl CatalogRow for ViewRow {
    const QUERY: &'static str = "views";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(ViewRow {
            schema: req(row, "table_schema")?,
            name: req(row, "table_name")?,
            definition: text(row, "view_definition")?.unwrap_or_default(),
            check_option: text(row, "check_option")?,
            security: text(row, "security_type")?,
            algorithm: text(row, "algorithm")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TriggerRow {
    pub schema: String,
    pub name: String,
    pub event: String,
    pub table: String,
    pub order: i64,
    pub statement: String,
    pub orientation: String,
    pub timing: String,
}

impl CatalogRow for TriggerRow {
    const QUERY: &'static str = "triggers";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(TriggerRow {
            schema: req(row, "trigger_schema")?,
            name: req(row, "trigger_name")?,
            event: req(row, "event_manipulation")?,
            table: req(row, "event_object_table")?,
            order: int(row, "action_order")?.unwrap_or(0),
            statement: text(row, "action_statement")?.unwrap_or_default(),
            orientation: text(row, "action_orientation")?.unwrap_or_default(),
            timing: req(row, "action_timing")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RoutineRow {
    pub schema: String,
    pub name: String,
    pub routine_type: String,
    pub returns: Option<String>,
    pub returns_charset: Option<String>,
    /// `None` when the user may not see the body (not the definer and no
    /// privilege on `mysql.proc`).
    pub body: Option<String>,
    pub deterministic: bool,
    pub data_access: Option<String>,
    pub security: Option<String>,
    pub comment: Option<String>,
}

impl CatalogRow for RoutineRow {
    const QUERY: &'static str = "routines";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(RoutineRow {
            schema: req(row, "routine_schema")?,
            name: req(row, "routine_name")?,
            routine_type: req(row, "routine_type")?,
            returns: text(row, "returns_type")?,
            returns_charset: text(row, "returns_charset")?,
            body: text(row, "routine_definition")?,
            deterministic: text(row, "is_deterministic")?.as_deref() == Some("YES"),
            data_access: text(row, "sql_data_access")?,
            security: text(row, "security_type")?,
            comment: text(row, "routine_comment")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ParameterRow {
    pub schema: String,
    pub routine: String,
    pub routine_type: String,
    pub position: i64,
    pub mode: Option<String>,
    pub name: Option<String>,
    pub data_type: String,
    pub charset: Option<String>,
}

impl CatalogRow for ParameterRow {
    const QUERY: &'static str = "parameters";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(ParameterRow {
            schema: req(row, "routine_schema")?,
            routine: req(row, "routine_name")?,
            routine_type: text(row, "routine_type")?.unwrap_or_default(),
            position: int(row, "ordinal_position")?.unwrap_or(0),
            mode: text(row, "parameter_mode")?,
            name: text(row, "parameter_name")?,
            data_type: text(row, "data_type")?.unwrap_or_default(),
            charset: text(row, "charset")?,
        })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct EventRow {
    pub schema: String,
    pub name: String,
    pub body: String,
    pub event_type: String,
    pub execute_at: Option<String>,
    pub interval_value: Option<String>,
    pub interval_field: Option<String>,
    pub starts: Option<String>,
    pub ends: Option<String>,
    pub status: String,
    pub on_completion: String,
    pub comment: Option<String>,
}

impl CatalogRow for EventRow {
    const QUERY: &'static str = "events";
    fn read(row: &MySqlRow) -> Result<Self, DriverError> {
        Ok(EventRow {
            schema: req(row, "event_schema")?,
            name: req(row, "event_name")?,
            body: text(row, "event_definition")?.unwrap_or_default(),
            event_type: text(row, "event_type")?.unwrap_or_default(),
            execute_at: text(row, "execute_at")?,
            interval_value: text(row, "interval_value")?,
            interval_field: text(row, "interval_field")?,
            starts: text(row, "starts")?,
            ends: text(row, "ends")?,
            status: text(row, "status")?.unwrap_or_default(),
            on_completion: text(row, "on_completion")?.unwrap_or_default(),
            comment: text(row, "event_comment")?,
        })
    }
}
