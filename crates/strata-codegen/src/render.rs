//! Templates: embedded in the binary, each replaceable by a file of the same
//! name in the user's template directory (`strata codegen --templates DIR`).

use crate::CodegenError;
use minijinja::{AutoEscape, Environment};
use std::collections::BTreeMap;

/// The embedded templates, by name.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "sqlalchemy.py.jinja",
        include_str!("../templates/sqlalchemy.py.jinja"),
    ),
    (
        "sqlalchemy_core.py.jinja",
        include_str!("../templates/sqlalchemy_core.py.jinja"),
    ),
    (
        "sqlmodel.py.jinja",
        include_str!("../templates/sqlmodel.py.jinja"),
    ),
    (
        "django.py.jinja",
        include_str!("../templates/django.py.jinja"),
    ),
    (
        "seaorm.rs.jinja",
        include_str!("../templates/seaorm.rs.jinja"),
    ),
    (
        "diesel.rs.jinja",
        include_str!("../templates/diesel.rs.jinja"),
    ),
    ("sqlx.rs.jinja", include_str!("../templates/sqlx.rs.jinja")),
    (
        "scaffold.py.jinja",
        include_str!("../templates/scaffold.py.jinja"),
    ),
    (
        "scaffold.rs.jinja",
        include_str!("../templates/scaffold.rs.jinja"),
    ),
];

/// A template environment.
pub struct Env {
    env: Environment<'static>,
}

impl Env {
    /// The embedded templates, with `overrides` (name → text) replacing them.
    pub fn new(overrides: &BTreeMap<String, String>) -> Result<Env, CodegenError> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::None);
        env.set_keep_trailing_newline(true);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        for (name, text) in EMBEDDED {
            let text = overrides
                .get(*name)
                .cloned()
                .unwrap_or_else(|| text.to_string());
            env.add_template_owned(name.to_string(), text)
                .map_err(|e| template_error(name, &e))?;
        }
        for name in overrides.keys() {
            if !EMBEDDED.iter().any(|(n, _)| n == name) {
                return Err(CodegenError::Template {
                    name: name.clone(),
                    message: format!(
                        "no such template (known: {})",
                        EMBEDDED
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
            }
        }
        Ok(Env { env })
    }

    /// Renders `name` with `context`.
    pub fn render(&self, name: &str, context: minijinja::Value) -> Result<String, CodegenError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(name, &e))?;
        template
            .render(context)
            .map_err(|e| template_error(name, &e))
    }
}

fn template_error(name: &str, e: &minijinja::Error) -> CodegenError {
    let mut message = e.to_string();
    if let Some(line) = e.line() {
        message = format!("line {line}: {message}");
    }
    CodegenError::Template {
        name: name.to_string(),
        message,
    }
}
