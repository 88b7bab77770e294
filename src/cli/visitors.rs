use mila::desk::format_visitor_no;
use mila::desk::import::{MAX_IMPORT_BYTES, MAX_IMPORT_ROWS};

use super::args::{Cli, ImportCommand};
use super::credentials::login;
use super::{CliResult, Failure, one_line, open_desk};

pub fn import(cli: &Cli, command: ImportCommand) -> CliResult {
    let ImportCommand::Visitors { file } = command;
    let shown = one_line(&file.display().to_string());
    let meta =
        std::fs::metadata(&file).map_err(|e| Failure(format!("cannot read {shown}: {e}")))?;
    // A FIFO or a device would be read forever; refused before opening it.
    if !meta.is_file() {
        return Err(Failure(format!(
            "{shown} is not a regular file; give a CSV file"
        )));
    }
    if meta.len() > MAX_IMPORT_BYTES as u64 {
        return Err(Failure(format!(
            "{shown} is larger than {} MB, too large for an import (at most {MAX_IMPORT_ROWS} visitors); split it into smaller files",
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(&file).map_err(|e| Failure(format!("cannot read {shown}: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure(format!("{shown} is not UTF-8 text; save it as CSV UTF-8")))?;
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    match desk.import_visitors(&me, &text)? {
        Ok(report) => {
            println!("Imported {} visitors:", report.numbers.len());
            for no in &report.numbers {
                println!("{}", format_visitor_no(*no));
            }
            for (no, like) in &report.suspects {
                let like: Vec<String> = like.iter().map(|n| format_visitor_no(*n)).collect();
                println!(
                    "{} may be the same person as {}",
                    format_visitor_no(*no),
                    like.join(", ")
                );
            }
            Ok(())
        }
        Err(errors) => {
            // Every problem in line order, then what it means for the file.
            for e in &errors {
                eprintln!("{shown}: {}", one_line(&e.to_string()));
            }
            let problems = match errors.len() {
                1 => "1 problem".to_string(),
                n => format!("{n} problems"),
            };
            Err(Failure(format!(
                "{shown}: {problems}; nothing was imported"
            )))
        }
    }
}

pub fn verify(cli: &Cli) -> CliResult {
    let mut desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    let report = desk.verify(&me)?;
    println!(
        "staff {}, visitors {} ({} erased), personal records opened {}, offerings {}, sessions {}, check-ins {}, tallies {}, audit entries {}",
        report.staff,
        report.visitors,
        report.erased,
        report.sealed_opened,
        report.offerings,
        report.sessions,
        report.checkins,
        report.tallies,
        report.audit_entries
    );
    if report.ok() {
        println!("OK");
        return Ok(());
    }
    for p in &report.problems {
        println!("problem: {p}");
    }
    Err(Failure(format!(
        "{} problems found; restore the latest backup",
        report.problems.len()
    )))
}
