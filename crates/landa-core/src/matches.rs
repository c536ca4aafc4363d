//! Host matches: scored suggestions for one household, the optimal batch for all arrived
//! households without a host, and a match's life from proposed to ended.
//!
//! Hard limits are checked here, on every path that creates a match: the host is active and
//! has a free place, someone in the household agreed to share their details with hosts, and
//! the host is trained when the project requires it.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use landa_domain::household::{MAX_NAME, note_text, required_text};
use landa_domain::kinds::{
    HostStatus, InteractionKind, MatchOutcome, MatchStatus, TaskKind, UiLanguage,
};
use landa_domain::matching::{
    CriterionScore, HostProfile, HouseholdProfile, Score, Weights, life_stage_of,
    optimal_assignment, rank, score,
};
use landa_domain::pipeline::{Stage, plan_transition};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, WriteCtx, opt, parse_list, require_row};
use crate::changes::Tx;
use crate::dto::NamedRef;
use crate::error::{Error, Result};
use crate::hosts::{HOLDS_PLACE, HostRow, parse_ages};
use crate::labels;
use crate::projects::ProjectDto;

/// The batch works on at most this many households at a time, those who arrived first.
/// The exact assignment grows with the cube of the count; 300 stays well under a second.
pub const BATCH_LIMIT: usize = 300;

/// Check-ins after a match starts, in months (shared/DOMAIN.md: a match runs about 6 months).
pub const CHECK_IN_MONTHS: [u32; 3] = [1, 3, 6];

/// Why a host cannot be matched with this household now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// The host is paused or retired.
    HostNotActive,
    /// Every place the host offers is taken.
    HostFull,
    /// The project requires a host training the host has not attended.
    HostNotTrained,
    /// No one in the household has agreed to share their details with hosts.
    NoHostConsent,
    /// The household already has an open match.
    AlreadyMatched,
}

