//! Schemas, extensions, types, collations, sequences, routines and events.

use super::Differ;
use std::collections::BTreeMap;
use strata_model::change::{
    Change, CommentTarget, GrantTarget, TableChange, TypeChange, TypedColumn,
};
use strata_model::{
    Grant, ObjectKind, ObjectRef, QualifiedName, Realm, Schema, UserType, UserTypeKind,
};

/// Walks two maps by key: `f(key, old, new)` for every key in either.
pub(crate) fn each<'a, V>(
    from: Option<&'a BTreeMap<String, V>>,
    to: &'a BTreeMap<String, V>,
    mut f: impl FnMut(&'a str, Option<&'a V>, Option<&'a V>),
) {
    let mut keys: Vec<&String> = to.keys().collect();
    if let Some(from) = from {
        keys.extend(from.keys().filter(|k| !to.contains_key(*k)));
    }
    keys.sort();
    for k in keys {
        f(k, from.and_then(|m| m.get(k)), to.get(k));
    }
}

pub(crate) fn extensions(cx: &mut Differ, from: &Realm, to: &Realm) {
    each(
        Some(&from.extensions),
        &to.extensions,
        |_, old, new| match (old, new) {
            (None, Some(e)) => cx.push(Change::CreateExtension {
                extension: e.clone(),
            }),
            (Some(e), None) => cx.push(Change::DropExtension {
                extension: e.clone(),
            }),
            (Some(a), Some(b)) => {
                if a.version != b.version || a.schema != b.schema {
                    cx.push(Change::AlterExtension {
                        from: a.clone(),
                        to: b.clone(),
                    });
                }
                cx.comment(
                    CommentTarget::Extension {
                        name: b.name.clone(),
                    },
                    &a.comment,
                    &b.comment,
                );
            }
            (None, None) => {}
        },
    );
}

pub(crate) fn schemas(cx: &mut Differ, from: &Realm, to: &Realm) {
    let creates = cx.dialect.creates_schemas();
    let builtin = cx.dialect.builtin_schemas();
    each(Some(&from.schemas), &to.schemas, |name, old, new| {
        match (old, new) {
            (None, Some(s)) => {
                if creates && !builtin.contains(&name) {
                    cx.push(Change::CreateSchema {
                        schema: name.to_string(),
                    });
                }
                cx.comment(
                    CommentTarget::Schema { name: name.into() },
                    &None,
                    &s.comment,
                );
                grants(
                    cx,
                    GrantTarget::Schema { name: name.into() },
                    &[],
                    &s.grants,
                );
            }
            (Some(_), None) => {
                if creates && !builtin.contains(&name) {
                    cx.push(Change::DropSchema {
                        schema: name.to_string(),
                    });
                }
            }
            (Some(a), Some(b)) => {
                cx.comment(
                    CommentTarget::Schema { name: name.into() },
                    &a.comment,
                    &b.comment,
                );
                grants(
                    cx,
                    GrantTarget::Schema { name: name.into() },
                    &a.grants,
                    &b.grants,
                );
            }
            (None, None) => {}
        }
    });
}

/// Grant and revoke the difference between two grant lists (only when
/// privileges are compared).
pub(crate) fn grants(cx: &mut Differ, target: GrantTarget, from: &[Grant], to: &[Grant]) {
    if !cx.options.privileges {
        return;
    }
    for g in from {
        if !to.contains(g) {
            cx.push(Change::Revoke {
                target: target.clone(),
                grant: g.clone(),
            });
        }
    }
    for g in to {
        if !from.contains(g) {
            cx.push(Change::Grant {
                target: target.clone(),
                grant: g.clone(),
            });
        }
    }
}

pub(crate) fn types(cx: &mut Differ, schema: &str, old: Option<&Schema>, new: &Schema) {
    each(old.map(|s| &s.types), &new.types, |_, a, b| match (a, b) {
        (None, Some(t)) => create_type(cx, schema, t),
        (Some(t), None) => cx.push(Change::DropType {
            schema: schema.into(),
            ty: t.clone(),
        }),
        (Some(a), Some(b)) => alter_type(cx, schema, a, b),
        (None, None) => {}
    });
}

fn create_type(cx: &mut Differ, schema: &str, t: &UserType) {
    cx.push(Change::CreateType {
        schema: schema.into(),
        ty: t.clone(),
    });
    grants(cx, type_target(schema, &t.name), &[], &t.grants);
}

fn type_target(schema: &str, name: &str) -> GrantTarget {
    GrantTarget::Type {
        name: QualifiedName::new(schema, name),
    }
}

