//! The pages: the overview of the schemas, a schema, a table. Written once
//! for both layouts; the [`Layout`] decides heading levels and links.

use super::{Layout, Page, Target};
use crate::erd::groups::OVERVIEW_LIMIT;
use crate::erd::{Columns, Selection, mermaid};
use crate::graph::{self, Graph};
use crate::notes::Notes;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use strata_model::{IndexKey, Realm, Schema, Table, UserTypeKind};

/// The schemas, with their object counts.
pub(super) fn index(realm: &Realm, graph: &Graph, layout: &mut Layout) -> String {
    let mut out = String::new();
    layout.heading(
        &mut out,
        Page::Index,
        1,
        &format!("{} schema", realm.dialect),
        None,
    );
    let _ = writeln!(
        out,
        "{} {} · {} tables · {} foreign keys\n",
        realm.dialect,
        realm.server.version,
        graph.nodes.len(),
        graph.edges.len()
    );
    out.push_str("| schema | tables | views | routines | comment |\n|---|---|---|---|---|\n");
    for schema in realm.schemas.values() {
        let _ = writeln!(
            out,
            "| [{}]({}) | {} | {} | {} | {} |",
            cell(&schema.name),
            layout
                .link(Page::Index, &Target::Schema(schema.name.clone()))
                .unwrap_or_default(),
            schema.tables.len(),
            schema.views.len(),
            schema.routines.len(),
            cell(schema.comment.as_deref().unwrap_or_default())
        );
    }
    if !realm.unsupported.is_empty() {
        out.push_str("\nNot documented (not covered by strata's model yet):\n\n");
        for u in &realm.unsupported {
            let _ = writeln!(out, "- {} {}.{}", u.kind, text(&u.schema), text(&u.name));
        }
    }
    out
}

pub(super) fn schema(graph: &Graph, layout: &mut Layout, notes: &Notes, schema: &Schema) -> String {
    let s = &schema.name;
    let mut out = String::new();
    layout.heading(
        &mut out,
        Page::Schema,
        1,
        &format!("Schema {s}"),
        Some(Target::Schema(s.clone())),
    );
    if layout.is_wiki() {
        out.push_str("[All schemas](../README.md)\n\n");
    }
    comments(&mut out, schema.comment.as_deref(), notes.schema(s));
    let nodes: BTreeSet<usize> = (0..graph.nodes.len())
        .filter(|&n| graph.nodes[n].schema == s)
        .collect();
    if !nodes.is_empty() && nodes.len() <= OVERVIEW_LIMIT {
        let selection = Selection::of(graph, nodes, None);
        let _ = write!(
            out,
            "```mermaid\n{}```\n\n",
            mermaid::render(graph, &selection, Columns::Keys)
        );
    } else if !nodes.is_empty() {
        let _ = writeln!(
            out,
            "{} tables are too many for one readable diagram: {}\n",
            nodes.len(),
            if layout.is_wiki() {
                "each table's page has a diagram of its neighbours."
            } else {
                "`strata inspect --format mermaid --around TABLE` draws a table's neighbours."
            }
        );
    }
    if !schema.tables.is_empty() {
        layout.heading(&mut out, Page::Schema, 2, "Tables", None);
        out.push_str("| table | columns | comment |\n|---|---|---|\n");
        for t in schema.tables.values() {
            let _ = writeln!(
                out,
                "| [{}]({}) | {} | {} |",
                cell(&t.name),
                layout
                    .link(Page::Schema, &Target::Table(s.clone(), t.name.clone()))
                    .unwrap_or_default(),
                t.columns.len(),
                cell(&first_line(
                    t.comment
                        .as_deref()
                        .or(notes.table(s, &t.name))
                        .unwrap_or_default()
                ))
            );
        }
        out.push('\n');
    }
    if !schema.views.is_empty() {
        layout.heading(&mut out, Page::Schema, 2, "Views", None);
        for v in schema.views.values() {
            let title = if v.materialized {
                format!("{} (materialized)", v.name)
            } else {
                v.name.clone()
            };
            layout.heading(&mut out, Page::Schema, 3, &title, None);
            comments(&mut out, v.comment.as_deref(), notes.view(s, &v.name));
            let _ = write!(out, "```sql\n{}\n```\n\n", v.definition.trim());
        }
    }
    if !schema.routines.is_empty() {
        layout.heading(&mut out, Page::Schema, 2, "Functions and procedures", None);
        out.push_str("| routine | returns | comment |\n|---|---|---|\n");
        for (key, r) in &schema.routines {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                code(key),
                r.returns.as_deref().map(code).unwrap_or_default(),
                cell(&first_line(r.comment.as_deref().unwrap_or_default()))
            );
        }
        out.push('\n');
    }
    if !schema.types.is_empty() {
        layout.heading(&mut out, Page::Schema, 2, "Types", None);
        for t in schema.types.values() {
            let _ = writeln!(out, "- **{}** {}", text(&t.name), user_type(&t.kind));
        }
        out.push('\n');
    }
    if !schema.sequences.is_empty() {
        layout.heading(&mut out, Page::Schema, 2, "Sequences", None);
        for q in schema.sequences.values() {
            let owner = q
                .owned_by
                .as_ref()
                .map(|o| format!(" (owned by {})", code(&format!("{}.{}", o.table, o.column))))
                .unwrap_or_default();
            let _ = writeln!(out, "- {}{owner}", code(&q.name));
        }
        out.push('\n');
    }
    out
}

