//! Sprachvermittlung in the real binary, through a pseudo-terminal: a pool
//! member added under F8, a visitor without German whose card says who can
//! mediate today, a request from the card in a few keys (Alt+V), assigned from
//! the list of open requests (Alt+M); all of it survives a restart.

mod common;

use assert_cmd::Command;
use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, first_run, sign_in};
use common::pty::{Key, Pty};

/// A Tuesday.
const TODAY: &str = "2026-12-08";

fn start(place: &Place) -> Pty {
    place
        .command()
        .env("MILA_TODAY", TODAY)
        .size(100, 30)
        .spawn()
        .expect("start mila")
}

fn cli(place: &Place) -> Command {
    let mut cmd = Command::cargo_bin("mila").expect("binary");
    cmd.env_clear()
        .env("MILA_DB", place.db())
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", COORDINATOR)
        .env("MILA_PASSPHRASE", PASSPHRASE)
        .env("MILA_TODAY", TODAY)
        .env("HOME", place.dir.path());
    cmd
}

#[test]
fn a_request_from_the_card_is_assigned_and_survives_a_restart() -> Result<(), String> {
    let place = Place::new();
    let mut app = start(&place);
    first_run(&mut app)?;

    // F8, the last entry: the pool.
    app.type_keys("<F8><End><Enter>")?;
    app.wait_for_text("Noch niemand im Pool", WAIT)?;
    app.type_keys("<C-n>Testdolmetscherin Pty<Tab>Tigrinya:Muttersprache<Tab>Di 09-13<C-s>")?;
    app.wait_for_text("Im Pool gespeichert", WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let csv = place.dir.path().join("v.csv");
    std::fs::write(&csv, "name;languages\nTestbesucher Pty;Tigrinya\n").unwrap();
    cli(&place)
        .args(["import", "visitors", csv.to_str().unwrap()])
        .assert()
        .success();

    let mut app = start(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.type_keys("<F3>M-0001")?;
    app.wait_for_text("Testbesucher Pty", WAIT)?;
    app.type_keys("<Enter>")?;
    app.wait_for_text("Sprachmittlung heute", WAIT)?;
    app.wait_for_text(
        "Tigrinya: Testdolmetscherin Pty (Muttersprache, 09:00–13:00)",
        WAIT,
    )?;
    app.type_keys("<A-v>")?;
    app.wait_for_text("Sprachmittlung anfragen für M-0001", WAIT)?;
    app.type_keys("<Tab>Termin im Jobcenter<Tab><End>10:30<C-s>")?;
    app.wait_for_text("Anfrage 1 für M-0001 gespeichert", WAIT)?;

    app.type_keys("<A-m>")?;
    app.wait_for_text("Termin im Jobcenter", WAIT)?;
    app.type_keys("<Enter>")?;
    app.wait_for_text("beste zuerst", WAIT)?;
    app.type_keys("<Enter>")?;
    app.wait_for_text("zugewiesen: Testdolmetscherin Pty", WAIT)?;
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    let out = cli(&place)
        .args(["request", "list", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["status"], "assigned");
    assert_eq!(rows[0]["interpreter"], "Testdolmetscherin Pty");
    assert_eq!(rows[0]["date"], TODAY);
    assert_eq!(rows[0]["time"], "10:30");
    Ok(())
}
