use mila::desk::{Desk, Role};
use mila::vault::KdfParams;

use super::args::{Cli, StaffCommand};
use super::credentials::{login, new_passphrase, passphrase};
use super::{CliResult, Failure, one_line, open_desk};

pub fn init(cli: &Cli, user: &str) -> CliResult {
    let path = cli.db_path();
    let pass = if std::env::var_os("MILA_PASSPHRASE").is_some() || cli.passphrase_file.is_some() {
        passphrase(cli)?
    } else {
        new_passphrase("MILA_PASSPHRASE", user)?
    };
    Desk::create(&path, user, &pass, KdfParams::from_env())?;
    println!(
        "{}",
        one_line(&format!(
            "Created {} with coordinator {user}.",
            path.display()
        ))
    );
    Ok(())
}

pub fn run(cli: &Cli, command: StaffCommand) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    match command {
        StaffCommand::Add { name, role } => {
            let role = Role::parse(&role).ok_or_else(|| Failure(format!("unknown role {role}")))?;
            let pass = new_passphrase("MILA_NEW_PASSPHRASE", &name)?;
            desk.add_staff(&me, &name, role, &pass, KdfParams::from_env())?;
            println!("Added {name} ({}).", role.as_str());
        }
        StaffCommand::Passwd { name } => {
            let pass = new_passphrase("MILA_NEW_PASSPHRASE", &name)?;
            desk.change_passphrase(&me, &name, &pass, KdfParams::from_env())?;
            println!("Changed the passphrase of {name}.");
        }
        StaffCommand::Disable { name } => {
            desk.disable_staff(&me, &name)?;
            println!("Disabled {name}: no sign-in, key slot destroyed.");
        }
        StaffCommand::List => {
            for s in desk.list_staff(&me)? {
                let state = if s.active { "" } else { " (deactivated)" };
                let slot = if s.has_key_slot {
                    "key slot"
                } else {
                    "no key slot"
                };
                let forged = if s.role_confirmed {
                    ""
                } else {
                    " (role NOT as granted: changed outside MiLA Desk)"
                };
                println!("{}\t{}\t{slot}{state}{forged}", s.user, s.role.as_str());
            }
        }
    }
    Ok(())
}

pub fn rekey(cli: &Cli) -> CliResult {
    let desk = open_desk(cli)?;
    let me = login(cli, &desk)?;
    let pass = passphrase(cli)?;
    let handed_out = desk.rekey(&me, &pass, KdfParams::from_env())?;
    println!("New data key issued; backups made before keep the old key.");
    for (user, once) in handed_out {
        // Printed once, for handing over in person; valid until its owner changes it.
        let once = String::from_utf8_lossy(once.as_bytes()).into_owned();
        println!("{user}\tone-time passphrase: {once}\t(change it at the next sign-in)");
    }
    Ok(())
}
