//! Realistic, deterministic demo data: Swedish and international households moving to
//! Jämtland Härjedalen, Västernorrland and Dalarna, with employers, municipalities, events,
//! interactions and tasks across every phase. The same seed and day give the same data.
//!
//! Everything is written through the same use-case code paths as the app (validation, the
//! change log, the search index), in batches so 100,000 households take minutes, not hours.

use chrono::{DateTime, Duration, Utc};
use landa_domain::kinds::{
    ContactRole, EventKind, FourT, InteractionKind, LinkPurpose, LinkStatus, MemberRole, OrgKind,
    TimeFrame,
};
use landa_domain::pipeline::{Stage, plan_transition};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use crate::app::{Landa, WriteCtx, json_list, opt};
use crate::dto::{HouseholdInput, MemberInput, OrganisationInput};
use crate::error::Result;
use crate::households::{apply_transition, insert_household};

mod integrate;
mod reports;

pub const MUNICIPALITIES: &[(&str, &str)] = &[
    ("Östersund", "Jämtland Härjedalen"),
    ("Åre", "Jämtland Härjedalen"),
    ("Krokom", "Jämtland Härjedalen"),
    ("Strömsund", "Jämtland Härjedalen"),
    ("Berg", "Jämtland Härjedalen"),
    ("Bräcke", "Jämtland Härjedalen"),
    ("Ragunda", "Jämtland Härjedalen"),
    ("Härjedalen", "Jämtland Härjedalen"),
    ("Sundsvall", "Västernorrland"),
    ("Härnösand", "Västernorrland"),
    ("Kramfors", "Västernorrland"),
    ("Sollefteå", "Västernorrland"),
    ("Örnsköldsvik", "Västernorrland"),
    ("Timrå", "Västernorrland"),
    ("Ånge", "Västernorrland"),
    ("Falun", "Dalarna"),
    ("Borlänge", "Dalarna"),
    ("Mora", "Dalarna"),
    ("Leksand", "Dalarna"),
    ("Rättvik", "Dalarna"),
    ("Ludvika", "Dalarna"),
    ("Avesta", "Dalarna"),
    ("Malung-Sälen", "Dalarna"),
    ("Älvdalen", "Dalarna"),
    ("Orsa", "Dalarna"),
];

/// The demo project's area: the municipalities of Jämtland Härjedalen.
fn project_area() -> Vec<&'static str> {
    MUNICIPALITIES
        .iter()
        .filter(|(_, r)| *r == "Jämtland Härjedalen")
        .map(|(m, _)| *m)
        .collect()
}

const FIRST_NAMES: &[&str] = &[
    "Anna",
    "Erik",
    "Maria",
    "Johan",
    "Elin",
    "Lars",
    "Sara",
    "Karl",
    "Emma",
    "Anders",
    "Ida",
    "Per",
    "Linnea",
    "Mikael",
    "Frida",
    "Jonas",
    "Hanna",
    "Oskar",
    "Maja",
    "Fredrik",
    "Sofia",
    "Niklas",
    "Amanda",
    "Björn",
    "Klara",
    "Henrik",
    "Ebba",
    "Mattias",
    "Julia",
    "Gustav",
    "Åsa",
    "Jörgen",
    "Märta",
    "Örjan",
    "Ingrid",
    "Stina",
    "Nils",
    "Omar",
    "Fatima",
    "Ahmed",
    "Leila",
    "Piotr",
    "Agnieszka",
    "Tomasz",
    "Katarzyna",
    "Lukas",
    "Sophie",
    "Jan",
    "Eva",
    "Pieter",
    "Sanne",
    "Carlos",
    "Lucía",
    "Mateo",
    "Priya",
    "Arjun",
    "Ana",
    "João",
    "Olena",
    "Dmytro",
    "Aisha",
    "Yusuf",
    "Chen",
    "Mei",
    "Siobhan",
    "Liam",
    "Noor",
    "Hamid",
    "Elif",
    "Emre",
    "René",
    "Zoë",
];

