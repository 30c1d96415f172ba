//! Tables and columns without a comment (only when asked: `--comments`).

use super::{Rule, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "missing-comment",
        summary: "a table or column has no comment",
        rationale: "Comments stored in the database travel with it: `strata docs`, other tools and \
                    the next person reading the schema see them. A team that documents its schema \
                    there wants to know which tables and columns still lack one. (SQLite has no \
                    comments, so the rule does not apply there.)",
        dialects: &[Dialect::Postgres, Dialect::Mysql],
        severity: Severity::Note,
        opt_in: true,
    },
    check,
};

fn blank(comment: &Option<String>) -> bool {
    comment.as_deref().is_none_or(|c| c.trim().is_empty())
}

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        if blank(&table.comment) {
            out.push(RULE.finding(
                Location::table(schema, &table.name),
                format!("table {} has no comment", table.name),
            ));
        }
        for c in &table.columns {
            if blank(&c.comment) {
                out.push(RULE.finding(
                    Location::table(schema, &table.name).with(Part::Column(c.name.clone())),
                    format!("column {}.{} has no comment", table.name, c.name),
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
        let mut t = table("film", &[("id", "int", false), ("title", "text", false)]);
        t.comment = Some("Films".into());
        t.columns[0].comment = Some("Surrogate key".into());
        let realm = realm(Dialect::Postgres, vec![t]);
        assert_eq!(
            messages(&RULE, &realm),
            ["app.film.title: column film.title has no comment"]
        );
    }
}
