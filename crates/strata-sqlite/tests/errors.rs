//! Opening databases: URLs, modes, and one clear error line for what cannot
//! be opened.

use strata_driver::{DatabaseUrl, Driver, DriverError, InspectOptions};
use strata_sqlite::DRIVER;

fn url(text: &str) -> DatabaseUrl {
    DatabaseUrl::parse(text).unwrap()
}

fn one_line(e: &DriverError) -> String {
    let text = e.to_string();
    assert!(!text.contains('\n'), "not one line: {text}");
    text
}

#[tokio::test]
async fn a_missing_file_is_not_created() {
    let dir = tempfile_dir();
    let path = dir.join("missing.db");
    let err = DRIVER
        .connect(&url(&format!("sqlite://{}", path.display())))
        .await
        .err()
        .unwrap();
    assert!(
        matches!(err, DriverError::DatabaseNotFound { .. }),
        "{err:?}"
    );
    let text = one_line(&err);
    assert!(
        text.contains("missing.db") && text.contains("mode=rwc"),
        "{text}"
    );
    assert!(!path.exists(), "connecting must not create the file");

    // mode=rwc asks for it.
    let conn = DRIVER
        .connect(&url(&format!("sqlite://{}?mode=rwc", path.display())))
        .await
        .unwrap();
    conn.close().await;
    assert!(path.exists());
}

#[tokio::test]
async fn a_file_that_is_not_a_database_says_so() {
    let dir = tempfile_dir();
    let path = dir.join("notes.txt");
    std::fs::write(&path, "these are my notes, not a database\n".repeat(200)).unwrap();
    let err = DRIVER
        .connect(&url(&format!("sqlite:{}", path.display())))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, DriverError::NotADatabase { .. }), "{err:?}");
    let text = one_line(&err);
    assert_eq!(
        text,
        format!(
            "{} is not a usable SQLite database: file is not a database",
            path.display()
        )
    );
    // A directory is no database either.
    let err = DRIVER
        .connect(&url(&format!("sqlite://{}", dir.display())))
        .await
        .err()
        .unwrap();
    assert!(matches!(err, DriverError::NotADatabase { .. }), "{err:?}");
    one_line(&err);
}

#[tokio::test]
async fn read_only_and_memory_modes() {
    let dir = tempfile_dir();
    let path = dir.join("ro.db");
    let mut conn = DRIVER
        .connect(&url(&format!("sqlite://{}?mode=rwc", path.display())))
        .await
        .unwrap();
    conn.execute("CREATE TABLE t (a)").await.unwrap();
    conn.close().await;

    let mut ro = DRIVER
        .connect(&url(&format!("sqlite://{}?mode=ro", path.display())))
        .await
        .unwrap();
    let realm = ro.inspect(&InspectOptions::default()).await.unwrap();
    assert!(realm.schemas["main"].tables.contains_key("t"));
    let err = ro.execute("CREATE TABLE u (a)").await.unwrap_err();
    assert!(one_line(&err).contains("readonly"), "{err}");
    ro.close().await;

    let mut mem = DRIVER.connect(&url("sqlite::memory:")).await.unwrap();
    mem.execute("CREATE TABLE m (a)").await.unwrap();
    let realm = mem.inspect(&InspectOptions::default()).await.unwrap();
    assert!(realm.schemas["main"].tables.contains_key("m"));
    assert!(realm.server.version.starts_with("3."));
    mem.close().await;
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let mut conn = DRIVER.connect(&url("sqlite::memory:")).await.unwrap();
    conn.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)")
        .await
        .unwrap();
    conn.execute("CREATE TABLE c (p_id REFERENCES p (id))")
        .await
        .unwrap();
    let err = conn.execute("INSERT INTO c VALUES (1)").await.unwrap_err();
    assert!(
        one_line(&err).contains("FOREIGN KEY constraint failed"),
        "{err}"
    );
    conn.close().await;
}

#[tokio::test]
async fn scratch_databases_are_files_beside_the_url() {
    let dir = tempfile_dir();
    let anchor = DatabaseUrl::sqlite_file(dir.join("app.db"));
    let scratch = DRIVER.create_database(&anchor, "scratch_1").await.unwrap();
    let path = dir.join("scratch_1.db");
    assert_eq!(scratch.sqlite_path(), Some(path.as_path()));
    let mut conn = DRIVER.connect(&scratch).await.unwrap();
    conn.execute("CREATE TABLE t (a)").await.unwrap();
    conn.close().await;
    let again = DRIVER
        .create_database(&anchor, "scratch_1")
        .await
        .unwrap_err();
    one_line(&again);
    DRIVER.drop_database(&anchor, "scratch_1").await.unwrap();
    assert!(!path.exists());
    // Dropping what is already gone is fine.
    DRIVER.drop_database(&anchor, "scratch_1").await.unwrap();
}

#[tokio::test]
async fn a_failing_statement_is_one_line_with_the_server_message() {
    let mut conn = DRIVER.connect(&url("sqlite::memory:")).await.unwrap();
    let err = conn
        .execute_script("CREATE TABLE t (a);\nCREATE TABLE t (a);", "schema.sql")
        .await
        .unwrap_err();
    assert_eq!(one_line(&err), "schema.sql:2: table t already exists");
    conn.close().await;
}

/// A temporary directory, removed when the guard is dropped.
fn tempfile_dir() -> Dir {
    Dir(tempfile::tempdir().unwrap())
}

struct Dir(tempfile::TempDir);

impl std::ops::Deref for Dir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        self.0.path()
    }
}
