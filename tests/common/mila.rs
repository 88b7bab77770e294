//! Starting the real `mila` binary in a pseudo-terminal, on a database and
//! config folder of the test's own.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::pty::{Pty, PtyCommand};

pub const COORDINATOR: &str = "koordination";
pub const PASSPHRASE: &str = "Sommer in Langenhagen";
/// Generous: CI machines are slow, and Argon2 runs at every sign-in.
pub const WAIT: Duration = Duration::from_secs(15);

/// A folder with the database path and config folder of one test.
pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("mila.redb")
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn write_config(&self, name: &str, text: &str) {
        std::fs::create_dir_all(self.config_dir()).expect("config dir");
        std::fs::write(self.config_dir().join(name), text).expect("write config");
    }

    /// The command, not yet started, with this place's database and config.
    pub fn command(&self) -> PtyCommand {
        command_for(&self.db(), &self.config_dir(), self.dir.path())
    }

    pub fn start(&self) -> Pty {
        self.command().size(100, 30).spawn().expect("start mila")
    }
}

pub fn command_for(db: &Path, config_dir: &Path, home: &Path) -> PtyCommand {
    with_test_env(
        PtyCommand::new(env!("CARGO_BIN_EXE_mila")),
        db,
        config_dir,
        home,
    )
}

/// The environment of a test run: its own database, config, fast Argon2.
pub fn with_test_env(command: PtyCommand, db: &Path, config_dir: &Path, home: &Path) -> PtyCommand {
    command
        .env("MILA_DB", db)
        .env("MILA_CONFIG_DIR", config_dir)
        .env("MILA_KDF", "minimum")
        .env("HOME", home)
        .env_remove("MILA_USER")
        .env_remove("MILA_PASSPHRASE")
        .env_remove("MILA_TODAY")
        .env_remove("NO_COLOR")
        .cwd(home)
}

/// First-run setup through the screen, ending on the home screen.
pub fn first_run(app: &mut Pty) -> Result<(), String> {
    app.wait_for_text("Ersteinrichtung", WAIT)?;
    app.type_keys(&format!(
        "<Tab>{COORDINATOR}<Tab>{PASSPHRASE}<Tab>{PASSPHRASE}<Enter>"
    ))?;
    app.wait_for_text("Termine heute", WAIT)
}

/// Signs in from the sign-in screen, ending on the home screen.
pub fn sign_in(app: &mut Pty, user: &str, passphrase: &str) -> Result<(), String> {
    app.wait_for_text("Anmelden", WAIT)?;
    app.type_keys(&format!("{user}<Enter>{passphrase}<Enter>"))?;
    app.wait_for_text("Termine heute", WAIT)
}
