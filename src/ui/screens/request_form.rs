//! A new mediation request from the visitor card: the language is filled in
//! (the visitor's first language that needs mediating), the date is today;
//! staff type the purpose and the time and press Strg+S.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::mediation_text::parse_appointment;
use crate::desk::{
    Capability, Login, MAX_REQUEST_TEXT, RequestInput, VisitorNo, format_visitor_no,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date};
use crate::ui::layout::{inset, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::mediation_fields::Fields;

const LANGUAGE: usize = 0;
const PURPOSE: usize = 1;
const WHEN: usize = 2;
const PLACE: usize = 3;
const LABEL_W: u16 = 22;

pub struct RequestForm {
    visitor: VisitorNo,
    fields: Fields,
    problem: Option<String>,
}

impl RequestForm {
    pub fn new(visitor: VisitorNo, language: &str, ctx: &Ctx<'_>) -> Self {
        let today = format_date(ctx.today, Lang::De);
        Self {
            visitor,
            fields: Fields::new(
                ctx.lang,
                vec![
                    (Msg::RequestFieldLanguage, 80, language.to_string()),
                    (Msg::RequestFieldPurpose, MAX_REQUEST_TEXT, String::new()),
                    (Msg::RequestFieldWhen, 20, format!("{today} ")),
                    (Msg::RequestFieldPlace, MAX_REQUEST_TEXT, String::new()),
                ],
            ),
            problem: None,
        }
    }

    fn refuse(&mut self, field: usize, text: String) -> Outcome {
        self.fields.focus_on(field);
        self.problem = Some(text);
        Outcome::Stay
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        let lang = ctx.lang;
        let label = self.fields.value(LANGUAGE).trim().to_string();
        let Ok(language) = desk.language_by_label(&label) else {
            let known = desk
                .reference(crate::desk::RefList::Languages)
                .map(|l| {
                    l.into_iter()
                        .filter(|(_, e)| !e.archived)
                        .map(|(_, e)| e.label)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let text = fill(
                Msg::RequestUnknownLanguage,
                lang,
                &[("language", &label), ("known", &known)],
            );
            return self.refuse(LANGUAGE, text);
        };
        if self.fields.value(PURPOSE).trim().is_empty() {
            return self.refuse(PURPOSE, Msg::RequestNeedsPurpose.text(lang).into());
        }
        let Ok((date, time)) = parse_appointment(self.fields.value(WHEN)) else {
            let text = fill(
                Msg::RequestBadTime,
                lang,
                &[("text", self.fields.value(WHEN).trim())],
            );
            return self.refuse(WHEN, text);
        };
        let input = RequestInput {
            visitor: self.visitor,
            language,
            purpose: self.fields.value(PURPOSE).to_string(),
            place: self.fields.value(PLACE).to_string(),
            date,
            time,
        };
        match desk.add_request(login, &input) {
            Ok(id) => {
                ctx.success(fill(
                    Msg::RequestSaved,
                    lang,
                    &[
                        ("id", &id.to_string()),
                        ("number", &format_visitor_no(self.visitor)),
                    ],
                ));
                Outcome::Back
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }
}

impl Screen for RequestForm {
    fn title(&self, lang: Lang) -> String {
        fill(
            Msg::RequestFormTitle,
            lang,
            &[("number", &format_visitor_no(self.visitor))],
        )
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Save, Action::NextField, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::WritePersonal)) {
            return Outcome::Back;
        }
        if self.fields.handle(action) {
            self.problem = None;
            return Outcome::Stay;
        }
        match action {
            Action::Save | Action::Confirm => self.save(ctx),
            _ => Outcome::Unhandled,
        }
    }

    fn is_dirty(&self) -> bool {
        self.fields.is_dirty()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let body = inset(area, 1);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        text(frame, row(body, 0), &self.title(lang), bold);
        let used = paragraph(
            frame,
            rows(body, 2, 3),
            Msg::RequestFormIntro.text(lang),
            view.theme.body,
        );
        let y = self
            .fields
            .render(frame, body, 3 + used, LABEL_W, lang, &view.theme);
        if let Some(problem) = &self.problem {
            paragraph(frame, rows(body, y + 1, 4), problem, view.theme.error);
        }
    }
}
