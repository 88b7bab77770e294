//! Hostile strings through the command-line paths that take text: `mila find
//! QUERY` and the staff account name (`mila staff add NAME`, `mila staff
//! passwd NAME`). No panic, nothing that steers a terminal on stdout or
//! stderr, and a clear one-line error where the input is refused.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use assert_cmd::Command;
use mila::ui::sanitize::is_unsafe;

const USER: &str = "koordination";
const PASS: &str = "cli-passphrase-1";
const NEW_PASS: &str = "neue-passphrase-1";

fn mila(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mila").expect("binary");
    cmd.env_clear()
        .env("MILA_DB", db)
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", USER)
        .env("MILA_PASSPHRASE", PASS)
        .env("HOME", db.parent().expect("parent"));
    cmd
}

/// A coordinator and three fake visitors, one with a hostile name.
fn database(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("mila.redb");
    mila(&db).args(["init", "--user", USER]).assert().success();
    let csv = "name;name_latin;birth_date;phone\n\
               محمد بيسبيل;Testa Beispiel;1990;0151 1234 5678\n\
               Erika Musterfrau;;1975;\n\
               Evil\u{1b}[2JTesta\u{202e}Name;;1999;\n";
    let file = dir.join("liste.csv");
    std::fs::write(&file, csv).unwrap();
    mila(&db)
        .args(["import", "visitors"])
        .arg(&file)
        .assert()
        .success();
    db
}

/// The strings of `tests/ui_fuzz.rs`, without NUL: no argument can hold one.
fn hostile_strings() -> Vec<String> {
    [
        "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}Testa".to_string(),
        "\u{202e}Beispiel\u{202c} \u{2066}Erika\u{2069} \u{200f}".into(),
        "محمد الحسن مُحَمَّد".into(),
        "Ново\u{8}\u{7f}\r\n\tЗапись".into(),
        "x".repeat(10_000),
        "\u{0645}".repeat(10_000),
        "👩‍👩‍👧‍👦e\u{301}\u{fe0f}\u{e0041}".into(),
        "\u{1b}P1;1|\u{9c}\u{1b}_x\u{1b}\\\u{9b}31m".into(),
        "M-0003\u{202e}".into(),
        "-1".into(),
        "99999999999999999999".into(),
        " ".into(),
        String::new(),
    ]
    .into_iter()
    .collect()
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Nothing on either stream may steer the terminal it is shown on.
fn assert_terminal_safe(what: &str, run: &Run) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let bad = text.chars().find(|c| is_unsafe(*c) && *c != '\n');
        assert!(bad.is_none(), "{what}: {bad:?} on {stream}: {text:?}");
        assert!(!text.contains("panicked"), "{what}: {text}");
    }
}

/// Exit 1 with one line on stderr that says what was wrong.
fn assert_refused(what: &str, run: &Run, phrase: &str) {
    assert_eq!(run.code, Some(1), "{what}: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{what}: {}", run.stderr);
    assert!(
        run.stderr.starts_with("mila: error: ") && run.stderr.contains(phrase),
        "{what}: expected '{phrase}' in {}",
        run.stderr
    );
    assert_terminal_safe(what, run);
}

