//! Encryption at rest, on real files: what a lost laptop gives away (nothing readable), what a
//! wrong passphrase changes (nothing), how an older unencrypted database becomes an encrypted
//! one without loss, how a crash halfway through is recovered, and how a new passphrase
//! reaches the backups.
//!
//! Argon2id takes about a second per key in a debug build, so each test derives only a few.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::*;
use landa_core::backups::{BackupKind, BackupSettings};
use landa_core::clock::{FixedClock, RandomIds};
use landa_core::dto::{HouseholdFilter, HouseholdInput, InteractionInput};
use landa_core::keychain::NoVault;
use landa_core::kinds::InteractionKind;
use landa_core::protection::{
    self, DEFAULT_IDLE_MINUTES, DatabaseState, LockSettings, database_state,
};
use landa_core::{ErrorCode, Landa, OpenOptions};
use landa_store::FileKind;

const PASS: &str = "Fjällräven springer över ängen";
const NEW_PASS: &str = "en helt annan lösenfras 2027";
const WRONG_PASS: &str = "fjällräven springer över ängen";

/// Personal data typed into the tests below: none of it may be found in any file on disk.
const MARKERS: &[&str] = &[
    "Zqx7Markör",
    "Zqx7Mark",
    "Jelqa8Ylva",
    "Vrixt5Öberg",
    "Vrixt5",
    "zqx7marker@example.se",
    "zqx7marker",
    "709173388",
    "Zqx7Anteckning",
    "Zqx7Samtal",
    "Qwpz3Karin",
];

fn options(seed: u64) -> OpenOptions {
    OpenOptions {
        clock: Arc::new(FixedClock::at(t("2026-11-23T10:00:00Z"))),
        ids: Arc::new(RandomIds::seeded(seed)),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// Every file under `dir`, recursively, with its bytes.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("the test folder can be listed") {
            let path = entry.expect("a folder entry can be read").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a file in the test folder can be read");
                out.insert(path, bytes);
            }
        }
    }
    out
}

fn names(files: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    files.keys().map(|p| p.display().to_string()).collect()
}

/// The byte forms personal text could take on disk: UTF-8 as typed and lowercased (search
/// indexes fold case), and UTF-16LE for ASCII text (SQLite can store text that way).
fn forms(marker: &str) -> Vec<Vec<u8>> {
    let mut out = vec![
        marker.as_bytes().to_vec(),
        marker.to_lowercase().into_bytes(),
    ];
    if marker.is_ascii() {
        out.push(utf16le(marker));
        out.push(utf16le(&marker.to_lowercase()));
    }
    out
}

/// Asserts that no file under `dir` holds any of `markers` in any form, nor looks like a plain
/// SQLite file.
fn assert_nothing_readable(dir: &Path, markers: &[&str], when: &str) {
    let files = files_under(dir);
    assert!(
        !files.is_empty(),
        "{when}: there must be files to inspect, or the check proves nothing"
    );
    for (path, bytes) in &files {
        for marker in markers {
            for form in forms(marker) {
                assert!(
                    !contains(bytes, &form),
                    "{when}: {} holds the personal text {marker:?} in the clear",
                    path.display()
                );
            }
        }
        assert!(
            !contains(bytes, b"SQLite format 3"),
            "{when}: {} looks like a plain SQLite file; every database file must be encrypted",
            path.display()
        );
    }
}

/// Asserts that the same files exist with the same bytes (without printing megabytes).
fn assert_same_files(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
    why: &str,
) {
    assert_eq!(
        names(after),
        names(before),
        "{why}: no file may appear or disappear"
    );
    for (path, bytes) in before {
        assert!(
            after.get(path) == Some(bytes),
            "{why}: {} changed",
            path.display()
        );
    }
}

fn dump(l: &Landa) -> String {
    landa_store::data_dump(l.connection()).expect("the data can be dumped")
}

fn found(l: &Landa, query: &str) -> u32 {
    l.list_households(&HouseholdFilter {
        query: Some(query.into()),
        ..Default::default()
    })
    .expect("the household list can be read")
    .total
}

fn settings_in(folder: &Path) -> BackupSettings {
    BackupSettings {
        folder: Some(folder.to_string_lossy().into_owned()),
        keep: 5,
        automatic: true,
    }
}

