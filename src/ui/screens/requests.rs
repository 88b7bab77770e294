//! The open mediation requests, by date (Alt+M): Enter shows who speaks the
//! language and is there at that time, best first, and assigns the one
//! chosen; Alt+E marks a request done, Alt+X not met with a reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{
    AssignOutcome, Capability, Login, MAX_REQUEST_TEXT, Mediator, RequestEnd, RequestId,
    RequestStatus, RequestView, format_visitor_no,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date};
use crate::ui::layout::{inset, labelled, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::mediation_today::mediator_text;
use crate::ui::widgets::{PickList, TextField};

enum Step {
    List,
    /// Choosing whom to assign to this request.
    Assign(RequestId, Vec<Mediator>, PickList),
    /// Typing why this request was not met.
    NotMet(RequestId, TextField),
}

pub struct Requests {
    views: Vec<RequestView>,
    list: PickList,
    step: Step,
}

fn line(v: &RequestView, lang: Lang) -> String {
    let who = v.record.visitor.map_or_else(
        || Msg::RequestErasedVisitor.text(lang).to_string(),
        format_visitor_no,
    );
    let purpose = v.details.as_ref().map_or("", |d| d.purpose.as_str());
    let state = match (&v.interpreter, v.record.status) {
        (Some(name), RequestStatus::Assigned) => {
            fill(Msg::RequestAssignedTo, lang, &[("name", name)])
        }
        _ => Msg::RequestStatusOpen.text(lang).to_string(),
    };
    format!(
        "{} {}  {who}  {}  {state}  – {purpose}",
        format_date(v.record.date, lang),
        v.record.time.strftime("%H:%M"),
        v.language,
    )
}

impl Requests {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Self {
            views: Vec::new(),
            list: PickList::single(Vec::new()),
            step: Step::List,
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.requests(login, true) {
            Ok(views) => {
                let lines = views.iter().map(|v| line(v, ctx.lang)).collect();
                self.views = views;
                self.list.set_items(lines);
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn selected(&self) -> Option<&RequestView> {
        self.list.selected().and_then(|i| self.views.get(i))
    }

    fn start_assign(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let Some(view) = self.selected() else {
            return;
        };
        let (id, language) = (view.id, view.language.clone());
        match desk.request_suggestions(login, id) {
            Ok(found) if found.is_empty() => {
                ctx.error(fill(
                    Msg::RequestNoSuggestions,
                    ctx.lang,
                    &[("language", &language)],
                ));
            }
            Ok(found) => {
                let lines = found.iter().map(|m| mediator_text(m, ctx.lang)).collect();
                self.step = Step::Assign(id, found, PickList::single(lines));
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn assign(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let Step::Assign(id, found, list) = &self.step else {
            return;
        };
        let Some(m) = list.selected().and_then(|i| found.get(i)) else {
            return;
        };
        let (id, member, name) = (*id, m.id, m.name.clone());
        // The suggestions all speak the language; a refusal would mean the
        // pool changed meanwhile, and is shown, not overridden.
        match desk.assign_request(login, id, member, false) {
            Ok(AssignOutcome::Assigned) => {
                ctx.success(fill(
                    Msg::RequestAssigned,
                    ctx.lang,
                    &[("id", &id.to_string()), ("name", &name)],
                ));
                self.step = Step::List;
                self.load(ctx);
            }
            Ok(AssignOutcome::DoesNotSpeak { language, .. }) => {
                ctx.error(fill(
                    Msg::RequestNoSuggestions,
                    ctx.lang,
                    &[("language", &language)],
                ));
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn close(&mut self, id: RequestId, end: &RequestEnd, ctx: &mut Ctx<'_>) -> bool {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return false;
        };
        match desk.close_request(login, id, end) {
            Ok(()) => {
                let msg = match end {
                    RequestEnd::Done => Msg::RequestMarkedDone,
                    RequestEnd::NotMet { .. } => Msg::RequestMarkedNotMet,
                };
                ctx.success(fill(msg, ctx.lang, &[("id", &id.to_string())]));
                self.load(ctx);
                true
            }
            Err(e) => {
                ctx.desk_error(&e);
                false
            }
        }
    }

    fn handle_list(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        match action {
            Action::Confirm => self.start_assign(ctx),
            Action::MarkDone => {
                if let Some(id) = self.selected().map(|v| v.id) {
                    self.close(id, &RequestEnd::Done, ctx);
                }
            }
            Action::MarkNotMet => {
                if let Some(id) = self.selected().map(|v| v.id) {
                    let mut field = TextField::new(ctx.lang).with_max_len(MAX_REQUEST_TEXT);
                    field.set_focused(true);
                    self.step = Step::NotMet(id, field);
                }
            }
            Action::Click { col, row } if self.list.click(*col, *row).is_some() => {
                self.start_assign(ctx);
            }
            other if self.list.handle(other) => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }
}

impl Screen for Requests {
    fn title(&self, lang: Lang) -> String {
        Msg::RequestsTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        match self.step {
            Step::NotMet(..) => Mode::Form,
            _ => Mode::List,
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        match self.step {
            Step::List => vec![
                Action::Confirm,
                Action::MarkDone,
                Action::MarkNotMet,
                Action::Back,
                Action::Help,
            ],
            Step::Assign(..) | Step::NotMet(..) => {
                vec![Action::Confirm, Action::Back, Action::Help]
            }
        }
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ReadPersonal)) {
            return Outcome::Back;
        }
        match &mut self.step {
            Step::List => self.handle_list(action, ctx),
            Step::Assign(_, _, list) => match action {
                Action::Confirm => {
                    self.assign(ctx);
                    Outcome::Stay
                }
                Action::Back => {
                    self.step = Step::List;
                    Outcome::Stay
                }
                other if list.handle(other) => Outcome::Stay,
                _ => Outcome::Unhandled,
            },
            Step::NotMet(id, field) => {
                if field.handle(action) {
                    return Outcome::Stay;
                }
                let id = *id;
                match action {
                    Action::Confirm | Action::Save => {
                        let reason = field.value().trim().to_string();
                        if reason.is_empty() {
                            ctx.error(Msg::RequestNeedsReason.text(ctx.lang));
                        } else if self.close(id, &RequestEnd::NotMet { reason }, ctx) {
                            self.step = Step::List;
                        }
                        Outcome::Stay
                    }
                    Action::Back => {
                        self.step = Step::List;
                        Outcome::Stay
                    }
                    _ => Outcome::Unhandled,
                }
            }
        }
    }

    fn is_dirty(&self) -> bool {
        matches!(&self.step, Step::NotMet(_, f) if !f.is_empty())
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.load(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let body = inset(area, 1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        if self.views.is_empty() {
            text(
                frame,
                row(body, 1),
                Msg::RequestsNone.text(lang),
                view.theme.body,
            );
            return;
        }
        text(
            frame,
            row(body, 0),
            Msg::RequestsIntro.text(lang),
            view.theme.body,
        );
        let list_h = body.height.saturating_sub(2);
        match &self.step {
            Step::List => self.list.render(frame, rows(body, 2, list_h)),
            Step::Assign(_, _, list) => {
                let shown = self.selected().map(|v| line(v, lang)).unwrap_or_default();
                text(frame, row(body, 2), &shown, bold);
                text(
                    frame,
                    row(body, 4),
                    Msg::RequestChooseMediator.text(lang),
                    view.theme.body,
                );
                list.render(frame, rows(body, 5, body.height.saturating_sub(5)));
            }
            Step::NotMet(_, field) => {
                let shown = self.selected().map(|v| line(v, lang)).unwrap_or_default();
                text(frame, row(body, 2), &shown, bold);
                paragraph(
                    frame,
                    rows(body, 4, 2),
                    Msg::RequestNotMetIntro.text(lang),
                    view.theme.body,
                );
                let place = labelled(
                    frame,
                    row(body, 6),
                    Msg::RequestFieldReason.text(lang),
                    12,
                    true,
                );
                field.render(frame, place);
            }
        }
    }
}
