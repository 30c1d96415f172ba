//! One module per command. Each turns its arguments into options, calls the
//! libraries and formats the result.

mod inspect;

use crate::Outcome;
use crate::cli::{Cli, Command, DevArgs, DialectArg, FilterArgs};
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

impl<E: Into<EngineError>> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError::Engine(e.into())
    }
}

pub async fn run(cli: Cli) -> Result<Outcome, CliError> {
    match cli.command {
        Command::Inspect(args) => inspect::run(args).await,
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

/// Source options from the shared filter and dev-database arguments.
fn source_options(
    filter_args: &FilterArgs,
    dev: &DevArgs,
    privileges: bool,
) -> Result<SourceOptions, CliError> {
    let dev_url = match &dev.dev_url {
        Some(text) => Some(DatabaseUrl::parse(text).map_err(DriverError::from)?),
        None => None,
    };
    Ok(SourceOptions {
        inspect: InspectOptions {
            filter: filter(filter_args)?,
            privileges,
        },
        dialect: dev.dialect.map(|d| match d {
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Mysql => Dialect::Mysql,
            DialectArg::Sqlite => Dialect::Sqlite,
        }),
        dev_url,
    })
}
