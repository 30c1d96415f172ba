//! Pure tests of the differ and planner on hand-built models, with a dialect
//! that renders each change as its description.

use strata_diff::plan::describe;
use strata_diff::{Change, DiffOptions, SqlDialect, create_script, diff, plan};
use strata_model::change::TableChange;
use strata_model::*;

struct Words;

impl SqlDialect for Words {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }
    fn render(&self, change: &Change) -> Result<Vec<String>, strata_diff::RenderError> {
        Ok(vec![describe(change)])
    }
    fn quote(&self, ident: &str) -> String {
        format!("\"{ident}\"")
    }
    fn builtin_schemas(&self) -> &'static [&'static str] {
        &["public"]
    }
    fn is_narrowing(&self, from: &Column, to: &Column) -> bool {
        !(from.data_type == "integer" && to.data_type == "bigint")
    }
}

fn realm() -> Realm {
    let mut r = Realm::new(Dialect::Postgres, Server::default());
    r.schemas.insert("public".into(), Schema::new("public"));
    r
}

fn table(name: &str, cols: &[(&str, &str)]) -> Table {
    let mut t = Table::new(name);
    t.columns = cols
        .iter()
        .map(|(n, ty)| Column::new(*n, *ty, true))
        .collect();
    t.primary_key = Some(PrimaryKey {
        name: Some(format!("{name}_pkey")),
        columns: vec![cols[0].0.into()],
        deferrable: false,
        initially_deferred: false,
        comment: None,
    });
    t
}

fn fk(col: &str, target: &str) -> ForeignKey {
    ForeignKey {
        name: Some(format!("fk_{col}")),
        columns: vec![col.into()],
        references: QualifiedName::new("public", target),
        referenced_columns: vec!["id".into()],
        on_update: FkAction::NoAction,
        on_delete: FkAction::Cascade,
        match_type: MatchType::Simple,
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
        comment: None,
    }
}

fn view(name: &str, reads: &[(ObjectKind, &str)]) -> View {
    View {
        name: name.into(),
        definition: format!("SELECT * FROM {}", reads[0].1),
        depends_on: reads
            .iter()
            .map(|(k, n)| ObjectRef::new(*k, "public", *n))
            .collect(),
        ..View::default()
    }
}

fn position(script: &[String], needle: &str) -> usize {
    script
        .iter()
        .position(|s| s == needle)
        .unwrap_or_else(|| panic!("'{needle}' not in {script:#?}"))
}

#[test]
fn foreign_key_cycles_are_added_after_both_tables() {
    let mut r = realm();
    let mut a = table("a", &[("id", "integer"), ("b_id", "integer")]);
    a.foreign_keys.push(fk("b_id", "b"));
    let mut b = table("b", &[("id", "integer"), ("a_id", "integer")]);
    b.foreign_keys.push(fk("a_id", "a"));
    let s = r.schemas.get_mut("public").unwrap();
    s.tables.insert("a".into(), a);
    s.tables.insert("b".into(), b);
    let script = create_script(&r, &Words).unwrap();
    assert_eq!(
        script,
        [
            "create table public.a",
            "create table public.b",
            "alter table public.a",
            "alter table public.b"
        ]
    );
}

#[test]
fn functions_before_tables_that_use_them_and_views_after_what_they_read() {
    let mut r = realm();
    let f = Routine {
        name: "next_code".into(),
        kind: RoutineKind::Function,
        arguments: String::new(),
        returns: Some("text".into()),
        language: Some("sql".into()),
        definition: "CREATE FUNCTION …".into(),
        depends_on: vec![],
        comment: None,
        owner: None,
        grants: vec![],
    };
    // A function whose result type is a table's row type comes after it.
    let g = Routine {
        name: "all_items".into(),
        returns: Some("SETOF public.item".into()),
        depends_on: vec![ObjectRef::new(ObjectKind::Table, "public", "item")],
        ..f.clone()
    };
    let mut item = table("item", &[("id", "integer"), ("code", "text")]);
    item.depends_on
        .push(ObjectRef::new(ObjectKind::Routine, "public", f.key()));
    let s = r.schemas.get_mut("public").unwrap();
    s.routines.insert(f.key(), f);
    s.routines.insert(g.key(), g);
    s.tables.insert("item".into(), item);
    s.views
        .insert("v2".into(), view("v2", &[(ObjectKind::View, "v1")]));
    s.views
        .insert("v1".into(), view("v1", &[(ObjectKind::Table, "item")]));
    let script = create_script(&r, &Words).unwrap();
    assert!(
        position(&script, "create function public.next_code")
            < position(&script, "create table public.item")
    );
    assert!(
        position(&script, "create table public.item")
            < position(&script, "create function public.all_items")
    );
    assert!(
        position(&script, "create view public.v1") < position(&script, "create view public.v2")
    );
}

