//! Where the database and the configuration live by default.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("de", "Stadt Langenhagen", "MiLA Desk")
}

/// The database path: `MILA_DB` is read by the CLI itself; this is the OS
/// data dir default (`~/.local/share/miladesk/mila.redb` on Linux).
pub fn default_db_path() -> PathBuf {
    project()
        .map(|p| p.data_dir().join("mila.redb"))
        .unwrap_or_else(|| PathBuf::from("mila.redb"))
}

/// The configuration folder (`config.toml`, `keymap.toml`); `MILA_CONFIG_DIR`
/// overrides it.
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("MILA_CONFIG_DIR") {
        return PathBuf::from(dir);
    }
    project()
        .map(|p| p.config_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
}
