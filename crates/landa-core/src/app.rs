use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use landa_domain::kinds::UiLanguage;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use crate::changes::{Touched, Tx};
use crate::clock::{Clock, IdGen, RandomIds, SystemClock};
use crate::error::{Error, Result};

/// How to open Landa: where, and which clock and id source to use.
pub struct OpenOptions {
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGen>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            ids: Arc::new(RandomIds::from_os()),
        }
    }
}

/// An open Landa database and the context every use case needs.
pub struct Landa {
    pub(crate) conn: Connection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdGen>,
    pub(crate) device_id: String,
    pub(crate) user_id: Option<String>,
    path: Option<PathBuf>,
    /// The file's encryption key: for the connections a backup or a restore opens beside this
    /// one. `None` only for in-memory databases.
    pub(crate) key: Option<crate::protection::Key>,
    touched: BTreeSet<Touched>,
    pub(crate) kiosk: Option<crate::capture::Kiosk>,
    pub(crate) pin_guard: crate::capture::PinGuard,
}

impl Landa {
    /// Opens (creating if needed) the encrypted database at `path` with its key. The app and
    /// the CLI come here through [`Landa::create_protected`], [`Landa::unlock`] or
    /// [`Landa::encrypt_plain`], which turn a passphrase into the key.
    pub fn open(path: &Path, key: &crate::protection::Key, options: OpenOptions) -> Result<Self> {
        let mut landa = Self::open_unseeded(path, key, options)?;
        landa.seed_consent_texts()?;
        landa.touched.clear();
        Ok(landa)
    }

    /// Opens without writing the default consent texts: for a database about to be filled
    /// from an export, which brings its own.
    pub(crate) fn open_unseeded(
        path: &Path,
        key: &crate::protection::Key,
        options: OpenOptions,
    ) -> Result<Self> {
        let conn = landa_store::open(path, key).map_err(crate::protection::wrong_key)?;
        let mut landa = Self::init(conn, Some(path.to_owned()), options)?;
        landa.key = Some(key.clone());
        Ok(landa)
    }

    pub fn open_in_memory(options: OpenOptions) -> Result<Self> {
        let mut landa = Self::init(landa_store::open_in_memory()?, None, options)?;
        landa.seed_consent_texts()?;
        landa.touched.clear();
        Ok(landa)
    }

    fn init(conn: Connection, path: Option<PathBuf>, options: OpenOptions) -> Result<Self> {
        let device_id = Self::load_device_id(&conn, &options)?;
        let user_id = Self::load_user(&conn)?;
        let kiosk = Self::load_kiosk(&conn)?;
        let mut landa = Self {
            conn,
            clock: options.clock,
            ids: options.ids,
            device_id,
            user_id,
            path,
            key: None,
            touched: BTreeSet::new(),
            kiosk,
            pin_guard: Default::default(),
        };
        landa.touched.clear();
        Ok(landa)
    }

    fn load_device_id(conn: &Connection, options: &OpenOptions) -> Result<String> {
        let device: Option<String> = conn
            .query_row(
                "SELECT device_id FROM device WHERE singleton = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match device {
            Some(d) => d,
            None => {
                let id = options.ids.next_id(options.clock.now()).to_string();
                conn.execute(
                    "INSERT INTO device (singleton, device_id) VALUES (1, ?1)",
                    [&id],
                )?;
                id
            }
        })
    }

    fn load_user(conn: &Connection) -> Result<Option<String>> {
        Ok(conn
            .query_row(
                "SELECT s.value FROM local_settings s JOIN users u ON u.id = s.value
                 WHERE s.key = 'current_user' AND u.deleted = 0",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Reads again what [`Landa::open`] read, after the database was replaced underneath (a
    /// restored backup): the device, the current user and kiosk mode.
    pub(crate) fn reload(&mut self) -> Result<()> {
        let options = OpenOptions {
            clock: self.clock.clone(),
            ids: self.ids.clone(),
        };
        self.device_id = Self::load_device_id(&self.conn, &options)?;
        self.user_id = Self::load_user(&self.conn)?;
        self.kiosk = Self::load_kiosk(&self.conn)?;
        self.touched.clear();
        Ok(())
    }

    pub fn database_path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Rows written since the last call: the shell turns these into typed change events.
    pub fn take_touched(&mut self) -> BTreeSet<Touched> {
        std::mem::take(&mut self.touched)
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(crate) fn now_text(&self) -> String {
        self.now().to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    pub(crate) fn new_id(&self) -> String {
        self.ids.next_id(self.now()).to_string()
    }

    /// Runs `f` in one IMMEDIATE transaction with the change log; all or nothing.
    pub(crate) fn write<T>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>, &WriteCtx) -> Result<T>,
    ) -> Result<T> {
        let ctx = WriteCtx {
            now: self.now(),
            user_id: self.user_id.clone(),
            ids: self.ids.clone(),
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut w = Tx::begin(
            tx,
            &self.device_id,
            self.user_id.clone(),
            self.clock.clone(),
        )?;
        let out = f(&mut w, &ctx)?;
        let touched = w.commit()?;
        self.touched.extend(touched);
        Ok(out)
    }
}

/// What a write needs besides the transaction.
pub(crate) struct WriteCtx {
    pub now: DateTime<Utc>,
    pub user_id: Option<String>,
    pub(crate) ids: Arc<dyn IdGen>,
}

impl WriteCtx {
    pub fn new_id(&self) -> String {
        self.ids.next_id(self.now).to_string()
    }
    pub fn now_text(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Millis, true)
    }
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }
    pub fn user(&self) -> Value {
        self.user_id.clone().map_or(Value::Null, Value::from)
    }
}

pub(crate) fn opt(v: Option<String>) -> Value {
    v.map_or(Value::Null, Value::from)
}

pub(crate) fn json_list(v: &[String]) -> Value {
    Value::from(v.to_vec())
}

pub(crate) fn parse_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn parse_date(text: &str, field: &str) -> Result<NaiveDate, ValidationError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::new(field, ValidationKind::InvalidDate))
}

/// A date or a date-time as the UI sends it, as an RFC 3339 UTC instant.
pub(crate) fn parse_instant(text: &str, field: &str) -> Result<String, ValidationError> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.to_utc().to_rfc3339_opts(SecondsFormat::Millis, true));
    }
    let date = parse_date(t, field)?;
    let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    Ok(noon.to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// Stores a device-local setting (never synced, not in the change log).
pub(crate) fn set_local(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO local_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// Reads a device-local setting.
pub(crate) fn get_local(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM local_settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Checks that an id names a live row of `table`; a dangling id is the caller's error.
pub(crate) fn require_row(
    conn: &Connection,
    table: &'static str,
    id: &str,
    field: &str,
) -> Result<()> {
    uuid::Uuid::parse_str(id)
        .map_err(|_| ValidationError::new(field, ValidationKind::InvalidId))?;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted = 0");
    let found = conn.prepare_cached(&sql)?.exists([id])?;
    if found {
        Ok(())
    } else {
        Err(Error::not_found(table))
    }
}

impl Landa {
    /// The language the UI was last shown in on this computer; tasks and files Landa writes
    /// on its own (check-in reminders, exports) use it. Swedish until the UI says otherwise.
    pub fn ui_language(&self) -> Result<UiLanguage> {
        let v: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM local_settings WHERE key = 'ui.language'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(v.and_then(|v| UiLanguage::from_code(&v))
            .unwrap_or(UiLanguage::Sv))
    }

    pub fn set_ui_language(&mut self, lang: UiLanguage) -> Result<()> {
        set_local(&self.conn, "ui.language", lang.code())
    }
}
