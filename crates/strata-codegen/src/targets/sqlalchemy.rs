//! SQLAlchemy 2.x declarative: `Mapped[...]` annotations, `mapped_column`,
//! `relationship` with `back_populates`.
//!
//! - Every constraint is written at table level with its name, so the
//!   database created from the file has the same names.
//! - A table without a primary key is still a class: the mapper uses the
//!   row identity strata picked (a unique key, or every column) through
//!   `__mapper_args__`, and no primary key is created.
//! - A pure association table is a `Table` used as `secondary=`.
//! - Views are `Table`s on a separate `views_metadata`, so `create_all()` on
//!   `Base.metadata` does not create them as tables.

use super::Header;
use super::python::{self, Imports};
use crate::CodegenError;
use crate::ir::{Entity, Model, NamingPolicy, RelKind, Relationship};
use crate::naming::Lang;
use crate::pyfmt::{self, Py};
use crate::render::Env;
use minijinja::context;
use strata_model::{Dialect, Realm};

pub const POLICY: NamingPolicy = NamingPolicy {
    lang: Lang::Python,
    // SQLAlchemy's own, and the module-level names the class bodies use
    // (annotations are evaluated after the attribute is assigned).
    reserved_attributes: &[
        "metadata",
        "registry",
        "sa",
        "datetime",
        "decimal",
        "uuid",
        "enum",
        "typing",
        "Optional",
        "List",
        "Any",
        "Mapped",
        "mapped_column",
        "relationship",
        "postgresql",
        "mysql",
        "RawType",
        "enum_values",
        "Base",
    ],
    reserved_classes: python::RESERVED_CLASSES,
    escape_suffix: "_",
    digit_prefix: "_",
};

pub fn render(
    model: &Model,
    realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let mut imports = Imports::default();
    imports.modules.insert("sqlalchemy");
    imports.from.insert(("sqlalchemy.orm", "DeclarativeBase"));
    imports.from.insert(("sqlalchemy.orm", "Mapped"));
    imports.from.insert(("sqlalchemy.orm", "mapped_column"));
    let mut blocks = Vec::new();
    let mut classes = Vec::new();
    let mut tables = Vec::new();
    for (i, e) in model.entities.iter().enumerate() {
        if e.is_view() || e.association.is_some() {
            tables.push(table_block(model, realm, e, &mut imports));
        } else {
            classes.push(class_block(model, realm, i, &mut imports));
        }
    }
    let prelude = prelude_blocks(model, &mut imports);
    blocks.extend(prelude);
    blocks.push("class Base(DeclarativeBase):\n    pass\n".to_string());
    blocks.extend(sequences_block(realm, model, "Base.metadata", &mut imports));
    if model.entities.iter().any(Entity::is_view) {
        blocks.push("views_metadata = sa.MetaData()\n".to_string());
    }
    blocks.extend(tables);
    blocks.extend(classes);
    env.render(
        "sqlalchemy.py.jinja",
        context! {
            header => header.lines("#"),
            imports => imports.lines().join("\n"),
            blocks => blocks,
        },
    )
}

/// Helpers, the schema DDL and enum classes: what comes before `Base`.
pub fn prelude_blocks(model: &Model, imports: &mut Imports) -> Vec<String> {
    let mut blocks = Vec::new();
    if imports.raw_type {
        blocks.push(RAW_TYPE.to_string());
    }
    if !model.enums.is_empty() {
        imports.modules.insert("enum");
        blocks.push(ENUM_VALUES.to_string());
        for en in &model.enums {
            let mut b = format!("class {}(enum.Enum):\n", en.class_name);
            for (m, v) in en.members.iter().zip(&en.values) {
                b.push_str(&pyfmt::statement(4, &format!("{m} = "), &Py::str(v), ""));
            }
            blocks.push(b);
        }
    }
    blocks
}

