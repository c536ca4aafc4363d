//! Events — fairs, campaigns, newcomer networks, host trainings and the rest — their
//! participants and attendees, and what came of the leads met there.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;
use landa_domain::fair::{Reached, format_ore, parse_kronor};
use landa_domain::household::{MAX_NAME, note_text, optional_text, required_text};
use landa_domain::kinds::{EventKind, EventWhen, FourT};
use landa_domain::pipeline::Stage;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::app::{Landa, opt, parse_date, parse_list, require_row};
use crate::dto::*;
use crate::error::{Error, Result};

/// Upper bound on the follow-up delay: a follow-up a year out is not a follow-up.
const MAX_FOLLOW_UP_DAYS: u32 = 365;

pub(crate) struct ValidEvent {
    pub(crate) fields: Vec<(&'static str, Value)>,
    participants: Vec<String>,
}

impl Landa {
    pub(crate) fn validate_event(&self, input: &EventInput) -> Result<ValidEvent> {
        let name = required_text(&input.name, "name", MAX_NAME)?;
        let starts = parse_date(&input.starts_on, "starts_on")?;
        let ends = match input.ends_on.as_deref().map(str::trim) {
            Some(e) if !e.is_empty() => {
                let d = parse_date(e, "ends_on")?;
                if d < starts {
                    return Err(
                        ValidationError::new("ends_on", ValidationKind::EndsBeforeStart).into(),
                    );
                }
                Some(d.to_string())
            }
            _ => None,
        };
        if let Some(o) = &input.organiser_id {
            require_row(&self.conn, "organisations", o, "organiser_id")?;
        }
        let mut participants: Vec<String> = Vec::new();
        for (i, p) in input.participant_ids.iter().enumerate() {
            require_row(
                &self.conn,
                "organisations",
                p,
                &format!("participant_ids[{i}]"),
            )?;
            if !participants.contains(p) {
                participants.push(p.clone());
            }
        }
        let mut four_t: Vec<FourT> = Vec::new();
        for t in FourT::ALL {
            if input.four_t.contains(t) {
                four_t.push(*t);
            }
        }
        let follow_up = input.follow_up_days.unwrap_or(3);
        if follow_up > MAX_FOLLOW_UP_DAYS {
            return Err(ValidationError::new("follow_up_days", ValidationKind::TooLong).into());
        }
        let codes: Vec<&str> = four_t.iter().map(|t| t.code()).collect();
        Ok(ValidEvent {
            fields: vec![
                (
                    "kind",
                    Value::from(input.kind.unwrap_or(EventKind::Fair).code()),
                ),
                ("name", Value::from(name)),
                ("starts_on", Value::from(starts.to_string())),
                ("ends_on", opt(ends)),
                (
                    "place",
                    opt(optional_text(&input.place, "place", MAX_NAME)?),
                ),
                ("organiser_id", opt(input.organiser_id.clone())),
                (
                    "cost_ore",
                    parse_kronor(&input.cost, "cost")?.map_or(Value::Null, Value::from),
                ),
                ("four_t", Value::from(codes)),
                ("notes", opt(note_text(&input.notes, "notes")?)),
                ("follow_up_days", Value::from(follow_up)),
                (
                    "outside_region",
                    Value::from(input.outside_region.unwrap_or(false)),
                ),
            ],
            participants,
        })
    }

