//! Catalog rows as plain structs, read by column name.
//!
//! Each struct mirrors one `catalog/*.sql` file: a field per selected
//! column, with the same name. Decoding follows the catalog types (`name` ->
//! `String`, `"char"` -> `u8`, `oid` -> `u32`); a value that does not decode
//! is a [`DriverError::Decode`] naming the query and column.

use sqlx::Row;
use sqlx::postgres::PgRow;
use sqlx::postgres::types::Oid;
use strata_driver::DriverError;

/// A Rust value a catalog column decodes into.
pub(crate) trait FromCatalog: Sized {
    fn read(row: &PgRow, query: &str, column: &str) -> Result<Self, DriverError>;
}

fn decode_error(query: &str, column: &str, e: sqlx::Error) -> DriverError {
    DriverError::Decode {
        context: format!("{query}.{column}"),
        detail: e.to_string(),
    }
}

fn missing(query: &str, column: &str) -> DriverError {
    DriverError::Decode {
        context: format!("{query}.{column}"),
        detail: "unexpected NULL".into(),
    }
}

/// Types sqlx decodes directly.
macro_rules! direct {
    ($($t:ty),*) => {$(
        impl FromCatalog for $t {
            fn read(row: &PgRow, query: &str, column: &str) -> Result<Self, DriverError> {
                row.try_get::<$t, _>(column).map_err(|e| decode_error(query, column, e))
            }
        }
    )*};
}

direct!(
    String,
    Option<String>,
    bool,
    Option<bool>,
    i16,
    Option<i16>,
    i32,
    Option<i32>,
    i64,
    Vec<String>,
    Option<Vec<String>>,
    Vec<Option<String>>,
    Option<Vec<Option<String>>>,
    Vec<i16>,
    Option<Vec<i16>>,
    Option<Vec<i64>>
);

/// `"char"` codes (relkind, contype…), as the ASCII byte they are.
impl FromCatalog for u8 {
    fn read(row: &PgRow, query: &str, column: &str) -> Result<Self, DriverError> {
        Option::<u8>::read(row, query, column)?.ok_or_else(|| missing(query, column))
    }
}

impl FromCatalog for Option<u8> {
    fn read(row: &PgRow, query: &str, column: &str) -> Result<Self, DriverError> {
        let v = row
            .try_get::<Option<i8>, _>(column)
            .map_err(|e| decode_error(query, column, e))?;
        Ok(v.map(|c| c as u8))
    }
}

impl FromCatalog for u32 {
    fn read(row: &PgRow, query: &str, column: &str) -> Result<Self, DriverError> {
        Option::<u32>::read(row, query, column)?.ok_or_else(|| missing(query, column))
    }
}

impl FromCatalog for Option<u32> {
    fn read(row: &PgRow, query: &str, column: &str) -> Result<Self, DriverError> {
        let v = row
            .try_get::<Option<Oid>, _>(column)
            .map_err(|e| decode_error(query, column, e))?;
        Ok(v.map(|o| o.0))
    }
}

/// Declares a row struct and its reader; field names are column names.
macro_rules! rows {
    ($(
        $(#[$meta:meta])*
        $name:ident from $query:literal { $($field:ident: $ty:ty,)* }
    )*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub(crate) struct $name {
            $(pub $field: $ty,)*
        }

        impl $name {
            /// The query file this row comes from.
            pub const QUERY: &'static str = $query;

            pub(crate) fn read(row: &PgRow) -> Result<Self, DriverError> {
                Ok(Self {
                    $($field: FromCatalog::read(row, $query, stringify!($field))?,)*
                })
            }
        }
    )*};
}

