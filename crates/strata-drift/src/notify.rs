//! Telling the world: an append-only audit log, and a webhook.

use crate::report::Report;
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("audit log {path}: {source}")]
    Audit {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("webhook {url}: {detail} (after {attempts} attempts)")]
    Webhook {
        url: String,
        detail: String,
        attempts: u32,
    },
}

/// Appends the run as one JSON line (time, every target with its schema
/// fingerprint and what drifted).
pub fn append_audit(path: &Path, report: &Report) -> Result<(), NotifyError> {
    let err = |source| NotifyError::Audit {
        path: path.display().to_string(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(err)?;
    // One write call per line keeps concurrent appends whole.
    file.write_all(report.json_line().as_bytes()).map_err(err)
}

/// POSTs the report as JSON, with a timeout, retrying twice with back-off.
/// The payload is the report: target names never carry passwords.
pub fn post_webhook(url: &str, report: &Report) -> Result<(), NotifyError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(true)
        .build()
        .into();
    let body = report.json();
    let shown = redact(url);
    let attempts = 3;
    let mut last = String::new();
    for attempt in 1..=attempts {
        match agent
            .post(url)
            .header("Content-Type", "application/json")
            .header("User-Agent", concat!("strata/", env!("CARGO_PKG_VERSION")))
            .send(body.as_bytes())
        {
            Ok(_) => return Ok(()),
            Err(e) => last = e.to_string(),
        }
        if attempt < attempts {
            std::thread::sleep(Duration::from_millis(500 * u64::from(attempt)));
        }
    }
    Err(NotifyError::Webhook {
        url: shown,
        detail: last,
        attempts,
    })
}

/// A webhook URL may carry a token in its user info or query: show neither.
fn redact(url: &str) -> String {
    let no_query = url.split('?').next().unwrap_or(url);
    match no_query.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((_, host)) => format!("{scheme}://***@{host}"),
            None => no_query.to_string(),
        },
        None => no_query.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn webhook_urls_are_redacted() {
        assert_eq!(super::redact("https://u:tok@h/p?key=s"), "https://***@h/p");
        assert_eq!(
            super::redact("http://127.0.0.1:9/hook"),
            "http://127.0.0.1:9/hook"
        );
    }
}
