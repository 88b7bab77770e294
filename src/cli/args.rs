use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Clone, Parser)]
#[command(
    name = "mila",
    version,
    about = "MiLA Desk: the front desk of MiLA (Menschen in Langenhagen)"
)]
pub struct Cli {
    /// Database file [default: the OS data folder, e.g. ~/.local/share/miladesk/mila.redb]
    #[arg(long, global = true, env = "MILA_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Staff user name for commands that need a login
    #[arg(long, global = true, env = "MILA_USER", value_name = "NAME")]
    pub user: Option<String>,
    /// Read the passphrase from this file (first line) unless MILA_PASSPHRASE is set
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Language of the terminal UI: de or en [default: from the config file, else de]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<mila::ui::catalog::Lang>,
    /// Key bindings of the terminal UI: default or laptop
    #[arg(long, global = true, value_name = "NAME")]
    pub keymap: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    pub fn db_path(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(mila::paths::default_db_path)
    }
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Create a new database with a coordinator account
    Init {
        /// The coordinator's user name
        #[arg(long, env = "MILA_USER")]
        user: String,
    },
    /// Staff accounts
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Import data
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Find visitors by name (any script), number or phone; best match first
    Find {
        /// Name fragments, a visitor number (42, M-0042) or phone digits
        query: String,
        /// One JSON array, for scripts
        #[arg(long)]
        json: bool,
        /// At most this many visitors
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Check every record, sealed blob and link; exit 1 on any problem
    Verify,
    /// Write a consistent copy of the database (still encrypted) to FILE
    Backup { file: PathBuf },
    /// Replace the database by a backup, after checking it with your passphrase
    Restore {
        file: PathBuf,
        /// Replace an existing database
        #[arg(long)]
        force: bool,
    },
    /// Erase personal data for good (GDPR Art. 17)
    Erase {
        #[command(subcommand)]
        command: EraseCommand,
    },
    /// Everything held about one person (GDPR Art. 15), as JSON and text files
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// A new database of made-up visitors, sessions and check-ins to try the program on
    Demo {
        /// How many visitors
        #[arg(long, default_value_t = 300)]
        visitors: u32,
        /// Days of sessions, ending today
        #[arg(long, default_value_t = 90)]
        days: u32,
    },
    /// The day summary and the period report: print, save or export
    Report {
        #[command(subcommand)]
        command: super::report::ReportCommand,
    },
    /// The interpreter pool (Sprachvermittlung): who mediates which language, when
    Pool {
        #[command(subcommand)]
        command: super::mediation::PoolCommand,
    },
    /// Mediation requests: a visitor needs someone for a language at an appointment
    Request {
        #[command(subcommand)]
        command: super::mediation::RequestCommand,
    },
    /// A new data key: every sealed record re-encrypted, new key slots
    /// (others get a one-time passphrase, printed here); old backups keep the old key
    Rekey,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ExportCommand {
    /// One visitor's data, check-ins and audit entries (coordinators)
    Visitor {
        /// Visitor number, e.g. M-0042 or 42
        number: String,
        /// Folder for the two files [default: the report folder]
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum EraseCommand {
    /// Erase one visitor's personal data; attendance stays as anonymous counts
    Visitor {
        /// Visitor number, e.g. M-0042 or 42
        number: String,
        /// Do not ask (for scripts)
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum StaffCommand {
    /// Add an account (its passphrase from MILA_NEW_PASSPHRASE or a prompt)
    Add {
        name: String,
        #[arg(long, value_parser = ["coordinator", "receptionist", "volunteer"])]
        role: String,
    },
    /// Change an account's passphrase (from MILA_NEW_PASSPHRASE or a prompt)
    Passwd { name: String },
    /// List the accounts, their roles and who holds a key slot
    List,
    /// Disable an account of someone who left: no sign-in, key slot destroyed
    Disable { name: String },
}

#[derive(Debug, Clone, Subcommand)]
pub enum ImportCommand {
    /// Visitors from a CSV file (all or nothing)
    Visitors { file: PathBuf },
}
