//! Welcome and integrate: hosts and matching (one by one and in batch), a match's life, job
//! referrals and the "companies that got access to labour" indicator, each checked the way a
//! coordinator would check it.

mod common;

use common::*;
use landa_core::ErrorCode;
use landa_core::Landa;
use landa_core::dto::*;
use landa_core::hosts::{HostFilter, HostInput};
use landa_core::jobs::{OpeningInput, ReferralInput, ReferralStepInput};
use landa_core::matches::*;
use landa_core::projects::ProjectInput;
use landa_domain::kinds::*;
use landa_domain::matching::{Criterion, Reason, Weights};
use landa_domain::pipeline::Stage;

fn host(l: &mut Landa, name: &str, municipality: &str, languages: &[&str], cap: u32) -> String {
    l.create_host(&HostInput {
        name: name.into(),
        municipality: municipality.into(),
        languages: languages.iter().map(|s| (*s).into()).collect(),
        capacity: Some(cap),
        life_stage: Some(LifeStage::Family),
        children_ages: vec![6, 9],
        ..Default::default()
    })
    .unwrap()
}

/// An arrived household with one adult speaking `languages`, a child, and — when `consent` —
/// the adult's consent to share details with hosts.
fn arrived(
    l: &mut Landa,
    last: &str,
    municipality: &str,
    languages: &[&str],
    consent: bool,
) -> String {
    let mut a = adult("Vuxen", last);
    a.languages = languages.iter().map(|s| (*s).into()).collect();
    let mut input = household(vec![a, child("Barn", last, 2018)]);
    input.desired_municipalities = vec![municipality.into()];
    let id = l.create_household(&input).unwrap().id;
    l.move_stage(&MoveStageInput {
        household_id: id.clone(),
        to_stage: Stage::Arrived,
        reason: None,
        arrived_on: Some("2026-10-01".into()),
    })
    .unwrap();
    if consent {
        share_with_hosts(l, &id, ConsentStatus::Given);
    }
    id
}

fn share_with_hosts(l: &mut Landa, household: &str, status: ConsentStatus) {
    let person = l.household(household).unwrap().members[0].id.clone();
    l.record_consent(&ConsentInput {
        person_id: person,
        purpose: Purpose::ShareWithHosts,
        basis: LawfulBasis::Consent,
        status,
        text_version: Some("v1-sv".into()),
        method: ConsentMethod::Form,
        note: None,
    })
    .unwrap();
}

fn validation_kind(e: landa_core::Error) -> Option<landa_domain::ValidationKind> {
    e.to_api().kind
}

fn stage(l: &Landa, id: &str) -> Stage {
    l.household(id).unwrap().stage
}

#[test]
fn candidates_are_ranked_explained_and_blocked_hosts_say_why() {
    let (mut l, _) = landa();
    let near = host(
        &mut l,
        "Anna Värd",
        "Östersund",
        &["arabiska", "svenska"],
        1,
    );
    let far = host(&mut l, "Bo Värd", "Kiruna", &["svenska"], 1);
    let paused = host(&mut l, "Cecilia Värd", "Östersund", &["arabiska"], 1);
    let mut p = l.host(&paused).unwrap();
    p.status = HostStatus::Paused;
    l.update_host(
        &paused,
        &HostInput {
            name: p.name.clone(),
            municipality: "Östersund".into(),
            languages: p.languages.clone(),
            status: Some(HostStatus::Paused),
            ..Default::default()
        },
    )
    .unwrap();
    let h = arrived(&mut l, "Haddad", "Östersund", &["arabiska"], true);

    let c = l.match_candidates(&h, None).unwrap();
    assert!(c.household_blocks.is_empty());
    let order: Vec<&str> = c.candidates.iter().map(|c| c.host.id.as_str()).collect();
    assert_eq!(
        order,
        vec![near.as_str(), far.as_str(), paused.as_str()],
        "best first, blocked last"
    );
    let best = &c.candidates[0];
    assert!(best.blocks.is_empty());
    let place = best
        .score
        .criteria
        .iter()
        .find(|x| x.criterion == Criterion::Municipality)
        .unwrap();
    assert_eq!(
        (place.reason, place.values.clone()),
        (Reason::SameMunicipality, vec!["Östersund".to_owned()])
    );
    let lang = best
        .score
        .criteria
        .iter()
        .find(|x| x.criterion == Criterion::Language)
        .unwrap();
    assert_eq!(lang.values, vec!["arabiska".to_owned()]);
    assert!(best.score.total > c.candidates[1].score.total);
    assert_eq!(c.candidates[2].blocks, vec![Block::HostNotActive]);
    // Asking twice gives the same answer.
    let again = l.match_candidates(&h, None).unwrap();
    assert_eq!(
        again
            .candidates
            .iter()
            .map(|c| (c.host.id.clone(), c.score.total))
            .collect::<Vec<_>>(),
        c.candidates
            .iter()
            .map(|c| (c.host.id.clone(), c.score.total))
            .collect::<Vec<_>>()
    );
}

