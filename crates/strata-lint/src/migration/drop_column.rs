//! Dropping a column of an existing table.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::AlterTableOperation;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "drop-column",
        summary: "a column of an existing table is dropped",
        rationale: "The column's data is gone for good, and the old application version, still \
                    running during the deploy, fails on every query that names the column (an \
                    ORM that selects all mapped columns names all of them). Stop using the column \
                    in a release first, then drop it in a later migration. SQLite and MySQL before \
                    8.0.29 also rewrite the whole table to drop a column.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let Some((table, ops)) = sql::alter_table(s) else {
        return;
    };
    let table = Name::of(table);
    if !cx.existing(&table) {
        return;
    }
    for op in ops {
        if let AlterTableOperation::DropColumn { column_names, .. } = op {
            for c in column_names {
                out.push(Hit::new(
                    s.at(c.span),
                    format!(
                        "dropping column {} of existing table {} loses its data and breaks queries that still use it",
                        c.value, table.value
                    ),
                ));
            }
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
                Dialect::Sqlite,
                "ALTER TABLE users DROP COLUMN nickname;"
            ),
            [
                "1:31 dropping column nickname of existing table users loses its data and breaks queries that still use it"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Postgres,
                "ALTER TABLE users DROP COLUMN IF EXISTS nickname;"
            ),
            [
                "1:41 dropping column nickname of existing table users loses its data and breaks queries that still use it"
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Mysql, "ALTER TABLE users DROP nickname;"),
            [
                "1:24 dropping column nickname of existing table users loses its data and breaks queries that still use it"
            ]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE users (a int, b int);\nALTER TABLE users DROP COLUMN b"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "ALTER TABLE users DROP CONSTRAINT users_b_check"
            )
            .is_empty()
        );
        for sql in [
            "ALTER TABLE users DROP INDEX users_b",
            "ALTER TABLE users DROP FOREIGN KEY users_b_fk",
            "CREATE TABLE users (a INT, b INT);\nALTER TABLE users DROP COLUMN b",
        ] {
            assert!(check(&RULE, Dialect::Mysql, sql).is_empty(), "{sql}");
        }
    }
}
