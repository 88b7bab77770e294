//! The event loop: draw, wait for a key (or a quarter second), handle it.

use std::io;
use std::time::{Duration, Instant};

use ratatui::crossterm::event;

use crate::ui::app::{App, StartOptions};
use crate::ui::terminal::TerminalGuard;

/// How often time is looked at when no key comes: message fading, idle lock.
const TICK: Duration = Duration::from_millis(250);

/// Runs the program until the person quits; returns the exit code.
pub fn run(options: StartOptions) -> io::Result<u8> {
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::start(options, Instant::now());
    let size = guard.terminal.size()?;
    app.handle_event(
        &event::Event::Resize(size.width, size.height),
        Instant::now(),
    );
    loop {
        guard.terminal.draw(|frame| app.render(frame))?;
        if app.has_pending_work() {
            app.run_pending_work(Instant::now());
            continue;
        }
        if let Some(code) = app.exit_code() {
            return Ok(code);
        }
        if event::poll(TICK)? {
            let event = event::read()?;
            app.handle_event(&event, Instant::now());
        } else {
            app.tick(Instant::now());
        }
    }
}
