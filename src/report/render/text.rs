//! The printable text of both reports: German (or English) headings from
//! the catalog, dates in the language's form, 80 columns, A4 pages.

use super::layout::{pad, right, wrap_indented, wrap_paragraphs};
use super::page::{Block, Header, WIDTH, paginate};
use super::{clock, decimal, pillar_name, state_name, visitor_no};
use crate::report::{Count, DaySummary, PeriodReport, SessionLine, shown_count};
use crate::store::records::Pillar;
use crate::text::catalog::{Lang, Msg, fill, format_date, format_date_long, month_name};

// The session table of the day summary: 11 + 1 + 38 + 1 + 11 + 3 × (1 + 5) = 80.
const TIME_W: usize = 11;
const TITLE_W: usize = 38;
const STATE_W: usize = 11;
const NUM_W: usize = 5;
/// Where the lines under a session row start (below the title).
const DETAIL_INDENT: usize = TIME_W + 1;

// The offering table of the period report: 44 + 4 × (1 + 8) = 80.
const NAME_W: usize = 44;
const FIGURE_W: usize = 8;

/// Label and value lines: the value flush right in this many cells.
const VALUE_W: usize = 8;
/// The longest bar of a text bar chart.
const BAR_W: usize = 40;

fn text(msg: Msg, lang: Lang) -> &'static str {
    msg.text(lang)
}

fn heading(msg: Msg, lang: Lang) -> Vec<String> {
    vec![text(msg, lang).to_string()]
}

/// `  label ............ value` without the dots: label left, value right.
fn label_value(indent: usize, label: &str, value: u32) -> String {
    let label_w = WIDTH - indent - VALUE_W;
    format!(
        "{}{}{}",
        " ".repeat(indent),
        pad(label, label_w),
        right(&value.to_string(), VALUE_W)
    )
}

/// A heading and one line per count, or "keine".
fn count_lines(title: Msg, counts: &[Count], lang: Lang) -> Vec<String> {
    let mut lines = heading(title, lang);
    if counts.is_empty() {
        lines.push(format!("  {}", text(Msg::ReportNone, lang)));
    }
    for c in counts {
        lines.push(label_shown(2, &c.label, &shown_count(c.count)));
    }
    lines
}

/// Like [`label_value`], for a value already in its printed form.
fn label_shown(indent: usize, label: &str, value: &str) -> String {
    let label_w = WIDTH - indent - VALUE_W;
    format!(
        "{}{}{}",
        " ".repeat(indent),
        pad(label, label_w),
        right(value, VALUE_W)
    )
}

/// The three breakdowns with the small-cell rule under them, or the line
/// saying they are left out (volunteers hold no key to open them).
fn breakdown_blocks(sections: [(Msg, &[Count]); 3], left_out: bool, lang: Lang) -> Vec<Block> {
    if left_out {
        return vec![Block::new(wrap_paragraphs(
            text(Msg::ReportBreakdownsLeftOut, lang),
            0,
            WIDTH,
        ))];
    }
    let mut blocks: Vec<Block> = sections
        .into_iter()
        .map(|(title, counts)| Block::new(count_lines(title, counts, lang)))
        .collect();
    blocks.push(Block::new(wrap_paragraphs(
        text(Msg::ReportSmallCellRule, lang),
        0,
        WIDTH,
    )));
    blocks
}

/// A heading and a free text, wrapped, or "keine".
fn text_lines(title: Msg, body: &str, lang: Lang) -> Vec<String> {
    let mut lines = heading(title, lang);
    if body.trim().is_empty() {
        lines.push(format!("  {}", text(Msg::ReportNone, lang)));
    } else {
        lines.extend(wrap_paragraphs(body, 2, WIDTH));
    }
    lines
}

