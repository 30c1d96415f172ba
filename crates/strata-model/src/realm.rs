//! The root of the model, and JSON snapshots of it.

use crate::{Extension, Schema, Unsupported};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// The table `strata migrate` keeps its bookkeeping in. It is not part of
/// the application's schema: comparisons leave it out.
pub const MIGRATIONS_TABLE: &str = "strata_migrations";

/// Version of the JSON snapshot format. Bump it when a change to the model
/// would make an older strata misread a newer snapshot.
pub const FORMAT_VERSION: u32 = 1;

/// The SQL family a realm was read from. MariaDB is the `mysql` dialect; the
/// flavour is recorded in [`Server::mariadb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

impl Dialect {
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        }
    }

    /// The name of the single schema of a database that has exactly one
    /// (SQLite's `main`), if the dialect has such a thing.
    pub fn fixed_schema(self) -> Option<&'static str> {
        match self {
            Dialect::Sqlite => Some("main"),
            Dialect::Postgres | Dialect::Mysql => None,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Postgres => "PostgreSQL",
            Dialect::Mysql => "MySQL",
            Dialect::Sqlite => "SQLite",
        })
    }
}

/// What the realm was read from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Server {
    /// The server's version string as it reports it (`15.20`, `10.11.19-MariaDB…`, `3.46.0`).
    pub version: String,
    /// MariaDB rather than Oracle MySQL (only meaningful for the mysql dialect).
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub mariadb: bool,
}

/// Everything strata knows about one database: its schemas and the
/// database-level objects (extensions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Realm {
    pub format_version: u32,
    pub dialect: Dialect,
    pub server: Server,
    #[serde(default)]
    pub schemas: BTreeMap<String, Schema>,
    /// PostgreSQL extensions, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extensions: BTreeMap<String, Extension>,
    /// Objects that exist in the database but that the model does not cover
    /// yet. They are listed, never silently dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<Unsupported>,
}

/// A JSON snapshot that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("not a strata JSON snapshot: {0}")]
    Invalid(#[from] serde_json::Error),
    #[error(
        "snapshot format version {found} is newer than this strata understands ({supported}); upgrade strata"
    )]
    TooNew { found: u32, supported: u32 },
}

impl Realm {
    /// An empty realm of the given dialect.
    pub fn new(dialect: Dialect, server: Server) -> Self {
        Realm {
            format_version: FORMAT_VERSION,
            dialect,
            server,
            schemas: BTreeMap::new(),
            extensions: BTreeMap::new(),
            unsupported: Vec::new(),
        }
    }

    /// The snapshot's JSON text: pretty, deterministic, newline-terminated.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a snapshot written by [`Realm::to_json`] (by this or an older strata).
    pub fn from_json(text: &str) -> Result<Realm, SnapshotError> {
        #[derive(Deserialize)]
        struct Header {
            format_version: u32,
        }
        let header: Header = serde_json::from_str(text)?;
        if header.format_version > FORMAT_VERSION {
            return Err(SnapshotError::TooNew {
                found: header.format_version,
                supported: FORMAT_VERSION,
            });
        }
        let mut realm: Realm = serde_json::from_str(text)?;
        realm.format_version = FORMAT_VERSION;
        Ok(realm)
    }

    /// A short stable hash of the schema content (server version excluded), so
    /// that two databases with the same schema have the same fingerprint.
    pub fn fingerprint(&self) -> String {
        let content = serde_json::json!({
            "dialect": self.dialect,
            "schemas": self.schemas,
            "extensions": self.extensions,
        });
        let digest = Sha256::digest(content.to_string().as_bytes());
        hex::encode(&digest[..16])
    }

    /// Number of tables in all schemas.
    pub fn table_count(&self) -> usize {
        self.schemas.values().map(|s| s.tables.len()).sum()
    }

    pub fn table(&self, name: &crate::QualifiedName) -> Option<&crate::Table> {
        self.schemas.get(&name.schema)?.tables.get(&name.name)
    }

    pub fn view(&self, name: &crate::QualifiedName) -> Option<&crate::View> {
        self.schemas.get(&name.schema)?.views.get(&name.name)
    }

