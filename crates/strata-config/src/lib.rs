//! `strata.toml`: the project configuration.
//!
//! Found in the current directory or one of its parents. Every key is
//! known: an unknown key is an error that names the key and its line, so a
//! typo never silently does nothing. The URLs may use `${ENV_VAR}`
//! (braced form only, so a `$` inside a password is left alone) to keep
//! secrets out of the file. Variables are looked up lazily, when a command
//! uses the value: an unset `${STAGING_URL}` fails only the commands that
//! connect to staging, with an error naming the variable and the key.
//!
//! ```toml
//! dialect = "postgres"
//! url = "${DATABASE_URL}"
//! migrations = "migrations"
//! schema = "schema"
//! dev_url = "postgres://postgres@127.0.0.1/postgres"
//!
//! [env.staging]
//! url = "${STAGING_URL}"
//!
//! [drift]
//! ignore = ["comments", "table:audit_*"]
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "strata.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Syntax errors and unknown keys, with the line.
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
    /// A `${VAR}` that is not set, found when the value was needed.
    #[error("{path}:{line}: {key}: environment variable {var} is not set")]
    MissingVar {
        path: String,
        line: usize,
        key: String,
        var: String,
    },
    #[error("{path}:{line}: {key}: '${{' without a closing '}}'")]
    Unterminated {
        path: String,
        line: usize,
        key: String,
    },
    #[error("{path}: no environment named '{name}' (known: {known})")]
    UnknownEnv {
        path: String,
        name: String,
        known: String,
    },
}

/// The file as written (before interpolation).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    dialect: Option<String>,
    url: Option<Spanned<String>>,
    migrations: Option<String>,
    schema: Option<String>,
    dev_url: Option<Spanned<String>>,
    #[serde(default)]
    env: BTreeMap<String, RawEnv>,
    #[serde(default)]
    codegen: Option<Codegen>,
    #[serde(default)]
    drift: Option<Drift>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnv {
    url: Spanned<String>,
    /// Overrides the top-level dialect for this environment.
    dialect: Option<String>,
}

/// `[codegen]`: defaults for `strata codegen`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Codegen {
    pub target: Option<String>,
    pub out_dir: Option<String>,
    pub templates: Option<String>,
}

/// `[drift]`: defaults for `strata drift`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Drift {
    #[serde(default)]
    pub ignore: Vec<String>,
    pub against: Option<String>,
}

/// A string setting whose `${VAR}`s are expanded only when it is read
/// ([`Value::expand`]), so an unset variable only fails the commands that
/// need this value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    /// As written in the file (variables not expanded).
    raw: String,
    /// The key, dotted (`url`, `env.staging.url`).
    key: String,
    path: String,
    line: usize,
}

impl Value {
    /// The dotted key this value was written under.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The line of the file it was written on.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The value with `${VAR}`s read from the process environment.
    /// Contains secrets: never print it.
    pub fn expand(&self) -> Result<String, ConfigError> {
        self.expand_with(&|name| std::env::var(name).ok())
    }

    /// The value with `${VAR}`s looked up by `vars`.
    pub fn expand_with(
        &self,
        vars: &dyn Fn(&str) -> Option<String>,
    ) -> Result<String, ConfigError> {
        interpolate(&self.raw, vars).map_err(|e| match e {
            Interp::Missing(var) => ConfigError::MissingVar {
                path: self.path.clone(),
                line: self.line,
                key: self.key.clone(),
                var,
            },
            Interp::Unterminated => ConfigError::Unterminated {
                path: self.path.clone(),
                line: self.line,
                key: self.key.clone(),
            },
        })
    }
}

/// A named environment (`[env.staging]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub name: String,
    /// Expanded on use ([`Value::expand`]).
    pub url: Value,
    pub dialect: Option<String>,
}

/// The validated configuration. Relative paths are resolved against the
/// directory holding the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from (`None`: no file, all defaults).
    pub path: Option<PathBuf>,
    pub dialect: Option<String>,
    /// Expanded on use ([`Value::expand`]).
    pub url: Option<Value>,
    pub migrations: PathBuf,
    pub schema: Option<PathBuf>,
    /// Expanded on use ([`Value::expand`]).
    pub dev_url: Option<Value>,
    pub envs: BTreeMap<String, Environment>,
    pub codegen: Codegen,
    pub drift: Drift,
}

impl Config {
    /// Looks for `strata.toml` in `start` and its parents; without one the
    /// defaults apply (migrations in `./migrations`).
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
            dir = d.parent();
        }
        Ok(Config {
            migrations: start.join("migrations"),
            ..Config::default()
        })
    }

    /// Reads one file. `${VAR}`s are not looked up here but when a value
    /// is used ([`Value::expand`]).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// Parses `text` as if read from `path`. Unknown keys and malformed
    /// `${` are errors here; unset variables are not.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let raw: Raw = toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: shown.clone(),
            line: e.span().map(|s| line_of(s.start)).unwrap_or(1),
            message: e.message().trim().to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let value = |key: String, v: &Spanned<String>| -> Result<Value, ConfigError> {
            let value = Value {
                raw: v.get_ref().clone(),
                key,
                path: shown.clone(),
                line: line_of(v.span().start),
            };
            // The syntax is checked now; the variables when it is used.
            value.expand_with(&|_| Some(String::new()))?;
            Ok(value)
        };
        let mut envs = BTreeMap::new();
        for (name, env) in &raw.env {
            envs.insert(
                name.clone(),
                Environment {
                    name: name.clone(),
                    url: value(format!("env.{name}.url"), &env.url)?,
                    dialect: env.dialect.clone(),
                },
            );
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            dialect: raw.dialect.clone(),
            url: raw
                .url
                .as_ref()
                .map(|v| value("url".into(), v))
                .transpose()?,
            migrations: base.join(raw.migrations.as_deref().unwrap_or("migrations")),
            schema: raw.schema.as_deref().map(|s| base.join(s)),
            dev_url: raw
                .dev_url
                .as_ref()
                .map(|v| value("dev_url".into(), v))
                .transpose()?,
            envs,
            codegen: raw.codegen.unwrap_or_default(),
            drift: raw.drift.unwrap_or_default(),
        })
    }

    /// A named environment.
    pub fn env(&self, name: &str) -> Result<&Environment, ConfigError> {
        self.envs.get(name).ok_or_else(|| ConfigError::UnknownEnv {
            path: self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| FILE_NAME.to_string()),
            name: name.to_string(),
            known: if self.envs.is_empty() {
                "none".into()
            } else {
                self.envs.keys().cloned().collect::<Vec<_>>().join(", ")
            },
        })
    }
}

