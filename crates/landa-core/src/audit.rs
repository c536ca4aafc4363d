//! The audit browser (issue 7): the change log read newest first, across every record or for
//! one record and what belongs to it, narrowed by who, when and which kind of record; and the
//! read log (access extracts and exports). Both can be exported as CSV, and each such export is
//! itself a read of personal data, so it is logged in `read_log` too.
//!
//! Days are the user's days: `from` and `to` are local calendar days, and the UI sends its time
//! zone's offset at the start of `from` and at the end of `to` (they differ when the range spans
//! a switch to or from summer time). Pages are read by a cursor, not an offset, so a page deep
//! in a log of millions of entries costs what the first page costs.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use chrono::{Duration, NaiveDate, SecondsFormat};
use landa_domain::hlc::Hlc;
use landa_domain::kinds::UiLanguage;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::{Connection, ToSql};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::access::ReadKind;
use crate::app::{Landa, parse_date};
use crate::changes::{ENTITIES, ROW_FIELD, expand};
use crate::dto::{ExportResult, UserDto};
use crate::error::{Error, Result};
use crate::export::{excel_csv, excel_csv_rows};
use crate::labels::pick;

/// The most entries one page may ask for.
pub const MAX_PAGE: u32 = 500;
/// A page's size when the filter does not say.
pub const DEFAULT_PAGE: u32 = 100;
/// The widest offset any time zone has from UTC (Kiribati, +14:00).
const MAX_OFFSET_MINUTES: i32 = 14 * 60;

/// Which part of the change log to show. Every field is optional; none set is the whole log.
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct AuditFilter {
    /// Only changes made by this user.
    pub user_id: Option<String>,
    /// Only changes made while no user was chosen (the first start, a rule that ran on its
    /// own). Not together with `user_id`.
    pub without_user: bool,
    /// The first day shown, `YYYY-MM-DD` in the user's time zone.
    pub from: Option<String>,
    /// The last day shown (inclusive), `YYYY-MM-DD` in the user's time zone.
    pub to: Option<String>,
    /// Minutes east of UTC at the start of `from` (60 in a Swedish winter); UTC when empty.
    pub from_offset_minutes: Option<i32>,
    /// Minutes east of UTC at the end of `to`; UTC when empty.
    pub to_offset_minutes: Option<i32>,
    /// Only changes to this kind of record (a synced table, e.g. `households`).
    pub entity: Option<String>,
    /// Only this record; for a household everything that belongs to it (as its erasure would
    /// remove it), for an organisation the rows that refer to it.
    pub row_id: Option<String>,
    /// Change-log entries per page, 1 to 500 (100 when empty). A new record is one entry,
    /// shown as one line per field.
    pub limit: Option<u32>,
    /// Where the previous page ended (its `next_cursor`); the newest entries when empty.
    pub cursor: Option<String>,
}

/// One field of one change: who set what to what, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditEntry {
    /// RFC 3339, UTC, in milliseconds.
    pub at: String,
    pub user_id: Option<String>,
    /// `None` when no user was chosen, or the user is no longer known on this device.
    pub user_name: Option<String>,
    /// The kind of record: a synced table, e.g. `households`.
    pub entity: String,
    pub row_id: String,
    /// The record's name, or the name of the household or person it is about, while the record
    /// still exists (erased records have none).
    pub label: Option<String>,
    pub field: String,
    /// The new value as JSON text.
    pub value: String,
    /// Whether the line is a field of a record as it was created.
    pub created: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `cursor` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// The record the filter's `row_id` names, while the log knows it.
    pub record: Option<AuditRecord>,
}

/// The record a history is about.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct AuditRecord {
    pub entity: String,
    /// Its name while it still exists (see [`AuditEntry::label`]).
    pub label: Option<String>,
}

/// Which part of the read log to show: the same who and when as [`AuditFilter`].
#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct ReadLogFilter {
    pub user_id: Option<String>,
    pub without_user: bool,
    pub from: Option<String>,
    pub to: Option<String>,
    pub from_offset_minutes: Option<i32>,
    pub to_offset_minutes: Option<i32>,
    /// 1 to 500 (100 when empty).
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// One read of personal data: an access extract or an export.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ReadLogEntry {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    pub kind: ReadKind,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    /// The household an extract (or a record's exported history) was about.
    pub subject_id: Option<String>,
    /// Its name while the household still exists.
    pub subject_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ReadLogPage {
    pub entries: Vec<ReadLogEntry>,
    pub next_cursor: Option<String>,
}

