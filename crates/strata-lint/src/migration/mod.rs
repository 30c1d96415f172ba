//! Migration lint: risky operations in migration scripts, `strata lint
//! FILES…` and `strata lint --migrations`.
//!
//! A script is split into statements (`strata_driver::split_script`), each
//! parsed with sqlparser for its dialect. Rules read the parse where they
//! need structure (a column's options, a constraint's kind) and the
//! statement's tokens where keywords suffice, so a statement sqlparser
//! cannot parse is still checked by those rules; it also gets one
//! `parse-error` note, which never changes the exit code.
//!
//! "Existing table" means a table not created earlier in the same script
//! (a revision's `up.sql`, or one file): operations on a table the script
//! itself creates are not risky. A revision runs in a transaction unless
//! its first line is `-- strata:no-transaction` (PostgreSQL and SQLite;
//! MySQL DDL commits on its own).
//!
//! `-- strata:ignore rule-name[, rule-name…]` on a statement, after it on
//! its last line, or on the lines before it (after the previous statement)
//! silences those rules for that statement.
//!
//! ## Rules, and how they compare with Squawk
//!
//! Squawk (`squawk-cli`) lints PostgreSQL only; the test
//! `tests/squawk_overlap.rs` runs both on the PostgreSQL fixtures in
//! `tests/fixtures/postgres/` (as plain files, and as revisions: Squawk
//! with `--assume-in-transaction`), checks that corresponding rules flag
//! the same lines and that they differ only as the last column says. The
//! comparison is with Squawk 2.70's default rules.
//!
//! | rule | dialects | catches | Squawk | difference |
//! |---|---|---|---|---|
//! | `not-null-column-without-default` | pg, mysql | `ADD COLUMN … NOT NULL` without `DEFAULT` on an existing table | `adding-required-field` | strata skips tables created in the same script, and serial, identity and generated columns (Squawk flags a `serial … NOT NULL`); on MySQL it warns that rows get the type's implicit default |
//! | `set-not-null` | pg | `ALTER COLUMN … SET NOT NULL` on an existing table (full scan under an exclusive lock) | `adding-not-nullable-field` | strata skips tables created in the same script; both accept a validated `CHECK (… IS NOT NULL)` added earlier in the script |
//! | `index-without-concurrently` | pg | `CREATE INDEX` without `CONCURRENTLY` on an existing table | `require-concurrent-index-creation` | strata skips tables created in the same script, Squawk only inside a transaction (`--assume-in-transaction` or `BEGIN`); strata also checks statements sqlparser cannot parse (`ON ONLY`) |
//! | `drop-index-without-concurrently` | pg | `DROP INDEX` without `CONCURRENTLY` | `require-concurrent-index-deletion` | strata skips indexes created in the same script |
//! | `concurrently-in-transaction` | pg | `CREATE/DROP INDEX CONCURRENTLY`, `REINDEX … CONCURRENTLY`, `DETACH PARTITION … CONCURRENTLY` in a transaction | `ban-concurrent-index-creation-in-transaction` | Squawk flags only `CREATE INDEX CONCURRENTLY`; strata knows a revision runs in a transaction unless it starts with `-- strata:no-transaction`, Squawk needs `--assume-in-transaction` or an explicit `BEGIN` |
//! | `column-type-change` | pg | `ALTER COLUMN … TYPE` on an existing table | `changing-column-type` | strata skips tables created in the same script |
//! | `constraint-without-not-valid` | pg | `ADD FOREIGN KEY` / `ADD CHECK` (or `ADD COLUMN … REFERENCES`) without `NOT VALID` on an existing table; `VALIDATE CONSTRAINT` in the transaction that added it | `constraint-missing-not-valid`, `adding-foreign-key-constraint` | Squawk has two rules (one for any constraint, one for foreign keys), strata one finding per constraint; Squawk's first also fires on `UNIQUE`/`PRIMARY KEY`, which cannot be `NOT VALID` (strata: the next rule); strata skips tables created in the same script, Squawk only inside a transaction |
//! | `constraint-builds-index` | pg | `ADD UNIQUE` / `ADD PRIMARY KEY` (not `USING INDEX`) on an existing table | `disallowed-unique-constraint`, `adding-serial-primary-key-field` | strata skips tables created in the same script, Squawk only inside a transaction |
//! | `add-column-rewrites-table` | pg | `ADD COLUMN` with a volatile default (`gen_random_uuid()`, `random()`, `clock_timestamp()`…), a `serial` type, an identity or a `STORED` generated column | `adding-field-with-default` | both assume PostgreSQL 11 or later, where a non-volatile default is free (Squawk unless `--pg-version` is older); Squawk does not flag `serial`, and flags a default calling any function it does not know to be safe (`current_setting()`, `current_date`), strata only known volatile ones |
//! | `rename-column` | all | `RENAME COLUMN` | `renaming-column` | strata skips tables created in the same script |
//! | `rename-table` | all | `ALTER TABLE … RENAME TO`, MySQL `RENAME TABLE` | `renaming-table` | strata skips tables created in the same script and the rename that ends a SQLite rebuild |
//! | `drop-column` | all | `DROP COLUMN` on an existing table | `ban-drop-column` | strata skips tables created in the same script |
//! | `drop-table` | all | `DROP TABLE` of an existing table | `ban-drop-table` | strata skips tables created in the same script and the old table of a SQLite rebuild |
//! | `drop-database` | pg, mysql | `DROP DATABASE` (MySQL: and `DROP SCHEMA`, the same thing) | `ban-drop-database` | same; Squawk's `ban-drop-schema` also flags PostgreSQL's `DROP SCHEMA`, which strata does not |
//! | `truncate-table` | pg, mysql | `TRUNCATE` of an existing table | `ban-truncate-cascade` | Squawk flags only `CASCADE`; strata flags any truncate and names `CASCADE` when present |
//! | `missing-lock-timeout` | pg, mysql | the first lock-taking statement on an existing table with no `lock_timeout` (MySQL `lock_wait_timeout`) set before it | `require-lock-timeout` | Squawk also requires `statement_timeout` (`require-statement-timeout`); strata does not, since a statement timeout would cancel a long `CREATE INDEX CONCURRENTLY`. Squawk also asks for a lock timeout before `CREATE INDEX CONCURRENTLY` (whose lock does not conflict with writes), `DROP DATABASE`, statements on tables created in the same script and `CREATE TABLE … REFERENCES` (which does lock the referenced table: strata misses that one), and does not see `set_config('lock_timeout', …)` |
//! | `int-primary-key` | pg, mysql | a 32-bit or smaller integer (`int`, `serial`, `smallint`) primary key or identity column | `prefer-bigint-over-int`, `prefer-bigint-over-smallint` | Squawk flags every `int` and `smallint` column; strata only single-column keys and identity columns, which are what runs out |
//! | `serial-column` | pg | `serial` / `bigserial` columns | `prefer-identity` | same |
//! | `char-column` | pg | `char(n)` / `character(n)` columns | `ban-char-field` | same |
//! | `timestamp-without-time-zone` | pg | `timestamp` without time zone | `prefer-timestamp-tz` | Squawk also checks the new type of `ALTER COLUMN … TYPE`; strata only column definitions (`column-type-change` flags that statement) |
//! | `transaction-nesting` | pg, sqlite | `BEGIN`/`COMMIT` in a revision strata already runs in a transaction, or a `BEGIN` inside an open one | `transaction-nesting` | Squawk needs `--assume-in-transaction` to know about the runner's transaction, and then flags both the `BEGIN` and the `COMMIT` of a pair; strata reports the pair once, at `BEGIN` |
//! | `table-rewrite` | pg | `VACUUM FULL`, `CLUSTER`, `REINDEX` without `CONCURRENTLY`, `REFRESH MATERIALIZED VIEW` without `CONCURRENTLY` | `require-concurrent-reindex` | Squawk flags only `REINDEX` |
//! | `mysql-blocking-alter` | mysql | ALTERs that copy the table or block writes, unless `ALGORITHM=INSTANT/INPLACE` or `LOCK=NONE` make the server refuse instead | — | MySQL only |
//! | `mysql-column-position` | mysql | `ADD COLUMN … FIRST/AFTER` (a rebuild before MySQL 8.0.29 / MariaDB 10.4) | — | MySQL only |
//! | `sqlite-unsupported-alter` | sqlite | ALTERs SQLite cannot do in place (they fail; a rebuild is needed) | — | SQLite only |
//! | `sqlite-table-rebuild` | sqlite | the 12-step rebuild (create, copy, drop, rename) of an existing table | — | SQLite only |
//!
//! Squawk rules strata leaves out, on purpose: `prefer-robust-stmts`
//! (revisions run in a transaction, so a half-applied revision does not
//! happen), `prefer-text-field` (growing a `varchar` is a catalog-only
//! change since PostgreSQL 9.2; its short lock is what
//! `missing-lock-timeout` covers), `ban-drop-not-null` and
//! `ban-drop-constraint` (they make the schema looser and break no
//! writer), `require-enum-value-ordering`,
//! `ban-create-domain-with-constraint` and
//! `ban-alter-domain-with-add-constraint` (style choices), and
//! `require-statement-timeout` (see above). Not covered yet:
//! `require-concurrent-partition-detach` (a `DETACH PARTITION` without
//! `CONCURRENTLY` takes an ACCESS EXCLUSIVE lock on the parent) and
//! `ban-drop-schema` (see `drop-database`).

