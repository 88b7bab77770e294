//! The use cases of the front desk: register, find, check in, tally,
//! summarise, erase. Enforces roles and writes the audit log. Knows nothing
//! of terminals; returns plain data.

mod access;
mod attendance;
mod audit;
mod day_note;
pub mod demo;
mod draft;
mod erasure;
mod error;
mod find;
mod grants;
pub mod import;
mod import_matching;
mod login;
mod offerings;
mod personal;
mod planned;
mod privacy;
mod recurrence;
mod reference;
mod rekey;
mod restore_rules;
mod roles;
mod search_cache;
mod seed;
mod sessions;
mod staff;
mod stats;
mod summarise;
mod verify;
mod visitors;
// Sprachvermittlung (issue 16)
mod mediation;
mod mediation_report;
pub mod mediation_text;
mod mediation_verify;
mod pool;

use std::path::Path;

use jiff::civil::Date;

use crate::store::Store;

pub use attendance::CheckInOutcome;
pub use audit::{AuditFilter, audit_action_word};
pub use day_note::MAX_DAY_NOTE;
pub use draft::SealedDraft;
pub use error::{DeskError, DeskResult};
pub use find::FIND_AUDIT_DETAIL;
pub use import::{ImportError, ImportReport};
pub use login::Login;
pub use offerings::MAX_OFFERING_TEXT;
pub use personal::*;
pub use privacy::{
    INCOMPLETE_INTAKE_DAYS, RestoreError, RetentionCandidate, RetentionReason, restore,
};
pub use recurrence::occurs_on;
pub use reference::{MAX_LABEL_CHARS, RefRemoval, same_label};
pub use roles::{Capability, allows};
pub use sessions::MAX_SESSION_NOTE;
pub use sessions::{SessionView, TallyCount};
pub use staff::{MAX_USER_CHARS, MIN_PASSPHRASE_CHARS, StaffInfo, is_valid_user_name};
pub use verify::VerifyReport;
pub use visitors::{VisitorCard, entry_of};
// Sprachvermittlung (issue 16)
pub use crate::store::records::{
    AvailabilitySlot, LanguageLevel, MediationRequest, PoolId, PoolLanguage, PoolMember, RequestId,
    RequestStatus,
};
pub use mediation::{
    AssignOutcome, MAX_REQUEST_TEXT, RequestDetails, RequestEnd, RequestInput, RequestView,
};
pub use pool::{MAX_POOL_TEXT, Mediator, PoolContact, PoolInput, PoolView};

pub use crate::store::records::{
    AuditAction, AuditEntry, IsoWeekday, MonthWeek, Offering, OfferingId, Pillar, Recurrence,
    RefEntry, RefId, RefList, Role, SessionId, SessionRecord, SessionState, VisitorMeta, VisitorNo,
    VisitorStatus, day_from_key, day_key,
};
// The UI names these (passphrases typed, errors explained) without reaching past the desk.
pub use crate::store::StoreError;
pub use crate::vault::{KdfParams, Passphrase, VaultError};

/// `42` → `M-0042`.
pub fn format_visitor_no(no: VisitorNo) -> String {
    // An erased person's check-ins keep no number (issue 13).
    if crate::store::records::is_anonymous(no) {
        return "—".into();
    }
    crate::search::format_visitor_number(no)
}

/// The front desk over one database file.
pub struct Desk {
    store: Store,
    /// "Today" pinned for tests, protective dates included; None: the clock.
    pinned_today: Option<Date>,
    /// A day shown and worked on as MILA_TODAY does (see [`Desk::show_day`]).
    shown_today: Option<Date>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("path", &self.store.path())
            .finish()
    }
}

impl Desk {
    /// Creates a new database with the seed's reference data and one
    /// coordinator account, and returns that coordinator logged in.
    pub fn create(
        path: &Path,
        coordinator: &str,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> DeskResult<(Desk, Login)> {
        staff::check_user_name(coordinator)?;
        staff::check_passphrase(passphrase)?;
        let store = Store::create(path)?;
        let desk = Desk {
            store,
            pinned_today: None,
            shown_today: None,
        };
        let login = desk.initialise(coordinator, passphrase, kdf)?;
        Ok((desk, login))
    }

    pub fn open(path: &Path) -> DeskResult<Desk> {
        Ok(Desk {
            store: Store::open(path)?,
            pinned_today: None,
            shown_today: None,
        })
    }

    /// Opens a database held by another storage backend: how tests inject
    /// I/O faults below redb.
    #[doc(hidden)]
    pub fn open_with_backend(backend: impl redb::StorageBackend, path: &Path) -> DeskResult<Desk> {
        Ok(Desk {
            store: Store::open_with_backend(backend, path)?,
            pinned_today: None,
            shown_today: None,
        })
    }

    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Today in the desk's time zone, unless pinned (see [`Desk::pin_today`]
    /// and [`today`]).
    pub fn today(&self) -> Date {
        self.pinned_today.or(self.shown_today).unwrap_or_else(today)
    }

    /// The date for what protects people: retention and erasure due dates,
    /// consent dates, the names and pruning of daily backups. A demonstration
    /// date (`MILA_TODAY`, [`Desk::show_day`]) never moves it; only a test's
    /// full pin ([`Desk::pin_today`]) does.
    pub fn protective_today(&self) -> Date {
        self.pinned_today.unwrap_or_else(real_today)
    }

    /// What `MILA_TODAY` does, for one desk: sessions, check-ins, reports and
    /// registrations are those of `date`, while [`Desk::protective_today`]
    /// keeps the real clock.
    pub fn show_day(&mut self, date: Date) {
        self.shown_today = Some(date);
    }

    /// Makes `date` "today" for this desk: tests and demonstrations of a
    /// given day.
    pub fn pin_today(&mut self, date: Date) {
        self.pinned_today = Some(date);
    }
}

/// `MILA_TODAY` as set: `None` when unset, an error that names it when it is
/// set but not a date, so that a mistyped demonstration date is never
/// silently the real one.
pub fn pinned_today() -> Result<Option<Date>, String> {
    match std::env::var("MILA_TODAY") {
        Err(std::env::VarError::NotPresent) => Ok(None),
        Ok(text) => text.parse::<Date>().map(Some).map_err(|_| {
            format!("MILA_TODAY='{text}' is not a date; give it as YYYY-MM-DD or unset it")
        }),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err("MILA_TODAY is not a date; give it as YYYY-MM-DD or unset it".into())
        }
    }
}

/// The calendar date by the system clock, whatever is pinned: what protects
/// people (retention and erasure due dates, consent dates, backup pruning)
/// never moves with a demonstration date.
pub fn real_today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Today in the system's time zone. `MILA_TODAY=YYYY-MM-DD` pins it, for
/// demonstrations and tests of day boundaries.
pub fn today() -> Date {
    if let Ok(text) = std::env::var("MILA_TODAY")
        && let Ok(date) = text.parse::<Date>()
    {
        return date;
    }
    jiff::ZonedDateTime::now().date()
}
