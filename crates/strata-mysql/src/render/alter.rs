//! `ALTER TABLE`: all of one table's changes in one statement.

use super::table::{
    check_definition, column_definition, column_list, foreign_key_definition, partition_clause,
    unique_definition,
};
use super::{literal, quote, unsupported};
use std::collections::BTreeSet;
use strata_diff::{RenderError, TableChange};
use strata_model::Table;

/// One `ALTER TABLE` with every change, comma-separated, in order; a
/// partitioning change goes last, where MySQL's grammar wants it (without
/// a comma). A charset conversion is a statement of its own before it.
pub(crate) fn alter_table(
    schema: &str,
    table: &str,
    changes: &[TableChange],
) -> Result<Vec<String>, RenderError> {
    let moved: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match c {
            TableChange::MoveColumn { column, .. } => Some(column.name.as_str()),
            _ => None,
        })
        .collect();
    let modified: BTreeSet<&str> = changes
        .iter()
        .filter_map(|c| match c {
            TableChange::AlterColumn { to, .. } => Some(to.name.as_str()),
            _ => None,
        })
        .chain(moved.iter().copied())
        .collect();
    let mut specs = Vec::new();
    let mut partitioning = None;
    let mut convert = None;
    for c in changes {
        match c {
            TableChange::AddColumn { column, after } => specs.push(format!(
                "ADD COLUMN {} {}",
                column_definition(column),
                match after {
                    Some(a) => format!("AFTER {}", quote(a)),
                    None => "FIRST".into(),
                }
            )),
            TableChange::DropColumn { column, .. } => {
                specs.push(format!("DROP COLUMN {}", quote(&column.name)));
            }
            // A column that also moves gets its new definition from the
            // move's MODIFY (one clause per column).
            TableChange::AlterColumn { to, .. } if moved.contains(to.name.as_str()) => {}
            TableChange::AlterColumn { to, .. } => {
                specs.push(format!("MODIFY COLUMN {}", column_definition(to)));
            }
            // MySQL places positioned columns in clause order, each after
            // a column already placed: the differ emits them in the
            // target's order.
            TableChange::MoveColumn { column, after } => specs.push(format!(
                "MODIFY COLUMN {} {}",
                column_definition(column),
                match after {
                    Some(a) => format!("AFTER {}", quote(a)),
                    None => "FIRST".into(),
                }
            )),
            TableChange::RenameColumn { from, to } => {
                specs.push(format!("RENAME COLUMN {} TO {}", quote(from), quote(to)));
            }
            TableChange::AddPrimaryKey { key } => {
                specs.push(format!("ADD PRIMARY KEY ({})", column_list(&key.columns)));
            }
            TableChange::DropPrimaryKey { .. } => specs.push("DROP PRIMARY KEY".into()),
            TableChange::AddForeignKey { key } => {
                specs.push(format!("ADD {}", foreign_key_definition(schema, key)));
            }
            TableChange::DropForeignKey { key } => match &key.name {
                Some(n) => specs.push(format!("DROP FOREIGN KEY {}", quote(n))),
                None => return Err(unsupported("drop a foreign key that has no name")),
            },
            TableChange::AddUnique { constraint } => {
                specs.push(format!("ADD {}", unique_definition(constraint)));
            }
            TableChange::DropUnique { constraint } => match &constraint.name {
                Some(n) => specs.push(format!("DROP INDEX {}", quote(n))),
                None => return Err(unsupported("drop a unique key that has no name")),
            },
            TableChange::AddCheck { check } => {
                specs.push(format!("ADD {}", check_definition(check)));
            }
            TableChange::DropCheck { check } => match &check.name {
                Some(n) => specs.push(format!("DROP CONSTRAINT {}", quote(n))),
                None => return Err(unsupported("drop a check constraint that has no name")),
            },
            TableChange::SetComment { comment } => specs.push(format!(
                "COMMENT = {}",
                literal(comment.as_deref().unwrap_or(""))
            )),
            TableChange::SetOptions { from, to } => {
                let options = set_options(from, to, &modified);
                convert = options.convert;
                specs.extend(options.specs);
                if options.partitioning.is_some() {
                    partitioning = options.partitioning;
                }
            }
            TableChange::ValidateConstraint { name } => {
                return Err(unsupported(format!(
                    "validate constraint {name} (MySQL checks constraints when they are added)"
                )));
            }
            TableChange::AddExclusion { .. } | TableChange::DropExclusion { .. } => {
                return Err(unsupported("have exclusion constraints"));
            }
            TableChange::AttachPartition { .. } | TableChange::DetachPartition { .. } => {
                return Err(unsupported(
                    "attach or detach partitions as tables (partitions are part of the table)",
                ));
            }
        }
    }
    // CONVERT TO changes every text column, whatever comes before or after
    // it in the same statement: it runs alone, first.
    let mut out: Vec<String> = convert
        .map(|c| format!("ALTER TABLE {} {c}", quote(table)))
        .into_iter()
        .collect();
    if specs.is_empty() && partitioning.is_none() {
        return Ok(out);
    }
    let mut sql = format!("ALTER TABLE {}", quote(table));
    if !specs.is_empty() {
        sql.push(' ');
        sql.push_str(&specs.join(", "));
    }
    if let Some(p) = partitioning {
        sql.push(' ');
        sql.push_str(&p);
    }
    out.push(sql);
    Ok(out)
}