mod analyse;
mod context;
mod report;
mod sql;

mod add_column_rewrites_table;
mod char_column;
mod column_type_change;
mod concurrently_in_transaction;
mod constraint_builds_index;
mod constraint_without_not_valid;
mod drop_column;
mod drop_database;
mod drop_index_without_concurrently;
mod drop_table;
mod index_without_concurrently;
mod int_primary_key;
mod missing_lock_timeout;
mod mysql_blocking_alter;
mod mysql_column_position;
mod not_null_column_without_default;
mod rename_column;
mod rename_table;
mod serial_column;
mod set_not_null;
mod sqlite_table_rebuild;
mod sqlite_unsupported_alter;
mod table_rewrite;
mod timestamp_without_time_zone;
mod transaction_nesting;
mod truncate_table;

#[cfg(test)]
pub(crate) mod testing;

pub use analyse::Pos;
pub use report::{json, sarif, text};

use crate::schema::UnknownRule;
use crate::{RuleInfo, Severity};
use analyse::Statement;
use context::Context;
use serde::Serialize;
use strata_model::Dialect;

/// A migration lint rule.
pub struct Rule {
    /// What the rule is.
    pub info: RuleInfo,
    check: fn(&Statement, &Context, &mut Vec<Hit>),
}

/// What a rule reports: where, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub at: Pos,
    pub message: String,
}

