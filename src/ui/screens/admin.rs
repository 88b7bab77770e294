//! The coordinator's hub behind F8: reference lists, staff accounts, the
//! audit log, retention review and period, and a backup on demand.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{Capability, Login};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{self, Lang, Msg, fill};
use crate::ui::layout::{inset, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::audit::Audit;
use crate::ui::screens::reference_lists::ReferenceLists;
use crate::ui::screens::retention::Retention;
use crate::ui::screens::retention_period::RetentionPeriod;
use crate::ui::screens::staff_accounts::StaffAccounts;
use crate::ui::widgets::PickList;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Reference,
    Staff,
    Audit,
    Retention,
    RetentionPeriod,
    Backup,
    Pool,
}

const ENTRIES: [Entry; 7] = [
    Entry::Reference,
    Entry::Staff,
    Entry::Audit,
    Entry::Retention,
    Entry::RetentionPeriod,
    Entry::Backup,
    // Sprachvermittlung (issue 16); last, so the other entries keep their places.
    Entry::Pool,
];

/// What the last "back up now" did, shown under the menu until the next one.
enum BackupResult {
    Done(String),
    Failed(String),
}

pub struct Admin {
    menu: PickList,
    months: u32,
    backing_up: bool,
    backup: Option<BackupResult>,
}

fn labels(lang: Lang, months: u32) -> Vec<String> {
    ENTRIES
        .iter()
        .map(|e| match e {
            Entry::Reference => Msg::AdminReference.text(lang).to_string(),
            Entry::Staff => Msg::AdminStaff.text(lang).to_string(),
            Entry::Audit => Msg::AdminAudit.text(lang).to_string(),
            Entry::Retention => Msg::AdminRetention.text(lang).to_string(),
            Entry::RetentionPeriod => fill(
                Msg::AdminRetentionPeriod,
                lang,
                &[("months", &catalog::months(months, lang))],
            ),
            Entry::Backup => Msg::AdminBackup.text(lang).to_string(),
            Entry::Pool => Msg::AdminPool.text(lang).to_string(),
        })
        .collect()
}

impl Admin {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut admin = Self {
            menu: PickList::single(Vec::new()).with_lang(ctx.lang),
            months: 24,
            backing_up: false,
            backup: None,
        };
        admin.load(ctx);
        admin
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        if let Some(desk) = ctx.desk {
            match desk.settings() {
                Ok(settings) => self.months = settings.retention_months,
                Err(e) => ctx.desk_error(&e),
            }
        }
        self.menu.set_items(labels(ctx.lang, self.months));
    }

    fn open(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let Some(entry) = self.menu.selected().and_then(|i| ENTRIES.get(i)) else {
            return Outcome::Stay;
        };
        let needs = match entry {
            Entry::Reference | Entry::RetentionPeriod => Capability::ManageReference,
            Entry::Staff => Capability::ManageStaff,
            Entry::Audit => Capability::ViewAudit,
            Entry::Retention => Capability::Erase,
            Entry::Backup => Capability::ManageReference,
            Entry::Pool => Capability::ManagePool,
        };
        if !ctx.login.is_some_and(|l| l.may(needs)) {
            ctx.error(Msg::NotForRole.text(ctx.lang));
            return Outcome::Stay;
        }
        match entry {
            Entry::Reference => Outcome::Push(Box::new(ReferenceLists::new(ctx))),
            Entry::Staff => Outcome::Push(Box::new(StaffAccounts::new(ctx))),
            Entry::Audit => Outcome::Push(Box::new(Audit::new(ctx))),
            Entry::Retention => Outcome::Push(Box::new(Retention::new(ctx))),
            Entry::RetentionPeriod => Outcome::Push(Box::new(RetentionPeriod::new(ctx))),
            Entry::Pool => Outcome::Push(Box::new(crate::ui::screens::pool::Pool::new(ctx))),
            Entry::Backup => {
                if ctx.config.backup_folder.is_some() {
                    self.backing_up = true;
                    ctx.info(Msg::AdminBackupRunning.text(ctx.lang));
                } else {
                    let text = Msg::AdminBackupNoFolder.text(ctx.lang);
                    self.backup = Some(BackupResult::Failed(text.to_string()));
                    ctx.error(text);
                }
                Outcome::Stay
            }
        }
    }
}

impl Screen for Admin {
    fn title(&self, lang: Lang) -> String {
        Msg::AdminTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::List
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
        if self.backing_up {
            return Outcome::Stay;
        }
        match action {
            Action::Confirm => self.open(ctx),
            Action::Click { col, row } => {
                if self.menu.click(*col, *row).is_some() {
                    self.open(ctx)
                } else {
                    Outcome::Unhandled
                }
            }
            other if self.menu.handle(other) => Outcome::Stay,
            _ => Outcome::Unhandled,
        }
    }

    fn pending_work(&self) -> bool {
        self.backing_up
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.backing_up = false;
        let (Some(desk), Some(login), Some(folder)) =
            (ctx.desk, ctx.login, ctx.config.backup_folder.as_ref())
        else {
            return Outcome::Stay;
        };
        ctx.messages.clear();
        match desk.backup_now(login, folder, ctx.config.backup_keep) {
            Ok(path) => {
                let text = fill(
                    Msg::AdminBackupDone,
                    ctx.lang,
                    &[("path", &path.display().to_string())],
                );
                ctx.success(text.clone());
                self.backup = Some(BackupResult::Done(text));
            }
            Err(e) => {
                let detail = crate::ui::errors::describe(&e, ctx.lang);
                let text = fill(
                    Msg::AdminBackupFailed,
                    ctx.lang,
                    &[
                        ("folder", &folder.display().to_string()),
                        ("detail", &detail),
                    ],
                );
                ctx.error(text.clone());
                self.backup = Some(BackupResult::Failed(text));
            }
        }
        Outcome::Stay
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.load(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let area = inset(area, 1);
        text(
            frame,
            row(area, 1),
            Msg::AdminIntro.text(view.lang),
            view.theme.body,
        );
        let list_h = ENTRIES.len() as u16;
        self.menu.render(frame, rows(area, 3, list_h));
        let below = rows(area, 4 + list_h, area.height.saturating_sub(4 + list_h));
        match &self.backup {
            Some(BackupResult::Done(t)) => {
                paragraph(frame, below, t, view.theme.body);
            }
            Some(BackupResult::Failed(t)) => {
                paragraph(frame, below, t, view.theme.error);
            }
            None => {}
        }
    }
}