/// What the filters can choose from.
#[derive(Debug, Clone, Serialize, Type)]
pub struct AuditChoices {
    /// Every user the log can name, removed ones too, by name.
    pub users: Vec<UserDto>,
    /// The kinds of record (synced tables).
    pub entities: Vec<String>,
}

/// Whose entries.
#[derive(Debug, Clone, PartialEq)]
enum Who {
    Anyone,
    /// Entries with no user.
    Nobody,
    User(String),
}

impl Who {
    /// The value `user_id IS ?` is compared with, or `None` for anyone.
    fn bound(&self) -> Option<Option<&str>> {
        match self {
            Who::Anyone => None,
            Who::Nobody => Some(None),
            Who::User(id) => Some(Some(id)),
        }
    }
}

/// Who and when, checked: the time range as clock-stamp prefixes, `[lo, hi)`.
struct Window {
    who: Who,
    lo: String,
    hi: String,
}

/// A checked [`AuditFilter`].
struct AuditQuery {
    window: Window,
    entity: Option<&'static str>,
    /// The rows of the record asked for, when one was.
    rows: Option<Vec<String>>,
    limit: u32,
    /// Entries strictly before this (hlc, row_id, field), newest first.
    before: (String, String, String),
}

fn invalid(field: &str, kind: ValidationKind) -> Error {
    Error::Validation(ValidationError::new(field, kind))
}

