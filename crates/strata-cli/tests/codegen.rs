//! `strata codegen` end to end: generated models are imported by the real
//! Python packages (installed into ./.venv by scripts/setup-test-deps),
//! created into an empty database, and that database is compared with the
//! original. The only differences allowed are what the generated file lists
//! as not expressible.

mod common;

use common::{run, strata};
use std::path::{Path, PathBuf};
use std::process::Command;
use strata_model::Dialect;
use strata_testkit::{TestDb, corpus};

/// The project's virtualenv Python; a missing one fails with the fix.
fn python() -> PathBuf {
    let py = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    assert!(
        py.is_file(),
        "{} is missing: run scripts/setup-test-deps",
        py.display()
    );
    py
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/python")
        .join(name)
}

/// Runs Python, failing the test with its output.
fn py(args: &[&str]) -> String {
    let out = Command::new(python())
        .args(args)
        .output()
        .expect("python runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "python {args:?} failed:\n{text}");
    text
}

/// The SQLAlchemy URL of a strata URL.
fn sqlalchemy_url(url: &str) -> String {
    // strata's URLs percent-encode database names; SQLAlchemy's do not decode them.
    let url = url.replace("%5F", "_");
    let url = url.as_str();
    if let Some(rest) = url.strip_prefix("postgres://") {
        format!("postgresql+psycopg2://{rest}")
    } else if let Some(rest) = url.strip_prefix("mysql://") {
        format!("mysql+pymysql://{rest}")
    } else if let Some(rest) = url.strip_prefix("sqlite://") {
        format!("sqlite:///{}", rest.split('?').next().unwrap_or(rest))
    } else {
        url.to_string()
    }
}

/// A database holding a corpus schema, and an empty one of the same dialect.
struct Pair {
    original: String,
    empty: String,
    _dbs: Vec<TestDb>,
    _dir: tempfile::TempDir,
}

async fn pair(dialect: Dialect, script_text: &str, origin: &str) -> Pair {
    let dir = tempfile::tempdir().expect("tempdir");
    match dialect {
        Dialect::Sqlite => {
            let original = dir.path().join("original.db");
            let url = format!("sqlite://{}?mode=rwc", original.display());
            let db = strata_engine::driver_for(Dialect::Sqlite)
                .connect(&strata_driver::DatabaseUrl::parse(&url).expect("url"))
                .await;
            let mut conn = db.expect("sqlite opens");
            conn.execute_script(script_text, origin)
                .await
                .unwrap_or_else(|e| panic!("loading {origin}: {e}"));
            conn.close().await;
            let empty = dir.path().join("created.db");
            Pair {
                original: format!("sqlite://{}", original.display()),
                empty: format!("sqlite://{}?mode=rwc", empty.display()),
                _dbs: vec![],
                _dir: dir,
            }
        }
        _ => {
            let driver = strata_engine::driver_for(dialect);
            let a = TestDb::create(driver).await;
            a.load(script_text, origin).await;
            let b = TestDb::create(driver).await;
            Pair {
                original: a.url.expose(),
                empty: b.url.expose(),
                _dbs: vec![a, b],
                _dir: dir,
            }
        }
    }
}

fn metadata_of(target: &str) -> &'static str {
    match target {
        "sqlalchemy" => "Base.metadata",
        "sqlalchemy-core" => "metadata",
        "sqlmodel" => "SQLModel.metadata",
        other => panic!("no metadata for {other}"),
    }
}