impl Hit {
    pub(crate) fn new(at: Pos, message: impl Into<String>) -> Hit {
        Hit {
            at,
            message: message.into(),
        }
    }
}

/// Every migration rule, in the order `--list-rules` shows them.
pub static RULES: &[&Rule] = &[
    &not_null_column_without_default::RULE,
    &set_not_null::RULE,
    &index_without_concurrently::RULE,
    &drop_index_without_concurrently::RULE,
    &concurrently_in_transaction::RULE,
    &column_type_change::RULE,
    &constraint_without_not_valid::RULE,
    &constraint_builds_index::RULE,
    &add_column_rewrites_table::RULE,
    &rename_column::RULE,
    &rename_table::RULE,
    &drop_column::RULE,
    &drop_table::RULE,
    &drop_database::RULE,
    &truncate_table::RULE,
    &missing_lock_timeout::RULE,
    &int_primary_key::RULE,
    &serial_column::RULE,
    &char_column::RULE,
    &timestamp_without_time_zone::RULE,
    &transaction_nesting::RULE,
    &table_rewrite::RULE,
    &mysql_blocking_alter::RULE,
    &mysql_column_position::RULE,
    &sqlite_unsupported_alter::RULE,
    &sqlite_table_rebuild::RULE,
];

/// The note a statement sqlparser cannot parse gets. Keyword-level rules
/// still ran on it; it never makes the lint fail.
pub static PARSE_ERROR: RuleInfo = RuleInfo {
    id: "parse-error",
    summary: "a statement could not be parsed; only keyword-level rules checked it",
    rationale: "strata parses statements with sqlparser, which does not know every statement \
                (DO blocks, REINDEX, ALTER SEQUENCE, some MySQL ALTER clauses). Such a \
                statement is still checked by the rules that only need its keywords, but rules \
                that need its structure skip it. Review it by hand, or silence this note with \
                `-- strata:ignore parse-error`.",
    dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
    severity: Severity::Note,
    opt_in: false,
};

