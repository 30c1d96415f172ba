//! Plans as an Alembic revision file (`strata diff --format alembic`), for
//! teams whose migrations are Alembic's.
//!
//! `upgrade()` runs the plan FROM → TO and `downgrade()` the plan TO → FROM,
//! statement by statement with `op.execute`. Each statement is a Python
//! literal whose value is exactly strata's SQL, passed through `sa.DDL`
//! (a plain string would go through `sa.text`, which reads `:name` in a
//! default or a comment as a bind parameter). What the dialect runs outside
//! the plan's transaction ([`SqlDialect::around_transaction`]: PostgreSQL's
//! new enum values, SQLite's `PRAGMA foreign_keys`) goes in an
//! `autocommit_block()`.

use strata_codegen::pyfmt;
use strata_diff::{Plan, PlanError, SqlDialect};

/// The statements of one direction, in the order they run.
#[derive(Debug, Default)]
pub struct Script {
    /// Run outside the transaction, first.
    pub before: Vec<String>,
    /// The plan: each statement with what it loses, on the first
    /// statement of a destructive step.
    pub statements: Vec<(Option<String>, String)>,
    /// Run outside the transaction, last.
    pub after: Vec<String>,
}

impl Script {
    /// The plan's statements as [`Plan::render`] gives them (the dialect's
    /// preamble first), with the destructive steps marked.
    pub fn of(plan: &Plan, dialect: &dyn SqlDialect) -> Result<Script, PlanError> {
        let (before, after) = dialect.around_transaction(plan);
        let mut statements: Vec<(Option<String>, String)> = Vec::new();
        if !plan.is_empty() {
            statements.extend(dialect.preamble().into_iter().map(|s| (None, s)));
        }
        for step in &plan.steps {
            for (i, sql) in dialect.render(&step.change)?.into_iter().enumerate() {
                let why = if i == 0 {
                    step.destructive.clone()
                } else {
                    None
                };
                statements.push((why, sql));
            }
        }
        Ok(Script {
            before,
            statements,
            after,
        })
    }
}

/// A revision file's contents.
pub struct Revision<'a> {
    pub message: &'a str,
    pub id: &'a str,
    pub down_revision: Option<&'a str>,
    /// A line for the docstring about where the revision came from.
    pub origin: &'a str,
    pub upgrade: &'a Script,
    /// The way back, or why strata cannot write it.
    pub downgrade: Result<&'a Script, String>,
}

/// The revision as Python source.
pub fn render(r: &Revision) -> String {
    let head = format!(
        "{}\n\nRevision ID: {}\nRevises: {}\n{}",
        r.message.trim(),
        r.id,
        r.down_revision.unwrap_or_default(),
        r.origin,
    );
    let mut out = format!("\"\"\"{}\n\"\"\"\n\n", docstring(&head));
    out.push_str("import sqlalchemy as sa\nfrom alembic import op\n\n");
    out.push_str("# revision identifiers, used by Alembic.\n");
    out.push_str(&format!("revision = {}\n", pyfmt::string(r.id)));
    out.push_str(&format!(
        "down_revision = {}\n",
        r.down_revision
            .map(pyfmt::string)
            .unwrap_or_else(|| "None".into())
    ));
    out.push_str("branch_labels = None\ndepends_on = None\n\n\n");
    out.push_str(HELPER);
    out.push_str("\n\ndef upgrade() -> None:\n");
    body(&mut out, r.upgrade);
    out.push_str("\n\ndef downgrade() -> None:\n");
    match &r.downgrade {
        Ok(script) => body(&mut out, script),
        Err(why) => out.push_str(&format!(
            "    raise NotImplementedError({})\n",
            pyfmt::string(why)
        )),
    }
    out
}

/// Statements run exactly as written: `sa.DDL` takes no bind parameters
/// and only reads `%` (doubled here) for its own formatting.
const HELPER: &str = r#"def _sql(statement: str) -> sa.DDL:
    # The statement exactly as written: op.execute("...") would read ":name"
    # as a bind parameter, and sa.DDL only needs "%" doubled.
    return sa.DDL(statement.replace("%", "%%"))
"#;

fn body(out: &mut String, script: &Script) {
    if script.statements.is_empty() && script.before.is_empty() && script.after.is_empty() {
        out.push_str("    pass\n");
        return;
    }
    autocommit(out, &script.before);
    for (why, sql) in &script.statements {
        if let Some(why) = why {
            out.push_str(&format!("    # destructive: {}\n", one_line(why)));
        }
        execute(out, 4, sql);
    }
    autocommit(out, &script.after);
}

/// Statements that cannot run in the migration's transaction.
fn autocommit(out: &mut String, statements: &[String]) {
    if statements.is_empty() {
        return;
    }
    out.push_str("    with op.get_context().autocommit_block():\n");
    for sql in statements {
        execute(out, 8, sql);
    }
}

fn execute(out: &mut String, indent: usize, sql: &str) {
    let pad = " ".repeat(indent);
    let literal = literal(sql);
    if literal.contains('\n') {
        // A triple-quoted statement starts on the line of the call: a
        // newline after the quotes would be part of the statement.
        out.push_str(&format!(
            "{pad}op.execute(\n{pad}    _sql(\n{pad}        {literal}\n{pad}    )\n{pad})\n"
        ));
    } else {
        let call = pyfmt::Py::call(
            "op.execute",
            vec![pyfmt::Py::call("_sql", vec![pyfmt::Py::atom(literal)])],
        );
        out.push_str(&pyfmt::statement(indent, "", &call, ""));
    }
}

