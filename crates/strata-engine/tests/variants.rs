//! Convergence in both directions between the corpus schemas and
//! hand-written variants of them, on every database, through the path
//! `strata apply DATABASE --to SOURCE` takes: the engine's `compare` (of two
//! live databases, or of a database and a JSON snapshot) and `apply`.
//!
//! For each variant, A is a corpus schema (plus two small views, one on top
//! of the other: no corpus has a view over a view) with a few rows, and B
//! is A changed by hand: statements run on a copy of A, or an edit of the
//! corpus script where SQLite's ALTER TABLE cannot make the change. Then:
//!
//! - the plan A -> B, applied to A, leaves nothing to do (the re-diff is
//!   empty), and so does the plan B -> A applied to B;
//! - without `--unsafe` the plan is refused exactly when it has destructive
//!   steps, which must be the variant's expectation (a dropped column, a
//!   narrower type, NOT NULL, a removed enum value);
//! - rows in the columns both sides have are still there afterwards.
//!
//! Variants of one corpus run one after the other in one test, each on
//! databases of its own; all failures are reported together.

use std::path::Path;
use strata_diff::DiffOptions;
use strata_diff::plan::summary;
use strata_engine::{Source, SourceOptions, apply, compare, driver_for};
use strata_model::Dialect;
use strata_testkit::{TestDb, corpus};

/// One hand-written variant of a corpus schema.
struct Variant {
    name: &'static str,
    /// Replacements in A's script (each must match exactly once) that
    /// give B when loaded; empty for variants made by `statements` alone.
    edits: &'static [(&'static str, &'static str)],
    /// Run on B after loading.
    statements: &'static str,
    /// A query on columns both sides keep; its rows must survive both ways.
    check: &'static str,
    /// Whether the plans A -> B and B -> A have destructive steps.
    destructive: (bool, bool),
}

/// A corpus schema and the variants to test against it.
struct Corpus {
    dialect: Dialect,
    name: &'static str,
    /// The corpus script plus the two views.
    script: String,
    /// Rows for A (inserted after loading, before any variant).
    seed: &'static str,
    variants: &'static [Variant],
}

/// What `strata apply` did.
enum Applied {
    /// Destructive steps, withheld without `--unsafe` (nothing ran).
    Refused(Vec<String>),
    Ran(String),
}

/// `strata apply db --to desired [--unsafe]`: compare, refuse destructive
/// steps unless allowed, run the plan.
async fn strata_apply(
    db: &TestDb,
    desired: &Source,
    allow_unsafe: bool,
) -> Result<Applied, String> {
    let target = Source::Database(db.url.clone());
    let c = compare(
        &target,
        desired,
        &SourceOptions::default(),
        &DiffOptions::default(),
    )
    .await
    .map_err(|e| format!("compare: {e}"))?;
    if c.plan.is_empty() {
        return Err("the plan is empty, but the two sides differ".into());
    }
    let withheld: Vec<String> = c
        .plan
        .destructive()
        .map(|s| {
            format!(
                "{}: {}",
                summary(&s.change),
                s.destructive.clone().unwrap_or_default()
            )
        })
        .collect();
    if !withheld.is_empty() && !allow_unsafe {
        return Ok(Applied::Refused(withheld));
    }
    let statements = c.plan.render(c.dialect).map_err(|e| e.to_string())?;
    let script = c.dialect.script(&statements);
    let (before, after) = c.dialect.around_transaction(&c.plan);
    let mut conn = db.connect().await;
    let outcome = apply::apply(
        conn.as_mut(),
        &statements,
        c.dialect.transactional_ddl(),
        (&before, &after),
    )
    .await;
    conn.close().await;
    outcome.map_err(|e| format!("{e}\n--- plan:\n{script}"))?;
    Ok(Applied::Ran(script))
}

