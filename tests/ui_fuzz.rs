//! Every text field of the UI takes anything: arbitrary strings (control
//! characters, escape sequences, bidi overrides, Arabic script, 10,000
//! characters) typed key by key and pasted, through the application and
//! `TestBackend`. No panic, nothing unsafe reaches the terminal, and the frame
//! around the field (title row, hint bar) does not move.
//!
//! To cover a new screen, add a row to [`FIELDS`]: where the app starts and
//! the actions that put the cursor into the field.

mod common;

use common::app::{COORDINATOR, PASSPHRASE, TestApp, make_database};
use mila::ui::action::Action;
use mila::ui::sanitize::{display_width, is_unsafe};
use proptest::prelude::*;

/// Where a route begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// No database yet: the first-run setup.
    NoDatabase,
    /// A database, nobody signed in: the sign-in screen.
    SignIn,
    /// The coordinator is signed in and sees the home screen.
    Coordinator,
}

/// How to reach one text field.
struct Field {
    name: &'static str,
    start: Start,
    /// Actions from the start screen; afterwards typing goes into the field.
    route: &'static [Action],
}

/// The admin hub's entries are reached with Down from the first one.
const FIELDS: &[Field] = &[
    Field {
        name: "setup: user name",
        start: Start::NoDatabase,
        route: &[Action::NextField],
    },
    Field {
        name: "setup: passphrase",
        start: Start::NoDatabase,
        route: &[Action::NextField, Action::NextField],
    },
    Field {
        name: "setup: passphrase again",
        start: Start::NoDatabase,
        route: &[Action::NextField, Action::NextField, Action::NextField],
    },
    Field {
        name: "sign-in: user name",
        start: Start::SignIn,
        route: &[],
    },
    Field {
        name: "sign-in: passphrase",
        start: Start::SignIn,
        route: &[Action::NextField],
    },
    Field {
        name: "audit: user",
        start: Start::Coordinator,
        route: &[Action::Admin, Action::Down, Action::Down, Action::Confirm],
    },
    Field {
        name: "audit: visitor number",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Down,
            Action::Confirm,
            Action::NextField,
        ],
    },
    Field {
        name: "audit: from",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Down,
            Action::Confirm,
            Action::NextField,
            Action::NextField,
            Action::NextField,
        ],
    },
    Field {
        name: "audit: to",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Down,
            Action::Confirm,
            Action::NextField,
            Action::NextField,
            Action::NextField,
            Action::NextField,
        ],
    },
    Field {
        name: "reference lists: new entry",
        start: Start::Coordinator,
        route: &[Action::Admin, Action::Confirm, Action::NewItem],
    },
    Field {
        name: "reference lists: rename",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Confirm,
            Action::Right,
            Action::EditItem,
        ],
    },
    Field {
        name: "staff: new user name",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Confirm,
            Action::NewItem,
        ],
    },
    Field {
        name: "staff: new passphrase",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Confirm,
            Action::NewItem,
            Action::NextField,
            Action::NextField,
        ],
    },
    Field {
        name: "staff: new passphrase again",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Confirm,
            Action::NewItem,
            Action::NextField,
            Action::NextField,
            Action::NextField,
        ],
    },
    Field {
        name: "staff: reset passphrase",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Confirm,
            Action::Confirm,
        ],
    },
    Field {
        name: "retention period: months",
        start: Start::Coordinator,
        route: &[
            Action::Admin,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Down,
            Action::Confirm,
        ],
    },
];

/// A database made once and copied for each case: making one costs a key
/// derivation, copying a file does not.
struct Template {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

impl Template {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = make_database(dir.path());
        Self { _dir: dir, db }
    }

    /// The app at the end of `field`'s route, in a fresh folder.
    fn reach(&self, field: &Field, cols: u16, rows: u16) -> (tempfile::TempDir, TestApp) {
        let dir = tempfile::tempdir().unwrap();
        if field.start != Start::NoDatabase {
            std::fs::copy(&self.db, dir.path().join("mila.redb")).unwrap();
        }
        let mut app = TestApp::start(dir.path(), cols, rows, None);
        if field.start == Start::Coordinator {
            app.sign_in(COORDINATOR, PASSPHRASE);
        }
        for action in field.route {
            app.press(action.clone());
        }
        (dir, app)
    }
}

