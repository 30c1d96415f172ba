//! A script as the rules see it: statements with their positions, their
//! parse (when sqlparser can parse them), their tokens (always), and the
//! rules an inline `-- strata:ignore` comment silences for them.
//!
//! Splitting is `strata_driver::split_script` (dollar quotes, `BEGIN … END`
//! bodies and MySQL `DELIMITER` lines are handled there). sqlparser fails on
//! some DDL (`DROP INDEX CONCURRENTLY`, `REINDEX`, MySQL `CONVERT TO
//! CHARACTER SET`…), so every statement also keeps its significant tokens:
//! rules that need only keywords read those and work either way.

use sqlparser::ast;
use sqlparser::dialect::{Dialect as SqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Location, Span, Token as SqlToken, Tokenizer, Whitespace};
use strata_driver::SplitError;
use strata_model::Dialect;

/// A 1-based line and character column in the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// A significant token of a statement (whitespace and comments dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A keyword or identifier. `upper` is the upper-cased text of an
    /// unquoted word and empty for a quoted one, so that a quoted
    /// identifier never reads as a keyword.
    Word {
        upper: String,
        value: String,
        quoted: bool,
    },
    /// A string literal's content.
    Literal(String),
    /// A number.
    Number(String),
    /// Anything else (`(`, `,`, `=`, `.`…), as written.
    Punct(String),
}

/// A token and where it starts.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

impl Token {
    /// The upper-cased keyword, if the token is an unquoted word.
    pub fn keyword(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word { upper, quoted, .. } if !quoted => Some(upper),
            _ => None,
        }
    }

    /// Is this the unquoted word `kw` (upper case)?
    pub fn is(&self, kw: &str) -> bool {
        self.keyword() == Some(kw)
    }

    /// Is this the punctuation `p`?
    pub fn is_punct(&self, p: &str) -> bool {
        matches!(&self.tok, Tok::Punct(s) if s == p)
    }
}

/// One statement of a script.
#[derive(Debug)]
pub struct Statement {
    /// Its position among the script's statements (0-based).
    pub index: usize,
    /// Where its first token is.
    pub pos: Pos,
    /// sqlparser's parse, when it parses.
    pub(crate) ast: Option<ast::Statement>,
    /// Why it did not parse.
    pub(crate) parse_error: Option<String>,
    /// Its significant tokens.
    pub(crate) tokens: Vec<Token>,
    /// Rules silenced for it by `-- strata:ignore rule[, rule…]`.
    pub(crate) ignores: Vec<String>,
}

/// The comment that silences rules for one statement.
pub const IGNORE_MARK: &str = "strata:ignore";

fn sql_dialect(dialect: Dialect) -> Box<dyn SqlDialect> {
    match dialect {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::Mysql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
    }
}

/// Splits, tokenizes and parses a script. Fails only when the script
/// cannot be split (an unterminated literal or comment).
pub(crate) fn analyse(dialect: Dialect, script: &str) -> Result<Vec<Statement>, SplitError> {
    let split = strata_driver::split_script(dialect, script)?;
    let sql = sql_dialect(dialect);
    let lines = LineStarts::new(script);
    let mut out = Vec::with_capacity(split.len());
    // Byte offset where the previous statement's text ended.
    let mut cursor = 0;
    for (index, s) in split.into_iter().enumerate() {
        // The splitter's text is a slice of the script; find it from the
        // cursor on so that two equal statements on one line stay apart.
        let line_start = lines.start(s.line).max(cursor);
        let start = script
            .get(line_start..)
            .and_then(|rest| rest.find(&s.text))
            .map(|i| line_start + i)
            .unwrap_or(line_start);
        let pos = lines.pos(script, start);
        let gap = script.get(cursor..start).unwrap_or_default();
        // A comment on the line where the previous statement ends belongs
        // to that statement; the rest of the gap to this one.
        let (trailing, leading) = match gap.find('\n') {
            Some(nl) if index > 0 => (&gap[..nl], &gap[nl..]),
            _ if index > 0 => (gap, ""),
            _ => ("", gap),
        };
        if let Some(prev) = out.last_mut() {
            let prev: &mut Statement = prev;
            prev.ignores.extend(ignored_rules(trailing));
        }
        let mut ignores = ignored_rules(leading);
        let (tokens, comments) = tokens(sql.as_ref(), &s.text, pos);
        for c in &comments {
            ignores.extend(ignored_rules(c));
        }
        let (ast, parse_error) = match Parser::parse_sql(sql.as_ref(), &s.text) {
            Ok(mut v) if !v.is_empty() => (Some(v.swap_remove(0)), None),
            Ok(_) => (None, Some("no statement".to_string())),
            Err(e) => (None, Some(e.to_string())),
        };
        cursor = start + s.text.len();
        out.push(Statement {
            index,
            pos,
            ast,
            parse_error,
            tokens,
            ignores,
        });
    }
    // A comment after the last statement, on its line.
    if let Some(last) = out.last_mut() {
        let rest = script.get(cursor..).unwrap_or_default();
        let line = rest.split('\n').next().unwrap_or_default();
        last.ignores.extend(ignored_rules(line));
    }
    Ok(out)
}

