//! Markdown for a repository wiki: `README.md` (the schemas),
//! `<schema>/README.md` (its objects and a Mermaid diagram) and
//! `<schema>/tables/<table>.md` (a table with a Mermaid diagram of its
//! neighbours). GitHub and GitLab render the Mermaid blocks.

use crate::erd::groups::OVERVIEW_LIMIT;
use crate::erd::{Columns, Selection, mermaid};
use crate::graph::{self, Graph};
use crate::names::slugs;
use crate::{DocsError, Notes, Site};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use strata_model::{IndexKey, Realm, Schema, Table, UserTypeKind};

/// Generates the Markdown pages.
pub fn generate(realm: &Realm, notes: &Notes) -> Result<Site, DocsError> {
    let graph = Graph::new(realm);
    let schema_slugs = slugs(realm.schemas.keys().map(String::as_str));
    let table_slugs: HashMap<&str, HashMap<String, String>> = realm
        .schemas
        .iter()
        .map(|(n, s)| (n.as_str(), slugs(s.tables.keys().map(String::as_str))))
        .collect();
    let paths = Paths {
        schemas: &schema_slugs,
        tables: &table_slugs,
    };
    let mut site = Site::default();
    let mut readme = format!("# {} schema\n\n", realm.dialect);
    let _ = writeln!(
        readme,
        "{} {} · {} tables · {} foreign keys\n",
        realm.dialect,
        realm.server.version,
        graph.nodes.len(),
        graph.edges.len()
    );
    readme.push_str("| schema | tables | views | routines | comment |\n|---|---|---|---|---|\n");
    for schema in realm.schemas.values() {
        let _ = writeln!(
            readme,
            "| [{}]({}) | {} | {} | {} | {} |",
            cell(&schema.name),
            paths
                .schema_dir(&schema.name)
                .map(|d| format!("{d}/README.md"))
                .unwrap_or_default(),
            schema.tables.len(),
            schema.views.len(),
            schema.routines.len(),
            cell(schema.comment.as_deref().unwrap_or_default())
        );
    }
    if !realm.unsupported.is_empty() {
        readme.push_str("\nNot documented (not covered by strata's model yet):\n\n");
        for u in &realm.unsupported {
            let _ = writeln!(readme, "- {} {}.{}", u.kind, text(&u.schema), text(&u.name));
        }
    }
    site.add("README.md", readme);
    for schema in realm.schemas.values() {
        let Some(dir) = paths.schema_dir(&schema.name) else {
            continue;
        };
        site.add(
            format!("{dir}/README.md"),
            schema_page(&graph, &paths, notes, schema),
        );
        for table in schema.tables.values() {
            if let Some(file) = paths.table_file(&schema.name, &table.name) {
                site.add(
                    format!("{dir}/{file}"),
                    table_page(&graph, &paths, notes, schema, table),
                );
            }
        }
    }
    site.seal();
    Ok(site)
}

struct Paths<'a> {
    schemas: &'a HashMap<String, String>,
    tables: &'a HashMap<&'a str, HashMap<String, String>>,
}

impl Paths<'_> {
    fn schema_dir(&self, schema: &str) -> Option<String> {
        self.schemas.get(schema).cloned()
    }

    /// Relative to the schema's folder.
    fn table_file(&self, schema: &str, table: &str) -> Option<String> {
        Some(format!(
            "tables/{}.md",
            self.tables.get(schema)?.get(table)?
        ))
    }

    /// A link from a table page (in `<schema>/tables/`) to another table's page.
    fn table_link(&self, schema: &str, table: &str) -> Option<String> {
        Some(format!(
            "../../{}/{}",
            self.schema_dir(schema)?,
            self.table_file(schema, table)?
        ))
    }
}

