//! Phone numbers and email addresses as coordinators type them.

use phonenumber::country::Id as Country;
use phonenumber::{Mode, PhoneNumber};

use crate::{ValidationError, ValidationKind};

/// Normalises a phone number to E.164. Numbers without a country code are read as Swedish,
/// so `070-123 45 67` becomes `+46701234567`; `+47 912 34 567` stays Norwegian.
pub fn normalise_phone(raw: &str, field: &str) -> Result<String, ValidationError> {
    let trimmed = raw.trim();
    let invalid = || ValidationError::new(field, ValidationKind::InvalidPhone);
    if trimmed.is_empty() || trimmed.chars().filter(|c| c.is_ascii_digit()).count() < 5 {
        return Err(invalid());
    }
    // "0046…" is how many Swedish offices write international numbers.
    let prepared = match trimmed.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => trimmed.to_owned(),
    };
    let parsed: PhoneNumber =
        phonenumber::parse(Some(Country::SE), &prepared).map_err(|_| invalid())?;
    if !phonenumber::is_valid(&parsed) {
        return Err(invalid());
    }
    Ok(parsed.format().mode(Mode::E164).to_string())
}

/// What we think of an email address. An odd address is kept and warned about, never dropped:
/// the coordinator may know better than our rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailCheck {
    Ok(String),
    Odd(String),
}

pub fn check_email(raw: &str) -> Option<EmailCheck> {
    let email = raw.trim();
    if email.is_empty() {
        return None;
    }
    let lowered = email.to_lowercase();
    let plausible = match lowered.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !lowered.contains(char::is_whitespace)
                && !domain.contains("..")
        }
        None => false,
    };
    Some(if plausible {
        EmailCheck::Ok(lowered)
    } else {
        EmailCheck::Odd(email.to_owned())
    })
}

/// The forms of a phone number people search by: E.164 and the national form with a leading 0.
pub fn phone_search_forms(e164: &str) -> String {
    match e164.strip_prefix("+46") {
        Some(national) => format!("{e164} 0{national}"),
        None => e164.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn swedish_mobile_written_the_swedish_way_becomes_e164() {
        assert_eq!(
            normalise_phone("070-123 45 67", "phone").unwrap(),
            "+46701234567"
        );
        assert_eq!(
            normalise_phone("0046 70 123 45 67", "phone").unwrap(),
            "+46701234567"
        );
    }

    #[test]
    fn norwegian_number_keeps_its_country() {
        assert_eq!(
            normalise_phone("+47 912 34 567", "phone").unwrap(),
            "+4791234567"
        );
    }

    #[test]
    fn garbage_is_refused_with_the_field_named() {
        let err = normalise_phone("ring mig", "members[0].phones[0]").unwrap_err();
        assert_eq!(err.field, "members[0].phones[0]");
        assert_eq!(err.kind, ValidationKind::InvalidPhone);
    }

    #[test]
    fn odd_email_is_kept_not_dropped() {
        assert_eq!(
            check_email(" Anna@Example.SE "),
            Some(EmailCheck::Ok("anna@example.se".into()))
        );
        assert_eq!(
            check_email("anna(at)example"),
            Some(EmailCheck::Odd("anna(at)example".into()))
        );
        assert_eq!(check_email("   "), None, "blank is no email at all");
    }

    proptest! {
        #[test]
        fn any_swedish_mobile_normalises_to_the_same_e164_however_spaced(
            digits in "[0-9]{7}", sep in prop::sample::select(vec!["", " ", "-"])
        ) {
            let typed = format!("070{sep}{}{sep}{}", &digits[..3], &digits[3..]);
            let e164 = normalise_phone(&typed, "p").unwrap();
            prop_assert_eq!(e164, format!("+4670{digits}"));
        }

        #[test]
        fn normalise_phone_never_panics(s in "\\PC{0,30}") {
            let _ = normalise_phone(&s, "p");
        }
    }
}
