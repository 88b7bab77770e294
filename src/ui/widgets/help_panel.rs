//! The F1 help: every key that works on the current screen, from the live keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Clear};

use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg};
use crate::ui::keymap::{HelpSection, Keymap};
use crate::ui::sanitize::{display_width, fit};
use crate::ui::theme::Theme;

#[derive(Debug, Clone)]
pub struct HelpPanel {
    title: String,
    sections: Vec<HelpSection>,
    scroll: usize,
    /// Rows drawn last time: scrolling stops when the last line is in view, not when it
    /// is the only one left.
    height: std::cell::Cell<usize>,
    theme: Theme,
}

impl HelpPanel {
    /// The help for a screen in `mode`: its own keys first, then the global ones.
    pub fn new(keymap: &Keymap, mode: Mode, lang: Lang) -> Self {
        HelpPanel {
            title: Msg::HelpTitle.text(lang).to_owned(),
            sections: keymap.help(mode, lang),
            scroll: 0,
            height: std::cell::Cell::new(0),
            theme: Theme::default(),
        }
    }

    pub fn with_theme(mut self, theme: Theme) -> Self {
        self.theme = theme;
        self
    }

    pub fn sections(&self) -> &[HelpSection] {
        &self.sections
    }

    fn line_count(&self) -> usize {
        self.sections.iter().map(|s| s.lines.len() + 2).sum()
    }

    /// The furthest scroll: the last line at the bottom of the panel.
    fn last_scroll(&self) -> usize {
        // The blank line after the last section is not worth scrolling to.
        let lines = self.line_count().saturating_sub(1);
        lines.saturating_sub(self.height.get().max(1))
    }

    /// Scrolls with the arrows and page keys. The screen closes the panel on Esc/F1.
    pub fn handle(&mut self, action: &Action) -> bool {
        let last = self.last_scroll();
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(last),
            Action::PageUp => self.scroll.saturating_sub(10),
            Action::PageDown => (self.scroll + 10).min(last),
            Action::First => 0,
            Action::Last => last,
            _ => return false,
        };
        true
    }

    pub fn render(&self, frame: &mut Frame, area: Rect) {
        frame.render_widget(Clear, area);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.dialog_border)
            .title(self.title.clone());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width.saturating_sub(2));
        let key_col = self
            .sections
            .iter()
            .flat_map(|s| s.lines.iter())
            .map(|(keys, _)| display_width(keys))
            .max()
            .unwrap_or(0)
            .min(width / 2);
        let mut rows: Vec<(String, bool)> = Vec::new();
        for section in &self.sections {
            rows.push((section.heading.clone(), true));
            for (keys, label) in &section.lines {
                let keys = fit(keys, key_col);
                let pad = key_col.saturating_sub(display_width(&keys));
                rows.push((format!("{keys}{}  {label}", " ".repeat(pad)), false));
            }
            rows.push((String::new(), false));
        }
        self.height.set(usize::from(inner.height));
        let scroll = self.scroll.min(self.last_scroll());
        let buf = frame.buffer_mut();
        for (i, (text, heading)) in rows
            .iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .enumerate()
        {
            let y = inner.y + u16::try_from(i).unwrap_or(u16::MAX);
            let style = if *heading {
                self.theme
                    .body
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
            } else {
                self.theme.body
            };
            buf.set_stringn(inner.x + 1, y, fit(text, width), width, style);
        }
    }
}