fn schema_page(graph: &Graph, paths: &Paths, notes: &Notes, schema: &Schema) -> String {
    let s = &schema.name;
    let mut out = format!("# Schema {}\n\n[All schemas](../README.md)\n\n", text(s));
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
            "{} tables are too many for one readable diagram: each table's page has a diagram of its neighbours.\n",
            nodes.len()
        );
    }
    if !schema.tables.is_empty() {
        out.push_str("## Tables\n\n| table | columns | comment |\n|---|---|---|\n");
        for t in schema.tables.values() {
            let _ = writeln!(
                out,
                "| [{}]({}) | {} | {} |",
                cell(&t.name),
                paths.table_file(s, &t.name).unwrap_or_default(),
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
        out.push_str("## Views\n\n");
        for v in schema.views.values() {
            let _ = writeln!(
                out,
                "### {}{}\n",
                text(&v.name),
                if v.materialized {
                    " (materialized)"
                } else {
                    ""
                }
            );
            comments(&mut out, v.comment.as_deref(), notes.view(s, &v.name));
            let _ = write!(out, "```sql\n{}\n```\n\n", v.definition.trim());
        }
    }
    if !schema.routines.is_empty() {
        out.push_str(
            "## Functions and procedures\n\n| routine | returns | comment |\n|---|---|---|\n",
        );
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
        out.push_str("## Types\n\n");
        for t in schema.types.values() {
            let what = match &t.kind {
                UserTypeKind::Enum { values } => format!(
                    "enum: {}",
                    values
                        .iter()
                        .map(|v| code(v))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                UserTypeKind::Domain { base_type, .. } => {
                    format!("domain over {}", code(base_type))
                }
                UserTypeKind::Composite { attributes } => format!(
                    "composite: {}",
                    attributes
                        .iter()
                        .map(|a| code(&format!("{} {}", a.name, a.data_type)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                UserTypeKind::Range { subtype, .. } => format!("range of {}", code(subtype)),
            };
            let _ = writeln!(out, "- **{}** {what}", text(&t.name));
        }
        out.push('\n');
    }
    if !schema.sequences.is_empty() {
        out.push_str("## Sequences\n\n");
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

fn table_page(
    graph: &Graph,
    paths: &Paths,
    notes: &Notes,
    schema: &Schema,
    table: &Table,
) -> String {
    let s = &schema.name;
    let mut out = format!(
        "# {}\n\n[Schema {}](../README.md)\n\n",
        text(&table.name),
        text(s)
    );
    comments(
        &mut out,
        table.comment.as_deref(),
        notes.table(s, &table.name),
    );
    out.push_str(
        "## Columns\n\n| column | type | null | default | comment |\n|---|---|---|---|---|\n",
    );
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
    if let Some(pk) = &table.primary_key {
        let _ = writeln!(out, "Primary key: {}\n", code(&pk.columns.join(", ")));
    }
    if !table.uniques.is_empty() || !table.checks.is_empty() {
        out.push_str("## Constraints\n\n");
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
        out.push_str("## Indexes\n\n");
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
        out.push_str("## References\n\n");
        for fk in &table.foreign_keys {
            let target = paths
                .table_link(&fk.references.schema, &fk.references.name)
                .map(|p| format!("[{}]({p})", text(&fk.references.to_string())))
                .unwrap_or_else(|| text(&fk.references.to_string()));
            let _ = writeln!(
                out,
                "- {} → {target} {}",
                code(&fk.columns.join(", ")),
                code(&fk.referenced_columns.join(", "))
            );
        }
        out.push('\n');
    }
    if let Some(n) = node
        && !graph.incoming[n].is_empty()
    {
        out.push_str("## Referenced by\n\n");
        for &e in &graph.incoming[n] {
            let edge = &graph.edges[e];
            let child = graph.nodes[edge.child];
            let link = paths
                .table_link(child.schema, &child.table.name)
                .map(|p| format!("[{}]({p})", text(&child.qualified())))
                .unwrap_or_else(|| text(&child.qualified()));
            let _ = writeln!(out, "- {link} {}", code(&edge.fk.columns.join(", ")));
        }
        out.push('\n');
    }
    if let Some(n) = node
        && !graph.neighbours(n).is_empty()
    {
        let selection = Selection::neighbourhood(graph, n, crate::html::NEIGHBOUR_LIMIT);
        let _ = write!(
            out,
            "## Diagram\n\n```mermaid\n{}```\n\n",
            mermaid::render(graph, &selection, Columns::Keys)
        );
    }
    if !table.triggers.is_empty() {
        out.push_str("## Triggers\n\n");
        for t in table.triggers.values() {
            let _ = write!(
                out,
                "### {}\n\n```sql\n{}\n```\n\n",
                text(&t.name),
                t.definition.trim()
            );
        }
    }
    out
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
fn text(s: &str) -> String {
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

/// A table cell: inline text on one line.
fn cell(s: &str) -> String {
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
