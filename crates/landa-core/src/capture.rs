//! Capturing leads: staff in fair mode, visitors at the kiosk. One save is one transaction —
//! household, members, consents with the text version seen, the conversation, attendance and
//! the follow-up task — so a crash after a save never loses the lead, and a crash before it
//! leaves nothing half-written.

use chrono::{DateTime, Datelike, Days, Utc};
use landa_domain::contact::normalise_phone;
use landa_domain::fair::{birth_years_from_ages, check_pin, default_consent_text};
use landa_domain::household::{MAX_NAME, MAX_NOTE, note_text, required_text};
use landa_domain::kinds::{
    ConsentMethod, ConsentStatus, InteractionKind, LawfulBasis, MemberRole, Purpose,
};
use landa_domain::pipeline::Stage;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::OptionalExtension;
use serde_json::Value;

use crate::app::{Landa, WriteCtx, json_list, opt, parse_list, require_row};
use crate::changes::Tx;
use crate::dto::*;
use crate::error::{Error, Result};
use crate::households::{insert_household, warnings_dto};

/// Wrong PINs in a row before the kiosk stops accepting PINs for a while.
pub const PIN_ATTEMPTS: u32 = 5;
/// How long the kiosk refuses PINs after too many wrong ones.
pub const PIN_LOCKOUT_SECONDS: i64 = 60;
const KIOSK_IDLE_DEFAULT: u32 = 90;
const KIOSK_IDLE_RANGE: std::ops::RangeInclusive<u32> = 30..=600;

/// The kiosk as this device remembers it (local settings, never synced): a restart while the
/// kiosk is on comes back to the kiosk, not to the records.
#[derive(Debug, Clone)]
pub(crate) struct Kiosk {
    event_id: String,
    pin_hash: String,
    idle_seconds: u32,
    task_title: String,
}

#[derive(Debug, Default)]
pub(crate) struct PinGuard {
    failures: u32,
    blocked_until: Option<DateTime<Utc>>,
}

/// Who captured the lead decides the consent method, the conversation kind and the flag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Channel {
    Staff,
    Kiosk,
}

struct ValidLead {
    household: crate::households::ValidHousehold,
    email: Option<String>,
    phone: Option<String>,
    municipalities: Vec<String>,
    time_frame: Option<landa_domain::kinds::TimeFrame>,
    note: Option<String>,
    consents: Vec<(Purpose, String)>,
}

impl Landa {
    pub(crate) fn load_kiosk(conn: &rusqlite::Connection) -> Result<Option<Kiosk>> {
        let get = |key: &str| -> Result<Option<String>> {
            Ok(conn
                .query_row(
                    "SELECT value FROM local_settings WHERE key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()?)
        };
        let (Some(event_id), Some(pin_hash)) = (get("kiosk.event_id")?, get("kiosk.pin_hash")?)
        else {
            return Ok(None);
        };
        Ok(Some(Kiosk {
            event_id,
            pin_hash,
            idle_seconds: get("kiosk.idle_seconds")?
                .and_then(|s| s.parse().ok())
                .unwrap_or(KIOSK_IDLE_DEFAULT),
            task_title: get("kiosk.task_title")?.unwrap_or_default(),
        }))
    }

    /// Refuses everything but the kiosk's own calls while the kiosk is on: the visitor's
    /// screen cannot read other records even if its page were tampered with.
    pub fn ensure_not_kiosk(&self) -> Result<()> {
        match self.kiosk {
            Some(_) => Err(Error::KioskActive),
            None => Ok(()),
        }
    }

    /// A new database starts with a first version of each consent text.
    pub(crate) fn seed_consent_texts(&mut self) -> Result<()> {
        let count: u32 = self
            .conn
            .query_row("SELECT count(*) FROM consent_texts", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(());
        }
        self.write(|w, ctx| {
            for p in Purpose::ALL {
                let (sv, en) = default_consent_text(*p);
                insert_consent_text(w, ctx, *p, 1, sv, en)?;
            }
            Ok(())
        })
    }

    /// The text in force for each purpose: its newest version.
    pub fn consent_texts(&self) -> Result<Vec<ConsentTextDto>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, purpose, version, text_sv, text_en, created_at FROM consent_texts c
             WHERE version = (SELECT max(version) FROM consent_texts d WHERE d.purpose = c.purpose)",
        )?;
        let mut texts: Vec<ConsentTextDto> = stmt
            .query_map([], consent_text_row)?
            .collect::<Result<_, _>>()?;
        texts.sort_by_key(|t| Purpose::ALL.iter().position(|p| *p == t.purpose));
        Ok(texts)
    }