rows! {
    /// `schemas.sql`
    SchemaRow from "schemas" {
        name: String,
        comment: Option<String>,
        owner: Option<String>,
        acl: Option<Vec<String>>,
    }

    /// `extensions.sql`
    ExtensionRow from "extensions" {
        name: String,
        schema: String,
        version: String,
        comment: Option<String>,
    }

    /// `relations.sql`
    RelationRow from "relations" {
        oid: u32,
        schema: String,
        name: String,
        kind: u8,
        type_oid: u32,
        unlogged: bool,
        partition_bound: Option<String>,
        partition_key: Option<String>,
        options: Option<Vec<String>>,
        rls_enabled: bool,
        rls_forced: bool,
        view_definition: Option<String>,
        comment: Option<String>,
        owner: Option<String>,
        acl: Option<Vec<String>>,
    }

    /// `columns.sql`
    ColumnRow from "columns" {
        relation_oid: u32,
        num: i16,
        name: String,
        data_type: String,
        not_null: bool,
        identity: u8,
        generated: u8,
        default_expr: Option<String>,
        collation: Option<String>,
        collation_oid: i64,
        comment: Option<String>,
    }

    /// `constraints.sql`
    ConstraintRow from "constraints" {
        name: String,
        kind: u8,
        relation_oid: u32,
        type_oid: u32,
        columns: Option<Vec<i16>>,
        deferrable: bool,
        deferred: bool,
        validated: bool,
        no_inherit: bool,
        on_update: u8,
        on_delete: u8,
        match_type: u8,
        ref_schema: Option<String>,
        ref_table: Option<String>,
        ref_columns: Option<Vec<String>>,
        expression: Option<String>,
        definition: Option<String>,
        nulls_not_distinct: Option<bool>,
        key_count: Option<i16>,
        index_columns: Option<Vec<i16>>,
        comment: Option<String>,
    }

    /// `indexes.sql`
    IndexRow from "indexes" {
        relation_oid: u32,
        name: String,
        is_unique: bool,
        nulls_not_distinct: bool,
        key_count: i16,
        columns: Vec<i16>,
        flags: Vec<i16>,
        method: String,
        predicate: Option<String>,
        options: Option<Vec<String>>,
        expressions: Option<Vec<Option<String>>>,
        opclasses: Option<Vec<Option<String>>>,
        collation_oids: Option<Vec<i64>>,
        collations: Option<Vec<Option<String>>>,
        comment: Option<String>,
    }

    /// `sequences.sql`
    SequenceRow from "sequences" {
        oid: u32,
        schema: String,
        name: String,
        data_type: String,
        start: i64,
        increment: i64,
        min_value: i64,
        max_value: i64,
        cache: i64,
        cycle: bool,
        owner_kind: Option<u8>,
        owner_oid: Option<u32>,
        owner_column_num: Option<i32>,
        owner_table: Option<String>,
        owner_column: Option<String>,
        comment: Option<String>,
        owner: Option<String>,
        acl: Option<Vec<String>>,
    }

    /// `types.sql`
    TypeRow from "types" {
        oid: u32,
        schema: String,
        name: String,
        kind: u8,
        class_oid: u32,
        enum_labels: Option<Vec<String>>,
        base_type: Option<String>,
        not_null: bool,
        default_expr: Option<String>,
        collation: Option<String>,
        range_subtype: Option<String>,
        range_opclass: Option<String>,
        range_collation: Option<String>,
        range_canonical: Option<String>,
        range_subdiff: Option<String>,
        multirange_name: Option<String>,
        multirange_schema: Option<String>,
        comment: Option<String>,
        owner: Option<String>,
        acl: Option<Vec<String>>,
    }

    /// `routines.sql`
    RoutineRow from "routines" {
        oid: u32,
        schema: String,
        name: String,
        kind: u8,
        arguments: String,
        returns: Option<String>,
        language: String,
        definition: Option<String>,
        aggregate_arguments: Option<String>,
        parallel: u8,
        aggregate_kind: Option<u8>,
        transition_function: Option<String>,
        state_type: Option<String>,
        state_space: Option<i32>,
        final_function: Option<String>,
        final_extra: Option<bool>,
        final_modify: Option<u8>,
        combine_function: Option<String>,
        serial_function: Option<String>,
        deserial_function: Option<String>,
        initial_value: Option<String>,
        moving_transition_function: Option<String>,
        moving_inverse_function: Option<String>,
        moving_state_type: Option<String>,
        moving_state_space: Option<i32>,
        moving_final_function: Option<String>,
        moving_final_extra: Option<bool>,
        moving_final_modify: Option<u8>,
        moving_initial_value: Option<String>,
        sort_operator: Option<String>,
        comment: Option<String>,
        owner: Option<String>,
        acl: Option<Vec<String>>,
    }

    /// `triggers.sql`
    TriggerRow from "triggers" {
        oid: u32,
        relation_oid: u32,
        name: String,
        type_flags: i16,
        enabled: u8,
        columns: Vec<i16>,
        definition: String,
        comment: Option<String>,
    }

    /// `rules.sql`
    RuleRow from "rules" {
        oid: u32,
        relation_oid: u32,
        name: String,
        definition: String,
        comment: Option<String>,
    }

    /// `collations.sql`
    CollationRow from "collations" {
        oid: u32,
        schema: String,
        name: String,
        provider: u8,
        deterministic: bool,
        lc_collate: Option<String>,
        lc_ctype: Option<String>,
        locale: Option<String>,
        comment: Option<String>,
    }

    /// `policies.sql`
    PolicyRow from "policies" {
        relation_oid: u32,
        name: String,
        command: u8,
        permissive: bool,
        roles: Vec<String>,
        using_expr: Option<String>,
        check_expr: Option<String>,
        comment: Option<String>,
    }

    /// `inherits.sql`
    InheritRow from "inherits" {
        relation_oid: u32,
        parent_schema: String,
        parent_name: String,
    }

    /// `depends.sql`
    DependRow from "depends" {
        dependent_kind: String,
        dependent_oid: u32,
        referenced_kind: String,
        referenced_oid: u32,
        referenced_extension: Option<String>,
    }

    /// `unsupported.sql`
    UnsupportedRow from "unsupported" {
        kind: String,
        schema: String,
        name: String,
    }
}
