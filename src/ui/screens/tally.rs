//! The quick tally: a full-screen counter of anonymous heads for one session,
//! with the registered check-ins beside it. Every press is one durable write.
//!
//! Digits add to a column directly while the counters have the focus, so checking
//! someone in by number needs the field focused first (Tab): a typed number can
//! never turn into counted heads.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{CheckInOutcome, Login, SessionId, SessionView, VisitorNo, format_visitor_no};
use crate::search::parse_visitor_number;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, labelled, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::big_digits::{self, DIGIT_ROWS};
use crate::ui::screens::reopen_session::{self, Fed, ReopenQuestion};
use crate::ui::screens::session_header::{render_header, writable};
use crate::ui::widgets::{TextField, contains};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Counters,
    Number,
}

/// A change made here, to take back with Undo.
#[derive(Debug, Clone, Copy)]
enum Step {
    Count { column: usize, delta: i32 },
    CheckIn(VisitorNo),
}

pub struct Tally {
    session: SessionId,
    view: Option<SessionView>,
    selected: usize,
    focus: Focus,
    number: TextField,
    undo: Vec<Step>,
    reopen: Option<ReopenQuestion>,
    /// Where the counter columns were drawn (area, width of one, how many), for clicks.
    columns_at: Cell<(Rect, u16, usize)>,
    /// Where the number field was drawn, for clicks.
    number_at: Cell<Rect>,
}