    /// Every version of every consent text, newest first: what a person may have seen.
    pub fn consent_text_history(&self) -> Result<Vec<ConsentTextDto>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, purpose, version, text_sv, text_en, created_at FROM consent_texts
             ORDER BY purpose, version DESC",
        )?;
        Ok(stmt
            .query_map([], consent_text_row)?
            .collect::<Result<_, _>>()?)
    }

    /// Publishes new wording for a purpose as the next version; earlier versions stay, because
    /// consents already given point to them.
    pub fn publish_consent_text(&mut self, input: &ConsentTextInput) -> Result<ConsentTextDto> {
        let sv = required_text(&input.text_sv, "text_sv", MAX_NOTE)?;
        let en = required_text(&input.text_en, "text_en", MAX_NOTE)?;
        let version: u32 = self.conn.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM consent_texts WHERE purpose = ?1",
            [input.purpose.code()],
            |r| r.get(0),
        )?;
        let id =
            self.write(|w, ctx| insert_consent_text(w, ctx, input.purpose, version, &sv, &en))?;
        Ok(self.conn.query_row(
            "SELECT id, purpose, version, text_sv, text_en, created_at FROM consent_texts WHERE id = ?1",
            [&id],
            consent_text_row,
        )?)
    }

    /// People who already have the email or phone being typed, for the duplicate warning.
    pub fn find_contact_matches(&self, email: &str, phone: &str) -> Result<Vec<ContactMatch>> {
        let mut keys: Vec<(String, &'static str)> = Vec::new();
        if let Some(e) = crate::organisations::email_field(email) {
            keys.push((e.to_lowercase(), "email"));
        }
        if let Ok(p) = normalise_phone(phone, "phone") {
            keys.push((p, "phone"));
        }
        let mut out: Vec<ContactMatch> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.name, p.first_name || coalesce(' ' || p.last_name, ''), h.stage
             FROM contact_keys k JOIN persons p ON p.id = k.person_id JOIN households h ON h.id = k.household_id
             WHERE k.contact = ?1 AND p.deleted = 0 AND h.deleted = 0 LIMIT 5",
        )?;
        for (key, on) in keys {
            let rows = stmt.query_map([&key], |r| {
                Ok(ContactMatch {
                    household_id: r.get(0)?,
                    household_name: r.get(1)?,
                    person_name: r.get(2)?,
                    stage: Stage::from_code(&r.get::<_, String>(3)?).unwrap_or(Stage::LeadCaptured),
                    matched_on: on.to_owned(),
                })
            })?;
            for m in rows {
                let m = m?;
                if !out.iter().any(|o| o.household_id == m.household_id) {
                    out.push(m);
                }
            }
        }
        Ok(out)
    }

    fn validate_lead(&self, lead: &LeadInput) -> Result<ValidLead> {
        let year = self.today().year();
        if lead.adults.is_empty() || lead.adults.len() > 2 {
            return Err(ValidationError::new("adults[0].first_name", ValidationKind::Empty).into());
        }
        let email = lead.email.trim();
        let phone = lead.phone.trim();
        if email.is_empty() && phone.is_empty() {
            return Err(ValidationError::new("email", ValidationKind::NoContact).into());
        }
        let births = birth_years_from_ages(&lead.children, year)?;
        let mut members: Vec<MemberInput> = lead
            .adults
            .iter()
            .enumerate()
            .map(|(i, a)| MemberInput {
                first_name: a.first_name.clone(),
                last_name: a.last_name.clone(),
                role: Some(MemberRole::Adult),
                profession: a.profession.clone(),
                emails: if i == 0 && !email.is_empty() {
                    vec![email.to_owned()]
                } else {
                    vec![]
                },
                phones: if i == 0 && !phone.is_empty() {
                    vec![phone.to_owned()]
                } else {
                    vec![]
                },
                ..Default::default()
            })
            .collect();
        members.extend(births.iter().map(|b| MemberInput {
            role: Some(MemberRole::Child),
            birth_year: *b,
            ..Default::default()
        }));
        let input = HouseholdInput {
            members,
            desired_municipalities: lead.municipalities.clone(),
            time_frame: lead.time_frame,
            ..Default::default()
        };
        let household = self
            .validate_household(&input)
            .map_err(|e| rename_member_fields(e, lead.adults.len()))?;
        let mut consents: Vec<(Purpose, String)> = Vec::new();
        for (i, c) in lead.consents.iter().enumerate() {
            let field = format!("consents[{i}]");
            uuid::Uuid::parse_str(&c.text_id)
                .map_err(|_| ValidationError::new(&field, ValidationKind::InvalidId))?;
            let found: Option<(String, u32)> = self
                .conn
                .prepare_cached("SELECT purpose, version FROM consent_texts WHERE id = ?1")?
                .query_row([&c.text_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (purpose, version) = found.ok_or(Error::not_found("consent_texts"))?;
            if purpose != c.purpose.code() {
                return Err(ValidationError::new(field, ValidationKind::UnknownValue).into());
            }
            if !consents.iter().any(|(p, _)| *p == c.purpose) {
                consents.push((c.purpose, format!("v{version}-{}", c.language.code())));
            }
        }
        Ok(ValidLead {
            email: household.members_contact(|m| m.emails.first().cloned()),
            phone: household.members_contact(|m| m.phones.first().cloned()),
            municipalities: household.municipalities.clone(),
            time_frame: lead.time_frame,
            note: note_text(&lead.note, "note")?,
            consents,
            household,
        })
    }

    /// Fair mode: saves one lead — or, when the email or phone already belongs to a household
    /// and the coordinator chose it, attaches the conversation to that household instead.
    pub fn capture_lead(&mut self, input: &CaptureInput) -> Result<CaptureResult> {
        let title = required_text(&input.follow_up_title, "follow_up_title", MAX_NAME)?;
        self.capture(
            &input.event_id,
            &input.lead,
            input.attach_to_household_id.as_deref(),
            &title,
            Channel::Staff,
        )
    }

    fn capture(
        &mut self,
        event_id: &str,
        lead: &LeadInput,
        attach_to: Option<&str>,
        task_title: &str,
        channel: Channel,
    ) -> Result<CaptureResult> {
        require_row(&self.conn, "events", event_id, "event_id")?;
        let (event_name, follow_up_days): (String, u32) = self.conn.query_row(
            "SELECT name, follow_up_days FROM events WHERE id = ?1",
            [event_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut v = self.validate_lead(lead)?;
        v.household.self_registered = channel == Channel::Kiosk;
        v.household.source_event_id = Some(event_id.to_owned());
        let attach = match attach_to {
            Some(h) => {
                require_row(&self.conn, "households", h, "attach_to_household_id")?;
                Some((h.to_owned(), self.person_to_attach(h, &v)?))
            }
            None => None,
        };
        let owner = self.user_id.clone();
        let due = self
            .today()
            .checked_add_days(Days::new(u64::from(follow_up_days)))
            .unwrap_or(self.today());
        let attached = attach.is_some();
        let (household_id, task_id) = self.write(|w, ctx| {
            let (household_id, person_id) = match &attach {
                None => {
                    let id = insert_household(w, ctx, &v.household, owner.clone(), Stage::LeadCaptured)?;
                    let person: String = w.tx.query_row(
                        "SELECT id FROM persons WHERE household_id = ?1 AND deleted = 0 ORDER BY position LIMIT 1",
                        [&id],
                        |r| r.get(0),
                    )?;
                    (id, person)
                }
                Some((h, person)) => {
                    merge_into_existing(w, ctx, h, person, &v)?;
                    (h.clone(), person.clone())
                }
            };
            let kind = match channel {
                Channel::Staff => InteractionKind::FairTalk,
                Channel::Kiosk => InteractionKind::SelfRegistration,
            };
            w.insert(
                "interactions",
                &ctx.new_id(),
                &[
                    ("household_id", Value::from(household_id.clone())),
                    ("event_id", Value::from(event_id)),
                    ("kind", Value::from(kind.code())),
                    ("occurred_at", Value::from(ctx.now_text())),
                    ("summary", Value::from(v.note.clone().unwrap_or_else(|| event_name.clone()))),
                    ("created_by", ctx.user()),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )?;
            let method = match channel {
                Channel::Staff => ConsentMethod::Form,
                Channel::Kiosk => ConsentMethod::Kiosk,
            };
            for (purpose, version) in &v.consents {
                w.insert(
                    "consents",
                    &ctx.new_id(),
                    &[
                        ("person_id", Value::from(person_id.clone())),
                        ("purpose", Value::from(purpose.code())),
                        ("basis", Value::from(LawfulBasis::Consent.code())),
                        ("status", Value::from(ConsentStatus::Given.code())),
                        ("text_version", Value::from(version.clone())),
                        ("method", Value::from(method.code())),
                        ("note", Value::from(event_name.clone())),
                        ("recorded_at", Value::from(ctx.now_text())),
                        ("recorded_by", ctx.user()),
                    ],
                )?;
            }
            let attending: bool = w
                .tx
                .prepare_cached(
                    "SELECT 1 FROM event_attendance WHERE event_id = ?1 AND household_id = ?2 AND deleted = 0",
                )?
                .exists([event_id, household_id.as_str()])?;
            if !attending {
                crate::events::insert_attendance(w, ctx, event_id, Some(&household_id), None, "attendee")?;
            }
            let task_id = ctx.new_id();
            w.insert(
                "tasks",
                &task_id,
                &[
                    ("title", Value::from(task_title)),
                    ("due_on", Value::from(due.to_string())),
                    ("owner_id", opt(owner.clone())),
                    ("household_id", Value::from(household_id.clone())),
                    ("event_id", Value::from(event_id)),
                    ("created_at", Value::from(ctx.now_text())),
                ],
            )?;
            Ok((household_id, task_id))
        })?;
        Ok(CaptureResult {
            household_id,
            attached,
            task_id,
            captured_today: self.captured_today(event_id)?,
            warnings: warnings_dto(std::mem::take(&mut v.household.warnings)),
        })
    }

    /// The person in an existing household who gave the email or phone; else its first adult.
    fn person_to_attach(&self, household_id: &str, v: &ValidLead) -> Result<String> {
        let by_contact: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT person_id FROM contact_keys WHERE household_id = ?1 AND contact IN (?2, ?3) LIMIT 1",
            )?
            .query_row(
                rusqlite::params![
                    household_id,
                    v.email.as_deref().map(str::to_lowercase),
                    v.phone
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(p) = by_contact {
            return Ok(p);
        }
        self.conn
            .query_row(
                "SELECT id FROM persons WHERE household_id = ?1 AND deleted = 0
                 ORDER BY role = 'adult' DESC, position LIMIT 1",
                [household_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or(Error::not_found("persons"))
    }

    pub fn start_kiosk(&mut self, input: &KioskStart) -> Result<()> {
        require_row(&self.conn, "events", &input.event_id, "event_id")?;
        check_pin(&input.pin)?;
        let idle = input.idle_seconds.unwrap_or(KIOSK_IDLE_DEFAULT);
        if !KIOSK_IDLE_RANGE.contains(&idle) {
            return Err(ValidationError::new("idle_seconds", ValidationKind::UnknownValue).into());
        }
        let title = required_text(&input.review_task_title, "review_task_title", MAX_NAME)?;
        let pin_hash = hash_pin(&input.pin)?;
        let tx = self.conn.transaction()?;
        for (k, v) in [
            ("kiosk.event_id", input.event_id.clone()),
            ("kiosk.pin_hash", pin_hash.clone()),
            ("kiosk.idle_seconds", idle.to_string()),
            ("kiosk.task_title", title.clone()),
        ] {
            crate::app::set_local(&tx, k, &v)?;
        }
        tx.commit()?;
        self.kiosk = Some(Kiosk {
            event_id: input.event_id.clone(),
            pin_hash,
            idle_seconds: idle,
            task_title: title,
        });
        self.pin_guard = PinGuard::default();
        tracing::info!("kiosk mode started");
        Ok(())
    }

    /// What the kiosk screen shows, or nothing when the kiosk is off.
    pub fn kiosk_info(&self) -> Result<Option<KioskInfo>> {
        let Some(k) = &self.kiosk else {
            return Ok(None);
        };
        let event_name: String = self
            .conn
            .query_row(
                "SELECT name FROM events WHERE id = ?1",
                [&k.event_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_default();
        Ok(Some(KioskInfo {
            event_name,
            idle_seconds: k.idle_seconds,
            consent_texts: self.consent_texts()?,
        }))
    }

    /// A visitor's own registration: always a new household, flagged for staff to review.
    /// It never attaches to an existing one, so the kiosk reveals nothing about who is known.
    pub fn kiosk_submit(&mut self, lead: &LeadInput) -> Result<()> {
        let Some(k) = self.kiosk.clone() else {
            return Err(Error::not_found("kiosk"));
        };
        self.capture(&k.event_id, lead, None, &k.task_title, Channel::Kiosk)
            .map(|_| ())
    }

    /// Leaves kiosk mode with the staff PIN. After [`PIN_ATTEMPTS`] wrong PINs in a row, no PIN
    /// is accepted for [`PIN_LOCKOUT_SECONDS`].
    pub fn exit_kiosk(&mut self, pin: &str) -> Result<()> {
        let Some(k) = self.kiosk.clone() else {
            return Ok(());
        };
        let now = self.now();
        if let Some(until) = self.pin_guard.blocked_until {
            if now < until {
                return Err(Error::PinBlocked {
                    seconds: (until - now).num_seconds().max(1) as u32,
                });
            }
            self.pin_guard = PinGuard::default();
        }
        if !verify_pin(pin, &k.pin_hash) {
            self.pin_guard.failures += 1;
            if self.pin_guard.failures >= PIN_ATTEMPTS {
                self.pin_guard.blocked_until =
                    Some(now + chrono::Duration::seconds(PIN_LOCKOUT_SECONDS));
            }
            tracing::info!("wrong kiosk PIN");
            return Err(Error::WrongPin);
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM local_settings WHERE key LIKE 'kiosk.%'", [])?;
        tx.commit()?;
        self.kiosk = None;
        self.pin_guard = PinGuard::default();
        tracing::info!("kiosk mode ended");
        Ok(())
    }
}

impl crate::households::ValidHousehold {
    fn members_contact(
        &self,
        f: impl Fn(&landa_domain::household::Member) -> Option<String>,
    ) -> Option<String> {
        self.members.first().and_then(|(_, m)| f(m))
    }
}

/// Field names of the household rules, said the way the lead form names them.
fn rename_member_fields(e: Error, adults: usize) -> Error {
    let Error::Validation(mut v) = e else {
        return e;
    };
    if v.field.starts_with("members[0].emails") {
        v.field = "email".into();
    } else if v.field.starts_with("members[0].phones") {
        v.field = "phone".into();
    } else if let Some(rest) = v.field.strip_prefix("members[") {
        if let Some((i, tail)) = rest.split_once(']') {
            let i: usize = i.parse().unwrap_or(0);
            v.field = if i < adults {
                format!("adults[{i}]{tail}")
            } else {
                format!("children[{}]", i - adults)
            };
        }
    } else if v.field.starts_with("desired_municipalities") {
        v.field = v
            .field
            .replacen("desired_municipalities", "municipalities", 1);
    }
    Error::Validation(v)
}

/// Met again at a fair: the contact details and municipalities they gave are added to what
/// the household already has; nothing it has is overwritten.
fn merge_into_existing(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    household_id: &str,
    person_id: &str,
    v: &ValidLead,
) -> Result<()> {
    let (emails, phones): (String, String) = w.tx.query_row(
        "SELECT emails, phones FROM persons WHERE id = ?1",
        [person_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut emails = parse_list(&emails);
    let mut phones = parse_list(&phones);
    if let Some(e) = &v.email
        && !emails.iter().any(|x| x.eq_ignore_ascii_case(e))
    {
        emails.push(e.clone());
    }
    if let Some(p) = &v.phone
        && !phones.contains(p)
    {
        phones.push(p.clone());
    }
    w.update(
        "persons",
        person_id,
        &[
            ("emails", json_list(&emails)),
            ("phones", json_list(&phones)),
        ],
    )?;
    let (municipalities, time_frame): (String, Option<String>) = w.tx.query_row(
        "SELECT desired_municipalities, time_frame FROM households WHERE id = ?1",
        [household_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut municipalities = parse_list(&municipalities);
    for m in &v.municipalities {
        if !municipalities
            .iter()
            .any(|x| x.to_lowercase() == m.to_lowercase())
        {
            municipalities.push(m.clone());
        }
    }
    w.update(
        "households",
        household_id,
        &[
            ("desired_municipalities", json_list(&municipalities)),
            (
                "time_frame",
                opt(v.time_frame.map(|t| t.code().to_owned()).or(time_frame)),
            ),
            ("updated_at", Value::from(ctx.now_text())),
        ],
    )?;
    crate::search::reindex_household(w, household_id)
}

fn insert_consent_text(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    purpose: Purpose,
    version: u32,
    sv: &str,
    en: &str,
) -> Result<String> {
    let id = ctx.new_id();
    w.insert(
        "consent_texts",
        &id,
        &[
            ("purpose", Value::from(purpose.code())),
            ("version", Value::from(version)),
            ("text_sv", Value::from(sv)),
            ("text_en", Value::from(en)),
            ("created_at", Value::from(ctx.now_text())),
            ("created_by", ctx.user()),
        ],
    )?;
    Ok(id)
}

fn consent_text_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConsentTextDto> {
    Ok(ConsentTextDto {
        id: r.get(0)?,
        purpose: Purpose::from_code(&r.get::<_, String>(1)?).unwrap_or(Purpose::ContactAboutMoving),
        version: r.get(2)?,
        text_sv: r.get(3)?,
        text_en: r.get(4)?,
        created_at: r.get(5)?,
    })
}

fn hash_pin(pin: &str) -> Result<String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    // A v4 UUID is 122 bits from the OS's random source: plenty for a salt.
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|_| Error::Corrupt("pin salt".into()))?;
    argon2::Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| Error::Corrupt("pin hash".into()))
}

fn verify_pin(pin: &str, hash: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    PasswordHash::new(hash)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(pin.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}
