//! The desk as staff use it (issue 15), typed into the real program in a pseudo-terminal:
//! lists that filter as you type, a lock that loses nothing, and the two paths that must
//! stay quick, counted in keys.

mod common;

use std::time::{Duration, Instant};

use common::app::{COORDINATOR, DAY, PASSPHRASE, make_database, with_desk};
use common::mila::{Place, WAIT, first_run, sign_in};
use common::pty::{Key, Pty, parse_keys};
use mila::desk::{Answer, BirthDate, Consent, PersonalData, day_key};

fn start_on_day(place: &Place) -> Pty {
    place
        .command()
        .env("MILA_TODAY", DAY.to_string())
        .size(100, 30)
        .spawn()
        .expect("start mila")
}

/// Sends keys written in the harness notation and returns how many keys that was.
fn press(app: &mut Pty, notation: &str) -> Result<usize, String> {
    let keys = parse_keys(notation)?;
    for key in &keys {
        app.send(*key)?;
    }
    Ok(keys.len())
}

/// F2, consent explained in the first language and given, on to the person page.
fn start_intake(app: &mut Pty) -> Result<(), String> {
    app.send(Key::F(2))?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    app.type_keys("<Right><Tab><Right><PgDn>")?;
    app.wait_for_text("Schritt 2 von 8", WAIT)
}

#[test]
fn typing_filters_the_language_and_housing_lists() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    start_intake(&mut app)?;
    app.send_keys("Testa Beispiel")?;
    app.type_keys("<PgDn>")?;
    app.wait_for_text("Schritt 3 von 8", WAIT)?;
    // To the checklist of languages: rows are cut off, and the screen says so.
    app.type_keys("<Tab><Tab>")?;
    app.wait_for_text("weitere ↓", WAIT)?;
    app.send_keys("tigr")?;
    app.wait_for_text("Filter: tigr  (1 von 25)", WAIT)?;
    app.wait_for_text("▶ [ ] Tigrinya", WAIT)?;
    app.send_keys(" ")?;
    app.wait_for_text("▶ [x] Tigrinya", WAIT)?;
    // Backspace widens the filter again; the tick stays.
    app.type_keys("<Backspace><Backspace><Backspace><Backspace>")?;
    app.wait_for_text_gone("Filter:", WAIT)?;
    app.wait_for_text("[ ] Arabisch", WAIT)?;
    // "türk" folded like the search finds it typed without the umlaut.
    app.send_keys("turk ")?;
    app.wait_for_text("▶ [x] Türkisch", WAIT)?;
    let screen = app.screen_text();
    assert!(
        !screen.contains("[x] Arabisch"),
        "Space ticks only the highlighted row:\n{screen}"
    );

    // The housing page: "23" and Space choose Unterkunft 23, no 30 presses of ↓.
    app.type_keys("<PgDn>")?;
    app.wait_for_text("Schritt 4 von 8", WAIT)?;
    app.wait_for_text("weitere ↓", WAIT)?;
    app.send_keys("23")?;
    app.wait_for_text("▶ Unterkunft 23", WAIT)?;
    app.send_keys(" ")?;
    app.wait_for_text("= Unterkunft 23", WAIT)?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0001", WAIT)?;
    Ok(())
}

#[test]
fn up_at_the_top_of_a_list_goes_to_the_field_above() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    start_intake(&mut app)?;
    app.send_keys("Testa Beispiel")?;
    app.type_keys("<PgDn>")?;
    app.wait_for_text("Schritt 3 von 8", WAIT)?;
    // Languages list (third field), then ↑ on its first row: the interpreter question,
    // where → now chooses a value instead of moving in a list.
    app.type_keys("<Tab><Tab><Up><Right>")?;
    app.wait_for_text("◀ Ja ▶", WAIT)?;
    Ok(())
}

