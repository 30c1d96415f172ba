//! A throw-away PostgreSQL server from the machine's own binaries
//! (`initdb` and `postgres`), for desired-state SQL without `--dev-url`.

use std::path::PathBuf;
use std::process::Stdio;
use strata_driver::server::{
    ServerProcess, account, command_as, find_binary, free_port, hand_over, run_setup,
    running_as_root, server_dir, wait_until,
};
use strata_driver::{DatabaseUrl, DriverError};

/// Directories that hold `initdb` and `postgres` together: Debian's
/// versioned directories (newest first), then `PATH`.
fn candidate_dirs() -> Vec<PathBuf> {
    let mut versioned: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            Some((v, e.path().join("bin")))
        })
        .collect();
    versioned.sort_by_key(|v| std::cmp::Reverse(v.0));
    let mut dirs: Vec<PathBuf> = versioned.into_iter().map(|(_, p)| p).collect();
    let path = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&path));
    dirs
}

const INSTALL_HINT: &str = "cannot start a throw-away PostgreSQL: initdb and postgres were not found \
     (install the PostgreSQL server package, e.g. `apt install postgresql`, or pass --dev-url postgres://…)";

/// Starts a private PostgreSQL on a free port in a temporary directory.
pub fn start() -> Result<ServerProcess, DriverError> {
    let dir = candidate_dirs()
        .into_iter()
        .find(|d| d.join("initdb").is_file() && d.join("postgres").is_file())
        .ok_or_else(|| DriverError::Unsupported(INSTALL_HINT.into()))?;
    let initdb = find_binary("initdb", std::slice::from_ref(&dir)).unwrap_or(dir.join("initdb"));
    let postgres = dir.join("postgres");

    // PostgreSQL refuses to run as root: use its own account then.
    let user = if running_as_root() {
        Some(account("postgres").ok_or_else(|| {
            DriverError::Unsupported(
                "cannot start a throw-away PostgreSQL as root without a `postgres` account; pass --dev-url"
                    .into(),
            )
        })?)
    } else {
        None
    };
    let base = server_dir("strata-pg")?;
    hand_over(&base, user)?;
    let data = base.join("data");
    let started = (|| {
        run_setup(
            command_as(&initdb, user)
                .arg("-D")
                .arg(&data)
                .args(["-N", "-A", "trust", "-U", "postgres", "-E", "UTF8"])
                .env("LC_ALL", "C.UTF-8")
                .stdout(Stdio::null()),
            "initdb",
        )?;
        let port = free_port()?;
        let log =
            std::fs::File::create(base.join("server.log")).map_err(|source| DriverError::Io {
                context: "creating the server log".into(),
                source,
            })?;
        hand_over(&base.join("server.log"), user)?;
        let mut child = command_as(&postgres, user)
            .arg("-D")
            .arg(&data)
            .arg("-k")
            .arg(&base)
            .args(["-p", &port.to_string()])
            .args(["-c", "listen_addresses=127.0.0.1"])
            .args(["-c", "fsync=off", "-c", "full_page_writes=off"])
            .args(["-c", "synchronous_commit=off"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|source| DriverError::Io {
                context: format!("starting {}", postgres.display()),
                source,
            })?;
        // The port opens before the server accepts sessions; postmaster.pid's
        // status line turns to "ready" when it does.
        let pid_file = data.join("postmaster.pid");
        let ready = || {
            std::fs::read_to_string(&pid_file)
                .is_ok_and(|t| t.lines().nth(7).is_some_and(|l| l.trim() == "ready"))
        };
        if let Err(e) = wait_until(&mut child, "the throw-away PostgreSQL", ready) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e);
        }
        let url = DatabaseUrl::parse(&format!("postgres://postgres@127.0.0.1:{port}/postgres"))?;
        Ok(ServerProcess::new(url, child, base.clone(), "-QUIT"))
    })();
    if started.is_err() {
        let _ = std::fs::remove_dir_all(&base);
    }
    started
}
