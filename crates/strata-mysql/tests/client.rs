//! `strata inspect --format sql` output is for people too: the script
//! loads with the `mariadb`/`mysql` command-line client (`mysql --comments <
//! file.sql`; without `--comments` the client drops comments inside routine
//! bodies), DELIMITER blocks, hostile names and all, and gives the same model.

mod common;

use common::schemas::{FEATURES, hostile_script, sakila_script};
use common::{assert_realms_equal, inspect_neutral, loaded};
use std::io::Write;
use std::process::{Command, Stdio};
use strata_diff::SqlDialect;
use strata_driver::Driver;
use strata_model::Dialect;
use strata_mysql::{DRIVER, SQL};
use strata_testkit::{TestDb, server_url};

/// Runs `script` with the command-line client in database `db`, and
/// returns what it printed.
fn run_client(db: &str, script: &str) -> String {
    let url = server_url(Dialect::Mysql);
    let client = ["mariadb", "mysql"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .stdout(Stdio::null())
                .status()
                .is_ok()
        })
        .expect("neither `mariadb` nor `mysql` is installed: apt install mariadb-client");
    let mut cmd = Command::new(client);
    // The client strips comments before sending statements unless told
    // otherwise, and comments in routine bodies are part of the routine.
    cmd.arg("--no-defaults")
        .arg("--comments")
        .arg(format!(
            "--host={}",
            url.host().unwrap_or_else(|| "127.0.0.1".into())
        ))
        .arg(format!("--port={}", url.port().unwrap_or(3306)))
        .arg(format!(
            "--user={}",
            url.username().unwrap_or_else(|| "root".into())
        ))
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = url.password() {
        cmd.env("MYSQL_PWD", p);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{client} failed: {}\n--- script:\n{script}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn through_the_client(origin: &str, source: &str) {
    let a = loaded(origin, source).await;
    let first = inspect_neutral(&a).await;
    let script = SQL.script(&strata_diff::create_script(&first, &SQL).unwrap());
    let b = TestDb::create(&DRIVER).await;
    run_client(b.name(), &script);
    let second = inspect_neutral(&b).await;
    assert_realms_equal(origin, &first, &second, &script);
}

#[tokio::test]
async fn features_load_with_the_client() {
    through_the_client("features", FEATURES).await;
}

#[tokio::test]
async fn hostile_names_load_with_the_client() {
    through_the_client("hostile", &hostile_script()).await;
}

#[tokio::test]
async fn sakila_loads_with_the_client() {
    through_the_client("sakila", &sakila_script()).await;
}

/// The catalog queries strata shows (`--print-catalog-queries`) and the
/// benchmark's floor runs are valid for the client as they are.
#[tokio::test]
async fn the_catalog_script_runs_in_the_client() {
    let db = loaded("features", FEATURES).await;
    let script = DRIVER.catalog_sql().replace("{{schema}}", db.name());
    let out = run_client(db.name(), &script);
    assert!(out.contains("everything"), "{out}");
    assert!(out.contains("purge_log"), "{out}");
}
