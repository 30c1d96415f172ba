//! `strata drift` on real databases.

mod common;

use common::run;
use std::io::{Read as _, Write as _};
use strata_model::Dialect;
use strata_testkit::TestDb;

/// Two databases built from the same migrations, in a project whose
/// strata.toml names them `staging` and `prod`.
struct Pair {
    dir: tempfile::TempDir,
    staging: String,
    prod: String,
    _dbs: Vec<TestDb>,
}

async fn pair(dialect: Dialect) -> Pair {
    pair_with_password(dialect, None).await
}

/// A password put into a server URL's user info (the test servers trust
/// every local connection, so any password is accepted).
fn with_password(url: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a server URL");
    let (user, host) = rest.split_once('@').expect("a user in the URL");
    let user = user.split(':').next().unwrap_or(user);
    format!("{scheme}://{user}:{password}@{host}")
}

/// [`pair`], with `password` in both environments' URLs (server dialects).
async fn pair_with_password(dialect: Dialect, password: Option<&str>) -> Pair {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut dbs = Vec::new();
    let mut urls = Vec::new();
    for name in ["staging", "prod"] {
        if dialect == Dialect::Sqlite {
            urls.push(format!(
                "sqlite://{}?mode=rwc",
                dir.path().join(format!("{name}.db")).display()
            ));
        } else {
            let db = TestDb::create(strata_engine::driver_for(dialect)).await;
            urls.push(match password {
                Some(pw) => with_password(&db.url.expose(), pw),
                None => db.url.expose(),
            });
            dbs.push(db);
        }
    }
    let mut toml = format!(
        "dialect = \"{}\"\n[env.staging]\nurl = \"{}\"\n[env.prod]\nurl = \"{}\"\n",
        dialect.as_str(),
        urls[0],
        urls[1]
    );
    if dialect != Dialect::Sqlite {
        toml.push_str(&format!(
            "dev_url = \"{}\"\n",
            strata_testkit::server_url(dialect).expose()
        ));
        // dev_url must come before the [env] tables in TOML.
        toml = format!(
            "dialect = \"{}\"\ndev_url = \"{}\"\n[env.staging]\nurl = \"{}\"\n[env.prod]\nurl = \"{}\"\n",
            dialect.as_str(),
            strata_testkit::server_url(dialect).expose(),
            urls[0],
            urls[1]
        );
    }
    std::fs::write(dir.path().join("strata.toml"), toml).expect("write");
    let rev = dir.path().join("migrations/20260101000000_base");
    std::fs::create_dir_all(&rev).expect("mkdir");
    std::fs::write(
        rev.join("revision.toml"),
        "message = \"base\"\nparents = []\n",
    )
    .expect("write");
    let (trigger, drop_trigger) = match dialect {
        Dialect::Postgres => (
            "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n\
             CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();\n",
            "DROP TRIGGER users_touch ON users;\nDROP FUNCTION touch();\n",
        ),
        Dialect::Mysql => (
            "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW BEGIN SET NEW.email = LOWER(NEW.email); END;\n",
            "DROP TRIGGER users_touch;\n",
        ),
        Dialect::Sqlite => (
            "CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END;\n",
            "DROP TRIGGER users_touch;\n",
        ),
    };
    let email = if dialect == Dialect::Mysql {
        "varchar(200)"
    } else {
        "text"
    };
    std::fs::write(
        rev.join("up.sql"),
        format!(
            "CREATE TABLE users (id integer PRIMARY KEY, email {email} NOT NULL, name {email});\n\
             CREATE INDEX users_email ON users (email);\n{trigger}"
        ),
    )
    .expect("write");
    std::fs::write(
        rev.join("down.sql"),
        format!("{drop_trigger}DROP TABLE users;\n"),
    )
    .expect("write");
    for env in ["staging", "prod"] {
        run(dir.path(), &["migrate", "up", "--env", env], 0);
    }
    Pair {
        staging: urls[0].clone(),
        prod: urls[1].clone(),
        dir,
        _dbs: dbs,
    }
}

