//! Erasure requests (GDPR art. 17): a request about a household ends as *erased* or *refused*,
//! with a recorded reason. Erasing removes the household everywhere Landa keeps it — its rows
//! and every row that belongs to it (found from the schema's foreign keys, so tables added later
//! are covered), their change-log entries with all old values, the search index, the contact
//! keys — and leaves a permanent marker per erased row id that holds no personal data. The
//! markers are synced (`erased_rows`), and a restored older backup gets every erasure made
//! since applied again ([`Landa::reapply_erasures`]).

use std::collections::{BTreeMap, BTreeSet};

use landa_domain::{ValidationError, ValidationKind};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, require_row};
use crate::changes::{ENTITIES, Tx};
use crate::error::{Error, Result};

/// What was decided about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErasureOutcome {
    /// Everything about the household is removed.
    Erased,
    /// Kept, with the reason (e.g. an official document the authority must keep).
    Refused,
}

impl ErasureOutcome {
    fn code(self) -> &'static str {
        match self {
            ErasureOutcome::Erased => "erased",
            ErasureOutcome::Refused => "refused",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ErasureInput {
    pub household_id: String,
    pub outcome: ErasureOutcome,
    /// Why: the request and how it came in, or the grounds for refusing. Required.
    pub reason: String,
    /// The day the request came in (`YYYY-MM-DD`); today when empty.
    pub requested_on: Option<String>,
}

/// One decided request, as the register shows it: no data about the household itself.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ErasureDto {
    pub id: String,
    pub subject_id: String,
    /// `erased`, `refused` (or, later, `restricted`).
    pub outcome: String,
    pub reason: String,
    pub requested_on: String,
    pub decided_at: String,
    pub decided_by: Option<String>,
    pub rows_erased: u32,
}

/// What erasing a household would remove: rows per table.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ErasurePreview {
    pub household_id: String,
    pub name: String,
    pub rows: BTreeMap<String, u32>,
}

/// References that point at an erased row from a row that is not erased: set to NULL instead.
/// A household that named the erased one as its referrer, or as a possible duplicate, stays.
const NULLED: &[(&str, &str)] = &[
    ("households", "referred_by_id"),
    ("households", "duplicate_of"),
];

