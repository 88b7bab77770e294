//! Every text field of the UI takes anything: arbitrary strings (control
//! characters, escape sequences, bidi overrides, Arabic script, 10,000
//! characters) typed key by key and pasted, through the application and
//! `TestBackend`. No panic, nothing unsafe reaches the terminal, and the frame
//! around the field (title row, hint bar) does not move.
//!
//! Besides: Enter on whatever was typed (a refusal is named in German, see
//! [`REFUSALS`]), wandering on from a field (other fields and pages, saving,
//! leaving, resizing), and hostile text stored in every place staff can store
//! text, drawn on every screen ([`SCREENS`]).
//!
//! To cover a new screen, add a row to [`FIELDS`] (or [`SCREENS`] if it has
//! no text field): where the app starts and the actions that lead there.
//! `PROPTEST_CASES=500` runs the random tests longer.

mod common;

use common::app::{
    COORDINATOR, DAY, PASSPHRASE, TestApp, VOLUNTEER, VOLUNTEER_PASSPHRASE, make_database,
    with_desk,
};
use jiff::civil::time;
use mila::desk::{Answer, BirthDate, Consent, PersonalData, RefList, day_key};
use mila::ui::action::Action;
use mila::ui::action::Action as A;
use mila::ui::catalog::Lang;
use mila::ui::sanitize::{display_width, is_unsafe};
use proptest::prelude::*;
use ratatui::buffer::Buffer;

/// Where a route begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// No database yet: the first-run setup.
    NoDatabase,
    /// A database, nobody signed in: the sign-in screen.
    SignIn,
    /// The coordinator is signed in and sees the home screen.
    Coordinator,
    /// The volunteer (no personal data, numbers only) is signed in.
    Volunteer,
}

/// How to reach one text field.
struct Field {
    name: &'static str,
    start: Start,
    /// Actions from the start screen; afterwards typing goes into the field.
    route: &'static [Action],
}

