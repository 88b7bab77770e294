//! Unlocking inside the application, as the event loop does it: the
//! passphrase is confirmed, "please wait" is drawn, the pending work signs in
//! (Argon2id, the key check, the search index of every visitor) and the
//! home screen is drawn. Then the home screen is redrawn.

use std::path::Path;
use std::time::Instant;

use mila::ui::action::Action;
use mila::ui::app::{App, StartOptions};
use mila::ui::catalog::Lang;
use mila::vault::{DataKey, KdfParams, KeySlot, Passphrase};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;

use crate::fixture::{PASSPHRASE, TODAY, USER};
use crate::stats::Samples;

pub struct AppTimes {
    /// Confirm pressed to the home screen drawn.
    pub unlock: Samples,
    /// Argon2id alone, measured right before each unlock, so both see the
    /// machine in the same state.
    pub argon2: Samples,
    /// Each unlock minus the Argon2id before it.
    pub beyond: Samples,
    /// Confirm pressed to the search index taken over by the first key
    /// press after the home screen (it is built beside the home screen).
    pub search_ready: Samples,
    pub home_redraw: Samples,
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.dispatch(Action::Input(c), Instant::now());
    }
}

pub fn in_app(db: &Path, home: &Path, unlocks: usize, redraws: usize) -> AppTimes {
    let options = StartOptions {
        db_path: db.to_path_buf(),
        config_path: home.join("config/config.toml"),
        keymap_file: home.join("config/keymap.toml"),
        lang: Some(Lang::De),
        keymap: None,
        today: Some(TODAY),
    };
    let mut app = App::start(options, Instant::now());
    app.handle_event(&Event::Resize(120, 40), Instant::now());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut times = AppTimes {
        unlock: Samples::default(),
        argon2: Samples::default(),
        beyond: Samples::default(),
        search_ready: Samples::default(),
        home_redraw: Samples::default(),
    };
    type_text(&mut app, USER);
    app.dispatch(Action::Confirm, Instant::now());
    for _ in 0..unlocks {
        let kdf = argon2(1).median();
        type_text(&mut app, PASSPHRASE);
        let start = Instant::now();
        app.dispatch(Action::Confirm, Instant::now());
        terminal.draw(|f| app.render(f)).expect("draw");
        while app.has_pending_work() {
            app.run_pending_work(Instant::now());
        }
        terminal.draw(|f| app.render(f)).expect("draw");
        let total = crate::stats::ms(start.elapsed());
        times.unlock.push(total);
        times.argon2.push(kdf);
        times.beyond.push(total - kdf);
        let shown: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(shown.contains("Termine heute"), "not signed in:\n{shown}");
        // A key on the home screen: it waits for the index if still building.
        app.dispatch(Action::Down, Instant::now());
        times
            .search_ready
            .push(crate::stats::ms(start.elapsed()) - kdf);
        for _ in 0..redraws {
            let start = Instant::now();
            terminal.draw(|f| app.render(f)).expect("draw");
            times.home_redraw.push_duration(start.elapsed());
        }
        app.dispatch(Action::Lock, Instant::now());
    }
    times
}

/// Argon2id with the default parameters: wrapping a key runs one
/// derivation, as unwrapping it at sign-in does.
pub fn argon2(runs: usize) -> Samples {
    let key = DataKey::generate().expect("key");
    let pass = Passphrase::new(PASSPHRASE);
    Samples::time(runs, || {
        KeySlot::wrap(&key, &pass, USER, KdfParams::DEFAULT).expect("wrap")
    })
}
