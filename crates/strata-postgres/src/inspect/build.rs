//! Catalog rows -> model. No I/O: everything here works on the rows the
//! queries returned, joined in memory by oid.

use super::Catalog;
use super::rows::*;
use crate::normalize;
use crate::render::{literal, qualified};
use std::collections::HashMap;
use strata_driver::DriverError;
use strata_model::{
    CheckConstraint, Collation, Column, CompositeAttribute, Dialect, DomainCheck,
    ExclusionConstraint, Extension, ForeignKey, GeneratedColumn, Identity, IdentityKind, Index,
    IndexKey, IndexPart, ObjectKind, ObjectRef, PgPartitionOf, PgTable, Policy, PrimaryKey,
    QualifiedName, Realm, Routine, RoutineKind, Rule, Schema, Sequence, SequenceOptions,
    SequenceOwner, Server, Table, Trigger, UniqueConstraint, Unsupported, UserType, UserTypeKind,
    View, ViewColumn,
};

/// Relation kinds (`pg_class.relkind`).
const TABLE: u8 = b'r';
const PARTITIONED: u8 = b'p';
const MATVIEW: u8 = b'm';

/// Everything being built, by oid, before it is placed into schemas.
#[derive(Default)]
struct Objects {
    tables: HashMap<u32, (String, Table)>,
    views: HashMap<u32, (String, View)>,
    sequences: HashMap<u32, (String, Sequence)>,
    types: HashMap<u32, (String, UserType)>,
    routines: HashMap<u32, (String, Routine)>,
    /// Column names by (relation oid, attnum).
    columns: HashMap<(u32, i16), String>,
    /// Column collation oids by (relation oid, attnum).
    column_collations: HashMap<(u32, i16), i64>,
    /// Composite type class oid -> type oid.
    composite_classes: HashMap<u32, u32>,
    /// Row type oid -> relation oid.
    row_types: HashMap<u32, u32>,
    /// Trigger oid -> (relation oid, trigger name).
    triggers: HashMap<u32, (u32, String)>,
    /// Rule oid -> (relation oid, rule name).
    rules: HashMap<u32, (u32, String)>,
    collations: HashMap<u32, (String, Collation)>,
    /// Facts the model has no place for, found while building.
    unsupported: Vec<Unsupported>,
}

/// Turns the catalog rows into a realm.
pub(crate) fn build(cat: Catalog, server: Server, privileges: bool) -> Result<Realm, DriverError> {
    let mut realm = Realm::new(Dialect::Postgres, server);
    let mut objects = Objects::default();

    for s in cat.schemas {
        let mut schema = Schema::new(&s.name);
        schema.comment = normalize::schema_comment(&s.name, s.comment);
        if privileges {
            set_privileges(&mut schema.owner, &mut schema.grants, s.owner, s.acl);
        }
        realm.schemas.insert(s.name, schema);
    }
    for e in cat.extensions {
        realm.extensions.insert(
            e.name.clone(),
            Extension {
                name: e.name,
                schema: e.schema,
                version: e.version,
                comment: e.comment,
            },
        );
    }

    relations(&mut objects, cat.relations, privileges);
    types(&mut objects, cat.types, privileges);
    let identities = sequences(&mut objects, cat.sequences, privileges);
    columns(&mut objects, cat.columns, &identities);
    constraints(&mut objects, cat.constraints)?;
    indexes(&mut objects, cat.indexes)?;
    routines(&mut objects, cat.routines, privileges);
    triggers(&mut objects, cat.triggers);
    rules(&mut objects, cat.rules);
    collations(&mut objects, cat.collations);
    policies(&mut objects, cat.policies);
    inherits(&mut objects, cat.inherits);
    depends(&mut objects, cat.depends);

    realm.unsupported = cat
        .unsupported
        .into_iter()
        .map(|u| Unsupported {
            kind: u.kind,
            schema: u.schema,
            name: u.name,
        })
        .collect();
    realm.unsupported.append(&mut objects.unsupported);
    realm.unsupported.sort();
    place(&mut realm, objects);
    Ok(realm)
}

