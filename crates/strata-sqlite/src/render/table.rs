//! CREATE TABLE and column definitions.

use super::{names, quote, unsupported};
use crate::normalize;
use strata_diff::RenderError;
use strata_model::{Column, ForeignKey, IdentityKind, MatchType, Table};

/// The column that carries the primary key inline: AUTOINCREMENT can only
/// be written as `col INTEGER PRIMARY KEY AUTOINCREMENT`.
fn inline_primary_key(t: &Table) -> Option<&str> {
    let pk = t.primary_key.as_ref()?;
    let [only] = pk.columns.as_slice() else {
        return None;
    };
    let col = t.column(only)?;
    col.identity
        .as_ref()
        .is_some_and(|i| i.kind == IdentityKind::AutoIncrement)
        .then_some(only.as_str())
}

/// `"name" TYPE [NOT NULL] [DEFAULT …] [COLLATE …] [GENERATED ALWAYS AS (…)]`.
/// `primary_key` is the inline `[CONSTRAINT "n"] PRIMARY KEY AUTOINCREMENT`
/// text when this column carries it.
pub(crate) fn column_definition(
    c: &Column,
    primary_key: Option<&str>,
) -> Result<String, RenderError> {
    let mut out = quote(&c.name);
    if !c.data_type.is_empty() {
        if !normalize::is_type_name(&c.data_type) {
            return Err(unsupported(format!(
                "use '{}' as the type of column {} (not a SQLite type name)",
                c.data_type, c.name
            )));
        }
        out.push(' ');
        out.push_str(&c.data_type);
    }
    match (primary_key, &c.identity) {
        (Some(pk), _) => {
            out.push(' ');
            out.push_str(pk);
        }
        (None, Some(_)) => {
            return Err(unsupported(format!(
                "make column {} an identity unless it is the table's single-column INTEGER PRIMARY KEY (AUTOINCREMENT)",
                c.name
            )));
        }
        (None, None) => {}
    }
    if !c.nullable {
        out.push_str(" NOT NULL");
    }
    if let Some(d) = &c.default {
        out.push_str(" DEFAULT ");
        if normalize::is_literal_default(d) {
            out.push_str(d);
        } else {
            out.push('(');
            out.push_str(d);
            out.push(')');
        }
    }
    if let Some(coll) = &c.collation {
        out.push_str(" COLLATE ");
        out.push_str(&quote(coll));
    }
    if let Some(g) = &c.generated {
        if g.expression.trim().is_empty() {
            return Err(unsupported(format!(
                "generate column {} without an expression",
                c.name
            )));
        }
        out.push_str(" GENERATED ALWAYS AS (");
        out.push_str(&g.expression);
        out.push_str(if g.stored { ") STORED" } else { ") VIRTUAL" });
    }
    Ok(out)
}

fn constraint_name(name: &Option<String>) -> String {
    match name {
        Some(n) => format!("CONSTRAINT {} ", quote(n)),
        None => String::new(),
    }
}

/// `[CONSTRAINT "n"] FOREIGN KEY (…) REFERENCES "t" (…) …`.
pub(crate) fn foreign_key(k: &ForeignKey) -> String {
    let mut out = format!(
        "{}FOREIGN KEY ({}) REFERENCES {}",
        constraint_name(&k.name),
        names(&k.columns),
        quote(&k.references.name)
    );
    if !k.referenced_columns.is_empty() {
        out.push_str(&format!(" ({})", names(&k.referenced_columns)));
    }
    // SQLite parses MATCH but does not enforce anything but SIMPLE; it is
    // kept so that the schema reads back as written.
    match k.match_type {
        MatchType::Simple => {}
        MatchType::Full => out.push_str(" MATCH FULL"),
        MatchType::Partial => out.push_str(" MATCH PARTIAL"),
    }
    if !k.on_delete.is_default() {
        out.push_str(" ON DELETE ");
        out.push_str(k.on_delete.as_sql());
    }
    if !k.on_update.is_default() {
        out.push_str(" ON UPDATE ");
        out.push_str(k.on_update.as_sql());
    }
    if k.deferrable {
        out.push_str(" DEFERRABLE");
        if k.initially_deferred {
            out.push_str(" INITIALLY DEFERRED");
        }
    }
    out
}

/// The CREATE TABLE statement for `t`, under the name `name` (a rebuild
/// creates the new table under a temporary name).
pub(crate) fn create_table(t: &Table, name: &str) -> Result<String, RenderError> {
    if t.columns.is_empty() {
        return Err(unsupported(format!(
            "create table {} without columns",
            t.name
        )));
    }
    if !t.exclusions.is_empty() {
        return Err(unsupported("create EXCLUDE constraints"));
    }
    let inline = inline_primary_key(t);
    let mut lines = Vec::new();
    for c in &t.columns {
        let pk = match (inline, &t.primary_key) {
            (Some(col), Some(pk)) if col == c.name => Some(format!(
                "{}PRIMARY KEY AUTOINCREMENT",
                constraint_name(&pk.name)
            )),
            _ => None,
        };
        lines.push(column_definition(c, pk.as_deref())?);
    }
    if let Some(pk) = &t.primary_key
        && inline.is_none()
    {
        lines.push(format!(
            "{}PRIMARY KEY ({})",
            constraint_name(&pk.name),
            names(&pk.columns)
        ));
    }
    for u in &t.uniques {
        lines.push(format!(
            "{}UNIQUE ({})",
            constraint_name(&u.name),
            names(&u.columns)
        ));
    }
    for c in &t.checks {
        lines.push(format!(
            "{}CHECK ({})",
            constraint_name(&c.name),
            c.expression
        ));
    }
    for k in &t.foreign_keys {
        lines.push(foreign_key(k));
    }
    let mut out = format!(
        "CREATE TABLE {} (\n  {}\n)",
        quote(name),
        lines.join(",\n  ")
    );
    let options = t.sqlite.clone().unwrap_or_default();
    let mut opts = Vec::new();
    if options.without_rowid {
        opts.push("WITHOUT ROWID");
    }
    if options.strict {
        opts.push("STRICT");
    }
    if !opts.is_empty() {
        out.push(' ');
        out.push_str(&opts.join(", "));
    }
    Ok(out)
}
