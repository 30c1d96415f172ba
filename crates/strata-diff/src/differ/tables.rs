//! Tables and everything that hangs off them.

use super::objects::{each, grants};
use super::{Differ, pair_up};
use std::collections::BTreeSet;
use strata_model::change::{Change, CommentTarget, GrantTarget, TableChange};
use strata_model::{ObjectKind, ObjectRef, QualifiedName, Realm, Schema, Table};

pub(crate) fn tables(
    cx: &mut Differ,
    schema: &str,
    old: Option<&Schema>,
    new: &Schema,
    from: &Realm,
    to: &Realm,
) {
    each(old.map(|s| &s.tables), &new.tables, |_, a, b| {
        match (a, b) {
            (None, Some(t)) => create_table(cx, schema, t),
            (Some(t), None) => drop_table(cx, schema, t, to),
            (Some(a), Some(b)) => alter_table(cx, schema, a, b, from, to),
            (None, None) => {}
        }
    });
}

fn table_ref(schema: &str, name: &str) -> ObjectRef {
    ObjectRef::new(ObjectKind::Table, schema, name)
}

/// `CREATE TABLE` and the changes that follow it.
pub(crate) fn create_table(cx: &mut Differ, schema: &str, t: &Table) {
    let separate_fks = cx.dialect.can_add_foreign_key();
    let inline_indexes = cx.dialect.indexes_in_table();
    let mut base = t.clone();
    if !inline_indexes {
        base.indexes.clear();
    }
    base.triggers.clear();
    base.rules.clear();
    base.policies.clear();
    base.grants.clear();
    if separate_fks {
        base.foreign_keys.clear();
    }
    cx.push(Change::CreateTable {
        schema: schema.into(),
        table: base,
    });
    let qn = QualifiedName::new(schema, &t.name);
    if !inline_indexes {
        for idx in t.indexes.values() {
            create_index(cx, schema, &t.name, idx);
        }
    }
    if separate_fks && !t.foreign_keys.is_empty() {
        cx.push(Change::AlterTable {
            schema: schema.into(),
            table: t.name.clone(),
            changes: t
                .foreign_keys
                .iter()
                .map(|k| TableChange::AddForeignKey { key: k.clone() })
                .collect(),
        });
    }
    for trg in t.triggers.values() {
        cx.push(Change::CreateTrigger {
            schema: schema.into(),
            table: t.name.clone(),
            trigger: trg.clone(),
        });
        cx.comment(
            CommentTarget::Trigger {
                table: qn.clone(),
                name: trg.name.clone(),
            },
            &None,
            &trg.comment,
        );
    }
    for r in t.rules.values() {
        create_rule(cx, schema, &t.name, r);
    }
    for p in t.policies.values() {
        cx.push(Change::CreatePolicy {
            schema: schema.into(),
            table: t.name.clone(),
            policy: p.clone(),
        });
        cx.comment(
            CommentTarget::Policy {
                table: qn.clone(),
                name: p.name.clone(),
            },
            &None,
            &p.comment,
        );
    }
    grants(cx, GrantTarget::Table { name: qn }, &[], &t.grants);
}

pub(crate) fn create_index(cx: &mut Differ, schema: &str, table: &str, idx: &strata_model::Index) {
    cx.push(Change::CreateIndex {
        schema: schema.into(),
        table: table.into(),
        index: idx.clone(),
    });
    if !cx.dialect.indexes_in_table() {
        cx.comment(
            CommentTarget::Index {
                schema: schema.into(),
                name: idx.name.clone(),
            },
            &None,
            &idx.comment,
        );
    }
}

