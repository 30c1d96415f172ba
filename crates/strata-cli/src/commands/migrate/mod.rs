//! `strata migrate …`.

mod authoring;
mod reports;
mod running;

use super::{CliError, source_options};
use crate::Outcome;
use crate::cli::{FilterArgs, MigrateArgs, MigrateCommand, MigrateCommon};
use std::path::PathBuf;
use strata_config::Config;
use strata_driver::{DatabaseUrl, DriverError};
use strata_engine::SourceOptions;
use strata_model::Dialect;

pub async fn run(args: MigrateArgs) -> Result<Outcome, CliError> {
    let cx = Context::new(&args.common)?;
    match args.command {
        MigrateCommand::Init => authoring::init(&cx),
        MigrateCommand::New {
            message,
            autogenerate,
            empty: _,
            head,
            branch_label,
            schema,
        } => authoring::new(&cx, &message, autogenerate, head, branch_label, schema).await,
        MigrateCommand::Merge { revisions, message } => authoring::merge(&cx, &revisions, message),
        MigrateCommand::Up { target, sql, from } => running::up(&cx, &target, sql, from).await,
        MigrateCommand::Down { target, sql, from } => running::down(&cx, &target, sql, from).await,
        MigrateCommand::Stamp { revision } => running::stamp(&cx, &revision).await,
        MigrateCommand::Status => reports::status(&cx).await,
        MigrateCommand::History { verbose } => reports::history(&cx, verbose),
        MigrateCommand::Heads => reports::heads(&cx),
        MigrateCommand::Branches => reports::branches(&cx),
        MigrateCommand::Check { schema } => reports::check(&cx, schema).await,
        MigrateCommand::Verify => reports::verify(&cx).await,
    }
}

/// Configuration resolved once for every subcommand.
pub struct Context {
    pub config: Config,
    pub dir: PathBuf,
    /// The database, if one is configured anywhere.
    pub url: Option<DatabaseUrl>,
    /// Why the configured URL could not be read (an unset `${VAR}`),
    /// reported by the commands that need a database.
    url_error: Option<String>,
    pub lock_timeout: std::time::Duration,
    pub sources: SourceOptions,
}

impl Context {
    pub fn new(common: &MigrateCommon) -> Result<Context, CliError> {
        let cwd = std::env::current_dir().map_err(|source| CliError::Io {
            context: "reading the current directory".into(),
            source,
        })?;
        let config = Config::discover(&cwd).map_err(|e| CliError::usage(e.to_string()))?;
        // Only the URL in use is expanded, and an unset `${VAR}` in it is
        // reported by the commands that connect (`cx.url()`), so `new`,
        // `heads` and `history` work without the database's secrets.
        let url_text: Result<Option<String>, String> = match (&common.database, &common.env) {
            (Some(u), _) => Ok(Some(u.clone())),
            (None, Some(env)) => config
                .env(env)
                .map_err(|e| CliError::usage(e.to_string()))?
                .url
                .expand()
                .map(Some)
                .map_err(|e| e.to_string()),
            (None, None) => match &config.url {
                Some(value) => value.expand().map(Some).map_err(|e| e.to_string()),
                None => Ok(std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty())),
            },
        };
        let (url_text, url_error) = match url_text {
            Ok(text) => (text, None),
            Err(e) => (None, Some(e)),
        };
        let url = url_text
            .map(|t| DatabaseUrl::parse(&t).map_err(DriverError::from))
            .transpose()?;
        // source_options falls back to strata.toml's dev_url itself.
        let mut sources = source_options(&FilterArgs::default(), &common.dev, false)?;
        if sources.dialect.is_none() {
            sources.dialect = url
                .as_ref()
                .map(DatabaseUrl::dialect)
                .or_else(|| config.dialect.as_deref().and_then(parse_dialect));
        }
        Ok(Context {
            dir: common
                .dir
                .clone()
                .unwrap_or_else(|| config.migrations.clone()),
            config,
            url,
            url_error,
            lock_timeout: std::time::Duration::from_secs(common.lock_timeout),
            sources,
        })
    }

    /// The database, or an error saying how to name one.
    pub fn url(&self) -> Result<&DatabaseUrl, CliError> {
        if let (None, Some(e)) = (&self.url, &self.url_error) {
            return Err(CliError::usage(format!(
                "{e} (set it, or pass --database URL or --env NAME)"
            )));
        }
        self.url.as_ref().ok_or_else(|| {
            CliError::usage(
                "no database: pass --database URL or --env NAME, set url in strata.toml, or set DATABASE_URL",
            )
        })
    }

    /// The dialect the migrations are written for.
    pub fn dialect(&self) -> Result<Dialect, CliError> {
        self.sources.dialect.ok_or_else(|| {
            CliError::usage(
                "unknown dialect: set `dialect` in strata.toml or pass --database/--dialect",
            )
        })
    }

    pub fn graph(&self) -> Result<strata_migrate::Graph, CliError> {
        Ok(strata_engine::migrations::graph(&self.dir)?)
    }

    /// Who `applied_by` names: the database user, else the OS user.
    pub fn user(&self) -> String {
        self.url
            .as_ref()
            .and_then(DatabaseUrl::username)
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "strata".into())
    }
}

pub fn parse_dialect(text: &str) -> Option<Dialect> {
    match text.to_ascii_lowercase().as_str() {
        "postgres" | "postgresql" => Some(Dialect::Postgres),
        "mysql" | "mariadb" => Some(Dialect::Mysql),
        "sqlite" => Some(Dialect::Sqlite),
        _ => None,
    }
}