/// Rule names after each `strata:ignore` in some comment text: separated
/// by commas or spaces, up to the end of the line or of a `/* */` comment.
pub(crate) fn ignored_rules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(IGNORE_MARK) {
        let after = &rest[i + IGNORE_MARK.len()..];
        // `strata:ignore-file` or similar is not this marker.
        if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            rest = after;
            continue;
        }
        let end = after
            .find(['\n', '\r'])
            .unwrap_or(after.len())
            .min(after.find("*/").unwrap_or(after.len()));
        out.extend(
            after[..end]
                .split([',', ' ', '\t'])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(str::to_string),
        );
        rest = &after[end..];
    }
    out
}

/// The significant tokens of a statement, at absolute positions, and the
/// text of its comments.
fn tokens(sql: &dyn SqlDialect, text: &str, base: Pos) -> (Vec<Token>, Vec<String>) {
    let Ok(raw) = Tokenizer::new(sql, text)
        .with_unescape(false)
        .tokenize_with_location()
    else {
        // The splitter tokenized the same text already; this is not expected.
        return (Vec::new(), Vec::new());
    };
    let mut tokens = Vec::new();
    let mut comments = Vec::new();
    for t in raw {
        let pos = absolute(base, t.span.start);
        let tok = match t.token {
            SqlToken::EOF => continue,
            SqlToken::Whitespace(Whitespace::SingleLineComment { comment, .. })
            | SqlToken::Whitespace(Whitespace::MultiLineComment(comment)) => {
                comments.push(comment);
                continue;
            }
            SqlToken::Whitespace(_) => continue,
            SqlToken::Word(w) => {
                let quoted = w.quote_style.is_some();
                Tok::Word {
                    upper: if quoted {
                        String::new()
                    } else {
                        w.value.to_ascii_uppercase()
                    },
                    value: w.value,
                    quoted,
                }
            }
            SqlToken::Number(n, _) => Tok::Number(n),
            SqlToken::SingleQuotedString(s)
            | SqlToken::DoubleQuotedString(s)
            | SqlToken::NationalStringLiteral(s)
            | SqlToken::EscapedStringLiteral(s) => Tok::Literal(s),
            SqlToken::DollarQuotedString(s) => Tok::Literal(s.value),
            other => Tok::Punct(other.to_string()),
        };
        tokens.push(Token { tok, pos });
    }
    (tokens, comments)
}

/// A location inside a statement, made absolute. Line 0 is sqlparser's
/// "no location".
fn absolute(base: Pos, at: Location) -> Pos {
    let line = at.line as usize;
    let column = at.column as usize;
    if line <= 1 {
        Pos {
            line: base.line,
            column: base.column + column.saturating_sub(1),
        }
    } else {
        Pos {
            line: base.line + line - 1,
            column,
        }
    }
}

impl Statement {
    /// Where a part of the parsed statement starts; the statement's start
    /// when sqlparser kept no location for it.
    pub(crate) fn at(&self, span: Span) -> Pos {
        if span.start.line == 0 {
            self.pos
        } else {
            absolute(self.pos, span.start)
        }
    }

    /// Do the statement's first tokens spell these keywords?
    pub(crate) fn starts_with(&self, words: &[&str]) -> bool {
        self.tokens.len() >= words.len() && words.iter().zip(&self.tokens).all(|(w, t)| t.is(w))
    }

    /// The index of the first token at or after `from` that is the keyword.
    pub(crate) fn find(&self, from: usize, kw: &str) -> Option<usize> {
        self.tokens
            .iter()
            .skip(from)
            .position(|t| t.is(kw))
            .map(|i| i + from)
    }

    /// The index of the first occurrence of a keyword sequence.
    pub(crate) fn find_seq(&self, from: usize, seq: &[&str]) -> Option<usize> {
        (from..self.tokens.len()).find(|&i| seq.iter().enumerate().all(|(k, w)| self.is(i + k, w)))
    }

