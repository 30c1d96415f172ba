//! What the statements before a statement established: the tables created
//! in the same script (not "existing"), whether a lock timeout is set,
//! whether a transaction is open, SQLite table rebuilds.
//!
//! Tracked from tokens, not from the parse, so it works on statements
//! sqlparser cannot parse.

use super::analyse::{Name, Statement};
use super::{ScriptKind, Source};
use std::collections::BTreeMap;
use strata_model::Dialect;

/// The state before one statement, as rules read it.
pub struct Context<'a> {
    /// The script's dialect.
    pub dialect: Dialect,
    /// A revision's up script or a plain file.
    pub kind: ScriptKind,
    facts: &'a Facts,
    /// The statement's index.
    index: usize,
    /// The state before the statement.
    pub state: State,
}

/// Flags that change as the script runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct State {
    /// A (non-zero) `lock_timeout` (PostgreSQL) or `lock_wait_timeout`
    /// (MySQL) was set earlier in the script.
    pub lock_timeout: bool,
    /// An explicit `BEGIN` / `START TRANSACTION` is open.
    pub explicit_transaction: bool,
    /// The statement runs inside a transaction: an explicit one, or the one
    /// strata's runner wraps a revision in.
    pub in_transaction: bool,
    /// `SET foreign_key_checks = 0` is in force (MySQL).
    pub foreign_key_checks_off: bool,
    /// Counts transactions, so that facts can be tied to one.
    pub transaction_id: usize,
}

/// A table rebuilt the SQLite way: a new table created, the rows copied,
/// the old table dropped and the new one renamed to the old name.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// The rebuilt table's name, as written.
    pub display: String,
    /// The new table's name (key).
    pub temp: String,
    /// Statement index of the drop of the old table.
    pub drop: usize,
    /// Statement index of the rename of the new table.
    pub rename: usize,
    /// The old table was there before the script ran.
    pub existing: bool,
}

/// `CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX`, read from tokens (sqlparser
/// rejects `ON ONLY` and MySQL's `CREATE FULLTEXT INDEX`).
#[derive(Debug, Clone)]
pub(crate) struct CreateIndex {
    /// The indexed table.
    pub table: Name,
    /// `CONCURRENTLY`.
    pub concurrently: bool,
    /// `FULLTEXT` or `SPATIAL` (MySQL).
    pub special: Option<&'static str>,
}

/// Reads a `CREATE … INDEX` statement.
pub(crate) fn create_index(s: &Statement) -> Option<CreateIndex> {
    if !s.starts_with(&["CREATE"]) {
        return None;
    }
    let special = if s.is(1, "FULLTEXT") {
        Some("FULLTEXT")
    } else if s.is(1, "SPATIAL") {
        Some("SPATIAL")
    } else {
        None
    };
    let i = s.skip(1, &[&["UNIQUE"], &["FULLTEXT"], &["SPATIAL"]]);
    if !s.is(i, "INDEX") {
        return None;
    }
    let concurrently = s.is(i + 1, "CONCURRENTLY");
    let on = s.find(i + 1, "ON")?;
    let at = s.skip(on + 1, &[&["ONLY"]]);
    let (table, _) = s.name_at(at)?;
    Some(CreateIndex {
        table,
        concurrently,
        special,
    })
}

/// Facts about the whole script, gathered once.
#[derive(Debug, Default)]
pub struct Facts {
    /// Table key -> index of the statement that created it (or renamed a
    /// created table to it).
    created_tables: BTreeMap<String, usize>,
    /// Index key -> index of the statement that created it.
    created_indexes: BTreeMap<String, usize>,
    /// Constraint key -> (statement index, transaction id) where it was added NOT VALID.
    not_valid: BTreeMap<String, (usize, usize)>,
    /// `table.column` keys -> statement index where a `CHECK (column IS NOT
    /// NULL)` was added: the PostgreSQL 12+ way to SET NOT NULL without a scan.
    not_null_checks: BTreeMap<String, usize>,
    /// The state before each statement.
    states: Vec<State>,
    /// Recognised table rebuilds (SQLite).
    pub rebuilds: Vec<Rebuild>,
    /// The first statement that waits for a table lock on an existing
    /// table with no lock timeout set.
    first_unguarded_lock: Option<usize>,
}

