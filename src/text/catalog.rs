//! The one string catalog: every word the program shows to staff, in German (the default)
//! and English.
//!
//! Adding a message is one line inside `catalog!` below, both languages side by side, so a
//! translation can never be forgotten: `MyMessage => "Deutsch" / "English",`. Arguments are
//! written `{name}` and filled with [`fill`].

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

/// The language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
pub enum Lang {
    /// German: the staff's language, and the default.
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The code used in settings and on the command line: `de` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is neither `de` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language '{0}' (known: de, en)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts `de`/`en` in any case, and locale forms such as `de_DE.UTF-8` or `en-GB`, so
    /// that `LANG` can be passed straight in.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let prefix: String = s
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        match prefix.as_str() {
            "de" => Ok(Lang::De),
            "en" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

macro_rules! catalog {
    ($($(#[$doc:meta])* $id:ident => $de:literal / $en:literal,)*) => {
        /// A message of the catalog. Its text depends on the [`Lang`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$doc])* $id,)*
        }

        impl Msg {
            /// Every message, for tests that check the catalog as a whole.
            pub const ALL: &'static [Msg] = &[$(Msg::$id,)*];

            /// The text in `lang`, with its `{placeholders}` unfilled.
            pub const fn text(self, lang: Lang) -> &'static str {
                match self {
                    $(Msg::$id => match lang {
                        Lang::De => $de,
                        Lang::En => $en,
                    },)*
                }
            }
        }
    };
}

catalog! {
    // The frame around every screen.
    AppTitle => "MiLA Desk" / "MiLA Desk",
    FrameTitle => "MiLA Desk – {screen}" / "MiLA Desk – {screen}",
    SignedInAs => "Angemeldet: {user}" / "Signed in: {user}",
    WindowTooSmall => "Fenster zu klein – bitte auf mindestens {min_cols}×{min_rows} vergrößern"
        / "Window too small – please enlarge it to at least {min_cols}×{min_rows}",
    WindowSizeNow => "Jetzt: {cols}×{rows}" / "Now: {cols}×{rows}",

    // Dialogs and fields.
    Yes => "Ja" / "Yes",
    No => "Nein" / "No",
    ConfirmTitle => "Bitte bestätigen" / "Please confirm",
    InputTooLong => "Eingabe zu lang (max. {max} Zeichen)" / "Input too long (max. {max} characters)",
    PressAnyKey => "Weiter mit einer beliebigen Taste" / "Press any key to continue",

    // F1 help.
    HelpTitle => "Hilfe – Tasten" / "Help – keys",
    HelpModeGlobal => "Überall" / "Everywhere",
    HelpModeList => "In Listen" / "In lists",
    HelpModeForm => "In Formularen" / "In forms",
    HelpModeTally => "Beim Zählen" / "When counting",
    HelpModeDialog => "In Rückfragen" / "In questions",
    HelpModeView => "In Übersichten" / "In overviews",

    // Key names as printed on the keyboards in use.
    KeyCtrl => "Strg" / "Ctrl",
    KeyAlt => "Alt" / "Alt",
    KeyShift => "Umschalt" / "Shift",
    KeyEnter => "Enter" / "Enter",
    KeyEsc => "Esc" / "Esc",
    KeyTab => "Tab" / "Tab",
    KeyBackspace => "Rücktaste" / "Backspace",
    KeyDelete => "Entf" / "Del",
    KeyInsert => "Einfg" / "Ins",
    KeyHome => "Pos1" / "Home",
    KeyEnd => "Ende" / "End",
    KeyPageUp => "Bild↑" / "PgUp",
    KeyPageDown => "Bild↓" / "PgDn",
    KeySpace => "Leertaste" / "Space",

    // Problems in a keymap file; the English texts follow helix's wording.
    KeymapInvalidKeyCode => "Ungültiger Tastenname '{key}'" / "Invalid key code '{key}'",
    KeymapInvalidModifier => "Ungültige Zusatztaste '{modifier}-'" / "Invalid key modifier '{modifier}-'",
    KeymapNoAction => "Keine Aktion namens '{action}'" / "No action named '{action}'",
    KeymapNoMode => "Kein Bereich namens '{mode}' (bekannt: {known})" / "No mode named '{mode}' (known: {known})",
    KeymapConflict => "Taste '{key}' ist in [{mode}] doppelt belegt (auch Zeile {other_line})"
        / "Key '{key}' is bound twice in [{mode}] (also line {other_line})",
    KeymapNotAString => "Hier gehört ein Aktionsname in Anführungszeichen hin" / "Expected an action name in quotes",
    KeymapNotATable => "'{name}' muss ein Abschnitt sein, z. B. [global]" / "'{name}' must be a table, e.g. [global]",
    KeymapNeededForTyping => "Taste '{key}' wird in [{mode}] zum Schreiben gebraucht"
        / "Key '{key}' is needed for typing in [{mode}]",
    KeymapIndistinct => "Taste '{key}' ist im Terminal nicht von '{same_as}' zu unterscheiden"
        / "Key '{key}' cannot be told apart from '{same_as}' in a terminal",
    KeymapSyntax => "Fehler im TOML: {detail}" / "TOML error: {detail}",
    KeymapUnreadable => "Datei kann nicht gelesen werden: {detail}" / "Cannot read the file: {detail}",
    KeymapUnknownName => "Keine Tastenbelegung namens '{name}' (bekannt: {known})"
        / "No keymap named '{name}' (known: {known})",
    KeymapProblemLine => "{file}, Zeile {line}: {message}" / "{file}, line {line}: {message}",
    KeymapFallback => "Die Tastenbelegung in {file} enthält Fehler; es gilt die Standardbelegung."
        / "The key bindings in {file} have errors; the default bindings are used.",

    // Action labels: the hint bar and F1 help. Short, because ten share one line.
    ActHelp => "Hilfe" / "Help",
    ActNewIntake => "Aufnahme" / "Intake",
    ActFindVisitor => "Suchen" / "Find",
    ActCheckIn => "Einchecken" / "Check in",
    ActTally => "Zählen" / "Count",
    ActDaySummary => "Übersicht" / "Summary",
    ActOfferings => "Angebote" / "Offerings",
    ActAdmin => "Verwaltung" / "Admin",
    ActLock => "Sperren" / "Lock",
    ActQuit => "Beenden" / "Quit",
    ActBack => "Zurück" / "Back",
    ActConfirm => "OK" / "OK",
    ActNextField => "Nächstes Feld" / "Next field",
    ActPrevField => "Voriges Feld" / "Previous field",
    ActUp => "Nach oben" / "Up",
    ActDown => "Nach unten" / "Down",
    ActLeft => "Nach links" / "Left",
    ActRight => "Nach rechts" / "Right",
    ActPageUp => "Seite hoch" / "Page up",
    ActPageDown => "Seite runter" / "Page down",
    ActFirst => "Zum Anfang" / "To the start",
    ActLast => "Zum Ende" / "To the end",
    ActSave => "Speichern" / "Save",
    ActToggle => "Ankreuzen" / "Tick",
    ActDeleteBack => "Zeichen links löschen" / "Delete left",
    ActDeleteForward => "Zeichen rechts löschen" / "Delete right",
    ActWordLeft => "Wort zurück" / "Word left",
    ActWordRight => "Wort vor" / "Word right",
    ActClearField => "Feld leeren" / "Clear field",
    ActNextStep => "Nächste Seite" / "Next page",
    ActPrevStep => "Vorige Seite" / "Previous page",
    ActUndo => "Rückgängig" / "Undo",
    ActTallyAddSelected => "+1" / "+1",
    ActTallyRemoveSelected => "−1" / "−1",
    ActTallyAdd1 => "Zeile 1 +1" / "Row 1 +1",
    ActTallyAdd2 => "Zeile 2 +1" / "Row 2 +1",
    ActTallyAdd3 => "Zeile 3 +1" / "Row 3 +1",
    ActTallyAdd4 => "Zeile 4 +1" / "Row 4 +1",
    ActTallyRemove1 => "Zeile 1 −1" / "Row 1 −1",
    ActTallyRemove2 => "Zeile 2 −1" / "Row 2 −1",
    ActTallyRemove3 => "Zeile 3 −1" / "Row 3 −1",
    ActTallyRemove4 => "Zeile 4 −1" / "Row 4 −1",
    ActAnswerNotAsked => "nicht gefragt" / "not asked",
    ActAnswerUnknown => "unbekannt" / "unknown",
    ActAnswerDeclined => "keine Angabe" / "declined",
    ActPrint => "Drucken" / "Print",
    ActSaveFile => "Als Datei" / "Save as file",
    ActPrevDay => "Vortag" / "Previous day",
    ActNextDay => "Folgetag" / "Next day",
    ActNewItem => "Neu" / "New",
    ActEditItem => "Bearbeiten" / "Edit",
    ActArchiveItem => "Archivieren" / "Archive",
    ActErase => "Endgültig löschen" / "Erase",
    ActExport => "Exportieren" / "Export",
    ActYes => "Ja" / "Yes",
    ActNo => "Nein" / "No",

    // First-run setup.
    SetupTitle => "Ersteinrichtung" / "First-time setup",
    SetupIntro => "Willkommen bei MiLA Desk. Es gibt noch keine Datenbank: Legen Sie hier das Konto der Koordination an."
        / "Welcome to MiLA Desk. There is no database yet: create the coordinator's account here.",
    SetupFile => "Datenbank: {path}" / "Database: {path}",
    SetupLanguage => "Sprache" / "Language",
    LangGerman => "Deutsch" / "Deutsch",
    LangEnglish => "English" / "English",
    SetupUser => "Benutzername der Koordination" / "Coordinator's user name",
    FieldPassphrase => "Passphrase" / "Passphrase",
    FieldPassphraseRepeat => "Passphrase wiederholen" / "Repeat the passphrase",
    StrengthEmpty => "Tipp: ein Satz aus mehreren Wörtern" / "Tip: a sentence of several words",
    StrengthWeak => "Stärke: zu schwach – mindestens {min} Zeichen" / "Strength: too weak – at least {min} characters",
    StrengthFair => "Stärke: mittel – länger ist sicherer" / "Strength: fair – longer is safer",
    StrengthGood => "Stärke: gut" / "Strength: good",
    SetupMismatch => "Die Passphrasen stimmen nicht überein." / "The passphrases differ.",
    SetupUserInvalid => "Benutzername: 1 bis {max} Buchstaben, Ziffern, Punkt, Binde- oder Unterstrich, keine Leerzeichen."
        / "User name: 1 to {max} letters, digits, dots, hyphens or underscores, no spaces.",
    SetupCreate => "Datenbank anlegen" / "Create database",
    SetupCreating => "Datenbank wird angelegt, bitte warten …" / "Creating the database, please wait …",
    SetupSaveLangFailed => "Die Spracheinstellung konnte nicht gespeichert werden: {detail}"
        / "The language setting could not be saved: {detail}",

    // Signing in and locking.
    LoginTitle => "Anmelden" / "Sign in",
    LockedTitle => "Gesperrt" / "Locked",
    LoginIntro => "Bitte melden Sie sich mit Benutzername und Passphrase an." / "Please sign in with your user name and passphrase.",
    LockedIntro => "MiLA Desk ist gesperrt. Zum Entsperren die Passphrase eingeben." / "MiLA Desk is locked. Enter the passphrase to unlock.",
    FieldUser => "Benutzername" / "User name",
    LoginButton => "Anmelden" / "Sign in",
    LoginChecking => "Anmeldung wird geprüft, bitte warten …" / "Checking, please wait …",
    LoginMissing => "Bitte Benutzername und Passphrase eingeben." / "Please enter user name and passphrase.",
    LoginWrong => "Benutzername oder Passphrase falsch. Bitte erneut versuchen." / "Wrong user name or passphrase. Please try again.",
    LockedNow => "Gesperrt. Persönliche Daten wurden aus dem Speicher entfernt." / "Locked. Personal data was removed from memory.",
    LockedDiscarded => "Gesperrt. Nicht gespeicherte Eingaben wurden dabei verworfen." / "Locked. Unsaved input was discarded with it.",
    Welcome => "Willkommen, {user}." / "Welcome, {user}.",

    // Home.
    HomeTitle => "Start" / "Home",
    HomeSessions => "Termine heute" / "Today's sessions",
    HomeNoSessions => "Heute sind keine Termine geplant." / "No sessions today.",
    HomeCounts => "Neue Aufnahmen: {new}   Check-ins: {checkins}   Gezählt: {tallied}"
        / "New intakes: {new}   Check-ins: {checkins}   Counted: {tallied}",
    HomeActions => "Was möchten Sie tun?" / "What would you like to do?",
    HomeVolunteerNote => "Ehrenamtliche sehen keine Namen: Einchecken mit der Besuchsnummer."
        / "Volunteers see no names: check visitors in by their visitor number.",
    ColTime => "Zeit" / "Time",
    ColOffering => "Angebot" / "Offering",
    ColCheckins => "Eingecheckt" / "Checked in",
    ColTallied => "Gezählt" / "Counted",
    ColTotal => "Gesamt" / "Total",
    SessionClosed => "geschlossen" / "closed",
    SessionCancelled => "abgesagt" / "cancelled",
    NotForRole => "Diese Funktion steht Ihrer Rolle nicht zur Verfügung." / "This is not available to your role.",
    DiscardQuestion => "Ungespeicherte Eingaben verwerfen?" / "Discard unsaved input?",

    // Screens shown instead of the program when it cannot start.
    NoticeInUseTitle => "Datenbank wird bereits benutzt" / "Database in use",
    NoticeInUse => "Die Datenbank {path} ist schon in einem anderen MiLA-Desk-Fenster geöffnet. Bitte dort weiterarbeiten, oder das andere Fenster schließen und MiLA Desk neu starten."
        / "The database {path} is already open in another MiLA Desk window. Continue there, or close the other window and start MiLA Desk again.",
    NoticeDamagedTitle => "Datenbank beschädigt" / "Database damaged",
    NoticeDamaged => "Die Datenbankdatei {path} ist beschädigt und kann nicht geöffnet werden. Sie wurde nicht verändert. Bitte die Koordination verständigen: Sie spielt die letzte Sicherung ein (mila restore)."
        / "The database file {path} is damaged and cannot be opened. It was not changed. Please tell the coordinator, who restores the latest backup (mila restore).",
    NoticeForeignTitle => "Keine MiLA-Desk-Datenbank" / "Not a MiLA Desk database",
    NoticeForeign => "{path} ist keine MiLA-Desk-Datenbank. Die Datei wurde nicht verändert. Bitte den Pfad prüfen (--db oder MILA_DB)."
        / "{path} is not a MiLA Desk database. The file was not changed. Please check the path (--db or MILA_DB).",
    NoticeTooNewTitle => "Neuere Datenbank" / "Newer database",
    NoticeTooNew => "Die Datenbank {path} wurde von einer neueren Version von MiLA Desk geschrieben. Bitte MiLA Desk aktualisieren."
        / "The database {path} was written by a newer version of MiLA Desk. Please update MiLA Desk.",
    NoticeIoTitle => "Datenbank nicht lesbar" / "Database unreadable",
    NoticeIo => "Die Datenbank {path} kann nicht geöffnet werden: {detail}" / "The database {path} cannot be opened: {detail}",
    NoticeExit => "Mit einer beliebigen Taste beenden." / "Press any key to exit.",
    NoticeCrashed => "MiLA Desk wurde wegen eines internen Fehlers beendet. Zuletzt bestätigte Eingaben sind gespeichert."
        / "MiLA Desk stopped because of an internal error. Everything confirmed before is saved.",
    StartupProblemsTitle => "Hinweise zum Start" / "Notes at start",
    ConfigProblem => "Einstellungen {file}, Zeile {line}: {message} – es gelten die Standardwerte."
        / "Settings {file}, line {line}: {message} – the defaults are used.",

    // Intake, duplicate check, find, visitor card, check-in, reference lists (issue 4).
    // (add lines for these screens directly below this comment)
    RefTitle => "Auswahllisten" / "Reference lists",
    RefHousing => "Unterkünfte" / "Housing units",
    RefLanguages => "Sprachen" / "Languages",
    RefNeeds => "Bedarfe" / "Needs",
    RefNationalities => "Staatsangehörigkeiten" / "Nationalities",
    RefTallyCategories => "Zählkategorien" / "Tally categories",
    RefIntro => "◀ ▶ wechselt die Liste. Wird ein Eintrag noch verwendet, wird er beim Entfernen nur archiviert; archivierte lassen sich wiederherstellen. Bei Unterkünften schaltet Ankreuzen „Gemeinschaftsunterkunft“ um."
        / "◀ ▶ switches the list. An entry still in use is only archived when removed; archived ones can be restored. For housing units, Tick switches “shared accommodation”.",
    RefEmpty => "Diese Liste ist leer." / "This list is empty.",
    RefArchived => "(archiviert)" / "(archived)",
    RefShared => "Gemeinschaftsunterkunft" / "shared accommodation",
    RefNewLabel => "Neuer Eintrag" / "New entry",
    RefRenameLabel => "Neuer Name" / "New name",
    RefEditHint => "Enter speichert, Esc bricht ab." / "Enter saves, Esc cancels.",
    RefLabelEmpty => "Bitte eine Bezeichnung eingeben." / "Please enter a label.",
    RefLabelDuplicate => "Diesen Eintrag gibt es schon in der Liste." / "This entry is already in the list.",
    RefSaved => "„{label}“ gespeichert." / "“{label}” saved.",
    RefRemoveQuestion => "„{label}“ entfernen? Wird der Eintrag noch verwendet, wird er nur archiviert."
        / "Remove “{label}”? If the entry is still in use, it is only archived.",
    RefDeleted => "„{label}“ gelöscht (wurde nirgends verwendet)." / "“{label}” deleted (it was not used anywhere).",
    RefArchivedNow => "„{label}“ wird noch verwendet und wurde archiviert." / "“{label}” is still in use and was archived.",
    RefChecking => "Es wird geprüft, ob der Eintrag noch verwendet wird, bitte warten …" / "Checking whether the entry is still in use, please wait …",
    RefRestored => "„{label}“ ist wieder auswählbar." / "“{label}” can be chosen again.",

    // Find visitor and visitor card (issue 4, find; card actions of issue 7).
    FindTitle => "Besucher*in suchen" / "Find visitor",
    FindLabel => "Suche" / "Search",
    FindIntro => "Name in jeder Schrift, Besuchsnummer (42 oder M-0042) oder Telefonnummer. Pfeiltasten wählen, Enter öffnet die Karte."
        / "Name in any script, visitor number (42 or M-0042) or phone number. Arrows choose, Enter opens the card.",
    FindColNumber => "Nummer" / "Number",
    FindColName => "Name" / "Name",
    FindColLatin => "Lateinisch" / "Latin",
    FindColBorn => "Jahrgang" / "Born",
    FindCount => "{count} Treffer, beste zuerst" / "{count} matches, best first",
    FindMore => "Die besten {count} Treffer – genauer suchen, um weitere zu sehen" / "The best {count} matches – type more to see others",
    FindNone => "Niemand gefunden." / "Nobody found.",
    FindNoIndex => "Die Besucherdaten sind nicht geladen; bitte sperren (F12) und neu anmelden." / "The visitor data is not loaded; please lock (F12) and sign in again.",
    CardTitle => "Besucherkarte {number}" / "Visitor card {number}",
    CardIncomplete => "Kurzaufnahme – bitte beim nächsten Besuch vervollständigen" / "Short intake – please complete on the next visit",
    CardPersonal => "Persönliche Daten" / "Personal data",
    CardVisits => "Besuche" / "Visits",
    CardNoVisits => "Noch keine Besuche." / "No visits yet.",
    CardNone => "keine" / "none",
    CardStoreAtMila => "Speichern bei MiLA" / "Storing at MiLA",
    CardLines => "Zeilen {from}–{to} von {total}" / "Lines {from}–{to} of {total}",
    CardEraseQuestion => "Alle persönlichen Daten von {number} endgültig löschen? Das kann nicht rückgängig gemacht werden; die Besuche bleiben als anonyme Zahlen."
        / "Erase all personal data of {number} for good? This cannot be undone; the visits stay as anonymous counts.",
    CardErasing => "{number} wird gelöscht und die Datei neu geschrieben, bitte warten …" / "Erasing {number} and rewriting the file, please wait …",
    CardErased => "{number} gelöscht. Es bleiben: Nummer, Registrierungstag, anonyme Besuche."
        / "{number} erased. Kept: the number, its registration day, anonymous visits.",
    CardExported => "Auskunft gespeichert: {json} und {text}" / "Access export saved: {json} and {text}",
    // Intake checklist and duplicate check (INTAKE).
    IntakeTitle => "Erstaufnahme" / "Intake",
    IntakeEditTitle => "Daten ändern – {number}" / "Change data – {number}",
    IntakeStepOf => "Schritt {n} von {m}: {name}" / "Step {n} of {m}: {name}",
    IntakeStepConsent => "Einwilligung" / "Consent",
    IntakeStepPerson => "Person" / "Person",
    IntakeStepLanguages => "Sprachen" / "Languages",
    IntakeStepHousing => "Unterkunft" / "Housing",
    IntakeStepHousehold => "Haushalt" / "Household",
    IntakeStepNeeds => "Bedarfe" / "Needs",
    IntakeStepReferrals => "Vermittlungen" / "Referrals",
    IntakeStepConfirm => "Bestätigen" / "Confirm",
    IntakeIntroConsent => "←/→ wählt, Leertaste kreuzt an. Ohne Ja zum Speichern wird nichts gespeichert."
        / "←/→ choose, Space ticks. Without a yes to storing, nothing is stored.",
    IntakeIntroPerson => "Name in eigener Schrift und lateinisch; Auswahl mit ←/→ oder Buchstaben."
        / "The name in the person's own script and in Latin; choose with ←/→ or letters.",
    IntakeIntroLanguages => "Gesprochene Sprachen ankreuzen (Leertaste)." / "Tick the languages spoken (Space).",
    IntakeIntroHousing => "Unterkunft mit Pfeiltasten suchen, mit Leertaste wählen." / "Find the housing with the arrows, choose it with Space.",
    IntakeIntroHousehold => "Familienmitglied suchen (Name oder Nummer), mit Enter verbinden." / "Find a family member (name or number), link with Enter.",
    IntakeIntroNeeds => "Bedarfe ankreuzen (Leertaste)." / "Tick the needs (Space).",
    IntakeIntroReferrals => "Vermittlungen zu Angeboten ankreuzen (Leertaste)." / "Tick referrals to offerings (Space).",
    IntakeIntroConfirm => "Bitte prüfen; Enter speichert." / "Please check; Enter saves.",
    IntakeExplainedIn => "Erklärt auf" / "Explained in",
    IntakeStoreConsent => "Speichern bei MiLA" / "Storing at MiLA",
    IntakePartners => "Weitergabe an" / "Pass contact to",
    IntakeName => "Name" / "Name",
    IntakeNameLatin => "Name lateinisch" / "Name in Latin",
    IntakeBirth => "Geburtsdatum" / "Birth date",
    IntakeGender => "Geschlecht" / "Gender",
    IntakePhone => "Telefon" / "Phone",
    IntakeNationality => "Staatsangehörigkeit" / "Nationality",
    IntakeLanguages => "Sprachen" / "Languages",
    IntakeGermanLevel => "Deutschkenntnisse" / "German level",
    IntakeInterpreter => "Dolmetschen nötig" / "Interpreter needed",
    IntakeHousing => "Unterkunft" / "Housing",
    IntakeHouseholdSearch => "Suche" / "Search",
    IntakeHouseholdNoHits => "Niemand gefunden." / "Nobody found.",
    IntakeHouseholdNone => "Kein Familienmitglied verbunden." / "No family member linked.",
    IntakeHouseholdPicked => "Verbunden mit: {visitor}" / "Linked to: {visitor}",
    IntakeHouseholdUnlink => "(Rücktaste im leeren Suchfeld löst die Verbindung)" / "(Backspace in the empty search field removes the link)",
    IntakeRegisterNextLabel => "Familie" / "Family",
    IntakeRegisterNext => "Familienmitglieder gleich danach aufnehmen" / "Register family members next",
    IntakeNeeds => "Bedarfe" / "Needs",
    IntakeReferrals => "Vermittlungen" / "Referrals",
    IntakeMarkNotAsked => "nicht gefragt" / "not asked",
    IntakeMarkUnknown => "unbekannt" / "unknown",
    IntakeMarkDeclined => "keine Angabe" / "declined to say",
    IntakeNotChosen => "(nicht gewählt)" / "(not chosen)",
    IntakeNameRequired => "Bitte einen Namen eingeben." / "Please enter a name.",
    // Short: it stands under the field, beside the step list, in about 38 columns at 80x24.
    IntakeBirthInvalid => "TT.MM.JJJJ oder nur das Jahr." / "YYYY-MM-DD or just the year.",
    IntakeConsentRequired => "Bitte Ja oder Nein wählen (←/→)." / "Please choose Yes or No (←/→).",
    IntakeConsentSummary => "ja, am {date}, Fassung {version}" / "yes, on {date}, version {version}",
    IntakeConsentMissing => "nicht erteilt" / "not given",
    IntakeFixProblems => "Bitte die markierten Angaben prüfen." / "Please check the marked answers.",
    IntakeWillBeComplete => "Vollständige Aufnahme." / "Complete intake.",
    IntakeWillBeShort => "Kurzaufnahme – später vervollständigen." / "Short intake – complete it later.",
    IntakeRefused => "Keine Einwilligung: Die Aufnahme ist beendet, nichts wurde gespeichert." / "No consent: the intake has ended, nothing was stored.",
    IntakeDupTitle => "Ist die Person schon registriert?" / "Is this person registered already?",
    IntakeDupIntro => "Diese Besucher*innen haben einen ähnlichen Namen und dasselbe Geburtsjahr. Dieselbe Person wählen, oder eine neue Person anlegen."
        / "These visitors have a similar name and the same birth year. Choose the same person, or create a new person.",
    IntakeDupSame => "Dieselbe Person: {visitor}" / "Same person: {visitor}",
    IntakeDupNew => "Neue Person – trotzdem anlegen" / "New person – create anyway",
    IntakeSamePerson => "Schon registriert als {number}; nichts neu angelegt." / "Registered already as {number}; nothing new was created.",
    IntakeSaved => "Gespeichert: {number}." / "Saved: {number}.",
    IntakeSavedCheckedIn => "Gespeichert als {number} und eingecheckt: {session}." / "Saved as {number} and checked in: {session}.",
    IntakeSavedNotCheckedIn => "Gespeichert als {number}, aber nicht eingecheckt: {detail}" / "Saved as {number}, but not checked in: {detail}",
    IntakeExistingCheckedIn => "Nichts neu angelegt; {number} eingecheckt: {session}." / "Nothing new created; {number} checked in: {session}.",
    IntakeUpdated => "Änderungen an {number} gespeichert." / "Changes to {number} saved.",
    IntakeDoneTitle => "Gespeichert. Die Besuchsnummer:" / "Saved. The visitor number:",
    IntakeDoneNumber => "Besuchsnummer {number}" / "Visitor number {number}",
    IntakeDoneWriteCard => "Bitte die Nummer auf die Besuchskarte schreiben." / "Please write the number on the visitor card.",
    IntakeDoneShort => "Kurzaufnahme: beim nächsten Besuch vervollständigen." / "Short intake: complete it on the next visit.",
    IntakeDoneClose => "Enter: fertig" / "Enter: done",
    IntakeDoneNextFamily => "Enter: nächstes Familienmitglied aufnehmen" / "Enter: register the next family member",
    IntakePendingTitle => "Unvollständige Aufnahmen ({count}) – Tab, dann Enter zum Vervollständigen" / "Incomplete intakes ({count}) – Tab, then Enter to complete",

    // Tally, offerings and sessions (issue 5).
    // (add lines for these screens directly below this comment)
    OfferHintWeekdays => "←/→ wählt den Tag, Leertaste kreuzt an." / "←/→ choose a day, Space ticks it.",
    OfferHintTally => "↑/↓ wählt, Leertaste kreuzt an." / "↑/↓ choose, Space ticks.",
    ActCancelSession => "Termin absagen" / "Cancel session",
    ActReopenSession => "Wieder öffnen" / "Reopen",
    SessionHeaderNote => "Abschlussnotiz: {note}" / "Closing note: {note}",
    OfferSavedTodayMoved => "Angebot gespeichert; heutiger Termin jetzt {time}, Zählung bleibt."
        / "Offering saved; today's session is now {time}, counts kept.",
    // Check-in, quick tally and closing a session (ATTEND).
    ActCloseSession => "Termin schließen" / "Close session",
    PickSessionTitle => "Termin wählen" / "Choose a session",
    PickSessionIntro => "Termine heute – mit ↑/↓ wählen, Enter öffnet:" / "Today's sessions – choose with ↑/↓, Enter opens:",
    PickSessionAddOneOff => "Einen Einzeltermin anlegen: {key} Angebote, dann Tab zu „Termine“."
        / "To add a one-off session: {key} Offerings, then Tab to “Sessions”.",
    SessionOpen => "offen" / "open",
    SessionLine => "{time}  {title}" / "{time}  {title}",
    SessionCounts => "Eingecheckt: {checkins}   Gezählt: {tallied}   Gesamt: {total}"
        / "Checked in: {checkins}   Counted: {tallied}   Total: {total}",
    SessionReadOnly => "Dieser Termin ist {state}: nur die Koordination kann noch etwas ändern."
        / "This session is {state}: only the coordinator can still change it.",
    CheckInTitle => "Einchecken" / "Check in",
    CheckInField => "Name oder Nummer" / "Name or number",
    CheckInFieldNumber => "Besuchsnummer" / "Visitor number",
    CheckInHelp => "Tippen, mit ↑/↓ wählen, Enter checkt ein." / "Type, choose with ↑/↓, Enter checks in.",
    CheckInHelpNumber => "Nummer eingeben (z. B. 42 oder M-0042), Enter checkt ein." / "Type the number (e.g. 42 or M-0042), Enter checks in.",
    CheckInFound => "Gefunden" / "Found",
    CheckInNoHits => "Niemand gefunden. Noch nicht registriert? {key}: Aufnahme" / "Nobody found. Not registered yet? {key}: intake",
    CheckInList => "Eingecheckt ({count})" / "Checked in ({count})",
    CheckInNobody => "Noch niemand eingecheckt." / "Nobody checked in yet.",
    CheckInAlreadyMark => "✓ schon da" / "✓ already in",
    CheckInDone => "{who} eingecheckt." / "{who} checked in.",
    CheckInDoneMany => "{count} Personen eingecheckt: {who}." / "{count} people checked in: {who}.",
    CheckInAlready => "{who} ist schon eingecheckt – wird nicht doppelt gezählt." / "{who} is already checked in – not counted twice.",
    CheckInBadNumber => "Keine gültige Besuchsnummer (z. B. 42 oder M-0042)." / "Not a visitor number (e.g. 42 or M-0042).",
    CheckInUndone => "Check-in zurückgenommen: {who}." / "Check-in undone: {who}.",
    CheckInNothingToUndo => "Nichts zum Rückgängigmachen." / "Nothing to undo.",
    HouseholdTitle => "Mit Familie einchecken" / "Check in with family",
    HouseholdIntro => "Zum Haushalt gehören: Wer ist heute da? (Leertaste: an/aus, Enter: einchecken, Esc: abbrechen)"
        / "The household: who is here today? (Space: on/off, Enter: check in, Esc: cancel)",
    HouseholdNobody => "Bitte mindestens eine Person ankreuzen." / "Please tick at least one person.",
    TallyTitle => "Zählen" / "Count",
    TallyCheckins => "Eingecheckt" / "Checked in",
    TallyCount => "{label}: {count}" / "{label}: {count}",
    TallyTotal => "Gesamt: {total} = {checkins} eingecheckt + {tallied} gezählt" / "Total: {total} = {checkins} checked in + {tallied} counted",
    TallyExplain => "Gezählt werden nur Personen, die nicht mit Namen oder Nummer eingecheckt sind – so zählt niemand doppelt."
        / "Count only people who are not checked in by name or number – so nobody is counted twice.",
    TallyNoCategories => "Für dieses Angebot sind keine Zählkategorien festgelegt." / "This offering has no tally categories.",
    TallyNumberField => "Einchecken mit Nummer" / "Check in by number",
    TallyNumberHint => "(Tab)" / "(Tab)",
    TallyUndone => "Rückgängig: {label} {count}." / "Undone: {label} {count}.",
    CloseTitle => "Termin schließen" / "Close session",
    CloseIntro => "{title} schließen? Danach kann nur die Koordination noch etwas ändern." / "Close {title}? Afterwards only the coordinator can change it.",
    CloseNote => "Notiz" / "Note",
    CloseButton => "Schließen (Enter)" / "Close (Enter)",
    CloseDone => "Termin geschlossen." / "Session closed.",
    CloseAlready => "Dieser Termin ist schon geschlossen." / "This session is already closed.",
    OfferTitle => "Angebote" / "Offerings",
    SessionsTitle => "Termine" / "Sessions",
    OfferTabSwitch => "Tab: Angebote ↔ Termine" / "Tab: offerings ↔ sessions",
    OfferColPillar => "Säule" / "Pillar",
    OfferColPartner => "Partner" / "Partner",
    OfferColWhen => "Wann" / "When",
    OfferNone => "Noch keine Angebote." / "No offerings yet.",
    OfferArchivedMark => "(archiviert)" / "(archived)",
    OfferDetailPartner => "Partner: {partner}" / "Partner: {partner}",
    OfferDetailRoom => "Raum: {room}" / "Room: {room}",
    OfferDetailWhen => "Wiederholung: {when}" / "Recurrence: {when}",
    OfferDetailTally => "Zählkategorien: {categories}" / "Tally categories: {categories}",
    OfferArchiveQuestion => "Angebot „{name}“ archivieren? Hatte es schon Termine, bleibt es für die Berichte erhalten, sonst wird es entfernt."
        / "Archive the offering “{name}”? If it had sessions it is kept for the reports, otherwise it is removed.",
    OfferRestoreQuestion => "Angebot „{name}“ wieder aufnehmen?" / "Bring the offering “{name}” back?",
    OfferArchived => "Angebot archiviert; seine Termine bleiben in den Berichten." / "Offering archived; its sessions stay in the reports.",
    OfferRemoved => "Angebot entfernt (es hatte keine Termine)." / "Offering removed (it had no sessions).",
    OfferRestored => "Angebot wieder aufgenommen." / "Offering brought back.",
    OfferSaved => "Angebot gespeichert." / "Offering saved.",
    OfferNewTitle => "Neues Angebot" / "New offering",
    OfferEditTitle => "Angebot bearbeiten" / "Edit offering",
    FieldOfferName => "Name" / "Name",
    FieldPillar => "Säule" / "Pillar",
    FieldPartner => "Partner" / "Partner",
    FieldRoom => "Raum, Hinweis" / "Room note",
    FieldRecurrence => "Wiederholung" / "Recurrence",
    FieldWeekdays => "Wochentage" / "Weekdays",
    FieldMonthWeek => "Im Monat" / "In the month",
    FieldWeekday => "Wochentag" / "Weekday",
    FieldDate => "Datum (TT.MM.JJJJ)" / "Date (YYYY-MM-DD)",
    FieldStart => "Beginn (HH:MM)" / "Start (HH:MM)",
    FieldEnd => "Ende (HH:MM)" / "End (HH:MM)",
    FieldTally => "Zählkategorien" / "Tally categories",
    FieldSessionTitle => "Titel" / "Title",
    FieldOffering => "Angebot" / "Offering",
    FormSave => "Speichern" / "Save",
    FormCheckFields => "Bitte die markierten Felder prüfen." / "Please check the marked fields.",
    ProblemName => "Bitte einen Namen eingeben." / "Please enter a name.",
    ProblemTime => "Uhrzeit bitte als HH:MM, z. B. 09:30." / "Please write the time as HH:MM, e.g. 09:30.",
    ProblemEndBeforeStart => "Das Ende muss nach dem Beginn liegen." / "The end must be after the start.",
    ProblemDate => "Datum bitte als TT.MM.JJJJ, z. B. 04.12.2026." / "Please write the date as YYYY-MM-DD, e.g. 2026-12-04.",
    ProblemWeekdays => "Bitte mindestens einen Wochentag ankreuzen." / "Please tick at least one weekday.",
    ProblemTally => "Bitte mindestens eine Zählkategorie ankreuzen." / "Please tick at least one tally category.",
    ProblemNoOffering => "Es gibt kein Angebot, zu dem der Termin gehören kann." / "There is no offering the session could belong to.",
    RecurWeekly => "wöchentlich {days}, {start}–{end}" / "weekly {days}, {start}–{end}",
    RecurMonthly => "monatlich am {week} {weekday}, {start}–{end}" / "monthly on the {week} {weekday}, {start}–{end}",
    RecurOnce => "einmalig am {date}, {start}–{end}" / "once on {date}, {start}–{end}",
    RecurAdHoc => "nur einzelne Termine" / "single sessions only",
    RecurKindWeekly => "wöchentlich" / "weekly",
    RecurKindMonthly => "monatlich" / "monthly",
    RecurKindOnce => "einmalig" / "once",
    RecurKindAdHoc => "nur einzelne Termine" / "single sessions only",
    MonthWeek1 => "1." / "1st",
    MonthWeek2 => "2." / "2nd",
    MonthWeek3 => "3." / "3rd",
    MonthWeek4 => "4." / "4th",
    MonthWeekLast => "letzten" / "last",
    WeekdayShortMo => "Mo" / "Mo",
    WeekdayShortTu => "Di" / "Tu",
    WeekdayShortWe => "Mi" / "We",
    WeekdayShortTh => "Do" / "Th",
    WeekdayShortFr => "Fr" / "Fr",
    WeekdayShortSa => "Sa" / "Sa",
    WeekdayShortSu => "So" / "Su",
    SessionsToday => "(heute)" / "(today)",
    SessionsNone => "An diesem Tag gibt es keine Termine." / "No sessions on this day.",
    SessionsColState => "Status" / "State",
    SessionStatePlanned => "geplant" / "planned",
    SessionsLegend => "Gesamt = eingecheckt + anonym gezählt. Geplante Termine entstehen an ihrem Tag."
        / "Total = checked in + counted anonymously. Planned sessions are created on their day.",
    SessionCancelQuestion => "Termin „{title}“ am {date} um {time} absagen?" / "Cancel the session “{title}” on {date} at {time}?",
    SessionCancelledDone => "Termin abgesagt." / "Session cancelled.",
    SessionAlreadyCancelled => "Dieser Termin ist schon abgesagt." / "This session is already cancelled.",
    SessionReopenQuestion => "Termin „{title}“ wieder öffnen?" / "Open the session “{title}” again?",
    SessionReopened => "Termin wieder geöffnet." / "Session open again.",
    SessionIsOpen => "Dieser Termin ist offen." / "This session is open.",
    SessionsKeys => "{new} Einzeltermin   {cancel} absagen   {reopen} wieder öffnen   {days} anderer Tag"
        / "{new} single session   {cancel} cancel   {reopen} open again   {days} other day",
    SessionAddTitle => "Einzeltermin hinzufügen" / "Add a single session",
    SessionAddDay => "Am {date}" / "On {date}",
    SessionAdded => "Termin hinzugefügt." / "Session added.",

    // Day summary and period report screens (issue 6).
    // (add lines for these screens directly below this comment)
    ActNamesList => "Namenslisten" / "Name lists",
    ActPeriodReport => "Zeitraumbericht" / "Period report",
    ActChart => "Tabelle/Grafik" / "Table/chart",
    DaySummaryTitle => "Tagesübersicht" / "Day summary",
    PeriodReportTitle => "Zeitraumbericht" / "Period report",
    ReportFieldDay => "Tag" / "Day",
    ReportFieldNote => "Notiz des Tages" / "Note of the day",
    ReportFieldFolder => "Speichern in" / "Save to",
    ReportFieldFrom => "Von" / "From",
    ReportFieldTo => "Bis" / "To",
    ReportBadDate => "Datum bitte als TT.MM.JJJJ eingeben." / "Please enter the date as YYYY-MM-DD.",
    ReportToBeforeFrom => "„Bis“ liegt vor „Von“." / "“To” is before “From”.",
    ReportNoteSaved => "Notiz des Tages gespeichert." / "Note of the day saved.",
    ReportNoteUnsaved => "Die Notiz des Tages ist noch nicht gespeichert: Strg+S speichert, Esc verwirft."
        / "The note of the day is not saved yet: Ctrl+S saves, Esc discards.",
    ReportNamesShown => "MIT NAMEN – vertraulich; der Abruf steht im Protokoll." / "WITH NAMES – confidential; this is recorded in the audit log.",
    ReportNamesHidden => "Namenslisten ausgeblendet." / "Name lists hidden.",
    ReportNamesNotSaved => "Listen mit Namen werden nur gedruckt, nicht gespeichert. Erst die Namenslisten ausblenden."
        / "Lists with names are only printed, never saved. Hide the name lists first.",
    ReportSavedAt => "Gespeichert unter {path}" / "Saved as {path}",
    ReportPrinting => "Wird gedruckt – bitte warten …" / "Printing – please wait …",
    ReportSaving => "Wird gespeichert – bitte warten …" / "Saving – please wait …",
    ReportChartOfferings => "Besuche pro Angebot" / "Visits per offering",
    ReportChartWeeks => "Besuche pro Kalenderwoche ({from} bis {to}), höchstens {max}" / "Visits per calendar week ({from} to {to}), at most {max}",
    ReportChartMore => "… und {n} weitere Angebote" / "… and {n} more offerings",
    ReportChartEmpty => "Keine Besuche in diesem Zeitraum." / "No visits in this period.",

    // Erasure, retention, access export, audit view, backups (issue 7).
    // (add lines for these screens directly below this comment)
    // A retention period of one month is allowed: "1 months" would read as a slip.
    MonthsOne => "1 Monat" / "1 month",
    MonthsMany => "{n} Monate" / "{n} months",
    // After "seit": German wants the dative plural.
    MonthsSinceMany => "{n} Monaten" / "{n} months",
    // The desk logs offerings and sessions by number in English words; these say it in the UI's.
    AuditDetailOffering => "Angebot {n}" / "offering {n}",
    AuditDetailSession => "Termin {n} {what}" / "session {n} {what}",
    AuditSessionAdded => "hinzugefügt" / "added",
    AuditSessionCancelled => "abgesagt" / "cancelled",
    AuditSessionCancelledAhead => "im Voraus abgesagt" / "cancelled ahead",
    AuditSessionClosed => "geschlossen" / "closed",
    AuditSessionReopened => "wieder geöffnet" / "reopened",
    AuditSessionMoved => "verschoben" / "moved",
    // The point first: the message bar has one line, and 80 columns cut the rest.
    ErrIo => "Dateifehler beim Lesen oder Schreiben: Nichts wurde gespeichert. Bitte MiLA Desk neu starten; der zuletzt gespeicherte Stand ist erhalten."
        / "File error while reading or writing: nothing was saved. Please restart MiLA Desk; the last saved state is intact.",
    AdminTitle => "Verwaltung" / "Administration",
    AdminIntro => "Pfeiltasten wählen, Enter öffnet." / "Arrows choose, Enter opens.",
    // Names every list, tally categories too, so nobody hunts for them; short enough for 80 columns.
    AdminReference => "Auswahllisten: Unterkünfte, Sprachen, Bedarfe, Länder, Zählkategorien"
        / "Reference lists: housing, languages, needs, countries, tally categories",
    AdminStaff => "Mitarbeitendenkonten" / "Staff accounts",
    AdminAudit => "Protokoll ansehen" / "View the audit log",
    AdminRetention => "Aufbewahrung prüfen und löschen" / "Retention review and erasure",
    AdminRetentionPeriod => "Aufbewahrungsfrist ändern (jetzt {months})" / "Change the retention period (now {months})",
    AdminBackup => "Jetzt sichern" / "Back up now",
    AdminBackupNoFolder => "Kein Sicherungsordner eingestellt: bitte „backup_folder“ in der Datei config.toml eintragen."
        / "No backup folder is set: please add “backup_folder” to the file config.toml.",
    AdminBackupRunning => "Die Sicherung wird geschrieben, bitte warten …" / "Writing the backup, please wait …",
    AdminBackupDone => "Gesichert: {path}" / "Backed up: {path}",
    AdminBackupFailed => "Sicherung nach {folder} fehlgeschlagen: {detail}" / "Backup to {folder} failed: {detail}",
    StaffTitle => "Mitarbeitendenkonten" / "Staff accounts",
    StaffIntro => "Neues Konto anlegen oder für das gewählte Konto eine neue Passphrase setzen. Die Rolle eines Kontos lässt sich nachträglich nicht ändern."
        / "Add an account, or set a new passphrase for the chosen one. An account's role cannot be changed afterwards.",
    StaffColUser => "Benutzer" / "User",
    StaffColRole => "Rolle" / "Role",
    StaffInactive => "(deaktiviert)" / "(deactivated)",
    RoleCoordinator => "Koordination" / "Coordinator",
    RoleReceptionist => "Empfang" / "Reception",
    RoleVolunteer => "Ehrenamt (ohne Namen)" / "Volunteer (no names)",
    StaffNewTitle => "Neues Konto" / "New account",
    StaffResetTitle => "Passphrase neu setzen" / "Set a new passphrase",
    StaffResetFor => "Konto: {user}" / "Account: {user}",
    StaffUser => "Benutzername" / "User name",
    StaffRole => "Rolle" / "Role",
    StaffSave => "Speichern" / "Save",
    StaffWorking => "Schlüssel wird abgeleitet, bitte warten …" / "Deriving the key, please wait …",
    StaffAdded => "Konto „{user}“ angelegt." / "Account “{user}” added.",
    StaffPassChanged => "Passphrase von „{user}“ geändert." / "Passphrase of “{user}” changed.",
    RetentionPeriodTitle => "Aufbewahrungsfrist" / "Retention period",
    RetentionPeriodIntro => "Personen, die so viele Monate nicht da waren, erscheinen in der Aufbewahrungsprüfung."
        / "People not seen for this many months are listed in the retention review.",
    RetentionPeriodField => "Monate (1 bis 120)" / "Months (1 to 120)",
    RetentionPeriodInvalid => "Bitte eine Zahl von 1 bis 120 eingeben." / "Please enter a number from 1 to 120.",
    RetentionPeriodSaved => "Aufbewahrungsfrist: {months}." / "Retention period: {months}.",
    AccessTitle => "Auskunft nach Art. 15 DSGVO – alle gespeicherten Daten" / "Access under Art. 15 GDPR – all data held",
    AccessIssued => "Erstellt {at} von {user}" / "Issued {at} by {user}",
    AccessNumber => "Besuchsnummer" / "Visitor number",
    AccessRegistered => "Registriert am" / "Registered on",
    AccessLastSeen => "Zuletzt da" / "Last seen",
    AccessHousehold => "Haushalt" / "Household",
    AccessName => "Name (eigene Schrift)" / "Name (own script)",
    AccessNameLatin => "Name (lateinisch)" / "Name (Latin)",
    AccessBirth => "Geburtsdatum" / "Birth date",
    AccessGender => "Geschlecht" / "Gender",
    AccessPhone => "Telefon" / "Phone",
    AccessNationality => "Staatsangehörigkeit" / "Nationality",
    AccessLanguages => "Sprachen" / "Languages",
    AccessGermanLevel => "Deutschkenntnisse" / "German level",
    AccessInterpreter => "Dolmetschen nötig" / "Interpreter needed",
    AccessHousing => "Unterkunft" / "Housing",
    AccessNeeds => "Bedarfe" / "Needs",
    AccessReferrals => "Vermittlungen" / "Referrals",
    AccessConsent => "Einwilligung" / "Consent",
    AccessConsentValue => "am {date}, Textfassung {version}, erklärt auf {language}" / "on {date}, text version {version}, explained in {language}",
    AccessPartners => "Weitergabe an" / "Passing contact to",
    AccessNotes => "Notizen" / "Notes",
    AccessCheckIns => "Besuche (Check-ins)" / "Visits (check-ins)",
    AccessAudit => "Protokoll: wer diesen Datensatz angelegt, gesehen oder geändert hat" / "Log: who created, viewed or changed this record",
    AnswerEmpty => "(leer)" / "(empty)",
    AuditTitle => "Protokoll" / "Audit log",
    AuditFilterUser => "Benutzer" / "User",
    AuditFilterVisitor => "Besuchsnummer" / "Visitor number",
    AuditFilterAction => "Aktion" / "Action",
    AuditFilterFrom => "von (TT.MM.JJJJ)" / "from (YYYY-MM-DD)",
    AuditFilterTo => "bis (TT.MM.JJJJ)" / "to (YYYY-MM-DD)",
    AuditAll => "alle" / "all",
    AuditColWhen => "Zeitpunkt" / "When",
    AuditColUser => "Benutzer" / "User",
    AuditColAction => "Aktion" / "Action",
    AuditColVisitor => "Nummer" / "Number",
    AuditColDetail => "Details" / "Details",
    AuditCount => "{shown} Einträge (neueste zuerst)" / "{shown} entries (newest first)",
    AuditCountOne => "1 Eintrag" / "1 entry",
    AuditMore => "{shown} Einträge (neueste zuerst) – Filter eingrenzen, um ältere zu sehen" / "{shown} entries (newest first) – narrow the filter to see older ones",
    AuditNone => "Keine Einträge für diesen Filter." / "No entries for this filter.",
    AuditBadNumber => "Keine gültige Besuchsnummer (z. B. M-0042)." / "Not a visitor number (e.g. M-0042).",
    AuditBadDate => "Kein gültiges Datum (TT.MM.JJJJ)." / "Not a valid date (YYYY-MM-DD).",
    AuditInit => "Datenbank angelegt" / "database created",
    AuditLogin => "Anmeldung" / "sign-in",
    AuditLoginFailed => "Anmeldung fehlgeschlagen" / "failed sign-in",
    AuditRegister => "angelegt" / "registered",
    AuditUpdate => "geändert" / "changed",
    AuditView => "angesehen" / "viewed",
    AuditErase => "gelöscht" / "erased",
    AuditExport => "Auskunft exportiert" / "access exported",
    AuditImport => "importiert" / "imported",
    AuditCheckIn => "eingecheckt" / "checked in",
    AuditUndoCheckIn => "Check-in zurückgenommen" / "check-in undone",
    AuditStaffAdded => "Konto angelegt" / "account added",
    AuditPassphraseChanged => "Passphrase geändert" / "passphrase changed",
    AuditOfferingChanged => "Angebot geändert" / "offering changed",
    AuditSessionChanged => "Termin geändert" / "session changed",
    AuditReferenceChanged => "Liste geändert" / "list changed",
    AuditNamesReport => "Namensliste" / "list of names",
    AuditBackup => "Sicherung" / "backup",
    AuditRestore => "Wiederherstellung" / "restore",
    RetentionTitle => "Aufbewahrung prüfen" / "Retention review",
    RetentionIntro => "Personen, die seit {months} nicht da waren, und Kurzaufnahmen, die älter als {days} Tage sind. Markieren (Leertaste) und endgültig löschen; die Besuche bleiben als anonyme Zahlen in den Statistiken."
        / "People not seen for {months}, and short intakes older than {days} days. Tick them (Space) and erase them for good; their visits stay in the statistics as anonymous counts.",
    RetentionNone => "Niemand ist zur Prüfung fällig." / "Nobody is due for review.",
    RetentionNotSeen => "zuletzt da {date}" / "last seen {date}",
    RetentionIncomplete => "Kurzaufnahme vom {date}" / "short intake of {date}",
    RetentionEraseButton => "Markierte endgültig löschen" / "Erase the ticked ones",
    RetentionConfirm => "{count} Personen endgültig löschen? Das kann nicht rückgängig gemacht werden." / "Erase {count} people for good? This cannot be undone.",
    RetentionNothingTicked => "Bitte zuerst Personen markieren (Leertaste)." / "Please tick people first (Space).",
    RetentionErasing => "Wird gelöscht und die Datei neu geschrieben, bitte warten …" / "Erasing and rewriting the file, please wait …",
    RetentionErased => "{count} Personen gelöscht." / "{count} people erased.",
    BackupTitle => "Tägliche Sicherung" / "Daily backup",
    BackupRunning => "Die Sicherung wird nach {folder} geschrieben, bitte warten …" / "Writing the backup to {folder}, please wait …",
    BackupFailedTitle => "Sicherung fehlgeschlagen" / "Backup failed",
    BackupFailed => "Die tägliche Sicherung nach {folder} ist fehlgeschlagen: {detail} Bitte den USB-Stick bzw. Ordner prüfen und die Koordination verständigen. Die Daten in MiLA Desk selbst sind vollständig gespeichert."
        / "The daily backup to {folder} failed: {detail} Please check the USB stick or folder and tell the coordinator. The data in MiLA Desk itself is completely saved.",
    AccessFileStem => "Auskunft-{number}-{date}" / "Access-{number}-{date}",
    AccessFemale => "weiblich" / "female",
    AccessMale => "männlich" / "male",
    AccessDiverse => "divers" / "diverse",
    AccessNoGerman => "keine" / "none",
    AccessPrivate => "privat" / "private",

    // Refusals of the desk, as staff read them.
    ErrDeactivated => "Dieses Konto ist deaktiviert." / "This account is deactivated.",
    ErrNoSuchVisitor => "Keine Besucher*in mit der Nummer {number}." / "No visitor with number {number}.",
    ErrErased => "Die Daten von {number} wurden gelöscht." / "The data of {number} was erased.",
    ErrNotFound => "Nicht gefunden – vielleicht inzwischen geändert. Bitte neu öffnen." / "Not found – perhaps changed meanwhile. Please open it again.",
    ErrStaffExists => "Ein Konto „{user}“ gibt es schon." / "An account “{user}” already exists.",
    ErrInvalid => "Eingabe nicht gültig ({field})." / "Input not valid ({field}).",
    ErrSessionClosed => "Dieser Termin ist geschlossen; nur die Koordination kann ihn ändern." / "This session is closed; only the coordinator can change it.",
    ErrSessionCancelled => "Dieser Termin ist abgesagt." / "This session is cancelled.",
    ErrForeignKey => "Der Schlüssel passt nicht zu dieser Datenbank." / "The key does not belong to this database.",
    ErrTampered => "Gespeicherte Daten haben die Echtheitsprüfung nicht bestanden (beschädigt oder manipuliert). Bitte die Koordination verständigen."
        / "Stored data failed its integrity check (damaged or tampered with). Please tell the coordinator.",
    ErrWeakParameters => "Die gespeicherten Schlüsselparameter sind zu schwach – die Datei wurde vermutlich manipuliert. Anmeldung verweigert."
        / "The stored key parameters are too weak – the file was probably tampered with. Sign-in refused.",
    ErrDiskFull => "Die Festplatte ist voll: Nichts wurde gespeichert. Bitte Platz schaffen und erneut versuchen."
        / "The disk is full: nothing was saved. Please free some space and try again.",
    ErrNeedsRestart => "Ein Schreibfehler ist aufgetreten: Nichts wurde gespeichert. Bitte MiLA Desk neu starten; der zuletzt gespeicherte Stand ist erhalten."
        / "A write failed: nothing was saved. Please restart MiLA Desk; the last saved state is intact.",
    ErrDamaged => "Die Datenbankdatei ist beschädigt: Nichts wurde gespeichert. Bitte die letzte Sicherung einspielen."
        / "The database file is damaged: nothing was saved. Please restore the latest backup.",
    ErrInUse => "Die Datenbank wird von einem anderen MiLA-Desk-Fenster benutzt." / "The database is used by another MiLA Desk window.",
    ErrFile => "Dateifehler: {detail}" / "File error: {detail}",
    ErrLegacyJournal => "Neben der Datenbank liegt ein Journal von MiLA Desk 0.1 ({path}); es kann gespeicherte Eingaben enthalten, die der Datenbank fehlen. Nichts wurde verändert. MiLA Desk 0.1 einmal auf diesem Rechner mit dieser Datenbank starten und normal beenden, danach diese Version starten. Das Journal nicht löschen, verschieben oder einzeln kopieren." / "A journal of MiLA Desk 0.1 lies beside the database ({path}); it may hold saved work the database lacks. Nothing was changed. Start MiLA Desk 0.1 once on this computer with this database and quit it normally, then start this version. Do not delete, move or copy the journal on its own.",
    ErrInternal => "Unerwarteter Fehler; nichts wurde gespeichert." / "Unexpected error; nothing was saved.",
    // Reports: the day summary and the period report as printed, saved and exported.
    ReportDayTitle => "MiLA – Tagesübersicht" / "MiLA – Day summary",
    ReportPeriodTitle => "MiLA – Zeitraumbericht" / "MiLA – Period report",
    ReportPage => "Seite {n} von {m}" / "Page {n} of {m}",
    ReportConfidential => "VERTRAULICH – enthält Namen" / "CONFIDENTIAL – contains names",
    ReportRange => "{from} – {to}" / "{from} – {to}",
    ReportSessions => "Termine" / "Sessions",
    ReportNoSessions => "Keine Termine an diesem Tag." / "No sessions on this day.",
    ReportColTime => "Zeit" / "Time",
    ReportColSession => "Termin" / "Session",
    ReportColState => "Status" / "State",
    ReportColRegistered => "Reg." / "Reg.",
    ReportColTallied => "Gez." / "Cnt.",
    ReportColTotal => "Ges." / "Tot.",
    ReportDayLegend => "Reg. = registriert und eingecheckt, Gez. = anonym gezählt, Ges. = zusammen"
        / "Reg. = registered and checked in, Cnt. = counted anonymously, Tot. = together",
    ReportStateOpen => "offen" / "open",
    ReportStateClosed => "geschlossen" / "closed",
    ReportStateCancelled => "abgesagt" / "cancelled",
    ReportSum => "Summe" / "Total",
    ReportSessionCount => "{count} Termine, davon {held} stattgefunden" / "{count} sessions, {held} held",
    ReportSessionNote => "Notiz: {note}" / "Note: {note}",
    ReportVisitors => "Besucher*innen" / "Visitors",
    ReportNewRegistrations => "Neu registriert" / "New registrations",
    ReportUniqueVisitors => "Verschiedene Besucher*innen (eingecheckt)" / "Different visitors (checked in)",
    ReportOfThemNew => "davon neu (an diesem Tag registriert)" / "of them new (registered that day)",
    ReportOfThemReturning => "davon wiederkehrend" / "of them returning",
    ReportNewLanguages => "Sprachen der neu Registrierten" / "Languages of new registrations",
    ReportNewNeeds => "Bedarfe der neu Registrierten" / "Needs of new registrations",
    ReportReferrals => "Vermittlungen" / "Referrals",
    ReportStaffOnDuty => "Im Dienst" / "Staff on duty",
    ReportDayNote => "Notiz des Tages" / "Note of the day",
    ReportNone => "keine" / "none",
    ReportAttendanceList => "Anwesenheitsliste" / "Attendance list",
    ReportErasedVisitor => "(Daten gelöscht)" / "(data erased)",
    ReportPillarLanguage => "Sprachvermittlung" / "Language support",
    ReportPillarCounselling => "Beratung" / "Counselling",
    ReportPillarInformation => "Information" / "Information",
    ReportPillarCommunication => "Raum für Kommunikation" / "Space for communication",
    ReportOfferings => "Angebote" / "Offerings",
    ReportColOffering => "Angebot" / "Offering",
    ReportColHeld => "Termine" / "Sessions",
    ReportColAttendance => "Besuche" / "Visits",
    ReportColMean => "Ø/Termin" / "Mean",
    ReportColUnique => "Personen" / "People",
    ReportPeriodLegend => "Termine = stattgefunden (jemand kam); Besuche = eingecheckt + anonym gezählt; Personen = verschiedene registrierte Besucher*innen"
        / "Sessions = held (someone came); Visits = checked in + counted anonymously; People = different registered visitors",
    ReportRegistrationsPerMonth => "Neue Registrierungen pro Monat" / "New registrations per month",
    ReportAttendancePerWeek => "Besuche pro Kalenderwoche" / "Visits per calendar week",
    ReportWeek => "KW {week}/{year}" / "Week {week}/{year}",
    ReportLanguages => "Sprachen der neu Registrierten" / "Languages of new registrations",
    ReportNeeds => "Bedarfe der neu Registrierten" / "Needs of new registrations",
    // CSV column titles and the sections of its rows.
    ReportCsvSection => "Bereich" / "Section",
    ReportCsvDate => "Datum" / "Date",
    ReportCsvLabel => "Bezeichnung" / "Label",
    ReportCsvPillar => "Säule" / "Pillar",
    ReportCsvStart => "Beginn" / "Start",
    ReportCsvEnd => "Ende" / "End",
    ReportCsvState => "Status" / "State",
    ReportCsvRegistered => "Eingecheckt" / "Checked in",
    ReportCsvTallied => "Gezählt" / "Counted",
    ReportCsvTotal => "Gesamt" / "Total",
    ReportCsvCount => "Anzahl" / "Count",
    ReportCsvNote => "Notiz" / "Note",
    ReportCsvNumber => "Nummer" / "Number",
    ReportCsvName => "Name" / "Name",
    ReportCsvSession => "Termin" / "Session",
    ReportCsvPeriod => "Zeitraum" / "Period",
    ReportCsvMean => "Besuche pro Termin" / "Visits per session",
    // File names of saved reports: ASCII, a date, never a person's name.
    ReportFileDay => "Tagesuebersicht" / "Day-summary",
    ReportFilePeriod => "Zeitraumbericht" / "Period-report",
    ReportFileNames => "mit-Namen" / "with-names",
    // Printing and saving.
    ReportPrinted => "Zum Drucker geschickt." / "Sent to the printer.",
    ReportPrintFailedSaved => "Drucken nicht möglich ({reason}). Gespeichert unter {path}"
        / "Could not print ({reason}). Saved as {path}",
    ReportPrintFailedNotSaved => "Drucken nicht möglich ({reason}). Die Liste mit Namen wurde nicht gespeichert."
        / "Could not print ({reason}). The list with names was not saved.",
    ReportSavedFiles => "Gespeichert: {paths}" / "Saved: {paths}",
    ReportSaveFailed => "Speichern nicht möglich: {path} ({detail})" / "Could not save {path} ({detail})",
    ReportPrintNoCommand => "kein Druckbefehl eingestellt" / "no print command is set",
    ReportPrintNotFound => "Druckbefehl {command} nicht gefunden" / "print command {command} not found",
    ReportPrintFailed => "Druckbefehl {command} meldet: {detail}" / "print command {command} says: {detail}",
    ReportPrintTimeout => "Druckbefehl {command} antwortet nicht" / "print command {command} does not answer",
    ReportPrintCannotRun => "Druckbefehl {command} lässt sich nicht starten: {detail}"
        / "print command {command} cannot be started: {detail}",

    // ---- Sprachvermittlung (issue 16): interpreter pool and mediation requests ----
    AuditPoolChanged => "Dolmetscherpool geändert" / "interpreter pool changed",
    AuditRequestChanged => "Vermittlungsanfrage geändert" / "mediation request changed",
    ReportMediation => "Sprachvermittlung: Anfragen nach Sprache" / "Language mediation: requests per language",
    ReportMediationColLanguage => "Sprache" / "Language",
    ReportMediationColRequests => "Anfragen" / "Requests",
    ReportMediationColMet => "erfüllt" / "met",
    ReportMediationColNotMet => "nicht erf." / "not met",
    ReportMediationColPending => "offen" / "pending",
    ReportMediationNoOne => "Angefragt, aber niemand im Pool spricht sie" / "Requested, but no one in the pool speaks it",
    ReportMediationCsvRequests => "Sprachvermittlung: Anfragen" / "Language mediation: requests",
    ReportMediationCsvMet => "Sprachvermittlung: erfüllt" / "Language mediation: met",
    ReportMediationCsvNotMet => "Sprachvermittlung: nicht erfüllt" / "Language mediation: not met",
    ReportMediationCsvPending => "Sprachvermittlung: offen" / "Language mediation: pending",
    ActRequests => "Vermittlungen" / "Mediation requests",
    ActPool => "Dolmetscherpool" / "Interpreter pool",
    AccessMediation => "Anfragen zur Sprachvermittlung" / "Language mediation requests",
    ActMediationRequest => "Sprachmittlung anfragen" / "Request mediation",
    ActMarkDone => "Erledigt" / "Done",
    ActMarkNotMet => "Nicht erfüllt" / "Not met",
    LevelNative => "Muttersprache" / "native",
    LevelGood => "gut" / "good",
    LevelSome => "etwas" / "some",
    MediationOnDuty => "heute im Dienst" / "on duty today",
    MediationAllDay => "ganztags" / "all day",
    MediationNoOne => "{language}: niemand im Pool" / "{language}: no one in the pool",
    CardMediationToday => "Sprachmittlung heute" / "Language mediation today",
    CheckInMediation => "Sprachmittlung: {who}" / "Mediation: {who}",
    MediationNoOneShort => "{language}: niemand" / "{language}: no one",
    AdminPool => "Dolmetscherpool (Sprachvermittlung)" / "Interpreter pool (language mediation)",
    RequestFormTitle => "Sprachmittlung anfragen für {number}" / "Request mediation for {number}",
    RequestFormIntro => "Sprache aus der Sprachenliste, Anlass (z. B. Jobcenter-Termin, Arzt, Sozialberatung), Termin als TT.MM.JJJJ HH:MM. Strg+S speichert."
        / "Language from the languages list, purpose (e.g. Jobcenter appointment, doctor, social counselling), appointment as YYYY-MM-DD HH:MM. Ctrl+S saves.",
    RequestFieldLanguage => "Sprache" / "Language",
    RequestFieldPurpose => "Anlass" / "Purpose",
    RequestFieldWhen => "Datum und Uhrzeit" / "Date and time",
    RequestFieldPlace => "Ort" / "Place",
    RequestFieldReason => "Grund" / "Reason",
    RequestUnknownLanguage => "„{language}“ steht nicht in der Sprachenliste (F8, Auswahllisten). Möglich sind: {known}"
        / "'{language}' is not in the languages list (F8, reference lists). Possible: {known}",
    RequestNeedsPurpose => "Bitte den Anlass eintragen (z. B. Jobcenter-Termin)." / "Please enter the purpose (e.g. Jobcenter appointment).",
    RequestBadTime => "„{text}“ ist kein Termin. Bitte so schreiben: 08.12.2026 10:30" / "'{text}' is not an appointment. Please write it like this: 2026-12-08 10:30",
    RequestSaved => "Anfrage {id} für {number} gespeichert." / "Request {id} for {number} saved.",
    RequestsTitle => "Sprachvermittlung: offene Anfragen" / "Language mediation: open requests",
    RequestsIntro => "Offene Anfragen nach Datum. Enter: Person zuweisen." / "Open requests by date. Enter: assign someone.",
    RequestsNone => "Keine offenen Anfragen. Neue Anfragen entstehen auf der Besucherkarte (Alt+V)." / "No open requests. New ones are made on the visitor card (Alt+V).",
    RequestErasedVisitor => "(gelöscht)" / "(erased)",
    RequestAssignedTo => "zugewiesen: {name}" / "assigned: {name}",
    RequestStatusOpen => "offen" / "open",
    RequestChooseMediator => "Wer spricht die Sprache und hat zu der Zeit Zeit (beste zuerst)? Enter weist zu."
        / "Who speaks the language and is available then (best first)? Enter assigns.",
    RequestNoSuggestions => "Niemand im Pool spricht {language} zu dieser Zeit." / "No one in the pool speaks {language} at that time.",
    RequestAssigned => "Anfrage {id}: {name} zugewiesen." / "Request {id}: {name} assigned.",
    RequestMarkedDone => "Anfrage {id} erledigt." / "Request {id} done.",
    RequestMarkedNotMet => "Anfrage {id} als nicht erfüllt vermerkt." / "Request {id} marked not met.",
    RequestNotMetIntro => "Warum konnte die Anfrage nicht erfüllt werden? Enter speichert." / "Why could the request not be met? Enter saves.",
    RequestNeedsReason => "Bitte einen Grund eintragen." / "Please enter a reason.",
    PoolTitle => "Dolmetscherpool" / "Interpreter pool",
    PoolIntro => "Wer sprachlich vermittelt: Sprachen, übliche Zeiten, Kontakt (verschlüsselt)." / "Who mediates: languages, usual times, contact (encrypted).",
    PoolEmpty => "Noch niemand im Pool. Strg+N fügt jemanden hinzu." / "No one in the pool yet. Ctrl+N adds someone.",
    PoolRemoveQuestion => "{name} endgültig aus dem Pool löschen? Frühere Anfragen zählen weiter." / "Erase {name} from the pool for good? Past requests still count.",
    PoolRemoved => "Aus dem Pool gelöscht." / "Erased from the pool.",
    PoolFormTitle => "Neu im Dolmetscherpool" / "New in the interpreter pool",
    PoolFormEditTitle => "Im Dolmetscherpool ändern" / "Change in the interpreter pool",
    PoolFormIntro => "Sprachen mit Niveau, z. B. „Tigrinya:Muttersprache|Arabisch:gut“ (Muttersprache, gut, etwas); Zeiten z. B. „Mo 09-12, Mi“. Strg+S speichert."
        / "Languages with level, e.g. 'Tigrinya:native|Arabisch:good' (native, good, some); times e.g. 'Mo 09-12, Mi'. Ctrl+S saves.",
    PoolFieldName => "Name" / "Name",
    PoolFieldLanguages => "Sprachen:Niveau" / "Languages:level",
    PoolFieldAvailable => "Übliche Zeiten" / "Usual times",
    PoolFieldAccount => "Konto (falls im Team)" / "Account (if on the team)",
    PoolFieldPhone => "Telefon" / "Phone",
    PoolFieldEmail => "E-Mail" / "E-mail",
    PoolFieldNote => "Hinweis zu Zeiten" / "Note on times",
    PoolNeedsName => "Bitte einen Namen eintragen." / "Please enter a name.",
    PoolBadLanguages => "Sprachen bitte so: Tigrinya:Muttersprache|Arabisch:gut (Niveau: Muttersprache, gut, etwas)."
        / "Languages like this: Tigrinya:native|Arabisch:good (level: native, good, some).",
    PoolBadAvailable => "Zeiten bitte so: Mo 09-12, Mi, Fr 14:00-16:30 (Mo Di Mi Do Fr Sa So)." / "Times like this: Mo 09-12, Mi, Fr 14:00-16:30 (Mo Di Mi Do Fr Sa So).",
    PoolUnknownAccount => "Kein Konto „{user}“ (F8, Konten). Feld leer lassen für Externe." / "No account '{user}' (F8, accounts). Leave empty for external people.",
    PoolSaved => "Im Pool gespeichert." / "Saved in the pool.",
    // ---- end Sprachvermittlung ----

    // Desk UX (issue 15): lists you type into, drafts kept across a lock.
    ListMoreBelow => "weitere ↓" / "more ↓",
    ListMoreAbove => "weitere ↑" / "more ↑",
    ListFilter => "Filter: {text}  ({shown} von {total})" / "Filter: {text}  ({shown} of {total})",
    ListNoMatch => "Nichts passt zu „{text}“ – Rücktaste löscht" / "Nothing matches “{text}” – Backspace deletes",
    LockedDraftKept => "Gesperrt. Nicht gespeicherte Eingaben sind verschlüsselt aufbewahrt, bis {user} wieder entsperrt."
        / "Locked. Unsaved input is kept encrypted until {user} unlocks again.",
    DraftRestored => "Willkommen zurück – die Eingaben von vorhin sind wieder da." / "Welcome back – your earlier input is back.",
    DraftKeptForOther => "Nicht gespeicherte Eingaben von {user} bleiben für {user} aufbewahrt (bis Tagesende)."
        / "Unsaved input of {user} is kept for {user} (until the end of the day).",
    IoNotFound => "Ordner oder Datei gibt es nicht" / "no such folder or file",
    IoPermissionDenied => "keine Berechtigung" / "permission denied",
    IoStorageFull => "kein Platz mehr auf dem Datenträger" / "no space left on the drive",
    IoReadOnly => "Datenträger ist schreibgeschützt" / "the drive is read-only",
    IoNotADirectory => "ein Teil des Pfads ist kein Ordner" / "part of the path is not a folder",
    IoIsADirectory => "das ist ein Ordner, keine Datei" / "that is a folder, not a file",
    IoAlreadyExists => "gibt es schon" / "already exists",
    IoInvalidName => "ungültiger Name" / "invalid name",
    IoOther => "Systemfehler {code}" / "system error {code}",
    ReportFolderNotRemembered => "Ordner konnte nicht gemerkt werden ({detail})" / "Could not remember the folder ({detail})",
    ReportTallySplit => "gezählt (ohne Eingecheckte): {split}" / "counted (not checked in): {split}",
    IntakeDupIntroNoYear => "Diese Besucher*innen haben einen ähnlichen Namen (ohne Geburtsjahr verglichen). Dieselbe Person wählen, oder eine neue Person anlegen."
        / "These visitors have a similar name (compared without a birth year). Choose the same person, or create a new person.",
    IntakeExplainedInRequired => "Bitte wählen, in welcher Sprache die Einwilligung erklärt wurde." / "Please choose the language consent was explained in.",
    ReportFieldPreview => "Vorschau" / "Preview",
    DraftLost => "Die Eingaben von vor dem Sperren ließen sich nicht wiederherstellen." / "The input from before the lock could not be restored.",

    // Dates. The formats are messages too, because their order differs by language.
    DateShort => "{dd}.{mm}.{yyyy}" / "{yyyy}-{mm}-{dd}",
    DateLong => "{weekday}, {day}. {month} {year}" / "{weekday}, {day} {month} {year}",
    Monday => "Montag" / "Monday",
    Tuesday => "Dienstag" / "Tuesday",
    Wednesday => "Mittwoch" / "Wednesday",
    Thursday => "Donnerstag" / "Thursday",
    Friday => "Freitag" / "Friday",
    Saturday => "Samstag" / "Saturday",
    Sunday => "Sonntag" / "Sunday",
    January => "Januar" / "January",
    February => "Februar" / "February",
    March => "März" / "March",
    April => "April" / "April",
    May => "Mai" / "May",
    June => "Juni" / "June",
    July => "Juli" / "July",
    August => "August" / "August",
    September => "September" / "September",
    October => "Oktober" / "October",
    November => "November" / "November",
    December => "Dezember" / "December",

    // Hostile input and settings that could lock staff out (issue 17).
    KeymapNoKeyLeft => "Die Datei lässt in [{mode}] keine Taste für '{action}' übrig; ohne sie kann niemand beenden oder sperren"
        / "The file leaves no key for '{action}' in [{mode}]; without it nobody can quit or lock",
    PinnedToday => "Datum festgelegt: {date}" / "Date pinned: {date}",

    // Find a visitor: why a row matched (issue 14).
    FindColWhy => "Treffer" / "Match",
    FindWhySimilar => "ähnlich" / "similar",
    FindWhyPhone => "Tel. {phone}" / "Tel. {phone}",

    // --- Security (issue 13) ---
    AuditStaffDisabled => "Konto gesperrt" / "account disabled",
    AuditRekey => "neuer Datenschlüssel" / "new data key",
    ReportSmallCellRule => "Zahlen unter 3 stehen als „< 3“, damit niemand erkennbar wird."
        / "Counts below 3 are shown as \"< 3\", so that no one can be recognised.",
    StaffDisableQuestion => "Konto {user} sperren? Es kann sich nicht mehr anmelden, sein Schlüsselplatz wird gelöscht. Das lässt sich nicht rückgängig machen."
        / "Disable the account {user}? It can no longer sign in, and its key slot is destroyed. This cannot be undone.",
    StaffDisabled => "Konto {user} gesperrt." / "Account {user} disabled.",
    StaffCannotDisable => "Dieses Konto lässt sich nicht sperren (das eigene oder schon gesperrt)."
        / "This account cannot be disabled (your own, or disabled already).",
    ReportBreakdownsLeftOut => "Aufschlüsselung nach Sprachen, Bedarfen und Vermittlungen nur für Mitarbeitende mit Datenzugang."
        / "Breakdown by languages, needs and referrals only for staff with data access.",
}

/// The text of `msg` with each `{name}` replaced by its value from `args`.
///
/// A placeholder without a value stays visible as `{name}`: a missing argument then shows up
/// in a test or on screen instead of silently vanishing.
pub fn fill(msg: Msg, lang: Lang, args: &[(&str, &str)]) -> String {
    fill_template(msg.text(lang), args)
}

fn fill_template(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match args.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => out.push_str(value),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The placeholder names of a template, in order, for consistency checks.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// The name of a weekday.
pub fn weekday_name(day: Weekday, lang: Lang) -> &'static str {
    let msg = match day {
        Weekday::Monday => Msg::Monday,
        Weekday::Tuesday => Msg::Tuesday,
        Weekday::Wednesday => Msg::Wednesday,
        Weekday::Thursday => Msg::Thursday,
        Weekday::Friday => Msg::Friday,
        Weekday::Saturday => Msg::Saturday,
        Weekday::Sunday => Msg::Sunday,
    };
    msg.text(lang)
}

/// The name of a month, 1 = January. Out-of-range numbers cannot come from a valid `Date`.
pub fn month_name(month: i8, lang: Lang) -> &'static str {
    const MONTHS: [Msg; 12] = [
        Msg::January,
        Msg::February,
        Msg::March,
        Msg::April,
        Msg::May,
        Msg::June,
        Msg::July,
        Msg::August,
        Msg::September,
        Msg::October,
        Msg::November,
        Msg::December,
    ];
    let index = usize::try_from(month.saturating_sub(1)).unwrap_or(0);
    MONTHS
        .get(index)
        .copied()
        .unwrap_or(Msg::January)
        .text(lang)
}

/// A date for tables and the title bar: `26.11.2026` in German, `2026-11-26` in English.
pub fn format_date(date: Date, lang: Lang) -> String {
    let dd = format!("{:02}", date.day());
    let mm = format!("{:02}", date.month());
    let yyyy = format!("{:04}", date.year());
    fill(
        Msg::DateShort,
        lang,
        &[("dd", &dd), ("mm", &mm), ("yyyy", &yyyy)],
    )
}

/// `1 Monat`, `24 Monate` / `1 month`, `24 months`.
pub fn months(n: u32, lang: Lang) -> String {
    if n == 1 {
        Msg::MonthsOne.text(lang).to_owned()
    } else {
        fill(Msg::MonthsMany, lang, &[("n", &n.to_string())])
    }
}

/// [`months`] after "seit" (`seit 24 Monaten`); the same in English.
pub fn months_since(n: u32, lang: Lang) -> String {
    if n == 1 {
        Msg::MonthsOne.text(lang).to_owned()
    } else {
        fill(Msg::MonthsSinceMany, lang, &[("n", &n.to_string())])
    }
}

/// A date spelled out: `Donnerstag, 26. November 2026` / `Thursday, 26 November 2026`.
pub fn format_date_long(date: Date, lang: Lang) -> String {
    let day = date.day().to_string();
    let year = date.year().to_string();
    fill(
        Msg::DateLong,
        lang,
        &[
            ("weekday", weekday_name(date.weekday(), lang)),
            ("day", &day),
            ("month", month_name(date.month(), lang)),
            ("year", &year),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for msg in Msg::ALL {
            let mut de = placeholders(msg.text(Lang::De));
            let mut en = placeholders(msg.text(Lang::En));
            de.sort_unstable();
            en.sort_unstable();
            assert_eq!(de, en, "{msg:?}");
        }
    }

    #[test]
    fn no_message_is_empty() {
        for msg in Msg::ALL {
            for lang in Lang::ALL {
                assert!(!msg.text(lang).trim().is_empty(), "{msg:?} {lang}");
            }
        }
    }

    #[test]
    fn fill_replaces_named_placeholders_and_keeps_unknown_ones() {
        assert_eq!(
            fill(Msg::InputTooLong, Lang::De, &[("max", "80")]),
            "Eingabe zu lang (max. 80 Zeichen)"
        );
        assert_eq!(fill_template("{a} und {b}", &[("a", "1")]), "1 und {b}");
        assert_eq!(fill_template("offen {", &[]), "offen {");
        // A value that looks like a placeholder is not expanded again.
        assert_eq!(fill_template("{a}", &[("a", "{a}")]), "{a}");
    }

    #[test]
    fn lang_parses_codes_and_locales() {
        assert_eq!("de".parse::<Lang>(), Ok(Lang::De));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("de_DE.UTF-8".parse::<Lang>(), Ok(Lang::De));
        assert_eq!("en-GB".parse::<Lang>(), Ok(Lang::En));
        assert!("fr".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
        assert!("deutsch".parse::<Lang>().is_err());
    }

    #[test]
    fn lang_serde_uses_the_codes() {
        #[derive(Deserialize)]
        struct Settings {
            lang: Lang,
        }
        let s: Settings = toml::from_str("lang = \"en\"").unwrap();
        assert_eq!(s.lang, Lang::En);
        assert!(toml::from_str::<Settings>("lang = \"english\"").is_err());
    }

    #[test]
    fn dates_in_both_languages() {
        let d = date(2026, 11, 26);
        assert_eq!(format_date(d, Lang::De), "26.11.2026");
        assert_eq!(format_date(d, Lang::En), "2026-11-26");
        assert_eq!(
            format_date_long(d, Lang::De),
            "Donnerstag, 26. November 2026"
        );
        assert_eq!(format_date_long(d, Lang::En), "Thursday, 26 November 2026");
        assert_eq!(format_date(date(2027, 3, 1), Lang::De), "01.03.2027");
        assert_eq!(
            format_date_long(date(2027, 3, 1), Lang::De),
            "Montag, 1. März 2027"
        );
    }
}