/// `DROP TABLE`. Foreign keys between tables that are all being dropped are
/// dropped first, so that no order of the drops is ever impossible.
fn drop_table(cx: &mut Differ, schema: &str, t: &Table, to: &Realm) {
    if cx.dialect.can_add_foreign_key() {
        let doomed: Vec<_> = t
            .foreign_keys
            .iter()
            .filter(|fk| to.table(&fk.references).is_none())
            .map(|k| TableChange::DropForeignKey { key: k.clone() })
            .collect();
        if !doomed.is_empty() {
            cx.push(Change::AlterTable {
                schema: schema.into(),
                table: t.name.clone(),
                changes: doomed,
            });
        }
    }
    cx.disturbed.insert(table_ref(schema, &t.name));
    cx.push(Change::DropTable {
        schema: schema.into(),
        table: t.clone(),
    });
}

/// Everything that differs between two versions of a table.
fn alter_table(cx: &mut Differ, schema: &str, a: &Table, b: &Table, from: &Realm, to: &Realm) {
    let qn = QualifiedName::new(schema, &b.name);
    // Changes that need a different partition key or inheritance cannot be
    // made in place: the table is recreated (and flagged destructive).
    if recreated(a, b) {
        drop_table(
            cx,
            schema,
            a,
            &Realm::new(from.dialect, from.server.clone()),
        );
        create_table(cx, schema, b);
        return;
    }

    // A type rebuild has already converted some columns (and set their
    // defaults), dropped some, and dropped the checks and indexes that read
    // them: what is left starts from there.
    let rebuilt = cx.rebuilt.get(&qn).map(|r| r.apply(a));
    let a = rebuilt.as_ref().unwrap_or(a);

    let mut drop_fks = Vec::new();
    let mut main = Vec::new();
    let mut add_fks = Vec::new();

    columns(cx, schema, a, b, (from, to), &mut main);
    constraints(cx, &qn, a, b, &mut drop_fks, &mut main, &mut add_fks);
    if a.comment != b.comment {
        main.push(TableChange::SetComment {
            comment: b.comment.clone(),
        });
    }
    if options_differ(a, b) {
        main.push(TableChange::SetOptions {
            from: Box::new(a.clone()),
            to: Box::new(b.clone()),
        });
    }

    let all: Vec<TableChange> = drop_fks
        .iter()
        .chain(&main)
        .chain(&add_fks)
        .cloned()
        .collect();
    let rebuild = cx.dialect.table_needs_rebuild(a, b, &all);
    if rebuild {
        cx.disturbed.insert(table_ref(schema, &b.name));
        cx.push(Change::RebuildTable {
            schema: schema.into(),
            from: a.clone(),
            to: b.clone(),
        });
    } else {
        for (changes, is_main) in [(drop_fks, false), (main, true)] {
            if changes.is_empty() {
                continue;
            }
            if is_main && changes.iter().any(disturbs_readers) {
                cx.disturbed.insert(table_ref(schema, &b.name));
            }
            cx.push(Change::AlterTable {
                schema: schema.into(),
                table: b.name.clone(),
                changes,
            });
        }
        indexes(cx, schema, a, b);
        if !add_fks.is_empty() {
            cx.push(Change::AlterTable {
                schema: schema.into(),
                table: b.name.clone(),
                changes: add_fks,
            });
        }
    }
    triggers_and_policies(cx, schema, a, b, rebuild);
    grants(cx, GrantTarget::Table { name: qn }, &a.grants, &b.grants);
}

/// A change after which views reading the table must be created again.
fn disturbs_readers(c: &TableChange) -> bool {
    match c {
        TableChange::DropColumn { .. } | TableChange::RenameColumn { .. } => true,
        TableChange::AlterColumn { from, to } => {
            from.data_type != to.data_type
                || from.collation != to.collation
                || from.generated != to.generated
        }
        _ => false,
    }
}

