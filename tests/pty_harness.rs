//! The pseudo-terminal harness, proven on programs every Linux machine has, so it can be
//! trusted before the real application exists.

mod common;

use std::time::Duration;

use common::pty::{Key, PtyCommand, SECONDS_5, parse_keys};

fn bash(script: &str) -> PtyCommand {
    PtyCommand::new("bash").args(["--norc", "--noprofile", "-c", script])
}

#[test]
fn notation_reads_keys_and_text() {
    assert_eq!(
        parse_keys("<F2>Ab<Tab>é<S-Tab><C-s><A-n><lt><Enter><pgdn><c-left><Esc>").unwrap(),
        [
            Key::F(2),
            Key::Char('A'),
            Key::Char('b'),
            Key::Tab,
            Key::Char('é'),
            Key::BackTab,
            Key::Ctrl('s'),
            Key::Alt('n'),
            Key::Char('<'),
            Key::Enter,
            Key::PageDown,
            Key::CtrlLeft,
            Key::Esc,
        ]
    );
    assert!(parse_keys("<F13>").is_err());
    assert!(parse_keys("<C-1>").is_err());
    assert!(parse_keys("a < b").is_err());
    assert!(parse_keys("<Nope>").is_err());
}

#[test]
fn typed_line_reaches_the_program_and_exit_code_comes_back() {
    let mut pty = bash("read -r x; echo \"got:$x\"; exit 7").spawn().unwrap();
    pty.type_keys("Mustermann<Enter>").unwrap();
    pty.wait_for_text("got:Mustermann", SECONDS_5).unwrap();
    assert_eq!(pty.wait_exit(SECONDS_5), Some(7));
}

#[test]
fn keys_arrive_as_the_escape_sequences_crossterm_reads() {
    // The program reads raw bytes and prints them in hex, so we see exactly what was sent.
    let mut pty = bash(
        "stty raw -echo; echo ready; head -c 20 | od -An -tx1 | tr -s ' \\n' ' '; echo '|end'",
    )
    .spawn()
    .unwrap();
    // Keys sent before `stty raw` would meet the cooked terminal (echo, Ctrl-S = XOFF).
    pty.wait_for_text("ready", SECONDS_5).unwrap();
    pty.type_keys("<F1><F12><C-s><Up><S-Tab><BS><Enter><A-n>x")
        .unwrap();
    pty.wait_for_text("|end", SECONDS_5).unwrap();
    let screen = pty.screen_text();
    let expected = "1b 4f 50 1b 5b 32 34 7e 13 1b 5b 41 1b 5b 5a 7f 0d 1b 6e 78";
    assert!(screen.contains(expected), "{}", pty.dump());
}

#[test]
fn unicode_text_and_the_screen_dump() {
    let mut pty = PtyCommand::new("cat").spawn().unwrap();
    pty.send_keys("محمد ተስፋይ Şêrko").unwrap();
    pty.wait_for_text("محمد ተስፋይ Şêrko", SECONDS_5).unwrap();
    let err = pty
        .wait_for_text("nicht da", Duration::from_millis(200))
        .unwrap_err();
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("│محمد"), "{err}");
}

#[test]
fn resize_reaches_the_program() {
    let mut pty = bash("stty size; read -r x; stty size; read -r y")
        .spawn()
        .unwrap();
    pty.wait_for_text("30 100", SECONDS_5).unwrap();
    pty.resize(120, 40).unwrap();
    pty.send(Key::Enter).unwrap();
    pty.wait_for_text("40 120", SECONDS_5).unwrap();
    assert_eq!(pty.screen_rows()[0].chars().count(), 120);
    assert_eq!(pty.screen_rows().len(), 40);
}

#[test]
fn size_can_be_chosen() {
    let mut pty = bash("stty size").size(80, 24).spawn().unwrap();
    pty.wait_for_text("24 80", SECONDS_5).unwrap();
}

#[test]
fn env_and_args_are_passed() {
    let mut pty = bash("echo \"[$MILA_TEST] [$0] [$1]\"; sleep 1")
        .arg("erstes")
        .arg("zweites Argument")
        .env("MILA_TEST", "Langenhagen")
        .spawn()
        .unwrap();
    pty.wait_for_text("[Langenhagen] [erstes] [zweites Argument]", SECONDS_5)
        .unwrap();
}

#[test]
fn kill_9_ends_a_program_that_ignores_hangup() {
    // Ignored signals stay ignored across exec, so this `sleep` shrugs off SIGHUP and TERM.
    let mut pty = bash("trap '' HUP TERM; echo ready; exec sleep 60")
        .spawn()
        .unwrap();
    pty.wait_for_text("ready", SECONDS_5).unwrap();
    pty.kill_9().unwrap();
    assert!(pty.wait_exit(SECONDS_5).is_some());
    assert_eq!(pty.exit_signal(), Some("Killed"));
}

#[test]
fn wait_exit_times_out_on_a_running_program() {
    let mut pty = PtyCommand::new("cat").spawn().unwrap();
    assert_eq!(pty.wait_exit(Duration::from_millis(100)), None);
    pty.send(Key::Ctrl('d')).unwrap();
    assert_eq!(pty.wait_exit(SECONDS_5), Some(0));
}

#[test]
fn dropping_the_harness_kills_the_program() {
    let pty = bash("trap '' HUP TERM; exec sleep 60").spawn().unwrap();
    let pid = libc::pid_t::try_from(pty.pid().unwrap()).unwrap();
    drop(pty);
    // SAFETY: signal 0 only asks whether the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    assert!(!alive, "process {pid} outlived the harness");
}

#[test]
fn a_closed_program_fails_waits_at_once() {
    let mut pty = bash("echo bye").spawn().unwrap();
    let started = std::time::Instant::now();
    let err = pty
        .wait_for_text("never printed", Duration::from_secs(30))
        .unwrap_err();
    assert!(err.contains("closed the terminal"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn terminal_queries_are_answered() {
    // A program asking for the cursor position (as crossterm does) gets an answer.
    let mut pty = bash(
        "stty raw -echo; printf 'abc\\033[6n'; reply=$(dd bs=1 count=6 2>/dev/null | od -An -c | tr -d ' \\n'); stty sane; echo; echo \"reply:$reply\"",
    )
    .spawn()
    .unwrap();
    pty.wait_for_text("reply:033[1;4R", SECONDS_5).unwrap();
}
