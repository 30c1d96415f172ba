use strata_driver::DriverError;
use strata_model::{FilterError, SnapshotError};

/// Errors of the engine. The binary prints them as one line and exits 2.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Driver(#[from] DriverError),
    #[error(transparent)]
    Filter(#[from] FilterError),
    #[error(transparent)]
    Plan(#[from] strata_diff::PlanError),
    #[error("{path}: {source}")]
    Snapshot {
        path: String,
        #[source]
        source: SnapshotError,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("no source given and DATABASE_URL is not set")]
    NoSource,
    #[error("'{0}' is neither a database URL nor an existing file or directory")]
    UnknownSource(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Apply(#[from] crate::apply::ApplyFailure),
    #[error(transparent)]
    Migrate(#[from] strata_migrate::MigrateError),
    #[error(transparent)]
    Revision(#[from] strata_migrate::RevisionError),
    #[error(transparent)]
    Graph(#[from] strata_migrate::GraphError),
    #[error(transparent)]
    Target(#[from] strata_migrate::TargetError),
}
