//! `strata lint FILES…` and `strata lint --migrations [DIR]`: risky
//! operations in migration scripts.

use super::CliError;
use super::migrate::parse_dialect;
use crate::Outcome;
use crate::cli::{DialectArg, LintArgs, LintFormat};
use crate::output::Output;
use std::path::{Path, PathBuf};
use strata_config::Config;
use strata_driver::DatabaseUrl;
use strata_lint::migration::{self, LintOptions, ScriptKind, Source};
use strata_model::Dialect;

/// One script to lint.
struct Script {
    path: PathBuf,
    kind: ScriptKind,
}

pub fn run(args: &LintArgs, out: &mut Output) -> Result<Outcome, CliError> {
    let cwd = std::env::current_dir().map_err(|source| CliError::Io {
        context: "reading the current directory".into(),
        source,
    })?;
    let config = config(&cwd)?;
    let options = LintOptions {
        rules: args.rules.clone(),
    };
    // Unknown rule names fail before any file is read.
    migration::selected(&options, Dialect::Postgres).map_err(|e| CliError::usage(e.to_string()))?;
    let mut scripts = Vec::new();
    if let Some(dir) = &args.migrations {
        let dir = dir.clone().unwrap_or_else(|| config.migrations.clone());
        scripts.extend(revisions(&dir)?);
    }
    for path in &args.files {
        if path.is_dir() {
            scripts.extend(sql_files(path)?);
        } else {
            scripts.push(Script {
                kind: kind_of(path),
                path: path.clone(),
            });
        }
    }
    // --dialect, then strata.toml's dialect or URL; else each file's spelling.
    let configured = args
        .dev
        .dialect
        .map(|d| match d {
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Mysql => Dialect::Mysql,
            DialectArg::Sqlite => Dialect::Sqlite,
        })
        .or_else(|| config.dialect.as_deref().and_then(parse_dialect))
        .or_else(|| {
            // Linting needs no secrets: an unset `${VAR}` just gives no dialect.
            config
                .url
                .as_ref()
                .and_then(|u| u.expand().ok())
                .and_then(|u| DatabaseUrl::parse(&u).ok())
                .map(|u| u.dialect())
        });
    let mut findings = Vec::new();
    let mut files = Vec::new();
    let mut dialects = Vec::new();
    for script in &scripts {
        let text = std::fs::read_to_string(&script.path).map_err(|source| CliError::Io {
            context: format!("reading {}", script.path.display()),
            source,
        })?;
        let dialect = configured
            .or_else(|| migration::guess_dialect(&text))
            .unwrap_or(Dialect::Postgres);
        let shown = shown(&script.path, &cwd);
        let source = Source {
            path: shown.clone(),
            dialect,
            kind: script.kind,
        };
        findings.extend(
            migration::lint(&source, &text, &options)
                .map_err(|e| CliError::usage(e.to_string()))?,
        );
        files.push(shown);
        if !dialects.contains(&dialect) {
            dialects.push(dialect);
        }
    }
    // The rules of every dialect that was linted, once each.
    let mut rules: Vec<strata_lint::RuleInfo> = Vec::new();
    for d in dialects
        .iter()
        .copied()
        .chain(configured.filter(|_| dialects.is_empty()))
    {
        for r in
            migration::reported_rules(&options, d).map_err(|e| CliError::usage(e.to_string()))?
        {
            if !rules.iter().any(|k| k.id == r.id) {
                rules.push(r);
            }
        }
    }
    let body = match args.format {
        LintFormat::Text => migration::text(&findings, &rules),
        LintFormat::Json => migration::json(&files, &findings, &rules),
        LintFormat::Sarif => migration::sarif(&files, &findings, &rules, env!("CARGO_PKG_VERSION")),
    };
    out.write_str(&body)?;
    Ok(if findings.iter().any(|f| f.fails()) {
        Outcome::Found
    } else {
        Outcome::Clean
    })
}

/// strata.toml, if there is one. Its `${VAR}`s are expanded on use, so
/// an unset one (CI lint jobs rarely have the database URL) does not fail.
fn config(cwd: &Path) -> Result<Config, CliError> {
    Config::discover(cwd).map_err(|e| CliError::usage(e.to_string()))
}

/// The up scripts of a migrations directory, in id order. Down scripts
/// undo on purpose (they drop what up created), so they are not linted.
fn revisions(dir: &Path) -> Result<Vec<Script>, CliError> {
    if !dir.is_dir() {
        return Err(CliError::usage(format!(
            "no migrations directory at {} (set `migrations` in strata.toml or pass --migrations DIR)",
            dir.display()
        )));
    }
    let revisions =
        strata_migrate::revision::load_all(dir).map_err(|e| CliError::usage(e.to_string()))?;
    Ok(revisions
        .into_iter()
        .map(|r| Script {
            kind: ScriptKind::Revision {
                no_transaction: r.up.no_transaction,
            },
            path: r.up.path,
        })
        .collect())
}

/// Every `.sql` file under a directory, sorted by path.
fn sql_files(dir: &Path) -> Result<Vec<Script>, CliError> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| CliError::Io {
            context: format!("reading {}", d.display()),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("sql"))
            {
                out.push(Script {
                    kind: kind_of(&path),
                    path,
                });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A revision's `up.sql` (next to its `revision.toml`) runs in the
/// runner's transaction; any other file is a plain script.
fn kind_of(path: &Path) -> ScriptKind {
    use strata_migrate::revision::{META, UP};
    let is_up = path.file_name().is_some_and(|n| n == UP)
        && path.parent().is_some_and(|d| d.join(META).is_file());
    if !is_up {
        return ScriptKind::File;
    }
    let no_transaction = std::fs::read_to_string(path)
        .map(|text| strata_migrate::Script::new(path.to_path_buf(), text).no_transaction)
        .unwrap_or(false);
    ScriptKind::Revision { no_transaction }
}

/// A path as reports show it: relative to the current directory when it
/// is inside it (SARIF viewers resolve relative URIs against the checkout).
fn shown(path: &Path, cwd: &Path) -> String {
    let p = path.strip_prefix(cwd).unwrap_or(path);
    p.display().to_string()
}
