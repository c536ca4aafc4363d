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

/// Records (or withdraws) the person's basis for sharing their details with employers, which
/// every referral needs.
fn employer_basis(l: &mut Landa, person: &str, status: ConsentStatus) {
    l.record_consent(&ConsentInput {
        person_id: person.into(),
        purpose: Purpose::ShareWithEmployers,
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

    // A meeting cannot be dated before the match was accepted.
    let err = l
        .log_match_meeting(&MeetingInput {
            match_id: id.clone(),
            occurred_on: "2026-11-19".into(),
            summary: "För tidigt".into(),
        })
        .unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::EndsBeforeStart)
    );

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
    employer_basis(&mut l, &partner, ConsentStatus::Given);

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
    for m in &members {
        employer_basis(&mut l, &m.id, ConsentStatus::Given);
    }
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

fn open_tasks_of_kind(l: &Landa, household: &str, kind: &str) -> Vec<(String, String)> {
    let mut stmt = l
        .connection()
        .prepare(
            "SELECT title, due_on FROM tasks WHERE household_id = ?1 AND kind = ?2
             AND done_at IS NULL AND deleted = 0 ORDER BY due_on, title",
        )
        .unwrap();
    stmt.query_map([household, kind], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn entering_a_phase_applies_its_checklist_once_and_a_project_list_wins() {
    let (mut l, _) = landa();
    let defaults = l.checklist(None).unwrap();
    assert!(
        defaults.iter().any(|i| i.title == "Bostad ordnad"),
        "the first user gets the default list"
    );
    let h = l
        .create_household(&household(vec![adult("Sara", "Nilsson")]))
        .unwrap()
        .id;
    assert!(
        open_tasks_of_kind(&l, &h, "checklist").is_empty(),
        "no attract items by default"
    );
    let mv = |l: &mut Landa, to: Stage, reason: Option<&str>| {
        l.move_stage(&MoveStageInput {
            household_id: h.clone(),
            to_stage: to,
            reason: reason.map(str::to_owned),
            arrived_on: None,
        })
        .unwrap()
    };
    mv(&mut l, Stage::Moving, None);
    let welcome = open_tasks_of_kind(&l, &h, "checklist");
    assert_eq!(welcome.len(), 5);
    assert!(
        welcome.contains(&("Bostad ordnad".to_owned(), "2026-12-07".to_owned())),
        "due 14 days on"
    );
    // Moving within the phase or leaving and coming back does not duplicate the list.
    mv(&mut l, Stage::Arrived, None);
    mv(&mut l, Stage::Decided, Some("Flytten sköts upp"));
    mv(&mut l, Stage::Moving, None);
    assert_eq!(open_tasks_of_kind(&l, &h, "checklist").len(), 5);

    // A running project with its own welcome list: a new household gets that list instead.
    let project = l
        .create_project(&ProjectInput {
            name: "Välkommen hit".into(),
            funder: String::new(),
            starts_on: "2026-01-01".into(),
            ends_on: None,
            municipalities: vec![],
            require_trained_hosts: false,
            match_weights: Weights::default(),
            notes: String::new(),
        })
        .unwrap();
    let copied = l.copy_default_checklist(&project).unwrap();
    assert_eq!(copied.len(), defaults.len());
    for item in copied
        .iter()
        .filter(|i| i.phase == landa_domain::pipeline::Phase::Welcome)
        .skip(1)
    {
        l.remove_checklist_item(&item.id).unwrap();
    }
    let first = &copied[0];
    l.update_checklist_item(
        &first.id,
        &landa_core::checklists::ChecklistItemInput {
            project_id: Some(project.clone()),
            phase: first.phase,
            title: "Bostad via kommunens bostadsbolag".into(),
            due_days: Some(7),
        },
    )
    .unwrap();
    let other = l
        .create_household(&household(vec![adult("Omar", "Haddad")]))
        .unwrap()
        .id;
    l.move_stage(&MoveStageInput {
        household_id: other.clone(),
        to_stage: Stage::Moving,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    assert_eq!(
        open_tasks_of_kind(&l, &other, "checklist"),
        vec![(
            "Bostad via kommunens bostadsbolag".to_owned(),
            "2026-11-30".to_owned()
        )]
    );
    // Copying again is refused: the project already has its own list.
    assert!(l.copy_default_checklist(&project).is_err());
}

#[test]
fn arrival_books_check_ins_and_they_decide_retained_or_moved_away() {
    let (mut l, _) = landa();
    let h = arrived(&mut l, "Lind", "Östersund", &["svenska"], false);
    let check_ins = open_tasks_of_kind(&l, &h, "check_in_6");
    assert_eq!(check_ins.len(), 1);
    assert_eq!(
        check_ins[0].1, "2027-04-01",
        "six months after the arrival date given"
    );
    assert_eq!(open_tasks_of_kind(&l, &h, "check_in_12")[0].1, "2027-10-01");
    let input = |months, outcome, reason| landa_core::checklists::CheckInInput {
        household_id: h.clone(),
        months,
        outcome,
        moved_away_reason: reason,
        note: String::new(),
        on: None,
    };
    use landa_core::checklists::CheckInOutcome::*;
    // A check-in other than 6 or 12 months is refused; moving away needs a reason.
    assert!(l.record_check_in(&input(Some(3), Staying, None)).is_err());
    let err = l
        .record_check_in(&input(Some(6), MovedAway, None))
        .unwrap_err();
    assert_eq!(err.to_api().code, ErrorCode::ReasonRequired);

    let mut six = input(Some(6), Staying, None);
    six.on = Some("2026-11-16".into());
    let row = l.record_check_in(&six).unwrap();
    assert_eq!(row.stage, Stage::SixMonthCheckIn);
    let done = l.household_integration(&h).unwrap().check_ins[0]
        .done_at
        .clone()
        .unwrap();
    assert!(
        done.starts_with("2026-11-16"),
        "done on the day of the check-in: {done}"
    );
    assert!(
        open_tasks_of_kind(&l, &h, "check_in_6").is_empty(),
        "the task is done"
    );
    let row = l.record_check_in(&input(Some(12), Staying, None)).unwrap();
    assert_eq!(row.stage, Stage::Retained);
    let integration = l.household_integration(&h).unwrap();
    assert_eq!(
        integration
            .check_ins
            .iter()
            .filter(|c| c.done_at.is_some())
            .count(),
        2
    );
    assert!(
        l.household(&h)
            .unwrap()
            .timeline
            .iter()
            .any(|i| i.kind == InteractionKind::CheckIn)
    );

    // Another household moves away at six months: closed with the reason, check-ins cancelled.
    let g = arrived(&mut l, "Berg", "Östersund", &["svenska"], false);
    let row = l
        .record_check_in(&landa_core::checklists::CheckInInput {
            household_id: g.clone(),
            months: Some(6),
            outcome: MovedAway,
            moved_away_reason: Some(MovedAwayReason::NoSocialContext),
            note: String::new(),
            on: None,
        })
        .unwrap();
    assert_eq!(row.stage, Stage::MovedAway);
    let d = l.household(&g).unwrap();
    assert_eq!(
        d.closed_reason.as_deref(),
        Some("kom inte in i ett socialt sammanhang")
    );
    assert_eq!(
        l.household_integration(&g).unwrap().moved_away_reason,
        Some(MovedAwayReason::NoSocialContext)
    );
    assert!(open_tasks_of_kind(&l, &g, "check_in_12").is_empty());
    assert!(
        open_tasks_of_kind(&l, &g, "checklist").is_empty(),
        "a household that moved away needs no more settling in"
    );
    // A closed household has no more check-ins to record.
    let err = l
        .record_check_in(&landa_core::checklists::CheckInInput {
            household_id: g.clone(),
            months: Some(12),
            outcome: Staying,
            moved_away_reason: None,
            note: String::new(),
            on: None,
        })
        .unwrap_err();
    assert_eq!(
        err.to_api().kind,
        Some(landa_domain::ValidationKind::InvalidStatusChange)
    );
}

#[test]
fn an_ambassador_has_a_story_consent_events_and_referred_friends() {
    let (mut l, _) = landa();
    let h = arrived(&mut l, "Haddad", "Östersund", &["arabiska"], false);
    let person = l.household(&h).unwrap().members[0].id.clone();
    let text = l
        .consent_texts()
        .unwrap()
        .into_iter()
        .find(|t| t.purpose == Purpose::StoryAndPhoto)
        .unwrap();
    let wrong = l
        .consent_texts()
        .unwrap()
        .into_iter()
        .find(|t| t.purpose == Purpose::Newsletter)
        .unwrap();
    let input = |text_id: &str| landa_core::ambassadors::AmbassadorInput {
        household_id: h.clone(),
        person_id: person.clone(),
        consent_text_id: text_id.into(),
        language: UiLanguage::Sv,
        method: ConsentMethod::Form,
        story: "Vi flyttade för naturen och stannade för människorna.".into(),
    };
    assert!(
        l.make_ambassador(&input(&wrong.id)).is_err(),
        "only the story/photo text will do"
    );
    // Not yet arrived households cannot be ambassadors.
    let lead = l
        .create_household(&household(vec![adult("Ny", "Lead")]))
        .unwrap()
        .id;
    let lead_person = l.household(&lead).unwrap().members[0].id.clone();
    let mut early = input(&text.id);
    early.household_id = lead.clone();
    early.person_id = lead_person;
    assert!(l.make_ambassador(&early).is_err());

    let a = l.make_ambassador(&input(&text.id)).unwrap();
    let amb = a.ambassador.unwrap();
    assert!(amb.story_consent);
    assert_eq!(
        amb.story.as_deref(),
        Some("Vi flyttade för naturen och stannade för människorna.")
    );
    assert_eq!(stage(&l, &h), Stage::Ambassador);
    let consent = l
        .household(&h)
        .unwrap()
        .consents
        .into_iter()
        .find(|c| c.purpose == Purpose::StoryAndPhoto)
        .unwrap();
    assert_eq!(
        consent.text_version.as_deref(),
        Some(format!("v{}-sv", text.version).as_str())
    );

    let fair = l
        .create_event(&EventInput {
            kind: Some(EventKind::Fair),
            name: "Jobbmässan Stockholm".into(),
            starts_on: "2026-10-10".into(),
            ..Default::default()
        })
        .unwrap();
    let once = l.add_ambassador_event(&h, &fair).unwrap();
    assert_eq!(
        l.add_ambassador_event(&h, &fair).unwrap(),
        once,
        "recorded once"
    );
    let friend = l
        .create_household(&household(vec![adult("Vän", "Till")]))
        .unwrap()
        .id;
    assert!(
        l.set_referred_by(&h, Some(h.clone())).is_err(),
        "nobody refers themselves"
    );
    l.set_referred_by(&friend, Some(h.clone())).unwrap();
    let i = l.household_integration(&h).unwrap();
    let amb = i.ambassador.unwrap();
    assert_eq!(amb.events.len(), 1);
    assert_eq!(
        amb.referred
            .iter()
            .map(|r| r.id.clone())
            .collect::<Vec<_>>(),
        vec![friend.clone()]
    );
    assert_eq!(
        l.household_integration(&friend)
            .unwrap()
            .referred_by
            .map(|r| r.id),
        Some(h)
    );
}

#[test]
fn a_municipal_referral_gets_a_follow_up_that_closes_with_the_referral() {
    let (mut l, _) = landa();
    let kommun = l
        .create_organisation(&OrganisationInput {
            name: "Östersunds kommun".into(),
            kind: Some(OrgKind::Municipality),
            ..Default::default()
        })
        .unwrap();
    let h = l
        .create_household(&household(vec![adult("Sara", "Nilsson")]))
        .unwrap()
        .id;
    let link = l
        .link_household(&OrgLinkInput {
            household_id: h.clone(),
            organisation_id: kommun.clone(),
            person_id: None,
            contact_person_id: None,
            purpose: LinkPurpose::Preschool,
            status: None,
            note: String::new(),
            referred_on: Some("2026-11-20".into()),
            follow_up_on: None,
        })
        .unwrap();
    let tasks = open_tasks_of_kind(&l, &h, "referral_follow_up");
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].1, "2026-12-04", "two weeks after the referral");
    assert!(tasks[0].0.contains("förskola") && tasks[0].0.contains("Östersunds kommun"));
    let dto = l
        .household(&h)
        .unwrap()
        .links
        .into_iter()
        .find(|x| x.id == link)
        .unwrap();
    assert_eq!(
        (dto.referred_on.as_deref(), dto.follow_up_on.as_deref()),
        (Some("2026-11-20"), Some("2026-12-04"))
    );
    l.set_link_status(&link, LinkStatus::Completed).unwrap();
    assert!(open_tasks_of_kind(&l, &h, "referral_follow_up").is_empty());
    let dto = l
        .household(&h)
        .unwrap()
        .links
        .into_iter()
        .find(|x| x.id == link)
        .unwrap();
    assert_eq!(
        (dto.status_on.as_deref(), dto.follow_up_on),
        (Some("2026-11-23"), None)
    );
    // A network link gets no follow-up unless a date is given; a future referral date is refused.
    l.link_household(&OrgLinkInput {
        household_id: h.clone(),
        organisation_id: kommun.clone(),
        person_id: None,
        contact_person_id: None,
        purpose: LinkPurpose::Network,
        status: None,
        note: String::new(),
        referred_on: None,
        follow_up_on: None,
    })
    .unwrap();
    assert!(open_tasks_of_kind(&l, &h, "referral_follow_up").is_empty());
    let err = l
        .link_household(&OrgLinkInput {
            household_id: h.clone(),
            organisation_id: kommun,
            person_id: None,
            contact_person_id: None,
            purpose: LinkPurpose::Housing,
            status: None,
            note: String::new(),
            referred_on: Some("2027-01-01".into()),
            follow_up_on: None,
        })
        .unwrap_err();
    assert_eq!(err.to_api().field.as_deref(), Some("referred_on"));
}

#[test]
fn a_referral_needs_a_basis_for_sharing_with_employers_and_a_withdrawal_stops_the_next_one() {
    let (mut l, _) = landa();
    let employer = l
        .create_organisation(&landa_core::dto::OrganisationInput {
            name: "Jämtkraft".into(),
            ..Default::default()
        })
        .unwrap();
    let h = l
        .create_household(&household(vec![adult("Sara", "Nilsson")]))
        .unwrap()
        .id;
    let sara = l.household(&h).unwrap().members[0].id.clone();
    let refer = |l: &mut Landa| {
        l.refer_person(&ReferralInput {
            person_id: sara.clone(),
            opening_id: None,
            organisation_id: Some(employer.clone()),
            status: None,
            on: None,
            note: String::new(),
        })
    };
    let refused = refer(&mut l).unwrap_err().to_api();
    assert_eq!(
        (refused.field.as_deref(), refused.kind),
        (
            Some("person_id"),
            Some(landa_domain::ValidationKind::NoEmployerConsent)
        ),
        "no basis recorded: her details may not go to an employer, and the UI can say why"
    );
    assert!(
        l.household_referrals(&h).unwrap().is_empty(),
        "a refused referral writes nothing"
    );
    // A basis for another purpose is not this one.
    share_with_hosts(&mut l, &h, ConsentStatus::Given);
    assert!(
        refer(&mut l).is_err(),
        "consent to hosts is not consent to employers"
    );

    employer_basis(&mut l, &sara, ConsentStatus::Given);
    let first = refer(&mut l).expect("with the basis recorded the referral is made");

    employer_basis(&mut l, &sara, ConsentStatus::Withdrawn);
    let again = refer(&mut l).unwrap_err().to_api();
    assert_eq!(
        again.kind,
        Some(landa_domain::ValidationKind::NoEmployerConsent),
        "a withdrawal takes effect at once: the next referral is refused"
    );
    assert_eq!(
        l.household_referrals(&h).unwrap().len(),
        1,
        "the referral made while the basis held is kept as history: {}",
        first.id
    );
}
