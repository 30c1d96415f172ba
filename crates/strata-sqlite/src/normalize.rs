//! Small, named normalisation rules, so that equal schemas compare equal
//! and the text SQLite keeps is written back in a form it reads the same.

use crate::inspect::parse;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::Token;

/// SQLite's built-in collations are case-insensitive names; spell them in
/// upper case so `nocase` and `NOCASE` compare equal. Other (application
/// defined) collation names are kept as written.
pub fn collation(name: &str) -> String {
    if ["BINARY", "NOCASE", "RTRIM"]
        .iter()
        .any(|b| b.eq_ignore_ascii_case(name))
    {
        name.to_ascii_uppercase()
    } else {
        name.to_string()
    }
}

/// A column default as `pragma_table_xinfo` reports it (the text as
/// written, without the parentheses of `DEFAULT (expr)`). `DEFAULT NULL` is
/// the same as no default, so it becomes no default.
pub fn default_value(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("null") {
        None
    } else {
        Some(text.to_string())
    }
}

/// A declared type with its insignificant spacing removed: SQLite keeps the
/// text as written, so `NUMERIC(10, 2)` (SQLAlchemy's spelling) and
/// `NUMERIC(10,2)` would otherwise differ although SQLite reads them the
/// same (the numbers are not even used). Runs of spaces become one space,
/// and there is none next to a parenthesis or a comma.
pub fn declared_type(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !matches!(c, '(' | ')' | ',') && !out.ends_with(['(', ',']) {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

fn is_word(t: &Token, keyword: Keyword) -> bool {
    matches!(t, Token::Word(w) if w.quote_style.is_none() && w.keyword == keyword)
}

/// A default that may be written without parentheses: a literal (signed
/// number, string, blob, NULL, TRUE, FALSE) or CURRENT_TIME/DATE/TIMESTAMP.
/// Anything else is written `DEFAULT (expr)`, which SQLite reports without
/// the parentheses, so the round trip is exact either way.
pub fn is_literal_default(text: &str) -> bool {
    let Some(tokens) = parse::tokens(text) else {
        return false;
    };
    match tokens.as_slice() {
        [Token::Minus | Token::Plus, Token::Number(..)] | [Token::Number(..)] => true,
        [Token::SingleQuotedString(_)] | [Token::HexStringLiteral(_)] => true,
        // SQLite reads a double-quoted default as a string when no column
        // of that name can be meant, which is always the case here.
        [Token::Word(w)] if w.quote_style == Some('"') => true,
        [t] => [
            Keyword::NULL,
            Keyword::TRUE,
            Keyword::FALSE,
            Keyword::CURRENT_TIME,
            Keyword::CURRENT_DATE,
            Keyword::CURRENT_TIMESTAMP,
        ]
        .iter()
        .any(|k| is_word(t, *k)),
        _ => false,
    }
}

/// A default `ALTER TABLE … ADD COLUMN` accepts: a literal, but not
/// CURRENT_TIME/DATE/TIMESTAMP or an expression.
pub fn is_constant_literal_default(text: &str) -> bool {
    is_literal_default(text)
        && !parse::tokens(text).is_some_and(|t| {
            t.iter().any(|t| {
                is_word(t, Keyword::CURRENT_TIME)
                    || is_word(t, Keyword::CURRENT_DATE)
                    || is_word(t, Keyword::CURRENT_TIMESTAMP)
            })
        })
}

/// A declared type SQLite's grammar accepts and that can be written into a
/// CREATE TABLE unchanged: names, then optionally one or two signed numbers
/// in parentheses. Anything else (a snapshot edited by hand) is refused
/// rather than spliced into SQL.
pub fn is_type_name(text: &str) -> bool {
    let Some(tokens) = parse::tokens(text) else {
        return false;
    };
    let words = tokens
        .iter()
        .take_while(|t| matches!(t, Token::Word(_)))
        .count();
    if words == 0 {
        return false;
    }
    match &tokens[words..] {
        [] => true,
        [Token::LParen, rest @ .., Token::RParen] => {
            let numbers: Vec<&[Token]> = rest.split(|t| *t == Token::Comma).collect();
            numbers.len() <= 2
                && numbers.iter().all(|n| {
                    matches!(
                        n,
                        [Token::Number(..)] | [Token::Minus | Token::Plus, Token::Number(..)]
                    )
                })
        }
        _ => false,
    }
}

/// SQLite's type affinity of a declared type
/// (<https://www.sqlite.org/datatype3.html#determination_of_column_affinity>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

/// The affinity rules, in SQLite's order: the first that matches wins.
pub fn affinity(declared_type: &str) -> Affinity {
    let t = declared_type.to_ascii_uppercase();
    if t.contains("INT") {
        Affinity::Integer
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        Affinity::Text
    } else if t.contains("BLOB") || t.trim().is_empty() {
        Affinity::Blob
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// Can changing a column's declared type from `from` to `to` change the
/// stored values? SQLite ignores lengths (`VARCHAR(10)` holds any text), so
/// only a change of affinity can: text that looks like a number becomes a
/// number under INTEGER, REAL or NUMERIC affinity, large integers lose
/// precision as REAL, and REAL values lose digits as TEXT. Moving to BLOB
/// (no affinity) keeps every value as it is; INTEGER, REAL and NUMERIC
/// convert between each other without loss except into REAL.
pub fn affinity_narrows(from: &str, to: &str) -> bool {
    use Affinity::*;
    match (affinity(from), affinity(to)) {
        (a, b) if a == b => false,
        (_, Blob) => false,
        (Integer, Numeric) | (Integer, Text) | (Real, Integer) | (Real, Numeric) => false,
        (Numeric, Integer) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_collations_are_upper_case() {
        assert_eq!(collation("nocase"), "NOCASE");
        assert_eq!(collation("Rtrim"), "RTRIM");
        assert_eq!(collation("my_coll"), "my_coll");
    }

    #[test]
    fn declared_type_spacing_is_not_significant() {
        assert_eq!(declared_type("NUMERIC(10, 2)"), "NUMERIC(10,2)");
        assert_eq!(declared_type(" NVARCHAR( 160 ) "), "NVARCHAR(160)");
        assert_eq!(declared_type("UNSIGNED   BIG INT"), "UNSIGNED BIG INT");
        assert_eq!(declared_type(""), "");
    }

    #[test]
    fn null_default_is_no_default() {
        assert_eq!(default_value("NULL"), None);
        assert_eq!(default_value("null"), None);
        assert_eq!(default_value(" 'Y' ").as_deref(), Some("'Y'"));
        assert_eq!(default_value("1+ 2").as_deref(), Some("1+ 2"));
    }

    #[test]
    fn literal_defaults() {
        for lit in [
            "1",
            "-1",
            "+4.99",
            "'a''b'",
            "X'00ff'",
            "NULL",
            "TRUE",
            "CURRENT_TIMESTAMP",
            "\"x\"",
        ] {
            assert!(is_literal_default(lit), "{lit}");
        }
        for expr in ["1+ 2", "datetime('now')", "(1)", "abc", "- 'x'"] {
            assert!(!is_literal_default(expr), "{expr}");
        }
        assert!(is_constant_literal_default("'x'"));
        assert!(!is_constant_literal_default("CURRENT_DATE"));
        assert!(!is_constant_literal_default("datetime('now')"));
    }

    #[test]
    fn type_names() {
        for t in [
            "INTEGER",
            "BLOB SUB_TYPE TEXT",
            "DECIMAL(4,2)",
            "DECIMAL( 4 , -2 )",
            "unsigned big int",
            "\"my type\"",
        ] {
            assert!(is_type_name(t), "{t}");
        }
        for t in [
            "INT); DROP TABLE x; --",
            "VARCHAR(10",
            "(10)",
            "INT DEFAULT 1",
            "TEXT(1,2,3)",
        ] {
            assert!(!is_type_name(t), "{t}");
        }
    }

    #[test]
    fn affinities_follow_sqlite_rules() {
        assert_eq!(affinity("INT"), Affinity::Integer);
        assert_eq!(affinity("unsigned big int"), Affinity::Integer);
        assert_eq!(affinity("NVARCHAR(160)"), Affinity::Text);
        assert_eq!(affinity("BLOB SUB_TYPE TEXT"), Affinity::Text);
        assert_eq!(affinity(""), Affinity::Blob);
        assert_eq!(affinity("DOUBLE PRECISION"), Affinity::Real);
        assert_eq!(affinity("DECIMAL(10,5)"), Affinity::Numeric);
        assert_eq!(affinity("DATETIME"), Affinity::Numeric);
        // "FLOATING POINT" contains INT: INTEGER wins (SQLite's own example).
        assert_eq!(affinity("FLOATING POINT"), Affinity::Integer);
    }

    #[test]
    fn narrowing() {
        assert!(!affinity_narrows("VARCHAR(10)", "VARCHAR(5)"));
        assert!(!affinity_narrows("INT", "BIGINT"));
        assert!(!affinity_narrows("TEXT", "BLOB"));
        assert!(!affinity_narrows("INTEGER", "TEXT"));
        assert!(!affinity_narrows("REAL", "NUMERIC"));
        assert!(affinity_narrows("TEXT", "INTEGER"));
        assert!(affinity_narrows("INTEGER", "REAL"));
        assert!(affinity_narrows("REAL", "TEXT"));
        assert!(affinity_narrows("", "INTEGER"));
        assert!(affinity_narrows("DECIMAL(5,2)", "VARCHAR(10)"));
    }
}