/// The instant a local day starts, as the clock stamps write it (`2026-11-23T23:00:00.000Z`),
/// so that comparing stamps as text compares the instants.
fn day_start(day: NaiveDate, offset_minutes: i32) -> String {
    let local = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    (local - Duration::minutes(i64::from(offset_minutes)))
        .and_utc()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn offset(value: Option<i32>, field: &str) -> Result<i32> {
    let minutes = value.unwrap_or(0);
    if minutes.abs() > MAX_OFFSET_MINUTES {
        return Err(invalid(field, ValidationKind::OutOfRange));
    }
    Ok(minutes)
}

fn day(text: &Option<String>, field: &str) -> Result<Option<NaiveDate>> {
    let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let date = parse_date(text, field)?;
    // Four-digit years keep the stamps' text order; the day after `to` must have one too.
    if !(1000..=9998).contains(&chrono::Datelike::year(&date)) {
        return Err(invalid(field, ValidationKind::InvalidDate));
    }
    Ok(Some(date))
}

fn limit(value: Option<u32>) -> Result<u32> {
    match value.unwrap_or(DEFAULT_PAGE) {
        0 => Err(invalid("limit", ValidationKind::OutOfRange)),
        n if n > MAX_PAGE => Err(invalid("limit", ValidationKind::OutOfRange)),
        n => Ok(n),
    }
}

/// Past every stamp: a stamp starts with a digit.
const END: &str = "~";

impl Landa {
    fn window(
        &self,
        user_id: &Option<String>,
        without_user: bool,
        from: (&Option<String>, Option<i32>),
        to: (&Option<String>, Option<i32>),
    ) -> Result<Window> {
        let user = user_id.as_deref().map(str::trim).filter(|u| !u.is_empty());
        let who = match (user, without_user) {
            (Some(_), true) => return Err(invalid("user_id", ValidationKind::UnknownValue)),
            (Some(id), false) => {
                uuid::Uuid::parse_str(id)
                    .map_err(|_| invalid("user_id", ValidationKind::InvalidId))?;
                // Removed users too: their changes stay in the log.
                let known = self
                    .conn
                    .prepare_cached("SELECT 1 FROM users WHERE id = ?1")?
                    .exists([id])?;
                if !known {
                    return Err(Error::not_found("users"));
                }
                Who::User(id.to_owned())
            }
            (None, true) => Who::Nobody,
            (None, false) => Who::Anyone,
        };
        let from_offset = offset(from.1, "from_offset_minutes")?;
        let to_offset = offset(to.1, "to_offset_minutes")?;
        let first = day(from.0, "from")?;
        let last = day(to.0, "to")?;
        if let (Some(first), Some(last)) = (first, last)
            && last < first
        {
            return Err(invalid("to", ValidationKind::EndsBeforeStart));
        }
        let lo = first.map_or_else(String::new, |d| day_start(d, from_offset));
        let hi = last.map_or_else(
            || END.to_owned(),
            |d| day_start(d + Duration::days(1), to_offset),
        );
        Ok(Window { who, lo, hi })
    }

    fn audit_query(&self, filter: &AuditFilter) -> Result<AuditQuery> {
        let window = self.window(
            &filter.user_id,
            filter.without_user,
            (&filter.from, filter.from_offset_minutes),
            (&filter.to, filter.to_offset_minutes),
        )?;
        let entity = match filter.entity.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => Some(
                crate::changes::spec(name)
                    .ok_or_else(|| invalid("entity", ValidationKind::UnknownValue))?
                    .table,
            ),
        };
        let limit = limit(filter.limit)?;
        let mut before = (window.hi.clone(), String::new(), String::new());
        if let Some(cursor) = filter.cursor.as_deref().filter(|c| !c.is_empty()) {
            let after = parse_log_cursor(cursor)?;
            if after < before {
                before = after;
            }
        }
        let rows = match filter.row_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => {
                uuid::Uuid::parse_str(id)
                    .map_err(|_| invalid("row_id", ValidationKind::InvalidId))?;
                Some(self.record_rows(id)?)
            }
        };
        Ok(AuditQuery {
            window,
            entity,
            rows,
            limit,
            before,
        })
    }

    /// The rows a record's history covers: a household and everything that belongs to it, an
    /// organisation and the rows that refer to it, any other record alone. A record that no
    /// longer exists (erased) is its id alone.
    fn record_rows(&self, id: &str) -> Result<Vec<String>> {
        let is = |table: &str| -> Result<bool> {
            Ok(self
                .conn
                .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
                .exists([id])?)
        };
        if is("households")? {
            let owned = crate::erasure::owned_rows(&self.conn, id)?;
            return Ok(owned.into_values().flatten().collect());
        }
        if is("organisations")? {
            let mut rows = referring_rows(&self.conn, "organisations", id)?;
            rows.insert(id.to_owned());
            return Ok(rows.into_iter().collect());
        }
        Ok(vec![id.to_owned()])
    }

    /// The change log, newest first, as the filter narrows it; one page.
    pub fn audit_log(&self, filter: &AuditFilter) -> Result<AuditPage> {
        let query = self.audit_query(filter)?;
        let mut labels = Labels::default();
        let (entries, next) = self.log_page(&query, &mut labels)?;
        let record = match filter.row_id.as_deref().map(str::trim) {
            Some(id) if query.rows.is_some() => self.audit_record(id, &mut labels)?,
            _ => None,
        };
        Ok(AuditPage {
            entries,
            next_cursor: next.map(|(hlc, row, field)| format!("{hlc}|{row}|{field}")),
            record,
        })
    }

    /// What kind of record `id` is, by its table or else by its log, and its name.
    fn audit_record(&self, id: &str, labels: &mut Labels) -> Result<Option<AuditRecord>> {
        use rusqlite::OptionalExtension;
        let entity = if self.is_household(id)? {
            Some("households".to_owned())
        } else {
            self.conn
                .prepare_cached("SELECT entity FROM change_log WHERE row_id = ?1 LIMIT 1")?
                .query_row([id], |r| r.get::<_, String>(0))
                .optional()?
        };
        Ok(match entity {
            Some(entity) => Some(AuditRecord {
                label: labels.get(&self.conn, &entity, id)?,
                entity,
            }),
            None => None,
        })
    }

    /// One page of stored entries (up to `limit`), expanded into lines, and where the next
    /// page starts when there is one.
    #[allow(clippy::type_complexity)]
    fn log_page(
        &self,
        q: &AuditQuery,
        labels: &mut Labels,
    ) -> Result<(Vec<AuditEntry>, Option<(String, String, String)>)> {
        let access = match (&q.rows, q.window.who.bound(), q.entity) {
            (Some(_), _, _) => Access::Record,
            (None, None, None) => Access::Time,
            (None, Some(_), None) => Access::User,
            (None, None, Some(_)) => Access::Entity,
            (None, Some(user), Some(entity)) => self.narrower(user, entity, q)?,
        };
        let sql = log_sql(access, q.window.who != Who::Anyone, q.entity.is_some());
        let rows_json = q
            .rows
            .as_ref()
            .map(|r| serde_json::to_string(r).unwrap_or_default());
        let user = q.window.who.bound().flatten();
        let fetch = i64::from(q.limit) + 1;
        let mut params: Vec<(&str, &dyn ToSql)> = vec![
            (":lo", &q.window.lo),
            (":hi", &q.before.0),
            (":hi_row", &q.before.1),
            (":hi_field", &q.before.2),
            (":limit", &fetch),
        ];
        if let Some(rows) = &rows_json {
            params.push((":rows", rows));
        }
        if q.window.who != Who::Anyone {
            params.push((":user", &user));
        }
        if let Some(entity) = &q.entity {
            params.push((":entity", entity));
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found = stmt.query(params.as_slice())?;
        let mut stored: Vec<StoredEntry> = Vec::new();
        while let Some(r) = found.next()? {
            stored.push(StoredEntry {
                hlc: r.get(0)?,
                user_id: r.get(1)?,
                user_name: r.get(2)?,
                entity: r.get(3)?,
                row_id: r.get(4)?,
                field: r.get(5)?,
                value: r.get(6)?,
            });
        }
        drop(found);
        drop(stmt);
        let next = if stored.len() > q.limit as usize {
            stored.truncate(q.limit as usize);
            stored
                .last()
                .map(|e| (e.hlc.clone(), e.row_id.clone(), e.field.clone()))
        } else {
            None
        };
        let mut out = Vec::with_capacity(stored.len());
        for e in stored {
            let label = labels.get(&self.conn, &e.entity, &e.row_id)?;
            let at = e.hlc.get(..24).unwrap_or(&e.hlc).to_owned();
            let created = e.field == ROW_FIELD;
            for (field, value) in expand(&e.field, &e.value)? {
                out.push(AuditEntry {
                    at: at.clone(),
                    user_id: e.user_id.clone(),
                    user_name: e.user_name.clone(),
                    entity: e.entity.clone(),
                    row_id: e.row_id.clone(),
                    label: label.clone(),
                    field,
                    value,
                    created,
                });
            }
        }
        Ok((out, next))
    }

    /// With both a user and a kind of record, reads along the index that holds fewer entries in
    /// the window: a rare user among common records, or a rare kind by a busy user. Counting is
    /// capped and reads the indexes alone, so it costs a few milliseconds.
    fn narrower(&self, user: Option<&str>, entity: &str, q: &AuditQuery) -> Result<Access> {
        const CAP: i64 = 2000;
        let count = |sql: &str, key: &dyn ToSql| -> Result<i64> {
            Ok(self.conn.prepare_cached(sql)?.query_row(
                rusqlite::params![key, q.window.lo, q.before.0, q.before.1, q.before.2, CAP],
                |r| r.get(0),
            )?)
        };
        let by_user = count(
            "SELECT count(*) FROM (SELECT 1 FROM change_log INDEXED BY change_log_user
             WHERE user_id IS ?1 AND hlc >= ?2 AND (hlc, row_id, field) < (?3, ?4, ?5) LIMIT ?6)",
            &user,
        )?;
        let by_entity = count(
            "SELECT count(*) FROM (SELECT 1 FROM change_log INDEXED BY change_log_entity
             WHERE entity = ?1 AND hlc >= ?2 AND (hlc, row_id, field) < (?3, ?4, ?5) LIMIT ?6)",
            &entity,
        )?;
        Ok(if by_user <= by_entity {
            Access::User
        } else {
            Access::Entity
        })
    }

    /// Who can be chosen in the filters, and the kinds of record.
    pub fn audit_choices(&self) -> Result<AuditChoices> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM users ORDER BY name, id")?;
        let users = stmt
            .query_map([], |r| {
                Ok(UserDto {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(AuditChoices {
            users,
            entities: ENTITIES.iter().map(|e| e.table.to_owned()).collect(),
        })
    }

    /// The read log, newest first, for the filter's user and days; one page.
    pub fn read_log_entries(&self, filter: &ReadLogFilter) -> Result<ReadLogPage> {
        let window = self.window(
            &filter.user_id,
            filter.without_user,
            (&filter.from, filter.from_offset_minutes),
            (&filter.to, filter.to_offset_minutes),
        )?;
        let limit = limit(filter.limit)?;
        let mut before = (window.hi.clone(), String::new());
        if let Some(cursor) = filter.cursor.as_deref().filter(|c| !c.is_empty()) {
            let after = parse_read_cursor(cursor)?;
            if after < before {
                before = after;
            }
        }
        let (entries, next) = self.read_page(&window, &before, limit)?;
        Ok(ReadLogPage {
            entries,
            next_cursor: next.map(|(at, id)| format!("{at}|{id}")),
        })
    }

    #[allow(clippy::type_complexity)]
    fn read_page(
        &self,
        window: &Window,
        before: &(String, String),
        limit: u32,
    ) -> Result<(Vec<ReadLogEntry>, Option<(String, String)>)> {
        let any_user = window.who == Who::Anyone;
        let user = window.who.bound().flatten();
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.at, r.kind, r.user_id, u.name, r.subject_id, h.name
             FROM read_log r
             LEFT JOIN users u ON u.id = r.user_id
             LEFT JOIN households h ON h.id = r.subject_id
             WHERE r.at >= ?1 AND (r.at, r.id) < (?2, ?3) AND (?4 OR r.user_id IS ?5)
             ORDER BY r.at DESC, r.id DESC LIMIT ?6",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![
                window.lo,
                before.0,
                before.1,
                any_user,
                user,
                i64::from(limit) + 1
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, kind, user_id, user_name, subject_id, subject_name) = row?;
            let kind = ReadKind::from_code(&kind)
                .ok_or_else(|| Error::Corrupt(format!("read log kind {kind}")))?;
            out.push(ReadLogEntry {
                id,
                at,
                kind,
                user_id,
                user_name,
                subject_id,
                subject_name,
            });
        }
        let next = if out.len() > limit as usize {
            out.truncate(limit as usize);
            out.last().map(|e| (e.at.clone(), e.id.clone()))
        } else {
            None
        };
        Ok((out, next))
    }

    /// Writes every entry the filter shows (all pages, from the newest; `limit` and `cursor`
    /// are ignored) as CSV for the language's Excel into `dir`, under a name that says the file
    /// is unencrypted, and logs the export as a read. Written a page at a time: the whole log
    /// of a large region does not fit in memory.
    pub fn export_audit_csv(
        &mut self,
        filter: &AuditFilter,
        language: UiLanguage,
        dir: &Path,
    ) -> Result<ExportResult> {
        let mut query = self.audit_query(&AuditFilter {
            limit: Some(MAX_PAGE),
            cursor: None,
            ..filter.clone()
        })?;
        let l = |sv, en| pick(language, sv, en);
        let headers: Vec<String> = [
            l("Tid (UTC)", "Time (UTC)"),
            l("Användare", "User"),
            l("Posttyp", "Record type"),
            l("Post-id", "Record id"),
            l("Post", "Record"),
            l("Fält", "Field"),
            l("Nytt värde", "New value"),
        ]
        .map(str::to_owned)
        .to_vec();
        let nobody = l("(ingen användare)", "(no user)");
        let stem = export_stem(
            l("granskningslogg", "audit-log"),
            &self.today_text(),
            language,
        );
        let mut labels = Labels::default();
        let (path, rows) = save_csv_pages(dir, &stem, &headers, language, || {
            let (entries, next) = self.log_page(&query, &mut labels)?;
            let lines = entries
                .into_iter()
                .map(|e| {
                    vec![
                        e.at,
                        e.user_name.unwrap_or_else(|| nobody.to_owned()),
                        e.entity,
                        e.row_id,
                        e.label.unwrap_or_default(),
                        e.field,
                        plain_value(&e.value),
                    ]
                })
                .collect();
            let more = next.is_some();
            if let Some(before) = next {
                query.before = before;
            }
            Ok((lines, more))
        })?;
        // A record's history exported is a read about that household.
        let subject = match &filter.row_id {
            Some(id) if self.is_household(id)? => Some(id.trim().to_owned()),
            _ => None,
        };
        self.logged(ReadKind::ExportAudit, subject.as_deref(), &path)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    }

    /// Writes every read the filter shows as CSV into `dir` (as [`Landa::export_audit_csv`]),
    /// and logs that export too.
    pub fn export_read_log_csv(
        &mut self,
        filter: &ReadLogFilter,
        language: UiLanguage,
        dir: &Path,
    ) -> Result<ExportResult> {
        let window = self.window(
            &filter.user_id,
            filter.without_user,
            (&filter.from, filter.from_offset_minutes),
            (&filter.to, filter.to_offset_minutes),
        )?;
        let l = |sv, en| pick(language, sv, en);
        let headers: Vec<String> = [
            l("Tid (UTC)", "Time (UTC)"),
            l("Användare", "User"),
            l("Vad", "What"),
            l("Hushåll-id", "Household id"),
            l("Hushåll", "Household"),
        ]
        .map(str::to_owned)
        .to_vec();
        let nobody = l("(ingen användare)", "(no user)");
        let stem = export_stem(l("lasloggen", "read-log"), &self.today_text(), language);
        let mut before = (window.hi.clone(), String::new());
        let (path, rows) = save_csv_pages(dir, &stem, &headers, language, || {
            let (entries, next) = self.read_page(&window, &before, MAX_PAGE)?;
            let lines = entries
                .into_iter()
                .map(|e| {
                    vec![
                        e.at,
                        e.user_name.unwrap_or_else(|| nobody.to_owned()),
                        read_kind_label(e.kind, language).to_owned(),
                        e.subject_id.unwrap_or_default(),
                        e.subject_name.unwrap_or_default(),
                    ]
                })
                .collect();
            let more = next.is_some();
            if let Some(next) = next {
                before = next;
            }
            Ok((lines, more))
        })?;
        self.logged(ReadKind::ExportReadLog, None, &path)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    }

    fn is_household(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM households WHERE id = ?1")?
            .exists([id.trim()])?)
    }

    /// Logs a written export; an export that cannot be logged is removed again, so no file
    /// leaves Landa unrecorded.
    fn logged(&mut self, kind: ReadKind, subject: Option<&str>, path: &Path) -> Result<()> {
        if let Err(e) = self.log_read(kind, subject) {
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
        Ok(())
    }
}

