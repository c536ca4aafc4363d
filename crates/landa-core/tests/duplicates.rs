//! The duplicate scan finds what a coordinator would call the same family, ranks it, says why,
//! and leaves settled pairs and look-alikes that are not alike enough alone.

mod common;

use common::*;
use landa_core::duplicates::{Confidence, DuplicateLevel};
use landa_domain::duplicates::Reason;

fn with_contact(first: &str, last: &str, email: &str, phone: &str) -> landa_core::dto::MemberInput {
    let mut m = adult(first, last);
    if !email.is_empty() {
        m.emails = vec![email.into()];
    }
    if !phone.is_empty() {
        m.phones = vec![phone.into()];
    }
    m
}

fn in_place(
    members: Vec<landa_core::dto::MemberInput>,
    place: &str,
) -> landa_core::dto::HouseholdInput {
    let mut h = household(members);
    h.desired_municipalities = vec![place.into()];
    h
}

#[test]
fn the_scan_ranks_likely_duplicates_with_their_reasons() {
    let (mut l, _) = landa();
    let anna = l
        .create_household(&in_place(
            vec![with_contact("Anna", "Lind", "anna@example.se", "")],
            "Östersund",
        ))
        .unwrap();
    // The same email, typed with capitals, at a later fair.
    let anna_again = l
        .create_household(&in_place(
            vec![with_contact("Anna", "Lind", "ANNA@example.se", "")],
            "Åre",
        ))
        .unwrap();
    // A similar name in the same municipality, no contact details.
    let ana = l
        .create_household(&in_place(vec![adult("Ana", "Lind")], "Östersund"))
        .unwrap();
    // The same person twice inside one household.
    let twice = l
        .create_household(&household(vec![
            with_contact("Omar", "Haddad", "", "070-123 45 67"),
            with_contact("Omar", "Haddad", "", "0701234567"),
        ]))
        .unwrap();
    // Not alike enough: another Lind elsewhere, and a namesake of another generation.
    l.create_household(&in_place(vec![adult("Erik", "Lind")], "Östersund"))
        .unwrap();
    let mut older = adult("Karin", "Berg");
    older.birth_year = Some(1950);
    let mut younger = adult("Karin", "Berg");
    younger.birth_year = Some(1995);
    l.create_household(&in_place(vec![older], "Sundsvall"))
        .unwrap();
    l.create_household(&in_place(vec![younger], "Sundsvall"))
        .unwrap();

    let pairs = l.duplicate_scan(50).unwrap();
    let households = |p: &landa_core::duplicates::DuplicatePair| {
        let mut ids = [p.a.household.id.clone(), p.b.household.id.clone()];
        ids.sort();
        ids
    };
    let sorted = |a: &str, b: &str| {
        let mut ids = [a.to_owned(), b.to_owned()];
        ids.sort();
        ids
    };

    let top = &pairs[0];
    assert_eq!(top.level, DuplicateLevel::Person);
    assert_eq!(top.a.household.id, twice.id);
    assert_eq!(
        top.reasons,
        vec![
            Reason::SamePhone,
            Reason::SameName,
            Reason::SameMunicipality
        ]
    );

    let email_pair = pairs
        .iter()
        .find(|p| households(p) == sorted(&anna.id, &anna_again.id))
        .expect("same email");
    assert_eq!(email_pair.confidence, Confidence::High);
    assert_eq!(
        email_pair.reasons,
        vec![Reason::SameEmail, Reason::SameName]
    );

    let similar = pairs
        .iter()
        .find(|p| households(p) == sorted(&anna.id, &ana.id))
        .expect("similar name, same place");
    assert_eq!(
        similar.reasons,
        vec![Reason::SimilarName, Reason::SameMunicipality]
    );
    assert_eq!(similar.confidence, Confidence::Medium);

    assert!(
        pairs.windows(2).all(|w| w[0].score >= w[1].score),
        "surest first"
    );
    assert!(
        !pairs
            .iter()
            .any(|p| p.a.person.name == "Erik Lind" || p.b.person.name == "Erik Lind"),
        "a shared family name alone is no duplicate"
    );
    assert!(
        !pairs.iter().any(|p| p.a.household.name == "Karin Berg"),
        "birth years 45 years apart outweigh a shared name and place"
    );
    assert_eq!(pairs.len(), 3, "{pairs:#?}");

    // A household already marked as a duplicate is settled and leaves the scan.
    l.mark_duplicate(&anna_again.id, Some(anna.id.clone()))
        .unwrap();
    let after = l.duplicate_scan(50).unwrap();
    assert!(
        !after
            .iter()
            .any(|p| households(p) == sorted(&anna.id, &anna_again.id))
    );
}
