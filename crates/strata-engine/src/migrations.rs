//! Migrations as a source: the schema a migrations directory produces.

use crate::{DevDatabase, EngineError, SourceOptions};
use std::path::Path;
use strata_migrate::{Graph, Runner, Target, revision};
use strata_model::{Dialect, Realm};

/// Reads and checks a migrations directory.
pub fn graph(dir: &Path) -> Result<Graph, EngineError> {
    Ok(Graph::new(revision::load_all(dir)?)?)
}

/// Replays the migrations up to `target` into a fresh dev database and
/// inspects the result.
pub async fn replay(
    dir: &Path,
    target: &Target,
    dialect: Dialect,
    options: &SourceOptions,
) -> Result<Realm, EngineError> {
    let graph = graph(dir)?;
    let mut dev = DevDatabase::open(dialect, options.dev_server(dialect)?).await?;
    let result = async {
        for sql in &options.dev_setup {
            dev.connection().execute(sql).await?;
        }
        let mut runner = Runner::new(dev.connection(), &graph, "strata".into());
        runner.up(target).await?;
        Ok::<_, EngineError>(dev.connection().inspect(&options.inspect).await?)
    }
    .await;
    dev.close().await;
    result
}
