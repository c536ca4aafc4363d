//! Demo data for the funder report: the demo project's participating organisations (joined on
//! different days, one of them has left), profiling fairs marked as held outside the region,
//! targets a little ahead of and a little behind the pace, last year's report submitted and
//! frozen, and a draft for this year.

use chrono::{Datelike, Days, NaiveDate};
use landa_domain::indicators::Indicator;
use landa_domain::kinds::MovedAwayReason;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

use crate::app::Landa;
use crate::error::Result;
use crate::projects::{MembershipInput, ProjectTarget};
use crate::reports::{ReportInput, ReportSections};

impl Landa {
    /// Adds the report part of the demo, once per database.
    pub(super) fn demo_reports(&mut self, seed: u64) -> Result<()> {
        let already: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM project_organisations) OR EXISTS (SELECT 1 FROM reports)",
            [],
            |r| r.get(0),
        )?;
        let Some(project) = self.list_projects()?.into_iter().last() else {
            return Ok(());
        };
        if already {
            return Ok(());
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0e90_27ed);
        let today = self.today();
        let starts: NaiveDate = project.starts_on.parse().unwrap_or(today);

        // Fairs and campaigns held outside the region are profiling activities.
        let region = super::project_area();
        let away: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, coalesce(place, '') FROM events
                 WHERE deleted = 0 AND kind IN ('fair', 'campaign') AND outside_region = 0",
            )?;
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                .filter_map(|r| r.ok())
                .filter(|(_, place)| !place.is_empty() && !region.iter().any(|m| place.contains(m)))
                .map(|(id, _)| id)
                .collect()
        };
        // Households that moved away before reasons were recorded get one, so the report's
        // "moved away, by reason" has something to show.
        let gone: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM households
                 WHERE deleted = 0 AND stage = 'moved_away' AND moved_away_reason IS NULL ORDER BY id",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        let reasons = MovedAwayReason::ALL;
        let picks: Vec<&'static str> = gone
            .iter()
            .map(|_| reasons[rng.random_range(0..reasons.len())].code())
            .collect();
        self.write(|w, _| {
            for id in &away {
                w.update("events", id, &[("outside_region", Value::from(true))])?;
            }
            for (id, reason) in gone.iter().zip(&picks) {
                w.update(
                    "households",
                    id,
                    &[("moved_away_reason", Value::from(*reason))],
                )?;
            }
            Ok(())
        })?;

        // Participating organisations: the region's municipalities from the start, employers
        // and the university joining over the first year and a half; one employer has left.
        let orgs: Vec<(String, String, Option<String>)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, kind, municipality FROM organisations
                 WHERE deleted = 0 AND kind IN ('municipality', 'employer', 'university', 'chamber_of_commerce')
                 ORDER BY kind, name, id",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<Result<_, _>>()?
        };
        let span = (today - starts).num_days().clamp(1, 540);
        let mut employers = 0;
        let mut left_one = false;
        for (id, kind, municipality) in &orgs {
            let in_region = municipality.as_deref().is_some_and(|m| region.contains(&m));
            let joined = match kind.as_str() {
                "municipality" if in_region => starts,
                "municipality" => continue,
                "employer" => {
                    if employers >= 14 {
                        continue;
                    }
                    employers += 1;
                    starts + Days::new(rng.random_range(0..span as u64))
                }
                _ => starts + Days::new(rng.random_range(0..span as u64 / 2 + 1)),
            };
            let left_on = (kind == "employer" && !left_one && joined + Days::new(120) < today)
                .then(|| {
                    left_one = true;
                    (joined + Days::new(90)).to_string()
                });
            self.add_project_member(
                &project.id,
                id,
                &MembershipInput {
                    joined_on: joined.min(today).to_string(),
                    left_on,
                },
            )?;
        }

        // Targets for the whole project, set around the pace so far: some ahead, some behind.
        let progress = self.project_progress(&project.id)?;
        let ends: NaiveDate = project
            .ends_on
            .as_deref()
            .and_then(|e| e.parse().ok())
            .unwrap_or(today);
        let share = ((today - starts).num_days() as f64 / ((ends - starts).num_days() + 1) as f64)
            .clamp(0.05, 1.0);
        let targets: Vec<ProjectTarget> = [
            (Indicator::ParticipatingOrganisations, 1.1),
            (Indicator::HouseholdsArrived, 0.9),
            (Indicator::CompaniesHired, 1.3),
            (Indicator::LeadsCaptured, 0.95),
            (Indicator::Activities, 1.0),
            (Indicator::ProfilingOutsideRegion, 0.8),
            (Indicator::HostTrainings, 1.2),
            (Indicator::NewcomerNetworks, 0.9),
            (Indicator::MatchesStarted, 1.25),
        ]
        .into_iter()
        .map(|(i, pace)| {
            let so_far = f64::from(
                progress
                    .indicators
                    .iter()
                    .find(|v| v.indicator == i)
                    .map_or(0, |v| v.project_to_date),
            );
            // Participants are counted, not accumulated, so their target is not scaled by time.
            let whole = if i == Indicator::ParticipatingOrganisations {
                so_far * pace
            } else {
                so_far / share * pace
            };
            ProjectTarget {
                indicator: i,
                target: Some(round_nicely(whole.max(2.0))),
            }
        })
        .collect();
        self.set_project_targets(&project.id, &targets)?;

        // Last year's report, submitted; and a draft for this year so far.
        let last_year = today.year() - 1;
        if starts.year() <= last_year {
            let id = self.create_report(&ReportInput {
                project_id: project.id.clone(),
                title: format!("Lägesrapport {last_year}"),
                from: format!("{last_year}-01-01"),
                to: format!("{last_year}-12-31"),
                sections: ReportSections {
                    summary: "Projektets första år: kommunerna i regionen har anslutit, värdskapet har kommit i gång och de första familjerna har flyttat hit via mässorna i Stockholm och Göteborg.".into(),
                    activities: "Mässorna utanför regionen gav flest leads. Värdskapsutbildningarna hölls i Östersund och Åre.".into(),
                    results: "Flera arbetsgivare har anställt medföljande partner genom projektet.".into(),
                    next_steps: "Fler arbetsgivare ska ansluta, och uppföljningen efter sex månader ska bli en rutin.".into(),
                },
            })?;
            self.submit_report(&id)?;
        }
        self.create_report(&ReportInput {
            project_id: project.id.clone(),
            title: format!("Lägesrapport {}", today.year()),
            from: format!("{}-01-01", today.year()),
            to: today.to_string(),
            sections: ReportSections {
                summary: "Arbetet fortsätter enligt plan.".into(),
                ..ReportSections::default()
            },
        })?;
        Ok(())
    }
}

