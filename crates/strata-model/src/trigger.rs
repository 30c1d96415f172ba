//! Triggers.

use crate::ObjectRef;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub name: String,
    pub timing: TriggerTiming,
    /// `INSERT`, `UPDATE`, `UPDATE OF a, b`, `DELETE`, `TRUNCATE`, in the
    /// server's order.
    pub events: Vec<String>,
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub for_each_row: bool,
    /// The complete CREATE TRIGGER statement as the server prints it
    /// (`pg_get_triggerdef`, SQLite's stored text, a CREATE built from MySQL's catalog).
    pub definition: String,
    /// PostgreSQL `ALTER TABLE … DISABLE TRIGGER`: `O` (enabled, the
    /// default) is left out; `D`, `R`, `A` are recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<String>,
    /// The function it calls (PostgreSQL), for ordering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ObjectRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerTiming {
    Before,
    After,
    InsteadOf,
}

impl TriggerTiming {
    pub fn sql_words(self) -> &'static str {
        match self {
            TriggerTiming::Before => "BEFORE",
            TriggerTiming::After => "AFTER",
            TriggerTiming::InsteadOf => "INSTEAD OF",
        }
    }
}