/// Brings `db` to `desired` as a user would: without `--unsafe` first, and
/// with it when refused. The refusal must match `destructive`, and the
/// database must then read as `desired` (the plan is empty).
async fn converge(
    db: &TestDb,
    desired: &Source,
    destructive: bool,
    direction: &str,
) -> Result<(), String> {
    let script = match strata_apply(db, desired, false).await? {
        Applied::Refused(_) if destructive => match strata_apply(db, desired, true).await? {
            Applied::Ran(script) => script,
            Applied::Refused(_) => return Err(format!("{direction}: refused with --unsafe")),
        },
        Applied::Refused(withheld) => {
            return Err(format!(
                "{direction}: refused without --unsafe, but nothing should be destructive: {withheld:#?}"
            ));
        }
        Applied::Ran(script) if destructive => {
            return Err(format!(
                "{direction}: ran without --unsafe, but the plan should be destructive\n{script}"
            ));
        }
        Applied::Ran(script) => script,
    };
    let target = Source::Database(db.url.clone());
    let again = compare(
        &target,
        desired,
        &SourceOptions::default(),
        &DiffOptions::default(),
    )
    .await
    .map_err(|e| format!("{direction}: compare after apply: {e}"))?;
    if !again.plan.is_empty() {
        let left: Vec<String> = again
            .plan
            .steps
            .iter()
            .map(|s| summary(&s.change))
            .collect();
        return Err(format!(
            "{direction}: still different after applying the plan: {left:#?}\n--- plan:\n{script}"
        ));
    }
    Ok(())
}

async fn rows(db: &TestDb, query: &str) -> Result<Vec<Vec<Option<String>>>, String> {
    let mut conn = db.connect().await;
    let rows = conn.query_rows(query).await;
    conn.close().await;
    rows.map_err(|e| format!("{query}: {e}"))
}

async fn run_script(db: &TestDb, script: &str, origin: &str) -> Result<(), String> {
    if script.trim().is_empty() {
        return Ok(());
    }
    let mut conn = db.connect().await;
    let outcome = conn.execute_script(script, origin).await;
    conn.close().await;
    outcome.map_err(|e| format!("{origin}: {e}"))
}

/// A fresh database holding `script` and the seed rows.
async fn loaded(corpus: &Corpus, script: &str) -> Result<TestDb, String> {
    let db = TestDb::create(driver_for(corpus.dialect)).await;
    run_script(&db, script, corpus.name).await?;
    run_script(&db, corpus.seed, "seed rows").await?;
    Ok(db)
}

/// A fresh database at A: a copy of `template` where the server can copy.
async fn at_a(corpus: &Corpus, template: &TestDb) -> Result<TestDb, String> {
    match template.copy().await {
        Some(db) => Ok(db),
        None => loaded(corpus, &corpus.script).await,
    }
}

fn edited(script: &str, edits: &[(&str, &str)]) -> Result<String, String> {
    let mut out = script.to_string();
    for (from, to) in edits {
        match out.matches(from).count() {
            1 => out = out.replacen(from, to, 1),
            n => return Err(format!("edit {from:?} matches {n} times")),
        }
    }
    Ok(out)
}

async fn variant(
    corpus: &Corpus,
    v: &Variant,
    template: &TestDb,
    a_snapshot: &Path,
) -> Result<(), String> {
    let db_a = at_a(corpus, template).await?;
    let db_b = if v.edits.is_empty() {
        at_a(corpus, template).await?
    } else {
        loaded(corpus, &edited(&corpus.script, v.edits)?).await?
    };
    run_script(&db_b, v.statements, "the variant's statements").await?;
    let (rows_a, rows_b) = (rows(&db_a, v.check).await?, rows(&db_b, v.check).await?);
    if rows_a.is_empty() || rows_a != rows_b {
        return Err(format!(
            "the check query must find the same rows in A and B: {}",
            v.check
        ));
    }

    converge(
        &db_a,
        &Source::Database(db_b.url.clone()),
        v.destructive.0,
        "A -> B",
    )
    .await?;
    if rows(&db_a, v.check).await? != rows_a {
        return Err("A -> B lost rows".into());
    }
    // B -> A, with A as a JSON snapshot (`strata apply db --to a.json`).
    converge(
        &db_b,
        &Source::Snapshot(a_snapshot.into()),
        v.destructive.1,
        "B -> A",
    )
    .await?;
    if rows(&db_b, v.check).await? != rows_b {
        return Err("B -> A lost rows".into());
    }
    Ok(())
}

