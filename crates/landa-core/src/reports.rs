//! Funder reports: a draft (period and the coordinator's own text) that is submitted once and
//! then frozen. The frozen report is one JSON document written at submission and never again,
//! so later edits to the data cannot change what the funder received; Landa shows them as
//! revisions beside it instead.

use landa_domain::household::{MAX_NAME, required_text};
use landa_domain::indicators::Indicator;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, parse_date, require_row};
use crate::dto::NamedRef;
use crate::error::{Error, Result};
use crate::indicators::ReportData;

/// Longest free-text section, in characters (about four pages).
pub const MAX_SECTION: usize = 20_000;

/// The coordinator's own text, one field per section of the report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type, PartialEq)]
pub struct ReportSections {
    pub summary: String,
    pub activities: String,
    pub results: String,
    pub next_steps: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ReportInput {
    pub project_id: String,
    pub title: String,
    /// `YYYY-MM-DD`
    pub from: String,
    /// `YYYY-MM-DD`
    pub to: String,
    pub sections: ReportSections,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ReportSummary {
    pub id: String,
    pub project: NamedRef,
    pub title: String,
    pub from: String,
    pub to: String,
    /// `None` while a draft.
    pub submitted_on: Option<String>,
    pub submitted_by: Option<NamedRef>,
}

/// How one indicator moved since the previous submitted report.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct IndicatorChange {
    pub indicator: Indicator,
    pub previous_value: u32,
    pub value: u32,
    pub previous_to_date: u32,
    pub to_date: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct SincePrevious {
    pub report: ReportSummary,
    pub changes: Vec<IndicatorChange>,
}

/// A figure of a submitted report that the data no longer gives: something in the period was
/// logged or corrected after submission.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct Revision {
    pub indicator: Indicator,
    pub frozen: u32,
    pub now: u32,
}

/// A report as shown and exported: the frozen document when submitted, live figures while a
/// draft.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ReportView {
    pub summary: ReportSummary,
    pub sections: ReportSections,
    pub data: ReportData,
    pub since_previous: Option<SincePrevious>,
    /// Submitted reports only: where today's data differs from what was submitted.
    pub revisions: Vec<Revision>,
}

/// What is stored at submission: everything the report showed.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Frozen {
    title: String,
    sections: ReportSections,
    data: ReportData,
}

const SUMMARY_SELECT: &str = "SELECT r.id, p.id, p.name, r.title, r.period_from, r.period_to,
        r.submitted_on, r.submitted_by, u.name
    FROM reports r JOIN projects p ON p.id = r.project_id LEFT JOIN users u ON u.id = r.submitted_by";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportSummary> {
    Ok(ReportSummary {
        id: r.get(0)?,
        project: NamedRef {
            id: r.get(1)?,
            name: r.get(2)?,
        },
        title: r.get(3)?,
        from: r.get(4)?,
        to: r.get(5)?,
        submitted_on: r.get(6)?,
        submitted_by: NamedRef::pair(r.get(7)?, r.get(8)?),
    })
}

fn section_text(text: &str, field: &str) -> Result<String> {
    let t = text.trim();
    if t.chars().count() > MAX_SECTION {
        return Err(ValidationError::new(field, ValidationKind::TooLong).into());
    }
    Ok(t.to_owned())
}

impl Landa {
    fn report_fields(&self, input: &ReportInput) -> Result<Vec<(&'static str, Value)>> {
        require_row(&self.conn, "projects", &input.project_id, "project_id")?;
        let title = required_text(&input.title, "title", MAX_NAME)?;
        let from = parse_date(&input.from, "from")?;
        let to = parse_date(&input.to, "to")?;
        if to < from {
            return Err(ValidationError::new("to", ValidationKind::EndsBeforeStart).into());
        }
        let s = &input.sections;
        let sections = ReportSections {
            summary: section_text(&s.summary, "sections.summary")?,
            activities: section_text(&s.activities, "sections.activities")?,
            results: section_text(&s.results, "sections.results")?,
            next_steps: section_text(&s.next_steps, "sections.next_steps")?,
        };
        Ok(vec![
            ("project_id", Value::from(input.project_id.as_str())),
            ("title", Value::from(title)),
            ("period_from", Value::from(from.to_string())),
            ("period_to", Value::from(to.to_string())),
            (
                "sections",
                Value::from(
                    serde_json::to_string(&sections).map_err(|e| Error::Corrupt(e.to_string()))?,
                ),
            ),
        ])
    }

