//! Retention rules: the review list shows exactly who is due, a run removes them as erasures
//! (everything about them, a marker left) and is logged, and an automatic rule runs on its own.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use landa_core::backups::{BackupKind, BackupSettings};
use landa_core::clock::{FixedClock, RandomIds};
use landa_core::dto::*;
use landa_core::retention::{RetentionAction, RetentionKind, RetentionRuleInput};
use landa_core::{ErrorCode, Landa, OpenOptions};
use landa_domain::kinds::{ContactRole, LinkPurpose, OrgKind};
use landa_domain::pipeline::Stage;

struct World {
    l: Landa,
    old_lead: String,
    old_lead_krokom: String,
    busy_lead: String,
    new_lead: String,
    closed_long_ago: String,
    closed_lately: String,
}

fn in_municipality(first: &str, municipality: &str) -> HouseholdInput {
    HouseholdInput {
        desired_municipalities: vec![municipality.into()],
        ..household(vec![adult(first, "Gallrasson")])
    }
}

/// Households of every age, with today 2026-11-23.
fn world() -> World {
    let clock = Arc::new(FixedClock::at(t("2023-06-01T10:00:00Z")));
    let mut l = Landa::open_in_memory(OpenOptions {
        clock: clock.clone(),
        ids: Arc::new(RandomIds::seeded(3)),
    })
    .unwrap();
    l.create_user("Karin Lindgren").unwrap();
    let new = |l: &mut Landa, first: &str, m: &str| {
        l.create_household(&in_municipality(first, m)).unwrap().id
    };
    let old_lead = new(&mut l, "Gammal", "Östersund");
    let old_lead_krokom = new(&mut l, "Gammalkrokom", "Krokom");
    let busy_lead = new(&mut l, "Aktiv", "Östersund");
    let closed_long_ago = new(&mut l, "Stängd", "Östersund");
    l.move_stage(&MoveStageInput {
        household_id: closed_long_ago.clone(),
        to_stage: Stage::NotMoving,
        reason: Some("Fick jobb i Oslo".into()),
        arrived_on: None,
    })
    .unwrap();
    clock.set(t("2026-05-01T10:00:00Z"));
    let closed_lately = new(&mut l, "Nyss", "Östersund");
    l.move_stage(&MoveStageInput {
        household_id: closed_lately.clone(),
        to_stage: Stage::NotMoving,
        reason: Some("Stannar i Stockholm".into()),
        arrived_on: None,
    })
    .unwrap();
    // The busy lead was called this spring: not inactive.
    l.log_interaction(&InteractionInput {
        household_id: Some(busy_lead.clone()),
        organisation_id: None,
        kind: landa_domain::kinds::InteractionKind::Call,
        occurred_at: None,
        summary: "Pratade om sommarjobb".into(),
    })
    .unwrap();
    clock.set(t("2026-11-23T10:00:00Z"));
    let new_lead = new(&mut l, "Ny", "Östersund");
    World {
        l,
        old_lead,
        old_lead_krokom,
        busy_lead,
        new_lead,
        closed_long_ago,
        closed_lately,
    }
}

fn rule(
    kind: RetentionKind,
    months: u32,
    municipality: Option<&str>,
    automatic: bool,
) -> RetentionRuleInput {
    RetentionRuleInput {
        name: match kind {
            RetentionKind::InactiveLeads => format!("Leads utan aktivitet i {months} månader"),
            RetentionKind::Closed => format!("Avslutade efter {months} månader"),
            RetentionKind::InactiveContacts => format!("Kontaktpersoner efter {months} månader"),
        },
        kind,
        months,
        municipality: municipality.map(str::to_owned),
        project_id: None,
        organisation_kind: None,
        action: RetentionAction::Erase,
        automatic,
    }
}

fn due(l: &Landa, rule: &str) -> Vec<String> {
    l.retention_review(rule)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect()
}