/// A heading and lines `label  count  ####`, bars scaled to the largest count.
fn bar_lines(title: Msg, rows: &[(String, u32)], lang: Lang) -> Vec<String> {
    let mut lines = heading(title, lang);
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let label_w = WIDTH - 2 - VALUE_W - 2 - BAR_W;
    for (label, n) in rows {
        let bar = if max == 0 {
            0
        } else {
            ((*n as usize) * BAR_W).div_ceil(max as usize)
        };
        lines.push(format!(
            "  {}{}  {}",
            pad(label, label_w),
            right(&n.to_string(), VALUE_W),
            "#".repeat(bar)
        ));
    }
    if rows.is_empty() {
        lines.push(format!("  {}", text(Msg::ReportNone, lang)));
    }
    lines
}

fn tallies_text(tallies: &[Count]) -> String {
    tallies
        .iter()
        .map(|t| format!("{} {}", t.label, t.count))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn session_row(time: &str, title: &str, state: &str, numbers: [u32; 3]) -> Vec<String> {
    let mut title_lines = crate::text::sanitize::wrap(title, TITLE_W);
    if title_lines.is_empty() {
        title_lines.push(String::new());
    }
    let mut row = pad(time, TIME_W);
    row.push(' ');
    row.push_str(&pad(&title_lines[0], TITLE_W));
    row.push(' ');
    row.push_str(&pad(state, STATE_W));
    for n in numbers {
        row.push(' ');
        row.push_str(&right(&n.to_string(), NUM_W));
    }
    let mut lines = vec![row];
    for more in &title_lines[1..] {
        lines.push(format!("{}{more}", " ".repeat(DETAIL_INDENT)));
    }
    lines
}

fn session_lines(s: &SessionLine, lang: Lang) -> Vec<String> {
    let time = format!("{}–{}", clock(s.start), clock(s.end));
    let mut lines = session_row(
        &time,
        &s.title,
        state_name(s.state, lang),
        [s.checkins, s.tallied(), s.total],
    );
    let mut detail = pillar_name(s.pillar, lang).to_string();
    if !s.tallies.is_empty() {
        // The split is of the anonymous count only; the checked-in have no category.
        detail.push_str(" · ");
        detail.push_str(&fill(
            Msg::ReportTallySplit,
            lang,
            &[("split", &tallies_text(&s.tallies))],
        ));
    }
    lines.extend(wrap_indented(&detail, DETAIL_INDENT, WIDTH));
    if !s.note.trim().is_empty() {
        let note = fill(Msg::ReportSessionNote, lang, &[("note", &s.note)]);
        lines.extend(wrap_paragraphs(&note, DETAIL_INDENT, WIDTH));
    }
    lines
}

/// The session table: column heads glued to the first session, a blank
/// line between sessions (each takes two or three lines), the sum glued
/// to the last.
fn sessions_blocks(summary: &DaySummary, lang: Lang) -> Vec<Block> {
    let mut head = heading(Msg::ReportSessions, lang);
    if summary.sessions.is_empty() {
        head.push(format!("  {}", text(Msg::ReportNoSessions, lang)));
        return vec![Block::new(head)];
    }
    let mut columns = pad(text(Msg::ReportColTime, lang), TIME_W);
    columns.push(' ');
    columns.push_str(&pad(text(Msg::ReportColSession, lang), TITLE_W));
    columns.push(' ');
    columns.push_str(&pad(text(Msg::ReportColState, lang), STATE_W));
    for msg in [
        Msg::ReportColRegistered,
        Msg::ReportColTallied,
        Msg::ReportColTotal,
    ] {
        columns.push(' ');
        columns.push_str(&right(text(msg, lang), NUM_W));
    }
    head.push(columns);
    head.push("-".repeat(WIDTH));
    let mut blocks = Vec::new();
    for s in &summary.sessions {
        let lines = session_lines(s, lang);
        if blocks.is_empty() {
            head.extend(lines);
            blocks.push(Block::new(std::mem::take(&mut head)));
        } else {
            blocks.push(Block::new(lines));
        }
    }
    let t = &summary.totals;
    let mut sum = vec!["-".repeat(WIDTH)];
    sum.extend(session_row(
        "",
        text(Msg::ReportSum, lang),
        "",
        [t.checkins, t.tallied, t.total],
    ));
    let count = fill(
        Msg::ReportSessionCount,
        lang,
        &[
            ("count", &t.sessions.to_string()),
            ("held", &t.held.to_string()),
        ],
    );
    sum.extend(wrap_indented(&count, DETAIL_INDENT, WIDTH));
    if !t.tallies.is_empty() {
        sum.extend(wrap_indented(
            &fill(
                Msg::ReportTallySplit,
                lang,
                &[("split", &tallies_text(&t.tallies))],
            ),
            DETAIL_INDENT,
            WIDTH,
        ));
    }
    blocks.push(Block::glued(sum));
    blocks.push(Block::new(wrap_indented(
        text(Msg::ReportDayLegend, lang),
        0,
        WIDTH,
    )));
    blocks
}

fn attendance_blocks(summary: &DaySummary, lang: Lang) -> Vec<Block> {
    let mut blocks = Vec::new();
    for s in &summary.sessions {
        let Some(attendees) = &s.attendees else {
            continue;
        };
        let mut lines = Vec::new();
        if blocks.is_empty() {
            lines.push(format!(
                "{} – {}",
                text(Msg::ReportAttendanceList, lang),
                text(Msg::ReportConfidential, lang)
            ));
        }
        lines.push(format!("{}–{}  {}", clock(s.start), clock(s.end), s.title));
        if attendees.is_empty() {
            lines.push(format!("  {}", text(Msg::ReportNone, lang)));
        }
        for a in attendees {
            let name = if a.erased {
                text(Msg::ReportErasedVisitor, lang).to_string()
            } else if a.name_latin.trim().is_empty() || a.name_latin == a.name {
                a.name.clone()
            } else {
                format!("{} ({})", a.name, a.name_latin)
            };
            lines.push(format!("  {}  {}", visitor_no(a.number), name));
        }
        blocks.push(Block::new(lines));
    }
    blocks
}

/// The day summary as printable text.
pub(super) fn day(summary: &DaySummary, lang: Lang) -> String {
    let mut blocks = sessions_blocks(summary, lang);
    let v = &summary.visitors;
    blocks.push(Block::new(vec![
        text(Msg::ReportVisitors, lang).to_string(),
        label_value(
            2,
            text(Msg::ReportNewRegistrations, lang),
            v.new_registrations,
        ),
        label_value(2, text(Msg::ReportUniqueVisitors, lang), v.unique),
        label_value(4, text(Msg::ReportOfThemNew, lang), v.new),
        label_value(4, text(Msg::ReportOfThemReturning, lang), v.returning),
    ]));
    blocks.extend(breakdown_blocks(
        [
            (Msg::ReportNewLanguages, &summary.new_languages),
            (Msg::ReportNewNeeds, &summary.new_needs),
            (Msg::ReportReferrals, &summary.referrals),
        ],
        summary.breakdowns_left_out,
        lang,
    ));
    let staff = summary.staff_on_duty.join(", ");
    blocks.push(Block::new(text_lines(Msg::ReportStaffOnDuty, &staff, lang)));
    blocks.push(Block::new(text_lines(
        Msg::ReportDayNote,
        &summary.note,
        lang,
    )));
    blocks.extend(attendance_blocks(summary, lang));
    let subtitle = format_date_long(summary.date, lang);
    let marker = if summary.has_names() {
        text(Msg::ReportConfidential, lang)
    } else {
        ""
    };
    let header = Header {
        title: text(Msg::ReportDayTitle, lang),
        subtitle: &subtitle,
        marker,
    };
    paginate(&header, &blocks, lang)
}

fn figures_row(name: &str, indent: usize, figures: [String; 4]) -> Vec<String> {
    let mut lines = wrap_indented(name, indent, NAME_W);
    let first = pad(&lines[0], NAME_W);
    let mut row = first;
    for f in figures {
        row.push(' ');
        row.push_str(&right(&f, FIGURE_W));
    }
    lines[0] = row;
    lines
}

/// The offering table: grouped by pillar (a blank line and the pillar's
/// name before each group), rows glued within a group.
fn offering_blocks(report: &PeriodReport, lang: Lang) -> Vec<Block> {
    let mut head = heading(Msg::ReportOfferings, lang);
    let mut columns = pad(text(Msg::ReportColOffering, lang), NAME_W);
    for msg in [
        Msg::ReportColHeld,
        Msg::ReportColAttendance,
        Msg::ReportColMean,
        Msg::ReportColUnique,
    ] {
        columns.push(' ');
        columns.push_str(&right(text(msg, lang), FIGURE_W));
    }
    head.push(columns);
    head.push("-".repeat(WIDTH));
    let mut blocks = vec![Block::new(head)];
    let mut pillar: Option<Pillar> = None;
    for o in &report.offerings {
        let row = figures_row(
            &o.name,
            2,
            [
                o.sessions_held.to_string(),
                o.attendance.to_string(),
                decimal(o.attendance, o.sessions_held, 1, lang),
                o.unique_visitors.to_string(),
            ],
        );
        if pillar == Some(o.pillar) {
            blocks.push(Block::glued(row));
        } else {
            pillar = Some(o.pillar);
            let mut lines = vec![pillar_name(o.pillar, lang).to_string()];
            lines.extend(row);
            // The column heads stay with the first group.
            let glued = blocks.len() == 1;
            blocks.push(Block { lines, glued });
        }
    }
    let t = &report.totals;
    let mut sum = vec!["-".repeat(WIDTH)];
    sum.extend(figures_row(
        text(Msg::ReportSum, lang),
        0,
        [
            t.sessions_held.to_string(),
            t.attendance.to_string(),
            decimal(t.attendance, t.sessions_held, 1, lang),
            t.unique_visitors.to_string(),
        ],
    ));
    blocks.push(Block::new(sum));
    blocks.push(Block::new(wrap_indented(
        text(Msg::ReportPeriodLegend, lang),
        0,
        WIDTH,
    )));
    blocks
}

/// The period report as printable text.
pub(super) fn period(report: &PeriodReport, lang: Lang) -> String {
    let mut blocks = offering_blocks(report, lang);
    blocks.push(Block::new(vec![
        text(Msg::ReportVisitors, lang).to_string(),
        label_value(
            2,
            text(Msg::ReportNewRegistrations, lang),
            report.totals.new_registrations,
        ),
        label_value(
            2,
            text(Msg::ReportUniqueVisitors, lang),
            report.totals.unique_visitors,
        ),
    ]));
    let months: Vec<(String, u32)> = report
        .registrations_per_month
        .iter()
        .map(|m| (format!("{} {}", month_name(m.month, lang), m.year), m.count))
        .collect();
    blocks.push(Block::new(bar_lines(
        Msg::ReportRegistrationsPerMonth,
        &months,
        lang,
    )));
    let weeks: Vec<(String, u32)> = report
        .weeks
        .iter()
        .map(|w| {
            let label = fill(
                Msg::ReportWeek,
                lang,
                &[
                    ("week", &format!("{:02}", w.week)),
                    ("year", &w.year.to_string()),
                ],
            );
            (label, w.attendance)
        })
        .collect();
    blocks.push(Block::new(bar_lines(
        Msg::ReportAttendancePerWeek,
        &weeks,
        lang,
    )));
    blocks.extend(breakdown_blocks(
        [
            (Msg::ReportLanguages, &report.languages),
            (Msg::ReportNeeds, &report.needs),
            (Msg::ReportReferrals, &report.referrals),
        ],
        false,
        lang,
    ));
    blocks.extend(super::mediation::text_blocks(&report.mediation, lang));
    let subtitle = fill(
        Msg::ReportRange,
        lang,
        &[
            ("from", &format_date(report.from, lang)),
            ("to", &format_date(report.to, lang)),
        ],
    );
    let header = Header {
        title: text(Msg::ReportPeriodTitle, lang),
        subtitle: &subtitle,
        marker: "",
    };
    paginate(&header, &blocks, lang)
}
