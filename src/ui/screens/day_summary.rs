//! The day summary (Tagesübersicht, F6): the printout as it will come out of
//! the printer, for today or any chosen day; print, save, the day's note,
//! and for the coordinator the attendance lists with names (audited).

use std::cell::Cell;

use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{Capability, Login, MAX_DAY_NOTE};
use crate::report::{DaySummary, Format, output, render};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, format_date, format_date_long};
use crate::ui::layout::{inset, label_width, labelled, row, text};
use crate::ui::report_output::{self, Job, folder_or_default};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::period_report::PeriodReportScreen;
use crate::ui::screens::schedule_text::parse_date;
use crate::ui::widgets::{TextField, TextPreview, contains, next_in};

const LABEL_WIDTH: u16 = 19;
/// Rows above the preview: day, note, folder, status.
const HEADER_ROWS: u16 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Preview,
    Day,
    Note,
    Folder,
}

/// Tab follows the screen from top to bottom: the fields, then the report under them.
const ORDER: [Focus; 4] = [Focus::Day, Focus::Note, Focus::Folder, Focus::Preview];

pub struct DaySummaryScreen {
    date: Date,
    focus: Focus,
    day: TextField,
    note: TextField,
    folder: TextField,
    /// The coordinator asked for the attendance lists with names.
    names: bool,
    summary: Option<DaySummary>,
    preview: TextPreview,
    job: Option<Job>,
    /// Where the last print fallback or save went, shown until the report changes.
    last_file: Option<String>,
    lang: Lang,
    hit: Cell<[Rect; 3]>,
}

