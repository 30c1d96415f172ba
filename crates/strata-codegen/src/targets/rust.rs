//! What the Rust targets share: the naming policy, Rust types for columns,
//! enum variants, and attribute lines laid out as rustfmt lays them out.

use crate::ir::{EnumDef, Field, Model, NamingPolicy};
use crate::naming::{Lang, Scope};
use crate::types::Ty;
use heck::ToUpperCamelCase;
use strata_model::Dialect;

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
        "Option",
        "String",
        "Vec",
        "Result",
    ],
    escape_suffix: "_",
    // SeaORM turns fields into `Column` variants: `_1st` would become `1st`.
    digit_prefix: "n_",
};

/// Which library a Rust type is for (they spell some types differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lib {
    Sqlx,
    Diesel,
    SeaOrm,
}

/// The Rust type of a column, without `Option`; `None` when the library
/// has no type for it (the column is then left out and listed).
pub fn rust_type(model: &Model, f: &Field, lib: Lib) -> Option<String> {
    ty(model, &f.ty.ty, f.ty.unsigned, f.enum_class.as_deref(), lib)
}

fn ty(model: &Model, t: &Ty, unsigned: bool, enum_class: Option<&str>, lib: Lib) -> Option<String> {
    let pg = model.dialect == Dialect::Postgres;
    Some(
        match t {
            Ty::Bool => "bool",
            Ty::TinyInt if unsigned => "u8",
            Ty::TinyInt => "i8",
            Ty::SmallInt if unsigned => "u16",
            Ty::SmallInt => "i16",
            Ty::MediumInt | Ty::Int if unsigned => "u32",
            Ty::MediumInt | Ty::Int => "i32",
            Ty::BigInt if unsigned => "u64",
            Ty::BigInt => "i64",
            Ty::Year => "i16",
            Ty::Real => "f32",
            Ty::Double | Ty::Float => "f64",
            Ty::Decimal { .. } if lib == Lib::Diesel => "bigdecimal::BigDecimal",
            Ty::Decimal { .. } => "rust_decimal::Decimal",
            Ty::Varchar { .. } | Ty::Char { .. } | Ty::Text { .. } => "String",
            Ty::Binary { .. } => "Vec<u8>",
            Ty::Date => "chrono::NaiveDate",
            Ty::Time { .. } => "chrono::NaiveTime",
            Ty::Timestamp { tz: true, .. } if lib == Lib::SeaOrm => {
                "chrono::DateTime<chrono::FixedOffset>"
            }
            Ty::Timestamp { tz: true, .. } => "chrono::DateTime<chrono::Utc>",
            Ty::Timestamp { .. } => "chrono::NaiveDateTime",
            Ty::Json | Ty::Jsonb => "serde_json::Value",
            Ty::Uuid => "uuid::Uuid",
            Ty::Enum { name: Some(_), .. } if pg => return enum_class.map(str::to_string),
            Ty::Enum { .. } | Ty::Set { .. } => "String",
            Ty::Domain { base, .. } => return ty(model, base, unsigned, enum_class, lib),
            Ty::Array(inner) if pg => {
                return ty(model, inner, false, enum_class, lib).map(|i| format!("Vec<{i}>"));
            }
            _ => return None,
        }
        .to_string(),
    )
}

/// Diesel's SQL type for a column, without `Nullable`.
pub fn diesel_type(model: &Model, f: &Field) -> Option<String> {
    diesel_ty(model, &f.ty.ty, f.ty.unsigned, f.enum_class.as_deref())
}

