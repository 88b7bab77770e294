//! `mila` without a command: the terminal UI.

use std::io::IsTerminal;

use mila::ui::app::StartOptions;

use super::Failure;
use super::args::Cli;

pub fn run(cli: &Cli) -> Result<u8, Failure> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure(
            "the MiLA Desk screen needs a terminal; for scripts use a command (see mila --help)"
                .into(),
        ));
    }
    let config_dir = mila::paths::config_dir();
    let today = std::env::var("MILA_TODAY")
        .ok()
        .and_then(|d| d.parse().ok());
    let options = StartOptions {
        db_path: cli.db_path(),
        config_path: config_dir.join("config.toml"),
        keymap_file: config_dir.join("keymap.toml"),
        lang: cli.lang,
        keymap: cli.keymap.clone(),
        today,
    };
    mila::ui::run::run(options).map_err(|e| Failure(format!("cannot use the terminal: {e}")))
}
