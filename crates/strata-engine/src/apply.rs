//! Running a plan against a live database.

use crate::EngineError;
use strata_driver::Connection;

/// What happened when a statement failed.
#[derive(Debug, thiserror::Error)]
#[error("{}", describe(.index, .total, .detail, .applied, .rolled_back))]
pub struct ApplyFailure {
    /// 1-based number of the failing statement.
    pub index: usize,
    pub total: usize,
    pub statement: String,
    pub detail: String,
    /// Statements that ran and stayed (non-transactional DDL).
    pub applied: Vec<String>,
    pub rolled_back: bool,
}

fn describe(
    index: &usize,
    total: &usize,
    detail: &str,
    applied: &[String],
    rolled_back: &bool,
) -> String {
    let outcome = if *rolled_back {
        "nothing was changed (the transaction was rolled back)".to_string()
    } else if applied.is_empty() {
        "no statement had run".to_string()
    } else {
        let first: Vec<String> = applied
            .iter()
            .map(|s| s.lines().next().unwrap_or("").to_string())
            .collect();
        format!(
            "statements 1-{} ran and were not undone (DDL is not transactional here): {}",
            applied.len(),
            first.join(" | ")
        )
    };
    format!("statement {index} of {total} failed: {detail}; {outcome}")
}

/// Runs `statements` in order. With transactional DDL they run in one
/// transaction, so a failure changes nothing; otherwise the failure reports
/// exactly which statements ran. `outside` statements run before and after
/// the transaction (SQLite's `PRAGMA foreign_keys`, which a transaction
/// ignores).
pub async fn apply(
    conn: &mut dyn Connection,
    statements: &[String],
    transactional: bool,
    outside: (&[String], &[String]),
) -> Result<(), EngineError> {
    for s in outside.0 {
        conn.execute(s).await?;
    }
    if transactional {
        conn.execute("BEGIN").await?;
    }
    let total = statements.len();
    for (i, statement) in statements.iter().enumerate() {
        if let Err(e) = conn.execute(statement).await {
            let detail = match e {
                strata_driver::DriverError::Statement { detail, .. } => detail,
                other => other.to_string(),
            };
            if transactional {
                let _ = conn.execute("ROLLBACK").await;
            }
            for s in outside.1 {
                let _ = conn.execute(s).await;
            }
            return Err(EngineError::Apply(ApplyFailure {
                index: i + 1,
                total,
                statement: statement.clone(),
                detail,
                applied: if transactional {
                    Vec::new()
                } else {
                    statements[..i].to_vec()
                },
                rolled_back: transactional,
            }));
        }
    }
    if transactional {
        conn.execute("COMMIT").await?;
    }
    for s in outside.1 {
        conn.execute(s).await?;
    }
    Ok(())
}