/// An export's file name without extension: what it is, the day, and that it is unencrypted.
fn export_stem(what: &str, today: &str, language: UiLanguage) -> String {
    format!(
        "{what}-{today}-{}",
        pick(language, "okrypterad", "unencrypted")
    )
}

/// Writes a CSV for the language's Excel into `dir` a page at a time: `page` gives the next
/// page's lines and whether another follows, so the whole log never sits in memory. Returns
/// the file and how many lines it holds.
fn save_csv_pages(
    dir: &Path,
    stem: &str,
    headers: &[String],
    language: UiLanguage,
    mut page: impl FnMut() -> Result<(Vec<Vec<String>>, bool)>,
) -> Result<(std::path::PathBuf, u32)> {
    crate::files::save_new_file_streamed(dir, stem, "csv", |out: &mut dyn Write| {
        out.write_all(&excel_csv(headers, &[], language)?)
            .map_err(Error::File)?;
        let mut rows = 0u32;
        loop {
            let (lines, more) = page()?;
            let lines: Vec<Vec<String>> = lines
                .iter()
                .map(|line| {
                    line.iter()
                        .map(|c| landa_domain::fair::csv_safe(c))
                        .collect()
                })
                .collect();
            rows += lines.len() as u32;
            out.write_all(&excel_csv_rows(&lines, language)?)
                .map_err(Error::File)?;
            if !more {
                return Ok(rows);
            }
        }
    })
}

