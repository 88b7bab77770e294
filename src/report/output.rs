//! Getting a report out of the program: to the printer, or into files.
//! Used by the CLI and the UI alike.
//!
//! Printing hands the text to the configured print command (default `lp`)
//! as a file named by its last argument (the contract of
//! `Config::print_command`). When the command is missing, fails or hangs,
//! [`print_or_save`] saves the text instead and says where: nothing is lost.
//! A list with names is never saved as a fallback (callers use [`print`]
//! for it); it can be printed again from the database at any time.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::config::Config;
use crate::text::catalog::{Lang, Msg, fill};
use crate::text::sanitize::fit;

/// A print command that has not returned by then is taken as hanging.
const PRINT_TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);
/// How much of the print command's complaint is shown.
const DETAIL_WIDTH: usize = 120;
/// `…-2.txt`, `…-3.txt`: an earlier file of the same day is kept, up to this.
const MAX_SUFFIX: u32 = 999;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("no print command is set")]
    NoCommand,
    #[error("print command {0} not found")]
    NotFound(String),
    #[error("print command {command} failed: {detail}")]
    Failed { command: String, detail: String },
    #[error("print command {0} did not finish within 20 seconds")]
    Timeout(String),
    #[error("cannot run print command {command}: {detail}")]
    CannotRun { command: String, detail: String },
}

impl PrintError {
    /// The reason in the staff's language, for the UI's message line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PrintError::NoCommand => Msg::ReportPrintNoCommand.text(lang).to_string(),
            PrintError::NotFound(command) => {
                fill(Msg::ReportPrintNotFound, lang, &[("command", command)])
            }
            PrintError::Failed { command, detail } => fill(
                Msg::ReportPrintFailed,
                lang,
                &[("command", command), ("detail", detail)],
            ),
            PrintError::Timeout(command) => {
                fill(Msg::ReportPrintTimeout, lang, &[("command", command)])
            }
            PrintError::CannotRun { command, detail } => fill(
                Msg::ReportPrintCannotRun,
                lang,
                &[("command", command), ("detail", detail)],
            ),
        }
    }
}

/// A file could not be written. Names only the path, which never holds a
/// person's name (see [`day_file_stem`]).
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        fill(
            Msg::ReportSaveFailed,
            lang,
            &[
                ("path", &self.path.display().to_string()),
                ("detail", &io_reason(&self.source, lang)),
            ],
        )
    }
}

/// What became of a print request.
#[derive(Debug)]
pub enum PrintOutcome {
    Printed,
    /// Printing failed for `reason`; the text is in `path`.
    Saved {
        path: PathBuf,
        reason: PrintError,
    },
}

impl PrintOutcome {
    /// One line for the staff.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PrintOutcome::Printed => Msg::ReportPrinted.text(lang).to_string(),
            PrintOutcome::Saved { path, reason } => fill(
                Msg::ReportPrintFailedSaved,
                lang,
                &[
                    ("reason", &reason.message(lang)),
                    ("path", &path.display().to_string()),
                ],
            ),
        }
    }
}

/// `Tagesuebersicht-2026-11-26`: a date, never a person's name.
pub fn day_file_stem(date: Date, with_names: bool, lang: Lang) -> String {
    let mut stem = format!("{}-{date}", Msg::ReportFileDay.text(lang));
    if with_names {
        stem.push('-');
        stem.push_str(Msg::ReportFileNames.text(lang));
    }
    stem
}

/// `Zeitraumbericht-2026-01-01-2026-12-31`.
pub fn period_file_stem(from: Date, to: Date, lang: Lang) -> String {
    format!("{}-{from}-{to}", Msg::ReportFilePeriod.text(lang))
}

/// Where reports are saved unless a folder is chosen: the configured `report_folder` (the
/// last one chosen on screen), else a `MiLA` folder in the documents folder (XDG), else in
/// the home folder; never the home folder itself, where files get lost among everything.
pub fn default_folder(config: &Config) -> PathBuf {
    if let Some(folder) = &config.report_folder {
        return folder.clone();
    }
    directories::UserDirs::new()
        .map(|u| {
            u.document_dir()
                .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
                .join(MILA_FOLDER)
        })
        .unwrap_or_else(|| PathBuf::from(MILA_FOLDER))
}

/// The folder made for reports in the documents folder.
pub const MILA_FOLDER: &str = "MiLA";

/// What went wrong with a file, in the staff's language: the system's own words
/// ("No such file or directory (os error 2)") are English.
pub fn io_reason(err: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let msg = match err.kind() {
        K::NotFound => Msg::IoNotFound,
        K::PermissionDenied => Msg::IoPermissionDenied,
        K::StorageFull | K::QuotaExceeded => Msg::IoStorageFull,
        K::ReadOnlyFilesystem => Msg::IoReadOnly,
        K::NotADirectory => Msg::IoNotADirectory,
        K::IsADirectory => Msg::IoIsADirectory,
        K::AlreadyExists => Msg::IoAlreadyExists,
        K::InvalidFilename => Msg::IoInvalidName,
        _ => {
            let code = err
                .raw_os_error()
                .map_or_else(|| "?".to_string(), |c| c.to_string());
            return fill(Msg::IoOther, lang, &[("code", &code)]);
        }
    };
    msg.text(lang).to_string()
}

