//! A new member of the interpreter pool: name, languages with level
//! (`Tigrinya:Muttersprache|Arabisch:gut`), usual times (`Mo 09-12, Mi`),
//! their staff account if any, and sealed contact details.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::mediation_text::{format_availability, parse_availability, parse_language_levels};
use crate::desk::{
    Capability, Login, MAX_POOL_TEXT, PoolContact, PoolId, PoolInput, PoolLanguage, PoolView,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, paragraph, rows};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::mediation_fields::Fields;
use crate::ui::screens::mediation_today::level_text;

const NAME: usize = 0;
const LANGUAGES: usize = 1;
const AVAILABLE: usize = 2;
const ACCOUNT: usize = 3;
const PHONE: usize = 4;
const EMAIL: usize = 5;
const NOTE: usize = 6;
const LABEL_W: u16 = 24;

pub struct PoolForm {
    /// The member being changed; None: a new one.
    editing: Option<PoolId>,
    fields: Fields,
    problem: Option<String>,
}

impl PoolForm {
    pub fn new(ctx: &Ctx<'_>) -> Self {
        Self::with_values(None, ctx, Default::default())
    }

    /// The form filled with a member's data, to change it.
    pub fn edit(view: &PoolView, labels: &[(u32, String)], ctx: &Ctx<'_>) -> Self {
        let languages: Vec<String> = view
            .member
            .languages
            .iter()
            .map(|l| {
                let label = labels
                    .iter()
                    .find(|(id, _)| *id == l.language)
                    .map_or_else(|| format!("#{}", l.language), |(_, s)| s.clone());
                format!("{label}:{}", level_text(l.level, ctx.lang))
            })
            .collect();
        let contact = view.contact.clone().unwrap_or_default();
        let values = [
            contact.name.clone(),
            languages.join("|"),
            format_availability(&view.member.available),
            view.member.account.clone().unwrap_or_default(),
            contact.phone.clone(),
            contact.email.clone(),
            contact.note.clone(),
        ];
        Self::with_values(Some(view.id), ctx, values)
    }

    fn with_values(editing: Option<PoolId>, ctx: &Ctx<'_>, values: [String; 7]) -> Self {
        let [name, languages, available, account, phone, email, note] = values;
        Self {
            editing,
            fields: Fields::new(
                ctx.lang,
                vec![
                    (Msg::PoolFieldName, MAX_POOL_TEXT, name),
                    (Msg::PoolFieldLanguages, 400, languages),
                    (Msg::PoolFieldAvailable, 200, available),
                    (Msg::PoolFieldAccount, 64, account),
                    (Msg::PoolFieldPhone, 40, phone),
                    (Msg::PoolFieldEmail, 120, email),
                    (Msg::PoolFieldNote, MAX_POOL_TEXT, note),
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
        if self.fields.value(NAME).trim().is_empty() {
            return self.refuse(NAME, Msg::PoolNeedsName.text(lang).into());
        }
        let Ok(typed) = parse_language_levels(self.fields.value(LANGUAGES)) else {
            return self.refuse(LANGUAGES, Msg::PoolBadLanguages.text(lang).into());
        };
        let mut languages = Vec::new();
        for (label, level) in typed {
            match desk.language_by_label(&label) {
                Ok(language) => languages.push(PoolLanguage { language, level }),
                Err(_) => {
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
                    return self.refuse(LANGUAGES, text);
                }
            }
        }
        let Ok(available) = parse_availability(self.fields.value(AVAILABLE)) else {
            return self.refuse(AVAILABLE, Msg::PoolBadAvailable.text(lang).into());
        };
        let account = Some(self.fields.value(ACCOUNT).trim().to_string()).filter(|a| !a.is_empty());
        let input = PoolInput {
            contact: PoolContact {
                name: self.fields.value(NAME).trim().to_string(),
                phone: self.fields.value(PHONE).trim().to_string(),
                email: self.fields.value(EMAIL).trim().to_string(),
                note: self.fields.value(NOTE).trim().to_string(),
            },
            account,
            languages,
            available,
        };
        let saved = match self.editing {
            Some(id) => desk.update_pool_member(login, id, &input),
            None => desk.add_pool_member(login, &input).map(|_| ()),
        };
        match saved {
            Ok(()) => {
                ctx.success(Msg::PoolSaved.text(lang));
                Outcome::Back
            }
            Err(crate::desk::DeskError::Invalid { field: "user", .. }) => {
                let text = fill(
                    Msg::PoolUnknownAccount,
                    lang,
                    &[("user", self.fields.value(ACCOUNT).trim())],
                );
                self.refuse(ACCOUNT, text)
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }
}

impl Screen for PoolForm {
    fn title(&self, lang: Lang) -> String {
        match self.editing {
            Some(_) => Msg::PoolFormEditTitle.text(lang).into(),
            None => Msg::PoolFormTitle.text(lang).into(),
        }
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Save, Action::NextField, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ManagePool)) {
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
        let used = paragraph(
            frame,
            rows(body, 0, 4),
            Msg::PoolFormIntro.text(lang),
            view.theme.body,
        );
        let y = self
            .fields
            .render(frame, body, used + 1, LABEL_W, lang, &view.theme);
        if let Some(problem) = &self.problem {
            paragraph(frame, rows(body, y + 1, 4), problem, view.theme.error);
        }
    }
}
