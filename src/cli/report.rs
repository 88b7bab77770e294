//! `mila report day|period`: the day summary and the period report on
//! standard output, in a file, or on the printer.
//!
//! `--print` when printing fails (no `lp`, no printer): the text is saved in
//! the report folder, the path goes to stderr and the exit code is 0, since
//! nothing is lost. A list with names is not saved that way: exit 1.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use jiff::civil::Date;
use mila::config::{Config, config_file};
use mila::report::output::{self, PrintOutcome};
use mila::report::{Format, render};

use super::args::Cli;
use super::credentials::login;
use super::{CliResult, Failure, open_desk};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Plain text for printing on A4 (80 columns, form feeds between pages)
    Text,
    /// Semicolon-separated, UTF-8 with BOM, for Excel
    Csv,
    /// The report's data as JSON
    Json,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Text => Format::Text,
            FormatArg::Csv => Format::Csv,
            FormatArg::Json => Format::Json,
        }
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum ReportCommand {
    /// The day summary (Tagesübersicht); no names unless --names
    Day {
        /// The day [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<Date>,
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Send the text to the print command of config.toml (default lp);
        /// if that fails, save it in the report folder and say where
        #[arg(long, conflicts_with = "output")]
        print: bool,
        /// Add each session's attendance list with names (coordinators; audited)
        #[arg(long)]
        names: bool,
    },
    /// The period report for the evaluation (coordinators)
    Period {
        /// First day, included
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Date,
        /// Last day, included
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Date,
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Write to FILE instead of standard output
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Send the text to the print command; if that fails, save it
        #[arg(long, conflicts_with = "output")]
        print: bool,
    },
}

pub fn run(cli: &Cli, command: ReportCommand) -> CliResult {
    let (config, problem) = Config::load(&config_file());
    if let Some(problem) = problem {
        eprintln!(
            "mila: warning: {}; using the default settings",
            super::one_line(&problem.to_string())
        );
    }
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    match command {
        ReportCommand::Day {
            date,
            format,
            output,
            print,
            names,
        } => {
            let lang = cli.lang.unwrap_or(config.lang);
            let date = date.unwrap_or_else(|| desk.today());
            check_print_format(print, format)?;
            let summary = desk.day_summary(&me, date, names)?;
            if print {
                let text = render::day_text(&summary, lang);
                let stem = output::day_file_stem(date, names, lang);
                return send_to_printer(&config, &text, &stem, names);
            }
            emit(
                &render::day(&summary, format.into(), lang)?,
                output.as_deref(),
            )
        }
        ReportCommand::Period {
            from,
            to,
            format,
            output,
            print,
        } => {
            let lang = cli.lang.unwrap_or(config.lang);
            check_print_format(print, format)?;
            let report = desk.period_report(&me, from, to)?;
            if print {
                let text = render::period_text(&report, lang);
                let stem = output::period_file_stem(from, to, lang);
                return send_to_printer(&config, &text, &stem, false);
            }
            emit(
                &render::period(&report, format.into(), lang)?,
                output.as_deref(),
            )
        }
    }
}

fn check_print_format(print: bool, format: FormatArg) -> CliResult {
    if print && format != FormatArg::Text {
        return Err(Failure(
            "--print prints the text form; leave out --format".into(),
        ));
    }
    Ok(())
}

fn send_to_printer(config: &Config, text: &str, stem: &str, names: bool) -> CliResult {
    let command = config.print_command.trim();
    if names {
        output::print(command, text).map_err(|reason| {
            Failure(format!(
                "could not print ({reason}); the list with names was not saved"
            ))
        })?;
    } else {
        let folder = output::default_folder(config);
        let outcome = output::print_or_save(command, text, &folder, stem)
            .map_err(|e| Failure(format!("could not print, and {e}")))?;
        if let PrintOutcome::Saved { path, reason } = outcome {
            eprintln!(
                "mila: {}",
                super::one_line(&format!(
                    "could not print ({reason}); saved to {}",
                    path.display()
                ))
            );
            return Ok(());
        }
    }
    println!(
        "{}",
        super::one_line(&format!("Sent to the printer ({command})."))
    );
    Ok(())
}

fn emit(bytes: &[u8], file: Option<&Path>) -> CliResult {
    match file {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| Failure(format!("cannot write {}: {e}", path.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Failure(format!("cannot write the report: {e}")))
        }
    }
}
