//! SQLAlchemy Core: `Table` objects on a module-level `MetaData`, no ORM.
//! Views are tables on a separate `views_metadata` so `create_all()` on
//! `metadata` does not create them as tables.

use super::Header;
use super::python::Imports;
use super::sqlalchemy::{core_table, prelude_blocks, sequences_block};
use crate::CodegenError;
use crate::ir::Model;
use crate::naming::{self, Lang, Scope};
use crate::render::Env;
use minijinja::context;
use strata_model::Realm;

pub fn render(
    model: &Model,
    realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let mut imports = Imports::default();
    imports.modules.insert("sqlalchemy");
    let mut scope = Scope::with_reserved(&[
        "sa",
        "metadata",
        "views_metadata",
        "enum_values",
        "datetime",
        "decimal",
        "uuid",
        "enum",
        "typing",
        "postgresql",
        "mysql",
        "RawType",
    ]);
    let mut tables = Vec::new();
    for e in &model.entities {
        let base = naming::attribute(&e.name.name, Lang::Python);
        let base = if e.is_view() {
            format!("{}_view", base.trim_end_matches('_'))
        } else {
            base
        };
        let var = scope.claim(&base);
        let metadata = if e.is_view() {
            "views_metadata"
        } else {
            "metadata"
        };
        tables.push(core_table(model, realm, e, &mut imports, metadata, &var));
    }
    let mut blocks = prelude_blocks(model, &mut imports);
    let mut meta = "metadata = sa.MetaData()\n".to_string();
    if model.entities.iter().any(|e| e.is_view()) {
        meta.push_str("views_metadata = sa.MetaData()\n");
    }
    blocks.push(meta);
    blocks.extend(sequences_block(realm, model, "metadata", &mut imports));
    blocks.extend(tables);
    env.render(
        "sqlalchemy_core.py.jinja",
        context! {
            header => header.lines("#"),
            imports => imports.lines().join("\n"),
            blocks => blocks,
        },
    )
}
