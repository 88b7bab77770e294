//! What every screen is: a struct that turns [`Action`]s into changes and
//! [`Outcome`]s, and draws itself into the body of the frame.

use std::time::Instant;

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;

use crate::config::Config;
use crate::desk::{Desk, DeskError, Login};
use crate::search::SearchIndex;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::Lang;
use crate::ui::keymap::Keymap;
use crate::ui::theme::Theme;
use crate::ui::widgets::MessageBar;

/// What a screen asks the application to do after an action.
pub enum Outcome {
    /// Handled (or nothing to do); just redraw.
    Stay,
    /// Not for this screen: the application tries its global actions.
    Unhandled,
    /// Close this screen.
    Back,
    /// Open a screen on top of this one.
    Push(Box<dyn Screen>),
    /// Replace this screen.
    Replace(Box<dyn Screen>),
    /// A database was created at first run, with its coordinator logged in.
    Created(Box<(Desk, Login)>),
    /// A staff member logged in or unlocked.
    LoggedIn(Box<Login>),
    /// Leave the program with this exit code.
    Exit(u8),
    /// Do what this global action does, as if its key had been pressed (a
    /// click on a menu entry).
    Global(crate::ui::action::Action),
}

/// What a screen may use while handling an action.
pub struct Ctx<'a> {
    pub desk: Option<&'a Desk>,
    pub login: Option<&'a Login>,
    /// The unlocked visitors, for staff with data access; dropped on lock.
    pub index: Option<&'a mut SearchIndex>,
    pub lang: Lang,
    pub today: Date,
    pub now: Instant,
    pub messages: &'a mut MessageBar,
    /// The machine's settings (print command, report folder); a folder chosen on screen is
    /// remembered here and in `config.toml`.
    pub config: &'a mut Config,
}

impl Ctx<'_> {
    pub fn info(&mut self, text: impl Into<String>) {
        self.messages.info(text, self.now);
    }

    pub fn success(&mut self, text: impl Into<String>) {
        self.messages.success(text, self.now);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.messages.error(text, self.now);
    }

    /// Shows a desk refusal as a sentence staff understand.
    pub fn desk_error(&mut self, err: &DeskError) {
        let text = crate::ui::errors::describe(err, self.lang);
        self.error(text);
    }
}

/// What a screen may use while drawing.
pub struct View<'a> {
    pub lang: Lang,
    pub theme: Theme,
    pub today: Date,
    pub keymap: &'a Keymap,
    pub login: Option<&'a Login>,
}

pub trait Screen {
    /// The name in the title bar.
    fn title(&self, lang: Lang) -> String;

    /// The keymap table that applies (the focused widget's, for forms).
    fn mode(&self) -> Mode;

    /// The actions the hint bar offers, most important first.
    fn hints(&self, login: Option<&Login>) -> Vec<Action>;

    fn handle(&mut self, action: &Action, ctx: &mut Ctx<'_>) -> Outcome;

    fn render(&self, frame: &mut Frame, area: Rect, view: &View<'_>);

    /// Slow work (Argon2, building the index) the screen asked for in
    /// `handle`: run after a frame saying "please wait" has been drawn.
    fn pending_work(&self) -> bool {
        false
    }

    fn work(&mut self, _ctx: &mut Ctx<'_>) -> Outcome {
        Outcome::Stay
    }

    /// Unsaved input that leaving would lose: the application asks first.
    fn is_dirty(&self) -> bool {
        false
    }

    /// What a lock keeps of this screen for the same person's unlock; `None`: they come
    /// back to Start.
    fn keep(&self) -> Option<crate::ui::kept::Kept> {
        None
    }

    /// Called when a screen above this one closed, so it can refresh.
    fn resumed(&mut self, _ctx: &mut Ctx<'_>) {}

    /// The language the person chose on this screen (first-run setup).
    fn chosen_lang(&self) -> Option<Lang> {
        None
    }
}
