//! What a database tells the engine: how to write each change as SQL, and
//! the answers to the engine's capability questions. Methods with defaults
//! describe the common case; a dialect overrides what differs.

use strata_model::change::{Change, TableChange};
use strata_model::{Column, Dialect, Realm, Schema, Table};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The dialect cannot express this change.
    #[error("{dialect} cannot {what}")]
    Unsupported { dialect: Dialect, what: String },
}

/// A database's SQL and capabilities. One implementation per database crate.
pub trait SqlDialect: Send + Sync {
    fn dialect(&self) -> Dialect;

    /// The statements for one change, without trailing `;`.
    fn render(&self, change: &Change) -> Result<Vec<String>, RenderError>;

    /// Statements that open every script (PostgreSQL turns off function body
    /// checks so that functions can be created before the tables they read).
    fn preamble(&self) -> Vec<String> {
        Vec::new()
    }

    /// Joins statements into a script a user can run with the database's own
    /// client (MySQL wraps compound statements in `DELIMITER` lines).
    fn script(&self, statements: &[String]) -> String {
        let mut out = String::new();
        for s in statements {
            out.push_str(s);
            out.push_str(";\n\n");
        }
        out
    }

    /// Quotes an identifier (always: strata never emits a bare name).
    fn quote(&self, ident: &str) -> String;

    /// What an empty database of this dialect already contains, restricted
    /// to what `target` also has (PostgreSQL's `public` schema, SQLite's `main`).
    /// Diffing from it creates everything else.
    fn baseline(&self, target: &Realm) -> Realm {
        let mut empty = Realm::new(target.dialect, target.server.clone());
        for name in self.builtin_schemas() {
            if target.schemas.contains_key(*name) {
                empty
                    .schemas
                    .insert((*name).to_string(), Schema::new(*name));
            }
        }
        empty
    }

    /// Statements that give a fresh dev database the defaults of the
    /// database it will be compared with (MySQL: the default character set
    /// and collation, which decide every table's when the SQL names none).
    fn dev_database_setup(&self, _reference: &Realm) -> Vec<String> {
        Vec::new()
    }

    /// Schemas every database has and that are never created or dropped.
    fn builtin_schemas(&self) -> &'static [&'static str] {
        &[]
    }

    /// Schemas are created with `CREATE SCHEMA` (PostgreSQL). MySQL's schemas
    /// are databases and SQLite has one: neither creates them in a script.
    fn creates_schemas(&self) -> bool {
        true
    }

    /// A foreign key can be added to an existing table. When not (SQLite),
    /// foreign keys are part of `CREATE TABLE` (SQLite does not check that
    /// the referenced table exists at that point, so cycles are no problem).
    fn can_add_foreign_key(&self) -> bool {
        true
    }

    /// Indexes are part of the table's definition (MySQL): `CREATE TABLE`
    /// carries them instead of separate `CreateIndex` changes (a MySQL
    /// AUTO_INCREMENT column must be indexed when its table is created),
    /// and an index's comment is part of the index, so a changed comment
    /// recreates the index instead of a `SetComment` the dialect cannot
    /// write.
    fn indexes_in_table(&self) -> bool {
        false
    }

    /// Existing columns can be put in another order, so the same columns in
    /// another order are a difference to plan (MySQL `MODIFY … AFTER`,
    /// SQLite by rebuilding the table). When not (PostgreSQL has no way
    /// short of recreating the table), the differ ignores the order of the
    /// columns a table keeps and new ones go at the end; `strata drift`
    /// reports the order apart. See the differ's module docs.
    fn can_reorder_columns(&self) -> bool {
        false
    }

    /// The change cannot be made with `ALTER TABLE` and needs the table to be
    /// rebuilt (SQLite).
    fn needs_rebuild(&self, _change: &TableChange) -> bool {
        false
    }

    /// The changes that turn table `from` into `to`, taken together, need
    /// a rebuild. The default asks [`SqlDialect::needs_rebuild`] of each
    /// change; a dialect overrides it when the answer depends on the table
    /// around the change (SQLite: where an added column lands, whether a
    /// dropped column is used elsewhere, a new column order). It is asked
    /// even when `changes` is empty.
    fn table_needs_rebuild(&self, from: &Table, to: &Table, changes: &[TableChange]) -> bool {
        let _ = (from, to);
        changes.iter().any(|c| self.needs_rebuild(c))
    }

    /// Changing `from` into `to` can lose data (a narrower type, a shorter
    /// length, fewer enum values, fewer digits).
    fn is_narrowing(&self, from: &Column, to: &Column) -> bool {
        from.data_type != to.data_type
    }

    /// DDL is transactional, so a plan can run in one transaction.
    fn transactional_ddl(&self) -> bool {
        true
    }

    /// Statements to run before and after the plan's transaction, for
    /// settings a transaction ignores (SQLite turns `foreign_keys` off around
    /// a table rebuild).
    fn around_transaction(&self, _plan: &crate::Plan) -> (Vec<String>, Vec<String>) {
        (Vec::new(), Vec::new())
    }
}
