//! The access extract: everything about a household, as JSON and as a readable PDF in the
//! language asked for, and the read logged.

use landa_core::dto::{ConsentInput, HouseholdInput, InteractionInput, MemberInput};
use landa_core::kinds::{
    ConsentMethod, ConsentStatus, InteractionKind, LawfulBasis, MemberRole, Purpose, UiLanguage,
};
use landa_core::{Landa, OpenOptions};
use landa_report::extract;

fn landa_with_family() -> (Landa, String) {
    let mut l = Landa::open_in_memory(OpenOptions::default()).unwrap();
    l.create_user("Karin Lindgren").unwrap();
    l.generate_demo(20, 1).unwrap();
    let h = l
        .create_household(&HouseholdInput {
            notes: "Vill bo nära skidspår".into(),
            desired_municipalities: vec!["Åre".into()],
            members: vec![MemberInput {
                first_name: "Zelda".into(),
                last_name: "Östlund".into(),
                role: Some(MemberRole::Adult),
                emails: vec!["zelda@example.se".into()],
                ..Default::default()
            }],
            ..Default::default()
        })
        .unwrap()
        .id;
    let person = l.household(&h).unwrap().members[0].id.clone();
    l.record_consent(&ConsentInput {
        person_id: person,
        purpose: Purpose::ContactAboutMoving,
        basis: LawfulBasis::Consent,
        status: ConsentStatus::Given,
        text_version: Some("v1-sv".into()),
        method: ConsentMethod::Kiosk,
        note: None,
    })
    .unwrap();
    l.log_interaction(&InteractionInput {
        household_id: Some(h.clone()),
        organisation_id: None,
        kind: InteractionKind::Call,
        occurred_at: None,
        summary: "Pratade om förskoleplats".into(),
    })
    .unwrap();
    (l, h)
}

/// The text with every run of white space as one space: table cells wrap across lines.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reads(l: &Landa, subject: &str) -> i64 {
    l.connection()
        .query_row(
            "SELECT count(*) FROM read_log WHERE kind = 'access_extract' AND subject_id = ?1",
            [subject],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_extract_holds_the_records_timeline_consents_and_history_and_is_logged() {
    let (mut l, h) = landa_with_family();
    assert_eq!(reads(&l, &h), 0);
    let x = l.access_extract(&h, UiLanguage::Sv).unwrap();
    assert_eq!(reads(&l, &h), 1, "producing an extract is a logged read");

    let json: serde_json::Value = serde_json::from_slice(&extract::json(&x).unwrap()).unwrap();
    assert_eq!(json["format"], "landa-access-extract");
    let text = json.to_string();
    for needle in [
        "Zelda",
        "zelda@example.se",
        "Vill bo nära skidspår",
        "Pratade om förskoleplats",
        "v1-sv",
    ] {
        assert!(text.contains(needle), "the JSON holds `{needle}`");
    }
    assert!(
        json["consent_texts"][0]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "the consent text the person saw, by its version"
    );
    assert!(
        json["history"].as_array().is_some_and(|h| !h.is_empty()),
        "the change history comes along"
    );

    let pdf = extract::pdf(&x).unwrap();
    let read = words(&pdf_extract::extract_text_from_mem(&pdf).unwrap());
    for needle in [
        "Registerutdrag",
        "Zelda Östlund",
        "Samtycken och rättsliga grunder",
        "Kontakt om",
        "Pratade om förskoleplats",
        "Ändringshistorik",
    ] {
        assert!(read.contains(needle), "the PDF says `{needle}`");
    }
    assert!(
        read.contains("Inget registrerat."),
        "an empty section (no referrals) says so rather than vanishing"
    );
    assert!(
        extract::file_stem(&x).contains("okrypterad"),
        "the file name says it is plain"
    );
}

#[test]
fn the_extract_is_in_english_when_asked() {
    let (mut l, h) = landa_with_family();
    let x = l.access_extract(&h, UiLanguage::En).unwrap();
    let read = words(&pdf_extract::extract_text_from_mem(&extract::pdf(&x).unwrap()).unwrap());
    // A narrow cell wraps, and the text extractor joins its lines without a space.
    for needle in [
        "Access extract",
        "Consents and lawful bases",
        "Contact about",
        "Change history",
    ] {
        assert!(read.contains(needle), "the English PDF says `{needle}`");
    }
    assert!(extract::file_stem(&x).contains("unencrypted"));
}
