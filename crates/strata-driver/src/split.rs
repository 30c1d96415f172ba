//! Splitting SQL scripts into statements.
//!
//! Cutting at `;` with a regex breaks on dollar-quoted bodies, literals and
//! comments that contain `;`, and on compound statements (`BEGIN … END`) in
//! MySQL and SQLite triggers and routines. This splitter runs sqlparser's
//! tokenizer (which knows each dialect's quoting), tracks compound-statement
//! nesting, and honours MySQL client `DELIMITER` lines.

use sqlparser::dialect::{Dialect as SqlDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::tokenizer::{Token, TokenWithSpan, Tokenizer};
use strata_model::Dialect;

/// One statement of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement text, without its terminator.
    pub text: String,
    /// 1-based line of its first token in the script.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct SplitError {
    pub line: usize,
    pub message: String,
}

fn sql_dialect(dialect: Dialect) -> Box<dyn SqlDialect> {
    match dialect {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::Mysql => Box::new(MySqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
    }
}

/// Splits a script into statements, dropping empty ones (only whitespace
/// or comments).
pub fn split_script(dialect: Dialect, script: &str) -> Result<Vec<Statement>, SplitError> {
    let mut out = Vec::new();
    if dialect == Dialect::Mysql {
        for segment in delimiter_segments(script)? {
            if segment.delimiter == ";" {
                split_segment(dialect, &segment.text, segment.first_line, &mut out)?;
            } else {
                split_custom(dialect, &segment, &mut out)?;
            }
        }
    } else {
        split_segment(dialect, script, 1, &mut out)?;
    }
    Ok(out)
}

/// A stretch of a MySQL script under one `DELIMITER`.
struct Segment {
    text: String,
    first_line: usize,
    delimiter: String,
}

/// Cuts a MySQL script at its `DELIMITER x` client commands. Such a command
/// is a line of its own; the mysql client treats it the same way.
fn delimiter_segments(script: &str) -> Result<Vec<Segment>, SplitError> {
    let mut segments = Vec::new();
    let mut current = Segment {
        text: String::new(),
        first_line: 1,
        delimiter: ";".into(),
    };
    for (index, line) in script.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        let is_delimiter = trimmed.len() > 9
            && trimmed
                .get(..9)
                .is_some_and(|w| w.eq_ignore_ascii_case("delimiter"))
            && trimmed.as_bytes()[9].is_ascii_whitespace();
        if is_delimiter {
            let new = trimmed[10..].trim();
            if new.is_empty() {
                return Err(SplitError {
                    line: index + 1,
                    message: "DELIMITER without a delimiter".into(),
                });
            }
            let next = Segment {
                text: String::new(),
                first_line: index + 2,
                delimiter: new.to_string(),
            };
            segments.push(std::mem::replace(&mut current, next));
        } else {
            current.text.push_str(line);
        }
    }
    segments.push(current);
    Ok(segments)
}

fn tokenize(
    dialect: Dialect,
    text: &str,
    first_line: usize,
) -> Result<Vec<TokenWithSpan>, SplitError> {
    let d = sql_dialect(dialect);
    Tokenizer::new(d.as_ref(), text)
        .with_unescape(false)
        .tokenize_with_location()
        .map_err(|e| SplitError {
            line: first_line + e.location.line.saturating_sub(1) as usize,
            message: e.message,
        })
}

/// Byte offsets of line starts, to turn token locations into slices.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Byte offset of a 1-based (line, char column) location.
    fn offset(&self, text: &str, line: u64, column: u64) -> usize {
        let start = self
            .starts
            .get((line.max(1) - 1) as usize)
            .copied()
            .unwrap_or(text.len());
        let rest = &text[start..];
        rest.char_indices()
            .nth((column.max(1) - 1) as usize)
            .map(|(i, _)| start + i)
            .unwrap_or(text.len())
    }
}

fn is_trivia(t: &Token) -> bool {
    matches!(t, Token::Whitespace(_))
}

/// The upper-cased text of an unquoted word (not every word the splitter
/// cares about, such as `LOOP`, is one of sqlparser's keywords).
fn keyword(t: &Token) -> Option<String> {
    match t {
        Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
        _ => None,
    }
}

