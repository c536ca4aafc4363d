//! Per-phase checklists and retention check-ins.
//!
//! A checklist is a list of things to see to when a household enters a phase ("housing found",
//! "school place"…). The running project's list is used when it has items for the phase,
//! otherwise the default list; entering the phase turns each item into a task, once per
//! household and item. Arrival books the 6- and 12-month check-ins; a check-in records whether
//! the household is still here (*retained* at 12 months) or moved away, and why.

use chrono::{Days, Months, NaiveDate};
use landa_domain::household::{MAX_NAME, note_text, required_text};
use landa_domain::kinds::{InteractionKind, MovedAwayReason, TaskKind, UiLanguage};
use landa_domain::pipeline::{ArrivalEffect, Phase, Stage, Transition, plan_transition};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, WriteCtx, opt, require_row};
use crate::changes::Tx;
use crate::dto::HouseholdRow;
use crate::error::{Error, Result};
use crate::labels;

/// A year is the longest a checklist item may wait.
const MAX_DUE_DAYS: u32 = 365;

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ChecklistItemDto {
    pub id: String,
    pub project_id: Option<String>,
    pub phase: Phase,
    pub title: String,
    /// Days after entering the phase.
    pub due_days: u32,
    pub position: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ChecklistItemInput {
    /// The project's own list; absent for the default list.
    pub project_id: Option<String>,
    pub phase: Phase,
    pub title: String,
    /// 14 when absent.
    pub due_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckInOutcome {
    Staying,
    MovedAway,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CheckInInput {
    pub household_id: String,
    /// 6 or 12; absent for a move away learnt between check-ins.
    pub months: Option<u8>,
    pub outcome: CheckInOutcome,
    /// Required when they moved away.
    pub moved_away_reason: Option<MovedAwayReason>,
    pub note: String,
    /// `YYYY-MM-DD`; today when blank.
    pub on: Option<String>,
}

/// The default list a new database starts with, in Swedish and English; editable like any.
const DEFAULT_ITEMS: &[(Phase, &str, &str, u32)] = &[
    (Phase::Welcome, "Bostad ordnad", "Housing found", 14),
    (
        Phase::Welcome,
        "Plats i skola eller förskola",
        "School or preschool place",
        14,
    ),
    (
        Phase::Welcome,
        "Folkbokförd i kommunen",
        "Registered in the municipality",
        30,
    ),
    (
        Phase::Welcome,
        "Partnerns jobbsökande påbörjat",
        "Partner's job search started",
        14,
    ),
    (Phase::Welcome, "Värd matchad", "Host matched", 30),
    (
        Phase::Integrate,
        "Bjud in till inflyttarnätverket",
        "Invite to the newcomer network",
        14,
    ),
    (
        Phase::StrengthenedBrand,
        "Fråga om deras berättelse får användas",
        "Ask whether their story may be used",
        14,
    ),
];

const ITEM_SELECT: &str =
    "SELECT id, project_id, phase, title, due_days, position FROM checklist_items";

fn phase_from(code: &str) -> Phase {
    Phase::OPEN
        .into_iter()
        .find(|p| p.code() == code)
        .unwrap_or(Phase::Welcome)
}

fn item_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChecklistItemDto> {
    Ok(ChecklistItemDto {
        id: r.get(0)?,
        project_id: r.get(1)?,
        phase: phase_from(&r.get::<_, String>(2)?),
        title: r.get(3)?,
        due_days: r.get(4)?,
        position: r.get(5)?,
    })
}

pub(crate) fn language_in(conn: &Connection) -> Result<UiLanguage> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM local_settings WHERE key = 'ui.language'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|v| UiLanguage::from_code(&v))
        .unwrap_or(UiLanguage::Sv))
}