/// Owner and grants, read only when privileges are asked for.
fn set_privileges(
    owner: &mut Option<String>,
    grants: &mut Vec<strata_model::Grant>,
    row_owner: Option<String>,
    acl: Option<Vec<String>>,
) {
    if let Some(o) = row_owner {
        *grants = normalize::grants(&acl.unwrap_or_default(), &o);
        *owner = Some(o);
    }
}

fn relations(objects: &mut Objects, rows: Vec<RelationRow>, privileges: bool) {
    for r in rows {
        objects.row_types.insert(r.type_oid, r.oid);
        match r.kind {
            TABLE | PARTITIONED => {
                let mut t = Table::new(&r.name);
                t.comment = r.comment;
                let pg = PgTable {
                    unlogged: r.unlogged,
                    partition_by: r.partition_key,
                    // The parent comes from pg_inherits (see `inherits`).
                    partition_of: r.partition_bound.map(|bound| PgPartitionOf {
                        parent: QualifiedName::new("", ""),
                        bound,
                    }),
                    inherits: Vec::new(),
                    rls_enabled: r.rls_enabled,
                    rls_forced: r.rls_forced,
                    options: normalize::sorted_options(r.options),
                };
                t.postgres = (pg != PgTable::default()).then_some(pg);
                if privileges {
                    set_privileges(&mut t.owner, &mut t.grants, r.owner, r.acl);
                }
                objects.tables.insert(r.oid, (r.schema, t));
            }
            _ => {
                let (check_option, options) = normalize::view_options(r.options);
                let mut v = View {
                    name: r.name,
                    definition: normalize::view_definition(
                        r.view_definition.as_deref().unwrap_or_default(),
                    ),
                    materialized: r.kind == MATVIEW,
                    check_option,
                    options,
                    comment: r.comment,
                    ..View::default()
                };
                if privileges {
                    set_privileges(&mut v.owner, &mut v.grants, r.owner, r.acl);
                }
                objects.views.insert(r.oid, (r.schema, v));
            }
        }
    }
}

/// Reads sequences; returns the options of identity columns' internal
/// sequences by (table oid, attnum), which are not objects of their own.
fn sequences(
    objects: &mut Objects,
    rows: Vec<SequenceRow>,
    privileges: bool,
) -> HashMap<(u32, i16), SequenceOptions> {
    let mut identities = HashMap::new();
    for s in rows {
        let options = SequenceOptions {
            data_type: s.data_type,
            start: s.start,
            increment: s.increment,
            min_value: s.min_value,
            max_value: s.max_value,
            cache: s.cache,
            cycle: s.cycle,
        };
        if s.owner_kind == Some(b'i') {
            if let (Some(table), Some(num)) = (s.owner_oid, s.owner_column_num) {
                identities.insert((table, num as i16), options);
            }
            continue;
        }
        let owned_by = match (s.owner_kind, s.owner_table, s.owner_column) {
            (Some(b'a'), Some(table), Some(column)) => Some(SequenceOwner { table, column }),
            _ => None,
        };
        let mut seq = Sequence {
            name: s.name,
            options,
            owned_by,
            comment: s.comment,
            owner: None,
            grants: Vec::new(),
        };
        if privileges {
            set_privileges(&mut seq.owner, &mut seq.grants, s.owner, s.acl);
        }
        objects.sequences.insert(s.oid, (s.schema, seq));
    }
    identities
}

