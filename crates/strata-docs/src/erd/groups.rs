//! Groups of tables for overviews of large schemas.
//!
//! A diagram of every table stops being readable somewhere past a hundred
//! tables. Above [`OVERVIEW_LIMIT`] tables the overview shows groups
//! instead: a schema is one group when it is small enough, and a large
//! schema is cut into clusters of related tables (grown breadth-first along
//! foreign keys from the most connected table not yet placed), each at most
//! [`GROUP_LIMIT`] tables. Each group then gets its own diagram.

use crate::graph::Graph;
use std::collections::{BTreeMap, VecDeque};

/// Most tables drawn in one overview diagram.
pub const OVERVIEW_LIMIT: usize = 120;
/// Most tables in one group.
pub const GROUP_LIMIT: usize = 60;

/// A set of tables shown together.
#[derive(Debug, Clone)]
pub struct Group {
    /// Unique, file-name safe.
    pub id: String,
    /// What the overview calls it (`public`, `app: around orders`).
    pub title: String,
    /// The schema all its tables are in.
    pub schema: String,
    /// Node indices, sorted.
    pub nodes: Vec<usize>,
}

/// The groups of a graph, or `None` when one diagram of every table is fine.
pub fn groups(graph: &Graph) -> Option<Vec<Group>> {
    if graph.nodes.len() <= OVERVIEW_LIMIT {
        return None;
    }
    let mut by_schema: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in graph.nodes.iter().enumerate() {
        by_schema.entry(n.schema).or_default().push(i);
    }
    let schema_slugs = crate::names::slugs(by_schema.keys().copied());
    let mut out = Vec::new();
    for (schema, nodes) in by_schema {
        let slug = schema_slugs.get(schema).cloned().unwrap_or_default();
        if nodes.len() <= GROUP_LIMIT {
            out.push(Group {
                id: slug,
                title: schema.to_string(),
                schema: schema.to_string(),
                nodes,
            });
            continue;
        }
        for (k, (seed, mut members, packed)) in clusters(graph, &nodes).into_iter().enumerate() {
            members.sort_unstable();
            let title = if packed {
                format!("{schema}: more tables ({})", k + 1)
            } else {
                format!("{schema}: around {}", graph.nodes[seed].table.name)
            };
            out.push(Group {
                id: format!("{slug}-{}", k + 1),
                title,
                schema: schema.to_string(),
                nodes: members,
            });
        }
    }
    Some(out)
}

/// Clusters of one schema's tables: (seed, members, packed from fragments).
fn clusters(graph: &Graph, nodes: &[usize]) -> Vec<(usize, Vec<usize>, bool)> {
    let in_schema: std::collections::HashSet<usize> = nodes.iter().copied().collect();
    let degree = |n: usize| graph.outgoing[n].len() + graph.incoming[n].len();
    let mut seeds: Vec<usize> = nodes.to_vec();
    seeds.sort_by(|&a, &b| degree(b).cmp(&degree(a)).then(a.cmp(&b)));
    let mut placed = std::collections::HashSet::new();
    let mut out = Vec::new();
    for seed in seeds {
        if placed.contains(&seed) {
            continue;
        }
        placed.insert(seed);
        let mut members = vec![seed];
        let mut queue = VecDeque::from([seed]);
        while let Some(n) = queue.pop_front() {
            if members.len() >= GROUP_LIMIT {
                break;
            }
            for m in graph.neighbours(n) {
                if members.len() >= GROUP_LIMIT {
                    break;
                }
                if in_schema.contains(&m) && placed.insert(m) {
                    members.push(m);
                    queue.push_back(m);
                }
            }
        }
        out.push((seed, members));
    }
    merge_small(graph, out)
}

/// Merges clusters smaller than a third of the limit into the cluster they
/// have the most foreign keys with (while it has room), then packs what is
/// still small (unrelated tables, fragments) into shared clusters, so that
/// the overview is a few dozen well-filled groups rather than hundreds of
/// fragments.
fn merge_small(
    graph: &Graph,
    mut clusters: Vec<(usize, Vec<usize>)>,
) -> Vec<(usize, Vec<usize>, bool)> {
    let small = GROUP_LIMIT / 3;
    let mut of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (c, (_, members)) in clusters.iter().enumerate() {
        for &m in members {
            of.insert(m, c);
        }
    }
    let mut alive = vec![true; clusters.len()];
    loop {
        let mut merged = false;
        let mut order: Vec<usize> = (0..clusters.len()).filter(|&c| alive[c]).collect();
        order.sort_by_key(|&c| (clusters[c].1.len(), c));
        for c in order {
            if !alive[c] || clusters[c].1.len() >= small {
                continue;
            }
            let mut links: BTreeMap<usize, usize> = BTreeMap::new();
            for &m in &clusters[c].1 {
                for n in graph.neighbours(m) {
                    if let Some(&d) = of.get(&n)
                        && d != c
                        && alive[d]
                    {
                        *links.entry(d).or_default() += 1;
                    }
                }
            }
            let size = clusters[c].1.len();
            let best = links
                .into_iter()
                .filter(|&(d, _)| clusters[d].1.len() + size <= GROUP_LIMIT)
                .max_by_key(|&(d, k)| (k, std::cmp::Reverse(d)));
            if let Some((d, _)) = best {
                let moved = std::mem::take(&mut clusters[c].1);
                for &m in &moved {
                    of.insert(m, d);
                }
                clusters[d].1.extend(moved);
                alive[c] = false;
                merged = true;
            }
        }
        if !merged {
            break;
        }
    }
    let (mut small_ones, large): (Vec<_>, Vec<_>) = clusters
        .into_iter()
        .zip(alive)
        .filter(|(_, a)| *a)
        .map(|(c, _)| c)
        .partition(|c| c.1.len() < small);
    // First-fit packing of what remains small, largest first.
    small_ones.sort_by_key(|c| (std::cmp::Reverse(c.1.len()), c.0));
    let mut packed: Vec<(usize, Vec<usize>, bool)> = Vec::new();
    for (seed, members) in small_ones {
        match packed
            .iter_mut()
            .find(|p| p.1.len() + members.len() <= GROUP_LIMIT)
        {
            Some(p) => p.1.extend(members),
            None => packed.push((seed, members, true)),
        }
    }
    let mut out: Vec<(usize, Vec<usize>, bool)> =
        large.into_iter().map(|(s, m)| (s, m, false)).collect();
    out.extend(packed);
    out
}

/// Which group each node is in.
pub fn membership(groups: &[Group], nodes: usize) -> Vec<usize> {
    let mut of = vec![0; nodes];
    for (g, group) in groups.iter().enumerate() {
        for &n in &group.nodes {
            of[n] = g;
        }
    }
    of
}
