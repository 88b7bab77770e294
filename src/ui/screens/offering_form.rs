//! The form for one offering (coordinator): name, pillar, partner, room,
//! recurrence, tally categories. Problems are shown under their field.

use std::cell::{Cell, RefCell};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{
    Capability, DeskError, IsoWeekday, Login, Offering, OfferingId, Pillar, Recurrence, RefId,
    RefList,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{button, choice, inset, labelled, row, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::schedule_text::{
    MONTH_WEEKS, WEEKDAYS_SHORT, format_time, month_week, parse_date, parse_time, pillar,
    time_span, weekday_long,
};
use crate::ui::theme::glyph;
use crate::ui::widgets::{PickList, TextField, contains, next_in, wrap_step};

const TEXT_MAX: usize = crate::desk::MAX_OFFERING_TEXT;
/// Tally categories shown at once; more scroll.
const TALLY_ROWS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Weekly,
    Monthly,
    Once,
    AdHoc,
}

const KINDS: [Kind; 4] = [Kind::Weekly, Kind::Monthly, Kind::Once, Kind::AdHoc];

fn describe_kind(kind: Kind, lang: Lang) -> &'static str {
    let msg = match kind {
        Kind::Weekly => Msg::RecurKindWeekly,
        Kind::Monthly => Msg::RecurKindMonthly,
        Kind::Once => Msg::RecurKindOnce,
        Kind::AdHoc => Msg::RecurKindAdHoc,
    };
    msg.text(lang)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Name,
    Pillar,
    Partner,
    Room,
    Kind,
    Weekdays,
    MonthWeek,
    MonthDay,
    Date,
    Start,
    End,
    Tally,
    Save,
}

pub struct OfferingForm {
    lang: Lang,
    id: Option<OfferingId>,
    archived: bool,
    focus: Focus,
    name: TextField,
    pillar: usize,
    partner: TextField,
    room: TextField,
    kind: usize,
    weekdays: [bool; 7],
    weekday_cursor: usize,
    month_week: usize,
    month_day: usize,
    date: TextField,
    start: TextField,
    end: TextField,
    tally_ids: Vec<RefId>,
    tally: PickList,
    problems: Vec<(Focus, Msg)>,
    /// What the fields held when the form opened, to tell whether leaving loses anything.
    initial: String,
    /// Where each field and weekday box was drawn, for mouse clicks.
    hits: RefCell<Vec<(Focus, Rect)>>,
    day_boxes: Cell<[Rect; 7]>,
}

impl OfferingForm {
    /// A new offering (`existing` None) or the form for changing one.
    pub fn new(ctx: &mut Ctx<'_>, existing: Option<(OfferingId, Offering)>) -> Self {
        let lang = ctx.lang;
        let categories = match ctx.desk.map(|d| d.reference(RefList::TallyCategories)) {
            Some(Ok(list)) => list,
            Some(Err(e)) => {
                ctx.desk_error(&e);
                Vec::new()
            }
            None => Vec::new(),
        };
        let used: Vec<RefId> = existing
            .as_ref()
            .map(|(_, o)| o.tally_categories.clone())
            .unwrap_or_default();
        // Archived categories stay visible only where this offering still uses them.
        let categories: Vec<(RefId, String)> = categories
            .into_iter()
            .filter(|(id, e)| !e.archived || used.contains(id))
            .map(|(id, e)| (id, e.label))
            .collect();
        let mut tally = PickList::multiple(categories.iter().map(|(_, l)| l.clone()).collect());
        tally.set_focused(false);
        let field = |max| TextField::new(lang).with_max_len(max);
        let mut form = OfferingForm {
            lang,
            id: None,
            archived: false,
            focus: Focus::Name,
            name: field(TEXT_MAX),
            pillar: 0,
            partner: field(TEXT_MAX),
            room: field(TEXT_MAX),
            kind: 0,
            weekdays: [false; 7],
            weekday_cursor: 0,
            month_week: 0,
            month_day: 0,
            date: field(10),
            start: field(5),
            end: field(5),
            tally_ids: categories.iter().map(|(id, _)| *id).collect(),
            tally,
            problems: Vec::new(),
            initial: String::new(),
            hits: RefCell::new(Vec::new()),
            day_boxes: Cell::new([Rect::default(); 7]),
        };
        match existing {
            Some((id, o)) => form.fill_from(id, o),
            None => {
                // Adults and children, the categories nearly every offering counts.
                for i in 0..form.tally_ids.len().min(2) {
                    form.tally.set_checked(i, true);
                }
            }
        }
        form.set_focus(Focus::Name);
        form.initial = form.fingerprint();
        form
    }

