//! The period report for the evaluation (coordinator): from–to, the table
//! as printed (per offering, registrations per month, languages, needs),
//! or charts: visits per offering as bars, visits per week as a sparkline.

use std::cell::Cell;

use jiff::ToSpan;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Sparkline;

use crate::desk::{Capability, Login};
use crate::report::{Format, PeriodReport, output, render};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date};
use crate::ui::layout::{inset, label_width, labelled, row, text};
use crate::ui::report_output::{self, Job, folder_or_default};
use crate::ui::sanitize::fit;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::schedule_text::parse_date;
use crate::ui::widgets::{TextField, TextPreview, contains, next_in};

const LABEL_WIDTH: u16 = 16;
/// Rows above the report: from/to, folder, status.
const HEADER_ROWS: u16 = 3;
/// Offering names in the bar chart are cut to this many cells.
const BAR_LABEL_WIDTH: usize = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Report,
    From,
    To,
    Folder,
}

/// Tab follows the screen from top to bottom: the fields, then the report under them.
const ORDER: [Focus; 4] = [Focus::From, Focus::To, Focus::Folder, Focus::Report];

/// The last twelve months up to `today`: from the first of the month
/// eleven months back, so every month in the table is whole but the last.
pub fn default_period(today: Date) -> (Date, Date) {
    let from = today
        .first_of_month()
        .checked_sub(11.months())
        .unwrap_or(today);
    (from, today)
}

pub struct PeriodReportScreen {
    from: Date,
    to: Date,
    focus: Focus,
    from_field: TextField,
    to_field: TextField,
    folder: TextField,
    chart: bool,
    report: Option<PeriodReport>,
    preview: TextPreview,
    job: Option<Job>,
    /// Where the last print fallback or save went, shown until the report changes.
    last_file: Option<String>,
    lang: Lang,
    hit: Cell<[Rect; 3]>,
}

