//! Retention review for the coordinator: visitors not seen for the
//! retention period and stale short intakes, erased in one confirmed step.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::{
    Capability, INCOMPLETE_INTAKE_DAYS, Login, RetentionCandidate, RetentionReason,
    format_visitor_no,
};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{self, Lang, Msg, fill, format_date};
use crate::ui::layout::{button, inset, paragraph, row, rows};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::widgets::{Asked, Confirm, PickList, ask, contains};

pub struct Retention {
    candidates: Vec<RetentionCandidate>,
    list: PickList,
    months: u32,
    confirm: Option<(Confirm, ())>,
    erasing: bool,
    button: Cell<Rect>,
}

fn line(c: &RetentionCandidate, name: &str, lang: Lang) -> String {
    let why = match c.reason {
        RetentionReason::NotSeen => fill(
            Msg::RetentionNotSeen,
            lang,
            &[("date", &format_date(c.last_seen, lang))],
        ),
        RetentionReason::IncompleteIntake => fill(
            Msg::RetentionIncomplete,
            lang,
            &[("date", &format_date(c.created, lang))],
        ),
    };
    format!("{}  {name}  – {why}", format_visitor_no(c.number))
}

impl Retention {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Self {
            candidates: Vec::new(),
            list: PickList::multiple(Vec::new()).with_lang(ctx.lang),
            months: 24,
            confirm: None,
            erasing: false,
            button: Cell::new(Rect::default()),
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match (desk.retention_candidates(login), desk.settings()) {
            (Ok(candidates), Ok(settings)) => {
                self.months = settings.retention_months;
                let lang = ctx.lang;
                let index = ctx.index.as_deref();
                let items = candidates
                    .iter()
                    .map(|c| {
                        let name = index
                            .and_then(|i| i.get(c.number))
                            .map_or(String::new(), |e| {
                                if e.name_latin.is_empty() || e.name_latin == e.name {
                                    e.name.clone()
                                } else {
                                    format!("{} ({})", e.name, e.name_latin)
                                }
                            });
                        line(c, &name, lang)
                    })
                    .collect();
                self.list = PickList::multiple(items).with_lang(ctx.lang);
                self.candidates = candidates;
            }
            (Err(e), _) | (_, Err(e)) => ctx.desk_error(&e),
        }
    }

    fn ask(&mut self, ctx: &mut Ctx<'_>) {
        let count = self.list.checked().len();
        if count == 0 {
            ctx.error(Msg::RetentionNothingTicked.text(ctx.lang));
            return;
        }
        let question = fill(
            Msg::RetentionConfirm,
            ctx.lang,
            &[("count", &count.to_string())],
        );
        self.confirm = Some((Confirm::destructive(ctx.lang, question), ()));
    }
}

impl Screen for Retention {
    fn title(&self, lang: Lang) -> String {
        Msg::RetentionTitle.text(lang).into()
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
            vec![Action::Yes, Action::No]
        } else {
            vec![Action::Toggle, Action::Erase, Action::Back, Action::Help]
        }
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        if !ctx.login.is_some_and(|l| l.may(Capability::Erase)) || self.erasing {
            return Outcome::Stay;
        }
        match ask(&mut self.confirm, action) {
            Asked::Yes(()) => {
                self.erasing = true;
                ctx.info(Msg::RetentionErasing.text(ctx.lang));
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        match action {
            Action::Erase | Action::ArchiveItem => self.ask(ctx),
            Action::Click { col, row } if contains(self.button.get(), *col, *row) => self.ask(ctx),
            other if self.list.handle(other) => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn pending_work(&self) -> bool {
        self.erasing
    }

    fn work(&mut self, ctx: &mut Ctx<'_>) -> Outcome {
        self.erasing = false;
        let numbers: Vec<u32> = self
            .list
            .checked()
            .into_iter()
            .filter_map(|i| self.candidates.get(i).map(|c| c.number))
            .collect();
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return Outcome::Stay;
        };
        match desk.erase_visitors(login, &numbers) {
            Ok(count) => {
                if let Some(index) = ctx.index.as_deref_mut() {
                    for no in &numbers {
                        index.remove(*no);
                    }
                }
                ctx.messages.clear();
                ctx.success(fill(
                    Msg::RetentionErased,
                    ctx.lang,
                    &[("count", &count.to_string())],
                ));
                self.load(ctx);
            }
            Err(e) => ctx.desk_error(&e),
        }
        Outcome::Stay
    }

    fn is_dirty(&self) -> bool {
        !self.list.checked().is_empty()
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let area = inset(area, 1);
        let intro = fill(
            Msg::RetentionIntro,
            lang,
            &[
                ("months", &catalog::months_since(self.months, lang)),
                ("days", &INCOMPLETE_INTAKE_DAYS.to_string()),
            ],
        );
        let used = paragraph(frame, rows(area, 0, 3), &intro, view.theme.body);
        if self.candidates.is_empty() {
            crate::ui::layout::text(
                frame,
                row(area, used + 1),
                Msg::RetentionNone.text(lang),
                view.theme.body,
            );
        } else {
            let list_h = area.height.saturating_sub(used + 3);
            self.list.render(frame, rows(area, used + 1, list_h));
            let b = button(
                frame,
                row(area, used + 2 + list_h),
                Msg::RetentionEraseButton.text(lang),
                false,
                &view.theme,
            );
            self.button.set(b);
        }
        if let Some((confirm, ())) = &self.confirm {
            confirm.render(frame, area);
        }
    }
}