#[test]
fn a_lock_keeps_the_unfinished_intake_for_the_same_person() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    start_intake(&mut app)?;
    app.send_keys("Testa Beispiel")?;
    app.wait_for_text("Testa Beispiel", WAIT)?;
    app.send(Key::F(12))?;
    app.wait_for_text("verschlüsselt aufbewahrt", WAIT)?;
    let screen = app.screen_text();
    assert!(
        !screen.contains("Testa"),
        "nothing of the draft shows while locked:\n{screen}"
    );
    assert!(!screen.contains("verworfen"), "{screen}");
    app.type_keys(&format!("{PASSPHRASE}<Enter>"))?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.wait_for_text("Testa Beispiel", WAIT)?;
    app.wait_for_text("wieder da", WAIT)?;
    // The draft is whole: it saves as if there had been no lock.
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0001", WAIT)?;
    Ok(())
}

fn registered_place() -> Place {
    let place = Place::new();
    make_database(place.dir.path());
    with_desk(&place.db(), |desk, login| {
        let mut data = PersonalData::default();
        data.name = "Testa Beispiel".into();
        data.birth = Answer::Given(BirthDate {
            year: 1985,
            month_day: None,
        });
        data.consent = Consent {
            day: day_key(DAY),
            text_version: "2026-1".into(),
            explained_in: None,
            store_at_mila: true,
            pass_to_partners: Vec::new(),
        };
        desk.register_visitor(login, &data, true, None)
            .expect("register");
    });
    place
}

#[test]
fn a_returning_visitor_is_checked_in_within_6_keys() -> Result<(), String> {
    let place = registered_place();
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    // F4, Enter on the first session of the day, the visitor number, Enter.
    let mut keys = press(&mut app, "<F4>")?;
    app.wait_for_text("Termin wählen", WAIT)?;
    keys += press(&mut app, "<Enter>")?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    keys += press(&mut app, "1<Enter>")?;
    app.wait_for_text("M-0001", WAIT)?;
    app.wait_for_text("eingecheckt", WAIT)?;
    assert!(keys <= 6, "{keys} keys");
    Ok(())
}

#[test]
fn a_short_intake_takes_under_60_seconds() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    let started = Instant::now();
    let mut keys = press(&mut app, "<F2>")?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    keys += press(&mut app, "<Right><Tab><Right><PgDn>")?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.send_keys("Testa Beispiel")?;
    keys += press(&mut app, "<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0001", WAIT)?;
    keys += press(&mut app, "<Enter>")?;
    app.wait_for_text("Termine heute", WAIT)?;
    assert!(keys <= 7, "{keys} keys besides the name");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    Ok(())
}

#[test]
fn the_focus_on_the_day_summary_is_always_marked_and_tab_follows_the_screen() -> Result<(), String>
{
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(6))?;
    app.wait_for_text("▸ Vorschau", WAIT)?;
    app.send(Key::Tab)?;
    app.wait_for_text("▸ Tag", WAIT)?;
    // Enter on the day keeps the focus (and its marker) where it was.
    app.send(Key::Enter)?;
    app.send(Key::Tab)?;
    app.wait_for_text("▸ Notiz des Tages", WAIT)?;
    app.send_keys("Kaffee leer")?;
    app.send(Key::Enter)?;
    app.wait_for_text("Notiz des Tages gespeichert", WAIT)?;
    app.wait_for_text("▸ Notiz des Tages", WAIT)?;
    // Typing goes on into the note, never into the folder.
    app.send_keys("!")?;
    app.wait_for_text("Kaffee leer!", WAIT)?;
    app.type_keys("<Enter><Tab>")?;
    app.wait_for_text("▸ Speichern in", WAIT)?;
    app.send(Key::Tab)?;
    app.wait_for_text("▸ Vorschau", WAIT)?;
    app.send(Key::BackTab)?;
    app.wait_for_text("▸ Speichern in", WAIT)?;
    let screen = app.screen_text();
    let folder_row = screen
        .lines()
        .find(|l| l.contains("Speichern in"))
        .unwrap_or_default();
    assert!(!folder_row.contains("Kaffee"), "{screen}");
    Ok(())
}

