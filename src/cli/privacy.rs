//! Backups, restores and erasure on the command line.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use mila::desk::{format_visitor_no, restore as restore_backup};
use mila::search::parse_visitor_number;

use super::args::{Cli, EraseCommand};
use super::credentials::{login, passphrase, user};
use super::{CliResult, Failure, open_desk};

pub fn backup(cli: &Cli, file: &Path) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    desk.backup(&me, file)?;
    println!("Backup written to {}.", file.display());
    Ok(())
}

pub fn restore(cli: &Cli, file: &Path, force: bool) -> CliResult {
    let target = cli.db_path();
    let user = user(cli)?;
    let pass = passphrase(cli)?;
    restore_backup(file, &target, &user, &pass, force)?;
    println!("Restored {} from {}.", target.display(), file.display());
    Ok(())
}

/// Asks on the terminal; without one, only `--yes` goes ahead.
fn confirmed(question: &str, yes: bool) -> Result<bool, Failure> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure(
            "refusing to erase without confirmation: run in a terminal or add --yes".into(),
        ));
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim(),
        "y" | "Y" | "yes" | "j" | "J" | "ja"
    ))
}

pub fn erase(cli: &Cli, command: EraseCommand) -> CliResult {
    let EraseCommand::Visitor { number, yes } = command;
    let no = parse_visitor_number(&number)
        .ok_or_else(|| Failure(format!("'{number}' is not a visitor number (e.g. M-0042)")))?;
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    desk.visitor_meta(no)?;
    let shown = format_visitor_no(no);
    if !confirmed(
        &format!("Erase all personal data of {shown} for good?"),
        yes,
    )? {
        return Err(Failure("not erased".into()));
    }
    desk.erase_visitor(&me, no)?;
    println!("Erased the personal data of {shown}; past attendance stays as anonymous counts.");
    Ok(())
}
