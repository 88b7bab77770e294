//! Home: today's date, today's sessions with their counts, and the main
//! actions on the F-keys. Volunteers see only what they may do.

use std::cell::Cell;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Login, SessionView};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date_long};
use crate::ui::layout::{inset, row, text};
use crate::ui::navigation::{self, MAIN_ACTIONS};
use crate::ui::sanitize::pad;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::intake::pending::PendingIntakes;
use crate::ui::screens::schedule_text::time_span;
use crate::ui::screens::session_header::title_with_state;
use crate::ui::widgets::contains;

/// Counts change while others check in at the same desk: refresh now and then.
const REFRESH: Duration = Duration::from_secs(30);

pub struct Home {
    sessions: Vec<SessionView>,
    registrations: u32,
    selected: usize,
    loaded_at: Option<Instant>,
    /// Where session rows and menu entries were drawn, for clicks.
    session_rows: Cell<(Rect, usize)>,
    menu: Cell<[Rect; MAIN_ACTIONS.len()]>,
    intakes: PendingIntakes,
}

impl Home {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut home = Self {
            sessions: Vec::new(),
            registrations: 0,
            selected: 0,
            loaded_at: None,
            session_rows: Cell::new((Rect::default(), 0)),
            menu: Cell::new([Rect::default(); MAIN_ACTIONS.len()]),
            intakes: PendingIntakes::default(),
        };
        home.load(ctx);
        home
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let Some(desk) = ctx.desk else { return };
        match desk.sessions_on(ctx.today) {
            Ok(sessions) => self.sessions = sessions,
            Err(e) => ctx.desk_error(&e),
        }
        match desk.registrations_on(ctx.today) {
            Ok(n) => self.registrations = n,
            Err(e) => ctx.desk_error(&e),
        }
        self.selected = self.selected.min(self.sessions.len().saturating_sub(1));
        self.intakes.load(ctx);
        self.loaded_at = Some(ctx.now);
    }

    /// The main action under a click on the menu, if any.
    fn menu_hit(&self, col: u16, row: u16) -> Option<Action> {
        self.menu
            .get()
            .iter()
            .position(|r| contains(*r, col, row))
            .map(|i| MAIN_ACTIONS[i].clone())
    }

    fn render_sessions(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.sessions.is_empty() {
            text(
                frame,
                row(area, 0),
                &format!("  {}", Msg::HomeNoSessions.text(lang)),
                view.theme.body,
            );
            self.session_rows.set((Rect::default(), 0));
            return;
        }
        let width = usize::from(area.width);
        let numbers = 12 + 9 + 8;
        let name_w = width.saturating_sub(2 + 13 + numbers);
        let header = format!(
            "  {:<13}{}{:>12}{:>9}{:>8}",
            Msg::ColTime.text(lang),
            pad(Msg::ColOffering.text(lang), name_w),
            Msg::ColCheckins.text(lang),
            Msg::ColTallied.text(lang),
            Msg::ColTotal.text(lang),
        );
        text(frame, row(area, 0), &header, bold);
        let visible = usize::from(area.height.saturating_sub(1));
        let offset = self.selected.saturating_sub(visible.saturating_sub(1));
        for (i, s) in self.sessions.iter().enumerate().skip(offset).take(visible) {
            let y = 1 + (i - offset) as u16;
            let marker = if i == self.selected { "▶ " } else { "  " };
            let line = format!(
                "{marker}{:<13}{}{:>12}{:>9}{:>8}",
                time_span(s.record.start, s.record.end),
                pad(&title_with_state(s, lang), name_w),
                s.checkins,
                s.tallied(),
                s.total(),
            );
            let style = if i == self.selected {
                view.theme.selected
            } else {
                view.theme.body
            };
            text(frame, row(area, y), &line, style);
        }
        let list = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        self.session_rows.set((list, offset));
    }

    fn render_menu(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let Some(login) = view.login else { return };
        let mut hits = [Rect::default(); MAIN_ACTIONS.len()];
        let columns = 3u16;
        let col_w = area.width / columns;
        let mut slot = 0u16;
        for (i, action) in MAIN_ACTIONS.iter().enumerate() {
            if !navigation::allowed(action, login) {
                continue;
            }
            let key = view
                .keymap
                .keys_for(Mode::Global, action, view.lang)
                .into_iter()
                .next()
                .unwrap_or_default();
            let label = action.label().map_or("", |m| m.text(view.lang));
            let cell = Rect {
                x: area.x + (slot % columns) * col_w,
                y: area.y + slot / columns,
                width: col_w,
                height: 1,
            };
            if cell.y >= area.y + area.height {
                break;
            }
            text(frame, cell, &format!("  {key:<4} {label}"), view.theme.body);
            hits[i] = cell;
            slot += 1;
        }
        self.menu.set(hits);
    }
}

