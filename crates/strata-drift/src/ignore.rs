//! Ignore rules: known noise removed from both sides before comparing.
//!
//! - object kinds: `privileges`, `owners`, `comments`, `extension-versions`;
//! - `column-order`;
//! - name globs: `table:audit_*`, `view:tmp_*`, `routine:debug_*`,
//!   `sequence:…`, `type:…`, `index:…`, `trigger:…`, `column:users.legacy_*`
//!   (a glob matches `name` or `schema.name`; columns `table.column`).

use globset::{Glob, GlobMatcher};
use serde_json::Value;
use strata_model::Realm;

#[derive(Debug, thiserror::Error)]
#[error("invalid ignore rule '{rule}': {reason}")]
pub struct IgnoreError {
    pub rule: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Table,
    View,
    Routine,
    Sequence,
    Type,
    Index,
    Trigger,
    Column,
}

/// A parsed set of ignore rules.
#[derive(Debug, Clone, Default)]
pub struct Ignore {
    pub privileges: bool,
    pub owners: bool,
    pub comments: bool,
    pub extension_versions: bool,
    pub column_order: bool,
    globs: Vec<(Kind, GlobMatcher)>,
}

impl Ignore {
    pub fn parse(rules: &[String]) -> Result<Ignore, IgnoreError> {
        let mut out = Ignore::default();
        for rule in rules {
            let bad = |reason: &str| IgnoreError {
                rule: rule.clone(),
                reason: reason.into(),
            };
            match rule.as_str() {
                "privileges" | "grants" => out.privileges = true,
                "owners" => out.owners = true,
                "comments" => out.comments = true,
                "extension-versions" | "extension_versions" => out.extension_versions = true,
                "column-order" | "column_order" => out.column_order = true,
                _ => {
                    let (kind, pattern) = rule.split_once(':').ok_or_else(|| {
                        bad("expected privileges, owners, comments, extension-versions, column-order or KIND:GLOB")
                    })?;
                    let kind = match kind {
                        "table" => Kind::Table,
                        "view" => Kind::View,
                        "routine" | "function" | "procedure" => Kind::Routine,
                        "sequence" => Kind::Sequence,
                        "type" => Kind::Type,
                        "index" => Kind::Index,
                        "trigger" => Kind::Trigger,
                        "column" => Kind::Column,
                        _ => {
                            return Err(bad(
                                "unknown kind (table, view, routine, sequence, type, index, trigger, column)",
                            ));
                        }
                    };
                    let glob = Glob::new(pattern).map_err(|e| bad(&e.kind().to_string()))?;
                    out.globs.push((kind, glob.compile_matcher()));
                }
            }
        }
        Ok(out)
    }

    fn hit(&self, kind: Kind, schema: &str, name: &str) -> bool {
        let qualified = format!("{schema}.{name}");
        self.globs
            .iter()
            .any(|(k, g)| *k == kind && (g.is_match(name) || g.is_match(&qualified)))
    }

    /// Removes the ignored objects and facts from a realm.
    pub fn apply(&self, realm: &mut Realm) {
        for (schema_name, schema) in realm.schemas.iter_mut() {
            let s = schema_name.as_str();
            schema.tables.retain(|n, _| !self.hit(Kind::Table, s, n));
            schema.views.retain(|n, _| !self.hit(Kind::View, s, n));
            schema
                .routines
                .retain(|_, r| !self.hit(Kind::Routine, s, &r.name));
            schema
                .sequences
                .retain(|n, _| !self.hit(Kind::Sequence, s, n));
            schema.types.retain(|n, _| !self.hit(Kind::Type, s, n));
            for t in schema.tables.values_mut() {
                let table = t.name.clone();
                t.indexes.retain(|n, _| !self.hit(Kind::Index, s, n));
                t.triggers.retain(|n, _| !self.hit(Kind::Trigger, s, n));
                t.columns
                    .retain(|c| !self.hit(Kind::Column, s, &format!("{table}.{}", c.name)));
            }
            for v in schema.views.values_mut() {
                v.indexes.retain(|n, _| !self.hit(Kind::Index, s, n));
                v.triggers.retain(|n, _| !self.hit(Kind::Trigger, s, n));
            }
        }
        if self.extension_versions {
            for e in realm.extensions.values_mut() {
                e.version.clear();
            }
        }
        let strip: Vec<&str> = [
            (self.comments, "comment"),
            (self.owners, "owner"),
            (self.privileges, "grants"),
        ]
        .into_iter()
        .filter_map(|(on, key)| on.then_some(key))
        .collect();
        if !strip.is_empty() {
            // These facts sit under the same key at every level of the
            // model, so they are removed generically from its JSON form.
            if let Ok(mut value) = serde_json::to_value(&*realm) {
                remove_keys(&mut value, &strip);
                if let Ok(stripped) = serde_json::from_value(value) {
                    *realm = stripped;
                }
            }
        }
    }
}

fn remove_keys(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            for k in keys {
                map.remove(*k);
            }
            for v in map.values_mut() {
                remove_keys(v, keys);
            }
        }
        Value::Array(items) => {
            for v in items {
                remove_keys(v, keys);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{Column, Dialect, Schema, Server, Table};

    fn realm() -> Realm {
        let mut r = Realm::new(Dialect::Postgres, Server::default());
        let mut s = Schema::new("public");
        for name in ["users", "audit_log", "audit_2024"] {
            let mut t = Table::new(name);
            t.comment = Some("c".into());
            t.columns.push(Column {
                comment: Some("col".into()),
                ..Column::new("id", "integer", false)
            });
            t.columns.push(Column::new("legacy_x", "text", true));
            s.tables.insert(name.into(), t);
        }
        r.schemas.insert("public".into(), s);
        r
    }

    #[test]
    fn globs_and_kinds() {
        let rules = Ignore::parse(&[
            "table:audit_*".into(),
            "comments".into(),
            "column:users.legacy_*".into(),
        ])
        .unwrap();
        let mut r = realm();
        rules.apply(&mut r);
        let tables = &r.schemas["public"].tables;
        assert_eq!(tables.keys().collect::<Vec<_>>(), ["users"]);
        assert_eq!(tables["users"].comment, None);
        assert_eq!(tables["users"].columns.len(), 1);
        assert_eq!(tables["users"].columns[0].comment, None);
    }

    #[test]
    fn bad_rules() {
        assert!(Ignore::parse(&["tables".into()]).is_err());
        assert!(Ignore::parse(&["widget:x".into()]).is_err());
        assert!(Ignore::parse(&["table:[".into()]).is_err());
    }
}
