//! The SQLite table rebuild pattern on an existing table.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule};
use crate::{RuleInfo, Severity};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "sqlite-table-rebuild",
        summary: "an existing table is rebuilt (SQLite's 12-step ALTER)",
        rationale: "A rebuild (create a new table, copy every row, drop the old table, rename the \
                    new one) is how SQLite changes a column's type or constraints, and what \
                    strata's planner emits for them. It copies the whole table and rebuilds its \
                    indexes while holding the database's write lock: on a large table every \
                    writer waits (or gets SQLITE_BUSY) for the duration, and the file needs room \
                    for two copies. Run it when writes can wait, with foreign_keys off and \
                    PRAGMA foreign_key_check before the commit (strata's runner does both).",
        dialects: &[Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let Some(r) = cx.rebuild_rename() else {
        return;
    };
    if !r.existing {
        return;
    }
    out.push(Hit::new(
        s.pos,
        format!(
            "existing table {} is rebuilt through {}: every row is copied while the database is locked for writes",
            r.display, r.temp
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::*;

    #[test]
    fn message() {
        let sql = "PRAGMA foreign_keys = OFF;\n\
                   CREATE TABLE new_users (id INTEGER PRIMARY KEY, age INTEGER NOT NULL);\n\
                   INSERT INTO new_users (id, age) SELECT id, age FROM users;\n\
                   DROP TABLE users;\n\
                   ALTER TABLE new_users RENAME TO users;";
        assert_eq!(
            check(&RULE, Dialect::Sqlite, sql),
            [
                "5:1 existing table users is rebuilt through new_users: every row is copied while the database is locked for writes"
            ]
        );
    }

    #[test]
    fn negatives() {
        let fresh = "CREATE TABLE users (id INTEGER);\n\
                     CREATE TABLE new_users (id INTEGER PRIMARY KEY);\n\
                     DROP TABLE users;\n\
                     ALTER TABLE new_users RENAME TO users;";
        assert!(check(&RULE, Dialect::Sqlite, fresh).is_empty());
        assert!(
            check(
                &RULE,
                Dialect::Sqlite,
                "CREATE TABLE new_users (id INTEGER);\nALTER TABLE new_users RENAME TO people"
            )
            .is_empty()
        );
    }
}
