//! Erasure requests (GDPR art. 17 and 18): a request about a household, or one person of it,
//! ends as *erased*, *restricted* or *refused*, with a recorded reason. A restriction hides the
//! subject everywhere but the register, exactly as a removed row is hidden (`deleted = 2`, so
//! every list, search, count and export that leaves out removed rows leaves it out too), until
//! it is lifted or the subject erased. Erasing removes the household everywhere Landa keeps it — its rows
//! and every row that belongs to it (found from the schema's foreign keys, so tables added later
//! are covered), their change-log entries with all old values, the search index, the contact
//! keys — and leaves a permanent marker per erased row id that holds no personal data. The
//! markers are synced (`erased_rows`), and a restored older backup gets every erasure made
//! since applied again ([`Landa::reapply_erasures`]).

use std::collections::{BTreeMap, BTreeSet};

use landa_domain::household::{Member, derived_household_name};
use landa_domain::kinds::MemberRole;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::Landa;
use crate::changes::{ENTITIES, Tx};
use crate::error::{Error, Result};

/// What was decided about a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErasureOutcome {
    /// Everything about the subject is removed.
    Erased,
    /// Kept but hidden from every use until the restriction is lifted (GDPR art. 18).
    Restricted,
    /// The household stays for the statistics, but every name, contact detail and free text
    /// about it is replaced, in its change log too. Households only.
    Anonymised,
    /// Kept, with the reason (e.g. an official document the authority must keep).
    Refused,
}

impl ErasureOutcome {
    fn code(self) -> &'static str {
        match self {
            ErasureOutcome::Erased => "erased",
            ErasureOutcome::Restricted => "restricted",
            ErasureOutcome::Anonymised => "anonymised",
            ErasureOutcome::Refused => "refused",
        }
    }
}

/// `deleted` of a restricted row: hidden wherever a removed row (1) is, and told apart from one.
pub(crate) const RESTRICTED: i64 = 2;

/// What a request is about: a whole household, or one person of it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Subject<'a> {
    Household(&'a str),
    Person(&'a str),
    /// A contact person at an organisation: removed by a retention rule.
    ContactPerson(&'a str),
}

impl Subject<'_> {
    fn entity(self) -> &'static str {
        match self {
            Subject::Household(_) => "households",
            Subject::Person(_) => "persons",
            Subject::ContactPerson(_) => "contact_persons",
        }
    }
    fn id(&self) -> &str {
        match self {
            Subject::Household(id) | Subject::Person(id) | Subject::ContactPerson(id) => id,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ErasureInput {
    pub household_id: String,
    /// One person of the household; the whole household when empty.
    pub person_id: Option<String>,
    pub outcome: ErasureOutcome,
    /// Why: the request and how it came in, or the grounds for refusing. Required.
    pub reason: String,
    /// The day the request came in (`YYYY-MM-DD`); today when empty.
    pub requested_on: Option<String>,
}

/// Lifting a restriction: the request it lifts and why.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct LiftRestrictionInput {
    pub request_id: String,
    pub reason: String,
}

/// One decided request, as the register shows it. The subject's name is shown only while
/// Landa still holds the subject (refused, restricted); an erased one has none.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ErasureDto {
    pub id: String,
    /// `households` or `persons`.
    pub entity: String,
    pub subject_id: String,
    /// The household (for a person: theirs) while it is still held.
    pub household_id: Option<String>,
    pub subject_name: Option<String>,
    /// `erased`, `restricted`, `refused`, or `lifted` (a restriction ended).
    pub outcome: String,
    /// A restriction still in force: no later lift or erasure of the subject.
    pub restricted_now: bool,
    pub reason: String,
    pub requested_on: String,
    pub decided_at: String,
    pub decided_by: Option<String>,
    pub rows_erased: u32,
}

/// What erasing a household would remove: rows per table.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ErasurePreview {
    pub household_id: String,
    pub person_id: Option<String>,
    /// The household's name, or the person's.
    pub name: String,
    pub rows: BTreeMap<String, u32>,
}

/// References (table, column, the table they point into) that point at an erased row from a row
/// that is not erased: set to NULL instead. A household that named the erased one as its
/// referrer, or as a possible duplicate, stays; a household's link to an organisation stays
/// when the contact person it named is erased.
const NULLED: &[(&str, &str, &str)] = &[
    ("households", "referred_by_id", "households"),
    ("households", "duplicate_of", "households"),
    ("org_links", "contact_person_id", "contact_persons"),
];

/// Every row that belongs to the household: the household, the households merged into it (the
/// tombstones that hold its old data), and, table by table along the foreign keys, everything
/// that points at an erased row (persons, their consents, the timeline, tasks, referrals and
/// their steps, matches, attendance, checklists…), until nothing more points in. Rows of every
/// state, tombstones included.
pub(crate) fn owned_rows(
    conn: &Connection,
    household_id: &str,
) -> Result<BTreeMap<&'static str, BTreeSet<String>>> {
    rows_of(conn, Subject::Household(household_id))
}

