//! `ALTER TABLE`: one statement per table change, in the order the differ
//! gave them (it already puts drops before adds).

use super::table::{
    add_check, add_foreign_key, column_definition, constraint_comment, exclusion_clause,
    identity_clause, primary_key_clause, row_security, unique_clause,
};
use super::types::sequence_clauses;
use super::{comment_on, qualified, quote};
use strata_diff::RenderError;
use strata_model::change::TableChange;
use strata_model::{Column, IdentityKind, PgTable, SequenceOptions, Table};

pub(crate) fn alter_table(
    schema: &str,
    table: &str,
    changes: &[TableChange],
) -> Result<Vec<String>, RenderError> {
    let q = qualified(schema, table);
    let mut ordered: Vec<&TableChange> = changes.iter().collect();
    ordered.sort_by_key(|c| phase(c));
    let mut out = Vec::new();
    for c in ordered {
        out.extend(table_change(&q, c)?);
    }
    Ok(out)
}

/// Constraints are dropped before columns change (a column in a primary
/// key cannot lose NOT NULL; dropping a column drops the constraints that
/// use it, which could then not be dropped by name) and added after (they
/// may use new or retyped columns). The sort is stable: within a phase the
/// differ's order stands.
fn phase(c: &TableChange) -> u8 {
    match c {
        TableChange::DropForeignKey { .. }
        | TableChange::DropPrimaryKey { .. }
        | TableChange::DropUnique { .. }
        | TableChange::DropCheck { .. }
        | TableChange::DropExclusion { .. } => 0,
        TableChange::AddPrimaryKey { .. }
        | TableChange::AddUnique { .. }
        | TableChange::AddCheck { .. }
        | TableChange::AddExclusion { .. }
        | TableChange::AddForeignKey { .. }
        | TableChange::ValidateConstraint { .. } => 2,
        _ => 1,
    }
}

/// `DROP CONSTRAINT` needs a name; PostgreSQL always has one.
fn drop_constraint(q: &str, name: &Option<String>, what: &str) -> Result<String, RenderError> {
    match name {
        Some(n) => Ok(format!("ALTER TABLE {q} DROP CONSTRAINT {}", quote(n))),
        None => Err(super::unsupported(format!("drop an unnamed {what} on {q}"))),
    }
}

