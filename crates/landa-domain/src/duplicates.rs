//! How much two people look like the same person, and why: the rules behind the duplicate
//! warning on entry and the duplicate scan. Pure functions over folded keys, so the scan can
//! compare many pairs quickly and the rules can be tested on their own.
//!
//! The evidence, strongest first: the same email address, the same phone number, the same
//! name, a similar name (Jaro–Winkler on the folded full name), and the same municipality as
//! support. A name counts only together with a contact detail or the same municipality: two
//! "Anna Andersson" in different places are two people. Known birth years more than a year
//! apart speak against it: two people may share a name, a family may share a phone.

use serde::{Deserialize, Serialize};

use crate::text::fold;

/// What a person is compared by. Build it with [`PersonKey::new`], which folds the names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonKey {
    pub first: String,
    pub last: String,
    /// Lower-cased email addresses.
    pub emails: Vec<String>,
    /// Phone numbers in E.164.
    pub phones: Vec<String>,
    pub birth_year: Option<i32>,
    /// Folded municipalities the person's household named.
    pub municipalities: Vec<String>,
}

impl PersonKey {
    pub fn new(
        first: &str,
        last: &str,
        emails: &[String],
        phones: &[String],
        birth_year: Option<i32>,
        municipalities: &[String],
    ) -> Self {
        Self {
            first: fold(first),
            last: fold(last),
            emails: emails.iter().map(|e| e.trim().to_lowercase()).collect(),
            phones: phones.to_vec(),
            birth_year,
            municipalities: municipalities.iter().map(|m| fold(m)).collect(),
        }
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first, self.last).trim().to_owned()
    }
}

/// One piece of evidence, shown to the user as a reason. Named `DuplicateReason` in the
/// TypeScript bindings, beside host matching's `Reason`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename = "DuplicateReason", rename_all = "snake_case")]
pub enum Reason {
    SameEmail,
    SamePhone,
    SameName,
    SimilarName,
    SameMunicipality,
    /// Both birth years are known and more than a year apart (counts against).
    DifferentBirthYear,
}

/// How alike two people are: a score from 0 to 100 and the reasons behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Likeness {
    pub score: u8,
    pub reasons: Vec<Reason>,
}

/// Pairs scoring below this are not worth a coordinator's look.
pub const REPORT_FROM: u8 = 50;
/// From this score a pair is shown as a likely duplicate.
pub const HIGH: u8 = 85;
/// Names at least this close (Jaro–Winkler on folded full names) count as similar.
const SIMILAR: f64 = 0.92;

/// Whether two folded full names could count as the same or a similar name in
/// [`person_likeness`] (every pair it reports with a name reason passes; property-tested). A
/// look-up by name keeps only such people before reading anything else about them.
pub fn names_close(a: &str, b: &str) -> bool {
    !a.is_empty() && (a == b || strsim::jaro_winkler(a, b) >= SIMILAR)
}

fn shares(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| !x.is_empty() && b.contains(x))
}

