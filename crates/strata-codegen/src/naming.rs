//! Names in generated code: classes are singular PascalCase, attributes
//! snake_case, and every name is a valid identifier of the target language.
//!
//! Collisions are resolved predictably, in this order: a keyword or a name
//! the target reserves gets a trailing `_` (Rust keywords become raw
//! identifiers `r#type` where Rust allows it); a name starting with a digit
//! gets a prefix; a name already taken in its scope gets `_2`, `_3`, … in
//! the order the objects appear (columns in table order, then relationships
//! in foreign-key order).

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The language names are made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Python,
    Rust,
}

/// Python keywords (soft keywords `match`, `case`, `type`, `_` are valid names).
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Rust keywords, strict and reserved (2024 edition).
const RUST_KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Rust keywords that cannot be raw identifiers.
const RUST_NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Is `word` a keyword of `lang`?
pub fn is_keyword(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::Python => PYTHON_KEYWORDS.contains(&word),
        Lang::Rust => RUST_KEYWORDS.contains(&word),
    }
}

/// A valid identifier: XID start (or `_`) then XID continue.
pub fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue)
}

/// Folds Latin letters with diacritics to ASCII for languages where
/// non-ASCII identifiers are legal but unidiomatic (Rust warns on
/// confusables); other characters become `_`.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let folded = match c {
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
            'Æ' => "AE",
            'æ' => "ae",
            'Ç' => "C",
            'ç' => "c",
            'È' | 'É' | 'Ê' | 'Ë' => "E",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'Ì' | 'Í' | 'Î' | 'Ï' => "I",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'Ñ' => "N",
            'ñ' => "n",
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
            'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
            'ù' | 'ú' | 'û' | 'ü' => "u",
            'Ý' => "Y",
            'ý' | 'ÿ' => "y",
            'ß' => "ss",
            _ => "_",
        };
        out.push_str(folded);
    }
    out
}

/// Characters that are not identifier characters become word breaks.
fn words_only(text: &str, lang: Lang) -> String {
    let text = match lang {
        Lang::Python => text.to_string(),
        Lang::Rust => fold_ascii(text),
    };
    text.chars()
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// `AlbumId` → `album_id`, `a-b` → `a_b`, `1st` → `_1st`, `class` → `class_`
/// (Python), `type` → `r#type` (Rust). Never empty.
pub fn attribute(name: &str, lang: Lang) -> String {
    let mut snake = words_only(name, lang).to_snake_case();
    if snake.is_empty() {
        snake = "column".into();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    escape_keyword(snake, lang)
}

/// A keyword made usable: Python `class_`, Rust `r#type` (or `self_` where a
/// raw identifier is not allowed).
pub fn escape_keyword(word: String, lang: Lang) -> String {
    if !is_keyword(&word, lang) {
        return word;
    }
    match lang {
        Lang::Python => format!("{word}_"),
        Lang::Rust if RUST_NOT_RAW.contains(&word.as_str()) => format!("{word}_"),
        Lang::Rust => format!("r#{word}"),
    }
}

/// `film_actors` → `FilmActor`, `Album` → `Album`, `1st` → `T1st`.
pub fn class(name: &str, lang: Lang) -> String {
    let words = words_only(name, lang);
    let snake = words.to_snake_case();
    let singular = singular_snake(&snake);
    let mut pascal = singular.to_upper_camel_case();
    if pascal.is_empty() {
        pascal = "Table".into();
    }
    if pascal.starts_with(|c: char| c.is_ascii_digit()) {
        pascal.insert(0, 'T');
    }
    if is_keyword(&pascal, lang) {
        pascal.push('_');
    }
    pascal
}

/// A snake_case name made singular on its last word (`film_categories` →
/// `film_category`).
pub fn singular_snake(snake: &str) -> String {
    match snake.rsplit_once('_') {
        Some((head, last)) if !last.is_empty() => format!("{head}_{}", singular(last)),
        _ => singular(snake),
    }
}

/// A snake_case name made plural on its last word (`film_category` →
/// `film_categories`).
pub fn plural_snake(snake: &str) -> String {
    let bare = snake.trim_start_matches("r#").trim_end_matches('_');
    match bare.rsplit_once('_') {
        Some((head, last)) if !last.is_empty() => format!("{head}_{}", plural(last)),
        _ => plural(bare),
    }
}

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("mouse", "mice"),
    ("goose", "geese"),
    ("foot", "feet"),
    ("tooth", "teeth"),
];

/// Words that are the same in both numbers, or that only look plural.
const INVARIANT: &[&str] = &[
    "data",
    "info",
    "information",
    "media",
    "metadata",
    "news",
    "series",
    "species",
    "sheep",
    "fish",
    "equipment",
    "status",
    "analysis",
    "basis",
    "axis",
    "bus",
    "campus",
    "virus",
    "corpus",
];

/// A small English inflector for the last word of a name; lowercase ASCII
/// words only (anything else is returned unchanged).
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if lower != word || !word.is_ascii() || word.len() < 3 || INVARIANT.contains(&word) {
        return word.to_string();
    }
    if let Some((s, _)) = IRREGULAR.iter().find(|(_, p)| *p == word) {
        return s.to_string();
    }
    if IRREGULAR.iter().any(|(s, _)| *s == word) {
        return word.to_string();
    }
    let strip = |n: usize| word[..word.len() - n].to_string();
    if word.ends_with("ies") && word.len() > 4 {
        return format!("{}y", strip(3));
    }
    for suffix in ["sses", "shes", "ches", "xes", "zzes"] {
        if word.ends_with(suffix) {
            return strip(2);
        }
    }
    if word.ends_with("uses") {
        return strip(2);
    }
    if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_string();
    }
    if word.ends_with('s') {
        return strip(1);
    }
    word.to_string()
}