/// An interpolation failure before the key is known.
enum Interp {
    Missing(String),
    Unterminated,
}

/// Replaces `${NAME}` with the variable's value. A `$` not followed by `{`
/// is kept as it is (passwords contain dollars).
fn interpolate(value: &str, vars: &dyn Fn(&str) -> Option<String>) -> Result<String, Interp> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}').ok_or(Interp::Unterminated)?;
        let name = &after[..end];
        out.push_str(&vars(name).ok_or_else(|| Interp::Missing(name.to_string()))?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "STAGING_URL" => Some("postgres://u:pa$$@staging/app".into()),
            _ => None,
        }
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/p/strata.toml"))
    }

    #[test]
    fn full_file() {
        let c = parse(
            r#"
dialect = "postgres"
url = "postgres://app@db/app"
schema = "schema"
[env.staging]
url = "${STAGING_URL}"
[drift]
ignore = ["comments"]
"#,
        )
        .unwrap();
        assert_eq!(c.migrations, Path::new("/p/migrations"));
        assert_eq!(c.schema.as_deref(), Some(Path::new("/p/schema")));
        assert_eq!(
            c.env("staging").unwrap().url.expand_with(&vars).unwrap(),
            "postgres://u:pa$$@staging/app"
        );
        assert_eq!(c.env("staging").unwrap().url.key(), "env.staging.url");
        assert_eq!(c.env("staging").unwrap().url.line(), 6);
        assert_eq!(c.drift.ignore, ["comments"]);
    }

    #[test]
    fn unknown_keys_name_the_key_and_line() {
        let err = parse("dialect = \"postgres\"\n\nmigration = \"m\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/p/strata.toml:3:"), "{text}");
        assert!(text.contains("migration"), "{text}");
        let err = parse("[env.prod]\nurl = \"x\"\npassword = \"y\"\n").unwrap_err();
        assert!(err.to_string().contains(":3:"), "{err}");
    }

    #[test]
    fn only_braced_variables_are_expanded() {
        assert_eq!(
            interpolate("a$b${STAGING_URL}", &vars).ok().unwrap(),
            "a$bpostgres://u:pa$$@staging/app"
        );
        assert!(matches!(interpolate("${NOPE}", &vars), Err(Interp::Missing(v)) if v == "NOPE"));
        assert!(matches!(
            interpolate("${OPEN", &vars),
            Err(Interp::Unterminated)
        ));
    }

    #[test]
    fn variables_are_expanded_only_when_used() {
        // Unset variables everywhere: the file still loads.
        let c = parse(
            "dialect = \"postgres\"\nurl = \"${NOPE}\"\ndev_url = \"${DEV_NOPE}\"\n\
             [env.staging]\nurl = \"${STAGING_URL}\"\n[env.prod]\nurl = \"postgres://app:${PROD_PASSWORD}@prod/app\"\n",
        )
        .unwrap();
        assert_eq!(c.dialect.as_deref(), Some("postgres"));
        // The environment in use expands; the others are never looked at.
        assert_eq!(
            c.env("staging").unwrap().url.expand_with(&vars).unwrap(),
            "postgres://u:pa$$@staging/app"
        );
        let err = c.url.as_ref().unwrap().expand_with(&vars).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/p/strata.toml:2: url: environment variable NOPE is not set"
        );
        let err = c.env("prod").unwrap().url.expand_with(&vars).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/p/strata.toml:7: env.prod.url: environment variable PROD_PASSWORD is not set"
        );
        let err = c.dev_url.as_ref().unwrap().expand_with(&vars).unwrap_err();
        assert!(
            err.to_string()
                .contains("dev_url: environment variable DEV_NOPE"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_variable_never_prints_other_values() {
        let c = parse("url = \"postgres://app:s3cret$@${HOST_NOPE}/app\"\n").unwrap();
        let err = c.url.unwrap().expand_with(&vars).unwrap_err().to_string();
        assert!(!err.contains("s3cret"), "{err}");
        assert!(err.contains("HOST_NOPE"), "{err}");
    }

    #[test]
    fn malformed_interpolation_fails_at_load_with_the_line() {
        let err = parse("dialect = \"postgres\"\n[env.a]\nurl = \"${OPEN\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "/p/strata.toml:3: env.a.url: '${' without a closing '}'"
        );
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "migrations = \"db/migrations\"\n",
        )
        .unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        let c = Config::discover(&nested).unwrap();
        assert_eq!(c.migrations, dir.path().join("db/migrations"));
        let bare = tempfile::tempdir().unwrap();
        assert_eq!(Config::discover(bare.path()).unwrap().path, None);
    }

    #[test]
    fn unknown_environment() {
        let c = parse("").unwrap();
        assert!(
            c.env("prod")
                .unwrap_err()
                .to_string()
                .contains("no environment named 'prod'")
        );
    }
}
