//! The small rules that make the catalog's spelling deterministic, and the
//! same for the same logical schema on MariaDB and on MySQL 8.
//!
//! Each rule is one function with the reason it exists and a unit test.
//! The model's spelling is the one both servers accept back in DDL.

use crate::sqltext;

/// Catalog text that arrived as a binary string (MySQL 8 sends some
/// information_schema columns as VARBINARY/BLOB) is read as UTF-8, which
/// is what the connection asked for.
pub fn text_from_bytes(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// An empty catalog text means "none" (comments, create options).
pub fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.is_empty())
}

/// MariaDB reports "no default" (and `DEFAULT NULL`) as the *string* `NULL`
/// in `COLUMN_DEFAULT`; a string default of `'NULL'` comes quoted. MySQL
/// reports SQL NULL. Both become no default.
pub fn mariadb_null_default(raw: &str) -> Option<String> {
    (raw != "NULL").then(|| raw.to_string())
}

/// Quotes a value as a MySQL string literal, escaping the way MariaDB
/// prints literal defaults (`'it''s'`, `'a\\b'`, `'x\ny'`).
pub fn quote_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{1a}' => out.push_str("\\Z"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Types whose literal defaults are printed bare (numbers and bit values).
fn is_numeric_type(data_type: &str) -> bool {
    let base = data_type
        .split(|c: char| c == '(' || c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        base.as_str(),
        "tinyint"
            | "smallint"
            | "mediumint"
            | "int"
            | "integer"
            | "bigint"
            | "decimal"
            | "numeric"
            | "float"
            | "double"
            | "real"
            | "bit"
            | "bool"
            | "boolean"
    )
}

/// MySQL 8 prints a literal default unquoted (`abc`, `2020-01-01 00:00:00`)
/// where MariaDB prints a SQL literal (`'abc'`). Non-numeric literals are
/// quoted to MariaDB's form. `expression` is MySQL's `DEFAULT_GENERATED`:
/// such defaults are expressions and stay as they are.
pub fn mysql_literal_default(raw: &str, data_type: &str, expression: bool) -> String {
    if expression || is_numeric_type(data_type) {
        raw.to_string()
    } else {
        quote_literal(raw)
    }
}

/// MySQL 8 prints a binary column's literal default in hex (`0x6162`);
/// MariaDB prints it as a string (`'ab'`). Hex that is valid UTF-8 text
/// reads as the string.
pub fn mysql_binary_default(raw: &str) -> Option<String> {
    let hex = raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X"))?;
    if hex.len() % 2 != 0 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    (!text.chars().any(char::is_control)).then(|| quote_literal(&text))
}

/// `current_timestamp()` (MariaDB) and `CURRENT_TIMESTAMP` (MySQL), with or
/// without a precision, are written `CURRENT_TIMESTAMP[(n)]`. Other text is
/// returned unchanged.
pub fn current_timestamp(expr: &str) -> String {
    let lower = expr.trim().to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("current_timestamp") else {
        return expr.to_string();
    };
    match rest {
        "" | "()" => "CURRENT_TIMESTAMP".into(),
        _ => match rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            Some(n) => format!("CURRENT_TIMESTAMP({n})"),
            None => expr.to_string(),
        },
    }
}

/// A column default as the model keeps it: MariaDB's `NULL` string and
/// MySQL's bare literals resolved, `CURRENT_TIMESTAMP` spelled one way.
pub fn column_default(
    raw: Option<&str>,
    data_type: &str,
    mariadb: bool,
    default_generated: bool,
) -> Option<String> {
    let raw = raw?;
    let value = if mariadb {
        mariadb_null_default(raw)?
    } else if let Some(text) = mysql_binary_default(raw).filter(|_| !default_generated) {
        text
    } else {
        mysql_literal_default(raw, data_type, default_generated)
    };
    Some(current_timestamp(&value))
}

