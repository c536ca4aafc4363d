//! The audit browser: the change log and the read log, narrowed by who, when, which kind of
//! record and which record, read page by page, and exported — each export logged as a read.

mod common;

use std::sync::Arc;

use common::*;
use landa_core::access::ReadKind;
use landa_core::audit::{AuditEntry, AuditFilter, ReadLogEntry, ReadLogFilter};
use landa_core::clock::FixedClock;
use landa_core::dto::*;
use landa_core::erasure::{ErasureInput, ErasureOutcome};
use landa_core::kinds::{ContactRole, InteractionKind, LinkPurpose, UiLanguage};
use landa_core::{Error, Landa};
use landa_domain::ValidationKind;
use landa_domain::pipeline::Stage;
use proptest::prelude::*;

struct World {
    l: Landa,
    clock: Arc<FixedClock>,
    karin: String,
    per: String,
    /// Anna Berg's household, made by Karin on the 23rd.
    anna: String,
    anna_person: String,
    /// Bo Lind's household, made by Per at 23:30 UTC on the 24th: the 25th in Sweden.
    bo: String,
    bo_person: String,
    org: String,
    contact: String,
    link: String,
}

fn person_of(l: &Landa, household: &str) -> String {
    l.household(household).unwrap().members[0].id.clone()
}

/// Two coordinators over three days (UTC): Karin on the 23rd and 24th, Per from late on the
/// 24th. Consent texts were written before anyone was chosen: entries without a user.
fn world() -> World {
    let (mut l, clock) = landa();
    let karin = l.current_user().unwrap().unwrap().id;
    let anna = l
        .create_household(&household(vec![adult("Anna", "Berg")]))
        .unwrap()
        .id;
    let anna_person = person_of(&l, &anna);
    l.log_interaction(&InteractionInput {
        household_id: Some(anna.clone()),
        organisation_id: None,
        kind: InteractionKind::Call,
        occurred_at: None,
        summary: "Pratade om jobb i Krokom".into(),
    })
    .unwrap();
    clock.set(t("2026-11-24T09:00:00Z"));
    let org = l
        .create_organisation(&OrganisationInput {
            name: "Jämtbygg AB".into(),
            participating: true,
            ..Default::default()
        })
        .unwrap();
    let contact = l
        .add_contact_person(&ContactPersonInput {
            organisation_id: org.clone(),
            name: "Eva Berg".into(),
            role: ContactRole::Hr,
            title: String::new(),
            email: "eva@jamtbygg.se".into(),
            phone: String::new(),
            notes: String::new(),
        })
        .unwrap();
    let link = l
        .link_household(&OrgLinkInput {
            household_id: anna.clone(),
            organisation_id: org.clone(),
            person_id: None,
            contact_person_id: Some(contact.clone()),
            purpose: LinkPurpose::PartnerJob,
            status: None,
            note: String::new(),
            referred_on: None,
            follow_up_on: None,
        })
        .unwrap();
    let per = l.create_user("Per Olsson").unwrap().id;
    l.set_current_user(&per).unwrap();
    clock.set(t("2026-11-24T23:30:00Z"));
    let bo = l
        .create_household(&household(vec![adult("Bo", "Lind")]))
        .unwrap()
        .id;
    let bo_person = person_of(&l, &bo);
    l.move_stage(&MoveStageInput {
        household_id: anna.clone(),
        to_stage: Stage::Contacted,
        reason: None,
        arrived_on: None,
    })
    .unwrap();
    clock.set(t("2026-11-25T12:00:00Z"));
    l.update_household(
        &bo,
        &HouseholdInput {
            notes: "Vill bo nära skidbacken".into(),
            ..household(vec![MemberInput {
                id: Some(bo_person.clone()),
                ..adult("Bo", "Lind")
            }])
        },
    )
    .unwrap();
    World {
        l,
        clock,
        karin,
        per,
        anna,
        anna_person,
        bo,
        bo_person,
        org,
        contact,
        link,
    }
}