/// `CREATE SCHEMA` for schemas other than the default, run by `create_all()`.
pub fn schema_ddl(model: &Model, realm: &Realm, metadata: &str) -> Option<String> {
    let mut schemas: Vec<&str> = model
        .entities
        .iter()
        .filter(|e| !e.is_view())
        .filter_map(|e| e.schema.as_deref())
        .collect();
    schemas.sort();
    schemas.dedup();
    if model.dialect != Dialect::Postgres {
        return None;
    }
    let mut b = String::new();
    // Schema comments have no SQLAlchemy construct; DDL run by create_all().
    for (name, schema) in &realm.schemas {
        if let Some(c) = &schema.comment {
            let ddl = Py::call(
                "sa.DDL",
                vec![Py::str(&format!(
                    "COMMENT ON SCHEMA {} IS '{}'",
                    python::quote_ident(model.dialect, name),
                    c.replace('\'', "''")
                ))],
            );
            b.push_str(&pyfmt::statement(
                0,
                "",
                &Py::call(
                    "sa.event.listen",
                    vec![Py::atom(metadata), Py::str("after_create"), ddl],
                ),
                "",
            ));
        }
    }
    for s in schemas {
        let ddl = Py::call(
            "sa.DDL",
            vec![Py::str(&format!(
                "CREATE SCHEMA IF NOT EXISTS {}",
                python::quote_ident(model.dialect, s)
            ))],
        );
        b.push_str(&pyfmt::statement(
            0,
            "",
            &Py::call(
                "sa.event.listen",
                vec![Py::atom(metadata), Py::str("before_create"), ddl],
            ),
            "",
        ));
    }
    (!b.is_empty()).then_some(b)
}

/// Standalone sequences (PostgreSQL), created by `create_all()`.
pub fn sequences_block(
    realm: &Realm,
    model: &Model,
    metadata: &str,
    imports: &mut Imports,
) -> Vec<String> {
    let mut b = String::new();
    let mut scope = crate::naming::Scope::default();
    for schema in realm.schemas.values() {
        for q in schema.sequences.values() {
            let o = &q.options;
            let mut a = vec![Py::str(&q.name)];
            let push =
                |a: &mut Vec<Py>, k: &str, v: i64| a.push(Py::kw(k, Py::atom(v.to_string())));
            push(&mut a, "start", o.start);
            push(&mut a, "increment", o.increment);
            push(&mut a, "minvalue", o.min_value);
            push(&mut a, "maxvalue", o.max_value);
            push(&mut a, "cache", o.cache);
            if o.cycle {
                a.push(Py::kw("cycle", Py::atom("True")));
            }
            let ty = match o.data_type.as_str() {
                "smallint" => Some("sa.SmallInteger"),
                "integer" => Some("sa.Integer"),
                _ => None,
            };
            if let Some(t) = ty {
                a.push(Py::kw("data_type", Py::atom(t)));
            }
            if Some(schema.name.as_str()) != model.default_schema.as_deref() {
                a.push(Py::kw("schema", Py::str(&schema.name)));
            }
            a.push(Py::kw("metadata", Py::atom(metadata)));
            let var = scope.claim(&format!(
                "{}_sequence",
                crate::naming::attribute(&q.name, Lang::Python).trim_end_matches('_')
            ));
            b.push_str(&pyfmt::statement(
                0,
                &format!("{var} = "),
                &Py::call("sa.Sequence", a),
                "",
            ));
        }
    }
    let mut out = Vec::new();
    if let Some(ddl) = schema_ddl(model, realm, metadata) {
        out.push(ddl);
    }
    if !b.is_empty() {
        out.push(b);
    }
    out.extend(python::standalone_types(model, realm, metadata, imports));
    out
}

/// A `Table` (association tables and views).
fn table_block(model: &Model, realm: &Realm, e: &Entity, imports: &mut Imports) -> String {
    let metadata = if e.is_view() {
        "views_metadata"
    } else {
        "Base.metadata"
    };
    let suffix = if e.is_view() { "view" } else { "table" };
    core_table(
        model,
        realm,
        e,
        imports,
        metadata,
        &format!("{}_{suffix}", e.snake),
    )
}

/// `name = sa.Table("name", metadata, sa.Column(…), …, constraints, options)`.
pub fn core_table(
    model: &Model,
    realm: &Realm,
    e: &Entity,
    imports: &mut Imports,
    metadata: &str,
    var: &str,
) -> String {
    let mut args = vec![Py::str(&e.name.name), Py::atom(metadata)];
    for f in &e.fields {
        let (ty, _) = python::column_type(model, realm, f, imports);
        let (positional, kw) = python::column_options(model, e, f);
        let mut a = vec![Py::str(&f.column.name), ty];
        a.extend(positional);
        if !f.column.nullable {
            a.push(Py::kw("nullable", Py::atom("False")));
        }
        a.extend(kw);
        args.push(Py::call("sa.Column", a));
    }
    if !e.is_view() {
        args.extend(python::table_items(model, e, true));
    }
    for (k, v) in python::table_options(model, e) {
        args.push(Py::kw(k, v));
    }
    if e.is_view() {
        args.push(Py::kw("info", Py::atom("{\"is_view\": True}")));
    }
    explode_call(&format!("{var} = "), "sa.Table", args)
}

