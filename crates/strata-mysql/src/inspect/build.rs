//! Catalog rows -> model. No I/O: everything here is decided on the rows
//! the queries returned, with the rules of [`crate::normalize`].

use super::Catalog;
use super::rows::*;
use crate::flavor::Flavor;
use crate::normalize as norm;
use crate::render::quote;
use crate::sqltext;
use std::collections::{BTreeMap, BTreeSet};
use strata_driver::DriverError;
use strata_model::{
    CheckConstraint, Column, Dialect, Event, ForeignKey, GeneratedColumn, Identity, IdentityKind,
    Index, IndexKey, IndexPart, MySqlColumn, MySqlPartition, MySqlPartitioning, MySqlTable,
    MySqlView, ObjectKind, ObjectRef, PrimaryKey, QualifiedName, Realm, Routine, RoutineKind,
    Schema, Server, Table, Trigger, TriggerTiming, Unsupported, View, ViewColumn,
};

/// `(schema, table)`: how rows find their table.
type Key = (String, String);

/// Builds the realm from the catalog rows.
pub(crate) fn build(cat: Catalog, server: Server, flavor: Flavor) -> Result<Realm, DriverError> {
    let mut realm = Realm::new(Dialect::Mysql, server);
    let charset_of: BTreeMap<&str, &str> = cat
        .collations
        .iter()
        .filter_map(|c| Some((c.name.as_str(), c.charset.as_deref()?)))
        .collect();

    for s in &cat.schemas {
        let mut schema = Schema::new(&s.name);
        schema.charset = s.charset.as_deref().map(norm::charset_alias);
        schema.collation = s.collation.as_deref().map(norm::charset_alias);
        schema.comment = norm::non_empty(s.comment.clone());
        realm.schemas.insert(s.name.clone(), schema);
    }

    let mut tables: BTreeMap<Key, Table> = BTreeMap::new();
    let mut view_names: BTreeSet<Key> = BTreeSet::new();
    for t in &cat.tables {
        let key = (t.schema.clone(), t.name.clone());
        match t.table_type.as_str() {
            "BASE TABLE" | "SYSTEM VERSIONED" => {
                if t.table_type == "SYSTEM VERSIONED" {
                    unsupported(&mut realm, "system versioning", &t.schema, &t.name);
                }
                for option in t
                    .create_options
                    .as_deref()
                    .map(norm::other_create_options)
                    .unwrap_or_default()
                {
                    let name = format!("{} ({option})", t.name);
                    unsupported(&mut realm, "table option", &t.schema, &name);
                }
                tables.insert(key, table(t, &charset_of));
            }
            "VIEW" => {
                view_names.insert(key);
            }
            "SEQUENCE" => unsupported(&mut realm, "sequence", &t.schema, &t.name),
            _ => {}
        }
    }

    let mut view_columns = columns(&cat.columns, &mut tables, &view_names, flavor);
    checks(&cat.checks, &mut tables, flavor);
    indexes(&cat.indexes, &mut tables, &mut realm);
    let ignored: BTreeSet<(&str, String)> = cat
        .indexes
        .iter()
        .filter(|i| i.ignored)
        .map(|i| (i.schema.as_str(), format!("{}.{}", i.table, i.name)))
        .collect();
    for (schema, name) in ignored {
        unsupported(&mut realm, "ignored (invisible) index", schema, &name);
    }
    foreign_keys(&cat.foreign_keys, &cat.referential, &mut tables);
    partitions(&cat.partitions, &mut tables, &mut realm);
    triggers(&cat.triggers, &mut tables);

    let mut functions: BTreeMap<Key, String> = BTreeMap::new();
    for r in routines(&cat.routines, &cat.parameters, &mut realm) {
        let (schema, routine) = r;
        if routine.kind == RoutineKind::Function {
            functions.insert((schema.clone(), routine.name.clone()), routine.key());
        }
        if let Some(s) = realm.schemas.get_mut(&schema) {
            s.routines.insert(routine.key(), routine);
        }
    }
    for e in &cat.events {
        if let Some(s) = realm.schemas.get_mut(&e.schema) {
            s.events.insert(e.name.clone(), event(e));
        }
    }

    let relations = Relations {
        tables: tables.keys().cloned().collect(),
        views: view_names,
        functions,
    };
    for v in &cat.views {
        let cols = view_columns
            .remove(&(v.schema.clone(), v.name.clone()))
            .unwrap_or_default();
        let view = view(v, cols, &relations);
        if let Some(s) = realm.schemas.get_mut(&v.schema) {
            s.views.insert(v.name.clone(), view);
        }
    }
    for ((schema, name), mut t) in tables {
        t.sort();
        if let Some(s) = realm.schemas.get_mut(&schema) {
            s.tables.insert(name, t);
        }
    }
    realm.unsupported.sort();
    Ok(realm)
}

