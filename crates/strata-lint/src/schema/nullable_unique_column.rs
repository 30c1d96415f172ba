//! A nullable column inside a unique constraint or unique index.

use super::{Rule, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm, Table};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "nullable-column-in-unique",
        summary: "a unique key has a nullable column",
        rationale: "NULL is not equal to NULL, so a unique key with a nullable column accepts any \
                    number of rows that are NULL there: (1, NULL) can be inserted twice. If the \
                    key is meant to be unique for those rows too, make the column NOT NULL (or, \
                    on PostgreSQL 15+, declare the key NULLS NOT DISTINCT).",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Note,
        opt_in: false,
    },
    check,
};

fn nullable<'a>(table: &Table, columns: impl Iterator<Item = &'a String>) -> Vec<String> {
    columns
        .filter(|c| table.column(c).is_some_and(|col| col.nullable))
        .cloned()
        .collect()
}

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        let mut keys: Vec<(Part, String, Vec<String>)> = Vec::new();
        for u in table.uniques.iter().filter(|u| !u.nulls_not_distinct) {
            let name = u
                .name
                .clone()
                .unwrap_or_else(|| format!("unique ({})", u.columns.join(", ")));
            keys.push((
                Part::Constraint(name.clone()),
                format!("unique constraint {name}"),
                nullable(table, u.columns.iter()),
            ));
        }
        for i in table
            .indexes
            .values()
            .filter(|i| i.unique && !i.nulls_not_distinct)
        {
            let columns: Vec<String> = i
                .parts
                .iter()
                .filter_map(|p| p.column_name().map(str::to_string))
                .collect();
            keys.push((
                Part::Index(i.name.clone()),
                format!("unique index {}", i.name),
                nullable(table, columns.iter()),
            ));
        }
        for (part, what, columns) in keys {
            for c in columns {
                out.push(RULE.finding(
                    Location::table(schema, &table.name).with(part.clone()),
                    format!("{what} includes nullable column {c}: rows with NULL there are never duplicates"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn message() {
        let t = table(
            "account",
            &[("email", "text", true), ("tenant", "int", false)],
        );
        let t = index(t, "account_email", &["tenant", "email"], true);
        let t = index(t, "account_tenant", &["tenant"], true);
        let realm = realm(Dialect::Sqlite, vec![t]);
        assert_eq!(
            messages(&RULE, &realm),
            [
                "app.account (index account_email): unique index account_email includes nullable column email: rows with NULL there are never duplicates"
            ]
        );
    }
}
