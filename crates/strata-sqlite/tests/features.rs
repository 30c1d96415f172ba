//! A hand-written schema that uses every SQLite feature the model covers,
//! and hostile identifiers: both survive the round trip exactly, and the
//! inspected model says what the schema says.

mod common;

use common::{assert_round_trip, inspect, load};
use strata_model::*;

const FEATURES: &str = r#"
CREATE TABLE parent (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL COLLATE nocase,
  qty INT DEFAULT 0 CHECK (qty >= 0),
  price REAL DEFAULT (1.5 * 2),
  created TEXT DEFAULT CURRENT_TIMESTAMP,
  total REAL GENERATED ALWAYS AS (qty * price) STORED,
  label TEXT AS (upper(code)) VIRTUAL,
  CONSTRAINT uq_code UNIQUE (code),
  UNIQUE (qty, price),
  CONSTRAINT positive_price CHECK (price > 0 -- no free lunch
  )
);
CREATE TABLE pair (
  a TEXT NOT NULL,
  b INTEGER NOT NULL,
  note ANY,
  CONSTRAINT pk_pair PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE TABLE strict_child (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES parent(ID) ON DELETE CASCADE ON UPDATE SET NULL,
  pa TEXT,
  pb INTEGER,
  anything ANY,
  CONSTRAINT fk_pair FOREIGN KEY (pa, pb) REFERENCES pair (a, b) MATCH FULL DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE TABLE implicit (id INTEGER PRIMARY KEY, parent_ref REFERENCES parent, untyped);
CREATE INDEX idx_child_partial ON strict_child (parent_id DESC) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX idx_parent_expr ON parent (lower(code), qty COLLATE binary DESC, (qty + 1));
CREATE VIEW v_parent AS SELECT id, code, total FROM parent WHERE qty > 0;
CREATE VIEW v_both AS
  WITH recent AS (SELECT * FROM strict_child WHERE id > 10)
  SELECT p.code, r.id AS child_id FROM v_parent AS p JOIN recent AS r ON r.parent_id = p.id;
CREATE VIEW v_named (x, y) AS SELECT id, code || '!' FROM parent;
CREATE VIEW v_case (ID) AS SELECT id FROM parent;
CREATE TRIGGER trg_v_parent INSTEAD OF INSERT ON v_parent
BEGIN
  INSERT INTO parent (code, qty, price) VALUES (new.code, 1, 1);
END;
CREATE TRIGGER trg_parent AFTER UPDATE OF qty, price ON parent FOR EACH ROW WHEN new.qty > 100
BEGIN
  SELECT RAISE(ABORT, 'too many');
END;
"#;

#[tokio::test]
async fn every_feature_round_trips() {
    let db = load(FEATURES, "features.sql").await;
    let (realm, script) = assert_round_trip(&db).await;
    assert!(realm.unsupported.is_empty(), "{:?}", realm.unsupported);
    let main = &realm.schemas["main"];

    let parent = &main.tables["parent"];
    let id = parent.column("id").unwrap();
    assert_eq!(
        id.identity.as_ref().map(|i| i.kind),
        Some(IdentityKind::AutoIncrement)
    );
    assert_eq!(parent.primary_key.as_ref().unwrap().columns, vec!["id"]);
    let code = parent.column("code").unwrap();
    assert_eq!(code.collation.as_deref(), Some("NOCASE"));
    assert!(!code.nullable);
    assert_eq!(parent.column("qty").unwrap().default.as_deref(), Some("0"));
    assert_eq!(
        parent.column("price").unwrap().default.as_deref(),
        Some("1.5 * 2")
    );
    assert_eq!(
        parent.column("created").unwrap().default.as_deref(),
        Some("CURRENT_TIMESTAMP")
    );
    assert_eq!(
        parent.column("total").unwrap().generated,
        Some(GeneratedColumn {
            expression: "qty * price".into(),
            stored: true
        })
    );
    assert_eq!(
        parent.column("label").unwrap().generated,
        Some(GeneratedColumn {
            expression: "upper(code)".into(),
            stored: false
        })
    );
    let uniques: Vec<_> = parent
        .uniques
        .iter()
        .map(|u| (u.name.as_deref(), u.columns.clone()))
        .collect();
    assert_eq!(
        uniques,
        vec![
            (None, vec!["qty".to_string(), "price".to_string()]),
            (Some("uq_code"), vec!["code".to_string()]),
        ]
    );
    assert!(
        parent
            .indexes
            .keys()
            .all(|k| !k.starts_with("sqlite_autoindex"))
    );
    let checks: Vec<_> = parent
        .checks
        .iter()
        .map(|c| (c.name.as_deref(), c.expression.as_str()))
        .collect();
    assert_eq!(
        checks,
        vec![
            (None, "qty >= 0"),
            (Some("positive_price"), "price > 0 -- no free lunch\n"),
        ]
    );
    let expr = &parent.indexes["idx_parent_expr"];
    assert!(expr.unique);
    assert_eq!(
        expr.parts[0].key,
        IndexKey::Expression("lower(code)".into())
    );
    assert_eq!(expr.parts[1].key, IndexKey::Column("qty".into()));
    assert!(expr.parts[1].descending);
    assert_eq!(expr.parts[1].collation.as_deref(), Some("BINARY"));
    assert_eq!(expr.parts[2].key, IndexKey::Expression("(qty + 1)".into()));
    let trg = &parent.triggers["trg_parent"];
    assert_eq!(trg.timing, TriggerTiming::After);
    assert_eq!(trg.events, vec!["UPDATE OF qty, price"]);

    let pair = &main.tables["pair"];
    assert_eq!(
        pair.sqlite,
        Some(SqliteTable {
            without_rowid: true,
            strict: false
        })
    );
    assert_eq!(
        pair.primary_key.as_ref().unwrap().name.as_deref(),
        Some("pk_pair")
    );
    assert!(!pair.column("a").unwrap().nullable);

    let child = &main.tables["strict_child"];
    assert_eq!(
        child.sqlite,
        Some(SqliteTable {
            without_rowid: false,
            strict: true
        })
    );
    let fk = child
        .foreign_keys
        .iter()
        .find(|k| k.name.as_deref() == Some("fk_pair"))
        .unwrap();
    assert_eq!(fk.columns, vec!["pa", "pb"]);
    assert_eq!(fk.references, QualifiedName::new("main", "pair"));
    assert_eq!(fk.match_type, MatchType::Full);
    assert!(fk.deferrable && fk.initially_deferred);
    let fk = child
        .foreign_keys
        .iter()
        .find(|k| k.name.is_none())
        .unwrap();
    // The REFERENCES clause said parent(ID): the model uses the column's own spelling.
    assert_eq!(fk.referenced_columns, vec!["id"]);
    assert_eq!(
        (fk.on_delete, fk.on_update),
        (FkAction::Cascade, FkAction::SetNull)
    );
    let partial = &child.indexes["idx_child_partial"];
    assert_eq!(partial.predicate.as_deref(), Some("parent_id IS NOT NULL"));
    assert!(partial.parts[0].descending);

    let implicit = &main.tables["implicit"];
    assert!(implicit.foreign_keys[0].referenced_columns.is_empty());
    assert_eq!(implicit.column("untyped").unwrap().data_type, "");

    let v_both = &main.views["v_both"];
    assert_eq!(
        v_both.depends_on,
        vec![
            ObjectRef::new(ObjectKind::Table, "main", "strict_child"),
            ObjectRef::new(ObjectKind::View, "main", "v_parent"),
        ]
    );
    let names: Vec<_> = v_both.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["code", "child_id"]);
    let v_named = &main.views["v_named"];
    let names: Vec<_> = v_named.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["x", "y"]);
    assert!(
        script.contains("CREATE VIEW \"v_named\" (\"x\", \"y\") AS SELECT id"),
        "{script}"
    );
    let instead = &main.views["v_parent"].triggers["trg_v_parent"];
    assert_eq!(instead.timing, TriggerTiming::InsteadOf);
    assert_eq!(instead.events, vec!["INSERT"]);

    // Views are created after what they read.
    let at = |needle: &str| script.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("CREATE VIEW \"v_parent\"") < at("CREATE VIEW \"v_both\""));
    assert!(at("CREATE TABLE \"strict_child\"") < at("CREATE VIEW \"v_both\""));
}

