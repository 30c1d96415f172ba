//! ADD COLUMN … FIRST / AFTER (MySQL).

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "mysql-column-position",
        summary: "a column is added with FIRST or AFTER (MySQL)",
        rationale: "MySQL 8.0.29+ and MariaDB 10.4+ add a column anywhere instantly, but earlier \
                    versions (MySQL 8.0.12–8.0.28 add only a last column instantly) rebuild the \
                    whole table for a column that is not last: hours of I/O and replica lag on a \
                    large table, although writes go on. Add the column last, or state \
                    ALGORITHM=INSTANT so that an older server refuses instead of rebuilding.",
        dialects: &[Dialect::Mysql],
        severity: Severity::Note,
        opt_in: false,
    },
    check,
};

/// Words after ADD that add something other than a column.
const NOT_A_COLUMN: &[&str] = &[
    "INDEX",
    "KEY",
    "UNIQUE",
    "PRIMARY",
    "CHECK",
    "CONSTRAINT",
    "PARTITION",
    "FULLTEXT",
    "SPATIAL",
    "FOREIGN",
];

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    if sql::option_value(s, "ALGORITHM").as_deref() == Some("INSTANT") {
        return;
    }
    let Some((table, clauses)) = sql::alter_clauses(s) else {
        return;
    };
    if !cx.existing(&table) {
        return;
    }
    for c in clauses {
        if !s.is(c.start, "ADD") || NOT_A_COLUMN.iter().any(|k| s.is(c.start + 1, k)) {
            continue;
        }
        let column = s
            .name_at(s.skip(c.start + 1, &[&["COLUMN"]]))
            .map(|(n, _)| n.value)
            .unwrap_or_default();
        let last = c.end - 1;
        let (at, position) = if s.is(last, "FIRST") {
            (last, "FIRST".to_string())
        } else if let Some(after) = (c.start..c.end).find(|&i| s.is(i, "AFTER")) {
            let other = s
                .name_at(after + 1)
                .map(|(n, _)| n.value)
                .unwrap_or_default();
            (after, format!("AFTER {other}"))
        } else {
            continue;
        };
        out.push(Hit::new(
            s.pos_of(at),
            format!(
                "column {column} is added to existing table {} with {position}: MySQL before 8.0.29 and MariaDB before 10.4 rebuild the table for a column that is not last",
                table.value
            ),
        ));
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
                Dialect::Mysql,
                "ALTER TABLE users ADD COLUMN nick VARCHAR(40) AFTER name;"
            ),
            [
                "1:47 column nick is added to existing table users with AFTER name: MySQL before 8.0.29 and MariaDB before 10.4 rebuild the table for a column that is not last"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ADD COLUMN nick VARCHAR(40)",
            "ALTER TABLE users ADD COLUMN nick VARCHAR(40) FIRST, ALGORITHM=INSTANT",
            "ALTER TABLE users ADD INDEX nick (nick)",
        ] {
            assert!(check(&RULE, Dialect::Mysql, sql).is_empty(), "{sql}");
        }
    }
}
