//! Times the diff alone (no introspection): diff, plan and render between
//! two JSON snapshots, repeated, median reported.
//!
//! `strata-diffbench FROM.json TO.json [--runs 20]`

use clap::Parser;
use std::time::Instant;
use strata_diff::{DiffOptions, diff, plan};
use strata_model::Realm;

#[derive(Parser)]
struct Args {
    from: std::path::PathBuf,
    to: std::path::PathBuf,
    #[arg(long, default_value_t = 20)]
    runs: usize,
}

fn read(path: &std::path::Path) -> Realm {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Realm::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let args = Args::parse();
    let (from, to) = (read(&args.from), read(&args.to));
    let dialect = strata_engine::sql_for(from.dialect);
    let mut times = Vec::with_capacity(args.runs);
    let mut statements = 0;
    let mut changes = 0;
    for _ in 0..args.runs {
        let start = Instant::now();
        let c = diff(&from, &to, dialect, &DiffOptions::default());
        changes = c.len();
        let p = plan(c, &from, &to, dialect).expect("plan");
        statements = p.render(dialect).expect("render").len();
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "tables={} changes={changes} statements={statements} median_ms={:.1} min_ms={:.1}",
        from.table_count(),
        times[times.len() / 2] * 1000.0,
        times[0] * 1000.0
    );
}
