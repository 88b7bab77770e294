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
        DeskError::Invalid { field, .. } => fill(Msg::ErrInvalid, lang, &[("field", field)]),
        DeskError::SessionClosed => Msg::ErrSessionClosed.text(lang).into(),
        DeskError::SessionCancelled => Msg::ErrSessionCancelled.text(lang).into(),
        DeskError::ForeignKey => Msg::ErrForeignKey.text(lang).into(),
        DeskError::Vault(VaultError::WeakParameters { .. }) => {
            Msg::ErrWeakParameters.text(lang).into()
        }
        DeskError::Vault(_) => Msg::ErrTampered.text(lang).into(),
        DeskError::Store(store) => describe_store(store, lang),
    }
}

pub fn describe_store(err: &StoreError, lang: Lang) -> String {
    match err {
        StoreError::DiskFull => Msg::ErrDiskFull.text(lang).into(),
        StoreError::NeedsRestart => Msg::ErrNeedsRestart.text(lang).into(),
        StoreError::Damaged(_) => Msg::ErrDamaged.text(lang).into(),
        StoreError::InUse => Msg::ErrInUse.text(lang).into(),
        StoreError::Io(e) => fill(Msg::ErrFile, lang, &[("detail", &e.to_string())]),
        StoreError::Missing(_)
        | StoreError::Exists(_)
        | StoreError::Foreign(_)
        | StoreError::TooNew { .. } => fill(Msg::ErrFile, lang, &[("detail", &err.to_string())]),
    }
}