/// Splits text whose statements end with `;`.
fn split_segment(
    dialect: Dialect,
    text: &str,
    first_line: usize,
    out: &mut Vec<Statement>,
) -> Result<(), SplitError> {
    let tokens = tokenize(dialect, text, first_line)?;
    let index = LineIndex::new(text);
    let mut blocks = BlockTracker::default();
    let mut start: Option<usize> = None; // token index of the statement's first token

    let mut i = 0;
    while i < tokens.len() {
        let tok = &tokens[i].token;
        if is_trivia(tok) || matches!(tok, Token::EOF) {
            i += 1;
            continue;
        }
        let statement_start = *start.get_or_insert(i);
        if matches!(tok, Token::SemiColon) && blocks.depth() == 0 {
            push(out, text, &index, &tokens, statement_start, i, first_line);
            start = None;
            blocks = BlockTracker::default();
        } else {
            let next = next_significant(&tokens, i + 1);
            blocks.see(tok, next);
        }
        i += 1;
    }
    if let Some(s) = start {
        push(out, text, &index, &tokens, s, tokens.len(), first_line);
    }
    Ok(())
}

/// Splits text whose statements end with a custom MySQL delimiter (`;;`, `//`, `$$`).
///
/// Like the mysql client, the delimiter is found anywhere outside literals,
/// quoted identifiers and comments, also at the end of a word: `$` is an
/// identifier character in MySQL, so `END$$` is a single word that ends
/// with the delimiter.
fn split_custom(
    dialect: Dialect,
    segment: &Segment,
    out: &mut Vec<Statement>,
) -> Result<(), SplitError> {
    let text = segment.text.as_str();
    let delimiter = segment.delimiter.as_str();
    let tokens = tokenize(dialect, text, segment.first_line)?;
    let index = LineIndex::new(text);
    let starts: Vec<usize> = tokens
        .iter()
        .map(|t| index.offset(text, t.span.start.line, t.span.start.column))
        .collect();
    let emit = |out: &mut Vec<Statement>, from: usize, to: usize| {
        let body = text[from..to].trim_end();
        if !body.is_empty() {
            out.push(Statement {
                text: body.to_string(),
                line: segment.first_line + text[..from].matches('\n').count(),
            });
        }
    };
    // Byte offsets: the statement's first significant byte, the end of its
    // last significant token, and where the text after the last delimiter starts.
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut resume = 0;
    for (i, t) in tokens.iter().enumerate() {
        if matches!(t.token, Token::EOF) {
            break;
        }
        let mut a = starts[i].max(resume);
        let b = starts.get(i + 1).copied().unwrap_or(text.len());
        if may_start_delimiter(&t.token) {
            while let Some(cut) = text[a..]
                .find(delimiter)
                .map(|p| a + p)
                .filter(|&cut| cut < b)
            {
                if cut > a {
                    start.get_or_insert(a);
                    end = cut;
                }
                if let Some(s) = start.take() {
                    emit(out, s, end);
                }
                resume = cut + delimiter.len();
                a = resume;
            }
        }
        if a < b && !is_trivia(&t.token) {
            start.get_or_insert(a);
            end = b;
        }
    }
    if let Some(s) = start {
        emit(out, s, end);
    }
    Ok(())
}

/// Could a custom delimiter start at this token? Not inside a literal or a
/// quoted identifier. (MySQL reads `$` as an identifier character, so a `$$`
/// delimiter arrives as a word.)
fn may_start_delimiter(t: &Token) -> bool {
    !matches!(
        t,
        Token::Word(sqlparser::tokenizer::Word {
            quote_style: Some(_),
            ..
        }) | Token::Number(..)
            | Token::SingleQuotedString(_)
            | Token::DoubleQuotedString(_)
            | Token::DollarQuotedString(_)
            | Token::NationalStringLiteral(_)
            | Token::EscapedStringLiteral(_)
            | Token::HexStringLiteral(_)
            | Token::Whitespace(_)
    )
}

fn next_significant(tokens: &[TokenWithSpan], from: usize) -> Option<&Token> {
    tokens[from..]
        .iter()
        .map(|t| &t.token)
        .find(|t| !is_trivia(t))
}

