//! The shipped keymap files and user overrides, as the program loads them.

use std::collections::HashSet;
use std::path::Path;

use mila::ui::action::{Action, Mode};
use mila::ui::catalog::{Lang, Msg};
use mila::ui::keymap::{Key, Keymap, ProblemKind, SHIPPED};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/keymaps")
        .join(name)
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn every_shipped_keymap_parses_without_problems() {
    for (name, source) in SHIPPED {
        let (_, problems) = Keymap::load(name, None);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        let direct = Keymap::from_toml(source, Path::new(name));
        assert!(direct.is_ok(), "{name}: {direct:?}");
    }
}

/// Staff must always be able to quit and to lock: a user file that takes
/// the last key for either away, in any mode, is refused as a whole.
#[test]
fn a_user_file_that_leaves_no_key_to_quit_or_lock_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("keymap.toml");
    let f10 = press(KeyCode::F(10));
    let f2 = press(KeyCode::F(2));
    for (text, action, mode) in [
        (
            "[global]\n\"f10\" = \"no_op\"\n\"ctrl-q\" = \"no_op\"\n\"f2\" = \"find_visitor\"\n",
            "quit",
            Mode::Global,
        ),
        ("[form]\n\"f12\" = \"no_op\"\n", "lock", Mode::Form),
        ("[tally]\n\"f12\" = \"help\"\n", "lock", Mode::Tally),
    ] {
        std::fs::write(&file, text).unwrap();
        let (map, problems) = Keymap::load("default", Some(&file));
        assert_eq!(problems.len(), 1, "{text}: {problems:?}");
        assert_eq!(
            problems[0].kind,
            ProblemKind::NoKeyLeft { action, mode },
            "{text}"
        );
        assert!(
            problems[0]
                .describe(Lang::De)
                .contains("ohne sie kann niemand beenden oder sperren"),
            "{}",
            problems[0].describe(Lang::De)
        );
        // The defaults, whole: nothing of the refused file is applied.
        assert_eq!(map.action_for(Mode::List, &f10), Some(Action::Quit));
        assert_eq!(map.action_for(Mode::List, &f2), Some(Action::NewIntake));
        assert!(!map.keys_of(mode, &Action::Lock).is_empty());
    }

    // Moving quit to another key is fine.
    std::fs::write(&file, "[global]\n\"f10\" = \"no_op\"\n").unwrap();
    let (map, problems) = Keymap::load("default", Some(&file));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(map.action_for(Mode::List, &f10), None);
}

/// Checked on the raw text too, because the loader would report (not keep) a duplicate.
#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for (name, source) in SHIPPED {
        let doc: toml::Table = toml::from_str(source).unwrap();
        for (mode, table) in doc {
            let mut seen = HashSet::new();
            for key in table.as_table().unwrap().keys() {
                let parsed = Key::parse(key).unwrap();
                assert!(seen.insert(parsed), "{name} [{mode}] binds {key} twice");
            }
        }
        let (map, _) = Keymap::load(name, None);
        for mode in Mode::ALL {
            let mut seen = HashSet::new();
            for (key, _) in map.bindings(mode) {
                assert!(seen.insert(key), "{name} [{}] {key}", mode.name());
            }
        }
    }
}

#[test]
fn every_bound_action_has_a_label_in_both_languages() {
    for (name, _) in SHIPPED {
        let (map, _) = Keymap::load(name, None);
        for mode in Mode::ALL {
            for (key, action) in map.bindings(mode) {
                let action = action.unwrap();
                let label: Msg = action
                    .label()
                    .unwrap_or_else(|| panic!("{name}: {key} -> {action:?} has no label"));
                for lang in Lang::ALL {
                    assert!(!label.text(lang).is_empty());
                }
            }
        }
    }
}

#[test]
fn every_action_has_a_key_in_every_shipped_map() {
    for (name, _) in SHIPPED {
        let (map, _) = Keymap::load(name, None);
        for action in Action::BINDABLE {
            let bound = Mode::ALL
                .iter()
                .any(|&mode| !map.keys_of(mode, action).is_empty());
            assert!(bound, "{name}: {action:?} has no key");
        }
    }
}

