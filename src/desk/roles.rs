//! What each role may do. The desk checks this before every use case; the
//! volunteer's inability to read names is also cryptographic (no key slot).

use crate::store::records::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capability {
    ReadPersonal,
    WritePersonal,
    CheckIn,
    Tally,
    ManageSessions,
    CloseSession,
    EditClosedSession,
    ManageOfferings,
    ManageReference,
    ManageStaff,
    Erase,
    ExportPersonal,
    ViewAudit,
    DaySummary,
    PeriodReport,
    NamesReport,
    Import,
    Verify,
    // Sprachvermittlung (issue 16)
    ManagePool,
    // --- Security (issue 13) ---
    /// Write a backup on demand (the one on quitting needs no login).
    Backup,
    /// Replace the database by a backup.
    Restore,
    /// Disable accounts, issue a new data key.
    Rekey,
}

impl std::fmt::Display for Capability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Capability::ReadPersonal => "read personal data",
            Capability::WritePersonal => "register or change visitors",
            Capability::CheckIn => "check visitors in",
            Capability::Tally => "tally heads",
            Capability::ManageSessions => "add or cancel sessions",
            Capability::CloseSession => "close a session",
            Capability::EditClosedSession => "change a closed session",
            Capability::ManageOfferings => "edit offerings",
            Capability::ManageReference => "edit reference lists",
            Capability::ManageStaff => "manage staff accounts",
            Capability::Erase => "erase visitors",
            Capability::ExportPersonal => "export personal data",
            Capability::ViewAudit => "view the audit log",
            Capability::DaySummary => "see the day summary",
            Capability::PeriodReport => "see period reports",
            Capability::NamesReport => "list names in reports",
            Capability::Import => "import visitors",
            Capability::Verify => "verify the database",
            Capability::ManagePool => "manage the interpreter pool",
            Capability::Backup => "make a backup",
            Capability::Restore => "restore a backup",
            Capability::Rekey => "issue a new data key",
        };
        f.write_str(text)
    }
}

pub fn allows(role: Role, capability: Capability) -> bool {
    use Capability::*;
    match role {
        Role::Coordinator => true,
        Role::Receptionist => matches!(
            capability,
            ReadPersonal
                | WritePersonal
                | CheckIn
                | Tally
                | ManageSessions
                | CloseSession
                | DaySummary
                | Verify
                | Backup
        ),
        Role::Volunteer => matches!(capability, CheckIn | Tally | CloseSession | DaySummary),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volunteers_never_read_or_write_personal_data() {
        for cap in [
            Capability::ReadPersonal,
            Capability::WritePersonal,
            Capability::ExportPersonal,
            Capability::NamesReport,
            Capability::Erase,
            Capability::Import,
        ] {
            assert!(!allows(Role::Volunteer, cap), "{cap}");
        }
        assert!(allows(Role::Volunteer, Capability::Tally));
        assert!(allows(Role::Volunteer, Capability::CheckIn));
    }

    #[test]
    fn only_coordinators_erase_and_edit_lists() {
        for cap in [
            Capability::Erase,
            Capability::ManageReference,
            Capability::ManageStaff,
        ] {
            assert!(allows(Role::Coordinator, cap));
            assert!(!allows(Role::Receptionist, cap));
        }
    }
}
