//! Scheduled events (MySQL/MariaDB).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub name: String,
    /// `AT '…'` or `EVERY 1 DAY STARTS '…'`.
    pub schedule: String,
    /// `ON COMPLETION PRESERVE` rather than the default `NOT PRESERVE`.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub preserve: bool,
    /// `ENABLE`, `DISABLE` or `DISABLE ON SLAVE`.
    pub status: String,
    /// The event body (`DO …` without the `DO`).
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
