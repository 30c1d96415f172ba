//! Catalog rows -> model. Pure: no I/O, so it is tested on hand-made rows
//! as well as through live databases.

use super::parse::{self, ParsedTable};
use super::{Catalog, ColumnRow, ForeignKeyRow, IndexColumnRow, IndexRow, ObjectRow};
use crate::normalize;
use std::collections::{BTreeMap, HashMap};
use strata_model::{
    CheckConstraint, Column, Dialect, FkAction, ForeignKey, GeneratedColumn, Identity,
    IdentityKind, Index, IndexKey, IndexPart, MatchType, ObjectKind, ObjectRef, PrimaryKey,
    QualifiedName, Realm, Schema, Server, SqliteTable, Table, Trigger, UniqueConstraint,
    Unsupported, View, ViewColumn,
};

const MAIN: &str = "main";

/// Rows grouped by the relation they belong to, and a case-insensitive
/// directory of relation and column names (SQLite names are
/// case-insensitive, and a REFERENCES clause may spell them differently from
/// the CREATE TABLE).
struct Context<'a> {
    columns: BTreeMap<&'a str, Vec<&'a ColumnRow>>,
    view_columns: BTreeMap<&'a str, Vec<&'a ColumnRow>>,
    indexes: BTreeMap<&'a str, Vec<&'a IndexRow>>,
    index_columns: BTreeMap<(&'a str, &'a str), Vec<&'a IndexColumnRow>>,
    foreign_keys: BTreeMap<&'a str, Vec<&'a ForeignKeyRow>>,
    sql: HashMap<(&'a str, &'a str), &'a str>,
    tables: HashMap<String, &'a str>,
    views: HashMap<String, &'a str>,
}

impl<'a> Context<'a> {
    fn new(c: &'a Catalog) -> Self {
        let mut cx = Context {
            columns: BTreeMap::new(),
            view_columns: BTreeMap::new(),
            indexes: BTreeMap::new(),
            index_columns: BTreeMap::new(),
            foreign_keys: BTreeMap::new(),
            sql: HashMap::new(),
            tables: HashMap::new(),
            views: HashMap::new(),
        };
        for r in &c.columns {
            cx.columns.entry(&r.relation).or_default().push(r);
        }
        for r in &c.view_columns {
            cx.view_columns.entry(&r.relation).or_default().push(r);
        }
        for r in &c.indexes {
            cx.indexes.entry(&r.table_name).or_default().push(r);
        }
        for r in &c.index_columns {
            cx.index_columns
                .entry((&r.table_name, &r.index_name))
                .or_default()
                .push(r);
        }
        for r in &c.foreign_keys {
            cx.foreign_keys.entry(&r.table_name).or_default().push(r);
        }
        for o in &c.objects {
            if let Some(sql) = &o.sql {
                cx.sql.insert((&o.object_type, &o.name), sql);
            }
            match kind(o) {
                Kind::Table => {
                    cx.tables.insert(o.name.to_lowercase(), &o.name);
                }
                Kind::View => {
                    cx.views.insert(o.name.to_lowercase(), &o.name);
                }
                _ => {}
            }
        }
        cx
    }

    /// The table's own spelling of a column name written in some other case.
    fn column_name(&self, table: &str, written: &str) -> String {
        self.columns
            .get(table)
            .into_iter()
            .flatten()
            .find(|c| c.name.eq_ignore_ascii_case(written))
            .map(|c| c.name.clone())
            .unwrap_or_else(|| written.to_string())
    }

    fn table_name(&self, written: &str) -> Option<&'a str> {
        self.tables.get(&written.to_lowercase()).copied()
    }
}

/// What a `sqlite_schema` row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Table,
    /// A virtual table: not in the model yet.
    Virtual,
    /// A table that belongs to a virtual table (FTS5's `_data`, …).
    Shadow,
    View,
    Index,
    Trigger,
    Other,
}

fn kind(o: &ObjectRow) -> Kind {
    match (o.object_type.as_str(), o.table_kind.as_deref()) {
        ("table", Some("virtual")) => Kind::Virtual,
        ("table", Some("shadow")) => Kind::Shadow,
        ("table", _) if o.sql.as_deref().is_some_and(parse::is_virtual_table) => Kind::Virtual,
        ("table", _) => Kind::Table,
        ("view", _) => Kind::View,
        ("index", _) => Kind::Index,
        ("trigger", _) => Kind::Trigger,
        _ => Kind::Other,
    }
}

