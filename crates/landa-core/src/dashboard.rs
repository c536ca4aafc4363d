//! The figures a coordinator opens Landa to see.

use chrono::Datelike;
use landa_domain::pipeline::{Phase, Stage};

use crate::app::Landa;
use crate::dto::{Dashboard, PhaseCount, StageCount};
use crate::error::Result;

impl Landa {
    pub fn dashboard(&self) -> Result<Dashboard> {
        let c = &self.conn;
        let mut per_stage: Vec<StageCount> = Stage::ALL
            .iter()
            .map(|s| StageCount {
                stage: *s,
                count: 0,
            })
            .collect();
        let mut stmt = c.prepare_cached(
            "SELECT stage, count(*) FROM households WHERE deleted = 0 GROUP BY stage",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            if let Some(entry) = per_stage.iter_mut().find(|s| s.stage.code() == code) {
                entry.count = r.get(1)?;
            }
        }
        let per_phase: Vec<PhaseCount> = [
            Phase::Attract,
            Phase::Welcome,
            Phase::Integrate,
            Phase::StrengthenedBrand,
            Phase::Closed,
        ]
        .into_iter()
        .map(|phase| PhaseCount {
            phase,
            count: per_stage
                .iter()
                .filter(|s| s.stage.phase() == phase)
                .map(|s| s.count)
                .sum(),
        })
        .collect();
        let today = self.today();
        let year = today.year();
        let first_of_year = format!("{year}-01-01");
        let today_text = today.to_string();
        let one = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<u32> {
            Ok(c.prepare_cached(sql)?.query_row(args, |r| r.get(0))?)
        };
        let user = self.user_id.clone().unwrap_or_default();
        Ok(Dashboard {
            total_households: per_phase.iter().map(|p| p.count).sum(),
            per_phase,
            per_stage,
            year,
            // Moved-away households still chose the region once; they count in the year they came.
            arrived_this_year: one(
                "SELECT count(*) FROM households WHERE deleted = 0 AND arrived_on >= ?1 AND arrived_on <= ?2",
                &[&first_of_year, &today_text],
            )?,
            // Taking part today in a running project, or marked as participating on the
            // organisation itself (organisations outside any project).
            participating_organisations: one(
                "SELECT count(*) FROM organisations o WHERE o.deleted = 0 AND (o.participating = 1
                   OR EXISTS (SELECT 1 FROM project_organisations po JOIN projects p ON p.id = po.project_id
                              WHERE po.organisation_id = o.id AND po.deleted = 0 AND p.deleted = 0
                                AND po.joined_on <= ?1 AND (po.left_on IS NULL OR po.left_on >= ?1)
                                AND p.starts_on <= ?1 AND (p.ends_on IS NULL OR p.ends_on >= ?1)))",
                &[&today_text],
            )?,
            open_tasks: one(
                "SELECT count(*) FROM tasks WHERE deleted = 0 AND done_at IS NULL",
                &[],
            )?,
            overdue_tasks: one(
                "SELECT count(*) FROM tasks WHERE deleted = 0 AND done_at IS NULL AND due_on < ?1",
                &[&today_text],
            )?,
            my_overdue_tasks: one(
                "SELECT count(*) FROM tasks WHERE deleted = 0 AND done_at IS NULL AND due_on < ?1 AND owner_id = ?2",
                &[&today_text, &user],
            )?,
        })
    }
}
