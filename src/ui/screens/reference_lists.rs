//! The coordinator edits the reference lists the intake offers: housing
//! units, languages, need categories, nationalities. Adding and renaming
//! happen in a field under the list; removing deletes an unused entry and
//! archives one that records still use (the desk decides which).

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::desk::{
    Capability, Login, MAX_LABEL_CHARS, RefEntry, RefId, RefList, RefRemoval, same_label,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, labelled, paragraph, row, rows, text};
use crate::ui::sanitize::{display_width, fit};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::widgets::{Asked, Confirm, PickList, TextField, ask, contains};

const LISTS: [RefList; 5] = [
    RefList::Housing,
    RefList::Languages,
    RefList::Needs,
    RefList::Nationalities,
    RefList::TallyCategories,
];

/// The list's name as staff read it (also in the audit log).
pub fn list_name(list: RefList) -> Msg {
    match list {
        RefList::Housing => Msg::RefHousing,
        RefList::Languages => Msg::RefLanguages,
        RefList::Needs => Msg::RefNeeds,
        RefList::Nationalities => Msg::RefNationalities,
        RefList::TallyCategories => Msg::RefTallyCategories,
    }
}

/// Adding (`id` None) or renaming one entry.
struct Edit {
    id: Option<RefId>,
    field: TextField,
    problem: Option<Msg>,
}

pub struct ReferenceLists {
    tab: usize,
    entries: Vec<(RefId, RefEntry)>,
    list: PickList,
    edit: Option<Edit>,
    /// The removal asked about, and the question.
    confirm: Option<(Confirm, RefId)>,
    /// A confirmed removal, run after a "please wait" frame: finding out
    /// whether an entry is in use opens every visitor's record.
    removing: Option<RefId>,
    lang: Lang,
    tabs: Cell<[Rect; LISTS.len()]>,
}

