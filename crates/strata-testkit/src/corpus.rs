//! The public sample schemas in `../shared/corpus` (relative to the
//! project root), read in place and never copied into the repository.

use std::path::PathBuf;

/// The corpus directory: `STRATA_CORPUS`, or `../shared/corpus` beside the
/// project root.
pub fn root() -> PathBuf {
    if let Ok(dir) = std::env::var("STRATA_CORPUS") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

/// A corpus file's text; panics with the path if it is missing.
pub fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("corpus file {} is not readable: {e}", path.display()))
}

/// The migra fixture case names (sub-folders of `migra-fixtures`), sorted.
pub fn migra_cases() -> Vec<String> {
    let dir = root().join("migra-fixtures");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} is not readable: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

/// Removes the lines of a script for which `drop` is true (used for the
/// published files' `DROP DATABASE` / `\c` / `USE` preambles).
pub fn without_lines(script: &str, drop: impl Fn(&str) -> bool) -> String {
    script
        .split_inclusive('\n')
        .filter(|line| !drop(line.trim()))
        .collect()
}
