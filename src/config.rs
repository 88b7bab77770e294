//! The machine's settings (`config.toml` in the config folder): language,
//! keymap, auto-lock, print command, backup folder. Settings that belong to
//! the database (consent text version, retention) live in the database.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::text::catalog::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// `de` or `en`; the first-run choice is written here.
    pub lang: Lang,
    /// `default` or `laptop`.
    pub keymap: String,
    /// Idle time before the screen locks itself.
    pub lock_after_seconds: u64,
    /// The command that prints a text file given as its last argument.
    pub print_command: String,
    /// Where "save" writes reports by default; empty: the documents folder.
    pub report_folder: Option<PathBuf>,
    /// Where the daily backup goes on quitting (e.g. a USB stick); none: no backup.
    pub backup_folder: Option<PathBuf>,
    /// How many daily backups to keep there.
    pub backup_keep: u32,
    /// The file these settings came from, so a change made on screen can be written back.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            lang: Lang::De,
            keymap: "default".into(),
            lock_after_seconds: 5 * 60,
            print_command: "lp".into(),
            report_folder: None,
            backup_folder: None,
            backup_keep: 14,
            path: None,
        }
    }
}

/// A problem with the config file, reported once at start; the defaults are
/// used instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is the file as a whole.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

pub fn config_file() -> PathBuf {
    crate::paths::config_dir().join("config.toml")
}

/// The shortest auto-lock accepted. Shorter, the screen locks while staff
/// still read it (0 locked a second after each unlock).
pub const MIN_LOCK_AFTER_SECONDS: u64 = 30;

impl Config {
    /// A setting that would lock staff out is refused: its default is used
    /// and the problem names its line. The other settings stay.
    fn within_limits(mut self, path: &Path, text: &str) -> (Config, Option<ConfigProblem>) {
        if self.lock_after_seconds >= MIN_LOCK_AFTER_SECONDS {
            return (self, None);
        }
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("lock_after_seconds"))
            .map_or(0, |i| i + 1);
        let problem = ConfigProblem {
            file: path.to_path_buf(),
            line,
            message: format!(
                "lock_after_seconds = {} is below the minimum of {MIN_LOCK_AFTER_SECONDS} seconds; {} is used",
                self.lock_after_seconds,
                Config::default().lock_after_seconds
            ),
        };
        self.lock_after_seconds = Config::default().lock_after_seconds;
        (self, Some(problem))
    }

    /// Reads `path`; a missing file is simply the defaults.
    pub fn load(path: &Path) -> (Config, Option<ConfigProblem>) {
        let (mut config, problem) = Self::load_from(path);
        config.path = Some(path.to_path_buf());
        (config, problem)
    }

    fn load_from(path: &Path) -> (Config, Option<ConfigProblem>) {
        // A FIFO or device would be read forever: only a regular file is read.
        if let Ok(meta) = std::fs::metadata(path)
            && !meta.is_file()
        {
            let problem = ConfigProblem {
                file: path.to_path_buf(),
                line: 0,
                message: "not a regular file".into(),
            };
            return (Config::default(), Some(problem));
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
            Err(e) => {
                let problem = ConfigProblem {
                    file: path.to_path_buf(),
                    line: 0,
                    message: e.to_string(),
                };
                return (Config::default(), Some(problem));
            }
        };
        match toml::from_str::<Config>(&text) {
            Ok(config) => config.within_limits(path, &text),
            Err(e) => {
                let line = e.span().map_or(0, |s| {
                    text[..s.start.min(text.len())].matches('\n').count() + 1
                });
                let message = e.message().lines().next().unwrap_or("invalid").to_string();
                let problem = ConfigProblem {
                    file: path.to_path_buf(),
                    line,
                    message,
                };
                (Config::default(), Some(problem))
            }
        }
    }

    /// Writes the one setting chosen at first run, keeping the rest of the file.
    pub fn save_lang(path: &Path, lang: Lang) -> std::io::Result<()> {
        save_setting(path, "lang", lang.code())
    }

    /// Remembers the folder staff last saved reports to.
    pub fn save_report_folder(path: &Path, folder: &Path) -> std::io::Result<()> {
        save_setting(path, "report_folder", folder.display().to_string())
    }
}