async fn run(corpus: Corpus) {
    let template = loaded(&corpus, &corpus.script)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.name));
    let a = Source::Database(template.url.clone())
        .resolve(&SourceOptions::default())
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.name));
    let dir = tempfile::tempdir().expect("tempdir");
    let snapshot = dir.path().join("a.json");
    std::fs::write(&snapshot, a.to_json()).expect("write the snapshot");

    let mut failures = Vec::new();
    for v in corpus.variants {
        if let Err(e) = variant(&corpus, v, &template, &snapshot).await {
            failures.push(format!("{} / {}: {e}", corpus.name, v.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Two views over `table`, one on top of the other (`names` reads
/// `id`, `a` and `b`; `initials` reads `names`).
fn two_views(q: impl Fn(&str) -> String, table: &str, id: &str, a: &str, b: &str) -> String {
    format!(
        "\nCREATE VIEW {names} AS SELECT {id}, {a}, {b} FROM {table};\n\
         CREATE VIEW {initials} AS SELECT {id}, substr({a}, 1, 1) AS {fi} FROM {names};\n",
        names = q("names"),
        initials = q("initials"),
        fi = q("fi"),
        id = q(id),
        a = q(a),
        b = q(b),
        table = q(table),
    )
}

// ---------------------------------------------------------------- PostgreSQL

fn pg_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

const PAGILA_SEED: &str = "
INSERT INTO language (language_id, name) VALUES (1, 'English');
INSERT INTO actor (actor_id, first_name, last_name) VALUES (1, 'PENELOPE', 'GUINESS'), (2, 'NICK', 'WAHLBERG');
INSERT INTO film (film_id, title, language_id, rating, length, replacement_cost)
  VALUES (1, 'ACADEMY DINOSAUR', 1, 'PG', 86, 20.99), (2, 'ACE GOLDFINGER', 1, 'G', 48, 12.99);
INSERT INTO film_actor (actor_id, film_id) VALUES (1, 1), (2, 1), (2, 2);
INSERT INTO country (country_id, country) VALUES (1, 'Chile');
INSERT INTO city (city_id, city, country_id) VALUES (1, 'Santiago', 1);
INSERT INTO address (address_id, address, address2, district, city_id, phone)
  VALUES (1, '47 MySakila Drive', 'Apt 1', 'Alberta', 1, '555');
";

const ACTORS: &str = "SELECT actor_id, first_name, last_name FROM actor ORDER BY 1";

const PAGILA_VARIANTS: &[Variant] = &[
    Variant {
        name: "column added",
        edits: &[],
        statements: "ALTER TABLE actor ADD COLUMN nickname text NOT NULL DEFAULT 'none';",
        check: ACTORS,
        destructive: (false, true),
    },
    Variant {
        name: "column dropped",
        edits: &[],
        statements: "ALTER TABLE address DROP COLUMN address2;",
        check: "SELECT address_id, address, district, phone FROM address ORDER BY 1",
        destructive: (true, false),
    },
    Variant {
        name: "column retyped",
        edits: &[],
        statements: "ALTER TABLE film ALTER COLUMN replacement_cost TYPE numeric(8,2);",
        check: "SELECT film_id, title, replacement_cost FROM film ORDER BY 1",
        destructive: (false, true),
    },
    Variant {
        name: "column made nullable",
        edits: &[],
        statements: "ALTER TABLE actor ALTER COLUMN last_name DROP NOT NULL;",
        check: ACTORS,
        destructive: (false, true),
    },
    Variant {
        name: "index changed",
        edits: &[],
        statements: "DROP INDEX idx_actor_last_name;
                     CREATE INDEX idx_actor_last_name ON actor (last_name, first_name);",
        check: ACTORS,
        destructive: (false, false),
    },
    Variant {
        name: "foreign key changed",
        edits: &[],
        statements: "ALTER TABLE film_actor DROP CONSTRAINT film_actor_actor_id_fkey;
                     ALTER TABLE film_actor ADD CONSTRAINT film_actor_actor_id_fkey
                       FOREIGN KEY (actor_id) REFERENCES actor (actor_id) ON DELETE CASCADE;",
        check: "SELECT actor_id, film_id FROM film_actor ORDER BY 1, 2",
        destructive: (false, false),
    },
    Variant {
        name: "view changed on top of another view",
        edits: &[],
        statements: "CREATE OR REPLACE VIEW names AS
                       SELECT actor_id, first_name, last_name, first_name || ' ' || last_name AS full_name
                       FROM actor;
                     CREATE OR REPLACE VIEW initials AS
                       SELECT actor_id, substr(first_name, 1, 1) AS fi, substr(full_name, 1, 2) AS fi2
                       FROM names;",
        check: "SELECT actor_id, fi FROM initials ORDER BY 1",
        destructive: (false, false),
    },
    Variant {
        name: "enum value added",
        edits: &[],
        statements: "ALTER TYPE mpaa_rating ADD VALUE 'X' AFTER 'NC-17';",
        check: "SELECT film_id, rating::text FROM film ORDER BY 1",
        destructive: (false, true),
    },
];

#[tokio::test]
async fn pagila_on_postgres() {
    let mut script = corpus::read("pagila/pagila-schema.sql");
    // Pagila empties search_path for the rest of its session.
    script.push_str("\nSET search_path = public;");
    script.push_str(&two_views(
        pg_quote,
        "actor",
        "actor_id",
        "first_name",
        "last_name",
    ));
    run(Corpus {
        dialect: Dialect::Postgres,
        name: "pagila",
        script,
        seed: PAGILA_SEED,
        variants: PAGILA_VARIANTS,
    })
    .await;
}

// -------------------------------------------------------------------- SQLite

const CUSTOMERS: &str = "SELECT CustomerId, FirstName, LastName, Email FROM Customer ORDER BY 1";
const TRACKS: &str = "SELECT TrackId, Name, AlbumId, GenreId, Milliseconds FROM Track ORDER BY 1";

const CHINOOK_SQLITE_VARIANTS: &[Variant] = &[
    Variant {
        name: "column added",
        edits: &[],
        statements: "ALTER TABLE Artist ADD COLUMN Country NVARCHAR(40) DEFAULT 'unknown';",
        check: "SELECT ArtistId, Name FROM Artist ORDER BY 1",
        destructive: (false, true),
    },
    // Back to A, Fax is added in the middle of the table: a rebuild under
    // the two views that read Customer.
    Variant {
        name: "column dropped",
        edits: &[],
        statements: "ALTER TABLE Customer DROP COLUMN Fax;",
        check: CUSTOMERS,
        destructive: (true, false),
    },
    Variant {
        name: "column retyped",
        edits: &[("[Milliseconds] INTEGER  NOT NULL", "[Milliseconds] BIGINT  NOT NULL")],
        statements: "",
        check: TRACKS,
        destructive: (false, false),
    },
    Variant {
        name: "column made nullable",
        edits: &[("[Name] NVARCHAR(200)  NOT NULL", "[Name] NVARCHAR(200)")],
        statements: "",
        check: TRACKS,
        destructive: (false, true),
    },
    Variant {
        name: "column moved",
        edits: &[(
            "    [Fax] NVARCHAR(24),\n    [Email] NVARCHAR(60)  NOT NULL,",
            "    [Email] NVARCHAR(60)  NOT NULL,\n    [Fax] NVARCHAR(24),",
        )],
        statements: "",
        check: CUSTOMERS,
        destructive: (false, false),
    },
    Variant {
        name: "index changed",
        edits: &[],
        statements: "DROP INDEX IFK_TrackAlbumId;
                     CREATE INDEX IFK_TrackAlbumId ON Track (AlbumId, TrackId);",
        check: TRACKS,
        destructive: (false, false),
    },
    Variant {
        name: "foreign key changed",
        edits: &[(
            "REFERENCES [Genre] ([GenreId]) \n\t\tON DELETE NO ACTION",
            "REFERENCES [Genre] ([GenreId]) \n\t\tON DELETE SET NULL",
        )],
        statements: "",
        check: TRACKS,
        destructive: (false, false),
    },
    Variant {
        name: "view changed on top of another view",
        edits: &[],
        statements: "DROP VIEW initials;
                     DROP VIEW names;
                     CREATE VIEW names AS
                       SELECT CustomerId, FirstName, LastName, FirstName || ' ' || LastName AS full_name
                       FROM Customer;
                     CREATE VIEW initials AS
                       SELECT CustomerId, substr(FirstName, 1, 1) AS fi, substr(full_name, 1, 2) AS fi2
                       FROM names;",
        check: "SELECT CustomerId, fi FROM initials ORDER BY 1",
        destructive: (false, false),
    },
];

fn sqlite_quote(s: &str) -> String {
    pg_quote(s)
}

#[tokio::test]
async fn chinook_on_sqlite() {
    let mut script = corpus::read("chinook/Chinook_Sqlite.sql");
    script.push_str(&two_views(
        sqlite_quote,
        "Customer",
        "CustomerId",
        "FirstName",
        "LastName",
    ));
    run(Corpus {
        dialect: Dialect::Sqlite,
        name: "chinook",
        script,
        seed: "",
        variants: CHINOOK_SQLITE_VARIANTS,
    })
    .await;
}

const SAKILA_SQLITE_SEED: &str = "
INSERT INTO language (language_id, name, last_update) VALUES (1, 'English', '2020-01-01');
INSERT INTO actor (actor_id, first_name, last_name, last_update)
  VALUES (1, 'PENELOPE', 'GUINESS', '2020-01-01'), (2, 'NICK', 'WAHLBERG', '2020-01-01');
INSERT INTO film (film_id, title, language_id, rating, length, last_update)
  VALUES (1, 'ACADEMY DINOSAUR', 1, 'PG', 86, '2020-01-01'), (2, 'ACE GOLDFINGER', 1, 'G', 48, '2020-01-01');
INSERT INTO film_actor (actor_id, film_id, last_update) VALUES (1, 1, '2020-01-01'), (2, 1, '2020-01-01'), (2, 2, '2020-01-01');
";

const FILMS: &str = "SELECT film_id, title, rating, length FROM film ORDER BY 1";

/// Sakila's tables all have triggers, which a rebuild must create again.
const SAKILA_SQLITE_VARIANTS: &[Variant] = &[
    Variant {
        name: "enum value added (a CHECK list)",
        edits: &[(
            "CHECK(rating in ('G','PG','PG-13','R','NC-17'))",
            "CHECK(rating in ('G','PG','PG-13','R','NC-17','X'))",
        )],
        statements: "",
        check: FILMS,
        destructive: (false, false),
    },
    Variant {
        name: "column retyped under triggers",
        edits: &[(
            "length SMALLINT DEFAULT NULL",
            "length INTEGER DEFAULT NULL",
        )],
        statements: "",
        check: FILMS,
        destructive: (false, false),
    },
    Variant {
        name: "foreign key changed",
        edits: &[(
            "REFERENCES actor (actor_id) ON DELETE NO ACTION ON UPDATE CASCADE",
            "REFERENCES actor (actor_id) ON DELETE CASCADE ON UPDATE CASCADE",
        )],
        statements: "",
        check: "SELECT actor_id, film_id FROM film_actor ORDER BY 1, 2",
        destructive: (false, false),
    },
];

#[tokio::test]
async fn sakila_on_sqlite() {
    let mut script = corpus::read("sakila/sqlite-sakila-schema.sql");
    script.push_str(&two_views(
        sqlite_quote,
        "actor",
        "actor_id",
        "first_name",
        "last_name",
    ));
    run(Corpus {
        dialect: Dialect::Sqlite,
        name: "sakila",
        script,
        seed: SAKILA_SQLITE_SEED,
        variants: SAKILA_SQLITE_VARIANTS,
    })
    .await;
}

// ------------------------------------------------------------- MySQL/MariaDB

fn mysql_quote(s: &str) -> String {
    format!("`{}`", s.replace('`', "``"))
}

/// Sakila creates and uses a database of its own and names it in one view:
/// it is loaded into the test database instead.
fn mysql_sakila() -> String {
    let script = corpus::without_lines(&corpus::read("sakila/mysql-sakila-schema.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop schema") || l.starts_with("create schema") || l.starts_with("use ")
    });
    script.replace("sakila.", "")
}

const SAKILA_MYSQL_SEED: &str = "
INSERT INTO language (language_id, name) VALUES (1, 'English');
INSERT INTO actor (actor_id, first_name, last_name) VALUES (1, 'PENELOPE', 'GUINESS'), (2, 'NICK', 'WAHLBERG');
INSERT INTO film (film_id, title, language_id, rating, length) VALUES (1, 'ACADEMY DINOSAUR', 1, 'PG', 86), (2, 'ACE GOLDFINGER', 1, 'G', 48);
INSERT INTO film_actor (actor_id, film_id) VALUES (1, 1), (2, 1), (2, 2);
INSERT INTO country (country_id, country) VALUES (1, 'Chile');
INSERT INTO city (city_id, city, country_id) VALUES (1, 'Santiago', 1);
INSERT INTO address (address_id, address, address2, district, city_id, phone) VALUES (1, '47 MySakila Drive', 'Apt 1', 'Alberta', 1, '555');
";

const SAKILA_MYSQL_VARIANTS: &[Variant] = &[
    Variant {
        name: "column added",
        edits: &[],
        statements: "ALTER TABLE actor ADD COLUMN nickname varchar(20) NOT NULL DEFAULT 'none' AFTER last_name;",
        check: ACTORS,
        destructive: (false, true),
    },
    Variant {
        name: "column dropped",
        edits: &[],
        statements: "ALTER TABLE address DROP COLUMN address2;",
        check: "SELECT address_id, address, district, phone FROM address ORDER BY 1",
        destructive: (true, false),
    },
    Variant {
        name: "column retyped",
        edits: &[],
        statements: "ALTER TABLE film MODIFY length int unsigned DEFAULT NULL;",
        check: FILMS,
        destructive: (false, true),
    },
    Variant {
        name: "column made nullable",
        edits: &[],
        statements: "ALTER TABLE actor MODIFY last_name varchar(45) NULL;",
        check: ACTORS,
        destructive: (false, true),
    },
    Variant {
        name: "column moved",
        edits: &[],
        statements: "ALTER TABLE film MODIFY rating enum('G','PG','PG-13','R','NC-17') DEFAULT 'G' AFTER title;",
        check: FILMS,
        destructive: (false, false),
    },
    Variant {
        name: "index changed",
        edits: &[],
        statements: "ALTER TABLE actor DROP INDEX idx_actor_last_name,
                       ADD INDEX idx_actor_last_name (last_name, first_name);",
        check: ACTORS,
        destructive: (false, false),
    },
    Variant {
        name: "foreign key changed",
        edits: &[],
        statements: "ALTER TABLE film_actor DROP FOREIGN KEY fk_film_actor_actor;
                     ALTER TABLE film_actor ADD CONSTRAINT fk_film_actor_actor FOREIGN KEY (actor_id)
                       REFERENCES actor (actor_id) ON DELETE CASCADE ON UPDATE CASCADE;",
        check: "SELECT actor_id, film_id FROM film_actor ORDER BY 1, 2",
        destructive: (false, false),
    },
    Variant {
        name: "view changed on top of another view",
        edits: &[],
        statements: "CREATE OR REPLACE VIEW names AS
                       SELECT actor_id, first_name, last_name, concat(first_name, ' ', last_name) AS full_name
                       FROM actor;
                     CREATE OR REPLACE VIEW initials AS
                       SELECT actor_id, substr(first_name, 1, 1) AS fi, substr(full_name, 1, 2) AS fi2
                       FROM names;",
        check: "SELECT actor_id, fi FROM initials ORDER BY 1",
        destructive: (false, false),
    },
    Variant {
        name: "enum value added",
        edits: &[],
        statements: "ALTER TABLE film MODIFY rating enum('G','PG','PG-13','R','NC-17','X') DEFAULT 'G';",
        check: FILMS,
        destructive: (false, true),
    },
];

#[tokio::test]
async fn sakila_on_mariadb() {
    let mut script = mysql_sakila();
    script.push_str(&two_views(
        mysql_quote,
        "actor",
        "actor_id",
        "first_name",
        "last_name",
    ));
    run(Corpus {
        dialect: Dialect::Mysql,
        name: "sakila",
        script,
        seed: SAKILA_MYSQL_SEED,
        variants: SAKILA_MYSQL_VARIANTS,
    })
    .await;
}

/// Chinook comes with its rows (3,503 tracks): a retype and a move keep them.
const CHINOOK_MYSQL_VARIANTS: &[Variant] = &[
    Variant {
        name: "column retyped with its rows",
        edits: &[],
        statements: "ALTER TABLE Track MODIFY Milliseconds bigint NOT NULL;",
        check: "SELECT TrackId, Name, Milliseconds FROM Track ORDER BY 1",
        destructive: (false, true),
    },
    Variant {
        name: "column moved with its rows",
        edits: &[],
        statements: "ALTER TABLE Customer MODIFY Email NVARCHAR(60) NOT NULL AFTER LastName;",
        check: CUSTOMERS,
        destructive: (false, false),
    },
];

#[tokio::test]
async fn chinook_on_mariadb() {
    let mut script = corpus::without_lines(&corpus::read("chinook/Chinook_MySql.sql"), |l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("drop database") || l.starts_with("create database") || l.starts_with("use ")
    });
    script.push_str(&two_views(
        mysql_quote,
        "Customer",
        "CustomerId",
        "FirstName",
        "LastName",
    ));
    run(Corpus {
        dialect: Dialect::Mysql,
        name: "chinook",
        script,
        seed: "",
        variants: CHINOOK_MYSQL_VARIANTS,
    })
    .await;
}
