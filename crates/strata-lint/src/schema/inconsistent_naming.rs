//! Names that break the schema's own conventions: a case style different
//! from the one most names use, or plural table names among singular ones
//! (or the reverse).

use super::{Rule, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "inconsistent-naming",
        summary: "a name breaks the convention most names follow",
        rationale: "When most tables are `order_item` and one is `OrderLine`, or most are singular \
                    and one is plural, people and generated code have to remember exceptions, and \
                    case-sensitive identifiers need quoting in some places and not others. Rename \
                    the odd ones out to the convention the rest of the schema follows.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Note,
        opt_in: false,
    },
    check,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Snake,
    Camel,
    Pascal,
    Upper,
}

impl Style {
    fn describe(self) -> &'static str {
        match self {
            Style::Snake => "snake_case",
            Style::Camel => "camelCase",
            Style::Pascal => "PascalCase",
            Style::Upper => "UPPER_CASE",
        }
    }
}

const STYLES: [Style; 4] = [Style::Snake, Style::Camel, Style::Pascal, Style::Upper];

/// The styles a name fits (`film` fits snake_case and camelCase).
fn fits(name: &str) -> Vec<Style> {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return STYLES.to_vec();
    }
    let has_upper = letters.iter().any(|c| c.is_uppercase());
    let has_lower = letters.iter().any(|c| c.is_lowercase());
    let underscore = name.contains('_');
    let first_upper = name
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    match (has_upper, has_lower, underscore) {
        (false, true, true) => vec![Style::Snake],
        (false, true, false) => vec![Style::Snake, Style::Camel],
        (true, false, _) => vec![Style::Upper],
        (true, true, false) if first_upper => vec![Style::Pascal],
        (true, true, false) => vec![Style::Camel],
        _ => Vec::new(),
    }
}

/// The style most names fit, if any name fits one.
fn dominant(names: &[&str]) -> Option<Style> {
    let fit: Vec<Vec<Style>> = names.iter().map(|n| fits(n)).collect();
    STYLES
        .iter()
        .copied()
        .map(|s| (s, fit.iter().filter(|f| f.contains(&s)).count()))
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(STYLES.iter().position(|x| *x == s))))
        .map(|(s, _)| s)
}

/// The last word of a name (`film_actors` -> `actors`, `OrderLines` -> `Lines`).
fn last_word(name: &str) -> &str {
    let after_underscore = name.rsplit('_').next().unwrap_or(name);
    let start = after_underscore
        .char_indices()
        .rev()
        .find(|(i, c)| *i > 0 && c.is_uppercase())
        .map(|(i, _)| i)
        .unwrap_or(0);
    &after_underscore[start..]
}

/// Plural by the common English endings; `status`, `address`, `analysis` are not.
fn is_plural(name: &str) -> bool {
    let w = last_word(name).to_ascii_lowercase();
    w.len() > 2
        && w.ends_with('s')
        && !["ss", "us", "is", "os", "as"]
            .iter()
            .any(|e| w.ends_with(e))
}

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    let all: Vec<(&str, &strata_model::Table)> = tables(realm).collect();
    let table_names: Vec<&str> = all.iter().map(|(_, t)| t.name.as_str()).collect();
    if let Some(style) = dominant(&table_names) {
        for (schema, t) in &all {
            if !fits(&t.name).contains(&style) {
                out.push(RULE.finding(
                    Location::table(schema, &t.name),
                    format!(
                        "table name {} is not {} like most table names",
                        t.name,
                        style.describe()
                    ),
                ));
            }
        }
    }
    let column_names: Vec<&str> = all
        .iter()
        .flat_map(|(_, t)| t.columns.iter().map(|c| c.name.as_str()))
        .collect();
    if let Some(style) = dominant(&column_names) {
        for (schema, t) in &all {
            for c in &t.columns {
                if !fits(&c.name).contains(&style) {
                    out.push(RULE.finding(
                        Location::table(schema, &t.name).with(Part::Column(c.name.clone())),
                        format!(
                            "column name {} is not {} like most column names",
                            c.name,
                            style.describe()
                        ),
                    ));
                }
            }
        }
    }
    let plural = all.iter().filter(|(_, t)| is_plural(&t.name)).count();
    let singular = all.len() - plural;
    if plural > 0 && singular > 0 && plural != singular {
        let (minority_plural, most) = if plural < singular {
            (true, "singular")
        } else {
            (false, "plural")
        };
        for (schema, t) in &all {
            if is_plural(&t.name) == minority_plural {
                out.push(RULE.finding(
                    Location::table(schema, &t.name),
                    format!(
                        "table name {} is {} but most table names are {most}",
                        t.name,
                        if minority_plural {
                            "plural"
                        } else {
                            "singular"
                        }
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn styles_and_plurals() {
        assert_eq!(fits("film_actor"), vec![Style::Snake]);
        assert_eq!(fits("film"), vec![Style::Snake, Style::Camel]);
        assert_eq!(fits("PlaylistTrack"), vec![Style::Pascal]);
        assert_eq!(fits("ORDERS"), vec![Style::Upper]);
        assert!(fits("Film_Actor").is_empty());
        assert!(is_plural("film_actors"));
        assert!(is_plural("OrderLines"));
        assert!(!is_plural("address"));
        assert!(!is_plural("status"));
        assert!(!is_plural("payment_p2022_01"));
    }

    #[test]
    fn message() {
        let realm = realm(
            Dialect::Postgres,
            vec![
                table(
                    "customer",
                    &[("id", "int", false), ("FirstName", "text", false)],
                ),
                table("film_actor", &[("film_id", "int", false)]),
                table("OrderLine", &[("id", "int", false)]),
                table("payments", &[("amount", "int", false)]),
            ],
        );
        assert_eq!(
            messages(&RULE, &realm),
            [
                "app.OrderLine: table name OrderLine is not snake_case like most table names",
                "app.customer.FirstName: column name FirstName is not snake_case like most column names",
                "app.payments: table name payments is plural but most table names are singular",
            ]
        );
    }
}
