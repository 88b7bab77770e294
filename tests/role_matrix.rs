//! Every CLI command × every role, run against the real binary, from one
//! table: [`MATRIX`]. The README's "Who may run which command" table must say
//! the same (checked here), and every command the binary knows must have a
//! row (checked against `mila help`).
//!
//! To add a command: one row in `MATRIX` (with the arguments that make it
//! succeed for a role that may run it) and the same row in the README.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use common::desk::person;
use mila::desk::{Desk, Role};
use mila::vault::{KdfParams, Passphrase};

const ROLES: [(&str, &str); 3] = [
    ("koordination", "coordinator-pass-1"),
    ("empfang", "receptionist-pass-1"),
    ("helfer", "volunteer-pass-1"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum May {
    Yes,
    No,
    /// The command signs no one in (it makes a new database).
    NoSignIn,
}

use May::{No, NoSignIn, Yes};

impl May {
    fn readme(self) -> &'static str {
        match self {
            Yes => "yes",
            No => "no",
            NoSignIn => "no sign-in",
        }
    }
}

struct Row {
    /// As in the README's table.
    name: &'static str,
    /// The leaf command of `mila help` this row covers.
    command: &'static str,
    /// Arguments after `mila`; `{backup}`, `{csv}`, `{out}` are filled in.
    args: &'static [&'static str],
    /// Coordinator, receptionist, volunteer.
    may: [May; 3],
}

