//! char(n) columns.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::DataType;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "char-column",
        summary: "a column is char(n) / character(n)",
        rationale: "char(n) pads values with spaces to n characters, and comparisons and \
                    length() treat the padding inconsistently; it is no faster than text in \
                    PostgreSQL. Use text (with a CHECK on the length if one matters) or \
                    varchar(n).",
        dialects: &[Dialect::Postgres],
        severity: Severity::Note,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, _cx: &Context, out: &mut Vec<Hit>) {
    for site in sql::columns(s) {
        if matches!(
            site.def.data_type,
            DataType::Char(_) | DataType::Character(_)
        ) {
            out.push(Hit::new(
                s.at(site.def.name.span),
                format!(
                    "column {} of table {} is char(n), which pads with spaces; use text or varchar",
                    site.def.name.value, site.table.value
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            check(
                &RULE,
                Dialect::Postgres,
                "ALTER TABLE users ADD COLUMN country character(2);"
            ),
            [
                "1:30 column country of table users is char(n), which pads with spaces; use text or varchar"
            ]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE users (country varchar(2), name text)"
            )
            .is_empty()
        );
    }
}
