//! One question of the intake: its label, its input (text, a value to flip through, a list to
//! pick one from, checkboxes), and the three answers that are not a value ("not asked",
//! "unknown", "declined to say"), each distinct from leaving it empty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::ui::action::Action;
use crate::ui::catalog::{Lang, Msg};
use crate::ui::layout::{labelled, row, text};
use crate::ui::theme::Theme;
use crate::ui::widgets::{PickList, TextField};

/// An answer that is not a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    NotAsked,
    Unknown,
    Declined,
}

impl Mark {
    pub fn label(self) -> Option<Msg> {
        match self {
            Mark::None => None,
            Mark::NotAsked => Some(Msg::IntakeMarkNotAsked),
            Mark::Unknown => Some(Msg::IntakeMarkUnknown),
            Mark::Declined => Some(Msg::IntakeMarkDeclined),
        }
    }
}

/// Which question a field asks; the draft reads values by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    ExplainedIn,
    StoreConsent,
    Partners,
    Name,
    NameLatin,
    Birth,
    Gender,
    Phone,
    Nationality,
    Languages,
    GermanLevel,
    Interpreter,
    Housing,
    HouseholdSearch,
    RegisterNext,
    Needs,
    Referrals,
}

pub enum Input {
    Text(TextField),
    /// One of a few values, flipped through with Left/Right or Space; `None`: not chosen.
    Cycle {
        options: Vec<String>,
        chosen: Option<usize>,
        /// Letters typed in a row: "Syr" finds Syrien, not the first country with an R.
        typed: String,
    },
    /// One row of a longer list, chosen with Space or Enter.
    Radio {
        list: PickList,
        chosen: Option<usize>,
    },
    Multi(PickList),
}

pub struct Field {
    pub id: FieldId,
    pub label: Msg,
    pub input: Input,
    /// Optional questions take the three marks.
    pub optional: bool,
    pub mark: Mark,
    /// A validation message, drawn under the field.
    pub error: Option<Msg>,
}

impl Field {
    pub fn new(id: FieldId, label: Msg, input: Input, optional: bool) -> Self {
        Self {
            id,
            label,
            input,
            optional,
            mark: Mark::None,
            error: None,
        }
    }

    pub fn text(&self) -> &str {
        match &self.input {
            Input::Text(t) => t.value(),
            _ => "",
        }
    }

    pub fn chosen(&self) -> Option<usize> {
        match &self.input {
            Input::Cycle { chosen, .. } | Input::Radio { chosen, .. } => *chosen,
            _ => None,
        }
    }

    pub fn checked(&self) -> Vec<usize> {
        match &self.input {
            Input::Multi(m) => m.checked(),
            _ => Vec::new(),
        }
    }

    pub fn is_list(&self) -> bool {
        matches!(self.input, Input::Radio { .. } | Input::Multi(_))
    }

    pub fn list_len(&self) -> usize {
        match &self.input {
            Input::Radio { list, .. } => list.items().len(),
            Input::Multi(m) => m.items().len(),
            _ => 0,
        }
    }

    /// A list whose highlight is on its first row: ↑ goes on to the field above.
    pub fn list_at_top(&self) -> bool {
        match &self.input {
            Input::Radio { list, .. } => list.at_top(),
            Input::Multi(m) => m.at_top(),
            _ => false,
        }
    }

    pub fn set_focused(&mut self, focused: bool) {
        match &mut self.input {
            Input::Text(t) => t.set_focused(focused),
            Input::Radio { list, .. } => list.set_focused(focused),
            Input::Multi(m) => m.set_focused(focused),
            Input::Cycle { typed, .. } => typed.clear(),
        }
    }

    /// Clears the value, keeping the question: a mark replaces any value.
    fn clear(&mut self) {
        match &mut self.input {
            Input::Text(t) => t.set_value(""),
            Input::Cycle { chosen, .. } | Input::Radio { chosen, .. } => *chosen = None,
            Input::Multi(m) => {
                for i in 0..m.items().len() {
                    m.set_checked(i, false);
                }
            }
        }
    }

    /// "Input too long" after typing or pasting beyond the field's limit.
    pub fn notice(&self) -> Option<String> {
        match &self.input {
            Input::Text(t) => t.notice(),
            _ => None,
        }
    }

