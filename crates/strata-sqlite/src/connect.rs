//! Opening SQLite databases, and creating and removing scratch database
//! files.
//!
//! URLs: `sqlite://path`, `sqlite:path`, `sqlite::memory:`, with
//! `?mode=ro|rw|rwc|memory`. A file that does not exist is an error unless
//! the URL says `mode=rwc`: a typo in a path must not silently create an
//! empty database (and then report that every table is missing).

use crate::inspect;
use async_trait::async_trait;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection as _, Row};
use std::path::{Path, PathBuf};
use strata_driver::{Connection, DatabaseUrl, DriverError, InspectOptions};
use strata_model::{Realm, Server};

/// SQLite result codes the error mapping tells apart
/// (<https://www.sqlite.org/rescode.html>), primary code = extended & 0xff.
const SQLITE_PERM: i64 = 3;
const SQLITE_READONLY: i64 = 8;
const SQLITE_CANTOPEN: i64 = 14;
const SQLITE_AUTH: i64 = 23;
const SQLITE_NOTADB: i64 = 26;

/// An open connection to one SQLite database.
pub struct SqliteConnection {
    url: DatabaseUrl,
    server: Server,
    conn: sqlx::SqliteConnection,
}

/// What an access mode lets the connection do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    ReadOnly,
    ReadWrite,
    ReadWriteCreate,
    Memory,
}

fn mode(url: &DatabaseUrl) -> Mode {
    match url.param("mode").as_deref() {
        Some("ro") => Mode::ReadOnly,
        Some("rwc") => Mode::ReadWriteCreate,
        Some("memory") => Mode::Memory,
        _ if url.is_sqlite_memory() => Mode::Memory,
        _ => Mode::ReadWrite,
    }
}

fn options(url: &DatabaseUrl) -> Result<SqliteConnectOptions, DriverError> {
    let base = SqliteConnectOptions::new().foreign_keys(true);
    let mode = mode(url);
    let Some(path) = url.sqlite_path() else {
        // `sqlite::memory:`: a private database that lives as long as the
        // connection.
        return Ok(base.in_memory(true));
    };
    if mode == Mode::Memory {
        return Ok(base.filename(path).in_memory(true));
    }
    if mode != Mode::ReadWriteCreate && !path.exists() {
        return Err(not_found(path));
    }
    Ok(base
        .filename(path)
        .read_only(mode == Mode::ReadOnly)
        .create_if_missing(mode == Mode::ReadWriteCreate))
}

fn not_found(path: &Path) -> DriverError {
    DriverError::DatabaseNotFound {
        target: "this machine (add ?mode=rwc to the URL to create it)".into(),
        database: path.display().to_string(),
    }
}

/// The primary SQLite result code of a database error.
fn primary_code(e: &sqlx::Error) -> Option<i64> {
    match e {
        sqlx::Error::Database(db) => db.code()?.parse::<i64>().ok().map(|c| c & 0xff),
        _ => None,
    }
}

/// SQLite's own message, without sqlx's `(code: N)` prefix.
fn message(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => db.message().to_string(),
        other => other.to_string(),
    }
}

/// Turns an error from opening or first reading a database into the
/// driver's error.
fn open_error(url: &DatabaseUrl, e: sqlx::Error) -> DriverError {
    let path = url
        .sqlite_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| url.to_string());
    let detail = message(&e);
    match primary_code(&e) {
        Some(SQLITE_NOTADB) | Some(SQLITE_CANTOPEN) => DriverError::NotADatabase { path, detail },
        Some(SQLITE_PERM) | Some(SQLITE_AUTH) | Some(SQLITE_READONLY) => {
            DriverError::PermissionDenied {
                target: url.describe(),
                detail,
            }
        }
        _ => match e {
            sqlx::Error::Io(_) => DriverError::NotADatabase { path, detail },
            _ => DriverError::Unreachable {
                target: url.describe(),
                detail,
            },
        },
    }
}

/// Opens the database a URL names.
pub(crate) async fn connect(url: &DatabaseUrl) -> Result<SqliteConnection, DriverError> {
    let mut conn = options(url)?
        .connect()
        .await
        .map_err(|e| open_error(url, e))?;
    // SQLite opens files lazily: a file that is not a database is only
    // noticed when the schema is first read, so read it now.
    let row = sqlx::query(
        "SELECT sqlite_version() AS version, (SELECT count(*) FROM main.sqlite_schema) AS objects",
    )
    .fetch_one(&mut conn)
    .await
    .map_err(|e| open_error(url, e))?;
    let version: String = row.try_get("version").map_err(|e| DriverError::Decode {
        context: "sqlite_version()".into(),
        detail: e.to_string(),
    })?;
    Ok(SqliteConnection {
        url: url.clone(),
        server: Server {
            version,
            mariadb: false,
        },
        conn,
    })
}

