//! The one place that opens a Landa database: pragmas first, then the embedded migrations, each
//! in one IMMEDIATE transaction. A database written by a newer Landa is refused and left as it is.

use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

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
];

pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements kept per connection: more than the distinct statements of any one use
/// case, so none is parsed twice while a write runs.
pub const STATEMENT_CACHE: usize = 256;

/// The page cache, as SQLite's `cache_size` takes it (negative: KiB): 64 MB.
pub const CACHE_SIZE_KIB: i64 = -65536;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
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

/// Opens (creating if needed) the database file and brings its schema up to date.
pub fn open(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    prepare(conn, latest_version())
}

/// An in-memory database with the full schema, for tests and benchmarks of the layers above.
pub fn open_in_memory() -> Result<Connection, StoreError> {
    prepare(Connection::open_in_memory()?, latest_version())
}

/// Opens and migrates only up to `version`: lets tests build every historical schema.
pub fn open_at_version(path: &Path, version: u32) -> Result<Connection, StoreError> {
    prepare(Connection::open(path)?, version)
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
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
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

    fn pragma<T: rusqlite::types::FromSql>(conn: &Connection, name: &str) -> T {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn pragmas_really_apply_on_a_file_database() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("landa.db")).unwrap();
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
        let fresh = schema_dump(&open(&dir.path().join("fresh.db")).unwrap()).unwrap();
        for start in 0..=latest_version() {
            let path = dir.path().join(format!("from-{start}.db"));
            drop(open_at_version(&path, start).unwrap());
            // Then every later step, one at a time, each on a reopened file.
            for step in start + 1..=latest_version() {
                drop(open_at_version(&path, step).unwrap());
            }
            let upgraded = schema_dump(&open(&path).unwrap()).unwrap();
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
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = open(&path).unwrap_err();
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
}