    /// Renames a schema and every structured reference to it (foreign keys,
    /// dependencies, partition and inheritance parents, extensions). Text the
    /// server wrote (definitions, types, defaults) is left as it is: the
    /// inspectors keep names in the inspected schema unqualified where the
    /// dialect allows, which is what makes this rename meaningful.
    pub fn rename_schema(&mut self, from: &str, to: &str) {
        if from == to {
            return;
        }
        let Some(mut schema) = self.schemas.remove(from) else {
            return;
        };
        schema.name = to.to_string();
        self.schemas.insert(to.to_string(), schema);
        let fix = |s: &mut String| {
            if s == from {
                *s = to.to_string();
            }
        };
        let fix_refs = |refs: &mut Vec<crate::ObjectRef>| {
            for r in refs.iter_mut() {
                if r.schema == from {
                    r.schema = to.to_string();
                }
            }
        };
        for ext in self.extensions.values_mut() {
            fix(&mut ext.schema);
        }
        for schema in self.schemas.values_mut() {
            for t in schema.tables.values_mut() {
                for fk in &mut t.foreign_keys {
                    fix(&mut fk.references.schema);
                }
                fix_refs(&mut t.depends_on);
                for trg in t.triggers.values_mut() {
                    fix_refs(&mut trg.depends_on);
                }
                for rule in t.rules.values_mut() {
                    fix_refs(&mut rule.depends_on);
                }
                if let Some(pg) = &mut t.postgres {
                    if let Some(p) = &mut pg.partition_of {
                        fix(&mut p.parent.schema);
                    }
                    for p in &mut pg.inherits {
                        fix(&mut p.schema);
                    }
                }
            }
            for v in schema.views.values_mut() {
                fix_refs(&mut v.depends_on);
                for trg in v.triggers.values_mut() {
                    fix_refs(&mut trg.depends_on);
                }
            }
            for r in schema.routines.values_mut() {
                fix_refs(&mut r.depends_on);
            }
            for ty in schema.types.values_mut() {
                fix_refs(&mut ty.depends_on);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_round_trips_and_is_stable() {
        let mut realm = Realm::new(
            Dialect::Postgres,
            Server {
                version: "15.20".into(),
                mariadb: false,
            },
        );
        realm.schemas.insert("public".into(), Schema::new("public"));
        let text = realm.to_json();
        let back = Realm::from_json(&text).unwrap();
        assert_eq!(back, realm);
        assert_eq!(back.to_json(), text);
        assert!(text.contains("\"format_version\": 1"));
        assert!(text.contains("\"dialect\": \"postgres\""));
    }

    #[test]
    fn newer_snapshot_is_refused() {
        let err = Realm::from_json(
            r#"{"format_version": 99, "dialect": "sqlite", "server": {"version": ""}}"#,
        )
        .unwrap_err();
        assert!(matches!(err, SnapshotError::TooNew { found: 99, .. }));
    }

    #[test]
    fn renaming_a_schema_follows_references() {
        let mut realm = Realm::new(Dialect::Mysql, Server::default());
        let mut schema = Schema::new("dev_123");
        let mut t = crate::Table::new("book");
        t.foreign_keys.push(crate::ForeignKey {
            name: Some("fk".into()),
            columns: vec!["author_id".into()],
            references: crate::QualifiedName::new("dev_123", "author"),
            referenced_columns: vec!["id".into()],
            on_update: Default::default(),
            on_delete: Default::default(),
            match_type: Default::default(),
            deferrable: false,
            initially_deferred: false,
            not_valid: false,
            comment: None,
        });
        schema.tables.insert("book".into(), t);
        realm.schemas.insert("dev_123".into(), schema);
        realm.rename_schema("dev_123", "shop");
        let t = &realm.schemas["shop"].tables["book"];
        assert_eq!(realm.schemas["shop"].name, "shop");
        assert_eq!(t.foreign_keys[0].references.schema, "shop");
    }

    #[test]
    fn fingerprint_ignores_server_version() {
        let a = Realm::new(
            Dialect::Sqlite,
            Server {
                version: "3.45".into(),
                mariadb: false,
            },
        );
        let b = Realm::new(
            Dialect::Sqlite,
            Server {
                version: "3.46".into(),
                mariadb: false,
            },
        );
        assert_eq!(a.fingerprint(), b.fingerprint());
    }
}
