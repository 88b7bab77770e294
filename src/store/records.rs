//! The plaintext records. Only what carries no identity lives here (DESIGN.md,
//! Storage): numbers, dates, links, counts, staff user names, audit entries.
//! A visitor's personal data is one sealed blob, see `crate::desk::visitor`.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// What makes a redb file one of ours, and which schema it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    pub format: String,
    pub schema: u32,
    /// Random; ties backups and key slots to this database.
    pub database_id: [u8; 16],
    pub created: Timestamp,
}

/// A visitor number; shown as `M-0042`.
pub type VisitorNo = u32;

/// Check-ins of an erased person are moved to a number from here on, one
/// per person: the counts and the distinct people of a period stay right,
/// but nothing ties them to the visitor number any more (issue 13). No
/// registration reaches this range.
pub const ANONYMOUS_BASE: VisitorNo = 0xF000_0000;

/// Whether `no` is the anonymous stand-in of an erased person's check-ins.
pub fn is_anonymous(no: VisitorNo) -> bool {
    no >= ANONYMOUS_BASE
}
pub type SessionId = u64;
pub type OfferingId = u32;
pub type RefId = u32;

/// `2026-11-26` → `20261126`: a key that sorts by date and reads well in a dump.
pub fn day_key(date: Date) -> u32 {
    // Years outside 0..=9999 cannot be entered; clamping keeps the key total.
    let year = date.year().clamp(0, 9999) as u32;
    year * 10_000 + date.month() as u32 * 100 + date.day() as u32
}

pub fn day_from_key(key: u32) -> Option<Date> {
    let year = i16::try_from(key / 10_000).ok()?;
    let month = i8::try_from(key / 100 % 100).ok()?;
    let day = i8::try_from(key % 100).ok()?;
    Date::new(year, month, day).ok()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Coordinator,
    Receptionist,
    Volunteer,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Coordinator, Role::Receptionist, Role::Volunteer];

    /// Volunteers get no key slot: they are unable, not just forbidden, to read names.
    pub fn holds_key(self) -> bool {
        !matches!(self, Role::Volunteer)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Receptionist => "receptionist",
            Role::Volunteer => "volunteer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRecord {
    pub role: Role,
    /// Argon2id PHC string, for accounts without a key slot.
    pub verifier: Option<String>,
    pub created: Timestamp,
    pub active: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisitorStatus {
    /// Short intake: consent and name only, to be completed on a later visit.
    Incomplete,
    Complete,
    /// Personal data erased; the number stays so past attendance still counts.
    Erased,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorMeta {
    pub created: Date,
    pub last_seen: Date,
    pub status: VisitorStatus,
    /// Household (Haushalt/Familie): the number of its first member. A link
    /// between numbers, like attendance links; it names no one.
    pub household: Option<VisitorNo>,
}

/// The four pillars (Aktionssäulen) of MiLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Pillar {
    Sprachvermittlung,
    Beratung,
    Information,
    Kommunikation,
}

impl Pillar {
    pub const ALL: [Pillar; 4] = [
        Pillar::Sprachvermittlung,
        Pillar::Beratung,
        Pillar::Information,
        Pillar::Kommunikation,
    ];

    /// The German name as MiLA's concept writes it; also the CSV/CLI spelling.
    pub fn german(self) -> &'static str {
        match self {
            Pillar::Sprachvermittlung => "Sprachvermittlung",
            Pillar::Beratung => "Beratung",
            Pillar::Information => "Information",
            Pillar::Kommunikation => "Raum für Kommunikation",
        }
    }
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub type IsoWeekday = u8;

/// Which week of the month a monthly offering falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MonthWeek {
    /// 1 … 4: the n-th such weekday of the month.
    Nth(u8),
    Last,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Recurrence {
    Weekly {
        weekdays: Vec<IsoWeekday>,
        start: Time,
        end: Time,
    },
    Monthly {
        week: MonthWeek,
        weekday: IsoWeekday,
        start: Time,
        end: Time,
    },
    Once {
        date: Date,
        start: Time,
        end: Time,
    },
    /// Sessions are only ever added by hand.
    AdHoc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offering {
    pub name: String,
    pub pillar: Pillar,
    pub partner: String,
    pub room: String,
    pub recurrence: Recurrence,
    /// Reference-list ids (list `TallyCategories`), in display order.
    pub tally_categories: Vec<RefId>,
    pub archived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionState {
    Open,
    Closed,
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub offering: OfferingId,
    pub date: Date,
    pub start: Time,
    pub end: Time,
    /// Set for ad-hoc sessions ("Infoveranstaltung Polizei"); empty otherwise.
    pub title: String,
    pub ad_hoc: bool,
    pub state: SessionState,
    /// The host's closing note; not personal by policy (shown on the day summary).
    pub note: String,
    pub closed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInRecord {
    pub at: Timestamp,
    pub by: String,
}

/// The lists a coordinator edits; never hard-coded enums of their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RefList {
    Housing = 1,
    Languages = 2,
    Needs = 3,
    Nationalities = 4,
    TallyCategories = 5,
}

impl RefList {
    pub const ALL: [RefList; 5] = [
        RefList::Housing,
        RefList::Languages,
        RefList::Needs,
        RefList::Nationalities,
        RefList::TallyCategories,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RefList::Housing => "housing",
            RefList::Languages => "languages",
            RefList::Needs => "needs",
            RefList::Nationalities => "nationalities",
            RefList::TallyCategories => "tally_categories",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefEntry {
    pub label: String,
    pub archived: bool,
    /// Housing only: a shared accommodation (Gemeinschaftsunterkunft).
    pub shared: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    Init,
    Login,
    LoginFailed,
    Register,
    Update,
    View,
    Erase,
    Export,
    Import,
    CheckIn,
    UndoCheckIn,
    StaffAdded,
    PassphraseChanged,
    OfferingChanged,
    SessionChanged,
    ReferenceChanged,
    NamesReport,
    Backup,
    Restore,
    // Sprachvermittlung (issue 16)
    PoolChanged,
    RequestChanged,
    // --- Security (issue 13); new actions go at the end: the codec stores the position ---
    StaffDisabled,
    Rekey,
}

impl AuditAction {
    pub const ALL: [AuditAction; 23] = [
        AuditAction::Init,
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Register,
        AuditAction::Update,
        AuditAction::View,
        AuditAction::Erase,
        AuditAction::Export,
        AuditAction::Import,
        AuditAction::CheckIn,
        AuditAction::UndoCheckIn,
        AuditAction::StaffAdded,
        AuditAction::PassphraseChanged,
        AuditAction::OfferingChanged,
        AuditAction::SessionChanged,
        AuditAction::ReferenceChanged,
        AuditAction::NamesReport,
        AuditAction::Backup,
        AuditAction::Restore,
        AuditAction::PoolChanged,
        AuditAction::RequestChanged,
        AuditAction::StaffDisabled,
        AuditAction::Rekey,
    ];
}

/// Who did what to which visitor number, when. Never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub user: String,
    pub action: AuditAction,
    pub visitor: Option<VisitorNo>,
    /// Non-personal detail such as a session id.
    pub detail: String,
}

/// Anonymous counters for the day summary and period report, kept so that
/// reports need no key (volunteers print the day summary) and survive erasure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StatKind {
    /// Languages of visitors registered that day (reference id).
    NewLanguage = 1,
    /// Needs of visitors registered that day (reference id).
    NewNeed = 2,
    /// Referrals made that day (offering id).
    Referral = 3,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The version of the consent text staff explain; recorded with each consent.
    pub consent_text_version: String,
    /// Visitors not seen for this many months are listed for review.
    pub retention_months: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            consent_text_version: "2026-1".into(),
            retention_months: 24,
        }
    }
}

// ---- Sprachvermittlung (issue 16): the interpreter pool and mediation requests ----

pub type PoolId = u32;
pub type RequestId = u32;

/// How well a pool member speaks a language. Declared best first, so the
/// derived order sorts suggestions best level first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LanguageLevel {
    /// Muttersprache.
    Native,
    /// gut.
    Good,
    /// etwas.
    Some,
}

