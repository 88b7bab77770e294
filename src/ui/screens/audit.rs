//! The audit log for the coordinator: who viewed or changed which visitor
//! number, when; filtered by user, number, action and days.

use std::cell::Cell;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{
    AuditAction, AuditEntry, AuditFilter, Capability, Login, RefList, format_visitor_no,
};
use crate::search::parse_visitor_number;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill, format_date};
use crate::ui::layout::{choice, inset, labelled, row, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::reference_lists::list_name;
use crate::ui::screens::schedule_text::parse_date;
use crate::ui::widgets::{TextField, contains, next_in};

/// More rows than anyone reads on screen; narrowing the filter finds older ones.
const SHOWN: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    User,
    Visitor,
    Action,
    From,
    To,
    List,
}

const ORDER: [Focus; 6] = [
    Focus::User,
    Focus::Visitor,
    Focus::Action,
    Focus::From,
    Focus::To,
    Focus::List,
];

pub fn action_label(action: AuditAction) -> Msg {
    match action {
        AuditAction::Init => Msg::AuditInit,
        AuditAction::Login => Msg::AuditLogin,
        AuditAction::LoginFailed => Msg::AuditLoginFailed,
        AuditAction::Register => Msg::AuditRegister,
        AuditAction::Update => Msg::AuditUpdate,
        AuditAction::View => Msg::AuditView,
        AuditAction::Erase => Msg::AuditErase,
        AuditAction::Export => Msg::AuditExport,
        AuditAction::Import => Msg::AuditImport,
        AuditAction::CheckIn => Msg::AuditCheckIn,
        AuditAction::UndoCheckIn => Msg::AuditUndoCheckIn,
        AuditAction::StaffAdded => Msg::AuditStaffAdded,
        AuditAction::PassphraseChanged => Msg::AuditPassphraseChanged,
        AuditAction::OfferingChanged => Msg::AuditOfferingChanged,
        AuditAction::SessionChanged => Msg::AuditSessionChanged,
        AuditAction::ReferenceChanged => Msg::AuditReferenceChanged,
        AuditAction::NamesReport => Msg::AuditNamesReport,
        AuditAction::Backup => Msg::AuditBackup,
        AuditAction::Restore => Msg::AuditRestore,
        AuditAction::StaffDisabled => Msg::AuditStaffDisabled,
        AuditAction::Rekey => Msg::AuditRekey,
    }
}

/// The first moment of a day in the desk's time zone.
fn day_start(date: Date) -> Option<Timestamp> {
    date.to_zoned_datetime(TimeZone::system())
        .ok()
        .map(|z| z.timestamp())
}

pub struct Audit {
    focus: Focus,
    user: TextField,
    visitor: TextField,
    /// 0: all actions, else `AuditAction::ALL[i - 1]`.
    action: usize,
    from: TextField,
    to: TextField,
    entries: Vec<AuditEntry>,
    selected: usize,
    problem: Option<Msg>,
    list_area: Cell<(Rect, usize)>,
    hit: Cell<[Rect; 5]>,
}

