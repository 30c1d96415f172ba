//! SET NOT NULL on a column of an existing table.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterColumnOperation, AlterTableOperation};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "set-not-null",
        summary: "SET NOT NULL on a column of an existing table",
        rationale: "ALTER COLUMN … SET NOT NULL scans the whole table to check for NULLs while \
                    holding an ACCESS EXCLUSIVE lock: no read or write gets through until the scan \
                    ends. On PostgreSQL 12+, first add CHECK (column IS NOT NULL) NOT VALID, \
                    VALIDATE CONSTRAINT it in a later migration (that scan does not block \
                    writes), then SET NOT NULL, which uses the validated check instead of \
                    scanning, and drop the check. A script that adds such a check before the \
                    SET NOT NULL is not flagged.",
        dialects: &[Dialect::Postgres],
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
        if let AlterTableOperation::AlterColumn {
            column_name,
            op: AlterColumnOperation::SetNotNull,
        } = op
            && !cx.not_null_checked(&table, &Name::ident(column_name))
        {
            out.push(Hit::new(
                s.at(column_name.span),
                format!(
                    "SET NOT NULL on column {} of existing table {} scans the table under an ACCESS EXCLUSIVE lock",
                    column_name.value, table.value
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
                "ALTER TABLE users ALTER COLUMN email SET NOT NULL;"
            ),
            [
                "1:32 SET NOT NULL on column email of existing table users scans the table under an ACCESS EXCLUSIVE lock"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
            "CREATE TABLE users (email text);\nALTER TABLE users ALTER COLUMN email SET NOT NULL",
            "ALTER TABLE users ADD CONSTRAINT email_nn CHECK (email IS NOT NULL) NOT VALID;\n\
             ALTER TABLE users VALIDATE CONSTRAINT email_nn;\n\
             ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