#[test]
fn hard_limits_refuse_a_match_and_write_nothing() {
    let (mut l, _) = landa();
    let anna = host(&mut l, "Anna Värd", "Östersund", &["svenska"], 1);
    let no_consent = arrived(&mut l, "Utan", "Östersund", &["svenska"], false);
    let before = count(&l, "host_matches");
    let err = l
        .propose_matches(&ProposeInput {
            pairs: vec![PairInput {
                household_id: no_consent.clone(),
                host_id: anna.clone(),
            }],
            project_id: None,
        })
        .unwrap_err();
    assert_eq!(
        validation_kind(err),
        Some(landa_domain::ValidationKind::NoHostConsent)
    );
    // Consent given, then withdrawn: the latest word counts.
    share_with_hosts(&mut l, &no_consent, ConsentStatus::Given);
    share_with_hosts(&mut l, &no_consent, ConsentStatus::Withdrawn);
    assert_eq!(
        l.match_candidates(&no_consent, None)
            .unwrap()
            .household_blocks,
        vec![Block::NoHostConsent]
    );

    // Capacity counts across the pairs of one proposal: two households, one place.
    let a = arrived(&mut l, "Ett", "Östersund", &["svenska"], true);
    let b = arrived(&mut l, "Två", "Östersund", &["svenska"], true);
    let err = l
        .propose_matches(&ProposeInput {
            pairs: vec![
                PairInput {
                    household_id: a.clone(),
                    host_id: anna.clone(),
                },
                PairInput {
                    household_id: b.clone(),
                    host_id: anna.clone(),
                },
            ],
            project_id: None,
        })
        .unwrap_err();
    assert_eq!(err.to_api().field.as_deref(), Some("pairs[1].host_id"));
    assert_eq!(
        count(&l, "host_matches"),
        before,
        "a refused proposal writes nothing"
    );

    // A project that requires training refuses an untrained host.
    let project = l
        .create_project(&ProjectInput {
            name: "Välkommen hit".into(),
            funder: "Tillväxtverket".into(),
            starts_on: "2026-01-01".into(),
            ends_on: Some("2028-12-31".into()),
            municipalities: vec!["Östersund".into(), "Krokom".into()],
            require_trained_hosts: true,
            match_weights: Weights::default(),
            notes: String::new(),
        })
        .unwrap();
    let err = l
        .propose_matches(&ProposeInput {
            pairs: vec![PairInput {
                household_id: a.clone(),
                host_id: anna.clone(),
            }],
            project_id: Some(project.clone()),
        })
        .unwrap_err();
    assert_eq!(
        validation_kind(err),
        Some(landa_domain::ValidationKind::HostNotTrained)
    );
    // After a host training that has taken place, the same match goes through.
    let training = l
        .create_event(&EventInput {
            kind: Some(EventKind::HostTraining),
            name: "Värdskapsutbildning".into(),
            starts_on: "2026-11-01".into(),
            ..Default::default()
        })
        .unwrap();
    l.add_host_training(&anna, &training).unwrap();
    assert!(l.host(&anna).unwrap().trainings.len() == 1);
    let ids = l
        .propose_matches(&ProposeInput {
            pairs: vec![PairInput {
                household_id: a.clone(),
                host_id: anna.clone(),
            }],
            project_id: Some(project),
        })
        .unwrap();
    assert_eq!(ids.len(), 1);
    // Now the host is full and the household is matched.
    let c = l.match_candidates(&b, None).unwrap();
    assert_eq!(c.candidates[0].blocks, vec![Block::HostFull]);
    assert_eq!(
        l.match_candidates(&a, None).unwrap().household_blocks,
        vec![Block::AlreadyMatched]
    );
}

