//! A foreign key column whose type differs from the referenced column's.

use super::{Rule, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "foreign-key-type-mismatch",
        summary: "a foreign key column's type differs from the referenced column's",
        rationale: "A reference whose type differs from its target (integer -> bigint, \
                    varchar(20) -> varchar(50), signed -> unsigned) forces casts in every join, \
                    can keep indexes from being used, and lets the referencing side hold values \
                    the target cannot (or the other way round) once the target grows. Give both \
                    columns the same type.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

/// Types compared as the server spells them, ignoring case and spacing
/// (SQLite keeps the declared text as written).
fn same_type(a: &str, b: &str) -> bool {
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase()
    };
    norm(a) == norm(b)
}

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        for fk in &table.foreign_keys {
            let Some(target) = realm.table(&fk.references) else {
                continue;
            };
            for (mine, theirs) in fk.columns.iter().zip(&fk.referenced_columns) {
                let (Some(a), Some(b)) = (table.column(mine), target.column(theirs)) else {
                    continue;
                };
                if same_type(&a.data_type, &b.data_type) {
                    continue;
                }
                out.push(RULE.finding(
                    Location::table(schema, &table.name).with(Part::Column(mine.clone())),
                    format!(
                        "column {mine} is {} but references {}.{theirs}, which is {}",
                        a.data_type, fk.references, b.data_type
                    ),
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
        let author = pk(table("author", &[("id", "bigint", false)]), &["id"]);
        let book = fk(
            table("book", &[("author_id", "integer", false)]),
            "book_author_fk",
            &["author_id"],
            "author",
            &["id"],
        );
        let same = fk(
            table("review", &[("author_id", "BIGINT", false)]),
            "review_author_fk",
            &["author_id"],
            "author",
            &["id"],
        );
        let realm = realm(Dialect::Postgres, vec![author, book, same]);
        assert_eq!(
            messages(&RULE, &realm),
            [
                "app.book.author_id: column author_id is integer but references app.author.id, which is bigint"
            ]
        );
    }
}