fn unsupported(kind: &str, name: &str) -> Unsupported {
    Unsupported {
        kind: kind.into(),
        schema: MAIN.into(),
        name: name.into(),
    }
}

/// Builds the realm from the catalog rows.
pub(crate) fn realm(catalog: &Catalog, server: &Server) -> Realm {
    let cx = Context::new(catalog);
    let mut realm = Realm::new(Dialect::Sqlite, server.clone());
    let mut schema = Schema::new(MAIN);
    let mut skipped = Vec::new();

    for o in &catalog.objects {
        match kind(o) {
            Kind::Table => {
                let t = table(o, &cx, &mut skipped);
                schema.tables.insert(t.name.clone(), t);
            }
            Kind::View => {
                let v = view(o, &cx);
                schema.views.insert(v.name.clone(), v);
            }
            Kind::Virtual => skipped.push(unsupported("virtual table", &o.name)),
            Kind::Shadow | Kind::Index | Kind::Trigger => {}
            Kind::Other => skipped.push(unsupported(&o.object_type, &o.name)),
        }
    }
    for o in &catalog.objects {
        if kind(o) != Kind::Trigger {
            continue;
        }
        let t = trigger(o);
        let on = o.table_name.to_lowercase();
        if let Some(name) = cx.table_name(&on)
            && let Some(table) = schema.tables.get_mut(name)
        {
            table.triggers.insert(t.name.clone(), t);
        } else if let Some(name) = cx.views.get(&on)
            && let Some(view) = schema.views.get_mut(*name)
        {
            view.triggers.insert(t.name.clone(), t);
        } else {
            skipped.push(unsupported("trigger", &o.name));
        }
    }
    for t in schema.tables.values_mut() {
        t.sort();
    }
    skipped.sort();
    skipped.dedup();
    realm.schemas.insert(MAIN.into(), schema);
    realm.unsupported = skipped;
    realm
}

fn table(o: &ObjectRow, cx: &Context, skipped: &mut Vec<Unsupported>) -> Table {
    let name = o.name.as_str();
    let parsed = match parse::parse_table(o.sql.as_deref().unwrap_or_default()) {
        Ok(p) => p,
        Err(e) => {
            // The pragmas still give columns, keys and indexes; what only
            // the text has (checks, names, collations) is reported missing.
            skipped.push(unsupported(
                &format!("table definition strata cannot read ({e})"),
                name,
            ));
            ParsedTable::default()
        }
    };
    if parsed.on_conflict {
        skipped.push(unsupported(
            "ON CONFLICT clause of a constraint (not kept in the model)",
            name,
        ));
    }
    let rows = cx.columns.get(name).map(Vec::as_slice).unwrap_or_default();
    let mut t = Table::new(name);
    t.columns = rows.iter().map(|r| column(r, &parsed)).collect();

    let mut pk: Vec<&&ColumnRow> = rows.iter().filter(|r| r.pk > 0).collect();
    pk.sort_by_key(|r| r.pk);
    if !pk.is_empty() {
        t.primary_key = Some(PrimaryKey {
            name: parsed.primary_key_name.clone(),
            columns: pk.iter().map(|r| r.name.clone()).collect(),
            deferrable: false,
            initially_deferred: false,
            comment: None,
        });
    }
    t.uniques = uniques(name, cx, &parsed);
    t.checks = parsed
        .checks
        .iter()
        .map(|c| CheckConstraint {
            name: c.name.clone(),
            expression: c.expression.clone(),
            not_valid: false,
            no_inherit: false,
            comment: None,
        })
        .collect();
    t.foreign_keys = foreign_keys(name, cx, &parsed);
    t.indexes = indexes(name, cx, skipped);
    if o.without_rowid || o.strict {
        t.sqlite = Some(SqliteTable {
            without_rowid: o.without_rowid,
            strict: o.strict,
        });
    }
    t
}

