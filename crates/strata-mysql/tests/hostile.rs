//! Hostile identifiers and text survive the round trip: backticks, quotes,
//! unicode, reserved words and statement-like names.

mod common;

use common::schemas::{HOSTILE_NAMES as NAMES, hostile_script as schema};
use common::{NEUTRAL, assert_same, round_trip};

#[tokio::test]
async fn hostile_identifiers_survive_the_round_trip() {
    let rt = round_trip("hostile", &schema()).await;
    assert_same("hostile", &rt);
    let s = &rt.first.schemas[NEUTRAL];
    for name in NAMES {
        let t = s
            .tables
            .get(*name)
            .unwrap_or_else(|| panic!("table {name} missing: {:?}", s.tables.keys()));
        assert!(t.indexes.contains_key(&format!("{name} key")));
        assert!(t.triggers.contains_key(&format!("{name} trg")));
        assert!(s.views.contains_key(&format!("{name} view")));
        let col = t.column(&format!("{name} col")).unwrap();
        assert_eq!(col.default.as_deref(), Some("'o''k\\\\;'"));
    }
    assert!(s.routines.keys().any(|k| k.starts_with("f`n; drop(")));
    assert!(s.routines.keys().any(|k| k.starts_with("p'roc(")));
    assert!(s.events.contains_key("ev\"nt;"));
}
