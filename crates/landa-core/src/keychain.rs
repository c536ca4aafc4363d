//! The OS keychain: remembering the database key on this computer, so Landa opens without the
//! passphrase while the person is signed in to their computer account.
//!
//! The key is still Argon2id(passphrase, salt) (`protection`); the keychain only keeps a copy
//! of it, so the passphrase stays the way to open a backup on another computer and the way in
//! when the keychain is emptied. The copy lives in the Secret Service on Linux, the Keychain on
//! macOS and the Credential Manager on Windows — each encrypted with the person's login — and
//! never beside the database. Each database has its own entry, named by its salt, so a second
//! data folder (or a test) never picks up another's key. `docs/decisions.md` explains the
//! choice, `docs/security.md` what it does and does not protect against.
//!
//! The use cases take a [`KeyVault`], so tests run against [`MemoryVault`] and the app
//! against [`OsVault`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use landa_store::FileKind;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::app::{Landa, OpenOptions};
use crate::error::{Error, Result};
use crate::protection::{DatabaseState, Key, database_state};

/// The service name every entry is stored under; the account names the database.
pub const SERVICE: &str = "Landa";
/// The label a keyring manager shows for the entry.
#[cfg(target_os = "linux")]
const LABEL: &str = "Landa: database key";

/// Why the keychain could not do what was asked. Holds no secret and no personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// No keychain answers on this computer (no Secret Service running, no session bus).
    #[error("no keychain answers")]
    Unavailable,
    /// The keychain answered but refused: it is locked and the unlock was cancelled, or this
    /// program may not read the entry.
    #[error("the keychain refused access")]
    Denied,
    /// Anything else the platform reported; the text is the platform's, for the log.
    #[error("the keychain failed: {0}")]
    Failed(String),
}

/// Somewhere a database key can be kept for this computer's user.
pub trait KeyVault: Send + Sync {
    /// Whether a keychain answers at all. Asks nothing of the user.
    fn available(&self) -> bool;
    /// The secret stored for `account`, if any. May make the OS ask the user to unlock
    /// their keychain.
    fn fetch(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, VaultError>;
    /// Stores (or replaces) the secret for `account`.
    fn store(&self, account: &str, secret: &[u8]) -> Result<(), VaultError>;
    /// Removes the secret for `account`; nothing stored is not an error.
    fn forget(&self, account: &str) -> Result<(), VaultError>;
}

/// What the keychain is to the database in the data folder, for the start screen and the
/// settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum KeychainState {
    /// No keychain answers: the passphrase is the only way in.
    Unavailable,
    /// A keychain answers, and holds no key for this database.
    Available,
    /// The keychain holds this database's key: Landa can open without the passphrase.
    Remembered,
}