impl LanguageLevel {
    pub const ALL: [LanguageLevel; 3] = [
        LanguageLevel::Native,
        LanguageLevel::Good,
        LanguageLevel::Some,
    ];

    /// The CLI and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageLevel::Native => "native",
            LanguageLevel::Good => "good",
            LanguageLevel::Some => "some",
        }
    }

    /// English or German spelling, any case.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "native" | "muttersprache" | "mutter" | "m" => Some(LanguageLevel::Native),
            "good" | "gut" | "g" => Some(LanguageLevel::Good),
            "some" | "etwas" | "basic" | "e" | "s" => Some(LanguageLevel::Some),
            _ => None,
        }
    }
}

/// One language a pool member mediates, from the `Languages` reference list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolLanguage {
    pub language: RefId,
    pub level: LanguageLevel,
}

/// When a pool member is usually available: a weekday, optionally from–to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailabilitySlot {
    pub weekday: IsoWeekday,
    /// Both or neither; neither: the whole day.
    pub hours: Option<(Time, Time)>,
}

/// A pool member's plaintext part: what volunteers (who hold no key) may see,
/// first name and languages, plus the account link and the times. The full
/// name and contact details are sealed in `POOL_CONTACT`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolMember {
    pub first_name: String,
    /// A staff account, for members who work at the desk ("on duty now").
    pub account: Option<String>,
    pub languages: Vec<PoolLanguage>,
    pub available: Vec<AvailabilitySlot>,
    pub created: Date,
    /// Erased (`mila pool remove`): everything but the id is gone, so past
    /// requests still count.
    pub removed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RequestStatus {
    Open,
    Assigned,
    Done,
    NotMet,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Open => "open",
            RequestStatus::Assigned => "assigned",
            RequestStatus::Done => "done",
            RequestStatus::NotMet => "not-met",
        }
    }

    /// Still waiting for the appointment (open or assigned).
    pub fn is_pending(self) -> bool {
        matches!(self, RequestStatus::Open | RequestStatus::Assigned)
    }
}

/// A mediation request's plaintext part: numbers, dates and the language, what
/// the period report counts. Purpose, place and reason are sealed in
/// `REQUEST_DETAILS`; erasing the visitor clears `visitor` and the details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediationRequest {
    pub visitor: Option<VisitorNo>,
    pub language: RefId,
    pub date: Date,
    pub time: Time,
    pub status: RequestStatus,
    pub interpreter: Option<PoolId>,
    pub created: Date,
}
