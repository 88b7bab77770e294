//! A new staff account (name, role, passphrase twice), or a new passphrase
//! for an existing one. The key derivation is slow on purpose, so it runs
//! after a "please wait" frame.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{
    Capability, KdfParams, Login, MAX_USER_CHARS, MIN_PASSPHRASE_CHARS, Passphrase, Role,
    is_valid_user_name,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{button, choice, inset, labelled, row, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::setup::{account_problem_text, strength_hint};
use crate::ui::screens::staff_accounts::role_label;
use crate::ui::widgets::{TextField, next_in};

const MAX_PASS: usize = 200;
const LABEL_W: u16 = 26;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    User,
    Role,
    Pass,
    Repeat,
    Save,
}

pub struct StaffForm {
    /// None: a new account; Some: a new passphrase for this one.
    existing: Option<String>,
    focus: Focus,
    user: TextField,
    role: Role,
    pass: TextField,
    repeat: TextField,
    problem: Option<(Focus, Msg)>,
    working: bool,
}

impl StaffForm {
    pub fn add(lang: Lang) -> Self {
        let mut form = Self::blank(lang, None);
        form.set_focus(Focus::User);
        form
    }

    pub fn reset(lang: Lang, user: &str) -> Self {
        let mut form = Self::blank(lang, Some(user.to_string()));
        form.set_focus(Focus::Pass);
        form
    }

    fn blank(lang: Lang, existing: Option<String>) -> Self {
        Self {
            existing,
            focus: Focus::User,
            user: TextField::new(lang).with_max_len(MAX_USER_CHARS),
            role: Role::Receptionist,
            pass: TextField::new(lang).with_max_len(MAX_PASS).masked(),
            repeat: TextField::new(lang).with_max_len(MAX_PASS).masked(),
            problem: None,
            working: false,
        }
    }

    fn order(&self) -> &'static [Focus] {
        if self.existing.is_some() {
            &[Focus::Pass, Focus::Repeat, Focus::Save]
        } else {
            &[
                Focus::User,
                Focus::Role,
                Focus::Pass,
                Focus::Repeat,
                Focus::Save,
            ]
        }
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.user.set_focused(focus == Focus::User);
        self.pass.set_focused(focus == Focus::Pass);
        self.repeat.set_focused(focus == Focus::Repeat);
    }

    fn step(&mut self, forward: bool) {
        let order = self.order();
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward {
            (i + 1).min(order.len() - 1)
        } else {
            i.saturating_sub(1)
        };
        self.set_focus(order[next]);
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::User => Some(&mut self.user),
            Focus::Pass => Some(&mut self.pass),
            Focus::Repeat => Some(&mut self.repeat),
            _ => None,
        }
    }

    fn cycle_role(&mut self, forward: bool) {
        self.role = next_in(&Role::ALL, self.role, forward);
    }

    fn validate(&self) -> Option<(Focus, Msg)> {
        if self.existing.is_none() && !is_valid_user_name(self.user.value()) {
            return Some((Focus::User, Msg::SetupUserInvalid));
        }
        if self.pass.value().chars().count() < MIN_PASSPHRASE_CHARS {
            return Some((Focus::Pass, Msg::StrengthWeak));
        }
        if self.pass.value() != self.repeat.value() {
            return Some((Focus::Repeat, Msg::SetupMismatch));
        }
        None
    }

    fn submit(&mut self, ctx: &mut Ctx<'_>) {
        self.problem = self.validate();
        if let Some((focus, _)) = self.problem {
            self.set_focus(focus);
            return;
        }
        self.working = true;
        ctx.info(Msg::StaffWorking.text(ctx.lang));
    }

    fn problem_text(&self, focus: Focus, lang: Lang) -> Option<String> {
        let (at, msg) = self.problem?;
        (at == focus).then(|| account_problem_text(msg, lang))
    }
}

impl Screen for StaffForm {
    fn title(&self, lang: Lang) -> String {
        match self.existing {
            Some(_) => Msg::StaffResetTitle.text(lang).into(),
            None => Msg::StaffNewTitle.text(lang).into(),
        }
    }