/// [`owned_rows`] of a household, or of one person: the person and everything that points at
/// them (their consents, referrals and their steps, links, attendance…).
pub(crate) fn rows_of(
    conn: &Connection,
    subject: Subject<'_>,
) -> Result<BTreeMap<&'static str, BTreeSet<String>>> {
    let mut rows: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    let household_id = match subject {
        Subject::Household(id) => id,
        Subject::Person(id) => {
            rows.insert("persons", BTreeSet::from([id.to_owned()]));
            return close_over_references(conn, rows);
        }
        // Only the row: the links that name the person belong to households and stay (their
        // reference is cleared, `NULLED`).
        Subject::ContactPerson(id) => {
            rows.insert("contact_persons", BTreeSet::from([id.to_owned()]));
            return Ok(rows);
        }
    };
    let mut households = BTreeSet::from([household_id.to_owned()]);
    // Households merged into an erased one are part of it.
    loop {
        let mut more = Vec::new();
        let mut stmt = conn
            .prepare_cached("SELECT id FROM households WHERE duplicate_of = ?1 AND deleted = 1")?;
        for h in &households {
            for id in stmt.query_map([h], |r| r.get::<_, String>(0))? {
                let id = id?;
                if !households.contains(&id) {
                    more.push(id);
                }
            }
        }
        if more.is_empty() {
            break;
        }
        households.extend(more);
    }
    rows.insert("households", households);
    close_over_references(conn, rows)
}

/// Adds, table by table along the foreign keys, every row that points at one in `rows`, until
/// nothing more points in.
fn close_over_references(
    conn: &Connection,
    mut rows: BTreeMap<&'static str, BTreeSet<String>>,
) -> Result<BTreeMap<&'static str, BTreeSet<String>>> {
    // The foreign keys of every synced table, once.
    let mut keys: Vec<(&'static str, String, String)> = Vec::new();
    for spec in ENTITIES {
        let mut stmt =
            conn.prepare_cached("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")?;
        for fk in stmt.query_map([spec.table], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })? {
            let (to, column) = fk?;
            if !NULLED
                .iter()
                .any(|(table, nulled, _)| *table == spec.table && *nulled == column)
            {
                keys.push((spec.table, column, to));
            }
        }
    }
    loop {
        let mut grew = false;
        for (table, column, to) in &keys {
            let Some(targets) = rows.get(to.as_str()).cloned() else {
                continue;
            };
            let sql = format!("SELECT id FROM {table} WHERE {column} = ?1");
            let mut stmt = conn.prepare_cached(&sql)?;
            for target in &targets {
                for id in stmt.query_map([target], |r| r.get::<_, String>(0))? {
                    if rows.entry(table).or_default().insert(id?) {
                        grew = true;
                    }
                }
            }
        }
        if !grew {
            return Ok(rows);
        }
    }
}

