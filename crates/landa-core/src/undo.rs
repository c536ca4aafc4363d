//! Undoing an operation (an import batch, a merge) from the change log.
//!
//! An operation is one write transaction. It remembers the clock stamps just before and at the
//! end of its transaction, and the ids of the rows it wrote (`operation_rows`). Undoing reads
//! each row's change log: a row whose entries all lie in the operation's range on this device
//! (or later) was created by it and is tombstoned; for any other row, each field the operation
//! wrote is set back to its value before the operation — unless a later entry exists, i.e.
//! someone changed that field since: it is kept and counted. The undo is an ordinary write, so
//! it is in the change log itself and syncs like any edit.

use std::collections::HashSet;

use rusqlite::params;
use serde::Serialize;
use serde_json::Value;
use specta::Type;

use crate::Landa;
use crate::changes::{Tx, spec};
use crate::error::{Error, Result};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, Serialize, Type)]
pub struct UndoSummary {
    /// Households and organisations the operation created, now removed.
    pub removed: u32,
    /// Households and organisations it changed, set back.
    pub restored: u32,
    /// Fields changed again after the operation, left as they are now.
    pub kept: u32,
}

/// What can be undone: each kind keeps its stamps and undo mark in a table of its own.
#[derive(Clone, Copy)]
pub(crate) enum Operation {
    Import,
    Merge,
}

impl Operation {
    fn table(self) -> &'static str {
        match self {
            Operation::Import => "import_batches",
            Operation::Merge => "merges",
        }
    }

    fn entity(self) -> &'static str {
        match self {
            Operation::Import => "import_batch",
            Operation::Merge => "merge",
        }
    }

    /// The input an "already undone" refusal names.
    fn field(self) -> &'static str {
        match self {
            Operation::Import => "batch",
            Operation::Merge => "merge",
        }
    }
}

impl Landa {
    /// Undoes an import batch or a merge, once: see the module docs.
    pub(crate) fn undo_operation(&mut self, op: Operation, id: &str) -> Result<UndoSummary> {
        let table = op.table();
        let (from, to, undone): (String, String, Option<String>) = self
            .conn
            .query_row(
                &format!("SELECT hlc_from, hlc_to, undone_at FROM {table} WHERE id = ?1"),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::not_found(op.entity()))?;
        if undone.is_some() {
            return Err(ValidationError::new(op.field(), ValidationKind::AlreadyUndone).into());
        }
        self.write(|w, ctx| {
            let rows = operation_rows(w, id)?;
            let summary = undo_rows(w, &rows, &from, &to)?;
            w.tx.execute(
                &format!("UPDATE {table} SET undone_at = ?2, undone_by = ?3 WHERE id = ?1"),
                params![id, ctx.now_text(), ctx.user_id],
            )?;
            Ok(summary)
        })
    }
}

/// The tables whose records the summary counts; the rest (members, tasks, links) follow them.
const COUNTED: &[&str] = &["households", "organisations"];

/// Remembers the rows the write so far touched under `operation`.
pub(crate) fn record_rows(w: &Tx<'_>, operation: &str) -> Result<()> {
    let mut stmt = w.tx.prepare_cached(
        "INSERT OR IGNORE INTO operation_rows (operation_id, entity, row_id) VALUES (?1, ?2, ?3)",
    )?;
    for t in &w.touched {
        stmt.execute(params![operation, t.entity, t.id])?;
    }
    Ok(())
}

/// The rows an operation wrote.
fn operation_rows(w: &Tx<'_>, operation: &str) -> Result<Vec<(String, String)>> {
    let mut stmt =
        w.tx.prepare_cached("SELECT entity, row_id FROM operation_rows WHERE operation_id = ?1")?;
    let rows = stmt.query_map([operation], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Undoes what the operation with stamps in (`from`, `to`] wrote to `rows`, and refreshes the
/// search index of every household and organisation it touches.
pub(crate) fn undo_rows(
    w: &mut Tx<'_>,
    rows: &[(String, String)],
    from: &str,
    to: &str,
) -> Result<UndoSummary> {
    let node = w.node().to_owned();
    let mine = |hlc: &str| hlc > from && hlc <= to && hlc.ends_with(&node);
    let mut summary = UndoSummary {
        removed: 0,
        restored: 0,
        kept: 0,
    };
    let mut households = HashSet::new();
    let mut organisations = HashSet::new();
    for (entity, row_id) in rows {
        let Some(spec) = spec(entity) else { continue };
        let history = field_history(w, row_id)?;
        let created = history.iter().any(|(_, hlc, _)| mine(hlc))
            && history
                .iter()
                .all(|(_, hlc, _)| mine(hlc) || hlc.as_str() > to);
        let counted = COUNTED.contains(&spec.table);
        let touched = if created {
            // A fact created by the operation (a stage-history row) stays, attached to the
            // record it belongs to, which is removed.
            if spec.append_only {
                continue;
            }
            let t = w.tombstone(spec.table, row_id)?;
            summary.removed += u32::from(t && counted);
            t
        } else {
            let mut restore: Vec<(&str, Value)> = Vec::new();
            for field in spec.fields {
                let entries: Vec<&(String, String, String)> =
                    history.iter().filter(|(f, ..)| f == field).collect();
                let Some(last_mine) = entries.iter().rposition(|(_, h, _)| mine(h)) else {
                    continue;
                };
                if entries[last_mine + 1..]
                    .iter()
                    .any(|(_, h, _)| h.as_str() > to)
                {
                    summary.kept += 1;
                    continue;
                }
                let before = entries[..last_mine]
                    .iter()
                    .rev()
                    .find(|(_, h, _)| !mine(h))
                    .map(|(_, _, v)| serde_json::from_str(v).unwrap_or(Value::Null))
                    .unwrap_or(Value::Null);
                restore.push((field, before));
            }
            if restore.is_empty() {
                false
            } else {
                // A fact's only changeable fields are its references (a merge moves them).
                let t = if spec.append_only {
                    w.update_references(spec.table, row_id, &restore)?
                } else {
                    w.update(spec.table, row_id, &restore)?
                };
                summary.restored += u32::from(t && counted);
                t
            }
        };
        if touched {
            match spec.table {
                "households" => {
                    households.insert(row_id.clone());
                }
                "persons" => {
                    let h: String = w.tx.query_row(
                        "SELECT household_id FROM persons WHERE id = ?1",
                        [row_id],
                        |r| r.get(0),
                    )?;
                    households.insert(h);
                }
                "organisations" => {
                    organisations.insert(row_id.clone());
                }
                "contact_persons" => {
                    let o: String = w.tx.query_row(
                        "SELECT organisation_id FROM contact_persons WHERE id = ?1",
                        [row_id],
                        |r| r.get(0),
                    )?;
                    organisations.insert(o);
                }
                _ => {}
            }
        }
    }
    w.deferred_index = Some(households.into_iter().collect());
    crate::search::flush_deferred(w)?;
    let organisations: Vec<String> = organisations.into_iter().collect();
    crate::search::reindex_organisations(w, &organisations)?;
    Ok(summary)
}

/// Every field-level change of a row: field, stamp and value, oldest first per field.
fn field_history(w: &mut Tx<'_>, row_id: &str) -> Result<Vec<(String, String, String)>> {
    w.flush_log()?;
    let mut stmt =
        w.tx.prepare_cached("SELECT field, hlc, value FROM change_log WHERE row_id = ?1")?;
    let rows = stmt.query_map([row_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (field, hlc, value) = row?;
        for (f, v) in crate::changes::expand(&field, &value)? {
            out.push((f, hlc.clone(), v));
        }
    }
    out.sort();
    Ok(out)
}
