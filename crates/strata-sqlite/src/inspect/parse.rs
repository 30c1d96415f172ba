//! Reading `sqlite_schema.sql`: the facts SQLite keeps only in the text of
//! each CREATE statement (constraint names, CHECK and generated
//! expressions, COLLATE, AUTOINCREMENT, MATCH, DEFERRABLE, index
//! expressions and predicates, view queries, trigger timing and events).
//!
//! Structure comes from sqlparser's AST. Expression text never comes from
//! sqlparser's printer (it changes case and spacing): it is sliced out of
//! the original statement by token positions, so it is exactly what the
//! user wrote. sqlparser's spans do not cover the parentheses around nested
//! expressions, so slices are located by tokens (the parentheses after
//! `CHECK`, the text after a top-level `WHERE`), paired in order with the
//! AST nodes they belong to.

use super::dialect::SqliteTypes;
use crate::normalize;
use sqlparser::ast::{
    ColumnOption, ConstraintCharacteristics, ConstraintReferenceMatchKind, DeferrableInitial, Expr,
    ForeignKeyConstraint, GeneratedExpressionMode, ObjectName, OrderByExpr, Query, Statement,
    TableConstraint, TriggerEvent, TriggerPeriod, Visit, Visitor,
};
use sqlparser::keywords::Keyword;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer, Whitespace};
use std::collections::BTreeSet;
use std::ops::ControlFlow;
use strata_model::{MatchType, TriggerTiming};

/// Why a stored statement could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct ParseError(String);

fn err<T>(message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(message.into()))
}

/// One token of the original text with its byte range.
struct Tok {
    token: Token,
    start: usize,
    end: usize,
}

/// The original statement text with its tokens, for slicing.
pub(crate) struct Source<'a> {
    text: &'a str,
    toks: Vec<Tok>,
}

impl<'a> Source<'a> {
    pub(crate) fn new(text: &'a str) -> Result<Self, ParseError> {
        let tokens = Tokenizer::new(&SqliteTypes::default(), text)
            .with_unescape(false)
            .tokenize_with_location()
            .map_err(|e| ParseError(e.message))?;
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let offset = |line: u64, column: u64| -> usize {
            let start = line_starts
                .get((line.max(1) - 1) as usize)
                .copied()
                .unwrap_or(text.len());
            text[start..]
                .char_indices()
                .nth((column.max(1) - 1) as usize)
                .map(|(i, _)| start + i)
                .unwrap_or(text.len())
        };
        let starts: Vec<usize> = tokens
            .iter()
            .map(|t| offset(t.span.start.line, t.span.start.column))
            .collect();
        let toks = tokens
            .into_iter()
            .enumerate()
            .filter(|(_, t)| !matches!(t.token, Token::EOF))
            .map(|(i, t)| Tok {
                token: t.token,
                start: starts[i],
                end: starts.get(i + 1).copied().unwrap_or(text.len()),
            })
            .collect();
        Ok(Source { text, toks })
    }

    /// Not whitespace or a comment: what keyword scanning looks at.
    fn significant(&self, i: usize) -> bool {
        !matches!(self.toks[i].token, Token::Whitespace(_))
    }

    /// Not plain whitespace: comments are part of the text a user wrote,
    /// and a `--` comment must keep the line break that ends it.
    fn content(&self, i: usize) -> bool {
        !matches!(
            self.toks[i].token,
            Token::Whitespace(Whitespace::Space | Whitespace::Newline | Whitespace::Tab)
        )
    }

    /// The next significant token at or after `i`.
    fn next_significant(&self, i: usize) -> Option<usize> {
        (i..self.toks.len()).find(|&j| self.significant(j))
    }