impl Block {
    fn kind(self) -> ValidationKind {
        match self {
            Block::HostNotActive | Block::HostFull => ValidationKind::HostUnavailable,
            Block::HostNotTrained => ValidationKind::HostNotTrained,
            Block::NoHostConsent => ValidationKind::NoHostConsent,
            Block::AlreadyMatched => ValidationKind::AlreadyMatched,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MatchDto {
    pub id: String,
    pub host: NamedRef,
    pub household: NamedRef,
    pub project: Option<NamedRef>,
    pub status: MatchStatus,
    /// 0–100 when proposed; the explanation is the one shown then.
    pub score: Option<u8>,
    pub explanation: Vec<CriterionScore>,
    pub proposed_on: String,
    pub accepted_on: Option<String>,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
    pub outcome: Option<MatchOutcome>,
    pub end_reason: Option<String>,
    /// 1–5, from each side.
    pub host_satisfaction: Option<u8>,
    pub household_satisfaction: Option<u8>,
    pub meetings: u32,
    pub last_meeting_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Candidate {
    pub host: HostRow,
    pub score: Score,
    /// Empty when the host can be proposed.
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MatchCandidates {
    pub household: NamedRef,
    pub project: Option<NamedRef>,
    pub weights: Weights,
    pub require_trained_hosts: bool,
    /// What stops any match for this household (no consent, already matched).
    pub household_blocks: Vec<Block>,
    /// Hosts that can be proposed, best first; then the blocked ones, best first.
    pub candidates: Vec<Candidate>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BatchRow {
    pub household: NamedRef,
    pub arrived_on: Option<String>,
    pub host: Option<NamedRef>,
    pub score: Option<Score>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BatchProposal {
    pub project: Option<NamedRef>,
    /// One row per household considered, in order of arrival.
    pub rows: Vec<BatchRow>,
    pub total_score: u32,
    pub matched: u32,
    /// Arrived households without a host that were left out: no consent to share with hosts.
    pub without_consent: u32,
    /// More households were waiting than one batch takes ([`BATCH_LIMIT`]).
    pub more_waiting: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct PairInput {
    pub household_id: String,
    pub host_id: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ProposeInput {
    pub pairs: Vec<PairInput>,
    /// The project whose weights and rules apply; the current project when absent.
    pub project_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MatchStepInput {
    pub match_id: String,
    /// `YYYY-MM-DD`; today when blank.
    pub on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct EndMatchInput {
    pub match_id: String,
    pub outcome: MatchOutcome,
    pub reason: String,
    /// `YYYY-MM-DD`; today when blank.
    pub ended_on: Option<String>,
    pub host_satisfaction: Option<u8>,
    pub household_satisfaction: Option<u8>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MeetingInput {
    pub match_id: String,
    /// `YYYY-MM-DD`
    pub occurred_on: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct MatchFilter {
    pub status: Option<MatchStatus>,
    pub host_id: Option<String>,
    pub household_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct UnmatchedHousehold {
    pub household: NamedRef,
    pub stage: Stage,
    pub arrived_on: Option<String>,
    pub municipalities: Vec<String>,
    /// Someone agreed to share the household's details with hosts.
    pub has_host_consent: bool,
}

const MATCH_SELECT: &str = "SELECT m.id, m.host_id, ho.name, m.household_id, h.name, m.project_id, p.name,
        m.status, m.score, m.explanation, m.created_at, m.accepted_on, m.started_on, m.ended_on,
        m.outcome, m.end_reason, m.host_satisfaction, m.household_satisfaction,
        (SELECT count(*) FROM interactions i WHERE i.host_match_id = m.id),
        (SELECT max(i.occurred_at) FROM interactions i WHERE i.host_match_id = m.id)
     FROM host_matches m JOIN hosts ho ON ho.id = m.host_id JOIN households h ON h.id = m.household_id
     LEFT JOIN projects p ON p.id = m.project_id";

/// Households that count as arrived and still here.
fn arrived_stages() -> String {
    let codes: Vec<String> = Stage::ALL
        .into_iter()
        .filter(|s| s.has_arrived() && !s.is_closed())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    codes.join(", ")
}

/// Someone in household ?1 has, as their latest word on sharing with hosts, said yes.
const HAS_HOST_CONSENT: &str = "EXISTS (SELECT 1 FROM persons p WHERE p.household_id = h.id AND p.deleted = 0
       AND (SELECT c.status FROM consents c WHERE c.person_id = p.id AND c.purpose = 'share_with_hosts'
            ORDER BY c.recorded_at DESC, c.rowid DESC LIMIT 1) = 'given')";

impl Landa {
    pub(crate) fn matches_where(&self, condition: &str, id: &str) -> Result<Vec<MatchDto>> {
        let sql = format!(
            "{MATCH_SELECT} WHERE {condition} AND m.deleted = 0 ORDER BY m.created_at DESC, m.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], match_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn host_match(&self, id: &str) -> Result<MatchDto> {
        self.matches_where("m.id = ?1", id)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::not_found("host_matches"))
    }

    pub fn list_matches(&self, filter: &MatchFilter) -> Result<Vec<MatchDto>> {
        let sql = format!(
            "{MATCH_SELECT} WHERE m.deleted = 0 AND h.deleted = 0 AND (?1 IS NULL OR m.status = ?1)
               AND (?2 IS NULL OR m.host_id = ?2) AND (?3 IS NULL OR m.household_id = ?3)
             ORDER BY m.created_at DESC, m.id LIMIT 2000"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                filter.status.map(|s| s.code()),
                filter.host_id,
                filter.household_id
            ],
            match_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn household_profile(&self, id: &str) -> Result<HouseholdProfile> {
        let (municipalities, interests): (String, String) = self.conn.query_row(
            "SELECT desired_municipalities, interests FROM households WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let year = self.today().year();
        let mut p = HouseholdProfile {
            municipalities: parse_list(&municipalities),
            interests: parse_list(&interests),
            ..Default::default()
        };
        let mut adults: Vec<Option<u8>> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT role, birth_year, languages, profession FROM persons
             WHERE household_id = ?1 AND deleted = 0 ORDER BY position",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            let role: String = r.get(0)?;
            let age = r
                .get::<_, Option<i32>>(1)?
                .and_then(|b| u8::try_from(year - b).ok());
            for l in parse_list(&r.get::<_, String>(2)?) {
                if !p.languages.contains(&l) {
                    p.languages.push(l);
                }
            }
            if role == "child" {
                p.children_ages.push(age.unwrap_or(0));
            } else {
                adults.push(age);
                if let Some(prof) = r.get::<_, Option<String>>(3)? {
                    p.professions.push(prof);
                }
            }
        }
        p.life_stage = life_stage_of(&adults, p.children_ages.len());
        Ok(p)
    }

    fn host_profiles(&self) -> Result<Vec<(HostRow, HostProfile)>> {
        let rows = self.list_hosts(&Default::default())?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT interests, profession, children_ages FROM hosts WHERE id = ?1",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let (interests, profession, ages): (String, Option<String>, String) =
                stmt.query_row([&row.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let profile = HostProfile {
                municipality: row.municipality.clone(),
                village: row.village.clone(),
                languages: row.languages.clone(),
                interests: parse_list(&interests),
                profession,
                life_stage: row.life_stage,
                children_ages: parse_ages(&ages),
                roles: row.roles.clone(),
            };
            out.push((row, profile));
        }
        Ok(out)
    }

    fn household_blocks(&self, id: &str) -> Result<Vec<Block>> {
        let sql = format!(
            "SELECT {HAS_HOST_CONSENT},
                    EXISTS (SELECT 1 FROM host_matches m WHERE m.household_id = h.id AND m.{HOLDS_PLACE})
             FROM households h WHERE h.id = ?1"
        );
        let (consent, matched): (bool, bool) = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut blocks = Vec::new();
        if !consent {
            blocks.push(Block::NoHostConsent);
        }
        if matched {
            blocks.push(Block::AlreadyMatched);
        }
        Ok(blocks)
    }

    /// Hosts for one household, scored and explained, best first; blocked hosts follow with
    /// what blocks them, so the coordinator sees why a familiar name is missing from the top.
    pub fn match_candidates(
        &self,
        household_id: &str,
        project_id: Option<String>,
    ) -> Result<MatchCandidates> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        let project = self.project_or_current(project_id.as_deref())?;
        let (weights, area, trained_only) = rules(project.as_ref());
        let profile = self.household_profile(household_id)?;
        let name: String = self.conn.query_row(
            "SELECT name FROM households WHERE id = ?1",
            [household_id],
            |r| r.get(0),
        )?;
        let mut candidates: Vec<Candidate> = self
            .host_profiles()?
            .into_iter()
            .filter(|(h, _)| h.status != HostStatus::Retired)
            .map(|(host, hp)| Candidate {
                score: score(&profile, &hp, &area, &weights),
                blocks: host_blocks(&host, trained_only),
                host,
            })
            .collect();
        rank(
            &mut candidates,
            |c| c.score.total,
            |c| {
                (
                    !c.blocks.is_empty(),
                    c.host.name.to_lowercase(),
                    c.host.id.clone(),
                )
            },
        );
        // Blocked hosts after every proposable one, each group best first.
        candidates.sort_by_key(|c| !c.blocks.is_empty());
        Ok(MatchCandidates {
            household: NamedRef {
                id: household_id.to_owned(),
                name,
            },
            project: project.as_ref().map(project_ref),
            weights,
            require_trained_hosts: trained_only,
            household_blocks: self.household_blocks(household_id)?,
            candidates,
        })
    }

    /// Arrived households, still here, with no open match: oldest arrival first.
    pub fn unmatched_households(&self) -> Result<Vec<UnmatchedHousehold>> {
        let sql = format!(
            "SELECT h.id, h.name, h.stage, h.arrived_on, h.desired_municipalities, {HAS_HOST_CONSENT}
             FROM households h
             WHERE h.deleted = 0 AND h.duplicate_of IS NULL AND h.stage IN ({})
               AND NOT EXISTS (SELECT 1 FROM host_matches m WHERE m.household_id = h.id AND m.{HOLDS_PLACE})
             ORDER BY h.arrived_on IS NULL, h.arrived_on, h.id",
            arrived_stages()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(UnmatchedHousehold {
                household: NamedRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                },
                stage: Stage::from_code(&r.get::<_, String>(2)?).unwrap_or(Stage::Arrived),
                arrived_on: r.get(3)?,
                municipalities: parse_list(&r.get::<_, String>(4)?),
                has_host_consent: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The assignment of hosts to arrived households without one that maximises the total
    /// score under every host's free places. Nothing is saved: the coordinator accepts or
    /// changes the rows and then proposes them.
    pub fn batch_proposal(&self, project_id: Option<String>) -> Result<BatchProposal> {
        let project = self.project_or_current(project_id.as_deref())?;
        let (weights, area, trained_only) = rules(project.as_ref());
        let waiting = self.unmatched_households()?;
        let without_consent = waiting.iter().filter(|u| !u.has_host_consent).count();
        let eligible: Vec<&UnmatchedHousehold> =
            waiting.iter().filter(|u| u.has_host_consent).collect();
        let more_waiting = eligible.len() > BATCH_LIMIT;
        let households: Vec<&UnmatchedHousehold> = eligible.into_iter().take(BATCH_LIMIT).collect();
        let hosts: Vec<(HostRow, HostProfile)> = self
            .host_profiles()?
            .into_iter()
            .filter(|(h, _)| host_blocks(h, trained_only).is_empty())
            .collect();
        let profiles: Vec<HouseholdProfile> = households
            .iter()
            .map(|u| self.household_profile(&u.household.id))
            .collect::<Result<_>>()?;
        let scores: Vec<Vec<Score>> = profiles
            .iter()
            .map(|p| {
                hosts
                    .iter()
                    .map(|(_, hp)| score(p, hp, &area, &weights))
                    .collect()
            })
            .collect();
        let matrix: Vec<Vec<Option<u8>>> = scores
            .iter()
            .map(|row| row.iter().map(|s| Some(s.total)).collect())
            .collect();
        let capacity: Vec<u32> = hosts
            .iter()
            .map(|(h, _)| h.capacity.saturating_sub(h.load))
            .collect();
        let assignment = optimal_assignment(&matrix, &capacity);
        let mut rows = Vec::with_capacity(households.len());
        let (mut total, mut matched) = (0u32, 0u32);
        for (i, u) in households.iter().enumerate() {
            let chosen = assignment[i];
            let (host, sc) = match chosen {
                Some(j) => {
                    total += u32::from(scores[i][j].total);
                    matched += 1;
                    (
                        Some(NamedRef {
                            id: hosts[j].0.id.clone(),
                            name: hosts[j].0.name.clone(),
                        }),
                        Some(scores[i][j].clone()),
                    )
                }
                None => (None, None),
            };
            rows.push(BatchRow {
                household: u.household.clone(),
                arrived_on: u.arrived_on.clone(),
                host,
                score: sc,
            });
        }
        Ok(BatchProposal {
            project: project.as_ref().map(project_ref),
            rows,
            total_score: total,
            matched,
            without_consent: u32::try_from(without_consent).unwrap_or(u32::MAX),
            more_waiting,
        })
    }

    /// Proposes one or more matches in one transaction: every pair is checked against the
    /// hard limits (capacity counted across the pairs too); one refused pair refuses all.
    pub fn propose_matches(&mut self, input: &ProposeInput) -> Result<Vec<String>> {
        if input.pairs.is_empty() {
            return Err(ValidationError::new("pairs", ValidationKind::Empty).into());
        }
        let project = self.project_or_current(input.project_id.as_deref())?;
        let (weights, area, trained_only) = rules(project.as_ref());
        let hosts: HashMap<String, (HostRow, HostProfile)> = self
            .host_profiles()?
            .into_iter()
            .map(|(r, p)| (r.id.clone(), (r, p)))
            .collect();
        let mut extra: HashMap<&str, u32> = HashMap::new();
        let mut seen_households: Vec<&str> = Vec::new();
        let mut planned = Vec::new();
        for (i, pair) in input.pairs.iter().enumerate() {
            let field = |f: &str| format!("pairs[{i}].{f}");
            require_row(
                &self.conn,
                "households",
                &pair.household_id,
                &field("household_id"),
            )?;
            require_row(&self.conn, "hosts", &pair.host_id, &field("host_id"))?;
            if seen_households.contains(&pair.household_id.as_str()) {
                return Err(ValidationError::new(
                    field("household_id"),
                    ValidationKind::AlreadyMatched,
                )
                .into());
            }
            seen_households.push(&pair.household_id);
            if let Some(b) = self.household_blocks(&pair.household_id)?.first() {
                return Err(ValidationError::new(field("household_id"), b.kind()).into());
            }
            let (row, hp) = hosts
                .get(&pair.host_id)
                .ok_or_else(|| Error::not_found("hosts"))?;
            let taken = extra.entry(pair.host_id.as_str()).or_insert(0);
            let mut with_pending = row.clone();
            with_pending.load += *taken;
            if let Some(b) = host_blocks(&with_pending, trained_only).first() {
                return Err(ValidationError::new(field("host_id"), b.kind()).into());
            }
            *taken += 1;
            let sc = score(
                &self.household_profile(&pair.household_id)?,
                hp,
                &area,
                &weights,
            );
            planned.push((pair, sc));
        }
        let project_id = project.map(|p| p.id);
        self.write(|w, ctx| {
            let mut ids = Vec::with_capacity(planned.len());
            for (pair, sc) in &planned {
                let id = ctx.new_id();
                w.insert(
                    "host_matches",
                    &id,
                    &[
                        ("host_id", Value::from(pair.host_id.clone())),
                        ("household_id", Value::from(pair.household_id.clone())),
                        ("status", Value::from(MatchStatus::Proposed.code())),
                        ("score", Value::from(f64::from(sc.total))),
                        ("project_id", opt(project_id.clone())),
                        (
                            "explanation",
                            Value::from(
                                serde_json::to_string(&sc.criteria).unwrap_or_else(|_| "[]".into()),
                            ),
                        ),
                        ("created_at", Value::from(ctx.now_text())),
                    ],
                )?;
                touch_household(w, ctx, &pair.household_id)?;
                ids.push(id);
            }
            Ok(ids)
        })
    }

    fn match_state(&self, id: &str) -> Result<(MatchStatus, String, String, String, String)> {
        require_row(&self.conn, "host_matches", id, "match_id")?;
        let (status, household, host, hname, hhname): (String, String, String, String, String) =
            self.conn.query_row(
                "SELECT m.status, m.household_id, m.host_id, ho.name, h.name
                 FROM host_matches m JOIN hosts ho ON ho.id = m.host_id JOIN households h ON h.id = m.household_id
                 WHERE m.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        let status =
            MatchStatus::from_code(&status).ok_or_else(|| Error::Corrupt("status".into()))?;
        Ok((status, household, host, hname, hhname))
    }

    /// Host and household both said yes. The household moves on to *host matched* when it
    /// has arrived and is not past that stage, and a task to book the first meeting is made.
    pub fn accept_match(&mut self, input: &MatchStepInput) -> Result<MatchDto> {
        let (status, household, _, host_name, household_name) =
            self.match_state(&input.match_id)?;
        if status != MatchStatus::Proposed {
            return Err(
                ValidationError::new("match_id", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let on = self.past_date(input.on.as_deref(), "on")?;
        self.not_before_last_step(&input.match_id, on, "on")?;
        let lang = self.ui_language()?;
        let (stage, arrived): (String, Option<String>) = self.conn.query_row(
            "SELECT stage, arrived_on FROM households WHERE id = ?1",
            [&household],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let stage = Stage::from_code(&stage).ok_or_else(|| Error::Corrupt("stage".into()))?;
        let advance =
            stage.has_arrived() && stage.order() < Stage::HostMatched.order() && !stage.is_closed();
        let plan = if advance {
            plan_transition(stage, Stage::HostMatched, arrived.is_some(), None).ok()
        } else {
            None
        };
        let owner = self.household_owner(&household)?;
        let id = input.match_id.clone();
        self.write(|w, ctx| {
            w.update(
                "host_matches",
                &id,
                &[
                    ("status", Value::from(MatchStatus::Accepted.code())),
                    ("accepted_on", Value::from(on.to_string())),
                ],
            )?;
            if let Some(plan) = plan {
                crate::households::apply_transition(w, ctx, &household, plan, None, None)?;
            }
            let title = format!(
                "{}: {host_name} – {household_name}",
                labels::pick(
                    lang,
                    "Boka första värdträffen",
                    "Book the first host meeting"
                )
            );
            insert_match_task(
                w,
                ctx,
                &id,
                &household,
                owner.clone(),
                &title,
                on + chrono::Days::new(7),
            )?;
            touch_household(w, ctx, &household)
        })?;
        self.host_match(&input.match_id)
    }

    /// The first meeting took place: the match is active, and check-ins are booked after 1,
    /// 3 and 6 months.
    pub fn start_match(&mut self, input: &MatchStepInput) -> Result<MatchDto> {
        let (status, _, _, _, _) = self.match_state(&input.match_id)?;
        if status != MatchStatus::Accepted {
            return Err(
                ValidationError::new("match_id", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let on = self.past_date(input.on.as_deref(), "on")?;
        self.not_before_last_step(&input.match_id, on, "on")?;
        let id = input.match_id.clone();
        let lang = self.ui_language()?;
        let (_, household, _, host_name, household_name) = self.match_state(&id)?;
        let owner = self.household_owner(&household)?;
        self.write(|w, ctx| {
            start_in_tx(
                w,
                ctx,
                &id,
                &household,
                owner,
                on,
                lang,
                &host_name,
                &household_name,
            )
        })?;
        self.host_match(&input.match_id)
    }

    /// Ends a match with how it went. A match that never started ends as *never started*;
    /// one that did ends *completed* or *ended early*. Open check-ins of the match are removed.
    pub fn end_match(&mut self, input: &EndMatchInput) -> Result<MatchDto> {
        let (status, household, _, _, _) = self.match_state(&input.match_id)?;
        let allowed = match status {
            MatchStatus::Proposed | MatchStatus::Accepted => {
                input.outcome == MatchOutcome::NeverStarted
            }
            MatchStatus::Active => input.outcome != MatchOutcome::NeverStarted,
            MatchStatus::Ended => false,
        };
        if !allowed {
            return Err(
                ValidationError::new("outcome", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let reason = note_text(&input.reason, "reason")?;
        if input.outcome == MatchOutcome::EndedEarly && reason.is_none() {
            return Err(ValidationError::new("reason", ValidationKind::ReasonRequired).into());
        }
        let on = self.past_date(input.ended_on.as_deref(), "ended_on")?;
        self.not_before_last_step(&input.match_id, on, "ended_on")?;
        let host_sat = satisfaction(input.host_satisfaction, "host_satisfaction")?;
        let household_sat = satisfaction(input.household_satisfaction, "household_satisfaction")?;
        let id = input.match_id.clone();
        self.write(|w, ctx| {
            w.update(
                "host_matches",
                &id,
                &[
                    ("status", Value::from(MatchStatus::Ended.code())),
                    ("ended_on", Value::from(on.to_string())),
                    ("outcome", Value::from(input.outcome.code())),
                    ("end_reason", opt(reason)),
                    ("host_satisfaction", host_sat),
                    ("household_satisfaction", household_sat),
                ],
            )?;
            let open: Vec<String> = w
                .tx
                .prepare_cached(
                    "SELECT id FROM tasks WHERE host_match_id = ?1 AND done_at IS NULL AND deleted = 0",
                )?
                .query_map([&id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for t in open {
                w.tombstone("tasks", &t)?;
            }
            touch_household(w, ctx, &household)
        })?;
        self.host_match(&input.match_id)
    }

    /// Records (or corrects) how satisfied each side is, 1–5.
    pub fn rate_match(
        &mut self,
        match_id: &str,
        host_satisfaction: Option<u8>,
        household_satisfaction: Option<u8>,
    ) -> Result<MatchDto> {
        self.match_state(match_id)?;
        let host_sat = satisfaction(host_satisfaction, "host_satisfaction")?;
        let household_sat = satisfaction(household_satisfaction, "household_satisfaction")?;
        self.write(|w, _| {
            w.update(
                "host_matches",
                match_id,
                &[
                    ("host_satisfaction", host_sat),
                    ("household_satisfaction", household_sat),
                ],
            )
            .map(|_| ())
        })?;
        self.host_match(match_id)
    }

    /// Logs a meeting between host and household on the household's timeline. The first
    /// meeting of an accepted match starts it.
    pub fn log_match_meeting(&mut self, input: &MeetingInput) -> Result<MatchDto> {
        let (status, household, _, host_name, household_name) =
            self.match_state(&input.match_id)?;
        if !matches!(status, MatchStatus::Accepted | MatchStatus::Active) {
            return Err(
                ValidationError::new("match_id", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let on = self.past_date(Some(&input.occurred_on), "occurred_on")?;
        self.not_before_last_step(&input.match_id, on, "occurred_on")?;
        let summary = required_text(&input.summary, "summary", MAX_NAME * 10)?;
        let lang = self.ui_language()?;
        let owner = self.household_owner(&household)?;
        let id = input.match_id.clone();
        self.write(|w, ctx| {
            if status == MatchStatus::Accepted {
                start_in_tx(
                    w,
                    ctx,
                    &id,
                    &household,
                    owner,
                    on,
                    lang,
                    &host_name,
                    &household_name,
                )?;
            }
            let occurred = on.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
            w.insert(
                "interactions",
                &ctx.new_id(),
                &[
                    ("household_id", Value::from(household.clone())),
                    ("kind", Value::from(InteractionKind::Meeting.code())),
                    (
                        "occurred_at",
                        Value::from(occurred.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
                    ),
                    ("summary", Value::from(summary)),
                    ("created_by", ctx.user()),
                    ("created_at", Value::from(ctx.now_text())),
                    ("host_match_id", Value::from(id.clone())),
                ],
            )?;
            touch_household(w, ctx, &household)
        })?;
        self.host_match(&input.match_id)
    }

    /// A step of a match cannot be dated before the step it follows (accepted, started): the
    /// timeline must read forwards. The proposal's date is when it was entered, and a match
    /// arranged before Landa was used may be entered afterwards, so it is not compared.
    fn not_before_last_step(&self, id: &str, on: NaiveDate, field: &str) -> Result<()> {
        let last: String = self.conn.query_row(
            "SELECT max(coalesce(accepted_on, ''), coalesce(started_on, ''))
             FROM host_matches WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if on.to_string() < last {
            return Err(ValidationError::new(field, ValidationKind::EndsBeforeStart).into());
        }
        Ok(())
    }

    pub(crate) fn household_owner(&self, id: &str) -> Result<Option<String>> {
        let owner: Option<String> = self
            .conn
            .query_row("SELECT owner_id FROM households WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        Ok(owner.or_else(|| self.user_id.clone()))
    }
}

#[allow(clippy::too_many_arguments)]
fn start_in_tx(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    id: &str,
    household: &str,
    owner: Option<String>,
    on: NaiveDate,
    lang: UiLanguage,
    host_name: &str,
    household_name: &str,
) -> Result<()> {
    w.update(
        "host_matches",
        id,
        &[
            ("status", Value::from(MatchStatus::Active.code())),
            ("started_on", Value::from(on.to_string())),
        ],
    )?;
    // The booking task is done: the meeting happened.
    let open: Vec<String> =
        w.tx.prepare_cached(
            "SELECT id FROM tasks WHERE host_match_id = ?1 AND done_at IS NULL AND deleted = 0",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for t in open {
        w.update("tasks", &t, &[("done_at", Value::from(ctx.now_text()))])?;
    }
    for months in CHECK_IN_MONTHS {
        let due = on.checked_add_months(Months::new(months)).unwrap_or(on);
        let title = match lang {
            UiLanguage::Sv => {
                format!("Uppföljning värdskap efter {months} mån: {host_name} – {household_name}")
            }
            UiLanguage::En => format!(
                "Host match check-in after {months} month{}: {host_name} – {household_name}",
                if months == 1 { "" } else { "s" }
            ),
        };
        insert_match_task(w, ctx, id, household, owner.clone(), &title, due)?;
    }
    touch_household(w, ctx, household)
}

fn insert_match_task(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    match_id: &str,
    household: &str,
    owner: Option<String>,
    title: &str,
    due: NaiveDate,
) -> Result<()> {
    w.insert(
        "tasks",
        &ctx.new_id(),
        &[
            ("title", Value::from(title)),
            ("due_on", Value::from(due.to_string())),
            ("owner_id", opt(owner)),
            ("household_id", Value::from(household)),
            ("created_at", Value::from(ctx.now_text())),
            ("kind", Value::from(TaskKind::HostCheckIn.code())),
            ("host_match_id", Value::from(match_id)),
        ],
    )
}

pub(crate) fn touch_household(w: &mut Tx<'_>, ctx: &WriteCtx, id: &str) -> Result<()> {
    w.update(
        "households",
        id,
        &[("updated_at", Value::from(ctx.now_text()))],
    )
    .map(|_| ())
}

fn satisfaction(v: Option<u8>, field: &str) -> Result<Value> {
    match v {
        None => Ok(Value::Null),
        Some(s) if (1..=5).contains(&s) => Ok(Value::from(s)),
        Some(_) => Err(ValidationError::new(field, ValidationKind::OutOfRange).into()),
    }
}

fn rules(project: Option<&ProjectDto>) -> (Weights, Vec<String>, bool) {
    match project {
        Some(p) => (
            p.match_weights,
            p.municipalities.clone(),
            p.require_trained_hosts,
        ),
        None => (Weights::default(), vec![], false),
    }
}

fn project_ref(p: &ProjectDto) -> NamedRef {
    NamedRef {
        id: p.id.clone(),
        name: p.name.clone(),
    }
}

fn host_blocks(host: &HostRow, trained_only: bool) -> Vec<Block> {
    let mut b = Vec::new();
    if host.status != HostStatus::Active {
        b.push(Block::HostNotActive);
    } else if host.load >= host.capacity {
        b.push(Block::HostFull);
    }
    if trained_only && !host.trained {
        b.push(Block::HostNotTrained);
    }
    b
}

fn match_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MatchDto> {
    let created: String = r.get(10)?;
    let last: Option<String> = r.get(19)?;
    Ok(MatchDto {
        id: r.get(0)?,
        host: NamedRef {
            id: r.get(1)?,
            name: r.get(2)?,
        },
        household: NamedRef {
            id: r.get(3)?,
            name: r.get(4)?,
        },
        project: NamedRef::pair(r.get(5)?, r.get(6)?),
        status: MatchStatus::from_code(&r.get::<_, String>(7)?).unwrap_or(MatchStatus::Proposed),
        score: r
            .get::<_, Option<f64>>(8)?
            .map(|s| s.round().clamp(0.0, 100.0) as u8),
        explanation: serde_json::from_str(&r.get::<_, String>(9)?).unwrap_or_default(),
        proposed_on: created.chars().take(10).collect(),
        accepted_on: r.get(11)?,
        started_on: r.get(12)?,
        ended_on: r.get(13)?,
        outcome: r
            .get::<_, Option<String>>(14)?
            .and_then(|o| MatchOutcome::from_code(&o)),
        end_reason: r.get(15)?,
        host_satisfaction: r.get(16)?,
        household_satisfaction: r.get(17)?,
        meetings: r.get(18)?,
        last_meeting_on: last.map(|l| l.chars().take(10).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use landa_domain::kinds::{LifeStage, Purpose};

    #[test]
    fn a_host_blocks_once_for_status_and_once_for_training() {
        let host = HostRow {
            id: "h".into(),
            name: "H".into(),
            municipality: None,
            village: None,
            status: HostStatus::Paused,
            capacity: 1,
            load: 1,
            trained: false,
            languages: vec![],
            roles: vec![],
            life_stage: Some(LifeStage::Couple),
        };
        assert_eq!(
            host_blocks(&host, true),
            vec![Block::HostNotActive, Block::HostNotTrained]
        );
        let active = HostRow {
            status: HostStatus::Active,
            ..host
        };
        assert_eq!(host_blocks(&active, false), vec![Block::HostFull]);
    }

    #[test]
    fn arrived_stages_are_the_ones_after_arrival_and_not_closed() {
        let s = arrived_stages();
        assert!(s.contains("'arrived'") && s.contains("'ambassador'"));
        assert!(!s.contains("'moved_away'") && !s.contains("'moving'"));
    }

    #[test]
    fn the_consent_check_names_the_hosts_purpose() {
        let code = format!("'{}'", Purpose::ShareWithHosts.code());
        assert!(HAS_HOST_CONSENT.contains(&code));
    }
}
