//! The lines that say which session a check-in or tally screen works on, and
//! what has been counted there: the same on both screens.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, Login, SessionState, SessionView};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{row, text};
use crate::ui::screen::View;
use crate::ui::screens::schedule_text::{state, time_span};

/// A session as one line of a list: time, title, state.
pub fn session_line(s: &SessionView, lang: Lang) -> String {
    let time = time_span(s.record.start, s.record.end);
    let title = title_with_state(s, lang);
    fill(
        Msg::SessionLine,
        lang,
        &[("time", &time), ("title", &title)],
    )
}

/// The session's title, with its state when it is no longer open.
pub fn title_with_state(s: &SessionView, lang: Lang) -> String {
    match s.record.state {
        SessionState::Open => s.title().to_string(),
        other => format!("{} ({})", s.title(), state(other).text(lang)),
    }
}

/// Whether `login` may still change the session (the desk refuses otherwise).
pub fn writable(s: &SessionView, login: Option<&Login>) -> bool {
    s.record.state == SessionState::Open
        || login.is_some_and(|l| l.may(Capability::EditClosedSession))
}

/// Up to four rows: the session, its counts, the host's closing note when the
/// session is closed, and a warning when it is read-only. Returns the rows used.
pub fn render_header(frame: &mut Frame, area: Rect, s: &SessionView, view: &View<'_>) -> u16 {
    let lang = view.lang;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    text(frame, row(area, 0), &session_line(s, lang), bold);
    let counts = fill(
        Msg::SessionCounts,
        lang,
        &[
            ("checkins", &s.checkins.to_string()),
            ("tallied", &s.tallied().to_string()),
            ("total", &s.total().to_string()),
        ],
    );
    text(frame, row(area, 1), &counts, view.theme.body);
    let mut used = 2;
    // The note is not personal by policy; it says why a session ended early,
    // which is what anyone reopening or reading it needs to know. `text`
    // sanitises it and cuts it to the width, so it never takes a second row.
    if s.record.state == SessionState::Closed && !s.record.note.is_empty() {
        let note = fill(Msg::SessionHeaderNote, lang, &[("note", &s.record.note)]);
        text(frame, row(area, used), &note, view.theme.body);
        used += 1;
    }
    if !writable(s, view.login) {
        let warning = fill(
            Msg::SessionReadOnly,
            lang,
            &[("state", state(s.record.state).text(lang))],
        );
        text(frame, row(area, used), &warning, view.theme.error);
        used += 1;
    }
    used.min(area.height)
}