/// Removes the rows and every trace of them: their change-log entries (old values included),
/// pairs marked as not duplicates, the operations that listed them, merges between them. Rows
/// outside the set that point at one of them get the reference cleared through the change log.
/// The search index and contact keys are rebuilt for the households by the caller.
fn purge(w: &mut Tx<'_>, rows: &BTreeMap<&'static str, BTreeSet<String>>) -> Result<()> {
    let erased_households = rows.get("households").cloned().unwrap_or_default();
    for (table, column, into) in NULLED {
        let Some(targets) = rows.get(into) else {
            continue;
        };
        let sql = format!("SELECT id FROM {table} WHERE {column} = ?1");
        let mut pointing = Vec::new();
        {
            let mut stmt = w.tx.prepare_cached(&sql)?;
            for target in targets {
                for id in stmt.query_map([target], |r| r.get::<_, String>(0))? {
                    let id = id?;
                    if !rows.get(table).is_some_and(|s| s.contains(&id)) {
                        pointing.push(id);
                    }
                }
            }
        }
        for id in pointing {
            w.update(table, &id, &[(column, Value::Null)])?;
        }
    }
    w.flush_log()?;
    // Rows go in any order; the foreign keys are checked at commit, when all of them are gone.
    w.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
    let all: Vec<&String> = rows.values().flatten().collect();
    for chunk in all.chunks(400) {
        let marks = vec!["?"; chunk.len()].join(", ");
        w.tx.execute(
            &format!("DELETE FROM change_log WHERE row_id IN ({marks})"),
            params_from_iter(chunk.iter()),
        )?;
        // Pairs marked as not duplicates are rows of their own, with their own log entries.
        let pairs: Vec<String> =
            w.tx.prepare(&format!(
                "SELECT id FROM not_duplicates WHERE a_id IN ({marks}) OR b_id IN ({marks})"
            ))?
            .query_map(params_from_iter(chunk.iter().chain(chunk.iter())), |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        for pair in pairs {
            w.tx.execute("DELETE FROM change_log WHERE row_id = ?1", [&pair])?;
            w.tx.execute("DELETE FROM not_duplicates WHERE id = ?1", [&pair])?;
        }
        w.tx.execute(
            &format!("DELETE FROM operation_rows WHERE row_id IN ({marks})"),
            params_from_iter(chunk.iter()),
        )?;
        w.tx.execute(
            &format!("DELETE FROM merges WHERE kept_id IN ({marks}) OR merged_id IN ({marks})"),
            params_from_iter(chunk.iter().chain(chunk.iter())),
        )?;
    }
    for (table, ids) in rows {
        let ids: Vec<&String> = ids.iter().collect();
        for chunk in ids.chunks(400) {
            let marks = vec!["?"; chunk.len()].join(", ");
            w.tx.execute(
                &format!("DELETE FROM {table} WHERE id IN ({marks})"),
                params_from_iter(chunk.iter()),
            )?;
        }
    }
    for household in &erased_households {
        crate::search::reindex_household(w, household)?;
        w.touched.insert(crate::changes::Touched {
            entity: "households",
            id: household.clone(),
        });
    }
    Ok(())
}

/// One decided request, ready to be written.
pub(crate) struct Decision {
    pub id: String,
    /// The household, or the household of the person the request is about; empty for a
    /// contact person.
    pub household: String,
    /// The person, when the request is about one person of the household.
    pub person: Option<String>,
    /// The contact person, when the decision is about one (a retention rule's removal).
    pub contact: Option<String>,
    pub outcome: ErasureOutcome,
    pub reason: String,
    pub requested_on: chrono::NaiveDate,
    /// What goes, or is anonymised (empty otherwise): [`rows_of`] the subject.
    pub rows: BTreeMap<&'static str, BTreeSet<String>>,
    /// What an anonymised household and person are called.
    pub labels: AnonymousLabels,
}

/// What anonymised records are called, in the language the UI was in.
#[derive(Debug, Clone)]
pub(crate) struct AnonymousLabels {
    pub household: String,
    pub person: String,
    pub task: String,
}

impl AnonymousLabels {
    pub(crate) fn of(landa: &Landa) -> Result<Self> {
        let english = landa.ui_language()? == landa_domain::kinds::UiLanguage::En;
        let pick = |sv: &str, en: &str| if english { en } else { sv }.to_owned();
        Ok(Self {
            household: pick("Anonymiserat hushåll", "Anonymised household"),
            person: pick("Anonym", "Anonymous"),
            task: pick("Uppgift", "Task"),
        })
    }
}

/// The fields that identify someone, per table of a household's rows: names, contact details,
/// birth year, languages and every free text. Anonymising replaces them; what stays — stages,
/// dates, municipalities, kinds, roles, links — is what the statistics count.
pub const IDENTIFYING: &[(&str, &[&str])] = &[
    (
        "households",
        &["name", "notes", "tags", "closed_reason", "ambassador_story"],
    ),
    (
        "persons",
        &[
            "first_name",
            "last_name",
            "birth_year",
            "languages",
            "profession",
            "emails",
            "phones",
        ],
    ),
    ("interactions", &["summary"]),
    ("stage_changes", &["reason"]),
    ("consents", &["note"]),
    ("org_links", &["note"]),
    ("tasks", &["title"]),
    ("host_matches", &["end_reason"]),
    ("job_referrals", &["note"]),
    ("job_referral_steps", &["note"]),
];

fn anonymous_value(field: &str, labels: &AnonymousLabels) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match field {
        "name" => Sql::Text(labels.household.clone()),
        "first_name" => Sql::Text(labels.person.clone()),
        "title" => Sql::Text(labels.task.clone()),
        "summary" => Sql::Text(String::new()),
        "tags" | "languages" | "emails" | "phones" => Sql::Text("[]".into()),
        _ => Sql::Null,
    }
}

