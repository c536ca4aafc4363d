mod common;

use common::*;
use landa_core::ErrorCode;
use landa_core::dto::*;
use landa_domain::kinds::*;
use landa_domain::pipeline::{Phase, Stage};

#[test]
fn organisations_have_contacts_participation_and_linked_households() {
    let (mut l, _) = landa();
    let org = l
        .create_organisation(&OrganisationInput {
            name: "Östersunds kommun".into(),
            kind: Some(OrgKind::Municipality),
            participating: true,
            ..Default::default()
        })
        .unwrap();
    let contact = l
        .add_contact_person(&ContactPersonInput {
            organisation_id: org.clone(),
            name: "Lena Bostad".into(),
            role: ContactRole::Housing,
            title: String::new(),
            email: String::new(),
            phone: "063-14 30 00".into(),
            notes: String::new(),
        })
        .unwrap();
    let h = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    l.link_household(&OrgLinkInput {
        household_id: h.clone(),
        organisation_id: org.clone(),
        person_id: None,
        contact_person_id: Some(contact.clone()),
        purpose: LinkPurpose::Housing,
        status: None,
        note: "Söker hyresrätt".into(),
        referred_on: None,
        follow_up_on: None,
    })
    .unwrap();
    let d = l.organisation(&org).unwrap();
    assert_eq!(
        d.participating_since.as_deref(),
        Some("2026-11-23"),
        "joining date defaults to today"
    );
    assert_eq!(d.contacts[0].phone.as_deref(), Some("+4663143000"));
    assert_eq!(
        (d.links[0].household_name.as_str(), d.links[0].status),
        ("Anna Lind", LinkStatus::Suggested)
    );
    assert_eq!(
        d.links[0].contact_person_name.as_deref(),
        Some("Lena Bostad")
    );
    assert_eq!(
        l.household(&h).unwrap().links.len(),
        1,
        "the link shows on the household page too"
    );
    let rows = l
        .list_organisations(&OrganisationFilter {
            participating_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        (rows.len(), rows[0].households, rows[0].contacts),
        (1, 1, 1)
    );
    let other_org = l
        .create_organisation(&OrganisationInput {
            name: "Jämtbygg".into(),
            ..Default::default()
        })
        .unwrap();
    let wrong = OrgLinkInput {
        household_id: h,
        organisation_id: other_org,
        person_id: None,
        contact_person_id: Some(contact),
        purpose: LinkPurpose::JobLead,
        status: None,
        note: String::new(),
        referred_on: None,
        follow_up_on: None,
    };
    assert_eq!(
        l.link_household(&wrong)
            .unwrap_err()
            .to_api()
            .field
            .as_deref(),
        Some("contact_person_id"),
        "a contact of another organisation is refused"
    );
}

#[test]
fn my_open_tasks_come_overdue_first() {
    let (mut l, _) = landa();
    let h = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    let task = |l: &mut landa_core::Landa, title: &str, due: &str| {
        l.create_task(&TaskInput {
            title: title.into(),
            due_on: due.into(),
            owner_id: None,
            household_id: Some(h.clone()),
            organisation_id: None,
        })
        .unwrap()
    };
    task(&mut l, "Later", "2026-12-10");
    task(&mut l, "Overdue", "2026-11-01");
    let done = task(&mut l, "Done", "2026-10-01");
    l.set_task_done(&done, true).unwrap();
    let bad = l.create_task(&TaskInput {
        title: "X".into(),
        due_on: "30/11".into(),
        owner_id: None,
        household_id: Some(h.clone()),
        organisation_id: None,
    });
    assert_eq!(bad.unwrap_err().to_api().field.as_deref(), Some("due_on"));
    let tasks = l
        .list_tasks(&TaskFilter {
            mine: true,
            include_done: false,
        })
        .unwrap();
    let titles: Vec<_> = tasks
        .iter()
        .map(|t| (t.title.as_str(), t.overdue))
        .collect();
    assert_eq!(titles, [("Overdue", true), ("Later", false)]);
}

#[test]
fn the_dashboard_counts_phases_arrivals_participants_and_overdue_tasks() {
    let (mut l, _) = landa();
    let a = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    let b = l
        .create_household(&household(vec![adult("Erik", "Berg")]))
        .unwrap()
        .id;
    l.create_household(&household(vec![adult("Omar", "Haddad")]))
        .unwrap();
    l.move_stage(&MoveStageInput {
        household_id: a.clone(),
        to_stage: Stage::Arrived,
        reason: None,
        arrived_on: Some("2026-03-01".into()),
    })
    .unwrap();
    l.move_stage(&MoveStageInput {
        household_id: b.clone(),
        to_stage: Stage::NotMoving,
        reason: Some("Familjeskäl".into()),
        arrived_on: None,
    })
    .unwrap();
    let future = l.move_stage(&MoveStageInput {
        household_id: b,
        to_stage: Stage::Arrived,
        reason: Some("x".into()),
        arrived_on: Some("2027-01-01".into()),
    });
    assert_eq!(
        future.unwrap_err().to_api().field.as_deref(),
        Some("arrived_on"),
        "no arrivals in the future"
    );
    l.create_organisation(&OrganisationInput {
        name: "Jämtbygg".into(),
        participating: true,
        ..Default::default()
    })
    .unwrap();
    l.create_task(&TaskInput {
        title: "Ring".into(),
        due_on: "2026-11-20".into(),
        owner_id: None,
        household_id: Some(a),
        organisation_id: None,
    })
    .unwrap();
    let d = l.dashboard().unwrap();
    let phase = |p| d.per_phase.iter().find(|c| c.phase == p).unwrap().count;
    assert_eq!(
        (
            phase(Phase::Attract),
            phase(Phase::Welcome),
            phase(Phase::Closed)
        ),
        (1, 1, 1)
    );
    assert_eq!(d.arrived_this_year, 1);
    // Overdue: "Ring" and the six-month check-in booked at arrival (due 2026-09-01).
    assert_eq!(
        (
            d.participating_organisations,
            d.overdue_tasks,
            d.my_overdue_tasks
        ),
        (1, 2, 2)
    );
}

#[test]
fn search_finds_partial_words_any_case_and_accents_across_kinds() {
    let (mut l, _) = landa();
    let mut a = adult("Åsa", "Öberg");
    a.profession = "Sjuksköterska".into();
    a.emails = vec!["asa.oberg@example.se".into()];
    a.phones = vec!["070-123 45 67".into()];
    let h = l.create_household(&household(vec![a])).unwrap().id;
    let org = l
        .create_organisation(&OrganisationInput {
            name: "Östersunds kommun".into(),
            ..Default::default()
        })
        .unwrap();
    let kinds = |q: &str| {
        l.search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.target_id))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds("ÖBERG"),
        vec![(SearchKind::Household, h.clone())],
        "case-insensitive; one hit per household"
    );
    assert_eq!(
        kinds("oberg"),
        vec![(SearchKind::Household, h.clone())],
        "accent-insensitive"
    );
    assert_eq!(
        kinds("sköterska"),
        vec![(SearchKind::Person, h.clone())],
        "partial word in profession"
    );
    assert_eq!(
        kinds("0701234"),
        vec![(SearchKind::Person, h.clone())],
        "phone as typed nationally"
    );
    assert_eq!(
        kinds("example.se"),
        vec![(SearchKind::Person, h.clone())],
        "email"
    );
    assert_eq!(
        kinds("ostersund"),
        vec![
            (SearchKind::Organisation, org),
            (SearchKind::Household, h.clone())
        ],
        "the name match ranks before the household that only wishes to move there"
    );
    assert_eq!(
        kinds("ås"),
        vec![(SearchKind::Household, h)],
        "two letters match the start of a name"
    );
    assert!(
        kinds("\"; DROP TABLE households; --").is_empty(),
        "query text is never SQL or FTS syntax"
    );
}