    /// Is token `i` the keyword?
    pub(crate) fn is(&self, i: usize, kw: &str) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is(kw))
    }

    /// Where token `i` is (the statement's start past the end).
    pub(crate) fn pos_of(&self, i: usize) -> Pos {
        self.tokens.get(i).map(|t| t.pos).unwrap_or(self.pos)
    }

    /// Skips optional keywords (`IF NOT EXISTS`, `ONLY`…) at `i`.
    pub(crate) fn skip(&self, mut i: usize, optional: &[&[&str]]) -> usize {
        loop {
            let before = i;
            for seq in optional {
                if seq.iter().enumerate().all(|(k, w)| self.is(i + k, w)) {
                    i += seq.len();
                }
            }
            if i == before {
                return i;
            }
        }
    }

    /// A possibly qualified object name starting at token `i`: its last
    /// part (as written, and whether it was quoted) and the index after it.
    pub(crate) fn name_at(&self, i: usize) -> Option<(Name, usize)> {
        let mut i = i;
        loop {
            let name = match self.tokens.get(i).map(|t| &t.tok) {
                Some(Tok::Word { value, quoted, .. }) => Name {
                    value: value.clone(),
                    quoted: *quoted,
                },
                _ => return None,
            };
            i += 1;
            if self.tokens.get(i).is_some_and(|t| t.is_punct(".")) {
                i += 1;
                continue;
            }
            return Some((name, i));
        }
    }

    /// Where the last `kw` keyword before `pos` is (`pos` when none is):
    /// an unnamed constraint's span starts at its expression, so findings
    /// about it point at the `ADD` that introduces it.
    pub(crate) fn keyword_before(&self, pos: Pos, kw: &str) -> Pos {
        self.tokens
            .iter()
            .filter(|t| t.pos <= pos && t.is(kw))
            .map(|t| t.pos)
            .next_back()
            .unwrap_or(pos)
    }

    /// Is the rule silenced for this statement?
    pub(crate) fn ignores(&self, rule: &str) -> bool {
        self.ignores.iter().any(|r| r == rule)
    }
}

/// The last part of an object name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// As written, without quotes.
    pub value: String,
    /// Written with quotes (PostgreSQL keeps its case).
    pub quoted: bool,
}

impl Name {
    /// The key names are compared by: PostgreSQL folds unquoted names to
    /// lower case; MySQL and SQLite compare table names case-insensitively
    /// (on the platforms migrations run on).
    pub fn key(&self, dialect: Dialect) -> String {
        match dialect {
            Dialect::Postgres if self.quoted => self.value.clone(),
            _ => self.value.to_lowercase(),
        }
    }

    /// From sqlparser's name: its last part.
    pub fn of(name: &ast::ObjectName) -> Name {
        match name.0.last() {
            Some(ast::ObjectNamePart::Identifier(id)) => Name::ident(id),
            Some(other) => Name {
                value: other.to_string(),
                quoted: false,
            },
            None => Name {
                value: String::new(),
                quoted: false,
            },
        }
    }

    /// From an identifier.
    pub fn ident(id: &ast::Ident) -> Name {
        Name {
            value: id.value.clone(),
            quoted: id.quote_style.is_some(),
        }
    }
}

/// Line starts of a script, to turn byte offsets into positions.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(starts)
    }

    /// Byte offset where a 1-based line starts.
    fn start(&self, line: usize) -> usize {
        self.0
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or_else(|| self.0.last().copied().unwrap_or(0))
    }

    fn pos(&self, text: &str, offset: usize) -> Pos {
        let line = self.0.partition_point(|&s| s <= offset);
        let start = self.start(line);
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        Pos { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_statements_and_tokens() {
        let s = analyse(
            Dialect::Postgres,
            "select 1; select 1;\n\n  ALTER TABLE t\n    ADD COLUMN c int;",
        )
        .unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].pos, Pos { line: 1, column: 1 });
        assert_eq!(
            s[1].pos,
            Pos {
                line: 1,
                column: 11
            }
        );
        assert_eq!(s[2].pos, Pos { line: 3, column: 3 });
        let add = s[2].find(0, "ADD").unwrap();
        assert_eq!(s[2].pos_of(add), Pos { line: 4, column: 5 });
        assert!(s[2].ast.is_some());
    }

    #[test]
    fn ignore_comments_attach_to_the_right_statement() {
        let s = analyse(
            Dialect::Postgres,
            "DROP TABLE a; -- strata:ignore drop-table\n\
             -- strata:ignore rename-table, drop-column\n\
             ALTER TABLE b RENAME TO c;\n\
             DROP TABLE d /* strata:ignore drop-table */;\n\
             DROP TABLE e;",
        )
        .unwrap();
        assert_eq!(s[0].ignores, ["drop-table"]);
        assert_eq!(s[1].ignores, ["rename-table", "drop-column"]);
        assert_eq!(s[2].ignores, ["drop-table"]);
        assert!(s[3].ignores.is_empty());
    }

    #[test]
    fn unparseable_statements_keep_their_tokens() {
        let s = analyse(Dialect::Postgres, "DROP INDEX CONCURRENTLY IF EXISTS i;").unwrap();
        assert!(s[0].ast.is_none());
        assert!(s[0].parse_error.is_some());
        assert!(s[0].starts_with(&["DROP", "INDEX", "CONCURRENTLY"]));
        let i = s[0].skip(3, &[&["IF", "EXISTS"]]);
        assert_eq!(s[0].name_at(i).unwrap().0.value, "i");
    }

    #[test]
    fn quoted_words_are_not_keywords() {
        let s = analyse(Dialect::Postgres, "select \"DROP\" from t").unwrap();
        assert!(!s[0].tokens.iter().any(|t| t.is("DROP")));
    }

    #[test]
    fn names_fold_per_dialect() {
        let quoted = Name {
            value: "Users".into(),
            quoted: true,
        };
        assert_eq!(quoted.key(Dialect::Postgres), "Users");
        assert_eq!(quoted.key(Dialect::Mysql), "users");
    }
}
