//! `mila`: the MiLA Desk command line. No command starts the terminal UI.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    mila::panic_guard::install();
    cli::run()
}
