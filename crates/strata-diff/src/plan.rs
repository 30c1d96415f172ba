//! Ordering changes into an executable plan, and classifying their safety.
//!
//! Every change says which objects it makes available (creates or alters),
//! which it needs, which it removes and what the removed object needed.
//! From that the planner draws edges:
//!
//! - a change that needs X runs after every change that makes X available;
//! - a change that removes an object runs before every change that removes
//!   or alters what that object needed (dependents go first);
//! - removing X runs before creating X again.
//!
//! It then sorts topologically. When several changes are ready, the one with
//! the lowest [`rank`] goes first, then the one the differ emitted first, so
//! the order is deterministic and reads naturally: drops of dependents,
//! types, sequences, functions, tables, alterations, indexes, foreign keys,
//! views, triggers, comments.

use crate::{RenderError, SqlDialect};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use strata_model::change::{Change, CommentTarget, Effect, GrantTarget, TableChange};
use strata_model::{ObjectKind, ObjectRef, QualifiedName, Realm};

/// One change of a plan, with its safety.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    #[serde(flatten)]
    pub change: Change,
    /// Why this change can lose data, if it can. Such steps are held back
    /// unless the user passes `--unsafe`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destructive: Option<String>,
}

/// Changes in the order they can run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Plan {
    pub steps: Vec<Step>,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error("the changes depend on each other in a cycle: {0}")]
    Cycle(String),
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    pub fn destructive(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.destructive.is_some())
    }

    /// The plan as SQL statements (the dialect's preamble first when there is
    /// anything to do).
    pub fn render(&self, dialect: &dyn SqlDialect) -> Result<Vec<String>, PlanError> {
        let mut out = Vec::new();
        if !self.steps.is_empty() {
            out.extend(dialect.preamble());
        }
        for step in &self.steps {
            out.extend(dialect.render(&step.change)?);
        }
        Ok(out)
    }
}

/// What the planner knows objects by. Finer than [`ObjectRef`]: indexes and
/// constraints are separate things to wait for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Schema(String),
    Extension(String),
    Object(ObjectRef),
    Index(String, String),
    Constraint(QualifiedName, String),
    Trigger(QualifiedName, String),
    Policy(QualifiedName, String),
    Rule(QualifiedName, String),
}

fn obj(kind: ObjectKind, schema: &str, name: &str) -> Key {
    Key::Object(ObjectRef::new(kind, schema, name))
}

fn deps(refs: &[ObjectRef]) -> impl Iterator<Item = Key> + '_ {
    refs.iter().map(|r| match r.kind {
        ObjectKind::Schema => Key::Schema(r.name.clone()),
        ObjectKind::Extension => Key::Extension(r.name.clone()),
        _ => Key::Object(r.clone()),
    })
}

/// The edges a change takes part in.
#[derive(Default)]
struct Facts {
    provides: Vec<Key>,
    needs: Vec<Key>,
    removes: Vec<Key>,
    /// What the removed object needed: it must go before these change.
    held: Vec<Key>,
    /// The table an `ALTER TABLE` change alters.
    altered: Option<Key>,
}

/// The relation (table or view) a trigger, index or comment sits on.
fn relation(realm: &Realm, schema: &str, name: &str) -> Key {
    let qn = QualifiedName::new(schema, name);
    if realm.view(&qn).is_some() {
        obj(ObjectKind::View, schema, name)
    } else {
        obj(ObjectKind::Table, schema, name)
    }
}

