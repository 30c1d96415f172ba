//! `strata inspect --format markdown` (one document, links that resolve
//! within it) and `strata diff --format alembic` (a revision file run by
//! the real Alembic, up then down, on PostgreSQL and SQLite, with strata
//! checking each time that the database is what it should be).

mod common;

use common::run;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use strata_model::Dialect;
use strata_testkit::{TestDb, corpus};

// ---------------------------------------------------------------------------
// inspect --format markdown

/// GitHub's anchor for a heading's text (github-slugger): lowercase, only
/// letters, digits, `_`, `-` and spaces kept, spaces made `-`; repeats
/// numbered in document order.
fn anchors(doc: &str) -> Vec<(usize, String, String)> {
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
        let base: String = title
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut anchor = base.clone();
        let mut n = 0;
        while used.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        used.insert(anchor.clone());
        out.push((level, title, anchor));
    }
    out
}

/// The document's shape: a heading per table (under its schema's), links
/// that all land on a heading of the document, a column table per table
/// and one Mermaid diagram per schema.
fn check_document(doc: &str, schemas: &[&str], tables: &[&str]) {
    let headings = anchors(doc);
    let ids: HashSet<&str> = headings.iter().map(|(_, _, a)| a.as_str()).collect();
    let mut links = 0;
    for (at, _) in doc.match_indices("](") {
        // `\](` is an escaped bracket in text, not a link.
        if doc[..at].ends_with('\\') {
            continue;
        }
        let target = doc[at + 2..].split(')').next().unwrap_or_default();
        let anchor = target
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("link to {target} leaves the document"));
        assert!(ids.contains(anchor), "no heading for #{anchor}");
        links += 1;
    }
    // The schema index, the table index and the foreign keys both ways.
    assert!(links >= schemas.len() + tables.len(), "{links} links");
    for schema in schemas {
        assert!(
            headings
                .iter()
                .any(|(l, t, _)| *l == 2 && t == &format!("Schema {schema}")),
            "no heading for schema {schema}"
        );
    }
    for table in tables {
        assert!(
            headings.iter().any(|(l, t, _)| *l == 3 && t == table),
            "no heading for table {table}"
        );
    }
    assert_eq!(
        doc.matches("#### Columns\n\n| column | type | null | default | comment |")
            .count(),
        tables.len()
    );
    assert_eq!(
        doc.matches("```mermaid\nerDiagram\n").count(),
        schemas.len()
    );
    for table in tables {
        // Qualified (`"public.album"`) when the realm has several schemas.
        assert!(doc.contains(&format!("{table}\" {{")), "{table} not drawn");
    }
    assert!(!doc.contains("README.md"));
}

const CHINOOK_TABLES: [&str; 11] = [
    "Album",
    "Artist",
    "Customer",
    "Employee",
    "Genre",
    "Invoice",
    "InvoiceLine",
    "MediaType",
    "Playlist",
    "PlaylistTrack",
    "Track",
];

#[tokio::test]
async fn markdown_document_of_sqlite_chinook() {
    let db = TestDb::create(strata_engine::driver_for(Dialect::Sqlite)).await;
    db.load(
        &corpus::read("chinook/Chinook_Sqlite.sql"),
        "Chinook_Sqlite.sql",
    )
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.expose();
    run(
        dir.path(),
        &["inspect", &url, "--format", "markdown", "-o", "chinook.md"],
        0,
    );
    let doc = std::fs::read_to_string(dir.path().join("chinook.md")).expect("document");
    check_document(&doc, &["main"], &CHINOOK_TABLES);
    assert!(doc.starts_with("# SQLite schema\n"), "{doc}");
    assert!(doc.contains("| [Album](#album) | 3 |  |"), "{doc}");
    assert!(
        doc.contains("- `ArtistId` → [main.Artist](#artist) `ArtistId`"),
        "{doc}"
    );
    assert!(
        doc.contains("| **AlbumId** PK | `INTEGER` | not null |  |  |"),
        "{doc}"
    );
    // Standard output gives the same document.
    assert_eq!(
        run(dir.path(), &["inspect", &url, "-f", "markdown"], 0),
        doc
    );
}

