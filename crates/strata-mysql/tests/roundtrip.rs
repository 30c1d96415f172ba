//! Round trip on the corpus and on a schema that uses every feature the
//! model covers: load, inspect, write the create script, load that into an
//! empty database, inspect again, and require the identical model.

mod common;

use common::schemas::{FEATURES, sakila_script};
use common::{NEUTRAL, assert_same, round_trip};
use strata_model::{IndexKey, RoutineKind};
use strata_testkit::corpus;

#[tokio::test]
async fn sakila() {
    let rt = round_trip("sakila", &sakila_script()).await;
    assert_same("sakila", &rt);
    let s = &rt.first.schemas[NEUTRAL];
    assert_eq!(s.tables.len(), 16, "{:?}", s.tables.keys());
    assert_eq!(s.views.len(), 7, "{:?}", s.views.keys());
    assert_eq!(s.tables["film"].triggers.len(), 3);
    let kinds: Vec<RoutineKind> = s.routines.values().map(|r| r.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == RoutineKind::Procedure)
            .count(),
        3
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == RoutineKind::Function)
            .count(),
        3
    );
    let ft = &s.tables["film_text"].indexes["idx_title_description"];
    assert_eq!(ft.method.as_deref(), Some("FULLTEXT"));
    assert!(matches!(&ft.parts[0].key, IndexKey::Column(c) if c == "title"));
    assert!(s.views["actor_info"].depends_on.len() >= 4);
    assert!(rt.script.contains("DELIMITER ;;"), "{}", rt.script);
}

#[tokio::test]
async fn chinook() {
    let script = corpus::without_lines(&corpus::read("chinook/Chinook_MySql.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop database") || l.starts_with("create database") || l.starts_with("use ")
    });
    let rt = round_trip("chinook", &script).await;
    assert_same("chinook", &rt);
    assert_eq!(rt.first.table_count(), 11);
}

#[tokio::test]
async fn every_feature() {
    let rt = round_trip("features", FEATURES).await;
    assert_same("features", &rt);
}