fn marker_household() -> HouseholdInput {
    let mut ylva = adult("Jelqa8Ylva", "Vrixt5Öberg");
    ylva.emails = vec!["zqx7marker@example.se".into()];
    ylva.phones = vec!["070-917 33 88".into()];
    HouseholdInput {
        name: "Zqx7Markör Hushåll".into(),
        notes: "Zqx7Anteckning: vill flytta till Östersund till hösten".into(),
        ..household(vec![ylva, child("Sigge", "Vrixt5Öberg", 2019)])
    }
}

#[test]
fn lost_laptop_files_hold_no_readable_personal_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let path = data.join("landa.db");
    let backups = dir.path().join("säkerhetskopior");

    let mut l = Landa::create_protected(&path, PASS, PASS, options(1))
        .expect("a new database is created under a good passphrase");
    l.create_user("Qwpz3Karin Lindgren").unwrap();
    let saved = l.create_household(&marker_household()).unwrap();
    l.log_interaction(&InteractionInput {
        household_id: Some(saved.id.clone()),
        organisation_id: None,
        kind: InteractionKind::Call,
        occurred_at: None,
        summary: "Zqx7Samtal: ringde om bostäder i Frösön".into(),
    })
    .unwrap();
    l.generate_demo(50, 1).unwrap();
    l.set_backup_settings(settings_in(&backups)).unwrap();
    let made = l.backup_now(BackupKind::Manual).unwrap();
    assert!(
        Path::new(&made.path).starts_with(&backups),
        "the backup must be in the chosen folder, which the walk below inspects"
    );

    // While the app runs, the newest pages sit in the WAL: it must be encrypted as well.
    assert!(
        data.join("landa.db-wal").exists(),
        "an open database has a WAL file, and the check below must have read it"
    );
    assert_nothing_readable(dir.path(), MARKERS, "while the database is open");

    drop(l);
    assert_nothing_readable(dir.path(), MARKERS, "after the app is closed");

    // The markers really were written: the passphrase reads every one of them back.
    let l = Landa::unlock(&path, PASS, options(2)).expect("the right passphrase unlocks");
    assert_eq!(
        found(&l, "Zqx7Markör"),
        1,
        "the marker household is in the database, so its absence on disk means encryption"
    );
    let count = |sql: &str| -> i64 {
        l.connection()
            .query_row(sql, [], |r| r.get(0))
            .expect("the count can be read")
    };
    assert_eq!(
        count(
            "SELECT count(*) FROM persons WHERE emails LIKE '%zqx7marker@example.se%' AND phones LIKE '%709173388%'"
        ),
        1,
        "the marker email and phone were stored"
    );
    assert_eq!(
        count("SELECT count(*) FROM interactions WHERE summary LIKE 'Zqx7Samtal%'"),
        1,
        "the marker interaction was stored"
    );
    assert_eq!(
        count("SELECT count(*) FROM users WHERE name = 'Qwpz3Karin Lindgren'"),
        1,
        "the marker user was stored"
    );
    assert_eq!(
        landa_store::file_kind(Path::new(&made.path)).unwrap(),
        landa_store::file_kind(&path).unwrap(),
        "the backup is encrypted and names the database's own salt"
    );
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landa.db");
    {
        let mut l = Landa::create_protected(&path, PASS, PASS, options(1)).unwrap();
        l.create_user("Karin Lindgren").unwrap();
        l.create_household(&household(vec![adult("Anna", "Berg")]))
            .unwrap();
    }
    let before = files_under(dir.path());

    let err = Landa::unlock(&path, WRONG_PASS, options(2))
        .err()
        .expect("a passphrase that differs only in case must not unlock");
    assert_eq!(
        err.to_api().code,
        ErrorCode::WrongPassphrase,
        "the UI answers a wrong passphrase with its own sentence"
    );
    assert_same_files(
        &before,
        &files_under(dir.path()),
        "a refused unlock must not write anything, not even a WAL",
    );

    let l = Landa::unlock(&path, PASS, options(3))
        .expect("the right passphrase still unlocks after a wrong one");
    assert_eq!(
        found(&l, "Berg"),
        1,
        "the data is all there after a wrong try"
    );
}