fn facts(change: &Change, from: &Realm, to: &Realm) -> Facts {
    let mut f = Facts::default();
    match change {
        Change::CreateSchema { schema } => f.provides.push(Key::Schema(schema.clone())),
        Change::DropSchema { schema } => f.removes.push(Key::Schema(schema.clone())),
        Change::CreateExtension { extension } => {
            f.provides.push(Key::Extension(extension.name.clone()));
            f.needs.push(Key::Schema(extension.schema.clone()));
        }
        Change::DropExtension { extension } => {
            f.removes.push(Key::Extension(extension.name.clone()));
            f.held.push(Key::Schema(extension.schema.clone()));
        }
        Change::AlterExtension { to: e, .. } => {
            f.provides.push(Key::Extension(e.name.clone()));
            f.needs.push(Key::Schema(e.schema.clone()));
        }
        Change::CreateType { schema, ty } => {
            f.provides.push(obj(ObjectKind::Type, schema, &ty.name));
            f.needs.push(Key::Schema(schema.clone()));
            f.needs.extend(deps(&ty.depends_on));
        }
        Change::DropType { schema, ty } => {
            f.removes.push(obj(ObjectKind::Type, schema, &ty.name));
            f.held.push(Key::Schema(schema.clone()));
            f.held.extend(deps(&ty.depends_on));
        }
        Change::AlterType { schema, name, .. } => {
            f.provides.push(obj(ObjectKind::Type, schema, name));
        }
        // It alters the tables whose columns use the type: what reads them
        // is dropped before and created after, and their own alterations
        // follow (in emission order, the differ emits it first).
        Change::RebuildType {
            schema,
            to: ty,
            columns,
            ..
        } => {
            f.provides.push(obj(ObjectKind::Type, schema, &ty.name));
            f.needs.extend(deps(&ty.depends_on));
            for c in columns {
                let t = obj(ObjectKind::Table, &c.table.schema, &c.table.name);
                f.needs.push(t.clone());
                f.provides.push(t);
            }
        }
        Change::CreateCollation { schema, collation } => {
            f.provides
                .push(obj(ObjectKind::Collation, schema, &collation.name));
            f.needs.push(Key::Schema(schema.clone()));
        }
        // Tables whose columns use it stop using it first: dropped tables
        // hold it (see DropTable), altered ones are waited for here.
        Change::DropCollation { schema, collation } => {
            let me = ObjectRef::new(ObjectKind::Collation, schema, &collation.name);
            f.removes.push(Key::Object(me.clone()));
            f.held.push(Key::Schema(schema.clone()));
            for (s, t) in from
                .schemas
                .iter()
                .flat_map(|(s, sc)| sc.tables.values().map(move |t| (s, t)))
            {
                if t.depends_on.contains(&me) && to.table(&QualifiedName::new(s, &t.name)).is_some()
                {
                    f.needs.push(obj(ObjectKind::Table, s, &t.name));
                }
            }
        }
        Change::CreateSequence { schema, sequence } => {
            f.provides
                .push(obj(ObjectKind::Sequence, schema, &sequence.name));
            f.needs.push(Key::Schema(schema.clone()));
        }
        Change::DropSequence { schema, sequence } => {
            f.removes
                .push(obj(ObjectKind::Sequence, schema, &sequence.name));
            f.held.push(Key::Schema(schema.clone()));
        }
        Change::AlterSequence { schema, to: s, .. } => {
            // It needs the sequence to exist but provides nothing new:
            // what uses a sequence (a column default) needs it to exist,
            // not its options or owner, and providing it would tie a table
            // that uses its own OWNED BY sequence into a cycle.
            f.needs.push(obj(ObjectKind::Sequence, schema, &s.name));
            if let Some(owner) = &s.owned_by {
                f.needs.push(obj(ObjectKind::Table, schema, &owner.table));
            }
        }
        Change::CreateRoutine { schema, routine } => {
            f.provides
                .push(obj(ObjectKind::Routine, schema, &routine.key()));
            f.needs.push(Key::Schema(schema.clone()));
            f.needs.extend(deps(&routine.depends_on));
        }
        Change::DropRoutine { schema, routine } => {
            f.removes
                .push(obj(ObjectKind::Routine, schema, &routine.key()));
            f.held.push(Key::Schema(schema.clone()));
            f.held.extend(deps(&routine.depends_on));
        }
        Change::ReplaceRoutine { schema, to: r, .. } => {
            f.provides.push(obj(ObjectKind::Routine, schema, &r.key()));
            f.needs.extend(deps(&r.depends_on));
        }
        Change::CreateTable { schema, table } => {
            f.provides.push(obj(ObjectKind::Table, schema, &table.name));
            f.needs.push(Key::Schema(schema.clone()));
            f.needs.extend(deps(&table.depends_on));
            f.needs.extend(parents(schema, table));
        }
        Change::DropTable { schema, table } => {
            f.removes.push(obj(ObjectKind::Table, schema, &table.name));
            f.held.push(Key::Schema(schema.clone()));
            f.held.extend(deps(&table.depends_on));
            // Foreign keys are not followed: the differ drops keys between
            // dropped tables first, so any order of the drops works.
            f.held.extend(parents(schema, table));
        }
        Change::RenameTable {
            schema,
            from: a,
            to: b,
        } => {
            f.removes.push(obj(ObjectKind::Table, schema, a));
            f.provides.push(obj(ObjectKind::Table, schema, b));
        }
        Change::AlterTable {
            schema,
            table,
            changes,
        } => alter_table_facts(&mut f, schema, table, changes, to),
        Change::RebuildTable {
            schema,
            from: old,
            to: t,
        } => {
            // It copies the old table's rows: earlier alterations of it
            // (a column rename) must have run.
            f.needs.push(obj(ObjectKind::Table, schema, &t.name));
            f.provides.push(obj(ObjectKind::Table, schema, &t.name));
            f.needs.extend(deps(&t.depends_on));
            // The rebuild is what removes its keys to a table that goes:
            // that table is dropped after it, or the rebuild's
            // `foreign_key_check` sees rows referencing a missing table.
            for fk in &old.foreign_keys {
                if to.table(&fk.references).is_none() {
                    f.held.push(obj(
                        ObjectKind::Table,
                        &fk.references.schema,
                        &fk.references.name,
                    ));
                }
            }
        }
        Change::CreateIndex {
            schema,
            table,
            index,
        } => {
            f.provides
                .push(Key::Index(schema.clone(), index.name.clone()));
            f.needs.push(relation(to, schema, table));
        }
        Change::DropIndex {
            schema,
            table,
            index,
        } => {
            f.removes
                .push(Key::Index(schema.clone(), index.name.clone()));
            f.held.push(relation(from, schema, table));
        }
        Change::CreateView { schema, view } => {
            f.provides.push(obj(ObjectKind::View, schema, &view.name));
            f.needs.push(Key::Schema(schema.clone()));
            f.needs.extend(deps(&view.depends_on));
        }
        Change::DropView { schema, view } => {
            f.removes.push(obj(ObjectKind::View, schema, &view.name));
            f.held.push(Key::Schema(schema.clone()));
            f.held.extend(deps(&view.depends_on));
        }
        Change::CreateTrigger {
            schema,
            table,
            trigger,
        } => {
            f.provides.push(Key::Trigger(
                QualifiedName::new(schema, table),
                trigger.name.clone(),
            ));
            f.needs.push(relation(to, schema, table));
            f.needs.extend(deps(&trigger.depends_on));
        }
        Change::DropTrigger {
            schema,
            table,
            trigger,
        } => {
            f.removes.push(Key::Trigger(
                QualifiedName::new(schema, table),
                trigger.name.clone(),
            ));
            f.held.push(relation(from, schema, table));
            f.held.extend(deps(&trigger.depends_on));
        }
        Change::CreateRule {
            schema,
            table,
            rule,
        }
        | Change::ReplaceRule {
            schema,
            table,
            to: rule,
            ..
        } => {
            f.provides.push(Key::Rule(
                QualifiedName::new(schema, table),
                rule.name.clone(),
            ));
            f.needs.push(obj(ObjectKind::Table, schema, table));
            f.needs.extend(deps(&rule.depends_on));
        }
        Change::DropRule {
            schema,
            table,
            rule,
        } => {
            f.removes.push(Key::Rule(
                QualifiedName::new(schema, table),
                rule.name.clone(),
            ));
            f.held.push(obj(ObjectKind::Table, schema, table));
            f.held.extend(deps(&rule.depends_on));
        }
        Change::CreatePolicy {
            schema,
            table,
            policy,
        } => {
            f.provides.push(Key::Policy(
                QualifiedName::new(schema, table),
                policy.name.clone(),
            ));
            f.needs.push(obj(ObjectKind::Table, schema, table));
        }
        Change::DropPolicy {
            schema,
            table,
            policy,
        } => {
            f.removes.push(Key::Policy(
                QualifiedName::new(schema, table),
                policy.name.clone(),
            ));
            f.held.push(obj(ObjectKind::Table, schema, table));
        }
        Change::CreateEvent { schema, event } => {
            f.provides.push(obj(ObjectKind::Event, schema, &event.name));
            f.needs.push(Key::Schema(schema.clone()));
        }
        Change::DropEvent { schema, event } => {
            f.removes.push(obj(ObjectKind::Event, schema, &event.name));
            f.held.push(Key::Schema(schema.clone()));
        }
        Change::SetComment { target, .. } => f.needs.push(comment_key(target, to)),
        Change::Grant { target, .. } | Change::Revoke { target, .. } => {
            f.needs.push(grant_key(target));
        }
    }
    f
}

