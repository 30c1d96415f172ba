//! Plans run the way `strata apply` runs them: the dialect's statements
//! from `around_transaction` first, then the plan in one transaction.

mod common;

use common::inspect;
use strata_diff::{DiffOptions, diff, plan};
use strata_postgres::{DRIVER, SQL};
use strata_testkit::TestDb;

async fn apply_and_compare(from_sql: &str, to_sql: &str) {
    let a = TestDb::create(&DRIVER).await;
    let b = TestDb::create(&DRIVER).await;
    a.load(from_sql, "from").await;
    b.load(to_sql, "to").await;
    let (from, to) = (inspect(&a).await, inspect(&b).await);
    let p = plan(
        diff(&from, &to, &SQL, &DiffOptions::default()),
        &from,
        &to,
        &SQL,
    )
    .unwrap();
    common::apply_plan(&a, &p).await;
    let (mut now, mut want) = (inspect(&a).await, to);
    now.server = Default::default();
    want.server = Default::default();
    assert_eq!(now.to_json(), want.to_json());
}

/// A value added to an enum cannot be used in the transaction that added
/// it; the plan adds it before its transaction.
#[tokio::test]
async fn a_new_enum_value_can_be_used_by_the_same_plan() {
    apply_and_compare(
        "CREATE TYPE mood AS ENUM ('sad', 'ok');
         CREATE TABLE t (id integer, m mood);",
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
         CREATE TABLE t (id integer, m mood DEFAULT 'happy', CHECK (m <> 'happy' OR id > 0));",
    )
    .await;
}
