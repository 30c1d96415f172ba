//! Plans for people (`--format text`) and machines (`--format json`).

use crate::commands::CliError;
use anstyle::AnsiColor;
use serde_json::json;
use std::fmt::Write as _;
use strata_diff::plan::describe;
use strata_diff::{Change, Plan};
use strata_engine::Comparison;
use strata_engine::EngineError;
use strata_model::change::Effect;

/// Refuses a plan with destructive steps unless `--unsafe` was given,
/// listing exactly what was held back.
pub fn refuse_destructive(plan: &Plan, allow: bool) -> Result<(), CliError> {
    if allow {
        return Ok(());
    }
    let held: Vec<String> = plan
        .destructive()
        .filter_map(|s| s.destructive.clone())
        .collect();
    if held.is_empty() {
        return Ok(());
    }
    Err(CliError::Engine(EngineError::Usage(format!(
        "refusing {} destructive change(s) without --unsafe: {}",
        held.len(),
        held.join("; ")
    ))))
}

/// The JSON report: stable and documented in the README.
pub fn json(c: &Comparison) -> String {
    let value = json!({
        "format_version": strata_model::FORMAT_VERSION,
        "dialect": c.from.dialect,
        "from_fingerprint": c.from.fingerprint(),
        "to_fingerprint": c.to.fingerprint(),
        "destructive": c.plan.destructive().count(),
        "changes": c.plan.steps,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// `+` creates, `-` drops, `~` alterations; destructive steps say why.
pub fn text(plan: &Plan) -> String {
    let green = AnsiColor::Green.on_default();
    let red = AnsiColor::Red.on_default();
    let yellow = AnsiColor::Yellow.on_default();
    let mut s = String::new();
    for step in &plan.steps {
        let (mark, style) = match sign(&step.change) {
            '+' => ('+', green),
            '-' => ('-', red),
            c => (c, yellow),
        };
        let _ = write!(s, "{style}{mark} {}{style:#}", describe(&step.change));
        if let Some(why) = &step.destructive {
            let _ = write!(s, "  {red}(destructive: {why}){red:#}");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "{} change(s), {} destructive",
        plan.steps.len(),
        plan.destructive().count()
    );
    s
}

fn sign(change: &Change) -> char {
    match change.effect() {
        Effect::Create => '+',
        Effect::Drop => '-',
        Effect::Alter => '~',
    }
}