fn column(r: &ColumnRow, parsed: &ParsedTable) -> Column {
    let p = parsed
        .columns
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(&r.name));
    let mut c = Column::new(&r.name, &r.declared_type, !r.not_null);
    c.default = r
        .default_value
        .as_deref()
        .and_then(normalize::default_value);
    c.collation = p.and_then(|p| p.collation.clone());
    if p.is_some_and(|p| p.autoincrement) {
        c.identity = Some(Identity {
            kind: IdentityKind::AutoIncrement,
            sequence: None,
        });
    }
    // hidden: 2 = VIRTUAL, 3 = STORED generated column.
    if r.hidden == 2 || r.hidden == 3 {
        c.generated = Some(GeneratedColumn {
            expression: p.and_then(|p| p.generated.clone()).unwrap_or_default(),
            stored: r.hidden == 3,
        });
    }
    c
}

/// The key column names of an index, in order.
fn key_columns(cx: &Context, table: &str, index: &str) -> Vec<String> {
    cx.index_columns
        .get(&(table, index))
        .into_iter()
        .flatten()
        .filter(|r| r.is_key)
        .filter_map(|r| r.name.clone())
        .collect()
}

/// UNIQUE constraints: the autoindexes SQLite made for them (origin `u`),
/// named from the CREATE TABLE text when the constraint is named.
fn uniques(table: &str, cx: &Context, parsed: &ParsedTable) -> Vec<UniqueConstraint> {
    let mut unused: Vec<_> = parsed.uniques.iter().collect();
    let mut out = Vec::new();
    for idx in cx.indexes.get(table).into_iter().flatten() {
        if idx.origin != "u" {
            continue;
        }
        let columns = key_columns(cx, table, &idx.index_name);
        let same = |written: &Vec<String>| {
            written.len() == columns.len()
                && written
                    .iter()
                    .zip(&columns)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        let name = unused
            .iter()
            .position(|u| same(&u.columns))
            .and_then(|i| unused.remove(i).name.clone());
        out.push(UniqueConstraint {
            name,
            columns,
            nulls_not_distinct: false,
            deferrable: false,
            initially_deferred: false,
            include: Vec::new(),
            comment: None,
        });
    }
    out
}

fn action(text: &str) -> FkAction {
    match text.to_ascii_uppercase().as_str() {
        "RESTRICT" => FkAction::Restrict,
        "CASCADE" => FkAction::Cascade,
        "SET NULL" => FkAction::SetNull,
        "SET DEFAULT" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn foreign_keys(table: &str, cx: &Context, parsed: &ParsedTable) -> Vec<ForeignKey> {
    let mut groups: BTreeMap<i64, Vec<&ForeignKeyRow>> = BTreeMap::new();
    for r in cx.foreign_keys.get(table).into_iter().flatten() {
        groups.entry(r.id).or_default().push(r);
    }
    let mut unused: Vec<_> = parsed.foreign_keys.iter().collect();
    let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
    let mut out = Vec::new();
    // SQLite numbers foreign keys from the last declared; go in declaration
    // order so that identical unnamed keys pair up with the text in order.
    for rows in groups.values().rev() {
        let Some(first) = rows.first() else { continue };
        let columns: Vec<String> = rows.iter().map(|r| r.from_column.clone()).collect();
        let written_to: Vec<String> = rows.iter().filter_map(|r| r.to_column.clone()).collect();
        let parent = cx
            .table_name(&first.referenced_table)
            .unwrap_or(&first.referenced_table)
            .to_string();
        let referenced_columns: Vec<String> = written_to
            .iter()
            .map(|c| cx.column_name(&parent, c))
            .collect();
        let found = unused.iter().position(|p| {
            p.table.eq_ignore_ascii_case(&first.referenced_table)
                && lower(&p.columns) == lower(&columns)
                && lower(&p.referred_columns) == lower(&written_to)
        });
        let text = found.map(|i| unused.remove(i));
        out.push(ForeignKey {
            name: text.and_then(|p| p.name.clone()),
            columns,
            references: QualifiedName::new(MAIN, parent),
            referenced_columns,
            on_update: action(&first.on_update),
            on_delete: action(&first.on_delete),
            match_type: text.map(|p| p.match_type).unwrap_or(MatchType::Simple),
            deferrable: text.is_some_and(|p| p.deferrable),
            initially_deferred: text.is_some_and(|p| p.initially_deferred),
            not_valid: false,
            comment: None,
        });
    }
    out
}

/// Indexes made with CREATE INDEX (origin `c`).
fn indexes(table: &str, cx: &Context, skipped: &mut Vec<Unsupported>) -> BTreeMap<String, Index> {
    let mut out = BTreeMap::new();
    for idx in cx.indexes.get(table).into_iter().flatten() {
        if idx.origin != "c" {
            continue;
        }
        let sql = cx
            .sql
            .get(&("index", idx.index_name.as_str()))
            .copied()
            .unwrap_or_default();
        let parsed = match parse::parse_index(sql) {
            Ok(p) => p,
            Err(e) => {
                skipped.push(unsupported(
                    &format!("index definition strata cannot read ({e})"),
                    &idx.index_name,
                ));
                continue;
            }
        };
        let keys: Vec<&&IndexColumnRow> = cx
            .index_columns
            .get(&(table, idx.index_name.as_str()))
            .into_iter()
            .flatten()
            .filter(|r| r.is_key)
            .collect();
        if keys.len() != parsed.parts.len() {
            skipped.push(unsupported(
                "index whose key parts strata cannot read",
                &idx.index_name,
            ));
            continue;
        }
        let parts = keys
            .iter()
            .zip(&parsed.parts)
            .map(|(row, text)| IndexPart {
                key: match (&row.name, row.cid) {
                    (Some(name), cid) if cid >= 0 => IndexKey::Column(name.clone()),
                    _ => IndexKey::Expression(text.expression.clone()),
                },
                descending: row.descending,
                nulls: None,
                opclass: None,
                collation: text.collation.clone(),
                prefix_length: None,
            })
            .collect();
        out.insert(
            idx.index_name.clone(),
            Index {
                name: idx.index_name.clone(),
                unique: idx.unique,
                parts,
                include: Vec::new(),
                predicate: if idx.partial { parsed.predicate } else { None },
                method: None,
                nulls_not_distinct: false,
                options: Vec::new(),
                comment: None,
            },
        );
    }
    out
}

fn view(o: &ObjectRow, cx: &Context) -> View {
    let sql = o.sql.as_deref().unwrap_or_default();
    let (definition, relations) = match parse::parse_view(sql) {
        Ok(p) => (p.query, p.relations),
        // Still keep the query text: only the dependencies are unknown.
        Err(_) => (parse::view_query_text(sql), Default::default()),
    };
    let mut depends_on: Vec<ObjectRef> = relations
        .iter()
        .filter_map(|r| {
            let key = r.to_lowercase();
            if let Some(t) = cx.tables.get(&key) {
                Some(ObjectRef::new(ObjectKind::Table, MAIN, *t))
            } else {
                cx.views
                    .get(&key)
                    .filter(|v| **v != o.name)
                    .map(|v| ObjectRef::new(ObjectKind::View, MAIN, *v))
            }
        })
        .collect();
    depends_on.sort();
    depends_on.dedup();
    View {
        name: o.name.clone(),
        definition,
        columns: cx
            .view_columns
            .get(o.name.as_str())
            .into_iter()
            .flatten()
            .map(|r| ViewColumn {
                name: r.name.clone(),
                data_type: r.declared_type.clone(),
                nullable: true,
                comment: None,
            })
            .collect(),
        depends_on,
        ..View::default()
    }
}

fn trigger(o: &ObjectRow) -> Trigger {
    let sql = o.sql.clone().unwrap_or_default();
    let header = parse::parse_trigger(&sql).unwrap_or_else(|_| parse::trigger_header(&sql));
    Trigger {
        name: o.name.clone(),
        timing: header.timing,
        events: header.events,
        // SQLite has only row-level triggers.
        for_each_row: true,
        definition: sql,
        enabled: None,
        depends_on: Vec::new(),
        comment: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(
        object_type: &str,
        name: &str,
        table: &str,
        sql: &str,
        kind: Option<&str>,
    ) -> ObjectRow {
        ObjectRow {
            object_type: object_type.into(),
            name: name.into(),
            table_name: table.into(),
            sql: Some(sql.into()),
            table_kind: kind.map(Into::into),
            without_rowid: false,
            strict: false,
        }
    }

    fn col(relation: &str, name: &str, ty: &str, pk: i64) -> ColumnRow {
        ColumnRow {
            relation: relation.into(),
            name: name.into(),
            declared_type: ty.into(),
            not_null: false,
            default_value: None,
            pk,
            hidden: 0,
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            objects: vec![
                object(
                    "table",
                    "Parent",
                    "Parent",
                    "CREATE TABLE Parent (Id INTEGER PRIMARY KEY, Code TEXT, CONSTRAINT uq_code UNIQUE (code))",
                    Some("table"),
                ),
                object(
                    "table",
                    "child",
                    "child",
                    "CREATE TABLE child (a INT CONSTRAINT fk_a REFERENCES parent (ID) MATCH FULL, b INT REFERENCES PARENT)",
                    Some("table"),
                ),
                object(
                    "table",
                    "docs",
                    "docs",
                    "CREATE VIRTUAL TABLE docs USING fts5(body)",
                    Some("virtual"),
                ),
                object(
                    "table",
                    "docs_data",
                    "docs_data",
                    "CREATE TABLE 'docs_data'(id INTEGER PRIMARY KEY, block BLOB)",
                    Some("shadow"),
                ),
                object(
                    "view",
                    "v",
                    "v",
                    "CREATE VIEW v AS SELECT a FROM CHILD",
                    Some("view"),
                ),
                object(
                    "trigger",
                    "tr",
                    "V",
                    "CREATE TRIGGER tr INSTEAD OF DELETE ON V BEGIN SELECT 1; END",
                    None,
                ),
            ],
            columns: vec![
                col("Parent", "Id", "INTEGER", 1),
                col("Parent", "Code", "TEXT", 0),
                col("child", "a", "INT", 0),
                col("child", "b", "INT", 0),
            ],
            view_columns: vec![col("v", "a", "INT", 0)],
            indexes: vec![IndexRow {
                table_name: "Parent".into(),
                index_name: "sqlite_autoindex_Parent_1".into(),
                unique: true,
                origin: "u".into(),
                partial: false,
            }],
            index_columns: vec![IndexColumnRow {
                table_name: "Parent".into(),
                index_name: "sqlite_autoindex_Parent_1".into(),
                cid: 1,
                name: Some("Code".into()),
                descending: false,
                is_key: true,
            }],
            // SQLite numbers foreign keys from the last one declared.
            foreign_keys: vec![
                ForeignKeyRow {
                    table_name: "child".into(),
                    id: 0,
                    referenced_table: "PARENT".into(),
                    from_column: "b".into(),
                    to_column: None,
                    on_update: "NO ACTION".into(),
                    on_delete: "NO ACTION".into(),
                },
                ForeignKeyRow {
                    table_name: "child".into(),
                    id: 1,
                    referenced_table: "parent".into(),
                    from_column: "a".into(),
                    to_column: Some("ID".into()),
                    on_update: "NO ACTION".into(),
                    on_delete: "CASCADE".into(),
                },
            ],
        }
    }

    #[test]
    fn rows_become_the_model() {
        let realm = realm(&catalog(), &Server::default());
        let main = &realm.schemas["main"];
        assert_eq!(main.tables.keys().collect::<Vec<_>>(), ["Parent", "child"]);
        assert_eq!(
            realm.unsupported,
            vec![unsupported("virtual table", "docs")]
        );

        let parent = &main.tables["Parent"];
        assert_eq!(parent.uniques[0].name.as_deref(), Some("uq_code"));
        assert_eq!(parent.uniques[0].columns, vec!["Code"]);

        let child = &main.tables["child"];
        let fks: Vec<_> = child
            .foreign_keys
            .iter()
            .map(|k| {
                (
                    k.name.as_deref(),
                    k.columns.clone(),
                    k.references.name.as_str(),
                    k.referenced_columns.clone(),
                    k.match_type,
                    k.on_delete,
                )
            })
            .collect();
        assert_eq!(
            fks,
            vec![
                (
                    None,
                    vec!["b".to_string()],
                    "Parent",
                    vec![],
                    MatchType::Simple,
                    FkAction::NoAction
                ),
                (
                    Some("fk_a"),
                    vec!["a".to_string()],
                    "Parent",
                    vec!["Id".to_string()],
                    MatchType::Full,
                    FkAction::Cascade
                ),
            ]
        );

        let v = &main.views["v"];
        assert_eq!(
            v.depends_on,
            vec![ObjectRef::new(ObjectKind::Table, "main", "child")]
        );
        assert_eq!(
            v.triggers["tr"].timing,
            strata_model::TriggerTiming::InsteadOf
        );
    }
}
