//! A NOT NULL column added to an existing table without a default.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::AlterTableOperation;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "not-null-column-without-default",
        summary: "a NOT NULL column is added to an existing table without a default",
        rationale: "PostgreSQL rejects the ALTER as soon as the table has a row (existing rows \
                    would be NULL), so the migration passes on an empty development database and \
                    fails in production. MySQL accepts it and silently fills existing rows with \
                    the type's implicit default (0, '', '0000-00-00'). Add the column with a \
                    DEFAULT (a constant default is a catalog-only change on PostgreSQL 11+), or \
                    add it nullable, backfill it in batches, then set NOT NULL.",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Error,
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
        let AlterTableOperation::AddColumn { column_def: c, .. } = op else {
            continue;
        };
        // serial types, identities and generated columns fill every row.
        let serial = sql::type_name(&c.data_type).ends_with("SERIAL");
        if !sql::not_null(c) || sql::default(c).is_some() || sql::generated(c) || serial {
            continue;
        }
        let consequence = match cx.dialect {
            Dialect::Mysql => "existing rows get the type's implicit default",
            _ => "the ALTER fails if the table has any row",
        };
        out.push(Hit::new(
            s.at(c.name.span),
            format!(
                "column {} is added to existing table {} as NOT NULL without a default: {consequence}",
                c.name.value, table.value
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
                Dialect::Postgres,
                "ALTER TABLE users\n  ADD COLUMN age int NOT NULL;"
            ),
            [
                "2:14 column age is added to existing table users as NOT NULL without a default: the ALTER fails if the table has any row"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Mysql,
                "ALTER TABLE users ADD COLUMN age INT NOT NULL;"
            ),
            [
                "1:30 column age is added to existing table users as NOT NULL without a default: existing rows get the type's implicit default"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN age int",
            "ALTER TABLE users ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY NOT NULL",
            "ALTER TABLE users ADD COLUMN id bigserial NOT NULL",
            "CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN age int NOT NULL",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
        for sql in [
            "ALTER TABLE users ADD COLUMN age INT NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT, ADD PRIMARY KEY (id)",
            "CREATE TABLE users (id INT);\nALTER TABLE users ADD COLUMN age INT NOT NULL",
        ] {
            assert!(check(&RULE, Dialect::Mysql, sql).is_empty(), "{sql}");
        }
    }
}
