//! Transaction control inside a transaction.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, ScriptKind};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "transaction-nesting",
        summary: "BEGIN or COMMIT inside a transaction",
        rationale: "strata runs each revision in a transaction, together with the row that \
                    records it, unless the first line of up.sql is `-- strata:no-transaction`. A \
                    BEGIN inside it starts nothing (PostgreSQL warns, SQLite fails); a COMMIT or \
                    ROLLBACK ends strata's transaction early, so the rest of the revision and its \
                    bookkeeping are no longer atomic. Remove the transaction control, or opt out \
                    with `-- strata:no-transaction` and manage the transaction yourself. In a \
                    plain file, a BEGIN inside an open transaction is flagged.",
        dialects: &[Dialect::Postgres, Dialect::Sqlite],
        severity: Severity::Error,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let begin = s.starts_with(&["BEGIN"]) || s.starts_with(&["START", "TRANSACTION"]);
    let end = s.starts_with(&["COMMIT"])
        || s.starts_with(&["END"])
        || s.starts_with(&["ROLLBACK"]) && !s.tokens.iter().any(|t| t.is("TO"));
    if !begin && !end {
        return;
    }
    let what = s.tokens[0].keyword().unwrap_or_default();
    let wrapped = matches!(
        cx.kind,
        ScriptKind::Revision {
            no_transaction: false
        }
    ) && !cx.state.explicit_transaction
        && cx.state.in_transaction;
    let message = if wrapped && begin {
        format!("{what} inside a revision, which strata already runs in a transaction")
    } else if wrapped {
        format!(
            "{what} inside a revision ends strata's transaction early: the rest of the revision is not atomic with its bookkeeping"
        )
    } else if begin && cx.state.explicit_transaction {
        format!("{what} inside a transaction that is already open")
    } else {
        return;
    };
    out.push(Hit::new(s.pos, message));
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
                "BEGIN;\nALTER TABLE t ADD a int;\nCOMMIT;"
            ),
            ["1:1 BEGIN inside a revision, which strata already runs in a transaction"]
        );
        assert_eq!(
            check_revision(
                &RULE,
                Dialect::Sqlite,
                false,
                "ALTER TABLE t ADD a INT;\nCOMMIT;"
            ),
            [
                "2:1 COMMIT inside a revision ends strata's transaction early: the rest of the revision is not atomic with its bookkeeping"
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Postgres, "BEGIN;\nBEGIN;\nCOMMIT;"),
            ["2:1 BEGIN inside a transaction that is already open"]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "BEGIN;\nALTER TABLE t ADD a int;\nCOMMIT;"
            )
            .is_empty()
        );
        assert!(
            check_revision(
                &RULE,
                Dialect::Postgres,
                true,
                "BEGIN;\nALTER TABLE t ADD a int;\nCOMMIT;"
            )
            .is_empty()
        );
        assert!(
            check_revision(
                &RULE,
                Dialect::Postgres,
                false,
                "SAVEPOINT a;\nROLLBACK TO SAVEPOINT a;"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                Dialect::Sqlite,
                "BEGIN IMMEDIATE;\nALTER TABLE t ADD a INT;\nCOMMIT;"
            )
            .is_empty()
        );
    }
}
