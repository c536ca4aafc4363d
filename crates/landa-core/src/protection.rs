//! Encryption at rest: how a passphrase becomes the database key, how a database is created
//! protected, unlocked, converted from an older unencrypted file, and given a new passphrase.
//!
//! The key is Argon2id(passphrase, salt), where the salt is the 16 bytes SQLCipher keeps in the
//! clear at the start of every encrypted file. So every copy of the database (a backup, a file
//! carried to a new computer) names its own salt and opens with the passphrase alone; nothing
//! secret or personal sits beside the database. `docs/decisions.md` explains the choice.

use std::fs;
use std::path::{Path, PathBuf};

use landa_domain::{ValidationError, ValidationKind};
use landa_store::{FileKind, StoreError};
use serde::Serialize;

use crate::app::{Landa, OpenOptions, get_local, set_local};
use crate::backups::list_backups;
use crate::error::{Error, Result};
use crate::keychain::{KeyVault, KeychainState};

pub use landa_store::Key;

/// The shortest passphrase Landa accepts, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// The longest: beyond this it is surely a pasted file, not a passphrase.
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// Argon2id with 64 MiB, three passes, one lane (RFC 9106's second recommendation, with one
/// lane because the implementation runs on one thread): about a quarter of a second per try on
/// a laptop, and every guess costs an attacker the same memory.
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_PASSES: u32 = 3;
const KDF_LANES: u32 = 1;

/// What the database file in the data folder is, before anything opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DatabaseState {
    /// No database yet: the first start chooses its protection.
    New,
    /// An unencrypted database from a Landa before encryption: it is encrypted before use.
    Plain,
    /// An encrypted database: the passphrase unlocks it.
    Encrypted,
}

/// What changing the passphrase did to the backups in the backup folder.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PassphraseChanged {
    /// Backups now under the new passphrase.
    pub backups_rekeyed: u32,
    /// Backups that did not open with the old passphrase (made elsewhere, or damaged): they
    /// keep the passphrase they had.
    pub backups_kept: u32,
    /// The keychain after the change: a key it remembered is replaced by the new one.
    pub keychain: KeychainState,
}

/// What [`Landa::encrypt_plain_backups`] did.
#[derive(Debug, Default)]
struct BackupsEncrypted {
    encrypted: u32,
    failed: u32,
}

/// When the window locks itself. Device-local: each computer has its own risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct LockSettings {
    /// Minutes without use before the window locks; 0 means never.
    pub idle_minutes: u32,
}

/// The idle time a new installation gets, in minutes.
pub const DEFAULT_IDLE_MINUTES: u32 = 10;
/// The longest idle time that can be chosen: a working day.
pub const MAX_IDLE_MINUTES: u32 = 480;
const KEY_IDLE_MINUTES: &str = "lock.idle_minutes";

/// `StoreError::WrongKey` as the user's error: the passphrase did not open the database.
pub(crate) fn wrong_key(e: StoreError) -> Error {
    match e {
        StoreError::WrongKey => Error::WrongPassphrase,
        other => Error::Store(other),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The plain file kept aside while it is being replaced by its encrypted copy.
fn plain_aside(path: &Path) -> PathBuf {
    sibling(path, ".plain")
}

/// The encrypted copy being written.
fn encrypting(path: &Path) -> PathBuf {
    sibling(path, ".encrypting")
}

/// Looks at the database file in the data folder, first finishing or undoing an encryption that
/// a crash or a power cut interrupted, so the answer is always one of three clean states.
pub fn database_state(path: &Path) -> Result<DatabaseState> {
    recover_interrupted_encryption(path)?;
    Ok(
        match landa_store::file_kind(path).map_err(Error::FileRead)? {
            FileKind::Missing => DatabaseState::New,
            FileKind::Plain => DatabaseState::Plain,
            FileKind::Encrypted { .. } => DatabaseState::Encrypted,
        },
    )
}

/// An encryption swaps files in two renames (the plain one aside, the encrypted one in). If it
/// stopped in between, the plain file goes back and encryption starts over next time; if it
/// stopped after, the plain one is shredded now. A half-written encrypted copy is removed.
fn recover_interrupted_encryption(path: &Path) -> Result<()> {
    let aside = plain_aside(path);
    let _ = fs::remove_file(encrypting(path));
    if aside.exists() {
        match landa_store::file_kind(path).map_err(Error::FileRead)? {
            FileKind::Missing => fs::rename(&aside, path).map_err(Error::File)?,
            FileKind::Encrypted { .. } => shred(&aside)?,
            // Two plain files cannot both be current: keep the one in place, lose nothing.
            FileKind::Plain => {}
        }
    }
    Ok(())
}

/// Overwrites a file with zeros, flushes, and removes it. On an SSD or a copy-on-write file
/// system old blocks may survive the overwrite (`docs/security.md` says so); it still leaves
/// nothing readable through the file system.
fn shred(path: &Path) -> Result<()> {
    use std::io::Write;
    let len = match fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::File(e)),
    };
    let result = (|| -> std::io::Result<()> {
        let mut file = fs::OpenOptions::new().write(true).open(path)?;
        let zeros = vec![0u8; 64 * 1024];
        let mut left = len;
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            file.write_all(&zeros[..n])?;
            left -= n as u64;
        }
        file.sync_all()
    })();
    result.map_err(Error::File)?;
    fs::remove_file(path).map_err(Error::File)
}

