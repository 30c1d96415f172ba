//! What the SQLAlchemy-based targets (declarative, Core, SQLModel) share:
//! column types, column arguments, table-level constraints and indexes,
//! and the module's imports.

use crate::ir::{Entity, Field, Model};
use crate::pyfmt::Py;
use crate::types::Ty;
use std::collections::BTreeSet;
use strata_model::{Dialect, FkAction, IdentityKind, IndexKey, MatchType, Realm, UserTypeKind};

/// Module-level names the generated Python uses.
pub const RESERVED_CLASSES: &[&str] = &[
    "Base",
    "Mapped",
    "Any",
    "List",
    "Optional",
    "RawType",
    "DeclarativeBase",
    "SQLModel",
    "Field",
    "Relationship",
    "Decimal",
    "Enum",
    "ViewBase",
];

/// What a generated module imports, collected while rendering.
#[derive(Debug, Default)]
pub struct Imports {
    pub modules: BTreeSet<&'static str>,
    pub from: BTreeSet<(&'static str, &'static str)>,
    pub raw_type: bool,
}

impl Imports {
    /// The import block, sorted the way isort/ruff would (stdlib first).
    pub fn lines(&self) -> Vec<String> {
        let stdlib = ["datetime", "decimal", "enum", "uuid", "typing"];
        let mut out = Vec::new();
        for m in stdlib {
            if self.modules.contains(m) {
                out.push(format!("import {m}"));
            }
        }
        let typing: Vec<&str> = self
            .from
            .iter()
            .filter(|(m, _)| *m == "typing")
            .map(|(_, n)| *n)
            .collect();
        if !typing.is_empty() {
            out.push(format!("from typing import {}", typing.join(", ")));
        }
        let mut third: Vec<String> = Vec::new();
        if self.modules.contains("sqlalchemy") {
            third.push("import sqlalchemy as sa".into());
        }
        let mut froms: Vec<&str> = self
            .from
            .iter()
            .map(|(m, _)| *m)
            .filter(|m| *m != "typing")
            .collect();
        froms.dedup();
        for m in froms {
            let names: Vec<&str> = self
                .from
                .iter()
                .filter(|(x, _)| *x == m)
                .map(|(_, n)| *n)
                .collect();
            third.push(format!("from {m} import {}", names.join(", ")));
        }
        if !out.is_empty() && !third.is_empty() {
            out.push(String::new());
        }
        out.extend(third);
        out
    }
}

/// The SQLAlchemy type of a field, and its Python type.
pub fn column_type(
    model: &Model,
    realm: &Realm,
    field: &Field,
    imports: &mut Imports,
) -> (Py, String) {
    imports.modules.insert("sqlalchemy");
    let ty = &field.ty;
    let collation = field.column.collation.as_deref();
    let (expr, py) = match model.dialect {
        Dialect::Postgres => pg_type(
            realm,
            &ty.ty,
            field.enum_class.as_deref(),
            &ty.raw,
            collation,
            imports,
        ),
        Dialect::Mysql => mysql_type(field, imports),
        Dialect::Sqlite => sqlite_type(&ty.ty, &ty.raw, imports),
    };
    (expr, py)
}

fn raw(spec: &str, imports: &mut Imports) -> (Py, String) {
    imports.raw_type = true;
    imports.from.insert(("typing", "Any"));
    (Py::call("RawType", vec![Py::str(spec)]), "Any".into())
}

fn num_args(args: &[Option<u32>]) -> Vec<Py> {
    let mut out: Vec<Py> = Vec::new();
    for a in args {
        match a {
            Some(n) => out.push(Py::atom(n.to_string())),
            None => break,
        }
    }
    out
}

fn with_collation(mut args: Vec<Py>, collation: Option<&str>) -> Vec<Py> {
    if let Some(c) = collation {
        args.push(Py::kw("collation", Py::str(&unquote(c))));
    }
    args
}

/// `"C"` → `C`: SQLAlchemy quotes collation names itself.
pub(crate) fn unquote(name: &str) -> String {
    match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
        Some(inner) if !inner.contains("\"\"") || !inner.is_empty() => inner.replace("\"\"", "\""),
        _ => name.to_string(),
    }
}