fn user_type(kind: &UserTypeKind) -> String {
    match kind {
        UserTypeKind::Enum { values } => format!(
            "enum: {}",
            values
                .iter()
                .map(|v| code(v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        UserTypeKind::Domain { base_type, .. } => format!("domain over {}", code(base_type)),
        UserTypeKind::Composite { attributes } => format!(
            "composite: {}",
            attributes
                .iter()
                .map(|a| code(&format!("{} {}", a.name, a.data_type)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        UserTypeKind::Range { subtype, .. } => format!("range of {}", code(subtype)),
    }
}

pub(super) fn table(
    graph: &Graph,
    layout: &mut Layout,
    notes: &Notes,
    schema: &Schema,
    table: &Table,
) -> String {
    let s = &schema.name;
    let mut out = String::new();
    layout.heading(
        &mut out,
        Page::Table,
        1,
        &table.name,
        Some(Target::Table(s.clone(), table.name.clone())),
    );
    if layout.is_wiki() {
        let _ = write!(out, "[Schema {}](../README.md)\n\n", text(s));
    }
    comments(
        &mut out,
        table.comment.as_deref(),
        notes.table(s, &table.name),
    );
    layout.heading(&mut out, Page::Table, 2, "Columns", None);
    columns(&mut out, notes, s, table);
    if let Some(pk) = &table.primary_key {
        let _ = writeln!(out, "Primary key: {}\n", code(&pk.columns.join(", ")));
    }
    if !table.uniques.is_empty() || !table.checks.is_empty() {
        layout.heading(&mut out, Page::Table, 2, "Constraints", None);
        for u in &table.uniques {
            let _ = writeln!(out, "- unique {}", code(&u.columns.join(", ")));
        }
        for c in &table.checks {
            let _ = writeln!(
                out,
                "- check {}{}",
                c.name
                    .as_deref()
                    .map(|n| format!("{} ", text(n)))
                    .unwrap_or_default(),
                code(&c.expression)
            );
        }
        out.push('\n');
    }
    if !table.indexes.is_empty() {
        layout.heading(&mut out, Page::Table, 2, "Indexes", None);
        for i in table.indexes.values() {
            let keys: Vec<String> = i
                .parts
                .iter()
                .map(|p| match &p.key {
                    IndexKey::Column(c) => c.clone(),
                    IndexKey::Expression(e) => format!("({e})"),
                })
                .collect();
            let _ = writeln!(
                out,
                "- {}{} on {}",
                if i.unique { "unique " } else { "" },
                text(&i.name),
                code(&keys.join(", "))
            );
        }
        out.push('\n');
    }
    let node = graph.node_of(s, &table.name);
    if !table.foreign_keys.is_empty() {
        layout.heading(&mut out, Page::Table, 2, "References", None);
        for fk in &table.foreign_keys {
            let to = &fk.references;
            let target = Target::Table(to.schema.clone(), to.name.clone());
            let _ = writeln!(
                out,
                "- {} → {} {}",
                code(&fk.columns.join(", ")),
                linked(&to.to_string(), layout.link(Page::Table, &target)),
                code(&fk.referenced_columns.join(", "))
            );
        }
        out.push('\n');
    }
    if let Some(n) = node
        && !graph.incoming[n].is_empty()
    {
        layout.heading(&mut out, Page::Table, 2, "Referenced by", None);
        for &e in &graph.incoming[n] {
            let edge = &graph.edges[e];
            let child = graph.nodes[edge.child];
            let target = Target::Table(child.schema.to_string(), child.table.name.clone());
            let _ = writeln!(
                out,
                "- {} {}",
                linked(&child.qualified(), layout.link(Page::Table, &target)),
                code(&edge.fk.columns.join(", "))
            );
        }
        out.push('\n');
    }
    // One document has the schema's diagram; a diagram per table would
    // repeat it many times over.
    if let Some(n) = node
        && layout.is_wiki()
        && !graph.neighbours(n).is_empty()
    {
        let selection = Selection::neighbourhood(graph, n, crate::html::NEIGHBOUR_LIMIT);
        layout.heading(&mut out, Page::Table, 2, "Diagram", None);
        let _ = write!(
            out,
            "```mermaid\n{}```\n\n",
            mermaid::render(graph, &selection, Columns::Keys)
        );
    }
    if !table.triggers.is_empty() {
        layout.heading(&mut out, Page::Table, 2, "Triggers", None);
        for t in table.triggers.values() {
            layout.heading(&mut out, Page::Table, 3, &t.name, None);
            let _ = write!(out, "```sql\n{}\n```\n\n", t.definition.trim());
        }
    }
    out
}

/// The columns table.
fn columns(out: &mut String, notes: &Notes, s: &str, table: &Table) {
    out.push_str("| column | type | null | default | comment |\n|---|---|---|---|---|\n");
    for c in &table.columns {
        let mut keys = Vec::new();
        if graph::is_pk(table, &c.name) {
            keys.push("PK");
        }
        if graph::is_fk(table, &c.name) {
            keys.push("FK");
        }
        let mut comment = c.comment.clone().unwrap_or_default();
        if let Some(n) = notes.column(s, &table.name, &c.name) {
            if !comment.is_empty() {
                comment.push_str(" — ");
            }
            comment.push_str("Note: ");
            comment.push_str(n);
        }
        let _ = writeln!(
            out,
            "| **{}**{} | {} | {} | {} | {} |",
            cell(&c.name),
            if keys.is_empty() {
                String::new()
            } else {
                format!(" {}", keys.join(" "))
            },
            code(&c.data_type),
            if c.nullable { "yes" } else { "not null" },
            c.default.as_deref().map(code).unwrap_or_default(),
            cell(&comment)
        );
    }
    out.push('\n');
}

/// `name` as a link when there is somewhere to go.
fn linked(name: &str, link: Option<String>) -> String {
    match link {
        Some(p) => format!("[{}]({p})", text(name)),
        None => text(name),
    }
}

/// The database comment, then the user's note, as quotes.
fn comments(out: &mut String, comment: Option<&str>, note: Option<&str>) {
    if let Some(c) = comment {
        for line in c.lines() {
            let _ = writeln!(out, "> {}", text(line));
        }
        out.push('\n');
    }
    if let Some(n) = note {
        out.push_str("> **Note:** ");
        let mut first = true;
        for line in n.lines() {
            if !first {
                out.push_str("> ");
            }
            let _ = writeln!(out, "{}", text(line));
            first = false;
        }
        out.push('\n');
    }
}

/// Inline text: HTML and Markdown specials that would change the page.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A table cell (or a heading): inline text on one line.
pub(super) fn cell(s: &str) -> String {
    text(&s.replace(['\n', '\r'], " "))
}

/// A code span that survives backticks and pipes in the text.
fn code(s: &str) -> String {
    let flat = s.replace(['\n', '\r'], " ").replace('|', "\\|");
    if flat.contains('`') {
        format!("`` {flat} ``")
    } else {
        format!("`{flat}`")
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_string()
}
