//! Errors a driver returns. Each renders as one line that says what went
//! wrong and, where there is one, what to do about it. Drivers build them
//! from server messages that have been through [`crate::DatabaseUrl::scrub`].

use crate::{SplitError, UrlError};

#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error(transparent)]
    Url(#[from] UrlError),

    /// Nothing answered, or the connection was refused or timed out.
    #[error("cannot connect to {target}: {detail}")]
    Unreachable { target: String, detail: String },

    /// Wrong user or password, or the server refused the user.
    #[error("authentication failed for {target}: {detail}")]
    Authentication { target: String, detail: String },

    #[error("database '{database}' does not exist on {target}")]
    DatabaseNotFound { target: String, database: String },

    /// The server answered, but not as the expected database.
    #[error("{target} did not answer as {expected}: {detail}")]
    WrongServer {
        target: String,
        expected: &'static str,
        detail: String,
    },

    #[error("TLS negotiation with {target} failed: {detail}")]
    Tls { target: String, detail: String },

    /// A file that exists but is not a SQLite database, or cannot be opened.
    #[error("{path} is not a usable SQLite database: {detail}")]
    NotADatabase { path: String, detail: String },

    /// The user may connect but may not read the catalog (or run the statement).
    #[error("permission denied on {target}: {detail}")]
    PermissionDenied { target: String, detail: String },

    /// A catalog query failed; `query` names the `.sql` file or step.
    #[error("catalog query '{query}' failed on {target}: {detail}")]
    Catalog {
        target: String,
        query: String,
        detail: String,
    },

    /// A statement the user supplied (or strata generated) failed.
    #[error("{location}: {detail}")]
    Statement { location: String, detail: String },

    #[error(transparent)]
    Split(#[from] SplitError),

    /// A catalog row the inspector cannot make sense of.
    #[error("unexpected catalog content in {context}: {detail}")]
    Decode { context: String, detail: String },

    #[error("{0}")]
    Unsupported(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}
