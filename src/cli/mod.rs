//! The scriptable command line: exit 0 when done, 1 with one clear line on
//! stderr when not, 2 for usage errors (clap's own).

mod args;
mod credentials;
mod staff;
mod visitors;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use mila::desk::{Desk, DeskError};

/// An error for the user: one line, no Rust debug output.
pub struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(err: E) -> Self {
        Failure(err.to_string())
    }
}

pub type CliResult = Result<(), Failure>;

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Panics print a fixed sentence and where, never the payload: a payload
/// could carry personal data.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "mila: internal error{at}. Nothing was saved beyond the last confirmed change; please report this."
        );
    }));
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.clone() {
        None => Err(Failure(
            "the terminal UI is not available in this build; use a command (see mila --help)".into(),
        )),
        Some(command) => dispatch(&cli, command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("mila: error: {}", one_line(&message));
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: &Cli, command: Command) -> CliResult {
    match command {
        Command::Init { user } => staff::init(cli, &user),
        Command::Staff { command } => staff::run(cli, command),
        Command::Import { command } => visitors::import(cli, command),
        Command::Verify => visitors::verify(cli),
    }
}

/// Opens the database named by `--db`/`MILA_DB`/the default.
pub fn open_desk(cli: &Cli) -> Result<Desk, Failure> {
    Desk::open(&cli.db_path()).map_err(|e| match e {
        DeskError::Store(mila::store::StoreError::Missing(path)) => Failure(format!(
            "no database at {}; create one with `mila init --user NAME`",
            path.display()
        )),
        other => other.into(),
    })
}
