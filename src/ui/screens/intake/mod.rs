//! The intake checklist (Erstaufnahme): a wizard of pages with a visible step list, the
//! duplicate check before saving, and the new visitor number shown large. The same form edits
//! a visitor (filled from the desk, saved with `update_visitor`).

mod draft;
mod fields;
mod kept;
mod pages;
pub mod pending;
mod refs;
mod render;
mod save;
mod summary;

use crate::desk::{Capability, Login, PersonalData, SessionId, VisitorNo, format_visitor_no};
use crate::search::SearchIndex;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::navigation;
use crate::ui::screen::{Ctx, Outcome, Screen, View};

use fields::{Field, FieldId};
pub use kept::IntakeDraft;
use pages::{STEPS, Step};
use refs::Refs;

/// Household search results shown at most.
const HOUSEHOLD_HITS: usize = 5;

/// What the form is for.
enum Purpose {
    /// A new visitor; `session`: check them in there once saved; `household_with`: a visitor
    /// registered just before, whose household they join.
    New {
        session: Option<SessionId>,
        household_with: Option<VisitorNo>,
    },
    /// Changing or completing a registered visitor.
    Edit {
        no: VisitorNo,
        base: Box<PersonalData>,
        /// In a household when the form opened: clearing the link takes them out.
        had_household: bool,
    },
}

enum Phase {
    Form,
    /// Visitors who look like the new one; the last row means "a new person".
    Duplicates {
        hits: Vec<(VisitorNo, String)>,
        selected: usize,
        /// A birth year was entered and compared; without one, the box must not claim
        /// "the same birth year".
        by_year: bool,
    },
    /// Saved: the number, large.
    Done {
        no: VisitorNo,
        complete: bool,
    },
}

pub struct Intake {
    purpose: Purpose,
    refs: Refs,
    steps: Vec<Vec<Field>>,
    step: usize,
    focus: usize,
    phase: Phase,
    household_hits: Vec<(VisitorNo, String)>,
    household_selected: usize,
    household_pick: Option<(VisitorNo, String)>,
    /// Staff said "new person" for this name and birth year already.
    duplicates_dismissed: bool,
    dirty: bool,
}

/// `M-0042  محمد الحسن / Mohammed Al-Hassan  (1990)`, from the in-memory index.
fn visitor_label(index: Option<&SearchIndex>, no: VisitorNo) -> String {
    let number = format_visitor_no(no);
    let Some(entry) = index.and_then(|i| i.get(no)) else {
        return number;
    };
    let names = match (entry.name.is_empty(), entry.name_latin.is_empty()) {
        (false, false) if entry.name != entry.name_latin => {
            format!("{} / {}", entry.name, entry.name_latin)
        }
        (true, _) => entry.name_latin.clone(),
        _ => entry.name.clone(),
    };
    match entry.birth_year {
        Some(y) => format!("{number}  {names}  ({y})"),
        None => format!("{number}  {names}"),
    }
}

fn may_write(ctx: &Ctx<'_>) -> bool {
    ctx.login.is_some_and(|l| l.may(Capability::WritePersonal))
}

impl Intake {
    fn open(purpose: Purpose, ctx: &mut Ctx<'_>) -> Option<Self> {
        if !may_write(ctx) {
            ctx.error(Msg::NotForRole.text(ctx.lang));
            return None;
        }
        let desk = ctx.desk?;
        let base = match &purpose {
            Purpose::Edit { base, .. } => Some(base.as_ref()),
            Purpose::New { .. } => None,
        };
        let refs = match Refs::load(desk, base) {
            Ok(r) => r,
            Err(e) => {
                ctx.desk_error(&e);
                return None;
            }
        };
        let mut steps = pages::build(&refs, ctx.lang);
        if let Some(base) = base {
            draft::fill_from(&mut steps, &refs, base);
        }
        let mut intake = Self {
            purpose,
            refs,
            steps,
            step: 0,
            focus: 0,
            phase: Phase::Form,
            household_hits: Vec::new(),
            household_selected: 0,
            household_pick: None,
            duplicates_dismissed: false,
            dirty: false,
        };
        intake.set_focus(0);
        Some(intake)
    }

