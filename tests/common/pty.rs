//! Drive a real program through a pseudo-terminal, the way the front desk does.
//!
//! ```ignore
//! let mut app = PtyCommand::new(env!("CARGO_BIN_EXE_mila"))
//!     .env("MILA_DB", db.path())
//!     .spawn()?;
//! app.wait_for_text("Anmelden", SECONDS_5)?;
//! app.type_keys("<F2>Mustermann<Tab>Erika<Enter>")?;
//! app.wait_for_text("M-0001", SECONDS_5)?;
//! ```
//!
//! A reader thread feeds everything the program prints into a `vt100` screen; waits poll that
//! screen and give up after their timeout with a dump of it, so a test fails instead of
//! hanging. Dropping a `Pty` kills the program with SIGKILL.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const DEFAULT_COLS: u16 = 100;
pub const DEFAULT_ROWS: u16 = 30;

/// A sensible default for waits on a loaded 2-core CI machine.
pub const SECONDS_5: Duration = Duration::from_secs(5);

/// After a lone Esc (or an Alt sequence) the terminal must pause, or the program reads the
/// next bytes as part of the same escape sequence (crossterm decides by what arrives together).
const ESC_PAUSE: Duration = Duration::from_millis(60);

const POLL: Duration = Duration::from_millis(10);

/// A key as a terminal sends it (xterm sequences, which crossterm reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// F1 to F12.
    F(u8),
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    /// A typed character (any script).
    Char(char),
    /// Ctrl with a letter.
    Ctrl(char),
    /// Alt with a character.
    Alt(char),
    CtrlLeft,
    CtrlRight,
    CtrlDelete,
    AltLeft,
    AltRight,
}

impl Key {
    /// The bytes a terminal sends for this key.
    pub fn bytes(self) -> Vec<u8> {
        let s: &[u8] = match self {
            Key::F(1) => b"\x1bOP",
            Key::F(2) => b"\x1bOQ",
            Key::F(3) => b"\x1bOR",
            Key::F(4) => b"\x1bOS",
            Key::F(5) => b"\x1b[15~",
            Key::F(6) => b"\x1b[17~",
            Key::F(7) => b"\x1b[18~",
            Key::F(8) => b"\x1b[19~",
            Key::F(9) => b"\x1b[20~",
            Key::F(10) => b"\x1b[21~",
            Key::F(11) => b"\x1b[23~",
            Key::F(12) => b"\x1b[24~",
            Key::F(n) => panic!("no F{n} key on a terminal keyboard"),
            Key::Up => b"\x1b[A",
            Key::Down => b"\x1b[B",
            Key::Right => b"\x1b[C",
            Key::Left => b"\x1b[D",
            Key::Home => b"\x1b[H",
            Key::End => b"\x1b[F",
            Key::PageUp => b"\x1b[5~",
            Key::PageDown => b"\x1b[6~",
            Key::Insert => b"\x1b[2~",
            Key::Delete => b"\x1b[3~",
            Key::Enter => b"\r",
            Key::Esc => b"\x1b",
            Key::Tab => b"\t",
            Key::BackTab => b"\x1b[Z",
            Key::Backspace => b"\x7f",
            Key::CtrlLeft => b"\x1b[1;5D",
            Key::CtrlRight => b"\x1b[1;5C",
            Key::CtrlDelete => b"\x1b[3;5~",
            Key::AltLeft => b"\x1b[1;3D",
            Key::AltRight => b"\x1b[1;3C",
            Key::Char(c) => return c.to_string().into_bytes(),
            Key::Ctrl(c) => {
                let c = c.to_ascii_lowercase();
                assert!(
                    c.is_ascii_lowercase(),
                    "Ctrl works with letters only, not {c:?}"
                );
                return vec![c as u8 & 0x1f];
            }
            Key::Alt(c) => return format!("\x1b{c}").into_bytes(),
        };
        s.to_vec()
    }

    /// Whether the program needs a pause after this key to see it as complete.
    fn needs_pause(self) -> bool {
        matches!(self, Key::Esc | Key::Alt(_))
    }
}

/// Reads the compact key notation of tests: text types itself, `<…>` names a key.
///
/// `"<F2>Mustermann<Tab>Erika<Enter>"`, `"<C-s>"`, `"<A-n>"`, `"<S-Tab>"`, `"<Esc>"`,
/// `"<PgDn>"`, `"<C-Left>"`, `"<lt>"` for a literal `<`. Names are case-blind.
pub fn parse_keys(notation: &str) -> Result<Vec<Key>, String> {
    let mut keys = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        if c != '<' {
            keys.push(Key::Char(c));
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .find('>')
            .ok_or_else(|| format!("unclosed '<' in {notation:?} (write <lt> for '<')"))?;
        let name = &rest[1..end];
        keys.push(
            parse_key_name(name).ok_or_else(|| format!("unknown key <{name}> in {notation:?}"))?,
        );
        rest = &rest[end + 1..];
    }
    Ok(keys)
}

