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
            urls.push(db.url.expose());
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
    assert!(!body.contains("mode=rwc") || !body.contains("password"));
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
