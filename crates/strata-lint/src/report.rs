//! Findings as text (for people), JSON (stable, for scripts) and SARIF
//! 2.1.0 (for code-scanning dashboards).

use crate::{Finding, RuleInfo, Severity};
use serde_json::{Value, json};
use std::fmt::Write as _;

/// What was linted, named in reports: a file path or a (masked) URL.
#[derive(Debug, Clone)]
pub struct Origin {
    /// How the source is named in reports (a URL's password is masked).
    pub name: String,
    /// A file: SARIF gets an artifact location.
    pub is_file: bool,
}

/// Text for a terminal: one line per finding with its location, then the
/// rationale of each rule that fired, then a summary.
pub fn text(origin: &Origin, findings: &[Finding], rules: &[RuleInfo]) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(
            out,
            "{}: {}: {}[{}] {}",
            origin.name,
            f.location.display(),
            f.severity.as_str(),
            f.rule,
            f.message
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
            let _ = writeln!(out, "{}: {}\n  why: {}", r.id, r.summary, r.rationale);
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

/// JSON: `{"source", "findings": [...], "rules": [...]}`, each finding with
/// its rule id, severity, location, message and the rule's rationale.
pub fn json(origin: &Origin, findings: &[Finding], rules: &[RuleInfo]) -> String {
    let rationale = |id: &str| rules.iter().find(|r| r.id == id).map(|r| r.rationale);
    let items: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "location": f.location,
                "object": f.location.display(),
                "message": f.message,
                "rationale": rationale(f.rule),
            })
        })
        .collect();
    let doc = json!({
        "source": origin.name,
        "findings": items,
        "rules": rules,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// SARIF 2.1.0, one run with every rule that ran in the tool's driver.
pub fn sarif(origin: &Origin, findings: &[Finding], rules: &[RuleInfo], version: &str) -> String {
    let level = sarif_level;
    let rule_defs: Vec<Value> = rules.iter().map(sarif_rule).collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut location = json!({
                "logicalLocations": [{
                    "fullyQualifiedName": f.location.qualified(),
                    "kind": f.location.kind(),
                }],
                "message": {"text": f.location.display()},
            });
            if origin.is_file {
                location["physicalLocation"] =
                    json!({"artifactLocation": {"uri": uri(&origin.name)}});
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|r| r.id == f.rule),
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [location],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "strata",
                "version": version,
                "informationUri": "https://example.invalid/strata",
                "rules": rule_defs,
            }},
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule's SARIF `reportingDescriptor` (shared with migration lint).
pub(crate) fn sarif_rule(r: &RuleInfo) -> Value {
    json!({
        "id": r.id,
        "name": r.id,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.rationale},
        "help": {"text": r.rationale},
        "defaultConfiguration": {"level": sarif_level(r.severity)},
        "properties": {"dialects": r.dialects.iter().map(|d| d.as_str()).collect::<Vec<_>>()},
    })
}

/// SARIF's name for a severity.
pub(crate) fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative URI reference for a path (forward slashes, spaces escaped).
pub(crate) fn uri(path: &str) -> String {
    path.replace('\\', "/").replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Location;

    fn sample() -> (Vec<Finding>, Vec<RuleInfo>) {
        let rule = crate::schema::RULES[0].info;
        let f = Finding {
            rule: rule.id,
            severity: rule.severity,
            location: Location::table("main", "log"),
            message: "table log has no primary key".into(),
        };
        (vec![f], vec![rule])
    }

    #[test]
    fn text_names_origin_location_rule_and_rationale() {
        let (f, r) = sample();
        let origin = Origin {
            name: "app.db".into(),
            is_file: true,
        };
        let out = text(&origin, &f, &r);
        assert!(out.starts_with(
            "app.db: main.log: warning[table-without-primary-key] table log has no primary key\n"
        ));
        assert!(out.contains("  why: Without a primary key"));
        assert!(out.ends_with("1 finding(s): 0 error(s), 1 warning(s), 0 note(s)\n"));
    }

    #[test]
    fn sarif_has_the_required_shape() {
        let (f, r) = sample();
        let origin = Origin {
            name: "schema dir/app.db".into(),
            is_file: true,
        };
        let doc: Value = serde_json::from_str(&sarif(&origin, &f, &r, "0.1.0")).unwrap();
        assert_eq!(doc["version"], "2.1.0");
        let run = &doc["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "strata");
        assert_eq!(
            run["tool"]["driver"]["rules"][0]["id"],
            "table-without-primary-key"
        );
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "table-without-primary-key");
        assert_eq!(result["ruleIndex"], 0);
        assert_eq!(result["level"], "warning");
        assert_eq!(result["message"]["text"], "table log has no primary key");
        assert_eq!(
            result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
            "main.log"
        );
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "schema%20dir/app.db"
        );
    }

    #[test]
    fn json_carries_rationale() {
        let (f, r) = sample();
        let origin = Origin {
            name: "x".into(),
            is_file: false,
        };
        let doc: Value = serde_json::from_str(&json(&origin, &f, &r)).unwrap();
        assert_eq!(doc["findings"][0]["rule"], "table-without-primary-key");
        assert!(
            doc["findings"][0]["rationale"]
                .as_str()
                .unwrap()
                .starts_with("Without")
        );
        assert_eq!(doc["findings"][0]["location"]["object"], "log");
    }
}