fn pg_type(
    realm: &Realm,
    ty: &Ty,
    enum_class: Option<&str>,
    raw_text: &str,
    collation: Option<&str>,
    imports: &mut Imports,
) -> (Py, String) {
    let pg = |imports: &mut Imports, name: &str, args: Vec<Py>| {
        imports.from.insert(("sqlalchemy.dialects", "postgresql"));
        Py::call(format!("postgresql.{name}"), args)
    };
    let time_args = |tz: bool, precision: Option<u32>| {
        let mut a = Vec::new();
        if tz {
            a.push(Py::kw("timezone", Py::atom("True")));
        }
        if let Some(p) = precision {
            a.push(Py::kw("precision", Py::atom(p.to_string())));
        }
        a
    };
    match ty {
        Ty::Bool => (Py::call("sa.Boolean", vec![]), "bool".into()),
        Ty::SmallInt | Ty::TinyInt => (Py::call("sa.SmallInteger", vec![]), "int".into()),
        Ty::Int | Ty::MediumInt => (Py::call("sa.Integer", vec![]), "int".into()),
        Ty::BigInt => (Py::call("sa.BigInteger", vec![]), "int".into()),
        Ty::Real | Ty::Float => (Py::call("sa.REAL", vec![]), "float".into()),
        Ty::Double => (Py::call("sa.Double", vec![]), "float".into()),
        Ty::Decimal { precision, scale } => {
            imports.modules.insert("decimal");
            (
                Py::call("sa.Numeric", num_args(&[*precision, *scale])),
                "decimal.Decimal".into(),
            )
        }
        Ty::Varchar { length, .. } => (
            Py::call("sa.String", with_collation(num_args(&[*length]), collation)),
            "str".into(),
        ),
        Ty::Char { length, .. } => (
            Py::call("sa.CHAR", with_collation(num_args(&[*length]), collation)),
            "str".into(),
        ),
        Ty::Text { .. } => (
            Py::call("sa.Text", with_collation(vec![], collation)),
            "str".into(),
        ),
        Ty::Binary { .. } => (pg(imports, "BYTEA", vec![]), "bytes".into()),
        Ty::Date => {
            imports.modules.insert("datetime");
            (Py::call("sa.Date", vec![]), "datetime.date".into())
        }
        Ty::Time { tz, precision } => {
            imports.modules.insert("datetime");
            (
                pg(imports, "TIME", time_args(*tz, *precision)),
                "datetime.time".into(),
            )
        }
        Ty::Timestamp { tz, precision, .. } => {
            imports.modules.insert("datetime");
            (
                pg(imports, "TIMESTAMP", time_args(*tz, *precision)),
                "datetime.datetime".into(),
            )
        }
        Ty::Interval => {
            imports.modules.insert("datetime");
            (pg(imports, "INTERVAL", vec![]), "datetime.timedelta".into())
        }
        Ty::Json | Ty::Jsonb => {
            imports.from.insert(("typing", "Any"));
            let name = if matches!(ty, Ty::Json) {
                "JSON"
            } else {
                "JSONB"
            };
            (pg(imports, name, vec![]), "Any".into())
        }
        Ty::Uuid => {
            imports.modules.insert("uuid");
            (pg(imports, "UUID", vec![]), "uuid.UUID".into())
        }
        Ty::Inet => (pg(imports, "INET", vec![]), "str".into()),
        Ty::Cidr => (pg(imports, "CIDR", vec![]), "str".into()),
        Ty::MacAddr => (pg(imports, "MACADDR", vec![]), "str".into()),
        Ty::TsVector => (pg(imports, "TSVECTOR", vec![]), "str".into()),
        Ty::Money => (pg(imports, "MONEY", vec![]), "str".into()),
        Ty::Year => (Py::call("sa.Integer", vec![]), "int".into()),
        Ty::Bit { length, varying } => {
            let mut a = num_args(&[*length]);
            if *varying {
                a.push(Py::kw("varying", Py::atom("True")));
            }
            (pg(imports, "BIT", a), "str".into())
        }
        Ty::Range(name) => {
            imports.from.insert(("typing", "Any"));
            (
                pg(imports, &name.to_ascii_uppercase(), vec![]),
                "Any".into(),
            )
        }
        Ty::Array(inner) => {
            let inner_raw = raw_text.strip_suffix("[]").unwrap_or(raw_text);
            let (e, p) = pg_type(realm, inner, enum_class, inner_raw, collation, imports);
            imports.from.insert(("typing", "List"));
            (pg(imports, "ARRAY", vec![e]), format!("List[{p}]"))
        }
        Ty::Enum { name, .. } => {
            let class = enum_class.unwrap_or("str").to_string();
            let mut args = vec![Py::atom(class.clone())];
            if let Some(n) = name {
                args.push(Py::kw("name", Py::str(&n.name)));
                if n.schema != "public" {
                    args.push(Py::kw("schema", Py::str(&n.schema)));
                }
            }
            args.push(Py::kw("values_callable", Py::atom("enum_values")));
            (Py::call("sa.Enum", args), class)
        }
        Ty::Domain { name, base } => {
            let (base_expr, py) = pg_type(realm, base, enum_class, raw_text, None, imports);
            let mut args = vec![Py::str(&name.name), base_expr];
            if let Some(ty) = realm
                .schemas
                .get(&name.schema)
                .and_then(|s| s.types.get(&name.name))
                && let UserTypeKind::Domain {
                    nullable,
                    default,
                    collation,
                    checks,
                    ..
                } = &ty.kind
            {
                if let Some(c) = collation {
                    args.push(Py::kw("collation", Py::str(c)));
                }
                if let Some(d) = default {
                    args.push(Py::kw("default", Py::call("sa.text", vec![Py::str(d)])));
                }
                if !nullable {
                    args.push(Py::kw("not_null", Py::atom("True")));
                }
                if let [check] = checks.as_slice() {
                    args.push(Py::kw("constraint_name", Py::str(&check.name)));
                    args.push(Py::kw(
                        "check",
                        Py::call("sa.text", vec![Py::str(&check_body(&check.expression))]),
                    ));
                }
            }
            if name.schema != "public" {
                args.push(Py::kw("schema", Py::str(&name.schema)));
            }
            (pg(imports, "DOMAIN", args), py)
        }
        Ty::Set { .. } | Ty::Other => raw(raw_text, imports),
    }
}