fn parse_key_name(name: &str) -> Option<Key> {
    let lower = name.to_ascii_lowercase();
    let single = |s: &str| {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    };
    for prefix in ["c-", "ctrl-"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return match rest {
                "left" => Some(Key::CtrlLeft),
                "right" => Some(Key::CtrlRight),
                "del" | "delete" => Some(Key::CtrlDelete),
                _ => single(rest)
                    .filter(char::is_ascii_alphabetic)
                    .map(Key::Ctrl),
            };
        }
    }
    for prefix in ["a-", "alt-"] {
        if lower.starts_with(prefix) {
            let rest = &name[prefix.len()..];
            return match rest.to_ascii_lowercase().as_str() {
                "left" => Some(Key::AltLeft),
                "right" => Some(Key::AltRight),
                _ => single(rest).map(Key::Alt),
            };
        }
    }
    let key = match lower.as_str() {
        "enter" | "ret" | "cr" => Key::Enter,
        "esc" => Key::Esc,
        "tab" => Key::Tab,
        "s-tab" | "shift-tab" | "backtab" => Key::BackTab,
        "bs" | "backspace" => Key::Backspace,
        "del" | "delete" => Key::Delete,
        "ins" | "insert" => Key::Insert,
        "up" => Key::Up,
        "down" => Key::Down,
        "left" => Key::Left,
        "right" => Key::Right,
        "home" => Key::Home,
        "end" => Key::End,
        "pgup" | "pageup" => Key::PageUp,
        "pgdn" | "pagedown" => Key::PageDown,
        "space" => Key::Char(' '),
        "lt" => Key::Char('<'),
        "gt" => Key::Char('>'),
        other => {
            let n: u8 = other.strip_prefix('f')?.parse().ok()?;
            if !(1..=12).contains(&n) {
                return None;
            }
            Key::F(n)
        }
    };
    Some(key)
}

/// What to start, and how big its terminal is.
#[derive(Debug, Clone)]
pub struct PtyCommand {
    program: OsString,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    env_remove: Vec<OsString>,
    cwd: Option<PathBuf>,
    cols: u16,
    rows: u16,
}

impl PtyCommand {
    /// `program` at 100×30, with the test's environment plus `TERM=xterm-256color`.
    pub fn new(program: impl Into<OsString>) -> Self {
        PtyCommand {
            program: program.into(),
            args: Vec::new(),
            env: vec![("TERM".into(), "xterm-256color".into())],
            env_remove: Vec::new(),
            cwd: None,
            cols: DEFAULT_COLS,
            rows: DEFAULT_ROWS,
        }
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn env_remove(mut self, key: impl Into<OsString>) -> Self {
        self.env_remove.push(key.into());
        self
    }

    /// Where the program starts; the test's own directory if not set (portable-pty would
    /// otherwise use the home directory).
    pub fn cwd(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cwd = Some(dir.into());
        self
    }

    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.cols = cols;
        self.rows = rows;
        self
    }

    pub fn spawn(self) -> Result<Pty, String> {
        let size = PtySize {
            rows: self.rows,
            cols: self.cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .map_err(|e| format!("openpty: {e}"))?;
        let mut cmd = CommandBuilder::new(&self.program);
        cmd.args(&self.args);
        for key in &self.env_remove {
            cmd.env_remove(key);
        }
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        let cwd = match self.cwd {
            Some(dir) => dir,
            None => std::env::current_dir().map_err(|e| format!("current dir: {e}"))?,
        };
        cmd.cwd(cwd);
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn {:?}: {e}", self.program))?;
        // Only the child may hold the slave side, or the reader never sees the end.
        drop(pair.slave);

        let pid = child.process_id();
        let mut reader = pair
            .master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let mut writer = pair
            .master
            .take_writer()
            .map_err(|e| format!("pty writer: {e}"))?;

        let rows = NonZeroU16::new(self.rows).ok_or("zero rows")?;
        let cols = NonZeroU16::new(self.cols).ok_or("zero cols")?;
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let output_closed = Arc::new(AtomicBool::new(false));
        let written = Arc::new(Mutex::new(Vec::new()));

        // One thread owns the writer, so a reply to a terminal query can never wait behind
        // a test's large write while the program waits for that reply.
        let (input, to_write) = mpsc::channel::<Vec<u8>>();
        thread::spawn(move || {
            for bytes in to_write {
                if writer
                    .write_all(&bytes)
                    .and_then(|()| writer.flush())
                    .is_err()
                {
                    break;
                }
            }
        });

        let screen = Arc::clone(&parser);
        let closed = Arc::clone(&output_closed);
        let record = Arc::clone(&written);
        let replies = input.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut tail: Vec<u8> = Vec::new();
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let chunk = &buf[..n];
                        lock(&record).extend_from_slice(chunk);
                        let cursor = {
                            let mut parser = lock(&screen);
                            parser.process(chunk);
                            parser.screen().cursor_position()
                        };
                        for reply in answer_queries(&mut tail, chunk, cursor) {
                            let _ = replies.send(reply);
                        }
                    }
                }
            }
            closed.store(true, Ordering::SeqCst);
        });

        Ok(Pty {
            master: pair.master,
            input,
            child,
            pid,
            parser,
            output_closed,
            written,
            exit: None,
        })
    }
}