fn push(
    out: &mut Vec<Statement>,
    text: &str,
    index: &LineIndex,
    tokens: &[TokenWithSpan],
    first: usize,
    end: usize,
    first_line: usize,
) {
    // The statement ends at the last significant token before `end`.
    let Some(last) = (first..end)
        .rev()
        .find(|&k| !is_trivia(&tokens[k].token) && !matches!(tokens[k].token, Token::EOF))
    else {
        return;
    };
    let a = tokens[first].span.start;
    let start = index.offset(text, a.line, a.column);
    let stop = match tokens.get(last + 1) {
        Some(t) => index.offset(text, t.span.start.line, t.span.start.column),
        None => text.len(),
    };
    let body = text[start..stop].trim_end();
    if body.is_empty() {
        return;
    }
    out.push(Statement {
        text: body.to_string(),
        line: first_line + a.line.saturating_sub(1) as usize,
    });
}

/// Tracks `BEGIN … END` nesting inside a statement that creates a trigger,
/// routine or event, so that the `;` inside its body does not end it.
#[derive(Default)]
struct BlockTracker {
    /// Significant words seen so far in this statement (only the first few matter).
    words_seen: usize,
    /// The statement creates a trigger, function, procedure or event.
    compound_allowed: bool,
    starts_with_create: bool,
    stack: Vec<&'static str>,
    /// The word after `END` (`END IF`, `END CASE`…) belongs to the END.
    skip_next: bool,
}

impl BlockTracker {
    fn depth(&self) -> usize {
        self.stack.len()
    }

    fn see(&mut self, tok: &Token, next: Option<&Token>) {
        let kw = keyword(tok);
        if self.words_seen == 0 {
            self.starts_with_create = kw.as_deref() == Some("CREATE");
        }
        self.words_seen += 1;
        let Some(kw) = kw else { return };
        if std::mem::take(&mut self.skip_next) {
            return;
        }
        if self.starts_with_create
            && self.stack.is_empty()
            && matches!(kw.as_str(), "TRIGGER" | "FUNCTION" | "PROCEDURE" | "EVENT")
        {
            self.compound_allowed = true;
        }
        if !self.compound_allowed {
            return;
        }
        match kw.as_str() {
            "BEGIN" => {
                // `BEGIN;`, `BEGIN WORK` and `BEGIN TRANSACTION` start a
                // transaction, not a block.
                let transaction = matches!(next, Some(Token::SemiColon) | None)
                    || next
                        .and_then(keyword)
                        .is_some_and(|k| matches!(k.as_str(), "WORK" | "TRANSACTION"));
                if !transaction {
                    self.stack.push("BEGIN");
                }
            }
            "CASE" if !self.stack.is_empty() => self.stack.push("CASE"),
            "END" if !self.stack.is_empty() => {
                // END IF / END LOOP / END WHILE / END REPEAT close blocks that
                // never contain a bare END, and were never pushed.
                let follower = next.and_then(keyword);
                let closes_unpushed = follower
                    .as_deref()
                    .is_some_and(|k| matches!(k, "IF" | "LOOP" | "WHILE" | "REPEAT"));
                self.skip_next = follower
                    .as_deref()
                    .is_some_and(|k| matches!(k, "IF" | "LOOP" | "WHILE" | "REPEAT" | "CASE"));
                if !closes_unpushed {
                    self.stack.pop();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: Dialect, s: &str) -> Vec<String> {
        split_script(d, s)
            .unwrap()
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn plain_statements_and_lines() {
        let s = split_script(Dialect::Postgres, "select 1;\n\n-- c;\nselect ';';\n").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "select 1");
        assert_eq!(s[1].text, "select ';'");
        assert_eq!(s[1].line, 4);
    }

    #[test]
    fn dollar_quoted_bodies() {
        let sql = "create function f() returns int language plpgsql as $$ begin return 1; end; $$;\nDO $x$ begin perform 1; end $x$;\nselect 2";
        let t = texts(Dialect::Postgres, sql);
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t[0].ends_with("$$"));
        assert!(t[1].starts_with("DO"));
    }

    #[test]
    fn comments_with_semicolons() {
        let t = texts(
            Dialect::Postgres,
            "/* a; b */ select 1; -- x;\nselect 2 /* ; */;",
        );
        assert_eq!(t.len(), 2, "{t:?}");
    }

    #[test]
    fn postgres_begin_is_a_transaction() {
        let t = texts(Dialect::Postgres, "BEGIN; create table t(a int); COMMIT;");
        assert_eq!(t, ["BEGIN", "create table t(a int)", "COMMIT"]);
    }

    #[test]
    fn postgres_begin_atomic_body() {
        let t = texts(
            Dialect::Postgres,
            "create function f() returns int language sql begin atomic select 1; select 2; end; select 3;",
        );
        assert_eq!(t.len(), 2, "{t:?}");
    }

    #[test]
    fn sqlite_trigger_bodies() {
        let sql = "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = CASE WHEN 1 THEN 2 ELSE 3 END; DELETE FROM b; END;\nCREATE TABLE c(x);";
        let t = texts(Dialect::Sqlite, sql);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[0].ends_with("END"));
    }

    #[test]
    fn mysql_compound_statements_without_delimiter() {
        let sql = "CREATE PROCEDURE p() BEGIN DECLARE x INT; IF x > 1 THEN SET x = 2; END IF; lbl: LOOP LEAVE lbl; END LOOP; CASE x WHEN 1 THEN SET x = 3; END CASE; END;\nSELECT 1;";
        let t = texts(Dialect::Mysql, sql);
        assert_eq!(t.len(), 2, "{t:?}");
    }

    #[test]
    fn mysql_delimiter_lines() {
        let sql = "CREATE TABLE a (x int);\nDELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN SET NEW.x = 1; END;;\nDELIMITER ;\nSELECT 1;\nDELIMITER $$\nCREATE FUNCTION f() RETURNS INT BEGIN RETURN 1; END $$\nDELIMITER ;\n";
        let s = split_script(Dialect::Mysql, sql).unwrap();
        let t: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[1].ends_with("END"), "{t:?}");
        assert!(t[3].ends_with("END"), "{t:?}");
        assert_eq!(s[1].line, 3);
        assert_eq!(s[3].line, 7);
    }

