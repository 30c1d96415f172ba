//! Synthetic schemas for benchmarks.
//!
//! `N` tables of eight mixed columns, a primary key, one or two foreign keys,
//! one or two indexes, a check and comments, plus `N/10` views, in the SQL of
//! each dialect. A variant with `K` scattered changes (columns added, dropped
//! and retyped, defaults, nullability, indexes, checks, comments, views) is
//! the other side of the diff benchmarks. Everything is a pure function of
//! its arguments, so runs are comparable.

use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

/// What a synthetic schema looks like.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub dialect: Dialect,
    pub tables: usize,
    /// Number of scattered changes relative to the base schema.
    pub changes: usize,
}

/// The kinds of change, applied round-robin to tables spread evenly over
/// the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tweak {
    AddColumn,
    DropColumn,
    WidenColumn,
    ChangeDefault,
    DropNotNull,
    AddIndex,
    DropIndex,
    AddCheck,
    ChangeComment,
    ChangeView,
}

const TWEAKS: [Tweak; 10] = [
    Tweak::AddColumn,
    Tweak::DropColumn,
    Tweak::WidenColumn,
    Tweak::ChangeDefault,
    Tweak::DropNotNull,
    Tweak::AddIndex,
    Tweak::DropIndex,
    Tweak::AddCheck,
    Tweak::ChangeComment,
    Tweak::ChangeView,
];

impl Spec {
    /// The tweak applied to table `i` (1-based), if any.
    fn tweak(&self, i: usize) -> Option<Tweak> {
        if self.changes == 0 {
            return None;
        }
        let stride = (self.tables / self.changes).max(1);
        let k = (i - 1) / stride;
        ((i - 1) % stride == stride / 2 && k < self.changes).then(|| TWEAKS[k % TWEAKS.len()])
    }
}

fn table_name(i: usize) -> String {
    format!("t{i:05}")
}

struct Types {
    id: &'static str,
    name: &'static str,
    wide_name: &'static str,
    amount: &'static str,
    stamp: &'static str,
    now: &'static str,
    flag: &'static str,
    yes: &'static str,
}

fn types(d: Dialect) -> Types {
    match d {
        Dialect::Postgres => Types {
            id: "bigint",
            name: "varchar(100)",
            wide_name: "varchar(200)",
            amount: "numeric(12,2)",
            stamp: "timestamp with time zone",
            now: "now()",
            flag: "boolean",
            yes: "true",
        },
        Dialect::Mysql => Types {
            id: "bigint",
            name: "varchar(100)",
            wide_name: "varchar(200)",
            amount: "decimal(12,2)",
            stamp: "timestamp",
            now: "CURRENT_TIMESTAMP",
            flag: "tinyint(1)",
            yes: "1",
        },
        Dialect::Sqlite => Types {
            id: "INTEGER",
            name: "VARCHAR(100)",
            wide_name: "VARCHAR(200)",
            amount: "NUMERIC(12,2)",
            stamp: "TEXT",
            now: "CURRENT_TIMESTAMP",
            flag: "BOOLEAN",
            yes: "1",
        },
    }
}

fn q(d: Dialect, ident: &str) -> String {
    match d {
        Dialect::Mysql => format!("`{ident}`"),
        _ => format!("\"{ident}\""),
    }
}

