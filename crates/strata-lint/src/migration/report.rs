//! Migration findings as text (`file:line:col rule message`, the shape
//! editors and CI log parsers understand), JSON and SARIF 2.1.0. The rule
//! descriptors are the ones schema lint's SARIF uses.

use super::Finding;
use crate::report::{sarif_level, sarif_rule, uri};
use crate::{RuleInfo, Severity};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// One line per finding, then the rationale of each rule that fired, then
/// a summary.
pub fn text(findings: &[Finding], rules: &[RuleInfo]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "{}:{}:{} {} {}",
            f.path, f.line, f.column, f.rule, f.message
        );
    }
    let mut fired: Vec<&RuleInfo> = rules
        .iter()
        .filter(|r| findings.iter().any(|f| f.rule == r.id))
        .collect();
    fired.sort_by_key(|r| r.id);
    if !fired.is_empty() {
        out.push('\n');
        for r in fired {
            let _ = writeln!(
                out,
                "{} ({}): {}\n  why: {}",
                r.id,
                r.severity.as_str(),
                r.summary,
                r.rationale
            );
        }
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "\n{} finding(s): {} error(s), {} warning(s), {} note(s)",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
    out
}

/// `{"files": [...], "findings": [...], "rules": [...]}`; each finding has
/// its rule, severity, path, line, column, message and the rule's rationale.
pub fn json(files: &[String], findings: &[Finding], rules: &[RuleInfo]) -> String {
    let rationale = |id: &str| rules.iter().find(|r| r.id == id).map(|r| r.rationale);
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "rationale": rationale(f.rule),
            })
        })
        .collect();
    let doc = json!({
        "files": files,
        "findings": items,
        "rules": rules,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// SARIF 2.1.0: one run, every rule that ran in the driver, one result per
/// finding with its file and region.
pub fn sarif(files: &[String], findings: &[Finding], rules: &[RuleInfo], version: &str) -> String {
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|r| r.id == f.rule),
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.path)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    },
                }],
            })
        })
        .collect();
    let artifacts: Vec<Value> = files
        .iter()
        .map(|p| json!({"location": {"uri": uri(p)}}))
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "strata",
                "version": version,
                "informationUri": "https://example.invalid/strata",
                "rules": rules.iter().map(sarif_rule).collect::<Vec<_>>(),
            }},
            "artifacts": artifacts,
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::super::{LintOptions, ScriptKind, Source, lint, reported_rules};
    use super::*;
    use strata_model::Dialect;

    fn sample() -> (Vec<String>, Vec<Finding>, Vec<RuleInfo>) {
        let source = Source {
            path: "migrations/1_x/up.sql".into(),
            dialect: Dialect::Postgres,
            kind: ScriptKind::File,
        };
        let options = LintOptions::default();
        let findings = lint(
            &source,
            "SET lock_timeout = '1s';\nDROP TABLE users;",
            &options,
        )
        .unwrap();
        let rules = reported_rules(&options, Dialect::Postgres).unwrap();
        (vec![source.path], findings, rules)
    }

    #[test]
    fn text_lines_are_file_line_column_rule_message() {
        let (_, f, r) = sample();
        let out = text(&f, &r);
        assert!(
            out.starts_with(
                "migrations/1_x/up.sql:2:12 drop-table dropping existing table users loses its rows and breaks queries that still use it\n\ndrop-table (warning): "
            ),
            "{out}"
        );
        assert!(
            out.ends_with("1 finding(s): 0 error(s), 1 warning(s), 0 note(s)\n"),
            "{out}"
        );
    }

    #[test]
    fn sarif_has_regions_and_rule_indexes() {
        let (files, f, r) = sample();
        let doc: Value = serde_json::from_str(&sarif(&files, &f, &r, "0.1.0")).unwrap();
        assert_eq!(doc["version"], "2.1.0");
        let run = &doc["runs"][0];
        let result = &run["results"][0];
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "drop-table");
        let loc = &result["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "migrations/1_x/up.sql");
        assert_eq!(loc["region"]["startLine"], 2);
        assert_eq!(loc["region"]["startColumn"], 12);
        assert_eq!(
            run["artifacts"][0]["location"]["uri"],
            "migrations/1_x/up.sql"
        );
    }

    #[test]
    fn json_carries_positions_and_rationale() {
        let (files, f, r) = sample();
        let doc: Value = serde_json::from_str(&json(&files, &f, &r)).unwrap();
        let item = &doc["findings"][0];
        assert_eq!(item["rule"], "drop-table");
        assert_eq!(
            (item["line"].as_u64(), item["column"].as_u64()),
            (Some(2), Some(12))
        );
        assert!(item["rationale"].as_str().unwrap().starts_with("Its rows"));
    }
}
