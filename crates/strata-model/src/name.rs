//! Names and references between objects.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A schema-qualified object name. For SQLite the schema is `main`; for
/// MySQL/MariaDB it is the database.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    /// Human form for messages (`schema.name`); never used to build SQL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// The kinds of object the model knows. Used in references, reports, filters
/// and ignore rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Schema,
    Extension,
    Type,
    Collation,
    Sequence,
    Routine,
    Table,
    View,
    Event,
}

impl ObjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectKind::Schema => "schema",
            ObjectKind::Extension => "extension",
            ObjectKind::Type => "type",
            ObjectKind::Collation => "collation",
            ObjectKind::Sequence => "sequence",
            ObjectKind::Routine => "routine",
            ObjectKind::Table => "table",
            ObjectKind::View => "view",
            ObjectKind::Event => "event",
        }
    }
}

impl fmt::Display for ObjectKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reference to a top-level object, as recorded by the server's own
/// dependency tracking (PostgreSQL `pg_depend`) or derived from a definition.
///
/// For routines, `name` is the routine's key in [`crate::Schema::routines`]
/// (its name with the identity argument list, e.g. `film_in_stock(integer, integer)`),
/// because PostgreSQL functions can be overloaded. For schemas and extensions,
/// `schema` is empty and `name` is the object's own name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ObjectRef {
    pub kind: ObjectKind,
    pub schema: String,
    pub name: String,
}

impl ObjectRef {
    pub fn new(kind: ObjectKind, schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            kind,
            schema: schema.into(),
            name: name.into(),
        }
    }

    pub fn qualified(&self) -> QualifiedName {
        QualifiedName::new(self.schema.clone(), self.name.clone())
    }
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.schema.is_empty() {
            write!(f, "{} {}", self.kind, self.name)
        } else {
            write!(f, "{} {}.{}", self.kind, self.schema, self.name)
        }
    }
}