#[test]
fn a_match_lives_from_proposed_to_ended_with_tasks_and_meetings() {
    let (mut l, clock) = landa();
    let anna = host(&mut l, "Anna Värd", "Östersund", &["svenska"], 2);
    let h = arrived(&mut l, "Lind", "Östersund", &["svenska"], true);
    let id = l
        .propose_matches(&ProposeInput {
            pairs: vec![PairInput {
                household_id: h.clone(),
                host_id: anna.clone(),
            }],
            project_id: None,
        })
        .unwrap()
        .remove(0);
    let m = l.host_match(&id).unwrap();
    assert_eq!(m.status, MatchStatus::Proposed);
    assert_eq!(
        m.explanation.len(),
        6,
        "the explanation is kept with the match"
    );

    // Starting before accepting is refused.
    let err = l
        .start_match(&MatchStepInput {
            match_id: id.clone(),
            on: None,
        })
        .unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::InvalidStatusChange)
    );

    let m = l
        .accept_match(&MatchStepInput {
            match_id: id.clone(),
            on: Some("2026-11-20".into()),
        })
        .unwrap();
    assert_eq!(m.accepted_on.as_deref(), Some("2026-11-20"));
    assert_eq!(
        stage(&l, &h),
        Stage::HostMatched,
        "an arrived household moves on to host matched"
    );
    let booking = l.tasks_of_match(&id);
    assert_eq!(booking.len(), 1);
    assert_eq!(booking[0].1, "2026-11-27");

    // The first meeting starts the match and books check-ins after 1, 3 and 6 months.
    clock.advance(chrono::Duration::days(2));
    let m = l
        .log_match_meeting(&MeetingInput {
            match_id: id.clone(),
            occurred_on: "2026-11-24".into(),
            summary: "Fika och promenad".into(),
        })
        .unwrap();
    assert_eq!(m.status, MatchStatus::Active);
    assert_eq!(m.started_on.as_deref(), Some("2026-11-24"));
    assert_eq!(
        (m.meetings, m.last_meeting_on.as_deref()),
        (1, Some("2026-11-24"))
    );
    let tasks = l.tasks_of_match(&id);
    let open: Vec<&str> = tasks
        .iter()
        .filter(|t| !t.2)
        .map(|t| t.1.as_str())
        .collect();
    assert_eq!(open, vec!["2026-12-24", "2027-02-24", "2027-05-24"]);
    assert!(tasks.iter().any(|t| t.2), "the booking task is done");
    let timeline = l.household(&h).unwrap().timeline;
    assert!(timeline.iter().any(|i| i.summary == "Fika och promenad"));

    // Ending early needs a reason; an impossible satisfaction is refused.
    let end = |outcome, reason: &str, sat| EndMatchInput {
        match_id: id.clone(),
        outcome,
        reason: reason.into(),
        ended_on: None,
        host_satisfaction: sat,
        household_satisfaction: Some(4),
    };
    let err = l
        .end_match(&end(MatchOutcome::EndedEarly, "", Some(3)))
        .unwrap_err();
    assert_eq!(err.to_api().code, ErrorCode::ReasonRequired);
    let err = l
        .end_match(&end(MatchOutcome::NeverStarted, "", Some(3)))
        .unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::InvalidStatusChange)
    );
    let err = l
        .end_match(&end(MatchOutcome::Completed, "", Some(6)))
        .unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::OutOfRange)
    );
    let m = l
        .end_match(&end(MatchOutcome::Completed, "Sex fina månader", Some(5)))
        .unwrap();
    assert_eq!(m.status, MatchStatus::Ended);
    assert_eq!(
        (m.host_satisfaction, m.household_satisfaction),
        (Some(5), Some(4))
    );
    assert!(
        l.tasks_of_match(&id).iter().all(|t| t.2 || t.3),
        "no open check-in is left"
    );
    // The place is free again and the household is unmatched.
    assert_eq!(l.list_hosts(&HostFilter::default()).unwrap()[0].load, 0);
    assert!(
        l.unmatched_households()
            .unwrap()
            .iter()
            .any(|u| u.household.id == h)
    );
}