fn columns(
    objects: &mut Objects,
    rows: Vec<ColumnRow>,
    identities: &HashMap<(u32, i16), SequenceOptions>,
) {
    for c in rows {
        objects
            .columns
            .insert((c.relation_oid, c.num), c.name.clone());
        objects
            .column_collations
            .insert((c.relation_oid, c.num), c.collation_oid);
        if let Some((_, t)) = objects.tables.get_mut(&c.relation_oid) {
            let identity = match c.identity {
                b'a' => Some(IdentityKind::Always),
                b'd' => Some(IdentityKind::ByDefault),
                _ => None,
            }
            .map(|kind| Identity {
                kind,
                sequence: identities.get(&(c.relation_oid, c.num)).cloned(),
            });
            let (default, generated) = match c.generated {
                b's' => (
                    None,
                    c.default_expr.map(|expression| GeneratedColumn {
                        expression,
                        stored: true,
                    }),
                ),
                _ => (c.default_expr, None),
            };
            t.columns.push(Column {
                name: c.name,
                data_type: c.data_type,
                nullable: !c.not_null,
                default,
                identity,
                generated,
                collation: c.collation,
                comment: c.comment,
                mysql: None,
            });
        } else if let Some((_, v)) = objects.views.get_mut(&c.relation_oid) {
            v.columns.push(ViewColumn {
                name: c.name,
                data_type: c.data_type,
                nullable: !c.not_null,
                comment: c.comment,
            });
        } else if let Some(type_oid) = objects.composite_classes.get(&c.relation_oid)
            && let Some((_, ty)) = objects.types.get_mut(type_oid)
            && let UserTypeKind::Composite { attributes } = &mut ty.kind
        {
            attributes.push(CompositeAttribute {
                name: c.name,
                data_type: c.data_type,
                collation: c.collation,
            });
        }
    }
}

/// Column names for attnums of a relation.
fn names(objects: &Objects, relation: u32, nums: &[i16]) -> Result<Vec<String>, DriverError> {
    nums.iter()
        .map(|n| {
            objects
                .columns
                .get(&(relation, *n))
                .cloned()
                .ok_or_else(|| DriverError::Decode {
                    context: "constraints".into(),
                    detail: format!("relation {relation} has no column {n}"),
                })
        })
        .collect()
}

fn constraints(objects: &mut Objects, rows: Vec<ConstraintRow>) -> Result<(), DriverError> {
    for c in rows {
        if c.type_oid != 0 {
            if let Some((_, ty)) = objects.types.get_mut(&c.type_oid)
                && let UserTypeKind::Domain { checks, .. } = &mut ty.kind
            {
                checks.push(DomainCheck {
                    name: c.name,
                    expression: normalize::constraint_body(
                        c.definition.as_deref().unwrap_or_default(),
                    ),
                    not_valid: !c.validated,
                });
            }
            continue;
        }
        if !objects.tables.contains_key(&c.relation_oid) {
            continue;
        }
        // Index-backed constraints list key columns first, then INCLUDE ones.
        let index_cols = c.index_columns.clone().unwrap_or_default();
        let keys = c.key_count.unwrap_or(0).max(0) as usize;
        let (key_nums, include_nums) = index_cols.split_at(keys.min(index_cols.len()));
        let key_names = names(objects, c.relation_oid, key_nums)?;
        let include = names(objects, c.relation_oid, include_nums)?;
        let con_names = names(
            objects,
            c.relation_oid,
            c.columns.as_deref().unwrap_or_default(),
        )?;
        let Some((schema, t)) = objects.tables.get_mut(&c.relation_oid) else {
            continue;
        };
        match c.kind {
            b'p' => {
                // The model's primary key has no INCLUDE columns: say so
                // rather than lose them quietly.
                if !include.is_empty() {
                    objects.unsupported.push(Unsupported {
                        kind: "primary key option".into(),
                        schema: schema.clone(),
                        name: format!("{}.{} INCLUDE ({})", t.name, c.name, include.join(", ")),
                    });
                }
                t.primary_key = Some(PrimaryKey {
                    name: Some(c.name),
                    columns: key_names,
                    deferrable: c.deferrable,
                    initially_deferred: c.deferred,
                    comment: c.comment,
                })
            }
            b'u' => t.uniques.push(UniqueConstraint {
                name: Some(c.name),
                columns: key_names,
                nulls_not_distinct: c.nulls_not_distinct.unwrap_or(false),
                deferrable: c.deferrable,
                initially_deferred: c.deferred,
                include,
                comment: c.comment,
            }),
            b'f' => t.foreign_keys.push(ForeignKey {
                name: Some(c.name),
                columns: con_names,
                references: QualifiedName::new(
                    c.ref_schema.unwrap_or_default(),
                    c.ref_table.unwrap_or_default(),
                ),
                referenced_columns: c.ref_columns.unwrap_or_default(),
                on_update: normalize::fk_action(c.on_update),
                on_delete: normalize::fk_action(c.on_delete),
                match_type: normalize::match_type(c.match_type),
                deferrable: c.deferrable,
                initially_deferred: c.deferred,
                not_valid: !c.validated,
                comment: c.comment,
            }),
            b'c' => t.checks.push(CheckConstraint {
                name: Some(c.name),
                expression: c.expression.unwrap_or_default(),
                not_valid: !c.validated,
                no_inherit: c.no_inherit,
                comment: c.comment,
            }),
            b'x' => t.exclusions.push(ExclusionConstraint {
                name: c.name,
                definition: normalize::constraint_body(c.definition.as_deref().unwrap_or_default()),
                deferrable: c.deferrable,
                initially_deferred: c.deferred,
                comment: c.comment,
            }),
            _ => {}
        }
    }
    Ok(())
}

