//! Two error layers (after Mozilla application-services): a rich internal [`Error`], and the
//! small [`ApiError`] the UI branches on by `code`. [`Error::to_api`] is the one place that maps
//! them and decides what is logged: never personal data, so never the values that failed.

use landa_domain::{ValidationError, ValidationKind};
use landa_store::StoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {0}")]
    Validation(#[from] ValidationError),
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    #[error("no current user has been chosen")]
    NoUser,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Clock(#[from] landa_domain::hlc::HlcError),
    #[error("kiosk mode is on")]
    KioskActive,
    #[error("wrong PIN")]
    WrongPin,
    #[error("too many wrong PINs; try again in {seconds} s")]
    PinBlocked { seconds: u32 },
    #[error("could not write the file")]
    File(#[source] std::io::Error),
    #[error("could not read the file")]
    FileRead(#[source] std::io::Error),
    #[error("the passphrase does not open the database")]
    WrongPassphrase,
    #[error("the database is locked")]
    Locked,
    #[error(transparent)]
    Keychain(#[from] crate::keychain::VaultError),
    #[error("the keychain holds no key that opens this database")]
    KeychainNotRemembered,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn not_found(entity: &'static str) -> Self {
        Error::NotFound { entity }
    }
}

/// What the UI can branch on. Codes are stable; the UI translates each into a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Validation,
    InvalidStageTransition,
    ReasonRequired,
    NoUser,
    DatabaseNewer,
    StorageFull,
    Storage,
    Internal,
    /// Only the kiosk's own calls are answered while kiosk mode is on.
    KioskActive,
    WrongPin,
    /// Too many wrong PINs: `message` is not for users; the UI waits and says so.
    PinBlocked,
    /// An export could not be written (folder missing, no permission, disk full).
    FileWrite,
    /// A file the user chose could not be read (no permission, a device that went away).
    FileRead,
    /// The passphrase does not open the database (or the backup).
    WrongPassphrase,
    /// The database is locked (at start, after idle time or on demand): unlock first.
    Locked,
    /// The OS keychain did not answer, or refused (locked, and the unlock was cancelled).
    KeychainUnavailable,
    /// The OS keychain holds no key that opens this database (never remembered, removed, or
    /// no longer fitting): the passphrase opens it.
    KeychainNotRemembered,
}

/// The error that crosses the IPC boundary: `{ code, message, field, kind }`.
/// `message` is English for developers and logs; users see the UI's translation of `code`/`kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{code:?}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The input the error is about, e.g. `members[1].birth_year`.
    pub field: Option<String>,
    /// For validation errors, what was wrong with the field, e.g. `impossible_birth_year`.
    pub kind: Option<ValidationKind>,
}

impl Error {
    pub fn to_api(&self) -> ApiError {
        let plain = |code, message: &str| ApiError {
            code,
            message: message.to_owned(),
            field: None,
            kind: None,
        };
        match self {
            Error::Validation(v) => {
                let code = match v.kind {
                    ValidationKind::InvalidTransition => ErrorCode::InvalidStageTransition,
                    ValidationKind::ReasonRequired => ErrorCode::ReasonRequired,
                    _ => ErrorCode::Validation,
                };
                tracing::debug!(field = %v.field, kind = ?v.kind, "input refused");
                ApiError {
                    code,
                    message: v.to_string(),
                    field: Some(v.field.clone()),
                    kind: Some(v.kind),
                }
            }
            Error::NotFound { entity } => {
                tracing::debug!(entity, "not found");
                plain(ErrorCode::NotFound, &format!("{entity} not found"))
            }
            Error::NoUser => plain(ErrorCode::NoUser, "no current user"),
            Error::Store(StoreError::DatabaseNewer { .. }) => {
                tracing::warn!("{self}");
                plain(ErrorCode::DatabaseNewer, &self.to_string())
            }
            Error::Store(StoreError::Sqlite(e))
            | Error::Sqlite(e)
            | Error::Store(StoreError::Migration { source: e, .. }) => sqlite_to_api(e),
            Error::KioskActive => plain(ErrorCode::KioskActive, "kiosk mode is on"),
            Error::WrongPin => plain(ErrorCode::WrongPin, "wrong PIN"),
            Error::PinBlocked { seconds } => plain(ErrorCode::PinBlocked, &seconds.to_string()),
            Error::File(e) => {
                // The OS message names the path, which may hold a person's name: debug only.
                tracing::debug!(error = %e, "file write failed");
                tracing::warn!(kind = ?e.kind(), "an export could not be written");
                plain(ErrorCode::FileWrite, "the file could not be written")
            }
            Error::FileRead(e) => {
                tracing::debug!(error = %e, "file read failed");
                tracing::warn!(kind = ?e.kind(), "a chosen file could not be read");
                plain(ErrorCode::FileRead, "the file could not be read")
            }
            Error::WrongPassphrase => {
                tracing::info!("a passphrase did not open the database");
                plain(ErrorCode::WrongPassphrase, "wrong passphrase")
            }
            Error::Locked => plain(ErrorCode::Locked, "the database is locked"),
            Error::Keychain(e) => {
                // The platform's text names no person; it helps a support question.
                tracing::warn!(error = %e, "OS keychain");
                plain(
                    ErrorCode::KeychainUnavailable,
                    "the keychain did not answer",
                )
            }
            Error::KeychainNotRemembered => plain(
                ErrorCode::KeychainNotRemembered,
                "the keychain holds no key for this database",
            ),
            Error::Store(StoreError::WrongKey) => {
                tracing::warn!("a key did not open the database");
                plain(ErrorCode::WrongPassphrase, "wrong key")
            }
            Error::Store(StoreError::NoEncryption) => {
                tracing::error!("{self}");
                plain(ErrorCode::Internal, &self.to_string())
            }
            Error::Corrupt(_) | Error::Clock(_) => {
                tracing::error!("{self}");
                plain(ErrorCode::Internal, &self.to_string())
            }
        }
    }
}

fn sqlite_to_api(e: &rusqlite::Error) -> ApiError {
    use rusqlite::ErrorCode as C;
    let code = match e.sqlite_error_code() {
        Some(C::DiskFull) => ErrorCode::StorageFull,
        // Use cases validate input (including dangling ids) before writing; a constraint that
        // still fails is our bug, not something the user can fix in a field.
        Some(C::ConstraintViolation) => ErrorCode::Internal,
        Some(_) => ErrorCode::Storage,
        None => ErrorCode::Internal,
    };
    // SQLite messages hold no row values, only statement text: safe to log, not to show.
    tracing::error!(error = %e, "database error");
    ApiError {
        code,
        message: "the database could not complete the request".into(),
        field: None,
        kind: None,
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        e.to_api()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_error_keeps_field_and_kind_for_the_ui() {
        let api = Error::from(ValidationError::new(
            "members[0].birth_year",
            ValidationKind::ImpossibleBirthYear,
        ))
        .to_api();
        assert_eq!(api.code, ErrorCode::Validation);
        assert_eq!(api.field.as_deref(), Some("members[0].birth_year"));
        assert_eq!(api.kind, Some(ValidationKind::ImpossibleBirthYear));
    }

    #[test]
    fn reason_and_transition_errors_have_their_own_codes() {
        let r = Error::from(ValidationError::new(
            "reason",
            ValidationKind::ReasonRequired,
        ))
        .to_api();
        assert_eq!(r.code, ErrorCode::ReasonRequired);
        let t = Error::from(ValidationError::new(
            "to_stage",
            ValidationKind::InvalidTransition,
        ))
        .to_api();
        assert_eq!(t.code, ErrorCode::InvalidStageTransition);
    }

    #[test]
    fn raw_sqlite_text_never_reaches_the_user() {
        let e = Error::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            Some("database or disk is full".into()),
        ));
        let api = e.to_api();
        assert_eq!(
            api.code,
            ErrorCode::StorageFull,
            "a full disk gets its own sentence"
        );
        assert!(
            !api.message.contains("disk is full"),
            "raw SQLite text stays in the log"
        );
    }
}