    /// Applies an action; true if the field used it and its answer may have changed.
    pub fn handle(&mut self, action: &Action) -> bool {
        let mark = match action {
            Action::AnswerNotAsked => Some(Mark::NotAsked),
            Action::AnswerUnknown => Some(Mark::Unknown),
            Action::AnswerDeclined => Some(Mark::Declined),
            _ => None,
        };
        if let Some(mark) = mark {
            if !self.optional {
                return false;
            }
            self.clear();
            self.mark = mark;
            self.error = None;
            return true;
        }
        let changed = match &mut self.input {
            Input::Text(t) => t.handle(action) && !is_movement(action),
            Input::Cycle {
                options,
                chosen,
                typed,
            } => {
                let n = options.len();
                if n == 0 {
                    return false;
                }
                match action {
                    Action::Right | Action::Input(' ') | Action::Toggle => {
                        typed.clear();
                        *chosen = Some(chosen.map_or(0, |c| (c + 1) % n));
                        true
                    }
                    Action::Left => {
                        typed.clear();
                        *chosen = Some(chosen.map_or(n - 1, |c| (c + n - 1) % n));
                        true
                    }
                    // Letters jump to the value they begin: long lists such as nationalities
                    // need no twenty presses. A letter that no longer fits starts over, so
                    // pressing the same letter again goes to the next value with it.
                    Action::Input(c) if c.is_alphabetic() => {
                        let starts =
                            |i: usize, prefix: &str| options[i].to_lowercase().starts_with(prefix);
                        let longer = format!("{typed}{c}").to_lowercase();
                        let from_here = chosen.unwrap_or(0);
                        let hit = (0..n)
                            .map(|k| (from_here + k) % n)
                            .find(|&i| !typed.is_empty() && starts(i, &longer));
                        let hit = match hit {
                            Some(i) => {
                                typed.push(*c);
                                Some(i)
                            }
                            None => {
                                let single: String = c.to_lowercase().collect();
                                let next = chosen.map_or(0, |c| c + 1);
                                let i =
                                    (0..n).map(|k| (next + k) % n).find(|&i| starts(i, &single));
                                typed.clear();
                                if i.is_some() {
                                    typed.push(*c);
                                }
                                i
                            }
                        };
                        if hit.is_some() {
                            *chosen = hit;
                        }
                        hit.is_some()
                    }
                    _ => false,
                }
            }
            Input::Radio { list, chosen } => match action {
                Action::Input(' ') | Action::Toggle => {
                    *chosen = list.selected();
                    true
                }
                Action::Click { col, row } => {
                    if let Some(i) = list.click(*col, *row) {
                        *chosen = Some(i);
                        true
                    } else {
                        false
                    }
                }
                other => {
                    // Moving the cursor changes no answer.
                    list.handle(other);
                    false
                }
            },
            Input::Multi(m) => match action {
                Action::Toggle | Action::Input(' ') | Action::Click { .. } => m.handle(action),
                other => {
                    m.handle(other);
                    false
                }
            },
        };
        if changed {
            self.mark = Mark::None;
            self.error = None;
        }
        changed
    }

    /// Enter on a list to pick one from chooses the highlighted row when it is not chosen
    /// yet (people expect Enter to choose); true if it did.
    pub fn choose_highlighted(&mut self) -> bool {
        let Input::Radio { list, chosen } = &mut self.input else {
            return false;
        };
        if list.selected().is_none() || *chosen == list.selected() {
            return false;
        }
        *chosen = list.selected();
        self.mark = Mark::None;
        self.error = None;
        true
    }

    /// Whether the field takes this action at all (so the screen does not use it too).
    pub fn takes(&self, action: &Action) -> bool {
        match &self.input {
            Input::Text(_) => matches!(
                action,
                Action::Input(_)
                    | Action::Paste(_)
                    | Action::Left
                    | Action::Right
                    | Action::WordLeft
                    | Action::WordRight
                    | Action::First
                    | Action::Last
                    | Action::DeleteBack
                    | Action::DeleteForward
                    | Action::ClearField
            ),
            Input::Cycle { .. } => matches!(
                action,
                Action::Left | Action::Right | Action::Input(_) | Action::Toggle
            ),
            // Letters filter the rows; Backspace and Ctrl+U edit that filter.
            Input::Radio { .. } | Input::Multi(_) => matches!(
                action,
                Action::Up
                    | Action::Down
                    | Action::First
                    | Action::Last
                    | Action::Input(_)
                    | Action::Paste(_)
                    | Action::DeleteBack
                    | Action::ClearField
                    | Action::Toggle
            ),
        }
    }

    /// Rows the field needs: one (two with a message) for a line, label plus list for lists.
    pub fn height(&self, list_rows: u16) -> u16 {
        let base = if self.is_list() { 1 + list_rows } else { 1 };
        base + u16::from(self.error.is_some())
    }

    /// Where the rows of a list go: under the label, indented, above any message.
    fn list_area(&self, area: Rect) -> Rect {
        Rect {
            x: area.x + 2,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area
                .height
                .saturating_sub(1 + u16::from(self.error.is_some())),
        }
    }

    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        label_w: u16,
        focused: bool,
        lang: Lang,
        theme: &Theme,
    ) {
        let mark = self.mark.label().map(|m| format!("‹{}›", m.text(lang)));
        let place = labelled(frame, row(area, 0), self.label.text(lang), label_w, focused);
        let dim = theme.body.add_modifier(Modifier::ITALIC);
        match &self.input {
            Input::Text(t) => match &mark {
                Some(m) if t.is_empty() => text(frame, place, m, dim),
                _ => t.render(frame, place),
            },
            Input::Cycle {
                options, chosen, ..
            } => {
                let shown = match (&mark, chosen.and_then(|c| options.get(c))) {
                    (Some(m), _) => m.clone(),
                    (None, Some(v)) => v.clone(),
                    (None, None) => Msg::IntakeNotChosen.text(lang).to_string(),
                };
                let style = if focused {
                    theme.field_focused
                } else {
                    theme.field
                };
                text(frame, place, &format!("◀ {shown} ▶"), style);
            }
            Input::Radio { list, chosen } => {
                let shown = match (&mark, chosen.and_then(|c| list.items().get(c))) {
                    (Some(m), _) => m.clone(),
                    (None, Some(v)) => format!("= {v}"),
                    (None, None) => Msg::IntakeNotChosen.text(lang).to_string(),
                };
                text(frame, place, &shown, dim);
                list.render(frame, self.list_area(area));
            }
            Input::Multi(m) => {
                if let Some(mk) = &mark {
                    text(frame, place, mk, dim);
                }
                m.render(frame, self.list_area(area));
            }
        }
        if let Some(err) = self.error {
            let y = area.height.saturating_sub(1);
            let at = row(area, y);
            text(
                frame,
                Rect {
                    x: at.x + label_w,
                    width: at.width.saturating_sub(label_w),
                    ..at
                },
                &format!("✗ {}", err.text(lang)),
                theme.error,
            );
        }
    }
}

fn is_movement(action: &Action) -> bool {
    matches!(
        action,
        Action::Left
            | Action::Right
            | Action::WordLeft
            | Action::WordRight
            | Action::First
            | Action::Last
    )
}