fn columns(
    cx: &Differ,
    schema: &str,
    a: &Table,
    b: &Table,
    (from, to): (&Realm, &Realm),
    out: &mut Vec<TableChange>,
) {
    // A PostgreSQL partition has exactly its parent's columns: adding,
    // dropping or retyping one is done on the parent and reaches every
    // partition (the partition itself refuses it). What a partition can
    // have of its own is nullability, a default and a comment.
    let partition = |t: &Table| {
        t.postgres
            .as_ref()
            .is_some_and(|p| p.partition_of.is_some())
    };
    let via_parent = partition(a) && partition(b);
    // Asked only when a column goes: it scans every table.
    let mut only = None;
    for col in &a.columns {
        if b.column(&col.name).is_none() && !via_parent {
            let only = *only.get_or_insert_with(|| {
                has_inheritance_children(from, &QualifiedName::new(schema, &a.name))
            });
            out.push(TableChange::DropColumn {
                column: col.clone(),
                only,
            });
        }
    }
    let inherited = inherited_changes(a, b, from, to);
    let moved = if cx.dialect.can_reorder_columns() && !via_parent {
        moved_columns(a, b)
    } else {
        BTreeSet::new()
    };
    for (i, col) in b.columns.iter().enumerate() {
        let after = i.checked_sub(1).map(|p| b.columns[p].name.clone());
        let before = a
            .column(&col.name)
            .cloned()
            .or_else(|| inherited.added(&col.name));
        match before {
            None if via_parent => {}
            None => out.push(TableChange::AddColumn {
                column: col.clone(),
                after,
            }),
            Some(mut old) => {
                if via_parent {
                    old.data_type = col.data_type.clone();
                    old.collation = col.collation.clone();
                    old.generated = col.generated.clone();
                    old.identity = col.identity.clone();
                }
                inherited.apply(&mut old);
                if &old != col {
                    out.push(TableChange::AlterColumn {
                        from: old,
                        to: col.clone(),
                    });
                }
                if moved.contains(col.name.as_str()) {
                    out.push(TableChange::MoveColumn {
                        column: col.clone(),
                        after,
                    });
                }
            }
        }
    }
}

/// The columns both versions have that must move so that the table's
/// columns are in `b`'s order: the fewest, i.e. all but a longest common
/// subsequence of the two orders. Moves and additions are emitted in `b`'s
/// order, each after its predecessor there, which is then already in place.
fn moved_columns<'a>(a: &Table, b: &'a Table) -> BTreeSet<&'a str> {
    let old: Vec<&str> = a
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| b.column(n).is_some())
        .collect();
    let new: Vec<&'a str> = b
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .filter(|n| a.column(n).is_some())
        .collect();
    if old == new {
        return BTreeSet::new();
    }
    // lcs[i][j]: length of a longest common subsequence of old[i..], new[j..].
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut stay = BTreeSet::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        if old[i] == new[j] {
            stay.insert(new[j]);
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    new.into_iter().filter(|n| !stay.contains(n)).collect()
}

/// Some table inherits from `table` (PostgreSQL table inheritance, not
/// declarative partitioning).
pub(crate) fn has_inheritance_children(realm: &Realm, table: &QualifiedName) -> bool {
    realm
        .schemas
        .values()
        .flat_map(|s| s.tables.values())
        .any(|t| {
            t.postgres
                .as_ref()
                .is_some_and(|p| p.inherits.contains(table))
        })
}

/// What the alterations of a table's inheritance parents do to it on their
/// own: PostgreSQL recurses `ADD COLUMN` and column type, collation,
/// default and nullability changes from a parent to every child (and
/// refuses a type change made on the child). The child's own changes are
/// what is left after them; the planner runs them after the parents'.
struct Inherited<'a> {
    /// Parent columns, before and after (`None` before: the parent adds it).
    columns: Vec<(Option<&'a strata_model::Column>, &'a strata_model::Column)>,
}

fn inherited_changes<'a>(a: &Table, b: &Table, from: &'a Realm, to: &'a Realm) -> Inherited<'a> {
    let parents = |t: &Table| t.postgres.as_ref().map(|p| p.inherits.clone());
    let mut columns = Vec::new();
    // Different parents make the table be created again (see alter_table).
    if parents(a) == parents(b) {
        for p in parents(b).into_iter().flatten() {
            let (Some(old), Some(new)) = (from.table(&p), to.table(&p)) else {
                continue;
            };
            for c in &new.columns {
                columns.push((old.column(&c.name), c));
            }
        }
    }
    Inherited { columns }
}

