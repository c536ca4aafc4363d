//! The OS keychain remembering the database key, on real encrypted files: a remembered key
//! opens without the passphrase and leaves nothing beside the database; a missing, stale or
//! refusing keychain changes nothing and leaves the passphrase as the way in; a new
//! passphrase replaces the remembered key. The use cases run against `MemoryVault`; the last
//! test runs against the real Secret Service (`scripts/test.sh` starts one for it).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::*;
use landa_core::clock::{FixedClock, RandomIds};
use landa_core::keychain::{
    KeyVault, KeychainState, MemoryVault, NoVault, OsVault, VaultError, account_for, keychain_state,
};
use landa_core::protection::derive_key;
use landa_core::{ErrorCode, Landa, OpenOptions};
use landa_store::FileKind;

const PASS: &str = "Fjällräven springer över ängen";
const NEW_PASS: &str = "en helt annan lösenfras 2027";

fn options(seed: u64) -> OpenOptions {
    OpenOptions {
        clock: Arc::new(FixedClock::at(t("2026-11-24T10:00:00Z"))),
        ids: Arc::new(RandomIds::seeded(seed)),
    }
}

fn salt_of(path: &Path) -> [u8; 16] {
    match landa_store::file_kind(path).expect("the file can be read") {
        FileKind::Encrypted { salt } => salt,
        other => panic!("expected an encrypted file, found {other:?}"),
    }
}

fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("the test folder can be listed")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a file can be read");
            (p, bytes)
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new protected database at `dir/landa.db` with one household in it.
fn new_database(dir: &Path) -> (PathBuf, Landa) {
    let path = dir.join("landa.db");
    let mut l = Landa::create_protected(&path, PASS, PASS, options(1)).unwrap();
    l.create_user("Karin Lindgren").unwrap();
    l.create_household(&household(vec![adult("Ylva", "Öberg")]))
        .unwrap();
    (path, l)
}

fn households(l: &Landa) -> i64 {
    count(l, "households")
}

fn code(e: landa_core::Error) -> ErrorCode {
    e.to_api().code
}

#[test]
fn a_remembered_key_opens_without_the_passphrase_and_nothing_lands_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let vault = MemoryVault::new();
    let (path, l) = new_database(dir.path());
    assert_eq!(
        l.key_state(&vault).unwrap(),
        KeychainState::Available,
        "a keychain answers, and nothing is remembered until the user asks"
    );
    assert_eq!(l.remember_key(&vault).unwrap(), KeychainState::Remembered);
    assert_eq!(l.key_state(&vault).unwrap(), KeychainState::Remembered);
    drop(l);

    assert_eq!(
        keychain_state(&path, &vault).unwrap(),
        KeychainState::Remembered,
        "the start screen sees a remembered key for the closed database"
    );
    let l = Landa::unlock_with_keychain(&path, &vault, options(2))
        .expect("the remembered key opens the database");
    assert_eq!(households(&l), 1, "the data is there");
    drop(l);

    // The key sits in the keychain only: no file in the data folder holds it, raw or as hex.
    let key = derive_key(PASS, salt_of(&path)).unwrap();
    let raw = key.expose_bytes();
    for (file, bytes) in files_under(dir.path()) {
        assert!(
            !contains(&bytes, raw),
            "{} holds the raw key beside the database",
            file.display()
        );
        assert!(
            !contains(&bytes, hex(raw).as_bytes()),
            "{} holds the key as hex beside the database",
            file.display()
        );
    }
    assert_eq!(vault.len(), 1, "one entry: this database's");
}

