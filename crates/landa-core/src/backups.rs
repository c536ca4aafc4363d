//! Backups: whole copies of the database made with SQLite's online backup API, so a copy taken
//! while the app is writing is still consistent. Each copy is checked (`PRAGMA
//! integrity_check`) before it gets its final name, so a file named `landa-backup-…` in the
//! folder is always a whole, readable database.
//!
//! Automatic copies (daily, and on quit) rotate: the newest `keep` of them stay. Copies the
//! user made by hand, and the copy of the current database kept aside before a restore, are
//! never deleted by Landa.
//!
//! The functions that copy take paths, not a [`Landa`]: the desktop shell runs the daily copy
//! on a thread of its own with its own read connection, so the window never waits for it.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, Utc};
use landa_domain::{ValidationError, ValidationKind};
use landa_store::FileKind;
use rusqlite::Connection;
use rusqlite::backup::Backup;
use serde::{Deserialize, Serialize};

use crate::Landa;
use crate::app::{get_local, set_local};
use crate::error::{Error, Result};
use crate::protection::{Key, derive_key};

/// The prefix every backup file name starts with; other files in the folder are left alone.
pub const FILE_PREFIX: &str = "landa-backup-";
const FILE_SUFFIX: &str = ".db";
/// How many automatic backups are kept when the user has not said.
pub const DEFAULT_KEEP: u32 = 10;
pub const MAX_KEEP: u32 = 365;
/// An automatic backup is due when the newest backup is older than this.
const DAILY: chrono::TimeDelta = chrono::TimeDelta::hours(24);

const KEY_FOLDER: &str = "backup.folder";
const KEY_KEEP: &str = "backup.keep";
const KEY_AUTOMATIC: &str = "backup.automatic";

/// Why a backup was made: it decides whether rotation may delete it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    Manual,
    Daily,
    OnQuit,
    /// The database as it was just before a restore replaced it.
    BeforeRestore,
}

impl BackupKind {
    fn code(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Daily => "daily",
            BackupKind::OnQuit => "on-quit",
            BackupKind::BeforeRestore => "before-restore",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [
            BackupKind::Manual,
            BackupKind::Daily,
            BackupKind::OnQuit,
            BackupKind::BeforeRestore,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// Automatic backups rotate; the others stay until the user deletes them.
    pub fn rotates(self) -> bool {
        matches!(self, BackupKind::Daily | BackupKind::OnQuit)
    }
}

/// One backup file in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BackupInfo {
    pub file_name: String,
    pub path: String,
    pub kind: BackupKind,
    /// RFC 3339, UTC, to the second: when the copy was made (from the file name).
    pub made_at: String,
    /// Bytes as text: a database may outgrow JavaScript's safe integers in principle.
    pub size_bytes: String,
}

/// What the user chose; `folder: None` means the default folder beside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BackupSettings {
    pub folder: Option<String>,
    pub keep: u32,
    pub automatic: bool,
}

/// The backups page: the settings, the folder in use, and what is in it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupOverview {
    pub settings: BackupSettings,
    pub folder: String,
    pub backups: Vec<BackupInfo>,
    /// An automatic backup is on and none was made in the last 24 hours.
    pub daily_due: bool,
}

