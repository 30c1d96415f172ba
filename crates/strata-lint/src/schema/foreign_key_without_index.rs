//! A foreign key whose columns no index starts with.

use super::{Rule, keys, list, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "foreign-key-without-index",
        summary: "a foreign key has no index on its columns",
        rationale: "Deleting or updating a referenced row makes the database look for referencing \
                    rows; without an index on the foreign key's columns that is a scan of the \
                    whole referencing table for every such row, under lock. Joins along the \
                    relationship are slow too. Create an index whose leading columns are the \
                    foreign key's columns. (MySQL and MariaDB create one themselves.)",
        dialects: &[Dialect::Postgres, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        let keys = keys(table);
        for fk in &table.foreign_keys {
            let n = fk.columns.len();
            // An index serves the lookup when its first n key parts are the
            // foreign key's columns, in any order. A partial index does not.
            let covered = keys.iter().any(|k| {
                k.parts.len() >= n
                    && !k.qualifier.contains("where=Some")
                    && fk.columns.iter().all(|c| k.parts[..n].contains(c))
            });
            if covered {
                continue;
            }
            let name = fk
                .name
                .clone()
                .unwrap_or_else(|| format!("({})", list(&fk.columns)));
            out.push(RULE.finding(
                Location::table(schema, &table.name).with(Part::Constraint(name.clone())),
                format!(
                    "foreign key {name} ({}) -> {} has no index starting with its columns",
                    list(&fk.columns),
                    fk.references
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn message() {
        let author = pk(table("author", &[("id", "integer", false)]), &["id"]);
        let book = fk(
            table(
                "book",
                &[("id", "integer", false), ("author_id", "integer", false)],
            ),
            "book_author_fk",
            &["author_id"],
            "author",
            &["id"],
        );
        let indexed = index(
            fk(
                table(
                    "review",
                    &[("author_id", "integer", false), ("at", "date", false)],
                ),
                "review_author_fk",
                &["author_id"],
                "author",
                &["id"],
            ),
            "review_author_at",
            &["author_id", "at"],
            false,
        );
        let realm = realm(Dialect::Postgres, vec![author, book, indexed]);
        assert_eq!(
            messages(&RULE, &realm),
            [
                "app.book (constraint book_author_fk): foreign key book_author_fk (author_id) -> app.author has no index starting with its columns"
            ]
        );
    }
}