async fn execute(dialect: Dialect, url: &str, sql: &str) {
    let url = strata_driver::DatabaseUrl::parse(url).expect("url");
    let mut conn = strata_engine::driver_for(dialect)
        .connect(&url)
        .await
        .expect("connect");
    conn.execute_script(sql, "test")
        .await
        .expect("statement runs");
    conn.close().await;
}

async fn identical_then_one_object_changed(dialect: Dialect) {
    let p = pair(dialect).await;
    let dir = p.dir.path();
    let out = run(dir, &["drift", "--against", "migrations"], 0);
    assert!(out.contains("2 clean, 0 drifted"), "{out}");
    let out = run(dir, &["drift", "staging", "--against", "prod"], 0);
    assert!(out.contains("1 clean"), "{out}");

    // A column changed by hand in prod.
    let alter = match dialect {
        Dialect::Mysql => "ALTER TABLE users MODIFY name varchar(50)",
        Dialect::Postgres => "ALTER TABLE users ALTER COLUMN name TYPE varchar(50)",
        Dialect::Sqlite => "ALTER TABLE users ADD COLUMN extra text",
    };
    execute(dialect, &p.prod, alter).await;
    let out = run(
        dir,
        &["drift", "--against", "migrations", "--format", "json"],
        1,
    );
    let report: serde_json::Value =
        serde_json::from_str(&out[..out.rfind('}').map_or(0, |i| i + 1)]).expect("json");
    let prod = report["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| t["name"] == "prod")
        .expect("prod");
    assert_eq!(prod["status"], "drift", "{out}");
    let items = prod["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{out}");
    assert!(
        items[0]["object"].as_str().unwrap_or("").ends_with("users"),
        "{out}"
    );
    let column = if dialect == Dialect::Sqlite {
        "extra"
    } else {
        "name"
    };
    assert!(
        items[0]["change"].as_str().unwrap_or("").contains(column),
        "{out}"
    );
    assert!(
        !items[0]["sql"].as_array().expect("sql").is_empty(),
        "{out}"
    );
    let staging = report["targets"]
        .as_array()
        .expect("t")
        .iter()
        .find(|t| t["name"] == "staging")
        .expect("staging");
    assert_eq!(staging["status"], "clean");

    // An index and a trigger changed by hand in staging.
    let (drop_index, drop_trigger) = match dialect {
        Dialect::Mysql => (
            "DROP INDEX users_email ON users",
            "DROP TRIGGER users_touch",
        ),
        Dialect::Postgres => (
            "DROP INDEX users_email",
            "DROP TRIGGER users_touch ON users",
        ),
        Dialect::Sqlite => ("DROP INDEX users_email", "DROP TRIGGER users_touch"),
    };
    execute(dialect, &p.staging, drop_index).await;
    let out = run(dir, &["drift", "staging", "--against", "migrations"], 1);
    assert!(
        out.contains("users_email") && out.contains("DRIFT  staging (1 object(s))"),
        "{out}"
    );
    execute(dialect, &p.staging, drop_trigger).await;
    let out = run(dir, &["drift", "staging", "--against", "migrations"], 1);
    assert!(
        out.contains("users_touch") && out.contains("(2 object(s))"),
        "{out}"
    );
}

#[tokio::test]
async fn sqlite_drift() {
    identical_then_one_object_changed(Dialect::Sqlite).await;
}

#[tokio::test]
async fn postgres_drift() {
    identical_then_one_object_changed(Dialect::Postgres).await;
}

/// A one-shot HTTP server on 127.0.0.1 that records the body it receives.
fn webhook_server() -> (String, std::thread::JoinHandle<String>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://127.0.0.1:{}/hooks/drift",
        listener.local_addr().expect("addr").port()
    );
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a request arrives");
        let mut data = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            let n = stream.read(&mut buf).expect("read");
            data.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&data);
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text[..end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if data.len() >= end + 4 + length || n == 0 {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        stream
            .write_all(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            .expect("respond");
        String::from_utf8_lossy(&data).into_owned()
    });
    (url, handle)
}

