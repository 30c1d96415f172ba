//! MySQL ALTERs that copy the table or block writes.

use super::analyse::Statement;
use super::context::{Context, create_index};
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use std::ops::Range;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "mysql-blocking-alter",
        summary: "an ALTER copies the table or blocks writes (MySQL)",
        rationale: "InnoDB does most ALTERs in place while writes go on, but some copy the whole \
                    table and block writes until the copy ends (ALGORITHM=COPY): changing a \
                    column's type (MODIFY/CHANGE; extending a VARCHAR within the same length \
                    byte is the exception), CONVERT TO CHARACTER SET, dropping the primary key \
                    without adding one, adding a foreign key while foreign_key_checks is on, \
                    adding a STORED generated column, repartitioning. Others run in place but \
                    still block writes: adding a FULLTEXT or SPATIAL index, or an AUTO_INCREMENT \
                    column. Say what you expect: with ALGORITHM=INPLACE (or INSTANT) and \
                    LOCK=NONE the server refuses an ALTER it cannot run that way instead of \
                    blocking, and this rule is satisfied. For a large table, use an online schema \
                    change tool (gh-ost, pt-online-schema-change).",
        dialects: &[Dialect::Mysql],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

/// What an ALTER clause costs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Impact {
    /// The table is copied, writes blocked (ALGORITHM=COPY).
    Copy,
    /// In place, but writes are blocked (LOCK=SHARED).
    Block,
}

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let algorithm = sql::option_value(s, "ALGORITHM");
    let lock = sql::option_value(s, "LOCK");
    // The server refuses, rather than copies or blocks, when told so.
    let refuses_copy = matches!(algorithm.as_deref(), Some("INSTANT" | "INPLACE"))
        || lock.as_deref() == Some("NONE");
    let refuses_block = algorithm.as_deref() == Some("INSTANT") || lock.as_deref() == Some("NONE");
    let mut report = |impact: Impact, at: usize, what: String, table: &str| {
        let (safe, tail) = match impact {
            Impact::Copy => (
                refuses_copy,
                "MySQL copies the table and blocks writes until it finishes",
            ),
            Impact::Block => (refuses_block, "writes are blocked until it finishes"),
        };
        if !safe {
            out.push(Hit::new(
                s.pos_of(at),
                format!("{what} on existing table {table}: {tail}"),
            ));
        }
    };
    if let Some(index) = create_index(s) {
        if let Some(kind) = index.special
            && cx.existing(&index.table)
        {
            report(
                Impact::Block,
                0,
                format!("CREATE {kind} INDEX"),
                &index.table.value,
            );
        }
        return;
    }
    let Some((table, clauses)) = sql::alter_clauses(s) else {
        return;
    };
    if !cx.existing(&table) {
        return;
    }
    let adds_primary_key = clauses.iter().any(|c| {
        s.is(c.start, "ADD")
            && s.find_seq(c.start, &["PRIMARY", "KEY"])
                .is_some_and(|i| i < c.end)
    });
    for c in clauses {
        if let Some((impact, what)) = clause(s, cx, &c, adds_primary_key) {
            report(impact, c.start, what, &table.value);
        }
    }
}

