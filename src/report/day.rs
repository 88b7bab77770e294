//! The day summary: what happened at the desk on one day. No visitor names
//! unless a coordinator asked for the attendance list (then `attendees`).

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::Count;
use crate::store::records::{Pillar, SessionState, VisitorNo};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySummary {
    pub date: Date,
    /// Staff user names (never visitors): who logged in that day.
    pub staff_on_duty: Vec<String>,
    /// By start time.
    pub sessions: Vec<SessionLine>,
    pub visitors: VisitorCounts,
    /// Languages of the visitors registered that day (anonymous counters).
    pub new_languages: Vec<Count>,
    /// Needs of the visitors registered that day (anonymous counters).
    pub new_needs: Vec<Count>,
    /// Referrals made that day, per offering.
    pub referrals: Vec<Count>,
    /// The three breakdowns above are sealed; for staff without the data
    /// key (volunteers) they are left out, and the printout says so.
    #[serde(default)]
    pub breakdowns_left_out: bool,
    /// The day's note; empty when none was written.
    pub note: String,
    pub totals: DayTotals,
}

impl DaySummary {
    /// Whether any session carries an attendance list with names.
    pub fn has_names(&self) -> bool {
        self.sessions.iter().any(|s| s.attendees.is_some())
    }
}

/// People, counted by visitor number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorCounts {
    /// Visitors registered that day, whether or not they were checked in.
    pub new_registrations: u32,
    /// Different visitors checked in to any of the day's sessions.
    pub unique: u32,
    /// Of `unique`: registered that day (or, for a session entered
    /// afterwards, later): people who came for the first time.
    pub new: u32,
    /// Of `unique`: registered before that day. `new + returning = unique`.
    pub returning: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLine {
    pub id: u64,
    /// The ad-hoc title if there is one, else the offering's name.
    pub title: String,
    pub offering: String,
    pub pillar: Pillar,
    pub start: Time,
    pub end: Time,
    pub state: SessionState,
    /// Registered visitors checked in (each once).
    pub checkins: u32,
    /// Heads counted anonymously, per category of the offering.
    pub tallies: Vec<Count>,
    /// `checkins` plus all tallies: the tally counts only people not
    /// checked in, so nobody is counted twice.
    pub total: u32,
    /// The host's closing note (not personal by policy).
    pub note: String,
    /// Only in a coordinator's list with names; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendees: Option<Vec<Attendee>>,
}

impl SessionLine {
    pub fn tallied(&self) -> u32 {
        self.tallies.iter().map(|t| t.count).sum()
    }

    /// Held means someone came: a session nobody was checked in to or counted at was
    /// planned, not held.
    pub fn held(&self) -> bool {
        self.state != SessionState::Cancelled && self.total > 0
    }
}

/// The sums over all sessions of the day, cancelled ones included (they
/// normally count nothing), so the printed rows add up to the printed total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTotals {
    pub sessions: u32,
    /// Sessions not cancelled where someone came.
    pub held: u32,
    pub checkins: u32,
    pub tallied: u32,
    pub total: u32,
    /// Per tally category, in the order they first appear.
    pub tallies: Vec<Count>,
}

impl DayTotals {
    pub fn of(sessions: &[SessionLine]) -> Self {
        let mut totals = DayTotals::default();
        for s in sessions {
            totals.sessions += 1;
            totals.held += u32::from(s.held());
            totals.checkins += s.checkins;
            totals.tallied += s.tallied();
            totals.total += s.total;
            for t in &s.tallies {
                match totals.tallies.iter_mut().find(|c| c.label == t.label) {
                    Some(c) => c.count += t.count,
                    None => totals.tallies.push(t.clone()),
                }
            }
        }
        totals
    }
}

/// One line of an attendance list. Wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct Attendee {
    pub number: VisitorNo,
    /// As the person writes it; empty when erased.
    pub name: String,
    /// Latin spelling; may be empty.
    pub name_latin: String,
    /// The personal data was erased; only the number is left.
    pub erased: bool,
}

/// Never prints a name, whatever ends up in a log or panic message.
impl std::fmt::Debug for Attendee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Attendee(M-{:04})", self.number)
    }
}
