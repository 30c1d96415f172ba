//! Inspection sends a fixed number of catalog queries, whatever the number
//! of tables: the PostgreSQL counterpart of strata-mysql's
//! `the_number_of_queries_does_not_grow_with_the_tables`.
//!
//! MySQL counts a session's statements itself (`Questions`); PostgreSQL has
//! no such per-session counter (`pg_stat_statements` is not loaded, and the
//! `pg_stat_database` transaction counters see one transaction however many
//! queries it holds). So the count is taken on the wire: the inspector
//! connects to the real server through a pass-through TCP relay that counts
//! the statements the client sends, simple-protocol `Query` messages and
//! extended-protocol `Execute` messages, one per round trip.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use strata_driver::{DatabaseUrl, Driver, InspectOptions};
use strata_postgres::DRIVER;
use strata_testkit::TestDb;

/// A relay from a local port to the server behind `url`, counting the
/// statements that go through it.
struct CountingRelay {
    port: u16,
    sent: Arc<AtomicU64>,
}

impl CountingRelay {
    fn start(url: &DatabaseUrl) -> CountingRelay {
        let host = url.host().unwrap_or_else(|| "127.0.0.1".into());
        let upstream = format!("{host}:{}", url.port().unwrap_or(5432));
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let port = listener.local_addr().expect("its address").port();
        let sent = Arc::new(AtomicU64::new(0));
        let counter = sent.clone();
        // Lives until the test process ends; each connection gets two
        // threads, one per direction.
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let server = TcpStream::connect(&upstream)
                    .unwrap_or_else(|e| panic!("relay cannot reach {upstream}: {e}"));
                let (mut from_server, mut to_client) = (
                    server.try_clone().expect("socket"),
                    client.try_clone().expect("socket"),
                );
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut from_server, &mut to_client);
                    let _ = to_client.shutdown(Shutdown::Both);
                });
                let counter = counter.clone();
                std::thread::spawn(move || {
                    let _ = relay_client_messages(client, server, &counter);
                });
            }
        });
        CountingRelay { port, sent }
    }

    fn sent(&self) -> u64 {
        self.sent.load(Ordering::SeqCst)
    }

    /// `url` pointed at the relay, without TLS so that the messages can be
    /// read.
    fn url_for(&self, url: &DatabaseUrl) -> DatabaseUrl {
        let user = url.username().unwrap_or_else(|| "postgres".into());
        let auth = match url.password() {
            Some(p) => format!("{user}:{p}"),
            None => user,
        };
        let db = url
            .database()
            .expect("a test database URL names its database");
        DatabaseUrl::parse(&format!(
            "postgres://{auth}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        ))
        .expect("a valid URL")
    }
}

/// Forwards client-to-server traffic message by message, counting `Q`
/// (simple query) and `E` (execute) messages. The first message (startup)
/// has no type byte.
fn relay_client_messages(
    mut client: TcpStream,
    mut server: TcpStream,
    sent: &AtomicU64,
) -> std::io::Result<()> {
    let mut len = [0u8; 4];
    client.read_exact(&mut len)?;
    let mut body = vec![0u8; (u32::from_be_bytes(len) as usize).saturating_sub(4)];
    client.read_exact(&mut body)?;
    server.write_all(&len)?;
    server.write_all(&body)?;
    loop {
        let mut head = [0u8; 5];
        if client.read_exact(&mut head).is_err() {
            let _ = server.shutdown(Shutdown::Both);
            return Ok(());
        }
        let length = u32::from_be_bytes([head[1], head[2], head[3], head[4]]) as usize;
        let mut body = vec![0u8; length.saturating_sub(4)];
        client.read_exact(&mut body)?;
        if matches!(head[0], b'Q' | b'E') {
            sent.fetch_add(1, Ordering::SeqCst);
        }
        server.write_all(&head)?;
        server.write_all(&body)?;
    }
}

/// `n` tables, each with a primary key, a foreign key to the one before, a
/// check, a unique, an index, a comment and a trigger, and a view for every
/// tenth.
fn schema(n: usize) -> String {
    let mut sql = String::from(
        "CREATE SCHEMA app;\n\
         CREATE TYPE app.mood AS ENUM ('sad', 'happy');\n\
         CREATE SEQUENCE app.counter;\n\
         CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n",
    );
    for i in 0..n {
        let parent = if i == 0 {
            String::new()
        } else {
            format!(", parent_id int REFERENCES app.t{} (id)", i - 1)
        };
        sql.push_str(&format!(
            "CREATE TABLE app.t{i} (id int PRIMARY KEY, code text UNIQUE, mood app.mood, \
             n int DEFAULT nextval('app.counter') CHECK (n > 0){parent});\n\
             CREATE INDEX t{i}_mood ON app.t{i} (mood);\n\
             COMMENT ON TABLE app.t{i} IS 'table {i}';\n\
             CREATE TRIGGER t{i}_touch BEFORE UPDATE ON app.t{i} FOR EACH ROW EXECUTE FUNCTION app.touch();\n"
        ));
        if i % 10 == 0 {
            sql.push_str(&format!(
                "CREATE VIEW app.v{i} AS SELECT id, code FROM app.t{i};\n"
            ));
        }
    }
    sql
}

/// Statements sent by one inspection of a database holding `n` tables.
async fn queries_for(n: usize) -> u64 {
    let db = TestDb::create(&DRIVER).await;
    db.load(&schema(n), &format!("{n} tables")).await;
    let relay = CountingRelay::start(&db.url);
    let mut conn = DRIVER
        .connect(&relay.url_for(&db.url))
        .await
        .unwrap_or_else(|e| panic!("connecting through the relay: {e}"));
    let before = relay.sent();
    let realm = conn.inspect(&InspectOptions::default()).await.unwrap();
    let after = relay.sent();
    conn.close().await;
    let tables = realm.schemas["app"].tables.len();
    assert_eq!(tables, n, "the inspection saw {tables} tables");
    after - before
}

#[tokio::test]
async fn the_number_of_queries_does_not_grow_with_the_tables() {
    let ten = queries_for(10).await;
    let two_hundred = queries_for(200).await;
    assert_eq!(
        ten, two_hundred,
        "10 tables: {ten} queries; 200: {two_hundred}"
    );
    // BEGIN (with the session settings), one query per catalog file,
    // COMMIT: a couple of dozen at most.
    assert!((10..=24).contains(&ten), "{ten} queries");
}

/// The catalog queries strata shows (`--print-catalog-queries`), which the
/// benchmark's floor runs through psql, run there without an error and
/// return the rows the inspector reads.
#[tokio::test]
async fn the_catalog_script_runs_in_psql() {
    let db = TestDb::create(&DRIVER).await;
    db.load(
        "CREATE TABLE catalog_probe (id integer PRIMARY KEY);",
        "probe",
    )
    .await;
    let out = std::process::Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
        .arg(db.url.expose())
        .args(["-c", &DRIVER.catalog_sql()])
        .output()
        .expect("psql runs (install postgresql-client: ./scripts/setup-test-deps)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "psql failed:\n{stderr}");
    assert!(stderr.trim().is_empty(), "{stderr}");
    assert!(stdout.contains("catalog_probe"), "{stdout}");
}
