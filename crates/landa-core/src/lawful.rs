//! Lawful basis per purpose, enforced where the data is used: a person's details go to an
//! employer only with a basis for sharing with employers, to a host only with one for sharing
//! with hosts (`matches.rs`), and onto a newsletter list only with newsletter consent. The newest
//! record per person and purpose decides, so a withdrawal takes effect at once.

use landa_domain::kinds::{Purpose, UiLanguage};
use rusqlite::Connection;
use serde::Serialize;

use crate::app::Landa;
use crate::error::Result;

/// Whether the newest record of `purpose` for the person says *given*.
pub(crate) fn basis_given(conn: &Connection, person_id: &str, purpose: Purpose) -> Result<bool> {
    let status: Option<String> = conn
        .prepare_cached(
            "SELECT status FROM consents WHERE person_id = ?1 AND purpose = ?2
             ORDER BY recorded_at DESC, rowid DESC LIMIT 1",
        )?
        .query_row([person_id, purpose.code()], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    Ok(status.as_deref() == Some("given"))
}

/// What a newsletter list held, and who was left out for want of consent.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct NewsletterCount {
    /// Adults with newsletter consent and an email address: the rows of the file.
    pub recipients: u32,
    /// Adults with an email address but no newsletter consent (never asked, or withdrawn).
    pub left_out: u32,
}

/// The adults with an email, and whether their newest newsletter record says given.
const NEWSLETTER_SELECT: &str = "
    SELECT p.first_name, coalesce(p.last_name, ''), p.emails, h.name,
           coalesce((SELECT c.status FROM consents c
                     WHERE c.person_id = p.id AND c.purpose = 'newsletter'
                     ORDER BY c.recorded_at DESC, c.rowid DESC LIMIT 1), '') = 'given'
    FROM persons p JOIN households h ON h.id = p.household_id
    WHERE p.deleted = 0 AND h.deleted = 0 AND p.role = 'adult' AND p.emails <> '[]'
    ORDER BY p.last_name, p.first_name, p.id";

impl Landa {
    /// The newsletter list as CSV for the UI language's Excel: only adults whose newest
    /// newsletter record is consent given, one row per person with their first email. Those
    /// left out are counted, never listed.
    pub fn export_newsletter_csv(
        &self,
        language: UiLanguage,
    ) -> Result<(Vec<u8>, NewsletterCount)> {
        let l = |sv, en| crate::labels::pick(language, sv, en);
        let headers: Vec<String> = [
            l("Förnamn", "First name"),
            l("Efternamn", "Last name"),
            l("E-post", "Email"),
            l("Hushåll", "Household"),
        ]
        .map(str::to_owned)
        .to_vec();
        let mut rows = Vec::new();
        let mut left_out = 0u32;
        let mut stmt = self.conn.prepare_cached(NEWSLETTER_SELECT)?;
        let people = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                crate::app::parse_list(&r.get::<_, String>(2)?),
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        for person in people {
            let (first, last, emails, household, consented) = person?;
            let Some(email) = emails.into_iter().next() else {
                continue;
            };
            if !consented {
                left_out += 1;
                continue;
            }
            rows.push(
                [first, last, email, household]
                    .iter()
                    .map(|c| landa_domain::fair::csv_safe(c))
                    .collect::<Vec<_>>(),
            );
        }
        let bytes = crate::export::excel_csv(&headers, &rows, language)?;
        tracing::info!(
            recipients = rows.len(),
            left_out,
            "newsletter list exported"
        );
        Ok((
            bytes,
            NewsletterCount {
                recipients: rows.len() as u32,
                left_out,
            },
        ))
    }
}
