//! Small readers over sqlparser's AST that several rules share.

use super::analyse::{Name, Statement};
use sqlparser::ast::{
    AlterTableOperation, ColumnDef, ColumnOption, DataType, Expr, GeneratedExpressionMode,
    ObjectName, TableConstraint,
};
use std::ops::{ControlFlow, Range};

/// `ALTER TABLE name op, op…` as parsed.
pub(crate) fn alter_table(s: &Statement) -> Option<(&ObjectName, &[AlterTableOperation])> {
    match s.ast.as_ref()? {
        sqlparser::ast::Statement::AlterTable(a) => Some((&a.name, &a.operations)),
        _ => None,
    }
}

/// A column defined by a statement: in `CREATE TABLE` or `ADD COLUMN`.
pub(crate) struct ColumnSite<'a> {
    /// The table it belongs to.
    pub table: Name,
    /// Its definition.
    pub def: &'a ColumnDef,
    /// It is (alone) the primary key: a column option or a one-column
    /// table constraint.
    pub primary_key: bool,
}

/// The columns a `CREATE TABLE` or `ALTER TABLE … ADD COLUMN` defines.
pub(crate) fn columns(s: &Statement) -> Vec<ColumnSite<'_>> {
    let mut out = Vec::new();
    match s.ast.as_ref() {
        Some(sqlparser::ast::Statement::CreateTable(t)) => {
            // A table-level PRIMARY KEY (one column) names its column.
            let table_pk: Option<&Expr> = t.constraints.iter().find_map(|c| match c {
                TableConstraint::PrimaryKey(pk) if pk.columns.len() == 1 => {
                    Some(&pk.columns[0].column.expr)
                }
                _ => None,
            });
            for def in &t.columns {
                let named = table_pk.is_some_and(|e| {
                    matches!(e, Expr::Identifier(id) if id.value.eq_ignore_ascii_case(&def.name.value))
                });
                out.push(ColumnSite {
                    table: Name::of(&t.name),
                    def,
                    primary_key: named
                        || options(def).any(|o| matches!(o, ColumnOption::PrimaryKey(_))),
                });
            }
        }
        Some(sqlparser::ast::Statement::AlterTable(a)) => {
            for op in &a.operations {
                if let AlterTableOperation::AddColumn { column_def, .. } = op {
                    out.push(ColumnSite {
                        table: Name::of(&a.name),
                        def: column_def,
                        primary_key: options(column_def)
                            .any(|o| matches!(o, ColumnOption::PrimaryKey(_))),
                    });
                }
            }
        }
        _ => {}
    }
    out
}

/// A literal (possibly signed): what SQLite accepts as the default of an
/// added column, and what never needs computing per row.
pub(crate) fn constant(e: &Expr) -> bool {
    match e {
        Expr::Value(_) => true,
        Expr::UnaryOp { expr, .. } => constant(expr),
        _ => false,
    }
}

/// The clauses of an `ALTER TABLE` from its tokens: the table name and
/// the token ranges of the comma-separated clauses after it (commas inside
/// parentheses do not separate). Works on statements sqlparser cannot parse.
pub(crate) fn alter_clauses(s: &Statement) -> Option<(Name, Vec<Range<usize>>)> {
    if !s.starts_with(&["ALTER", "TABLE"]) {
        return None;
    }
    let i = s.skip(2, &[&["IF", "EXISTS"], &["ONLY"]]);
    let (table, mut start) = s.name_at(i)?;
    let mut clauses = Vec::new();
    let mut depth = 0usize;
    for (k, t) in s.tokens.iter().enumerate().skip(start) {
        if t.is_punct("(") {
            depth += 1;
        } else if t.is_punct(")") {
            depth = depth.saturating_sub(1);
        } else if t.is_punct(",") && depth == 0 {
            clauses.push(start..k);
            start = k + 1;
        }
    }
    clauses.push(start..s.tokens.len());
    clauses.retain(|r| !r.is_empty());
    Some((table, clauses))
}

/// `NAME = VALUE` / `NAME VALUE` among a statement's tokens (MySQL's
/// `ALGORITHM=INPLACE`, `LOCK=NONE`): the upper-cased value.
pub(crate) fn option_value(s: &Statement, name: &str) -> Option<String> {
    let i = s.tokens.iter().position(|t| t.is(name))?;
    let j = if s.tokens.get(i + 1).is_some_and(|t| t.is_punct("=")) {
        i + 2
    } else {
        i + 1
    };
    s.tokens.get(j)?.keyword().map(str::to_string)
}

/// Column options, without their optional constraint names.
pub(crate) fn options(def: &ColumnDef) -> impl Iterator<Item = &ColumnOption> {
    def.options.iter().map(|o| &o.option)
}

