//! Lawful basis enforced where the data is used: the newsletter list holds only people whose
//! newest newsletter record is consent given. (Referrals and host matches: `integrate.rs`.)

mod common;

use common::*;
use landa_core::Landa;
use landa_core::dto::ConsentInput;
use landa_domain::kinds::*;

fn newsletter(l: &mut Landa, person: &str, status: ConsentStatus) {
    l.record_consent(&ConsentInput {
        person_id: person.into(),
        purpose: Purpose::Newsletter,
        basis: LawfulBasis::Consent,
        status,
        text_version: Some("v1-sv".into()),
        method: ConsentMethod::Kiosk,
        note: None,
    })
    .unwrap();
}

fn with_email(first: &str, last: &str, email: &str) -> landa_core::dto::MemberInput {
    landa_core::dto::MemberInput {
        emails: vec![email.into()],
        ..adult(first, last)
    }
}

/// The data rows of the CSV (after the header), as cells.
fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    text.lines()
        .skip(1)
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_newsletter_list_holds_only_those_who_consented_and_a_withdrawal_takes_them_off() {
    let (mut l, _) = landa();
    let h = l
        .create_household(&household(vec![
            with_email("Anna", "Berg", "anna@example.se"),
            with_email("Bo", "Berg", "bo@example.se"),
        ]))
        .unwrap()
        .id;
    let other = l
        .create_household(&household(vec![
            with_email("Cecilia", "Ek", "cecilia@example.se"),
            adult("David", "Ek"),
        ]))
        .unwrap()
        .id;
    let ids = |l: &Landa, h: &str| -> Vec<String> {
        l.household(h)
            .unwrap()
            .members
            .into_iter()
            .map(|m| m.id)
            .collect()
    };
    let (berg, ek) = (ids(&l, &h), ids(&l, &other));
    newsletter(&mut l, &berg[0], ConsentStatus::Given);
    newsletter(&mut l, &berg[1], ConsentStatus::Given);
    newsletter(&mut l, &berg[1], ConsentStatus::Withdrawn);
    // David consented but has no email: nothing to send to, not counted as left out either.
    newsletter(&mut l, &ek[1], ConsentStatus::Given);

    let (bytes, count) = l.export_newsletter_csv(UiLanguage::Sv).unwrap();
    assert_eq!(
        rows(&bytes),
        vec![vec![
            "Anna".to_owned(),
            "Berg".into(),
            "anna@example.se".into(),
            "Anna & Bo Berg".into()
        ]],
        "only Anna's newest newsletter record is consent given"
    );
    assert_eq!(
        (count.recipients, count.left_out),
        (1, 2),
        "Bo withdrew and Cecilia was never asked: counted, not listed"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("bo@example.se") && !text.contains("cecilia"));

    newsletter(&mut l, &berg[0], ConsentStatus::Withdrawn);
    let (bytes, count) = l.export_newsletter_csv(UiLanguage::Sv).unwrap();
    assert!(
        rows(&bytes).is_empty(),
        "a withdrawal takes effect at once: the next list leaves Anna out"
    );
    assert_eq!((count.recipients, count.left_out), (0, 3));
}