const LAST_NAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Lindqvist",
    "Lundgren",
    "Bergström",
    "Åberg",
    "Öberg",
    "Sjöberg",
    "Hägglund",
    "Forsberg",
    "Sandström",
    "Nordin",
    "Holmgren",
    "Jämtberg",
    "Haddad",
    "Hassan",
    "Ali",
    "Kowalski",
    "Nowak",
    "Wiśniewska",
    "Müller",
    "Schmidt",
    "de Vries",
    "Jansen",
    "García",
    "Fernández",
    "Sharma",
    "Patel",
    "Silva",
    "Kovalenko",
    "Shevchenko",
    "Yılmaz",
    "Demir",
    "Wang",
    "O'Brien",
    "Murphy",
    "Dubois",
    "Lefèvre",
    "Novák",
];

const PROFESSIONS: &[&str] = &[
    "Sjuksköterska",
    "Mjukvaruutvecklare",
    "Lärare",
    "Civilingenjör",
    "Elektriker",
    "Läkare",
    "Undersköterska",
    "Ekonom",
    "Snickare",
    "Förskollärare",
    "Projektledare",
    "Fysioterapeut",
    "Data scientist",
    "Kock",
    "Lastbilschaufför",
    "Grafisk formgivare",
    "Skogsmaskinförare",
    "Psykolog",
    "Socionom",
    "Systemtekniker",
    "Tandläkare",
    "VVS-montör",
    "Marknadsförare",
    "Forskare",
    "Turismentreprenör",
    "Barnmorska",
    "Jurist",
];

const LANGUAGES: &[&str] = &[
    "svenska",
    "engelska",
    "arabiska",
    "polska",
    "tyska",
    "nederländska",
    "spanska",
    "ukrainska",
    "turkiska",
    "hindi",
    "portugisiska",
    "franska",
    "kinesiska",
];

const SOURCES: &[&str] = &[
    "Mässa",
    "Webbformulär",
    "Rekommendation",
    "Kampanj",
    "Sociala medier",
    "Arbetsgivare",
    "Återflyttarträff",
];

const TAGS: &[&str] = &[
    "dubbel karriär",
    "distansarbete",
    "återflyttare",
    "barnfamilj",
    "företagare",
    "student",
    "bristyrke",
    "husdröm",
];

const EMPLOYERS: &[&str] = &[
    "Storsjö Vård AB",
    "Norrskog Industri AB",
    "Fjällvinden Turism AB",
    "Mittnorr IT Konsult AB",
    "Jämtbygg AB",
    "Indalsälven Kraft AB",
    "Dalasten Gruv AB",
    "Siljan Träteknik AB",
    "Höga Kusten Logistik AB",
    "Ådalens Verkstad AB",
    "Sundsvall Pappersbruk AB",
    "Falu Elektronik AB",
    "Borlänge Stålservice AB",
    "Vildmarkens Hotell AB",
    "Åre Digital Studio AB",
    "Nordisk Skogsdata AB",
    "Härnösands Tandvård AB",
    "Mora Kniv & Verktyg AB",
    "Region Jämtland Härjedalen",
    "Region Västernorrland",
    "Region Dalarna",
    "Örnsköldsvik Batteri AB",
    "Ljusdal Fiber AB",
    "Timrå Livsmedel AB",
    "Ånge Järnväg Service AB",
    "Älvdalens Biogas AB",
    "Leksand Friskvård AB",
    "Rättvik Bygg & Snickeri AB",
    "Ludvika Transformator AB",
    "Avesta Rostfritt AB",
];

const NETWORKS: &[(&str, OrgKind)] = &[
    ("Mittuniversitetet", OrgKind::University),
    ("Högskolan Dalarna", OrgKind::University),
    ("Handelskammaren Mittsverige", OrgKind::ChamberOfCommerce),
    ("Dalarnas Handelskammare", OrgKind::ChamberOfCommerce),
    ("Teknikföretagen Mitt", OrgKind::IndustryNetwork),
    ("Besöksnäringens nätverk Jämtland", OrgKind::IndustryNetwork),
    ("Move to Mid Sweden", OrgKind::PartnerProject),
    ("Inflyttarnätverket Dalarna", OrgKind::PartnerProject),
];

