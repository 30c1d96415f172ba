//! Model code from a schema: a realm in, files out. No I/O.
//!
//! - [`naming`]: class and attribute names, and how collisions are resolved;
//! - [`relations`]: relationships inferred from foreign keys;
//! - [`types`]: the server's type spellings read into a neutral type;
//! - [`inexpressible`]: what a target cannot recreate (listed in the file);
//! - [`targets`]: one module per target, registered in [`Target`].
//!
//! Every target renders through minijinja templates embedded in the binary;
//! a user can replace any of them ([`Options::templates`]). The output is
//! laid out the way `ruff format` and `rustfmt` lay code out, so that both
//! pass `--check` on it.

pub mod inexpressible;
pub mod ir;
pub mod naming;
pub mod pyfmt;
pub mod relations;
pub mod render;
pub mod targets;
pub mod types;

use std::collections::BTreeMap;
use std::fmt;
use strata_model::Realm;

pub use inexpressible::Note;

/// A code generation target. Adding one is a module in [`targets`] and an
/// arm in each match below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// SQLAlchemy 2.x declarative (`Mapped[...]`, `mapped_column`).
    Sqlalchemy,
    /// SQLAlchemy Core `Table` objects on a `MetaData`.
    SqlalchemyCore,
    SqlModel,
    /// Django `models.py`.
    Django,
    SeaOrm,
    /// Diesel `table!` schema plus model structs.
    Diesel,
    /// sqlx `FromRow` structs.
    Sqlx,
}

impl Target {
    pub const ALL: [Target; 7] = [
        Target::Sqlalchemy,
        Target::SqlalchemyCore,
        Target::SqlModel,
        Target::Django,
        Target::SeaOrm,
        Target::Diesel,
        Target::Sqlx,
    ];

    /// The name on the command line and in strata.toml.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Sqlalchemy => "sqlalchemy",
            Target::SqlalchemyCore => "sqlalchemy-core",
            Target::SqlModel => "sqlmodel",
            Target::Django => "django",
            Target::SeaOrm => "seaorm",
            Target::Diesel => "diesel",
            Target::Sqlx => "sqlx",
        }
    }

    /// Reads a target name.
    pub fn parse(name: &str) -> Result<Target, CodegenError> {
        Target::ALL
            .into_iter()
            .find(|t| t.as_str() == name)
            .ok_or_else(|| CodegenError::UnknownTarget(name.to_string()))
    }

    /// The module a user imports (`models.py`, `entities.rs`).
    pub fn file_name(self) -> &'static str {
        match self {
            Target::Sqlalchemy | Target::SqlModel | Target::Django => "models.py",
            Target::SqlalchemyCore => "tables.py",
            Target::SeaOrm => "entities.rs",
            Target::Diesel => "schema.rs",
            Target::Sqlx => "models.rs",
        }
    }

    /// Python or Rust.
    pub fn is_python(self) -> bool {
        matches!(
            self,
            Target::Sqlalchemy | Target::SqlalchemyCore | Target::SqlModel | Target::Django
        )
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Errors of code generation.
#[derive(Debug, thiserror::Error)]
pub enum CodegenError {
    #[error(
        "unknown codegen target '{0}' (known: sqlalchemy, sqlalchemy-core, sqlmodel, django, seaorm, diesel, sqlx)"
    )]
    UnknownTarget(String),
    #[error("the {0} target is not implemented yet")]
    NotYet(&'static str),
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
}

/// What to generate and how to describe it in the file header.
#[derive(Debug, Clone)]
pub struct Options {
    pub target: Target,
    /// The source as shown in the header: a URL without its password, a path.
    pub source: String,
    /// The command that regenerates the file.
    pub command: String,
    /// Templates replacing the embedded ones, by file name (`sqlalchemy.py.jinja`).
    pub templates: BTreeMap<String, String>,
}

/// Whether a file is rewritten on every run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Generated: overwritten on every run, never edited by hand.
    Generated,
    /// Written once if absent and never touched after: the user's.
    Scaffold,
}

/// One output file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub content: String,
    pub role: Role,
}

/// The result of a run.
#[derive(Debug, Clone)]
pub struct Output {
    /// The generated module (what `--out` and standard output get).
    pub main: String,
    /// Files for `--out-dir`: the generated module and the scaffold.
    pub files: Vec<File>,
    /// What the code does not recreate (also listed in the file).
    pub notes: Vec<Note>,
    /// Relationship attributes generated (both sides counted).
    pub relationships: usize,
    /// Foreign keys no relationship covers (a key to a table outside the realm).
    pub uncovered_foreign_keys: Vec<String>,
}

/// Generates code for `realm`.
pub fn generate(realm: &Realm, options: &Options) -> Result<Output, CodegenError> {
    let env = render::Env::new(&options.templates)?;
    targets::generate(realm, options, &env)
}

/// The part of `realm` that the code generated for `target` recreates, and
/// what it leaves out: what a fidelity test compares against.
pub fn expressible(realm: &Realm, target: Target) -> (Realm, Vec<Note>) {
    inexpressible::split(realm, &targets::caps(target))
}
