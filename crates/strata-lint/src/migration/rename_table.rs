//! Renaming an existing table.

use super::analyse::{Name, Statement};
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{AlterTableOperation, RenameTableNameKind, Spanned};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "rename-table",
        summary: "an existing table is renamed",
        rationale: "During a deploy the old application version still runs, and every query it \
                    sends with the old table name fails from the moment the migration commits. \
                    Rename in steps (for example, rename and leave an updatable view with the old \
                    name until no code uses it), or rename when no running code uses the table. \
                    The rename that ends a SQLite table rebuild is not flagged.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, cx: &Context, out: &mut Vec<Hit>) {
    let message = |old: &Name, new: &Name| {
        format!(
            "renaming existing table {} to {} breaks queries that still use the old name",
            old.value, new.value
        )
    };
    if let Some(sqlparser::ast::Statement::RenameTable(renames)) = s.ast.as_ref() {
        // MySQL's RENAME TABLE a TO b, c TO d.
        for r in renames {
            let old = Name::of(&r.old_name);
            if cx.existing(&old) {
                out.push(Hit::new(
                    s.at(r.old_name.span()),
                    message(&old, &Name::of(&r.new_name)),
                ));
            }
        }
        return;
    }
    let Some((table, ops)) = sql::alter_table(s) else {
        return;
    };
    let old = Name::of(table);
    if !cx.existing(&old) || cx.rebuild_rename().is_some() {
        return;
    }
    for op in ops {
        if let AlterTableOperation::RenameTable { table_name } = op {
            let (RenameTableNameKind::To(new) | RenameTableNameKind::As(new)) = table_name;
            out.push(Hit::new(s.at(table.span()), message(&old, &Name::of(new))));
        }
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
                "ALTER TABLE users RENAME TO accounts;"
            ),
            [
                "1:13 renaming existing table users to accounts breaks queries that still use the old name"
            ]
        );
        assert_eq!(
            check(&RULE, Dialect::Mysql, "RENAME TABLE users TO accounts;"),
            [
                "1:14 renaming existing table users to accounts breaks queries that still use the old name"
            ]
        );
        assert_eq!(
            check(
                &RULE,
                Dialect::Sqlite,
                "ALTER TABLE users RENAME TO accounts;"
            ),
            [
                "1:13 renaming existing table users to accounts breaks queries that still use the old name"
            ]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE users (id int);\nALTER TABLE users RENAME TO accounts"
            )
            .is_empty()
        );
        let rebuild = "CREATE TABLE new_users (id INTEGER PRIMARY KEY);\n\
                       INSERT INTO new_users SELECT id FROM users;\n\
                       DROP TABLE users;\n\
                       ALTER TABLE new_users RENAME TO users;";
        assert!(check(&RULE, Dialect::Sqlite, rebuild).is_empty());
        assert!(
            check(
                &RULE,
                Dialect::Mysql,
                "CREATE TABLE users (id INT);\nRENAME TABLE users TO accounts"
            )
            .is_empty()
        );
    }
}
