//! Fairs and events: capture, the duplicate warning, the kiosk, reconciliation, outcomes and
//! the CSV export, each checked against what a coordinator would expect to see.

mod common;

use std::sync::Arc;

use common::*;
use landa_core::clock::{FixedClock, RandomIds};
use landa_core::dto::*;
use landa_core::{ErrorCode, Landa, OpenOptions};
use landa_domain::kinds::*;
use landa_domain::pipeline::Stage;

fn event(
    l: &mut Landa,
    name: &str,
    starts: &str,
    kind: EventKind,
    t: &[FourT],
    cost: &str,
) -> String {
    l.create_event(&EventInput {
        kind: Some(kind),
        name: name.into(),
        starts_on: starts.into(),
        four_t: t.to_vec(),
        cost: cost.into(),
        ..Default::default()
    })
    .unwrap()
}

fn lead(first: &str, last: &str, email: &str, phone: &str) -> LeadInput {
    LeadInput {
        adults: vec![LeadAdult {
            first_name: first.into(),
            last_name: last.into(),
            profession: String::new(),
        }],
        email: email.into(),
        phone: phone.into(),
        ..Default::default()
    }
}

fn capture(l: &mut Landa, event_id: &str, lead: LeadInput) -> landa_core::Result<CaptureResult> {
    l.capture_lead(&CaptureInput {
        event_id: event_id.into(),
        lead,
        attach_to_household_id: None,
        follow_up_title: "Följ upp mässkontakt".into(),
    })
}

fn text_id(l: &Landa, purpose: Purpose) -> String {
    l.consent_texts()
        .unwrap()
        .into_iter()
        .find(|t| t.purpose == purpose)
        .unwrap()
        .id
}

#[test]
fn a_captured_lead_is_a_whole_household_with_event_owner_task_and_consent() {
    let (mut l, _) = landa();
    let e = event(
        &mut l,
        "Jobbmässan Umeå",
        "2026-11-23",
        EventKind::Fair,
        &[FourT::Talent],
        "",
    );
    let mut input = lead("Sara", "Nilsson", "Sara@Example.se", "070-123 45 67");
    input.adults.push(LeadAdult {
        first_name: "Jonas".into(),
        last_name: "Nilsson".into(),
        profession: "Elektriker".into(),
    });
    input.adults[0].profession = "Sjuksköterska".into();
    input.children = vec![Some(4), Some(7), None];
    input.municipalities = vec!["Östersund".into(), "Krokom".into()];
    input.time_frame = Some(TimeFrame::Within1Year);
    input.consents = vec![LeadConsent {
        purpose: Purpose::ContactAboutMoving,
        text_id: text_id(&l, Purpose::ContactAboutMoving),
        language: UiLanguage::En,
    }];
    let r = capture(&mut l, &e, input).unwrap();
    assert!(!r.attached);
    assert_eq!(r.captured_today, 1, "the running count includes this lead");

    let d = l.household(&r.household_id).unwrap();
    assert_eq!(d.name, "Sara & Jonas Nilsson");
    assert_eq!(
        d.stage,
        Stage::LeadCaptured,
        "fair leads land in lead captured"
    );
    assert_eq!(d.source_event_id.as_deref(), Some(e.as_str()));
    assert_eq!(d.owner.map(|o| o.name).as_deref(), Some("Karin Lindgren"));
    assert_eq!(d.time_frame, Some(TimeFrame::Within1Year));
    assert!(!d.self_registered);
    let sara = &d.members[0];
    assert_eq!(sara.emails, vec!["sara@example.se"], "email normalised");
    assert_eq!(
        sara.phones,
        vec!["+46701234567"],
        "phone normalised to E.164"
    );
    assert_eq!(
        d.members[1].profession.as_deref(),
        Some("Elektriker"),
        "partner's profession"
    );
    let births: Vec<Option<i32>> = d
        .members
        .iter()
        .filter(|m| m.role == MemberRole::Child)
        .map(|m| m.birth_year)
        .collect();
    assert_eq!(
        births,
        vec![Some(2022), Some(2019), None],
        "children by age"
    );

    assert_eq!(d.consents.len(), 1);
    let c = &d.consents[0];
    assert_eq!(
        (c.person_id.as_str(), c.text_version.as_deref(), c.method),
        (sara.id.as_str(), Some("v1-en"), ConsentMethod::Form),
        "consent names the text version and language the person saw"
    );
    assert_eq!(d.open_tasks.len(), 1);
    let task = &d.open_tasks[0];
    assert_eq!(
        task.due_on, "2026-11-26",
        "due after the event's default 3 days"
    );
    assert_eq!(task.event_id.as_deref(), Some(e.as_str()));
    assert_eq!(d.timeline[0].kind, InteractionKind::FairTalk);

    let detail = l.event(&e).unwrap();
    assert_eq!(detail.outcomes.leads, 1);
    assert_eq!(detail.attendees.len(), 1, "the household attended");
}