fn unsupported(realm: &mut Realm, kind: &str, schema: &str, name: &str) {
    realm.unsupported.push(Unsupported {
        kind: kind.into(),
        schema: schema.into(),
        name: name.into(),
    });
}

fn table(t: &TableRow, charset_of: &BTreeMap<&str, &str>) -> Table {
    let mut table = Table::new(&t.name);
    table.comment = norm::non_empty(t.comment.clone());
    let collation = t.collation.as_deref();
    table.mysql = Some(MySqlTable {
        engine: t.engine.clone(),
        charset: collation
            .and_then(|c| charset_of.get(c))
            .map(|c| norm::charset_alias(c)),
        collation: collation.map(norm::charset_alias),
        row_format: t.create_options.as_deref().and_then(norm::row_format),
        partitioning: None,
    });
    table
}

/// Fills the tables' columns and returns the views' columns.
fn columns(
    rows: &[ColumnRow],
    tables: &mut BTreeMap<Key, Table>,
    views: &BTreeSet<Key>,
    flavor: Flavor,
) -> BTreeMap<Key, Vec<ViewColumn>> {
    let mut sorted: Vec<&ColumnRow> = rows.iter().collect();
    sorted
        .sort_by(|a, b| (&a.schema, &a.table, a.position).cmp(&(&b.schema, &b.table, b.position)));
    let mut view_columns: BTreeMap<Key, Vec<ViewColumn>> = BTreeMap::new();
    for c in sorted {
        let key = (c.schema.clone(), c.table.clone());
        if let Some(t) = tables.get_mut(&key) {
            let col = column(c, t.mysql.as_ref(), flavor);
            t.columns.push(col);
        } else if views.contains(&key) {
            view_columns.entry(key).or_default().push(ViewColumn {
                name: c.name.clone(),
                data_type: norm::int_display_width(&c.column_type),
                nullable: c.nullable,
                // A view column shows the comment of the column it reads;
                // it has none of its own (nor a way to set one).
                comment: None,
            });
        }
    }
    view_columns
}

fn column(c: &ColumnRow, table: Option<&MySqlTable>, flavor: Flavor) -> Column {
    let data_type = norm::int_display_width(&c.column_type);
    let extra = norm::extra(&c.extra);
    let generated =
        norm::non_empty(c.generation_expression.clone()).map(|expression| GeneratedColumn {
            expression: norm::expression(&expression),
            stored: c.extra.to_ascii_uppercase().contains("STORED"),
        });
    let default = if generated.is_some() {
        None
    } else {
        norm::column_default(
            c.default.as_deref(),
            &data_type,
            flavor.mariadb,
            extra.default_generated,
        )
    };
    let charset = c.charset.as_deref().map(norm::charset_alias);
    let collation = c.collation.as_deref().map(norm::charset_alias);
    let table_charset = table.and_then(|t| t.charset.clone());
    let table_collation = table.and_then(|t| t.collation.clone());
    let mysql = MySqlColumn {
        charset: charset.filter(|cs| Some(cs) != table_charset.as_ref()),
        on_update: extra.on_update.clone(),
        invisible: extra.invisible,
    };
    Column {
        name: c.name.clone(),
        data_type,
        nullable: c.nullable,
        default,
        identity: extra.auto_increment.then_some(Identity {
            kind: IdentityKind::AutoIncrement,
            sequence: None,
        }),
        generated,
        collation: collation.filter(|co| Some(co) != table_collation.as_ref()),
        comment: norm::non_empty(c.comment.clone()),
        mysql: (mysql != MySqlColumn::default()).then_some(mysql),
    }
}

