//! What a key press means, independent of which key it was.
//!
//! Screens receive `Action`s, never raw keys; the keymap translates. The names written in
//! keymap files are the snake_case variant names (`new_intake`, `tally_add_1`). A misspelt name
//! is an error, never a silent catch-all. Internal actions (ticks, resizes, typed text, pastes,
//! clicks) are `#[serde(skip)]`, so no file can bind them.

use serde::{Deserialize, Serialize};

use crate::ui::catalog::Msg;

macro_rules! bindable_actions {
    ($($(#[$doc:meta])* $variant:ident = $name:literal => $label:ident,)*) => {
        /// Something the user asked for.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        pub enum Action {
            $($(#[$doc])* $variant,)*

            /// Time passed (message bar expiry, idle lock). Sent by the event loop.
            #[serde(skip)]
            Tick,
            /// The terminal changed size.
            #[serde(skip)]
            Resize { cols: u16, rows: u16 },
            /// A printable character was typed and no binding claimed it.
            #[serde(skip)]
            Input(char),
            /// Text arrived through bracketed paste.
            #[serde(skip)]
            Paste(String),
            /// The left mouse button was pressed at this cell.
            #[serde(skip)]
            Click { col: u16, row: u16 },
        }

        impl Action {
            /// Every action a keymap file may bind, in the order of the F1 help.
            pub const BINDABLE: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in keymap files, or `None` for internal actions.
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    $(Action::$variant => Some($name),)*
                    Action::Tick
                    | Action::Resize { .. }
                    | Action::Input(_)
                    | Action::Paste(_)
                    | Action::Click { .. } => None,
                }
            }

            /// The label in the hint bar and the F1 help, or `None` for internal actions.
            pub fn label(&self) -> Option<Msg> {
                match self {
                    $(Action::$variant => Some(Msg::$label),)*
                    Action::Tick
                    | Action::Resize { .. }
                    | Action::Input(_)
                    | Action::Paste(_)
                    | Action::Click { .. } => None,
                }
            }
        }
    };
}

bindable_actions! {
    // Global: switch between the main screens. F-keys, like Midnight Commander.
    /// Show the keys of the current screen (F1).
    Help = "help" => ActHelp,
    /// Start the intake checklist for a new visitor (F2).
    NewIntake = "new_intake" => ActNewIntake,
    /// Find a registered visitor (F3).
    FindVisitor = "find_visitor" => ActFindVisitor,
    /// Check visitors in to today's sessions (F4).
    CheckIn = "check_in" => ActCheckIn,
    /// Count anonymous heads at a session (F5).
    Tally = "tally" => ActTally,
    /// Today's summary and period reports (F6).
    DaySummary = "day_summary" => ActDaySummary,
    /// Offerings and their sessions (F7).
    Offerings = "offerings" => ActOfferings,
    /// Reference lists, staff accounts, audit log, retention (F8).
    Admin = "admin" => ActAdmin,
    /// Lock the program now (F12).
    Lock = "lock" => ActLock,
    /// Leave the program (F10).
    Quit = "quit" => ActQuit,

    // Moving around.
    /// Close, cancel, go back one level (Esc).
    Back = "back" => ActBack,
    /// Accept, open, press the focused button (Enter).
    Confirm = "confirm" => ActConfirm,
    NextField = "next_field" => ActNextField,
    PrevField = "prev_field" => ActPrevField,
    Up = "up" => ActUp,
    Down = "down" => ActDown,
    Left = "left" => ActLeft,
    Right = "right" => ActRight,
    PageUp = "page_up" => ActPageUp,
    PageDown = "page_down" => ActPageDown,
    /// First row of a list, start of a text field (Home).
    First = "first" => ActFirst,
    /// Last row of a list, end of a text field (End).
    Last = "last" => ActLast,
    Save = "save" => ActSave,
    /// Tick or untick the focused checkbox.
    Toggle = "toggle" => ActToggle,
    Undo = "undo" => ActUndo,

    // Editing text.
    DeleteBack = "delete_back" => ActDeleteBack,
    DeleteForward = "delete_forward" => ActDeleteForward,
    WordLeft = "word_left" => ActWordLeft,
    WordRight = "word_right" => ActWordRight,
    ClearField = "clear_field" => ActClearField,
    /// Next page of a multi-page form such as the intake.
    NextStep = "next_step" => ActNextStep,
    /// Previous page of a multi-page form.
    PrevStep = "prev_step" => ActPrevStep,
    /// Mark an optional answer as "not asked" (distinct from empty).
    AnswerNotAsked = "answer_not_asked" => ActAnswerNotAsked,
    /// Mark an optional answer as "unknown".
    AnswerUnknown = "answer_unknown" => ActAnswerUnknown,
    /// Mark an optional answer as "declined to say".
    AnswerDeclined = "answer_declined" => ActAnswerDeclined,

    // Tally. The selected row is the obvious way (arrows, then + or -); the numbered actions
    // are for speed when people stream in. (serde's snake_case would write `tally_add1`.)
    TallyAddSelected = "tally_add_selected" => ActTallyAddSelected,
    TallyRemoveSelected = "tally_remove_selected" => ActTallyRemoveSelected,
    #[serde(rename = "tally_add_1")]
    TallyAdd1 = "tally_add_1" => ActTallyAdd1,
    #[serde(rename = "tally_add_2")]
    TallyAdd2 = "tally_add_2" => ActTallyAdd2,
    #[serde(rename = "tally_add_3")]
    TallyAdd3 = "tally_add_3" => ActTallyAdd3,
    #[serde(rename = "tally_add_4")]
    TallyAdd4 = "tally_add_4" => ActTallyAdd4,
    #[serde(rename = "tally_remove_1")]
    TallyRemove1 = "tally_remove_1" => ActTallyRemove1,
    #[serde(rename = "tally_remove_2")]
    TallyRemove2 = "tally_remove_2" => ActTallyRemove2,
    #[serde(rename = "tally_remove_3")]
    TallyRemove3 = "tally_remove_3" => ActTallyRemove3,
    #[serde(rename = "tally_remove_4")]
    TallyRemove4 = "tally_remove_4" => ActTallyRemove4,
    /// Close the session being counted or checked in to, with a note.
    CloseSession = "close_session" => ActCloseSession,
    /// Cancel the selected session (it did not take place); asks first.
    CancelSession = "cancel_session" => ActCancelSession,
    /// Open a closed or cancelled session again (coordinator); asks first.
    ReopenSession = "reopen_session" => ActReopenSession,

    // Reports.
    Print = "print" => ActPrint,
    SaveFile = "save_file" => ActSaveFile,
    PrevDay = "prev_day" => ActPrevDay,
    NextDay = "next_day" => ActNextDay,
    Export = "export" => ActExport,
    /// Day summary: attendance lists with names on or off (coordinator; audited).
    NamesList = "names_list" => ActNamesList,
    /// From the day summary to the period report (coordinator).
    PeriodReport = "period_report" => ActPeriodReport,
    /// Period report: the table or the charts.
    Chart = "chart" => ActChart,

    // Lists that the coordinator edits.
    NewItem = "new_item" => ActNewItem,
    EditItem = "edit_item" => ActEditItem,
    ArchiveItem = "archive_item" => ActArchiveItem,
    /// Erase a record for good (with a confirmation that defaults to "No").
    Erase = "erase" => ActErase,

    // Yes/no questions.
    Yes = "yes" => ActYes,
    No = "no" => ActNo,

    // Sprachvermittlung (issue 16): the list of mediation requests, a new
    // request from the visitor card, and how a request ended.
    Requests = "requests" => ActRequests,
    Pool = "pool" => ActPool,
    MediationRequest = "mediation_request" => ActMediationRequest,
    MarkDone = "mark_done" => ActMarkDone,
    MarkNotMet = "mark_not_met" => ActMarkNotMet,
}

impl Action {
    /// The bindable action called `name` in a keymap file.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .find(|action| action.name() == Some(name))
            .cloned()
    }

    /// The tally row (1-based) an action adds to or removes from, with +1 or -1.
    pub fn tally_delta(&self) -> Option<(usize, i8)> {
        match self {
            Action::TallyAdd1 => Some((1, 1)),
            Action::TallyAdd2 => Some((2, 1)),
            Action::TallyAdd3 => Some((3, 1)),
            Action::TallyAdd4 => Some((4, 1)),
            Action::TallyRemove1 => Some((1, -1)),
            Action::TallyRemove2 => Some((2, -1)),
            Action::TallyRemove3 => Some((3, -1)),
            Action::TallyRemove4 => Some((4, -1)),
            _ => None,
        }
    }
}

