//! Table constraints.

use crate::QualifiedName;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    /// PostgreSQL always names it; MySQL calls it `PRIMARY`; SQLite may not name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    /// PostgreSQL `DEFERRABLE`: uniqueness may be checked at commit.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub initially_deferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub references: QualifiedName,
    pub referenced_columns: Vec<String>,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_update: FkAction,
    #[serde(default, skip_serializing_if = "FkAction::is_default")]
    pub on_delete: FkAction,
    #[serde(default, skip_serializing_if = "MatchType::is_default")]
    pub match_type: MatchType,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub initially_deferred: bool,
    /// PostgreSQL `NOT VALID`: existing rows were not checked.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub not_valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn is_default(&self) -> bool {
        *self == FkAction::NoAction
    }

    /// The SQL words, identical in all three dialects.
    pub fn as_sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchType {
    #[default]
    Simple,
    Full,
    Partial,
}

impl MatchType {
    pub fn is_default(&self) -> bool {
        *self == MatchType::Simple
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniqueConstraint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub columns: Vec<String>,
    /// PostgreSQL 15 `NULLS NOT DISTINCT`.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub nulls_not_distinct: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub initially_deferred: bool,
    /// Columns added with `INCLUDE (…)` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckConstraint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The boolean expression, without the `CHECK` keyword but with the
    /// parentheses the server prints.
    pub expression: String,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub not_valid: bool,
    /// PostgreSQL `NO INHERIT`.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub no_inherit: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// PostgreSQL `EXCLUDE USING …` constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExclusionConstraint {
    pub name: String,
    /// The constraint body as `pg_get_constraintdef` prints it
    /// (`EXCLUDE USING gist (room WITH =, during WITH &&)`).
    pub definition: String,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub deferrable: bool,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub initially_deferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