const REASONS_NOT_MOVING: &[&str] = &[
    "Partnern fick inget jobb i regionen",
    "Hittade inget boende",
    "Valde att stanna i Stockholm",
    "Familjeskäl",
];
const REASONS_MOVED_AWAY: &[&str] = &[
    "Kom aldrig in i ett socialt sammanhang",
    "Nytt jobb i annan region",
    "Partnern trivdes inte",
    "Flyttade tillbaka för att vara nära familj",
];

const SUMMARIES: &[(InteractionKind, &str)] = &[
    (
        InteractionKind::Call,
        "Ringde och berättade om lediga tjänster inom deras yrken.",
    ),
    (
        InteractionKind::Email,
        "Skickade information om förskoleplatser och boende.",
    ),
    (
        InteractionKind::Meeting,
        "Digitalt möte om familjens frågor kring skola och partnerns jobbsökande.",
    ),
    (
        InteractionKind::Visit,
        "Studiebesök: visade bostadsområden och träffade en arbetsgivare.",
    ),
    (
        InteractionKind::FairTalk,
        "Samtal i montern, intresserade av att flytta inom ett år.",
    ),
    (
        InteractionKind::Note,
        "Vill helst bo nära fjällen, gärna i en mindre by.",
    ),
    (
        InteractionKind::Call,
        "Uppföljning: har fått erbjudande om tjänst, söker nu boende.",
    ),
    (
        InteractionKind::Email,
        "Skickade inbjudan till nästa inflyttarträff.",
    ),
];

/// What `landa demo` made.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct DemoSummary {
    pub households: u32,
    pub organisations: u32,
    pub events: u32,
    pub users: u32,
}

const BATCH: usize = 250;

