//! A 32-bit (or narrower) integer primary key.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::DataType;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "int-primary-key",
        summary: "a primary key or identity column is a 32-bit (or narrower) integer",
        rationale: "A 32-bit key runs out at 2,147,483,647 (4,294,967,295 unsigned), a smallint \
                    one at 32,767: inserts start failing, and widening the column later \
                    rewrites the table and every table that references it. A bigint key costs \
                    four more bytes per row. Use bigint (bigserial, or bigint GENERATED … AS \
                    IDENTITY; MySQL BIGINT AUTO_INCREMENT).",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, _cx: &Context, out: &mut Vec<Hit>) {
    for site in sql::columns(s) {
        let Some(limit) = limit(&site.def.data_type) else {
            continue;
        };
        if !(site.primary_key || sql::generated(site.def)) {
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
                "{role} column {} of table {} is a {limit}; use bigint",
                site.def.name.value, site.table.value
            ),
        ));
    }
}

/// How a key of this type runs out, for types narrower than 64 bits.
fn limit(data_type: &DataType) -> Option<&'static str> {
    Some(match data_type {
        DataType::Int(_) | DataType::Integer(_) | DataType::Int4(_) => {
            "32-bit integer and runs out at 2,147,483,647"
        }
        DataType::IntUnsigned(_) | DataType::IntegerUnsigned(_) | DataType::Int4Unsigned(_) => {
            "32-bit integer and runs out at 4,294,967,295"
        }
        DataType::MediumInt(_) => "24-bit integer and runs out at 8,388,607",
        DataType::MediumIntUnsigned(_) => "24-bit integer and runs out at 16,777,215",
        DataType::SmallInt(_) | DataType::Int2(_) => "16-bit integer and runs out at 32,767",
        DataType::SmallIntUnsigned(_) => "16-bit integer and runs out at 65,535",
        other => match sql::type_name(other).as_str() {
            "SERIAL" | "SERIAL4" => "32-bit integer and runs out at 2,147,483,647",
            "SMALLSERIAL" | "SERIAL2" => "16-bit integer and runs out at 32,767",
            _ => return None,
        },
    })
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
                "1:17 primary key column id of table t is a 32-bit integer and runs out at 4,294,967,295; use bigint"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE kinds (id smallserial PRIMARY KEY);\nCREATE TABLE ranks (id smallint PRIMARY KEY);"
            ),
            [
                "1:21 primary key column id of table kinds is a 16-bit integer and runs out at 32,767; use bigint",
                "2:21 primary key column id of table ranks is a 16-bit integer and runs out at 32,767; use bigint",
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
        assert!(
            check(
                &RULE,
                Dialect::Mysql,
                "CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, n INT)"
            )
            .is_empty()
        );
    }
}