/// What CUPS's `lp` and `lpr` are given so that 80 columns fit A4: at their
/// default 10 characters per inch a line needs 8 inches, and A4 (8.27 in)
/// leaves less after the printer's margins, so lines wrapped. At 12 per inch
/// a line is 6.7 inches, inside half-inch margins (36 points).
pub const A4_TEXT_OPTIONS: [&str; 12] = [
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
];

/// The program and arguments `command` stands for, split as a shell would
/// (quotes and backslashes) without running a shell. CUPS's `lp`/`lpr` get
/// [`A4_TEXT_OPTIONS`] first, unless the command already sets `cpi`; any
/// other command is left as written. The text file is added last by [`print`].
pub fn print_invocation(command: &str) -> Result<(String, Vec<String>), PrintError> {
    let words = shell_words::split(command).map_err(|e| PrintError::CannotRun {
        command: fit(command, DETAIL_WIDTH).into_owned(),
        detail: e.to_string(),
    })?;
    let mut words = words.into_iter();
    let program = words.next().ok_or(PrintError::NoCommand)?;
    let given: Vec<String> = words.collect();
    let name = Path::new(&program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let mut args = Vec::new();
    if matches!(name, "lp" | "lpr") && !given.iter().any(|a| a.contains("cpi=")) {
        args.extend(A4_TEXT_OPTIONS.iter().map(|a| a.to_string()));
    }
    args.extend(given);
    Ok((program, args))
}

/// Sends `text` to `command` (see [`print_invocation`]; the text file is
/// added as the last argument) and waits for it to finish.
pub fn print(command: &str, text: &str) -> Result<(), PrintError> {
    let (program, args) = print_invocation(command)?;
    let cannot_run = |e: std::io::Error| PrintError::CannotRun {
        command: program.clone(),
        detail: e.to_string(),
    };
    let spool = Spool::create().map_err(cannot_run)?;
    let text_path = spool.dir.join("report.txt");
    let errors_path = spool.dir.join("errors.txt");
    write_new(&text_path, text.as_bytes()).map_err(cannot_run)?;
    let errors = File::create(&errors_path).map_err(cannot_run)?;
    // stdout and stderr must not reach the terminal: the UI owns the screen.
    let child = Command::new(&program)
        .args(&args)
        .arg(&text_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(errors)
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(PrintError::NotFound(program));
        }
        Err(e) => return Err(cannot_run(e)),
    };
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < PRINT_TIMEOUT => std::thread::sleep(POLL),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PrintError::Timeout(program));
            }
            Err(e) => return Err(cannot_run(e)),
        }
    };
    if status.success() {
        return Ok(());
    }
    let complaint = std::fs::read(&errors_path).unwrap_or_default();
    let complaint = String::from_utf8_lossy(&complaint);
    let first = complaint.lines().map(str::trim).find(|l| !l.is_empty());
    let detail = match first {
        Some(line) => fit(line, DETAIL_WIDTH).into_owned(),
        None => status.to_string(),
    };
    Err(PrintError::Failed {
        command: program,
        detail,
    })
}

/// Prints `text`, or when that fails saves it as `<stem>.txt` in `folder`.
/// Only when saving fails too is there an error.
pub fn print_or_save(
    command: &str,
    text: &str,
    folder: &Path,
    stem: &str,
) -> Result<PrintOutcome, SaveError> {
    match print(command, text) {
        Ok(()) => Ok(PrintOutcome::Printed),
        Err(reason) => {
            let path = save(folder, stem, "txt", text.as_bytes())?;
            Ok(PrintOutcome::Saved { path, reason })
        }
    }
}

/// Writes `bytes` as `<folder>/<stem>.<extension>`, creating the folder.
/// An existing file is never overwritten: the new one gets `-2`, `-3`, ….
/// The file is flushed to disk before this returns.
pub fn save(
    folder: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<PathBuf, SaveError> {
    let failed = |path: &Path, source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(|e| failed(folder, e))?;
    for n in 1..=MAX_SUFFIX {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let path = folder.join(name);
        match write_new(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failed(&path, e)),
        }
    }
    let path = folder.join(format!("{stem}.{extension}"));
    Err(failed(
        &path,
        std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "too many files of that name",
        ),
    ))
}

/// The text and CSV files of a report, as "save" writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFiles {
    pub text: PathBuf,
    pub csv: PathBuf,
}

impl SavedFiles {
    pub fn message(&self, lang: Lang) -> String {
        let paths = format!("{}, {}", self.text.display(), self.csv.display());
        fill(Msg::ReportSavedFiles, lang, &[("paths", &paths)])
    }
}