#[tokio::test]
async fn webhook_and_audit_log() {
    let p = pair(Dialect::Sqlite).await;
    let dir = p.dir.path();
    let audit = dir.join("audit.jsonl");
    let audit_arg = audit.display().to_string();
    run(
        dir,
        &[
            "drift",
            "--against",
            "migrations",
            "--audit-log",
            &audit_arg,
        ],
        0,
    );
    execute(
        Dialect::Sqlite,
        &p.prod,
        "ALTER TABLE users ADD COLUMN extra text",
    )
    .await;
    let (url, server) = webhook_server();
    run(
        dir,
        &[
            "drift",
            "--against",
            "migrations",
            "--audit-log",
            &audit_arg,
            "--webhook",
            &url,
        ],
        1,
    );
    let request = server.join().expect("server");
    assert!(request.starts_with("POST /hooks/drift"), "{request}");
    let body = &request[request.find("\r\n\r\n").expect("body") + 4..];
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON payload");
    assert_eq!(json["summary"]["drift"], 1);
    let lines: Vec<String> = std::fs::read_to_string(&audit)
        .expect("audit log")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let entry: serde_json::Value =
            serde_json::from_str(line).expect("one JSON object per line");
        assert!(entry["time"].is_string() && entry["reference"]["fingerprint"].is_string());
        for t in entry["targets"].as_array().expect("targets") {
            assert!(t["fingerprint"].is_string());
        }
    }
}