    /// A new intake (F2).
    pub fn new(ctx: &mut Ctx<'_>) -> Option<Self> {
        Self::open(
            Purpose::New {
                session: None,
                household_with: None,
            },
            ctx,
        )
    }

    /// A new intake that checks the new visitor in to `session` once saved.
    pub fn then_check_in(session: SessionId, ctx: &mut Ctx<'_>) -> Option<Self> {
        Self::open(
            Purpose::New {
                session: Some(session),
                household_with: None,
            },
            ctx,
        )
    }

    /// Like [`Intake::then_check_in`], with the name already typed into the check-in search
    /// in the name field, so nobody types it twice. A number or phone (no letters) is no name.
    pub fn then_check_in_named(session: SessionId, typed: &str, ctx: &mut Ctx<'_>) -> Option<Self> {
        let mut intake = Self::then_check_in(session, ctx)?;
        let typed = typed.trim();
        if typed.chars().any(char::is_alphabetic)
            && crate::search::parse_visitor_number(typed).is_none()
        {
            draft::prefill_name(&mut intake.steps, typed);
        }
        Some(intake)
    }

    /// A new intake for a family member of `with`, who was registered just before.
    pub fn for_household(with: VisitorNo, ctx: &mut Ctx<'_>) -> Option<Self> {
        let mut intake = Self::open(
            Purpose::New {
                session: None,
                household_with: Some(with),
            },
            ctx,
        )?;
        intake.household_pick = Some((with, visitor_label(ctx.index.as_deref(), with)));
        Some(intake)
    }

    /// The form filled with `no`'s data. Opening it reads the record (audited as a view).
    pub fn edit(no: VisitorNo, ctx: &mut Ctx<'_>) -> Option<Self> {
        let (desk, login) = (ctx.desk?, ctx.login?);
        let card = match desk.visitor_card(login, no) {
            Ok(card) => card,
            Err(e) => {
                ctx.desk_error(&e);
                return None;
            }
        };
        let mut intake = Self::open(
            Purpose::Edit {
                no,
                base: Box::new(card.data.clone()),
                had_household: !card.household.is_empty(),
            },
            ctx,
        )?;
        if let Some(&other) = card.household.first() {
            intake.household_pick = Some((other, visitor_label(ctx.index.as_deref(), other)));
        }
        // Completing a short intake starts at the first question still open, not at
        // consent, which was given already.
        if card.meta.status == crate::desk::VisitorStatus::Incomplete
            && let Some((step, field)) = draft::first_unanswered(&intake.steps)
        {
            intake.step = step;
            intake.set_focus(field);
        }
        Some(intake)
    }

    fn editing(&self) -> Option<VisitorNo> {
        match &self.purpose {
            Purpose::Edit { no, .. } => Some(*no),
            Purpose::New { .. } => None,
        }
    }

    fn base(&self) -> Option<&PersonalData> {
        match &self.purpose {
            Purpose::Edit { base, .. } => Some(base),
            Purpose::New { .. } => None,
        }
    }

    fn current(&self) -> Step {
        STEPS[self.step]
    }

    fn fields(&self) -> &[Field] {
        &self.steps[self.step]
    }

    fn set_focus(&mut self, focus: usize) {
        self.focus = focus;
        for (i, f) in self.steps[self.step].iter_mut().enumerate() {
            f.set_focused(i == focus);
        }
    }

    fn go_to(&mut self, step: usize) {
        self.step = step.min(STEPS.len() - 1);
        self.set_focus(0);
    }

    fn focused_id(&self) -> Option<FieldId> {
        self.fields().get(self.focus).map(|f| f.id)
    }

