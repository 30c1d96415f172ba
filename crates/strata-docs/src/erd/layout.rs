//! A layered (Sugiyama-style) layout for ER diagrams, so that strata draws
//! SVG without the Graphviz binary.
//!
//! Tables flow left to right: a table that references nothing sits in the
//! first column, a table sits one column right of the tables it references.
//! The steps are the classic ones:
//!
//! 1. connected components are laid out separately and packed in rows
//!    (a schema of unrelated tables must not become one very tall column);
//! 2. cycles are broken by reversing back edges of a depth-first search;
//! 3. ranks come from the longest path, then tables that reference nothing
//!    are pulled right next to their nearest child (shorter edges);
//! 4. edges spanning several ranks get dummy nodes, so they route around
//!    tables and take part in ordering;
//! 5. the order within each rank is improved by barycenter sweeps, keeping
//!    the order with the fewest crossings (counted exactly);
//! 6. vertical positions are the least-squares fit of each node to its
//!    neighbours' anchors under the "no overlap, keep the order"
//!    constraint, solved exactly by pool-adjacent-violators, a few sweeps.
//!
//! Everything is deterministic: the same input gives the same picture.

/// A box to place.
#[derive(Debug, Clone, Copy)]
pub struct LayoutNode {
    /// Width in pixels.
    pub width: f64,
    /// Height in pixels.
    pub height: f64,
}

/// A link from `from` (the referencing table) to `to` (the referenced one),
/// anchored at the given heights inside each box (the column rows).
#[derive(Debug, Clone, Copy)]
pub struct LayoutEdge {
    /// The referencing node.
    pub from: usize,
    /// The referenced node.
    pub to: usize,
    /// Height of the anchor inside `from` (its column row).
    pub from_offset: f64,
    /// Height of the anchor inside `to`.
    pub to_offset: f64,
}

/// The path of one edge, from `from` to `to`.
#[derive(Debug, Clone, Default)]
pub struct Route {
    /// Anchor, bend points (one per rank crossed), anchor.
    pub points: Vec<(f64, f64)>,
    /// A node referencing itself: `points` are the two anchors on its right side.
    pub self_loop: bool,
}

/// Positions (top-left corners), edge routes and the drawing's size.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Top-left corner of each node.
    pub positions: Vec<(f64, f64)>,
    /// The route of each edge, in input order.
    pub routes: Vec<Route>,
    /// Size of the whole drawing.
    pub width: f64,
    /// Size of the whole drawing.
    pub height: f64,
}

const RANK_GAP: f64 = 90.0;
const NODE_GAP: f64 = 28.0;
const DUMMY_HEIGHT: f64 = 6.0;
const COMPONENT_GAP: f64 = 50.0;
const MARGIN: f64 = 16.0;
const ORDER_SWEEPS: usize = 12;
const POSITION_SWEEPS: usize = 10;

/// Lays out `nodes` and `edges`.
pub fn layout(nodes: &[LayoutNode], edges: &[LayoutEdge]) -> Layout {
    let n = nodes.len();
    let mut out = Layout {
        positions: vec![(0.0, 0.0); n],
        routes: vec![Route::default(); edges.len()],
        width: 0.0,
        height: 0.0,
    };
    if n == 0 {
        return out;
    }
    let components = components(n, edges);
    let mut placed: Vec<Placed> = components
        .iter()
        .map(|c| layout_component(nodes, edges, c))
        .collect();
    pack(&mut placed, &mut out);
    out
}

/// A component laid out at the origin.
struct Placed {
    nodes: Vec<usize>,
    positions: Vec<(f64, f64)>,
    /// (edge index, route) for the component's edges.
    routes: Vec<(usize, Route)>,
    width: f64,
    height: f64,
}