#[test]
fn batch_proposal_is_optimal_and_accepting_it_creates_the_matches() {
    let (mut l, _) = landa();
    // Two hosts with one place each; greedy would give the Arabic-speaking host to the first
    // household (which fits both), leaving the second with nobody who shares a language.
    let arabic = host(
        &mut l,
        "Amal Värd",
        "Östersund",
        &["arabiska", "svenska"],
        1,
    );
    let swedish = host(&mut l, "Sven Värd", "Östersund", &["svenska"], 1);
    let both = arrived(&mut l, "Först", "Östersund", &["arabiska", "svenska"], true);
    let arabic_only = arrived(&mut l, "Sen", "Östersund", &["arabiska"], true);
    let _no_consent = arrived(&mut l, "Utan", "Östersund", &["svenska"], false);

    let b = l.batch_proposal(None).unwrap();
    assert_eq!(b.without_consent, 1);
    assert_eq!(b.rows.len(), 2);
    let pick = |h: &str| {
        b.rows
            .iter()
            .find(|r| r.household.id == h)
            .and_then(|r| r.host.clone())
            .map(|h| h.id)
    };
    assert_eq!(pick(&both), Some(swedish.clone()));
    assert_eq!(pick(&arabic_only), Some(arabic.clone()));
    assert_eq!(b.matched, 2);
    let sum: u32 = b
        .rows
        .iter()
        .filter_map(|r| r.score.as_ref())
        .map(|s| u32::from(s.total))
        .sum();
    assert_eq!(sum, b.total_score);
    assert_eq!(count(&l, "host_matches"), 0, "a proposal is not saved");

    let pairs = b
        .rows
        .iter()
        .map(|r| PairInput {
            household_id: r.household.id.clone(),
            host_id: r.host.clone().unwrap().id,
        })
        .collect();
    l.propose_matches(&ProposeInput {
        pairs,
        project_id: None,
    })
    .unwrap();
    assert_eq!(l.list_matches(&MatchFilter::default()).unwrap().len(), 2);
    assert!(
        l.batch_proposal(None).unwrap().rows.is_empty(),
        "nobody with consent is waiting"
    );
    assert!(l.hosts_without_match().unwrap().is_empty());
}

