//! Round trip on the corpus: load a schema, inspect it, write the create
//! script, load that into an empty database, inspect again, and require
//! the identical model (see `common::assert_same` for objects the model
//! does not cover).

mod common;

use common::{assert_same, round_trip};
use strata_testkit::corpus;

#[tokio::test]
async fn pagila() {
    let script = corpus::read("pagila/pagila-schema.sql");
    let rt = round_trip("pagila", &script).await;
    assert_same("pagila", &rt, &[]);
    let public = &rt.first.schemas["public"];
    assert!(public.tables.len() >= 20, "{}", public.tables.len());
    assert!(public.routines.contains_key("group_concat(text)"));
    // The public schema's own comment is what every database starts with.
    assert!(!rt.script.iter().any(|s| s.starts_with("COMMENT ON SCHEMA")));
}

/// Sakila routes inserts into its inheritance children with rules: they
/// are recreated after the children they insert into.
#[tokio::test]
async fn sakila() {
    let script = corpus::read("sakila/postgres-sakila-schema.sql");
    let rt = round_trip("sakila", &script).await;
    assert_same("sakila", &rt, &[]);
    let payment = &rt.first.schemas["public"].tables["payment"];
    assert_eq!(payment.rules.len(), 6, "{:?}", payment.rules.keys());
    assert!(rt.first.unsupported.iter().all(|u| u.kind != "rule"));
    let child = &rt.first.schemas["public"].tables["payment_p2007_01"];
    assert_eq!(
        child.postgres.as_ref().map(|p| p.inherits.len()),
        Some(1),
        "{child:?}"
    );
}

#[tokio::test]
async fn chinook() {
    let script = corpus::without_lines(&corpus::read("chinook/Chinook_PostgreSql.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop database") || l.starts_with("create database") || l.starts_with("\\c")
    });
    let rt = round_trip("chinook", &script).await;
    assert_same("chinook", &rt, &[]);
    assert_eq!(rt.first.table_count(), 11);
}
