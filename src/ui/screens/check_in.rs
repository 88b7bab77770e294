//! Check-in to one session: a name fragment or visitor number, Enter, done.
//!
//! Staff with data access find people by name through the search index; volunteers have no
//! index and check in by number only, so no name can reach their screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{
    Capability, CheckInOutcome, DeskError, Login, SessionId, SessionView, VisitorNo, VisitorStatus,
    format_visitor_no,
};
use crate::search::{MatchKind, parse_visitor_number};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, labelled, paragraph, row, rows, text};
use crate::ui::navigation;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::household_dialog::{Choice, HouseholdDialog};
use crate::ui::screens::reopen_session::{self, Fed, ReopenQuestion};
use crate::ui::screens::session_header::{render_header, writable};
use crate::ui::widgets::{PickList, TextField};

/// Enough to pick from while typing; more means "type more".
const HITS: usize = 30;

pub struct CheckIn {
    session: SessionId,
    view: Option<SessionView>,
    field: TextField,
    /// Visitor numbers found for the typed text (staff only), in `list` order.
    hits: Vec<VisitorNo>,
    /// Those of `hits` that only resemble what was typed.
    similar: Vec<VisitorNo>,
    list: PickList,
    /// Who is checked in to the session, with what staff may see of them.
    checked: Vec<(VisitorNo, String)>,
    /// `checked` as a list to move through: Tab goes there, Ctrl+Z takes back its row.
    checked_list: PickList,
    on_checked: bool,
    /// Check-ins made here, newest last: what Undo takes back.
    undo: Vec<Vec<VisitorNo>>,
    household: Option<HouseholdDialog>,
    reopen: Option<ReopenQuestion>,
}

/// What the person at the desk may see of a visitor: name and number for
/// staff holding the index, the number alone for everyone else.
pub fn describe_visitor(no: VisitorNo, ctx: &Ctx<'_>) -> String {
    let number = format_visitor_no(no);
    let may_read = ctx.login.is_some_and(|l| l.may(Capability::ReadPersonal));
    match ctx
        .index
        .as_deref()
        .filter(|_| may_read)
        .and_then(|i| i.get(no))
    {
        Some(e) if !e.name_latin.is_empty() && e.name_latin != e.name => {
            format!("{number}  {} ({})", e.name, e.name_latin)
        }
        Some(e) => format!("{number}  {}", e.name),
        None => number,
    }
}

fn names_allowed(ctx: &Ctx<'_>) -> bool {
    ctx.index.is_some() && ctx.login.is_some_and(|l| l.may(Capability::ReadPersonal))
}

