//! Projects: a region runs several over time, each with a period and an area. Here a project
//! carries what matching and the checklists need; the funder report adds targets and the
//! participating organisations.

use std::collections::BTreeMap;

use landa_domain::household::{MAX_NAME, clean_list, note_text, optional_text, required_text};
use landa_domain::indicators::{Indicator, MAX_TARGET};
use landa_domain::kinds::OrgKind;
use landa_domain::matching::Weights;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, json_list, opt, parse_date, parse_list, require_row};
use crate::dto::NamedRef;
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

/// An organisation formally taking part in a project.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ProjectMember {
    /// The membership's id (an organisation can leave and join again).
    pub id: String,
    pub organisation: NamedRef,
    pub kind: OrgKind,
    pub municipality: Option<String>,
    pub joined_on: String,
    pub left_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MembershipInput {
    /// `YYYY-MM-DD`
    pub joined_on: String,
    /// `YYYY-MM-DD`; blank while still taking part.
    pub left_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ProjectTarget {
    pub indicator: Indicator,
    /// Blank or 0 removes the target.
    pub target: Option<u32>,
}

impl Landa {
    /// Everyone who has taken part in the project, by name.
    pub fn project_members(&self, project_id: &str) -> Result<Vec<ProjectMember>> {
        require_row(&self.conn, "projects", project_id, "project_id")?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT po.id, o.id, o.name, o.kind, o.municipality, po.joined_on, po.left_on
             FROM project_organisations po JOIN organisations o ON o.id = po.organisation_id
             WHERE po.project_id = ?1 AND po.deleted = 0 AND o.deleted = 0
             ORDER BY o.name COLLATE NOCASE, po.joined_on, po.id",
        )?;
        let rows = stmt.query_map([project_id], |r| {
            Ok(ProjectMember {
                id: r.get(0)?,
                organisation: NamedRef {
                    id: r.get(1)?,
                    name: r.get(2)?,
                },
                kind: OrgKind::from_code(&r.get::<_, String>(3)?).unwrap_or(OrgKind::Other),
                municipality: r.get(4)?,
                joined_on: r.get(5)?,
                left_on: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn membership_fields(&self, input: &MembershipInput) -> Result<Vec<(&'static str, Value)>> {
        let joined = parse_date(&input.joined_on, "joined_on")?;
        let left = match input.left_on.as_deref().map(str::trim) {
            Some(l) if !l.is_empty() => {
                let d = parse_date(l, "left_on")?;
                if d < joined {
                    return Err(
                        ValidationError::new("left_on", ValidationKind::EndsBeforeStart).into(),
                    );
                }
                Some(d.to_string())
            }
            _ => None,
        };
        Ok(vec![
            ("joined_on", Value::from(joined.to_string())),
            ("left_on", opt(left)),
        ])
    }

    /// Names an organisation as taking part in the project from a day. An organisation that is
    /// already taking part is not added twice.
    pub fn add_project_member(
        &mut self,
        project_id: &str,
        organisation_id: &str,
        input: &MembershipInput,
    ) -> Result<String> {
        require_row(&self.conn, "projects", project_id, "project_id")?;
        require_row(
            &self.conn,
            "organisations",
            organisation_id,
            "organisation_id",
        )?;
        let mut fields = self.membership_fields(input)?;
        let open: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM project_organisations WHERE project_id = ?1
                 AND organisation_id = ?2 AND deleted = 0 AND left_on IS NULL)",
            [project_id, organisation_id],
            |r| r.get(0),
        )?;
        if open {
            return Err(
                ValidationError::new("organisation_id", ValidationKind::AlreadyListed).into(),
            );
        }
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.extend([
                ("project_id", Value::from(project_id)),
                ("organisation_id", Value::from(organisation_id)),
                ("created_at", Value::from(ctx.now_text())),
            ]);
            w.insert("project_organisations", &id, &fields)
        })?;
        Ok(id)
    }

    /// Corrects when an organisation joined, or records that it left.
    pub fn update_project_member(&mut self, id: &str, input: &MembershipInput) -> Result<()> {
        require_row(&self.conn, "project_organisations", id, "membership_id")?;
        let fields = self.membership_fields(input)?;
        self.write(|w, _| w.update("project_organisations", id, &fields).map(|_| ()))
    }

    /// Takes an organisation off the list as if it had never taken part (a mistake). An
    /// organisation that stopped taking part gets a day it left instead.
    pub fn remove_project_member(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "project_organisations", id, "membership_id")?;
        self.write(|w, _| w.tombstone("project_organisations", id).map(|_| ()))
    }

    pub fn project_target_list(&self, project_id: &str) -> Result<Vec<ProjectTarget>> {
        let targets = self.project_targets(project_id)?;
        Ok(Indicator::ALL
            .iter()
            .map(|&indicator| ProjectTarget {
                indicator,
                target: targets.get(&indicator).copied(),
            })
            .collect())
    }

    pub(crate) fn project_targets(&self, project_id: &str) -> Result<BTreeMap<Indicator, u32>> {
        require_row(&self.conn, "projects", project_id, "project_id")?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT indicator, target FROM project_targets
             WHERE project_id = ?1 AND deleted = 0 ORDER BY created_at, id",
        )?;
        let mut rows = stmt.query([project_id])?;
        let mut out = BTreeMap::new();
        while let Some(r) = rows.next()? {
            if let Some(i) = Indicator::from_code(&r.get::<_, String>(0)?) {
                out.insert(i, r.get(1)?);
            }
        }
        Ok(out)
    }

    /// Sets the project's targets in one go: each listed indicator gets its number, and a
    /// blank or zero removes that indicator's target. Indicators not listed keep theirs.
    pub fn set_project_targets(
        &mut self,
        project_id: &str,
        targets: &[ProjectTarget],
    ) -> Result<()> {
        require_row(&self.conn, "projects", project_id, "project_id")?;
        for (i, t) in targets.iter().enumerate() {
            if t.target.is_some_and(|v| v > MAX_TARGET) {
                return Err(ValidationError::new(
                    format!("targets[{i}]"),
                    ValidationKind::OutOfRange,
                )
                .into());
            }
        }
        let mut existing: Vec<(String, String, u32)> = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, indicator, target FROM project_targets WHERE project_id = ?1 AND deleted = 0",
            )?;
            let mut rows = stmt.query([project_id])?;
            while let Some(r) = rows.next()? {
                existing.push((r.get(0)?, r.get(1)?, r.get(2)?));
            }
        }
        let targets = targets.to_vec();
        self.write(|w, ctx| {
            for t in &targets {
                let rows: Vec<&(String, String, u32)> = existing
                    .iter()
                    .filter(|(_, code, _)| code == t.indicator.code())
                    .collect();
                match t.target.filter(|v| *v > 0) {
                    Some(v) => match rows.split_first() {
                        Some((first, rest)) => {
                            if first.2 != v {
                                w.update(
                                    "project_targets",
                                    &first.0,
                                    &[("target", Value::from(v))],
                                )?;
                            }
                            for r in rest {
                                w.tombstone("project_targets", &r.0)?;
                            }
                        }
                        None => {
                            let id = ctx.new_id();
                            w.insert(
                                "project_targets",
                                &id,
                                &[
                                    ("project_id", Value::from(project_id)),
                                    ("indicator", Value::from(t.indicator.code())),
                                    ("target", Value::from(v)),
                                    ("created_at", Value::from(ctx.now_text())),
                                ],
                            )?;
                        }
                    },
                    None => {
                        for r in rows {
                            w.tombstone("project_targets", &r.0)?;
                        }
                    }
                }
            }
            Ok(())
        })
    }
}
