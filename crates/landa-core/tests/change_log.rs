//! The change log is the audit trail now and the sync feed later: every mutating use case must
//! write to it, in the same transaction, and nothing may write around it.

mod common;

use common::*;
use landa_core::Landa;
use landa_core::changes::{ENTITIES, verify};
use landa_core::dto::*;
use landa_domain::kinds::*;
use landa_domain::pipeline::Stage;

/// Runs `f` and returns how many change-log rows it added.
fn logged(l: &mut Landa, f: impl FnOnce(&mut Landa)) -> i64 {
    let before = count(l, "change_log");
    f(l);
    count(l, "change_log") - before
}

#[test]
fn every_mutating_use_case_writes_the_change_log_and_the_log_rebuilds_every_row() {
    let (mut l, clock) = landa();
    let mut ids = std::collections::HashMap::<&str, String>::new();
    let mut step =
        |name: &'static str,
         l: &mut Landa,
         f: &mut dyn FnMut(&mut Landa, &mut std::collections::HashMap<&str, String>)| {
            let mut map = std::mem::take(&mut ids);
            let n = logged(l, |l| f(l, &mut map));
            ids = map;
            assert!(n > 0, "use case `{name}` wrote no change-log rows");
            clock.advance(chrono::Duration::minutes(1));
        };
    step("create_user", &mut l, &mut |l, m| {
        m.insert("user", l.create_user("Ahmed Yousef").unwrap().id);
    });
    step("create_household", &mut l, &mut |l, m| {
        let mut a = adult("Anna", "Lind");
        a.emails = vec!["anna@lind.se".into()];
        m.insert(
            "household",
            l.create_household(&household(vec![a, child("Elsa", "Lind", 2019)]))
                .unwrap()
                .id,
        );
    });
    step("update_household", &mut l, &mut |l, m| {
        let h = m["household"].clone();
        let d = l.household(&h).unwrap();
        let mut anna = adult("Anna", "Lind");
        anna.id = Some(d.members[0].id.clone());
        anna.phones = vec!["070-111 22 33".into()];
        m.insert("person", d.members[0].id.clone());
        l.update_household(
            &h,
            &HouseholdInput {
                tags: vec!["barnfamilj".into()],
                ..household(vec![anna])
            },
        )
        .unwrap();
    });
    step("move_stage", &mut l, &mut |l, m| {
        l.move_stage(&MoveStageInput {
            household_id: m["household"].clone(),
            to_stage: Stage::Arrived,
            reason: None,
            arrived_on: None,
        })
        .unwrap();
    });
    step("log_interaction", &mut l, &mut |l, m| {
        l.log_interaction(&InteractionInput {
            household_id: Some(m["household"].clone()),
            organisation_id: None,
            kind: InteractionKind::Call,
            occurred_at: None,
            summary: "Samtal".into(),
        })
        .unwrap();
    });
    step("record_consent", &mut l, &mut |l, m| {
        l.record_consent(&ConsentInput {
            person_id: m["person"].clone(),
            purpose: Purpose::ShareWithHosts,
            basis: LawfulBasis::PublicTask,
            status: ConsentStatus::Given,
            text_version: None,
            method: ConsentMethod::Decision,
            note: Some("Beslut 2026:12".into()),
        })
        .unwrap();
    });
    step("create_organisation", &mut l, &mut |l, m| {
        m.insert(
            "org",
            l.create_organisation(&OrganisationInput {
                name: "Jämtbygg AB".into(),
                participating: true,
                ..Default::default()
            })
            .unwrap(),
        );
    });
    step("update_organisation", &mut l, &mut |l, m| {
        l.update_organisation(
            &m["org"],
            &OrganisationInput {
                name: "Jämtbygg AB".into(),
                municipality: "Krokom".into(),
                participating: true,
                ..Default::default()
            },
        )
        .unwrap();
    });
    step("add_contact_person", &mut l, &mut |l, m| {
        m.insert(
            "contact",
            l.add_contact_person(&ContactPersonInput {
                organisation_id: m["org"].clone(),
                name: "Eva HR".into(),
                role: ContactRole::Hr,
                title: String::new(),
                email: "eva@jamtbygg.se".into(),
                phone: String::new(),
                notes: String::new(),
            })
            .unwrap(),
        );
    });
    step("update_contact_person", &mut l, &mut |l, m| {
        l.update_contact_person(
            &m["contact"],
            &ContactPersonInput {
                organisation_id: m["org"].clone(),
                name: "Eva Berg".into(),
                role: ContactRole::Hr,
                title: "HR-chef".into(),
                email: String::new(),
                phone: String::new(),
                notes: String::new(),
            },
        )
        .unwrap();
    });
    step("link_household", &mut l, &mut |l, m| {
        m.insert(
            "link",
            l.link_household(&OrgLinkInput {
                household_id: m["household"].clone(),
                organisation_id: m["org"].clone(),
                person_id: None,
                contact_person_id: Some(m["contact"].clone()),
                purpose: LinkPurpose::PartnerJob,
                status: None,
                note: String::new(),
                referred_on: None,
                follow_up_on: Some("2026-12-01".into()),
            })
            .unwrap(),
        );
    });
    step("set_link_status", &mut l, &mut |l, m| {
        l.set_link_status(&m["link"], LinkStatus::InProgress)
            .unwrap();
    });
    step("create_task", &mut l, &mut |l, m| {
        m.insert(
            "task",
            l.create_task(&TaskInput {
                title: "Ring".into(),
                due_on: "2026-11-30".into(),
                owner_id: None,
                household_id: Some(m["household"].clone()),
                organisation_id: None,
            })
            .unwrap(),
        );
    });
    step("reschedule_task", &mut l, &mut |l, m| {
        l.reschedule_task(&m["task"], "2026-12-02").unwrap();
    });
    step("set_task_done", &mut l, &mut |l, m| {
        l.set_task_done(&m["task"], true).unwrap();
    });
    step("remove_contact_person", &mut l, &mut |l, m| {
        l.remove_contact_person(&m["contact"]).unwrap();
    });
    step("create_event", &mut l, &mut |l, m| {
        m.insert(
            "event",
            l.create_event(&EventInput {
                name: "Jobbmässan Umeå".into(),
                starts_on: "2026-11-20".into(),
                four_t: vec![FourT::Talent],
                participant_ids: vec![m["org"].clone()],
                cost: "12 500".into(),
                ..Default::default()
            })
            .unwrap(),
        );
    });
    step("update_event", &mut l, &mut |l, m| {
        l.update_event(
            &m["event"],
            &EventInput {
                name: "Jobbmässan Umeå 2026".into(),
                starts_on: "2026-11-20".into(),
                four_t: vec![FourT::Talent, FourT::TerritorialAssets],
                ..Default::default()
            },
        )
        .unwrap();
    });
    step("add_attendee", &mut l, &mut |l, m| {
        m.insert(
            "attendee",
            l.add_attendee(&AttendeeInput {
                event_id: m["event"].clone(),
                household_id: None,
                organisation_id: Some(m["org"].clone()),
            })
            .unwrap(),
        );
    });
    step("remove_attendee", &mut l, &mut |l, m| {
        l.remove_attendee(&m["attendee"]).unwrap();
    });
    step("publish_consent_text", &mut l, &mut |l, _| {
        l.publish_consent_text(&ConsentTextInput {
            purpose: Purpose::Newsletter,
            text_sv: "Ja tack till nyhetsbrev.".into(),
            text_en: "Yes please to newsletters.".into(),
        })
        .unwrap();
    });
    step("capture_lead", &mut l, &mut |l, m| {
        let text = l.consent_texts().unwrap()[0].id.clone();
        let r = l
            .capture_lead(&CaptureInput {
                event_id: m["event"].clone(),
                lead: LeadInput {
                    adults: vec![LeadAdult {
                        first_name: "Sara".into(),
                        last_name: "Nilsson".into(),
                        profession: "Sjuksköterska".into(),
                    }],
                    email: "sara@example.se".into(),
                    children: vec![Some(4)],
                    consents: vec![LeadConsent {
                        purpose: Purpose::ContactAboutMoving,
                        text_id: text,
                        language: UiLanguage::Sv,
                    }],
                    ..Default::default()
                },
                attach_to_household_id: None,
                follow_up_title: "Följ upp".into(),
            })
            .unwrap();
        m.insert("lead", r.household_id);
    });
    step("capture_lead (attach)", &mut l, &mut |l, m| {
        l.capture_lead(&CaptureInput {
            event_id: m["event"].clone(),
            lead: LeadInput {
                adults: vec![LeadAdult {
                    first_name: "Sara".into(),
                    ..Default::default()
                }],
                email: "SARA@example.se".into(),
                phone: "070-999 88 77".into(),
                ..Default::default()
            },
            attach_to_household_id: Some(m["lead"].clone()),
            follow_up_title: "Följ upp".into(),
        })
        .unwrap();
    });
    let bulk = |m: &std::collections::HashMap<&str, String>| BulkInput {
        event_id: m["event"].clone(),
        household_ids: vec![m["lead"].clone()],
    };
    step("bulk_assign_owner", &mut l, &mut |l, m| {
        l.bulk_assign_owner(&bulk(m), Some(m["user"].clone()))
            .unwrap();
    });
    step("bulk_move_stage", &mut l, &mut |l, m| {
        let r = l.bulk_move_stage(&bulk(m), Stage::Contacted, None).unwrap();
        assert_eq!(r.done, 1);
    });
    step("bulk_follow_up", &mut l, &mut |l, m| {
        l.bulk_follow_up(&FollowUpInput {
            event_id: m["event"].clone(),
            household_ids: vec![m["lead"].clone()],
            due_on: "2026-12-01".into(),
            title: "Följ upp".into(),
        })
        .unwrap();
    });
    step("mark_duplicate", &mut l, &mut |l, m| {
        l.mark_duplicate(&m["lead"], Some(m["household"].clone()))
            .unwrap();
    });
    step("mark_reviewed", &mut l, &mut |l, m| {
        l.mark_reviewed(&bulk(m)).unwrap();
    });
    step("kiosk_submit", &mut l, &mut |l, m| {
        l.start_kiosk(&KioskStart {
            event_id: m["event"].clone(),
            pin: "2468".into(),
            idle_seconds: None,
            review_task_title: "Granska".into(),
        })
        .unwrap();
        l.kiosk_submit(&LeadInput {
            adults: vec![LeadAdult {
                first_name: "Ola".into(),
                ..Default::default()
            }],
            phone: "+47 912 34 567".into(),
            ..Default::default()
        })
        .unwrap();
        l.exit_kiosk("2468").unwrap();
    });
    step("create_project", &mut l, &mut |l, m| {
        let input = landa_core::projects::ProjectInput {
            name: "Välkommen hit".into(),
            funder: "Tillväxtverket".into(),
            starts_on: "2026-01-01".into(),
            ends_on: None,
            municipalities: vec!["Östersund".into()],
            require_trained_hosts: false,
            match_weights: Default::default(),
            notes: String::new(),
        };
        m.insert("project", l.create_project(&input).unwrap());
    });
    step("update_project", &mut l, &mut |l, m| {
        let mut p = l.project(&m["project"]).unwrap();
        p.require_trained_hosts = true;
        let input = landa_core::projects::ProjectInput {
            name: p.name,
            funder: String::new(),
            starts_on: p.starts_on,
            ends_on: Some("2028-12-31".into()),
            municipalities: p.municipalities,
            require_trained_hosts: true,
            match_weights: p.match_weights,
            notes: String::new(),
        };
        l.update_project(&m["project"], &input).unwrap();
    });
    let host_input = |name: &str| landa_core::hosts::HostInput {
        name: name.into(),
        municipality: "Östersund".into(),
        languages: vec!["svenska".into()],
        capacity: Some(2),
        ..Default::default()
    };
    step("create_host", &mut l, &mut |l, m| {
        m.insert("host", l.create_host(&host_input("Gun Värd")).unwrap());
    });
    step("update_host", &mut l, &mut |l, m| {
        let mut input = host_input("Gun Värd");
        input.roles = vec![HostRole::Culture];
        l.update_host(&m["host"], &input).unwrap();
    });
    step("add_host_training", &mut l, &mut |l, m| {
        let training = l
            .create_event(&EventInput {
                kind: Some(EventKind::HostTraining),
                name: "Värdskapsutbildning".into(),
                starts_on: "2026-11-01".into(),
                ..Default::default()
            })
            .unwrap();
        m.insert(
            "training",
            l.add_host_training(&m["host"], &training).unwrap(),
        );
    });
    step("propose_matches", &mut l, &mut |l, m| {
        let pair = landa_core::matches::PairInput {
            household_id: m["household"].clone(),
            host_id: m["host"].clone(),
        };
        let ids = l
            .propose_matches(&landa_core::matches::ProposeInput {
                pairs: vec![pair],
                project_id: None,
            })
            .unwrap();
        m.insert("match", ids[0].clone());
    });
    let at = |m: &std::collections::HashMap<&str, String>| landa_core::matches::MatchStepInput {
        match_id: m["match"].clone(),
        on: None,
    };
    step("accept_match", &mut l, &mut |l, m| {
        l.accept_match(&at(m)).unwrap();
    });
    step("log_match_meeting", &mut l, &mut |l, m| {
        l.log_match_meeting(&landa_core::matches::MeetingInput {
            match_id: m["match"].clone(),
            occurred_on: "2026-11-23".into(),
            summary: "Första fikat".into(),
        })
        .unwrap();
    });
    step("rate_match", &mut l, &mut |l, m| {
        l.rate_match(&m["match"], Some(4), None).unwrap();
    });
    let end =
        |m: &std::collections::HashMap<&str, String>, outcome| landa_core::matches::EndMatchInput {
            match_id: m["match"].clone(),
            outcome,
            reason: "Flyttade".into(),
            ended_on: None,
            host_satisfaction: Some(4),
            household_satisfaction: Some(5),
        };
    step("end_match", &mut l, &mut |l, m| {
        l.end_match(&end(m, MatchOutcome::EndedEarly)).unwrap();
    });
    step("start_match", &mut l, &mut |l, m| {
        let pair = landa_core::matches::PairInput {
            household_id: m["household"].clone(),
            host_id: m["host"].clone(),
        };
        let id = l
            .propose_matches(&landa_core::matches::ProposeInput {
                pairs: vec![pair],
                project_id: None,
            })
            .unwrap()
            .remove(0);
        m.insert("match", id);
        l.accept_match(&at(m)).unwrap();
        l.start_match(&at(m)).unwrap();
    });
    step("remove_host_training", &mut l, &mut |l, m| {
        l.remove_host_training(&m["training"]).unwrap();
    });
    step("create_opening", &mut l, &mut |l, m| {
        let input = landa_core::jobs::OpeningInput {
            organisation_id: m["org"].clone(),
            title: "Snickare".into(),
            competence_area: "Bygg".into(),
            municipality: "Krokom".into(),
            starts_on: None,
            status: None,
            notes: String::new(),
        };
        m.insert("opening", l.create_opening(&input).unwrap());
    });
    step("update_opening", &mut l, &mut |l, m| {
        let input = landa_core::jobs::OpeningInput {
            organisation_id: m["org"].clone(),
            title: "Snickare".into(),
            competence_area: "Bygg".into(),
            municipality: "Krokom".into(),
            starts_on: Some("2027-01-10".into()),
            status: Some(OpeningStatus::Open),
            notes: String::new(),
        };
        l.update_opening(&m["opening"], &input).unwrap();
    });
    step("refer_person", &mut l, &mut |l, m| {
        l.record_consent(&landa_core::dto::ConsentInput {
            person_id: m["person"].clone(),
            purpose: landa_domain::kinds::Purpose::ShareWithEmployers,
            basis: landa_domain::kinds::LawfulBasis::Consent,
            status: landa_domain::kinds::ConsentStatus::Given,
            text_version: Some("v1-sv".into()),
            method: landa_domain::kinds::ConsentMethod::Form,
            note: None,
        })
        .unwrap();
        let r = l
            .refer_person(&landa_core::jobs::ReferralInput {
                person_id: m["person"].clone(),
                opening_id: Some(m["opening"].clone()),
                organisation_id: None,
                status: None,
                on: None,
                note: String::new(),
            })
            .unwrap();
        m.insert("referral", r.id);
    });
    step("set_referral_status", &mut l, &mut |l, m| {
        l.set_referral_status(&landa_core::jobs::ReferralStepInput {
            referral_id: m["referral"].clone(),
            status: ReferralStatus::Hired,
            on: None,
            note: "Börjar i januari".into(),
        })
        .unwrap();
    });
    step("remove_referral", &mut l, &mut |l, m| {
        l.remove_referral(&m["referral"]).unwrap();
    });
    step("add_checklist_item", &mut l, &mut |l, m| {
        let input = landa_core::checklists::ChecklistItemInput {
            project_id: None,
            phase: landa_domain::pipeline::Phase::Integrate,
            title: "Bjud in till språkcafé".into(),
            due_days: Some(30),
        };
        m.insert("item", l.add_checklist_item(&input).unwrap());
    });
    step("update_checklist_item", &mut l, &mut |l, m| {
        let input = landa_core::checklists::ChecklistItemInput {
            project_id: None,
            phase: landa_domain::pipeline::Phase::Integrate,
            title: "Bjud in till språkcafét".into(),
            due_days: Some(21),
        };
        l.update_checklist_item(&m["item"], &input).unwrap();
    });
    step("reorder_checklist", &mut l, &mut |l, m| {
        let ids: Vec<String> = l
            .checklist(None)
            .unwrap()
            .into_iter()
            .filter(|i| i.phase == landa_domain::pipeline::Phase::Integrate)
            .map(|i| i.id)
            .rev()
            .collect();
        assert!(ids.contains(&m["item"]));
        l.reorder_checklist(&ids).unwrap();
    });
    step("copy_default_checklist", &mut l, &mut |l, m| {
        l.copy_default_checklist(&m["project"]).unwrap();
    });
    step("remove_checklist_item", &mut l, &mut |l, m| {
        l.remove_checklist_item(&m["item"]).unwrap();
    });
    step("record_check_in", &mut l, &mut |l, m| {
        l.record_check_in(&landa_core::checklists::CheckInInput {
            household_id: m["household"].clone(),
            months: Some(6),
            outcome: landa_core::checklists::CheckInOutcome::Staying,
            moved_away_reason: None,
            note: String::new(),
            on: None,
        })
        .unwrap();
    });
    step("make_ambassador", &mut l, &mut |l, m| {
        let text = l
            .consent_texts()
            .unwrap()
            .into_iter()
            .find(|t| t.purpose == Purpose::StoryAndPhoto)
            .unwrap();
        l.make_ambassador(&landa_core::ambassadors::AmbassadorInput {
            household_id: m["household"].clone(),
            person_id: m["person"].clone(),
            consent_text_id: text.id,
            language: UiLanguage::Sv,
            method: ConsentMethod::Form,
            story: "Vår berättelse".into(),
        })
        .unwrap();
    });
    step("set_ambassador_story", &mut l, &mut |l, m| {
        l.set_ambassador_story(&m["household"], "Vår nya berättelse")
            .unwrap();
    });
    step("add_ambassador_event", &mut l, &mut |l, m| {
        let e = l
            .create_event(&EventInput {
                name: "Hemvändardagen".into(),
                starts_on: "2026-12-27".into(),
                ..Default::default()
            })
            .unwrap();
        l.add_ambassador_event(&m["household"], &e).unwrap();
    });
    step("set_referred_by", &mut l, &mut |l, m| {
        let friend = l
            .create_household(&household(vec![adult("Vän", "Vänsson")]))
            .unwrap()
            .id;
        l.set_referred_by(&friend, Some(m["household"].clone()))
            .unwrap();
    });
    step("add_project_member", &mut l, &mut |l, m| {
        let input = landa_core::projects::MembershipInput {
            joined_on: "2026-01-01".into(),
            left_on: None,
        };
        let id = l
            .add_project_member(&m["project"], &m["org"], &input)
            .unwrap();
        m.insert("membership", id);
    });
    step("update_project_member", &mut l, &mut |l, m| {
        let input = landa_core::projects::MembershipInput {
            joined_on: "2026-01-01".into(),
            left_on: Some("2026-06-30".into()),
        };
        l.update_project_member(&m["membership"], &input).unwrap();
    });
    step("remove_project_member", &mut l, &mut |l, m| {
        l.remove_project_member(&m["membership"]).unwrap();
    });
    step("set_project_targets", &mut l, &mut |l, m| {
        let t = |target| landa_core::projects::ProjectTarget {
            indicator: landa_domain::indicators::Indicator::HouseholdsArrived,
            target,
        };
        l.set_project_targets(&m["project"], &[t(Some(400))])
            .unwrap();
        l.set_project_targets(&m["project"], &[t(Some(350))])
            .unwrap();
    });
    let report_input =
        |m: &std::collections::HashMap<&str, String>| landa_core::reports::ReportInput {
            project_id: m["project"].clone(),
            title: "Lägesrapport".into(),
            from: "2026-01-01".into(),
            to: "2026-06-30".into(),
            sections: Default::default(),
        };
    step("create_report", &mut l, &mut |l, m| {
        let id = l.create_report(&report_input(m)).unwrap();
        m.insert("report", id);
    });
    step("update_report", &mut l, &mut |l, m| {
        let mut input = report_input(m);
        input.sections.summary = "Ett halvår.".into();
        l.update_report(&m["report"], &input).unwrap();
    });
    step("submit_report", &mut l, &mut |l, m| {
        l.submit_report(&m["report"]).unwrap();
    });
    step("delete_report", &mut l, &mut |l, m| {
        let id = l.create_report(&report_input(m)).unwrap();
        l.delete_report(&id).unwrap();
    });
    let import_dir = tempfile::tempdir().unwrap();
    let import_file = import_dir.path().join("lista.csv");
    std::fs::write(
        &import_file,
        "Förnamn;Efternamn;E-post;Taggar\nBritt;Ek;britt@example.se;Import\nanna;lind;anna@lind.se;Import\n",
    )
    .unwrap();
    let import_settings = |l: &Landa| {
        let source = l
            .import_open(
                &import_file,
                landa_core::import::ImportTarget::Households,
                &Default::default(),
            )
            .unwrap();
        landa_core::import::ImportSettings {
            target: landa_core::import::ImportTarget::Households,
            read: Default::default(),
            columns: source.guess,
            match_on: landa_core::import::MatchOn::Contact,
            on_match: landa_core::import::OnMatch::Update,
            edits: Vec::new(),
            tags: Vec::new(),
            stage: None,
        }
    };
    step("import_commit", &mut l, &mut |l, m| {
        let s = import_settings(l);
        m.insert("batch", l.import_commit(&import_file, &s).unwrap().id);
    });
    step("undo_import", &mut l, &mut |l, m| {
        l.undo_import(&m["batch"]).unwrap();
    });
    step("merge", &mut l, &mut |l, m| {
        let other = l
            .create_household(&household(vec![adult("Anna", "Lindh")]))
            .unwrap()
            .id;
        let merge = l
            .merge(&landa_core::merge::MergeInput {
                entity: landa_core::merge::MergeEntity::Households,
                kept_id: m["household"].clone(),
                merged_id: other,
                take_from_merged: vec!["name".into()],
            })
            .unwrap();
        m.insert("merge", merge.id);
    });
    step("undo_merge", &mut l, &mut |l, m| {
        l.undo_merge(&m["merge"]).unwrap();
    });
    step("mark_not_duplicates", &mut l, &mut |l, m| {
        let other = l
            .create_household(&household(vec![adult("Anna", "Linde")]))
            .unwrap()
            .id;
        l.mark_not_duplicates(
            landa_core::merge::PairEntity::Households,
            &m["household"],
            &other,
        )
        .unwrap();
    });
    step("generate_demo", &mut l, &mut |l, _| {
        l.generate_demo(5, 3).unwrap();
    });
    step("decide_erasure (refused)", &mut l, &mut |l, m| {
        l.decide_erasure(&landa_core::erasure::ErasureInput {
            household_id: m["household"].clone(),
            person_id: None,
            outcome: landa_core::erasure::ErasureOutcome::Refused,
            reason: "Allmän handling som ska bevaras".into(),
            requested_on: None,
        })
        .unwrap();
    });
    step("decide_erasure (erased)", &mut l, &mut |l, _| {
        let victim = l
            .create_household(&household(vec![adult("Radera", "Mig")]))
            .unwrap()
            .id;
        l.decide_erasure(&landa_core::erasure::ErasureInput {
            household_id: victim,
            person_id: None,
            outcome: landa_core::erasure::ErasureOutcome::Erased,
            reason: "Begäran från personen".into(),
            requested_on: None,
        })
        .unwrap();
    });
    step("create_retention_rule", &mut l, &mut |l, m| {
        let r = l
            .create_retention_rule(&landa_core::retention::RetentionRuleInput {
                name: "Leads utan aktivitet".into(),
                kind: landa_core::retention::RetentionKind::InactiveLeads,
                months: 24,
                municipality: None,
                project_id: None,
                organisation_kind: None,
                action: landa_core::retention::RetentionAction::Erase,
                automatic: false,
            })
            .unwrap();
        m.insert("rule", r.id);
    });
    step("run_retention", &mut l, &mut |l, m| {
        l.run_retention(&m["rule"], false).unwrap();
    });
    for (name, outcome) in [
        (
            "decide_erasure (restricted)",
            landa_core::erasure::ErasureOutcome::Restricted,
        ),
        (
            "decide_erasure (anonymised)",
            landa_core::erasure::ErasureOutcome::Anonymised,
        ),
    ] {
        step(name, &mut l, &mut |l, m| {
            let h = l
                .create_household(&household(vec![adult("Vilma", "Ström")]))
                .unwrap()
                .id;
            let d = l
                .decide_erasure(&landa_core::erasure::ErasureInput {
                    household_id: h,
                    person_id: None,
                    outcome,
                    reason: "Begäran".into(),
                    requested_on: None,
                })
                .unwrap();
            m.insert("decision", d.id);
        });
    }
    step("lift_restriction", &mut l, &mut |l, _| {
        let restricted = l
            .erasure_requests()
            .unwrap()
            .into_iter()
            .find(|r| r.restricted_now)
            .unwrap();
        l.lift_restriction(&landa_core::erasure::LiftRestrictionInput {
            request_id: restricted.id,
            reason: "Kontrollerat".into(),
        })
        .unwrap();
    });
    step("delete_retention_rule", &mut l, &mut |l, m| {
        l.delete_retention_rule(&m["rule"]).unwrap();
    });
    step("access_extract (read log)", &mut l, &mut |l, m| {
        l.access_extract(&m["household"], UiLanguage::Sv).unwrap();
    });
    step("delete_household", &mut l, &mut |l, m| {
        l.delete_household(&m["household"]).unwrap();
    });
    step("delete_event", &mut l, &mut |l, m| {
        l.delete_event(&m["event"]).unwrap();
    });

    let mismatches = verify(l.connection()).unwrap();
    assert!(
        mismatches.is_empty(),
        "rows differ from their change log: {mismatches:#?}"
    );
}

