//! The model every target renders: entities (tables and views) with their
//! generated names, typed fields and inferred relationships. Built once per
//! run from the realm, with the target's naming policy.

use crate::naming::{self, Lang, Scope};
use crate::relations;
use crate::types::{self, ColumnType, Ty};
use std::collections::BTreeMap;
use strata_model::{Column, Dialect, QualifiedName, Realm, Table, View};

/// How a target names things.
#[derive(Debug, Clone, Copy)]
pub struct NamingPolicy {
    pub lang: Lang,
    /// Attribute names the target's base class reserves (`metadata`).
    pub reserved_attributes: &'static [&'static str],
    /// Module-level names the generated file uses itself (`Base`, `Mapped`).
    pub reserved_classes: &'static [&'static str],
    /// What a reserved or keyword attribute gets appended (`_`; Django
    /// forbids a trailing underscore, so `_field` there).
    pub escape_suffix: &'static str,
    /// What a name starting with a digit gets in front (`_`; pydantic
    /// forbids a leading underscore, so `n` there).
    pub digit_prefix: &'static str,
}

/// The generated-code view of a realm.
#[derive(Debug, Clone)]
pub struct Model {
    pub dialect: Dialect,
    /// The schema names are left unqualified in (PostgreSQL `public`, the
    /// only MySQL database, SQLite `main`).
    pub default_schema: Option<String>,
    pub entities: Vec<Entity>,
    pub enums: Vec<EnumDef>,
    /// Table entities by name: foreign keys are resolved through it (a
    /// scan per key is quadratic at 5,000 tables).
    pub tables: BTreeMap<QualifiedName, usize>,
}

impl Model {
    /// The entity of the table `name` (views are not foreign-key targets).
    pub fn table(&self, name: &QualifiedName) -> Option<usize> {
        self.tables.get(name).copied()
    }
}

/// A table or a view.
#[derive(Debug, Clone)]
pub struct Entity {
    pub name: QualifiedName,
    /// The schema to write in code, `None` for the default schema.
    pub schema: Option<String>,
    pub class_name: String,
    /// snake_case singular (`film_actor`): module and variable names.
    pub snake: String,
    pub fields: Vec<Field>,
    /// The table (for views, a table built from the view's columns).
    pub table: Table,
    pub view: Option<View>,
    /// Attributes that identify a row: the primary key, else a unique key of
    /// non-null columns, else every column.
    pub identity: Vec<usize>,
    /// Whether the database has a primary key.
    pub has_primary_key: bool,
    /// A pure association table: exactly two foreign keys covering every
    /// column; mapped as a many-to-many link, not a class, where the target
    /// can.
    pub association: Option<(usize, usize)>,
    pub relationships: Vec<Relationship>,
}

impl Entity {
    pub fn is_view(&self) -> bool {
        self.view.is_some()
    }

    pub fn field(&self, column: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.column.name == column)
    }

    /// The attribute name of a column (the column name if unknown).
    pub fn attr(&self, column: &str) -> String {
        self.field(column)
            .map(|f| f.attr.clone())
            .unwrap_or_else(|| column.to_string())
    }

    pub fn is_primary_key(&self, column: &str) -> bool {
        self.table
            .primary_key
            .as_ref()
            .is_some_and(|pk| pk.columns.iter().any(|c| c == column))
    }
}

/// A column and its generated name.
#[derive(Debug, Clone)]
pub struct Field {
    pub column: Column,
    pub attr: String,
    pub ty: ColumnType,
    /// The enum class its values come from, if any.
    pub enum_class: Option<String>,
}

/// An enum class: a PostgreSQL enum type, or the labels of a MySQL inline enum.
#[derive(Debug, Clone)]
pub struct EnumDef {
    pub class_name: String,
    /// The database type (PostgreSQL), `None` for MySQL inline enums.
    pub db_name: Option<QualifiedName>,
    pub values: Vec<String>,
    /// Member names, one per value.
    pub members: Vec<String>,
}

/// How two entities are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelKind {
    /// This entity holds the foreign key; many rows point at one.
    ManyToOne,
    /// The other entity holds the foreign key.
    OneToMany,
    /// This entity holds a unique foreign key.
    OneToOne,
    /// The other entity holds a unique foreign key to this one.
    OneToOneBack,
    /// Through a pure association table.
    ManyToMany,
}

