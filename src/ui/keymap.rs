//! Keys → [`Action`]s, loaded from TOML: one table per [`Mode`], key string → action name.
//!
//! The shipped maps in `keymaps/` are compiled in, so the program runs from anywhere. A user
//! file overrides them key by key; `"no_op"` unbinds. A user file with any problem is ignored
//! as a whole (the shipped map applies) and every problem is reported with its file and line:
//! half a user file would leave keys in a state nobody intended.
//!
//! The hint bar and the F1 help are generated from the live map ([`Keymap::hints`],
//! [`Keymap::help`]), so what the screen says is always what the keys do.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use toml::de::DeTable;

use crate::ui::action::{Action, Mode};
use crate::ui::catalog::{Lang, Msg, fill};

/// The keymaps shipped with the program: name and TOML text.
pub const SHIPPED: [(&str, &str); 2] = [
    ("default", include_str!("../../keymaps/default.toml")),
    ("laptop", include_str!("../../keymaps/laptop.toml")),
];

/// What `"no_op"` means in a keymap file: the key does nothing.
pub const NO_OP: &str = "no_op";

/// A key with its modifiers, normalised so that the same physical press always compares
/// equal, whichever way a file spells it or a terminal reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a key string could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyParseError {
    /// The key part is not a key: `Invalid key code '…'`.
    InvalidCode(String),
    /// A part before a `-` is not a modifier: `Invalid key modifier '…-'`.
    InvalidModifier(String),
}

impl Key {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }.normalised()
    }

    pub const fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    /// Folds the ways terminals differ: a typed character already carries its Shift
    /// ('A', '+'), Shift-Tab arrives as BackTab, and Ctrl-letter is case-blind on the wire.
    const fn normalised(self) -> Key {
        let mods = self.modifiers.intersection(
            KeyModifiers::CONTROL
                .union(KeyModifiers::ALT)
                .union(KeyModifiers::SHIFT),
        );
        match self.code {
            KeyCode::Char(c) => {
                let mods = mods.difference(KeyModifiers::SHIFT);
                let c = if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                Key {
                    code: KeyCode::Char(c),
                    modifiers: mods,
                }
            }
            KeyCode::BackTab => Key {
                code: KeyCode::BackTab,
                modifiers: mods.difference(KeyModifiers::SHIFT),
            },
            code => Key {
                code,
                modifiers: mods,
            },
        }
    }

    /// The key of a terminal event. Ctrl-H is what many terminals send for
    /// (Ctrl-)Backspace, so it counts as Backspace; keymap files cannot bind it.
    pub fn from_event(event: &KeyEvent) -> Key {
        let key = Key::new(event.code, event.modifiers);
        if key == Key::new(KeyCode::Char('h'), KeyModifiers::CONTROL) {
            return Key::plain(KeyCode::Backspace);
        }
        key
    }

    /// Reads a key string such as `f2`, `ctrl-s`, `C-s`, `alt-n`, `shift-tab`, `pgdn`, `+`, `-`.
    /// Modifier and key names are case-blind; a single character is taken as written.
    pub fn parse(s: &str) -> Result<Key, KeyParseError> {
        // A trailing "-" after a separator is the minus key itself: "-", "ctrl--".
        let (mods_part, key_part) = if s == "-" {
            ("", "-")
        } else if let Some(prefix) = s.strip_suffix("--") {
            (prefix, "-")
        } else {
            match s.rsplit_once('-') {
                Some((mods, key)) => (mods, key),
                None => ("", s),
            }
        };
        let mut modifiers = KeyModifiers::NONE;
        if !mods_part.is_empty() {
            for part in mods_part.split('-') {
                modifiers |= match part.to_ascii_lowercase().as_str() {
                    "ctrl" | "control" | "c" | "strg" => KeyModifiers::CONTROL,
                    "alt" | "a" => KeyModifiers::ALT,
                    "shift" | "s" => KeyModifiers::SHIFT,
                    _ => return Err(KeyParseError::InvalidModifier(part.to_owned())),
                };
            }
        }
        let code = parse_code(key_part)?;
        let code = match code {
            KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            // Shift with a character means a different character, and which one depends on
            // the keyboard layout: only letters are unambiguous.
            KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
                if c.is_ascii_alphabetic() {
                    KeyCode::Char(c.to_ascii_uppercase())
                } else {
                    return Err(KeyParseError::InvalidModifier("shift".to_owned()));
                }
            }
            code => code,
        };
        Ok(Key::new(code, modifiers))
    }

    /// The canonical spelling in keymap files, e.g. `ctrl-s`, `shift-tab`, `pgdn`.
    pub fn config_string(&self) -> String {
        let mut out = String::new();
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            out.push_str("ctrl-");
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            out.push_str("alt-");
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            out.push_str("shift-");
        }
        match self.code {
            KeyCode::F(n) => out.push_str(&format!("f{n}")),
            KeyCode::Char(' ') => out.push_str("space"),
            KeyCode::Char(c) => out.push(c),
            KeyCode::BackTab => out.push_str("shift-tab"),
            code => out.push_str(code_config_name(code)),
        }
        out
    }

    /// How the key is written on screen: `F2`, `Strg+S`, `Umschalt+Tab`, `Bild↓`, `+`.
    pub fn display(&self, lang: Lang) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(3);
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            parts.push(Msg::KeyCtrl.text(lang).to_owned());
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            parts.push(Msg::KeyAlt.text(lang).to_owned());
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) || self.code == KeyCode::BackTab {
            parts.push(Msg::KeyShift.text(lang).to_owned());
        }
        let name = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => Msg::KeySpace.text(lang).to_owned(),
            KeyCode::Char(c) => c.to_uppercase().collect(),
            KeyCode::Enter => Msg::KeyEnter.text(lang).to_owned(),
            KeyCode::Esc => Msg::KeyEsc.text(lang).to_owned(),
            KeyCode::Tab | KeyCode::BackTab => Msg::KeyTab.text(lang).to_owned(),
            KeyCode::Backspace => Msg::KeyBackspace.text(lang).to_owned(),
            KeyCode::Delete => Msg::KeyDelete.text(lang).to_owned(),
            KeyCode::Insert => Msg::KeyInsert.text(lang).to_owned(),
            KeyCode::Home => Msg::KeyHome.text(lang).to_owned(),
            KeyCode::End => Msg::KeyEnd.text(lang).to_owned(),
            KeyCode::PageUp => Msg::KeyPageUp.text(lang).to_owned(),
            KeyCode::PageDown => Msg::KeyPageDown.text(lang).to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            code => code_config_name(code).to_owned(),
        };
        parts.push(name);
        parts.join("+")
    }

    /// A printable character with no modifier that would change its meaning: this key types.
    fn types_text(&self) -> bool {
        matches!(self.code, KeyCode::Char(c) if !c.is_control())
            && (self.modifiers.is_empty()
                // AltGr arrives as Ctrl+Alt on Windows: '@', '€', '{' on a German keyboard.
                || self.modifiers == KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// The key a terminal sends the same bytes for, if this one cannot be told apart.
    fn indistinct_from(&self) -> Option<&'static str> {
        if self.modifiers != KeyModifiers::CONTROL {
            return None;
        }
        match self.code {
            KeyCode::Char('i') => Some("tab"),
            KeyCode::Char('m') => Some("enter"),
            KeyCode::Char('[') => Some("esc"),
            KeyCode::Char('h') => Some("backspace"),
            _ => None,
        }
    }
}

