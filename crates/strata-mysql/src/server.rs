//! A throw-away MariaDB server from the machine's own binaries
//! (`mariadb-install-db` and `mariadbd`), for desired-state SQL without
//! `--dev-url`.

use std::path::PathBuf;
use std::process::Stdio;
use strata_driver::server::{
    ServerProcess, account, command_as, find_binary, free_port, hand_over, run_setup,
    running_as_root, server_dir, wait_for_port,
};
use strata_driver::{DatabaseUrl, DriverError};

const INSTALL_HINT: &str = "cannot start a throw-away MariaDB: mariadb-install-db and mariadbd were not found \
     (install the MariaDB server package, e.g. `apt install mariadb-server`, or pass --dev-url mysql://…)";

/// Starts a private MariaDB on a free port in a temporary directory.
pub fn start() -> Result<ServerProcess, DriverError> {
    let extra = [PathBuf::from("/usr/sbin"), PathBuf::from("/usr/libexec")];
    let install = find_binary("mariadb-install-db", &extra)
        .or_else(|| find_binary("mysql_install_db", &extra))
        .ok_or_else(|| DriverError::Unsupported(INSTALL_HINT.into()))?;
    let server = find_binary("mariadbd", &extra)
        .or_else(|| find_binary("mysqld", &extra))
        .ok_or_else(|| DriverError::Unsupported(INSTALL_HINT.into()))?;

    let root = running_as_root();
    let user = if root { account("mysql") } else { None };
    let base = server_dir("strata-mariadb")?;
    hand_over(&base, user)?;
    let data = base.join("data");
    let started = (|| {
        let mut setup = command_as(&install, None);
        setup
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .args(["--skip-test-db", "--auth-root-authentication-method=normal"])
            .stdout(Stdio::null());
        if user.is_some() {
            setup.arg("--user=mysql");
        }
        run_setup(&mut setup, "mariadb-install-db")?;
        let port = free_port()?;
        let log =
            std::fs::File::create(base.join("server.log")).map_err(|source| DriverError::Io {
                context: "creating the server log".into(),
                source,
            })?;
        let mut cmd = command_as(&server, None);
        cmd.arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", base.join("sock").display()))
            .arg(format!("--port={port}"))
            .args(["--bind-address=127.0.0.1", "--skip-log-bin"])
            .args(["--innodb-flush-log-at-trx-commit=0", "--skip-name-resolve"])
            // --no-defaults would leave latin1, the compiled-in default;
            // distributions and MySQL 8 default to utf8mb4.
            .args([
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        if user.is_some() {
            cmd.arg("--user=mysql");
        }
        let mut child = cmd.spawn().map_err(|source| DriverError::Io {
            context: format!("starting {}", server.display()),
            source,
        })?;
        if let Err(e) = wait_for_port(&mut child, port, "the throw-away MariaDB") {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e);
        }
        let url = DatabaseUrl::parse(&format!("mysql://root@127.0.0.1:{port}/"))?;
        // A scratch server holds nothing worth a clean shutdown.
        Ok(ServerProcess::new(url, child, base.clone(), "-KILL"))
    })();
    if started.is_err() {
        let _ = std::fs::remove_dir_all(&base);
    }
    started
}
