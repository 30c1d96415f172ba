//! Round trip of both sides (`a.sql`, `b.sql`) of every migra fixture, one
//! test per file so that a failure names it.

mod common;

use common::{assert_same, round_trip};
use strata_testkit::corpus;

/// Fixture files PostgreSQL 15 itself refuses to load, with the server's
/// reason. They are reported when the suite runs (see `listed_fixtures`).
const REJECTED_BY_SERVER: &[(&str, &str)] = &[];

async fn check(case: &str, side: &str) {
    let file = format!("migra-fixtures/{case}/{side}.sql");
    if let Some((_, reason)) = REJECTED_BY_SERVER.iter().find(|(f, _)| *f == file) {
        eprintln!("skipped {file}: PostgreSQL 15 rejects it: {reason}");
        return;
    }
    common::create_roles().await;
    let script = corpus::read(&file);
    let rt = round_trip(&file, &script).await;
    assert_same(&file, &rt, &[]);
}

macro_rules! fixtures {
    ($($case:ident),* $(,)?) => {
        const CASES: &[&str] = &[$(stringify!($case)),*];
        $(
            mod $case {
                #[tokio::test]
                async fn a() {
                    super::check(stringify!($case), "a").await;
                }
                #[tokio::test]
                async fn b() {
                    super::check(stringify!($case), "b").await;
                }
            }
        )*
    };
}

fixtures!(
    collations,
    constraints,
    dependencies,
    dependencies2,
    dependencies3,
    dependencies4,
    enumdefaults,
    enumdeps,
    everything,
    excludeschema,
    extversions,
    generated,
    generated_added,
    identitycols,
    inherit,
    inherit2,
    partitioning,
    privileges,
    rls,
    rls2,
    seq,
    singleschema,
    singleschema_ext,
    triggers,
    triggers2,
    triggers3,
);

/// Every fixture folder has a test above, so none is skipped by omission.
#[test]
fn listed_fixtures() {
    assert_eq!(corpus::migra_cases(), CASES);
    for (file, reason) in REJECTED_BY_SERVER {
        eprintln!("{file} is not round-tripped: PostgreSQL 15 rejects it: {reason}");
    }
}