/// Puts the checked encrypted copy `encrypted` in the place of the plain file `plain`: flushed
/// first, then two renames (`recover_interrupted_encryption` finishes or undoes them after a
/// crash), then the plain file is shredded.
fn swap_in(encrypted: &Path, plain: &Path) -> Result<()> {
    fs::File::open(encrypted)
        .and_then(|f| f.sync_all())
        .map_err(Error::File)?;
    fs::rename(plain, plain_aside(plain)).map_err(Error::File)?;
    fs::rename(encrypted, plain).map_err(Error::File)?;
    shred(&plain_aside(plain))
}

/// A new database's salt: a v4 UUID, 122 bits from the operating system's random source —
/// plenty for a salt, which needs to be unique, not secret.
fn new_salt() -> [u8; 16] {
    *uuid::Uuid::new_v4().as_bytes()
}

/// The database key for `passphrase` and the file's `salt`.
pub fn derive_key(passphrase: &str, salt: [u8; 16]) -> Result<Key> {
    let params = argon2::Params::new(KDF_MEMORY_KIB, KDF_PASSES, KDF_LANES, Some(32))
        .map_err(|_| Error::Corrupt("key derivation parameters".into()))?;
    let kdf = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
    kdf.hash_password_into(passphrase.as_bytes(), &salt, bytes.as_mut())
        .map_err(|_| Error::Corrupt("key derivation".into()))?;
    Ok(Key::new(*bytes, salt))
}

/// A new passphrase must be long enough and typed the same twice.
pub fn check_new_passphrase(passphrase: &str, repeated: &str) -> Result<(), ValidationError> {
    let chars = passphrase.chars().count();
    if chars < MIN_PASSPHRASE_CHARS || passphrase.trim().is_empty() {
        return Err(ValidationError::new(
            "passphrase",
            ValidationKind::PassphraseTooShort,
        ));
    }
    if chars > MAX_PASSPHRASE_CHARS {
        return Err(ValidationError::new("passphrase", ValidationKind::TooLong));
    }
    if passphrase != repeated {
        return Err(ValidationError::new(
            "repeated",
            ValidationKind::PassphrasesDiffer,
        ));
    }
    Ok(())
}

/// A key for a new database under a new passphrase (checked), with a new salt.
pub fn new_key(passphrase: &str, repeated: &str) -> Result<Key> {
    check_new_passphrase(passphrase, repeated)?;
    derive_key(passphrase, new_salt())
}

/// The key that opens the encrypted file at `path` with `passphrase`, or why not.
fn key_for_file(path: &Path, passphrase: &str) -> Result<Key> {
    match landa_store::file_kind(path).map_err(Error::FileRead)? {
        FileKind::Encrypted { salt } => derive_key(passphrase, salt),
        FileKind::Missing => Err(ValidationError::new("file", ValidationKind::NoSuchFile).into()),
        FileKind::Plain => Err(Error::WrongPassphrase),
    }
}

impl Landa {
    /// The first start: creates a new encrypted database at `path` under a new passphrase.
    /// Refuses if a database is already there.
    pub fn create_protected(
        path: &Path,
        passphrase: &str,
        repeated: &str,
        options: OpenOptions,
    ) -> Result<Self> {
        let key = new_key(passphrase, repeated)?;
        if database_state(path)? != DatabaseState::New {
            return Err(ValidationError::new("file", ValidationKind::DatabaseNotEmpty).into());
        }
        // A WAL or shared-memory file without its database belongs to nothing: start clean.
        for suffix in ["-wal", "-shm"] {
            let _ = fs::remove_file(sibling(path, suffix));
        }
        let landa = Landa::open(path, &key, options)?;
        tracing::info!("new encrypted database created");
        Ok(landa)
    }

