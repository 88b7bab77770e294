//! Migration from an existing list: a CSV file of visitors, all or nothing.

use std::collections::HashMap;

use super::login::Login;
use super::personal::*;
use super::roles::Capability;
use super::{Desk, DeskResult};
use crate::store::records::{AuditAction, RefId, RefList, VisitorNo, day_key};

const COLUMNS: &[&str] = &[
    "name",
    "name_latin",
    "birth_date",
    "gender",
    "phone",
    "nationality",
    "languages",
    "housing",
    "needs",
    "notes",
];
/// Largest file accepted: far beyond any real list, small enough to refuse
/// a wrong file before reading gigabytes.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
/// Most visitors one import takes: a drop-in room registers a few thousand
/// people over years. Reading stops at the first row beyond it, so a wrong
/// file of millions of short lines is refused before it fills memory or the
/// database.
pub const MAX_IMPORT_ROWS: usize = 100_000;

/// One problem of the file, with the line it is on (1-based, header = 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub numbers: Vec<VisitorNo>,
    /// Imported visitors who resemble someone registered before (the intake's duplicate
    /// check): (new number, numbers of those already there, best first).
    pub suspects: Vec<(VisitorNo, Vec<VisitorNo>)>,
}

/// `;` if the header line has more semicolons than commas, else `,`.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Problems of the header line: unknown, doubled or missing columns, and a
/// byte-order mark that is not at the very start (a file saved twice, or two
/// files joined), which would otherwise show as an unknown column that looks
/// like a known one.
fn header_problems(header: &[String]) -> Vec<ImportError> {
    let mut errors = Vec::new();
    let mut problem = |message: String| errors.push(ImportError { line: 1, message });
    for (i, column) in header.iter().enumerate() {
        if column.contains('\u{feff}') {
            problem(format!(
                "column {} of the header contains a byte-order mark (BOM); save the file once more as CSV UTF-8",
                i + 1
            ));
        } else if !COLUMNS.contains(&column.as_str()) {
            problem(format!(
                "unknown column '{}' (known: {})",
                crate::text::sanitize::fit(column, 40),
                COLUMNS.join(", ")
            ));
        } else if let Some(first) = header[..i].iter().position(|c| c == column) {
            problem(format!(
                "column '{column}' appears twice (columns {} and {}); keep one",
                first + 1,
                i + 1
            ));
        }
    }
    if !header.iter().any(|c| c == "name" || c == "name_latin") {
        problem("a column 'name' or 'name_latin' is required".into());
    }
    errors
}

/// The line on which a quoted field opens that never closes, read as the CSV
/// reader does (a quote opens a field only at its start). The reader itself
/// would take the rest of the file as one field and report a wrong count of
/// columns somewhere later.
fn unclosed_quote(text: &str) -> Option<u64> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let delimiter = char::from(detect_delimiter(text));
    let mut state = State::FieldStart;
    let mut line = 1u64;
    let mut opened = 1u64;
    for c in text.chars() {
        state = match (state, c) {
            (State::Quoted, '"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, '"') => State::Quoted,
            (State::FieldStart, '"') => {
                opened = line;
                State::Quoted
            }
            (_, '\n') => State::FieldStart,
            (_, c) if c == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
        if c == '\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened)
}

/// What the CSV reader found, said as what to fix.
fn csv_problem(err: &csv::Error, delimiter: u8) -> String {
    match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{len} columns, but the header has {expected_len}; check the separators ('{}') on this line",
            char::from(delimiter)
        ),
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text; save the file as CSV UTF-8".into(),
        _ => "the line cannot be read as CSV".into(),
    }
}

/// Case-insensitive label → id lookup for one reference list.
struct Lookup {
    list: RefList,
    by_label: HashMap<String, RefId>,
}

impl Lookup {
    fn new(list: RefList, entries: &[(RefId, crate::store::records::RefEntry)]) -> Self {
        let by_label = entries
            .iter()
            .map(|(id, e)| (e.label.to_lowercase(), *id))
            .collect();
        Self { list, by_label }
    }

    fn find(&self, label: &str) -> Result<RefId, String> {
        self.by_label
            .get(&label.trim().to_lowercase())
            .copied()
            .ok_or_else(|| {
                format!(
                    "'{}' is not in the reference list {}",
                    label.trim(),
                    self.list.as_str()
                )
            })
    }

    fn many(&self, cell: &str) -> Result<Answer<Vec<RefId>>, String> {
        if cell.trim().is_empty() {
            return Ok(Answer::Empty);
        }
        cell.split('|')
            .filter(|s| !s.trim().is_empty())
            .map(|s| self.find(s))
            .collect::<Result<Vec<_>, _>>()
            .map(Answer::Given)
    }
}