    #[test]
    fn mysql_delimiter_at_the_end_of_a_word() {
        for d in ["$$", "//", ";;"] {
            let sql = format!(
                "DELIMITER {d}\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW\nBEGIN\n  SET NEW.x = 1;\n  SET NEW.y = 'a{d}b';\nEND{d}\nCREATE PROCEDURE p() BEGIN SELECT 1; END{d}\nDELIMITER ;\nSELECT 2;\n"
            );
            let s = split_script(Dialect::Mysql, &sql).unwrap();
            let t: Vec<_> = s.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(t.len(), 3, "{d}: {t:?}");
            assert!(t[0].starts_with("CREATE TRIGGER t"), "{d}: {t:?}");
            assert!(t[0].ends_with("\nEND"), "{d}: {t:?}");
            assert!(t[0].contains(&format!("'a{d}b'")), "{d}: {t:?}");
            assert_eq!(t[1], "CREATE PROCEDURE p() BEGIN SELECT 1; END", "{d}");
            assert_eq!(t[2], "SELECT 2", "{d}");
            assert_eq!((s[0].line, s[1].line, s[2].line), (2, 7, 9), "{d}");
        }
    }

    #[test]
    fn mysql_delimiter_not_in_comments_or_quoted_names() {
        let sql =
            "DELIMITER $$\n-- a comment END$$\nSELECT `x$$y` FROM t$$\nSELECT 1 $$ SELECT 2$$\n";
        let t = texts(Dialect::Mysql, sql);
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t[0].ends_with("SELECT `x$$y` FROM t"), "{t:?}");
        assert_eq!(t[1], "SELECT 1");
        assert_eq!(t[2], "SELECT 2");
    }

    #[test]
    fn a_line_with_a_multibyte_character_near_the_start_is_no_delimiter() {
        let t = texts(
            Dialect::Mysql,
            "INSERT INTO a VALUES\n(77, N'Cássia Eller'),\n(78, 'x');",
        );
        assert_eq!(t.len(), 1, "{t:?}");
    }

    #[test]
    fn mysql_backticks_and_hash_comments() {
        let t = texts(
            Dialect::Mysql,
            "select `a;b` from t; # c;\nselect 'x\\';y';",
        );
        assert_eq!(t.len(), 2, "{t:?}");
    }

    #[test]
    fn unterminated_literal_is_an_error_with_a_line() {
        let err = split_script(Dialect::Postgres, "select 1;\nselect 'oops").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