impl Inherited<'_> {
    /// The column a parent's `ADD COLUMN` gives the child, if one does.
    fn added(&self, name: &str) -> Option<strata_model::Column> {
        self.columns
            .iter()
            .find(|(old, new)| old.is_none() && new.name == name)
            .map(|(_, new)| strata_model::Column {
                comment: None,
                identity: None,
                ..(*new).clone()
            })
    }

    /// Applies to the child's column what its parents' changes recurse.
    fn apply(&self, col: &mut strata_model::Column) {
        for (old, new) in &self.columns {
            let Some(old) = old else { continue };
            if new.name != col.name {
                continue;
            }
            if old.data_type != new.data_type {
                col.data_type = new.data_type.clone();
            }
            if old.collation != new.collation {
                col.collation = new.collation.clone();
            }
            if old.default != new.default {
                col.default = new.default.clone();
            }
            if old.nullable != new.nullable {
                col.nullable = new.nullable;
            }
        }
    }
}

/// Primary key, foreign keys, unique, check and exclusion constraints.
fn constraints(
    cx: &mut Differ,
    table: &QualifiedName,
    a: &Table,
    b: &Table,
    drop_fks: &mut Vec<TableChange>,
    main: &mut Vec<TableChange>,
    add_fks: &mut Vec<TableChange>,
) {
    let comment =
        |cx: &mut Differ, name: &Option<String>, x: &Option<String>, y: &Option<String>| {
            if let Some(name) = name {
                cx.comment(
                    CommentTarget::Constraint {
                        table: table.clone(),
                        name: name.clone(),
                    },
                    x,
                    y,
                );
            }
        };

    let strip_pk = |k: &Option<strata_model::PrimaryKey>| {
        k.clone().map(|mut k| {
            k.comment = None;
            k
        })
    };
    if strip_pk(&a.primary_key) != strip_pk(&b.primary_key) {
        if let Some(k) = &a.primary_key {
            main.push(TableChange::DropPrimaryKey { key: k.clone() });
        }
        if let Some(k) = &b.primary_key {
            main.push(TableChange::AddPrimaryKey { key: k.clone() });
        }
    } else if let (Some(x), Some(y)) = (&a.primary_key, &b.primary_key) {
        comment(cx, &y.name, &x.comment, &y.comment);
    }

    let fk_key = |k: &strata_model::ForeignKey| {
        k.name.clone().unwrap_or_else(|| {
            format!(
                "{}>{}{:?}",
                k.columns.join(","),
                k.references,
                k.referenced_columns
            )
        })
    };
    let (both, gone, new) = pair_up(&a.foreign_keys, &b.foreign_keys, fk_key);
    for k in gone {
        drop_fks.push(TableChange::DropForeignKey { key: k.clone() });
    }
    for (x, y) in both {
        let same = |k: &strata_model::ForeignKey| {
            let mut k = k.clone();
            k.not_valid = false;
            k.comment = None;
            k
        };
        if same(x) != same(y) || (!x.not_valid && y.not_valid) {
            drop_fks.push(TableChange::DropForeignKey { key: x.clone() });
            add_fks.push(TableChange::AddForeignKey { key: y.clone() });
        } else {
            if x.not_valid
                && !y.not_valid
                && let Some(name) = &y.name
            {
                add_fks.push(TableChange::ValidateConstraint { name: name.clone() });
            }
            comment(cx, &y.name, &x.comment, &y.comment);
        }
    }
    for k in new {
        add_fks.push(TableChange::AddForeignKey { key: k.clone() });
    }

    let uq_key =
        |u: &strata_model::UniqueConstraint| u.name.clone().unwrap_or_else(|| u.columns.join(","));
    let (both, gone, new) = pair_up(&a.uniques, &b.uniques, uq_key);
    for u in gone {
        main.push(TableChange::DropUnique {
            constraint: u.clone(),
        });
    }
    for (x, y) in both {
        let bare = |u: &strata_model::UniqueConstraint| {
            let mut u = u.clone();
            u.comment = None;
            u
        };
        if bare(x) != bare(y) {
            main.push(TableChange::DropUnique {
                constraint: x.clone(),
            });
            main.push(TableChange::AddUnique {
                constraint: y.clone(),
            });
        } else {
            comment(cx, &y.name, &x.comment, &y.comment);
        }
    }
    for u in new {
        main.push(TableChange::AddUnique {
            constraint: u.clone(),
        });
    }

    let ck_key =
        |c: &strata_model::CheckConstraint| c.name.clone().unwrap_or_else(|| c.expression.clone());
    let (both, gone, new) = pair_up(&a.checks, &b.checks, ck_key);
    for c in gone {
        main.push(TableChange::DropCheck { check: c.clone() });
    }
    for (x, y) in both {
        let bare = |c: &strata_model::CheckConstraint| {
            let mut c = c.clone();
            c.comment = None;
            c.not_valid = false;
            c
        };
        if bare(x) != bare(y) || (!x.not_valid && y.not_valid) {
            main.push(TableChange::DropCheck { check: x.clone() });
            main.push(TableChange::AddCheck { check: y.clone() });
        } else {
            if x.not_valid
                && !y.not_valid
                && let Some(name) = &y.name
            {
                main.push(TableChange::ValidateConstraint { name: name.clone() });
            }
            comment(cx, &y.name, &x.comment, &y.comment);
        }
    }
    for c in new {
        main.push(TableChange::AddCheck { check: c.clone() });
    }

    let (both, gone, new) = pair_up(&a.exclusions, &b.exclusions, |x| x.name.clone());
    for x in gone {
        main.push(TableChange::DropExclusion {
            constraint: x.clone(),
        });
    }
    for (x, y) in both {
        let bare = |c: &strata_model::ExclusionConstraint| {
            let mut c = c.clone();
            c.comment = None;
            c
        };
        if bare(x) != bare(y) {
            main.push(TableChange::DropExclusion {
                constraint: x.clone(),
            });
            main.push(TableChange::AddExclusion {
                constraint: y.clone(),
            });
        } else {
            comment(cx, &Some(y.name.clone()), &x.comment, &y.comment);
        }
    }
    for x in new {
        main.push(TableChange::AddExclusion {
            constraint: x.clone(),
        });
    }
}