#[test]
fn reports_go_to_a_mila_folder_and_a_chosen_folder_is_remembered() -> Result<(), String> {
    let place = Place::new();
    let home = place.dir.path().display().to_string();
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(6))?;
    app.wait_for_text(&format!("Speichern in     {home}/MiLA"), WAIT)?;

    // A folder that cannot be: the reason in German, not the system's English.
    app.type_keys("<Tab><Tab><Tab><C-u>")?;
    app.send_keys(&format!("{home}/mila.redb/x"))?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("kein Ordner", WAIT)?;
    assert!(!app.screen_text().contains("os error"), "{}", app.dump());

    app.type_keys("<C-u>")?;
    app.send_keys(&format!("{home}/berichte"))?;
    app.type_keys("<C-s>")?;
    app.wait_for_text(&format!("{home}/berichte/Tagesuebersicht-"), WAIT)?;
    let config = std::fs::read_to_string(place.config_dir().join("config.toml"))
        .map_err(|e| e.to_string())?;
    assert!(
        config.contains(&format!("report_folder = \"{home}/berichte\"")),
        "{config}"
    );
    // After a lock, and after a restart, the folder is still the chosen one.
    app.send(Key::F(12))?;
    app.wait_for_text("Gesperrt", WAIT)?;
    app.type_keys(&format!("{PASSPHRASE}<Enter>"))?;
    app.wait_for_text("Termine heute", WAIT)?;
    app.send(Key::F(6))?;
    app.wait_for_text(&format!("Speichern in     {home}/berichte"), WAIT)?;
    app.send(Key::F(10))?;
    app.wait_exit(WAIT);
    let mut app = place.start();
    sign_in(&mut app, common::mila::COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(6))?;
    app.wait_for_text(&format!("Speichern in     {home}/berichte"), WAIT)?;
    Ok(())
}

/// A database with three registered visitors (M-0001 to M-0003).
fn three_visitors() -> Place {
    let place = registered_place();
    with_desk(&place.db(), |desk, login| {
        for name in ["Testb Beispiel", "Testc Beispiel"] {
            let mut data = PersonalData::default();
            data.name = name.into();
            data.consent = Consent {
                day: day_key(DAY),
                text_version: "2026-1".into(),
                explained_in: None,
                store_at_mila: true,
                pass_to_partners: Vec::new(),
            };
            desk.register_visitor(login, &data, false, None)
                .expect("register");
        }
    });
    place
}

#[test]
fn enter_on_a_session_of_the_start_screen_opens_its_check_in() -> Result<(), String> {
    let place = registered_place();
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    app.wait_for_text("Eingecheckt (0)", WAIT)?;
    Ok(())
}

#[test]
fn any_row_of_the_checked_in_list_can_be_taken_back() -> Result<(), String> {
    let place = three_visitors();
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    for n in 1..=3 {
        app.type_keys(&format!("{n}<Enter>"))?;
        app.wait_for_text(&format!("Eingecheckt ({n})"), WAIT)?;
    }
    // Tab to the list (it opens at the newest), up to the first, Ctrl+Z takes it back.
    app.type_keys("<Tab>")?;
    app.wait_for_text("▶ M-0003", WAIT)?;
    app.type_keys("<Up><Up>")?;
    app.wait_for_text("▶ M-0001", WAIT)?;
    app.type_keys("<C-z>")?;
    app.wait_for_text("Eingecheckt (2)", WAIT)?;
    app.wait_for_text("Check-in zurückgenommen: M-0001", WAIT)?;
    let screen = app.screen_text();
    assert!(
        screen.contains("M-0002") && screen.contains("M-0003"),
        "{screen}"
    );
    // Back in the field, typing finds people again.
    app.type_keys("<Tab>1<Enter>")?;
    app.wait_for_text("Eingecheckt (3)", WAIT)?;
    Ok(())
}

