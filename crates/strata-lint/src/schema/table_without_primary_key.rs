//! A table without a primary key.

use super::{Rule, tables};
use crate::{Location, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "table-without-primary-key",
        summary: "a table has no primary key",
        rationale: "Without a primary key a row cannot be addressed reliably: duplicates creep in, \
                    updates and deletes by ORMs and replication tools (logical replication, CDC) \
                    need one, and other tables cannot reference the table. Add a primary key, a \
                    surrogate one if no natural key exists.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        if table.primary_key.is_some() {
            continue;
        }
        // A declarative partition gets its key from the partitioned table.
        let parent_has_key = table
            .postgres
            .as_ref()
            .and_then(|pg| pg.partition_of.as_ref())
            .and_then(|p| realm.table(&p.parent))
            .is_some_and(|parent| parent.primary_key.is_some());
        if parent_has_key {
            continue;
        }
        out.push(RULE.finding(
            Location::table(schema, &table.name),
            format!("table {} has no primary key", table.name),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn message() {
        let realm = realm(
            Dialect::Sqlite,
            vec![
                table("log", &[("line", "TEXT", true)]),
                pk(table("users", &[("id", "INTEGER", false)]), &["id"]),
            ],
        );
        assert_eq!(
            messages(&RULE, &realm),
            ["app.log: table log has no primary key"]
        );
    }
}
