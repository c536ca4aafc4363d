//! Contacts as vCard 3.0 (RFC 2426), the version Outlook, Google Contacts and phones all read:
//! the adults of live households and the contact persons of organisations, each with what
//! Landa has of their email addresses and phone numbers. Children are never exported.

use rusqlite::params;

use crate::Landa;
use crate::app::parse_list;
use crate::error::Result;

/// One contact card's content, before it is written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub uid: String,
    pub given: String,
    pub family: String,
    pub full_name: String,
    pub organisation: Option<String>,
    pub title: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub note: Option<String>,
}

/// Escapes a text value: backslash, comma, semicolon and line breaks (RFC 2426 §4).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line is longer than 75 octets, never inside a
/// character: continuation lines start with one space (RFC 2425 §5.8.1).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

impl Card {
    pub fn write(&self, out: &mut String) {
        let mut line = |text: String| {
            out.push_str(&fold(&text));
            out.push_str("\r\n");
        };
        line("BEGIN:VCARD".into());
        line("VERSION:3.0".into());
        line(format!("UID:urn:uuid:{}", self.uid));
        line(format!(
            "N:{};{};;;",
            escape(&self.family),
            escape(&self.given)
        ));
        line(format!("FN:{}", escape(&self.full_name)));
        if let Some(org) = &self.organisation {
            line(format!("ORG:{}", escape(org)));
        }
        if let Some(title) = &self.title {
            line(format!("TITLE:{}", escape(title)));
        }
        for email in &self.emails {
            line(format!("EMAIL;TYPE=INTERNET:{}", escape(email)));
        }
        for phone in &self.phones {
            line(format!("TEL;TYPE=VOICE:{}", escape(phone)));
        }
        if let Some(note) = &self.note {
            line(format!("NOTE:{}", escape(note)));
        }
        line("END:VCARD".into());
    }
}

fn clean(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl Landa {
    /// Every contact Landa can reach: adults of live households (with an email or a phone)
    /// and the contact persons of live organisations, ordered by name.
    pub fn contact_cards(&self) -> Result<Vec<Card>> {
        let mut cards = vec![];
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.first_name, coalesce(p.last_name, ''), p.emails, p.phones, h.name
               FROM persons p JOIN households h ON h.id = p.household_id
              WHERE p.deleted = 0 AND h.deleted = 0 AND p.role = 'adult'
                AND (p.emails <> '[]' OR p.phones <> '[]')",
        )?;
        let rows = stmt.query_map(params![], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        for row in rows {
            let (id, given, family, emails, phones, household) = row?;
            let full_name = format!("{given} {family}").trim().to_owned();
            cards.push(Card {
                uid: id,
                given,
                family,
                full_name,
                organisation: None,
                title: None,
                emails: parse_list(&emails),
                phones: parse_list(&phones),
                note: Some(format!("Landa: {household}")),
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.name, c.title, c.email, c.phone, o.name
               FROM contact_persons c JOIN organisations o ON o.id = c.organisation_id
              WHERE c.deleted = 0 AND o.deleted = 0",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        for row in rows {
            let (id, name, title, email, phone, organisation) = row?;
            // One name field: the last word is the family name, as a phone would split it.
            let (given, family) = match name.trim().rsplit_once(' ') {
                Some((g, f)) => (g.to_owned(), f.to_owned()),
                None => (String::new(), name.trim().to_owned()),
            };
            cards.push(Card {
                uid: id,
                given,
                family,
                full_name: name.trim().to_owned(),
                organisation: Some(organisation),
                title: clean(title),
                emails: clean(email).into_iter().collect(),
                phones: clean(phone).into_iter().collect(),
                note: None,
            });
        }
        cards.sort_by(|a, b| {
            (a.family.to_lowercase(), a.given.to_lowercase(), &a.uid).cmp(&(
                b.family.to_lowercase(),
                b.given.to_lowercase(),
                &b.uid,
            ))
        });
        Ok(cards)
    }

    /// All contacts as one `.vcf` file's text.
    pub fn export_vcards(&self) -> Result<String> {
        let mut out = String::new();
        for card in self.contact_cards()? {
            card.write(&mut out);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a vCard reader does: join continuation lines, then undo the escapes.
    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    fn unescape(v: &str) -> String {
        let mut out = String::new();
        let mut chars = v.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn a_card_is_what_contact_apps_expect() {
        let card = Card {
            uid: "0190-x".into(),
            given: "Åsa".into(),
            family: "Öberg; Lind".into(),
            full_name: "Åsa Öberg; Lind".into(),
            organisation: Some("Bygg, Snickeri & Co".into()),
            title: None,
            emails: vec!["asa@example.se".into()],
            phones: vec!["+46701234567".into()],
            note: Some("rad ett\nrad två".into()),
        };
        let mut out = String::new();
        card.write(&mut out);
        assert_eq!(
            out,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:urn:uuid:0190-x\r\nN:Öberg\\; Lind;Åsa;;;\r\n\
             FN:Åsa Öberg\\; Lind\r\nORG:Bygg\\, Snickeri & Co\r\nEMAIL;TYPE=INTERNET:asa@example.se\r\n\
             TEL;TYPE=VOICE:+46701234567\r\nNOTE:rad ett\\nrad två\r\nEND:VCARD\r\n"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Folding keeps every physical line within 75 octets, never splits a character,
        /// and unfolds to the line it was.
        #[test]
        fn folding_is_lossless_and_within_the_limit(line in "\\PC{0,300}") {
            let folded = fold(&line);
            for physical in folded.split("\r\n") {
                prop_assert!(physical.len() <= 75, "{} octets", physical.len());
            }
            prop_assert_eq!(unfold(&folded), line);
        }

        /// Any text, line breaks included, reads back from its escaped form, and the escaped
        /// form has no bare separator a reader would split on.
        #[test]
        fn escaping_round_trips(value in "(\\PC|[\\n,;\\\\])*") {
            let escaped = escape(&value);
            prop_assert!(!escaped.contains('\n'));
            prop_assert_eq!(unescape(&escaped), value);
        }
    }
}