#[test]
fn nothing_remembered_and_no_keychain_leave_the_passphrase_as_the_way_in() {
    let dir = tempfile::tempdir().unwrap();
    let vault = MemoryVault::new();
    let (path, l) = new_database(dir.path());
    drop(l);
    let before = files_under(dir.path());

    let err = Landa::unlock_with_keychain(&path, &vault, options(2))
        .err()
        .expect("nothing remembered opens nothing");
    assert_eq!(
        code(err),
        ErrorCode::KeychainNotRemembered,
        "the window turns to the passphrase"
    );
    assert_eq!(
        keychain_state(&path, &NoVault).unwrap(),
        KeychainState::Unavailable,
        "no keychain: the first start does not offer it"
    );
    let err = Landa::unlock_with_keychain(&path, &NoVault, options(2))
        .err()
        .expect("no keychain opens nothing");
    assert_eq!(code(err), ErrorCode::KeychainUnavailable);
    assert_eq!(
        files_under(dir.path()),
        before,
        "a failed keychain unlock writes nothing"
    );

    // A remembered key can be forgotten: the next start asks for the passphrase again.
    let l = Landa::unlock(&path, PASS, options(3)).unwrap();
    l.remember_key(&vault).unwrap();
    assert_eq!(l.forget_key(&vault).unwrap(), KeychainState::Available);
    assert!(vault.is_empty(), "forgetting removes the entry");
    let err = l
        .remember_key(&NoVault)
        .expect_err("no keychain cannot remember");
    assert_eq!(code(err), ErrorCode::KeychainUnavailable);
    drop(l);
    let err = Landa::unlock_with_keychain(&path, &vault, options(4))
        .err()
        .expect("a forgotten key opens nothing");
    assert_eq!(code(err), ErrorCode::KeychainNotRemembered);
    assert!(Landa::unlock(&path, PASS, options(5)).is_ok());
}

#[test]
fn a_stale_or_damaged_entry_is_removed_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let vault = MemoryVault::new();
    let (path, l) = new_database(dir.path());
    drop(l);
    let account = account_for(salt_of(&path));
    let before = files_under(dir.path());

    // A key that does not open the file (it was replaced, or the entry edited by hand), and
    // one of the wrong length.
    for secret in [&[7u8; 32][..], &[7u8; 16][..]] {
        vault.overwrite(&account, secret);
        let err = Landa::unlock_with_keychain(&path, &vault, options(2))
            .err()
            .expect("a key that does not fit opens nothing");
        assert_eq!(
            code(err),
            ErrorCode::KeychainNotRemembered,
            "the window turns to the passphrase, as if nothing were remembered"
        );
        assert!(
            vault.is_empty(),
            "the entry that no longer fits is removed, so the next start asks no more"
        );
        assert_eq!(
            files_under(dir.path()),
            before,
            "a wrong key from the keychain writes nothing"
        );
    }
    let l = Landa::unlock(&path, PASS, options(3)).expect("the passphrase still opens");
    assert_eq!(households(&l), 1);
}

#[test]
fn a_keychain_that_refuses_keeps_its_entry_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let vault = MemoryVault::new();
    let (path, l) = new_database(dir.path());
    l.remember_key(&vault).unwrap();
    drop(l);
    let before = files_under(dir.path());

    // A locked keychain whose unlock the user cancelled.
    vault.fail_next(VaultError::Denied);
    let err = Landa::unlock_with_keychain(&path, &vault, options(2))
        .err()
        .expect("a refusing keychain opens nothing");
    assert_eq!(code(err), ErrorCode::KeychainUnavailable);
    assert_eq!(
        vault.len(),
        1,
        "a refusal is not a reason to forget the key"
    );
    assert_eq!(files_under(dir.path()), before);
    assert!(
        Landa::unlock_with_keychain(&path, &vault, options(3)).is_ok(),
        "once the keychain answers again, it opens"
    );

    // A keychain that will not store: remembering fails with a sentence and the database stays
    // open.
    let l = Landa::unlock(&path, PASS, options(4)).unwrap();
    l.forget_key(&vault).unwrap();
    vault.refuse_stores();
    let err = l
        .remember_key(&vault)
        .expect_err("a refused store is reported");
    assert_eq!(code(err), ErrorCode::KeychainUnavailable);
    assert_eq!(households(&l), 1, "the open database is untouched");
}