/// Everything a thread needs to make a backup without holding the database.
#[derive(Debug, Clone)]
pub struct BackupPlan {
    pub source: PathBuf,
    /// The database's key: backups are encrypted with it, like the database.
    pub key: Key,
    pub folder: PathBuf,
    pub keep: u32,
    pub automatic: bool,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct RestoreOutcome {
    /// The database as it was before, kept in the backup folder.
    pub kept_aside: BackupInfo,
    pub restored_from: String,
}

fn file_error(e: std::io::Error) -> Error {
    Error::File(e)
}

fn backup_error(kind: ValidationKind) -> Error {
    Error::Validation(ValidationError::new("backup", kind))
}

/// The file name for a backup made at `at`: `landa-backup-2026-11-23T21-30-15Z-daily.db`.
/// Names sort in time order, and colons are left out for file systems that refuse them.
fn file_name(at: DateTime<Utc>, kind: BackupKind, n: u32) -> String {
    let stamp = at.format("%Y-%m-%dT%H-%M-%SZ");
    let n = if n == 0 {
        String::new()
    } else {
        format!("-{n}")
    };
    format!("{FILE_PREFIX}{stamp}-{}{n}{FILE_SUFFIX}", kind.code())
}

/// Reads a backup's time and kind back from its name; `None` for any other file.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix(FILE_PREFIX)?.strip_suffix(FILE_SUFFIX)?;
    let (stamp, kind) = rest.split_at_checked(20)?;
    let at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H-%M-%SZ")
        .ok()?
        .and_utc();
    let kind = kind.strip_prefix('-')?;
    // A same-second duplicate carries "-2", "-3", … after the kind.
    let kind = match kind.rsplit_once('-') {
        Some((k, n))
            if n.chars().all(|c| c.is_ascii_digit()) && BackupKind::from_code(k).is_some() =>
        {
            k
        }
        _ => kind,
    };
    Some((at, BackupKind::from_code(kind)?))
}

/// The backups in `folder`, newest first. A missing folder has none.
pub fn list_backups(folder: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(file_error(e)),
    };
    let mut out = vec![];
    for entry in entries {
        let entry = entry.map_err(file_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((at, kind)) = parse_name(&name) else {
            continue;
        };
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        out.push(BackupInfo {
            path: entry.path().to_string_lossy().into_owned(),
            file_name: name,
            kind,
            made_at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
            size_bytes: size.to_string(),
        });
    }
    // Names sort by time; the name breaks ties between copies made in the same second.
    out.sort_by(|a, b| (&b.made_at, &b.file_name).cmp(&(&a.made_at, &a.file_name)));
    Ok(out)
}

/// Whether an automatic backup is due: none in `folder` from the last 24 hours.
pub fn daily_due(folder: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(due_in(&list_backups(folder)?, now))
}

/// Whether none of `backups` (a restore's kept-aside copy aside) is younger than a day.
fn due_in(backups: &[BackupInfo], now: DateTime<Utc>) -> bool {
    let newest = backups
        .iter()
        .filter(|b| b.kind != BackupKind::BeforeRestore)
        .filter_map(|b| DateTime::parse_from_rfc3339(&b.made_at).ok())
        .map(|d| d.to_utc())
        .max();
    newest.is_none_or(|at| now - at >= DAILY)
}

/// The automatic daily backup: made when the plan says automatic and none was made in the
/// last 24 hours. Runs on any thread; it opens its own read connection.
pub fn daily_backup_if_due(plan: &BackupPlan) -> Result<Option<BackupInfo>> {
    let now = Utc::now();
    if !plan.automatic || !daily_due(&plan.folder, now)? {
        return Ok(None);
    }
    make_backup(
        &plan.source,
        &plan.key,
        &plan.folder,
        BackupKind::Daily,
        now,
        plan.keep,
    )
    .map(Some)
}

/// Copies `source` to a new backup in `folder`, checks the copy, and rotates the automatic
/// backups down to `keep`. The source may be in use: the backup API copies a consistent state.
pub fn make_backup(
    source: &Path,
    key: &Key,
    folder: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
    keep: u32,
) -> Result<BackupInfo> {
    fs::create_dir_all(folder).map_err(file_error)?;
    let src = landa_store::open_read_only(source, key)?;
    let info = copy_into_folder(&src, key, folder, kind, now)?;
    rotate(folder, keep)?;
    Ok(info)
}