/// The schema's SQL.
pub fn generate(spec: &Spec) -> String {
    let d = spec.dialect;
    let ty = types(d);
    let mut sql = String::new();
    for i in 1..=spec.tables {
        let tweak = spec.tweak(i);
        let t = table_name(i);
        let qt = q(d, &t);
        let mut cols = vec![
            format!("{} {} NOT NULL PRIMARY KEY", q(d, "id"), ty.id),
            format!(
                "{} {} {}",
                q(d, "name"),
                if tweak == Some(Tweak::WidenColumn) {
                    ty.wide_name
                } else {
                    ty.name
                },
                if tweak == Some(Tweak::DropNotNull) {
                    "NULL"
                } else {
                    "NOT NULL"
                }
            ),
            format!(
                "{} {} DEFAULT {}",
                q(d, "amount"),
                ty.amount,
                if tweak == Some(Tweak::ChangeDefault) {
                    "1"
                } else {
                    "0"
                }
            ),
            format!("{} {} DEFAULT {}", q(d, "created_at"), ty.stamp, ty.now),
            format!("{} {} NOT NULL DEFAULT {}", q(d, "active"), ty.flag, ty.yes),
        ];
        if tweak != Some(Tweak::DropColumn) {
            cols.push(format!("{} {}", q(d, "note"), text(d)));
        }
        if i > 1 {
            cols.push(format!("{} {}", q(d, "parent_id"), ty.id));
        }
        if i > 2 && i % 2 == 0 {
            cols.push(format!("{} {}", q(d, "other_id"), ty.id));
        }
        if tweak == Some(Tweak::AddColumn) {
            cols.push(format!("{} {}", q(d, "extra"), text(d)));
        }
        let mut constraints = vec![format!(
            "CONSTRAINT {} CHECK ({} >= 0)",
            q(d, &format!("{t}_amount_check")),
            q(d, "amount")
        )];
        if tweak == Some(Tweak::AddCheck) {
            constraints.push(format!(
                "CONSTRAINT {} CHECK ({} <> '')",
                q(d, &format!("{t}_name_check")),
                q(d, "name")
            ));
        }
        if i > 1 {
            constraints.push(fk(d, &t, "parent_id", &table_name(i - 1)));
        }
        if i > 2 && i % 2 == 0 {
            constraints.push(fk(d, &t, "other_id", &table_name(i / 2)));
        }
        let comment = if tweak == Some(Tweak::ChangeComment) {
            format!("Synthetic table {i}, revised")
        } else {
            format!("Synthetic table {i}")
        };
        let _ = write!(sql, "CREATE TABLE {qt} (\n    {}", cols.join(",\n    "));
        let _ = write!(sql, ",\n    {}\n)", constraints.join(",\n    "));
        if d == Dialect::Mysql {
            let _ = write!(sql, " COMMENT = '{comment}'");
        }
        sql.push_str(";\n");
        if d == Dialect::Postgres {
            let _ = writeln!(sql, "COMMENT ON TABLE {qt} IS '{comment}';");
            let _ = writeln!(
                sql,
                "COMMENT ON COLUMN {qt}.{} IS 'Display name';",
                q(d, "name")
            );
        }
        if tweak != Some(Tweak::DropIndex) {
            let _ = writeln!(
                sql,
                "CREATE INDEX {} ON {qt} ({});",
                q(d, &format!("{t}_name_idx")),
                q(d, "name")
            );
        }
        if i % 3 == 0 || tweak == Some(Tweak::AddIndex) {
            let partial = match d {
                Dialect::Mysql => String::new(),
                _ => format!(" WHERE {}", q(d, "active")),
            };
            let _ = writeln!(
                sql,
                "CREATE INDEX {} ON {qt} ({}){partial};",
                q(d, &format!("{t}_created_idx")),
                q(d, "created_at")
            );
        }
        if i % 10 == 0 {
            let filter = if tweak == Some(Tweak::ChangeView) {
                format!(" AND {} > 0", q(d, "amount"))
            } else {
                String::new()
            };
            let active = match d {
                Dialect::Postgres => q(d, "active"),
                _ => format!("{} = 1", q(d, "active")),
            };
            let _ = writeln!(
                sql,
                "CREATE VIEW {} AS SELECT {}, {} FROM {qt} WHERE {active}{filter};",
                q(d, &format!("v{i:05}")),
                q(d, "id"),
                q(d, "name")
            );
        }
    }
    sql
}

fn text(d: Dialect) -> &'static str {
    match d {
        Dialect::Sqlite => "TEXT",
        _ => "text",
    }
}

fn fk(d: Dialect, t: &str, col: &str, target: &str) -> String {
    format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
        q(d, &format!("{t}_{col}_fkey")),
        q(d, col),
        q(d, target),
        q(d, "id")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_scattered_and_counted() {
        let spec = Spec {
            dialect: Dialect::Postgres,
            tables: 5000,
            changes: 50,
        };
        let tweaked = (1..=5000).filter(|&i| spec.tweak(i).is_some()).count();
        assert_eq!(tweaked, 50);
        let base = generate(&Spec { changes: 0, ..spec });
        assert_eq!(base.matches("CREATE TABLE").count(), 5000);
        assert_eq!(base.matches("CREATE VIEW").count(), 500);
        assert_ne!(base, generate(&spec));
    }
}
