//! `--schema`, `--exclude-schema`, `--table GLOB`, `--exclude-table GLOB`.
//!
//! Schema names are pushed down into the catalog queries by the inspectors
//! (so a schema-per-tenant fleet only reads what it needs); table globs are
//! applied to the model afterwards, the same way for every dialect.

use crate::Realm;
use globset::{Glob, GlobSet, GlobSetBuilder};

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these schemas (exact names). Empty: all non-system schemas.
    pub schemas: Vec<String>,
    pub exclude_schemas: Vec<String>,
    tables: Option<GlobSet>,
    exclude_tables: Option<GlobSet>,
    table_patterns: Vec<String>,
    exclude_table_patterns: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid table pattern '{pattern}': {reason}")]
pub struct FilterError {
    pub pattern: String,
    pub reason: String,
}

fn build(patterns: &[String]) -> Result<Option<GlobSet>, FilterError> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = Glob::new(p).map_err(|e| FilterError {
            pattern: p.clone(),
            reason: e.kind().to_string(),
        })?;
        builder.add(glob);
    }
    builder.build().map(Some).map_err(|e| FilterError {
        pattern: patterns.join(", "),
        reason: e.to_string(),
    })
}

impl Filter {
    pub fn new(
        schemas: Vec<String>,
        exclude_schemas: Vec<String>,
        tables: Vec<String>,
        exclude_tables: Vec<String>,
    ) -> Result<Filter, FilterError> {
        Ok(Filter {
            schemas,
            exclude_schemas,
            tables: build(&tables)?,
            exclude_tables: build(&exclude_tables)?,
            table_patterns: tables,
            exclude_table_patterns: exclude_tables,
        })
    }

    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
            && self.exclude_schemas.is_empty()
            && self.table_patterns.is_empty()
            && self.exclude_table_patterns.is_empty()
    }

    pub fn keeps_schema(&self, schema: &str) -> bool {
        (self.schemas.is_empty() || self.schemas.iter().any(|s| s == schema))
            && !self.exclude_schemas.iter().any(|s| s == schema)
    }

    /// Does a table or view pass? A pattern matches either the bare name or
    /// `schema.name`.
    pub fn keeps_relation(&self, schema: &str, name: &str) -> bool {
        let qualified = format!("{schema}.{name}");
        let hit = |set: &GlobSet| set.is_match(name) || set.is_match(&qualified);
        self.tables.as_ref().is_none_or(hit) && !self.exclude_tables.as_ref().is_some_and(hit)
    }

    /// Removes what the filter excludes from a realm.
    pub fn apply(&self, realm: &mut Realm) {
        if self.is_empty() {
            return;
        }
        realm.schemas.retain(|name, _| self.keeps_schema(name));
        if self.tables.is_none() && self.exclude_tables.is_none() {
            return;
        }
        for (schema_name, schema) in realm.schemas.iter_mut() {
            schema
                .tables
                .retain(|name, _| self.keeps_relation(schema_name, name));
            schema
                .views
                .retain(|name, _| self.keeps_relation(schema_name, name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dialect, Schema, Server, Table};

    fn realm() -> Realm {
        let mut r = Realm::new(Dialect::Postgres, Server::default());
        for s in ["public", "audit"] {
            let mut schema = Schema::new(s);
            for t in ["users", "audit_log", "orders"] {
                schema.tables.insert(t.into(), Table::new(t));
            }
            r.schemas.insert(s.into(), schema);
        }
        r
    }

    #[test]
    fn table_globs_match_bare_and_qualified_names() {
        let f = Filter::new(vec![], vec![], vec![], vec!["audit_*".into()]).unwrap();
        let mut r = realm();
        f.apply(&mut r);
        assert_eq!(r.schemas["public"].tables.len(), 2);
        let f = Filter::new(vec![], vec![], vec!["public.u*".into()], vec![]).unwrap();
        let mut r = realm();
        f.apply(&mut r);
        assert_eq!(
            r.schemas["public"].tables.keys().collect::<Vec<_>>(),
            ["users"]
        );
        assert!(r.schemas["audit"].tables.is_empty());
    }

    #[test]
    fn schema_filters() {
        let f = Filter::new(vec![], vec!["audit".into()], vec![], vec![]).unwrap();
        let mut r = realm();
        f.apply(&mut r);
        assert_eq!(r.schemas.keys().collect::<Vec<_>>(), ["public"]);
    }

    #[test]
    fn bad_glob_is_an_error() {
        let err = Filter::new(vec![], vec![], vec!["a[".into()], vec![]).unwrap_err();
        assert!(err.to_string().contains("a["));
    }
}
