//! Indexes, views and triggers.

use super::{names, quote, unsupported};
use crate::inspect::parse;
use strata_diff::RenderError;
use strata_model::{Index, IndexKey, Trigger, View};

/// `CREATE [UNIQUE] INDEX "i" ON "t" (…) [WHERE …]`.
pub(crate) fn create_index(table: &str, index: &Index) -> Result<String, RenderError> {
    if index.method.is_some() || !index.include.is_empty() || index.nulls_not_distinct {
        return Err(unsupported(format!(
            "create index {} (index methods, INCLUDE and NULLS NOT DISTINCT are not SQLite)",
            index.name
        )));
    }
    let parts: Vec<String> = index
        .parts
        .iter()
        .map(|p| {
            let mut s = match &p.key {
                IndexKey::Column(c) => quote(c),
                IndexKey::Expression(e) => e.clone(),
            };
            if let Some(c) = &p.collation {
                s.push_str(" COLLATE ");
                s.push_str(&quote(c));
            }
            if p.descending {
                s.push_str(" DESC");
            }
            s
        })
        .collect();
    let mut out = format!(
        "CREATE {}INDEX {} ON {} ({})",
        if index.unique { "UNIQUE " } else { "" },
        quote(&index.name),
        quote(table),
        parts.join(", ")
    );
    if let Some(p) = &index.predicate {
        out.push_str(" WHERE ");
        out.push_str(p);
    }
    Ok(out)
}

/// `CREATE VIEW "v" [(…)] AS …`. The column list is written only when the
/// query's own column names might differ from the view's (SQLite's
/// `CREATE VIEW v(a, b) AS …`), compared exactly: a needless list changes
/// nothing, a missing one renames columns. A query with `*` keeps its
/// natural names, because a list would fix the number of columns.
pub(crate) fn create_view(view: &View) -> Result<String, RenderError> {
    if view.materialized {
        return Err(unsupported("create materialized views"));
    }
    let wanted: Vec<String> = view.columns.iter().map(|c| c.name.clone()).collect();
    let list = match parse::natural_column_names(&view.definition) {
        Some(natural)
            if !wanted.is_empty()
                && (natural.len() != wanted.len()
                    || natural.iter().zip(&wanted).any(|(a, b)| a != b)) =>
        {
            format!(" ({})", names(&wanted))
        }
        _ => String::new(),
    };
    Ok(format!(
        "CREATE VIEW {}{} AS {}",
        quote(&view.name),
        list,
        view.definition
    ))
}

/// The stored `CREATE TRIGGER` statement.
pub(crate) fn create_trigger(trigger: &Trigger) -> Result<String, RenderError> {
    let words = parse::words(&trigger.definition);
    let is_create_trigger = words
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case("create"))
        && words
            .iter()
            .skip(1)
            .take(2)
            .any(|w| w.eq_ignore_ascii_case("trigger"));
    if !is_create_trigger {
        return Err(unsupported(format!(
            "create trigger {} from a definition that is not a SQLite CREATE TRIGGER statement",
            trigger.name
        )));
    }
    Ok(trigger.definition.clone())
}