/// Is this statement `PRAGMA [schema.]foreign_key_check…`? Its rows are
/// violations, which the rebuild of a table turns into a failure.
fn is_foreign_key_check(sql: &str) -> bool {
    let words: Vec<String> = crate::inspect::parse::words(sql)
        .into_iter()
        .take(4)
        .collect();
    words
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("pragma"))
        && words
            .iter()
            .skip(1)
            .take(2)
            .any(|w| w.eq_ignore_ascii_case("foreign_key_check"))
}

#[async_trait]
impl Connection for SqliteConnection {
    fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    fn server(&self) -> &Server {
        &self.server
    }

    async fn inspect(&mut self, options: &InspectOptions) -> Result<Realm, DriverError> {
        inspect::inspect(&mut self.conn, &self.url, &self.server, options).await
    }

    /// Runs one statement. `PRAGMA foreign_key_check` fails when it reports
    /// a violation, so that a table rebuild that broke a foreign key stops
    /// the plan (and its transaction) instead of passing silently.
    async fn execute(&mut self, sql: &str) -> Result<(), DriverError> {
        let rows = sqlx::raw_sql(AssertSqlSafe(sql.to_string()))
            .fetch_all(&mut self.conn)
            .await
            .map_err(|e| DriverError::Statement {
                location: self.url.describe(),
                detail: message(&e),
            })?;
        if is_foreign_key_check(sql) && !rows.is_empty() {
            let first = &rows[0];
            let table: String = first.try_get("table").unwrap_or_default();
            let parent: String = first.try_get("parent").unwrap_or_default();
            let rowid: Option<i64> = first.try_get("rowid").unwrap_or_default();
            return Err(DriverError::Statement {
                location: self.url.describe(),
                detail: format!(
                    "{} foreign key violation(s), the first in table {table} (rowid {}) referencing {parent}",
                    rows.len(),
                    rowid.map(|r| r.to_string()).unwrap_or_else(|| "-".into())
                ),
            });
        }
        Ok(())
    }

    /// SQLite converts any value to text on request, so every column is
    /// read unchecked as text.
    async fn query_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, DriverError> {
        let rows = sqlx::raw_sql(AssertSqlSafe(sql.to_string()))
            .fetch_all(&mut self.conn)
            .await
            .map_err(|e| DriverError::Statement {
                location: self.url.describe(),
                detail: message(&e),
            })?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.try_get_unchecked::<Option<String>, _>(i).map_err(|e| {
                            DriverError::Decode {
                                context: "query result".into(),
                                detail: e.to_string(),
                            }
                        })
                    })
                    .collect()
            })
            .collect()
    }

    async fn close(self: Box<Self>) {
        let _ = self.conn.close().await;
    }
}

/// Where `create_database(url, name)` puts the file: beside the URL's file,
/// or in the system's temporary directory for an in-memory URL.
fn scratch_path(url: &DatabaseUrl, name: &str) -> Result<PathBuf, DriverError> {
    let valid =
        !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0']);
    if !valid {
        return Err(DriverError::Unsupported(format!(
            "'{name}' cannot be a SQLite database file name"
        )));
    }
    let dir = match url.sqlite_path() {
        Some(p) => match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        },
        None => std::env::temp_dir(),
    };
    Ok(dir.join(format!("{name}.db")))
}

/// Creates an empty database file `<name>.db`.
pub(crate) async fn create_database(
    url: &DatabaseUrl,
    name: &str,
) -> Result<DatabaseUrl, DriverError> {
    let path = scratch_path(url, name)?;
    if path.exists() {
        return Err(DriverError::Unsupported(format!(
            "cannot create SQLite database {}: the file already exists",
            path.display()
        )));
    }
    let new = DatabaseUrl::sqlite_file(&path);
    let conn = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .connect()
        .await
        .map_err(|e| open_error(&new, e))?;
    let _ = conn.close().await;
    Ok(new)
}

/// Removes a database file made by [`create_database`], with its journal
/// files. A file that is already gone is not an error.
pub(crate) async fn drop_database(url: &DatabaseUrl, name: &str) -> Result<(), DriverError> {
    let path = scratch_path(url, name)?;
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.clone().into_os_string();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(DriverError::Io {
                    context: format!("removing {}", PathBuf::from(file).display()),
                    source,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_key_check_is_recognised() {
        assert!(is_foreign_key_check("PRAGMA foreign_key_check"));
        assert!(is_foreign_key_check("pragma main.foreign_key_check(\"t\")"));
        assert!(!is_foreign_key_check("PRAGMA foreign_keys = ON"));
        assert!(!is_foreign_key_check("SELECT 'PRAGMA foreign_key_check'"));
    }

    #[test]
    fn scratch_files_sit_beside_the_url_file() {
        let url = DatabaseUrl::parse("sqlite:///data/app.db").unwrap();
        assert_eq!(
            scratch_path(&url, "dev").unwrap(),
            PathBuf::from("/data/dev.db")
        );
        let mem = DatabaseUrl::sqlite_memory();
        assert_eq!(
            scratch_path(&mem, "dev").unwrap(),
            std::env::temp_dir().join("dev.db")
        );
        assert!(scratch_path(&url, "../x").is_err());
    }
}