    pub fn create_event(&mut self, input: &EventInput) -> Result<String> {
        let v = self.validate_event(input)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            let mut fields = v.fields.clone();
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("events", &id, &fields)?;
            for org in &v.participants {
                insert_attendance(w, ctx, &id, None, Some(org), "participant")?;
            }
            Ok(())
        })?;
        Ok(id)
    }

    /// Edits an event; organisations no longer listed as taking part are removed from it.
    pub fn update_event(&mut self, id: &str, input: &EventInput) -> Result<()> {
        require_row(&self.conn, "events", id, "event_id")?;
        let v = self.validate_event(input)?;
        let current: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, organisation_id FROM event_attendance
                 WHERE event_id = ?1 AND role = 'participant' AND deleted = 0",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        self.write(|w, ctx| {
            w.update("events", id, &v.fields)?;
            for (row, org) in &current {
                if !v.participants.contains(org) {
                    w.tombstone("event_attendance", row)?;
                }
            }
            for org in &v.participants {
                if !current.iter().any(|(_, o)| o == org) {
                    insert_attendance(w, ctx, id, None, Some(org), "participant")?;
                }
            }
            Ok(())
        })
    }

    /// Removes an event from lists. Its leads keep their history and their source.
    pub fn delete_event(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "events", id, "event_id")?;
        self.write(|w, _| w.tombstone("events", id).map(|_| ()))
    }

    pub fn list_events(&self, filter: &EventFilter) -> Result<Vec<EventRow>> {
        let today = self.today().to_string();
        let mut clauses = vec!["e.deleted = 0".to_owned()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let arg = |v: String, args: &mut Vec<rusqlite::types::Value>| {
            args.push(v.into());
            format!("?{}", args.len())
        };
        match filter.when.unwrap_or(EventWhen::All) {
            EventWhen::Upcoming => {
                let a = arg(today.clone(), &mut args);
                clauses.push(format!("coalesce(e.ends_on, e.starts_on) >= {a}"));
            }
            EventWhen::Past => {
                let a = arg(today.clone(), &mut args);
                clauses.push(format!("coalesce(e.ends_on, e.starts_on) < {a}"));
            }
            EventWhen::All => {}
        }
        if let Some(k) = filter.kind {
            let a = arg(k.code().into(), &mut args);
            clauses.push(format!("e.kind = {a}"));
        }
        if let Some(t) = filter.four_t {
            let a = arg(t.code().into(), &mut args);
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM json_each(e.four_t) WHERE value = {a})"
            ));
        }
        if let Some(y) = filter.year {
            let a = arg(format!("{y:04}"), &mut args);
            clauses.push(format!("substr(e.starts_on, 1, 4) = {a}"));
        }
        if let Some(q) = filter
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            let a = arg(format!("%{}%", q.to_lowercase()), &mut args);
            clauses.push(format!(
                "(lower(e.name) LIKE {a} OR lower(coalesce(e.place, '')) LIKE {a})"
            ));
        }
        // Upcoming events soonest first; everything else newest first.
        let order = match filter.when {
            Some(EventWhen::Upcoming) => "e.starts_on ASC",
            _ => "e.starts_on DESC",
        };
        let sql = format!(
            "SELECT e.id, e.kind, e.name, e.starts_on, e.ends_on, e.place, e.four_t
             FROM events e WHERE {} ORDER BY {order}, e.name LIMIT 1000",
            clauses.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(rusqlite::params_from_iter(&args), event_row)?
            .collect::<Result<_, _>>()?;
        let reached = self.reached_by_event(None)?;
        for row in &mut rows {
            if let Some(r) = reached.get(&row.id) {
                row.leads = r.len() as u32;
                row.arrived = r.iter().filter(|r| r.arrived).count() as u32;
            }
        }
        Ok(rows)
    }

    pub fn event(&self, id: &str) -> Result<EventDetail> {
        uuid::Uuid::parse_str(id)
            .map_err(|_| ValidationError::new("event_id", ValidationKind::InvalidId))?;
        let c = &self.conn;
        let (mut detail, cost_ore) = c
            .query_row(
                "SELECT e.id, e.kind, e.name, e.starts_on, e.ends_on, e.place, e.organiser_id, o.name,
                        e.cost_ore, e.four_t, e.notes, e.follow_up_days, e.outside_region
                 FROM events e LEFT JOIN organisations o ON o.id = e.organiser_id
                 WHERE e.id = ?1 AND e.deleted = 0",
                [id],
                |r| {
                    let organiser_id: Option<String> = r.get(6)?;
                    let organiser_name: Option<String> = r.get(7)?;
                    let cost_ore: Option<i64> = r.get(8)?;
                    Ok((
                        EventDetail {
                            id: r.get(0)?,
                            kind: kind_col(r, 1)?,
                            name: r.get(2)?,
                            starts_on: r.get(3)?,
                            ends_on: r.get(4)?,
                            place: r.get(5)?,
                            organiser: NamedRef::pair(organiser_id, organiser_name),
                            cost: cost_ore.map(format_ore),
                            four_t: four_t_col(&r.get::<_, String>(9)?),
                            participants: vec![],
                            notes: r.get(10)?,
                            follow_up_days: r.get(11)?,
                            outside_region: r.get(12)?,
                            attendees: vec![],
                            outcomes: Outcomes::default(),
                            captured_today: 0,
                        },
                        cost_ore,
                    ))
                },
            )
            .optional()?
            .ok_or(Error::not_found("events"))?;
        let mut stmt = c.prepare_cached(
            "SELECT a.id, a.role, a.household_id, h.name, a.person_id,
                    p.first_name || coalesce(' ' || p.last_name, ''), a.organisation_id, o.name
             FROM event_attendance a
             LEFT JOIN households h ON h.id = a.household_id
             LEFT JOIN persons p ON p.id = a.person_id
             LEFT JOIN organisations o ON o.id = a.organisation_id
             WHERE a.event_id = ?1 AND a.deleted = 0
               AND (a.household_id IS NULL OR h.deleted = 0)
               AND (a.organisation_id IS NULL OR o.deleted = 0)
             ORDER BY a.created_at",
        )?;
        let all: Vec<AttendeeDto> = stmt
            .query_map([id], |r| {
                Ok(AttendeeDto {
                    id: r.get(0)?,
                    role: r.get(1)?,
                    household: NamedRef::pair(r.get(2)?, r.get(3)?),
                    person: NamedRef::pair(r.get(4)?, r.get(5)?),
                    organisation: NamedRef::pair(r.get(6)?, r.get(7)?),
                })
            })?
            .collect::<Result<_, _>>()?;
        let (participants, attendees): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|a| a.role == "participant");
        detail.participants = participants
            .into_iter()
            .filter_map(|a| a.organisation)
            .collect();
        detail.attendees = attendees;
        let reached = self.reached_by_event(Some(id))?;
        detail.outcomes = outcomes(reached.get(id).map(Vec::as_slice).unwrap_or(&[]), cost_ore);
        detail.captured_today = self.captured_today(id)?;
        Ok(detail)
    }

    /// Conversations logged at the event today: every capture logs one, new lead or not.
    pub(crate) fn captured_today(&self, event_id: &str) -> Result<u32> {
        let start = format!("{}T00:00:00", self.today());
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM interactions WHERE event_id = ?1 AND occurred_at >= ?2
             AND kind IN ('fair_talk', 'self_registration')",
            )?
            .query_row(rusqlite::params![event_id, start], |r| r.get(0))?)
    }

    /// Adds a household or an organisation to the people who came.
    pub fn add_attendee(&mut self, input: &AttendeeInput) -> Result<String> {
        require_row(&self.conn, "events", &input.event_id, "event_id")?;
        match (&input.household_id, &input.organisation_id) {
            (Some(h), None) => require_row(&self.conn, "households", h, "household_id")?,
            (None, Some(o)) => require_row(&self.conn, "organisations", o, "organisation_id")?,
            _ => return Err(ValidationError::new("household_id", ValidationKind::Empty).into()),
        }
        let existing: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM event_attendance WHERE event_id = ?1 AND deleted = 0 AND role = 'attendee'
                 AND (household_id = ?2 OR organisation_id = ?3)",
            )?
            .query_row(
                rusqlite::params![input.event_id, input.household_id, input.organisation_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        self.write(|w, ctx| {
            insert_attendance(
                w,
                ctx,
                &input.event_id,
                input.household_id.as_deref(),
                input.organisation_id.as_deref(),
                "attendee",
            )
        })
    }

    pub fn remove_attendee(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "event_attendance", id, "attendee_id")?;
        self.write(|w, _| w.tombstone("event_attendance", id).map(|_| ()))
    }

    /// Leads per event (or for one event), each with how far it has come. Duplicates and
    /// deleted households are left out: they are not leads.
    fn reached_by_event(&self, event: Option<&str>) -> Result<HashMap<String, Vec<Reached>>> {
        let sql = "SELECT h.source_event_id, h.stage,
                          (SELECT group_concat(s.to_stage) FROM stage_changes s WHERE s.household_id = h.id)
                   FROM households h
                   WHERE h.deleted = 0 AND h.duplicate_of IS NULL AND h.source_event_id IS NOT NULL
                     AND (?1 IS NULL OR h.source_event_id = ?1)";
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut out: HashMap<String, Vec<Reached>> = HashMap::new();
        let mut rows = stmt.query([event])?;
        while let Some(r) = rows.next()? {
            let event_id: String = r.get(0)?;
            let current: String = r.get(1)?;
            let history: Option<String> = r.get(2)?;
            let stages = std::iter::once(current.as_str())
                .chain(history.as_deref().unwrap_or("").split(','))
                .filter_map(Stage::from_code);
            out.entry(event_id)
                .or_default()
                .push(Reached::from_stages(stages));
        }
        Ok(out)
    }

    /// What came of the leads, per event, per kind of event and per 4T category.
    /// `year` keeps events that started that year.
    pub fn event_outcomes(&self, year: Option<i32>) -> Result<OutcomeReport> {
        let events = self.list_events(&EventFilter {
            year,
            ..Default::default()
        })?;
        let costs: HashMap<String, i64> = self
            .conn
            .prepare("SELECT id, cost_ore FROM events WHERE deleted = 0 AND cost_ore IS NOT NULL")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let reached = self.reached_by_event(None)?;
        let empty: Vec<Reached> = Vec::new();
        let mut by_kind: BTreeMap<usize, (u32, Vec<EventLeads<'_>>)> = BTreeMap::new();
        let mut by_t: BTreeMap<usize, (u32, Vec<EventLeads<'_>>)> = BTreeMap::new();
        let mut all: Vec<EventLeads<'_>> = Vec::new();
        let mut by_event = Vec::new();
        for e in &events {
            let leads = reached.get(&e.id).unwrap_or(&empty).as_slice();
            let cost = costs.get(&e.id).copied();
            let k = EventKind::ALL
                .iter()
                .position(|k| *k == e.kind)
                .unwrap_or(0);
            let entry = by_kind.entry(k).or_default();
            entry.0 += 1;
            entry.1.push((leads, cost));
            for t in &e.four_t {
                let i = FourT::ALL.iter().position(|x| x == t).unwrap_or(0);
                let entry = by_t.entry(i).or_default();
                entry.0 += 1;
                entry.1.push((leads, cost));
            }
            all.push((leads, cost));
            by_event.push(EventOutcome {
                event: e.clone(),
                outcomes: outcomes(leads, cost),
            });
        }
        Ok(OutcomeReport {
            year,
            by_event,
            by_kind: by_kind
                .into_iter()
                .map(|(k, (events, parts))| OutcomeGroup {
                    key: EventKind::ALL[k],
                    events,
                    outcomes: combined(&parts),
                })
                .collect(),
            by_four_t: by_t
                .into_iter()
                .map(|(t, (events, parts))| OutcomeGroup {
                    key: FourT::ALL[t],
                    events,
                    outcomes: combined(&parts),
                })
                .collect(),
            total: combined(&all),
        })
    }

    /// The current year, for the default outcome filter.
    pub fn current_year(&self) -> i32 {
        self.today().year()
    }
}

/// One event's leads and its cost in öre, for summing events together.
type EventLeads<'a> = (&'a [Reached], Option<i64>);

