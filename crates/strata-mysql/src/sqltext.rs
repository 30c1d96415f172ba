//! A small lexer for the SQL text the server hands back (view definitions,
//! check clauses), just enough to find quoted identifiers, dots and
//! parentheses outside string literals. The server prints this text itself,
//! so every identifier in it is backtick-quoted.

/// One lexical piece of SQL text, with its byte span in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// A backtick-quoted identifier, unescaped.
    Ident(String),
    Dot,
    Open,
    Close,
    /// A string literal, a word, an operator or whitespace.
    Other,
}

/// Tokens with their `start..end` byte offsets.
pub(crate) fn tokens(sql: &str) -> Vec<(Token, usize, usize)> {
    let bytes = sql.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let token = match bytes[i] {
            b'`' => {
                let (name, end) = quoted(sql, i, b'`');
                i = end;
                Token::Ident(name)
            }
            q @ (b'\'' | b'"') => {
                i = quoted(sql, i, q).1;
                Token::Other
            }
            b'.' => {
                i += 1;
                Token::Dot
            }
            b'(' => {
                i += 1;
                Token::Open
            }
            b')' => {
                i += 1;
                Token::Close
            }
            _ => {
                // Step over one whole character (identifiers may be unicode).
                i += sql[i..].chars().next().map_or(1, char::len_utf8);
                Token::Other
            }
        };
        out.push((token, start, i));
    }
    out
}

/// Reads a quoted run starting at `start` (which holds the quote): a doubled
/// quote is one quote, and in string literals a backslash escapes the next
/// character. Returns the content and the offset after the closing quote
/// (the end of the text when unterminated).
fn quoted(sql: &str, start: usize, quote: u8) -> (String, usize) {
    let bytes = sql.as_bytes();
    let mut i = start + 1;
    let mut content = Vec::new();
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && quote != b'`' && i + 1 < bytes.len() {
            content.extend_from_slice(&bytes[i..i + 2]);
            i += 2;
            continue;
        }
        if b == quote {
            if bytes.get(i + 1) == Some(&quote) {
                content.push(quote);
                i += 2;
                continue;
            }
            return (String::from_utf8_lossy(&content).into_owned(), i + 1);
        }
        content.push(b);
        i += 1;
    }
    (String::from_utf8_lossy(&content).into_owned(), bytes.len())
}

/// A reference found in a definition: `schema`.`name` (schema `None` when
/// unqualified), and whether it is called like a function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub schema: Option<String>,
    pub name: String,
    pub call: bool,
}

/// The qualified object names (`` `s`.`t` ``, the first two parts of a
/// longer chain) and the function calls (`` `f`( `` or `` `s`.`f`( ``) in
/// server-printed SQL.
pub(crate) fn references(sql: &str) -> Vec<Reference> {
    let toks: Vec<Token> = tokens(sql).into_iter().map(|(t, _, _)| t).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Start of a chain: an identifier not preceded by a dot.
        let Token::Ident(first) = &toks[i] else {
            i += 1;
            continue;
        };
        if i > 0 && toks[i - 1] == Token::Dot {
            i += 1;
            continue;
        }
        let mut chain = vec![first.clone()];
        let mut j = i + 1;
        while j + 1 < toks.len()
            && toks[j] == Token::Dot
            && let Token::Ident(next) = &toks[j + 1]
        {
            chain.push(next.clone());
            j += 2;
        }
        let call = toks.get(j) == Some(&Token::Open);
        match (chain.len(), call) {
            (1, true) => out.push(Reference {
                schema: None,
                name: chain[0].clone(),
                call: true,
            }),
            (2, true) => out.push(Reference {
                schema: Some(chain[0].clone()),
                name: chain[1].clone(),
                call: true,
            }),
            (n, false) if n >= 2 => out.push(Reference {
                schema: Some(chain[0].clone()),
                name: chain[1].clone(),
                call: false,
            }),
            _ => {}
        }
        i = j;
    }
    out
}

