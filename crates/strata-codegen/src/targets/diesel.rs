//! Diesel: `table!` for every table and view, `joinable!` for each
//! unambiguous single-column key, `allow_tables_to_appear_in_same_query!`,
//! custom SQL types for PostgreSQL enums (with `FromSql`/`ToSql` on the
//! Rust enum), and `Queryable`/`Selectable`/`Identifiable` model structs
//! with `Associations` where a child has one key to a parent.
//!
//! `table!` needs a key: a table without a primary key uses the row
//! identity strata picked. A column Diesel has no type for is left out of
//! the table and the struct, and listed.

use super::Header;
use super::rust::{self, Lib};
use crate::CodegenError;
use crate::inexpressible::Note;
use crate::ir::{Entity, Model};
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
    let enums: Vec<_> = model
        .enums
        .iter()
        .filter(|e| pg && e.db_name.is_some())
        .collect();
    if !enums.is_empty() {
        let mut b = String::from("/// Database types Diesel does not know.\npub mod sql_types {\n");
        for (i, en) in enums.iter().enumerate() {
            let Some(db) = &en.db_name else { continue };
            if i > 0 {
                b.push('\n');
            }
            b.push_str(
                "    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]\n",
            );
            b.push_str(&format!(
                "    #[diesel(postgres_type(name = {}))]\n",
                rust::string(&db.name)
            ));
            b.push_str(&format!("    pub struct {};\n", en.class_name));
        }
        b.push_str("}\n");
        blocks.push(b);
    }
    let table_ident = |e: &Entity| {
        rust::plain_ident(&crate::naming::attribute(
            &e.name.name,
            crate::naming::Lang::Rust,
        ))
    };
    let mut idents = Vec::new();
    let mut scope = crate::naming::Scope::with_reserved(&["sql_types", "models"]);
    for e in &model.entities {
        idents.push(scope.claim(&table_ident(e)));
    }
    for (i, e) in model.entities.iter().enumerate() {
        let mut b = String::from("diesel::table! {\n    use diesel::sql_types::*;\n");
        // Diesel's own schema files import custom SQL types by name.
        let mut used: Vec<&str> = e
            .fields
            .iter()
            .filter(|_| pg)
            .filter_map(|f| f.enum_class.as_deref())
            .filter(|c| enums.iter().any(|en| en.class_name == *c))
            .collect();
        used.sort();
        used.dedup();
        for c in used {
            b.push_str(&format!("    use super::sql_types::{c};\n"));
        }
        b.push('\n');
        if let Some(c) = &e.table.comment {
            b.push_str(&rust::comment(4, "///", c));
        }
        let ident = &idents[i];
        if ident != &e.name.name {
            b.push_str(&format!(
                "    #[sql_name = {}]\n",
                rust::string(&e.name.name)
            ));
        }
        let key: Vec<String> = e
            .identity
            .iter()
            .map(|k| column_ident(ident, &e.fields[*k].attr))
            .collect();
        let schema = match &e.schema {
            Some(s) => format!(
                "{}.",
                rust::plain_ident(&crate::naming::attribute(s, crate::naming::Lang::Rust))
            ),
            None => String::new(),
        };
        b.push_str(&format!("    {schema}{ident} ({}) {{\n", key.join(", ")));
        for f in &e.fields {
            let Some(t) = rust::diesel_type(model, f) else {
                notes.push(Note {
                    kind: "column".into(),
                    name: format!("{}.{}", e.name, f.column.name),
                    reason: format!("Diesel has no SQL type for {}; left out", f.ty.raw),
                });
                continue;
            };
            let name = column_ident(&idents[i], &f.attr);
            if name != f.column.name {
                b.push_str(&format!(
                    "        #[sql_name = {}]\n",
                    rust::string(&f.column.name)
                ));
            }
            let t = if f.column.nullable {
                format!("Nullable<{t}>")
            } else {
                t
            };
            b.push_str(&format!("        {name} -> {t},\n"));
        }
        b.push_str("    }\n}\n");
        blocks.push(b);
    }
    // joinable!: one per pair of tables, single-column keys to a
    // single-column primary key, not self-referential.
    let mut pairs: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
    for (i, e) in model.entities.iter().enumerate() {
        for fk in &e.table.foreign_keys {
            let Some(t) = model.table(&fk.references) else {
                continue;
            };
            let target = &model.entities[t];
            let single = fk.columns.len() == 1
                && target.identity.len() == 1
                && target.fields[target.identity[0]].column.name == fk.referenced_columns[0];
            if t != i
                && single
                && e.field(&fk.columns[0])
                    .is_some_and(|f| rust::diesel_type(model, f).is_some())
            {
                let col = column_ident(&idents[i], &e.attr(&fk.columns[0]));
                pairs.entry((i.min(t), i.max(t))).or_default().push(format!(
                    "diesel::joinable!({} -> {} ({col}));",
                    idents[i], idents[t]
                ));
            }
        }
    }
    let joins: Vec<String> = pairs
        .into_values()
        .filter(|v| v.len() == 1)
        .flatten()
        .collect();
    if !joins.is_empty() {
        blocks.push(joins.join("\n") + "\n");
    }
    let tables: Vec<&String> = idents.iter().collect();
    let one_line = format!(
        "diesel::allow_tables_to_appear_in_same_query!({});",
        idents.join(", ")
    );
    // rustfmt keeps a macro call on one line when it fits in 100 columns.
    if tables.len() > 1 && one_line.chars().count() <= 100 {
        blocks.push(one_line + "\n");
    } else if tables.len() > 1 {
        let mut b = String::from("diesel::allow_tables_to_appear_in_same_query!(\n");
        for t in &tables {
            b.push_str(&format!("    {t},\n"));
        }
        b.push_str(");\n");
        blocks.push(b);
    }
    blocks.push(models(model, &idents, &enums));
    let mut header = header.clone();
    header.notes.extend(notes);
    header.notes.sort();
    env.render(
        "diesel.rs.jinja",
        context! { header => header.lines("//"), blocks => blocks },
    )
}