const HOSTILE: &str = r#"
CREATE TABLE "a""b" (
  "select" INTEGER PRIMARY KEY AUTOINCREMENT,
  "Ünïcode" TEXT NOT NULL DEFAULT 'ü''x',
  "x; drop table y; --" TEXT COLLATE "NOCASE",
  "with space" INTEGER CONSTRAINT "check; --" CHECK ("with space" > 0),
  CONSTRAINT "uq ""quoted""" UNIQUE ("Ünïcode", "x; drop table y; --")
);
CREATE TABLE "x; drop table y; --" (
  "id" INTEGER CONSTRAINT "pk name" PRIMARY KEY,
  "ref" INTEGER CONSTRAINT "fk ""x""" REFERENCES "a""b" ("select") ON DELETE SET NULL
);
CREATE TABLE "select" ("from" TEXT, "table" TEXT);
CREATE TABLE "Ünïcode table" ("é" TEXT);
CREATE INDEX "idx; --" ON "a""b" ("with space" DESC, "Ünïcode");
CREATE VIEW "view ""q""" AS SELECT "select", "Ünïcode" FROM "a""b";
CREATE TRIGGER "trg ""t""" AFTER INSERT ON "a""b" BEGIN SELECT 1; END;
"#;

#[tokio::test]
async fn hostile_identifiers_round_trip_exactly() {
    let db = load(HOSTILE, "hostile.sql").await;
    let (realm, _) = assert_round_trip(&db).await;
    let main = &realm.schemas["main"];
    let tables: Vec<_> = main.tables.keys().map(String::as_str).collect();
    assert_eq!(
        tables,
        vec!["a\"b", "select", "x; drop table y; --", "Ünïcode table"]
    );
    let ab = &main.tables["a\"b"];
    let cols: Vec<_> = ab.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        cols,
        vec!["select", "Ünïcode", "x; drop table y; --", "with space"]
    );
    assert_eq!(
        ab.column("Ünïcode").unwrap().default.as_deref(),
        Some("'ü''x'")
    );
    assert_eq!(ab.checks[0].name.as_deref(), Some("check; --"));
    assert_eq!(ab.uniques[0].name.as_deref(), Some("uq \"quoted\""));
    assert!(ab.indexes.contains_key("idx; --"));
    assert!(ab.triggers.contains_key("trg \"t\""));
    let x = &main.tables["x; drop table y; --"];
    assert_eq!(
        x.primary_key.as_ref().unwrap().name.as_deref(),
        Some("pk name")
    );
    assert_eq!(x.foreign_keys[0].name.as_deref(), Some("fk \"x\""));
    assert_eq!(x.foreign_keys[0].references.name, "a\"b");
    assert_eq!(main.tables["select"].columns[0].name, "from");
    assert!(main.views.contains_key("view \"q\""));
    // Nothing was injected: every object is still there after the round trip.
    let again = inspect(&db).await;
    assert_eq!(again.table_count(), 4);
}

