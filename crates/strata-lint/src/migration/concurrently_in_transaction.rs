//! CONCURRENTLY inside a transaction.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, ScriptKind};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "concurrently-in-transaction",
        summary: "a CONCURRENTLY operation runs inside a transaction",
        rationale: "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and \
                    DETACH PARTITION CONCURRENTLY cannot run inside a transaction block: \
                    PostgreSQL rejects them and the migration fails. strata runs each revision in \
                    a transaction unless the first line of its up.sql is \
                    `-- strata:no-transaction`; add that line (and keep such a revision to the \
                    concurrent statements), or move the statement out of the BEGIN … COMMIT.",
        dialects: &[Dialect::Postgres],
        severity: Severity::Error,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    if !cx.state.in_transaction {
        return;
    }
    let what = if s.starts_with(&["CREATE"]) && s.find(1, "INDEX").is_some() {
        "CREATE INDEX CONCURRENTLY"
    } else if s.starts_with(&["DROP", "INDEX"]) {
        "DROP INDEX CONCURRENTLY"
    } else if s.starts_with(&["REINDEX"]) {
        "REINDEX CONCURRENTLY"
    } else if s.starts_with(&["ALTER", "TABLE"])
        && s.find_seq(2, &["DETACH", "PARTITION"]).is_some()
    {
        "DETACH PARTITION CONCURRENTLY"
    } else {
        return;
    };
    let Some(at) = s.find(1, "CONCURRENTLY") else {
        return;
    };
    let message = match cx.kind {
        ScriptKind::Revision { .. } if !cx.state.explicit_transaction => format!(
            "{what} cannot run inside a transaction, and this revision runs in one: make `-- strata:no-transaction` its first line"
        ),
        _ => format!("{what} cannot run inside the transaction opened by BEGIN"),
    };
    out.push(Hit::new(s.pos_of(at), message));
}

#[cfg(test)]
mod tests {
    use super::super::testing::{check, check_revision};
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            check_revision(
                &RULE,
                Dialect::Postgres,
                false,
                "CREATE INDEX CONCURRENTLY i ON t (a);"
            ),
            [
                "1:14 CREATE INDEX CONCURRENTLY cannot run inside a transaction, and this revision runs in one: make `-- strata:no-transaction` its first line"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Postgres,
                "BEGIN;\nDROP INDEX CONCURRENTLY IF EXISTS i;\nCOMMIT;"
            ),
            ["2:12 DROP INDEX CONCURRENTLY cannot run inside the transaction opened by BEGIN"]
        );
    }

    #[test]
    fn negatives() {
        let sql = "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);";
        assert!(check_revision(&RULE, Dialect::Postgres, true, sql).is_empty());
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE INDEX CONCURRENTLY i ON t (a)"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (a)"
            )
            .is_empty()
        );
        assert!(
            check_revision(
                &RULE,
                Dialect::Postgres,
                false,
                "REFRESH MATERIALIZED VIEW CONCURRENTLY mv"
            )
            .is_empty()
        );
    }
}
