//! The household use cases, as a coordinator uses them.

mod common;

use common::*;
use landa_core::ErrorCode;
use landa_core::dto::*;
use landa_domain::kinds::{ConsentMethod, ConsentStatus, InteractionKind, LawfulBasis, Purpose};
use landa_domain::pipeline::{Phase, Stage};

#[test]
fn a_new_household_starts_as_a_lead_with_its_members_and_first_history_row() {
    let (mut l, _) = landa();
    let mut anna = adult("Anna", "Lind");
    anna.emails = vec!["Anna.Lind@Example.se".into()];
    anna.phones = vec!["070-123 45 67".into()];
    anna.profession = "Sjuksköterska".into();
    let saved = l
        .create_household(&household(vec![
            anna,
            adult("Erik", "Lind"),
            child("Elsa", "Lind", 2019),
        ]))
        .unwrap();
    let d = l.household(&saved.id).unwrap();
    assert_eq!(
        d.name, "Anna & Erik Lind",
        "a blank name is derived from the adults"
    );
    assert_eq!(d.stage, Stage::LeadCaptured);
    assert_eq!(d.members.len(), 3);
    assert_eq!(
        d.members[0].phones,
        vec!["+46701234567"],
        "phones are stored as E.164"
    );
    assert_eq!(d.members[0].emails, vec!["anna.lind@example.se"]);
    assert_eq!(
        d.stage_history.len(),
        1,
        "the first stage is part of the history"
    );
    assert_eq!(
        d.stage_history[0].changed_by.as_deref(),
        Some("Karin Lindgren")
    );
    assert_eq!(
        d.owner.map(|o| o.name).as_deref(),
        Some("Karin Lindgren"),
        "the creator owns it by default"
    );
}

#[test]
fn bad_input_is_refused_with_a_field_and_nothing_is_written() {
    let (mut l, _) = landa();
    let before = count(&l, "change_log");
    let cases: Vec<(HouseholdInput, &str)> = vec![
        (
            household(vec![adult("  ", "Lind")]),
            "members[0].first_name",
        ),
        (
            household(vec![adult("Anna", "Lind"), child("Elsa", "Lind", 2031)]),
            "members[1].birth_year",
        ),
        (household(vec![child("Elsa", "Lind", 2019)]), "members"),
        (
            HouseholdInput {
                owner_id: Some("not-an-id".into()),
                ..household(vec![adult("A", "B")])
            },
            "owner_id",
        ),
        (
            HouseholdInput {
                members: vec![{
                    let mut a = adult("A", "B");
                    a.phones = vec!["ring mig".into()];
                    a
                }],
                ..Default::default()
            },
            "members[0].phones[0]",
        ),
    ];
    for (input, field) in cases {
        let err = l.create_household(&input).unwrap_err().to_api();
        assert_eq!(err.code, ErrorCode::Validation, "{field}");
        assert_eq!(
            err.field.as_deref(),
            Some(field),
            "the error must name the input"
        );
    }
    let dangling = HouseholdInput {
        owner_id: Some(uuid::Uuid::nil().to_string()),
        ..household(vec![adult("A", "B")])
    };
    assert_eq!(
        l.create_household(&dangling).unwrap_err().to_api().code,
        ErrorCode::NotFound,
        "dangling id"
    );
    assert_eq!(
        count(&l, "households"),
        0,
        "a refused household leaves no row"
    );
    assert_eq!(count(&l, "change_log"), before, "and no change-log entry");
}

#[test]
fn an_odd_email_is_saved_with_a_warning() {
    let (mut l, _) = landa();
    let mut a = adult("Anna", "Lind");
    a.emails = vec!["anna(at)lind".into()];
    let saved = l.create_household(&household(vec![a])).unwrap();
    assert_eq!(
        saved.warnings,
        vec![WarningDto {
            field: "members[0].emails[0]".into(),
            code: "odd_email".into()
        }]
    );
    assert_eq!(
        l.household(&saved.id).unwrap().members[0].emails,
        vec!["anna(at)lind"],
        "kept, not dropped"
    );
}

