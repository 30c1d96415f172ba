//! SQLModel: one `SQLModel, table=True` class per table. Each field carries
//! its exact SQLAlchemy column (`sa_column=`), so types, defaults and names
//! are those of the database; relationships use `Relationship` with the
//! same inference as the SQLAlchemy target.

use super::Header;
use super::python::{self, Imports};
use super::sqlalchemy::{self, core_table, prelude_blocks, sequences_block};
use crate::CodegenError;
use crate::ir::{Entity, Model, NamingPolicy};
use crate::naming::Lang;
use crate::pyfmt::{self, Py};
use crate::render::Env;
use minijinja::context;
use strata_model::Realm;

pub const POLICY: NamingPolicy = NamingPolicy {
    lang: Lang::Python,
    // pydantic's BaseModel attributes, and SQLAlchemy's.
    reserved_attributes: &[
        "metadata",
        "registry",
        "model_config",
        "model_fields",
        "model_computed_fields",
        "schema",
        "json",
        "dict",
        "copy",
        "validate",
        "construct",
        "fields",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "schema_json",
        "update_forward_refs",
        // Module-level names the class bodies use.
        "sa",
        "datetime",
        "decimal",
        "uuid",
        "enum",
        "typing",
        "Optional",
        "List",
        "Any",
        "postgresql",
        "mysql",
        "RawType",
        "enum_values",
        "Field",
        "Relationship",
        "SQLModel",
    ],
    reserved_classes: python::RESERVED_CLASSES,
    escape_suffix: "_",
    digit_prefix: "n_",
};

pub fn render(
    model: &Model,
    realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let mut imports = Imports::default();
    imports.modules.insert("sqlalchemy");
    imports.from.insert(("sqlmodel", "Field"));
    imports.from.insert(("sqlmodel", "SQLModel"));
    let mut tables = Vec::new();
    let mut classes = Vec::new();
    for (i, e) in model.entities.iter().enumerate() {
        if e.is_view() || e.association.is_some() {
            let metadata = if e.is_view() {
                "views_metadata"
            } else {
                "SQLModel.metadata"
            };
            let suffix = if e.is_view() { "view" } else { "table" };
            tables.push(core_table(
                model,
                realm,
                e,
                &mut imports,
                metadata,
                &format!("{}_{suffix}", e.snake),
            ));
        } else {
            classes.push(class_block(model, realm, i, &mut imports));
        }
    }
    let mut blocks = prelude_blocks(model, &mut imports);
    blocks.extend(sequences_block(
        realm,
        model,
        "SQLModel.metadata",
        &mut imports,
    ));
    if model.entities.iter().any(Entity::is_view) {
        blocks.push("views_metadata = sa.MetaData()\n".to_string());
    }
    blocks.extend(tables);
    blocks.extend(classes);
    env.render(
        "sqlmodel.py.jinja",
        context! {
            header => header.lines("#"),
            imports => imports.lines().join("\n"),
            blocks => blocks,
        },
    )
}

fn class_block(model: &Model, realm: &Realm, index: usize, imports: &mut Imports) -> String {
    let e = &model.entities[index];
    let mut b = python::class_header(model, e, "SQLModel, table=True");
    b.push('\n');
    for f in &e.fields {
        let (ty, py) = python::column_type(model, realm, f, imports);
        let (positional, kw) = python::column_options(model, e, f);
        let mut col = vec![Py::str(&f.column.name), ty];
        col.extend(positional);
        if !f.column.nullable {
            col.push(Py::kw("nullable", Py::atom("False")));
        }
        col.extend(kw);
        let mut field_args = Vec::new();
        let annotation = if f.column.nullable {
            imports.from.insert(("typing", "Optional"));
            field_args.push(Py::kw("default", Py::atom("None")));
            format!("Optional[{py}]")
        } else {
            py
        };
        field_args.push(Py::kw("sa_column", Py::call("sa.Column", col)));
        b.push_str(&pyfmt::statement(
            4,
            &format!("{}: {annotation} = ", f.attr),
            &Py::call("Field", field_args),
            "",
        ));
    }
    if !e.relationships.is_empty() {
        imports.from.insert(("sqlmodel", "Relationship"));
        b.push('\n');
        for r in &e.relationships {
            let (annotation, args) = sqlalchemy::relationship(model, index, r, imports);
            let mut rel_args = Vec::new();
            let mut extra = Vec::new();
            for a in args {
                match a {
                    Py::Kw(k, v) if k == "back_populates" => rel_args.push(Py::Kw(k, v)),
                    Py::Kw(k, v) => extra.push((Py::str(&k), *v)),
                    other => rel_args.push(other),
                }
            }
            if !extra.is_empty() {
                rel_args.push(Py::kw("sa_relationship_kwargs", Py::Dict(extra)));
            }
            // SQLModel reads plain annotations: `Mapped[...]` is SQLAlchemy's.
            b.push_str(&pyfmt::statement(
                4,
                &format!("{}: {annotation} = ", r.name),
                &Py::call("Relationship", rel_args),
                "",
            ));
        }
    }
    b
}
