//! Views and materialized views, including the ones that must be dropped
//! and created again because something they read changes.

use super::Differ;
use super::objects::{each, grants};
use super::tables::create_index;
use std::collections::{BTreeMap, BTreeSet};
use strata_model::change::{Change, CommentTarget, GrantTarget};
use strata_model::{ObjectKind, ObjectRef, QualifiedName, Realm, Trigger, View};

pub(crate) fn views(cx: &mut Differ, from: &Realm, to: &Realm) {
    let recreate = recreated(cx, from, to);
    let mut keys: BTreeSet<QualifiedName> = BTreeSet::new();
    for (s, schema) in from.schemas.iter().chain(&to.schemas) {
        keys.extend(schema.views.keys().map(|v| QualifiedName::new(s, v)));
    }
    for qn in keys {
        match (from.view(&qn), to.view(&qn)) {
            (None, Some(v)) => create_view(cx, &qn.schema, v, None),
            (Some(v), None) => drop_view(cx, &qn.schema, v),
            (Some(a), Some(b)) => {
                if recreate.contains(&qn) {
                    drop_view(cx, &qn.schema, a);
                    create_view(cx, &qn.schema, b, None);
                } else {
                    alter_view(cx, &qn.schema, a, b);
                }
            }
            (None, None) => {}
        }
    }
}

/// The view itself changed (comments, indexes, triggers and grants aside).
fn definition_changed(a: &View, b: &View) -> bool {
    let bare = |v: &View| {
        let mut v = v.clone();
        v.comment = None;
        v.indexes.clear();
        v.triggers.clear();
        v.grants.clear();
        v.owner = None;
        v.depends_on.clear();
        for c in &mut v.columns {
            c.comment = None;
        }
        v
    };
    bare(a) != bare(b)
}

/// Views to drop and create again: those whose definition changed, and every
/// view that reads (directly or through other views) something disturbed.
fn recreated(cx: &Differ, from: &Realm, to: &Realm) -> BTreeSet<QualifiedName> {
    let mut readers: BTreeMap<&ObjectRef, Vec<QualifiedName>> = BTreeMap::new();
    for (s, schema) in &from.schemas {
        for v in schema.views.values() {
            for dep in &v.depends_on {
                readers
                    .entry(dep)
                    .or_default()
                    .push(QualifiedName::new(s, &v.name));
            }
        }
    }
    let mut queue: Vec<ObjectRef> = cx.disturbed.iter().cloned().collect();
    for (s, schema) in &from.schemas {
        for v in schema.views.values() {
            let qn = QualifiedName::new(s, &v.name);
            let changed = to.view(&qn).is_none_or(|b| definition_changed(v, b));
            if changed {
                queue.push(ObjectRef::new(ObjectKind::View, s, &v.name));
            }
        }
    }
    let mut out = BTreeSet::new();
    let mut seen = BTreeSet::new();
    while let Some(r) = queue.pop() {
        if !seen.insert(r.clone()) {
            continue;
        }
        if r.kind == ObjectKind::View {
            out.insert(r.qualified());
        }
        for reader in readers.get(&r).into_iter().flatten() {
            queue.push(ObjectRef::new(
                ObjectKind::View,
                &reader.schema,
                &reader.name,
            ));
        }
    }
    out
}

fn view_target(schema: &str, v: &View) -> CommentTarget {
    CommentTarget::View {
        name: QualifiedName::new(schema, &v.name),
        materialized: v.materialized,
    }
}

/// `CREATE VIEW` and what goes with it. `old` is the view it replaces in
/// place, if any, for comments and grants.
fn create_view(cx: &mut Differ, schema: &str, v: &View, old: Option<&View>) {
    let mut base = v.clone();
    base.indexes.clear();
    base.triggers.clear();
    base.grants.clear();
    base.comment = None;
    for c in &mut base.columns {
        c.comment = None;
    }
    cx.push(Change::CreateView {
        schema: schema.into(),
        view: base,
    });
    for idx in v.indexes.values() {
        create_index(cx, schema, &v.name, idx);
    }
    for t in v.triggers.values() {
        cx.push(Change::CreateTrigger {
            schema: schema.into(),
            table: v.name.clone(),
            trigger: t.clone(),
        });
        trigger_comment(cx, schema, &v.name, t, &None);
    }
    comments(cx, schema, old, v);
    grants(
        cx,
        GrantTarget::View {
            name: QualifiedName::new(schema, &v.name),
        },
        &[],
        &v.grants,
    );
}

fn comments(cx: &mut Differ, schema: &str, old: Option<&View>, v: &View) {
    cx.comment(
        view_target(schema, v),
        &old.and_then(|o| o.comment.clone()),
        &v.comment,
    );
    for c in &v.columns {
        let before = old
            .and_then(|o| o.columns.iter().find(|x| x.name == c.name))
            .and_then(|x| x.comment.clone());
        cx.comment(
            CommentTarget::ViewColumn {
                view: QualifiedName::new(schema, &v.name),
                column: c.name.clone(),
                materialized: v.materialized,
            },
            &before,
            &c.comment,
        );
    }
}

/// An INSTEAD OF trigger's comment is a change of its own, as on tables.
fn trigger_comment(cx: &mut Differ, schema: &str, view: &str, t: &Trigger, old: &Option<String>) {
    cx.comment(
        CommentTarget::Trigger {
            table: QualifiedName::new(schema, view),
            name: t.name.clone(),
        },
        old,
        &t.comment,
    );
}

fn drop_view(cx: &mut Differ, schema: &str, v: &View) {
    cx.push(Change::DropView {
        schema: schema.into(),
        view: v.clone(),
    });
}

fn alter_view(cx: &mut Differ, schema: &str, a: &View, b: &View) {
    each(Some(&a.indexes), &b.indexes, |_, x, y| match (x, y) {
        (None, Some(i)) => create_index(cx, schema, &b.name, i),
        (Some(i), None) => cx.push(Change::DropIndex {
            schema: schema.into(),
            table: a.name.clone(),
            index: i.clone(),
        }),
        (Some(x), Some(y)) if x != y => {
            cx.push(Change::DropIndex {
                schema: schema.into(),
                table: a.name.clone(),
                index: x.clone(),
            });
            create_index(cx, schema, &b.name, y);
        }
        _ => {}
    });
    let bare = |t: &Trigger| Trigger {
        comment: None,
        ..t.clone()
    };
    each(Some(&a.triggers), &b.triggers, |_, x, y| match (x, y) {
        (None, Some(t)) => {
            cx.push(Change::CreateTrigger {
                schema: schema.into(),
                table: b.name.clone(),
                trigger: t.clone(),
            });
            trigger_comment(cx, schema, &b.name, t, &None);
        }
        (Some(t), None) => cx.push(Change::DropTrigger {
            schema: schema.into(),
            table: a.name.clone(),
            trigger: t.clone(),
        }),
        (Some(x), Some(y)) if bare(x) != bare(y) => {
            cx.push(Change::DropTrigger {
                schema: schema.into(),
                table: a.name.clone(),
                trigger: x.clone(),
            });
            cx.push(Change::CreateTrigger {
                schema: schema.into(),
                table: b.name.clone(),
                trigger: y.clone(),
            });
            trigger_comment(cx, schema, &b.name, y, &None);
        }
        (Some(x), Some(y)) => trigger_comment(cx, schema, &b.name, y, &x.comment),
        _ => {}
    });
    comments(cx, schema, Some(a), b);
    grants(
        cx,
        GrantTarget::View {
            name: QualifiedName::new(schema, &b.name),
        },
        &a.grants,
        &b.grants,
    );
}
