//! Changes -> SQLite SQL.
//!
//! Identifiers are always quoted with `"` and never schema-qualified (a
//! SQLite database has one schema, `main`). Expressions, types and trigger
//! definitions are the model's text, which is SQLite's own text as written.

mod alter;
mod objects;
mod table;

pub(crate) use alter::{needs_rebuild, table_needs_rebuild};

use strata_diff::{Change, RenderError};
use strata_model::Dialect;

/// `"name"`, with embedded quotes doubled.
pub(crate) fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// `'text'`, with embedded quotes doubled.
pub(crate) fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A comma-separated list of quoted names.
pub(crate) fn names(list: &[String]) -> String {
    list.iter().map(|n| quote(n)).collect::<Vec<_>>().join(", ")
}

pub(crate) fn unsupported(what: impl Into<String>) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Sqlite,
        what: what.into(),
    }
}

/// The statements for one change.
pub(crate) fn render(change: &Change) -> Result<Vec<String>, RenderError> {
    match change {
        Change::CreateTable { table, .. } => Ok(vec![table::create_table(table, &table.name)?]),
        Change::DropTable { table, .. } => Ok(vec![format!("DROP TABLE {}", quote(&table.name))]),
        Change::RenameTable { from, to, .. } => Ok(vec![format!(
            "ALTER TABLE {} RENAME TO {}",
            quote(from),
            quote(to)
        )]),
        Change::AlterTable { table, changes, .. } => alter::alter_table(table, changes),
        Change::RebuildTable { from, to, .. } => alter::rebuild_table(from, to),
        Change::CreateIndex { table, index, .. } => Ok(vec![objects::create_index(table, index)?]),
        Change::DropIndex { index, .. } => Ok(vec![format!("DROP INDEX {}", quote(&index.name))]),
        Change::CreateView { view, .. } => Ok(vec![objects::create_view(view)?]),
        Change::DropView { view, .. } => Ok(vec![format!("DROP VIEW {}", quote(&view.name))]),
        Change::CreateTrigger { trigger, .. } => Ok(vec![objects::create_trigger(trigger)?]),
        Change::DropTrigger { trigger, .. } => {
            Ok(vec![format!("DROP TRIGGER {}", quote(&trigger.name))])
        }
        Change::CreateSchema { .. } | Change::DropSchema { .. } => Err(unsupported(
            "create or drop schemas (a SQLite database has the one schema main; attach another database file instead)",
        )),
        Change::CreateExtension { .. }
        | Change::DropExtension { .. }
        | Change::AlterExtension { .. } => Err(unsupported("manage extensions")),
        Change::CreateType { .. }
        | Change::DropType { .. }
        | Change::AlterType { .. }
        | Change::RebuildType { .. } => Err(unsupported("create user-defined types")),
        Change::CreateSequence { .. }
        | Change::DropSequence { .. }
        | Change::AlterSequence { .. } => Err(unsupported(
            "create sequences (use INTEGER PRIMARY KEY AUTOINCREMENT)",
        )),
        Change::CreateRoutine { .. }
        | Change::DropRoutine { .. }
        | Change::ReplaceRoutine { .. } => Err(unsupported("store functions or procedures")),
        Change::CreatePolicy { .. } | Change::DropPolicy { .. } => {
            Err(unsupported("apply row-level security policies"))
        }
        Change::CreateCollation { .. } | Change::DropCollation { .. } => Err(unsupported(
            "create collations (register them in the application)",
        )),
        Change::CreateRule { .. } | Change::DropRule { .. } | Change::ReplaceRule { .. } => {
            Err(unsupported("have rewrite rules (use a trigger)"))
        }
        Change::CreateEvent { .. } | Change::DropEvent { .. } => {
            Err(unsupported("schedule events"))
        }
        Change::SetComment { .. } => Err(unsupported("store comments")),
        Change::Grant { .. } | Change::Revoke { .. } => Err(unsupported("grant privileges")),
    }
}
