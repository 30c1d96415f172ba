//! `strata inspect`.

use super::{CliError, source_options, source_or_env};
use crate::Outcome;
use crate::cli::{InspectArgs, InspectFormat};
use crate::output::{self, Output};

pub async fn run(args: InspectArgs) -> Result<Outcome, CliError> {
    if args.print_catalog_queries {
        let options = source_options(&args.filter, &args.dev, false)?;
        let dialect = options.dialect.unwrap_or(strata_model::Dialect::Postgres);
        let mut out = Output::open(args.output.as_deref())?;
        out.write_str(&strata_engine::driver_for(dialect).catalog_sql())?;
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    let source = source_or_env(args.source.as_deref())?;
    let options = source_options(&args.filter, &args.dev, args.with_privileges)?;
    let realm = source.resolve(&options).await?;
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        InspectFormat::Json => out.write_str(&realm.to_json())?,
        InspectFormat::Text => output::text::write_realm(&mut out, &realm)?,
        InspectFormat::Mermaid | InspectFormat::Dot => {
            out.write_str(&super::docs::diagram(&realm, &args)?)?
        }
        InspectFormat::Markdown => out.write_str(&strata_docs::markdown::single_page(
            &realm,
            &strata_docs::Notes::default(),
        ))?,
        InspectFormat::Sql => {
            let dialect = strata_engine::sql_for(realm.dialect);
            let statements = strata_diff::create_script(&realm, dialect)?;
            out.write_str(&dialect.script(&statements))?;
        }
    }
    out.finish()?;
    Ok(Outcome::Clean)
}
