//! Django `models.py`, usable with `makemigrations`.
//!
//! - `db_table` always, `db_column` where the attribute differs;
//! - a foreign key is a `ForeignKey` (or `OneToOneField` when its columns
//!   are unique) whose `on_delete` follows the real action, with the
//!   inferred reverse name as `related_name`; a composite key is a
//!   `ForeignObject` over the column fields;
//! - a pure association table is the `through` model of a `ManyToManyField`;
//! - composite and missing primary keys use Django 5.2's
//!   `CompositePrimaryKey` (a table without one is identified by the row
//!   identity strata picked, and says so);
//! - constraints and indexes go to `Meta.constraints` / `Meta.indexes` when
//!   Django can express them; the others are listed in the header;
//! - views are `managed = False` models;
//! - generated columns are `GeneratedField`s over the raw expression,
//!   collations `db_collation`, PostgreSQL ranges `django.contrib.postgres`
//!   range fields and a domain its base type; a column Django creates with
//!   another type (`cidr` as text, `json` as jsonb…), identity options an
//!   automatic key loses, and MySQL column options are listed in the header.

use super::Header;
use crate::CodegenError;
use crate::inexpressible::Note;
use crate::ir::{Model, NamingPolicy, RelKind};
use crate::naming::{self, Lang};
use crate::pyfmt::{self, Py};
use crate::render::Env;
use crate::types::Ty;
use minijinja::context;
use strata_model::{Dialect, FkAction, IdentityKind, IndexKey, Realm};

pub const POLICY: NamingPolicy = NamingPolicy {
    lang: Lang::Python,
    // Django's own model attributes; `pk` is the primary key's alias.
    reserved_attributes: &[
        "pk",
        "objects",
        "save",
        "delete",
        "clean",
        "check",
        "Meta",
        "models",
        "RawSQL",
        "ArrayField",
    ],
    reserved_classes: &["models", "Meta", "RawSQL", "Q"],
    escape_suffix: "_field",
    digit_prefix: "n_",
};

pub fn render(
    model: &Model,
    _realm: &Realm,
    header: &Header,
    env: &Env,
) -> Result<String, CodegenError> {
    let mut notes = Vec::new();
    let mut uses_raw_sql = false;
    let mut pg_fields = std::collections::BTreeSet::new();
    let mut blocks = Vec::new();
    for en in &model.enums {
        let mut b = format!("class {}(models.TextChoices):\n", en.class_name);
        for (m, v) in en.members.iter().zip(&en.values) {
            b.push_str(&pyfmt::statement(
                4,
                &format!("{m} = "),
                &Py::Tuple(vec![Py::str(v), Py::str(v)]),
                "",
            ));
        }
        blocks.push(b);
    }
    // Django wants index and constraint names unique in the whole app
    // (MySQL only per table): a repeated name stays with its first table.
    let mut names = std::collections::BTreeSet::new();
    for i in 0..model.entities.len() {
        blocks.push(model_block(
            model,
            i,
            &mut notes,
            &mut uses_raw_sql,
            &mut pg_fields,
            &mut names,
        ));
    }
    let mut header = header.clone();
    header.notes.extend(notes);
    header.notes.sort();
    let mut imports = vec!["from django.db import models".to_string()];
    if uses_raw_sql {
        imports.push("from django.db.models.expressions import RawSQL".to_string());
    }
    if !pg_fields.is_empty() {
        let names: Vec<&str> = pg_fields.into_iter().collect();
        imports.insert(
            0,
            format!(
                "from django.contrib.postgres.fields import {}",
                names.join(", ")
            ),
        );
    }
    env.render(
        "django.py.jinja",
        context! {
            header => header.lines("#"),
            imports => imports.join("\n"),
            blocks => blocks,
        },
    )
}

