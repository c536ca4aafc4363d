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

// On entry: the households a household being typed looks like.

#[test]
fn on_entry_the_same_email_is_found_whatever_the_name() {
    let (mut l, _) = landa();
    let lind = l
        .create_household(&in_place(
            vec![with_contact("Anna", "Lind", "anna.lind@example.se", "")],
            "Östersund",
        ))
        .unwrap();
    // Married since, moved elsewhere, typed with capitals: only the address is the same.
    let typed = in_place(
        vec![with_contact("Anna", "Berg", "Anna.Lind@Example.se", "")],
        "Umeå",
    );
    let found = l.similar_households(&typed, None).unwrap();
    assert_eq!(found.len(), 1, "one household has that address: {found:#?}");
    let s = &found[0];
    assert_eq!(s.household.id, lind.id);
    assert_eq!(s.person.name, "Anna Lind");
    assert_eq!(s.member_index, 0);
    assert_eq!(
        s.reasons,
        vec![Reason::SameEmail],
        "the email is the reason"
    );
    assert_eq!(
        s.confidence,
        Confidence::High,
        "an email is strong evidence"
    );
}

#[test]
fn on_entry_the_same_name_in_the_same_municipality_is_found() {
    let (mut l, _) = landa();
    let erik = l
        .create_household(&in_place(
            vec![adult("Erik", "Öberg"), adult("Sara", "Öberg")],
            "Krokom",
        ))
        .unwrap();
    // The second adult typed is the match; spelled without diacritics, another place too.
    let mut typed = household(vec![adult("Jonas", "Haddad"), adult("Sara", "Oberg")]);
    typed.desired_municipalities = vec!["Åre".into(), "krokom".into()];
    let found = l.similar_households(&typed, None).unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].household.id, erik.id);
    assert_eq!(found[0].person.name, "Sara Öberg");
    assert_eq!(found[0].member_index, 1, "the second member typed matched");
    assert_eq!(
        found[0].reasons,
        vec![Reason::SameName, Reason::SameMunicipality]
    );
    assert_eq!(found[0].confidence, Confidence::Medium);
}

#[test]
fn on_entry_the_same_name_elsewhere_is_not_a_match() {
    let (mut l, _) = landa();
    l.create_household(&in_place(vec![adult("Anna", "Lind")], "Sundsvall"))
        .unwrap();
    let found = l
        .similar_households(&in_place(vec![adult("Anna", "Lind")], "Östersund"), None)
        .unwrap();
    assert!(
        found.is_empty(),
        "two Anna Lind in different municipalities are two people: {found:#?}"
    );
    // Nor without any municipality typed: a name alone is never enough.
    let mut nowhere = household(vec![adult("Anna", "Lind")]);
    nowhere.desired_municipalities.clear();
    assert!(l.similar_households(&nowhere, None).unwrap().is_empty());
}

#[test]
fn on_entry_the_household_being_edited_is_not_its_own_duplicate() {
    let (mut l, _) = landa();
    let typed = in_place(
        vec![with_contact(
            "Omar",
            "Haddad",
            "omar@example.se",
            "070-123 45 67",
        )],
        "Östersund",
    );
    let omar = l.create_household(&typed).unwrap();
    let other = l.create_household(&typed).unwrap();
    let found = l.similar_households(&typed, Some(&omar.id)).unwrap();
    let ids: Vec<&str> = found.iter().map(|s| s.household.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![other.id.as_str()],
        "editing Omar's household warns of the copy, never of itself"
    );
    assert_eq!(
        found[0].reasons,
        vec![
            Reason::SameEmail,
            Reason::SamePhone,
            Reason::SameName,
            Reason::SameMunicipality
        ]
    );
    assert_eq!(found[0].score, 100);
}

#[test]
fn on_entry_deleted_and_settled_households_are_not_found() {
    let (mut l, _) = landa();
    let typed = in_place(
        vec![with_contact(
            "Karin",
            "Berg",
            "karin@example.se",
            "070-765 43 21",
        )],
        "Östersund",
    );
    let gone = l.create_household(&typed).unwrap();
    l.delete_household(&gone.id).unwrap();
    assert!(
        l.similar_households(&typed, None).unwrap().is_empty(),
        "a deleted household leaves no trace by email, phone or name"
    );
    // A household marked as a duplicate of another is settled: only the kept one is shown.
    let kept = l.create_household(&typed).unwrap();
    let copy = l.create_household(&typed).unwrap();
    l.mark_duplicate(&copy.id, Some(kept.id.clone())).unwrap();
    let found = l.similar_households(&typed, None).unwrap();
    let ids: Vec<&str> = found.iter().map(|s| s.household.id.as_str()).collect();
    assert_eq!(ids, vec![kept.id.as_str()]);
}

#[test]
fn on_entry_the_surest_come_first_and_at_most_five() {
    let (mut l, _) = landa();
    for _ in 0..6 {
        l.create_household(&in_place(vec![adult("Ana", "Lind")], "Östersund"))
            .unwrap();
    }
    let email = l
        .create_household(&in_place(
            vec![with_contact("Anna", "Lind", "anna@example.se", "")],
            "Östersund",
        ))
        .unwrap();
    let typed = in_place(
        vec![with_contact("Anna", "Lind", "anna@example.se", "")],
        "Östersund",
    );
    let found = l.similar_households(&typed, None).unwrap();
    assert_eq!(found.len(), 5, "a warning, not a list: {found:#?}");
    assert_eq!(
        found[0].household.id, email.id,
        "the same email ranks first"
    );
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(
        found[1].reasons,
        vec![Reason::SimilarName, Reason::SameMunicipality],
        "Ana Lind in the same place is a similar name"
    );
}