#[test]
fn follow_up_days_come_from_the_event() {
    let (mut l, _) = landa();
    let e = l
        .create_event(&EventInput {
            name: "Flytta hit-dagen".into(),
            starts_on: "2026-11-23".into(),
            follow_up_days: Some(10),
            ..Default::default()
        })
        .unwrap();
    let r = capture(&mut l, &e, lead("Ali", "Haddad", "ali@example.se", "")).unwrap();
    let d = l.household(&r.household_id).unwrap();
    assert_eq!(d.open_tasks[0].due_on, "2026-12-03");
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let (mut l, _) = landa();
    let e = event(&mut l, "Mässa", "2026-11-23", EventKind::Fair, &[], "");
    let before = count(&l, "change_log");
    let cases: Vec<(LeadInput, &str, &str)> = vec![
        (lead("Sara", "", "", ""), "email", "no_contact"),
        (
            lead("", "Nilsson", "s@example.se", ""),
            "adults[0].first_name",
            "empty",
        ),
        (lead("Sara", "", "", "12"), "phone", "invalid_phone"),
        (
            LeadInput {
                children: vec![Some(5), Some(18)],
                ..lead("Sara", "", "s@example.se", "")
            },
            "children[1]",
            "impossible_age",
        ),
    ];
    for (input, field, kind) in cases {
        let err = capture(&mut l, &e, input).unwrap_err().to_api();
        assert_eq!(err.code, ErrorCode::Validation);
        assert_eq!(err.field.as_deref(), Some(field));
        assert_eq!(
            serde_json::to_value(err.kind).unwrap(),
            serde_json::Value::from(kind)
        );
    }
    let wrong_text = LeadInput {
        consents: vec![LeadConsent {
            purpose: Purpose::Newsletter,
            text_id: text_id(&l, Purpose::ShareWithHosts),
            language: UiLanguage::Sv,
        }],
        ..lead("Sara", "", "s@example.se", "")
    };
    assert!(
        capture(&mut l, &e, wrong_text).is_err(),
        "a consent must be given on its own purpose's text"
    );
    assert_eq!(
        count(&l, "change_log"),
        before,
        "a refused lead leaves no trace"
    );
    assert_eq!(count(&l, "households"), 0);
}

#[test]
fn the_duplicate_warning_finds_emails_and_phones_however_typed() {
    let (mut l, _) = landa();
    let e = event(&mut l, "Mässa", "2026-11-23", EventKind::Fair, &[], "");
    let first = capture(
        &mut l,
        &e,
        lead("Sara", "Nilsson", "sara@example.se", "+46701234567"),
    )
    .unwrap()
    .household_id;
    let by_email = l.find_contact_matches("  SARA@example.se ", "").unwrap();
    assert_eq!(by_email.len(), 1);
    assert_eq!(
        (
            by_email[0].household_id.as_str(),
            by_email[0].matched_on.as_str()
        ),
        (first.as_str(), "email")
    );
    let by_phone = l.find_contact_matches("", "070-123 45 67").unwrap();
    assert_eq!(
        by_phone[0].matched_on, "phone",
        "070-… is the same number as +4670…"
    );
    assert!(
        l.find_contact_matches("other@example.se", "070-000 00 00")
            .unwrap()
            .is_empty()
    );
    assert!(
        l.find_contact_matches("sar", "07").unwrap().is_empty(),
        "half-typed finds nothing"
    );

    l.delete_household(&first).unwrap();
    assert!(
        l.find_contact_matches("sara@example.se", "")
            .unwrap()
            .is_empty(),
        "a deleted household is not a duplicate"
    );
}