/// Partition parent and inheritance parents.
fn parents(schema: &str, t: &strata_model::Table) -> Vec<Key> {
    let _ = schema;
    let mut out = Vec::new();
    if let Some(pg) = &t.postgres {
        if let Some(p) = &pg.partition_of {
            out.push(obj(ObjectKind::Table, &p.parent.schema, &p.parent.name));
        }
        for p in &pg.inherits {
            out.push(obj(ObjectKind::Table, &p.schema, &p.name));
        }
    }
    out
}

fn alter_table_facts(
    f: &mut Facts,
    schema: &str,
    table: &str,
    changes: &[TableChange],
    to: &Realm,
) {
    let me = obj(ObjectKind::Table, schema, table);
    f.altered = Some(me.clone());
    let qn = QualifiedName::new(schema, table);
    let fk_only = changes.iter().all(|c| {
        matches!(
            c,
            TableChange::AddForeignKey { .. }
                | TableChange::DropForeignKey { .. }
                | TableChange::ValidateConstraint { .. }
        )
    });
    f.needs.push(me.clone());
    if !fk_only {
        // An alteration makes the new shape of the table available, and
        // whatever the new columns need must exist first.
        f.provides.push(me.clone());
        if let Some(t) = to.table(&qn) {
            // Its partition parent exists already (a new parent means the
            // table is created again); waiting for the parent's own
            // alteration would be a cycle with ATTACH PARTITION. An
            // inheritance child does wait for its parents' alterations:
            // they recurse to it, and its own changes are what is left.
            let partition_parent = t
                .postgres
                .as_ref()
                .and_then(|p| p.partition_of.as_ref())
                .map(|p| obj(ObjectKind::Table, &p.parent.schema, &p.parent.name));
            let inherits = t.postgres.iter().flat_map(|p| &p.inherits);
            f.needs.extend(
                deps(&t.depends_on)
                    .filter(|k| Some(k) != partition_parent.as_ref())
                    .chain(inherits.map(|p| obj(ObjectKind::Table, &p.schema, &p.name))),
            );
        }
    }
    for c in changes {
        match c {
            TableChange::AddForeignKey { key } => {
                let target = obj(
                    ObjectKind::Table,
                    &key.references.schema,
                    &key.references.name,
                );
                if target != me {
                    f.needs.push(target);
                }
                // The referenced columns need their unique index first.
                if let Some(t) = to.table(&key.references) {
                    for idx in t.indexes.values().filter(|i| i.unique) {
                        f.needs
                            .push(Key::Index(key.references.schema.clone(), idx.name.clone()));
                    }
                }
                if let Some(n) = &key.name {
                    f.provides.push(Key::Constraint(qn.clone(), n.clone()));
                }
            }
            TableChange::DropForeignKey { key } => {
                if let Some(n) = &key.name {
                    f.removes.push(Key::Constraint(qn.clone(), n.clone()));
                }
                let target = obj(
                    ObjectKind::Table,
                    &key.references.schema,
                    &key.references.name,
                );
                if target != me {
                    f.held.push(target);
                }
            }
            TableChange::AttachPartition { partition, .. } => {
                f.needs
                    .push(obj(ObjectKind::Table, &partition.schema, &partition.name));
            }
            // A detached partition is a table of its own from then on: its
            // own alterations (which a partition refuses) wait for it.
            TableChange::DetachPartition { partition } => {
                f.provides
                    .push(obj(ObjectKind::Table, &partition.schema, &partition.name));
            }
            _ => {}
        }
    }
}

