//! Changes -> MySQL/MariaDB DDL.
//!
//! Names are always backtick-quoted. A name in the schema a change belongs
//! to is written unqualified, so a script runs in whatever database the
//! session uses (like `mysqldump` output, it loads into a database of any
//! name); only references to another schema are qualified. Text from the
//! server (types, expressions, definitions) is used as the server printed
//! it.

mod alter;
mod objects;
mod script;
mod table;

pub use script::script;

use strata_diff::{Change, RenderError};
use strata_model::change::CommentTarget;
use strata_model::{Dialect, QualifiedName};

/// Backtick-quotes an identifier (a backtick inside is doubled).
pub fn quote(ident: &str) -> String {
    format!("`{}`", ident.replace('`', "``"))
}

/// A name as seen from `schema`: bare when it is there, qualified otherwise.
pub(crate) fn name_from(schema: &str, target: &QualifiedName) -> String {
    if target.schema == schema || target.schema.is_empty() {
        quote(&target.name)
    } else {
        format!("{}.{}", quote(&target.schema), quote(&target.name))
    }
}

/// A string literal (comments, event times).
pub(crate) fn literal(text: &str) -> String {
    crate::normalize::quote_literal(text)
}

pub(crate) fn unsupported(what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Mysql,
        what: what.into(),
    }
}

/// The statements for one change, without trailing `;`.
pub fn render(change: &Change) -> Result<Vec<String>, RenderError> {
    Ok(match change {
        Change::CreateSchema { schema } => vec![format!("CREATE DATABASE {}", quote(schema))],
        Change::DropSchema { schema } => vec![format!("DROP DATABASE {}", quote(schema))],
        Change::CreateTable { schema, table } => vec![table::create_table(schema, table)],
        Change::DropTable { table, .. } => vec![format!("DROP TABLE {}", quote(&table.name))],
        Change::RenameTable { from, to, .. } => {
            vec![format!("RENAME TABLE {} TO {}", quote(from), quote(to))]
        }
        Change::AlterTable {
            schema,
            table,
            changes,
        } => alter::alter_table(schema, table, changes)?,
        Change::CreateIndex { table, index, .. } => vec![table::create_index(table, index)],
        Change::DropIndex { table, index, .. } => table::drop_index(table, index),
        Change::CreateView { view, .. } => vec![objects::create_view(view)],
        Change::DropView { view, .. } => vec![format!("DROP VIEW {}", quote(&view.name))],
        Change::CreateTrigger { trigger, .. } => vec![trigger.definition.clone()],
        Change::DropTrigger { trigger, .. } => {
            vec![format!("DROP TRIGGER {}", quote(&trigger.name))]
        }
        Change::CreateRoutine { routine, .. } => vec![routine.definition.clone()],
        Change::DropRoutine { routine, .. } => vec![objects::drop_routine(routine)],
        // MySQL has no CREATE OR REPLACE for routines.
        Change::ReplaceRoutine { from, to, .. } => {
            vec![objects::drop_routine(from), to.definition.clone()]
        }
        Change::CreateEvent { event, .. } => vec![objects::create_event(event)],
        Change::DropEvent { event, .. } => vec![format!("DROP EVENT {}", quote(&event.name))],
        Change::SetComment { target, comment } => vec![set_comment(target, comment)?],
        Change::RebuildTable { to, .. } => {
            return Err(unsupported(format!(
                "rebuild table {} (ALTER TABLE makes every change in place)",
                to.name
            )));
        }
        Change::CreateExtension { .. }
        | Change::DropExtension { .. }
        | Change::AlterExtension { .. } => return Err(unsupported("have extensions")),
        Change::CreateType { .. }
        | Change::DropType { .. }
        | Change::AlterType { .. }
        | Change::RebuildType { .. } => {
            return Err(unsupported(
                "create user-defined types (use enum/set columns)",
            ));
        }
        Change::CreateSequence { .. }
        | Change::DropSequence { .. }
        | Change::AlterSequence { .. } => {
            return Err(unsupported("create sequences (use AUTO_INCREMENT)"));
        }
        Change::CreatePolicy { .. } | Change::DropPolicy { .. } => {
            return Err(unsupported("have row-level security policies"));
        }
        Change::CreateCollation { .. } | Change::DropCollation { .. } => {
            return Err(unsupported("create collations"));
        }
        Change::CreateRule { .. } | Change::DropRule { .. } | Change::ReplaceRule { .. } => {
            return Err(unsupported("have rewrite rules (use a trigger)"));
        }
        Change::Grant { .. } | Change::Revoke { .. } => {
            return Err(unsupported("render privileges yet"));
        }
    })
}

/// Comments MySQL keeps outside an object's definition: the database's
/// (MariaDB 10.5+) and a routine's. Index comments are part of the index
/// (see `SqlDialect::indexes_in_table`); the other objects have none.
fn set_comment(target: &CommentTarget, comment: &Option<String>) -> Result<String, RenderError> {
    let text = literal(comment.as_deref().unwrap_or(""));
    match target {
        // Without a name, ALTER DATABASE applies to the session's database:
        // the script stays loadable into a database of any name.
        CommentTarget::Schema { .. } => Ok(format!("ALTER DATABASE COMMENT = {text}")),
        CommentTarget::Routine {
            signature, kind, ..
        } => Ok(format!(
            "ALTER {} {} COMMENT {text}",
            kind.sql_word(),
            quote(routine_name(signature))
        )),
        other => Err(unsupported(format!("comment on {other:?}"))),
    }
}

/// The routine name in a routine key (`name(arguments)`): everything before
/// the parenthesis that matches the final one.
pub(crate) fn routine_name(key: &str) -> &str {
    let bytes = key.as_bytes();
    if bytes.last() != Some(&b')') {
        return key;
    }
    let mut depth = 0usize;
    for i in (0..bytes.len()).rev() {
        match bytes[i] {
            b')' => depth += 1,
            b'(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &key[..i];
                }
            }
            _ => {}
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_and_qualified_only_across_schemas() {
        assert_eq!(quote("a`b"), "`a``b`");
        assert_eq!(name_from("s", &QualifiedName::new("s", "t")), "`t`");
        assert_eq!(name_from("s", &QualifiedName::new("o", "t")), "`o`.`t`");
    }

    #[test]
    fn routine_names_come_out_of_keys() {
        assert_eq!(routine_name("f(a int, b decimal(10,2))"), "f");
        assert_eq!(routine_name("f()"), "f");
        assert_eq!(routine_name("we(ird()"), "we(ird");
    }
}
