//! Saving the intake: the duplicate check first, then one desk call (one durable commit),
//! the index updated at once, and the hand-off to a check-in where the intake was for one.

use crate::desk::{PersonalData, SessionId, VisitorNo, entry_of, format_visitor_no};
use crate::ui::catalog::{Msg, fill};
use crate::ui::screen::{Ctx, Outcome};

use super::{Intake, Phase, Purpose, draft, visitor_label};

impl Intake {
    pub(super) fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        if draft::consent_refused(&self.steps) && self.editing().is_none() {
            return self.refused(ctx);
        }
        let data = match draft::to_data(&self.steps, &self.refs, ctx.today, self.base()) {
            Ok(d) => d,
            Err(problems) => {
                draft::show_problems(&mut self.steps, &problems);
                // The earliest page first: staff go through the form front to back.
                if let Some(step) = problems
                    .iter()
                    .filter_map(|(id, _)| draft::step_of(&self.steps, *id))
                    .min()
                {
                    self.go_to(step);
                }
                ctx.error(Msg::IntakeFixProblems.text(ctx.lang));
                return Outcome::Stay;
            }
        };
        let complete = draft::is_complete(&data);
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        if let Some(no) = self.editing() {
            // A record once complete (a full intake, or imported from the old list) stays
            // off the list of short intakes when someone corrects a detail later.
            let was_complete = desk
                .visitor_meta(no)
                .is_ok_and(|m| m.status == crate::desk::VisitorStatus::Complete);
            return self.save_edit(no, &data, complete || was_complete, ctx);
        }
        if !self.duplicates_dismissed
            && let Some(index) = ctx.index.as_deref()
        {
            let hits: Vec<_> = index
                .duplicates(&data.name, &data.name_latin, data.birth_year())
                .into_iter()
                .map(|h| (h.number, visitor_label(Some(index), h.number)))
                .collect();
            if !hits.is_empty() {
                self.phase = Phase::Duplicates {
                    hits,
                    selected: 0,
                    by_year: data.birth_year().is_some(),
                };
                return Outcome::Stay;
            }
        }
        let (session, household_with) = match &self.purpose {
            Purpose::New {
                session,
                household_with,
            } => (*session, *household_with),
            Purpose::Edit { .. } => (None, None),
        };
        let household = self.household_pick.as_ref().map(|p| p.0).or(household_with);
        let no = match desk.register_visitor(login, &data, complete, household) {
            Ok(no) => no,
            Err(e) => {
                ctx.desk_error(&e);
                return Outcome::Stay;
            }
        };
        self.dirty = false;
        if let Some(index) = ctx.index.as_deref_mut() {
            index.upsert(entry_of(no, &data));
        }
        let number = format_visitor_no(no);
        if let Some(session) = session {
            let title = desk
                .session(session)
                .map(|s| s.title().to_string())
                .unwrap_or_default();
            match desk.check_in(login, session, no) {
                Ok(_) => ctx.success(fill(
                    Msg::IntakeSavedCheckedIn,
                    ctx.lang,
                    &[("number", &number), ("session", &title)],
                )),
                Err(e) => {
                    let why = crate::ui::errors::describe(&e, ctx.lang);
                    ctx.error(fill(
                        Msg::IntakeSavedNotCheckedIn,
                        ctx.lang,
                        &[("number", &number), ("detail", &why)],
                    ));
                }
            }
            // The number, large, as after F2: the visitor is standing there and needs it.
            self.phase = Phase::Done { no, complete };
            return Outcome::Stay;
        }
        ctx.success(fill(Msg::IntakeSaved, ctx.lang, &[("number", &number)]));
        self.phase = Phase::Done { no, complete };
        Outcome::Stay
    }

    fn save_edit(
        &mut self,
        no: VisitorNo,
        data: &PersonalData,
        complete: bool,
        ctx: &mut Ctx<'_>,
    ) -> Outcome {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        if let Err(e) = desk.update_visitor(login, no, data, complete) {
            ctx.desk_error(&e);
            return Outcome::Stay;
        }
        let had_household = matches!(
            self.purpose,
            Purpose::Edit {
                had_household: true,
                ..
            }
        );
        let linked = match &self.household_pick {
            Some((other, _)) => match desk.household(no) {
                Ok(members) if members.contains(other) => Ok(()),
                _ => desk.link_household(login, no, *other),
            },
            None if had_household => desk.leave_household(login, no),
            None => Ok(()),
        };
        // The data itself is saved by now, so the index learns it either way.
        if let Some(index) = ctx.index.as_deref_mut() {
            index.upsert(entry_of(no, data));
        }
        if let Err(e) = linked {
            // A success message would hide that the household was not saved;
            // staying lets Save try the link again.
            ctx.desk_error(&e);
            return Outcome::Stay;
        }
        self.dirty = false;
        ctx.success(fill(
            Msg::IntakeUpdated,
            ctx.lang,
            &[("number", &format_visitor_no(no))],
        ));
        Outcome::Back
    }
}

/// Checks a visitor found by the duplicate check in to the session the intake was for.
pub(super) fn check_in_existing(no: VisitorNo, session: SessionId, ctx: &mut Ctx<'_>) -> Outcome {
    let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
        return Outcome::Back;
    };
    let number = format_visitor_no(no);
    match desk.check_in(login, session, no) {
        Ok(_) => {
            let title = desk
                .session(session)
                .map(|s| s.title().to_string())
                .unwrap_or_default();
            ctx.success(fill(
                Msg::IntakeExistingCheckedIn,
                ctx.lang,
                &[("number", &number), ("session", &title)],
            ));
        }
        Err(e) => ctx.desk_error(&e),
    }
    Outcome::Back
}
