//! The real binary in a pseudo-terminal: sign in, F3, type a fragment, Enter
//! on the visitor card. Visitors in Arabic script (with and without a Latin
//! spelling) and with German umlauts, set up through the desk API.

mod common;

use common::mila::{COORDINATOR, PASSPHRASE, Place, WAIT, sign_in};
use common::pty::Key;
use mila::desk::{Answer, BirthDate, Consent, Desk, PersonalData, day_key};
use mila::vault::{KdfParams, Passphrase};

fn person(name: &str, latin: &str, birth: &str, phone: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    data.birth = BirthDate::parse(birth).map_or(Answer::Unknown, Answer::Given);
    data.phone = Answer::Given(phone.into());
    data.consent = Consent {
        day: day_key(mila::desk::today()),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    };
    data
}

/// M-0001 Arabic script with a Latin spelling, M-0002 a German name with
/// umlauts, M-0003 Arabic script only.
fn place_with_visitors() -> Place {
    let place = Place::new();
    let (desk, login) = Desk::create(
        &place.db(),
        COORDINATOR,
        &Passphrase::new(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .expect("create");
    for data in [
        person("محمد بيسبيل", "Mohammed Beispiel", "1990", "0151 1234 5678"),
        person("Jürgen Müller-Test", "", "07.03.1975", "0170 2222 333"),
        person("يوسف تستا", "", "1988", "0160 4444 555"),
    ] {
        desk.register_visitor(&login, &data, true, None)
            .expect("register");
    }
    place
}

#[test]
fn find_visitors_by_fragments_and_open_their_cards() -> Result<(), String> {
    let place = place_with_visitors();
    let mut app = place.start();
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;

    // A Latin fragment finds the Arabic-script name by its Latin spelling.
    app.send(Key::F(3))?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    app.type_keys("moh bei")?;
    // The keys arrive one by one: the list for "m" alone shows everybody.
    // Waiting for the whole query's list, not the first one that matches.
    app.wait_until("the list for \"moh bei\"", WAIT, |screen| {
        let text = screen.contents();
        text.contains("moh bei") && text.contains("Mohammed Beispiel") && !text.contains("M-0002")
    })?;
    assert!(app.screen_text().contains("محمد بيسبيل"), "{}", app.dump());
    app.send(Key::Enter)?;
    app.wait_for_text("Besucherkarte M-0001", WAIT)?;
    let card = app.screen_text();
    for want in ["Mohammed Beispiel", "محمد بيسبيل", "1990", "0151 1234 5678"] {
        assert!(card.contains(want), "{want} missing:\n{}", app.dump());
    }

    // A fragment without the umlaut finds the German name.
    app.send(Key::F(3))?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    app.type_keys("muell")?;
    app.wait_until("the list for \"muell\"", WAIT, |screen| {
        let text = screen.contents();
        text.contains("muell") && text.contains("Jürgen Müller-Test") && !text.contains("M-0001")
    })?;
    app.send(Key::Enter)?;
    app.wait_for_text("Besucherkarte M-0002", WAIT)?;
    let card = app.screen_text();
    for want in ["Jürgen Müller-Test", "07.03.1975", "0170 2222 333"] {
        assert!(card.contains(want), "{want} missing:\n{}", app.dump());
    }
    app.send(Key::F(10))?;
    assert_eq!(app.wait_exit(WAIT), Some(0));

    // Started again: an Arabic-script-only name, found by a Latin fragment.
    let mut app = place.start();
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(3))?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    app.type_keys("yus")?;
    app.wait_until("the list for \"yus\"", WAIT, |screen| {
        let text = screen.contents();
        text.contains("yus") && text.contains("يوسف تستا") && !text.contains("M-0001")
    })?;
    app.send(Key::Enter)?;
    app.wait_for_text("Besucherkarte M-0003", WAIT)?;
    assert!(
        app.screen_text().contains("0160 4444 555"),
        "{}",
        app.dump()
    );
    // Esc goes back to the list, which still holds the query.
    app.send(Key::Esc)?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    assert!(app.screen_text().contains("يوسف تستا"), "{}", app.dump());
    Ok(())
}
