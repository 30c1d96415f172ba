//! `strata drift`.

use super::CliError;
use super::migrate::Context;
use crate::Outcome;
use crate::cli::{DriftArgs, DriftFormat};
use crate::output::Output;
use std::sync::Arc;
use strata_drift::run::{Progress, RunOptions};
use strata_drift::{Ignore, Status, Target};
use strata_driver::{DatabaseUrl, DriverError, InspectOptions};
use strata_engine::{EngineError, Source};
use strata_migrate::Target as Revision;

pub async fn run(args: DriftArgs) -> Result<Outcome, CliError> {
    let cx = Context::new(&args.common)?;
    let targets = targets(&cx, &args)?;
    if targets.is_empty() {
        return Err(CliError::usage(
            "nothing to check: name environments or URLs, pass --targets FILE, or add [env.NAME] to strata.toml",
        ));
    }
    let mut rules = cx.config.drift.ignore.clone();
    rules.extend(args.ignore.iter().cloned());
    let ignore = Ignore::parse(&rules).map_err(|e| CliError::usage(e.to_string()))?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;

    let dialect = targets[0].url.dialect();
    let (reference_name, reference) = reference(&cx, &args, dialect).await?;

    let progress = progress_bar();
    let report = strata_drift::run::run(
        &reference_name,
        reference,
        targets,
        RunOptions {
            ignore,
            concurrency: args.concurrency,
            inspect: InspectOptions {
                filter: Default::default(),
                privileges: args.with_privileges,
            },
            schemas_like: args.schemas_like.clone(),
            shard,
            progress: progress.as_ref().map(|(_, p)| p.clone()),
        },
    )
    .await;
    if let Some((bar, _)) = progress {
        bar.finish_and_clear();
    }

    let mut out = Output::open(None)?;
    out.write_str(&match args.format {
        DriftFormat::Text => report.text(),
        DriftFormat::Json => report.json(),
        DriftFormat::Markdown => report.markdown(),
        DriftFormat::Junit => report.junit(),
    })?;
    out.finish()?;
    if let Some(path) = &args.audit_log {
        strata_drift::notify::append_audit(path, &report)
            .map_err(|e| CliError::usage(e.to_string()))?;
    }
    if report.summary.drift > 0
        && let Some(url) = &args.webhook
    {
        let (url, report) = (url.clone(), report.clone());
        tokio::task::spawn_blocking(move || strata_drift::notify::post_webhook(&url, &report))
            .await
            .map_err(|e| CliError::usage(e.to_string()))?
            .map_err(|e| CliError::usage(e.to_string()))?;
    }
    if report.summary.error > 0 {
        let failed: Vec<&str> = report
            .targets
            .iter()
            .filter(|t| t.status == Status::Error)
            .map(|t| t.name.as_str())
            .collect();
        return Err(CliError::usage(format!(
            "{} target(s) could not be checked: {}",
            failed.len(),
            failed.join(", ")
        )));
    }
    Ok(if report.summary.drift > 0 {
        Outcome::Found
    } else {
        Outcome::Clean
    })
}

fn parse_shard(text: &str) -> Result<(usize, usize), CliError> {
    let bad = || {
        CliError::usage(format!(
            "invalid --shard '{text}': expected K/N with 1 <= K <= N"
        ))
    };
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// A target named on the command line: an environment or a URL.
fn target(cx: &Context, text: &str) -> Result<Target, CliError> {
    let (name, url) = match cx.config.envs.get(text) {
        Some(env) => (
            text.to_string(),
            env.url
                .expand()
                .map_err(|e| CliError::usage(e.to_string()))?,
        ),
        None if text.contains("://") || text.starts_with("sqlite:") => {
            (String::new(), text.to_string())
        }
        None => {
            return Err(CliError::usage(format!(
                "'{text}' is neither an environment in strata.toml nor a database URL"
            )));
        }
    };
    let url = DatabaseUrl::parse(&url).map_err(DriverError::from)?;
    Ok(Target {
        name: if name.is_empty() {
            url.to_string()
        } else {
            name
        },
        url,
        schema: None,
    })
}

fn targets(cx: &Context, args: &DriftArgs) -> Result<Vec<Target>, CliError> {
    let mut out = Vec::new();
    for t in &args.targets {
        out.push(target(cx, t)?);
    }
    if let Some(path) = &args.targets_file {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Io {
            context: format!("reading {}", path.display()),
            source,
        })?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let url = DatabaseUrl::parse(line)
                .map_err(|e| CliError::usage(format!("{}:{}: {e}", path.display(), i + 1)))?;
            out.push(Target {
                name: url.to_string(),
                url,
                schema: None,
            });
        }
    }
    if out.is_empty() && args.targets_file.is_none() {
        for name in cx.config.envs.keys() {
            if Some(name.as_str()) != args.against.as_deref() {
                out.push(target(cx, name)?);
            }
        }
    }
    Ok(out)
}

/// The reference realm and how reports name it.
async fn reference(
    cx: &Context,
    args: &DriftArgs,
    dialect: strata_model::Dialect,
) -> Result<(String, strata_model::Realm), CliError> {
    let against = args
        .against
        .clone()
        .or_else(|| cx.config.drift.against.clone())
        .unwrap_or_else(|| {
            if cx.config.schema.is_some() {
                "schema".into()
            } else {
                "migrations".into()
            }
        });
    let mut options = cx.sources.clone();
    options.dialect = Some(dialect);
    options.inspect.privileges = args.with_privileges;
    let (name, source) = match against.as_str() {
        "migrations" => (
            format!("migrations at head ({})", cx.dir.display()),
            Source::Migrations {
                dir: cx.dir.clone(),
                target: Revision::Heads,
            },
        ),
        "schema" => {
            let path =
                cx.config.schema.clone().ok_or_else(|| {
                    CliError::usage("--against schema needs `schema` in strata.toml")
                })?;
            (
                path.display().to_string(),
                Source::parse(&path.display().to_string())?,
            )
        }
        other => {
            let t = target(cx, other)?;
            (t.name.clone(), Source::Database(t.url))
        }
    };
    let realm = source
        .resolve(&options)
        .await
        .map_err(|e: EngineError| CliError::usage(format!("reference {name}: {e}")))?;
    Ok((name, realm))
}

/// A progress bar on a terminal; nothing in a pipe.
fn progress_bar() -> Option<(indicatif::ProgressBar, Progress)> {
    use std::io::IsTerminal as _;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} targets {elapsed}")
    {
        bar.set_style(style);
    }
    let handle = bar.clone();
    let progress: Progress = Arc::new(move |done, total| {
        handle.set_length(total as u64);
        handle.set_position(done as u64);
    });
    Some((bar, progress))
}
