//! `mila demo`: a new database full of made-up people to try the program
//! on, and the sign-in to use with it.

use std::path::{Path, PathBuf};

use mila::desk::demo::DemoPlan;
use mila::desk::{Desk, DeskError};
use mila::store::StoreError;
use mila::vault::{KdfParams, Passphrase};

use super::args::Cli;
use super::{CliResult, Failure};

const DEMO_USER: &str = "demo";

/// Without `--db`, a file beside the default database, never the default
/// database itself: demo people must not end up in the real list.
fn demo_path(cli: &Cli) -> PathBuf {
    cli.db
        .clone()
        .unwrap_or_else(|| mila::paths::default_db_path().with_file_name("mila-demo.redb"))
}

/// `demo-` and three groups of four letters: easy to type from the screen.
fn random_passphrase() -> Result<String, Failure> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| Failure(format!("no random numbers: {e}")))?;
    let letters: Vec<char> = bytes.iter().map(|b| char::from(b'a' + b % 26)).collect();
    let groups: Vec<String> = letters.chunks(4).map(|c| c.iter().collect()).collect();
    Ok(format!("demo-{}", groups.join("-")))
}

pub fn run(cli: &Cli, visitors: u32, days: u32) -> CliResult {
    let path = demo_path(cli);
    let user = cli.user.clone().unwrap_or_else(|| DEMO_USER.to_string());
    let passphrase = match std::env::var("MILA_PASSPHRASE") {
        Ok(text) => text,
        Err(_) => random_passphrase()?,
    };
    let plan = DemoPlan {
        visitors,
        days,
        ..DemoPlan::default()
    };
    let (mut desk, login) = Desk::create(
        &path,
        &user,
        &Passphrase::new(passphrase.clone()),
        KdfParams::from_env(),
    )
    .map_err(|e| match e {
        DeskError::Store(StoreError::Exists(p)) => Failure(format!(
            "{} exists already; the demo needs a new file (give another --db PATH)",
            p.display()
        )),
        other => other.into(),
    })?;
    if let Ok(Some(date)) = mila::desk::pinned_today() {
        desk.pin_today(date);
    }
    let summary = match desk.fill_demo(&login, &plan) {
        Ok(summary) => summary,
        Err(e) => {
            drop(desk);
            remove_half_made(&path);
            return Err(e.into());
        }
    };
    let shown = path.display();
    println!(
        "Created {shown} with demo data (made-up people only): {} visitors, {} sessions from {} to {}, {} check-ins.",
        summary.visitors, summary.sessions, summary.first_day, summary.last_day, summary.checkins
    );
    println!("Sign in with:");
    println!("  user:       {user}");
    println!("  passphrase: {passphrase}");
    println!("Start it:    mila --db {shown}");
    if let Some(day) = summary.busiest_past_day {
        println!("A day summary: mila --db {shown} --user {user} report day --date {day}");
    }
    Ok(())
}

/// The file is ours and incomplete: it must not be taken for a database.
fn remove_half_made(path: &Path) {
    let _ = std::fs::remove_file(path);
}
