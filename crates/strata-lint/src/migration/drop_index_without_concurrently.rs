//! DROP INDEX without CONCURRENTLY.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "drop-index-without-concurrently",
        summary: "an index is dropped without CONCURRENTLY",
        rationale: "A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: while \
                    it waits for running queries, every new query on the table queues behind it. \
                    DROP INDEX CONCURRENTLY waits without blocking others. It cannot run in a \
                    transaction: make `-- strata:no-transaction` the first line of the revision.",
        dialects: &[Dialect::Postgres],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    // Tokens: sqlparser 0.64 cannot parse `DROP INDEX CONCURRENTLY`.
    if !s.starts_with(&["DROP", "INDEX"]) || s.is(2, "CONCURRENTLY") {
        return;
    }
    let mut i = s.skip(2, &[&["IF", "EXISTS"]]);
    while let Some((name, next)) = s.name_at(i) {
        if !cx.index_created_here(&name) {
            out.push(Hit::new(
                s.pos_of(i),
                format!(
                    "DROP INDEX {} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table",
                    name.value
                ),
            ));
        }
        if !s.tokens.get(next).is_some_and(|t| t.is_punct(",")) {
            break;
        }
        i = next + 1;
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
                "DROP INDEX IF EXISTS users_email;"
            ),
            [
                "1:22 DROP INDEX users_email without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "DROP INDEX CONCURRENTLY IF EXISTS users_email",
            "CREATE INDEX i ON t (a);\nDROP INDEX i",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
