//! `strata test`: migration validation with a text and a JUnit report.

use super::CliError;
use super::migrate::Context as MigrateContext;
use crate::Outcome;
use crate::cli::TestArgs;
use std::fmt::Write as _;
use strata_engine::Source;
use strata_engine::validate::{self, Report};

pub async fn run(args: TestArgs) -> Result<Outcome, CliError> {
    let cx = MigrateContext::new(&args.common)?;
    let graph = cx.graph()?;
    let desired = match args
        .schema
        .or_else(|| cx.config.schema.as_ref().map(|p| p.display().to_string()))
    {
        Some(s) => Some(Source::parse(&s)?),
        None => None,
    };
    let report = validate::validate(validate::Plan {
        graph: &graph,
        dialect: cx.dialect()?,
        options: &cx.sources,
        desired,
    })
    .await?;
    print!("{}", text(&report));
    if let Some(path) = &args.junit {
        std::fs::write(path, junit(&report)).map_err(|source| CliError::Io {
            context: format!("writing {}", path.display()),
            source,
        })?;
    }
    // A failed check is a finding (exit 1), named by check and revision on
    // stderr as well as in the report; errors (an unreachable dev database,
    // an unreadable directory) stay errors (exit 2).
    if report.failed() > 0 {
        let failed: Vec<String> = report
            .checks
            .iter()
            .filter(|c| c.failure.is_some())
            .map(label)
            .collect();
        eprintln!("{} check(s) failed: {}", failed.len(), failed.join(", "));
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Clean)
}

fn label(c: &validate::Check) -> String {
    match &c.revision {
        Some(r) => format!("{} {r}", c.name),
        None => c.name.clone(),
    }
}

fn text(report: &Report) -> String {
    let mut s = String::new();
    for c in &report.checks {
        match &c.failure {
            None => {
                let _ = writeln!(s, "ok    {} ({} ms)", label(c), c.duration.as_millis());
            }
            Some(f) => {
                let _ = writeln!(s, "FAIL  {}: {f}", label(c));
            }
        }
    }
    let mut slow = report.timings.clone();
    slow.sort_by_key(|t| std::cmp::Reverse(t.1 + t.2));
    if !slow.is_empty() {
        let _ = writeln!(s, "slowest revisions (up + down):");
        for (id, up, down) in slow.iter().take(3) {
            let _ = writeln!(
                s,
                "  {id}: up {} ms, down {} ms",
                up.as_millis(),
                down.as_millis()
            );
        }
    }
    let _ = writeln!(
        s,
        "{} check(s), {} failed",
        report.checks.len(),
        report.failed()
    );
    s
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// JUnit XML as CI systems read it: one test case per check.
fn junit(report: &Report) -> String {
    let total: f64 = report.checks.iter().map(|c| c.duration.as_secs_f64()).sum();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"strata test\" tests=\"{}\" failures=\"{}\" time=\"{total:.3}\">",
        report.checks.len(),
        report.failed()
    );
    let _ = writeln!(
        s,
        "  <testsuite name=\"migrations\" tests=\"{}\" failures=\"{}\" time=\"{total:.3}\">",
        report.checks.len(),
        report.failed()
    );
    for c in &report.checks {
        let _ = write!(
            s,
            "    <testcase classname=\"strata.{}\" name=\"{}\" time=\"{:.3}\"",
            escape(&c.name),
            escape(&label(c)),
            c.duration.as_secs_f64()
        );
        match &c.failure {
            None => s.push_str("/>\n"),
            Some(f) => {
                let _ = writeln!(
                    s,
                    ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                    escape(f),
                    escape(f)
                );
            }
        }
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}
