//! Maintenance statements that rewrite or lock a whole table (PostgreSQL).

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "table-rewrite",
        summary: "VACUUM FULL, CLUSTER, REINDEX or REFRESH MATERIALIZED VIEW blocks access for its whole run",
        rationale: "VACUUM FULL and CLUSTER rewrite the table, and REINDEX (without CONCURRENTLY) \
                    rebuilds its indexes, under an ACCESS EXCLUSIVE lock (REINDEX: one that \
                    blocks writes and the reads that would use the index); REFRESH MATERIALIZED \
                    VIEW without CONCURRENTLY blocks every read of the view. They take as long \
                    as the data is large. Use REINDEX … CONCURRENTLY, REFRESH MATERIALIZED VIEW \
                    CONCURRENTLY (it needs a unique index), or pg_repack instead of VACUUM \
                    FULL/CLUSTER, outside the migration.",
        dialects: &[Dialect::Postgres],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, _cx: &Context, out: &mut Vec<Hit>) {
    // Tokens only: sqlparser 0.64 parses none of REINDEX and CLUSTER.
    let concurrently = s.tokens.iter().any(|t| t.is("CONCURRENTLY"));
    let message = if s.starts_with(&["VACUUM"])
        && (s.is(1, "FULL") || s.find_seq(1, &["(", "FULL"]).is_some() || has_full_option(s))
    {
        "VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock"
    } else if s.starts_with(&["CLUSTER"]) {
        "CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock"
    } else if s.starts_with(&["REINDEX"]) && !concurrently {
        "REINDEX without CONCURRENTLY blocks writes (and reads that use the index) while it rebuilds"
    } else if s.starts_with(&["REFRESH", "MATERIALIZED", "VIEW"]) && !concurrently {
        "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view while it runs"
    } else {
        return;
    };
    out.push(Hit::new(s.pos, message));
}

/// `VACUUM (FULL, ANALYZE) t`.
fn has_full_option(s: &Statement) -> bool {
    s.tokens.get(1).is_some_and(|t| t.is_punct("("))
        && s.tokens
            .iter()
            .skip(2)
            .take_while(|t| !t.is_punct(")"))
            .any(|t| t.is("FULL"))
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
                "VACUUM (FULL, ANALYZE) users;\nREINDEX TABLE users;\nREFRESH MATERIALIZED VIEW stats;"
            ),
            [
                "1:1 VACUUM FULL rewrites the table under an ACCESS EXCLUSIVE lock",
                "2:1 REINDEX without CONCURRENTLY blocks writes (and reads that use the index) while it rebuilds",
                "3:1 REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every read of the view while it runs",
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "VACUUM ANALYZE users",
            "REINDEX TABLE CONCURRENTLY users",
            "REFRESH MATERIALIZED VIEW CONCURRENTLY stats",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
    }
}