/// Table-level dialect facts other than partitioning structure.
fn options_differ(a: &Table, b: &Table) -> bool {
    // No PostgreSQL facts and default ones are the same thing: a table that
    // only becomes (or stops being) a partition has no options to change.
    let pg = |t: &Table| {
        let mut p = t.postgres.clone().unwrap_or_default();
        p.partition_of = None;
        p
    };
    pg(a) != pg(b) || a.mysql != b.mysql || a.sqlite != b.sqlite
}

/// Partitions that leave their parent (or move to another bound or
/// parent): `DETACH PARTITION`, as a change of the old parent, before any
/// other change. Emitted first, it runs before the parent's own alteration
/// (the planner keeps one table's alterations in emission order), so a
/// detached partition does not pick up a column just added to its parent.
pub(crate) fn detach_partitions(cx: &mut Differ, from: &Realm, to: &Realm) {
    for (schema, s) in &from.schemas {
        for a in s.tables.values() {
            let qn = QualifiedName::new(schema, &a.name);
            let Some(b) = to.table(&qn) else { continue };
            if recreated(a, b) {
                continue;
            }
            let (pa, pb) = (partition_of(a), partition_of(b));
            if let Some(p) = pa
                && pa != pb
            {
                cx.push(Change::AlterTable {
                    schema: p.parent.schema.clone(),
                    table: p.parent.name.clone(),
                    changes: vec![TableChange::DetachPartition { partition: qn }],
                });
            }
        }
    }
}

