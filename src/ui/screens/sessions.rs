//! The sessions of one day (from the offerings screen): state, check-ins and
//! tallied heads per session. Today by default; the arrows browse days. Staff
//! who manage sessions add single sessions and cancel; the coordinator opens a
//! closed or cancelled session again.

use std::cell::Cell;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{
    Capability, Login, OfferingId, SessionId, SessionRecord, SessionState, SessionView,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date, format_date_long};
use crate::ui::layout::{inset, paragraph, row, text};
use crate::ui::navigation;
use crate::ui::sanitize::pad;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::offerings::{Offerings, render_tabs};
use crate::ui::screens::schedule_text::{format_time, state, time_span};
use crate::ui::screens::session_form::SessionForm;
use crate::ui::widgets::{Asked, Confirm, ask, contains};

enum Entry {
    Held(SessionView),
    /// What a recurrence will bring on a future day; not created yet.
    Planned {
        record: SessionRecord,
        name: String,
    },
}

impl Entry {
    /// Which session this is, across reloads: a planned one keeps it when it is created.
    fn identity(&self) -> (OfferingId, jiff::civil::Time, &str) {
        let r = self.record();
        (r.offering, r.start, &r.title)
    }

    fn record(&self) -> &SessionRecord {
        match self {
            Entry::Held(v) => &v.record,
            Entry::Planned { record, .. } => record,
        }
    }

    fn title(&self) -> &str {
        match self {
            Entry::Held(v) => v.title(),
            Entry::Planned { name, .. } => name,
        }
    }
}

enum Change {
    Cancel(SessionId),
    CancelPlanned(OfferingId, jiff::civil::Time),
    Reopen(SessionId),
}

/// Counts change while others check in and tally: refresh now and then.
const REFRESH: std::time::Duration = std::time::Duration::from_secs(30);

pub struct Sessions {
    loaded_at: Option<std::time::Instant>,
    day: Date,
    entries: Vec<Entry>,
    selected: usize,
    pending: Option<(Confirm, Change)>,
    list_area: Cell<(Rect, usize)>,
}

