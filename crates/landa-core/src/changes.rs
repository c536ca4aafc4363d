//! The only way rows of synced tables are written. Every insert, update and tombstone goes
//! through [`Tx`], which writes the row and, in the same transaction, one change-log row per
//! changed field stamped with the device's hybrid logical clock (shared/SYNC-DESIGN.md).
//! Table and field names come from the fixed list [`ENTITIES`], never from input.

use std::collections::BTreeSet;
use std::sync::Arc;

use landa_domain::hlc::Hlc;
use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use crate::clock::Clock;
use crate::error::{Error, Result};

pub struct EntitySpec {
    pub table: &'static str,
    /// Every column but `id`, in schema order.
    pub fields: &'static [&'static str],
    /// Append-only facts are created once and never updated or tombstoned.
    pub append_only: bool,
}

/// The synced tables and their fields. A test checks this list against the schema.
pub const ENTITIES: &[EntitySpec] = &[
    EntitySpec {
        table: "users",
        fields: &["name", "created_at", "deleted"],
        append_only: false,
    },
    EntitySpec {
        table: "organisations",
        fields: &[
            "name",
            "kind",
            "municipality",
            "website",
            "email",
            "phone",
            "participating",
            "participating_since",
            "notes",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "contact_persons",
        fields: &[
            "organisation_id",
            "name",
            "role",
            "title",
            "email",
            "phone",
            "notes",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "events",
        fields: &[
            "kind",
            "name",
            "starts_on",
            "ends_on",
            "place",
            "organiser_id",
            "cost_ore",
            "four_t",
            "notes",
            "created_at",
            "deleted",
            "follow_up_days",
            "outside_region",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "households",
        fields: &[
            "name",
            "stage",
            "closed_reason",
            "arrived_on",
            "owner_id",
            "source",
            "source_event_id",
            "desired_municipalities",
            "tags",
            "notes",
            "created_at",
            "updated_at",
            "deleted",
            "time_frame",
            "self_registered",
            "reviewed_at",
            "duplicate_of",
            "interests",
            "moved_away_reason",
            "referred_by_id",
            "ambassador_story",
            "anonymised_at",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "persons",
        fields: &[
            "household_id",
            "first_name",
            "last_name",
            "role",
            "birth_year",
            "languages",
            "profession",
            "emails",
            "phones",
            "position",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "stage_changes",
        fields: &[
            "household_id",
            "from_stage",
            "to_stage",
            "reason",
            "changed_at",
            "changed_by",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "interactions",
        fields: &[
            "household_id",
            "organisation_id",
            "event_id",
            "kind",
            "occurred_at",
            "summary",
            "created_by",
            "created_at",
            "host_match_id",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "consents",
        fields: &[
            "person_id",
            "purpose",
            "basis",
            "status",
            "text_version",
            "method",
            "note",
            "recorded_at",
            "recorded_by",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "org_links",
        fields: &[
            "household_id",
            "person_id",
            "organisation_id",
            "contact_person_id",
            "purpose",
            "status",
            "note",
            "created_at",
            "updated_at",
            "deleted",
            "referred_on",
            "status_on",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "tasks",
        fields: &[
            "title",
            "due_on",
            "owner_id",
            "household_id",
            "organisation_id",
            "done_at",
            "created_at",
            "deleted",
            "event_id",
            "kind",
            "host_match_id",
            "org_link_id",
            "referral_id",
            "checklist_item_id",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "event_attendance",
        fields: &[
            "event_id",
            "household_id",
            "person_id",
            "organisation_id",
            "role",
            "created_at",
            "deleted",
            "host_id",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "hosts",
        fields: &[
            "name",
            "municipality",
            "village",
            "languages",
            "interests",
            "profession",
            "household_type",
            "children_ages",
            "capacity",
            "status",
            "email",
            "phone",
            "notes",
            "created_at",
            "deleted",
            "roles",
            "availability",
            "consent_on",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "host_matches",
        fields: &[
            "host_id",
            "household_id",
            "status",
            "score",
            "started_on",
            "ended_on",
            "end_reason",
            "created_at",
            "deleted",
            "project_id",
            "explanation",
            "accepted_on",
            "outcome",
            "host_satisfaction",
            "household_satisfaction",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "job_openings",
        fields: &[
            "organisation_id",
            "title",
            "competence_area",
            "municipality",
            "starts_on",
            "status",
            "created_at",
            "deleted",
            "notes",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "job_referrals",
        fields: &[
            "person_id",
            "household_id",
            "organisation_id",
            "opening_id",
            "status",
            "status_on",
            "created_at",
            "deleted",
            "note",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "consent_texts",
        fields: &[
            "purpose",
            "version",
            "text_sv",
            "text_en",
            "created_at",
            "created_by",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "projects",
        fields: &[
            "name",
            "funder",
            "starts_on",
            "ends_on",
            "municipalities",
            "require_trained_hosts",
            "match_weights",
            "notes",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "checklist_items",
        fields: &[
            "project_id",
            "phase",
            "title",
            "due_days",
            "position",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "job_referral_steps",
        fields: &[
            "referral_id",
            "status",
            "on_date",
            "note",
            "recorded_at",
            "recorded_by",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "project_organisations",
        fields: &[
            "project_id",
            "organisation_id",
            "joined_on",
            "left_on",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "project_targets",
        fields: &["project_id", "indicator", "target", "created_at", "deleted"],
        append_only: false,
    },
    EntitySpec {
        table: "reports",
        fields: &[
            "project_id",
            "title",
            "period_from",
            "period_to",
            "sections",
            "submitted_on",
            "submitted_by",
            "snapshot",
            "created_at",
            "deleted",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "erasure_requests",
        fields: &[
            "entity",
            "subject_id",
            "outcome",
            "reason",
            "requested_on",
            "decided_at",
            "decided_by",
            "rows_erased",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "erased_rows",
        fields: &["entity", "request_id"],
        append_only: true,
    },
    EntitySpec {
        table: "retention_rules",
        fields: &[
            "name",
            "kind",
            "months",
            "municipality",
            "automatic",
            "created_at",
            "created_by",
            "deleted",
            "action",
            "project_id",
            "organisation_kind",
        ],
        append_only: false,
    },
    EntitySpec {
        table: "retention_runs",
        fields: &[
            "rule_id",
            "households",
            "rows",
            "ran_at",
            "ran_by",
            "automatic",
            "action",
        ],
        append_only: true,
    },
    EntitySpec {
        table: "read_log",
        fields: &["kind", "subject_id", "at", "user_id"],
        append_only: true,
    },
    EntitySpec {
        table: "not_duplicates",
        fields: &[
            "entity",
            "a_id",
            "b_id",
            "created_at",
            "created_by",
            "deleted",
        ],
        append_only: false,
    },
];

pub fn spec(table: &str) -> Option<&'static EntitySpec> {
    ENTITIES.iter().find(|e| e.table == table)
}

/// The change-log field under which a new row is logged: one entry whose value is an object of
/// every field of the row, all at the row's first stamp. It reads exactly like one entry per
/// field with that stamp ([`expand`]); a creation as one entry keeps the log a fifth of the size
/// and an import of 100,000 households several times faster. Later changes are logged per field.
pub const ROW_FIELD: &str = "*";

/// The field-level changes one change-log entry stands for: itself, or for a new row
/// ([`ROW_FIELD`]) each of its fields with its value as JSON text.
pub fn expand(field: &str, value: &str) -> Result<Vec<(String, String)>> {
    if field != ROW_FIELD {
        return Ok(vec![(field.to_owned(), value.to_owned())]);
    }
    let row: serde_json::Map<String, Value> =
        serde_json::from_str(value).map_err(|e| Error::Corrupt(format!("change log: {e}")))?;
    Ok(row.into_iter().map(|(f, v)| (f, v.to_string())).collect())
}

/// A row that a write touched, for telling the UI what changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Touched {
    pub entity: &'static str,
    pub id: String,
}

/// One write transaction: rows plus their change-log entries, and the clock, committed together.
pub struct Tx<'c> {
    pub(crate) tx: Transaction<'c>,
    last: Option<Hlc>,
    node: String,
    user_id: Option<String>,
    clock: Arc<dyn Clock>,
    pub(crate) touched: BTreeSet<Touched>,
    /// While set, households to reindex are collected here and indexed together at the end
    /// of the write ([`crate::search::flush_deferred`]): an import of many rows then writes
    /// the full-text index in a few large statements instead of thousands of small ones.
    pub(crate) deferred_index: Option<Vec<String>>,
    /// Change-log entries not yet written; see [`Tx::flush_log`].
    pending: Vec<LogEntry>,
}

/// How many change-log entries go into one statement (5 parameters each, well under SQLite's
/// limit of 32,766).
const LOG_CHUNK: usize = 512;

/// The statement that writes [`LOG_CHUNK`] entries; `?1` is the user, shared by all.
static CHUNK_INSERT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let tuples: Vec<String> = (0..LOG_CHUNK)
        .map(|i| {
            let b = 2 + i * 5;
            format!("(?{b}, ?{}, ?{}, ?{}, ?1, ?{})", b + 1, b + 2, b + 3, b + 4)
        })
        .collect();
    format!(
        "INSERT INTO change_log (row_id, field, hlc, entity, user_id, value) VALUES {}",
        tuples.join(", ")
    )
});

struct LogEntry {
    row_id: String,
    field: String,
    hlc: String,
    entity: &'static str,
    value: String,
}

impl<'c> Tx<'c> {
    pub(crate) fn begin(
        tx: Transaction<'c>,
        device_id: &str,
        user_id: Option<String>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let stored: String =
            tx.query_row("SELECT hlc FROM device WHERE singleton = 1", [], |r| {
                r.get(0)
            })?;
        let last = if stored.is_empty() {
            None
        } else {
            Some(Hlc::parse(&stored)?)
        };
        let node = Hlc::node_for(
            uuid::Uuid::parse_str(device_id).map_err(|_| Error::Corrupt("device id".into()))?,
        );
        Ok(Self {
            tx,
            last,
            node,
            user_id,
            clock,
            touched: BTreeSet::new(),
            deferred_index: None,
            pending: Vec::new(),
        })
    }

    fn stamp(&mut self) -> Result<String> {
        // The clock stamps real time even when a write records a past date (demo data, a
        // back-dated interaction): the HLC orders changes, not the events they describe.
        let next = Hlc::tick(
            self.last.as_ref(),
            self.clock.now().timestamp_millis(),
            &self.node,
        )?;
        let text = next.to_string();
        self.last = Some(next);
        Ok(text)
    }

    fn checked(table: &str, fields: &[(&str, Value)]) -> Result<&'static EntitySpec> {
        let spec = spec(table).ok_or_else(|| Error::Corrupt(format!("unknown entity {table}")))?;
        if let Some((f, _)) = fields.iter().find(|(f, _)| !spec.fields.contains(f)) {
            return Err(Error::Corrupt(format!("unknown field {table}.{f}")));
        }
        Ok(spec)
    }

    /// Queues one change-log entry; entries are written in large statements
    /// ([`Self::flush_log`]), always before the transaction commits.
    fn log(
        &mut self,
        hlc: &str,
        table: &'static str,
        id: &str,
        field: &str,
        value: &Value,
    ) -> Result<()> {
        self.queue(hlc, table, id, field, value.to_string())
    }

    fn queue(
        &mut self,
        hlc: &str,
        table: &'static str,
        id: &str,
        field: &str,
        value: String,
    ) -> Result<()> {
        self.pending.push(LogEntry {
            row_id: id.to_owned(),
            field: field.to_owned(),
            hlc: hlc.to_owned(),
            entity: table,
            value,
        });
        if self.pending.len() >= LOG_CHUNK {
            self.flush_log()?;
        }
        Ok(())
    }

    /// Writes the queued change-log entries, [`LOG_CHUNK`] to a statement: an import logs
    /// millions of fields, and one statement per field or per row was most of its time. Code
    /// that reads `change_log` inside a write calls this first.
    pub(crate) fn flush_log(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let pending = std::mem::take(&mut self.pending);
        let user = self.user_id.clone().map_or(SqlValue::Null, SqlValue::Text);
        let mut chunks = pending.chunks_exact(LOG_CHUNK);
        if chunks.len() > 0 {
            let sql: &str = &CHUNK_INSERT;
            let mut stmt = self.tx.prepare_cached(sql)?;
            for chunk in &mut chunks {
                let mut values: Vec<rusqlite::types::ToSqlOutput<'_>> =
                    Vec::with_capacity(1 + chunk.len() * 5);
                values.push(rusqlite::types::ToSqlOutput::Borrowed((&user).into()));
                for e in chunk {
                    for text in [&e.row_id, &e.field, &e.hlc] {
                        values.push(rusqlite::types::ToSqlOutput::Borrowed(
                            rusqlite::types::ValueRef::Text(text.as_bytes()),
                        ));
                    }
                    values.push(rusqlite::types::ToSqlOutput::Borrowed(
                        rusqlite::types::ValueRef::Text(e.entity.as_bytes()),
                    ));
                    values.push(rusqlite::types::ToSqlOutput::Borrowed(
                        rusqlite::types::ValueRef::Text(e.value.as_bytes()),
                    ));
                }
                stmt.execute(rusqlite::params_from_iter(values))?;
            }
        }
        let mut one = self.tx.prepare_cached(
            "INSERT INTO change_log (row_id, field, hlc, entity, user_id, value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for e in chunks.remainder() {
            one.execute(params![e.row_id, e.field, e.hlc, e.entity, user, e.value])?;
        }
        Ok(())
    }

    /// Creates a row. Fields not given take their schema default; those defaults are read back
    /// and logged too, so the change log alone rebuilds the whole row.
    pub fn insert(&mut self, table: &str, id: &str, fields: &[(&str, Value)]) -> Result<()> {
        let spec = Self::checked(table, fields)?;
        let columns: Vec<&str> = std::iter::once("id")
            .chain(fields.iter().map(|(f, _)| *f))
            .collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            spec.table,
            columns.join(", "),
            marks.join(", ")
        );
        let mut values: Vec<SqlValue> = vec![SqlValue::Text(id.to_owned())];
        values.extend(fields.iter().map(|(_, v)| to_sql(v)));
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
        let hlc = self.stamp()?;
        let defaulted: Vec<&str> = spec
            .fields
            .iter()
            .copied()
            .filter(|f| !fields.iter().any(|(g, _)| g == f))
            .collect();
        let stored = if defaulted.is_empty() {
            Vec::new()
        } else {
            self.current(spec, id, defaulted.iter().copied())?
                .ok_or(Error::not_found(spec.table))?
        };
        // The new row is one entry: all its fields at one stamp, as an object under the field
        // name `*` (see [`ROW_FIELD`]), written out directly: an import makes hundreds of
        // thousands of these.
        let mut row = String::with_capacity(512);
        row.push('{');
        for (i, f) in spec.fields.iter().enumerate() {
            if i > 0 {
                row.push(',');
            }
            row.push('"');
            row.push_str(f);
            row.push_str("\":");
            match fields.iter().find(|(g, _)| g == f) {
                Some((_, v)) => row.push_str(&v.to_string()),
                None => {
                    let at = defaulted.iter().position(|d| d == f).unwrap_or(0);
                    let v = stored.get(at).cloned().unwrap_or(SqlValue::Null);
                    row.push_str(&from_sql(v).to_string());
                }
            }
        }
        row.push('}');
        self.queue(&hlc, spec.table, id, ROW_FIELD, row)?;
        self.touched.insert(Touched {
            entity: spec.table,
            id: id.to_owned(),
        });
        Ok(())
    }

    /// Changes fields of an existing row; only fields whose value really changes are written
    /// and logged, so the history shows what changed, not what was re-saved.
    pub fn update(&mut self, table: &str, id: &str, fields: &[(&str, Value)]) -> Result<bool> {
        let spec = Self::checked(table, fields)?;
        if spec.append_only {
            return Err(Error::Corrupt(format!("{table} is append-only")));
        }
        self.write_fields(spec, id, fields)
    }

    fn write_fields(
        &mut self,
        spec: &'static EntitySpec,
        id: &str,
        fields: &[(&str, Value)],
    ) -> Result<bool> {
        let current = self
            .current(spec, id, fields.iter().map(|(f, _)| *f))?
            .ok_or(Error::not_found(spec.table))?;
        let changed: Vec<&(&str, Value)> = fields
            .iter()
            .zip(current)
            .filter(|((_, new), old)| to_sql(new) != *old)
            .map(|(f, _)| f)
            .collect();
        if changed.is_empty() {
            return Ok(false);
        }
        let sets: Vec<String> = changed
            .iter()
            .enumerate()
            .map(|(i, (f, _))| format!("{f} = ?{}", i + 2))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE id = ?1",
            spec.table,
            sets.join(", ")
        );
        let mut values = vec![SqlValue::Text(id.to_owned())];
        values.extend(changed.iter().map(|(_, v)| to_sql(v)));
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
        let hlc = self.stamp()?;
        for (f, v) in changed {
            self.log(&hlc, spec.table, id, f, v)?;
        }
        self.touched.insert(Touched {
            entity: spec.table,
            id: id.to_owned(),
        });
        Ok(true)
    }

    /// Changes references of a row, even of an append-only fact: merging two records moves
    /// their history (stage changes, interactions) to the one kept, and undoing the merge
    /// moves it back. Only fields named `…_id` may change this way.
    pub(crate) fn update_references(
        &mut self,
        table: &str,
        id: &str,
        fields: &[(&str, Value)],
    ) -> Result<bool> {
        let spec = Self::checked(table, fields)?;
        if let Some((f, _)) = fields.iter().find(|(f, _)| !f.ends_with("_id")) {
            return Err(Error::Corrupt(format!("{table}.{f} is not a reference")));
        }
        self.write_fields(spec, id, fields)
    }

    /// Deletes are tombstones: a change like any other, so a sync can carry them.
    pub fn tombstone(&mut self, table: &str, id: &str) -> Result<bool> {
        self.update(table, id, &[("deleted", Value::from(1))])
    }

    fn current<'f>(
        &self,
        spec: &EntitySpec,
        id: &str,
        fields: impl Iterator<Item = &'f str>,
    ) -> Result<Option<Vec<SqlValue>>> {
        let fields: Vec<&str> = fields.collect();
        let sql = format!(
            "SELECT {} FROM {} WHERE id = ?1",
            fields.join(", "),
            spec.table
        );
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                (0..fields.len()).map(|i| r.get::<_, SqlValue>(i)).collect()
            })
            .optional()?)
    }

    /// Persists the clock with the changes it stamped, and commits.
    /// The clock stamp of the latest change in this transaction, or before it when nothing was
    /// written yet: an import remembers the range its changes fall in.
    pub(crate) fn last_stamp(&self) -> String {
        self.last.as_ref().map(Hlc::to_string).unwrap_or_default()
    }

    /// This device's part of every stamp it makes.
    pub(crate) fn node(&self) -> &str {
        &self.node
    }

    pub(crate) fn commit(mut self) -> Result<BTreeSet<Touched>> {
        self.flush_log()?;
        if let Some(last) = &self.last {
            self.tx.execute(
                "UPDATE device SET hlc = ?1 WHERE singleton = 1",
                [last.to_string()],
            )?;
        }
        self.tx.commit()?;
        Ok(self.touched)
    }
}

/// JSON value → SQLite value, the way the tables store them: lists and objects as JSON text.
pub fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(SqlValue::Integer)
            .unwrap_or_else(|| SqlValue::Real(n.as_f64().unwrap_or(0.0))),
        Value::String(s) => SqlValue::Text(s.clone()),
        other => SqlValue::Text(other.to_string()),
    }
}

/// SQLite value → JSON value, as the change log records it.
pub(crate) fn from_sql(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(r) => Value::from(r),
        SqlValue::Text(t) => Value::from(t),
        SqlValue::Blob(b) => Value::from(b),
    }
}

/// A row whose stored value differs from what its change log says.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub entity: &'static str,
    pub row_id: String,
    pub field: String,
    pub stored: String,
    pub from_log: String,
}

/// Rebuilds every synced row from the change log and compares it with the table: proves that
/// nothing wrote around the log, and that a sync could reproduce this database.
pub fn verify(conn: &rusqlite::Connection) -> Result<Vec<Mismatch>> {
    let mut out = Vec::new();
    let mut history = conn.prepare_cached(
        "SELECT field, value FROM change_log WHERE row_id = ?1 AND entity = ?2 ORDER BY hlc",
    )?;
    for spec in ENTITIES {
        let sql = format!("SELECT id, {} FROM {}", spec.fields.join(", "), spec.table);
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            // Oldest first, so each field ends with its newest value.
            let mut latest: std::collections::HashMap<String, String> = Default::default();
            let entries = history.query_map(params![id, spec.table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for entry in entries {
                let (field, value) = entry?;
                latest.extend(expand(&field, &value)?);
            }
            for (i, field) in spec.fields.iter().enumerate() {
                let stored: SqlValue = row.get(i + 1)?;
                let logged = latest.get(*field);
                let from_log = match logged {
                    Some(json) => to_sql(
                        &serde_json::from_str(json).map_err(|e| Error::Corrupt(e.to_string()))?,
                    ),
                    None => SqlValue::Null,
                };
                if logged.is_none() || stored != from_log {
                    out.push(Mismatch {
                        entity: spec.table,
                        row_id: id.clone(),
                        field: (*field).to_owned(),
                        stored: format!("{stored:?}"),
                        from_log: format!("{from_log:?}"),
                    });
                }
            }
        }
    }
    Ok(out)
}
