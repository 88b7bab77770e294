//! The offerings (F7): what MiLA offers, with pillar, partner and when. The
//! coordinator adds, changes and archives them; staff who manage sessions
//! see the list. Tab switches to the sessions of a day.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, Login, Offering, OfferingId, RefId, RefList};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, row, text};
use crate::ui::sanitize::{fit, pad};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::offering_form::OfferingForm;
use crate::ui::screens::schedule_text::{describe, pillar};
use crate::ui::screens::sessions::Sessions;
use crate::ui::widgets::{Asked, Confirm, ask, contains};

/// Rows under the list that describe the selected offering.
const DETAIL_ROWS: u16 = 4;

/// The offering a question is about, and whether it would come back or go.
struct Pending {
    id: OfferingId,
    restore: bool,
}

pub struct Offerings {
    /// Active offerings first, archived ones after, each by id.
    rows: Vec<(OfferingId, Offering)>,
    tally_labels: Vec<(RefId, String)>,
    selected: usize,
    pending: Option<(Confirm, Pending)>,
    list_area: Cell<(Rect, usize)>,
}

/// The tab line shared with the sessions view.
pub fn render_tabs(frame: &mut Frame, area: Rect, view: &View<'_>, offerings: bool) {
    let lang = view.lang;
    let (left, right) = (Msg::OfferTitle.text(lang), Msg::SessionsTitle.text(lang));
    let (a, b) = if offerings {
        (format!("[ {left} ]"), format!("  {right}  "))
    } else {
        (format!("  {left}  "), format!("[ {right} ]"))
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    text(
        frame,
        row(area, 0),
        &format!("{a}{b}   {}", Msg::OfferTabSwitch.text(lang)),
        bold,
    );
}

impl Offerings {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Offerings {
            rows: Vec::new(),
            tally_labels: Vec::new(),
            selected: 0,
            pending: None,
            list_area: Cell::new((Rect::default(), 0)),
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let Some(desk) = ctx.desk else { return };
        let keep = self.selected_id();
        let known: Vec<OfferingId> = self.rows.iter().map(|(id, _)| *id).collect();
        match desk.offerings() {
            Ok(mut rows) => {
                rows.sort_by_key(|(id, o)| (o.archived, *id));
                self.rows = rows;
            }
            Err(e) => ctx.desk_error(&e),
        }
        match desk.reference(RefList::TallyCategories) {
            Ok(list) => self.tally_labels = list.into_iter().map(|(id, e)| (id, e.label)).collect(),
            Err(e) => ctx.desk_error(&e),
        }
        // Back from "new offering": the one just created is selected, so its sessions and
        // details are in view instead of somewhere below the fold.
        let added = self.rows.iter().position(|(id, _)| !known.contains(id));
        self.selected = added
            .or_else(|| keep.and_then(|id| self.rows.iter().position(|(i, _)| *i == id)))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
    }

    fn selected_id(&self) -> Option<OfferingId> {
        self.rows.get(self.selected).map(|(id, _)| *id)
    }

    fn may_edit(ctx: &mut Ctx<'_>) -> bool {
        let may = ctx
            .login
            .is_some_and(|l| l.may(Capability::ManageOfferings));
        if !may {
            ctx.error(Msg::NotForRole.text(ctx.lang));
        }
        may
    }

    fn ask_archive(&mut self, ctx: &mut Ctx<'_>) {
        let Some((id, o)) = self.rows.get(self.selected) else {
            return;
        };
        let lang = ctx.lang;
        let dialog = if o.archived {
            Confirm::new(
                lang,
                fill(Msg::OfferRestoreQuestion, lang, &[("name", &o.name)]),
            )
        } else {
            Confirm::destructive(
                lang,
                fill(Msg::OfferArchiveQuestion, lang, &[("name", &o.name)]),
            )
        };
        let about = Pending {
            id: *id,
            restore: o.archived,
        };
        self.pending = Some((dialog, about));
    }

    fn answer(&mut self, pending: Pending, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let lang = ctx.lang;
        let done = if pending.restore {
            desk.restore_offering(login, pending.id)
                .map(|()| Msg::OfferRestored)
        } else {
            desk.retire_offering(login, pending.id).map(|archived| {
                if archived {
                    Msg::OfferArchived
                } else {
                    Msg::OfferRemoved
                }
            })
        };
        match done {
            Ok(msg) => ctx.success(msg.text(lang)),
            Err(e) => ctx.desk_error(&e),
        }
        self.load(ctx);
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        if self.rows.is_empty() {
            text(
                frame,
                row(area, 0),
                &format!("  {}", Msg::OfferNone.text(lang)),
                view.theme.body,
            );
            return;
        }
        let width = usize::from(area.width);
        let wide = width >= 110;
        let pillar_w = if wide { 23 } else { 19 };
        let partner_w = if wide { 24 } else { 0 };
        let when_w = if wide { 38 } else { 31 };
        let name_w = width.saturating_sub(2 + pillar_w + partner_w + when_w);
        // Each column keeps one blank before the next, so cut names never touch.
        let cell = |text: &str, w: usize| format!("{} ", pad(text, w.saturating_sub(1)));
        let columns = |name: &str, p: &str, partner: &str, when: &str| {
            let mut line = format!("{}{}", cell(name, name_w), cell(p, pillar_w));
            if wide {
                line.push_str(&cell(partner, partner_w));
            }
            line.push_str(&fit(when, when_w));
            line
        };
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let header = columns(
            Msg::ColOffering.text(lang),
            Msg::OfferColPillar.text(lang),
            Msg::OfferColPartner.text(lang),
            Msg::OfferColWhen.text(lang),
        );
        text(frame, row(area, 0), &format!("  {header}"), bold);
        let visible = usize::from(area.height.saturating_sub(1));
        let offset = self.selected.saturating_sub(visible.saturating_sub(1));
        for (i, (_, o)) in self.rows.iter().enumerate().skip(offset).take(visible) {
            // An archived offering makes no sessions, so its "when" is moot.
            let when = if o.archived {
                Msg::OfferArchivedMark.text(lang).to_owned()
            } else {
                describe(&o.recurrence, lang)
            };
            let line = columns(&o.name, pillar(o.pillar, lang), &o.partner, &when);
            let marker = if i == self.selected { "▶ " } else { "  " };
            let style = if i == self.selected {
                view.theme.selected
            } else if o.archived {
                view.theme.body.add_modifier(Modifier::DIM)
            } else {
                view.theme.body
            };
            let y = 1 + u16::try_from(i - offset).unwrap_or(0);
            text(frame, row(area, y), &format!("{marker}{line}"), style);
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

    fn render_detail(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let Some((_, o)) = self.rows.get(self.selected) else {
            return;
        };
        let lang = view.lang;
        let categories: Vec<&str> = o
            .tally_categories
            .iter()
            .map(|id| {
                self.tally_labels
                    .iter()
                    .find(|(i, _)| i == id)
                    .map_or("?", |(_, l)| l.as_str())
            })
            .collect();
        let lines = [
            fill(Msg::OfferDetailPartner, lang, &[("partner", &o.partner)]),
            fill(Msg::OfferDetailRoom, lang, &[("room", &o.room)]),
            fill(
                Msg::OfferDetailWhen,
                lang,
                &[("when", &describe(&o.recurrence, lang))],
            ),
            fill(
                Msg::OfferDetailTally,
                lang,
                &[("categories", &categories.join(", "))],
            ),
        ];
        for (i, line) in lines.iter().enumerate() {
            let y = u16::try_from(i).unwrap_or(0);
            text(frame, row(area, y), &format!("  {line}"), view.theme.body);
        }
    }
}

impl Screen for Offerings {
    fn title(&self, lang: Lang) -> String {
        Msg::OfferTitle.text(lang).into()
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
        let mut hints = Vec::new();
        if login.is_some_and(|l| l.may(Capability::ManageOfferings)) {
            hints.extend([Action::NewItem, Action::EditItem, Action::ArchiveItem]);
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
            Asked::Yes(pending) => {
                self.answer(pending, ctx);
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            Action::NextField | Action::PrevField => {
                return Outcome::Replace(Box::new(Sessions::new(ctx, ctx.today)));
            }
            Action::NewItem => {
                if Self::may_edit(ctx) {
                    return Outcome::Push(Box::new(OfferingForm::new(ctx, None)));
                }
            }
            // Enter opens a row for editing; for those who may only look it does
            // nothing, rather than scold them for a reflex.
            Action::Confirm
                if !ctx
                    .login
                    .is_some_and(|l| l.may(Capability::ManageOfferings)) => {}
            Action::EditItem | Action::Confirm => {
                if let Some(row) = self.rows.get(self.selected).cloned()
                    && Self::may_edit(ctx)
                {
                    return Outcome::Push(Box::new(OfferingForm::new(ctx, Some(row))));
                }
            }
            Action::ArchiveItem => {
                if Self::may_edit(ctx) {
                    self.ask_archive(ctx);
                }
            }
            Action::Click { col, row } => {
                let (list, offset) = self.list_area.get();
                if contains(list, *col, *row) {
                    let i = offset + usize::from(row - list.y);
                    if i < self.rows.len() {
                        self.selected = i;
                    }
                }
            }
            Action::Tick => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.load(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let inner = inset(area, 1);
        render_tabs(frame, inner, view, true);
        let list_h = inner.height.saturating_sub(2 + DETAIL_ROWS + 1);
        self.render_list(
            frame,
            Rect {
                y: inner.y + 2,
                height: list_h,
                ..inner
            },
            view,
        );
        self.render_detail(
            frame,
            Rect {
                y: inner.y + 2 + list_h + 1,
                height: DETAIL_ROWS,
                ..inner
            }
            .intersection(inner),
            view,
        );
        if let Some((dialog, _)) = &self.pending {
            dialog.render(frame, area);
        }
    }
}
