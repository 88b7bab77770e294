//! Drawing the intake: the step list on the left, the page's questions on the right; the
//! duplicate list; the saved number in large digits.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::format_visitor_no;
use crate::ui::catalog::{Msg, fill};
use crate::ui::layout::{inset, row, text};
use crate::ui::screen::View;
use crate::ui::screens::big_digits;

use super::draft;
use super::fields::FieldId;
use super::pages::{STEPS, Step};
use super::{HOUSEHOLD_HITS, Intake, Phase, summary};

/// Width of the step list at the left.
const STEP_LIST_W: u16 = 20;

pub fn render(intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let area = inset(area, 1);
    match &intake.phase {
        Phase::Form => render_form(intake, frame, area, view),
        Phase::Duplicates {
            hits,
            selected,
            by_year,
        } => render_duplicates(hits, *selected, *by_year, frame, area, view),
        Phase::Done { no, complete } => render_done(intake, *no, *complete, frame, area, view),
    }
}

/// Room for the longest question, "Staatsangehörigkeit", with the focus mark and a space.
fn label_width(area: Rect) -> u16 {
    if area.width >= 90 { 26 } else { 22 }
}

fn render_form(intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let lang = view.lang;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let step = intake.current();
    let heading = fill(
        Msg::IntakeStepOf,
        lang,
        &[
            ("n", &(intake.step + 1).to_string()),
            ("m", &STEPS.len().to_string()),
            ("name", step.label().text(lang)),
        ],
    );
    text(frame, row(area, 0), &heading, bold);
    text(
        frame,
        row(area, 1),
        step.intro().text(lang),
        view.theme.body,
    );

    let body = Rect {
        y: area.y + 3,
        height: area.height.saturating_sub(3),
        ..area
    };
    for (i, s) in STEPS.iter().enumerate() {
        let marker = if i == intake.step { "▶ " } else { "  " };
        let style = if i == intake.step {
            bold
        } else {
            view.theme.body
        };
        text(
            frame,
            Rect {
                width: STEP_LIST_W.min(body.width),
                ..row(body, i as u16)
            },
            &format!("{marker}{} {}", i + 1, s.label().text(lang)),
            style,
        );
    }
    let right = Rect {
        x: body.x + STEP_LIST_W,
        width: body.width.saturating_sub(STEP_LIST_W),
        ..body
    };
    match step {
        Step::Confirm => render_confirm(intake, frame, right, view),
        Step::Household => render_household(intake, frame, right, view),
        _ => render_fields(intake, frame, right, view),
    }
}

fn render_fields(intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let fields = intake.fields();
    let label_w = label_width(area);
    let fixed: u16 = fields
        .iter()
        .filter(|f| !f.is_list())
        .map(|f| f.height(0))
        .sum();
    let lists: Vec<_> = fields.iter().filter(|f| f.is_list()).collect();
    let list_overhead: u16 = lists.iter().map(|f| f.height(0)).sum();
    let spare = area.height.saturating_sub(fixed + list_overhead);
    let share = if lists.is_empty() {
        0
    } else {
        spare / lists.len() as u16
    };
    let mut y = 0u16;
    for (i, field) in fields.iter().enumerate() {
        let list_rows = if field.is_list() {
            share.min(u16::try_from(field.list_len()).unwrap_or(u16::MAX))
        } else {
            0
        };
        let h = field.height(list_rows);
        if y >= area.height {
            break;
        }
        let place = Rect {
            y: area.y + y,
            height: h.min(area.height - y),
            ..area
        };
        field.render(
            frame,
            place,
            label_w,
            i == intake.focus,
            view.lang,
            &view.theme,
        );
        y += h;
    }
}

fn render_household(intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let lang = view.lang;
    let label_w = label_width(area);
    let fields = intake.fields();
    let mut y = 0u16;
    if let Some(search) = fields.iter().position(|f| f.id == FieldId::HouseholdSearch) {
        let f = &fields[search];
        let h = f.height(0);
        f.render(
            frame,
            Rect {
                y: area.y,
                height: h.min(area.height),
                ..area
            },
            label_w,
            intake.focus == search,
            lang,
            &view.theme,
        );
        y += h;
        let focused = intake.focus == search;
        for i in 0..HOUSEHOLD_HITS {
            let at = row(area, y + i as u16);
            let at = Rect {
                x: at.x + 2,
                width: at.width.saturating_sub(2),
                ..at
            };
            match intake.household_hits.get(i) {
                Some((_, label)) => {
                    let chosen = focused && i == intake.household_selected;
                    let style = if chosen {
                        view.theme.selected
                    } else {
                        view.theme.body
                    };
                    let marker = if chosen { "▶ " } else { "  " };
                    text(frame, at, &format!("{marker}{label}"), style);
                }
                None if i == 0 && !draft::household_query(&intake.steps).trim().is_empty() => {
                    text(
                        frame,
                        at,
                        &format!("  {}", Msg::IntakeHouseholdNoHits.text(lang)),
                        view.theme.body,
                    );
                }
                None => {}
            }
        }
        y += HOUSEHOLD_HITS as u16;
    }
    let picked = match &intake.household_pick {
        Some((_, label)) => fill(Msg::IntakeHouseholdPicked, lang, &[("visitor", label)]),
        None => Msg::IntakeHouseholdNone.text(lang).into(),
    };
    text(
        frame,
        row(area, y),
        &picked,
        Style::new().add_modifier(Modifier::BOLD),
    );
    if intake.household_pick.is_some() {
        text(
            frame,
            row(area, y + 1),
            Msg::IntakeHouseholdUnlink.text(lang),
            view.theme.body,
        );
    }
    y += 3;
    if let Some(next) = fields.iter().position(|f| f.id == FieldId::RegisterNext) {
        let f = &fields[next];
        let h = f.height(1);
        if y < area.height {
            f.render(
                frame,
                Rect {
                    y: area.y + y,
                    height: h.min(area.height - y),
                    ..area
                },
                label_w,
                intake.focus == next,
                lang,
                &view.theme,
            );
        }
    }
}

