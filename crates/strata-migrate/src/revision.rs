//! Revisions on disk.
//!
//! ```text
//! migrations/
//!   20261125101500_create_users/
//!     revision.toml   message, parents, branch labels
//!     up.sql
//!     down.sql
//! ```
//!
//! The id is the folder name up to the first `_` (a UTC timestamp, so ids
//! sort by creation and any unique prefix names a revision). A script whose
//! first line is `-- strata:no-transaction` runs outside a transaction
//! (`CREATE INDEX CONCURRENTLY`).

use crate::checksum::checksum;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const META: &str = "revision.toml";
pub const UP: &str = "up.sql";
pub const DOWN: &str = "down.sql";
pub const NO_TRANSACTION: &str = "-- strata:no-transaction";

#[derive(Debug, thiserror::Error)]
pub enum RevisionError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Meta {
        path: String,
        line: usize,
        message: String,
    },
    #[error(
        "{0}: not a revision folder (expected <id>_<name>/ with revision.toml, up.sql and down.sql)"
    )]
    Layout(String),
    #[error("revision id {0} is used by two folders")]
    Duplicate(String),
}

/// One SQL script of a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub path: PathBuf,
    pub text: String,
    /// First line is `-- strata:no-transaction`.
    pub no_transaction: bool,
    pub checksum: String,
}

impl Script {
    fn read(path: PathBuf) -> Result<Script, RevisionError> {
        let text = std::fs::read_to_string(&path).map_err(|source| RevisionError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Ok(Script::new(path, text))
    }

    pub fn new(path: PathBuf, text: String) -> Script {
        let no_transaction = text
            .lines()
            .next()
            .is_some_and(|l| l.trim().eq_ignore_ascii_case(NO_TRANSACTION));
        Script {
            checksum: checksum(&text),
            path,
            text,
            no_transaction,
        }
    }
}

/// `revision.toml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    message: String,
    #[serde(default)]
    parents: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    branch_labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub id: String,
    pub message: String,
    /// None for a base revision; two or more for a merge.
    pub parents: Vec<String>,
    pub branch_labels: Vec<String>,
    pub dir: PathBuf,
    pub up: Script,
    pub down: Script,
}

impl Revision {
    fn load(dir: &Path) -> Result<Revision, RevisionError> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name.split('_').next().unwrap_or_default().to_string();
        if id.is_empty() {
            return Err(RevisionError::Layout(dir.display().to_string()));
        }
        let meta_path = dir.join(META);
        let text = std::fs::read_to_string(&meta_path).map_err(|source| RevisionError::Io {
            path: meta_path.display().to_string(),
            source,
        })?;
        let meta: Meta = toml::from_str(&text).map_err(|e| RevisionError::Meta {
            path: meta_path.display().to_string(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1),
            message: e.message().trim().to_string(),
        })?;
        Ok(Revision {
            id,
            message: meta.message,
            parents: meta.parents,
            branch_labels: meta.branch_labels,
            up: Script::read(dir.join(UP))?,
            down: Script::read(dir.join(DOWN))?,
            dir: dir.to_path_buf(),
        })
    }

    /// Writes a new revision folder under `root`.
    pub fn create(
        root: &Path,
        id: &str,
        message: &str,
        parents: Vec<String>,
        branch_labels: Vec<String>,
        up: &str,
        down: &str,
    ) -> Result<Revision, RevisionError> {
        let dir = root.join(format!("{id}_{}", slug(message)));
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| RevisionError::Io { path, source }
        };
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let meta = Meta {
            message: message.to_string(),
            parents: parents.clone(),
            branch_labels: branch_labels.clone(),
        };
        let meta_text = toml::to_string(&meta).unwrap_or_default();
        std::fs::write(dir.join(META), meta_text).map_err(io(&dir.join(META)))?;
        std::fs::write(dir.join(UP), up).map_err(io(&dir.join(UP)))?;
        std::fs::write(dir.join(DOWN), down).map_err(io(&dir.join(DOWN)))?;
        Ok(Revision {
            id: id.to_string(),
            message: message.to_string(),
            parents,
            branch_labels,
            up: Script::new(dir.join(UP), up.to_string()),
            down: Script::new(dir.join(DOWN), down.to_string()),
            dir,
        })
    }
}

/// Every revision folder under `root`, sorted by id. A missing directory
/// has no revisions.
pub fn load_all(root: &Path) -> Result<Vec<Revision>, RevisionError> {
    let entries = match std::fs::read_dir(root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(RevisionError::Io {
                path: root.display().to_string(),
                source,
            });
        }
    };
    let mut revisions = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && path.join(META).is_file() {
            revisions.push(Revision::load(&path)?);
        } else if path.is_dir() {
            return Err(RevisionError::Layout(path.display().to_string()));
        }
    }
    revisions.sort_by(|a, b| a.id.cmp(&b.id));
    for pair in revisions.windows(2) {
        if pair[0].id == pair[1].id {
            return Err(RevisionError::Duplicate(pair[0].id.clone()));
        }
    }
    Ok(revisions)
}

/// A folder-name-safe version of a message: `Add users table` -> `add_users_table`.
pub fn slug(message: &str) -> String {
    let mut out = String::new();
    for c in message.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_');
    let short: String = out.chars().take(48).collect();
    if short.is_empty() {
        "revision".into()
    } else {
        short
    }
}

/// A new id: the UTC time as `YYYYMMDDHHMMSS`, moved forward a second at a
/// time past any id already taken.
pub fn new_id(now_unix: u64, taken: &[String]) -> String {
    let mut t = now_unix;
    loop {
        let id = timestamp(t);
        if !taken.contains(&id) {
            return id;
        }
        t += 1;
    }
}

/// `YYYYMMDDHHMMSS` of a Unix time (UTC).
fn timestamp(unix: u64) -> String {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix);
    // `2026-11-25T10:15:00Z` -> `20261125101500`
    humantime::format_rfc3339_seconds(t)
        .to_string()
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_utc_timestamps_and_unique() {
        assert_eq!(timestamp(0), "19700101000000");
        assert_eq!(timestamp(1_795_000_000), "20261118110640");
        assert_eq!(new_id(0, &["19700101000000".into()]), "19700101000001");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Add users table!"), "add_users_table");
        assert_eq!(slug("  ***  "), "revision");
    }

    #[test]
    fn create_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let r = Revision::create(
            dir.path(),
            "20260101000000",
            "first",
            vec![],
            vec!["core".into()],
            "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n",
            "DROP INDEX i;\n",
        )
        .unwrap();
        assert!(r.up.no_transaction);
        assert!(!r.down.no_transaction);
        let all = load_all(dir.path()).unwrap();
        assert_eq!(all, vec![r]);
    }

    #[test]
    fn unknown_keys_in_revision_toml_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path().join("20260101000000_x");
        std::fs::create_dir_all(&r).unwrap();
        std::fs::write(r.join(META), "message = \"x\"\nparent = []\n").unwrap();
        std::fs::write(r.join(UP), "").unwrap();
        std::fs::write(r.join(DOWN), "").unwrap();
        let err = load_all(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("revision.toml:2:") && err.contains("parent"),
            "{err}"
        );
    }
}
