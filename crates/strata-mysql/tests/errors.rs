//! Connection failures: each is one line, of the right kind, and never
//! shows the password.

use strata_driver::{DatabaseUrl, Driver, DriverError};
use strata_model::Dialect;
use strata_mysql::DRIVER;
use strata_testkit::{TestDb, server_url, unique_name};

const PASSWORD: &str = "Wr0ng-but-s3cret";

async fn connect_error(url: &DatabaseUrl) -> DriverError {
    match DRIVER.connect(url).await {
        Ok(_) => panic!("connecting to {url} should have failed"),
        Err(e) => {
            let text = e.to_string();
            eprintln!("{text}");
            assert!(!text.contains('\n'), "more than one line: {text}");
            assert!(!text.contains(PASSWORD), "the password leaked: {text}");
            e
        }
    }
}

/// The test server's URL with other credentials, database or parameters.
fn url_with(user: &str, password: Option<&str>, database: &str, query: &str) -> DatabaseUrl {
    let server = server_url(Dialect::Mysql);
    let host = server.host().unwrap_or_else(|| "127.0.0.1".into());
    let port = server.port().unwrap_or(3306);
    let auth = match password {
        Some(p) => format!("{user}:{p}"),
        None => user.to_string(),
    };
    DatabaseUrl::parse(&format!("mysql://{auth}@{host}:{port}/{database}{query}")).unwrap()
}

/// A user that exists for one test and is dropped afterwards, also when
/// the test fails.
struct TempUser {
    name: String,
}

impl TempUser {
    async fn create(password: &str) -> TempUser {
        let name = unique_name("strata_u");
        let mut conn = DRIVER.connect(&server_url(Dialect::Mysql)).await.unwrap();
        conn.execute(&format!(
            "CREATE USER '{name}'@'%' IDENTIFIED BY '{password}'"
        ))
        .await
        .unwrap();
        conn.close().await;
        TempUser { name }
    }
}

impl Drop for TempUser {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop cannot await: a thread with its own runtime does the work.
        let done = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let mut conn = DRIVER
                    .connect(&server_url(Dialect::Mysql))
                    .await
                    .map_err(|e| e.to_string())?;
                let out = conn
                    .execute(&format!("DROP USER IF EXISTS '{name}'@'%'"))
                    .await
                    .map_err(|e| e.to_string());
                conn.close().await;
                out
            })
        })
        .join();
        if !matches!(done, Ok(Ok(()))) {
            eprintln!("warning: could not drop test user {}: {done:?}", self.name);
        }
    }
}

#[tokio::test]
async fn wrong_password_is_an_authentication_error() {
    let user = TempUser::create("the-right-one").await;
    let err = connect_error(&url_with(&user.name, Some(PASSWORD), "", "")).await;
    assert!(matches!(err, DriverError::Authentication { .. }), "{err:?}");
    assert!(err.to_string().contains("Access denied"), "{err}");
}

#[tokio::test]
async fn a_database_the_user_may_not_use_is_permission_denied() {
    let db = TestDb::create(&DRIVER).await;
    let user = TempUser::create(PASSWORD).await;
    let err = connect_error(&url_with(&user.name, Some(PASSWORD), db.name(), "")).await;
    assert!(
        matches!(err, DriverError::PermissionDenied { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn unknown_database() {
    let name = unique_name("strata_missing");
    let err = connect_error(&url_with("root", None, &name, "")).await;
    match &err {
        DriverError::DatabaseNotFound { database, .. } => assert_eq!(database, &name),
        other => panic!("{other:?}"),
    }
}

/// PostgreSQL waits for the client to speak first; a MySQL client waits
/// for the server's greeting. The connect timeout turns that into a
/// "not MySQL" error, not a hang.
#[tokio::test]
async fn postgresql_on_the_port_is_the_wrong_server() {
    let url = DatabaseUrl::parse(&format!(
        "mysql://root:{PASSWORD}@127.0.0.1:5432/x?connect_timeout=2"
    ))
    .unwrap();
    let err = connect_error(&url).await;
    assert!(
        matches!(err, DriverError::WrongServer { .. }),
        "is PostgreSQL running on 127.0.0.1:5432? {err:?}"
    );
}

/// A server that talks, but not MySQL.
#[tokio::test]
async fn a_server_that_speaks_another_protocol_is_the_wrong_server() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::AsyncWriteExt;
        while let Ok((mut socket, _)) = listener.accept().await {
            let _ = socket
                .write_all(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\nnot mysql at all\r\n")
                .await;
        }
    });
    let url = DatabaseUrl::parse(&format!("mysql://root@127.0.0.1:{port}/x")).unwrap();
    let err = connect_error(&url).await;
    assert!(matches!(err, DriverError::WrongServer { .. }), "{err:?}");
}

#[tokio::test]
async fn nothing_listening_is_unreachable() {
    let port = strata_driver::server::free_port().unwrap();
    let url = DatabaseUrl::parse(&format!("mysql://root:{PASSWORD}@127.0.0.1:{port}/x")).unwrap();
    let err = connect_error(&url).await;
    assert!(matches!(err, DriverError::Unreachable { .. }), "{err:?}");
}

/// The test server runs without TLS: requiring it must fail clearly.
#[tokio::test]
async fn tls_required_but_refused() {
    let err = connect_error(&url_with("root", None, "", "?ssl-mode=REQUIRED")).await;
    assert!(matches!(err, DriverError::Tls { .. }), "{err:?}");
    assert!(err.to_string().contains("TLS"), "{err}");
}

/// A statement error names the server's message and error number.
#[tokio::test]
async fn statement_errors_carry_the_server_message() {
    let db = TestDb::create(&DRIVER).await;
    let mut conn = db.connect().await;
    let err = conn
        .execute("SELECT * FROM no_such_table")
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("1146"), "{text}");
    assert!(!text.contains('\n'));
    conn.close().await;
}