impl Tally {
    pub fn new(session: SessionId, ctx: &mut Ctx<'_>) -> Self {
        let mut number = TextField::new(ctx.lang).with_max_len(12);
        number.set_focused(false);
        let mut screen = Self {
            session,
            view: None,
            selected: 0,
            focus: Focus::Counters,
            number,
            undo: Vec::new(),
            reopen: None,
            columns_at: Cell::new((Rect::default(), 0, 0)),
            number_at: Cell::new(Rect::default()),
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let Some(desk) = ctx.desk else { return };
        match desk.session(self.session) {
            Ok(view) => {
                self.selected = self.selected.min(view.tallies.len().saturating_sub(1));
                self.view = Some(view);
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn columns(&self) -> usize {
        self.view.as_ref().map_or(0, |v| v.tallies.len())
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.number.set_focused(focus == Focus::Number);
    }

    /// One press: one durable write, then the count the desk confirmed is shown.
    fn count(&mut self, column: usize, delta: i32, ctx: &mut Ctx<'_>) -> bool {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return false;
        };
        let Some(tally) = self.view.as_mut().and_then(|v| v.tallies.get_mut(column)) else {
            return false;
        };
        match desk.tally(login, self.session, tally.category, delta) {
            Ok(new) => {
                let changed = new != tally.count;
                tally.count = new;
                changed
            }
            Err(e) => {
                ctx.desk_error(&e);
                false
            }
        }
    }

    fn press(&mut self, column: usize, delta: i32, ctx: &mut Ctx<'_>) {
        if column >= self.columns() {
            return;
        }
        self.selected = column;
        if self.count(column, delta, ctx) {
            self.undo.push(Step::Count { column, delta });
        }
    }

    fn check_in(&mut self, ctx: &mut Ctx<'_>) {
        let text = self.number.value().trim();
        if text.is_empty() {
            return;
        }
        let Some(no) = parse_visitor_number(text) else {
            ctx.error(Msg::CheckInBadNumber.text(ctx.lang));
            return;
        };
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let who = format_visitor_no(no);
        match desk.check_in(login, self.session, no) {
            Ok(CheckInOutcome::CheckedIn) => {
                ctx.success(fill(Msg::CheckInDone, ctx.lang, &[("who", &who)]));
                self.undo.push(Step::CheckIn(no));
                self.number.set_value("");
                self.load(ctx);
            }
            Ok(CheckInOutcome::AlreadyCheckedIn) => {
                ctx.info(fill(Msg::CheckInAlready, ctx.lang, &[("who", &who)]));
                self.number.set_value("");
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn undo(&mut self, ctx: &mut Ctx<'_>) {
        let Some(step) = self.undo.pop() else {
            ctx.info(Msg::CheckInNothingToUndo.text(ctx.lang));
            return;
        };
        match step {
            Step::Count { column, delta } => {
                if self.count(column, -delta, ctx) {
                    if let Some(t) = self.view.as_ref().and_then(|v| v.tallies.get(column)) {
                        let text = fill(
                            Msg::TallyUndone,
                            ctx.lang,
                            &[("label", &t.label), ("count", &t.count.to_string())],
                        );
                        ctx.info(text);
                    }
                } else {
                    self.undo.push(step);
                }
            }
            Step::CheckIn(no) => {
                let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
                    return;
                };
                match desk.undo_check_in(login, self.session, no) {
                    Ok(_) => {
                        let who = format_visitor_no(no);
                        ctx.success(fill(Msg::CheckInUndone, ctx.lang, &[("who", &who)]));
                        self.load(ctx);
                    }
                    Err(e) => {
                        self.undo.push(step);
                        ctx.desk_error(&e);
                    }
                }
            }
        }
    }

    fn handle_counters(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if let Some((row, delta)) = action.tally_delta() {
            self.press(row - 1, i32::from(delta), ctx);
            return Outcome::Stay;
        }
        let last = self.columns().saturating_sub(1);
        match action {
            Action::TallyAddSelected => self.press(self.selected, 1, ctx),
            Action::TallyRemoveSelected => self.press(self.selected, -1, ctx),
            Action::Left | Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Right | Action::Down => self.selected = (self.selected + 1).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::NextField | Action::PrevField => self.set_focus(Focus::Number),
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn handle_number(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if self.number.handle(action) {
            return Outcome::Stay;
        }
        match action {
            Action::Confirm => self.check_in(ctx),
            Action::NextField | Action::PrevField | Action::Back => self.set_focus(Focus::Counters),
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    /// A click on a counter column selects it (it never counts: a stray click
    /// must not add a head); a click on the number field focuses it.
    fn click(&mut self, col: u16, row: u16) -> bool {
        let (area, width, count) = self.columns_at.get();
        if width > 0 && contains(area, col, row) {
            let i = usize::from((col - area.x) / width);
            if i < count {
                self.selected = i;
                self.set_focus(Focus::Counters);
                return true;
            }
        }
        if contains(self.number_at.get(), col, row) {
            self.set_focus(Focus::Number);
            return true;
        }
        false
    }

    fn render_columns(&self, frame: &mut Frame, area: Rect, s: &SessionView, view: &View<'_>) {
        let lang = view.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut columns: Vec<(String, u32, bool)> = s
            .tallies
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let label = fill(
                    Msg::TallyCount,
                    lang,
                    &[("label", &t.label), ("count", &t.count.to_string())],
                );
                (format!("{} {label}", i + 1), t.count, i == self.selected)
            })
            .collect();
        let checkins = fill(
            Msg::TallyCount,
            lang,
            &[
                ("label", Msg::TallyCheckins.text(lang)),
                ("count", &s.checkins.to_string()),
            ],
        );
        columns.push((checkins, s.checkins, false));
        let width = area.width / columns.len().max(1) as u16;
        self.columns_at.set((area, width, s.tallies.len()));
        for (i, (label, count, selected)) in columns.iter().enumerate() {
            let cell = Rect {
                x: area.x + i as u16 * width,
                width: width.saturating_sub(1),
                ..area
            };
            let marked = *selected && self.focus == Focus::Counters;
            let (marker, style) = if marked {
                ("▶ ", view.theme.selected)
            } else {
                ("  ", bold)
            };
            text(frame, row(cell, 0), &format!("{marker}{label}"), style);
            big_digits::render(frame, rows(cell, 1, DIGIT_ROWS), 2, *count, view.theme.body);
        }
    }
}

impl Screen for Tally {
    fn title(&self, lang: Lang) -> String {
        Msg::TallyTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.reopen.is_some() {
            return Mode::Dialog;
        }
        match self.focus {
            Focus::Counters => Mode::Tally,
            Focus::Number => Mode::Form,
        }
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        if self.reopen.is_some() {
            return vec![Action::Yes, Action::No];
        }
        // A closed session takes no counts: offering keys that only fail would mislead.
        if self.view.as_ref().is_some_and(|v| !writable(v, login)) {
            return vec![Action::Back, Action::Help];
        }
        let mut hints = match self.focus {
            Focus::Counters => vec![
                Action::TallyAddSelected,
                Action::TallyRemoveSelected,
                Action::NextField,
                Action::Undo,
                Action::CloseSession,
                Action::Back,
                Action::Help,
            ],
            Focus::Number => vec![
                Action::Confirm,
                Action::NextField,
                Action::Undo,
                Action::Back,
                Action::Help,
            ],
        };
        if reopen_session::offered(self.view.as_ref(), login) {
            hints.insert(hints.len() - 2, Action::ReopenSession);
        }
        hints
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        match reopen_session::feed(&mut self.reopen, action, ctx) {
            Fed::NotAsking => {}
            Fed::Pass => return Outcome::Unhandled,
            Fed::Taken => return Outcome::Stay,
            Fed::Reopened => {
                self.load(ctx);
                return Outcome::Stay;
            }
        }
        if let Action::Click { col, row } = action {
            return if self.click(*col, *row) {
                Outcome::Stay
            } else {
                Outcome::Unhandled
            };
        }
        let outcome = match self.focus {
            Focus::Counters => self.handle_counters(action, ctx),
            Focus::Number => self.handle_number(action, ctx),
        };
        if !matches!(outcome, Outcome::Unhandled) {
            return outcome;
        }
        match action {
            Action::Undo => self.undo(ctx),
            Action::CloseSession | Action::ReopenSession => {
                if let Some(outcome) = reopen_session::session_action(
                    action,
                    self.view.as_ref(),
                    &mut self.reopen,
                    ctx,
                ) {
                    return outcome;
                }
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.load(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let body = inset(area, 1);
        let Some(s) = &self.view else { return };
        // The columns follow the header; a closing note or warning pushes them down.
        let mut y = (render_header(frame, rows(body, 0, 4), s, view) + 1).max(3);
        if s.tallies.is_empty() {
            text(
                frame,
                row(body, y),
                Msg::TallyNoCategories.text(lang),
                view.theme.error,
            );
        }
        self.render_columns(frame, rows(body, y, DIGIT_ROWS + 1), s, view);
        y += DIGIT_ROWS + 2;
        let total = fill(
            Msg::TallyTotal,
            lang,
            &[
                ("total", &s.total().to_string()),
                ("checkins", &s.checkins.to_string()),
                ("tallied", &s.tallied().to_string()),
            ],
        );
        text(
            frame,
            row(body, y),
            &total,
            Style::new().add_modifier(Modifier::BOLD),
        );
        y += 1;
        y += paragraph(
            frame,
            rows(body, y, 2),
            Msg::TallyExplain.text(lang),
            view.theme.body,
        ) + 1;
        let label = format!(
            "{} {}",
            Msg::TallyNumberField.text(lang),
            Msg::TallyNumberHint.text(lang)
        );
        let place = labelled(frame, row(body, y), &label, 30, self.focus == Focus::Number);
        let field = Rect {
            width: place.width.min(16),
            ..place
        };
        self.number.render(frame, field);
        self.number_at.set(field);
        if let Some(notice) = self.number.notice() {
            text(frame, row(body, y + 1), &notice, view.theme.error);
        }
        if let Some(question) = &self.reopen {
            question.render(frame, area);
        }
    }
}