/// Which index a page of the change log is read along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Time,
    User,
    Entity,
    /// The record's rows, by the log's key.
    Record,
}

/// The statement for a page, from fixed parts only. Every variant reads a range of one index
/// in the order the page wants, so no page sorts more than the entries it returns (a test reads
/// the plans). For a record, the filters are written `+column` so that the log's key is used.
fn log_sql(access: Access, by_user: bool, by_entity: bool) -> String {
    let col = |c: &str| match access {
        Access::Record => format!("+c.{c}"),
        _ => format!("c.{c}"),
    };
    let index = match access {
        Access::Time => " INDEXED BY change_log_time",
        Access::User => " INDEXED BY change_log_user",
        Access::Entity => " INDEXED BY change_log_entity",
        Access::Record => "",
    };
    let mut sql = format!(
        "SELECT c.hlc, c.user_id, u.name, c.entity, c.row_id, c.field, c.value
         FROM change_log c{index} LEFT JOIN users u ON u.id = c.user_id
         WHERE {hlc} >= :lo AND ({hlc}, c.row_id, c.field) < (:hi, :hi_row, :hi_field)",
        hlc = col("hlc"),
    );
    if access == Access::Record {
        sql.push_str(" AND c.row_id IN (SELECT value FROM json_each(:rows))");
    }
    if by_user {
        sql.push_str(&format!(" AND {} IS :user", col("user_id")));
    }
    if by_entity {
        sql.push_str(&format!(" AND {} = :entity", col("entity")));
    }
    sql.push_str(" ORDER BY c.hlc DESC, c.row_id DESC, c.field DESC LIMIT :limit");
    sql
}