#[test]
fn search_ranks_name_matches_before_other_text() {
    let (mut l, _) = landa();
    let mut noted = adult("Erik", "Berg");
    noted.profession = "Lindarbetare".into();
    l.create_household(&household(vec![noted])).unwrap();
    let lind = l
        .create_household(&household(vec![adult("Lind", "Svensson")]))
        .unwrap()
        .id;
    let hits = l.search("lind", 10).unwrap();
    assert_eq!(
        hits[0].target_id, lind,
        "a name starting with the query ranks first: {hits:?}"
    );
}

#[test]
fn demo_data_is_deterministic_and_covers_every_phase() {
    let make = || {
        let (mut l, _) = landa();
        l.generate_demo(120, 42).unwrap();
        let names: Vec<String> = l
            .list_households(&HouseholdFilter {
                limit: Some(500),
                phase: None,
                ..Default::default()
            })
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.name)
            .collect();
        (l, names)
    };
    let (l, first) = make();
    let (_, second) = make();
    assert_eq!(first, second, "same seed and day, same data");
    let d = l.dashboard().unwrap();
    for p in d.per_phase {
        assert!(
            p.count > 0,
            "demo data must show every phase, {:?} is empty",
            p.phase
        );
    }
    assert!(
        landa_core::changes::verify(l.connection())
            .unwrap()
            .is_empty(),
        "demo data goes through the change log"
    );
    assert_eq!(l.stats().unwrap().households, 120);
    let unknown = l
        .household(&uuid::Uuid::nil().to_string())
        .unwrap_err()
        .to_api();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}

#[test]
fn search_finds_any_name_word_from_the_first_letters_and_combines_words() {
    let (mut l, _) = landa();
    let lind = l
        .create_household(&household(vec![
            adult("Anna", "Lind"),
            adult("Omar", "Haddad"),
        ]))
        .unwrap()
        .id;
    let mut other = adult("Anna", "Berg");
    other.profession = "Lindarbetare".into();
    let berg = l.create_household(&household(vec![other])).unwrap().id;
    let targets = |q: &str| {
        l.search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.target_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        targets("li"),
        vec![lind.clone()],
        "the start of a last name, from two letters"
    );
    assert_eq!(
        targets("had"),
        vec![lind.clone()],
        "a member's last name finds the household"
    );
    assert_eq!(
        targets("anna lin"),
        vec![lind.clone(), berg.clone()],
        "the name match first, then other text"
    );
    assert_eq!(targets("berg anna"), vec![berg], "words in any order");
}
