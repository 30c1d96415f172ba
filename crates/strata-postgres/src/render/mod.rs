//! Changes -> PostgreSQL DDL.
//!
//! One function per change kind, grouped by what they touch. Identifiers are
//! always quoted and names always schema-qualified, so a script means the
//! same whatever the `search_path` of the session that runs it. Text from
//! the server (types, expressions, definitions) is used as the server
//! printed it.

mod alter;
mod objects;
mod table;
mod types;

use strata_diff::{Change, RenderError};
use strata_model::Dialect;
use strata_model::change::{CommentTarget, GrantTarget};

/// The statements for one change, without trailing `;`.
pub fn render(change: &Change) -> Result<Vec<String>, RenderError> {
    Ok(match change {
        Change::CreateSchema { schema } => vec![format!("CREATE SCHEMA {}", quote(schema))],
        Change::DropSchema { schema } => vec![format!("DROP SCHEMA {}", quote(schema))],
        Change::CreateExtension { extension } => objects::create_extension(extension),
        Change::DropExtension { extension } => {
            vec![format!("DROP EXTENSION {}", quote(&extension.name))]
        }
        Change::AlterExtension { from, to } => objects::alter_extension(from, to),
        Change::CreateType { schema, ty } => types::create_type(schema, ty),
        Change::DropType { schema, ty } => types::drop_type(schema, ty),
        Change::AlterType {
            schema,
            name,
            change,
        } => types::alter_type(schema, name, change),
        Change::RebuildType {
            schema,
            from,
            to,
            columns,
            before,
        } => {
            let mut out = Vec::new();
            for c in before {
                out.extend(render(c)?);
            }
            out.extend(types::rebuild_type(schema, from, to, columns));
            out
        }
        Change::CreateCollation { schema, collation } => {
            vec![objects::create_collation(schema, collation)]
        }
        Change::DropCollation { schema, collation } => vec![format!(
            "DROP COLLATION {}",
            qualified(schema, &collation.name)
        )],
        Change::CreateSequence { schema, sequence } => types::create_sequence(schema, sequence),
        Change::DropSequence { schema, sequence } => {
            vec![format!(
                "DROP SEQUENCE {}",
                qualified(schema, &sequence.name)
            )]
        }
        Change::AlterSequence { schema, from, to } => types::alter_sequence(schema, from, to),
        Change::CreateRoutine { routine, .. } => vec![types::routine_definition(routine)],
        Change::ReplaceRoutine { to, .. } => vec![types::routine_definition(to)],
        Change::DropRoutine { schema, routine } => vec![format!(
            "DROP {} {}",
            routine.kind.sql_word(),
            signature(schema, &routine.key())
        )],
        Change::CreateTable { schema, table } => table::create_table(schema, table),
        Change::DropTable { schema, table } => {
            vec![format!("DROP TABLE {}", qualified(schema, &table.name))]
        }
        Change::RenameTable { schema, from, to } => vec![format!(
            "ALTER TABLE {} RENAME TO {}",
            qualified(schema, from),
            quote(to)
        )],
        Change::AlterTable {
            schema,
            table,
            changes,
        } => alter::alter_table(schema, table, changes)?,
        Change::RebuildTable { schema, to, .. } => {
            return Err(unsupported(format!(
                "rebuild table {schema}.{} (ALTER TABLE can make every change in place)",
                to.name
            )));
        }
        Change::CreateIndex {
            schema,
            table,
            index,
        } => vec![objects::create_index(schema, table, index)],
        Change::DropIndex { schema, index, .. } => {
            vec![format!("DROP INDEX {}", qualified(schema, &index.name))]
        }
        Change::CreateView { schema, view } => vec![objects::create_view(schema, view)],
        Change::DropView { schema, view } => vec![format!(
            "DROP {}VIEW {}",
            if view.materialized {
                "MATERIALIZED "
            } else {
                ""
            },
            qualified(schema, &view.name)
        )],
        Change::CreateTrigger {
            schema,
            table,
            trigger,
        } => objects::create_trigger(schema, table, trigger),
        Change::DropTrigger {
            schema,
            table,
            trigger,
        } => vec![format!(
            "DROP TRIGGER {} ON {}",
            quote(&trigger.name),
            qualified(schema, table)
        )],
        Change::CreateRule { rule, .. } => vec![rule.definition.clone()],
        Change::ReplaceRule { to, .. } => vec![objects::replace_rule(to)],
        Change::DropRule {
            schema,
            table,
            rule,
        } => vec![format!(
            "DROP RULE {} ON {}",
            quote(&rule.name),
            qualified(schema, table)
        )],
        Change::CreatePolicy {
            schema,
            table,
            policy,
        } => vec![objects::create_policy(schema, table, policy)],
        Change::DropPolicy {
            schema,
            table,
            policy,
        } => vec![format!(
            "DROP POLICY {} ON {}",
            quote(&policy.name),
            qualified(schema, table)
        )],
        Change::CreateEvent { schema, event } | Change::DropEvent { schema, event } => {
            return Err(unsupported(format!(
                "manage scheduled events ({schema}.{} is a MySQL event)",
                event.name
            )));
        }
        Change::SetComment { target, comment } => vec![set_comment(target, comment.as_deref())],
        Change::Grant { target, grant } => vec![format!(
            "GRANT {} ON {} TO {}{}",
            grant.privileges.join(", "),
            grant_target(target),
            grantee(&grant.grantee),
            if grant.with_grant_option {
                " WITH GRANT OPTION"
            } else {
                ""
            }
        )],
        Change::Revoke { target, grant } => vec![format!(
            "REVOKE {} ON {} FROM {}",
            grant.privileges.join(", "),
            grant_target(target),
            grantee(&grant.grantee)
        )],
    })
}