/// Which table of the keymap applies. A screen (or its focused widget) declares its mode;
/// a key is looked up in that mode's table first, then in `global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Mode {
    /// Always in force unless the mode's own table binds the key.
    Global,
    /// Browsing a list: visitors, sessions, reference lists.
    List,
    /// Typing into fields. Printable keys always type, so no table may bind them here.
    Form,
    /// Counting heads at a session.
    Tally,
    /// A modal question (yes/no).
    Dialog,
    /// Reading a report or help page.
    View,
}

impl Mode {
    pub const ALL: [Mode; 6] = [
        Mode::Global,
        Mode::List,
        Mode::Form,
        Mode::Tally,
        Mode::Dialog,
        Mode::View,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::List => "list",
            Mode::Form => "form",
            Mode::Tally => "tally",
            Mode::Dialog => "dialog",
            Mode::View => "view",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|mode| mode.name() == name)
    }

    /// The heading of this mode's section in the F1 help.
    pub fn help_heading(self) -> Msg {
        match self {
            Mode::Global => Msg::HelpModeGlobal,
            Mode::List => Msg::HelpModeList,
            Mode::Form => Msg::HelpModeForm,
            Mode::Tally => Msg::HelpModeTally,
            Mode::Dialog => Msg::HelpModeDialog,
            Mode::View => Msg::HelpModeView,
        }
    }

    /// Whether printable keys must reach the focused text field in this mode.
    pub fn types_text(self) -> bool {
        matches!(self, Mode::Form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as ValueError, StrDeserializer};

    fn serde_name(action: &Action) -> String {
        serde_json::to_value(action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    #[test]
    fn names_agree_with_serde() {
        for action in Action::BINDABLE {
            let name = action.name().unwrap();
            assert_eq!(serde_name(action), name);
            let de: StrDeserializer<'_, ValueError> = name.into_deserializer();
            assert_eq!(&Action::deserialize(de).unwrap(), action);
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = Action::BINDABLE.iter().filter_map(Action::name).collect();
        let total = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), total);
    }

    #[test]
    fn internal_actions_cannot_be_named_in_a_file() {
        for name in [
            "tick", "resize", "input", "paste", "click", "no_op", "Help", "hepl",
        ] {
            let de: StrDeserializer<'_, ValueError> = name.into_deserializer();
            assert!(Action::deserialize(de).is_err(), "{name}");
            assert_eq!(Action::from_name(name), None, "{name}");
        }
        assert_eq!(Action::Input('a').name(), None);
        assert_eq!(Action::Paste("x".into()).label(), None);
    }

    #[test]
    fn every_bindable_action_has_a_label() {
        for action in Action::BINDABLE {
            assert!(action.label().is_some(), "{action:?}");
        }
    }

    #[test]
    fn modes_round_trip_through_serde() {
        for mode in Mode::ALL {
            let json = serde_json::to_value(mode).unwrap();
            assert_eq!(json.as_str(), Some(mode.name()));
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Mode::from_name("forms"), None);
    }
}