/// Every text field of every screen. The database behind them holds a few
/// fake visitors (one with a hostile name) and today's sessions, see
/// [`Template::new`]. The admin hub's entries are reached with Down from the
/// first one; the intake's consent page is answered with
/// `Right, NextField, Right, NextStep`.
const FIELDS: &[Field] = &[
    Field {
        name: "setup: user name",
        start: Start::NoDatabase,
        route: &[A::NextField],
    },
    Field {
        name: "setup: passphrase",
        start: Start::NoDatabase,
        route: &[A::NextField, A::NextField],
    },
    Field {
        name: "setup: passphrase again",
        start: Start::NoDatabase,
        route: &[A::NextField, A::NextField, A::NextField],
    },
    Field {
        name: "sign-in: user name",
        start: Start::SignIn,
        route: &[],
    },
    Field {
        name: "sign-in: passphrase",
        start: Start::SignIn,
        route: &[A::NextField],
    },
    Field {
        name: "audit: user",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Down, A::Confirm],
    },
    Field {
        name: "audit: visitor number",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Down, A::Confirm, A::NextField],
    },
    Field {
        name: "audit: from",
        start: Start::Coordinator,
        route: &[
            A::Admin,
            A::Down,
            A::Down,
            A::Confirm,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "audit: to",
        start: Start::Coordinator,
        route: &[
            A::Admin,
            A::Down,
            A::Down,
            A::Confirm,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "reference lists: new entry",
        start: Start::Coordinator,
        route: &[A::Admin, A::Confirm, A::NewItem],
    },
    Field {
        name: "reference lists: rename",
        start: Start::Coordinator,
        route: &[A::Admin, A::Confirm, A::Right, A::EditItem],
    },
    Field {
        name: "staff: new user name",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Confirm, A::NewItem],
    },
    Field {
        name: "staff: new passphrase",
        start: Start::Coordinator,
        route: &[
            A::Admin,
            A::Down,
            A::Confirm,
            A::NewItem,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "staff: new passphrase again",
        start: Start::Coordinator,
        route: &[
            A::Admin,
            A::Down,
            A::Confirm,
            A::NewItem,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "staff: reset passphrase",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Confirm, A::Confirm],
    },
    Field {
        name: "retention period: months",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Down, A::Down, A::Down, A::Confirm],
    },
    Field {
        name: "intake: name",
        start: Start::Coordinator,
        route: &[A::NewIntake, A::Right, A::NextField, A::Right, A::NextStep],
    },
    Field {
        name: "intake: name in Latin letters",
        start: Start::Coordinator,
        route: &[
            A::NewIntake,
            A::Right,
            A::NextField,
            A::Right,
            A::NextStep,
            A::NextField,
        ],
    },
    Field {
        name: "intake: birth date",
        start: Start::Coordinator,
        route: &[
            A::NewIntake,
            A::Right,
            A::NextField,
            A::Right,
            A::NextStep,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "intake: phone",
        start: Start::Coordinator,
        route: &[
            A::NewIntake,
            A::Right,
            A::NextField,
            A::Right,
            A::NextStep,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "intake: household search",
        start: Start::Coordinator,
        route: &[
            A::NewIntake,
            A::Right,
            A::NextField,
            A::Right,
            A::NextStep,
            A::Input('E'),
            A::NextStep,
            A::NextStep,
            A::NextStep,
        ],
    },
    Field {
        name: "intake (edit): name",
        start: Start::Coordinator,
        route: &[
            A::FindVisitor,
            A::Input('T'),
            A::Input('e'),
            A::Input('s'),
            A::Input('t'),
            A::Input('a'),
            A::Confirm,
            A::EditItem,
            A::NextStep,
        ],
    },
    Field {
        name: "intake (from check-in): name",
        start: Start::Coordinator,
        route: &[
            A::CheckIn,
            A::Confirm,
            A::NewItem,
            A::Right,
            A::NextField,
            A::Right,
            A::NextStep,
        ],
    },
    Field {
        name: "find: name or number",
        start: Start::Coordinator,
        route: &[A::FindVisitor],
    },
    Field {
        name: "check-in: name or number",
        start: Start::Coordinator,
        route: &[A::CheckIn, A::Confirm],
    },
    Field {
        name: "check-in (volunteer): number",
        start: Start::Volunteer,
        route: &[A::CheckIn, A::Confirm],
    },
    Field {
        name: "tally: check in by number",
        start: Start::Coordinator,
        route: &[A::Tally, A::Confirm, A::NextField],
    },
    Field {
        name: "tally (volunteer): check in by number",
        start: Start::Volunteer,
        route: &[A::Tally, A::Confirm, A::NextField],
    },
    Field {
        name: "close session (from check-in): note",
        start: Start::Coordinator,
        route: &[A::CheckIn, A::Confirm, A::CloseSession],
    },
    Field {
        name: "close session (volunteer, from tally): note",
        start: Start::Volunteer,
        route: &[A::Tally, A::Confirm, A::CloseSession],
    },
    Field {
        name: "offering form: name",
        start: Start::Coordinator,
        route: &[A::Offerings, A::NewItem],
    },
    Field {
        name: "offering form: partner",
        start: Start::Coordinator,
        route: &[A::Offerings, A::NewItem, A::NextField, A::NextField],
    },
    Field {
        name: "offering form: room",
        start: Start::Coordinator,
        route: &[
            A::Offerings,
            A::NewItem,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "offering form: date (once)",
        start: Start::Coordinator,
        route: &[
            A::Offerings,
            A::NewItem,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
            A::Right,
            A::Right,
            A::NextField,
        ],
    },
    Field {
        name: "offering form: start",
        start: Start::Coordinator,
        route: &[
            A::Offerings,
            A::NewItem,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "offering form: end",
        start: Start::Coordinator,
        route: &[
            A::Offerings,
            A::NewItem,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "offering form (edit): name",
        start: Start::Coordinator,
        route: &[A::Offerings, A::EditItem],
    },
    Field {
        name: "session form: title",
        start: Start::Coordinator,
        route: &[A::Offerings, A::NextField, A::NewItem],
    },
    Field {
        name: "session form: start",
        start: Start::Coordinator,
        route: &[
            A::Offerings,
            A::NextField,
            A::NewItem,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "session form: end",
        start: Start::Coordinator,
        route: &[
            A::Offerings,
            A::NextField,
            A::NewItem,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
    Field {
        name: "day summary: date",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::NextField],
    },
    Field {
        name: "day summary: note",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::NextField, A::NextField],
    },
    Field {
        name: "day summary: folder",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::NextField, A::NextField, A::NextField],
    },
    Field {
        name: "period report: from",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::PeriodReport, A::NextField],
    },
    Field {
        name: "period report: to",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::PeriodReport, A::NextField, A::NextField],
    },
    Field {
        name: "period report: folder",
        start: Start::Coordinator,
        route: &[
            A::DaySummary,
            A::PeriodReport,
            A::NextField,
            A::NextField,
            A::NextField,
        ],
    },
];

/// A fake person who agreed to storing, registered on [`DAY`].
fn person(name: &str, latin: &str) -> PersonalData {
    let mut data = PersonalData::default();
    data.name = name.into();
    data.name_latin = latin.into();
    data.birth = Answer::Given(BirthDate {
        year: 1990,
        month_day: None,
    });
    data.consent = Consent {
        day: day_key(DAY),
        text_version: "2026-1".into(),
        explained_in: None,
        store_at_mila: true,
        pass_to_partners: Vec::new(),
    };
    data
}

/// Stored text that tries everything at once, different for each `n` so that
/// no duplicate check refuses it: escape sequences, a bidi override, wide and
/// right-to-left letters. At most 80 characters, the shortest limit.
fn hostile_label(n: usize) -> String {
    format!(
        "Feindlich{n}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}並😀 e\u{301} {}",
        "ي".repeat(30)
    )
}

/// A database made once and copied for each case: making one costs a key
/// derivation, copying a file does not.
struct Template {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

impl Template {
    /// Four visitors (M-0002 and M-0003 one household, M-0004 with an Arabic
    /// name and a hostile Latin one, so that searches show hostile stored
    /// text too) and today's sessions.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = make_database(dir.path());
        with_desk(&db, |desk, login| {
            desk.register_visitor(login, &person("Testa Beispiel", ""), true, None)
                .unwrap();
            let erika = desk
                .register_visitor(login, &person("Erika Musterfrau", ""), true, None)
                .unwrap();
            desk.register_visitor(login, &person("Max Mustermann", ""), true, Some(erika))
                .unwrap();
            let hostile = format!("Feindlich\u{1b}[2J\u{202e}{}", "x".repeat(150));
            desk.register_visitor(login, &person("تجربة", &hostile), true, None)
                .unwrap();
            desk.sessions_on(DAY).unwrap();
        });
        Self { _dir: dir, db }
    }

    /// [`Template::new`] with hostile text everywhere staff can store text:
    /// a new entry in every reference list (the tally category counted by an
    /// offering), an offering's name, partner and room, a single session's
    /// title, the day note and a closed session's note.
    fn with_hostile_text() -> Self {
        let template = Self::new();
        with_desk(&template.db, |desk, login| {
            let mut category = None;
            for (i, list) in RefList::ALL.into_iter().enumerate() {
                let id = desk
                    .save_reference(login, list, None, &hostile_label(i), false)
                    .unwrap();
                if list == RefList::TallyCategories {
                    category = Some(id);
                }
            }
            let (id, mut offering) = desk.offerings().unwrap().remove(0);
            offering.name = hostile_label(10);
            offering.partner = hostile_label(11);
            offering.room = hostile_label(12);
            offering.tally_categories.extend(category);
            desk.save_offering(login, Some(id), &offering).unwrap();
            let (start, end) = (time(13, 0, 0, 0), time(14, 0, 0, 0));
            desk.add_session(login, id, DAY, start, end, &hostile_label(13))
                .unwrap();
            desk.set_day_note(login, DAY, &hostile_label(14).repeat(20))
                .unwrap();
            let first = desk.sessions_on(DAY).unwrap().remove(0).id;
            desk.close_session(login, first, &hostile_label(15).repeat(5))
                .unwrap();
        });
        template
    }

    /// The app at the end of `field`'s route, in a fresh folder.
    fn reach(
        &self,
        field: &Field,
        cols: u16,
        rows: u16,
        lang: Option<Lang>,
    ) -> (tempfile::TempDir, TestApp) {
        let dir = tempfile::tempdir().unwrap();
        if field.start != Start::NoDatabase {
            std::fs::copy(&self.db, dir.path().join("mila.redb")).unwrap();
        }
        // Saving a report or a backup goes to this folder, printing to `true`:
        // a wandering test must not write into the home folder or print.
        let config = format!(
            "report_folder = '{0}'\nbackup_folder = '{0}'\nprint_command = 'true'\n",
            dir.path().join("out").display()
        );
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        let mut app = TestApp::start(dir.path(), cols, rows, lang);
        match field.start {
            Start::NoDatabase | Start::SignIn => {}
            Start::Coordinator => app.sign_in(COORDINATOR, PASSPHRASE),
            Start::Volunteer => app.sign_in(VOLUNTEER, VOLUNTEER_PASSPHRASE),
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
        // Look like the values the fields want, but are not quite.
        "31.02.2026".into(),
        "M-0004\u{202e}".into(),
        "25:61".into(),
        "-1".into(),
        "99999999999999999999".into(),
        String::new(),
    ]
}

/// The first and the last row: the title and the hint bar.
fn frame_rows(screen: &str) -> (Option<String>, Option<String>) {
    let lines: Vec<String> = screen.lines().map(str::to_string).collect();
    (lines.first().cloned(), lines.last().cloned())
}

/// Types `text` key by key (capped: 10,000 single keys per case would make
/// the suite crawl) and pastes it whole; checks the screen after each.
fn feed(app: &mut TestApp, field: &Field, text: &str) -> Result<(), TestCaseError> {
    let (title, hints) = frame_rows(&check_safe(app, field.name)?);
    for c in text.chars().take(300) {
        app.press(Action::Input(c));
    }
    check(app, field, &title, &hints)?;
    app.press(Action::Paste(text.to_string()));
    check(app, field, &title, &hints)
}

/// The frame the app draws next, as rendered: the backend's buffer can keep
/// stale cells under a wide character, which a terminal never shows.
fn rendered(app: &mut TestApp) -> Buffer {
    let TestApp { app, terminal, .. } = app;
    match terminal.draw(|f| app.render(f)) {
        Ok(frame) => frame.buffer.clone(),
        Err(e) => panic!("draw: {e}"),
    }
}

/// What a row of the screen must never hold, whatever the screen shows.
/// ratatui drops control characters (ESC, BEL, C1) before the buffer, so
/// only format characters (bidi overrides, invisible ones) can fail here;
/// controls are looked for in the bytes sent to a terminal (hostile_pty.rs).
/// Widths are counted cell by cell the way ratatui sends them to the
/// terminal: a wide character takes its cell and the blank ones it covers.
fn check_safe(app: &mut TestApp, name: &str) -> Result<String, TestCaseError> {
    let buffer = rendered(app);
    let (cols, rows) = (buffer.area.width, buffer.area.height);
    let mut screen = String::new();
    for y in 0..rows {
        let line: String = (0..cols).map(|x| buffer[(x, y)].symbol()).collect();
        let unsafe_char = line.chars().find(|c| is_unsafe(*c));
        prop_assert!(
            unsafe_char.is_none(),
            "{}: {:?} reached the screen",
            name,
            unsafe_char
        );
        let mut x = 0;
        let mut used = 0;
        while x < cols {
            let symbol = buffer[(x, y)].symbol();
            let width = u16::try_from(display_width(symbol).max(1)).unwrap_or(u16::MAX);
            // The cells a wide character covers must stay blank: anything
            // drawn there is never sent to the terminal, so it would vanish.
            for covered in x + 1..x.saturating_add(width).min(cols) {
                let under = buffer[(covered, y)].symbol();
                prop_assert!(
                    under == " ",
                    "{}: {:?} is drawn over half of {:?}: {}",
                    name,
                    under,
                    symbol,
                    line
                );
            }
            used += width;
            x = x.saturating_add(width);
        }
        prop_assert!(
            used <= cols,
            "{}: a row is wider than the frame: {}",
            name,
            line
        );
        screen.push_str(line.trim_end());
        screen.push('\n');
    }
    Ok(screen)
}

fn check(
    app: &mut TestApp,
    field: &Field,
    title: &Option<String>,
    hints: &Option<String>,
) -> Result<(), TestCaseError> {
    let name = field.name;
    let screen = check_safe(app, name)?;
    let (now_title, now_hints) = frame_rows(&screen);
    prop_assert_eq!(&now_title, title, "{}: the title row moved", name);
    prop_assert_eq!(&now_hints, hints, "{}: the hint bar moved", name);
    Ok(())
}

/// The table is right: each route ends in a form with a focused field that
/// takes typed text (a wrong route would fuzz nothing).
#[test]
fn every_route_reaches_a_text_field() {
    let template = Template::new();
    for field in FIELDS {
        let (_dir, mut app) = template.reach(field, 80, 24, None);
        // Prefilled fields (a rename, the months) must make room first.
        app.press(Action::ClearField);
        let before = app.screen();
        app.type_text("Q7Z");
        let after = app.screen();
        let masked = field.name.contains("passphrase");
        let shown = if masked {
            after.matches('•').count() >= before.matches('•').count() + 3
        } else {
            after.contains("Q7Z") && !before.contains("Q7Z")
        };
        assert!(
            shown,
            "{}: typing did not reach a field:\n{after}",
            field.name
        );
    }
}

/// Each field is reached once per size and takes every string in turn,
/// emptied in between: the sign-in is what costs time here.
#[test]
fn known_hostile_strings_in_every_field() {
    let template = Template::new();
    for field in FIELDS {
        for (cols, rows) in [(80, 24), (120, 40)] {
            let (_dir, mut app) = template.reach(field, cols, rows, None);
            for text in hostile_strings() {
                app.press(Action::ClearField);
                if let Err(e) = feed(&mut app, field, &text) {
                    panic!("{e}");
                }
            }
        }
    }
}

/// What the fuzzer does in a field besides typing: editing and moving the
/// cursor over whatever it typed.
#[derive(Debug, Clone)]
enum Op {
    Type(String),
    Paste(String),
    Edit(Action),
    /// The terminal changes size, down to nothing.
    Resize(u16, u16),
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,60}",
        "[\\x00-\\x1f\\x7f-\\x9f\\u{200e}\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}a-zا-ي ]{0,80}",
        "[0-9.:M -]{0,14}",
        proptest::sample::select(hostile_strings()),
        proptest::collection::vec(any::<char>(), 0..200).prop_map(|v| v.into_iter().collect()),
    ]
}

fn arbitrary_op() -> impl Strategy<Value = Op> {
    let edits = [
        A::Left,
        A::Right,
        A::WordLeft,
        A::WordRight,
        A::First,
        A::Last,
        A::DeleteBack,
        A::DeleteForward,
        A::ClearField,
    ];
    prop_oneof![
        3 => arbitrary_text().prop_map(Op::Type),
        2 => arbitrary_text().prop_map(Op::Paste),
        3 => proptest::sample::select(edits.to_vec()).prop_map(Op::Edit),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

/// Anything typed, pasted and edited in any field, in German or English, at
/// the two sizes and below the smallest supported one, keeps the frame; Enter then
/// submits it, and whatever the screen answers (a refusal, the next screen)
/// is drawn safely.
#[test]
fn arbitrary_strings_in_any_field() {
    let template = Template::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases()));
    let ops = proptest::collection::vec(arbitrary_op(), 1..6);
    let size = proptest::sample::select(vec![(80, 24), (120, 40), (60, 18)]);
    let lang = proptest::sample::select(vec![None, Some(Lang::En)]);
    runner
        .run(
            &(0..FIELDS.len(), ops, size, lang),
            |(index, ops, size, lang)| {
                let field = &FIELDS[index];
                let (_dir, mut app) = template.reach(field, size.0, size.1, lang);
                let (title, hints) = frame_rows(&check_safe(&mut app, field.name)?);
                for op in ops {
                    match op {
                        Op::Type(text) => {
                            for c in text.chars().take(300) {
                                app.press(Action::Input(c));
                            }
                        }
                        Op::Paste(text) => app.press(Action::Paste(text)),
                        Op::Edit(action) => app.press(action),
                        // Sizes are the strategy's; arbitrary_op makes no resizes.
                        Op::Resize(..) => {}
                    }
                    check(&mut app, field, &title, &hints)?;
                }
                app.press(Action::Confirm);
                check_safe(&mut app, field.name)?;
                Ok(())
            },
        )
        .unwrap();
}

/// Found by the hostile strings: a number copied out of right-to-left text
/// brings a direction mark along, which made it no number at all.
#[test]
fn a_number_pasted_with_a_direction_mark_checks_in() {
    let template = Template::new();
    let field = FIELDS
        .iter()
        .find(|f| f.name == "check-in (volunteer): number")
        .expect("field");
    let (_dir, mut app) = template.reach(field, 80, 24, None);
    app.press(Action::Paste("\u{200f}M-0001\u{200f}".into()));
    app.press(Action::Confirm);
    let screen = app.screen();
    assert!(screen.contains("M-0001 eingecheckt."), "{screen}");
    assert!(screen.contains("Eingecheckt (1)"), "{screen}");
}

/// A field that checks its value, what submits it, and the start of the
/// German sentence that refuses an escape sequence there.
const REFUSALS: &[(&str, Action, &str)] = &[
    (
        "sign-in: passphrase",
        A::Confirm,
        "Bitte Benutzername und Passphrase",
    ),
    (
        "audit: visitor number",
        A::Confirm,
        "Keine gültige Besuchsnummer",
    ),
    ("audit: from", A::Confirm, "Kein gültiges Datum"),
    ("audit: to", A::Confirm, "Kein gültiges Datum"),
    (
        "staff: new user name",
        A::Save,
        "Benutzername: 1 bis 32 Buchstaben",
    ),
    (
        "retention period: months",
        A::Confirm,
        "Bitte eine Zahl von 1 bis 120",
    ),
    (
        "intake: birth date",
        A::NextStep,
        "TT.MM.JJJJ oder nur das Jahr",
    ),
    (
        "check-in (volunteer): number",
        A::Confirm,
        "Keine gültige Besuchsnummer",
    ),
    (
        "tally: check in by number",
        A::Confirm,
        "Keine gültige Besuchsnummer",
    ),
    (
        "offering form: date (once)",
        A::Save,
        "Datum bitte als TT.MM.JJJJ",
    ),
    ("offering form: start", A::Save, "Uhrzeit bitte als HH:MM"),
    ("session form: end", A::Save, "Uhrzeit bitte als HH:MM"),
    (
        "day summary: date",
        A::Confirm,
        "Datum bitte als TT.MM.JJJJ",
    ),
    (
        "period report: from",
        A::Confirm,
        "Datum bitte als TT.MM.JJJJ",
    ),
];

/// "A clear error where input is refused": an escape sequence pasted into a
/// field that wants a date, a time or a number is named as wrong, in German,
/// and the screen stays where it is.
#[test]
fn garbage_in_a_checked_field_is_refused_with_a_message() {
    let template = Template::new();
    for (name, submit, refusal) in REFUSALS {
        let field = FIELDS
            .iter()
            .find(|f| f.name == *name)
            .unwrap_or_else(|| panic!("no field {name}"));
        let (_dir, mut app) = template.reach(field, 80, 24, None);
        let title = app.screen().lines().next().map(str::to_string);
        app.press(Action::ClearField);
        app.press(Action::Paste("x\u{1b}[2J9".into()));
        app.press(submit.clone());
        let screen = app.screen();
        assert!(screen.contains(refusal), "{name}: no refusal:\n{screen}");
        assert_eq!(
            screen.lines().next().map(str::to_string),
            title,
            "{name}: the screen changed"
        );
    }
}

/// Screens without a text field, each reached from its start.
const SCREENS: &[Field] = &[
    Field {
        name: "home",
        start: Start::Coordinator,
        route: &[],
    },
    Field {
        name: "home (volunteer)",
        start: Start::Volunteer,
        route: &[],
    },
    Field {
        name: "visitor card of the hostile name",
        start: Start::Coordinator,
        route: &[A::FindVisitor, A::Input('4'), A::Confirm],
    },
    Field {
        name: "check-in: session pick",
        start: Start::Coordinator,
        route: &[A::CheckIn],
    },
    Field {
        name: "tally: counters",
        start: Start::Coordinator,
        route: &[A::Tally, A::Confirm],
    },
    Field {
        name: "offerings",
        start: Start::Coordinator,
        route: &[A::Offerings],
    },
    Field {
        name: "sessions",
        start: Start::Coordinator,
        route: &[A::Offerings, A::NextField],
    },
    Field {
        name: "day summary",
        start: Start::Coordinator,
        route: &[A::DaySummary],
    },
    Field {
        name: "day summary with names",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::NamesList],
    },
    Field {
        name: "period report",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::PeriodReport],
    },
    Field {
        name: "period report: charts",
        start: Start::Coordinator,
        route: &[A::DaySummary, A::PeriodReport, A::Chart],
    },
    Field {
        name: "admin",
        start: Start::Coordinator,
        route: &[A::Admin],
    },
    Field {
        name: "staff accounts",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Confirm],
    },
    Field {
        name: "audit log",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Down, A::Confirm],
    },
    Field {
        name: "retention",
        start: Start::Coordinator,
        route: &[A::Admin, A::Down, A::Down, A::Down, A::Confirm],
    },
];

