//! Every schema rule, positive and negative, on real databases: SQLite for
//! most, PostgreSQL where the rule needs it (comments, NULLS NOT DISTINCT,
//! exact integer types).

use strata_driver::{Driver, InspectOptions};
use strata_lint::schema::{LintOptions, lint};
use strata_model::Realm;
use strata_testkit::TestDb;

async fn realm_of(driver: &'static dyn Driver, script: &str) -> (TestDb, Realm) {
    let db = TestDb::create(driver).await;
    db.load(script, "test schema").await;
    let mut conn = db.connect().await;
    let realm = conn
        .inspect(&InspectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("inspect failed: {e}"));
    conn.close().await;
    (db, realm)
}

/// `location: message` of one rule's findings on a schema.
async fn findings(driver: &'static dyn Driver, rule: &str, script: &str) -> Vec<String> {
    let (_db, realm) = realm_of(driver, script).await;
    let options = LintOptions {
        rules: vec![rule.to_string()],
        comments: false,
    };
    lint(&realm, &options)
        .expect("known rule")
        .into_iter()
        .map(|f| {
            assert_eq!(f.rule, rule);
            // The schema name of a PostgreSQL test database is `public`;
            // SQLite's is `main`.
            format!("{}: {}", f.location.display(), f.message)
        })
        .collect()
}

async fn sqlite(rule: &str, script: &str) -> Vec<String> {
    findings(&strata_sqlite::DRIVER, rule, script).await
}

async fn postgres(rule: &str, script: &str) -> Vec<String> {
    findings(&strata_postgres::DRIVER, rule, script).await
}

