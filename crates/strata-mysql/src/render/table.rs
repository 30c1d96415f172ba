//! CREATE TABLE with everything inline, column definitions, key parts and
//! partitioning.

use super::{literal, name_from, quote};
use crate::sqltext;
use strata_model::{
    CheckConstraint, Column, ForeignKey, Index, IndexKey, IndexPart, MySqlPartitioning, MySqlTable,
    Table, UniqueConstraint,
};

/// `CREATE TABLE` with its columns, keys, checks, table options and
/// partitioning.
pub(crate) fn create_table(schema: &str, t: &Table) -> String {
    let mut items: Vec<String> = t.columns.iter().map(column_definition).collect();
    if let Some(pk) = &t.primary_key {
        items.push(format!("PRIMARY KEY ({})", column_list(&pk.columns)));
    }
    for u in &t.uniques {
        items.push(unique_definition(u));
    }
    for idx in t.indexes.values() {
        items.push(index_definition(idx));
    }
    for fk in &t.foreign_keys {
        items.push(foreign_key_definition(schema, fk));
    }
    for c in &t.checks {
        items.push(check_definition(c));
    }
    let mut sql = format!(
        "CREATE TABLE {} (\n  {}\n)",
        quote(&t.name),
        items.join(",\n  ")
    );
    let options = table_options(t.mysql.as_ref(), t.comment.as_deref());
    if !options.is_empty() {
        sql.push(' ');
        sql.push_str(&options.join(" "));
    }
    if let Some(p) = t.mysql.as_ref().and_then(|m| m.partitioning.as_ref()) {
        sql.push('\n');
        sql.push_str(&partition_clause(p));
    }
    sql
}

/// `ENGINE=… DEFAULT CHARSET=… COLLATE=… ROW_FORMAT=… COMMENT='…'`.
pub(crate) fn table_options(my: Option<&MySqlTable>, comment: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(my) = my {
        if let Some(e) = &my.engine {
            out.push(format!("ENGINE={e}"));
        }
        if let Some(cs) = &my.charset {
            out.push(format!("DEFAULT CHARSET={cs}"));
        }
        if let Some(co) = &my.collation {
            out.push(format!("COLLATE={co}"));
        }
        if let Some(rf) = &my.row_format {
            out.push(format!("ROW_FORMAT={rf}"));
        }
    }
    if let Some(c) = comment {
        out.push(format!("COMMENT={}", literal(c)));
    }
    out
}

