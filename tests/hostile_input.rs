//! What a security tester tries on the command line: closed pipes, FIFOs,
//! huge and malformed imports, names that steer terminals inside JSON, odd
//! settings and print commands. Each refusal says what to fix and loses
//! nothing; each success writes exactly once.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use assert_cmd::Command;
use mila::ui::sanitize::is_unsafe;

const USER: &str = "koordination";
const PASS: &str = "cli-passphrase-1";
/// Only catches a hang; the commands take a second or two.
const HANG: Duration = Duration::from_secs(120);

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_mila"))
}

fn env(cmd: &mut std::process::Command, dir: &Path) {
    cmd.env_clear()
        .env("MILA_DB", dir.join("mila.redb"))
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", USER)
        .env("MILA_PASSPHRASE", PASS)
        .env("MILA_CONFIG_DIR", dir.join("config"))
        .env("HOME", dir);
}

fn mila(dir: &Path) -> Command {
    let mut plain = std::process::Command::new(bin());
    env(&mut plain, dir);
    let mut cmd = Command::from_std(plain);
    cmd.timeout(HANG);
    cmd
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

fn init(dir: &Path) {
    let out = run(mila(dir).args(["init", "--user", USER]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

fn import(dir: &Path, csv: &str) -> Run {
    let file = dir.join("liste.csv");
    std::fs::write(&file, csv).unwrap();
    run(mila(dir).args(["import", "visitors"]).arg(&file))
}

fn visitors_found(dir: &Path, query: &str) -> usize {
    let out = run(mila(dir).args(["find", "--json", "--limit", "1000", query]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    rows.as_array().unwrap().len()
}

fn rows(n: usize) -> String {
    let mut csv = String::from("name;phone\n");
    for i in 0..n {
        csv.push_str(&format!("Testa Beispiel{i:05};0151 000 {i:05}\n"));
    }
    csv
}

/// Runs `args` with stdout a pipe whose reader has already gone, as in
/// `mila … | head -0`.
fn with_closed_stdout(dir: &Path, args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut cmd = std::process::Command::new(bin());
    env(&mut cmd, dir);
    let mut child = cmd
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_ended_quietly(what: &str, status: std::process::ExitStatus, stderr: &str) {
    // Exit 0, or the default SIGPIPE death a shell shows as 141, as `cat` does.
    assert!(
        status.success() || status.signal() == Some(libc::SIGPIPE),
        "{what}: {status:?} {stderr}"
    );
    assert!(
        !stderr.contains("internal error") && !stderr.contains("nothing was saved"),
        "{what}: {stderr}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly_and_an_import_is_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let file = dir.path().join("liste.csv");
    std::fs::write(&file, rows(50)).unwrap();
    let file = file.to_str().unwrap();

    let (status, stderr) = with_closed_stdout(dir.path(), &["import", "visitors", file]);
    assert_ended_quietly("import", status, &stderr);
    // Saved once, as nothing claimed otherwise.
    assert_eq!(visitors_found(dir.path(), "Testa"), 50);

    let (status, stderr) = with_closed_stdout(dir.path(), &["find", "Testa", "--json"]);
    assert_ended_quietly("find --json", status, &stderr);
    let (status, stderr) = with_closed_stdout(dir.path(), &["staff", "list"]);
    assert_ended_quietly("staff list", status, &stderr);
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_is_refused_as_database_and_as_import() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("mila.redb");
    mkfifo(&fifo);
    for args in [&["find", "Testa"][..], &["verify"], &["report", "day"]] {
        let out = run(mila(dir.path()).args(args));
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("is not a regular file"),
            "{args:?}: {}",
            out.stderr
        );
    }

    let other = tempfile::tempdir().unwrap();
    init(other.path());
    let csv = other.path().join("liste.csv");
    mkfifo(&csv);
    let out = run(mila(other.path()).args(["import", "visitors"]).arg(&csv));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("is not a regular file"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_escapes_what_terminals_act_on() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let name = "Testa\u{9b}31m\u{202e}Beispiel\u{2066}X\u{2069}";
    let out = import(dir.path(), &format!("name\n{name}\n"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);

    let out = run(mila(dir.path()).args(["find", "--json", "Testa"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let bad = out.stdout.chars().find(|c| is_unsafe(*c) && *c != '\n');
    assert_eq!(bad, None, "{:?}", out.stdout);
    assert!(out.stdout.contains("\\u009b") && out.stdout.contains("\\u202e"));
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows[0]["name"], name, "a parser reads the stored name back");

    let folder = dir.path().join("auskunft");
    let out = run(mila(dir.path())
        .args(["export", "visitor", "M-0001", "--output"])
        .arg(&folder));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json_path = out.stdout.lines().next().unwrap();
    let json = std::fs::read_to_string(json_path).unwrap();
    let bad = json.chars().find(|c| is_unsafe(*c) && *c != '\n');
    assert_eq!(bad, None, "{json:?}");
    let export: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(export["personal"]["name"], name);
}

#[test]
fn import_problems_are_listed_in_line_order_then_summed_up() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let out = import(
        dir.path(),
        "name;birth_date;gender\nTesta Eins;morgen;w\nTesta Zwei;1990;q\nTesta Drei;2.2.;m\n",
    );
    assert_eq!(out.code, Some(1));
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", out.stderr);
    for (line, want) in lines.iter().zip(["line 2:", "line 3:", "line 4:"]) {
        assert!(line.contains(want), "{line}");
    }
    assert!(
        lines[3].starts_with("mila: error: ")
            && lines[3].ends_with("3 problems; nothing was imported"),
        "{}",
        lines[3]
    );
    assert!(!out.stderr.contains("more problems"), "{}", out.stderr);
    assert_eq!(visitors_found(dir.path(), "Testa"), 0);
}

#[test]
fn csv_problems_say_what_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let cases: [(&str, &str); 5] = [
        (
            "name;phone\nTesta Eins;0151\n\"Testa Zwei;0152\nTesta Drei;0153\n",
            "line 3: a quote (\") is not closed",
        ),
        (
            "name;name\nTesta Eins;Testa Zwei\n",
            "column 'name' appears twice",
        ),
        (
            "name;\u{feff}phone\nTesta Eins;0151\n",
            "contains a byte-order mark (BOM)",
        ),
        (
            "name;phone\nTesta Eins;0151;zu viel\n",
            "line 2: 3 columns, but the header has 2",
        ),
        ("name;phone\n", "the file has no visitors"),
    ];
    for (csv, want) in cases {
        let out = import(dir.path(), csv);
        assert_eq!(out.code, Some(1), "{csv:?}");
        assert!(out.stderr.contains(want), "{csv:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("CSV error") && !out.stderr.contains("found record"),
            "the parser's own words: {}",
            out.stderr
        );
    }
    assert_eq!(visitors_found(dir.path(), "Testa"), 0);
}

#[test]
fn an_import_beyond_the_limits_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let db = dir.path().join("mila.redb");

    // One row too many of very short lines.
    let mut csv = String::from("name\n");
    for _ in 0..=mila::desk::import::MAX_IMPORT_ROWS {
        csv.push_str("T\n");
    }
    let out = import(dir.path(), &csv);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("more than 100000 visitors"),
        "{}",
        out.stderr
    );
    assert_eq!(visitors_found(dir.path(), "T"), 0);
    // Only the sign-ins were written.
    assert!(std::fs::metadata(&db).unwrap().len() < 1024 * 1024);

    // Just over 50 MB: refused by its size, without reading it.
    let file = dir.path().join("riesig.csv");
    let mut big = std::fs::File::create(&file).unwrap();
    big.write_all(b"name\n").unwrap();
    big.set_len(50 * 1024 * 1024 + 1).unwrap();
    let out = run(mila(dir.path()).args(["import", "visitors"]).arg(&file));
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("larger than 50 MB"), "{}", out.stderr);
}

#[test]
fn a_pinned_date_that_does_not_parse_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    for bad in ["morgen", "2026-13-01", "19.11.2026", ""] {
        let out = run(mila(dir.path())
            .env("MILA_TODAY", bad)
            .args(["report", "day"]));
        assert_eq!(out.code, Some(1), "{bad:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("MILA_TODAY") && out.stderr.contains("YYYY-MM-DD"),
            "{bad:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_pinned_date_is_announced_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let out = run(mila(dir.path())
        .env("MILA_TODAY", "2026-11-19")
        .args(["staff", "list"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stderr.lines().next(),
        Some("mila: warning: MILA_TODAY pins today to 2026-11-19 (for demonstrations and tests)")
    );
}

#[test]
fn error_lines_stay_short_and_clean() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    let huge = format!("\u{1b}]0;x\u{7}{}", "k".repeat(5_000_000));
    std::fs::write(
        dir.path().join("config/config.toml"),
        format!("print_command = \"{huge}\"\n"),
    )
    .unwrap();
    let out = run(mila(dir.path()).args(["report", "day", "--print"]));
    assert!(
        out.stderr.contains("could not print"),
        "{}",
        &out.stderr[..200]
    );
    for line in out.stderr.lines() {
        assert!(line.chars().count() <= 400, "{} chars", line.len());
        assert!(!line.chars().any(is_unsafe), "{line:?}");
    }
    // A long path given on the command line is cut too.
    let long = dir.path().join("x".repeat(200)).join("y".repeat(200));
    let out = run(mila(dir.path()).args(["import", "visitors"]).arg(&long));
    assert_eq!(out.code, Some(1));
    let line = out.stderr.lines().next().unwrap();
    assert!(line.chars().count() <= 400, "{line}");
}

/// A fake `lp` in a folder with a space in its name writes the arguments it
/// was given, one a line.
#[test]
fn the_print_command_gets_quoted_arguments_and_a4_options() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let bin_dir = dir.path().join("mein drucker");
    std::fs::create_dir(&bin_dir).unwrap();
    let args_file = dir.path().join("args.txt");
    let lp = bin_dir.join("lp");
    std::fs::write(
        &lp,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done > '{}'\n",
            args_file.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&lp, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/config.toml"),
        format!(
            "print_command = \"'{}' -d 'Drucker Empfang'\"\n",
            lp.display()
        ),
    )
    .unwrap();
    let out = run(mila(dir.path()).args(["report", "day", "--print"]));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Sent to the printer"), "{}", out.stdout);
    let given = std::fs::read_to_string(&args_file).unwrap();
    let given: Vec<&str> = given.lines().collect();
    let (text, options) = given.split_last().unwrap();
    assert_eq!(
        options,
        [
            "-o",
            "cpi=12",
            "-o",
            "lpi=6",
            "-o",
            "page-left=36",
            "-o",
            "page-right=36",
            "-o",
            "page-top=36",
            "-o",
            "page-bottom=36",
            "-d",
            "Drucker Empfang"
        ]
    );
    assert!(text.ends_with("report.txt"), "{text}");
}

/// Messages that repeat a path clean it, as the screen does: a file name
/// can carry an escape sequence too.
#[test]
fn messages_that_repeat_a_path_clean_it() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("Sicherung\u{1b}]0;pwned\u{7}\u{202e}.redb");
    let out = run(mila(dir.path())
        .args(["init", "--user", USER])
        .env("MILA_DB", &evil));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let backup = dir.path().join("b\u{9b}31m.redb");
    let out = run(mila(dir.path())
        .env("MILA_DB", &evil)
        .arg("backup")
        .arg(&backup));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("Backup written to"),
        "{}",
        out.stdout
    );
    for text in [&out.stdout, &out.stderr] {
        let bad = text.chars().find(|c| *c != '\n' && is_unsafe(*c));
        assert_eq!(bad, None, "{text:?}");
    }
}