/// What one clause does, when it copies or blocks.
fn clause(
    s: &Statement,
    cx: &Context,
    c: &Range<usize>,
    adds_primary_key: bool,
) -> Option<(Impact, String)> {
    let at = c.start;
    let within = |kw: &str| s.tokens[c.clone()].iter().any(|t| t.is(kw));
    let name = |i: usize| s.name_at(i).map(|(n, _)| n.value).unwrap_or_default();
    if s.is(at, "MODIFY") || s.is(at, "CHANGE") {
        let kw = s.tokens[at].keyword().unwrap_or_default();
        let col = name(s.skip(at + 1, &[&["COLUMN"]]));
        return Some((
            Impact::Copy,
            format!("{kw} COLUMN {col} redefines the column"),
        ));
    }
    if s.is(at, "DROP") && s.is(at + 1, "PRIMARY") && !adds_primary_key {
        return Some((
            Impact::Copy,
            "dropping the primary key without adding one".into(),
        ));
    }
    if s.is(at, "CONVERT") && s.is(at + 1, "TO") {
        return Some((Impact::Copy, "CONVERT TO CHARACTER SET".into()));
    }
    if (s.is(at, "PARTITION") && s.is(at + 1, "BY"))
        || (s.is(at, "REMOVE") && s.is(at + 1, "PARTITIONING"))
    {
        return Some((Impact::Copy, "repartitioning".into()));
    }
    if s.is(at, "ALGORITHM") && within("COPY") {
        return Some((Impact::Copy, "ALGORITHM=COPY".into()));
    }
    if s.is(at, "LOCK") && (within("SHARED") || within("EXCLUSIVE")) {
        return Some((Impact::Block, "LOCK=SHARED/EXCLUSIVE".into()));
    }
    if !s.is(at, "ADD") {
        return None;
    }
    if s.is(at + 1, "FULLTEXT") || s.is(at + 1, "SPATIAL") {
        let kw = s.tokens[at + 1].keyword().unwrap_or_default();
        return Some((Impact::Block, format!("adding a {kw} index")));
    }
    let constraint = s.skip(at + 1, &[&["CONSTRAINT"]]);
    let constraint = if constraint > at + 1 && !s.is(constraint, "FOREIGN") {
        constraint + 1
    } else {
        constraint
    };
    if s.is(constraint, "FOREIGN") {
        return (!cx.state.foreign_key_checks_off).then(|| {
            (
                Impact::Copy,
                "adding a foreign key while foreign_key_checks is on".to_string(),
            )
        });
    }
    let is_column = ![
        "INDEX",
        "KEY",
        "UNIQUE",
        "PRIMARY",
        "CHECK",
        "CONSTRAINT",
        "PARTITION",
    ]
    .iter()
    .any(|k| s.is(at + 1, k));
    if is_column && within("STORED") {
        let col = name(s.skip(at + 1, &[&["COLUMN"]]));
        return Some((
            Impact::Copy,
            format!("adding STORED generated column {col}"),
        ));
    }
    if is_column && within("AUTO_INCREMENT") {
        let col = name(s.skip(at + 1, &[&["COLUMN"]]));
        return Some((Impact::Block, format!("adding AUTO_INCREMENT column {col}")));
    }
    None
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
                Dialect::Mysql,
                "ALTER TABLE users MODIFY COLUMN age BIGINT NOT NULL;\n\
                 ALTER TABLE users CONVERT TO CHARACTER SET utf8mb4;\n\
                 ALTER TABLE users DROP PRIMARY KEY;\n\
                 CREATE FULLTEXT INDEX ft ON posts (body);\n\
                 ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);"
            ),
            [
                "1:19 MODIFY COLUMN age redefines the column on existing table users: MySQL copies the table and blocks writes until it finishes",
                "2:19 CONVERT TO CHARACTER SET on existing table users: MySQL copies the table and blocks writes until it finishes",
                "3:19 dropping the primary key without adding one on existing table users: MySQL copies the table and blocks writes until it finishes",
                "4:1 CREATE FULLTEXT INDEX on existing table posts: writes are blocked until it finishes",
                "5:20 adding a foreign key while foreign_key_checks is on on existing table orders: MySQL copies the table and blocks writes until it finishes",
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Mysql,
                "ALTER TABLE posts ADD FULLTEXT INDEX ft (body), ALGORITHM=INPLACE;"
            ),
            [
                "1:19 adding a FULLTEXT index on existing table posts: writes are blocked until it finishes"
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users MODIFY COLUMN age BIGINT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE",
            "ALTER TABLE posts ADD FULLTEXT INDEX ft (body), LOCK=NONE",
            "ALTER TABLE users DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant)",
            "ALTER TABLE users ADD COLUMN age INT, ADD INDEX (age)",
            "SET foreign_key_checks = 0;\nALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id)",
            "CREATE TABLE users (age INT);\nALTER TABLE users MODIFY age BIGINT",
            "CREATE INDEX i ON users (age)",
        ] {
            assert!(check(&RULE, Dialect::Mysql, sql).is_empty(), "{sql}");
        }
    }
}