#[test]
fn the_review_list_holds_exactly_the_households_due() {
    let mut w = world();
    let inactive =
        w.l.create_retention_rule(&rule(RetentionKind::InactiveLeads, 24, None, false))
            .unwrap();
    assert_eq!(
        due(&w.l, &inactive.id),
        vec![w.old_lead.clone(), w.old_lead_krokom.clone()],
        "leads untouched since 2023; not the one called this spring, not the new one, not the closed"
    );
    assert_eq!(inactive.due, 2, "the rule says how many are due");
    let krokom =
        w.l.create_retention_rule(&rule(
            RetentionKind::InactiveLeads,
            24,
            Some("Krokom"),
            false,
        ))
        .unwrap();
    assert_eq!(
        due(&w.l, &krokom.id),
        vec![w.old_lead_krokom.clone()],
        "only those wanting to move to Krokom"
    );
    let closed =
        w.l.create_retention_rule(&rule(RetentionKind::Closed, 12, None, false))
            .unwrap();
    assert_eq!(
        due(&w.l, &closed.id),
        vec![w.closed_long_ago.clone()],
        "closed in 2023, not the one closed this spring"
    );
    let review = w.l.retention_review(&closed.id).unwrap();
    assert_eq!(review[0].since, "2023-06-01", "the list says since when");
    assert!(!due(&w.l, &inactive.id).contains(&w.busy_lead));
    assert!(!due(&w.l, &inactive.id).contains(&w.new_lead));
    assert!(!due(&w.l, &closed.id).contains(&w.closed_lately));
}

#[test]
fn a_run_erases_the_due_households_and_is_logged_without_their_data() {
    let mut w = world();
    let closed =
        w.l.create_retention_rule(&rule(RetentionKind::Closed, 12, None, false))
            .unwrap();
    let run = w.l.run_retention(&closed.id, false).unwrap();
    assert_eq!(run.households, 1);
    assert!(
        run.rows >= 3,
        "the household, its person and its stage changes at least"
    );
    assert_eq!(
        run.ran_by.as_deref(),
        Some("Karin Lindgren"),
        "who confirmed it"
    );
    assert!(!run.automatic);
    assert_eq!(run.rule_name, "Avslutade efter 12 månader");
    assert_eq!(
        w.l.household(&w.closed_long_ago).unwrap_err().to_api().code,
        ErrorCode::NotFound,
        "the household is gone"
    );
    let dump = landa_store::data_dump(w.l.connection()).unwrap();
    assert!(
        !dump.contains("Stängd") && !dump.contains("Fick jobb i Oslo"),
        "its data is in no table, the log included"
    );
    let requests = w.l.erasure_requests().unwrap();
    assert_eq!(
        requests.len(),
        1,
        "each removal is an erasure, with the rule as the reason"
    );
    assert!(requests[0].reason.contains("Avslutade efter 12 månader"));
    assert!(
        w.l.household(&w.closed_lately).is_ok(),
        "the one closed lately stays"
    );
    assert!(
        landa_core::changes::verify(w.l.connection())
            .unwrap()
            .is_empty()
    );
    let again = w.l.run_retention(&closed.id, false).unwrap();
    assert_eq!(again.households, 0, "nothing is due twice");
    assert_eq!(
        w.l.retention_runs().unwrap().len(),
        2,
        "every run is logged, even an empty one"
    );
}

#[test]
fn an_automatic_rule_runs_on_schedule_and_a_manual_one_waits() {
    let mut w = world();
    let manual =
        w.l.create_retention_rule(&rule(RetentionKind::Closed, 12, None, false))
            .unwrap();
    let automatic =
        w.l.create_retention_rule(&rule(
            RetentionKind::InactiveLeads,
            24,
            Some("Krokom"),
            true,
        ))
        .unwrap();
    let runs = w.l.run_automatic_retention().unwrap();
    assert_eq!(runs.len(), 1, "only the automatic rule runs");
    assert_eq!(runs[0].rule_id, automatic.id);
    assert_eq!(
        (
            runs[0].households,
            runs[0].ran_by.clone(),
            runs[0].automatic
        ),
        (1, None, true)
    );
    assert!(w.l.household(&w.old_lead_krokom).is_err());
    assert_eq!(
        due(&w.l, &manual.id),
        vec![w.closed_long_ago.clone()],
        "the manual rule waits for a confirmation"
    );
    assert!(
        w.l.run_automatic_retention().unwrap().is_empty(),
        "nothing due: no run"
    );
}