/// Integer display widths are gone from MySQL 8.0.19's catalog (`int`)
/// but still in MariaDB's (`int(11)`). They mean nothing for storage, so
/// they are dropped, except where they still mean something on both:
/// `tinyint(1)` (the boolean convention) and `zerofill` columns. `year(4)`
/// is MariaDB's spelling of `year`.
pub fn int_display_width(data_type: &str) -> String {
    let lower = data_type.to_ascii_lowercase();
    if lower == "year(4)" {
        return "year".into();
    }
    if lower.contains("zerofill") || lower.starts_with("tinyint(1)") {
        return data_type.to_string();
    }
    for base in ["tinyint", "smallint", "mediumint", "int", "bigint"] {
        let Some(rest) = lower.strip_prefix(base) else {
            continue;
        };
        let Some(inner) = rest.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        if inner[..close].chars().all(|c| c.is_ascii_digit()) {
            let tail = &data_type[base.len() + 1 + close + 1..];
            return format!("{}{tail}", &data_type[..base.len()]);
        }
    }
    data_type.to_string()
}

/// `utf8` is an alias of `utf8mb3` (MySQL 8.0.30+ and MariaDB 10.6+ print
/// the latter); collations follow.
pub fn charset_alias(name: &str) -> String {
    match name.strip_prefix("utf8_") {
        Some(rest) => format!("utf8mb3_{rest}"),
        None if name == "utf8" => "utf8mb3".into(),
        None => name.to_string(),
    }
}

/// The row format, only when set explicitly in CREATE TABLE: the catalog's
/// `ROW_FORMAT` column shows the effective one, `CREATE_OPTIONS` the
/// explicit one (`row_format=COMPACT`).
pub fn row_format(create_options: &str) -> Option<String> {
    create_options.split_whitespace().find_map(|opt| {
        let (key, value) = opt.split_once('=')?;
        key.eq_ignore_ascii_case("row_format")
            .then(|| value.to_ascii_uppercase())
    })
}

/// The explicit table options the model has no place for (everything in
/// `CREATE_OPTIONS` but the row format and the partitioning flag), to be
/// reported rather than lost silently.
pub fn other_create_options(create_options: &str) -> Vec<String> {
    create_options
        .split_whitespace()
        .filter(|opt| {
            let key = opt.split('=').next().unwrap_or("");
            !key.eq_ignore_ascii_case("row_format") && !key.eq_ignore_ascii_case("partitioned")
        })
        .map(str::to_string)
        .collect()
}

/// MariaDB's `JSON` is an alias: the column becomes `longtext` (utf8mb4_bin)
/// with a column-level check `json_valid(`col`)` named after the column.
/// MySQL 8 has a real `json` type. This says whether a check is that
/// implicit one, so the column can read `json` with no check on both.
pub fn is_mariadb_json_check(column: &str, check_name: &str, clause: &str) -> bool {
    check_name == column
        && sqltext::strip_outer_parens(clause)
            == format!("json_valid({})", crate::render::quote(column))
}

/// MariaDB reports a SPATIAL index part with a prefix length of 32 bytes
/// (the whole geometry's MBR); MySQL reports none, and none can be written.
pub fn spatial_prefix(method: Option<&str>, sub_part: Option<u32>) -> Option<u32> {
    match method {
        Some("SPATIAL") => None,
        _ => sub_part,
    }
}

/// The index method, only when it is not the engine's default: BTREE
/// everywhere except MEMORY, where HASH is.
pub fn index_method(index_type: &str, engine: Option<&str>) -> Option<String> {
    let memory = engine.is_some_and(|e| e.eq_ignore_ascii_case("MEMORY"));
    let default = if memory { "HASH" } else { "BTREE" };
    (!index_type.eq_ignore_ascii_case(default)).then(|| index_type.to_ascii_uppercase())
}

/// MySQL wraps check clauses and generation expressions in parentheses
/// (`(`a` > 0)`), MariaDB does not (`` `a` > 0 ``), and MySQL marks string
/// literals with the connection's charset (`_utf8mb4'x'`), which strata's
/// connection uses anyway. The model keeps the expression without either.
pub fn expression(text: &str) -> String {
    sqltext::strip_outer_parens(&sqltext::strip_introducer(text, "utf8mb4"))
}

/// The server qualifies every name in a view definition with the schema
/// (`` `shop`.`film`.`title` ``). Names in the view's own schema are left
/// unqualified, so the definition means the same in a database of another
/// name (a scratch database, a restore under a new name). MySQL's
/// `_utf8mb4` introducers go too, as in [`expression`].
pub fn view_definition(definition: &str, schema: &str) -> String {
    sqltext::strip_introducer(&sqltext::strip_qualifier(definition, schema), "utf8mb4")
}