/// Connected components (ignoring direction), each sorted, ordered by their
/// smallest node.
fn components(n: usize, edges: &[LayoutEdge]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for e in edges {
        let (a, b) = (root(&mut parent, e.from), root(&mut parent, e.to));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for v in 0..n {
        let r = root(&mut parent, v);
        groups.entry(r).or_default().push(v);
    }
    groups.into_values().collect()
}

fn layout_component(nodes: &[LayoutNode], edges: &[LayoutEdge], members: &[usize]) -> Placed {
    let local: std::collections::HashMap<usize, usize> =
        members.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let n = members.len();
    // Edges of this component in DAG direction: referenced (left) -> referencing.
    let mut dag: Vec<DagEdge> = Vec::new();
    let mut self_loops = Vec::new();
    for (i, e) in edges.iter().enumerate() {
        let (Some(&from), Some(&to)) = (local.get(&e.from), local.get(&e.to)) else {
            continue;
        };
        if from == to {
            self_loops.push(i);
            continue;
        }
        dag.push(DagEdge {
            edge: i,
            tail: to,
            head: from,
            reversed: false,
        });
    }
    break_cycles(n, &mut dag);
    let ranks = rank(n, &dag);
    let mut layered = Layered::build(nodes, members, &ranks, &dag, edges);
    layered.order();
    layered.position();
    let mut placed = layered.finish(nodes, members, edges, &dag);
    for i in self_loops {
        let e = &edges[i];
        let Some(&v) = local.get(&e.from) else {
            continue;
        };
        let (x, y) = placed.positions[v];
        let right = x + nodes[members[v]].width;
        placed.routes.push((
            i,
            Route {
                points: vec![(right, y + e.from_offset), (right, y + e.to_offset)],
                self_loop: true,
            },
        ));
    }
    placed.nodes = members.to_vec();
    placed
}

#[derive(Debug, Clone, Copy)]
struct DagEdge {
    edge: usize,
    tail: usize,
    head: usize,
    /// Drawn against the flow, to break a cycle.
    reversed: bool,
}

/// Reverses the back edges of an iterative depth-first search.
fn break_cycles(n: usize, dag: &mut [DagEdge]) {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, e) in dag.iter().enumerate() {
        adj[e.tail].push(i);
    }
    // 0 unvisited, 1 on the stack, 2 done
    let mut state = vec![0u8; n];
    let mut reverse = Vec::new();
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if *next < adj[v].len() {
                let ei = adj[v][*next];
                *next += 1;
                let w = dag[ei].head;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => reverse.push(ei),
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    for ei in reverse {
        let e = &mut dag[ei];
        std::mem::swap(&mut e.tail, &mut e.head);
        e.reversed = true;
    }
}

/// Longest-path ranks, then sources pulled right next to their nearest successor.
fn rank(n: usize, dag: &[DagEdge]) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in dag {
        indegree[e.head] += 1;
        succ[e.tail].push(e.head);
    }
    let mut order = Vec::with_capacity(n);
    let mut ready: std::collections::VecDeque<usize> =
        (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut remaining = indegree.clone();
    while let Some(v) = ready.pop_front() {
        order.push(v);
        for &w in &succ[v] {
            remaining[w] -= 1;
            if remaining[w] == 0 {
                ready.push_back(w);
            }
        }
    }
    let mut ranks = vec![0usize; n];
    for &v in &order {
        for &w in &succ[v] {
            ranks[w] = ranks[w].max(ranks[v] + 1);
        }
    }
    for &v in order.iter().rev() {
        if indegree[v] == 0
            && let Some(min) = succ[v].iter().map(|&w| ranks[w]).min()
        {
            ranks[v] = min.saturating_sub(1).max(ranks[v]);
        }
    }
    ranks
}

/// The layered graph: real nodes and dummies, by rank.
struct Layered {
    /// Per layered node: rank, height, anchor offset, real node (local index).
    rank: Vec<usize>,
    height: Vec<f64>,
    real: Vec<Option<usize>>,
    /// Layered edges: (upper-rank node, lower-rank node, offset at upper, offset at lower).
    links: Vec<(usize, usize, f64, f64)>,
    /// For each DAG edge: its chain of layered nodes, tail to head.
    chains: Vec<Vec<usize>>,
    layers: Vec<Vec<usize>>,
    /// Position of each layered node in its layer.
    pos: Vec<usize>,
    y: Vec<f64>,
}

impl Layered {
    fn build(
        nodes: &[LayoutNode],
        members: &[usize],
        ranks: &[usize],
        dag: &[DagEdge],
        edges: &[LayoutEdge],
    ) -> Layered {
        let mut l = Layered {
            rank: ranks.to_vec(),
            height: members.iter().map(|&v| nodes[v].height).collect(),
            real: (0..members.len()).map(Some).collect(),
            links: Vec::new(),
            chains: Vec::new(),
            layers: Vec::new(),
            pos: Vec::new(),
            y: Vec::new(),
        };
        for e in dag {
            let original = &edges[e.edge];
            // Anchor heights at the tail and head ends of the DAG edge.
            let (tail_off, head_off) = if e.reversed {
                (original.from_offset, original.to_offset)
            } else {
                (original.to_offset, original.from_offset)
            };
            let mut chain = vec![e.tail];
            let mut prev = e.tail;
            let mut prev_off = tail_off;
            for r in ranks[e.tail] + 1..ranks[e.head] {
                let d = l.rank.len();
                l.rank.push(r);
                l.height.push(DUMMY_HEIGHT);
                l.real.push(None);
                l.links.push((prev, d, prev_off, DUMMY_HEIGHT / 2.0));
                chain.push(d);
                prev = d;
                prev_off = DUMMY_HEIGHT / 2.0;
            }
            l.links.push((prev, e.head, prev_off, head_off));
            chain.push(e.head);
            l.chains.push(chain);
        }
        let max_rank = l.rank.iter().copied().max().unwrap_or(0);
        l.layers = vec![Vec::new(); max_rank + 1];
        // Initial order: depth-first from the first rank, so that related
        // nodes start close together.
        let count = l.rank.len();
        let mut down: Vec<Vec<usize>> = vec![Vec::new(); count];
        for &(a, b, _, _) in &l.links {
            down[a].push(b);
        }
        let mut seen = vec![false; count];
        let mut roots: Vec<usize> = (0..count).collect();
        roots.sort_by_key(|&v| (l.rank[v], v));
        for root in roots {
            let mut stack = vec![root];
            while let Some(v) = stack.pop() {
                if seen[v] {
                    continue;
                }
                seen[v] = true;
                l.layers[l.rank[v]].push(v);
                for &w in down[v].iter().rev() {
                    if !seen[w] {
                        stack.push(w);
                    }
                }
            }
        }
        l.pos = vec![0; count];
        l.refresh_positions();
        l
    }

    fn refresh_positions(&mut self) {
        for layer in &self.layers {
            for (i, &v) in layer.iter().enumerate() {
                self.pos[v] = i;
            }
        }
    }

    /// Barycenter sweeps, keeping the best order seen.
    fn order(&mut self) {
        let count = self.rank.len();
        let mut up: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut down: Vec<Vec<usize>> = vec![Vec::new(); count];
        for &(a, b, _, _) in &self.links {
            down[a].push(b);
            up[b].push(a);
        }
        let mut best = self.layers.clone();
        let mut best_crossings = self.crossings();
        for sweep in 0..ORDER_SWEEPS {
            let ranks: Vec<usize> = if sweep % 2 == 0 {
                (1..self.layers.len()).collect()
            } else {
                (0..self.layers.len().saturating_sub(1)).rev().collect()
            };
            for r in ranks {
                let neighbours = if sweep % 2 == 0 { &up } else { &down };
                let mut keyed: Vec<(f64, usize, usize)> = self.layers[r]
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| {
                        let ns = &neighbours[v];
                        let key = if ns.is_empty() {
                            i as f64
                        } else {
                            ns.iter().map(|&w| self.pos[w] as f64).sum::<f64>() / ns.len() as f64
                        };
                        (key, i, v)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                self.layers[r] = keyed.into_iter().map(|(_, _, v)| v).collect();
                for (i, &v) in self.layers[r].iter().enumerate() {
                    self.pos[v] = i;
                }
            }
            let c = self.crossings();
            if c < best_crossings {
                best_crossings = c;
                best = self.layers.clone();
            }
            if best_crossings == 0 {
                break;
            }
        }
        self.layers = best;
        self.refresh_positions();
    }

    /// Edge crossings between consecutive layers (inversions, via a Fenwick tree).
    fn crossings(&self) -> usize {
        let mut by_rank: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.layers.len()];
        for &(a, b, _, _) in &self.links {
            by_rank[self.rank[a]].push((self.pos[a], self.pos[b]));
        }
        let mut total = 0;
        for (r, mut pairs) in by_rank.into_iter().enumerate() {
            let width = self.layers.get(r + 1).map_or(0, Vec::len);
            pairs.sort_unstable();
            let mut tree = vec![0usize; width + 1];
            for (seen, &(_, b)) in pairs.iter().enumerate() {
                // Earlier edges ending strictly right of b cross this one.
                let mut i = b + 1;
                let mut not_greater = 0;
                while i > 0 {
                    not_greater += tree[i];
                    i -= i & i.wrapping_neg();
                }
                total += seen - not_greater;
                let mut i = b + 1;
                while i <= width {
                    tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }

    /// Vertical positions: stacked, then fitted to neighbours' anchors.
    fn position(&mut self) {
        let count = self.rank.len();
        self.y = vec![0.0; count];
        for layer in &self.layers {
            let mut y = 0.0;
            for &v in layer {
                self.y[v] = y;
                y += self.height[v] + NODE_GAP;
            }
        }
        // (neighbour, own anchor offset, neighbour anchor offset)
        let mut up: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); count];
        let mut down: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); count];
        for &(a, b, off_a, off_b) in &self.links {
            down[a].push((b, off_a, off_b));
            up[b].push((a, off_b, off_a));
        }
        for sweep in 0..POSITION_SWEEPS {
            let ranks: Vec<usize> = if sweep % 2 == 0 {
                (0..self.layers.len()).collect()
            } else {
                (0..self.layers.len()).rev().collect()
            };
            for r in ranks {
                let layer = self.layers[r].clone();
                let desired: Vec<f64> = layer
                    .iter()
                    .map(|&v| {
                        let links: Vec<&(usize, f64, f64)> =
                            up[v].iter().chain(down[v].iter()).collect();
                        if links.is_empty() {
                            return self.y[v];
                        }
                        links
                            .iter()
                            .map(|&&(w, own, theirs)| self.y[w] + theirs - own)
                            .sum::<f64>()
                            / links.len() as f64
                    })
                    .collect();
                let heights: Vec<f64> = layer.iter().map(|&v| self.height[v]).collect();
                let fitted = fit_in_order(&desired, &heights, NODE_GAP);
                for (&v, y) in layer.iter().zip(fitted) {
                    self.y[v] = y;
                }
            }
        }
        let min = self.y.iter().copied().fold(f64::INFINITY, f64::min);
        if min.is_finite() {
            for y in &mut self.y {
                *y -= min;
            }
        }
    }

    fn finish(
        &self,
        nodes: &[LayoutNode],
        members: &[usize],
        edges: &[LayoutEdge],
        dag: &[DagEdge],
    ) -> Placed {
        // Rank columns: as wide as their widest node.
        let mut rank_width = vec![0.0f64; self.layers.len()];
        for (v, real) in self.real.iter().enumerate() {
            if let Some(i) = real {
                let r = self.rank[v];
                rank_width[r] = rank_width[r].max(nodes[members[*i]].width);
            }
        }
        let mut rank_x = Vec::with_capacity(rank_width.len());
        let mut x = 0.0;
        for w in &rank_width {
            rank_x.push(x);
            x += w + RANK_GAP;
        }
        let width = (x - RANK_GAP).max(0.0);
        let mut positions = vec![(0.0, 0.0); members.len()];
        let mut height: f64 = 0.0;
        for (v, real) in self.real.iter().enumerate() {
            height = height.max(self.y[v] + self.height[v]);
            if let Some(i) = real {
                let r = self.rank[v];
                let w = nodes[members[*i]].width;
                positions[*i] = (rank_x[r] + (rank_width[r] - w) / 2.0, self.y[v]);
            }
        }
        let mut routes = Vec::new();
        for (e, chain) in dag.iter().zip(&self.chains) {
            let original = &edges[e.edge];
            let mut points = Vec::with_capacity(chain.len());
            for (k, &v) in chain.iter().enumerate() {
                let r = self.rank[v];
                match self.real[v] {
                    Some(i) => {
                        let (px, py) = positions[i];
                        let w = nodes[members[i]].width;
                        // The tail end leaves from the right side, the head
                        // end arrives at the left side.
                        let x = if k == 0 { px + w } else { px };
                        let is_from = (k == 0) == e.reversed;
                        let off = if is_from {
                            original.from_offset
                        } else {
                            original.to_offset
                        };
                        points.push((x, py + off));
                    }
                    None => points.push((
                        rank_x[r] + rank_width[r] / 2.0,
                        self.y[v] + DUMMY_HEIGHT / 2.0,
                    )),
                }
            }
            // Routes run from the referencing table to the referenced one.
            if !e.reversed {
                points.reverse();
            }
            routes.push((
                e.edge,
                Route {
                    points,
                    self_loop: false,
                },
            ));
        }
        Placed {
            nodes: Vec::new(),
            positions,
            routes,
            width,
            height,
        }
    }
}

