//! The application: which screen is showing, who is signed in, and the
//! translation of terminal events into actions for the screens. Knows the
//! desk only through its use cases.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use ratatui::Frame;
use ratatui::crossterm::event::Event;

use crate::config::{Config, ConfigProblem};
use crate::desk::{Capability, Desk, DeskError, Login, SealedDraft, StoreError};
use crate::search::SearchIndex;
use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};
use crate::ui::errors::describe;
use crate::ui::keymap::{Keymap, KeymapProblem};
use crate::ui::navigation;
use crate::ui::screen::{Ctx, Outcome, Screen, View};
use crate::ui::screens::home::Home;
use crate::ui::screens::login::Login as LoginScreen;
use crate::ui::screens::notice::Notice;
use crate::ui::screens::quit_backup::QuitBackup;
use crate::ui::screens::setup::Setup;
use crate::ui::theme::Theme;
use crate::ui::widgets::{Answer, Confirm, HelpPanel, ScreenFrame, TooSmall, is_too_small};

/// Everything the program needs to start.
#[derive(Debug, Clone)]
pub struct StartOptions {
    pub db_path: PathBuf,
    pub config_path: PathBuf,
    pub keymap_file: PathBuf,
    /// `--lang`, over the config file.
    pub lang: Option<Lang>,
    /// `--keymap`, over the config file.
    pub keymap: Option<String>,
    /// Pins "today" completely, protective dates included (tests). The
    /// program passes None: `MILA_TODAY` is read by the desk, shown in the
    /// header, and leaves protective dates on the clock.
    pub today: Option<Date>,
}

/// A window over the current screen.
enum Overlay {
    None,
    Help(HelpPanel),
    /// "Discard unsaved input?" before `then` is done.
    Leave {
        dialog: Confirm,
        then: Action,
    },
}

pub struct App {
    desk: Option<Desk>,
    login: Option<Login>,
    /// Decrypted names for finding visitors; only while signed in.
    index: Option<SearchIndex>,
    /// The index being built on a second thread right after sign-in, so the
    /// home screen shows without waiting for it (performance budget: unlock
    /// beyond Argon2 under 200 ms). The first key press takes it over,
    /// waiting for the rest of the build if a person is that quick.
    index_building: Option<std::thread::JoinHandle<SearchIndex>>,
    /// Kept across a lock, so unlocking needs only the passphrase.
    last_user: String,
    /// The screen and unsaved input of whoever locked, sealed under the data key, until
    /// they sign in again or the day ends. One a person.
    drafts: Vec<SealedDraft>,
    screens: Vec<Box<dyn Screen>>,
    overlay: Overlay,
    frame: ScreenFrame,
    keymap: Keymap,
    lang: Lang,
    theme: Theme,
    lock_after: Duration,
    config: Config,
    last_input: Instant,
    exit: Option<u8>,
    pinned_today: Option<Date>,
    today: Date,
    too_small: bool,
}

/// The context a screen works in, borrowed field by field from the app so
/// the screen stack stays free to borrow alongside it.
macro_rules! ctx {
    ($app:ident, $now:expr) => {
        Ctx {
            desk: $app.desk.as_ref(),
            login: $app.login.as_ref(),
            index: $app.index.as_mut(),
            lang: $app.lang,
            today: $app.today,
            now: $now,
            messages: &mut $app.frame.messages,
            config: &mut $app.config,
        }
    };
}

fn today_or(pinned: Option<Date>) -> Date {
    pinned.unwrap_or_else(crate::desk::today)
}

impl App {
    pub fn start(options: StartOptions, now: Instant) -> App {
        let opened = crate::panic_guard::catch(|| Desk::open(&options.db_path))
            .unwrap_or_else(|_| Err(DeskError::Store(StoreError::Damaged("unreadable".into()))));
        Self::start_over(options, opened, now)
    }