impl Landa {
    /// Writes the default checklist the first time a coordinator is created on an empty
    /// database, in the language the UI is shown in.
    pub(crate) fn seed_checklist(&mut self) -> Result<()> {
        let any: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM checklist_items)", [], |r| {
                    r.get(0)
                })?;
        if any {
            return Ok(());
        }
        let lang = self.ui_language()?;
        self.write(|w, ctx| {
            for (i, (phase, sv, en, days)) in DEFAULT_ITEMS.iter().enumerate() {
                w.insert(
                    "checklist_items",
                    &ctx.new_id(),
                    &[
                        ("phase", Value::from(phase.code())),
                        ("title", Value::from(labels::pick(lang, sv, en))),
                        ("due_days", Value::from(*days)),
                        ("position", Value::from(i as i64)),
                        ("created_at", Value::from(ctx.now_text())),
                    ],
                )?;
            }
            Ok(())
        })
    }

    /// A project's own list (or the default list for `None`), by phase and position.
    pub fn checklist(&self, project_id: Option<String>) -> Result<Vec<ChecklistItemDto>> {
        if let Some(p) = &project_id {
            require_row(&self.conn, "projects", p, "project_id")?;
        }
        let sql = format!(
            "{ITEM_SELECT} WHERE deleted = 0 AND project_id IS ?1
             ORDER BY CASE phase WHEN 'attract' THEN 0 WHEN 'welcome' THEN 1 WHEN 'integrate' THEN 2 ELSE 3 END,
                      position, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], item_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn item_fields(&self, input: &ChecklistItemInput) -> Result<Vec<(&'static str, Value)>> {
        if let Some(p) = &input.project_id {
            require_row(&self.conn, "projects", p, "project_id")?;
        }
        if input.phase == Phase::Closed {
            return Err(ValidationError::new("phase", ValidationKind::UnknownValue).into());
        }
        let due = input.due_days.unwrap_or(14);
        if due > MAX_DUE_DAYS {
            return Err(ValidationError::new("due_days", ValidationKind::OutOfRange).into());
        }
        Ok(vec![
            ("project_id", opt(input.project_id.clone())),
            ("phase", Value::from(input.phase.code())),
            (
                "title",
                Value::from(required_text(&input.title, "title", MAX_NAME)?),
            ),
            ("due_days", Value::from(due)),
        ])
    }

    /// Adds an item at the end of its phase.
    pub fn add_checklist_item(&mut self, input: &ChecklistItemInput) -> Result<String> {
        let mut fields = self.item_fields(input)?;
        let position: i64 = self.conn.query_row(
            "SELECT coalesce(max(position), -1) + 1 FROM checklist_items
             WHERE deleted = 0 AND project_id IS ?1 AND phase = ?2",
            rusqlite::params![input.project_id, input.phase.code()],
            |r| r.get(0),
        )?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push(("position", Value::from(position)));
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("checklist_items", &id, &fields)
        })?;
        Ok(id)
    }

    pub fn update_checklist_item(&mut self, id: &str, input: &ChecklistItemInput) -> Result<()> {
        require_row(&self.conn, "checklist_items", id, "item_id")?;
        let fields = self.item_fields(input)?;
        self.write(|w, _| w.update("checklist_items", id, &fields).map(|_| ()))
    }

    /// Removes an item from its list; tasks already made from it stay.
    pub fn remove_checklist_item(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "checklist_items", id, "item_id")?;
        self.write(|w, _| w.tombstone("checklist_items", id).map(|_| ()))
    }

    /// Sets the order of a phase's items to the order of `ids`.
    pub fn reorder_checklist(&mut self, ids: &[String]) -> Result<()> {
        for (i, id) in ids.iter().enumerate() {
            require_row(&self.conn, "checklist_items", id, &format!("ids[{i}]"))?;
        }
        self.write(|w, _| {
            for (i, id) in ids.iter().enumerate() {
                w.update(
                    "checklist_items",
                    id,
                    &[("position", Value::from(i as i64))],
                )?;
            }
            Ok(())
        })
    }

    /// Gives a project its own list, starting from a copy of the default list.
    pub fn copy_default_checklist(&mut self, project_id: &str) -> Result<Vec<ChecklistItemDto>> {
        require_row(&self.conn, "projects", project_id, "project_id")?;
        if !self.checklist(Some(project_id.to_owned()))?.is_empty() {
            return Err(
                ValidationError::new("project_id", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let defaults = self.checklist(None)?;
        self.write(|w, ctx| {
            for item in &defaults {
                w.insert(
                    "checklist_items",
                    &ctx.new_id(),
                    &[
                        ("project_id", Value::from(project_id)),
                        ("phase", Value::from(item.phase.code())),
                        ("title", Value::from(item.title.clone())),
                        ("due_days", Value::from(item.due_days)),
                        ("position", Value::from(item.position)),
                        ("created_at", Value::from(ctx.now_text())),
                    ],
                )?;
            }
            Ok(())
        })?;
        self.checklist(Some(project_id.to_owned()))
    }

    /// A 6- or 12-month check-in, or a move away learnt in between.
    pub fn record_check_in(&mut self, input: &CheckInInput) -> Result<HouseholdRow> {
        let id = input.household_id.as_str();
        require_row(&self.conn, "households", id, "household_id")?;
        let (stage, arrived): (String, Option<String>) = self.conn.query_row(
            "SELECT stage, arrived_on FROM households WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let stage = Stage::from_code(&stage).ok_or_else(|| Error::Corrupt("stage".into()))?;
        if !stage.has_arrived() || stage.is_closed() {
            return Err(
                ValidationError::new("household_id", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let kind = match input.months {
            Some(6) => Some(TaskKind::CheckIn6),
            Some(12) => Some(TaskKind::CheckIn12),
            None if input.outcome == CheckInOutcome::MovedAway => None,
            _ => return Err(ValidationError::new("months", ValidationKind::OutOfRange).into()),
        };
        let on = self.past_date(input.on.as_deref(), "on")?;
        let note = note_text(&input.note, "note")?;
        let reason = match input.outcome {
            CheckInOutcome::MovedAway => Some(input.moved_away_reason.ok_or_else(|| {
                ValidationError::new("moved_away_reason", ValidationKind::ReasonRequired)
            })?),
            CheckInOutcome::Staying => None,
        };
        let lang = self.ui_language()?;
        let target = match (input.outcome, input.months) {
            (CheckInOutcome::MovedAway, _) => Some(Stage::MovedAway),
            (CheckInOutcome::Staying, Some(6)) => Some(Stage::SixMonthCheckIn),
            (CheckInOutcome::Staying, _) => Some(Stage::Retained),
        }
        // Staying never moves anyone backwards: an ambassador stays an ambassador.
        .filter(|t| t.is_closed() || stage.order() < t.order());
        let closing_reason = reason.map(|r| {
            note.clone()
                .unwrap_or_else(|| labels::moved_away_reason(r, lang).to_owned())
        });
        let plan = match target {
            Some(t) => Some(plan_transition(
                stage,
                t,
                arrived.is_some(),
                closing_reason.as_deref(),
            )?),
            None => None,
        };
        let summary = note.clone().unwrap_or_else(|| {
            let what = match input.months {
                Some(6) => labels::pick(lang, "Sexmånaderssamtal", "Six-month check-in"),
                Some(_) => labels::pick(lang, "Tolvmånaderssamtal", "Twelve-month check-in"),
                None => labels::pick(lang, "Har flyttat härifrån", "Moved away"),
            };
            let how = match reason {
                Some(r) => labels::moved_away_reason(r, lang),
                None => labels::pick(lang, "bor kvar", "still here"),
            };
            format!("{what}: {how}")
        });
        self.write(|w, ctx| {
            let occurred = on.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
            w.insert(
                "interactions",
                &ctx.new_id(),
                &[
                    ("household_id", Value::from(id)),
                    ("kind", Value::from(InteractionKind::CheckIn.code())),
                    (
                        "occurred_at",
                        Value::from(occurred.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                    ),
                    ("summary", Value::from(summary)),
                    ("created_by", ctx.user()),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )?;
            if let Some(kind) = kind {
                let open: Vec<String> =
                    w.tx.prepare_cached(
                        "SELECT id FROM tasks WHERE household_id = ?1 AND kind = ?2
                         AND done_at IS NULL AND deleted = 0",
                    )?
                    .query_map([id, kind.code()], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                // Done on the day the check-in took place, not the day it was typed in.
                let done = if on < ctx.today() {
                    occurred.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
                } else {
                    ctx.now_text()
                };
                for t in open {
                    w.update("tasks", &t, &[("done_at", Value::from(done.clone()))])?;
                }
            }
            if let Some(r) = reason {
                w.update(
                    "households",
                    id,
                    &[("moved_away_reason", Value::from(r.code()))],
                )?;
            }
            if let Some(plan) = plan {
                crate::households::apply_transition(w, ctx, id, plan, closing_reason, None)?;
            } else {
                crate::matches::touch_household(w, ctx, id)?;
            }
            Ok(())
        })?;
        self.household_row(id)
    }
}

/// What a stage change does beyond the stage itself: the new phase's checklist, booking or
/// cancelling check-ins. Runs in the same transaction as the change.
pub(crate) fn after_stage_change(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    household: &str,
    plan: &Transition,
    arrival_date: Option<NaiveDate>,
) -> Result<()> {
    if plan.to.phase() != plan.from.phase() && !plan.to.is_closed() {
        apply_checklist(w, ctx, household, plan.to.phase())?;
    }
    match plan.arrival {
        ArrivalEffect::Record => {
            cancel_open(w, household, &[TaskKind::CheckIn6, TaskKind::CheckIn12])?;
            book_check_ins(w, ctx, household, arrival_date.unwrap_or(ctx.today()))?;
        }
        ArrivalEffect::Clear => {
            cancel_open(w, household, &[TaskKind::CheckIn6, TaskKind::CheckIn12])?;
        }
        ArrivalEffect::Keep => {}
    }
    if plan.to.is_closed() {
        // A household that is not moving or has moved away needs no more settling in.
        cancel_open(
            w,
            household,
            &[TaskKind::CheckIn6, TaskKind::CheckIn12, TaskKind::Checklist],
        )?;
    }
    Ok(())
}

/// For a new household: its first phase's checklist, and check-ins if it starts as arrived.
pub(crate) fn after_create(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    household: &str,
    stage: Stage,
) -> Result<()> {
    if !stage.is_closed() {
        apply_checklist(w, ctx, household, stage.phase())?;
    }
    if stage.has_arrived() && !stage.is_closed() {
        book_check_ins(w, ctx, household, ctx.today())?;
    }
    Ok(())
}

fn owner_of(w: &Tx<'_>, ctx: &WriteCtx, household: &str) -> Result<Option<String>> {
    let owner: Option<String> =
        w.tx.prepare_cached("SELECT owner_id FROM households WHERE id = ?1")?
            .query_row([household], |r| r.get(0))
            .optional()?
            .flatten();
    Ok(owner.or_else(|| ctx.user_id.clone()))
}

fn apply_checklist(w: &mut Tx<'_>, ctx: &WriteCtx, household: &str, phase: Phase) -> Result<()> {
    let today = ctx.today().to_string();
    // The running project that started last, when it has its own items for this phase.
    let project: Option<String> = w
        .tx
        .prepare_cached(
            "SELECT p.id FROM projects p
             WHERE p.deleted = 0 AND p.starts_on <= ?1 AND (p.ends_on IS NULL OR p.ends_on >= ?1)
               AND EXISTS (SELECT 1 FROM checklist_items c WHERE c.project_id = p.id AND c.phase = ?2 AND c.deleted = 0)
             ORDER BY p.starts_on DESC, p.id LIMIT 1",
        )?
        .query_row([today.as_str(), phase.code()], |r| r.get(0))
        .optional()?;
    let items: Vec<(String, String, u32)> =
        w.tx.prepare_cached(
            "SELECT c.id, c.title, c.due_days FROM checklist_items c
             WHERE c.deleted = 0 AND c.phase = ?1 AND c.project_id IS ?2
               AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.household_id = ?3
                               AND t.checklist_item_id = c.id AND t.deleted = 0)
             ORDER BY c.position, c.id",
        )?
        .query_map(rusqlite::params![phase.code(), project, household], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    if items.is_empty() {
        return Ok(());
    }
    let owner = owner_of(w, ctx, household)?;
    for (item, title, days) in items {
        let due = ctx.today() + Days::new(u64::from(days));
        w.insert(
            "tasks",
            &ctx.new_id(),
            &[
                ("title", Value::from(title)),
                ("due_on", Value::from(due.to_string())),
                ("owner_id", opt(owner.clone())),
                ("household_id", Value::from(household)),
                ("created_at", Value::from(ctx.now_text())),
                ("kind", Value::from(TaskKind::Checklist.code())),
                ("checklist_item_id", Value::from(item)),
            ],
        )?;
    }
    Ok(())
}

fn book_check_ins(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    household: &str,
    arrived: NaiveDate,
) -> Result<()> {
    let lang = language_in(&w.tx)?;
    let name: String =
        w.tx.prepare_cached("SELECT name FROM households WHERE id = ?1")?
            .query_row([household], |r| r.get(0))?;
    let owner = owner_of(w, ctx, household)?;
    for (months, kind, sv, en) in [
        (
            6,
            TaskKind::CheckIn6,
            "Sexmånaderssamtal",
            "Six-month check-in",
        ),
        (
            12,
            TaskKind::CheckIn12,
            "Tolvmånaderssamtal",
            "Twelve-month check-in",
        ),
    ] {
        let due = arrived
            .checked_add_months(Months::new(months))
            .unwrap_or(arrived);
        w.insert(
            "tasks",
            &ctx.new_id(),
            &[
                (
                    "title",
                    Value::from(format!("{}: {name}", labels::pick(lang, sv, en))),
                ),
                ("due_on", Value::from(due.to_string())),
                ("owner_id", opt(owner.clone())),
                ("household_id", Value::from(household)),
                ("created_at", Value::from(ctx.now_text())),
                ("kind", Value::from(kind.code())),
            ],
        )?;
    }
    Ok(())
}

fn cancel_open(w: &mut Tx<'_>, household: &str, kinds: &[TaskKind]) -> Result<()> {
    for kind in kinds {
        let open: Vec<String> =
            w.tx.prepare_cached(
                "SELECT id FROM tasks WHERE household_id = ?1 AND kind = ?2
                 AND done_at IS NULL AND deleted = 0",
            )?
            .query_map([household, kind.code()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for t in open {
            w.tombstone("tasks", &t)?;
        }
    }
    Ok(())
}