    /// The `)` that closes the `(` at `open`.
    fn closing(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for j in open..self.toks.len() {
            match self.toks[j].token {
                Token::LParen => depth += 1,
                Token::RParen => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// The text of tokens `from..to`, without surrounding whitespace. A
    /// trailing `--` comment keeps a line break after it, so that whatever
    /// is written after the text is not commented out.
    fn slice(&self, from: usize, to: usize) -> String {
        let first = (from..to).find(|&j| self.content(j));
        let last = (from..to).rev().find(|&j| self.content(j));
        match (first, last) {
            (Some(a), Some(b)) => {
                let mut text = self.text[self.toks[a].start..self.toks[b].end].to_string();
                if matches!(
                    self.toks[b].token,
                    Token::Whitespace(Whitespace::SingleLineComment { .. })
                ) && !text.ends_with('\n')
                {
                    text.push('\n');
                }
                text
            }
            _ => String::new(),
        }
    }

    /// Indices of significant tokens at paren depth `depth` (0 = top level),
    /// with their depth tracked over the whole statement.
    fn at_depth(&self, depth: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut d = 0usize;
        for (j, t) in self.toks.iter().enumerate() {
            match t.token {
                Token::LParen => {
                    if d == depth {
                        out.push(j);
                    }
                    d += 1;
                }
                Token::RParen => {
                    d = d.saturating_sub(1);
                    if d == depth {
                        out.push(j);
                    }
                }
                Token::Whitespace(_) => {}
                _ if d == depth => out.push(j),
                _ => {}
            }
        }
        out
    }

    fn is_keyword(&self, i: usize, keyword: Keyword) -> bool {
        matches!(&self.toks[i].token, Token::Word(w) if w.quote_style.is_none() && w.keyword == keyword)
    }

    /// For every unquoted `keyword` at `depth` that is followed by `(`, the
    /// text inside those parentheses.
    fn parenthesised_after(&self, keyword: Keyword, depth: usize) -> Vec<String> {
        let mut out = Vec::new();
        for i in self.at_depth(depth) {
            if !self.is_keyword(i, keyword) {
                continue;
            }
            if let Some(open) = self.next_significant(i + 1)
                && self.toks[open].token == Token::LParen
                && let Some(close) = self.closing(open)
            {
                out.push(self.slice(open + 1, close));
            }
        }
        out
    }

    /// The text after the first unquoted `keyword` at the top level.
    fn after_top_level(&self, keyword: Keyword) -> Option<String> {
        let i = self
            .at_depth(0)
            .into_iter()
            .find(|&i| self.is_keyword(i, keyword))?;
        let end = (i..self.toks.len())
            .find(|&j| self.toks[j].token == Token::SemiColon)
            .unwrap_or(self.toks.len());
        Some(self.slice(i + 1, end))
    }

    /// The first `(` at the top level after the first top-level `keyword`.
    fn paren_after_top_level(&self, keyword: Keyword) -> Option<usize> {
        let top = self.at_depth(0);
        let kw = top.iter().position(|&i| self.is_keyword(i, keyword))?;
        top[kw..]
            .iter()
            .copied()
            .find(|&i| self.toks[i].token == Token::LParen)
    }

    /// The comma-separated items inside the parentheses opened at `open`,
    /// each as a token range.
    fn items(&self, open: usize) -> Vec<(usize, usize)> {
        let Some(close) = self.closing(open) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut start = open + 1;
        for j in open + 1..close {
            match self.toks[j].token {
                Token::LParen => depth += 1,
                Token::RParen => depth = depth.saturating_sub(1),
                Token::Comma if depth == 0 => {
                    out.push((start, j));
                    start = j + 1;
                }
                _ => {}
            }
        }
        out.push((start, close));
        out
    }

    /// Byte ranges of `ON CONFLICT <resolution>` clauses inside the
    /// column list of a CREATE TABLE.
    fn conflict_clauses(&self) -> Vec<(usize, usize)> {
        let sig = self.at_depth(1);
        let mut out = Vec::new();
        for w in sig.windows(3) {
            if self.is_keyword(w[0], Keyword::ON)
                && self.is_keyword(w[1], Keyword::CONFLICT)
                && matches!(self.toks[w[2]].token, Token::Word(_))
            {
                out.push((self.toks[w[0]].start, self.toks[w[2]].end));
            }
        }
        out
    }

    /// The significant tokens of a range.
    fn significant_in(&self, from: usize, to: usize) -> Vec<usize> {
        (from..to).filter(|&j| self.significant(j)).collect()
    }
}

fn parse_statement(sql: &str) -> Result<Statement, ParseError> {
    let mut statements = Parser::new(&SqliteTypes::default())
        .try_with_sql(sql)
        .and_then(|mut p| p.parse_statements())
        .map_err(|e| ParseError(e.to_string()))?;
    if statements.len() != 1 {
        return err(format!(
            "expected one statement, found {}",
            statements.len()
        ));
    }
    Ok(statements.remove(0))
}

fn last_ident(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|p| p.as_ident())
        .map(|i| i.value.clone())
        .unwrap_or_default()
}

/// A column as CREATE TABLE declares it: what the pragmas do not say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParsedColumn {
    pub name: String,
    pub collation: Option<String>,
    pub autoincrement: bool,
    /// The generation expression as written (without its parentheses).
    pub generated: Option<String>,
    pub stored: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedUnique {
    pub name: Option<String>,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedCheck {
    pub name: Option<String>,
    pub expression: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedForeignKey {
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub table: String,
    pub referred_columns: Vec<String>,
    pub match_type: MatchType,
    pub deferrable: bool,
    pub initially_deferred: bool,
}

/// What a CREATE TABLE says beyond the pragmas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParsedTable {
    pub columns: Vec<ParsedColumn>,
    pub primary_key_name: Option<String>,
    pub uniques: Vec<ParsedUnique>,
    pub checks: Vec<ParsedCheck>,
    pub foreign_keys: Vec<ParsedForeignKey>,
    /// The statement has `ON CONFLICT` clauses, which the model does not
    /// keep.
    pub on_conflict: bool,
}

fn index_column_names(columns: &[sqlparser::ast::IndexColumn]) -> Vec<String> {
    columns
        .iter()
        .map(|c| match strip_collate(&c.column).0 {
            Expr::Identifier(i) => i.value.clone(),
            Expr::CompoundIdentifier(parts) => {
                parts.last().map(|i| i.value.clone()).unwrap_or_default()
            }
            other => other.to_string(),
        })
        .collect()
}

/// The expression of an index key part without a top-level COLLATE, and the
/// collation.
fn strip_collate(e: &OrderByExpr) -> (&Expr, Option<String>) {
    match &e.expr {
        Expr::Collate { expr, collation } => (expr, Some(last_ident(collation))),
        other => (other, None),
    }
}

fn deferral(c: &Option<ConstraintCharacteristics>) -> (bool, bool) {
    let Some(c) = c else {
        return (false, false);
    };
    (
        c.deferrable == Some(true),
        c.deferrable == Some(true) && c.initially == Some(DeferrableInitial::Deferred),
    )
}

fn foreign_key(fk: &ForeignKeyConstraint, column: Option<&str>) -> ParsedForeignKey {
    let (deferrable, initially_deferred) = deferral(&fk.characteristics);
    ParsedForeignKey {
        name: fk.name.as_ref().map(|n| n.value.clone()),
        columns: match column {
            Some(c) => vec![c.to_string()],
            None => fk.columns.iter().map(|c| c.value.clone()).collect(),
        },
        table: last_ident(&fk.foreign_table),
        referred_columns: fk
            .referred_columns
            .iter()
            .map(|c| c.value.clone())
            .collect(),
        match_type: match fk.match_kind {
            Some(ConstraintReferenceMatchKind::Full) => MatchType::Full,
            Some(ConstraintReferenceMatchKind::Partial) => MatchType::Partial,
            Some(ConstraintReferenceMatchKind::Simple) | None => MatchType::Simple,
        },
        deferrable,
        initially_deferred,
    }
}

/// Reads a CREATE TABLE statement.
pub(crate) fn parse_table(sql: &str) -> Result<ParsedTable, ParseError> {
    let source = Source::new(sql)?;
    let conflicts = source.conflict_clauses();
    let statement = match parse_statement(sql) {
        Ok(s) => s,
        // sqlparser does not read `ON CONFLICT` after a table constraint.
        // The model does not keep those clauses: blank them out (same
        // length, so token positions stay) and read the rest.
        Err(e) if !conflicts.is_empty() => {
            let mut text = sql.to_string();
            for (from, to) in &conflicts {
                text.replace_range(*from..*to, &" ".repeat(to - from));
            }
            parse_statement(&text).map_err(|_| e)?
        }
        Err(e) => return Err(e),
    };
    let Statement::CreateTable(ct) = statement else {
        return err("not a CREATE TABLE statement");
    };
    // Inside the column list, CHECK and AS (of a generated column) at depth 1
    // are always followed by their parenthesised expression; everywhere
    // else they sit deeper. SQLite puts every column before every table
    // constraint, so source order is the AST's order.
    let mut check_texts = source.parenthesised_after(Keyword::CHECK, 1).into_iter();
    let mut generated_texts = source.parenthesised_after(Keyword::AS, 1).into_iter();
    let mut table = ParsedTable {
        on_conflict: !conflicts.is_empty(),
        ..ParsedTable::default()
    };

    for col in &ct.columns {
        let mut parsed = ParsedColumn {
            name: col.name.value.clone(),
            ..ParsedColumn::default()
        };
        for def in &col.options {
            match &def.option {
                ColumnOption::Collation(name) => {
                    parsed.collation = Some(normalize::collation(&last_ident(name)));
                }
                ColumnOption::DialectSpecific(tokens)
                    if tokens.iter().any(
                        |t| matches!(t, Token::Word(w) if w.keyword == Keyword::AUTOINCREMENT),
                    ) =>
                {
                    parsed.autoincrement = true;
                }
                ColumnOption::PrimaryKey(pk) => {
                    if let Some(n) = def.name.as_ref().or(pk.name.as_ref()) {
                        table.primary_key_name = Some(n.value.clone());
                    }
                }
                ColumnOption::Unique(u) => table.uniques.push(ParsedUnique {
                    name: def
                        .name
                        .as_ref()
                        .or(u.name.as_ref())
                        .map(|n| n.value.clone()),
                    columns: vec![col.name.value.clone()],
                }),
                ColumnOption::Check(_) => {
                    let Some(text) = check_texts.next() else {
                        return err("a CHECK constraint without its expression");
                    };
                    table.checks.push(ParsedCheck {
                        name: def.name.as_ref().map(|n| n.value.clone()),
                        expression: text,
                    });
                }
                ColumnOption::ForeignKey(fk) => {
                    let mut key = foreign_key(fk, Some(&col.name.value));
                    if key.name.is_none() {
                        key.name = def.name.as_ref().map(|n| n.value.clone());
                    }
                    table.foreign_keys.push(key);
                }
                ColumnOption::Generated {
                    generation_expr: Some(_),
                    generation_expr_mode,
                    ..
                } => {
                    let Some(text) = generated_texts.next() else {
                        return err("a generated column without its expression");
                    };
                    parsed.generated = Some(text);
                    parsed.stored = *generation_expr_mode == Some(GeneratedExpressionMode::Stored);
                }
                _ => {}
            }
        }
        table.columns.push(parsed);
    }
    for constraint in &ct.constraints {
        match constraint {
            TableConstraint::PrimaryKey(pk) => {
                table.primary_key_name = pk.name.as_ref().map(|n| n.value.clone());
            }
            TableConstraint::Unique(u) => table.uniques.push(ParsedUnique {
                name: u.name.as_ref().map(|n| n.value.clone()),
                columns: index_column_names(&u.columns),
            }),
            TableConstraint::Check(c) => {
                let Some(text) = check_texts.next() else {
                    return err("a CHECK constraint without its expression");
                };
                table.checks.push(ParsedCheck {
                    name: c.name.as_ref().map(|n| n.value.clone()),
                    expression: text,
                });
            }
            TableConstraint::ForeignKey(fk) => table.foreign_keys.push(foreign_key(fk, None)),
            _ => {}
        }
    }
    if check_texts.next().is_some() || generated_texts.next().is_some() {
        return err("CHECK or generated expressions do not line up with the parsed statement");
    }
    Ok(table)
}

/// One key part of a CREATE INDEX: the expression text (for parts that
/// are not plain columns) and an explicit COLLATE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedIndexPart {
    pub expression: String,
    pub collation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedIndex {
    pub parts: Vec<ParsedIndexPart>,
    pub predicate: Option<String>,
}

/// Reads a CREATE INDEX statement.
pub(crate) fn parse_index(sql: &str) -> Result<ParsedIndex, ParseError> {
    let Statement::CreateIndex(ci) = parse_statement(sql)? else {
        return err("not a CREATE INDEX statement");
    };
    let source = Source::new(sql)?;
    let Some(open) = source.paren_after_top_level(Keyword::ON) else {
        return err("CREATE INDEX without a column list");
    };
    let items = source.items(open);
    if items.len() != ci.columns.len() {
        return err("index key parts do not line up with the parsed statement");
    }
    let mut parts = Vec::new();
    for ((from, to), col) in items.into_iter().zip(&ci.columns) {
        let (_, collation) = strip_collate(&col.column);
        // Drop a trailing ASC/DESC and COLLATE name: what is left is the
        // key expression as written.
        let mut sig = source.significant_in(from, to);
        if let Some(&last) = sig.last()
            && (source.is_keyword(last, Keyword::ASC) || source.is_keyword(last, Keyword::DESC))
        {
            sig.pop();
        }
        if collation.is_some() && sig.len() >= 2 {
            let kw = sig[sig.len() - 2];
            if source.is_keyword(kw, Keyword::COLLATE) {
                sig.truncate(sig.len() - 2);
            }
        }
        let expression = match (sig.first(), sig.last()) {
            (Some(&a), Some(&b)) => source.slice(a, b + 1),
            _ => String::new(),
        };
        parts.push(ParsedIndexPart {
            expression,
            collation: collation.map(|c| normalize::collation(&c)),
        });
    }
    let predicate = match ci.predicate {
        Some(_) => match source.after_top_level(Keyword::WHERE) {
            Some(text) => Some(text),
            None => return err("partial index without a WHERE clause"),
        },
        None => None,
    };
    Ok(ParsedIndex { parts, predicate })
}

/// What a CREATE VIEW says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedView {
    /// The query after `AS`, as written.
    pub query: String,
    /// The names of the tables and views it reads (CTE names excluded), as
    /// written; the caller resolves them.
    pub relations: BTreeSet<String>,
}

/// Collects relation names and CTE names from a query.
#[derive(Default)]
struct Relations {
    names: BTreeSet<String>,
    ctes: BTreeSet<String>,
}

impl Visitor for Relations {
    type Break = ();

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
        self.names.insert(last_ident(relation));
        ControlFlow::Continue(())
    }

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.ctes.insert(cte.alias.name.value.to_lowercase());
            }
        }
        ControlFlow::Continue(())
    }
}

