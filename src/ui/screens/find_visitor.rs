//! Find a visitor (F3): one input, results on every keystroke from the
//! in-memory index (name fragments in any script, visitor number, phone
//! digits); Enter opens the visitor card.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, Login};
use crate::search::{Entry, MatchKind, format_visitor_number, masked_phone};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, labelled, paragraph, row, rows, text};
use crate::ui::navigation;
use crate::ui::sanitize::pad;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::widgets::{TextField, contains};

/// More than anyone scrolls through; typing more narrows the list.
const SHOWN: usize = 200;
/// A query is a few words or a number; no need for more.
const MAX_QUERY: usize = 60;

const NUMBER_W: usize = 8;
const BORN_W: usize = 8;
/// Why a row matched: "ähnlich", or the phone number with only the typed digits shown.
const WHY_W: usize = 20;

pub struct FindVisitor {
    query: TextField,
    /// Copies of the index entries shown, best first (zeroized on drop).
    results: Vec<Entry>,
    /// What each result matched on, in the same order.
    why: Vec<MatchKind>,
    /// More than [`SHOWN`] matched.
    more: bool,
    selected: usize,
    /// Whether the index could be used at all (staff whose data failed to
    /// open at sign-in have none).
    has_index: bool,
    /// The list as last drawn and its first row, for clicks and scrolling.
    list_area: Cell<(Rect, usize)>,
}

impl FindVisitor {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Self {
            query: TextField::new(ctx.lang).with_max_len(MAX_QUERY),
            results: Vec::new(),
            why: Vec::new(),
            more: false,
            selected: 0,
            has_index: ctx.index.is_some(),
            list_area: Cell::new((Rect::default(), 0)),
        };
        screen.search(ctx);
        screen
    }

    /// Runs the query against the index; keeps the selected visitor selected
    /// when they are still in the list (back from their card).
    fn search(&mut self, ctx: &mut Ctx<'_>) {
        let keep = self
            .results
            .get(self.selected)
            .filter(|_| self.selected > 0)
            .map(|e| e.number);
        self.has_index = ctx.index.is_some();
        self.why.clear();
        let Some(index) = ctx.index.as_deref() else {
            self.results.clear();
            return;
        };
        let typed = self.query.value().trim();
        if typed.is_empty() {
            self.results.clear();
            self.more = false;
            self.selected = 0;
            return;
        }
        let hits = index.query(typed, SHOWN + 1);
        self.more = hits.len() > SHOWN;
        let found: Vec<(Entry, bool)> = hits
            .iter()
            .take(SHOWN)
            .filter_map(|h| {
                index
                    .get(h.number)
                    .map(|e| (e.clone(), h.why == crate::search::MatchKind::Phone))
            })
            .collect();
        self.results = found.into_iter().map(|(e, _)| e).collect();
        self.why = hits.iter().take(SHOWN).map(|h| h.why).collect();
        self.selected = keep
            .and_then(|n| self.results.iter().position(|e| e.number == n))
            .unwrap_or(0);
    }

    fn open_selected(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let Some(number) = self.results.get(self.selected).map(|e| e.number) else {
            return Outcome::Stay;
        };
        match navigation::visitor_card(number, ctx) {
            Some(card) => Outcome::Push(card),
            None => Outcome::Stay,
        }
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        if !self.has_index {
            paragraph(frame, area, Msg::FindNoIndex.text(lang), view.theme.error);
            return;
        }
        if self.query.value().trim().is_empty() {
            return;
        }
        if self.results.is_empty() {
            text(
                frame,
                row(area, 0),
                Msg::FindNone.text(lang),
                view.theme.body,
            );
            return;
        }
        let count = if self.more {
            fill(Msg::FindMore, lang, &[("count", &SHOWN.to_string())])
        } else {
            fill(
                Msg::FindCount,
                lang,
                &[("count", &self.results.len().to_string())],
            )
        };
        text(frame, row(area, 0), &count, view.theme.body);
        // Number and year are narrow and fixed; the two spellings share the rest.
        let width = usize::from(area.width);
        // The column for why a row matched takes room only when a row has something to say.
        let why_w = if self
            .why
            .iter()
            .any(|w| matches!(w, MatchKind::Similar | MatchKind::Phone))
        {
            WHY_W + 1
        } else {
            0
        };
        let names_w = width.saturating_sub(2 + NUMBER_W + BORN_W + 2 + why_w);
        let name_w = names_w / 2;
        let latin_w = names_w - name_w;
        let header = format!(
            "  {}{} {} {}{}",
            pad(Msg::FindColNumber.text(lang), NUMBER_W),
            pad(Msg::FindColName.text(lang), name_w.saturating_sub(1)),
            pad(Msg::FindColLatin.text(lang), latin_w.saturating_sub(1)),
            pad(Msg::FindColBorn.text(lang), BORN_W),
            if why_w > 0 {
                format!(" {}", Msg::FindColWhy.text(lang))
            } else {
                String::new()
            }
        );
        text(
            frame,
            row(area, 1),
            &header,
            Style::new().add_modifier(Modifier::BOLD),
        );
        let list = rows(area, 2, area.height.saturating_sub(2));
        let height = usize::from(list.height);
        if height == 0 {
            return;
        }
        let (_, old_offset) = self.list_area.get();
        let mut offset = old_offset.min(self.selected);
        if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        self.list_area.set((list, offset));
        for (i, entry) in self.results.iter().enumerate().skip(offset).take(height) {
            let is_selected = i == self.selected;
            let marker = if is_selected { "▶ " } else { "  " };
            let born = entry.birth_year.map(|y| y.to_string()).unwrap_or_default();
            let why = match self.why.get(i) {
                Some(MatchKind::Similar) => Msg::FindWhySimilar.text(lang).to_owned(),
                Some(MatchKind::Phone) => fill(
                    Msg::FindWhyPhone,
                    lang,
                    &[("phone", &masked_phone(&entry.phone, self.query.value()))],
                ),
                _ => String::new(),
            };
            let line = format!(
                "{marker}{}{} {} {}{}",
                pad(&format_visitor_number(entry.number), NUMBER_W),
                pad(&entry.name, name_w.saturating_sub(1)),
                pad(&entry.name_latin, latin_w.saturating_sub(1)),
                pad(&born, BORN_W),
                if why_w > 0 {
                    format!(" {}", pad(&why, WHY_W))
                } else {
                    String::new()
                },
            );
            let style = if is_selected {
                view.theme.selected
            } else {
                view.theme.body
            };
            let at = row(list, (i - offset) as u16);
            frame.buffer_mut().set_style(at, style);
            text(frame, at, &line, style);
        }
    }
}