#[test]
fn first_start_refuses_weak_passphrases_and_existing_databases() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landa.db");
    assert_eq!(
        database_state(&path).unwrap(),
        DatabaseState::New,
        "an empty data folder is a first start"
    );

    // Length is counted in characters, not bytes.
    assert!(
        protection::check_new_passphrase("åäöåäöåäöå", "åäöåäöåäöå").is_ok(),
        "ten Swedish letters are ten characters: long enough"
    );
    assert!(
        protection::check_new_passphrase("åäöåäöåäö", "åäöåäöåäö").is_err(),
        "nine characters are too short even if they take eighteen bytes"
    );

    for (pass, repeated, field, kind) in [
        ("kort", "kort", "passphrase", "passphrase_too_short"),
        (
            "nio teckn",
            "nio teckn",
            "passphrase",
            "passphrase_too_short",
        ),
        (
            "            ",
            "            ",
            "passphrase",
            "passphrase_too_short",
        ),
        (PASS, WRONG_PASS, "repeated", "passphrases_differ"),
    ] {
        let api = Landa::create_protected(&path, pass, repeated, options(1))
            .err()
            .unwrap_or_else(|| panic!("{pass:?} / {repeated:?} must be refused"))
            .to_api();
        assert_eq!(
            api.code,
            ErrorCode::Validation,
            "{pass:?}: a weak passphrase is the user's to fix"
        );
        assert_eq!(
            api.field.as_deref(),
            Some(field),
            "{pass:?}: the error names the field to fix"
        );
        assert_eq!(
            serde_json::to_value(api.kind).unwrap(),
            serde_json::json!(kind),
            "{pass:?}: the UI explains what was wrong"
        );
        assert!(
            files_under(dir.path()).is_empty(),
            "{pass:?}: a refused passphrase must not leave a database behind, found {:?}",
            names(&files_under(dir.path()))
        );
        assert_eq!(
            database_state(&path).unwrap(),
            DatabaseState::New,
            "{pass:?}: still a first start"
        );
    }

    drop(
        Landa::create_protected(&path, PASS, PASS, options(1))
            .expect("a good passphrase creates the database"),
    );
    assert_eq!(
        database_state(&path).unwrap(),
        DatabaseState::Encrypted,
        "the new database is encrypted from the start"
    );
    let before = files_under(dir.path());

    let api = Landa::create_protected(&path, NEW_PASS, NEW_PASS, options(2))
        .err()
        .expect("a first start must never replace an existing database")
        .to_api();
    assert_eq!(
        api.code,
        ErrorCode::Validation,
        "refused as input, not as a crash"
    );
    assert_eq!(
        serde_json::to_value(api.kind).unwrap(),
        serde_json::json!("database_not_empty"),
        "the UI says a database is already there"
    );
    assert_same_files(
        &before,
        &files_under(dir.path()),
        "a refused first start leaves the existing database as it was",
    );
}

/// The test's plain database as an older Landa left it: schema version 4, a hot WAL.
const OLD_VERSION: u32 = 4;

