//! ADD COLUMN that rewrites the table (PostgreSQL 11+).

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterTableOperation, ColumnOption};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "add-column-rewrites-table",
        summary: "a column added to an existing table makes PostgreSQL rewrite the table",
        rationale: "Since PostgreSQL 11, ADD COLUMN with a constant default (or now()) only \
                    changes the catalog. A volatile default (gen_random_uuid(), random(), \
                    clock_timestamp(), nextval()), a serial type, an identity or a STORED \
                    generated column must be computed for every row: the table is rewritten \
                    under an ACCESS EXCLUSIVE lock. Add the column without the default, set the \
                    default for new rows with ALTER COLUMN … SET DEFAULT, and backfill existing \
                    rows in batches.",
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
        let AlterTableOperation::AddColumn { column_def: c, .. } = op else {
            continue;
        };
        let type_name = sql::type_name(&c.data_type);
        let why = if let Some(f) = sql::default(c).and_then(sql::volatile) {
            format!("the volatile default {f}()")
        } else if type_name.ends_with("SERIAL") || type_name == "SERIAL4" || type_name == "SERIAL8"
        {
            "a serial type".to_string()
        } else if sql::stored_generated(c) {
            "a STORED generated expression".to_string()
        } else if sql::options(c).any(|o| {
            matches!(o, ColumnOption::Identity(_))
                || matches!(
                    o,
                    ColumnOption::Generated {
                        generation_expr: None,
                        ..
                    }
                )
        }) {
            "an identity".to_string()
        } else {
            continue;
        };
        out.push(Hit::new(
            s.at(c.name.span),
            format!(
                "column {} is added to existing table {} with {why}: every row is rewritten under an ACCESS EXCLUSIVE lock",
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
                "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();\n\
                 ALTER TABLE users ADD COLUMN n serial;\n\
                 ALTER TABLE users ADD COLUMN twice int GENERATED ALWAYS AS (n * 2) STORED;\n\
                 ALTER TABLE users ADD COLUMN k bigint GENERATED ALWAYS AS IDENTITY;"
            ),
            [
                "1:30 column token is added to existing table users with the volatile default gen_random_uuid(): every row is rewritten under an ACCESS EXCLUSIVE lock",
                "2:30 column n is added to existing table users with a serial type: every row is rewritten under an ACCESS EXCLUSIVE lock",
                "3:30 column twice is added to existing table users with a STORED generated expression: every row is rewritten under an ACCESS EXCLUSIVE lock",
                "4:30 column k is added to existing table users with an identity: every row is rewritten under an ACCESS EXCLUSIVE lock",
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true",
            "ALTER TABLE users ADD COLUMN created timestamptz DEFAULT now()",
            "ALTER TABLE users ADD COLUMN imported timestamptz DEFAULT statement_timestamp()",
            "ALTER TABLE users ADD COLUMN region text DEFAULT current_setting('app.region')",
            "CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