impl PeriodReportScreen {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let lang = ctx.lang;
        let (from, to) = default_period(ctx.today);
        let folder = output::default_folder(ctx.config).display().to_string();
        let mut screen = Self {
            from,
            to,
            focus: Focus::Report,
            from_field: TextField::new(lang).with_max_len(10),
            to_field: TextField::new(lang).with_max_len(10),
            folder: TextField::new(lang).with_max_len(1000).with_value(folder),
            chart: false,
            report: None,
            preview: TextPreview::default(),
            job: None,
            last_file: None,
            lang,
            hit: Cell::new([Rect::default(); 3]),
        };
        screen.set_focus(Focus::Report);
        screen.load(ctx);
        screen.start_where_data_starts(ctx);
        screen
    }

    /// The default year back shows weeks of nothing before the program was in use: start
    /// with the first week anyone came instead.
    fn start_where_data_starts(&mut self, ctx: &mut Ctx<'_>) {
        let Some(report) = &self.report else { return };
        let Some(first) = report.weeks.iter().find(|w| w.attendance > 0) else {
            return;
        };
        let Ok(monday) =
            jiff::civil::ISOWeekDate::new(first.year, first.week, jiff::civil::Weekday::Monday)
        else {
            return;
        };
        let monday = monday.date();
        if monday > self.from && monday <= self.to {
            self.from = monday;
            self.load(ctx);
        }
    }

    pub fn period(&self) -> (Date, Date) {
        (self.from, self.to)
    }

    pub fn preview_lines(&self) -> &[String] {
        self.preview.lines()
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.from_field.set_focused(focus == Focus::From);
        self.to_field.set_focused(focus == Focus::To);
        self.folder.set_focused(focus == Focus::Folder);
    }

    fn step(&mut self, forward: bool) {
        let next = next_in(&ORDER, self.focus, forward);
        self.set_focus(next);
    }

    fn show_dates(&mut self) {
        self.from_field.set_value(format_date(self.from, self.lang));
        self.to_field.set_value(format_date(self.to, self.lang));
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        self.last_file = None;
        self.show_dates();
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.period_report(login, self.from, self.to) {
            Ok(report) => {
                self.preview
                    .set_text(&render::period_text(&report, self.lang));
                self.report = Some(report);
            }
            Err(e) => {
                self.report = None;
                self.preview.set_text("");
                ctx.desk_error(&e);
            }
        }
    }

    /// Takes the typed dates; on a mistake nothing changes but the message.
    fn apply_dates(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(from), Some(to)) = (
            parse_date(self.from_field.value()),
            parse_date(self.to_field.value()),
        ) else {
            ctx.error(Msg::ReportBadDate.text(ctx.lang));
            return;
        };
        if to < from {
            ctx.error(Msg::ReportToBeforeFrom.text(ctx.lang));
            return;
        }
        self.from = from;
        self.to = to;
        // The focus stays in the field: the marker never vanishes after Enter.
        self.load(ctx);
    }

    fn run_job(&mut self, job: Job, ctx: &mut Ctx<'_>) {
        let Some(report) = &self.report else {
            return;
        };
        let lang = ctx.lang;
        let text = render::period_text(report, lang);
        let folder = folder_or_default(self.folder.value(), ctx);
        let stem = output::period_file_stem(self.from, self.to, lang);
        let written = match job {
            Job::Print => report_output::print(ctx, &text, &folder, &stem, false),
            Job::Save => {
                let csv = render::period(report, Format::Csv, lang);
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
            Focus::From => Some(&mut self.from_field),
            Focus::To => Some(&mut self.to_field),
            Focus::Folder => Some(&mut self.folder),
            Focus::Report => None,
        }
    }

    fn render_header(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let header = inset(area, 1);
        let half = header.width / 2;
        let mut hit = [Rect::default(); 3];
        for (i, (focus, label, field, x)) in [
            (Focus::From, Msg::ReportFieldFrom, &self.from_field, 0),
            (Focus::To, Msg::ReportFieldTo, &self.to_field, half),
        ]
        .into_iter()
        .enumerate()
        {
            let place = labelled(
                frame,
                Rect {
                    x: header.x + x,
                    width: half,
                    ..row(header, 0)
                },
                label.text(lang),
                LABEL_WIDTH,
                self.focus == focus,
            );
            let place = Rect {
                width: place.width.min(12),
                ..place
            };
            field.render(frame, place);
            hit[i] = place;
        }
        let place = labelled(
            frame,
            row(header, 1),
            Msg::ReportFieldFolder.text(lang),
            LABEL_WIDTH,
            self.focus == Focus::Folder,
        );
        self.folder.render(frame, place);
        hit[2] = place;
        self.hit.set(hit);
        // The report under the fields is a stop of Tab too, marked like a field.
        let label = Msg::ReportFieldPreview.text(lang);
        let status = labelled(
            frame,
            row(header, 2),
            label,
            label_width(label),
            self.focus == Focus::Report,
        );
        if let Some(job) = self.job {
            let msg = job.progress();
            text(frame, status, msg.text(lang), view.theme.info);
        } else if let Some(line) = &self.last_file {
            text(frame, status, line, view.theme.info);
        }
    }

    fn render_chart(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let Some(report) = &self.report else {
            return;
        };
        if report.totals.attendance == 0 {
            text(
                frame,
                row(area, 0),
                Msg::ReportChartEmpty.text(lang),
                view.theme.body,
            );
            return;
        }
        // The weeks take a title row, three rows and a row of labels; the bars the rest.
        let spark_rows = 5.min(area.height);
        let bars_area = Rect {
            height: area.height.saturating_sub(spark_rows + 1),
            ..area
        };
        let mut offerings: Vec<_> = report
            .offerings
            .iter()
            .filter(|o| o.attendance > 0)
            .collect();
        offerings.sort_by(|a, b| b.attendance.cmp(&a.attendance).then(a.name.cmp(&b.name)));
        text(
            frame,
            row(bars_area, 0),
            Msg::ReportChartOfferings.text(lang),
            view.theme.body,
        );
        let room = usize::from(bars_area.height.saturating_sub(1));
        let hidden = offerings.len().saturating_sub(room);
        let shown = if hidden > 0 {
            // One row for "and n more".
            room.saturating_sub(1)
        } else {
            room
        };
        let hidden = offerings.len().saturating_sub(shown);
        // Label, the value in a column of its own, then the bar: a number glued to its bar
        // reads as part of it.
        let top = offerings.first().map_or(1, |o| o.attendance.max(1));
        let bar_room = usize::from(bars_area.width).saturating_sub(BAR_LABEL_WIDTH + 8);
        for (i, o) in offerings.iter().take(shown).enumerate() {
            let length = (u64::from(o.attendance) * bar_room as u64).div_ceil(u64::from(top));
            let line = format!(
                "{:<width$} {:>5} {}",
                fit(&o.name, BAR_LABEL_WIDTH),
                o.attendance,
                "█".repeat(usize::try_from(length).unwrap_or(bar_room)),
                width = BAR_LABEL_WIDTH,
            );
            text(
                frame,
                row(bars_area, 1 + u16::try_from(i).unwrap_or(u16::MAX)),
                &line,
                view.theme.body,
            );
        }
        let chart_area = Rect {
            y: bars_area.y + 1,
            height: u16::try_from(shown).unwrap_or(u16::MAX),
            ..bars_area
        };
        if hidden > 0 {
            text(
                frame,
                row(bars_area, 1 + chart_area.height),
                &fill(Msg::ReportChartMore, lang, &[("n", &hidden.to_string())]),
                view.theme.body,
            );
        }

        let spark_area = Rect {
            y: area.y + area.height.saturating_sub(spark_rows),
            height: spark_rows,
            ..area
        };
        let weeks: Vec<u64> = report
            .weeks
            .iter()
            .map(|w| u64::from(w.attendance))
            .collect();
        let max = weeks.iter().copied().max().unwrap_or(0);
        let week_name = |w: Option<&crate::report::WeekCount>| {
            w.map_or_else(String::new, |w| {
                fill(
                    Msg::ReportWeek,
                    lang,
                    &[("week", &w.week.to_string()), ("year", &w.year.to_string())],
                )
            })
        };
        text(
            frame,
            row(spark_area, 0),
            &fill(
                Msg::ReportChartWeeks,
                lang,
                &[
                    ("from", &week_name(report.weeks.first())),
                    ("to", &week_name(report.weeks.last())),
                    ("max", &max.to_string()),
                ],
            ),
            view.theme.body,
        );
        // The newest weeks matter most: when they do not all fit, the oldest go; when there
        // is room, each week gets several columns. A scale on the left, the weeks shown at
        // both ends underneath.
        let axis = u16::try_from(max.to_string().len() + 2).unwrap_or(8);
        let plot = Rect {
            x: spark_area.x + axis,
            y: spark_area.y + 1,
            width: spark_area.width.saturating_sub(axis),
            height: spark_area.height.saturating_sub(2),
        };
        let width = usize::from(plot.width);
        let first_shown = weeks.len().saturating_sub(width);
        let recent = &weeks[first_shown..];
        let columns = (width / recent.len().max(1)).max(1);
        let stretched: Vec<u64> = recent
            .iter()
            .flat_map(|&n| std::iter::repeat_n(n, columns))
            .collect();
        frame.render_widget(
            Sparkline::default()
                .data(&stretched)
                .max(max.max(1))
                .style(view.theme.body),
            plot,
        );
        if plot.height > 0 {
            let at = |y: u16| Rect {
                x: spark_area.x,
                y,
                width: axis,
                height: 1,
            };
            text(
                frame,
                at(plot.y),
                &format!("{max:>w$} ┤", w = usize::from(axis) - 2),
                view.theme.body,
            );
            text(
                frame,
                at(plot.y + plot.height - 1),
                &format!("{:>w$} ┤", 0, w = usize::from(axis) - 2),
                view.theme.body,
            );
            let first = week_name(report.weeks.get(first_shown));
            let last = week_name(report.weeks.last());
            let labels = Rect {
                y: plot.y + plot.height,
                height: 1,
                ..plot
            };
            text(frame, labels, &first, view.theme.body);
            let last_w = u16::try_from(crate::ui::sanitize::display_width(&last)).unwrap_or(0);
            if last_w + u16::try_from(first.len()).unwrap_or(0) < labels.width {
                text(
                    frame,
                    Rect {
                        x: labels.x + labels.width - last_w,
                        width: last_w,
                        ..labels
                    },
                    &last,
                    view.theme.body,
                );
            }
        }
    }
}

