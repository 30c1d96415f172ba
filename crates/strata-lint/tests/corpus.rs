//! Schema lint on the public sample schemas, loaded into real databases:
//! a clean schema gives nothing, and known problems of the published files
//! are found (Sakila's inheritance children have no primary key).

use strata_driver::{Driver, InspectOptions};
use strata_lint::schema::{LintOptions, lint};
use strata_testkit::{TestDb, corpus};

async fn lint_of(driver: &'static dyn Driver, script: &str) -> Vec<String> {
    let db = TestDb::create(driver).await;
    db.load(script, "corpus").await;
    let mut conn = db.connect().await;
    let realm = conn
        .inspect(&InspectOptions::default())
        .await
        .unwrap_or_else(|e| panic!("inspect failed: {e}"));
    conn.close().await;
    lint(&realm, &LintOptions::default())
        .expect("lint")
        .into_iter()
        .map(|f| format!("{} {}: {}", f.rule, f.location.display(), f.message))
        .collect()
}

#[tokio::test]
async fn chinook_on_sqlite_is_clean() {
    let findings = lint_of(
        &strata_sqlite::DRIVER,
        &corpus::read("chinook/Chinook_Sqlite.sql"),
    )
    .await;
    assert!(findings.is_empty(), "{findings:#?}");
}

#[tokio::test]
async fn sakila_on_postgres_has_its_known_problems() {
    let findings = lint_of(
        &strata_postgres::DRIVER,
        &corpus::read("sakila/postgres-sakila-schema.sql"),
    )
    .await;
    let without_pk: Vec<&String> = findings
        .iter()
        .filter(|f| f.starts_with("table-without-primary-key "))
        .collect();
    let expected: Vec<String> = (1..=6)
        .map(|m| {
            format!(
                "table-without-primary-key public.payment_p2007_0{m}: table payment_p2007_0{m} has no primary key"
            )
        })
        .collect();
    assert_eq!(
        without_pk,
        expected.iter().collect::<Vec<_>>(),
        "{findings:#?}"
    );
    // inventory (store_id, film_id) is indexed, but not with film_id first.
    assert!(
        findings.contains(
            &"foreign-key-without-index public.inventory (constraint inventory_film_id_fkey): foreign key inventory_film_id_fkey (film_id) -> public.film has no index starting with its columns"
                .to_string()
        ),
        "{findings:#?}"
    );
    assert!(
        findings.iter().all(|f| !f.starts_with("duplicate-index ")),
        "{findings:#?}"
    );
}
