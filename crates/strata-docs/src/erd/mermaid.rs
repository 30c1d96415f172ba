//! Mermaid `erDiagram` text (it renders on GitHub and GitLab).
//!
//! Mermaid's grammar is narrower than SQL identifiers and types: an
//! attribute's type and name are single words of letters, digits and
//! `-_[]().,*`, and an entity name is a double-quoted text without `"`
//! or `%`. Whatever does not fit is rewritten (spaces and other
//! characters become `_`) and the exact text goes into the attribute's
//! comment, so nothing is lost for a reader.

use super::{Columns, Selection};
use crate::graph::{self, Graph};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The diagram as Mermaid text, ending in a newline.
pub fn render(graph: &Graph, selection: &Selection, columns: Columns) -> String {
    let names = entity_names(graph, selection);
    let mut out = String::from("erDiagram\n");
    for &n in &selection.nodes {
        let table = graph.nodes[n].table;
        let shown = super::shown_columns(graph, n, columns);
        if shown.is_empty() {
            let _ = writeln!(out, "    {} {{\n    }}", names[&n]);
            continue;
        }
        let _ = writeln!(out, "    {} {{", names[&n]);
        for c in shown {
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
            let ty = word(if c.data_type.is_empty() {
                "any"
            } else {
                &c.data_type
            });
            let name = word(&c.name);
            let mut line = format!("        {ty} {name}");
            if !keys.is_empty() {
                line.push(' ');
                line.push_str(&keys.join(", "));
            }
            // The exact spelling when the word form had to change it, then
            // the column's comment.
            let mut remark = Vec::new();
            if name != c.name || (ty != c.data_type && !c.data_type.is_empty()) {
                remark.push(format!("{} {}", c.name, c.data_type));
            }
            if let Some(comment) = &c.comment {
                remark.push(comment.clone());
            }
            if !remark.is_empty() {
                let _ = write!(line, " \"{}\"", quoted_text(&remark.join(": ")));
            }
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "    }}");
    }
    for &e in &selection.edges {
        let edge = &graph.edges[e];
        let parent_side = if edge.optional { "|o" } else { "||" };
        let child_side = if edge.one_to_one { "o|" } else { "o{" };
        let _ = writeln!(
            out,
            "    {} {parent_side}--{child_side} {} : \"{}\"",
            names[&edge.parent],
            names[&edge.child],
            quoted_text(&edge.label())
        );
    }
    out
}

/// Entity names, always double-quoted: a bare word could be one of
/// Mermaid's keywords (`one`, `many`, `to`, `end`…). In a realm of several
/// schemas names are qualified (`"public.film"`).
fn entity_names(graph: &Graph, selection: &Selection) -> HashMap<usize, String> {
    selection
        .nodes
        .iter()
        .map(|&n| (n, format!("\"{}\"", quoted_text(&graph.display_name(n)))))
        .collect()
}

/// A Mermaid attribute word (`[*A-Za-z_][A-Za-z0-9-_[]().,*]*`).
fn word(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_[]().,*".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '*') {
        out.insert(0, '_');
    }
    out
}

/// Text inside Mermaid double quotes: no `"`, `%`, backslash or line breaks.
fn quoted_text(text: &str) -> String {
    let out: String = text
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '%' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    if out.trim().is_empty() {
        "_".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_mermaid_grammar() {
        assert_eq!(word("character varying(45)"), "character_varying(45)");
        assert_eq!(word("numeric(5,2)"), "numeric(5,2)");
        assert_eq!(word("enum('a','b')"), "enum(_a_,_b_)");
        assert_eq!(word("1st"), "_1st");
        assert_eq!(quoted_text("say \"hi\" 100%"), "say 'hi' 100_");
    }
}