/// The entry's account for the database whose salt is `salt`. The salt is public (it opens
/// every encrypted file), so the name gives nothing away.
pub fn account_for(salt: [u8; 16]) -> String {
    let mut out = String::with_capacity(9 + 32);
    out.push_str("database-");
    for b in salt {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// The salt of the encrypted database at `path`, read from its first bytes.
fn file_salt(path: &Path) -> Result<Option<[u8; 16]>> {
    Ok(
        match landa_store::file_kind(path).map_err(Error::FileRead)? {
            FileKind::Encrypted { salt } => Some(salt),
            FileKind::Missing | FileKind::Plain => None,
        },
    )
}

/// Whether the keychain holds a key for the closed database at `path`.
pub fn keychain_state(path: &Path, vault: &dyn KeyVault) -> Result<KeychainState> {
    Ok(state_for(vault, file_salt(path)?))
}

/// Whether the keychain holds a key for the database with `salt` (none yet: no file). A
/// keychain that answers with an error counts as holding none: the passphrase is the way in.
fn state_for(vault: &dyn KeyVault, salt: Option<[u8; 16]>) -> KeychainState {
    if !vault.available() {
        return KeychainState::Unavailable;
    }
    let Some(salt) = salt else {
        return KeychainState::Available;
    };
    match vault.fetch(&account_for(salt)) {
        Ok(Some(_)) => KeychainState::Remembered,
        Ok(None) => KeychainState::Available,
        Err(e) => {
            tracing::info!(error = %e, "the keychain could not be asked");
            KeychainState::Available
        }
    }
}

impl Landa {
    /// Opens the encrypted database at `path` with the key the keychain remembers for it.
    /// Nothing remembered is [`Error::KeychainNotRemembered`]; a remembered key that no longer
    /// opens the database (the file was replaced) is removed from the keychain and gives the
    /// same error, so the passphrase screen takes over. Nothing on disk changes on failure.
    pub fn unlock_with_keychain(
        path: &Path,
        vault: &dyn KeyVault,
        options: OpenOptions,
    ) -> Result<Self> {
        if database_state(path)? != DatabaseState::Encrypted {
            return Err(Error::KeychainNotRemembered);
        }
        let salt = file_salt(path)?.ok_or(Error::KeychainNotRemembered)?;
        let account = account_for(salt);
        let secret = vault
            .fetch(&account)
            .map_err(Error::Keychain)?
            .ok_or(Error::KeychainNotRemembered)?;
        let Ok(bytes) = <[u8; 32]>::try_from(secret.as_slice()) else {
            forget_stale(vault, &account);
            return Err(Error::KeychainNotRemembered);
        };
        let key = Key::new(bytes, salt);
        match Landa::open(path, &key, options) {
            Ok(landa) => {
                tracing::info!("database opened with the key in the OS keychain");
                landa.finish_backups();
                Ok(landa)
            }
            // `Landa::open` reports a key that does not fit as a wrong passphrase.
            Err(Error::WrongPassphrase) => {
                forget_stale(vault, &account);
                Err(Error::KeychainNotRemembered)
            }
            Err(e) => Err(e),
        }
    }

    /// Remembers this database's key in the keychain, so the next start opens without the
    /// passphrase.
    pub fn remember_key(&self, vault: &dyn KeyVault) -> Result<KeychainState> {
        let key = self.require_key()?;
        if !vault.available() {
            return Err(Error::Keychain(VaultError::Unavailable));
        }
        vault
            .store(&account_for(key.salt()), key.expose_bytes())
            .map_err(Error::Keychain)?;
        tracing::info!("database key remembered in the OS keychain");
        Ok(KeychainState::Remembered)
    }

    /// Removes this database's key from the keychain: the passphrase is asked for again at
    /// every start.
    pub fn forget_key(&self, vault: &dyn KeyVault) -> Result<KeychainState> {
        let key = self.require_key()?;
        if !vault.available() {
            return Ok(KeychainState::Unavailable);
        }
        vault
            .forget(&account_for(key.salt()))
            .map_err(Error::Keychain)?;
        tracing::info!("database key removed from the OS keychain");
        Ok(KeychainState::Available)
    }

    /// Whether the keychain holds this open database's key.
    pub fn key_state(&self, vault: &dyn KeyVault) -> Result<KeychainState> {
        Ok(state_for(vault, Some(self.require_key()?.salt())))
    }
}

fn forget_stale(vault: &dyn KeyVault, account: &str) {
    tracing::info!("the key in the OS keychain no longer opens the database; removed");
    if let Err(e) = vault.forget(account) {
        tracing::warn!(error = %e, "a stale keychain entry could not be removed");
    }
}

/// No keychain at all: for the CLI's scripted runs and for tests of the passphrase-only path.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoVault;

impl KeyVault for NoVault {
    fn available(&self) -> bool {
        false
    }
    fn fetch(&self, _: &str) -> Result<Option<Zeroizing<Vec<u8>>>, VaultError> {
        Err(VaultError::Unavailable)
    }
    fn store(&self, _: &str, _: &[u8]) -> Result<(), VaultError> {
        Err(VaultError::Unavailable)
    }
    fn forget(&self, _: &str) -> Result<(), VaultError> {
        Err(VaultError::Unavailable)
    }
}

/// A keychain in memory, for tests: it can be told to fail the next call, as a locked
/// keychain whose unlock was cancelled would.
#[derive(Debug, Default)]
pub struct MemoryVault {
    entries: Mutex<HashMap<String, Zeroizing<Vec<u8>>>>,
    fail_next: Mutex<Option<VaultError>>,
    refuse_stores: std::sync::atomic::AtomicBool,
}

impl MemoryVault {
    pub fn new() -> Self {
        Self::default()
    }

    /// The next call (of any kind) fails with `error`.
    pub fn fail_next(&self, error: VaultError) {
        *self.fail_next.lock().unwrap_or_else(|p| p.into_inner()) = Some(error);
    }

    /// Every store from now on fails (a keychain that reads but will not write).
    pub fn refuse_stores(&self) {
        self.refuse_stores
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the secret of `account` behind Landa's back (a test's stale or damaged entry).
    pub fn overwrite(&self, account: &str, secret: &[u8]) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(account.to_owned(), Zeroizing::new(secret.to_vec()));
    }

    fn failure(&self) -> Result<(), VaultError> {
        match self
            .fail_next
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl KeyVault for MemoryVault {
    fn available(&self) -> bool {
        true
    }
    fn fetch(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, VaultError> {
        self.failure()?;
        Ok(self
            .entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(account)
            .cloned())
    }
    fn store(&self, account: &str, secret: &[u8]) -> Result<(), VaultError> {
        self.failure()?;
        if self.refuse_stores.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(VaultError::Denied);
        }
        self.overwrite(account, secret);
        Ok(())
    }
    fn forget(&self, account: &str) -> Result<(), VaultError> {
        self.failure()?;
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(account);
        Ok(())
    }
}

/// The operating system's keychain, through keyring-core and the platform's store: the
/// Secret Service over D-Bus on Linux (with an encrypted session, so the key never crosses
/// the bus in the clear), the Keychain on macOS, the Credential Manager on Windows.
///
/// The connection is made on first use and kept; a failed call drops it, so a keychain that
/// starts later (a login keyring unlocked after Landa started) is found at the next call.
pub struct OsVault {
    store: Mutex<Option<Arc<keyring_core::CredentialStore>>>,
}

impl Default for OsVault {
    fn default() -> Self {
        Self::new()
    }
}

impl OsVault {
    pub fn new() -> Self {
        Self {
            store: Mutex::new(None),
        }
    }

    /// The platform's store, connected now if it was not.
    fn store(&self) -> Result<Arc<keyring_core::CredentialStore>, VaultError> {
        let mut slot = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(store) = slot.as_ref() {
            return Ok(store.clone());
        }
        let store = platform_store().map_err(|e| {
            tracing::debug!(error = %e, "no OS keychain");
            VaultError::Unavailable
        })?;
        *slot = Some(store.clone());
        Ok(store)
    }

    fn entry(&self, account: &str) -> Result<keyring_core::Entry, VaultError> {
        let store = self.store()?;
        // The Secret Service shows a label in the user's keyring manager (Seahorse, KWallet);
        // the other stores take no modifiers.
        #[cfg(target_os = "linux")]
        let entry = keyring_core::Entry::new_in_store_with_modifiers(
            &store,
            SERVICE,
            account,
            &HashMap::from([("label", LABEL)]),
        );
        #[cfg(not(target_os = "linux"))]
        let entry = keyring_core::Entry::new_in_store(&store, SERVICE, account);
        entry.map_err(|e| self.failed(e))
    }

    /// Maps the platform's error, and forgets the connection so the next call makes a new one.
    fn failed(&self, e: keyring_core::Error) -> VaultError {
        *self.store.lock().unwrap_or_else(|p| p.into_inner()) = None;
        match e {
            keyring_core::Error::NoStorageAccess(_) => VaultError::Denied,
            keyring_core::Error::NoDefaultStore => VaultError::Unavailable,
            other => VaultError::Failed(other.to_string()),
        }
    }
}

impl KeyVault for OsVault {
    fn available(&self) -> bool {
        self.store().is_ok()
    }

    fn fetch(&self, account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, VaultError> {
        match self.entry(account)?.get_secret() {
            Ok(secret) => Ok(Some(Zeroizing::new(secret))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            // Two entries for one database (made by hand, or by another program): neither is
            // trusted; the passphrase opens and remembering again replaces them.
            Err(keyring_core::Error::Ambiguous(_)) => Ok(None),
            Err(e) => Err(self.failed(e)),
        }
    }

    fn store(&self, account: &str, secret: &[u8]) -> Result<(), VaultError> {
        match self.entry(account)?.set_secret(secret) {
            Ok(()) => Ok(()),
            Err(keyring_core::Error::Ambiguous(entries)) => {
                for entry in entries {
                    let _ = entry.delete_credential();
                }
                self.entry(account)?
                    .set_secret(secret)
                    .map_err(|e| self.failed(e))
            }
            Err(e) => Err(self.failed(e)),
        }
    }

    fn forget(&self, account: &str) -> Result<(), VaultError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(keyring_core::Error::Ambiguous(entries)) => {
                for entry in entries {
                    entry.delete_credential().map_err(|e| self.failed(e))?;
                }
                Ok(())
            }
            Err(e) => Err(self.failed(e)),
        }
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    let store: Arc<keyring_core::CredentialStore> =
        dbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    let store: Arc<keyring_core::CredentialStore> =
        apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    let store: Arc<keyring_core::CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn platform_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_names_the_salt_in_hex() {
        let mut salt = [0u8; 16];
        salt[0] = 0xab;
        salt[15] = 0x01;
        assert_eq!(
            account_for(salt),
            "database-ab000000000000000000000000000001"
        );
    }

    #[test]
    fn the_memory_vault_fails_once_when_told() {
        let vault = MemoryVault::new();
        vault.store("a", b"secret").unwrap();
        vault.fail_next(VaultError::Denied);
        assert_eq!(vault.fetch("a").unwrap_err(), VaultError::Denied);
        assert_eq!(
            vault.fetch("a").unwrap().as_deref().map(Vec::as_slice),
            Some(&b"secret"[..])
        );
        vault.forget("a").unwrap();
        assert!(vault.fetch("a").unwrap().is_none());
    }
}
