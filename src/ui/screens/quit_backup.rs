//! Quitting with the daily backup: says what it does while it copies, and
//! when the copy fails it says so and waits, so the failure is seen.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::Login;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, paragraph, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::notice::Notice;

pub struct QuitBackup {
    folder: PathBuf,
    keep: u32,
    started: bool,
}

impl QuitBackup {
    pub fn new(folder: PathBuf, keep: u32) -> Self {
        Self {
            folder,
            keep,
            started: false,
        }
    }
}

impl Screen for QuitBackup {
    fn title(&self, lang: Lang) -> String {
        Msg::BackupTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        Mode::View
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        Vec::new()
    }

    fn handle(&mut self, _action: &Action, _ctx: &mut Ctx<'_>) -> Outcome {
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        !self.started
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.started = true;
        let Some(desk) = ctx.desk else {
            return Outcome::Exit(0);
        };
        match desk.daily_backup(&self.folder, self.keep) {
            Ok(_) => Outcome::Exit(0),
            Err(e) => {
                let detail = crate::ui::errors::describe(&e, ctx.lang);
                let body = fill(
                    Msg::BackupFailed,
                    ctx.lang,
                    &[
                        ("folder", &self.folder.display().to_string()),
                        ("detail", &detail),
                    ],
                );
                Outcome::Replace(Box::new(Notice::fatal(
                    Msg::BackupFailedTitle.text(ctx.lang).into(),
                    vec![body],
                    1,
                )))
            }
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let area = inset(area, 2);
        let bold = Style::new().add_modifier(Modifier::BOLD);
        text(frame, row(area, 1), Msg::BackupTitle.text(view.lang), bold);
        let body = fill(
            Msg::BackupRunning,
            view.lang,
            &[("folder", &self.folder.display().to_string())],
        );
        paragraph(frame, rows(area, 3, 4), &body, view.theme.body);
    }
}