#[tokio::test]
async fn objects_outside_the_model_are_reported_not_dropped() {
    let db = load(
        "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT);
         INSERT INTO t (body) VALUES ('a'), ('b');
         CREATE INDEX t_body ON t (body);
         ANALYZE;
         CREATE VIRTUAL TABLE docs USING fts5(body);",
        "virtual.sql",
    )
    .await;
    let realm = inspect(&db).await;
    let main = &realm.schemas["main"];
    // sqlite_sequence, sqlite_stat1 and FTS5's shadow tables are SQLite's own.
    let tables: Vec<_> = main.tables.keys().map(String::as_str).collect();
    assert_eq!(tables, vec!["t"]);
    assert_eq!(
        realm.unsupported,
        vec![Unsupported {
            kind: "virtual table".into(),
            schema: "main".into(),
            name: "docs".into()
        }]
    );
}

#[tokio::test]
async fn a_view_whose_table_is_gone_is_still_inspected() {
    let db = load(
        "CREATE TABLE t (a INTEGER);
         CREATE TABLE gone (b TEXT);
         CREATE VIEW fine AS SELECT a FROM t;
         CREATE VIEW broken AS SELECT b FROM gone;
         DROP TABLE gone;",
        "broken_view.sql",
    )
    .await;
    let realm = inspect(&db).await;
    let views = &realm.schemas["main"].views;
    assert_eq!(views["fine"].columns[0].name, "a");
    assert_eq!(views["fine"].columns[0].data_type, "INTEGER");
    assert!(views["broken"].columns.is_empty());
    assert_eq!(views["broken"].definition, "SELECT b FROM gone");
}

#[tokio::test]
async fn constraint_conflict_clauses_are_reported() {
    let db = load(
        "CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a) ON CONFLICT REPLACE, CHECK (b > 0));",
        "conflict.sql",
    )
    .await;
    let realm = inspect(&db).await;
    let t = &realm.schemas["main"].tables["t"];
    assert_eq!(t.primary_key.as_ref().unwrap().name.as_deref(), Some("pk"));
    assert_eq!(t.checks[0].expression, "b > 0");
    assert_eq!(realm.unsupported.len(), 1);
    assert!(realm.unsupported[0].kind.contains("ON CONFLICT"));
}

#[tokio::test]
async fn many_tables_are_read_in_one_pass() {
    let mut script = String::new();
    for i in 0..300u32 {
        script.push_str(&format!(
            "CREATE TABLE t{i} (id INTEGER PRIMARY KEY, p INTEGER REFERENCES t{} (id), v TEXT UNIQUE);\nCREATE INDEX t{i}_v ON t{i} (v DESC);\n",
            i.saturating_sub(1)
        ));
    }
    let db = load(&script, "many.sql").await;
    let (realm, _) = assert_round_trip(&db).await;
    let main = &realm.schemas["main"];
    assert_eq!(main.tables.len(), 300);
    let t = &main.tables["t299"];
    assert_eq!(t.foreign_keys[0].references.name, "t298");
    assert_eq!(t.uniques[0].columns, vec!["v"]);
    assert!(t.indexes["t299_v"].parts[0].descending);
}