#[tokio::test]
async fn markdown_document_of_postgres_chinook_with_two_schemas() {
    let db = TestDb::create(strata_engine::driver_for(Dialect::Postgres)).await;
    let script = corpus::without_lines(&corpus::read("chinook/Chinook_PostgreSql.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop database") || l.starts_with("create database") || l.starts_with("\\c")
    });
    db.load(&script, "Chinook_PostgreSql.sql").await;
    // A second schema whose table shares a name with one in public and
    // refers to it: both headings are `### album`, told apart by GitHub's
    // numbering, and the links must follow it.
    db.load(
        "CREATE SCHEMA archive;
         CREATE TABLE archive.album (album_id integer PRIMARY KEY REFERENCES public.album (album_id));
         COMMENT ON TABLE archive.album IS 'Albums no longer sold: see [public](#x) | *here*';",
        "archive.sql",
    )
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = run(
        dir.path(),
        &["inspect", &db.url.expose(), "--format", "markdown"],
        0,
    );
    let tables: Vec<String> = CHINOOK_TABLES
        .iter()
        .map(|t| heck_snake(t))
        .chain(["album".to_string()])
        .collect();
    let tables: Vec<&str> = tables.iter().map(String::as_str).collect();
    check_document(&doc, &["archive", "public"], &tables);
    // archive comes first: its album is `#album`, public's `#album-1`.
    assert!(doc.contains("| [album](#album) | 1 |"), "{doc}");
    assert!(doc.contains("| [album](#album-1) | 3 |"), "{doc}");
    assert!(
        doc.contains("- `album_id` → [public.album](#album-1) `album_id`"),
        "{doc}"
    );
    assert!(
        doc.contains("- [archive.album](#album) `album_id`"),
        "{doc}"
    );
    // The comment's Markdown is text, not a link or a table cell break.
    assert!(
        doc.contains("> Albums no longer sold: see \\[public\\](\\#x) \\| \\*here\\*"),
        "{doc}"
    );
}

/// Chinook's PostgreSQL tables are the SQLite ones in snake case.
fn heck_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

// ---------------------------------------------------------------------------
// diff --format alembic

/// The project's virtualenv Python with Alembic; a missing one fails with
/// the fix.
fn python() -> PathBuf {
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    assert!(
        py.is_file(),
        "{} is missing: run ./scripts/setup-python-deps",
        py.display()
    );
    py
}

/// Runs Python in `dir`, failing the test with its output.
fn py(dir: &Path, args: &[&str], url: &str) -> String {
    let out = Command::new(python())
        .current_dir(dir)
        .args(args)
        .env("STRATA_TEST_ALEMBIC_URL", url)
        .output()
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if text.contains("No module named alembic") {
        panic!("Alembic is not in .venv: run ./scripts/setup-python-deps");
    }
    assert!(out.status.success(), "python {args:?} failed:\n{text}");
    text
}

/// The SQLAlchemy URL of a test database's strata URL.
fn sqlalchemy_url(url: &str) -> String {
    // strata percent-encodes `_` in database names; SQLAlchemy does not decode it.
    let url = url.replace("%5F", "_");
    if let Some(rest) = url.strip_prefix("postgres://") {
        format!("postgresql+psycopg2://{rest}")
    } else if let Some(rest) = url.strip_prefix("sqlite://") {
        format!("sqlite:///{}", rest.split('?').next().unwrap_or(rest))
    } else {
        url
    }
}

