//! `mila`: the MiLA Desk command line. No command starts the terminal UI.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::install_panic_hook();
    cli::run()
}
