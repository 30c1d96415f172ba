//! The generated files, and the two things a caller does with them: write
//! them to a directory, or compare them with what is there (`--check`).

use crate::DocsError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The manifest strata writes beside the docs: the files it generated, one
/// per line, so that regeneration removes its own leftovers (a dropped
/// table's page) and never a file a person put there.
pub const MANIFEST: &str = ".strata-docs";

/// Generated files by relative path (`/`-separated), in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// What `--check` found. Empty when the docs on disk are current.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// On disk with different content.
    pub stale: Vec<String>,
    /// Generated but not on disk.
    pub missing: Vec<String>,
    /// On disk but no longer generated.
    pub extra: Vec<String>,
}

impl CheckReport {
    /// Nothing stale, missing or extra.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

/// What [`Site::write`] did.
#[derive(Debug, Clone, Default)]
pub struct WriteReport {
    /// Files written (new or changed).
    pub written: usize,
    /// Files already right, left untouched.
    pub unchanged: usize,
    /// Files of the previous run no longer generated, removed.
    pub removed: Vec<String>,
}

impl Site {
    /// Adds (or replaces) a file.
    pub fn add(&mut self, path: impl Into<String>, content: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), content.into());
    }

    /// Total size of the files, in bytes.
    pub fn size(&self) -> usize {
        self.files.values().map(Vec::len).sum()
    }

    /// Adds the manifest listing every file (called last by the generators).
    pub fn seal(&mut self) {
        let mut list = String::new();
        for path in self.files.keys() {
            list.push_str(path);
            list.push('\n');
        }
        self.files.insert(MANIFEST.to_string(), list.into_bytes());
    }

    /// Writes the files under `dir`, leaving files whose content is already
    /// right untouched, and removes the files the previous run generated
    /// that are no longer generated (listed in its manifest).
    pub fn write(&self, dir: &Path) -> Result<WriteReport, DocsError> {
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| DocsError::Io { path, source }
        };
        let mut report = WriteReport::default();
        let previous = std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
        for (rel, content) in &self.files {
            let path = dir.join(rel);
            if std::fs::read(&path).is_ok_and(|old| &old == content) {
                report.unchanged += 1;
                continue;
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&path, content).map_err(io(&path))?;
            report.written += 1;
        }
        for old in previous.lines() {
            if old.is_empty() || self.files.contains_key(old) || !is_relative_inside(old) {
                continue;
            }
            let path = dir.join(old);
            if path.is_file() {
                std::fs::remove_file(&path).map_err(io(&path))?;
                report.removed.push(old.to_string());
            }
        }
        Ok(report)
    }

    /// Compares the files with `dir`. Every file under `dir` that is not
    /// generated is extra, except the paths in `keep` (the notes file).
    pub fn check(&self, dir: &Path, keep: &[PathBuf]) -> Result<CheckReport, DocsError> {
        let mut report = CheckReport::default();
        let on_disk = list_files(dir)?;
        for (rel, content) in &self.files {
            match std::fs::read(dir.join(rel)) {
                Ok(old) if &old == content => {}
                Ok(_) => report.stale.push(rel.clone()),
                Err(_) => report.missing.push(rel.clone()),
            }
        }
        let keep: BTreeSet<PathBuf> = keep.iter().filter_map(|p| p.canonicalize().ok()).collect();
        for rel in on_disk {
            if self.files.contains_key(&rel) {
                continue;
            }
            let kept = dir
                .join(&rel)
                .canonicalize()
                .is_ok_and(|p| keep.contains(&p));
            if !kept {
                report.extra.push(rel);
            }
        }
        Ok(report)
    }
}

/// Files under `dir`, as `/`-separated relative paths. A missing directory
/// has no files.
fn list_files(dir: &Path) -> Result<Vec<String>, DocsError> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let path = dir.join(&rel);
        let entries = std::fs::read_dir(&path).map_err(|source| DocsError::Io {
            path: path.display().to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let child = rel.join(entry.file_name());
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(child);
            } else {
                let parts: Vec<String> = child
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A manifest line names a file below the directory (a hand-edited manifest
/// must not make strata delete anything outside it).
fn is_relative_inside(rel: &str) -> bool {
    let path = Path::new(rel);
    !path.is_absolute()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_check_then_stale_missing_extra() {
        let dir = tempfile::tempdir().unwrap();
        let mut site = Site::default();
        site.add("index.html", "a");
        site.add("t/x.html", "b");
        site.seal();
        site.write(dir.path()).unwrap();
        assert!(site.check(dir.path(), &[]).unwrap().is_clean());

        std::fs::write(dir.path().join("index.html"), "changed").unwrap();
        std::fs::remove_file(dir.path().join("t/x.html")).unwrap();
        std::fs::write(dir.path().join("old.html"), "x").unwrap();
        std::fs::write(dir.path().join("notes.yaml"), "x").unwrap();
        let report = site
            .check(dir.path(), &[dir.path().join("notes.yaml")])
            .unwrap();
        assert_eq!(report.stale, ["index.html"]);
        assert_eq!(report.missing, ["t/x.html"]);
        assert_eq!(report.extra, ["old.html"]);
    }

    #[test]
    fn regeneration_removes_its_own_leftovers_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut first = Site::default();
        first.add("a.html", "a");
        first.add("gone.html", "g");
        first.seal();
        first.write(dir.path()).unwrap();
        std::fs::write(dir.path().join("mine.txt"), "keep").unwrap();
        let mut second = Site::default();
        second.add("a.html", "a");
        second.seal();
        let report = second.write(dir.path()).unwrap();
        assert_eq!(report.removed, ["gone.html"]);
        assert!(dir.path().join("mine.txt").exists());
        assert!(!is_relative_inside("../x"));
        assert!(!is_relative_inside("/etc/passwd"));
    }
}
