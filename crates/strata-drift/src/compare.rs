//! One target against the reference.

use crate::ignore::Ignore;
use crate::report::{Item, Status, TargetReport};
use strata_diff::plan::{describe, summary};
use strata_diff::{Change, DiffOptions};
use strata_driver::DatabaseUrl;
use strata_engine::EngineError;
use strata_engine::compare::plan_between;
use strata_model::Realm;

/// Something to check: a database, or one tenant schema in it.
#[derive(Debug, Clone)]
pub struct Target {
    /// How reports name it (never with a password).
    pub name: String,
    pub url: DatabaseUrl,
    /// For schema-per-tenant fleets: the schema that is this target.
    pub schema: Option<String>,
}

/// A target's outcome before it becomes part of a report.
pub type TargetResult = Result<Realm, EngineError>;

/// Compares a target's realm with the reference (both already normalised by
/// the same ignore rules) and reports every drifted object with the SQL
/// that turns the target back into the reference.
pub fn compare_realm(
    name: &str,
    reference: &Realm,
    mut actual: Realm,
    ignore: &Ignore,
) -> TargetReport {
    ignore.apply(&mut actual);
    let fingerprint = Some(actual.fingerprint());
    let result = plan_between(actual.clone(), reference.clone(), &DiffOptions::default());
    let comparison = match result {
        Ok(c) => c,
        Err(e) => {
            return TargetReport {
                name: name.to_string(),
                status: Status::Error,
                fingerprint,
                items: Vec::new(),
                error: Some(e.to_string()),
            };
        }
    };
    let mut items = Vec::new();
    for step in &comparison.plan.steps {
        let sql = comparison
            .dialect
            .render(&step.change)
            .unwrap_or_else(|e| vec![format!("-- cannot be expressed in SQL: {e}")]);
        let head = describe(&step.change);
        let full = summary(&step.change);
        items.push(Item {
            object: object(&step.change),
            // For an alteration, the operations; otherwise the change itself.
            change: full
                .strip_prefix(&format!("{head}: "))
                .map(str::to_string)
                .unwrap_or(full),
            destructive: step.destructive.clone(),
            sql,
        });
    }
    if !ignore.column_order {
        items.extend(column_order(&actual, reference));
    }
    TargetReport {
        name: name.to_string(),
        status: if items.is_empty() {
            Status::Clean
        } else {
            Status::Drift
        },
        fingerprint,
        items,
        error: None,
    }
}

/// The object a change is about, for the report's first column.
fn object(change: &Change) -> String {
    let d = describe(change);
    // "alter table public.users" -> "table public.users"
    for verb in [
        "create ", "drop ", "alter ", "replace ", "rebuild ", "rename ",
    ] {
        if let Some(rest) = d.strip_prefix(verb) {
            return rest.split(" to ").next().unwrap_or(rest).to_string();
        }
    }
    d
}

/// Tables whose shared columns are in another order. The differ does not
/// report this (no ALTER reorders columns in PostgreSQL), but drift does,
/// unless the `column-order` rule says not to.
fn column_order(actual: &Realm, reference: &Realm) -> Vec<Item> {
    let mut out = Vec::new();
    for (schema, s) in &reference.schemas {
        for (name, want) in &s.tables {
            let Some(have) = actual.schemas.get(schema).and_then(|x| x.tables.get(name)) else {
                continue;
            };
            let shared = |t: &strata_model::Table, other: &strata_model::Table| -> Vec<String> {
                t.columns
                    .iter()
                    .filter(|c| other.column(&c.name).is_some())
                    .map(|c| c.name.clone())
                    .collect()
            };
            let (a, b) = (shared(have, want), shared(want, have));
            if a != b {
                out.push(Item {
                    object: format!("table {schema}.{name}"),
                    change: format!("column order ({}) instead of ({})", a.join(", "), b.join(", ")),
                    destructive: None,
                    sql: vec!["-- reordering columns needs a table rebuild; ignore with --ignore column-order".into()],
                });
            }
        }
    }
    out
}