fn alter_type(cx: &mut Differ, schema: &str, a: &UserType, b: &UserType) {
    let name = QualifiedName::new(schema, &b.name);
    let alter = |change| Change::AlterType {
        schema: schema.into(),
        name: b.name.clone(),
        change,
    };
    match (&a.kind, &b.kind) {
        _ if recreated(a, b) => recreate_type(cx, schema, a, b),
        (UserTypeKind::Enum { values: va }, UserTypeKind::Enum { values: vb }) => {
            // New labels go in place, next to a neighbour that exists.
            for (i, v) in vb.iter().enumerate() {
                if va.contains(v) {
                    continue;
                }
                let (before, after) = match i.checked_sub(1).map(|p| &vb[p]) {
                    Some(prev) => (None, Some(prev.clone())),
                    None => (vb.get(1).cloned(), None),
                };
                cx.push(alter(TypeChange::AddEnumValue {
                    value: v.clone(),
                    before,
                    after,
                }));
            }
        }
        (
            UserTypeKind::Domain {
                base_type: ba,
                nullable: na,
                default: da,
                collation: ca,
                checks: ka,
            },
            UserTypeKind::Domain {
                base_type: bb,
                nullable: nb,
                default: db,
                collation: cb,
                checks: kb,
            },
        ) if ba == bb && ca == cb => {
            if da != db {
                cx.push(alter(TypeChange::SetDomainDefault {
                    default: db.clone(),
                }));
            }
            if na != nb {
                cx.push(alter(TypeChange::SetDomainNullable { nullable: *nb }));
            }
            for c in ka.iter().filter(|c| !kb.contains(c)) {
                cx.push(alter(TypeChange::DropDomainCheck { check: c.clone() }));
            }
            for c in kb.iter().filter(|c| !ka.contains(c)) {
                cx.push(alter(TypeChange::AddDomainCheck { check: c.clone() }));
            }
        }
        _ => {}
    }
    cx.comment(
        CommentTarget::Type { name: name.clone() },
        &a.comment,
        &b.comment,
    );
    grants(cx, type_target(schema, &b.name), &a.grants, &b.grants);
}

/// A type that cannot be changed in place: an enum that loses or reorders
/// values, a domain with another base type or collation, or any other
/// difference (see [`alter_type`]).
fn recreated(a: &UserType, b: &UserType) -> bool {
    match (&a.kind, &b.kind) {
        (UserTypeKind::Enum { values: va }, UserTypeKind::Enum { values: vb }) => {
            va != vb && !is_subsequence(va, vb)
        }
        (
            UserTypeKind::Domain {
                base_type: ba,
                collation: ca,
                ..
            },
            UserTypeKind::Domain {
                base_type: bb,
                collation: cb,
                ..
            },
        ) if ba == bb && ca == cb => false,
        (ka, kb) => ka != kb,
    }
}

/// A type that cannot be altered in place. Unused, it is dropped and
/// created again; used by columns of tables the target keeps, it was
/// rebuilt around them by [`rebuild_types`] (PostgreSQL refuses to drop a
/// type a column uses).
fn recreate_type(cx: &mut Differ, schema: &str, a: &UserType, b: &UserType) {
    if cx
        .rebuilt_types
        .contains(&ObjectRef::new(ObjectKind::Type, schema, &a.name))
    {
        return;
    }
    cx.push(Change::DropType {
        schema: schema.into(),
        ty: a.clone(),
    });
    cx.push(Change::CreateType {
        schema: schema.into(),
        ty: b.clone(),
    });
}

/// Every type that is recreated while columns of tables the target keeps
/// use it: a [`Change::RebuildType`], emitted before any table change (the
/// planner keeps one table's alterations in emission order, and the
/// tables' own alterations must follow the conversion, whichever schema the
/// type is in). Whatever reads those columns or the type is created again
/// around the rebuild; what the rebuild does to the tables is recorded in
/// [`Differ::rebuilt`] so that their own changes do not do it again.
pub(crate) fn rebuild_types(cx: &mut Differ, from: &Realm, to: &Realm) {
    for (schema, sc) in &from.schemas {
        for a in sc.types.values() {
            let Some(b) = to.schemas.get(schema).and_then(|s| s.types.get(&a.name)) else {
                continue;
            };
            if recreated(a, b) {
                rebuild_type(cx, schema, a, b, from, to);
            }
        }
    }
}

