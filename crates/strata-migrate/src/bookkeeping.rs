//! The migrations table and the runner's lock, in each dialect's SQL.
//!
//! This is the one place in the runner that knows which database it talks
//! to; the exhaustive matches make a new dialect add its arm here.

use strata_model::{Dialect, MIGRATIONS_TABLE};

/// How to take the runner's lock.
pub enum Lock {
    /// A session lock taken with a query that returns true/1 on success
    /// (PostgreSQL advisory lock, MySQL `GET_LOCK`).
    Session { take: String, release: String },
    /// No session lock: every revision runs in `BEGIN EXCLUSIVE` and checks
    /// again that it is still pending (SQLite).
    PerRevision,
}

pub fn lock(dialect: Dialect) -> Lock {
    match dialect {
        // A fixed key: one runner per database at a time.
        Dialect::Postgres => Lock::Session {
            take: "SELECT pg_try_advisory_lock(7381726354)::text".into(),
            release: "SELECT pg_advisory_unlock(7381726354)::text".into(),
        },
        Dialect::Mysql => Lock::Session {
            take: "SELECT CAST(GET_LOCK(CONCAT('strata_migrate.', DATABASE()), 0) AS CHAR)".into(),
            release: "SELECT CAST(RELEASE_LOCK(CONCAT('strata_migrate.', DATABASE())) AS CHAR)"
                .into(),
        },
        Dialect::Sqlite => Lock::PerRevision,
    }
}

fn q(dialect: Dialect) -> String {
    match dialect {
        Dialect::Mysql => format!("`{MIGRATIONS_TABLE}`"),
        Dialect::Postgres | Dialect::Sqlite => format!("\"{MIGRATIONS_TABLE}\""),
    }
}

pub fn create_table(dialect: Dialect) -> String {
    let t = q(dialect);
    match dialect {
        Dialect::Postgres => format!(
            "CREATE TABLE IF NOT EXISTS {t} (id varchar(64) PRIMARY KEY, checksum char(64) NOT NULL, \
             message text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), \
             duration_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL, \
             dirty boolean NOT NULL DEFAULT false)"
        ),
        Dialect::Mysql => format!(
            "CREATE TABLE IF NOT EXISTS {t} (id varchar(64) NOT NULL PRIMARY KEY, checksum char(64) NOT NULL, \
             message text NOT NULL, applied_at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \
             duration_ms bigint NOT NULL DEFAULT 0, applied_by varchar(255) NOT NULL, \
             dirty tinyint(1) NOT NULL DEFAULT 0)"
        ),
        Dialect::Sqlite => format!(
            "CREATE TABLE IF NOT EXISTS {t} (id TEXT PRIMARY KEY, checksum TEXT NOT NULL, \
             message TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), \
             duration_ms INTEGER NOT NULL DEFAULT 0, applied_by TEXT NOT NULL, \
             dirty INTEGER NOT NULL DEFAULT 0)"
        ),
    }
}

/// A query that returns one row with one value if the table exists.
pub fn table_exists(dialect: Dialect) -> String {
    match dialect {
        Dialect::Postgres => format!("SELECT to_regclass('{MIGRATIONS_TABLE}')::text"),
        Dialect::Mysql => format!(
            "SELECT CAST(COUNT(*) AS CHAR) FROM information_schema.tables \
             WHERE table_schema = DATABASE() AND table_name = '{MIGRATIONS_TABLE}' HAVING COUNT(*) > 0"
        ),
        Dialect::Sqlite => format!(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = '{MIGRATIONS_TABLE}'"
        ),
    }
}