impl Screen for PeriodReportScreen {
    fn title(&self, lang: Lang) -> String {
        Msg::PeriodReportTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.focus == Focus::Report {
            Mode::View
        } else {
            Mode::Form
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![
            Action::Print,
            Action::SaveFile,
            Action::Save,
            Action::Chart,
            Action::NextField,
            Action::Back,
            Action::Help,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::PeriodReport)) {
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
            Action::Print => self.job = Some(Job::Print),
            Action::Save | Action::SaveFile => self.job = Some(Job::Save),
            Action::Chart => self.chart = !self.chart,
            Action::Confirm => match self.focus {
                Focus::From | Focus::To => self.apply_dates(ctx),
                Focus::Folder | Focus::Report => {}
            },
            Action::Click { col, row } => {
                let targets = [Focus::From, Focus::To, Focus::Folder];
                let hit = self.hit.get();
                let target = hit.iter().position(|r| contains(*r, *col, *row));
                self.set_focus(target.map_or(Focus::Report, |i| targets[i]));
            }
            Action::Back if self.focus != Focus::Report => {
                self.show_dates();
                self.set_focus(Focus::Report);
            }
            other => {
                if self.chart || !self.preview.handle(other) {
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

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        self.render_header(frame, area, view);
        let body = Rect {
            y: area.y + HEADER_ROWS,
            height: area.height.saturating_sub(HEADER_ROWS),
            ..area
        };
        if self.chart {
            self.render_chart(frame, body, view);
        } else {
            self.preview.render(frame, body);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_default_period_is_twelve_months() {
        assert_eq!(
            default_period(date(2026, 11, 26)),
            (date(2025, 12, 1), date(2026, 11, 26))
        );
        assert_eq!(
            default_period(date(2026, 1, 31)),
            (date(2025, 2, 1), date(2026, 1, 31))
        );
    }
}