/// Answers the queries a terminal answers and `vt100` does not: cursor position (DSR 6)
/// and device attributes (DA1), which crossterm sends while probing the terminal.
fn answer_queries(tail: &mut Vec<u8>, chunk: &[u8], cursor: (u16, u16)) -> Vec<Vec<u8>> {
    const QUERIES: [&[u8]; 3] = [b"\x1b[6n", b"\x1b[c", b"\x1b[0c"];
    let mut window = std::mem::take(tail);
    let old = window.len();
    window.extend_from_slice(chunk);
    let mut replies = Vec::new();
    for end in old + 1..=window.len() {
        for query in QUERIES {
            if end >= query.len() && &window[end - query.len()..end] == query {
                replies.push(if query == b"\x1b[6n" {
                    format!("\x1b[{};{}R", cursor.0 + 1, cursor.1 + 1).into_bytes()
                } else {
                    b"\x1b[?1;2c".to_vec()
                });
            }
        }
    }
    let keep = window.len().saturating_sub(3);
    *tail = window[keep..].to_vec();
    replies
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere in the test must not hide the screen we want to dump.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running program in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    input: Sender<Vec<u8>>,
    child: Box<dyn Child + Send + Sync>,
    pid: Option<u32>,
    parser: Arc<Mutex<vt100::Parser>>,
    output_closed: Arc<AtomicBool>,
    /// Every byte the program wrote, as the terminal received it: control
    /// characters never reach a `TestBackend` buffer (ratatui drops them),
    /// so this is where a test sees whether one got out.
    written: Arc<Mutex<Vec<u8>>>,
    exit: Option<ExitStatus>,
}

impl Pty {
    /// The program's process id.
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Everything the program has written to the terminal so far.
    pub fn written(&self) -> Vec<u8> {
        lock(&self.written).clone()
    }

    /// Writes bytes as they are, e.g. a sequence the `Key` enum does not know.
    pub fn send_raw(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.input
            .send(bytes.to_vec())
            .map_err(|_| "the terminal's input is closed".to_owned())
    }

    /// Types `text` as it is (no `<…>` notation).
    pub fn send_keys(&mut self, text: &str) -> Result<(), String> {
        self.send_raw(text.as_bytes())
    }

    pub fn send(&mut self, key: Key) -> Result<(), String> {
        self.send_raw(&key.bytes())?;
        if key.needs_pause() {
            thread::sleep(ESC_PAUSE);
        }
        Ok(())
    }

    /// Types keys in the compact notation, see [`parse_keys`].
    pub fn type_keys(&mut self, notation: &str) -> Result<(), String> {
        let keys = parse_keys(notation)?;
        // Runs of plain keys go in one write; a pause only where a sequence could merge.
        let mut pending: Vec<u8> = Vec::new();
        for key in keys {
            pending.extend(key.bytes());
            if key.needs_pause() {
                self.send_raw(&std::mem::take(&mut pending))?;
                thread::sleep(ESC_PAUSE);
            }
        }
        if pending.is_empty() {
            Ok(())
        } else {
            self.send_raw(&pending)
        }
    }

    /// Pastes `text`, with bracketed-paste markers if the program turned that mode on.
    pub fn paste(&mut self, text: &str) -> Result<(), String> {
        let bracketed = lock(&self.parser).screen().bracketed_paste();
        if bracketed {
            self.send_raw(format!("\x1b[200~{text}\x1b[201~").as_bytes())
        } else {
            self.send_keys(text)
        }
    }

