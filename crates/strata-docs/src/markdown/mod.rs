//! Markdown from the model, in two layouts that share the page code:
//!
//! - **a wiki** ([`generate`], `strata docs --format markdown`): `README.md`
//!   (the schemas), `<schema>/README.md` (its objects and a Mermaid
//!   diagram) and `<schema>/tables/<table>.md` (a table with a Mermaid
//!   diagram of its neighbours), linked by relative paths;
//! - **one document** ([`single_page`], `strata inspect --format
//!   markdown`), to paste into a pull request or a wiki page: the same
//!   pages one after the other, each schema's one heading level down
//!   under its `## Schema …` heading and each table's two, linked by
//!   in-page anchors, without the wiki's back-links and without a diagram
//!   per table (the schema's diagram shows the tables together).
//!
//! GitHub and GitLab render the Mermaid blocks.

mod anchors;
mod pages;

use crate::graph::Graph;
use crate::names::slugs;
use crate::{DocsError, Notes, Site};
use anchors::Anchors;
use std::collections::HashMap;
use strata_model::Realm;

/// Generates the wiki's pages.
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
    let mut layout = Layout::Wiki(paths);
    let mut site = Site::default();
    site.add("README.md", pages::index(realm, &graph, &mut layout));
    for schema in realm.schemas.values() {
        let Some(dir) = paths.schema_dir(&schema.name) else {
            continue;
        };
        site.add(
            format!("{dir}/README.md"),
            pages::schema(&graph, &mut layout, notes, schema),
        );
        for table in schema.tables.values() {
            if let Some(file) = paths.table_file(&schema.name, &table.name) {
                site.add(
                    format!("{dir}/{file}"),
                    pages::table(&graph, &mut layout, notes, schema, table),
                );
            }
        }
    }
    site.seal();
    Ok(site)
}

/// The whole realm as one Markdown document: the overview, then each
/// schema (objects, a Mermaid diagram when it has at most
/// [`OVERVIEW_LIMIT`](crate::erd::groups::OVERVIEW_LIMIT) tables) followed
/// by its tables. Links to tables and schemas are anchors of headings in
/// the document.
pub fn single_page(realm: &Realm, notes: &Notes) -> String {
    let graph = Graph::new(realm);
    // An anchor is known once its heading is written (GitHub numbers
    // repeated headings in document order), but a link can come before its
    // heading (the table index, a reference to a later table). So the first
    // pass learns the anchors and the second writes the links to them; the
    // headings, and so the anchors, are the same in both.
    let mut layout = Layout::Single(Anchors::default());
    document(realm, &graph, notes, &mut layout);
    let learned = match layout {
        Layout::Single(anchors) => anchors.learned(),
        Layout::Wiki(_) => Anchors::default(),
    };
    document(realm, &graph, notes, &mut Layout::Single(learned))
}

fn document(realm: &Realm, graph: &Graph, notes: &Notes, layout: &mut Layout) -> String {
    let mut out = pages::index(realm, graph, layout);
    for schema in realm.schemas.values() {
        // One blank line between pages.
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(&pages::schema(graph, layout, notes, schema));
        for table in schema.tables.values() {
            out.push_str(&pages::table(graph, layout, notes, schema, table));
        }
    }
    // Pages end with a blank line; a document ends with one newline.
    let end = out.trim_end().len();
    out.truncate(end);
    out.push('\n');
    out
}

/// Which page of the wiki a piece of Markdown belongs to. In one document
/// a page's headings go as many levels down as it is deep.
#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    Schema,
    Table,
}

/// Something a link can point at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Target {
    Schema(String),
    Table(String, String),
}

/// How the pages are laid out: where headings sit and what links look like.
enum Layout<'a> {
    Wiki(Paths<'a>),
    Single(Anchors),
}

impl Layout<'_> {
    /// Writes a heading at `level` as the wiki's `page` has it (one
    /// document moves it down), registering its anchor for `target`.
    fn heading(
        &mut self,
        out: &mut String,
        page: Page,
        level: usize,
        title: &str,
        target: Option<Target>,
    ) {
        let level = match self {
            Layout::Wiki(_) => level,
            Layout::Single(anchors) => {
                anchors.add(title, target);
                level
                    + match page {
                        Page::Index => 0,
                        Page::Schema => 1,
                        Page::Table => 2,
                    }
            }
        };
        out.push_str(&"#".repeat(level));
        out.push(' ');
        out.push_str(&pages::cell(title));
        out.push_str("\n\n");
    }

    /// The link from `page` to `target`, when the target is documented.
    fn link(&self, page: Page, target: &Target) -> Option<String> {
        match (self, target) {
            (Layout::Single(anchors), t) => anchors.get(t).map(|a| format!("#{a}")),
            (Layout::Wiki(paths), Target::Schema(s)) => {
                paths.schema_dir(s).map(|d| format!("{d}/README.md"))
            }
            (Layout::Wiki(paths), Target::Table(s, t)) => match page {
                Page::Schema => paths.table_file(s, t),
                Page::Index | Page::Table => paths.table_link(s, t),
            },
        }
    }

    /// Each page is a file of its own, with links back up and a diagram
    /// of its own.
    fn is_wiki(&self) -> bool {
        matches!(self, Layout::Wiki(_))
    }
}

#[derive(Clone, Copy)]
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

#[cfg(test)]
mod tests;