    /// Checks the questions of the current page; true if it may be left forward.
    fn page_ok(&mut self, today: jiff::civil::Date) -> bool {
        let problems = match draft::to_data(&self.steps, &self.refs, today, self.base()) {
            Ok(_) => Vec::new(),
            Err(p) => p,
        };
        let here: Vec<_> = problems
            .into_iter()
            .filter(|(id, _)| self.fields().iter().any(|f| f.id == *id))
            .collect();
        draft::show_problems(&mut self.steps, &here);
        here.is_empty()
    }

    fn refused(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.dirty = false;
        ctx.info(Msg::IntakeRefused.text(ctx.lang));
        Outcome::Back
    }

    fn next_step(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        if self.current() == Step::Consent && draft::consent_refused(&self.steps) {
            return self.refused(ctx);
        }
        if self.page_ok(ctx.today) && self.step + 1 < STEPS.len() {
            self.go_to(self.step + 1);
        }
        Outcome::Stay
    }

    fn refresh_household(&mut self, ctx: &Ctx<'_>) {
        let query = draft::household_query(&self.steps).trim().to_string();
        let me = self.editing();
        self.household_hits = match (&ctx.index, query.is_empty()) {
            (Some(index), false) => index
                .query(&query, HOUSEHOLD_HITS + 1)
                .into_iter()
                .filter(|h| Some(h.number) != me)
                .take(HOUSEHOLD_HITS)
                .map(|h| (h.number, visitor_label(Some(index), h.number)))
                .collect(),
            _ => Vec::new(),
        };
        self.household_selected = 0;
    }

    fn handle_form(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        let on_household = self.focused_id() == Some(FieldId::HouseholdSearch);
        match action {
            Action::NextStep => return self.next_step(ctx),
            Action::PrevStep => {
                if self.step > 0 {
                    self.go_to(self.step - 1);
                }
                return Outcome::Stay;
            }
            Action::Save => return self.save(ctx),
            Action::Confirm if self.current() == Step::Confirm => return self.save(ctx),
            Action::NextField | Action::PrevField => {
                let n = self.fields().len().max(1);
                let next = if *action == Action::NextField {
                    (self.focus + 1) % n
                } else {
                    (self.focus + n - 1) % n
                };
                self.set_focus(next);
                return Outcome::Stay;
            }
            Action::Up
                if self.focus > 0
                    && self
                        .fields()
                        .get(self.focus)
                        .is_some_and(Field::list_at_top) =>
            {
                self.set_focus(self.focus - 1);
                return Outcome::Stay;
            }
            Action::Up if on_household => {
                self.household_selected = self.household_selected.saturating_sub(1);
                return Outcome::Stay;
            }
            Action::Down if on_household => {
                self.household_selected =
                    (self.household_selected + 1).min(self.household_hits.len().saturating_sub(1));
                return Outcome::Stay;
            }
            // Backspace in the empty search field undoes a link chosen by mistake.
            Action::DeleteBack
                if on_household
                    && self.household_pick.is_some()
                    && draft::household_query(&self.steps).is_empty() =>
            {
                self.household_pick = None;
                self.dirty = true;
                return Outcome::Stay;
            }
            Action::Confirm if on_household && !self.household_hits.is_empty() => {
                self.household_pick = self.household_hits.get(self.household_selected).cloned();
                self.dirty = true;
                return Outcome::Stay;
            }
            Action::Confirm => {
                let focus = self.focus;
                if self.steps[self.step]
                    .get_mut(focus)
                    .is_some_and(Field::choose_highlighted)
                {
                    self.dirty = true;
                    return Outcome::Stay;
                }
                if self.focus + 1 < self.fields().len() {
                    self.set_focus(self.focus + 1);
                    return Outcome::Stay;
                }
                return self.next_step(ctx);
            }
            _ => {}
        }
        let focus = self.focus;
        let Some(field) = self.steps[self.step].get_mut(focus) else {
            return Outcome::Unhandled;
        };
        let takes = field.takes(action)
            || matches!(
                action,
                Action::AnswerNotAsked
                    | Action::AnswerUnknown
                    | Action::AnswerDeclined
                    | Action::Click { .. }
            );
        if !takes {
            return Outcome::Unhandled;
        }
        let changed = field.handle(action);
        // A name pasted beyond its limit is cut: say so, as the search field does.
        if let Some(notice) = field.notice() {
            ctx.messages.error(notice, ctx.now);
        }
        if changed {
            self.dirty = true;
            if field.id == FieldId::HouseholdSearch {
                self.refresh_household(ctx);
            }
        }
        Outcome::Stay
    }