/// The relations a query reads (CTE names excluded).
pub(crate) fn query_relations(query: &Query) -> BTreeSet<String> {
    let mut v = Relations::default();
    let _ = query.visit(&mut v);
    v.names
        .into_iter()
        .filter(|n| !v.ctes.contains(&n.to_lowercase()))
        .collect()
}

/// Reads a CREATE VIEW statement.
pub(crate) fn parse_view(sql: &str) -> Result<ParsedView, ParseError> {
    let Statement::CreateView(cv) = parse_statement(sql)? else {
        return err("not a CREATE VIEW statement");
    };
    let source = Source::new(sql)?;
    let Some(query) = source.after_top_level(Keyword::AS) else {
        return err("CREATE VIEW without AS");
    };
    Ok(ParsedView {
        query,
        relations: query_relations(&cv.query),
    })
}

/// The natural output column names of a view query, when they can be known
/// without a database: `None` when the query has a `*` or is not a plain
/// SELECT. Aliases give their name; a column reference gives the column's
/// name; any other expression is named by its text, as SQLite does.
pub(crate) fn natural_column_names(query_text: &str) -> Option<Vec<String>> {
    let statement = parse_statement(query_text).ok()?;
    let Statement::Query(query) = statement else {
        return None;
    };
    let mut body = query.body.as_ref();
    // A compound SELECT is named by its first member.
    while let sqlparser::ast::SetExpr::SetOperation { left, .. } = body {
        body = left.as_ref();
    }
    let sqlparser::ast::SetExpr::Select(select) = body else {
        return None;
    };
    let source = Source::new(query_text).ok()?;
    let mut names = Vec::new();
    for item in &select.projection {
        use sqlparser::ast::SelectItem;
        match item {
            SelectItem::ExprWithAlias { alias, .. } => names.push(alias.value.clone()),
            SelectItem::UnnamedExpr(Expr::Identifier(i)) => names.push(i.value.clone()),
            SelectItem::UnnamedExpr(Expr::CompoundIdentifier(parts)) => {
                names.push(parts.last()?.value.clone());
            }
            SelectItem::UnnamedExpr(_) => names.push(String::new()),
            _ => return None,
        }
    }
    // Unnamed expressions are named by their source text: the items of the
    // select list at the top level, between SELECT and FROM.
    if names.iter().any(String::is_empty) {
        let texts = select_list_texts(&source)?;
        if texts.len() != names.len() {
            return None;
        }
        for (n, t) in names.iter_mut().zip(texts) {
            if n.is_empty() {
                *n = t;
            }
        }
    }
    Some(names)
}

