//! Graphviz DOT: each table a node with an HTML-like label (one row per
//! shown column, each row a port so edges start and end at the columns), each
//! foreign key an edge drawn child -> parent with crow's-foot ends.

use super::{Columns, Selection};
use crate::graph::{self, Graph};
use std::fmt::Write as _;

/// The diagram as a DOT `digraph`, ending in a newline.
pub fn render(graph: &Graph, selection: &Selection, columns: Columns) -> String {
    let mut out = String::new();
    out.push_str("digraph \"strata\" {\n");
    out.push_str("    graph [rankdir=RL, fontname=\"Helvetica\", nodesep=0.4, ranksep=0.9];\n");
    out.push_str("    node [shape=plain, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=8, dir=both, color=\"#555555\"];\n");
    for &n in &selection.nodes {
        let table = graph.nodes[n].table;
        let shown = super::shown_columns(graph, n, columns);
        let header = if Some(n) == selection.focus {
            "#f4c542"
        } else {
            "#c9d7f0"
        };
        let mut label = format!(
            "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\
             <TR><TD BGCOLOR=\"{header}\" COLSPAN=\"2\"><B>{}</B></TD></TR>",
            html(&graph.display_name(n))
        );
        for c in &shown {
            let port = port(&shown, &c.name).unwrap_or_default();
            let key = match (graph::is_pk(table, &c.name), graph::is_fk(table, &c.name)) {
                (true, true) => "PK FK",
                (true, false) => "PK",
                (false, true) => "FK",
                (false, false) => "",
            };
            let _ = write!(
                label,
                "<TR><TD ALIGN=\"LEFT\" PORT=\"{port}\">{}{}</TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
                html(&c.name),
                if key.is_empty() {
                    String::new()
                } else {
                    format!(" <I>{key}</I>")
                },
                html(&c.data_type)
            );
        }
        let hidden = table.columns.len() - shown.len();
        if hidden > 0 {
            let _ = write!(
                label,
                "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><I>{hidden} more column(s)</I></TD></TR>"
            );
        }
        label.push_str("</TABLE>");
        let _ = writeln!(
            out,
            "    \"{}\" [label=<{label}>];",
            id(&graph.nodes[n].qualified())
        );
    }
    for &e in &selection.edges {
        let edge = &graph.edges[e];
        let child = graph.nodes[edge.child];
        let parent = graph.nodes[edge.parent];
        let from_port = end_port(graph, edge.child, &edge.fk.columns, columns);
        let to_port = end_port(graph, edge.parent, &edge.fk.referenced_columns, columns);
        // Child end: many (crow) or one; parent end: exactly one or zero-or-one.
        let tail = if edge.one_to_one {
            "teeodot"
        } else {
            "crowodot"
        };
        let head = if edge.optional { "teeodot" } else { "teetee" };
        let _ = writeln!(
            out,
            "    \"{}\"{from_port} -> \"{}\"{to_port} [arrowtail={tail}, arrowhead={head}, tooltip=\"{}\"];",
            id(&child.qualified()),
            id(&parent.qualified()),
            id(&edge.label())
        );
    }
    out.push_str("}\n");
    out
}

/// A port name for a shown column: its row, so that any column name works.
fn port(shown: &[&strata_model::Column], column: &str) -> Option<String> {
    shown
        .iter()
        .position(|c| c.name == column)
        .map(|i| format!("c{i}"))
}

/// `:"cN"` for the row of an edge's first column, or nothing (the edge then
/// attaches to the node) when that column is not shown.
fn end_port(graph: &Graph, node: usize, columns: &[String], shown: Columns) -> String {
    let rows = super::shown_columns(graph, node, shown);
    columns
        .first()
        .and_then(|c| port(&rows, c))
        .map(|p| format!(":\"{p}\""))
        .unwrap_or_default()
}

/// Text inside a DOT double-quoted string.
fn id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text inside an HTML-like label.
fn html(text: &str) -> String {
    crate::text::escape_html(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(id("a\"b\\c"), "a\\\"b\\\\c");
        assert_eq!(html("<a&b>"), "&lt;a&amp;b&gt;");
    }
}