#[test]
fn bad_rules_are_refused_and_a_deleted_rule_is_gone() {
    let mut w = world();
    for (input, field) in [
        (
            RetentionRuleInput {
                name: " ".into(),
                ..rule(RetentionKind::Closed, 12, None, false)
            },
            "name",
        ),
        (rule(RetentionKind::Closed, 0, None, false), "months"),
        (rule(RetentionKind::Closed, 241, None, false), "months"),
    ] {
        let e = w.l.create_retention_rule(&input).unwrap_err().to_api();
        assert_eq!(e.field.as_deref(), Some(field));
    }
    assert!(
        w.l.retention_rules().unwrap().is_empty(),
        "a refused rule is not stored"
    );
    let r =
        w.l.create_retention_rule(&rule(RetentionKind::Closed, 12, None, false))
            .unwrap();
    w.l.delete_retention_rule(&r.id).unwrap();
    assert!(w.l.retention_rules().unwrap().is_empty());
    assert_eq!(
        w.l.run_retention(&r.id, false).unwrap_err().to_api().code,
        ErrorCode::NotFound
    );
}

#[test]
fn an_anonymising_rule_keeps_the_statistics_and_nothing_that_identifies_anyone() {
    let mut w = world();
    let h = w.closed_long_ago.clone();
    let stats_before = w.l.stats().unwrap();
    let stages_before = w.l.household(&h).unwrap().stage;
    let anonymise =
        w.l.create_retention_rule(&RetentionRuleInput {
            action: RetentionAction::Anonymise,
            ..rule(RetentionKind::Closed, 12, None, false)
        })
        .unwrap();
    assert_eq!(anonymise.action, RetentionAction::Anonymise);
    let run = w.l.run_retention(&anonymise.id, false).unwrap();
    assert_eq!(
        (run.households, run.action),
        (1, RetentionAction::Anonymise)
    );

    let detail = w.l.household(&h).unwrap();
    assert_eq!(
        detail.name, "Anonymiserat hushåll",
        "still there, without a name"
    );
    assert_eq!(
        detail.stage, stages_before,
        "the stage stays for the statistics"
    );
    assert_eq!(detail.desired_municipalities, vec!["Östersund".to_owned()]);
    assert_eq!(detail.members.len(), 1, "the person stays, as a count");
    assert_eq!(detail.members[0].first_name, "Anonym");
    assert_eq!(detail.members[0].last_name, None);
    let stats = w.l.stats().unwrap();
    assert_eq!(
        (stats.households, stats.persons),
        (stats_before.households, stats_before.persons),
        "nothing is removed"
    );
    let dump = landa_store::data_dump(w.l.connection()).unwrap();
    for gone in ["Stängd", "Fick jobb i Oslo"] {
        assert!(
            !dump.contains(gone),
            "`{gone}` is in no row, no change-log value, no search entry"
        );
    }
    assert!(
        dump.contains("Stannar i Stockholm"),
        "the household closed lately keeps its data"
    );
    assert!(w.l.search("stängd", 10).unwrap().is_empty());
    assert!(
        landa_core::changes::verify(w.l.connection())
            .unwrap()
            .is_empty(),
        "every row still rebuilds from the change log"
    );
    assert_eq!(
        w.l.retention_review(&anonymise.id).unwrap().len(),
        0,
        "an anonymised household is never due again"
    );
    let requests = w.l.erasure_requests().unwrap();
    assert_eq!(
        (
            requests[0].outcome.as_str(),
            requests[0].subject_id.as_str()
        ),
        ("anonymised", h.as_str()),
        "recorded like an erasure, so a restore applies it again"
    );
    let markers: i64 =
        w.l.connection()
            .query_row("SELECT count(*) FROM erased_rows", [], |r| r.get(0))
            .unwrap();
    assert_eq!(markers, 0, "nothing was erased");
}