impl DaySummaryScreen {
    /// Today's summary, without names.
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let lang = ctx.lang;
        let folder = output::default_folder(ctx.config).display().to_string();
        let mut screen = Self {
            date: ctx.today,
            focus: Focus::Preview,
            day: TextField::new(lang).with_max_len(10),
            note: TextField::new(lang).with_max_len(MAX_DAY_NOTE),
            folder: TextField::new(lang).with_max_len(1000).with_value(folder),
            names: false,
            summary: None,
            preview: TextPreview::default(),
            job: None,
            last_file: None,
            lang,
            hit: Cell::new([Rect::default(); 3]),
        };
        screen.set_focus(Focus::Preview);
        screen.load(ctx);
        screen
    }

    pub fn date(&self) -> Date {
        self.date
    }

    /// The preview's lines, as printed (page breaks marked).
    pub fn preview_lines(&self) -> &[String] {
        self.preview.lines()
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.day.set_focused(focus == Focus::Day);
        self.note.set_focused(focus == Focus::Note);
        self.folder.set_focused(focus == Focus::Folder);
    }

    fn step(&mut self, forward: bool) {
        let next = next_in(&ORDER, self.focus, forward);
        if self.focus == Focus::Day {
            // Leaving the field without Enter keeps the day shown.
            self.day.set_value(format_date(self.date, self.lang));
        }
        self.set_focus(next);
    }

    fn saved_note(&self) -> &str {
        self.summary.as_ref().map_or("", |s| s.note.as_str())
    }

    fn note_changed(&self) -> bool {
        self.note.value().trim() != self.saved_note()
    }

    /// Reads the summary of `self.date` again and shows it.
    fn load(&mut self, ctx: &mut Ctx<'_>) {
        self.last_file = None;
        self.day.set_value(format_date(self.date, self.lang));
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        // Typing is never thrown away by a reload (the day cannot change
        // while the note is unsaved: see `go_to`).
        let typed = self.note_changed().then(|| self.note.value().to_string());
        match desk.day_summary(login, self.date, self.names) {
            Ok(summary) => {
                self.preview
                    .set_text(&render::day_text(&summary, self.lang));
                self.note
                    .set_value(typed.unwrap_or_else(|| summary.note.clone()));
                self.summary = Some(summary);
            }
            Err(e) => {
                self.summary = None;
                self.preview.set_text("");
                self.note.set_value(typed.unwrap_or_default());
                ctx.desk_error(&e);
            }
        }
    }

    fn go_to(&mut self, date: Date, ctx: &mut Ctx<'_>) {
        if self.note_changed() {
            // Another day's note would replace what was typed.
            ctx.error(Msg::ReportNoteUnsaved.text(ctx.lang));
            return;
        }
        self.date = date;
        self.load(ctx);
    }

    fn shift_day(&mut self, days: i64, ctx: &mut Ctx<'_>) {
        if let Ok(date) = self.date.checked_add(days.days()) {
            self.go_to(date, ctx);
        }
    }

    fn save_note(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.set_day_note(login, self.date, self.note.value()) {
            Ok(()) => {
                // The focus stays where the person is: the marker never vanishes.
                self.load(ctx);
                ctx.success(Msg::ReportNoteSaved.text(ctx.lang));
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn toggle_names(&mut self, ctx: &mut Ctx<'_>) {
        if !ctx.login.is_some_and(|l| l.may(Capability::NamesReport)) {
            ctx.error(Msg::NotForRole.text(ctx.lang));
            return;
        }
        self.names = !self.names;
        self.load(ctx);
        if !self.names {
            ctx.info(Msg::ReportNamesHidden.text(ctx.lang));
        }
    }

    fn confirm(&mut self, ctx: &mut Ctx<'_>) {
        match self.focus {
            Focus::Preview => {}
            Focus::Day => match parse_date(self.day.value()) {
                Some(date) => self.go_to(date, ctx),
                None => ctx.error(Msg::ReportBadDate.text(ctx.lang)),
            },
            Focus::Note => self.save_note(ctx),
            Focus::Folder => {}
        }
    }

    /// Esc in the day field puts back the day shown; Esc in the note keeps what was typed
    /// (a note is work: leaving the screen with it unsaved asks first); Esc on the preview
    /// leaves the screen.
    fn cancel(&mut self) -> bool {
        match self.focus {
            Focus::Preview => return false,
            Focus::Day => self.day.set_value(format_date(self.date, self.lang)),
            Focus::Note | Focus::Folder => {}
        }
        self.set_focus(Focus::Preview);
        true
    }

    fn run_job(&mut self, job: Job, ctx: &mut Ctx<'_>) {
        let Some(summary) = &self.summary else {
            return;
        };
        let lang = ctx.lang;
        let text = render::day_text(summary, lang);
        let folder = folder_or_default(self.folder.value(), ctx);
        let stem = output::day_file_stem(self.date, self.names, lang);
        let written = match job {
            Job::Print => report_output::print(ctx, &text, &folder, &stem, self.names),
            Job::Save if self.names => {
                // Files get copied and forgotten; names belong on paper that
                // is shredded, or in the database, nowhere else.
                ctx.error(Msg::ReportNamesNotSaved.text(lang));
                None
            }
            Job::Save => {
                let csv = render::day(summary, Format::Csv, lang);
                report_output::save(ctx, &folder, &stem, &text, csv)
            }
        };
        if written.is_some() {
            self.last_file = written;
            report_output::remember_folder(ctx, &folder);
        }
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::Day => Some(&mut self.day),
            Focus::Note => Some(&mut self.note),
            Focus::Folder => Some(&mut self.folder),
            Focus::Preview => None,
        }
    }

    fn click(&mut self, col: u16, row: u16) {
        let targets = [Focus::Day, Focus::Note, Focus::Folder];
        if let Some(i) = self.hit.get().iter().position(|r| contains(*r, col, row)) {
            self.set_focus(targets[i]);
        } else {
            self.set_focus(Focus::Preview);
        }
    }

    fn status(&self) -> Option<(String, bool)> {
        if let Some(job) = self.job {
            let msg = job.progress();
            return Some((msg.text(self.lang).to_string(), false));
        }
        if let Some(notice) = self.note.notice() {
            return Some((notice, true));
        }
        if self.names {
            return Some((Msg::ReportNamesShown.text(self.lang).to_string(), true));
        }
        self.last_file.clone().map(|line| (line, false))
    }
}

impl Screen for DaySummaryScreen {
    fn title(&self, lang: Lang) -> String {
        Msg::DaySummaryTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.focus == Focus::Preview {
            Mode::View
        } else {
            Mode::Form
        }
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        let mut hints = vec![
            Action::Print,
            Action::SaveFile,
            Action::Save,
            Action::PrevDay,
            Action::NextDay,
            Action::NextField,
        ];
        if login.is_some_and(|l| l.may(Capability::PeriodReport)) {
            hints.push(Action::PeriodReport);
        }
        if login.is_some_and(|l| l.may(Capability::NamesReport)) {
            hints.push(Action::NamesList);
        }
        hints.extend([Action::Back, Action::Help]);
        hints
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::DaySummary)) {
            return Outcome::Back;
        }
        if let Some(field) = self.field()
            && field.handle(action)
        {
            return Outcome::Stay;
        }
        match action {
            Action::NextField => self.step(true),
            Action::PrevField => self.step(false),
            Action::PrevDay => self.shift_day(-1, ctx),
            Action::NextDay => self.shift_day(1, ctx),
            Action::Print => self.job = Some(Job::Print),
            Action::Save | Action::SaveFile if self.focus == Focus::Note => self.save_note(ctx),
            Action::Save | Action::SaveFile => self.job = Some(Job::Save),
            Action::Confirm => self.confirm(ctx),
            Action::NamesList => self.toggle_names(ctx),
            Action::PeriodReport => {
                if ctx.login.is_some_and(|l| l.may(Capability::PeriodReport)) {
                    return Outcome::Push(Box::new(PeriodReportScreen::new(ctx)));
                }
                ctx.error(Msg::NotForRole.text(ctx.lang));
            }
            Action::Back => {
                if !self.cancel() {
                    return Outcome::Unhandled;
                }
            }
            Action::Click { col, row } => self.click(*col, *row),
            other => {
                if !self.preview.handle(other) {
                    return Outcome::Unhandled;
                }
            }
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.job.is_some()
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        if let Some(job) = self.job.take() {
            self.run_job(job, ctx);
        }
        Outcome::Stay
    }

    fn is_dirty(&self) -> bool {
        self.note_changed()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let header = inset(area, 1);
        let mut hit = [Rect::default(); 3];
        let day = labelled(
            frame,
            row(header, 0),
            Msg::ReportFieldDay.text(lang),
            LABEL_WIDTH,
            self.focus == Focus::Day,
        );
        let field = Rect {
            width: day.width.min(12),
            ..day
        };
        self.day.render(frame, field);
        hit[0] = field;
        let after = Rect {
            x: field.x + field.width + 1,
            width: day.width.saturating_sub(field.width + 1),
            ..day
        };
        text(
            frame,
            after,
            &format!("◀ ▶  {}", format_date_long(self.date, lang)),
            view.theme.body,
        );
        for (i, (focus, label, field)) in [
            (Focus::Note, Msg::ReportFieldNote, &self.note),
            (Focus::Folder, Msg::ReportFieldFolder, &self.folder),
        ]
        .into_iter()
        .enumerate()
        {
            let place = labelled(
                frame,
                row(header, 1 + i as u16),
                label.text(lang),
                LABEL_WIDTH,
                self.focus == focus,
            );
            field.render(frame, place);
            hit[1 + i] = place;
        }
        self.hit.set(hit);
        // The report under the fields is a stop of Tab too, marked like a field.
        let label = Msg::ReportFieldPreview.text(lang);
        let status_place = labelled(
            frame,
            row(header, 3),
            label,
            label_width(label),
            self.focus == Focus::Preview,
        );
        if let Some((status, warning)) = self.status() {
            let style = if warning {
                view.theme.error
            } else {
                view.theme.info
            };
            text(frame, status_place, &status, style);
        }
        self.preview.render(
            frame,
            Rect {
                y: area.y + HEADER_ROWS,
                height: area.height.saturating_sub(HEADER_ROWS),
                ..area
            },
        );
    }
}
