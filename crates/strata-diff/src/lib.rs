//! strata's diff engine.
//!
//! Three steps, none of which needs a connection:
//!
//! 1. [`diff`]: two realms in, a list of [`Change`]s out. One engine for every
//!    database; a dialect answers questions through [`SqlDialect`] instead of
//!    the engine asking "which database is this?".
//! 2. [`plan`]: the changes ordered so that every statement finds what it
//!    needs (dependencies from the model, foreign keys after tables, drops of
//!    dependents before what they depend on), each marked safe or destructive.
//! 3. Rendering: the dialect turns each change into SQL statements.
//!
//! [`create_script`] is the special case "from an empty database", which is
//! what `strata inspect --format sql` prints.

pub mod dialect;
pub mod differ;
pub mod plan;

pub use dialect::{RenderError, SqlDialect};
pub use differ::{DiffOptions, diff};
pub use plan::{Plan, PlanError, Step, plan};
pub use strata_model::change::{Change, TableChange};

use strata_model::Realm;

/// The statements that create everything in `realm` in an empty database.
pub fn create_script(realm: &Realm, dialect: &dyn SqlDialect) -> Result<Vec<String>, PlanError> {
    let empty = dialect.baseline(realm);
    let changes = diff(&empty, realm, dialect, &DiffOptions::default());
    let plan = plan(changes, &empty, realm, dialect)?;
    plan.render(dialect)
}
