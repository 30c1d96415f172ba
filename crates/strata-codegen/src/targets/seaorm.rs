//! SeaORM: one entity module per table and view (inline modules of one
//! file, so `super::other::Entity` paths work), with `Relation` variants
//! for both sides of every key, `Related` impls where one relation joins
//! two entities (and through a pure association table, with `via`),
//! `Linked` impls for the relations no `Related` impl can name (several
//! keys between two tables, self-references, both directions),
//! `ActiveEnum`s for PostgreSQL enums. An entity needs a
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
    let all_variants: Vec<Vec<Variant>> = (0..model.entities.len())
        .map(|i| variants(model, &modules, i))
        .collect();
    let mut m2m_done = std::collections::BTreeSet::new();
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
        let variants = &all_variants[i];
        // Each relation target with exactly one variant gets `Related`.
        let mut per_target: BTreeMap<usize, Vec<&Variant>> = BTreeMap::new();
        for v in variants {
            per_target.entry(v.target).or_default().push(v);
        }
        b.push_str("    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]\n");
        if variants.is_empty() {
            b.push_str("    pub enum Relation {}\n");
        } else {
            b.push_str("    pub enum Relation {\n");
            for v in variants {
                b.push_str(&rust::attribute(8, "sea_orm", &v.attr));
                b.push_str(&format!("        {},\n", v.name));
            }
            b.push_str("    }\n");
        }
        for (t, vs) in &per_target {
            if vs.len() != 1 || *t == i {
                continue;
            }
            b.push_str(&format!(
                "\n    impl Related<super::{}::Entity> for Entity {{\n        fn to() -> RelationDef {{\n            Relation::{}.def()\n        }}\n    }}\n",
                modules[*t], vs[0].name
            ));
        }
        // Many-to-many: `Related` through the association's two relations.
        for r in &e.relationships {
            if r.kind != RelKind::ManyToMany {
                continue;
            }
            let through = &all_variants[r.fk_owner];
            let by_key = |k: usize| through.iter().find(|v| v.fk_index == Some(k));
            let expressed = match (r.other_fk_index.and_then(by_key), by_key(r.fk_index)) {
                (Some(to), Some(via))
                    if r.target != i
                        && !per_target.contains_key(&r.target)
                        && m2m_done.insert((i, r.target)) =>
                {
                    let m = &modules[r.fk_owner];
                    b.push_str(&format!(
                        "\n    impl Related<super::{}::Entity> for Entity {{\n        fn to() -> RelationDef {{\n            super::{m}::Relation::{}.def()\n        }}\n\n        fn via() -> Option<RelationDef> {{\n            Some(super::{m}::Relation::{}.def().rev())\n        }}\n    }}\n",
                        modules[r.target], to.name, via.name
                    ));
                    true
                }
                _ => false,
            };
            if !expressed {
                notes.push(Note {
                    kind: "relationship".into(),
                    name: format!("{}.{}", e.name, r.name),
                    reason: format!(
                        "many-to-many through {}: SeaORM has one Related impl per entity pair; join through the association's relations",
                        model.entities[r.fk_owner].name
                    ),
                });
            }
        }
        // Where no `Related` impl names one relation: a `Linked` per
        // relation (several keys between two tables, self-references),
        // the reverse side as the reverse of the child's variant.
        let mut lscope = crate::naming::Scope::default();
        for r in &e.relationships {
            if r.kind == RelKind::ManyToMany {
                continue;
            }
            let def = if r.kind.is_owner() {
                let Some(v) = variants.iter().find(|v| v.fk_index == Some(r.fk_index)) else {
                    continue;
                };
                if per_target.get(&r.target).is_some_and(|vs| vs.len() == 1) && r.target != i {
                    continue;
                }
                format!("Relation::{}.def()", v.name)
            } else {
                if !(r.ambiguous || r.self_referential) {
                    continue;
                }
                let Some(v) = all_variants[r.target]
                    .iter()
                    .find(|v| v.fk_index == Some(r.fk_index))
                else {
                    continue;
                };
                if r.target == i {
                    format!("Relation::{}.def().rev()", v.name)
                } else {
                    format!(
                        "super::{}::Relation::{}.def().rev()",
                        modules[r.target], v.name
                    )
                }
            };
            let link = lscope.claim(&format!("{}Link", rust::pascal(&r.name)));
            let to = if r.target == i {
                "Entity".to_string()
            } else {
                format!("super::{}::Entity", modules[r.target])
            };
            let one_line = format!("            vec![{def}]");
            let body = if one_line.len() <= 100 {
                one_line
            } else {
                format!("            vec![\n                {def},\n            ]")
            };
            b.push_str(&format!(
                "\n    /// The `{}` relation, for `find_linked`.\n    pub struct {link};\n\n    impl Linked for {link} {{\n        type FromEntity = Entity;\n        type ToEntity = {to};\n\n        fn link(&self) -> Vec<RelationDef> {{\n{body}\n        }}\n    }}\n",
                r.name
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

/// One `Relation` variant.
struct Variant {
    name: String,
    target: usize,
    /// The key, for a `belongs_to` variant.
    fk_index: Option<usize>,
    attr: Vec<String>,
}

/// The `Relation` variants of entity `i`: a `belongs_to` per key it holds
/// (an association table's two keys too), a `has_many`/`has_one` back where
/// the child has exactly one relation to this entity (its `Related` impl is
/// what SeaORM derives the reverse from); the other reverse sides are
/// `Linked` impls.
fn variants(model: &Model, modules: &[String], i: usize) -> Vec<Variant> {
    let e = &model.entities[i];
    let mut out = Vec::new();
    let mut vscope = crate::naming::Scope::default();
    let column = |ent: &crate::ir::Entity, c: &str| -> Option<String> {
        let f = ent.field(c)?;
        rust::rust_type(model, f, Lib::SeaOrm)?;
        Some(rust::pascal(&f.attr))
    };
    let belongs_to = |fk_index: usize, target: usize| -> Option<Vec<String>> {
        let fk = &e.table.foreign_keys[fk_index];
        let t = &model.entities[target];
        let from = fk
            .columns
            .iter()
            .map(|c| column(e, c))
            .collect::<Option<Vec<_>>>()?;
        let to = fk
            .referenced_columns
            .iter()
            .map(|c| column(t, c))
            .collect::<Option<Vec<_>>>()?;
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
        let self_ref = target == i;
        let (path, prefix) = if self_ref {
            ("Entity".to_string(), String::new())
        } else {
            (
                format!("super::{}::Entity", modules[target]),
                format!("super::{}::", modules[target]),
            )
        };
        Some(vec![
            format!("belongs_to = {}", rust::string(&path)),
            format!("from = {}", rust::string(&tuple(&from, ""))),
            format!("to = {}", rust::string(&tuple(&to, &prefix))),
        ])
    };
    if let Some((a, b)) = e.association {
        for k in [a, b] {
            let Some(target) = model.table(&e.table.foreign_keys[k].references) else {
                continue;
            };
            let name = vscope.claim(&rust::pascal(&modules[target]));
            if let Some(attr) = belongs_to(k, target) {
                out.push(Variant {
                    name,
                    target,
                    fk_index: Some(k),
                    attr,
                });
            }
        }
        return out;
    }
    for r in &e.relationships {
        if r.kind == RelKind::ManyToMany {
            continue;
        }
        if r.kind.is_owner() {
            let name = vscope.claim(&rust::pascal(&r.name));
            if let Some(attr) = belongs_to(r.fk_index, r.target) {
                out.push(Variant {
                    name,
                    target: r.target,
                    fk_index: Some(r.fk_index),
                    attr,
                });
            }
        } else {
            let name = vscope.claim(&rust::pascal(&r.name));
            // has_many needs the child's Related impl back to us.
            if r.ambiguous || r.self_referential {
                continue;
            }
            let word = if r.kind == RelKind::OneToOneBack {
                "has_one"
            } else {
                "has_many"
            };
            out.push(Variant {
                name,
                target: r.target,
                fk_index: None,
                attr: vec![format!(
                    "{word} = {}",
                    rust::string(&format!("super::{}::Entity", modules[r.target]))
                )],
            });
        }
    }
    out
}
