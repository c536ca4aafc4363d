//! Households: the unit Landa counts. Create, edit, move through the pipeline, log contact.

use chrono::Datelike;
use chrono::NaiveDate;
use landa_domain::household::{
    MAX_NAME, Member, MemberDraft, Warning, clean_list, derived_household_name, note_text,
    optional_text, validate_member,
};
use landa_domain::kinds::{InteractionKind, MemberRole, TimeFrame};
use landa_domain::pipeline::{ArrivalEffect, Stage, Transition, plan_transition};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::app::{
    Landa, WriteCtx, json_list, opt, parse_date, parse_instant, parse_list, require_row,
};
use crate::changes::Tx;
use crate::dto::*;
use crate::error::{Error, Result};

pub(crate) struct ValidHousehold {
    pub(crate) name: String,
    pub(crate) members: Vec<(Option<String>, Member)>,
    pub(crate) municipalities: Vec<String>,
    source: Option<String>,
    pub(crate) source_event_id: Option<String>,
    tags: Vec<String>,
    notes: Option<String>,
    owner_id: Option<String>,
    time_frame: Option<TimeFrame>,
    interests: Vec<String>,
    pub(crate) self_registered: bool,
    pub(crate) warnings: Vec<Warning>,
}

/// A typed or imported member as the domain's validation takes it; no role means an adult.
pub(crate) fn member_draft(m: &MemberInput) -> MemberDraft<'_> {
    MemberDraft {
        first_name: &m.first_name,
        last_name: &m.last_name,
        role: m.role.unwrap_or(MemberRole::Adult).code(),
        birth_year: m.birth_year,
        languages: &m.languages,
        profession: &m.profession,
        emails: &m.emails,
        phones: &m.phones,
    }
}

impl Landa {
    pub(crate) fn validate_household(&self, input: &HouseholdInput) -> Result<ValidHousehold> {
        let year = self.today().year();
        let mut members = Vec::new();
        let mut warnings = Vec::new();
        for (i, m) in input.members.iter().enumerate() {
            let (member, w) = validate_member(&member_draft(m), &format!("members[{i}]"), year)?;
            warnings.extend(w);
            members.push((m.id.clone(), member));
        }
        let valid: Vec<Member> = members.iter().map(|(_, m)| m.clone()).collect();
        if !valid.iter().any(|m| m.role == MemberRole::Adult) {
            return Err(ValidationError::new("members", ValidationKind::NoAdult).into());
        }
        let name = match optional_text(&input.name, "name", MAX_NAME)? {
            Some(n) => n,
            None => derived_household_name(&valid)
                .ok_or(ValidationError::new("name", ValidationKind::Empty))?,
        };
        if let Some(owner) = &input.owner_id {
            require_row(&self.conn, "users", owner, "owner_id")?;
        }
        if let Some(event) = &input.source_event_id {
            require_row(&self.conn, "events", event, "source_event_id")?;
        }
        Ok(ValidHousehold {
            name,
            members,
            municipalities: clean_list(&input.desired_municipalities, "desired_municipalities")?,
            source: optional_text(&input.source, "source", MAX_NAME)?,
            source_event_id: input.source_event_id.clone(),
            tags: clean_list(&input.tags, "tags")?,
            notes: note_text(&input.notes, "notes")?,
            owner_id: input.owner_id.clone(),
            time_frame: input.time_frame,
            interests: clean_list(&input.interests, "interests")?,
            self_registered: false,
            warnings,
        })
    }

    /// Adds a household with its members in one transaction; it starts at *lead captured*
    /// unless the input says otherwise, and that first stage is recorded in its history.
    pub fn create_household(&mut self, input: &HouseholdInput) -> Result<SaveResult> {
        let v = self.validate_household(input)?;
        let stage = input.stage.unwrap_or(Stage::LeadCaptured);
        if stage.is_closed() {
            return Err(ValidationError::new("stage", ValidationKind::InvalidTransition).into());
        }
        let owner = v.owner_id.clone().or_else(|| self.user_id.clone());
        let id = self.write(|w, ctx| insert_household(w, ctx, &v, owner, stage))?;
        Ok(SaveResult {
            id,
            warnings: warnings_dto(v.warnings),
        })
    }

