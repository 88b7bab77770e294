//! The interpreter pool behind F8 (coordinators): who mediates which
//! language, when. Strg+N adds someone, Strg+Entf erases them (asks first).

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::desk::mediation_text::format_availability;
use crate::desk::{Capability, Login, PoolId, PoolView, RefList};
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::layout::{inset, row, rows, text};
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::mediation_today::level_text;
use crate::ui::screens::pool_form::PoolForm;
use crate::ui::widgets::{Asked, Confirm, PickList, ask};

pub struct Pool {
    views: Vec<PoolView>,
    labels: Vec<(u32, String)>,
    ids: Vec<(PoolId, String)>,
    list: PickList,
    confirm: Option<(Confirm, PoolId)>,
}

fn line(p: &PoolView, labels: &[(u32, String)], lang: Lang) -> String {
    let langs: Vec<String> = p
        .member
        .languages
        .iter()
        .map(|l| {
            let label = labels
                .iter()
                .find(|(id, _)| *id == l.language)
                .map_or_else(|| format!("#{}", l.language), |(_, s)| s.clone());
            format!("{label} ({})", level_text(l.level, lang))
        })
        .collect();
    let times = format_availability(&p.member.available);
    let phone = p.contact.as_ref().map_or("", |c| c.phone.as_str());
    format!(
        "{}  –  {}  –  {}  {phone}",
        p.shown_name(),
        if times.is_empty() { "–" } else { &times },
        langs.join(", "),
    )
}

impl Pool {
    pub fn new(ctx: &mut Ctx<'_>) -> Self {
        let mut screen = Self {
            views: Vec::new(),
            labels: Vec::new(),
            ids: Vec::new(),
            list: PickList::single(Vec::new()),
            confirm: None,
        };
        screen.load(ctx);
        screen
    }

    fn load(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        let labels: Vec<(u32, String)> = desk
            .reference(RefList::Languages)
            .map(|l| l.into_iter().map(|(id, e)| (id, e.label)).collect())
            .unwrap_or_default();
        match desk.pool(login) {
            Ok(pool) => {
                self.list
                    .set_items(pool.iter().map(|p| line(p, &labels, ctx.lang)).collect());
                self.ids = pool
                    .iter()
                    .map(|p| (p.id, p.shown_name().to_string()))
                    .collect();
                self.views = pool;
                self.labels = labels;
            }
            Err(e) => ctx.desk_error(&e),
        }
    }

    fn ask_remove(&mut self, ctx: &mut Ctx<'_>) {
        let Some((id, name)) = self.list.selected().and_then(|i| self.ids.get(i)) else {
            return;
        };
        let question = fill(Msg::PoolRemoveQuestion, ctx.lang, &[("name", name)]);
        self.confirm = Some((Confirm::destructive(ctx.lang, question), *id));
    }

    fn remove(&mut self, id: PoolId, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        match desk.remove_pool_member(login, id) {
            Ok(()) => {
                ctx.success(Msg::PoolRemoved.text(ctx.lang));
                self.load(ctx);
            }
            Err(e) => ctx.desk_error(&e),
        }
    }
}

impl Screen for Pool {
    fn title(&self, lang: Lang) -> String {
        Msg::PoolTitle.text(lang).into()
    }

    fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Dialog
        } else {
            Mode::List
        }
    }

    fn hints(&self, login: Option<&Login>) -> Vec<Action> {
        if self.confirm.is_some() {
            return vec![Action::Yes, Action::No];
        }
        if !login.is_some_and(|l| l.may(Capability::ManagePool)) {
            return vec![Action::Down, Action::Up, Action::Back, Action::Help];
        }
        vec![
            Action::NewItem,
            Action::EditItem,
            Action::Erase,
            Action::Back,
            Action::Help,
        ]
    }

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome {
        let Some(login) = ctx.login else {
            return Outcome::Back;
        };
        // Everyone signed in may look (volunteers see first names and
        // languages); only coordinators change the pool.
        let changes = matches!(
            action,
            Action::NewItem | Action::EditItem | Action::Erase | Action::ArchiveItem
        );
        let may_change = login.may(Capability::ManagePool);
        if changes && self.confirm.is_none() && !may_change {
            ctx.error(Msg::NotForRole.text(ctx.lang));
            return Outcome::Stay;
        }
        match ask(&mut self.confirm, action) {
            Asked::Yes(id) => {
                self.remove(id, ctx);
                return Outcome::Stay;
            }
            Asked::Busy => return Outcome::Stay,
            Asked::NotAsking => {}
        }
        match action {
            Action::NewItem => return Outcome::Push(Box::new(PoolForm::new(ctx))),
            Action::Confirm if !may_change => {}
            Action::EditItem | Action::Confirm => {
                if let Some(view) = self.list.selected().and_then(|i| self.views.get(i)) {
                    return Outcome::Push(Box::new(PoolForm::edit(view, &self.labels, ctx)));
                }
            }
            Action::Erase | Action::ArchiveItem => self.ask_remove(ctx),
            other if self.list.handle(other) => {}
            _ => return Outcome::Unhandled,
        }
        Outcome::Stay
    }

    fn resumed(&mut self, ctx: &mut Ctx<'_>) {
        self.load(ctx);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let lang = view.lang;
        let body = inset(area, 1);
        text(
            frame,
            row(body, 0),
            Msg::PoolIntro.text(lang),
            view.theme.body,
        );
        if self.ids.is_empty() {
            text(
                frame,
                row(body, 2),
                Msg::PoolEmpty.text(lang),
                view.theme.body,
            );
        } else {
            self.list
                .render(frame, rows(body, 2, body.height.saturating_sub(2)));
        }
        if let Some((confirm, _)) = &self.confirm {
            confirm.render(frame, area);
        }
    }
}