/// `NOT NULL` among the options (a primary key is NOT NULL too).
pub(crate) fn not_null(def: &ColumnDef) -> bool {
    options(def).any(|o| matches!(o, ColumnOption::NotNull | ColumnOption::PrimaryKey(_)))
}

/// The `DEFAULT` expression.
pub(crate) fn default(def: &ColumnDef) -> Option<&Expr> {
    options(def).find_map(|o| match o {
        ColumnOption::Default(e) => Some(e),
        _ => None,
    })
}

/// Does the column get a value for existing rows without a default: an
/// identity, a generated column or an auto-increment?
pub(crate) fn generated(def: &ColumnDef) -> bool {
    options(def).any(|o| match o {
        ColumnOption::Generated { .. } | ColumnOption::Identity(_) => true,
        ColumnOption::DialectSpecific(tokens) => tokens.iter().any(|t| {
            let t = t.to_string().to_ascii_uppercase();
            t == "AUTO_INCREMENT" || t == "AUTOINCREMENT"
        }),
        _ => false,
    })
}

/// A `GENERATED … AS (expr) STORED` column.
pub(crate) fn stored_generated(def: &ColumnDef) -> bool {
    options(def).any(|o| {
        matches!(
            o,
            ColumnOption::Generated {
                generation_expr: Some(_),
                generation_expr_mode: Some(GeneratedExpressionMode::Stored),
                ..
            }
        )
    })
}

/// The type's name as sqlparser spells it, upper-cased, without arguments:
/// `INT`, `SERIAL`, `CHARACTER VARYING`, `TIMESTAMP`.
pub(crate) fn type_name(t: &DataType) -> String {
    let text = t.to_string().to_ascii_uppercase();
    match text.find('(') {
        Some(i) => text[..i].trim().to_string(),
        None => text,
    }
}

/// Functions whose value differs per row (or per call): a default calling
/// one must be computed for every existing row, which rewrites the table.
/// PostgreSQL's VOLATILE ones only: a STABLE function (`now()`,
/// `statement_timestamp()`, `txid_current()`, `current_setting()`) is
/// evaluated once for the ALTER, so its default is as free as a constant.
const VOLATILE: &[&str] = &[
    "random",
    "gen_random_uuid",
    "uuid_generate_v1",
    "uuid_generate_v1mc",
    "uuid_generate_v4",
    "uuidv4",
    "uuidv7",
    "clock_timestamp",
    "timeofday",
    "nextval",
    "setseed",
];

/// The first volatile function an expression calls.
pub(crate) fn volatile(e: &Expr) -> Option<String> {
    let found = sqlparser::ast::visit_expressions(e, |expr| match expr {
        Expr::Function(f) => {
            let name = Name::of(&f.name).value;
            if VOLATILE.contains(&name.to_ascii_lowercase().as_str()) {
                ControlFlow::Break(name)
            } else {
                ControlFlow::Continue(())
            }
        }
        _ => ControlFlow::Continue(()),
    });
    match found {
        ControlFlow::Break(name) => Some(name),
        ControlFlow::Continue(()) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migration::analyse::analyse;
    use strata_model::Dialect;

    fn column(sql: &str) -> ColumnDef {
        let s = analyse(Dialect::Postgres, sql).unwrap();
        match alter_table(&s[0]).unwrap().1 {
            [AlterTableOperation::AddColumn { column_def, .. }] => column_def.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn volatile_defaults() {
        let c = column("ALTER TABLE t ADD c uuid DEFAULT gen_random_uuid()");
        assert_eq!(
            volatile(default(&c).unwrap()).as_deref(),
            Some("gen_random_uuid")
        );
        let c = column("ALTER TABLE t ADD c int DEFAULT (floor(random() * 10))::int");
        assert_eq!(volatile(default(&c).unwrap()).as_deref(), Some("random"));
        for stable in [
            "now()",
            "statement_timestamp()",
            "txid_current()",
            "current_setting('app.region')",
        ] {
            let c = column(&format!("ALTER TABLE t ADD c text DEFAULT {stable}"));
            assert_eq!(volatile(default(&c).unwrap()), None, "{stable}");
        }
    }

    #[test]
    fn column_facts() {
        let c = column("ALTER TABLE t ADD c int GENERATED ALWAYS AS (a * 2) STORED");
        assert!(stored_generated(&c) && generated(&c));
        let c = column("ALTER TABLE t ADD c varchar(20) NOT NULL");
        assert!(not_null(&c));
        assert_eq!(type_name(&c.data_type), "VARCHAR");
    }
}