/// The texts of the top-level select list items of a simple SELECT.
fn select_list_texts(source: &Source) -> Option<Vec<String>> {
    let top = source.at_depth(0);
    let select = top
        .iter()
        .position(|&i| source.is_keyword(i, Keyword::SELECT))?;
    let mut out = Vec::new();
    let mut start = top[select] + 1;
    // Skip DISTINCT/ALL.
    if let Some(&next) = top.get(select + 1)
        && (source.is_keyword(next, Keyword::DISTINCT) || source.is_keyword(next, Keyword::ALL))
    {
        start = next + 1;
    }
    for &i in &top[select + 1..] {
        let ends = [
            Keyword::FROM,
            Keyword::WHERE,
            Keyword::GROUP,
            Keyword::ORDER,
            Keyword::LIMIT,
            Keyword::WINDOW,
            Keyword::UNION,
            Keyword::EXCEPT,
            Keyword::INTERSECT,
        ];
        if ends.iter().any(|k| source.is_keyword(i, *k)) {
            out.push(source.slice(start, i));
            return Some(out);
        }
        if source.toks[i].token == Token::Comma {
            out.push(source.slice(start, i));
            start = i + 1;
        }
    }
    out.push(source.slice(start, source.toks.len()));
    Some(out)
}

/// What a CREATE TRIGGER says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedTrigger {
    pub timing: TriggerTiming,
    pub events: Vec<String>,
}

