//! The family of a visitor being checked in: tick who came along, check them
//! all in with one Enter.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};

use crate::desk::VisitorNo;
use crate::ui::action::Action;
use crate::ui::catalog::Msg;
use crate::ui::layout::{inset, paragraph, rows};
use crate::ui::screen::View;
use crate::ui::widgets::{PickList, centered};

/// What the person at the desk decided.
pub enum Choice {
    CheckIn(Vec<VisitorNo>),
    /// Enter with nobody ticked.
    Nobody,
    Cancel,
}

pub struct HouseholdDialog {
    members: Vec<VisitorNo>,
    select: PickList,
}

impl HouseholdDialog {
    /// `members`: each with what the person at the desk may see of them. Everyone
    /// starts ticked: families mostly come together.
    pub fn new(members: Vec<(VisitorNo, String)>) -> Self {
        let (members, labels): (Vec<VisitorNo>, Vec<String>) = members.into_iter().unzip();
        let mut select = PickList::multiple(labels);
        for i in 0..members.len() {
            select.set_checked(i, true);
        }
        Self { members, select }
    }

    /// `None` while the dialog stays open. It is modal: every action is its own.
    pub fn handle(&mut self, action: &Action) -> Option<Choice> {
        if self.select.handle(action) {
            return None;
        }
        match action {
            Action::Confirm => {
                let chosen: Vec<VisitorNo> = self
                    .select
                    .checked()
                    .into_iter()
                    .filter_map(|i| self.members.get(i).copied())
                    .collect();
                Some(if chosen.is_empty() {
                    Choice::Nobody
                } else {
                    Choice::CheckIn(chosen)
                })
            }
            Action::Back => Some(Choice::Cancel),
            _ => None,
        }
    }

    /// Draws the dialog centred over `area`.
    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>) {
        let height = u16::try_from(self.members.len())
            .unwrap_or(u16::MAX)
            .saturating_add(6);
        let dialog = centered(area, 70, height);
        frame.render_widget(Clear, dialog);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Msg::HouseholdTitle.text(view.lang))
            .style(view.theme.dialog)
            .border_style(view.theme.dialog_border);
        let inner = inset(block.inner(dialog), 1);
        frame.render_widget(block, dialog);
        let used = paragraph(
            frame,
            rows(inner, 0, 3),
            Msg::HouseholdIntro.text(view.lang),
            view.theme.dialog,
        );
        self.select.render(
            frame,
            rows(inner, used + 1, inner.height.saturating_sub(used + 1)),
        );
    }
}
