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

impl Config {
    /// Reads `path`; a missing file is simply the defaults.
    pub fn load(path: &Path) -> (Config, Option<ConfigProblem>) {
        let (mut config, problem) = Self::load_from(path);
        config.path = Some(path.to_path_buf());
        (config, problem)
    }

    fn load_from(path: &Path) -> (Config, Option<ConfigProblem>) {
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
            Ok(config) => (config, None),
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
        std::fs::write(&path, "lang = \"en\"\nlock_after_seconds = 2\n").unwrap();
        let (config, problem) = Config::load(&path);
        assert_eq!(problem, None);
        assert_eq!(config.lang, Lang::En);
        assert_eq!(config.lock_after_seconds, 2);

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
