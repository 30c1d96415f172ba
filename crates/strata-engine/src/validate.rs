//! `strata test`: proving a migrations directory on a throw-away database.
//!
//! The checks pytest-alembic runs, and more: exactly one head; base to head
//! applies; a stairway — every revision up, down, and up again, where down
//! must leave no trace (the schema after it is the schema before the up);
//! and the schema at head equals the desired schema. Each revision is timed.

use crate::compare::plan_between;
use crate::{DevDatabase, EngineError, Source, SourceOptions};
use std::time::{Duration, Instant};
use strata_diff::DiffOptions;
use strata_migrate::{Graph, Runner, Target};
use strata_model::{Dialect, Realm};

/// The outcome of one check.
#[derive(Debug, Clone)]
pub struct Check {
    /// `single-head`, `upgrade`, `stairway`, `matches-schema`.
    pub name: String,
    /// The revision it is about, if any.
    pub revision: Option<String>,
    pub duration: Duration,
    /// `None` when it passed.
    pub failure: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub checks: Vec<Check>,
    /// (revision, up time, down time) for every revision of the stairway.
    pub timings: Vec<(String, Duration, Duration)>,
}

impl Report {
    pub fn failed(&self) -> usize {
        self.checks.iter().filter(|c| c.failure.is_some()).count()
    }
}

/// What to validate.
pub struct Plan<'a> {
    pub graph: &'a Graph,
    pub dialect: Dialect,
    pub options: &'a SourceOptions,
    /// The desired schema head must equal.
    pub desired: Option<Source>,
}

pub async fn validate(plan: Plan<'_>) -> Result<Report, EngineError> {
    let mut report = Report::default();
    let heads = plan.graph.heads();
    let single = heads.len() <= 1;
    report.checks.push(Check {
        name: "single-head".into(),
        revision: None,
        duration: Duration::ZERO,
        failure: (!single).then(|| {
            format!(
                "{} heads: {}; merge them (strata migrate merge)",
                heads.len(),
                heads
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }),
    });

    let mut dev = DevDatabase::open(plan.dialect, plan.options.dev_server(plan.dialect)?).await?;
    let outcome = run_checks(&mut dev, &plan, &mut report).await;
    dev.close().await;
    outcome?;
    Ok(report)
}

async fn inspect(dev: &mut DevDatabase, options: &SourceOptions) -> Result<Realm, EngineError> {
    let mut realm = dev.connection().inspect(&options.inspect).await?;
    for schema in realm.schemas.values_mut() {
        schema.tables.remove(strata_model::MIGRATIONS_TABLE);
    }
    Ok(realm)
}

/// What differs between two schemas, as a short description; `None` when
/// they are the same.
fn difference(a: &Realm, b: &Realm) -> Result<Option<String>, EngineError> {
    let c = plan_between(a.clone(), b.clone(), &DiffOptions::default())?;
    if c.plan.is_empty() {
        return Ok(None);
    }
    let mut items: Vec<String> = c
        .plan
        .steps
        .iter()
        .map(|s| strata_diff::plan::describe(&s.change))
        .collect();
    let more = items.len().saturating_sub(5);
    items.truncate(5);
    if more > 0 {
        items.push(format!("and {more} more"));
    }
    Ok(Some(items.join("; ")))
}

async fn run_checks(
    dev: &mut DevDatabase,
    plan: &Plan<'_>,
    report: &mut Report,
) -> Result<(), EngineError> {
    let user = "strata-test".to_string();
    for r in plan.graph.ordered() {
        let start = Instant::now();
        let before = inspect(dev, plan.options).await?;
        let target = Target::Revision(r.id.clone());
        let up = Runner::new(dev.connection(), plan.graph, user.clone())
            .up(&target)
            .await;
        let up_time = start.elapsed();
        if let Err(e) = up {
            report.checks.push(Check {
                name: "upgrade".into(),
                revision: Some(r.id.clone()),
                duration: up_time,
                failure: Some(e.to_string()),
            });
            return Ok(());
        }
        let after_up = inspect(dev, plan.options).await?;
        let down_start = Instant::now();
        let down = Runner::new(dev.connection(), plan.graph, user.clone())
            .down(&Target::Relative(-1))
            .await;
        let down_time = down_start.elapsed();
        let mut failure = match down {
            Err(e) => Some(format!("down failed: {e}")),
            Ok(_) => {
                let after_down = inspect(dev, plan.options).await?;
                difference(&after_down, &before)?
                    .map(|d| format!("down does not undo up; left behind: {d}"))
            }
        };
        if failure.is_none() {
            match Runner::new(dev.connection(), plan.graph, user.clone())
                .up(&target)
                .await
            {
                Err(e) => failure = Some(format!("up after down failed: {e}")),
                Ok(_) => {
                    let again = inspect(dev, plan.options).await?;
                    failure = difference(&after_up, &again)?
                        .map(|d| format!("up after down gives another schema: {d}"));
                }
            }
        }
        let stop = failure.is_some();
        report.timings.push((r.id.clone(), up_time, down_time));
        report.checks.push(Check {
            name: "stairway".into(),
            revision: Some(r.id.clone()),
            duration: start.elapsed(),
            failure,
        });
        if stop {
            return Ok(());
        }
    }
    report.checks.push(Check {
        name: "upgrade".into(),
        revision: None,
        duration: report.timings.iter().map(|t| t.1).sum(),
        failure: None,
    });
    if let Some(desired) = &plan.desired {
        let start = Instant::now();
        let head = inspect(dev, plan.options).await?;
        let mut options = plan.options.clone();
        options.dialect = Some(plan.dialect);
        let wanted = desired.resolve(&options).await?;
        let failure = difference(&head, &wanted)?
            .map(|d| format!("the schema at head differs from the desired schema: {d}"));
        report.checks.push(Check {
            name: "matches-schema".into(),
            revision: None,
            duration: start.elapsed(),
            failure,
        });
    }
    Ok(())
}
