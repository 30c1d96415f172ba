//! Convergence: applying diff(A, B) to a database at A gives exactly B,
//! keeps the data of surviving columns, and a second diff is empty.

mod common;

use common::{inspect, load};
use strata_diff::{DiffOptions, diff, plan};
use strata_sqlite::{AFTER_PLAN, BEFORE_PLAN, SQL};

const A: &str = r#"
CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born TEXT);
CREATE TABLE book (
  id INTEGER PRIMARY KEY,
  author_id INTEGER REFERENCES author (id),
  title TEXT,
  isbn TEXT
);
CREATE INDEX book_title ON book (title);
CREATE VIEW v_books AS SELECT b.title, a.name FROM book AS b JOIN author AS a ON a.id = b.author_id;
CREATE TABLE gone (x);
CREATE TRIGGER book_touch AFTER UPDATE ON book BEGIN SELECT 1; END;
INSERT INTO author VALUES (1, 'Le Guin', '1929'), (2, 'Lem', '1921');
INSERT INTO book VALUES (1, 1, 'The Dispossessed', 'x'), (2, 2, 'Solaris', 'y'), (3, 2, 'Fiasco', NULL);
"#;

const B: &str = r#"
CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  born TEXT,
  country TEXT DEFAULT 'NL'
);
CREATE TABLE book (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES author (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  price REAL CHECK (price >= 0)
);
CREATE INDEX book_title ON book (title COLLATE NOCASE);
CREATE UNIQUE INDEX book_author_title ON book (author_id, title);
CREATE VIEW v_books AS SELECT b.title, a.name, b.price FROM book AS b JOIN author AS a ON a.id = b.author_id;
CREATE TABLE fresh (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT DEFAULT CURRENT_TIMESTAMP) STRICT;
CREATE TRIGGER book_touch AFTER UPDATE ON book BEGIN SELECT 1; END;
"#;

#[tokio::test]
async fn applying_a_diff_converges_and_keeps_data() {
    let a_db = load(A, "a.sql").await;
    let b_db = load(B, "b.sql").await;
    let a = inspect(&a_db).await;
    let b = inspect(&b_db).await;

    let changes = diff(&a, &b, &SQL, &DiffOptions::default());
    let plan = plan(changes, &a, &b, &SQL).unwrap();
    let statements = plan.render(&SQL).unwrap();
    let mut conn = a_db.connect().await;
    for s in BEFORE_PLAN
        .iter()
        .map(|s| s.to_string())
        .chain(statements.clone())
    {
        conn.execute(&s)
            .await
            .unwrap_or_else(|e| panic!("{e}\n{}", statements.join(";\n")));
    }
    for s in AFTER_PLAN {
        conn.execute(s).await.unwrap();
    }
    conn.close().await;

    let after = inspect(&a_db).await;
    assert_eq!(after.to_json(), b.to_json(), "{}", statements.join(";\n"));
    assert!(diff(&after, &b, &SQL, &DiffOptions::default()).is_empty());

    // The rows of the surviving columns are all still there.
    let mut conn = a_db.connect().await;
    let books = conn
        .query_rows("SELECT id, author_id, title, price FROM book ORDER BY id")
        .await
        .unwrap();
    let authors = conn
        .query_rows("SELECT id, name, born, country FROM author ORDER BY id")
        .await
        .unwrap();
    conn.close().await;
    let text = |rows: Vec<Vec<Option<String>>>| -> Vec<String> {
        rows.into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|v| v.unwrap_or_else(|| "-".into()))
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    };
    assert_eq!(
        text(books),
        ["1|1|The Dispossessed|-", "2|2|Solaris|-", "3|2|Fiasco|-"]
    );
    // A column added by the rebuild takes its default.
    assert_eq!(text(authors), ["1|Le Guin|1929|NL", "2|Lem|1921|NL"]);
}
