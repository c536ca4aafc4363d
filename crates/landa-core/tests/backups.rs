//! Backups and restore on real database files: a restored backup holds exactly what the
//! database held when the backup was made, and nothing a user can do loses the current data.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use landa_core::backups::{self, BackupKind, BackupSettings};
use landa_core::clock::{Clock, FixedClock, RandomIds};
use landa_core::{ErrorCode, Landa, OpenOptions};

fn open_file(dir: &Path) -> (Landa, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(t("2026-11-23T10:00:00Z")));
    let mut l = Landa::open(
        &dir.join("landa.db"),
        &key(),
        OpenOptions {
            clock: clock.clone(),
            ids: Arc::new(RandomIds::seeded(7)),
        },
    )
    .unwrap();
    l.create_user("Karin Lindgren").unwrap();
    (l, clock)
}

fn dump(l: &Landa) -> String {
    landa_store::data_dump(l.connection()).unwrap()
}

fn settings_in(folder: &Path, keep: u32) -> BackupSettings {
    BackupSettings {
        folder: Some(folder.to_string_lossy().into_owned()),
        keep,
        automatic: true,
    }
}

#[test]
fn a_restored_backup_equals_the_source_and_the_replaced_database_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("säkerhetskopior");
    let (mut l, clock) = open_file(dir.path());
    l.generate_demo(60, 3).unwrap();
    l.set_backup_settings(settings_in(&folder, 5)).unwrap();
    let at_backup = dump(&l);
    let schema = landa_store::schema_dump(l.connection()).unwrap();

    let made = l.backup_now(BackupKind::Manual).unwrap();
    assert!(
        made.file_name
            .starts_with("landa-backup-2026-11-23T10-00-00Z-manual")
    );

    // The backup file on its own is a whole database with the same rows.
    {
        let copy = landa_store::open_read_only(Path::new(&made.path), &key()).unwrap();
        assert_eq!(landa_store::data_dump(&copy).unwrap(), at_backup);
        let mode: String = copy
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "a backup is one self-contained file");
    }

    // Work goes on after the backup…
    clock.advance(chrono::Duration::hours(2));
    l.create_household(&household(vec![adult("Efter", "Kopian")]))
        .unwrap();
    let after_work = dump(&l);
    assert_ne!(after_work, at_backup);

    // …and the restore brings back exactly the backup's state.
    let outcome = l.restore_backup(Path::new(&made.path), None).unwrap();
    assert_eq!(
        dump(&l),
        at_backup,
        "the restored data equals the source at backup time"
    );
    assert_eq!(landa_store::schema_dump(l.connection()).unwrap(), schema);
    assert_eq!(outcome.kept_aside.kind, BackupKind::BeforeRestore);
    {
        let aside =
            landa_store::open_read_only(Path::new(&outcome.kept_aside.path), &key()).unwrap();
        assert_eq!(
            landa_store::data_dump(&aside).unwrap(),
            after_work,
            "the database the restore replaced is kept, whole"
        );
    }
    // The app goes on working on the restored database, with the same backup settings.
    assert_eq!(l.backup_settings().unwrap(), settings_in(&folder, 5));
    let found = l
        .list_households(&landa_core::dto::HouseholdFilter {
            query: Some("Kopian".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        found.total, 0,
        "the household made after the backup is gone"
    );
    l.create_household(&household(vec![adult("Ny", "Igen")]))
        .unwrap();

    // Reopening the file shows the restored data too: it was written to disk, not only cached.
    let reopened_dump = {
        let path = l.database_path().unwrap().to_owned();
        drop(l);
        let again = Landa::open(&path, &key(), OpenOptions::default()).unwrap();
        dump(&again)
    };
    assert!(reopened_dump.contains("Igen"));
    assert!(!reopened_dump.contains("Kopian"));
}

#[test]
fn automatic_backups_rotate_and_manual_ones_stay() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kopior");
    let (mut l, clock) = open_file(dir.path());
    l.set_backup_settings(settings_in(&folder, 3)).unwrap();
    assert!(
        l.backup_overview().unwrap().daily_due,
        "no backup yet: one is due"
    );

    l.backup_now(BackupKind::Manual).unwrap();
    for _ in 0..5 {
        clock.advance(chrono::Duration::hours(25));
        let plan = l.backup_plan().unwrap();
        backups::make_backup(
            &plan.source,
            &plan.key,
            &plan.folder,
            BackupKind::Daily,
            clock.now(),
            plan.keep,
        )
        .unwrap();
    }
    l.backup_now(BackupKind::OnQuit).unwrap();

    let list = l.backup_overview().unwrap();
    let kinds: Vec<_> = list.backups.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BackupKind::OnQuit,
            BackupKind::Daily,
            BackupKind::Daily,
            BackupKind::Manual
        ],
        "the newest three automatic backups stay, the manual one is never rotated away"
    );
    assert!(!list.daily_due, "a backup was just made");
    clock.advance(chrono::Duration::hours(24));
    assert!(l.backup_overview().unwrap().daily_due);

    // Two backups in the same second get distinct names.
    let a = l.backup_now(BackupKind::Manual).unwrap();
    let b = l.backup_now(BackupKind::Manual).unwrap();
    assert_ne!(a.file_name, b.file_name);
    // Other files in the folder are never touched or listed.
    std::fs::write(folder.join("anteckningar.txt"), "mine").unwrap();
    l.delete_backup(&a.file_name).unwrap();
    assert!(folder.join("anteckningar.txt").exists());
    assert!(!Path::new(&a.path).exists());
    assert_eq!(
        l.delete_backup("anteckningar.txt")
            .unwrap_err()
            .to_api()
            .code,
        ErrorCode::NotFound,
        "only backups can be deleted through Landa"
    );
}

