//! The one place that opens a Landa database: the encryption key first, then the pragmas, then
//! the embedded migrations, each in one IMMEDIATE transaction. A database written by a newer
//! Landa is refused and left as it is; a key that does not fit is refused and writes nothing.
//!
//! Every database file is encrypted with SQLCipher. There is no function here that opens a file
//! without a key, so no path can create or reopen a plain database by mistake: the only plain
//! file Landa reads is an older, unencrypted database, through [`open_plain_for_encryption`].

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use zeroize::Zeroizing;

/// The migrations in `migrations/`, in order. Released files are never edited; add a new one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial",
        include_str!("../../../migrations/0001_initial.sql"),
    ),
    (
        "0002_fairs",
        include_str!("../../../migrations/0002_fairs.sql"),
    ),
    (
        "0003_welcome_integrate",
        include_str!("../../../migrations/0003_welcome_integrate.sql"),
    ),
    (
        "0004_funder_reports",
        include_str!("../../../migrations/0004_funder_reports.sql"),
    ),
    (
        "0005_imports_merges",
        include_str!("../../../migrations/0005_imports_merges.sql"),
    ),
    (
        "0006_erasure",
        include_str!("../../../migrations/0006_erasure.sql"),
    ),
    (
        "0007_read_log",
        include_str!("../../../migrations/0007_read_log.sql"),
    ),
    (
        "0008_retention",
        include_str!("../../../migrations/0008_retention.sql"),
    ),
    (
        "0009_anonymise",
        include_str!("../../../migrations/0009_anonymise.sql"),
    ),
    (
        "0010_audit_index",
        include_str!("../../../migrations/0010_audit_index.sql"),
    ),
    (
        "0011_retention_contacts",
        include_str!("../../../migrations/0011_retention_contacts.sql"),
    ),
];

pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements kept per connection: more than the distinct statements of any one use
/// case, so none is parsed twice while a write runs.
pub const STATEMENT_CACHE: usize = 256;

/// The page cache, as SQLite's `cache_size` takes it (negative: KiB): 64 MB.
pub const CACHE_SIZE_KIB: i64 = -65536;

/// The first 16 bytes of every plain SQLite file. An encrypted file starts with its salt instead.
pub const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A database's encryption key: 32 bytes for AES-256 and the 16-byte salt SQLCipher keeps in
/// the clear at the start of the file. The key is handed to SQLCipher as raw bytes, so SQLCipher
/// derives nothing itself; where the bytes come from (a passphrase through Argon2id, the OS
/// keychain) is landa-core's business. Wiped from memory when dropped; never printed.
#[derive(Clone)]
pub struct Key {
    bytes: Zeroizing<[u8; 32]>,
    salt: [u8; 16],
}

impl Key {
    pub fn new(bytes: [u8; 32], salt: [u8; 16]) -> Self {
        Self {
            bytes: Zeroizing::new(bytes),
            salt,
        }
    }

    pub fn salt(&self) -> [u8; 16] {
        self.salt
    }

    /// The key's bytes, for the one place that must hand them on: the OS keychain that
    /// remembers them for this computer's user. Never logged or shown.
    pub fn expose_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// Whether two keys are the same, in time that does not depend on where they differ.
    pub fn same_as(&self, other: &Key) -> bool {
        let mut diff = 0u8;
        for (a, b) in self.bytes.iter().zip(other.bytes.iter()) {
            diff |= a ^ b;
        }
        for (a, b) in self.salt.iter().zip(other.salt.iter()) {
            diff |= a ^ b;
        }
        diff == 0
    }

    /// SQLCipher's raw key form with an explicit salt: `x'<64 hex key><32 hex salt>'`.
    fn sql_literal(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(100));
        out.push_str("x'");
        for b in self.bytes.iter().chain(self.salt.iter()) {
            out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
        }
        out.push('\'');
        out
    }
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// What a database file on disk is, read from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: a new database will be created.
    Missing,
    /// An unencrypted SQLite database (a Landa from before encryption).
    Plain,
    /// Anything else: an encrypted database, with its salt (or a file that is not a database,
    /// which the key check then refuses).
    Encrypted { salt: [u8; 16] },
}

