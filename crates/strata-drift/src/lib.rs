//! Drift detection.
//!
//! A drift run compares *targets* (named environments, URLs, or every tenant
//! schema of a database) with one *reference* (another environment, the
//! migrations replayed at head, or the desired-schema files), after
//! removing known noise with [`ignore`] rules. Each drifted object is
//! reported with what differs and the SQL that would bring the target back
//! to the reference ([`report`]). A target that cannot be read is an error
//! for that target only. Runs can be appended to an audit log and posted to
//! a webhook ([`notify`]).

pub mod compare;
pub mod ignore;
pub mod notify;
pub mod report;
pub mod run;
pub mod tenant;

pub use compare::{Target, TargetResult, compare_realm};
pub use ignore::{Ignore, IgnoreError};
pub use report::{Item, Report, Status};