#[test]
fn moving_through_the_pipeline_records_who_when_why_and_the_arrival_date() {
    let (mut l, clock) = landa();
    let id = l
        .create_household(&household(vec![adult("Omar", "Haddad")]))
        .unwrap()
        .id;
    let mv = |to, reason: Option<&str>| MoveStageInput {
        household_id: id.clone(),
        to_stage: to,
        reason: reason.map(Into::into),
        arrived_on: None,
    };
    l.move_stage(&mv(Stage::Decided, None)).unwrap();
    clock.advance(chrono::Duration::days(30));
    let row = l.move_stage(&mv(Stage::Arrived, None)).unwrap();
    assert_eq!(row.phase, Phase::Welcome);
    let d = l.household(&id).unwrap();
    assert_eq!(
        d.arrived_on.as_deref(),
        Some("2026-12-23"),
        "reaching arrived records the date"
    );
    let back = l.move_stage(&mv(Stage::Moving, None)).unwrap_err().to_api();
    assert_eq!(
        back.code,
        ErrorCode::ReasonRequired,
        "moving backwards needs a reason"
    );
    l.move_stage(&mv(Stage::Moving, Some("Registrerad för tidigt")))
        .unwrap();
    let d = l.household(&id).unwrap();
    assert_eq!(
        d.arrived_on, None,
        "back before arrival, no longer counted as arrived"
    );
    assert_eq!(
        d.stage_history[0].reason.as_deref(),
        Some("Registrerad för tidigt")
    );
    assert_eq!(d.stage_history.len(), 4);
    let close = l
        .move_stage(&mv(Stage::MovedAway, Some("x")))
        .unwrap_err()
        .to_api();
    assert_eq!(
        close.code,
        ErrorCode::InvalidStageTransition,
        "cannot move away before arriving"
    );
    l.move_stage(&mv(Stage::NotMoving, Some("Partnern fick inget jobb")))
        .unwrap();
    let d = l.household(&id).unwrap();
    assert_eq!(
        (d.phase, d.closed_reason.as_deref()),
        (Phase::Closed, Some("Partnern fick inget jobb"))
    );
}

#[test]
fn logging_an_interaction_puts_it_on_the_timeline_newest_first() {
    let (mut l, clock) = landa();
    let id = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    let log = |l: &mut landa_core::Landa, kind, text: &str| {
        l.log_interaction(&InteractionInput {
            household_id: Some(id.clone()),
            organisation_id: None,
            kind,
            occurred_at: None,
            summary: text.into(),
        })
    };
    log(&mut l, InteractionKind::Call, "Ringde om förskola").unwrap();
    clock.advance(chrono::Duration::hours(2));
    log(&mut l, InteractionKind::Email, "Skickade länkar").unwrap();
    let err = log(&mut l, InteractionKind::Note, "   ")
        .unwrap_err()
        .to_api();
    assert_eq!(
        err.field.as_deref(),
        Some("summary"),
        "an empty note is refused"
    );
    let d = l.household(&id).unwrap();
    assert_eq!(
        d.timeline
            .iter()
            .map(|i| i.summary.as_str())
            .collect::<Vec<_>>(),
        ["Skickade länkar", "Ringde om förskola"]
    );
    assert_eq!(d.timeline[0].created_by.as_deref(), Some("Karin Lindgren"));
}

#[test]
fn consent_is_stored_with_its_text_version_and_withdrawal_is_a_new_record() {
    let (mut l, clock) = landa();
    let id = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    let person = l.household(&id).unwrap().members[0].id.clone();
    let consent = |status| ConsentInput {
        person_id: person.clone(),
        purpose: Purpose::Newsletter,
        basis: LawfulBasis::Consent,
        status,
        text_version: Some("nyhetsbrev-2026-1".into()),
        method: ConsentMethod::Form,
        note: None,
    };
    let missing_text = ConsentInput {
        text_version: None,
        ..consent(ConsentStatus::Given)
    };
    assert_eq!(
        l.record_consent(&missing_text)
            .unwrap_err()
            .to_api()
            .field
            .as_deref(),
        Some("text_version"),
        "consent needs the text shown"
    );
    l.record_consent(&consent(ConsentStatus::Given)).unwrap();
    clock.advance(chrono::Duration::days(1));
    l.record_consent(&consent(ConsentStatus::Withdrawn))
        .unwrap();
    let d = l.household(&id).unwrap();
    assert_eq!(
        d.consents.len(),
        2,
        "withdrawal does not erase the earlier record"
    );
    assert_eq!(
        d.consents[0].status,
        ConsentStatus::Withdrawn,
        "newest first"
    );
    assert_eq!(
        d.consents[1].text_version.as_deref(),
        Some("nyhetsbrev-2026-1")
    );
}