fn rebuild_type(
    cx: &mut Differ,
    schema: &str,
    a: &UserType,
    b: &UserType,
    from: &Realm,
    to: &Realm,
) {
    let mut columns = Vec::new();
    let mut before = Vec::new();
    for (table, uses) in typed_columns(schema, &a.name, from, to) {
        let (Some(old), Some(new)) = (from.table(&table), to.table(&table)) else {
            continue;
        };
        let record = cx.rebuilt.entry(table.clone()).or_default();
        let mut read = Vec::new();
        let mut drops = Vec::new();
        for c in uses {
            read.push(c.name.clone());
            match new.column(&c.name) {
                Some(n) => {
                    let default = names_type(&n.data_type, schema, &b.name)
                        .then(|| n.default.clone())
                        .flatten();
                    record.defaults.insert(c.name.clone(), default.clone());
                    columns.push(TypedColumn {
                        table: table.clone(),
                        column: c,
                        default,
                    });
                }
                None => {
                    record.columns.insert(c.name.clone());
                    drops.push(c);
                }
            }
        }
        for idx in old.indexes.values() {
            let exprs = idx.parts.iter().filter_map(|p| match &p.key {
                strata_model::IndexKey::Expression(e) => Some(e),
                strata_model::IndexKey::Column(_) => None,
            });
            if exprs.chain(&idx.predicate).any(|e| mentions(e, &read)) {
                record.indexes.insert(idx.name.clone());
                before.push(Change::DropIndex {
                    schema: table.schema.clone(),
                    table: table.name.clone(),
                    index: idx.clone(),
                });
            }
        }
        let mut changes = Vec::new();
        for k in old.checks.iter().filter(|k| mentions(&k.expression, &read)) {
            record
                .checks
                .insert(k.name.clone().unwrap_or_else(|| k.expression.clone()));
            changes.push(TableChange::DropCheck { check: k.clone() });
        }
        if !drops.is_empty() {
            let only = super::tables::has_inheritance_children(from, &table);
            changes.extend(
                drops
                    .into_iter()
                    .map(|column| TableChange::DropColumn { column, only }),
            );
        }
        if !changes.is_empty() {
            before.push(Change::AlterTable {
                schema: table.schema.clone(),
                table: table.name.clone(),
                changes,
            });
        }
        cx.disturbed.insert(ObjectRef::new(
            ObjectKind::Table,
            &table.schema,
            &table.name,
        ));
    }
    if columns.is_empty() && before.is_empty() {
        return;
    }
    cx.disturbed
        .insert(ObjectRef::new(ObjectKind::Type, schema, &a.name));
    cx.rebuilt_types
        .insert(ObjectRef::new(ObjectKind::Type, schema, &a.name));
    cx.push(Change::RebuildType {
        schema: schema.into(),
        from: a.clone(),
        to: b.clone(),
        columns,
        before,
    });
}

/// The columns of `from` whose type is `schema.name` (or an array of it),
/// by table, in tables `to` still has (and does not create again). A
/// partition's columns and the columns an inheritance child has from its
/// parent change with the parent's.
fn typed_columns(
    schema: &str,
    name: &str,
    from: &Realm,
    to: &Realm,
) -> Vec<(QualifiedName, Vec<strata_model::Column>)> {
    let mut out = Vec::new();
    for (s, sc) in &from.schemas {
        for t in sc.tables.values() {
            let qn = QualifiedName::new(s, &t.name);
            match to.table(&qn) {
                Some(n) if !super::tables::recreated(t, n) => {}
                _ => continue,
            }
            let pg = t.postgres.clone().unwrap_or_default();
            if pg.partition_of.is_some() {
                continue;
            }
            let mut uses = Vec::new();
            for c in &t.columns {
                let inherited = pg
                    .inherits
                    .iter()
                    .filter_map(|p| from.table(p))
                    .any(|p| p.column(&c.name).is_some());
                if !inherited && names_type(&c.data_type, schema, name) {
                    uses.push(c.clone());
                }
            }
            if !uses.is_empty() {
                out.push((qn, uses));
            }
        }
    }
    out
}