/// The model structs, in a `models` module beside the schema.
fn models(model: &Model, idents: &[String], enums: &[&crate::ir::EnumDef]) -> String {
    let mut b = String::from("/// One struct per table and view.\npub mod models {\n");
    b.push_str("    use super::*;\n");
    for en in enums {
        let variants = rust::variants(en);
        let c = &en.class_name;
        b.push('\n');
        b.push_str(&rust::derive(
            4,
            &[
                "Debug",
                "Clone",
                "Copy",
                "PartialEq",
                "Eq",
                "diesel::expression::AsExpression",
                "diesel::deserialize::FromSqlRow",
            ],
        ));
        b.push_str(&format!("    #[diesel(sql_type = sql_types::{c})]\n"));
        b.push_str(&format!("    pub enum {c} {{\n"));
        for v in &variants {
            b.push_str(&format!("        {v},\n"));
        }
        b.push_str("    }\n\n");
        b.push_str(&format!(
            "    impl diesel::deserialize::FromSql<sql_types::{c}, diesel::pg::Pg> for {c} {{\n"
        ));
        b.push_str("        fn from_sql(value: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {\n");
        b.push_str("            match value.as_bytes() {\n");
        for (v, value) in variants.iter().zip(&en.values) {
            b.push_str(&format!(
                "                b{} => Ok(Self::{v}),\n",
                rust::string(value)
            ));
        }
        b.push_str(&format!(
            "                other => Err(format!(\"not a {} label: {{:?}}\", other).into()),\n",
            c
        ));
        b.push_str("            }\n        }\n    }\n\n");
        b.push_str(&format!(
            "    impl diesel::serialize::ToSql<sql_types::{c}, diesel::pg::Pg> for {c} {{\n"
        ));
        b.push_str("        fn to_sql<'b>(\n            &'b self,\n            out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,\n        ) -> diesel::serialize::Result {\n");
        b.push_str("            use std::io::Write;\n");
        b.push_str("            let label: &[u8] = match self {\n");
        for (v, value) in variants.iter().zip(&en.values) {
            b.push_str(&format!(
                "                Self::{v} => b{},\n",
                rust::string(value)
            ));
        }
        b.push_str("            };\n            out.write_all(label)?;\n            Ok(diesel::serialize::IsNull::No)\n        }\n    }\n");
    }
    for (i, e) in model.entities.iter().enumerate() {
        b.push('\n');
        let mut derives = vec![
            "Debug",
            "Clone",
            "PartialEq",
            "diesel::Queryable",
            "diesel::Selectable",
        ];
        if !e.is_view() {
            derives.push("diesel::Identifiable");
        }
        let parents: Vec<String> = associations(model, i, &idents[i]);
        if !parents.is_empty() {
            derives.push("diesel::Associations");
        }
        b.push_str(&rust::derive(4, &derives));
        let table_path = &idents[i];
        b.push_str(&format!("    #[diesel(table_name = {table_path})]\n"));
        if !e.is_view() {
            let key: Vec<String> = e
                .identity
                .iter()
                .map(|k| column_ident(&idents[i], &e.fields[*k].attr))
                .collect();
            b.push_str(&rust::attribute(
                4,
                "diesel",
                &[format!("primary_key({})", key.join(", "))],
            ));
        }
        for p in &parents {
            b.push_str(&rust::attribute(4, "diesel", std::slice::from_ref(p)));
        }
        b.push_str(
            "    #[diesel(check_for_backend(diesel::pg::Pg))]\n"
                .replace("diesel::pg::Pg", backend(model))
                .as_str(),
        );
        b.push_str(&format!("    pub struct {} {{\n", e.class_name));
        for f in &e.fields {
            let (Some(t), Some(_)) = (
                rust::rust_type(model, f, Lib::Diesel),
                rust::diesel_type(model, f),
            ) else {
                continue;
            };
            let t = if f.column.nullable {
                format!("Option<{t}>")
            } else {
                t
            };
            b.push_str(&format!(
                "        pub {}: {t},\n",
                column_ident(&idents[i], &f.attr)
            ));
        }
        b.push_str("    }\n");
    }
    b.push_str("}\n");
    b
}

