//! `CREATE TABLE`, column definitions and constraint clauses (shared with
//! `ALTER TABLE … ADD`).

use super::types::sequence_clauses;
use super::{comment_on, qualified, quote};
use strata_model::{
    CheckConstraint, Column, ExclusionConstraint, ForeignKey, IdentityKind, MatchType, PgTable,
    PrimaryKey, Table, UniqueConstraint,
};

fn columns_list(cols: &[String]) -> String {
    cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", ")
}

fn name_prefix(name: &Option<String>) -> String {
    name.as_ref()
        .map(|n| format!("CONSTRAINT {} ", quote(n)))
        .unwrap_or_default()
}

fn deferrable(deferrable: bool, deferred: bool) -> &'static str {
    match (deferrable, deferred) {
        (true, true) => " DEFERRABLE INITIALLY DEFERRED",
        (true, false) => " DEFERRABLE",
        _ => "",
    }
}

/// `"name" type [COLLATE …] [GENERATED …|DEFAULT …] [NOT NULL]`.
pub(crate) fn column_definition(c: &Column) -> String {
    let mut s = format!("{} {}", quote(&c.name), c.data_type);
    if let Some(coll) = &c.collation {
        s.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(g) = &c.generated {
        s.push_str(&format!(" GENERATED ALWAYS AS ({}) STORED", g.expression));
    } else if let Some(id) = &c.identity {
        s.push(' ');
        s.push_str(&identity_clause(id));
    } else if let Some(d) = &c.default {
        s.push_str(&format!(" DEFAULT {d}"));
    }
    if !c.nullable {
        s.push_str(" NOT NULL");
    }
    s
}

/// `GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options)]`.
pub(crate) fn identity_clause(id: &strata_model::Identity) -> String {
    let kind = match id.kind {
        IdentityKind::ByDefault => "BY DEFAULT",
        IdentityKind::Always | IdentityKind::AutoIncrement => "ALWAYS",
    };
    let options = id
        .sequence
        .as_ref()
        .map(sequence_clauses)
        .unwrap_or_default();
    if options.is_empty() {
        format!("GENERATED {kind} AS IDENTITY")
    } else {
        format!("GENERATED {kind} AS IDENTITY ({})", options.join(" "))
    }
}

pub(crate) fn primary_key_clause(k: &PrimaryKey) -> String {
    format!(
        "{}PRIMARY KEY ({}){}",
        name_prefix(&k.name),
        columns_list(&k.columns),
        deferrable(k.deferrable, k.initially_deferred)
    )
}

pub(crate) fn unique_clause(u: &UniqueConstraint) -> String {
    let mut s = format!(
        "{}UNIQUE{} ({})",
        name_prefix(&u.name),
        if u.nulls_not_distinct {
            " NULLS NOT DISTINCT"
        } else {
            ""
        },
        columns_list(&u.columns)
    );
    if !u.include.is_empty() {
        s.push_str(&format!(" INCLUDE ({})", columns_list(&u.include)));
    }
    s.push_str(deferrable(u.deferrable, u.initially_deferred));
    s
}

/// Without `NOT VALID`: that can only be said in `ALTER TABLE … ADD`.
pub(crate) fn check_clause(c: &CheckConstraint) -> String {
    format!(
        "{}CHECK ({}){}",
        name_prefix(&c.name),
        c.expression,
        if c.no_inherit { " NO INHERIT" } else { "" }
    )
}

pub(crate) fn exclusion_clause(x: &ExclusionConstraint) -> String {
    format!(
        "CONSTRAINT {} {}{}",
        quote(&x.name),
        x.definition,
        deferrable(x.deferrable, x.initially_deferred)
    )
}

/// Without `NOT VALID` (see [`check_clause`]).
pub(crate) fn foreign_key_clause(k: &ForeignKey) -> String {
    let mut s = format!(
        "{}FOREIGN KEY ({}) REFERENCES {}",
        name_prefix(&k.name),
        columns_list(&k.columns),
        qualified(&k.references.schema, &k.references.name)
    );
    if !k.referenced_columns.is_empty() {
        s.push_str(&format!(" ({})", columns_list(&k.referenced_columns)));
    }
    match k.match_type {
        MatchType::Simple => {}
        MatchType::Full => s.push_str(" MATCH FULL"),
        MatchType::Partial => s.push_str(" MATCH PARTIAL"),
    }
    if !k.on_update.is_default() {
        s.push_str(&format!(" ON UPDATE {}", k.on_update.as_sql()));
    }
    if !k.on_delete.is_default() {
        s.push_str(&format!(" ON DELETE {}", k.on_delete.as_sql()));
    }
    s.push_str(deferrable(k.deferrable, k.initially_deferred));
    s
}

/// `ALTER TABLE … ADD` of a foreign key, with its comment.
pub(crate) fn add_foreign_key(table: &str, k: &ForeignKey) -> Vec<String> {
    let mut out = vec![format!(
        "ALTER TABLE {table} ADD {}{}",
        foreign_key_clause(k),
        if k.not_valid { " NOT VALID" } else { "" }
    )];
    out.extend(constraint_comment(table, &k.name, &k.comment));
    out
}

/// `ALTER TABLE … ADD` of a check, with its comment.
pub(crate) fn add_check(table: &str, c: &CheckConstraint) -> Vec<String> {
    let mut out = vec![format!(
        "ALTER TABLE {table} ADD {}{}",
        check_clause(c),
        if c.not_valid { " NOT VALID" } else { "" }
    )];
    out.extend(constraint_comment(table, &c.name, &c.comment));
    out
}

pub(crate) fn constraint_comment(
    table: &str,
    name: &Option<String>,
    comment: &Option<String>,
) -> Option<String> {
    let (name, comment) = (name.as_ref()?, comment.as_ref()?);
    Some(comment_on(
        &format!("CONSTRAINT {} ON {table}", quote(name)),
        Some(comment),
    ))
}

/// `CREATE TABLE` with everything the change carries: columns, primary
/// key, unique, check and exclusion constraints, storage and row-level
/// security settings, and the comments on all of them.
pub(crate) fn create_table(schema: &str, t: &Table) -> Vec<String> {
    let q = qualified(schema, &t.name);
    let pg = t.postgres.clone().unwrap_or_default();
    let mut items: Vec<String> = Vec::new();
    let partition = pg.partition_of.as_ref();
    for c in &t.columns {
        if partition.is_some() {
            // A partition takes its columns from its parent; only what
            // differs can be said, as column options.
            let mut opts = String::new();
            if let Some(d) = c.default.as_ref().filter(|_| c.generated.is_none()) {
                opts.push_str(&format!(" DEFAULT {d}"));
            }
            if !c.nullable {
                opts.push_str(" NOT NULL");
            }
            if !opts.is_empty() {
                items.push(format!("{} WITH OPTIONS{opts}", quote(&c.name)));
            }
        } else {
            items.push(column_definition(c));
        }
    }
    if let Some(k) = &t.primary_key {
        items.push(primary_key_clause(k));
    }
    // CREATE TABLE silently merges a unique constraint into an identical
    // primary key or unique constraint before it; added afterwards, both
    // survive, as they did where they came from.
    let (inline, separate) = split_duplicate_uniques(t);
    items.extend(inline.into_iter().map(unique_clause));
    items.extend(t.checks.iter().filter(|c| !c.not_valid).map(check_clause));
    items.extend(t.exclusions.iter().map(exclusion_clause));

    let body = if items.is_empty() && partition.is_some() {
        String::new()
    } else {
        format!(" (\n    {}\n)", items.join(",\n    "))
    };
    let unlogged = if pg.unlogged { "UNLOGGED " } else { "" };
    let mut sql = match partition {
        Some(p) => format!(
            "CREATE {unlogged}TABLE {q} PARTITION OF {}{body} {}",
            qualified(&p.parent.schema, &p.parent.name),
            p.bound
        ),
        None => format!("CREATE {unlogged}TABLE {q}{body}"),
    };
    if partition.is_none() && !pg.inherits.is_empty() {
        let parents: Vec<String> = pg
            .inherits
            .iter()
            .map(|p| qualified(&p.schema, &p.name))
            .collect();
        sql.push_str(&format!(" INHERITS ({})", parents.join(", ")));
    }
    if let Some(key) = &pg.partition_by {
        sql.push_str(&format!(" PARTITION BY {key}"));
    }
    if !pg.options.is_empty() {
        sql.push_str(&format!(" WITH ({})", pg.options.join(", ")));
    }
    let mut out = vec![sql];
    for u in separate {
        out.push(format!("ALTER TABLE {q} ADD {}", unique_clause(u)));
    }
    for c in t.checks.iter().filter(|c| c.not_valid) {
        out.extend(add_check(&q, c));
    }
    for k in &t.foreign_keys {
        out.extend(add_foreign_key(&q, k));
    }
    out.extend(row_security(&q, &PgTable::default(), &pg));
    out.extend(table_comments(&q, t));
    out
}

/// Unique constraints that can go into `CREATE TABLE`, and the ones that
/// would be merged there into an identical earlier key.
fn split_duplicate_uniques(t: &Table) -> (Vec<&UniqueConstraint>, Vec<&UniqueConstraint>) {
    /// What PostgreSQL compares to find a duplicate: columns, INCLUDE
    /// columns, and the NULLS NOT DISTINCT, DEFERRABLE and INITIALLY
    /// DEFERRED flags.
    type Shape<'a> = (&'a [String], &'a [String], [bool; 3]);
    let mut seen: Vec<Shape> = Vec::new();
    if let Some(k) = &t.primary_key {
        seen.push((&k.columns, &[], [false; 3]));
    }
    let (mut inline, mut separate) = (Vec::new(), Vec::new());
    for u in &t.uniques {
        let key = (
            u.columns.as_slice(),
            u.include.as_slice(),
            [u.nulls_not_distinct, u.deferrable, u.initially_deferred],
        );
        if seen.contains(&key) {
            separate.push(u);
        } else {
            seen.push(key);
            inline.push(u);
        }
    }
    (inline, separate)
}

/// `ENABLE`/`FORCE ROW LEVEL SECURITY` and back, for what differs.
pub(crate) fn row_security(table: &str, from: &PgTable, to: &PgTable) -> Vec<String> {
    let mut out = Vec::new();
    if from.rls_enabled != to.rls_enabled {
        out.push(format!(
            "ALTER TABLE {table} {} ROW LEVEL SECURITY",
            if to.rls_enabled { "ENABLE" } else { "DISABLE" }
        ));
    }
    if from.rls_forced != to.rls_forced {
        out.push(format!(
            "ALTER TABLE {table} {} ROW LEVEL SECURITY",
            if to.rls_forced { "FORCE" } else { "NO FORCE" }
        ));
    }
    out
}

/// Comments on a new table, its columns and its constraints.
fn table_comments(q: &str, t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if t.comment.is_some() {
        out.push(comment_on(&format!("TABLE {q}"), t.comment.as_deref()));
    }
    for c in &t.columns {
        if c.comment.is_some() {
            out.push(comment_on(
                &format!("COLUMN {q}.{}", quote(&c.name)),
                c.comment.as_deref(),
            ));
        }
    }
    if let Some(k) = &t.primary_key {
        out.extend(constraint_comment(q, &k.name, &k.comment));
    }
    for u in &t.uniques {
        out.extend(constraint_comment(q, &u.name, &u.comment));
    }
    for c in t.checks.iter().filter(|c| !c.not_valid) {
        out.extend(constraint_comment(q, &c.name, &c.comment));
    }
    for x in &t.exclusions {
        out.extend(constraint_comment(q, &Some(x.name.clone()), &x.comment));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{PgPartitionOf, QualifiedName};

    fn t() -> Table {
        let mut t = Table::new("t");
        t.columns = vec![
            Column::new("id", "integer", false),
            Column::new("note", "text", true),
        ];
        t.primary_key = Some(PrimaryKey {
            name: Some("t_pkey".into()),
            columns: vec!["id".into()],
            deferrable: false,
            initially_deferred: false,
            comment: Some("the key".into()),
        });
        t
    }

    #[test]
    fn a_plain_table_with_its_settings_and_comments() {
        let mut t = t();
        t.columns[1].comment = Some("free text".into());
        t.comment = Some("a table".into());
        t.checks.push(CheckConstraint {
            name: Some("later".into()),
            expression: "(id > 0)".into(),
            not_valid: true,
            no_inherit: false,
            comment: None,
        });
        t.postgres = Some(PgTable {
            unlogged: true,
            rls_enabled: true,
            options: vec!["fillfactor=70".into()],
            ..PgTable::default()
        });
        assert_eq!(
            create_table("s", &t),
            [
                "CREATE UNLOGGED TABLE \"s\".\"t\" (\n    \"id\" integer NOT NULL,\n    \"note\" text,\n    CONSTRAINT \"t_pkey\" PRIMARY KEY (\"id\")\n) WITH (fillfactor=70)",
                "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"later\" CHECK ((id > 0)) NOT VALID",
                "ALTER TABLE \"s\".\"t\" ENABLE ROW LEVEL SECURITY",
                "COMMENT ON TABLE \"s\".\"t\" IS 'a table'",
                "COMMENT ON COLUMN \"s\".\"t\".\"note\" IS 'free text'",
                "COMMENT ON CONSTRAINT \"t_pkey\" ON \"s\".\"t\" IS 'the key'",
            ]
        );
    }

    #[test]
    fn a_partition_says_only_what_differs_from_its_parent() {
        let mut t = t();
        t.primary_key = None;
        t.columns[1].default = Some("'x'::text".into());
        t.postgres = Some(PgTable {
            partition_of: Some(PgPartitionOf {
                parent: QualifiedName::new("s", "p"),
                bound: "FOR VALUES IN (1)".into(),
            }),
            partition_by: Some("LIST (note)".into()),
            ..PgTable::default()
        });
        assert_eq!(
            create_table("s", &t),
            [
                "CREATE TABLE \"s\".\"t\" PARTITION OF \"s\".\"p\" (\n    \"id\" WITH OPTIONS NOT NULL,\n    \"note\" WITH OPTIONS DEFAULT 'x'::text\n) FOR VALUES IN (1) PARTITION BY LIST (note)"
            ]
        );
    }

    #[test]
    fn inheritance_and_a_unique_key_equal_to_the_primary_key() {
        let mut t = t();
        t.uniques.push(UniqueConstraint {
            name: Some("t_id_key".into()),
            columns: vec!["id".into()],
            nulls_not_distinct: false,
            deferrable: false,
            initially_deferred: false,
            include: vec![],
            comment: None,
        });
        t.postgres = Some(PgTable {
            inherits: vec![QualifiedName::new("s", "base")],
            ..PgTable::default()
        });
        let sql = create_table("s", &t);
        assert!(
            sql[0].ends_with(") INHERITS (\"s\".\"base\")"),
            "{}",
            sql[0]
        );
        assert!(!sql[0].contains("t_id_key"));
        assert_eq!(
            sql[1],
            "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"t_id_key\" UNIQUE (\"id\")"
        );
    }

    #[test]
    fn column_definitions() {
        let mut c = Column::new("n", "numeric(10,2)", false);
        c.collation = None;
        c.default = Some("0".into());
        assert_eq!(
            column_definition(&c),
            "\"n\" numeric(10,2) DEFAULT 0 NOT NULL"
        );
        let mut g = Column::new("g", "integer", true);
        g.generated = Some(strata_model::GeneratedColumn {
            expression: "(a * 2)".into(),
            stored: true,
        });
        assert_eq!(
            column_definition(&g),
            "\"g\" integer GENERATED ALWAYS AS ((a * 2)) STORED"
        );
        let mut s = Column::new("s", "text", true);
        s.collation = Some("\"C\"".into());
        assert_eq!(column_definition(&s), "\"s\" text COLLATE \"C\"");
    }

    #[test]
    fn foreign_keys_with_every_option() {
        let k = ForeignKey {
            name: Some("fk".into()),
            columns: vec!["a".into(), "b".into()],
            references: QualifiedName::new("s", "r"),
            referenced_columns: vec!["x".into(), "y".into()],
            on_update: strata_model::FkAction::Cascade,
            on_delete: strata_model::FkAction::SetNull,
            match_type: MatchType::Full,
            deferrable: true,
            initially_deferred: true,
            not_valid: true,
            comment: Some("why".into()),
        };
        assert_eq!(
            add_foreign_key("\"s\".\"t\"", &k),
            [
                "ALTER TABLE \"s\".\"t\" ADD CONSTRAINT \"fk\" FOREIGN KEY (\"a\", \"b\") REFERENCES \"s\".\"r\" (\"x\", \"y\") MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED NOT VALID",
                "COMMENT ON CONSTRAINT \"fk\" ON \"s\".\"t\" IS 'why'",
            ]
        );
    }
}