#[test]
fn editing_members_updates_adds_and_removes_them() {
    let (mut l, _) = landa();
    let id = l
        .create_household(&household(vec![
            adult("Anna", "Lind"),
            adult("Erik", "Lind"),
        ]))
        .unwrap()
        .id;
    let d = l.household(&id).unwrap();
    let mut anna = adult("Anna", "Lind-Berg");
    anna.id = Some(d.members[0].id.clone());
    let input = HouseholdInput {
        name: "Familjen Lind".into(),
        ..household(vec![anna, child("Elsa", "Lind", 2020)])
    };
    l.update_household(&id, &input).unwrap();
    let d = l.household(&id).unwrap();
    assert_eq!(d.name, "Familjen Lind");
    let names: Vec<_> = d
        .members
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                m.first_name,
                m.last_name.clone().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        names,
        ["Anna Lind-Berg", "Elsa Lind"],
        "Erik was removed, Elsa added"
    );
    let found = l.search("Erik", 10).unwrap();
    assert!(
        found.is_empty(),
        "a removed member must leave the search index"
    );
}

#[test]
fn list_filters_by_phase_municipality_tag_and_owner_and_searches() {
    let (mut l, _) = landa();
    let other = l.create_user("Ahmed Yousef").unwrap();
    let a = l
        .create_household(&HouseholdInput {
            tags: vec!["dubbel karriär".into()],
            ..household(vec![adult("Anna", "Lind")])
        })
        .unwrap()
        .id;
    let b = l
        .create_household(&HouseholdInput {
            desired_municipalities: vec!["Åre".into()],
            owner_id: Some(other.id.clone()),
            ..household(vec![adult("Björn", "Öberg")])
        })
        .unwrap()
        .id;
    l.move_stage(&MoveStageInput {
        household_id: b.clone(),
        to_stage: Stage::Arrived,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    let ids = |f: HouseholdFilter| {
        l.list_households(&f)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(HouseholdFilter {
            phase: Some(Phase::Welcome),
            ..Default::default()
        }),
        vec![b.clone()]
    );
    assert_eq!(
        ids(HouseholdFilter {
            municipality: Some("Åre".into()),
            ..Default::default()
        }),
        vec![b.clone()]
    );
    assert_eq!(
        ids(HouseholdFilter {
            tag: Some("dubbel karriär".into()),
            ..Default::default()
        }),
        vec![a.clone()]
    );
    assert_eq!(
        ids(HouseholdFilter {
            owner_id: Some(other.id),
            ..Default::default()
        }),
        vec![b.clone()]
    );
    assert_eq!(
        ids(HouseholdFilter {
            query: Some("oberg".into()),
            ..Default::default()
        }),
        vec![b.clone()],
        "accent-insensitive"
    );
    assert_eq!(
        ids(HouseholdFilter {
            query: Some("ind".into()),
            phase: Some(Phase::Welcome),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    let page = l.list_households(&HouseholdFilter::default()).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.rows[0].id, b, "most recently updated first");
}

#[test]
fn the_board_has_one_column_per_open_stage_in_pipeline_order() {
    let (mut l, _) = landa();
    let id = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    l.move_stage(&MoveStageInput {
        household_id: id.clone(),
        to_stage: Stage::Visit,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    let board = l.board(&BoardFilter::default()).unwrap();
    let stages: Vec<Stage> = board.columns.iter().map(|c| c.stage).collect();
    assert_eq!(stages.first(), Some(&Stage::LeadCaptured));
    assert_eq!(stages.last(), Some(&Stage::Ambassador));
    assert!(
        !stages.contains(&Stage::NotMoving),
        "closed outcomes are not board columns"
    );
    let visit = board
        .columns
        .iter()
        .find(|c| c.stage == Stage::Visit)
        .unwrap();
    assert_eq!((visit.count, visit.cards[0].id.as_str()), (1, id.as_str()));
}

#[test]
fn deleting_a_household_hides_it_everywhere_but_keeps_its_history() {
    let (mut l, _) = landa();
    let id = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    l.delete_household(&id).unwrap();
    assert_eq!(
        l.household(&id).unwrap_err().to_api().code,
        ErrorCode::NotFound
    );
    assert_eq!(
        l.list_households(&HouseholdFilter::default())
            .unwrap()
            .total,
        0
    );
    assert!(l.search("Anna", 5).unwrap().is_empty());
    let deleted: i64 = l
        .connection()
        .query_row("SELECT deleted FROM households WHERE id = ?1", [&id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(deleted, 1, "a delete is a tombstone");
}