#[test]
fn a_partner_referred_to_three_openings_until_hired_counts_the_employer() {
    let (mut l, _) = landa();
    let employer = l
        .create_organisation(&OrganisationInput {
            name: "Jämtkraft".into(),
            kind: Some(OrgKind::Employer),
            ..Default::default()
        })
        .unwrap();
    let other = l
        .create_organisation(&OrganisationInput {
            name: "Region Jämtland Härjedalen".into(),
            kind: Some(OrgKind::Employer),
            ..Default::default()
        })
        .unwrap();
    let opening = |l: &mut Landa, org: &str, title: &str| {
        l.create_opening(&OpeningInput {
            organisation_id: org.into(),
            title: title.into(),
            competence_area: "El".into(),
            municipality: "Östersund".into(),
            starts_on: None,
            status: None,
            notes: String::new(),
        })
        .unwrap()
    };
    let o1 = opening(&mut l, &employer, "Elnätsingenjör");
    let o2 = opening(&mut l, &employer, "Projektledare");
    let o3 = opening(&mut l, &other, "Sjuksköterska");
    let h = l
        .create_household(&household(vec![
            adult("Sara", "Nilsson"),
            adult("Jonas", "Nilsson"),
        ]))
        .unwrap()
        .id;
    let members = l.household(&h).unwrap().members;
    let partner = members[1].id.clone();

    let before = l.labour_access("2026-01-01", "2026-12-31").unwrap();
    assert_eq!((before.with_hire, before.with_referral), (0, 0));

    let refer = |l: &mut Landa, opening: &str, on: &str| {
        l.refer_person(&ReferralInput {
            person_id: partner.clone(),
            opening_id: Some(opening.into()),
            organisation_id: None,
            status: None,
            on: Some(on.into()),
            note: String::new(),
        })
        .unwrap()
    };
    let r1 = refer(&mut l, &o1, "2026-09-01");
    let r2 = refer(&mut l, &o2, "2026-09-01");
    let r3 = refer(&mut l, &o3, "2026-09-02");
    assert!(
        r1.accompanying_partner,
        "the second adult is on the dual-career track"
    );
    assert_eq!(r3.organisation.id, other, "the opening names the employer");
    // The same person to the same opening twice is refused.
    let err = l
        .refer_person(&ReferralInput {
            person_id: partner.clone(),
            opening_id: Some(o1.clone()),
            organisation_id: None,
            status: None,
            on: None,
            note: String::new(),
        })
        .unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::AlreadyMatched)
    );

    let step = |l: &mut Landa, r: &str, s: ReferralStatus, on: &str| {
        l.set_referral_status(&ReferralStepInput {
            referral_id: r.into(),
            status: s,
            on: Some(on.into()),
            note: String::new(),
        })
    };
    step(&mut l, &r1.id, ReferralStatus::CvSent, "2026-09-05").unwrap();
    step(&mut l, &r1.id, ReferralStatus::Interview, "2026-09-20").unwrap();
    // A step dated before the previous one is refused.
    let err = step(&mut l, &r1.id, ReferralStatus::Offer, "2026-09-10").unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::EndsBeforeStart)
    );
    step(&mut l, &r1.id, ReferralStatus::Offer, "2026-10-01").unwrap();
    step(&mut l, &r2.id, ReferralStatus::NotHired, "2026-10-02").unwrap();
    let hired = step(&mut l, &r1.id, ReferralStatus::Hired, "2026-10-15").unwrap();
    let statuses: Vec<ReferralStatus> = hired.steps.iter().map(|s| s.status).collect();
    assert_eq!(
        statuses,
        vec![
            ReferralStatus::Suggested,
            ReferralStatus::CvSent,
            ReferralStatus::Interview,
            ReferralStatus::Offer,
            ReferralStatus::Hired
        ]
    );

    let year = l.labour_access("2026-01-01", "2026-12-31").unwrap();
    assert_eq!((year.with_hire, year.with_referral), (1, 2));
    assert_eq!(year.employers[0].organisation.id, employer);
    assert_eq!(
        (year.employers[0].hired, year.employers[0].referrals),
        (1, 2)
    );
    // A period before the hire: referrals yes, hire no. After: nothing.
    let sept = l.labour_access("2026-09-01", "2026-09-30").unwrap();
    assert_eq!((sept.with_hire, sept.with_referral), (0, 2));
    let next = l.labour_access("2027-01-01", "2027-12-31").unwrap();
    assert_eq!((next.with_hire, next.with_referral), (0, 0));
    // A hire corrected to "not hired" no longer counts.
    step(&mut l, &r1.id, ReferralStatus::NotHired, "2026-10-16").unwrap();
    assert_eq!(
        l.labour_access("2026-01-01", "2026-12-31")
            .unwrap()
            .with_hire,
        0
    );

    let jobs = l.employer_jobs(&employer).unwrap();
    assert_eq!(jobs.openings.len(), 2);
    assert_eq!(jobs.referrals.len(), 2);
    assert_eq!(l.household_referrals(&h).unwrap().len(), 3);
}

#[test]
fn children_cannot_be_referred_and_future_dates_are_refused() {
    let (mut l, _) = landa();
    let employer = l
        .create_organisation(&OrganisationInput {
            name: "Mittuniversitetet".into(),
            kind: Some(OrgKind::University),
            ..Default::default()
        })
        .unwrap();
    let h = l
        .create_household(&household(vec![
            adult("Sara", "Nilsson"),
            child("Ella", "Nilsson", 2015),
        ]))
        .unwrap()
        .id;
    let members = l.household(&h).unwrap().members;
    let refer = |l: &mut Landa, person: &str, on: Option<&str>| {
        l.refer_person(&ReferralInput {
            person_id: person.into(),
            opening_id: None,
            organisation_id: Some(employer.clone()),
            status: None,
            on: on.map(str::to_owned),
            note: String::new(),
        })
    };
    assert!(refer(&mut l, &members[1].id, None).is_err());
    let err = refer(&mut l, &members[0].id, Some("2027-01-01")).unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::InvalidDate)
    );
    let r = refer(&mut l, &members[0].id, None).unwrap();
    assert!(
        !r.accompanying_partner,
        "the first adult is the one the move is about"
    );
    assert_eq!(r.status_on, "2026-11-23");
}

/// Test-only view of a match's tasks: (title, due, done, deleted).
trait MatchTasks {
    fn tasks_of_match(&self, id: &str) -> Vec<(String, String, bool, bool)>;
}

impl MatchTasks for Landa {
    fn tasks_of_match(&self, id: &str) -> Vec<(String, String, bool, bool)> {
        let mut stmt = self
            .connection()
            .prepare(
                "SELECT title, due_on, done_at IS NOT NULL, deleted FROM tasks
                 WHERE host_match_id = ?1 ORDER BY due_on",
            )
            .unwrap();
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}
