//! Retention rules, as a municipality's document management plan states them: leads with no
//! activity for N months, households closed (not moving, moved away) for N months, optionally
//! only those who wanted to move to one municipality or to the area of one project; and contact
//! persons at organisations with no activity for N months, optionally only at one type of
//! organisation (employers, municipalities, …). The review
//! list shows who is due; a run removes or anonymises them on confirmation, or on schedule for a
//! rule marked automatic. Each removal is an erasure (`erasure.rs`): everything about the
//! household goes, a marker stays, and a restored older backup gets it applied again. An
//! anonymisation keeps the household for the statistics without anything that identifies
//! anyone, and is re-applied after a restore the same way. Each run is logged — the rule, how many, when, by whom —
//! never what was removed.

use chrono::{Months, SecondsFormat};
use landa_domain::kinds::OrgKind;
use landa_domain::{ValidationError, ValidationKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, require_row};
use crate::erasure::{
    AnonymousLabels, Decision, ErasureOutcome, Subject, count, owned_rows, record, rows_of,
};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RetentionKind {
    /// Households still in the attract phase with no activity (no change, no contact) since.
    InactiveLeads,
    /// Households closed as not moving or moved away, closed since.
    Closed,
    /// Contact persons at organisations with no change (to them, or to a household's link that
    /// names them) since.
    InactiveContacts,
}

impl RetentionKind {
    fn code(self) -> &'static str {
        match self {
            RetentionKind::InactiveLeads => "inactive_leads",
            RetentionKind::Closed => "closed",
            RetentionKind::InactiveContacts => "inactive_contacts",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "inactive_leads" => Some(RetentionKind::InactiveLeads),
            "closed" => Some(RetentionKind::Closed),
            "inactive_contacts" => Some(RetentionKind::InactiveContacts),
            _ => None,
        }
    }

    /// Whether the rule is about households (else contact persons).
    fn households(self) -> bool {
        self != RetentionKind::InactiveContacts
    }
}

/// What a run does to the households due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RetentionAction {
    /// Everything about them goes (an erasure).
    Erase,
    /// They stay for the statistics, without names, contact details or free text.
    Anonymise,
}

impl RetentionAction {
    fn code(self) -> &'static str {
        match self {
            RetentionAction::Erase => "erase",
            RetentionAction::Anonymise => "anonymise",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "erase" => Some(RetentionAction::Erase),
            "anonymise" => Some(RetentionAction::Anonymise),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RetentionRuleInput {
    pub name: String,
    pub kind: RetentionKind,
    /// 1 to 240.
    pub months: u32,
    /// Only households that wanted to move to this municipality; empty for all.
    pub municipality: Option<String>,
    /// Only households that wanted to move to a municipality of this project's area.
    pub project_id: Option<String>,
    /// Contact persons only: only those at organisations of this type; empty for every type.
    pub organisation_kind: Option<OrgKind>,
    /// Contact persons can only be erased: a contact without a name is no contact.
    pub action: RetentionAction,
    /// Run on schedule (once a day) without a confirmation.
    pub automatic: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct RetentionRule {
    pub id: String,
    pub name: String,
    pub kind: RetentionKind,
    pub months: u32,
    pub municipality: Option<String>,
    pub project_id: Option<String>,
    pub project_name: Option<String>,
    pub organisation_kind: Option<OrgKind>,
    pub action: RetentionAction,
    pub automatic: bool,
    /// Households (or contact persons) due under the rule today.
    pub due: u32,
}

/// A household or contact person due under a rule, as the review list shows it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct DueRecord {
    pub id: String,
    pub name: String,
    /// A household's stage; `None` for a contact person.
    pub stage: Option<landa_domain::pipeline::Stage>,
    /// A contact person's organisation; `None` for a household.
    pub organisation: Option<String>,
    /// `YYYY-MM-DD`: the last change, contact or stage change (inactive leads), the day it was
    /// closed, or the contact person's last change.
    pub since: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct RetentionRun {
    pub id: String,
    pub rule_id: String,
    pub rule_name: String,
    /// What the rule was about: households, or contact persons.
    pub kind: RetentionKind,
    /// How many households (or contact persons) it removed or anonymised.
    pub households: u32,
    pub rows: u32,
    pub ran_at: String,
    /// Who confirmed it; `None` when it ran on schedule.
    pub ran_by: Option<String>,
    pub automatic: bool,
    pub action: RetentionAction,
}

/// Households due under a rule at `cutoff` (an RFC 3339 instant, ?1), oldest first; only those
/// wanting to move to municipality ?2 or to the area of project ?3 when given. Anonymised
/// households are never due again.
const DUE_INACTIVE: &str = "
    WITH activity AS (
        SELECT h.id, h.name, h.stage,
               max(h.updated_at,
                   coalesce((SELECT max(i.occurred_at) FROM interactions i WHERE i.household_id = h.id), ''),
                   coalesce((SELECT max(s.changed_at) FROM stage_changes s WHERE s.household_id = h.id), '')) AS since
        FROM households h
        WHERE h.deleted = 0 AND h.anonymised_at IS NULL
          AND h.stage IN ('lead_captured', 'contacted', 'engaged', 'visit', 'decided')
          AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(h.desired_municipalities) m WHERE m.value = ?2))
          AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(h.desired_municipalities) m, projects p,
                                       json_each(p.municipalities) a WHERE p.id = ?3 AND a.value = m.value))
    )
    SELECT id, name, stage, since FROM activity WHERE since < ?1 ORDER BY since, id";