/// Sets one key of `config.toml` and leaves every other line as it was: comments, order,
/// settings this program does not write. A file that does not parse is not touched (it
/// was reported at start; overwriting it would lose what its author meant).
pub fn save_setting(
    path: &Path,
    key: &str,
    value: impl Into<toml_edit::Value>,
) -> std::io::Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let mut doc: toml_edit::DocumentMut = existing
        .parse()
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    doc[key] = toml_edit::value(value);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // A new file beside the old one, then a rename: a crash leaves one or the other whole.
    let tmp = path.with_extension("toml.new");
    std::fs::write(&tmp, doc.to_string())?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_and_reports_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \"en\"\nlock_after_seconds = 30\n").unwrap();
        let (config, problem) = Config::load(&path);
        assert_eq!(problem, None);
        assert_eq!(config.lang, Lang::En);
        assert_eq!(config.lock_after_seconds, 30);

        std::fs::write(&path, "lang = \"en\"\n\nlok_after = 3\n").unwrap();
        let (config, problem) = Config::load(&path);
        assert_eq!(
            config.lock_after_seconds,
            Config::default().lock_after_seconds
        );
        assert_eq!(problem.unwrap().line, 3);

        let missing = dir.path().join("missing.toml");
        let (config, problem) = Config::load(&missing);
        assert_eq!(problem, None);
        assert_eq!(config.path.as_deref(), Some(missing.as_path()));
        assert_eq!(config.lang, Config::default().lang);
    }

    #[test]
    fn an_auto_lock_below_30_seconds_is_refused_and_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        for seconds in [0, 1, 29] {
            std::fs::write(
                &path,
                format!("lang = \"en\"\n\nlock_after_seconds = {seconds}\n"),
            )
            .unwrap();
            let (config, problem) = Config::load(&path);
            let problem = problem.expect("refused");
            assert_eq!(problem.line, 3);
            assert!(problem.message.contains("minimum of 30"), "{problem}");
            assert_eq!(config.lock_after_seconds, 300);
            assert_eq!(config.lang, Lang::En);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
        let (config, problem) = Config::load(&path);
        assert_eq!(
            Config {
                path: None,
                ..config
            },
            Config::default()
        );
        assert!(problem.unwrap().message.contains("not a regular file"));
    }

    #[test]
    fn saving_the_language_keeps_other_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \"de\"\nprint_command = \"lpr\"\n").unwrap();
        Config::save_lang(&path, Lang::En).unwrap();
        let (config, problem) = Config::load(&path);
        assert_eq!(problem, None);
        assert_eq!(
            (config.lang, config.print_command.as_str()),
            (Lang::En, "lpr")
        );
    }

    #[test]
    fn saving_a_setting_changes_only_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let before = "# Empfang, PC 1\nlanguage_note = 1\nlang = \"de\" # Deutsch\n\
                      # Drucker im Büro\nprint_command = \"lpr\"\nlock_after_seconds = 120\n";
        // `language_note` is unknown to the program; a line-based rewrite dropped it.
        std::fs::write(&path, before).unwrap();
        Config::save_lang(&path, Lang::En).unwrap();
        Config::save_report_folder(&path, Path::new("/home/empfang/Dokumente/MiLA")).unwrap();
        let after = std::fs::read_to_string(&path).unwrap();
        for kept in [
            "# Empfang, PC 1",
            "language_note = 1",
            "# Drucker im Büro",
            "print_command = \"lpr\"",
            "lock_after_seconds = 120",
        ] {
            assert!(after.contains(kept), "{kept} lost:\n{after}");
        }
        assert!(after.contains("lang = \"en\""), "{after}");
        assert!(
            after.contains("report_folder = \"/home/empfang/Dokumente/MiLA\""),
            "{after}"
        );
        assert!(!after.contains("\"de\""), "{after}");

        // A file that does not parse stays as it was.
        std::fs::write(&path, "lang = = \"en\"\n").unwrap();
        assert!(Config::save_lang(&path, Lang::De).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "lang = = \"en\"\n");
        // No file yet: one with just the key.
        let fresh = dir.path().join("sub/config.toml");
        Config::save_lang(&fresh, Lang::En).unwrap();
        assert_eq!(Config::load(&fresh).0.lang, Lang::En);
    }
}