#[test]
fn attaching_logs_the_talk_on_the_existing_household_and_adds_what_is_new() {
    let (mut l, _) = landa();
    let spring = event(&mut l, "Vårmässan", "2026-04-10", EventKind::Fair, &[], "");
    let autumn = event(&mut l, "Höstmässan", "2026-11-23", EventKind::Fair, &[], "");
    let h = capture(
        &mut l,
        &spring,
        lead("Sara", "Nilsson", "sara@example.se", ""),
    )
    .unwrap()
    .household_id;
    let households = count(&l, "households");
    let mut again = lead("Sara", "Nilsson", "SARA@example.se", "070-555 66 77");
    again.municipalities = vec!["Åre".into()];
    again.consents = vec![LeadConsent {
        purpose: Purpose::Newsletter,
        text_id: text_id(&l, Purpose::Newsletter),
        language: UiLanguage::Sv,
    }];
    let r = l
        .capture_lead(&CaptureInput {
            event_id: autumn.clone(),
            lead: again,
            attach_to_household_id: Some(h.clone()),
            follow_up_title: "Följ upp".into(),
        })
        .unwrap();
    assert!(r.attached);
    assert_eq!(r.household_id, h);
    assert_eq!(count(&l, "households"), households, "no new household");
    let d = l.household(&h).unwrap();
    assert_eq!(
        d.source_event_id.as_deref(),
        Some(spring.as_str()),
        "the first event keeps the lead"
    );
    assert_eq!(
        d.members[0].phones,
        vec!["+46705556677"],
        "the new phone is added"
    );
    assert_eq!(
        d.members[0].emails,
        vec!["sara@example.se"],
        "the same email is not doubled"
    );
    assert!(d.desired_municipalities.contains(&"Åre".to_owned()));
    assert_eq!(d.timeline.len(), 2, "both fair talks are on the timeline");
    assert_eq!(d.consents[0].purpose, Purpose::Newsletter);
    let leads = l.event_leads(&autumn).unwrap();
    assert_eq!(leads.len(), 1);
    assert!(
        !leads[0].new_lead,
        "met again, not a new lead of this event"
    );
    assert_eq!(
        l.event(&autumn).unwrap().outcomes.leads,
        0,
        "outcomes count leads first met there"
    );
}

fn file_landa(dir: &std::path::Path, clock: Arc<FixedClock>) -> Landa {
    Landa::open(
        &dir.join("landa.db"),
        &key(),
        OpenOptions {
            clock,
            ids: Arc::new(RandomIds::from_os()),
        },
    )
    .unwrap()
}