    /// Edits a household's details and members. Members missing from the input are removed
    /// (tombstoned); the stage is changed only through [`Landa::move_stage`].
    pub fn update_household(&mut self, id: &str, input: &HouseholdInput) -> Result<SaveResult> {
        require_row(&self.conn, "households", id, "household_id")?;
        let v = self.validate_household(input)?;
        let existing: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id FROM persons WHERE household_id = ?1 AND deleted = 0")?;
            stmt.query_map([id], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        for (i, (member_id, _)) in v.members.iter().enumerate() {
            if let Some(mid) = member_id
                && !existing.contains(mid)
            {
                return Err(ValidationError::new(
                    format!("members[{i}].id"),
                    ValidationKind::InvalidId,
                )
                .into());
            }
        }
        self.write(|w, ctx| write_household_update(w, ctx, id, &v, &existing))?;
        Ok(SaveResult {
            id: id.to_owned(),
            warnings: warnings_dto(v.warnings),
        })
    }

    /// Removes a household from every list (a tombstone; its history stays for the audit trail).
    pub fn delete_household(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "households", id, "household_id")?;
        let members: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT id FROM persons WHERE household_id = ?1 AND deleted = 0")?;
            stmt.query_map([id], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        self.write(|w, _| {
            for m in &members {
                w.tombstone("persons", m)?;
            }
            w.tombstone("households", id)?;
            crate::search::reindex_household(w, id)
        })
    }

    /// Moves a household to another stage under the pipeline rules; records who, when and why.
    pub fn move_stage(&mut self, input: &MoveStageInput) -> Result<HouseholdRow> {
        let id = input.household_id.as_str();
        require_row(&self.conn, "households", id, "household_id")?;
        let (from_code, arrived_on): (String, Option<String>) = self.conn.query_row(
            "SELECT stage, arrived_on FROM households WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let from = Stage::from_code(&from_code).ok_or_else(|| Error::Corrupt("stage".into()))?;
        let reason = input
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        let plan = plan_transition(
            from,
            input.to_stage,
            arrived_on.is_some(),
            reason.as_deref(),
        )?;
        let arrival_date = match &input.arrived_on {
            Some(d) => Some(parse_date(d, "arrived_on")?),
            None => None,
        };
        if arrival_date.is_some_and(|d| d > self.today()) {
            return Err(ValidationError::new("arrived_on", ValidationKind::InvalidDate).into());
        }
        self.write(|w, ctx| apply_transition(w, ctx, id, plan, reason, arrival_date))?;
        self.household_row(id)
    }

    /// Logs a call, email, meeting, visit or note on a household or an organisation.
    pub fn log_interaction(&mut self, input: &InteractionInput) -> Result<InteractionDto> {
        if input.household_id.is_none() && input.organisation_id.is_none() {
            return Err(ValidationError::new("household_id", ValidationKind::Empty).into());
        }
        if let Some(h) = &input.household_id {
            require_row(&self.conn, "households", h, "household_id")?;
        }
        if let Some(o) = &input.organisation_id {
            require_row(&self.conn, "organisations", o, "organisation_id")?;
        }
        let summary = note_text(&input.summary, "summary")?
            .ok_or(ValidationError::new("summary", ValidationKind::Empty))?;
        let occurred_at = match &input.occurred_at {
            Some(t) if !t.trim().is_empty() => parse_instant(t, "occurred_at")?,
            _ => self.now_text(),
        };
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "interactions",
                &id,
                &[
                    ("household_id", opt(input.household_id.clone())),
                    ("organisation_id", opt(input.organisation_id.clone())),
                    ("kind", Value::from(input.kind.code())),
                    ("occurred_at", Value::from(occurred_at.clone())),
                    ("summary", Value::from(summary.clone())),
                    ("created_by", ctx.user()),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )?;
            if let Some(h) = &input.household_id {
                w.update(
                    "households",
                    h,
                    &[("updated_at", Value::from(ctx.now_text()))],
                )?;
            }
            Ok(())
        })?;
        let created_by = self.current_user()?.map(|u| u.name);
        Ok(InteractionDto {
            id,
            kind: input.kind,
            occurred_at,
            summary,
            created_by,
            household_id: input.household_id.clone(),
            organisation_id: input.organisation_id.clone(),
        })
    }