const DUE_CLOSED: &str = "
    WITH closed AS (
        SELECT h.id, h.name, h.stage,
               coalesce((SELECT max(s.changed_at) FROM stage_changes s
                         WHERE s.household_id = h.id AND s.to_stage = h.stage), h.updated_at) AS since
        FROM households h
        WHERE h.deleted = 0 AND h.anonymised_at IS NULL AND h.stage IN ('not_moving', 'moved_away')
          AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(h.desired_municipalities) m WHERE m.value = ?2))
          AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(h.desired_municipalities) m, projects p,
                                       json_each(p.municipalities) a WHERE p.id = ?3 AND a.value = m.value))
    )
    SELECT id, name, stage, since FROM closed WHERE since < ?1 ORDER BY since, id";

/// Contact persons due at `cutoff` (?1): no change to the row and no change to a household's
/// link that names them since; only at organisations of kind ?2 when given. The third column
/// is the organisation's name (where households have their stage).
const DUE_CONTACTS: &str = "
    WITH activity AS (
        SELECT c.id, c.name, o.name AS organisation,
               max(c.created_at,
                   coalesce((SELECT substr(max(g.hlc), 1, 24) FROM change_log g WHERE g.row_id = c.id), ''),
                   coalesce((SELECT max(l.updated_at) FROM org_links l WHERE l.contact_person_id = c.id), '')) AS since
        FROM contact_persons c JOIN organisations o ON o.id = c.organisation_id
        WHERE c.deleted = 0 AND o.deleted = 0 AND (?2 IS NULL OR o.kind = ?2)
    )
    SELECT id, name, organisation, since FROM activity WHERE since < ?1 ORDER BY since, id";

struct StoredRule {
    id: String,
    name: String,
    kind: RetentionKind,
    months: u32,
    municipality: Option<String>,
    project_id: Option<String>,
    project_name: Option<String>,
    organisation_kind: Option<OrgKind>,
    action: RetentionAction,
    automatic: bool,
}