pub(crate) fn column_list(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One column as in CREATE TABLE (and ADD/MODIFY COLUMN).
pub(crate) fn column_definition(c: &Column) -> String {
    let mut sql = format!("{} {}", quote(&c.name), c.data_type);
    let my = c.mysql.clone().unwrap_or_default();
    if let Some(cs) = &my.charset {
        sql.push_str(&format!(" CHARACTER SET {cs}"));
    }
    if let Some(co) = &c.collation {
        sql.push_str(&format!(" COLLATE {co}"));
    }
    if let Some(g) = &c.generated {
        sql.push_str(&format!(
            " GENERATED ALWAYS AS ({}) {}",
            g.expression,
            if g.stored { "STORED" } else { "VIRTUAL" }
        ));
        // MariaDB refuses NULL/NOT NULL on generated columns; MySQL allows
        // NOT NULL, which is then the only one worth writing.
        if !c.nullable {
            sql.push_str(" NOT NULL");
        }
    } else {
        sql.push_str(if c.nullable { " NULL" } else { " NOT NULL" });
    }
    if let Some(d) = &c.default {
        sql.push_str(&format!(" DEFAULT {}", default_value(d, &c.data_type)));
    }
    if let Some(u) = &my.on_update {
        sql.push_str(&format!(" ON UPDATE {u}"));
    }
    if c.identity.is_some() {
        sql.push_str(" AUTO_INCREMENT");
    }
    if my.invisible {
        sql.push_str(" INVISIBLE");
    }
    if let Some(comment) = &c.comment {
        sql.push_str(&format!(" COMMENT {}", literal(comment)));
    }
    sql
}

/// Types whose defaults MySQL 8 accepts only as expressions in parentheses.
fn needs_expression_default(data_type: &str) -> bool {
    let base = data_type
        .split(|c: char| c == '(' || c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    base.ends_with("text")
        || base.ends_with("blob")
        || matches!(
            base.as_str(),
            "json"
                | "geometry"
                | "point"
                | "linestring"
                | "polygon"
                | "multipoint"
                | "multilinestring"
                | "multipolygon"
                | "geometrycollection"
        )
}

/// A default as DDL: literals and `CURRENT_TIMESTAMP` as they are, other
/// expressions in parentheses (`DEFAULT (uuid())`), which both servers
/// accept for any expression.
pub(crate) fn default_value(d: &str, data_type: &str) -> String {
    let enclosed = sqltext::strip_outer_parens(d) != d.trim();
    if enclosed || (is_literal(d) && !needs_expression_default(data_type)) {
        d.to_string()
    } else {
        format!("({d})")
    }
}

fn is_literal(d: &str) -> bool {
    let d = d.trim();
    let upper = d.to_ascii_uppercase();
    let number = {
        let digits = d.strip_prefix(['-', '+']).unwrap_or(d);
        !digits.is_empty()
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
            && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
    };
    number
        || (d.starts_with('\'') && d.ends_with('\'') && d.len() >= 2)
        || ((upper.starts_with("B'") || upper.starts_with("X'")) && d.ends_with('\''))
        || upper.starts_with("0X")
        || matches!(upper.as_str(), "NULL" | "TRUE" | "FALSE")
        || upper.starts_with("CURRENT_TIMESTAMP")
}

/// A key part: `` `col`(10) DESC `` or `(expr) DESC`.
pub(crate) fn key_part(p: &IndexPart) -> String {
    let mut sql = match &p.key {
        IndexKey::Column(c) => quote(c),
        IndexKey::Expression(e) => format!("({e})"),
    };
    if let Some(n) = p.prefix_length {
        sql.push_str(&format!("({n})"));
    }
    if p.descending {
        sql.push_str(" DESC");
    }
    sql
}

fn key_parts(idx: &Index) -> String {
    idx.parts
        .iter()
        .map(key_part)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The keyword before `KEY`/`INDEX`, and the `USING` method after the parts.
fn index_kind(idx: &Index) -> (&'static str, Option<&str>) {
    match idx.method.as_deref() {
        Some(m) if m.eq_ignore_ascii_case("FULLTEXT") => ("FULLTEXT ", None),
        Some(m) if m.eq_ignore_ascii_case("SPATIAL") => ("SPATIAL ", None),
        other => (if idx.unique { "UNIQUE " } else { "" }, other),
    }
}

fn index_tail(idx: &Index, using: Option<&str>) -> String {
    let mut sql = String::new();
    if let Some(m) = using {
        sql.push_str(&format!(" USING {m}"));
    }
    if let Some(c) = &idx.comment {
        sql.push_str(&format!(" COMMENT {}", literal(c)));
    }
    sql
}

/// An index inside CREATE TABLE.
pub(crate) fn index_definition(idx: &Index) -> String {
    let (kind, using) = index_kind(idx);
    format!(
        "{kind}KEY {} ({}){}",
        quote(&idx.name),
        key_parts(idx),
        index_tail(idx, using)
    )
}

/// `CREATE INDEX` on an existing table.
pub(crate) fn create_index(table: &str, idx: &Index) -> String {
    let (kind, using) = index_kind(idx);
    format!(
        "CREATE {kind}INDEX {} ON {} ({}){}",
        quote(&idx.name),
        quote(table),
        key_parts(idx),
        index_tail(idx, using)
    )
}

/// `DROP INDEX`. An index that may back a foreign key (plain columns, not
/// FULLTEXT or SPATIAL) is dropped with foreign key checks off: MySQL
/// refuses to drop the index a foreign key uses even when the plan
/// creates its replacement next (a changed index is dropped and created
/// again), and the target schema, read from a server, always has an
/// index for each of its foreign keys.
pub(crate) fn drop_index(table: &str, idx: &Index) -> Vec<String> {
    let drop = format!("DROP INDEX {} ON {}", quote(&idx.name), quote(table));
    let (kind, _) = index_kind(idx);
    let may_back_a_key = matches!(kind, "" | "UNIQUE ")
        && idx
            .parts
            .iter()
            .all(|p| matches!(p.key, IndexKey::Column(_)));
    if !may_back_a_key {
        return vec![drop];
    }
    vec![
        "SET @strata_fk_checks = @@foreign_key_checks, foreign_key_checks = 0".into(),
        drop,
        "SET foreign_key_checks = @strata_fk_checks".into(),
    ]
}

pub(crate) fn unique_definition(u: &UniqueConstraint) -> String {
    match &u.name {
        Some(n) => format!(
            "CONSTRAINT {} UNIQUE KEY ({})",
            quote(n),
            column_list(&u.columns)
        ),
        None => format!("UNIQUE KEY ({})", column_list(&u.columns)),
    }
}

pub(crate) fn foreign_key_definition(schema: &str, fk: &ForeignKey) -> String {
    let mut sql = String::new();
    if let Some(n) = &fk.name {
        sql.push_str(&format!("CONSTRAINT {} ", quote(n)));
    }
    sql.push_str(&format!(
        "FOREIGN KEY ({}) REFERENCES {} ({})",
        column_list(&fk.columns),
        name_from(schema, &fk.references),
        column_list(&fk.referenced_columns)
    ));
    if !fk.on_delete.is_default() {
        sql.push_str(&format!(" ON DELETE {}", fk.on_delete.as_sql()));
    }
    if !fk.on_update.is_default() {
        sql.push_str(&format!(" ON UPDATE {}", fk.on_update.as_sql()));
    }
    sql
}

pub(crate) fn check_definition(c: &CheckConstraint) -> String {
    match &c.name {
        Some(n) => format!("CONSTRAINT {} CHECK ({})", quote(n), c.expression),
        None => format!("CHECK ({})", c.expression),
    }
}

/// `PARTITION BY method (expression) (PARTITION … , …)`.
pub(crate) fn partition_clause(p: &MySqlPartitioning) -> String {
    let method = p.method.to_ascii_uppercase();
    let mut sql = format!("PARTITION BY {method} ({})", p.expression);
    if p.partitions.is_empty() {
        return sql;
    }
    let parts: Vec<String> = p
        .partitions
        .iter()
        .map(|part| {
            let mut s = format!("PARTITION {}", quote(&part.name));
            if let Some(v) = &part.values {
                if method.starts_with("RANGE") {
                    if method == "RANGE" && v.eq_ignore_ascii_case("MAXVALUE") {
                        s.push_str(" VALUES LESS THAN MAXVALUE");
                    } else {
                        s.push_str(&format!(" VALUES LESS THAN ({v})"));
                    }
                } else {
                    s.push_str(&format!(" VALUES IN ({v})"));
                }
            }
            if let Some(c) = &part.comment {
                s.push_str(&format!(" COMMENT = {}", literal(c)));
            }
            s
        })
        .collect();
    sql.push_str(&format!("\n(\n  {}\n)", parts.join(",\n  ")));
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{GeneratedColumn, Identity, IdentityKind, MySqlColumn, MySqlPartition};

    #[test]
    fn column_definitions() {
        let mut c = Column::new("id", "int unsigned", false);
        c.identity = Some(Identity {
            kind: IdentityKind::AutoIncrement,
            sequence: None,
        });
        c.comment = Some("it's".into());
        assert_eq!(
            column_definition(&c),
            "`id` int unsigned NOT NULL AUTO_INCREMENT COMMENT 'it''s'"
        );
        let mut c = Column::new("ts", "timestamp", false);
        c.default = Some("CURRENT_TIMESTAMP".into());
        c.mysql = Some(MySqlColumn {
            charset: None,
            on_update: Some("CURRENT_TIMESTAMP".into()),
            invisible: true,
        });
        assert_eq!(
            column_definition(&c),
            "`ts` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP INVISIBLE"
        );
        let mut c = Column::new("g", "int", true);
        c.generated = Some(GeneratedColumn {
            expression: "`a` * 2".into(),
            stored: true,
        });
        assert_eq!(
            column_definition(&c),
            "`g` int GENERATED ALWAYS AS (`a` * 2) STORED"
        );
        let mut c = Column::new("n", "varchar(10)", true);
        c.mysql = Some(MySqlColumn {
            charset: Some("latin1".into()),
            ..MySqlColumn::default()
        });
        c.collation = Some("latin1_bin".into());
        c.default = Some("uuid()".into());
        assert_eq!(
            column_definition(&c),
            "`n` varchar(10) CHARACTER SET latin1 COLLATE latin1_bin NULL DEFAULT (uuid())"
        );
    }

    #[test]
    fn defaults_are_literals_or_parenthesised_expressions() {
        assert_eq!(default_value("'x'", "varchar(3)"), "'x'");
        assert_eq!(default_value("-1.5", "double"), "-1.5");
        assert_eq!(default_value("b'101'", "bit(3)"), "b'101'");
        assert_eq!(
            default_value("CURRENT_TIMESTAMP(3)", "datetime(3)"),
            "CURRENT_TIMESTAMP(3)"
        );
        assert_eq!(default_value("(1 + 2)", "int"), "(1 + 2)");
        assert_eq!(default_value("curdate()", "date"), "(curdate())");
        assert_eq!(default_value("'zz'", "blob"), "('zz')");
        assert_eq!(default_value("1e3", "double"), "1e3");
    }

    #[test]
    fn indexes() {
        let idx = Index {
            name: "k".into(),
            unique: false,
            parts: vec![
                IndexPart {
                    prefix_length: Some(5),
                    descending: true,
                    ..IndexPart::column("code")
                },
                IndexPart {
                    key: IndexKey::Expression("lower(`x`)".into()),
                    ..IndexPart::column("")
                },
            ],
            include: vec![],
            predicate: None,
            method: Some("HASH".into()),
            nulls_not_distinct: false,
            options: vec![],
            comment: Some("c".into()),
        };
        assert_eq!(
            index_definition(&idx),
            "KEY `k` (`code`(5) DESC, (lower(`x`))) USING HASH COMMENT 'c'"
        );
        let ft = Index {
            method: Some("FULLTEXT".into()),
            comment: None,
            parts: vec![IndexPart::column("t")],
            ..idx
        };
        assert_eq!(
            create_index("p", &ft),
            "CREATE FULLTEXT INDEX `k` ON `p` (`t`)"
        );
        assert_eq!(drop_index("p", &ft), ["DROP INDEX `k` ON `p`"]);
        let plain = Index { method: None, ..ft };
        let statements = drop_index("p", &plain);
        assert_eq!(statements.len(), 3, "{statements:?}");
        assert_eq!(statements[1], "DROP INDEX `k` ON `p`");
    }

    #[test]
    fn partitions() {
        let p = MySqlPartitioning {
            method: "RANGE".into(),
            expression: "`id`".into(),
            partitions: vec![
                MySqlPartition {
                    name: "p0".into(),
                    values: Some("10".into()),
                    comment: Some("first".into()),
                },
                MySqlPartition {
                    name: "p1".into(),
                    values: Some("MAXVALUE".into()),
                    comment: None,
                },
            ],
        };
        assert_eq!(
            partition_clause(&p),
            "PARTITION BY RANGE (`id`)\n(\n  PARTITION `p0` VALUES LESS THAN (10) COMMENT = 'first',\n  PARTITION `p1` VALUES LESS THAN MAXVALUE\n)"
        );
        let k = MySqlPartitioning {
            method: "KEY".into(),
            expression: String::new(),
            partitions: vec![],
        };
        assert_eq!(partition_clause(&k), "PARTITION BY KEY ()");
    }
}
