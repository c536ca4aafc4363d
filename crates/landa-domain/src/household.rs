//! Rules for households and their members, applied before anything is written.

use crate::contact::{EmailCheck, check_email, normalise_phone};
use crate::kinds::MemberRole;
use crate::text::clean;
use crate::{ValidationError, ValidationKind};

pub const MAX_NAME: usize = 200;
pub const MAX_NOTE: usize = 20_000;
pub const OLDEST_BIRTH_YEAR: i32 = 1900;

/// A member as typed, before validation.
#[derive(Debug, Clone, Default)]
pub struct MemberDraft<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub role: &'a str,
    pub birth_year: Option<i32>,
    pub languages: &'a [String],
    pub profession: &'a str,
    pub emails: &'a [String],
    pub phones: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub first_name: String,
    pub last_name: Option<String>,
    pub role: MemberRole,
    pub birth_year: Option<i32>,
    pub languages: Vec<String>,
    pub profession: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

/// Something accepted but worth a second look, e.g. an email address that looks wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub field: String,
    pub code: &'static str,
}

pub fn required_text(value: &str, field: &str, max: usize) -> Result<String, ValidationError> {
    let cleaned = clean(value).ok_or_else(|| ValidationError::new(field, ValidationKind::Empty))?;
    if cleaned.chars().count() > max {
        return Err(ValidationError::new(field, ValidationKind::TooLong));
    }
    Ok(cleaned)
}

pub fn optional_text(
    value: &str,
    field: &str,
    max: usize,
) -> Result<Option<String>, ValidationError> {
    match clean(value) {
        None => Ok(None),
        Some(c) if c.chars().count() > max => {
            Err(ValidationError::new(field, ValidationKind::TooLong))
        }
        Some(c) => Ok(Some(c)),
    }
}

/// Free text where line breaks matter (notes): only trimmed.
pub fn note_text(value: &str, field: &str) -> Result<Option<String>, ValidationError> {
    let trimmed = value.trim();
    if trimmed.chars().count() > MAX_NOTE {
        return Err(ValidationError::new(field, ValidationKind::TooLong));
    }
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

/// Distinct, cleaned entries of a list (tags, languages, municipalities), order kept.
pub fn clean_list(values: &[String], field: &str) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if let Some(c) = optional_text(v, &format!("{field}[{i}]"), MAX_NAME)?
            && !out.iter().any(|o| o.to_lowercase() == c.to_lowercase())
        {
            out.push(c);
        }
    }
    Ok(out)
}

pub fn validate_birth_year(
    year: Option<i32>,
    field: &str,
    current_year: i32,
) -> Result<Option<i32>, ValidationError> {
    match year {
        Some(y) if !(OLDEST_BIRTH_YEAR..=current_year).contains(&y) => Err(ValidationError::new(
            field,
            ValidationKind::ImpossibleBirthYear,
        )),
        other => Ok(other),
    }
}

pub fn validate_member(
    draft: &MemberDraft<'_>,
    field: &str,
    current_year: i32,
) -> Result<(Member, Vec<Warning>), ValidationError> {
    let f = |name: &str| format!("{field}.{name}");
    let mut warnings = Vec::new();
    let mut emails = Vec::new();
    for (i, raw) in draft.emails.iter().enumerate() {
        match check_email(raw) {
            Some(EmailCheck::Ok(e)) => emails.push(e),
            Some(EmailCheck::Odd(e)) => {
                warnings.push(Warning {
                    field: f(&format!("emails[{i}]")),
                    code: "odd_email",
                });
                emails.push(e);
            }
            None => {}
        }
    }
    emails.dedup();
    let mut phones = Vec::new();
    for (i, raw) in draft.phones.iter().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let p = normalise_phone(raw, &f(&format!("phones[{i}]")))?;
        if !phones.contains(&p) {
            phones.push(p);
        }
    }
    let role = MemberRole::parse(draft.role, &f("role"))?;
    // A coordinator often learns only a child's age at a fair ("two kids, 4 and 7"): children
    // may be unnamed. Adults always have a name; they are who we talk to.
    let first_name = match role {
        MemberRole::Adult => required_text(draft.first_name, &f("first_name"), MAX_NAME)?,
        MemberRole::Child => {
            optional_text(draft.first_name, &f("first_name"), MAX_NAME)?.unwrap_or_default()
        }
    };
    let member = Member {
        first_name,
        last_name: optional_text(draft.last_name, &f("last_name"), MAX_NAME)?,
        role,
        birth_year: validate_birth_year(draft.birth_year, &f("birth_year"), current_year)?,
        languages: clean_list(draft.languages, &f("languages"))?,
        profession: optional_text(draft.profession, &f("profession"), MAX_NAME)?,
        emails,
        phones,
    };
    Ok((member, warnings))
}

