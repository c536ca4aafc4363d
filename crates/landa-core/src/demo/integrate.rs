//! Demo data for welcome and integrate: a running project, volunteer hosts (most of them
//! trained), consent to share with hosts, matches in every state, openings at the employers,
//! the accompanying partners' referrals with dated steps, and a few ambassadors. Written
//! through the public use cases, so every rule (limits, dates, the change log) holds.

use chrono::{Datelike, Duration, NaiveDate};
use landa_domain::kinds::{
    ConsentMethod, ConsentStatus, EventKind, HostRole, HostStatus, LawfulBasis, LifeStage,
    MatchOutcome, Purpose, ReferralStatus, UiLanguage,
};
use landa_domain::matching::Weights;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{FIRST_NAMES, LANGUAGES, LAST_NAMES, MUNICIPALITIES, PROFESSIONS};
use crate::ambassadors::AmbassadorInput;
use crate::app::Landa;
use crate::dto::ConsentInput;
use crate::error::Result;
use crate::hosts::HostInput;
use crate::jobs::{OpeningInput, ReferralInput, ReferralStepInput};
use crate::matches::{EndMatchInput, MatchStepInput, MeetingInput, PairInput, ProposeInput};
use crate::projects::ProjectInput;

const INTERESTS: &[&str] = &[
    "friluftsliv",
    "skidåkning",
    "fiske",
    "jakt",
    "körsång",
    "matlagning",
    "hantverk",
    "fotboll",
    "ishockey",
    "bokcirkel",
    "trädgård",
    "löpning",
    "klättring",
    "musik",
];

const OPENINGS: &[(&str, &str)] = &[
    ("Sjuksköterska, akutmottagning", "Vård"),
    ("Undersköterska hemtjänst", "Vård"),
    ("Mjukvaruutvecklare", "IT"),
    ("Systemtekniker", "IT"),
    ("Elektriker", "Bygg och el"),
    ("Snickare", "Bygg och el"),
    ("Projektledare", "Ledning"),
    ("Ekonomiassistent", "Ekonomi"),
    ("Lärare åk 4–6", "Utbildning"),
    ("Förskollärare", "Utbildning"),
    ("Lastbilschaufför", "Transport"),
    ("Skogsmaskinförare", "Skog"),
    ("Civilingenjör energi", "Teknik"),
    ("Kock", "Besöksnäring"),
];

/// At most this many arrived households get integrate data, so 100,000 stays quick.
const MAX_ARRIVED: usize = 400;

fn clamp(d: NaiveDate, today: NaiveDate) -> NaiveDate {
    d.min(today)
}

impl Landa {
    /// Adds the welcome-and-integrate part of the demo, once per database.
    pub(super) fn demo_integrate(&mut self, seed: u64, employers: &[String]) -> Result<()> {
        let already: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM hosts)", [], |r| r.get(0))?;
        if already {
            return Ok(());
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x1a7e_9a7e);
        let today = self.today();
        let region: Vec<String> = super::project_area()
            .into_iter()
            .map(str::to_owned)
            .collect();
        self.create_project(&ProjectInput {
            name: "Välkommen till Jämtland Härjedalen".into(),
            funder: "Europeiska socialfonden".into(),
            starts_on: format!("{}-01-01", today.year() - 1),
            ends_on: Some(format!("{}-12-31", today.year() + 1)),
            municipalities: region,
            require_trained_hosts: false,
            match_weights: Weights::default(),
            notes: String::new(),
        })?;

        let arrived: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, arrived_on FROM households WHERE deleted = 0 AND arrived_on IS NOT NULL
                   AND stage NOT IN ('moved_away', 'not_moving') ORDER BY arrived_on, id",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        let arrived: Vec<(String, NaiveDate)> = arrived
            .into_iter()
            .take(MAX_ARRIVED)
            .filter_map(|(id, d)| {
                NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                    .ok()
                    .map(|d| (id, d))
            })
            .collect();

        // Interests on some households, for culture hosts to match.
        for (id, _) in &arrived {
            if rng.random_bool(0.5) {
                let picks: Vec<String> = INTERESTS
                    .choose_multiple(&mut rng, 2)
                    .map(|s| (*s).to_owned())
                    .collect();
                self.write(|w, _| {
                    w.update(
                        "households",
                        id,
                        &[("interests", serde_json::Value::from(picks.clone()))],
                    )
                    .map(|_| ())
                })?;
            }
        }