pub fn file_kind(path: &Path) -> std::io::Result<FileKind> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(e),
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        let n = file.read(&mut head[read..])?;
        if n == 0 {
            break;
        }
        read += n;
    }
    Ok(match read {
        0 => FileKind::Missing,
        16 if &head == PLAIN_HEADER => FileKind::Plain,
        _ => FileKind::Encrypted { salt: head },
    })
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the key does not open this database (or the file is not a Landa database)")]
    WrongKey,
    #[error("this build of Landa cannot encrypt databases (SQLCipher is missing)")]
    NoEncryption,
    #[error(
        "the database was written by a newer Landa (schema {found}, this version knows {supported})"
    )]
    DatabaseNewer { found: u32, supported: u32 },
    #[error("migration {name} failed: {source}")]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Opens (creating if needed) the encrypted database file and brings its schema up to date.
pub fn open(path: &Path, key: &Key) -> Result<Connection, StoreError> {
    open_at_version(path, key, latest_version())
}

/// An in-memory database with the full schema, for tests and benchmarks of the layers above.
/// It never touches the disk (temporary tables and files stay in memory too).
pub fn open_in_memory() -> Result<Connection, StoreError> {
    prepare(Connection::open_in_memory()?, latest_version())
}

/// Opens and migrates only up to `version`: lets tests build every historical schema.
pub fn open_at_version(path: &Path, key: &Key, version: u32) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    prepare(conn, version)
}

/// Opens an encrypted file read-only with its key (backups being checked or copied from), with
/// no pragmas that write and no migrations.
pub fn open_read_only(path: &Path, key: &Key) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Opens a new or existing encrypted file for a copy to be written into (a backup, a staging
/// database), without Landa's schema: the copy brings its own.
pub fn open_for_copy(path: &Path, key: &Key) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_key(&conn, key)?;
    Ok(conn)
}

/// Opens an unencrypted database from before encryption, read-only, so that it can be copied
/// into an encrypted one. Refuses any file that is not plain SQLite.
pub fn open_plain_for_encryption(path: &Path) -> Result<Connection, StoreError> {
    if file_kind(path).map_err(|_| StoreError::WrongKey)? != FileKind::Plain {
        return Err(StoreError::WrongKey);
    }
    // CREATE lets the attached encrypted copy be created; the plain file itself exists.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    quiet_cipher_log(&conn)?;
    Ok(conn)
}

/// Copies an open database (plain or encrypted) into a new encrypted file at `target` with
/// `key`, schema version included, in one step (`sqlcipher_export`). The target must not exist.
pub fn export_encrypted(source: &Connection, target: &Path, key: &Key) -> Result<(), StoreError> {
    let version = user_version(source)?;
    let target_text = target.to_str().ok_or(StoreError::WrongKey)?;
    let attach = Zeroizing::new(format!(
        "ATTACH DATABASE ?1 AS encrypted KEY \"{}\"",
        key.sql_literal().as_str()
    ));
    source.execute(&attach, [target_text])?;
    let exported = source
        .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .and_then(|()| source.pragma_update(Some("encrypted"), "user_version", version));
    let detached = source.execute("DETACH DATABASE encrypted", []);
    exported?;
    detached?;
    Ok(())
}

/// Re-encrypts the whole database under `new` (the same salt: SQLCipher keeps it), in one
/// transaction. The connection must be the only one open on the file.
pub fn rekey(conn: &Connection, new: &Key) -> Result<(), StoreError> {
    // SQLCipher 4 rekeys page by page inside a rollback-journal transaction; in WAL mode the
    // pages already in the WAL would keep the old key, so leave WAL for the rekey.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let wal = mode.eq_ignore_ascii_case("wal");
    if wal {
        let _: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    }
    let sql = Zeroizing::new(format!("PRAGMA rekey = \"{}\"", new.sql_literal().as_str()));
    let result = conn.execute_batch(&sql);
    if wal {
        let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    }
    result?;
    Ok(())
}

/// SQLCipher logs a failed key check to stderr as an ERROR; a wrong passphrase is an expected
/// event that the UI answers with a sentence, so keep it out of the terminal.
fn quiet_cipher_log(conn: &Connection) -> Result<(), StoreError> {
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(()),
            e => Err(e),
        })?;
    Ok(())
}

