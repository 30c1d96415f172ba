//! Column types: the server's own spelling (`character varying(45)`,
//! `int(10) unsigned`, `NVARCHAR(160)`) read into a neutral [`Ty`] that
//! every target maps to its own syntax. Each dialect has its reader; the
//! original text is kept so that a target can always fall back to it.

mod mysql;
mod postgres;
mod sqlite;

use serde::Serialize;
use strata_model::{Dialect, QualifiedName, Realm, UserTypeKind};

/// What a column holds, as far as model code cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Ty {
    Bool,
    /// MySQL `TINYINT`.
    TinyInt,
    SmallInt,
    /// MySQL `MEDIUMINT`.
    MediumInt,
    Int,
    BigInt,
    /// 4-byte float.
    Real,
    /// 8-byte float (`double precision`, MySQL `DOUBLE`, SQLite `REAL`).
    Double,
    /// MySQL `FLOAT(p)`-style floats.
    Float,
    Decimal {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Char {
        length: Option<u32>,
        national: bool,
    },
    Varchar {
        length: Option<u32>,
        national: bool,
    },
    /// Text of unbounded length; `size` is MySQL's `TINY`/`MEDIUM`/`LONG`.
    Text {
        size: Option<&'static str>,
    },
    /// Byte strings; `size` as for text, `length` for (VAR)BINARY(n).
    Binary {
        size: Option<&'static str>,
        length: Option<u32>,
        varying: bool,
    },
    Date,
    Time {
        tz: bool,
        precision: Option<u32>,
    },
    Timestamp {
        tz: bool,
        precision: Option<u32>,
        /// The type is MySQL `DATETIME` (not `TIMESTAMP`) or SQLite `DATETIME`.
        datetime: bool,
    },
    Interval,
    /// MySQL `YEAR`.
    Year,
    Json,
    Jsonb,
    Uuid,
    Inet,
    Cidr,
    MacAddr,
    TsVector,
    Money,
    Bit {
        length: Option<u32>,
        varying: bool,
    },
    /// A built-in PostgreSQL range (`int4range`…), by name.
    Range(String),
    Array(Box<Ty>),
    /// A PostgreSQL enum type, or a MySQL inline `enum(…)` (no name).
    Enum {
        name: Option<QualifiedName>,
        values: Vec<String>,
    },
    /// MySQL `set(…)`.
    Set {
        values: Vec<String>,
    },
    /// A PostgreSQL domain over a base type.
    Domain {
        name: QualifiedName,
        base: Box<Ty>,
    },
    /// Anything else: the target writes the server's spelling verbatim.
    Other,
}

/// A column's type: the neutral reading plus the facts targets need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnType {
    pub ty: Ty,
    /// MySQL `UNSIGNED`.
    pub unsigned: bool,
    /// MySQL display width (`int(11)`), kept so the type round-trips.
    pub display_width: Option<u32>,
    /// The server's spelling.
    pub raw: String,
}

impl ColumnType {
    /// A type with no extras.
    pub fn plain(ty: Ty, raw: &str) -> ColumnType {
        ColumnType {
            ty,
            unsigned: false,
            display_width: None,
            raw: raw.to_string(),
        }
    }
}

/// Reads `data_type` as `dialect` spells it. `schema` is the schema of the
/// table that uses the type, for unqualified user type names.
pub fn read(realm: &Realm, schema: &str, data_type: &str) -> ColumnType {
    match realm.dialect {
        Dialect::Postgres => postgres::read(realm, schema, data_type),
        Dialect::Mysql => mysql::read(data_type),
        Dialect::Sqlite => sqlite::read(data_type),
    }
}

/// `name(1, 2)` → (`name`, [1, 2]); a name without arguments gives none.
pub(crate) fn split_args(text: &str) -> (String, Vec<u32>) {
    match text.find('(') {
        Some(open) => {
            let name = text[..open].trim().to_string();
            let close = text[open..].find(')').map_or(text.len(), |c| open + c);
            let inner = &text[open + 1..close];
            let args = inner
                .split(',')
                .filter_map(|a| a.trim().parse::<u32>().ok())
                .collect();
            (name, args)
        }
        None => (text.trim().to_string(), Vec::new()),
    }
}

/// `'a','b''c'` → [`a`, `b'c`]: the labels of a MySQL enum/set.
pub(crate) fn quoted_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut value = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    value.push('\'');
                }
                '\'' => break,
                '\\' => {
                    if let Some(n) = chars.next() {
                        value.push(n);
                    }
                }
                other => value.push(other),
            }
        }
        out.push(value);
    }
    out
}

/// Finds a user type by the name a column uses (`mpaa_rating`,
/// `public.mpaa_rating`, `"Odd Name"`).
pub(crate) fn user_type<'r>(
    realm: &'r Realm,
    schema: &str,
    name: &str,
) -> Option<(QualifiedName, &'r UserTypeKind)> {
    let unquote = |s: &str| s.trim_matches('"').replace("\"\"", "\"");
    let (schema, name) = match split_qualified(name) {
        Some((s, n)) => (unquote(s), unquote(n)),
        None => (schema.to_string(), unquote(name)),
    };
    let found = realm.schemas.get(&schema)?.types.get(&name)?;
    Some((QualifiedName::new(schema, name), &found.kind))
}

/// `a.b` outside double quotes → (`a`, `b`).
fn split_qualified(name: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    for (i, c) in name.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '.' if !quoted => return Some((&name[..i], &name[i + 1..])),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_arguments() {
        assert_eq!(split_args("numeric(10,2)"), ("numeric".into(), vec![10, 2]));
        assert_eq!(split_args("text"), ("text".into(), vec![]));
    }

    #[test]
    fn reads_quoted_lists() {
        assert_eq!(quoted_list("'a','b''c','d,e'"), ["a", "b'c", "d,e"]);
    }
}
