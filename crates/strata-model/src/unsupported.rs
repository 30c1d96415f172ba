//! Objects the model does not cover yet: reported, never silently dropped.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Unsupported {
    /// What it is (`event trigger`, `foreign table`, `publication`…).
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub schema: String,
    pub name: String,
}