impl Landa {
    /// Adds `households` demo households (and, the first time, coordinators, organisations and
    /// events). Deterministic for a given seed and day.
    pub fn generate_demo(&mut self, households: u32, seed: u64) -> Result<DemoSummary> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let day_start = self
            .today()
            .and_hms_opt(8, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let users = self.demo_users()?;
        let DemoOrganisations {
            employers,
            municipal,
            events,
            count: org_count,
        } = self.demo_organisations(&mut rng, day_start)?;
        let mut made = 0u32;
        while made < households {
            let batch = (households - made).min(BATCH as u32);
            let mut plans = Vec::with_capacity(batch as usize);
            for _ in 0..batch {
                plans.push(plan_household(&mut rng, day_start, &users, &events)?);
            }
            let validated: Vec<_> = plans
                .iter()
                .map(|p| self.validate_household(&p.input).map(|v| (p, v)))
                .collect::<Result<_>>()?;
            let ids = self.ids.clone();
            let user_id = self.user_id.clone();
            let links_rng_seed: u64 = rng.random();
            self.write(|w, _| {
                let mut link_rng = ChaCha8Rng::seed_from_u64(links_rng_seed);
                for (plan, valid) in &validated {
                    let at = |t: DateTime<Utc>| WriteCtx {
                        now: t,
                        user_id: plan.owner.clone().or(user_id.clone()),
                        ids: ids.clone(),
                    };
                    let id = insert_household(
                        w,
                        &at(plan.created),
                        valid,
                        plan.owner.clone(),
                        Stage::LeadCaptured,
                    )?;
                    let mut current = Stage::LeadCaptured;
                    let mut has_arrival = false;
                    for (stage, time, reason) in &plan.path {
                        let t = plan_transition(current, *stage, has_arrival, reason.as_deref())?;
                        let arrival = stage.has_arrived().then(|| time.date_naive());
                        apply_transition(w, &at(*time), &id, t, reason.clone(), arrival)?;
                        has_arrival = match t.arrival {
                            landa_domain::pipeline::ArrivalEffect::Record => true,
                            landa_domain::pipeline::ArrivalEffect::Clear => false,
                            landa_domain::pipeline::ArrivalEffect::Keep => has_arrival,
                        };
                        current = *stage;
                    }
                    settle_past_tasks(w, &at(day_start), &id, current)?;
                    for (kind, time, summary) in &plan.interactions {
                        let ctx = at(*time);
                        w.insert(
                            "interactions",
                            &ctx.new_id(),
                            &[
                                ("household_id", Value::from(id.clone())),
                                ("kind", Value::from(kind.code())),
                                ("occurred_at", Value::from(ctx.now_text())),
                                ("summary", Value::from(*summary)),
                                ("created_by", ctx.user()),
                                ("created_at", Value::from(ctx.now_text())),
                            ],
                        )?;
                    }
                    if let Some(event) = &plan.input.source_event_id {
                        let ctx = at(plan.created);
                        w.insert(
                            "interactions",
                            &ctx.new_id(),
                            &[
                                ("household_id", Value::from(id.clone())),
                                ("event_id", Value::from(event.clone())),
                                ("kind", Value::from(InteractionKind::FairTalk.code())),
                                ("occurred_at", Value::from(ctx.now_text())),
                                ("summary", Value::from("Samtal i montern.")),
                                ("created_by", ctx.user()),
                                ("created_at", Value::from(ctx.now_text())),
                            ],
                        )?;
                        crate::events::insert_attendance(
                            w,
                            &ctx,
                            event,
                            Some(&id),
                            None,
                            "attendee",
                        )?;
                    }
                    let first_person: String = w.tx.query_row(
                        "SELECT id FROM persons WHERE household_id = ?1 ORDER BY position LIMIT 1",
                        [&id],
                        |r| r.get(0),
                    )?;
                    let ctx = at(plan.created);
                    w.insert(
                        "consents",
                        &ctx.new_id(),
                        &[
                            ("person_id", Value::from(first_person)),
                            ("purpose", Value::from("contact_about_moving")),
                            ("basis", Value::from("consent")),
                            ("status", Value::from("given")),
                            ("text_version", Value::from(plan.consent_version)),
                            ("method", Value::from("form")),
                            ("recorded_at", Value::from(ctx.now_text())),
                            ("recorded_by", ctx.user()),
                        ],
                    )?;
                    if let Some((title, due)) = &plan.task {
                        w.insert(
                            "tasks",
                            &ctx.new_id(),
                            &[
                                ("title", Value::from(*title)),
                                ("due_on", Value::from(due.to_string())),
                                ("owner_id", opt(plan.owner.clone())),
                                ("household_id", Value::from(id.clone())),
                                ("created_at", Value::from(ctx.now_text())),
                            ],
                        )?;
                    }
                    if current.order() >= Stage::Decided.order() && current != Stage::NotMoving {
                        let job_status = [
                            LinkStatus::Suggested,
                            LinkStatus::InProgress,
                            LinkStatus::Completed,
                        ]
                        .choose(&mut link_rng)
                        .copied()
                        .unwrap_or(LinkStatus::Suggested);
                        let links = [
                            employers
                                .choose(&mut link_rng)
                                .map(|o| (o.clone(), LinkPurpose::PartnerJob, job_status)),
                            municipal
                                .choose(&mut link_rng)
                                .map(|o| (o.clone(), LinkPurpose::Housing, LinkStatus::Completed)),
                        ];
                        for (org, purpose, status) in links.into_iter().flatten() {
                            w.insert(
                                "org_links",
                                &ctx.new_id(),
                                &[
                                    ("household_id", Value::from(id.clone())),
                                    ("organisation_id", Value::from(org)),
                                    ("purpose", Value::from(purpose.code())),
                                    ("status", Value::from(status.code())),
                                    ("created_at", Value::from(ctx.now_text())),
                                    ("updated_at", Value::from(ctx.now_text())),
                                ],
                            )?;
                        }
                    }
                }
                Ok(())
            })?;
            made += batch;
            tracing::debug!(made, "demo households written");
        }
        self.demo_integrate(seed, &employers)?;
        self.demo_reports(seed)?;
        Ok(DemoSummary {
            households: made,
            organisations: org_count,
            events: events.len() as u32,
            users: users.len() as u32,
        })
    }

    fn demo_users(&mut self) -> Result<Vec<String>> {
        let existing = self.users()?;
        if existing.len() >= 2 {
            return Ok(existing.into_iter().map(|u| u.id).collect());
        }
        let mut ids: Vec<String> = existing.into_iter().map(|u| u.id).collect();
        for name in [
            "Karin Lindgren",
            "Ahmed Yousef",
            "Malin Ås",
            "Petter Nyström",
        ] {
            ids.push(self.create_user(name)?.id);
        }
        Ok(ids)
    }