/// Check constraints, with MariaDB's implicit JSON checks folded into a
/// `json` column type.
fn checks(rows: &[CheckRow], tables: &mut BTreeMap<Key, Table>, flavor: Flavor) {
    for c in rows {
        let Some(t) = tables.get_mut(&(c.schema.clone(), c.table.clone())) else {
            continue;
        };
        if flavor.mariadb
            && let Some(col) = t.columns.iter_mut().find(|col| {
                col.data_type == "longtext"
                    && norm::is_mariadb_json_check(&col.name, &c.name, &c.clause)
            })
        {
            col.data_type = "json".into();
            col.collation = None;
            if let Some(my) = &mut col.mysql {
                my.charset = None;
            }
            if col.mysql.as_ref() == Some(&MySqlColumn::default()) {
                col.mysql = None;
            }
            continue;
        }
        t.checks.push(CheckConstraint {
            name: Some(c.name.clone()),
            expression: norm::expression(&c.clause),
            not_valid: false,
            no_inherit: false,
            comment: None,
        });
    }
}

fn indexes(rows: &[IndexRow], tables: &mut BTreeMap<Key, Table>, realm: &mut Realm) {
    let mut grouped: BTreeMap<(String, String, String), Vec<&IndexRow>> = BTreeMap::new();
    for r in rows {
        grouped
            .entry((r.schema.clone(), r.table.clone(), r.name.clone()))
            .or_default()
            .push(r);
    }
    for ((schema, table, name), mut parts) in grouped {
        let Some(t) = tables.get_mut(&(schema.clone(), table.clone())) else {
            continue;
        };
        parts.sort_by_key(|p| p.seq);
        let first = parts[0];
        if name == "PRIMARY" {
            // The model's primary key is a list of columns.
            let more = parts.iter().any(|p| {
                p.sub_part.is_some()
                    || p.descending
                    || p.column.is_none()
                    || p.comment.as_deref().is_some_and(|c| !c.is_empty())
            });
            if more {
                unsupported(
                    realm,
                    "primary key prefix, order or comment",
                    &schema,
                    &table,
                );
            }
            t.primary_key = Some(PrimaryKey {
                name: Some(name),
                columns: parts.iter().filter_map(|p| p.column.clone()).collect(),
                deferrable: false,
                initially_deferred: false,
                comment: None,
            });
            continue;
        }
        let engine = t.mysql.as_ref().and_then(|m| m.engine.as_deref());
        let method = norm::index_method(&first.index_type, engine);
        let parts = parts
            .iter()
            .map(|p| IndexPart {
                key: match (&p.column, &p.expression) {
                    (Some(c), _) => IndexKey::Column(c.clone()),
                    (None, Some(e)) => IndexKey::Expression(e.clone()),
                    (None, None) => IndexKey::Expression(String::new()),
                },
                descending: p.descending,
                nulls: None,
                opclass: None,
                collation: None,
                prefix_length: norm::spatial_prefix(method.as_deref(), p.sub_part),
            })
            .collect();
        t.indexes.insert(
            name.clone(),
            Index {
                name,
                unique: !first.non_unique,
                parts,
                include: Vec::new(),
                predicate: None,
                method,
                nulls_not_distinct: false,
                options: Vec::new(),
                comment: norm::non_empty(first.comment.clone()),
            },
        );
    }
}

fn foreign_keys(
    rows: &[ForeignKeyRow],
    rules: &[ReferentialRow],
    tables: &mut BTreeMap<Key, Table>,
) {
    let rules: BTreeMap<(&str, &str, &str), &ReferentialRow> = rules
        .iter()
        .map(|r| ((r.schema.as_str(), r.table.as_str(), r.name.as_str()), r))
        .collect();
    let mut grouped: BTreeMap<(&str, &str, &str), Vec<&ForeignKeyRow>> = BTreeMap::new();
    for r in rows {
        grouped
            .entry((&r.schema, &r.table, &r.name))
            .or_default()
            .push(r);
    }
    for (key @ (schema, table, name), mut cols) in grouped {
        let Some(t) = tables.get_mut(&(schema.to_string(), table.to_string())) else {
            continue;
        };
        cols.sort_by_key(|c| c.position);
        let rule = rules.get(&key);
        t.foreign_keys.push(ForeignKey {
            name: Some(name.to_string()),
            columns: cols.iter().map(|c| c.column.clone()).collect(),
            references: QualifiedName::new(&cols[0].referenced_schema, &cols[0].referenced_table),
            referenced_columns: cols.iter().map(|c| c.referenced_column.clone()).collect(),
            on_update: rule
                .map(|r| norm::fk_action(&r.update_rule))
                .unwrap_or_default(),
            on_delete: rule
                .map(|r| norm::fk_action(&r.delete_rule))
                .unwrap_or_default(),
            match_type: Default::default(),
            deferrable: false,
            initially_deferred: false,
            not_valid: false,
            comment: None,
        });
    }
}

