//! Helpers for tests that run the `strata` binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use strata_model::Dialect;
use strata_testkit::TestDb;

/// The binary, with no ambient configuration leaking in.
pub fn strata(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("strata").expect("the strata binary is built");
    cmd.current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("STRATA_DEV_URL");
    cmd
}

/// Output of a run that must succeed with `code`.
pub fn run(dir: &Path, args: &[&str], code: i32) -> String {
    let out = strata(dir).args(args).output().expect("strata runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "strata {args:?} in {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        dir.display()
    );
    format!("{stdout}{stderr}")
}

/// A database to test against: a throw-away one on the real server, or a
/// SQLite file in the project directory.
pub struct Target {
    pub url: String,
    pub dialect: Dialect,
    /// Dev server URL for desired-state SQL (PostgreSQL/MySQL).
    pub dev_url: Option<String>,
    _db: Option<TestDb>,
}

pub async fn target(dialect: Dialect, dir: &Path) -> Target {
    match dialect {
        Dialect::Sqlite => Target {
            url: format!("sqlite://{}?mode=rwc", dir.join("app.db").display()),
            dialect,
            dev_url: None,
            _db: None,
        },
        _ => {
            let db = TestDb::create(strata_engine::driver_for(dialect)).await;
            Target {
                url: db.url.expose(),
                dialect,
                dev_url: Some(strata_testkit::server_url(dialect).expose()),
                _db: Some(db),
            }
        }
    }
}

/// A project directory with a strata.toml pointing at `target`.
pub fn project(target: &Target) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut toml = format!(
        "dialect = \"{}\"\nurl = \"{}\"\nschema = \"schema.sql\"\n",
        target.dialect.as_str(),
        target.url
    );
    if let Some(dev) = &target.dev_url {
        toml.push_str(&format!("dev_url = \"{dev}\"\n"));
    }
    std::fs::write(dir.path().join("strata.toml"), toml).expect("write strata.toml");
    let path = dir.path().to_path_buf();
    (dir, path)
}