impl CheckIn {
    pub fn new(session: SessionId, ctx: &mut Ctx<'_>) -> Self {
        let lang = ctx.lang;
        let mut screen = Self {
            session,
            view: None,
            field: TextField::new(lang).with_max_len(60),
            hits: Vec::new(),
            similar: Vec::new(),
            list: PickList::single(Vec::new()).with_lang(lang),
            checked: Vec::new(),
            checked_list: PickList::single(Vec::new())
                .with_lang(lang)
                .unmarked_unfocused(),
            on_checked: false,
            undo: Vec::new(),
            household: None,
            reopen: None,
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let Some(desk) = ctx.desk else { return };
        match desk.session(self.session) {
            Ok(view) => self.view = Some(view),
            Err(e) => ctx.desk_error(&e),
        }
        match desk.checked_in(self.session) {
            Ok(numbers) => {
                self.checked = numbers
                    .into_iter()
                    .map(|no| (no, describe_visitor(no, ctx)))
                    .collect();
                // The newest check-ins matter most at the desk: the list opens at its end.
                let keep = self.checked_list.selected();
                self.checked_list
                    .set_items(self.checked.iter().map(|(_, who)| who.clone()).collect());
                let last = self.checked.len().saturating_sub(1);
                self.checked_list
                    .select(keep.filter(|_| self.on_checked).unwrap_or(last));
                self.checked_list.set_focused(self.on_checked);
                if self.checked.is_empty() {
                    self.on_checked = false;
                }
            }
            Err(e) => ctx.desk_error(&e),
        }
        self.search(ctx);
    }

    fn is_checked_in(&self, no: VisitorNo) -> bool {
        self.checked.iter().any(|(n, _)| *n == no)
    }

    /// Find-as-you-type, for staff; volunteers only ever see the number they typed.
    fn search(&mut self, ctx: &Ctx<'_>) {
        self.hits.clear();
        self.similar.clear();
        if names_allowed(ctx)
            && let Some(index) = ctx.index.as_deref()
            && !self.field.value().trim().is_empty()
        {
            let found = index.query(self.field.value(), HITS);
            self.similar = found
                .iter()
                .filter(|h| h.why == MatchKind::Similar)
                .map(|h| h.number)
                .collect();
            self.hits = found.into_iter().map(|h| h.number).collect();
        }
        let already = Msg::CheckInAlreadyMark.text(ctx.lang);
        let similar = Msg::FindWhySimilar.text(ctx.lang);
        let items = self
            .hits
            .iter()
            .map(|&no| {
                let mut who = describe_visitor(no, ctx);
                // Not what was typed, only alike: said, so nobody checks in the wrong person.
                if self.similar.contains(&no) {
                    who = format!("{who}  ({similar})");
                }
                if self.is_checked_in(no) {
                    format!("{who}  {already}")
                } else {
                    who
                }
            })
            .collect();
        self.list.set_items(items);
        self.list.select(0);
    }

    /// The visitor Enter means: the highlighted hit, else the typed number.
    fn target(&self) -> Option<VisitorNo> {
        self.list
            .selected()
            .and_then(|i| self.hits.get(i).copied())
            .or_else(|| parse_visitor_number(self.field.value()))
    }

    fn confirm(&mut self, ctx: &mut Ctx<'_>) {
        if self.field.value().trim().is_empty() {
            return;
        }
        let Some(no) = self.target() else {
            ctx.error(Msg::CheckInBadNumber.text(ctx.lang));
            return;
        };
        let Some(desk) = ctx.desk else { return };
        let members = match desk.household(no) {
            Ok(m) => m,
            Err(e) => {
                // The sentence names the number tried; a number left in the field would
                // run into the next one typed (M-0099, then M-0997).
                self.field.set_value("");
                self.search(ctx);
                return ctx.desk_error(&e);
            }
        };
        // Erased members cannot be checked in; offering them would only fail the whole step.
        let members: Vec<VisitorNo> = members
            .into_iter()
            .filter(|&m| {
                m == no
                    || desk
                        .visitor_meta(m)
                        .is_ok_and(|meta| meta.status != VisitorStatus::Erased)
            })
            .collect();
        if members.len() > 1 {
            let already = Msg::CheckInAlreadyMark.text(ctx.lang);
            let labelled = members
                .into_iter()
                .map(|m| {
                    let who = describe_visitor(m, ctx);
                    if self.is_checked_in(m) {
                        (m, format!("{who}  {already}"))
                    } else {
                        (m, who)
                    }
                })
                .collect();
            self.household = Some(HouseholdDialog::new(labelled));
            return;
        }
        self.check_in(&[no], ctx);
    }

    /// One durable commit for all of `numbers`; says what happened.
    fn check_in(&mut self, numbers: &[VisitorNo], ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.check_in_many(login, self.session, numbers) {
            Ok(outcomes) => {
                let new: Vec<VisitorNo> = numbers
                    .iter()
                    .zip(&outcomes)
                    .filter(|(_, o)| **o == CheckInOutcome::CheckedIn)
                    .map(|(n, _)| *n)
                    .collect();
                let already: Vec<VisitorNo> = numbers
                    .iter()
                    .zip(&outcomes)
                    .filter(|(_, o)| **o == CheckInOutcome::AlreadyCheckedIn)
                    .map(|(n, _)| *n)
                    .collect();
                let list = |nos: &[VisitorNo], ctx: &Ctx<'_>| {
                    nos.iter()
                        .map(|&n| describe_visitor(n, ctx))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let lang = ctx.lang;
                match new.len() {
                    0 => {
                        let who = list(&already, ctx);
                        ctx.info(fill(Msg::CheckInAlready, lang, &[("who", &who)]));
                    }
                    1 => {
                        let who = list(&new, ctx);
                        let mut said = fill(Msg::CheckInDone, lang, &[("who", &who)]);
                        // Sprachvermittlung: a visitor without German, who can mediate today.
                        if login.may(crate::desk::Capability::ReadPersonal)
                            && let Ok(today) = crate::ui::screens::mediation_today::today_short(
                                desk, login, new[0], lang,
                            )
                            && !today.is_empty()
                        {
                            said.push_str("  ");
                            said.push_str(&fill(
                                Msg::CheckInMediation,
                                lang,
                                &[("who", &today.join("; "))],
                            ));
                        }
                        ctx.success(said);
                    }
                    n => {
                        let who = list(&new, ctx);
                        ctx.success(fill(
                            Msg::CheckInDoneMany,
                            lang,
                            &[("count", &n.to_string()), ("who", &who)],
                        ));
                    }
                }
                if !new.is_empty() {
                    self.undo.push(new);
                }
                self.field.set_value("");
                self.load(ctx);
            }
            Err(e) => {
                // As in `confirm`: the sentence names the number, and a number left in
                // the field would run into the next one typed (10, then M-109999).
                if matches!(e, DeskError::NoSuchVisitor(_) | DeskError::Erased(_)) {
                    self.field.set_value("");
                    self.search(ctx);
                }
                ctx.desk_error(&e);
            }
        }
    }

    fn undo(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let Some(batch) = self.undo.pop() else {
            ctx.info(Msg::CheckInNothingToUndo.text(ctx.lang));
            return;
        };
        for (i, &no) in batch.iter().enumerate() {
            if let Err(e) = desk.undo_check_in(login, self.session, no) {
                // What was not taken back stays undoable.
                self.undo.push(batch[i..].to_vec());
                ctx.desk_error(&e);
                self.load(ctx);
                return;
            }
        }
        let who = batch
            .iter()
            .map(|&n| describe_visitor(n, ctx))
            .collect::<Vec<_>>()
            .join(", ");
        ctx.success(fill(Msg::CheckInUndone, ctx.lang, &[("who", &who)]));
        self.load(ctx);
    }

    /// Takes back the check-in of the highlighted row of the checked-in list, whichever it
    /// is (Ctrl+Z in the field takes back only the last).
    fn remove_highlighted(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let Some(&(no, _)) = self
            .checked_list
            .selected()
            .and_then(|i| self.checked.get(i))
        else {
            return;
        };
        match desk.undo_check_in(login, self.session, no) {
            Ok(_) => {
                for batch in &mut self.undo {
                    batch.retain(|&n| n != no);
                }
                self.undo.retain(|b| !b.is_empty());
                let who = describe_visitor(no, ctx);
                ctx.success(fill(Msg::CheckInUndone, ctx.lang, &[("who", &who)]));
            }
            Err(e) => ctx.desk_error(&e),
        }
        self.load(ctx);
    }

    fn set_on_checked(&mut self, on: bool) {
        self.on_checked = on && !self.checked.is_empty();
        self.checked_list.set_focused(self.on_checked);
        self.field.set_focused(!self.on_checked);
    }

    fn handle_checked(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        match action {
            Action::Undo => self.remove_highlighted(ctx),
            Action::NextField | Action::PrevField | Action::Back => self.set_on_checked(false),
            other if self.checked_list.handle(other) => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn handle_household(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if matches!(action, Action::Tick | Action::Resize { .. }) {
            return Outcome::Unhandled;
        }
        let Some(dialog) = &mut self.household else {
            return Outcome::Unhandled;
        };
        match dialog.handle(action) {
            None => {}
            Some(Choice::Nobody) => ctx.error(Msg::HouseholdNobody.text(ctx.lang)),
            Some(Choice::Cancel) => self.household = None,
            Some(Choice::CheckIn(chosen)) => {
                self.household = None;
                self.check_in(&chosen, ctx);
            }
        }
        Outcome::Stay
    }
}

impl Screen for CheckIn {
    fn title(&self, lang: Lang) -> String {
        Msg::CheckInTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.reopen.is_some() {
            Mode::Dialog
        } else if self.household.is_some() || self.on_checked {
            Mode::List
        } else {
            Mode::Form
        }
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        if self.reopen.is_some() {
            return vec![Action::Yes, Action::No];
        }
        if self.household.is_some() {
            return vec![Action::Confirm, Action::Toggle, Action::Back];
        }
        if self.on_checked {
            return vec![Action::Undo, Action::NextField, Action::Back, Action::Help];
        }
        if self.view.as_ref().is_some_and(|v| !writable(v, login)) {
            return vec![Action::Back, Action::Help];
        }
        let mut hints = vec![Action::Confirm];
        if login.is_some_and(|l| l.may(Capability::WritePersonal)) {
            hints.push(Action::NewItem);
        }
        hints.extend([
            Action::Undo,
            Action::CloseSession,
            Action::Back,
            Action::Help,
        ]);
        if reopen_session::offered(self.view.as_ref(), login) {
            hints.insert(hints.len() - 2, Action::ReopenSession);
        }
        hints
    }

    fn keep(&self) -> Option<crate::ui::kept::Kept> {
        Some(crate::ui::kept::Kept::CheckIn(self.session))
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
        if self.household.is_some() {
            return self.handle_household(action, ctx);
        }
        if self.on_checked && !matches!(action, Action::Tick | Action::Resize { .. }) {
            return self.handle_checked(action, ctx);
        }
        if matches!(action, Action::NextField | Action::PrevField) && !self.checked.is_empty() {
            self.set_on_checked(true);
            return Outcome::Stay;
        }
        let before = self.field.value().to_string();
        if self.field.handle(action) {
            if self.field.value() != before {
                self.search(ctx);
            }
            return Outcome::Stay;
        }
        if self.list.handle(action) {
            return Outcome::Stay;
        }
        match action {
            Action::Confirm => self.confirm(ctx),
            Action::Undo => self.undo(ctx),
            Action::NewItem if ctx.login.is_some_and(|l| l.may(Capability::WritePersonal)) => {
                if let Some(screen) =
                    navigation::intake_then_check_in_named(self.session, self.field.value(), ctx)
                {
                    return Outcome::Push(screen);
                }
            }
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
        let bold = Style::new().add_modifier(Modifier::BOLD);
        // A closing note and a warning take the header to four rows: the rest moves down one.
        let header = self
            .view
            .as_ref()
            .map_or(0, |s| render_header(frame, rows(body, 0, 4), s, view));
        let body = rows(body, header.saturating_sub(3), body.height);
        let by_name = view.login.is_some_and(|l| l.may(Capability::ReadPersonal));
        let (label, help) = if by_name {
            (Msg::CheckInField, Msg::CheckInHelp)
        } else {
            (Msg::CheckInFieldNumber, Msg::CheckInHelpNumber)
        };
        let place = labelled(frame, row(body, 4), label.text(lang), 20, !self.on_checked);
        self.field.render(
            frame,
            Rect {
                width: place.width.min(40),
                ..place
            },
        );
        let note = self
            .field
            .notice()
            .unwrap_or_else(|| help.text(lang).into());
        text(frame, row(body, 5), &format!("  {note}"), view.theme.body);

        let lists = rows(body, 7, body.height.saturating_sub(7));
        let half = lists.width / 2;
        let left = Rect {
            width: half.saturating_sub(1),
            ..lists
        };
        // Volunteers find nobody by name: their list of numbers gets the whole width.
        let right = if by_name {
            Rect {
                x: lists.x + half,
                width: lists.width - half,
                ..lists
            }
        } else {
            lists
        };
        if by_name {
            text(frame, row(left, 0), Msg::CheckInFound.text(lang), bold);
            if self.hits.is_empty() && !self.field.value().trim().is_empty() {
                let key = view
                    .keymap
                    .keys_for(Mode::Form, &Action::NewItem, lang)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                let none = fill(Msg::CheckInNoHits, lang, &[("key", &key)]);
                paragraph(frame, rows(left, 1, 3), &none, view.theme.body);
            } else {
                self.list
                    .render(frame, rows(left, 1, left.height.saturating_sub(1)));
            }
        }
        let count = fill(
            Msg::CheckInList,
            lang,
            &[("count", &self.checked.len().to_string())],
        );
        text(frame, row(right, 0), &count, bold);
        if self.checked.is_empty() {
            text(
                frame,
                row(right, 1),
                Msg::CheckInNobody.text(lang),
                view.theme.body,
            );
        }
        self.checked_list
            .render(frame, rows(right, 1, right.height.saturating_sub(1)));
        if let Some(dialog) = &self.household {
            dialog.render(frame, area, view);
        }
        if let Some(question) = &self.reopen {
            question.render(frame, area);
        }
    }
}
