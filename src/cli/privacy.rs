//! Backups, restores and erasure on the command line.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use mila::desk::{format_visitor_no, restore as restore_backup};
use mila::search::parse_visitor_number;

use mila::config::{Config, config_file};
use mila::report::access::save_access_export;
use mila::report::output;

use super::args::{Cli, EraseCommand, ExportCommand};
use super::credentials::{login, passphrase, user};
use super::{CliResult, Failure, one_line, open_desk};

pub fn backup(cli: &Cli, file: &Path) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    desk.backup(&me, file)?;
    println!(
        "{}",
        one_line(&format!("Backup written to {}.", file.display()))
    );
    Ok(())
}

pub fn restore(cli: &Cli, file: &Path, force: bool) -> CliResult {
    let target = cli.db_path();
    let user = user(cli)?;
    let pass = passphrase(cli)?;
    restore_backup(file, &target, &user, &pass, force)?;
    println!(
        "{}",
        one_line(&format!(
            "Restored {} from {}.",
            target.display(),
            file.display()
        ))
    );
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
    let no = parse_number(&number)?;
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
    println!(
        "Erased {shown}: its personal data, household links and the number on its check-ins are gone. \
         Kept: the number with its registration date and the mark \"erased\"; its check-ins count on as anonymous visits."
    );
    Ok(())
}

fn parse_number(text: &str) -> Result<u32, Failure> {
    parse_visitor_number(text)
        .ok_or_else(|| Failure(format!("'{text}' is not a visitor number (e.g. M-0042)")))
}

pub fn export(cli: &Cli, command: ExportCommand) -> CliResult {
    let ExportCommand::Visitor {
        number,
        output: folder,
    } = command;
    let no = parse_number(&number)?;
    let (config, _) = Config::load(&config_file());
    let lang = cli.lang.unwrap_or(config.lang);
    let folder = folder.unwrap_or_else(|| output::default_folder(&config));
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    let export = desk.access_export(&me, no, lang)?;
    let (json_path, text_path) = save_access_export(&folder, &export, lang, desk.today())
        .map_err(|e| Failure(e.message(lang)))?;
    println!("{}", json_path.display());
    println!("{}", text_path.display());
    Ok(())
}
