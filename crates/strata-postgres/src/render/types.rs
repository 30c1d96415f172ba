//! Types, domains, sequences and routines.

use super::{comment_on, literal, qualified, quote};
use strata_model::change::{TypeChange, TypedColumn};
use strata_model::{Routine, Sequence, SequenceOptions, UserType, UserTypeKind};

/// `CREATE TYPE` / `CREATE DOMAIN`, with its comment (the differ sends no
/// separate comment change for a new type). A domain check that is NOT
/// VALID can only be added afterwards.
pub(crate) fn create_type(schema: &str, ty: &UserType) -> Vec<String> {
    let name = qualified(schema, &ty.name);
    let mut out = Vec::new();
    match &ty.kind {
        UserTypeKind::Enum { values } => out.push(format!(
            "CREATE TYPE {name} AS ENUM ({})",
            values
                .iter()
                .map(|v| literal(v))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        UserTypeKind::Domain {
            base_type,
            nullable,
            default,
            collation,
            checks,
        } => {
            let mut sql = format!("CREATE DOMAIN {name} AS {base_type}");
            if let Some(c) = collation {
                sql.push_str(&format!(" COLLATE {c}"));
            }
            if let Some(d) = default {
                sql.push_str(&format!(" DEFAULT {d}"));
            }
            if !nullable {
                sql.push_str(" NOT NULL");
            }
            for c in checks.iter().filter(|c| !c.not_valid) {
                sql.push_str(&format!(" CONSTRAINT {} {}", quote(&c.name), c.expression));
            }
            out.push(sql);
            for c in checks.iter().filter(|c| c.not_valid) {
                out.push(add_domain_check(&name, c));
            }
        }
        UserTypeKind::Composite { attributes } => {
            let attrs: Vec<String> = attributes
                .iter()
                .map(|a| {
                    let mut s = format!("{} {}", quote(&a.name), a.data_type);
                    if let Some(c) = &a.collation {
                        s.push_str(&format!(" COLLATE {c}"));
                    }
                    s
                })
                .collect();
            out.push(format!("CREATE TYPE {name} AS ({})", attrs.join(", ")));
        }
        UserTypeKind::Range { subtype, options } => {
            let mut all = vec![format!("SUBTYPE = {subtype}")];
            all.extend(options.iter().cloned());
            out.push(format!("CREATE TYPE {name} AS RANGE ({})", all.join(", ")));
        }
    }
    if ty.comment.is_some() {
        out.push(comment_on(&format!("TYPE {name}"), ty.comment.as_deref()));
    }
    out
}

fn is_domain(ty: &UserType) -> bool {
    matches!(ty.kind, UserTypeKind::Domain { .. })
}

pub(crate) fn drop_type(schema: &str, ty: &UserType) -> Vec<String> {
    let word = if is_domain(ty) { "DOMAIN" } else { "TYPE" };
    vec![format!("DROP {word} {}", qualified(schema, &ty.name))]
}

/// The old type renamed aside, the new one created, every column that uses
/// it converted through text (its default, which names the type, dropped
/// first and the target's set after), and the old type dropped.
pub(crate) fn rebuild_type(
    schema: &str,
    from: &UserType,
    to: &UserType,
    columns: &[TypedColumn],
) -> Vec<String> {
    let word = if is_domain(from) { "DOMAIN" } else { "TYPE" };
    let aside = format!("{}__strata_old", from.name);
    let mut out = vec![format!(
        "ALTER {word} {} RENAME TO {}",
        qualified(schema, &from.name),
        quote(&aside)
    )];
    out.extend(create_type(schema, to));
    for c in columns {
        let table = qualified(&c.table.schema, &c.table.name);
        let col = quote(&c.column.name);
        let alter = |what: String| format!("ALTER TABLE {table} ALTER COLUMN {col} {what}");
        let dims = "[]".repeat(c.column.data_type.matches("[]").count());
        let new = format!("{}{dims}", qualified(schema, &to.name));
        if c.column.default.is_some() {
            out.push(alter("DROP DEFAULT".into()));
        }
        out.push(alter(format!("TYPE {new} USING {col}::text::{new}")));
        if let Some(d) = &c.default {
            out.push(alter(format!("SET DEFAULT {d}")));
        }
    }
    out.push(format!("DROP {word} {}", qualified(schema, &aside)));
    out
}

fn add_domain_check(domain: &str, c: &strata_model::DomainCheck) -> String {
    format!(
        "ALTER DOMAIN {domain} ADD CONSTRAINT {} {}{}",
        quote(&c.name),
        c.expression,
        if c.not_valid { " NOT VALID" } else { "" }
    )
}

pub(crate) fn alter_type(schema: &str, name: &str, change: &TypeChange) -> Vec<String> {
    let q = qualified(schema, name);
    vec![match change {
        TypeChange::AddEnumValue {
            value,
            before,
            after,
        } => {
            let place = match (before, after) {
                (Some(b), _) => format!(" BEFORE {}", literal(b)),
                (None, Some(a)) => format!(" AFTER {}", literal(a)),
                (None, None) => String::new(),
            };
            // IF NOT EXISTS: the statement also runs before the plan's
            // transaction (see `PostgresSql::around_transaction`).
            format!(
                "ALTER TYPE {q} ADD VALUE IF NOT EXISTS {}{place}",
                literal(value)
            )
        }
        TypeChange::SetDomainDefault { default: Some(d) } => {
            format!("ALTER DOMAIN {q} SET DEFAULT {d}")
        }
        TypeChange::SetDomainDefault { default: None } => format!("ALTER DOMAIN {q} DROP DEFAULT"),
        TypeChange::SetDomainNullable { nullable: true } => {
            format!("ALTER DOMAIN {q} DROP NOT NULL")
        }
        TypeChange::SetDomainNullable { nullable: false } => {
            format!("ALTER DOMAIN {q} SET NOT NULL")
        }
        TypeChange::AddDomainCheck { check } => add_domain_check(&q, check),
        TypeChange::DropDomainCheck { check } => {
            format!("ALTER DOMAIN {q} DROP CONSTRAINT {}", quote(&check.name))
        }
    }]
}

/// The largest and smallest values of a sequence type.
fn type_range(data_type: &str) -> (i64, i64) {
    match data_type {
        "smallint" => (i16::MIN.into(), i16::MAX.into()),
        "integer" => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN, i64::MAX),
    }
}

/// Sequence clauses that differ from what PostgreSQL picks for `data_type`
/// by itself (readable scripts; the result is the same sequence).
pub(crate) fn sequence_clauses(o: &SequenceOptions) -> Vec<String> {
    let (type_min, type_max) = type_range(&o.data_type);
    let ascending = o.increment > 0;
    let default_min = if ascending { 1 } else { type_min };
    let default_max = if ascending { type_max } else { -1 };
    let default_start = if ascending { o.min_value } else { o.max_value };
    let mut out = Vec::new();
    if o.increment != 1 {
        out.push(format!("INCREMENT BY {}", o.increment));
    }
    if o.min_value != default_min {
        out.push(format!("MINVALUE {}", o.min_value));
    }
    if o.max_value != default_max {
        out.push(format!("MAXVALUE {}", o.max_value));
    }
    if o.start != default_start {
        out.push(format!("START WITH {}", o.start));
    }
    if o.cache != 1 {
        out.push(format!("CACHE {}", o.cache));
    }
    if o.cycle {
        out.push("CYCLE".into());
    }
    out
}

pub(crate) fn create_sequence(schema: &str, s: &Sequence) -> Vec<String> {
    let mut sql = format!("CREATE SEQUENCE {}", qualified(schema, &s.name));
    if s.options.data_type != "bigint" {
        sql.push_str(&format!(" AS {}", s.options.data_type));
    }
    for c in sequence_clauses(&s.options) {
        sql.push(' ');
        sql.push_str(&c);
    }
    vec![sql]
}

/// Only the options that changed, and ownership.
pub(crate) fn alter_sequence(schema: &str, from: &Sequence, to: &Sequence) -> Vec<String> {
    let q = qualified(schema, &to.name);
    let (a, b) = (&from.options, &to.options);
    let mut clauses = Vec::new();
    if a.data_type != b.data_type {
        clauses.push(format!("AS {}", b.data_type));
    }
    if a.increment != b.increment {
        clauses.push(format!("INCREMENT BY {}", b.increment));
    }
    if a.min_value != b.min_value {
        clauses.push(format!("MINVALUE {}", b.min_value));
    }
    if a.max_value != b.max_value {
        clauses.push(format!("MAXVALUE {}", b.max_value));
    }
    if a.start != b.start {
        clauses.push(format!("START WITH {}", b.start));
    }
    if a.cache != b.cache {
        clauses.push(format!("CACHE {}", b.cache));
    }
    if a.cycle != b.cycle {
        clauses.push(if b.cycle { "CYCLE" } else { "NO CYCLE" }.into());
    }
    if from.owned_by != to.owned_by {
        clauses.push(match &to.owned_by {
            Some(o) => format!(
                "OWNED BY {}.{}",
                qualified(schema, &o.table),
                quote(&o.column)
            ),
            None => "OWNED BY NONE".into(),
        });
    }
    if clauses.is_empty() {
        return Vec::new();
    }
    vec![format!("ALTER SEQUENCE {q} {}", clauses.join(" "))]
}

/// The server's own `CREATE OR REPLACE` text serves for both creating and
/// replacing; an aggregate's was built by the inspector in the same form.
pub(crate) fn routine_definition(r: &Routine) -> String {
    r.definition.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(data_type: &str) -> SequenceOptions {
        let (_, max) = type_range(data_type);
        SequenceOptions {
            data_type: data_type.into(),
            start: 1,
            increment: 1,
            min_value: 1,
            max_value: max,
            cache: 1,
            cycle: false,
        }
    }

    #[test]
    fn default_sequence_options_are_left_out() {
        assert!(sequence_clauses(&opts("integer")).is_empty());
        let mut o = opts("bigint");
        o.start = 100;
        o.increment = 5;
        o.cycle = true;
        assert_eq!(
            sequence_clauses(&o),
            ["INCREMENT BY 5", "START WITH 100", "CYCLE"]
        );
        let mut down = opts("smallint");
        down.increment = -1;
        down.min_value = -32768;
        down.max_value = -1;
        down.start = -1;
        assert_eq!(sequence_clauses(&down), ["INCREMENT BY -1"]);
    }
}
