//! The application without a terminal: actions in, a `TestBackend` screen
//! out, for snapshot tests of every screen.

use std::path::Path;
use std::time::{Duration, Instant};

use jiff::civil::{Date, date};
use mila::desk::{Desk, Login, Role};
use mila::ui::action::Action;
use mila::ui::app::{App, StartOptions};
use mila::ui::catalog::Lang;
use mila::vault::{KdfParams, Passphrase};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;

pub const DAY: Date = date(2026, 11, 26);
pub const COORDINATOR: &str = "koordination";
pub const PASSPHRASE: &str = "Sommer in Langenhagen";
pub const VOLUNTEER: &str = "helfer";
pub const VOLUNTEER_PASSPHRASE: &str = "helfer-passphrase";

pub struct TestApp {
    pub app: App,
    /// Shown as `<tmp>` on screen, so snapshots do not depend on it.
    dir: std::path::PathBuf,
    pub terminal: Terminal<TestBackend>,
    pub now: Instant,
}

/// A database with a coordinator and a volunteer, made with the desk API.
pub fn make_database(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("mila.redb");
    let (mut desk, coordinator) = Desk::create(
        &path,
        COORDINATOR,
        &Passphrase::new(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .expect("create");
    desk.pin_today(DAY);
    desk.add_staff(
        &coordinator,
        VOLUNTEER,
        Role::Volunteer,
        &Passphrase::new(VOLUNTEER_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .expect("volunteer");
    path
}

/// Opens the database of a test with the desk API, for setting things up.
pub fn with_desk<T>(path: &Path, f: impl FnOnce(&Desk, &Login) -> T) -> T {
    let mut desk = Desk::open(path).expect("open");
    desk.pin_today(DAY);
    let login = desk
        .login(COORDINATOR, &Passphrase::new(PASSPHRASE))
        .expect("login");
    f(&desk, &login)
}

impl TestApp {
    pub fn start(dir: &Path, cols: u16, rows: u16, lang: Option<Lang>) -> Self {
        let options = StartOptions {
            db_path: dir.join("mila.redb"),
            config_path: dir.join("config.toml"),
            keymap_file: dir.join("keymap.toml"),
            lang,
            keymap: None,
            today: Some(DAY),
        };
        let now = Instant::now();
        let mut app = App::start(options, now);
        app.handle_event(&Event::Resize(cols, rows), now);
        let terminal = Terminal::new(TestBackend::new(cols, rows)).expect("terminal");
        Self {
            app,
            dir: dir.to_path_buf(),
            terminal,
            now,
        }
    }

    /// Does what the event loop does for one action.
    pub fn press(&mut self, action: Action) {
        self.now += Duration::from_millis(10);
        self.app.dispatch(action, self.now);
        while self.app.has_pending_work() {
            self.app.run_pending_work(self.now);
        }
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.press(Action::Input(c));
        }
    }

    pub fn sign_in(&mut self, user: &str, passphrase: &str) {
        self.type_text(user);
        self.press(Action::Confirm);
        self.type_text(passphrase);
        self.press(Action::Confirm);
        self.settle();
    }

    /// Lets the clock run until the search index built after sign-in has arrived,
    /// as it does while a person looks at the home screen. A build that never
    /// arrives fails the test here, not later as a puzzling empty result list.
    pub fn settle(&mut self) {
        let give_up = std::time::Instant::now() + Duration::from_secs(120);
        while self.app.index_pending() {
            assert!(
                std::time::Instant::now() < give_up,
                "the search index was not built within 120 s"
            );
            std::thread::sleep(Duration::from_millis(5));
            self.now += Duration::from_millis(5);
            self.app.tick(self.now);
        }
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.terminal.backend_mut().resize(cols, rows);
        self.app.handle_event(&Event::Resize(cols, rows), self.now);
    }

    /// Draws and returns the screen as text, one line per row.
    pub fn screen(&mut self) -> String {
        self.draw();
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            // The cells a wide character covers hold a blank the terminal never shows;
            // counting them would make a row look wider than it is.
            let mut hidden = 0;
            for x in 0..buffer.area.width {
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                hidden = mila::ui::sanitize::display_width(symbol).saturating_sub(1);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.replace(&self.dir.display().to_string(), "<tmp>")
    }

    pub fn draw(&mut self) -> &TestBackend {
        let app = &self.app;
        self.terminal.draw(|f| app.render(f)).expect("draw");
        self.terminal.backend()
    }
}