fn table_change(q: &str, c: &TableChange) -> Result<Vec<String>, RenderError> {
    Ok(match c {
        TableChange::AddColumn { column, .. } => {
            // PostgreSQL always adds at the end: `after` has no equivalent.
            let mut out = vec![format!(
                "ALTER TABLE {q} ADD COLUMN {}",
                column_definition(column)
            )];
            if column.comment.is_some() {
                out.push(column_comment(q, column));
            }
            out
        }
        TableChange::DropColumn { column, only } => {
            // ONLY: inheritance children keep their copy (and its rows) as
            // a column of their own; the differ drops it there when the
            // child loses it too.
            let only = if *only { "ONLY " } else { "" };
            vec![format!(
                "ALTER TABLE {only}{q} DROP COLUMN {}",
                quote(&column.name)
            )]
        }
        TableChange::AlterColumn { from, to } => alter_column(q, from, to),
        // The dialect does not answer `can_reorder_columns`: the differ
        // never asks for this.
        TableChange::MoveColumn { column, .. } => {
            return Err(super::unsupported(format!(
                "move column {} of {q} (PostgreSQL cannot reorder columns)",
                quote(&column.name)
            )));
        }
        TableChange::RenameColumn { from, to } => vec![format!(
            "ALTER TABLE {q} RENAME COLUMN {} TO {}",
            quote(from),
            quote(to)
        )],
        TableChange::AddPrimaryKey { key } => {
            let mut out = vec![format!("ALTER TABLE {q} ADD {}", primary_key_clause(key))];
            out.extend(constraint_comment(q, &key.name, &key.comment));
            out
        }
        TableChange::DropPrimaryKey { key } => vec![drop_constraint(q, &key.name, "primary key")?],
        TableChange::AddForeignKey { key } => add_foreign_key(q, key),
        TableChange::DropForeignKey { key } => vec![drop_constraint(q, &key.name, "foreign key")?],
        TableChange::ValidateConstraint { name } => vec![format!(
            "ALTER TABLE {q} VALIDATE CONSTRAINT {}",
            quote(name)
        )],
        TableChange::AddUnique { constraint } => {
            let mut out = vec![format!("ALTER TABLE {q} ADD {}", unique_clause(constraint))];
            out.extend(constraint_comment(q, &constraint.name, &constraint.comment));
            out
        }
        TableChange::DropUnique { constraint } => {
            vec![drop_constraint(q, &constraint.name, "unique constraint")?]
        }
        TableChange::AddCheck { check } => add_check(q, check),
        TableChange::DropCheck { check } => vec![drop_constraint(q, &check.name, "check")?],
        TableChange::AddExclusion { constraint } => {
            let mut out = vec![format!(
                "ALTER TABLE {q} ADD {}",
                exclusion_clause(constraint)
            )];
            out.extend(constraint_comment(
                q,
                &Some(constraint.name.clone()),
                &constraint.comment,
            ));
            out
        }
        TableChange::DropExclusion { constraint } => vec![format!(
            "ALTER TABLE {q} DROP CONSTRAINT {}",
            quote(&constraint.name)
        )],
        TableChange::SetComment { comment } => {
            vec![comment_on(&format!("TABLE {q}"), comment.as_deref())]
        }
        TableChange::SetOptions { from, to } => set_options(q, from, to),
        TableChange::AttachPartition { partition, bound } => vec![format!(
            "ALTER TABLE {q} ATTACH PARTITION {} {bound}",
            qualified(&partition.schema, &partition.name)
        )],
        TableChange::DetachPartition { partition } => vec![format!(
            "ALTER TABLE {q} DETACH PARTITION {}",
            qualified(&partition.schema, &partition.name)
        )],
    })
}

fn column_comment(q: &str, c: &Column) -> String {
    comment_on(
        &format!("COLUMN {q}.{}", quote(&c.name)),
        c.comment.as_deref(),
    )
}

/// Exactly the statements for the fields that differ, in an order that
/// works: a default that may not survive a type change is dropped first and
/// set again after it; identity is dropped before a default is set and
/// added after one is dropped.
fn alter_column(q: &str, from: &Column, to: &Column) -> Vec<String> {
    let col = quote(&to.name);
    let alter = |what: String| format!("ALTER TABLE {q} ALTER COLUMN {col} {what}");
    let mut out = Vec::new();

    if from.generated != to.generated {
        if to.generated.is_none() {
            out.push(alter("DROP EXPRESSION".into()));
        } else {
            // PostgreSQL cannot change a generation expression in place;
            // the values are derived, so dropping the column loses nothing.
            out.push(format!("ALTER TABLE {q} DROP COLUMN {col}"));
            out.push(format!(
                "ALTER TABLE {q} ADD COLUMN {}",
                column_definition(to)
            ));
            if to.comment.is_some() {
                out.push(column_comment(q, to));
            }
            return out;
        }
    }

    let retyped = from.data_type != to.data_type || from.collation != to.collation;
    if from.identity.is_some() && to.identity.is_none() {
        out.push(alter("DROP IDENTITY".into()));
    }
    let default_changes = from.default != to.default;
    if from.default.is_some() && (default_changes || retyped) {
        out.push(alter("DROP DEFAULT".into()));
    }
    if retyped {
        let collate = to
            .collation
            .as_ref()
            .map(|c| format!(" COLLATE {c}"))
            .unwrap_or_default();
        let using = if from.data_type == to.data_type {
            String::new()
        } else if is_user_type(&from.data_type) || is_user_type(&to.data_type) {
            // Enums and other user types rarely have casts between them;
            // every type converts to and from text.
            format!(" USING {col}::text::{}", to.data_type)
        } else {
            format!(" USING {col}::{}", to.data_type)
        };
        out.push(alter(format!("TYPE {}{collate}{using}", to.data_type)));
    }
    if from.nullable != to.nullable {
        out.push(alter(
            if to.nullable {
                "DROP NOT NULL"
            } else {
                "SET NOT NULL"
            }
            .into(),
        ));
    }
    if let Some(d) = &to.default
        && (default_changes || retyped)
    {
        out.push(alter(format!("SET DEFAULT {d}")));
    }
    match (&from.identity, &to.identity) {
        (None, Some(id)) => out.push(alter(format!("ADD {}", identity_clause(id)))),
        (Some(a), Some(b)) if a != b => {
            let mut sets = Vec::new();
            if a.kind != b.kind {
                sets.push(match b.kind {
                    IdentityKind::ByDefault => "SET GENERATED BY DEFAULT".to_string(),
                    _ => "SET GENERATED ALWAYS".to_string(),
                });
            }
            if let (Some(x), Some(y)) = (&a.sequence, &b.sequence) {
                sets.extend(identity_option_changes(x, y));
            } else if let Some(y) = &b.sequence {
                sets.extend(sequence_clauses(y).into_iter().map(|c| format!("SET {c}")));
            }
            if !sets.is_empty() {
                out.push(alter(sets.join(" ")));
            }
        }
        _ => {}
    }
    if from.comment != to.comment {
        out.push(column_comment(q, to));
    }
    out
}

