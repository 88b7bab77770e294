//! I/O faults under the command line: `mila import` on a disk that refuses to
//! let the file grow (a file-size limit, as a full quota behaves) says in one
//! line that nothing was saved, and the file keeps exactly what it held.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output};

use mila::desk::Desk;
use mila::vault::Passphrase;

const USER: &str = "koordination";
const PASS: &str = "cli-passphrase-1";

fn mila(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mila"));
    cmd.env_clear()
        .env("MILA_DB", db)
        .env("MILA_KDF", "minimum")
        .env("MILA_USER", USER)
        .env("MILA_PASSPHRASE", PASS)
        .env("HOME", db.parent().expect("parent"));
    cmd
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run mila");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{out:?}"
    );
    out
}

/// Runs `cmd` with writes beyond `bytes` refused by the kernel (EFBIG).
fn with_file_size_limit(cmd: &mut Command, bytes: u64) -> &mut Command {
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            // Ignored, the signal a growing write raises becomes an error return;
            // the ignored disposition survives exec.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

fn names(db: &Path) -> Vec<String> {
    let desk = Desk::open(db).expect("reopen");
    let login = desk.login(USER, &Passphrase::new(PASS)).expect("login");
    let mut names: Vec<String> = desk
        .visitor_entries(&login)
        .expect("entries")
        .iter()
        .map(|e| e.name.clone())
        .collect();
    names.sort();
    names
}

#[test]
fn an_import_that_cannot_be_written_says_nothing_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("mila.redb");
    assert!(
        run(mila(&db).args(["init", "--user", USER]))
            .status
            .success()
    );
    let one = dir.path().join("eine.csv");
    std::fs::write(&one, "name;phone\nTesta Beispiel;0151 000 111\n").unwrap();
    assert!(
        run(mila(&db).args(["import", "visitors"]).arg(&one))
            .status
            .success()
    );

    let mut csv = String::from("name;phone\n");
    for i in 0..2000 {
        csv.push_str(&format!("Fakename{i:04} Testperson;0151 77{i:04} 99\n"));
    }
    let many = dir.path().join("liste.csv");
    std::fs::write(&many, csv).unwrap();
    let size = std::fs::metadata(&db).unwrap().len();
    let before = std::fs::read(&db).unwrap();

    let out = run(with_file_size_limit(
        mila(&db).args(["import", "visitors"]).arg(&many),
        size,
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("nothing was saved"), "{stderr}");
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("Imported"),
        "{out:?}"
    );

    // The last committed state, whole: one visitor, and the file verifies.
    assert_eq!(std::fs::metadata(&db).unwrap().len(), before.len() as u64);
    assert_eq!(names(&db), ["Testa Beispiel"]);
    let verify = run(mila(&db).arg("verify"));
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );

    // Once there is room again, the same import goes through.
    assert!(
        run(mila(&db).args(["import", "visitors"]).arg(&many))
            .status
            .success()
    );
    assert_eq!(names(&db).len(), 2001);
}