#[test]
fn a_rule_scoped_to_a_project_reaches_only_households_wanting_its_area() {
    let mut w = world();
    let project =
        w.l.create_project(&landa_core::projects::ProjectInput {
            name: "Jämtland lockar".into(),
            funder: "Tillväxtverket".into(),
            starts_on: "2023-01-01".into(),
            ends_on: None,
            municipalities: vec!["Krokom".into(), "Strömsund".into()],
            require_trained_hosts: false,
            match_weights: landa_domain::matching::Weights::default(),
            notes: String::new(),
        })
        .unwrap();
    let scoped =
        w.l.create_retention_rule(&RetentionRuleInput {
            project_id: Some(project.clone()),
            ..rule(RetentionKind::InactiveLeads, 24, None, false)
        })
        .unwrap();
    assert_eq!(scoped.project_name.as_deref(), Some("Jämtland lockar"));
    assert_eq!(
        due(&w.l, &scoped.id),
        vec![w.old_lead_krokom.clone()],
        "only the lead wanting Krokom, in the project's area"
    );
    let e =
        w.l.create_retention_rule(&RetentionRuleInput {
            project_id: Some("0190e0a0-0000-7000-8000-000000000000".into()),
            ..rule(RetentionKind::Closed, 12, None, false)
        })
        .unwrap_err()
        .to_api();
    assert_eq!(e.code, ErrorCode::NotFound, "an unknown project is refused");
}

fn organisation(l: &mut Landa, name: &str, kind: OrgKind) -> String {
    l.create_organisation(&OrganisationInput {
        name: name.into(),
        kind: Some(kind),
        municipality: "Östersund".into(),
        website: String::new(),
        email: String::new(),
        phone: String::new(),
        participating: false,
        participating_since: None,
        notes: String::new(),
    })
    .unwrap()
}

fn contact(organisation_id: &str, name: &str, role: ContactRole) -> ContactPersonInput {
    ContactPersonInput {
        organisation_id: organisation_id.into(),
        name: name.into(),
        role,
        title: String::new(),
        email: format!("{}@example.se", name.to_lowercase().replace(' ', ".")),
        phone: String::new(),
        notes: String::new(),
    }
}

fn search_hits(l: &Landa, query: &str) -> usize {
    l.search(query, 20).unwrap().len()
}

