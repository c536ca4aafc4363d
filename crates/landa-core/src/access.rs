//! The access extract (GDPR art. 15): everything Landa holds about a household and its people —
//! the records, the timeline, consents with the texts they saw, referrals, host matches, the
//! change history and any erasure decisions — as one document. The JSON is the machine-readable
//! copy; landa-report draws the readable PDF from the same struct. Producing one is logged in
//! `read_log`, as is every export of personal data.

use serde::Serialize;
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, require_row};
use crate::dto::{ChangeDto, HouseholdDetail};
use crate::erasure::ErasureDto;
use crate::error::Result;
use crate::jobs::ReferralDto;
use crate::matches::MatchDto;
use landa_domain::kinds::UiLanguage;

/// The consent text a person was shown, by the version their record names.
#[derive(Debug, Clone, Serialize)]
pub struct ShownText {
    /// As the consent record names it, e.g. `v2-sv`.
    pub version: String,
    pub purpose: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccessExtract {
    /// Always `landa-access-extract`: what the file is.
    pub format: &'static str,
    pub format_version: u32,
    pub generated_at: String,
    pub generated_by: Option<String>,
    pub language: UiLanguage,
    pub household: HouseholdDetail,
    pub referrals: Vec<ReferralDto>,
    pub host_matches: Vec<MatchDto>,
    pub consent_texts: Vec<ShownText>,
    /// Every change to the household and its rows, oldest first, with who and when.
    pub history: Vec<ChangeDto>,
    pub erasure_requests: Vec<ErasureDto>,
}

/// Kinds of read that `read_log` records. The audit browser shows them, so the UI gets them
/// by these same codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ReadKind {
    AccessExtract,
    ExportJson,
    ExportCsv,
    ExportVcard,
    ExportHouseholds,
    ExportOrganisations,
    ExportNewsletter,
    /// The change log (or a filtered part of it) exported from the audit browser.
    ExportAudit,
    /// The read log itself exported from the audit browser.
    ExportReadLog,
    /// A coordinator signed in on this device (at an unlock): who worked when.
    SignIn,
}

impl ReadKind {
    pub const ALL: [ReadKind; 10] = [
        ReadKind::AccessExtract,
        ReadKind::ExportJson,
        ReadKind::ExportCsv,
        ReadKind::ExportVcard,
        ReadKind::ExportHouseholds,
        ReadKind::ExportOrganisations,
        ReadKind::ExportNewsletter,
        ReadKind::ExportAudit,
        ReadKind::ExportReadLog,
        ReadKind::SignIn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ReadKind::AccessExtract => "access_extract",
            ReadKind::ExportJson => "export_json",
            ReadKind::ExportCsv => "export_csv",
            ReadKind::ExportVcard => "export_vcard",
            ReadKind::ExportHouseholds => "export_households",
            ReadKind::ExportOrganisations => "export_organisations",
            ReadKind::ExportNewsletter => "export_newsletter",
            ReadKind::ExportAudit => "export_audit",
            ReadKind::ExportReadLog => "export_read_log",
            ReadKind::SignIn => "sign_in",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl Landa {
    /// Records that personal data was read out of Landa: what, about which household (its id),
    /// when and by whom.
    pub fn log_read(&mut self, kind: ReadKind, subject_id: Option<&str>) -> Result<()> {
        let id = self.new_id();
        let subject = subject_id.map(str::to_owned);
        self.write(|w, ctx| {
            w.insert(
                "read_log",
                &id,
                &[
                    ("kind", Value::from(kind.code())),
                    ("subject_id", subject.map_or(Value::Null, Value::from)),
                    ("at", Value::from(ctx.now_text())),
                    ("user_id", ctx.user()),
                ],
            )
        })
    }

    /// Everything Landa holds about the household, in `language` where words are Landa's own.
    /// Logged as a read.
    pub fn access_extract(
        &mut self,
        household_id: &str,
        language: UiLanguage,
    ) -> Result<AccessExtract> {
        require_row(&self.conn, "households", household_id, "household_id")?;
        let household = self.household(household_id)?;
        let referrals = self.household_referrals(household_id)?;
        let host_matches = self.matches_where("m.household_id = ?1", household_id)?;
        let mut history = self.household_history(household_id)?;
        history.sort_by(|a, b| a.at.cmp(&b.at));
        let erasure_requests = self
            .erasure_requests()?
            .into_iter()
            .filter(|e| e.subject_id == household_id)
            .collect();
        let mut consent_texts: Vec<ShownText> = Vec::new();
        let mut text = self.conn.prepare_cached(
            "SELECT text_sv, text_en FROM consent_texts WHERE purpose = ?1 AND version = ?2",
        )?;
        for c in &household.consents {
            let Some(version) = &c.text_version else {
                continue;
            };
            if consent_texts
                .iter()
                .any(|t| &t.version == version && t.purpose == c.purpose.code())
            {
                continue;
            }
            // "v2-sv": version 2, the Swedish text.
            let mut parts = version.trim_start_matches('v').splitn(2, '-');
            let number: Option<i64> = parts.next().and_then(|n| n.parse().ok());
            let english = parts.next() == Some("en");
            let Some(number) = number else {
                continue;
            };
            let found: Option<(String, String)> = text
                .query_row(rusqlite::params![c.purpose.code(), number], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .ok();
            if let Some((sv, en)) = found {
                consent_texts.push(ShownText {
                    version: version.clone(),
                    purpose: c.purpose.code().to_owned(),
                    text: if english { en } else { sv },
                });
            }
        }
        drop(text);
        let generated_by = self.current_user()?.map(|u| u.name);
        let extract = AccessExtract {
            format: "landa-access-extract",
            format_version: 1,
            generated_at: self.now_text(),
            generated_by,
            language,
            household,
            referrals,
            host_matches,
            consent_texts,
            history,
            erasure_requests,
        };
        self.log_read(ReadKind::AccessExtract, Some(household_id))?;
        Ok(extract)
    }
}