/// A call written one argument per line when it has several (tables read
/// better so; the trailing comma keeps ruff from joining them).
pub fn explode_call(prefix: &str, func: &str, args: Vec<Py>) -> String {
    let flat = Py::call(func, args.clone());
    let one_line = pyfmt::statement(0, prefix, &flat, "");
    if one_line.lines().count() == 1 && args.len() <= 2 {
        return one_line;
    }
    let mut out = format!("{prefix}{func}(\n");
    for a in &args {
        out.push_str(&pyfmt::statement(4, "", a, ","));
    }
    out.push_str(")\n");
    out
}

/// The class for a mapped table.
fn class_block(model: &Model, realm: &Realm, index: usize, imports: &mut Imports) -> String {
    let e = &model.entities[index];
    let mut b = python::class_header(model, e, "Base");
    b.push('\n');
    for f in &e.fields {
        let (ty, py) = python::column_type(model, realm, f, imports);
        let (positional, kw) = python::column_options(model, e, f);
        let annotation = if f.column.nullable {
            imports.from.insert(("typing", "Optional"));
            format!("Optional[{py}]")
        } else {
            py
        };
        let mut a = Vec::new();
        if f.attr != f.column.name {
            a.push(Py::str(&f.column.name));
        }
        a.push(ty);
        a.extend(positional);
        a.extend(kw);
        b.push_str(&pyfmt::statement(
            4,
            &format!("{}: Mapped[{annotation}] = ", f.attr),
            &Py::call("mapped_column", a),
            "",
        ));
    }
    if !e.relationships.is_empty() {
        imports.from.insert(("sqlalchemy.orm", "relationship"));
        b.push('\n');
        for r in &e.relationships {
            let (annotation, args) = relationship(model, index, r, imports);
            b.push_str(&pyfmt::statement(
                4,
                &format!("{}: Mapped[{annotation}] = ", r.name),
                &Py::call("relationship", args),
                "",
            ));
        }
    }
    b
}

/// The annotation and `relationship()` arguments of one relationship.
pub fn relationship(
    model: &Model,
    index: usize,
    r: &Relationship,
    imports: &mut Imports,
) -> (String, Vec<Py>) {
    let e = &model.entities[index];
    let target = &model.entities[r.target];
    let owner = &model.entities[r.fk_owner];
    let fk = &owner.table.foreign_keys[r.fk_index];
    let quoted = format!("\"{}\"", target.class_name);
    let nullable_fk = fk
        .columns
        .iter()
        .any(|c| owner.table.column(c).is_none_or(|c| c.nullable));
    let annotation = match r.kind {
        RelKind::OneToMany | RelKind::ManyToMany => {
            imports.from.insert(("typing", "List"));
            format!("List[{quoted}]")
        }
        RelKind::ManyToOne | RelKind::OneToOne if !nullable_fk => quoted,
        _ => {
            imports.from.insert(("typing", "Optional"));
            format!("Optional[{quoted}]")
        }
    };
    let mut args = Vec::new();
    if r.kind == RelKind::ManyToMany {
        let secondary = match &owner.schema {
            Some(s) => format!("{s}.{}", owner.name.name),
            None => owner.name.name.clone(),
        };
        args.push(Py::kw("secondary", Py::str(&secondary)));
    }
    args.push(Py::kw("back_populates", Py::str(&r.back_populates)));
    if r.ambiguous {
        let attrs: Vec<String> = fk.columns.iter().map(|c| owner.attr(c)).collect();
        args.push(Py::kw(
            "foreign_keys",
            python::attr_list(&owner.class_name, &attrs),
        ));
    }
    if r.self_referential && r.kind.is_owner() {
        let attrs: Vec<String> = fk.referenced_columns.iter().map(|c| e.attr(c)).collect();
        args.push(Py::kw(
            "remote_side",
            python::attr_list(&e.class_name, &attrs),
        ));
    }
    (annotation, args)
}

/// A column type SQLAlchemy has no class for, written as the database spells it.
pub const RAW_TYPE: &str = r#"class RawType(sa.types.UserDefinedType):
    """A column type written exactly as the database spells it."""

    cache_ok = True

    def __init__(self, spec: str) -> None:
        self.spec = spec

    def get_col_spec(self, **kw: object) -> str:
        return self.spec
"#;

/// Enum columns store the members' values (`PG-13`), not their names.
pub const ENUM_VALUES: &str = r#"def enum_values(enum_class: type[enum.Enum]) -> list[str]:
    return [member.value for member in enum_class]
"#;
