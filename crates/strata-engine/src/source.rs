//! Sources: where a schema comes from.

use crate::dev::DevDatabase;
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
    /// A migrations directory, replayed into a dev database up to a target
    /// (the head by default).
    Migrations {
        dir: PathBuf,
        target: strata_migrate::Target,
    },
}

/// How to resolve sources.
#[derive(Debug, Clone, Default)]
pub struct SourceOptions {
    pub inspect: InspectOptions,
    /// Dialect of desired-state SQL. When unset it is taken from the dev
    /// URL, then from the other side of a comparison, and SQLite otherwise.
    pub dialect: Option<Dialect>,
    /// Where desired-state SQL is loaded for PostgreSQL and MySQL (a scratch
    /// database is created there). Without it a throw-away server is started.
    pub dev_url: Option<DatabaseUrl>,
    /// Why the configured dev URL could not be read (an unset `${VAR}` in
    /// strata.toml). Reported only when a dev database is needed, instead of
    /// starting a throw-away server.
    pub dev_url_error: Option<String>,
    /// Statements run in a fresh dev database before anything is loaded
    /// (see `SqlDialect::dev_database_setup`).
    pub dev_setup: Vec<String>,
}

impl SourceOptions {
    /// The dev server to use for `dialect` (`None`: a throw-away one), or
    /// the deferred error if the configured one could not be read.
    pub fn dev_server(&self, dialect: Dialect) -> Result<Option<&DatabaseUrl>, EngineError> {
        match (&self.dev_url, &self.dev_url_error) {
            (None, Some(e)) if dialect != Dialect::Sqlite => Err(EngineError::Usage(e.clone())),
            (url, _) => Ok(url.as_ref()),
        }
    }
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
            if is_migrations_dir(path) {
                return Ok(Source::Migrations {
                    dir: path.to_path_buf(),
                    target: strata_migrate::Target::Head,
                });
            }
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

    /// Reads the schema. strata's own bookkeeping table is never part of it.
    pub async fn resolve(&self, options: &SourceOptions) -> Result<Realm, EngineError> {
        let mut realm = self.resolve_raw(options).await?;
        for schema in realm.schemas.values_mut() {
            schema.tables.remove(strata_model::MIGRATIONS_TABLE);
        }
        Ok(realm)
    }

    async fn resolve_raw(&self, options: &SourceOptions) -> Result<Realm, EngineError> {
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
            Source::Sql(path) => {
                let dialect = options
                    .dialect
                    .or(options.dev_url.as_ref().map(|u| u.dialect()))
                    .unwrap_or(Dialect::Sqlite);
                let files = sql_files(path)?;
                let mut dev = DevDatabase::open(dialect, options.dev_server(dialect)?).await?;
                let loaded = async {
                    for sql in &options.dev_setup {
                        dev.connection().execute(sql).await?;
                    }
                    load_and_inspect(&mut dev, &files, options).await
                }
                .await;
                dev.close().await;
                loaded
            }
            Source::Migrations { dir, target } => {
                let dialect = options
                    .dialect
                    .or(options.dev_url.as_ref().map(|u| u.dialect()))
                    .unwrap_or(Dialect::Sqlite);
                crate::migrations::replay(dir, target, dialect, options).await
            }
        }
    }

    /// The dialect a source is known to have without reading it (a URL's).
    pub fn known_dialect(&self) -> Option<Dialect> {
        match self {
            Source::Database(url) => Some(url.dialect()),
            _ => None,
        }
    }
}

async fn load_and_inspect(
    dev: &mut DevDatabase,
    files: &[PathBuf],
    options: &SourceOptions,
) -> Result<Realm, EngineError> {
    for file in files {
        let text = read(file)?;
        dev.connection()
            .execute_script(&text, &file.display().to_string())
            .await?;
    }
    Ok(dev.connection().inspect(&options.inspect).await?)
}

/// The `.sql` files of a desired-state source: the file itself, or the
/// directory's `.sql` files (recursively) in path order.
pub fn sql_files(path: &Path) -> Result<Vec<PathBuf>, EngineError> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| EngineError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("sql")) {
                out.push(p);
            }
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(EngineError::Usage(format!(
            "{} contains no .sql files",
            path.display()
        )));
    }
    Ok(out)
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

/// A directory whose sub-folders hold `revision.toml` files.
fn is_migrations_dir(path: &Path) -> bool {
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.path().join(strata_migrate::revision::META).is_file())
}
