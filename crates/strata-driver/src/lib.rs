//! The contract between strata's engine and each database.
//!
//! A database is supported by one crate that implements [`Driver`] (connect,
//! create and drop scratch databases) and [`Connection`] (inspect into the
//! model, execute SQL). Everything dialect-neutral a driver needs lives here:
//! parsed connection URLs that never leak their password ([`DatabaseUrl`]),
//! typed errors ([`DriverError`]) and a tokenizer-based SQL script splitter
//! ([`split`]).

pub mod contract;
pub mod error;
pub mod server;
pub mod split;
pub mod url;

pub use contract::{Connection, Driver, InspectOptions};
pub use error::DriverError;
pub use split::{SplitError, Statement, split_script};
pub use url::{DatabaseUrl, UrlError};