    fn handle_duplicates(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        let Phase::Duplicates { hits, selected, .. } = &mut self.phase else {
            return Outcome::Unhandled;
        };
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(hits.len()),
            Action::Back => self.phase = Phase::Form,
            Action::Confirm => {
                if let Some(&(no, _)) = hits.get(*selected) {
                    // The same person: nothing is created; their record opens instead, or
                    // they are checked in where the intake was started for a check-in.
                    self.dirty = false;
                    if let Purpose::New {
                        session: Some(session),
                        ..
                    } = self.purpose
                    {
                        return save::check_in_existing(no, session, ctx);
                    }
                    if let Some(card) = navigation::visitor_card(no, ctx) {
                        return Outcome::Replace(card);
                    }
                    ctx.info(fill(
                        Msg::IntakeSamePerson,
                        ctx.lang,
                        &[("number", &format_visitor_no(no))],
                    ));
                    return Outcome::Back;
                }
                self.duplicates_dismissed = true;
                self.phase = Phase::Form;
                return self.save(ctx);
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn handle_done(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        let Phase::Done { no, .. } = self.phase else {
            return Outcome::Unhandled;
        };
        match action {
            Action::Confirm if draft::register_next(&self.steps) => {
                match Self::for_household(no, ctx) {
                    Some(next) => Outcome::Replace(Box::new(next)),
                    None => Outcome::Back,
                }
            }
            Action::Confirm | Action::Back => Outcome::Back,
            _ => Outcome::Unhandled,
        }
    }
}

impl Screen for Intake {
    fn title(&self, lang: Lang) -> String {
        match self.editing() {
            Some(no) => fill(
                Msg::IntakeEditTitle,
                lang,
                &[("number", &format_visitor_no(no))],
            ),
            None => Msg::IntakeTitle.text(lang).into(),
        }
    }

    fn mode(&self) -> Mode {
        match self.phase {
            Phase::Form => Mode::Form,
            Phase::Duplicates { .. } | Phase::Done { .. } => Mode::List,
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        match self.phase {
            Phase::Form => vec![
                Action::Save,
                Action::NextStep,
                Action::PrevStep,
                Action::NextField,
                Action::AnswerNotAsked,
                Action::AnswerUnknown,
                Action::AnswerDeclined,
                Action::Back,
                Action::Help,
            ],
            Phase::Duplicates { .. } => {
                vec![Action::Confirm, Action::Up, Action::Down, Action::Back]
            }
            Phase::Done { .. } => vec![Action::Confirm, Action::Help],
        }
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !may_write(ctx) {
            return Outcome::Back;
        }
        if matches!(action, Action::Tick | Action::Resize { .. }) {
            return Outcome::Unhandled;
        }
        match self.phase {
            Phase::Form => self.handle_form(action, ctx),
            Phase::Duplicates { .. } => self.handle_duplicates(action, ctx),
            Phase::Done { .. } => self.handle_done(action, ctx),
        }
    }

    fn render(&self, frame: &mut ratatui::Frame, area: ratatui::layout::Rect, view: &View<'_>) {
        render::render(self, frame, area, view);
    }

    fn is_dirty(&self) -> bool {
        self.dirty && !matches!(self.phase, Phase::Done { .. })
    }

    fn keep(&self) -> Option<crate::ui::kept::Kept> {
        self.to_draft()
            .map(|d| crate::ui::kept::Kept::Intake(Box::new(d)))
    }
}