#[test]
fn views_reading_a_retyped_column_are_recreated_around_the_change() {
    let mut a = realm();
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert(
        "t".into(),
        table("t", &[("id", "integer"), ("x", "integer")]),
    );
    s.views
        .insert("v1".into(), view("v1", &[(ObjectKind::Table, "t")]));
    s.views
        .insert("v2".into(), view("v2", &[(ObjectKind::View, "v1")]));
    s.views.insert(
        "other".into(),
        view("other", &[(ObjectKind::Table, "elsewhere")]),
    );
    let mut b = a.clone();
    b.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("t")
        .unwrap()
        .columns[1]
        .data_type = "bigint".into();
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    let p = plan(changes, &a, &b, &Words).unwrap();
    let script = p.render(&Words).unwrap();
    assert_eq!(
        script,
        [
            "drop view public.v2",
            "drop view public.v1",
            "alter table public.t",
            "create view public.v1",
            "create view public.v2"
        ]
    );
    // Recreating a view around a change loses nothing; widening a type neither.
    assert!(p.destructive().next().is_none(), "{:?}", p.steps);
}

#[test]
fn drops_are_destructive_and_say_why() {
    let mut a = realm();
    let s = a.schemas.get_mut("public").unwrap();
    s.tables
        .insert("t".into(), table("t", &[("id", "integer"), ("x", "text")]));
    s.tables
        .insert("gone".into(), table("gone", &[("id", "integer")]));
    let mut b = a.clone();
    let s = b.schemas.get_mut("public").unwrap();
    s.tables.remove("gone");
    let t = s.tables.get_mut("t").unwrap();
    t.columns.pop();
    t.columns[0].nullable = false;
    let p = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap();
    let reasons: Vec<_> = p
        .destructive()
        .filter_map(|s| s.destructive.clone())
        .collect();
    assert_eq!(
        reasons,
        [
            "drops table public.gone and its rows",
            "drops column public.t.x; makes public.t.id NOT NULL"
        ]
    );
}

#[test]
fn dropping_tables_that_reference_each_other_drops_the_keys_first() {
    let mut a = realm();
    let mut x = table("x", &[("id", "integer"), ("y_id", "integer")]);
    x.foreign_keys.push(fk("y_id", "y"));
    let mut y = table("y", &[("id", "integer"), ("x_id", "integer")]);
    y.foreign_keys.push(fk("x_id", "x"));
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("x".into(), x);
    s.tables.insert("y".into(), y);
    let b = realm();
    let script = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap()
    .render(&Words)
    .unwrap();
    assert_eq!(
        script,
        [
            "alter table public.x",
            "alter table public.y",
            "drop table public.x",
            "drop table public.y"
        ]
    );
}

#[test]
fn enum_values_are_added_in_place_and_removal_recreates_the_type() {
    let mut a = realm();
    a.schemas.get_mut("public").unwrap().types.insert(
        "mood".into(),
        UserType {
            name: "mood".into(),
            kind: UserTypeKind::Enum {
                values: vec!["sad".into(), "happy".into()],
            },
            comment: None,
            owner: None,
            grants: vec![],
            depends_on: vec![],
        },
    );
    let mut b = a.clone();
    let set = |r: &mut Realm, v: &[&str]| {
        r.schemas
            .get_mut("public")
            .unwrap()
            .types
            .get_mut("mood")
            .unwrap()
            .kind = UserTypeKind::Enum {
            values: v.iter().map(|s| s.to_string()).collect(),
        };
    };
    set(&mut b, &["sad", "ok", "happy", "ecstatic"]);
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    let adds: Vec<_> = changes
        .iter()
        .map(|c| match c {
            Change::AlterType {
                change: strata_model::change::TypeChange::AddEnumValue { value, after, .. },
                ..
            } => format!("{value} after {}", after.clone().unwrap_or_default()),
            other => describe(other),
        })
        .collect();
    assert_eq!(adds, ["ok after sad", "ecstatic after happy"]);

    set(&mut b, &["happy"]);
    let p = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap();
    assert_eq!(p.destructive().count(), 1);
}

#[test]
fn renames_are_only_made_when_asked() {
    let mut a = realm();
    a.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .insert("old".into(), table("old", &[("id", "integer")]));
    let mut b = realm();
    b.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .insert("new".into(), table("new", &[("id", "integer")]));
    let plain = diff(&a, &b, &Words, &DiffOptions::default());
    assert!(plain.iter().any(|c| matches!(c, Change::DropTable { .. })));
    let options = DiffOptions {
        renames: vec![strata_diff::differ::Rename::Table {
            schema: "public".into(),
            from: "old".into(),
            to: "new".into(),
        }],
        privileges: false,
    };
    let renamed = diff(&a, &b, &Words, &options);
    // The renamed table keeps its primary key name from before; only that differs.
    assert!(
        matches!(renamed[0], Change::RenameTable { .. }),
        "{renamed:?}"
    );
    assert!(
        !renamed
            .iter()
            .any(|c| matches!(c, Change::DropTable { .. }))
    );
    let _ = TableChange::SetComment { comment: None };
}

/// A dialect that rebuilds tables for every column change (as SQLite does)
/// and, through the table-level hook, for a new column order.
struct Rebuilds;