/// A statement that must take a lock on an existing table that conflicts
/// with ordinary reads or writes: while it waits for that lock, the
/// queries behind it wait too.
#[derive(Debug, Clone)]
pub(crate) struct TableLock {
    /// What the statement is (`ALTER TABLE`, `CREATE INDEX`…).
    pub what: &'static str,
    /// What it locks, for messages (`existing table users`).
    pub target: String,
}

impl<'a> Context<'a> {
    /// The context of statement `index`.
    pub fn new(source: &Source, facts: &'a Facts, index: usize) -> Context<'a> {
        Context {
            dialect: source.dialect,
            kind: source.kind,
            facts,
            index,
            state: facts.states.get(index).copied().unwrap_or_default(),
        }
    }

    /// Was the table there before the script ran (not created earlier in it)?
    pub fn existing(&self, table: &Name) -> bool {
        self.existing_key(&table.key(self.dialect))
    }

    /// [`Context::existing`] by key.
    pub fn existing_key(&self, key: &str) -> bool {
        self.facts
            .created_tables
            .get(key)
            .is_none_or(|&i| i >= self.index)
    }

    /// Was the index created earlier in the script?
    pub fn index_created_here(&self, index: &Name) -> bool {
        self.facts
            .created_indexes
            .get(&index.key(self.dialect))
            .is_some_and(|&i| i < self.index)
    }

    /// Was the constraint added NOT VALID earlier in the same transaction?
    pub fn not_valid_in_this_transaction(&self, constraint: &Name) -> bool {
        self.state.in_transaction
            && self
                .facts
                .not_valid
                .get(&constraint.key(self.dialect))
                .is_some_and(|&(i, tx)| i < self.index && tx == self.state.transaction_id)
    }

    /// Was a `CHECK (column IS NOT NULL)` added to the table earlier?
    pub fn not_null_checked(&self, table: &Name, column: &Name) -> bool {
        let key = format!("{}.{}", table.key(self.dialect), column.key(self.dialect));
        self.facts
            .not_null_checks
            .get(&key)
            .is_some_and(|&i| i < self.index)
    }

    /// Is this the first statement that waits for a lock on an existing
    /// table without a lock timeout?
    pub fn first_unguarded_lock(&self) -> bool {
        self.facts.first_unguarded_lock == Some(self.index)
    }

    /// The lock this statement takes on an existing table, if any.
    pub(crate) fn table_lock(&self, s: &Statement) -> Option<TableLock> {
        let lock = |what: &'static str, at: usize| {
            s.name_at(s.skip(at, &[&["IF", "EXISTS"], &["ONLY"], &["TABLE"]]))
                .map(|(table, _)| (what, table))
        };
        let found = if s.starts_with(&["ALTER", "TABLE"]) {
            lock("ALTER TABLE", 2)
        } else if let Some(index) = create_index(s) {
            // CONCURRENTLY takes a lock that does not conflict with writes.
            (!index.concurrently || self.dialect != Dialect::Postgres)
                .then_some(("CREATE INDEX", index.table))
        } else if s.starts_with(&["DROP", "TABLE"]) {
            lock("DROP TABLE", 2)
        } else if s.starts_with(&["TRUNCATE"]) {
            lock("TRUNCATE", 1)
        } else if s.starts_with(&["LOCK"]) {
            lock("LOCK TABLE", 1)
        } else if s.starts_with(&["RENAME", "TABLE"]) {
            lock("RENAME TABLE", 2)
        } else if s.starts_with(&["OPTIMIZE", "TABLE"]) {
            lock("OPTIMIZE TABLE", 2)
        } else if s.starts_with(&["VACUUM", "FULL"]) {
            lock("VACUUM FULL", 2)
        } else if s.starts_with(&["CLUSTER"]) {
            lock("CLUSTER", 1)
        } else if s.starts_with(&["CREATE"]) && s.find(1, "TRIGGER").is_some_and(|i| i <= 4) {
            s.find(1, "ON")
                .and_then(|on| lock("CREATE TRIGGER", on + 1))
        } else if s.starts_with(&["DROP", "INDEX"]) && !s.is(2, "CONCURRENTLY") {
            // MySQL names the table (`DROP INDEX i ON t`); PostgreSQL does
            // not, and the index's table is some existing one.
            match s.find(2, "ON") {
                Some(on) => lock("DROP INDEX", on + 1),
                None => {
                    let (index, _) = s.name_at(s.skip(2, &[&["IF", "EXISTS"]]))?;
                    if self.index_created_here(&index) {
                        return None;
                    }
                    return Some(TableLock {
                        what: "DROP INDEX",
                        target: format!("the table of index {}", index.value),
                    });
                }
            }
        } else {
            None
        };
        let (what, table) = found?;
        self.existing(&table).then(|| TableLock {
            what,
            target: format!("existing table {}", table.value),
        })
    }