#[test]
fn a_file_that_is_no_good_backup_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kopior");
    let (mut l, _) = open_file(dir.path());
    l.generate_demo(20, 1).unwrap();
    l.set_backup_settings(settings_in(&folder, 3)).unwrap();
    let before = dump(&l);

    let not_sqlite = dir.path().join("bild.db");
    std::fs::write(&not_sqlite, b"GIF89a not a database at all").unwrap();
    let other_sqlite = dir.path().join("annan.db");
    rusqlite::Connection::open(&other_sqlite)
        .unwrap()
        .execute_batch("CREATE TABLE x (a); INSERT INTO x VALUES (1);")
        .unwrap();
    let newer = dir.path().join("nyare.db");
    let made = l.backup_now(BackupKind::Manual).unwrap();
    std::fs::copy(&made.path, &newer).unwrap();
    landa_store::open_for_copy(&newer, &key())
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let damaged = dir.path().join("trasig.db");
    let mut bytes = std::fs::read(&made.path).unwrap();
    // Overwrite the middle of the file: pages that the integrity check reads.
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0x5A;
    }
    std::fs::write(&damaged, bytes).unwrap();

    for (file, kind) in [
        (dir.path().join("finns-inte.db"), "not_a_backup"),
        (not_sqlite, "not_a_backup"),
        (other_sqlite, "not_a_backup"),
        (newer, "backup_newer"),
        (damaged, "backup_damaged"),
    ] {
        let e = l.restore_backup(&file, None).unwrap_err().to_api();
        assert_eq!(e.code, ErrorCode::Validation, "{}", file.display());
        assert_eq!(
            serde_json::to_value(e.kind).unwrap(),
            serde_json::json!(kind),
            "{}",
            file.display()
        );
        assert_eq!(dump(&l), before, "a refused restore changes nothing");
    }
    let kinds: Vec<_> = l
        .backup_overview()
        .unwrap()
        .backups
        .into_iter()
        .map(|b| b.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![BackupKind::Manual],
        "nothing was kept aside for a restore that never started"
    );
}

#[test]
fn settings_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (mut l, _) = open_file(dir.path());
    let default = l.backup_plan().unwrap();
    assert_eq!(default.folder, dir.path().join("backups"));
    assert_eq!(default.keep, backups::DEFAULT_KEEP);

    for (input, field, kind) in [
        (settings_in(dir.path(), 0), "keep", "out_of_range"),
        (settings_in(dir.path(), 366), "keep", "out_of_range"),
        (
            BackupSettings {
                folder: Some("relativ/mapp".into()),
                keep: 3,
                automatic: true,
            },
            "folder",
            "not_a_folder",
        ),
    ] {
        let e = l.set_backup_settings(input).unwrap_err().to_api();
        assert_eq!(e.field.as_deref(), Some(field));
        assert_eq!(
            serde_json::to_value(e.kind).unwrap(),
            serde_json::json!(kind)
        );
    }
    // A file where the folder should be cannot take backups.
    let file = dir.path().join("en-fil");
    std::fs::write(&file, "x").unwrap();
    let e = l
        .set_backup_settings(settings_in(&file, 3))
        .unwrap_err()
        .to_api();
    assert_eq!(e.field.as_deref(), Some("folder"));
    assert_eq!(
        l.backup_plan().unwrap().folder,
        dir.path().join("backups"),
        "unchanged"
    );

    // An in-memory database has no file to back up.
    let (mem, _) = landa();
    let e = mem.backup_now(BackupKind::Manual).unwrap_err().to_api();
    assert_eq!(
        serde_json::to_value(e.kind).unwrap(),
        serde_json::json!("no_database_file")
    );
}
