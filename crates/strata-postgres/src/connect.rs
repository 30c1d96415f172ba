//! Opening connections and running statements.
//!
//! A [`DatabaseUrl`] becomes sqlx connect options field by field (never by
//! handing the URL text to sqlx, so that only the parameters strata documents
//! are honoured), and every failure becomes a one-line [`DriverError`] whose
//! text has been through [`DatabaseUrl::scrub`].

use crate::inspect;
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgDatabaseError, PgSslMode};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection as _, Row as _};
use std::time::Duration;
use strata_driver::{Connection, DatabaseUrl, DriverError, InspectOptions, UrlError};
use strata_model::{Realm, Server};

/// The SQLSTATEs a connection or statement failure is classified by.
mod sqlstate {
    pub const INVALID_PASSWORD: &str = "28P01";
    pub const INVALID_AUTHORIZATION: &str = "28000";
    pub const INVALID_CATALOG_NAME: &str = "3D000";
    pub const INSUFFICIENT_PRIVILEGE: &str = "42501";
}

/// An open connection to one PostgreSQL database.
pub struct PgConn {
    url: DatabaseUrl,
    server: Server,
    conn: PgConnection,
}

impl PgConn {
    /// Connects and asks the server for its version.
    pub async fn open(url: &DatabaseUrl) -> Result<PgConn, DriverError> {
        let options = connect_options(url)?;
        let attempt = options.connect();
        let conn = match connect_timeout(url)? {
            Some(limit) => tokio::time::timeout(limit, attempt).await.map_err(|_| {
                DriverError::Unreachable {
                    target: url.describe(),
                    detail: format!("no answer within {} s (connect_timeout)", limit.as_secs()),
                }
            })?,
            None => attempt.await,
        }
        .map_err(|e| connect_error(url, e))?;
        let mut me = PgConn {
            url: url.clone(),
            server: Server::default(),
            conn,
        };
        let version: String =
            sqlx::query_scalar("SELECT pg_catalog.current_setting('server_version')")
                .fetch_one(&mut me.conn)
                .await
                .map_err(|e| me.error("reading the server version", e))?;
        me.server.version = crate::normalize::server_version(&version);
        Ok(me)
    }

    /// The underlying sqlx connection, for the inspector.
    pub(crate) fn raw(&mut self) -> &mut PgConnection {
        &mut self.conn
    }

    /// Classifies a failure of a statement strata ran itself (`what` says which).
    pub(crate) fn error(&self, what: &str, e: sqlx::Error) -> DriverError {
        query_error(&self.url, what, e)
    }
}

