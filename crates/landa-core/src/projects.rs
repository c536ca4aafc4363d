//! Projects: a region runs several over time, each with a period and an area. Here a project
//! carries what matching and the checklists need; the funder report adds targets and the
//! participating organisations.

use landa_domain::household::{MAX_NAME, clean_list, note_text, optional_text, required_text};
use landa_domain::matching::Weights;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, json_list, opt, parse_date, parse_list, require_row};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ProjectInput {
    pub name: String,
    pub funder: String,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    /// `YYYY-MM-DD`; blank while open-ended.
    pub ends_on: Option<String>,
    /// The project's area; for matching, a host elsewhere in the area is "nearby".
    pub municipalities: Vec<String>,
    /// Only hosts who attended a host training may be matched.
    pub require_trained_hosts: bool,
    pub match_weights: Weights,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ProjectDto {
    pub id: String,
    pub name: String,
    pub funder: Option<String>,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub municipalities: Vec<String>,
    pub require_trained_hosts: bool,
    pub match_weights: Weights,
    pub notes: Option<String>,
    /// Today falls in the project's period.
    pub running: bool,
}

const PROJECT_SELECT: &str = "SELECT id, name, funder, starts_on, ends_on, municipalities,
        require_trained_hosts, match_weights, notes FROM projects";

/// Stored weights: a JSON object; missing or unreadable criteria fall back to the defaults.
pub(crate) fn weights_from(text: &str) -> Weights {
    let d = Weights::default();
    let Ok(Value::Object(m)) = serde_json::from_str::<Value>(text) else {
        return d;
    };
    let get = |k: &str, def: u8| {
        m.get(k)
            .and_then(Value::as_u64)
            .and_then(|v| u8::try_from(v).ok())
            .unwrap_or(def)
    };
    Weights {
        municipality: get("municipality", d.municipality),
        language: get("language", d.language),
        life_stage: get("life_stage", d.life_stage),
        children_ages: get("children_ages", d.children_ages),
        profession: get("profession", d.profession),
        interests: get("interests", d.interests),
    }
    .clamped()
}

impl Landa {
    fn project_fields(&self, input: &ProjectInput) -> Result<Vec<(&'static str, Value)>> {
        let name = required_text(&input.name, "name", MAX_NAME)?;
        let starts = parse_date(&input.starts_on, "starts_on")?;
        let ends = match input.ends_on.as_deref().map(str::trim) {
            Some(e) if !e.is_empty() => {
                let d = parse_date(e, "ends_on")?;
                if d < starts {
                    return Err(
                        ValidationError::new("ends_on", ValidationKind::EndsBeforeStart).into(),
                    );
                }
                Some(d.to_string())
            }
            _ => None,
        };
        let w = input.match_weights;
        if w != w.clamped() {
            return Err(ValidationError::new("match_weights", ValidationKind::OutOfRange).into());
        }
        Ok(vec![
            ("name", Value::from(name)),
            (
                "funder",
                opt(optional_text(&input.funder, "funder", MAX_NAME)?),
            ),
            ("starts_on", Value::from(starts.to_string())),
            ("ends_on", opt(ends)),
            (
                "municipalities",
                json_list(&clean_list(&input.municipalities, "municipalities")?),
            ),
            (
                "require_trained_hosts",
                Value::from(input.require_trained_hosts),
            ),
            (
                "match_weights",
                Value::from(serde_json::to_string(&w).unwrap_or_else(|_| "{}".into())),
            ),
            ("notes", opt(note_text(&input.notes, "notes")?)),
        ])
    }

    pub fn create_project(&mut self, input: &ProjectInput) -> Result<String> {
        let mut fields = self.project_fields(input)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("projects", &id, &fields)
        })?;
        Ok(id)
    }

    pub fn update_project(&mut self, id: &str, input: &ProjectInput) -> Result<()> {
        require_row(&self.conn, "projects", id, "project_id")?;
        let fields = self.project_fields(input)?;
        self.write(|w, _| w.update("projects", id, &fields).map(|_| ()))
    }

    /// Newest first.
    pub fn list_projects(&self) -> Result<Vec<ProjectDto>> {
        let today = self.today().to_string();
        let sql = format!("{PROJECT_SELECT} WHERE deleted = 0 ORDER BY starts_on DESC, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| project_row(r, &today))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn project(&self, id: &str) -> Result<ProjectDto> {
        let today = self.today().to_string();
        let sql = format!("{PROJECT_SELECT} WHERE id = ?1 AND deleted = 0");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], |r| project_row(r, &today))
            .optional()?
            .ok_or_else(|| Error::not_found("projects"))
    }

    /// The project whose rules apply when none is named: the running project that started
    /// last. `None` when no project is running; matching then uses the default weights.
    pub fn current_project(&self) -> Result<Option<ProjectDto>> {
        Ok(self.list_projects()?.into_iter().find(|p| p.running))
    }

    /// The named project, or the current one.
    pub(crate) fn project_or_current(&self, id: Option<&str>) -> Result<Option<ProjectDto>> {
        match id {
            Some(id) => {
                require_row(&self.conn, "projects", id, "project_id")?;
                self.project(id).map(Some)
            }
            None => self.current_project(),
        }
    }
}

fn project_row(r: &rusqlite::Row<'_>, today: &str) -> rusqlite::Result<ProjectDto> {
    let starts_on: String = r.get(3)?;
    let ends_on: Option<String> = r.get(4)?;
    let running = starts_on.as_str() <= today && ends_on.as_deref().is_none_or(|e| e >= today);
    Ok(ProjectDto {
        id: r.get(0)?,
        name: r.get(1)?,
        funder: r.get(2)?,
        starts_on,
        ends_on,
        municipalities: parse_list(&r.get::<_, String>(5)?),
        require_trained_hosts: r.get(6)?,
        match_weights: weights_from(&r.get::<_, String>(7)?),
        notes: r.get(8)?,
        running,
    })
}