    /// The rebuild this statement is the drop or the rename of.
    pub fn rebuild_step(&self) -> Option<&Rebuild> {
        self.facts
            .rebuilds
            .iter()
            .find(|r| r.drop == self.index || r.rename == self.index)
    }

    /// The rebuild whose renaming step this statement is.
    pub fn rebuild_rename(&self) -> Option<&Rebuild> {
        self.facts.rebuilds.iter().find(|r| r.rename == self.index)
    }
}

/// Walks the script once and records what each statement establishes.
pub fn facts(source: &Source, statements: &[Statement]) -> Facts {
    let dialect = source.dialect;
    let mut facts = Facts::default();
    // The runner wraps a PostgreSQL or SQLite revision in a transaction
    // unless its first line opts out; MySQL DDL commits implicitly.
    let implicit = match source.kind {
        ScriptKind::Revision { no_transaction } => {
            !no_transaction && matches!(dialect, Dialect::Postgres | Dialect::Sqlite)
        }
        ScriptKind::File => false,
    };
    let mut state = State {
        in_transaction: implicit,
        ..State::default()
    };
    // Table key -> statement index where it was dropped.
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for s in statements {
        facts.states.push(state);
        // A statement that starts with BEGIN is a transaction: BEGIN … END
        // blocks only occur inside the statement that creates a routine.
        if s.starts_with(&["BEGIN"]) || s.starts_with(&["START", "TRANSACTION"]) {
            state.explicit_transaction = true;
            state.in_transaction = true;
            state.transaction_id += 1;
        } else if s.starts_with(&["COMMIT"])
            || s.starts_with(&["ROLLBACK"]) && !s.tokens.iter().any(|t| t.is("TO"))
            || s.starts_with(&["END"])
        {
            state.explicit_transaction = false;
            // After an explicit COMMIT inside a wrapped revision, the rest
            // runs outside any transaction (PostgreSQL warns, then autocommits).
            state.in_transaction = false;
            state.transaction_id += 1;
        }
        if let Some((name, value)) = setting(s) {
            let off = matches!(value.as_str(), "0" | "DEFAULT" | "'0'" | "0S" | "0MS");
            match name.as_str() {
                "lock_timeout" if dialect == Dialect::Postgres => state.lock_timeout = !off,
                "lock_wait_timeout" if dialect == Dialect::Mysql => state.lock_timeout = true,
                "foreign_key_checks" if dialect == Dialect::Mysql => {
                    state.foreign_key_checks_off = matches!(value.as_str(), "0" | "OFF" | "FALSE")
                }
                _ => {}
            }
        }
        if s.starts_with(&["RESET", "LOCK_TIMEOUT"]) || s.starts_with(&["RESET", "ALL"]) {
            state.lock_timeout = false;
        }
        record_created(s, dialect, &mut facts, &mut dropped, state);
    }
    facts.first_unguarded_lock = statements
        .iter()
        .find(|s| {
            let cx = Context::new(source, &facts, s.index);
            !cx.state.lock_timeout && cx.table_lock(s).is_some()
        })
        .map(|s| s.index);
    facts
}

