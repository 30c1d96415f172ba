//! ALTERs SQLite cannot do in place.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterTableOperation, ColumnOption, Spanned};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "sqlite-unsupported-alter",
        summary: "an ALTER TABLE that SQLite cannot do in place (it fails)",
        rationale: "SQLite's ALTER TABLE can only rename a table, rename, add or drop a column; \
                    an added column cannot be PRIMARY KEY or UNIQUE, NOT NULL without a \
                    non-NULL default, have a non-constant default (CURRENT_TIMESTAMP, an \
                    expression) or be a STORED generated column. Anything else fails at run \
                    time, whatever the data. Changing a column's type or constraints needs a \
                    table rebuild: create the new table, copy the rows, drop the old table, \
                    rename the new one (what `strata diff` plans for SQLite).",
        dialects: &[Dialect::Sqlite],
        severity: Severity::Error,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, _cx: &Context, out: &mut Vec<Hit>) {
    if !s.starts_with(&["ALTER", "TABLE"]) {
        return;
    }
    let Some((table, ops)) = sql::alter_table(s) else {
        // Not even sqlparser reads it: look at the clause keywords.
        if let Some((table, clauses)) = sql::alter_clauses(s) {
            for c in clauses {
                if !["ADD", "DROP", "RENAME"].iter().any(|k| s.is(c.start, k)) {
                    out.push(Hit::new(s.pos_of(c.start), cannot(&table, "change this")));
                }
            }
        }
        return;
    };
    let table = Name::of(table);
    for op in ops {
        let what = match op {
            AlterTableOperation::AddColumn { column_def: c, .. } => {
                let unique = sql::options(c)
                    .any(|o| matches!(o, ColumnOption::Unique(_) | ColumnOption::PrimaryKey(_)));
                let why = if unique {
                    "as PRIMARY KEY or UNIQUE"
                } else if sql::stored_generated(c) {
                    "as a STORED generated column"
                } else if sql::default(c).is_some_and(|d| !sql::constant(d)) {
                    "with a non-constant default"
                } else if sql::not_null(c) && sql::default(c).is_none() && !sql::generated(c) {
                    "as NOT NULL without a default"
                } else {
                    continue;
                };
                out.push(Hit::new(
                    s.at(c.name.span),
                    cannot(&table, &format!("add column {} {why}", c.name.value)),
                ));
                continue;
            }
            AlterTableOperation::DropColumn { .. }
            | AlterTableOperation::RenameColumn { .. }
            | AlterTableOperation::RenameTable { .. } => continue,
            AlterTableOperation::AlterColumn { column_name, .. } => {
                format!("alter column {}", column_name.value)
            }
            AlterTableOperation::AddConstraint { .. } => "add a constraint".to_string(),
            AlterTableOperation::DropConstraint { name, .. } => {
                format!("drop constraint {}", name.value)
            }
            AlterTableOperation::DropPrimaryKey { .. } => "drop the primary key".to_string(),
            _ => "change this".to_string(),
        };
        let at = s.at(op.span());
        // An ALTER COLUMN's span starts at the column; other ops' spans may
        // be empty or start inside the clause.
        let at = match op {
            AlterTableOperation::AlterColumn { .. } => at,
            _ => s
                .keyword_before(at, "ADD")
                .max(s.keyword_before(at, "DROP")),
        };
        out.push(Hit::new(at, cannot(&table, &what)));
    }
}

fn cannot(table: &Name, what: &str) -> String {
    format!(
        "SQLite's ALTER TABLE cannot {what} (table {}): the statement fails; rebuild the table instead",
        table.value
    )
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
                Dialect::Sqlite,
                "ALTER TABLE users ALTER COLUMN age TYPE TEXT;\n\
                 ALTER TABLE users ADD COLUMN email TEXT UNIQUE;\n\
                 ALTER TABLE users ADD COLUMN seen TEXT DEFAULT CURRENT_TIMESTAMP;\n\
                 ALTER TABLE users ADD COLUMN n INTEGER NOT NULL;"
            ),
            [
                "1:32 SQLite's ALTER TABLE cannot alter column age (table users): the statement fails; rebuild the table instead",
                "2:30 SQLite's ALTER TABLE cannot add column email as PRIMARY KEY or UNIQUE (table users): the statement fails; rebuild the table instead",
                "3:30 SQLite's ALTER TABLE cannot add column seen with a non-constant default (table users): the statement fails; rebuild the table instead",
                "4:30 SQLite's ALTER TABLE cannot add column n as NOT NULL without a default (table users): the statement fails; rebuild the table instead",
            ]
        );
    }

    #[test]
    fn negatives() {
        for sql in [
            "ALTER TABLE users ADD COLUMN n INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN note TEXT DEFAULT 'x'",
            "ALTER TABLE users DROP COLUMN note",
            "ALTER TABLE users RENAME COLUMN a TO b",
            "ALTER TABLE users RENAME TO people",
        ] {
            assert!(check(&RULE, Dialect::Sqlite, sql).is_empty(), "{sql}");
        }
    }
}