#[async_trait]
impl Connection for PgConn {
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
        // The simple query protocol: no parameters, so `$1` in a body or a
        // `SET` statement runs exactly as written.
        sqlx::raw_sql(AssertSqlSafe(sql))
            .execute(&mut self.conn)
            .await
            .map(|_| ())
            .map_err(|e| DriverError::Statement {
                location: self.url.describe(),
                detail: server_message(&self.url, &e),
            })
    }

    /// The simple query protocol sends every value as text, which is what
    /// the caller wants; each value is read unchecked as a string.
    async fn query_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, DriverError> {
        let rows = sqlx::raw_sql(AssertSqlSafe(sql))
            .fetch_all(&mut self.conn)
            .await
            .map_err(|e| DriverError::Statement {
                location: self.url.describe(),
                detail: server_message(&self.url, &e),
            })?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.try_get_unchecked::<Option<String>, _>(i).map_err(|e| {
                            DriverError::Decode {
                                context: "query result".into(),
                                detail: e.to_string(),
                            }
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
pub(crate) fn connect_options(url: &DatabaseUrl) -> Result<PgConnectOptions, DriverError> {
    // Environment defaults (PGHOST, PGUSER…) apply as they do for libpq;
    // the URL overrides them. The password file is not read: a password
    // strata did not see could not be scrubbed from messages.
    let mut o = PgConnectOptions::new_without_pgpass();
    if let Some(host) = url.host() {
        // libpq: a host that is a path (`postgres://%2Frun%2Fpostgresql/db`)
        // is the directory of a unix socket.
        let decoded = percent_encoding::percent_decode_str(&host).decode_utf8_lossy();
        o = if decoded.starts_with('/') {
            o.socket(decoded.as_ref())
        } else {
            o.host(&host)
        };
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
    if let Some(db) = url.database() {
        o = o.database(&db);
    }
    for (key, value) in url.params() {
        o = match key.as_str() {
            "sslmode" => o.ssl_mode(ssl_mode(&value)?),
            "sslrootcert" => o.ssl_root_cert(&value),
            "sslcert" => o.ssl_client_cert(&value),
            "sslkey" => o.ssl_client_key(&value),
            // libpq: a host starting with `/` is the directory of a unix socket.
            "host" if value.starts_with('/') => o.socket(&value),
            "host" | "hostaddr" => o.host(&value),
            "port" => o.port(
                value
                    .parse()
                    .map_err(|_| bad_value("port", &value, "a port number"))?,
            ),
            "user" => o.username(&value),
            "password" => o.password(&value),
            "dbname" => o.database(&value),
            "application_name" => o.application_name(&value),
            "options" => o.options(parse_options(&value)?),
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

fn ssl_mode(value: &str) -> Result<PgSslMode, DriverError> {
    Ok(match value.to_ascii_lowercase().as_str() {
        "disable" => PgSslMode::Disable,
        "allow" => PgSslMode::Allow,
        "prefer" => PgSslMode::Prefer,
        "require" => PgSslMode::Require,
        "verify-ca" => PgSslMode::VerifyCa,
        "verify-full" => PgSslMode::VerifyFull,
        _ => {
            return Err(bad_value(
                "sslmode",
                value,
                "disable, allow, prefer, require, verify-ca, verify-full",
            ));
        }
    })
}

/// libpq's `options` parameter holds server command-line switches
/// (`-c geqo=off --search_path=app`); sqlx wants name/value pairs.
pub(crate) fn parse_options(text: &str) -> Result<Vec<(String, String)>, DriverError> {
    let expected = "-c name=value or --name=value settings";
    let mut out = Vec::new();
    let mut words = split_option_words(text).into_iter();
    while let Some(word) = words.next() {
        let setting = if word == "-c" {
            words
                .next()
                .ok_or_else(|| bad_value("options", text, expected))?
        } else if let Some(rest) = word.strip_prefix("-c") {
            rest.to_string()
        } else if let Some(rest) = word.strip_prefix("--") {
            rest.to_string()
        } else {
            return Err(bad_value("options", text, expected));
        };
        let (name, value) = setting
            .split_once('=')
            .ok_or_else(|| bad_value("options", text, expected))?;
        // `--search-path` and `--search_path` name the same setting.
        out.push((name.replace('-', "_"), value.to_string()));
    }
    Ok(out)
}

/// Splits at unescaped whitespace; `\ ` and `\\` are libpq's escapes.
fn split_option_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            c if c.is_whitespace() => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// libpq's `connect_timeout`: whole seconds, zero or less means none, and
/// values below 2 count as 2.
pub(crate) fn connect_timeout(url: &DatabaseUrl) -> Result<Option<Duration>, DriverError> {
    let Some(value) = url.param("connect_timeout") else {
        return Ok(None);
    };
    let secs: i64 = value
        .trim()
        .parse()
        .map_err(|_| bad_value("connect_timeout", &value, "a number of seconds"))?;
    Ok((secs > 0).then(|| Duration::from_secs(secs.max(2) as u64)))
}

/// The server's message for a failed statement, scrubbed, with its SQLSTATE.
pub(crate) fn server_message(url: &DatabaseUrl, e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(db) => match db.try_downcast_ref::<PgDatabaseError>() {
            Some(pg) => {
                let mut text = format!("{} (SQLSTATE {})", pg.message(), pg.code());
                if let Some(detail) = pg.detail() {
                    text.push_str(": ");
                    text.push_str(detail);
                }
                text
            }
            None => db.message().to_string(),
        },
        // sqlx's own prefixes ("error communicating with database: …") say
        // nothing the error variant does not already say.
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Tls(tls) => tls.to_string(),
        sqlx::Error::Protocol(p) => p.clone(),
        other => other.to_string(),
    };
    scrub(url, &one_line(&text))
}

/// Error messages are one line: server details may contain newlines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`DatabaseUrl::scrub`], plus a password given as a `password=` URL
/// parameter, which the URL type does not know to hide.
pub(crate) fn scrub(url: &DatabaseUrl, text: &str) -> String {
    let mut out = url.scrub(text);
    if let Some(p) = url.param("password")
        && p.len() >= 2
    {
        out = out.replace(&p, "***");
    }
    out
}

fn code(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(db) => db.code().map(|c| c.into_owned()),
        _ => None,
    }
}

/// Classifies a failure to connect.
pub(crate) fn connect_error(url: &DatabaseUrl, e: sqlx::Error) -> DriverError {
    let target = url.describe();
    let detail = server_message(url, &e);
    match code(&e).as_deref() {
        Some(sqlstate::INVALID_PASSWORD | sqlstate::INVALID_AUTHORIZATION) => {
            return DriverError::Authentication { target, detail };
        }
        Some(sqlstate::INVALID_CATALOG_NAME) => {
            return DriverError::DatabaseNotFound {
                target,
                database: url
                    .database()
                    .or_else(|| url.param("dbname"))
                    .unwrap_or_default(),
            };
        }
        Some(sqlstate::INSUFFICIENT_PRIVILEGE) => {
            return DriverError::PermissionDenied { target, detail };
        }
        _ => {}
    }
    match &e {
        sqlx::Error::Tls(_) => DriverError::Tls { target, detail },
        // rustls reports a failed handshake (an untrusted or mismatched
        // certificate) as invalid data on the socket.
        sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            DriverError::Tls { target, detail }
        }
        sqlx::Error::Protocol(_) => DriverError::WrongServer {
            target,
            expected: "PostgreSQL",
            detail,
        },
        sqlx::Error::Configuration(_) => DriverError::Unsupported(format!(
            "cannot use the connection settings for {target}: {detail}"
        )),
        _ => DriverError::Unreachable { target, detail },
    }
}

/// Classifies a failure of a query strata ran (`what` names it).
pub(crate) fn query_error(url: &DatabaseUrl, what: &str, e: sqlx::Error) -> DriverError {
    let target = url.describe();
    let detail = server_message(url, &e);
    match (&e, code(&e).as_deref()) {
        (_, Some(sqlstate::INSUFFICIENT_PRIVILEGE)) => DriverError::PermissionDenied {
            target,
            detail: format!("{what}: {detail}"),
        },
        (sqlx::Error::Io(_), _) => DriverError::Unreachable {
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

/// `CREATE DATABASE` beside the URL's database.
pub(crate) async fn create_database(
    url: &DatabaseUrl,
    name: &str,
) -> Result<DatabaseUrl, DriverError> {
    let mut conn = PgConn::open(url).await?;
    // template0 never has connections, so concurrent creates never collide
    // on it, and it holds nothing a site may have added to template1.
    let sql = format!(
        "CREATE DATABASE {} TEMPLATE template0",
        crate::render::quote(name)
    );
    let outcome = conn.execute(&sql).await;
    let _ = conn.conn.close().await;
    outcome?;
    Ok(url.with_database(name))
}

/// `DROP DATABASE … WITH (FORCE)`, which ends the sessions still using it.
pub(crate) async fn drop_database(url: &DatabaseUrl, name: &str) -> Result<(), DriverError> {
    let mut conn = PgConn::open(url).await?;
    let sql = format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        crate::render::quote(name)
    );
    let outcome = conn.execute(&sql).await;
    let _ = conn.conn.close().await;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parameter_becomes_settings() {
        assert_eq!(
            parse_options("-c geqo=off --search-path=app -cwork_mem=4MB").unwrap(),
            [
                ("geqo".to_string(), "off".to_string()),
                ("search_path".to_string(), "app".to_string()),
                ("work_mem".to_string(), "4MB".to_string()),
            ]
        );
        assert_eq!(
            parse_options(r"-c application_name=a\ b").unwrap(),
            [("application_name".to_string(), "a b".to_string())]
        );
        assert!(parse_options("-c").is_err());
        assert!(parse_options("geqo=off").is_err());
        assert!(parse_options("-c geqo").is_err());
    }

    #[test]
    fn connect_timeout_follows_libpq() {
        let t = |q: &str| {
            connect_timeout(&DatabaseUrl::parse(&format!("postgres://h/db{q}")).unwrap()).unwrap()
        };
        assert_eq!(t(""), None);
        assert_eq!(t("?connect_timeout=0"), None);
        assert_eq!(t("?connect_timeout=1"), Some(Duration::from_secs(2)));
        assert_eq!(t("?connect_timeout=7"), Some(Duration::from_secs(7)));
        let bad = DatabaseUrl::parse("postgres://h/db?connect_timeout=soon").unwrap();
        assert!(connect_timeout(&bad).is_err());
    }

    #[test]
    fn every_documented_parameter_is_accepted() {
        let url = DatabaseUrl::parse(
            "postgres://u:pw@db.example:6543/app?sslmode=verify-full&sslrootcert=/ca.pem\
             &sslcert=/c.pem&sslkey=/k.pem&application_name=strata&options=-c%20geqo%3Doff\
             &connect_timeout=5",
        )
        .unwrap();
        let o = connect_options(&url).unwrap();
        assert_eq!(o.get_host(), "db.example");
        assert_eq!(o.get_port(), 6543);
        assert_eq!(o.get_username(), "u");
        assert_eq!(o.get_database(), Some("app"));
        assert!(matches!(o.get_ssl_mode(), PgSslMode::VerifyFull));
        assert_eq!(o.get_application_name(), Some("strata"));
        assert_eq!(o.get_options(), Some("-c geqo=off"));
        for text in [
            "postgres://u@localhost/app?host=/run/postgresql",
            "postgres://u@%2Frun%2Fpostgresql/app",
        ] {
            let socket = connect_options(&DatabaseUrl::parse(text).unwrap()).unwrap();
            assert_eq!(
                socket
                    .get_socket()
                    .map(|p| p.display().to_string())
                    .as_deref(),
                Some("/run/postgresql"),
                "{text}"
            );
        }
    }

    #[test]
    fn a_password_parameter_is_scrubbed_too() {
        let url = DatabaseUrl::parse("postgres://u@h/db?password=hunter22").unwrap();
        assert_eq!(scrub(&url, "bad hunter22"), "bad ***");
    }
}