fn indexes(objects: &mut Objects, rows: Vec<IndexRow>) -> Result<(), DriverError> {
    for i in rows {
        let keys = (i.key_count.max(0) as usize).min(i.columns.len());
        let at = |list: &Option<Vec<Option<String>>>, k: usize| {
            list.as_ref().and_then(|l| l.get(k).cloned().flatten())
        };
        let mut parts = Vec::with_capacity(keys);
        for (k, num) in i.columns[..keys].iter().enumerate() {
            let key = if *num == 0 {
                IndexKey::Expression(at(&i.expressions, k).ok_or_else(|| DriverError::Decode {
                    context: "indexes".into(),
                    detail: format!("index {} has no expression for key {}", i.name, k + 1),
                })?)
            } else {
                IndexKey::Column(names(objects, i.relation_oid, &[*num])?.remove(0))
            };
            let (descending, nulls) = normalize::index_order(i.flags.get(k).copied().unwrap_or(0));
            let key_collation = i
                .collation_oids
                .as_ref()
                .and_then(|c| c.get(k).copied())
                .unwrap_or(0);
            let own_collation = if *num == 0 {
                normalize::DEFAULT_COLLATION_OID
            } else {
                objects
                    .column_collations
                    .get(&(i.relation_oid, *num))
                    .copied()
                    .unwrap_or(0)
            };
            parts.push(IndexPart {
                key,
                descending,
                nulls,
                opclass: at(&i.opclasses, k),
                collation: normalize::index_collation(key_collation, own_collation)
                    .and_then(|_| at(&i.collations, k)),
                prefix_length: None,
            });
        }
        let index = Index {
            name: i.name.clone(),
            unique: i.is_unique,
            parts,
            include: names(objects, i.relation_oid, &i.columns[keys..])?,
            predicate: i.predicate,
            method: (i.method != "btree").then_some(i.method),
            nulls_not_distinct: i.nulls_not_distinct,
            options: normalize::sorted_options(i.options),
            comment: i.comment,
        };
        if let Some((_, t)) = objects.tables.get_mut(&i.relation_oid) {
            t.indexes.insert(i.name, index);
        } else if let Some((_, v)) = objects.views.get_mut(&i.relation_oid) {
            v.indexes.insert(i.name, index);
        }
    }
    Ok(())
}