fn hostile_strings() -> Vec<String> {
    vec![
        "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}Testa".into(),
        "\u{202e}Beispiel\u{202c} \u{2066}Erika\u{2069} \u{200f}".into(),
        "محمد الحسن مُحَمَّد".into(),
        "Ново\u{0}\u{8}\u{7f}\r\n\tЗапись".into(),
        "x".repeat(10_000),
        "\u{0645}".repeat(10_000),
        "👩‍👩‍👧‍👦e\u{301}\u{fe0f}\u{e0041}".into(),
        "\u{1b}P1;1|\u{9c}\u{1b}_x\u{1b}\\\u{9b}31m".into(),
        String::new(),
    ]
}

/// Types `text` key by key (capped: 10,000 single keys per case would make
/// the suite crawl) and pastes it whole; checks the screen after each.
fn feed(app: &mut TestApp, field: &Field, text: &str) -> Result<(), TestCaseError> {
    let before = app.screen();
    let frame_rows = |screen: &str| {
        let lines: Vec<String> = screen.lines().map(str::to_string).collect();
        (lines.first().cloned(), lines.last().cloned())
    };
    let (title, hints) = frame_rows(&before);
    for c in text.chars().take(300) {
        app.press(Action::Input(c));
    }
    check(app, field, &title, &hints)?;
    app.press(Action::Paste(text.to_string()));
    check(app, field, &title, &hints)
}

fn check(
    app: &mut TestApp,
    field: &Field,
    title: &Option<String>,
    hints: &Option<String>,
) -> Result<(), TestCaseError> {
    let screen = app.screen();
    let name = field.name;
    let (cols, rows) = {
        let area = app.terminal.backend().buffer().area;
        (usize::from(area.width), usize::from(area.height))
    };
    prop_assert_eq!(screen.lines().count(), rows, "{}", name);
    let unsafe_char = screen.chars().find(|c| is_unsafe(*c) && *c != '\n');
    prop_assert!(
        unsafe_char.is_none(),
        "{}: {:?} reached the screen",
        name,
        unsafe_char
    );
    for line in screen.lines() {
        prop_assert!(
            display_width(line) <= cols,
            "{}: a row is wider than the frame: {}",
            name,
            line
        );
    }
    let lines: Vec<&str> = screen.lines().collect();
    prop_assert_eq!(
        lines.first().map(|l| l.to_string()),
        title.clone(),
        "{}: the title row moved",
        name
    );
    prop_assert_eq!(
        lines.last().map(|l| l.to_string()),
        hints.clone(),
        "{}: the hint bar moved",
        name
    );
    Ok(())
}

/// The table is right: each route ends in a form with a focused field that
/// takes typed text (a wrong route would fuzz nothing).
#[test]
fn every_route_reaches_a_text_field() {
    let template = Template::new();
    for field in FIELDS {
        let (_dir, mut app) = template.reach(field, 80, 24);
        // Prefilled fields (a rename, the months) must make room first.
        app.press(Action::ClearField);
        let before = app.screen();
        app.type_text("Q7Z");
        let after = app.screen();
        let masked = field.name.contains("passphrase");
        let shown = if masked {
            after.matches('•').count() >= before.matches('•').count() + 3
        } else {
            after.contains("Q7Z")
        };
        assert!(
            shown,
            "{}: typing did not reach a field:\n{after}",
            field.name
        );
    }
}

#[test]
fn known_hostile_strings_in_every_field() {
    let template = Template::new();
    for field in FIELDS {
        for text in hostile_strings() {
            for (cols, rows) in [(80, 24), (120, 40)] {
                let (_dir, mut app) = template.reach(field, cols, rows);
                if let Err(e) = feed(&mut app, field, &text) {
                    panic!("{e}");
                }
            }
        }
    }
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,60}",
        "[\\x00-\\x1f\\x7f-\\x9f\\u{200e}\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a-zا-ي ]{0,80}",
        proptest::collection::vec(any::<char>(), 0..200).prop_map(|v| v.into_iter().collect()),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

#[test]
fn arbitrary_strings_in_any_field() {
    let template = Template::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases()));
    runner
        .run(&(0..FIELDS.len(), arbitrary_text()), |(index, text)| {
            let field = &FIELDS[index];
            let (_dir, mut app) = template.reach(field, 80, 24);
            feed(&mut app, field, &text)
        })
        .unwrap();
}