/// Each table's rows as text, over the given columns, in a stable order.
fn rows_over(
    conn: &rusqlite::Connection,
    columns: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, String> {
    columns
        .iter()
        .filter(|(_, cols)| !cols.is_empty())
        .map(|(table, cols)| {
            let quoted: Vec<String> = cols.iter().map(|c| format!("quote(\"{c}\")")).collect();
            let sql = format!(
                "SELECT {} FROM \"{table}\" ORDER BY 1",
                quoted.join(" || '|' || ")
            );
            let rows: Vec<String> = conn
                .prepare(&sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (table.clone(), rows.join("\n"))
        })
        .collect()
}

/// The sections of a data dump, by table.
fn sections(dump: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in dump.lines() {
        if let Some(name) = line.strip_prefix("== ") {
            if let Some((n, rows)) = current.take() {
                out.insert(n, rows);
            }
            current = Some((name.to_owned(), String::new()));
        } else if let Some((_, rows)) = current.as_mut() {
            rows.push_str(line);
            rows.push('\n');
        }
    }
    if let Some((n, rows)) = current {
        out.insert(n, rows);
    }
    out
}

fn household_names(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM households ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_plain_database_from_an_older_landa_is_encrypted_without_loss() {
    let old = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landa.db");
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    let backup = backups.join("landa-backup-2026-11-20T10-00-00Z-manual.db");

    // An older Landa's database, built where that Landa ran: plain SQLite in WAL mode.
    let staging_path = old.path().join("landa.db");
    let staging = rusqlite::Connection::open(&staging_path).unwrap();
    let _: String = staging
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    for (name, sql) in &landa_store::MIGRATIONS[..OLD_VERSION as usize] {
        staging
            .execute_batch(sql)
            .unwrap_or_else(|e| panic!("migration {name} applies to a plain file: {e}"));
    }
    staging
        .pragma_update(None, "user_version", OLD_VERSION)
        .unwrap();
    staging
        .execute_batch(
            "INSERT INTO device (singleton, device_id) VALUES (1, 'dev-1');
             INSERT INTO users (id, name, created_at)
                 VALUES ('u-1', 'Qwpz3Karin Lindgren', '2025-03-01T09:00:00Z');
             INSERT INTO local_settings (key, value) VALUES ('current_user', 'u-1');
             INSERT INTO consent_texts (id, purpose, version, text_sv, text_en, created_at)
                 VALUES ('c-1', 'contact_about_moving', 1, 'Vi får kontakta dig.',
                         'We may contact you.', '2025-03-01T09:00:00Z');
             INSERT INTO households (id, name, stage, owner_id, notes, created_at, updated_at)
                 VALUES ('h-1', 'Zqx7Markör Hushåll', 'lead_captured', 'u-1',
                         'Zqx7Anteckning: ringer i maj', '2025-03-02T09:00:00Z',
                         '2025-03-02T09:00:00Z');
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    // A backup as that Landa made them: one plain, self-contained file.
    {
        let mut copy = rusqlite::Connection::open(&backup).unwrap();
        rusqlite::backup::Backup::new(&staging, &mut copy)
            .unwrap()
            .step(-1)
            .unwrap();
        let _: String = copy
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .unwrap();
    }
    // Then more work that is only in the WAL when that Landa stopped (no checkpoint).
    staging
        .execute_batch(
            "PRAGMA wal_autocheckpoint = 0;
             INSERT INTO households (id, name, stage, owner_id, notes, created_at, updated_at)
                 VALUES ('h-2', 'Blorv4Efter Hushåll', 'contacted', 'u-1', NULL,
                         '2025-04-02T09:00:00Z', '2025-04-02T09:00:00Z');",
        )
        .unwrap();
    let plain_dump = landa_store::data_dump(&staging).unwrap();
    // Later migrations may add columns; the rows are compared on the older schema's columns.
    let old_columns: BTreeMap<String, Vec<String>> = sections(&plain_dump)
        .into_keys()
        .map(|table| {
            let columns = staging
                .prepare("SELECT name FROM pragma_table_info(?1)")
                .unwrap()
                .query_map([&table], |r| r.get(0))
                .unwrap()
                .collect::<Result<Vec<String>, _>>()
                .unwrap();
            (table, columns)
        })
        .collect();
    let plain_tables = rows_over(&staging, &old_columns);
    for suffix in ["", "-wal"] {
        std::fs::copy(
            old.path().join(format!("landa.db{suffix}")),
            dir.path().join(format!("landa.db{suffix}")),
        )
        .unwrap();
    }
    drop(staging);

    let markers = ["Zqx7Markör", "Zqx7Anteckning", "Qwpz3Karin", "Blorv4Efter"];
    let before = files_under(dir.path());
    assert!(
        before
            .values()
            .any(|b| contains(b, "Zqx7Markör".as_bytes()))
            && contains(&before[&dir.path().join("landa.db-wal")], b"Blorv4Efter")
            && contains(&before[&backup], "Zqx7Markör".as_bytes()),
        "the plain files hold the markers in the clear, so the checks below can see them"
    );
    assert_eq!(
        database_state(&path).unwrap(),
        DatabaseState::Plain,
        "an older Landa's database is recognised as unencrypted"
    );

    let l = Landa::encrypt_plain(&path, PASS, PASS, options(1))
        .expect("the plain database is encrypted");

    assert_nothing_readable(dir.path(), &markers, "after encryption, open");
    assert_eq!(
        landa_store::user_version(l.connection()).unwrap(),
        landa_store::latest_version(),
        "the older schema is brought up to date after encryption"
    );
    let now = rows_over(l.connection(), &old_columns);
    for (table, rows) in &plain_tables {
        assert_eq!(
            now.get(table),
            Some(rows),
            "table {table} must hold exactly the plain database's rows"
        );
    }
    assert_eq!(
        household_names(l.connection()),
        vec!["Zqx7Markör Hushåll", "Blorv4Efter Hushåll"],
        "both households are there, the one only in the WAL too"
    );
    let notes: String = l
        .connection()
        .query_row("SELECT notes FROM households WHERE id = 'h-1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        notes, "Zqx7Anteckning: ringer i maj",
        "the text is readable with the key"
    );
    let salt = match landa_store::file_kind(&path).unwrap() {
        FileKind::Encrypted { salt } => salt,
        other => panic!("the database must now be encrypted, it is {other:?}"),
    };
    assert_eq!(
        landa_store::file_kind(&backup).unwrap(),
        FileKind::Encrypted { salt },
        "the plain backup was replaced by a copy under the database's own key"
    );
    for leftover in [
        "landa.db.plain",
        "landa.db.encrypting",
        "backups/landa-backup-2026-11-20T10-00-00Z-manual.db.plain",
        "backups/landa-backup-2026-11-20T10-00-00Z-manual.db.encrypting",
    ] {
        assert!(
            !dir.path().join(leftover).exists(),
            "{leftover} must not be left behind after a finished encryption"
        );
    }
    let mut l = l;
    l.restore_backup(&backup, None)
        .expect("the encrypted backup restores with the database's passphrase");
    assert_eq!(
        household_names(l.connection()),
        vec!["Zqx7Markör Hushåll"],
        "the backup holds the state it was made in: before the WAL-only household"
    );
    drop(l);
    assert_nothing_readable(
        dir.path(),
        &markers,
        "after encryption and a restore, closed",
    );
    assert_eq!(
        database_state(&path).unwrap(),
        DatabaseState::Encrypted,
        "the next start asks for the passphrase"
    );
}

/// A plain SQLite file holding `marker`.
fn plain_file(path: &Path, marker: &str) -> Vec<u8> {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("CREATE TABLE gammal (text TEXT)")
        .unwrap();
    conn.execute("INSERT INTO gammal VALUES (?1)", [marker])
        .unwrap();
    drop(conn);
    std::fs::read(path).unwrap()
}

#[test]
fn an_interrupted_encryption_is_undone_or_finished() {
    // Stopped between the two renames: the plain file is aside, the encrypted copy not yet in.
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("landa.db");
        let original = plain_file(&dir.path().join("landa.db.plain"), "Zqx7Markör");
        std::fs::write(dir.path().join("landa.db.encrypting"), vec![0x5a; 8192]).unwrap();
        assert_eq!(
            database_state(&path).unwrap(),
            DatabaseState::Plain,
            "the plain database comes back and encryption starts over"
        );
        assert_eq!(
            std::fs::read(&path).ok(),
            Some(original),
            "the plain database is back in place, byte for byte"
        );
        assert!(
            !dir.path().join("landa.db.plain").exists(),
            "it was moved back, not copied"
        );
        assert!(
            !dir.path().join("landa.db.encrypting").exists(),
            "the unfinished copy is removed"
        );
        // The next start then finishes the job.
        let l = Landa::encrypt_plain(&path, PASS, PASS, options(1))
            .expect("a recovered plain database can be encrypted");
        let text: String = l
            .connection()
            .query_row("SELECT text FROM gammal", [], |r| r.get(0))
            .unwrap();
        assert_eq!(text, "Zqx7Markör", "nothing was lost on the way");
        drop(l);
        assert_nothing_readable(dir.path(), &["Zqx7Markör"], "after finishing");
    }

    // Stopped after the second rename: the encrypted database is in place, the plain one aside.
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("landa.db");
        drop(landa_store::open(&path, &key()).unwrap());
        let encrypted = std::fs::read(&path).unwrap();
        plain_file(&dir.path().join("landa.db.plain"), "Zqx7Markör");
        assert_eq!(
            database_state(&path).unwrap(),
            DatabaseState::Encrypted,
            "the encryption counts as done"
        );
        assert!(
            !dir.path().join("landa.db.plain").exists(),
            "the plain copy left aside is removed"
        );
        assert_eq!(
            std::fs::read(&path).ok(),
            Some(encrypted),
            "the encrypted database is left as it was"
        );
        assert!(
            landa_store::open_read_only(&path, &key()).is_ok(),
            "and it still opens"
        );
        assert_nothing_readable(dir.path(), &["Zqx7Markör"], "after recovery");
    }

    // Stopped while the encrypted copy was being written: the plain database never moved.
    {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("landa.db");
        let original = plain_file(&path, "Zqx7Markör");
        std::fs::write(dir.path().join("landa.db.encrypting"), vec![0x5a; 4096]).unwrap();
        assert_eq!(
            database_state(&path).unwrap(),
            DatabaseState::Plain,
            "still a plain database to encrypt"
        );
        assert!(
            !dir.path().join("landa.db.encrypting").exists(),
            "the half-written copy is removed"
        );
        assert_eq!(
            std::fs::read(&path).ok(),
            Some(original),
            "the plain database is untouched"
        );
    }
}

#[test]
fn changing_the_passphrase_rekeys_the_database_and_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landa.db");
    let folder = dir.path().join("kopior");
    let mut l = Landa::create_protected(&path, PASS, PASS, options(1)).unwrap();
    l.create_user("Karin Lindgren").unwrap();
    l.set_backup_settings(settings_in(&folder)).unwrap();
    l.create_household(&household(vec![adult("Före", "Första")]))
        .unwrap();
    let first = l.backup_now(BackupKind::Manual).unwrap();
    let at_first = dump(&l);
    l.create_household(&household(vec![adult("Före", "Andra")]))
        .unwrap();
    let second = l.backup_now(BackupKind::Manual).unwrap();
    let at_second = dump(&l);
    // A backup from another database (another salt) in the same folder: it keeps its key.
    let foreign = {
        let other = Landa::open(&dir.path().join("annan.db"), &key(), options(9)).unwrap();
        other.backup_into(&folder, BackupKind::Manual).unwrap()
    };
    std::fs::remove_file(dir.path().join("annan.db")).unwrap();
    let backups_before = files_under(&folder);

    // A wrong current passphrase changes nothing.
    let err = l
        .change_passphrase(WRONG_PASS, NEW_PASS, NEW_PASS, &NoVault)
        .expect_err("only the current passphrase may change the passphrase");
    assert_eq!(
        err.to_api().code,
        ErrorCode::WrongPassphrase,
        "the UI says the current passphrase was wrong"
    );
    // A weak new passphrase changes nothing either.
    let err = l
        .change_passphrase(PASS, "kort", "kort", &NoVault)
        .expect_err("a weak new passphrase is refused");
    assert_eq!(
        serde_json::to_value(err.to_api().kind).unwrap(),
        serde_json::json!("passphrase_too_short"),
        "the UI explains what was wrong with the new passphrase"
    );
    assert_same_files(
        &backups_before,
        &files_under(&folder),
        "a refused change must not touch the backups",
    );
    assert_eq!(dump(&l), at_second, "a refused change keeps the data");

    let outcome = l
        .change_passphrase(PASS, NEW_PASS, NEW_PASS, &NoVault)
        .expect("the current passphrase allows a change");
    assert_eq!(
        (outcome.backups_rekeyed, outcome.backups_kept),
        (2, 1),
        "this database's two backups move to the new passphrase, the foreign one keeps its own"
    );
    assert_eq!(dump(&l), at_second, "a new passphrase changes no data");
    drop(l);

    let err = Landa::unlock(&path, PASS, options(2))
        .err()
        .expect("the old passphrase must no longer unlock: it may have leaked");
    assert_eq!(
        err.to_api().code,
        ErrorCode::WrongPassphrase,
        "the old passphrase is simply wrong now"
    );
    let mut l = Landa::unlock(&path, NEW_PASS, options(3)).expect("the new passphrase unlocks");
    assert_eq!(
        dump(&l),
        at_second,
        "the data read under the new passphrase is the data from before"
    );
    assert!(
        landa_store::open_read_only(Path::new(&foreign.path), &key()).is_ok(),
        "the foreign backup still opens with its own key"
    );

    for (made, expected) in [(&first, &at_first), (&second, &at_second)] {
        l.restore_backup(Path::new(&made.path), None)
            .unwrap_or_else(|e| {
                panic!(
                    "{} must restore under the new passphrase: {e}",
                    made.file_name
                )
            });
        assert_eq!(
            &dump(&l),
            expected,
            "{} holds the state it was made in",
            made.file_name
        );
    }
    drop(l);
    assert_nothing_readable(dir.path(), &["Första", "Andra"], "after the change");
}

#[test]
fn a_backup_made_under_another_passphrase_restores_with_that_passphrase() {
    const PASS_A: &str = "lösenfras för dator A";
    const PASS_B: &str = "lösenfras för dator B";
    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();
    let path_b = dir_b.path().join("landa.db");

    let backup = {
        let mut a =
            Landa::create_protected(&dir_a.path().join("landa.db"), PASS_A, PASS_A, options(1))
                .unwrap();
        a.create_user("Karin Lindgren").unwrap();
        a.create_household(&HouseholdInput {
            name: "Från A".into(),
            ..household(vec![adult("Anna", "Från")])
        })
        .unwrap();
        PathBuf::from(a.backup_now(BackupKind::Manual).unwrap().path)
    };
    let backup_bytes = std::fs::read(&backup).unwrap();

    let mut b = Landa::create_protected(&path_b, PASS_B, PASS_B, options(2)).unwrap();
    b.create_user("Per Persson").unwrap();
    let b_before = dump(&b);

    for (passphrase, why) in [
        (None, "B's own passphrase does not open A's backup"),
        (Some(PASS_B), "a wrong passphrase for the backup is refused"),
    ] {
        let err = b
            .restore_backup(&backup, passphrase)
            .expect_err("a backup must not restore without its own passphrase");
        assert_eq!(
            err.to_api().code,
            ErrorCode::WrongPassphrase,
            "{why}: the UI then asks for the backup's passphrase"
        );
        assert_eq!(
            dump(&b),
            b_before,
            "{why}: a refused restore changes nothing"
        );
        assert!(
            b.backup_overview().unwrap().backups.is_empty(),
            "{why}: nothing was kept aside for a restore that never started"
        );
    }

    b.restore_backup(&backup, Some(PASS_A))
        .expect("A's passphrase opens A's backup");
    assert_eq!(found(&b, "Från A"), 1, "A's household is in B now");
    assert_eq!(
        std::fs::read(&backup).ok(),
        Some(backup_bytes),
        "restoring reads the backup and never writes to it"
    );
    drop(b);

    let err = Landa::unlock(&path_b, PASS_A, options(3))
        .err()
        .expect("the restored database must not take the backup's passphrase");
    assert_eq!(
        err.to_api().code,
        ErrorCode::WrongPassphrase,
        "A's passphrase is wrong for B"
    );
    let b = Landa::unlock(&path_b, PASS_B, options(4))
        .expect("the restored database keeps B's passphrase");
    assert_eq!(
        found(&b, "Från A"),
        1,
        "the restored data was written to B's file, under B's key"
    );
}

#[test]
fn lock_settings_are_checked() {
    let (mut l, _) = landa();
    assert_eq!(
        l.lock_settings().unwrap(),
        LockSettings {
            idle_minutes: DEFAULT_IDLE_MINUTES
        },
        "a new installation locks after the default idle time"
    );
    assert_eq!(DEFAULT_IDLE_MINUTES, 10, "ten minutes by default");
    for minutes in [30, 0, 480] {
        assert_eq!(
            l.set_lock_settings(&LockSettings {
                idle_minutes: minutes
            })
            .unwrap(),
            LockSettings {
                idle_minutes: minutes
            },
            "{minutes} minutes is a valid choice (0 means never)"
        );
        assert_eq!(
            l.lock_settings().unwrap().idle_minutes,
            minutes,
            "{minutes} minutes is kept"
        );
    }
    l.set_lock_settings(&LockSettings { idle_minutes: 30 })
        .unwrap();
    let api = l
        .set_lock_settings(&LockSettings { idle_minutes: 481 })
        .expect_err("more than a working day is refused")
        .to_api();
    assert_eq!(api.code, ErrorCode::Validation, "the user's to fix");
    assert_eq!(
        api.field.as_deref(),
        Some("idle_minutes"),
        "the error names the field"
    );
    assert_eq!(
        serde_json::to_value(api.kind).unwrap(),
        serde_json::json!("out_of_range"),
        "the UI says the value is out of range"
    );
    assert_eq!(
        l.lock_settings().unwrap().idle_minutes,
        30,
        "a refused setting keeps the one before"
    );
}

#[test]
fn plain_backups_left_by_an_interrupted_encryption_are_encrypted_at_the_next_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landa.db");
    let backups = dir.path().join("backups");
    drop(Landa::create_protected(&path, PASS, PASS, options(1)).unwrap());
    // encrypt_plain swapped the encrypted database in, then stopped (a power cut, a full disk)
    // while it replaced the plain backups: one not yet reached, one between its two renames.
    std::fs::create_dir_all(&backups).unwrap();
    let old_landa = |file: &Path| {
        let conn = rusqlite::Connection::open(file).unwrap();
        for (_, sql) in landa_store::MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", landa_store::latest_version())
            .unwrap();
        conn.execute(
            "INSERT INTO device (singleton, device_id) VALUES (1, 'dev-1')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO households (id, name, stage, created_at, updated_at)
             VALUES ('h-1', 'Zqx7Markör Hushåll', 'lead_captured', '2025-03-02T09:00:00Z',
                     '2025-03-02T09:00:00Z')",
            [],
        )
        .unwrap();
    };
    old_landa(&backups.join("landa-backup-2026-11-20T10-00-00Z-manual.db"));
    old_landa(&backups.join("landa-backup-2026-11-21T10-00-00Z-manual.db.plain"));
    std::fs::write(
        backups.join("landa-backup-2026-11-21T10-00-00Z-manual.db.encrypting"),
        vec![0x5a; 4096],
    )
    .unwrap();

    assert_eq!(
        database_state(&path).unwrap(),
        DatabaseState::Encrypted,
        "the database itself was encrypted before the interruption"
    );
    let l = Landa::unlock(&path, PASS, options(2)).expect("the database unlocks");
    assert_eq!(
        l.backup_overview().unwrap().backups.len(),
        2,
        "no backup may be lost to the interruption"
    );
    drop(l);
    assert_nothing_readable(
        dir.path(),
        &["Zqx7Markör"],
        "after the next unlock, no backup may stay in the clear",
    );
}

