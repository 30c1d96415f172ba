//! Running revisions: `up`, `down`, `stamp`.

use super::Context;
use crate::Outcome;
use crate::commands::CliError;
use std::collections::BTreeSet;
use strata_engine::{EngineError, driver_for};
use strata_migrate::runner::{Step, offline_sql};
use strata_migrate::{Runner, Target};

fn target(text: &str) -> Result<Target, CliError> {
    text.parse::<Target>()
        .map_err(|e| CliError::Engine(EngineError::from(e)))
}

fn report(verb: &str, steps: &[Step]) {
    if steps.is_empty() {
        eprintln!("nothing to {verb}");
        return;
    }
    for s in steps {
        eprintln!(
            "{verb} {} {} ({} ms)",
            s.id,
            s.message,
            s.duration.as_millis()
        );
    }
    if steps.len() > 1
        && let Some(slow) = steps.iter().max_by_key(|s| s.duration)
    {
        eprintln!(
            "{} revision(s); slowest {} ({} ms)",
            steps.len(),
            slow.id,
            slow.duration.as_millis()
        );
    }
}

/// The state `--sql` assumes the database is in.
fn assumed(
    graph: &strata_migrate::Graph,
    from: Option<String>,
    default_head: bool,
) -> Result<BTreeSet<String>, CliError> {
    let from = match from {
        Some(f) => f,
        None if default_head => {
            return Ok(
                strata_migrate::target::upgrade(graph, &BTreeSet::new(), &Target::Heads)
                    .map_err(EngineError::from)?
                    .iter()
                    .map(|r| r.id.clone())
                    .collect(),
            );
        }
        None => return Ok(BTreeSet::new()),
    };
    if from == "base" {
        return Ok(BTreeSet::new());
    }
    let rev = graph.resolve(&from).map_err(EngineError::from)?;
    Ok(graph.ancestors(&rev.id))
}

async fn with_runner<T>(
    cx: &Context,
    f: impl AsyncFnOnce(&mut Runner<'_>) -> Result<T, CliError>,
) -> Result<T, CliError> {
    let graph = cx.graph()?;
    let url = cx.url()?;
    let mut conn = driver_for(url.dialect()).connect(url).await?;
    let result = {
        let mut runner = Runner::new(conn.as_mut(), &graph, cx.user());
        runner.lock_timeout = cx.lock_timeout;
        f(&mut runner).await
    };
    conn.close().await;
    result
}

pub async fn up(
    cx: &Context,
    target_text: &str,
    sql: bool,
    from: Option<String>,
) -> Result<Outcome, CliError> {
    let target = target(target_text)?;
    if sql {
        let graph = cx.graph()?;
        let applied = assumed(&graph, from, false)?;
        let text = offline_sql(&graph, cx.dialect()?, &applied, &target, true, &cx.user())
            .map_err(EngineError::from)?;
        print!("{text}");
        return Ok(Outcome::Clean);
    }
    let steps = with_runner(cx, async |r| {
        Ok(r.up(&target).await.map_err(EngineError::from)?)
    })
    .await?;
    report("applied", &steps);
    Ok(Outcome::Clean)
}

pub async fn down(
    cx: &Context,
    target_text: &str,
    sql: bool,
    from: Option<String>,
) -> Result<Outcome, CliError> {
    let target = target(target_text)?;
    if sql {
        let graph = cx.graph()?;
        let applied = assumed(&graph, from, true)?;
        let text = offline_sql(&graph, cx.dialect()?, &applied, &target, false, &cx.user())
            .map_err(EngineError::from)?;
        print!("{text}");
        return Ok(Outcome::Clean);
    }
    let steps = with_runner(cx, async |r| {
        Ok(r.down(&target).await.map_err(EngineError::from)?)
    })
    .await?;
    report("reverted", &steps);
    Ok(Outcome::Clean)
}

pub async fn stamp(cx: &Context, revision: &str) -> Result<Outcome, CliError> {
    let target = target(revision)?;
    let ids = with_runner(cx, async |r| {
        Ok(r.stamp(&target).await.map_err(EngineError::from)?)
    })
    .await?;
    match ids.last() {
        Some(last) => eprintln!("stamped at {last} ({} revision(s) recorded)", ids.len()),
        None => eprintln!("stamped at base (no revision recorded)"),
    }
    Ok(Outcome::Clean)
}