/// `format_type` qualifies every type outside `pg_catalog` (the inspecting
/// session has an empty search path), so a dot marks a user-defined type.
fn is_user_type(data_type: &str) -> bool {
    data_type.contains('.')
}

/// `SET INCREMENT BY …` and friends for identity options that changed.
fn identity_option_changes(a: &SequenceOptions, b: &SequenceOptions) -> Vec<String> {
    let mut out = Vec::new();
    if a.increment != b.increment {
        out.push(format!("SET INCREMENT BY {}", b.increment));
    }
    if a.min_value != b.min_value {
        out.push(format!("SET MINVALUE {}", b.min_value));
    }
    if a.max_value != b.max_value {
        out.push(format!("SET MAXVALUE {}", b.max_value));
    }
    if a.start != b.start {
        out.push(format!("SET START WITH {}", b.start));
    }
    if a.cache != b.cache {
        out.push(format!("SET CACHE {}", b.cache));
    }
    if a.cycle != b.cycle {
        out.push(if b.cycle { "SET CYCLE" } else { "SET NO CYCLE" }.into());
    }
    out
}

/// Logged/unlogged, row-level security and storage parameters. Partition
/// keys and parents cannot change in place; the differ recreates the table.
fn set_options(q: &str, from: &Table, to: &Table) -> Vec<String> {
    let a = from.postgres.clone().unwrap_or_default();
    let b = to.postgres.clone().unwrap_or_default();
    let mut out = Vec::new();
    if a.unlogged != b.unlogged {
        out.push(format!(
            "ALTER TABLE {q} SET {}",
            if b.unlogged { "UNLOGGED" } else { "LOGGED" }
        ));
    }
    out.extend(row_security(q, &a, &b));
    out.extend(storage_options(q, &a, &b));
    out
}

fn option_key(o: &str) -> &str {
    o.split_once('=').map(|(k, _)| k).unwrap_or(o)
}

