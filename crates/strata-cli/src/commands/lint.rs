//! `strata lint --schema SOURCE`; migration scripts are linted by
//! [`super::lint_migrations`].

use super::{CliError, source_options, source_or_env};
use crate::Outcome;
use crate::cli::{FilterArgs, LintArgs, LintFormat};
use crate::output::Output;
use strata_engine::Source;
use strata_lint::report::{self, Origin};
use strata_lint::schema::{self, LintOptions};

pub async fn run(args: LintArgs) -> Result<Outcome, CliError> {
    let mut out = Output::open(args.output.as_deref())?;
    if args.list_rules {
        for r in schema::RULES {
            let dialects: Vec<&str> = r.info.dialects.iter().map(|d| d.as_str()).collect();
            out.write_str(&format!(
                "{} ({}, {}{}): {}\n  why: {}\n",
                r.info.id,
                r.info.severity.as_str(),
                dialects.join("/"),
                if r.info.opt_in { ", opt-in" } else { "" },
                r.info.summary,
                r.info.rationale
            ))?;
        }
        out.write_str("\nmigration rules (strata lint FILES… | --migrations):\n")?;
        for r in strata_lint::migration::RULES {
            let dialects: Vec<&str> = r.info.dialects.iter().map(|d| d.as_str()).collect();
            out.write_str(&format!(
                "{} ({}, {}): {}\n  why: {}\n",
                r.info.id,
                r.info.severity.as_str(),
                dialects.join("/"),
                r.info.summary,
                r.info.rationale
            ))?;
        }
        out.finish()?;
        return Ok(Outcome::Clean);
    }
    if !args.files.is_empty() || args.migrations.is_some() {
        let outcome = super::lint_migrations::run(&args, &mut out)?;
        out.finish()?;
        return Ok(outcome);
    }
    let Some(text) = args.schema_source.as_deref() else {
        return Err(CliError::usage(
            "strata lint needs FILES…, --migrations [DIR] or --schema SOURCE",
        ));
    };
    let options = LintOptions {
        rules: args.rules.clone(),
        comments: args.comments,
    };
    // Unknown rule names fail before the source is read.
    schema::selected(&options, strata_model::Dialect::Postgres)
        .map_err(|e| CliError::usage(e.to_string()))?;
    let source = source_or_env(Some(text))?;
    let filter = FilterArgs {
        schemas: args.only_schemas.clone(),
        exclude_schemas: args.exclude_schemas.clone(),
        tables: args.tables.clone(),
        exclude_tables: args.exclude_tables.clone(),
    };
    let realm = source
        .resolve(&source_options(&filter, &args.dev, false)?)
        .await?;
    let ran: Vec<strata_lint::RuleInfo> = schema::selected(&options, realm.dialect)
        .map_err(|e| CliError::usage(e.to_string()))?
        .iter()
        .map(|r| r.info)
        .collect();
    let findings = schema::lint(&realm, &options).map_err(|e| CliError::usage(e.to_string()))?;
    let origin = Origin {
        name: match &source {
            // Display masks a password.
            Source::Database(url) => url.to_string(),
            _ => text.to_string(),
        },
        is_file: !matches!(source, Source::Database(_)),
    };
    let body = match args.format {
        LintFormat::Text => report::text(&origin, &findings, &ran),
        LintFormat::Json => report::json(&origin, &findings, &ran),
        LintFormat::Sarif => report::sarif(&origin, &findings, &ran, env!("CARGO_PKG_VERSION")),
    };
    out.write_str(&body)?;
    out.finish()?;
    Ok(if findings.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Found
    })
}
