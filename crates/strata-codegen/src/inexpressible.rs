//! What a target cannot express. Those objects are listed in the generated
//! file (never dropped silently), and the rest of the realm is what the
//! generated code recreates: the fidelity tests compare a database created
//! from the generated code with exactly that rest.

use serde::Serialize;
use strata_model::{Realm, UserTypeKind};

/// One object the generated code does not recreate, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    /// `trigger`, `function`, `view`…
    pub kind: String,
    /// `schema.name`, or `schema.table.name` for objects on a table.
    pub name: String,
    pub reason: String,
}

impl Note {
    fn new(kind: &str, name: String, reason: &str) -> Note {
        Note {
            kind: kind.into(),
            name,
            reason: reason.into(),
        }
    }

    /// `kind name: reason`, one line.
    pub fn line(&self) -> String {
        format!("{} {}: {}", self.kind, self.name, self.reason)
    }
}

/// What a target's generated code can create.
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    /// Sequences (standalone, or behind `nextval` defaults).
    pub sequences: bool,
    /// PostgreSQL enum types and domains.
    pub user_types: bool,
    /// Check constraints.
    pub checks: bool,
    /// Indexes (incl. partial and expression indexes).
    pub indexes: bool,
    /// `PARTITION BY` on a partitioned table.
    pub partitioned_parents: bool,
}

const NOT_ORM: &str = "not expressible in the target; create it with a migration";

/// The part of `realm` the target recreates, and the notes for the rest.
pub fn split(realm: &Realm, caps: &Caps) -> (Realm, Vec<Note>) {
    let mut kept = realm.clone();
    let mut notes = Vec::new();
    for e in kept.extensions.values() {
        notes.push(Note::new("extension", e.name.clone(), NOT_ORM));
    }
    kept.extensions.clear();
    for u in &realm.unsupported {
        notes.push(Note::new(
            &u.kind,
            qualified(&u.schema, &u.name),
            "not covered by strata's model",
        ));
    }
    kept.unsupported.clear();
    for schema in kept.schemas.values_mut() {
        let s = schema.name.clone();
        for r in schema.routines.values() {
            let kind = match r.kind {
                strata_model::RoutineKind::Function => "function",
                strata_model::RoutineKind::Procedure => "procedure",
                strata_model::RoutineKind::Aggregate => "aggregate",
            };
            notes.push(Note::new(kind, qualified(&s, &r.key()), NOT_ORM));
        }
        schema.routines.clear();
        for c in schema.collations.values() {
            notes.push(Note::new("collation", qualified(&s, &c.name), NOT_ORM));
        }
        schema.collations.clear();
        for e in schema.events.values() {
            notes.push(Note::new("event", qualified(&s, &e.name), NOT_ORM));
        }
        schema.events.clear();
        for v in schema.views.values() {
            let kind = if v.materialized {
                "materialized view"
            } else {
                "view"
            };
            notes.push(Note::new(
                kind,
                qualified(&s, &v.name),
                "mapped read-only; its definition is not created",
            ));
            for t in v.triggers.values() {
                notes.push(Note::new(
                    "trigger",
                    format!("{}.{}", qualified(&s, &v.name), t.name),
                    NOT_ORM,
                ));
            }
        }
        schema.views.clear();
        schema.types.retain(|name, ty| {
            let keep = caps.user_types
                && match &ty.kind {
                    UserTypeKind::Enum { .. } => true,
                    UserTypeKind::Domain { checks, .. } => checks.len() <= 1,
                    _ => false,
                };
            if !keep {
                let kind = match ty.kind {
                    UserTypeKind::Enum { .. } => "enum type",
                    UserTypeKind::Domain { .. } => "domain",
                    UserTypeKind::Composite { .. } => "composite type",
                    UserTypeKind::Range { .. } => "range type",
                };
                notes.push(Note::new(kind, qualified(&s, name), NOT_ORM));
            }
            keep
        });
        if caps.sequences {
            for q in schema.sequences.values_mut() {
                if let Some(o) = q.owned_by.take() {
                    notes.push(Note::new(
                        "sequence ownership",
                        qualified(&s, &q.name),
                        &format!("OWNED BY {}.{} is not expressible", o.table, o.column),
                    ));
                }
            }
        } else {
            for q in schema.sequences.values() {
                notes.push(Note::new("sequence", qualified(&s, &q.name), NOT_ORM));
            }
            schema.sequences.clear();
        }
        let mut partitions = Vec::new();
        for t in schema.tables.values_mut() {
            let tn = qualified(&s, &t.name);
            for trg in t.triggers.values() {
                notes.push(Note::new("trigger", format!("{tn}.{}", trg.name), NOT_ORM));
            }
            t.triggers.clear();
            for r in t.rules.values() {
                notes.push(Note::new("rule", format!("{tn}.{}", r.name), NOT_ORM));
            }
            t.rules.clear();
            for p in t.policies.values() {
                notes.push(Note::new("policy", format!("{tn}.{}", p.name), NOT_ORM));
            }
            t.policies.clear();
            for x in &t.exclusions {
                notes.push(Note::new(
                    "exclusion constraint",
                    format!("{tn}.{}", x.name),
                    NOT_ORM,
                ));
            }
            t.exclusions.clear();
            if !caps.checks {
                for c in &t.checks {
                    let name = c.name.clone().unwrap_or_else(|| c.expression.clone());
                    notes.push(Note::new(
                        "check constraint",
                        format!("{tn}.{name}"),
                        NOT_ORM,
                    ));
                }
                t.checks.clear();
            }
            if !caps.indexes {
                for i in t.indexes.values() {
                    notes.push(Note::new("index", format!("{tn}.{}", i.name), NOT_ORM));
                }
                t.indexes.clear();
            }
            if let Some(pg) = &mut t.postgres {
                if pg.rls_enabled || pg.rls_forced {
                    notes.push(Note::new("row-level security", tn.clone(), NOT_ORM));
                    pg.rls_enabled = false;
                    pg.rls_forced = false;
                }
                if pg.partition_of.is_some() {
                    partitions.push(t.name.clone());
                }
                if !pg.inherits.is_empty() {
                    notes.push(Note::new(
                        "inheritance",
                        tn.clone(),
                        "INHERITS is not expressible; the table is created standalone",
                    ));
                    let parents = std::mem::take(&mut pg.inherits);
                    t.depends_on.retain(|d| {
                        !(d.kind == strata_model::ObjectKind::Table
                            && parents
                                .iter()
                                .any(|p| p.schema == d.schema && p.name == d.name))
                    });
                }
                if pg.partition_by.is_some() && !caps.partitioned_parents {
                    notes.push(Note::new("partitioning", tn.clone(), NOT_ORM));
                    pg.partition_by = None;
                }
            }
            if t.postgres
                .as_ref()
                .is_some_and(|pg| *pg == strata_model::PgTable::default())
            {
                t.postgres = None;
            }
            if let Some(my) = &mut t.mysql
                && my.partitioning.take().is_some()
            {
                notes.push(Note::new("partitioning", tn.clone(), NOT_ORM));
            }
        }
        for p in partitions {
            notes.push(Note::new(
                "partition",
                qualified(&s, &p),
                "PARTITION OF is not expressible; create partitions with a migration",
            ));
            schema.tables.remove(&p);
        }
    }
    notes.sort();
    (kept, notes)
}

fn qualified(schema: &str, name: &str) -> String {
    if schema.is_empty() {
        name.to_string()
    } else {
        format!("{schema}.{name}")
    }
}
