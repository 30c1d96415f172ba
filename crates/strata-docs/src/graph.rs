//! The relationship graph of a realm: every table, and every foreign key
//! whose target is in the realm, with the facts diagrams need (cardinality,
//! the rows the edge starts and ends at).

use std::collections::HashMap;
use strata_model::{ForeignKey, Index, Realm, Table};

/// A table of the realm, by schema.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    /// The schema's name.
    pub schema: &'a str,
    /// The table itself.
    pub table: &'a Table,
}

impl Node<'_> {
    /// `schema.name`, the key users type (`--around public.film`).
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.schema, self.table.name)
    }
}

/// One foreign key between two tables of the graph: `child` references `parent`.
#[derive(Debug, Clone, Copy)]
pub struct Edge<'a> {
    /// The referencing table (node index).
    pub child: usize,
    /// The referenced table (node index).
    pub parent: usize,
    /// The foreign key.
    pub fk: &'a ForeignKey,
    /// Position of the foreign key in the child's list (a stable id when unnamed).
    pub position: usize,
    /// A child row may have no parent (a referencing column is nullable).
    pub optional: bool,
    /// At most one child row per parent (the referencing columns are unique).
    pub one_to_one: bool,
}

impl Edge<'_> {
    /// A label for the edge: the constraint's name, or its columns.
    pub fn label(&self) -> String {
        self.fk
            .name
            .clone()
            .unwrap_or_else(|| self.fk.columns.join(", "))
    }
}

/// Tables (sorted by schema, then name) and the foreign keys between them.
/// A foreign key to a table outside the realm (filtered out) is not an edge.
#[derive(Debug)]
pub struct Graph<'a> {
    /// The realm the graph was built from.
    pub realm: &'a Realm,
    /// Every table, by schema then name.
    pub nodes: Vec<Node<'a>>,
    /// Every foreign key between two tables of the realm.
    pub edges: Vec<Edge<'a>>,
    /// Edge indices leaving each node (its foreign keys).
    pub outgoing: Vec<Vec<usize>>,
    /// Edge indices arriving at each node (foreign keys that reference it).
    pub incoming: Vec<Vec<usize>>,
    index: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> Graph<'a> {
    /// The graph of a realm's tables and foreign keys.
    pub fn new(realm: &'a Realm) -> Graph<'a> {
        let mut nodes = Vec::new();
        let mut index = HashMap::new();
        for (schema_name, schema) in &realm.schemas {
            for table in schema.tables.values() {
                index.insert((schema_name.as_str(), table.name.as_str()), nodes.len());
                nodes.push(Node {
                    schema: schema_name,
                    table,
                });
            }
        }
        let mut edges = Vec::new();
        let mut outgoing = vec![Vec::new(); nodes.len()];
        let mut incoming = vec![Vec::new(); nodes.len()];
        for (child, node) in nodes.iter().enumerate() {
            for (position, fk) in node.table.foreign_keys.iter().enumerate() {
                let key = (fk.references.schema.as_str(), fk.references.name.as_str());
                let Some(&parent) = index.get(&key) else {
                    continue;
                };
                let optional = fk
                    .columns
                    .iter()
                    .any(|c| node.table.column(c).is_none_or(|c| c.nullable));
                outgoing[child].push(edges.len());
                incoming[parent].push(edges.len());
                edges.push(Edge {
                    child,
                    parent,
                    fk,
                    position,
                    optional,
                    one_to_one: is_unique(node.table, &fk.columns),
                });
            }
        }
        Graph {
            realm,
            nodes,
            edges,
            outgoing,
            incoming,
            index,
        }
    }

    /// The node of `schema.table`, or of a bare table name when exactly one
    /// schema has a table of that name.
    pub fn find(&self, name: &str) -> Option<usize> {
        if let Some((schema, table)) = name.split_once('.')
            && let Some(&i) = self.index.get(&(schema, table))
        {
            return Some(i);
        }
        let mut hits = self
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.table.name == name);
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// The node of a table, by schema and name.
    pub fn node_of(&self, schema: &str, table: &str) -> Option<usize> {
        self.index.get(&(schema, table)).copied()
    }

    /// True when the realm has more than one schema, so that names must be
    /// shown qualified.
    pub fn multi_schema(&self) -> bool {
        self.realm.schemas.len() > 1
    }

    /// The name to show for a node: bare in a one-schema realm.
    pub fn display_name(&self, node: usize) -> String {
        let n = &self.nodes[node];
        if self.multi_schema() {
            n.qualified()
        } else {
            n.table.name.clone()
        }
    }

    /// Nodes adjacent to `node` through any edge, either direction, sorted.
    pub fn neighbours(&self, node: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.outgoing[node]
            .iter()
            .map(|&e| self.edges[e].parent)
            .chain(self.incoming[node].iter().map(|&e| self.edges[e].child))
            .filter(|&n| n != node)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The columns are exactly the primary key, a unique constraint or a unique
/// index (as sets: a unique key on (a, b) makes (b, a) unique too).
pub fn is_unique(table: &Table, columns: &[String]) -> bool {
    let same = |other: &[String]| {
        other.len() == columns.len() && columns.iter().all(|c| other.contains(c))
    };
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| same(&pk.columns))
        || table.uniques.iter().any(|u| same(&u.columns))
        || table
            .indexes
            .values()
            .any(|i| i.unique && i.predicate.is_none() && same(&index_columns(i)))
}

/// The plain-column key parts of an index (expression parts are left out).
pub fn index_columns(index: &Index) -> Vec<String> {
    index
        .parts
        .iter()
        .filter_map(|p| p.column_name().map(str::to_string))
        .collect()
}

/// The columns of a table that take part in a key: primary key first, then
/// foreign key columns, in table order.
pub fn key_columns(table: &Table) -> Vec<&strata_model::Column> {
    table
        .columns
        .iter()
        .filter(|c| is_pk(table, &c.name) || is_fk(table, &c.name))
        .collect()
}

/// The column is part of the primary key.
pub fn is_pk(table: &Table, column: &str) -> bool {
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| pk.columns.iter().any(|c| c == column))
}

/// The column is part of a foreign key.
pub fn is_fk(table: &Table, column: &str) -> bool {
    table
        .foreign_keys
        .iter()
        .any(|fk| fk.columns.iter().any(|c| c == column))
}

/// The column is alone in a unique constraint or unique index.
pub fn is_unique_column(table: &Table, column: &str) -> bool {
    is_unique(table, &[column.to_string()])
}
