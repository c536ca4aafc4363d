//! Strengthened brand: newcomers who become ambassadors — their story (with the story/photo
//! consent, recorded with the text version they saw), the events they took part in, and the
//! friends they referred (the referred households link back to them). Also the household's
//! integration overview: checklist, check-ins, ambassador and who referred them.

use landa_domain::household::note_text;
use landa_domain::kinds::{
    ConsentMethod, ConsentStatus, LawfulBasis, MovedAwayReason, Purpose, TaskKind, UiLanguage,
};
use landa_domain::pipeline::{Stage, plan_transition};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, opt, require_row};
use crate::dto::{NamedRef, TaskDto};
use crate::error::{Error, Result};
use crate::matches::touch_household;

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AmbassadorInput {
    pub household_id: String,
    /// The member who agreed to tell their story.
    pub person_id: String,
    /// The story/photo consent text they were shown, and in which language.
    pub consent_text_id: String,
    pub language: UiLanguage,
    pub method: ConsentMethod,
    pub story: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AmbassadorEvent {
    /// The attendance row, for removing it.
    pub id: String,
    pub event: NamedRef,
    pub starts_on: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AmbassadorDto {
    pub story: Option<String>,
    /// The story/photo consent is given now (the latest word of someone in the household).
    pub story_consent: bool,
    pub events: Vec<AmbassadorEvent>,
    /// Households this one referred.
    pub referred: Vec<NamedRef>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CheckInDto {
    pub months: u8,
    pub task_id: String,
    pub due_on: String,
    pub done_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct IntegrationDto {
    /// Tasks made from checklists, in the order they were made.
    pub checklist: Vec<TaskDto>,
    /// The booked 6- and 12-month check-ins, open or done.
    pub check_ins: Vec<CheckInDto>,
    pub moved_away_reason: Option<MovedAwayReason>,
    /// Present once the household is (or was) an ambassador, or has referred someone.
    pub ambassador: Option<AmbassadorDto>,
    /// The ambassador (or friend) who referred this household.
    pub referred_by: Option<NamedRef>,
}

/// Someone in household `h` has, as their latest word on story/photo use, said yes.
const HAS_STORY_CONSENT: &str = "EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND p.deleted = 0
       AND (SELECT c.status FROM consents c WHERE c.person_id = p.id AND c.purpose = 'story_and_photo'
            ORDER BY c.recorded_at DESC, c.rowid DESC LIMIT 1) = 'given')";

impl Landa {
    /// Checklist, check-ins, ambassador details and referrer of one household.
    pub fn household_integration(&self, id: &str) -> Result<IntegrationDto> {
        require_row(&self.conn, "households", id, "household_id")?;
        let sql = format!(
            "SELECT h.stage, h.moved_away_reason, h.ambassador_story, r.id, r.name, {HAS_STORY_CONSENT}
             FROM households h LEFT JOIN households r ON r.id = h.referred_by_id AND r.deleted = 0
             WHERE h.id = ?1"
        );
        let (stage, reason, story, ref_id, ref_name, story_consent): (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            bool,
        ) = self.conn.prepare_cached(&sql)?.query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?;
        let checklist = self.tasks_where("t.household_id = ?1 AND t.kind = 'checklist'", &[id])?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, id, due_on, done_at FROM tasks WHERE household_id = ?1 AND deleted = 0
               AND kind IN ('check_in_6', 'check_in_12') ORDER BY due_on, id",
        )?;
        let check_ins: Vec<CheckInDto> = stmt
            .query_map([id], |r| {
                let kind: String = r.get(0)?;
                Ok(CheckInDto {
                    months: if kind == TaskKind::CheckIn6.code() {
                        6
                    } else {
                        12
                    },
                    task_id: r.get(1)?,
                    due_on: r.get(2)?,
                    done_at: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM households WHERE referred_by_id = ?1 AND deleted = 0
             ORDER BY created_at, id",
        )?;
        let referred: Vec<NamedRef> = stmt
            .query_map([id], |r| {
                Ok(NamedRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, e.id, e.name, e.starts_on FROM event_attendance a JOIN events e ON e.id = a.event_id
             WHERE a.household_id = ?1 AND a.role = 'ambassador' AND a.deleted = 0 AND e.deleted = 0
             ORDER BY e.starts_on DESC, e.id",
        )?;
        let events: Vec<AmbassadorEvent> = stmt
            .query_map([id], |r| {
                Ok(AmbassadorEvent {
                    id: r.get(0)?,
                    event: NamedRef {
                        id: r.get(1)?,
                        name: r.get(2)?,
                    },
                    starts_on: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let is_ambassador = stage == Stage::Ambassador.code() || story.is_some();
        let ambassador = (is_ambassador || !referred.is_empty() || !events.is_empty()).then_some(
            AmbassadorDto {
                story,
                story_consent,
                events,
                referred,
            },
        );
        Ok(IntegrationDto {
            checklist,
            check_ins,
            moved_away_reason: reason.and_then(|r| MovedAwayReason::from_code(&r)),
            ambassador,
            referred_by: NamedRef::pair(ref_id, ref_name),
        })
    }

    /// Makes a newcomer household an ambassador: records the member's story/photo consent
    /// with the text version they saw, keeps their story, and moves the household to the
    /// *ambassador* stage. Only households that have arrived and are still here qualify.
    pub fn make_ambassador(&mut self, input: &AmbassadorInput) -> Result<IntegrationDto> {
        let id = input.household_id.as_str();
        require_row(&self.conn, "households", id, "household_id")?;
        let belongs: bool = self
            .conn
            .prepare_cached(
                "SELECT 1 FROM persons WHERE id = ?1 AND household_id = ?2 AND deleted = 0",
            )?
            .exists([&input.person_id, &input.household_id])?;
        if !belongs {
            return Err(ValidationError::new("person_id", ValidationKind::InvalidId).into());
        }
        uuid::Uuid::parse_str(&input.consent_text_id)
            .map_err(|_| ValidationError::new("consent_text_id", ValidationKind::InvalidId))?;
        let text: Option<(String, u32)> = self
            .conn
            .prepare_cached("SELECT purpose, version FROM consent_texts WHERE id = ?1")?
            .query_row([&input.consent_text_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (purpose, version) = text.ok_or(Error::not_found("consent_texts"))?;
        if purpose != Purpose::StoryAndPhoto.code() {
            return Err(
                ValidationError::new("consent_text_id", ValidationKind::UnknownValue).into(),
            );
        }
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
        let plan = if stage == Stage::Ambassador {
            None
        } else {
            Some(plan_transition(
                stage,
                Stage::Ambassador,
                arrived.is_some(),
                None,
            )?)
        };
        let story = note_text(&input.story, "story")?;
        let version = format!("v{version}-{}", input.language.code());
        self.write(|w, ctx| {
            w.insert(
                "consents",
                &ctx.new_id(),
                &[
                    ("person_id", Value::from(input.person_id.clone())),
                    ("purpose", Value::from(Purpose::StoryAndPhoto.code())),
                    ("basis", Value::from(LawfulBasis::Consent.code())),
                    ("status", Value::from(ConsentStatus::Given.code())),
                    ("text_version", Value::from(version.clone())),
                    ("method", Value::from(input.method.code())),
                    ("recorded_at", Value::from(ctx.now_text())),
                    ("recorded_by", ctx.user()),
                ],
            )?;
            w.update(
                "households",
                id,
                &[("ambassador_story", opt(story.clone()))],
            )?;
            match plan {
                Some(plan) => {
                    crate::households::apply_transition(w, ctx, id, plan, None, None)?;
                }
                None => touch_household(w, ctx, id)?,
            }
            crate::search::reindex_household(w, id)
        })?;
        self.household_integration(id)
    }

    /// Edits an ambassador's story.
    pub fn set_ambassador_story(&mut self, household_id: &str, story: &str) -> Result<()> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        let story = note_text(story, "story")?;
        self.write(|w, ctx| {
            w.update(
                "households",
                household_id,
                &[("ambassador_story", opt(story))],
            )?;
            touch_household(w, ctx, household_id)
        })
    }

    /// Records that the household took part in an event as ambassadors (e.g. met prospects
    /// at a fair).
    pub fn add_ambassador_event(&mut self, household_id: &str, event_id: &str) -> Result<String> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        require_row(&self.conn, "events", event_id, "event_id")?;
        let existing: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM event_attendance WHERE event_id = ?1 AND household_id = ?2
                 AND role = 'ambassador' AND deleted = 0",
            )?
            .query_row([event_id, household_id], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
        self.write(|w, ctx| {
            crate::events::insert_attendance(
                w,
                ctx,
                event_id,
                Some(household_id),
                None,
                "ambassador",
            )
        })
    }

    /// Links a household to the household that referred it (or clears the link).
    pub fn set_referred_by(
        &mut self,
        household_id: &str,
        referred_by: Option<String>,
    ) -> Result<()> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        if let Some(r) = &referred_by {
            require_row(&self.conn, "households", r, "referred_by_id")?;
            if r == household_id {
                return Err(
                    ValidationError::new("referred_by_id", ValidationKind::SelfReference).into(),
                );
            }
        }
        self.write(|w, ctx| {
            w.update(
                "households",
                household_id,
                &[("referred_by_id", opt(referred_by.clone()))],
            )?;
            touch_household(w, ctx, household_id)
        })
    }
}
