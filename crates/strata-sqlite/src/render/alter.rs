//! ALTER TABLE, and the table rebuild for everything it cannot do.
//!
//! SQLite's ALTER TABLE can add a column (with restrictions), drop a column
//! (with restrictions), rename a column and rename the table. Every other
//! change is made by rebuilding the table, following
//! <https://www.sqlite.org/lang_altertable.html#otheralter>.

use super::objects::create_index;
use super::table::{column_definition, create_table};
use super::{literal, names, quote, unsupported};
use crate::inspect::parse;
use crate::normalize;
use strata_diff::RenderError;
use strata_model::change::TableChange;
use strata_model::{Column, IndexKey, Table};

/// Can `ALTER TABLE … ADD COLUMN` add this column? SQLite refuses a column
/// that is an identity (AUTOINCREMENT belongs to the primary key), a STORED
/// generated column, a NOT NULL column without a non-NULL default, and a
/// default that is an expression or CURRENT_TIME/DATE/TIMESTAMP (the
/// existing rows could not be given its value).
fn can_add_column(c: &Column) -> bool {
    if c.identity.is_some() || c.generated.as_ref().is_some_and(|g| g.stored) {
        return false;
    }
    if c.generated.is_none() && !c.nullable && c.default.is_none() {
        return false;
    }
    c.default
        .as_deref()
        .is_none_or(normalize::is_constant_literal_default)
}

/// Can `ALTER TABLE … DROP COLUMN` drop this column of `t`? Not when it is
/// part of the primary key, a unique constraint, an index, a foreign key,
/// or is named in a check, a generated column, an index expression or
/// predicate, or a trigger of the table (those would stop the statement);
/// nor when it is a STORED generated column or the last column.
fn can_drop_column(c: &Column, t: &Table) -> bool {
    let name = c.name.as_str();
    let same = |n: &String| n.eq_ignore_ascii_case(name);
    if t.columns.len() <= 1 || c.generated.as_ref().is_some_and(|g| g.stored) {
        return false;
    }
    if t.primary_key
        .as_ref()
        .is_some_and(|k| k.columns.iter().any(same))
        || t.uniques.iter().any(|u| u.columns.iter().any(same))
        || t.foreign_keys.iter().any(|k| k.columns.iter().any(same))
    {
        return false;
    }
    let in_text = |text: &str| parse::mentions(text, name);
    for idx in t.indexes.values() {
        if idx.predicate.as_deref().is_some_and(in_text) {
            return false;
        }
        for p in &idx.parts {
            let used = match &p.key {
                IndexKey::Column(col) => same(col),
                IndexKey::Expression(e) => in_text(e),
            };
            if used {
                return false;
            }
        }
    }
    let other_generated = t
        .columns
        .iter()
        .filter(|o| o.name != c.name)
        .filter_map(|o| o.generated.as_ref());
    !(t.checks.iter().any(|k| in_text(&k.expression))
        || other_generated.into_iter().any(|g| in_text(&g.expression))
        || t.triggers.values().any(|tr| in_text(&tr.definition)))
}

/// Whether one change needs a rebuild, whatever the table around it.
pub(crate) fn needs_rebuild(change: &TableChange) -> bool {
    match change {
        TableChange::AddColumn { column, .. } => !can_add_column(column),
        TableChange::DropColumn { .. } | TableChange::RenameColumn { .. } => false,
        TableChange::AlterColumn { .. }
        | TableChange::MoveColumn { .. }
        | TableChange::AddPrimaryKey { .. }
        | TableChange::DropPrimaryKey { .. }
        | TableChange::AddForeignKey { .. }
        | TableChange::DropForeignKey { .. }
        | TableChange::AddUnique { .. }
        | TableChange::DropUnique { .. }
        | TableChange::AddCheck { .. }
        | TableChange::DropCheck { .. }
        | TableChange::SetOptions { .. } => true,
        // Not expressible in SQLite at all: rendering says so.
        TableChange::ValidateConstraint { .. }
        | TableChange::AddExclusion { .. }
        | TableChange::DropExclusion { .. }
        | TableChange::SetComment { .. }
        | TableChange::AttachPartition { .. }
        | TableChange::DetachPartition { .. } => false,
    }
}

/// Whether the changes that turn `from` into `to` need a rebuild: any
/// change that does on its own, a column that cannot be dropped in place,
/// or a column order that appending new columns would not give.
pub(crate) fn table_needs_rebuild(from: &Table, to: &Table, changes: &[TableChange]) -> bool {
    if changes.iter().any(needs_rebuild) {
        return true;
    }
    for c in changes {
        if let TableChange::DropColumn { column, .. } = c
            && !can_drop_column(column, from)
        {
            return true;
        }
    }
    // ADD COLUMN appends: the surviving columns in their old order, then the
    // new ones, must be the order `to` asks for.
    let kept = from.columns.iter().filter(|c| to.column(&c.name).is_some());
    let added = to.columns.iter().filter(|c| from.column(&c.name).is_none());
    let appended: Vec<&str> = kept.chain(added).map(|c| c.name.as_str()).collect();
    let wanted: Vec<&str> = to.columns.iter().map(|c| c.name.as_str()).collect();
    appended != wanted
}

