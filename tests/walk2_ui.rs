//! Findings of the second English walk-through (laptop keymap), each pinned by a test.

use mila::ui::action::{Action, Mode};
use mila::ui::catalog::Lang;
use mila::ui::keymap::Keymap;

fn hint_key(map: &str, mode: Mode, action: Action, lang: Lang) -> String {
    let (keymap, problems) = Keymap::load(map, None);
    assert!(problems.is_empty(), "{problems:?}");
    let hints = keymap.hints(mode, &[action], lang);
    assert_eq!(hints.len(), 1, "{hints:?}");
    hints[0].0.clone()
}

#[test]
fn the_yes_key_shown_matches_the_language() {
    for map in ["default", "laptop"] {
        assert_eq!(
            hint_key(map, Mode::Dialog, Action::Yes, Lang::En),
            "Y",
            "{map}"
        );
        assert_eq!(
            hint_key(map, Mode::Dialog, Action::Yes, Lang::De),
            "J",
            "{map}"
        );
        assert_eq!(
            hint_key(map, Mode::Dialog, Action::No, Lang::En),
            "N",
            "{map}"
        );
    }
}

#[test]
fn the_laptop_hint_bar_shows_keys_every_laptop_has() {
    assert_eq!(
        hint_key("laptop", Mode::List, Action::Erase, Lang::En),
        "Ctrl+X"
    );
    assert_eq!(
        hint_key("laptop", Mode::View, Action::PeriodReport, Lang::En),
        "Alt+Z"
    );
}