/// Keys a freshly opened connection, before any other statement, and proves both that
/// SQLCipher is linked and that the key opens the file. A wrong key changes nothing on disk.
fn apply_key(conn: &Connection, key: &Key) -> Result<(), StoreError> {
    quiet_cipher_log(conn)?;
    let version: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    if version.is_none_or(|v| v.is_empty()) {
        return Err(StoreError::NoEncryption);
    }
    let sql = Zeroizing::new(format!("PRAGMA key = \"{}\"", key.sql_literal().as_str()));
    conn.execute_batch(&sql)?;
    // The first read decrypts page 1: a wrong key (or a file that is no database) fails here.
    match conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(StoreError::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

fn prepare(mut conn: Connection, target: u32) -> Result<Connection, StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // One save runs a few dozen distinct statements (rows, change log, search index, contact
    // keys, checklists); rusqlite's default cache of 16 made every save parse most of them
    // again — a fifth of an import's time went to SQLite's parser.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Plans chosen without looking at bound values. Otherwise SQLite compiles a statement
    // again whenever a new value is bound to a parameter that a partial index's condition or
    // LIMIT could depend on (`household_id = ?1` against an index `WHERE household_id IS NOT
    // NULL`): cached statements bought nothing, and a fifth of an import went to the parser.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // Refuse a newer schema before anything (even journal mode) changes the file.
    let found = user_version(&conn)?;
    if found > latest_version() {
        return Err(StoreError::DatabaseNewer {
            found,
            supported: latest_version(),
        });
    }
    // secure_delete: deleted content is overwritten with zeros, so an erased household leaves
    // no copy in free space inside the (decrypted) database either.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
",
    )?;
    conn.pragma_update(None, "cache_size", CACHE_SIZE_KIB)?;
    // WAL lets the UI read while a write is under way; in-memory databases stay in 'memory'.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    migrate(&mut conn, target)?;
    Ok(conn)
}

/// Brings an open connection's schema up to date, refusing a newer one: for a database that
/// was replaced under an open connection (a restored backup).
pub fn migrate_to_latest(conn: &mut Connection) -> Result<(), StoreError> {
    let found = user_version(conn)?;
    if found > latest_version() {
        return Err(StoreError::DatabaseNewer {
            found,
            supported: latest_version(),
        });
    }
    migrate(conn, latest_version())
}