impl ReferenceLists {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Self {
            tab: 0,
            entries: Vec::new(),
            list: PickList::single(Vec::new()).with_lang(ctx.lang),
            edit: None,
            confirm: None,
            removing: None,
            lang: ctx.lang,
            tabs: Cell::new([Rect::default(); LISTS.len()]),
        };
        screen.load(ctx);
        screen
    }

    fn current(&self) -> RefList {
        LISTS[self.tab % LISTS.len()]
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let Some(desk) = ctx.desk else { return };
        match desk.reference(self.current()) {
            Ok(entries) => self.entries = entries,
            Err(e) => {
                self.entries.clear();
                ctx.desk_error(&e);
            }
        }
        let lang = ctx.lang;
        let items = self
            .entries
            .iter()
            .map(|(_, e)| {
                let mut line = e.label.clone();
                let shared = Msg::RefShared.text(lang);
                // The seed's shared units already say so in their name.
                if e.shared && !line.to_lowercase().contains(&shared.to_lowercase()) {
                    line = format!("{line} · {shared}");
                }
                if e.archived {
                    line = format!("{line} {}", Msg::RefArchived.text(lang));
                }
                line
            })
            .collect();
        self.list.set_items(items);
    }

    fn selected(&self) -> Option<&(RefId, RefEntry)> {
        self.list.selected().and_then(|i| self.entries.get(i))
    }

    fn start_edit(&mut self, rename: bool) {
        let (id, value) = match (rename, self.selected()) {
            (true, Some((id, e))) => (Some(*id), e.label.clone()),
            (true, None) => return,
            (false, _) => (None, String::new()),
        };
        let mut field = TextField::new(self.lang)
            .with_max_len(MAX_LABEL_CHARS)
            .with_value(value);
        field.set_focused(true);
        self.list.set_focused(false);
        self.edit = Some(Edit {
            id,
            field,
            problem: None,
        });
    }

    fn cancel_edit(&mut self) {
        self.edit = None;
        self.list.set_focused(true);
    }

    /// Checks next to the field what the desk would refuse, then saves.
    fn save(&mut self, ctx: &mut Ctx<'_>) {
        let list = self.current();
        let Some(edit) = &mut self.edit else { return };
        let label = edit.field.value().trim().to_string();
        let duplicate = self
            .entries
            .iter()
            .any(|(id, e)| Some(*id) != edit.id && same_label(&e.label, &label));
        edit.problem = if label.is_empty() {
            Some(Msg::RefLabelEmpty)
        } else if duplicate {
            Some(Msg::RefLabelDuplicate)
        } else {
            None
        };
        if edit.problem.is_some() {
            return;
        }
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let shared = edit
            .id
            .and_then(|id| self.entries.iter().find(|(i, _)| *i == id))
            .is_some_and(|(_, e)| e.shared);
        match desk.save_reference(login, list, edit.id, &label, shared) {
            Ok(id) => {
                ctx.success(fill(Msg::RefSaved, ctx.lang, &[("label", &label)]));
                self.cancel_edit();
                self.load(ctx);
                if let Some(i) = self.entries.iter().position(|(e, _)| *e == id) {
                    self.list.select(i);
                }
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    /// Archived entries come back at once; others are removed after asking.
    fn remove_or_restore(&mut self, ctx: &mut Ctx<'_>) {
        let Some((id, entry)) = self.selected().cloned() else {
            return;
        };
        if entry.archived {
            let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
                return;
            };
            match desk.set_reference_archived(login, self.current(), id, false) {
                Ok(()) => {
                    ctx.success(fill(Msg::RefRestored, ctx.lang, &[("label", &entry.label)]));
                    self.load(ctx);
                }
                Err(e) => ctx.desk_error(&e),
            }
            return;
        }
        let question = fill(Msg::RefRemoveQuestion, ctx.lang, &[("label", &entry.label)]);
        self.confirm = Some((Confirm::destructive(ctx.lang, question), id));
    }

    fn remove(&mut self, id: RefId, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let label = self
            .entries
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, e)| e.label.clone())
            .unwrap_or_default();
        match desk.remove_reference(login, self.current(), id) {
            Ok(RefRemoval::Deleted) => {
                ctx.success(fill(Msg::RefDeleted, ctx.lang, &[("label", &label)]))
            }
            Ok(RefRemoval::Archived) => {
                ctx.info(fill(Msg::RefArchivedNow, ctx.lang, &[("label", &label)]))
            }
            Err(e) => ctx.desk_error(&e),
        }
        self.load(ctx);
    }

    /// Housing only: marks a unit as shared accommodation or not.
    fn toggle_shared(&mut self, ctx: &mut Ctx<'_>) {
        if self.current() != RefList::Housing {
            return;
        }
        let Some((id, entry)) = self.selected().cloned() else {
            return;
        };
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.save_reference(
            login,
            RefList::Housing,
            Some(id),
            &entry.label,
            !entry.shared,
        ) {
            Ok(_) => {
                ctx.success(fill(Msg::RefSaved, ctx.lang, &[("label", &entry.label)]));
                self.load(ctx);
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn switch(&mut self, forward: bool, ctx: &mut Ctx<'_>) {
        self.tab = if forward {
            (self.tab + 1) % LISTS.len()
        } else {
            (self.tab + LISTS.len() - 1) % LISTS.len()
        };
        self.list.select(0);
        self.load(ctx);
    }

    fn handle_edit(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if let Some(edit) = &mut self.edit
            && edit.field.handle(action)
        {
            edit.problem = None;
            return Outcome::Stay;
        }
        match action {
            Action::Confirm | Action::Save => self.save(ctx),
            Action::Back => self.cancel_edit(),
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn render_tabs(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let mut hit = [Rect::default(); LISTS.len()];
        let mut x = area.x;
        for (i, list) in LISTS.iter().enumerate() {
            // Brackets show the chosen list without colour too.
            let name = if i == self.tab {
                format!("[{}]", list_name(*list).text(view.lang))
            } else {
                format!(" {} ", list_name(*list).text(view.lang))
            };
            let width = u16::try_from(display_width(&name)).unwrap_or(u16::MAX);
            let width = width.min((area.x + area.width).saturating_sub(x));
            let cell = Rect {
                x,
                width,
                ..row(area, 0)
            };
            let style = if i == self.tab {
                view.theme.selected.add_modifier(Modifier::BOLD)
            } else {
                view.theme.body
            };
            text(frame, cell, &name, style);
            hit[i] = cell;
            x = x.saturating_add(width + 1);
        }
        self.tabs.set(hit);
    }
}

impl Screen for ReferenceLists {
    fn title(&self, lang: Lang) -> String {
        Msg::RefTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Dialog
        } else if self.edit.is_some() {
            Mode::Form
        } else {
            Mode::List
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        if self.confirm.is_some() {
            vec![Action::Yes, Action::No]
        } else if self.edit.is_some() {
            vec![Action::Confirm, Action::Back]
        } else {
            let mut hints = vec![Action::NewItem, Action::EditItem, Action::ArchiveItem];
            if self.current() == RefList::Housing {
                hints.push(Action::Toggle);
            }
            hints.extend([Action::Back, Action::Help]);
            hints
        }
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx
            .login
            .is_some_and(|l| l.may(Capability::ManageReference))
        {
            return Outcome::Back;
        }
        self.lang = ctx.lang;
        if self.removing.is_some() {
            return Outcome::Stay;
        }
        match ask(&mut self.confirm, action) {
            Asked::Yes(id) => {
                self.removing = Some(id);
                ctx.info(Msg::RefChecking.text(ctx.lang));
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        if self.edit.is_some() {
            return self.handle_edit(action, ctx);
        }
        match action {
            Action::Left | Action::PrevField => self.switch(false, ctx),
            Action::Right | Action::NextField => self.switch(true, ctx),
            Action::NewItem => self.start_edit(false),
            Action::EditItem | Action::Confirm => self.start_edit(true),
            Action::ArchiveItem | Action::Erase => self.remove_or_restore(ctx),
            Action::Toggle => self.toggle_shared(ctx),
            Action::Click { col, row } => {
                if let Some(i) = self
                    .tabs
                    .get()
                    .iter()
                    .position(|r| contains(*r, *col, *row))
                {
                    self.tab = i;
                    self.list.select(0);
                    self.load(ctx);
                } else if !self.list.handle(action) {
                    return Outcome::Unhandled;
                }
            }
            other if self.list.handle(other) => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.removing.is_some()
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        if let Some(id) = self.removing.take() {
            ctx.messages.clear();
            self.remove(id, ctx);
        }
        Outcome::Stay
    }

    fn is_dirty(&self) -> bool {
        self.edit.as_ref().is_some_and(|e| !e.field.is_empty())
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        self.render_tabs(frame, row(area, 0), view);
        let used = paragraph(
            frame,
            rows(area, 1, 3),
            Msg::RefIntro.text(lang),
            view.theme.body,
        );
        let top = 2 + used;
        // The edit field and its message take the last three rows.
        let list_h = area.height.saturating_sub(top + 3);
        if self.entries.is_empty() {
            text(
                frame,
                row(area, top),
                Msg::RefEmpty.text(lang),
                view.theme.body,
            );
        } else {
            self.list.render(frame, rows(area, top, list_h));
        }
        if let Some(edit) = &self.edit {
            let label = if edit.id.is_some() {
                Msg::RefRenameLabel
            } else {
                Msg::RefNewLabel
            };
            let y = top + list_h;
            let label_w = 20;
            let place = labelled(frame, row(area, y), label.text(lang), label_w, true);
            edit.field.render(
                frame,
                Rect {
                    width: place.width.min(50),
                    ..place
                },
            );
            let below = Rect {
                x: area.x + label_w,
                width: area.width.saturating_sub(label_w),
                ..row(area, y + 1)
            };
            if let Some(problem) = edit.problem {
                text(frame, below, problem.text(lang), view.theme.error);
            } else if let Some(notice) = edit.field.notice() {
                text(frame, below, &notice, view.theme.error);
            } else {
                text(
                    frame,
                    below,
                    &fit(Msg::RefEditHint.text(lang), usize::from(below.width)),
                    view.theme.body,
                );
            }
        }
        if let Some((confirm, _)) = &self.confirm {
            confirm.render(frame, area);
        }
    }
}
