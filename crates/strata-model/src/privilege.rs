//! Privileges (opt-in: only read when asked for).

use serde::{Deserialize, Serialize};

/// One grantee's privileges on an object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grant {
    /// Role name, or `PUBLIC`.
    pub grantee: String,
    /// `SELECT`, `INSERT`, `EXECUTE`, `USAGE`…, sorted.
    pub privileges: Vec<String>,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub with_grant_option: bool,
}