fn filter() -> AuditFilter {
    AuditFilter::default()
}

/// Every entry the filter shows, page by page, with `limit` entries a page.
fn paged(l: &Landa, f: &AuditFilter, limit: u32) -> Vec<AuditEntry> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = l
            .audit_log(&AuditFilter {
                limit: Some(limit),
                cursor: cursor.clone(),
                ..f.clone()
            })
            .unwrap();
        out.extend(page.entries);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return out,
        }
    }
}

fn all(l: &Landa, f: &AuditFilter) -> Vec<AuditEntry> {
    paged(l, f, 500)
}

fn rows(entries: &[AuditEntry]) -> std::collections::BTreeSet<(String, String)> {
    entries
        .iter()
        .map(|e| (e.entity.clone(), e.row_id.clone()))
        .collect()
}

fn has(entries: &[AuditEntry], entity: &str, id: &str) -> bool {
    entries.iter().any(|e| e.entity == entity && e.row_id == id)
}

/// Lines in the whole log: a new record's entry is a line per field.
fn lines_in_log(l: &Landa) -> usize {
    l.connection()
        .query_row(
            "SELECT sum(CASE WHEN c.field = '*' THEN (SELECT count(*) FROM json_each(c.value)) ELSE 1 END)
             FROM change_log c",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize
}

#[test]
fn the_whole_log_is_every_change_newest_first_with_who_made_it() {
    let w = world();
    let log = all(&w.l, &filter());
    assert_eq!(
        log.len(),
        lines_in_log(&w.l),
        "every field of every change, once"
    );
    assert!(log.windows(2).all(|p| p[0].at >= p[1].at), "newest first");
    let note = log
        .iter()
        .find(|e| e.row_id == w.bo && e.field == "notes" && !e.created)
        .expect("Per's edit of Bo's notes is in the log");
    assert_eq!(
        note.user_name.as_deref(),
        Some("Per Olsson"),
        "the audit shows who"
    );
    assert_eq!(note.value, "\"Vill bo nära skidbacken\"");
    assert_eq!(note.at, "2026-11-25T12:00:00.000Z");
    assert_eq!(
        log[0].row_id, w.bo,
        "the newest change is Per's edit of Bo's household"
    );
    let created = log
        .iter()
        .filter(|e| e.row_id == w.anna && e.created)
        .count();
    assert!(
        created > 5,
        "a new household is shown field by field, as created"
    );
}

#[test]
fn records_are_named_while_they_exist() {
    let w = world();
    let log = all(&w.l, &filter());
    let label = |entity: &str, id: &str| {
        log.iter()
            .find(|e| e.entity == entity && e.row_id == id)
            .and_then(|e| e.label.clone())
    };
    let anna_name = w.l.household(&w.anna).unwrap().name;
    assert_eq!(label("households", &w.anna), Some(anna_name.clone()));
    assert_eq!(
        label("persons", &w.anna_person).as_deref(),
        Some("Anna Berg")
    );
    assert_eq!(
        label("organisations", &w.org).as_deref(),
        Some("Jämtbygg AB")
    );
    assert_eq!(
        label("contact_persons", &w.contact).as_deref(),
        Some("Eva Berg")
    );
    assert_eq!(
        label("org_links", &w.link),
        Some(anna_name.clone()),
        "a link is named by its household"
    );
    let stage = log
        .iter()
        .find(|e| e.entity == "stage_changes")
        .expect("the stage change is logged");
    assert_eq!(stage.label, Some(anna_name), "so is a stage change");
    assert_eq!(label("users", &w.per).as_deref(), Some("Per Olsson"));
}

#[test]
fn the_user_filter_shows_only_that_users_changes() {
    let mut w = world();
    let per = all(
        &w.l,
        &AuditFilter {
            user_id: Some(w.per.clone()),
            ..filter()
        },
    );
    assert!(!per.is_empty());
    assert!(
        per.iter()
            .all(|e| e.user_id.as_deref() == Some(w.per.as_str())),
        "only Per's changes"
    );
    assert!(has(&per, "households", &w.bo), "Per made Bo's household");
    assert!(!has(&per, "persons", &w.anna_person), "Karin made Anna");
    let karin = all(
        &w.l,
        &AuditFilter {
            user_id: Some(w.karin.clone()),
            ..filter()
        },
    );
    assert!(has(&karin, "persons", &w.anna_person));
    assert!(has(&karin, "users", &w.per), "Karin added Per");
    assert!(!has(&karin, "households", &w.bo));
    let nobody = all(
        &w.l,
        &AuditFilter {
            without_user: true,
            ..filter()
        },
    );
    assert!(
        !nobody.is_empty() && nobody.iter().all(|e| e.user_id.is_none()),
        "the consent texts written before anyone was chosen"
    );
    assert_eq!(
        per.len() + karin.len() + nobody.len(),
        all(&w.l, &filter()).len(),
        "the three together are the whole log"
    );
    let lisa = w.l.create_user("Lisa Ek").unwrap().id;
    assert!(
        all(
            &w.l,
            &AuditFilter {
                user_id: Some(lisa),
                ..filter()
            }
        )
        .is_empty(),
        "a user who changed nothing has an empty log"
    );
}

#[test]
fn the_days_are_the_users_days_and_both_ends_are_included() {
    let w = world();
    let days = |from: &str, to: &str, offset: i32| {
        all(
            &w.l,
            &AuditFilter {
                from: Some(from.into()).filter(|f: &String| !f.is_empty()),
                to: Some(to.into()).filter(|t: &String| !t.is_empty()),
                from_offset_minutes: Some(offset),
                to_offset_minutes: Some(offset),
                ..filter()
            },
        )
    };
    let first = days("2026-11-23", "2026-11-23", 0);
    assert!(!first.is_empty());
    assert!(first.iter().all(|e| e.at.starts_with("2026-11-23")));
    assert!(has(&first, "persons", &w.anna_person));
    // Bo's household was made at 23:30 UTC on the 24th: the 25th in Sweden (UTC+1).
    assert!(has(
        &days("2026-11-24", "2026-11-24", 0),
        "households",
        &w.bo
    ));
    assert!(!has(
        &days("2026-11-24", "2026-11-24", 60),
        "households",
        &w.bo
    ));
    assert!(has(
        &days("2026-11-25", "2026-11-25", 60),
        "households",
        &w.bo
    ));
    assert!(
        !has(
            &days("2026-11-25", "2026-11-25", 0),
            "persons",
            &w.bo_person
        ),
        "in UTC it was still the 24th"
    );
    assert!(
        has(&days("2026-11-24", "", 0), "households", &w.bo),
        "an open end reaches today"
    );
    assert!(
        !has(&days("", "2026-11-23", 0), "households", &w.bo),
        "an open start reaches the beginning"
    );
    assert!(has(&days("", "2026-11-23", 0), "persons", &w.anna_person));
    assert!(
        days("2026-12-01", "2026-12-31", 60).is_empty(),
        "nothing was changed in December"
    );
}

#[test]
fn the_entity_filter_shows_only_that_kind_of_record() {
    let w = world();
    let persons = all(
        &w.l,
        &AuditFilter {
            entity: Some("persons".into()),
            ..filter()
        },
    );
    assert!(persons.iter().all(|e| e.entity == "persons"));
    assert_eq!(
        rows(&persons),
        [
            ("persons".to_owned(), w.anna_person.clone()),
            ("persons".to_owned(), w.bo_person.clone())
        ]
        .into(),
        "both people, nothing else"
    );
    assert!(
        all(
            &w.l,
            &AuditFilter {
                entity: Some("erasure_requests".into()),
                ..filter()
            }
        )
        .is_empty(),
        "no erasure has been decided"
    );
    let per_persons = all(
        &w.l,
        &AuditFilter {
            entity: Some("persons".into()),
            user_id: Some(w.per.clone()),
            ..filter()
        },
    );
    assert_eq!(
        rows(&per_persons),
        [("persons".to_owned(), w.bo_person.clone())].into(),
        "user and kind together"
    );
}

#[test]
fn a_record_shows_its_own_history_and_what_belongs_to_it() {
    let w = world();
    let record = |id: &str| {
        all(
            &w.l,
            &AuditFilter {
                row_id: Some(id.into()),
                ..filter()
            },
        )
    };
    let anna = record(&w.anna);
    for (entity, id) in [
        ("households", &w.anna),
        ("persons", &w.anna_person),
        ("org_links", &w.link),
    ] {
        assert!(has(&anna, entity, id), "Anna's history holds her {entity}");
    }
    for entity in ["interactions", "stage_changes"] {
        assert!(
            anna.iter().any(|e| e.entity == entity),
            "Anna's history holds her {entity}"
        );
    }
    assert!(!has(&anna, "households", &w.bo), "not Bo");
    assert!(
        !has(&anna, "organisations", &w.org),
        "not the employer itself"
    );
    let org = record(&w.org);
    assert!(has(&org, "organisations", &w.org));
    assert!(has(&org, "contact_persons", &w.contact));
    assert!(has(&org, "org_links", &w.link), "the link refers to it");
    assert!(!has(&org, "persons", &w.anna_person));
    assert_eq!(
        rows(&record(&w.bo_person)),
        [("persons".to_owned(), w.bo_person.clone())].into(),
        "any other record alone"
    );
    let anna_persons = all(
        &w.l,
        &AuditFilter {
            row_id: Some(w.anna.clone()),
            entity: Some("persons".into()),
            ..filter()
        },
    );
    assert_eq!(
        rows(&anna_persons),
        [("persons".to_owned(), w.anna_person.clone())].into()
    );
    assert!(
        record("0190c0de-0000-7000-8000-000000000000").is_empty(),
        "an id nothing has: an empty history"
    );
    let named = |id: &str| {
        w.l.audit_log(&AuditFilter {
            row_id: Some(id.into()),
            ..filter()
        })
        .unwrap()
        .record
        .map(|r| (r.entity, r.label))
    };
    assert_eq!(
        named(&w.anna),
        Some((
            "households".to_owned(),
            Some(w.l.household(&w.anna).unwrap().name)
        )),
        "the page names the record it is about"
    );
    assert_eq!(
        named(&w.contact),
        Some(("contact_persons".to_owned(), Some("Eva Berg".to_owned())))
    );
    assert_eq!(named("0190c0de-0000-7000-8000-000000000000"), None);
    assert!(
        w.l.audit_log(&filter()).unwrap().record.is_none(),
        "the whole log is about no record"
    );
}

#[test]
fn every_page_size_returns_every_entry_exactly_once() {
    let w = world();
    for f in [
        filter(),
        AuditFilter {
            user_id: Some(w.karin.clone()),
            ..filter()
        },
        AuditFilter {
            entity: Some("households".into()),
            ..filter()
        },
        AuditFilter {
            row_id: Some(w.anna.clone()),
            ..filter()
        },
    ] {
        let whole = all(&w.l, &f);
        for limit in [1, 2, 3, 7, 50] {
            assert_eq!(paged(&w.l, &f, limit), whole, "pages of {limit}");
        }
    }
}

/// How an invalid filter is refused.
fn refused(e: Error) -> (String, ValidationKind) {
    match e {
        Error::Validation(v) => (v.field, v.kind),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn bad_filters_are_refused_with_the_field_and_change_nothing() {
    let mut w = world();
    let dir = tempfile::tempdir().unwrap();
    let before = (count(&w.l, "change_log"), count(&w.l, "read_log"));
    let bad = [
        (
            AuditFilter {
                from: Some("2026-13-01".into()),
                ..filter()
            },
            "from",
            ValidationKind::InvalidDate,
        ),
        (
            AuditFilter {
                to: Some("igår".into()),
                ..filter()
            },
            "to",
            ValidationKind::InvalidDate,
        ),
        (
            AuditFilter {
                from: Some("2026-11-25".into()),
                to: Some("2026-11-24".into()),
                ..filter()
            },
            "to",
            ValidationKind::EndsBeforeStart,
        ),
        (
            AuditFilter {
                from_offset_minutes: Some(15 * 60),
                ..filter()
            },
            "from_offset_minutes",
            ValidationKind::OutOfRange,
        ),
        (
            AuditFilter {
                entity: Some("passwords".into()),
                ..filter()
            },
            "entity",
            ValidationKind::UnknownValue,
        ),
        (
            AuditFilter {
                limit: Some(501),
                ..filter()
            },
            "limit",
            ValidationKind::OutOfRange,
        ),
        (
            AuditFilter {
                limit: Some(0),
                ..filter()
            },
            "limit",
            ValidationKind::OutOfRange,
        ),
        (
            AuditFilter {
                cursor: Some("page 2".into()),
                ..filter()
            },
            "cursor",
            ValidationKind::UnknownValue,
        ),
        (
            AuditFilter {
                user_id: Some("karin".into()),
                ..filter()
            },
            "user_id",
            ValidationKind::InvalidId,
        ),
        (
            AuditFilter {
                user_id: Some(w.karin.clone()),
                without_user: true,
                ..filter()
            },
            "user_id",
            ValidationKind::UnknownValue,
        ),
        (
            AuditFilter {
                row_id: Some("Anna".into()),
                ..filter()
            },
            "row_id",
            ValidationKind::InvalidId,
        ),
    ];
    for (f, field, kind) in bad {
        assert_eq!(
            refused(w.l.audit_log(&f).unwrap_err()),
            (field.to_owned(), kind),
            "{f:?}"
        );
        // An export is every page: page settings do not apply to it.
        if field != "limit" && field != "cursor" {
            assert_eq!(
                refused(
                    w.l.export_audit_csv(&f, UiLanguage::Sv, dir.path())
                        .unwrap_err()
                )
                .0,
                field,
                "the export refuses it too"
            );
        }
    }
    assert!(
        matches!(
            w.l.audit_log(&AuditFilter {
                user_id: Some("0190c0de-0000-7000-8000-000000000000".into()),
                ..filter()
            }),
            Err(Error::NotFound { entity: "users" })
        ),
        "a user nobody knows"
    );
    assert_eq!(
        refused(
            w.l.read_log_entries(&ReadLogFilter {
                from: Some("30/11/2026".into()),
                ..Default::default()
            })
            .unwrap_err()
        ),
        ("from".to_owned(), ValidationKind::InvalidDate)
    );
    assert_eq!(
        (count(&w.l, "change_log"), count(&w.l, "read_log")),
        before,
        "a refused filter writes nothing, and no export is logged"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "and leaves no file"
    );
}

fn read_csv(path: &str, delimiter: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark, for Excel"
    );
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(&bytes[3..]);
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (headers, rows)
}

fn reads(l: &Landa) -> Vec<ReadLogEntry> {
    l.read_log_entries(&ReadLogFilter::default())
        .unwrap()
        .entries
}

#[test]
fn the_export_writes_what_the_filter_shows_and_is_logged() {
    let mut w = world();
    let dir = tempfile::tempdir().unwrap();
    let f = AuditFilter {
        user_id: Some(w.per.clone()),
        // Page settings do not limit an export.
        limit: Some(1),
        ..filter()
    };
    let shown = all(&w.l, &f);
    let done =
        w.l.export_audit_csv(&f, UiLanguage::Sv, dir.path())
            .unwrap();
    assert!(
        done.path
            .ends_with("granskningslogg-2026-11-25-okrypterad.csv"),
        "the name says the file is not encrypted: {}",
        done.path
    );
    assert_eq!(done.rows as usize, shown.len());
    let (headers, lines) = read_csv(&done.path, b';');
    assert_eq!(headers[0], "Tid (UTC)");
    assert_eq!(lines.len(), shown.len(), "one line per line shown");
    for (line, entry) in lines.iter().zip(&shown) {
        assert_eq!(line[0], entry.at);
        assert_eq!(line[1], "Per Olsson");
        assert_eq!((&line[2], &line[3]), (&entry.entity, &entry.row_id));
        assert_eq!(line[5], entry.field);
    }
    assert!(
        lines
            .iter()
            .any(|l| l[5] == "notes" && l[6] == "Vill bo nära skidbacken"),
        "values as plain text"
    );
    let logged = &reads(&w.l)[0];
    assert_eq!(logged.kind, ReadKind::ExportAudit);
    assert_eq!(logged.user_name.as_deref(), Some("Per Olsson"));
    assert_eq!(
        logged.subject_id, None,
        "a whole-log export is about nobody in particular"
    );

    // A household's history exported is a read about that household, in English with commas.
    w.clock.advance(chrono::Duration::minutes(1));
    let anna = AuditFilter {
        row_id: Some(w.anna.clone()),
        ..filter()
    };
    let shown = all(&w.l, &anna);
    let done =
        w.l.export_audit_csv(&anna, UiLanguage::En, dir.path())
            .unwrap();
    assert!(done.path.ends_with("audit-log-2026-11-25-unencrypted.csv"));
    let (headers, lines) = read_csv(&done.path, b',');
    assert_eq!(headers[0], "Time (UTC)");
    assert_eq!(lines.len(), shown.len());
    let logged = &reads(&w.l)[0];
    assert_eq!(
        (logged.kind, logged.subject_id.as_deref()),
        (ReadKind::ExportAudit, Some(w.anna.as_str()))
    );
    assert_eq!(
        logged.subject_name,
        Some(w.l.household(&w.anna).unwrap().name)
    );

    // The read log exports too, and that is logged as well.
    w.clock.advance(chrono::Duration::minutes(1));
    let done =
        w.l.export_read_log_csv(&ReadLogFilter::default(), UiLanguage::Sv, dir.path())
            .unwrap();
    assert!(done.path.ends_with("lasloggen-2026-11-25-okrypterad.csv"));
    let (_, lines) = read_csv(&done.path, b';');
    assert_eq!(lines.len(), 2, "the two audit exports before it");
    assert!(lines.iter().all(|l| l[2] == "Export av granskningsloggen"));
    assert_eq!(reads(&w.l)[0].kind, ReadKind::ExportReadLog);
}

#[test]
fn the_read_log_shows_who_read_what_and_keeps_it_after_an_erasure() {
    let mut w = world();
    w.l.set_current_user(&w.karin).unwrap();
    w.l.access_extract(&w.anna, UiLanguage::Sv).unwrap();
    w.clock.advance(chrono::Duration::hours(1));
    w.l.set_current_user(&w.per).unwrap();
    w.l.log_read(ReadKind::ExportHouseholds, None).unwrap();
    let entries = reads(&w.l);
    assert_eq!(
        entries
            .iter()
            .map(|e| (e.kind, e.user_name.as_deref()))
            .collect::<Vec<_>>(),
        vec![
            (ReadKind::ExportHouseholds, Some("Per Olsson")),
            (ReadKind::AccessExtract, Some("Karin Lindgren")),
        ],
        "newest first, with who"
    );
    assert_eq!(
        entries[1].subject_name,
        Some(w.l.household(&w.anna).unwrap().name)
    );
    let karins =
        w.l.read_log_entries(&ReadLogFilter {
            user_id: Some(w.karin.clone()),
            ..Default::default()
        })
        .unwrap()
        .entries;
    assert_eq!(karins.len(), 1);
    assert_eq!(karins[0].kind, ReadKind::AccessExtract);
    let later =
        w.l.read_log_entries(&ReadLogFilter {
            from: Some("2026-11-26".into()),
            ..Default::default()
        })
        .unwrap()
        .entries;
    assert!(later.is_empty(), "nothing was read after the 25th");
    let pages: Vec<_> = {
        let first =
            w.l.read_log_entries(&ReadLogFilter {
                limit: Some(1),
                ..Default::default()
            })
            .unwrap();
        let second =
            w.l.read_log_entries(&ReadLogFilter {
                limit: Some(1),
                cursor: first.next_cursor.clone(),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(second.next_cursor, None, "two reads, two pages");
        first.entries.into_iter().chain(second.entries).collect()
    };
    assert_eq!(pages, entries, "the read log pages too");

    w.l.decide_erasure(&ErasureInput {
        household_id: w.anna.clone(),
        person_id: None,
        outcome: ErasureOutcome::Erased,
        reason: "Begäran per e-post".into(),
        requested_on: None,
    })
    .unwrap();
    let extract = reads(&w.l)
        .into_iter()
        .find(|e| e.kind == ReadKind::AccessExtract)
        .expect("the read stays logged after the erasure");
    assert_eq!(extract.subject_id.as_deref(), Some(w.anna.as_str()));
    assert_eq!(
        extract.subject_name, None,
        "an erased household has no name"
    );
    let history = all(
        &w.l,
        &AuditFilter {
            row_id: Some(w.anna.clone()),
            ..filter()
        },
    );
    assert!(
        !history.is_empty() && history.iter().all(|e| e.entity == "erased_rows"),
        "an erased household's history is gone with it; only the marker that it was erased stays"
    );
    assert!(
        history.iter().all(|e| e.label.is_none()),
        "and it has no name"
    );
}

fn matches(e: &AuditEntry, f: &AuditFilter) -> bool {
    let user = match (&f.user_id, f.without_user) {
        (Some(id), _) => e.user_id.as_ref() == Some(id),
        (None, true) => e.user_id.is_none(),
        (None, false) => true,
    };
    let entity = f.entity.as_ref().is_none_or(|x| &e.entity == x);
    let from = f.from.as_ref().is_none_or(|d| e.at.as_str() >= d.as_str());
    let to =
        f.to.as_ref()
            .is_none_or(|d| e.at.get(..10).is_some_and(|day| day <= d.as_str()));
    user && entity && from && to
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any combination of filters and any page size: the pages hold exactly what one large page
    /// holds, in the same order, and every line fits the filter.
    #[test]
    fn pages_of_any_filter_are_the_filter_exactly(
        who in 0..4usize,
        entity in proptest::option::of(prop::sample::select(vec!["households", "persons", "users", "consent_texts", "org_links"])),
        from in proptest::option::of(prop::sample::select(vec!["2026-11-23", "2026-11-24", "2026-11-25"])),
        to in proptest::option::of(prop::sample::select(vec!["2026-11-24", "2026-11-25", "2026-11-26"])),
        limit in 1u32..9,
    ) {
        let w = world();
        let f = AuditFilter {
            user_id: match who { 1 => Some(w.karin.clone()), 2 => Some(w.per.clone()), _ => None },
            without_user: who == 3,
            entity: entity.map(str::to_owned),
            from: from.map(str::to_owned),
            to: to.filter(|t| from.is_none_or(|f| f <= *t)).map(str::to_owned),
            ..filter()
        };
        let whole = all(&w.l, &f);
        prop_assert_eq!(&paged(&w.l, &f, limit), &whole);
        prop_assert!(whole.iter().all(|e| matches(e, &f)), "every line fits the filter");
        let everything = all(&w.l, &filter());
        let expected: Vec<&AuditEntry> = everything.iter().filter(|e| matches(e, &f)).collect();
        prop_assert_eq!(whole.iter().collect::<Vec<_>>(), expected, "and nothing that fits is missing");
    }
}
