//! Opening connections and running statements.
//!
//! A [`DatabaseUrl`] becomes sqlx's [`MySqlConnectOptions`] field by field
//! (never by handing the URL text to sqlx, so only the parameters strata
//! documents are honoured), and every failure becomes a one-line
//! [`DriverError`] whose text has been through [`DatabaseUrl::scrub`].
//!
//! The session keeps the server's own `sql_mode` and time zone, as the
//! `mysql` client does: sqlx would otherwise add `PIPES_AS_CONCAT` (which
//! changes what `||` means in every view, default and routine strata
//! creates) and switch to UTC (which shifts how TIMESTAMP defaults and event
//! schedules read).

use crate::flavor::Flavor;
use crate::inspect;
use async_trait::async_trait;
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlDatabaseError, MySqlSslMode};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection as _, Row};
use std::time::Duration;
use strata_driver::{Connection, DatabaseUrl, DriverError, InspectOptions, UrlError};
use strata_model::{Realm, Server};

/// The MySQL error numbers a failure is classified by.
mod code {
    /// `Access denied for user` (wrong password or unknown user).
    pub const ACCESS_DENIED: u16 = 1045;
    /// `Access denied for user … to database …`.
    pub const DB_ACCESS_DENIED: u16 = 1044;
    /// `Unknown database`.
    pub const BAD_DB: u16 = 1049;
    /// `… command denied to user … for table …`.
    pub const TABLE_ACCESS_DENIED: u16 = 1142;
    /// `Access denied; you need (at least one of) the … privilege(s)`.
    pub const SPECIFIC_ACCESS_DENIED: u16 = 1227;
    /// `Host … is not allowed to connect to this server`.
    pub const HOST_NOT_PRIVILEGED: u16 = 1130;
    /// `Client does not support authentication protocol requested by server`.
    pub const NOT_SUPPORTED_AUTH_MODE: u16 = 1251;
    /// MariaDB's unix_socket plugin refused a TCP login.
    pub const ACCESS_DENIED_NO_PASSWORD: u16 = 1698;
}

/// How long a connection may take when the URL sets no `connect_timeout`:
/// long enough for a slow network, short enough that a port where nothing
/// speaks MySQL (a PostgreSQL server waits for the client to speak first)
/// fails in reasonable time.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What to do about MySQL 8's RSA key exchange when the feature is off.
pub(crate) const RSA_HINT: &str = "the server's caching_sha2_password authentication needs RSA to send the password without TLS; \
     connect with ssl-mode=REQUIRED, or rebuild strata with the mysql-rsa feature \
     (`cargo build --release -p strata-cli --features mysql-rsa`)";

/// An open connection to one MySQL or MariaDB database (or to the server,
/// when the URL names no database).
pub struct MyConn {
    url: DatabaseUrl,
    server: Server,
    flavor: Flavor,
    conn: MySqlConnection,
}

impl MyConn {
    /// Connects and asks the server what it is.
    pub async fn open(url: &DatabaseUrl) -> Result<MyConn, DriverError> {
        let conn = establish(url, connect_options(url, true)?).await?;
        let mut me = MyConn {
            url: url.clone(),
            server: Server::default(),
            flavor: Flavor::from_version(""),
            conn,
        };
        let row = sqlx::query("SELECT CAST(VERSION() AS CHAR) AS version")
            .fetch_one(&mut me.conn)
            .await
            .map_err(|e| me.error("reading the server version", e))?;
        let version = inspect::rows::text(&row, "version")?.unwrap_or_default();
        me.flavor = Flavor::from_version(&version);
        me.server = Server {
            mariadb: me.flavor.mariadb,
            version,
        };
        Ok(me)
    }

    /// The underlying sqlx connection, for the inspector.
    pub(crate) fn raw(&mut self) -> &mut MySqlConnection {
        &mut self.conn
    }

    pub(crate) fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// The database the URL names, if any.
    pub(crate) fn database(&self) -> Option<String> {
        self.url.database()
    }

    /// Classifies a failure of a statement strata ran itself (`what` says which).
    pub(crate) fn error(&self, what: &str, e: sqlx::Error) -> DriverError {
        query_error(&self.url, what, e)
    }
}

#[async_trait]
impl Connection for MyConn {
    fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    fn server(&self) -> &Server {
        &self.server
    }

    async fn inspect(&mut self, options: &InspectOptions) -> Result<Realm, DriverError> {
        inspect::inspect(self, options).await
    }