fn types(objects: &mut Objects, rows: Vec<TypeRow>, privileges: bool) {
    for t in rows {
        let kind = match t.kind {
            b'e' => UserTypeKind::Enum {
                values: t.enum_labels.unwrap_or_default(),
            },
            b'd' => UserTypeKind::Domain {
                base_type: t.base_type.unwrap_or_default(),
                nullable: !t.not_null,
                default: t.default_expr,
                collation: t.collation,
                checks: Vec::new(),
            },
            b'r' => UserTypeKind::Range {
                subtype: t.range_subtype.clone().unwrap_or_default(),
                options: range_options(&t),
            },
            _ => {
                objects.composite_classes.insert(t.class_oid, t.oid);
                UserTypeKind::Composite {
                    attributes: Vec::new(),
                }
            }
        };
        let mut ty = UserType {
            name: t.name,
            kind,
            comment: t.comment,
            owner: None,
            grants: Vec::new(),
            depends_on: Vec::new(),
        };
        if privileges {
            set_privileges(&mut ty.owner, &mut ty.grants, t.owner, t.acl);
        }
        objects.types.insert(t.oid, (t.schema, ty));
    }
}

/// `CREATE TYPE … AS RANGE` options other than the subtype, when they are
/// not what PostgreSQL would choose by itself.
fn range_options(t: &TypeRow) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(o) = &t.range_opclass {
        out.push(format!("SUBTYPE_OPCLASS = {o}"));
    }
    if let Some(c) = &t.range_collation {
        out.push(format!("COLLATION = {c}"));
    }
    if let Some(f) = &t.range_canonical {
        out.push(format!("CANONICAL = {f}"));
    }
    if let Some(f) = &t.range_subdiff {
        out.push(format!("SUBTYPE_DIFF = {f}"));
    }
    if let (Some(name), Some(schema)) = (&t.multirange_name, &t.multirange_schema)
        && (name != &normalize::default_multirange_name(&t.name) || schema != &t.schema)
    {
        out.push(format!(
            "MULTIRANGE_TYPE_NAME = {}",
            qualified(schema, name)
        ));
    }
    out
}

fn routines(objects: &mut Objects, rows: Vec<RoutineRow>, privileges: bool) {
    for r in rows {
        let kind = match r.kind {
            b'p' => RoutineKind::Procedure,
            b'a' => RoutineKind::Aggregate,
            _ => RoutineKind::Function,
        };
        let (definition, language) = match kind {
            RoutineKind::Aggregate => (aggregate_definition(&r), None),
            _ => (
                normalize::routine_definition(r.definition.as_deref().unwrap_or_default()),
                Some(r.language.clone()),
            ),
        };
        let mut routine = Routine {
            name: r.name,
            kind,
            arguments: r.arguments,
            returns: r.returns,
            language,
            definition,
            depends_on: Vec::new(),
            comment: r.comment,
            owner: None,
            grants: Vec::new(),
        };
        if privileges {
            set_privileges(&mut routine.owner, &mut routine.grants, r.owner, r.acl);
        }
        objects.routines.insert(r.oid, (r.schema, routine));
    }
}

