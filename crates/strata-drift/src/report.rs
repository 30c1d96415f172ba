//! What a drift run found, and its formats: text, JSON (stable, the audit
//! log and webhook payload too), Markdown, JUnit.

use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Clean,
    Drift,
    Error,
}

/// One drifted object in one target.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// `table public.users`, `view public.v`, `column order of table public.t`…
    pub object: String,
    /// What differs, as a change that would reconcile it.
    pub change: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destructive: Option<String>,
    /// The SQL that brings the target back to the reference.
    pub sql: Vec<String>,
}

/// One target's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct TargetReport {
    /// Environment name, URL without password, or `URL#schema` for a tenant.
    pub name: String,
    pub status: Status,
    /// Fingerprint of the target's normalised schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reference {
    pub name: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub targets: usize,
    pub clean: usize,
    pub drift: usize,
    pub error: usize,
}

/// A whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format_version: u32,
    /// RFC 3339, UTC.
    pub time: String,
    pub reference: Reference,
    pub targets: Vec<TargetReport>,
    pub summary: Summary,
}

impl Report {
    pub fn new(reference: Reference, mut targets: Vec<TargetReport>) -> Report {
        targets.sort_by(|a, b| a.name.cmp(&b.name));
        let count = |s: Status| targets.iter().filter(|t| t.status == s).count();
        let summary = Summary {
            targets: targets.len(),
            clean: count(Status::Clean),
            drift: count(Status::Drift),
            error: count(Status::Error),
        };
        Report {
            format_version: 1,
            time: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
            reference,
            targets,
            summary,
        }
    }

    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// One line of JSON, for the audit log.
    pub fn json_line(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "reference: {}", self.reference.name);
        for t in &self.targets {
            match t.status {
                Status::Clean => {
                    let _ = writeln!(s, "clean  {}", t.name);
                }
                Status::Error => {
                    let _ = writeln!(s, "ERROR  {}: {}", t.name, t.error.as_deref().unwrap_or(""));
                }
                Status::Drift => {
                    let _ = writeln!(s, "DRIFT  {} ({} object(s))", t.name, t.items.len());
                    for item in &t.items {
                        let _ = writeln!(s, "  {}: {}", item.object, item.change);
                        if let Some(why) = &item.destructive {
                            let _ = writeln!(s, "    (destructive: {why})");
                        }
                        for sql in &item.sql {
                            for line in sql.lines() {
                                let _ = writeln!(s, "    {line}");
                            }
                        }
                    }
                }
            }
        }
        let _ = writeln!(
            s,
            "{} target(s): {} clean, {} drifted, {} error(s)",
            self.summary.targets, self.summary.clean, self.summary.drift, self.summary.error
        );
        s
    }

    pub fn markdown(&self) -> String {
        let mut s = format!(
            "# Schema drift\n\nReference: `{}` (fingerprint `{}`), {}\n\n",
            self.reference.name, self.reference.fingerprint, self.time
        );
        s.push_str("| target | status | objects |\n|---|---|---|\n");
        for t in &self.targets {
            let status = match t.status {
                Status::Clean => "clean",
                Status::Drift => "**drift**",
                Status::Error => "**error**",
            };
            let _ = writeln!(s, "| `{}` | {status} | {} |", t.name, t.items.len());
        }
        for t in self.targets.iter().filter(|t| t.status != Status::Clean) {
            let _ = writeln!(s, "\n## `{}`\n", t.name);
            if let Some(e) = &t.error {
                let _ = writeln!(s, "Error: {e}");
            }
            for item in &t.items {
                let _ = writeln!(s, "- **{}**: {}", item.object, item.change);
                if !item.sql.is_empty() {
                    let _ = writeln!(s, "\n  ```sql\n  {};\n  ```", item.sql.join(";\n  "));
                }
            }
        }
        s
    }

    /// One test case per target: drift and errors are failures.
    pub fn junit(&self) -> String {
        let failures = self.summary.drift + self.summary.error;
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            "<testsuites name=\"strata drift\" tests=\"{}\" failures=\"{failures}\">",
            self.summary.targets
        );
        let _ = writeln!(
            s,
            "  <testsuite name=\"drift against {}\" tests=\"{}\" failures=\"{failures}\">",
            escape(&self.reference.name),
            self.summary.targets
        );
        for t in &self.targets {
            let _ = write!(
                s,
                "    <testcase classname=\"strata.drift\" name=\"{}\"",
                escape(&t.name)
            );
            let message = match t.status {
                Status::Clean => {
                    s.push_str("/>\n");
                    continue;
                }
                Status::Error => t.error.clone().unwrap_or_default(),
                Status::Drift => format!("{} drifted object(s)", t.items.len()),
            };
            let body: Vec<String> = t
                .items
                .iter()
                .map(|i| format!("{}: {}", i.object, i.change))
                .collect();
            let _ = writeln!(
                s,
                ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                escape(&message),
                escape(&body.join("\n"))
            );
        }
        s.push_str("  </testsuite>\n</testsuites>\n");
        s
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
