//! The runner. It reads like a checklist:
//!
//! 1. take the lock (PostgreSQL advisory lock, MySQL `GET_LOCK`; SQLite
//!    takes `BEGIN EXCLUSIVE` per revision and checks again that the revision
//!    is still pending), waiting up to the lock timeout;
//! 2. make sure the migrations table exists;
//! 3. refuse to go on over a half-applied (dirty) revision;
//! 4. refuse to go on when an applied revision's file was edited;
//! 5. apply each revision with its bookkeeping in the same transaction
//!    where DDL is transactional; elsewhere (MySQL, `no-transaction`
//!    scripts) record it as dirty first and clean after, so a crash leaves
//!    a visible mark;
//! 6. release the lock.

use crate::bookkeeping::{self as bk, Lock};
use crate::target::{self, Target, TargetError};
use crate::{Graph, Revision, Script};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use strata_driver::{Connection, DriverError};
use strata_model::Dialect;

#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error(transparent)]
    Driver(#[from] DriverError),
    #[error(transparent)]
    Target(#[from] TargetError),
    #[error(
        "another strata migrate runner holds the lock on this database (waited {0} s); try again when it has finished"
    )]
    Locked(u64),
    #[error(
        "revision {id} is half-applied (dirty): it failed part-way and its DDL could not be rolled back. \
         Repair the schema by hand, then run `strata migrate stamp {id}` if its changes are now complete, \
         or `strata migrate stamp {parent}` if they are undone"
    )]
    Dirty { id: String, parent: String },
    #[error(
        "revision {id} was edited after it was applied ({path}); restore it, or run `strata migrate verify` to see every difference"
    )]
    Edited { id: String, path: String },
    #[error("revision {id} failed at {location}: {detail}; {outcome}")]
    Failed {
        id: String,
        location: String,
        detail: String,
        outcome: String,
    },
    #[error(
        "the database has revision {0} applied, but the migrations directory has no such revision"
    )]
    UnknownApplied(String),
}

/// One row of the migrations table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub id: String,
    pub checksum: String,
    pub dirty: bool,
    pub applied_at: String,
    pub duration_ms: u64,
    pub applied_by: String,
    pub message: String,
}

/// What one applied or reverted revision took.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub message: String,
    pub duration: Duration,
}

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Applied, but the file changed since (checksum differs).
    pub edited: Vec<String>,
    /// Applied in the database, but not in the directory.
    pub missing: Vec<String>,
    /// In the directory and not applied, although a revision built on it is
    /// (added into the middle of history, or skipped by a stamp).
    pub unknown: Vec<String>,
}

impl Verification {
    pub fn is_clean(&self) -> bool {
        self.edited.is_empty() && self.missing.is_empty() && self.unknown.is_empty()
    }
}

pub struct Runner<'a> {
    conn: &'a mut dyn Connection,
    dialect: Dialect,
    graph: &'a Graph,
    /// Recorded as `applied_by`.
    pub user: String,
    pub lock_timeout: Duration,
}

