//! Indexes.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub unique: bool,
    /// The key parts, in order.
    pub parts: Vec<IndexPart>,
    /// Non-key columns added with `INCLUDE (…)` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// `WHERE …` of a partial index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// Access method when not the default: PostgreSQL `gin`, `gist`, `hash`…;
    /// MySQL `FULLTEXT`, `SPATIAL`, `HASH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// PostgreSQL 15 `NULLS NOT DISTINCT`.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub nulls_not_distinct: bool,
    /// Storage parameters (`fillfactor=70`), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// MySQL `WITH PARSER`, `KEY_BLOCK_SIZE`… are rare; `comment` is not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// One key part of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexPart {
    pub key: IndexKey,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub descending: bool,
    /// Only when explicitly different from the default for the direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls: Option<NullsOrder>,
    /// Operator class when not the type's default (PostgreSQL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// MySQL prefix length (`KEY (title(10))`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix_length: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexKey {
    Column(String),
    /// An expression (functional key part), as the server prints it.
    Expression(String),
}

impl IndexPart {
    pub fn column(name: impl Into<String>) -> Self {
        IndexPart {
            key: IndexKey::Column(name.into()),
            descending: false,
            nulls: None,
            opclass: None,
            collation: None,
            prefix_length: None,
        }
    }

    /// The column name, if this part is a plain column.
    pub fn column_name(&self) -> Option<&str> {
        match &self.key {
            IndexKey::Column(c) => Some(c),
            IndexKey::Expression(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NullsOrder {
    First,
    Last,
}