/// Anonymises the rows in place, and their history with them: each identifying field gets its
/// anonymous value, the change log keeps no earlier value of it (the per-field entries go, the
/// row's creation entry gets the new value), so the log still rebuilds every row as it is. The
/// households are marked anonymised and indexed again.
fn anonymise(
    w: &mut Tx<'_>,
    rows: &BTreeMap<&'static str, BTreeSet<String>>,
    labels: &AnonymousLabels,
    now: &str,
) -> Result<()> {
    w.flush_log()?;
    for (table, fields) in IDENTIFYING {
        let Some(ids) = rows.get(table) else {
            continue;
        };
        let mut fields: Vec<(&str, rusqlite::types::Value)> = fields
            .iter()
            .map(|f| (*f, anonymous_value(f, labels)))
            .collect();
        if *table == "households" {
            fields.push((
                "anonymised_at",
                rusqlite::types::Value::Text(now.to_owned()),
            ));
        }
        let sets: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, (f, _))| format!("{f} = ?{}", i + 2))
            .collect();
        let update = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
        // One json_set over the creation entry: each field's new value, read back from the row.
        let paths: Vec<String> = fields
            .iter()
            .map(|(f, _)| format!("'$.{f}', (SELECT {f} FROM {table} WHERE id = ?1)"))
            .collect();
        let rewrite = format!(
            "UPDATE change_log SET value = json_set(value, {}) WHERE row_id = ?1 AND field = '{}'",
            paths.join(", "),
            crate::changes::ROW_FIELD
        );
        let marks = vec!["?"; fields.len()].join(", ");
        let forget = format!("DELETE FROM change_log WHERE row_id = ?1 AND field IN ({marks})");
        for id in ids {
            let mut args: Vec<rusqlite::types::Value> =
                vec![rusqlite::types::Value::Text(id.clone())];
            args.extend(fields.iter().map(|(_, v)| v.clone()));
            w.tx.prepare_cached(&update)?
                .execute(params_from_iter(args.iter()))?;
            w.tx.prepare_cached(&rewrite)?.execute([id])?;
            let mut args: Vec<&str> = vec![id.as_str()];
            args.extend(fields.iter().map(|(f, _)| *f));
            w.tx.prepare_cached(&forget)?
                .execute(params_from_iter(args.iter()))?;
        }
    }
    for household in rows.get("households").into_iter().flatten() {
        crate::search::reindex_household(w, household)?;
        w.touched.insert(crate::changes::Touched {
            entity: "households",
            id: household.clone(),
        });
    }
    Ok(())
}

impl Decision {
    fn subject(&self) -> Subject<'_> {
        match (&self.contact, &self.person) {
            (Some(c), _) => Subject::ContactPerson(c),
            (None, Some(p)) => Subject::Person(p),
            (None, None) => Subject::Household(&self.household),
        }
    }
}

/// Writes a decision: an erasure purges its rows and leaves a marker per row, a restriction
/// hides the subject; either way the request is recorded.
pub(crate) fn record(w: &mut Tx<'_>, ctx: &crate::app::WriteCtx, d: &Decision) -> Result<()> {
    apply(
        w,
        d.subject(),
        &d.household,
        d.outcome.code(),
        &d.rows,
        &d.labels,
        &ctx.now_text(),
    )?;
    insert_request(
        w,
        ctx,
        &d.id,
        d.subject(),
        d.outcome.code(),
        &d.reason,
        d.requested_on,
        count(&d.rows),
    )?;
    // Markers are for erased rows; anonymised ones are still there.
    let erased = d.outcome == ErasureOutcome::Erased;
    for (table, ids) in d.rows.iter().filter(|_| erased) {
        for row in ids {
            w.insert(
                "erased_rows",
                row,
                &[
                    ("entity", Value::from(*table)),
                    ("request_id", Value::from(d.id.clone())),
                ],
            )?;
        }
    }
    Ok(())
}

/// Records a decided request: who decided what about whom, why, and how many rows it erased.
#[allow(clippy::too_many_arguments)]
fn insert_request(
    w: &mut Tx<'_>,
    ctx: &crate::app::WriteCtx,
    id: &str,
    subject: Subject<'_>,
    outcome: &str,
    reason: &str,
    requested_on: chrono::NaiveDate,
    rows_erased: u32,
) -> Result<()> {
    w.insert(
        "erasure_requests",
        id,
        &[
            ("entity", Value::from(subject.entity())),
            ("subject_id", Value::from(subject.id().to_owned())),
            ("outcome", Value::from(outcome)),
            ("reason", Value::from(reason.to_owned())),
            ("requested_on", Value::from(requested_on.to_string())),
            ("decided_at", Value::from(ctx.now_text())),
            ("decided_by", ctx.user()),
            ("rows_erased", Value::from(rows_erased)),
        ],
    )
}

