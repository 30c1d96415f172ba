//! The diesel target: not written yet; asking for it is an error that says so.

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
    Err(CodegenError::NotYet("diesel"))
}