/// Every row that belongs to the household: the household, the households merged into it (the
/// tombstones that hold its old data), and, table by table along the foreign keys, everything
/// that points at an erased row (persons, their consents, the timeline, tasks, referrals and
/// their steps, matches, attendance, checklists…), until nothing more points in. Rows of every
/// state, tombstones included.
pub(crate) fn owned_rows(
    conn: &Connection,
    household_id: &str,
) -> Result<BTreeMap<&'static str, BTreeSet<String>>> {
    let mut rows: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let mut households = BTreeSet::from([household_id.to_owned()]);
    // Households merged into an erased one are part of it.
    loop {
        let mut more = Vec::new();
        let mut stmt = conn
            .prepare_cached("SELECT id FROM households WHERE duplicate_of = ?1 AND deleted = 1")?;
        for h in &households {
            for id in stmt.query_map([h], |r| r.get::<_, String>(0))? {
                let id = id?;
                if !households.contains(&id) {
                    more.push(id);
                }
            }
        }
        if more.is_empty() {
            break;
        }
        households.extend(more);
    }
    rows.insert("households", households);
    // The foreign keys of every synced table, once.
    let mut keys: Vec<(&'static str, String, String)> = Vec::new();
    for spec in ENTITIES {
        let mut stmt =
            conn.prepare_cached("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")?;
        for fk in stmt.query_map([spec.table], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (to, column) = fk?;
            if !NULLED.contains(&(spec.table, column.as_str())) {
                keys.push((spec.table, column, to));
            }
        }
    }
    loop {
        let mut grew = false;
        for (table, column, to) in &keys {
            let Some(targets) = rows.get(to.as_str()).cloned() else {
                continue;
            };
            let sql = format!("SELECT id FROM {table} WHERE {column} = ?1");
            let mut stmt = conn.prepare_cached(&sql)?;
            for target in &targets {
                for id in stmt.query_map([target], |r| r.get::<_, String>(0))? {
                    if rows.entry(table).or_default().insert(id?) {
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            return Ok(rows);
        }
    }
}

/// Removes the rows and every trace of them: their change-log entries (old values included),
/// pairs marked as not duplicates, the operations that listed them, merges between them. Rows
/// outside the set that point at one of them get the reference cleared through the change log.
/// The search index and contact keys are rebuilt for the households by the caller.
fn purge(w: &mut Tx<'_>, rows: &BTreeMap<&'static str, BTreeSet<String>>) -> Result<()> {
    let erased_households = rows.get("households").cloned().unwrap_or_default();
    for (table, column) in NULLED {
        let sql = format!("SELECT id FROM {table} WHERE {column} = ?1");
        let mut pointing = Vec::new();
        {
            let mut stmt = w.tx.prepare_cached(&sql)?;
            for target in &erased_households {
                for id in stmt.query_map([target], |r| r.get::<_, String>(0))? {
                    let id = id?;
                    if !rows.get(table).is_some_and(|s| s.contains(&id)) {
                        pointing.push(id);
                    }
                }
            }
        }
        for id in pointing {
            w.update(table, &id, &[(column, Value::Null)])?;
        }
    }
    w.flush_log()?;
    // Rows go in any order; the foreign keys are checked at commit, when all of them are gone.
    w.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let all: Vec<&String> = rows.values().flatten().collect();
    for chunk in all.chunks(400) {
        let marks = vec!["?"; chunk.len()].join(", ");
        w.tx.execute(
            &format!("DELETE FROM change_log WHERE row_id IN ({marks})"),
            params_from_iter(chunk.iter()),
        )?;
        // Pairs marked as not duplicates are rows of their own, with their own log entries.
        let pairs: Vec<String> =
            w.tx.prepare(&format!(
                "SELECT id FROM not_duplicates WHERE a_id IN ({marks}) OR b_id IN ({marks})"
            ))?
            .query_map(params_from_iter(chunk.iter().chain(chunk.iter())), |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        for pair in pairs {
            w.tx.execute("DELETE FROM change_log WHERE row_id = ?1", [&pair])?;
            w.tx.execute("DELETE FROM not_duplicates WHERE id = ?1", [&pair])?;
        }
        w.tx.execute(
            &format!("DELETE FROM operation_rows WHERE row_id IN ({marks})"),
            params_from_iter(chunk.iter()),
        )?;
        w.tx.execute(
            &format!("DELETE FROM merges WHERE kept_id IN ({marks}) OR merged_id IN ({marks})"),
            params_from_iter(chunk.iter().chain(chunk.iter())),
        )?;
    }
    for (table, ids) in rows {
        let ids: Vec<&String> = ids.iter().collect();
        for chunk in ids.chunks(400) {
            let marks = vec!["?"; chunk.len()].join(", ");
            w.tx.execute(
                &format!("DELETE FROM {table} WHERE id IN ({marks})"),
                params_from_iter(chunk.iter()),
            )?;
        }
    }
    for household in &erased_households {
        crate::search::reindex_household(w, household)?;
        w.touched.insert(crate::changes::Touched {
            entity: "households",
            id: household.clone(),
        });
    }
    Ok(())
}

/// One decided request, ready to be written.
pub(crate) struct Decision {
    pub id: String,
    pub household: String,
    pub outcome: ErasureOutcome,
    pub reason: String,
    pub requested_on: chrono::NaiveDate,
    /// What goes (empty for a refusal): [`owned_rows`] of the household.
    pub rows: BTreeMap<&'static str, BTreeSet<String>>,
}

/// Writes a decision: for an erasure, purges its rows and leaves a marker per row; either way
/// the request is recorded.
pub(crate) fn record(w: &mut Tx<'_>, ctx: &crate::app::WriteCtx, d: &Decision) -> Result<()> {
    if d.outcome == ErasureOutcome::Erased {
        purge(w, &d.rows)?;
    }
    w.insert(
        "erasure_requests",
        &d.id,
        &[
            ("entity", Value::from("households")),
            ("subject_id", Value::from(d.household.clone())),
            ("outcome", Value::from(d.outcome.code())),
            ("reason", Value::from(d.reason.clone())),
            ("requested_on", Value::from(d.requested_on.to_string())),
            ("decided_at", Value::from(ctx.now_text())),
            ("decided_by", ctx.user()),
            ("rows_erased", Value::from(count(&d.rows))),
        ],
    )?;
    for (table, ids) in &d.rows {
        for row in ids {
            w.insert(
                "erased_rows",
                row,
                &[
                    ("entity", Value::from(*table)),
                    ("request_id", Value::from(d.id.clone())),
                ],
            )?;
        }
    }
    Ok(())
}

pub(crate) fn count(rows: &BTreeMap<&'static str, BTreeSet<String>>) -> u32 {
    rows.values().map(BTreeSet::len).sum::<usize>() as u32
}

impl Landa {
    /// What erasing the household would remove, table by table.
    pub fn erasure_preview(&self, household_id: &str) -> Result<ErasurePreview> {
        let name: String = self
            .conn
            .query_row(
                "SELECT name FROM households WHERE id = ?1 AND deleted = 0",
                [household_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("households"))?;
        let rows = owned_rows(&self.conn, household_id)?;
        Ok(ErasurePreview {
            household_id: household_id.to_owned(),
            name,
            rows: rows
                .into_iter()
                .map(|(t, ids)| (t.to_owned(), ids.len() as u32))
                .collect(),
        })
    }

    /// Decides a request about a household: erase it (everything about it, for good) or refuse
    /// with the reason. Either way the decision is recorded; the record holds no data about the
    /// household but its id.
    pub fn decide_erasure(&mut self, input: &ErasureInput) -> Result<ErasureDto> {
        require_row(
            &self.conn,
            "households",
            &input.household_id,
            "household_id",
        )?;
        let reason = input.reason.trim();
        if reason.is_empty() {
            return Err(ValidationError::new("reason", ValidationKind::ReasonRequired).into());
        }
        if reason.chars().count() > 2000 {
            return Err(ValidationError::new("reason", ValidationKind::TooLong).into());
        }
        let requested_on = match input.requested_on.as_deref().map(str::trim) {
            None | Some("") => self.today(),
            Some(d) => {
                let day = crate::app::parse_date(d, "requested_on")?;
                if day > self.today() {
                    return Err(
                        ValidationError::new("requested_on", ValidationKind::InvalidDate).into(),
                    );
                }
                day
            }
        };
        let rows = match input.outcome {
            ErasureOutcome::Erased => owned_rows(&self.conn, &input.household_id)?,
            ErasureOutcome::Refused => BTreeMap::new(),
        };
        let id = self.new_id();
        let decision = Decision {
            id: id.clone(),
            household: input.household_id.clone(),
            outcome: input.outcome,
            reason: reason.to_owned(),
            requested_on,
            rows,
        };
        self.write(|w, ctx| record(w, ctx, &decision))?;
        let (outcome, rows) = (decision.outcome, decision.rows);
        if outcome == ErasureOutcome::Erased {
            self.compact_after_erasure()?;
        }
        tracing::info!(
            outcome = outcome.code(),
            rows = count(&rows),
            "erasure request decided"
        );
        self.erasure(&id)
    }

    /// After rows are erased: the full-text indexes are rewritten without them (FTS5 keeps
    /// deleted terms in its segments until they merge), free pages are dropped (`VACUUM`; with
    /// `secure_delete` they are zeros anyway, but an older database may hold pages freed
    /// before that was on) and the WAL is emptied, so no earlier page image survives in it.
    pub(crate) fn compact_after_erasure(&mut self) -> Result<()> {
        self.conn.execute_batch(
            "INSERT INTO search_fts (search_fts) VALUES ('optimize');
             INSERT INTO search_title_fts (search_title_fts) VALUES ('optimize');",
        )?;
        let free: i64 = self
            .conn
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        if free > 0 {
            self.conn.execute_batch("VACUUM")?;
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn erasure(&self, id: &str) -> Result<ErasureDto> {
        self.erasures(Some(id))?
            .pop()
            .ok_or_else(|| Error::not_found("erasure_requests"))
    }

    /// Every decided request, newest first.
    pub fn erasure_requests(&self) -> Result<Vec<ErasureDto>> {
        self.erasures(None)
    }

    /// One request (`only`) or all of them, newest first.
    fn erasures(&self, only: Option<&str>) -> Result<Vec<ErasureDto>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.subject_id, e.outcome, e.reason, e.requested_on, e.decided_at,
                    u.name, e.rows_erased
             FROM erasure_requests e LEFT JOIN users u ON u.id = e.decided_by
             WHERE ?1 IS NULL OR e.id = ?1 ORDER BY e.decided_at DESC, e.id DESC",
        )?;
        let rows = stmt.query_map([only], |r| {
            Ok(ErasureDto {
                id: r.get(0)?,
                subject_id: r.get(1)?,
                outcome: r.get(2)?,
                reason: r.get(3)?,
                requested_on: r.get(4)?,
                decided_at: r.get(5)?,
                decided_by: r.get(6)?,
                rows_erased: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The erasure records of this database: read before a restore replaces it.
    pub(crate) fn erasure_records(&self) -> Result<ErasureRecords> {
        let mut requests = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, entity, subject_id, outcome, reason, requested_on, decided_at, decided_by,
                    rows_erased FROM erasure_requests ORDER BY decided_at, id",
        )?;
        for row in stmt.query_map([], |r| {
            Ok(vec![
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                r.get::<_, i64>(8)?.to_string(),
            ])
        })? {
            requests.push(row?);
        }
        let mut markers = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, entity, request_id FROM erased_rows ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            markers.push(row?);
        }
        Ok(ErasureRecords { requests, markers })
    }

    /// Applies again every erasure in `records` that this database does not hold yet: after a
    /// restore of a backup older than the erasure, or data read in from elsewhere. The rows
    /// named by the markers are purged as at the erasure, and the request and its markers are
    /// recorded, so the next restore or sync carries them on. Returns how many requests.
    pub(crate) fn reapply_erasures(&mut self, records: &ErasureRecords) -> Result<u32> {
        let known: BTreeSet<String> = {
            let mut stmt = self.conn.prepare("SELECT id FROM erasure_requests")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let missing: Vec<&Vec<String>> = records
            .requests
            .iter()
            .filter(|r| !known.contains(&r[0]))
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let users: BTreeSet<String> = {
            let mut stmt = self.conn.prepare("SELECT id FROM users")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut applied = 0;
        for request in missing {
            let markers: Vec<&(String, String, String)> = records
                .markers
                .iter()
                .filter(|m| m.2 == request[0])
                .collect();
            let mut rows: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
            for (row, entity, _) in &markers {
                if let Some(spec) = crate::changes::spec(entity) {
                    rows.entry(spec.table).or_default().insert(row.clone());
                }
            }
            // Rows the erasure found that the restored data has grown since (a consent recorded
            // after the backup for a person later erased) go too.
            if let Some(households) = rows.get("households").cloned() {
                for h in households {
                    for (table, ids) in owned_rows(&self.conn, &h)? {
                        rows.entry(table).or_default().extend(ids);
                    }
                }
            }
            self.write(|w, _| {
                purge(w, &rows)?;
                let field = |i: usize| Value::from(request[i].clone());
                let decided_by = if users.contains(&request[7]) {
                    field(7)
                } else {
                    Value::Null
                };
                let rows_erased: i64 = request[8].parse().unwrap_or(0);
                w.insert(
                    "erasure_requests",
                    &request[0],
                    &[
                        ("entity", field(1)),
                        ("subject_id", field(2)),
                        ("outcome", field(3)),
                        ("reason", field(4)),
                        ("requested_on", field(5)),
                        ("decided_at", field(6)),
                        ("decided_by", decided_by),
                        ("rows_erased", Value::from(rows_erased)),
                    ],
                )?;
                for (row, entity, request_id) in &markers {
                    w.insert(
                        "erased_rows",
                        row,
                        &[
                            ("entity", Value::from(entity.clone())),
                            ("request_id", Value::from(request_id.clone())),
                        ],
                    )?;
                }
                Ok(())
            })?;
            applied += 1;
        }
        self.compact_after_erasure()?;
        tracing::info!(requests = applied, "erasures applied again after a restore");
        Ok(applied)
    }
}

/// The erasure requests (as their stored columns) and markers of a database.
pub(crate) struct ErasureRecords {
    requests: Vec<Vec<String>>,
    markers: Vec<(String, String, String)>,
}
