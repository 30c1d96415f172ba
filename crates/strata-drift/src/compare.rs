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
/// that turns the target back into the reference. `privileges`: both were
/// read with owners and grants (`--with-privileges`), so grants are compared.
pub fn compare_realm(
    name: &str,
    reference: &Realm,
    mut actual: Realm,
    ignore: &Ignore,
    privileges: bool,
) -> TargetReport {
    ignore.apply(&mut actual);
    let fingerprint = Some(actual.fingerprint());
    let mut wanted = reference.clone();
    if ignore.column_order {
        follow_column_order(&mut wanted, &actual);
    }
    let options = DiffOptions {
        privileges,
        ..DiffOptions::default()
    };
    let result = plan_between(actual.clone(), wanted, &options);
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
    // The diff engine has no ownership changes: owners (read with
    // privileges only, PostgreSQL) are compared here.
    if privileges {
        items.extend(owners(&actual, reference));
    }
    // Where the dialect reorders columns, the plan has the moves already.
    if !ignore.column_order && !comparison.dialect.can_reorder_columns() {
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

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Objects whose owner differs from the reference's (both sides read with
/// privileges; the `owners` ignore rule has removed them otherwise).
fn owners(actual: &Realm, reference: &Realm) -> Vec<Item> {
    let mut out = Vec::new();
    let mut check =
        |kind: &str, keyword: &str, name: String, have: &Option<String>, want: &Option<String>| {
            if let (Some(have), Some(want)) = (have, want)
                && have != want
            {
                out.push(Item {
                    object: format!("{kind} {}", name.replace('"', "")),
                    change: format!("owner {have} instead of {want}"),
                    destructive: None,
                    sql: vec![format!("ALTER {keyword} {name} OWNER TO {}", quote(want))],
                });
            }
        };
    for (schema, want) in &reference.schemas {
        let Some(have) = actual.schemas.get(schema) else {
            continue;
        };
        check("schema", "SCHEMA", quote(schema), &have.owner, &want.owner);
        let qualified = |n: &str| format!("{}.{}", quote(schema), quote(n));
        for (name, t) in &want.tables {
            if let Some(h) = have.tables.get(name) {
                check("table", "TABLE", qualified(name), &h.owner, &t.owner);
            }
        }
        for (name, v) in &want.views {
            if let Some(h) = have.views.get(name) {
                let (kind, keyword) = if v.materialized {
                    ("materialized view", "MATERIALIZED VIEW")
                } else {
                    ("view", "VIEW")
                };
                check(kind, keyword, qualified(name), &h.owner, &v.owner);
            }
        }
        for (name, q) in &want.sequences {
            if let Some(h) = have.sequences.get(name) {
                check("sequence", "SEQUENCE", qualified(name), &h.owner, &q.owner);
            }
        }
        for (name, t) in &want.types {
            if let Some(h) = have.types.get(name) {
                let keyword = match t.kind {
                    strata_model::UserTypeKind::Domain { .. } => "DOMAIN",
                    _ => "TYPE",
                };
                check("type", keyword, qualified(name), &h.owner, &t.owner);
            }
        }
        for (key, r) in &want.routines {
            if let Some(h) = have.routines.get(key) {
                check(
                    "routine",
                    "ROUTINE",
                    format!("{}({})", qualified(&r.name), r.arguments),
                    &h.owner,
                    &r.owner,
                );
            }
        }
    }
    out
}

/// `--ignore column-order`: the reference's tables take the target's
/// order for the columns both have, new columns last, so that a dialect
/// that plans column order (MySQL, SQLite) plans none.
fn follow_column_order(reference: &mut Realm, actual: &Realm) {
    for (schema, s) in reference.schemas.iter_mut() {
        for (name, want) in s.tables.iter_mut() {
            let Some(have) = actual.schemas.get(schema).and_then(|x| x.tables.get(name)) else {
                continue;
            };
            let rank = |c: &strata_model::Column| {
                have.columns
                    .iter()
                    .position(|h| h.name == c.name)
                    .unwrap_or(usize::MAX)
            };
            // A stable sort: columns only the reference has keep their order.
            want.columns.sort_by_key(rank);
        }
    }
}

/// Tables whose shared columns are in another order, for dialects whose
/// plans do not include it (no ALTER reorders columns in PostgreSQL): drift
/// reports it apart, unless the `column-order` rule says not to.
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

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{Column, Dialect, Schema, Server, Table};

    /// One table `t (a, b)`, or `t (b, a)` when `swapped`.
    fn realm(dialect: Dialect, schema: &str, swapped: bool) -> Realm {
        let mut t = Table::new("t");
        t.columns = vec![
            Column::new("a", "integer", true),
            Column::new("b", "integer", true),
        ];
        if swapped {
            t.columns.reverse();
        }
        let mut s = Schema::new(schema);
        s.tables.insert("t".into(), t);
        let mut r = Realm::new(dialect, Server::default());
        r.schemas.insert(schema.into(), s);
        r
    }

    fn changes(dialect: Dialect, schema: &str, rules: &[&str]) -> Vec<String> {
        let rules: Vec<String> = rules.iter().map(|r| r.to_string()).collect();
        let ignore = Ignore::parse(&rules).unwrap();
        let reference = realm(dialect, schema, false);
        let report = compare_realm(
            "x",
            &reference,
            realm(dialect, schema, true),
            &ignore,
            false,
        );
        assert!(report.error.is_none(), "{:?}", report.error);
        report.items.into_iter().map(|i| i.change).collect()
    }

    /// Column order is reported once: by the plan where the dialect can
    /// reorder columns, apart where it cannot, and by neither with
    /// `--ignore column-order`.
    #[test]
    fn column_order_is_reported_once_and_can_be_ignored() {
        assert_eq!(
            changes(Dialect::Postgres, "public", &[]),
            ["column order (b, a) instead of (a, b)"]
        );
        assert_eq!(
            changes(Dialect::Mysql, "db", &[]),
            ["move column b after a"]
        );
        assert_eq!(
            changes(Dialect::Sqlite, "main", &[]),
            ["rebuild table main.t"]
        );
        for (dialect, schema) in [
            (Dialect::Postgres, "public"),
            (Dialect::Mysql, "db"),
            (Dialect::Sqlite, "main"),
        ] {
            assert!(
                changes(dialect, schema, &["column-order"]).is_empty(),
                "{dialect}"
            );
        }
    }
}
