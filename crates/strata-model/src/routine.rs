//! Functions, procedures and aggregates.

use crate::{Grant, ObjectRef};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Routine {
    pub name: String,
    pub kind: RoutineKind,
    /// Identity argument list (`p_film_id integer, p_store_id integer`), empty
    /// for none. Together with the name it identifies an overload; see
    /// [`Routine::key`].
    #[serde(default)]
    pub arguments: String,
    /// Result type (`SETOF integer`, `trigger`, `int(11)`); absent for procedures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returns: Option<String>,
    /// `plpgsql`, `sql`, `c`… (PostgreSQL); `SQL` (MySQL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The complete statement that creates it, as the server prints it
    /// (`pg_get_functiondef`; for MySQL a CREATE built from the catalog).
    pub definition: String,
    /// Other objects it needs (argument/result types, for aggregates their
    /// state functions), for ordering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ObjectRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
}

impl Routine {
    /// Its key in [`crate::Schema::routines`] and in references:
    /// `name(identity arguments)`, because PostgreSQL allows overloading.
    pub fn key(&self) -> String {
        format!("{}({})", self.name, self.arguments)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutineKind {
    Function,
    Procedure,
    Aggregate,
}

impl RoutineKind {
    pub fn sql_word(self) -> &'static str {
        match self {
            RoutineKind::Function => "FUNCTION",
            RoutineKind::Procedure => "PROCEDURE",
            RoutineKind::Aggregate => "AGGREGATE",
        }
    }
}
