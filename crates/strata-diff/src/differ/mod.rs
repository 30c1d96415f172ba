//! Realm x realm -> changes.
//!
//! The differ walks both realms object kind by object kind, matching objects
//! by name (constraints without a name by their content), and emits changes
//! that carry whole objects. It never guesses a rename: renames come from
//! [`DiffOptions::renames`]. It emits creates already split the way every
//! dialect needs them (indexes, triggers, policies, sequence ownership and,
//! where the dialect can add them later, foreign keys as changes of their
//! own), so that the planner can order them.
//!
//! # Column order
//!
//! Whether the order of a table's columns is part of the difference is the
//! dialect's answer to [`SqlDialect::can_reorder_columns`]:
//!
//! - **MySQL/MariaDB: yes.** `MODIFY COLUMN … FIRST|AFTER` moves a column
//!   in the same `ALTER TABLE` as the table's other changes. The differ
//!   moves the fewest columns (all but a longest common subsequence of the
//!   two orders) with [`TableChange::MoveColumn`], and places new columns
//!   with `AFTER` as well.
//! - **SQLite: yes**, by the table rebuild (a move, like any change its
//!   `ALTER TABLE` cannot make, rebuilds the table; rows are copied by
//!   column name).
//! - **PostgreSQL: no.** It cannot reorder columns short of recreating the
//!   table (and everything that depends on it), and always adds a column at
//!   the end. The differ ignores the order of the columns a table keeps, so
//!   the plan is empty when only the order differs. `strata drift` reports
//!   such an order apart, unless told `--ignore column-order`.
//!
//! `strata drift` asks the same question: where the dialect can reorder,
//! the plan already contains the moves and drift reports nothing apart;
//! `--ignore column-order` then aligns the reference's order with the
//! target's before planning, so that neither reports it.
//!
//! # PostgreSQL inheritance and partitions
//!
//! A parent's `ADD COLUMN` and its column type, default and nullability
//! changes recurse to its inheritance children: a child's own changes are
//! what is left after them, and run after them. A parent drops a column
//! `ONLY` for itself, so that the children keep their copies (and rows);
//! each child then drops its copy if it loses the column too. Partitions
//! leave their parent (`DETACH`) before any other change and join one
//! (`ATTACH`) after all table changes.

mod objects;
mod tables;
mod views;

use crate::SqlDialect;
use std::collections::{BTreeMap, BTreeSet};
use strata_model::change::{Change, CommentTarget, TableChange};
use strata_model::{ObjectRef, QualifiedName, Realm};

/// A rename the user asked for (`--rename table:old=new`,
/// `--rename column:t.old=t.new`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rename {
    Table {
        schema: String,
        from: String,
        to: String,
    },
    Column {
        table: QualifiedName,
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    pub renames: Vec<Rename>,
    /// Compare owners and grants (only meaningful when both realms were read
    /// with privileges).
    pub privileges: bool,
}

/// The changes that turn `from` into `to`, in a deterministic but not yet
/// executable order (see [`crate::plan`]).
pub fn diff(
    from: &Realm,
    to: &Realm,
    dialect: &dyn SqlDialect,
    options: &DiffOptions,
) -> Vec<Change> {
    let mut cx = Differ {
        dialect,
        options,
        out: Vec::new(),
        disturbed: BTreeSet::new(),
        rebuilt: BTreeMap::new(),
        rebuilt_types: BTreeSet::new(),
    };
    let from = cx.apply_renames(from);
    objects::extensions(&mut cx, &from, to);
    objects::schemas(&mut cx, &from, to);
    tables::detach_partitions(&mut cx, &from, to);
    objects::rebuild_types(&mut cx, &from, to);
    for (name, schema) in &to.schemas {
        let old = from.schemas.get(name);
        objects::collations(&mut cx, name, old, schema);
        objects::types(&mut cx, name, old, schema);
        objects::sequences(&mut cx, name, old, schema);
        objects::routines(&mut cx, name, old, schema);
        tables::tables(&mut cx, name, old, schema, &from, to);
        objects::events(&mut cx, name, old, schema);
    }
    // Objects in schemas that are gone.
    for (name, schema) in &from.schemas {
        if !to.schemas.contains_key(name) {
            let empty = strata_model::Schema::new(name.clone());
            objects::collations(&mut cx, name, Some(schema), &empty);
            objects::types(&mut cx, name, Some(schema), &empty);
            objects::sequences(&mut cx, name, Some(schema), &empty);
            objects::routines(&mut cx, name, Some(schema), &empty);
            tables::tables(&mut cx, name, Some(schema), &empty, &from, to);
            objects::events(&mut cx, name, Some(schema), &empty);
        }
    }
    tables::attach_partitions(&mut cx, &from, to);
    objects::disturbed_routines(&mut cx, &from, to);
    views::views(&mut cx, &from, to);
    cx.out
}

/// State shared by the object-kind walkers.
pub(crate) struct Differ<'a> {
    pub dialect: &'a dyn SqlDialect,
    pub options: &'a DiffOptions,
    pub out: Vec<Change>,
    /// Objects whose change forces the views that read them to be dropped
    /// and created again (a column retyped or dropped, a function
    /// recreated); filled by the other walkers, consumed by the view walker.
    pub disturbed: BTreeSet<ObjectRef>,
    /// What type rebuilds do to the tables they convert (by table), so
    /// that the tables' own changes do not do it again.
    pub rebuilt: BTreeMap<QualifiedName, Rebuilt>,
    /// The types rebuilt around their columns.
    pub rebuilt_types: BTreeSet<ObjectRef>,
}