/// The plural of one lowercase word.
pub fn plural(word: &str) -> String {
    if !word.is_ascii() || word.to_ascii_lowercase() != word {
        return format!("{word}_list");
    }
    if INVARIANT.contains(&word) {
        return format!("{word}_list");
    }
    if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == word) {
        return p.to_string();
    }
    if word.ends_with('y')
        && word.len() > 1
        && !matches!(
            word.as_bytes()[word.len() - 2],
            b'a' | b'e' | b'i' | b'o' | b'u'
        )
    {
        return format!("{}ies", &word[..word.len() - 1]);
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|s| word.ends_with(s))
    {
        return format!("{word}es");
    }
    format!("{word}s")
}

/// Names taken in one scope (a class's attributes, a module's classes).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope with `reserved` names already taken.
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope {
            taken: reserved.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `base`, or `base_2`, `base_3`… (`Base2`… for PascalCase names), taken.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let pascal = base.starts_with(|c: char| c.is_uppercase());
        let stem = base.trim_start_matches("r#");
        for n in 2.. {
            let candidate = if pascal {
                format!("{stem}{n}")
            } else {
                format!("{}_{n}", stem.trim_end_matches('_'))
            };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        unreachable_name()
    }

    /// Marks a name taken without checking.
    pub fn take(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }
}

/// `2..` never ends; this keeps the signature honest without a panic.
fn unreachable_name() -> String {
    String::from("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_singular_pascal_case() {
        assert_eq!(class("film_actors", Lang::Python), "FilmActor");
        assert_eq!(class("Album", Lang::Python), "Album");
        assert_eq!(class("PlaylistTrack", Lang::Python), "PlaylistTrack");
        assert_eq!(class("categories", Lang::Python), "Category");
        assert_eq!(class("addresses", Lang::Python), "Address");
        assert_eq!(class("status", Lang::Python), "Status");
        assert_eq!(class("people", Lang::Python), "Person");
        assert_eq!(class("1st", Lang::Python), "T1st");
        assert_eq!(class("a-b", Lang::Python), "AB");
        assert_eq!(class("Ünïcode", Lang::Python), "Ünïcode");
        assert_eq!(class("Ünïcode", Lang::Rust), "Unicode");
        assert_eq!(class("class", Lang::Python), "Class");
    }

    #[test]
    fn attributes_are_snake_case_identifiers() {
        assert_eq!(attribute("AlbumId", Lang::Python), "album_id");
        assert_eq!(attribute("class", Lang::Python), "class_");
        assert_eq!(attribute("type", Lang::Python), "type");
        assert_eq!(attribute("type", Lang::Rust), "r#type");
        assert_eq!(attribute("self", Lang::Rust), "self_");
        assert_eq!(attribute("1st", Lang::Python), "_1st");
        assert_eq!(attribute("a-b", Lang::Python), "a_b");
        assert_eq!(attribute("Ünïcode", Lang::Python), "ünïcode");
        assert_eq!(attribute("Ünïcode", Lang::Rust), "unicode");
        assert_eq!(attribute("---", Lang::Python), "column");
        for name in ["class_", "_1st", "a_b", "ünïcode"] {
            assert!(is_identifier(name), "{name}");
        }
    }

    #[test]
    fn inflection() {
        assert_eq!(plural("category"), "categories");
        assert_eq!(plural("address"), "addresses");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("person"), "people");
        assert_eq!(plural_snake("film_category"), "film_categories");
        assert_eq!(singular("invoices"), "invoice");
        assert_eq!(singular("buses"), "bus");
        assert_eq!(singular("boxes"), "box");
    }

    #[test]
    fn scopes_number_collisions_in_order() {
        let mut s = Scope::with_reserved(&["metadata"]);
        assert_eq!(s.claim("metadata"), "metadata_2");
        assert_eq!(s.claim("artist"), "artist");
        assert_eq!(s.claim("artist"), "artist_2");
        assert_eq!(s.claim("Artist"), "Artist");
        assert_eq!(s.claim("Artist"), "Artist2");
    }
}