#[test]
fn a_write_around_the_log_is_detected() {
    let (mut l, _) = landa();
    let id = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    assert!(verify(l.connection()).unwrap().is_empty());
    l.connection()
        .execute(
            "UPDATE households SET name = 'Smuggled' WHERE id = ?1",
            [&id],
        )
        .unwrap();
    let mismatches = verify(l.connection()).unwrap();
    assert_eq!(
        mismatches.len(),
        1,
        "the verifier must see a write that skipped the log"
    );
    assert_eq!(
        (mismatches[0].entity, mismatches[0].field.as_str()),
        ("households", "name")
    );
}

#[test]
fn a_resave_without_changes_logs_nothing() {
    let (mut l, _) = landa();
    let input = household(vec![adult("Anna", "Lind")]);
    let id = l.create_household(&input).unwrap().id;
    let d = l.household(&id).unwrap();
    let mut same = input.clone();
    same.members[0].id = Some(d.members[0].id.clone());
    same.owner_id = d.owner.map(|o| o.id);
    let n = logged(&mut l, |l| {
        l.update_household(&id, &same).unwrap();
    });
    assert_eq!(n, 0, "history shows what changed, not what was re-saved");
}

#[test]
fn the_entity_list_matches_the_schema() {
    let (l, _) = landa();
    for spec in ENTITIES {
        let mut stmt = l
            .connection()
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}') ORDER BY cid",
                spec.table
            ))
            .unwrap();
        let cols: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(cols[0], "id");
        assert_eq!(
            &cols[1..],
            spec.fields,
            "{} fields must match the schema so sync can rebuild rows",
            spec.table
        );
    }
}

