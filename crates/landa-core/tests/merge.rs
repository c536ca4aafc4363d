//! Merging duplicates: two households become one without losing a timeline entry, a stage
//! change, a consent or a link; the coordinator chooses per field; the merge is undone exactly;
//! pairs marked "not duplicates" stay out of the scan.

mod common;

use common::*;
use landa_core::Error;
use landa_core::Landa;
use landa_core::changes::verify;
use landa_core::dto::*;
use landa_core::merge::{MergeEntity, MergeInput, PairEntity};
use landa_domain::ValidationKind;
use landa_domain::kinds::*;
use landa_domain::pipeline::Stage;

fn kind(e: Error) -> ValidationKind {
    match e {
        Error::Validation(v) => v.kind,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn talk(l: &mut Landa, household: &str, summary: &str) {
    l.log_interaction(&InteractionInput {
        household_id: Some(household.into()),
        organisation_id: None,
        kind: InteractionKind::Call,
        occurred_at: None,
        summary: summary.into(),
    })
    .unwrap();
}

fn consent(l: &mut Landa, person: &str) {
    l.record_consent(&ConsentInput {
        person_id: person.into(),
        purpose: Purpose::ShareWithHosts,
        basis: LawfulBasis::PublicTask,
        status: ConsentStatus::Given,
        text_version: None,
        method: ConsentMethod::Decision,
        note: Some("Beslut 2026:12".into()),
    })
    .unwrap();
}

/// Anna at a fair in Östersund (email), and again at a fair in Åre (phone), each with history.
fn two_annas(l: &mut Landa) -> (String, String) {
    let mut anna = adult("Anna", "Lind");
    anna.emails = vec!["anna@example.se".into()];
    let mut first = household(vec![anna]);
    first.tags = vec!["Mässa Östersund".into()];
    let a = l.create_household(&first).unwrap().id;
    let mut again = adult("Anna", "Lind");
    again.phones = vec!["070-123 45 67".into()];
    let mut second = household(vec![again, child("Elsa", "Lind", 2019)]);
    second.desired_municipalities = vec!["Östersund".into(), "Åre".into()];
    second.tags = vec!["Mässa Åre".into()];
    second.notes = "Vill bo nära fjällen".into();
    let b = l.create_household(&second).unwrap().id;
    talk(l, &a, "Samtal om jobb");
    talk(l, &b, "Samtal om förskola");
    l.move_stage(&MoveStageInput {
        household_id: b.clone(),
        to_stage: Stage::Contacted,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    let b_person = l.household(&b).unwrap().members[0].id.clone();
    consent(l, &b_person);
    (a, b)
}

#[test]
fn two_households_become_one_without_losing_history_and_the_merge_is_undone() {
    let (mut l, _) = landa();
    let (a, b) = two_annas(&mut l);
    let before_a = l.household(&a).unwrap();
    let before_b = l.household(&b).unwrap();

    let preview = l.merge_preview(MergeEntity::Households, &a, &b).unwrap();
    let stage = preview.fields.iter().find(|f| f.field == "stage").unwrap();
    assert_eq!(
        (stage.kept.as_str(), stage.merged.as_str()),
        ("lead_captured", "contacted")
    );
    assert!(stage.differs);
    let tags = preview.fields.iter().find(|f| f.field == "tags").unwrap();
    assert!(tags.list, "lists are joined, not chosen");
    let moved: u32 = preview.moves.iter().map(|m| m.count).sum();
    assert!(
        preview
            .moves
            .iter()
            .any(|m| m.table == "interactions" && m.count == 1),
        "the preview says the timeline entry moves: {:?}",
        preview.moves
    );
    assert!(
        moved >= 4,
        "two members, a talk, stage history: {:?}",
        preview.moves
    );

    let merge = l
        .merge(&MergeInput {
            entity: MergeEntity::Households,
            kept_id: a.clone(),
            merged_id: b.clone(),
            take_from_merged: vec!["stage".into(), "notes".into()],
        })
        .unwrap();
    assert_eq!(merge.kept.id, a);

    let one = l.household(&a).unwrap();
    assert_eq!(
        one.stage,
        Stage::Contacted,
        "the stage chosen from the merged household"
    );
    assert_eq!(one.notes.as_deref(), Some("Vill bo nära fjällen"));
    assert_eq!(
        one.tags,
        vec!["Mässa Östersund", "Mässa Åre"],
        "both tags kept"
    );
    assert_eq!(one.desired_municipalities, vec!["Östersund", "Åre"]);
    assert_eq!(
        one.members.len(),
        3,
        "both Annas (a person pair to merge next) and Elsa"
    );
    assert_eq!(one.timeline.len(), 2, "both timelines");
    assert_eq!(
        one.stage_history.len(),
        before_a.stage_history.len() + before_b.stage_history.len(),
        "both stage histories"
    );
    assert_eq!(one.consents.len(), 1, "the consent came with its person");
    assert!(l.household(&b).is_err() || l.household(&b).unwrap().duplicate_of.is_some());
    let hits = l.search("Lind", 10).unwrap();
    assert!(
        hits.iter().all(|h| h.target_id == a),
        "search finds one household: {hits:?}"
    );
    assert!(
        verify(l.connection()).unwrap().is_empty(),
        "every row rebuilds from the log"
    );

    let summary = l.undo_merge(&merge.id).unwrap();
    assert_eq!(summary.kept, 0);
    let a_again = l.household(&a).unwrap();
    let b_again = l.household(&b).unwrap();
    assert_eq!(a_again.stage, before_a.stage);
    assert_eq!(a_again.tags, before_a.tags);
    assert_eq!(a_again.notes, before_a.notes);
    assert_eq!(a_again.members.len(), 1);
    assert_eq!(a_again.timeline.len(), 1);
    assert_eq!(b_again.members.len(), 2, "Anna and Elsa are back");
    assert_eq!(b_again.timeline.len(), 1);
    assert_eq!(b_again.stage_history.len(), before_b.stage_history.len());
    assert_eq!(b_again.consents.len(), 1);
    assert_eq!(b_again.duplicate_of, None);
    assert_eq!(
        l.search("Lind", 10).unwrap().len(),
        l.search("Lind", 10).unwrap().len()
    );
    assert!(
        l.search("Lind", 10)
            .unwrap()
            .iter()
            .any(|h| h.target_id == b),
        "b is found again"
    );
    assert!(verify(l.connection()).unwrap().is_empty());
    assert_eq!(
        kind(l.undo_merge(&merge.id).unwrap_err()),
        ValidationKind::AlreadyUndone
    );
    assert!(l.merges(10).unwrap()[0].undone_at.is_some());
}

#[test]
fn undoing_a_merge_keeps_what_was_changed_after_it() {
    let (mut l, _) = landa();
    let (a, b) = two_annas(&mut l);
    let merge = l
        .merge(&MergeInput {
            entity: MergeEntity::Households,
            kept_id: a.clone(),
            merged_id: b.clone(),
            take_from_merged: vec!["notes".into()],
        })
        .unwrap();
    // After the merge, the coordinator logs a call, renames the household and rewrites the
    // notes the merge brought.
    talk(&mut l, &a, "Efter sammanslagningen");
    let d = l.household(&a).unwrap();
    let mut edit = HouseholdInput {
        name: "Familjen Lind".into(),
        members: d
            .members
            .iter()
            .map(|m| MemberInput {
                id: Some(m.id.clone()),
                first_name: m.first_name.clone(),
                last_name: m.last_name.clone().unwrap_or_default(),
                role: Some(m.role),
                birth_year: m.birth_year,
                languages: m.languages.clone(),
                profession: m.profession.clone().unwrap_or_default(),
                emails: m.emails.clone(),
                phones: m.phones.clone(),
            })
            .collect(),
        desired_municipalities: d.desired_municipalities.clone(),
        tags: d.tags.clone(),
        notes: "Ringer i maj".into(),
        owner_id: d.owner.as_ref().map(|o| o.id.clone()),
        ..Default::default()
    };
    edit.source = d.source.clone().unwrap_or_default();
    l.update_household(&a, &edit).unwrap();

    let summary = l.undo_merge(&merge.id).unwrap();
    assert_eq!(
        summary.kept, 1,
        "the notes the merge wrote were rewritten after it"
    );
    let a_again = l.household(&a).unwrap();
    assert_eq!(a_again.name, "Familjen Lind", "a later edit is not undone");
    assert_eq!(
        a_again.notes.as_deref(),
        Some("Ringer i maj"),
        "nor is the later note"
    );
    assert_eq!(
        a_again.timeline.len(),
        2,
        "the call logged after the merge stays with the household it was logged on"
    );
    assert_eq!(l.household(&b).unwrap().members.len(), 2);
}

#[test]
fn a_person_entered_twice_is_merged_with_their_consents() {
    let (mut l, _) = landa();
    let mut omar = adult("Omar", "Haddad");
    omar.emails = vec!["omar@example.se".into()];
    let mut again = adult("Omar", "Hadad");
    again.phones = vec!["0701234567".into()];
    again.profession = "Sjuksköterska".into();
    let h = l
        .create_household(&household(vec![omar, again]))
        .unwrap()
        .id;
    let d = l.household(&h).unwrap();
    let (first, second) = (d.members[0].id.clone(), d.members[1].id.clone());
    consent(&mut l, &second);

    let preview = l
        .merge_preview(MergeEntity::Persons, &first, &second)
        .unwrap();
    let last = preview
        .fields
        .iter()
        .find(|f| f.field == "last_name")
        .unwrap();
    assert_eq!(
        (last.kept.as_str(), last.merged.as_str()),
        ("Haddad", "Hadad")
    );

    l.merge(&MergeInput {
        entity: MergeEntity::Persons,
        kept_id: first.clone(),
        merged_id: second.clone(),
        take_from_merged: vec!["profession".into()],
    })
    .unwrap();
    let d = l.household(&h).unwrap();
    assert_eq!(d.members.len(), 1);
    let omar = &d.members[0];
    assert_eq!(
        omar.last_name.as_deref(),
        Some("Haddad"),
        "the kept spelling"
    );
    assert_eq!(
        omar.profession.as_deref(),
        Some("Sjuksköterska"),
        "chosen from the other"
    );
    assert_eq!(omar.emails, vec!["omar@example.se"]);
    assert_eq!(
        omar.phones,
        vec!["+46701234567"],
        "contacts of both are kept"
    );
    assert_eq!(d.consents.len(), 1, "the consent moved to the kept person");

    let other = l
        .create_household(&household(vec![adult("Omar", "Haddad")]))
        .unwrap()
        .id;
    let stranger = l.household(&other).unwrap().members[0].id.clone();
    let refused = l.merge(&MergeInput {
        entity: MergeEntity::Persons,
        kept_id: first.clone(),
        merged_id: stranger,
        take_from_merged: vec![],
    });
    assert_eq!(kind(refused.unwrap_err()), ValidationKind::NotSameHousehold);
}

#[test]
fn organisations_merge_with_their_contact_persons() {
    let (mut l, _) = landa();
    let org = |name: &str| OrganisationInput {
        name: name.into(),
        kind: Some(OrgKind::Employer),
        ..Default::default()
    };
    let a = l.create_organisation(&org("Mittuniversitetet")).unwrap();
    let mut b_input = org("Mittuniversitetet Östersund");
    b_input.email = "info@miun.se".into();
    let b = l.create_organisation(&b_input).unwrap();
    l.add_contact_person(&ContactPersonInput {
        organisation_id: b.clone(),
        name: "Lisa HR".into(),
        role: ContactRole::Hr,
        title: String::new(),
        email: String::new(),
        phone: String::new(),
        notes: String::new(),
    })
    .unwrap();
    let m = l
        .merge(&MergeInput {
            entity: MergeEntity::Organisations,
            kept_id: a.clone(),
            merged_id: b.clone(),
            take_from_merged: vec!["email".into()],
        })
        .unwrap();
    let one = l.organisation(&a).unwrap();
    assert_eq!(one.email.as_deref(), Some("info@miun.se"));
    assert_eq!(one.contacts.len(), 1, "the contact person came along");
    assert_eq!(l.list_organisations(&Default::default()).unwrap().len(), 1);
    l.undo_merge(&m.id).unwrap();
    assert_eq!(l.list_organisations(&Default::default()).unwrap().len(), 2);
    assert_eq!(l.organisation(&b).unwrap().contacts.len(), 1);
    assert_eq!(l.organisation(&a).unwrap().email, None);
}

#[test]
fn bad_merges_are_refused_and_write_nothing() {
    let (mut l, _) = landa();
    let (a, b) = two_annas(&mut l);
    let changes = count(&l, "change_log");
    let same = MergeInput {
        entity: MergeEntity::Households,
        kept_id: a.clone(),
        merged_id: a.clone(),
        take_from_merged: vec![],
    };
    assert_eq!(
        kind(l.merge(&same).unwrap_err()),
        ValidationKind::SelfReference
    );
    let unknown = MergeInput {
        entity: MergeEntity::Households,
        kept_id: a.clone(),
        merged_id: b.clone(),
        take_from_merged: vec!["deleted".into()],
    };
    assert_eq!(
        kind(l.merge(&unknown).unwrap_err()),
        ValidationKind::UnknownValue
    );
    let missing = MergeInput {
        entity: MergeEntity::Households,
        kept_id: a.clone(),
        merged_id: "0190aaaa-0000-7000-8000-000000000000".into(),
        take_from_merged: vec![],
    };
    assert!(l.merge(&missing).is_err());
    assert_eq!(count(&l, "change_log"), changes);
}

#[test]
fn a_pair_marked_not_duplicates_leaves_the_scan() {
    let (mut l, _) = landa();
    let (a, b) = two_annas(&mut l);
    let pair_of = |l: &Landa| {
        l.duplicate_scan(50).unwrap().into_iter().any(|p| {
            [&p.a.household.id, &p.b.household.id].contains(&&a)
                && [&p.a.household.id, &p.b.household.id].contains(&&b)
        })
    };
    assert!(
        pair_of(&l),
        "same name in the same municipality is found at first"
    );
    l.mark_not_duplicates(PairEntity::Households, &b, &a)
        .unwrap();
    assert!(!pair_of(&l), "the pair is settled");
    l.mark_not_duplicates(PairEntity::Households, &a, &b)
        .unwrap();
    assert_eq!(
        count(&l, "not_duplicates"),
        1,
        "marking again changes nothing"
    );
    assert!(verify(l.connection()).unwrap().is_empty());
}
