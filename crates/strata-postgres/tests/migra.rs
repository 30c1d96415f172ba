//! Round trip of both sides (`a.sql`, `b.sql`) of every migra fixture, one
//! test per file so that a failure names it.

mod common;

use common::{assert_same, round_trip};
use strata_testkit::corpus;

/// Fixture files PostgreSQL 15 itself refuses to load, with the server's
/// reason. They are reported when the suite runs (see `listed_fixtures`).
const REJECTED_BY_SERVER: &[(&str, &str)] = &[];

/// Kinds of unsupported objects a fixture file contains and loses on the
/// round trip.
fn lost(file: &str) -> &'static [&'static str] {
    match file {
        // `c_pkey` is DEFERRABLE; the model's primary key cannot say so.
        "migra-fixtures/constraints/b.sql" => &["primary key option"],
        _ => &[],
    }
}

/// Fixtures whose tables use an object the model does not cover, so that
/// no create script made from the model can rebuild them. For these the
/// test checks that the object is reported as unsupported instead.
const NEEDS_UNSUPPORTED: &[(&str, &str)] = &[(
    "collations",
    "collation", // CREATE COLLATION: columns use public.posix / public.numeric
)];

async fn check(case: &str, side: &str) {
    let file = format!("migra-fixtures/{case}/{side}.sql");
    if let Some((_, reason)) = REJECTED_BY_SERVER.iter().find(|(f, _)| *f == file) {
        eprintln!("skipped {file}: PostgreSQL 15 rejects it: {reason}");
        return;
    }
    common::create_roles().await;
    let script = corpus::read(&file);
    if let Some((_, kind)) = NEEDS_UNSUPPORTED.iter().find(|(c, _)| *c == case) {
        let db = strata_testkit::TestDb::create(&strata_postgres::DRIVER).await;
        db.load(&script, &file).await;
        let realm = common::inspect(&db).await;
        let listed: Vec<_> = realm
            .unsupported
            .iter()
            .filter(|u| u.kind == *kind)
            .collect();
        assert!(
            !listed.is_empty(),
            "{file}: no {kind} listed as unsupported"
        );
        eprintln!(
            "{file}: not round-tripped: its tables need {listed:?}, which the model does not cover"
        );
        return;
    }
    let rt = round_trip(&file, &script).await;
    assert_same(&file, &rt, lost(&file));
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
