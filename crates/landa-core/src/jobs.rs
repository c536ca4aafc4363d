//! Jobs for the household: employers' openings, referrals of a member to an opening or an
//! employer, each step dated, and the funder indicator *companies that got access to labour*.
//!
//! The accompanying partner is every adult after the first (by the household's member order):
//! the first adult is the one the move is about, the others follow — the dual-career track.

use chrono::NaiveDate;
use landa_domain::household::{MAX_NAME, note_text, optional_text, required_text};
use landa_domain::kinds::{OpeningStatus, ReferralStatus};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, opt, parse_date, require_row};
use crate::dto::NamedRef;
use crate::error::{Error, Result};
use crate::matches::touch_household;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OpeningInput {
    pub organisation_id: String,
    pub title: String,
    pub competence_area: String,
    pub municipality: String,
    /// `YYYY-MM-DD`; blank when not known.
    pub starts_on: Option<String>,
    pub status: Option<OpeningStatus>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct OpeningFilter {
    pub organisation_id: Option<String>,
    pub status: Option<OpeningStatus>,
    pub query: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OpeningDto {
    pub id: String,
    pub organisation: NamedRef,
    pub title: String,
    pub competence_area: Option<String>,
    pub municipality: Option<String>,
    pub starts_on: Option<String>,
    pub status: OpeningStatus,
    pub notes: Option<String>,
    pub referrals: u32,
    pub hired: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ReferralInput {
    pub person_id: String,
    /// An opening; its employer is then the organisation.
    pub opening_id: Option<String>,
    /// The employer, when the referral is not to a particular opening.
    pub organisation_id: Option<String>,
    /// Where the referral starts; *suggested* when absent.
    pub status: Option<ReferralStatus>,
    /// `YYYY-MM-DD`; today when blank.
    pub on: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ReferralStepInput {
    pub referral_id: String,
    pub status: ReferralStatus,
    /// `YYYY-MM-DD`; today when blank.
    pub on: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ReferralStep {
    pub status: ReferralStatus,
    pub on_date: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ReferralDto {
    pub id: String,
    pub person: NamedRef,
    pub household: NamedRef,
    pub organisation: NamedRef,
    pub opening: Option<NamedRef>,
    pub status: ReferralStatus,
    pub status_on: String,
    pub note: Option<String>,
    /// The person is an accompanying partner: the dual-career track.
    pub accompanying_partner: bool,
    /// Oldest first.
    pub steps: Vec<ReferralStep>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct EmployerJobs {
    pub openings: Vec<OpeningDto>,
    pub referrals: Vec<ReferralDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct EmployerCount {
    pub organisation: NamedRef,
    /// Referrals hired in the period.
    pub hired: u32,
    /// Referrals with any step in the period.
    pub referrals: u32,
}

/// *Companies that got access to labour* (docs/architecture.md has the definition).
#[derive(Debug, Clone, Serialize, Type)]
pub struct LabourAccess {
    pub from: String,
    pub to: String,
    /// Employers with at least one referral hired in the period.
    pub with_hire: u32,
    /// The softer count: employers with any referral step in the period.
    pub with_referral: u32,
    /// Every employer in either count, most hires first.
    pub employers: Vec<EmployerCount>,
}

const OPENING_SELECT: &str = "SELECT j.id, j.organisation_id, o.name, j.title, j.competence_area, j.municipality,
        j.starts_on, j.status, j.notes,
        (SELECT count(*) FROM job_referrals r WHERE r.opening_id = j.id AND r.deleted = 0),
        (SELECT count(*) FROM job_referrals r WHERE r.opening_id = j.id AND r.deleted = 0 AND r.status = 'hired')
     FROM job_openings j JOIN organisations o ON o.id = j.organisation_id";

const REFERRAL_SELECT: &str = "SELECT r.id, r.person_id, p.first_name || coalesce(' ' || p.last_name, ''),
        r.household_id, h.name, r.organisation_id, o.name, r.opening_id, j.title, r.status, r.status_on, r.note,
        p.role = 'adult' AND EXISTS (SELECT 1 FROM persons q WHERE q.household_id = p.household_id
            AND q.deleted = 0 AND q.role = 'adult' AND (q.position < p.position OR (q.position = p.position AND q.id < p.id)))
     FROM job_referrals r JOIN persons p ON p.id = r.person_id JOIN households h ON h.id = r.household_id
     JOIN organisations o ON o.id = r.organisation_id LEFT JOIN job_openings j ON j.id = r.opening_id";

impl Landa {
    fn opening_fields(&self, input: &OpeningInput) -> Result<Vec<(&'static str, Value)>> {
        require_row(
            &self.conn,
            "organisations",
            &input.organisation_id,
            "organisation_id",
        )?;
        let starts = match input.starts_on.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => Some(parse_date(d, "starts_on")?.to_string()),
            _ => None,
        };
        Ok(vec![
            (
                "organisation_id",
                Value::from(input.organisation_id.clone()),
            ),
            (
                "title",
                Value::from(required_text(&input.title, "title", MAX_NAME)?),
            ),
            (
                "competence_area",
                opt(optional_text(
                    &input.competence_area,
                    "competence_area",
                    MAX_NAME,
                )?),
            ),
            (
                "municipality",
                opt(optional_text(
                    &input.municipality,
                    "municipality",
                    MAX_NAME,
                )?),
            ),
            ("starts_on", opt(starts)),
            (
                "status",
                Value::from(input.status.unwrap_or(OpeningStatus::Open).code()),
            ),
            ("notes", opt(note_text(&input.notes, "notes")?)),
        ])
    }

    pub fn create_opening(&mut self, input: &OpeningInput) -> Result<String> {
        let mut fields = self.opening_fields(input)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("job_openings", &id, &fields)
        })?;
        Ok(id)
    }

    /// Saves an opening. Moving it to another employer is refused while it has referrals:
    /// they were made to this employer.
    pub fn update_opening(&mut self, id: &str, input: &OpeningInput) -> Result<()> {
        require_row(&self.conn, "job_openings", id, "opening_id")?;
        let fields = self.opening_fields(input)?;
        let (org, referred): (String, bool) = self.conn.query_row(
            "SELECT organisation_id, EXISTS (SELECT 1 FROM job_referrals r WHERE r.opening_id = j.id AND r.deleted = 0)
             FROM job_openings j WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if referred && org != input.organisation_id {
            return Err(ValidationError::new(
                "organisation_id",
                ValidationKind::InvalidStatusChange,
            )
            .into());
        }
        self.write(|w, _| w.update("job_openings", id, &fields).map(|_| ()))
    }

    /// Open openings first, then by start date and title.
    pub fn list_openings(&self, filter: &OpeningFilter) -> Result<Vec<OpeningDto>> {
        let q = filter
            .query
            .as_deref()
            .map(landa_domain::text::fold)
            .filter(|q| !q.is_empty());
        let sql = format!(
            "{OPENING_SELECT} WHERE j.deleted = 0 AND o.deleted = 0
               AND (?1 IS NULL OR j.organisation_id = ?1) AND (?2 IS NULL OR j.status = ?2)
             ORDER BY j.status <> 'open', j.starts_on IS NULL, j.starts_on, j.title COLLATE NOCASE, j.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![filter.organisation_id, filter.status.map(|s| s.code())],
            opening_row,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let row = row?;
            if let Some(q) = &q {
                let hay = landa_domain::text::fold(&format!(
                    "{} {} {} {}",
                    row.title,
                    row.organisation.name,
                    row.competence_area.as_deref().unwrap_or(""),
                    row.municipality.as_deref().unwrap_or("")
                ));
                if !hay.contains(q.as_str()) {
                    continue;
                }
            }
            out.push(row);
        }
        Ok(out)
    }

    /// Refers a household member to an opening or straight to an employer; the first step
    /// is recorded with its date.
    pub fn refer_person(&mut self, input: &ReferralInput) -> Result<ReferralDto> {
        require_row(&self.conn, "persons", &input.person_id, "person_id")?;
        let (household, role): (String, String) = self.conn.query_row(
            "SELECT household_id, role FROM persons WHERE id = ?1",
            [&input.person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if role != "adult" {
            return Err(ValidationError::new("person_id", ValidationKind::UnknownValue).into());
        }
        require_row(&self.conn, "households", &household, "person_id")?;
        // A referral hands the person's details to an employer: it needs its own basis.
        if !crate::lawful::basis_given(
            &self.conn,
            &input.person_id,
            landa_domain::kinds::Purpose::ShareWithEmployers,
        )? {
            return Err(
                ValidationError::new("person_id", ValidationKind::NoEmployerConsent).into(),
            );
        }
        let organisation = match (&input.opening_id, &input.organisation_id) {
            (Some(o), given) => {
                require_row(&self.conn, "job_openings", o, "opening_id")?;
                let org: String = self.conn.query_row(
                    "SELECT organisation_id FROM job_openings WHERE id = ?1",
                    [o],
                    |r| r.get(0),
                )?;
                if given.as_ref().is_some_and(|g| *g != org) {
                    return Err(
                        ValidationError::new("organisation_id", ValidationKind::InvalidId).into(),
                    );
                }
                org
            }
            (None, Some(org)) => {
                require_row(&self.conn, "organisations", org, "organisation_id")?;
                org.clone()
            }
            (None, None) => {
                return Err(ValidationError::new("opening_id", ValidationKind::Empty).into());
            }
        };
        if let Some(o) = &input.opening_id {
            let open: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM job_referrals WHERE opening_id = ?1 AND person_id = ?2 AND deleted = 0",
                )?
                .query_row([o, &input.person_id], |r| r.get(0))
                .optional()?;
            if open.is_some() {
                return Err(
                    ValidationError::new("opening_id", ValidationKind::AlreadyMatched).into(),
                );
            }
        }
        let status = input.status.unwrap_or(ReferralStatus::Suggested);
        let on = self.past_date(input.on.as_deref(), "on")?;
        let note = note_text(&input.note, "note")?;
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "job_referrals",
                &id,
                &[
                    ("person_id", Value::from(input.person_id.clone())),
                    ("household_id", Value::from(household.clone())),
                    ("organisation_id", Value::from(organisation.clone())),
                    ("opening_id", opt(input.opening_id.clone())),
                    ("status", Value::from(status.code())),
                    ("status_on", Value::from(on.to_string())),
                    ("created_at", Value::from(ctx.now_text())),
                    ("note", opt(note.clone())),
                ],
            )?;
            insert_step(w, ctx, &id, status, on, None)?;
            touch_household(w, ctx, &household)
        })?;
        self.referral(&id)
    }

    /// Moves a referral on (or back, as a correction) with the day it happened. Steps cannot
    /// be dated before the step they follow.
    pub fn set_referral_status(&mut self, input: &ReferralStepInput) -> Result<ReferralDto> {
        require_row(
            &self.conn,
            "job_referrals",
            &input.referral_id,
            "referral_id",
        )?;
        let (current, last, household): (String, String, String) = self.conn.query_row(
            "SELECT status, status_on, household_id FROM job_referrals WHERE id = ?1",
            [&input.referral_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if current == input.status.code() {
            return Err(ValidationError::new("status", ValidationKind::InvalidStatusChange).into());
        }
        let on = self.past_date(input.on.as_deref(), "on")?;
        if on.to_string() < last {
            return Err(ValidationError::new("on", ValidationKind::EndsBeforeStart).into());
        }
        let note = note_text(&input.note, "note")?;
        self.write(|w, ctx| {
            w.update(
                "job_referrals",
                &input.referral_id,
                &[
                    ("status", Value::from(input.status.code())),
                    ("status_on", Value::from(on.to_string())),
                ],
            )?;
            insert_step(w, ctx, &input.referral_id, input.status, on, note.clone())?;
            touch_household(w, ctx, &household)
        })?;
        self.referral(&input.referral_id)
    }

    /// Removes a referral made by mistake (tombstoned; its history stays in the log).
    pub fn remove_referral(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "job_referrals", id, "referral_id")?;
        self.write(|w, _| w.tombstone("job_referrals", id).map(|_| ()))
    }

    pub fn referral(&self, id: &str) -> Result<ReferralDto> {
        self.referrals_where("r.id = ?1", id)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::not_found("job_referrals"))
    }

    /// A household's referrals: the partner's dual-career track among them.
    pub fn household_referrals(&self, household_id: &str) -> Result<Vec<ReferralDto>> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        self.referrals_where("r.household_id = ?1", household_id)
    }

    /// An employer's openings and the candidates referred to it.
    pub fn employer_jobs(&self, organisation_id: &str) -> Result<EmployerJobs> {
        require_row(
            &self.conn,
            "organisations",
            organisation_id,
            "organisation_id",
        )?;
        Ok(EmployerJobs {
            openings: self.list_openings(&OpeningFilter {
                organisation_id: Some(organisation_id.to_owned()),
                ..Default::default()
            })?,
            referrals: self.referrals_where("r.organisation_id = ?1", organisation_id)?,
        })
    }

    fn referrals_where(&self, condition: &str, id: &str) -> Result<Vec<ReferralDto>> {
        let sql = format!(
            "{REFERRAL_SELECT} WHERE {condition} AND r.deleted = 0 AND h.deleted = 0 AND p.deleted = 0
             ORDER BY r.status_on DESC, r.created_at DESC, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out: Vec<ReferralDto> = stmt
            .query_map([id], |r| {
                Ok(ReferralDto {
                    id: r.get(0)?,
                    person: NamedRef {
                        id: r.get(1)?,
                        name: r.get(2)?,
                    },
                    household: NamedRef {
                        id: r.get(3)?,
                        name: r.get(4)?,
                    },
                    organisation: NamedRef {
                        id: r.get(5)?,
                        name: r.get(6)?,
                    },
                    opening: NamedRef::pair(r.get(7)?, r.get(8)?),
                    status: ReferralStatus::from_code(&r.get::<_, String>(9)?)
                        .unwrap_or(ReferralStatus::Suggested),
                    status_on: r.get(10)?,
                    note: r.get(11)?,
                    accompanying_partner: r.get(12)?,
                    steps: vec![],
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut steps = self.conn.prepare_cached(
            "SELECT status, on_date, note FROM job_referral_steps WHERE referral_id = ?1
             ORDER BY on_date, recorded_at, id",
        )?;
        for r in &mut out {
            r.steps = steps
                .query_map([&r.id], |s| {
                    Ok(ReferralStep {
                        status: ReferralStatus::from_code(&s.get::<_, String>(0)?)
                            .unwrap_or(ReferralStatus::Suggested),
                        on_date: s.get(1)?,
                        note: s.get(2)?,
                    })
                })?
                .collect::<Result<_, _>>()?;
        }
        Ok(out)
    }

    /// *Companies that got access to labour* between `from` and `to` (inclusive): an employer
    /// counts when at least one referral to it is hired now and was hired in the period. The
    /// softer count takes employers with any referral step dated in the period.
    pub fn labour_access(&self, from: &str, to: &str) -> Result<LabourAccess> {
        let from_d = parse_date(from, "from")?;
        let to_d = parse_date(to, "to")?;
        if to_d < from_d {
            return Err(ValidationError::new("to", ValidationKind::EndsBeforeStart).into());
        }
        let (from, to) = (from_d.to_string(), to_d.to_string());
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.name,
                    count(DISTINCT CASE WHEN r.status = 'hired' AND r.status_on BETWEEN ?1 AND ?2 THEN r.id END),
                    count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM job_referral_steps s WHERE s.referral_id = r.id
                                                     AND s.on_date BETWEEN ?1 AND ?2) THEN r.id END)
             FROM job_referrals r JOIN organisations o ON o.id = r.organisation_id
             JOIN households h ON h.id = r.household_id
             WHERE r.deleted = 0 AND h.deleted = 0 AND o.deleted = 0
             GROUP BY o.id
             ORDER BY 3 DESC, 4 DESC, o.name COLLATE NOCASE, o.id",
        )?;
        let employers: Vec<EmployerCount> = stmt
            .query_map([&from, &to], |r| {
                Ok(EmployerCount {
                    organisation: NamedRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    },
                    hired: r.get(2)?,
                    referrals: r.get(3)?,
                })
            })?
            .filter(|e| e.as_ref().map_or(true, |e| e.hired > 0 || e.referrals > 0))
            .collect::<Result<_, _>>()?;
        let count = |f: fn(&EmployerCount) -> bool| {
            u32::try_from(employers.iter().filter(|e| f(e)).count()).unwrap_or(u32::MAX)
        };
        Ok(LabourAccess {
            with_hire: count(|e| e.hired > 0),
            with_referral: count(|e| e.referrals > 0),
            from,
            to,
            employers,
        })
    }

    /// A date the user gave for something that happened: today when blank, never in the future.
    pub(crate) fn past_date(&self, on: Option<&str>, field: &str) -> Result<NaiveDate> {
        let d = match on.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => parse_date(d, field)?,
            None => self.today(),
        };
        if d > self.today() {
            return Err(ValidationError::new(field, ValidationKind::InvalidDate).into());
        }
        Ok(d)
    }
}

fn insert_step(
    w: &mut crate::changes::Tx<'_>,
    ctx: &crate::app::WriteCtx,
    referral: &str,
    status: ReferralStatus,
    on: NaiveDate,
    note: Option<String>,
) -> Result<()> {
    w.insert(
        "job_referral_steps",
        &ctx.new_id(),
        &[
            ("referral_id", Value::from(referral)),
            ("status", Value::from(status.code())),
            ("on_date", Value::from(on.to_string())),
            ("note", opt(note)),
            ("recorded_at", Value::from(ctx.now_text())),
            ("recorded_by", ctx.user()),
        ],
    )
}

fn opening_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<OpeningDto> {
    Ok(OpeningDto {
        id: r.get(0)?,
        organisation: NamedRef {
            id: r.get(1)?,
            name: r.get(2)?,
        },
        title: r.get(3)?,
        competence_area: r.get(4)?,
        municipality: r.get(5)?,
        starts_on: r.get(6)?,
        status: OpeningStatus::from_code(&r.get::<_, String>(7)?).unwrap_or(OpeningStatus::Open),
        notes: r.get(8)?,
        referrals: r.get(9)?,
        hired: r.get(10)?,
    })
}