fn opt<T: zeroize::Zeroize>(
    cell: &str,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Answer<T>, String> {
    if cell.trim().is_empty() {
        Ok(Answer::Empty)
    } else {
        parse(cell.trim()).map(Answer::Given)
    }
}

struct Lookups {
    languages: Lookup,
    nationalities: Lookup,
    housing: Lookup,
    needs: Lookup,
}

fn parse_row(
    cells: &HashMap<&str, &str>,
    lookups: &Lookups,
    consent: &Consent,
) -> Result<PersonalData, String> {
    let get = |c: &str| cells.get(c).copied().unwrap_or("");
    let mut data = PersonalData::default();
    data.name = get("name").trim().to_string();
    data.name_latin = get("name_latin").trim().to_string();
    data.birth = opt(get("birth_date"), |s| {
        BirthDate::parse(s)
            .ok_or_else(|| format!("birth_date '{s}' is not YYYY-MM-DD, DD.MM.YYYY or YYYY"))
    })?;
    data.gender = opt(get("gender"), |s| {
        Gender::parse(s).ok_or_else(|| format!("gender '{s}' is not w, m or d"))
    })?;
    data.phone = opt(get("phone"), |s| Ok(s.to_string()))?;
    data.nationality = opt(get("nationality"), |s| lookups.nationalities.find(s))?;
    data.languages = lookups.languages.many(get("languages"))?;
    data.housing = opt(get("housing"), |s| {
        if s.eq_ignore_ascii_case("privat") || s.eq_ignore_ascii_case("private") {
            Ok(Housing::Private)
        } else {
            lookups.housing.find(s).map(Housing::Unit)
        }
    })?;
    data.needs = lookups.needs.many(get("needs"))?;
    data.notes = get("notes").to_string();
    data.consent = consent.clone();
    data.validate().map_err(|e| e.to_string())?;
    Ok(data)
}

impl Desk {
    /// Imports visitors from CSV text (header row; `;` or `,`; UTF-8 with or
    /// without BOM). Any bad row: every problem is returned with its line
    /// number and nothing is written. Otherwise one durable commit.
    pub fn import_visitors(
        &self,
        by: &Login,
        text: &str,
    ) -> DeskResult<Result<ImportReport, Vec<ImportError>>> {
        let key = by.key(Capability::Import)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(line) = unclosed_quote(text) {
            return Ok(Err(vec![ImportError {
                line,
                message: "a quote (\") is not closed; close it or remove it".into(),
            }]));
        }
        let delimiter = detect_delimiter(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
            Err(e) => {
                return Ok(Err(vec![ImportError {
                    line: 1,
                    message: format!("header: {}", csv_problem(&e, delimiter)),
                }]));
            }
        };
        let mut errors = header_problems(&header);
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        let lookup = |list| -> DeskResult<Lookup> { Ok(Lookup::new(list, &self.reference(list)?)) };
        let lookups = Lookups {
            languages: lookup(RefList::Languages)?,
            nationalities: lookup(RefList::Nationalities)?,
            housing: lookup(RefList::Housing)?,
            needs: lookup(RefList::Needs)?,
        };
        let today = self.today();
        // The people on an existing list consented when they were first
        // registered; the import records that it carried that consent over.
        let consent = Consent {
            // When the consent was recorded, by the real clock.
            day: day_key(self.protective_today()),
            text_version: "import".into(),
            explained_in: None,
            store_at_mila: true,
            pass_to_partners: Vec::new(),
        };
        let mut rows = Vec::new();
        for (count, record) in reader.records().enumerate() {
            if count == MAX_IMPORT_ROWS {
                return Ok(Err(vec![ImportError {
                    line: record
                        .as_ref()
                        .ok()
                        .and_then(|r| r.position())
                        .map_or(0, |p| p.line()),
                    message: format!(
                        "the file has more than {MAX_IMPORT_ROWS} visitors; split it into smaller files"
                    ),
                }]));
            }
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(ImportError {
                        line,
                        message: csv_problem(&e, delimiter),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let cells: HashMap<&str, &str> = header
                .iter()
                .map(String::as_str)
                .zip(record.iter())
                .collect();
            match parse_row(&cells, &lookups, &consent) {
                Ok(data) => rows.push(data),
                Err(message) => errors.push(ImportError { line, message }),
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Ok(Err(errors));
        }
        if rows.is_empty() {
            return Ok(Err(vec![ImportError {
                line: 2,
                message: "the file has no visitors".into(),
            }]));
        }
        let suspects = super::import_matching::suspects(self, by, &rows)?;
        let mut w = self.store.write()?;
        let mut numbers = Vec::with_capacity(rows.len());
        for data in &rows {
            let no = super::visitors::register_in(&mut w, key, data, true, today)?;
            super::audit::record(&mut w, by.user(), AuditAction::Import, Some(no), "")?;
            numbers.push(no);
        }
        w.commit()?;
        let suspects = suspects
            .into_iter()
            .filter_map(|(row, like)| Some((*numbers.get(row)?, like)))
            .collect();
        Ok(Ok(ImportReport { numbers, suspects }))
    }
}