/// Removes `` `schema`. `` wherever it qualifies a name, outside literals.
pub(crate) fn strip_qualifier(sql: &str, schema: &str) -> String {
    let toks = tokens(sql);
    let mut out = String::with_capacity(sql.len());
    let mut last = 0;
    for w in toks.windows(2) {
        if let [(Token::Ident(name), start, _), (Token::Dot, _, dot_end)] = w
            && name == schema
        {
            // Only at the start of a chain: in `a`.`schema`.`x` the middle
            // part is a table, not a schema.
            let after_dot = sql[..*start].ends_with('.');
            if !after_dot {
                out.push_str(&sql[last..*start]);
                last = *dot_end;
            }
        }
    }
    out.push_str(&sql[last..]);
    out
}

/// Removes the charset introducer `_charset` in front of string literals
/// (`_utf8mb4'x'` -> `'x'`), outside literals and quoted names.
pub(crate) fn strip_introducer(sql: &str, charset: &str) -> String {
    let marker = format!("_{charset}");
    let toks = tokens(sql);
    let mut out = String::with_capacity(sql.len());
    let mut last = 0;
    for (tok, start, _) in &toks {
        // A literal right after the introducer's last letter.
        let literal = matches!(sql.as_bytes().get(*start), Some(b'\'' | b'"'));
        if *tok == Token::Other && literal && sql[last..*start].ends_with(&marker) {
            let cut = *start - marker.len();
            // The introducer is a word of its own, not the end of a longer one.
            let before = sql[..cut].chars().next_back();
            if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$')) {
                out.push_str(&sql[last..cut]);
                last = *start;
            }
        }
    }
    out.push_str(&sql[last..]);
    out
}

/// Removes parentheses that enclose the whole expression (`(a > 0)` ->
/// `a > 0`), as many layers as there are.
pub(crate) fn strip_outer_parens(sql: &str) -> String {
    let mut text = sql.trim();
    loop {
        let toks = tokens(text);
        let (Some((Token::Open, 0, _)), Some((Token::Close, _, end))) = (toks.first(), toks.last())
        else {
            return text.to_string();
        };
        if *end != text.len() {
            return text.to_string();
        }
        // The first parenthesis must close at the very end.
        let mut depth = 0usize;
        for (idx, (t, _, _)) in toks.iter().enumerate() {
            match t {
                Token::Open => depth += 1,
                Token::Close => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && idx + 1 != toks.len() {
                        return text.to_string();
                    }
                }
                _ => {}
            }
        }
        text = text[1..text.len() - 1].trim();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_are_stripped_outside_literals() {
        let def = "select `shop`.`p`.`id` AS `id`,'`shop`.x' AS `s`,`other`.`t`.`a` AS `a` \
                   from `shop`.`p` join `other`.`t` where `p`.`shop`.`z` = 'it''s `shop`.'";
        assert_eq!(
            strip_qualifier(def, "shop"),
            "select `p`.`id` AS `id`,'`shop`.x' AS `s`,`other`.`t`.`a` AS `a` \
             from `p` join `other`.`t` where `p`.`shop`.`z` = 'it''s `shop`.'"
        );
        assert_eq!(
            strip_qualifier("select `we``ird`.`t`.`c` from `we``ird`.`t`", "we`ird"),
            "select `t`.`c` from `t`"
        );
    }

    #[test]
    fn references_find_objects_and_calls() {
        let refs = references(
            "select `f`(`v`.`id`,'`x`.`y`') AS `fx`,`s`.`g`(1) from `shop`.`v` join `shop`.`t`",
        );
        let r = |s: Option<&str>, n: &str, call| Reference {
            schema: s.map(str::to_string),
            name: n.into(),
            call,
        };
        assert_eq!(
            refs,
            [
                r(None, "f", true),
                r(Some("v"), "id", false),
                r(Some("s"), "g", true),
                r(Some("shop"), "v", false),
                r(Some("shop"), "t", false),
            ]
        );
    }

    #[test]
    fn outer_parentheses() {
        assert_eq!(strip_outer_parens("(`a` > 0)"), "`a` > 0");
        assert_eq!(strip_outer_parens("((`a` > 0))"), "`a` > 0");
        assert_eq!(
            strip_outer_parens("(a > 0) and (b > 0)"),
            "(a > 0) and (b > 0)"
        );
        assert_eq!(strip_outer_parens("`a` in (1,2)"), "`a` in (1,2)");
        assert_eq!(strip_outer_parens("(a = ')')"), "a = ')'");
    }
}