fn staff_list(db: &Path) -> String {
    let out = run(mila(db).args(["staff", "list"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    out.stdout
}

#[test]
fn find_takes_any_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    for query in hostile_strings() {
        let what = format!("find {:?}", query.chars().take(20).collect::<String>());
        let out = run(mila(&db).args(["find", "--"]).arg(&query));
        assert_eq!(out.code, Some(0), "{what}: {}", out.stderr);
        assert_terminal_safe(&what, &out);
        // Every line is a visitor, or stdout is empty and stderr says so.
        for line in out.stdout.lines() {
            assert!(line.starts_with("M-000"), "{what}: {line:?}");
        }
        if out.stdout.is_empty() {
            assert_eq!(out.stderr.trim(), "nobody found", "{what}");
        }
        let out = run(mila(&db).args(["find", "--json", "--"]).arg(&query));
        assert_eq!(out.code, Some(0), "{what}: {}", out.stderr);
        let rows: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {}", out.stdout));
        assert!(rows.is_array(), "{what}");
    }
}

#[test]
fn the_hostile_visitor_is_found_and_shown_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = run(mila(&db).args(["find", "M-0003\u{202e}"]));
    assert_terminal_safe("find M-0003", &out);
    assert!(
        out.stdout.starts_with("M-0003  EvilTestaName"),
        "{out:?}",
        out = out.stdout
    );
}

#[test]
fn staff_add_refuses_hostile_names_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let before = staff_list(&db);
    // "-1" and a long digit run are plain user names (letters, digits, '.',
    // '-', '_', at most 32); every other string breaks that rule.
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars().count() <= 32
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    };
    for name in hostile_strings().into_iter().filter(|s| !plain(s)) {
        let what = format!("staff add {:?}", name.chars().take(20).collect::<String>());
        let out = run(mila(&db)
            .env("MILA_NEW_PASSPHRASE", NEW_PASS)
            .args(["staff", "add", "--role", "volunteer", "--"])
            .arg(&name));
        assert_refused(&what, &out, "user");
        // With no passphrase to hand, the name is still never echoed raw.
        let out = run(mila(&db)
            .args(["staff", "add", "--role", "volunteer", "--"])
            .arg(&name));
        assert_eq!(out.code, Some(1), "{what}: {}", out.stderr);
        assert_terminal_safe(&what, &out);
    }
    assert_eq!(staff_list(&db), before, "no account was added");
}

#[test]
fn staff_passwd_refuses_unknown_hostile_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    for name in hostile_strings() {
        let what = format!(
            "staff passwd {:?}",
            name.chars().take(20).collect::<String>()
        );
        let out = run(mila(&db)
            .env("MILA_NEW_PASSPHRASE", NEW_PASS)
            .args(["staff", "passwd", "--"])
            .arg(&name));
        assert_eq!(out.code, Some(1), "{what}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{what}: {}", out.stderr);
        assert_terminal_safe(&what, &out);
    }
    // The coordinator's own passphrase is untouched: signing in still works.
    staff_list(&db);
}

#[test]
fn a_role_that_does_not_exist_is_refused_without_echoing_it_raw() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = run(mila(&db).env("MILA_NEW_PASSPHRASE", NEW_PASS).args([
        "staff",
        "add",
        "helferin",
        "--role",
        "\u{1b}]0;pwned\u{7}",
    ]));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_terminal_safe("role", &out);
}

#[test]
fn arguments_that_are_not_utf8_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let bytes = OsStr::from_bytes(b"Testa\xff\x1b[2J\xc3");
    for args in [
        vec![OsStr::new("find"), bytes],
        vec![OsStr::new("staff"), OsStr::new("passwd"), bytes],
    ] {
        let out = run(mila(&db).env("MILA_NEW_PASSPHRASE", NEW_PASS).args(&args));
        assert_eq!(out.code, Some(2), "{}", out.stderr);
        assert_terminal_safe("not UTF-8", &out);
    }
}

/// Every other command-line argument that is text: whatever is refused (or,
/// for a visitor number, not found) comes back clean.
#[test]
fn other_text_arguments_come_back_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    // "M-0003" with a direction mark is M-0003: exported and erased rightly.
    for text in hostile_strings()
        .into_iter()
        .filter(|t| !t.starts_with("M-0003"))
    {
        let short: String = text.chars().take(20).collect();
        let runs: [(&str, Vec<&str>); 5] = [
            ("--user", vec!["--user", &text, "staff", "list"]),
            ("report day --date", vec!["report", "day", "--date", &text]),
            (
                "report period --from",
                vec!["report", "period", "--to", "2026-11-30", "--from", &text],
            ),
            (
                "export visitor",
                vec!["export", "visitor", "--output", "out", "--", &text],
            ),
            (
                "erase visitor",
                vec!["erase", "visitor", "--yes", "--", &text],
            ),
        ];
        for (what, args) in runs {
            let what = format!("{what} {short:?}");
            let out = run(mila(&db).current_dir(dir.path()).args(&args));
            assert_ne!(out.code, Some(0), "{what}: {}", out.stdout);
            assert_terminal_safe(&what, &out);
        }
    }
    // Nobody was erased by a number that only looked like one.
    let out = run(mila(&db).args(["find", "--json", "Testa"]));
    assert!(out.stdout.contains("Testa Beispiel"), "{}", out.stdout);
}
