//! First run: no database yet. Language, the coordinator's name and
//! passphrase (twice, with a strength hint); creates the database with the
//! seed's offerings and reference lists, and signs the coordinator in.

use std::cell::Cell;
use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::config::Config;
use crate::desk::{
    Desk, KdfParams, Login, MAX_USER_CHARS as MAX_USER, MIN_PASSPHRASE_CHARS as MIN_PASSPHRASE,
    Passphrase, is_valid_user_name,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{button, inset, labelled, paragraph, row, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::widgets::{TextField, contains};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Language,
    User,
    Pass,
    Repeat,
    Create,
}

const ORDER: [Focus; 5] = [
    Focus::Language,
    Focus::User,
    Focus::Pass,
    Focus::Repeat,
    Focus::Create,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Empty,
    Weak,
    Fair,
    Good,
}

/// A hint, not a rule beyond the minimum: length matters most; a mix of
/// kinds of characters helps a little.
fn strength(pass: &str) -> Strength {
    let chars = pass.chars().count();
    let kinds = [
        pass.chars().any(char::is_lowercase),
        pass.chars().any(char::is_uppercase),
        pass.chars().any(|c| c.is_ascii_digit()),
        pass.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    match chars {
        0 => Strength::Empty,
        n if n < MIN_PASSPHRASE => Strength::Weak,
        n if n >= 16 || (n >= 12 && kinds >= 3) => Strength::Good,
        _ => Strength::Fair,
    }
}

pub struct Setup {
    db_path: PathBuf,
    config_path: PathBuf,
    lang: Lang,
    focus: Focus,
    user: TextField,
    pass: TextField,
    repeat: TextField,
    problem: Option<(Focus, Msg)>,
    working: bool,
    /// Where fields and buttons were drawn, for mouse clicks.
    hit: Cell<[Rect; 6]>,
}

impl Setup {
    pub fn new(db_path: PathBuf, config_path: PathBuf, lang: Lang) -> Self {
        let mut setup = Self {
            db_path,
            config_path,
            lang,
            focus: Focus::User,
            user: TextField::new(lang).with_max_len(MAX_USER),
            pass: TextField::new(lang).with_max_len(200).masked(),
            repeat: TextField::new(lang).with_max_len(200).masked(),
            problem: None,
            working: false,
            hit: Cell::new([Rect::default(); 6]),
        };
        setup.set_focus(Focus::Language);
        setup
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.user.set_focused(focus == Focus::User);
        self.pass.set_focused(focus == Focus::Pass);
        self.repeat.set_focused(focus == Focus::Repeat);
    }

    fn step(&mut self, forward: bool) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (i + 1).min(ORDER.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        self.set_focus(ORDER[next]);
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::User => Some(&mut self.user),
            Focus::Pass => Some(&mut self.pass),
            Focus::Repeat => Some(&mut self.repeat),
            _ => None,
        }
    }

    /// Checks the form; the first problem is shown next to its field.
    fn validate(&self) -> Option<(Focus, Msg)> {
        if !is_valid_user_name(self.user.value()) {
            return Some((Focus::User, Msg::SetupUserInvalid));
        }
        if self.pass.value().chars().count() < MIN_PASSPHRASE {
            return Some((Focus::Pass, Msg::StrengthWeak));
        }
        if self.pass.value() != self.repeat.value() {
            return Some((Focus::Repeat, Msg::SetupMismatch));
        }
        None
    }

    fn submit(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.problem = self.validate();
        if let Some((focus, _)) = self.problem {
            self.set_focus(focus);
            if let Some(text) = self.problem_text(focus, self.lang) {
                ctx.error(text);
            }
            return Outcome::Stay;
        }
        self.working = true;
        ctx.info(Msg::SetupCreating.text(self.lang));
        Outcome::Stay
    }

    fn click(&mut self, col: u16, row: u16, ctx: &mut Ctx<'_>) -> Outcome {
        let hit = self.hit.get();
        let targets = [
            Focus::Language,
            Focus::Language,
            Focus::User,
            Focus::Pass,
            Focus::Repeat,
            Focus::Create,
        ];
        for (i, rect) in hit.iter().enumerate() {
            if contains(*rect, col, row) {
                match i {
                    0 => self.lang = Lang::De,
                    1 => self.lang = Lang::En,
                    5 => return self.submit(ctx),
                    _ => {}
                }
                self.set_focus(targets[i]);
            }
        }
        Outcome::Stay
    }

    fn problem_text(&self, focus: Focus, lang: Lang) -> Option<String> {
        let (at, msg) = self.problem?;
        (at == focus).then(|| account_problem_text(msg, lang))
    }

    fn strength_text(&self, lang: Lang) -> String {
        strength_hint(self.pass.value(), lang)
    }
}

/// A problem with a new account's name or passphrase, with the limits filled
/// in; shared with the staff account form.
pub(crate) fn account_problem_text(msg: Msg, lang: Lang) -> String {
    match msg {
        Msg::SetupUserInvalid => fill(msg, lang, &[("max", &MAX_USER.to_string())]),
        Msg::StrengthWeak => fill(msg, lang, &[("min", &MIN_PASSPHRASE.to_string())]),
        other => other.text(lang).to_string(),
    }
}

/// The hint under a new passphrase; shared with the staff account form.
pub(crate) fn strength_hint(pass: &str, lang: Lang) -> String {
    match strength(pass) {
        Strength::Empty => Msg::StrengthEmpty.text(lang).into(),
        Strength::Weak => fill(
            Msg::StrengthWeak,
            lang,
            &[("min", &MIN_PASSPHRASE.to_string())],
        ),
        Strength::Fair => Msg::StrengthFair.text(lang).into(),
        Strength::Good => Msg::StrengthGood.text(lang).into(),
    }
}

impl Screen for Setup {
    fn title(&self, _lang: Lang) -> String {
        Msg::SetupTitle.text(self.lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![
            Action::NextField,
            Action::Confirm,
            Action::Help,
            Action::Quit,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if self.working {
            return Outcome::Stay;
        }
        if let Some(field) = self.field()
            && field.handle(action)
        {
            self.problem = None;
            return Outcome::Stay;
        }
        match action {
            Action::Up | Action::Left if self.focus == Focus::Language => self.lang = Lang::De,
            Action::Down | Action::Right if self.focus == Focus::Language => self.lang = Lang::En,
            Action::NextField | Action::Down => self.step(true),
            Action::PrevField | Action::Up => self.step(false),
            Action::Confirm if self.focus == Focus::Create || self.focus == Focus::Repeat => {
                return self.submit(ctx);
            }
            // Enter on a passphrase too weak says so there, instead of moving on silently.
            Action::Confirm
                if self.focus == Focus::Pass
                    && self.pass.value().chars().count() < MIN_PASSPHRASE =>
            {
                self.problem = Some((Focus::Pass, Msg::StrengthWeak));
                if let Some(text) = self.problem_text(Focus::Pass, self.lang) {
                    ctx.error(text);
                }
            }
            Action::Confirm => self.step(true),
            Action::Save => return self.submit(ctx),
            Action::Click { col, row } => return self.click(*col, *row, ctx),
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.working
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.working = false;
        let pass = Passphrase::new(self.pass.value());
        match Desk::create(
            &self.db_path,
            self.user.value(),
            &pass,
            KdfParams::from_env(),
        ) {
            Ok((desk, login)) => {
                ctx.messages.clear();
                if let Err(e) = Config::save_lang(&self.config_path, self.lang) {
                    ctx.error(fill(
                        Msg::SetupSaveLangFailed,
                        self.lang,
                        &[("detail", &e.to_string())],
                    ));
                }
                Outcome::Created(Box::new((desk, login)))
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }

    fn chosen_lang(&self) -> Option<Lang> {
        Some(self.lang)
    }

    fn is_dirty(&self) -> bool {
        !self.user.is_empty() || !self.pass.is_empty()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = self.lang;
        let area = inset(area, 2);
        let mut y = 1;
        y += paragraph(
            frame,
            Rect {
                y: area.y + y,
                height: 3,
                ..area
            },
            Msg::SetupIntro.text(lang),
            view.theme.body,
        );
        text(
            frame,
            row(area, y),
            &fill(
                Msg::SetupFile,
                lang,
                &[("path", &self.db_path.display().to_string())],
            ),
            view.theme.body,
        );
        y += 2;
        let label_w = 32;
        let mut hit = [Rect::default(); 6];
        let lang_row = labelled(
            frame,
            row(area, y),
            Msg::SetupLanguage.text(lang),
            label_w,
            self.focus == Focus::Language,
        );
        for (i, (choice, msg)) in [(Lang::De, Msg::LangGerman), (Lang::En, Msg::LangEnglish)]
            .into_iter()
            .enumerate()
        {
            let r = Rect {
                y: lang_row.y + i as u16,
                height: 1,
                ..lang_row
            };
            let mark = if self.lang == choice {
                "(•) "
            } else {
                "( ) "
            };
            let style = if self.lang == choice && self.focus == Focus::Language {
                view.theme.selected
            } else {
                view.theme.body
            };
            text(frame, r, &format!("{mark}{}", msg.text(lang)), style);
            hit[i] = Rect {
                width: 16.min(r.width),
                ..r
            };
        }
        y += 3;
        for (i, (focus, label, field)) in [
            (Focus::User, Msg::SetupUser, &self.user),
            (Focus::Pass, Msg::FieldPassphrase, &self.pass),
            (Focus::Repeat, Msg::FieldPassphraseRepeat, &self.repeat),
        ]
        .into_iter()
        .enumerate()
        {
            let field_area = labelled(
                frame,
                row(area, y),
                label.text(lang),
                label_w,
                self.focus == focus,
            );
            let field_area = Rect {
                width: field_area.width.min(40),
                ..field_area
            };
            field.render(
                frame,
                Rect {
                    height: 1,
                    ..field_area
                },
            );
            hit[2 + i] = field_area;
            // Messages under a field may use the whole width to the right of the labels.
            let below = Rect {
                x: area.x + label_w,
                y: field_area.y + 1,
                width: area.width.saturating_sub(label_w),
                height: 1,
            };
            if let Some(problem) = self.problem_text(focus, lang) {
                text(frame, below, &problem, view.theme.error);
            } else if let Some(notice) = field.notice() {
                text(frame, below, &notice, view.theme.error);
            } else if focus == Focus::Pass {
                text(frame, below, &self.strength_text(lang), view.theme.body);
            }
            y += 2;
        }
        let b = button(
            frame,
            Rect {
                x: area.x + label_w,
                width: area.width.saturating_sub(label_w),
                ..row(area, y)
            },
            Msg::SetupCreate.text(lang),
            self.focus == Focus::Create,
            &view.theme,
        );
        hit[5] = b;
        self.hit.set(hit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_grows_with_length() {
        assert_eq!(strength(""), Strength::Empty);
        assert_eq!(strength("kurz"), Strength::Weak);
        assert_eq!(strength("abcdefghij"), Strength::Fair);
        assert_eq!(strength("Sommer in Langenhagen"), Strength::Good);
        assert_eq!(strength("Ab3!efghijkl"), Strength::Good);
    }
}