/// Generates `target` code from the pair's original, creates it into the
/// empty database and checks that the only differences are the listed ones.
async fn assert_faithful(pair: &Pair, target: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("models.py");
    let file_s = file.display().to_string();
    run(
        dir.path(),
        &[
            "codegen",
            &pair.original,
            "--target",
            target,
            "--out",
            &file_s,
        ],
        0,
    );
    let text = std::fs::read_to_string(&file).expect("generated file");
    py(&["-m", "ruff", "format", "--check", "--quiet", &file_s]);
    py(&[
        &script("create_all.py").display().to_string(),
        &file_s,
        &sqlalchemy_url(&pair.empty),
        metadata_of(target),
    ]);
    // What the code recreates: the original minus what the file lists.
    let source = strata_engine::Source::parse(&pair.original).expect("source");
    let realm = source
        .resolve(&Default::default())
        .await
        .expect("original inspects");
    let (expected, notes) = strata_codegen::expressible(
        &realm,
        strata_codegen::Target::parse(target).expect("target"),
    );
    for note in &notes {
        assert!(
            text.contains(&note.line()),
            "{target}: the file does not list `{}`",
            note.line()
        );
    }
    let snapshot = dir.path().join("expected.json");
    std::fs::write(&snapshot, expected.to_json()).expect("snapshot");
    let created = pair.empty.replace("?mode=rwc", "");
    let out = strata(dir.path())
        .args([
            "diff",
            &snapshot.display().to_string(),
            &created,
            "--format",
            "text",
            "--unsafe",
        ])
        .output()
        .expect("strata diff runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{target}: the created schema differs from the original beyond the listed objects:\n{}{}\n--- generated file ---\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
}

const SQLALCHEMY_TARGETS: [&str; 3] = ["sqlalchemy", "sqlalchemy-core", "sqlmodel"];

#[tokio::test]
async fn sqlite_chinook_round_trips_through_sqlalchemy_targets() {
    let script = corpus::read("chinook/Chinook_Sqlite.sql");
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Sqlite, &script, "Chinook_Sqlite.sql").await;
        assert_faithful(&p, target).await;
    }
}

fn pg_chinook() -> String {
    corpus::without_lines(&corpus::read("chinook/Chinook_PostgreSql.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop database") || l.starts_with("create database") || l.starts_with("\\c")
    })
}

#[tokio::test]
async fn postgres_chinook_round_trips_through_sqlalchemy_targets() {
    let script = pg_chinook();
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Postgres, &script, "Chinook_PostgreSql.sql").await;
        assert_faithful(&p, target).await;
    }
}

#[tokio::test]
async fn postgres_pagila_round_trips_through_sqlalchemy_targets() {
    let script = corpus::read("pagila/pagila-schema.sql");
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Postgres, &script, "pagila-schema.sql").await;
        assert_faithful(&p, target).await;
    }
}

#[tokio::test]
async fn postgres_sakila_round_trips_through_sqlalchemy_targets() {
    let script = corpus::read("sakila/postgres-sakila-schema.sql");
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Postgres, &script, "postgres-sakila-schema.sql").await;
        assert_faithful(&p, target).await;
    }
}

fn mariadb_chinook() -> String {
    corpus::without_lines(&corpus::read("chinook/Chinook_MySql.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop database") || l.starts_with("create database") || l.starts_with("use ")
    })
}

/// The published file creates and uses a `sakila` schema and names it in
/// its views; loaded into the test's own database instead.
fn mariadb_sakila() -> String {
    corpus::without_lines(&corpus::read("sakila/mysql-sakila-schema.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop schema") || l.starts_with("create schema") || l.starts_with("use ")
    })
    .replace("sakila.", "")
}

#[tokio::test]
async fn mariadb_chinook_round_trips_through_sqlalchemy_targets() {
    let script = mariadb_chinook();
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Mysql, &script, "Chinook_MySql.sql").await;
        assert_faithful(&p, target).await;
    }
}

#[tokio::test]
async fn mariadb_sakila_round_trips_through_sqlalchemy_targets() {
    let script = mariadb_sakila();
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Mysql, &script, "mysql-sakila-schema.sql").await;
        assert_faithful(&p, target).await;
    }
}

