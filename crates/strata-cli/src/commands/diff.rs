//! `strata diff FROM TO`.

use super::{CliError, diff_options, source_options};
use crate::Outcome;
use crate::cli::{DiffArgs, DiffFormat};
use crate::output::{Output, plan as plan_output};
use strata_engine::{Source, compare};

pub async fn run(args: DiffArgs) -> Result<Outcome, CliError> {
    let from = Source::parse(&args.from)?;
    let to = Source::parse(&args.to)?;
    let options = source_options(&args.filter, &args.dev, args.plan.with_privileges)?;
    let comparison = compare(&from, &to, &options, &diff_options(&args.plan)?).await?;
    let plan = &comparison.plan;
    if plan.is_empty() {
        if args.format == DiffFormat::Json {
            let mut out = Output::open(args.output.as_deref())?;
            out.write_str(&plan_output::json(&comparison))?;
            out.finish()?;
        }
        return Ok(Outcome::Clean);
    }
    plan_output::refuse_destructive(plan, args.plan.allow_unsafe)?;
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        DiffFormat::Sql => {
            let statements = plan.render(comparison.dialect)?;
            out.write_str(&comparison.dialect.script(&statements))?;
        }
        DiffFormat::Json => out.write_str(&plan_output::json(&comparison))?,
        DiffFormat::Text => out.write_str(&plan_output::text(plan))?,
    }
    out.finish()?;
    Ok(Outcome::Found)
}