impl Audit {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let lang = ctx.lang;
        let mut screen = Self {
            focus: Focus::User,
            user: TextField::new(lang).with_max_len(32),
            visitor: TextField::new(lang).with_max_len(12),
            action: 0,
            from: TextField::new(lang).with_max_len(10),
            to: TextField::new(lang).with_max_len(10),
            entries: Vec::new(),
            selected: 0,
            problem: None,
            list_area: Cell::new((Rect::default(), 0)),
            hit: Cell::new([Rect::default(); 5]),
        };
        screen.set_focus(Focus::User);
        screen.load(ctx);
        screen
    }

    fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
        self.user.set_focused(focus == Focus::User);
        self.visitor.set_focused(focus == Focus::Visitor);
        self.from.set_focused(focus == Focus::From);
        self.to.set_focused(focus == Focus::To);
    }

    fn step(&mut self, forward: bool) {
        let next = next_in(&ORDER, self.focus, forward);
        self.set_focus(next);
    }

    fn filter(&self) -> Result<AuditFilter, Msg> {
        let visitor = match self.visitor.value().trim() {
            "" => None,
            text => Some(parse_visitor_number(text).ok_or(Msg::AuditBadNumber)?),
        };
        let day = |field: &TextField, next_day: bool| -> Result<Option<Timestamp>, Msg> {
            match field.value().trim() {
                "" => Ok(None),
                text => {
                    let date = parse_date(text).ok_or(Msg::AuditBadDate)?;
                    let date = if next_day {
                        date.tomorrow().map_err(|_| Msg::AuditBadDate)?
                    } else {
                        date
                    };
                    Ok(day_start(date))
                }
            }
        };
        let user = self.user.value().trim();
        Ok(AuditFilter {
            user: (!user.is_empty()).then(|| user.to_string()),
            visitor,
            action: self
                .action
                .checked_sub(1)
                .and_then(|i| AuditAction::ALL.get(i).copied()),
            from: day(&self.from, false)?,
            // "to" includes the whole day.
            to: day(&self.to, true)?
                .and_then(|t| t.checked_sub(jiff::SignedDuration::from_nanos(1)).ok()),
            limit: SHOWN + 1,
        })
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let filter = match self.filter() {
            Ok(f) => f,
            Err(msg) => {
                self.problem = Some(msg);
                return;
            }
        };
        self.problem = None;
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.audit_entries(login, &filter) {
            Ok(entries) => {
                self.entries = entries.into_iter().map(|(_, e)| e).collect();
                self.selected = 0;
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn field(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::User => Some(&mut self.user),
            Focus::Visitor => Some(&mut self.visitor),
            Focus::From => Some(&mut self.from),
            Focus::To => Some(&mut self.to),
            Focus::Action | Focus::List => None,
        }
    }

    fn render_filters(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let w = 20;
        let mut hit = [Rect::default(); 5];
        let left = Rect {
            width: area.width / 2,
            ..area
        };
        let right = Rect {
            x: area.x + area.width / 2,
            width: area.width - area.width / 2,
            ..area
        };
        for (i, (focus, label, field, half, y)) in [
            (Focus::User, Msg::AuditFilterUser, Some(&self.user), left, 0),
            (
                Focus::Visitor,
                Msg::AuditFilterVisitor,
                Some(&self.visitor),
                right,
                0,
            ),
            (Focus::Action, Msg::AuditFilterAction, None, left, 1),
            (Focus::From, Msg::AuditFilterFrom, Some(&self.from), left, 2),
            (Focus::To, Msg::AuditFilterTo, Some(&self.to), right, 2),
        ]
        .into_iter()
        .enumerate()
        {
            let place = labelled(
                frame,
                row(half, y),
                label.text(lang),
                w,
                self.focus == focus,
            );
            let place = Rect {
                width: place.width.min(16),
                ..place
            };
            match field {
                Some(field) => field.render(frame, place),
                None => {
                    let shown = match self
                        .action
                        .checked_sub(1)
                        .and_then(|i| AuditAction::ALL.get(i))
                    {
                        Some(a) => action_label(*a).text(lang),
                        None => Msg::AuditAll.text(lang),
                    };
                    choice(
                        frame,
                        Rect {
                            width: area.width / 2 - w,
                            ..place
                        },
                        shown,
                        self.focus == Focus::Action,
                        &view.theme,
                    );
                }
            }
            hit[i] = place;
        }
        self.hit.set(hit);
    }

    fn render_list(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let shown = self.entries.len().min(SHOWN);
        let count = if self.entries.len() > SHOWN {
            Msg::AuditMore
        } else if shown == 1 {
            Msg::AuditCountOne
        } else {
            Msg::AuditCount
        };
        text(
            frame,
            row(area, 0),
            &fill(count, lang, &[("shown", &shown.to_string())]),
            view.theme.body,
        );
        let header = format!(
            "  {:<17}{:<14}{:<24}{:<9}{}",
            Msg::AuditColWhen.text(lang),
            Msg::AuditColUser.text(lang),
            Msg::AuditColAction.text(lang),
            Msg::AuditColVisitor.text(lang),
            Msg::AuditColDetail.text(lang)
        );
        text(frame, row(area, 1), &header, bold);
        if self.entries.is_empty() {
            text(
                frame,
                row(area, 2),
                &format!("  {}", Msg::AuditNone.text(lang)),
                view.theme.body,
            );
            return;
        }
        let rows_available = usize::from(area.height.saturating_sub(2));
        let offset = self
            .selected
            .saturating_sub(rows_available.saturating_sub(1));
        let tz = TimeZone::system();
        for (i, entry) in self
            .entries
            .iter()
            .enumerate()
            .take(shown)
            .skip(offset)
            .take(rows_available)
        {
            let zoned = entry.at.to_zoned_datetime(tz.clone());
            let when = format!(
                "{} {}",
                format_date(zoned.date(), lang),
                zoned.strftime("%H:%M")
            );
            let number = entry.visitor.map(format_visitor_no).unwrap_or_default();
            let marker = if i == self.selected && self.focus == Focus::List {
                "▶ "
            } else {
                "  "
            };
            let line = format!(
                "{marker}{when:<17}{:<14}{:<24}{number:<9}{}",
                crate::ui::sanitize::fit(&entry.user, 13),
                action_label(entry.action).text(lang),
                detail_text(entry, lang)
            );
            let style = if i == self.selected && self.focus == Focus::List {
                view.theme.selected
            } else {
                view.theme.body
            };
            text(frame, row(area, 2 + (i - offset) as u16), &line, style);
        }
        self.list_area.set((
            Rect {
                y: area.y + 2,
                height: area.height.saturating_sub(2),
                ..area
            },
            offset,
        ));
    }
}

/// The detail in the UI's language. The desk logs a changed list by its key
/// (`tally_categories`) and offerings and sessions as `offering 18`, `session 49 cancelled`;
/// anything else is shown as stored.
fn detail_text(entry: &AuditEntry, lang: Lang) -> String {
    let detail = entry.detail.as_str();
    let number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    match entry.action {
        AuditAction::ReferenceChanged => {
            if let Some(list) = RefList::ALL.iter().find(|l| l.as_str() == detail) {
                return list_name(*list).text(lang).to_owned();
            }
        }
        AuditAction::OfferingChanged => {
            if let Some(n) = detail.strip_prefix("offering ").filter(|n| number(n)) {
                return fill(Msg::AuditDetailOffering, lang, &[("n", n)]);
            }
        }
        AuditAction::SessionChanged => {
            let parts = detail
                .strip_prefix("session ")
                .and_then(|rest| rest.split_once(' '));
            if let Some((n, what)) = parts.filter(|(n, _)| number(n)) {
                let what = match what {
                    "added" => Some(Msg::AuditSessionAdded),
                    "cancelled" => Some(Msg::AuditSessionCancelled),
                    "cancelled ahead" => Some(Msg::AuditSessionCancelledAhead),
                    "closed" => Some(Msg::AuditSessionClosed),
                    "reopened" => Some(Msg::AuditSessionReopened),
                    "moved" => Some(Msg::AuditSessionMoved),
                    _ => None,
                };
                if let Some(what) = what {
                    return fill(
                        Msg::AuditDetailSession,
                        lang,
                        &[("n", n), ("what", what.text(lang))],
                    );
                }
            }
        }
        _ => {}
    }
    detail.to_owned()
}

impl Screen for Audit {
    fn title(&self, lang: Lang) -> String {
        Msg::AuditTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.focus == Focus::List {
            Mode::List
        } else {
            Mode::Form
        }
    }

    fn hints(&self, _login: Option<&Login>) -> Vec<Action> {
        vec![
            Action::Confirm,
            Action::NextField,
            Action::Back,
            Action::Help,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::ViewAudit)) {
            return Outcome::Back;
        }
        if let Some(field) = self.field()
            && field.handle(action)
        {
            return Outcome::Stay;
        }
        let last = self.entries.len().min(SHOWN).saturating_sub(1);
        match action {
            Action::NextField => self.step(true),
            Action::PrevField => self.step(false),
            Action::Left if self.focus == Focus::Action => {
                self.action = (self.action + AuditAction::ALL.len()) % (AuditAction::ALL.len() + 1);
                self.load(ctx);
            }
            Action::Right if self.focus == Focus::Action => {
                self.action = (self.action + 1) % (AuditAction::ALL.len() + 1);
                self.load(ctx);
            }
            Action::Up if self.focus == Focus::List => {
                self.selected = self.selected.saturating_sub(1)
            }
            Action::Down if self.focus == Focus::List => {
                self.selected = (self.selected + 1).min(last)
            }
            Action::PageUp => self.selected = self.selected.saturating_sub(10),
            Action::PageDown => self.selected = (self.selected + 10).min(last),
            Action::Down | Action::Up => self.set_focus(Focus::List),
            Action::Confirm => {
                self.load(ctx);
                if let Some(msg) = self.problem {
                    ctx.error(msg.text(ctx.lang));
                } else {
                    self.set_focus(Focus::List);
                }
            }
            Action::Click { col, row } => {
                let targets = [
                    Focus::User,
                    Focus::Visitor,
                    Focus::Action,
                    Focus::From,
                    Focus::To,
                ];
                if let Some(i) = self.hit.get().iter().position(|r| contains(*r, *col, *row)) {
                    self.set_focus(targets[i]);
                } else {
                    let (list, offset) = self.list_area.get();
                    if contains(list, *col, *row) {
                        self.set_focus(Focus::List);
                        self.selected = (offset + usize::from(row - list.y)).min(last);
                    }
                }
            }
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let area = inset(area, 1);
        self.render_filters(frame, Rect { height: 3, ..area }, view);
        if let Some(problem) = self.problem {
            text(
                frame,
                row(area, 3),
                problem.text(view.lang),
                view.theme.error,
            );
        }
        self.render_list(
            frame,
            Rect {
                y: area.y + 4,
                height: area.height.saturating_sub(4),
                ..area
            },
            view,
        );
    }
}
