//! A 32-bit integer primary key.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::DataType;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "int-primary-key",
        summary: "a primary key or identity column is a 32-bit integer",
        rationale: "A 32-bit key runs out at 2,147,483,647 (4,294,967,295 unsigned): inserts start \
                    failing, and widening the column later rewrites the table and every table \
                    that references it. A bigint key costs four bytes per row. Use bigint \
                    (bigserial, or bigint GENERATED … AS IDENTITY; MySQL BIGINT AUTO_INCREMENT).",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, _cx: &Context, out: &mut Vec<Hit>) {
    for site in sql::columns(s) {
        let small = matches!(
            site.def.data_type,
            DataType::Int(_)
                | DataType::Integer(_)
                | DataType::Int4(_)
                | DataType::IntUnsigned(_)
                | DataType::IntegerUnsigned(_)
                | DataType::Int4Unsigned(_)
                | DataType::MediumInt(_)
                | DataType::MediumIntUnsigned(_)
                | DataType::SmallInt(_)
                | DataType::SmallIntUnsigned(_)
                | DataType::Int2(_)
        ) || matches!(
            sql::type_name(&site.def.data_type).as_str(),
            "SERIAL" | "SERIAL4" | "SMALLSERIAL" | "SERIAL2"
        );
        if !small || !(site.primary_key || sql::generated(site.def)) {
            continue;
        }
        let role = if site.primary_key {
            "primary key"
        } else {
            "identity"
        };
        out.push(Hit::new(
            s.at(site.def.name.span),
            format!(
                "{role} column {} of table {} is a 32-bit integer and runs out at 2,147,483,647; use bigint",
                site.def.name.value, site.table.value
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
                "CREATE TABLE users (id serial PRIMARY KEY);\nCREATE TABLE t (n int GENERATED ALWAYS AS IDENTITY, code int, PRIMARY KEY (code));"
            ),
            [
                "1:21 primary key column id of table users is a 32-bit integer and runs out at 2,147,483,647; use bigint",
                "2:17 identity column n of table t is a 32-bit integer and runs out at 2,147,483,647; use bigint",
                "2:53 primary key column code of table t is a 32-bit integer and runs out at 2,147,483,647; use bigint",
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Mysql,
                "CREATE TABLE t (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY);"
            ),
            [
                "1:17 primary key column id of table t is a 32-bit integer and runs out at 2,147,483,647; use bigint"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "CREATE TABLE users (id bigserial PRIMARY KEY, age int)",
            "CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)",
            "CREATE TABLE pair (a int, b int, PRIMARY KEY (a, b))",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