/// What a [`TableChange::SetOptions`] becomes.
struct Options {
    /// `CONVERT TO CHARACTER SET …`, a statement of its own.
    convert: Option<String>,
    specs: Vec<String>,
    partitioning: Option<String>,
}

/// Engine, charset, row format and partitioning changes. A new default
/// charset converts the columns too (`CONVERT TO`), since the model
/// records a column's charset only where it differs from the table's;
/// columns with a charset or collation of their own are then set back.
fn set_options(from: &Table, to: &Table, modified: &BTreeSet<&str>) -> Options {
    let a = from.mysql.clone().unwrap_or_default();
    let b = to.mysql.clone().unwrap_or_default();
    let mut out = Options {
        convert: None,
        specs: Vec::new(),
        partitioning: None,
    };
    if a.engine != b.engine
        && let Some(e) = &b.engine
    {
        out.specs.push(format!("ENGINE = {e}"));
    }
    if (a.charset != b.charset || a.collation != b.collation)
        && let Some(cs) = &b.charset
    {
        let mut convert = format!("CONVERT TO CHARACTER SET {cs}");
        if let Some(co) = &b.collation {
            convert.push_str(&format!(" COLLATE {co}"));
        }
        out.convert = Some(convert);
        for col in &to.columns {
            let own =
                col.collation.is_some() || col.mysql.as_ref().is_some_and(|m| m.charset.is_some());
            if own && !modified.contains(col.name.as_str()) {
                out.specs
                    .push(format!("MODIFY COLUMN {}", column_definition(col)));
            }
        }
    }
    if a.row_format != b.row_format {
        out.specs.push(format!(
            "ROW_FORMAT = {}",
            b.row_format.as_deref().unwrap_or("DEFAULT")
        ));
    }
    out.partitioning = (a.partitioning != b.partitioning).then(|| match &b.partitioning {
        Some(p) => partition_clause(p),
        None => "REMOVE PARTITIONING".to_string(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use strata_model::{Column, MySqlPartitioning, MySqlTable};

    #[test]
    fn one_statement_for_all_column_changes() {
        let changes = vec![
            TableChange::AddColumn {
                column: Column::new("b", "int", true),
                after: Some("a".into()),
            },
            TableChange::AlterColumn {
                from: Column::new("c", "int", true),
                to: Column::new("c", "bigint", false),
            },
            TableChange::DropColumn {
                column: Column::new("d", "int", true),
                only: false,
            },
            TableChange::RenameColumn {
                from: "e".into(),
                to: "f".into(),
            },
        ];
        assert_eq!(
            alter_table("s", "t", &changes).unwrap(),
            [
                "ALTER TABLE `t` ADD COLUMN `b` int NULL AFTER `a`, MODIFY COLUMN `c` bigint NOT NULL, \
              DROP COLUMN `d`, RENAME COLUMN `e` TO `f`"
            ]
        );
    }

    #[test]
    fn options_and_partitioning() {
        let mut from = Table::new("t");
        from.mysql = Some(MySqlTable {
            engine: Some("InnoDB".into()),
            charset: Some("latin1".into()),
            collation: Some("latin1_swedish_ci".into()),
            row_format: None,
            partitioning: None,
        });
        let mut to = from.clone();
        let mut own = Column::new("code", "varchar(3)", true);
        own.collation = Some("utf8mb4_bin".into());
        to.columns.push(own);
        to.mysql = Some(MySqlTable {
            engine: Some("Aria".into()),
            charset: Some("utf8mb4".into()),
            collation: Some("utf8mb4_general_ci".into()),
            row_format: Some("DYNAMIC".into()),
            partitioning: Some(MySqlPartitioning {
                method: "HASH".into(),
                expression: "`id`".into(),
                partitions: vec![],
            }),
        });
        let changes = vec![
            TableChange::SetOptions {
                from: Box::new(from.clone()),
                to: Box::new(to.clone()),
            },
            TableChange::SetComment {
                comment: Some("x".into()),
            },
        ];
        assert_eq!(
            alter_table("s", "t", &changes).unwrap(),
            [
                "ALTER TABLE `t` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
                "ALTER TABLE `t` ENGINE = Aria, MODIFY COLUMN `code` varchar(3) COLLATE utf8mb4_bin NULL, \
                 ROW_FORMAT = DYNAMIC, COMMENT = 'x' PARTITION BY HASH (`id`)"
            ]
        );
        let back = vec![TableChange::SetOptions {
            from: Box::new(to.clone()),
            to: Box::new({
                let mut t = to.clone();
                if let Some(m) = &mut t.mysql {
                    m.partitioning = None;
                }
                t
            }),
        }];
        assert_eq!(
            alter_table("s", "t", &back).unwrap(),
            ["ALTER TABLE `t` REMOVE PARTITIONING"]
        );
    }

    #[test]
    fn postgres_only_changes_are_refused() {
        let err = alter_table(
            "s",
            "t",
            &[TableChange::ValidateConstraint { name: "c".into() }],
        )
        .unwrap_err();
        assert!(err.to_string().contains("validate"));
    }
}