impl Sessions {
    pub fn new(ctx: &mut Ctx<'_>, day: Date) -> Self {
        let mut screen = Sessions {
            loaded_at: None,
            day,
            entries: Vec::new(),
            selected: 0,
            pending: None,
            list_area: Cell::new((Rect::default(), 0)),
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let Some(desk) = ctx.desk else { return };
        let keep = self.selected_identity();
        let mut entries: Vec<Entry> = match desk.sessions_on(self.day) {
            Ok(held) => held.into_iter().map(Entry::Held).collect(),
            Err(e) => {
                ctx.desk_error(&e);
                Vec::new()
            }
        };
        let planned = desk
            .planned_sessions(self.day)
            .and_then(|p| Ok((p, desk.offerings()?)));
        match planned {
            Ok((planned, offerings)) => {
                for record in planned {
                    let name = offerings
                        .iter()
                        .find(|(id, _)| *id == record.offering)
                        .map_or_else(|| format!("#{}", record.offering), |(_, o)| o.name.clone());
                    entries.push(Entry::Planned { record, name });
                }
            }
            Err(e) => ctx.desk_error(&e),
        }
        entries.sort_by(|a, b| (a.record().start, a.title()).cmp(&(b.record().start, b.title())));
        self.entries = entries;
        // The refresh every 30 s must not slide the selection onto another session when
        // one is added above it: Alt+A would then cancel a different one.
        self.selected = keep
            .and_then(|k| self.position(&k))
            .unwrap_or(self.selected)
            .min(self.entries.len().saturating_sub(1));
        self.loaded_at = Some(ctx.now);
    }

    fn selected_identity(&self) -> Option<(OfferingId, jiff::civil::Time, String)> {
        self.entries.get(self.selected).map(|e| {
            let (o, t, title) = e.identity();
            (o, t, title.to_owned())
        })
    }

    fn position(&self, key: &(OfferingId, jiff::civil::Time, String)) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.identity() == (key.0, key.1, key.2.as_str()))
    }

    fn go(&mut self, forward: bool, ctx: &mut Ctx<'_>) {
        let next = if forward {
            self.day.tomorrow()
        } else {
            self.day.yesterday()
        };
        if let Ok(day) = next {
            self.day = day;
            self.selected = 0;
            self.load(ctx);
        }
    }

    fn may(ctx: &mut Ctx<'_>, capability: Capability) -> bool {
        let may = ctx.login.is_some_and(|l| l.may(capability));
        if !may {
            ctx.error(Msg::NotForRole.text(ctx.lang));
        }
        may
    }

    fn ask_cancel(&mut self, ctx: &mut Ctx<'_>) {
        let lang = ctx.lang;
        let Some(entry) = self.entries.get(self.selected) else {
            return;
        };
        let record = entry.record();
        let change = match entry {
            Entry::Held(v) if v.record.state == SessionState::Cancelled => {
                ctx.info(Msg::SessionAlreadyCancelled.text(lang));
                return;
            }
            Entry::Held(v) => Change::Cancel(v.id),
            Entry::Planned { record, .. } => Change::CancelPlanned(record.offering, record.start),
        };
        let question = fill(
            Msg::SessionCancelQuestion,
            lang,
            &[
                ("title", entry.title()),
                ("date", &format_date(record.date, lang)),
                ("time", &format_time(record.start)),
            ],
        );
        self.pending = Some((Confirm::destructive(lang, question), change));
    }

    fn ask_reopen(&mut self, ctx: &mut Ctx<'_>) {
        let lang = ctx.lang;
        match self.entries.get(self.selected) {
            Some(Entry::Held(v)) if v.record.state != SessionState::Open => {
                let question = fill(Msg::SessionReopenQuestion, lang, &[("title", v.title())]);
                self.pending = Some((Confirm::new(lang, question), Change::Reopen(v.id)));
            }
            Some(_) => ctx.info(Msg::SessionIsOpen.text(lang)),
            None => {}
        }
    }

    fn apply(&mut self, change: Change, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let lang = ctx.lang;
        let done = match change {
            Change::Cancel(id) => desk
                .cancel_session(login, id)
                .map(|()| Msg::SessionCancelledDone),
            Change::CancelPlanned(offering, start) => desk
                .cancel_planned_session(login, offering, self.day, start)
                .map(|_| Msg::SessionCancelledDone),
            Change::Reopen(id) => desk
                .reopen_session(login, id)
                .map(|()| Msg::SessionReopened),
        };
        match done {
            Ok(msg) => ctx.success(msg.text(lang)),
            Err(e) => ctx.desk_error(&e),
        }
        self.load(ctx);
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        if self.entries.is_empty() {
            text(
                frame,
                row(area, 0),
                &format!("  {}", Msg::SessionsNone.text(lang)),
                view.theme.body,
            );
            return;
        }
        let width = usize::from(area.width);
        let numbers = 12 + 9 + 8;
        let state_w = 13;
        let title_w = width.saturating_sub(2 + 13 + state_w + numbers);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let header = format!(
            "  {:<13}{} {}{:>12}{:>9}{:>8}",
            Msg::ColTime.text(lang),
            pad(Msg::ColOffering.text(lang), title_w.saturating_sub(1)),
            pad(Msg::SessionsColState.text(lang), state_w),
            Msg::ColCheckins.text(lang),
            Msg::ColTallied.text(lang),
            Msg::ColTotal.text(lang),
        );
        text(frame, row(area, 0), &header, bold);
        let visible = usize::from(area.height.saturating_sub(1));
        let offset = self.selected.saturating_sub(visible.saturating_sub(1));
        for (i, entry) in self.entries.iter().enumerate().skip(offset).take(visible) {
            let record = entry.record();
            let marker = if i == self.selected { "▶ " } else { "  " };
            let (state_text, counts) = match entry {
                Entry::Held(v) => (
                    state(v.record.state).text(lang),
                    format!("{:>12}{:>9}{:>8}", v.checkins, v.tallied(), v.total()),
                ),
                Entry::Planned { .. } => (Msg::SessionStatePlanned.text(lang), String::new()),
            };
            let line = format!(
                "{marker}{:<13}{} {}{counts}",
                time_span(record.start, record.end),
                pad(entry.title(), title_w.saturating_sub(1)),
                pad(state_text, state_w),
            );
            let style = if i == self.selected {
                view.theme.selected
            } else if matches!(entry, Entry::Planned { .. })
                || record.state == SessionState::Cancelled
            {
                view.theme.body.add_modifier(Modifier::DIM)
            } else {
                view.theme.body
            };
            let y = 1 + u16::try_from(i - offset).unwrap_or(0);
            text(frame, row(area, y), &line, style);
        }
        self.list_area.set((
            Rect {
                y: area.y + 1,
                height: area.height.saturating_sub(1),
                ..area
            },
            offset,
        ));
    }

    fn keys_line(&self, view: &View<'_>) -> String {
        let key = |action: Action| {
            view.keymap
                .keys_for(Mode::List, &action, view.lang)
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        let days = format!("{}/{}", key(Action::Left), key(Action::Right));
        fill(
            Msg::SessionsKeys,
            view.lang,
            &[
                ("new", &key(Action::NewItem)),
                ("cancel", &key(Action::CancelSession)),
                ("reopen", &key(Action::ReopenSession)),
                ("days", &days),
            ],
        )
    }
}