    /// A left click at a 0-based cell (SGR mouse encoding, press and release).
    pub fn click(&mut self, col: u16, row: u16) -> Result<(), String> {
        let (x, y) = (col + 1, row + 1);
        self.send_raw(format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m").as_bytes())
    }

    /// The screen as text, rows separated by newlines, trailing blanks trimmed.
    pub fn screen_text(&self) -> String {
        lock(&self.parser).screen().contents()
    }

    /// Each row of the screen, padded to the full width.
    pub fn screen_rows(&self) -> Vec<String> {
        let parser = lock(&self.parser);
        let (_, cols) = parser.screen().size();
        let width = usize::from(cols.get());
        parser
            .screen()
            .rows(0, cols.get())
            .map(|row| {
                let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(row.as_str()));
                row + &" ".repeat(pad)
            })
            .collect()
    }

    /// Cursor (row, col), 0-based.
    pub fn cursor(&self) -> (u16, u16) {
        lock(&self.parser).screen().cursor_position()
    }

    /// Runs `check` on the screen until it holds or `timeout` passes; reads the screen via
    /// a closure so tests can check attributes (bold, inverse) as well as text.
    pub fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if check(lock(&self.parser).screen()) {
                return Ok(());
            }
            // Once the output is closed nothing can change: fail now, not at the deadline.
            let closed = self.output_closed.load(Ordering::SeqCst);
            if closed || Instant::now() >= deadline {
                let why = if closed {
                    "the program closed the terminal"
                } else {
                    "timed out"
                };
                return Err(format!(
                    "waiting for {what} after {timeout:?}: {why}; exit: {:?}\n{}",
                    self.try_exit_code(),
                    self.dump()
                ));
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen. The error carries a dump of the screen.
    pub fn wait_for_text(&mut self, text: &str, timeout: Duration) -> Result<(), String> {
        let needle = text.to_owned();
        self.wait_until(&format!("{text:?}"), timeout, move |screen| {
            screen.contents().contains(&needle)
        })
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_for_text_gone(&mut self, text: &str, timeout: Duration) -> Result<(), String> {
        let needle = text.to_owned();
        self.wait_until(&format!("{text:?} to go"), timeout, move |screen| {
            !screen.contents().contains(&needle)
        })
    }

    /// The screen framed for an error message.
    pub fn dump(&self) -> String {
        let rows = self.screen_rows();
        let width = rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.as_str()))
            .max()
            .unwrap_or(0);
        let mut out = format!("┌{}┐\n", "─".repeat(width));
        for row in rows {
            out.push_str(&format!("│{row}│\n"));
        }
        out.push_str(&format!(
            "└{}┘ cursor {:?}",
            "─".repeat(width),
            self.cursor()
        ));
        out
    }

    /// Resizes the terminal; the program gets SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) -> Result<(), String> {
        let (Some(r), Some(c)) = (NonZeroU16::new(rows), NonZeroU16::new(cols)) else {
            return Err("a terminal needs at least one row and column".to_owned());
        };
        lock(&self.parser).set_size(r, c);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("resize: {e}"))
    }

    /// Kills the program with SIGKILL, as a power cut or `kill -9` would: no handler runs.
    /// (portable-pty's own `kill` sends SIGHUP first, which a program may catch.)
    pub fn kill_9(&mut self) -> Result<(), String> {
        let pid = self.pid.ok_or("no process id")?;
        let pid = libc::pid_t::try_from(pid).map_err(|e| e.to_string())?;
        // SAFETY: kill(2) with a pid we spawned and have not yet reaped.
        let result = unsafe { libc::kill(pid, libc::SIGKILL) };
        if result == 0 || self.exit.is_some() {
            // The signal is delivered asynchronously: until the process is
            // gone it still holds the database's lock, and a program started
            // right after would rightly find the database in use.
            match self.wait_exit(Duration::from_secs(10)) {
                Some(_) => Ok(()),
                None => Err(format!("kill -9 {pid}: still running after 10 s")),
            }
        } else {
            Err(format!(
                "kill -9 {pid}: {}",
                std::io::Error::last_os_error()
            ))
        }
    }

    fn try_exit_code(&mut self) -> Option<u32> {
        if self.exit.is_none() {
            self.exit = self.child.try_wait().ok().flatten();
        }
        self.exit.as_ref().map(ExitStatus::exit_code)
    }

    /// Waits for the program to end; its exit code, or `None` if it is still running at
    /// `timeout`. A program killed by a signal reports code 1; see [`Pty::exit_signal`].
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(code) = self.try_exit_code() {
                return Some(code);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(POLL);
        }
    }

    /// The signal that ended the program, if one did ("Killed", "Hangup", …).
    pub fn exit_signal(&self) -> Option<&str> {
        self.exit.as_ref().and_then(ExitStatus::signal)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_exit_code().is_none() {
            let _ = self.kill_9();
            // Reap it, so no zombie outlives the test.
            let _ = self.wait_exit(Duration::from_secs(2));
        }
    }
}
