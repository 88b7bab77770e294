//! What the report screens share: getting a report out of the program
//! (printer or files) with a message that says what happened. The work itself is `crate::report::output`, shared with
//! the CLI.

use std::path::PathBuf;

use crate::report::output::{self, PrintOutcome};
use crate::report::render::RenderError;
use crate::ui::catalog::{Msg, fill};
use crate::ui::screen::Ctx;

/// The folder typed on the screen, or the configured default when empty.
pub fn folder_or_default(typed: &str, ctx: &Ctx<'_>) -> PathBuf {
    match typed.trim() {
        "" => output::default_folder(ctx.config),
        folder => PathBuf::from(folder),
    }
}

/// Remembers `folder` as the place reports go (in `config.toml` too) once something was
/// written there, so the next report, after a lock or a restart, offers it again.
pub fn remember_folder(ctx: &mut Ctx<'_>, folder: &std::path::Path) {
    if ctx.config.report_folder.as_deref() == Some(folder)
        || (ctx.config.report_folder.is_none() && output::default_folder(ctx.config) == folder)
    {
        return;
    }
    ctx.config.report_folder = Some(folder.to_path_buf());
    let Some(path) = ctx.config.path.clone() else {
        return;
    };
    if let Err(e) = crate::config::Config::save_report_folder(&path, folder) {
        let detail = output::io_reason(&e, ctx.lang);
        ctx.error(fill(
            Msg::ReportFolderNotRemembered,
            ctx.lang,
            &[("detail", &detail)],
        ));
    }
}

/// Sends `text` to the configured print command. Without names, a failed
/// print is saved as `<stem>.txt` in `folder` and the message says where;
/// a list with names is only ever printed, never left in a file.
///
/// Returns the line a screen keeps showing when a file was written: the
/// message bar may be too narrow for a whole path, and it fades.
pub fn print(
    ctx: &mut Ctx<'_>,
    text: &str,
    folder: &std::path::Path,
    stem: &str,
    names: bool,
) -> Option<String> {
    let command = ctx.config.print_command.trim().to_string();
    let lang = ctx.lang;
    if names {
        match output::print(&command, text) {
            Ok(()) => ctx.success(Msg::ReportPrinted.text(lang)),
            Err(reason) => ctx.error(fill(
                Msg::ReportPrintFailedNotSaved,
                lang,
                &[("reason", &reason.message(lang))],
            )),
        }
        return None;
    }
    match output::print_or_save(&command, text, folder, stem) {
        Ok(outcome @ PrintOutcome::Printed) => {
            ctx.success(outcome.message(lang));
            None
        }
        Ok(outcome @ PrintOutcome::Saved { .. }) => {
            ctx.error(outcome.message(lang));
            let PrintOutcome::Saved { path, .. } = outcome else {
                return None;
            };
            Some(fill(
                Msg::ReportSavedAt,
                lang,
                &[("path", &path.display().to_string())],
            ))
        }
        Err(e) => {
            ctx.error(e.message(lang));
            None
        }
    }
}

/// Writes the text and CSV forms of a report side by side in `folder`.
/// Returns the line a screen keeps showing (see [`print`]).
pub fn save(
    ctx: &mut Ctx<'_>,
    folder: &std::path::Path,
    stem: &str,
    text: &str,
    csv: Result<Vec<u8>, RenderError>,
) -> Option<String> {
    let lang = ctx.lang;
    let Ok(csv) = csv else {
        ctx.error(Msg::ErrInternal.text(lang));
        return None;
    };
    match output::save_text_and_csv(folder, stem, text, &csv) {
        Ok(files) => {
            let message = files.message(lang);
            ctx.success(message.clone());
            Some(message)
        }
        Err(e) => {
            ctx.error(e.message(lang));
            None
        }
    }
}

/// A print or save the screen asked for, run after a "please wait" frame: the
/// print command may take seconds, and a USB stick is slow to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Print,
    Save,
}

impl Job {
    /// What the screen shows while the job runs.
    pub fn progress(self) -> Msg {
        match self {
            Job::Print => Msg::ReportPrinting,
            Job::Save => Msg::ReportSaving,
        }
    }
}