/// Reads a CREATE TRIGGER statement.
pub(crate) fn parse_trigger(sql: &str) -> Result<ParsedTrigger, ParseError> {
    let Statement::CreateTrigger(ct) = parse_statement(sql)? else {
        return err("not a CREATE TRIGGER statement");
    };
    let timing = match ct.period {
        Some(TriggerPeriod::After) => TriggerTiming::After,
        Some(TriggerPeriod::InsteadOf) => TriggerTiming::InsteadOf,
        // SQLite's default when no timing is written.
        Some(TriggerPeriod::Before) | Some(TriggerPeriod::For) | None => TriggerTiming::Before,
    };
    let events = ct
        .events
        .iter()
        .map(|e| match e {
            TriggerEvent::Insert => "INSERT".to_string(),
            TriggerEvent::Delete => "DELETE".to_string(),
            TriggerEvent::Truncate => "TRUNCATE".to_string(),
            TriggerEvent::Update(cols) if cols.is_empty() => "UPDATE".to_string(),
            TriggerEvent::Update(cols) => format!(
                "UPDATE OF {}",
                cols.iter()
                    .map(|c| c.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect();
    Ok(ParsedTrigger { timing, events })
}

/// The query of a CREATE VIEW that sqlparser cannot read: the text after
/// the first top-level `AS`.
pub(crate) fn view_query_text(sql: &str) -> String {
    Source::new(sql)
        .ok()
        .and_then(|s| s.after_top_level(Keyword::AS))
        .unwrap_or_default()
}

/// Timing and events of a CREATE TRIGGER whose body sqlparser cannot
/// read, from the header tokens (`CREATE [TEMP] TRIGGER [IF NOT EXISTS] name
/// [BEFORE|AFTER|INSTEAD OF] event ON …`).
pub(crate) fn trigger_header(sql: &str) -> ParsedTrigger {
    let mut out = ParsedTrigger {
        timing: TriggerTiming::Before,
        events: Vec::new(),
    };
    let Ok(source) = Source::new(sql) else {
        return out;
    };
    let sig = source.significant_in(0, source.toks.len());
    let Some(trigger) = sig
        .iter()
        .position(|&i| source.is_keyword(i, Keyword::TRIGGER))
    else {
        return out;
    };
    let mut k = trigger + 1;
    if sig
        .get(k)
        .is_some_and(|&i| source.is_keyword(i, Keyword::IF))
    {
        k += 3;
    }
    // The name, possibly schema-qualified.
    k += 1;
    if sig
        .get(k)
        .is_some_and(|&i| source.toks[i].token == Token::Period)
    {
        k += 2;
    }
    let word = |k: usize| -> Option<String> {
        match &source.toks[*sig.get(k)?].token {
            Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
            _ => None,
        }
    };
    match word(k).as_deref() {
        Some("BEFORE") => k += 1,
        Some("AFTER") => {
            out.timing = TriggerTiming::After;
            k += 1;
        }
        Some("INSTEAD") => {
            out.timing = TriggerTiming::InsteadOf;
            k += 2;
        }
        _ => {}
    }
    match word(k).as_deref() {
        Some(e @ ("INSERT" | "DELETE")) => out.events.push(e.to_string()),
        Some("UPDATE") => {
            let on = (k..sig.len()).find(|&j| word(j).as_deref() == Some("ON"));
            match (word(k + 1).as_deref(), on) {
                (Some("OF"), Some(on)) => {
                    let cols = source.slice(sig[k + 2], sig[on]);
                    out.events.push(format!("UPDATE OF {cols}"));
                }
                _ => out.events.push("UPDATE".into()),
            }
        }
        _ => {}
    }
    out
}

/// The first word of a statement, upper-cased, and whether it is a
/// `CREATE VIRTUAL TABLE` (for telling virtual tables apart).
pub(crate) fn is_virtual_table(sql: &str) -> bool {
    let Ok(source) = Source::new(sql) else {
        return false;
    };
    let words: Vec<usize> = source.significant_in(0, source.toks.len());
    words.len() >= 2
        && source.is_keyword(words[0], Keyword::CREATE)
        && source.is_keyword(words[1], Keyword::VIRTUAL)
}

/// True when the token stream of `text` contains the identifier `name`
/// (case-insensitive, quoted or not): a conservative "may reference" test.
pub(crate) fn mentions(text: &str, name: &str) -> bool {
    let Ok(source) = Source::new(text) else {
        // Unreadable text may mention anything.
        return true;
    };
    source.toks.iter().any(|t| match &t.token {
        Token::Word(w) => w.value.eq_ignore_ascii_case(name),
        Token::SingleQuotedString(s) => s.eq_ignore_ascii_case(name),
        _ => false,
    })
}

/// The significant tokens of a text (for small checks in normalisation
/// rules), or `None` when it does not tokenize.
pub(crate) fn tokens(text: &str) -> Option<Vec<Token>> {
    let source = Source::new(text).ok()?;
    Some(
        source
            .toks
            .into_iter()
            .filter(|t| !matches!(t.token, Token::Whitespace(_)))
            .map(|t| t.token)
            .collect(),
    )
}

/// The unquoted words of a statement, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
    tokens(text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) if w.quote_style.is_none() => Some(w.value),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_type_names_parse() {
        let t = parse_table(
            "CREATE TABLE film (id INTEGER NOT NULL, description BLOB SUB_TYPE TEXT DEFAULT NULL, \
             u unsigned   big int, d DECIMAL( 4 , -2 ), x, PRIMARY KEY (id))",
        )
        .unwrap();
        assert_eq!(t.columns.len(), 5);
        assert_eq!(t.columns[1].name, "description");
    }

    #[test]
    fn checks_and_generated_are_sliced_as_written() {
        let sql = "CREATE TABLE \"a\"\"b\" (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  x INT CHECK ((x > 0) AND (x<10)),\n  y TEXT COLLATE nocase,\n  z GENERATED ALWAYS AS ((x*2) + 1) STORED,\n  w AS (upper( y )),\n  CONSTRAINT c2 CHECK(y <> '' /* no empty */),\n  CHECK (length(y) < 5 -- short\n)\n)";
        let t = parse_table(sql).unwrap();
        assert!(t.columns[0].autoincrement);
        assert_eq!(t.columns[2].collation.as_deref(), Some("NOCASE"));
        assert_eq!(t.columns[3].generated.as_deref(), Some("(x*2) + 1"));
        assert!(t.columns[3].stored);
        assert_eq!(t.columns[4].generated.as_deref(), Some("upper( y )"));
        assert!(!t.columns[4].stored);
        assert_eq!(
            t.checks,
            vec![
                ParsedCheck {
                    name: None,
                    expression: "(x > 0) AND (x<10)".into()
                },
                ParsedCheck {
                    name: Some("c2".into()),
                    expression: "y <> '' /* no empty */".into()
                },
                ParsedCheck {
                    name: None,
                    expression: "length(y) < 5 -- short\n".into()
                },
            ]
        );
    }

    #[test]
    fn constraint_names_and_foreign_keys() {
        let sql = "CREATE TABLE [c] ([id] INTEGER CONSTRAINT [pk_c] PRIMARY KEY, a, b, q REFERENCES s ON UPDATE SET NULL, r CONSTRAINT fkr REFERENCES s(b) MATCH FULL, CONSTRAINT u1 UNIQUE (a, b), UNIQUE (q), CONSTRAINT fk1 FOREIGN KEY (a,b) REFERENCES p(a,b) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY (b) REFERENCES p(b) DEFERRABLE)";
        let t = parse_table(sql).unwrap();
        assert_eq!(t.primary_key_name.as_deref(), Some("pk_c"));
        assert_eq!(
            t.uniques,
            vec![
                ParsedUnique {
                    name: Some("u1".into()),
                    columns: vec!["a".into(), "b".into()]
                },
                ParsedUnique {
                    name: None,
                    columns: vec!["q".into()]
                },
            ]
        );
        let fks = &t.foreign_keys;
        assert_eq!(fks.len(), 4);
        assert_eq!(fks[0].columns, vec!["q"]);
        assert!(fks[0].referred_columns.is_empty());
        assert_eq!(fks[1].name.as_deref(), Some("fkr"));
        assert_eq!(fks[1].match_type, MatchType::Full);
        assert_eq!(fks[2].name.as_deref(), Some("fk1"));
        assert!(fks[2].deferrable && fks[2].initially_deferred);
        assert!(fks[3].deferrable && !fks[3].initially_deferred);
    }

    #[test]
    fn index_parts_and_predicate() {
        let sql = "CREATE UNIQUE INDEX i1 ON c(a DESC, b COLLATE nocase, lower(b), (a+b) collate rtrim desc) WHERE a > 1 AND (b IS NOT NULL)";
        let i = parse_index(sql).unwrap();
        let exprs: Vec<_> = i.parts.iter().map(|p| p.expression.as_str()).collect();
        assert_eq!(exprs, vec!["a", "b", "lower(b)", "(a+b)"]);
        assert_eq!(i.parts[1].collation.as_deref(), Some("NOCASE"));
        assert_eq!(i.parts[3].collation.as_deref(), Some("RTRIM"));
        assert_eq!(i.predicate.as_deref(), Some("a > 1 AND (b IS NOT NULL)"));
    }

    #[test]
    fn views_keep_their_query_and_name_relations() {
        let sql = "CREATE VIEW v2(x, y) AS\nWITH q AS (SELECT * FROM base)\nSELECT a AS x, bb FROM v JOIN q ON 1 WHERE a IN (SELECT id FROM other);";
        let v = parse_view(sql).unwrap();
        assert_eq!(
            v.query,
            "WITH q AS (SELECT * FROM base)\nSELECT a AS x, bb FROM v JOIN q ON 1 WHERE a IN (SELECT id FROM other)"
        );
        let rels: Vec<_> = v.relations.iter().map(String::as_str).collect();
        assert_eq!(rels, vec!["base", "other", "v"]);
    }

    #[test]
    fn natural_names() {
        assert_eq!(
            natural_column_names("SELECT t.a, b AS bee, b+1, count(*) FROM t").unwrap(),
            vec!["a", "bee", "b+1", "count(*)"]
        );
        assert_eq!(natural_column_names("SELECT * FROM t"), None);
    }

    #[test]
    fn triggers() {
        let t = parse_trigger(
            "CREATE TRIGGER t2 BEFORE UPDATE OF a, b ON c FOR EACH ROW WHEN new.a > 0 BEGIN SELECT 1; END",
        )
        .unwrap();
        assert_eq!(t.timing, TriggerTiming::Before);
        assert_eq!(t.events, vec!["UPDATE OF a, b"]);
        let t = parse_trigger(
            "CREATE TRIGGER t1 INSTEAD OF INSERT ON v2 BEGIN INSERT INTO c(a) VALUES (new.x); END",
        )
        .unwrap();
        assert_eq!(t.timing, TriggerTiming::InsteadOf);
        let t = parse_trigger(
            "CREATE TRIGGER actor_trigger_ai AFTER INSERT ON actor\n BEGIN\n  UPDATE actor SET last_update = DATETIME('NOW')  WHERE rowid = new.rowid;\n END",
        )
        .unwrap();
        assert_eq!(t.timing, TriggerTiming::After);
        assert_eq!(t.events, vec!["INSERT"]);
    }

    #[test]
    fn virtual_tables_are_recognised() {
        assert!(is_virtual_table("CREATE VIRTUAL TABLE ft USING fts5(body)"));
        assert!(!is_virtual_table("CREATE TABLE virtual (a)"));
    }

    #[test]
    fn conflict_clauses_are_noticed_and_skipped() {
        let t = parse_table(
            "CREATE TABLE t (a INT PRIMARY KEY ON CONFLICT REPLACE, b INT, CONSTRAINT u UNIQUE (b) ON CONFLICT IGNORE, CHECK (b > 0)) WITHOUT ROWID, STRICT",
        )
        .unwrap();
        assert!(t.on_conflict);
        assert_eq!(t.uniques[0].name.as_deref(), Some("u"));
        assert_eq!(t.checks[0].expression, "b > 0");
        assert!(!parse_table("CREATE TABLE t (a)").unwrap().on_conflict);
    }

    #[test]
    fn trigger_headers_sqlparser_cannot_read() {
        let sql = "CREATE TRIGGER IF NOT EXISTS main.tr INSTEAD OF UPDATE OF a, \"b c\" ON v BEGIN SELECT 1; END";
        assert!(parse_trigger(sql).is_err());
        let t = trigger_header(sql);
        assert_eq!(t.timing, TriggerTiming::InsteadOf);
        assert_eq!(t.events, vec!["UPDATE OF a, \"b c\""]);
        let t = trigger_header("CREATE TRIGGER IF NOT EXISTS tr DELETE ON t BEGIN SELECT 1; END");
        assert_eq!(t.timing, TriggerTiming::Before);
        assert_eq!(t.events, vec!["DELETE"]);
    }
}