impl SqlDialect for Rebuilds {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }
    fn render(&self, change: &Change) -> Result<Vec<String>, strata_diff::RenderError> {
        Ok(vec![describe(change)])
    }
    fn quote(&self, ident: &str) -> String {
        format!("\"{ident}\"")
    }
    fn builtin_schemas(&self) -> &'static [&'static str] {
        &["public"]
    }
    fn can_add_foreign_key(&self) -> bool {
        false
    }
    fn needs_rebuild(&self, change: &TableChange) -> bool {
        matches!(change, TableChange::AlterColumn { .. })
    }
    fn table_needs_rebuild(&self, from: &Table, to: &Table, changes: &[TableChange]) -> bool {
        let order = |t: &Table| {
            t.columns
                .iter()
                .map(|c| c.name.clone())
                .filter(|n| from.column(n).is_some() && to.column(n).is_some())
                .collect::<Vec<_>>()
        };
        order(from) != order(to) || changes.iter().any(|c| self.needs_rebuild(c))
    }
}

fn rename_x_to_y() -> DiffOptions {
    DiffOptions {
        renames: vec![strata_diff::differ::Rename::Column {
            table: QualifiedName::new("public", "t"),
            from: "x".into(),
            to: "y".into(),
        }],
        privileges: false,
    }
}

fn renamed_and_retyped() -> (Realm, Realm) {
    let mut a = realm();
    a.schemas.get_mut("public").unwrap().tables.insert(
        "t".into(),
        table("t", &[("id", "integer"), ("x", "integer")]),
    );
    let mut b = realm();
    b.schemas.get_mut("public").unwrap().tables.insert(
        "t".into(),
        table("t", &[("id", "bigint"), ("y", "integer")]),
    );
    (a, b)
}

#[test]
fn a_column_rename_runs_before_other_changes_to_its_table() {
    let (a, b) = renamed_and_retyped();
    let changes = diff(&a, &b, &Words, &rename_x_to_y());
    let script = plan(changes, &a, &b, &Words)
        .unwrap()
        .render(&Words)
        .unwrap();
    assert_eq!(script, ["alter table public.t", "alter table public.t"]);
}

#[test]
fn a_rebuild_runs_after_a_column_rename_of_its_table() {
    let (a, b) = renamed_and_retyped();
    let changes = diff(&a, &b, &Rebuilds, &rename_x_to_y());
    let script = plan(changes, &a, &b, &Rebuilds)
        .unwrap()
        .render(&Rebuilds)
        .unwrap();
    // The rebuild copies column y, which only exists after the rename.
    assert_eq!(script, ["alter table public.t", "rebuild table public.t"]);
}

#[test]
fn the_table_level_rebuild_question_sees_a_new_column_order() {
    let mut a = realm();
    a.schemas.get_mut("public").unwrap().tables.insert(
        "t".into(),
        table("t", &[("id", "integer"), ("x", "integer"), ("y", "text")]),
    );
    let mut b = a.clone();
    b.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("t")
        .unwrap()
        .columns
        .swap(1, 2);
    let changes = diff(&a, &b, &Rebuilds, &DiffOptions::default());
    assert!(
        matches!(changes.as_slice(), [Change::RebuildTable { .. }]),
        "{changes:?}"
    );
    // Other dialects are not asked to rebuild for it.
    assert!(diff(&a, &b, &Words, &DiffOptions::default()).is_empty());
}

/// Regression: a serial column's sequence is OWNED BY the table whose
/// default uses it; the ownership step must not be something the table
/// waits for.
#[test]
fn a_table_using_its_own_owned_sequence_is_no_cycle() {
    let mut r = realm();
    let mut t = table("t", &[("id", "integer")]);
    t.columns[0].default = Some("nextval('public.t_id_seq'::regclass)".into());
    t.depends_on
        .push(ObjectRef::new(ObjectKind::Sequence, "public", "t_id_seq"));
    let s = r.schemas.get_mut("public").unwrap();
    s.tables.insert("t".into(), t);
    s.sequences.insert(
        "t_id_seq".into(),
        Sequence {
            name: "t_id_seq".into(),
            options: SequenceOptions {
                data_type: "integer".into(),
                start: 1,
                increment: 1,
                min_value: 1,
                max_value: i32::MAX.into(),
                cache: 1,
                cycle: false,
            },
            owned_by: Some(SequenceOwner {
                table: "t".into(),
                column: "id".into(),
            }),
            comment: None,
            owner: None,
            grants: vec![],
        },
    );
    let script = create_script(&r, &Words).unwrap();
    assert_eq!(
        script,
        [
            "create sequence public.t_id_seq",
            "create table public.t",
            "alter sequence public.t_id_seq"
        ]
    );
}

/// A dialect whose indexes live in the table's definition (MySQL).
struct InlineIndexes;

impl SqlDialect for InlineIndexes {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }
    fn render(&self, change: &Change) -> Result<Vec<String>, strata_diff::RenderError> {
        Ok(vec![describe(change)])
    }
    fn quote(&self, ident: &str) -> String {
        format!("`{ident}`")
    }
    fn indexes_in_table(&self) -> bool {
        true
    }
}