#[test]
fn a_new_passphrase_replaces_the_remembered_key() {
    let dir = tempfile::tempdir().unwrap();
    let vault = MemoryVault::new();
    let (path, mut l) = new_database(dir.path());
    l.remember_key(&vault).unwrap();
    let outcome = l
        .change_passphrase(PASS, NEW_PASS, NEW_PASS, &vault)
        .unwrap();
    assert_eq!(
        outcome.keychain,
        KeychainState::Remembered,
        "the keychain holds the new key"
    );
    drop(l);
    let l = Landa::unlock_with_keychain(&path, &vault, options(2))
        .expect("the remembered key is the new one, so the next start needs no typing");
    drop(l);
    assert!(Landa::unlock(&path, NEW_PASS, options(3)).is_ok());

    // Not remembered before: a new passphrase does not start remembering it.
    let (other_path, mut other) = new_database(&dir.path().join("annan").tap_create());
    let outcome = other
        .change_passphrase(PASS, NEW_PASS, NEW_PASS, &vault)
        .unwrap();
    assert_eq!(outcome.keychain, KeychainState::Available);
    assert_eq!(
        vault.len(),
        1,
        "only the first database's key is remembered"
    );
    drop(other);
    assert_eq!(
        code(
            Landa::unlock_with_keychain(&other_path, &vault, options(4))
                .err()
                .expect("not remembered")
        ),
        ErrorCode::KeychainNotRemembered
    );

    // A keychain that will not take the new key: the old one would open nothing, so it goes.
    let mut l = Landa::unlock(&path, NEW_PASS, options(5)).unwrap();
    vault.refuse_stores();
    let outcome = l.change_passphrase(NEW_PASS, PASS, PASS, &vault).unwrap();
    assert_eq!(
        outcome.keychain,
        KeychainState::Available,
        "the window says the key is no longer remembered"
    );
    assert_eq!(vault.len(), 0, "no stale key is left in the keychain");
    drop(l);
    assert!(Landa::unlock(&path, PASS, options(6)).is_ok());
}

#[test]
fn each_database_has_its_own_entry() {
    let dir = tempfile::tempdir().unwrap();
    let vault = MemoryVault::new();
    let (first, a) = new_database(&dir.path().join("a").tap_create());
    let (second, b) = new_database(&dir.path().join("b").tap_create());
    a.remember_key(&vault).unwrap();
    b.remember_key(&vault).unwrap();
    assert_eq!(vault.len(), 2, "two databases, two salts, two entries");
    b.forget_key(&vault).unwrap();
    drop((a, b));
    assert!(Landa::unlock_with_keychain(&first, &vault, options(2)).is_ok());
    assert_eq!(
        code(
            Landa::unlock_with_keychain(&second, &vault, options(3))
                .err()
                .expect("forgotten")
        ),
        ErrorCode::KeychainNotRemembered,
        "forgetting one database's key leaves the other's"
    );
}

/// The real keychain: the Secret Service on Linux. `scripts/test.sh` runs this under
/// `dbus-run-session` with gnome-keyring and a throwaway login keyring
/// (`scripts/with-keyring.sh`), never against a developer's own keyring.
#[test]
#[ignore = "needs a Secret Service: scripts/test.sh runs it under scripts/with-keyring.sh"]
fn the_os_keychain_remembers_opens_and_forgets() {
    let dir = tempfile::tempdir().unwrap();
    let vault = OsVault::new();
    assert!(
        vault.available(),
        "the Secret Service started by with-keyring.sh answers"
    );
    let (path, l) = new_database(dir.path());
    assert_eq!(l.key_state(&vault).unwrap(), KeychainState::Available);
    assert_eq!(l.remember_key(&vault).unwrap(), KeychainState::Remembered);
    drop(l);

    // A new connection, as at the next start.
    let fresh = OsVault::new();
    assert_eq!(
        keychain_state(&path, &fresh).unwrap(),
        KeychainState::Remembered
    );
    let l = Landa::unlock_with_keychain(&path, &fresh, options(2))
        .expect("the key in the Secret Service opens the database");
    assert_eq!(households(&l), 1);
    assert_eq!(l.forget_key(&fresh).unwrap(), KeychainState::Available);
    drop(l);
    assert_eq!(
        code(
            Landa::unlock_with_keychain(&path, &OsVault::new(), options(3))
                .err()
                .expect("forgotten")
        ),
        ErrorCode::KeychainNotRemembered
    );
}

trait TapCreate {
    fn tap_create(self) -> Self;
}

impl TapCreate for PathBuf {
    /// The folder, created.
    fn tap_create(self) -> Self {
        std::fs::create_dir_all(&self).expect("the test folder can be made");
        self
    }
}
