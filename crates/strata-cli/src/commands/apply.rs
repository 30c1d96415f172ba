//! `strata apply DATABASE --to SOURCE`.

use super::{CliError, diff_options, source_options, source_or_env};
use crate::Outcome;
use crate::cli::ApplyArgs;
use crate::output::{Output, plan as plan_output};
use strata_engine::{Source, apply, compare, driver_for};

pub async fn run(args: ApplyArgs) -> Result<Outcome, CliError> {
    let target = source_or_env(args.database.as_deref())?;
    let Source::Database(url) = &target else {
        return Err(CliError::usage(
            "apply needs a database URL to change (a snapshot or SQL file cannot be applied to)",
        ));
    };
    let desired = Source::parse(&args.to)?;
    let options = source_options(&args.filter, &args.dev, args.plan.with_privileges)?;
    let comparison = compare(&target, &desired, &options, &diff_options(&args.plan)?).await?;
    let plan = &comparison.plan;
    if plan.is_empty() {
        eprintln!("{} is already up to date", url);
        return Ok(Outcome::Clean);
    }
    plan_output::refuse_destructive(plan, args.plan.allow_unsafe)?;
    let statements = plan.render(comparison.dialect)?;
    let mut out = Output::open(None)?;
    out.write_str(&comparison.dialect.script(&statements))?;
    out.finish()?;
    if args.dry_run {
        eprintln!("dry run: {} statement(s) not applied", statements.len());
        return Ok(Outcome::Clean);
    }
    let (before, after) = comparison.dialect.around_transaction(plan);
    let mut conn = driver_for(url.dialect()).connect(url).await?;
    let result = apply::apply(
        conn.as_mut(),
        &statements,
        comparison.dialect.transactional_ddl(),
        (&before, &after),
    )
    .await;
    conn.close().await;
    result?;
    eprintln!("applied {} statement(s) to {}", statements.len(), url);
    Ok(Outcome::Clean)
}
