//! The staff accounts with their roles; from here a new account is added or
//! someone's passphrase is set anew (the desk rewraps only that key slot).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, Login, Role, StaffInfo};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, paragraph, row, rows, text};
use crate::ui::sanitize::pad;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::staff_form::StaffForm;
use crate::ui::widgets::{Asked, Confirm, PickList, ask};

const USER_W: usize = 34;

pub fn role_label(role: Role) -> Msg {
    match role {
        Role::Coordinator => Msg::RoleCoordinator,
        Role::Receptionist => Msg::RoleReceptionist,
        Role::Volunteer => Msg::RoleVolunteer,
    }
}

pub struct StaffAccounts {
    staff: Vec<StaffInfo>,
    list: PickList,
    /// "Disable this account?", about the user named.
    confirm: Option<(Confirm, String)>,
}

impl StaffAccounts {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Self {
            staff: Vec::new(),
            list: PickList::single(Vec::new()).with_lang(ctx.lang),
            confirm: None,
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.list_staff(login) {
            Ok(staff) => self.staff = staff,
            Err(e) => ctx.desk_error(&e),
        }
        let lang = ctx.lang;
        let items = self
            .staff
            .iter()
            .map(|s| {
                let mut line = format!("{}{}", pad(&s.user, USER_W), role_label(s.role).text(lang));
                if !s.active {
                    line = format!("{line} {}", Msg::StaffInactive.text(lang));
                }
                line
            })
            .collect();
        self.list.set_items(items);
    }
}

impl Screen for StaffAccounts {
    fn title(&self, lang: Lang) -> String {
        Msg::StaffTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Dialog
        } else {
            Mode::List
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        if self.confirm.is_some() {
            return vec![Action::Yes, Action::No];
        }
        vec![
            Action::NewItem,
            Action::Confirm,
            Action::ArchiveItem,
            Action::Back,
            Action::Help,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ManageStaff)) {
            return Outcome::Back;
        }
        match ask(&mut self.confirm, action) {
            Asked::Yes(user) => {
                self.disable(&user, ctx);
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        match action {
            Action::ArchiveItem => {
                self.ask_disable(ctx);
                Outcome::Stay
            }
            Action::NewItem => Outcome::Push(Box::new(StaffForm::add(ctx.lang))),
            Action::Confirm | Action::EditItem => {
                match self.list.selected().and_then(|i| self.staff.get(i)) {
                    Some(s) => Outcome::Push(Box::new(StaffForm::reset(ctx.lang, &s.user))),
                    None => Outcome::Stay,
                }
            }
            other if self.list.handle(other) => Outcome::Stay,
            _ => Outcome::Unhandled,
        }
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.load(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let used = paragraph(
            frame,
            rows(area, 0, 2),
            Msg::StaffIntro.text(lang),
            view.theme.body,
        );
        let header = format!(
            "  {}{}",
            pad(Msg::StaffColUser.text(lang), USER_W),
            Msg::StaffColRole.text(lang)
        );
        text(
            frame,
            row(area, used + 1),
            &header,
            Style::new().add_modifier(Modifier::BOLD),
        );
        let top = used + 2;
        self.list
            .render(frame, rows(area, top, area.height.saturating_sub(top)));
        if let Some((confirm, _)) = &self.confirm {
            confirm.render(frame, area);
        }
    }
}

// --- Security (issue 13): disabling the account of someone who left ---
impl StaffAccounts {
    fn ask_disable(&mut self, ctx: &mut Ctx<'_>) {
        let Some(s) = self.list.selected().and_then(|i| self.staff.get(i)) else {
            return;
        };
        if !s.active || ctx.login.is_some_and(|l| l.user() == s.user) {
            ctx.info(Msg::StaffCannotDisable.text(ctx.lang));
            return;
        }
        let question = fill(Msg::StaffDisableQuestion, ctx.lang, &[("user", &s.user)]);
        self.confirm = Some((Confirm::destructive(ctx.lang, question), s.user.clone()));
    }

    fn disable(&mut self, user: &str, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.disable_staff(login, user) {
            Ok(()) => {
                ctx.success(fill(Msg::StaffDisabled, ctx.lang, &[("user", user)]));
                self.load(ctx);
            }
            Err(e) => ctx.desk_error(&e),
        }
    }
}
