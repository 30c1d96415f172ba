//! A column type change on an existing table (PostgreSQL).

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterColumnOperation, AlterTableOperation};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "column-type-change",
        summary: "a column of an existing table changes type",
        rationale: "ALTER COLUMN … TYPE takes an ACCESS EXCLUSIVE lock and, unless the new type is \
                    binary-compatible (varchar(n) to a longer varchar or to text, numeric to a \
                    wider numeric), rewrites the whole table and rebuilds its indexes: no read or \
                    write gets through for the duration. Application code reading the column may \
                    also break. Add a new column, backfill it in batches, switch readers over, \
                    then drop the old column; or silence this for a known binary-compatible \
                    change.",
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
            op: AlterColumnOperation::SetDataType { .. },
        } = op
        {
            out.push(Hit::new(
                s.at(column_name.span),
                format!(
                    "changing the type of column {} of existing table {} rewrites the table under an ACCESS EXCLUSIVE lock unless the types are binary-compatible",
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
                "ALTER TABLE users ALTER COLUMN id TYPE bigint;"
            ),
            [
                "1:32 changing the type of column id of existing table users rewrites the table under an ACCESS EXCLUSIVE lock unless the types are binary-compatible"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ALTER COLUMN id SET DEFAULT 1",
            "CREATE TABLE users (id int);\nALTER TABLE users ALTER COLUMN id TYPE bigint",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