/// A Python string literal whose value is exactly `text`. A multi-line
/// statement (a function body, a view) reads best as a raw triple-quoted
/// string, which is safe when the text has no run of the quotes, does not
/// end in a quote or a backslash (either would join the closing quotes),
/// and has no control character but newline and tab (Python reads a
/// carriage return in source as a newline). Anything else is escaped on
/// one line.
pub fn literal(text: &str) -> String {
    if text.contains('\n')
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control())
    {
        for quotes in ["\"\"\"", "'''"] {
            let quote = &quotes[..1];
            if !text.contains(quotes) && !text.ends_with(quote) && !text.ends_with('\\') {
                return format!("r{quotes}{text}{quotes}");
            }
        }
    }
    pyfmt::string(text)
}

/// Text inside a `"""` docstring: every `"` and `\` escaped, so that
/// nothing can close it; control characters but newline escaped; no
/// blanks at the ends of lines (formatters remove them).
fn docstring(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for c in line.trim_end().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                c if c.is_control() => out.push_str(&escape(c)),
                c => out.push(c),
            }
        }
    }
    out
}

/// Text for a `#` comment: one line whatever it holds.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                escape(c)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn escape(c: char) -> String {
    match c as u32 {
        n @ 0..=0xff => format!("\\x{n:02x}"),
        n => format!("\\u{n:04x}"),
    }
}

/// A revision id the way Alembic makes them: 12 hex digits. Random enough
/// not to collide with another revision of the project: the standard
/// library's per-process random hash keys over the time and process id.
pub fn new_revision_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    h.write_u128(now);
    h.write_u32(std::process::id());
    format!("{:012x}", h.finish() & 0xffff_ffff_ffff)
}

/// Alembic refuses these in a revision id (they are its own syntax:
/// `rev@branch`, relative `-1`/`+2`), and a comma or blank would not
/// survive its command line.
pub fn check_revision_id(id: &str) -> Result<(), String> {
    if id.is_empty()
        || id
            .chars()
            .any(|c| matches!(c, '@' | '-' | '+' | ',') || c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "'{}' is not an Alembic revision id (no '@', '-', '+', ',' or blanks)",
            one_line(id)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_raw_only_when_safe() {
        assert_eq!(literal("SELECT 1"), "\"SELECT 1\"");
        assert_eq!(
            literal("CREATE VIEW v AS\n SELECT '\\d'"),
            "r\"\"\"CREATE VIEW v AS\n SELECT '\\d'\"\"\""
        );
        // Three double quotes: the other quotes.
        assert_eq!(literal("a\n\"\"\"b"), "r'''a\n\"\"\"b'''");
        // Both kinds, a final backslash, a carriage return: escaped.
        assert_eq!(literal("a\n\"\"\"'''"), "\"a\\n\\\"\\\"\\\"'''\"");
        // A final double quote: the other quotes.
        assert_eq!(literal("a\nb\""), "r'''a\nb\"'''");
        assert_eq!(literal("a\nb\\"), "\"a\\nb\\\\\"");
        assert_eq!(literal("a\r\nb"), "\"a\\r\\nb\"");
        assert_eq!(literal("it's 100%: \\x"), "\"it's 100%: \\\\x\"");
    }

    #[test]
    fn docstrings_and_comments_cannot_be_closed() {
        assert_eq!(
            docstring("say \"\"\"hi\"\"\" \\"),
            "say \\\"\\\"\\\"hi\\\"\\\"\\\" \\\\"
        );
        assert_eq!(one_line("a\rb\nc\u{85}"), "a\\x0db\\x0ac\\x85");
    }

    #[test]
    fn revision_ids() {
        let id = new_revision_id();
        assert_eq!(id.len(), 12);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
        assert!(check_revision_id("ae1027a6acf").is_ok());
        assert!(check_revision_id("a-b").is_err());
        assert!(check_revision_id("").is_err());
    }

    #[test]
    fn a_revision_file() {
        let upgrade = Script {
            before: vec!["ALTER TYPE mood ADD VALUE 'meh'".into()],
            statements: vec![
                (None, "CREATE TABLE t (a int)".into()),
                (
                    Some("drops column \"b\"\rx".into()),
                    "ALTER TABLE u DROP COLUMN b".into(),
                ),
            ],
            after: Vec::new(),
        };
        let text = render(&Revision {
            message: "add t",
            id: "0123456789ab",
            down_revision: None,
            origin: "strata diff",
            upgrade: &upgrade,
            downgrade: Err("cannot \"undo\"".into()),
        });
        assert!(text.starts_with(
            "\"\"\"add t\n\nRevision ID: 0123456789ab\nRevises:\nstrata diff\n\"\"\"\n"
        ));
        assert!(text.contains("revision = \"0123456789ab\"\ndown_revision = None\n"));
        assert!(text.contains(
            "def upgrade() -> None:\n    with op.get_context().autocommit_block():\n        op.execute(_sql(\"ALTER TYPE mood ADD VALUE 'meh'\"))\n    op.execute(_sql(\"CREATE TABLE t (a int)\"))\n    # destructive: drops column \"b\"\\x0dx\n    op.execute(_sql(\"ALTER TABLE u DROP COLUMN b\"))\n"
        ), "{text}");
        assert!(
            text.ends_with(
                "def downgrade() -> None:\n    raise NotImplementedError('cannot \"undo\"')\n"
            ),
            "{text}"
        );
    }
}
