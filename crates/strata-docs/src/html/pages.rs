//! One page per schema and per object.

use super::{Ctx, render, table_href};
use crate::erd::svg;
use crate::erd::{Columns, Selection};
use crate::graph::{self, index_columns};
use crate::{DocsError, Site};
use serde::Serialize;
use strata_model::{
    IndexKey, ObjectKind, ObjectRef, Routine, Schema, Sequence, Table, UserType, UserTypeKind, View,
};

/// A link to an object page, with its comment.
#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub href: String,
    pub comment: Option<String>,
}

pub(crate) fn objects(ctx: &Ctx, site: &mut Site) -> Result<(), DocsError> {
    for schema in ctx.realm.schemas.values() {
        if let Some(path) = ctx.links.schema(&schema.name) {
            site.add(path.clone(), schema_page(ctx, schema, &path)?);
        }
        for t in schema.tables.values() {
            if let Some(path) = ctx.links.table(&schema.name, &t.name) {
                site.add(path.clone(), table_page(ctx, schema, t, &path)?);
            }
        }
        for v in schema.views.values() {
            if let Some(path) = ctx.links.view(&schema.name, &v.name) {
                site.add(path.clone(), view_page(ctx, schema, v, &path)?);
            }
        }
        for (key, r) in &schema.routines {
            if let Some(path) = ctx.links.routine(&schema.name, key) {
                site.add(path.clone(), routine_page(ctx, schema, r, &path)?);
            }
        }
        for t in schema.types.values() {
            if let Some(path) = ctx.links.user_type(&schema.name, &t.name) {
                site.add(path.clone(), type_page(ctx, schema, t, &path)?);
            }
        }
        for q in schema.sequences.values() {
            if let Some(path) = ctx.links.sequence(&schema.name, &q.name) {
                site.add(path.clone(), sequence_page(ctx, schema, q, &path)?);
            }
        }
    }
    Ok(())
}

fn schema_page(ctx: &Ctx, schema: &Schema, path: &str) -> Result<String, DocsError> {
    let s = &schema.name;
    let link = |name: &str, href: Option<String>, comment: &Option<String>| Link {
        name: name.to_string(),
        href: href.unwrap_or_default(),
        comment: comment.clone(),
    };
    let tables: Vec<Link> = schema
        .tables
        .values()
        .map(|t| link(&t.name, ctx.links.table(s, &t.name), &t.comment))
        .collect();
    let views: Vec<Link> = schema
        .views
        .values()
        .map(|v| link(&v.name, ctx.links.view(s, &v.name), &v.comment))
        .collect();
    let routines: Vec<Link> = schema
        .routines
        .iter()
        .map(|(k, r)| link(k, ctx.links.routine(s, k), &r.comment))
        .collect();
    let types: Vec<Link> = schema
        .types
        .values()
        .map(|t| link(&t.name, ctx.links.user_type(s, &t.name), &t.comment))
        .collect();
    let sequences: Vec<Link> = schema
        .sequences
        .values()
        .map(|q| link(&q.name, ctx.links.sequence(s, &q.name), &q.comment))
        .collect();
    // A diagram of the schema when it is small enough to read.
    let nodes: std::collections::BTreeSet<usize> = (0..ctx.graph.nodes.len())
        .filter(|&n| ctx.graph.nodes[n].schema == s)
        .collect();
    let root = super::root_of(path);
    let diagram =
        (nodes.len() <= crate::erd::groups::OVERVIEW_LIMIT && !nodes.is_empty()).then(|| {
            let selection = Selection::of(&ctx.graph, nodes, None);
            svg::tables(&ctx.graph, &selection, Columns::Keys, "schema", &|n| {
                table_href(ctx, n, &root)
            })
        });
    render(
        ctx,
        "schema.html",
        path,
        &format!("schema {s}"),
        minijinja::context! {
            name => s,
            comment => &schema.comment,
            note => ctx.notes.schema(s),
            tables => tables,
            views => views,
            routines => routines,
            types => types,
            sequences => sequences,
            diagram => diagram,
        },
    )
}

#[derive(Serialize)]
struct ColumnRow {
    name: String,
    data_type: String,
    type_href: Option<String>,
    nullable: bool,
    default: Option<String>,
    keys: Vec<&'static str>,
    extra: Vec<String>,
    comment: Option<String>,
    note: Option<String>,
    references: Vec<Link>,
}

#[derive(Serialize)]
struct Relationship {
    name: Option<String>,
    columns: String,
    table: String,
    href: Option<String>,
    other_columns: String,
    actions: String,
}

