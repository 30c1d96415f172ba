//! Lint rules on strata's model.
//!
//! - [`schema`]: structural problems of a schema as it is (a table with no
//!   primary key, a foreign key with no index…), `strata lint --schema`.
//! - [`migration`]: risky operations in migration scripts (a NOT NULL
//!   column without a default, an index built without CONCURRENTLY, an
//!   ALTER that copies a MySQL table…), `strata lint FILES…` and `strata
//!   lint --migrations`. Migrations are SQL written by people, so these
//!   rules read the statements themselves (parsed with sqlparser, with a
//!   token-level fallback); they share [`RuleInfo`], [`Severity`] and the
//!   SARIF rule descriptors of [`report`].
//!
//! Each rule is one file with its rationale, the dialects it applies to,
//! its default severity, and a test of the message a user sees. Adding a
//! rule is one file and one line in its registry ([`schema::RULES`],
//! [`migration::RULES`]).

pub mod migration;
pub mod report;
pub mod schema;

use serde::Serialize;
use strata_model::Dialect;

/// How serious a finding is. SARIF calls these `error`, `warning`, `note`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; often deliberate.
    Note,
    /// Likely a problem.
    Warning,
    /// A problem.
    Error,
}

impl Severity {
    /// `note`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a rule is, for people and for SARIF.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    /// Stable kebab-case id (`foreign-key-without-index`).
    pub id: &'static str,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters and what to do about it.
    pub rationale: &'static str,
    /// The dialects where the rule means something.
    pub dialects: &'static [Dialect],
    /// The severity of its findings.
    pub severity: Severity,
    /// Off unless asked for (by name, or by a switch such as `--comments`).
    pub opt_in: bool,
}

/// Where a finding is: an object of the schema.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The schema (namespace, MySQL database, SQLite `main`).
    pub schema: String,
    /// The table (or view) the finding is about.
    pub object: String,
    /// The column, index or constraint inside it, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<Part>,
}

/// A part of a table a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Part {
    /// A column, by name.
    Column(String),
    /// An index, by name.
    Index(String),
    /// A constraint, by name (or its columns when unnamed).
    Constraint(String),
}

impl Location {
    /// A table (or view) as a whole.
    pub fn table(schema: &str, table: &str) -> Location {
        Location {
            schema: schema.to_string(),
            object: table.to_string(),
            part: None,
        }
    }

    /// The same object, narrowed to a part of it.
    pub fn with(mut self, part: Part) -> Location {
        self.part = Some(part);
        self
    }

    /// `schema.table`, `schema.table.column`, `schema.table (index x)`.
    pub fn display(&self) -> String {
        match &self.part {
            None => format!("{}.{}", self.schema, self.object),
            Some(Part::Column(c)) => format!("{}.{}.{c}", self.schema, self.object),
            Some(Part::Index(i)) => format!("{}.{} (index {i})", self.schema, self.object),
            Some(Part::Constraint(k)) => {
                format!("{}.{} (constraint {k})", self.schema, self.object)
            }
        }
    }

    /// The most precise name, for SARIF's logical location.
    pub fn qualified(&self) -> String {
        match &self.part {
            None => format!("{}.{}", self.schema, self.object),
            Some(Part::Column(c) | Part::Index(c) | Part::Constraint(c)) => {
                format!("{}.{}.{c}", self.schema, self.object)
            }
        }
    }

    /// SARIF's logical location kind.
    pub fn kind(&self) -> &'static str {
        match &self.part {
            None => "table",
            Some(Part::Column(_)) => "column",
            Some(Part::Index(_)) => "index",
            Some(Part::Constraint(_)) => "constraint",
        }
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's id.
    pub rule: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// What the finding is about.
    pub location: Location,
    /// What is wrong, in one line.
    pub message: String,
}
