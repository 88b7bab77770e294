//! Panics never reach a receptionist as Rust output, and never print their
//! payload (it could carry personal data). redb trusts the pages it reads, so
//! a damaged file can panic inside it; such a panic is reported as damage.

use std::panic::{self, AssertUnwindSafe};
use std::sync::Mutex;

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the default hook (which prints the payload) with one that only
/// remembers where the panic happened.
pub fn install() {
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(at);
        }
    }));
}

/// A caught panic: where it happened, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caught {
    pub location: String,
}

impl Caught {
    /// Damage in the database file shows up as a panic inside redb.
    pub fn is_storage_damage(&self) -> bool {
        self.location.contains("redb")
    }

    /// One line for staff or a script.
    pub fn message(&self) -> String {
        if self.is_storage_damage() {
            "the database file is damaged (an internal consistency check failed); restore the latest backup".into()
        } else {
            format!(
                "internal error at {}; nothing was saved beyond the last confirmed change; please report this",
                self.location
            )
        }
    }
}

/// Runs `f`, turning a panic into [`Caught`].
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Caught> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| Caught {
        location: LAST_PANIC
            .lock()
            .ok()
            .and_then(|mut l| l.take())
            .unwrap_or_else(|| "unknown place".into()),
    })
}
