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
        let existing = std::fs::read_to_string(path).unwrap_or_default();
        let mut lines: Vec<String> = existing
            .lines()
            .filter(|l| !l.trim_start().starts_with("lang"))
            .map(str::to_string)
            .collect();
        lines.insert(0, format!("lang = \"{}\"", lang.code()));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, lines.join("\n") + "\n")
    }
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
        assert_eq!(config, Config::default());
        assert_eq!(problem.unwrap().line, 3);

        let (config, problem) = Config::load(&dir.path().join("missing.toml"));
        assert_eq!((config, problem), (Config::default(), None));
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
}