struct StoredEntry {
    hlc: String,
    user_id: Option<String>,
    user_name: Option<String>,
    entity: String,
    row_id: String,
    field: String,
    value: String,
}

/// How each kind of record is named in the log: by its own name, or by the household or
/// person it is about. Kinds not listed have no name of their own.
const LABELS: &[(&str, &str)] = &[
    ("households", "SELECT name FROM households WHERE id = ?1"),
    (
        "organisations",
        "SELECT name FROM organisations WHERE id = ?1",
    ),
    (
        "persons",
        "SELECT trim(first_name || ' ' || coalesce(last_name, '')) FROM persons WHERE id = ?1",
    ),
    (
        "contact_persons",
        "SELECT name FROM contact_persons WHERE id = ?1",
    ),
    ("events", "SELECT name FROM events WHERE id = ?1"),
    ("hosts", "SELECT name FROM hosts WHERE id = ?1"),
    ("projects", "SELECT name FROM projects WHERE id = ?1"),
    ("users", "SELECT name FROM users WHERE id = ?1"),
    (
        "job_openings",
        "SELECT title FROM job_openings WHERE id = ?1",
    ),
    ("tasks", "SELECT title FROM tasks WHERE id = ?1"),
    ("reports", "SELECT title FROM reports WHERE id = ?1"),
    (
        "retention_rules",
        "SELECT name FROM retention_rules WHERE id = ?1",
    ),
    (
        "stage_changes",
        "SELECT h.name FROM stage_changes x JOIN households h ON h.id = x.household_id
         WHERE x.id = ?1",
    ),
    (
        "interactions",
        "SELECT coalesce(h.name, o.name) FROM interactions x
         LEFT JOIN households h ON h.id = x.household_id
         LEFT JOIN organisations o ON o.id = x.organisation_id WHERE x.id = ?1",
    ),
    (
        "org_links",
        "SELECT h.name FROM org_links x JOIN households h ON h.id = x.household_id
         WHERE x.id = ?1",
    ),
    (
        "host_matches",
        "SELECT h.name FROM host_matches x JOIN households h ON h.id = x.household_id
         WHERE x.id = ?1",
    ),
    (
        "job_referrals",
        "SELECT h.name FROM job_referrals x JOIN households h ON h.id = x.household_id
         WHERE x.id = ?1",
    ),
    (
        "event_attendance",
        "SELECT coalesce(h.name, o.name) FROM event_attendance x
         LEFT JOIN households h ON h.id = x.household_id
         LEFT JOIN organisations o ON o.id = x.organisation_id WHERE x.id = ?1",
    ),
    (
        "consents",
        "SELECT trim(p.first_name || ' ' || coalesce(p.last_name, '')) FROM consents x
         JOIN persons p ON p.id = x.person_id WHERE x.id = ?1",
    ),
];

