//! Follow-ups with a due date and an owner, on a household or an organisation.

use landa_domain::household::{MAX_NAME, required_text};
use landa_domain::{ValidationError, ValidationKind};
use serde_json::Value;

use crate::app::{Landa, opt, parse_date, require_row};
use crate::dto::{TaskDto, TaskFilter, TaskInput};
use crate::error::Result;

const TASK_SELECT: &str = "SELECT t.id, t.title, t.due_on, t.owner_id, u.name, t.household_id, h.name,
        t.organisation_id, o.name, t.done_at, t.event_id
     FROM tasks t LEFT JOIN users u ON u.id = t.owner_id LEFT JOIN households h ON h.id = t.household_id
     LEFT JOIN organisations o ON o.id = t.organisation_id";

impl Landa {
    pub fn create_task(&mut self, input: &TaskInput) -> Result<String> {
        let title = required_text(&input.title, "title", MAX_NAME)?;
        let due = parse_date(&input.due_on, "due_on")?;
        if input.household_id.is_none() && input.organisation_id.is_none() {
            return Err(ValidationError::new("household_id", ValidationKind::Empty).into());
        }
        if let Some(h) = &input.household_id {
            require_row(&self.conn, "households", h, "household_id")?;
        }
        if let Some(o) = &input.organisation_id {
            require_row(&self.conn, "organisations", o, "organisation_id")?;
        }
        let owner = match &input.owner_id {
            Some(o) => {
                require_row(&self.conn, "users", o, "owner_id")?;
                Some(o.clone())
            }
            None => self.user_id.clone(),
        };
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "tasks",
                &id,
                &[
                    ("title", Value::from(title)),
                    ("due_on", Value::from(due.to_string())),
                    ("owner_id", opt(owner)),
                    ("household_id", opt(input.household_id.clone())),
                    ("organisation_id", opt(input.organisation_id.clone())),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )
        })?;
        Ok(id)
    }

    /// Marks a task done, or open again.
    pub fn set_task_done(&mut self, id: &str, done: bool) -> Result<()> {
        require_row(&self.conn, "tasks", id, "task_id")?;
        self.write(|w, ctx| {
            let done_at = done.then(|| ctx.now_text());
            w.update("tasks", id, &[("done_at", opt(done_at))])
                .map(|_| ())
        })
    }

    pub fn reschedule_task(&mut self, id: &str, due_on: &str) -> Result<()> {
        require_row(&self.conn, "tasks", id, "task_id")?;
        let due = parse_date(due_on, "due_on")?;
        self.write(|w, _| {
            w.update("tasks", id, &[("due_on", Value::from(due.to_string()))])
                .map(|_| ())
        })
    }

    /// Open tasks, overdue first (earliest due date first), then done ones if asked for.
    pub fn list_tasks(&self, filter: &TaskFilter) -> Result<Vec<TaskDto>> {
        let mut clauses = vec!["t.deleted = 0".to_owned()];
        if !filter.include_done {
            clauses.push("t.done_at IS NULL".into());
        }
        let owner = self.user_id.clone().unwrap_or_default();
        let mut args = vec![];
        if filter.mine {
            clauses.push("t.owner_id = ?1".into());
            args.push(owner.as_str());
        }
        self.tasks_where(&clauses.join(" AND "), &args)
    }

    pub(crate) fn tasks_where(&self, condition: &str, args: &[&str]) -> Result<Vec<TaskDto>> {
        let today = self.today().to_string();
        let sql = format!(
            "{TASK_SELECT} WHERE ({condition}) AND t.deleted = 0
               AND (h.id IS NULL OR h.deleted = 0) AND (o.id IS NULL OR o.deleted = 0) ORDER BY t.done_at IS NOT NULL, t.due_on, t.created_at LIMIT 2000"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let due_on: String = r.get(2)?;
            let done_at: Option<String> = r.get(9)?;
            Ok(TaskDto {
                id: r.get(0)?,
                title: r.get(1)?,
                overdue: done_at.is_none() && due_on < today,
                due_on,
                owner_id: r.get(3)?,
                owner_name: r.get(4)?,
                household_id: r.get(5)?,
                household_name: r.get(6)?,
                organisation_id: r.get(7)?,
                organisation_name: r.get(8)?,
                done_at,
                event_id: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