#[test]
fn a_coordinator_signs_in_on_a_shared_device_and_the_sign_in_is_logged() {
    let (mut l, _) = landa();
    let ahmed = l.create_user("Ahmed Yousef").unwrap();
    assert_ne!(
        l.current_user().unwrap().map(|u| u.id),
        Some(ahmed.id.clone()),
        "someone else was signed in"
    );
    let signed = l.sign_in(&ahmed.id).unwrap();
    assert_eq!(signed.name, "Ahmed Yousef");
    let h = l
        .create_household(&household(vec![adult("Vera", "Holm")]))
        .unwrap()
        .id;
    let (by, sign_ins): (Option<String>, i64) = l
        .connection()
        .query_row(
            "SELECT (SELECT user_id FROM change_log WHERE row_id = ?1 LIMIT 1),
                    (SELECT count(*) FROM read_log WHERE kind = 'sign_in' AND user_id = ?2)",
            [&h, &ahmed.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        by,
        Some(ahmed.id.clone()),
        "changes are signed by who signed in"
    );
    assert_eq!(sign_ins, 1, "the sign-in itself is in the audit trail");
    let before = landa_store::data_dump(l.connection()).unwrap();
    assert_eq!(
        l.sign_in("0190e0a0-0000-7000-8000-000000000000")
            .unwrap_err()
            .to_api()
            .code,
        ErrorCode::NotFound,
        "an unknown coordinator cannot sign in"
    );
    assert_eq!(landa_store::data_dump(l.connection()).unwrap(), before);
    assert_eq!(l.current_user().unwrap().map(|u| u.id), Some(ahmed.id));
}
