//! Entity-relationship diagrams: which tables a diagram shows
//! ([`Selection`]), and three ways to draw them: Mermaid `erDiagram` text
//! ([`mermaid`]), Graphviz DOT ([`dot`]) and an SVG laid out by strata
//! itself ([`svg`], with the layered layout in [`layout`]). Nothing here
//! needs the Graphviz binary.

pub mod dot;
pub mod groups;
pub mod layout;
pub mod mermaid;
pub mod svg;

use crate::DocsError;
use crate::graph::Graph;
use std::collections::BTreeSet;

/// Which columns a table shows in a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Columns {
    /// Primary and foreign key columns only: what relationships need.
    #[default]
    Keys,
    /// Every column.
    All,
}

/// The columns a table shows in a diagram. With [`Columns::Keys`], these
/// are its primary and foreign key columns and the columns other tables'
/// foreign keys reference, so that every edge starts and ends at a row.
pub fn shown_columns<'a>(
    graph: &Graph<'a>,
    node: usize,
    columns: Columns,
) -> Vec<&'a strata_model::Column> {
    let table = graph.nodes[node].table;
    match columns {
        Columns::All => table.columns.iter().collect(),
        Columns::Keys => table
            .columns
            .iter()
            .filter(|c| {
                crate::graph::is_pk(table, &c.name)
                    || crate::graph::is_fk(table, &c.name)
                    || graph.incoming[node].iter().any(|&e| {
                        graph.edges[e]
                            .fk
                            .referenced_columns
                            .iter()
                            .any(|r| r == &c.name)
                    })
            })
            .collect(),
    }
}

/// The tables of a diagram and the foreign keys drawn between them.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Node indices into the [`Graph`], sorted.
    pub nodes: Vec<usize>,
    /// Edge indices, sorted; both ends are in `nodes`.
    pub edges: Vec<usize>,
    /// The table the selection is centred on, if any (drawn highlighted).
    pub focus: Option<usize>,
    /// Neighbours left out to keep the diagram readable.
    pub omitted: usize,
}

impl Selection {
    /// Every table and every foreign key.
    pub fn all(graph: &Graph) -> Selection {
        Selection::of(graph, (0..graph.nodes.len()).collect(), None)
    }

    /// The given nodes and the edges between them.
    pub fn of(graph: &Graph, nodes: BTreeSet<usize>, focus: Option<usize>) -> Selection {
        let edges = graph
            .edges
            .iter()
            .enumerate()
            .filter(|(_, e)| nodes.contains(&e.child) && nodes.contains(&e.parent))
            .map(|(i, _)| i)
            .collect();
        Selection {
            nodes: nodes.into_iter().collect(),
            edges,
            focus,
            omitted: 0,
        }
    }

    /// `--around TABLE --depth N`: the table and every table within `depth`
    /// foreign-key steps of it, in either direction.
    pub fn around(graph: &Graph, table: &str, depth: usize) -> Result<Selection, DocsError> {
        let start = graph
            .find(table)
            .ok_or_else(|| DocsError::UnknownTable(table.to_string()))?;
        let mut seen = BTreeSet::from([start]);
        let mut frontier = vec![start];
        for _ in 0..depth {
            let mut next = Vec::new();
            for n in frontier {
                for m in graph.neighbours(n) {
                    if seen.insert(m) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        Ok(Selection::of(graph, seen, Some(start)))
    }

    /// A table and its direct neighbours, at most `limit` of them (those
    /// with the most foreign keys to the table first, then by name), for the
    /// small diagram on a table's page. A table referenced by hundreds of
    /// others would otherwise get an unreadable diagram; the full list is in
    /// the page's relationship tables.
    pub fn neighbourhood(graph: &Graph, node: usize, limit: usize) -> Selection {
        let neighbours = graph.neighbours(node);
        let omitted = neighbours.len().saturating_sub(limit);
        let mut ranked: Vec<(usize, usize)> = neighbours
            .into_iter()
            .map(|m| {
                let links = graph.outgoing[node]
                    .iter()
                    .chain(&graph.incoming[node])
                    .filter(|&&e| graph.edges[e].child == m || graph.edges[e].parent == m)
                    .count();
                (m, links)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut nodes: BTreeSet<usize> = ranked.into_iter().take(limit).map(|(m, _)| m).collect();
        nodes.insert(node);
        // Only the focus table's own foreign keys: edges among the
        // neighbours would draw a second, unrelated diagram.
        let mut selection = Selection::of(graph, nodes, Some(node));
        selection.edges.retain(|&e| {
            let e = &graph.edges[e];
            e.child == node || e.parent == node
        });
        selection.omitted = omitted;
        selection
    }
}
