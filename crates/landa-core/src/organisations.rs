//! Employers, municipalities and the other organisations around a household, their contact
//! persons, and the links between households and organisations.

use landa_domain::contact::{EmailCheck, check_email, normalise_phone};
use landa_domain::household::{MAX_NAME, note_text, optional_text, required_text};
use landa_domain::kinds::{ContactRole, LinkPurpose, LinkStatus, OrgKind, TaskKind};
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::app::{Landa, opt, parse_date, require_row};
use crate::dto::*;
use crate::error::{Error, Result};
use crate::labels;

/// Referrals to the municipality's services, which get a follow-up task by default.
const MUNICIPAL_PURPOSES: [LinkPurpose; 4] = [
    LinkPurpose::Housing,
    LinkPurpose::School,
    LinkPurpose::Preschool,
    LinkPurpose::BusinessRegistration,
];

/// Two weeks: long enough for an answer, short enough that nobody is forgotten.
const MUNICIPAL_FOLLOW_UP_DAYS: u64 = 14;

pub(crate) fn email_field(raw: &str) -> Option<String> {
    check_email(raw).map(|c| match c {
        EmailCheck::Ok(e) | EmailCheck::Odd(e) => e,
    })
}

fn phone_field(raw: &str, field: &str) -> Result<Option<String>, ValidationError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        normalise_phone(raw, field).map(Some)
    }
}

impl Landa {
    pub(crate) fn org_fields(
        &self,
        input: &OrganisationInput,
    ) -> Result<Vec<(&'static str, Value)>> {
        let since = match (&input.participating_since, input.participating) {
            (Some(d), true) if !d.trim().is_empty() => {
                Some(parse_date(d, "participating_since")?.to_string())
            }
            (_, true) => Some(self.today().to_string()),
            (_, false) => None,
        };
        Ok(vec![
            (
                "name",
                Value::from(required_text(&input.name, "name", MAX_NAME)?),
            ),
            (
                "kind",
                Value::from(input.kind.unwrap_or(OrgKind::Employer).code()),
            ),
            (
                "municipality",
                opt(optional_text(
                    &input.municipality,
                    "municipality",
                    MAX_NAME,
                )?),
            ),
            (
                "website",
                opt(optional_text(&input.website, "website", MAX_NAME)?),
            ),
            ("email", opt(email_field(&input.email))),
            ("phone", opt(phone_field(&input.phone, "phone")?)),
            ("participating", Value::from(input.participating)),
            ("participating_since", opt(since)),
            ("notes", opt(note_text(&input.notes, "notes")?)),
        ])
    }