#[test]
fn a_contact_rule_erases_inactive_contact_persons_of_one_organisation_type_and_it_sticks() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::at(t("2023-06-01T10:00:00Z")));
    let mut l = Landa::open(
        &dir.path().join("landa.db"),
        &key(),
        OpenOptions {
            clock: clock.clone(),
            ids: Arc::new(RandomIds::seeded(11)),
        },
    )
    .unwrap();
    l.create_user("Karin Lindgren").unwrap();
    l.set_backup_settings(BackupSettings {
        folder: Some(dir.path().join("kopior").to_string_lossy().into_owned()),
        keep: 5,
        automatic: true,
    })
    .unwrap();
    let employer = organisation(&mut l, "Jämtkraft", OrgKind::Employer);
    let municipality = organisation(&mut l, "Krokoms kommun", OrgKind::Municipality);
    let old = l
        .add_contact_person(&contact(&employer, "Zqv8Gammal Ström", ContactRole::Hr))
        .unwrap();
    let active = l
        .add_contact_person(&contact(&employer, "Zqv8Aktiv Ström", ContactRole::Hr))
        .unwrap();
    let at_municipality = l
        .add_contact_person(&contact(
            &municipality,
            "Zqv8Kommun Berg",
            ContactRole::Housing,
        ))
        .unwrap();
    let household = l
        .create_household(&household(vec![adult("Ylva", "Öberg")]))
        .unwrap()
        .id;
    let link = l
        .link_household(&OrgLinkInput {
            household_id: household.clone(),
            organisation_id: employer.clone(),
            person_id: None,
            contact_person_id: Some(old.clone()),
            purpose: LinkPurpose::JobLead,
            status: None,
            note: String::new(),
            referred_on: None,
            follow_up_on: None,
        })
        .unwrap();
    // This spring the active contact got a new title: not inactive.
    clock.set(t("2026-05-01T10:00:00Z"));
    l.update_contact_person(
        &active,
        &ContactPersonInput {
            title: "HR-chef".into(),
            ..contact(&employer, "Zqv8Aktiv Ström", ContactRole::Hr)
        },
    )
    .unwrap();
    clock.set(t("2026-11-24T10:00:00Z"));
    let before = l.backup_now(BackupKind::Manual).unwrap();

    let employers = l
        .create_retention_rule(&RetentionRuleInput {
            organisation_kind: Some(OrgKind::Employer),
            ..rule(RetentionKind::InactiveContacts, 24, None, false)
        })
        .unwrap();
    let every_type = l
        .create_retention_rule(&rule(RetentionKind::InactiveContacts, 24, None, false))
        .unwrap();
    assert_eq!(
        due(&l, &employers.id),
        vec![old.clone()],
        "only the employer's contact untouched for 24 months; not the one edited this spring"
    );
    let mut all = due(&l, &every_type.id);
    all.sort();
    let mut expected = vec![old.clone(), at_municipality.clone()];
    expected.sort();
    assert_eq!(all, expected, "without a type, every organisation's");
    let review = l.retention_review(&employers.id).unwrap();
    assert_eq!(review[0].organisation.as_deref(), Some("Jämtkraft"));
    assert_eq!(review[0].stage, None, "a contact person has no stage");

    let ran = l.run_retention(&employers.id, false).unwrap();
    assert_eq!(
        (ran.kind, ran.households),
        (RetentionKind::InactiveContacts, 1)
    );
    let check = |l: &Landa, when: &str| {
        let detail = l.organisation(&employer).unwrap();
        assert!(
            detail.contacts.iter().all(|c| c.id != old),
            "{when}: the contact person is gone"
        );
        assert_eq!(detail.contacts.len(), 1, "{when}: the active one stays");
        let kept = detail
            .links
            .iter()
            .find(|x| x.id == link)
            .unwrap_or_else(|| panic!("{when}: the household's link to the employer stays"));
        assert_eq!(
            kept.contact_person_name, None,
            "{when}: without the erased person's name"
        );
        let dump = landa_store::data_dump(l.connection())
            .unwrap()
            .to_lowercase();
        for trace in ["zqv8gammal", "zqv8gammal.ström@example.se"] {
            assert!(
                !dump.contains(trace),
                "{when}: `{trace}` is in no row of any table, change log and search index included"
            );
        }
        assert!(
            landa_core::changes::verify(l.connection())
                .unwrap()
                .is_empty(),
            "{when}: every remaining row (the link included) still rebuilds from the change log"
        );
        assert_eq!(
            search_hits(l, "Zqv8Gammal"),
            0,
            "{when}: search does not find the name"
        );
        assert_eq!(
            search_hits(l, "Zqv8Kommun"),
            1,
            "{when}: the municipality's contact is not the employer rule's business"
        );
    };
    check(&l, "after the run");
    assert_eq!(
        count_where(&l, "erased_rows", "id", &old),
        1,
        "a marker stays, so an older copy cannot bring the person back"
    );

    l.restore_backup(Path::new(&before.path), None).unwrap();
    check(&l, "after restoring a backup made before the run");
}

#[test]
fn a_contact_rule_takes_only_its_own_scope() {
    let mut w = world();
    let contacts = rule(RetentionKind::InactiveContacts, 24, None, false);
    for (input, field) in [
        (
            RetentionRuleInput {
                municipality: Some("Östersund".into()),
                ..contacts.clone()
            },
            "municipality",
        ),
        (
            RetentionRuleInput {
                action: RetentionAction::Anonymise,
                ..contacts.clone()
            },
            "action",
        ),
        (
            RetentionRuleInput {
                organisation_kind: Some(OrgKind::Employer),
                ..rule(RetentionKind::Closed, 12, None, false)
            },
            "organisation_kind",
        ),
    ] {
        let e = w.l.create_retention_rule(&input).unwrap_err().to_api();
        assert_eq!(
            (e.field.as_deref(), e.kind),
            (
                Some(field),
                Some(landa_domain::ValidationKind::NotForThisKind)
            ),
            "each kind of rule takes only its own scope"
        );
    }
    assert!(w.l.retention_rules().unwrap().is_empty());
}

fn count_where(l: &Landa, table: &str, column: &str, value: &str) -> i64 {
    l.connection()
        .query_row(
            &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
            [value],
            |r| r.get(0),
        )
        .unwrap()
}