fn comment_key(target: &CommentTarget, to: &Realm) -> Key {
    match target {
        CommentTarget::Schema { name } => Key::Schema(name.clone()),
        CommentTarget::Extension { name } => Key::Extension(name.clone()),
        CommentTarget::Type { name } => obj(ObjectKind::Type, &name.schema, &name.name),
        CommentTarget::Collation { name } => obj(ObjectKind::Collation, &name.schema, &name.name),
        CommentTarget::Rule { table, name } => Key::Rule(table.clone(), name.clone()),
        CommentTarget::Sequence { name } => obj(ObjectKind::Sequence, &name.schema, &name.name),
        CommentTarget::Routine {
            schema, signature, ..
        } => obj(ObjectKind::Routine, schema, signature),
        CommentTarget::View { name, .. } | CommentTarget::ViewColumn { view: name, .. } => {
            obj(ObjectKind::View, &name.schema, &name.name)
        }
        CommentTarget::Index { schema, name } => Key::Index(schema.clone(), name.clone()),
        CommentTarget::Constraint { table, .. } | CommentTarget::Policy { table, .. } => {
            obj(ObjectKind::Table, &table.schema, &table.name)
        }
        CommentTarget::Trigger { table, .. } => relation(to, &table.schema, &table.name),
    }
}

