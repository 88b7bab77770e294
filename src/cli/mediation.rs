//! `mila pool …` and `mila request …`: the interpreter pool and mediation
//! requests (Sprachvermittlung) for scripts and tests.

use std::io::{BufRead, IsTerminal, Write};

use clap::Subcommand;
use jiff::civil::Date;
use mila::desk::mediation_text::{
    format_availability, parse_appointment, parse_availability, parse_date, parse_language_levels,
};
use mila::desk::{
    AssignOutcome, Capability, Desk, Login, PoolContact, PoolInput, PoolLanguage, RequestEnd,
    RequestInput, format_visitor_no,
};
use mila::search::parse_visitor_number;
use mila::ui::sanitize::sanitize;
use serde::Serialize;

use super::args::Cli;
use super::credentials::login;
use super::{CliResult, Failure, open_desk};

#[derive(Debug, Clone, Subcommand)]
pub enum PoolCommand {
    /// Add someone who mediates (coordinators)
    Add {
        /// Full name
        name: String,
        /// Languages with level: "Tigrinya:native|Arabisch:good" (native, good, some)
        #[arg(long)]
        languages: String,
        /// Usual times: "Mo 09-12, Mi, Fr 14-16"
        #[arg(long, default_value = "")]
        available: String,
        /// Their staff account, if they work at the desk (shown as on duty when signed in).
        /// Not `--user`: that is the account running the command
        #[arg(long, value_name = "ACCOUNT")]
        account: Option<String>,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        email: String,
        /// Availability in words
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Who can mediate: everyone, or for --language on --date (best first)
    List {
        #[arg(long)]
        language: Option<String>,
        /// YYYY-MM-DD [default: today, with --language]
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Erase a pool member (name, contact, languages); past requests still count
    Remove {
        /// Full name, first name or #id
        name: String,
        /// Do not ask (for scripts)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum RequestCommand {
    /// A new mediation request for a visitor
    Add {
        /// Visitor number, e.g. M-0042 or 42
        visitor: String,
        #[arg(long)]
        language: String,
        /// E.g. "Jobcenter-Termin", "Arzt", "Sozialberatung"
        #[arg(long)]
        purpose: String,
        /// "YYYY-MM-DD HH:MM"
        #[arg(long)]
        at: String,
        #[arg(long, default_value = "")]
        place: String,
    },
    /// Requests by date: all, or only open and assigned ones
    List {
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// Assign a pool member (asks if they do not speak the language)
    Assign {
        id: u32,
        /// Full name, first name or #id of the pool member
        name: String,
        /// Assign even if they do not speak the request's language
        #[arg(long)]
        anyway: bool,
    },
    /// Mark a request done
    Done { id: u32 },
    /// Mark a request not met, with the reason
    NotMet {
        id: u32,
        #[arg(long)]
        reason: String,
    },
}

fn ask(question: &str) -> Result<bool, Failure> {
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim(),
        "y" | "Y" | "yes" | "j" | "J" | "ja"
    ))
}

fn languages(desk: &Desk, text: &str) -> Result<Vec<PoolLanguage>, Failure> {
    parse_language_levels(text)?
        .into_iter()
        .map(|(label, level)| {
            Ok(PoolLanguage {
                language: desk.language_by_label(&label)?,
                level,
            })
        })
        .collect()
}

fn date_arg(text: &str) -> Result<Date, Failure> {
    parse_date(text).ok_or_else(|| Failure(format!("'{text}' is not a date; write YYYY-MM-DD")))
}

#[derive(Serialize)]
struct PoolRow {
    id: u32,
    name: String,
    account: Option<String>,
    languages: Vec<(String, &'static str)>,
    available: String,
    phone: Option<String>,
    email: Option<String>,
}

#[derive(Serialize)]
struct MediatorRow {
    id: u32,
    name: String,
    level: &'static str,
    on_duty: bool,
    hours: Option<String>,
}

pub fn pool(cli: &Cli, command: PoolCommand) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    match command {
        PoolCommand::Add {
            name,
            languages: langs,
            available,
            account,
            phone,
            email,
            note,
        } => {
            let input = PoolInput {
                languages: languages(&desk, &langs)?,
                available: parse_availability(&available)?,
                account,
                contact: PoolContact {
                    name: name.trim().to_string(),
                    phone,
                    email,
                    note,
                },
            };
            let id = desk.add_pool_member(&me, &input)?;
            println!("Added #{id} {} to the pool.", sanitize(name.trim()));
        }
        PoolCommand::List {
            language: Some(language),
            date,
            json,
        } => list_mediators(&desk, &me, &language, date.as_deref(), json)?,
        PoolCommand::List {
            language: None,
            date: Some(_),
            ..
        } => {
            return Err(Failure(
                "--date needs --language: who can mediate which language?".into(),
            ));
        }
        PoolCommand::List {
            language: None,
            date: None,
            json,
        } => list_pool(&desk, &me, json)?,
        PoolCommand::Remove { name, yes } => {
            let id = desk.find_pool_member(&me, &name, Capability::ManagePool)?;
            let shown = sanitize(name.trim());
            if !yes {
                if !std::io::stdin().is_terminal() {
                    return Err(Failure(
                        "refusing to erase without confirmation: run in a terminal or add --yes"
                            .into(),
                    ));
                }
                if !ask(&format!("Erase {shown} (#{id}) from the pool for good?"))? {
                    return Err(Failure("not erased".into()));
                }
            }
            desk.remove_pool_member(&me, id)?;
            println!("Erased #{id} from the pool; past requests still count.");
        }
    }
    Ok(())
}

fn list_pool(desk: &Desk, me: &Login, json: bool) -> CliResult {
    let labels = desk.reference(mila::desk::RefList::Languages)?;
    let label = |id| {
        labels
            .iter()
            .find(|(l, _)| *l == id)
            .map_or_else(|| format!("#{id}"), |(_, e)| e.label.clone())
    };
    let rows: Vec<PoolRow> = desk
        .pool(me)?
        .into_iter()
        .map(|p| PoolRow {
            id: p.id,
            name: p.shown_name().to_string(),
            account: p.member.account.clone(),
            languages: p
                .member
                .languages
                .iter()
                .map(|l| (label(l.language), l.level.as_str()))
                .collect(),
            available: format_availability(&p.member.available),
            phone: p.contact.as_ref().map(|c| c.phone.clone()),
            email: p.contact.as_ref().map(|c| c.email.clone()),
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!("the pool is empty");
    }
    for row in rows {
        let langs: Vec<String> = row
            .languages
            .iter()
            .map(|(l, level)| format!("{l}:{level}"))
            .collect();
        println!(
            "#{}  {}  {}  {}",
            row.id,
            sanitize(&row.name),
            sanitize(&langs.join("|")),
            if row.available.is_empty() {
                "-".to_string()
            } else {
                row.available
            }
        );
    }
    Ok(())
}

fn list_mediators(
    desk: &Desk,
    me: &Login,
    language: &str,
    date: Option<&str>,
    json: bool,
) -> CliResult {
    let id = desk.language_by_label(language)?;
    let date = match date {
        Some(text) => date_arg(text)?,
        None => desk.today(),
    };
    let rows: Vec<MediatorRow> = desk
        .mediators(me, id, date, None)?
        .into_iter()
        .map(|m| MediatorRow {
            id: m.id,
            name: m.name,
            level: m.level.as_str(),
            on_duty: m.on_duty,
            hours: m
                .hours
                .map(|(from, to)| format!("{}-{}", from.strftime("%H:%M"), to.strftime("%H:%M"))),
        })
        .collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    if rows.is_empty() {
        eprintln!(
            "no one in the pool can mediate {} on {date}",
            sanitize(language.trim())
        );
    }
    for row in rows {
        let when = match (&row.hours, row.on_duty) {
            (_, true) => "on duty".to_string(),
            (Some(h), false) => h.clone(),
            (None, false) => "all day".to_string(),
        };
        println!(
            "#{}  {}  {}  {when}",
            row.id,
            sanitize(&row.name),
            row.level
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct RequestRow {
    id: u32,
    visitor: Option<String>,
    language: String,
    date: String,
    time: String,
    status: &'static str,
    interpreter: Option<String>,
    purpose: Option<String>,
    place: Option<String>,
    reason: Option<String>,
}

pub fn request(cli: &Cli, command: RequestCommand) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    match command {
        RequestCommand::Add {
            visitor,
            language,
            purpose,
            at,
            place,
        } => {
            let no = parse_visitor_number(&visitor).ok_or_else(|| {
                Failure(format!("'{visitor}' is not a visitor number (e.g. M-0042)"))
            })?;
            let language = desk.language_by_label(&language)?;
            let (date, time) = parse_appointment(&at)?;
            let id = desk.add_request(
                &me,
                &RequestInput {
                    visitor: no,
                    language,
                    purpose,
                    place,
                    date,
                    time,
                },
            )?;
            println!("Request {id} for {} added.", format_visitor_no(no));
        }
        RequestCommand::List { open, json } => {
            let rows: Vec<RequestRow> = desk
                .requests(&me, open)?
                .into_iter()
                .map(|v| RequestRow {
                    id: v.id,
                    visitor: v.record.visitor.map(format_visitor_no),
                    language: v.language,
                    date: v.record.date.to_string(),
                    time: v.record.time.strftime("%H:%M").to_string(),
                    status: v.record.status.as_str(),
                    interpreter: v.interpreter,
                    purpose: v.details.as_ref().map(|d| d.purpose.clone()),
                    place: v.details.as_ref().map(|d| d.place.clone()),
                    reason: v
                        .details
                        .as_ref()
                        .filter(|d| !d.reason.is_empty())
                        .map(|d| d.reason.clone()),
                })
                .collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(());
            }
            if rows.is_empty() {
                eprintln!("no requests");
            }
            for r in rows {
                println!(
                    "{}  {} {}  {}  {}  {}  {}  {}",
                    r.id,
                    r.date,
                    r.time,
                    r.visitor.as_deref().unwrap_or("(erased)"),
                    sanitize(&r.language),
                    r.status,
                    sanitize(r.interpreter.as_deref().unwrap_or("-")),
                    sanitize(r.purpose.as_deref().unwrap_or("-")),
                );
            }
        }
        RequestCommand::Assign { id, name, anyway } => {
            let member = desk.find_pool_member(&me, &name, Capability::WritePersonal)?;
            match desk.assign_request(&me, id, member, anyway)? {
                AssignOutcome::Assigned => println!("Request {id} assigned."),
                AssignOutcome::DoesNotSpeak {
                    interpreter,
                    language,
                } => {
                    let question = format!(
                        "{} does not speak {}. Assign anyway?",
                        sanitize(&interpreter),
                        sanitize(&language)
                    );
                    if !std::io::stdin().is_terminal() {
                        return Err(Failure(format!(
                            "{} does not speak {}; nothing assigned (add --anyway to assign all the same)",
                            sanitize(&interpreter),
                            sanitize(&language)
                        )));
                    }
                    if !ask(&question)? {
                        return Err(Failure("not assigned".into()));
                    }
                    desk.assign_request(&me, id, member, true)?;
                    println!("Request {id} assigned.");
                }
            }
        }
        RequestCommand::Done { id } => {
            desk.close_request(&me, id, &RequestEnd::Done)?;
            println!("Request {id} done.");
        }
        RequestCommand::NotMet { id, reason } => {
            desk.close_request(&me, id, &RequestEnd::NotMet { reason })?;
            println!("Request {id} marked not met.");
        }
    }
    Ok(())
}