#[test]
fn the_kiosk_locks_everything_else_survives_a_restart_and_leaves_only_with_the_pin() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::at(t("2026-11-23T10:00:00Z")));
    let mut l = file_landa(dir.path(), clock.clone());
    l.create_user("Karin Lindgren").unwrap();
    let e = event(
        &mut l,
        "Flytta hit-dagen",
        "2026-11-23",
        EventKind::Fair,
        &[],
        "",
    );
    let bad_pin = l.start_kiosk(&KioskStart {
        event_id: e.clone(),
        pin: "12a".into(),
        idle_seconds: None,
        review_task_title: "Granska".into(),
    });
    assert_eq!(bad_pin.unwrap_err().to_api().field.as_deref(), Some("pin"));
    assert!(
        l.ensure_not_kiosk().is_ok(),
        "a refused start leaves the kiosk off"
    );
    l.start_kiosk(&KioskStart {
        event_id: e.clone(),
        pin: "2468".into(),
        idle_seconds: Some(60),
        review_task_title: "Granska självregistrering".into(),
    })
    .unwrap();
    assert_eq!(
        l.ensure_not_kiosk().unwrap_err().to_api().code,
        ErrorCode::KioskActive
    );
    drop(l);

    // A restart (or a visitor killing the app) comes back in kiosk mode.
    let mut l = file_landa(dir.path(), clock.clone());
    assert!(l.ensure_not_kiosk().is_err());
    let info = l.kiosk_info().unwrap().unwrap();
    assert_eq!(
        (info.event_name.as_str(), info.idle_seconds),
        ("Flytta hit-dagen", 60)
    );
    assert_eq!(info.consent_texts.len(), Purpose::ALL.len());

    let mut visitor = lead("Ingrid", "Berg", "ingrid@example.no", "");
    visitor.consents = vec![LeadConsent {
        purpose: Purpose::ContactAboutMoving,
        text_id: info.consent_texts[0].id.clone(),
        language: UiLanguage::En,
    }];
    l.kiosk_submit(&visitor).unwrap();
    // A second visitor with the same email still gets a new household: the kiosk never
    // reveals (by attaching) that someone is already known.
    l.kiosk_submit(&lead("Ingrid", "Berg", "ingrid@example.no", ""))
        .unwrap();
    assert_eq!(count(&l, "households"), 2);

    for _ in 0..4 {
        assert_eq!(
            l.exit_kiosk("0000").unwrap_err().to_api().code,
            ErrorCode::WrongPin
        );
    }
    assert_eq!(
        l.exit_kiosk("1111").unwrap_err().to_api().code,
        ErrorCode::WrongPin
    );
    assert_eq!(
        l.exit_kiosk("2468").unwrap_err().to_api().code,
        ErrorCode::PinBlocked,
        "after five wrong PINs even the right one waits"
    );
    clock.advance(chrono::Duration::seconds(61));
    l.exit_kiosk("2468").unwrap();
    assert!(l.ensure_not_kiosk().is_ok());
    assert!(l.kiosk_info().unwrap().is_none());
    drop(l);
    let l = file_landa(dir.path(), clock);
    assert!(l.ensure_not_kiosk().is_ok(), "leaving is remembered too");

    let leads = l.event_leads(&e).unwrap();
    assert!(leads.iter().all(|r| r.self_registered && !r.reviewed));
    assert_eq!(
        leads[0].possible_duplicates.len(),
        1,
        "staff see the two registrations share an email"
    );
    // Both were saved at the same (pinned) instant: find the one who ticked a consent.
    let d = leads
        .iter()
        .map(|r| l.household(&r.household_id).unwrap())
        .find(|d| !d.consents.is_empty())
        .unwrap();
    assert_eq!(d.consents[0].method, ConsentMethod::Kiosk);
    assert_eq!(d.consents[0].text_version.as_deref(), Some("v1-en"));
    assert_eq!(d.timeline[0].kind, InteractionKind::SelfRegistration);
    assert_eq!(d.open_tasks[0].title, "Granska självregistrering");
}