    async fn execute(&mut self, sql: &str) -> Result<(), DriverError> {
        // The text protocol: CREATE TRIGGER, CREATE PROCEDURE and friends
        // cannot be prepared.
        sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut self.conn)
            .await
            .map(|_| ())
            .map_err(|e| match classify_denied(&self.url, &e) {
                Some(denied) => denied,
                None => DriverError::Statement {
                    location: self.url.describe(),
                    detail: server_message(&self.url, &e),
                },
            })
    }

    async fn query_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, DriverError> {
        let rows = sqlx::raw_sql(AssertSqlSafe(sql))
            .fetch_all(&mut self.conn)
            .await
            .map_err(|e| DriverError::Statement {
                location: self.url.describe(),
                detail: server_message(&self.url, &e),
            })?;
        // The text protocol sends every value as text: read the bytes as
        // they came, whatever the column's type.
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.try_get_unchecked::<Option<Vec<u8>>, _>(i)
                            .map(|v| v.map(|b| String::from_utf8_lossy(&b).into_owned()))
                            .map_err(|e| DriverError::Decode {
                                context: "a query result".into(),
                                detail: e.to_string(),
                            })
                    })
                    .collect()
            })
            .collect()
    }

    async fn close(self: Box<Self>) {
        let _ = self.conn.close().await;
    }
}

/// Builds sqlx's options from the URL, one documented field at a time.
/// `with_database` false leaves the database out (to create or drop one).
pub(crate) fn connect_options(
    url: &DatabaseUrl,
    with_database: bool,
) -> Result<MySqlConnectOptions, DriverError> {
    let mut o = MySqlConnectOptions::new()
        .pipes_as_concat(false)
        .no_engine_substitution(false)
        .timezone(None);
    if let Some(host) = url.host() {
        o = o.host(&host);
    }
    if let Some(port) = url.port() {
        o = o.port(port);
    }
    if let Some(user) = url.username() {
        o = o.username(&user);
    }
    if let Some(password) = url.password() {
        o = o.password(&password);
    }
    if with_database && let Some(db) = url.database() {
        o = o.database(&db);
    }
    for (key, value) in url.params() {
        o = match key.as_str() {
            "ssl-mode" => o.ssl_mode(ssl_mode(&value)?),
            "ssl-ca" => o.ssl_ca(&value),
            "ssl-cert" => o.ssl_client_cert(&value),
            "ssl-key" => o.ssl_client_key(&value),
            "charset" => o.charset(&value),
            "collation" => o.collation(&value),
            "socket" => o.socket(&value),
            // Read by connect_timeout(); the URL parser has refused anything else.
            _ => o,
        };
    }
    Ok(o)
}

fn bad_value(key: &str, value: &str, expected: &str) -> DriverError {
    DriverError::Url(UrlError::BadValue {
        key: key.into(),
        value: value.into(),
        expected: expected.into(),
    })
}

fn ssl_mode(value: &str) -> Result<MySqlSslMode, DriverError> {
    Ok(match value.to_ascii_uppercase().as_str() {
        "DISABLED" => MySqlSslMode::Disabled,
        "PREFERRED" => MySqlSslMode::Preferred,
        "REQUIRED" => MySqlSslMode::Required,
        "VERIFY_CA" => MySqlSslMode::VerifyCa,
        "VERIFY_IDENTITY" => MySqlSslMode::VerifyIdentity,
        _ => {
            return Err(bad_value(
                "ssl-mode",
                value,
                "DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY",
            ));
        }
    })
}

/// `connect_timeout` in whole seconds; zero or less means none.
pub(crate) fn connect_timeout(url: &DatabaseUrl) -> Result<Option<Duration>, DriverError> {
    let Some(value) = url.param("connect_timeout") else {
        return Ok(Some(DEFAULT_CONNECT_TIMEOUT));
    };
    let secs: i64 = value
        .trim()
        .parse()
        .map_err(|_| bad_value("connect_timeout", &value, "a number of seconds"))?;
    Ok((secs > 0).then(|| Duration::from_secs(secs as u64)))
}

/// Connects within the time limit, classifying every failure.
async fn establish(
    url: &DatabaseUrl,
    options: MySqlConnectOptions,
) -> Result<MySqlConnection, DriverError> {
    let attempt = options.connect();
    match connect_timeout(url)? {
        Some(limit) => match tokio::time::timeout(limit, attempt).await {
            Ok(result) => result.map_err(|e| connect_error(url, e)),
            Err(_) => Err(silent_server(url, limit).await),
        },
        None => attempt.await.map_err(|e| connect_error(url, e)),
    }
}