#[tokio::test]
async fn table_without_primary_key() {
    let hit = sqlite(
        "table-without-primary-key",
        "CREATE TABLE audit_log (at TEXT, line TEXT);",
    )
    .await;
    assert_eq!(hit, ["main.audit_log: table audit_log has no primary key"]);
    let miss = sqlite(
        "table-without-primary-key",
        "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, line TEXT);",
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
}

#[tokio::test]
async fn foreign_key_without_index() {
    let schema = "CREATE TABLE author (id INTEGER PRIMARY KEY);
        CREATE TABLE book (id INTEGER PRIMARY KEY,
            author_id INTEGER NOT NULL CONSTRAINT book_author_fk REFERENCES author (id));";
    let hit = sqlite("foreign-key-without-index", schema).await;
    assert_eq!(
        hit,
        [
            "main.book (constraint book_author_fk): foreign key book_author_fk (author_id) -> main.author has no index starting with its columns"
        ]
    );
    let miss = sqlite(
        "foreign-key-without-index",
        &format!("{schema}\nCREATE INDEX book_author ON book (author_id, id);"),
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
    // PostgreSQL: a partial index does not count, a plain one does.
    let pg = "CREATE TABLE author (id integer PRIMARY KEY);
        CREATE TABLE book (id integer PRIMARY KEY,
            author_id integer CONSTRAINT book_author_fk REFERENCES author (id));
        CREATE INDEX book_author_partial ON book (author_id) WHERE author_id > 0;";
    assert_eq!(postgres("foreign-key-without-index", pg).await.len(), 1);
    let pg_ok = format!("{pg}\nCREATE INDEX book_author ON book (author_id);");
    assert!(
        postgres("foreign-key-without-index", &pg_ok)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn duplicate_index() {
    let schema = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);
        CREATE INDEX t_a ON t (a);";
    let hit = sqlite(
        "duplicate-index",
        &format!("{schema}\nCREATE INDEX t_a_again ON t (a);"),
    )
    .await;
    assert_eq!(
        hit,
        ["main.t (index t_a_again): index t_a_again (a) duplicates index t_a"]
    );
    let miss = sqlite(
        "duplicate-index",
        &format!("{schema}\nCREATE INDEX t_b ON t (b);\nCREATE INDEX t_a_desc_b ON t (a DESC, b);"),
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
    // An index repeating the primary key on PostgreSQL.
    let pg = postgres(
        "duplicate-index",
        "CREATE TABLE t (id integer PRIMARY KEY); CREATE UNIQUE INDEX t_id ON t (id);",
    )
    .await;
    assert_eq!(
        pg,
        ["public.t (index t_id): index t_id (id) duplicates constraint t_pkey"]
    );
}

#[tokio::test]
async fn redundant_index() {
    let schema = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER);
        CREATE INDEX t_a_b ON t (a, b);";
    let hit = sqlite(
        "redundant-index",
        &format!("{schema}\nCREATE INDEX t_a ON t (a);"),
    )
    .await;
    assert_eq!(
        hit,
        ["main.t (index t_a): index t_a (a) is a prefix of index t_a_b (a, b)"]
    );
    let miss = sqlite(
        "redundant-index",
        &format!("{schema}\nCREATE INDEX t_b ON t (b);\nCREATE UNIQUE INDEX t_a_unique ON t (a);"),
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
}

#[tokio::test]
async fn unconstrained_id_column() {
    let hit = sqlite(
        "unconstrained-id-column",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY);
         CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, tracking_id TEXT);",
    )
    .await;
    assert_eq!(
        hit,
        [
            "main.orders.customer_id: column customer_id looks like a reference to table customers but has no foreign key"
        ]
    );
    let miss = sqlite(
        "unconstrained-id-column",
        "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY);
         CREATE TABLE orders (order_id INTEGER PRIMARY KEY,
             customer_id INTEGER REFERENCES customers (customer_id), tracking_id TEXT);",
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
    // A partition's key inherited from its parent is no reference to it.
    let partitions = postgres(
        "unconstrained-id-column",
        "CREATE TABLE payment (payment_id integer, paid date, PRIMARY KEY (payment_id, paid))
             PARTITION BY RANGE (paid);
         CREATE TABLE payment_2024 PARTITION OF payment FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
    )
    .await;
    assert!(partitions.is_empty(), "{partitions:?}");
}

#[tokio::test]
async fn foreign_key_type_mismatch() {
    let hit = postgres(
        "foreign-key-type-mismatch",
        "CREATE TABLE author (id bigint PRIMARY KEY);
         CREATE TABLE book (author_id integer REFERENCES author (id));",
    )
    .await;
    assert_eq!(
        hit,
        [
            "public.book.author_id: column author_id is integer but references public.author.id, which is bigint"
        ]
    );
    let miss = postgres(
        "foreign-key-type-mismatch",
        "CREATE TABLE author (id bigint PRIMARY KEY);
         CREATE TABLE book (author_id int8 REFERENCES author (id));",
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
    let lite = sqlite(
        "foreign-key-type-mismatch",
        "CREATE TABLE author (code VARCHAR(10) PRIMARY KEY);
         CREATE TABLE book (author_code VARCHAR(20) REFERENCES author (code));",
    )
    .await;
    assert_eq!(lite.len(), 1, "{lite:?}");
}

#[tokio::test]
async fn nullable_column_in_unique() {
    let hit = postgres(
        "nullable-column-in-unique",
        "CREATE TABLE account (tenant integer NOT NULL, email text,
             CONSTRAINT account_email UNIQUE (tenant, email));",
    )
    .await;
    assert_eq!(
        hit,
        [
            "public.account (constraint account_email): unique constraint account_email includes nullable column email: rows with NULL there are never duplicates"
        ]
    );
    let miss = postgres(
        "nullable-column-in-unique",
        "CREATE TABLE account (tenant integer NOT NULL, email text NOT NULL, phone text,
             CONSTRAINT account_email UNIQUE (tenant, email),
             CONSTRAINT account_phone UNIQUE NULLS NOT DISTINCT (phone));",
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
    let lite = sqlite(
        "nullable-column-in-unique",
        "CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT);
         CREATE UNIQUE INDEX account_email ON account (email);",
    )
    .await;
    assert_eq!(lite.len(), 1, "{lite:?}");
}

#[tokio::test]
async fn inconsistent_naming() {
    let hit = sqlite(
        "inconsistent-naming",
        "CREATE TABLE customer (id INTEGER PRIMARY KEY, first_name TEXT, LastName TEXT);
         CREATE TABLE order_line (id INTEGER PRIMARY KEY);
         CREATE TABLE invoices (id INTEGER PRIMARY KEY);
         CREATE TABLE product (id INTEGER PRIMARY KEY);",
    )
    .await;
    assert_eq!(
        hit,
        [
            "main.customer.LastName: column name LastName is not snake_case like most column names",
            "main.invoices: table name invoices is plural but most table names are singular",
        ]
    );
    let miss = sqlite(
        "inconsistent-naming",
        "CREATE TABLE Customer (Id INTEGER PRIMARY KEY, FirstName TEXT);
         CREATE TABLE OrderLine (Id INTEGER PRIMARY KEY, CustomerId INTEGER);",
    )
    .await;
    assert!(miss.is_empty(), "{miss:?}");
}

#[tokio::test]
async fn missing_comment_only_when_asked() {
    let script = "CREATE TABLE film (id integer PRIMARY KEY, title text);
        COMMENT ON TABLE film IS 'Films in the catalogue';
        COMMENT ON COLUMN film.id IS 'Surrogate key';";
    let (_db, realm) = realm_of(&strata_postgres::DRIVER, script).await;
    let default = lint(&realm, &LintOptions::default()).expect("lint");
    assert!(
        default.iter().all(|f| f.rule != "missing-comment"),
        "{default:?}"
    );
    let asked = lint(
        &realm,
        &LintOptions {
            rules: vec![],
            comments: true,
        },
    )
    .expect("lint");
    let messages: Vec<String> = asked
        .iter()
        .filter(|f| f.rule == "missing-comment")
        .map(|f| format!("{}: {}", f.location.display(), f.message))
        .collect();
    assert_eq!(
        messages,
        ["public.film.title: column film.title has no comment"]
    );
    let all_commented = format!("{script}\nCOMMENT ON COLUMN film.title IS 'Title';");
    let (_db2, realm) = realm_of(&strata_postgres::DRIVER, &all_commented).await;
    let none = lint(
        &realm,
        &LintOptions {
            rules: vec!["missing-comment".into()],
            comments: true,
        },
    )
    .expect("lint");
    assert!(none.is_empty(), "{none:?}");
}
