//! A foreign key or check added to an existing table without NOT VALID.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterTableOperation, ColumnOption, Spanned, TableConstraint};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "constraint-without-not-valid",
        summary: "a foreign key or check is added to an existing table without NOT VALID",
        rationale: "Adding a FOREIGN KEY or CHECK checks every existing row while holding a lock \
                    that blocks writes (a foreign key also locks the referenced table). Add it \
                    with NOT VALID, which only checks new rows, then run ALTER TABLE … VALIDATE \
                    CONSTRAINT in a later migration: validation takes a lock that lets reads and \
                    writes through. Validating in the same transaction as the ADD keeps the \
                    ADD's lock for the whole scan and gains nothing.",
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
    for op in ops {
        match op {
            AlterTableOperation::ValidateConstraint { name }
                if cx.not_valid_in_this_transaction(&Name::ident(name)) =>
            {
                out.push(Hit::new(
                    s.at(name.span),
                    format!(
                        "constraint {} is validated in the transaction that added it NOT VALID: the ADD's lock is held during the validation scan",
                        name.value
                    ),
                ));
            }
            _ if !cx.existing(&table) => {}
            AlterTableOperation::AddConstraint {
                constraint,
                not_valid: false,
            } => {
                let (kind, name) = match constraint {
                    TableConstraint::ForeignKey(fk) => ("foreign key", fk.name.as_ref()),
                    TableConstraint::Check(c) => ("check", c.name.as_ref()),
                    _ => continue,
                };
                let named = name.map(|n| format!(" {}", n.value)).unwrap_or_default();
                out.push(Hit::new(
                    s.keyword_before(s.at(op.span()), "ADD"),
                    format!(
                        "{kind}{named} is added to existing table {} without NOT VALID: every row is checked while writes are blocked",
                        table.value
                    ),
                ));
            }
            AlterTableOperation::AddColumn { column_def, .. } => {
                for o in sql::options(column_def) {
                    let kind = match o {
                        ColumnOption::ForeignKey(_) => "a foreign key (REFERENCES)",
                        ColumnOption::Check(_) => "a check",
                        _ => continue,
                    };
                    out.push(Hit::new(
                        s.at(column_def.name.span),
                        format!(
                            "column {} is added to existing table {} with {kind}, which cannot be NOT VALID: every row is checked while writes are blocked",
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
    use super::super::testing::{check, check_revision};
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            check(
                &RULE,
                Dialect::Postgres,
                "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);\n\
                 ALTER TABLE orders ADD CHECK (total >= 0);\n\
                 ALTER TABLE orders ADD COLUMN shop_id bigint REFERENCES shops (id);"
            ),
            [
                "1:20 foreign key orders_user_fk is added to existing table orders without NOT VALID: every row is checked while writes are blocked",
                "2:20 check is added to existing table orders without NOT VALID: every row is checked while writes are blocked",
                "3:31 column shop_id is added to existing table orders with a foreign key (REFERENCES), which cannot be NOT VALID: every row is checked while writes are blocked",
            ]
        );
        assert_eq!(
            check_revision(
                &RULE,
                Dialect::Postgres,
                false,
                "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n\
                 ALTER TABLE orders VALIDATE CONSTRAINT fk;"
            ),
            [
                "2:40 constraint fk is validated in the transaction that added it NOT VALID: the ADD's lock is held during the validation scan"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
            "ALTER TABLE orders VALIDATE CONSTRAINT fk",
            "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT fk",
            "CREATE TABLE orders (user_id int);\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id)",
            "ALTER TABLE orders ADD CONSTRAINT u UNIQUE (code)",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