fn unsupported(what: String) -> RenderError {
    RenderError::Unsupported {
        dialect: Dialect::Postgres,
        what,
    }
}

/// A quoted identifier: `a"b` -> `"a""b"`.
pub fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// `"schema"."name"`.
pub fn qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", quote(schema), quote(name))
}

/// A string literal that reads the same whatever
/// `standard_conforming_strings` says: text with a backslash is written as
/// an escape string.
pub fn literal(text: &str) -> String {
    let quoted = text.replace('\'', "''");
    if text.contains('\\') {
        format!("E'{}'", quoted.replace('\\', "\\\\"))
    } else {
        format!("'{quoted}'")
    }
}

/// `PUBLIC` is a keyword, not a role.
fn grantee(name: &str) -> String {
    if name.eq_ignore_ascii_case("public") {
        "PUBLIC".into()
    } else {
        quote(name)
    }
}

/// Splits a routine key `name(args)` at the parenthesis that opens the
/// argument list (the last top-level one: a name may itself contain
/// parentheses, and argument types may be quoted).
pub(crate) fn split_key(key: &str) -> (&str, &str) {
    let Some(body) = key.strip_suffix(')') else {
        return (key, "");
    };
    let mut depth = 0usize;
    let mut in_quotes = false;
    for (i, c) in body.char_indices().rev() {
        match c {
            '"' => in_quotes = !in_quotes,
            ')' if !in_quotes => depth += 1,
            '(' if !in_quotes => {
                if depth == 0 {
                    return (&body[..i], &body[i + 1..]);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    (key, "")
}

/// `"schema"."name"(args)` for a routine key.
pub(crate) fn signature(schema: &str, key: &str) -> String {
    let (name, args) = split_key(key);
    format!("{}({args})", qualified(schema, name))
}

fn grant_target(target: &GrantTarget) -> String {
    match target {
        GrantTarget::Schema { name } => format!("SCHEMA {}", quote(name)),
        GrantTarget::Table { name } | GrantTarget::View { name } => {
            format!("TABLE {}", qualified(&name.schema, &name.name))
        }
        GrantTarget::Sequence { name } => {
            format!("SEQUENCE {}", qualified(&name.schema, &name.name))
        }
        // ROUTINE names functions, procedures and aggregates alike.
        GrantTarget::Routine {
            schema,
            signature: s,
            ..
        } => format!("ROUTINE {}", signature(schema, s)),
        GrantTarget::Type { name } => format!("TYPE {}", qualified(&name.schema, &name.name)),
    }
}

/// `COMMENT ON … IS …` (`NULL` removes it).
pub(crate) fn comment_on(target: &str, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON {target} IS {}",
        comment.map(literal).unwrap_or_else(|| "NULL".into())
    )
}

fn set_comment(target: &CommentTarget, comment: Option<&str>) -> String {
    let on = match target {
        CommentTarget::Schema { name } => format!("SCHEMA {}", quote(name)),
        CommentTarget::Extension { name } => format!("EXTENSION {}", quote(name)),
        CommentTarget::Type { name } => format!("TYPE {}", qualified(&name.schema, &name.name)),
        CommentTarget::Collation { name } => {
            format!("COLLATION {}", qualified(&name.schema, &name.name))
        }
        CommentTarget::Sequence { name } => {
            format!("SEQUENCE {}", qualified(&name.schema, &name.name))
        }
        CommentTarget::Routine {
            schema,
            signature: s,
            kind,
        } => format!("{} {}", kind.sql_word(), signature(schema, s)),
        CommentTarget::View { name, materialized } => format!(
            "{}VIEW {}",
            if *materialized { "MATERIALIZED " } else { "" },
            qualified(&name.schema, &name.name)
        ),
        CommentTarget::ViewColumn { view, column, .. } => format!(
            "COLUMN {}.{}",
            qualified(&view.schema, &view.name),
            quote(column)
        ),
        CommentTarget::Index { schema, name } => format!("INDEX {}", qualified(schema, name)),
        CommentTarget::Constraint { table, name } => format!(
            "CONSTRAINT {} ON {}",
            quote(name),
            qualified(&table.schema, &table.name)
        ),
        CommentTarget::Trigger { table, name } => format!(
            "TRIGGER {} ON {}",
            quote(name),
            qualified(&table.schema, &table.name)
        ),
        CommentTarget::Policy { table, name } => format!(
            "POLICY {} ON {}",
            quote(name),
            qualified(&table.schema, &table.name)
        ),
        CommentTarget::Rule { table, name } => format!(
            "RULE {} ON {}",
            quote(name),
            qualified(&table.schema, &table.name)
        ),
    };
    comment_on(&on, comment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_and_doubled() {
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote("select"), "\"select\"");
        assert_eq!(
            qualified("public", "x; drop table y; --"),
            "\"public\".\"x; drop table y; --\""
        );
    }

    #[test]
    fn literals_survive_either_string_setting() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(literal(r"a\b'"), r"E'a\\b'''");
    }

    #[test]
    fn comments_and_grants_name_their_object() {
        use strata_model::{Grant, QualifiedName, RoutineKind};
        let c = render(&Change::SetComment {
            target: CommentTarget::Routine {
                schema: "s".into(),
                signature: "f(integer)".into(),
                kind: RoutineKind::Aggregate,
            },
            comment: Some("sums".into()),
        })
        .unwrap();
        assert_eq!(c, ["COMMENT ON AGGREGATE \"s\".\"f\"(integer) IS 'sums'"]);
        let c = render(&Change::SetComment {
            target: CommentTarget::ViewColumn {
                view: QualifiedName::new("s", "v"),
                column: "c".into(),
                materialized: true,
            },
            comment: None,
        })
        .unwrap();
        assert_eq!(c, ["COMMENT ON COLUMN \"s\".\"v\".\"c\" IS NULL"]);
        let grant = Grant {
            grantee: "PUBLIC".into(),
            privileges: vec!["EXECUTE".into()],
            with_grant_option: false,
        };
        let target = GrantTarget::Routine {
            schema: "s".into(),
            signature: "f(integer)".into(),
            kind: RoutineKind::Function,
        };
        assert_eq!(
            render(&Change::Grant {
                target: target.clone(),
                grant: Grant {
                    with_grant_option: true,
                    grantee: "app".into(),
                    ..grant.clone()
                }
            })
            .unwrap(),
            ["GRANT EXECUTE ON ROUTINE \"s\".\"f\"(integer) TO \"app\" WITH GRANT OPTION"]
        );
        assert_eq!(
            render(&Change::Revoke { target, grant }).unwrap(),
            ["REVOKE EXECUTE ON ROUTINE \"s\".\"f\"(integer) FROM PUBLIC"]
        );
    }

    #[test]
    fn changes_postgres_cannot_express_are_errors() {
        let e = render(&Change::CreateEvent {
            schema: "s".into(),
            event: strata_model::Event {
                name: "e".into(),
                schedule: "EVERY 1 DAY".into(),
                preserve: false,
                status: "ENABLE".into(),
                body: "SELECT 1".into(),
                comment: None,
            },
        })
        .unwrap_err();
        assert!(e.to_string().contains("MySQL event"), "{e}");
    }

    #[test]
    fn routine_keys_split_at_the_argument_list() {
        assert_eq!(split_key("f(integer, numeric)"), ("f", "integer, numeric"));
        assert_eq!(split_key("odd(name(x)"), ("odd(name", "x"));
        assert_eq!(split_key("g(a public.\"t(\")"), ("g", "a public.\"t(\""));
        assert_eq!(split_key("h()"), ("h", ""));
        assert_eq!(
            signature("public", "group_concat(text)"),
            "\"public\".\"group_concat\"(text)"
        );
    }
}
