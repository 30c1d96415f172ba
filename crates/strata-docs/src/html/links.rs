//! Where every object's page lives, relative to the site's root.
//!
//! `index.html`, `assets/…`, `groups/<group>.html`, and per schema
//! `schemas/<schema>/index.html` with `tables/`, `views/`, `routines/`,
//! `types/` and `sequences/` folders of one page per object.

use crate::names::slugs;
use std::collections::HashMap;
use strata_model::{ObjectKind, ObjectRef, Realm};

#[derive(Debug, Default)]
struct SchemaLinks {
    slug: String,
    tables: HashMap<String, String>,
    views: HashMap<String, String>,
    routines: HashMap<String, String>,
    types: HashMap<String, String>,
    sequences: HashMap<String, String>,
}

/// Page paths of every object of a realm.
#[derive(Debug, Default)]
pub struct Links {
    schemas: HashMap<String, SchemaLinks>,
}

impl Links {
    /// Paths for every object of a realm (stable between runs).
    pub fn new(realm: &Realm) -> Links {
        let schema_slugs = slugs(realm.schemas.keys().map(String::as_str));
        let mut schemas = HashMap::new();
        for (name, schema) in &realm.schemas {
            schemas.insert(
                name.clone(),
                SchemaLinks {
                    slug: schema_slugs.get(name).cloned().unwrap_or_default(),
                    tables: slugs(schema.tables.keys().map(String::as_str)),
                    views: slugs(schema.views.keys().map(String::as_str)),
                    routines: slugs(schema.routines.keys().map(String::as_str)),
                    types: slugs(schema.types.keys().map(String::as_str)),
                    sequences: slugs(schema.sequences.keys().map(String::as_str)),
                },
            );
        }
        Links { schemas }
    }

    /// A schema's page.
    pub fn schema(&self, schema: &str) -> Option<String> {
        Some(format!(
            "schemas/{}/index.html",
            self.schemas.get(schema)?.slug
        ))
    }

    fn page(&self, schema: &str, folder: &str, slug: Option<&String>) -> Option<String> {
        let s = self.schemas.get(schema)?;
        Some(format!("schemas/{}/{folder}/{}.html", s.slug, slug?))
    }

    /// A table's page.
    pub fn table(&self, schema: &str, name: &str) -> Option<String> {
        self.page(schema, "tables", self.schemas.get(schema)?.tables.get(name))
    }

    /// A view's page.
    pub fn view(&self, schema: &str, name: &str) -> Option<String> {
        self.page(schema, "views", self.schemas.get(schema)?.views.get(name))
    }

    /// By routine key (`name(args)`).
    pub fn routine(&self, schema: &str, key: &str) -> Option<String> {
        self.page(
            schema,
            "routines",
            self.schemas.get(schema)?.routines.get(key),
        )
    }

    /// A user type's page.
    pub fn user_type(&self, schema: &str, name: &str) -> Option<String> {
        self.page(schema, "types", self.schemas.get(schema)?.types.get(name))
    }

    /// A sequence's page.
    pub fn sequence(&self, schema: &str, name: &str) -> Option<String> {
        self.page(
            schema,
            "sequences",
            self.schemas.get(schema)?.sequences.get(name),
        )
    }

    /// The page of a referenced object, if it has one.
    pub fn object(&self, r: &ObjectRef) -> Option<String> {
        match r.kind {
            ObjectKind::Table => self.table(&r.schema, &r.name),
            ObjectKind::View => self.view(&r.schema, &r.name),
            ObjectKind::Routine => self.routine(&r.schema, &r.name),
            ObjectKind::Type => self.user_type(&r.schema, &r.name),
            ObjectKind::Sequence => self.sequence(&r.schema, &r.name),
            ObjectKind::Schema => self.schema(&r.name),
            ObjectKind::Extension | ObjectKind::Event | ObjectKind::Collation => None,
        }
    }
}

/// The prefix that leads from a page back to the site's root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}