impl RelKind {
    /// A collection on this side.
    pub fn is_collection(self) -> bool {
        matches!(self, RelKind::OneToMany | RelKind::ManyToMany)
    }

    /// This side holds the foreign key.
    pub fn is_owner(self) -> bool {
        matches!(self, RelKind::ManyToOne | RelKind::OneToOne)
    }
}

/// One relationship attribute.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub name: String,
    pub kind: RelKind,
    /// Index of the entity on the other side.
    pub target: usize,
    /// The name of the relationship on the other side.
    pub back_populates: String,
    /// The entity holding the foreign key and the key's index in its table's
    /// `foreign_keys` (for many-to-many: the association entity and the
    /// key pointing at this side).
    pub fk_owner: usize,
    pub fk_index: usize,
    /// For many-to-many: the key of the association pointing at the target.
    pub other_fk_index: Option<usize>,
    /// Several foreign-key paths join the two tables: say which one.
    pub ambiguous: bool,
    /// Both ends are the same table (`remote_side` on the many-to-one side).
    pub self_referential: bool,
}

/// Builds the model.
pub fn build(realm: &Realm, policy: &NamingPolicy) -> Model {
    let default_schema = default_schema(realm);
    let mut class_scope = Scope::with_reserved(policy.reserved_classes);
    let mut entities = Vec::new();
    for schema in realm.schemas.values() {
        for table in schema.tables.values() {
            entities.push(entity(realm, &schema.name, table.clone(), None, policy));
        }
        for view in schema.views.values() {
            let mut table = Table::new(view.name.clone());
            table.columns = view
                .columns
                .iter()
                .map(|c| {
                    let mut col = Column::new(c.name.clone(), c.data_type.clone(), c.nullable);
                    col.comment = c.comment.clone();
                    col
                })
                .collect();
            table.comment = view.comment.clone();
            entities.push(entity(
                realm,
                &schema.name,
                table,
                Some(view.clone()),
                policy,
            ));
        }
    }
    for e in &mut entities {
        e.schema = e
            .name
            .schema
            .ne(default_schema.as_deref().unwrap_or(""))
            .then(|| e.name.schema.clone());
        let base = naming::class(&e.name.name, policy.lang);
        e.class_name = if class_scope.is_taken(&base) {
            let prefixed = format!(
                "{}{}",
                naming::class(&e.name.schema, policy.lang).trim_end_matches('_'),
                base
            );
            class_scope.claim(&prefixed)
        } else {
            class_scope.claim(&base)
        };
    }
    let enums = enums(&mut entities, &mut class_scope, policy);
    let tables = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.is_view())
        .map(|(i, e)| (e.name.clone(), i))
        .collect();
    let mut model = Model {
        dialect: realm.dialect,
        default_schema,
        entities,
        enums,
        tables,
    };
    relations::infer(&mut model, policy);
    model
}

/// PostgreSQL `public`, MySQL's single database, SQLite `main`.
fn default_schema(realm: &Realm) -> Option<String> {
    match realm.dialect {
        Dialect::Postgres => Some("public".into()),
        Dialect::Sqlite => Some("main".into()),
        Dialect::Mysql if realm.schemas.len() == 1 => realm.schemas.keys().next().cloned(),
        Dialect::Mysql => None,
    }
}

fn entity(
    realm: &Realm,
    schema: &str,
    table: Table,
    view: Option<View>,
    policy: &NamingPolicy,
) -> Entity {
    let mut scope = Scope::with_reserved(policy.reserved_attributes);
    let fields: Vec<Field> = table
        .columns
        .iter()
        .map(|c| Field {
            column: c.clone(),
            attr: scope.claim(&attribute(&c.name, policy)),
            ty: types::read(realm, schema, &c.data_type),
            enum_class: None,
        })
        .collect();
    let has_primary_key = table.primary_key.is_some();
    let identity = identity(&table, &fields);
    let snake = naming::singular_snake(&naming::attribute(&table.name, policy.lang));
    Entity {
        name: QualifiedName::new(schema, table.name.clone()),
        schema: None,
        class_name: String::new(),
        snake,
        fields,
        table,
        view,
        identity,
        has_primary_key,
        association: None,
        relationships: Vec::new(),
    }
}