    /// Starts over a desk opened by the caller: how tests put the whole
    /// application over a storage backend that fails on command.
    #[doc(hidden)]
    pub fn start_with_desk(options: StartOptions, desk: Desk, now: Instant) -> App {
        Self::start_over(options, Ok(desk), now)
    }

    fn start_over(options: StartOptions, opened: Result<Desk, DeskError>, now: Instant) -> App {
        let (config, config_problem) = Config::load(&options.config_path);
        let lang = options.lang.unwrap_or(config.lang);
        let keymap_name = options
            .keymap
            .clone()
            .unwrap_or_else(|| config.keymap.clone());
        let (keymap, keymap_problems) = Keymap::load(&keymap_name, Some(&options.keymap_file));
        let today = today_or(options.today);
        let theme = if std::env::var_os("NO_COLOR").is_some() {
            Theme::monochrome()
        } else {
            Theme::default()
        };
        // A demonstration date is never silent: the header says so.
        let demonstration_day = match options.today {
            None => crate::desk::pinned_today().ok().flatten(),
            Some(_) => None,
        };
        let mut app = App {
            desk: None,
            login: None,
            index: None,
            index_building: None,
            last_user: String::new(),
            drafts: Vec::new(),
            screens: Vec::new(),
            overlay: Overlay::None,
            frame: ScreenFrame::new(lang, today)
                .with_theme(theme)
                .with_pinned_today(demonstration_day.is_some()),
            keymap,
            lang,
            theme,
            lock_after: Duration::from_secs(config.lock_after_seconds),
            config,
            last_input: now,
            exit: None,
            pinned_today: options.today,
            today,
            too_small: false,
        };
        let first = app.first_screen(&options, opened);
        let problems = startup_problems(lang, config_problem.as_ref(), &keymap_problems);
        let first = if problems.is_empty() {
            first
        } else {
            Box::new(Notice::then(
                Msg::StartupProblemsTitle.text(lang).into(),
                problems,
                first,
            ))
        };
        app.screens.push(first);
        app.refresh_frame();
        app
    }

    /// Setup when there is no database, the sign-in when there is, a notice
    /// that says what to do when it cannot be opened.
    fn first_screen(
        &mut self,
        options: &StartOptions,
        opened: Result<Desk, DeskError>,
    ) -> Box<dyn Screen> {
        let path = &options.db_path;
        let shown_path = path.display().to_string();
        let notice = |title: Msg, body: String| -> Box<dyn Screen> {
            Box::new(Notice::fatal(title.text(self.lang).into(), vec![body], 1))
        };
        let with_path = |msg: Msg| fill(msg, self.lang, &[("path", &shown_path)]);
        match opened {
            Ok(mut desk) => {
                if let Some(date) = self.pinned_today {
                    desk.pin_today(date);
                }
                self.desk = Some(desk);
                Box::new(LoginScreen::new(self.lang))
            }
            Err(DeskError::Store(StoreError::Missing(_))) => Box::new(Setup::new(
                path.clone(),
                options.config_path.clone(),
                self.lang,
            )),
            Err(DeskError::Store(StoreError::InUse)) => {
                notice(Msg::NoticeInUseTitle, with_path(Msg::NoticeInUse))
            }
            Err(DeskError::Store(StoreError::Damaged(_))) => {
                notice(Msg::NoticeDamagedTitle, with_path(Msg::NoticeDamaged))
            }
            Err(DeskError::Store(StoreError::Foreign(_) | StoreError::NotAFile(_))) => {
                notice(Msg::NoticeForeignTitle, with_path(Msg::NoticeForeign))
            }
            Err(DeskError::Store(StoreError::TooNew { .. })) => {
                notice(Msg::NoticeTooNewTitle, with_path(Msg::NoticeTooNew))
            }
            Err(other) => {
                let detail = match &other {
                    // Nothing was written yet; the system's reason ("Permission
                    // denied") is what whoever fixes the file needs.
                    DeskError::Store(StoreError::Io(e)) => e.to_string(),
                    _ => crate::ui::errors::describe(&other, self.lang),
                };
                notice(
                    Msg::NoticeIoTitle,
                    fill(
                        Msg::NoticeIo,
                        self.lang,
                        &[("path", &shown_path), ("detail", &detail)],
                    ),
                )
            }
        }
    }