/// Tables that become partitions (or move): `ATTACH PARTITION`, as a change
/// of the new parent, after every table change, so that both the parent
/// and the table have their final columns (an attached partition must
/// match its parent exactly).
pub(crate) fn attach_partitions(cx: &mut Differ, from: &Realm, to: &Realm) {
    for (schema, s) in &to.schemas {
        for b in s.tables.values() {
            let qn = QualifiedName::new(schema, &b.name);
            let Some(a) = from.table(&qn) else { continue };
            if recreated(a, b) {
                continue;
            }
            let (pa, pb) = (partition_of(a), partition_of(b));
            if let Some(p) = pb
                && pa != pb
            {
                cx.push(Change::AlterTable {
                    schema: p.parent.schema.clone(),
                    table: p.parent.name.clone(),
                    changes: vec![TableChange::AttachPartition {
                        partition: qn,
                        bound: p.bound.clone(),
                    }],
                });
            }
        }
    }
}

fn partition_of(t: &Table) -> Option<&strata_model::PgPartitionOf> {
    t.postgres.as_ref().and_then(|p| p.partition_of.as_ref())
}

/// A new partition key or new inheritance parents: the table is dropped and
/// created again instead of altered (see [`alter_table`]).
pub(crate) fn recreated(a: &Table, b: &Table) -> bool {
    let pg_a = a.postgres.clone().unwrap_or_default();
    let pg_b = b.postgres.clone().unwrap_or_default();
    pg_a.partition_by != pg_b.partition_by || pg_a.inherits != pg_b.inherits
}

fn indexes(cx: &mut Differ, schema: &str, a: &Table, b: &Table) {
    let comment_is_definition = cx.dialect.indexes_in_table();
    each(Some(&a.indexes), &b.indexes, |_, x, y| match (x, y) {
        (None, Some(i)) => create_index(cx, schema, &b.name, i),
        (Some(i), None) => cx.push(Change::DropIndex {
            schema: schema.into(),
            table: a.name.clone(),
            index: i.clone(),
        }),
        (Some(x), Some(y)) => {
            let bare = |i: &strata_model::Index| {
                let mut i = i.clone();
                if !comment_is_definition {
                    i.comment = None;
                }
                i
            };
            if bare(x) != bare(y) {
                cx.push(Change::DropIndex {
                    schema: schema.into(),
                    table: a.name.clone(),
                    index: x.clone(),
                });
                create_index(cx, schema, &b.name, y);
            } else {
                cx.comment(
                    CommentTarget::Index {
                        schema: schema.into(),
                        name: y.name.clone(),
                    },
                    &x.comment,
                    &y.comment,
                );
            }
        }
        (None, None) => {}
    });
}

fn create_rule(cx: &mut Differ, schema: &str, table: &str, r: &strata_model::Rule) {
    cx.push(Change::CreateRule {
        schema: schema.into(),
        table: table.into(),
        rule: r.clone(),
    });
    cx.comment(
        CommentTarget::Rule {
            table: QualifiedName::new(schema, table),
            name: r.name.clone(),
        },
        &None,
        &r.comment,
    );
}