fn parse_code(s: &str) -> Result<KeyCode, KeyParseError> {
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_control() {
            return Err(KeyParseError::InvalidCode(s.to_owned()));
        }
        return Ok(KeyCode::Char(c));
    }
    let lower = s.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "ret" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" | "bs" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" | "page_up" => KeyCode::PageUp,
        "pgdn" | "pgdown" | "pagedown" | "page_down" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "space" => KeyCode::Char(' '),
        "minus" => KeyCode::Char('-'),
        "plus" => KeyCode::Char('+'),
        other => match other.strip_prefix('f').map(str::parse::<u8>) {
            Some(Ok(n)) if (1..=12).contains(&n) => KeyCode::F(n),
            _ => return Err(KeyParseError::InvalidCode(s.to_owned())),
        },
    };
    Ok(code)
}

fn code_config_name(code: KeyCode) -> &'static str {
    match code {
        KeyCode::Enter => "enter",
        KeyCode::Esc => "esc",
        KeyCode::Tab => "tab",
        KeyCode::Backspace => "backspace",
        KeyCode::Delete => "delete",
        KeyCode::Insert => "insert",
        KeyCode::Up => "up",
        KeyCode::Down => "down",
        KeyCode::Left => "left",
        KeyCode::Right => "right",
        KeyCode::PageUp => "pgup",
        KeyCode::PageDown => "pgdn",
        KeyCode::Home => "home",
        KeyCode::End => "end",
        _ => "?",
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.config_string())
    }
}

