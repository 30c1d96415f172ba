//! SeaORM: one entity module per table and view (inline modules of one
//! file, so `super::other::Entity` paths work), with `Relation` variants
//! for both sides of every key, `Related` impls where one relation joins
//! two entities, `ActiveEnum`s for PostgreSQL enums. An entity needs a
//! primary key: a table without one uses the row identity strata picked.
//! A column SeaORM has no type for is left out and listed.

use super::Header;
use super::rust::{self, Lib};
use crate::CodegenError;
use crate::inexpressible::Note;
use crate::ir::{Model, RelKind};
use crate::render::Env;
use minijinja::context;
use std::collections::BTreeMap;
use strata_model::{Dialect, Realm};

pub fn render(
    model: &Model,
    _realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let mut notes = Vec::new();
    let mut blocks = Vec::new();
    let pg = model.dialect == Dialect::Postgres;
    let mut scope = crate::naming::Scope::with_reserved(&["enums"]);
    let modules: Vec<String> = model
        .entities
        .iter()
        .map(|e| {
            scope.claim(&rust::plain_ident(&crate::naming::attribute(
                &e.name.name,
                crate::naming::Lang::Rust,
            )))
        })
        .collect();
    let enums: Vec<_> = model
        .enums
        .iter()
        .filter(|e| pg && e.db_name.is_some())
        .collect();
    if !enums.is_empty() {
        let mut b = String::from(
            "/// PostgreSQL enum types.\npub mod enums {\n    use sea_orm::entity::prelude::*;\n",
        );
        for en in &enums {
            let Some(db) = &en.db_name else { continue };
            b.push('\n');
            b.push_str(&rust::derive(
                4,
                &[
                    "Debug",
                    "Clone",
                    "Copy",
                    "PartialEq",
                    "Eq",
                    "EnumIter",
                    "DeriveActiveEnum",
                ],
            ));
            b.push_str(&rust::attribute(
                4,
                "sea_orm",
                &[
                    "rs_type = \"String\"".into(),
                    "db_type = \"Enum\"".into(),
                    format!("enum_name = {}", rust::string(&db.name)),
                ],
            ));
            b.push_str(&format!("    pub enum {} {{\n", en.class_name));
            for (v, value) in rust::variants(en).iter().zip(&en.values) {
                b.push_str(&rust::attribute(
                    8,
                    "sea_orm",
                    &[format!("string_value = {}", rust::string(value))],
                ));
                b.push_str(&format!("        {v},\n"));
            }
            b.push_str("    }\n");
        }
        b.push_str("}\n");
        blocks.push(b);
    }
    for (i, e) in model.entities.iter().enumerate() {
        let m = &modules[i];
        let kind = if e.is_view() { "View" } else { "Table" };
        let mut b = rust::comment(0, "///", &format!("{kind} `{}`.", e.name));
        b.push_str(&format!(
            "pub mod {m} {{\n    use sea_orm::entity::prelude::*;\n\n"
        ));
        b.push_str("    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]\n");
        let mut args = vec![format!("table_name = {}", rust::string(&e.name.name))];
        if let Some(s) = &e.schema {
            args.push(format!("schema_name = {}", rust::string(s)));
        }
        b.push_str(&rust::attribute(4, "sea_orm", &args));
        b.push_str("    pub struct Model {\n");
        for (k, f) in e.fields.iter().enumerate() {
            let Some(t) = rust::rust_type(model, f, Lib::SeaOrm) else {
                notes.push(Note {
                    kind: "column".into(),
                    name: format!("{}.{}", e.name, f.column.name),
                    reason: format!("SeaORM has no Rust type for {}; left out", f.ty.raw),
                });
                continue;
            };
            let t = match &f.enum_class {
                Some(c) if pg && t.contains(c.as_str()) => {
                    t.replace(c.as_str(), &format!("super::enums::{c}"))
                }
                _ => t,
            };
            if e.identity.contains(&k) {
                let mut a = vec!["primary_key".to_string()];
                if f.column.identity.is_none() {
                    a.push("auto_increment = false".into());
                }
                b.push_str(&rust::attribute(8, "sea_orm", &a));
            }
            if f.attr.trim_start_matches("r#") != f.column.name {
                b.push_str(&rust::attribute(
                    8,
                    "sea_orm",
                    &[format!("column_name = {}", rust::string(&f.column.name))],
                ));
            }
            if matches!(f.ty.ty, crate::types::Ty::Decimal { .. }) {
                // rust_decimal holds 28 digits; SeaORM wants the column type said.
                let (p, s) = match f.ty.ty {
                    crate::types::Ty::Decimal { precision, scale } => (precision, scale),
                    _ => (None, None),
                };
                let ct = match (p, s) {
                    (Some(p), Some(s)) => format!("Decimal(Some(({p}, {s})))"),
                    _ => "Decimal(None)".to_string(),
                };
                b.push_str(&rust::attribute(
                    8,
                    "sea_orm",
                    &[format!("column_type = {}", rust::string(&ct))],
                ));
            }
            let t = if f.column.nullable && !e.identity.contains(&k) {
                format!("Option<{t}>")
            } else {
                t
            };
            b.push_str(&format!("        pub {}: {t},\n", f.attr));
        }
        b.push_str("    }\n\n");
        // Relations: one variant per relationship that is a key between two tables.
        let mut variants = Vec::new();
        let mut related: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        let mut vscope = crate::naming::Scope::default();
        for r in &e.relationships {
            if r.kind == RelKind::ManyToMany {
                continue;
            }
            let owner = &model.entities[r.fk_owner];
            let fk = &owner.table.foreign_keys[r.fk_index];
            let target_module = &modules[r.target];
            let variant = vscope.claim(&rust::pascal(&r.name));
            let column = |ent: &crate::ir::Entity, c: &str| -> Option<String> {
                let f = ent.field(c)?;
                rust::rust_type(model, f, Lib::SeaOrm)?;
                Some(rust::pascal(&f.attr))
            };
            let attr = if r.kind.is_owner() {
                let target = &model.entities[r.target];
                let (Some(from), Some(to)) = (
                    fk.columns
                        .iter()
                        .map(|c| column(e, c))
                        .collect::<Option<Vec<_>>>(),
                    fk.referenced_columns
                        .iter()
                        .map(|c| column(target, c))
                        .collect::<Option<Vec<_>>>(),
                ) else {
                    continue;
                };
                let tuple = |cols: &[String], prefix: &str| {
                    let items: Vec<String> = cols
                        .iter()
                        .map(|c| format!("{prefix}Column::{c}"))
                        .collect();
                    if items.len() == 1 {
                        items[0].clone()
                    } else {
                        format!("({})", items.join(", "))
                    }
                };
                let self_ref = r.target == i;
                let target_path = if self_ref {
                    "Entity".to_string()
                } else {
                    format!("super::{target_module}::Entity")
                };
                let to_prefix = if self_ref {
                    String::new()
                } else {
                    format!("super::{target_module}::")
                };
                vec![
                    format!("belongs_to = {}", rust::string(&target_path)),
                    format!("from = {}", rust::string(&tuple(&from, ""))),
                    format!("to = {}", rust::string(&tuple(&to, &to_prefix))),
                ]
            } else {
                // has_many needs the child's Related impl back to us.
                if r.ambiguous || r.self_referential {
                    continue;
                }
                let word = if r.kind == RelKind::OneToOneBack {
                    "has_one"
                } else {
                    "has_many"
                };
                vec![format!(
                    "{word} = {}",
                    rust::string(&format!("super::{target_module}::Entity"))
                )]
            };
            variants.push((variant.clone(), attr));
            related.entry(r.target).or_default().push(variant);
        }
        b.push_str("    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]\n");
        if variants.is_empty() {
            b.push_str("    pub enum Relation {}\n");
        } else {
            b.push_str("    pub enum Relation {\n");
            for (v, a) in &variants {
                b.push_str(&rust::attribute(8, "sea_orm", a));
                b.push_str(&format!("        {v},\n"));
            }
            b.push_str("    }\n");
        }
        for (t, vs) in &related {
            if vs.len() != 1 || *t == i {
                continue;
            }
            b.push_str(&format!(
                "\n    impl Related<super::{}::Entity> for Entity {{\n        fn to() -> RelationDef {{\n            Relation::{}.def()\n        }}\n    }}\n",
                modules[*t], vs[0]
            ));
        }
        b.push_str("\n    impl ActiveModelBehavior for ActiveModel {}\n}\n");
        blocks.push(b);
    }
    let mut header = header.clone();
    header.notes.extend(notes);
    header.notes.sort();
    env.render(
        "seaorm.rs.jinja",
        context! { header => header.lines("//"), blocks => blocks },
    )
}