/// Record names looked up once per record while a page (or an export) is read.
#[derive(Default)]
struct Labels {
    known: HashMap<(String, String), Option<String>>,
}

impl Labels {
    fn get(&mut self, conn: &Connection, entity: &str, row_id: &str) -> Result<Option<String>> {
        let key = (entity.to_owned(), row_id.to_owned());
        if let Some(label) = self.known.get(&key) {
            return Ok(label.clone());
        }
        let label = match LABELS.iter().find(|(e, _)| *e == entity) {
            Some((_, sql)) => {
                use rusqlite::OptionalExtension;
                conn.prepare_cached(sql)?
                    .query_row([row_id], |r| r.get::<_, Option<String>>(0))
                    .optional()?
                    .flatten()
                    .filter(|l| !l.is_empty())
            }
            None => None,
        };
        // A big export meets millions of records; the names of one page are what repeats.
        if self.known.len() > 10_000 {
            self.known.clear();
        }
        self.known.insert(key, label.clone());
        Ok(label)
    }
}

/// The ids of rows of any synced table with a foreign key to `table`'s row `id`.
fn referring_rows(conn: &Connection, table: &str, id: &str) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    let mut keys =
        conn.prepare_cached("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")?;
    for spec in ENTITIES {
        let columns: Vec<String> = keys
            .query_map([spec.table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .filter_map(|fk| match fk {
                Ok((to, column)) if to == table => Some(Ok(column)),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<rusqlite::Result<_>>()?;
        for column in columns {
            // Names from the schema of our own tables, never from input.
            let sql = format!("SELECT id FROM {} WHERE {column} = ?1", spec.table);
            let mut stmt = conn.prepare_cached(&sql)?;
            for row in stmt.query_map([id], |r| r.get::<_, String>(0))? {
                out.insert(row?);
            }
        }
    }
    Ok(out)
}

/// A change-log value as a spreadsheet reads it: text without its quotes, nothing for null,
/// anything else as JSON.
fn plain_value(json: &str) -> String {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::String(s)) => s,
        Ok(Value::Null) => String::new(),
        _ => json.to_owned(),
    }
}

fn parse_log_cursor(cursor: &str) -> Result<(String, String, String)> {
    let bad = || invalid("cursor", ValidationKind::UnknownValue);
    let mut parts = cursor.splitn(3, '|');
    let (Some(hlc), Some(row), Some(field)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(bad());
    };
    Hlc::parse(hlc).map_err(|_| bad())?;
    if row.is_empty() || field.is_empty() {
        return Err(bad());
    }
    Ok((hlc.to_owned(), row.to_owned(), field.to_owned()))
}

fn parse_read_cursor(cursor: &str) -> Result<(String, String)> {
    let bad = || invalid("cursor", ValidationKind::UnknownValue);
    let (at, id) = cursor.split_once('|').ok_or_else(bad)?;
    chrono::DateTime::parse_from_rfc3339(at).map_err(|_| bad())?;
    if id.is_empty() {
        return Err(bad());
    }
    Ok((at.to_owned(), id.to_owned()))
}

/// What a read was, as the read log's export names it.
pub fn read_kind_label(kind: ReadKind, language: UiLanguage) -> &'static str {
    let l = |sv, en| pick(language, sv, en);
    match kind {
        ReadKind::AccessExtract => l("Registerutdrag", "Access extract"),
        ReadKind::ExportJson => l("Export av hela registret (JSON)", "Whole register (JSON)"),
        ReadKind::ExportCsv => l("Export av hela registret (CSV)", "Whole register (CSV)"),
        ReadKind::ExportVcard => l("Export av kontakter (vCard)", "Contacts (vCard)"),
        ReadKind::ExportHouseholds => l("Export av hushållslistan", "Household list"),
        ReadKind::ExportOrganisations => l("Export av organisationslistan", "Organisation list"),
        ReadKind::ExportNewsletter => l("Utskickslista för nyhetsbrev", "Newsletter list"),
        ReadKind::ExportAudit => l("Export av granskningsloggen", "Audit log"),
        ReadKind::ExportReadLog => l("Export av läsloggen", "Read log"),
        ReadKind::SignIn => l("Inloggning", "Signed in"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_names_a_synced_table_and_prepares() {
        let conn = landa_store::open_in_memory().unwrap();
        for (entity, sql) in LABELS {
            assert!(
                crate::changes::spec(entity).is_some(),
                "{entity} is not a synced table"
            );
            conn.prepare(sql)
                .unwrap_or_else(|e| panic!("label of {entity}: {e}"));
        }
    }

    fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        // Parameters left unbound: the plan does not depend on their values.
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        while let Some(row) = rows.next().unwrap() {
            out.push(row.get::<_, String>(3).unwrap());
        }
        out.join("; ")
    }

    /// At 100,000 households the log holds millions of entries: a page that sorted them took
    /// seconds (docs/decisions.md). Every page must read one index range in order instead.
    #[test]
    fn every_page_reads_an_index_range_in_order_without_sorting_the_log() {
        let conn = landa_store::open_in_memory().unwrap();
        for (access, by_user, by_entity, index) in [
            (Access::Time, false, false, "USING INDEX change_log_time"),
            (
                Access::User,
                true,
                false,
                "USING INDEX change_log_user (user_id=?",
            ),
            (
                Access::Entity,
                false,
                true,
                "USING INDEX change_log_entity (entity=?",
            ),
            (
                Access::User,
                true,
                true,
                "USING INDEX change_log_user (user_id=?",
            ),
            (
                Access::Entity,
                true,
                true,
                "USING INDEX change_log_entity (entity=?",
            ),
        ] {
            let plan = plan(&conn, &log_sql(access, by_user, by_entity));
            assert!(plan.contains(index), "{access:?}: {plan}");
            assert!(
                !plan.contains("TEMP B-TREE"),
                "{access:?} must not sort: {plan}"
            );
        }
        for (by_user, by_entity) in [(false, false), (true, true)] {
            let plan = plan(&conn, &log_sql(Access::Record, by_user, by_entity));
            assert!(
                plan.contains("USING PRIMARY KEY (row_id=?)"),
                "a record's page reads its rows by the log's key: {plan}"
            );
        }
    }

    #[test]
    fn a_local_day_starts_at_its_offset_before_midnight_utc() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(day_start(day, 60), "2026-03-28T23:00:00.000Z");
        assert_eq!(day_start(day, 0), "2026-03-29T00:00:00.000Z");
        assert_eq!(day_start(day, -300), "2026-03-29T05:00:00.000Z");
    }

    #[test]
    fn every_read_kind_reads_back_from_its_code() {
        for kind in ReadKind::ALL {
            assert_eq!(ReadKind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn values_read_plainly_in_a_spreadsheet() {
        assert_eq!(plain_value("\"Anna\""), "Anna");
        assert_eq!(plain_value("null"), "");
        assert_eq!(plain_value("[\"sv\",\"en\"]"), "[\"sv\",\"en\"]");
        assert_eq!(plain_value("3"), "3");
    }
}
