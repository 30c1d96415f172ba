//! CREATE INDEX without CONCURRENTLY on an existing table.

use super::analyse::Statement;
use super::context::{Context, create_index};
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "index-without-concurrently",
        summary: "an index is created on an existing table without CONCURRENTLY",
        rationale: "A plain CREATE INDEX holds a SHARE lock on the table for the whole build: \
                    reads go on but every INSERT, UPDATE and DELETE waits, for minutes on a large \
                    table. CREATE INDEX CONCURRENTLY builds without blocking writes. It cannot run \
                    in a transaction, so make `-- strata:no-transaction` the first line of the \
                    revision, and check for an INVALID index if it fails.",
        dialects: &[Dialect::Postgres],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    // Tokens, not the parse: sqlparser rejects `ON ONLY t`.
    let Some(index) = create_index(s) else {
        return;
    };
    if index.concurrently || !cx.existing(&index.table) {
        return;
    }
    out.push(Hit::new(
        s.pos,
        format!(
            "CREATE INDEX on existing table {} without CONCURRENTLY blocks writes to it while the index builds",
            index.table.value
        ),
    ));
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
                "CREATE UNIQUE INDEX users_email ON ONLY public.users (email);"
            ),
            [
                "1:1 CREATE INDEX on existing table users without CONCURRENTLY blocks writes to it while the index builds"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "CREATE INDEX CONCURRENTLY users_email ON users (email)",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (email)",
            "CREATE TABLE users (email text);\nCREATE INDEX users_email ON users (email)",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