/// 200 tenant schemas, 3 of them changed by hand: exactly those 3 drift.
#[tokio::test]
async fn fleet_of_tenant_schemas() {
    let db = TestDb::create(strata_engine::driver_for(Dialect::Postgres)).await;
    let tenant_sql = |s: &str| {
        format!(
            "CREATE SCHEMA {s};\n\
             CREATE TABLE {s}.accounts (id bigserial PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());\n\
             CREATE TABLE {s}.invoices (id bigserial PRIMARY KEY, account_id bigint REFERENCES {s}.accounts (id), total numeric(12,2) CHECK (total >= 0));\n\
             CREATE INDEX ON {s}.invoices (account_id);\n\
             CREATE VIEW {s}.open_invoices AS SELECT i.id, a.name FROM {s}.invoices i JOIN {s}.accounts a ON a.id = i.account_id;\n"
        )
    };
    let mut script = String::new();
    for i in 0..200 {
        script.push_str(&tenant_sql(&format!("tenant_{i:03}")));
    }
    script.push_str("ALTER TABLE tenant_017.accounts ADD COLUMN note text;\n");
    script.push_str("DROP INDEX tenant_099.invoices_account_id_idx;\n");
    script.push_str("ALTER TABLE tenant_150.invoices ALTER COLUMN total TYPE numeric(14,2);\n");
    db.load(&script, "tenants").await;

    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("reference.sql"),
        tenant_sql("public").replace("CREATE SCHEMA public;\n", ""),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("strata.toml"),
        format!(
            "dialect = \"postgres\"\nschema = \"reference.sql\"\ndev_url = \"{}\"\n",
            strata_testkit::server_url(Dialect::Postgres).expose()
        ),
    )
    .expect("write");
    let out = run(
        dir.path(),
        &[
            "drift",
            &db.url.expose(),
            "--schemas-like",
            "tenant\\_%",
            "--against",
            "schema",
            "--format",
            "json",
        ],
        1,
    );
    let report: serde_json::Value =
        serde_json::from_str(out.trim_end().trim_end_matches(|c| c != '}')).expect("json");
    assert_eq!(report["summary"]["targets"], 200, "{}", report["summary"]);
    let drifted: Vec<String> = report["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .filter(|t| t["status"] != "clean")
        .map(|t| {
            t["name"]
                .as_str()
                .unwrap_or("")
                .rsplit('#')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(drifted, ["tenant_017", "tenant_099", "tenant_150"], "{out}");

    // Sharding splits the same fleet without overlap.
    let mut seen = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let output = common::strata(dir.path())
            .args([
                "drift",
                &db.url.expose(),
                "--schemas-like",
                "tenant\\_%",
                "--against",
                "schema",
                "--shard",
                &shard,
                "--format",
                "json",
            ])
            .output()
            .expect("strata runs");
        assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
        let r: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        seen += r["summary"]["targets"].as_u64().unwrap_or(0);
    }
    assert_eq!(seen, 200);
}

#[tokio::test]
async fn mariadb_drift() {
    identical_then_one_object_changed(Dialect::Mysql).await;
}

const PASSWORD: &str = "s3cr3t-PW";

/// stdout and stderr of a run that must end with `code`.
fn run_split(dir: &std::path::Path, args: &[&str], code: i32) -> (String, String) {
    let out = common::strata(dir)
        .args(args)
        .output()
        .expect("strata runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "strata {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    (stdout, stderr)
}

fn assert_no_password(what: &str, text: &str) {
    assert!(
        !text.contains(PASSWORD),
        "the password shows in {what}:\n{text}"
    );
}

fn target_status<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no target {name} in {report}"))
}

/// An environment that cannot be reached is an error for that environment:
/// the others are still checked and reported, and the run exits 2.
#[tokio::test]
async fn postgres_unreachable_environment_does_not_stop_the_others() {
    let p = pair(Dialect::Postgres).await;
    let dir = p.dir.path();
    let toml = std::fs::read_to_string(dir.join("strata.toml")).expect("read");
    std::fs::write(
        dir.join("strata.toml"),
        format!("{toml}[env.down]\nurl = \"postgres://postgres:{PASSWORD}@127.0.0.1:1/nowhere\"\n"),
    )
    .expect("write");
    execute(
        Dialect::Postgres,
        &p.prod,
        "ALTER TABLE users ADD COLUMN extra text",
    )
    .await;

    let (stdout, stderr) = run_split(dir, &["drift", "--against", "migrations"], 2);
    assert!(stdout.contains("clean  staging"), "{stdout}");
    assert!(
        stdout.contains("DRIFT  prod (1 object(s))") && stdout.contains("extra"),
        "{stdout}"
    );
    assert!(stdout.contains("ERROR  down: "), "{stdout}");
    assert!(
        stdout.contains("3 target(s): 1 clean, 1 drifted, 1 error(s)"),
        "{stdout}"
    );
    assert!(
        stderr.contains("1 target(s) could not be checked: down"),
        "{stderr}"
    );
    assert_no_password("stdout", &stdout);
    assert_no_password("stderr", &stderr);

    let (stdout, stderr) = run_split(
        dir,
        &["drift", "--against", "migrations", "--format", "json"],
        2,
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    assert_eq!(report["summary"]["targets"], 3, "{stdout}");
    assert_eq!(target_status(&report, "staging")["status"], "clean");
    assert_eq!(target_status(&report, "prod")["status"], "drift");
    let down = target_status(&report, "down");
    assert_eq!(down["status"], "error");
    assert!(!down["error"].as_str().unwrap_or("").is_empty(), "{down}");
    assert_no_password("stdout", &stdout);
    assert_no_password("stderr", &stderr);

    // Only the unreachable one named: still an error, nothing else checked.
    let (stdout, _) = run_split(dir, &["drift", "down", "--against", "migrations"], 2);
    assert!(stdout.contains("ERROR  down"), "{stdout}");
}

/// `--targets FILE` (a fleet of URLs carrying passwords) in every format:
/// the passwords never show; Markdown and JUnit reports are well-formed and
/// fail exactly the drifted targets.
#[tokio::test]
async fn postgres_targets_file_in_every_format() {
    let driver = strata_engine::driver_for(Dialect::Postgres);
    let (reference, same, changed) = (
        TestDb::create(driver).await,
        TestDb::create(driver).await,
        TestDb::create(driver).await,
    );
    let schema = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL);\n\
                  CREATE INDEX users_email ON users (email);\n";
    for db in [&reference, &same, &changed] {
        db.load(schema, "schema").await;
    }
    changed
        .load("ALTER TABLE users ADD COLUMN nickname text;\n", "drift")
        .await;
    let url = |db: &TestDb| with_password(&db.url.expose(), PASSWORD);
    let dir = tempfile::tempdir().expect("tempdir");
    let dir = dir.path();
    std::fs::write(dir.join("strata.toml"), "dialect = \"postgres\"\n").expect("write");
    let fleet = format!("# the fleet\n{}\n\n  {}  \n", url(&same), url(&changed));
    std::fs::write(dir.join("fleet.txt"), &fleet).expect("write");
    let against = url(&reference);
    let name = |db: &TestDb| format!("postgres://postgres:***@127.0.0.1:5432/{}", db.name());

    // Markdown: a summary table, then a section per drifted target with its SQL.
    let (md, stderr) = run_split(
        dir,
        &[
            "drift",
            "--targets",
            "fleet.txt",
            "--against",
            &against,
            "--format",
            "markdown",
        ],
        1,
    );
    assert_no_password("markdown", &md);
    assert_no_password("stderr", &stderr);
    assert!(md.starts_with("# Schema drift\n"), "{md}");
    assert!(
        md.contains("| target | status | objects |\n|---|---|---|\n"),
        "{md}"
    );
    assert!(
        md.contains(&format!("| `{}` | clean | 0 |", name(&same))),
        "{md}"
    );
    assert!(
        md.contains(&format!("| `{}` | **drift** | 1 |", name(&changed))),
        "{md}"
    );
    assert!(md.contains(&format!("\n## `{}`\n", name(&changed))), "{md}");
    assert!(!md.contains(&format!("## `{}`", name(&same))), "{md}");
    assert!(
        md.contains("nickname") && md.contains("```sql") && md.contains("DROP COLUMN"),
        "{md}"
    );

    // JUnit: one test case per target, a failure for each drifted one.
    let (xml, _) = run_split(
        dir,
        &[
            "drift",
            "--targets",
            "fleet.txt",
            "--against",
            &against,
            "--format",
            "junit",
        ],
        1,
    );
    assert_no_password("junit", &xml);
    let doc = roxmltree::Document::parse(&xml).expect("the JUnit report is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("2"), "{xml}");
    assert_eq!(root.attribute("failures"), Some("1"), "{xml}");
    let suite = root
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a testsuite");
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2, "{xml}");
    let failed: Vec<(String, String, String)> = cases
        .iter()
        .filter_map(|c| {
            let f = c.children().find(|n| n.has_tag_name("failure"))?;
            Some((
                c.attribute("name").unwrap_or_default().to_string(),
                f.attribute("message").unwrap_or_default().to_string(),
                f.text().unwrap_or_default().to_string(),
            ))
        })
        .collect();
    assert_eq!(failed.len(), 1, "{xml}");
    assert_eq!(failed[0].0, name(&changed));
    assert_eq!(failed[0].1, "1 drifted object(s)");
    assert!(failed[0].2.contains("nickname"), "{xml}");

    // An unreachable URL joins the fleet: every format still masks every
    // password, and exits 2 with the others reported.
    std::fs::write(
        dir.join("fleet.txt"),
        format!("{fleet}postgres://postgres:{PASSWORD}@127.0.0.1:1/nowhere\n"),
    )
    .expect("write");
    for format in ["text", "json", "markdown", "junit"] {
        let (stdout, stderr) = run_split(
            dir,
            &[
                "drift",
                "--targets",
                "fleet.txt",
                "--against",
                &against,
                "--format",
                format,
            ],
            2,
        );
        assert_no_password(&format!("{format} stdout"), &stdout);
        assert_no_password(&format!("{format} stderr"), &stderr);
        assert!(
            stdout.contains("postgres://postgres:***@127.0.0.1:1/nowhere"),
            "{stdout}"
        );
        assert!(stdout.contains(&name(&changed)), "{format}: {stdout}");
        assert!(
            stderr.contains("1 target(s) could not be checked"),
            "{stderr}"
        );
        match format {
            "json" => {
                let r: serde_json::Value = serde_json::from_str(&stdout).expect("json");
                assert_eq!(r["summary"]["clean"], 1, "{stdout}");
                assert_eq!(r["summary"]["drift"], 1, "{stdout}");
                assert_eq!(r["summary"]["error"], 1, "{stdout}");
            }
            "junit" => {
                let doc = roxmltree::Document::parse(&stdout).expect("xml");
                assert_eq!(doc.root_element().attribute("failures"), Some("2"));
            }
            _ => {}
        }
    }
}

/// The ignore rules for known noise on PostgreSQL: a change by hand is drift
/// without its rule and clean with it.
#[tokio::test]
async fn postgres_ignore_rules() {
    let p = pair(Dialect::Postgres).await;
    let dir = p.dir.path();
    let drift = |extra: &[&str], code: i32| {
        let mut args = vec!["drift", "prod", "--against", "staging"];
        args.extend_from_slice(extra);
        run(dir, &args, code)
    };
    drift(&["--with-privileges"], 0);

    // comments
    execute(
        Dialect::Postgres,
        &p.prod,
        "COMMENT ON TABLE users IS 'set by hand'; COMMENT ON COLUMN users.email IS 'also by hand'",
    )
    .await;
    let out = drift(&[], 1);
    assert!(
        out.contains("table public.users")
            && out.contains("COMMENT ON TABLE")
            && out.contains("COMMENT ON COLUMN"),
        "{out}"
    );
    drift(&["--ignore", "comments"], 0);
    execute(
        Dialect::Postgres,
        &p.prod,
        "COMMENT ON TABLE users IS NULL; COMMENT ON COLUMN users.email IS NULL",
    )
    .await;
    drift(&[], 0);

    // owners (read with --with-privileges only)
    execute(
        Dialect::Postgres,
        &p.prod,
        "ALTER TABLE users OWNER TO pg_monitor",
    )
    .await;
    drift(&[], 0);
    let out = drift(&["--with-privileges"], 1);
    assert!(out.contains("users") && out.contains("pg_monitor"), "{out}");
    drift(&["--with-privileges", "--ignore", "owners"], 0);
    execute(
        Dialect::Postgres,
        &p.prod,
        "ALTER TABLE users OWNER TO postgres",
    )
    .await;
    drift(&["--with-privileges"], 0);

    // privileges
    execute(
        Dialect::Postgres,
        &p.prod,
        "GRANT SELECT, INSERT ON users TO PUBLIC",
    )
    .await;
    drift(&[], 0);
    let out = drift(&["--with-privileges"], 1);
    assert!(
        out.contains("REVOKE INSERT, SELECT ON TABLE \"public\".\"users\" FROM PUBLIC"),
        "{out}"
    );
    drift(&["--with-privileges", "--ignore", "privileges"], 0);
    // The rule in strata.toml does the same.
    let toml = std::fs::read_to_string(dir.join("strata.toml")).expect("read");
    let (head, envs) = toml.split_once("[env.").expect("envs");
    std::fs::write(
        dir.join("strata.toml"),
        format!("{head}[drift]\nignore = [\"privileges\"]\n[env.{envs}"),
    )
    .expect("write");
    drift(&["--with-privileges"], 0);
    std::fs::write(dir.join("strata.toml"), &toml).expect("write");
    execute(
        Dialect::Postgres,
        &p.prod,
        "REVOKE SELECT, INSERT ON users FROM PUBLIC",
    )
    .await;
    drift(&["--with-privileges"], 0);

    // extension versions
    execute(
        Dialect::Postgres,
        &p.staging,
        "CREATE EXTENSION pg_trgm VERSION '1.5'",
    )
    .await;
    execute(
        Dialect::Postgres,
        &p.prod,
        "CREATE EXTENSION pg_trgm VERSION '1.6'",
    )
    .await;
    let out = drift(&[], 1);
    assert!(out.contains("pg_trgm") && out.contains("1.5"), "{out}");
    drift(&["--ignore", "extension-versions"], 0);
}

/// The webhook payload, the audit log, stdout and stderr never carry the
/// password of a URL; the audit log grows by one JSON line per run.
#[tokio::test]
async fn postgres_webhook_and_audit_log_keep_passwords_out() {
    let p = pair_with_password(Dialect::Postgres, Some(PASSWORD)).await;
    assert!(p.prod.contains(PASSWORD) && p.staging.contains(PASSWORD));
    let dir = p.dir.path();
    let audit = dir.join("audit.jsonl");
    let audit_arg = audit.display().to_string();
    let lines = || -> Vec<serde_json::Value> {
        let text = std::fs::read_to_string(&audit).expect("audit log");
        assert_no_password("the audit log", &text);
        text.lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect()
    };
    let base = [
        "drift",
        p.prod.as_str(),
        "--against",
        p.staging.as_str(),
        "--audit-log",
        audit_arg.as_str(),
    ];

    // 1: clean.
    let (stdout, stderr) = run_split(dir, &base, 0);
    assert_no_password("stdout", &stdout);
    assert_no_password("stderr", &stderr);
    assert!(
        stdout.contains("clean  postgres://postgres:***@"),
        "{stdout}"
    );
    assert_eq!(lines().len(), 1);

    // 2: drift, reported to the webhook.
    execute(
        Dialect::Postgres,
        &p.prod,
        "ALTER TABLE users ADD COLUMN extra text",
    )
    .await;
    let (url, server) = webhook_server();
    let mut args = base.to_vec();
    args.extend(["--webhook", url.as_str()]);
    let (stdout, stderr) = run_split(dir, &args, 1);
    assert_no_password("stdout", &stdout);
    assert_no_password("stderr", &stderr);
    let request = server.join().expect("server");
    assert!(request.starts_with("POST /hooks/drift"), "{request}");
    assert_no_password("the webhook request", &request);
    let body = &request[request.find("\r\n\r\n").expect("body") + 4..];
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON payload");
    assert_eq!(json["summary"]["drift"], 1, "{body}");
    assert!(
        json["reference"]["name"]
            .as_str()
            .unwrap_or("")
            .starts_with("postgres://postgres:***@"),
        "{body}"
    );
    assert!(body.contains("extra"), "{body}");
    assert_eq!(lines().len(), 2);

    // 3: drift and an unreachable target with a password: exit 2, still
    // one line more and a webhook without the password.
    let down = format!("postgres://postgres:{PASSWORD}@127.0.0.1:1/nowhere");
    let (url, server) = webhook_server();
    let mut args = base.to_vec();
    args.extend(["--webhook", url.as_str(), down.as_str()]);
    let (stdout, stderr) = run_split(dir, &args, 2);
    assert_no_password("stdout", &stdout);
    assert_no_password("stderr", &stderr);
    let request = server.join().expect("server");
    assert_no_password("the webhook request", &request);
    let entries = lines();
    assert_eq!(entries.len(), 3);
    for entry in &entries {
        assert!(entry["time"].is_string() && entry["reference"]["fingerprint"].is_string());
        for t in entry["targets"].as_array().expect("targets") {
            assert!(t["name"].as_str().unwrap_or("").contains(":***@"), "{t}");
            assert!(
                t["status"] == "error" || t["fingerprint"].is_string(),
                "{t}"
            );
        }
    }
    assert_eq!(entries[2]["summary"]["error"], 1);
}