fn indexed(comment: Option<&str>) -> Realm {
    let mut r = realm();
    let mut t = table("t", &[("id", "int"), ("code", "int")]);
    t.indexes.insert(
        "code_idx".into(),
        Index {
            name: "code_idx".into(),
            unique: true,
            parts: vec![IndexPart::column("code")],
            include: vec![],
            predicate: None,
            method: None,
            nulls_not_distinct: false,
            options: vec![],
            comment: comment.map(str::to_string),
        },
    );
    r.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .insert("t".into(), t);
    r
}

#[test]
fn inline_indexes_are_created_with_their_table_and_recreated_for_a_comment() {
    let r = indexed(Some("codes"));
    let changes = diff(&realm(), &r, &InlineIndexes, &DiffOptions::default());
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let Change::CreateTable { table, .. } = &changes[0] else {
        panic!("{changes:#?}");
    };
    assert_eq!(table.indexes["code_idx"].comment.as_deref(), Some("codes"));

    let changes = diff(&indexed(None), &r, &InlineIndexes, &DiffOptions::default());
    let described: Vec<String> = changes.iter().map(describe).collect();
    assert_eq!(
        described,
        ["drop index public.code_idx", "create index public.code_idx"]
    );
    // The default dialect keeps indexes apart and comments them separately.
    let changes = diff(&indexed(None), &r, &Words, &DiffOptions::default());
    assert_eq!(
        changes.iter().map(describe).collect::<Vec<_>>(),
        ["set comment"]
    );
}

/// Regression: the differ drops a foreign key in an ALTER TABLE of its own,
/// before the main alteration of the table; the main one (which may drop
/// the key's column, and the key with it) must not be ordered first.
#[test]
fn a_foreign_key_is_dropped_before_the_column_it_uses() {
    let mut a = realm();
    let mut t = table("t", &[("id", "integer"), ("z", "integer")]);
    t.foreign_keys.push(fk("z", "u"));
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("t".into(), t);
    s.tables
        .insert("u".into(), table("u", &[("id", "integer")]));
    let mut b = realm();
    b.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .insert("t".into(), table("t", &[("id", "integer")]));
    let p = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap();
    let at = |pred: &dyn Fn(&TableChange) -> bool| {
        p.steps
            .iter()
            .position(|s| matches!(&s.change, Change::AlterTable { changes, .. } if changes.iter().any(pred)))
            .unwrap_or_else(|| panic!("{:#?}", p.steps))
    };
    let drop_key = at(&|c| matches!(c, TableChange::DropForeignKey { .. }));
    let drop_column = at(&|c| matches!(c, TableChange::DropColumn { .. }));
    assert!(drop_key < drop_column, "{:#?}", p.steps);
}