#[test]
fn the_laptop_map_reaches_every_screen_without_f_keys() {
    let (map, _) = Keymap::load("laptop", None);
    for action in [
        Action::Help,
        Action::NewIntake,
        Action::FindVisitor,
        Action::CheckIn,
        Action::Tally,
        Action::DaySummary,
        Action::Offerings,
        Action::Admin,
        Action::Lock,
        Action::Quit,
    ] {
        for mode in Mode::ALL {
            let keys = map.keys_of(mode, &action);
            assert!(
                keys.iter().any(|k| !matches!(k.code, KeyCode::F(_))),
                "{action:?} in [{}] only on F-keys",
                mode.name()
            );
        }
    }
}

#[test]
fn a_broken_user_file_is_reported_line_by_line_and_ignored() {
    let path = fixture("broken.toml");
    let (map, problems) = Keymap::load("default", Some(&path));
    let found: Vec<(usize, String)> = problems
        .iter()
        .map(|p| (p.line, p.message(Lang::En)))
        .collect();
    assert_eq!(
        found,
        [
            (4, "No action named 'hepl'".to_owned()),
            (5, "Invalid key modifier 'shft-'".to_owned()),
            (
                9,
                "Key 'C-s' is bound twice in [form] (also line 8)".to_owned()
            ),
        ]
    );
    assert!(problems.iter().all(|p| p.file == path));
    assert!(matches!(problems[2].kind, ProblemKind::Conflict { .. }));
    // The whole file is ignored: the defaults apply, including its one valid line.
    assert_eq!(map, Keymap::load("default", None).0);
    // What the person at the desk reads at start.
    assert_eq!(
        problems[0].describe(Lang::De),
        format!("{}, Zeile 4: Keine Aktion namens 'hepl'", path.display())
    );
}

#[test]
fn a_user_file_overrides_key_by_key() {
    let (default, _) = Keymap::load("default", None);
    let (map, problems) = Keymap::load("default", Some(&fixture("override.toml")));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        map.action_for(Mode::Global, &press(KeyCode::F(2))),
        Some(Action::FindVisitor)
    );
    assert_eq!(map.action_for(Mode::Global, &press(KeyCode::F(3))), None);
    assert_eq!(
        map.action_for(
            Mode::Form,
            &KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL)
        ),
        Some(Action::Undo)
    );
    assert_eq!(
        map.action_for(Mode::Tally, &press(KeyCode::Char('+'))),
        None
    );
    // Everything not mentioned is as shipped.
    for code in [KeyCode::F(1), KeyCode::F(4), KeyCode::Esc, KeyCode::Enter] {
        assert_eq!(
            map.action_for(Mode::Global, &press(code)),
            default.action_for(Mode::Global, &press(code))
        );
    }
    assert_eq!(
        map.action_for(Mode::Tally, &press(KeyCode::Char('-'))),
        Some(Action::TallyRemoveSelected)
    );
    // The hint bar follows: F2 is now "Suchen", and the intake has no key left to show.
    let hints = map.hints(
        Mode::Global,
        &[Action::NewIntake, Action::FindVisitor],
        Lang::De,
    );
    assert_eq!(hints, [("F2".to_owned(), "Suchen".to_owned())]);
}

#[test]
fn the_same_key_spelt_two_ways_is_a_conflict() {
    let source = "[global]\n\"ctrl-s\" = \"save\"\n\"C-S\" = \"undo\"\n";
    let problems = Keymap::from_toml(source, Path::new("mine.toml")).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 3);
}

/// A keymap name from a setting of any size gives a problem of one line.
#[test]
fn an_unknown_keymap_name_of_any_length_gives_a_short_message() {
    let huge = format!("\u{1b}]0;x\u{7}{}", "k".repeat(1_000_000));
    let (_, problems) = Keymap::load(&huge, None);
    assert_eq!(problems.len(), 1);
    let message = problems[0].describe(Lang::De);
    assert!(message.chars().count() < 300, "{} chars", message.len());
    assert!(!message.contains('\u{1b}'), "{message:?}");
}
