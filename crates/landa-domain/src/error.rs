use serde::Serialize;

/// Why an input was refused. `field` names the input (e.g. `members[1].birth_year`) so the UI
/// can point at it; `kind` is what the UI translates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{field}: {kind}")]
pub struct ValidationError {
    pub field: String,
    pub kind: ValidationKind,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, kind: ValidationKind) -> Self {
        Self {
            field: field.into(),
            kind,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum ValidationKind {
    #[error("must not be empty")]
    Empty,
    #[error("is too long")]
    TooLong,
    #[error("is not a plausible birth year")]
    ImpossibleBirthYear,
    #[error("is not a phone number")]
    InvalidPhone,
    #[error("is not an email address")]
    InvalidEmail,
    #[error("is not a known value")]
    UnknownValue,
    #[error("is not a valid id")]
    InvalidId,
    #[error("is not a valid date")]
    InvalidDate,
    #[error("needs a reason")]
    ReasonRequired,
    #[error("a household needs at least one adult")]
    NoAdult,
    #[error("is not allowed from the current stage")]
    InvalidTransition,
    #[error("is not a possible age for a child")]
    ImpossibleAge,
    #[error("is not an amount of money")]
    InvalidAmount,
    #[error("must be 4 to 8 digits")]
    InvalidPin,
    #[error("needs an email address or a phone number")]
    NoContact,
    #[error("must come after the start")]
    EndsBeforeStart,
    #[error("cannot point to itself")]
    SelfReference,
    #[error("is out of range")]
    OutOfRange,
    #[error("the host is paused, retired or has no free place")]
    HostUnavailable,
    #[error("no one in the household has agreed to share their details with hosts")]
    NoHostConsent,
    #[error("the project requires a host training first")]
    HostNotTrained,
    #[error("the household already has a host")]
    AlreadyMatched,
    #[error("is not allowed in the current status")]
    InvalidStatusChange,
    #[error("the report is submitted and can no longer be changed")]
    ReportSubmitted,
    #[error("is already on the list")]
    AlreadyListed,
    #[error("is not a Landa backup")]
    NotABackup,
    #[error("the backup is damaged")]
    BackupDamaged,
    #[error("the backup was made by a newer Landa")]
    BackupNewer,
    #[error("this database is not a file, so it has no backups")]
    NoDatabaseFile,
    #[error("is not a folder Landa can write to")]
    NotAFolder,
    #[error("is not a Landa export")]
    NotAnExport,
    #[error("was exported by a newer Landa")]
    ExportNewer,
    #[error("a database already exists there")]
    DatabaseNotEmpty,
    #[error("there is no such file")]
    NoSuchFile,
    #[error("the file has no rows to import")]
    FileEmpty,
    #[error("is not a CSV or Excel (XLSX) file")]
    FileUnsupported,
    #[error("the file's text encoding could not be read")]
    FileEncoding,
    #[error("the file is too large to import")]
    FileTooLarge,
    #[error("the file is damaged")]
    FileDamaged,
    #[error("no row of the file can be imported")]
    NothingToImport,
    #[error("is already undone")]
    AlreadyUndone,
    #[error("is not in the same household")]
    NotSameHousehold,
    #[error("must be at least 10 characters")]
    PassphraseTooShort,
    #[error("the two passphrases differ")]
    PassphrasesDiffer,
    #[error("no lawful basis is recorded for sharing this person's details with employers")]
    NoEmployerConsent,
    #[error("is the household's only adult: the request must be about the whole household")]
    OnlyAdult,
    #[error("is not restricted")]
    NotRestricted,
    #[error("does not apply to this kind of rule")]
    NotForThisKind,
}