/// What is wrong with one entry (or the whole) of a keymap file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Unreadable(String),
    Syntax(String),
    UnknownKeymap(String),
    NoMode(String),
    NotATable(String),
    NotAString,
    InvalidKeyCode(String),
    InvalidModifier(String),
    NoAction(String),
    Conflict {
        key: String,
        mode: Mode,
        other_line: usize,
    },
    NeededForTyping {
        key: String,
        mode: Mode,
    },
    Indistinct {
        key: String,
        same_as: &'static str,
    },
    /// Quit or lock unreachable in a mode: staff could not leave or lock.
    NoKeyLeft {
        action: &'static str,
        mode: Mode,
    },
}

/// A problem in a keymap file, where it is, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapProblem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the file as a whole (unreadable, unknown name).
    pub line: usize,
    pub kind: ProblemKind,
}

impl KeymapProblem {
    /// The message alone, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let known_modes = Mode::ALL.map(Mode::name).join(", ");
        let known_maps = SHIPPED.map(|(name, _)| name).join(", ");
        match &self.kind {
            ProblemKind::Unreadable(detail) => {
                fill(Msg::KeymapUnreadable, lang, &[("detail", detail)])
            }
            ProblemKind::Syntax(detail) => fill(Msg::KeymapSyntax, lang, &[("detail", detail)]),
            // The name comes from a setting of any length: a line, not a page.
            ProblemKind::UnknownKeymap(name) => fill(
                Msg::KeymapUnknownName,
                lang,
                &[
                    ("name", &crate::text::sanitize::fit(name, 40)),
                    ("known", &known_maps),
                ],
            ),
            ProblemKind::NoMode(mode) => fill(
                Msg::KeymapNoMode,
                lang,
                &[("mode", mode), ("known", &known_modes)],
            ),
            ProblemKind::NotATable(name) => fill(Msg::KeymapNotATable, lang, &[("name", name)]),
            ProblemKind::NotAString => Msg::KeymapNotAString.text(lang).to_owned(),
            ProblemKind::InvalidKeyCode(key) => {
                fill(Msg::KeymapInvalidKeyCode, lang, &[("key", key)])
            }
            ProblemKind::InvalidModifier(modifier) => {
                fill(Msg::KeymapInvalidModifier, lang, &[("modifier", modifier)])
            }
            ProblemKind::NoAction(action) => fill(Msg::KeymapNoAction, lang, &[("action", action)]),
            ProblemKind::Conflict {
                key,
                mode,
                other_line,
            } => fill(
                Msg::KeymapConflict,
                lang,
                &[
                    ("key", key),
                    ("mode", mode.name()),
                    ("other_line", &other_line.to_string()),
                ],
            ),
            ProblemKind::NeededForTyping { key, mode } => fill(
                Msg::KeymapNeededForTyping,
                lang,
                &[("key", key), ("mode", mode.name())],
            ),
            ProblemKind::Indistinct { key, same_as } => fill(
                Msg::KeymapIndistinct,
                lang,
                &[("key", key), ("same_as", same_as)],
            ),
            ProblemKind::NoKeyLeft { action, mode } => fill(
                Msg::KeymapNoKeyLeft,
                lang,
                &[("action", action), ("mode", mode.name())],
            ),
        }
    }

    /// File, line and message, in `lang`, as shown at start.
    pub fn describe(&self, lang: Lang) -> String {
        let file = self.file.display().to_string();
        let message = self.message(lang);
        if self.line == 0 {
            format!("{file}: {message}")
        } else {
            fill(
                Msg::KeymapProblemLine,
                lang,
                &[
                    ("file", &file),
                    ("line", &self.line.to_string()),
                    ("message", &message),
                ],
            )
        }
    }
}

impl fmt::Display for KeymapProblem {
    /// English, for logs and stderr.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for KeymapProblem {}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    key: Key,
    /// `None`: explicitly unbound (`"no_op"`), which also hides the global binding.
    action: Option<Action>,
}

/// One parsed entry of a file, before it is merged.
#[derive(Debug, Clone)]
struct Entry {
    mode: Mode,
    key: Key,
    action: Option<Action>,
}

/// The live key bindings: one table per mode, in file order (the first key bound to an
/// action is the one the hint bar shows).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keymap {
    tables: [Vec<Binding>; Mode::ALL.len()],
}

