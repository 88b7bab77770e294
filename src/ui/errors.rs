//! Desk refusals as sentences staff understand, in their language.

use crate::desk::{DeskError, StoreError, VaultError, format_visitor_no};
use crate::ui::catalog::{Lang, Msg, fill};

pub fn describe(err: &DeskError, lang: Lang) -> String {
    let number = |no| format_visitor_no(no);
    match err {
        DeskError::WrongCredentials => Msg::LoginWrong.text(lang).into(),
        DeskError::Deactivated => Msg::ErrDeactivated.text(lang).into(),
        DeskError::Forbidden(_) => Msg::NotForRole.text(lang).into(),
        DeskError::NoSuchVisitor(no) => {
            fill(Msg::ErrNoSuchVisitor, lang, &[("number", &number(*no))])
        }
        DeskError::Erased(no) => fill(Msg::ErrErased, lang, &[("number", &number(*no))]),
        DeskError::NotFound(_) => Msg::ErrNotFound.text(lang).into(),
        DeskError::StaffExists(user) => fill(Msg::ErrStaffExists, lang, &[("user", user)]),
        DeskError::Invalid { field, .. } => {
            let name = field_label(field).map_or(*field, |m| m.text(lang));
            fill(Msg::ErrInvalid, lang, &[("field", name)])
        }
        DeskError::SessionClosed => Msg::ErrSessionClosed.text(lang).into(),
        DeskError::SessionCancelled => Msg::ErrSessionCancelled.text(lang).into(),
        DeskError::ForeignKey => Msg::ErrForeignKey.text(lang).into(),
        DeskError::RoleNotGranted(_) => Msg::ErrTampered.text(lang).into(),
        DeskError::Vault(VaultError::WeakParameters { .. }) => {
            Msg::ErrWeakParameters.text(lang).into()
        }
        DeskError::Vault(_) => Msg::ErrTampered.text(lang).into(),
        DeskError::Store(store) => describe_store(store, lang),
    }
}

/// The desk names a wrong field by its code name; staff read the label they see on screen.
fn field_label(field: &str) -> Option<Msg> {
    Some(match field {
        "user" => Msg::FieldUser,
        "passphrase" => Msg::FieldPassphrase,
        "name" => Msg::IntakeName,
        "consent" => Msg::IntakeStepConsent,
        "household" => Msg::IntakeStepHousehold,
        "visitor" => Msg::CheckInFieldNumber,
        "label" => Msg::ReportCsvLabel,
        "note" => Msg::CloseNote,
        "title" => Msg::FieldSessionTitle,
        "end" => Msg::FieldEnd,
        "to" => Msg::ReportFieldTo,
        "recurrence" => Msg::FieldRecurrence,
        "tally_categories" => Msg::FieldTally,
        "retention_months" => Msg::RetentionPeriodTitle,
        _ => return None,
    })
}

pub fn describe_store(err: &StoreError, lang: Lang) -> String {
    match err {
        StoreError::DiskFull => Msg::ErrDiskFull.text(lang).into(),
        StoreError::NeedsRestart => Msg::ErrNeedsRestart.text(lang).into(),
        StoreError::Damaged(_) => Msg::ErrDamaged.text(lang).into(),
        StoreError::InUse => Msg::ErrInUse.text(lang).into(),
        StoreError::LegacyJournal(path) => fill(
            Msg::ErrLegacyJournal,
            lang,
            &[(
                "path",
                &crate::text::sanitize::sanitize(&path.display().to_string()),
            )],
        ),
        // The OS's words ("Input/output error") mean nothing at the desk;
        // what matters is that the write did not happen.
        StoreError::Io(_) => Msg::ErrIo.text(lang).into(),
        StoreError::Missing(_)
        | StoreError::Exists(_)
        | StoreError::Foreign(_)
        | StoreError::NotAFile(_)
        | StoreError::TooNew { .. } => fill(Msg::ErrFile, lang, &[("detail", &err.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_field_is_named_as_staff_see_it() {
        let err = DeskError::invalid("tally_categories", "");
        assert_eq!(
            describe(&err, Lang::De),
            "Eingabe nicht gültig (Zählkategorien)."
        );
        assert_eq!(
            describe(&err, Lang::En),
            "Input not valid (Tally categories)."
        );
    }
}