    fn fill_from(&mut self, id: OfferingId, o: Offering) {
        self.id = Some(id);
        self.archived = o.archived;
        self.name.set_value(o.name);
        self.pillar = Pillar::ALL.iter().position(|p| *p == o.pillar).unwrap_or(0);
        self.partner.set_value(o.partner);
        self.room.set_value(o.room);
        let set_times = |form: &mut Self, start, end| {
            form.start.set_value(format_time(start));
            form.end.set_value(format_time(end));
        };
        match o.recurrence {
            Recurrence::Weekly {
                weekdays,
                start,
                end,
            } => {
                self.kind = 0;
                for d in weekdays {
                    if let Some(slot) = usize::from(d)
                        .checked_sub(1)
                        .and_then(|i| self.weekdays.get_mut(i))
                    {
                        *slot = true;
                    }
                }
                set_times(self, start, end);
            }
            Recurrence::Monthly {
                week,
                weekday,
                start,
                end,
            } => {
                self.kind = 1;
                self.month_week = MONTH_WEEKS.iter().position(|w| *w == week).unwrap_or(0);
                self.month_day = usize::from(weekday).saturating_sub(1).min(6);
                set_times(self, start, end);
            }
            Recurrence::Once { date, start, end } => {
                self.kind = 2;
                self.date
                    .set_value(crate::ui::catalog::format_date(date, self.lang));
                set_times(self, start, end);
            }
            Recurrence::AdHoc => self.kind = 3,
        }
        for (i, id) in self.tally_ids.iter().enumerate() {
            self.tally.set_checked(i, o.tally_categories.contains(id));
        }
    }

    fn kind(&self) -> Kind {
        KINDS[self.kind]
    }

    fn order(&self) -> Vec<Focus> {
        let mut order = vec![
            Focus::Name,
            Focus::Pillar,
            Focus::Partner,
            Focus::Room,
            Focus::Kind,
        ];
        match self.kind() {
            Kind::Weekly => order.push(Focus::Weekdays),
            Kind::Monthly => order.extend([Focus::MonthWeek, Focus::MonthDay]),
            Kind::Once => order.push(Focus::Date),
            Kind::AdHoc => {}
        }
        if self.kind() != Kind::AdHoc {
            order.extend([Focus::Start, Focus::End]);
        }
        order.extend([Focus::Tally, Focus::Save]);
        order
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.name.set_focused(focus == Focus::Name);
        self.partner.set_focused(focus == Focus::Partner);
        self.room.set_focused(focus == Focus::Room);
        self.date.set_focused(focus == Focus::Date);
        self.start.set_focused(focus == Focus::Start);
        self.end.set_focused(focus == Focus::End);
        self.tally.set_focused(focus == Focus::Tally);
    }

