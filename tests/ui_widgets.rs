//! Snapshots of the toolkit drawn at 80×24 (and smaller), as a screen will use it.
//! Review changes with `cargo insta review` or by reading the `.snap` files.

use std::time::Instant;

use jiff::civil::date;
use mila::ui::action::{Action, Mode};
use mila::ui::catalog::Lang;
use mila::ui::keymap::Keymap;
use mila::ui::widgets::{
    Confirm, HelpPanel, HintBar, PickList, ScreenFrame, TextField, TooSmall, is_too_small,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The hints the main menu would show: the F-keys, most important first.
const MAIN_HINTS: &[Action] = &[
    Action::Help,
    Action::NewIntake,
    Action::FindVisitor,
    Action::CheckIn,
    Action::Tally,
    Action::DaySummary,
    Action::Offerings,
    Action::Admin,
    Action::Quit,
    Action::Lock,
];

/// A search screen in miniature: a text field, a list of matches, a message, the hints.
fn search_screen(lang: Lang, labels: [&str; 2], saved: &str) -> Terminal<TestBackend> {
    let (keymap, problems) = Keymap::load("default", None);
    assert!(problems.is_empty());

    let mut frame = ScreenFrame::new(lang, date(2026, 11, 26));
    frame.screen_title = labels[0].to_owned();
    frame.user = Some("e.mustermann".to_owned());
    let mut actions = vec![Action::Confirm, Action::Save];
    actions.extend_from_slice(MAIN_HINTS);
    frame.set_hints(HintBar::from_keymap(&keymap, Mode::Form, &actions, lang));
    frame.messages.success(saved, Instant::now());

    let mut field = TextField::new(lang);
    for c in "محمد".chars() {
        field.handle(&Action::Input(c));
    }
    let mut list = PickList::single(vec![
        "M-0042  محمد الحسن / Mohammed Al-Hassan".to_owned(),
        "M-0107  Mohamad Hasan".to_owned(),
        "M-0311  \u{1b}]0;pwned\u{7}Muhammad\u{202e} El-Hasan".to_owned(),
    ]);
    list.set_focused(false);

    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            frame.render(f, f.area());
            let body = frame.areas(f.area()).body;
            f.buffer_mut().set_string(
                body.x + 1,
                body.y + 1,
                labels[1],
                ratatui::style::Style::default(),
            );
            field.render(f, Rect::new(body.x + 12, body.y + 1, 40, 2));
            list.render(f, Rect::new(body.x + 1, body.y + 4, 60, 5));
        })
        .unwrap();
    terminal
}

#[test]
fn frame_with_hint_bar_german() {
    let terminal = search_screen(Lang::De, ["Suchen", "Name:"], "Gespeichert");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn frame_with_hint_bar_english() {
    let terminal = search_screen(Lang::En, ["Find", "Name:"], "Saved");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn too_small_notice_at_40x10() {
    let mut terminal = Terminal::new(TestBackend::new(40, 10)).unwrap();
    terminal
        .draw(|f| {
            assert!(is_too_small(f.area()));
            TooSmall::new(Lang::De).render(f, f.area());
        })
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn destructive_confirm_dialog() {
    let dialog = Confirm::destructive(
        Lang::De,
        "Besucher*in M-0042 endgültig löschen? Das kann nicht rückgängig gemacht werden.",
    );
    let mut frame = ScreenFrame::new(Lang::De, date(2026, 11, 26));
    frame.screen_title = "Verwaltung".to_owned();
    let (keymap, _) = Keymap::load("default", None);
    frame.set_hints(HintBar::from_keymap(
        &keymap,
        Mode::Dialog,
        &[Action::Yes, Action::No, Action::Confirm, Action::Back],
        Lang::De,
    ));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| {
            frame.render(f, f.area());
            dialog.render(f, f.area());
        })
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn f1_help_for_the_tally_screen() {
    let (keymap, _) = Keymap::load("default", None);
    let help = HelpPanel::new(&keymap, Mode::Tally, Lang::De);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| help.render(f, f.area())).unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn hint_bar_leaves_out_what_does_not_fit() {
    let (keymap, _) = Keymap::load("laptop", None);
    let hints = HintBar::from_keymap(&keymap, Mode::Global, MAIN_HINTS, Lang::En);
    assert_eq!(hints.rows_needed(80, 2), 2);
    assert_eq!(hints.rows_needed(30, 2), 2);
    let mut terminal = Terminal::new(TestBackend::new(30, 2)).unwrap();
    terminal.draw(|f| hints.render(f, f.area())).unwrap();
    insta::assert_snapshot!(terminal.backend());
}
