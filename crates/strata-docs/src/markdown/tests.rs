//! One document on a hand-built realm: two schemas with a table of the same
//! name, a reference across them, names that look like section headings.

use super::anchors::slug;
use super::*;
use std::collections::HashSet;
use strata_model::{Column, Dialect, ForeignKey, QualifiedName, Schema, Server, Table};

// Keys from JSON, as in a snapshot: fields added to the model later take
// their defaults.
fn key(table: &mut Table, column: &str) {
    let key = serde_json::json!({ "columns": [column] });
    table.primary_key = Some(serde_json::from_value(key).expect("primary key"));
}

fn reference(column: &str, to: QualifiedName) -> ForeignKey {
    let fk = serde_json::json!({
        "columns": [column],
        "references": to,
        "referenced_columns": ["id"],
    });
    serde_json::from_value(fk).expect("foreign key")
}

fn realm() -> Realm {
    let mut realm = Realm::new(Dialect::Postgres, Server::default());
    let mut auth = Schema::new("auth");
    let mut users = Table::new("users");
    users.columns.push(Column::new("id", "integer", false));
    key(&mut users, "id");
    auth.tables.insert(users.name.clone(), users);
    let mut public = Schema::new("public");
    let mut users = Table::new("users");
    users.columns.push(Column::new("id", "integer", false));
    users.columns.push(Column::new("login", "integer", true));
    key(&mut users, "id");
    users
        .foreign_keys
        .push(reference("login", QualifiedName::new("auth", "users")));
    // Its heading reads like the "Columns" sections of the other tables.
    let mut columns = Table::new("Columns");
    columns.columns.push(Column::new("id", "integer", false));
    columns
        .columns
        .push(Column::new("user_id", "integer", true));
    columns
        .foreign_keys
        .push(reference("user_id", QualifiedName::new("public", "users")));
    public.tables.insert(users.name.clone(), users);
    public.tables.insert(columns.name.clone(), columns);
    realm.schemas.insert("auth".into(), auth);
    realm.schemas.insert("public".into(), public);
    realm
}

/// Headings outside code blocks: (level, anchor) in document order, with
/// repeats numbered the way GitHub does.
fn headings(doc: &str) -> Vec<(usize, String)> {
    let mut fenced = false;
    let mut used = HashSet::new();
    let mut out = Vec::new();
    for line in doc.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced || !line.starts_with('#') {
            continue;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        let title = line[level..].trim().replace('\\', "");
        let base = slug(&title);
        let mut anchor = base.clone();
        let mut n = 0;
        while used.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        used.insert(anchor.clone());
        out.push((level, anchor));
    }
    out
}

fn links(doc: &str) -> Vec<String> {
    doc.split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(str::to_string)
        .collect()
}

#[test]
fn links_are_anchors_of_headings_in_the_document() {
    let doc = single_page(&realm(), &Notes::default());
    let anchors: HashSet<String> = headings(&doc).into_iter().map(|(_, a)| a).collect();
    let links = links(&doc);
    // Two schemas in the overview, three tables in the indexes, two
    // references and two "referenced by".
    assert_eq!(links.len(), 9, "{doc}");
    for link in &links {
        let anchor = link
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{link}: not in-page\n{doc}"));
        assert!(anchors.contains(anchor), "{link} has no heading\n{doc}");
    }
    assert!(!doc.contains("README.md"), "{doc}");
    assert!(!doc.contains("[All schemas]"), "{doc}");
    // The two `users` tables are told apart; the table named Columns comes
    // after the `Columns` section of the table before it.
    assert!(doc.contains("[auth.users](#users)"), "{doc}");
    assert!(doc.contains("[public.users](#users-"), "{doc}");
    assert!(doc.contains("[Columns](#columns-"), "{doc}");
}

#[test]
fn schemas_and_tables_nest_under_the_overview() {
    let doc = single_page(&realm(), &Notes::default());
    let lines: Vec<&str> = doc.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(lines[0], "# PostgreSQL schema");
    assert!(lines.contains(&"## Schema auth"), "{doc}");
    assert!(lines.contains(&"### Tables"), "{doc}");
    assert!(lines.contains(&"### users"), "{doc}");
    assert!(lines.contains(&"#### Columns"), "{doc}");
    assert!(lines.contains(&"#### References"), "{doc}");
    // One diagram per schema, none per table.
    assert_eq!(doc.matches("```mermaid\nerDiagram").count(), 2, "{doc}");
    assert!(!doc.contains("# Diagram"), "{doc}");
    assert!(!doc.contains("\n\n\n"), "{doc}");
    assert!(
        doc.contains("| **login** FK | `integer` | yes |  |  |"),
        "{doc}"
    );
    assert!(doc.ends_with('\n') && !doc.ends_with("\n\n"), "{doc:?}");
}

#[test]
fn wiki_pages_keep_their_links_and_diagrams() {
    let site = generate(&realm(), &Notes::default()).expect("markdown");
    let page = |p: &str| String::from_utf8_lossy(&site.files[p]).into_owned();
    let users = page("public/tables/users.md");
    assert!(users.starts_with("# users\n\n[Schema public](../README.md)\n\n## Columns\n"));
    assert!(
        users.contains("[auth.users](../../auth/tables/users.md)"),
        "{users}"
    );
    assert!(users.contains("## Diagram\n\n```mermaid\n"), "{users}");
    let schema = page("public/README.md");
    assert!(schema.starts_with("# Schema public\n\n[All schemas](../README.md)\n\n"));
    assert!(
        schema.contains("| [users](tables/users.md) | 2 |"),
        "{schema}"
    );
    assert!(page("README.md").contains("| [auth](auth/README.md) |"));
}
