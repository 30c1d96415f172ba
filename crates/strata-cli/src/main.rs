//! `strata`: one binary for everything a team does with a database schema.
//!
//! Exit codes, for every command:
//! - 0: success, no difference;
//! - 1: the command found what it exists to report (a difference, drift, a finding);
//! - 2: an error (bad input, unreachable database…), printed as one line on stderr.

mod cli;
mod commands;
mod output;

use clap::Parser;
use std::process::ExitCode;

/// Outcome of a command that ran to completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report.
    Clean,
    /// A difference or finding was reported.
    Found,
}

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = runtime.block_on(async {
        tokio::select! {
            outcome = commands::run(args) => Some(outcome),
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    let Some(outcome) = outcome else {
        // Interrupted: leave no scratch database or throw-away server behind.
        runtime.block_on(strata_engine::dev::cleanup_all());
        eprintln!("interrupted");
        return ExitCode::from(130);
    };
    match outcome {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Found) => ExitCode::from(1),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            anstream::eprintln!(
                "{}error:{} {e}",
                anstyle::AnsiColor::Red.on_default().bold().render(),
                anstyle::Reset.render()
            );
            ExitCode::from(2)
        }
    }
}