impl Screen for FindVisitor {
    fn title(&self, lang: Lang) -> String {
        Msg::FindTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![
            Action::Confirm,
            Action::Up,
            Action::Down,
            Action::ClearField,
            Action::Back,
            Action::Help,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ReadPersonal)) {
            return Outcome::Back;
        }
        let before = self.query.value().to_string();
        if self.query.handle(action) {
            if self.query.value() != before {
                // A changed query is a new question: its best answer is the one to open,
                // not whoever the shorter query had selected.
                self.selected = 0;
                self.search(ctx);
            }
            return Outcome::Stay;
        }
        let last = self.results.len().saturating_sub(1);
        let page = usize::from(self.list_area.get().0.height).max(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            // In a form the page keys turn pages (see the keymap); here
            // they page through the list.
            Action::PageUp | Action::PrevStep => self.selected = self.selected.saturating_sub(page),
            Action::PageDown | Action::NextStep => self.selected = (self.selected + page).min(last),
            Action::Confirm => return self.open_selected(ctx),
            Action::Click { col, row } => {
                let (list, offset) = self.list_area.get();
                if contains(list, *col, *row) {
                    let i = offset + usize::from(row - list.y);
                    if i < self.results.len() {
                        self.selected = i;
                        return self.open_selected(ctx);
                    }
                }
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    /// A card closed: the visitor may have been changed or erased.
    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.search(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let used = paragraph(
            frame,
            rows(area, 0, 2),
            Msg::FindIntro.text(lang),
            view.theme.body,
        );
        let field_row = rows(area, used + 1, 2);
        let place = labelled(frame, field_row, Msg::FindLabel.text(lang), 10, true);
        self.query.render(frame, place);
        let list_y = used + 3;
        self.render_list(
            frame,
            rows(area, list_y, area.height.saturating_sub(list_y)),
            view,
        );
    }
}
