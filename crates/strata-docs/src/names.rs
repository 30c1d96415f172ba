//! File names for objects. Identifiers may hold any character (`a"; drop
//! table x; --`), differ only in case (`Foo` and `foo` in PostgreSQL), or be
//! long; a file name must be safe on every file system and stable between
//! runs (so that `--check` compares like with like).

use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Characters kept as they are in a file name; everything else becomes `_`.
fn safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Longest readable part of a file name before the disambiguating hash.
const MAX_READABLE: usize = 60;

/// A file-name stem for `name`: the name itself when it is safe and does not
/// collide case-insensitively with another name in `siblings`; otherwise a
/// readable part followed by a short hash of the exact name.
pub fn slug(name: &str, collides: bool) -> String {
    let readable: String = name
        .chars()
        .map(|c| if safe(c) { c } else { '_' })
        .take(MAX_READABLE)
        .collect();
    let exact = readable == name && !name.is_empty();
    if exact && !collides {
        return readable;
    }
    let digest = Sha256::digest(name.as_bytes());
    let hash = hex::encode(&digest[..4]);
    if readable.is_empty() {
        hash
    } else {
        format!("{readable}-{hash}")
    }
}

/// Slugs for a set of names in one folder, so that no two differ only in
/// case (which would collide on case-insensitive file systems).
pub fn slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> HashMap<String, String> {
    let names: Vec<&str> = names.into_iter().collect();
    let mut lower: HashMap<String, usize> = HashMap::new();
    for n in &names {
        *lower.entry(n.to_lowercase()).or_default() += 1;
    }
    names
        .iter()
        .map(|n| {
            let collides = lower.get(&n.to_lowercase()).is_some_and(|&k| k > 1);
            (n.to_string(), slug(n, collides))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_kept() {
        assert_eq!(slug("film_actor", false), "film_actor");
        assert_eq!(slug("Album", false), "Album");
    }

    #[test]
    fn unsafe_and_colliding_names_get_a_hash() {
        let hostile = slug("a\"; drop table x; --", false);
        assert!(hostile.starts_with("a___drop_table_x__---"), "{hostile}");
        assert!(hostile.chars().all(safe));
        let s = slugs(["Foo", "foo", "bar"]);
        assert_ne!(s["Foo"], s["foo"]);
        assert_ne!(s["Foo"].to_lowercase(), s["foo"].to_lowercase());
        assert_eq!(s["bar"], "bar");
        assert_eq!(slug("../x", false).len(), "___x-".len() + 8);
    }
}