    /// Starts a draft report.
    pub fn create_report(&mut self, input: &ReportInput) -> Result<String> {
        let mut fields = self.report_fields(input)?;
        // The period must make sense for the figures too (not longer than Landa reports on).
        self.report_data(&input.project_id, &input.from, &input.to)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("reports", &id, &fields)
        })?;
        Ok(id)
    }

    /// Edits a draft. A submitted report is frozen and refuses.
    pub fn update_report(&mut self, id: &str, input: &ReportInput) -> Result<()> {
        self.require_draft(id)?;
        let fields = self.report_fields(input)?;
        self.report_data(&input.project_id, &input.from, &input.to)?;
        self.write(|w, _| w.update("reports", id, &fields).map(|_| ()))
    }

    /// Deletes a draft. Submitted reports are kept: they are what the funder received.
    pub fn delete_report(&mut self, id: &str) -> Result<()> {
        self.require_draft(id)?;
        self.write(|w, _| w.tombstone("reports", id).map(|_| ()))
    }

    fn require_draft(&self, id: &str) -> Result<()> {
        require_row(&self.conn, "reports", id, "report_id")?;
        let submitted: Option<String> = self.conn.query_row(
            "SELECT submitted_on FROM reports WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if submitted.is_some() {
            return Err(ValidationError::new("report_id", ValidationKind::ReportSubmitted).into());
        }
        Ok(())
    }

    /// Submits the report: its figures are computed once more and stored with the text,
    /// dated today and signed by the user, and never change again.
    pub fn submit_report(&mut self, id: &str) -> Result<()> {
        self.require_draft(id)?;
        let view = self.report(id)?;
        let frozen = Frozen {
            title: view.summary.title,
            sections: view.sections,
            data: view.data,
        };
        let snapshot = serde_json::to_string(&frozen).map_err(|e| Error::Corrupt(e.to_string()))?;
        self.write(|w, ctx| {
            w.update(
                "reports",
                id,
                &[
                    ("snapshot", Value::from(snapshot)),
                    ("submitted_on", Value::from(ctx.today().to_string())),
                    ("submitted_by", ctx.user()),
                ],
            )
            .map(|_| ())
        })?;
        tracing::info!("report submitted");
        Ok(())
    }

    /// A project's reports, the latest period first.
    pub fn list_reports(&self, project_id: &str) -> Result<Vec<ReportSummary>> {
        require_row(&self.conn, "projects", project_id, "project_id")?;
        let sql = format!(
            "{SUMMARY_SELECT} WHERE r.project_id = ?1 AND r.deleted = 0
             ORDER BY r.period_to DESC, r.period_from DESC, r.created_at DESC, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], summary_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The report as it stands: frozen if submitted (with any revisions since), live if a
    /// draft; with what changed since the project's previous submitted report.
    pub fn report(&self, id: &str) -> Result<ReportView> {
        require_row(&self.conn, "reports", id, "report_id")?;
        let sql = format!("{SUMMARY_SELECT} WHERE r.id = ?1 AND r.deleted = 0");
        let summary = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], summary_row)
            .optional()?
            .ok_or_else(|| Error::not_found("reports"))?;
        let (sections, snapshot): (String, Option<String>) = self.conn.query_row(
            "SELECT sections, snapshot FROM reports WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let frozen: Option<Frozen> = match snapshot {
            Some(s) => Some(serde_json::from_str(&s).map_err(|e| Error::Corrupt(e.to_string()))?),
            None => None,
        };
        let (sections, data, revisions) = match frozen {
            Some(f) => {
                let live = self.report_data(&summary.project.id, &summary.from, &summary.to)?;
                let revisions = f
                    .data
                    .indicators
                    .iter()
                    .filter_map(|i| {
                        let now = live.value(i.indicator);
                        (now != i.value).then_some(Revision {
                            indicator: i.indicator,
                            frozen: i.value,
                            now,
                        })
                    })
                    .collect();
                (f.sections, f.data, revisions)
            }
            None => (
                serde_json::from_str(&sections).unwrap_or_default(),
                self.report_data(&summary.project.id, &summary.from, &summary.to)?,
                vec![],
            ),
        };
        let since_previous = self.since_previous(&summary, &data)?;
        Ok(ReportView {
            summary,
            sections,
            data,
            since_previous,
            revisions,
        })
    }

    /// A report that is not saved: the figures for a project and period with the given text,
    /// compared with the project's latest submitted report. The CLI prints these headless.
    pub fn report_preview(&self, input: &ReportInput) -> Result<ReportView> {
        self.report_fields(input)?;
        let project = self.project(&input.project_id)?;
        let data = self.report_data(&input.project_id, &input.from, &input.to)?;
        let summary = ReportSummary {
            id: String::new(),
            project: NamedRef {
                id: project.id,
                name: project.name,
            },
            title: input.title.trim().to_owned(),
            from: data.from.clone(),
            to: data.to.clone(),
            submitted_on: None,
            submitted_by: None,
        };
        let since_previous = self.since_previous(&summary, &data)?;
        Ok(ReportView {
            summary,
            sections: input.sections.clone(),
            data,
            since_previous,
            revisions: vec![],
        })
    }

    /// The project's latest submitted report for an earlier period, and the figures since.
    fn since_previous(
        &self,
        this: &ReportSummary,
        data: &ReportData,
    ) -> Result<Option<SincePrevious>> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, snapshot FROM reports
                 WHERE project_id = ?1 AND deleted = 0 AND snapshot IS NOT NULL AND id <> ?2
                   AND period_from < ?3
                 ORDER BY period_to DESC, submitted_on DESC, id DESC LIMIT 1",
            )?
            .query_row([&this.project.id, &this.id, &this.from], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((prev_id, snapshot)) = row else {
            return Ok(None);
        };
        let prev: Frozen =
            serde_json::from_str(&snapshot).map_err(|e| Error::Corrupt(e.to_string()))?;
        let sql = format!("{SUMMARY_SELECT} WHERE r.id = ?1");
        let report = self
            .conn
            .prepare_cached(&sql)?
            .query_row([&prev_id], summary_row)?;
        let changes = data
            .indicators
            .iter()
            .map(|i| {
                let before = prev
                    .data
                    .indicators
                    .iter()
                    .find(|p| p.indicator == i.indicator);
                IndicatorChange {
                    indicator: i.indicator,
                    previous_value: before.map_or(0, |p| p.value),
                    value: i.value,
                    previous_to_date: before.map_or(0, |p| p.project_to_date),
                    to_date: i.project_to_date,
                }
            })
            .collect();
        Ok(Some(SincePrevious { report, changes }))
    }

    /// The project's figures from its start to today (or its end): the dashboard.
    pub fn project_progress(&self, project_id: &str) -> Result<ReportData> {
        let p = self.project(project_id)?;
        let today = self.today();
        let starts = parse_date(&p.starts_on, "starts_on")?;
        let mut to = p
            .ends_on
            .as_deref()
            .map(|e| parse_date(e, "ends_on"))
            .transpose()?
            .map_or(today, |e| e.min(today));
        if to < starts {
            // Not started yet: show the first day, which has nothing in it.
            to = starts;
        }
        self.report_data(project_id, &p.starts_on, &to.to_string())
    }
}