/// An expression as the server prints it names one of `columns` (an
/// identifier outside string literals, unquoted or double-quoted).
fn mentions(expression: &str, columns: &[String]) -> bool {
    let mut chars = expression.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\'' => {
                while let Some(c) = chars.next() {
                    if c == '\'' {
                        if chars.peek() == Some(&'\'') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
            }
            '"' => {
                let mut id = String::new();
                while let Some(c) = chars.next() {
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    id.push(c);
                }
                if columns.contains(&id) {
                    return true;
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut id = String::from(c);
                while let Some(&c) = chars.peek() {
                    if c.is_alphanumeric() || c == '_' || c == '$' {
                        id.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if columns.contains(&id) {
                    return true;
                }
            }
            c if c.is_ascii_digit() => {
                while chars
                    .peek()
                    .is_some_and(|c| c.is_alphanumeric() || *c == '.')
                {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    false
}

/// A column type as the server spells it (`public.mood`, `mood[]`,
/// `"My Schema"."Mood"`) names the type `schema.name`.
fn names_type(data_type: &str, schema: &str, name: &str) -> bool {
    let mut t = data_type.trim();
    while let Some(inner) = t.strip_suffix("[]") {
        t = inner.trim_end();
    }
    let parts = identifier_parts(t);
    match parts.as_slice() {
        [n] => n == name,
        [s, n] => s == schema && n == name,
        _ => false,
    }
}

/// `a."b.c"` -> [a, b.c]: dot-separated identifiers, double quotes removed.
fn identifier_parts(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push('"');
                }
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(String::new()),
            _ => {
                if let Some(p) = parts.last_mut() {
                    p.push(ch);
                }
            }
        }
    }
    parts
}

/// `a` appears in `b` in the same order (only additions).
fn is_subsequence(a: &[String], b: &[String]) -> bool {
    let mut it = b.iter();
    a.iter().all(|x| it.any(|y| y == x))
}

pub(crate) fn sequences(cx: &mut Differ, schema: &str, old: Option<&Schema>, new: &Schema) {
    each(old.map(|s| &s.sequences), &new.sequences, |_, a, b| {
        let target = |name: &str| CommentTarget::Sequence {
            name: QualifiedName::new(schema, name),
        };
        let grant_target = |name: &str| GrantTarget::Sequence {
            name: QualifiedName::new(schema, name),
        };
        match (a, b) {
            (None, Some(s)) => {
                let mut bare = s.clone();
                bare.owned_by = None;
                bare.comment = None;
                cx.push(Change::CreateSequence {
                    schema: schema.into(),
                    sequence: bare.clone(),
                });
                if s.owned_by.is_some() {
                    cx.push(Change::AlterSequence {
                        schema: schema.into(),
                        from: bare,
                        to: s.clone(),
                    });
                }
                cx.comment(target(&s.name), &None, &s.comment);
                grants(cx, grant_target(&s.name), &[], &s.grants);
            }
            (Some(s), None) => {
                // Dropping the owning table or column drops an owned
                // sequence with it (PostgreSQL's OWNED BY).
                let dies_with_owner = s.owned_by.as_ref().is_some_and(|o| {
                    new.tables
                        .get(&o.table)
                        .is_none_or(|t| t.column(&o.column).is_none())
                });
                if !dies_with_owner {
                    cx.push(Change::DropSequence {
                        schema: schema.into(),
                        sequence: s.clone(),
                    });
                }
            }
            (Some(a), Some(b)) => {
                if a.options != b.options || a.owned_by != b.owned_by {
                    cx.push(Change::AlterSequence {
                        schema: schema.into(),
                        from: a.clone(),
                        to: b.clone(),
                    });
                }
                cx.comment(target(&b.name), &a.comment, &b.comment);
                grants(cx, grant_target(&b.name), &a.grants, &b.grants);
            }
            (None, None) => {}
        }
    });
}

pub(crate) fn routines(cx: &mut Differ, schema: &str, old: Option<&Schema>, new: &Schema) {
    each(old.map(|s| &s.routines), &new.routines, |key, a, b| {
        let target = |r: &strata_model::Routine| CommentTarget::Routine {
            schema: schema.into(),
            signature: key.into(),
            kind: r.kind,
        };
        let grant_target = |r: &strata_model::Routine| GrantTarget::Routine {
            schema: schema.into(),
            signature: key.into(),
            kind: r.kind,
        };
        match (a, b) {
            (None, Some(r)) => create_routine(cx, schema, key, r),
            (Some(r), None) => cx.push(Change::DropRoutine {
                schema: schema.into(),
                routine: r.clone(),
            }),
            (Some(a), Some(b)) => {
                if a.definition != b.definition || a.kind != b.kind {
                    if a.returns == b.returns && a.kind == b.kind {
                        cx.push(Change::ReplaceRoutine {
                            schema: schema.into(),
                            from: a.clone(),
                            to: b.clone(),
                        });
                    } else {
                        cx.disturbed.insert(strata_model::ObjectRef::new(
                            strata_model::ObjectKind::Routine,
                            schema,
                            key,
                        ));
                        cx.push(Change::DropRoutine {
                            schema: schema.into(),
                            routine: a.clone(),
                        });
                        cx.push(Change::CreateRoutine {
                            schema: schema.into(),
                            routine: b.clone(),
                        });
                    }
                }
                cx.comment(target(b), &a.comment, &b.comment);
                grants(cx, grant_target(b), &a.grants, &b.grants);
            }
            (None, None) => {}
        }
    });
}

/// `CREATE` of a routine with its comment and grants.
fn create_routine(cx: &mut Differ, schema: &str, key: &str, r: &strata_model::Routine) {
    cx.push(Change::CreateRoutine {
        schema: schema.into(),
        routine: r.clone(),
    });
    cx.comment(
        CommentTarget::Routine {
            schema: schema.into(),
            signature: key.into(),
            kind: r.kind,
        },
        &None,
        &r.comment,
    );
    grants(
        cx,
        GrantTarget::Routine {
            schema: schema.into(),
            signature: key.into(),
            kind: r.kind,
        },
        &[],
        &r.grants,
    );
}

/// Routines that must be dropped and created again, unchanged, because
/// something they depend on is: a type rebuilt around its columns (a
/// parameter or result of that type keeps the old type alive), a table
/// whose columns are retyped or dropped under a SQL-standard body
/// (`BEGIN ATOMIC` records the columns it reads), or another routine
/// recreated. Runs after the tables, which fill `disturbed`, and before the
/// views, which then recreate whatever reads these routines. The planner
/// drops each before what it depends on changes and creates it after.
pub(crate) fn disturbed_routines(cx: &mut Differ, from: &Realm, to: &Realm) {
    loop {
        let mut found = Vec::new();
        for (schema, s) in &from.schemas {
            for (key, a) in &s.routines {
                let me = ObjectRef::new(ObjectKind::Routine, schema, key);
                if cx.disturbed.contains(&me)
                    || !a.depends_on.iter().any(|d| cx.disturbed.contains(d))
                {
                    continue;
                }
                let Some(b) = to.schemas.get(schema).and_then(|t| t.routines.get(key)) else {
                    continue;
                };
                found.push((me, schema.clone(), key.clone(), a.clone(), b.clone()));
            }
        }
        if found.is_empty() {
            return;
        }
        for (me, schema, key, a, b) in found {
            cx.disturbed.insert(me);
            cx.push(Change::DropRoutine {
                schema: schema.clone(),
                routine: a,
            });
            create_routine(cx, &schema, &key, &b);
        }
    }
}

pub(crate) fn events(cx: &mut Differ, schema: &str, old: Option<&Schema>, new: &Schema) {
    each(old.map(|s| &s.events), &new.events, |_, a, b| {
        match (a, b) {
            (None, Some(e)) => cx.push(Change::CreateEvent {
                schema: schema.into(),
                event: e.clone(),
            }),
            (Some(e), None) => cx.push(Change::DropEvent {
                schema: schema.into(),
                event: e.clone(),
            }),
            (Some(a), Some(b)) if a != b => {
                cx.push(Change::DropEvent {
                    schema: schema.into(),
                    event: a.clone(),
                });
                cx.push(Change::CreateEvent {
                    schema: schema.into(),
                    event: b.clone(),
                });
            }
            _ => {}
        }
    });
}

/// Collations cannot be altered: a changed one is dropped and created
/// again (its comment alone is a comment change).
pub(crate) fn collations(cx: &mut Differ, schema: &str, old: Option<&Schema>, new: &Schema) {
    let target = |name: &str| CommentTarget::Collation {
        name: strata_model::QualifiedName::new(schema, name),
    };
    let create = |cx: &mut Differ, c: &strata_model::Collation| {
        cx.push(Change::CreateCollation {
            schema: schema.into(),
            collation: c.clone(),
        });
        cx.comment(target(&c.name), &None, &c.comment);
    };
    let drop = |cx: &mut Differ, c: &strata_model::Collation| {
        cx.push(Change::DropCollation {
            schema: schema.into(),
            collation: c.clone(),
        });
    };
    each(
        old.map(|s| &s.collations),
        &new.collations,
        |_, a, b| match (a, b) {
            (None, Some(c)) => create(cx, c),
            (Some(c), None) => drop(cx, c),
            (Some(a), Some(b)) => {
                let bare = |c: &strata_model::Collation| strata_model::Collation {
                    comment: None,
                    ..c.clone()
                };
                if bare(a) != bare(b) {
                    drop(cx, a);
                    create(cx, b);
                } else {
                    cx.comment(target(&b.name), &a.comment, &b.comment);
                }
            }
            (None, None) => {}
        },
    );
}