/// `CHECK ((VALUE > 0))` → `(VALUE > 0)`.
pub fn check_body(definition: &str) -> String {
    let d = definition.trim();
    let d = d.strip_prefix("CHECK ").unwrap_or(d).trim();
    let d = d.strip_suffix(" NOT VALID").unwrap_or(d);
    match d.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => inner.to_string(),
        None => d.to_string(),
    }
}

fn mysql_type(field: &Field, imports: &mut Imports) -> (Py, String) {
    let ty = &field.ty;
    imports.from.insert(("sqlalchemy.dialects", "mysql"));
    let my = |name: &str, args: Vec<Py>| Py::call(format!("mysql.{name}"), args);
    let mut int_args = Vec::new();
    if let Some(w) = ty.display_width {
        int_args.push(Py::kw("display_width", Py::atom(w.to_string())));
    }
    if ty.unsigned {
        int_args.push(Py::kw("unsigned", Py::atom("True")));
    }
    let charset = field
        .column
        .mysql
        .as_ref()
        .and_then(|m| m.charset.as_deref());
    let mut text_kw = Vec::new();
    if let Some(c) = charset {
        text_kw.push(Py::kw("charset", Py::str(c)));
    }
    if let Some(c) = &field.column.collation {
        text_kw.push(Py::kw("collation", Py::str(c)));
    }
    let with_kw = |mut a: Vec<Py>| {
        a.extend(text_kw.iter().cloned());
        a
    };
    match &ty.ty {
        Ty::TinyInt => (my("TINYINT", int_args), "int".into()),
        Ty::SmallInt => (my("SMALLINT", int_args), "int".into()),
        Ty::MediumInt => (my("MEDIUMINT", int_args), "int".into()),
        Ty::Int => (my("INTEGER", int_args), "int".into()),
        Ty::BigInt => (my("BIGINT", int_args), "int".into()),
        Ty::Bool => (
            my("TINYINT", vec![Py::kw("display_width", Py::atom("1"))]),
            "int".into(),
        ),
        Ty::Float | Ty::Real => (my("FLOAT", vec![]), "float".into()),
        Ty::Double => (my("DOUBLE", vec![]), "float".into()),
        Ty::Decimal { precision, scale } => {
            imports.modules.insert("decimal");
            let mut a = num_args(&[*precision, *scale]);
            if ty.unsigned {
                a.push(Py::kw("unsigned", Py::atom("True")));
            }
            (my("DECIMAL", a), "decimal.Decimal".into())
        }
        Ty::Char { length, .. } => (my("CHAR", with_kw(num_args(&[*length]))), "str".into()),
        Ty::Varchar { length, .. } => (my("VARCHAR", with_kw(num_args(&[*length]))), "str".into()),
        Ty::Text { size } => {
            let name = format!("{}TEXT", size.unwrap_or(""));
            (my(&name, with_kw(vec![])), "str".into())
        }
        Ty::Binary {
            size,
            length,
            varying,
        } => {
            let e = match (size, length) {
                (Some(s), _) => my(&format!("{s}BLOB"), vec![]),
                (None, l) if *varying => my("VARBINARY", num_args(&[*l])),
                (None, l) => my("BINARY", num_args(&[*l])),
            };
            (e, "bytes".into())
        }
        Ty::Date => {
            imports.modules.insert("datetime");
            (my("DATE", vec![]), "datetime.date".into())
        }
        Ty::Time { precision, .. } => {
            imports.modules.insert("datetime");
            let a = precision
                .map(|p| vec![Py::kw("fsp", Py::atom(p.to_string()))])
                .unwrap_or_default();
            (my("TIME", a), "datetime.time".into())
        }
        Ty::Timestamp {
            precision,
            datetime,
            ..
        } => {
            imports.modules.insert("datetime");
            let a = precision
                .map(|p| vec![Py::kw("fsp", Py::atom(p.to_string()))])
                .unwrap_or_default();
            let name = if *datetime { "DATETIME" } else { "TIMESTAMP" };
            (my(name, a), "datetime.datetime".into())
        }
        Ty::Year => (my("YEAR", num_args(&[ty.display_width])), "int".into()),
        Ty::Json => {
            imports.from.insert(("typing", "Any"));
            (my("JSON", vec![]), "Any".into())
        }
        Ty::Bit { length, .. } => (my("BIT", num_args(&[*length])), "int".into()),
        Ty::Enum { .. } => {
            let class = field.enum_class.clone().unwrap_or_else(|| "str".into());
            let mut a = vec![
                Py::atom(class.clone()),
                Py::kw("values_callable", Py::atom("enum_values")),
            ];
            a.extend(text_kw.iter().cloned());
            (my("ENUM", a), class)
        }
        Ty::Set { values } => {
            imports.from.insert(("typing", "Any"));
            let mut a: Vec<Py> = values.iter().map(|v| Py::str(v)).collect();
            a.extend(text_kw.iter().cloned());
            (my("SET", a), "Any".into())
        }
        _ => raw(&ty.raw, imports),
    }
}

