//! Settings that would lock staff out, through the application: refused at
//! start with a notice, and the default in force.

mod common;

use std::time::Duration;

use common::app::{COORDINATOR, PASSPHRASE, TestApp, make_database};
use mila::ui::action::Action;

#[test]
fn an_auto_lock_below_30_seconds_is_refused_and_the_default_used() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    std::fs::write(dir.path().join("config.toml"), "lock_after_seconds = 0\n").unwrap();
    let mut app = TestApp::start(dir.path(), 120, 40, None);
    let screen = app.screen();
    assert!(screen.contains("minimum of 30 seconds"), "{screen}");
    app.press(Action::Confirm);
    app.sign_in(COORDINATOR, PASSPHRASE);
    assert!(app.screen().contains("Termine heute"), "{}", app.screen());

    // 0 locked a second after each unlock; the default is five minutes.
    app.now += Duration::from_secs(31);
    app.app.tick(app.now);
    let screen = app.screen();
    assert!(!screen.contains("Gesperrt"), "{screen}");
    app.now += Duration::from_secs(300);
    app.app.tick(app.now);
    let screen = app.screen();
    assert!(screen.contains("Gesperrt"), "{screen}");
}

#[test]
fn thirty_seconds_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    make_database(dir.path());
    std::fs::write(dir.path().join("config.toml"), "lock_after_seconds = 30\n").unwrap();
    let mut app = TestApp::start(dir.path(), 120, 40, None);
    app.sign_in(COORDINATOR, PASSPHRASE);
    app.now += Duration::from_secs(29);
    app.app.tick(app.now);
    assert!(!app.screen().contains("Gesperrt"), "{}", app.screen());
    app.now += Duration::from_secs(2);
    app.app.tick(app.now);
    assert!(app.screen().contains("Gesperrt"), "{}", app.screen());
}