/// 7 → 7, 43 → 45, 388 → 390, 1234 → 1250: targets as people write them.
fn round_nicely(v: f64) -> u32 {
    let step = match v {
        v if v < 10.0 => 1.0,
        v if v < 100.0 => 5.0,
        v if v < 1000.0 => 10.0,
        _ => 50.0,
    };
    ((v / step).round() * step).clamp(1.0, 1_000_000.0) as u32
}

impl Landa {
    /// Adds `count` more follow-up calls, emails and meetings spread over the demo households'
    /// histories (after each was entered, never in the future), in transactions of a few
    /// thousand: the benchmark's "a million interactions".
    pub fn generate_demo_interactions(&mut self, count: u32, seed: u64) -> Result<u32> {
        use landa_domain::kinds::InteractionKind;
        let households: Vec<(String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, created_at FROM households WHERE deleted = 0 ORDER BY id")?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        if households.is_empty() {
            return Ok(0);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x1a7e_ac75);
        let now = self.now();
        let kinds = [
            (InteractionKind::Call, "Uppföljande samtal."),
            (
                InteractionKind::Email,
                "Skickade information om bostäder och skola.",
            ),
            (InteractionKind::Meeting, "Möte om jobb för partnern."),
        ];
        let mut made = 0u32;
        while made < count {
            let batch = (count - made).min(5_000);
            let rows: Vec<(String, chrono::DateTime<chrono::Utc>, usize)> = (0..batch)
                .map(|_| {
                    let (id, created) = &households[rng.random_range(0..households.len())];
                    let start = chrono::DateTime::parse_from_rfc3339(created)
                        .map(|d| d.to_utc())
                        .unwrap_or(now);
                    let span = (now - start).num_minutes().max(1);
                    let at = start + chrono::Duration::minutes(rng.random_range(0..span));
                    (id.clone(), at, rng.random_range(0..kinds.len()))
                })
                .collect();
            self.write(|w, ctx| {
                for (id, at, k) in &rows {
                    let when = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
                    w.insert(
                        "interactions",
                        &ctx.new_id(),
                        &[
                            ("household_id", Value::from(id.as_str())),
                            ("kind", Value::from(kinds[*k].0.code())),
                            ("occurred_at", Value::from(when.clone())),
                            ("summary", Value::from(kinds[*k].1)),
                            ("created_by", ctx.user()),
                            ("created_at", Value::from(when)),
                        ],
                    )?;
                }
                Ok(())
            })?;
            made += batch;
        }
        Ok(made)
    }
}
