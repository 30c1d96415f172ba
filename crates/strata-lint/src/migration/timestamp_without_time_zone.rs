//! timestamp without time zone.

use super::analyse::Statement;
use super::context::Context;
use super::{Hit, Rule, sql};
use crate::{RuleInfo, Severity};
use sqlparser::ast::{DataType, TimezoneInfo};
use strata_model::Dialect;

pub static RULE: Rule = Rule {
    info: RuleInfo {
        id: "timestamp-without-time-zone",
        summary: "a column is timestamp without time zone",
        rationale: "timestamp stores a wall-clock time with no offset: the same instant written \
                    from sessions in two time zones is stored as two different values, and \
                    daylight-saving changes make times ambiguous. timestamptz stores the instant \
                    (in UTC) and converts on the way in and out, at no extra cost.",
        dialects: &[Dialect::Postgres],
        severity: Severity::Note,
        opt_in: false,
    },
    check,
};

fn check(s: &Statement, _cx: &Context, out: &mut Vec<Hit>) {
    for site in sql::columns(s) {
        if matches!(
            site.def.data_type,
            DataType::Timestamp(_, TimezoneInfo::None | TimezoneInfo::WithoutTimeZone)
        ) {
            out.push(Hit::new(
                s.at(site.def.name.span),
                format!(
                    "column {} of table {} is timestamp without time zone; use timestamptz",
                    site.def.name.value, site.table.value
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::*;

    #[test]
    fn message() {
        assert_eq!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE events (at timestamp NOT NULL);"
            ),
            ["1:22 column at of table events is timestamp without time zone; use timestamptz"]
        );
    }

    #[test]
    fn negatives() {
        assert!(
            check(
                &RULE,
                Dialect::Postgres,
                "CREATE TABLE events (a timestamptz, b timestamp with time zone)"
            )
            .is_empty()
        );
    }
}