/// A minimal Alembic project, as `alembic init` would make it, whose
/// env.py connects to $STRATA_TEST_ALEMBIC_URL.
fn alembic_project(dir: &Path) {
    std::fs::create_dir_all(dir.join("versions")).expect("mkdir versions");
    std::fs::write(
        dir.join("alembic.ini"),
        "[alembic]\nscript_location = %(here)s\n",
    )
    .expect("alembic.ini");
    std::fs::write(
        dir.join("env.py"),
        r#"import os

import sqlalchemy as sa
from alembic import context

engine = sa.create_engine(os.environ["STRATA_TEST_ALEMBIC_URL"], poolclass=sa.pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
"#,
    )
    .expect("env.py");
}

/// FROM and TO: the database Alembic changes, the desired state, and a
/// copy of FROM to come back to.
struct Case {
    from: String,
    to: String,
    original: String,
    _dbs: Vec<TestDb>,
}

async fn case(dialect: Dialect, from: &str, to: &str) -> Case {
    let driver = strata_engine::driver_for(dialect);
    let a = TestDb::create(driver).await;
    a.load(from, "from.sql").await;
    let copy = a.copy().await.expect("a copy of FROM");
    let b = TestDb::create(driver).await;
    b.load(to, "to.sql").await;
    Case {
        from: a.url.expose(),
        to: b.url.expose(),
        original: copy.url.expose(),
        _dbs: vec![a, b, copy],
    }
}

/// Generates the revision, runs it up and down with Alembic, and checks
/// the database against TO, then FROM, with `strata diff`.
fn round_trip(c: &Case, expect: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path();
    alembic_project(project);
    // Destructive steps are refused as for SQL.
    let refused = run(project, &["diff", &c.from, &c.to, "-f", "alembic"], 2);
    assert!(refused.contains("without --unsafe"), "{refused}");
    run(
        project,
        &[
            "diff",
            &c.from,
            &c.to,
            "--format",
            "alembic",
            "--unsafe",
            "-m",
            "People get \"moods\" \\ and more",
            "--alembic-revision",
            "1a2b3c4d5e6f",
            "-o",
            "versions/1a2b3c4d5e6f_people.py",
        ],
        1,
    );
    let file = project.join("versions/1a2b3c4d5e6f_people.py");
    let revision = std::fs::read_to_string(&file).expect("revision file");
    for needle in expect {
        assert!(revision.contains(needle), "no {needle:?} in:\n{revision}");
    }
    let file = file.display().to_string();
    py(
        project,
        &["-m", "ruff", "format", "--check", "--quiet", &file],
        "",
    );
    py(project, &["-m", "ruff", "check", "--quiet", &file], "");

    let url = sqlalchemy_url(&c.from);
    let ini = ["-m", "alembic", "-c", "alembic.ini"];
    let history = py(project, &[&ini[..], &["history"]].concat(), &url);
    assert!(
        history.contains("<base> -> 1a2b3c4d5e6f (head), People get"),
        "{history}"
    );
    py(project, &[&ini[..], &["upgrade", "head"]].concat(), &url);
    let ignore = ["--exclude-table", "alembic_version"];
    run(
        project,
        &[&["diff", &c.from, &c.to][..], &ignore].concat(),
        0,
    );
    py(project, &[&ini[..], &["downgrade", "base"]].concat(), &url);
    run(
        project,
        &[&["diff", &c.from, &c.original][..], &ignore].concat(),
        0,
    );
    revision
}

const PG_FROM: &str = "
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL, m mood DEFAULT 'ok', old integer);
COMMENT ON TABLE person IS 'People: 100% real';
CREATE TABLE pet (id serial PRIMARY KEY, owner integer REFERENCES person (id), name text);
INSERT INTO person (name) VALUES ('kept');
";