    /// Organisations and events are made once; later calls reuse them.
    fn demo_organisations(
        &mut self,
        rng: &mut ChaCha8Rng,
        day: DateTime<Utc>,
    ) -> Result<DemoOrganisations> {
        let existing: u32 = self.conn.query_row(
            "SELECT count(*) FROM organisations WHERE kind = 'municipality'",
            [],
            |r| r.get(0),
        )?;
        if existing == 0 {
            for (i, name) in EMPLOYERS.iter().enumerate() {
                let (municipality, _) = MUNICIPALITIES[i % MUNICIPALITIES.len()];
                let id = self.create_organisation(&OrganisationInput {
                    name: (*name).into(),
                    kind: Some(OrgKind::Employer),
                    municipality: municipality.into(),
                    website: format!(
                        "https://{}.example",
                        name.to_lowercase().split(' ').next().unwrap_or("foretag")
                    ),
                    participating: i % 3 == 0,
                    participating_since: (i % 3 == 0).then(|| {
                        (day - Duration::days(400 - i as i64 * 7))
                            .date_naive()
                            .to_string()
                    }),
                    notes: "Rekryterar löpande, intresserade av medflyttande partners.".into(),
                    ..Default::default()
                })?;
                self.demo_contact(&id, ContactRole::Hr, rng)?;
            }
            for (municipality, region) in MUNICIPALITIES {
                let id = self.create_organisation(&OrganisationInput {
                    name: municipality_name(municipality),
                    kind: Some(OrgKind::Municipality),
                    municipality: (*municipality).into(),
                    participating: true,
                    participating_since: Some((day - Duration::days(700)).date_naive().to_string()),
                    notes: format!("Del av {region}."),
                    ..Default::default()
                })?;
                for role in [
                    ContactRole::Housing,
                    ContactRole::School,
                    ContactRole::Preschool,
                    ContactRole::WelcomeOffice,
                ] {
                    self.demo_contact(&id, role, rng)?;
                }
            }
            for (name, kind) in NETWORKS {
                self.create_organisation(&OrganisationInput {
                    name: (*name).into(),
                    kind: Some(*kind),
                    participating: rng.random_bool(0.5),
                    ..Default::default()
                })?;
            }
            self.demo_events(rng, day)?;
        }
        let ids = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare(sql)?;
            Ok(stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?)
        };
        let employers = ids("SELECT id FROM organisations WHERE kind = 'employer' ORDER BY id")?;
        let municipal =
            ids("SELECT id FROM organisations WHERE kind = 'municipality' ORDER BY id")?;
        // Leads come from fairs that have already happened.
        let today = self.today().to_string();
        let events: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM events WHERE kind = 'fair' AND deleted = 0 AND starts_on <= ?1 ORDER BY id",
            )?;
            stmt.query_map([&today], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        let count: u32 = self
            .conn
            .query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))?;
        Ok(DemoOrganisations {
            employers,
            municipal,
            events,
            count,
        })
    }

    fn demo_contact(
        &mut self,
        org: &str,
        role: ContactRole,
        rng: &mut ChaCha8Rng,
    ) -> Result<String> {
        let first = FIRST_NAMES.choose(rng).copied().unwrap_or("Anna");
        let last = LAST_NAMES.choose(rng).copied().unwrap_or("Lind");
        self.add_contact_person(&crate::dto::ContactPersonInput {
            organisation_id: org.to_owned(),
            name: format!("{first} {last}"),
            role,
            title: String::new(),
            email: format!("{}.{}@example.se", ascii(first), ascii(last)),
            phone: format!(
                "070-{:03} {:02} {:02}",
                rng.random_range(100..999),
                rng.random_range(10..99),
                rng.random_range(10..99)
            ),
            notes: String::new(),
        })
    }

    fn demo_events(&mut self, rng: &mut ChaCha8Rng, day: DateTime<Utc>) -> Result<()> {
        let events: &[(&str, EventKind, &[FourT], &str)] = &[
            (
                "Flytta hit-dagen Stockholm",
                EventKind::Fair,
                &[FourT::Talent, FourT::TerritorialAssets],
                "Stockholm",
            ),
            (
                "Karriärmässan Uppsala",
                EventKind::Fair,
                &[FourT::Talent],
                "Uppsala",
            ),
            (
                "Världscupen i Åre – monter",
                EventKind::Fair,
                &[FourT::TerritorialAssets],
                "Åre",
            ),
            (
                "Vasaloppsmässan",
                EventKind::Fair,
                &[FourT::TerritorialAssets, FourT::Talent],
                "Mora",
            ),
            (
                "Tech-mässan Göteborg",
                EventKind::Fair,
                &[FourT::Technology, FourT::Talent],
                "Göteborg",
            ),
            (
                "Inflyttarträff Östersund",
                EventKind::NewcomerNetwork,
                &[FourT::Tolerance],
                "Östersund",
            ),
            (
                "Värdskapsutbildning vår",
                EventKind::HostTraining,
                &[FourT::Tolerance],
                "Sundsvall",
            ),
            (
                "Erfa-träff inflyttarlotsar",
                EventKind::ExperienceExchange,
                &[FourT::Talent],
                "Falun",
            ),
            (
                "Prova-på-boende Höga Kusten",
                EventKind::StudyVisit,
                &[FourT::TerritorialAssets],
                "Kramfors",
            ),
            (
                "Kampanj: Jobba på distans från fjällen",
                EventKind::Campaign,
                &[FourT::Technology, FourT::TerritorialAssets],
                "Digitalt",
            ),
            // Upcoming: the first two are where the next fair leads will come from.
            ("Jobbmässan Umeå", EventKind::Fair, &[FourT::Talent], "Umeå"),
            (
                "Inflyttarträff Sundsvall",
                EventKind::NewcomerNetwork,
                &[FourT::Tolerance, FourT::TerritorialAssets],
                "Sundsvall",
            ),
        ];
        let upcoming_from = events.len() - 2;
        self.write(|w, ctx| {
            for (i, (name, kind, four_t, place)) in events.iter().enumerate() {
                let start = if i >= upcoming_from {
                    (day + Duration::days(rng.random_range(5..40))).date_naive()
                } else {
                    (day - Duration::days(rng.random_range(20..700))).date_naive()
                };
                let four: Vec<String> = four_t.iter().map(|t| t.code().to_owned()).collect();
                w.insert(
                    "events",
                    &ctx.new_id(),
                    &[
                        ("kind", Value::from(kind.code())),
                        ("name", Value::from(*name)),
                        ("starts_on", Value::from(start.to_string())),
                        (
                            "ends_on",
                            Value::from(
                                (start + Duration::days(i64::from(i % 2 == 0))).to_string(),
                            ),
                        ),
                        ("place", Value::from(*place)),
                        (
                            "cost_ore",
                            Value::from(rng.random_range(5_000..80_000) * 100),
                        ),
                        ("four_t", json_list(&four)),
                        ("created_at", Value::from(ctx.now_text())),
                    ],
                )?;
            }
            Ok(())
        })
    }
}