impl Keymap {
    /// The shipped map `name` (`default` or `laptop`), overridden by `user_file`.
    ///
    /// A `user_file` that does not exist is no problem: most people never write one.
    /// A user file with any problem is not applied at all; the problems say why.
    pub fn load(name: &str, user_file: Option<&Path>) -> (Keymap, Vec<KeymapProblem>) {
        let mut problems = Vec::new();
        let (name, source) = match SHIPPED.iter().find(|(shipped, _)| *shipped == name) {
            Some(found) => *found,
            None => {
                problems.push(KeymapProblem {
                    file: PathBuf::from(crate::text::sanitize::fit(name, 40).as_ref()),
                    line: 0,
                    kind: ProblemKind::UnknownKeymap(name.to_owned()),
                });
                SHIPPED[0]
            }
        };
        let shipped_path = PathBuf::from(format!("keymaps/{name}.toml"));
        let mut keymap = Keymap::default();
        match parse_file(source, &shipped_path) {
            Ok(entries) => keymap.apply(entries),
            Err(mut found) => problems.append(&mut found),
        }

        if let Some(path) = user_file {
            match std::fs::read_to_string(path) {
                Ok(text) => match parse_file(&text, path) {
                    Ok(entries) => {
                        let mut changed = keymap.clone();
                        changed.apply(entries);
                        let mut found = changed.unreachable_essentials(path);
                        if found.is_empty() {
                            keymap = changed;
                        } else {
                            problems.append(&mut found);
                        }
                    }
                    Err(mut found) => problems.append(&mut found),
                },
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => problems.push(KeymapProblem {
                    file: path.to_path_buf(),
                    line: 0,
                    kind: ProblemKind::Unreadable(err.to_string()),
                }),
            }
        }
        (keymap, problems)
    }

    /// A map from TOML text alone, without the shipped defaults underneath.
    pub fn from_toml(source: &str, file: &Path) -> Result<Keymap, Vec<KeymapProblem>> {
        let entries = parse_file(source, file)?;
        let mut keymap = Keymap::default();
        keymap.apply(entries);
        Ok(keymap)
    }

    /// Quit and lock must have a key in every mode: a user file that takes
    /// the last one away would leave the desk open, or impossible to leave.
    fn unreachable_essentials(&self, file: &Path) -> Vec<KeymapProblem> {
        let mut problems = Vec::new();
        for action in [Action::Quit, Action::Lock] {
            // One line an action: without a global key every mode lacks it.
            if let Some(mode) = Mode::ALL
                .into_iter()
                .find(|mode| self.keys_of(*mode, &action).is_empty())
            {
                problems.push(KeymapProblem {
                    file: file.to_path_buf(),
                    line: 0,
                    kind: ProblemKind::NoKeyLeft {
                        action: action.name().unwrap_or("?"),
                        mode,
                    },
                });
            }
        }
        problems
    }

    fn table(&self, mode: Mode) -> &[Binding] {
        &self.tables[mode as usize]
    }

    fn apply(&mut self, entries: Vec<Entry>) {
        for Entry { mode, key, action } in entries {
            let table = &mut self.tables[mode as usize];
            let existing = table.iter().position(|b| b.key == key);
            match (existing, action) {
                // Unbinding in global leaves nothing to fall back to: just remove it.
                (Some(pos), None) if mode == Mode::Global => {
                    table.remove(pos);
                }
                (Some(pos), action) => table[pos].action = action,
                (None, None) if mode == Mode::Global => {}
                (None, action) => table.push(Binding { key, action }),
            }
        }
    }

    fn lookup(&self, mode: Mode, key: Key) -> Option<Option<&Action>> {
        let find = |m: Mode| {
            self.table(m)
                .iter()
                .find(|b| b.key == key)
                .map(|b| b.action.as_ref())
        };
        find(mode).or_else(|| {
            if mode == Mode::Global {
                None
            } else {
                find(Mode::Global)
            }
        })
    }

    /// The action for a key press in `mode`: the mode's table first, then `global`; an
    /// unbound printable character is typed text ([`Action::Input`]). Key releases are
    /// ignored, so terminals that report them do not act twice.
    pub fn action_for(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(event);
        match self.lookup(mode, key) {
            Some(action) => action.cloned(),
            None => match key.code {
                KeyCode::Char(c) if key.types_text() => Some(Action::Input(c)),
                _ => None,
            },
        }
    }

