//! The engine: what every strata command shares.
//!
//! - [`registry`]: which driver serves which dialect (the one place that
//!   lists the databases strata supports).
//! - [`source`]: every command reads schemas from *sources* (a live URL, a
//!   JSON snapshot, desired-state SQL) and gets the same model back.
//! - [`dev`]: the dev databases desired-state SQL is loaded into.

pub mod apply;
pub mod compare;
pub mod dev;
pub mod error;
pub mod migrations;
pub mod registry;
pub mod source;
pub mod validate;

pub use compare::{Comparison, annotated_statements, compare};
pub use dev::DevDatabase;
pub use error::EngineError;
pub use registry::{driver_for, sql_for};
pub use source::{Source, SourceOptions};
