//! What the Rust targets share.

use crate::ir::NamingPolicy;
use crate::naming::Lang;

pub const POLICY: NamingPolicy = NamingPolicy {
    lang: Lang::Rust,
    reserved_attributes: &[],
    reserved_classes: &[
        "Entity",
        "Model",
        "Column",
        "Relation",
        "ActiveModel",
        "PrimaryKey",
    ],
    escape_suffix: "_",
    digit_prefix: "_",
};