/// Regression: a column added to a partitioned table reaches its
/// partitions; the partition itself cannot be altered that way.
#[test]
fn partition_columns_change_through_their_parent() {
    let mut a = realm();
    let parent = table("p", &[("id", "integer")]);
    let mut part = table("p1", &[("id", "integer")]);
    part.primary_key = None;
    part.postgres = Some(PgTable {
        partition_of: Some(PgPartitionOf {
            parent: QualifiedName::new("public", "p"),
            bound: "FOR VALUES IN (1)".into(),
        }),
        ..PgTable::default()
    });
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("p".into(), parent);
    s.tables.insert("p1".into(), part);
    let mut b = a.clone();
    for t in b.schemas.get_mut("public").unwrap().tables.values_mut() {
        t.columns.push(Column::new("extra", "text", true));
        t.columns[0].data_type = "bigint".into();
    }
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    let altered: Vec<_> = changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterTable { table, .. } => Some(table.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(altered, ["p"], "{changes:#?}");
}

/// Regression: a view's INSTEAD OF trigger keeps its comment, on creation
/// and when only the comment changes.
#[test]
fn a_view_trigger_comment_is_set() {
    let mut r = realm();
    let mut v = view("v", &[(ObjectKind::Table, "t")]);
    v.triggers.insert(
        "redirect".into(),
        Trigger {
            name: "redirect".into(),
            timing: TriggerTiming::InsteadOf,
            events: vec!["INSERT".into()],
            for_each_row: true,
            definition: "CREATE TRIGGER redirect …".into(),
            enabled: None,
            depends_on: vec![],
            comment: Some("writes go elsewhere".into()),
        },
    );
    r.schemas
        .get_mut("public")
        .unwrap()
        .views
        .insert("v".into(), v);
    let script = create_script(&r, &Words).unwrap();
    assert_eq!(
        script,
        [
            "create view public.v",
            "create trigger redirect on v",
            "set comment"
        ]
    );
    let mut b = r.clone();
    let view = b
        .schemas
        .get_mut("public")
        .unwrap()
        .views
        .get_mut("v")
        .unwrap();
    view.triggers.get_mut("redirect").unwrap().comment = Some("changed".into());
    let changes = diff(&r, &b, &Words, &DiffOptions::default());
    assert_eq!(
        changes.iter().map(describe).collect::<Vec<_>>(),
        ["set comment"]
    );
}

/// Regression: a table that becomes a partition, with a change of its own,
/// is attached by its parent; neither waits for the other.
#[test]
fn a_table_becoming_a_partition_is_no_cycle() {
    let mut a = realm();
    let parent = table("p", &[("id", "integer")]);
    let child = table("c", &[("id", "integer")]);
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("p".into(), parent);
    s.tables.insert("c".into(), child);
    let mut b = a.clone();
    let c = b
        .schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("c")
        .unwrap();
    c.comment = Some("now a partition".into());
    c.postgres = Some(PgTable {
        partition_of: Some(PgPartitionOf {
            parent: QualifiedName::new("public", "p"),
            bound: "FOR VALUES IN (1)".into(),
        }),
        ..PgTable::default()
    });
    c.depends_on
        .push(ObjectRef::new(ObjectKind::Table, "public", "p"));
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    assert!(
        !changes
            .iter()
            .any(|c| matches!(c, Change::AlterTable { changes, .. }
            if changes.iter().any(|t| matches!(t, TableChange::SetOptions { .. })))),
        "{changes:#?}"
    );
    let p = plan(changes, &a, &b, &Words).unwrap();
    assert_eq!(p.steps.len(), 2, "{:#?}", p.steps);
}

/// Steps as "alter table public.t: drop column x" lines.
fn summaries(p: &strata_diff::Plan) -> Vec<String> {
    p.steps
        .iter()
        .map(|s| strata_diff::plan::summary(&s.change))
        .collect()
}

fn inherits(mut t: Table, parent: &str) -> Table {
    t.primary_key = None;
    t.postgres = Some(PgTable {
        inherits: vec![QualifiedName::new("public", parent)],
        ..PgTable::default()
    });
    t.depends_on
        .push(ObjectRef::new(ObjectKind::Table, "public", parent));
    t
}

/// migra's `inherit2`: dropping a parent's column would drop the child's
/// inherited copy too. The parent drops it ONLY for itself (the child
/// keeps it, with its rows) and the child's own changes follow.
#[test]
fn a_column_dropped_from_an_inheritance_parent_stays_in_the_child() {
    let mut a = realm();
    let mut base = table("base", &[("created_at", "timestamp"), ("e", "integer")]);
    base.primary_key = None;
    let child = inherits(
        table(
            "a",
            &[
                ("created_at", "timestamp"),
                ("e", "integer"),
                ("a1", "integer"),
                ("a2", "integer"),
            ],
        ),
        "base",
    );
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("base".into(), base);
    s.tables.insert("a".into(), child);
    let mut b = a.clone();
    let s = b.schemas.get_mut("public").unwrap();
    s.tables.get_mut("base").unwrap().columns.remove(1);
    s.tables.get_mut("a").unwrap().columns.remove(3);
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    let only: Vec<(String, bool)> = changes
        .iter()
        .flat_map(|c| match c {
            Change::AlterTable { table, changes, .. } => changes
                .iter()
                .filter_map(|t| match t {
                    TableChange::DropColumn { column, only } => {
                        Some((format!("{table}.{}", column.name), *only))
                    }
                    _ => None,
                })
                .collect(),
            _ => vec![],
        })
        .collect();
    assert_eq!(
        only,
        [("a.a2".to_string(), false), ("base.e".to_string(), true)]
    );
    let p = plan(changes, &a, &b, &Words).unwrap();
    assert_eq!(
        summaries(&p),
        [
            "alter table public.base: drop column e",
            "alter table public.a: drop column a2"
        ]
    );

    // When the child loses the column too, it drops its own copy after the
    // parent has let go of it (PostgreSQL refuses to drop an inherited one).
    let mut c = b.clone();
    let child = c
        .schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("a")
        .unwrap();
    child.columns.retain(|col| col.name != "e");
    let p = plan(
        diff(&a, &c, &Words, &DiffOptions::default()),
        &a,
        &c,
        &Words,
    )
    .unwrap();
    assert_eq!(
        summaries(&p),
        [
            "alter table public.base: drop column e",
            "alter table public.a: drop column e, drop column a2"
        ]
    );
}

/// A parent's ADD COLUMN and type, default and nullability changes reach
/// its inheritance children: the child does not repeat them (PostgreSQL
/// would refuse both the second ADD and a type change on the child), and
/// what is its own runs after the parent's.
#[test]
fn an_inheritance_childs_columns_change_through_its_parent() {
    let mut a = realm();
    let mut base = table("base", &[("id", "integer"), ("v", "integer")]);
    base.primary_key = None;
    let child = inherits(
        table(
            "kid",
            &[("id", "integer"), ("v", "integer"), ("own", "text")],
        ),
        "base",
    );
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("base".into(), base);
    s.tables.insert("kid".into(), child);
    let mut b = a.clone();
    for t in b.schemas.get_mut("public").unwrap().tables.values_mut() {
        t.columns[1].data_type = "bigint".into();
        t.columns[1].nullable = false;
        let mut added = Column::new("added", "text", true);
        added.default = Some("'x'::text".into());
        t.columns.insert(2, added);
    }
    // The child's own default for the inherited column stays its own change.
    b.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("kid")
        .unwrap()
        .columns[2]
        .default = Some("'kid'::text".into());
    let p = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap();
    assert_eq!(
        summaries(&p),
        [
            "alter table public.base: alter column v (type integer -> bigint, set not null), add column added",
            "alter table public.kid: alter column added (default)"
        ]
    );
}

/// migra's `partitioning`: a partition that leaves its parent is detached
/// before the parent gains a column (which would reach it too), and its
/// own changes, which a partition refuses, wait for the detach.
#[test]
fn a_partition_is_detached_before_its_parent_changes() {
    let mut a = realm();
    let mut parent = table("m", &[("id", "integer"), ("v", "integer")]);
    parent.primary_key = None;
    parent.postgres = Some(PgTable {
        partition_by: Some("LIST (id)".into()),
        ..PgTable::default()
    });
    let mut part = table("z_part", &[("id", "integer"), ("v", "integer")]);
    part.primary_key = None;
    part.postgres = Some(PgTable {
        partition_of: Some(PgPartitionOf {
            parent: QualifiedName::new("public", "m"),
            bound: "FOR VALUES IN (1)".into(),
        }),
        ..PgTable::default()
    });
    part.depends_on
        .push(ObjectRef::new(ObjectKind::Table, "public", "m"));
    let s = a.schemas.get_mut("public").unwrap();
    s.tables.insert("m".into(), parent);
    s.tables.insert("z_part".into(), part.clone());
    let mut b = a.clone();
    let s = b.schemas.get_mut("public").unwrap();
    s.tables
        .get_mut("m")
        .unwrap()
        .columns
        .push(Column::new("extra", "text", true));
    let detached = s.tables.get_mut("z_part").unwrap();
    detached.postgres = None;
    detached.depends_on.clear();
    detached.columns.remove(1);
    let p = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap();
    assert_eq!(
        summaries(&p),
        [
            "alter table public.m: detach partition public.z_part",
            "alter table public.m: add column extra",
            "alter table public.z_part: drop column v"
        ]
    );

    // The other way: a table is attached after both it and its new parent
    // have their final columns, whatever the order of their names.
    let p = plan(
        diff(&b, &a, &Words, &DiffOptions::default()),
        &b,
        &a,
        &Words,
    )
    .unwrap();
    let steps = summaries(&p);
    assert_eq!(
        steps.last().map(String::as_str),
        Some("alter table public.m: attach partition public.z_part"),
        "{steps:#?}"
    );
}

/// Words, for a dialect that can put existing columns in another order.
struct Reorders;

impl SqlDialect for Reorders {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }
    fn render(&self, change: &Change) -> Result<Vec<String>, strata_diff::RenderError> {
        Words.render(change)
    }
    fn quote(&self, ident: &str) -> String {
        Words.quote(ident)
    }
    fn can_reorder_columns(&self) -> bool {
        true
    }
}

