//! Rewrite rules (PostgreSQL `CREATE RULE`).

use crate::ObjectRef;
use serde::{Deserialize, Serialize};

/// A rule on a table. The `_RETURN` rule that implements a view is part of
/// the view, not a rule of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub name: String,
    /// The complete `CREATE RULE` statement as `pg_get_ruledef` prints it.
    pub definition: String,
    /// Relations and functions its actions use besides its own table (a
    /// rule that redirects inserts to a child table), for ordering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ObjectRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
