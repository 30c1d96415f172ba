//! Schema lint: structural problems of a schema as it is.
//!
//! Each rule is a file here with its [`RuleInfo`] and a check over the
//! realm; [`RULES`] lists them all. Rules never look at SQL text: they read
//! the model, so they work the same on every dialect and on snapshots.

mod duplicate_index;
mod foreign_key_type_mismatch;
mod foreign_key_without_index;
mod inconsistent_naming;
mod missing_comment;
mod nullable_unique_column;
mod redundant_index;
mod table_without_primary_key;
mod unconstrained_id_column;

#[cfg(test)]
pub(crate) mod testing;

use crate::{Finding, Location, RuleInfo};
use strata_model::{IndexKey, Realm, Table};

/// A schema lint rule.
pub struct Rule {
    /// What the rule is.
    pub info: RuleInfo,
    check: fn(&Realm, &mut Vec<Finding>),
}

impl Rule {
    /// The rule's findings on a realm, whatever its dialect.
    pub fn check(&self, realm: &Realm) -> Vec<Finding> {
        let mut out = Vec::new();
        (self.check)(realm, &mut out);
        out
    }

    fn finding(&self, location: Location, message: String) -> Finding {
        Finding {
            rule: self.info.id,
            severity: self.info.severity,
            location,
            message,
        }
    }
}

/// Every schema rule, in the order reports list them.
pub static RULES: &[&Rule] = &[
    &table_without_primary_key::RULE,
    &foreign_key_without_index::RULE,
    &duplicate_index::RULE,
    &redundant_index::RULE,
    &unconstrained_id_column::RULE,
    &foreign_key_type_mismatch::RULE,
    &nullable_unique_column::RULE,
    &inconsistent_naming::RULE,
    &missing_comment::RULE,
];

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Only these rule ids (`--rule`, repeatable). Empty: every rule that
    /// is not opt-in.
    pub rules: Vec<String>,
    /// Also report missing comments (`--comments`).
    pub comments: bool,
}

/// A rule id that does not exist.
#[derive(Debug, thiserror::Error)]
#[error("unknown lint rule '{id}' (rules: {known})")]
pub struct UnknownRule {
    /// The id given.
    pub id: String,
    /// The ids that exist, for the message.
    pub known: String,
}

/// The rules `options` select for a dialect.
pub fn selected(
    options: &LintOptions,
    dialect: strata_model::Dialect,
) -> Result<Vec<&'static Rule>, UnknownRule> {
    for id in &options.rules {
        if !RULES.iter().any(|r| r.info.id == id) {
            return Err(UnknownRule {
                id: id.clone(),
                known: RULES
                    .iter()
                    .map(|r| r.info.id)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(RULES
        .iter()
        .copied()
        .filter(|r| r.info.dialects.contains(&dialect))
        .filter(|r| {
            if options.rules.is_empty() {
                !r.info.opt_in || (options.comments && r.info.id == missing_comment::RULE.info.id)
            } else {
                options.rules.iter().any(|id| id == r.info.id)
                    || (options.comments && r.info.id == missing_comment::RULE.info.id)
            }
        })
        .collect())
}

/// Runs the selected rules. Findings come sorted by location, then rule.
pub fn lint(realm: &Realm, options: &LintOptions) -> Result<Vec<Finding>, UnknownRule> {
    let mut findings = Vec::new();
    for rule in selected(options, realm.dialect)? {
        (rule.check)(realm, &mut findings);
    }
    findings.sort_by(|a, b| {
        (
            &a.location.schema,
            &a.location.object,
            &a.location.part,
            a.rule,
        )
            .cmp(&(
                &b.location.schema,
                &b.location.object,
                &b.location.part,
                b.rule,
            ))
    });
    Ok(findings)
}

/// Every table with its schema's name.
fn tables(realm: &Realm) -> impl Iterator<Item = (&str, &Table)> {
    realm
        .schemas
        .iter()
        .flat_map(|(s, schema)| schema.tables.values().map(move |t| (s.as_str(), t)))
}

/// What enforces a key or serves lookups: the primary key, unique
/// constraints and indexes, seen alike.
#[derive(Debug, Clone)]
struct Key {
    name: String,
    /// The implementation of a constraint (dropping it means dropping the constraint).
    constraint: bool,
    unique: bool,
    /// Key parts as comparable text: a column name, or `(expression)`.
    parts: Vec<String>,
    /// A partial index, an access method or INCLUDE columns make two keys
    /// with the same parts serve different purposes.
    qualifier: String,
}

fn keys(table: &Table) -> Vec<Key> {
    let mut out = Vec::new();
    if let Some(pk) = &table.primary_key {
        out.push(Key {
            name: pk.name.clone().unwrap_or_else(|| "primary key".to_string()),
            constraint: true,
            unique: true,
            parts: pk.columns.clone(),
            qualifier: String::new(),
        });
    }
    for u in &table.uniques {
        out.push(Key {
            name: u
                .name
                .clone()
                .unwrap_or_else(|| format!("unique ({})", u.columns.join(", "))),
            constraint: true,
            unique: true,
            parts: u.columns.clone(),
            qualifier: format!("include={:?} nnd={}", u.include, u.nulls_not_distinct),
        });
    }
    for i in table.indexes.values() {
        let parts = i
            .parts
            .iter()
            .map(|p| {
                let mut k = match &p.key {
                    IndexKey::Column(c) => c.clone(),
                    IndexKey::Expression(e) => format!("({e})"),
                };
                if p.descending {
                    k.push_str(" DESC");
                }
                if let Some(op) = &p.opclass {
                    k.push_str(&format!(" {op}"));
                }
                if let Some(len) = p.prefix_length {
                    k.push_str(&format!("({len})"));
                }
                k
            })
            .collect();
        out.push(Key {
            name: i.name.clone(),
            constraint: false,
            unique: i.unique,
            parts,
            qualifier: format!(
                "method={:?} where={:?} include={:?} nnd={}",
                i.method
                    .as_deref()
                    .map(str::to_lowercase)
                    .filter(|m| m != "btree"),
                i.predicate,
                i.include,
                i.nulls_not_distinct
            ),
        });
    }
    out
}

/// A list of names for messages: `a, b, c`.
fn list(names: &[String]) -> String {
    names.join(", ")
}