    pub fn create_organisation(&mut self, input: &OrganisationInput) -> Result<String> {
        let mut fields = self.org_fields(input)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("organisations", &id, &fields)?;
            crate::search::reindex_organisation(w, &id)
        })?;
        Ok(id)
    }

    pub fn update_organisation(&mut self, id: &str, input: &OrganisationInput) -> Result<()> {
        require_row(&self.conn, "organisations", id, "organisation_id")?;
        let mut fields = self.org_fields(input)?;
        // Keep the original joining date when the flag stays on.
        let current_since: Option<String> = self
            .conn
            .query_row(
                "SELECT participating_since FROM organisations WHERE id = ?1 AND participating = 1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let since_blank = input
            .participating_since
            .as_deref()
            .is_none_or(|d| d.trim().is_empty());
        if let Some(since) = current_since.filter(|_| input.participating && since_blank) {
            fields.retain(|(f, _)| *f != "participating_since");
            fields.push(("participating_since", Value::from(since)));
        }
        self.write(|w, _| {
            w.update("organisations", id, &fields)?;
            crate::search::reindex_organisation(w, id)
        })
    }

    pub fn list_organisations(&self, filter: &OrganisationFilter) -> Result<Vec<OrganisationRow>> {
        let mut clauses = vec!["o.deleted = 0".to_owned()];
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(kind) = filter.kind {
            args.push(kind.code().to_owned().into());
            clauses.push(format!("o.kind = ?{}", args.len()));
        }
        if filter.participating_only {
            clauses.push("o.participating = 1".into());
        }
        if let Some(q) = filter
            .query
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            let ids: Vec<String> = self
                .search(q, 100)?
                .into_iter()
                .filter(|h| matches!(h.kind, SearchKind::Organisation | SearchKind::ContactPerson))
                .map(|h| h.target_id)
                .collect();
            args.push(serde_json::to_string(&ids).unwrap_or_default().into());
            clauses.push(format!(
                "o.id IN (SELECT value FROM json_each(?{}))",
                args.len()
            ));
        }
        let sql = format!(
            "SELECT o.id, o.name, o.kind, o.municipality, o.participating, o.participating_since,
                (SELECT count(*) FROM contact_persons c WHERE c.organisation_id = o.id AND c.deleted = 0),
                (SELECT count(DISTINCT l.household_id) FROM org_links l WHERE l.organisation_id = o.id AND l.deleted = 0)
             FROM organisations o WHERE {} ORDER BY o.name COLLATE NOCASE LIMIT 1000",
            clauses.join(" AND ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(&args), |r| {
            Ok(OrganisationRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: OrgKind::from_code(&r.get::<_, String>(2)?).unwrap_or(OrgKind::Other),
                municipality: r.get(3)?,
                participating: r.get(4)?,
                participating_since: r.get(5)?,
                contacts: r.get(6)?,
                households: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn organisation(&self, id: &str) -> Result<OrganisationDetail> {
        uuid::Uuid::parse_str(id)
            .map_err(|_| ValidationError::new("organisation_id", ValidationKind::InvalidId))?;
        let mut detail = self
            .conn
            .query_row(
                "SELECT id, name, kind, municipality, website, email, phone, participating, participating_since, notes
                 FROM organisations WHERE id = ?1 AND deleted = 0",
                [id],
                |r| {
                    Ok(OrganisationDetail {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        kind: OrgKind::from_code(&r.get::<_, String>(2)?).unwrap_or(OrgKind::Other),
                        municipality: r.get(3)?,
                        website: r.get(4)?,
                        email: r.get(5)?,
                        phone: r.get(6)?,
                        participating: r.get(7)?,
                        participating_since: r.get(8)?,
                        projects: vec![],
                        notes: r.get(9)?,
                        contacts: vec![],
                        links: vec![],
                        open_tasks: vec![],
                        timeline: vec![],
                    })
                },
            )
            .optional()?
            .ok_or(Error::not_found("organisations"))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.name, po.joined_on, po.left_on
             FROM project_organisations po JOIN projects p ON p.id = po.project_id
             WHERE po.organisation_id = ?1 AND po.deleted = 0 AND p.deleted = 0
             ORDER BY po.joined_on DESC, p.name COLLATE NOCASE",
        )?;
        detail.projects = stmt
            .query_map([id], |r| {
                Ok(OrgProject {
                    project: NamedRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    },
                    joined_on: r.get(2)?,
                    left_on: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, role, title, email, phone, notes FROM contact_persons
             WHERE organisation_id = ?1 AND deleted = 0 ORDER BY name COLLATE NOCASE",
        )?;
        detail.contacts = stmt
            .query_map([id], |r| {
                Ok(ContactPersonDto {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: ContactRole::from_code(&r.get::<_, String>(2)?)
                        .unwrap_or(ContactRole::Other),
                    title: r.get(3)?,
                    email: r.get(4)?,
                    phone: r.get(5)?,
                    notes: r.get(6)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        detail.links = self.links("l.organisation_id = ?1", id)?;
        detail.open_tasks =
            self.tasks_where("t.organisation_id = ?1 AND t.done_at IS NULL", &[id])?;
        detail.timeline = self.interactions("i.organisation_id = ?1", id)?;
        Ok(detail)
    }

    pub(crate) fn contact_fields(
        &self,
        input: &ContactPersonInput,
    ) -> Result<Vec<(&'static str, Value)>> {
        Ok(vec![
            (
                "name",
                Value::from(required_text(&input.name, "name", MAX_NAME)?),
            ),
            ("role", Value::from(input.role.code())),
            (
                "title",
                opt(optional_text(&input.title, "title", MAX_NAME)?),
            ),
            ("email", opt(email_field(&input.email))),
            ("phone", opt(phone_field(&input.phone, "phone")?)),
            ("notes", opt(note_text(&input.notes, "notes")?)),
        ])
    }

    pub fn add_contact_person(&mut self, input: &ContactPersonInput) -> Result<String> {
        require_row(
            &self.conn,
            "organisations",
            &input.organisation_id,
            "organisation_id",
        )?;
        let mut fields = self.contact_fields(input)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            fields.push((
                "organisation_id",
                Value::from(input.organisation_id.clone()),
            ));
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("contact_persons", &id, &fields)?;
            crate::search::reindex_organisation(w, &input.organisation_id)
        })?;
        Ok(id)
    }

    pub fn update_contact_person(&mut self, id: &str, input: &ContactPersonInput) -> Result<()> {
        require_row(&self.conn, "contact_persons", id, "contact_person_id")?;
        let fields = self.contact_fields(input)?;
        let org: String = self.conn.query_row(
            "SELECT organisation_id FROM contact_persons WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        self.write(|w, _| {
            w.update("contact_persons", id, &fields)?;
            crate::search::reindex_organisation(w, &org)
        })
    }

    pub fn remove_contact_person(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "contact_persons", id, "contact_person_id")?;
        let org: String = self.conn.query_row(
            "SELECT organisation_id FROM contact_persons WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        self.write(|w, _| {
            w.tombstone("contact_persons", id)?;
            crate::search::reindex_organisation(w, &org)
        })
    }

    /// Links a household (or one member) to an organisation for a purpose: a job lead, a
    /// referral to housing, school or preschool, …
    pub fn link_household(&mut self, input: &OrgLinkInput) -> Result<String> {
        require_row(
            &self.conn,
            "households",
            &input.household_id,
            "household_id",
        )?;
        require_row(
            &self.conn,
            "organisations",
            &input.organisation_id,
            "organisation_id",
        )?;
        if let Some(p) = &input.person_id {
            let belongs: bool = self
                .conn
                .prepare_cached(
                    "SELECT 1 FROM persons WHERE id = ?1 AND household_id = ?2 AND deleted = 0",
                )?
                .exists([p, &input.household_id])?;
            if !belongs {
                return Err(ValidationError::new("person_id", ValidationKind::InvalidId).into());
            }
        }
        if let Some(c) = &input.contact_person_id {
            let belongs: bool = self.conn.prepare_cached(
                "SELECT 1 FROM contact_persons WHERE id = ?1 AND organisation_id = ?2 AND deleted = 0",
            )?.exists([c, &input.organisation_id])?;
            if !belongs {
                return Err(
                    ValidationError::new("contact_person_id", ValidationKind::InvalidId).into(),
                );
            }
        }
        let note = note_text(&input.note, "note")?;
        let referred_on = self.past_date(input.referred_on.as_deref(), "referred_on")?;
        let follow_up = match input.follow_up_on.as_deref().map(str::trim) {
            Some(d) if !d.is_empty() => Some(parse_date(d, "follow_up_on")?),
            _ => MUNICIPAL_PURPOSES
                .contains(&input.purpose)
                .then(|| referred_on + chrono::Days::new(MUNICIPAL_FOLLOW_UP_DAYS)),
        };
        let (org_name, household_name): (String, String) = self.conn.query_row(
            "SELECT o.name, h.name FROM organisations o, households h WHERE o.id = ?1 AND h.id = ?2",
            [&input.organisation_id, &input.household_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let lang = self.ui_language()?;
        let owner = self.household_owner(&input.household_id)?;
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "org_links",
                &id,
                &[
                    ("household_id", Value::from(input.household_id.clone())),
                    ("person_id", opt(input.person_id.clone())),
                    (
                        "organisation_id",
                        Value::from(input.organisation_id.clone()),
                    ),
                    ("contact_person_id", opt(input.contact_person_id.clone())),
                    ("purpose", Value::from(input.purpose.code())),
                    (
                        "status",
                        Value::from(input.status.unwrap_or(LinkStatus::Suggested).code()),
                    ),
                    ("note", opt(note)),
                    ("created_at", Value::from(ctx.now_text())),
                    ("updated_at", Value::from(ctx.now_text())),
                    ("referred_on", Value::from(referred_on.to_string())),
                    ("status_on", Value::from(referred_on.to_string())),
                ],
            )?;
            if let Some(due) = follow_up {
                let title = format!(
                    "{}: {} – {org_name} ({household_name})",
                    labels::pick(lang, "Följ upp hänvisning", "Follow up referral"),
                    labels::link_purpose(input.purpose, lang),
                );
                w.insert(
                    "tasks",
                    &ctx.new_id(),
                    &[
                        ("title", Value::from(title)),
                        ("due_on", Value::from(due.to_string())),
                        ("owner_id", opt(owner.clone())),
                        ("household_id", Value::from(input.household_id.clone())),
                        (
                            "organisation_id",
                            Value::from(input.organisation_id.clone()),
                        ),
                        ("created_at", Value::from(ctx.now_text())),
                        ("kind", Value::from(TaskKind::ReferralFollowUp.code())),
                        ("org_link_id", Value::from(id.clone())),
                    ],
                )?;
            }
            w.update(
                "households",
                &input.household_id,
                &[("updated_at", Value::from(ctx.now_text()))],
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    /// Changes a link's status. A referral that is completed or declined needs no more
    /// follow-up: its open follow-up task is marked done.
    pub fn set_link_status(&mut self, id: &str, status: LinkStatus) -> Result<()> {
        require_row(&self.conn, "org_links", id, "link_id")?;
        self.write(|w, ctx| {
            let changed = w.update(
                "org_links",
                id,
                &[
                    ("status", Value::from(status.code())),
                    ("updated_at", Value::from(ctx.now_text())),
                    ("status_on", Value::from(ctx.today().to_string())),
                ],
            )?;
            if changed && matches!(status, LinkStatus::Completed | LinkStatus::Declined) {
                let open: Vec<String> = w
                    .tx
                    .prepare_cached(
                        "SELECT id FROM tasks WHERE org_link_id = ?1 AND done_at IS NULL AND deleted = 0",
                    )?
                    .query_map([id], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                for t in open {
                    w.update("tasks", &t, &[("done_at", Value::from(ctx.now_text()))])?;
                }
            }
            Ok(())
        })
    }

    pub(crate) fn links(&self, condition: &str, id: &str) -> Result<Vec<OrgLinkDto>> {
        let sql = format!(
            "SELECT l.id, l.household_id, h.name, l.organisation_id, o.name,
                    p.first_name || coalesce(' ' || p.last_name, ''), c.name, l.purpose, l.status, l.note, l.updated_at,
                    l.referred_on, l.status_on,
                    (SELECT min(t.due_on) FROM tasks t WHERE t.org_link_id = l.id AND t.done_at IS NULL AND t.deleted = 0)
             FROM org_links l JOIN households h ON h.id = l.household_id JOIN organisations o ON o.id = l.organisation_id
             LEFT JOIN persons p ON p.id = l.person_id LEFT JOIN contact_persons c ON c.id = l.contact_person_id
             WHERE {condition} AND l.deleted = 0 AND h.deleted = 0 ORDER BY l.updated_at DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], |r| {
            Ok(OrgLinkDto {
                id: r.get(0)?,
                household_id: r.get(1)?,
                household_name: r.get(2)?,
                organisation_id: r.get(3)?,
                organisation_name: r.get(4)?,
                person_name: r.get(5)?,
                contact_person_name: r.get(6)?,
                purpose: LinkPurpose::from_code(&r.get::<_, String>(7)?)
                    .unwrap_or(LinkPurpose::Other),
                status: LinkStatus::from_code(&r.get::<_, String>(8)?)
                    .unwrap_or(LinkStatus::Suggested),
                note: r.get(9)?,
                updated_at: r.get(10)?,
                referred_on: r.get(11)?,
                status_on: r.get(12)?,
                follow_up_on: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
