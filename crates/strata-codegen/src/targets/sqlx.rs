//! sqlx: one `FromRow` struct per table and view, with `#[sqlx(rename)]`
//! where the field name differs from the column, and `sqlx::Type` enums
//! for PostgreSQL enum types. A column with no Rust type in sqlx is left
//! out of the struct (`FromRow` ignores extra columns) and listed.

use super::Header;
use super::rust::{self, Lib};
use crate::CodegenError;
use crate::inexpressible::Note;
use crate::ir::Model;
use crate::render::Env;
use minijinja::context;
use strata_model::{Dialect, Realm};

pub fn render(
    model: &Model,
    _realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let mut notes = Vec::new();
    let mut blocks = Vec::new();
    if model.dialect == Dialect::Postgres {
        for en in &model.enums {
            let Some(db) = &en.db_name else { continue };
            let mut b = String::from("#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]\n");
            b.push_str(&format!(
                "#[sqlx(type_name = {})]\n",
                rust::string(&db.name)
            ));
            b.push_str(&format!("pub enum {} {{\n", en.class_name));
            for (v, value) in rust::variants(en).iter().zip(&en.values) {
                b.push_str(&format!(
                    "    #[sqlx(rename = {})]\n    {v},\n",
                    rust::string(value)
                ));
            }
            b.push_str("}\n");
            blocks.push(b);
        }
    }
    for e in &model.entities {
        let kind = if e.is_view() { "View" } else { "Table" };
        let mut b = rust::comment(0, "///", &format!("{kind} `{}`.", e.name));
        if let Some(c) = &e.table.comment {
            b.push_str("///\n");
            b.push_str(&rust::comment(0, "///", c));
        }
        b.push_str("#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]\n");
        b.push_str(&format!("pub struct {} {{\n", e.class_name));
        for f in &e.fields {
            let Some(t) = rust::rust_type(model, f, Lib::Sqlx) else {
                notes.push(Note {
                    kind: "column".into(),
                    name: format!("{}.{}", e.name, f.column.name),
                    reason: format!(
                        "sqlx has no Rust type for {}; left out of the struct",
                        f.ty.raw
                    ),
                });
                continue;
            };
            if let Some(c) = &f.column.comment {
                b.push_str(&rust::comment(4, "///", c));
            }
            let plain = f.attr.trim_start_matches("r#");
            if plain != f.column.name {
                b.push_str(&format!(
                    "    #[sqlx(rename = {})]\n",
                    rust::string(&f.column.name)
                ));
            }
            let t = if f.column.nullable {
                format!("Option<{t}>")
            } else {
                t
            };
            b.push_str(&format!("    pub {}: {t},\n", f.attr));
        }
        b.push_str("}\n");
        blocks.push(b);
    }
    let mut header = header.clone();
    header.notes.extend(notes);
    header.notes.sort();
    env.render(
        "sqlx.rs.jinja",
        context! { header => header.lines("//"), blocks => blocks },
    )
}
