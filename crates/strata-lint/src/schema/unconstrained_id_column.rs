//! A column named like a foreign key (`author_id`, `AuthorId`) that no
//! foreign key constrains, while a table of that name exists.

use super::{Rule, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm, Table};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "unconstrained-id-column",
        summary: "a column looks like a foreign key but has no constraint",
        rationale: "A column named after another table (`author_id` next to a table `author`) \
                    almost always holds that table's keys. Without a foreign key nothing stops \
                    orphaned or mistyped values, and tools that draw diagrams or generate models \
                    miss the relationship. Add the foreign key (with an index), or rename the \
                    column if it means something else.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

/// `author_id` -> `author`, `AuthorId` -> `Author`, `authorID` -> `author`.
pub(crate) fn stem(column: &str) -> Option<&str> {
    let lower = column.to_ascii_lowercase();
    if lower.len() > 3 && lower.ends_with("_id") {
        return Some(&column[..column.len() - 3]);
    }
    let bytes = column.as_bytes();
    if column.len() > 2 && (column.ends_with("Id") || column.ends_with("ID")) {
        let before = bytes[column.len() - 3];
        if before.is_ascii_lowercase() || before.is_ascii_digit() {
            return Some(&column[..column.len() - 2]);
        }
    }
    None
}

/// The table of the schema the stem names: exactly, or as a plural.
fn target<'a>(tables: &[&'a Table], stem: &str) -> Option<&'a Table> {
    let stem = stem.to_ascii_lowercase();
    let candidates = [stem.clone(), format!("{stem}s"), format!("{stem}es")];
    tables
        .iter()
        .copied()
        .find(|t| candidates.contains(&t.name.to_ascii_lowercase()))
}

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema_name, schema) in &realm.schemas {
        let all: Vec<&Table> = schema.tables.values().collect();
        for (_, table) in tables(realm).filter(|(s, _)| s == schema_name) {
            for column in &table.columns {
                let Some(stem) = stem(&column.name) else {
                    continue;
                };
                if table
                    .foreign_keys
                    .iter()
                    .any(|fk| fk.columns.iter().any(|c| c == &column.name))
                {
                    continue;
                }
                let Some(target) = target(&all, stem) else {
                    continue;
                };
                // The table's own identifier (`film.film_id`), also when it
                // is inherited from the parent a partition or child table
                // shares it with (`payment_p2022_01.payment_id`).
                let parents: Vec<&str> = table
                    .postgres
                    .as_ref()
                    .map(|pg| {
                        pg.partition_of
                            .iter()
                            .map(|p| p.parent.name.as_str())
                            .chain(pg.inherits.iter().map(|q| q.name.as_str()))
                            .collect()
                    })
                    .unwrap_or_default();
                if target.name == table.name || parents.contains(&target.name.as_str()) {
                    continue;
                }
                out.push(
                    RULE.finding(
                        Location::table(schema_name, &table.name)
                            .with(Part::Column(column.name.clone())),
                        format!(
                            "column {} looks like a reference to table {} but has no foreign key",
                            column.name, target.name
                        ),
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("author_id"), Some("author"));
        assert_eq!(stem("AuthorId"), Some("Author"));
        assert_eq!(stem("authorID"), Some("author"));
        assert_eq!(stem("id"), None);
        assert_eq!(stem("paid"), None);
        assert_eq!(stem("VOID"), None);
    }

    #[test]
    fn message() {
        let authors = pk(
            table("authors", &[("author_id", "int", false)]),
            &["author_id"],
        );
        let books = table(
            "books",
            &[
                ("id", "int", false),
                ("author_id", "int", true),
                ("isbn_id", "int", true),
            ],
        );
        let realm = realm(Dialect::Postgres, vec![authors, books]);
        assert_eq!(
            messages(&RULE, &realm),
            [
                "app.books.author_id: column author_id looks like a reference to table authors but has no foreign key"
            ]
        );
    }
}