/// PostgreSQL features the SQLAlchemy targets must recreate exactly: a
/// second schema with a comment, enum and domain types, identity with
/// options, a generated column, arrays (of an enum too), JSON/JSONB, UUID,
/// network types, a range, a collation, comments, a partial, an expression
/// and a GIN index, self-referential, composite, one-to-one and
/// many-to-many keys, and a table without a primary key.
const PG_FEATURES: &str = r#"
CREATE SCHEMA audit;
COMMENT ON SCHEMA audit IS 'audit trail';
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy-ish');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE person (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uuid uuid NOT NULL DEFAULT gen_random_uuid(),
  name varchar(100) NOT NULL,
  nick text COLLATE "C",
  tags text[] NOT NULL DEFAULT '{}',
  scores integer[],
  profile jsonb,
  raw json,
  ip inet,
  net cidr,
  mac macaddr,
  during tstzrange,
  current_mood mood DEFAULT 'ok',
  moods mood[],
  age positive_int,
  balance numeric(12,2) NOT NULL DEFAULT 0,
  ratio double precision,
  small real,
  born date,
  wakes time without time zone,
  created timestamp(3) with time zone NOT NULL DEFAULT now(),
  span interval,
  flags bit(8),
  photo bytea,
  upper_name text GENERATED ALWAYS AS (upper(name)) STORED,
  CONSTRAINT person_name_check CHECK (length(name) > 0),
  CONSTRAINT person_uuid_key UNIQUE (uuid)
);
COMMENT ON TABLE person IS 'people';
COMMENT ON COLUMN person.name IS 'display name';
CREATE INDEX person_lower_name ON person (lower(name));
CREATE INDEX person_active ON person (created DESC) WHERE balance > 0;
CREATE INDEX person_tags ON person USING gin (tags);
CREATE TABLE audit.event (
  id integer GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY,
  person_id bigint REFERENCES person (id) ON DELETE CASCADE,
  reviewer_id bigint REFERENCES person (id) ON DELETE SET NULL,
  parent_id integer REFERENCES audit.event (id),
  at timestamp without time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE friendship (
  a bigint NOT NULL REFERENCES person (id),
  b bigint NOT NULL REFERENCES person (id),
  PRIMARY KEY (a, b)
);
CREATE TABLE passport (
  person_id bigint PRIMARY KEY REFERENCES person (id),
  number text NOT NULL
);
CREATE TABLE log_line (
  at timestamp with time zone,
  message text
);
CREATE TABLE grp (id integer PRIMARY KEY, name text);
CREATE TABLE membership (grp_id integer REFERENCES grp (id), person_id bigint REFERENCES person (id), PRIMARY KEY (grp_id, person_id));
CREATE TABLE pair_parent (x integer, y integer, PRIMARY KEY (x, y));
CREATE TABLE pair_child (id integer PRIMARY KEY, px integer, py integer, FOREIGN KEY (px, py) REFERENCES pair_parent (x, y));
"#;

/// MySQL/MariaDB features: unsigned and display widths, inline enum and
/// set, charset and collation, ON UPDATE CURRENT_TIMESTAMP, fractional
/// seconds, a virtual column, prefix and FULLTEXT keys, a check, actions.
const MARIADB_FEATURES: &str = r#"
CREATE TABLE parent (
  id int unsigned NOT NULL AUTO_INCREMENT,
  code char(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='the parents';
CREATE TABLE everything (
  id bigint unsigned NOT NULL AUTO_INCREMENT COMMENT 'row id',
  parent_id int unsigned DEFAULT NULL,
  tiny tinyint(1) NOT NULL DEFAULT 0,
  small smallint(5) unsigned DEFAULT NULL,
  price decimal(10,2) NOT NULL DEFAULT 9.99,
  ratio double DEFAULT -1.5,
  f float DEFAULT NULL,
  label varchar(40) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT 'x',
  body mediumtext,
  kind enum('a','b','c-d') NOT NULL DEFAULT 'a',
  opts set('x','y','z') DEFAULT NULL,
  data json DEFAULT NULL,
  blob_col longblob,
  bin binary(4) DEFAULT NULL,
  born date DEFAULT NULL,
  at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  changed timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  yr year(4) DEFAULT NULL,
  total decimal(12,2) GENERATED ALWAYS AS (price * 2) VIRTUAL,
  PRIMARY KEY (id),
  KEY parent_idx (parent_id),
  KEY label_prefix (label(10)),
  FULLTEXT KEY body_ft (body),
  CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT price_positive CHECK (price >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
"#;

#[tokio::test]
async fn postgres_features_round_trip_through_sqlalchemy_targets() {
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Postgres, PG_FEATURES, "features").await;
        assert_faithful(&p, target).await;
    }
}

#[tokio::test]
async fn mariadb_features_round_trip_through_sqlalchemy_targets() {
    for target in SQLALCHEMY_TARGETS {
        let p = pair(Dialect::Mysql, MARIADB_FEATURES, "features").await;
        assert_faithful(&p, target).await;
    }
}

/// Tables and columns named to break naive generators.
const HOSTILE: &str = r#"
CREATE TABLE "class" ("self" INTEGER PRIMARY KEY, "type" TEXT NOT NULL, "metadata" TEXT, "1st" INTEGER, "a-b" TEXT, "Ünïcode" TEXT);
CREATE TABLE "metadata" ("id" INTEGER PRIMARY KEY, "class" INTEGER REFERENCES "class" ("self"), "registry" TEXT);
CREATE TABLE "1st" ("id" INTEGER PRIMARY KEY, "a-b" INTEGER REFERENCES "metadata" ("id"));
CREATE TABLE "Ünïcode" ("Ünïcode" INTEGER PRIMARY KEY, "type" INTEGER REFERENCES "1st" ("id"));
CREATE TABLE "a-b" ("x" INTEGER, "y" INTEGER);
"#;

#[tokio::test]
async fn hostile_names_import_and_round_trip() {
    for dialect in [Dialect::Sqlite, Dialect::Postgres] {
        for target in SQLALCHEMY_TARGETS {
            let p = pair(dialect, HOSTILE, "hostile.sql").await;
            assert_faithful(&p, target).await;
        }
    }
}

/// sqlacodegen 4's relationship count, from its output: every
/// `relationship(` call, in all classes and in the classes of tables other
/// than `skip` (partitions, which strata lists as not creatable instead of
/// mapping them as ordinary tables).
fn sqlacodegen_relationships(url: &str, skip: &[String]) -> (usize, usize) {
    let out = py(&["-m", "sqlacodegen", &sqlalchemy_url(url)]);
    let all = out.matches("relationship(").count();
    let kept = out
        .split("\nclass ")
        .filter(|block| {
            !skip.iter().any(|t| {
                block.contains(&format!("__tablename__ = '{t}'"))
                    || block.contains(&format!("__tablename__ = \"{t}\""))
            })
        })
        .flat_map(|block| block.lines())
        // A reverse side pointing at a skipped table names it.
        .filter(|line| {
            line.contains("relationship(") && !skip.iter().any(|t| line.contains(t.as_str()))
        })
        .count();
    (all, kept)
}

/// Tables the generated file lists as partitions.
fn partitions(url: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["codegen", url], 0);
    out.lines()
        .filter_map(|l| l.strip_prefix("#   - partition "))
        .filter_map(|l| l.split(':').next())
        .filter_map(|q| q.rsplit('.').next())
        .map(str::to_string)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn strata_relationships(url: &str) -> (usize, usize, usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["codegen", url, "--stats"], 0);
    let number = |label: &str| -> usize {
        out.split(label)
            .nth(1)
            .and_then(|r| r.split(';').next())
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no '{label}' in {out}"))
    };
    (
        number("relationships:"),
        number("foreign keys:"),
        number("uncovered foreign keys:"),
    )
}

#[tokio::test]
async fn relationships_cover_every_foreign_key_and_match_sqlacodegen() {
    let cases: Vec<(&str, Dialect, String)> = vec![
        (
            "chinook/sqlite",
            Dialect::Sqlite,
            corpus::read("chinook/Chinook_Sqlite.sql"),
        ),
        ("chinook/postgres", Dialect::Postgres, pg_chinook()),
        (
            "pagila/postgres",
            Dialect::Postgres,
            corpus::read("pagila/pagila-schema.sql"),
        ),
        (
            "sakila/postgres",
            Dialect::Postgres,
            corpus::read("sakila/postgres-sakila-schema.sql"),
        ),
        ("chinook/mariadb", Dialect::Mysql, mariadb_chinook()),
        ("sakila/mariadb", Dialect::Mysql, mariadb_sakila()),
    ];
    for (name, dialect, script) in cases {
        let p = pair(dialect, &script, name).await;
        let (ours, fks, uncovered) = strata_relationships(&p.original);
        let skip = partitions(&p.original);
        let (theirs_all, theirs) = sqlacodegen_relationships(&p.original, &skip);
        // Recorded for the report: `cargo test -- --nocapture` shows them.
        println!(
            "relationships {name}: strata {ours}, sqlacodegen {theirs} on the same tables \
             ({theirs_all} including {} partitions), foreign keys {fks}",
            skip.len()
        );
        assert_eq!(uncovered, 0, "{name}: foreign keys without a relationship");
        assert!(
            ours >= theirs,
            "{name}: strata infers {ours} relationships, sqlacodegen {theirs}"
        );
    }
}

#[tokio::test]
async fn check_reports_staleness_and_hand_written_files_are_never_touched() {
    let p = pair(
        Dialect::Sqlite,
        &corpus::read("chinook/Chinook_Sqlite.sql"),
        "chinook",
    )
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("app");
    let out_s = out.display().to_string();
    let call = |extra: &[&str], code: i32| {
        let mut a = vec!["codegen", p.original.as_str(), "--out-dir", out_s.as_str()];
        a.extend_from_slice(extra);
        run(dir.path(), &a, code)
    };
    // Nothing there yet: --check fails and shows what would be written.
    let diff = call(&["--check"], 1);
    assert!(diff.contains("+++ b/"), "{diff}");
    call(&[], 0);
    let generated = out.join("generated_models.py");
    let mine = out.join("models.py");
    assert!(generated.is_file() && mine.is_file());
    call(&["--check"], 0);

    // The user's module is theirs: a second run leaves an edit alone.
    std::fs::write(&mine, "# my code\n").expect("edit");
    call(&[], 0);
    assert_eq!(std::fs::read_to_string(&mine).expect("read"), "# my code\n");
    call(&["--check"], 0);

    // A hand edit of the generated module is a difference --check reports.
    let original = std::fs::read_to_string(&generated).expect("read");
    std::fs::write(
        &generated,
        original.replace("class Album(Base):", "class Albums(Base):"),
    )
    .expect("edit");
    let diff = call(&["--check"], 1);
    assert!(
        diff.contains("-class Albums(Base):") && diff.contains("+class Album(Base):"),
        "{diff}"
    );
    call(&[], 0);
    assert_eq!(std::fs::read_to_string(&generated).expect("read"), original);

    // A file at --out that strata did not write is never overwritten.
    let hand = dir.path().join("hand.py");
    std::fs::write(&hand, "print('mine')\n").expect("write");
    let hand_s = hand.display().to_string();
    let err = run(dir.path(), &["codegen", &p.original, "--out", &hand_s], 2);
    assert!(err.contains("not generated by strata"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&hand).expect("read"),
        "print('mine')\n"
    );
}

#[tokio::test]
async fn the_header_names_the_source_without_its_password() {
    let p = pair(
        Dialect::Postgres,
        "create table t (id int primary key);",
        "t",
    )
    .await;
    let with_password = p.original.replacen("postgres@", "postgres:s3cr3t-pw@", 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(dir.path(), &["codegen", &with_password], 0);
    assert!(!out.contains("s3cr3t-pw"), "{out}");
    assert!(
        out.contains("# Generated by strata from postgres://"),
        "{out}"
    );
    assert!(
        out.contains("# Regenerate with: strata codegen 'postgres://postgres:***@"),
        "{out}"
    );
}

/// Django: the generated models pass `manage.py check` (warnings included)
/// and `makemigrations --dry-run` accepts them.
#[tokio::test]
async fn django_models_pass_the_system_checks() {
    let cases: Vec<(&str, Dialect, String)> = vec![
        (
            "chinook/sqlite",
            Dialect::Sqlite,
            corpus::read("chinook/Chinook_Sqlite.sql"),
        ),
        ("hostile/sqlite", Dialect::Sqlite, HOSTILE.to_string()),
        (
            "features/postgres",
            Dialect::Postgres,
            PG_FEATURES.to_string(),
        ),
        (
            "features/mariadb",
            Dialect::Mysql,
            MARIADB_FEATURES.to_string(),
        ),
        ("chinook/postgres", Dialect::Postgres, pg_chinook()),
        (
            "pagila/postgres",
            Dialect::Postgres,
            corpus::read("pagila/pagila-schema.sql"),
        ),
        (
            "sakila/postgres",
            Dialect::Postgres,
            corpus::read("sakila/postgres-sakila-schema.sql"),
        ),
        ("chinook/mariadb", Dialect::Mysql, mariadb_chinook()),
        ("sakila/mariadb", Dialect::Mysql, mariadb_sakila()),
    ];
    for (name, dialect, sql) in cases {
        let p = pair(dialect, &sql, name).await;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("models.py");
        let file_s = file.display().to_string();
        run(
            dir.path(),
            &[
                "codegen",
                &p.original,
                "--target",
                "django",
                "--out",
                &file_s,
            ],
            0,
        );
        py(&["-m", "ruff", "format", "--check", "--quiet", &file_s]);
        py(&[&script("django_check.py").display().to_string(), &file_s]);
    }
}

/// Django on the PostgreSQL features: what Django can state is in the
/// fields (a generated column, a collation, a range, a domain's base type),
/// and every column Django would create differently is in the header.
#[tokio::test]
async fn django_states_features_or_lists_them() {
    let p = pair(Dialect::Postgres, PG_FEATURES, "features").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(
        dir.path(),
        &["codegen", &p.original, "--target", "django"],
        0,
    );
    for faithful in [
        "upper_name = models.GeneratedField(\n        expression=RawSQL(\"upper((name)::text)\", []),\n        output_field=models.TextField(),\n        db_persist=True,",
        "nick = models.TextField(db_collation=\"C\", null=True, blank=True)",
        "during = DateTimeRangeField(null=True, blank=True)",
        "age = models.IntegerField(null=True, blank=True)",
        "current_mood = models.CharField(\n        max_length=9, choices=Mood.choices,",
        "ip = models.GenericIPAddressField(null=True, blank=True)",
        "from django.contrib.postgres.fields import ArrayField, DateTimeRangeField",
    ] {
        assert!(out.contains(faithful), "missing `{faithful}`:\n{out}");
    }
    let listed: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("#   - "))
        .filter(|l| {
            [
                "column type ",
                "identity ",
                "collation ",
                "domain ",
                "enum type ",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .collect();
    assert_eq!(
        listed,
        [
            "column type audit.event.at: timestamp without time zone is created as timestamp with time zone",
            "column type public.person.age: public.positive_int is created as its base type",
            "column type public.person.created: timestamp(3) with time zone is created as timestamp with time zone",
            "column type public.person.current_mood: public.mood is created as varchar",
            "column type public.person.flags: bit(8) is created as text",
            "column type public.person.mac: macaddr is created as text",
            "column type public.person.moods: public.mood[] is created as varchar[]",
            "column type public.person.net: cidr is created as text",
            "column type public.person.raw: json is created as jsonb",
            "column type public.person.small: real is created as double precision",
            "domain public.positive_int: not expressible in the target; create it with a migration",
            "enum type public.mood: not expressible in the target; create it with a migration",
            "identity audit.event.id: START WITH 10, INCREMENT BY 5 not expressible on Django's automatic key",
            "identity public.person.id: GENERATED ALWAYS (Django creates BY DEFAULT) not expressible on Django's automatic key",
        ],
        "{out}"
    );
}

/// The Rust targets: SeaORM, Diesel and sqlx code generated for Pagila and
/// Chinook (PostgreSQL) is rustfmt-clean and compiles, all of it in one
/// crate checked once. The crate's build directory persists under
/// target/codegen-check, so later runs are incremental.
#[tokio::test]
async fn rust_targets_compile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/codegen-check");
    let krate = root.join("crate");
    let src = krate.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).expect("check crate");
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/rust-check");
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(template.join(file), krate.join(file)).expect("check crate manifest");
    }
    let mut lib = String::new();
    let cases = [
        ("pagila", corpus::read("pagila/pagila-schema.sql")),
        ("chinook", pg_chinook()),
        ("hostile", HOSTILE.to_string()),
        ("features", PG_FEATURES.to_string()),
    ];
    for (name, sql) in cases {
        let p = pair(Dialect::Postgres, &sql, name).await;
        for target in ["sqlx", "diesel", "seaorm"] {
            let module = format!("{name}_{target}");
            let file = src.join(format!("{module}.rs"));
            let file_s = file.display().to_string();
            run(
                &krate,
                &["codegen", &p.original, "--target", target, "--out", &file_s],
                0,
            );
            let fmt = Command::new("rustfmt")
                .args(["--edition", "2024", "--check", &file_s])
                .output()
                .expect("rustfmt runs");
            assert!(
                fmt.status.success(),
                "{module} is not rustfmt-clean:\n{}",
                String::from_utf8_lossy(&fmt.stdout)
            );
            lib.push_str(&format!("pub mod {module};\n"));
        }
    }
    std::fs::write(src.join("lib.rs"), lib).expect("lib.rs");
    let out = Command::new(env!("CARGO"))
        .args(["check", "--locked", "--quiet", "--message-format", "short"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo check runs");
    assert!(
        out.status.success(),
        "the generated Rust does not compile:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The generated code without its first two header lines (the source and
/// the command, which name how it was read).
fn body(text: &str) -> String {
    text.lines().skip(2).collect::<Vec<_>>().join("\n")
}

/// A JSON snapshot and desired-state SQL give the code the live database
/// gives; the header's command repeats `--dialect`, `--dev-url` (without its
/// password, or as `$STRATA_DEV_URL` when it came from there) and
/// `--templates`.
#[tokio::test]
async fn snapshot_and_sql_sources_generate_what_the_database_does() {
    let script = corpus::read("chinook/Chinook_Sqlite.sql");
    let p = pair(Dialect::Sqlite, &script, "Chinook_Sqlite.sql").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let snapshot = dir.path().join("chinook.json");
    let snapshot_s = snapshot.display().to_string();
    run(
        dir.path(),
        &[
            "inspect",
            &p.original,
            "--format",
            "json",
            "--output",
            &snapshot_s,
        ],
        0,
    );
    let sql = dir.path().join("schema.sql");
    std::fs::write(&sql, &script).expect("schema.sql");
    let sql_s = sql.display().to_string();
    for target in ["sqlalchemy", "django", "seaorm"] {
        let live = run(dir.path(), &["codegen", &p.original, "--target", target], 0);
        let from_snapshot = run(dir.path(), &["codegen", &snapshot_s, "--target", target], 0);
        assert_eq!(body(&live), body(&from_snapshot), "{target}: snapshot");
        let from_sql = run(
            dir.path(),
            &["codegen", &sql_s, "--dialect", "sqlite", "--target", target],
            0,
        );
        assert_eq!(body(&live), body(&from_sql), "{target}: desired-state SQL");
        assert!(
            from_sql.contains(&format!(
                "Regenerate with: strata codegen {sql_s} --target {target} --dialect sqlite\n"
            )),
            "{from_sql}"
        );
    }

    // A dev URL on the command line is shown without its password; one from
    // the environment by its variable.
    let server = strata_testkit::server_url(Dialect::Postgres).expose();
    let with_password = server.replacen("postgres@", "postgres:s3cr3t-dev@", 1);
    std::fs::write(
        dir.path().join("pg.sql"),
        "create table t (id int primary key);",
    )
    .expect("pg.sql");
    std::fs::create_dir(dir.path().join("tpl")).expect("tpl");
    let out = run(
        dir.path(),
        &[
            "codegen",
            "pg.sql",
            "--dialect",
            "postgres",
            "--dev-url",
            &with_password,
            "--templates",
            "tpl",
            "--table",
            "t",
        ],
        0,
    );
    assert!(!out.contains("s3cr3t-dev"), "{out}");
    assert!(
        out.contains(
            "# Regenerate with: strata codegen pg.sql --target sqlalchemy --table t --dialect postgres --dev-url 'postgres://postgres:***@"
        ) && out.contains(" --templates tpl\n"),
        "{out}"
    );
    let out = strata(dir.path())
        .args(["codegen", "pg.sql", "--dialect", "postgres"])
        .env("STRATA_DEV_URL", &with_password)
        .output()
        .expect("strata runs");
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(!out.contains("s3cr3t-dev"), "{out}");
    assert!(
        out.contains("--dialect postgres --dev-url \"$STRATA_DEV_URL\"\n"),
        "{out}"
    );
}

/// A Rust target's `--out-dir`: the generated module is rewritten, the
/// user's module beside it is written once and never overwritten.
#[tokio::test]
async fn rust_scaffold_is_written_once() {
    let p = pair(Dialect::Sqlite, HOSTILE, "hostile.sql").await;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("src/db");
    let out_s = out.display().to_string();
    for target in ["seaorm", "diesel", "sqlx"] {
        let args = [
            "codegen",
            p.original.as_str(),
            "--target",
            target,
            "--out-dir",
            &out_s,
        ];
        run(dir.path(), &args, 0);
        let name = strata_codegen::Target::parse(target)
            .expect("target")
            .file_name();
        let mine = out.join(name);
        let generated = out.join(format!("generated_{name}"));
        let scaffold = std::fs::read_to_string(&mine).expect("scaffold");
        assert!(
            scaffold.contains(&format!("generated_{}", name.trim_end_matches(".rs"))),
            "{scaffold}"
        );
        assert!(generated.is_file());
        std::fs::write(&mine, "// mine\n").expect("edit");
        std::fs::remove_file(&generated).expect("remove");
        run(dir.path(), &args, 0);
        assert_eq!(std::fs::read_to_string(&mine).expect("read"), "// mine\n");
        assert!(
            generated.is_file(),
            "{target}: the generated module is rewritten"
        );
        let mut check = args.to_vec();
        check.push("--check");
        run(dir.path(), &check, 0);
    }
}

/// `[codegen]` in strata.toml supplies the target and the output
/// directory; `--templates` replaces a built-in template.
#[tokio::test]
async fn configuration_and_templates() {
    let p = pair(Dialect::Sqlite, HOSTILE, "hostile.sql").await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("strata.toml"),
        "[codegen]\ntarget = \"sqlmodel\"\nout_dir = \"app/models\"\ntemplates = \"tpl\"\n",
    )
    .expect("strata.toml");
    std::fs::create_dir(dir.path().join("tpl")).expect("tpl");
    std::fs::write(
        dir.path().join("tpl/sqlmodel.py.jinja"),
        "{{ header }}# custom template\n{{ imports }}\n{% for block in blocks %}\n\n\n{{ block }}{% endfor %}",
    )
    .expect("template");
    run(dir.path(), &["codegen", &p.original], 0);
    let generated = std::fs::read_to_string(dir.path().join("app/models/generated_models.py"))
        .expect("generated into out_dir");
    assert!(generated.contains("(SQLModel, table=True)"), "{generated}");
    assert!(generated.contains("# custom template"), "{generated}");
    assert!(dir.path().join("app/models/models.py").is_file());
    // A template name strata does not know is an error, not silently unused.
    std::fs::write(dir.path().join("tpl/nope.py.jinja"), "x").expect("template");
    let err = run(dir.path(), &["codegen", &p.original], 2);
    assert!(err.contains("nope.py.jinja"), "{err}");
}