/// Writes the database behind `src` into `folder` under a new backup name: first as a hidden
/// partial file, then checked, then renamed, so a crash or a full disk leaves no half backup
/// under a backup's name. The copy is encrypted with `key`, like the database.
fn copy_into_folder(
    src: &Connection,
    key: &Key,
    folder: &Path,
    kind: BackupKind,
    now: DateTime<Utc>,
) -> Result<BackupInfo> {
    let (name, final_path) = (0..1000)
        .map(|n| {
            let name = file_name(now, kind, n);
            let path = folder.join(&name);
            (name, path)
        })
        .find(|(_, p)| !p.exists())
        .ok_or_else(|| Error::Corrupt("too many backups in one second".into()))?;
    let partial = folder.join(format!(".{name}.partial"));
    let result = (|| -> Result<()> {
        let _ = fs::remove_file(&partial);
        let mut dst = landa_store::open_for_copy(&partial, key)?;
        copy_database(src, &mut dst)?;
        // One self-contained file: no -wal beside it.
        let _: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        check_integrity(&dst)?;
        drop(dst);
        fs::File::open(&partial)
            .and_then(|f| f.sync_all())
            .map_err(file_error)?;
        fs::rename(&partial, &final_path).map_err(file_error)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    let size = fs::metadata(&final_path).map(|m| m.len()).unwrap_or(0);
    tracing::info!(kind = kind.code(), size, "backup made");
    Ok(BackupInfo {
        path: final_path.to_string_lossy().into_owned(),
        file_name: name,
        kind,
        made_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        size_bytes: size.to_string(),
    })
}

/// The online backup API, all pages in one step where nothing else writes, retrying while a
/// writer holds the lock.
fn copy_database(src: &Connection, dst: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = Backup::new(src, dst)?;
    // All pages in one step: a consistent copy even if the app writes meanwhile. A writer's
    // lock is waited out for up to ten seconds, then the backup gives up and says so.
    for _ in 0..400 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(25)),
            _ => continue,
        }
    }
    Err(Error::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed busy during the backup".into()),
    )))
}

fn check_integrity(conn: &Connection) -> Result<()> {
    let verdict: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(backup_error(ValidationKind::BackupDamaged))
    }
}

/// Deletes the oldest automatic backups beyond `keep`.
fn rotate(folder: &Path, keep: u32) -> Result<()> {
    let automatic = list_backups(folder)?
        .into_iter()
        .filter(|b| b.kind.rotates())
        .skip(keep as usize);
    for old in automatic {
        fs::remove_file(&old.path).map_err(file_error)?;
        tracing::info!("old automatic backup removed");
    }
    Ok(())
}

/// Opens a file the user named as a backup with `key` and checks that it is a whole Landa
/// database this version can read. Nothing is written to it. A key that does not open it is
/// [`Error::WrongPassphrase`]: the backup was made under another passphrase (or is no backup).
fn open_backup(path: &Path, key: &Key) -> Result<Connection> {
    // An encrypted database is whole pages of at least 1 KiB: anything else is no database.
    let len = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if !path.is_file() || len < 1024 || !len.is_multiple_of(512) {
        return Err(backup_error(ValidationKind::NotABackup));
    }
    let conn = landa_store::open_read_only(path, key).map_err(crate::protection::wrong_key)?;
    check_backup(conn)
}

/// A plain backup from a Landa before encryption: copied into an encrypted staging file first
/// (SQLCipher copies pages only between encrypted files), which is then read as the backup.
fn open_plain_backup(path: &Path, key: &Key, staging: &Path) -> Result<Connection> {
    let _ = fs::remove_file(staging);
    let plain = landa_store::open_plain_for_encryption(path)
        .map_err(|_| backup_error(ValidationKind::NotABackup))?;
    landa_store::export_encrypted(&plain, staging, key)
        .map_err(|_| backup_error(ValidationKind::NotABackup))?;
    drop(plain);
    check_backup(landa_store::open_read_only(staging, key)?)
}

fn check_backup(conn: Connection) -> Result<Connection> {
    // A file that is not SQLite at all fails on its first read.
    let is_landa = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('device', 'change_log', 'households')",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|_| backup_error(ValidationKind::NotABackup))?;
    if is_landa != 3 {
        return Err(backup_error(ValidationKind::NotABackup));
    }
    check_integrity(&conn)?;
    let version = landa_store::user_version(&conn)?;
    if version > landa_store::latest_version() {
        return Err(backup_error(ValidationKind::BackupNewer));
    }
    Ok(conn)
}

