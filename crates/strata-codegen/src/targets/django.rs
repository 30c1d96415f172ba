//! The django target: not written yet; asking for it is an error that says so.

use super::Header;
use crate::CodegenError;
use crate::ir::Model;
use crate::render::Env;
use strata_model::Realm;

pub fn render(
    model: &Model,
    realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let _ = (model, realm, header, env);
    Err(CodegenError::NotYet("django"))
}

pub const POLICY: crate::ir::NamingPolicy = crate::ir::NamingPolicy {
    lang: crate::naming::Lang::Python,
    reserved_attributes: &["pk", "objects", "id", "save", "delete", "clean", "check"],
    reserved_classes: &["models", "Meta"],
    escape_suffix: "_field",
    digit_prefix: "n_",
};