impl Landa {
    fn stored_rules(&self, only: Option<&str>) -> Result<Vec<StoredRule>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.name, r.kind, r.months, r.municipality, r.automatic, r.action,
                    r.project_id, p.name, r.organisation_kind
             FROM retention_rules r LEFT JOIN projects p ON p.id = r.project_id
             WHERE r.deleted = 0 AND (?1 IS NULL OR r.id = ?1) ORDER BY r.created_at, r.id",
        )?;
        let rows = stmt.query_map([only], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, u32>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ),
                (
                    r.get::<_, bool>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ),
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                (id, name, kind, months, municipality),
                (automatic, action, project_id, project_name, organisation_kind),
            ) = row?;
            let kind = RetentionKind::from_code(&kind)
                .ok_or_else(|| Error::Corrupt(format!("retention rule kind {kind}")))?;
            let action = RetentionAction::from_code(&action)
                .ok_or_else(|| Error::Corrupt(format!("retention rule action {action}")))?;
            let organisation_kind = organisation_kind
                .map(|k| OrgKind::parse(&k, "organisation_kind"))
                .transpose()
                .map_err(|_| Error::Corrupt("retention rule organisation kind".into()))?;
            out.push(StoredRule {
                id,
                name,
                kind,
                months,
                municipality,
                project_id,
                project_name,
                organisation_kind,
                action,
                automatic,
            });
        }
        Ok(out)
    }

    fn due_for(&self, rule: &StoredRule) -> Result<Vec<DueRecord>> {
        let cutoff = self
            .now()
            .checked_sub_months(Months::new(rule.months))
            .ok_or_else(|| Error::Corrupt("retention cutoff".into()))?
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        let (sql, params) = match rule.kind {
            RetentionKind::InactiveLeads => (
                DUE_INACTIVE,
                rusqlite::params![cutoff, rule.municipality, rule.project_id],
            ),
            RetentionKind::Closed => (
                DUE_CLOSED,
                rusqlite::params![cutoff, rule.municipality, rule.project_id],
            ),
            RetentionKind::InactiveContacts => (
                DUE_CONTACTS,
                rusqlite::params![cutoff, rule.organisation_kind.map(OrgKind::code)],
            ),
        };
        let mut stmt = self.conn.prepare_cached(sql)?;
        // The third column: a household's stage, or a contact person's organisation.
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, third, since) = row?;
            let (stage, organisation) = if rule.kind.households() {
                let stage = landa_domain::pipeline::Stage::from_code(&third)
                    .ok_or_else(|| Error::Corrupt(format!("stage {third}")))?;
                (Some(stage), None)
            } else {
                (None, Some(third))
            };
            out.push(DueRecord {
                id,
                name,
                stage,
                organisation,
                since: since.get(..10).unwrap_or(&since).to_owned(),
            });
        }
        Ok(out)
    }

    /// The rules, each with how many households are due under it today.
    pub fn retention_rules(&self) -> Result<Vec<RetentionRule>> {
        let mut out = Vec::new();
        for rule in self.stored_rules(None)? {
            let due = self.due_for(&rule)?.len() as u32;
            out.push(RetentionRule {
                id: rule.id,
                name: rule.name,
                kind: rule.kind,
                months: rule.months,
                municipality: rule.municipality,
                project_id: rule.project_id,
                project_name: rule.project_name,
                organisation_kind: rule.organisation_kind,
                action: rule.action,
                automatic: rule.automatic,
                due,
            });
        }
        Ok(out)
    }

    pub fn create_retention_rule(&mut self, input: &RetentionRuleInput) -> Result<RetentionRule> {
        let name = input.name.trim();
        if name.is_empty() {
            return Err(ValidationError::new("name", ValidationKind::Empty).into());
        }
        if name.chars().count() > 200 {
            return Err(ValidationError::new("name", ValidationKind::TooLong).into());
        }
        if !(1..=240).contains(&input.months) {
            return Err(ValidationError::new("months", ValidationKind::OutOfRange).into());
        }
        let municipality = input
            .municipality
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_owned);
        let project = input
            .project_id
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned);
        if let Some(p) = &project {
            require_row(&self.conn, "projects", p, "project_id")?;
        }
        // Each kind takes its own scope; a contact person can only be erased.
        if input.kind.households() {
            if input.organisation_kind.is_some() {
                return Err(ValidationError::new(
                    "organisation_kind",
                    ValidationKind::NotForThisKind,
                )
                .into());
            }
        } else {
            let field = if municipality.is_some() {
                Some("municipality")
            } else if project.is_some() {
                Some("project_id")
            } else if input.action == RetentionAction::Anonymise {
                Some("action")
            } else {
                None
            };
            if let Some(field) = field {
                return Err(ValidationError::new(field, ValidationKind::NotForThisKind).into());
            }
        }
        let organisation_kind = input.organisation_kind;
        let id = self.new_id();
        let (name, kind, months, automatic, action) = (
            name.to_owned(),
            input.kind,
            input.months,
            input.automatic,
            input.action,
        );
        self.write(|w, ctx| {
            w.insert(
                "retention_rules",
                &id,
                &[
                    ("name", Value::from(name)),
                    ("kind", Value::from(kind.code())),
                    ("months", Value::from(months)),
                    (
                        "municipality",
                        municipality.map_or(Value::Null, Value::from),
                    ),
                    ("automatic", Value::from(automatic)),
                    ("created_at", Value::from(ctx.now_text())),
                    ("created_by", ctx.user()),
                    ("action", Value::from(action.code())),
                    ("project_id", project.map_or(Value::Null, Value::from)),
                    (
                        "organisation_kind",
                        organisation_kind.map_or(Value::Null, |k| Value::from(k.code())),
                    ),
                ],
            )
        })?;
        self.retention_rules()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::not_found("retention_rules"))
    }

    pub fn delete_retention_rule(&mut self, id: &str) -> Result<()> {
        require_row(&self.conn, "retention_rules", id, "rule_id")?;
        self.write(|w, _| w.tombstone("retention_rules", id).map(|_| ()))
    }

    /// The review list: the households (or contact persons) due under a rule today, oldest
    /// first.
    pub fn retention_review(&self, rule_id: &str) -> Result<Vec<DueRecord>> {
        let rule = self
            .stored_rules(Some(rule_id))?
            .pop()
            .ok_or_else(|| Error::not_found("retention_rules"))?;
        self.due_for(&rule)
    }

    /// Removes (or anonymises, as the rule says) every household due under the rule now, in one
    /// transaction: each one an erasure request decided with the rule named as the reason, and
    /// the run logged. `automatic` says it ran on
    /// schedule (no one confirmed it).
    pub fn run_retention(&mut self, rule_id: &str, automatic: bool) -> Result<RetentionRun> {
        let rule = self
            .stored_rules(Some(rule_id))?
            .pop()
            .ok_or_else(|| Error::not_found("retention_rules"))?;
        let due = self.due_for(&rule)?;
        let reason = format!("Gallring enligt regeln ”{}”", rule.name);
        let labels = AnonymousLabels::of(self)?;
        let outcome = match rule.action {
            RetentionAction::Erase => ErasureOutcome::Erased,
            RetentionAction::Anonymise => ErasureOutcome::Anonymised,
        };
        let mut decisions = Vec::with_capacity(due.len());
        let mut seen = std::collections::BTreeSet::new();
        for record in &due {
            let (household, contact, rows) = if rule.kind.households() {
                let mut rows = owned_rows(&self.conn, &record.id)?;
                // A row can belong to one household only once per run.
                for ids in rows.values_mut() {
                    ids.retain(|id| seen.insert(id.clone()));
                }
                (record.id.clone(), None, rows)
            } else {
                let rows = rows_of(&self.conn, Subject::ContactPerson(&record.id))?;
                (String::new(), Some(record.id.clone()), rows)
            };
            decisions.push(Decision {
                id: self.new_id(),
                household,
                person: None,
                contact,
                outcome,
                reason: reason.clone(),
                requested_on: self.today(),
                rows,
                labels: labels.clone(),
            });
        }
        let run_id = self.new_id();
        let total_rows: u32 = decisions.iter().map(|d| count(&d.rows)).sum();
        let households = decisions.len() as u32;
        self.write(|w, ctx| {
            for d in &decisions {
                record(w, ctx, d)?;
            }
            w.insert(
                "retention_runs",
                &run_id,
                &[
                    ("rule_id", Value::from(rule.id.clone())),
                    ("households", Value::from(households)),
                    ("rows", Value::from(total_rows)),
                    ("ran_at", Value::from(ctx.now_text())),
                    ("ran_by", if automatic { Value::Null } else { ctx.user() }),
                    ("automatic", Value::from(automatic)),
                    ("action", Value::from(rule.action.code())),
                ],
            )
        })?;
        if households > 0 {
            self.compact_after_erasure()?;
        }
        tracing::info!(
            households,
            rows = total_rows,
            automatic,
            action = rule.action.code(),
            "retention rule run"
        );
        self.retention_runs()?
            .into_iter()
            .find(|r| r.id == run_id)
            .ok_or_else(|| Error::not_found("retention_runs"))
    }

    /// Runs every rule marked automatic that has households due (the daily schedule). Returns
    /// the runs made.
    pub fn run_automatic_retention(&mut self) -> Result<Vec<RetentionRun>> {
        let mut runs = Vec::new();
        for rule in self.stored_rules(None)? {
            if rule.automatic && !self.due_for(&rule)?.is_empty() {
                runs.push(self.run_retention(&rule.id, true)?);
            }
        }
        Ok(runs)
    }

    /// Every run, newest first.
    pub fn retention_runs(&self) -> Result<Vec<RetentionRun>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.rule_id, coalesce(x.name, ''), r.households, r.rows, r.ran_at, u.name,
                    r.automatic, r.action, x.kind
             FROM retention_runs r LEFT JOIN retention_rules x ON x.id = r.rule_id
             LEFT JOIN users u ON u.id = r.ran_by
             ORDER BY r.ran_at DESC, r.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RetentionRun {
                id: r.get(0)?,
                rule_id: r.get(1)?,
                rule_name: r.get(2)?,
                households: r.get(3)?,
                rows: r.get(4)?,
                ran_at: r.get(5)?,
                ran_by: r.get(6)?,
                automatic: r.get(7)?,
                action: RetentionAction::from_code(&r.get::<_, String>(8)?)
                    .unwrap_or(RetentionAction::Erase),
                kind: r
                    .get::<_, Option<String>>(9)?
                    .as_deref()
                    .and_then(RetentionKind::from_code)
                    .unwrap_or(RetentionKind::InactiveLeads),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
