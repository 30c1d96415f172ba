//! Dropping a database.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "drop-database",
        summary: "a database is dropped",
        rationale: "DROP DATABASE removes every table and row in it. A migration runs against \
                    production sooner or later; dropping a database there is almost never what \
                    the migration meant. Do it by hand, with a backup. (In MySQL, DROP SCHEMA is \
                    the same statement.)",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Error,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let schema_is_database = cx.dialect == Dialect::Mysql && s.starts_with(&["DROP", "SCHEMA"]);
    if !s.starts_with(&["DROP", "DATABASE"]) && !schema_is_database {
        return;
    }
    let i = s.skip(2, &[&["IF", "EXISTS"]]);
    let name = s.name_at(i).map(|(n, _)| n.value).unwrap_or_default();
    out.push(Hit::new(
        s.pos,
        format!("dropping database {name} removes every table in it"),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            check(&RULE, Dialect::Postgres, "DROP DATABASE IF EXISTS shop;"),
            ["1:1 dropping database shop removes every table in it"]
        );
        assert_eq!(
            check(&RULE, Dialect::Mysql, "DROP SCHEMA shop;"),
            ["1:1 dropping database shop removes every table in it"]
        );
    }

    #[test]
    fn negatives() {
        assert!(check(&RULE, Dialect::Postgres, "DROP SCHEMA staging CASCADE").is_empty());
        assert!(check(&RULE, Dialect::Postgres, "CREATE DATABASE shop").is_empty());
        assert!(check(&RULE, Dialect::Mysql, "DROP TABLE shop").is_empty());
    }
}
