//! Fair and kiosk leads, events' money, and what came of the leads: the rules, without I/O.

use serde::{Deserialize, Serialize};

use crate::kinds::Purpose;
use crate::pipeline::Stage;
use crate::{ValidationError, ValidationKind};

/// The oldest age a child can be given at a fair; older children are adults in the household.
pub const MAX_CHILD_AGE: u8 = 17;
/// At most this many children per lead: more is almost surely a typing slip.
pub const MAX_CHILDREN: usize = 12;

/// Birth years for children given by age at a fair. A child aged 7 in 2026 was born in 2019
/// or 2018; we take the later year and say so in the docs (the coordinator corrects it later).
pub fn birth_years_from_ages(
    ages: &[Option<u8>],
    current_year: i32,
) -> Result<Vec<Option<i32>>, ValidationError> {
    if ages.len() > MAX_CHILDREN {
        return Err(ValidationError::new("children", ValidationKind::TooLong));
    }
    ages.iter()
        .enumerate()
        .map(|(i, age)| match age {
            None => Ok(None),
            Some(a) if *a <= MAX_CHILD_AGE => Ok(Some(current_year - i32::from(*a))),
            Some(_) => Err(ValidationError::new(
                format!("children[{i}]"),
                ValidationKind::ImpossibleAge,
            )),
        })
        .collect()
}

/// Parses an amount of Swedish kronor as people type it — `12 500`, `12500,50`, `1 200.5 kr`
/// — into whole öre, so money is exact. Negative and absurd amounts are refused.
pub fn parse_kronor(raw: &str, field: &str) -> Result<Option<i64>, ValidationError> {
    let invalid = || ValidationError::new(field, ValidationKind::InvalidAmount);
    let mut text: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    for suffix in ["kr", "SEK", "sek", ":-"] {
        if let Some(t) = text.strip_suffix(suffix) {
            text = t.to_owned();
        }
    }
    if text.is_empty() {
        return Ok(None);
    }
    let text = text.replace(',', ".");
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text.as_str(), ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || whole.len() > 12
    {
        return Err(invalid());
    }
    let kronor: i64 = whole.parse().map_err(|_| invalid())?;
    let ore: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| invalid())? * 10,
        _ => fraction.parse().map_err(|_| invalid())?,
    };
    Ok(Some(kronor * 100 + ore))
}

/// Öre as a plain decimal string ("12500.50", "300"): what crosses to the UI, which formats it.
pub fn format_ore(ore: i64) -> String {
    let (kr, rest) = (ore / 100, ore % 100);
    if rest == 0 {
        kr.to_string()
    } else {
        format!("{kr}.{rest:02}")
    }
}

/// A staff PIN for leaving kiosk mode: 4 to 8 digits.
pub fn check_pin(pin: &str) -> Result<(), ValidationError> {
    let ok = (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("pin", ValidationKind::InvalidPin))
    }
}

/// Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return as a formula (OWASP "CSV injection"). Such cells get a leading apostrophe, which
/// Excel and LibreOffice show as plain text.
pub fn csv_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '|' | '%') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// How far a lead got, from every stage it has ever been in. A lead that was contacted and
/// then closed as *not moving* still counts as contacted: the funnel shows what happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reached {
    pub contacted: bool,
    pub engaged: bool,
    pub arrived: bool,
    pub retained: bool,
}

impl Reached {
    pub fn from_stages(stages: impl IntoIterator<Item = Stage>) -> Self {
        let mut furthest: Option<usize> = None;
        let mut moved_away = false;
        for s in stages {
            moved_away |= s == Stage::MovedAway;
            if let Some(o) = s.order() {
                furthest = Some(furthest.map_or(o, |f| f.max(o)));
            }
        }
        let at_least = |stage: Stage| match (furthest, stage.order()) {
            (Some(f), Some(o)) => f >= o,
            _ => false,
        };
        Reached {
            contacted: at_least(Stage::Contacted),
            engaged: at_least(Stage::Engaged),
            // Only households that had arrived can move away.
            arrived: at_least(Stage::Arrived) || moved_away,
            retained: at_least(Stage::Retained),
        }
    }
}

