//! Signing in, and unlocking after a lock: user name and masked passphrase.
//! A wrong passphrase says so and lets the person try again.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{DeskError, Login as StaffLogin, Passphrase};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{button, inset, labelled, paragraph, row, rows};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::widgets::{TextField, contains};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    User,
    Pass,
    Button,
}

pub struct Login {
    locked: bool,
    focus: Focus,
    user: TextField,
    pass: TextField,
    working: bool,
    hit: Cell<[Rect; 3]>,
}

impl Login {
    /// The sign-in screen at start.
    pub fn new(lang: Lang) -> Self {
        Self::build(lang, false, "")
    }

    /// The screen after a lock: the last user's name is kept.
    pub fn locked(lang: Lang, user: &str) -> Self {
        Self::build(lang, true, user)
    }

    fn build(lang: Lang, locked: bool, user: &str) -> Self {
        let mut screen = Self {
            locked,
            focus: Focus::User,
            user: TextField::new(lang).with_max_len(32).with_value(user),
            pass: TextField::new(lang).with_max_len(200).masked(),
            working: false,
            hit: Cell::new([Rect::default(); 3]),
        };
        screen.set_focus(if user.is_empty() {
            Focus::User
        } else {
            Focus::Pass
        });
        screen
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.user.set_focused(focus == Focus::User);
        self.pass.set_focused(focus == Focus::Pass);
    }

    fn submit(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        if self.user.is_empty() || self.pass.is_empty() {
            ctx.error(Msg::LoginMissing.text(ctx.lang));
            self.set_focus(if self.user.is_empty() {
                Focus::User
            } else {
                Focus::Pass
            });
            return Outcome::Stay;
        }
        self.working = true;
        ctx.info(Msg::LoginChecking.text(ctx.lang));
        Outcome::Stay
    }
}

impl Screen for Login {
    fn title(&self, lang: Lang) -> String {
        if self.locked {
            Msg::LockedTitle.text(lang).into()
        } else {
            Msg::LoginTitle.text(lang).into()
        }
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&StaffLogin>) -> Vec<Action> {
        vec![
            Action::Confirm,
            Action::NextField,
            Action::Help,
            Action::Quit,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if self.working {
            return Outcome::Stay;
        }
        let field = match self.focus {
            Focus::User => Some(&mut self.user),
            Focus::Pass => Some(&mut self.pass),
            Focus::Button => None,
        };
        if let Some(field) = field
            && field.handle(action)
        {
            return Outcome::Stay;
        }
        match action {
            Action::NextField | Action::Down => {
                self.set_focus(match self.focus {
                    Focus::User => Focus::Pass,
                    _ => Focus::Button,
                });
            }
            Action::PrevField | Action::Up => {
                self.set_focus(match self.focus {
                    Focus::Button => Focus::Pass,
                    _ => Focus::User,
                });
            }
            Action::Confirm if self.focus == Focus::User => self.set_focus(Focus::Pass),
            Action::Confirm | Action::Save => return self.submit(ctx),
            Action::Click { col, row } => {
                let [user, pass, button] = self.hit.get();
                if contains(user, *col, *row) {
                    self.set_focus(Focus::User);
                } else if contains(pass, *col, *row) {
                    self.set_focus(Focus::Pass);
                } else if contains(button, *col, *row) {
                    return self.submit(ctx);
                }
            }
            // Nothing is open behind a login: Esc does nothing here.
            Action::Back => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.working
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.working = false;
        let Some(desk) = ctx.desk else {
            return Outcome::Stay;
        };
        let pass = Passphrase::new(self.pass.value());
        let result = desk.login(self.user.value(), &pass);
        self.pass.set_value("");
        ctx.messages.clear();
        match result {
            Ok(login) => {
                let welcome = fill(Msg::Welcome, ctx.lang, &[("user", login.user())]);
                ctx.success(welcome);
                Outcome::LoggedIn(Box::new(login))
            }
            Err(e) => {
                if matches!(e, DeskError::WrongCredentials) {
                    self.set_focus(Focus::Pass);
                }
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 2);
        let intro = if self.locked {
            Msg::LockedIntro
        } else {
            Msg::LoginIntro
        };
        paragraph(frame, rows(area, 1, 2), intro.text(lang), view.theme.body);
        let label_w = 18;
        let user = labelled(
            frame,
            row(area, 4),
            Msg::FieldUser.text(lang),
            label_w,
            self.focus == Focus::User,
        );
        let user = Rect {
            width: user.width.min(34),
            ..user
        };
        self.user.render(frame, user);
        let pass = labelled(
            frame,
            row(area, 6),
            Msg::FieldPassphrase.text(lang),
            label_w,
            self.focus == Focus::Pass,
        );
        let pass = Rect {
            width: pass.width.min(34),
            ..pass
        };
        self.pass.render(frame, pass);
        let button_row = Rect {
            x: area.x + label_w,
            width: area.width.saturating_sub(label_w),
            ..row(area, 8)
        };
        let button = button(
            frame,
            button_row,
            Msg::LoginButton.text(lang),
            self.focus == Focus::Button,
            &view.theme,
        );
        self.hit.set([user, pass, button]);
    }
}