    fn step(&mut self, forward: bool) {
        let next = next_in(&self.order(), self.focus, forward);
        self.set_focus(next);
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::Name => Some(&mut self.name),
            Focus::Partner => Some(&mut self.partner),
            Focus::Room => Some(&mut self.room),
            Focus::Date => Some(&mut self.date),
            Focus::Start => Some(&mut self.start),
            Focus::End => Some(&mut self.end),
            _ => None,
        }
    }

    fn fingerprint(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}",
            self.name.value(),
            self.pillar,
            self.partner.value(),
            self.room.value(),
            self.kind,
            self.weekdays,
            self.month_week,
            self.month_day,
            self.date.value(),
            self.start.value(),
            self.end.value(),
            self.tally.checked(),
        )
    }

    fn problem(&mut self, focus: Focus, msg: Msg) {
        if !self.problems.iter().any(|(f, _)| *f == focus) {
            self.problems.push((focus, msg));
        }
    }

    /// The offering the fields describe, or None with the problems noted.
    fn build(&mut self) -> Option<Offering> {
        self.problems.clear();
        if self.name.value().trim().is_empty() {
            self.problem(Focus::Name, Msg::ProblemName);
        }
        let kind = self.kind();
        let times = if kind == Kind::AdHoc {
            None
        } else {
            let start = parse_time(self.start.value());
            let end = parse_time(self.end.value());
            if start.is_none() {
                self.problem(Focus::Start, Msg::ProblemTime);
            }
            if end.is_none() {
                self.problem(Focus::End, Msg::ProblemTime);
            }
            match (start, end) {
                (Some(s), Some(e)) if e <= s => {
                    self.problem(Focus::End, Msg::ProblemEndBeforeStart);
                    None
                }
                (Some(s), Some(e)) => Some((s, e)),
                _ => None,
            }
        };
        let weekdays: Vec<IsoWeekday> = (1..=7u8)
            .filter(|d| self.weekdays[usize::from(d - 1)])
            .collect();
        if kind == Kind::Weekly && weekdays.is_empty() {
            self.problem(Focus::Weekdays, Msg::ProblemWeekdays);
        }
        let date = parse_date(self.date.value());
        if kind == Kind::Once && date.is_none() {
            self.problem(Focus::Date, Msg::ProblemDate);
        }
        let tally: Vec<RefId> = self
            .tally
            .checked()
            .into_iter()
            .filter_map(|i| self.tally_ids.get(i).copied())
            .collect();
        if tally.is_empty() {
            self.problem(Focus::Tally, Msg::ProblemTally);
        }
        if !self.problems.is_empty() {
            return None;
        }
        let recurrence = match (kind, times, date) {
            (Kind::AdHoc, _, _) => Recurrence::AdHoc,
            (Kind::Weekly, Some((start, end)), _) => Recurrence::Weekly {
                weekdays,
                start,
                end,
            },
            (Kind::Monthly, Some((start, end)), _) => Recurrence::Monthly {
                week: MONTH_WEEKS[self.month_week],
                weekday: u8::try_from(self.month_day + 1).unwrap_or(1),
                start,
                end,
            },
            (Kind::Once, Some((start, end)), Some(date)) => Recurrence::Once { date, start, end },
            _ => return None,
        };
        Some(Offering {
            name: self.name.value().trim().to_string(),
            pillar: Pillar::ALL[self.pillar],
            partner: self.partner.value().trim().to_string(),
            room: self.room.value().trim().to_string(),
            recurrence,
            tally_categories: tally,
            archived: self.archived,
        })
    }

    fn save(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        let Some(offering) = self.build() else {
            if let Some((focus, _)) = self.problems.first() {
                self.set_focus(*focus);
            }
            ctx.error(Msg::FormCheckFields.text(ctx.lang));
            return Outcome::Stay;
        };
        match desk.save_offering_with_sessions(login, self.id, &offering) {
            Ok((_, moved)) => {
                // Staff at the desk may be checking people in to today's
                // session right now: say that it moved and kept its people.
                let today = moved
                    .iter()
                    .filter_map(|&id| desk.session(id).ok())
                    .find(|s| s.record.date == ctx.today);
                let text = match today {
                    Some(s) => fill(
                        Msg::OfferSavedTodayMoved,
                        ctx.lang,
                        &[("time", &time_span(s.record.start, s.record.end))],
                    ),
                    None => Msg::OfferSaved.text(ctx.lang).to_string(),
                };
                ctx.success(text);
                Outcome::Back
            }
            Err(DeskError::Invalid { field, .. }) => {
                let focus = match field {
                    "name" => Focus::Name,
                    "partner" => Focus::Partner,
                    "room" => Focus::Room,
                    "tally_categories" => Focus::Tally,
                    _ => Focus::Kind,
                };
                self.set_focus(focus);
                let err = DeskError::invalid(field, "");
                ctx.desk_error(&err);
                Outcome::Stay
            }
            Err(e) => {
                ctx.desk_error(&e);
                Outcome::Stay
            }
        }
    }

    fn handle_choice(&mut self, action: &Action) -> bool {
        let forward = match action {
            Action::Right => true,
            Action::Left => false,
            Action::Toggle | Action::Input(' ') if self.focus == Focus::Weekdays => {
                let i = self.weekday_cursor;
                self.weekdays[i] = !self.weekdays[i];
                return true;
            }
            _ => return false,
        };
        match self.focus {
            Focus::Pillar => self.pillar = wrap_step(self.pillar, Pillar::ALL.len(), forward),
            Focus::Kind => self.kind = wrap_step(self.kind, KINDS.len(), forward),
            Focus::MonthWeek => {
                self.month_week = wrap_step(self.month_week, MONTH_WEEKS.len(), forward)
            }
            Focus::MonthDay => self.month_day = wrap_step(self.month_day, 7, forward),
            Focus::Weekdays => self.weekday_cursor = wrap_step(self.weekday_cursor, 7, forward),
            _ => return false,
        }
        true
    }

    fn problem_for(&self, focus: Focus) -> Option<Msg> {
        self.problems
            .iter()
            .find(|(f, _)| *f == focus)
            .map(|(_, m)| *m)
    }

    fn label(focus: Focus) -> Msg {
        match focus {
            Focus::Name => Msg::FieldOfferName,
            Focus::Pillar => Msg::FieldPillar,
            Focus::Partner => Msg::FieldPartner,
            Focus::Room => Msg::FieldRoom,
            Focus::Kind => Msg::FieldRecurrence,
            Focus::Weekdays => Msg::FieldWeekdays,
            Focus::MonthWeek => Msg::FieldMonthWeek,
            Focus::MonthDay => Msg::FieldWeekday,
            Focus::Date => Msg::FieldDate,
            Focus::Start => Msg::FieldStart,
            Focus::End => Msg::FieldEnd,
            Focus::Tally => Msg::FieldTally,
            Focus::Save => Msg::FormSave,
        }
    }

    fn click(&mut self, col: u16, row: u16, ctx: &mut Ctx<'_>) -> Outcome {
        if self.tally.click(col, row).is_some() {
            self.set_focus(Focus::Tally);
            return Outcome::Stay;
        }
        if let Some(i) = self
            .day_boxes
            .get()
            .iter()
            .position(|r| contains(*r, col, row))
        {
            self.set_focus(Focus::Weekdays);
            self.weekday_cursor = i;
            self.weekdays[i] = !self.weekdays[i];
            return Outcome::Stay;
        }
        let hit = self
            .hits
            .borrow()
            .iter()
            .find(|(_, r)| contains(*r, col, row))
            .map(|(f, _)| *f);
        match hit {
            Some(Focus::Save) => return self.save(ctx),
            Some(focus) => self.set_focus(focus),
            None => {}
        }
        Outcome::Stay
    }

    fn render_weekdays(&self, frame: &mut Frame, place: Rect, view: &View<'_>) {
        let mut boxes = [Rect::default(); 7];
        let mut x = place.x;
        for (i, msg) in WEEKDAYS_SHORT.iter().enumerate() {
            let mark = if self.weekdays[i] {
                glyph::CHECKED
            } else {
                glyph::UNCHECKED
            };
            let cell = format!("{mark}{}", msg.text(view.lang));
            let w = u16::try_from(crate::ui::sanitize::display_width(&cell)).unwrap_or(6);
            if x + w > place.x + place.width {
                break;
            }
            let style = if self.focus == Focus::Weekdays && i == self.weekday_cursor {
                view.theme.selected
            } else {
                view.theme.body
            };
            boxes[i] = Rect {
                x,
                width: w,
                ..place
            };
            text(frame, boxes[i], &cell, style);
            x += w + 1;
        }
        self.day_boxes.set(boxes);
    }
}