#[derive(Serialize)]
struct IndexRow {
    name: String,
    unique: bool,
    keys: String,
    method: Option<String>,
    predicate: Option<String>,
    include: String,
    comment: Option<String>,
}

#[derive(Serialize)]
struct ConstraintRow {
    kind: &'static str,
    name: Option<String>,
    definition: String,
    comment: Option<String>,
}

#[derive(Serialize)]
struct TriggerRow {
    name: String,
    when: String,
    definition: String,
    comment: Option<String>,
}

fn table_page(ctx: &Ctx, schema: &Schema, table: &Table, path: &str) -> Result<String, DocsError> {
    let s = &schema.name;
    let root = super::root_of(path);
    let node = ctx.graph.node_of(s, &table.name);
    let columns: Vec<ColumnRow> = table
        .columns
        .iter()
        .map(|c| {
            let mut keys = Vec::new();
            if graph::is_pk(table, &c.name) {
                keys.push("PK");
            }
            if graph::is_fk(table, &c.name) {
                keys.push("FK");
            }
            if !graph::is_pk(table, &c.name) && graph::is_unique_column(table, &c.name) {
                keys.push("UK");
            }
            let mut extra = Vec::new();
            if let Some(id) = &c.identity {
                extra.push(match id.kind {
                    strata_model::IdentityKind::Always => "identity (always)".to_string(),
                    strata_model::IdentityKind::ByDefault => "identity (by default)".to_string(),
                    strata_model::IdentityKind::AutoIncrement => "auto increment".to_string(),
                });
            }
            if let Some(g) = &c.generated {
                extra.push(format!(
                    "generated {} as {}",
                    if g.stored { "stored" } else { "virtual" },
                    g.expression
                ));
            }
            if let Some(coll) = &c.collation {
                extra.push(format!("collation {coll}"));
            }
            if let Some(on_update) = c.mysql.as_ref().and_then(|m| m.on_update.as_ref()) {
                extra.push(format!("on update {on_update}"));
            }
            let references = table
                .foreign_keys
                .iter()
                .filter(|fk| fk.columns.iter().any(|x| x == &c.name))
                .map(|fk| Link {
                    name: fk.references.to_string(),
                    href: ctx
                        .links
                        .table(&fk.references.schema, &fk.references.name)
                        .map(|h| format!("{root}{h}"))
                        .unwrap_or_default(),
                    comment: None,
                })
                .collect();
            ColumnRow {
                name: c.name.clone(),
                data_type: c.data_type.clone(),
                type_href: type_page_of(ctx, s, &c.data_type).map(|h| format!("{root}{h}")),
                nullable: c.nullable,
                default: c.default.clone(),
                keys,
                extra,
                comment: c.comment.clone(),
                note: ctx
                    .notes
                    .column(s, &table.name, &c.name)
                    .map(str::to_string),
                references,
            }
        })
        .collect();
    let rel = |fk: &strata_model::ForeignKey,
               other: &strata_model::QualifiedName,
               mine: &[String],
               theirs: &[String]| {
        let mut actions = Vec::new();
        if !fk.on_delete.is_default() {
            actions.push(format!(
                "on delete {}",
                fk.on_delete.as_sql().to_lowercase()
            ));
        }
        if !fk.on_update.is_default() {
            actions.push(format!(
                "on update {}",
                fk.on_update.as_sql().to_lowercase()
            ));
        }
        if fk.deferrable {
            actions.push("deferrable".to_string());
        }
        if fk.not_valid {
            actions.push("not valid".to_string());
        }
        Relationship {
            name: fk.name.clone(),
            columns: mine.join(", "),
            table: other.to_string(),
            href: ctx
                .links
                .table(&other.schema, &other.name)
                .map(|h| format!("{root}{h}")),
            other_columns: theirs.join(", "),
            actions: actions.join(", "),
        }
    };
    let outgoing: Vec<Relationship> = table
        .foreign_keys
        .iter()
        .map(|fk| rel(fk, &fk.references, &fk.columns, &fk.referenced_columns))
        .collect();
    let incoming: Vec<Relationship> = node
        .map(|n| {
            ctx.graph.incoming[n]
                .iter()
                .map(|&e| {
                    let edge = &ctx.graph.edges[e];
                    let child = ctx.graph.nodes[edge.child];
                    let name = strata_model::QualifiedName::new(child.schema, &child.table.name);
                    rel(
                        edge.fk,
                        &name,
                        &edge.fk.referenced_columns,
                        &edge.fk.columns,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut constraints = Vec::new();
    if let Some(pk) = &table.primary_key {
        constraints.push(ConstraintRow {
            kind: "primary key",
            name: pk.name.clone(),
            definition: pk.columns.join(", "),
            comment: pk.comment.clone(),
        });
    }
    for u in &table.uniques {
        let mut def = u.columns.join(", ");
        if u.nulls_not_distinct {
            def.push_str(" (nulls not distinct)");
        }
        if !u.include.is_empty() {
            def.push_str(&format!(" include ({})", u.include.join(", ")));
        }
        constraints.push(ConstraintRow {
            kind: "unique",
            name: u.name.clone(),
            definition: def,
            comment: u.comment.clone(),
        });
    }
    for c in &table.checks {
        constraints.push(ConstraintRow {
            kind: "check",
            name: c.name.clone(),
            definition: c.expression.clone(),
            comment: c.comment.clone(),
        });
    }
    for x in &table.exclusions {
        constraints.push(ConstraintRow {
            kind: "exclusion",
            name: Some(x.name.clone()),
            definition: x.definition.clone(),
            comment: x.comment.clone(),
        });
    }
    let indexes: Vec<IndexRow> = table
        .indexes
        .values()
        .map(|i| IndexRow {
            name: i.name.clone(),
            unique: i.unique,
            keys: i
                .parts
                .iter()
                .map(|p| {
                    let mut k = match &p.key {
                        IndexKey::Column(c) => c.clone(),
                        IndexKey::Expression(e) => format!("({e})"),
                    };
                    if let Some(len) = p.prefix_length {
                        k.push_str(&format!("({len})"));
                    }
                    if p.descending {
                        k.push_str(" desc");
                    }
                    k
                })
                .collect::<Vec<_>>()
                .join(", "),
            method: i.method.clone(),
            predicate: i.predicate.clone(),
            include: i.include.join(", "),
            comment: i.comment.clone(),
        })
        .collect();
    let triggers: Vec<TriggerRow> = table.triggers.values().map(trigger_row).collect();
    let diagram = node.map(|n| {
        let selection = Selection::neighbourhood(&ctx.graph, n, super::NEIGHBOUR_LIMIT);
        let omitted = selection.omitted;
        let svg = svg::tables(&ctx.graph, &selection, Columns::Keys, "neighbours", &|m| {
            (m != n).then(|| table_href(ctx, m, &root)).flatten()
        });
        (svg, omitted)
    });
    let used_by = dependents(
        ctx,
        &ObjectRef::new(ObjectKind::Table, s, &table.name),
        &root,
    );
    let mut facts = Vec::new();
    if let Some(pg) = &table.postgres {
        if let Some(p) = &pg.partition_by {
            facts.push(format!("partitioned by {p}"));
        }
        if let Some(p) = &pg.partition_of {
            facts.push(format!("partition of {} {}", p.parent, p.bound));
        }
        for parent in &pg.inherits {
            facts.push(format!("inherits from {parent}"));
        }
        if pg.unlogged {
            facts.push("unlogged".to_string());
        }
        if pg.rls_enabled {
            facts.push("row-level security".to_string());
        }
    }
    if let Some(my) = &table.mysql {
        if let Some(e) = &my.engine {
            facts.push(format!("engine {e}"));
        }
        if let Some(c) = &my.collation {
            facts.push(format!("collation {c}"));
        }
    }
    if let Some(lite) = &table.sqlite {
        if lite.without_rowid {
            facts.push("without rowid".to_string());
        }
        if lite.strict {
            facts.push("strict".to_string());
        }
    }
    let parent_href = table
        .postgres
        .as_ref()
        .and_then(|pg| pg.partition_of.as_ref())
        .and_then(|p| ctx.links.table(&p.parent.schema, &p.parent.name))
        .map(|h| format!("{root}{h}"));
    let policies: Vec<String> = table
        .policies
        .values()
        .map(|p| {
            let mut text = format!("{} for {:?} to {}", p.name, p.command, p.roles.join(", "));
            if let Some(u) = &p.using {
                text.push_str(&format!(" using {u}"));
            }
            if let Some(w) = &p.with_check {
                text.push_str(&format!(" with check {w}"));
            }
            text.to_lowercase()
        })
        .collect();
    render(
        ctx,
        "table.html",
        path,
        &format!("{s}.{}", table.name),
        minijinja::context! {
            name => &table.name,
            schema => s,
            schema_href => ctx.links.schema(s).map(|h| format!("{root}{h}")),
            comment => &table.comment,
            note => ctx.notes.table(s, &table.name),
            facts => facts,
            parent_href => parent_href,
            columns => columns,
            constraints => constraints,
            indexes => indexes,
            outgoing => outgoing,
            incoming => incoming,
            triggers => triggers,
            policies => policies,
            used_by => used_by,
            diagram => diagram.as_ref().map(|d| &d.0),
            omitted => diagram.as_ref().map_or(0, |d| d.1),
        },
    )
}

fn trigger_row(t: &strata_model::Trigger) -> TriggerRow {
    TriggerRow {
        name: t.name.clone(),
        when: format!(
            "{} {}{}",
            t.timing.sql_words().to_lowercase(),
            t.events.join(" or ").to_lowercase(),
            if t.for_each_row { ", for each row" } else { "" }
        ),
        definition: t.definition.clone(),
        comment: t.comment.clone(),
    }
}

/// Views, routines and tables that depend on `target`.
fn dependents(ctx: &Ctx, target: &ObjectRef, root: &str) -> Vec<Link> {
    ctx.dependents
        .get(target)
        .map(|list| {
            list.iter()
                .map(|d| Link {
                    name: d.name.clone(),
                    href: d
                        .href
                        .as_ref()
                        .map(|h| format!("{root}{h}"))
                        .unwrap_or_default(),
                    comment: d.comment.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The page of a user type a column's type names (`mpaa_rating`,
/// `public.mpaa_rating`, `mpaa_rating[]`).
fn type_page_of(ctx: &Ctx, schema: &str, data_type: &str) -> Option<String> {
    let base = data_type.trim_end_matches("[]");
    let (s, name) = match base.split_once('.') {
        Some((s, n)) => (s.trim_matches('"'), n.trim_matches('"')),
        None => (schema, base.trim_matches('"')),
    };
    ctx.realm.schemas.get(s)?.types.get(name)?;
    ctx.links.user_type(s, name)
}

fn refs(ctx: &Ctx, depends_on: &[ObjectRef], root: &str) -> Vec<Link> {
    depends_on
        .iter()
        .map(|r| Link {
            name: r.to_string(),
            href: ctx
                .links
                .object(r)
                .map(|h| format!("{root}{h}"))
                .unwrap_or_default(),
            comment: None,
        })
        .collect()
}

fn view_page(ctx: &Ctx, schema: &Schema, view: &View, path: &str) -> Result<String, DocsError> {
    let s = &schema.name;
    let root = super::root_of(path);
    let columns: Vec<ColumnRow> = view
        .columns
        .iter()
        .map(|c| ColumnRow {
            name: c.name.clone(),
            data_type: c.data_type.clone(),
            type_href: type_page_of(ctx, s, &c.data_type).map(|h| format!("{root}{h}")),
            nullable: c.nullable,
            default: None,
            keys: Vec::new(),
            extra: Vec::new(),
            comment: c.comment.clone(),
            note: None,
            references: Vec::new(),
        })
        .collect();
    let indexes: Vec<String> = view
        .indexes
        .values()
        .map(|i| format!("{} ({})", i.name, index_columns(i).join(", ")))
        .collect();
    render(
        ctx,
        "view.html",
        path,
        &format!("{s}.{}", view.name),
        minijinja::context! {
            name => &view.name,
            schema => s,
            schema_href => ctx.links.schema(s).map(|h| format!("{root}{h}")),
            materialized => view.materialized,
            comment => &view.comment,
            note => ctx.notes.view(s, &view.name),
            definition => view.definition.trim(),
            columns => columns,
            reads => refs(ctx, &view.depends_on, &root),
            used_by => dependents(ctx, &ObjectRef::new(ObjectKind::View, s, &view.name), &root),
            indexes => indexes,
            triggers => view.triggers.values().map(trigger_row).collect::<Vec<_>>(),
        },
    )
}

fn routine_page(ctx: &Ctx, schema: &Schema, r: &Routine, path: &str) -> Result<String, DocsError> {
    let s = &schema.name;
    let root = super::root_of(path);
    let key = r.key();
    // Tables whose triggers call this routine.
    let target = ObjectRef::new(ObjectKind::Routine, s, &key);
    let mut triggered_by = Vec::new();
    for other in ctx.realm.schemas.values() {
        for t in other.tables.values() {
            for trg in t.triggers.values() {
                if trg.depends_on.contains(&target) {
                    triggered_by.push(Link {
                        name: format!("{} on {}.{}", trg.name, other.name, t.name),
                        href: ctx
                            .links
                            .table(&other.name, &t.name)
                            .map(|h| format!("{root}{h}"))
                            .unwrap_or_default(),
                        comment: None,
                    });
                }
            }
        }
    }
    render(
        ctx,
        "routine.html",
        path,
        &format!("{s}.{key}"),
        minijinja::context! {
            name => &r.name,
            key => &key,
            schema => s,
            schema_href => ctx.links.schema(s).map(|h| format!("{root}{h}")),
            kind => r.kind.sql_word().to_lowercase(),
            arguments => &r.arguments,
            returns => &r.returns,
            language => &r.language,
            comment => &r.comment,
            note => ctx.notes.routine(s, &key).or_else(|| ctx.notes.routine(s, &r.name)),
            definition => r.definition.trim(),
            uses => refs(ctx, &r.depends_on, &root),
            triggered_by => triggered_by,
        },
    )
}

fn type_page(ctx: &Ctx, schema: &Schema, t: &UserType, path: &str) -> Result<String, DocsError> {
    let s = &schema.name;
    let root = super::root_of(path);
    let (kind, details): (&str, Vec<String>) = match &t.kind {
        UserTypeKind::Enum { values } => ("enum", values.clone()),
        UserTypeKind::Domain {
            base_type,
            nullable,
            default,
            checks,
            ..
        } => {
            let mut d = vec![format!("base type {base_type}")];
            if !nullable {
                d.push("not null".to_string());
            }
            if let Some(x) = default {
                d.push(format!("default {x}"));
            }
            d.extend(
                checks
                    .iter()
                    .map(|c| format!("{}: {}", c.name, c.expression)),
            );
            ("domain", d)
        }
        UserTypeKind::Composite { attributes } => (
            "composite type",
            attributes
                .iter()
                .map(|a| format!("{} {}", a.name, a.data_type))
                .collect(),
        ),
        UserTypeKind::Range { subtype, options } => {
            let mut d = vec![format!("subtype {subtype}")];
            d.extend(options.iter().cloned());
            ("range type", d)
        }
    };
    // Columns of this type, anywhere.
    let mut used_by = Vec::new();
    for other in ctx.realm.schemas.values() {
        for table in other.tables.values() {
            for c in &table.columns {
                if type_page_of(ctx, &other.name, &c.data_type) == ctx.links.user_type(s, &t.name) {
                    used_by.push(Link {
                        name: format!("{}.{}.{}", other.name, table.name, c.name),
                        href: ctx
                            .links
                            .table(&other.name, &table.name)
                            .map(|h| format!("{root}{h}"))
                            .unwrap_or_default(),
                        comment: None,
                    });
                }
            }
        }
    }
    render(
        ctx,
        "type.html",
        path,
        &format!("{s}.{}", t.name),
        minijinja::context! {
            name => &t.name,
            schema => s,
            schema_href => ctx.links.schema(s).map(|h| format!("{root}{h}")),
            kind => kind,
            details => details,
            comment => &t.comment,
            note => ctx.notes.user_type(s, &t.name),
            used_by => used_by,
        },
    )
}

fn sequence_page(
    ctx: &Ctx,
    schema: &Schema,
    q: &Sequence,
    path: &str,
) -> Result<String, DocsError> {
    let s = &schema.name;
    let root = super::root_of(path);
    let o = &q.options;
    let options = vec![
        format!("type {}", o.data_type),
        format!("start {}", o.start),
        format!("increment {}", o.increment),
        format!("min {}", o.min_value),
        format!("max {}", o.max_value),
        format!("cache {}", o.cache),
        if o.cycle { "cycle" } else { "no cycle" }.to_string(),
    ];
    let owned_by = q.owned_by.as_ref().map(|ob| Link {
        name: format!("{}.{}.{}", s, ob.table, ob.column),
        href: ctx
            .links
            .table(s, &ob.table)
            .map(|h| format!("{root}{h}"))
            .unwrap_or_default(),
        comment: None,
    });
    render(
        ctx,
        "sequence.html",
        path,
        &format!("{s}.{}", q.name),
        minijinja::context! {
            name => &q.name,
            schema => s,
            schema_href => ctx.links.schema(s).map(|h| format!("{root}{h}")),
            options => options,
            owned_by => owned_by,
            comment => &q.comment,
            note => ctx.notes.sequence(s, &q.name),
        },
    )
}
