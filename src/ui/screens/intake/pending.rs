//! The short intakes still to be completed, as the home screen lists them: Tab moves there,
//! Enter opens one in the intake form.

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::desk::{Capability, VisitorNo};
use crate::ui::action::Action;
use crate::ui::catalog::{Msg, fill, format_date};
use crate::ui::layout::{row, text};
use crate::ui::navigation;
use crate::ui::screen::{Ctx, Outcome, View};

/// Rows of the list on an 80×24 home screen; older ones scroll.
const SHOWN: usize = 3;
/// Rows at most on a tall screen, which has room for more than three.
const SHOWN_TALL: usize = 10;

#[derive(Default)]
pub struct PendingIntakes {
    /// (number, registered on, name from the index).
    items: Vec<(VisitorNo, Date, String)>,
    selected: usize,
    focused: bool,
}

impl PendingIntakes {
    /// Reads the list again (staff who may write personal data only), keeping the cursor.
    pub fn load(&mut self, ctx: &mut Ctx<'_>) {
        let (Some(desk), Some(login)) = (ctx.desk, ctx.login) else {
            return;
        };
        if !login.may(Capability::WritePersonal) {
            self.items.clear();
            return;
        }
        match desk.incomplete_intakes() {
            Ok(list) => {
                self.items = list
                    .into_iter()
                    .map(|(no, created)| {
                        let name = ctx
                            .index
                            .as_deref()
                            .and_then(|i| i.get(no))
                            .map(|e| {
                                if e.name.is_empty() {
                                    e.name_latin.clone()
                                } else {
                                    e.name.clone()
                                }
                            })
                            .unwrap_or_default();
                        (no, created, name)
                    })
                    .collect();
            }
            Err(e) => ctx.desk_error(&e),
        }
        self.selected = self.selected.min(self.items.len().saturating_sub(1));
        self.focused &= !self.items.is_empty();
    }

    pub fn is_focused(&self) -> bool {
        self.focused
    }

    /// Rows the list needs on a home screen area `area_rows` high (none when empty): three up
    /// to 24 rows, one more for every two rows beyond.
    pub fn rows(&self, area_rows: u16) -> u16 {
        if self.items.is_empty() {
            return 0;
        }
        let shown = (SHOWN + usize::from(area_rows.saturating_sub(24) / 2)).min(SHOWN_TALL);
        1 + self.items.len().min(shown) as u16
    }

    /// Tab moves between the sessions and this list; in the list, arrows move and Enter opens
    /// the intake form. `None`: not for this list.
    pub fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Option<Outcome> {
        if self.items.is_empty() {
            return None;
        }
        match action {
            Action::NextField | Action::PrevField => self.focused = !self.focused,
            Action::Up if self.focused => self.selected = self.selected.saturating_sub(1),
            Action::Down if self.focused => {
                self.selected = (self.selected + 1).min(self.items.len() - 1)
            }
            Action::Confirm if self.focused => {
                let (no, _, _) = self.items.get(self.selected)?;
                return Some(match navigation::edit_visitor(*no, ctx) {
                    Some(screen) => Outcome::Push(screen),
                    None => Outcome::Stay,
                });
            }
            _ => return None,
        }
        Some(Outcome::Stay)
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        if self.items.is_empty() {
            return;
        }
        let lang = view.lang;
        let heading = fill(
            Msg::IntakePendingTitle,
            lang,
            &[("count", &self.items.len().to_string())],
        );
        text(
            frame,
            row(area, 0),
            &format!(" {heading}"),
            Style::new().add_modifier(Modifier::BOLD),
        );
        let shown = usize::from(area.height.saturating_sub(1)).max(1);
        let offset = self.selected.saturating_sub(shown - 1);
        for (i, (no, created, name)) in self.items.iter().enumerate().skip(offset).take(shown) {
            let chosen = self.focused && i == self.selected;
            let marker = if chosen { "▶ " } else { "  " };
            let line = format!(
                "{marker}{:<8} {:<12} {name}",
                crate::desk::format_visitor_no(*no),
                format_date(*created, lang),
            );
            let style = if chosen {
                view.theme.selected
            } else {
                view.theme.body
            };
            text(frame, row(area, 1 + (i - offset) as u16), &line, style);
        }
    }
}