/// A view's algorithm, only when not the default `UNDEFINED` (MySQL's
/// catalog does not show it at all, so the default must be absence).
pub fn view_algorithm(algorithm: Option<&str>) -> Option<String> {
    algorithm
        .filter(|a| !a.is_empty() && !a.eq_ignore_ascii_case("UNDEFINED"))
        .map(str::to_ascii_uppercase)
}

/// A view's SQL SECURITY, only when not the default `DEFINER`.
pub fn view_security(security: Option<&str>) -> Option<String> {
    security
        .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("DEFINER"))
        .map(str::to_ascii_uppercase)
}

/// `WITH CHECK OPTION`: `NONE` is no option.
pub fn check_option(option: Option<&str>) -> Option<String> {
    option
        .filter(|o| !o.is_empty() && !o.eq_ignore_ascii_case("NONE"))
        .map(str::to_ascii_uppercase)
}

/// InnoDB treats `RESTRICT` and `NO ACTION` alike (checked at once), and
/// the servers disagree on which one to print for an unspecified action,
/// so both read as `NO ACTION`.
pub fn fk_action(rule: &str) -> strata_model::FkAction {
    use strata_model::FkAction;
    match rule.to_ascii_uppercase().as_str() {
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// An event's status as the CREATE EVENT keyword: the catalog says
/// `ENABLED`, `DISABLED` and `SLAVESIDE_DISABLED` (MySQL 8.4:
/// `REPLICA_SIDE_DISABLED`).
pub fn event_status(status: &str) -> String {
    match status.to_ascii_uppercase().as_str() {
        "DISABLED" => "DISABLE".into(),
        "SLAVESIDE_DISABLED" | "REPLICA_SIDE_DISABLED" => "DISABLE ON SLAVE".into(),
        _ => "ENABLE".into(),
    }
}

/// What the `EXTRA` column of `information_schema.COLUMNS` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra {
    /// `AUTO_INCREMENT`.
    pub auto_increment: bool,
    /// Left out of `SELECT *` (MySQL 8.0.23+, MariaDB 10.3+).
    pub invisible: bool,
    /// MySQL 8: the default is an expression.
    pub default_generated: bool,
    /// `ON UPDATE …`, spelled like a default.
    pub on_update: Option<String>,
}

/// Reads `EXTRA` (`auto_increment`, `on update current_timestamp(3)`,
/// `DEFAULT_GENERATED on update CURRENT_TIMESTAMP`, `INVISIBLE`,
/// `VIRTUAL GENERATED`…). The spellings differ only in case between the
/// servers.
pub fn extra(text: &str) -> Extra {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Extra::default();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_ascii_lowercase();
        match w.as_str() {
            "auto_increment" => out.auto_increment = true,
            "invisible" => out.invisible = true,
            "default_generated" => out.default_generated = true,
            "on" if words
                .get(i + 1)
                .is_some_and(|n| n.eq_ignore_ascii_case("update")) =>
            {
                if let Some(expr) = words.get(i + 2) {
                    out.on_update = Some(current_timestamp(expr));
                }
                i += 2;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_read_as_utf8() {
        assert_eq!(text_from_bytes(b"caf\xc3\xa9"), "café");
        assert_eq!(text_from_bytes(b"bad\xff"), "bad\u{fffd}");
    }

    #[test]
    fn empty_text_is_none() {
        assert_eq!(non_empty(Some(String::new())), None);
        assert_eq!(non_empty(Some("x".into())), Some("x".into()));
    }

    #[test]
    fn mariadb_null_string_is_no_default() {
        assert_eq!(mariadb_null_default("NULL"), None);
        assert_eq!(mariadb_null_default("'NULL'"), Some("'NULL'".into()));
        assert_eq!(mariadb_null_default("0"), Some("0".into()));
    }

    #[test]
    fn literals_are_quoted_like_mariadb() {
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal("a\\b"), "'a\\\\b'");
        assert_eq!(quote_literal("x\ny"), "'x\\ny'");
        assert_eq!(quote_literal(""), "''");
    }

    #[test]
    fn mysql_literal_defaults_are_quoted_unless_numeric_or_expressions() {
        assert_eq!(mysql_literal_default("abc", "varchar(10)", false), "'abc'");
        assert_eq!(
            mysql_literal_default("2020-01-01 00:00:00", "datetime", false),
            "'2020-01-01 00:00:00'"
        );
        assert_eq!(mysql_literal_default("4.99", "decimal(4,2)", false), "4.99");
        assert_eq!(mysql_literal_default("3", "tinyint unsigned", false), "3");
        assert_eq!(mysql_literal_default("b'101'", "bit(3)", false), "b'101'");
        assert_eq!(
            mysql_literal_default("curdate()", "date", true),
            "curdate()"
        );
    }

    #[test]
    fn current_timestamp_is_spelled_one_way() {
        assert_eq!(
            current_timestamp("current_timestamp()"),
            "CURRENT_TIMESTAMP"
        );
        assert_eq!(current_timestamp("CURRENT_TIMESTAMP"), "CURRENT_TIMESTAMP");
        assert_eq!(
            current_timestamp("current_timestamp(3)"),
            "CURRENT_TIMESTAMP(3)"
        );
        assert_eq!(current_timestamp("curdate()"), "curdate()");
        assert_eq!(
            current_timestamp("current_timestamp() + 1"),
            "current_timestamp() + 1"
        );
    }

    #[test]
    fn defaults_read_the_same_on_both_servers() {
        let maria = |raw, ty| column_default(Some(raw), ty, true, false);
        let mysql = |raw, ty, generated| column_default(Some(raw), ty, false, generated);
        assert_eq!(maria("NULL", "int"), None);
        assert_eq!(column_default(None, "int", false, false), None);
        assert_eq!(
            maria("'G'", "enum('G','PG')"),
            mysql("G", "enum('G','PG')", false)
        );
        assert_eq!(
            maria("4.99", "decimal(4,2)"),
            mysql("4.99", "decimal(4,2)", false)
        );
        assert_eq!(
            maria("current_timestamp()", "timestamp"),
            mysql("CURRENT_TIMESTAMP", "timestamp", true)
        );
    }

    #[test]
    fn integer_display_widths_are_dropped() {
        assert_eq!(int_display_width("int(11)"), "int");
        assert_eq!(int_display_width("int(10) unsigned"), "int unsigned");
        assert_eq!(int_display_width("bigint(20) unsigned"), "bigint unsigned");
        assert_eq!(int_display_width("tinyint(4)"), "tinyint");
        assert_eq!(int_display_width("tinyint(1)"), "tinyint(1)");
        assert_eq!(
            int_display_width("int(5) unsigned zerofill"),
            "int(5) unsigned zerofill"
        );
        assert_eq!(int_display_width("year(4)"), "year");
        assert_eq!(int_display_width("interval"), "interval");
        assert_eq!(int_display_width("varchar(11)"), "varchar(11)");
        assert_eq!(int_display_width("int"), "int");
    }

    #[test]
    fn utf8_is_utf8mb3() {
        assert_eq!(charset_alias("utf8"), "utf8mb3");
        assert_eq!(charset_alias("utf8_general_ci"), "utf8mb3_general_ci");
        assert_eq!(charset_alias("utf8mb4_bin"), "utf8mb4_bin");
    }

    #[test]
    fn row_format_only_when_explicit() {
        assert_eq!(
            row_format("row_format=COMPACT stats_persistent=0"),
            Some("COMPACT".into())
        );
        assert_eq!(row_format("partitioned"), None);
        assert_eq!(row_format(""), None);
    }

    #[test]
    fn options_without_a_place_in_the_model_are_listed() {
        assert_eq!(
            other_create_options("row_format=COMPACT stats_persistent=0 partitioned checksum=1"),
            ["stats_persistent=0", "checksum=1"]
        );
        assert!(other_create_options("").is_empty());
    }

    #[test]
    fn mariadb_json_check_is_recognised() {
        assert!(is_mariadb_json_check("doc", "doc", "json_valid(`doc`)"));
        assert!(is_mariadb_json_check("a`b", "a`b", "json_valid(`a``b`)"));
        assert!(!is_mariadb_json_check("doc", "other", "json_valid(`doc`)"));
        assert!(!is_mariadb_json_check(
            "doc",
            "doc",
            "json_valid(`doc`) and 1"
        ));
    }

    #[test]
    fn spatial_parts_have_no_prefix() {
        assert_eq!(spatial_prefix(Some("SPATIAL"), Some(32)), None);
        assert_eq!(spatial_prefix(None, Some(10)), Some(10));
    }

    #[test]
    fn index_method_only_when_not_the_default() {
        assert_eq!(index_method("BTREE", Some("InnoDB")), None);
        assert_eq!(
            index_method("FULLTEXT", Some("InnoDB")),
            Some("FULLTEXT".into())
        );
        assert_eq!(index_method("HASH", Some("MEMORY")), None);
        assert_eq!(index_method("BTREE", Some("MEMORY")), Some("BTREE".into()));
        assert_eq!(index_method("HASH", Some("InnoDB")), Some("HASH".into()));
    }

    #[test]
    fn expressions_lose_enclosing_parentheses_and_introducers() {
        assert_eq!(expression("(`price` > 0)"), "`price` > 0");
        assert_eq!(expression("`price` > 0"), "`price` > 0");
        assert_eq!(
            expression("(concat(`a`,_utf8mb4' ',`b`) <> _utf8mb4'_utf8mb4''x')"),
            "concat(`a`,' ',`b`) <> '_utf8mb4''x'"
        );
        assert_eq!(expression("_latin1'x'"), "_latin1'x'");
    }

    #[test]
    fn mysql_binary_defaults_read_as_strings() {
        assert_eq!(mysql_binary_default("0x6162"), Some("'ab'".into()));
        assert_eq!(mysql_binary_default("0x00ff"), None);
        assert_eq!(mysql_binary_default("ab"), None);
        assert_eq!(
            column_default(Some("0x6162"), "varbinary(4)", false, false),
            column_default(Some("'ab'"), "varbinary(4)", true, false)
        );
    }

    #[test]
    fn view_definitions_lose_their_own_schema() {
        assert_eq!(
            view_definition("select `s`.`t`.`a` AS `a` from `s`.`t`", "s"),
            "select `t`.`a` AS `a` from `t`"
        );
        assert_eq!(
            view_definition("select _utf8mb4'x' AS `x`", "s"),
            "select 'x' AS `x`"
        );
    }

    #[test]
    fn view_defaults_are_absent() {
        assert_eq!(view_algorithm(Some("UNDEFINED")), None);
        assert_eq!(view_algorithm(None), None);
        assert_eq!(view_algorithm(Some("MERGE")), Some("MERGE".into()));
        assert_eq!(view_security(Some("DEFINER")), None);
        assert_eq!(view_security(Some("INVOKER")), Some("INVOKER".into()));
        assert_eq!(check_option(Some("NONE")), None);
        assert_eq!(check_option(Some("CASCADED")), Some("CASCADED".into()));
    }

    #[test]
    fn restrict_is_no_action() {
        use strata_model::FkAction;
        assert_eq!(fk_action("RESTRICT"), FkAction::NoAction);
        assert_eq!(fk_action("NO ACTION"), FkAction::NoAction);
        assert_eq!(fk_action("CASCADE"), FkAction::Cascade);
        assert_eq!(fk_action("SET NULL"), FkAction::SetNull);
    }

    #[test]
    fn event_status_keywords() {
        assert_eq!(event_status("ENABLED"), "ENABLE");
        assert_eq!(event_status("DISABLED"), "DISABLE");
        assert_eq!(event_status("SLAVESIDE_DISABLED"), "DISABLE ON SLAVE");
    }

    #[test]
    fn extra_is_read_on_both_servers() {
        assert_eq!(
            extra("on update current_timestamp(3)"),
            extra("DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)")
                .clone_with_default_generated(false)
        );
        let e = extra("auto_increment");
        assert!(e.auto_increment && !e.invisible);
        assert!(extra("INVISIBLE").invisible);
        assert_eq!(
            extra("on update current_timestamp()").on_update.as_deref(),
            Some("CURRENT_TIMESTAMP")
        );
        assert_eq!(extra("VIRTUAL GENERATED"), Extra::default());
    }

    impl Extra {
        fn clone_with_default_generated(mut self, value: bool) -> Extra {
            self.default_generated = value;
            self
        }
    }
}