/// How a script is run, which decides whether it runs in a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    /// A plain SQL file: no transaction unless it opens one.
    File,
    /// A revision's `up.sql`, which strata's runner wraps in a transaction
    /// (PostgreSQL, SQLite) unless its first line is `-- strata:no-transaction`.
    Revision {
        /// The script opts out of the transaction.
        no_transaction: bool,
    },
}

/// A script to lint: its name in reports, dialect and kind.
#[derive(Debug, Clone)]
pub struct Source {
    /// How reports name the file.
    pub path: String,
    /// The dialect it is written in.
    pub dialect: Dialect,
    /// File or revision.
    pub kind: ScriptKind,
}

/// One risky operation found, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's id.
    pub rule: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// The file, as the source names it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is risky, in one line.
    pub message: String,
}

impl Finding {
    /// Does this finding fail the lint (exit code 1)? The `parse-error`
    /// note does not: it is about strata's parser, not the migration.
    pub fn fails(&self) -> bool {
        self.rule != PARSE_ERROR.id
    }
}

/// Which rules run.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// Only these rule ids (`--rule`, repeatable). Empty: every rule.
    pub rules: Vec<String>,
}

/// The rules `options` select for a dialect; an unknown id is an error.
pub fn selected(
    options: &LintOptions,
    dialect: Dialect,
) -> Result<Vec<&'static Rule>, UnknownRule> {
    for id in &options.rules {
        if id != PARSE_ERROR.id && !RULES.iter().any(|r| r.info.id == id) {
            return Err(UnknownRule {
                id: id.clone(),
                known: RULES
                    .iter()
                    .map(|r| r.info.id)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    Ok(RULES
        .iter()
        .copied()
        .filter(|r| r.info.dialects.contains(&dialect))
        .filter(|r| {
            if options.rules.is_empty() {
                !r.info.opt_in
            } else {
                options.rules.iter().any(|id| id == r.info.id)
            }
        })
        .collect())
}

/// The rule descriptions a report lists for a dialect: the selected rules
/// and the `parse-error` note.
pub fn reported_rules(
    options: &LintOptions,
    dialect: Dialect,
) -> Result<Vec<RuleInfo>, UnknownRule> {
    let mut rules: Vec<RuleInfo> = selected(options, dialect)?.iter().map(|r| r.info).collect();
    rules.push(PARSE_ERROR);
    Ok(rules)
}

/// Lints one script. Findings come sorted by position, then rule.
pub fn lint(
    source: &Source,
    text: &str,
    options: &LintOptions,
) -> Result<Vec<Finding>, UnknownRule> {
    let rules = selected(options, source.dialect)?;
    let parse_notes = options.rules.is_empty() || options.rules.iter().any(|r| r == PARSE_ERROR.id);
    let finding = |info: &RuleInfo, at: Pos, message: String| Finding {
        rule: info.id,
        severity: info.severity,
        path: source.path.clone(),
        line: at.line,
        column: at.column,
        message,
    };
    let statements = match analyse::analyse(source.dialect, text) {
        Ok(s) => s,
        // The script cannot even be split (an unterminated literal):
        // nothing can be checked, which is a note, not a failure.
        Err(e) => {
            return Ok(if parse_notes {
                vec![finding(
                    &PARSE_ERROR,
                    Pos {
                        line: e.line,
                        column: 1,
                    },
                    format!("the script cannot be split into statements: {}", e.message),
                )]
            } else {
                Vec::new()
            });
        }
    };
    let facts = context::facts(source, &statements);
    let mut out = Vec::new();
    for s in &statements {
        let cx = Context::new(source, &facts, s.index);
        if let Some(error) = &s.parse_error
            && parse_notes
            && !s.ignores(PARSE_ERROR.id)
        {
            out.push(finding(&PARSE_ERROR, s.pos, parse_message(error)));
        }
        for rule in &rules {
            if s.ignores(rule.info.id) {
                continue;
            }
            let mut hits = Vec::new();
            (rule.check)(s, &cx, &mut hits);
            out.extend(
                hits.into_iter()
                    .map(|h| finding(&rule.info, h.at, h.message)),
            );
        }
    }
    out.sort_by(|a, b| (a.line, a.column, a.rule).cmp(&(b.line, b.column, b.rule)));
    out.dedup();
    Ok(out)
}

/// The dialect a script's own spelling gives away, for files linted with
/// no `--dialect` and no `strata.toml`: MySQL's backquotes, `ENGINE=` and
/// `AUTO_INCREMENT`; SQLite's `AUTOINCREMENT`, `PRAGMA` and `WITHOUT
/// ROWID`. `None` when nothing does (callers then assume PostgreSQL).
pub fn guess_dialect(text: &str) -> Option<Dialect> {
    // Tokens, so that comments and string literals give nothing away.
    let Ok(tokens) =
        sqlparser::tokenizer::Tokenizer::new(&sqlparser::dialect::MySqlDialect {}, text)
            .with_unescape(false)
            .tokenize()
    else {
        return None;
    };
    use sqlparser::tokenizer::Token;
    let mut mysql = false;
    let mut sqlite = false;
    let mut previous = String::new();
    for t in &tokens {
        let Token::Word(w) = t else {
            if !matches!(t, Token::Whitespace(_)) {
                previous.clear();
            }
            continue;
        };
        if w.quote_style == Some('`') {
            mysql = true;
        }
        if w.quote_style.is_none() {
            let upper = w.value.to_ascii_uppercase();
            match upper.as_str() {
                "ENGINE" | "AUTO_INCREMENT" | "UNSIGNED" => mysql = true,
                "AUTOINCREMENT" | "PRAGMA" => sqlite = true,
                "ROWID" if previous == "WITHOUT" => sqlite = true,
                _ => {}
            }
            previous = upper;
        }
    }
    match (mysql, sqlite) {
        (true, false) => Some(Dialect::Mysql),
        (false, true) => Some(Dialect::Sqlite),
        _ => None,
    }
}

/// sqlparser's error without its prefix and its statement-relative
/// position (which would not match the file's).
fn parse_message(error: &str) -> String {
    let e = error.trim_start_matches("sql parser error: ");
    let e = match e.rfind(" at Line: ") {
        Some(i) => &e[..i],
        None => e,
    };
    format!("not parsed ({e}); only keyword-level rules checked this statement")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_with_rationale() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.info.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for r in RULES {
            assert!(
                r.info
                    .id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.info.id
            );
            assert!(r.info.rationale.len() > 80, "{}", r.info.id);
            assert!(!r.info.dialects.is_empty(), "{}", r.info.id);
        }
    }

    #[test]
    fn every_rule_is_in_the_module_docs_table() {
        let docs = include_str!("mod.rs");
        for r in RULES {
            assert!(
                docs.contains(&format!("//! | `{}` |", r.info.id)),
                "{} is missing from the rule table",
                r.info.id
            );
        }
    }

    #[test]
    fn unparseable_statement_is_a_note_that_does_not_fail() {
        let source = Source {
            path: "m.sql".into(),
            dialect: Dialect::Postgres,
            kind: ScriptKind::File,
        };
        let f = lint(
            &source,
            "DO $$ BEGIN PERFORM 1; END $$;",
            &LintOptions::default(),
        )
        .unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "parse-error");
        assert_eq!(
            f[0].message,
            "not parsed (Expected: an SQL statement, found: DO); only keyword-level rules checked this statement"
        );
        assert!(!f[0].fails());
    }

    #[test]
    fn a_script_that_cannot_be_split_is_one_note() {
        let source = Source {
            path: "m.sql".into(),
            dialect: Dialect::Postgres,
            kind: ScriptKind::File,
        };
        let f = lint(&source, "select 1;\nselect 'oops", &LintOptions::default()).unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].rule, f[0].line), ("parse-error", 2));
    }

    #[test]
    fn dialect_from_spelling() {
        assert_eq!(
            guess_dialect("CREATE TABLE `t` (id INT AUTO_INCREMENT) ENGINE=InnoDB;"),
            Some(Dialect::Mysql)
        );
        assert_eq!(
            guess_dialect("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID;"),
            Some(Dialect::Sqlite)
        );
        assert_eq!(
            guess_dialect("-- PRAGMA in a comment\nALTER TABLE t ADD c int DEFAULT 'ENGINE';"),
            None
        );
    }

    #[test]
    fn unknown_rules_are_errors() {
        let options = LintOptions {
            rules: vec!["no-such-rule".into()],
        };
        assert!(selected(&options, Dialect::Postgres).is_err());
    }
}
