//! Documentation of the public sample schemas, loaded into real databases:
//! the HTML site checked in headless Chromium, the Mermaid and DOT diagrams
//! checked by Mermaid's parser and Graphviz, the Markdown pages and
//! `--check` on fresh and stale output.

mod common;

use common::*;
use strata_docs::{Format, Graph, Notes, Selection};
use strata_model::{
    Column, Dialect, ForeignKey, PrimaryKey, QualifiedName, Realm, Schema, Server, Table,
};

/// Two schemas, names with quotes, spaces, percent signs and keywords,
/// types with spaces, commas and quotes, a table without key columns.
fn hostile() -> Realm {
    let mut realm = Realm::new(Dialect::Postgres, Server::default());
    let mut a = Schema::new("a b");
    let mut parent = Table::new("one");
    parent
        .columns
        .push(Column::new("id \"x\"", "character varying(45)", false));
    parent
        .columns
        .push(Column::new("100%", "numeric(5,2)", true));
    parent.primary_key = Some(PrimaryKey {
        name: None,
        columns: vec!["id \"x\"".into()],
        deferrable: false,
        initially_deferred: false,
        comment: None,
    });
    let mut child = Table::new("a\"; drop table x; --");
    let mut c = Column::new("ref", "enum('a','b')", true);
    c.comment = Some("says \"hi\" 100% \\ ok".into());
    child.columns.push(c);
    child.foreign_keys.push(ForeignKey {
        name: Some("fk \"q\"".into()),
        columns: vec!["ref".into()],
        references: QualifiedName::new("a b", "one"),
        referenced_columns: vec!["id \"x\"".into()],
        on_update: Default::default(),
        on_delete: Default::default(),
        match_type: Default::default(),
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
        comment: None,
    });
    let mut empty = Table::new("end");
    empty.columns.push(Column::new("note", "", true));
    a.tables.insert(parent.name.clone(), parent);
    a.tables.insert(child.name.clone(), child);
    a.tables.insert(empty.name.clone(), empty);
    realm.schemas.insert("a b".into(), a);
    realm.schemas.insert("other".into(), Schema::new("other"));
    realm
}

/// Generates both formats, checks their shape, and runs the checker on the
/// site and on diagrams of the whole schema and of one neighbourhood.
fn document(name: &str, realm: &Realm, search: (&str, &str), around: &str) {
    document_with(name, realm, search, around, None)
}

fn document_with(
    name: &str,
    realm: &Realm,
    search: (&str, &str),
    around: &str,
    extra: Option<&Realm>,
) {
    let dir = artefacts(name);
    let site_dir = dir.join("html");
    let site = strata_docs::generate(realm, Format::Html, &Notes::default()).expect("html");
    site.write(&site_dir).expect("write html");
    assert!(site.check(&site_dir, &[]).expect("check").is_clean());
    let graph = Graph::new(realm);
    for n in &graph.nodes {
        assert!(
            site.files
                .keys()
                .any(|p| p.contains("/tables/") && p.ends_with(".html")),
            "{}",
            n.qualified()
        );
    }
    let pages = site.files.keys().filter(|p| p.contains("/tables/")).count();
    assert_eq!(pages, graph.nodes.len());

    let markdown = strata_docs::generate(realm, Format::Markdown, &Notes::default()).expect("md");
    markdown
        .write(&dir.join("markdown"))
        .expect("write markdown");
    let md_tables = markdown
        .files
        .keys()
        .filter(|p| p.contains("/tables/") && p.ends_with(".md"))
        .count();
    assert_eq!(md_tables, graph.nodes.len());

    let (m_all, d_all) = diagram_jobs(&graph, &Selection::all(&graph), &dir, "all");
    let around = Selection::around(&graph, around, 1).expect("around");
    assert!(around.nodes.len() > 1);
    let (m_around, d_around) = diagram_jobs(&graph, &around, &dir, "around");
    // Every Mermaid block of the Markdown pages must parse too.
    let mut md_jobs = vec![m_all, m_around];
    for (path, content) in &markdown.files {
        let text = String::from_utf8_lossy(content);
        for (k, block) in text.split("```mermaid\n").skip(1).enumerate() {
            let body = block.split("```").next().unwrap_or_default();
            let file = dir.join(format!("md-{}-{k}.mmd", path.replace('/', "_")));
            std::fs::write(&file, body).expect("write block");
            let entities = body.lines().filter(|l| l.ends_with(" {")).count();
            let relationships = body.lines().filter(|l| l.contains("--")).count();
            md_jobs.push(serde_json::json!({"file": file, "entities": entities, "relationships": relationships}));
        }
    }
    let mut dot_jobs = vec![d_all, d_around];
    if let Some(other) = extra {
        let g = Graph::new(other);
        let (m, d) = diagram_jobs(&g, &Selection::all(&g), &dir, "hostile");
        md_jobs.push(m);
        dot_jobs.push(d);
    }
    let job = serde_json::json!({
        "site": site_job(realm, &site_dir, search, &dir),
        "mermaid": md_jobs,
        "dot": dot_jobs,
    });
    run_checker(&job, &dir);
}

#[tokio::test]
async fn chinook_on_sqlite() {
    let (_db, realm) = chinook_sqlite().await;
    assert_eq!(realm.table_count(), 11);
    // Names and types Mermaid and DOT cannot take as they are ride along,
    // so that the parsers see the rewriting and escaping too.
    document_with(
        "chinook-sqlite",
        &realm,
        ("UnitPrice", "main.Track"),
        "Track",
        Some(&hostile()),
    );
}

#[tokio::test]
async fn pagila_on_postgres() {
    let (_db, realm) = pagila().await;
    assert!(realm.table_count() >= 20);
    document(
        "pagila",
        &realm,
        ("rental_rate", "public.film"),
        "public.film",
    );
}

#[tokio::test]
async fn sakila_on_postgres() {
    let (_db, realm) = sakila_postgres().await;
    document(
        "sakila-postgres",
        &realm,
        ("rental_rate", "public.film"),
        "film",
    );
}

#[tokio::test]
async fn sakila_on_mariadb() {
    let (db, realm) = sakila_mariadb().await;
    let film = format!("{}.film", db.name());
    document("sakila-mariadb", &realm, ("rental_rate", &film), "film");
}
