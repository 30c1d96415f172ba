//! Checksums of migration scripts.

use sha2::{Digest, Sha256};

/// A hash of a script's content with line endings normalised, so that a
/// checkout with CRLF line endings does not count as an edit.
pub fn checksum(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    hex::encode(Sha256::digest(normalised.trim_end().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_do_not_matter_but_content_does() {
        assert_eq!(checksum("a;\nb;\n"), checksum("a;\r\nb;\r\n"));
        assert_ne!(checksum("a;\n"), checksum("b;\n"));
    }
}
