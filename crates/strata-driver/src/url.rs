//! Connection URLs.
//!
//! A [`DatabaseUrl`] is parsed once, validated for its dialect, and never
//! prints its password: `Display` and `Debug` show `***` in its place, and
//! [`DatabaseUrl::scrub`] removes it from any text a driver hands back (server
//! error messages sometimes echo connection strings).

use std::fmt;
use std::path::{Path, PathBuf};
use strata_model::Dialect;
use url::Url;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error(
        "unknown database URL scheme '{0}': expected postgres://, postgresql://, mysql://, mariadb:// or sqlite://"
    )]
    UnknownScheme(String),
    #[error("malformed database URL: {0}")]
    Malformed(String),
    #[error("unknown parameter '{key}' in {dialect} URL (known: {known})")]
    UnknownParameter {
        key: String,
        dialect: &'static str,
        known: String,
    },
    #[error("invalid value '{value}' for URL parameter '{key}' (expected one of: {expected})")]
    BadValue {
        key: String,
        value: String,
        expected: String,
    },
}

/// Where a database lives.
#[derive(Clone, PartialEq, Eq)]
enum Location {
    /// PostgreSQL or MySQL server. The URL keeps the password internally;
    /// nothing prints it.
    Server(Url),
    SqliteFile(PathBuf),
    SqliteMemory,
}

/// A parsed, validated connection URL.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    dialect: Dialect,
    location: Location,
    /// `mariadb://` was used (a hint only; the server is asked what it is).
    mariadb_scheme: bool,
    /// Query parameters of a SQLite URL (server URLs keep them in the Url).
    sqlite_params: Vec<(String, String)>,
}

const PG_PARAMS: &[&str] = &[
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "host",
    "hostaddr",
    "port",
    "user",
    "password",
    "dbname",
    "application_name",
    "options",
    "connect_timeout",
];
const PG_SSLMODES: &[&str] = &[
    "disable",
    "allow",
    "prefer",
    "require",
    "verify-ca",
    "verify-full",
];
const MYSQL_PARAMS: &[&str] = &[
    "ssl-mode",
    "ssl-ca",
    "ssl-cert",
    "ssl-key",
    "charset",
    "collation",
    "socket",
    "connect_timeout",
];
const MYSQL_SSLMODES: &[&str] = &[
    "DISABLED",
    "PREFERRED",
    "REQUIRED",
    "VERIFY_CA",
    "VERIFY_IDENTITY",
];
const SQLITE_PARAMS: &[&str] = &["mode"];
const SQLITE_MODES: &[&str] = &["ro", "rw", "rwc", "memory"];