fn diesel_ty(model: &Model, t: &Ty, unsigned: bool, enum_class: Option<&str>) -> Option<String> {
    let base = match t {
        Ty::Bool => "Bool",
        Ty::TinyInt => "TinyInt",
        Ty::SmallInt | Ty::Year => "SmallInt",
        Ty::MediumInt | Ty::Int => "Integer",
        Ty::BigInt => "BigInt",
        Ty::Real => "Float",
        Ty::Double | Ty::Float => "Double",
        Ty::Decimal { .. } => "Numeric",
        Ty::Varchar { .. } | Ty::Char { .. } | Ty::Text { .. } => "Text",
        Ty::Binary { .. } => "Binary",
        Ty::Date => "Date",
        Ty::Time { .. } => "Time",
        Ty::Timestamp { tz: true, .. } if model.dialect == Dialect::Postgres => "Timestamptz",
        Ty::Timestamp { datetime: true, .. } if model.dialect == Dialect::Mysql => "Datetime",
        Ty::Timestamp { .. } => "Timestamp",
        Ty::Json => "Json",
        Ty::Jsonb => "Jsonb",
        Ty::Uuid => "Uuid",
        Ty::Enum { name: Some(_), .. } if model.dialect == Dialect::Postgres => {
            return enum_class.map(str::to_string);
        }
        Ty::Enum { .. } | Ty::Set { .. } => "Text",
        Ty::Domain { base, .. } => return diesel_ty(model, base, unsigned, enum_class),
        Ty::Array(inner) if model.dialect == Dialect::Postgres => {
            return diesel_ty(model, inner, false, enum_class).map(|i| format!("Array<{i}>"));
        }
        _ => return None,
    };
    if unsigned && model.dialect == Dialect::Mysql {
        return Some(format!("Unsigned<{base}>"));
    }
    Some(base.to_string())
}

/// Rust variant names for an enum's values (`PG-13` → `Pg13`).
pub fn variants(en: &EnumDef) -> Vec<String> {
    let mut scope = Scope::default();
    en.values
        .iter()
        .map(|v| {
            let folded: String = v
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
                .collect();
            let mut name = folded.to_upper_camel_case();
            if name.is_empty() {
                name = "Empty".into();
            }
            if name.starts_with(|c: char| c.is_ascii_digit()) {
                name.insert(0, 'V');
            }
            scope.claim(&name)
        })
        .collect()
}

/// A Rust string literal.
pub fn string(text: &str) -> String {
    format!("{text:?}")
}

/// The field name without a raw-identifier prefix, with `_` appended when
/// it was a keyword (macros such as `table!` want plain identifiers).
pub fn plain_ident(attr: &str) -> String {
    match attr.strip_prefix("r#") {
        Some(word) => format!("{word}_"),
        None => attr.to_string(),
    }
}

/// `#[name(a, b, c)]` on one line when it fits rustfmt's limits, else one
/// argument per line (rustfmt's vertical layout for attributes).
pub fn attribute(indent: usize, name: &str, args: &[String]) -> String {
    let pad = " ".repeat(indent);
    let inner = args.join(", ");
    let line = format!("{pad}#[{name}({inner})]");
    if inner.chars().count() <= 70 && line.chars().count() <= 100 {
        return format!("{line}\n");
    }
    // rustfmt writes no trailing comma in an attribute's vertical list.
    let mut out = format!("{pad}#[{name}(\n");
    let last = args.len().saturating_sub(1);
    for (i, a) in args.iter().enumerate() {
        let comma = if i == last { "" } else { "," };
        out.push_str(&format!("{pad}    {a}{comma}\n"));
    }
    out.push_str(&format!("{pad})]\n"));
    out
}

/// `//` or `///` comment lines for free text.
pub fn comment(indent: usize, marker: &str, text: &str) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|l| {
            let l = l.trim_end();
            if l.is_empty() {
                format!("{pad}{marker}\n")
            } else {
                format!("{pad}{marker} {l}\n")
            }
        })
        .collect()
}

/// `#[derive(…)]` laid out as rustfmt does (measured): one line when the
/// line is at most 96 columns, else the list on one indented line with a
/// trailing comma if that fits in 100 columns, else one item per line.
pub fn derive(indent: usize, items: &[&str]) -> String {
    let pad = " ".repeat(indent);
    let inner = items.join(", ");
    if indent + 11 + inner.chars().count() <= 96 {
        return format!("{pad}#[derive({inner})]\n");
    }
    if indent + 4 + inner.chars().count() < 100 {
        return format!("{pad}#[derive(\n{pad}    {inner},\n{pad})]\n");
    }
    let mut out = format!("{pad}#[derive(\n");
    for i in items {
        out.push_str(&format!("{pad}    {i},\n"));
    }
    out.push_str(&format!("{pad})]\n"));
    out
}

/// A PascalCase identifier from a snake_case name (`_1st` → `V1st`), as
/// derive macros turn field names into `Column` variants.
pub fn pascal(name: &str) -> String {
    let mut out = name.trim_start_matches("r#").to_upper_camel_case();
    if out.is_empty() {
        out = "Field".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    // `Self` cannot be an identifier; SeaORM's derive appends `_` too.
    if out == "Self" {
        out.push('_');
    }
    out
}