fn storage_options(q: &str, a: &PgTable, b: &PgTable) -> Vec<String> {
    let mut out = Vec::new();
    let reset: Vec<&str> = a
        .options
        .iter()
        .map(|o| option_key(o))
        .filter(|k| !b.options.iter().any(|o| option_key(o) == *k))
        .collect();
    if !reset.is_empty() {
        out.push(format!("ALTER TABLE {q} RESET ({})", reset.join(", ")));
    }
    let set: Vec<&str> = b
        .options
        .iter()
        .filter(|o| !a.options.contains(o))
        .map(|o| o.as_str())
        .collect();
    if !set.is_empty() {
        out.push(format!("ALTER TABLE {q} SET ({})", set.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(ty: &str) -> Column {
        Column::new("c", ty, true)
    }

    #[test]
    fn retyping_keeps_the_default_across() {
        let mut a = col("integer");
        a.default = Some("0".into());
        let mut b = col("bigint");
        b.default = Some("0".into());
        b.nullable = false;
        assert_eq!(
            alter_column("\"s\".\"t\"", &a, &b),
            [
                "ALTER TABLE \"s\".\"t\" ALTER COLUMN \"c\" DROP DEFAULT",
                "ALTER TABLE \"s\".\"t\" ALTER COLUMN \"c\" TYPE bigint USING \"c\"::bigint",
                "ALTER TABLE \"s\".\"t\" ALTER COLUMN \"c\" SET NOT NULL",
                "ALTER TABLE \"s\".\"t\" ALTER COLUMN \"c\" SET DEFAULT 0",
            ]
        );
    }

    #[test]
    fn constraints_are_dropped_first_and_added_last() {
        let key = strata_model::PrimaryKey {
            name: Some("t_pkey".into()),
            columns: vec!["c".into()],
            deferrable: false,
            initially_deferred: false,
            comment: None,
        };
        let mut nullable = col("integer");
        let mut required = col("integer");
        required.nullable = false;
        nullable.nullable = true;
        let sql = alter_table(
            "s",
            "t",
            &[
                TableChange::AlterColumn {
                    from: required,
                    to: nullable,
                },
                TableChange::AddCheck {
                    check: strata_model::CheckConstraint {
                        name: Some("ck".into()),
                        expression: "(c > 0)".into(),
                        not_valid: false,
                        no_inherit: false,
                        comment: None,
                    },
                },
                TableChange::DropPrimaryKey { key },
            ],
        )
        .unwrap();
        assert_eq!(
            sql,
            [
                "ALTER TABLE \"s\".\"t\" DROP CONSTRAINT \"t_pkey\"",
                "ALTER TABLE \"s\".\"t\" ALTER COLUMN \"c\" DROP NOT NULL",
                "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"ck\" CHECK ((c > 0))",
            ]
        );
    }

    #[test]
    fn user_types_convert_through_text() {
        let sql = alter_column("t", &col("public.mood"), &col("public.feeling"));
        assert_eq!(
            sql,
            [
                "ALTER TABLE t ALTER COLUMN \"c\" TYPE public.feeling USING \"c\"::text::public.feeling"
            ]
        );
    }

    #[test]
    fn identity_changes() {
        let a = col("integer");
        let mut b = col("integer");
        b.identity = Some(strata_model::Identity {
            kind: IdentityKind::Always,
            sequence: None,
        });
        b.nullable = false;
        assert_eq!(
            alter_column("t", &a, &b),
            [
                "ALTER TABLE t ALTER COLUMN \"c\" SET NOT NULL",
                "ALTER TABLE t ALTER COLUMN \"c\" ADD GENERATED ALWAYS AS IDENTITY",
            ]
        );
        let mut c = b.clone();
        c.identity = Some(strata_model::Identity {
            kind: IdentityKind::ByDefault,
            sequence: None,
        });
        assert_eq!(
            alter_column("t", &b, &c),
            ["ALTER TABLE t ALTER COLUMN \"c\" SET GENERATED BY DEFAULT"]
        );
        assert_eq!(
            alter_column("t", &c, &a),
            [
                "ALTER TABLE t ALTER COLUMN \"c\" DROP IDENTITY",
                "ALTER TABLE t ALTER COLUMN \"c\" DROP NOT NULL",
            ]
        );
    }

    #[test]
    fn storage_options_set_and_reset() {
        let a = PgTable {
            options: vec!["autovacuum_enabled=false".into(), "fillfactor=70".into()],
            ..PgTable::default()
        };
        let b = PgTable {
            options: vec!["fillfactor=80".into()],
            ..PgTable::default()
        };
        assert_eq!(
            storage_options("t", &a, &b),
            [
                "ALTER TABLE t RESET (autovacuum_enabled)",
                "ALTER TABLE t SET (fillfactor=80)"
            ]
        );
    }
}