fn render_confirm(intake: &Intake, frame: &mut Frame, area: Rect, view: &View<'_>) {
    let lang = view.lang;
    let label_w = usize::from(label_width(area));
    match draft::to_data(&intake.steps, &intake.refs, view.today, intake.base()) {
        Ok(data) => {
            let household = intake.household_pick.as_ref().map(|(_, l)| l.as_str());
            let lines = summary::lines(&data, &intake.refs, household, lang);
            let mut y = 0u16;
            for (label, value) in &lines {
                let label = crate::ui::sanitize::fit(label.text(lang), label_w - 1);
                let pad = label_w.saturating_sub(crate::ui::sanitize::display_width(&label));
                text(
                    frame,
                    row(area, y),
                    &format!("{label}{}{value}", " ".repeat(pad)),
                    view.theme.body,
                );
                y += 1;
            }
            let status = if draft::is_complete(&data) {
                Msg::IntakeWillBeComplete
            } else {
                Msg::IntakeWillBeShort
            };
            text(
                frame,
                row(area, y),
                status.text(lang),
                Style::new().add_modifier(Modifier::BOLD),
            );
        }
        Err(problems) => {
            text(
                frame,
                row(area, 0),
                Msg::IntakeFixProblems.text(lang),
                view.theme.error,
            );
            for (i, (_, msg)) in problems.iter().enumerate() {
                text(
                    frame,
                    row(area, 2 + i as u16),
                    &format!("✗ {}", msg.text(lang)),
                    view.theme.body,
                );
            }
        }
    }
}

fn render_duplicates(
    hits: &[(u32, String)],
    selected: usize,
    by_year: bool,
    frame: &mut Frame,
    area: Rect,
    view: &View<'_>,
) {
    let lang = view.lang;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    text(frame, row(area, 0), Msg::IntakeDupTitle.text(lang), bold);
    let used = crate::ui::layout::paragraph(
        frame,
        Rect {
            y: area.y + 1,
            height: 3.min(area.height.saturating_sub(1)),
            ..area
        },
        if by_year {
            Msg::IntakeDupIntro.text(lang)
        } else {
            Msg::IntakeDupIntroNoYear.text(lang)
        },
        view.theme.body,
    );
    let top = 2 + used;
    let rows: Vec<String> = hits
        .iter()
        .map(|(_, label)| fill(Msg::IntakeDupSame, lang, &[("visitor", label)]))
        .chain(std::iter::once(Msg::IntakeDupNew.text(lang).to_string()))
        .collect();
    let visible = usize::from(area.height.saturating_sub(top));
    let offset = selected.saturating_sub(visible.saturating_sub(1));
    for (i, line) in rows.iter().enumerate().skip(offset).take(visible) {
        let style = if i == selected {
            view.theme.selected
        } else {
            view.theme.body
        };
        let marker = if i == selected { "▶ " } else { "  " };
        text(
            frame,
            row(area, top + (i - offset) as u16),
            &format!("{marker}{line}"),
            style,
        );
    }
}

fn render_done(
    intake: &Intake,
    no: u32,
    complete: bool,
    frame: &mut Frame,
    area: Rect,
    view: &View<'_>,
) {
    let lang = view.lang;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let number = format_visitor_no(no);
    text(frame, row(area, 0), Msg::IntakeDoneTitle.text(lang), bold);
    for (i, line) in big_digits::lines_of(&number).iter().enumerate() {
        text(frame, row(area, 2 + i as u16), &format!("   {line}"), bold);
    }
    text(
        frame,
        row(area, 8),
        &fill(Msg::IntakeDoneNumber, lang, &[("number", &number)]),
        bold,
    );
    text(
        frame,
        row(area, 9),
        Msg::IntakeDoneWriteCard.text(lang),
        view.theme.body,
    );
    if !complete {
        text(
            frame,
            row(area, 11),
            Msg::IntakeDoneShort.text(lang),
            view.theme.body,
        );
    }
    let next = if draft::register_next(&intake.steps) {
        Msg::IntakeDoneNextFamily
    } else {
        Msg::IntakeDoneClose
    };
    text(frame, row(area, 13), next.text(lang), view.theme.body);
}
