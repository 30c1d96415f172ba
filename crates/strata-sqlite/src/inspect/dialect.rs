//! sqlparser's SQLite dialect, with SQLite's own type-name grammar.
//!
//! SQLite accepts any run of names as a column type, optionally followed by
//! one or two signed numbers in parentheses (`BLOB SUB_TYPE TEXT`,
//! `unsigned big int`, `DECIMAL(4,2)`). sqlparser only knows the SQL
//! standard's types, so `CREATE TABLE film (description BLOB SUB_TYPE TEXT)`
//! (Sakila) does not parse with its plain `SQLiteDialect`. This wrapper reads
//! type names the way SQLite does and delegates everything else to
//! `SQLiteDialect`; it reports `SQLiteDialect`'s type id so that the parser's
//! SQLite-specific paths still apply. The declared type itself is read from
//! `pragma_table_xinfo`, never from this AST.

use sqlparser::ast::{DataType, Expr, Ident, ObjectName, Statement};
use sqlparser::dialect::{BindPlaceholderStyle, Dialect, Precedence, SQLiteDialect};
use sqlparser::keywords::Keyword;
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::Token;
use std::any::TypeId;

/// SQLite with SQLite's type names.
#[derive(Debug, Default)]
pub(crate) struct SqliteTypes(SQLiteDialect);

/// Keywords that end a type name: they start a column constraint.
fn ends_type_name(keyword: Keyword) -> bool {
    matches!(
        keyword,
        Keyword::CONSTRAINT
            | Keyword::PRIMARY
            | Keyword::NOT
            | Keyword::NULL
            | Keyword::UNIQUE
            | Keyword::CHECK
            | Keyword::DEFAULT
            | Keyword::COLLATE
            | Keyword::REFERENCES
            | Keyword::GENERATED
            | Keyword::AS
            | Keyword::ON
    )
}

fn parse_type_name(parser: &mut Parser) -> Result<DataType, ParserError> {
    let mut words = Vec::new();
    while let Token::Word(w) = &parser.peek_token_ref().token {
        if w.quote_style.is_none() && ends_type_name(w.keyword) {
            break;
        }
        words.push(Ident::new(w.value.clone()));
        parser.advance_token();
    }
    if words.is_empty() {
        return parser.expected_ref("a type name", parser.peek_token_ref());
    }
    // `(n)` or `(n, m)` with signed numbers: skipped, the pragma has the text.
    if parser.peek_token_ref().token == Token::LParen {
        parser.advance_token();
        let mut depth = 1usize;
        while depth > 0 {
            match &parser.peek_token_ref().token {
                Token::LParen => depth += 1,
                Token::RParen => depth -= 1,
                Token::EOF => {
                    return parser.expected_ref("')' after the type", parser.peek_token_ref());
                }
                _ => {}
            }
            parser.advance_token();
        }
    }
    Ok(DataType::Custom(ObjectName::from(words), Vec::new()))
}

impl Dialect for SqliteTypes {
    fn dialect(&self) -> TypeId {
        TypeId::of::<SQLiteDialect>()
    }

    fn parse_data_type(&self, parser: &mut Parser) -> Option<Result<DataType, ParserError>> {
        match &parser.peek_token_ref().token {
            Token::Word(w) if w.quote_style.is_some() || !ends_type_name(w.keyword) => {
                Some(parse_type_name(parser))
            }
            _ => None,
        }
    }