/// Nothing usable came back in time: either nothing answers at all, or
/// something accepted the connection and never spoke (a MySQL server
/// greets first; PostgreSQL and HTTP servers wait for the client).
async fn silent_server(url: &DatabaseUrl, limit: Duration) -> DriverError {
    let target = url.describe();
    let secs = limit.as_secs();
    let host = url.host().unwrap_or_else(|| "localhost".into());
    let port = url.port().unwrap_or(3306);
    let probe = tokio::time::timeout(
        Duration::from_secs(2),
        tokio::net::TcpStream::connect((host.as_str(), port)),
    )
    .await;
    if url.param("socket").is_none() && matches!(probe, Ok(Ok(_))) {
        DriverError::WrongServer {
            target,
            expected: "MySQL or MariaDB",
            detail: format!(
                "the port accepted the connection but sent no MySQL greeting within {secs} s"
            ),
        }
    } else {
        DriverError::Unreachable {
            target,
            detail: format!("no answer within {secs} s (connect_timeout)"),
        }
    }
}

/// The server's message for a failed statement, scrubbed and on one line,
/// with the MySQL error number.
pub(crate) fn server_message(url: &DatabaseUrl, e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(db) => match db.try_downcast_ref::<MySqlDatabaseError>() {
            Some(my) => format!("{} (error {})", my.message(), my.number()),
            None => db.message().to_string(),
        },
        // sqlx's own prefixes ("error communicating with database: …") say
        // nothing the error variant does not already say.
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Tls(tls) => tls.to_string(),
        sqlx::Error::Protocol(p) => p.clone(),
        sqlx::Error::Configuration(c) => c.to_string(),
        other => other.to_string(),
    };
    url.scrub(&one_line(&text))
}

/// Error messages are one line: server details may contain newlines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn number(e: &sqlx::Error) -> Option<u16> {
    match e {
        sqlx::Error::Database(db) => db
            .try_downcast_ref::<MySqlDatabaseError>()
            .map(|my| my.number()),
        _ => None,
    }
}

/// A privilege error, whatever the statement.
fn classify_denied(url: &DatabaseUrl, e: &sqlx::Error) -> Option<DriverError> {
    match number(e)? {
        code::DB_ACCESS_DENIED | code::TABLE_ACCESS_DENIED | code::SPECIFIC_ACCESS_DENIED => {
            Some(DriverError::PermissionDenied {
                target: url.describe(),
                detail: server_message(url, e),
            })
        }
        _ => None,
    }
}

/// Classifies a failure to connect.
pub(crate) fn connect_error(url: &DatabaseUrl, e: sqlx::Error) -> DriverError {
    let target = url.describe();
    let detail = server_message(url, &e);
    if let Some(denied) = classify_denied(url, &e) {
        return denied;
    }
    match number(&e) {
        Some(
            code::ACCESS_DENIED
            | code::ACCESS_DENIED_NO_PASSWORD
            | code::HOST_NOT_PRIVILEGED
            | code::NOT_SUPPORTED_AUTH_MODE,
        ) => return DriverError::Authentication { target, detail },
        Some(code::BAD_DB) => {
            return DriverError::DatabaseNotFound {
                target,
                database: url.database().unwrap_or_default(),
            };
        }
        _ => {}
    }
    let tls_wanted = url
        .param("ssl-mode")
        .is_none_or(|m| !m.eq_ignore_ascii_case("DISABLED"));
    match &e {
        // sqlx refuses the RSA exchange when built without its `rsa` backend.
        sqlx::Error::Configuration(c) if c.to_string().contains("RSA") => {
            DriverError::Authentication {
                target,
                detail: RSA_HINT.into(),
            }
        }
        sqlx::Error::Tls(_) => DriverError::Tls { target, detail },
        // rustls reports a failed handshake (an untrusted or mismatched
        // certificate) as invalid data on the socket.
        sqlx::Error::Io(io) if tls_wanted && io.kind() == std::io::ErrorKind::InvalidData => {
            DriverError::Tls { target, detail }
        }
        sqlx::Error::Protocol(_) => DriverError::WrongServer {
            target,
            expected: "MySQL or MariaDB",
            detail,
        },
        // Something accepted the connection and hung up without a MySQL
        // greeting or error packet.
        sqlx::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset
            ) =>
        {
            DriverError::WrongServer {
                target,
                expected: "MySQL or MariaDB",
                detail: format!("the connection was closed before a MySQL greeting ({detail})"),
            }
        }
        sqlx::Error::Configuration(_) => DriverError::Unsupported(format!(
            "cannot use the connection settings for {target}: {detail}"
        )),
        _ => DriverError::Unreachable { target, detail },
    }
}

/// Classifies a failure of a query strata ran (`what` names it).
pub(crate) fn query_error(url: &DatabaseUrl, what: &str, e: sqlx::Error) -> DriverError {
    let target = url.describe();
    if let Some(DriverError::PermissionDenied { target, detail }) = classify_denied(url, &e) {
        return DriverError::PermissionDenied {
            target,
            detail: format!("{what}: {detail}"),
        };
    }
    let detail = server_message(url, &e);
    match &e {
        sqlx::Error::Io(_) => DriverError::Unreachable {
            target,
            detail: format!("connection lost during {what}: {detail}"),
        },
        _ => DriverError::Catalog {
            target,
            query: what.to_string(),
            detail,
        },
    }
}

