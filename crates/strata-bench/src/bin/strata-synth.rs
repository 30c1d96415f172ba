//! Prints a synthetic schema: `strata-synth --dialect postgres --tables 5000 [--changes 50]`.

use clap::{Parser, ValueEnum};
use strata_bench::{Dialect, Spec, generate};

#[derive(Clone, Copy, ValueEnum)]
enum DialectArg {
    Postgres,
    Mysql,
    Sqlite,
}

#[derive(Parser)]
#[command(about = "Print a synthetic schema for benchmarks")]
struct Args {
    #[arg(long, value_enum)]
    dialect: DialectArg,
    #[arg(long)]
    tables: usize,
    /// Scattered changes relative to the base schema (for diff benchmarks).
    #[arg(long, default_value_t = 0)]
    changes: usize,
}

fn main() {
    let args = Args::parse();
    let dialect = match args.dialect {
        DialectArg::Postgres => Dialect::Postgres,
        DialectArg::Mysql => Dialect::Mysql,
        DialectArg::Sqlite => Dialect::Sqlite,
    };
    print!(
        "{}",
        generate(&Spec {
            dialect,
            tables: args.tables,
            changes: args.changes,
        })
    );
}