/// `SET [SESSION|LOCAL|GLOBAL] name {=|TO} value` and PostgreSQL's
/// `SELECT set_config('name', 'value', …)`: the setting's lower-case name and
/// its upper-cased value.
fn setting(s: &Statement) -> Option<(String, String)> {
    use super::analyse::Tok;
    let word = |i: usize| match s.tokens.get(i).map(|t| &t.tok) {
        Some(Tok::Word { value, .. }) => Some(value.to_lowercase()),
        _ => None,
    };
    let value = |i: usize| match s.tokens.get(i).map(|t| &t.tok) {
        Some(Tok::Literal(v) | Tok::Number(v)) => Some(v.trim().to_ascii_uppercase()),
        Some(Tok::Word { value, .. }) => Some(value.to_ascii_uppercase()),
        _ => None,
    };
    if s.starts_with(&["SET"]) {
        let i = s.skip(1, &[&["SESSION"], &["LOCAL"], &["GLOBAL"]]);
        // MySQL's `SET @@session.lock_wait_timeout`: take the last name part.
        let mut j = i;
        while s.tokens.get(j + 1).is_some_and(|t| t.is_punct(".")) {
            j += 2;
        }
        let name = word(j)?;
        let at = j + 1;
        let eq = s
            .tokens
            .get(at)
            .is_some_and(|t| t.is_punct("=") || t.is("TO"));
        return Some((name, if eq { value(at + 1)? } else { String::new() }));
    }
    if s.starts_with(&["SELECT", "SET_CONFIG"]) {
        let literals: Vec<String> = s
            .tokens
            .iter()
            .filter_map(|t| match &t.tok {
                Tok::Literal(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        if let [name, value, ..] = literals.as_slice() {
            return Some((name.to_lowercase(), value.trim().to_ascii_uppercase()));
        }
    }
    None
}

/// Records tables and indexes created, constraints added NOT VALID, and
/// SQLite rebuilds.
fn record_created(
    s: &Statement,
    dialect: Dialect,
    facts: &mut Facts,
    dropped: &mut BTreeMap<String, usize>,
    state: State,
) {
    let key = |n: &Name| n.key(dialect);
    if s.starts_with(&["CREATE"]) {
        let i = s.skip(
            1,
            &[
                &["OR", "REPLACE"],
                &["GLOBAL"],
                &["LOCAL"],
                &["TEMP"],
                &["TEMPORARY"],
                &["UNLOGGED"],
            ],
        );
        if s.is(i, "TABLE") {
            let i = s.skip(i + 1, &[&["IF", "NOT", "EXISTS"]]);
            if let Some((name, _)) = s.name_at(i) {
                facts.created_tables.entry(key(&name)).or_insert(s.index);
            }
        }
        let i = s.skip(1, &[&["UNIQUE"], &["FULLTEXT"], &["SPATIAL"]]);
        if s.is(i, "INDEX") {
            let i = s.skip(i + 1, &[&["CONCURRENTLY"], &["IF", "NOT", "EXISTS"]]);
            if !s.is(i, "ON")
                && let Some((name, _)) = s.name_at(i)
            {
                facts.created_indexes.entry(key(&name)).or_insert(s.index);
            }
        }
    }
    if s.starts_with(&["ALTER", "TABLE"]) {
        let i = s.skip(2, &[&["IF", "EXISTS"], &["ONLY"]]);
        let Some((table, after)) = s.name_at(i) else {
            return;
        };
        // `ALTER TABLE a RENAME TO b`: b is as new as a was.
        if s.is(after, "RENAME")
            && (s.is(after + 1, "TO") || s.is(after + 1, "AS"))
            && let Some((new, _)) = s.name_at(after + 2)
        {
            let was_created = facts
                .created_tables
                .get(&key(&table))
                .copied()
                .filter(|&i| i < s.index);
            if let Some(created) = was_created {
                facts.created_tables.entry(key(&new)).or_insert(s.index);
                // Created here, renamed onto a table dropped since: a rebuild.
                if dialect == Dialect::Sqlite
                    && let Some(&drop) = dropped.get(&key(&new))
                    && drop > created
                {
                    let existing = facts
                        .created_tables
                        .get(&key(&new))
                        .is_none_or(|&i| i >= drop);
                    facts.rebuilds.push(Rebuild {
                        existing,
                        display: new.value.clone(),
                        temp: key(&table),
                        drop,
                        rename: s.index,
                    });
                }
            }
        }
        // CHECK (column IS NOT NULL).
        for k in 0..s.tokens.len() {
            if s.is(k, "CHECK")
                && s.tokens.get(k + 1).is_some_and(|t| t.is_punct("("))
                && let Some((column, after)) = s.name_at(k + 2)
                && s.is(after, "IS")
                && s.is(after + 1, "NOT")
                && s.is(after + 2, "NULL")
                && s.tokens.get(after + 3).is_some_and(|t| t.is_punct(")"))
            {
                facts
                    .not_null_checks
                    .entry(format!("{}.{}", key(&table), key(&column)))
                    .or_insert(s.index);
            }
        }
        // Constraints added NOT VALID.
        for (k, t) in s.tokens.iter().enumerate() {
            if t.is("CONSTRAINT")
                && s.tokens.get(k.wrapping_sub(1)).is_some_and(|p| p.is("ADD"))
                && let Some((name, _)) = s.name_at(k + 1)
                && s.tokens[k..]
                    .iter()
                    .take_while(|t| !t.is_punct(","))
                    .any(|t| t.is("VALID"))
            {
                facts
                    .not_valid
                    .insert(key(&name), (s.index, state.transaction_id));
            }
        }
    }
    if s.starts_with(&["DROP", "TABLE"]) {
        let mut i = s.skip(2, &[&["IF", "EXISTS"]]);
        while let Some((name, next)) = s.name_at(i) {
            dropped.insert(key(&name), s.index);
            if !s.tokens.get(next).is_some_and(|t| t.is_punct(",")) {
                break;
            }
            i = next + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::analyse::analyse;
    use super::*;

    fn source(dialect: Dialect, kind: ScriptKind) -> Source {
        Source {
            path: "m.sql".into(),
            dialect,
            kind,
        }
    }

    #[test]
    fn created_tables_are_not_existing() {
        let src = source(Dialect::Postgres, ScriptKind::File);
        let st = analyse(
            src.dialect,
            "CREATE TABLE IF NOT EXISTS public.a (x int);\nALTER TABLE a ADD y int;\nALTER TABLE b ADD y int;",
        )
        .unwrap();
        let f = facts(&src, &st);
        let a = Name {
            value: "A".into(),
            quoted: false,
        };
        assert!(Context::new(&src, &f, 0).existing(&a));
        assert!(!Context::new(&src, &f, 1).existing(&a));
        assert!(Context::new(&src, &f, 2).existing_key("b"));
    }

    #[test]
    fn lock_timeout_and_transactions() {
        let src = source(
            Dialect::Postgres,
            ScriptKind::Revision {
                no_transaction: false,
            },
        );
        let st = analyse(
            src.dialect,
            "SET LOCAL lock_timeout = '2s';\nSELECT 1;\nSET lock_timeout TO 0;\nCOMMIT;\nSELECT 2;",
        )
        .unwrap();
        let f = facts(&src, &st);
        let at = |i| Context::new(&src, &f, i).state;
        assert!(!at(0).lock_timeout && at(0).in_transaction);
        assert!(at(1).lock_timeout);
        assert!(!at(3).lock_timeout);
        assert!(!at(4).in_transaction);
    }

    #[test]
    fn sqlite_rebuild_is_recognised() {
        let src = source(Dialect::Sqlite, ScriptKind::File);
        let st = analyse(
            src.dialect,
            "CREATE TABLE new_t (a TEXT NOT NULL);\nINSERT INTO new_t SELECT a FROM t;\nDROP TABLE t;\nALTER TABLE new_t RENAME TO t;",
        )
        .unwrap();
        let f = facts(&src, &st);
        assert_eq!(f.rebuilds.len(), 1);
        assert_eq!(f.rebuilds[0].display, "t");
        assert_eq!((f.rebuilds[0].drop, f.rebuilds[0].rename), (2, 3));
    }
}