/// SQLite keeps the declared type as written, so the type is one whose DDL
/// is exactly that text (spacing aside), else a [`RawType`] of the text.
fn sqlite_type(ty: &Ty, raw_text: &str, imports: &mut Imports) -> (Py, String) {
    let upper = raw_text.trim().to_ascii_uppercase();
    let (name, args) = crate::types::split_args(&upper);
    let args_py: Vec<Py> = args.iter().map(|a| Py::atom(a.to_string())).collect();
    let known = [
        "INTEGER",
        "SMALLINT",
        "BIGINT",
        "BOOLEAN",
        "REAL",
        "FLOAT",
        "NUMERIC",
        "DECIMAL",
        "VARCHAR",
        "NVARCHAR",
        "CHAR",
        "NCHAR",
        "TEXT",
        "CLOB",
        "BLOB",
        "DATE",
        "DATETIME",
        "TIME",
        "TIMESTAMP",
        "JSON",
    ];
    // Only when the text is exactly NAME or NAME(args): anything else is raw.
    let canonical = if args.is_empty() {
        name.clone()
    } else {
        format!(
            "{name}({})",
            args.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    let spaced = canonical.replace(',', ", ");
    let exact = upper == canonical || upper == spaced;
    if !known.contains(&name.as_str())
        || !exact
        || raw_text.trim() != raw_text.trim().to_ascii_uppercase()
    {
        return raw(raw_text, imports);
    }
    let py = match ty {
        Ty::Bool => "bool",
        Ty::TinyInt | Ty::SmallInt | Ty::Int | Ty::BigInt | Ty::MediumInt => "int",
        Ty::Real | Ty::Double | Ty::Float => "float",
        Ty::Decimal { .. } => {
            imports.modules.insert("decimal");
            "decimal.Decimal"
        }
        Ty::Binary { .. } => "bytes",
        Ty::Date => {
            imports.modules.insert("datetime");
            "datetime.date"
        }
        Ty::Timestamp { .. } => {
            imports.modules.insert("datetime");
            "datetime.datetime"
        }
        Ty::Time { .. } => {
            imports.modules.insert("datetime");
            "datetime.time"
        }
        Ty::Json => {
            imports.from.insert(("typing", "Any"));
            "Any"
        }
        _ => "str",
    };
    (Py::call(format!("sa.{name}"), args_py), py.to_string())
}

/// Keyword arguments of a column: server default, identity, computed,
/// nullability, comment.
pub fn column_options(model: &Model, entity: &Entity, field: &Field) -> (Vec<Py>, Vec<Py>) {
    let c = &field.column;
    let mut positional = Vec::new();
    let mut kw = Vec::new();
    if let Some(id) = &c.identity {
        match (id.kind, model.dialect) {
            (IdentityKind::AutoIncrement, _) => {
                kw.push(Py::kw("autoincrement", Py::atom("True")));
            }
            (kind, _) => {
                let mut a = Vec::new();
                if kind == IdentityKind::Always {
                    a.push(Py::kw("always", Py::atom("True")));
                }
                if let Some(s) = &id.sequence {
                    a.push(Py::kw("start", Py::atom(s.start.to_string())));
                    a.push(Py::kw("increment", Py::atom(s.increment.to_string())));
                    a.push(Py::kw("minvalue", Py::atom(s.min_value.to_string())));
                    a.push(Py::kw("maxvalue", Py::atom(s.max_value.to_string())));
                    a.push(Py::kw("cache", Py::atom(s.cache.to_string())));
                    if s.cycle {
                        a.push(Py::kw("cycle", Py::atom("True")));
                    }
                }
                positional.push(Py::call("sa.Identity", a));
            }
        }
    } else if entity.is_primary_key(&c.name) && entity.identity.len() == 1 {
        // Integer primary keys are not autoincrement unless the database says so.
        kw.push(Py::kw("autoincrement", Py::atom("False")));
    }
    // A key column the database lets be NULL (SQLite allows it) must say
    // so: SQLAlchemy makes primary-key columns NOT NULL otherwise.
    if c.nullable && entity.is_primary_key(&c.name) {
        kw.push(Py::kw("nullable", Py::atom("True")));
    }
    if let Some(g) = &c.generated {
        positional.push(Py::call(
            "sa.Computed",
            vec![
                Py::str(&g.expression),
                Py::kw(
                    "persisted",
                    Py::atom(if g.stored { "True" } else { "False" }),
                ),
            ],
        ));
    }
    if let Some(d) = mysql_default_text(field) {
        kw.push(Py::kw(
            "server_default",
            Py::call("sa.text", vec![Py::str(&d)]),
        ));
    }
    if let Some(comment) = &c.comment {
        kw.push(Py::kw("comment", Py::str(comment)));
    }
    (positional, kw)
}

/// `ON UPDATE CURRENT_TIMESTAMP` cannot be a server default in SQLAlchemy's
/// DDL; the MySQL dialect writes it when it is part of the default text.
pub fn mysql_default_text(field: &Field) -> Option<String> {
    let c = &field.column;
    match (
        &c.default,
        c.mysql.as_ref().and_then(|m| m.on_update.as_deref()),
    ) {
        (Some(d), Some(u)) => Some(format!("{d} ON UPDATE {u}")),
        (d, _) => d.clone(),
    }
}

fn fk_action(a: FkAction) -> Option<&'static str> {
    (a != FkAction::NoAction).then(|| a.as_sql())
}

/// Table-level items: primary key, foreign keys, uniques, checks, indexes.
pub fn table_items(model: &Model, entity: &Entity, with_pk: bool) -> Vec<Py> {
    let t = &entity.table;
    let mut items = Vec::new();
    // Constraints name columns by key, which is the column name in both
    // declarative classes and Core tables.
    let key = |c: &String| Py::str(c);
    let remote_key = |target: &strata_model::QualifiedName, col: &str| {
        model
            .table(target)
            .map(|t| &model.entities[t])
            .and_then(|t| t.field(col))
            .map(|f| f.column.name.clone())
            .unwrap_or_else(|| col.to_string())
    };
    let qualified = |target: &strata_model::QualifiedName, col: &str| {
        let col = remote_key(target, col);
        if Some(target.schema.as_str()) == model.default_schema.as_deref() {
            format!("{}.{col}", target.name)
        } else {
            format!("{}.{}.{col}", target.schema, target.name)
        }
    };
    if with_pk && let Some(pk) = &t.primary_key {
        let mut a: Vec<Py> = pk.columns.iter().map(key).collect();
        if let Some(n) = pk_name(model, pk.name.as_deref()) {
            a.push(Py::kw("name", Py::str(n)));
        }
        items.push(Py::call("sa.PrimaryKeyConstraint", a));
    }
    for fk in &t.foreign_keys {
        let cols = Py::List(fk.columns.iter().map(key).collect());
        let refs = Py::List(
            fk.referenced_columns
                .iter()
                .map(|c| Py::str(&qualified(&fk.references, c)))
                .collect(),
        );
        let mut a = vec![flat_list(cols), flat_list(refs)];
        if let Some(n) = &fk.name {
            a.push(Py::kw("name", Py::str(n)));
        }
        if let Some(x) = fk_action(fk.on_update) {
            a.push(Py::kw("onupdate", Py::str(x)));
        }
        if let Some(x) = fk_action(fk.on_delete) {
            a.push(Py::kw("ondelete", Py::str(x)));
        }
        if fk.match_type != MatchType::Simple {
            let m = if fk.match_type == MatchType::Full {
                "FULL"
            } else {
                "PARTIAL"
            };
            a.push(Py::kw("match", Py::str(m)));
        }
        if fk.deferrable {
            a.push(Py::kw("deferrable", Py::atom("True")));
        }
        if fk.initially_deferred {
            a.push(Py::kw("initially", Py::str("DEFERRED")));
        }
        items.push(Py::call("sa.ForeignKeyConstraint", a));
    }
    for u in &t.uniques {
        let mut a: Vec<Py> = u.columns.iter().map(key).collect();
        if let Some(n) = &u.name {
            a.push(Py::kw("name", Py::str(n)));
        }
        if u.nulls_not_distinct {
            a.push(Py::kw("postgresql_nulls_not_distinct", Py::atom("True")));
        }
        if u.deferrable {
            a.push(Py::kw("deferrable", Py::atom("True")));
        }
        if u.initially_deferred {
            a.push(Py::kw("initially", Py::str("DEFERRED")));
        }
        if !u.include.is_empty() {
            a.push(Py::kw(
                "postgresql_include",
                flat_list(Py::List(u.include.iter().map(|c| Py::str(c)).collect())),
            ));
        }
        items.push(Py::call("sa.UniqueConstraint", a));
    }
    for c in &t.checks {
        let mut a = vec![Py::call(
            "sa.text",
            vec![Py::str(&check_body(&c.expression))],
        )];
        if let Some(n) = &c.name {
            a.push(Py::kw("name", Py::str(n)));
        }
        items.push(Py::call("sa.CheckConstraint", a));
    }
    for index in t.indexes.values() {
        let mut a = vec![Py::str(&index.name)];
        for part in &index.parts {
            let plain = part.descending || part.nulls.is_some() || part.collation.is_some();
            match &part.key {
                IndexKey::Column(c)
                    if !plain && part.opclass.is_none() && part.prefix_length.is_none() =>
                {
                    a.push(key(c))
                }
                IndexKey::Column(c) => {
                    let mut text = quote_ident(model.dialect, c);
                    if let Some(l) = part.prefix_length {
                        text.push_str(&format!("({l})"));
                    }
                    a.push(Py::call(
                        "sa.text",
                        vec![Py::str(&index_part_text(model.dialect, part, text))],
                    ));
                }
                IndexKey::Expression(e) => {
                    let text = match model.dialect {
                        Dialect::Postgres | Dialect::Mysql if !e.starts_with('(') => {
                            format!("({e})")
                        }
                        _ => e.clone(),
                    };
                    a.push(Py::call(
                        "sa.text",
                        vec![Py::str(&index_part_text(model.dialect, part, text))],
                    ));
                }
            }
        }
        if index.unique {
            a.push(Py::kw("unique", Py::atom("True")));
        }
        let dialect = match model.dialect {
            Dialect::Postgres => "postgresql",
            Dialect::Mysql => "mysql",
            Dialect::Sqlite => "sqlite",
        };
        if let Some(p) = &index.predicate {
            a.push(Py::kw(
                format!("{dialect}_where"),
                Py::call("sa.text", vec![Py::str(p)]),
            ));
        }
        if let Some(m) = &index.method {
            match model.dialect {
                Dialect::Postgres => a.push(Py::kw("postgresql_using", Py::str(m))),
                Dialect::Mysql
                    if m.eq_ignore_ascii_case("FULLTEXT") || m.eq_ignore_ascii_case("SPATIAL") =>
                {
                    a.push(Py::kw("mysql_prefix", Py::str(&m.to_ascii_uppercase())))
                }
                Dialect::Mysql => a.push(Py::kw("mysql_using", Py::str(m))),
                Dialect::Sqlite => {}
            }
        }
        if !index.include.is_empty() {
            a.push(Py::kw(
                "postgresql_include",
                flat_list(Py::List(index.include.iter().map(|c| Py::str(c)).collect())),
            ));
        }
        if index.nulls_not_distinct {
            a.push(Py::kw("postgresql_nulls_not_distinct", Py::atom("True")));
        }
        if !index.options.is_empty() {
            let pairs = index
                .options
                .iter()
                .filter_map(|o| o.split_once('='))
                .map(|(k, v)| (Py::str(k), Py::str(v)))
                .collect();
            a.push(Py::kw("postgresql_with", Py::Dict(pairs)));
        }
        if let Some(c) = &index.comment {
            a.push(Py::kw("comment", Py::str(c)));
        }
        items.push(Py::call("sa.Index", a));
    }
    items
}

/// A list written flat even with several elements (a list inside a call).
fn flat_list(list: Py) -> Py {
    Py::Atom(list.flat())
}

fn index_part_text(dialect: Dialect, part: &strata_model::IndexPart, mut text: String) -> String {
    if let Some(c) = &part.collation {
        text.push_str(&format!(" COLLATE {}", quote_ident(dialect, c)));
    }
    if let Some(o) = &part.opclass {
        text.push_str(&format!(" {o}"));
    }
    if part.descending {
        text.push_str(" DESC");
    }
    match part.nulls {
        Some(strata_model::NullsOrder::First) => text.push_str(" NULLS FIRST"),
        Some(strata_model::NullsOrder::Last) => text.push_str(" NULLS LAST"),
        None => {}
    }
    text
}

/// An identifier quoted for raw SQL fragments.
pub fn quote_ident(dialect: Dialect, name: &str) -> String {
    match dialect {
        Dialect::Mysql => format!("`{}`", name.replace('`', "``")),
        _ => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

/// MySQL calls every primary key `PRIMARY`; naming it would be a difference.
fn pk_name<'a>(model: &Model, name: Option<&'a str>) -> Option<&'a str> {
    match model.dialect {
        Dialect::Mysql => None,
        _ => name,
    }
}

/// The `__table_args__` / `Table` keyword options: schema, comment and
/// dialect table options.
pub fn table_options(model: &Model, entity: &Entity) -> Vec<(String, Py)> {
    let t = &entity.table;
    let mut out: Vec<(String, Py)> = Vec::new();
    if let Some(s) = &entity.schema {
        out.push(("schema".into(), Py::str(s)));
    }
    if let Some(c) = &t.comment {
        out.push(("comment".into(), Py::str(c)));
    }
    if let Some(pg) = &t.postgres {
        if let Some(p) = &pg.partition_by {
            out.push(("postgresql_partition_by".into(), Py::str(p)));
        }
        if pg.unlogged {
            out.push(("prefixes".into(), Py::atom("[\"UNLOGGED\"]")));
        }
        if !pg.options.is_empty() {
            let pairs = pg
                .options
                .iter()
                .filter_map(|o| o.split_once('='))
                .map(|(k, v)| (Py::str(k), Py::str(v)))
                .collect();
            out.push(("postgresql_with".into(), Py::Dict(pairs)));
        }
    }
    if let Some(my) = &t.mysql {
        if let Some(e) = &my.engine {
            out.push(("mysql_engine".into(), Py::str(e)));
        }
        if let Some(c) = &my.charset {
            out.push(("mysql_charset".into(), Py::str(c)));
        }
        if let Some(c) = &my.collation {
            out.push(("mysql_collate".into(), Py::str(c)));
        }
        if let Some(r) = &my.row_format {
            out.push(("mysql_row_format".into(), Py::str(r)));
        }
    }
    let autoincrement = t.columns.iter().any(|c| {
        c.identity
            .as_ref()
            .is_some_and(|i| i.kind == IdentityKind::AutoIncrement)
    });
    if model.dialect == Dialect::Sqlite && autoincrement {
        out.push(("sqlite_autoincrement".into(), Py::atom("True")));
    }
    if let Some(sq) = &t.sqlite {
        if sq.without_rowid {
            out.push(("sqlite_with_rowid".into(), Py::atom("False")));
        }
        if sq.strict {
            out.push(("sqlite_strict".into(), Py::atom("True")));
        }
    }
    out
}

/// A Python expression evaluating to the attribute list `[Class.a, Class.b]`,
/// as a string SQLAlchemy resolves lazily.
pub fn attr_list(class: &str, attrs: &[String]) -> Py {
    let items: Vec<String> = attrs.iter().map(|a| format!("{class}.{a}")).collect();
    Py::str(&format!("[{}]", items.join(", ")))
}

/// PostgreSQL enum types and domains no column uses: SQLAlchemy creates a
/// type with the first table that uses it, so these are bound to the
/// metadata instead (`create_all()` creates them too).
pub fn standalone_types(
    model: &Model,
    realm: &Realm,
    metadata: &str,
    imports: &mut Imports,
) -> Option<String> {
    if model.dialect != Dialect::Postgres {
        return None;
    }
    fn used(ty: &Ty, out: &mut Vec<strata_model::QualifiedName>) {
        match ty {
            Ty::Enum { name: Some(n), .. } => out.push(n.clone()),
            Ty::Domain { name, base } => {
                out.push(name.clone());
                used(base, out);
            }
            Ty::Array(inner) => used(inner, out),
            _ => {}
        }
    }
    let mut in_use = Vec::new();
    for e in &model.entities {
        for f in &e.fields {
            used(&f.ty.ty, &mut in_use);
        }
    }
    let mut text = String::new();
    let mut scope = crate::naming::Scope::default();
    for schema in realm.schemas.values() {
        for (name, ty) in &schema.types {
            let q = strata_model::QualifiedName::new(schema.name.clone(), name.clone());
            if in_use.contains(&q) {
                continue;
            }
            let expr = match &ty.kind {
                UserTypeKind::Enum { values } => {
                    imports.from.insert(("sqlalchemy.dialects", "postgresql"));
                    let mut a: Vec<Py> = values.iter().map(|v| Py::str(v)).collect();
                    a.push(Py::kw("name", Py::str(name)));
                    if schema.name != "public" {
                        a.push(Py::kw("schema", Py::str(&schema.name)));
                    }
                    a.push(Py::kw("metadata", Py::atom(metadata)));
                    Py::call("postgresql.ENUM", a)
                }
                UserTypeKind::Domain { .. } => {
                    let quoted = format!(
                        "{}.{}",
                        quote_ident(Dialect::Postgres, &schema.name),
                        quote_ident(Dialect::Postgres, name)
                    );
                    let read = crate::types::read(realm, &schema.name, &quoted);
                    let (Py::Call(f, mut a), _) =
                        pg_type(realm, &read.ty, None, &quoted, None, imports)
                    else {
                        continue;
                    };
                    a.push(Py::kw("metadata", Py::atom(metadata)));
                    Py::Call(f, a)
                }
                _ => continue,
            };
            let var = scope.claim(&format!(
                "{}_type",
                crate::naming::attribute(name, crate::naming::Lang::Python).trim_end_matches('_')
            ));
            text.push_str(&crate::pyfmt::statement(0, &format!("{var} = "), &expr, ""));
        }
    }
    (!text.is_empty()).then_some(text)
}

/// A mapped class's first lines, shared by the declarative targets:
/// `class X(bases):`, `__tablename__`, `__table_args__` (constraints,
/// indexes, options) and, for a table without a primary key, the
/// `__mapper_args__` that name the columns identifying its rows.
pub fn class_header(model: &Model, e: &Entity, bases: &str) -> String {
    let mut b = format!("class {}({bases}):\n", e.class_name);
    b.push_str(&crate::pyfmt::statement(
        4,
        "__tablename__ = ",
        &Py::str(&e.name.name),
        "",
    ));
    let mut args = table_items(model, e, true);
    let options = table_options(model, e);
    if !options.is_empty() {
        args.push(Py::Dict(
            options.into_iter().map(|(k, v)| (Py::str(&k), v)).collect(),
        ));
    }
    if !args.is_empty() {
        b.push_str(&crate::pyfmt::statement(
            4,
            "__table_args__ = ",
            &Py::Tuple(args),
            "",
        ));
    }
    if !e.has_primary_key {
        b.push_str("    # No primary key in the database: the mapper identifies rows by these.\n");
        let cols: Vec<Py> = e
            .identity
            .iter()
            .map(|i| Py::str(&e.fields[*i].attr))
            .collect();
        b.push_str(&crate::pyfmt::statement(
            4,
            "__mapper_args__ = ",
            &Py::Dict(vec![(Py::str("primary_key"), Py::List(cols))]),
            "",
        ));
    }
    b
}