/// Saves a report's text and CSV side by side in `folder`.
pub fn save_text_and_csv(
    folder: &Path,
    stem: &str,
    text: &str,
    csv: &[u8],
) -> Result<SavedFiles, SaveError> {
    Ok(SavedFiles {
        text: save(folder, stem, "txt", text.as_bytes())?,
        csv: save(folder, stem, "csv", csv)?,
    })
}

/// Creates `path` (never replacing a file), writes and syncs it. Readable
/// by the owner only: a report may be printed with names.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        // A half-written report must not look like a whole one.
        let _ = std::fs::remove_file(path);
    }
    written
}

/// A private folder in the temp dir for one print job, removed on drop.
struct Spool {
    dir: PathBuf,
}

impl Spool {
    fn create() -> std::io::Result<Self> {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).map_err(|e| std::io::Error::other(e.to_string()))?;
        let tag: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let dir = std::env::temp_dir().join(format!("mila-print-{tag}"));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(&dir)?;
        Ok(Self { dir })
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn file_names_carry_the_date_only() {
        let d = date(2026, 11, 26);
        assert_eq!(
            day_file_stem(d, false, Lang::De),
            "Tagesuebersicht-2026-11-26"
        );
        assert_eq!(
            day_file_stem(d, true, Lang::En),
            "Day-summary-2026-11-26-with-names"
        );
        assert_eq!(
            period_file_stem(date(2026, 1, 1), d, Lang::De),
            "Zeitraumbericht-2026-01-01-2026-11-26"
        );
    }

    #[test]
    fn print_commands_split_as_a_shell_would_and_cups_fits_a4() {
        let (program, args) = print_invocation("lp -d 'Drucker Empfang'").unwrap();
        assert_eq!(program, "lp");
        let mut want: Vec<String> = A4_TEXT_OPTIONS.iter().map(|a| a.to_string()).collect();
        want.extend(["-d".to_string(), "Drucker Empfang".to_string()]);
        assert_eq!(args, want);

        let (program, args) =
            print_invocation("\"/opt/my printer/print.sh\" --copies\\ 2").unwrap();
        assert_eq!(program, "/opt/my printer/print.sh");
        assert_eq!(args, vec!["--copies 2".to_string()]);

        // Given options win: no second cpi.
        let (_, args) = print_invocation("/usr/bin/lpr -o cpi=15").unwrap();
        assert_eq!(args, vec!["-o".to_string(), "cpi=15".to_string()]);

        assert!(matches!(
            print_invocation("lp -d 'Drucker"),
            Err(PrintError::CannotRun { .. })
        ));
        assert!(matches!(print_invocation("  "), Err(PrintError::NoCommand)));
    }

    #[test]
    fn a4_options_make_80_columns_fit() {
        let option = |name: &str| -> f64 {
            A4_TEXT_OPTIONS
                .iter()
                .find_map(|o| o.strip_prefix(&format!("{name}=")))
                .and_then(|v| v.parse().ok())
                .unwrap()
        };
        let a4_width_inches = 210.0 / 25.4;
        let line = 80.0 / option("cpi");
        let margins = (option("page-left") + option("page-right")) / 72.0;
        assert!(line + margins <= a4_width_inches, "{line} + {margins}");
    }

    #[test]
    fn saving_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("neu");
        let a = save(&folder, "bericht", "txt", b"eins").unwrap();
        let b = save(&folder, "bericht", "txt", b"zwei").unwrap();
        assert_eq!(a, folder.join("bericht.txt"));
        assert_eq!(b, folder.join("bericht-2.txt"));
        assert_eq!(std::fs::read(&a).unwrap(), b"eins");
        assert_eq!(std::fs::read(&b).unwrap(), b"zwei");
    }

    #[test]
    fn a_missing_command_saves_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let outcome =
            print_or_save("/nonexistent/lp -d desk", "Bericht\n", dir.path(), "t").unwrap();
        let PrintOutcome::Saved { path, reason } = &outcome else {
            panic!("printed?");
        };
        assert!(matches!(reason, PrintError::NotFound(c) if c == "/nonexistent/lp"));
        assert_eq!(std::fs::read_to_string(path).unwrap(), "Bericht\n");
        assert!(outcome.message(Lang::De).contains("nicht gefunden"));
        assert!(matches!(print("  ", "x"), Err(PrintError::NoCommand)));
    }

    #[cfg(unix)]
    #[test]
    fn the_command_gets_the_text_as_its_last_argument() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("gedruckt");
        std::fs::create_dir(&target).unwrap();
        print(&format!("cp -t {}", target.display()), "Seite 1\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("report.txt")).unwrap(),
            "Seite 1\n"
        );
        let failed = print("false", "x").unwrap_err();
        assert!(matches!(failed, PrintError::Failed { .. }), "{failed}");
        let failed = print("ls /nonexistent-folder-of-mila", "x").unwrap_err();
        let PrintError::Failed { detail, .. } = failed else {
            panic!("{failed}");
        };
        assert!(detail.contains("nonexistent-folder-of-mila"), "{detail}");
    }
}
