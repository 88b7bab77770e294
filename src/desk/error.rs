use crate::store::StoreError;
use crate::store::records::VisitorNo;
use crate::vault::VaultError;

use super::roles::Capability;

/// Everything a use case can refuse. The UI maps each variant to a catalog
/// message; `Display` is the English one-liner the CLI prints.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("wrong user name or passphrase")]
    WrongCredentials,
    #[error("this account is deactivated")]
    Deactivated,
    #[error("{0}")]
    Vault(VaultError),
    #[error("your role may not do this ({0})")]
    Forbidden(Capability),
    #[error("no visitor with number {}", super::format_visitor_no(*.0))]
    NoSuchVisitor(VisitorNo),
    #[error("the personal data of visitor {} was erased", super::format_visitor_no(*.0))]
    Erased(VisitorNo),
    #[error("no {0} with that id")]
    NotFound(&'static str),
    #[error("a staff account named '{0}' already exists")]
    StaffExists(String),
    #[error("{field}: {problem}")]
    Invalid {
        field: &'static str,
        problem: String,
    },
    #[error("the session is closed; only a coordinator may change it")]
    SessionClosed,
    #[error("the session is cancelled")]
    SessionCancelled,
    #[error("this key does not belong to this database")]
    ForeignKey,
    // --- Security (issue 13) ---
    #[error(
        "the role of account '{0}' is not the one a coordinator granted (the file was changed outside MiLA Desk); nothing was changed"
    )]
    RoleNotGranted(String),
}

impl From<VaultError> for DeskError {
    fn from(err: VaultError) -> Self {
        match err {
            VaultError::WrongPassphrase => DeskError::WrongCredentials,
            other => DeskError::Vault(other),
        }
    }
}

impl DeskError {
    pub fn invalid(field: &'static str, problem: impl Into<String>) -> Self {
        DeskError::Invalid {
            field,
            problem: problem.into(),
        }
    }
}

pub type DeskResult<T> = Result<T, DeskError>;