fn partitions(rows: &[PartitionRow], tables: &mut BTreeMap<Key, Table>, realm: &mut Realm) {
    let mut grouped: BTreeMap<Key, Vec<&PartitionRow>> = BTreeMap::new();
    for r in rows {
        grouped
            .entry((r.schema.clone(), r.table.clone()))
            .or_default()
            .push(r);
    }
    for (key, mut rows) in grouped {
        let Some(t) = tables.get_mut(&key) else {
            continue;
        };
        if rows.iter().any(|r| r.subpartition.is_some()) {
            unsupported(realm, "subpartitioning", &key.0, &key.1);
        }
        rows.sort_by_key(|r| r.position);
        rows.dedup_by(|a, b| a.name == b.name);
        let first = rows[0];
        let with_values = !matches!(
            first.method.as_str(),
            "HASH" | "KEY" | "LINEAR HASH" | "LINEAR KEY"
        );
        let partitioning = MySqlPartitioning {
            method: first.method.clone(),
            expression: first.expression.clone().unwrap_or_default(),
            partitions: rows
                .iter()
                .map(|r| MySqlPartition {
                    name: r.name.clone(),
                    values: if with_values {
                        r.description.clone()
                    } else {
                        None
                    },
                    comment: norm::non_empty(r.comment.clone()),
                })
                .collect(),
        };
        if let Some(m) = &mut t.mysql {
            m.partitioning = Some(partitioning);
        }
    }
}

/// Triggers, each with a complete CREATE TRIGGER statement.
fn triggers(rows: &[TriggerRow], tables: &mut BTreeMap<Key, Table>) {
    let orders = trigger_orders(rows);
    for r in rows {
        let Some(t) = tables.get_mut(&(r.schema.clone(), r.table.clone())) else {
            continue;
        };
        let timing = if r.timing.eq_ignore_ascii_case("BEFORE") {
            TriggerTiming::Before
        } else {
            TriggerTiming::After
        };
        let for_each_row = r.orientation.eq_ignore_ascii_case("ROW");
        let order = match orders.get(&(r.schema.as_str(), r.name.as_str())) {
            Some(Order::Follows(x)) => format!(" FOLLOWS {}", quote(x)),
            Some(Order::Precedes(x)) => format!(" PRECEDES {}", quote(x)),
            None => String::new(),
        };
        let definition = format!(
            "CREATE TRIGGER {} {} {} ON {} FOR EACH ROW{order} {}",
            quote(&r.name),
            timing.sql_words(),
            r.event.to_ascii_uppercase(),
            quote(&r.table),
            r.statement
        );
        t.triggers.insert(
            r.name.clone(),
            Trigger {
                name: r.name.clone(),
                timing,
                events: vec![r.event.to_ascii_uppercase()],
                for_each_row,
                definition,
                enabled: None,
                depends_on: Vec::new(),
                comment: None,
            },
        );
    }
}

/// Where a trigger goes among the triggers of the same table, timing and
/// event.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Order {
    Follows(String),
    Precedes(String),
}

/// Triggers are created in name order (the differ's order). To recreate
/// the server's `ACTION_ORDER`, each trigger follows the one just before
/// it among those already created, or precedes the first of them when it
/// comes before them all.
fn trigger_orders(rows: &[TriggerRow]) -> BTreeMap<(&str, &str), Order> {
    let mut groups: BTreeMap<(&str, &str, String, String), Vec<&TriggerRow>> = BTreeMap::new();
    for r in rows {
        groups
            .entry((
                &r.schema,
                &r.table,
                r.timing.to_ascii_uppercase(),
                r.event.to_ascii_uppercase(),
            ))
            .or_default()
            .push(r);
    }
    let mut out = BTreeMap::new();
    for members in groups.values_mut() {
        members.sort_by(|a, b| a.name.cmp(&b.name));
        for (i, r) in members.iter().enumerate() {
            let created = &members[..i];
            let before = created
                .iter()
                .filter(|c| c.order < r.order)
                .max_by_key(|c| c.order);
            let after = created
                .iter()
                .filter(|c| c.order > r.order)
                .min_by_key(|c| c.order);
            let order = match (before, after) {
                (Some(b), _) => Some(Order::Follows(b.name.clone())),
                (None, Some(a)) => Some(Order::Precedes(a.name.clone())),
                (None, None) => None,
            };
            if let Some(o) = order {
                out.insert((r.schema.as_str(), r.name.as_str()), o);
            }
        }
    }
    out
}