/// How alike two people are, or `None` when there is too little to go on. Symmetric.
pub fn person_likeness(a: &PersonKey, b: &PersonKey) -> Option<Likeness> {
    let mut reasons = vec![];
    let mut score: i32 = 0;
    let same_email = shares(&a.emails, &b.emails);
    let same_phone = shares(&a.phones, &b.phones);
    let (name_a, name_b) = (a.full_name(), b.full_name());
    let same_name = !a.first.is_empty() && a.first == b.first && a.last == b.last;
    // A family name alone is no evidence: both first names must be known.
    let similar_name = !same_name
        && !a.first.is_empty()
        && !b.first.is_empty()
        && strsim::jaro_winkler(&name_a, &name_b) >= SIMILAR;
    let same_place = shares(&a.municipalities, &b.municipalities);
    if same_email {
        reasons.push(Reason::SameEmail);
        score = score.max(90);
    }
    if same_phone {
        reasons.push(Reason::SamePhone);
        // A shared phone alone may be a family's landline: a little less than an email.
        score = if same_email { 97 } else { score.max(80) };
    }
    if same_name {
        reasons.push(Reason::SameName);
        score = if score > 0 { (score + 5).min(100) } else { 45 };
    } else if similar_name {
        reasons.push(Reason::SimilarName);
        score = if score > 0 { (score + 2).min(100) } else { 30 };
    }
    if same_place && (same_name || similar_name) {
        reasons.push(Reason::SameMunicipality);
        score += 30;
    }
    if let (Some(x), Some(y)) = (a.birth_year, b.birth_year)
        && (x - y).abs() > 1
    {
        reasons.push(Reason::DifferentBirthYear);
        score -= 35;
    }
    let score = u8::try_from(score.clamp(0, 100)).unwrap_or(0);
    (score >= REPORT_FROM).then(|| {
        reasons.sort();
        Likeness { score, reasons }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(
        first: &str,
        last: &str,
        email: &str,
        phone: &str,
        year: Option<i32>,
        place: &str,
    ) -> PersonKey {
        let list = |s: &str| {
            if s.is_empty() {
                vec![]
            } else {
                vec![s.to_owned()]
            }
        };
        PersonKey::new(first, last, &list(email), &list(phone), year, &list(place))
    }

    #[test]
    fn the_evidence_ranks_as_a_coordinator_would() {
        let anna = key(
            "Anna",
            "Lind",
            "anna@example.se",
            "+46701234567",
            Some(1990),
            "Östersund",
        );
        let cases = [
            // (other, expected score, reasons)
            (
                key("A.", "Lindh", "Anna@Example.se", "", None, ""),
                90,
                vec![Reason::SameEmail],
            ),
            (
                key("Anna", "Lind", "", "+46701234567", None, ""),
                85,
                vec![Reason::SamePhone, Reason::SameName],
            ),
            (
                key("Erik", "Lind", "", "+46701234567", None, ""),
                80,
                vec![Reason::SamePhone],
            ),
            (
                key("Anna", "Lind", "", "", None, "ostersund"),
                75,
                vec![Reason::SameName, Reason::SameMunicipality],
            ),
            (
                key("Ana", "Lind", "", "", None, "Östersund"),
                60,
                vec![Reason::SimilarName, Reason::SameMunicipality],
            ),
        ];
        for (other, score, reasons) in cases {
            let l =
                person_likeness(&anna, &other).unwrap_or_else(|| panic!("{other:?} is reported"));
            assert_eq!((l.score, l.reasons), (score, reasons), "{other:?}");
        }
        // Too little: a similar name elsewhere; the same name but clearly another generation.
        assert_eq!(
            person_likeness(&anna, &key("Ana", "Lind", "", "", None, "Åre")),
            None
        );
        assert_eq!(
            person_likeness(&anna, &key("Anna", "Lind", "", "", None, "Åre")),
            None
        );
        assert_eq!(
            person_likeness(&anna, &key("Anna", "Lind", "", "", Some(1955), "Östersund")),
            None
        );
        assert_eq!(
            person_likeness(&anna, &key("Omar", "Haddad", "", "", None, "Östersund")),
            None
        );
    }

    fn arb_key() -> impl Strategy<Value = PersonKey> {
        let name = prop::sample::select(vec!["Anna", "Ana", "Åsa", "Asa", "Erik", "Omar", ""]);
        let last = prop::sample::select(vec!["Lind", "Lindh", "Öberg", "Oberg", "Haddad"]);
        let email = prop::sample::select(vec!["", "a@x.se", "b@x.se"]);
        let phone = prop::sample::select(vec!["", "+46701", "+46702"]);
        let year = prop::option::of(1950..2010i32);
        let place = prop::sample::select(vec!["", "Östersund", "Åre"]);
        (name, last, email, phone, year, place).prop_map(|(n, l, e, p, y, m)| key(n, l, e, p, y, m))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// The order of the two people never matters.
        #[test]
        fn likeness_is_symmetric(a in arb_key(), b in arb_key()) {
            prop_assert_eq!(person_likeness(&a, &b), person_likeness(&b, &a));
        }

        /// An exact copy is always found when it has a contact detail, or a first name and a
        /// municipality; a name alone is not enough.
        #[test]
        fn a_copy_is_always_found(a in arb_key()) {
            let found = person_likeness(&a, &a.clone());
            let identifiable = !a.emails.is_empty()
                || !a.phones.is_empty()
                || (!a.first.is_empty() && !a.municipalities.is_empty());
            prop_assert_eq!(found.is_some(), identifiable);
        }

        /// A look-up by name that keeps only close names never drops a pair the name counts in.
        #[test]
        fn names_close_keeps_every_name_match(a in arb_key(), b in arb_key()) {
            if let Some(l) = person_likeness(&a, &b)
                && (l.reasons.contains(&Reason::SameName) || l.reasons.contains(&Reason::SimilarName))
            {
                prop_assert!(names_close(&a.full_name(), &b.full_name()));
            }
        }

        /// Scores stay within 0..=100 and every reported pair says why.
        #[test]
        fn scores_are_bounded_and_explained(a in arb_key(), b in arb_key()) {
            if let Some(l) = person_likeness(&a, &b) {
                prop_assert!(l.score <= 100 && l.score >= REPORT_FROM);
                prop_assert!(!l.reasons.is_empty());
            }
        }
    }
}