    /// Records a lawful basis or consent for one person and purpose, or its withdrawal.
    /// Records are never edited: the newest one per person and purpose is what holds.
    pub fn record_consent(&mut self, input: &ConsentInput) -> Result<()> {
        require_row(&self.conn, "persons", &input.person_id, "person_id")?;
        let text_version = optional_text(
            input.text_version.as_deref().unwrap_or(""),
            "text_version",
            MAX_NAME,
        )?;
        if input.basis == landa_domain::kinds::LawfulBasis::Consent
            && input.status == landa_domain::kinds::ConsentStatus::Given
            && text_version.is_none()
        {
            // Consent is only informed if we know what the person was shown.
            return Err(ValidationError::new("text_version", ValidationKind::Empty).into());
        }
        let note = note_text(input.note.as_deref().unwrap_or(""), "note")?;
        let household: String = self.conn.query_row(
            "SELECT household_id FROM persons WHERE id = ?1",
            [&input.person_id],
            |r| r.get(0),
        )?;
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "consents",
                &id,
                &[
                    ("person_id", Value::from(input.person_id.clone())),
                    ("purpose", Value::from(input.purpose.code())),
                    ("basis", Value::from(input.basis.code())),
                    ("status", Value::from(input.status.code())),
                    ("text_version", opt(text_version)),
                    ("method", Value::from(input.method.code())),
                    ("note", opt(note)),
                    ("recorded_at", Value::from(ctx.now_text())),
                    ("recorded_by", ctx.user()),
                ],
            )?;
            w.update(
                "households",
                &household,
                &[("updated_at", Value::from(ctx.now_text()))],
            )?;
            Ok(())
        })
    }

    pub fn household_row(&self, id: &str) -> Result<HouseholdRow> {
        let sql = format!("{ROW_SELECT} WHERE h.id = ?1 AND h.deleted = 0");
        self.conn
            .query_row(&sql, [id], row_from)
            .optional()?
            .ok_or(Error::not_found("households"))
    }

    /// The household list: search-as-you-type plus filters, most recently updated first.
    pub fn list_households(&self, filter: &HouseholdFilter) -> Result<HouseholdPage> {
        let mut clauses = vec!["h.deleted = 0".to_owned()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: String, args: &mut Vec<rusqlite::types::Value>| {
            args.push(v.into());
            format!("?{}", args.len())
        };
        match (filter.stage, filter.phase) {
            (Some(stage), _) => {
                let a = arg(stage.code().into(), &mut args);
                clauses.push(format!("h.stage = {a}"));
            }
            (None, Some(phase)) => clauses.push(stage_in(phase.stages())),
            (None, None) => {
                clauses.push(stage_in(Stage::ALL.into_iter().filter(|s| !s.is_closed())))
            }
        }
        if let Some(m) = filter
            .municipality
            .as_deref()
            .filter(|m| !m.trim().is_empty())
        {
            let a = arg(m.trim().to_owned(), &mut args);
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM json_each(h.desired_municipalities) WHERE value = {a})"
            ));
        }
        if let Some(t) = filter.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            let a = arg(t.trim().to_owned(), &mut args);
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM json_each(h.tags) WHERE value = {a})"
            ));
        }
        if let Some(o) = filter.owner_id.as_deref().filter(|o| !o.is_empty()) {
            let a = arg(o.to_owned(), &mut args);
            clauses.push(format!("h.owner_id = {a}"));
        }
        let limit = filter.limit.unwrap_or(100).min(500);
        let offset = filter.offset.unwrap_or(0);
        let query = filter
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty());
        if let Some(q) = query {
            // Ranked search decides the order; the filters narrow it.
            let ids = crate::search::matching_households(&self.conn, q, 2000)?;
            let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
            let a = arg(json, &mut args);
            let sql = format!(
                "{ROW_SELECT} JOIN json_each({a}) AS m ON m.value = h.id WHERE {} ORDER BY m.key LIMIT {limit} OFFSET {offset}",
                clauses.join(" AND ")
            );
            let count_sql = format!(
                "SELECT count(*) FROM households h JOIN json_each({a}) AS m ON m.value = h.id WHERE {}",
                clauses.join(" AND ")
            );
            return self.page(&sql, &count_sql, &args);
        }
        let sql = format!(
            "{ROW_SELECT} WHERE {} ORDER BY h.updated_at DESC LIMIT {limit} OFFSET {offset}",
            clauses.join(" AND ")
        );
        let count_sql = format!(
            "SELECT count(*) FROM households h WHERE {}",
            clauses.join(" AND ")
        );
        self.page(&sql, &count_sql, &args)
    }

    fn page(
        &self,
        sql: &str,
        count_sql: &str,
        args: &[rusqlite::types::Value],
    ) -> Result<HouseholdPage> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), row_from)?
            .collect::<Result<Vec<_>, _>>()?;
        let total = self
            .conn
            .prepare_cached(count_sql)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(HouseholdPage { rows, total })
    }

    /// The board: one column per open stage, grouped by phase, with the newest cards on top.
    pub fn board(&self, filter: &BoardFilter) -> Result<Board> {
        let per_column = filter.per_column.unwrap_or(50).min(200);
        let mut extra = String::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(o) = filter.owner_id.as_deref().filter(|o| !o.is_empty()) {
            args.push(o.to_owned().into());
            extra.push_str(&format!(" AND h.owner_id = ?{}", args.len() + 1));
        }
        if let Some(m) = filter
            .municipality
            .as_deref()
            .filter(|m| !m.trim().is_empty())
        {
            args.push(m.trim().to_owned().into());
            extra.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM json_each(h.desired_municipalities) WHERE value = ?{})",
                args.len() + 1
            ));
        }
        if let Some(t) = filter.tag.as_deref().filter(|t| !t.trim().is_empty()) {
            args.push(t.trim().to_owned().into());
            extra.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM json_each(h.tags) WHERE value = ?{})",
                args.len() + 1
            ));
        }
        let cards_sql = format!(
            "{ROW_SELECT} WHERE h.deleted = 0 AND h.stage = ?1{extra} ORDER BY h.updated_at DESC LIMIT {per_column}"
        );
        let count_sql = format!(
            "SELECT count(*) FROM households h WHERE h.deleted = 0 AND h.stage = ?1{extra}"
        );
        let mut columns = Vec::new();
        for stage in Stage::ALL.into_iter().filter(|s| !s.is_closed()) {
            let mut all_args = vec![rusqlite::types::Value::from(stage.code().to_owned())];
            all_args.extend(args.iter().cloned());
            let mut stmt = self.conn.prepare_cached(&cards_sql)?;
            let cards = stmt
                .query_map(rusqlite::params_from_iter(&all_args), row_from)?
                .map(|r| {
                    r.map(|row| BoardCard {
                        id: row.id,
                        name: row.name,
                        adults: row.adults,
                        children: row.children,
                        municipalities: row.municipalities,
                        owner_name: row.owner_name,
                        updated_at: row.updated_at,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let count = self
                .conn
                .prepare_cached(&count_sql)?
                .query_row(rusqlite::params_from_iter(&all_args), |r| r.get(0))?;
            columns.push(BoardColumn {
                stage,
                phase: stage.phase(),
                count,
                cards,
            });
        }
        Ok(Board { columns })
    }

    /// Everything the household page shows, in one read.
    pub fn household(&self, id: &str) -> Result<HouseholdDetail> {
        uuid::Uuid::parse_str(id)
            .map_err(|_| ValidationError::new("household_id", ValidationKind::InvalidId))?;
        let c = &self.conn;
        let mut detail = c
            .query_row(
                "SELECT h.id, h.name, h.stage, h.closed_reason, h.arrived_on, h.owner_id, u.name, h.source,
                        h.source_event_id, e.name, h.desired_municipalities, h.tags, h.notes, h.created_at, h.updated_at,
                        h.time_frame, h.self_registered, h.reviewed_at, h.duplicate_of, d.name, h.interests
                 FROM households h LEFT JOIN users u ON u.id = h.owner_id LEFT JOIN events e ON e.id = h.source_event_id
                 LEFT JOIN households d ON d.id = h.duplicate_of
                 WHERE h.id = ?1 AND h.deleted = 0",
                [id],
                |r| {
                    let stage = stage_col(r, 2)?;
                    let owner_id: Option<String> = r.get(5)?;
                    let owner_name: Option<String> = r.get(6)?;
                    Ok(HouseholdDetail {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        stage,
                        phase: stage.phase(),
                        closed_reason: r.get(3)?,
                        arrived_on: r.get(4)?,
                        owner: owner_id.zip(owner_name).map(|(id, name)| UserDto { id, name }),
                        source: r.get(7)?,
                        source_event_id: r.get(8)?,
                        source_event_name: r.get(9)?,
                        time_frame: r
                            .get::<_, Option<String>>(15)?
                            .and_then(|c| TimeFrame::from_code(&c)),
                        self_registered: r.get(16)?,
                        reviewed_at: r.get(17)?,
                        duplicate_of: NamedRef::pair(r.get(18)?, r.get(19)?),
                        desired_municipalities: parse_list(&r.get::<_, String>(10)?),
                        tags: parse_list(&r.get::<_, String>(11)?),
                        interests: parse_list(&r.get::<_, String>(20)?),
                        notes: r.get(12)?,
                        created_at: r.get(13)?,
                        updated_at: r.get(14)?,
                        members: vec![],
                        timeline: vec![],
                        stage_history: vec![],
                        consents: vec![],
                        links: vec![],
                        open_tasks: vec![],
                        next_stage: stage.next(),
                    })
                },
            )
            .optional()?
            .ok_or(Error::not_found("households"))?;
        detail.members = self.members(id)?;
        detail.timeline = self.interactions("i.household_id = ?1", id)?;
        detail.stage_history = {
            let mut stmt = c.prepare_cached(
                "SELECT s.id, s.from_stage, s.to_stage, s.reason, s.changed_at, u.name
                 FROM stage_changes s LEFT JOIN users u ON u.id = s.changed_by
                 WHERE s.household_id = ?1 ORDER BY s.changed_at DESC, s.rowid DESC",
            )?;
            stmt.query_map([id], |r| {
                let from: Option<String> = r.get(1)?;
                Ok(StageChangeDto {
                    id: r.get(0)?,
                    from_stage: from.as_deref().and_then(Stage::from_code),
                    to_stage: stage_col(r, 2)?,
                    reason: r.get(3)?,
                    changed_at: r.get(4)?,
                    changed_by: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?
        };
        detail.consents = self.consents(id)?;
        detail.links = self.links("l.household_id = ?1", id)?;
        detail.open_tasks = self.tasks_where("t.household_id = ?1 AND t.done_at IS NULL", &[id])?;
        Ok(detail)
    }

    fn members(&self, household_id: &str) -> Result<Vec<MemberDto>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, first_name, last_name, role, birth_year, languages, profession, emails, phones
             FROM persons WHERE household_id = ?1 AND deleted = 0 ORDER BY position, created_at",
        )?;
        let rows = stmt.query_map([household_id], |r| {
            Ok(MemberDto {
                id: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                role: MemberRole::from_code(&r.get::<_, String>(3)?).unwrap_or(MemberRole::Adult),
                birth_year: r.get(4)?,
                languages: parse_list(&r.get::<_, String>(5)?),
                profession: r.get(6)?,
                emails: parse_list(&r.get::<_, String>(7)?),
                phones: parse_list(&r.get::<_, String>(8)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub(crate) fn interactions(&self, condition: &str, id: &str) -> Result<Vec<InteractionDto>> {
        let sql = format!(
            "SELECT i.id, i.kind, i.occurred_at, i.summary, u.name, i.household_id, i.organisation_id
             FROM interactions i LEFT JOIN users u ON u.id = i.created_by
             WHERE {condition} ORDER BY i.occurred_at DESC, i.rowid DESC LIMIT 500"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| {
            Ok(InteractionDto {
                id: r.get(0)?,
                kind: InteractionKind::from_code(&r.get::<_, String>(1)?)
                    .unwrap_or(InteractionKind::Note),
                occurred_at: r.get(2)?,
                summary: r.get(3)?,
                created_by: r.get(4)?,
                household_id: r.get(5)?,
                organisation_id: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn consents(&self, household_id: &str) -> Result<Vec<ConsentDto>> {
        use landa_domain::kinds::{ConsentMethod, ConsentStatus, LawfulBasis, Purpose};
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.person_id, p.first_name || coalesce(' ' || p.last_name, ''), c.purpose, c.basis, c.status,
                    c.text_version, c.method, c.note, c.recorded_at, u.name
             FROM consents c JOIN persons p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.recorded_by
             WHERE p.household_id = ?1 AND p.deleted = 0 ORDER BY c.recorded_at DESC, c.rowid DESC",
        )?;
        let rows = stmt.query_map([household_id], |r| {
            let code = |i: usize| r.get::<_, String>(i);
            Ok(ConsentDto {
                id: r.get(0)?,
                person_id: r.get(1)?,
                person_name: r.get(2)?,
                purpose: Purpose::from_code(&code(3)?).unwrap_or(Purpose::ContactAboutMoving),
                basis: LawfulBasis::from_code(&code(4)?).unwrap_or(LawfulBasis::Consent),
                status: ConsentStatus::from_code(&code(5)?).unwrap_or(ConsentStatus::Withdrawn),
                text_version: r.get(6)?,
                method: ConsentMethod::from_code(&code(7)?).unwrap_or(ConsentMethod::Form),
                note: r.get(8)?,
                recorded_at: r.get(9)?,
                recorded_by: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// "Who changed what, when" for a household and everything that belongs to it.
    pub fn household_history(&self, id: &str) -> Result<Vec<ChangeDto>> {
        require_row(&self.conn, "households", id, "household_id")?;
        let mut stmt = self.conn.prepare_cached(
            "WITH rows(id) AS (
                SELECT ?1
                UNION ALL SELECT id FROM persons WHERE household_id = ?1
                UNION ALL SELECT id FROM stage_changes WHERE household_id = ?1
                UNION ALL SELECT id FROM interactions WHERE household_id = ?1
                UNION ALL SELECT c.id FROM consents c JOIN persons p ON p.id = c.person_id WHERE p.household_id = ?1
                UNION ALL SELECT id FROM org_links WHERE household_id = ?1
                UNION ALL SELECT id FROM tasks WHERE household_id = ?1
             )
             SELECT substr(c.hlc, 1, 24), u.name, c.entity, c.row_id, c.field, c.value
             FROM rows JOIN change_log c ON c.row_id = rows.id LEFT JOIN users u ON u.id = c.user_id
             ORDER BY c.hlc DESC LIMIT 1000",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(ChangeDto {
                at: r.get(0)?,
                user_name: r.get(1)?,
                entity: r.get(2)?,
                row_id: r.get(3)?,
                field: r.get(4)?,
                value: r.get(5)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let entry = row?;
            // A new row is one entry; the history shows each of its fields.
            for (field, value) in crate::changes::expand(&entry.field, &entry.value)? {
                out.push(ChangeDto {
                    field,
                    value,
                    ..entry.clone()
                });
            }
        }
        Ok(out)
    }
}

const ROW_SELECT: &str = "SELECT h.id, h.name, h.stage, u.name, h.desired_municipalities, h.tags, h.updated_at,
    (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.deleted = 0 AND p.role = 'adult'),
    (SELECT count(*) FROM persons p WHERE p.household_id = h.id AND p.deleted = 0 AND p.role = 'child')
    FROM households h LEFT JOIN users u ON u.id = h.owner_id";

fn stage_col(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Stage> {
    let code: String = r.get(i)?;
    Stage::from_code(&code).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(i, "stage".into(), rusqlite::types::Type::Text)
    })
}

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<HouseholdRow> {
    let stage = stage_col(r, 2)?;
    Ok(HouseholdRow {
        id: r.get(0)?,
        name: r.get(1)?,
        stage,
        phase: stage.phase(),
        owner_name: r.get(3)?,
        municipalities: parse_list(&r.get::<_, String>(4)?),
        tags: parse_list(&r.get::<_, String>(5)?),
        updated_at: r.get(6)?,
        adults: r.get(7)?,
        children: r.get(8)?,
    })
}

fn stage_in(stages: impl Iterator<Item = Stage>) -> String {
    let codes: Vec<String> = stages.map(|s| format!("'{}'", s.code())).collect();
    format!("h.stage IN ({})", codes.join(", "))
}

fn member_fields(m: &Member, position: usize) -> Vec<(&'static str, Value)> {
    vec![
        ("first_name", Value::from(m.first_name.clone())),
        ("last_name", opt(m.last_name.clone())),
        ("role", Value::from(m.role.code())),
        ("birth_year", m.birth_year.map_or(Value::Null, Value::from)),
        ("languages", json_list(&m.languages)),
        ("profession", opt(m.profession.clone())),
        ("emails", json_list(&m.emails)),
        ("phones", json_list(&m.phones)),
        ("position", Value::from(position as i64)),
    ]
}

fn insert_member(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    household_id: &str,
    position: usize,
    m: &Member,
) -> Result<()> {
    let mut fields = member_fields(m, position);
    fields.push(("household_id", Value::from(household_id)));
    fields.push(("created_at", Value::from(ctx.now_text())));
    w.insert("persons", &ctx.new_id(), &fields)
}

pub(crate) fn insert_household(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    v: &ValidHousehold,
    owner: Option<String>,
    stage: Stage,
) -> Result<String> {
    let id = ctx.new_id();
    let now = ctx.now_text();
    let arrived = stage.has_arrived().then(|| ctx.today().to_string());
    w.insert(
        "households",
        &id,
        &[
            ("name", Value::from(v.name.clone())),
            ("stage", Value::from(stage.code())),
            ("arrived_on", opt(arrived)),
            ("owner_id", opt(owner)),
            ("source", opt(v.source.clone())),
            ("source_event_id", opt(v.source_event_id.clone())),
            ("desired_municipalities", json_list(&v.municipalities)),
            ("tags", json_list(&v.tags)),
            ("notes", opt(v.notes.clone())),
            ("time_frame", opt(v.time_frame.map(|t| t.code().to_owned()))),
            ("self_registered", Value::from(v.self_registered)),
            ("interests", json_list(&v.interests)),
            ("created_at", Value::from(now.clone())),
            ("updated_at", Value::from(now)),
        ],
    )?;
    for (position, (_, m)) in v.members.iter().enumerate() {
        insert_member(w, ctx, &id, position, m)?;
    }
    record_stage_change(w, ctx, &id, None, stage, None)?;
    crate::checklists::after_create(w, ctx, &id, stage)?;
    crate::search::reindex_household(w, &id)?;
    Ok(id)
}

/// Writes a validated edit of a household: its fields, its members (new ones added, missing
/// ones tombstoned), its search entry. `existing` are the live members before the edit.
pub(crate) fn write_household_update(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    id: &str,
    v: &ValidHousehold,
    existing: &[String],
) -> Result<()> {
    let mut changed = w.update(
        "households",
        id,
        &[
            ("name", Value::from(v.name.clone())),
            ("owner_id", opt(v.owner_id.clone())),
            ("source", opt(v.source.clone())),
            ("source_event_id", opt(v.source_event_id.clone())),
            ("desired_municipalities", json_list(&v.municipalities)),
            ("tags", json_list(&v.tags)),
            ("notes", opt(v.notes.clone())),
            ("time_frame", opt(v.time_frame.map(|t| t.code().to_owned()))),
            ("interests", json_list(&v.interests)),
        ],
    )?;
    for (position, (member_id, m)) in v.members.iter().enumerate() {
        changed |= match member_id {
            Some(mid) => w.update("persons", mid, &member_fields(m, position))?,
            None => insert_member(w, ctx, id, position, m).map(|_| true)?,
        };
    }
    for gone in existing
        .iter()
        .filter(|e| !v.members.iter().any(|(mid, _)| mid.as_ref() == Some(e)))
    {
        changed |= w.tombstone("persons", gone)?;
    }
    if changed {
        w.update(
            "households",
            id,
            &[("updated_at", Value::from(ctx.now_text()))],
        )?;
    }
    crate::search::reindex_household(w, id)
}

/// Writes a planned stage change: the household's stage, closing reason and arrival date,
/// and the history row.
pub(crate) fn apply_transition(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    id: &str,
    plan: Transition,
    reason: Option<String>,
    arrival_date: Option<NaiveDate>,
) -> Result<()> {
    let mut fields = vec![
        ("stage", Value::from(plan.to.code())),
        ("updated_at", Value::from(ctx.now_text())),
        (
            "closed_reason",
            opt(plan.to.is_closed().then(|| reason.clone()).flatten()),
        ),
    ];
    match plan.arrival {
        ArrivalEffect::Record => fields.push((
            "arrived_on",
            Value::from(arrival_date.unwrap_or(ctx.today()).to_string()),
        )),
        ArrivalEffect::Clear => fields.push(("arrived_on", Value::Null)),
        ArrivalEffect::Keep => {}
    }
    w.update("households", id, &fields)?;
    record_stage_change(w, ctx, id, Some(plan.from), plan.to, reason)?;
    crate::checklists::after_stage_change(w, ctx, id, &plan, arrival_date)
}

pub(crate) fn record_stage_change(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    household_id: &str,
    from: Option<Stage>,
    to: Stage,
    reason: Option<String>,
) -> Result<()> {
    w.insert(
        "stage_changes",
        &ctx.new_id(),
        &[
            ("household_id", Value::from(household_id)),
            (
                "from_stage",
                from.map_or(Value::Null, |s| Value::from(s.code())),
            ),
            ("to_stage", Value::from(to.code())),
            ("reason", opt(reason)),
            ("changed_at", Value::from(ctx.now_text())),
            ("changed_by", ctx.user()),
        ],
    )
}

pub(crate) fn warnings_dto(w: Vec<Warning>) -> Vec<WarningDto> {
    w.into_iter()
        .map(|w| WarningDto {
            field: w.field,
            code: w.code.to_owned(),
        })
        .collect()
}
