//! Hand-built realms for the rules' message tests.

use strata_model::{
    Column, Dialect, ForeignKey, Index, IndexPart, PrimaryKey, QualifiedName, Realm, Schema,
    Server, Table,
};

pub fn realm(dialect: Dialect, tables: Vec<Table>) -> Realm {
    let mut realm = Realm::new(dialect, Server::default());
    let mut schema = Schema::new("app");
    for t in tables {
        schema.tables.insert(t.name.clone(), t);
    }
    realm.schemas.insert("app".into(), schema);
    realm
}

pub fn table(name: &str, columns: &[(&str, &str, bool)]) -> Table {
    let mut t = Table::new(name);
    t.columns = columns
        .iter()
        .map(|(n, ty, nullable)| Column::new(*n, *ty, *nullable))
        .collect();
    t
}

pub fn pk(mut t: Table, columns: &[&str]) -> Table {
    t.primary_key = Some(PrimaryKey {
        name: Some(format!("{}_pkey", t.name)),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        deferrable: false,
        initially_deferred: false,
        comment: None,
    });
    t
}

pub fn fk(
    mut t: Table,
    name: &str,
    columns: &[&str],
    target: &str,
    target_columns: &[&str],
) -> Table {
    t.foreign_keys.push(ForeignKey {
        name: Some(name.into()),
        columns: columns.iter().map(|c| c.to_string()).collect(),
        references: QualifiedName::new("app", target),
        referenced_columns: target_columns.iter().map(|c| c.to_string()).collect(),
        on_update: Default::default(),
        on_delete: Default::default(),
        match_type: Default::default(),
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
        comment: None,
    });
    t
}

pub fn index(mut t: Table, name: &str, columns: &[&str], unique: bool) -> Table {
    t.indexes.insert(
        name.into(),
        Index {
            name: name.into(),
            unique,
            parts: columns.iter().map(|c| IndexPart::column(*c)).collect(),
            include: vec![],
            predicate: None,
            method: None,
            nulls_not_distinct: false,
            options: vec![],
            comment: None,
        },
    );
    t
}

/// The messages a rule gives on a realm, as `location: message` lines.
pub fn messages(rule: &super::Rule, realm: &Realm) -> Vec<String> {
    rule.check(realm)
        .iter()
        .map(|f| format!("{}: {}", f.location.display(), f.message))
        .collect()
}