/// id, checksum, dirty ('1'/'0'), applied_at, duration_ms, applied_by, message.
pub fn select_applied(dialect: Dialect) -> String {
    let t = q(dialect);
    match dialect {
        Dialect::Postgres => format!(
            "SELECT id, checksum, CASE WHEN dirty THEN '1' ELSE '0' END, \
             to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), \
             duration_ms::text, applied_by, message FROM {t} ORDER BY applied_at, id"
        ),
        Dialect::Mysql => format!(
            "SELECT id, checksum, CAST(dirty AS CHAR), DATE_FORMAT(applied_at, '%Y-%m-%dT%H:%i:%sZ'), \
             CAST(duration_ms AS CHAR), applied_by, message FROM {t} ORDER BY applied_at, id"
        ),
        Dialect::Sqlite => format!(
            "SELECT id, checksum, CAST(dirty AS TEXT), applied_at, CAST(duration_ms AS TEXT), \
             applied_by, message FROM {t} ORDER BY applied_at, id"
        ),
    }
}

/// A string literal in every dialect we speak (standard quoting; MySQL's
/// backslash escapes are doubled too).
pub fn literal(dialect: Dialect, s: &str) -> String {
    let mut escaped = s.replace('\'', "''");
    if dialect == Dialect::Mysql {
        escaped = escaped.replace('\\', "\\\\");
    }
    format!("'{escaped}'")
}

pub fn insert(
    dialect: Dialect,
    id: &str,
    checksum: &str,
    message: &str,
    by: &str,
    dirty: bool,
) -> String {
    let l = |s: &str| literal(dialect, s);
    let dirty = match (dialect, dirty) {
        (Dialect::Postgres, d) => d.to_string(),
        (_, true) => "1".into(),
        (_, false) => "0".into(),
    };
    format!(
        "INSERT INTO {} (id, checksum, message, applied_by, dirty) VALUES ({}, {}, {}, {}, {dirty})",
        q(dialect),
        l(id),
        l(checksum),
        l(message),
        l(by)
    )
}

pub fn finish(dialect: Dialect, id: &str, duration_ms: u128) -> String {
    let clean = match dialect {
        Dialect::Postgres => "false",
        _ => "0",
    };
    format!(
        "UPDATE {} SET dirty = {clean}, duration_ms = {duration_ms} WHERE id = {}",
        q(dialect),
        literal(dialect, id)
    )
}

pub fn mark_dirty(dialect: Dialect, id: &str) -> String {
    let dirty = match dialect {
        Dialect::Postgres => "true",
        _ => "1",
    };
    format!(
        "UPDATE {} SET dirty = {dirty} WHERE id = {}",
        q(dialect),
        literal(dialect, id)
    )
}

pub fn delete(dialect: Dialect, id: &str) -> String {
    format!(
        "DELETE FROM {} WHERE id = {}",
        q(dialect),
        literal(dialect, id)
    )
}

pub fn delete_all(dialect: Dialect) -> String {
    format!("DELETE FROM {}", q(dialect))
}

/// Opens a revision's transaction (SQLite takes its write lock at once).
pub fn begin(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Sqlite => "BEGIN EXCLUSIVE",
        Dialect::Postgres | Dialect::Mysql => "BEGIN",
    }
}

/// Statements around a revision's transaction, and the check that ends it.
/// SQLite cannot change `foreign_keys` inside a transaction, and a table
/// rebuild with foreign keys on would fire `ON DELETE` actions; so the
/// revision runs with them off and `foreign_key_check` (which fails on any
/// violation) runs before the commit.
pub fn around_revision(
    dialect: Dialect,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
) {
    match dialect {
        Dialect::Sqlite => (
            &["PRAGMA foreign_keys = OFF"],
            &["PRAGMA foreign_keys = ON"],
            Some("PRAGMA foreign_key_check"),
        ),
        Dialect::Postgres | Dialect::Mysql => (&[], &[], None),
    }
}

/// DDL runs inside the revision's transaction.
pub fn transactional(dialect: Dialect) -> bool {
    match dialect {
        Dialect::Postgres | Dialect::Sqlite => true,
        Dialect::Mysql => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_escaped() {
        assert_eq!(literal(Dialect::Postgres, "it's"), "'it''s'");
        assert_eq!(literal(Dialect::Mysql, "a\\'b"), "'a\\\\''b'");
    }
}
