//! Heading anchors the way GitHub makes them, so that `[album](#album)`
//! finds its heading without any HTML in the document.
//!
//! GitHub (github-slugger) lowercases the heading's text, removes
//! everything but letters, digits, `_`, `-` and spaces, turns spaces into
//! `-`, and numbers repeats in document order: the second `Columns` is
//! `columns-1`. GitLab does the same for the names strata writes, except
//! that it folds runs of `-` into one.

use super::Target;
use std::collections::{HashMap, HashSet};

/// The anchors of one document, heading by heading.
#[derive(Debug, Default)]
pub(super) struct Anchors {
    /// Anchors of the link targets, from the previous pass.
    known: HashMap<Target, String>,
    /// Anchors given out so far in this pass.
    used: HashSet<String>,
    /// How many repeats of a slug this pass has numbered.
    repeats: HashMap<String, usize>,
    /// Anchors of the link targets, from this pass.
    found: HashMap<Target, String>,
}

impl Anchors {
    /// Registers the next heading of the document.
    pub(super) fn add(&mut self, title: &str, target: Option<Target>) {
        let base = slug(title);
        let mut anchor = base.clone();
        while self.used.contains(&anchor) {
            let n = self.repeats.entry(base.clone()).or_default();
            *n += 1;
            anchor = format!("{base}-{n}");
        }
        self.used.insert(anchor.clone());
        if let Some(t) = target {
            self.found.insert(t, anchor);
        }
    }

    /// The anchor of a target's heading, as the previous pass found it.
    pub(super) fn get(&self, target: &Target) -> Option<&str> {
        self.known.get(target).map(String::as_str)
    }

    /// A fresh pass that knows what this one found.
    pub(super) fn learned(self) -> Anchors {
        Anchors {
            known: self.found,
            ..Anchors::default()
        }
    }
}

/// The anchor of a heading whose text is `title` (before numbering).
pub(super) fn slug(title: &str) -> String {
    // The heading's text as rendered: one line, without the spaces around it.
    title
        .replace(['\n', '\r'], " ")
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Schema public"), "schema-public");
        assert_eq!(slug("a\"; drop table x; --"), "a-drop-table-x---");
        assert_eq!(
            slug("Invoice_Line (materialized)"),
            "invoice_line-materialized"
        );
        assert_eq!(slug("Größe"), "größe");
        assert_eq!(slug("  100% "), "100");
    }

    #[test]
    fn repeats_are_numbered_in_document_order() {
        let mut a = Anchors::default();
        let t = |n: &str| Some(Target::Table("s".into(), n.into()));
        a.add("Columns", None);
        a.add("columns", t("columns"));
        a.add("Columns-1", t("Columns-1"));
        a.add("Columns", t("third"));
        let a = a.learned();
        assert_eq!(
            a.get(&Target::Table("s".into(), "columns".into())),
            Some("columns-1")
        );
        // github-slugger: a literal `columns-1` that is taken gets its own number.
        assert_eq!(
            a.get(&Target::Table("s".into(), "Columns-1".into())),
            Some("columns-1-1")
        );
        assert_eq!(
            a.get(&Target::Table("s".into(), "third".into())),
            Some("columns-2")
        );
    }
}