fn grant_key(target: &GrantTarget) -> Key {
    match target {
        GrantTarget::Schema { name } => Key::Schema(name.clone()),
        GrantTarget::Table { name } => obj(ObjectKind::Table, &name.schema, &name.name),
        GrantTarget::View { name } => obj(ObjectKind::View, &name.schema, &name.name),
        GrantTarget::Sequence { name } => obj(ObjectKind::Sequence, &name.schema, &name.name),
        GrantTarget::Type { name } => obj(ObjectKind::Type, &name.schema, &name.name),
        GrantTarget::Routine {
            schema, signature, ..
        } => obj(ObjectKind::Routine, schema, signature),
    }
}

/// Preference among changes that are ready at the same time (lower first).
fn rank(change: &Change) -> u8 {
    match change {
        Change::CreateSchema { .. } => 0,
        Change::CreateExtension { .. } | Change::AlterExtension { .. } => 1,
        Change::DropTrigger { .. }
        | Change::DropRule { .. }
        | Change::DropPolicy { .. }
        | Change::DropEvent { .. } => 2,
        Change::DropView { .. } => 3,
        Change::AlterTable { changes, .. }
            if changes
                .iter()
                .all(|c| matches!(c, TableChange::DropForeignKey { .. })) =>
        {
            4
        }
        Change::DropIndex { .. } => 5,
        Change::DropTable { .. } => 6,
        Change::RenameTable { .. } => 7,
        Change::CreateCollation { .. }
        | Change::CreateType { .. }
        | Change::AlterType { .. }
        | Change::RebuildType { .. } => 8,
        Change::CreateSequence { .. } => 9,
        Change::CreateRoutine { .. } | Change::ReplaceRoutine { .. } => 10,
        Change::CreateTable { .. } | Change::RebuildTable { .. } => 11,
        Change::AlterTable { changes, .. }
            if changes.iter().any(|c| {
                !matches!(
                    c,
                    TableChange::AddForeignKey { .. } | TableChange::ValidateConstraint { .. }
                )
            }) =>
        {
            12
        }
        Change::DropSequence { .. }
        | Change::DropType { .. }
        | Change::DropCollation { .. }
        | Change::DropRoutine { .. } => 13,
        Change::CreateIndex { .. } => 14,
        Change::AlterTable { .. } => 15,
        Change::AlterSequence { .. } => 16,
        Change::CreateView { .. } => 17,
        Change::CreateTrigger { .. }
        | Change::CreateRule { .. }
        | Change::ReplaceRule { .. }
        | Change::CreatePolicy { .. }
        | Change::CreateEvent { .. } => 18,
        Change::SetComment { .. } => 19,
        Change::Grant { .. } | Change::Revoke { .. } => 20,
        Change::DropExtension { .. } => 21,
        Change::DropSchema { .. } => 22,
    }
}