/// The Django field class and its type arguments for a column type;
/// `django.contrib.postgres` fields used are added to `pg`.
fn field_type(
    model: &Model,
    ty: &Ty,
    unsigned: bool,
    enum_class: Option<&str>,
    max_enum: usize,
    pg: &mut std::collections::BTreeSet<&'static str>,
) -> (String, Vec<Py>) {
    let num = |n: u32| Py::atom(n.to_string());
    let f = |s: &str| format!("models.{s}");
    match ty {
        Ty::Bool => (f("BooleanField"), vec![]),
        Ty::TinyInt | Ty::SmallInt if unsigned => (f("PositiveSmallIntegerField"), vec![]),
        Ty::TinyInt | Ty::SmallInt => (f("SmallIntegerField"), vec![]),
        Ty::MediumInt | Ty::Int | Ty::Year if unsigned => (f("PositiveIntegerField"), vec![]),
        Ty::MediumInt | Ty::Int | Ty::Year => (f("IntegerField"), vec![]),
        Ty::BigInt if unsigned => (f("PositiveBigIntegerField"), vec![]),
        Ty::BigInt => (f("BigIntegerField"), vec![]),
        Ty::Real | Ty::Double | Ty::Float => (f("FloatField"), vec![]),
        Ty::Decimal { precision, scale } => (
            f("DecimalField"),
            vec![
                Py::kw("max_digits", num(precision.unwrap_or(65))),
                Py::kw(
                    "decimal_places",
                    num(scale.unwrap_or(if precision.is_some() { 0 } else { 30 })),
                ),
            ],
        ),
        Ty::Varchar {
            length: Some(n), ..
        }
        | Ty::Char {
            length: Some(n), ..
        } => (f("CharField"), vec![Py::kw("max_length", num(*n))]),
        Ty::Varchar { .. } | Ty::Char { .. } | Ty::Text { .. } => (f("TextField"), vec![]),
        Ty::Binary { .. } => (f("BinaryField"), vec![]),
        Ty::Date => (f("DateField"), vec![]),
        Ty::Time { .. } => (f("TimeField"), vec![]),
        Ty::Timestamp { .. } => (f("DateTimeField"), vec![]),
        Ty::Interval => (f("DurationField"), vec![]),
        Ty::Json | Ty::Jsonb => (f("JSONField"), vec![]),
        Ty::Uuid => (f("UUIDField"), vec![]),
        Ty::Inet => (f("GenericIPAddressField"), vec![]),
        Ty::Enum { .. } => {
            let mut a = vec![Py::kw("max_length", num(max_enum.max(1) as u32))];
            if let Some(c) = enum_class {
                a.push(Py::kw("choices", Py::atom(format!("{c}.choices"))));
            }
            (f("CharField"), a)
        }
        Ty::Domain { base, .. } => field_type(model, base, unsigned, enum_class, max_enum, pg),
        Ty::Array(inner) if model.dialect == Dialect::Postgres => {
            let (cls, args) = field_type(model, inner, false, enum_class, max_enum, pg);
            pg.insert("ArrayField");
            ("ArrayField".into(), vec![Py::call(cls, args)])
        }
        Ty::Range(name) if model.dialect == Dialect::Postgres => match range_field(name) {
            Some(cls) => {
                pg.insert(cls);
                (cls.to_string(), vec![])
            }
            None => (f("TextField"), vec![]),
        },
        _ => (f("TextField"), vec![]),
    }
}

/// The `django.contrib.postgres` field of a built-in range, if it has one.
fn range_field(name: &str) -> Option<&'static str> {
    Some(match name {
        "int4range" => "IntegerRangeField",
        "int8range" => "BigIntegerRangeField",
        "numrange" => "DecimalRangeField",
        "daterange" => "DateRangeField",
        "tstzrange" => "DateTimeRangeField",
        _ => return None,
    })
}