#[test]
fn bulk_moves_skip_what_the_rules_refuse_and_move_the_rest_together() {
    let (mut l, _) = landa();
    let e = event(&mut l, "Mässa", "2026-11-23", EventKind::Fair, &[], "");
    let a = capture(&mut l, &e, lead("A", "A", "a@example.se", ""))
        .unwrap()
        .household_id;
    let b = capture(&mut l, &e, lead("B", "B", "b@example.se", ""))
        .unwrap()
        .household_id;
    l.move_stage(&MoveStageInput {
        household_id: b.clone(),
        to_stage: Stage::Engaged,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    let input = BulkInput {
        event_id: e.clone(),
        household_ids: vec![a.clone(), b.clone()],
    };
    let r = l.bulk_move_stage(&input, Stage::Contacted, None).unwrap();
    assert_eq!(r.done, 1);
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(
        (
            r.skipped[0].household_id.as_str(),
            r.skipped[0].reason.as_str()
        ),
        (b.as_str(), "reason_required")
    );
    assert_eq!(l.household(&a).unwrap().stage, Stage::Contacted);
    assert_eq!(l.household(&b).unwrap().stage, Stage::Engaged);
    let r = l
        .bulk_move_stage(&input, Stage::Contacted, Some("Fel steg".into()))
        .unwrap();
    assert_eq!((r.done, r.skipped[0].reason.as_str()), (1, "already_there"));
    assert_eq!(
        l.household(&b).unwrap().stage_history[0].reason.as_deref(),
        Some("Fel steg")
    );
}

#[test]
fn bulk_follow_up_reschedules_this_events_task_or_creates_one() {
    let (mut l, _) = landa();
    let e = event(&mut l, "Mässa", "2026-11-23", EventKind::Fair, &[], "");
    let a = capture(&mut l, &e, lead("A", "A", "a@example.se", "")).unwrap();
    let b = l
        .create_household(&household(vec![adult("Met", "Again")]))
        .unwrap()
        .id;
    l.add_attendee(&AttendeeInput {
        event_id: e.clone(),
        household_id: Some(b.clone()),
        organisation_id: None,
    })
    .unwrap();
    let r = l
        .bulk_follow_up(&FollowUpInput {
            event_id: e.clone(),
            household_ids: vec![a.household_id.clone(), b.clone()],
            due_on: "2026-12-07".into(),
            title: "Ring efter mässan".into(),
        })
        .unwrap();
    assert_eq!(r.done, 2);
    let ta = l.household(&a.household_id).unwrap().open_tasks;
    assert_eq!(ta.len(), 1, "rescheduled, not doubled");
    assert_eq!(
        (ta[0].id.as_str(), ta[0].due_on.as_str()),
        (a.task_id.as_str(), "2026-12-07")
    );
    let tb = l.household(&b).unwrap().open_tasks;
    assert_eq!(
        (tb[0].title.as_str(), tb[0].due_on.as_str()),
        ("Ring efter mässan", "2026-12-07")
    );
}

#[test]
fn duplicates_point_at_the_original_and_drop_out_of_the_outcomes() {
    let (mut l, _) = landa();
    let e = event(&mut l, "Mässa", "2026-11-23", EventKind::Fair, &[], "");
    let a = capture(&mut l, &e, lead("A", "A", "a@example.se", ""))
        .unwrap()
        .household_id;
    let b = capture(&mut l, &e, lead("B", "B", "b@example.se", ""))
        .unwrap()
        .household_id;
    // C typed A's email at the kiosk: a possible duplicate until marked.
    let c = capture(&mut l, &e, lead("C", "C", "a@example.se", ""))
        .unwrap()
        .household_id;
    let possible = |l: &Landa, id: &str| {
        l.event_leads(&e)
            .unwrap()
            .into_iter()
            .find(|r| r.household_id == id)
            .unwrap()
            .possible_duplicates
    };
    assert_eq!(possible(&l, &a).len(), 1);
    assert_eq!(
        l.mark_duplicate(&a, Some(a.clone()))
            .unwrap_err()
            .to_api()
            .field
            .as_deref(),
        Some("duplicate_of")
    );
    l.mark_duplicate(&b, Some(a.clone())).unwrap();
    let root = l.mark_duplicate(&c, Some(b.clone())).unwrap().unwrap();
    assert_eq!(
        root.id, a,
        "the answer names the original, not the duplicate picked"
    );
    assert_eq!(
        l.household(&c).unwrap().duplicate_of.map(|d| d.id),
        Some(a.clone()),
        "a duplicate of a duplicate points at the original"
    );
    assert!(
        possible(&l, &a).is_empty(),
        "a household marked as its duplicate is no longer a possible one"
    );
    l.mark_duplicate(&a, Some(c.clone())).unwrap_err();
    assert_eq!(l.event(&e).unwrap().outcomes.leads, 1);
    l.mark_duplicate(&b, None).unwrap();
    assert_eq!(
        l.event(&e).unwrap().outcomes.leads,
        2,
        "unmarking counts it again"
    );
}

/// A hand-computed fixture: two fairs in 2026 (one with a cost), a host training, and a fair
/// in 2025.
#[test]
fn outcomes_per_event_kind_and_4t_match_a_hand_count() {
    let (mut l, clock) = landa();
    let a = event(
        &mut l,
        "Umeå",
        "2026-03-01",
        EventKind::Fair,
        &[FourT::Talent, FourT::TerritorialAssets],
        "10 000",
    );
    let b = event(
        &mut l,
        "Stockholm",
        "2026-05-01",
        EventKind::Fair,
        &[FourT::Talent],
        "",
    );
    let c = event(
        &mut l,
        "Värdkurs",
        "2026-06-01",
        EventKind::HostTraining,
        &[FourT::Tolerance],
        "3 000",
    );
    let old = event(
        &mut l,
        "Gammal",
        "2025-05-01",
        EventKind::Fair,
        &[FourT::Talent],
        "",
    );
    let to = |l: &mut Landa, h: &str, stages: &[Stage]| {
        for s in stages {
            l.move_stage(&MoveStageInput {
                household_id: h.into(),
                to_stage: *s,
                reason: Some("test".into()),
                arrived_on: None,
            })
            .unwrap();
            clock.advance(chrono::Duration::minutes(1));
        }
    };
    // Umeå: contacted then not moving; arrived then moved away in the same period; retained;
    // a duplicate that reached arrived (not counted); a lead that never moved.
    let a1 = capture(&mut l, &a, lead("A1", "", "a1@x.se", ""))
        .unwrap()
        .household_id;
    to(&mut l, &a1, &[Stage::Contacted, Stage::NotMoving]);
    let a2 = capture(&mut l, &a, lead("A2", "", "a2@x.se", ""))
        .unwrap()
        .household_id;
    to(&mut l, &a2, &[Stage::Arrived, Stage::MovedAway]);
    let a3 = capture(&mut l, &a, lead("A3", "", "a3@x.se", ""))
        .unwrap()
        .household_id;
    to(&mut l, &a3, &[Stage::Retained]);
    let a4 = capture(&mut l, &a, lead("A4", "", "a4@x.se", ""))
        .unwrap()
        .household_id;
    to(&mut l, &a4, &[Stage::Arrived]);
    l.mark_duplicate(&a4, Some(a3.clone())).unwrap();
    capture(&mut l, &a, lead("A5", "", "a5@x.se", "")).unwrap();
    // Stockholm: one engaged.
    let b1 = capture(&mut l, &b, lead("B1", "", "b1@x.se", ""))
        .unwrap()
        .household_id;
    to(&mut l, &b1, &[Stage::Engaged]);
    // The host training brought no leads; the 2025 fair one arrival.
    let o1 = capture(&mut l, &old, lead("O1", "", "o1@x.se", ""))
        .unwrap()
        .household_id;
    to(&mut l, &o1, &[Stage::Arrived]);

    let r = l.event_outcomes(Some(2026)).unwrap();
    let umea = &r
        .by_event
        .iter()
        .find(|e| e.event.id == a)
        .unwrap()
        .outcomes;
    assert_eq!(
        (
            umea.leads,
            umea.contacted,
            umea.engaged,
            umea.arrived,
            umea.retained
        ),
        (4, 3, 2, 2, 1),
        "A1 contacted; A2 arrived (and left); A3 retained; A5 nothing; A4 is a duplicate"
    );
    assert_eq!(umea.cost.as_deref(), Some("10000"));
    assert_eq!(umea.cost_per_arrived.as_deref(), Some("5000"));
    let fairs = r.by_kind.iter().find(|g| g.key == EventKind::Fair).unwrap();
    assert_eq!(
        (fairs.events, fairs.outcomes.leads, fairs.outcomes.engaged),
        (2, 5, 3)
    );
    assert_eq!(
        fairs.outcomes.cost_per_arrived.as_deref(),
        Some("5000"),
        "Stockholm had no cost, so it does not dilute Umeå's"
    );
    let training = r
        .by_kind
        .iter()
        .find(|g| g.key == EventKind::HostTraining)
        .unwrap();
    assert_eq!(
        (
            training.outcomes.leads,
            training.outcomes.cost_per_arrived.clone()
        ),
        (0, None)
    );
    let talent = r.by_four_t.iter().find(|g| g.key == FourT::Talent).unwrap();
    let territorial = r
        .by_four_t
        .iter()
        .find(|g| g.key == FourT::TerritorialAssets)
        .unwrap();
    assert_eq!((talent.events, talent.outcomes.leads), (2, 5));
    assert_eq!(
        (territorial.events, territorial.outcomes.leads),
        (1, 4),
        "Umeå counts under both its T's"
    );
    assert_eq!(r.total.leads, 5, "the 2025 fair is outside the year");
    assert!(r.by_event.iter().all(|e| e.event.id != old));
    assert_eq!(l.event_outcomes(None).unwrap().total.leads, 6);
    let _ = c;
}

#[test]
fn events_list_filters_by_time_kind_4t_and_year() {
    let (mut l, _) = landa();
    event(
        &mut l,
        "Past fair",
        "2026-03-01",
        EventKind::Fair,
        &[FourT::Talent],
        "",
    );
    event(
        &mut l,
        "Upcoming fair",
        "2026-12-01",
        EventKind::Fair,
        &[FourT::Technology],
        "",
    );
    event(
        &mut l,
        "Network",
        "2026-12-10",
        EventKind::NewcomerNetwork,
        &[FourT::Tolerance],
        "",
    );
    event(&mut l, "Old", "2025-12-10", EventKind::Seminar, &[], "");
    let names = |f: EventFilter| -> Vec<String> {
        l.list_events(&f)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    assert_eq!(
        names(EventFilter {
            when: Some(EventWhen::Upcoming),
            ..Default::default()
        }),
        vec!["Upcoming fair", "Network"],
        "upcoming: soonest first"
    );
    assert_eq!(
        names(EventFilter {
            when: Some(EventWhen::Past),
            ..Default::default()
        }),
        vec!["Past fair", "Old"]
    );
    assert_eq!(
        names(EventFilter {
            kind: Some(EventKind::Fair),
            ..Default::default()
        })
        .len(),
        2
    );
    assert_eq!(
        names(EventFilter {
            four_t: Some(FourT::Tolerance),
            ..Default::default()
        }),
        vec!["Network"]
    );
    assert_eq!(
        names(EventFilter {
            year: Some(2025),
            ..Default::default()
        }),
        vec!["Old"]
    );
    assert_eq!(
        names(EventFilter {
            query: Some("FAIR".into()),
            ..Default::default()
        })
        .len(),
        2
    );
}

#[test]
fn event_input_is_validated_and_participants_follow_edits() {
    let (mut l, _) = landa();
    let org = |l: &mut Landa, name: &str| {
        l.create_organisation(&OrganisationInput {
            name: name.into(),
            ..Default::default()
        })
        .unwrap()
    };
    let x = org(&mut l, "Region Jämtland Härjedalen");
    let y = org(&mut l, "Östersunds kommun");
    let bad = l.create_event(&EventInput {
        name: "Mässa".into(),
        starts_on: "2026-11-23".into(),
        ends_on: Some("2026-11-22".into()),
        ..Default::default()
    });
    assert_eq!(bad.unwrap_err().to_api().field.as_deref(), Some("ends_on"));
    let bad = l.create_event(&EventInput {
        name: "Mässa".into(),
        starts_on: "2026-11-23".into(),
        cost: "tio tusen".into(),
        ..Default::default()
    });
    assert_eq!(bad.unwrap_err().to_api().field.as_deref(), Some("cost"));
    let mut input = EventInput {
        name: "Mässa".into(),
        starts_on: "2026-11-23".into(),
        cost: "12 500,50".into(),
        participant_ids: vec![x.clone(), y.clone()],
        organiser_id: Some(x.clone()),
        ..Default::default()
    };
    let e = l.create_event(&input).unwrap();
    let d = l.event(&e).unwrap();
    assert_eq!(d.cost.as_deref(), Some("12500.50"));
    assert_eq!(d.participants.len(), 2);
    assert_eq!(d.organiser.map(|o| o.id), Some(x.clone()));
    input.participant_ids = vec![y.clone()];
    l.update_event(&e, &input).unwrap();
    let d = l.event(&e).unwrap();
    assert_eq!(
        d.participants
            .iter()
            .map(|p| p.id.clone())
            .collect::<Vec<_>>(),
        vec![y]
    );
    assert!(d.attendees.is_empty(), "participants are not attendees");
}

#[test]
fn consent_texts_are_versioned_and_old_versions_kept() {
    let (mut l, _) = landa();
    assert_eq!(
        l.consent_texts().unwrap().len(),
        Purpose::ALL.len(),
        "a new database has texts"
    );
    let v2 = l
        .publish_consent_text(&ConsentTextInput {
            purpose: Purpose::Newsletter,
            text_sv: "Nyhetsbrev, högst en gång i månaden.".into(),
            text_en: "Newsletter, at most monthly.".into(),
        })
        .unwrap();
    assert_eq!(v2.version, 2);
    let current = l.consent_texts().unwrap();
    let news = current
        .iter()
        .find(|t| t.purpose == Purpose::Newsletter)
        .unwrap();
    assert_eq!(news.id, v2.id);
    assert_eq!(
        l.consent_text_history().unwrap().len(),
        Purpose::ALL.len() + 1
    );
    let blank = l.publish_consent_text(&ConsentTextInput {
        purpose: Purpose::Newsletter,
        text_sv: " ".into(),
        text_en: "x".into(),
    });
    assert_eq!(
        blank.unwrap_err().to_api().field.as_deref(),
        Some("text_sv")
    );
}

#[test]
fn the_csv_export_opens_in_swedish_excel_and_cannot_run_formulas() {
    let (mut l, _) = landa();
    let e = event(
        &mut l,
        "Jobbmässan Umeå",
        "2026-11-23",
        EventKind::Fair,
        &[],
        "",
    );
    let mut evil = lead("=HYPERLINK(\"http://x\")", "Öberg", "", "+46701234567");
    evil.municipalities = vec!["@SUM(A1)".into(), "Åre".into()];
    capture(&mut l, &e, evil).unwrap();
    capture(&mut l, &e, lead("Märta", "Ång", "marta@example.se", "")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = l
        .export_event_leads(&e, UiLanguage::Sv, dir.path())
        .unwrap();
    assert_eq!(out.rows, 2);
    let bytes = std::fs::read(&out.path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a BOM tells Excel it is UTF-8"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "Namn");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let cells: Vec<&str> = rows.iter().flat_map(|r| r.iter()).collect();
    assert!(
        cells.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])),
        "no cell may start a formula: {cells:?}"
    );
    assert!(
        cells.contains(&"'=HYPERLINK(\"http://x\") Öberg"),
        "the text is kept, defused"
    );
    assert!(cells.contains(&"Lead registrerad"));
    let again = l
        .export_event_leads(&e, UiLanguage::En, dir.path())
        .unwrap();
    assert_ne!(
        again.path, out.path,
        "a second export does not overwrite the first"
    );
    assert!(
        std::fs::read_to_string(&again.path)
            .unwrap()
            .contains("Name;Stage")
    );
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 2, "no temporary files are left behind");
}

#[test]
fn upgrading_a_version_1_database_indexes_its_existing_contacts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landa.db");
    {
        let conn = landa_store::open_at_version(&path, &key(), 1).unwrap();
        conn.execute_batch(
            "INSERT INTO households (id, name, stage, created_at, updated_at)
               VALUES ('01900000-0000-7000-8000-000000000001', 'Lind', 'contacted', '2025-01-01', '2025-01-01');
             INSERT INTO persons (id, household_id, first_name, role, emails, phones, created_at)
               VALUES ('01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000001',
                       'Anna', 'adult', '[\"Anna@Lind.se\"]', '[\"+46701234567\"]', '2025-01-01');",
        )
        .unwrap();
    }
    let l = Landa::open(&path, &key(), OpenOptions::default()).unwrap();
    let found = l.find_contact_matches("anna@lind.se", "").unwrap();
    assert_eq!(found.len(), 1, "the migration backfills the contact index");
    assert_eq!(l.find_contact_matches("", "0701234567").unwrap().len(), 1);
}