/// Orders `changes` (the output of [`crate::diff`] from `from` to `to`) and
/// classifies each as safe or destructive.
pub fn plan(
    changes: Vec<Change>,
    from: &Realm,
    to: &Realm,
    dialect: &dyn SqlDialect,
) -> Result<Plan, PlanError> {
    let facts: Vec<Facts> = changes.iter().map(|c| facts(c, from, to)).collect();
    let mut providers: BTreeMap<&Key, Vec<usize>> = BTreeMap::new();
    let mut removers: BTreeMap<&Key, Vec<usize>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        for k in &f.provides {
            providers.entry(k).or_default().push(i);
        }
        for k in &f.removes {
            removers.entry(k).or_default().push(i);
        }
    }
    let n = changes.len();
    let mut edges: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut add = |a: usize, b: usize| {
        if a != b {
            edges[a].insert(b);
        }
    };
    for (i, f) in facts.iter().enumerate() {
        for k in &f.needs {
            for &p in providers.get(k).into_iter().flatten() {
                // Two alterations of the same object both need and provide
                // it: they run in the order the differ emitted them (a
                // column rename first), not in a cycle. The same holds for
                // any two ALTER TABLEs of one table: the differ emits the
                // dropping of foreign keys before the main alteration, which
                // may drop the columns those keys use.
                let same_table =
                    f.altered.as_ref() == Some(k) && facts[p].altered.as_ref() == Some(k);
                let chained = same_table || (f.provides.contains(k) && facts[p].needs.contains(k));
                if !chained || p < i {
                    add(p, i);
                }
            }
        }
        for k in &f.held {
            for &q in removers.get(k).into_iter().flatten() {
                add(i, q);
            }
            for &q in providers.get(k).into_iter().flatten() {
                // Alterations of what the removed object needed; creations
                // of it are ordered by their own needs.
                if facts[q].removes.is_empty() && !is_create(&changes[q]) {
                    add(i, q);
                }
            }
        }
        for k in &f.removes {
            for &p in providers.get(k).into_iter().flatten() {
                add(i, p);
            }
        }
    }

    let mut indegree = vec![0usize; n];
    for targets in &edges {
        for &t in targets {
            indegree[t] += 1;
        }
    }
    let mut ready: BinaryHeap<Reverse<(u8, usize)>> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| Reverse((rank(&changes[i]), i)))
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse((_, i))) = ready.pop() {
        order.push(i);
        for &t in &edges[i] {
            indegree[t] -= 1;
            if indegree[t] == 0 {
                ready.push(Reverse((rank(&changes[t]), t)));
            }
        }
    }
    if order.len() < n {
        let stuck: Vec<String> = (0..n)
            .filter(|i| indegree[*i] > 0)
            .take(6)
            .map(|i| describe(&changes[i]))
            .collect();
        return Err(PlanError::Cycle(stuck.join(", ")));
    }

    let recreated: BTreeSet<&Key> = facts.iter().flat_map(|f| f.provides.iter()).collect();
    let mut slots: Vec<Option<Change>> = changes.into_iter().map(Some).collect();
    let steps = order
        .into_iter()
        .filter_map(|i| {
            let change = slots[i].take()?;
            let destructive = destructive(&change, &facts[i], &recreated, dialect);
            Some(Step {
                change,
                destructive,
            })
        })
        .collect();
    Ok(Plan { steps })
}

fn is_create(c: &Change) -> bool {
    // Grants "create" nothing another change could wait for.
    c.effect() == Effect::Create && !matches!(c, Change::Grant { .. })
}

/// Why a change can lose data, if it can. A drop that is followed by a
/// create of the same object (a view recreated around a change) is not.
fn destructive(
    change: &Change,
    facts: &Facts,
    recreated: &BTreeSet<&Key>,
    dialect: &dyn SqlDialect,
) -> Option<String> {
    let gone = || facts.removes.iter().any(|k| !recreated.contains(k));
    match change {
        Change::DropTable { schema, table } => {
            Some(format!("drops table {schema}.{} and its rows", table.name))
        }
        Change::DropSchema { schema } => Some(format!("drops schema {schema}")),
        Change::DropSequence { schema, sequence } if gone() => {
            Some(format!("drops sequence {schema}.{}", sequence.name))
        }
        Change::DropType { schema, ty } => Some(if gone() {
            format!("drops type {schema}.{}", ty.name)
        } else {
            format!(
                "recreates type {schema}.{} (values or attributes removed)",
                ty.name
            )
        }),
        Change::RebuildType {
            schema,
            from,
            before,
            ..
        } => {
            let mut reason = format!(
                "recreates type {schema}.{} (values or attributes removed; a row holding one fails the plan)",
                from.name
            );
            for c in before {
                if let Change::AlterTable {
                    schema,
                    table,
                    changes,
                } = c
                    && let Some(loss) =
                        table_loss(&format!("{schema}.{table}"), changes.iter(), dialect)
                {
                    reason.push_str("; ");
                    reason.push_str(&loss);
                }
            }
            Some(reason)
        }
        Change::DropRoutine { schema, routine } if gone() => Some(format!(
            "drops {} {schema}.{}",
            routine.kind.sql_word().to_lowercase(),
            routine.name
        )),
        Change::DropView { schema, view } if gone() => Some(format!(
            "drops {}view {schema}.{}",
            if view.materialized {
                "materialized "
            } else {
                ""
            },
            view.name
        )),
        Change::DropExtension { extension } => Some(format!("drops extension {}", extension.name)),
        Change::DropEvent { schema, event } if gone() => {
            Some(format!("drops event {schema}.{}", event.name))
        }
        Change::DropTrigger { trigger, table, .. } if gone() => {
            Some(format!("drops trigger {} on {table}", trigger.name))
        }
        Change::DropPolicy { policy, table, .. } if gone() => {
            Some(format!("drops policy {} on {table}", policy.name))
        }
        Change::DropRule { rule, table, .. } if gone() => {
            Some(format!("drops rule {} on {table}", rule.name))
        }
        Change::DropCollation { schema, collation } if gone() => {
            Some(format!("drops collation {schema}.{}", collation.name))
        }
        Change::AlterTable {
            schema,
            table,
            changes,
        } => table_loss(&format!("{schema}.{table}"), changes.iter(), dialect),
        Change::RebuildTable { schema, from, to } => {
            let mut implied = Vec::new();
            for c in &from.columns {
                match to.column(&c.name) {
                    None => implied.push(TableChange::DropColumn {
                        column: c.clone(),
                        only: false,
                    }),
                    Some(n) if n != c => implied.push(TableChange::AlterColumn {
                        from: c.clone(),
                        to: n.clone(),
                    }),
                    _ => {}
                }
            }
            table_loss(&format!("{schema}.{}", to.name), implied.iter(), dialect)
        }
        _ => None,
    }
}

