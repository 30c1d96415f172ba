//! One module per command. Each turns its arguments into options, calls the
//! libraries and formats the result.

mod apply;
mod codegen;
mod diff;
mod docs;
mod drift;
mod inspect;
mod lint;
mod lint_migrations;
pub mod migrate;
mod test;

use crate::Outcome;
use crate::cli::{Cli, Command, DevArgs, DialectArg, FilterArgs, PlanArgs};
use strata_diff::DiffOptions;
use strata_diff::differ::Rename;
use strata_driver::{DatabaseUrl, DriverError, InspectOptions};
use strata_engine::{EngineError, Source, SourceOptions};
use strata_model::{Dialect, Filter};

/// An error that ends a command with exit code 2.
#[derive(Debug)]
pub enum CliError {
    Engine(EngineError),
    Io {
        context: String,
        source: std::io::Error,
    },
}

impl CliError {
    /// Writing into a closed pipe (`strata inspect … | head`) is not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Engine(e) => write!(f, "{e}"),
            CliError::Io { context, source } => write!(f, "{context}: {source}"),
        }
    }
}

impl CliError {
    fn usage(message: impl Into<String>) -> CliError {
        CliError::Engine(EngineError::Usage(message.into()))
    }
}

impl<E: Into<EngineError>> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError::Engine(e.into())
    }
}

pub async fn run(cli: Cli) -> Result<Outcome, CliError> {
    match cli.command {
        Command::Inspect(args) => inspect::run(args).await,
        Command::Diff(args) => diff::run(args).await,
        Command::Apply(args) => apply::run(args).await,
        Command::Migrate(args) => migrate::run(args).await,
        Command::Codegen(args) => codegen::run(args).await,
        Command::Docs(args) => docs::run(args).await,
        Command::Lint(args) => lint::run(args).await,
        Command::Test(args) => test::run(args).await,
        Command::Drift(args) => drift::run(args).await,
    }
}

/// The source named on the command line, or `DATABASE_URL`.
fn source_or_env(source: Option<&str>) -> Result<Source, CliError> {
    Ok(match source {
        Some(s) => Source::parse(s)?,
        None => Source::from_env()?,
    })
}

fn filter(args: &FilterArgs) -> Result<Filter, CliError> {
    Ok(Filter::new(
        args.schemas.clone(),
        args.exclude_schemas.clone(),
        args.tables.clone(),
        args.exclude_tables.clone(),
    )?)
}

/// Source options from the shared filter and dev-database arguments. The
/// dev URL and dialect fall back to `dev_url` and `dialect` in strata.toml.
fn source_options(
    filter_args: &FilterArgs,
    dev: &DevArgs,
    privileges: bool,
) -> Result<SourceOptions, CliError> {
    let config = std::env::current_dir()
        .ok()
        .map(|cwd| strata_config::Config::discover(&cwd))
        .transpose()
        .map_err(|e| CliError::usage(e.to_string()))?
        .unwrap_or_default();
    // strata.toml's dev_url is only expanded here; an unset `${VAR}` in it is
    // reported if a dev database is actually needed.
    let (dev_text, dev_url_error) = match (&dev.dev_url, &config.dev_url) {
        (Some(text), _) => (Some(text.clone()), None),
        (None, Some(value)) => match value.expand() {
            Ok(text) => (Some(text), None),
            Err(e) => (None, Some(e.to_string())),
        },
        (None, None) => (None, None),
    };
    let dev_url = match dev_text {
        Some(text) => Some(DatabaseUrl::parse(&text).map_err(DriverError::from)?),
        None => None,
    };
    let configured = config.dialect.as_deref().and_then(migrate::parse_dialect);
    Ok(SourceOptions {
        inspect: InspectOptions {
            filter: filter(filter_args)?,
            privileges,
        },
        dialect: dev
            .dialect
            .map(|d| match d {
                DialectArg::Postgres => Dialect::Postgres,
                DialectArg::Mysql => Dialect::Mysql,
                DialectArg::Sqlite => Dialect::Sqlite,
            })
            .or(configured),
        dev_url,
        dev_url_error,
        dev_setup: Vec::new(),
    })
}

/// Diff options from `--rename` and `--with-privileges`.
fn diff_options(args: &PlanArgs) -> Result<DiffOptions, CliError> {
    let renames = args
        .renames
        .iter()
        .map(|r| parse_rename(r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DiffOptions {
        renames,
        privileges: args.with_privileges,
    })
}

/// `table:[schema.]old=new` or `column:[schema.]table.old=new`. A schema
/// left out is found by the engine.
fn parse_rename(rule: &str) -> Result<Rename, CliError> {
    let bad = || {
        CliError::usage(format!(
            "invalid --rename '{rule}': expected table:[schema.]old=new or column:[schema.]table.old=new"
        ))
    };
    let (kind, body) = rule.split_once(':').ok_or_else(bad)?;
    let (old, new) = body.split_once('=').ok_or_else(bad)?;
    if new.is_empty() || new.contains('.') {
        return Err(bad());
    }
    let parts: Vec<&str> = old.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(bad());
    }
    match (kind, parts.as_slice()) {
        ("table", [t]) => Ok(Rename::Table {
            schema: String::new(),
            from: t.to_string(),
            to: new.into(),
        }),
        ("table", [s, t]) => Ok(Rename::Table {
            schema: s.to_string(),
            from: t.to_string(),
            to: new.into(),
        }),
        ("column", [t, c]) => Ok(Rename::Column {
            table: strata_model::QualifiedName::new("", *t),
            from: c.to_string(),
            to: new.into(),
        }),
        ("column", [s, t, c]) => Ok(Rename::Column {
            table: strata_model::QualifiedName::new(*s, *t),
            from: c.to_string(),
            to: new.into(),
        }),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rename_rules() {
        assert!(matches!(
            parse_rename("table:old=new").unwrap(),
            Rename::Table { schema, from, to } if schema.is_empty() && from == "old" && to == "new"
        ));
        assert!(matches!(
            parse_rename("column:app.users.mail=email").unwrap(),
            Rename::Column { table, from, to } if table.schema == "app" && table.name == "users" && from == "mail" && to == "email"
        ));
        for bad in [
            "table:old",
            "tbl:a=b",
            "column:t=x",
            "table:a=b.c",
            "table:.a=b",
        ] {
            assert!(parse_rename(bad).is_err(), "{bad}");
        }
    }
}
