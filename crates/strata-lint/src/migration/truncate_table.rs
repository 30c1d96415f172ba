//! TRUNCATE of an existing table.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "truncate-table",
        summary: "an existing table is truncated",
        rationale: "TRUNCATE deletes every row at once, under an ACCESS EXCLUSIVE lock \
                    (PostgreSQL) or a metadata lock (MySQL), and cannot be undone once committed. \
                    With CASCADE, PostgreSQL also empties every table with a foreign key to it, \
                    and the tables that reference those. Delete the rows you mean to delete, or \
                    truncate by hand after checking.",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    if !s.starts_with(&["TRUNCATE"]) {
        return;
    }
    let cascade = s.tokens.iter().any(|t| t.is("CASCADE"));
    let mut i = s.skip(1, &[&["TABLE"], &["ONLY"], &["IF", "EXISTS"]]);
    while let Some((name, next)) = s.name_at(i) {
        if cx.existing(&name) {
            let also = if cascade {
                ", and CASCADE empties every table that references it"
            } else {
                ""
            };
            out.push(Hit::new(
                s.pos_of(i),
                format!(
                    "TRUNCATE deletes every row of existing table {}{also}",
                    name.value
                ),
            ));
        }
        if !s.tokens.get(next).is_some_and(|t| t.is_punct(",")) {
            break;
        }
        i = s.skip(next + 1, &[&["ONLY"]]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            check(&RULE, Dialect::Postgres, "TRUNCATE TABLE users CASCADE;"),
            [
                "1:16 TRUNCATE deletes every row of existing table users, and CASCADE empties every table that references it"
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Mysql, "TRUNCATE sessions;"),
            ["1:10 TRUNCATE deletes every row of existing table sessions"]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE staging (a int);\nTRUNCATE staging"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                Dialect::Mysql,
                "CREATE TABLE staging (a INT);\nTRUNCATE TABLE staging"
            )
            .is_empty()
        );
        assert!(check(&RULE, Dialect::Mysql, "DELETE FROM sessions").is_empty());
    }
}
