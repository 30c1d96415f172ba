//! Reading state: `status`, `history`, `heads`, `branches`, `check`, `verify`.

use super::Context;
use crate::Outcome;
use crate::commands::CliError;
use std::collections::BTreeSet;
use strata_diff::DiffOptions;
use strata_engine::{EngineError, Source, compare, driver_for};
use strata_migrate::{Graph, Runner, Target, target};

pub async fn status(cx: &Context) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    let url = cx.url()?;
    let mut conn = driver_for(url.dialect()).connect(url).await?;
    let applied = Runner::new(conn.as_mut(), &graph, cx.user())
        .applied()
        .await;
    conn.close().await;
    let applied = applied.map_err(EngineError::from)?;
    let ids: BTreeSet<String> = applied.iter().map(|a| a.id.clone()).collect();
    let current: Vec<&str> = applied
        .iter()
        .filter(|a| graph.children(&a.id).iter().all(|c| !ids.contains(c)))
        .map(|a| a.id.as_str())
        .collect();
    println!("database: {url}");
    if current.is_empty() {
        println!("current: base (no revision applied)");
    } else {
        println!("current: {}", current.join(", "));
    }
    for a in applied.iter().filter(|a| a.dirty) {
        println!(
            "DIRTY: {} {} failed part-way; repair the schema, then `strata migrate stamp {}` (changes complete) or `strata migrate stamp <its parent>` (changes undone)",
            a.id, a.message, a.id
        );
    }
    let pending = target::upgrade(&graph, &ids, &Target::Heads).map_err(EngineError::from)?;
    if pending.is_empty() {
        println!("pending: none (up to date)");
    } else {
        println!("pending: {}", pending.len());
        for r in pending {
            println!("  {} {}", r.id, r.message);
        }
    }
    Ok(Outcome::Clean)
}

fn marks(graph: &Graph, r: &strata_migrate::Revision) -> String {
    let mut m = Vec::new();
    if graph.children(&r.id).is_empty() {
        m.push("head".to_string());
    }
    if graph.children(&r.id).len() > 1 {
        m.push("branchpoint".into());
    }
    if r.parents.len() > 1 {
        m.push("mergepoint".into());
    }
    if r.parents.is_empty() {
        m.push("base".into());
    }
    for l in &r.branch_labels {
        m.push(format!("label {l}"));
    }
    if m.is_empty() {
        String::new()
    } else {
        format!(" ({})", m.join(", "))
    }
}

pub fn history(cx: &Context, verbose: bool) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    for r in graph.ordered().rev() {
        let parents = if r.parents.is_empty() {
            "<base>".to_string()
        } else {
            r.parents.join(", ")
        };
        println!("{parents} -> {} {}{}", r.id, r.message, marks(&graph, r));
        if verbose {
            println!("    dir: {}", r.dir.display());
            println!(
                "    up.sql {}{}  down.sql {}{}",
                &r.up.checksum[..12],
                if r.up.no_transaction {
                    " (no-transaction)"
                } else {
                    ""
                },
                &r.down.checksum[..12],
                if r.down.no_transaction {
                    " (no-transaction)"
                } else {
                    ""
                },
            );
        }
    }
    Ok(Outcome::Clean)
}

pub fn heads(cx: &Context) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    for r in graph.heads() {
        println!("{} {}{}", r.id, r.message, marks(&graph, r));
    }
    Ok(Outcome::Clean)
}

pub fn branches(cx: &Context) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    for r in graph.branch_points() {
        println!(
            "{} {} -> {}",
            r.id,
            r.message,
            graph.children(&r.id).join(", ")
        );
    }
    Ok(Outcome::Clean)
}

/// Exit 1 when the desired schema differs from the schema at head.
pub async fn check(cx: &Context, schema: Option<String>) -> Result<Outcome, CliError> {
    let desired = schema
        .or_else(|| cx.config.schema.as_ref().map(|p| p.display().to_string()))
        .ok_or_else(|| {
            CliError::usage(
                "check needs the desired schema: --schema SOURCE or `schema` in strata.toml",
            )
        })?;
    let mut options = cx.sources.clone();
    options.dialect = Some(cx.dialect()?);
    let head = Source::Migrations {
        dir: cx.dir.clone(),
        target: Target::Heads,
    };
    let c = compare(
        &head,
        &Source::parse(&desired)?,
        &options,
        &DiffOptions::default(),
    )
    .await?;
    if c.plan.is_empty() {
        println!("the migrations at head match {desired}");
        return Ok(Outcome::Clean);
    }
    // The plan is styled: through Output, which colours only on a terminal.
    let mut out = crate::output::Output::open(None)?;
    out.write_str(&format!(
        "the migrations at head differ from {desired}; `strata migrate new --autogenerate` would write:\n{}",
        crate::output::plan::text(&c.plan)
    ))?;
    out.finish()?;
    Ok(Outcome::Found)
}

pub async fn verify(cx: &Context) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    let url = cx.url()?;
    let mut conn = driver_for(url.dialect()).connect(url).await?;
    let v = Runner::new(conn.as_mut(), &graph, cx.user()).verify().await;
    conn.close().await;
    let v = v.map_err(EngineError::from)?;
    for id in &v.edited {
        println!("edited: {id} (its files changed after it was applied)");
    }
    for id in &v.missing {
        println!("missing: {id} (applied, but not in {})", cx.dir.display());
    }
    for id in &v.unknown {
        println!("unknown: {id} (in the directory, not applied, but later revisions are)");
    }
    if v.is_clean() {
        println!("verified: applied revisions match the files");
        Ok(Outcome::Clean)
    } else {
        Ok(Outcome::Found)
    }
}
