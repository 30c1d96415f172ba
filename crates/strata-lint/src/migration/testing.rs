//! Running one rule on a script, for the rules' message tests.

use super::{LintOptions, Rule, ScriptKind, Source, lint};
use strata_model::Dialect;

/// `line:column message` for each finding of `rule` in a plain file.
pub fn check(rule: &Rule, dialect: Dialect, sql: &str) -> Vec<String> {
    run(rule, dialect, ScriptKind::File, sql)
}

/// The same for a revision's up script.
pub fn check_revision(
    rule: &Rule,
    dialect: Dialect,
    no_transaction: bool,
    sql: &str,
) -> Vec<String> {
    run(rule, dialect, ScriptKind::Revision { no_transaction }, sql)
}

fn run(rule: &Rule, dialect: Dialect, kind: ScriptKind, sql: &str) -> Vec<String> {
    let source = Source {
        path: "m.sql".into(),
        dialect,
        kind,
    };
    let options = LintOptions {
        rules: vec![rule.info.id.to_string()],
    };
    lint(&source, sql, &options)
        .expect("the rule exists")
        .into_iter()
        .map(|f| format!("{}:{} {}", f.line, f.column, f.message))
        .collect()
}
