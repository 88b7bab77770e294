//! The scriptable command line: exit 0 when done, 1 with one clear line on
//! stderr when not, 2 for usage errors (clap's own).

mod args;
mod credentials;
mod demo;
mod find;
mod privacy;
mod report;
mod staff;
mod tui;
mod visitors;
// Sprachvermittlung (issue 16)
mod mediation;

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

/// Longest message line: a whole screen line or two, not the 50 MB setting
/// it may quote.
const MAX_MESSAGE_CHARS: usize = 300;

/// Messages often quote what was typed (a user name, a path, a setting), and
/// stderr is usually a terminal: sanitised like everything else the program
/// shows, on one line of bounded length.
pub fn one_line(text: &str) -> String {
    let clean = mila::ui::sanitize::sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match clean.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean,
    }
}

/// clap's usage errors quote the argument that was wrong, as it was given.
fn parse_args() -> Result<Cli, ExitCode> {
    let err = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(err) => err,
    };
    if !err.use_stderr() {
        // --help and --version: our own text, with clap's colours.
        err.exit();
    }
    for line in err.to_string().lines() {
        eprintln!("{}", mila::ui::sanitize::sanitize(line));
    }
    Err(ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2)))
}

/// A closed stdout (`mila find a --json | head -1`) ends a command quietly, as
/// it ends `cat` or `grep` (status 141 in a shell). Rust ignores SIGPIPE, so
/// the next print would panic and report an internal error, even after an
/// import was saved, and a re-run would then duplicate every row. Only the
/// commands get it: the terminal UI writes to a terminal, never a pipe.
fn end_quietly_on_closed_pipe() {
    // SAFETY: restores the default disposition of one signal before any other
    // thread exists; no handler of ours runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn run() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if cli.command.is_some() {
        end_quietly_on_closed_pipe();
    }
    match mila::desk::pinned_today() {
        Err(message) => {
            eprintln!("mila: error: {}", one_line(&message));
            return ExitCode::from(1);
        }
        // The screen shows it in its header; a command says it first.
        Ok(Some(date)) if cli.command.is_some() => {
            eprintln!(
                "mila: warning: MILA_TODAY pins today to {date} (for demonstrations and tests)"
            );
        }
        Ok(_) => {}
    }
    let result = mila::panic_guard::catch(|| match cli.command.clone() {
        None => tui::run(&cli),
        Some(command) => dispatch(&cli, command).map(|()| 0),
    })
    .unwrap_or_else(|caught| Err(Failure(caught.message())));
    match result {
        Ok(code) => ExitCode::from(code),
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
        Command::Find { query, json, limit } => find::run(cli, &query, json, limit),
        Command::Verify => visitors::verify(cli),
        Command::Backup { file } => privacy::backup(cli, &file),
        Command::Restore { file, force } => privacy::restore(cli, &file, force),
        Command::Erase { command } => privacy::erase(cli, command),
        Command::Export { command } => privacy::export(cli, command),
        Command::Demo { visitors, days } => demo::run(cli, visitors, days),
        Command::Report { command } => report::run(cli, command),
        Command::Pool { command } => mediation::pool(cli, command),
        Command::Request { command } => mediation::request(cli, command),
        Command::Rekey => staff::rekey(cli),
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
