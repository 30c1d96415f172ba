//! The static HTML site: an index with the overview diagram, a page per
//! table, view, routine, type and sequence, and a client-side search. It
//! opens from `file://`: no server, no network, no external resource (the
//! search index is a script, because browsers refuse `fetch` on files).

mod links;
mod pages;

use crate::erd::groups::{self, Group};
use crate::erd::svg::{self, SvgBox, SvgLink, SvgRow};
use crate::erd::{Columns, Selection};
use crate::graph::Graph;
use crate::{DocsError, Notes, Site};
pub use links::Links;
use links::root_of;
use minijinja::Environment;
use serde::Serialize;
use strata_model::Realm;

/// Most neighbours drawn in a table page's diagram.
pub const NEIGHBOUR_LIMIT: usize = 24;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/site.js");

/// Everything a page needs to know about the site.
pub(crate) struct Ctx<'a> {
    pub realm: &'a Realm,
    pub graph: Graph<'a>,
    pub links: Links,
    pub notes: &'a Notes,
    pub env: Environment<'static>,
    pub title: String,
    /// Who depends on each object (views on tables, ...), computed once.
    pub dependents: std::collections::HashMap<strata_model::ObjectRef, Vec<Dependent>>,
}

/// An object that depends on another, with its page from the root.
pub(crate) struct Dependent {
    pub name: String,
    pub href: Option<String>,
    pub comment: Option<String>,
}

fn dependents(
    realm: &Realm,
    links: &Links,
) -> std::collections::HashMap<strata_model::ObjectRef, Vec<Dependent>> {
    let mut map: std::collections::HashMap<strata_model::ObjectRef, Vec<Dependent>> =
        Default::default();
    for schema in realm.schemas.values() {
        let s = &schema.name;
        for v in schema.views.values() {
            for r in &v.depends_on {
                map.entry(r.clone()).or_default().push(Dependent {
                    name: format!("view {s}.{}", v.name),
                    href: links.view(s, &v.name),
                    comment: v.comment.clone(),
                });
            }
        }
        for t in schema.tables.values() {
            for r in &t.depends_on {
                map.entry(r.clone()).or_default().push(Dependent {
                    name: format!("table {s}.{}", t.name),
                    href: links.table(s, &t.name),
                    comment: t.comment.clone(),
                });
            }
        }
        for (key, r) in &schema.routines {
            for d in &r.depends_on {
                map.entry(d.clone()).or_default().push(Dependent {
                    name: format!("routine {s}.{key}"),
                    href: links.routine(s, key),
                    comment: r.comment.clone(),
                });
            }
        }
    }
    map
}

/// Generates the site.
pub fn generate(realm: &Realm, notes: &Notes) -> Result<Site, DocsError> {
    let links = Links::new(realm);
    let ctx = Ctx {
        realm,
        graph: Graph::new(realm),
        dependents: dependents(realm, &links),
        links,
        notes,
        env: environment()?,
        title: site_title(realm),
    };
    let mut site = Site::default();
    site.add("assets/style.css", STYLE);
    site.add("assets/site.js", SCRIPT);
    site.add("assets/search-index.js", search_index(&ctx));
    let groups = groups::groups(&ctx.graph);
    site.add("index.html", index(&ctx, groups.as_deref())?);
    if let Some(groups) = &groups {
        for g in groups {
            let path = format!("groups/{}.html", g.id);
            site.add(path.clone(), group_page(&ctx, g, &path)?);
        }
    }
    pages::objects(&ctx, &mut site)?;
    site.seal();
    Ok(site)
}

fn site_title(realm: &Realm) -> String {
    let names: Vec<&str> = realm.schemas.keys().map(String::as_str).collect();
    match names.as_slice() {
        [one] if realm.dialect.fixed_schema() != Some(one) => {
            format!("{} schema {one}", realm.dialect)
        }
        _ => format!("{} schema", realm.dialect),
    }
}

