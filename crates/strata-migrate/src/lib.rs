//! Versioned migrations, Alembic's workflow in plain SQL.
//!
//! - [`revision`]: one revision on disk — a folder `<id>_<slug>/` holding
//!   `revision.toml` (message, parents, branch labels), `up.sql` and
//!   `down.sql`. Each revision reviews as one self-contained folder in a
//!   pull request.
//! - [`graph`]: the revision graph (branches and merges allowed), heads,
//!   bases and the order revisions apply in.
//! - [`target`]: `head`, `heads`, `base`, `+N`, `-N`, an id prefix,
//!   `label@head`, resolved against the graph and what is applied.
//! - [`checksum`]: content hashes that ignore line-ending changes.
//! - [`runner`]: applying and reverting with bookkeeping, under a lock;
//!   [`bookkeeping`] holds the per-dialect SQL of the migrations table.

pub mod bookkeeping;
pub mod checksum;
pub mod graph;
pub mod revision;
pub mod runner;
pub mod target;

pub use graph::{Graph, GraphError};
pub use revision::{Revision, RevisionError, Script};
pub use runner::{Applied, MigrateError, Runner, Verification};
pub use target::{Target, TargetError};
