//! The user's notes: a small YAML file merged into the generated pages.
//!
//! strata reads this file and never writes it, so regeneration cannot lose
//! what a person wrote. Keys name objects as `schema.name`, or by their bare
//! name when only one schema has an object of that name:
//!
//! ```yaml
//! schemas:
//!   public: The application's tables.
//! tables:
//!   public.film:
//!     note: One row per film in the catalogue.
//!     columns:
//!       rating: MPAA rating, checked by the mpaa_rating enum.
//!   rental: Short form, a note for the table only.
//! views:
//!   film_list: Used by the storefront.
//! ```

use crate::DocsError;
use serde::Deserialize;
use std::collections::BTreeMap;
use strata_model::Realm;

/// The notes file's default name, looked for in the output directory.
pub const DEFAULT_FILE: &str = "strata-notes.yaml";

/// Notes by object. Empty when there is no notes file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// By schema name.
    #[serde(default)]
    pub schemas: BTreeMap<String, String>,
    /// By `schema.table` or table name.
    #[serde(default)]
    pub tables: BTreeMap<String, TableNote>,
    /// By `schema.view` or view name.
    #[serde(default)]
    pub views: BTreeMap<String, String>,
    /// By `schema.name(args)`, `schema.name` or name.
    #[serde(default)]
    pub routines: BTreeMap<String, String>,
    /// By `schema.type` or type name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// By `schema.sequence` or sequence name.
    #[serde(default)]
    pub sequences: BTreeMap<String, String>,
}

/// A table's note: text alone, or text with notes on columns.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TableNote {
    Text(String),
    Full {
        #[serde(default)]
        note: Option<String>,
        #[serde(default)]
        columns: BTreeMap<String, String>,
    },
}

impl Notes {
    /// Parses the text of a notes file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Notes, DocsError> {
        if text.trim().is_empty() {
            return Ok(Notes::default());
        }
        serde_yaml_ng::from_str(text).map_err(|e| DocsError::Notes {
            path: origin.to_string(),
            message: e.to_string(),
        })
    }

    /// Reads and parses a notes file.
    pub fn load(path: &std::path::Path) -> Result<Notes, DocsError> {
        let text = std::fs::read_to_string(path).map_err(|source| DocsError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Notes::parse(&text, &path.display().to_string())
    }

    /// The note on a schema.
    pub fn schema(&self, schema: &str) -> Option<&str> {
        self.schemas.get(schema).map(String::as_str)
    }

    /// The note on a table.
    pub fn table(&self, schema: &str, table: &str) -> Option<&str> {
        match lookup(&self.tables, schema, table)? {
            TableNote::Text(t) => Some(t),
            TableNote::Full { note, .. } => note.as_deref(),
        }
    }

    /// The note on a column.
    pub fn column(&self, schema: &str, table: &str, column: &str) -> Option<&str> {
        match lookup(&self.tables, schema, table)? {
            TableNote::Text(_) => None,
            TableNote::Full { columns, .. } => columns.get(column).map(String::as_str),
        }
    }

    /// The note on a view.
    pub fn view(&self, schema: &str, name: &str) -> Option<&str> {
        lookup(&self.views, schema, name).map(String::as_str)
    }

    /// The note on a routine.
    pub fn routine(&self, schema: &str, name: &str) -> Option<&str> {
        lookup(&self.routines, schema, name).map(String::as_str)
    }

    /// The note on a user type.
    pub fn user_type(&self, schema: &str, name: &str) -> Option<&str> {
        lookup(&self.types, schema, name).map(String::as_str)
    }

    /// The note on a sequence.
    pub fn sequence(&self, schema: &str, name: &str) -> Option<&str> {
        lookup(&self.sequences, schema, name).map(String::as_str)
    }

    /// Notes that name nothing in the realm (a renamed or dropped object), so
    /// that the caller can warn instead of silently showing nothing.
    pub fn unused(&self, realm: &Realm) -> Vec<String> {
        let mut out = Vec::new();
        for s in self.schemas.keys() {
            if !realm.schemas.contains_key(s) {
                out.push(format!("schemas: {s}"));
            }
        }
        let exists = |key: &str, has: &dyn Fn(&strata_model::Schema, &str) -> bool| match key
            .split_once('.')
        {
            Some((s, n)) if realm.schemas.get(s).is_some_and(|schema| has(schema, n)) => true,
            _ => realm.schemas.values().any(|schema| has(schema, key)),
        };
        for (key, note) in &self.tables {
            let table = |schema: &strata_model::Schema, n: &str| schema.tables.contains_key(n);
            if !exists(key, &table) {
                out.push(format!("tables: {key}"));
                continue;
            }
            if let TableNote::Full { columns, .. } = note {
                for c in columns.keys() {
                    let has_column = |schema: &strata_model::Schema, n: &str| {
                        schema.tables.get(n).is_some_and(|t| t.column(c).is_some())
                    };
                    if !exists(key, &has_column) {
                        out.push(format!("tables: {key}: columns: {c}"));
                    }
                }
            }
        }
        let groups: [(&str, &BTreeMap<String, String>, &HasObject); 4] = [
            ("views", &self.views, &|s, n| s.views.contains_key(n)),
            ("routines", &self.routines, &|s, n| {
                s.routines.contains_key(n) || s.routines.values().any(|r| r.name == n)
            }),
            ("types", &self.types, &|s, n| s.types.contains_key(n)),
            ("sequences", &self.sequences, &|s, n| {
                s.sequences.contains_key(n)
            }),
        ];
        for (group, map, has) in groups {
            for key in map.keys() {
                if !exists(key, has) {
                    out.push(format!("{group}: {key}"));
                }
            }
        }
        out
    }
}

/// Does a schema have an object of this name?
type HasObject = dyn Fn(&strata_model::Schema, &str) -> bool;

/// `schema.name` first, then the bare name.
fn lookup<'a, T>(map: &'a BTreeMap<String, T>, schema: &str, name: &str) -> Option<&'a T> {
    map.get(&format!("{schema}.{name}"))
        .or_else(|| map.get(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_of_table_notes() {
        let notes = Notes::parse(
            "tables:\n  public.film:\n    note: Films\n    columns:\n      rating: MPAA\n  rental: Rentals\n",
            "n.yaml",
        )
        .unwrap();
        assert_eq!(notes.table("public", "film"), Some("Films"));
        assert_eq!(notes.column("public", "film", "rating"), Some("MPAA"));
        assert_eq!(notes.table("public", "rental"), Some("Rentals"));
        assert_eq!(notes.table("other", "film"), None);
    }

    #[test]
    fn unknown_keys_are_errors_with_the_file_name() {
        let err = Notes::parse("tabels: {}\n", "docs/notes.yaml").unwrap_err();
        assert!(
            err.to_string().starts_with("notes file docs/notes.yaml:"),
            "{err}"
        );
    }
}