/// `CREATE OR REPLACE AGGREGATE` from `pg_aggregate`, naming only what is
/// not PostgreSQL's default (as pg_dump does).
fn aggregate_definition(r: &RoutineRow) -> String {
    let normal = r.aggregate_kind.unwrap_or(b'n') == b'n';
    // A final function may modify the state of an ordered-set aggregate
    // unless told otherwise, but not that of a normal one.
    let default_modify = if normal { b'r' } else { b'w' };
    let modify = |code: u8| match code {
        b's' => "SHAREABLE",
        b'w' => "READ_WRITE",
        _ => "READ_ONLY",
    };
    let mut o = Vec::new();
    let mut push = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            o.push(format!("{key} = {v}"));
        }
    };
    push("SFUNC", &r.transition_function);
    push("STYPE", &r.state_type);
    push(
        "SSPACE",
        &r.state_space.filter(|s| *s > 0).map(|s| s.to_string()),
    );
    push("FINALFUNC", &r.final_function);
    if r.final_function.is_some() {
        if r.final_extra == Some(true) {
            o.push("FINALFUNC_EXTRA".into());
        }
        if let Some(m) = r.final_modify.filter(|m| *m != default_modify) {
            o.push(format!("FINALFUNC_MODIFY = {}", modify(m)));
        }
    }
    let mut push = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            o.push(format!("{key} = {v}"));
        }
    };
    push("COMBINEFUNC", &r.combine_function);
    push("SERIALFUNC", &r.serial_function);
    push("DESERIALFUNC", &r.deserial_function);
    push("INITCOND", &r.initial_value.as_deref().map(literal));
    push("MSFUNC", &r.moving_transition_function);
    push("MINVFUNC", &r.moving_inverse_function);
    push("MSTYPE", &r.moving_state_type);
    push(
        "MSSPACE",
        &r.moving_state_space
            .filter(|s| *s > 0)
            .map(|s| s.to_string()),
    );
    push("MFINALFUNC", &r.moving_final_function);
    if r.moving_final_function.is_some() {
        if r.moving_final_extra == Some(true) {
            o.push("MFINALFUNC_EXTRA".into());
        }
        if let Some(m) = r.moving_final_modify.filter(|m| *m != default_modify) {
            o.push(format!("MFINALFUNC_MODIFY = {}", modify(m)));
        }
    }
    let mut push = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            o.push(format!("{key} = {v}"));
        }
    };
    push("MINITCOND", &r.moving_initial_value.as_deref().map(literal));
    push("SORTOP", &r.sort_operator);
    match r.parallel {
        b's' => o.push("PARALLEL = SAFE".into()),
        b'r' => o.push("PARALLEL = RESTRICTED".into()),
        _ => {}
    }
    if r.aggregate_kind == Some(b'h') {
        o.push("HYPOTHETICAL".into());
    }
    let args = match r.aggregate_arguments.as_deref() {
        None | Some("") => "*",
        Some(a) => a,
    };
    format!(
        "CREATE OR REPLACE AGGREGATE {}({args}) (\n    {}\n)",
        qualified(&r.schema, &r.name),
        o.join(",\n    ")
    )
}

fn triggers(objects: &mut Objects, rows: Vec<TriggerRow>) {
    for t in rows {
        let columns: Vec<String> = t
            .columns
            .iter()
            .filter_map(|n| objects.columns.get(&(t.relation_oid, *n)).cloned())
            .collect();
        let (timing, events, for_each_row) = normalize::trigger_events(t.type_flags, &columns);
        let trigger = Trigger {
            name: t.name.clone(),
            timing,
            events,
            for_each_row,
            definition: t.definition,
            enabled: normalize::trigger_enabled(t.enabled),
            depends_on: Vec::new(),
            comment: t.comment,
        };
        objects
            .triggers
            .insert(t.oid, (t.relation_oid, t.name.clone()));
        if let Some((_, table)) = objects.tables.get_mut(&t.relation_oid) {
            table.triggers.insert(t.name, trigger);
        } else if let Some((_, view)) = objects.views.get_mut(&t.relation_oid) {
            view.triggers.insert(t.name, trigger);
        }
    }
}

fn rules(objects: &mut Objects, rows: Vec<RuleRow>) {
    for r in rows {
        if let Some((_, t)) = objects.tables.get_mut(&r.relation_oid) {
            objects
                .rules
                .insert(r.oid, (r.relation_oid, r.name.clone()));
            t.rules.insert(
                r.name.clone(),
                Rule {
                    name: r.name,
                    // pg_get_ruledef ends the statement with `;`, which
                    // no other definition in the model carries.
                    definition: r.definition.trim_end().trim_end_matches(';').to_string(),
                    depends_on: Vec::new(),
                    comment: r.comment,
                },
            );
        }
    }
}

fn collations(objects: &mut Objects, rows: Vec<CollationRow>) {
    for c in rows {
        let provider = match c.provider {
            b'i' => "icu",
            b'b' => "builtin",
            // 'c' (libc); 'd' (database default) is never a user collation.
            _ => "libc",
        };
        let collation = Collation {
            name: c.name,
            provider: provider.into(),
            locale: c.locale,
            lc_collate: c.lc_collate,
            lc_ctype: c.lc_ctype,
            deterministic: c.deterministic,
            comment: c.comment,
        };
        objects.collations.insert(c.oid, (c.schema, collation));
    }
}

