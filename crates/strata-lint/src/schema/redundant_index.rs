//! An index whose key is a prefix of another index's key.

use super::{Rule, keys, list, tables};
use crate::{Location, Part, RuleInfo, Severity};
use strata_model::{Dialect, Realm};

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "redundant-index",
        summary: "an index is a prefix of another index",
        rationale: "A B-tree index on (a) is redundant next to one on (a, b): the longer index \
                    serves every lookup the shorter one does. The redundant index costs writes, \
                    space and memory for nothing. Drop it, unless it enforces uniqueness.",
        dialects: &[Dialect::Postgres, Dialect::Mysql, Dialect::Sqlite],
        severity: Severity::Note,
        opt_in: false,
    },
    check,
};

fn check(realm: &Realm, out: &mut Vec<crate::Finding>) {
    for (schema, table) in tables(realm) {
        let keys = keys(table);
        for k in &keys {
            // Unique indexes enforce something; constraints are constraints.
            if k.constraint || k.unique || !k.qualifier.starts_with("method=None where=None") {
                continue;
            }
            let longer = keys.iter().find(|o| {
                o.parts.len() > k.parts.len()
                    && o.parts[..k.parts.len()] == k.parts[..]
                    && o.qualifier.starts_with("method=None where=None")
            });
            if let Some(o) = longer {
                out.push(RULE.finding(
                    Location::table(schema, &table.name).with(Part::Index(k.name.clone())),
                    format!(
                        "index {} ({}) is a prefix of {} {} ({})",
                        k.name,
                        list(&k.parts),
                        if o.constraint { "constraint" } else { "index" },
                        o.name,
                        list(&o.parts)
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
        let t = table("t", &[("a", "int", false), ("b", "int", false)]);
        let t = index(t, "t_a", &["a"], false);
        let t = index(t, "t_a_b", &["a", "b"], false);
        let t = index(t, "t_b_unique", &["b"], true);
        let t = index(t, "t_b_a", &["b", "a"], false);
        let realm = realm(Dialect::Sqlite, vec![t]);
        assert_eq!(
            messages(&RULE, &realm),
            ["app.t (index t_a): index t_a (a) is a prefix of index t_a_b (a, b)"]
        );
    }
}
