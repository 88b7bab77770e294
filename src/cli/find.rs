//! `mila find QUERY`: the find screen's matcher on the command line.

use mila::search::{Entry, Hit, MatchKind, format_visitor_number};
use mila::text::json_escape::escape_for_terminals;
use mila::ui::sanitize::sanitize;
use serde::Serialize;

use super::args::Cli;
use super::credentials::login;
use super::{CliResult, Failure, open_desk};

/// One line of `--json` output. Names are given exactly as stored; what a
/// terminal would act on is escaped (`\u009b`, `\u202e`), so a parser reads
/// the stored name back and a terminal shows it inert.
#[derive(Serialize)]
struct Found<'a> {
    number: String,
    name: &'a str,
    name_latin: &'a str,
    birth_year: Option<i16>,
    matched: &'static str,
    score: f32,
}

fn matched(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Number => "number",
        MatchKind::Phone => "phone",
        MatchKind::Name => "name",
        MatchKind::Similar => "similar",
    }
}

fn found(hit: Hit, entry: &Entry) -> Found<'_> {
    Found {
        number: format_visitor_number(entry.number),
        name: &entry.name,
        name_latin: &entry.name_latin,
        birth_year: entry.birth_year,
        matched: matched(hit.why),
        score: hit.score,
    }
}

/// `M-0042  محمد الحسن  Mohammed Al-Hassan  1990`, columns apart by two
/// spaces; text from the database is sanitised, as on the screen.
fn line(entry: &Entry) -> String {
    let year = entry
        .birth_year
        .map_or_else(|| "-".to_string(), |y| y.to_string());
    let latin = if entry.name_latin.is_empty() {
        "-"
    } else {
        &entry.name_latin
    };
    let name = if entry.name.is_empty() {
        "-"
    } else {
        &entry.name
    };
    format!(
        "{}  {}  {}  {year}",
        format_visitor_number(entry.number),
        sanitize(name),
        sanitize(latin)
    )
}

pub fn run(cli: &Cli, query: &str, json: bool, limit: usize) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    let results = desk.find_visitors(&me, query, limit)?;
    if json {
        let rows: Vec<Found<'_>> = results.iter().map(|(h, e)| found(*h, e)).collect();
        let text = serde_json::to_string_pretty(&rows).map_err(|e| Failure(e.to_string()))?;
        println!("{}", escape_for_terminals(&text));
        return Ok(());
    }
    if results.is_empty() {
        eprintln!("nobody found");
        return Ok(());
    }
    for (_, entry) in &results {
        println!("{}", line(entry));
    }
    Ok(())
}
