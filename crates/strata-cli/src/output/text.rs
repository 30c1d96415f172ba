//! `--format text`: a summary of a realm for people.

use super::Output;
use crate::commands::CliError;
use anstyle::{AnsiColor, Style};
use std::fmt::Write as _;
use strata_model::{Column, IndexKey, Realm, Table, UserTypeKind, View};

const HEADING: Style = Style::new().bold();
const DIM: Style = AnsiColor::BrightBlack.on_default();
const NAME: Style = AnsiColor::Cyan.on_default().bold();

pub fn write_realm(out: &mut Output, realm: &Realm) -> Result<(), CliError> {
    out.write_str(&render_realm(realm))
}

fn render_realm(realm: &Realm) -> String {
    let mut s = String::new();
    let views: usize = realm.schemas.values().map(|s| s.views.len()).sum();
    let routines: usize = realm.schemas.values().map(|s| s.routines.len()).sum();
    let _ = writeln!(
        s,
        "{HEADING}{} {}{HEADING:#}: {} schema(s), {} table(s), {} view(s), {} routine(s)",
        realm.dialect,
        realm.server.version,
        realm.schemas.len(),
        realm.table_count(),
        views,
        routines
    );
    for ext in realm.extensions.values() {
        let _ = writeln!(
            s,
            "extension {} {} (in {})",
            ext.name, ext.version, ext.schema
        );
    }
    for schema in realm.schemas.values() {
        let _ = writeln!(s, "\n{HEADING}schema {}{HEADING:#}", schema.name);
        for t in schema.types.values() {
            let what = match &t.kind {
                UserTypeKind::Enum { values } => format!("enum ({})", values.join(", ")),
                UserTypeKind::Domain { base_type, .. } => format!("domain over {base_type}"),
                UserTypeKind::Composite { attributes } => {
                    format!("composite ({} attributes)", attributes.len())
                }
                UserTypeKind::Range { subtype, .. } => format!("range of {subtype}"),
            };
            let _ = writeln!(s, "  type {NAME}{}{NAME:#} {what}", t.name);
        }
        for seq in schema.sequences.values() {
            let _ = writeln!(s, "  sequence {NAME}{}{NAME:#}", seq.name);
        }
        for table in schema.tables.values() {
            render_table(&mut s, table);
        }
        for view in schema.views.values() {
            render_view(&mut s, view);
        }
        for r in schema.routines.values() {
            let _ = writeln!(
                s,
                "  {} {NAME}{}{NAME:#}({}){}",
                r.kind.sql_word().to_lowercase(),
                r.name,
                r.arguments,
                r.returns
                    .as_ref()
                    .map(|t| format!(" returns {t}"))
                    .unwrap_or_default()
            );
        }
        for e in schema.events.values() {
            let _ = writeln!(s, "  event {NAME}{}{NAME:#} {}", e.name, e.schedule);
        }
    }
    for u in &realm.unsupported {
        let _ = writeln!(
            s,
            "{DIM}unsupported {} {}.{}{DIM:#}",
            u.kind, u.schema, u.name
        );
    }
    s
}

fn render_table(s: &mut String, table: &Table) {
    let _ = writeln!(s, "\n  table {NAME}{}{NAME:#}", table.name);
    if let Some(c) = &table.comment {
        let _ = writeln!(s, "    {DIM}-- {c}{DIM:#}");
    }
    let width = table
        .columns
        .iter()
        .map(|c| c.name.len())
        .max()
        .unwrap_or(0);
    for col in &table.columns {
        let _ = writeln!(s, "    {}", column_line(col, width));
    }
    if let Some(pk) = &table.primary_key {
        let _ = writeln!(s, "    primary key ({})", pk.columns.join(", "));
    }
    for u in &table.uniques {
        let _ = writeln!(s, "    unique ({})", u.columns.join(", "));
    }
    for fk in &table.foreign_keys {
        let _ = writeln!(
            s,
            "    foreign key ({}) -> {}({})",
            fk.columns.join(", "),
            fk.references,
            fk.referenced_columns.join(", ")
        );
    }
    for c in &table.checks {
        let _ = writeln!(s, "    check {}", c.expression);
    }
    for x in &table.exclusions {
        let _ = writeln!(s, "    {}", x.definition);
    }
    for idx in table.indexes.values() {
        let parts: Vec<String> = idx
            .parts
            .iter()
            .map(|p| match &p.key {
                IndexKey::Column(c) => c.clone(),
                IndexKey::Expression(e) => format!("({e})"),
            })
            .collect();
        let _ = writeln!(
            s,
            "    {}index {} ({}){}",
            if idx.unique { "unique " } else { "" },
            idx.name,
            parts.join(", "),
            idx.predicate
                .as_ref()
                .map(|p| format!(" where {p}"))
                .unwrap_or_default()
        );
    }
    for t in table.triggers.values() {
        let _ = writeln!(
            s,
            "    trigger {} {} {}",
            t.name,
            t.timing.sql_words().to_lowercase(),
            t.events.join(" or ").to_lowercase()
        );
    }
    for p in table.policies.values() {
        let _ = writeln!(
            s,
            "    policy {} for {}",
            p.name,
            p.command.sql_word().to_lowercase()
        );
    }
}

fn column_line(col: &Column, width: usize) -> String {
    let mut line = format!("{:width$}  {}", col.name, col.data_type);
    if !col.nullable {
        line.push_str(" not null");
    }
    if let Some(d) = &col.default {
        let _ = write!(line, " default {d}");
    }
    if let Some(g) = &col.generated {
        let _ = write!(line, " generated as ({})", g.expression);
    }
    if col.identity.is_some() {
        line.push_str(" identity");
    }
    if let Some(c) = &col.comment {
        let _ = write!(line, "  {DIM}-- {c}{DIM:#}");
    }
    line
}

fn render_view(s: &mut String, view: &View) {
    let kind = if view.materialized {
        "materialized view"
    } else {
        "view"
    };
    let cols: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    let _ = writeln!(
        s,
        "\n  {kind} {NAME}{}{NAME:#} ({})",
        view.name,
        cols.join(", ")
    );
}