    /// Any terminal event as an action: keys through the map, paste, left click, resize.
    pub fn action_for_event(&self, mode: Mode, event: &Event) -> Option<Action> {
        match event {
            Event::Key(key) => self.action_for(mode, key),
            Event::Paste(text) => Some(Action::Paste(text.clone())),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                    col: mouse.column,
                    row: mouse.row,
                }),
                _ => None,
            },
            Event::Resize(cols, rows) => Some(Action::Resize {
                cols: *cols,
                rows: *rows,
            }),
            Event::FocusGained | Event::FocusLost => None,
        }
    }

    /// The keys that trigger `action` in `mode`, best first (the mode's own, then global
    /// ones the mode does not hide).
    pub fn keys_of(&self, mode: Mode, action: &Action) -> Vec<Key> {
        let mut keys: Vec<Key> = self
            .table(mode)
            .iter()
            .filter(|b| b.action.as_ref() == Some(action))
            .map(|b| b.key)
            .collect();
        if mode != Mode::Global {
            for b in self.table(Mode::Global) {
                let hidden = self.table(mode).iter().any(|own| own.key == b.key);
                if b.action.as_ref() == Some(action) && !hidden {
                    keys.push(b.key);
                }
            }
        }
        keys
    }

    /// [`Keymap::keys_of`] written for the screen: `F2`, `Strg+S` / `Ctrl+S`.
    pub fn keys_for(&self, mode: Mode, action: &Action, lang: Lang) -> Vec<String> {
        self.keys_of(mode, action)
            .iter()
            .map(|key| key.display(lang))
            .collect()
    }

    /// Key and label for each of `actions` that has a key in `mode`, for the hint bar.
    /// Unbound actions are left out rather than shown without a key.
    pub fn hints(&self, mode: Mode, actions: &[Action], lang: Lang) -> Vec<(String, String)> {
        actions
            .iter()
            .filter_map(|action| {
                let keys = self.keys_of(mode, action);
                let label = action.label()?.text(lang);
                // "J Yes" puzzles an English reader where "Y Yes" is bound too: a letter
                // key that spells the label's first letter wins over file order.
                let initial = label.chars().next().map(|c| c.to_lowercase().to_string());
                let key = keys
                    .iter()
                    .find(|key| {
                        key.modifiers.is_empty()
                            && matches!(key.code, KeyCode::Char(c) if Some(c.to_lowercase().to_string()) == initial)
                    })
                    .or_else(|| keys.first())?;
                Some((key.display(lang), label.to_owned()))
            })
            .collect()
    }

    /// The F1 help for a screen in `mode`: one section per table that applies (the mode's
    /// own first, then global), each line all keys of an action and its label.
    pub fn help(&self, mode: Mode, lang: Lang) -> Vec<HelpSection> {
        let modes: &[Mode] = if mode == Mode::Global {
            &[Mode::Global]
        } else {
            &[mode, Mode::Global]
        };
        modes
            .iter()
            .map(|&section_mode| {
                let mut lines: Vec<(String, String)> = Vec::new();
                for action in Action::BINDABLE {
                    let keys: Vec<String> = self
                        .table(section_mode)
                        .iter()
                        .filter(|b| b.action.as_ref() == Some(action))
                        .filter(|b| {
                            // A global key the mode hides does not work here: leave it out.
                            section_mode == mode
                                || self.table(mode).iter().all(|own| own.key != b.key)
                        })
                        .map(|b| b.key.display(lang))
                        .collect();
                    if let (false, Some(label)) = (keys.is_empty(), action.label()) {
                        lines.push((keys.join(", "), label.text(lang).to_owned()));
                    }
                }
                HelpSection {
                    heading: section_mode.help_heading().text(lang).to_owned(),
                    lines,
                }
            })
            .filter(|section| !section.lines.is_empty())
            .collect()
    }

    /// Every binding of `mode`'s own table, in order; `None` marks an unbound key.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = (Key, Option<&Action>)> {
        self.table(mode).iter().map(|b| (b.key, b.action.as_ref()))
    }
}

/// One block of the F1 help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub heading: String,
    /// Keys (comma-separated) and label.
    pub lines: Vec<(String, String)>,
}

