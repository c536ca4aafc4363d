//! The funder indicators, computed from what was logged. Every definition here is written out
//! in docs/architecture.md ("Funder indicators") and tested against hand-counted fixtures in
//! tests/reports.rs. A period is two days, both inclusive.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use landa_domain::indicators::{Indicator, TargetProgress, median, progress};
use landa_domain::kinds::{EventKind, FourT, MovedAwayReason, OrgKind};
use landa_domain::pipeline::Stage;
use landa_domain::{ValidationError, ValidationKind};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::app::{Landa, parse_date, parse_list};
use crate::dto::NamedRef;
use crate::error::Result;
use crate::jobs::EmployerCount;
use crate::projects::ProjectDto;

/// Longest period a report can cover, in months (a project rarely runs past six years).
const MAX_PERIOD_MONTHS: u32 = 120;

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ReportProject {
    pub id: String,
    pub name: String,
    pub funder: Option<String>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub municipalities: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct IndicatorValue {
    pub indicator: Indicator,
    /// In the period.
    pub value: u32,
    /// From the project's start to the end of the period (what a target is measured on).
    pub project_to_date: u32,
    pub progress: Option<TargetProgress>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct Participant {
    pub organisation: NamedRef,
    pub kind: OrgKind,
    pub municipality: Option<String>,
    pub joined_on: String,
    pub left_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct LabelCount {
    /// `None`: not recorded.
    pub label: Option<String>,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct EventYield {
    /// `None`: leads and arrivals not attributed to an event.
    pub event: Option<NamedRef>,
    pub leads: u32,
    pub arrivals: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct MonthCount {
    /// `YYYY-MM`
    pub month: String,
    pub leads: u32,
    pub arrivals: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct FunnelStep {
    pub stage: Stage,
    /// Leads captured in the period that reached this stage or a later one.
    pub reached: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct Activity {
    pub event: NamedRef,
    pub kind: EventKind,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub place: Option<String>,
    pub four_t: Vec<FourT>,
    pub outside_region: bool,
    /// Organisations, households, people and hosts recorded as taking part.
    pub attendance: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct KindCount {
    pub kind: EventKind,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct FourTCount {
    pub four_t: FourT,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ReasonCount {
    /// `None`: no reason recorded.
    pub reason: Option<MovedAwayReason>,
    pub count: u32,
}

/// Everything the funder report and the project dashboard show, for one project and period.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ReportData {
    pub project: ReportProject,
    pub from: String,
    pub to: String,
    /// The day targets are measured on: the period's end, or today when that is earlier.
    pub measured_on: String,
    pub indicators: Vec<IndicatorValue>,
    pub participants: Vec<Participant>,
    pub arrivals_by_municipality: Vec<LabelCount>,
    pub by_event: Vec<EventYield>,
    pub by_month: Vec<MonthCount>,
    pub funnel: Vec<FunnelStep>,
    pub activities: Vec<Activity>,
    pub activities_by_kind: Vec<KindCount>,
    pub activities_by_four_t: Vec<FourTCount>,
    pub employers: Vec<EmployerCount>,
    pub moved_away: Vec<ReasonCount>,
    /// Households whose first year ended in the period (the base of "retained at 12 months").
    pub retention_cohort: u32,
    /// Median days from first contact to arrival, for households that arrived in the period.
    pub median_days_to_arrival: Option<f64>,
}

impl ReportData {
    pub fn value(&self, indicator: Indicator) -> u32 {
        self.indicators
            .iter()
            .find(|i| i.indicator == indicator)
            .map_or(0, |i| i.value)
    }
}

/// The plain counts of one period, from which the indicator rows are built.
#[derive(Debug, Default)]
struct Counts(BTreeMap<&'static str, u32>);

impl Counts {
    fn set(&mut self, i: Indicator, v: u32) {
        self.0.insert(i.code(), v);
    }
    fn get(&self, i: Indicator) -> u32 {
        self.0.get(i.code()).copied().unwrap_or(0)
    }
}

struct Period {
    from: String,
    to: String,
    /// The first instant after the period, for `created_at < ?` on the timestamp column.
    after: String,
}

impl Period {
    fn new(from: NaiveDate, to: NaiveDate) -> Self {
        let after = to
            .checked_add_days(Days::new(1))
            .map_or_else(|| "9999-12-31".to_owned(), |d| d.to_string());
        Self {
            from: from.to_string(),
            to: to.to_string(),
            after,
        }
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `CASE stage WHEN 'lead_captured' THEN 0 … END`: the pipeline position of an open stage.
fn stage_position_sql(column: &str) -> String {
    let mut sql = format!("CASE {column}");
    for (i, s) in Stage::ALL.iter().enumerate() {
        if !s.is_closed() {
            sql.push_str(&format!(" WHEN '{}' THEN {i}", s.code()));
        }
    }
    sql.push_str(" END");
    sql
}

impl Landa {
    /// The report figures for a project and period. Targets are measured from the project's
    /// start to the period's end (or today, if that comes first).
    pub fn report_data(&self, project_id: &str, from: &str, to: &str) -> Result<ReportData> {
        let project = self.project(project_id)?;
        let from_d = parse_date(from, "from")?;
        let to_d = parse_date(to, "to")?;
        if to_d < from_d {
            return Err(ValidationError::new("to", ValidationKind::EndsBeforeStart).into());
        }
        if from_d
            .checked_add_months(Months::new(MAX_PERIOD_MONTHS))
            .is_none_or(|limit| to_d > limit)
        {
            return Err(ValidationError::new("to", ValidationKind::OutOfRange).into());
        }
        let starts = parse_date(&project.starts_on, "starts_on")?;
        let ends = project
            .ends_on
            .as_deref()
            .map(|e| parse_date(e, "ends_on"))
            .transpose()?;
        let measured_on = to_d.min(self.today());
        let period = Period::new(from_d, to_d);
        let mut data = ReportData {
            project: ReportProject {
                id: project.id.clone(),
                name: project.name.clone(),
                funder: project.funder.clone(),
                starts_on: project.starts_on.clone(),
                ends_on: project.ends_on.clone(),
                municipalities: project.municipalities.clone(),
            },
            from: period.from.clone(),
            to: period.to.clone(),
            measured_on: measured_on.to_string(),
            indicators: vec![],
            participants: vec![],
            arrivals_by_municipality: vec![],
            by_event: vec![],
            by_month: vec![],
            funnel: vec![],
            activities: vec![],
            activities_by_kind: vec![],
            activities_by_four_t: vec![],
            employers: vec![],
            moved_away: vec![],
            retention_cohort: 0,
            median_days_to_arrival: None,
        };
        let in_period = self.fill(&project, &period, Some(&mut data))?;
        // Targets are for the whole project, so they are measured from its start.
        let to_date = if from_d <= starts {
            None
        } else {
            Some(self.fill(&project, &Period::new(starts, to_d), None)?)
        };
        let targets = self.project_targets(project_id)?;
        data.indicators = Indicator::ALL
            .iter()
            .map(|&i| {
                let value = in_period.get(i);
                let project_to_date = to_date.as_ref().map_or(value, |c| c.get(i));
                IndicatorValue {
                    indicator: i,
                    value,
                    project_to_date,
                    progress: targets
                        .get(&i)
                        .map(|&t| progress(t, project_to_date, starts, ends, measured_on)),
                }
            })
            .collect();
        Ok(data)
    }

    /// Counts every indicator for the period; with `detail`, also fills the breakdowns.
    fn fill(
        &self,
        project: &ProjectDto,
        p: &Period,
        detail: Option<&mut ReportData>,
    ) -> Result<Counts> {
        let c = &self.conn;
        let mut counts = Counts::default();

        // Participating organisations: on the project's list on any day of the period.
        let mut stmt = c.prepare_cached(
            "SELECT o.id, o.name, o.kind, o.municipality, min(po.joined_on), po.left_on
             FROM project_organisations po JOIN organisations o ON o.id = po.organisation_id
             WHERE po.project_id = ?1 AND po.deleted = 0 AND o.deleted = 0
               AND po.joined_on <= ?3 AND (po.left_on IS NULL OR po.left_on >= ?2)
             GROUP BY o.id
             ORDER BY o.name COLLATE NOCASE, o.id",
        )?;
        let participants: Vec<Participant> = stmt
            .query_map([&project.id, &p.from, &p.to], |r| {
                Ok(Participant {
                    organisation: NamedRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    },
                    kind: OrgKind::from_code(&r.get::<_, String>(2)?).unwrap_or(OrgKind::Other),
                    municipality: r.get(3)?,
                    joined_on: r.get(4)?,
                    left_on: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        counts.set(
            Indicator::ParticipatingOrganisations,
            count_u32(participants.len()),
        );

        // Households that chose the region: arrived in the period, inside the project's area
        // (or with no municipality recorded), duplicates left out. Moving away later does not
        // undo the choice.
        // The first contact (for the median) is only needed for the breakdowns.
        let first_contact = if detail.is_some() {
            "(SELECT substr(min(i.occurred_at), 1, 10) FROM interactions i WHERE i.household_id = h.id)"
        } else {
            "NULL"
        };
        let sql = format!(
            "SELECT json_extract(h.desired_municipalities, '$[0]'), h.source_event_id,
                    h.arrived_on, substr(h.created_at, 1, 10), {first_contact}
             FROM households h
             WHERE h.deleted = 0 AND h.duplicate_of IS NULL
               AND h.arrived_on >= ?1 AND h.arrived_on <= ?2"
        );
        let event_names = self.event_names()?;
        let mut stmt = c.prepare_cached(&sql)?;
        struct Arrival {
            municipality: Option<String>,
            event: Option<NamedRef>,
            arrived_on: String,
            first_contact: String,
        }
        let area = &project.municipalities;
        let arrivals: Vec<Arrival> = stmt
            .query_map([&p.from, &p.to], |r| {
                let created: String = r.get(3)?;
                let first_interaction: Option<String> = r.get(4)?;
                let event: Option<String> = r.get(1)?;
                Ok(Arrival {
                    municipality: r.get(0)?,
                    event: event.map(|id| NamedRef {
                        name: event_names.get(&id).cloned().unwrap_or_default(),
                        id,
                    }),
                    arrived_on: r.get(2)?,
                    first_contact: first_interaction
                        .filter(|i| *i < created)
                        .unwrap_or(created),
                })
            })?
            .filter(|a| {
                a.as_ref().map_or(true, |a| {
                    area.is_empty() || a.municipality.as_ref().is_none_or(|m| area.contains(m))
                })
            })
            .collect::<Result<_, _>>()?;
        counts.set(Indicator::HouseholdsArrived, count_u32(arrivals.len()));

        // Companies that got access to labour (jobs.rs has the definition).
        let labour = self.labour_access(&p.from, &p.to)?;
        counts.set(Indicator::CompaniesHired, labour.with_hire);
        counts.set(Indicator::CompaniesReferred, labour.with_referral);

        // Leads captured: households created in the period, duplicates left out. One pass
        // over the covering index gives the count, and with the breakdowns also the leads per
        // event and month and where each lead stands now (for the funnel).
        let mut lead_rows: Vec<(Option<String>, String, i64)> = Vec::new();
        let leads: u32 = if detail.is_some() {
            let sql = format!(
                "SELECT source_event_id, substr(created_at, 1, 7), coalesce({}, -1) FROM households
                 WHERE deleted = 0 AND duplicate_of IS NULL AND created_at >= ?1 AND created_at < ?2",
                stage_position_sql("stage")
            );
            let mut stmt = c.prepare_cached(&sql)?;
            lead_rows = stmt
                .query_map([&p.from, &p.after], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<Result<_, _>>()?;
            count_u32(lead_rows.len())
        } else {
            c.prepare_cached(
                "SELECT count(*) FROM households
                 WHERE deleted = 0 AND duplicate_of IS NULL AND created_at >= ?1 AND created_at < ?2",
            )?
            .query_row([&p.from, &p.after], |r| r.get(0))?
        };
        counts.set(Indicator::LeadsCaptured, leads);

        // Activities: events that start in the period. An event over two periods counts once,
        // in the period it starts.
        let mut stmt = c.prepare_cached(
            "SELECT e.id, e.name, e.kind, e.starts_on, e.ends_on, e.place, e.four_t, e.outside_region,
                    (SELECT count(*) FROM event_attendance a WHERE a.event_id = e.id AND a.deleted = 0)
             FROM events e
             WHERE e.deleted = 0 AND e.starts_on >= ?1 AND e.starts_on <= ?2
             ORDER BY e.starts_on, e.name COLLATE NOCASE, e.id",
        )?;
        let activities: Vec<Activity> = stmt
            .query_map([&p.from, &p.to], |r| {
                Ok(Activity {
                    event: NamedRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    },
                    kind: EventKind::from_code(&r.get::<_, String>(2)?).unwrap_or(EventKind::Other),
                    starts_on: r.get(3)?,
                    ends_on: r.get(4)?,
                    place: r.get(5)?,
                    four_t: parse_list(&r.get::<_, String>(6)?)
                        .iter()
                        .filter_map(|t| FourT::from_code(t))
                        .collect(),
                    outside_region: r.get(7)?,
                    attendance: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let of_kind = |k: EventKind| count_u32(activities.iter().filter(|a| a.kind == k).count());
        counts.set(Indicator::Activities, count_u32(activities.len()));
        counts.set(
            Indicator::ProfilingOutsideRegion,
            count_u32(activities.iter().filter(|a| a.outside_region).count()),
        );
        counts.set(Indicator::HostTrainings, of_kind(EventKind::HostTraining));
        counts.set(
            Indicator::NewcomerNetworks,
            of_kind(EventKind::NewcomerNetwork),
        );
        counts.set(
            Indicator::ExperienceExchanges,
            of_kind(EventKind::ExperienceExchange),
        );
        counts.set(Indicator::Seminars, of_kind(EventKind::Seminar));

        // Host matches: started in the period; completed (ended with the outcome "completed")
        // in the period. Matches made for another project are left out.
        let (started, completed): (u32, u32) = c
            .prepare_cached(
                "SELECT
                   (SELECT count(*) FROM host_matches m JOIN households h ON h.id = m.household_id
                    WHERE m.deleted = 0 AND h.deleted = 0 AND (m.project_id IS NULL OR m.project_id = ?1)
                      AND m.started_on >= ?2 AND m.started_on <= ?3),
                   (SELECT count(*) FROM host_matches m JOIN households h ON h.id = m.household_id
                    WHERE m.deleted = 0 AND h.deleted = 0 AND (m.project_id IS NULL OR m.project_id = ?1)
                      AND m.outcome = 'completed' AND m.ended_on >= ?2 AND m.ended_on <= ?3)",
            )?
            .query_row([&project.id, &p.from, &p.to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        counts.set(Indicator::MatchesStarted, started);
        counts.set(Indicator::MatchesCompleted, completed);

        // Retained at 12 months: households whose first year ended in the period (and by
        // today), and that had not moved away by that day.
        let last_anniversary = parse_date(&p.to, "to")?.min(self.today());
        let first_arrival = parse_date(&p.from, "from")?
            .checked_sub_months(Months::new(12))
            .map(|d| d.to_string());
        let last_arrival = last_anniversary
            .checked_sub_months(Months::new(12))
            .map(|d| d.to_string());
        let (cohort, retained): (u32, u32) = match (first_arrival, last_arrival) {
            (Some(first), Some(last)) if first <= last => c
                .prepare_cached(
                    "SELECT count(*), coalesce(sum(NOT (h.stage = 'moved_away' AND coalesce(
                              (SELECT max(substr(s.changed_at, 1, 10)) FROM stage_changes s
                               WHERE s.household_id = h.id AND +s.to_stage = 'moved_away'), '')
                              <= date(h.arrived_on, '+12 months'))), 0)
                     FROM households h
                     WHERE h.deleted = 0 AND h.duplicate_of IS NULL
                       AND h.arrived_on >= ?1 AND h.arrived_on <= ?2",
                )?
                .query_row([&first, &last], |r| Ok((r.get(0)?, r.get(1)?)))?,
            _ => (0, 0),
        };
        counts.set(Indicator::HouseholdsRetained, retained);

        let Some(data) = detail else {
            return Ok(counts);
        };
        data.participants = participants;
        data.retention_cohort = cohort;
        data.employers = labour.employers;

        let mut by_municipality: BTreeMap<Option<String>, u32> = BTreeMap::new();
        for a in &arrivals {
            *by_municipality.entry(a.municipality.clone()).or_default() += 1;
        }
        data.arrivals_by_municipality = sorted_counts(by_municipality)
            .into_iter()
            .map(|(label, count)| LabelCount { label, count })
            .collect();

        let mut days: Vec<i64> = arrivals
            .iter()
            .filter_map(|a| {
                let arrived: NaiveDate = a.arrived_on.parse().ok()?;
                let first: NaiveDate = a.first_contact.parse().ok()?;
                // Households entered after they arrived say nothing about the time it took.
                (first <= arrived).then(|| (arrived - first).num_days())
            })
            .collect();
        data.median_days_to_arrival = median(&mut days);

        // Leads and arrivals per event, and per month.
        let mut per_event: BTreeMap<Option<String>, (Option<NamedRef>, u32, u32)> = BTreeMap::new();
        for a in &arrivals {
            let key = a.event.as_ref().map(|e| e.id.clone());
            per_event.entry(key).or_insert((a.event.clone(), 0, 0)).2 += 1;
        }
        let mut months = month_keys(&p.from, &p.to);
        for a in &arrivals {
            if let Some(m) = months.get_mut(a.arrived_on.get(..7).unwrap_or("")) {
                m.1 += 1;
            }
        }
        let mut now_at: BTreeMap<i64, i64> = BTreeMap::new();
        for (event, month, position) in &lead_rows {
            let key = event.clone();
            let entry = per_event.entry(key).or_insert_with(|| {
                let named = event.as_ref().map(|id| NamedRef {
                    id: id.clone(),
                    name: event_names.get(id).cloned().unwrap_or_default(),
                });
                (named, 0, 0)
            });
            entry.1 += 1;
            if let Some(m) = months.get_mut(month.as_str()) {
                m.0 += 1;
            }
            *now_at.entry(*position).or_default() += 1;
        }
        let mut by_event: Vec<EventYield> = per_event
            .into_values()
            .map(|(event, leads, arrivals)| EventYield {
                event,
                leads,
                arrivals,
            })
            .collect();
        by_event.sort_by(|a, b| {
            (
                a.event.is_none(),
                b.arrivals,
                b.leads,
                a.event.as_ref().map(|e| &e.name),
            )
                .cmp(&(
                    b.event.is_none(),
                    a.arrivals,
                    a.leads,
                    b.event.as_ref().map(|e| &e.name),
                ))
        });
        data.by_event = by_event;
        data.by_month = months
            .into_iter()
            .map(|(month, (leads, arrivals))| MonthCount {
                month,
                leads,
                arrivals,
            })
            .collect();

        // The funnel: how far each lead captured in the period has come.
        let reached_at = self.furthest_stages(now_at, &p.from, &p.after)?;
        data.funnel = Stage::ALL
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.is_closed())
            .map(|(i, &stage)| FunnelStep {
                stage,
                reached: reached_at
                    .range(i64::try_from(i).unwrap_or(i64::MAX)..)
                    .map(|(_, n)| n)
                    .sum(),
            })
            .collect();

        data.activities_by_kind = EventKind::ALL
            .iter()
            .map(|&kind| KindCount {
                kind,
                count: of_kind(kind),
            })
            .collect();
        data.activities_by_four_t = FourT::ALL
            .iter()
            .map(|&four_t| FourTCount {
                four_t,
                count: count_u32(
                    activities
                        .iter()
                        .filter(|a| a.four_t.contains(&four_t))
                        .count(),
                ),
            })
            .collect();
        data.activities = activities;

        // Moved away in the period (the day it was recorded), by reason: households that are
        // still moved away and whose last move away falls in the period. (`+s2.to_stage` keeps
        // SQLite on the per-household index for the inner lookup.)
        let mut stmt = c.prepare_cached(
            "SELECT h.moved_away_reason, count(DISTINCT h.id)
             FROM stage_changes s JOIN households h ON h.id = s.household_id
             WHERE s.to_stage = 'moved_away' AND s.changed_at >= ?1 AND s.changed_at < ?2
               AND h.deleted = 0 AND h.duplicate_of IS NULL AND h.stage = 'moved_away'
               AND NOT EXISTS (SELECT 1 FROM stage_changes s2 WHERE s2.household_id = h.id
                               AND +s2.to_stage = 'moved_away' AND s2.changed_at > s.changed_at)
             GROUP BY h.moved_away_reason",
        )?;
        let mut reasons: BTreeMap<Option<String>, u32> = BTreeMap::new();
        let mut rows = stmt.query([&p.from, &p.after])?;
        while let Some(r) = rows.next()? {
            reasons.insert(r.get(0)?, r.get(1)?);
        }
        data.moved_away = sorted_counts(reasons)
            .into_iter()
            .map(|(reason, count)| ReasonCount {
                reason: reason.as_deref().and_then(MovedAwayReason::from_code),
                count,
            })
            .collect();
        Ok(counts)
    }
}

impl Landa {
    /// How many leads created in `[from, before)` got furthest to each pipeline position,
    /// given how many stand at each position now (`at`; -1 for closed).
    ///
    /// Every move that is not forward (back a stage, closing, reopening) needs a reason
    /// (`plan_transition`), so a household with no reasoned stage change has only moved
    /// forward and its current stage is the furthest it reached. Only the few households
    /// with a reasoned change need their history read: their current stage is swapped for
    /// the furthest stage in it. `funnel_matches_the_full_history` tests this against
    /// reading every household's history.
    fn furthest_stages(
        &self,
        mut at: BTreeMap<i64, i64>,
        from: &str,
        before: &str,
    ) -> Result<BTreeMap<i64, u32>> {
        let current = stage_position_sql("h.stage");
        let history = stage_position_sql("s.to_stage");
        let sql = format!(
            "SELECT coalesce({current}, -1),
                    coalesce((SELECT max({history}) FROM stage_changes s WHERE s.household_id = h.id), -1)
             FROM households h
             WHERE h.id IN (SELECT household_id FROM stage_changes WHERE reason IS NOT NULL)
               AND h.deleted = 0 AND h.duplicate_of IS NULL AND h.created_at >= ?1 AND h.created_at < ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([from, before])?;
        while let Some(r) = rows.next()? {
            let now: i64 = r.get(0)?;
            let furthest = now.max(r.get(1)?);
            *at.entry(now).or_default() -= 1;
            *at.entry(furthest).or_default() += 1;
        }
        Ok(at
            .into_iter()
            .filter(|(pos, n)| *pos >= 0 && *n > 0)
            .map(|(pos, n)| (pos, u32::try_from(n).unwrap_or(0)))
            .collect())
    }
}

impl Landa {
    /// Every event's name by id (events are few; a lookup beats a join per household).
    fn event_names(&self) -> Result<std::collections::HashMap<String, String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM events")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Largest first, then by label; "not recorded" last.
fn sorted_counts(map: BTreeMap<Option<String>, u32>) -> Vec<(Option<String>, u32)> {
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort_by(|a, b| (a.0.is_none(), b.1, &a.0).cmp(&(b.0.is_none(), a.1, &b.0)));
    v
}

/// Every month from `from` to `to` as `YYYY-MM`, with zero leads and arrivals.
fn month_keys(from: &str, to: &str) -> BTreeMap<String, (u32, u32)> {
    let mut out = BTreeMap::new();
    let (Ok(from), Ok(to)) = (from.parse::<NaiveDate>(), to.parse::<NaiveDate>()) else {
        return out;
    };
    let mut m = from.with_day(1).unwrap_or(from);
    while m <= to && out.len() <= MAX_PERIOD_MONTHS as usize {
        out.insert(format!("{:04}-{:02}", m.year(), m.month()), (0, 0));
        match m.checked_add_months(Months::new(1)) {
            Some(next) => m = next,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cover_the_period_inclusive() {
        let m = month_keys("2025-11-15", "2026-02-01");
        assert_eq!(
            m.keys().cloned().collect::<Vec<_>>(),
            ["2025-11", "2025-12", "2026-01", "2026-02"]
        );
    }

    #[test]
    fn not_recorded_sorts_last_whatever_its_count() {
        let mut map = BTreeMap::new();
        map.insert(None, 9);
        map.insert(Some("Östersund".to_owned()), 2);
        map.insert(Some("Krokom".to_owned()), 5);
        let sorted = sorted_counts(map);
        assert_eq!(sorted[0].0.as_deref(), Some("Krokom"));
        assert_eq!(sorted[2].0, None);
    }
}