        // Hosts: about one for every three arrived households, in the households' places.
        let trainings: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM events WHERE kind = ?1 AND starts_on <= ?2 AND deleted = 0",
            )?;
            stmt.query_map(
                [EventKind::HostTraining.code(), today.to_string().as_str()],
                |r| r.get(0),
            )?
            .collect::<Result<_, _>>()?
        };
        let host_count = (arrived.len() / 3).clamp(8, 150);
        let mut hosts = Vec::with_capacity(host_count);
        for i in 0..host_count {
            let first = FIRST_NAMES.choose(&mut rng).copied().unwrap_or("Anna");
            let last = LAST_NAMES.choose(&mut rng).copied().unwrap_or("Lind");
            let (municipality, _) = MUNICIPALITIES[i % MUNICIPALITIES.len()];
            let mut languages = vec!["svenska".to_owned()];
            if rng.random_bool(0.6) {
                let other = LANGUAGES.choose(&mut rng).copied().unwrap_or("engelska");
                if other != "svenska" {
                    languages.push(other.to_owned());
                }
            }
            let life_stage = *LifeStage::ALL
                .choose(&mut rng)
                .unwrap_or(&LifeStage::Family);
            let children_ages: Vec<u8> = if life_stage == LifeStage::Family {
                (0..rng.random_range(1..=3))
                    .map(|_| rng.random_range(1..17))
                    .collect()
            } else {
                vec![]
            };
            let roles: Vec<HostRole> = HostRole::ALL
                .iter()
                .copied()
                .filter(|_| rng.random_bool(0.6))
                .collect();
            let status = match rng.random_range(0..20) {
                0 => HostStatus::Paused,
                1 => HostStatus::Retired,
                _ => HostStatus::Active,
            };
            let id = self.create_host(&HostInput {
                name: format!("{first} {last}"),
                municipality: municipality.into(),
                village: String::new(),
                languages,
                interests: INTERESTS
                    .choose_multiple(&mut rng, 3)
                    .map(|s| (*s).to_owned())
                    .collect(),
                profession: PROFESSIONS.choose(&mut rng).copied().unwrap_or("").into(),
                life_stage: Some(life_stage),
                children_ages,
                capacity: Some(if rng.random_bool(0.3) { 2 } else { 1 }),
                status: Some(status),
                roles,
                availability: [
                    "Kvällar och helger",
                    "Helger",
                    "Vardagar dagtid",
                    "Flexibelt",
                ]
                .choose(&mut rng)
                .copied()
                .unwrap_or("")
                .into(),
                email: format!(
                    "{}.{}@example.se",
                    super::ascii(&first.to_lowercase()),
                    super::ascii(&last.to_lowercase())
                ),
                phone: String::new(),
                consent_on: Some((today - Duration::days(rng.random_range(30..500))).to_string()),
                notes: String::new(),
            })?;
            if let Some(t) = trainings.choose(&mut rng)
                && rng.random_bool(0.75)
            {
                self.add_host_training(&id, t)?;
            }
            hosts.push(id);
        }

        // Consent to share with hosts for most arrived households.
        for (id, _) in &arrived {
            if rng.random_bool(0.8) {
                let person: String = self.conn.query_row(
                    "SELECT id FROM persons WHERE household_id = ?1 AND deleted = 0 ORDER BY position LIMIT 1",
                    [id],
                    |r| r.get(0),
                )?;
                self.record_consent(&ConsentInput {
                    person_id: person,
                    purpose: Purpose::ShareWithHosts,
                    basis: LawfulBasis::Consent,
                    status: ConsentStatus::Given,
                    text_version: Some("v1-sv".into()),
                    method: ConsentMethod::Form,
                    note: None,
                })?;
            }
        }

        // Matches in every state for the earlier arrivals; the latest stay unmatched, for the
        // batch proposal to work on.
        let to_match = arrived.len() * 3 / 5;
        for (id, arrived_on) in arrived.iter().take(to_match) {
            let candidates = self.match_candidates(id, None)?;
            if !candidates.household_blocks.is_empty() {
                continue;
            }
            let Some(best) = candidates
                .candidates
                .iter()
                .find(|c| c.blocks.is_empty())
                .map(|c| c.host.id.clone())
            else {
                continue;
            };
            let m = self
                .propose_matches(&ProposeInput {
                    pairs: vec![PairInput {
                        household_id: id.clone(),
                        host_id: best,
                    }],
                    project_id: None,
                })?
                .remove(0);
            if rng.random_bool(0.1) {
                continue; // still proposed
            }
            let accepted = clamp(*arrived_on + Duration::days(rng.random_range(7..30)), today);
            self.accept_match(&MatchStepInput {
                match_id: m.clone(),
                on: Some(accepted.to_string()),
            })?;
            if rng.random_bool(0.1) {
                continue; // accepted, first meeting not yet held
            }
            let first = clamp(accepted + Duration::days(rng.random_range(3..20)), today);
            self.log_match_meeting(&MeetingInput {
                match_id: m.clone(),
                occurred_on: first.to_string(),
                summary: "Första träffen: fika och en promenad runt sjön.".into(),
            })?;
            let ended = first + Duration::days(rng.random_range(150..220));
            if ended < today {
                let early = rng.random_bool(0.15);
                self.end_match(&EndMatchInput {
                    match_id: m,
                    outcome: if early {
                        MatchOutcome::EndedEarly
                    } else {
                        MatchOutcome::Completed
                    },
                    reason: if early {
                        "Svårt att hitta tider som passade båda.".into()
                    } else {
                        "Ett halvår av träffar; de ses fortfarande ibland.".into()
                    },
                    ended_on: Some(ended.to_string()),
                    host_satisfaction: Some(rng.random_range(3..=5)),
                    household_satisfaction: Some(rng.random_range(3..=5)),
                })?;
            }
        }

        // Openings at the employers.
        let mut openings: Vec<String> = Vec::new();
        for employer in employers {
            for _ in 0..rng.random_range(1..=3) {
                let (title, area) = OPENINGS.choose(&mut rng).copied().unwrap_or(("Kock", ""));
                let municipality: String = self.conn.query_row(
                    "SELECT coalesce(municipality, '') FROM organisations WHERE id = ?1",
                    [employer],
                    |r| r.get(0),
                )?;
                openings.push(self.create_opening(&OpeningInput {
                    organisation_id: employer.clone(),
                    title: title.into(),
                    competence_area: area.into(),
                    municipality,
                    starts_on: Some(
                        (today + Duration::days(rng.random_range(14..120))).to_string(),
                    ),
                    status: None,
                    notes: String::new(),
                })?);
            }
        }

        // Accompanying partners referred to openings, with dated steps; some hired.
        let partners: Vec<(String, NaiveDate)> = {
            let mut stmt = self.conn.prepare(
                "SELECT p.id, coalesce(h.arrived_on, substr(h.created_at, 1, 10)) FROM households h
                 JOIN persons p ON p.household_id = h.id AND p.role = 'adult' AND p.position = 1 AND p.deleted = 0
                 WHERE h.deleted = 0 AND h.stage IN ('decided', 'moving', 'arrived', 'registered',
                     'host_matched', 'settling_in', 'six_month_check_in', 'retained', 'ambassador')
                 ORDER BY h.created_at, h.id LIMIT ?1",
            )?;
            stmt.query_map([MAX_ARRIVED as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<Vec<(String, String)>, _>>()?
                .into_iter()
                .filter_map(|(p, d)| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .ok()
                        .map(|d| (p, d))
                })
                .collect()
        };
        let path = [
            ReferralStatus::CvSent,
            ReferralStatus::Interview,
            ReferralStatus::Offer,
            ReferralStatus::Hired,
        ];
        for (person, since) in partners {
            if openings.is_empty() || rng.random_bool(0.3) {
                continue;
            }
            let how_many = rng.random_range(1..=3);
            let chosen: Vec<String> = openings
                .choose_multiple(&mut rng, how_many)
                .cloned()
                .collect();
            let mut day = clamp(since - Duration::days(rng.random_range(0..60)), today);
            // A referral hands the partner's details to employers: it needs that basis first.
            self.record_consent(&ConsentInput {
                person_id: person.clone(),
                purpose: Purpose::ShareWithEmployers,
                basis: LawfulBasis::Consent,
                status: ConsentStatus::Given,
                text_version: Some("v1-sv".into()),
                method: ConsentMethod::Form,
                note: None,
            })?;
            for opening in chosen {
                let r = self.refer_person(&ReferralInput {
                    person_id: person.clone(),
                    opening_id: Some(opening),
                    organisation_id: None,
                    status: None,
                    on: Some(day.to_string()),
                    note: String::new(),
                })?;
                let steps = rng.random_range(0..=path.len());
                for (i, status) in path.iter().take(steps).enumerate() {
                    day = clamp(day + Duration::days(rng.random_range(3..25)), today);
                    let status = if i == path.len() - 1 && rng.random_bool(0.4) {
                        ReferralStatus::NotHired
                    } else {
                        *status
                    };
                    self.set_referral_status(&ReferralStepInput {
                        referral_id: r.id.clone(),
                        status,
                        on: Some(day.to_string()),
                        note: String::new(),
                    })?;
                }
            }
        }

        // Households already at the ambassador stage get their story and story consent.
        let story_text: Option<String> = self
            .consent_texts()?
            .into_iter()
            .find(|t| t.purpose == Purpose::StoryAndPhoto)
            .map(|t| t.id);
        let ambassadors: Vec<(String, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT h.id, p.id FROM households h JOIN persons p ON p.household_id = h.id AND p.position = 0
                 WHERE h.stage = 'ambassador' AND h.deleted = 0 ORDER BY h.id LIMIT 40",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        let fairs: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM events WHERE kind = 'fair' AND deleted = 0 ORDER BY starts_on, id",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        let others: Vec<String> = arrived.iter().map(|(id, _)| id.clone()).collect();
        if let Some(text) = story_text {
            for (household, person) in ambassadors {
                self.make_ambassador(&AmbassadorInput {
                    household_id: household.clone(),
                    person_id: person,
                    consent_text_id: text.clone(),
                    language: UiLanguage::Sv,
                    method: ConsentMethod::Form,
                    story: "Vi kom för jobbet och naturen och stannade för människorna. \
                            Värdfamiljen visade oss skidspåren och föreningslivet."
                        .into(),
                })?;
                if let Some(fair) = fairs.choose(&mut rng) {
                    self.add_ambassador_event(&household, fair)?;
                }
                if let Some(friend) = others.choose(&mut rng)
                    && *friend != household
                {
                    self.set_referred_by(friend, Some(household.clone()))?;
                }
            }
        }
        Ok(())
    }
}
