//! Tables, with the facts only one dialect has in typed sub-structures.

use crate::{
    CheckConstraint, Column, ExclusionConstraint, ForeignKey, Grant, Index, ObjectRef, Policy,
    PrimaryKey, QualifiedName, Rule, Trigger, UniqueConstraint,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    /// In the table's physical order (ordinal position).
    #[serde(default)]
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// Sorted by name, then columns (SQLite constraints may be unnamed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// Unique *constraints* (PostgreSQL, SQLite table-level UNIQUE). A unique
    /// index created with CREATE UNIQUE INDEX, and every MySQL unique key, is an
    /// [`Index`] with `unique = true`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<UniqueConstraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckConstraint>,
    /// PostgreSQL EXCLUDE constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<ExclusionConstraint>,
    /// Indexes that are not the implementation of a constraint, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub indexes: BTreeMap<String, Index>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub triggers: BTreeMap<String, Trigger>,
    /// Rewrite rules (PostgreSQL `CREATE RULE`), by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Rule>,
    /// Row-level security policies (PostgreSQL).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub policies: BTreeMap<String, Policy>,
    /// Objects the table needs besides the tables its foreign keys name:
    /// user types of its columns, sequences and functions its defaults,
    /// checks and generated columns use, its partition parent or inheritance
    /// parents. Used to order creates and drops.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ObjectRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Owner role, only read when privileges are requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<PgTable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mysql: Option<MySqlTable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sqlite: Option<SqliteTable>,
}

impl Table {
    pub fn new(name: impl Into<String>) -> Self {
        Table {
            name: name.into(),
            ..Table::default()
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Puts every order-free collection into its canonical order. Inspectors
    /// call this once at the end so that equal schemas compare equal.
    pub fn sort(&mut self) {
        self.foreign_keys
            .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
        self.uniques
            .sort_by(|a, b| (&a.name, &a.columns).cmp(&(&b.name, &b.columns)));
        self.checks
            .sort_by(|a, b| (&a.name, &a.expression).cmp(&(&b.name, &b.expression)));
        self.exclusions.sort_by(|a, b| a.name.cmp(&b.name));
        self.grants.sort();
        self.depends_on.sort();
        self.depends_on.dedup();
    }
}

/// PostgreSQL table facts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PgTable {
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub unlogged: bool,
    /// The partition key of a partitioned table, as `pg_get_partkeydef` gives
    /// it (`RANGE (payment_date)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<String>,
    /// Set when this table is a partition of another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<PgPartitionOf>,
    /// Parents under classic table inheritance, in `inhseqno` order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<QualifiedName>,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub rls_enabled: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub rls_forced: bool,
    /// Storage parameters (`fillfactor=70`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// The parent and bound of a declarative partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PgPartitionOf {
    pub parent: QualifiedName,
    /// `FOR VALUES FROM (…) TO (…)`, `FOR VALUES IN (…)`, `DEFAULT`…
    pub bound: String,
}

/// MySQL/MariaDB table facts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MySqlTable {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// Only when set explicitly in CREATE TABLE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitioning: Option<MySqlPartitioning>,
}

/// `PARTITION BY …` of a MySQL table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySqlPartitioning {
    /// `RANGE`, `LIST`, `HASH`, `KEY`, `LINEAR HASH`, `RANGE COLUMNS`…
    pub method: String,
    /// The partitioning expression or column list.
    pub expression: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<MySqlPartition>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySqlPartition {
    pub name: String,
    /// `VALUES LESS THAN (…)` / `VALUES IN (…)` body, absent for HASH/KEY.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// SQLite table facts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SqliteTable {
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub without_rowid: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub strict: bool,
}
