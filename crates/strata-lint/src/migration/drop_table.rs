//! Dropping an existing table.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "drop-table",
        summary: "an existing table is dropped",
        rationale: "Its rows are gone for good, and the old application version, still running \
                    during the deploy, fails on every query that uses the table. Stop using the \
                    table in a release first, keep a backup, then drop it in a later migration. \
                    Dropping a table the same script created, or the old table of a SQLite \
                    rebuild, is not flagged.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    // Tokens: DROP TABLE parses everywhere, but the name list is all we need.
    if !s.starts_with(&["DROP", "TABLE"]) && !s.starts_with(&["DROP", "TEMPORARY", "TABLE"]) {
        return;
    }
    if s.is(1, "TEMPORARY") || cx.rebuild_step().is_some() {
        return;
    }
    let mut i = s.skip(2, &[&["IF", "EXISTS"]]);
    while let Some((name, next)) = s.name_at(i) {
        if cx.existing(&name) {
            out.push(Hit::new(
                s.pos_of(i),
                format!(
                    "dropping existing table {} loses its rows and breaks queries that still use it",
                    name.value
                ),
            ));
        }
        if !s.tokens.get(next).is_some_and(|t| t.is_punct(",")) {
            break;
        }
        i = next + 1;
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
                "DROP TABLE IF EXISTS audit, public.log CASCADE;"
            ),
            [
                "1:22 dropping existing table audit loses its rows and breaks queries that still use it",
                "1:29 dropping existing table log loses its rows and breaks queries that still use it",
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Mysql, "DROP TABLE `audit`;"),
            [
                "1:12 dropping existing table audit loses its rows and breaks queries that still use it"
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Sqlite, "DROP TABLE IF EXISTS audit;"),
            [
                "1:22 dropping existing table audit loses its rows and breaks queries that still use it"
            ]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE tmp (a int);\nDROP TABLE tmp"
            )
            .is_empty()
        );
        assert!(check(&RULE, Dialect::Mysql, "DROP TEMPORARY TABLE t").is_empty());
        let rebuild = "CREATE TABLE new_users (id INTEGER PRIMARY KEY);\n\
                       INSERT INTO new_users SELECT id FROM users;\n\
                       DROP TABLE users;\n\
                       ALTER TABLE new_users RENAME TO users;";
        assert!(check(&RULE, Dialect::Sqlite, rebuild).is_empty());
    }
}