fn table_loss<'a>(
    table: &str,
    changes: impl Iterator<Item = &'a TableChange>,
    dialect: &dyn SqlDialect,
) -> Option<String> {
    let mut reasons = Vec::new();
    for c in changes {
        match c {
            TableChange::DropColumn { column, .. } => {
                reasons.push(format!("drops column {table}.{}", column.name));
            }
            TableChange::AlterColumn { from, to } => {
                if from.data_type != to.data_type && dialect.is_narrowing(from, to) {
                    reasons.push(format!(
                        "changes {table}.{} from {} to {}",
                        to.name, from.data_type, to.data_type
                    ));
                }
                if from.nullable && !to.nullable {
                    reasons.push(format!("makes {table}.{} NOT NULL", to.name));
                }
            }
            _ => {}
        }
    }
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

/// A short description of a change for messages.
pub fn describe(change: &Change) -> String {
    match change {
        Change::CreateSchema { schema } => format!("create schema {schema}"),
        Change::DropSchema { schema } => format!("drop schema {schema}"),
        Change::CreateExtension { extension } => format!("create extension {}", extension.name),
        Change::DropExtension { extension } => format!("drop extension {}", extension.name),
        Change::AlterExtension { to, .. } => format!("alter extension {}", to.name),
        Change::CreateType { schema, ty } => format!("create type {schema}.{}", ty.name),
        Change::DropType { schema, ty } => format!("drop type {schema}.{}", ty.name),
        Change::AlterType { schema, name, .. } => format!("alter type {schema}.{name}"),
        Change::RebuildType { schema, to, .. } => format!("rebuild type {schema}.{}", to.name),
        Change::CreateCollation { schema, collation } => {
            format!("create collation {schema}.{}", collation.name)
        }
        Change::DropCollation { schema, collation } => {
            format!("drop collation {schema}.{}", collation.name)
        }
        Change::CreateSequence { schema, sequence } => {
            format!("create sequence {schema}.{}", sequence.name)
        }
        Change::DropSequence { schema, sequence } => {
            format!("drop sequence {schema}.{}", sequence.name)
        }
        Change::AlterSequence { schema, to, .. } => format!("alter sequence {schema}.{}", to.name),
        Change::CreateRoutine { schema, routine } => {
            format!(
                "create {} {schema}.{}",
                routine.kind.sql_word().to_lowercase(),
                routine.name
            )
        }
        Change::DropRoutine { schema, routine } => {
            format!(
                "drop {} {schema}.{}",
                routine.kind.sql_word().to_lowercase(),
                routine.name
            )
        }
        Change::ReplaceRoutine { schema, to, .. } => {
            format!(
                "replace {} {schema}.{}",
                to.kind.sql_word().to_lowercase(),
                to.name
            )
        }
        Change::CreateTable { schema, table } => format!("create table {schema}.{}", table.name),
        Change::DropTable { schema, table } => format!("drop table {schema}.{}", table.name),
        Change::RenameTable { schema, from, to } => {
            format!("rename table {schema}.{from} to {to}")
        }
        Change::AlterTable { schema, table, .. } => format!("alter table {schema}.{table}"),
        Change::RebuildTable { schema, to, .. } => format!("rebuild table {schema}.{}", to.name),
        Change::CreateIndex { schema, index, .. } => {
            format!("create index {schema}.{}", index.name)
        }
        Change::DropIndex { schema, index, .. } => format!("drop index {schema}.{}", index.name),
        Change::CreateView { schema, view } => format!("create view {schema}.{}", view.name),
        Change::DropView { schema, view } => format!("drop view {schema}.{}", view.name),
        Change::CreateTrigger { table, trigger, .. } => {
            format!("create trigger {} on {table}", trigger.name)
        }
        Change::DropTrigger { table, trigger, .. } => {
            format!("drop trigger {} on {table}", trigger.name)
        }
        Change::CreateRule { table, rule, .. } => format!("create rule {} on {table}", rule.name),
        Change::ReplaceRule { table, to, .. } => format!("replace rule {} on {table}", to.name),
        Change::DropRule { table, rule, .. } => format!("drop rule {} on {table}", rule.name),
        Change::CreatePolicy { table, policy, .. } => {
            format!("create policy {} on {table}", policy.name)
        }
        Change::DropPolicy { table, policy, .. } => {
            format!("drop policy {} on {table}", policy.name)
        }
        Change::CreateEvent { schema, event } => format!("create event {schema}.{}", event.name),
        Change::DropEvent { schema, event } => format!("drop event {schema}.{}", event.name),
        Change::SetComment { .. } => "set comment".into(),
        Change::Grant { grant, .. } => format!("grant to {}", grant.grantee),
        Change::Revoke { grant, .. } => format!("revoke from {}", grant.grantee),
    }
}

/// A description with the details of a table alteration
/// (`alter table public.users: add column name, alter column email (type, nullability)`).
pub fn summary(change: &Change) -> String {
    let Change::AlterTable { changes, .. } = change else {
        return describe(change);
    };
    let ops: Vec<String> = changes.iter().map(table_change_summary).collect();
    format!("{}: {}", describe(change), ops.join(", "))
}

fn table_change_summary(c: &TableChange) -> String {
    let name = |n: &Option<String>| n.clone().unwrap_or_else(|| "(unnamed)".into());
    match c {
        TableChange::AddColumn { column, .. } => format!("add column {}", column.name),
        TableChange::DropColumn { column, .. } => format!("drop column {}", column.name),
        TableChange::AlterColumn { from, to } => {
            let mut what = Vec::new();
            if from.data_type != to.data_type {
                what.push(format!("type {} -> {}", from.data_type, to.data_type));
            }
            if from.nullable != to.nullable {
                what.push(
                    if to.nullable {
                        "drop not null"
                    } else {
                        "set not null"
                    }
                    .to_string(),
                );
            }
            if from.default != to.default {
                what.push("default".into());
            }
            if from.identity != to.identity {
                what.push("identity".into());
            }
            if from.generated != to.generated {
                what.push("generated".into());
            }
            if from.collation != to.collation {
                what.push("collation".into());
            }
            if from.comment != to.comment {
                what.push("comment".into());
            }
            if from.mysql != to.mysql {
                what.push("column options".into());
            }
            format!("alter column {} ({})", to.name, what.join(", "))
        }
        TableChange::RenameColumn { from, to } => format!("rename column {from} to {to}"),
        TableChange::MoveColumn { column, after } => match after {
            Some(a) => format!("move column {} after {a}", column.name),
            None => format!("move column {} first", column.name),
        },
        TableChange::AddPrimaryKey { .. } => "add primary key".into(),
        TableChange::DropPrimaryKey { .. } => "drop primary key".into(),
        TableChange::AddForeignKey { key } => format!("add foreign key {}", name(&key.name)),
        TableChange::DropForeignKey { key } => format!("drop foreign key {}", name(&key.name)),
        TableChange::ValidateConstraint { name } => format!("validate constraint {name}"),
        TableChange::AddUnique { constraint } => format!("add unique {}", name(&constraint.name)),
        TableChange::DropUnique { constraint } => format!("drop unique {}", name(&constraint.name)),
        TableChange::AddCheck { check } => format!("add check {}", name(&check.name)),
        TableChange::DropCheck { check } => format!("drop check {}", name(&check.name)),
        TableChange::AddExclusion { constraint } => format!("add exclusion {}", constraint.name),
        TableChange::DropExclusion { constraint } => format!("drop exclusion {}", constraint.name),
        TableChange::SetComment { .. } => "set comment".into(),
        TableChange::SetOptions { .. } => "set table options".into(),
        TableChange::AttachPartition { partition, .. } => format!("attach partition {partition}"),
        TableChange::DetachPartition { partition } => format!("detach partition {partition}"),
    }
}