impl<'a> Runner<'a> {
    pub fn new(conn: &'a mut dyn Connection, graph: &'a Graph, user: String) -> Runner<'a> {
        let dialect = conn.url().dialect();
        Runner {
            conn,
            dialect,
            graph,
            user,
            lock_timeout: Duration::from_secs(60),
        }
    }

    /// The migrations table's rows (none when it does not exist yet).
    pub async fn applied(&mut self) -> Result<Vec<Applied>, MigrateError> {
        let exists = self
            .conn
            .query_rows(&bk::table_exists(self.dialect))
            .await?;
        if !exists
            .first()
            .is_some_and(|row| row.first().is_some_and(Option::is_some))
        {
            return Ok(Vec::new());
        }
        let rows = self
            .conn
            .query_rows(&bk::select_applied(self.dialect))
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let get = |i: usize| r.get(i).cloned().flatten().unwrap_or_default();
                Applied {
                    id: get(0),
                    checksum: get(1).trim().to_string(),
                    dirty: get(2) == "1",
                    applied_at: get(3),
                    duration_ms: get(4).parse().unwrap_or(0),
                    applied_by: get(5),
                    message: get(6),
                }
            })
            .collect())
    }

    async fn lock(&mut self) -> Result<(), MigrateError> {
        let Lock::Session { take, .. } = bk::lock(self.dialect) else {
            return Ok(());
        };
        let start = Instant::now();
        loop {
            let rows = self.conn.query_rows(&take).await?;
            let got = rows
                .first()
                .and_then(|r| r.first().cloned().flatten())
                .is_some_and(|v| v == "true" || v == "1" || v == "t");
            if got {
                return Ok(());
            }
            if start.elapsed() >= self.lock_timeout {
                return Err(MigrateError::Locked(self.lock_timeout.as_secs()));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn unlock(&mut self) {
        if let Lock::Session { release, .. } = bk::lock(self.dialect) {
            let _ = self.conn.query_rows(&release).await;
        }
    }

    /// Runs `f` between lock and unlock, releasing the lock on error too.
    async fn locked<T>(
        &mut self,
        f: impl AsyncFnOnce(&mut Self) -> Result<T, MigrateError>,
    ) -> Result<T, MigrateError> {
        self.lock().await?;
        let result = async {
            self.conn.execute(&bk::create_table(self.dialect)).await?;
            f(self).await
        }
        .await;
        self.unlock().await;
        result
    }

    /// Steps 3 and 4: no dirty revision, no edited file.
    fn check(&self, applied: &[Applied]) -> Result<(), MigrateError> {
        for a in applied {
            if a.dirty {
                let parent = self
                    .graph
                    .get(&a.id)
                    .and_then(|r| r.parents.first().cloned())
                    .unwrap_or_else(|| "base".into());
                return Err(MigrateError::Dirty {
                    id: a.id.clone(),
                    parent,
                });
            }
            match self.graph.get(&a.id) {
                Some(r) if r.up.checksum != a.checksum => {
                    return Err(MigrateError::Edited {
                        id: a.id.clone(),
                        path: r.up.path.display().to_string(),
                    });
                }
                Some(_) => {}
                None => return Err(MigrateError::UnknownApplied(a.id.clone())),
            }
        }
        Ok(())
    }

    fn ids(applied: &[Applied]) -> BTreeSet<String> {
        applied.iter().map(|a| a.id.clone()).collect()
    }

    /// Applies revisions up to `target`.
    pub async fn up(&mut self, target: &Target) -> Result<Vec<Step>, MigrateError> {
        let graph = self.graph;
        self.locked(async move |me: &mut Self| {
            let applied = me.applied().await?;
            me.check(&applied)?;
            let path = target::upgrade(graph, &Self::ids(&applied), target)?;
            let mut done = Vec::new();
            for r in path {
                if let Some(step) = me.run(r, Direction::Up).await? {
                    done.push(step);
                }
            }
            Ok(done)
        })
        .await
    }

    /// Reverts revisions down to `target`.
    pub async fn down(&mut self, target: &Target) -> Result<Vec<Step>, MigrateError> {
        let graph = self.graph;
        self.locked(async move |me: &mut Self| {
            let applied = me.applied().await?;
            me.check(&applied)?;
            let path = target::downgrade(graph, &Self::ids(&applied), target)?;
            let mut done = Vec::new();
            for r in path {
                if let Some(step) = me.run(r, Direction::Down).await? {
                    done.push(step);
                }
            }
            Ok(done)
        })
        .await
    }

    /// Records the database as being at `target` without running anything
    /// (also clears a dirty mark).
    pub async fn stamp(&mut self, target: &Target) -> Result<Vec<String>, MigrateError> {
        let graph = self.graph;
        let dialect = self.dialect;
        self.locked(async move |me: &mut Self| {
            let wanted = target::upgrade(graph, &BTreeSet::new(), target)?;
            me.conn.execute(bk::begin(dialect)).await?;
            let result = async {
                me.conn.execute(&bk::delete_all(dialect)).await?;
                for r in &wanted {
                    me.conn
                        .execute(&bk::insert(
                            dialect,
                            &r.id,
                            &r.up.checksum,
                            &r.message,
                            &me.user,
                            false,
                        ))
                        .await?;
                }
                Ok::<_, MigrateError>(())
            }
            .await;
            match result {
                Ok(()) => me.conn.execute("COMMIT").await?,
                Err(e) => {
                    let _ = me.conn.execute("ROLLBACK").await;
                    return Err(e);
                }
            }
            Ok(wanted.iter().map(|r| r.id.clone()).collect())
        })
        .await
    }

    /// Applied revisions against the files.
    pub async fn verify(&mut self) -> Result<Verification, MigrateError> {
        let applied = self.applied().await?;
        let ids = Self::ids(&applied);
        let mut v = Verification::default();
        for a in &applied {
            match self.graph.get(&a.id) {
                Some(r) if r.up.checksum != a.checksum => v.edited.push(a.id.clone()),
                Some(_) => {}
                None => v.missing.push(a.id.clone()),
            }
        }
        for r in self.graph.ordered() {
            let built_on = self
                .graph
                .descendants(&r.id)
                .into_iter()
                .any(|d| d != r.id && ids.contains(&d));
            if !ids.contains(&r.id) && built_on {
                v.unknown.push(r.id.clone());
            }
        }
        Ok(v)
    }

    /// Applies or reverts one revision with its bookkeeping. `None` when
    /// another runner did it first (SQLite's per-revision lock).
    async fn run(
        &mut self,
        r: &Revision,
        direction: Direction,
    ) -> Result<Option<Step>, MigrateError> {
        let script = match direction {
            Direction::Up => &r.up,
            Direction::Down => &r.down,
        };
        let start = Instant::now();
        let done = if bk::transactional(self.dialect) && !script.no_transaction {
            let (before, after, _) = bk::around_revision(self.dialect);
            for s in before {
                self.conn.execute(s).await?;
            }
            let outcome = self.transactional(r, direction, script, start).await;
            for s in after {
                self.conn.execute(s).await?;
            }
            outcome?
        } else {
            self.marked(r, direction, script, start).await?;
            true
        };
        Ok(done.then(|| Step {
            id: r.id.clone(),
            message: r.message.clone(),
            duration: start.elapsed(),
        }))
    }

    /// Script and bookkeeping in one transaction: all or nothing. Returns
    /// false when another runner had already done it.
    async fn transactional(
        &mut self,
        r: &Revision,
        direction: Direction,
        script: &Script,
        start: Instant,
    ) -> Result<bool, MigrateError> {
        let dialect = self.dialect;
        self.conn.execute(bk::begin(dialect)).await?;
        if matches!(bk::lock(dialect), Lock::PerRevision) {
            // Another runner may have got here first.
            let now = Self::ids(&self.applied().await?);
            let pending = match direction {
                Direction::Up => !now.contains(&r.id) && r.parents.iter().all(|p| now.contains(p)),
                Direction::Down => now.contains(&r.id),
            };
            if !pending {
                self.conn.execute("ROLLBACK").await?;
                return Ok(false);
            }
        }
        let mut result = self.script(script).await;
        if result.is_ok()
            && let (_, _, Some(check)) = bk::around_revision(dialect)
        {
            result = self.conn.execute(check).await;
        }
        if let Err(e) = result {
            let _ = self.conn.execute("ROLLBACK").await;
            return Err(failure(
                r,
                e,
                "nothing of it was applied (rolled back)".into(),
            ));
        }
        let bookkeeping = match direction {
            Direction::Up => vec![
                bk::insert(
                    dialect,
                    &r.id,
                    &r.up.checksum,
                    &r.message,
                    &self.user,
                    false,
                ),
                bk::finish(dialect, &r.id, start.elapsed().as_millis()),
            ],
            Direction::Down => vec![bk::delete(dialect, &r.id)],
        };
        for sql in bookkeeping {
            if let Err(e) = self.conn.execute(&sql).await {
                let _ = self.conn.execute("ROLLBACK").await;
                return Err(e.into());
            }
        }
        self.conn.execute("COMMIT").await?;
        Ok(true)
    }

    /// Where DDL cannot be rolled back: mark the revision dirty first, so
    /// that dying half-way leaves a visible mark, and clean it after.
    async fn marked(
        &mut self,
        r: &Revision,
        direction: Direction,
        script: &Script,
        start: Instant,
    ) -> Result<(), MigrateError> {
        let dialect = self.dialect;
        let mark = match direction {
            Direction::Up => {
                bk::insert(dialect, &r.id, &r.up.checksum, &r.message, &self.user, true)
            }
            Direction::Down => bk::mark_dirty(dialect, &r.id),
        };
        self.conn.execute(&mark).await?;
        if let Err(e) = self.script(script).await {
            return Err(failure(
                r,
                e,
                "statements before it ran and could not be rolled back; the revision is marked dirty \
                 (see `strata migrate status`)"
                    .to_string(),
            ));
        }
        let done = match direction {
            Direction::Up => bk::finish(dialect, &r.id, start.elapsed().as_millis()),
            Direction::Down => bk::delete(dialect, &r.id),
        };
        self.conn.execute(&done).await?;
        Ok(())
    }

    async fn script(&mut self, script: &Script) -> Result<(), DriverError> {
        self.conn
            .execute_script(&script.text, &script.path.display().to_string())
            .await
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

fn failure(r: &Revision, e: DriverError, outcome: String) -> MigrateError {
    let (location, detail) = match e {
        DriverError::Statement { location, detail } => (location, detail),
        other => (r.dir.display().to_string(), other.to_string()),
    };
    MigrateError::Failed {
        id: r.id.clone(),
        location,
        detail,
        outcome,
    }
}

/// The SQL `up` or `down` would run, bookkeeping included, without a
/// database (`--sql`). `applied` is the assumed starting state.
pub fn offline_sql(
    graph: &Graph,
    dialect: Dialect,
    applied: &BTreeSet<String>,
    target: &Target,
    up: bool,
    user: &str,
) -> Result<String, MigrateError> {
    let path = if up {
        target::upgrade(graph, applied, target)?
    } else {
        target::downgrade(graph, applied, target)?
    };
    let mut out = format!("{};\n\n", bk::create_table(dialect));
    for r in path {
        let script = if up { &r.up } else { &r.down };
        let tx = bk::transactional(dialect) && !script.no_transaction;
        out.push_str(&format!(
            "-- {} {}: {}\n",
            if up { "up" } else { "down" },
            r.id,
            r.message
        ));
        if tx {
            out.push_str("BEGIN;\n");
        }
        let body = script.text.trim_end();
        out.push_str(body);
        if !body.is_empty() && !body.ends_with(';') {
            out.push(';');
        }
        out.push('\n');
        let bookkeeping = if up {
            bk::insert(dialect, &r.id, &r.up.checksum, &r.message, user, false)
        } else {
            bk::delete(dialect, &r.id)
        };
        out.push_str(&bookkeeping);
        out.push_str(";\n");
        if tx {
            out.push_str("COMMIT;\n");
        }
        out.push('\n');
    }
    Ok(out)
}