/// A new enum value used in the same revision (outside the transaction
/// first), SQL full of what Python, SQLAlchemy or psycopg2 would read
/// otherwise: colons, percent signs, quotes of both kinds, backslashes, a
/// carriage return, a tab, and a function body over several lines.
const PG_TO: &str = r#"
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE person (
    id serial PRIMARY KEY,
    name text NOT NULL CHECK (name NOT LIKE '%:x%'),
    m mood DEFAULT 'ok',
    starts time DEFAULT '12:30:00'
);
COMMENT ON TABLE person IS 'People: 100% "real" \ :name %(x)s ''quoted'' """ '''''' ?';
COMMENT ON COLUMN person.name IS E'line one\r\nline\ttwo \\';
CREATE TABLE pet (id serial PRIMARY KEY, owner integer REFERENCES person (id) ON DELETE CASCADE, name text);
CREATE INDEX pet_name ON pet (lower(name));
CREATE FUNCTION greet(p text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  -- "quoted": 100%
  RETURN 'hi: ' || p || E'\\';
END
$$;
CREATE VIEW cheerful AS SELECT id, name::varchar(10) AS n FROM person WHERE m <> 'happy';
"#;

#[tokio::test]
async fn alembic_revision_runs_up_and_down_on_postgres() {
    let c = case(Dialect::Postgres, PG_FROM, PG_TO).await;
    let revision = round_trip(
        &c,
        &[
            "\"\"\"People get \\\"moods\\\" \\\\ and more\n\nRevision ID: 1a2b3c4d5e6f\nRevises:\n",
            "revision = \"1a2b3c4d5e6f\"\ndown_revision = None\n",
            "def upgrade() -> None:\n    with op.get_context().autocommit_block():\n",
            "ADD VALUE IF NOT EXISTS 'happy'",
            "    # destructive: drops column public.person.old\n",
            "r\"\"\"CREATE OR REPLACE FUNCTION public.greet(p text)\n",
            "def downgrade() -> None:\n",
            "    # destructive: drops function public.greet\n",
        ],
    );
    assert!(!revision.contains("NotImplementedError"), "{revision}");
}

const SQLITE_FROM: &str = "
CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT DEFAULT '12:30', dropme INT);
CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INT REFERENCES t (id));
INSERT INTO t (id, a) VALUES (1, 'kept');
INSERT INTO u (id, t_id) VALUES (1, 1);
";

/// Table rebuilds (a dropped column, a changed foreign key) with foreign
/// keys off outside the transaction, and quoting as on PostgreSQL.
const SQLITE_TO: &str = r#"
CREATE TABLE t (
    id INTEGER PRIMARY KEY,
    a TEXT DEFAULT '12:30' CHECK (a NOT LIKE '%:x%'),
    b TEXT DEFAULT 'it''s "q" 100% :x %(y)s \ '''''' ?'
);
CREATE TABLE u (id INTEGER PRIMARY KEY, t_id INT REFERENCES t (id) ON DELETE CASCADE);
CREATE INDEX u_t ON u (t_id) WHERE t_id > 0;
CREATE VIEW v AS
SELECT id,
       a
  FROM t;
"#;

#[tokio::test]
async fn alembic_revision_runs_up_and_down_on_sqlite() {
    let c = case(Dialect::Sqlite, SQLITE_FROM, SQLITE_TO).await;
    round_trip(
        &c,
        &[
            "    with op.get_context().autocommit_block():\n        op.execute(_sql(\"PRAGMA foreign_keys = OFF\"))\n",
            "    # destructive: drops column main.t.dropme\n",
            "    with op.get_context().autocommit_block():\n        op.execute(_sql(\"PRAGMA foreign_keys = ON\"))\n",
        ],
    );
}

#[test]
fn alembic_options_need_the_alembic_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &["diff", "sqlite::memory:", "sqlite::memory:", "-m", "x"],
        2,
    );
    assert!(out.contains("need --format alembic"), "{out}");
    let out = run(
        dir.path(),
        &[
            "diff",
            "sqlite::memory:",
            "sqlite::memory:",
            "-f",
            "alembic",
            "--alembic-down-revision",
            "head-1",
        ],
        2,
    );
    assert!(out.contains("not an Alembic revision id"), "{out}");
    // No difference: nothing written, exit 0, as for SQL.
    let out = run(
        dir.path(),
        &[
            "diff",
            "sqlite::memory:",
            "sqlite::memory:",
            "-f",
            "alembic",
        ],
        0,
    );
    assert_eq!(out, "");
}
