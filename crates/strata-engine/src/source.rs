//! Sources: where a schema comes from.

use crate::{EngineError, driver_for};
use std::path::{Path, PathBuf};
use strata_driver::{DatabaseUrl, InspectOptions};
use strata_model::{Dialect, Realm};

/// Something a schema can be read from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A live database.
    Database(DatabaseUrl),
    /// A JSON snapshot written by `strata inspect --format json`.
    Snapshot(PathBuf),
    /// A desired-state `.sql` file, or a directory of them (loaded in name order).
    Sql(PathBuf),
}

/// How to resolve sources.
#[derive(Debug, Clone, Default)]
pub struct SourceOptions {
    pub inspect: InspectOptions,
    /// Dialect of desired-state SQL, when it cannot be told otherwise.
    pub dialect: Option<Dialect>,
}

impl Source {
    /// Tells a URL from a file. A text with a scheme (`x://` or `sqlite:`) is a
    /// URL and must parse as one; anything else is a path that must exist. A
    /// file is a snapshot if it ends in `.json`, a SQLite database if it starts
    /// with SQLite's header, and desired-state SQL otherwise.
    pub fn parse(text: &str) -> Result<Source, EngineError> {
        let looks_like_url = text.contains("://") || text.starts_with("sqlite:");
        if looks_like_url {
            return Ok(Source::Database(
                DatabaseUrl::parse(text).map_err(strata_driver::DriverError::from)?,
            ));
        }
        let path = Path::new(text);
        if path.is_dir() {
            return Ok(Source::Sql(path.to_path_buf()));
        }
        if !path.is_file() {
            return Err(EngineError::UnknownSource(text.to_string()));
        }
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            return Ok(Source::Snapshot(path.to_path_buf()));
        }
        if is_sqlite_file(path) {
            return Ok(Source::Database(DatabaseUrl::sqlite_file(path)));
        }
        Ok(Source::Sql(path.to_path_buf()))
    }

    /// `DATABASE_URL`, for commands whose source may be left out.
    pub fn from_env() -> Result<Source, EngineError> {
        match std::env::var("DATABASE_URL") {
            Ok(url) if !url.trim().is_empty() => Source::parse(&url),
            _ => Err(EngineError::NoSource),
        }
    }

    /// Reads the schema.
    pub async fn resolve(&self, options: &SourceOptions) -> Result<Realm, EngineError> {
        match self {
            Source::Database(url) => {
                let driver = driver_for(url.dialect());
                let mut conn = driver.connect(url).await?;
                let realm = conn.inspect(&options.inspect).await;
                conn.close().await;
                Ok(realm?)
            }
            Source::Snapshot(path) => {
                let text = read(path)?;
                let mut realm =
                    Realm::from_json(&text).map_err(|source| EngineError::Snapshot {
                        path: path.display().to_string(),
                        source,
                    })?;
                options.inspect.filter.apply(&mut realm);
                Ok(realm)
            }
            Source::Sql(path) => Err(EngineError::Usage(format!(
                "{}: desired-state SQL sources are not supported yet",
                path.display()
            ))),
        }
    }
}

fn read(path: &Path) -> Result<String, EngineError> {
    std::fs::read_to_string(path).map_err(|source| EngineError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn is_sqlite_file(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok()
        && &header == b"SQLite format 3\0"
}