#[test]
fn register_and_check_in_ends_with_the_big_number() -> Result<(), String> {
    let place = registered_place();
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    app.send_keys("Neu Ankommende")?;
    app.wait_for_text("Niemand gefunden", WAIT)?;
    app.type_keys("<C-n>")?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    app.type_keys("<Right><Tab><Right><PgDn>")?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0002", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Eingecheckt (1)", WAIT)?;
    Ok(())
}

#[test]
fn the_day_summary_counts_held_sessions_by_who_came() -> Result<(), String> {
    let place = registered_place();
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(6))?;
    app.wait_for_text("davon 0 stattgefunden", WAIT)?;
    // One person checked in to one session: one held.
    app.type_keys("<Esc><Enter>")?;
    app.wait_for_text("Name oder Nummer", WAIT)?;
    app.type_keys("1<Enter>")?;
    app.wait_for_text("Eingecheckt (1)", WAIT)?;
    app.send(Key::F(5))?;
    app.wait_for_text("Termin wählen", WAIT)?;
    app.type_keys("<Home><Enter>")?;
    app.wait_for_text("Gesamt:", WAIT)?;
    app.send_keys("12")?;
    app.wait_for_text("Gesamt: 3 = 1 eingecheckt + 2 gezählt", WAIT)?;
    app.send(Key::F(6))?;
    app.wait_for_text("davon 1 stattgefunden", WAIT)?;
    // The split says it is of the anonymous count only.
    app.wait_for_text("gezählt (ohne Eingecheckte): Erwachsene 1 · Kinder 1", WAIT)?;
    Ok(())
}

#[test]
fn whoever_set_the_database_up_is_on_duty_that_day() {
    let place = Place::new();
    let (desk, login) = mila::desk::Desk::create(
        &place.db(),
        COORDINATOR,
        &mila::vault::Passphrase::new(PASSPHRASE),
        mila::desk::KdfParams::MINIMUM,
    )
    .expect("create");
    let summary = desk
        .day_summary(&login, desk.today(), false)
        .expect("summary");
    assert_eq!(summary.staff_on_duty, [COORDINATOR]);
}

#[test]
fn the_period_chart_starts_where_data_starts_with_values_and_axis_apart() -> Result<(), String> {
    let place = registered_place();
    with_desk(&place.db(), |desk, login| {
        let session = desk.sessions_on(DAY).expect("sessions")[0].id;
        desk.check_in(login, session, 1).expect("check in");
    });
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.type_keys("<F6><F9>")?;
    app.wait_for_text("Zeitraumbericht", WAIT)?;
    // Not a year of empty weeks: the week of the first visit.
    app.wait_for_text("Von           23.11.2026", WAIT)?;
    app.type_keys("<A-g>")?;
    app.wait_for_text("Besuche pro Angebot", WAIT)?;
    app.wait_for_text("    1 █", WAIT)?;
    app.wait_for_text("1 ┤", WAIT)?;
    app.wait_for_text("0 ┤", WAIT)?;
    app.wait_for_text("KW 48/2026", WAIT)?;
    Ok(())
}

/// A short intake typed at the desk: consent in the first language, the name, Ctrl+S.
fn short_intake(app: &mut Pty, name: &str) -> Result<(), String> {
    start_intake(app)?;
    app.send_keys(name)?;
    app.type_keys("<C-s>")?;
    Ok(())
}

