//! SVG drawings, laid out by [`super::layout`]: table diagrams (a box per
//! table with its key columns, a path per foreign key) and group diagrams
//! (a box per schema or cluster, a path per group pair).
//!
//! Every table box carries `data-table="schema.name"` and every foreign key
//! path `data-fk="schema.table#n"`, so that tests and scripts can find them.

use super::layout::{self, LayoutEdge, LayoutNode};
use super::{Columns, Selection};
use crate::graph::{self, Graph};
use crate::text::{escape_html as esc, truncate};
use std::fmt::Write as _;

const HEADER: f64 = 26.0;
const ROW: f64 = 18.0;
const PAD: f64 = 8.0;
const CHAR: f64 = 6.6;
const TITLE_CHAR: f64 = 7.6;
const MIN_WIDTH: f64 = 110.0;
const MAX_WIDTH: f64 = 340.0;

/// One box to draw.
#[derive(Debug, Clone, Default)]
pub struct SvgBox {
    /// The header line.
    pub title: String,
    /// A second header line (a comment, a table count).
    pub subtitle: Option<String>,
    /// Column rows.
    pub rows: Vec<SvgRow>,
    /// A dimmed last line ("12 more columns").
    pub footer: Option<String>,
    /// Where clicking the box leads.
    pub href: Option<String>,
    /// `(attribute, value)` pairs written on the box's group element.
    pub data: Vec<(&'static str, String)>,
    /// Drawn highlighted (the table a page is about).
    pub highlight: bool,
    /// Tooltip.
    pub tooltip: Option<String>,
}

/// One row of a box: a column, or a line of text.
#[derive(Debug, Clone, Default)]
pub struct SvgRow {
    /// The column name.
    pub name: String,
    /// Its type, dimmed.
    pub detail: String,
    /// `PK`, `FK`, `PK FK` or empty.
    pub key: &'static str,
}

/// One link between two boxes, from the referencing side to the referenced.
#[derive(Debug, Clone, Default)]
pub struct SvgLink {
    /// The referencing box.
    pub from: usize,
    /// The referenced box.
    pub to: usize,
    /// The row the link starts at (the header when none).
    pub from_row: Option<usize>,
    /// The row the link ends at.
    pub to_row: Option<usize>,
    /// `(attribute, value)` pairs written on the path.
    pub data: Vec<(&'static str, String)>,
    /// Tooltip.
    pub tooltip: String,
    /// A referencing row may have no referenced row.
    pub optional: bool,
    /// At most one referencing row per referenced row.
    pub one_to_one: bool,
    /// Drawn thicker for aggregated links (group diagrams).
    pub weight: usize,
}

impl SvgBox {
    fn size(&self) -> (f64, f64) {
        let title = self.title.chars().count() as f64 * TITLE_CHAR;
        let subtitle = self
            .subtitle
            .as_ref()
            .map_or(0.0, |s| s.chars().count() as f64 * CHAR);
        let rows = self
            .rows
            .iter()
            .map(|r| {
                (r.name.chars().count() + r.detail.chars().count() + r.key.len() + 3) as f64 * CHAR
            })
            .fold(0.0, f64::max);
        let width = (title.max(subtitle).max(rows) + 2.0 * PAD).clamp(MIN_WIDTH, MAX_WIDTH);
        let lines = self.rows.len() + usize::from(self.footer.is_some());
        let height = HEADER
            + if self.subtitle.is_some() { ROW } else { 0.0 }
            + lines as f64 * ROW
            + if lines > 0 { PAD / 2.0 } else { 0.0 };
        (width.round(), height)
    }