/// The consent text a new database starts with for each purpose, in Swedish and English.
/// Coordinators publish their own wording as a new version; old versions are kept forever.
pub fn default_consent_text(purpose: Purpose) -> (&'static str, &'static str) {
    match purpose {
        Purpose::ContactAboutMoving => (
            "Jag vill att regionens inflyttarservice kontaktar mig om att flytta hit och sparar mina uppgifter för det. Jag kan när som helst ta tillbaka mitt samtycke.",
            "I want the region's relocation service to contact me about moving here and to keep my details for that purpose. I can withdraw my consent at any time.",
        ),
        Purpose::ShareWithEmployers => (
            "Mina och min partners uppgifter om yrke och kontakt får delas med arbetsgivare i regionen som kan ha jobb åt oss.",
            "My and my partner's details about professions and contact may be shared with employers in the region who may have jobs for us.",
        ),
        Purpose::ShareWithHosts => (
            "Mina uppgifter får delas med en volontär värd som hjälper oss att komma in i det sociala livet när vi har flyttat hit.",
            "My details may be shared with a volunteer host who helps us into social life once we have moved here.",
        ),
        Purpose::Newsletter => (
            "Jag vill få nyhetsbrev om att bo och arbeta i regionen via e-post.",
            "I want to receive newsletters about living and working in the region by email.",
        ),
        Purpose::StoryAndPhoto => (
            "Min berättelse och bilder på mig får användas i regionens marknadsföring.",
            "My story and photos of me may be used in the region's marketing.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kronor_as_swedes_type_them() {
        assert_eq!(parse_kronor("12 500", "cost"), Ok(Some(1_250_000)));
        assert_eq!(parse_kronor("12500,50", "cost"), Ok(Some(1_250_050)));
        assert_eq!(parse_kronor("1 200.5 kr", "cost"), Ok(Some(120_050)));
        assert_eq!(parse_kronor("  ", "cost"), Ok(None), "blank means no cost");
        for bad in ["-5", "12,345", "1e3", "tio", "1.2.3"] {
            assert!(parse_kronor(bad, "cost").is_err(), "{bad} must be refused");
        }
    }

    #[test]
    fn children_ages_become_birth_years_and_adults_are_refused() {
        assert_eq!(
            birth_years_from_ages(&[Some(7), None, Some(0)], 2026),
            Ok(vec![Some(2019), None, Some(2026)])
        );
        let err = birth_years_from_ages(&[Some(4), Some(18)], 2026).unwrap_err();
        assert_eq!(err.field, "children[1]", "the error names the child");
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(check_pin("1234").is_ok());
        assert!(check_pin("12345678").is_ok());
        for bad in ["123", "123456789", "12a4", ""] {
            assert!(check_pin(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn funnel_counts_what_a_lead_ever_reached() {
        use Stage::*;
        let r = Reached::from_stages([LeadCaptured, Contacted, NotMoving]);
        assert!(r.contacted && !r.engaged && !r.arrived);
        let r = Reached::from_stages([LeadCaptured, Moving, Arrived, MovedAway]);
        assert!(r.contacted && r.engaged && r.arrived && !r.retained);
        let r = Reached::from_stages([Retained]);
        assert!(r.retained && r.arrived, "retained implies arrived");
        assert_eq!(Reached::from_stages([LeadCaptured]), Reached::default());
    }

    proptest! {
        #[test]
        fn money_round_trips(ore in 0i64..100_000_000_000) {
            prop_assert_eq!(parse_kronor(&format_ore(ore), "cost"), Ok(Some(ore)));
            let swedish = format_ore(ore).replace('.', ",");
            prop_assert_eq!(parse_kronor(&swedish, "cost"), Ok(Some(ore)));
        }

        #[test]
        fn no_csv_cell_can_start_a_formula(cell in "\\PC{0,20}") {
            let safe = csv_safe(&cell);
            let first = safe.chars().next();
            prop_assert!(!matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r' | '|' | '%')));
            // Nothing is lost: the original follows the guard.
            prop_assert!(safe.ends_with(&cell));
        }

        #[test]
        fn the_funnel_never_widens(stages in proptest::collection::vec(0usize..Stage::ALL.len(), 0..8)) {
            let r = Reached::from_stages(stages.iter().map(|i| Stage::ALL[*i]));
            // Each step implies the one before it, so counts can only shrink down the funnel.
            prop_assert!(!r.engaged || r.contacted);
            prop_assert!(!r.arrived || r.engaged || stages.iter().any(|i| Stage::ALL[*i] == Stage::MovedAway));
            prop_assert!(!r.retained || r.arrived);
        }
    }
}