fn backend(model: &Model) -> &'static str {
    match model.dialect {
        Dialect::Postgres => "diesel::pg::Pg",
        Dialect::Mysql => "diesel::mysql::Mysql",
        Dialect::Sqlite => "diesel::sqlite::Sqlite",
    }
}

/// `belongs_to(Parent, foreign_key = col)` for each parent this entity has
/// exactly one single-column key to.
fn associations(model: &Model, index: usize, table: &str) -> Vec<String> {
    let e = &model.entities[index];
    let mut out = Vec::new();
    for fk in &e.table.foreign_keys {
        let Some(t) = model.table(&fk.references) else {
            continue;
        };
        let count = e
            .table
            .foreign_keys
            .iter()
            .filter(|k| k.references == fk.references)
            .count();
        let target = &model.entities[t];
        if count != 1 || t == index || fk.columns.len() != 1 || target.identity.len() != 1 {
            continue;
        }
        let Some(f) = e.field(&fk.columns[0]) else {
            continue;
        };
        if rust::diesel_type(model, f).is_none() {
            continue;
        }
        out.push(format!(
            "belongs_to({}, foreign_key = {})",
            target.class_name,
            column_ident(table, &f.attr)
        ));
    }
    out
}

/// A column's identifier in `table!`: plain (no `r#`), and never the
/// table's own name (Diesel forbids that).
fn column_ident(table: &str, attr: &str) -> String {
    let plain = rust::plain_ident(attr);
    if plain == table {
        format!("{plain}_")
    } else {
        plain
    }
}
