//! `strata inspect --format mermaid|dot`, `strata docs` (with --check and
//! notes) and `strata lint --schema`, run through the binary on a real
//! SQLite database.

mod common;

use common::run;
use std::path::Path;
use strata_model::Dialect;
use strata_testkit::TestDb;

const SHOP: &str = "
CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE UNIQUE INDEX customer_email ON customer (email);
CREATE TABLE orders (id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL CONSTRAINT orders_customer_fk REFERENCES customer (id));
CREATE TABLE order_line (order_id INTEGER NOT NULL REFERENCES orders (id),
    line INTEGER NOT NULL, product_id INTEGER);
CREATE TABLE product (id INTEGER PRIMARY KEY, title TEXT);
";

async fn shop() -> TestDb {
    let db = TestDb::create(strata_engine::driver_for(Dialect::Sqlite)).await;
    db.load(SHOP, "shop").await;
    db
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn inspect_draws_mermaid_and_dot_diagrams() {
    let db = shop().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.expose();
    let mermaid = run(dir.path(), &["inspect", &url, "--format", "mermaid"], 0);
    assert!(mermaid.starts_with("erDiagram\n"), "{mermaid}");
    assert!(
        mermaid.contains("    \"customer\" ||--o{ \"orders\" : \"orders_customer_fk\"\n"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("        INTEGER customer_id FK\n"),
        "{mermaid}"
    );
    let dot = run(dir.path(), &["inspect", &url, "--format", "dot"], 0);
    assert!(dot.starts_with("digraph \"strata\" {\n"), "{dot}");
    assert!(
        dot.contains("\"main.orders\":\"c1\" -> \"main.customer\":\"c0\""),
        "{dot}"
    );
    // Around a table: its neighbours only.
    let around = run(
        dir.path(),
        &[
            "inspect", &url, "--format", "mermaid", "--around", "customer", "--depth", "1",
        ],
        0,
    );
    assert!(around.contains("\"orders\" {"), "{around}");
    assert!(!around.contains("\"order_line\" {"), "{around}");
    let two = run(
        dir.path(),
        &[
            "inspect",
            &url,
            "-f",
            "dot",
            "--around",
            "main.customer",
            "--depth",
            "2",
        ],
        0,
    );
    assert!(two.contains("\"main.order_line\""), "{two}");
    let err = run(
        dir.path(),
        &["inspect", &url, "--format", "mermaid", "--around", "nope"],
        2,
    );
    assert!(
        err.contains("error: no table 'nope' in the schema"),
        "{err}"
    );
}

#[tokio::test]
async fn docs_check_is_clean_when_fresh_and_lists_stale_files() {
    let db = shop().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.expose();
    let out = dir.path().join("site");
    let site = out.to_str().expect("utf-8 path");
    // Nothing generated yet: everything is missing.
    let missing = run(dir.path(), &["docs", &url, "--out", site, "--check"], 1);
    assert!(missing.contains("missing: "), "{missing}");
    run(dir.path(), &["docs", &url, "--out", site], 0);
    let fresh = run(dir.path(), &["docs", &url, "--out", site, "--check"], 0);
    assert!(fresh.contains("up to date"), "{fresh}");
    assert!(out.join("schemas/main/tables/orders.html").is_file());

    // The schema changes: a new table and a new column.
    let mut conn = db.connect().await;
    conn.execute(
        "CREATE TABLE shipment (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id))",
    )
    .await
    .expect("create table");
    conn.execute("ALTER TABLE product ADD COLUMN price NUMERIC")
        .await
        .expect("add column");
    conn.close().await;
    let stale = run(dir.path(), &["docs", &url, "--out", site, "--check"], 1);
    assert!(
        stale.contains("stale: ") && stale.contains("product.html"),
        "{stale}"
    );
    assert!(
        stale.contains("missing: ") && stale.contains("shipment.html"),
        "{stale}"
    );
    assert!(stale.contains("out of date"), "{stale}");
    run(dir.path(), &["docs", &url, "--out", site], 0);
    run(dir.path(), &["docs", &url, "--out", site, "--check"], 0);

    // A dropped table's page is an extra file until regeneration removes it.
    let mut conn = db.connect().await;
    conn.execute("DROP TABLE shipment").await.expect("drop");
    conn.close().await;
    let extra = run(dir.path(), &["docs", &url, "--out", site, "--check"], 1);
    assert!(
        extra.contains("extra: ") && extra.contains("shipment.html"),
        "{extra}"
    );
    run(dir.path(), &["docs", &url, "--out", site], 0);
    assert!(!out.join("schemas/main/tables/shipment.html").exists());

    // Markdown has its own --check.
    let md = dir.path().join("md");
    let md = md.to_str().expect("utf-8 path");
    run(
        dir.path(),
        &["docs", &url, "--out", md, "--format", "markdown"],
        0,
    );
    run(
        dir.path(),
        &["docs", &url, "--out", md, "--format", "markdown", "--check"],
        0,
    );
    assert!(read(&dir.path().join("md/main/README.md")).contains("```mermaid\nerDiagram\n"));
}

#[tokio::test]
async fn notes_are_merged_and_never_overwritten() {
    let db = shop().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.expose();
    let out = dir.path().join("site");
    std::fs::create_dir_all(&out).expect("mkdir");
    let notes = out.join("strata-notes.yaml");
    let text = "# ours\ntables:\n  orders:\n    note: Orders <placed> online.\n    columns:\n      customer_id: Who ordered.\n";
    std::fs::write(&notes, text).expect("write notes");
    let site = out.to_str().expect("utf-8 path");
    run(dir.path(), &["docs", &url, "--out", site], 0);
    let page = read(&out.join("schemas/main/tables/orders.html"));
    assert!(
        page.contains("Orders &lt;placed&gt; online."),
        "note merged and escaped"
    );
    assert!(page.contains("Who ordered."));
    run(dir.path(), &["docs", &url, "--out", site], 0);
    assert_eq!(read(&notes), text, "the notes file is never rewritten");
    // The notes file is not an extra file for --check.
    run(dir.path(), &["docs", &url, "--out", site, "--check"], 0);
    // Editing a note makes the docs stale.
    std::fs::write(&notes, text.replace("Who ordered.", "The buyer.")).expect("write");
    let stale = run(dir.path(), &["docs", &url, "--out", site, "--check"], 1);
    assert!(stale.contains("orders.html"), "{stale}");
    // A note naming nothing is a warning; a broken file is an error.
    let elsewhere = dir.path().join("notes.yaml");
    std::fs::write(&elsewhere, "tables:\n  ghost: boo\n").expect("write");
    let warned = run(
        dir.path(),
        &[
            "docs",
            &url,
            "--out",
            site,
            "--notes",
            elsewhere.to_str().expect("utf-8"),
        ],
        0,
    );
    assert!(
        warned.contains("warning: note for tables: ghost names nothing"),
        "{warned}"
    );
    std::fs::write(&elsewhere, "tabels: {}\n").expect("write");
    let err = run(
        dir.path(),
        &[
            "docs",
            &url,
            "--out",
            site,
            "--notes",
            elsewhere.to_str().expect("utf-8"),
        ],
        2,
    );
    assert!(err.contains("error: notes file"), "{err}");
}

#[tokio::test]
async fn lint_reports_findings_with_exit_codes_and_formats() {
    let db = shop().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.expose();
    let text = run(dir.path(), &["lint", "--schema", &url], 1);
    for expected in [
        "main.order_line: warning[table-without-primary-key] table order_line has no primary key",
        "main.orders (constraint orders_customer_fk): warning[foreign-key-without-index]",
        "main.order_line.product_id: warning[unconstrained-id-column]",
        "main.customer (index customer_email): note[nullable-column-in-unique]",
        "  why: ",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let json = run(
        dir.path(),
        &["lint", "--schema", &url, "--format", "json"],
        1,
    );
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json output");
    assert!(
        doc["findings"].as_array().is_some_and(|f| f.len() >= 4),
        "{json}"
    );
    let sarif_file = dir.path().join("lint.sarif");
    run(
        dir.path(),
        &[
            "lint",
            "--schema",
            &url,
            "--format",
            "sarif",
            "-o",
            sarif_file.to_str().expect("utf-8"),
        ],
        1,
    );
    let sarif: serde_json::Value = serde_json::from_str(&read(&sarif_file)).expect("sarif json");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
    // One rule, clean: exit 0.
    let clean = run(
        dir.path(),
        &["lint", "--schema", &url, "--rule", "duplicate-index"],
        0,
    );
    assert!(clean.contains("0 finding(s)"), "{clean}");
    let bad = run(dir.path(), &["lint", "--schema", &url, "--rule", "nope"], 2);
    assert!(bad.contains("error: unknown lint rule 'nope'"), "{bad}");
    let none = run(dir.path(), &["lint"], 2);
    assert!(none.contains("--schema SOURCE"), "{none}");
    let rules = run(dir.path(), &["lint", "--list-rules"], 0);
    assert!(
        rules.contains("missing-comment (note, postgres/mysql, opt-in)"),
        "{rules}"
    );
}
