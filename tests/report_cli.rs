//! `mila report`: what scripts and the desk's print button rely on: exit
//! codes, one-line messages, files saved when printing fails, roles.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::desk::{COORDINATOR, PASSPHRASE};
use common::report::{DAY, PERSONAL_STRINGS, fixture_day};
use tempfile::TempDir;

/// The fixture day in a database file, the desk closed again, and an
/// empty config folder.
struct Setup {
    dir: TempDir,
    db: PathBuf,
}

impl Setup {
    fn new() -> Self {
        let fd = fixture_day();
        let db = fd.f.path();
        let common::desk::Fixture { dir, desk, .. } = fd.f;
        drop(desk);
        std::fs::create_dir(dir.path().join("config")).unwrap();
        Setup { dir, db }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn config(&self, text: &str) {
        std::fs::write(self.path("config/config.toml"), text).unwrap();
    }

    fn mila(&self, user: &str, passphrase: &str) -> Command {
        let mut cmd = Command::cargo_bin("mila").expect("binary");
        cmd.env_clear()
            .env("MILA_DB", &self.db)
            .env("MILA_USER", user)
            .env("MILA_PASSPHRASE", passphrase)
            .env("MILA_CONFIG_DIR", self.path("config"))
            .env("MILA_TODAY", DAY.to_string())
            .env("HOME", self.dir.path());
        cmd
    }

    fn coordinator(&self) -> Command {
        self.mila(COORDINATOR, PASSPHRASE)
    }

    fn volunteer(&self) -> Command {
        self.mila("helfer", "helfer-passphrase")
    }

    fn receptionist(&self) -> Command {
        self.mila("empfang", "empfang-passphrase")
    }
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The lines of stderr after the warning that MILA_TODAY pins the date,
/// which every run of these tests starts with.
fn told(stderr: &str) -> impl Iterator<Item = &str> {
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some("mila: warning: MILA_TODAY pins today to 2026-11-19 (for demonstrations and tests)"),
        "{stderr}"
    );
    lines
}

/// Exit 1, exactly one line on stderr mentioning `phrase`, never a panic.
fn assert_refused(cmd: &mut Command, phrase: &str) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert_eq!(told(&stderr).count(), 1, "stderr: {stderr}");
    assert!(stderr.contains(phrase), "expected '{phrase}' in: {stderr}");
    assert!(!stderr.contains("panicked"));
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_missing_print_command_saves_the_file_and_says_where() {
    let s = Setup::new();
    let folder = s.path("berichte");
    s.config(&format!(
        "print_command = \"/nonexistent/lp\"\nreport_folder = \"{}\"\n",
        folder.display()
    ));
    let expected = stdout_of(s.volunteer().args(["report", "day"]));
    let out = s
        .volunteer()
        .args(["report", "day", "--print"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(told(&stderr).count(), 1, "{stderr}");
    let saved = folder.join("Tagesuebersicht-2026-11-19.txt");
    assert!(stderr.contains("could not print"), "{stderr}");
    assert!(stderr.contains("/nonexistent/lp not found"), "{stderr}");
    assert!(stderr.contains(&saved.display().to_string()), "{stderr}");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), expected);
    assert!(expected.contains("Tagesübersicht") && expected.contains("Seite 1 von 1"));

    // A second print keeps the first file.
    s.volunteer()
        .args(["report", "day", "--print"])
        .assert()
        .success();
    assert_eq!(
        files_in(&folder),
        [
            "Tagesuebersicht-2026-11-19-2.txt",
            "Tagesuebersicht-2026-11-19.txt"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_working_print_command_gets_the_text() {
    let s = Setup::new();
    let spool = s.path("drucker");
    std::fs::create_dir(&spool).unwrap();
    s.config(&format!(
        "print_command = \"cp -t {}\"\nlang = \"en\"\n",
        spool.display()
    ));
    let out = stdout_of(s.receptionist().args(["report", "day", "--print"]));
    assert!(out.contains("Sent to the printer"), "{out}");
    let printed = std::fs::read_to_string(spool.join("report.txt")).unwrap();
    assert!(
        printed.starts_with("MiLA – Day summary"),
        "config lang is used"
    );
    assert!(printed.contains("Thursday, 19 November 2026"));

    // A failing command: the text goes to a MiLA folder in the documents folder, which
    // without XDG user dirs is in home.
    s.config("print_command = \"false\"\n");
    let out = s
        .receptionist()
        .args(["report", "day", "--print"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("print command false failed"), "{stderr}");
    assert!(
        s.path("MiLA/Tagesuebersicht-2026-11-19.txt").exists(),
        "{stderr}"
    );
}

#[test]
fn a_list_with_names_is_printed_or_nothing() {
    let s = Setup::new();
    let folder = s.path("berichte");
    s.config(&format!(
        "print_command = \"/nonexistent/lp\"\nreport_folder = \"{}\"\n",
        folder.display()
    ));
    assert_refused(
        s.coordinator()
            .args(["report", "day", "--print", "--names"]),
        "the list with names was not saved",
    );
    assert!(files_in(&folder).is_empty());
    let listed = stdout_of(s.coordinator().args(["report", "day", "--names"]));
    assert!(listed.contains("Testperson Eins") && listed.contains("VERTRAULICH"));
}

#[test]
fn volunteers_get_the_day_without_names_and_no_period() {
    let s = Setup::new();
    let text = stdout_of(
        s.volunteer()
            .args(["report", "day", "--date", "2026-11-19"]),
    );
    assert!(text.contains("Donnerstag, 19. November 2026"));
    assert!(text.contains("Summe"));
    for format in ["text", "csv", "json"] {
        let out = stdout_of(s.volunteer().args(["report", "day", "--format", format]));
        for secret in PERSONAL_STRINGS {
            assert!(!out.contains(secret), "{secret} in {format}");
        }
    }
    assert_refused(s.volunteer().args(["report", "day", "--names"]), "may not");
    for mut cmd in [s.volunteer(), s.receptionist()] {
        assert_refused(
            cmd.args([
                "report",
                "period",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
            ]),
            "may not",
        );
    }
}

#[test]
fn exports_go_to_a_file_in_every_format() {
    let s = Setup::new();
    let csv = s.path("tag.csv");
    s.receptionist()
        .args(["report", "day", "--format", "csv", "--output"])
        .arg(&csv)
        .assert()
        .success()
        .stdout("");
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with("\u{FEFF}Bereich;".as_bytes()));

    let json = stdout_of(s.coordinator().args([
        "report",
        "period",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "json",
    ]));
    // Breakdown cells below 3 people are "< 3" (issue 13), so the export is
    // read as JSON rather than back into the report's types.
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["totals"]["new_registrations"], 4);
    assert!(
        report["needs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["count"] == "< 3" || c["count"].as_u64() >= Some(3)),
        "{json}"
    );
    let text = stdout_of(s.coordinator().args([
        "report",
        "period",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--lang",
        "en",
    ]));
    assert!(text.contains("MiLA – Period report") && text.contains("2026-11-01 – 2026-11-30"));
}

#[test]
fn bad_requests_are_refused_clearly() {
    let s = Setup::new();
    assert_refused(
        s.coordinator().args([
            "report",
            "period",
            "--from",
            "2026-11-30",
            "--to",
            "2026-11-01",
        ]),
        "before its start",
    );
    assert_refused(
        s.coordinator()
            .args(["report", "day", "--print", "--format", "csv"]),
        "--print prints the text",
    );
    let out = s
        .coordinator()
        .args(["report", "day", "--date", "19.11.2026"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert_refused(
        s.mila(COORDINATOR, "wrong-passphrase")
            .args(["report", "day"]),
        "wrong user name or passphrase",
    );
}