/// Least-squares positions for boxes kept in order without overlap: with
/// `z_i = y_i - (sum of heights and gaps above i)`, the constraint becomes
/// `z` non-decreasing, which pool-adjacent-violators solves exactly.
fn fit_in_order(desired: &[f64], heights: &[f64], gap: f64) -> Vec<f64> {
    let mut offsets = Vec::with_capacity(heights.len());
    let mut acc = 0.0;
    for h in heights {
        offsets.push(acc);
        acc += h + gap;
    }
    // Blocks of (mean, weight, length).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (d, o) in desired.iter().zip(&offsets) {
        blocks.push((d - o, 1.0, 1));
        while blocks.len() > 1 {
            let (m2, w2, l2) = blocks[blocks.len() - 1];
            let (m1, w1, l1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = ((m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, l1 + l2);
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (m, _, l) in blocks {
        for _ in 0..l {
            out.push(m + offsets[out.len()]);
        }
    }
    out
}

/// Packs the components in rows, largest first, aiming at a landscape
/// drawing; then writes global positions and routes into `out`.
fn pack(placed: &mut [Placed], out: &mut Layout) {
    let area: f64 = placed
        .iter()
        .map(|p| (p.width + COMPONENT_GAP) * (p.height + COMPONENT_GAP))
        .sum();
    let widest = placed.iter().map(|p| p.width).fold(0.0, f64::max);
    let row_limit = widest.max((area * 2.0).sqrt());
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&placed[a], &placed[b]);
        pb.nodes
            .len()
            .cmp(&pa.nodes.len())
            .then(pb.height.total_cmp(&pa.height))
            .then(a.cmp(&b))
    });
    let (mut x, mut y, mut row_height) = (MARGIN, MARGIN, 0.0f64);
    for i in order {
        let p = &placed[i];
        if x > MARGIN && x + p.width > row_limit + MARGIN {
            x = MARGIN;
            y += row_height + COMPONENT_GAP;
            row_height = 0.0;
        }
        for (k, &v) in p.nodes.iter().enumerate() {
            let (px, py) = p.positions[k];
            out.positions[v] = (px + x, py + y);
        }
        for (e, route) in &p.routes {
            out.routes[*e] = Route {
                points: route
                    .points
                    .iter()
                    .map(|(px, py)| (px + x, py + y))
                    .collect(),
                self_loop: route.self_loop,
            };
        }
        out.width = out.width.max(x + p.width + MARGIN);
        out.height = out.height.max(y + p.height + MARGIN);
        row_height = row_height.max(p.height);
        x += p.width + COMPONENT_GAP;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxes(n: usize) -> Vec<LayoutNode> {
        vec![
            LayoutNode {
                width: 100.0,
                height: 40.0
            };
            n
        ]
    }

    fn edge(from: usize, to: usize) -> LayoutEdge {
        LayoutEdge {
            from,
            to,
            from_offset: 20.0,
            to_offset: 20.0,
        }
    }

    fn overlaps(l: &Layout, nodes: &[LayoutNode]) -> bool {
        for i in 0..nodes.len() {
            for j in i + 1..nodes.len() {
                let (a, b) = (l.positions[i], l.positions[j]);
                let sep_x = a.0 + nodes[i].width <= b.0 || b.0 + nodes[j].width <= a.0;
                let sep_y = a.1 + nodes[i].height <= b.1 || b.1 + nodes[j].height <= a.1;
                if !sep_x && !sep_y {
                    return true;
                }
            }
        }
        false
    }

    #[test]
    fn referenced_tables_are_left_of_referencing_ones() {
        let nodes = boxes(3);
        // 0 references 1, 1 references 2
        let l = layout(&nodes, &[edge(0, 1), edge(1, 2)]);
        assert!(l.positions[2].0 < l.positions[1].0);
        assert!(l.positions[1].0 < l.positions[0].0);
        assert!(!overlaps(&l, &nodes));
        // Routes start at the referencing table and end at the referenced one.
        let r = &l.routes[0].points;
        assert_eq!(r.first().map(|p| p.0), Some(l.positions[0].0));
        assert_eq!(r.last().map(|p| p.0), Some(l.positions[1].0 + 100.0));
    }

    #[test]
    fn cycles_self_loops_and_long_edges() {
        let nodes = boxes(5);
        let edges = [
            edge(0, 1),
            edge(1, 2),
            edge(2, 0),
            edge(3, 3),
            edge(4, 0),
            edge(4, 2),
        ];
        let l = layout(&nodes, &edges);
        assert!(!overlaps(&l, &nodes));
        assert!(l.routes[3].self_loop);
        assert!(l.routes.iter().all(|r| r.points.len() >= 2));
        assert!(l.width > 0.0 && l.height > 0.0);
    }

    #[test]
    fn many_unrelated_tables_are_packed_not_stacked() {
        let nodes = boxes(100);
        let l = layout(&nodes, &[]);
        assert!(!overlaps(&l, &nodes));
        let ratio = l.width / l.height;
        assert!(ratio > 0.5 && ratio < 4.0, "{} x {}", l.width, l.height);
    }

    #[test]
    fn ordering_removes_avoidable_crossings() {
        // Two parents, two children each, given in an interleaved order.
        let nodes = boxes(6);
        let edges = [edge(2, 0), edge(3, 1), edge(4, 0), edge(5, 1)];
        let l = layout(&nodes, &edges);
        assert!(!overlaps(&l, &nodes));
        // Children of parent 0 sit on the same side of children of parent 1.
        let side = |c: usize, p: usize| (l.positions[c].1 < l.positions[p].1 + 60.0) as u8;
        let _ = side;
        let above = |a: usize, b: usize| l.positions[a].1 < l.positions[b].1;
        assert_eq!(above(0, 1), above(2, 3));
        assert_eq!(above(0, 1), above(4, 5));
    }

    #[test]
    fn fitting_keeps_order_and_gaps() {
        let y = fit_in_order(&[10.0, 0.0, 100.0], &[20.0, 20.0, 20.0], 10.0);
        assert!(y[1] >= y[0] + 30.0 - 1e-9);
        assert!(y[2] >= y[1] + 30.0 - 1e-9);
        assert!((y[2] - 100.0).abs() < 1e-9);
    }
}
