//! Adding a single session to a day: an info event, a visiting authority.
//! Title, time and the offering it belongs to (an "as needed" offering such
//! as the info events is chosen unless staff pick another).

use std::cell::RefCell;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{Capability, Login, OfferingId, Recurrence};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date_long};
use crate::ui::layout::{button, choice, inset, labelled, row, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::schedule_text::parse_time;
use crate::ui::theme::glyph;
use crate::ui::widgets::{TextField, contains, next_in, wrap_step};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Title,
    Offering,
    Start,
    End,
    Save,
}

const ORDER: [Focus; 5] = [
    Focus::Title,
    Focus::Offering,
    Focus::Start,
    Focus::End,
    Focus::Save,
];

pub struct SessionForm {
    day: Date,
    focus: Focus,
    title: TextField,
    offerings: Vec<(OfferingId, String)>,
    offering: usize,
    start: TextField,
    end: TextField,
    problems: Vec<(Focus, Msg)>,
    initial: (String, usize, String, String),
    /// Where each field was drawn, for mouse clicks.
    hits: RefCell<Vec<(Focus, Rect)>>,
}

impl SessionForm {
    pub fn new(ctx: &mut Ctx<'_>, day: Date) -> Self {
        let lang = ctx.lang;
        let mut offerings = Vec::new();
        let mut preferred = None;
        if let Some(desk) = ctx.desk {
            match desk.offerings() {
                Ok(all) => {
                    for (id, o) in all.into_iter().filter(|(_, o)| !o.archived) {
                        if preferred.is_none() && o.recurrence == Recurrence::AdHoc {
                            preferred = Some(offerings.len());
                        }
                        offerings.push((id, o.name));
                    }
                }
                Err(e) => ctx.desk_error(&e),
            }
        }
        let mut form = SessionForm {
            day,
            focus: Focus::Title,
            title: TextField::new(lang).with_max_len(crate::desk::MAX_OFFERING_TEXT),
            offerings,
            offering: preferred.unwrap_or(0),
            start: TextField::new(lang).with_max_len(5),
            end: TextField::new(lang).with_max_len(5),
            problems: Vec::new(),
            initial: Default::default(),
            hits: RefCell::new(Vec::new()),
        };
        form.set_focus(Focus::Title);
        form.initial = form.fingerprint();
        form
    }

    fn fingerprint(&self) -> (String, usize, String, String) {
        (
            self.title.value().to_string(),
            self.offering,
            self.start.value().to_string(),
            self.end.value().to_string(),
        )
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.title.set_focused(focus == Focus::Title);
        self.start.set_focused(focus == Focus::Start);
        self.end.set_focused(focus == Focus::End);
    }

    fn step(&mut self, forward: bool) {
        let next = next_in(&ORDER, self.focus, forward);
        self.set_focus(next);
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::Title => Some(&mut self.title),
            Focus::Start => Some(&mut self.start),
            Focus::End => Some(&mut self.end),
            Focus::Offering | Focus::Save => None,
        }
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.problems.clear();
        let start = parse_time(self.start.value());
        let end = parse_time(self.end.value());
        if start.is_none() {
            self.problems.push((Focus::Start, Msg::ProblemTime));
        }
        if end.is_none() {
            self.problems.push((Focus::End, Msg::ProblemTime));
        }
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            self.problems.push((Focus::End, Msg::ProblemEndBeforeStart));
        }
        let offering = self.offerings.get(self.offering).map(|(id, _)| *id);
        if offering.is_none() {
            self.problems
                .push((Focus::Offering, Msg::ProblemNoOffering));
        }
        let (Some(start), Some(end), Some(offering), true) =
            (start, end, offering, self.problems.is_empty())
        else {
            if let Some((focus, _)) = self.problems.first() {
                self.set_focus(*focus);
            }
            ctx.error(Msg::FormCheckFields.text(ctx.lang));
            return Outcome::Stay;
        };
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        match desk.add_session(login, offering, self.day, start, end, self.title.value()) {
            Ok(_) => {
                ctx.success(Msg::SessionAdded.text(ctx.lang));
                Outcome::Back
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }
}

impl Screen for SessionForm {
    fn title(&self, lang: Lang) -> String {
        Msg::SessionAddTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Save, Action::NextField, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ManageSessions)) {
            return Outcome::Back;
        }
        if let Some(field) = self.field()
            && field.handle(action)
        {
            return Outcome::Stay;
        }
        let n = self.offerings.len();
        match action {
            Action::Right if self.focus == Focus::Offering => {
                self.offering = wrap_step(self.offering, n, true)
            }
            Action::Left if self.focus == Focus::Offering => {
                self.offering = wrap_step(self.offering, n, false)
            }
            Action::NextField | Action::Down => self.step(true),
            Action::PrevField | Action::Up => self.step(false),
            Action::Save | Action::Confirm => return self.save(ctx),
            Action::Click { col, row } => {
                let hit = self
                    .hits
                    .borrow()
                    .iter()
                    .find(|(_, r)| contains(*r, *col, *row))
                    .map(|(f, _)| *f);
                match hit {
                    Some(Focus::Save) => return self.save(ctx),
                    Some(focus) => self.set_focus(focus),
                    None => {}
                }
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn is_dirty(&self) -> bool {
        self.fingerprint() != self.initial
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let label_w = 22.min(area.width / 3);
        let day = fill(
            Msg::SessionAddDay,
            lang,
            &[("date", &format_date_long(self.day, lang))],
        );
        text(frame, row(area, 1), &format!("  {day}"), view.theme.body);
        let mut hits = self.hits.borrow_mut();
        hits.clear();
        let mut y = 3u16;
        for focus in ORDER {
            let focused = self.focus == focus;
            if focus == Focus::Save {
                let place = Rect {
                    x: area.x + label_w,
                    ..row(area, y + 1)
                };
                let drawn = button(frame, place, Msg::FormSave.text(lang), focused, &view.theme);
                hits.push((Focus::Save, drawn));
                break;
            }
            hits.push((focus, row(area, y)));
            let label = match focus {
                Focus::Title => Msg::FieldSessionTitle,
                Focus::Offering => Msg::FieldOffering,
                Focus::Start => Msg::FieldStart,
                _ => Msg::FieldEnd,
            };
            let place = labelled(frame, row(area, y), label.text(lang), label_w, focused);
            let place = Rect {
                width: place.width.min(60),
                ..place
            };
            match focus {
                Focus::Title => self.title.render(frame, place),
                Focus::Start => self.start.render(frame, Rect { width: 7, ..place }),
                Focus::End => self.end.render(frame, Rect { width: 7, ..place }),
                _ => {
                    let name = self
                        .offerings
                        .get(self.offering)
                        .map_or("", |(_, n)| n.as_str());
                    choice(frame, place, name, focused, &view.theme);
                }
            }
            y += 1;
            if let Some((_, problem)) = self.problems.iter().find(|(f, _)| *f == focus) {
                let place = Rect {
                    x: area.x + label_w,
                    width: area.width.saturating_sub(label_w),
                    ..row(area, y)
                };
                text(
                    frame,
                    place,
                    &format!("{}{}", glyph::ERROR, problem.text(lang)),
                    view.theme.error,
                );
                y += 1;
            }
        }
    }
}