    // Everything below delegates to SQLiteDialect: these are exactly the
    // methods it overrides.
    fn is_delimited_identifier_start(&self, ch: char) -> bool {
        self.0.is_delimited_identifier_start(ch)
    }
    fn identifier_quote_style(&self, identifier: &str) -> Option<char> {
        self.0.identifier_quote_style(identifier)
    }
    fn ordered_bind_placeholder_style(&self) -> Option<BindPlaceholderStyle> {
        self.0.ordered_bind_placeholder_style()
    }
    fn is_identifier_start(&self, ch: char) -> bool {
        self.0.is_identifier_start(ch)
    }
    fn supports_filter_during_aggregation(&self) -> bool {
        self.0.supports_filter_during_aggregation()
    }
    fn supports_start_transaction_modifier(&self) -> bool {
        self.0.supports_start_transaction_modifier()
    }
    fn is_identifier_part(&self, ch: char) -> bool {
        self.0.is_identifier_part(ch)
    }
    fn parse_statement(&self, parser: &mut Parser) -> Option<Result<Statement, ParserError>> {
        self.0.parse_statement(parser)
    }
    fn parse_infix(
        &self,
        parser: &mut Parser,
        expr: &Expr,
        precedence: u8,
    ) -> Option<Result<Expr, ParserError>> {
        self.0.parse_infix(parser, expr, precedence)
    }
    fn get_next_precedence(&self, parser: &Parser) -> Option<Result<u8, ParserError>> {
        self.0.get_next_precedence(parser)
    }
    fn prec_value(&self, prec: Precedence) -> u8 {
        self.0.prec_value(prec)
    }
    fn supports_in_empty_list(&self) -> bool {
        self.0.supports_in_empty_list()
    }
    fn supports_limit_comma(&self) -> bool {
        self.0.supports_limit_comma()
    }
    fn supports_asc_desc_in_column_definition(&self) -> bool {
        self.0.supports_asc_desc_in_column_definition()
    }
    fn supports_dollar_placeholder(&self) -> bool {
        self.0.supports_dollar_placeholder()
    }
    fn supports_notnull_operator(&self) -> bool {
        self.0.supports_notnull_operator()
    }
    fn supports_is_operator(&self) -> bool {
        self.0.supports_is_operator()
    }
    fn supports_comma_separated_trim(&self) -> bool {
        self.0.supports_comma_separated_trim()
    }
    fn supports_numeric_literal_underscores(&self) -> bool {
        self.0.supports_numeric_literal_underscores()
    }
    fn supports_double_eq_assignment(&self) -> bool {
        self.0.supports_double_eq_assignment()
    }
    fn supports_string_literal_column_names(&self) -> bool {
        self.0.supports_string_literal_column_names()
    }
    fn supports_cast_empty_data_type_to_unspecified(&self) -> bool {
        self.0.supports_cast_empty_data_type_to_unspecified()
    }
    fn supports_national_string_literal(&self) -> bool {
        self.0.supports_national_string_literal()
    }
    fn supports_parens_around_table_factor(&self) -> bool {
        self.0.supports_parens_around_table_factor()
    }
    fn supports_unterminated_block_comments(&self) -> bool {
        self.0.supports_unterminated_block_comments()
    }
    fn is_column_alias(&self, kw: &Keyword, parser: &mut Parser) -> bool {
        self.0.is_column_alias(kw, parser)
    }
    fn supports_over_keyword_as_column_alias(&self) -> bool {
        self.0.supports_over_keyword_as_column_alias()
    }
    fn supports_indexed_by(&self) -> bool {
        self.0.supports_indexed_by()
    }
    fn is_table_alias(&self, kw: &Keyword, parser: &mut Parser) -> bool {
        self.0.is_table_alias(kw, parser)
    }
    fn supports_comma_join_constraint(&self) -> bool {
        self.0.supports_comma_join_constraint()
    }
    fn supports_aggregate_order_by_with_empty_args(&self) -> bool {
        self.0.supports_aggregate_order_by_with_empty_args()
    }
    fn supports_bitwise_shift_operators(&self) -> bool {
        self.0.supports_bitwise_shift_operators()
    }
    fn supports_in_table_expression(&self) -> bool {
        self.0.supports_in_table_expression()
    }
    fn is_table_factor(&self, kw: &Keyword, parser: &mut Parser) -> bool {
        self.0.is_table_factor(kw, parser)
    }
    fn between_low_bound_precedence(&self) -> u8 {
        self.0.between_low_bound_precedence()
    }
}