#[test]
fn small_things_in_the_intake() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    // Old messages do not linger: "note saved" belongs to the day summary.
    app.type_keys("<F6><Tab><Tab>x<Enter>")?;
    app.wait_for_text("Notiz des Tages gespeichert", WAIT)?;
    app.type_keys("<Esc>")?;
    app.wait_for_text("▸ Vorschau", WAIT)?;
    app.type_keys("<Esc>")?;
    app.wait_for_text("Termine heute", WAIT)?;
    assert!(!app.screen_text().contains("gespeichert"), "{}", app.dump());
    app.send(Key::F(2))?;
    app.wait_for_text("Schritt 1 von 8", WAIT)?;
    // Consent given without saying in which language it was explained: no further.
    app.type_keys("<Tab><Right><PgDn>")?;
    app.wait_for_text("Bitte wählen, in welcher Sprache", WAIT)?;
    assert!(
        app.screen_text().contains("Schritt 1 von 8"),
        "{}",
        app.dump()
    );
    app.type_keys("<S-Tab><Right><PgDn>")?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.send_keys("Testa Beispiel")?;
    app.type_keys("<C-s>")?;
    app.wait_for_text("Besuchsnummer M-0001", WAIT)?;
    app.send(Key::Enter)?;
    app.wait_for_text("Termine heute", WAIT)?;

    // The same name again, no birth year anywhere: the box does not claim one.
    short_intake(&mut app, "Testa Beispiel")?;
    app.wait_for_text("Ist die Person schon registriert?", WAIT)?;
    app.wait_for_text("ohne Geburtsjahr verglichen", WAIT)?;
    assert!(
        !app.screen_text().contains("dasselbe Geburtsjahr"),
        "{}",
        app.dump()
    );
    app.type_keys("<Esc><Esc>")?;
    app.wait_for_text("verwerfen", WAIT)?;
    app.send_keys("j")?;
    app.wait_for_text("Termine heute", WAIT)?;

    // Completing the short intake opens at its first open question, not at consent.
    app.wait_for_text("Unvollständige Aufnahmen (1)", WAIT)?;
    app.type_keys("<Tab><Enter>")?;
    app.wait_for_text("Daten ändern – M-0001", WAIT)?;
    app.wait_for_text("Schritt 2 von 8", WAIT)?;
    app.wait_for_text("▸ Geburtsdatum", WAIT)?;
    Ok(())
}

#[test]
fn setup_says_when_the_passphrase_is_too_weak() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    app.wait_for_text("Ersteinrichtung", WAIT)?;
    app.type_keys("<Tab>koordination<Tab>kurz<Enter>")?;
    app.wait_for_text("✗ Stärke: zu schwach", WAIT)?;
    // The focus stayed: more letters go into the passphrase.
    app.send_keys(" und jetzt lang genug")?;
    app.wait_for_text("Stärke: gut", WAIT)?;
    Ok(())
}

#[test]
fn f1_help_stops_scrolling_at_its_end() -> Result<(), String> {
    let place = Place::new();
    let mut app = place.start();
    first_run(&mut app)?;
    app.send(Key::F(1))?;
    app.wait_for_text("Hilfe – Tasten", WAIT)?;
    app.type_keys("<End><Down><Down>")?;
    std::thread::sleep(Duration::from_millis(300));
    let rows = app.screen_rows();
    let filled = rows
        .iter()
        .filter(|r| r.starts_with('│') || r.contains(" │"))
        .filter(|r| {
            r.trim_matches(|c: char| c == '│' || c.is_whitespace())
                .len()
                > 2
        })
        .count();
    assert!(
        filled >= 10,
        "the panel scrolled past its end:\n{}",
        app.dump()
    );
    Ok(())
}

#[test]
fn a_search_by_phone_shows_the_phone() -> Result<(), String> {
    let place = Place::new();
    make_database(place.dir.path());
    with_desk(&place.db(), |desk, login| {
        let mut data = PersonalData::default();
        data.name = "Testa Beispiel".into();
        data.phone = Answer::Given("0151 2345678".into());
        data.consent = Consent {
            day: day_key(DAY),
            text_version: "2026-1".into(),
            explained_in: None,
            store_at_mila: true,
            pass_to_partners: Vec::new(),
        };
        desk.register_visitor(login, &data, false, None)
            .expect("register");
    });
    let mut app = start_on_day(&place);
    sign_in(&mut app, COORDINATOR, PASSPHRASE)?;
    app.send(Key::F(3))?;
    app.wait_for_text("Besucher*in suchen", WAIT)?;
    app.send_keys("01512345678")?;
    app.wait_for_text("Tel. 0151 2345678", WAIT)?;
    Ok(())
}
