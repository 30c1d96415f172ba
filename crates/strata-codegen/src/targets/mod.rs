//! One module per target, and the one registration: [`generate`] and
//! [`caps`] match on every [`Target`], so a new target is a compile error
//! until it is handled here.

mod diesel;
mod django;
mod python;
mod rust;
mod seaorm;
mod sqlalchemy;
mod sqlalchemy_core;
mod sqlmodel;
mod sqlx;

use crate::inexpressible::{Caps, Note};
use crate::ir::{self, Model, NamingPolicy};
use crate::render::Env;
use crate::{CodegenError, File, Options, Output, Role, Target};
use minijinja::context;
use strata_model::Realm;

/// What each target's code can create.
pub fn caps(target: Target) -> Caps {
    match target {
        Target::Sqlalchemy | Target::SqlalchemyCore | Target::SqlModel => Caps {
            sequences: true,
            user_types: true,
            checks: true,
            indexes: true,
            partitioned_parents: true,
        },
        Target::Django => Caps {
            sequences: false,
            user_types: false,
            checks: true,
            indexes: true,
            partitioned_parents: false,
        },
        Target::SeaOrm | Target::Diesel | Target::Sqlx => Caps {
            sequences: false,
            user_types: true,
            checks: false,
            indexes: false,
            partitioned_parents: false,
        },
    }
}

fn policy(target: Target) -> NamingPolicy {
    match target {
        Target::Sqlalchemy | Target::SqlalchemyCore => sqlalchemy::POLICY,
        Target::SqlModel => sqlmodel::POLICY,
        Target::Django => django::POLICY,
        Target::SeaOrm | Target::Diesel | Target::Sqlx => rust::POLICY,
    }
}

/// Runs the target.
pub fn generate(realm: &Realm, options: &Options, env: &Env) -> Result<Output, CodegenError> {
    let (mut kept, notes) = inexpressible::split(realm, &caps(options.target));
    // Views are mapped (read-only) although their definitions are not created.
    for (name, schema) in &realm.schemas {
        if let Some(k) = kept.schemas.get_mut(name) {
            k.views = schema.views.clone();
        }
    }
    let model = if caps(options.target).user_types {
        ir::build(&kept, &policy(options.target))
    } else {
        // The types are not created, but the columns still map to what
        // they hold: an enum's labels as choices, a domain's base type.
        let mut typed = kept.clone();
        for (name, schema) in &realm.schemas {
            if let Some(k) = typed.schemas.get_mut(name) {
                k.types = schema.types.clone();
            }
        }
        ir::build(&typed, &policy(options.target))
    };
    let header = Header {
        source: options.source.clone(),
        command: options.command.clone(),
        notes: notes.clone(),
        scaffold: options.target.file_name().to_string(),
    };
    let main = match options.target {
        Target::Sqlalchemy => sqlalchemy::render(&model, &kept, &header, env)?,
        Target::SqlalchemyCore => sqlalchemy_core::render(&model, &kept, &header, env)?,
        Target::SqlModel => sqlmodel::render(&model, &kept, &header, env)?,
        Target::Django => django::render(&model, &kept, &header, env)?,
        Target::SeaOrm => seaorm::render(&model, &kept, &header, env)?,
        Target::Diesel => diesel::render(&model, &kept, &header, env)?,
        Target::Sqlx => sqlx::render(&model, &kept, &header, env)?,
    };
    let files = files(options.target, &main, env)?;
    let relationships = model.entities.iter().map(|e| e.relationships.len()).sum();
    Ok(Output {
        main,
        files,
        notes,
        relationships,
        uncovered_foreign_keys: uncovered(&model),
    })
}

use crate::inexpressible;

/// The generated module and, beside it, the user's module that re-exports
/// it (written once, never overwritten).
fn files(target: Target, main: &str, env: &Env) -> Result<Vec<File>, CodegenError> {
    let name = target.file_name();
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let generated = format!("generated_{stem}");
    let template = if target.is_python() {
        "scaffold.py.jinja"
    } else {
        "scaffold.rs.jinja"
    };
    let scaffold = env.render(
        template,
        context! { generated => generated.clone(), target => target.as_str(), module => stem },
    )?;
    Ok(vec![
        File {
            path: format!("{generated}.{ext}"),
            content: main.to_string(),
            role: Role::Generated,
        },
        File {
            path: name.to_string(),
            content: scaffold,
            role: Role::Scaffold,
        },
    ])
}

/// Foreign keys of mapped tables that point outside the model.
fn uncovered(model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    for e in &model.entities {
        for fk in &e.table.foreign_keys {
            let known = model.table(&fk.references).is_some();
            if !known {
                out.push(format!(
                    "{} ({}) -> {}",
                    e.name,
                    fk.columns.join(", "),
                    fk.references
                ));
            }
        }
    }
    out
}

/// What every generated file says at the top.
#[derive(Debug, Clone)]
pub struct Header {
    pub source: String,
    pub command: String,
    pub notes: Vec<Note>,
    /// The module users edit instead of this one.
    pub scaffold: String,
}

impl Header {
    /// The header as comment lines with `prefix` (`#`, `//`).
    pub fn lines(&self, prefix: &str) -> String {
        let mut text = format!(
            "Generated by strata from {}.\nRegenerate with: {}\nDo not edit: this file is replaced when it is regenerated. Keep your own code\nin another module (with --out-dir, strata writes {} for it once).\n",
            self.source, self.command, self.scaffold
        );
        if self.notes.is_empty() {
            text.push_str("\nEverything in the schema is expressed below.\n");
        } else {
            text.push_str(
                "\nNot expressible in this target (create these with migrations; a schema\ncreated from this file lacks exactly these):\n",
            );
            for n in &self.notes {
                text.push_str(&format!("  - {}\n", n.line()));
            }
        }
        text.lines()
            .map(|l| {
                if l.is_empty() {
                    format!("{prefix}\n")
                } else {
                    format!("{prefix} {}\n", l.replace(['\r', '\n'], " "))
                }
            })
            .collect()
    }
}