/// `ALTER TABLE` statements, one per change.
pub(crate) fn alter_table(
    table: &str,
    changes: &[TableChange],
) -> Result<Vec<String>, RenderError> {
    let t = quote(table);
    changes
        .iter()
        .map(|c| match c {
            TableChange::AddColumn { column, .. } => Ok(format!(
                "ALTER TABLE {t} ADD COLUMN {}",
                column_definition(column, None)?
            )),
            TableChange::DropColumn { column, .. } => Ok(format!(
                "ALTER TABLE {t} DROP COLUMN {}",
                quote(&column.name)
            )),
            TableChange::RenameColumn { from, to } => Ok(format!(
                "ALTER TABLE {t} RENAME COLUMN {} TO {}",
                quote(from),
                quote(to)
            )),
            other => Err(unsupported(format!(
                "{} on table {table} with ALTER TABLE (it needs a table rebuild)",
                change_word(other)
            ))),
        })
        .collect()
}

fn change_word(c: &TableChange) -> &'static str {
    match c {
        TableChange::AddColumn { .. } => "add column",
        TableChange::DropColumn { .. } => "drop column",
        TableChange::AlterColumn { .. } => "alter column",
        TableChange::RenameColumn { .. } => "rename column",
        TableChange::MoveColumn { .. } => "move column",
        TableChange::AddPrimaryKey { .. } => "add primary key",
        TableChange::DropPrimaryKey { .. } => "drop primary key",
        TableChange::AddForeignKey { .. } => "add foreign key",
        TableChange::DropForeignKey { .. } => "drop foreign key",
        TableChange::ValidateConstraint { .. } => "validate constraint",
        TableChange::AddUnique { .. } => "add unique constraint",
        TableChange::DropUnique { .. } => "drop unique constraint",
        TableChange::AddCheck { .. } => "add check",
        TableChange::DropCheck { .. } => "drop check",
        TableChange::AddExclusion { .. } => "add exclusion constraint",
        TableChange::DropExclusion { .. } => "drop exclusion constraint",
        TableChange::SetComment { .. } => "set comment",
        TableChange::SetOptions { .. } => "set table options",
        TableChange::AttachPartition { .. } => "attach partition",
        TableChange::DetachPartition { .. } => "detach partition",
    }
}

/// The name the new table is built under before it takes the old one's.
fn temporary_name(name: &str) -> String {
    format!("{name}__strata_rebuild")
}

fn autoincrement(t: &Table) -> bool {
    t.columns.iter().any(|c| c.identity.is_some())
}

/// The table rebuild (steps 4 to 10 of SQLite's procedure):
///
/// 1. create the new table, as `to` says, under a temporary name;
/// 2. copy the rows, for the columns both tables have (generated columns
///    of the new table compute themselves);
/// 3. keep the AUTOINCREMENT counter, so that ids are never reused;
/// 4. drop the old table (its indexes and triggers go with it);
/// 5. rename the new table, with `legacy_alter_table` on so that SQLite
///    does not re-check the views and triggers that still name the old
///    table (the differ drops and recreates the views that read it);
/// 6. create the new table's indexes;
/// 7. `PRAGMA foreign_key_check`, which the SQLite connection turns into an
///    error when it reports a violation.
///
/// Triggers and the views around the table are separate changes the
/// differ emits. How the whole plan must run (foreign keys off, one
/// transaction) is on [`crate::SqliteSql`].
pub(crate) fn rebuild_table(from: &Table, to: &Table) -> Result<Vec<String>, RenderError> {
    let tmp = temporary_name(&to.name);
    let mut out = vec![create_table(to, &tmp)?];
    let copied: Vec<String> = to
        .columns
        .iter()
        .filter(|c| c.generated.is_none() && from.column(&c.name).is_some())
        .map(|c| c.name.clone())
        .collect();
    if !copied.is_empty() {
        let list = names(&copied);
        out.push(format!(
            "INSERT INTO {} ({list}) SELECT {list} FROM {}",
            quote(&tmp),
            quote(&from.name)
        ));
    }
    if autoincrement(from) && autoincrement(to) {
        // sqlite_sequence exists whenever a table with AUTOINCREMENT does.
        out.push(format!(
            "UPDATE sqlite_sequence SET seq = max(seq, (SELECT seq FROM sqlite_sequence WHERE name = {old})) WHERE name = {new}",
            old = literal(&from.name),
            new = literal(&tmp)
        ));
        out.push(format!(
            "INSERT INTO sqlite_sequence (name, seq) SELECT {new}, seq FROM sqlite_sequence WHERE name = {old} AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = {new})",
            old = literal(&from.name),
            new = literal(&tmp)
        ));
    }
    out.push(format!("DROP TABLE {}", quote(&from.name)));
    out.push("PRAGMA legacy_alter_table = ON".into());
    out.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        quote(&tmp),
        quote(&to.name)
    ));
    out.push("PRAGMA legacy_alter_table = OFF".into());
    for index in to.indexes.values() {
        out.push(create_index(&to.name, index)?);
    }
    out.push("PRAGMA foreign_key_check".into());
    Ok(out)
}
