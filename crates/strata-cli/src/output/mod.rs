//! Where command output goes (standard output or `-o FILE`), and the
//! formats for people.

pub mod alembic;
pub mod plan;
pub mod text;

use crate::commands::CliError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Standard output (coloured only on a terminal) or a file written in full
/// at the end, so that a failed command never leaves a half-written file.
pub enum Output {
    Stdout(anstream::AutoStream<std::io::Stdout>),
    File { path: PathBuf, buffer: Vec<u8> },
}

impl Output {
    pub fn open(path: Option<&Path>) -> Result<Output, CliError> {
        Ok(match path {
            Some(p) => Output::File {
                path: p.to_path_buf(),
                buffer: Vec::new(),
            },
            None => Output::Stdout(anstream::AutoStream::auto(std::io::stdout())),
        })
    }

    pub fn write_str(&mut self, text: &str) -> Result<(), CliError> {
        let result = match self {
            Output::Stdout(s) => s.write_all(text.as_bytes()),
            Output::File { buffer, .. } => {
                // Colour codes never go into files.
                buffer.extend_from_slice(anstream::adapter::strip_str(text).to_string().as_bytes());
                Ok(())
            }
        };
        result.map_err(|source| CliError::Io {
            context: "writing output".into(),
            source,
        })
    }

    pub fn finish(self) -> Result<(), CliError> {
        match self {
            Output::Stdout(mut s) => s.flush().map_err(|source| CliError::Io {
                context: "writing output".into(),
                source,
            }),
            Output::File { path, buffer } => {
                std::fs::write(&path, buffer).map_err(|source| CliError::Io {
                    context: format!("writing {}", path.display()),
                    source,
                })
            }
        }
    }
}
