//! `mila` without a command: the terminal UI.

use std::io::IsTerminal;

use mila::config::Config;
use mila::ui::app::StartOptions;
use mila::ui::catalog::Msg;

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
    let options = StartOptions {
        db_path: cli.db_path(),
        config_path: config_dir.join("config.toml"),
        keymap_file: config_dir.join("keymap.toml"),
        lang: cli.lang,
        keymap: cli.keymap.clone(),
        // MILA_TODAY (checked in `cli::run`) is read by the desk and shown in
        // the header; protective dates keep the clock.
        today: None,
    };
    // Staff read this after a crash, so it comes in their language; damage to the file keeps
    // the general message, which says what to do.
    let lang = cli
        .lang
        .unwrap_or_else(|| Config::load(&options.config_path).0.lang);
    match mila::panic_guard::catch(|| mila::ui::run::run(options)) {
        Ok(ran) => ran.map_err(|e| Failure(format!("cannot use the terminal: {e}"))),
        Err(caught) if caught.is_storage_damage() => Err(Failure(caught.message())),
        Err(caught) => Err(Failure(format!(
            "{} ({})",
            Msg::NoticeCrashed.text(lang),
            caught.message()
        ))),
    }
}
