//! Comparing two sources: resolve both, make them comparable, diff and plan.

use crate::{EngineError, Source, SourceOptions, sql_for};
use strata_diff::differ::Rename;
use strata_diff::{DiffOptions, Plan, SqlDialect, diff, plan};
use strata_model::{Dialect, QualifiedName, Realm};

/// Two schemas and the plan that turns the first into the second.
pub struct Comparison {
    pub from: Realm,
    pub to: Realm,
    pub plan: Plan,
    pub dialect: &'static dyn SqlDialect,
}

/// Resolves both sources (in parallel when both are live), checks they are
/// of one dialect, aligns single-schema MySQL realms and plans the diff.
pub async fn compare(
    from: &Source,
    to: &Source,
    options: &SourceOptions,
    diff_options: &DiffOptions,
) -> Result<Comparison, EngineError> {
    // Desired-state SQL takes its dialect from the other side when the
    // user did not say.
    let mut from_options = options.clone();
    let mut to_options = options.clone();
    if options.dialect.is_none() {
        from_options.dialect = to.known_dialect().or(options.dialect);
        to_options.dialect = from.known_dialect().or(options.dialect);
    }
    // A live side is read first when the other is loaded into a dev
    // database, so the dev database can take its defaults.
    match (from.known_dialect(), to.known_dialect()) {
        (Some(d), None) => {
            let a = from.resolve(&from_options).await?;
            to_options.dev_setup = sql_for(d).dev_database_setup(&a);
            let b = to.resolve(&to_options).await?;
            plan_between(a, b, diff_options)
        }
        (None, Some(d)) => {
            let b = to.resolve(&to_options).await?;
            from_options.dev_setup = sql_for(d).dev_database_setup(&b);
            let a = from.resolve(&from_options).await?;
            plan_between(a, b, diff_options)
        }
        _ => {
            let (a, b) = tokio::join!(from.resolve(&from_options), to.resolve(&to_options));
            plan_between(a?, b?, diff_options)
        }
    }
}

/// Diffs and plans two resolved realms.
pub fn plan_between(
    from: Realm,
    mut to: Realm,
    diff_options: &DiffOptions,
) -> Result<Comparison, EngineError> {
    if from.dialect != to.dialect {
        return Err(EngineError::Usage(format!(
            "cannot compare a {} schema with a {} schema",
            from.dialect, to.dialect
        )));
    }
    align_single_schema(&from, &mut to);
    let dialect = sql_for(from.dialect);
    let mut diff_options = diff_options.clone();
    resolve_rename_schemas(&mut diff_options, &from)?;
    let changes = diff(&from, &to, dialect, &diff_options);
    let plan = plan(changes, &from, &to, dialect)?;
    Ok(Comparison {
        from,
        to,
        plan,
        dialect,
    })
}

/// Renames given without a schema (`--rename table:old=new`) apply to the
/// schema that has that table. Every rename must name something that
/// exists: a silently ignored rename would become a drop and an add.
fn resolve_rename_schemas(options: &mut DiffOptions, from: &Realm) -> Result<(), EngineError> {
    // The one schema where `has(schema)` holds.
    let find = |table: &str, has: &dyn Fn(&str) -> bool| -> Result<String, EngineError> {
        let hits: Vec<&String> = from.schemas.keys().filter(|s| has(s)).collect();
        match hits.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(EngineError::Usage(format!(
                "--rename: no table '{table}' in the first schema"
            ))),
            _ => Err(EngineError::Usage(format!(
                "--rename: table '{table}' exists in several schemas; write schema.{table}"
            ))),
        }
    };
    // Tables first: a column rename may name its table by its new name.
    for r in &mut options.renames {
        if let Rename::Table {
            schema, from: t, ..
        } = r
        {
            if schema.is_empty() {
                *schema = find(t, &|s| from.table(&QualifiedName::new(s, &*t)).is_some())?;
            }
            if from.table(&QualifiedName::new(&*schema, &*t)).is_none() {
                return Err(EngineError::Usage(format!(
                    "--rename: no table {schema}.{t} in the first schema"
                )));
            }
        }
    }
    let tables = options.renames.clone();
    for r in &mut options.renames {
        if let Rename::Column { table, from: c, .. } = r {
            if table.schema.is_empty() {
                table.schema = find(&table.name, &|s| {
                    renamed_table(from, &tables, &QualifiedName::new(s, &table.name)).is_some()
                })?;
            }
            match renamed_table(from, &tables, table) {
                None => {
                    return Err(EngineError::Usage(format!(
                        "--rename: no table {}.{} in the first schema",
                        table.schema, table.name
                    )));
                }
                Some(t) if t.column(c).is_none() => {
                    return Err(EngineError::Usage(format!(
                        "--rename: table {}.{} has no column {c}",
                        table.schema, table.name
                    )));
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

/// The table of `from` that a column rename names: by its name, or by the
/// new name a table rename gives it.
fn renamed_table<'a>(
    from: &'a Realm,
    renames: &[Rename],
    table: &QualifiedName,
) -> Option<&'a strata_model::Table> {
    from.table(table).or_else(|| {
        renames.iter().find_map(|r| match r {
            Rename::Table {
                schema,
                from: old,
                to,
            } if schema == &table.schema && to == &table.name => {
                from.table(&QualifiedName::new(schema, old))
            }
            _ => None,
        })
    })
}

/// A MySQL database is one schema whose name is the database's: comparing
/// `shop` on production with `strata_dev_123` loaded from SQL means
/// comparing their contents, so the second takes the first's name.
pub fn align_single_schema(reference: &Realm, other: &mut Realm) {
    if reference.dialect != Dialect::Mysql
        || reference.schemas.len() != 1
        || other.schemas.len() != 1
    {
        return;
    }
    let (Some(want), Some(have)) = (
        reference.schemas.keys().next().cloned(),
        other.schemas.keys().next().cloned(),
    ) else {
        return;
    };
    other.rename_schema(&have, &want);
}

/// The plan's statements, each destructive step preceded by a comment that
/// says what it loses (for scripts people review: `migrate new`, `diff --unsafe`).
pub fn annotated_statements(
    plan: &Plan,
    dialect: &dyn SqlDialect,
) -> Result<Vec<String>, EngineError> {
    let mut out = dialect.preamble();
    if plan.is_empty() {
        return Ok(Vec::new());
    }
    for step in &plan.steps {
        let statements = dialect
            .render(&step.change)
            .map_err(strata_diff::PlanError::from)?;
        for (i, sql) in statements.into_iter().enumerate() {
            match (&step.destructive, i) {
                (Some(why), 0) => out.push(format!("-- strata: DESTRUCTIVE: {why}\n{sql}")),
                _ => out.push(sql),
            }
        }
    }
    Ok(out)
}