/// What Django creates for a column of `ty`, when that is not `ty`. SQLite
/// is left out: its declared types are affinities, which Django's keep.
fn created_as(dialect: Dialect, ty: &Ty) -> Option<String> {
    let pg = dialect == Dialect::Postgres;
    let my = dialect == Dialect::Mysql;
    let text = if my { "longtext" } else { "text" };
    let s = |t: &str| Some(t.to_string());
    match ty {
        _ if dialect == Dialect::Sqlite => None,
        Ty::Real | Ty::Float => s("double precision"),
        Ty::TinyInt if my => s("smallint"),
        Ty::MediumInt | Ty::Year if my => s("integer"),
        Ty::Char {
            length: Some(n), ..
        } => Some(format!("varchar({n})")),
        Ty::Char { length: None, .. } | Ty::Varchar { length: None, .. } => s(text),
        Ty::Text { size: Some(size) } if my && *size != "LONG" => s("longtext"),
        Ty::Binary { size, .. } if my && *size != Some("LONG") => s("longblob"),
        Ty::Json if pg => s("jsonb"),
        Ty::Timestamp { tz, precision, .. } if pg && (!tz || precision.is_some_and(|p| p != 6)) => {
            s("timestamp with time zone")
        }
        Ty::Timestamp {
            precision,
            datetime,
            ..
        } if my && (!datetime || *precision != Some(6)) => s("datetime(6)"),
        Ty::Time { tz: true, .. } if pg => s("time without time zone"),
        Ty::Time { precision, .. } if my && *precision != Some(6) => s("time(6)"),
        Ty::Decimal {
            precision: None, ..
        } => s("numeric(65, 30)"),
        Ty::Uuid if my => s("char(32)"),
        Ty::Enum { .. } => s("varchar"),
        Ty::Domain { base, .. } => {
            Some(created_as(dialect, base).unwrap_or_else(|| "its base type".to_string()))
        }
        Ty::Array(inner) => created_as(dialect, inner).map(|t| format!("{t}[]")),
        Ty::Range(name) if pg && range_field(name).is_some() => None,
        Ty::Cidr
        | Ty::MacAddr
        | Ty::TsVector
        | Ty::Money
        | Ty::Bit { .. }
        | Ty::Range(_)
        | Ty::Set { .. }
        | Ty::Other => s(text),
        _ => None,
    }
}

/// What an automatic key loses of an identity column: Django creates
/// `GENERATED BY DEFAULT AS IDENTITY` with the sequence defaults.
fn identity_losses(id: &strata_model::Identity) -> Vec<String> {
    let mut lost = Vec::new();
    if id.kind == IdentityKind::Always {
        lost.push("GENERATED ALWAYS (Django creates BY DEFAULT)".to_string());
    }
    if let Some(q) = &id.sequence {
        let max = match q.data_type.as_str() {
            "smallint" => i64::from(i16::MAX),
            "integer" => i64::from(i32::MAX),
            _ => i64::MAX,
        };
        let ascending = q.increment > 0;
        if q.start != if ascending { q.min_value } else { q.max_value } {
            lost.push(format!("START WITH {}", q.start));
        }
        if q.increment != 1 {
            lost.push(format!("INCREMENT BY {}", q.increment));
        }
        if ascending && q.min_value != 1 {
            lost.push(format!("MINVALUE {}", q.min_value));
        }
        if ascending && q.max_value != max {
            lost.push(format!("MAXVALUE {}", q.max_value));
        }
        if q.cache != 1 {
            lost.push(format!("CACHE {}", q.cache));
        }
        if q.cycle {
            lost.push("CYCLE".to_string());
        }
    }
    lost
}

fn on_delete(a: FkAction, nullable: bool) -> &'static str {
    match a {
        FkAction::Cascade => "models.CASCADE",
        FkAction::Restrict => "models.RESTRICT",
        FkAction::SetNull if nullable => "models.SET_NULL",
        FkAction::SetNull | FkAction::SetDefault | FkAction::NoAction => "models.DO_NOTHING",
    }
}

