//! A drift run over many targets: expansion of tenant schemas, sharding,
//! bounded concurrency.

use crate::compare::{Target, compare_realm};
use crate::ignore::Ignore;
use crate::report::{Reference, Report, Status, TargetReport};
use crate::tenant::{like, tenant_realm};
use std::collections::BTreeMap;
use std::sync::Arc;
use strata_driver::InspectOptions;
use strata_engine::{Source, SourceOptions};
use strata_model::Realm;

/// Called with (done, total) as targets finish (a progress bar).
pub type Progress = Arc<dyn Fn(usize, usize) + Send + Sync>;

pub struct RunOptions {
    pub ignore: Ignore,
    /// How many databases are read at once.
    pub concurrency: usize,
    pub inspect: InspectOptions,
    /// Every schema matching this `LIKE` pattern is a target of its own.
    pub schemas_like: Option<String>,
    /// `(k, n)`: only the k-th of n shares of the targets (1-based).
    pub shard: Option<(usize, usize)>,
    pub progress: Option<Progress>,
}

/// Keeps the k-th of n shares of a sorted list: a stable split, so that n
/// machines given k = 1..n together cover every target exactly once.
pub fn shard<T>(items: Vec<T>, shard: Option<(usize, usize)>) -> Vec<T> {
    match shard {
        None => items,
        Some((k, n)) => items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k - 1)
            .map(|(_, t)| t)
            .collect(),
    }
}

pub async fn run(
    reference_name: &str,
    mut reference: Realm,
    mut targets: Vec<Target>,
    options: RunOptions,
) -> Report {
    options.ignore.apply(&mut reference);
    let fingerprint = reference.fingerprint();
    targets.sort_by(|a, b| a.name.cmp(&b.name));
    let results = match &options.schemas_like {
        Some(pattern) => tenants(&reference, targets, pattern, &options).await,
        None => databases(&reference, shard(targets, options.shard), &options).await,
    };
    Report::new(
        Reference {
            name: reference_name.to_string(),
            fingerprint,
        },
        results,
    )
}

fn error(name: &str, e: impl std::fmt::Display) -> TargetReport {
    TargetReport {
        name: name.to_string(),
        status: Status::Error,
        fingerprint: None,
        items: Vec::new(),
        error: Some(e.to_string()),
    }
}

fn source_options(options: &RunOptions) -> SourceOptions {
    SourceOptions {
        inspect: options.inspect.clone(),
        dialect: None,
        dev_url: None,
        dev_url_error: None,
        dev_setup: Vec::new(),
    }
}

/// Each target is a database, read concurrently (bounded).
async fn databases(
    reference: &Realm,
    targets: Vec<Target>,
    options: &RunOptions,
) -> Vec<TargetReport> {
    use futures::StreamExt as _;
    let total = targets.len();
    let sources = source_options(options);
    let mut stream = futures::stream::iter(targets)
        .map(|target| {
            let sources = &sources;
            async move {
                match Source::Database(target.url.clone()).resolve(sources).await {
                    Ok(realm) => compare_realm(
                        &target.name,
                        reference,
                        realm,
                        &options.ignore,
                        options.inspect.privileges,
                    ),
                    Err(e) => error(&target.name, e),
                }
            }
        })
        .buffer_unordered(options.concurrency.max(1));
    let mut out = Vec::with_capacity(total);
    while let Some(r) = stream.next().await {
        out.push(r);
        if let Some(p) = &options.progress {
            p(out.len(), total);
        }
    }
    out
}

/// Every matching schema of every database is a target. Each database is
/// read once, in one bulk inspection, and split into tenants.
async fn tenants(
    reference: &Realm,
    databases: Vec<Target>,
    pattern: &str,
    options: &RunOptions,
) -> Vec<TargetReport> {
    let [reference_schema] = reference.schemas.keys().collect::<Vec<_>>()[..] else {
        return vec![error(
            "(reference)",
            "--schemas-like needs a reference with exactly one schema",
        )];
    };
    let reference_schema = reference_schema.clone();
    let mut out = Vec::new();
    let mut realms: BTreeMap<String, (Target, Realm)> = BTreeMap::new();
    for db in databases {
        match Source::Database(db.url.clone())
            .resolve(&source_options(options))
            .await
        {
            Ok(realm) => {
                realms.insert(db.name.clone(), (db, realm));
            }
            Err(e) => out.push(error(&db.name, e)),
        }
    }
    let mut list: Vec<(String, String)> = Vec::new();
    for (name, (_, realm)) in &realms {
        for schema in realm.schemas.keys().filter(|s| like(pattern, s)) {
            list.push((name.clone(), schema.clone()));
        }
    }
    let list = shard(list, options.shard);
    let total = list.len();
    for (i, (db, schema)) in list.into_iter().enumerate() {
        let name = format!("{db}#{schema}");
        let Some((_, all)) = realms.get(&db) else {
            continue;
        };
        out.push(match tenant_realm(all, &schema, &reference_schema) {
            Some(realm) => compare_realm(
                &name,
                reference,
                realm,
                &options.ignore,
                options.inspect.privileges,
            ),
            None => error(&name, "schema vanished"),
        });
        if let Some(p) = &options.progress {
            p(i + 1, total);
        }
    }
    out
}