/// The name shown for a household when the coordinator gave none: "Anna & Erik Lind".
pub fn derived_household_name(members: &[Member]) -> Option<String> {
    let adults: Vec<&Member> = members
        .iter()
        .filter(|m| m.role == MemberRole::Adult)
        .collect();
    let named = if adults.is_empty() {
        members.iter().collect()
    } else {
        adults
    };
    let first = named.first()?;
    let last_names: Vec<&str> = named
        .iter()
        .filter_map(|m| m.last_name.as_deref())
        .collect();
    let shared_last = last_names
        .first()
        .filter(|l| last_names.iter().all(|x| x == *l));
    let firsts: Vec<&str> = named.iter().map(|m| m.first_name.as_str()).collect();
    Some(match shared_last {
        Some(last) => format!("{} {last}", firsts.join(" & ")),
        None if named.len() == 1 => match &first.last_name {
            Some(l) => format!("{} {l}", first.first_name),
            None => first.first_name.clone(),
        },
        None => named
            .iter()
            .map(|m| match &m.last_name {
                Some(l) => format!("{} {l}", m.first_name),
                None => m.first_name.clone(),
            })
            .collect::<Vec<_>>()
            .join(" & "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adult<'a>(first: &'a str, last: &'a str) -> MemberDraft<'a> {
        MemberDraft {
            first_name: first,
            last_name: last,
            role: "adult",
            ..Default::default()
        }
    }

    #[test]
    fn empty_first_name_is_refused_with_its_field() {
        let err = validate_member(&adult("  ", "Lind"), "members[0]", 2026).unwrap_err();
        assert_eq!(err.field, "members[0].first_name");
        assert_eq!(err.kind, ValidationKind::Empty);
    }

    #[test]
    fn a_child_may_be_known_only_by_age() {
        let draft = MemberDraft {
            first_name: " ",
            role: "child",
            birth_year: Some(2019),
            ..Default::default()
        };
        let (m, _) = validate_member(&draft, "members[1]", 2026).unwrap();
        assert_eq!((m.first_name.as_str(), m.birth_year), ("", Some(2019)));
    }

    #[test]
    fn impossible_birth_year_is_refused() {
        let mut d = adult("Anna", "Lind");
        d.birth_year = Some(2031);
        assert_eq!(
            validate_member(&d, "m", 2026).unwrap_err().kind,
            ValidationKind::ImpossibleBirthYear
        );
        d.birth_year = Some(1850);
        assert_eq!(
            validate_member(&d, "m", 2026).unwrap_err().kind,
            ValidationKind::ImpossibleBirthYear
        );
    }

    #[test]
    fn odd_email_is_kept_with_a_warning_and_phones_are_normalised() {
        let emails = vec!["anna.lind(at)mail".to_owned(), "ANNA@lind.se".to_owned()];
        let phones = vec!["070-123 45 67".to_owned(), "0701234567".to_owned()];
        let mut d = adult("Anna", "Lind");
        d.emails = &emails;
        d.phones = &phones;
        let (m, warnings) = validate_member(&d, "members[0]", 2026).unwrap();
        assert_eq!(
            m.emails,
            vec!["anna.lind(at)mail", "anna@lind.se"],
            "odd address kept"
        );
        assert_eq!(
            warnings,
            vec![Warning {
                field: "members[0].emails[0]".into(),
                code: "odd_email"
            }]
        );
        assert_eq!(
            m.phones,
            vec!["+46701234567"],
            "the same number twice is one number"
        );
    }

    #[test]
    fn derived_name_joins_adults_sharing_a_last_name() {
        let a = validate_member(&adult("Anna", "Lind"), "a", 2026)
            .unwrap()
            .0;
        let b = validate_member(&adult("Erik", "Lind"), "b", 2026)
            .unwrap()
            .0;
        let c = validate_member(
            &MemberDraft {
                first_name: "Elsa",
                last_name: "Lind",
                role: "child",
                ..Default::default()
            },
            "c",
            2026,
        )
        .unwrap()
        .0;
        assert_eq!(
            derived_household_name(&[a.clone(), b, c]).as_deref(),
            Some("Anna & Erik Lind")
        );
        let d = validate_member(&adult("Omar", "Haddad"), "d", 2026)
            .unwrap()
            .0;
        assert_eq!(
            derived_household_name(&[a, d]).as_deref(),
            Some("Anna Lind & Omar Haddad")
        );
    }

    #[test]
    fn clean_list_drops_blanks_and_case_duplicates() {
        let v = vec![
            "Östersund".into(),
            " ".into(),
            "östersund".into(),
            "Åre".into(),
        ];
        assert_eq!(clean_list(&v, "m").unwrap(), vec!["Östersund", "Åre"]);
    }
}