    /// The exit code, once the program should end.
    pub fn exit_code(&self) -> Option<u8> {
        self.exit
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The open database, for tests that check what a key press wrote.
    pub fn desk(&self) -> Option<&Desk> {
        self.desk.as_ref()
    }

    /// Translates a terminal event and handles it.
    pub fn handle_event(&mut self, event: &Event, now: Instant) {
        // Only in builds for the tests (the `test-panic` feature, which the
        // crate's dev-dependency on itself turns on): never in the product.
        #[cfg(feature = "test-panic")]
        if matches!(event, Event::Key(_)) && std::env::var_os("MILA_TEST_PANIC").is_some() {
            // Lets a test prove that a panic leaves the terminal usable.
            panic!("injected test panic");
        }
        if let Event::Resize(cols, rows) = event {
            self.too_small = is_too_small(ratatui::layout::Rect::new(0, 0, *cols, *rows));
        }
        let mode = match &self.overlay {
            Overlay::None => self.screens.last().map_or(Mode::Global, |s| s.mode()),
            Overlay::Help(_) => Mode::View,
            Overlay::Leave { .. } => Mode::Dialog,
        };
        if let Some(action) = self.keymap.action_for_event(mode, event) {
            self.dispatch(action, now);
        }
    }

    /// Handles one action: the overlay first, then the screen, then the
    /// global meaning of the action.
    pub fn dispatch(&mut self, action: Action, now: Instant) {
        if !matches!(action, Action::Tick | Action::Resize { .. }) {
            self.last_input = now;
            self.take_index(now, true);
        }
        if self.too_small
            && !matches!(
                action,
                Action::Quit | Action::Lock | Action::Resize { .. } | Action::Tick
            )
        {
            // Nobody can see what they would change.
            return;
        }
        let top_before = self.top_identity();
        if !self.dispatch_overlay(&action, now) {
            let outcome = self.with_top(now, |screen, ctx| screen.handle(&action, ctx));
            match outcome {
                Some(Outcome::Unhandled) | None => self.global(&action, now, false),
                Some(outcome) => self.apply(outcome, now),
            }
        }
        if self.top_identity() != top_before {
            self.frame.messages.clear_shown_before(now);
        }
        self.refresh_frame();
    }

    /// Which screen is on top, to notice that another one is shown now.
    fn top_identity(&self) -> Option<*const ()> {
        self.screens
            .last()
            .map(|s| std::ptr::from_ref::<dyn Screen>(s.as_ref()).cast::<()>())
    }

    /// Time passes: messages fade, the idle lock may strike, "today" moves on.
    pub fn tick(&mut self, now: Instant) {
        self.take_index(now, false);
        self.frame.messages.expire(now);
        self.today = today_or(self.pinned_today);
        self.frame.today = self.today;
        if self.login.is_some() && now.saturating_duration_since(self.last_input) >= self.lock_after
        {
            self.lock(now);
            return;
        }
        self.dispatch(Action::Tick, now);
    }

    pub fn has_pending_work(&self) -> bool {
        self.screens.last().is_some_and(|s| s.pending_work())
    }

    /// Runs the slow work a screen asked for, after "please wait" was drawn.
    pub fn run_pending_work(&mut self, now: Instant) {
        self.take_index(now, true);
        if let Some(outcome) = self.with_top(now, |screen, ctx| screen.work(ctx)) {
            self.apply(outcome, now);
        }
        self.refresh_frame();
    }

    fn dispatch_overlay(&mut self, action: &Action, now: Instant) -> bool {
        match &mut self.overlay {
            Overlay::None => false,
            Overlay::Help(panel) => {
                if matches!(
                    action,
                    Action::Back | Action::Help | Action::Confirm | Action::Quit
                ) {
                    self.overlay = Overlay::None;
                } else if !matches!(action, Action::Tick) {
                    panel.handle(action);
                }
                true
            }
            Overlay::Leave { dialog, then } => {
                match dialog.handle(action) {
                    Some(Answer::Yes) => {
                        let then = then.clone();
                        self.overlay = Overlay::None;
                        self.global(&then, now, true);
                    }
                    Some(Answer::No) => self.overlay = Overlay::None,
                    None => {}
                }
                true
            }
        }
    }

    fn with_top<R>(
        &mut self,
        now: Instant,
        f: impl FnOnce(&mut dyn Screen, &mut Ctx<'_>) -> R,
    ) -> Option<R> {
        let top = self.screens.last_mut()?;
        let mut ctx = ctx!(self, now);
        Some(f(top.as_mut(), &mut ctx))
    }

    fn apply(&mut self, outcome: Outcome, now: Instant) {
        match outcome {
            Outcome::Stay | Outcome::Unhandled => {}
            Outcome::Back => self.close_top(now),
            Outcome::Push(screen) => self.screens.push(screen),
            Outcome::Replace(screen) => {
                self.screens.pop();
                self.screens.push(screen);
            }
            Outcome::Created(created) => {
                let (mut desk, login) = *created;
                if let Some(date) = self.pinned_today {
                    desk.pin_today(date);
                }
                self.desk = Some(desk);
                self.signed_in(login, now);
            }
            Outcome::LoggedIn(login) => self.signed_in(*login, now),
            Outcome::Exit(code) => self.exit = Some(code),
            Outcome::Global(action) => self.global(&action, now, false),
        }
        if let Some(lang) = self.screens.last().and_then(|s| s.chosen_lang()) {
            self.lang = lang;
        }
    }

    fn close_top(&mut self, now: Instant) {
        if self.screens.len() > 1 {
            self.screens.pop();
            self.with_top(now, |screen, ctx| screen.resumed(ctx));
        }
    }

    fn signed_in(&mut self, login: Login, now: Instant) {
        self.last_user = login.user().to_string();
        // Staff with data access get the index of every visitor; volunteers
        // have no key and so no names.
        self.index = None;
        self.index_building = None;
        if let (Some(desk), true) = (&self.desk, login.may(Capability::ReadPersonal)) {
            match desk.visitor_entries(&login) {
                Ok(entries) => {
                    let spawned = std::thread::Builder::new()
                        .name("search-index".into())
                        .spawn(move || SearchIndex::new(entries));
                    match spawned {
                        Ok(handle) => self.index_building = Some(handle),
                        // No thread to be had: build it here, as before.
                        Err(_) => self.index = self.index_here(&login, now),
                    }
                }
                Err(e) => self.frame.messages.error(describe(&e, self.lang), now),
            }
        }
        self.login = Some(login);
        self.last_input = now;
        self.screens.clear();
        let home = Home::new(&mut ctx!(self, now));
        self.screens.push(Box::new(home));
        self.take_back_draft(now);
    }

    /// After a sign-in: the signed-in person's draft opens again where they were; anyone
    /// else's stays sealed for them, and the screen says so.
    fn take_back_draft(&mut self, now: Instant) {
        let today = self.today;
        self.drafts.retain(|d| d.day() == today);
        let Some(user) = self.login.as_ref().map(|l| l.user().to_string()) else {
            return;
        };
        let mine = self.drafts.iter().position(|d| d.owner() == user);
        if let Some(draft) = mine.map(|i| self.drafts.remove(i)) {
            let opened = self
                .login
                .as_ref()
                .map(|l| l.open_draft::<crate::ui::kept::Kept>(&draft));
            let screen = match opened {
                Some(Ok(kept)) => crate::ui::kept::restore(&kept, &mut ctx!(self, now)),
                _ => None,
            };
            match screen {
                Some(screen) => {
                    self.screens.push(screen);
                    self.frame
                        .messages
                        .success(Msg::DraftRestored.text(self.lang), now);
                }
                None => self
                    .frame
                    .messages
                    .error(Msg::DraftLost.text(self.lang), now),
            }
        } else if let Some(other) = self.drafts.first() {
            let text = fill(
                Msg::DraftKeptForOther,
                self.lang,
                &[("user", other.owner())],
            );
            self.frame.messages.info(text, now);
        }
    }

    /// Takes over the index built beside the home screen: once it is done,
    /// or (`wait`) before an action that may search.
    fn take_index(&mut self, now: Instant, wait: bool) {
        let done = self
            .index_building
            .as_ref()
            .is_some_and(|h| wait || h.is_finished());
        if !done {
            return;
        }
        if let Some(handle) = self.index_building.take() {
            self.index = match handle.join() {
                Ok(index) => Some(index),
                // The build failed on its thread: once more here, where an
                // error is shown.
                Err(_) => match self.login.take() {
                    Some(login) => {
                        let index = self.index_here(&login, now);
                        self.login = Some(login);
                        index
                    }
                    None => None,
                },
            };
            // Screens drawn before the index was there (home's short intakes) show
            // numbers only; now they can show names.
            if self.index.is_some() {
                self.with_top(now, |screen, ctx| screen.resumed(ctx));
                self.refresh_frame();
            }
        }
    }

    /// Whether the search index built after sign-in is still on its way.
    pub fn index_pending(&self) -> bool {
        self.index_building.is_some()
    }

    fn index_here(&mut self, login: &Login, now: Instant) -> Option<SearchIndex> {
        let desk = self.desk.as_ref()?;
        match desk.search_index(login) {
            Ok(index) => Some(index),
            Err(e) => {
                self.frame.messages.error(describe(&e, self.lang), now);
                None
            }
        }
    }

    /// Drops the key and everything decrypted, and shows only the sign-in.
    fn lock(&mut self, now: Instant) {
        if self.login.is_none() {
            return;
        }
        // Unsaved input holds personal data too: it is sealed under the data key (the
        // plaintext goes with the screens) and comes back when the same person unlocks.
        let kept = match (self.screens.last().and_then(|s| s.keep()), &self.login) {
            (Some(kept), Some(login)) => login.seal_draft(&kept, self.today).ok(),
            _ => None,
        };
        let kept_for = kept.as_ref().map(|d| d.owner().to_string());
        if let Some(draft) = kept {
            self.drafts.retain(|d| d.owner() != draft.owner());
            self.drafts.push(draft);
        }
        let dirty = self.screens.iter().any(|s| s.is_dirty());
        let discarded = dirty && kept_for.is_none();
        self.login = None;
        self.index = None;
        // A build still running ends on its own and wipes what it built.
        self.index_building = None;
        self.overlay = Overlay::None;
        self.screens.clear();
        self.screens
            .push(Box::new(LoginScreen::locked(self.lang, &self.last_user)));
        if discarded {
            self.frame
                .messages
                .error(Msg::LockedDiscarded.text(self.lang), now);
        } else if let (Some(user), true) = (&kept_for, dirty) {
            let text = fill(Msg::LockedDraftKept, self.lang, &[("user", user)]);
            self.frame.messages.info(text, now);
        } else {
            self.frame
                .messages
                .info(Msg::LockedNow.text(self.lang), now);
        }
        self.refresh_frame();
    }

    /// What an action means everywhere. `confirmed`: the person already
    /// agreed to discard unsaved input.
    fn global(&mut self, action: &Action, now: Instant, confirmed: bool) {
        let dirty = !confirmed && self.screens.last().is_some_and(|s| s.is_dirty());
        let ask = |app: &mut App, then: Action| {
            app.overlay = Overlay::Leave {
                dialog: Confirm::destructive(app.lang, Msg::DiscardQuestion.text(app.lang))
                    .with_theme(app.theme),
                then,
            };
        };
        match action {
            Action::Help => {
                let mode = self.screens.last().map_or(Mode::Global, |s| s.mode());
                self.overlay = Overlay::Help(
                    HelpPanel::new(&self.keymap, mode, self.lang).with_theme(self.theme),
                );
            }
            Action::Quit if dirty => ask(self, Action::Quit),
            Action::Quit => match (&self.config.backup_folder, &self.desk) {
                (Some(folder), Some(_)) => {
                    self.overlay = Overlay::None;
                    self.screens.push(Box::new(QuitBackup::new(
                        folder.clone(),
                        self.config.backup_keep,
                    )));
                }
                _ => self.exit = Some(0),
            },
            Action::Lock => self.lock(now),
            Action::Back if self.screens.len() > 1 && dirty => ask(self, Action::Back),
            Action::Back => self.close_top(now),
            main if navigation::MAIN_ACTIONS.contains(main)
                || navigation::EXTRA_ACTIONS.contains(main) =>
            {
                let Some(login) = &self.login else { return };
                if !navigation::allowed(main, login) {
                    self.frame
                        .messages
                        .error(Msg::NotForRole.text(self.lang), now);
                } else if dirty {
                    ask(self, main.clone());
                } else {
                    self.screens.truncate(1);
                    if let Some(screen) = navigation::open(main, &mut ctx!(self, now)) {
                        self.screens.push(screen);
                    }
                }
            }
            _ => {}
        }
    }

    /// Title, user and hints of the frame follow the current screen.
    fn refresh_frame(&mut self) {
        let Some(top) = self.screens.last() else {
            return;
        };
        let (mode, hints) = match &self.overlay {
            Overlay::None => (top.mode(), top.hints(self.login.as_ref())),
            Overlay::Help(_) => (Mode::View, vec![Action::Back, Action::Up, Action::Down]),
            Overlay::Leave { .. } => (Mode::Dialog, vec![Action::Yes, Action::No]),
        };
        self.frame.set_lang(self.lang);
        self.frame.screen_title = top.title(self.lang);
        self.frame.user = self.login.as_ref().map(|l| l.user().to_string());
        self.frame
            .set_hints(crate::ui::widgets::HintBar::from_keymap(
                &self.keymap,
                mode,
                &hints,
                self.lang,
            ));
    }

    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if is_too_small(area) {
            TooSmall::new(self.lang)
                .with_theme(self.theme)
                .render(frame, area);
            return;
        }
        self.frame.render(frame, area);
        let body = self.frame.areas(area).body;
        let view = View {
            lang: self.lang,
            theme: self.theme,
            today: self.today,
            keymap: &self.keymap,
            login: self.login.as_ref(),
        };
        if let Some(top) = self.screens.last() {
            top.render(frame, body, &view);
        }
        match &self.overlay {
            Overlay::None => {}
            Overlay::Help(panel) => panel.render(frame, body),
            Overlay::Leave { dialog, .. } => dialog.render(frame, body),
        }
    }
}

/// Keymap and settings problems, one line each, shown once at start.
fn startup_problems(
    lang: Lang,
    config: Option<&ConfigProblem>,
    keymap: &[KeymapProblem],
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(p) = config {
        lines.push(fill(
            Msg::ConfigProblem,
            lang,
            &[
                ("file", &p.file.display().to_string()),
                ("line", &p.line.to_string()),
                ("message", &p.message),
            ],
        ));
    }
    if let Some(first) = keymap.first() {
        lines.push(fill(
            Msg::KeymapFallback,
            lang,
            &[("file", &first.file.display().to_string())],
        ));
        lines.extend(keymap.iter().map(|p| p.describe(lang)));
    }
    lines
}
