//! Two indexes (or an index and a key constraint) with the same key.

use super::{Rule, keys, list, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "duplicate-index",
        summary: "an index duplicates another index or key",
        rationale: "Two indexes on the same key parts do the same work twice: every write \
                    maintains both, both take space and memory, and the planner uses one. Drop \
                    the duplicate (keep the one that implements a constraint).",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Warning,
        opt_in: false,
    },
    check,
};

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        let keys = keys(table);
        for (i, k) in keys.iter().enumerate() {
            // A constraint is never the duplicate: dropping it changes meaning.
            if k.constraint {
                continue;
            }
            // The key this one duplicates: a constraint first, then a
            // unique index, then the earlier index of equal kind.
            let plain = k.qualifier.starts_with("method=None where=None");
            let original = keys.iter().enumerate().find(|&(j, o)| {
                let same =
                    o.parts == k.parts && (o.qualifier == k.qualifier || (o.constraint && plain));
                let wins =
                    o.constraint || (o.unique && !k.unique) || (o.unique == k.unique && j < i);
                j != i && same && wins
            });
            if let Some((_, o)) = original {
                out.push(RULE.finding(
                    Location::table(schema, &table.name).with(Part::Index(k.name.clone())),
                    format!(
                        "index {} ({}) duplicates {}",
                        k.name,
                        list(&k.parts),
                        if o.constraint {
                            format!("constraint {}", o.name)
                        } else {
                            format!("index {}", o.name)
                        }
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
        let t = pk(
            table("t", &[("id", "int", false), ("a", "int", false)]),
            &["id"],
        );
        let t = index(t, "t_id_idx", &["id"], false);
        let t = index(t, "t_a_1", &["a"], false);
        let t = index(t, "t_a_2", &["a"], false);
        let realm = realm(Dialect::Mysql, vec![t]);
        assert_eq!(
            messages(&RULE, &realm),
            [
                "app.t (index t_a_2): index t_a_2 (a) duplicates index t_a_1",
                "app.t (index t_id_idx): index t_id_idx (id) duplicates constraint t_pkey",
            ]
        );
    }
}