/// Hostile text that staff stored (reference lists, offerings, sessions,
/// notes, a visitor's name) is drawn safely on every screen, at both sizes,
/// and does show up (else this would test nothing).
#[test]
fn hostile_stored_text_is_drawn_safely_on_every_screen() {
    let template = Template::with_hostile_text();
    let mut shown = 0;
    for screen in SCREENS.iter().chain(FIELDS) {
        for (cols, rows) in [(80, 24), (120, 40)] {
            let (_dir, mut app) = template.reach(screen, cols, rows, None);
            let text = match check_safe(&mut app, screen.name) {
                Ok(text) => text,
                Err(e) => panic!("{cols}x{rows}: {e}"),
            };
            shown += usize::from(text.contains("Feindlich"));
        }
    }
    assert!(shown >= 20, "hostile text shown on only {shown} screens");
}

/// What the wandering fuzzer does besides typing: everything a form offers,
/// moving between fields and pages, saving, answering questions, going back.
fn wandering_op() -> impl Strategy<Value = Op> {
    let moves = [
        A::NextField,
        A::PrevField,
        A::Up,
        A::Down,
        A::Left,
        A::Right,
        A::Confirm,
        A::Save,
        A::NextStep,
        A::PrevStep,
        A::Toggle,
        A::Input(' '),
        A::Undo,
        A::Back,
        A::Yes,
        A::No,
        A::AnswerUnknown,
        A::AnswerDeclined,
        A::AnswerNotAsked,
        A::NewItem,
        A::EditItem,
        A::ClearField,
        A::Tick,
    ];
    prop_oneof![
        2 => arbitrary_text().prop_map(Op::Type),
        2 => arbitrary_text().prop_map(Op::Paste),
        5 => proptest::sample::select(moves.to_vec()).prop_map(Op::Edit),
        1 => proptest::sample::select(vec![(80, 24), (120, 40), (40, 10), (20, 5), (1, 1), (0, 0)])
            .prop_map(|(cols, rows)| Op::Resize(cols, rows)),
    ]
}

/// From any field, in German or English, anything typed and any way onwards
/// (other fields, other pages, saving, leaving, resizing): every screen
/// reached is drawn safely.
#[test]
fn wandering_from_any_field() {
    let template = Template::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases()));
    let ops = proptest::collection::vec(wandering_op(), 1..16);
    let lang = proptest::sample::select(vec![None, Some(Lang::En)]);
    runner
        .run(&(0..FIELDS.len(), ops, lang), |(index, ops, lang)| {
            let field = &FIELDS[index];
            let (_dir, mut app) = template.reach(field, 80, 24, lang);
            for op in ops {
                match op {
                    Op::Type(text) => {
                        for c in text.chars().take(300) {
                            app.press(Action::Input(c));
                        }
                    }
                    Op::Paste(text) => app.press(Action::Paste(text)),
                    Op::Edit(action) => app.press(action),
                    Op::Resize(cols, rows) => app.resize(cols, rows),
                }
                check_safe(&mut app, field.name)?;
            }
            Ok(())
        })
        .unwrap();
}