/// The effect of a decision (`outcome` as stored) on the data: purge the rows, hide or show
/// the subject again; a refusal changes nothing. Used when deciding and when applying a
/// decision again after a restore.
fn apply(
    w: &mut Tx<'_>,
    subject: Subject<'_>,
    household: &str,
    outcome: &str,
    rows: &BTreeMap<&'static str, BTreeSet<String>>,
    labels: &AnonymousLabels,
    now: &str,
) -> Result<()> {
    match (outcome, subject) {
        ("erased", Subject::Household(_)) => purge(w, rows),
        ("anonymised", Subject::Household(_)) => anonymise(w, rows, labels, now),
        ("erased", Subject::Person(person)) => {
            let before = members(&w.tx, household)?;
            let first = first_name(&w.tx, person)?;
            purge(w, rows)?;
            refresh_name(w, household, &before, first.as_deref())?;
            scrub_name_history(w, household)?;
            crate::search::reindex_household(w, household)
        }
        ("erased", Subject::ContactPerson(id)) => {
            let organisation: Option<String> =
                w.tx.query_row(
                    "SELECT organisation_id FROM contact_persons WHERE id = ?1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            purge(w, rows)?;
            // The organisation's search entry named the person.
            if let Some(organisation) = organisation {
                crate::search::reindex_organisation(w, &organisation)?;
                w.touched.insert(crate::changes::Touched {
                    entity: "organisations",
                    id: organisation,
                });
            }
            Ok(())
        }
        ("restricted", _) => set_restricted(w, subject, household, true),
        ("lifted", _) => set_restricted(w, subject, household, false),
        _ => Ok(()),
    }
}

/// Hides the subject (`on`) the way a removed row is hidden, or shows it again. Only rows in
/// the other state change: a row removed on its own stays removed when a restriction is lifted.
fn set_restricted(w: &mut Tx<'_>, subject: Subject<'_>, household: &str, on: bool) -> Result<()> {
    let (from, to) = if on { (0, RESTRICTED) } else { (RESTRICTED, 0) };
    match subject {
        Subject::Household(id) => {
            let persons: Vec<String> = w
                .tx
                .prepare_cached("SELECT id FROM persons WHERE household_id = ?1 AND deleted = ?2")?
                .query_map(rusqlite::params![id, from], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for person in persons {
                w.update("persons", &person, &[("deleted", Value::from(to))])?;
            }
            if deleted_state(&w.tx, "households", id)? == Some(from) {
                w.update("households", id, &[("deleted", Value::from(to))])?;
            }
        }
        Subject::Person(id) => {
            if deleted_state(&w.tx, "persons", id)? == Some(from) {
                let before = members(&w.tx, household)?;
                let first = first_name(&w.tx, id)?;
                w.update("persons", id, &[("deleted", Value::from(to))])?;
                refresh_name(w, household, &before, first.as_deref())?;
            }
        }
        // Contact persons are only ever erased, by a retention rule.
        Subject::ContactPerson(_) => return Ok(()),
    }
    crate::search::reindex_household(w, household)?;
    w.touched.insert(crate::changes::Touched {
        entity: "households",
        id: household.to_owned(),
    });
    Ok(())
}

fn deleted_state(conn: &Connection, table: &str, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT deleted FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn first_name(conn: &Connection, person: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT first_name FROM persons WHERE id = ?1")?
        .query_row([person], |r| r.get(0))
        .optional()?)
}

/// The household's members as its name is derived from them.
fn members(conn: &Connection, household: &str) -> Result<Vec<Member>> {
    let mut stmt = conn.prepare_cached(
        "SELECT first_name, last_name, role FROM persons
         WHERE household_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([household], |r| {
        let role: String = r.get(2)?;
        Ok(Member {
            first_name: r.get(0)?,
            last_name: r.get(1)?,
            role: MemberRole::from_code(&role).unwrap_or(MemberRole::Adult),
            birth_year: None,
            languages: Vec::new(),
            profession: None,
            emails: Vec::new(),
            phones: Vec::new(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// After a person leaves the household's members (erased, restricted) or comes back (lifted):
/// a name derived from the members, or one that names the person, is derived again from the
/// members there are now. A name chosen by hand that does not name them stays.
fn refresh_name(
    w: &mut Tx<'_>,
    household: &str,
    before: &[Member],
    person_first_name: Option<&str>,
) -> Result<()> {
    let Some(stored) =
        w.tx.prepare_cached("SELECT name FROM households WHERE id = ?1")?
            .query_row([household], |r| r.get::<_, String>(0))
            .optional()?
    else {
        return Ok(());
    };
    let was_derived = derived_household_name(before).as_deref() == Some(stored.as_str());
    let names_person = person_first_name.is_some_and(|first| names(&stored, first));
    if !(was_derived || names_person) {
        return Ok(());
    }
    if let Some(name) = derived_household_name(&members(&w.tx, household)?)
        && name != stored
    {
        w.update("households", household, &[("name", Value::from(name))])?;
    }
    Ok(())
}

/// Whether `name` holds every word of `first_name` as a word of its own, ignoring case.
pub(crate) fn names(name: &str, first_name: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let in_name = words(name);
    let wanted = words(first_name);
    !wanted.is_empty() && wanted.iter().all(|w| in_name.contains(w))
}

/// A household's earlier names may name an erased member: only its current name stays in the
/// change log (the creation entry holds the current name too).
fn scrub_name_history(w: &mut Tx<'_>, household: &str) -> Result<()> {
    w.flush_log()?;
    w.tx.execute(
        "DELETE FROM change_log WHERE row_id = ?1 AND field = 'name'
           AND hlc < (SELECT max(hlc) FROM change_log WHERE row_id = ?1 AND field = 'name')",
        [household],
    )?;
    w.tx.execute(
        "UPDATE change_log SET value = json_set(value, '$.name', (SELECT name FROM households WHERE id = ?1))
         WHERE row_id = ?1 AND field = ?2",
        rusqlite::params![household, crate::changes::ROW_FIELD],
    )?;
    Ok(())
}

fn checked_reason(reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ValidationError::new("reason", ValidationKind::ReasonRequired).into());
    }
    if reason.chars().count() > 2000 {
        return Err(ValidationError::new("reason", ValidationKind::TooLong).into());
    }
    Ok(reason.to_owned())
}

pub(crate) fn count(rows: &BTreeMap<&'static str, BTreeSet<String>>) -> u32 {
    rows.values().map(BTreeSet::len).sum::<usize>() as u32
}

/// The subject of a request, checked: the household is held (shown or restricted), and the
/// person, when one is named, is one of its members.
fn checked_subject<'a>(
    conn: &Connection,
    household_id: &'a str,
    person_id: Option<&'a str>,
) -> Result<Subject<'a>> {
    require_held(conn, "households", household_id, "household_id")?;
    let Some(person) = person_id else {
        return Ok(Subject::Household(household_id));
    };
    require_held(conn, "persons", person, "person_id")?;
    let ours = conn
        .prepare_cached("SELECT 1 FROM persons WHERE id = ?1 AND household_id = ?2")?
        .exists([person, household_id])?;
    if !ours {
        return Err(ValidationError::new("person_id", ValidationKind::InvalidId).into());
    }
    Ok(Subject::Person(person))
}

/// Like [`require_row`], but a restricted row counts as held: it can still be erased.
fn require_held(conn: &Connection, table: &'static str, id: &str, field: &str) -> Result<()> {
    uuid::Uuid::parse_str(id)
        .map_err(|_| ValidationError::new(field, ValidationKind::InvalidId))?;
    let sql = format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted IN (0, {RESTRICTED})");
    if conn.prepare_cached(&sql)?.exists([id])? {
        Ok(())
    } else {
        Err(Error::not_found(table))
    }
}

impl Landa {
    /// What erasing the household, or one person of it, would remove, table by table.
    pub fn erasure_preview(
        &self,
        household_id: &str,
        person_id: Option<&str>,
    ) -> Result<ErasurePreview> {
        let subject = checked_subject(&self.conn, household_id, person_id)?;
        let name: String = match subject {
            Subject::Household(id) => {
                self.conn
                    .query_row("SELECT name FROM households WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?
            }
            Subject::Person(id) => self.conn.query_row(
                "SELECT trim(first_name || ' ' || coalesce(last_name, '')) FROM persons WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?,
            Subject::ContactPerson(id) => self.conn.query_row(
                "SELECT name FROM contact_persons WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?,
        };
        let rows = rows_of(&self.conn, subject)?;
        Ok(ErasurePreview {
            household_id: household_id.to_owned(),
            person_id: person_id.map(str::to_owned),
            name,
            rows: rows
                .into_iter()
                .map(|(t, ids)| (t.to_owned(), ids.len() as u32))
                .collect(),
        })
    }

    /// Decides a request about a household or one person of it: erase (everything about the
    /// subject, for good), restrict (hidden from every use until lifted) or refuse, with the
    /// reason. Either way the decision is recorded; the record holds no data about the subject
    /// but its id.
    pub fn decide_erasure(&mut self, input: &ErasureInput) -> Result<ErasureDto> {
        let person = input
            .person_id
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let subject = checked_subject(&self.conn, &input.household_id, person)?;
        let reason = checked_reason(&input.reason)?;
        let requested_on = match input.requested_on.as_deref().map(str::trim) {
            None | Some("") => self.today(),
            Some(d) => {
                let day = crate::app::parse_date(d, "requested_on")?;
                if day > self.today() {
                    return Err(
                        ValidationError::new("requested_on", ValidationKind::InvalidDate).into(),
                    );
                }
                day
            }
        };
        if input.outcome != ErasureOutcome::Refused
            && let Subject::Person(p) = subject
            && self.only_adult(&input.household_id, p)?
        {
            return Err(ValidationError::new("person_id", ValidationKind::OnlyAdult).into());
        }
        if input.outcome == ErasureOutcome::Anonymised && matches!(subject, Subject::Person(_)) {
            return Err(ValidationError::new("outcome", ValidationKind::UnknownValue).into());
        }
        if input.outcome == ErasureOutcome::Restricted
            && deleted_state(&self.conn, subject.entity(), subject.id())? == Some(RESTRICTED)
        {
            return Err(
                ValidationError::new("outcome", ValidationKind::InvalidStatusChange).into(),
            );
        }
        let rows = match input.outcome {
            ErasureOutcome::Erased | ErasureOutcome::Anonymised => rows_of(&self.conn, subject)?,
            ErasureOutcome::Restricted | ErasureOutcome::Refused => BTreeMap::new(),
        };
        let labels = AnonymousLabels::of(self)?;
        let id = self.new_id();
        let decision = Decision {
            id: id.clone(),
            household: input.household_id.clone(),
            person: person.map(str::to_owned),
            contact: None,
            outcome: input.outcome,
            reason,
            requested_on,
            rows,
            labels,
        };
        self.write(|w, ctx| record(w, ctx, &decision))?;
        let (outcome, rows) = (decision.outcome, decision.rows);
        if matches!(outcome, ErasureOutcome::Erased | ErasureOutcome::Anonymised) {
            self.compact_after_erasure()?;
        }
        tracing::info!(
            outcome = outcome.code(),
            entity = subject.entity(),
            rows = count(&rows),
            "erasure request decided"
        );
        self.erasure(&id)
    }

    /// Ends a restriction still in force: the subject is shown and used again. Recorded in the
    /// register as a decision of its own (`lifted`), with the reason.
    pub fn lift_restriction(&mut self, input: &LiftRestrictionInput) -> Result<ErasureDto> {
        let reason = checked_reason(&input.reason)?;
        let request = self
            .erasures(Some(&input.request_id))?
            .pop()
            .ok_or_else(|| Error::not_found("erasure_requests"))?;
        let household = request
            .household_id
            .clone()
            .filter(|_| request.restricted_now);
        let Some(household) = household else {
            return Err(ValidationError::new("request_id", ValidationKind::NotRestricted).into());
        };
        let person = (request.entity == "persons").then(|| request.subject_id.clone());
        let id = self.new_id();
        let today = self.today();
        let labels = AnonymousLabels::of(self)?;
        self.write(|w, ctx| {
            let subject = match &person {
                Some(p) => Subject::Person(p),
                None => Subject::Household(&household),
            };
            apply(
                w,
                subject,
                &household,
                "lifted",
                &BTreeMap::new(),
                &labels,
                &ctx.now_text(),
            )?;
            insert_request(w, ctx, &id, subject, "lifted", &reason, today, 0)
        })?;
        tracing::info!("restriction lifted");
        self.erasure(&id)
    }

    /// Whether the person is the only adult the household still shows: a request about them
    /// alone would leave a household without an adult, so it must be about the household.
    fn only_adult(&self, household: &str, person: &str) -> Result<bool> {
        let (adult, others): (bool, u32) = self.conn.query_row(
            "SELECT (SELECT role = 'adult' FROM persons WHERE id = ?2),
                    (SELECT count(*) FROM persons WHERE household_id = ?1 AND id <> ?2
                       AND role = 'adult' AND deleted IN (0, 2))",
            [household, person],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(adult && others == 0)
    }

    /// After rows are erased: the full-text indexes are rewritten without them (FTS5 keeps
    /// deleted terms in its segments until they merge), free pages are dropped (`VACUUM`; with
    /// `secure_delete` they are zeros anyway, but an older database may hold pages freed
    /// before that was on) and the WAL is emptied, so no earlier page image survives in it.
    pub(crate) fn compact_after_erasure(&mut self) -> Result<()> {
        self.conn.execute_batch(
            "INSERT INTO search_fts (search_fts) VALUES ('optimize');
             INSERT INTO search_title_fts (search_title_fts) VALUES ('optimize');",
        )?;
        let free: i64 = self
            .conn
            .query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        if free > 0 {
            self.conn.execute_batch("VACUUM")?;
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn erasure(&self, id: &str) -> Result<ErasureDto> {
        self.erasures(Some(id))?
            .pop()
            .ok_or_else(|| Error::not_found("erasure_requests"))
    }

    /// Every decided request, newest first.
    pub fn erasure_requests(&self) -> Result<Vec<ErasureDto>> {
        self.erasures(None)
    }

    /// One request (`only`) or all of them, newest first.
    fn erasures(&self, only: Option<&str>) -> Result<Vec<ErasureDto>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.entity, e.subject_id, e.outcome, e.reason, e.requested_on, e.decided_at,
                    u.name, e.rows_erased, h.id,
                    CASE WHEN e.entity = 'persons'
                         THEN trim(p.first_name || ' ' || coalesce(p.last_name, '')) ELSE h.name END,
                    e.outcome = 'restricted'
                      AND coalesce(CASE WHEN e.entity = 'persons' THEN p.deleted ELSE h.deleted END, 0) = 2
                      AND NOT EXISTS (SELECT 1 FROM erasure_requests l WHERE l.subject_id = e.subject_id
                                        AND (l.decided_at, l.id) > (e.decided_at, e.id))
             FROM erasure_requests e LEFT JOIN users u ON u.id = e.decided_by
             LEFT JOIN persons p ON e.entity = 'persons' AND p.id = e.subject_id
             LEFT JOIN households h ON h.id = CASE WHEN e.entity = 'persons' THEN p.household_id ELSE e.subject_id END
             WHERE ?1 IS NULL OR e.id = ?1 ORDER BY e.decided_at DESC, e.id DESC",
        )?;
        let rows = stmt.query_map([only], |r| {
            Ok(ErasureDto {
                id: r.get(0)?,
                entity: r.get(1)?,
                subject_id: r.get(2)?,
                outcome: r.get(3)?,
                reason: r.get(4)?,
                requested_on: r.get(5)?,
                decided_at: r.get(6)?,
                decided_by: r.get(7)?,
                rows_erased: r.get(8)?,
                household_id: r.get(9)?,
                subject_name: r.get(10)?,
                restricted_now: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The erasure records of this database: read before a restore replaces it.
    pub(crate) fn erasure_records(&self) -> Result<ErasureRecords> {
        let mut requests = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, entity, subject_id, outcome, reason, requested_on, decided_at, decided_by,
                    rows_erased FROM erasure_requests ORDER BY decided_at, id",
        )?;
        for row in stmt.query_map([], |r| {
            Ok(vec![
                r.get::<_, String>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                r.get::<_, i64>(8)?.to_string(),
            ])
        })? {
            requests.push(row?);
        }
        let mut markers = Vec::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, entity, request_id FROM erased_rows ORDER BY id")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            markers.push(row?);
        }
        Ok(ErasureRecords { requests, markers })
    }

    /// Applies again every erasure in `records` that this database does not hold yet: after a
    /// restore of a backup older than the erasure, or data read in from elsewhere. The rows
    /// named by the markers are purged as at the erasure, and the request and its markers are
    /// recorded, so the next restore or sync carries them on. Returns how many requests.
    pub(crate) fn reapply_erasures(&mut self, records: &ErasureRecords) -> Result<u32> {
        let known: BTreeSet<String> = {
            let mut stmt = self.conn.prepare("SELECT id FROM erasure_requests")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let missing: Vec<&Vec<String>> = records
            .requests
            .iter()
            .filter(|r| !known.contains(&r[0]))
            .collect();
        if missing.is_empty() {
            return Ok(0);
        }
        let users: BTreeSet<String> = {
            let mut stmt = self.conn.prepare("SELECT id FROM users")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let labels = AnonymousLabels::of(self)?;
        let mut applied = 0;
        for request in missing {
            let markers: Vec<&(String, String, String)> = records
                .markers
                .iter()
                .filter(|m| m.2 == request[0])
                .collect();
            let mut rows: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
            for (row, entity, _) in &markers {
                if let Some(spec) = crate::changes::spec(entity) {
                    rows.entry(spec.table).or_default().insert(row.clone());
                }
            }
            let (entity, subject_id, outcome) = (&request[1], &request[2], &request[3]);
            // The household as the restored data has it: a person's may be unknown to it. A
            // contact person has none.
            let household: Option<String> = if entity == "contact_persons" {
                None
            } else if entity == "persons" {
                self.conn
                    .query_row(
                        "SELECT household_id FROM persons WHERE id = ?1",
                        [subject_id],
                        |r| r.get(0),
                    )
                    .optional()?
            } else {
                Some(subject_id.clone())
            };
            // Rows the erasure found that the restored data has grown since (a consent recorded
            // after the backup for a person later erased) go too.
            if (outcome == "erased" || outcome == "anonymised")
                && let Some(h) = &household
            {
                let subject = if entity == "persons" {
                    Subject::Person(subject_id)
                } else {
                    Subject::Household(h)
                };
                for (table, ids) in rows_of(&self.conn, subject)? {
                    rows.entry(table).or_default().extend(ids);
                }
            }
            self.write(|w, _| {
                match &household {
                    Some(h) => {
                        let subject = if entity == "persons" {
                            Subject::Person(subject_id)
                        } else {
                            Subject::Household(h)
                        };
                        apply(w, subject, h, outcome, &rows, &labels, &request[6])?;
                    }
                    None if entity == "contact_persons" => apply(
                        w,
                        Subject::ContactPerson(subject_id),
                        "",
                        outcome,
                        &rows,
                        &labels,
                        &request[6],
                    )?,
                    None if outcome == "erased" => purge(w, &rows)?,
                    None => {}
                }
                let field = |i: usize| Value::from(request[i].clone());
                let decided_by = if users.contains(&request[7]) {
                    field(7)
                } else {
                    Value::Null
                };
                let rows_erased: i64 = request[8].parse().unwrap_or(0);
                w.insert(
                    "erasure_requests",
                    &request[0],
                    &[
                        ("entity", field(1)),
                        ("subject_id", field(2)),
                        ("outcome", field(3)),
                        ("reason", field(4)),
                        ("requested_on", field(5)),
                        ("decided_at", field(6)),
                        ("decided_by", decided_by),
                        ("rows_erased", Value::from(rows_erased)),
                    ],
                )?;
                for (row, entity, request_id) in &markers {
                    w.insert(
                        "erased_rows",
                        row,
                        &[
                            ("entity", Value::from(entity.clone())),
                            ("request_id", Value::from(request_id.clone())),
                        ],
                    )?;
                }
                Ok(())
            })?;
            applied += 1;
        }
        self.compact_after_erasure()?;
        tracing::info!(requests = applied, "erasures applied again after a restore");
        Ok(applied)
    }
}

/// The erasure requests (as their stored columns) and markers of a database.
pub(crate) struct ErasureRecords {
    requests: Vec<Vec<String>>,
    markers: Vec<(String, String, String)>,
}
