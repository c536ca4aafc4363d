//! After the fair: every lead of an event in one list, bulk actions on a selection, duplicates
//! marked, and the list exported as CSV that a spreadsheet cannot run as formulas.

use std::path::Path;

use landa_domain::fair::csv_safe;
use landa_domain::household::{MAX_NAME, required_text};
use landa_domain::kinds::{TimeFrame, UiLanguage};
use landa_domain::pipeline::{Stage, plan_transition};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::app::{Landa, opt, parse_date, parse_list, require_row};
use crate::dto::*;
use crate::error::{Error, Result};
use crate::files::{save_new_file, slug};
use crate::households::apply_transition;
use crate::labels;

/// At most this many households in one bulk action: a fair's worth, with room to spare.
const MAX_BULK: usize = 5000;

impl Landa {
    /// Every lead of an event: households first met there, and existing households the
    /// coordinator met again there. Newest first.
    pub fn event_leads(&self, event_id: &str) -> Result<Vec<LeadRow>> {
        require_row(&self.conn, "events", event_id, "event_id")?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.name, h.stage, h.owner_id, u.name,
                    (SELECT json_extract(p.emails, '$[0]') FROM persons p WHERE p.household_id = h.id AND p.deleted = 0
                       AND json_array_length(p.emails) > 0 ORDER BY p.position LIMIT 1),
                    (SELECT json_extract(p.phones, '$[0]') FROM persons p WHERE p.household_id = h.id AND p.deleted = 0
                       AND json_array_length(p.phones) > 0 ORDER BY p.position LIMIT 1),
                    h.desired_municipalities, h.time_frame, h.created_at,
                    h.source_event_id IS ?1, h.self_registered, h.reviewed_at IS NOT NULL,
                    h.duplicate_of, d.name,
                    (SELECT t.id FROM tasks t WHERE t.household_id = h.id AND t.event_id = ?1
                       AND t.done_at IS NULL AND t.deleted = 0 ORDER BY t.due_on LIMIT 1),
                    (SELECT t.due_on FROM tasks t WHERE t.household_id = h.id AND t.event_id = ?1
                       AND t.done_at IS NULL AND t.deleted = 0 ORDER BY t.due_on LIMIT 1)
             FROM households h
             LEFT JOIN users u ON u.id = h.owner_id
             LEFT JOIN households d ON d.id = h.duplicate_of
             WHERE h.deleted = 0 AND (h.source_event_id = ?1
                OR h.id IN (SELECT household_id FROM interactions WHERE event_id = ?1 AND household_id IS NOT NULL))
             ORDER BY h.created_at DESC",
        )?;
        let mut rows: Vec<LeadRow> = stmt
            .query_map([event_id], |r| {
                Ok(LeadRow {
                    household_id: r.get(0)?,
                    name: r.get(1)?,
                    stage: Stage::from_code(&r.get::<_, String>(2)?).unwrap_or(Stage::LeadCaptured),
                    owner: NamedRef::pair(r.get(3)?, r.get(4)?),
                    email: r.get(5)?,
                    phone: r.get(6)?,
                    municipalities: parse_list(&r.get::<_, String>(7)?),
                    time_frame: r
                        .get::<_, Option<String>>(8)?
                        .and_then(|c| TimeFrame::from_code(&c)),
                    created_at: r.get(9)?,
                    new_lead: r.get(10)?,
                    self_registered: r.get(11)?,
                    reviewed: r.get(12)?,
                    duplicate_of: NamedRef::pair(r.get(13)?, r.get(14)?),
                    possible_duplicates: vec![],
                    follow_up_task_id: r.get(15)?,
                    follow_up_due: r.get(16)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut dupes = self.conn.prepare_cached(
            "SELECT DISTINCT h.id, h.name FROM contact_keys mine
             JOIN contact_keys other ON other.contact = mine.contact AND other.household_id <> mine.household_id
             JOIN households h ON h.id = other.household_id
             WHERE mine.household_id = ?1 AND h.deleted = 0
               -- one already marked as this household's duplicate is settled, not possible
               AND h.duplicate_of IS NOT ?1 LIMIT 5",
        )?;
        for row in rows.iter_mut().filter(|r| r.duplicate_of.is_none()) {
            row.possible_duplicates = dupes
                .query_map([&row.household_id], |r| {
                    Ok(NamedRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(rows)
    }

    fn bulk_ids(&self, input: &BulkInput) -> Result<Vec<(String, String)>> {
        require_row(&self.conn, "events", &input.event_id, "event_id")?;
        if input.household_ids.is_empty() {
            return Err(ValidationError::new("household_ids", ValidationKind::Empty).into());
        }
        if input.household_ids.len() > MAX_BULK {
            return Err(ValidationError::new("household_ids", ValidationKind::TooLong).into());
        }
        let mut out: Vec<(String, String)> = Vec::new();
        for (i, id) in input.household_ids.iter().enumerate() {
            uuid::Uuid::parse_str(id).map_err(|_| {
                ValidationError::new(format!("household_ids[{i}]"), ValidationKind::InvalidId)
            })?;
            let name: Option<String> = self
                .conn
                .prepare_cached("SELECT name FROM households WHERE id = ?1 AND deleted = 0")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            let name = name.ok_or(Error::not_found("households"))?;
            if !out.iter().any(|(o, _)| o == id) {
                out.push((id.clone(), name));
            }
        }
        Ok(out)
    }

    /// Gives the selected leads one owner (or none).
    pub fn bulk_assign_owner(
        &mut self,
        input: &BulkInput,
        owner_id: Option<String>,
    ) -> Result<BulkResult> {
        let ids = self.bulk_ids(input)?;
        if let Some(o) = &owner_id {
            require_row(&self.conn, "users", o, "owner_id")?;
        }
        let mut done = 0;
        self.write(|w, ctx| {
            for (id, _) in &ids {
                if w.update("households", id, &[("owner_id", opt(owner_id.clone()))])? {
                    w.update(
                        "households",
                        id,
                        &[("updated_at", Value::from(ctx.now_text()))],
                    )?;
                }
                done += 1;
            }
            Ok(())
        })?;
        Ok(BulkResult {
            done,
            skipped: vec![],
        })
    }

    /// Moves the selected leads to one stage under the pipeline rules. A lead the rules do not
    /// allow to move (or that needs a reason none was given for) is skipped and reported; the
    /// others move together in one transaction.
    pub fn bulk_move_stage(
        &mut self,
        input: &BulkInput,
        to_stage: Stage,
        reason: Option<String>,
    ) -> Result<BulkResult> {
        let ids = self.bulk_ids(input)?;
        let reason = reason
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty());
        let mut plans = Vec::new();
        let mut skipped = Vec::new();
        for (id, name) in &ids {
            let (from, arrived): (String, Option<String>) = self.conn.query_row(
                "SELECT stage, arrived_on FROM households WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let from = Stage::from_code(&from).ok_or_else(|| Error::Corrupt("stage".into()))?;
            if from == to_stage {
                skipped.push(skip(id, name, "already_there"));
                continue;
            }
            match plan_transition(from, to_stage, arrived.is_some(), reason.as_deref()) {
                Ok(plan) => plans.push((id.clone(), plan)),
                Err(e) => {
                    let code = match e.kind {
                        ValidationKind::ReasonRequired => "reason_required",
                        _ => "invalid_stage_transition",
                    };
                    skipped.push(skip(id, name, code));
                }
            }
        }
        let done = plans.len() as u32;
        if !plans.is_empty() {
            self.write(|w, ctx| {
                for (id, plan) in plans {
                    apply_transition(w, ctx, &id, plan, reason.clone(), None)?;
                }
                Ok(())
            })?;
        }
        Ok(BulkResult { done, skipped })
    }

    /// Sets the follow-up date of the selected leads: the open follow-up task from this event
    /// is rescheduled, and a lead without one gets a new task.
    pub fn bulk_follow_up(&mut self, input: &FollowUpInput) -> Result<BulkResult> {
        let ids = self.bulk_ids(&BulkInput {
            event_id: input.event_id.clone(),
            household_ids: input.household_ids.clone(),
        })?;
        let due = parse_date(&input.due_on, "due_on")?.to_string();
        let title = required_text(&input.title, "title", MAX_NAME)?;
        let mut existing = Vec::new();
        for (id, _) in &ids {
            let task: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM tasks WHERE household_id = ?1 AND event_id = ?2 AND done_at IS NULL
                     AND deleted = 0 ORDER BY due_on LIMIT 1",
                )?
                .query_row([id, &input.event_id], |r| r.get(0))
                .optional()?;
            existing.push((id.clone(), task));
        }
        let owner = self.user_id.clone();
        let done = existing.len() as u32;
        self.write(|w, ctx| {
            for (household, task) in &existing {
                match task {
                    Some(t) => {
                        w.update("tasks", t, &[("due_on", Value::from(due.clone()))])?;
                    }
                    None => {
                        let lead_owner: Option<String> = w.tx.query_row(
                            "SELECT owner_id FROM households WHERE id = ?1",
                            [household],
                            |r| r.get(0),
                        )?;
                        w.insert(
                            "tasks",
                            &ctx.new_id(),
                            &[
                                ("title", Value::from(title.clone())),
                                ("due_on", Value::from(due.clone())),
                                ("owner_id", opt(lead_owner.or_else(|| owner.clone()))),
                                ("household_id", Value::from(household.clone())),
                                ("event_id", Value::from(input.event_id.clone())),
                                ("created_at", Value::from(ctx.now_text())),
                            ],
                        )?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(BulkResult {
            done,
            skipped: vec![],
        })
    }

    /// Marks a lead as a duplicate of another household (or, with `None`, not a duplicate).
    /// A duplicate drops out of the event's outcomes; merging the two is a separate step.
    /// Returns the household it now points at: the original when the one chosen was itself a
    /// duplicate.
    pub fn mark_duplicate(
        &mut self,
        household_id: &str,
        duplicate_of: Option<String>,
    ) -> Result<Option<NamedRef>> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        let target = match duplicate_of {
            Some(t) => {
                require_row(&self.conn, "households", &t, "duplicate_of")?;
                // Point at the original, never at another duplicate, so chains cannot form.
                let root: Option<String> = self.conn.query_row(
                    "SELECT duplicate_of FROM households WHERE id = ?1",
                    [&t],
                    |r| r.get(0),
                )?;
                let root = root.unwrap_or(t);
                if root == household_id {
                    return Err(ValidationError::new(
                        "duplicate_of",
                        ValidationKind::SelfReference,
                    )
                    .into());
                }
                Some(root)
            }
            None => None,
        };
        self.write(|w, ctx| {
            if w.update(
                "households",
                household_id,
                &[("duplicate_of", opt(target.clone()))],
            )? {
                w.update(
                    "households",
                    household_id,
                    &[("updated_at", Value::from(ctx.now_text()))],
                )?;
            }
            // Households that pointed at this one now point at its original.
            if let Some(t) = &target {
                let children: Vec<String> =
                    w.tx.prepare_cached(
                        "SELECT id FROM households WHERE duplicate_of = ?1 AND deleted = 0",
                    )?
                    .query_map([household_id], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                for c in children {
                    w.update(
                        "households",
                        &c,
                        &[("duplicate_of", Value::from(t.clone()))],
                    )?;
                }
            }
            Ok(())
        })?;
        let Some(id) = target else {
            return Ok(None);
        };
        let name =
            self.conn
                .query_row("SELECT name FROM households WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })?;
        Ok(Some(NamedRef { id, name }))
    }

    /// Staff have looked at these self-registered leads.
    pub fn mark_reviewed(&mut self, input: &BulkInput) -> Result<BulkResult> {
        let ids = self.bulk_ids(input)?;
        let mut done = 0;
        self.write(|w, ctx| {
            for (id, _) in &ids {
                let reviewed: Option<String> = w.tx.query_row(
                    "SELECT reviewed_at FROM households WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )?;
                if reviewed.is_none() {
                    w.update(
                        "households",
                        id,
                        &[("reviewed_at", Value::from(ctx.now_text()))],
                    )?;
                    done += 1;
                }
            }
            Ok(())
        })?;
        Ok(BulkResult {
            done,
            skipped: vec![],
        })
    }

    /// Writes the event's leads as CSV into `dir` and returns the file. Semicolons and a
    /// byte-order mark, so Swedish Excel opens it with å, ä and ö intact; every cell that a
    /// spreadsheet could run as a formula is defused. The file appears whole or not at all.
    pub fn export_event_leads(
        &self,
        event_id: &str,
        lang: UiLanguage,
        dir: &Path,
    ) -> Result<ExportResult> {
        let leads = self.event_leads(event_id)?;
        let event_name: String =
            self.conn
                .query_row("SELECT name FROM events WHERE id = ?1", [event_id], |r| {
                    r.get(0)
                })?;
        let l = |sv, en| labels::pick(lang, sv, en);
        let header = [
            l("Namn", "Name"),
            l("Steg", "Stage"),
            l("E-post", "Email"),
            l("Telefon", "Phone"),
            l("Kommuner", "Municipalities"),
            l("Tidsram", "Time frame"),
            l("Ansvarig", "Owner"),
            l("Registrerad", "Captured"),
            l("Ny lead", "New lead"),
            l("Självregistrerad", "Self-registered"),
            l("Dubblett av", "Duplicate of"),
            l("Uppföljning", "Follow-up"),
        ];
        let mut buf: Vec<u8> = "\u{feff}".as_bytes().to_vec();
        {
            let mut csv = csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut buf);
            csv.write_record(header).map_err(csv_error)?;
            for r in &leads {
                let record = [
                    r.name.clone(),
                    labels::stage(r.stage, lang).to_owned(),
                    r.email.clone().unwrap_or_default(),
                    r.phone.clone().unwrap_or_default(),
                    r.municipalities.join(", "),
                    r.time_frame
                        .map(|t| labels::time_frame(t, lang))
                        .unwrap_or("")
                        .to_owned(),
                    r.owner.as_ref().map(|o| o.name.clone()).unwrap_or_default(),
                    r.created_at.get(..10).unwrap_or("").to_owned(),
                    labels::yes_no(r.new_lead, lang).to_owned(),
                    labels::yes_no(r.self_registered, lang).to_owned(),
                    r.duplicate_of
                        .as_ref()
                        .map(|d| d.name.clone())
                        .unwrap_or_default(),
                    r.follow_up_due.clone().unwrap_or_default(),
                ];
                csv.write_record(record.iter().map(|c| csv_safe(c)))
                    .map_err(csv_error)?;
            }
            csv.flush().map_err(Error::File)?;
        }
        let path = save_new_file(
            dir,
            &format!("{}-{}", slug(&event_name, "event"), self.today()),
            "csv",
            &buf,
        )?;
        tracing::info!(rows = leads.len(), "event leads exported");
        Ok(ExportResult {
            path: path.display().to_string(),
            rows: leads.len() as u32,
        })
    }
}

fn skip(id: &str, name: &str, reason: &str) -> BulkSkip {
    BulkSkip {
        household_id: id.to_owned(),
        name: name.to_owned(),
        reason: reason.to_owned(),
    }
}

fn csv_error(e: csv::Error) -> Error {
    Error::File(std::io::Error::other(e.to_string()))
}