fn policies(objects: &mut Objects, rows: Vec<PolicyRow>) {
    for p in rows {
        if let Some((_, t)) = objects.tables.get_mut(&p.relation_oid) {
            let mut roles = p.roles;
            roles.sort();
            t.policies.insert(
                p.name.clone(),
                Policy {
                    name: p.name,
                    command: normalize::policy_command(p.command),
                    permissive: p.permissive,
                    roles,
                    using: p.using_expr,
                    with_check: p.check_expr,
                    comment: p.comment,
                },
            );
        }
    }
}

/// Partition parents and inheritance parents; both are also dependencies.
fn inherits(objects: &mut Objects, rows: Vec<InheritRow>) {
    for i in rows {
        let Some((_, t)) = objects.tables.get_mut(&i.relation_oid) else {
            continue;
        };
        let parent = QualifiedName::new(&i.parent_schema, &i.parent_name);
        t.depends_on.push(ObjectRef::new(
            ObjectKind::Table,
            &i.parent_schema,
            &i.parent_name,
        ));
        let pg = t.postgres.get_or_insert_with(PgTable::default);
        match &mut pg.partition_of {
            Some(p) => p.parent = parent,
            None => pg.inherits.push(parent),
        }
    }
}

/// The reference an object is known by to the rest of the model.
fn class_ref(objects: &Objects, oid: u32) -> Option<ObjectRef> {
    if let Some((s, t)) = objects.tables.get(&oid) {
        return Some(ObjectRef::new(ObjectKind::Table, s, &t.name));
    }
    if let Some((s, v)) = objects.views.get(&oid) {
        return Some(ObjectRef::new(ObjectKind::View, s, &v.name));
    }
    if let Some((s, q)) = objects.sequences.get(&oid) {
        return Some(ObjectRef::new(ObjectKind::Sequence, s, &q.name));
    }
    let ty = objects.composite_classes.get(&oid)?;
    type_ref(objects, *ty)
}

fn type_ref(objects: &Objects, oid: u32) -> Option<ObjectRef> {
    if let Some((s, t)) = objects.types.get(&oid) {
        return Some(ObjectRef::new(ObjectKind::Type, s, &t.name));
    }
    // A table's or view's row type stands for the relation itself.
    let rel = objects.row_types.get(&oid)?;
    class_ref(objects, *rel)
}

fn proc_ref(objects: &Objects, oid: u32) -> Option<ObjectRef> {
    let (s, r) = objects.routines.get(&oid)?;
    Some(ObjectRef::new(ObjectKind::Routine, s, r.key()))
}