impl Screen for Home {
    fn title(&self, lang: Lang) -> String {
        Msg::HomeTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::List
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        let mut hints = vec![Action::Help];
        if let Some(login) = login {
            hints.extend(
                MAIN_ACTIONS
                    .iter()
                    .filter(|a| navigation::allowed(a, login))
                    .cloned(),
            );
        }
        hints
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if let Some(outcome) = self.intakes.handle(action, ctx) {
            return outcome;
        }
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => {
                self.selected = (self.selected + 1).min(self.sessions.len().saturating_sub(1))
            }
            Action::First => self.selected = 0,
            Action::Last => self.selected = self.sessions.len().saturating_sub(1),
            // Enter on a session: its check-in, like F4 and a choice there (the tally has
            // its own key, F5).
            Action::Confirm => {
                let session = self.sessions.get(self.selected).map(|s| s.id);
                if let Some(screen) = session.and_then(|id| navigation::check_in_for(id, ctx)) {
                    return Outcome::Push(screen);
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
            Action::Click { col, row } => {
                let (list, offset) = self.session_rows.get();
                if contains(list, *col, *row) {
                    let i = offset + usize::from(row - list.y);
                    if i < self.sessions.len() {
                        self.selected = i;
                    }
                } else if let Some(action) = self.menu_hit(*col, *row) {
                    // A click on a menu entry is the same as its key.
                    return Outcome::Global(action);
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
        let area = inset(area, 1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        text(
            frame,
            row(area, 0),
            &format!(" {}", format_date_long(view.today, lang)),
            bold,
        );
        let checkins: u32 = self.sessions.iter().map(|s| s.checkins).sum();
        let tallied: u32 = self.sessions.iter().map(|s| s.tallied()).sum();
        let counts = fill(
            Msg::HomeCounts,
            lang,
            &[
                ("new", &self.registrations.to_string()),
                ("checkins", &checkins.to_string()),
                ("tallied", &tallied.to_string()),
            ],
        );
        text(frame, row(area, 1), &format!(" {counts}"), view.theme.body);
        text(
            frame,
            row(area, 3),
            &format!(" {}", Msg::HomeSessions.text(lang)),
            bold,
        );

        let menu_rows = 4u16;
        let note_rows = u16::from(view.login.is_some_and(|l| !l.role().holds_key()));
        let intake_rows = self.intakes.rows(area.height);
        let sessions_h = area
            .height
            .saturating_sub(4 + menu_rows + 2 + note_rows + intake_rows);
        self.render_sessions(
            frame,
            Rect {
                y: area.y + 4,
                height: sessions_h,
                ..area
            },
            view,
        );

        self.intakes.render(
            frame,
            Rect {
                y: area.y + 4 + sessions_h,
                height: intake_rows,
                ..area
            },
            view,
        );
        let menu_y = 4 + sessions_h + intake_rows + 1;
        text(
            frame,
            row(area, menu_y),
            &format!(" {}", Msg::HomeActions.text(lang)),
            bold,
        );
        self.render_menu(
            frame,
            Rect {
                y: area.y + menu_y + 1,
                height: menu_rows - 1,
                ..area
            },
            view,
        );
        if note_rows > 0 {
            text(
                frame,
                row(area, menu_y + menu_rows),
                &format!(" {}", Msg::HomeVolunteerNote.text(lang)),
                view.theme.body,
            );
        }
    }
}