/// What a [`Change::RebuildType`] does to one table.
#[derive(Default)]
pub(crate) struct Rebuilt {
    /// Converted columns and the default each has afterwards.
    pub defaults: BTreeMap<String, Option<String>>,
    /// Columns dropped before the conversion.
    pub columns: BTreeSet<String>,
    /// Checks (by name, or expression when unnamed) dropped before it.
    pub checks: BTreeSet<String>,
    /// Indexes dropped before it.
    pub indexes: BTreeSet<String>,
}

impl Rebuilt {
    /// `table` as the rebuild leaves it: its own changes start from there.
    pub fn apply(&self, table: &strata_model::Table) -> strata_model::Table {
        let mut t = table.clone();
        t.columns.retain(|c| !self.columns.contains(&c.name));
        for c in &mut t.columns {
            if let Some(d) = self.defaults.get(&c.name) {
                c.default = d.clone();
            }
        }
        t.checks.retain(|k| {
            !self
                .checks
                .contains(k.name.as_ref().unwrap_or(&k.expression))
        });
        t.indexes.retain(|name, _| !self.indexes.contains(name));
        t
    }
}

impl Differ<'_> {
    pub fn push(&mut self, change: Change) {
        self.out.push(change);
    }

    pub fn comment(&mut self, target: CommentTarget, from: &Option<String>, to: &Option<String>) {
        if from != to {
            self.push(Change::SetComment {
                target,
                comment: to.clone(),
            });
        }
    }

    /// Applies the user's renames to a copy of `from` and emits the rename
    /// changes, so the rest of the diff sees matching names.
    /// Tables are renamed first, then columns; a column rename may name its
    /// table by the old name or the new one.
    fn apply_renames(&mut self, from: &Realm) -> Realm {
        let mut from = from.clone();
        let (tables, columns): (Vec<&Rename>, Vec<&Rename>) = self
            .options
            .renames
            .iter()
            .partition(|r| matches!(r, Rename::Table { .. }));
        for rename in tables.into_iter().chain(columns) {
            match rename {
                Rename::Table {
                    schema,
                    from: old,
                    to: new,
                } => {
                    if let Some(s) = from.schemas.get_mut(schema)
                        && let Some(mut table) = s.tables.remove(old)
                    {
                        table.name = new.clone();
                        s.tables.insert(new.clone(), table);
                        self.out.push(Change::RenameTable {
                            schema: schema.clone(),
                            from: old.clone(),
                            to: new.clone(),
                        });
                    }
                }
                Rename::Column {
                    table,
                    from: old,
                    to: new,
                } => {
                    let name = renamed_table(&self.options.renames, table);
                    if let Some(t) = from
                        .schemas
                        .get_mut(&table.schema)
                        .and_then(|s| s.tables.get_mut(&name))
                        && let Some(col) = t.columns.iter_mut().find(|c| &c.name == old)
                    {
                        col.name = new.clone();
                        rename_in_table(t, old, new);
                        self.out.push(Change::AlterTable {
                            schema: table.schema.clone(),
                            table: name,
                            changes: vec![TableChange::RenameColumn {
                                from: old.clone(),
                                to: new.clone(),
                            }],
                        });
                    }
                }
            }
        }
        from
    }
}

/// The name `table` has once the table renames have run: its new name if
/// it is the old name of a renamed table.
fn renamed_table(renames: &[Rename], table: &QualifiedName) -> String {
    renames
        .iter()
        .find_map(|r| match r {
            Rename::Table { schema, from, to }
                if schema == &table.schema && from == &table.name =>
            {
                Some(to.clone())
            }
            _ => None,
        })
        .unwrap_or_else(|| table.name.clone())
}

/// A renamed column keeps its constraints and indexes: rename it there too.
fn rename_in_table(t: &mut strata_model::Table, old: &str, new: &str) {
    let fix = |cols: &mut Vec<String>| {
        for c in cols.iter_mut() {
            if c == old {
                *c = new.to_string();
            }
        }
    };
    if let Some(pk) = &mut t.primary_key {
        fix(&mut pk.columns);
    }
    for fk in &mut t.foreign_keys {
        fix(&mut fk.columns);
    }
    for u in &mut t.uniques {
        fix(&mut u.columns);
    }
    for idx in t.indexes.values_mut() {
        for part in &mut idx.parts {
            if let strata_model::IndexKey::Column(c) = &mut part.key
                && c == old
            {
                *c = new.to_string();
            }
        }
    }
}

/// Matches the items of two lists by a key, in a stable order: pairs
/// present in both, then the ones only in `from`, then only in `to`.
pub(crate) fn pair_up<'a, T, K: Ord>(
    from: &'a [T],
    to: &'a [T],
    key: impl Fn(&T) -> K,
) -> (Vec<(&'a T, &'a T)>, Vec<&'a T>, Vec<&'a T>) {
    let mut both = Vec::new();
    let mut only_from = Vec::new();
    let mut matched = vec![false; to.len()];
    for a in from {
        let ka = key(a);
        match to
            .iter()
            .enumerate()
            .find(|(i, b)| !matched[*i] && key(b) == ka)
        {
            Some((i, b)) => {
                matched[i] = true;
                both.push((a, b));
            }
            None => only_from.push(a),
        }
    }
    let only_to = to
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched[*i])
        .map(|(_, b)| b)
        .collect();
    (both, only_from, only_to)
}