impl Landa {
    fn require_file(&self) -> Result<PathBuf> {
        self.database_path()
            .map(Path::to_owned)
            .ok_or_else(|| backup_error(ValidationKind::NoDatabaseFile))
    }

    /// This computer's backup settings (device-local: never synced, kept across a restore).
    pub fn backup_settings(&self) -> Result<BackupSettings> {
        let keep = get_local(&self.conn, KEY_KEEP)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_KEEP);
        Ok(BackupSettings {
            folder: get_local(&self.conn, KEY_FOLDER)?,
            keep,
            automatic: get_local(&self.conn, KEY_AUTOMATIC)?.as_deref() != Some("false"),
        })
    }

    /// Changes where backups go and how many are kept. The folder must be an absolute path
    /// Landa can write to; it is created if missing. Fewer `keep` rotates at the next backup.
    pub fn set_backup_settings(&mut self, input: BackupSettings) -> Result<BackupSettings> {
        if !(1..=MAX_KEEP).contains(&input.keep) {
            return Err(ValidationError::new("keep", ValidationKind::OutOfRange).into());
        }
        let folder = input
            .folder
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty());
        if let Some(f) = &folder {
            let path = Path::new(f);
            if !path.is_absolute() {
                return Err(ValidationError::new("folder", ValidationKind::NotAFolder).into());
            }
            check_writable(path)?;
        }
        let tx = self.conn.transaction()?;
        match &folder {
            Some(f) => set_local(&tx, KEY_FOLDER, f)?,
            None => {
                tx.execute("DELETE FROM local_settings WHERE key = ?1", [KEY_FOLDER])?;
            }
        }
        set_local(&tx, KEY_KEEP, &input.keep.to_string())?;
        set_local(
            &tx,
            KEY_AUTOMATIC,
            if input.automatic { "true" } else { "false" },
        )?;
        tx.commit()?;
        self.backup_settings()
    }

    /// Where backups go: the chosen folder, else `backups/` beside the database.
    pub fn backup_plan(&self) -> Result<BackupPlan> {
        self.plan_for(self.backup_settings()?)
    }

    fn plan_for(&self, settings: BackupSettings) -> Result<BackupPlan> {
        let source = self.require_file()?;
        let folder = match settings.folder {
            Some(f) => PathBuf::from(f),
            None => source
                .parent()
                .map(|d| d.join("backups"))
                .unwrap_or_else(|| PathBuf::from("backups")),
        };
        Ok(BackupPlan {
            source,
            key: self.require_key()?.clone(),
            folder,
            keep: settings.keep,
            automatic: settings.automatic,
        })
    }

    pub fn backup_overview(&self) -> Result<BackupOverview> {
        let settings = self.backup_settings()?;
        let plan = self.plan_for(settings.clone())?;
        let backups = list_backups(&plan.folder)?;
        Ok(BackupOverview {
            daily_due: plan.automatic && due_in(&backups, self.now()),
            settings,
            folder: plan.folder.to_string_lossy().into_owned(),
            backups,
        })
    }

    /// Makes a backup now, on this connection's thread, in the backup folder.
    pub fn backup_now(&self, kind: BackupKind) -> Result<BackupInfo> {
        let plan = self.backup_plan()?;
        self.backup_into(&plan.folder, kind)
    }

    /// Makes a backup in `folder` (the CLI's `--folder`), rotating that folder's automatic
    /// backups to the configured number.
    pub fn backup_into(&self, folder: &Path, kind: BackupKind) -> Result<BackupInfo> {
        let plan = self.backup_plan()?;
        fs::create_dir_all(folder).map_err(file_error)?;
        let info = copy_into_folder(&self.conn, self.require_key()?, folder, kind, self.now())?;
        rotate(folder, plan.keep)?;
        Ok(info)
    }

    /// Deletes one backup file from the backup folder (only files Landa named as backups).
    pub fn delete_backup(&self, file_name: &str) -> Result<()> {
        let plan = self.backup_plan()?;
        let found = list_backups(&plan.folder)?
            .into_iter()
            .find(|b| b.file_name == file_name)
            .ok_or_else(|| Error::not_found("backup"))?;
        fs::remove_file(found.path).map_err(file_error)
    }

    /// Replaces the database with a backup. The backup is checked first (a whole SQLite file,
    /// a Landa database, integrity ok, not from a newer Landa); then the current database is
    /// kept aside as a `before-restore` backup; then the backup's pages are copied in, in one
    /// step that either completes or leaves the database as it was, and brought up to the
    /// current schema. This computer's backup settings stay as they were.
    ///
    /// The backup opens with this database's passphrase, or with `passphrase` when it was made
    /// under another one (before a change, or on another computer). A plain backup from before
    /// encryption is read too. The restored database keeps this database's passphrase.
    pub fn restore_backup(
        &mut self,
        backup: &Path,
        passphrase: Option<&str>,
    ) -> Result<RestoreOutcome> {
        let plan = self.backup_plan()?;
        let staging = plan
            .folder
            .join(format!(".restore-{}.partial", self.new_id()));
        let result = (|| {
            let source = match landa_store::file_kind(backup).map_err(Error::FileRead)? {
                FileKind::Plain => open_plain_backup(backup, &plan.key, &staging)?,
                FileKind::Encrypted { salt } => match passphrase {
                    Some(p) => open_backup(backup, &derive_key(p, salt)?)?,
                    None => open_backup(backup, &plan.key)?,
                },
                FileKind::Missing => return Err(backup_error(ValidationKind::NotABackup)),
            };
            fs::create_dir_all(&plan.folder).map_err(file_error)?;
            let kept_aside = copy_into_folder(
                &self.conn,
                &plan.key,
                &plan.folder,
                BackupKind::BeforeRestore,
                self.now(),
            )?;
            self.replace_contents(source)?;
            Ok(kept_aside)
        })();
        let _ = fs::remove_file(&staging);
        let kept_aside = result?;
        tracing::info!("database restored from a backup");
        Ok(RestoreOutcome {
            kept_aside,
            restored_from: backup.to_string_lossy().into_owned(),
        })
    }
}