/// The columns a table ends up with when the changes run the way MySQL
/// runs one ALTER TABLE: drops go, columns without a position keep their
/// order, and positioned ones (added or moved) are placed in clause order,
/// each after a column already placed (or first).
fn mysql_result(from: &[&str], changes: &[TableChange]) -> Vec<String> {
    let positioned: Vec<(&str, Option<&str>)> = changes
        .iter()
        .filter_map(|c| match c {
            TableChange::AddColumn { column, after }
            | TableChange::MoveColumn { column, after } => {
                Some((column.name.as_str(), after.as_deref()))
            }
            _ => None,
        })
        .collect();
    let dropped: Vec<&str> = changes
        .iter()
        .filter_map(|c| match c {
            TableChange::DropColumn { column, .. } => Some(column.name.as_str()),
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = from
        .iter()
        .filter(|c| !dropped.contains(c) && !positioned.iter().any(|(p, _)| p == *c))
        .map(|c| c.to_string())
        .collect();
    for (name, after) in positioned {
        let at = match after {
            None => 0,
            Some(a) => {
                out.iter()
                    .position(|c| c == a)
                    .unwrap_or_else(|| panic!("{name} AFTER {a}: {a} is not placed yet"))
                    + 1
            }
        };
        out.insert(at, name.to_string());
    }
    out
}

/// Where the dialect can reorder columns, the differ moves the fewest
/// columns (all but a longest common subsequence) and the result, run the
/// way MySQL runs it, is the target order; every permutation of four
/// columns, with a column dropped and one added, is checked.
#[test]
fn moved_columns_reach_the_target_order() {
    let names = ["a", "b", "c", "d"];
    let mut perms = vec![vec![]];
    for _ in 0..names.len() {
        perms = perms
            .into_iter()
            .flat_map(|p: Vec<&str>| {
                names
                    .iter()
                    .filter(|n| !p.contains(n))
                    .map(|n| {
                        let mut q = p.clone();
                        q.push(n);
                        q
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    for perm in perms {
        for extra in [false, true] {
            let mut a = realm();
            let from: Vec<&str> = if extra {
                vec!["a", "b", "gone", "c", "d"]
            } else {
                names.to_vec()
            };
            let cols: Vec<(&str, &str)> = from.iter().map(|n| (*n, "int")).collect();
            a.schemas
                .get_mut("public")
                .unwrap()
                .tables
                .insert("t".into(), table("t", &cols));
            let mut b = a.clone();
            let t = b
                .schemas
                .get_mut("public")
                .unwrap()
                .tables
                .get_mut("t")
                .unwrap();
            let mut target = perm.clone();
            if extra {
                target.insert(2, "new");
            }
            t.columns = target
                .iter()
                .map(|n| Column::new(*n, "int", true))
                .collect();
            let changes = diff(&a, &b, &Reorders, &DiffOptions::default());
            let table_changes: Vec<TableChange> = changes
                .iter()
                .flat_map(|c| match c {
                    Change::AlterTable { changes, .. } => changes.clone(),
                    _ => vec![],
                })
                .collect();
            assert_eq!(
                mysql_result(&from, &table_changes),
                target,
                "{perm:?}: {table_changes:#?}"
            );
            // The fewest moves: all but a longest common subsequence.
            let moves = table_changes
                .iter()
                .filter(|c| matches!(c, TableChange::MoveColumn { .. }))
                .count();
            let kept: Vec<&str> = from
                .iter()
                .copied()
                .filter(|n| target.contains(n))
                .collect();
            let wanted: Vec<&str> = target
                .iter()
                .copied()
                .filter(|n| from.contains(n))
                .collect();
            assert_eq!(moves, kept.len() - lcs(&kept, &wanted), "{perm:?}");
            // Moving loses nothing.
            let p = plan(changes, &a, &b, &Reorders).unwrap();
            assert!(
                p.destructive()
                    .all(|s| s.destructive.as_deref().is_some_and(|d| d.contains("gone")))
            );
        }
    }
    // PostgreSQL cannot reorder: only the order differs, so nothing does.
    let mut a = realm();
    a.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .insert("t".into(), table("t", &[("a", "int"), ("b", "int")]));
    let mut b = a.clone();
    b.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("t")
        .unwrap()
        .columns
        .reverse();
    assert!(diff(&a, &b, &Words, &DiffOptions::default()).is_empty());
}

fn lcs(x: &[&str], y: &[&str]) -> usize {
    let mut t = vec![vec![0usize; y.len() + 1]; x.len() + 1];
    for i in (0..x.len()).rev() {
        for j in (0..y.len()).rev() {
            t[i][j] = if x[i] == y[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    t[0][0]
}

/// Regression (Pagila's `mpaa_rating` losing a value): a type that columns
/// use cannot be dropped, so it is rebuilt around them (renamed aside,
/// created, columns converted, old one dropped), and the views reading
/// those columns are dropped before and created after.
#[test]
fn a_used_enum_that_loses_a_value_is_rebuilt_around_its_columns() {
    let mut a = realm();
    let s = a.schemas.get_mut("public").unwrap();
    s.types.insert(
        "rating".into(),
        UserType {
            name: "rating".into(),
            kind: UserTypeKind::Enum {
                values: vec!["G".into(), "PG".into(), "X".into()],
            },
            comment: None,
            owner: None,
            grants: vec![],
            depends_on: vec![],
        },
    );
    let mut film = table(
        "film",
        &[
            ("id", "integer"),
            ("rating", "public.rating"),
            ("ratings", "rating[]"),
        ],
    );
    film.depends_on
        .push(ObjectRef::new(ObjectKind::Type, "public", "rating"));
    s.tables.insert("film".into(), film);
    s.tables.insert(
        "other".into(),
        table("other", &[("id", "integer"), ("r", "text")]),
    );
    s.views.insert(
        "films".into(),
        view("films", &[(ObjectKind::Table, "film")]),
    );
    let mut b = a.clone();
    b.schemas
        .get_mut("public")
        .unwrap()
        .types
        .get_mut("rating")
        .unwrap()
        .kind = UserTypeKind::Enum {
        values: vec!["G".into(), "PG".into()],
    };
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    let rebuilt: Vec<String> = changes
        .iter()
        .flat_map(|c| match c {
            Change::RebuildType { columns, .. } => columns
                .iter()
                .map(|c| format!("{}.{}", c.table.name, c.column.name))
                .collect(),
            _ => vec![],
        })
        .collect();
    assert_eq!(rebuilt, ["film.rating", "film.ratings"]);
    let p = plan(changes, &a, &b, &Words).unwrap();
    assert_eq!(
        p.render(&Words).unwrap(),
        [
            "drop view public.films",
            "rebuild type public.rating",
            "create view public.films"
        ]
    );
    assert_eq!(p.destructive().count(), 1, "{:#?}", p.steps);
}

fn collation(name: &str, locale: &str) -> Collation {
    Collation {
        name: name.into(),
        provider: "icu".into(),
        locale: Some(locale.into()),
        lc_collate: None,
        lc_ctype: None,
        deterministic: true,
        comment: None,
    }
}

fn collated(coll: &str) -> Table {
    let mut t = table("t", &[("id", "integer"), ("b", "text")]);
    t.columns[1].collation = Some(format!("public.{coll}"));
    t.depends_on = vec![ObjectRef::new(ObjectKind::Collation, "public", coll)];
    t
}

#[test]
fn a_collation_is_created_before_the_table_that_uses_it_and_dropped_after() {
    let mut a = realm();
    let s = a.schemas.get_mut("public").unwrap();
    s.collations
        .insert("posix".into(), collation("posix", "und"));
    s.tables.insert("t".into(), collated("posix"));
    let script = create_script(&a, &Words).unwrap();
    assert!(
        position(&script, "create collation public.posix")
            < position(&script, "create table public.t"),
        "{script:?}"
    );

    // The column moves to a new collation and the old one goes: the
    // column changes first, then the old collation is dropped.
    let mut b = realm();
    let s = b.schemas.get_mut("public").unwrap();
    s.collations
        .insert("numeric".into(), collation("numeric", "en-u-kn-true"));
    s.tables.insert("t".into(), collated("numeric"));
    let p = plan(
        diff(&a, &b, &Words, &DiffOptions::default()),
        &a,
        &b,
        &Words,
    )
    .unwrap();
    let steps: Vec<String> = p.steps.iter().map(|s| describe(&s.change)).collect();
    let at = |needle: &str| position(&steps, needle);
    assert!(at("create collation public.numeric") < at("alter table public.t"));
    assert!(at("alter table public.t") < at("drop collation public.posix"));
    assert!(
        p.destructive()
            .any(|s| matches!(s.change, Change::DropCollation { .. }))
    );

    // A changed collation is dropped and created again.
    let mut c = a.clone();
    c.schemas.get_mut("public").unwrap().collations.insert(
        "posix".into(),
        Collation {
            deterministic: false,
            ..collation("posix", "und")
        },
    );
    let changes = diff(&a, &c, &Words, &DiffOptions::default());
    let kinds: Vec<String> = changes.iter().map(describe).collect();
    assert_eq!(
        kinds,
        [
            "drop collation public.posix",
            "create collation public.posix"
        ]
    );
}

#[test]
fn rules_follow_the_tables_they_write_to_and_a_change_replaces_them() {
    let mut r = realm();
    let s = r.schemas.get_mut("public").unwrap();
    let mut parent = table("payment", &[("id", "integer")]);
    parent.rules.insert(
        "to_child".into(),
        Rule {
            name: "to_child".into(),
            definition: "CREATE RULE to_child AS ON INSERT TO public.payment DO INSTEAD INSERT INTO public.payment_child VALUES (new.id)".into(),
            depends_on: vec![ObjectRef::new(ObjectKind::Table, "public", "payment_child")],
            comment: Some("routes inserts".into()),
        },
    );
    s.tables.insert("payment".into(), parent);
    s.tables.insert(
        "payment_child".into(),
        table("payment_child", &[("id", "integer")]),
    );
    let script = create_script(&r, &Words).unwrap();
    let rule = position(&script, "create rule to_child on payment");
    assert!(
        position(&script, "create table public.payment_child") < rule,
        "{script:?}"
    );
    assert!(rule < position(&script, "set comment"), "{script:?}");

    let mut changed = r.clone();
    let t = changed
        .schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("payment")
        .unwrap();
    t.rules
        .get_mut("to_child")
        .unwrap()
        .definition
        .push_str(" -- v2");
    let changes = diff(&r, &changed, &Words, &DiffOptions::default());
    assert_eq!(
        changes.iter().map(describe).collect::<Vec<_>>(),
        ["replace rule to_child on payment"]
    );

    let mut dropped = r.clone();
    dropped
        .schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("payment")
        .unwrap()
        .rules
        .clear();
    let changes = diff(&r, &dropped, &Words, &DiffOptions::default());
    assert_eq!(
        changes.iter().map(describe).collect::<Vec<_>>(),
        ["drop rule to_child on payment"]
    );
}

#[test]
fn a_primary_key_that_becomes_deferrable_is_dropped_and_added() {
    let mut a = realm();
    a.schemas
        .get_mut("public")
        .unwrap()
        .tables
        .insert("t".into(), table("t", &[("id", "integer")]));
    let mut b = a.clone();
    let pk = b
        .schemas
        .get_mut("public")
        .unwrap()
        .tables
        .get_mut("t")
        .unwrap();
    let pk = pk.primary_key.as_mut().unwrap();
    pk.deferrable = true;
    pk.initially_deferred = true;
    let changes = diff(&a, &b, &Words, &DiffOptions::default());
    let [Change::AlterTable { changes, .. }] = changes.as_slice() else {
        panic!("{changes:?}");
    };
    assert!(matches!(
        changes.as_slice(),
        [TableChange::DropPrimaryKey { .. }, TableChange::AddPrimaryKey { key }] if key.deferrable && key.initially_deferred
    ));
}