#[test]
fn changes_carry_a_clock_device_and_user_and_clocks_only_go_forward() {
    let (mut l, _) = landa();
    l.create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap();
    l.create_household(&household(vec![adult("Erik", "Berg")]))
        .unwrap();
    let device: String = l
        .connection()
        .query_row("SELECT device_id FROM device", [], |r| r.get(0))
        .unwrap();
    let node = landa_domain::hlc::Hlc::node_for(uuid::Uuid::parse_str(&device).unwrap());
    let mut stmt = l
        .connection()
        .prepare("SELECT hlc, user_id, entity FROM change_log ORDER BY hlc")
        .unwrap();
    let rows: Vec<(String, Option<String>, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(
        rows.iter().all(|r| r.0.ends_with(&node)),
        "every stamp names this device"
    );
    assert!(
        rows.iter()
            // Users and the built-in first consent texts exist before anyone has signed in.
            .filter(|r| r.2 != "users" && r.2 != "consent_texts")
            .all(|r| r.1.is_some()),
        "every change after the first user is signed"
    );
    let households: Vec<&String> = rows
        .iter()
        .filter(|r| r.2 == "households")
        .map(|r| &r.0)
        .collect();
    assert_eq!(
        households.len(),
        2,
        "a new household is one entry holding all its fields"
    );
    assert!(
        households[0] < households[1],
        "the later write has the later clock"
    );
    let stored: String = l
        .connection()
        .query_row("SELECT hlc FROM device", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        &stored,
        &rows.last().unwrap().0,
        "the clock is persisted with the changes it stamped"
    );
}

#[test]
fn a_new_row_is_one_entry_holding_every_field_and_later_changes_are_per_field() {
    let (mut l, clock) = landa();
    let id = l
        .create_household(&household(vec![adult("Anna", "Lind")]))
        .unwrap()
        .id;
    let entries = |l: &Landa| -> Vec<(String, String)> {
        l.connection()
            .prepare("SELECT field, value FROM change_log WHERE row_id = ?1 ORDER BY hlc")
            .unwrap()
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let created = entries(&l);
    assert_eq!(created.len(), 1, "creating a row logs one entry");
    assert_eq!(created[0].0, landa_core::changes::ROW_FIELD);
    let fields = landa_core::changes::expand(&created[0].0, &created[0].1).unwrap();
    let spec = landa_core::changes::spec("households").unwrap();
    assert_eq!(
        fields.len(),
        spec.fields.len(),
        "the entry holds every field, defaults included, so the log alone rebuilds the row"
    );
    let name = &fields.iter().find(|(f, _)| f == "name").unwrap().1;
    assert!(
        name.contains("Lind"),
        "the household's name is in it: {name}"
    );

    clock.advance(chrono::Duration::minutes(1));
    let d = l.household(&id).unwrap();
    let mut anna = adult("Anna", "Lind");
    anna.id = Some(d.members[0].id.clone());
    l.update_household(
        &id,
        &HouseholdInput {
            tags: vec!["barnfamilj".into()],
            ..household(vec![anna])
        },
    )
    .unwrap();
    let after = entries(&l);
    assert!(
        after[1..]
            .iter()
            .all(|(f, _)| f != landa_core::changes::ROW_FIELD),
        "an edit logs the fields it changes, one entry each"
    );
    assert!(
        after
            .iter()
            .any(|(f, v)| f == "tags" && v == "[\"barnfamilj\"]")
    );
    let history = l.household_history(&id).unwrap();
    assert!(
        history
            .iter()
            .any(|c| c.row_id == id && c.field == "stage" && c.value == "\"lead_captured\""),
        "the history shows the new row field by field"
    );
    assert!(
        history
            .iter()
            .all(|c| c.field != landa_core::changes::ROW_FIELD),
        "and never the packed entry itself"
    );
    assert!(verify(l.connection()).unwrap().is_empty());
}
