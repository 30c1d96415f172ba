//! Throw-away database servers started from the machine's own binaries.
//!
//! When a command needs a scratch PostgreSQL or MariaDB and no `--dev-url`
//! is given, strata starts a private server in a temporary directory on a
//! free port. A [`ServerProcess`] stops the server and removes the directory
//! when dropped; [`stop_all`] does the same for every live server and is
//! what the binary calls on Ctrl-C, so nothing is left behind either way.
//!
//! The database crates supply the recipes (`initdb` + `postgres`,
//! `mariadb-install-db` + `mariadbd`); this module owns the processes.

use crate::{DatabaseUrl, DriverError};
use std::collections::BTreeMap;
use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Live servers by process id, with the directory to remove.
static LIVE: Mutex<BTreeMap<u32, PathBuf>> = Mutex::new(BTreeMap::new());

/// A running throw-away server.
pub struct ServerProcess {
    pub url: DatabaseUrl,
    child: Child,
    dir: PathBuf,
    /// The signal that shuts the server down quickly and cleanly.
    stop_signal: &'static str,
}

impl ServerProcess {
    /// Registers a started server so that [`stop_all`] can find it.
    pub fn new(url: DatabaseUrl, child: Child, dir: PathBuf, stop_signal: &'static str) -> Self {
        if let Ok(mut live) = LIVE.lock() {
            live.insert(child.id(), dir.clone());
        }
        ServerProcess {
            url,
            child,
            dir,
            stop_signal,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// True while the server process has not exited.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        stop(self.child.id(), self.stop_signal, &self.dir);
        // Reap our own child so it does not linger as a zombie.
        let _ = self.child.wait();
        if let Ok(mut live) = LIVE.lock() {
            live.remove(&self.child.id());
        }
    }
}

/// Stops every live throw-away server and removes its directory (for
/// signal handlers).
pub fn stop_all() {
    let live = match LIVE.lock() {
        Ok(mut live) => std::mem::take(&mut *live),
        Err(_) => return,
    };
    for (pid, dir) in live {
        stop(pid, "-QUIT", &dir);
    }
}

fn stop(pid: u32, signal: &str, dir: &Path) {
    let _ = Command::new("kill")
        .arg(signal)
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status();
    // Wait for the process (and the files it holds) to go, then force it.
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
        if is_zombie(pid) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if Path::new(&format!("/proc/{pid}")).exists() && !is_zombie(pid) {
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg(pid.to_string())
            .status();
    }
    let _ = std::fs::remove_dir_all(dir);
}

fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|rest| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
pub fn free_port() -> Result<u16, DriverError> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|source| DriverError::Io {
            context: "finding a free port".into(),
            source,
        })
}

/// Finds an executable by name on `PATH`, then in `extra` directories
/// (globs are expanded by the caller), first match wins.
pub fn find_binary(name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(extra.iter().cloned())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Is this process running as root? (`/proc/self` belongs to the effective user.)
pub fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// The uid and gid of a system account, from `/etc/passwd`.
pub fn account(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut f = line.split(':');
        (f.next()? == name).then_some(())?;
        let _ = f.next();
        Some((f.next()?.parse().ok()?, f.next()?.parse().ok()?))
    })
}

/// A command that runs as `user` when strata runs as root (database servers
/// refuse to run as root), and as the current user otherwise.
pub fn command_as(program: &Path, user: Option<(u32, u32)>) -> Command {
    let mut cmd = Command::new(program);
    if let Some((uid, gid)) = user {
        cmd.uid(uid).gid(gid);
    }
    cmd
}

/// Makes a directory usable by `user` (for a server started as another account).
pub fn hand_over(dir: &Path, user: Option<(u32, u32)>) -> Result<(), DriverError> {
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(dir, Some(uid), Some(gid)).map_err(|source| DriverError::Io {
            context: format!("handing {} to the server account", dir.display()),
            source,
        })?;
    }
    Ok(())
}

/// Runs a setup command to completion; its output becomes the error when it fails.
pub fn run_setup(cmd: &mut Command, what: &str) -> Result<(), DriverError> {
    let out = cmd.output().map_err(|source| DriverError::Io {
        context: format!("running {what}"),
        source,
    })?;
    if out.status.success() {
        return Ok(());
    }
    let text = String::from_utf8_lossy(&out.stderr);
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Err(DriverError::Unsupported(format!(
        "{what} failed ({}): {}",
        out.status,
        last.trim()
    )))
}

/// Waits until something accepts TCP connections on the port, or the child
/// exits, or the timeout passes.
pub fn wait_for_port(child: &mut Child, port: u16, what: &str) -> Result<(), DriverError> {
    wait_until(child, what, || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
}

/// Waits until `ready` says so, or the child exits, or 30 s pass.
pub fn wait_until(
    child: &mut Child,
    what: &str,
    ready: impl Fn() -> bool,
) -> Result<(), DriverError> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if ready() {
            return Ok(());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(DriverError::Unsupported(format!(
                "{what} exited during start-up ({status})"
            )));
        }
        if Instant::now() > deadline {
            return Err(DriverError::Unsupported(format!(
                "{what} did not accept connections within 30 s"
            )));
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// A new temporary directory for a server, removed by [`ServerProcess`].
pub fn server_dir(prefix: &str) -> Result<PathBuf, DriverError> {
    let base = std::env::temp_dir();
    let name = format!(
        "{prefix}-{}-{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    );
    let dir = base.join(name);
    std::fs::create_dir_all(&dir).map_err(|source| DriverError::Io {
        context: format!("creating {}", dir.display()),
        source,
    })?;
    Ok(dir)
}
