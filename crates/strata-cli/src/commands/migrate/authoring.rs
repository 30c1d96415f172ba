//! Writing revisions: `init`, `new`, `merge`.

use super::Context;
use crate::Outcome;
use crate::commands::CliError;
use strata_diff::DiffOptions;
use strata_engine::{Source, annotated_statements, compare, sql_for};
use strata_migrate::{Revision, Target, revision};

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn io(context: String) -> impl FnOnce(std::io::Error) -> CliError {
    move |source| CliError::Io { context, source }
}

/// Creates the migrations directory and, when there is none, a strata.toml.
pub fn init(cx: &Context) -> Result<Outcome, CliError> {
    std::fs::create_dir_all(&cx.dir).map_err(io(format!("creating {}", cx.dir.display())))?;
    eprintln!("migrations directory: {}", cx.dir.display());
    if cx.config.path.is_none() {
        let dialect = cx.sources.dialect.map(|d| d.as_str()).unwrap_or("postgres");
        let text = format!(
            "# strata configuration (see the README).\n\
             dialect = \"{dialect}\"\n\
             # The database to migrate. ${{VAR}} is read from the environment.\n\
             url = \"${{DATABASE_URL}}\"\n\
             migrations = \"migrations\"\n\
             # The desired schema (a .sql file or a directory of them) for `migrate new --autogenerate`.\n\
             schema = \"schema.sql\"\n\
             \n\
             # [env.staging]\n\
             # url = \"${{STAGING_DATABASE_URL}}\"\n"
        );
        let path = std::path::Path::new(strata_config::FILE_NAME);
        std::fs::write(path, text).map_err(io(format!("writing {}", path.display())))?;
        eprintln!("configuration: {}", path.display());
    }
    Ok(Outcome::Clean)
}

/// The parent of a new revision: `--head`, else the one head.
fn parent(graph: &strata_migrate::Graph, head: Option<String>) -> Result<Vec<String>, CliError> {
    if let Some(h) = head {
        return Ok(vec![
            graph
                .resolve(&h)
                .map_err(strata_engine::EngineError::from)?
                .id
                .clone(),
        ]);
    }
    let heads = graph.heads();
    match heads.as_slice() {
        [] => Ok(Vec::new()),
        [one] => Ok(vec![one.id.clone()]),
        many => Err(CliError::usage(format!(
            "there are {} heads ({}); pass --head REV or run `strata migrate merge`",
            many.len(),
            many.iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

pub async fn new(
    cx: &Context,
    message: &str,
    autogenerate: bool,
    head: Option<String>,
    branch_label: Option<String>,
    schema: Option<String>,
) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    let parents = parent(&graph, head)?;
    let (up, down) = if autogenerate {
        let desired = schema
            .or_else(|| cx.config.schema.as_ref().map(|p| p.display().to_string()))
            .ok_or_else(|| {
                CliError::usage("--autogenerate needs the desired schema: --schema SOURCE or `schema` in strata.toml")
            })?;
        let dialect = cx.dialect()?;
        let mut options = cx.sources.clone();
        options.dialect = Some(dialect);
        let at_head = Source::Migrations {
            dir: cx.dir.clone(),
            target: parents
                .first()
                .map(|p| Target::Revision(p.clone()))
                .unwrap_or(Target::Base),
        };
        let desired = Source::parse(&desired)?;
        let forward = compare(&at_head, &desired, &options, &DiffOptions::default()).await?;
        if forward.plan.is_empty() {
            eprintln!(
                "no schema changes between head and {}; nothing written (use --empty for a blank revision)",
                desired_name(&desired)
            );
            return Ok(Outcome::Clean);
        }
        let backward = strata_engine::compare::plan_between(
            forward.to.clone(),
            forward.from.clone(),
            &DiffOptions::default(),
        )?;
        let sql = sql_for(dialect);
        (
            sql.script(&annotated_statements(&forward.plan, sql)?),
            sql.script(&annotated_statements(&backward.plan, sql)?),
        )
    } else {
        (format!("-- {message}\n"), format!("-- Revert: {message}\n"))
    };
    let taken: Vec<String> = graph.ordered().map(|r| r.id.clone()).collect();
    let id = revision::new_id(now(), &taken);
    let rev = Revision::create(
        &cx.dir,
        &id,
        message,
        parents,
        branch_label.into_iter().collect(),
        &up,
        &down,
    )?;
    println!("{}", rev.dir.display());
    Ok(Outcome::Clean)
}

fn desired_name(source: &Source) -> String {
    match source {
        Source::Sql(p) | Source::Snapshot(p) => p.display().to_string(),
        Source::Database(u) => u.to_string(),
        Source::Migrations { dir, .. } => dir.display().to_string(),
    }
}

pub fn merge(
    cx: &Context,
    revisions: &[String],
    message: Option<String>,
) -> Result<Outcome, CliError> {
    let graph = cx.graph()?;
    let parents: Vec<String> = revisions
        .iter()
        .map(|r| graph.resolve(r).map(|r| r.id.clone()))
        .collect::<Result<_, _>>()
        .map_err(strata_engine::EngineError::from)?;
    let message = message.unwrap_or_else(|| format!("merge {}", parents.join(", ")));
    let taken: Vec<String> = graph.ordered().map(|r| r.id.clone()).collect();
    let id = revision::new_id(now(), &taken);
    let rev = Revision::create(
        &cx.dir,
        &id,
        &message,
        parents,
        Vec::new(),
        "-- merge: nothing to do\n",
        "-- merge: nothing to do\n",
    )?;
    println!("{}", rev.dir.display());
    Ok(Outcome::Clean)
}
