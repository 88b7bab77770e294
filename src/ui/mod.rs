//! The terminal user interface: the toolkit every screen builds on.
//!
//! Keys become [`action::Action`]s in one place ([`keymap::Keymap`]); screens never match raw
//! keys. Every word shown to staff comes from [`catalog`]; every string that came from outside
//! goes through [`sanitize`] before it reaches the terminal (the widgets do this themselves).
//!
//! A screen declares its [`action::Mode`] and the actions its hint bar offers, passes actions
//! to its focused widget first and handles what the widget leaves, and draws into the body
//! of the [`widgets::ScreenFrame`]:
//!
//! ```
//! use mila::ui::action::{Action, Mode};
//! use mila::ui::catalog::{Lang, Msg};
//! use mila::ui::keymap::Keymap;
//! use mila::ui::widgets::{HintBar, ScreenFrame, TextField, TooSmall, is_too_small};
//! use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
//! use ratatui::{Frame, Terminal, backend::TestBackend, layout::Rect};
//!
//! struct CheckIn { number: TextField }           // "check in by visitor number", in bones
//! impl CheckIn {
//!     const MODE: Mode = Mode::Form;
//!     const HINTS: &[Action] = &[Action::Confirm, Action::Back, Action::Help];
//!     fn handle(&mut self, action: &Action) -> bool {
//!         self.number.handle(action) || matches!(action, Action::Confirm) // then: ask the desk
//!     }
//!     fn render(&self, frame: &mut Frame, body: Rect) {
//!         self.number.render(frame, Rect { height: 2, ..body });
//!     }
//! }
//!
//! let lang = Lang::De;
//! let (keymap, _problems) = Keymap::load("default", None); // main shows problems at start
//! let mut chrome = ScreenFrame::new(lang, jiff::civil::date(2026, 11, 26));
//! chrome.screen_title = Msg::ActCheckIn.text(lang).to_owned();
//! chrome.set_hints(HintBar::from_keymap(&keymap, CheckIn::MODE, CheckIn::HINTS, lang));
//! let mut screen = CheckIn { number: TextField::new(lang).with_max_len(10) };
//!
//! let key = KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE);
//! if let Some(action) = keymap.action_for(CheckIn::MODE, &key) {
//!     screen.handle(&action);
//! }
//! let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
//! terminal.draw(|f| {
//!     if is_too_small(f.area()) {
//!         return TooSmall::new(lang).render(f, f.area());
//!     }
//!     chrome.render(f, f.area());
//!     screen.render(f, chrome.areas(f.area()).body);
//! }).unwrap();
//! assert_eq!(screen.number.value(), "4");
//! assert!(terminal.backend().to_string().contains("Enter OK  Esc Zurück  F1 Hilfe"));
//! ```

pub mod action;
pub mod app;
pub mod errors;
pub mod kept;
pub mod keymap;
pub mod layout;
pub mod navigation;
pub mod report_output;
pub mod run;
pub mod screen;
pub mod screens;
pub mod terminal;

// The catalog and sanitising live below the UI (the reports and the desk use them too);
// screens keep reaching them as `ui::catalog` and `ui::sanitize`.
pub use crate::text::{catalog, sanitize};
pub mod theme;
pub mod widgets;