impl Landa {
    /// Replaces this database's pages with `source`'s in one step, brings them up to the
    /// current schema, keeps this computer's backup settings and reads the device, user and
    /// kiosk state again: a restore, or a new installation started from an export.
    ///
    /// Every erasure this database holds is then applied again to the data that came in: an
    /// older backup may still hold a household erased since, and an erasure must stick.
    pub(crate) fn replace_contents(&mut self, source: Connection) -> Result<()> {
        let settings = self.backup_settings()?;
        let erasures = self.erasure_records()?;
        copy_database(&source, &mut self.conn)?;
        drop(source);
        landa_store::migrate_to_latest(&mut self.conn)?;
        self.set_backup_settings(settings)?;
        self.reload()?;
        self.reapply_erasures(&erasures)?;
        Ok(())
    }
}

/// Creates the folder if needed and proves a file can be written there.
fn check_writable(folder: &Path) -> Result<()> {
    let refused = || Error::from(ValidationError::new("folder", ValidationKind::NotAFolder));
    fs::create_dir_all(folder).map_err(|_| refused())?;
    let probe = folder.join(".landa-write-test");
    fs::write(&probe, b"").map_err(|_| refused())?;
    let _ = fs::remove_file(probe);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sort_in_time_order() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T21:30:15Z")
            .unwrap()
            .to_utc();
        for kind in [
            BackupKind::Manual,
            BackupKind::Daily,
            BackupKind::OnQuit,
            BackupKind::BeforeRestore,
        ] {
            for n in [0, 2, 11] {
                let name = file_name(at, kind, n);
                assert_eq!(parse_name(&name), Some((at, kind)), "{name} reads back");
            }
        }
        let earlier = file_name(at - DAILY, BackupKind::OnQuit, 0);
        assert!(earlier < file_name(at, BackupKind::Daily, 0));
        assert_eq!(parse_name("landa.db"), None);
        assert_eq!(parse_name("landa-backup-yesterday-daily.db"), None);
        assert_eq!(
            parse_name("landa-backup-2026-11-23T21-30-15Z-weekly.db"),
            None
        );
    }
}