    /// Opens the encrypted database at `path` with its passphrase. A wrong passphrase is
    /// [`Error::WrongPassphrase`] and changes nothing on disk.
    pub fn unlock(path: &Path, passphrase: &str, options: OpenOptions) -> Result<Self> {
        if database_state(path)? != DatabaseState::Encrypted {
            return Err(Error::WrongPassphrase);
        }
        let key = key_for_file(path, passphrase)?;
        let landa = Landa::open(path, &key, options)?;
        landa.finish_backups();
        Ok(landa)
    }

    /// Encrypts any plain backup left in the backup folder. The database is open and encrypted
    /// whatever happens here, so a failure is logged, not returned.
    pub(crate) fn finish_backups(&self) {
        match self.encrypt_plain_backups() {
            Ok(done) if done.encrypted + done.failed > 0 => {
                tracing::info!(
                    encrypted = done.encrypted,
                    failed = done.failed,
                    "plain backups"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(code = ?e.to_api().code, "plain backups were not checked"),
        }
    }

    /// Encrypts an unencrypted database from an older Landa under a new passphrase, without
    /// loss: the encrypted copy is written beside it, checked row for row against the plain one,
    /// and swapped in; the plain file is then overwritten and removed, and so are the plain
    /// backups in the backup folder, each replaced by an encrypted copy. A crash at any step
    /// leaves either the plain database or the encrypted one, whole.
    pub fn encrypt_plain(
        path: &Path,
        passphrase: &str,
        repeated: &str,
        options: OpenOptions,
    ) -> Result<Self> {
        let key = new_key(passphrase, repeated)?;
        if database_state(path)? != DatabaseState::Plain {
            return Err(ValidationError::new("file", ValidationKind::DatabaseNotEmpty).into());
        }
        let target = encrypting(path);
        let copied = (|| -> Result<()> {
            let plain = landa_store::open_plain_for_encryption(path)?;
            landa_store::export_encrypted(&plain, &target, &key)?;
            let copy = landa_store::open_read_only(&target, &key)?;
            let verdict: String = copy.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
            if verdict != "ok" || landa_store::data_dump(&copy)? != landa_store::data_dump(&plain)?
            {
                return Err(Error::Corrupt("the encrypted copy differs".into()));
            }
            drop(copy);
            // Everything in the plain WAL is in the copy: fold it back so nothing is left in
            // the -wal file to shred separately.
            plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            Ok(())
        })();
        if let Err(e) = copied {
            let _ = fs::remove_file(&target);
            return Err(e);
        }
        swap_in(&target, path)?;
        for suffix in ["-wal", "-shm"] {
            shred(&sibling(path, suffix))?;
        }
        let landa = Landa::open(path, &key, options)?;
        tracing::info!("database encrypted");
        landa.finish_backups();
        Ok(landa)
    }

    /// Replaces every plain backup in the backup folder with an encrypted copy under this
    /// database's key, first finishing or undoing a swap a crash interrupted (as for the
    /// database itself). Runs after an encryption and at every unlock, so a backup an
    /// interrupted encryption did not reach is encrypted the next time. A backup that cannot
    /// be read is left as it is and counted, never deleted; the others go on.
    fn encrypt_plain_backups(&self) -> Result<BackupsEncrypted> {
        let key = self.require_key()?;
        let folder = self.backup_plan()?.folder;
        let mut outcome = BackupsEncrypted::default();
        let Ok(entries) = fs::read_dir(&folder) else {
            return Ok(outcome);
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(original) = name.strip_suffix(".plain") {
                recover_interrupted_encryption(&folder.join(original))?;
            } else if name.ends_with(".encrypting") {
                let _ = fs::remove_file(entry.path());
            }
        }
        for backup in list_backups(&folder)? {
            let file = PathBuf::from(&backup.path);
            if landa_store::file_kind(&file).map_err(Error::FileRead)? != FileKind::Plain {
                continue;
            }
            let target = encrypting(&file);
            let result = (|| -> Result<()> {
                let plain = landa_store::open_plain_for_encryption(&file)?;
                landa_store::export_encrypted(&plain, &target, key)?;
                drop(plain);
                swap_in(&target, &file)
            })();
            match result {
                Ok(()) => outcome.encrypted += 1,
                Err(e) => {
                    let _ = fs::remove_file(&target);
                    tracing::warn!(code = ?e.to_api().code, "a plain backup could not be encrypted");
                    outcome.failed += 1;
                }
            }
        }
        Ok(outcome)
    }

    pub fn lock_settings(&self) -> Result<LockSettings> {
        let idle_minutes = get_local(&self.conn, KEY_IDLE_MINUTES)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_IDLE_MINUTES);
        Ok(LockSettings { idle_minutes })
    }

    pub fn set_lock_settings(&mut self, input: &LockSettings) -> Result<LockSettings> {
        if input.idle_minutes > MAX_IDLE_MINUTES {
            return Err(ValidationError::new("idle_minutes", ValidationKind::OutOfRange).into());
        }
        set_local(
            &self.conn,
            KEY_IDLE_MINUTES,
            &input.idle_minutes.to_string(),
        )?;
        self.lock_settings()
    }

    pub(crate) fn require_key(&self) -> Result<&Key> {
        self.key
            .as_ref()
            .ok_or_else(|| ValidationError::new("file", ValidationKind::NoDatabaseFile).into())
    }

    /// Whether `passphrase` is this database's passphrase (the lock screen's check).
    pub fn passphrase_fits(&self, passphrase: &str) -> Result<bool> {
        let key = self.require_key()?;
        Ok(derive_key(passphrase, key.salt())?.same_as(key))
    }

    /// Re-encrypts the database under a new passphrase (`PRAGMA rekey`, one transaction), and
    /// the backups in the backup folder with it: a passphrase is changed because the old one
    /// may have leaked, so no copy should stay under it. A key the keychain remembered is
    /// replaced by the new one.
    pub fn change_passphrase(
        &mut self,
        current: &str,
        new: &str,
        repeated: &str,
        vault: &dyn KeyVault,
    ) -> Result<PassphraseChanged> {
        if !self.passphrase_fits(current)? {
            return Err(Error::WrongPassphrase);
        }
        check_new_passphrase(new, repeated)?;
        let old = self.require_key()?.clone();
        let fresh = derive_key(new, old.salt())?;
        // Asked before the rekey: afterwards the remembered key is the old one.
        let before = self.key_state(vault)?;
        landa_store::rekey(&self.conn, &fresh)?;
        self.key = Some(fresh.clone());
        let keychain = if before == KeychainState::Remembered {
            self.remember_key(vault).unwrap_or_else(|e| {
                // The old key would no longer open anything: remove it rather than keep it.
                tracing::warn!(code = ?e.to_api().code, "the keychain kept the old key");
                let _ = self.forget_key(vault);
                KeychainState::Available
            })
        } else {
            before
        };
        let mut outcome = PassphraseChanged {
            backups_rekeyed: 0,
            backups_kept: 0,
            keychain,
        };
        for backup in list_backups(&self.backup_plan()?.folder)? {
            let file = PathBuf::from(&backup.path);
            // A backup keeps its own salt; most were made here and share this database's.
            let rekeyed = match landa_store::file_kind(&file).map_err(Error::FileRead)? {
                FileKind::Encrypted { salt } if salt == old.salt() => {
                    landa_store::open_for_copy(&file, &old)
                        .and_then(|conn| landa_store::rekey(&conn, &fresh))
                        .is_ok()
                }
                _ => false,
            };
            if rekeyed {
                outcome.backups_rekeyed += 1;
            } else {
                outcome.backups_kept += 1;
            }
        }
        tracing::info!(
            rekeyed = outcome.backups_rekeyed,
            kept = outcome.backups_kept,
            "passphrase changed"
        );
        Ok(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_depends_on_passphrase_and_salt() {
        let a = derive_key("en lång lösenfras", [1; 16]).unwrap();
        assert!(a.same_as(&derive_key("en lång lösenfras", [1; 16]).unwrap()));
        assert!(!a.same_as(&derive_key("en lång lösenfraS", [1; 16]).unwrap()));
        assert!(!a.same_as(&derive_key("en lång lösenfras", [2; 16]).unwrap()));
    }

    #[test]
    fn new_passphrases_are_checked() {
        assert!(check_new_passphrase("kort", "kort").is_err());
        assert!(check_new_passphrase("          ", "          ").is_err());
        let differ = check_new_passphrase("tillräckligt lång", "tillräckligt lang").unwrap_err();
        assert_eq!(differ.kind, ValidationKind::PassphrasesDiffer);
        // Characters, not bytes: ten Swedish letters are ten.
        assert!(check_new_passphrase("åäöåäöåäöå", "åäöåäöåäöå").is_ok());
    }

    #[test]
    fn salts_differ() {
        assert_ne!(new_salt(), new_salt());
    }
}