struct DemoOrganisations {
    employers: Vec<String>,
    municipal: Vec<String>,
    /// Fairs, to attribute leads to.
    events: Vec<String>,
    count: u32,
}

struct HouseholdPlan {
    input: HouseholdInput,
    owner: Option<String>,
    created: DateTime<Utc>,
    path: Vec<(Stage, DateTime<Utc>, Option<String>)>,
    interactions: Vec<(InteractionKind, DateTime<Utc>, &'static str)>,
    task: Option<(&'static str, chrono::NaiveDate)>,
    consent_version: &'static str,
}

/// "Östersunds kommun", "Mora kommun", "Falu kommun": the genitive the municipalities use.
fn municipality_name(m: &str) -> String {
    match m {
        "Falun" => "Falu kommun".into(),
        _ if m.ends_with(['a', 'e', 'å', 'o', 's']) => format!("{m} kommun"),
        _ => format!("{m}s kommun"),
    }
}

fn ascii(s: &str) -> String {
    landa_domain::text::fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn plan_household(
    rng: &mut ChaCha8Rng,
    day: DateTime<Utc>,
    users: &[String],
    events: &[String],
) -> Result<HouseholdPlan> {
    let last = LAST_NAMES.choose(rng).copied().unwrap_or("Lind");
    let adults = if rng.random_bool(0.7) { 2 } else { 1 };
    let children = if adults == 2 {
        rng.random_range(0..=3)
    } else {
        rng.random_range(0..=1)
    };
    let this_year = chrono::Datelike::year(&day);
    let mut members = Vec::new();
    for a in 0..adults {
        let first = FIRST_NAMES.choose(rng).copied().unwrap_or("Anna");
        let mut langs = vec!["svenska".to_owned()];
        if rng.random_bool(0.6) {
            langs.push(
                LANGUAGES
                    .choose(rng)
                    .copied()
                    .unwrap_or("engelska")
                    .to_owned(),
            );
        }
        let n: u32 = rng.random_range(1..999);
        members.push(MemberInput {
            first_name: first.into(),
            last_name: last.into(),
            role: Some(MemberRole::Adult),
            birth_year: Some(this_year - rng.random_range(24..58)),
            languages: langs,
            profession: PROFESSIONS.choose(rng).copied().unwrap_or("Lärare").into(),
            emails: if a == 0 || rng.random_bool(0.5) {
                vec![format!("{}.{}{n}@example.com", ascii(first), ascii(last))]
            } else {
                vec![]
            },
            phones: if rng.random_bool(0.8) {
                vec![format!(
                    "{}-{:03} {:02} {:02}",
                    ["070", "072", "073", "076", "079"]
                        .choose(rng)
                        .unwrap_or(&"070"),
                    rng.random_range(100..999),
                    rng.random_range(10..99),
                    rng.random_range(10..99)
                )]
            } else {
                vec![]
            },
            ..Default::default()
        });
    }
    for _ in 0..children {
        members.push(MemberInput {
            first_name: FIRST_NAMES.choose(rng).copied().unwrap_or("Elsa").into(),
            last_name: last.into(),
            role: Some(MemberRole::Child),
            birth_year: Some(this_year - rng.random_range(0..17)),
            ..Default::default()
        });
    }
    let municipalities: Vec<String> = (0..rng.random_range(1..=2))
        .map(|_| {
            MUNICIPALITIES
                .choose(rng)
                .map(|m| m.0)
                .unwrap_or("Östersund")
                .to_owned()
        })
        .collect();
    let from_fair = rng.random_bool(0.4) && !events.is_empty();
    let source = if from_fair {
        "Mässa"
    } else {
        SOURCES.choose(rng).copied().unwrap_or("Webbformulär")
    };
    let tags: Vec<String> = if rng.random_bool(0.5) {
        vec![TAGS.choose(rng).copied().unwrap_or("barnfamilj").to_owned()]
    } else {
        vec![]
    };
    let created = day - Duration::minutes(rng.random_range(60..(3 * 365 * 24 * 60)));
    let owner = users.choose(rng).cloned();

    // How far this household got: many leads, fewer arrivals, a few ambassadors.
    let target_index = match rng.random_range(0..100) {
        0..=29 => rng.random_range(0..=2),
        30..=49 => rng.random_range(3..=4),
        50..=62 => rng.random_range(5..=7),
        63..=79 => rng.random_range(8..=11),
        80..=84 => 12,
        85..=94 => 13, // not moving
        _ => 14,       // moved away
    };
    let target = Stage::ALL[target_index];
    let mut stops: Vec<Stage> = Stage::ALL
        .iter()
        .copied()
        .filter(|s| !s.is_closed() && s.order() <= target.order())
        .skip(1)
        .collect();
    let mut closing = None;
    match target {
        Stage::NotMoving => {
            stops = Stage::ALL[1..rng.random_range(2..=5)].to_vec();
            closing = Some((
                Stage::NotMoving,
                REASONS_NOT_MOVING
                    .choose(rng)
                    .copied()
                    .unwrap_or("Familjeskäl"),
            ));
        }
        Stage::MovedAway => {
            stops = Stage::ALL[1..rng.random_range(7..=11)].to_vec();
            closing = Some((
                Stage::MovedAway,
                REASONS_MOVED_AWAY
                    .choose(rng)
                    .copied()
                    .unwrap_or("Familjeskäl"),
            ));
        }
        _ => {}
    }
    // Spread the path between creation and now.
    let span = (day - created).num_minutes().max(1);
    let steps = stops.len() + usize::from(closing.is_some());
    let mut path = Vec::new();
    for (i, stage) in stops.iter().enumerate() {
        let t = created + Duration::minutes(span * (i as i64 + 1) / (steps as i64 + 1));
        path.push((*stage, t, None));
    }
    if let Some((stage, reason)) = closing {
        path.push((
            stage,
            day - Duration::minutes(span / (steps as i64 + 2)),
            Some(reason.to_owned()),
        ));
    }
    let interactions = (0..rng.random_range(1..=4))
        .map(|_| {
            let (kind, text) = *SUMMARIES.choose(rng).unwrap_or(&SUMMARIES[0]);
            (
                kind,
                created + Duration::minutes(rng.random_range(0..span)),
                text,
            )
        })
        .collect();
    let task = rng.random_bool(0.3).then(|| {
        let title = *[
            "Följ upp efter mässan",
            "Skicka info om förskola",
            "Boka studiebesök",
            "Ring om partnerns jobbsökande",
            "Sexmånaderssamtal",
        ]
        .choose(rng)
        .unwrap_or(&"Följ upp");
        (
            title,
            (day + Duration::days(rng.random_range(-20..40))).date_naive(),
        )
    });
    Ok(HouseholdPlan {
        input: HouseholdInput {
            members,
            desired_municipalities: municipalities,
            source: source.into(),
            source_event_id: from_fair.then(|| events.choose(rng).cloned()).flatten(),
            time_frame: TimeFrame::ALL.choose(rng).copied(),
            tags,
            owner_id: owner.clone(),
            ..Default::default()
        },
        owner,
        created,
        path,
        interactions,
        task,
        consent_version: if from_fair { "v1-sv" } else { "webb-2025-2" },
    })
}

/// A demo household went through its phases long ago: the checklist items of the phases it
/// has left, and the check-ins it has passed, are done — as a coordinator would have ticked.
fn settle_past_tasks(
    w: &mut crate::changes::Tx<'_>,
    ctx: &WriteCtx,
    household: &str,
    current: Stage,
) -> Result<()> {
    let phase_rank = |p: landa_domain::pipeline::Phase| {
        landa_domain::pipeline::Phase::OPEN
            .iter()
            .position(|x| *x == p)
            .unwrap_or(usize::MAX)
    };
    let now_rank = phase_rank(current.phase());
    // Anything due more than a month ago was dealt with, in the demo's story.
    let settled_before = (ctx.today() - Duration::days(30)).to_string();
    let tasks: Vec<(String, Option<String>, Option<String>, String)> = w
        .tx
        .prepare_cached(
            "SELECT t.id, t.kind, c.phase, t.due_on FROM tasks t LEFT JOIN checklist_items c ON c.id = t.checklist_item_id
             WHERE t.household_id = ?1 AND t.done_at IS NULL AND t.deleted = 0
               AND t.kind IN ('checklist', 'check_in_6', 'check_in_12')",
        )?
        .query_map([household], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (id, kind, phase, due) in tasks {
        let passed = due < settled_before
            || match kind.as_deref() {
                Some("check_in_6") => current.order() >= Stage::SixMonthCheckIn.order(),
                Some("check_in_12") => current.order() >= Stage::Retained.order(),
                _ => phase
                    .and_then(|p| {
                        landa_domain::pipeline::Phase::OPEN
                            .into_iter()
                            .find(|x| x.code() == p)
                    })
                    .is_some_and(|p| phase_rank(p) < now_rank),
            };
        if passed {
            w.update("tasks", &id, &[("done_at", Value::from(ctx.now_text()))])?;
        }
    }
    Ok(())
}
