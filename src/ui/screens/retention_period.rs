//! The retention period (months) the retention review uses; a database
//! setting, so every desk on the file agrees.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{Capability, Login};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{self, Lang, Msg, fill};
use crate::ui::layout::{inset, labelled, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::widgets::TextField;

const MAX_MONTHS: u32 = 120;
const LABEL_W: u16 = 24;

pub struct RetentionPeriod {
    field: TextField,
    saved: String,
    problem: bool,
}

impl RetentionPeriod {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let months = match ctx.desk.map(|d| d.settings()) {
            Some(Ok(settings)) => settings.retention_months.to_string(),
            Some(Err(e)) => {
                ctx.desk_error(&e);
                String::new()
            }
            None => String::new(),
        };
        let mut field = TextField::new(ctx.lang)
            .with_max_len(3)
            .with_value(months.clone());
        field.set_focused(true);
        Self {
            field,
            saved: months,
            problem: false,
        }
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let months = self
            .field
            .value()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=MAX_MONTHS).contains(m));
        let Some(months) = months else {
            self.problem = true;
            return Outcome::Stay;
        };
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        let mut settings = match desk.settings() {
            Ok(s) => s,
            Err(e) => {
                ctx.desk_error(&e);
                return Outcome::Stay;
            }
        };
        settings.retention_months = months;
        match desk.save_settings(login, &settings) {
            Ok(()) => {
                ctx.success(fill(
                    Msg::RetentionPeriodSaved,
                    ctx.lang,
                    &[("months", &catalog::months(months, ctx.lang))],
                ));
                self.saved = months.to_string();
                Outcome::Back
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }
}

impl Screen for RetentionPeriod {
    fn title(&self, lang: Lang) -> String {
        Msg::RetentionPeriodTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Confirm, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx
            .login
            .is_some_and(|l| l.may(Capability::ManageReference))
        {
            return Outcome::Back;
        }
        if self.field.handle(action) {
            self.problem = false;
            return Outcome::Stay;
        }
        match action {
            Action::Confirm | Action::Save => self.save(ctx),
            _ => Outcome::Unhandled,
        }
    }

    fn is_dirty(&self) -> bool {
        self.field.value() != self.saved
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 2);
        let used = paragraph(
            frame,
            rows(area, 1, 3),
            Msg::RetentionPeriodIntro.text(lang),
            view.theme.body,
        );
        let y = used + 2;
        let place = labelled(
            frame,
            row(area, y),
            Msg::RetentionPeriodField.text(lang),
            LABEL_W,
            true,
        );
        self.field.render(
            frame,
            Rect {
                width: place.width.min(6),
                ..place
            },
        );
        let below = Rect {
            x: area.x + LABEL_W.min(area.width),
            width: area.width.saturating_sub(LABEL_W),
            ..row(area, y + 1)
        };
        if self.problem {
            text(
                frame,
                below,
                Msg::RetentionPeriodInvalid.text(lang),
                view.theme.error,
            );
        } else if let Some(notice) = self.field.notice() {
            text(frame, below, &notice, view.theme.error);
        }
    }
}
