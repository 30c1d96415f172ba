//! A large hand-built schema: the overview must switch to groups (no
//! hairball), every table must still be reachable, and generation must
//! stay fast enough to run here in a debug build.

use strata_docs::erd::groups::{GROUP_LIMIT, groups};
use strata_docs::{Format, Graph, Notes};
use strata_model::{
    Column, Dialect, ForeignKey, PrimaryKey, QualifiedName, Realm, Schema, Server, Table,
};

/// `n` tables in two schemas, each referencing one or two earlier tables
/// (a deterministic pseudo-random choice), some with no relationship.
fn big_realm(n: usize) -> Realm {
    let mut realm = Realm::new(Dialect::Postgres, Server::default());
    let mut seed: u64 = 42;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m.max(1)
    };
    for s in ["app", "audit"] {
        realm.schemas.insert(s.into(), Schema::new(s));
    }
    for i in 0..n {
        let schema = if i % 5 == 4 { "audit" } else { "app" };
        let mut t = Table::new(format!("t{i:05}"));
        t.columns.push(Column::new("id", "integer", false));
        t.columns.push(Column::new("name", "text", true));
        t.primary_key = Some(PrimaryKey {
            name: None,
            columns: vec!["id".into()],
            deferrable: false,
            initially_deferred: false,
            comment: None,
        });
        if i > 0 && i % 7 != 0 {
            for k in 0..(1 + i % 2) {
                let target = next(i);
                let target_schema = if target % 5 == 4 { "audit" } else { "app" };
                let col = format!("ref{k}_id");
                t.columns.push(Column::new(col.clone(), "integer", true));
                t.foreign_keys.push(ForeignKey {
                    name: Some(format!("t{i:05}_{col}_fkey")),
                    columns: vec![col],
                    references: QualifiedName::new(target_schema, format!("t{target:05}")),
                    referenced_columns: vec!["id".into()],
                    on_update: Default::default(),
                    on_delete: Default::default(),
                    match_type: Default::default(),
                    deferrable: false,
                    initially_deferred: false,
                    not_valid: false,
                    comment: None,
                });
            }
        }
        realm
            .schemas
            .get_mut(schema)
            .expect("schema")
            .tables
            .insert(t.name.clone(), t);
    }
    realm
}

#[test]
fn large_schemas_are_grouped_and_complete() {
    let realm = big_realm(1500);
    let graph = Graph::new(&realm);
    let groups = groups(&graph).expect("1,500 tables are grouped");
    let mut seen = vec![0; graph.nodes.len()];
    for g in &groups {
        assert!(
            g.nodes.len() <= GROUP_LIMIT,
            "{} has {}",
            g.title,
            g.nodes.len()
        );
        for &n in &g.nodes {
            seen[n] += 1;
            assert_eq!(graph.nodes[n].schema, g.schema);
        }
    }
    assert!(
        seen.iter().all(|&k| k == 1),
        "every table in exactly one group"
    );
    assert!(
        groups.len() < 60,
        "{} groups is too many for an overview",
        groups.len()
    );

    let started = std::time::Instant::now();
    let site = strata_docs::generate(&realm, Format::Html, &Notes::default()).expect("html");
    let elapsed = started.elapsed();
    let index = String::from_utf8_lossy(&site.files["index.html"]).into_owned();
    // The overview shows groups, not 1,500 table boxes.
    assert_eq!(index.matches("data-group=").count(), groups.len());
    assert_eq!(index.matches("data-table=").count(), 0);
    for g in &groups {
        let page =
            String::from_utf8_lossy(&site.files[&format!("groups/{}.html", g.id)]).into_owned();
        assert_eq!(
            page.matches("data-table=").count(),
            g.nodes.len(),
            "{}",
            g.id
        );
    }
    let table_pages = site.files.keys().filter(|p| p.contains("/tables/")).count();
    assert_eq!(table_pages, 1500);
    eprintln!(
        "1,500 tables: {} files, {} bytes, {:?} (debug build)",
        site.files.len(),
        site.size(),
        elapsed
    );
    let markdown = strata_docs::generate(&realm, Format::Markdown, &Notes::default()).expect("md");
    assert!(markdown.files.len() > 1500);
}

#[test]
fn generation_is_deterministic() {
    let realm = big_realm(300);
    let a = strata_docs::generate(&realm, Format::Html, &Notes::default()).expect("html");
    let b = strata_docs::generate(&realm, Format::Html, &Notes::default()).expect("html");
    assert_eq!(a, b);
}