impl DatabaseUrl {
    /// Parses `postgres://…`, `postgresql://…`, `mysql://…`, `mariadb://…`,
    /// `sqlite://path`, `sqlite:path` or `sqlite::memory:`.
    pub fn parse(text: &str) -> Result<DatabaseUrl, UrlError> {
        let text = text.trim();
        let Some((scheme, rest)) = text.split_once(':') else {
            return Err(UrlError::Malformed(
                "no scheme (expected e.g. postgres://user@host/db)".into(),
            ));
        };
        match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Self::parse_server(text, Dialect::Postgres, false),
            "mysql" => Self::parse_server(text, Dialect::Mysql, false),
            "mariadb" => Self::parse_server(text, Dialect::Mysql, true),
            "sqlite" => Self::parse_sqlite(rest),
            "" => Err(UrlError::Malformed("empty scheme".into())),
            other => Err(UrlError::UnknownScheme(other.to_string())),
        }
    }

    fn parse_server(text: &str, dialect: Dialect, mariadb: bool) -> Result<DatabaseUrl, UrlError> {
        // Never echo the input: it may hold a password.
        let url = Url::parse(text).map_err(|e| UrlError::Malformed(e.to_string()))?;
        if url.cannot_be_a_base() {
            return Err(UrlError::Malformed(format!(
                "expected {}://[user[:password]@]host[:port]/database",
                url.scheme()
            )));
        }
        let (known, dialect_name) = match dialect {
            Dialect::Postgres => (PG_PARAMS, "PostgreSQL"),
            _ => (MYSQL_PARAMS, "MySQL"),
        };
        for (key, value) in url.query_pairs() {
            if !known.contains(&key.as_ref()) {
                return Err(UrlError::UnknownParameter {
                    key: key.into_owned(),
                    dialect: dialect_name,
                    known: known.join(", "),
                });
            }
            let modes = match (dialect, key.as_ref()) {
                (Dialect::Postgres, "sslmode") => Some(PG_SSLMODES),
                (Dialect::Mysql, "ssl-mode") => Some(MYSQL_SSLMODES),
                _ => None,
            };
            if let Some(modes) = modes
                && !modes.iter().any(|m| m.eq_ignore_ascii_case(&value))
            {
                return Err(UrlError::BadValue {
                    key: key.into_owned(),
                    value: value.into_owned(),
                    expected: modes.join(", "),
                });
            }
        }
        if url.port().is_none() && url.as_str().contains("@:") {
            return Err(UrlError::Malformed("empty port".into()));
        }
        Ok(DatabaseUrl {
            dialect,
            location: Location::Server(url),
            mariadb_scheme: mariadb,
            sqlite_params: Vec::new(),
        })
    }

    fn parse_sqlite(rest: &str) -> Result<DatabaseUrl, UrlError> {
        let (path_part, query) = match rest.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (rest, None),
        };
        let mut params = Vec::new();
        if let Some(query) = query {
            for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
                if !SQLITE_PARAMS.contains(&key.as_ref()) {
                    return Err(UrlError::UnknownParameter {
                        key: key.into_owned(),
                        dialect: "SQLite",
                        known: SQLITE_PARAMS.join(", "),
                    });
                }
                if key == "mode" && !SQLITE_MODES.contains(&value.as_ref()) {
                    return Err(UrlError::BadValue {
                        key: key.into_owned(),
                        value: value.into_owned(),
                        expected: SQLITE_MODES.join(", "),
                    });
                }
                params.push((key.into_owned(), value.into_owned()));
            }
        }
        let location = if path_part == ":memory:" || path_part == "//:memory:" {
            Location::SqliteMemory
        } else {
            // sqlite://relative/path, sqlite:///absolute/path, sqlite:path
            let path = path_part.strip_prefix("//").unwrap_or(path_part);
            if path.is_empty() {
                return Err(UrlError::Malformed(
                    "SQLite URL has no path (expected sqlite://path/to/file.db or sqlite::memory:)"
                        .into(),
                ));
            }
            Location::SqliteFile(PathBuf::from(decode(path)))
        };
        Ok(DatabaseUrl {
            dialect: Dialect::Sqlite,
            location,
            mariadb_scheme: false,
            sqlite_params: params,
        })
    }

    /// A SQLite database at a file path.
    pub fn sqlite_file(path: impl Into<PathBuf>) -> DatabaseUrl {
        DatabaseUrl {
            dialect: Dialect::Sqlite,
            location: Location::SqliteFile(path.into()),
            mariadb_scheme: false,
            sqlite_params: Vec::new(),
        }
    }

    /// A private in-memory SQLite database.
    pub fn sqlite_memory() -> DatabaseUrl {
        DatabaseUrl {
            dialect: Dialect::Sqlite,
            location: Location::SqliteMemory,
            mariadb_scheme: false,
            sqlite_params: Vec::new(),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The URL used the `mariadb://` scheme.
    pub fn mariadb_scheme(&self) -> bool {
        self.mariadb_scheme
    }

    fn server(&self) -> Option<&Url> {
        match &self.location {
            Location::Server(url) => Some(url),
            _ => None,
        }
    }

    pub fn host(&self) -> Option<String> {
        self.server()?
            .host_str()
            .map(|h| h.trim_matches(['[', ']']).to_string())
    }

    pub fn port(&self) -> Option<u16> {
        self.server()?.port()
    }

    /// Percent-decoded user name, if any.
    pub fn username(&self) -> Option<String> {
        let url = self.server()?;
        let user = url.username();
        (!user.is_empty()).then(|| decode(user))
    }

    /// Percent-decoded password, for the driver only. Never print it.
    /// The password from the user info, or a `password=` parameter
    /// (libpq accepts both).
    pub fn password(&self) -> Option<String> {
        let url = self.server()?;
        url.password()
            .map(decode)
            .or_else(|| self.param("password"))
    }

    /// Every spelling of the password that may appear in text: as written
    /// in the URL and decoded, from the user info and from the query.
    fn secrets(&self) -> Vec<String> {
        let Some(url) = self.server() else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if let Some(encoded) = url.password() {
            out.push(encoded.to_string());
            out.push(decode(encoded));
        }
        if let Some(query) = url.query() {
            for pair in query.split('&') {
                if let Some(raw) = pair.strip_prefix("password=") {
                    out.push(raw.to_string());
                    out.push(decode(&raw.replace('+', " ")));
                }
            }
        }
        out
    }

    /// Percent-decoded database name (the URL path without its leading `/`).
    pub fn database(&self) -> Option<String> {
        let path = self.server()?.path().trim_start_matches('/');
        (!path.is_empty()).then(|| decode(path))
    }

    /// Query parameters, decoded.
    pub fn params(&self) -> Vec<(String, String)> {
        match &self.location {
            Location::Server(url) => url
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
            _ => self.sqlite_params.clone(),
        }
    }

    pub fn param(&self, key: &str) -> Option<String> {
        self.params()
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        match &self.location {
            Location::SqliteFile(p) => Some(p),
            _ => None,
        }
    }

    pub fn is_sqlite_memory(&self) -> bool {
        matches!(self.location, Location::SqliteMemory)
    }

    /// The same server and credentials, another database.
    pub fn with_database(&self, database: &str) -> DatabaseUrl {
        let mut out = self.clone();
        if let Location::Server(url) = &mut out.location {
            // Everything but the unreserved characters of RFC 3986.
            const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
                .remove(b'-')
                .remove(b'.')
                .remove(b'_')
                .remove(b'~');
            let encoded = percent_encoding::utf8_percent_encode(database, PATH);
            url.set_path(&format!("/{encoded}"));
        }
        out
    }

    /// The URL with its password (for handing to a child process such as
    /// psql through the environment). Never print it.
    pub fn expose(&self) -> String {
        match &self.location {
            Location::Server(url) => url.to_string(),
            Location::SqliteFile(p) => format!("sqlite://{}", p.display()),
            Location::SqliteMemory => "sqlite::memory:".into(),
        }
    }

    /// Removes the password (raw and percent-encoded) from a text, such as a
    /// driver's error message.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        for secret in self.secrets() {
            // A one-character password would blank out the message; such a
            // password is already unsafe and the message is more useful whole.
            if secret.len() >= 2 {
                out = out.replace(&secret, "***");
            }
        }
        out
    }

    /// A short description for messages: `PostgreSQL at host:port/db`.
    pub fn describe(&self) -> String {
        match &self.location {
            Location::Server(_) => {
                let host = self.host().unwrap_or_else(|| "localhost".into());
                let port = self.port().map(|p| format!(":{p}")).unwrap_or_default();
                let db = self.database().unwrap_or_default();
                format!("{} at {host}{port}/{db}", self.dialect)
            }
            Location::SqliteFile(p) => format!("SQLite database {}", p.display()),
            Location::SqliteMemory => "in-memory SQLite database".into(),
        }
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

impl fmt::Display for DatabaseUrl {
    /// The URL with `***` in place of the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Server(url) => {
                let mut shown = url.clone();
                if shown.password().is_some() {
                    // Setting a password only fails for URLs without a host,
                    // which parse_server never builds.
                    let _ = shown.set_password(Some("***"));
                }
                if url.query_pairs().any(|(k, _)| k == "password") {
                    let pairs: Vec<(String, String)> = url
                        .query_pairs()
                        .map(|(k, v)| {
                            let v = if k == "password" {
                                "***".into()
                            } else {
                                v.into_owned()
                            };
                            (k.into_owned(), v)
                        })
                        .collect();
                    shown.query_pairs_mut().clear().extend_pairs(pairs);
                }
                write!(f, "{shown}")
            }
            Location::SqliteFile(p) => write!(f, "sqlite://{}", p.display()),
            Location::SqliteMemory => f.write_str("sqlite::memory:"),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls() {
        let u = DatabaseUrl::parse("postgresql://alice:s3cr%40t@db.example:6543/app%20db?sslmode=require&sslrootcert=/ca.pem").unwrap();
        assert_eq!(u.dialect(), Dialect::Postgres);
        assert_eq!(u.username().as_deref(), Some("alice"));
        assert_eq!(u.password().as_deref(), Some("s3cr@t"));
        assert_eq!(u.database().as_deref(), Some("app db"));
        assert_eq!(u.port(), Some(6543));
        assert_eq!(u.param("sslmode").as_deref(), Some("require"));
        let shown = u.to_string();
        assert!(!shown.contains("s3cr"), "{shown}");
        assert!(shown.contains("***"));
        assert!(!format!("{u:?}").contains("s3cr"));
        assert_eq!(
            u.scrub("password s3cr@t and s3cr%40t"),
            "password *** and ***"
        );
    }

    #[test]
    fn a_password_in_the_query_is_hidden_too() {
        let u = DatabaseUrl::parse("postgres://alice@db/app?password=q%26uery-pw&sslmode=require")
            .unwrap();
        assert_eq!(u.password().as_deref(), Some("q&uery-pw"));
        let shown = u.to_string();
        assert!(!shown.contains("uery-pw"), "{shown}");
        assert!(
            shown.contains("password=***") && shown.contains("sslmode=require"),
            "{shown}"
        );
        assert!(!format!("{u:?}").contains("uery-pw"));
        assert_eq!(u.scrub("bad q&uery-pw / q%26uery-pw"), "bad *** / ***");
    }

    #[test]
    fn sslmode_values_are_checked() {
        let err = DatabaseUrl::parse("postgres://h/db?sslmode=bogus").unwrap_err();
        assert!(err.to_string().contains("verify-full"), "{err}");
        let err = DatabaseUrl::parse("postgres://h/db?ssl=true").unwrap_err();
        assert!(matches!(err, UrlError::UnknownParameter { .. }));
        assert!(DatabaseUrl::parse("mysql://h/db?ssl-mode=verify_identity").is_ok());
    }

    #[test]
    fn mysql_and_mariadb() {
        let u = DatabaseUrl::parse("mariadb://root@127.0.0.1:3306/test").unwrap();
        assert_eq!(u.dialect(), Dialect::Mysql);
        assert!(u.mariadb_scheme());
        assert_eq!(
            u.with_database("other").database().as_deref(),
            Some("other")
        );
    }

    #[test]
    fn sqlite_forms() {
        assert!(
            DatabaseUrl::parse("sqlite::memory:")
                .unwrap()
                .is_sqlite_memory()
        );
        let u = DatabaseUrl::parse("sqlite://data/app.db").unwrap();
        assert_eq!(u.sqlite_path(), Some(Path::new("data/app.db")));
        let u = DatabaseUrl::parse("sqlite:///tmp/x.db?mode=ro").unwrap();
        assert_eq!(u.sqlite_path(), Some(Path::new("/tmp/x.db")));
        assert_eq!(u.param("mode").as_deref(), Some("ro"));
        let u = DatabaseUrl::parse("sqlite:rel.db").unwrap();
        assert_eq!(u.sqlite_path(), Some(Path::new("rel.db")));
        assert!(DatabaseUrl::parse("sqlite://").is_err());
    }

    #[test]
    fn bad_urls() {
        assert!(matches!(
            DatabaseUrl::parse("oracle://x/y"),
            Err(UrlError::UnknownScheme(s)) if s == "oracle"
        ));
        assert!(DatabaseUrl::parse("no scheme here").is_err());
        let err = DatabaseUrl::parse("postgres://u:hunter2@[bad/db").unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
    }
}
