//! A lock-taking statement with no lock timeout set before it.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "missing-lock-timeout",
        summary: "a statement waits for a table lock with no lock timeout set",
        rationale: "DDL needs a lock that conflicts with ordinary queries. If a long transaction \
                    holds the table, the DDL waits, and every query that arrives after it queues \
                    behind the DDL: the application stalls although the DDL itself would be \
                    quick. Set a short timeout first (PostgreSQL: SET lock_timeout = '5s', or SET \
                    LOCAL inside the revision's transaction; MySQL: SET SESSION \
                    lock_wait_timeout = 5) and retry the migration when it times out. Reported \
                    once per script, at the first such statement.",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    if !cx.first_unguarded_lock() {
        return;
    }
    let Some(lock) = cx.table_lock(s) else {
        return;
    };
    let setting = match cx.dialect {
        Dialect::Mysql => "lock_wait_timeout",
        _ => "lock_timeout",
    };
    out.push(Hit::new(
        s.pos,
        format!(
            "{} waits for a lock on {} with no {setting} set earlier in the script; queries queue behind it while it waits",
            lock.what, lock.target
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
                "CREATE TABLE t (a int);\nALTER TABLE t ADD b int;\nALTER TABLE users ADD b int;\nDROP TABLE log;"
            ),
            [
                "3:1 ALTER TABLE waits for a lock on existing table users with no lock_timeout set earlier in the script; queries queue behind it while it waits"
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Mysql, "ALTER TABLE users ADD b INT;"),
            [
                "1:1 ALTER TABLE waits for a lock on existing table users with no lock_wait_timeout set earlier in the script; queries queue behind it while it waits"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "SET lock_timeout = '5s';\nALTER TABLE users ADD b int",
            "SET LOCAL lock_timeout TO '2s';\nCREATE INDEX i ON users (a)",
            "SELECT set_config('lock_timeout', '3s', true);\nDROP TABLE log",
            "CREATE INDEX CONCURRENTLY i ON users (a)",
            "CREATE TABLE t (a int);\nCREATE INDEX i ON t (a)",
        ] {
            assert!(check(&RULE, Dialect::Postgres, sql).is_empty(), "{sql}");
        }
        assert!(
            check(
                &RULE,
                Dialect::Mysql,
                "SET SESSION lock_wait_timeout = 5;\nALTER TABLE users ADD b INT"
            )
            .is_empty()
        );
    }
}