fn line_of(source: &str, offset: usize) -> usize {
    let end = offset.min(source.len());
    source.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// All entries of one file in file order, or every problem found in it.
fn parse_file(source: &str, file: &Path) -> Result<Vec<Entry>, Vec<KeymapProblem>> {
    let problem = |offset: usize, kind: ProblemKind| KeymapProblem {
        file: file.to_path_buf(),
        line: line_of(source, offset),
        kind,
    };
    let document = match DeTable::parse(source) {
        Ok(document) => document,
        Err(err) => {
            let offset = err.span().map_or(0, |span| span.start);
            return Err(vec![problem(
                offset,
                ProblemKind::Syntax(err.message().to_owned()),
            )]);
        }
    };

    let mut problems = Vec::new();
    let mut entries = Vec::new();
    let mut tables: Vec<_> = document.get_ref().iter().collect();
    tables.sort_by_key(|(name, _)| name.span().start);
    for (name, value) in tables {
        let Some(mode) = Mode::from_name(name.get_ref()) else {
            problems.push(problem(
                name.span().start,
                ProblemKind::NoMode(name.get_ref().to_string()),
            ));
            continue;
        };
        let Some(table) = value.get_ref().as_table() else {
            problems.push(problem(
                name.span().start,
                ProblemKind::NotATable(name.get_ref().to_string()),
            ));
            continue;
        };
        let mut rows: Vec<_> = table.iter().collect();
        rows.sort_by_key(|(key, _)| key.span().start);
        let mut seen: HashMap<Key, usize> = HashMap::new();
        for (key_text, action_value) in rows {
            let offset = key_text.span().start;
            let line = line_of(source, offset);
            let key = match Key::parse(key_text.get_ref()) {
                Ok(key) => key,
                Err(KeyParseError::InvalidCode(code)) => {
                    problems.push(problem(offset, ProblemKind::InvalidKeyCode(code)));
                    continue;
                }
                Err(KeyParseError::InvalidModifier(modifier)) => {
                    problems.push(problem(offset, ProblemKind::InvalidModifier(modifier)));
                    continue;
                }
            };
            let written = key_text.get_ref().to_string();
            if let Some(same_as) = key.indistinct_from() {
                problems.push(problem(
                    offset,
                    ProblemKind::Indistinct {
                        key: written,
                        same_as,
                    },
                ));
                continue;
            }
            // Global bindings apply in forms too, so neither may take a key that types.
            if key.types_text() && (mode.types_text() || mode == Mode::Global) {
                problems.push(problem(
                    offset,
                    ProblemKind::NeededForTyping {
                        key: written,
                        mode: Mode::Form,
                    },
                ));
                continue;
            }
            let action = match action_value.get_ref().as_str() {
                None => {
                    problems.push(problem(action_value.span().start, ProblemKind::NotAString));
                    continue;
                }
                Some(NO_OP) => None,
                Some(action_name) => match Action::from_name(action_name) {
                    Some(action) => Some(action),
                    None => {
                        problems.push(problem(
                            action_value.span().start,
                            ProblemKind::NoAction(action_name.to_owned()),
                        ));
                        continue;
                    }
                },
            };
            if let Some(&other_line) = seen.get(&key) {
                problems.push(problem(
                    offset,
                    ProblemKind::Conflict {
                        key: written,
                        mode,
                        other_line,
                    },
                ));
                continue;
            }
            seen.insert(key, line);
            entries.push(Entry { mode, key, action });
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn key_strings() {
        assert_eq!(key("f2"), Key::plain(KeyCode::F(2)));
        assert_eq!(key("F12"), Key::plain(KeyCode::F(12)));
        assert_eq!(
            key("ctrl-s"),
            Key::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
        );
        assert_eq!(key("C-s"), key("ctrl-s"));
        assert_eq!(key("Strg-S"), key("ctrl-s"));
        assert_eq!(
            key("alt-n"),
            Key::new(KeyCode::Char('n'), KeyModifiers::ALT)
        );
        assert_eq!(key("shift-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(key("S-tab"), Key::plain(KeyCode::BackTab));
        assert_eq!(key("pgup"), key("page_up"));
        assert_eq!(key("pgdn"), Key::plain(KeyCode::PageDown));
        assert_eq!(key("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(key("+"), Key::plain(KeyCode::Char('+')));
        assert_eq!(key("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(
            key("alt--"),
            Key::new(KeyCode::Char('-'), KeyModifiers::ALT)
        );
        assert_eq!(
            key("ctrl-delete"),
            Key::new(KeyCode::Delete, KeyModifiers::CONTROL)
        );
        assert_eq!(key("shift-a"), Key::plain(KeyCode::Char('A')));
        assert_eq!(
            key("ctrl-h"),
            Key::new(KeyCode::Char('h'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            Key::from_event(&press(KeyCode::Char('h'), KeyModifiers::CONTROL)),
            Key::plain(KeyCode::Backspace)
        );
    }

    #[test]
    fn bad_key_strings_say_what_is_wrong() {
        assert_eq!(
            Key::parse("f13"),
            Err(KeyParseError::InvalidCode("f13".into()))
        );
        assert_eq!(
            Key::parse("ctrl-foo"),
            Err(KeyParseError::InvalidCode("foo".into()))
        );
        assert_eq!(
            Key::parse("cmd-s"),
            Err(KeyParseError::InvalidModifier("cmd".into()))
        );
        assert_eq!(Key::parse(""), Err(KeyParseError::InvalidCode("".into())));
        assert_eq!(
            Key::parse("shift-1"),
            Err(KeyParseError::InvalidModifier("shift".into()))
        );
    }

    #[test]
    fn config_strings_round_trip() {
        for s in [
            "f1",
            "ctrl-s",
            "alt-n",
            "shift-tab",
            "pgdn",
            "space",
            "+",
            "-",
            "alt--",
            "enter",
            "ctrl-delete",
            "alt-left",
            "shift-up",
        ] {
            let k = key(s);
            assert_eq!(key(&k.config_string()), k, "{s}");
        }
    }

    #[test]
    fn display_depends_on_language() {
        assert_eq!(key("ctrl-s").display(Lang::De), "Strg+S");
        assert_eq!(key("ctrl-s").display(Lang::En), "Ctrl+S");
        assert_eq!(key("f2").display(Lang::De), "F2");
        assert_eq!(key("shift-tab").display(Lang::De), "Umschalt+Tab");
        assert_eq!(key("pgdn").display(Lang::De), "Bild↓");
        assert_eq!(key("pgdn").display(Lang::En), "PgDn");
        assert_eq!(key("home").display(Lang::De), "Pos1");
        assert_eq!(key("+").display(Lang::De), "+");
        assert_eq!(key("alt-1").display(Lang::En), "Alt+1");
    }

    #[test]
    fn terminal_quirks_are_folded() {
        let (map, problems) = Keymap::load("default", None);
        assert!(problems.is_empty());
        // Shift-Tab as crossterm reports it.
        assert_eq!(
            map.action_for(Mode::Form, &press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevField)
        );
        // '+' typed with Shift on a US keyboard.
        assert_eq!(
            map.action_for(Mode::Tally, &press(KeyCode::Char('+'), KeyModifiers::SHIFT)),
            Some(Action::TallyAddSelected)
        );
        // Caps Lock on while pressing Ctrl-S.
        assert_eq!(
            map.action_for(
                Mode::Form,
                &press(KeyCode::Char('S'), KeyModifiers::CONTROL)
            ),
            Some(Action::Save)
        );
        // Typed text in a form, including AltGr characters.
        assert_eq!(
            map.action_for(Mode::Form, &press(KeyCode::Char('م'), KeyModifiers::NONE)),
            Some(Action::Input('م'))
        );
        assert_eq!(
            map.action_for(
                Mode::Form,
                &press(
                    KeyCode::Char('@'),
                    KeyModifiers::CONTROL | KeyModifiers::ALT
                )
            ),
            Some(Action::Input('@'))
        );
        assert_eq!(
            map.action_for(Mode::Form, &press(KeyCode::Char('E'), KeyModifiers::SHIFT)),
            Some(Action::Input('E'))
        );
        // Releases do nothing.
        let mut release = press(KeyCode::F(2), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(map.action_for(Mode::Global, &release), None);
        // An unbound control key is not text.
        assert_eq!(
            map.action_for(
                Mode::Form,
                &press(KeyCode::Char('y'), KeyModifiers::CONTROL)
            ),
            None
        );
    }

    #[test]
    fn mode_table_wins_over_global() {
        let (map, _) = Keymap::load("default", None);
        let pgdn = press(KeyCode::PageDown, KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Form, &pgdn), Some(Action::NextStep));
        assert_eq!(map.action_for(Mode::List, &pgdn), Some(Action::PageDown));
        let f2 = press(KeyCode::F(2), KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Tally, &f2), Some(Action::NewIntake));
    }

    #[test]
    fn no_op_unbinds_and_hides_global() {
        let source =
            "[global]\n\"f10\" = \"quit\"\n\"f2\" = \"new_intake\"\n[form]\n\"f10\" = \"no_op\"\n";
        let mut map = Keymap::from_toml(source, Path::new("t.toml")).unwrap();
        let f10 = press(KeyCode::F(10), KeyModifiers::NONE);
        assert_eq!(map.action_for(Mode::Form, &f10), None);
        assert_eq!(map.action_for(Mode::List, &f10), Some(Action::Quit));
        assert!(map.keys_of(Mode::Form, &Action::Quit).is_empty());
        map.apply(vec![Entry {
            mode: Mode::Global,
            key: key("f2"),
            action: None,
        }]);
        assert_eq!(
            map.action_for(Mode::Global, &press(KeyCode::F(2), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn printable_keys_cannot_be_taken_from_typing() {
        let err = Keymap::from_toml("[form]\n\"a\" = \"save\"\n", Path::new("t.toml")).unwrap_err();
        assert!(matches!(err[0].kind, ProblemKind::NeededForTyping { .. }));
        let err = Keymap::from_toml("[global]\n\"space\" = \"toggle\"\n", Path::new("t.toml"))
            .unwrap_err();
        assert!(matches!(err[0].kind, ProblemKind::NeededForTyping { .. }));
        assert!(Keymap::from_toml("[list]\n\"space\" = \"toggle\"\n", Path::new("t.toml")).is_ok());
        let err = Keymap::from_toml("[global]\n\"ctrl-i\" = \"save\"\n", Path::new("t.toml"))
            .unwrap_err();
        assert_eq!(
            err[0].message(Lang::En),
            "Key 'ctrl-i' cannot be told apart from 'tab' in a terminal"
        );
    }

    #[test]
    fn problems_read_like_helix() {
        let source = "[global]\n\"f99\" = \"help\"\n\"hyper-x\" = \"help\"\n\"f3\" = \"hepl\"\n\"f4\" = 3\n[forms]\n";
        let err = Keymap::from_toml(source, Path::new("user.toml")).unwrap_err();
        let messages: Vec<String> = err.iter().map(|p| p.message(Lang::En)).collect();
        assert_eq!(
            messages,
            [
                "Invalid key code 'f99'",
                "Invalid key modifier 'hyper-'",
                "No action named 'hepl'",
                "Expected an action name in quotes",
                "No mode named 'forms' (known: global, list, form, tally, dialog, view)",
            ]
        );
        assert_eq!(
            err[0].to_string(),
            "user.toml, line 2: Invalid key code 'f99'"
        );
        assert_eq!(
            err[0].describe(Lang::De),
            "user.toml, Zeile 2: Ungültiger Tastenname 'f99'"
        );
    }

    #[test]
    fn syntax_errors_carry_their_line() {
        let err = Keymap::from_toml(
            "[global]\n\"f1\" = \"help\"\n\"f2\" = \n",
            Path::new("u.toml"),
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].line, 3);
        assert!(matches!(err[0].kind, ProblemKind::Syntax(_)));
    }

    #[test]
    fn unknown_keymap_name_falls_back_to_default() {
        let (map, problems) = Keymap::load("gaming", None);
        assert_eq!(problems.len(), 1);
        assert_eq!(map, Keymap::load("default", None).0);
    }

    #[test]
    fn missing_user_file_is_fine() {
        let (_, problems) = Keymap::load("default", Some(Path::new("/nonexistent/mila/keys.toml")));
        assert!(problems.is_empty());
    }

    #[test]
    fn hints_follow_the_live_map() {
        let (map, _) = Keymap::load("default", None);
        let hints = map.hints(
            Mode::Form,
            &[Action::Help, Action::Save, Action::NextStep, Action::Print],
            Lang::De,
        );
        assert_eq!(
            hints,
            [
                ("F1".to_owned(), "Hilfe".to_owned()),
                ("Strg+S".to_owned(), "Speichern".to_owned()),
                ("Bild↓".to_owned(), "Nächste Seite".to_owned()),
                ("Strg+P".to_owned(), "Drucken".to_owned()),
            ]
        );
        let (laptop, _) = Keymap::load("laptop", None);
        assert_eq!(
            laptop.hints(Mode::Global, &[Action::Help], Lang::En),
            [("Ctrl+G".to_owned(), "Help".to_owned())]
        );
    }

    #[test]
    fn help_lists_mode_then_global_without_hidden_keys() {
        let (map, _) = Keymap::load("default", None);
        let help = map.help(Mode::Form, Lang::De);
        assert_eq!(help.len(), 2);
        assert_eq!(help[0].heading, "In Formularen");
        assert_eq!(help[1].heading, "Überall");
        // PgDn means "next page" in forms, so the global "page down" must not claim it.
        assert!(
            !help[1]
                .lines
                .iter()
                .any(|(keys, label)| keys.contains("Bild↓") && label == "Seite runter")
        );
        assert!(
            help[0]
                .lines
                .iter()
                .any(|(keys, label)| keys.contains("Bild↓") && label == "Nächste Seite")
        );
    }
}