/// Opens a connection to the server of `url` without choosing a database.
async fn server_connection(url: &DatabaseUrl) -> Result<MyConn, DriverError> {
    let conn = establish(url, connect_options(url, false)?).await?;
    Ok(MyConn {
        url: url.clone(),
        server: Server::default(),
        flavor: Flavor::from_version(""),
        conn,
    })
}

/// `CREATE DATABASE` beside the URL's database.
pub(crate) async fn create_database(
    url: &DatabaseUrl,
    name: &str,
) -> Result<DatabaseUrl, DriverError> {
    let mut conn = server_connection(url).await?;
    let sql = format!("CREATE DATABASE {}", crate::render::quote(name));
    let outcome = conn.execute(&sql).await;
    let _ = conn.conn.close().await;
    outcome?;
    Ok(url.with_database(name))
}

/// `DROP DATABASE IF EXISTS`.
pub(crate) async fn drop_database(url: &DatabaseUrl, name: &str) -> Result<(), DriverError> {
    let mut conn = server_connection(url).await?;
    let sql = format!("DROP DATABASE IF EXISTS {}", crate::render::quote(name));
    let outcome = conn.execute(&sql).await;
    let _ = conn.conn.close().await;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> DatabaseUrl {
        DatabaseUrl::parse(text).unwrap()
    }

    #[test]
    fn every_documented_parameter_is_accepted() {
        let u = url(
            "mariadb://u:pw@db.example:3307/app?ssl-mode=verify_identity&ssl-ca=/ca.pem\
             &ssl-cert=/c.pem&ssl-key=/k.pem&charset=utf8mb4&collation=utf8mb4_bin\
             &connect_timeout=5",
        );
        let o = connect_options(&u, true).unwrap();
        assert_eq!(o.get_host(), "db.example");
        assert_eq!(o.get_port(), 3307);
        assert_eq!(o.get_username(), "u");
        assert_eq!(o.get_database(), Some("app"));
        assert!(matches!(o.get_ssl_mode(), MySqlSslMode::VerifyIdentity));
        assert_eq!(o.get_charset(), "utf8mb4");
        assert_eq!(o.get_collation(), Some("utf8mb4_bin"));
        assert_eq!(connect_options(&u, false).unwrap().get_database(), None);
        let s = connect_options(
            &url("mysql://u@localhost/app?socket=/run/mysqld.sock"),
            true,
        )
        .unwrap();
        assert_eq!(
            s.get_socket().map(|p| p.display().to_string()).as_deref(),
            Some("/run/mysqld.sock")
        );
    }

    #[test]
    fn connect_timeout_defaults_and_parses() {
        let t = |q: &str| connect_timeout(&url(&format!("mysql://h/db{q}"))).unwrap();
        assert_eq!(t(""), Some(DEFAULT_CONNECT_TIMEOUT));
        assert_eq!(t("?connect_timeout=0"), None);
        assert_eq!(t("?connect_timeout=3"), Some(Duration::from_secs(3)));
        assert!(connect_timeout(&url("mysql://h/db?connect_timeout=soon")).is_err());
    }

    #[test]
    fn a_refused_rsa_exchange_says_how_to_enable_it() {
        let u = url("mysql://u:secret@h/db");
        let e = sqlx::Error::Configuration(
            "RSA auth backend disabled; enable feature `mysql-rsa` (or `rsa` if using sqlx-mysql directly) or use TLS.".into(),
        );
        let err = connect_error(&u, e);
        assert!(matches!(err, DriverError::Authentication { .. }), "{err}");
        let text = err.to_string();
        assert!(text.contains("--features mysql-rsa"), "{text}");
        assert!(text.contains("ssl-mode=REQUIRED"), "{text}");
        assert!(!text.contains('\n'));
    }

    #[test]
    fn tls_and_protocol_failures_are_classified() {
        let u = url("mysql://u:secret@h/db?ssl-mode=REQUIRED");
        let tls = connect_error(&u, sqlx::Error::Tls("server does not support TLS".into()));
        assert!(matches!(tls, DriverError::Tls { .. }), "{tls}");
        let wrong = connect_error(&u, sqlx::Error::Protocol("bad packet".into()));
        assert!(matches!(wrong, DriverError::WrongServer { .. }), "{wrong}");
        let refused = connect_error(
            &u,
            sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        );
        assert!(
            matches!(refused, DriverError::Unreachable { .. }),
            "{refused}"
        );
    }
}
