//! Where passphrases come from: environment, a file, or a hidden prompt.

use std::io::IsTerminal;

use mila::desk::{Desk, Login};
use mila::vault::Passphrase;

use super::Failure;
use super::args::Cli;

fn prompt(label: &str) -> Result<Passphrase, Failure> {
    let text = rpassword::prompt_password(label)
        .map_err(|e| Failure(format!("cannot read the passphrase: {e}")))?;
    Ok(Passphrase::new(text))
}

fn read_file(path: &std::path::Path) -> Result<Passphrase, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Failure(format!(
            "cannot read passphrase file {}: {e}",
            path.display()
        ))
    })?;
    let first = text.lines().next().unwrap_or("").to_string();
    Ok(Passphrase::new(first))
}

/// The passphrase of the user running the command.
pub fn passphrase(cli: &Cli) -> Result<Passphrase, Failure> {
    if let Ok(text) = std::env::var("MILA_PASSPHRASE") {
        return Ok(Passphrase::new(text));
    }
    if let Some(path) = &cli.passphrase_file {
        return read_file(path);
    }
    if std::io::stdin().is_terminal() {
        return prompt("Passphrase: ");
    }
    Err(Failure(
        "no passphrase: set MILA_PASSPHRASE, use --passphrase-file, or run in a terminal".into(),
    ))
}

/// A new passphrase for an account: `MILA_NEW_PASSPHRASE`, or asked twice.
pub fn new_passphrase(env: &str, who: &str) -> Result<Passphrase, Failure> {
    // The name is not checked yet and goes to the terminal in the prompt.
    let who = mila::ui::sanitize::sanitize(who);
    if let Ok(text) = std::env::var(env) {
        return Ok(Passphrase::new(text));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure(format!(
            "no new passphrase for {who}: set {env} or run in a terminal"
        )));
    }
    let first = prompt(&format!("New passphrase for {who}: "))?;
    let second = prompt("Repeat it: ")?;
    if first.as_bytes() != second.as_bytes() {
        return Err(Failure(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

pub fn user(cli: &Cli) -> Result<String, Failure> {
    cli.user
        .clone()
        .ok_or_else(|| Failure("no user: give --user NAME or set MILA_USER".into()))
}

/// Logs in the user named on the command line.
pub fn login(cli: &Cli, desk: &Desk) -> Result<Login, Failure> {
    let user = user(cli)?;
    let passphrase = passphrase(cli)?;
    let login = desk.login(&user, &passphrase)?;
    if login.must_change_passphrase() {
        eprintln!(
            "mila: warning: your passphrase was a one-time one; change it now with `mila staff passwd {}`",
            login.user()
        );
    }
    Ok(login)
}