/// Outcomes of one event's leads. Cost per arrived household needs a cost and an arrival.
fn outcomes(leads: &[Reached], cost_ore: Option<i64>) -> Outcomes {
    combined(&[(leads, cost_ore)])
}

/// Outcomes of several events together. The cost per arrived household divides the cost of
/// the events that have one by the households that arrived from those same events, so an
/// event without a cost does not make the others look cheaper.
fn combined(parts: &[EventLeads<'_>]) -> Outcomes {
    let mut o = Outcomes::default();
    let mut cost: Option<i64> = None;
    let mut arrived_with_cost = 0u32;
    for (leads, c) in parts {
        let count = |f: fn(&Reached) -> bool| leads.iter().filter(|r| f(r)).count() as u32;
        o.leads += leads.len() as u32;
        o.contacted += count(|r| r.contacted);
        o.engaged += count(|r| r.engaged);
        o.retained += count(|r| r.retained);
        let arrived = count(|r| r.arrived);
        o.arrived += arrived;
        if let Some(c) = c {
            cost = Some(cost.unwrap_or(0) + c);
            arrived_with_cost += arrived;
        }
    }
    o.cost = cost.map(format_ore);
    o.cost_per_arrived = cost
        .filter(|_| arrived_with_cost > 0)
        .map(|c| format_ore((c + i64::from(arrived_with_cost) / 2) / i64::from(arrived_with_cost)));
    o
}

pub(crate) fn insert_attendance(
    w: &mut crate::changes::Tx<'_>,
    ctx: &crate::app::WriteCtx,
    event_id: &str,
    household_id: Option<&str>,
    organisation_id: Option<&str>,
    role: &str,
) -> Result<String> {
    let id = ctx.new_id();
    w.insert(
        "event_attendance",
        &id,
        &[
            ("event_id", Value::from(event_id)),
            ("household_id", opt(household_id.map(str::to_owned))),
            ("organisation_id", opt(organisation_id.map(str::to_owned))),
            ("role", Value::from(role)),
            ("created_at", Value::from(ctx.now_text())),
        ],
    )?;
    Ok(id)
}

fn kind_col(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<EventKind> {
    Ok(EventKind::from_code(&r.get::<_, String>(i)?).unwrap_or(EventKind::Other))
}

fn four_t_col(text: &str) -> Vec<FourT> {
    parse_list(text)
        .iter()
        .filter_map(|c| FourT::from_code(c))
        .collect()
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        kind: kind_col(r, 1)?,
        name: r.get(2)?,
        starts_on: r.get(3)?,
        ends_on: r.get(4)?,
        place: r.get(5)?,
        four_t: four_t_col(&r.get::<_, String>(6)?),
        leads: 0,
        arrived: 0,
    })
}
