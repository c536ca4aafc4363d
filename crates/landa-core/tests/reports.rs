//! The funder indicators against a hand-counted fixture, targets and their pace, and reports
//! that freeze when submitted. The fixture is described where it is built; every expected
//! figure below is counted by hand from that description.

mod common;

use std::sync::Arc;

use common::*;
use landa_core::Landa;
use landa_core::clock::FixedClock;
use landa_core::dto::*;
use landa_core::hosts::HostInput;
use landa_core::matches::*;
use landa_core::projects::{MembershipInput, ProjectInput, ProjectTarget};
use landa_core::reports::{ReportInput, ReportSections};
use landa_domain::ValidationKind;
use landa_domain::indicators::{Indicator, TargetStatus};
use landa_domain::kinds::*;
use landa_domain::matching::Weights;
use landa_domain::pipeline::Stage;

/// The first half of 2026: the period the fixture is counted for.
const FROM: &str = "2026-01-01";
const TO: &str = "2026-06-30";

fn on(clock: &FixedClock, day: &str) {
    clock.set(t(&format!("{day}T10:00:00Z")));
}

fn kind(e: landa_core::Error) -> Option<ValidationKind> {
    e.to_api().kind
}

struct Fixture {
    l: Landa,
    clock: Arc<FixedClock>,
    project: String,
    h1: String,
    h4: String,
}

/// A lead captured on `created`, in `municipality`, moved straight to *arrived* on `arrived`.
fn lead(
    l: &mut Landa,
    clock: &FixedClock,
    last: &str,
    municipality: &str,
    created: &str,
    arrived: Option<&str>,
) -> String {
    on(clock, created);
    let mut input = household(vec![adult("Vuxen", last)]);
    input.desired_municipalities = vec![municipality.into()];
    let id = l.create_household(&input).unwrap().id;
    if let Some(day) = arrived {
        on(clock, day);
        l.move_stage(&MoveStageInput {
            household_id: id.clone(),
            to_stage: Stage::Arrived,
            reason: None,
            arrived_on: Some(day.into()),
        })
        .unwrap();
    }
    id
}

fn moved_away(l: &mut Landa, clock: &FixedClock, id: &str, day: &str, reason: MovedAwayReason) {
    on(clock, day);
    l.record_check_in(&landa_core::checklists::CheckInInput {
        household_id: id.into(),
        months: None,
        outcome: landa_core::checklists::CheckInOutcome::MovedAway,
        moved_away_reason: Some(reason),
        note: String::new(),
        on: Some(day.into()),
    })
    .unwrap();
}

fn org(l: &mut Landa, name: &str) -> String {
    l.create_organisation(&OrganisationInput {
        name: name.into(),
        kind: Some(OrgKind::Employer),
        municipality: "Östersund".into(),
        ..Default::default()
    })
    .unwrap()
}

fn event(
    l: &mut Landa,
    name: &str,
    kind: EventKind,
    starts: &str,
    ends: Option<&str>,
    four_t: &[FourT],
    outside: bool,
) -> String {
    l.create_event(&EventInput {
        kind: Some(kind),
        name: name.into(),
        starts_on: starts.into(),
        ends_on: ends.map(Into::into),
        place: if outside { "Stockholm" } else { "Östersund" }.into(),
        four_t: four_t.to_vec(),
        outside_region: Some(outside),
        ..Default::default()
    })
    .unwrap()
}