    fn mode(&self) -> Mode {
        if self.focus == Focus::Role || self.focus == Focus::Save {
            Mode::List
        } else {
            Mode::Form
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::NextField, Action::Save, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ManageStaff)) {
            return Outcome::Back;
        }
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
            Action::Left if self.focus == Focus::Role => self.cycle_role(false),
            Action::Right | Action::Toggle if self.focus == Focus::Role => self.cycle_role(true),
            Action::NextField | Action::Down => self.step(true),
            Action::PrevField | Action::Up => self.step(false),
            Action::Confirm if matches!(self.focus, Focus::Repeat | Focus::Save) => {
                self.submit(ctx)
            }
            Action::Confirm => self.step(true),
            Action::Save => self.submit(ctx),
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.working
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.working = false;
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        let pass = Passphrase::new(self.pass.value());
        let kdf = KdfParams::from_env();
        let (result, user) = match &self.existing {
            Some(user) => (
                desk.change_passphrase(login, user, &pass, kdf),
                user.clone(),
            ),
            None => {
                let user = self.user.value().to_string();
                (desk.add_staff(login, &user, self.role, &pass, kdf), user)
            }
        };
        ctx.messages.clear();
        match result {
            Ok(()) => {
                let msg = if self.existing.is_some() {
                    Msg::StaffPassChanged
                } else {
                    Msg::StaffAdded
                };
                ctx.success(fill(msg, ctx.lang, &[("user", &user)]));
                Outcome::Back
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }

    fn is_dirty(&self) -> bool {
        !self.user.is_empty() || !self.pass.is_empty()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 2);
        let mut y = 1;
        if let Some(user) = &self.existing {
            text(
                frame,
                row(area, y),
                &fill(Msg::StaffResetFor, lang, &[("user", user)]),
                view.theme.body,
            );
            y += 2;
        } else {
            let place = labelled(
                frame,
                row(area, y),
                Msg::StaffUser.text(lang),
                LABEL_W,
                self.focus == Focus::User,
            );
            self.user.render(
                frame,
                Rect {
                    width: place.width.min(34),
                    ..place
                },
            );
            if let Some(problem) = self.problem_text(Focus::User, lang) {
                text(frame, below(area, y), &problem, view.theme.error);
            }
            y += 2;
            let place = labelled(
                frame,
                row(area, y),
                Msg::StaffRole.text(lang),
                LABEL_W,
                self.focus == Focus::Role,
            );
            choice(
                frame,
                place,
                role_label(self.role).text(lang),
                self.focus == Focus::Role,
                &view.theme,
            );
            y += 2;
        }
        for (focus, label, field) in [
            (Focus::Pass, Msg::FieldPassphrase, &self.pass),
            (Focus::Repeat, Msg::FieldPassphraseRepeat, &self.repeat),
        ] {
            let place = labelled(
                frame,
                row(area, y),
                label.text(lang),
                LABEL_W,
                self.focus == focus,
            );
            field.render(
                frame,
                Rect {
                    width: place.width.min(40),
                    ..place
                },
            );
            if let Some(problem) = self.problem_text(focus, lang) {
                text(frame, below(area, y), &problem, view.theme.error);
            } else if let Some(notice) = field.notice() {
                text(frame, below(area, y), &notice, view.theme.error);
            } else if focus == Focus::Pass {
                text(
                    frame,
                    below(area, y),
                    &strength_hint(self.pass.value(), lang),
                    view.theme.body,
                );
            }
            y += 2;
        }
        button(
            frame,
            Rect {
                x: area.x + LABEL_W,
                width: area.width.saturating_sub(LABEL_W),
                ..row(area, y)
            },
            Msg::StaffSave.text(lang),
            self.focus == Focus::Save,
            &view.theme,
        );
    }
}

/// The row under a field, right of the labels: where its message goes.
fn below(area: Rect, y: u16) -> Rect {
    Rect {
        x: area.x + LABEL_W.min(area.width),
        width: area.width.saturating_sub(LABEL_W),
        ..row(area, y + 1)
    }
}
