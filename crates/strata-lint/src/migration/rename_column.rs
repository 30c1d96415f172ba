//! Renaming a column of an existing table.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::AlterTableOperation;
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "rename-column",
        summary: "a column of an existing table is renamed",
        rationale: "During a deploy the old application version still runs, and every query it \
                    sends with the old column name fails from the moment the migration commits. \
                    Add the new column, write to both, backfill, move readers over, then drop \
                    the old column in a later release; or rename when no running code uses it.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let Some((table, ops)) = sql::alter_table(s) else {
        return;
    };
    let table = Name::of(table);
    if !cx.existing(&table) {
        return;
    }
    for op in ops {
        let (old, new) = match op {
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => (old_column_name, new_column_name),
            // MySQL's CHANGE renames when the two names differ.
            AlterTableOperation::ChangeColumn {
                old_name, new_name, ..
            } if !old_name.value.eq_ignore_ascii_case(&new_name.value) => (old_name, new_name),
            _ => continue,
        };
        out.push(Hit::new(
            s.at(old.span),
            format!(
                "renaming column {} of existing table {} to {} breaks queries that still use the old name",
                old.value, table.value, new.value
            ),
        ));
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
                "ALTER TABLE users RENAME COLUMN mail TO email;"
            ),
            [
                "1:33 renaming column mail of existing table users to email breaks queries that still use the old name"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Mysql,
                "ALTER TABLE users CHANGE mail email VARCHAR(200);"
            ),
            [
                "1:26 renaming column mail of existing table users to email breaks queries that still use the old name"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Sqlite,
                "ALTER TABLE users RENAME mail TO email;"
            ),
            [
                "1:26 renaming column mail of existing table users to email breaks queries that still use the old name"
            ]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Mysql,
                "ALTER TABLE users CHANGE email email VARCHAR(300)"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                Dialect::Sqlite,
                "CREATE TABLE users (mail TEXT);\nALTER TABLE users RENAME COLUMN mail TO email"
            )
            .is_empty()
        );
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "ALTER TABLE users RENAME CONSTRAINT users_mail_key TO users_email_key"
            )
            .is_empty()
        );
    }
}
