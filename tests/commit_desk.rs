//! A check-in no longer rewrites the visitor record (one tree of pages less
//! in every durable commit): "last seen" is still the latest check-in
//! wherever it is shown, and retention still spares a visitor who came.

mod common;

use common::desk::{Fixture, person};
use mila::desk::*;

fn session_on(desk: &Desk, login: &Login) -> SessionId {
    let offering = desk.offerings().unwrap()[0].0;
    let t = |h| jiff::civil::Time::new(h, 0, 0, 0).unwrap();
    desk.add_session(login, offering, desk.today(), t(10), t(11), "")
        .unwrap()
}

#[test]
fn last_seen_is_the_latest_check_in_on_the_card_and_in_retention() {
    let mut f = Fixture::new();
    f.desk.pin_today(jiff::civil::date(2023, 1, 10));
    let came_back = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Testa Beispiel", "", 1970),
            true,
            None,
        )
        .unwrap();
    let stayed_away = f
        .desk
        .register_visitor(
            &f.coordinator,
            &person("Erika Musterfrau", "", 1971),
            true,
            None,
        )
        .unwrap();
    let returned = jiff::civil::date(2026, 11, 2);
    f.desk.pin_today(returned);
    let session = session_on(&f.desk, &f.coordinator);
    assert_eq!(
        f.desk.check_in(&f.coordinator, session, came_back).unwrap(),
        CheckInOutcome::CheckedIn
    );

    let card = f.desk.visitor_card(&f.coordinator, came_back).unwrap();
    assert_eq!(card.meta.last_seen, returned);
    let card = f.desk.visitor_card(&f.coordinator, stayed_away).unwrap();
    assert_eq!(card.meta.last_seen, jiff::civil::date(2023, 1, 10));

    f.desk.pin_today(jiff::civil::date(2026, 11, 26));
    let found: Vec<VisitorNo> = f
        .desk
        .retention_candidates(&f.coordinator)
        .unwrap()
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(found, vec![stayed_away]);

    // Taken back, the check-in no longer counts.
    assert!(
        f.desk
            .undo_check_in(&f.coordinator, session, came_back)
            .unwrap()
    );
    let card = f.desk.visitor_card(&f.coordinator, came_back).unwrap();
    assert_eq!(card.meta.last_seen, jiff::civil::date(2023, 1, 10));
}
