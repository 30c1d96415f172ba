//! Schema documentation from the model.
//!
//! A [`Realm`] goes in; text and files come out. Nothing here reads a
//! database or touches the disk unless the caller asks ([`site::Site::write`],
//! [`site::Site::check`]).
//!
//! - [`erd`]: ER diagrams as Mermaid, Graphviz DOT, and SVG laid out in Rust;
//! - [`html`]: a self-contained static site that opens from `file://`;
//! - [`markdown`]: a README per schema and a page per table, for a wiki, or
//!   the same as one document;
//! - [`notes`]: the user's notes (a small YAML file) merged into the pages;
//! - [`site`]: the generated files, written to disk or compared with it.

pub mod erd;
pub mod graph;
pub mod html;
pub mod markdown;
pub mod notes;
pub mod site;

mod names;
mod text;

pub use erd::{Columns, Selection};
pub use graph::Graph;
pub use notes::Notes;
pub use site::{CheckReport, Site};

use strata_model::Realm;

/// Errors of documentation generation.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    /// `--around` named a table the realm does not have (or several schemas have).
    #[error("no table '{0}' in the schema (use schema.table when several schemas have it)")]
    UnknownTable(String),
    /// The notes file is not valid YAML of the expected shape.
    #[error("notes file {path}: {message}")]
    Notes { path: String, message: String },
    /// A page template failed to render (a bug in strata, not in the input).
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
    /// Reading or writing the output directory or the notes file.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// The kind of documentation to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The static HTML site.
    Html,
    /// Markdown pages with Mermaid diagrams.
    Markdown,
}

/// Generates the documentation of a realm.
pub fn generate(realm: &Realm, format: Format, notes: &Notes) -> Result<Site, DocsError> {
    match format {
        Format::Html => html::generate(realm, notes),
        Format::Markdown => markdown::generate(realm, notes),
    }
}

/// `strata inspect --format mermaid`: the ER diagram of a selection.
pub fn mermaid(graph: &Graph, selection: &Selection) -> String {
    erd::mermaid::render(graph, selection, Columns::Keys)
}

/// `strata inspect --format dot`: the ER diagram of a selection.
pub fn dot(graph: &Graph, selection: &Selection) -> String {
    erd::dot::render(graph, selection, Columns::Keys)
}