impl Screen for OfferingForm {
    fn title(&self, lang: Lang) -> String {
        match self.id {
            Some(_) => Msg::OfferEditTitle.text(lang).into(),
            None => Msg::OfferNewTitle.text(lang).into(),
        }
    }

    fn mode(&self) -> Mode {
        Mode::Form
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![Action::Save, Action::NextField, Action::Back, Action::Help]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx
            .login
            .is_some_and(|l| l.may(Capability::ManageOfferings))
        {
            return Outcome::Back;
        }
        if let Some(field) = self.field()
            && field.handle(action)
        {
            return Outcome::Stay;
        }
        if self.focus == Focus::Tally && self.tally.handle(action) {
            return Outcome::Stay;
        }
        if self.handle_choice(action) {
            return Outcome::Stay;
        }
        match action {
            Action::NextField | Action::Down => self.step(true),
            Action::PrevField | Action::Up => self.step(false),
            Action::Save | Action::Confirm => return self.save(ctx),
            Action::Click { col, row } => return self.click(*col, *row, ctx),
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn is_dirty(&self) -> bool {
        self.fingerprint() != self.initial
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let label_w = 22.min(area.width / 3);
        let mut hits = self.hits.borrow_mut();
        hits.clear();
        self.day_boxes.set([Rect::default(); 7]);
        let mut y = 1u16;
        for focus in self.order() {
            if y >= area.height {
                break;
            }
            let focused = self.focus == focus;
            if focus == Focus::Save {
                y += 1;
                let place = Rect {
                    x: area.x + label_w,
                    ..row(area, y)
                };
                let drawn = button(frame, place, Msg::FormSave.text(lang), focused, &view.theme);
                hits.push((Focus::Save, drawn));
                // Space ticks, but form keys cannot show it in the hint bar (printable keys
                // type there): say it below the form, where it moves nothing.
                let how = match self.focus {
                    Focus::Weekdays => Some(Msg::OfferHintWeekdays),
                    Focus::Tally => Some(Msg::OfferHintTally),
                    _ => None,
                };
                if let Some(how) = how
                    && y + 2 < area.height
                {
                    let place = Rect {
                        x: area.x + label_w,
                        width: area.width.saturating_sub(label_w),
                        ..row(area, y + 2)
                    };
                    text(frame, place, how.text(lang), view.theme.info);
                }
                break;
            }
            hits.push((focus, row(area, y)));
            let place = labelled(
                frame,
                row(area, y),
                Self::label(focus).text(lang),
                label_w,
                focused,
            );
            let place = Rect {
                width: place.width.min(60),
                ..place
            };
            let chosen =
                |frame: &mut Frame, shown: &str| choice(frame, place, shown, focused, &view.theme);
            let mut used = 1;
            match focus {
                Focus::Name => self.name.render(frame, place),
                Focus::Partner => self.partner.render(frame, place),
                Focus::Room => self.room.render(frame, place),
                Focus::Date => self.date.render(frame, Rect { width: 12, ..place }),
                Focus::Start => self.start.render(frame, Rect { width: 7, ..place }),
                Focus::End => self.end.render(frame, Rect { width: 7, ..place }),
                Focus::Pillar => chosen(frame, pillar(Pillar::ALL[self.pillar], lang)),
                Focus::Kind => chosen(frame, describe_kind(self.kind(), lang)),
                Focus::MonthWeek => chosen(frame, month_week(MONTH_WEEKS[self.month_week], lang)),
                Focus::MonthDay => chosen(
                    frame,
                    weekday_long(u8::try_from(self.month_day + 1).unwrap_or(1), lang),
                ),
                Focus::Weekdays => self.render_weekdays(frame, place, view),
                Focus::Tally => {
                    let n = self.tally_ids.len().clamp(1, TALLY_ROWS);
                    let h = u16::try_from(n).unwrap_or(1).min(area.height - y);
                    self.tally.render(frame, Rect { height: h, ..place });
                    used = h.max(1);
                }
                Focus::Save => {}
            }
            y += used;
            if let Some(problem) = self.problem_for(focus) {
                let place = Rect {
                    x: area.x + label_w,
                    width: area.width.saturating_sub(label_w),
                    ..row(area, y)
                };
                text(
                    frame,
                    place,
                    &format!("{}{}", glyph::ERROR, problem.text(lang)),
                    view.theme.error,
                );
                y += 1;
            }
        }
    }
}