fn environment() -> Result<Environment<'static>, DocsError> {
    let mut env = Environment::new();
    let templates = [
        ("base.html", include_str!("templates/base.html")),
        ("index.html", include_str!("templates/index.html")),
        ("group.html", include_str!("templates/group.html")),
        ("schema.html", include_str!("templates/schema.html")),
        ("table.html", include_str!("templates/table.html")),
        ("view.html", include_str!("templates/view.html")),
        ("routine.html", include_str!("templates/routine.html")),
        ("type.html", include_str!("templates/type.html")),
        ("sequence.html", include_str!("templates/sequence.html")),
    ];
    for (name, source) in templates {
        env.add_template(name, source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

fn template_error(name: &str, e: &minijinja::Error) -> DocsError {
    DocsError::Template {
        name: name.to_string(),
        message: e.to_string(),
    }
}

/// Renders `template` for the page at `path` with the page's own values.
pub(crate) fn render<S: Serialize>(
    ctx: &Ctx,
    template: &str,
    path: &str,
    title: &str,
    page: S,
) -> Result<String, DocsError> {
    let tmpl = ctx
        .env
        .get_template(template)
        .map_err(|e| template_error(template, &e))?;
    tmpl.render(minijinja::context! {
        root => root_of(path),
        site_title => &ctx.title,
        title => title,
        dialect => ctx.realm.dialect.to_string(),
        page => page,
    })
    .map_err(|e| template_error(template, &e))
}

#[derive(Serialize)]
struct SchemaSummary {
    name: String,
    href: String,
    comment: Option<String>,
    note: Option<String>,
    tables: usize,
    views: usize,
    routines: usize,
    types: usize,
    sequences: usize,
}

#[derive(Serialize)]
struct GroupSummary {
    title: String,
    href: String,
    tables: usize,
}

fn index(ctx: &Ctx, groups: Option<&[Group]>) -> Result<String, DocsError> {
    let path = "index.html";
    let root = root_of(path);
    let diagram = match groups {
        None => svg::tables(
            &ctx.graph,
            &Selection::all(&ctx.graph),
            Columns::Keys,
            "overview",
            &|n| table_href(ctx, n, &root),
        ),
        Some(groups) => group_overview(ctx, groups, &root),
    };
    let schemas: Vec<SchemaSummary> = ctx
        .realm
        .schemas
        .values()
        .map(|s| SchemaSummary {
            name: s.name.clone(),
            href: ctx.links.schema(&s.name).unwrap_or_default(),
            comment: s.comment.clone(),
            note: ctx.notes.schema(&s.name).map(str::to_string),
            tables: s.tables.len(),
            views: s.views.len(),
            routines: s.routines.len(),
            types: s.types.len(),
            sequences: s.sequences.len(),
        })
        .collect();
    let group_list: Vec<GroupSummary> = groups
        .unwrap_or_default()
        .iter()
        .map(|g| GroupSummary {
            title: g.title.clone(),
            href: format!("groups/{}.html", g.id),
            tables: g.nodes.len(),
        })
        .collect();
    let unsupported: Vec<String> = ctx
        .realm
        .unsupported
        .iter()
        .map(|u| {
            if u.schema.is_empty() {
                format!("{} {}", u.kind, u.name)
            } else {
                format!("{} {}.{}", u.kind, u.schema, u.name)
            }
        })
        .collect();
    render(
        ctx,
        "index.html",
        path,
        &ctx.title,
        minijinja::context! {
            server => &ctx.realm.server.version,
            tables => ctx.graph.nodes.len(),
            foreign_keys => ctx.graph.edges.len(),
            schemas => schemas,
            groups => group_list,
            diagram => diagram,
            unsupported => unsupported,
            extensions => ctx.realm.extensions.values().map(|e| format!("{} {}", e.name, e.version)).collect::<Vec<_>>(),
        },
    )
}

/// The overview of a large realm: a box per group, a link per pair of
/// groups with foreign keys between them (thicker for more).
fn group_overview(ctx: &Ctx, groups: &[Group], root: &str) -> String {
    let of = groups::membership(groups, ctx.graph.nodes.len());
    let boxes: Vec<SvgBox> = groups
        .iter()
        .map(|g| {
            let degree = |n: &usize| ctx.graph.outgoing[*n].len() + ctx.graph.incoming[*n].len();
            let mut hubs = g.nodes.clone();
            hubs.sort_by(|a, b| degree(b).cmp(&degree(a)).then(a.cmp(b)));
            let shown = hubs.len().min(5);
            SvgBox {
                title: g.title.clone(),
                subtitle: Some(format!("{} tables", g.nodes.len())),
                rows: hubs[..shown]
                    .iter()
                    .map(|&n| SvgRow {
                        name: ctx.graph.nodes[n].table.name.clone(),
                        detail: String::new(),
                        key: "",
                    })
                    .collect(),
                footer: (g.nodes.len() > shown)
                    .then(|| format!("and {} more", g.nodes.len() - shown)),
                href: Some(format!("{root}groups/{}.html", g.id)),
                data: vec![("data-group", g.id.clone())],
                highlight: false,
                tooltip: Some(g.title.clone()),
            }
        })
        .collect();
    let links: Vec<SvgLink> = backbone(ctx, groups, &of)
        .into_iter()
        .map(|(a, b, count)| SvgLink {
            from: a,
            to: b,
            tooltip: format!(
                "{count} foreign key(s) between {} and {}",
                groups[a].title, groups[b].title
            ),
            data: vec![("data-fk-count", count.to_string())],
            weight: count,
            optional: true,
            ..SvgLink::default()
        })
        .collect();
    svg::draw(&boxes, &links, "overview groups")
}

/// The links the group overview draws: a maximum spanning forest of the
/// groups, weighted by the number of foreign keys between them. In a large
/// schema nearly every group references nearly every other, and drawing
/// every pair is the hairball the grouping exists to avoid; the strongest
/// links keep related groups side by side, and each group's page lists
/// every foreign key to other groups. Returns (referencing group,
/// referenced group, foreign keys between the two).
fn backbone(ctx: &Ctx, groups: &[Group], of: &[usize]) -> Vec<(usize, usize, usize)> {
    // Per unordered pair: foreign keys each way.
    let mut pairs: std::collections::BTreeMap<(usize, usize), (usize, usize)> = Default::default();
    for e in &ctx.graph.edges {
        let (a, b) = (of[e.child], of[e.parent]);
        if a == b {
            continue;
        }
        let entry = pairs.entry((a.min(b), a.max(b))).or_default();
        if a < b {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let mut candidates: Vec<((usize, usize), (usize, usize))> = pairs.into_iter().collect();
    candidates.sort_by(|x, y| (y.1.0 + y.1.1).cmp(&(x.1.0 + x.1.1)).then(x.0.cmp(&y.0)));
    let mut root: Vec<usize> = (0..groups.len()).collect();
    fn find(root: &mut [usize], mut x: usize) -> usize {
        while root[x] != x {
            root[x] = root[root[x]];
            x = root[x];
        }
        x
    }
    let mut out = Vec::new();
    for ((a, b), (forward, backward)) in candidates {
        let (ra, rb) = (find(&mut root, a), find(&mut root, b));
        if ra == rb {
            continue;
        }
        root[ra.max(rb)] = ra.min(rb);
        // Drawn in the direction most of its foreign keys go.
        if forward >= backward {
            out.push((a, b, forward + backward));
        } else {
            out.push((b, a, forward + backward));
        }
    }
    out
}

#[derive(Serialize)]
struct CrossLink {
    from: String,
    from_href: String,
    to: String,
    to_href: String,
    columns: String,
}

fn group_page(ctx: &Ctx, group: &Group, path: &str) -> Result<String, DocsError> {
    let root = root_of(path);
    let nodes: std::collections::BTreeSet<usize> = group.nodes.iter().copied().collect();
    let selection = Selection::of(&ctx.graph, nodes.clone(), None);
    let diagram = svg::tables(&ctx.graph, &selection, Columns::Keys, "group", &|n| {
        table_href(ctx, n, &root)
    });
    let mut outside = Vec::new();
    for e in &ctx.graph.edges {
        if nodes.contains(&e.child) != nodes.contains(&e.parent) {
            let href = |n: usize| {
                let node = ctx.graph.nodes[n];
                ctx.links
                    .table(node.schema, &node.table.name)
                    .unwrap_or_default()
            };
            outside.push(CrossLink {
                from: ctx.graph.nodes[e.child].qualified(),
                from_href: href(e.child),
                to: ctx.graph.nodes[e.parent].qualified(),
                to_href: href(e.parent),
                columns: e.fk.columns.join(", "),
            });
        }
    }
    let tables: Vec<pages::Link> = group
        .nodes
        .iter()
        .map(|&n| {
            let node = ctx.graph.nodes[n];
            pages::Link {
                name: node.qualified(),
                href: ctx
                    .links
                    .table(node.schema, &node.table.name)
                    .unwrap_or_default(),
                comment: node.table.comment.clone(),
            }
        })
        .collect();
    render(
        ctx,
        "group.html",
        path,
        &group.title,
        minijinja::context! {
            title => &group.title,
            diagram => diagram,
            tables => tables,
            outside => outside,
        },
    )
}

/// A table's page, relative to the page at `root`.
pub(crate) fn table_href(ctx: &Ctx, node: usize, root: &str) -> Option<String> {
    let n = ctx.graph.nodes[node];
    ctx.links
        .table(n.schema, &n.table.name)
        .map(|h| format!("{root}{h}"))
}

#[derive(Serialize)]
struct SearchEntry<'a> {
    /// name
    n: &'a str,
    /// schema
    s: &'a str,
    /// kind
    k: &'static str,
    /// page, from the root
    u: String,
    /// column names
    #[serde(skip_serializing_if = "Vec::is_empty")]
    c: Vec<&'a str>,
}

/// `assets/search-index.js`: every table (with its columns), view, routine,
/// type and sequence, as a script that sets `window.STRATA_SEARCH`.
fn search_index(ctx: &Ctx) -> String {
    let mut entries = Vec::new();
    for (sname, schema) in &ctx.realm.schemas {
        for t in schema.tables.values() {
            entries.push(SearchEntry {
                n: &t.name,
                s: sname,
                k: "table",
                u: ctx.links.table(sname, &t.name).unwrap_or_default(),
                c: t.columns.iter().map(|c| c.name.as_str()).collect(),
            });
        }
        for v in schema.views.values() {
            entries.push(SearchEntry {
                n: &v.name,
                s: sname,
                k: if v.materialized {
                    "materialized view"
                } else {
                    "view"
                },
                u: ctx.links.view(sname, &v.name).unwrap_or_default(),
                c: v.columns.iter().map(|c| c.name.as_str()).collect(),
            });
        }
        for (key, r) in &schema.routines {
            entries.push(SearchEntry {
                n: key,
                s: sname,
                k: match r.kind {
                    strata_model::RoutineKind::Function => "function",
                    strata_model::RoutineKind::Procedure => "procedure",
                    strata_model::RoutineKind::Aggregate => "aggregate",
                },
                u: ctx.links.routine(sname, key).unwrap_or_default(),
                c: Vec::new(),
            });
        }
        for t in schema.types.values() {
            entries.push(SearchEntry {
                n: &t.name,
                s: sname,
                k: "type",
                u: ctx.links.user_type(sname, &t.name).unwrap_or_default(),
                c: Vec::new(),
            });
        }
        for q in schema.sequences.values() {
            entries.push(SearchEntry {
                n: &q.name,
                s: sname,
                k: "sequence",
                u: ctx.links.sequence(sname, &q.name).unwrap_or_default(),
                c: Vec::new(),
            });
        }
    }
    // `</` could end an inline script; this file is external, but escape
    // anyway so the text is safe wherever it is put.
    let json = serde_json::to_string(&entries)
        .unwrap_or_else(|_| "[]".to_string())
        .replace("</", "<\\/");
    format!("window.STRATA_SEARCH = {json};\n")
}
