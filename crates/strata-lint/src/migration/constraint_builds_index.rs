//! UNIQUE or PRIMARY KEY added to an existing table, building its index.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterTableOperation, ColumnOption, Spanned, TableConstraint};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "constraint-builds-index",
        summary: "a UNIQUE or PRIMARY KEY constraint is added to an existing table",
        rationale: "ADD UNIQUE and ADD PRIMARY KEY build their index while holding an ACCESS \
                    EXCLUSIVE lock: no read or write gets through until the build ends. Build the \
                    index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with \
                    ALTER TABLE … ADD CONSTRAINT name UNIQUE USING INDEX index (or PRIMARY KEY \
                    USING INDEX), which is instant.",
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
        match op {
            AlterTableOperation::AddConstraint { constraint, .. } => {
                let (kind, name) = match constraint {
                    TableConstraint::Unique(u) => ("UNIQUE constraint", u.name.as_ref()),
                    TableConstraint::PrimaryKey(p) => ("primary key", p.name.as_ref()),
                    _ => continue,
                };
                let named = name.map(|n| format!(" {}", n.value)).unwrap_or_default();
                out.push(Hit::new(
                    s.keyword_before(s.at(op.span()), "ADD"),
                    format!(
                        "{kind}{named} on existing table {} builds its index under an ACCESS EXCLUSIVE lock; create the index CONCURRENTLY and add the constraint USING INDEX",
                        table.value
                    ),
                ));
            }
            AlterTableOperation::AddColumn { column_def, .. } => {
                for o in sql::options(column_def) {
                    let kind = match o {
                        ColumnOption::Unique(_) => "UNIQUE",
                        ColumnOption::PrimaryKey(_) => "PRIMARY KEY",
                        _ => continue,
                    };
                    out.push(Hit::new(
                        s.at(column_def.name.span),
                        format!(
                            "column {} is added to existing table {} as {kind}, which builds an index under an ACCESS EXCLUSIVE lock",
                            column_def.name.value, table.value
                        ),
                    ));
                }
            }
            _ => {}
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
                "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);\nALTER TABLE users ADD PRIMARY KEY (id);"
            ),
            [
                "1:19 UNIQUE constraint users_email_key on existing table users builds its index under an ACCESS EXCLUSIVE lock; create the index CONCURRENTLY and add the constraint USING INDEX",
                "2:19 primary key on existing table users builds its index under an ACCESS EXCLUSIVE lock; create the index CONCURRENTLY and add the constraint USING INDEX",
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx",
            "ALTER TABLE users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_id_idx",
            "CREATE TABLE users (email text);\nALTER TABLE users ADD CONSTRAINT u UNIQUE (email)",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