/// Every row of every table (virtual tables' shadow tables included), in rowid order, as
/// text: two databases with the same dump hold the same data. For tests and `landa verify`.
pub fn data_dump(conn: &Connection) -> Result<String, rusqlite::Error> {
    let mut tables = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
           AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let names = tables
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = String::new();
    for name in names {
        out.push_str(&format!("== {name}\n"));
        // Tables declared WITHOUT ROWID are stored, and so scanned, in primary-key order.
        let has_rowid = conn
            .prepare(&format!("SELECT rowid FROM \"{name}\" LIMIT 0"))
            .is_ok();
        let order = if has_rowid { " ORDER BY rowid" } else { "" };
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"{order}"))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let cells = (0..columns)
                .map(|i| {
                    row.get_ref(i).map(|v| match v {
                        rusqlite::types::ValueRef::Text(t) => {
                            format!("{:?}", String::from_utf8_lossy(t))
                        }
                        other => format!("{other:?}"),
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            out.push_str(&cells.join("|"));
            out.push('\n');
        }
    }
    Ok(out)
}

pub fn user_version(conn: &Connection) -> Result<u32, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn migrate(conn: &mut Connection, target: u32) -> Result<(), StoreError> {
    let current = user_version(conn)?;
    for (index, (name, sql)) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(current as usize)
    {
        let version = index as u32 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // execute_batch, not execute: a migration holds many statements.
        tx.execute_batch(sql)
            .map_err(|source| StoreError::Migration { name, source })?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
        tracing::info!(migration = name, version, "applied migration");
    }
    Ok(())
}

/// The schema as text (tables, indexes, triggers), sorted, for comparing databases in tests.
pub fn schema_dump(conn: &Connection) -> Result<String, rusqlite::Error> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{}|{}|{}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })?;
    rows.collect::<Result<Vec<_>, _>>().map(|v| v.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> Key {
        Key::new([n; 32], [n.wrapping_add(100); 16])
    }

    fn pragma<T: rusqlite::types::FromSql>(conn: &Connection, name: &str) -> T {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn pragmas_really_apply_on_a_file_database() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("landa.db"), &key(1)).unwrap();
        assert_eq!(
            pragma::<String>(&conn, "journal_mode"),
            "wal",
            "WAL lets reads run beside a write"
        );
        assert_eq!(
            pragma::<i64>(&conn, "foreign_keys"),
            1,
            "dangling ids must be refused by SQLite too"
        );
        assert_eq!(
            pragma::<i64>(&conn, "busy_timeout"),
            5000,
            "a second process waits instead of failing"
        );
        assert_eq!(
            pragma::<i64>(&conn, "cache_size"),
            -65536,
            "a 64 MB page cache: the funder report reads every household more than once"
        );
        assert_eq!(
            pragma::<i64>(&conn, "synchronous"),
            2,
            "FULL: a saved lead survives a power cut, not only a crash (WAL with NORMAL may lose the last commits)"
        );
    }

    #[test]
    fn fresh_database_is_at_the_latest_version() {
        let conn = open_in_memory().unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version());
    }

    #[test]
    fn database_upgraded_step_by_step_has_the_schema_of_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = schema_dump(&open(&dir.path().join("fresh.db"), &key(1)).unwrap()).unwrap();
        for start in 0..=latest_version() {
            let path = dir.path().join(format!("from-{start}.db"));
            drop(open_at_version(&path, &key(1), start).unwrap());
            // Then every later step, one at a time, each on a reopened file.
            for step in start + 1..=latest_version() {
                drop(open_at_version(&path, &key(1), step).unwrap());
            }
            let upgraded = schema_dump(&open(&path, &key(1)).unwrap()).unwrap();
            assert_eq!(
                upgraded, fresh,
                "upgrading from version {start} must give the fresh schema"
            );
        }
    }

    #[test]
    fn newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.db");
        {
            let conn = open_for_copy(&path, &key(1)).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = open(&path, &key(1)).unwrap_err();
        assert!(
            matches!(err, StoreError::DatabaseNewer { found: 999, .. }),
            "a newer schema must be refused with its own error, got {err:?}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "a refused database must not be changed"
        );
        assert!(
            !dir.path().join("newer.db-wal").exists(),
            "not even a WAL file may appear"
        );
    }

    #[test]
    fn a_failing_migration_leaves_the_database_at_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let result = tx.execute_batch("CREATE TABLE a (x); CREATE TABLE a (y);");
        assert!(result.is_err());
        drop(tx); // rolls back
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 0, "a half-applied batch must roll back whole");
    }

    #[test]
    fn trigram_search_folds_case_and_swedish_letters() {
        let conn = open_in_memory().unwrap();
        conn.execute(
            "INSERT INTO search_fts (rowid, title, body) VALUES (1, 'Östersunds kommun', '')",
            [],
        )
        .unwrap();
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'ostersund'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            hits, 1,
            "the bundled SQLite must have trigram with remove_diacritics"
        );
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn read_all(dir: &Path) -> Vec<u8> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            out.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
        out
    }

    #[test]
    fn the_file_and_its_wal_hold_no_plain_text_and_start_with_the_salt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("landa.db");
        let conn = open(&path, &key(7)).unwrap();
        conn.execute(
            "INSERT INTO search_fts (rowid, title, body) VALUES (1, 'MARKER-Zq81xw', 'MARKER-Zq81xw')",
            [],
        )
        .unwrap();
        // While open, the newest pages are still in the WAL: it must be encrypted too.
        assert!(
            !contains(&read_all(dir.path()), b"MARKER-Zq81xw"),
            "an open database's files must not hold the text in the clear"
        );
        drop(conn);
        assert!(!contains(&read_all(dir.path()), b"MARKER-Zq81xw"));
        assert!(
            !contains(&read_all(dir.path()), b"SQLite format 3"),
            "nothing on disk may even look like a plain SQLite file"
        );
        assert_eq!(
            file_kind(&path).unwrap(),
            FileKind::Encrypted {
                salt: key(7).salt()
            },
            "the salt we chose is the one in the file, so a copy names its own salt"
        );
        let again = open(&path, &key(7)).unwrap();
        let hits: i64 = again
            .query_row(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH 'marker'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            hits, 1,
            "the right key reads the data back, search included"
        );
    }

    #[test]
    fn a_wrong_key_is_refused_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("landa.db");
        drop(open(&path, &key(1)).unwrap());
        let before = std::fs::read(&path).unwrap();
        let err = open(&path, &key(2)).unwrap_err();
        assert!(matches!(err, StoreError::WrongKey), "got {err:?}");
        assert!(matches!(
            open_read_only(&path, &key(2)),
            Err(StoreError::WrongKey)
        ));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "a failed unlock writes nothing"
        );
        assert!(!path.with_extension("db-wal").exists());
        // A file that is no database at all reads the same way: nothing to decrypt.
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![42u8; 8192]).unwrap();
        assert!(matches!(open(&junk, &key(1)), Err(StoreError::WrongKey)));
        assert_eq!(std::fs::read(&junk).unwrap(), vec![42u8; 8192]);
    }

    #[test]
    fn rekey_keeps_the_data_and_the_salt_and_retires_the_old_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("landa.db");
        let conn = open(&path, &key(1)).unwrap();
        conn.execute(
            "INSERT INTO device (singleton, device_id) VALUES (1, 'd1')",
            [],
        )
        .unwrap();
        let dump = data_dump(&conn).unwrap();
        let new = Key::new([9; 32], key(1).salt());
        rekey(&conn, &new).unwrap();
        drop(conn);
        assert!(matches!(open(&path, &key(1)), Err(StoreError::WrongKey)));
        let again = open(&path, &new).unwrap();
        assert_eq!(data_dump(&again).unwrap(), dump);
        let mode: String = again
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal", "the rekey must leave WAL on");
        assert_eq!(
            file_kind(&path).unwrap(),
            FileKind::Encrypted {
                salt: key(1).salt()
            }
        );
    }

    #[test]
    fn a_plain_database_exports_into_an_encrypted_copy_with_everything() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.db");
        {
            let conn = Connection::open(&plain).unwrap();
            conn.execute_batch(
                "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('MARKER-plain-1');
                 PRAGMA user_version = 3;",
            )
            .unwrap();
        }
        assert_eq!(file_kind(&plain).unwrap(), FileKind::Plain);
        let source = open_plain_for_encryption(&plain).unwrap();
        let target = dir.path().join("encrypted.db");
        export_encrypted(&source, &target, &key(4)).unwrap();
        let copy = open_read_only(&target, &key(4)).unwrap();
        assert_eq!(data_dump(&copy).unwrap(), data_dump(&source).unwrap());
        assert_eq!(
            user_version(&copy).unwrap(),
            3,
            "the schema version comes along"
        );
        assert!(!contains(
            &std::fs::read(&target).unwrap(),
            b"MARKER-plain-1"
        ));
        assert!(
            matches!(
                open_plain_for_encryption(&target),
                Err(StoreError::WrongKey)
            ),
            "an encrypted file is never read as a plain one"
        );
    }

    #[test]
    fn the_backup_api_copies_between_keys_and_the_copy_takes_the_target_key() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.db");
        let conn = open(&a, &key(1)).unwrap();
        conn.execute(
            "INSERT INTO device (singleton, device_id) VALUES (1, 'd1')",
            [],
        )
        .unwrap();
        let b = dir.path().join("b.db");
        let mut dst = open_for_copy(&b, &key(2)).unwrap();
        {
            let backup = rusqlite::backup::Backup::new(&conn, &mut dst).unwrap();
            backup.step(-1).unwrap();
        }
        drop(dst);
        let copy = open_read_only(&b, &key(2)).unwrap();
        assert_eq!(data_dump(&copy).unwrap(), data_dump(&conn).unwrap());
        assert_eq!(
            file_kind(&b).unwrap(),
            FileKind::Encrypted {
                salt: key(2).salt()
            }
        );
    }
}