const MATRIX: &[Row] = &[
    Row {
        name: "init",
        command: "init",
        args: &["--db", "{out}/neu.redb", "init", "--user", "neu"],
        may: [NoSignIn; 3],
    },
    Row {
        name: "demo",
        command: "demo",
        args: &[
            "--db",
            "{out}/demo.redb",
            "demo",
            "--visitors",
            "3",
            "--days",
            "2",
        ],
        may: [NoSignIn; 3],
    },
    Row {
        name: "staff add",
        command: "staff add",
        args: &["staff", "add", "neu", "--role", "volunteer"],
        may: [Yes, No, No],
    },
    Row {
        name: "staff passwd (own)",
        command: "staff passwd",
        args: &["staff", "passwd", "{me}"],
        may: [Yes, Yes, Yes],
    },
    Row {
        name: "staff passwd (another's)",
        command: "staff passwd",
        args: &["staff", "passwd", "helfer2"],
        may: [Yes, No, No],
    },
    Row {
        name: "staff list",
        command: "staff list",
        args: &["staff", "list"],
        may: [Yes, No, No],
    },
    Row {
        name: "staff disable",
        command: "staff disable",
        args: &["staff", "disable", "helfer2"],
        may: [Yes, No, No],
    },
    Row {
        name: "import visitors",
        command: "import visitors",
        args: &["import", "visitors", "{csv}"],
        may: [Yes, No, No],
    },
    Row {
        name: "find",
        command: "find",
        args: &["find", "Testperson"],
        may: [Yes, Yes, No],
    },
    Row {
        name: "verify",
        command: "verify",
        args: &["verify"],
        may: [Yes, Yes, No],
    },
    Row {
        name: "report day",
        command: "report day",
        args: &["report", "day"],
        may: [Yes, Yes, Yes],
    },
    Row {
        name: "report day --names",
        command: "report day",
        args: &["report", "day", "--names"],
        may: [Yes, No, No],
    },
    Row {
        name: "report period",
        command: "report period",
        args: &[
            "report",
            "period",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
        may: [Yes, No, No],
    },
    Row {
        name: "export visitor",
        command: "export visitor",
        args: &["export", "visitor", "1", "--output", "{out}"],
        may: [Yes, No, No],
    },
    Row {
        name: "erase visitor",
        command: "erase visitor",
        args: &["erase", "visitor", "1", "--yes"],
        may: [Yes, No, No],
    },
    Row {
        name: "backup",
        command: "backup",
        args: &["backup", "{out}/kopie.redb"],
        may: [Yes, Yes, No],
    },
    Row {
        name: "rekey",
        command: "rekey",
        args: &["rekey"],
        may: [Yes, No, No],
    },
    Row {
        name: "restore",
        command: "restore",
        args: &["restore", "{backup}", "--force"],
        may: [Yes, No, No],
    },
    Row {
        name: "pool add",
        command: "pool add",
        args: &[
            "pool",
            "add",
            "Testperson Neu",
            "--languages",
            "Arabisch:good",
        ],
        may: [Yes, No, No],
    },
    Row {
        name: "pool list",
        command: "pool list",
        args: &["pool", "list"],
        may: [Yes, Yes, Yes],
    },
    Row {
        name: "pool remove",
        command: "pool remove",
        args: &["pool", "remove", "Testperson Almaz", "--yes"],
        may: [Yes, No, No],
    },
    Row {
        name: "request add",
        command: "request add",
        args: &[
            "request",
            "add",
            "1",
            "--language",
            "Arabisch",
            "--purpose",
            "Arzttermin",
            "--at",
            "2030-01-07 10:00",
        ],
        may: [Yes, Yes, No],
    },
    Row {
        name: "request list",
        command: "request list",
        args: &["request", "list"],
        may: [Yes, Yes, No],
    },
    Row {
        name: "request assign",
        command: "request assign",
        args: &["request", "assign", "1", "Almaz"],
        may: [Yes, Yes, No],
    },
    Row {
        name: "request done",
        command: "request done",
        args: &["request", "done", "1"],
        may: [Yes, Yes, No],
    },
    Row {
        name: "request not-met",
        command: "request not-met",
        args: &["request", "not-met", "1", "--reason", "niemand frei"],
        may: [Yes, Yes, No],
    },
];

/// A database with one account of each role (and a second volunteer whose
/// passphrase others try to change), one visitor, a backup and a CSV file.
struct Prepared {
    dir: tempfile::TempDir,
}

impl Prepared {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("vorlage.redb");
        let (coordinator, pass) = ROLES[0];
        let (desk, login) =
            Desk::create(&db, coordinator, &Passphrase::new(pass), KdfParams::MINIMUM).unwrap();
        for ((user, pass), role) in ROLES[1..]
            .iter()
            .chain(&[("helfer2", "volunteer-pass-2")])
            .zip([Role::Receptionist, Role::Volunteer, Role::Volunteer])
        {
            desk.add_staff(
                &login,
                user,
                role,
                &Passphrase::new(*pass),
                KdfParams::MINIMUM,
            )
            .unwrap();
        }
        desk.register_visitor(&login, &person("Testperson Matrix", "", 1980), true, None)
            .unwrap();
        desk.backup(&login, &dir.path().join("sicherung.redb"))
            .unwrap();
        drop(desk);
        // The interpreter pool: one member and one request to act on.
        for args in [
            &[
                "pool",
                "add",
                "Testperson Almaz",
                "--languages",
                "Arabisch:native",
            ][..],
            &[
                "request",
                "add",
                "1",
                "--language",
                "Arabisch",
                "--purpose",
                "Arzttermin",
                "--at",
                "2030-01-07 10:00",
            ][..],
        ] {
            Command::cargo_bin("mila")
                .unwrap()
                .env_clear()
                .env("MILA_DB", &db)
                .env("MILA_KDF", "minimum")
                .env("MILA_USER", coordinator)
                .env("MILA_PASSPHRASE", pass)
                .env("MILA_CONFIG_DIR", dir.path().join("config"))
                .env("HOME", dir.path())
                .args(args)
                .assert()
                .success();
        }
        std::fs::write(
            dir.path().join("liste.csv"),
            "name;phone\nFakename Import;0151 000\n",
        )
        .unwrap();
        Self { dir }
    }

    /// A fresh copy of the database for one run: erasures and restores
    /// must not change what the next run starts from.
    fn run(&self, row: &Row, role: usize) -> std::process::Output {
        let (user, pass) = ROLES[role];
        let out = self
            .dir
            .path()
            .join(format!("run-{role}-{}", slug(row.name)));
        std::fs::create_dir_all(&out).unwrap();
        let db = out.join("mila.redb");
        std::fs::copy(self.dir.path().join("vorlage.redb"), &db).unwrap();
        let fill = |arg: &str| -> String {
            arg.replace("{out}", &out.display().to_string())
                .replace("{me}", user)
                .replace(
                    "{backup}",
                    &self.dir.path().join("sicherung.redb").display().to_string(),
                )
                .replace(
                    "{csv}",
                    &self.dir.path().join("liste.csv").display().to_string(),
                )
        };
        let mut cmd = Command::cargo_bin("mila").unwrap();
        cmd.env_clear()
            .env("MILA_DB", &db)
            .env("MILA_KDF", "minimum")
            .env("MILA_USER", user)
            .env("MILA_PASSPHRASE", pass)
            .env("MILA_NEW_PASSPHRASE", "a-new-passphrase-1")
            .env("MILA_CONFIG_DIR", out.join("config"))
            .env("HOME", &out)
            .current_dir(&out)
            .args(row.args.iter().map(|a| fill(a)));
        cmd.output().unwrap()
    }
}

fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

fn refused(stderr: &str) -> bool {
    stderr.contains("may not do this")
}

#[test]
fn every_command_for_every_role_is_allowed_or_refused_as_the_table_says() {
    let prepared = Prepared::new();
    let mut wrong = Vec::new();
    for row in MATRIX {
        for (role, may) in row.may.iter().enumerate() {
            let out = prepared.run(row, role);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let ok = match may {
                Yes | NoSignIn => out.status.success(),
                No => out.status.code() == Some(1) && refused(&stderr),
            };
            if !ok {
                wrong.push(format!(
                    "{} as {}: expected {:?}, exit {:?}: {}",
                    row.name,
                    ROLES[role].0,
                    may,
                    out.status.code(),
                    stderr.trim()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// The rows of the README's table between its two markers.
fn readme_rows() -> Vec<(String, Vec<String>)> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- role-matrix -->")
        .expect("README marks its role table with <!-- role-matrix -->");
    let end = readme
        .find("<!-- /role-matrix -->")
        .expect("and <!-- /role-matrix -->");
    readme[start..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect();
            let name = cells[0]
                .trim_matches('`')
                .trim_start_matches("mila ")
                .to_string();
            (name, cells[1..].to_vec())
        })
        .collect()
}

#[test]
fn the_readme_table_says_what_the_matrix_says() {
    let readme = readme_rows();
    let expected: Vec<(String, Vec<String>)> = MATRIX
        .iter()
        .map(|row| {
            (
                row.name.to_string(),
                row.may.iter().map(|m| m.readme().to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(readme, expected);
}

fn help_commands(path: &[&str]) -> Vec<String> {
    let out = Command::cargo_bin("mila")
        .unwrap()
        .env_clear()
        .args(path)
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

fn leaf_commands(path: &mut Vec<String>, out: &mut BTreeSet<String>) {
    let args: Vec<&str> = path.iter().map(String::as_str).collect();
    let subs = help_commands(&args);
    if subs.is_empty() {
        out.insert(path.join(" "));
        return;
    }
    for sub in subs {
        path.push(sub);
        leaf_commands(path, out);
        path.pop();
    }
}

#[test]
fn every_command_of_the_binary_has_a_row() {
    let mut known = BTreeSet::new();
    leaf_commands(&mut Vec::new(), &mut known);
    assert!(
        known.contains("staff add") && known.contains("verify"),
        "{known:?}"
    );
    let covered: BTreeSet<String> = MATRIX.iter().map(|r| r.command.to_string()).collect();
    assert_eq!(
        known, covered,
        "commands without a row, or rows without a command"
    );
}