/// Routines with a CREATE statement built from the catalog (no DEFINER:
/// whoever runs the script owns them).
fn routines(
    rows: &[RoutineRow],
    params: &[ParameterRow],
    realm: &mut Realm,
) -> Vec<(String, Routine)> {
    let mut by_routine: BTreeMap<(&str, &str, &str), Vec<&ParameterRow>> = BTreeMap::new();
    for p in params {
        by_routine
            .entry((&p.schema, &p.routine, &p.routine_type))
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for r in rows {
        let kind = match r.routine_type.as_str() {
            "FUNCTION" => RoutineKind::Function,
            "PROCEDURE" => RoutineKind::Procedure,
            other => {
                unsupported(realm, &other.to_ascii_lowercase(), &r.schema, &r.name);
                continue;
            }
        };
        let Some(body) = &r.body else {
            unsupported(realm, "routine with a hidden body", &r.schema, &r.name);
            continue;
        };
        let mut ps = by_routine
            .remove(&(r.schema.as_str(), r.name.as_str(), r.routine_type.as_str()))
            .unwrap_or_default();
        ps.sort_by_key(|p| p.position);
        out.push((r.schema.clone(), routine(r, kind, body, &ps)));
    }
    out
}

fn with_charset(data_type: &str, charset: Option<&str>) -> String {
    match charset {
        Some(cs) => format!("{data_type} CHARSET {}", norm::charset_alias(cs)),
        None => data_type.to_string(),
    }
}

fn routine(r: &RoutineRow, kind: RoutineKind, body: &str, params: &[&ParameterRow]) -> Routine {
    let procedure = kind == RoutineKind::Procedure;
    let mode = |p: &ParameterRow| {
        let m = p.mode.clone().unwrap_or_else(|| "IN".into());
        if procedure {
            format!("{m} ")
        } else {
            String::new()
        }
    };
    let arguments = params
        .iter()
        .map(|p| {
            format!(
                "{}{} {}",
                mode(p),
                p.name.clone().unwrap_or_default(),
                norm::int_display_width(&p.data_type)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let declared = params
        .iter()
        .map(|p| {
            format!(
                "{}{} {}",
                mode(p),
                quote(p.name.as_deref().unwrap_or_default()),
                with_charset(&norm::int_display_width(&p.data_type), p.charset.as_deref())
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let returns = (!procedure)
        .then(|| r.returns.as_deref().map(norm::int_display_width))
        .flatten();
    let mut definition = format!("CREATE {} {}({declared})", kind.sql_word(), quote(&r.name));
    if let Some(ret) = &returns {
        definition.push_str(&format!(
            " RETURNS {}",
            with_charset(ret, r.returns_charset.as_deref())
        ));
    }
    let mut characteristics = Vec::new();
    if r.deterministic {
        characteristics.push("DETERMINISTIC".to_string());
    }
    if let Some(access) = &r.data_access
        && !access.eq_ignore_ascii_case("CONTAINS SQL")
    {
        characteristics.push(access.to_ascii_uppercase());
    }
    if r.security
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("INVOKER"))
    {
        characteristics.push("SQL SECURITY INVOKER".into());
    }
    for c in characteristics {
        definition.push_str("\n    ");
        definition.push_str(&c);
    }
    definition.push('\n');
    definition.push_str(body);
    Routine {
        name: r.name.clone(),
        kind,
        arguments,
        returns,
        language: Some("SQL".into()),
        definition,
        depends_on: Vec::new(),
        comment: norm::non_empty(r.comment.clone()),
        owner: None,
        grants: Vec::new(),
    }
}

fn event(e: &EventRow) -> Event {
    let literal = |v: &str| norm::quote_literal(v);
    let schedule = if e.event_type.eq_ignore_ascii_case("ONE TIME") {
        format!(
            "AT {}",
            literal(e.execute_at.as_deref().unwrap_or_default())
        )
    } else {
        let value = e.interval_value.clone().unwrap_or_default();
        // A number stays bare; `'1:30'` (HOUR_MINUTE) is already quoted.
        let bare = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
        let value = if bare || value.starts_with('\'') {
            value
        } else {
            literal(&value)
        };
        let mut s = format!(
            "EVERY {value} {}",
            e.interval_field.clone().unwrap_or_default()
        );
        if let Some(starts) = &e.starts {
            s.push_str(&format!(" STARTS {}", literal(starts)));
        }
        if let Some(ends) = &e.ends {
            s.push_str(&format!(" ENDS {}", literal(ends)));
        }
        s
    };
    Event {
        name: e.name.clone(),
        schedule,
        preserve: e.on_completion.eq_ignore_ascii_case("PRESERVE"),
        status: norm::event_status(&e.status),
        body: e.body.clone(),
        comment: norm::non_empty(e.comment.clone()),
    }
}

/// What a view definition can name, to record its dependencies.
struct Relations {
    tables: BTreeSet<Key>,
    views: BTreeSet<Key>,
    /// `(schema, function name)` -> routine key.
    functions: BTreeMap<Key, String>,
}

fn view(v: &ViewRow, columns: Vec<ViewColumn>, relations: &Relations) -> View {
    let mut depends_on = Vec::new();
    for r in sqltext::references(&v.definition) {
        let schema = r.schema.clone().unwrap_or_else(|| v.schema.clone());
        let key = (schema.clone(), r.name.clone());
        let found = if r.call {
            relations
                .functions
                .get(&key)
                .map(|k| ObjectRef::new(ObjectKind::Routine, &schema, k))
        } else if relations.tables.contains(&key) {
            Some(ObjectRef::new(ObjectKind::Table, &schema, &r.name))
        } else if relations.views.contains(&key) && key != (v.schema.clone(), v.name.clone()) {
            Some(ObjectRef::new(ObjectKind::View, &schema, &r.name))
        } else {
            None
        };
        depends_on.extend(found);
    }
    depends_on.sort();
    depends_on.dedup();
    let mysql = MySqlView {
        algorithm: norm::view_algorithm(v.algorithm.as_deref()),
        security: norm::view_security(v.security.as_deref()),
    };
    View {
        name: v.name.clone(),
        definition: norm::view_definition(&v.definition, &v.schema),
        materialized: false,
        columns,
        check_option: norm::check_option(v.check_option.as_deref()),
        options: Vec::new(),
        indexes: BTreeMap::new(),
        triggers: BTreeMap::new(),
        depends_on,
        comment: None,
        owner: None,
        grants: Vec::new(),
        mysql: (mysql != MySqlView::default()).then_some(mysql),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trg(name: &str, order: i64) -> TriggerRow {
        TriggerRow {
            schema: "s".into(),
            name: name.into(),
            event: "INSERT".into(),
            table: "t".into(),
            order,
            statement: "SET @x = 1".into(),
            orientation: "ROW".into(),
            timing: "BEFORE".into(),
        }
    }

    #[test]
    fn trigger_order_is_kept_when_created_by_name() {
        // Server order: b (1), a (2), c (3). Created a, b, c.
        let rows = [trg("a", 2), trg("b", 1), trg("c", 3)];
        let orders = trigger_orders(&rows);
        assert_eq!(orders.get(&("s", "a")), None);
        assert_eq!(orders.get(&("s", "b")), Some(&Order::Precedes("a".into())));
        assert_eq!(orders.get(&("s", "c")), Some(&Order::Follows("a".into())));
        // Already in name order: b follows a, c follows b.
        let rows = [trg("a", 1), trg("b", 2), trg("c", 3)];
        let orders = trigger_orders(&rows);
        assert_eq!(orders.get(&("s", "c")), Some(&Order::Follows("b".into())));
    }

    #[test]
    fn view_dependencies_and_definition() {
        let relations = Relations {
            tables: [("s".into(), "t".into())].into(),
            views: [("s".into(), "v0".into())].into(),
            functions: [(("s".into(), "f".into()), "f(a int)".into())].into(),
        };
        let row = ViewRow {
            schema: "s".into(),
            name: "v".into(),
            definition: "select `f`(`t`.`a`) AS `x` from `s`.`t` join `s`.`v0` join `o`.`z`".into(),
            check_option: Some("NONE".into()),
            security: Some("DEFINER".into()),
            algorithm: Some("UNDEFINED".into()),
        };
        let v = view(&row, Vec::new(), &relations);
        assert_eq!(
            v.definition,
            "select `f`(`t`.`a`) AS `x` from `t` join `v0` join `o`.`z`"
        );
        assert_eq!(
            v.depends_on,
            [
                ObjectRef::new(ObjectKind::Routine, "s", "f(a int)"),
                ObjectRef::new(ObjectKind::Table, "s", "t"),
                ObjectRef::new(ObjectKind::View, "s", "v0"),
            ]
        );
        assert_eq!(v.mysql, None);
        assert_eq!(v.check_option, None);
    }
}