    fn row_y(&self, row: Option<usize>) -> f64 {
        let top = HEADER + if self.subtitle.is_some() { ROW } else { 0.0 };
        match row {
            Some(r) if r < self.rows.len() => top + r as f64 * ROW + ROW / 2.0,
            _ => HEADER / 2.0,
        }
    }
}

/// Draws boxes and links as a standalone `<svg>` element.
pub fn draw(boxes: &[SvgBox], links: &[SvgLink], class: &str) -> String {
    let sizes: Vec<(f64, f64)> = boxes.iter().map(SvgBox::size).collect();
    let nodes: Vec<LayoutNode> = sizes
        .iter()
        .map(|&(width, height)| LayoutNode { width, height })
        .collect();
    let edges: Vec<LayoutEdge> = links
        .iter()
        .map(|l| LayoutEdge {
            from: l.from,
            to: l.to,
            from_offset: boxes[l.from].row_y(l.from_row),
            to_offset: boxes[l.to].row_y(l.to_row),
        })
        .collect();
    let placed = layout::layout(&nodes, &edges);
    let (w, h) = (placed.width.ceil().max(1.0), placed.height.ceil().max(1.0));
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"erd {class}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\">"
    );
    s.push_str(DEFS);
    s.push_str("<g class=\"edges\">");
    for (link, route) in links.iter().zip(&placed.routes) {
        let d = path(&route.points, route.self_loop);
        if d.is_empty() {
            continue;
        }
        let start = if link.one_to_one { "one-start" } else { "many" };
        let end = if link.optional { "zero-one" } else { "one" };
        let width = if link.weight > 1 {
            (1.0 + (link.weight as f64).ln()).min(6.0)
        } else {
            1.2
        };
        let _ = write!(
            s,
            "<path class=\"edge\" d=\"{d}\" stroke-width=\"{width:.1}\" marker-start=\"url(#many-or-one-{start})\" marker-end=\"url(#end-{end})\"{}><title>{}</title></path>",
            attrs(&link.data),
            esc(&link.tooltip)
        );
    }
    s.push_str("</g><g class=\"nodes\">");
    for ((b, &(bw, bh)), &(x, y)) in boxes.iter().zip(&sizes).zip(&placed.positions) {
        draw_box(&mut s, b, x, y, bw, bh);
    }
    s.push_str("</g></svg>");
    s
}

fn draw_box(s: &mut String, b: &SvgBox, x: f64, y: f64, w: f64, h: f64) {
    let class = if b.highlight { "node focus" } else { "node" };
    let _ = write!(
        s,
        "<g class=\"{class}\"{} transform=\"translate({x:.1},{y:.1})\">",
        attrs(&b.data)
    );
    if let Some(href) = &b.href {
        let _ = write!(s, "<a href=\"{}\">", esc(href));
    }
    if let Some(t) = &b.tooltip {
        let _ = write!(s, "<title>{}</title>", esc(t));
    }
    let _ = write!(
        s,
        "<rect class=\"box\" width=\"{w}\" height=\"{h}\" rx=\"4\"/><rect class=\"head\" width=\"{w}\" height=\"{HEADER}\" rx=\"4\"/>"
    );
    let max_chars = ((w - 2.0 * PAD) / CHAR) as usize;
    let _ = write!(
        s,
        "<text class=\"title\" x=\"{PAD}\" y=\"{:.1}\">{}</text>",
        HEADER / 2.0 + 4.5,
        esc(&truncate(&b.title, ((w - 2.0 * PAD) / TITLE_CHAR) as usize))
    );
    let mut top = HEADER;
    if let Some(sub) = &b.subtitle {
        let _ = write!(
            s,
            "<text class=\"sub\" x=\"{PAD}\" y=\"{:.1}\">{}</text>",
            top + ROW / 2.0 + 4.0,
            esc(&truncate(sub, max_chars))
        );
        top += ROW;
    }
    for (i, row) in b.rows.iter().enumerate() {
        let ry = top + i as f64 * ROW + ROW / 2.0 + 4.0;
        let key = if row.key.is_empty() {
            String::new()
        } else {
            format!("<tspan class=\"key\">{}</tspan> ", row.key)
        };
        let name_chars = max_chars.saturating_sub(row.key.len() + 1);
        let name = truncate(&row.name, name_chars);
        let room = name_chars.saturating_sub(name.chars().count() + 1);
        let detail = if room >= 4 {
            format!(
                " <tspan class=\"type\">{}</tspan>",
                esc(&truncate(&row.detail, room))
            )
        } else {
            String::new()
        };
        let _ = write!(
            s,
            "<text class=\"row\" x=\"{PAD}\" y=\"{ry:.1}\">{key}{}{detail}</text>",
            esc(&name)
        );
    }
    if let Some(f) = &b.footer {
        let ry = top + b.rows.len() as f64 * ROW + ROW / 2.0 + 4.0;
        let _ = write!(
            s,
            "<text class=\"more\" x=\"{PAD}\" y=\"{ry:.1}\">{}</text>",
            esc(&truncate(f, max_chars))
        );
    }
    if b.href.is_some() {
        s.push_str("</a>");
    }
    s.push_str("</g>");
}

fn attrs(data: &[(&'static str, String)]) -> String {
    data.iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", esc(v)))
        .collect()
}

/// A smooth path through the route's points (horizontal tangents at each).
fn path(points: &[(f64, f64)], self_loop: bool) -> String {
    let Some(&(x0, y0)) = points.first() else {
        return String::new();
    };
    let mut d = format!("M{x0:.1},{y0:.1}");
    if self_loop {
        if let Some(&(x1, y1)) = points.get(1) {
            let y1 = if (y1 - y0).abs() < 1.0 { y0 + ROW } else { y1 };
            let _ = write!(
                d,
                " C{:.1},{y0:.1} {:.1},{y1:.1} {x1:.1},{y1:.1}",
                x0 + 40.0,
                x1 + 40.0
            );
        }
        return d;
    }
    for pair in points.windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let mid = (bx - ax) / 2.0;
        let _ = write!(
            d,
            " C{:.1},{ay:.1} {:.1},{by:.1} {bx:.1},{by:.1}",
            ax + mid,
            bx - mid
        );
    }
    d
}

/// Crow's-foot ends. Paths run from the referencing table to the referenced
/// one, so the start marker is the "many" (or "one") end.
const DEFS: &str = "<defs>\
<marker id=\"many-or-one-many\" viewBox=\"0 0 12 12\" refX=\"0\" refY=\"6\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"M12,6 L0,0 M12,6 L0,6 M12,6 L0,12\" class=\"mark\"/></marker>\
<marker id=\"many-or-one-one-start\" viewBox=\"0 0 12 12\" refX=\"0\" refY=\"6\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"M4,0 L4,12\" class=\"mark\"/></marker>\
<marker id=\"end-one\" viewBox=\"0 0 12 12\" refX=\"12\" refY=\"6\" markerWidth=\"12\" markerHeight=\"12\" orient=\"auto\" markerUnits=\"userSpaceOnUse\"><path d=\"M4,0 L4,12 M8,0 L8,12\" class=\"mark\"/></marker>\
<marker id=\"end-zero-one\" viewBox=\"0 0 14 12\" refX=\"14\" refY=\"6\" markerWidth=\"14\" markerHeight=\"12\" orient=\"auto\" markerUnits=\"userSpaceOnUse\"><circle cx=\"4\" cy=\"6\" r=\"3\" class=\"mark hollow\"/><path d=\"M10,0 L10,12\" class=\"mark\"/></marker>\
</defs>";

/// A table diagram of a selection. `href` gives each table's link (or none).
pub fn tables(
    graph: &Graph,
    selection: &Selection,
    columns: Columns,
    class: &str,
    href: &dyn Fn(usize) -> Option<String>,
) -> String {
    let mut slot = std::collections::HashMap::new();
    let mut boxes = Vec::with_capacity(selection.nodes.len());
    for &n in &selection.nodes {
        slot.insert(n, boxes.len());
        let node = graph.nodes[n];
        let shown = super::shown_columns(graph, n, columns);
        let hidden = node.table.columns.len() - shown.len();
        boxes.push(SvgBox {
            title: graph.display_name(n),
            subtitle: node.table.comment.as_ref().map(|c| first_line(c)),
            rows: shown
                .iter()
                .map(|c| SvgRow {
                    name: c.name.clone(),
                    detail: c.data_type.clone(),
                    key: match (
                        graph::is_pk(node.table, &c.name),
                        graph::is_fk(node.table, &c.name),
                    ) {
                        (true, true) => "PK FK",
                        (true, false) => "PK",
                        (false, true) => "FK",
                        (false, false) => "",
                    },
                })
                .collect(),
            footer: (hidden > 0).then(|| format!("{hidden} more column(s)")),
            href: href(n),
            data: vec![("data-table", node.qualified())],
            highlight: selection.focus == Some(n),
            tooltip: Some(node.qualified()),
        });
    }
    let links: Vec<SvgLink> = selection
        .edges
        .iter()
        .filter_map(|&e| {
            let edge = &graph.edges[e];
            let (from, to) = (*slot.get(&edge.child)?, *slot.get(&edge.parent)?);
            let row = |b: &SvgBox, col: Option<&String>| {
                col.and_then(|c| b.rows.iter().position(|r| &r.name == c))
            };
            Some(SvgLink {
                from,
                to,
                from_row: row(&boxes[from], edge.fk.columns.first()),
                to_row: row(&boxes[to], edge.fk.referenced_columns.first()),
                data: vec![("data-fk", fk_id(graph, e))],
                tooltip: format!(
                    "{} ({}) -> {} ({})",
                    graph.display_name(edge.child),
                    edge.fk.columns.join(", "),
                    graph.display_name(edge.parent),
                    edge.fk.referenced_columns.join(", ")
                ),
                optional: edge.optional,
                one_to_one: edge.one_to_one,
                weight: 1,
            })
        })
        .collect();
    draw(&boxes, &links, class)
}

/// A stable id for a foreign key: `schema.table#position`.
pub fn fk_id(graph: &Graph, edge: usize) -> String {
    let e = &graph.edges[edge];
    format!("{}#{}", graph.nodes[e.child].qualified(), e.position)
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}