/// Project 2025-01-01 – 2027-12-31 over Östersund and Krokom.
///
/// Households (lead day → arrival):
/// - H1 lead 2025-11-10 at fair E1, arrived 2026-02-01 in Östersund; host match started
///   2026-02-10 and completed 2026-06-01.
/// - H2 lead 2026-01-15, arrived 2026-03-15, moved away 2026-05-20 (partner's job).
/// - H3 lead 2026-02-01, arrived 2026-04-10 in Sundsvall: outside the area.
/// - H4 lead 2026-03-01, contacted, not arrived.
/// - H5 lead 2026-07-05, arrived 2026-08-01: after the period.
/// - H6 lead 2026-02-10, a duplicate of H4.
/// - H7 lead 2024-12-01, arrived 2025-02-15: first year ends in the period, still here.
/// - H8 lead 2024-12-01, arrived 2025-03-01, moved away 2025-12-01: first year ends in the
///   period, but gone before it did.
///
/// Organisations: O1 joined 2025-01-01; O2 joined 2026-04-01 (mid-period); O3 joined
/// 2026-08-01 (after); O4 2025-01-01 – 2025-12-31 (left before); O5 2025-06-01 – 2026-02-01
/// (left during).
///
/// Events: E1 fair 2025-10-30 – 11-01; E2 fair outside the region 2026-06-29 – 07-02 (spans the
/// period's end; talent); E3 host training 2026-03-10 (tolerance); E4 seminar 2026-07-01;
/// E5 newcomer network 2025-12-31 – 2026-01-01 (spans the period's start).
fn fixture() -> Fixture {
    let (mut l, clock) = landa();
    on(&clock, "2025-01-01");
    let project = l
        .create_project(&ProjectInput {
            name: "Flytta hit".into(),
            funder: "Tillväxtverket".into(),
            starts_on: "2025-01-01".into(),
            ends_on: Some("2027-12-31".into()),
            municipalities: vec!["Östersund".into(), "Krokom".into()],
            require_trained_hosts: false,
            match_weights: Weights::default(),
            notes: String::new(),
        })
        .unwrap();

    let e1 = event(
        &mut l,
        "Flytta hit-dagen",
        EventKind::Fair,
        "2025-10-30",
        Some("2025-11-01"),
        &[FourT::Talent],
        true,
    );
    event(
        &mut l,
        "Jobbmässan Stockholm",
        EventKind::Fair,
        "2026-06-29",
        Some("2026-07-02"),
        &[FourT::Talent],
        true,
    );
    event(
        &mut l,
        "Värdskapsutbildning",
        EventKind::HostTraining,
        "2026-03-10",
        None,
        &[FourT::Tolerance],
        false,
    );
    event(
        &mut l,
        "Seminarium",
        EventKind::Seminar,
        "2026-07-01",
        None,
        &[],
        false,
    );
    event(
        &mut l,
        "Nyårsträff",
        EventKind::NewcomerNetwork,
        "2025-12-31",
        Some("2026-01-01"),
        &[FourT::Tolerance],
        false,
    );

    let h7 = lead(
        &mut l,
        &clock,
        "Sju",
        "Krokom",
        "2024-12-01",
        Some("2025-02-15"),
    );
    let h8 = lead(
        &mut l,
        &clock,
        "Åtta",
        "Östersund",
        "2024-12-01",
        Some("2025-03-01"),
    );
    moved_away(&mut l, &clock, &h8, "2025-12-01", MovedAwayReason::Housing);
    let _ = h7;

    on(&clock, "2025-11-10");
    let mut input = household(vec![adult("Vuxen", "Ett")]);
    input.source_event_id = Some(e1.clone());
    let h1 = l.create_household(&input).unwrap().id;
    on(&clock, "2026-02-01");
    l.move_stage(&MoveStageInput {
        household_id: h1.clone(),
        to_stage: Stage::Arrived,
        reason: None,
        arrived_on: Some("2026-02-01".into()),
    })
    .unwrap();

    let h2 = lead(
        &mut l,
        &clock,
        "Två",
        "Östersund",
        "2026-01-15",
        Some("2026-03-15"),
    );
    moved_away(
        &mut l,
        &clock,
        &h2,
        "2026-05-20",
        MovedAwayReason::PartnerJob,
    );
    lead(
        &mut l,
        &clock,
        "Tre",
        "Sundsvall",
        "2026-02-01",
        Some("2026-04-10"),
    );
    let h4 = lead(&mut l, &clock, "Fyra", "Östersund", "2026-03-01", None);
    l.move_stage(&MoveStageInput {
        household_id: h4.clone(),
        to_stage: Stage::Contacted,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    let h6 = lead(&mut l, &clock, "Sex", "Östersund", "2026-02-10", None);
    l.mark_duplicate(&h6, Some(h4.clone())).unwrap();

    // H1's host: proposed, accepted, started in February, completed in June.
    on(&clock, "2026-02-05");
    let person = l.household(&h1).unwrap().members[0].id.clone();
    l.record_consent(&ConsentInput {
        person_id: person,
        purpose: Purpose::ShareWithHosts,
        basis: LawfulBasis::Consent,
        status: ConsentStatus::Given,
        text_version: Some("v1-sv".into()),
        method: ConsentMethod::Form,
        note: None,
    })
    .unwrap();
    let host = l
        .create_host(&HostInput {
            name: "Anna Värd".into(),
            municipality: "Östersund".into(),
            capacity: Some(1),
            ..Default::default()
        })
        .unwrap();
    let m = l
        .propose_matches(&ProposeInput {
            pairs: vec![PairInput {
                household_id: h1.clone(),
                host_id: host,
            }],
            project_id: Some(project.clone()),
        })
        .unwrap()
        .remove(0);
    on(&clock, "2026-06-01");
    let step = |day: &str| MatchStepInput {
        match_id: m.clone(),
        on: Some(day.into()),
    };
    l.accept_match(&step("2026-02-06")).unwrap();
    l.start_match(&step("2026-02-10")).unwrap();
    l.end_match(&EndMatchInput {
        match_id: m.clone(),
        outcome: MatchOutcome::Completed,
        reason: String::new(),
        ended_on: Some("2026-06-01".into()),
        host_satisfaction: None,
        household_satisfaction: None,
    })
    .unwrap();

    lead(
        &mut l,
        &clock,
        "Fem",
        "Östersund",
        "2026-07-05",
        Some("2026-08-01"),
    );

    let member = |joined: &str, left: Option<&str>| MembershipInput {
        joined_on: joined.into(),
        left_on: left.map(Into::into),
    };
    for (name, joined, left) in [
        ("O1 Kommun", "2025-01-01", None),
        ("O2 Mitt i perioden AB", "2026-04-01", None),
        ("O3 Efteråt AB", "2026-08-01", None),
        ("O4 Lämnade förut AB", "2025-01-01", Some("2025-12-31")),
        ("O5 Lämnade under AB", "2025-06-01", Some("2026-02-01")),
    ] {
        let o = org(&mut l, name);
        l.add_project_member(&project, &o, &member(joined, left))
            .unwrap();
    }
    on(&clock, "2026-11-23");
    Fixture {
        l,
        clock,
        project,
        h1,
        h4,
    }
}

#[test]
fn indicators_match_the_hand_count() {
    let f = fixture();
    let d = f.l.report_data(&f.project, FROM, TO).unwrap();
    let v = |i| d.value(i);
    assert_eq!(
        v(Indicator::ParticipatingOrganisations),
        3,
        "O1, O2 (joined mid-period) and O5 (left during it); not O3 or O4"
    );
    let names: Vec<&str> = d
        .participants
        .iter()
        .map(|p| p.organisation.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["O1 Kommun", "O2 Mitt i perioden AB", "O5 Lämnade under AB"]
    );

    assert_eq!(
        v(Indicator::HouseholdsArrived),
        2,
        "H1 and H2 (who also moved away in the period); H3 settled outside the area"
    );
    assert_eq!(d.arrivals_by_municipality.len(), 1);
    assert_eq!(
        d.arrivals_by_municipality[0].label.as_deref(),
        Some("Östersund")
    );
    assert_eq!(d.arrivals_by_municipality[0].count, 2);
    let fair = d
        .by_event
        .iter()
        .find(|e| {
            e.event
                .as_ref()
                .is_some_and(|e| e.name == "Flytta hit-dagen")
        })
        .expect("the fair H1 came from");
    assert_eq!(
        (fair.leads, fair.arrivals),
        (0, 1),
        "H1's lead was taken in 2025"
    );

    assert_eq!(
        v(Indicator::LeadsCaptured),
        3,
        "H2, H3 and H4; H6 is a duplicate"
    );
    let reached = |s: Stage| d.funnel.iter().find(|f| f.stage == s).unwrap().reached;
    assert_eq!(reached(Stage::LeadCaptured), 3);
    assert_eq!(
        reached(Stage::Contacted),
        3,
        "H2 and H3 skipped past it to arrived"
    );
    assert_eq!(
        reached(Stage::Arrived),
        2,
        "H2 counts though it has moved away since"
    );
    assert_eq!(reached(Stage::Registered), 0);

    assert_eq!(
        v(Indicator::Activities),
        2,
        "E2 (starts in the period) and E3"
    );
    assert_eq!(v(Indicator::ProfilingOutsideRegion), 1, "E2");
    assert_eq!(v(Indicator::HostTrainings), 1);
    assert_eq!(
        v(Indicator::NewcomerNetworks),
        0,
        "E5 started the day before"
    );
    assert_eq!(v(Indicator::Seminars), 0, "E4 is in July");
    let t = |x: FourT| {
        d.activities_by_four_t
            .iter()
            .find(|c| c.four_t == x)
            .unwrap()
            .count
    };
    assert_eq!(
        (t(FourT::Talent), t(FourT::Tolerance), t(FourT::Technology)),
        (1, 1, 0)
    );

    assert_eq!(v(Indicator::MatchesStarted), 1);
    assert_eq!(v(Indicator::MatchesCompleted), 1);

    assert_eq!(
        d.retention_cohort, 2,
        "H7 and H8 reached one year in the period"
    );
    assert_eq!(
        v(Indicator::HouseholdsRetained),
        1,
        "H8 had moved away before"
    );
    assert_eq!(d.moved_away.len(), 1);
    assert_eq!(d.moved_away[0].reason, Some(MovedAwayReason::PartnerJob));
    assert_eq!(d.moved_away[0].count, 1, "H2; H8 left in 2025");

    // H1: 2025-11-10 → 2026-02-01 is 83 days; H2: 2026-01-15 → 2026-03-15 is 59 days.
    assert_eq!(d.median_days_to_arrival, Some(71.0));

    let labour = f.l.labour_access(FROM, TO).unwrap();
    assert_eq!(v(Indicator::CompaniesHired), labour.with_hire);
    assert_eq!(v(Indicator::CompaniesReferred), labour.with_referral);

    assert_eq!(d.by_month.len(), 6);
    assert_eq!(d.by_month[2].month, "2026-03");
    assert_eq!(
        (d.by_month[2].leads, d.by_month[2].arrivals),
        (1, 1),
        "H4; H2"
    );
}

#[test]
fn an_event_over_two_periods_counts_once_in_the_one_it_starts() {
    let f = fixture();
    let second =
        f.l.report_data(&f.project, "2026-07-01", "2026-12-31")
            .unwrap();
    assert_eq!(
        second.value(Indicator::ProfilingOutsideRegion),
        0,
        "E2 was counted in June"
    );
    assert_eq!(second.value(Indicator::Seminars), 1);
    assert_eq!(
        second.value(Indicator::ParticipatingOrganisations),
        3,
        "O1, O2, O3"
    );
    let year =
        f.l.report_data(&f.project, "2026-01-01", "2026-12-31")
            .unwrap();
    assert_eq!(
        year.value(Indicator::Activities),
        3,
        "E2, E3 and E4, each once"
    );
}

#[test]
fn targets_are_measured_from_the_project_start_against_the_time_passed() {
    let mut f = fixture();
    f.l.set_project_targets(
        &f.project,
        &[
            ProjectTarget {
                indicator: Indicator::HouseholdsArrived,
                target: Some(10),
            },
            ProjectTarget {
                indicator: Indicator::ParticipatingOrganisations,
                target: Some(3),
            },
        ],
    )
    .unwrap();
    let d = f.l.report_data(&f.project, FROM, TO).unwrap();
    let arrived = d
        .indicators
        .iter()
        .find(|i| i.indicator == Indicator::HouseholdsArrived)
        .unwrap();
    assert_eq!(arrived.value, 2);
    assert_eq!(arrived.project_to_date, 4, "H7 and H8 in 2025, H1 and H2");
    let p = arrived.progress.unwrap();
    // 546 of the project's 1,095 days have passed on 2026-06-30: 10 × 546 / 1095 → 5.
    assert_eq!(p.expected, Some(5));
    assert_eq!(p.status, TargetStatus::Behind);
    let orgs = d
        .indicators
        .iter()
        .find(|i| i.indicator == Indicator::ParticipatingOrganisations)
        .unwrap();
    assert_eq!(orgs.progress.unwrap().status, TargetStatus::Reached);

    // Blank removes a target; others stay.
    f.l.set_project_targets(
        &f.project,
        &[ProjectTarget {
            indicator: Indicator::HouseholdsArrived,
            target: None,
        }],
    )
    .unwrap();
    let list = f.l.project_target_list(&f.project).unwrap();
    let target = |i| list.iter().find(|t| t.indicator == i).unwrap().target;
    assert_eq!(target(Indicator::HouseholdsArrived), None);
    assert_eq!(target(Indicator::ParticipatingOrganisations), Some(3));

    let err =
        f.l.set_project_targets(
            &f.project,
            &[ProjectTarget {
                indicator: Indicator::Activities,
                target: Some(2_000_000),
            }],
        )
        .unwrap_err();
    assert_eq!(kind(err), Some(ValidationKind::OutOfRange));
}

#[test]
fn a_submitted_report_is_frozen_and_later_data_shows_as_revisions() {
    let mut f = fixture();
    let input = ReportInput {
        project_id: f.project.clone(),
        title: "Halvår 1 2026".into(),
        from: FROM.into(),
        to: TO.into(),
        sections: ReportSections {
            summary: "Ett bra halvår.".into(),
            ..Default::default()
        },
    };
    let id = f.l.create_report(&input).unwrap();
    let draft = f.l.report(&id).unwrap();
    assert!(draft.summary.submitted_on.is_none());
    assert_eq!(draft.data.value(Indicator::HouseholdsArrived), 2);
    f.l.submit_report(&id).unwrap();
    let frozen = f.l.report(&id).unwrap();
    assert_eq!(frozen.summary.submitted_on.as_deref(), Some("2026-11-23"));
    assert_eq!(
        frozen.summary.submitted_by.as_ref().unwrap().name,
        "Karin Lindgren"
    );
    assert!(frozen.revisions.is_empty());

    // Frozen: no edits, no deletion, no second submission; nothing is written.
    let before = count(&f.l, "change_log");
    let err = f.l.update_report(&id, &input).unwrap_err();
    assert_eq!(kind(err), Some(ValidationKind::ReportSubmitted));
    assert_eq!(
        kind(f.l.delete_report(&id).unwrap_err()),
        Some(ValidationKind::ReportSubmitted)
    );
    assert_eq!(
        kind(f.l.submit_report(&id).unwrap_err()),
        Some(ValidationKind::ReportSubmitted)
    );
    assert_eq!(count(&f.l, "change_log"), before);

    // A late arrival in the period and an edit to H4 change the data, not the report.
    lead(
        &mut f.l,
        &f.clock,
        "Sen",
        "Krokom",
        "2026-06-10",
        Some("2026-06-15"),
    );
    on(&f.clock, "2026-11-24");
    f.l.mark_duplicate(&f.h4, Some(f.h1.clone())).unwrap();
    let after = f.l.report(&id).unwrap();
    assert_eq!(
        after.data, frozen.data,
        "the frozen figures are what was submitted"
    );
    assert_eq!(after.sections.summary, "Ett bra halvår.");
    let rev = |i| {
        after
            .revisions
            .iter()
            .find(|r| r.indicator == i)
            .map(|r| (r.frozen, r.now))
    };
    assert_eq!(rev(Indicator::HouseholdsArrived), Some((2, 3)));
    assert_eq!(
        rev(Indicator::LeadsCaptured),
        None,
        "a late lead and H4 now a duplicate: still three"
    );
    assert_eq!(rev(Indicator::Activities), None);

    // The next report shows what changed since the frozen one.
    let next =
        f.l.create_report(&ReportInput {
            title: "Halvår 2 2026".into(),
            from: "2026-07-01".into(),
            to: "2026-12-31".into(),
            ..input.clone()
        })
        .unwrap();
    let view = f.l.report(&next).unwrap();
    let since = view
        .since_previous
        .expect("the first half-year was submitted");
    assert_eq!(since.report.id, id);
    let c = since
        .changes
        .iter()
        .find(|c| c.indicator == Indicator::HouseholdsArrived)
        .unwrap();
    assert_eq!(
        (c.previous_to_date, c.to_date),
        (4, 6),
        "H-Sen late, and H5 in August"
    );
    assert_eq!(
        f.l.list_reports(&f.project).unwrap()[0].id,
        next,
        "latest period first"
    );
}

#[test]
fn bad_periods_and_memberships_are_refused_and_change_nothing() {
    let mut f = fixture();
    let before = count(&f.l, "change_log");
    let input = |from: &str, to: &str| ReportInput {
        project_id: f.project.clone(),
        title: "Rapport".into(),
        from: from.into(),
        to: to.into(),
        sections: ReportSections::default(),
    };
    let err =
        f.l.create_report(&input("2026-06-30", "2026-01-01"))
            .unwrap_err();
    assert_eq!(kind(err), Some(ValidationKind::EndsBeforeStart));
    let err =
        f.l.create_report(&input("2026-13-01", "2026-12-31"))
            .unwrap_err();
    assert_eq!(kind(err), Some(ValidationKind::InvalidDate));
    let err =
        f.l.create_report(&input("2000-01-01", "2026-12-31"))
            .unwrap_err();
    assert_eq!(
        kind(err),
        Some(ValidationKind::OutOfRange),
        "longer than ten years"
    );
    let mut long = input(FROM, TO);
    long.sections.summary = "x".repeat(20_001);
    assert_eq!(
        kind(f.l.create_report(&long).unwrap_err()),
        Some(ValidationKind::TooLong)
    );

    let members = f.l.project_members(&f.project).unwrap();
    let o1 = members[0].organisation.id.clone();
    let err =
        f.l.add_project_member(
            &f.project,
            &o1,
            &MembershipInput {
                joined_on: "2026-01-01".into(),
                left_on: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        kind(err),
        Some(ValidationKind::AlreadyListed),
        "O1 is still taking part"
    );
    let err =
        f.l.update_project_member(
            &members[0].id,
            &MembershipInput {
                joined_on: "2026-01-01".into(),
                left_on: Some("2025-12-31".into()),
            },
        )
        .unwrap_err();
    assert_eq!(kind(err), Some(ValidationKind::EndsBeforeStart));
    assert_eq!(count(&f.l, "change_log"), before);

    // Leaving and joining again is two memberships; the period sees the organisation once.
    f.l.update_project_member(
        &members[0].id,
        &MembershipInput {
            joined_on: "2025-01-01".into(),
            left_on: Some("2026-02-01".into()),
        },
    )
    .unwrap();
    f.l.add_project_member(
        &f.project,
        &o1,
        &MembershipInput {
            joined_on: "2026-05-01".into(),
            left_on: None,
        },
    )
    .unwrap();
    let d = f.l.report_data(&f.project, FROM, TO).unwrap();
    assert_eq!(d.value(Indicator::ParticipatingOrganisations), 3);
    let o1_page = f.l.organisation(&o1).unwrap();
    assert_eq!(
        o1_page.projects.len(),
        2,
        "both memberships show on the organisation"
    );
    assert_eq!(
        o1_page.projects[0].joined_on, "2026-05-01",
        "the latest first"
    );
    assert_eq!(o1_page.projects[1].left_on.as_deref(), Some("2026-02-01"));
    f.l.remove_project_member(&members[0].id).unwrap();
    assert_eq!(f.l.project_members(&f.project).unwrap().len(), 5);
}

#[test]
fn the_project_dashboard_runs_from_the_start_to_today() {
    let f = fixture();
    let d = f.l.project_progress(&f.project).unwrap();
    assert_eq!(d.from, "2025-01-01");
    assert_eq!(d.to, "2026-11-23");
    assert_eq!(
        d.value(Indicator::HouseholdsArrived),
        5,
        "H7, H8, H1, H2 and H5"
    );
    assert_eq!(d.by_month.len(), 23);
    assert_eq!(
        f.l.dashboard().unwrap().participating_organisations,
        3,
        "the main dashboard counts those taking part today: O1, O2, O3"
    );
}

/// The funnel reads history only for households that ever moved other than forward; on demo
/// data (backward moves, closings, reopenings) it must equal reading every household's whole
/// history.
#[test]
fn funnel_matches_the_full_history() {
    let (mut l, _) = landa();
    l.generate_demo(400, 11).unwrap();
    let project = l.list_projects().unwrap().remove(0);
    let d = l
        .report_data(&project.id, "2000-01-01", "2026-11-23")
        .unwrap_err();
    assert_eq!(kind(d), Some(ValidationKind::OutOfRange));
    let d = l
        .report_data(&project.id, "2020-01-01", "2026-11-23")
        .unwrap();
    let open: Vec<Stage> = Stage::ALL
        .iter()
        .copied()
        .filter(|s| !s.is_closed())
        .collect();
    let mut furthest: std::collections::HashMap<String, usize> = Default::default();
    let mut stmt = l
        .connection()
        .prepare(
            "SELECT h.id, h.stage, s.to_stage FROM households h
             LEFT JOIN stage_changes s ON s.household_id = h.id
             WHERE h.deleted = 0 AND h.duplicate_of IS NULL AND h.created_at >= '2020-01-01'",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .unwrap();
    let pos = |code: &str| open.iter().position(|s| s.code() == code);
    let mut backward = 0;
    for row in rows {
        let (id, now, to) = row.unwrap();
        let best = [Some(now.as_str()), to.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(pos)
            .max();
        let e = furthest.entry(id).or_insert(0);
        if let Some(b) = best {
            *e = (*e).max(b + 1);
        }
    }
    for s in l
        .connection()
        .prepare("SELECT count(*) FROM stage_changes WHERE reason IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get::<_, i64>(0))
        .unwrap()
    {
        backward += s.unwrap();
    }
    assert!(
        backward > 0,
        "the demo has moves that are not forward, so the test means something"
    );
    for (i, step) in d.funnel.iter().enumerate() {
        let expected = furthest.values().filter(|f| **f > i).count() as u32;
        assert_eq!(step.reached, expected, "reached {:?}", step.stage);
    }
}
