use mila::desk::{format_visitor_no, import::MAX_IMPORT_BYTES};

use super::args::{Cli, ImportCommand};
use super::credentials::login;
use super::{CliResult, Failure, open_desk};

pub fn import(cli: &Cli, command: ImportCommand) -> CliResult {
    let ImportCommand::Visitors { file } = command;
    let size = std::fs::metadata(&file)
        .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?
        .len();
    if size > MAX_IMPORT_BYTES as u64 {
        return Err(Failure(format!(
            "{} is too large for an import",
            file.display()
        )));
    }
    let bytes = std::fs::read(&file)
        .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure(format!(
            "{} is not UTF-8 text; save it as CSV UTF-8",
            file.display()
        ))
    })?;
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
            for e in errors.iter().skip(1).take(49) {
                eprintln!("{}: {e}", file.display());
            }
            Err(Failure(format!(
                "{}: {} (and {} more problems); nothing was imported",
                file.display(),
                errors[0],
                errors.len() - 1
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