fn depends(objects: &mut Objects, rows: Vec<DependRow>) {
    for d in rows {
        let referenced = match (&d.referenced_extension, d.referenced_kind.as_str()) {
            (Some(ext), _) => Some(ObjectRef::new(ObjectKind::Extension, "", ext)),
            (None, "class") => class_ref(objects, d.referenced_oid),
            (None, "type") => type_ref(objects, d.referenced_oid),
            (None, "collation") => objects
                .collations
                .get(&d.referenced_oid)
                .map(|(s, c)| ObjectRef::new(ObjectKind::Collation, s, &c.name)),
            (None, _) => proc_ref(objects, d.referenced_oid),
        };
        let Some(referenced) = referenced else {
            continue;
        };
        let list = match d.dependent_kind.as_str() {
            "class" => {
                let me = class_ref(objects, d.dependent_oid);
                if me.as_ref() == Some(&referenced) {
                    continue;
                }
                if let Some((_, t)) = objects.tables.get_mut(&d.dependent_oid) {
                    &mut t.depends_on
                } else if let Some((_, v)) = objects.views.get_mut(&d.dependent_oid) {
                    &mut v.depends_on
                } else if let Some(ty) = objects.composite_classes.get(&d.dependent_oid).copied()
                    && let Some((_, t)) = objects.types.get_mut(&ty)
                {
                    &mut t.depends_on
                } else {
                    continue;
                }
            }
            "type" => {
                if type_ref(objects, d.dependent_oid).as_ref() == Some(&referenced) {
                    continue;
                }
                match objects.types.get_mut(&d.dependent_oid) {
                    Some((_, t)) => &mut t.depends_on,
                    None => continue,
                }
            }
            "proc" => {
                if proc_ref(objects, d.dependent_oid).as_ref() == Some(&referenced) {
                    continue;
                }
                match objects.routines.get_mut(&d.dependent_oid) {
                    Some((_, r)) => &mut r.depends_on,
                    None => continue,
                }
            }
            "rule" => {
                let Some((rel, name)) = objects.rules.get(&d.dependent_oid).cloned() else {
                    continue;
                };
                // The rule's own table is where it lives, not a dependency.
                if class_ref(objects, rel).as_ref() == Some(&referenced) {
                    continue;
                }
                match objects
                    .tables
                    .get_mut(&rel)
                    .and_then(|(_, t)| t.rules.get_mut(&name))
                {
                    Some(r) => &mut r.depends_on,
                    None => continue,
                }
            }
            _ => {
                let Some((rel, name)) = objects.triggers.get(&d.dependent_oid).cloned() else {
                    continue;
                };
                // A WHEN clause reads the trigger's own table: not a dependency.
                if class_ref(objects, rel).as_ref() == Some(&referenced) {
                    continue;
                }
                let trigger = if let Some((_, t)) = objects.tables.get_mut(&rel) {
                    t.triggers.get_mut(&name)
                } else if let Some((_, v)) = objects.views.get_mut(&rel) {
                    v.triggers.get_mut(&name)
                } else {
                    None
                };
                match trigger {
                    Some(t) => &mut t.depends_on,
                    None => continue,
                }
            }
        };
        list.push(referenced);
    }
}

fn sorted(mut refs: Vec<ObjectRef>) -> Vec<ObjectRef> {
    refs.sort();
    refs.dedup();
    refs
}

/// Puts every object into its schema, in canonical order.
fn place(realm: &mut Realm, objects: Objects) {
    let schemas = &mut realm.schemas;
    fn entry<'a>(
        schemas: &'a mut std::collections::BTreeMap<String, Schema>,
        name: &str,
    ) -> &'a mut Schema {
        schemas
            .entry(name.to_string())
            .or_insert_with(|| Schema::new(name))
    }
    for (_, (s, mut t)) in objects.tables {
        for trg in t.triggers.values_mut() {
            trg.depends_on = sorted(std::mem::take(&mut trg.depends_on));
        }
        for rule in t.rules.values_mut() {
            rule.depends_on = sorted(std::mem::take(&mut rule.depends_on));
        }
        t.sort();
        entry(schemas, &s).tables.insert(t.name.clone(), t);
    }
    for (_, (s, mut v)) in objects.views {
        v.depends_on = sorted(v.depends_on);
        for trg in v.triggers.values_mut() {
            trg.depends_on = sorted(std::mem::take(&mut trg.depends_on));
        }
        v.grants.sort();
        entry(schemas, &s).views.insert(v.name.clone(), v);
    }
    for (_, (s, c)) in objects.collations {
        entry(schemas, &s).collations.insert(c.name.clone(), c);
    }
    for (_, (s, q)) in objects.sequences {
        entry(schemas, &s).sequences.insert(q.name.clone(), q);
    }
    for (_, (s, mut t)) in objects.types {
        t.depends_on = sorted(t.depends_on);
        if let UserTypeKind::Domain { checks, .. } = &mut t.kind {
            checks.sort_by(|a, b| a.name.cmp(&b.name));
        }
        entry(schemas, &s).types.insert(t.name.clone(), t);
    }
    for (_, (s, mut r)) in objects.routines {
        r.depends_on = sorted(r.depends_on);
        entry(schemas, &s).routines.insert(r.key(), r);
    }
}