impl Screen for Sessions {
    fn title(&self, lang: Lang) -> String {
        Msg::SessionsTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.pending.is_some() {
            Mode::Dialog
        } else {
            Mode::List
        }
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        if self.pending.is_some() {
            return vec![Action::Yes, Action::No];
        }
        let may = |c| login.is_some_and(|l| l.may(c));
        let mut hints = Vec::new();
        if may(Capability::ManageSessions) {
            hints.extend([Action::NewItem, Action::CancelSession]);
        }
        if may(Capability::EditClosedSession) {
            hints.push(Action::ReopenSession);
        }
        hints.extend([Action::NextField, Action::Back, Action::Help]);
        hints
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| {
            l.may(Capability::ManageOfferings) || l.may(Capability::ManageSessions)
        }) {
            return Outcome::Back;
        }
        match ask(&mut self.pending, action) {
            Asked::Yes(change) => {
                self.apply(change, ctx);
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        let last = self.entries.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::Left | Action::PageUp | Action::PrevDay => self.go(false, ctx),
            Action::Right | Action::PageDown | Action::NextDay => self.go(true, ctx),
            Action::NextField | Action::PrevField => {
                return Outcome::Replace(Box::new(Offerings::new(ctx)));
            }
            Action::NewItem => {
                if Self::may(ctx, Capability::ManageSessions) {
                    return Outcome::Push(Box::new(SessionForm::new(ctx, self.day)));
                }
            }
            Action::CancelSession => {
                if Self::may(ctx, Capability::ManageSessions) {
                    self.ask_cancel(ctx);
                }
            }
            Action::ReopenSession => {
                if Self::may(ctx, Capability::EditClosedSession) {
                    self.ask_reopen(ctx);
                }
            }
            Action::Confirm => {
                if let Some(Entry::Held(v)) = self.entries.get(self.selected)
                    && let Some(screen) = navigation::tally_for(v.id, ctx)
                {
                    return Outcome::Push(screen);
                }
            }
            Action::Click { col, row } => {
                let (list, offset) = self.list_area.get();
                if contains(list, *col, *row) {
                    let i = offset + usize::from(row - list.y);
                    if i < self.entries.len() {
                        self.selected = i;
                    }
                }
            }
            Action::Tick => {
                if self
                    .loaded_at
                    .is_none_or(|t| ctx.now.saturating_duration_since(t) >= REFRESH)
                {
                    self.load(ctx);
                }
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        let known: Vec<_> = self
            .entries
            .iter()
            .map(|e| {
                let (o, t, title) = e.identity();
                (o, t, title.to_owned())
            })
            .collect();
        self.load(ctx);
        // Back from "single session": the one just added is selected.
        if let Some(i) = self.entries.iter().position(|e| {
            let (o, t, title) = e.identity();
            !known
                .iter()
                .any(|k| (k.0, k.1, k.2.as_str()) == (o, t, title))
        }) {
            self.selected = i;
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let inner = inset(area, 1);
        render_tabs(frame, inner, view, false);
        let today = if self.day == view.today {
            format!(" {}", Msg::SessionsToday.text(lang))
        } else {
            String::new()
        };
        let bold = Style::new().add_modifier(Modifier::BOLD);
        text(
            frame,
            row(inner, 2),
            &format!("◀  {}{today}  ▶", format_date_long(self.day, lang)),
            bold,
        );
        let footer = 4;
        let list_h = inner.height.saturating_sub(4 + footer);
        self.render_list(
            frame,
            Rect {
                y: inner.y + 4,
                height: list_h,
                ..inner
            },
            view,
        );
        let foot = Rect {
            y: inner.y + 4 + list_h,
            height: footer,
            ..inner
        }
        .intersection(inner);
        // The host's closing note: not personal by policy, and what the
        // coordinator wants to read before opening a session again.
        if let Some(Entry::Held(v)) = self.entries.get(self.selected)
            && !v.record.note.is_empty()
        {
            let note = fill(Msg::ReportSessionNote, lang, &[("note", &v.record.note)]);
            text(frame, row(foot, 0), &note, view.theme.body);
        }
        paragraph(
            frame,
            Rect {
                y: foot.y + 1,
                height: 2,
                ..foot
            }
            .intersection(foot),
            Msg::SessionsLegend.text(lang),
            view.theme.body,
        );
        text(frame, row(foot, 3), &self.keys_line(view), view.theme.body);
        if let Some((dialog, _)) = &self.pending {
            dialog.render(frame, area);
        }
    }
}