/// A column's attribute name under the policy.
pub fn attribute(name: &str, policy: &NamingPolicy) -> String {
    let mut attr = naming::attribute(name, policy.lang);
    // Python keywords come back as `class_`; Django wants `class_field`.
    if policy.lang == Lang::Python
        && attr.ends_with('_')
        && naming::is_keyword(&attr[..attr.len() - 1], Lang::Python)
    {
        attr = format!("{}{}", &attr[..attr.len() - 1], policy.escape_suffix);
    }
    if policy.digit_prefix != "_"
        && let Some(rest) = attr.strip_prefix('_')
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        attr = format!("{}{rest}", policy.digit_prefix);
    }
    if policy.reserved_attributes.contains(&attr.as_str()) {
        attr.push_str(policy.escape_suffix);
    }
    attr
}

/// The columns that identify a row.
fn identity(table: &Table, fields: &[Field]) -> Vec<usize> {
    let index_of = |name: &str| fields.iter().position(|f| f.column.name == name);
    let not_null = |cols: &[String]| {
        cols.iter()
            .all(|c| table.column(c).is_some_and(|c| !c.nullable))
    };
    if let Some(pk) = &table.primary_key {
        return pk.columns.iter().filter_map(|c| index_of(c)).collect();
    }
    let keys: Vec<&Vec<String>> = table.uniques.iter().map(|u| &u.columns).collect();
    for cols in keys {
        if !cols.is_empty() && not_null(cols) {
            return cols.iter().filter_map(|c| index_of(c)).collect();
        }
    }
    for index in table.indexes.values() {
        let cols: Vec<String> = index
            .parts
            .iter()
            .filter_map(|p| p.column_name().map(str::to_string))
            .collect();
        if index.unique
            && index.predicate.is_none()
            && cols.len() == index.parts.len()
            && not_null(&cols)
        {
            return cols.iter().filter_map(|c| index_of(c)).collect();
        }
    }
    (0..fields.len()).collect()
}

/// Enum classes: one per PostgreSQL enum type used by a column, one per
/// distinct MySQL inline enum (named after its first table and column).
fn enums(entities: &mut [Entity], class_scope: &mut Scope, policy: &NamingPolicy) -> Vec<EnumDef> {
    let mut out: Vec<EnumDef> = Vec::new();
    let mut by_key: BTreeMap<(Option<QualifiedName>, Vec<String>), usize> = BTreeMap::new();
    for e in entities.iter_mut() {
        let class_name = e.class_name.clone();
        for f in &mut e.fields {
            let (name, values) = match enum_of(&f.ty.ty) {
                Some(x) => x,
                None => continue,
            };
            let key = (name.clone(), values.clone());
            let index = match by_key.get(&key) {
                Some(i) => *i,
                None => {
                    let base = match &name {
                        Some(n) => naming::class(&n.name, policy.lang),
                        None => {
                            format!("{class_name}{}", naming::class(&f.column.name, policy.lang))
                        }
                    };
                    let mut members = Scope::default();
                    let def = EnumDef {
                        class_name: class_scope.claim(&base),
                        db_name: name,
                        members: values
                            .iter()
                            .map(|v| members.claim(&enum_member(v, policy.lang)))
                            .collect(),
                        values,
                    };
                    out.push(def);
                    by_key.insert(key, out.len() - 1);
                    out.len() - 1
                }
            };
            f.enum_class = Some(out[index].class_name.clone());
        }
    }
    out
}

fn enum_of(ty: &Ty) -> Option<(Option<QualifiedName>, Vec<String>)> {
    match ty {
        Ty::Enum { name, values } => Some((name.clone(), values.clone())),
        Ty::Array(inner) => enum_of(inner),
        _ => None,
    }
}

/// `PG-13` → `PG_13`, `NC-17` → `NC_17`, `` → `EMPTY`.
fn enum_member(value: &str, lang: Lang) -> String {
    let snake = naming::attribute(value, lang);
    let mut upper = snake.trim_start_matches("r#").to_uppercase();
    if upper.trim_matches('_').is_empty() {
        upper = "EMPTY".into();
    }
    if upper.starts_with(|c: char| c.is_ascii_digit()) {
        upper.insert(0, '_');
    }
    // `SELF`/`NONE` are fine; Python's `None`/`True`/`False` are not uppercase.
    upper
}
