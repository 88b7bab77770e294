//! The real program in a pseudo-terminal: time to the first frame, and its
//! memory once unlocked with every visitor in the search index.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::fixture::{PASSPHRASE, TODAY, USER};
use crate::pty::{Key, Pty, PtyCommand};
use crate::stats::Samples;

const LOGIN_TEXT: &str = "Anmelden";
const HOME_TEXT: &str = "Termine heute";

fn spawn(db: &Path, home: &Path) -> Pty {
    PtyCommand::new(env!("CARGO_BIN_EXE_mila"))
        .env("MILA_DB", db)
        .env("MILA_TODAY", TODAY.to_string())
        .env("MILA_CONFIG_DIR", home.join("config"))
        .env("HOME", home)
        .env_remove("MILA_KDF")
        .size(120, 40)
        .spawn()
        .expect("spawn mila")
}

/// Polls the screen more finely than the harness' waits (10 ms), which
/// would blur a 50 ms budget.
fn wait_for(p: &Pty, text: &str, timeout: Duration) {
    let start = Instant::now();
    while !p.screen_text().contains(text) {
        assert!(
            start.elapsed() < timeout,
            "no {text:?} after {timeout:?}:\n{}",
            p.dump()
        );
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// Quits with F10, so the file is closed cleanly and the next start does
/// not pay for a repair.
fn quit(mut p: Pty) {
    p.send(Key::F(10)).expect("F10");
    assert_eq!(
        p.wait_exit(Duration::from_secs(30)),
        Some(0),
        "{}",
        p.dump()
    );
}

/// From spawning the process to the sign-in screen drawn on the terminal:
/// process start, opening and checking the database, the first frame, and
/// the pseudo-terminal carrying it to the reader here (sub-millisecond).
pub fn first_frame(db: &Path, home: &Path, runs: usize) -> Samples {
    let mut samples = Samples::default();
    for _ in 0..runs {
        let start = Instant::now();
        let p = spawn(db, home);
        wait_for(&p, LOGIN_TEXT, Duration::from_secs(20));
        samples.push_duration(start.elapsed());
        quit(p);
    }
    samples
}

pub struct Unlocked {
    /// Enter pressed to the home screen drawn, Argon2 included.
    pub unlock: Duration,
    pub rss_mib: f64,
    pub peak_mib: f64,
}

fn status_mib(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// Signs in to the real program and reads its memory from /proc.
pub fn unlocked(db: &Path, home: &Path) -> Unlocked {
    let mut p = spawn(db, home);
    wait_for(&p, LOGIN_TEXT, Duration::from_secs(20));
    p.send_keys(USER).expect("user");
    p.send(Key::Enter).expect("enter");
    p.send_keys(PASSPHRASE).expect("passphrase");
    let start = Instant::now();
    p.send(Key::Enter).expect("enter");
    wait_for(&p, HOME_TEXT, Duration::from_secs(60));
    let unlock = start.elapsed();
    // Let the first frames settle, as a person would look at the screen.
    std::thread::sleep(Duration::from_millis(300));
    let pid = p.pid().expect("pid");
    let out = Unlocked {
        unlock,
        rss_mib: status_mib(pid, "VmRSS:"),
        peak_mib: status_mib(pid, "VmHWM:"),
    };
    quit(p);
    out
}
