//! Collations created with `CREATE COLLATION` (PostgreSQL).

use serde::{Deserialize, Serialize};

/// A user collation in a schema. Columns, domains and composite attributes
/// name it in their `collation`; tables that use it list it in their
/// `depends_on` so that it is created before them and dropped after them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collation {
    pub name: String,
    /// `libc`, `icu` (or `builtin` on newer servers).
    pub provider: String,
    /// The ICU locale (`en-u-kn-true`); absent for libc collations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// `LC_COLLATE` of a libc collation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lc_collate: Option<String>,
    /// `LC_CTYPE` of a libc collation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lc_ctype: Option<String>,
    /// `DETERMINISTIC = false` compares by more than the bytes; only the
    /// non-default `false` is written out.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub deterministic: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}
