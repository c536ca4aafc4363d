//! The host register: volunteer locals who welcome newcomer households, with what matching
//! compares, their capacity and status, their consent and the host trainings they attended.

use landa_domain::contact::normalise_phone;
use landa_domain::household::{MAX_NAME, clean_list, note_text, optional_text, required_text};
use landa_domain::kinds::{EventKind, HostRole, HostStatus, LifeStage};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, json_list, opt, parse_date, parse_list, require_row};
use crate::dto::NamedRef;
use crate::error::{Error, Result};
use crate::organisations::email_field;

/// More households at once than this is not hosting but running an association.
pub const MAX_CAPACITY: u32 = 10;

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct HostInput {
    pub name: String,
    pub municipality: String,
    pub village: String,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub profession: String,
    pub life_stage: Option<LifeStage>,
    /// Ages of the host's own children.
    pub children_ages: Vec<u8>,
    /// How many households at once; 1 when not given.
    pub capacity: Option<u32>,
    pub status: Option<HostStatus>,
    pub roles: Vec<HostRole>,
    /// When they can meet, in their words ("weekends", "from March").
    pub availability: String,
    pub email: String,
    pub phone: String,
    /// `YYYY-MM-DD`: the day the host agreed to be registered; blank when not yet.
    pub consent_on: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct HostFilter {
    pub query: Option<String>,
    pub status: Option<HostStatus>,
    /// Only hosts that can take another household now.
    pub with_room: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct HostRow {
    pub id: String,
    pub name: String,
    pub municipality: Option<String>,
    pub village: Option<String>,
    pub status: HostStatus,
    pub capacity: u32,
    /// Matches that hold a place: proposed, accepted or active.
    pub load: u32,
    pub trained: bool,
    pub languages: Vec<String>,
    pub roles: Vec<HostRole>,
    pub life_stage: Option<LifeStage>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct HostTraining {
    /// The attendance row, for removing it.
    pub id: String,
    pub event: NamedRef,
    pub starts_on: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct HostDetail {
    pub id: String,
    pub name: String,
    pub municipality: Option<String>,
    pub village: Option<String>,
    pub languages: Vec<String>,
    pub interests: Vec<String>,
    pub profession: Option<String>,
    pub life_stage: Option<LifeStage>,
    pub children_ages: Vec<u8>,
    pub capacity: u32,
    pub load: u32,
    pub status: HostStatus,
    pub roles: Vec<HostRole>,
    pub availability: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent_on: Option<String>,
    pub notes: Option<String>,
    pub trainings: Vec<HostTraining>,
    pub matches: Vec<crate::matches::MatchDto>,
}

/// Open matches hold a place with the host.
pub(crate) const HOLDS_PLACE: &str = "status IN ('proposed', 'accepted', 'active') AND deleted = 0";

pub(crate) fn parse_ages(text: &str) -> Vec<u8> {
    serde_json::from_str(text).unwrap_or_default()
}

pub(crate) fn parse_roles(text: &str) -> Vec<HostRole> {
    parse_list(text)
        .iter()
        .filter_map(|r| HostRole::from_code(r))
        .collect()
}

impl Landa {
    fn host_fields(&self, input: &HostInput) -> Result<Vec<(&'static str, Value)>> {
        let name = required_text(&input.name, "name", MAX_NAME)?;
        let capacity = input.capacity.unwrap_or(1);
        if !(1..=MAX_CAPACITY).contains(&capacity) {
            return Err(ValidationError::new("capacity", ValidationKind::OutOfRange).into());
        }
        if let Some(i) = input.children_ages.iter().position(|a| *a > 30) {
            return Err(ValidationError::new(
                format!("children_ages[{i}]"),
                ValidationKind::OutOfRange,
            )
            .into());
        }
        let email = match input.email.trim() {
            "" => None,
            raw => Some(
                email_field(raw)
                    .ok_or_else(|| ValidationError::new("email", ValidationKind::InvalidEmail))?,
            ),
        };
        let phone = match input.phone.trim() {
            "" => None,
            raw => Some(normalise_phone(raw, "phone")?),
        };
        let consent_on = match input.consent_on.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => {
                let d = parse_date(d, "consent_on")?;
                if d > self.today() {
                    return Err(
                        ValidationError::new("consent_on", ValidationKind::InvalidDate).into(),
                    );
                }
                Some(d.to_string())
            }
            _ => None,
        };
        let mut roles: Vec<&str> = Vec::new();
        for r in HostRole::ALL {
            if input.roles.contains(r) {
                roles.push(r.code());
            }
        }
        let mut ages = input.children_ages.clone();
        ages.sort_unstable();
        Ok(vec![
            ("name", Value::from(name)),
            (
                "municipality",
                opt(optional_text(
                    &input.municipality,
                    "municipality",
                    MAX_NAME,
                )?),
            ),
            (
                "village",
                opt(optional_text(&input.village, "village", MAX_NAME)?),
            ),
            (
                "languages",
                json_list(&clean_list(&input.languages, "languages")?),
            ),
            (
                "interests",
                json_list(&clean_list(&input.interests, "interests")?),
            ),
            (
                "profession",
                opt(optional_text(&input.profession, "profession", MAX_NAME)?),
            ),
            (
                "household_type",
                opt(input.life_stage.map(|l| l.code().to_owned())),
            ),
            ("children_ages", Value::from(ages)),
            ("capacity", Value::from(capacity)),
            (
                "status",
                Value::from(input.status.unwrap_or(HostStatus::Active).code()),
            ),
            ("email", opt(email)),
            ("phone", opt(phone)),
            ("notes", opt(note_text(&input.notes, "notes")?)),
            ("roles", Value::from(roles)),
            (
                "availability",
                opt(optional_text(
                    &input.availability,
                    "availability",
                    MAX_NAME,
                )?),
            ),
            ("consent_on", opt(consent_on)),
        ])
    }

    pub fn create_host(&mut self, input: &HostInput) -> Result<String> {
        let mut fields = self.host_fields(input)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("hosts", &id, &fields)
        })?;
        Ok(id)
    }

    /// Saves a host's details. A host with open matches can be paused or retired: the matches
    /// go on, and the host simply takes no new ones.
    pub fn update_host(&mut self, id: &str, input: &HostInput) -> Result<()> {
        require_row(&self.conn, "hosts", id, "host_id")?;
        let fields = self.host_fields(input)?;
        self.write(|w, _| w.update("hosts", id, &fields).map(|_| ()))
    }

    pub fn list_hosts(&self, filter: &HostFilter) -> Result<Vec<HostRow>> {
        let query = filter
            .query
            .as_deref()
            .map(landa_domain::text::fold)
            .filter(|q| !q.is_empty());
        let sql = format!(
            "SELECT h.id, h.name, h.municipality, h.village, h.status, h.capacity,
                    (SELECT count(*) FROM host_matches m WHERE m.host_id = h.id AND m.{HOLDS_PLACE}),
                    {TRAINED}, h.languages, h.roles, h.household_type, h.profession, h.interests
             FROM hosts h WHERE h.deleted = 0 AND (?1 IS NULL OR h.status = ?1)
             ORDER BY h.name COLLATE NOCASE, h.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let status = filter.status.map(|s| s.code());
        let rows = stmt.query_map(rusqlite::params![status, self.today().to_string()], |r| {
            let haystack = [
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                r.get::<_, String>(12)?,
            ]
            .join(" ");
            Ok((host_row(r)?, haystack))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (row, haystack) = row?;
            if let Some(q) = &query
                && !landa_domain::text::fold(&haystack).contains(q.as_str())
            {
                continue;
            }
            if filter.with_room && !(row.status == HostStatus::Active && row.load < row.capacity) {
                continue;
            }
            out.push(row);
        }
        Ok(out)
    }

    pub(crate) fn host_row(&self, id: &str) -> Result<HostRow> {
        let sql = format!(
            "SELECT h.id, h.name, h.municipality, h.village, h.status, h.capacity,
                    (SELECT count(*) FROM host_matches m WHERE m.host_id = h.id AND m.{HOLDS_PLACE}),
                    {TRAINED}, h.languages, h.roles, h.household_type
             FROM hosts h WHERE h.id = ?1 AND h.deleted = 0"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params![id, self.today().to_string()], host_row)
            .optional()?
            .ok_or_else(|| Error::not_found("hosts"))
    }

    pub fn host(&self, id: &str) -> Result<HostDetail> {
        require_row(&self.conn, "hosts", id, "host_id")?;
        let row = self.host_row(id)?;
        let mut d = self.conn.query_row(
            "SELECT interests, profession, children_ages, availability, email, phone, consent_on, notes
             FROM hosts WHERE id = ?1",
            [id],
            |r| {
                Ok(HostDetail {
                    id: row.id.clone(),
                    name: row.name.clone(),
                    municipality: row.municipality.clone(),
                    village: row.village.clone(),
                    languages: row.languages.clone(),
                    interests: parse_list(&r.get::<_, String>(0)?),
                    profession: r.get(1)?,
                    life_stage: row.life_stage,
                    children_ages: parse_ages(&r.get::<_, String>(2)?),
                    capacity: row.capacity,
                    load: row.load,
                    status: row.status,
                    roles: row.roles.clone(),
                    availability: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                    consent_on: r.get(6)?,
                    notes: r.get(7)?,
                    trainings: vec![],
                    matches: vec![],
                })
            },
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, e.id, e.name, e.starts_on FROM event_attendance a JOIN events e ON e.id = a.event_id
             WHERE a.host_id = ?1 AND a.deleted = 0 AND e.deleted = 0 ORDER BY e.starts_on DESC",
        )?;
        d.trainings = stmt
            .query_map([id], |r| {
                Ok(HostTraining {
                    id: r.get(0)?,
                    event: NamedRef {
                        id: r.get(1)?,
                        name: r.get(2)?,
                    },
                    starts_on: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        d.matches = self.matches_where("m.host_id = ?1", id)?;
        Ok(d)
    }

    /// Records that a host attended a host training (an event of that kind).
    pub fn add_host_training(&mut self, host_id: &str, event_id: &str) -> Result<String> {
        require_row(&self.conn, "hosts", host_id, "host_id")?;
        require_row(&self.conn, "events", event_id, "event_id")?;
        let kind: String =
            self.conn
                .query_row("SELECT kind FROM events WHERE id = ?1", [event_id], |r| {
                    r.get(0)
                })?;
        if kind != EventKind::HostTraining.code() {
            return Err(ValidationError::new("event_id", ValidationKind::UnknownValue).into());
        }
        let existing: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM event_attendance WHERE event_id = ?1 AND host_id = ?2 AND deleted = 0",
            )?
            .query_row([event_id, host_id], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        self.write(|w, ctx| {
            let id = ctx.new_id();
            w.insert(
                "event_attendance",
                &id,
                &[
                    ("event_id", Value::from(event_id)),
                    ("host_id", Value::from(host_id)),
                    ("role", Value::from("host")),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )?;
            Ok(id)
        })
    }

    pub fn remove_host_training(&mut self, attendance_id: &str) -> Result<()> {
        require_row(&self.conn, "event_attendance", attendance_id, "training_id")?;
        self.write(|w, _| w.tombstone("event_attendance", attendance_id).map(|_| ()))
    }

    /// Active hosts with a free place and no open match at all: volunteers waiting to be asked.
    pub fn hosts_without_match(&self) -> Result<Vec<HostRow>> {
        Ok(self
            .list_hosts(&HostFilter {
                status: Some(HostStatus::Active),
                ..Default::default()
            })?
            .into_iter()
            .filter(|h| h.load == 0)
            .collect())
    }
}

/// Whether the host attended a host training that has taken place (parameter ?2 is today).
const TRAINED: &str = "EXISTS (SELECT 1 FROM event_attendance a JOIN events e ON e.id = a.event_id
     WHERE a.host_id = h.id AND a.deleted = 0 AND e.deleted = 0 AND e.kind = 'host_training'
       AND e.starts_on <= ?2)";

fn host_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<HostRow> {
    Ok(HostRow {
        id: r.get(0)?,
        name: r.get(1)?,
        municipality: r.get(2)?,
        village: r.get(3)?,
        status: HostStatus::from_code(&r.get::<_, String>(4)?).unwrap_or(HostStatus::Active),
        capacity: r.get(5)?,
        load: r.get(6)?,
        trained: r.get(7)?,
        languages: parse_list(&r.get::<_, String>(8)?),
        roles: parse_roles(&r.get::<_, String>(9)?),
        life_stage: r
            .get::<_, Option<String>>(10)?
            .and_then(|l| LifeStage::from_code(&l)),
    })
}