/// Rules: a changed definition is `CREATE OR REPLACE RULE` (which keeps
/// the comment). After a rebuild they are all created again.
fn rules(cx: &mut Differ, schema: &str, a: &Table, b: &Table, rebuilt: bool) {
    let empty = Default::default();
    let old = if rebuilt { &empty } else { &a.rules };
    each(Some(old), &b.rules, |_, x, y| match (x, y) {
        (None, Some(r)) => create_rule(cx, schema, &b.name, r),
        (Some(r), None) => cx.push(Change::DropRule {
            schema: schema.into(),
            table: a.name.clone(),
            rule: r.clone(),
        }),
        (Some(x), Some(y)) => {
            if x.definition != y.definition || x.depends_on != y.depends_on {
                cx.push(Change::ReplaceRule {
                    schema: schema.into(),
                    table: b.name.clone(),
                    from: x.clone(),
                    to: y.clone(),
                });
            }
            cx.comment(
                CommentTarget::Rule {
                    table: QualifiedName::new(schema, &b.name),
                    name: y.name.clone(),
                },
                &x.comment,
                &y.comment,
            );
        }
        (None, None) => {}
    });
}

/// Triggers and policies. After a rebuild the table's triggers are gone and
/// all of them are created again.
fn triggers_and_policies(cx: &mut Differ, schema: &str, a: &Table, b: &Table, rebuilt: bool) {
    rules(cx, schema, a, b, rebuilt);
    let table = QualifiedName::new(schema, &b.name);
    let empty = Default::default();
    let old_triggers = if rebuilt { &empty } else { &a.triggers };
    each(Some(old_triggers), &b.triggers, |_, x, y| {
        let create = |cx: &mut Differ, t: &strata_model::Trigger, old: &Option<String>| {
            cx.push(Change::CreateTrigger {
                schema: schema.into(),
                table: b.name.clone(),
                trigger: t.clone(),
            });
            cx.comment(
                CommentTarget::Trigger {
                    table: table.clone(),
                    name: t.name.clone(),
                },
                old,
                &t.comment,
            );
        };
        match (x, y) {
            (None, Some(t)) => create(cx, t, &None),
            (Some(t), None) => cx.push(Change::DropTrigger {
                schema: schema.into(),
                table: a.name.clone(),
                trigger: t.clone(),
            }),
            (Some(x), Some(y)) => {
                let bare = |t: &strata_model::Trigger| {
                    let mut t = t.clone();
                    t.comment = None;
                    t
                };
                if bare(x) != bare(y) {
                    cx.push(Change::DropTrigger {
                        schema: schema.into(),
                        table: a.name.clone(),
                        trigger: x.clone(),
                    });
                    create(cx, y, &None);
                } else {
                    cx.comment(
                        CommentTarget::Trigger {
                            table: table.clone(),
                            name: y.name.clone(),
                        },
                        &x.comment,
                        &y.comment,
                    );
                }
            }
            (None, None) => {}
        }
    });
    each(Some(&a.policies), &b.policies, |_, x, y| {
        let bare = |p: &strata_model::Policy| {
            let mut p = p.clone();
            p.comment = None;
            p
        };
        match (x, y) {
            (None, Some(p)) => {
                cx.push(Change::CreatePolicy {
                    schema: schema.into(),
                    table: b.name.clone(),
                    policy: p.clone(),
                });
                cx.comment(
                    CommentTarget::Policy {
                        table: table.clone(),
                        name: p.name.clone(),
                    },
                    &None,
                    &p.comment,
                );
            }
            (Some(p), None) => cx.push(Change::DropPolicy {
                schema: schema.into(),
                table: a.name.clone(),
                policy: p.clone(),
            }),
            (Some(x), Some(y)) if bare(x) != bare(y) => {
                cx.push(Change::DropPolicy {
                    schema: schema.into(),
                    table: a.name.clone(),
                    policy: x.clone(),
                });
                cx.push(Change::CreatePolicy {
                    schema: schema.into(),
                    table: b.name.clone(),
                    policy: y.clone(),
                });
                cx.comment(
                    CommentTarget::Policy {
                        table: table.clone(),
                        name: y.name.clone(),
                    },
                    &None,
                    &y.comment,
                );
            }
            (Some(x), Some(y)) => cx.comment(
                CommentTarget::Policy {
                    table: table.clone(),
                    name: y.name.clone(),
                },
                &x.comment,
                &y.comment,
            ),
            (None, None) => {}
        }
    });
}