/// A literal default Django can state as `db_default`, if the default is one.
fn literal_default(text: &str) -> Option<Py> {
    let t = text.trim();
    let t = t.split("::").next().unwrap_or(t).trim();
    if t.parse::<f64>().is_ok() {
        return Some(Py::atom(t.trim_start_matches('+').to_string()));
    }
    if t.len() >= 2 && t.starts_with('\'') && t.ends_with('\'') && !t[1..t.len() - 1].contains('\'')
    {
        return Some(Py::str(&t[1..t.len() - 1]));
    }
    match t.to_ascii_lowercase().as_str() {
        "true" => Some(Py::atom("True")),
        "false" => Some(Py::atom("False")),
        _ => None,
    }
}

fn model_block(
    model: &Model,
    index: usize,
    notes: &mut Vec<Note>,
    raw_sql: &mut bool,
    pg: &mut std::collections::BTreeSet<&'static str>,
    names: &mut std::collections::BTreeSet<String>,
) -> String {
    let e = &model.entities[index];
    let tn = format!("{}.{}", e.name.schema, e.name.name);
    let mut b = format!("class {}(models.Model):\n", e.class_name);
    // Columns carried by a single-column foreign key become that key's field.
    let mut fk_field: Vec<Option<usize>> = vec![None; e.fields.len()];
    let mut fk_names: Vec<String> = Vec::new();
    let mut scope = naming::Scope::with_reserved(POLICY.reserved_attributes);
    for f in &e.fields {
        scope.take(&f.attr);
    }
    for (k, fk) in e.table.foreign_keys.iter().enumerate() {
        let name = e
            .relationships
            .iter()
            .find(|r| r.kind.is_owner() && r.fk_owner == index && r.fk_index == k)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| {
                let attr = e.attr(&fk.columns[0]);
                let base = attr
                    .strip_suffix("_id")
                    .filter(|s| !s.is_empty())
                    .unwrap_or(&attr);
                scope.claim(&format!("{base}_ref"))
            });
        fk_names.push(name);
        if let [col] = fk.columns.as_slice()
            && let Some(i) = e.fields.iter().position(|f| &f.column.name == col)
            && fk_field[i].is_none()
            && model.table(&fk.references).is_some()
        {
            fk_field[i] = Some(k);
        }
    }
    // Django needs a primary key and forbids nullable parts in a composite
    // one: a table or view without a key of non-null columns is identified
    // by its first column in the ORM (the database is not changed by that).
    let nullable_identity = e.identity.iter().any(|i| e.fields[*i].column.nullable);
    let pk_cols: Vec<usize> = if !e.has_primary_key && nullable_identity {
        e.identity.iter().take(1).copied().collect()
    } else {
        e.identity.clone()
    };
    let single_pk = pk_cols.len() == 1;
    if !e.has_primary_key {
        b.push_str("    # No primary key in the database: Django identifies rows by these.\n");
    }
    let attname = |i: usize| -> String {
        match fk_field[i] {
            Some(k) => format!("{}_id", fk_names[k]),
            None => e.fields[i].attr.clone(),
        }
    };
    if !single_pk {
        let names: Vec<Py> = pk_cols.iter().map(|i| Py::str(&attname(*i))).collect();
        b.push_str(&pyfmt::statement(
            4,
            "pk = ",
            &Py::call("models.CompositePrimaryKey", names),
            "",
        ));
    }
    for (i, f) in e.fields.iter().enumerate() {
        let c = &f.column;
        let mut args: Vec<Py> = Vec::new();
        let cls;
        if let Some(k) = fk_field[i] {
            let fk = &e.table.foreign_keys[k];
            let target = model.table(&fk.references).unwrap_or(index);
            let t = &model.entities[target];
            let unique = crate::relations::is_unique(&e.table, &fk.columns);
            cls = if unique {
                "models.OneToOneField"
            } else {
                "models.ForeignKey"
            }
            .to_string();
            args.push(if target == index {
                Py::str("self")
            } else {
                Py::str(&t.class_name)
            });
            args.push(Py::atom(on_delete(fk.on_delete, c.nullable)));
            let referenced = &fk.referenced_columns[0];
            let target_pk_single = t.identity.len() == 1
                && t.fields
                    .get(t.identity[0])
                    .is_some_and(|p| &p.column.name == referenced);
            if !target_pk_single {
                args.push(Py::kw("to_field", Py::str(&t.attr(referenced))));
            }
            let reverse = e
                .relationships
                .iter()
                .find(|r| r.kind.is_owner() && r.fk_index == k)
                .map(|r| r.back_populates.clone());
            match reverse {
                Some(name) => args.push(Py::kw("related_name", Py::str(&name))),
                None => args.push(Py::kw("related_name", Py::str("+"))),
            }
            args.push(Py::kw("db_column", Py::str(&c.name)));
            if unique && single_pk && pk_cols[0] == i {
                args.push(Py::kw("primary_key", Py::atom("True")));
            }
        } else {
            let max_enum = enum_labels(&f.ty.ty)
                .and_then(|values| values.iter().map(|v| v.chars().count()).max())
                .unwrap_or(0);
            let (mut field_cls, mut type_args) = field_type(
                model,
                &f.ty.ty,
                f.ty.unsigned,
                f.enum_class.as_deref(),
                max_enum,
                pg,
            );
            if let Some(created) = created_as(model.dialect, &f.ty.ty) {
                notes.push(Note {
                    kind: "column type".into(),
                    name: format!("{tn}.{}", c.name),
                    reason: format!("{} is created as {created}", f.ty.raw),
                });
            }
            if let Some(coll) = &c.collation {
                if matches!(field_cls.as_str(), "models.CharField" | "models.TextField") {
                    type_args.push(Py::kw(
                        "db_collation",
                        Py::str(&super::python::unquote(coll)),
                    ));
                } else {
                    notes.push(Note {
                        kind: "collation".into(),
                        name: format!("{tn}.{}", c.name),
                        reason: format!("COLLATE {coll} is not expressible on {field_cls}"),
                    });
                }
            }
            let auto = c.identity.is_some() && single_pk && pk_cols[0] == i;
            if let Some(g) = &c.generated {
                type_args = vec![
                    Py::kw(
                        "expression",
                        Py::call("RawSQL", vec![Py::str(&g.expression), Py::atom("[]")]),
                    ),
                    Py::kw("output_field", Py::call(field_cls, type_args)),
                    Py::kw(
                        "db_persist",
                        Py::atom(if g.stored { "True" } else { "False" }),
                    ),
                ];
                field_cls = "models.GeneratedField".to_string();
                *raw_sql = true;
            }
            cls = if auto {
                match f.ty.ty {
                    Ty::BigInt => "models.BigAutoField".to_string(),
                    Ty::SmallInt | Ty::TinyInt => "models.SmallAutoField".to_string(),
                    _ => "models.AutoField".to_string(),
                }
            } else {
                field_cls
            };
            if auto {
                let lost = c.identity.as_ref().map(identity_losses).unwrap_or_default();
                if !lost.is_empty() {
                    notes.push(Note {
                        kind: "identity".into(),
                        name: format!("{tn}.{}", c.name),
                        reason: format!(
                            "{} not expressible on Django's automatic key",
                            lost.join(", ")
                        ),
                    });
                }
            } else {
                args.extend(type_args);
            }
            if single_pk && pk_cols[0] == i {
                args.push(Py::kw("primary_key", Py::atom("True")));
            }
            if f.attr != c.name {
                args.push(Py::kw("db_column", Py::str(&c.name)));
            }
        }
        if c.nullable && !(single_pk && pk_cols[0] == i) {
            args.push(Py::kw("null", Py::atom("True")));
            if cls != "models.BooleanField" {
                args.push(Py::kw("blank", Py::atom("True")));
            }
        }
        if let Some(d) = c.default.as_deref()
            && c.identity.is_none()
        {
            match literal_default(d) {
                Some(v) if fk_field[i].is_none() => args.push(Py::kw("db_default", v)),
                _ => notes.push(Note {
                    kind: "column default".into(),
                    name: format!("{tn}.{}", c.name),
                    reason: format!("DEFAULT {d} is not a literal Django can state"),
                }),
            }
        }
        if let Some(id) = &c.identity
            && id.kind != IdentityKind::AutoIncrement
            && !(single_pk && pk_cols[0] == i)
        {
            notes.push(Note {
                kind: "identity".into(),
                name: format!("{tn}.{}", c.name),
                reason: "Django creates identity only for its automatic primary keys".into(),
            });
        }
        if let Some(my) = &c.mysql {
            let mut lost = Vec::new();
            if let Some(cs) = my.charset.as_deref().filter(|_| c.collation.is_none()) {
                lost.push(format!("CHARACTER SET {cs}"));
            }
            if let Some(u) = &my.on_update {
                lost.push(format!("ON UPDATE {u}"));
            }
            if my.invisible {
                lost.push("INVISIBLE".to_string());
            }
            if !lost.is_empty() {
                notes.push(Note {
                    kind: "column option".into(),
                    name: format!("{tn}.{}", c.name),
                    reason: format!("{} is not expressible in Django", lost.join(", ")),
                });
            }
        }
        if let Some(comment) = &c.comment {
            args.push(Py::kw("db_comment", Py::str(comment)));
        }
        let name = match fk_field[i] {
            Some(k) => fk_names[k].clone(),
            None => f.attr.clone(),
        };
        b.push_str(&pyfmt::statement(
            4,
            &format!("{name} = "),
            &Py::call(cls, args),
            "",
        ));
    }
    // Composite foreign keys: a relation over the column fields.
    for (k, fk) in e.table.foreign_keys.iter().enumerate() {
        if fk.columns.len() < 2 {
            continue;
        }
        let Some(t) = model.table(&fk.references).map(|t| &model.entities[t]) else {
            continue;
        };
        let from: Vec<String> = fk.columns.iter().map(|c| e.attr(c)).collect();
        let to: Vec<String> = fk.referenced_columns.iter().map(|c| t.attr(c)).collect();
        let args = vec![
            Py::str(&t.class_name),
            Py::atom(on_delete(fk.on_delete, true)),
            Py::kw("from_fields", Py::atom(format!("{from:?}"))),
            Py::kw("to_fields", Py::atom(format!("{to:?}"))),
            Py::kw("related_name", Py::str("+")),
        ];
        b.push_str(&pyfmt::statement(
            4,
            &format!("{} = ", fk_names[k]),
            &Py::call("models.ForeignObject", args),
            "",
        ));
    }
    // Many-to-many: declared on the side the association's first key points to.
    for r in &e.relationships {
        if r.kind != RelKind::ManyToMany {
            continue;
        }
        let through = &model.entities[r.fk_owner];
        if through.association.map(|(a, _)| a) != Some(r.fk_index) {
            continue;
        }
        let target = &model.entities[r.target];
        let args = vec![
            Py::str(&target.class_name),
            Py::kw("through", Py::str(&through.class_name)),
            Py::kw("related_name", Py::str(&r.back_populates)),
        ];
        b.push_str(&pyfmt::statement(
            4,
            &format!("{} = ", r.name),
            &Py::call("models.ManyToManyField", args),
            "",
        ));
    }
    b.push('\n');
    b.push_str("    class Meta:\n");
    if e.is_view() {
        b.push_str("        managed = False\n");
    }
    let db_table = match &e.schema {
        Some(s) if model.dialect == Dialect::Postgres => format!("\"{s}\".\"{}\"", e.name.name),
        _ => e.name.name.clone(),
    };
    b.push_str(&pyfmt::statement(8, "db_table = ", &Py::str(&db_table), ""));
    if let Some(c) = &e.table.comment {
        b.push_str(&pyfmt::statement(8, "db_table_comment = ", &Py::str(c), ""));
    }
    let field_name = |col: &str| -> Option<String> {
        let i = e.fields.iter().position(|f| f.column.name == col)?;
        Some(match fk_field[i] {
            Some(k) => fk_names[k].clone(),
            None => e.fields[i].attr.clone(),
        })
    };
    let mut constraints = Vec::new();
    for u in &e.table.uniques {
        let fields: Option<Vec<String>> = u.columns.iter().map(|c| field_name(c)).collect();
        match (fields, &u.name) {
            (Some(fields), Some(name)) if valid_name(name) && names.insert(name.clone()) => {
                constraints.push(Py::call(
                    "models.UniqueConstraint",
                    vec![
                        Py::kw("fields", Py::atom(format!("{fields:?}"))),
                        Py::kw("name", Py::str(name)),
                    ],
                ))
            }
            _ => notes.push(note(
                "unique constraint",
                &tn,
                u.name.as_deref().unwrap_or("(unnamed)"),
            )),
        }
    }
    for c in &e.table.checks {
        match &c.name {
            Some(name) if valid_name(name) && names.insert(name.clone()) => {
                *raw_sql = true;
                constraints.push(Py::call(
                    "models.CheckConstraint",
                    vec![
                        Py::kw(
                            "condition",
                            Py::call(
                                "RawSQL",
                                vec![
                                    Py::str(&super::python::check_body(&c.expression)),
                                    Py::atom("[]"),
                                    Py::kw("output_field", Py::atom("models.BooleanField()")),
                                ],
                            ),
                        ),
                        Py::kw("name", Py::str(name)),
                    ],
                ));
            }
            _ => notes.push(note(
                "check constraint",
                &tn,
                c.name.as_deref().unwrap_or(&c.expression),
            )),
        }
    }
    let mut indexes = Vec::new();
    for index in e.table.indexes.values() {
        let plain = index.predicate.is_none()
            && index.include.is_empty()
            && index
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case("btree"))
            && index.parts.iter().all(|p| {
                matches!(p.key, IndexKey::Column(_))
                    && p.nulls.is_none()
                    && p.collation.is_none()
                    && p.prefix_length.is_none()
                    && p.opclass.is_none()
            });
        let fields: Option<Vec<String>> = index
            .parts
            .iter()
            .map(|p| {
                let name = field_name(p.column_name()?)?;
                Some(if p.descending {
                    format!("-{name}")
                } else {
                    name
                })
            })
            .collect();
        match fields {
            Some(fields)
                if plain
                    && valid_name(&index.name)
                    && index.name.len() <= 30
                    && names.insert(index.name.clone()) =>
            {
                let cls = if index.unique {
                    "models.UniqueConstraint"
                } else {
                    "models.Index"
                };
                let item = Py::call(
                    cls,
                    vec![
                        Py::kw("fields", Py::atom(format!("{fields:?}"))),
                        Py::kw("name", Py::str(&index.name)),
                    ],
                );
                if index.unique {
                    constraints.push(item);
                } else {
                    indexes.push(item);
                }
            }
            _ => notes.push(note("index", &tn, &index.name)),
        }
    }
    if !indexes.is_empty() {
        b.push_str(&pyfmt::statement(8, "indexes = ", &Py::List(indexes), ""));
    }
    if !constraints.is_empty() {
        b.push_str(&pyfmt::statement(
            8,
            "constraints = ",
            &Py::List(constraints),
            "",
        ));
    }
    b
}

/// The labels of an enum column (or of an array of one).
fn enum_labels(ty: &Ty) -> Option<&[String]> {
    match ty {
        Ty::Enum { values, .. } => Some(values),
        Ty::Array(inner) => enum_labels(inner),
        _ => None,
    }
}

/// Django's rules for index and constraint names: a letter first, then
/// letters, digits and underscores.
fn valid_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn note(kind: &str, table: &str, name: &str) -> Note {
    Note {
        kind: kind.into(),
        name: format!("{table}.{name}"),
        reason: "not expressible in Django's Meta; create it with a migration".into(),
    }
}
