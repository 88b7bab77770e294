//! Everything held about one person (GDPR Art. 15), as data for JSON and as
//! readable text. The desk fills it (`Desk::access_export`).

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::text::catalog::{Lang, Msg, fill, format_date};
use crate::text::sanitize::{sanitize, wrap};

/// An optional answer, keeping "not asked", "unknown" and "declined to say"
/// apart from an empty field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", content = "value", rename_all = "snake_case")]
pub enum Field {
    Empty,
    NotAsked,
    Unknown,
    Declined,
    Given(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessPersonal {
    pub name: String,
    pub name_latin: String,
    pub birth_date: Field,
    pub gender: Field,
    pub phone: Field,
    pub nationality: Field,
    pub languages: Field,
    pub german_level: Field,
    pub interpreter_needed: Field,
    pub housing: Field,
    pub needs: Field,
    /// Offering and date (DD.MM.YYYY) of each referral.
    pub referrals: Vec<String>,
    pub consent_date: String,
    pub consent_text_version: String,
    pub consent_explained_in: String,
    pub consent_store_at_mila: bool,
    pub consent_pass_to_partners: Vec<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessCheckIn {
    pub date: Date,
    pub offering: String,
    pub checked_in_at: Timestamp,
    pub checked_in_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessAuditEntry {
    pub at: Timestamp,
    pub user: String,
    pub action: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessExport {
    pub number: String,
    pub exported_at: Timestamp,
    pub exported_by: String,
    pub registered: Date,
    pub last_seen: Date,
    pub complete_intake: bool,
    pub household: Vec<String>,
    pub personal: AccessPersonal,
    pub check_ins: Vec<AccessCheckIn>,
    pub audit: Vec<AccessAuditEntry>,
    /// Sprachvermittlung (issue 16): the person's mediation requests. The
    /// interpreter is a third person and is left out.
    #[serde(default)]
    pub mediation_requests: Vec<AccessRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequest {
    pub date: Date,
    pub time: String,
    pub language: String,
    pub purpose: String,
    pub place: String,
    /// `open`, `assigned`, `done`, `not-met`.
    pub status: String,
    pub reason: String,
}

fn field_text(field: &Field, lang: Lang) -> String {
    match field {
        Field::Empty => Msg::AnswerEmpty.text(lang).into(),
        Field::NotAsked => Msg::ActAnswerNotAsked.text(lang).into(),
        Field::Unknown => Msg::ActAnswerUnknown.text(lang).into(),
        Field::Declined => Msg::ActAnswerDeclined.text(lang).into(),
        Field::Given(value) => sanitize(value).into_owned(),
    }
}

/// Readable text, 80 columns, for handing to the person.
pub fn access_text(export: &AccessExport, lang: Lang) -> String {
    let mut out = Vec::<String>::new();
    let mut line = |label: Msg, value: &str| {
        let label = label.text(lang);
        let mut first = true;
        for part in wrap(&sanitize(value), 52) {
            let head = if first { label } else { "" };
            out.push(format!("{head:<26}  {part}"));
            first = false;
        }
        if first {
            out.push(format!("{label:<26}"));
        }
    };
    let p = &export.personal;
    line(Msg::AccessNumber, &export.number);
    line(Msg::AccessRegistered, &format_date(export.registered, lang));
    line(Msg::AccessLastSeen, &format_date(export.last_seen, lang));
    line(Msg::AccessHousehold, &export.household.join(", "));
    line(Msg::AccessName, &p.name);
    line(Msg::AccessNameLatin, &p.name_latin);
    for (label, field) in [
        (Msg::AccessBirth, &p.birth_date),
        (Msg::AccessGender, &p.gender),
        (Msg::AccessPhone, &p.phone),
        (Msg::AccessNationality, &p.nationality),
        (Msg::AccessLanguages, &p.languages),
        (Msg::AccessGermanLevel, &p.german_level),
        (Msg::AccessInterpreter, &p.interpreter_needed),
        (Msg::AccessHousing, &p.housing),
        (Msg::AccessNeeds, &p.needs),
    ] {
        line(label, &field_text(field, lang));
    }
    line(Msg::AccessReferrals, &p.referrals.join("; "));
    line(
        Msg::AccessConsent,
        &fill(
            Msg::AccessConsentValue,
            lang,
            &[
                ("date", &p.consent_date),
                ("version", &p.consent_text_version),
                ("language", &p.consent_explained_in),
            ],
        ),
    );
    line(Msg::AccessPartners, &p.consent_pass_to_partners.join(", "));
    line(Msg::AccessNotes, &p.notes);
    let mut text = vec![
        Msg::AccessTitle.text(lang).to_string(),
        fill(
            Msg::AccessIssued,
            lang,
            &[
                (
                    "at",
                    &export
                        .exported_at
                        .strftime("%Y-%m-%d %H:%M UTC")
                        .to_string(),
                ),
                ("user", &export.exported_by),
            ],
        ),
        String::new(),
    ];
    text.append(&mut out);
    text.push(String::new());
    text.push(Msg::AccessCheckIns.text(lang).to_string());
    for c in &export.check_ins {
        text.push(format!(
            "  {}  {}",
            format_date(c.date, lang),
            sanitize(&c.offering)
        ));
    }
    if !export.mediation_requests.is_empty() {
        text.push(String::new());
        text.push(Msg::AccessMediation.text(lang).to_string());
        for m in &export.mediation_requests {
            let reason = if m.reason.is_empty() {
                String::new()
            } else {
                format!(" ({})", sanitize(&m.reason))
            };
            text.push(format!(
                "  {} {}  {}  {}  {}{reason}",
                format_date(m.date, lang),
                m.time,
                sanitize(&m.language),
                sanitize(&m.purpose),
                m.status,
            ));
        }
    }
    text.push(String::new());
    text.push(Msg::AccessAudit.text(lang).to_string());
    for a in &export.audit {
        text.push(format!(
            "  {}  {:<14} {} {}",
            a.at.strftime("%Y-%m-%d %H:%M"),
            sanitize(&a.user),
            a.action,
            sanitize(&a.detail)
        ));
    }
    text.join("\n") + "\n"
}

/// Writes the export as JSON and as readable text into `folder`, named by
/// visitor number and date (never by name, as the folder may be shared).
/// Returns the paths of the JSON and the text file. Used by the CLI and the
/// visitor card alike.
pub fn save_access_export(
    folder: &std::path::Path,
    export: &AccessExport,
    lang: Lang,
    today: Date,
) -> Result<(std::path::PathBuf, std::path::PathBuf), super::output::SaveError> {
    let stem = fill(
        Msg::AccessFileStem,
        lang,
        &[("number", &export.number), ("date", &today.to_string())],
    );
    let json = serde_json::to_string_pretty(export).map_err(|e| super::output::SaveError {
        path: folder.join(format!("{stem}.json")),
        source: std::io::Error::other(e),
    })?;
    let json = crate::text::json_escape::escape_for_terminals(&json).into_bytes();
    let json_path = super::output::save(folder, &stem, "json", &json)?;
    let text_path =
        super::output::save(folder, &stem, "txt", access_text(export, lang).as_bytes())?;
    Ok((json_path, text_path))
}
