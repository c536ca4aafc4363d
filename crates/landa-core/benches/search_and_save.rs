//! Search-as-you-type and saving a household at 100,000 demo households, each beside its floor:
//! the same raw SQLite work without Landa's layers (validation, change log, search index).
//!
//! Run with `scripts/bench.sh`. The database lives in `target/bench-data/` and is made once
//! (`LANDA_BENCH_HOUSEHOLDS`, default 100000) with the same demo generator as `landa demo`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use landa_core::dto::{
    CaptureInput, EventInput, HouseholdInput, LeadAdult, LeadConsent, LeadInput, MemberInput,
};
use landa_core::kinds::{MemberRole, Purpose, TimeFrame, UiLanguage};
use landa_core::{Landa, OpenOptions};
use rusqlite::{Connection, params};

fn bench_dir() -> PathBuf {
    std::env::var_os("LANDA_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data")
        })
}

fn open() -> (Landa, Connection) {
    let want: u32 = std::env::var("LANDA_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = bench_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("landa.db");
    // A database generated before encryption is plain: generate it again, encrypted.
    if landa_store::file_kind(&path).unwrap() == landa_store::FileKind::Plain {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    let mut landa = Landa::open(
        &path,
        &landa_core::protection::Key::new([7; 32], [8; 16]),
        OpenOptions::default(),
    )
    .unwrap();
    let have = landa.stats().unwrap().households;
    if have < want {
        eprintln!(
            "generating {} demo households in {} (once)…",
            want - have,
            path.display()
        );
        if landa.current_user().unwrap().is_none() {
            landa.create_user("Benchmark").unwrap();
        }
        landa.generate_demo(want - have, 2026).unwrap();
    }
    let raw =
        landa_store::open_for_copy(&path, &landa_core::protection::Key::new([7; 32], [8; 16]))
            .unwrap();
    (landa, raw)
}

fn household(n: u64) -> HouseholdInput {
    let member = |first: &str, role| MemberInput {
        first_name: first.into(),
        last_name: format!("Benchsson{n}"),
        role: Some(role),
        birth_year: Some(1988),
        languages: vec!["svenska".into(), "engelska".into()],
        profession: "Sjuksköterska".into(),
        emails: vec![format!("bench{n}@example.se")],
        phones: vec!["070-123 45 67".into()],
        ..Default::default()
    };
    HouseholdInput {
        members: vec![
            member("Anna", MemberRole::Adult),
            member("Erik", MemberRole::Adult),
            member("Elsa", MemberRole::Child),
        ],
        desired_municipalities: vec!["Östersund".into()],
        source: "Mässa".into(),
        tags: vec!["barnfamilj".into()],
        ..Default::default()
    }
}

fn search(c: &mut Criterion) {
    let (landa, raw) = open();
    let mut group = c.benchmark_group("search");
    group.measurement_time(Duration::from_secs(4));
    // What a coordinator types, letter by letter: two letters, a name part, a place with
    // diacritics, a profession fragment, a phone fragment.
    for q in ["an", "lind", "östersund", "sköterska", "0701"] {
        group.bench_with_input(BenchmarkId::new("landa", q), q, |b, q| {
            b.iter(|| black_box(landa.search(q, 12).unwrap()))
        });
        // Floor: the bare index lookup the first tier makes (word prefix on names), or for
        // text found only in other fields, the bare FTS5 lookup — no folding, no tiers, no
        // de-duplication, no DTOs.
        let folded = landa_core::text::fold(q);
        let by_name: bool = raw
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM search_words WHERE word >= ?1 AND word < ?1 || char(1114111))",
                [&folded],
                |r| r.get(0),
            )
            .unwrap();
        let (sql, arg) = if by_name {
            (
                "SELECT d.rowid, d.title FROM search_words w JOIN search_docs d ON d.rowid = w.doc
                 WHERE w.word >= ?1 AND w.word < ?1 || char(1114111) ORDER BY w.word LIMIT 24",
                folded.clone(),
            )
        } else {
            (
                "SELECT d.rowid, d.title FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid
                 WHERE search_fts MATCH ?1 LIMIT 24",
                format!("\"{folded}\""),
            )
        };
        let mut stmt = raw.prepare(sql).unwrap();
        group.bench_with_input(BenchmarkId::new("floor", q), &arg, |b, arg| {
            b.iter(|| {
                black_box(
                    stmt.query_map([arg], |r| r.get::<_, i64>(0))
                        .unwrap()
                        .count(),
                )
            })
        });
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let (mut landa, raw) = open();
    let mut group = c.benchmark_group("save_household");
    group
        .sample_size(60)
        .measurement_time(Duration::from_secs(6));
    let mut n = 0u64;
    group.bench_function("landa", |b| {
        b.iter(|| {
            n += 1;
            black_box(landa.create_household(&household(n)).unwrap())
        })
    });
    // Floor: one transaction inserting the household row and its three members, nothing else.
    let mut m = 0u64;
    group.bench_function("floor", |b| {
        b.iter(|| {
            m += 1;
            let tx = raw.unchecked_transaction().unwrap();
            let id = uuid_like(m, 0);
            tx.execute(
                "INSERT INTO households (id, name, stage, desired_municipalities, tags, created_at, updated_at)
                 VALUES (?1, ?2, 'lead_captured', '[\"Östersund\"]', '[\"barnfamilj\"]', ?3, ?3)",
                params![id, format!("Anna & Erik Floorsson{m}"), "2026-11-23T10:00:00.000Z"],
            )
            .unwrap();
            for (i, first) in ["Anna", "Erik", "Elsa"].iter().enumerate() {
                tx.execute(
                    "INSERT INTO persons (id, household_id, first_name, last_name, role, birth_year, languages, profession, emails, phones, position, created_at)
                     VALUES (?1, ?2, ?3, ?4, 'adult', 1988, '[\"svenska\"]', 'Sjuksköterska', '[]', '[\"+46701234567\"]', ?5, ?6)",
                    params![uuid_like(m, i as u64 + 1), id, first, format!("Floorsson{m}"), i as i64, "2026-11-23T10:00:00.000Z"],
                )
                .unwrap();
            }
            tx.commit().unwrap();
        })
    });
    group.finish();
}

/// A typical fair lead: a couple, two children, email and phone, two consents ticked.
fn fair_lead(n: u64, texts: &[(Purpose, String)]) -> LeadInput {
    LeadInput {
        adults: vec![
            LeadAdult {
                first_name: "Sara".into(),
                last_name: format!("Mässdottir{n}"),
                profession: "Sjuksköterska".into(),
            },
            LeadAdult {
                first_name: "Jonas".into(),
                last_name: format!("Mässdottir{n}"),
                profession: "Elektriker".into(),
            },
        ],
        email: format!("fair{n}@example.se"),
        phone: "070-123 45 67".into(),
        children: vec![Some(4), Some(7)],
        municipalities: vec!["Östersund".into(), "Krokom".into()],
        time_frame: Some(TimeFrame::Within1Year),
        note: "Vill veta mer om förskola och jobb inom vården.".into(),
        consents: texts
            .iter()
            .map(|(p, id)| LeadConsent {
                purpose: *p,
                text_id: id.clone(),
                language: UiLanguage::Sv,
            })
            .collect(),
    }
}

fn capture(c: &mut Criterion) {
    let (mut landa, raw) = open();
    let event = landa
        .create_event(&EventInput {
            name: "Benchmässan".into(),
            starts_on: "2026-11-23".into(),
            ..Default::default()
        })
        .unwrap();
    let texts: Vec<(Purpose, String)> = landa
        .consent_texts()
        .unwrap()
        .into_iter()
        .filter(|t| matches!(t.purpose, Purpose::ContactAboutMoving | Purpose::Newsletter))
        .map(|t| (t.purpose, t.id))
        .collect();
    let mut group = c.benchmark_group("fair");
    group
        .sample_size(60)
        .measurement_time(Duration::from_secs(6));
    // The duplicate warning runs while the coordinator types the email and phone.
    group.bench_function("duplicate_check", |b| {
        b.iter(|| {
            black_box(
                landa
                    .find_contact_matches("fair1@example.se", "070-123 45 67")
                    .unwrap(),
            )
        })
    });
    let mut n = 0u64;
    group.bench_function("capture_lead", |b| {
        b.iter(|| {
            n += 1;
            black_box(
                landa
                    .capture_lead(&CaptureInput {
                        event_id: event.clone(),
                        lead: fair_lead(n, &texts),
                        attach_to_household_id: None,
                        follow_up_title: "Följ upp mässkontakt".into(),
                    })
                    .unwrap(),
            )
        })
    });
    // Floor: one transaction inserting the rows a lead consists of (household, four members,
    // the conversation, two consents, the task), with no validation, log or index.
    let mut m = 0u64;
    group.bench_function("capture_floor", |b| {
        b.iter(|| {
            m += 1;
            let now = "2026-11-23T10:00:00.000Z";
            let tx = raw.unchecked_transaction().unwrap();
            let id = uuid_like(m, 100);
            tx.execute(
                "INSERT INTO households (id, name, stage, source_event_id, desired_municipalities, created_at, updated_at)
                 VALUES (?1, ?2, 'lead_captured', ?3, '[\"Östersund\",\"Krokom\"]', ?4, ?4)",
                params![id, format!("Sara & Jonas Floor{m}"), event, now],
            )
            .unwrap();
            for (i, (first, role)) in [("Sara", "adult"), ("Jonas", "adult"), ("", "child"), ("", "child")]
                .iter()
                .enumerate()
            {
                tx.execute(
                    "INSERT INTO persons (id, household_id, first_name, last_name, role, emails, phones, position, created_at)
                     VALUES (?1, ?2, ?3, 'Floor', ?4, '[\"floor@example.se\"]', '[\"+46701234567\"]', ?5, ?6)",
                    params![uuid_like(m, 101 + i as u64), id, first, role, i as i64, now],
                )
                .unwrap();
            }
            tx.execute(
                "INSERT INTO interactions (id, household_id, event_id, kind, occurred_at, summary, created_at)
                 VALUES (?1, ?2, ?3, 'fair_talk', ?4, 'Mässamtal', ?4)",
                params![uuid_like(m, 110), id, event, now],
            )
            .unwrap();
            for k in 0..2u64 {
                tx.execute(
                    "INSERT INTO consents (id, person_id, purpose, basis, status, text_version, method, recorded_at)
                     VALUES (?1, ?2, 'newsletter', 'consent', 'given', 'v1-sv', 'form', ?3)",
                    params![uuid_like(m, 111 + k), uuid_like(m, 101), now],
                )
                .unwrap();
            }
            tx.execute(
                "INSERT INTO tasks (id, title, due_on, household_id, event_id, created_at)
                 VALUES (?1, 'Följ upp', '2026-11-26', ?2, ?3, ?4)",
                params![uuid_like(m, 120), id, event, now],
            )
            .unwrap();
            tx.commit().unwrap();
        })
    });
    group.finish();
}

/// The duplicate warning while a household is typed (`similar_households`): a couple named
/// Patel (7,542 people in the name-word index) in Östersund (most households), with an email
/// that 12 households share and the phone on 168,738 households (a switchboard, skipped); and
/// the same couple without contact details in a place where no Patel lives.
fn similar(c: &mut Criterion) {
    let (landa, raw) = open();
    let list = |s: &str| {
        if s.is_empty() {
            vec![]
        } else {
            vec![s.to_owned()]
        }
    };
    let typed =
        |first: [&str; 2], last: &str, email: &str, phone: &str, place: &str| HouseholdInput {
            members: first
                .iter()
                .map(|f| MemberInput {
                    first_name: (*f).into(),
                    last_name: last.into(),
                    role: Some(MemberRole::Adult),
                    emails: list(email),
                    phones: list(phone),
                    ..Default::default()
                })
                .collect(),
            desired_municipalities: vec![place.into()],
            ..Default::default()
        };
    let cases = [
        (
            "couple",
            typed(
                ["Lars", "Stina"],
                "Patel",
                "bench1000@example.se",
                "070-123 45 67",
                "Östersund",
            ),
        ),
        (
            "namesakes_elsewhere",
            typed(["Lars", "Stina"], "Patel", "", "", "Kiruna"),
        ),
    ];
    let mut group = c.benchmark_group("similar_households");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(5));
    for (name, input) in &cases {
        let found = landa.similar_households(input, None).unwrap();
        eprintln!("similar_households/{name}: {} found", found.len());
        group.bench_with_input(BenchmarkId::new("landa", name), input, |b, input| {
            b.iter(|| black_box(landa.similar_households(input, None).unwrap()))
        });
    }
    // Floor for the couple: the bare index reads the look-up starts from (the email and the
    // phone in the contact index, the family name in the name-word index), nothing else.
    let mut contact = raw
        .prepare("SELECT person_id FROM contact_keys WHERE contact = ?1 LIMIT 301")
        .unwrap();
    let mut word = raw
        .prepare(
            "SELECT d.ref_id, d.household_id, d.folded FROM search_words w
             JOIN search_docs d ON d.rowid = w.doc WHERE w.word = ?1 AND d.kind = 'person'",
        )
        .unwrap();
    group.bench_function(BenchmarkId::new("floor", "couple"), |b| {
        b.iter(|| {
            let mut n = 0;
            for key in ["bench1000@example.se", "+46701234567"] {
                n += contact
                    .query_map([key], |r| r.get::<_, String>(0))
                    .unwrap()
                    .count();
            }
            n += word
                .query_map(["patel"], |r| r.get::<_, String>(0))
                .unwrap()
                .count();
            black_box(n)
        })
    });
    group.finish();
}

/// Ids for the floor's raw rows: unique per run (the bench database is kept between runs).
fn uuid_like(n: u64, k: u64) -> String {
    static RUN: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as u32)
            .unwrap_or(0)
    });
    format!("{run:08x}-0000-7000-8000-{n:08x}{k:04x}")
}

/// Host matching on the demo's welcome-and-integrate data (made once, up to 400 arrived
/// households and about 130 hosts): the ranked, explained candidates for one household, and
/// the optimal batch for every arrived household without a host (at most 300 at a time).
fn matching(c: &mut Criterion) {
    let (mut landa, _) = open();
    let hosts: i64 = landa
        .connection()
        .query_row("SELECT count(*) FROM hosts", [], |r| r.get(0))
        .unwrap();
    if hosts == 0 {
        eprintln!("adding demo hosts, matches and referrals (once)…");
        landa.generate_demo(0, 2026).unwrap();
    }
    let waiting = landa.unmatched_households().unwrap();
    let household = waiting[0].household.id.clone();
    let mut group = c.benchmark_group("matching");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(6));
    group.bench_function("candidates", |b| {
        b.iter(|| black_box(landa.match_candidates(&household, None).unwrap()))
    });
    group.bench_function("batch_proposal", |b| {
        b.iter(|| black_box(landa.batch_proposal(None).unwrap()))
    });
    group.finish();
    let batch = landa.batch_proposal(None).unwrap();
    eprintln!(
        "batch: {} households waiting with consent in this batch, {} hosts, {} matched",
        batch.rows.len(),
        landa.list_hosts(&Default::default()).unwrap().len(),
        batch.matched
    );
}

/// The full funder report over the bench database (every household, at least a million
/// interactions): the figures for the demo project's whole period, computed as the app and
/// the CLI compute them, targets measured from the project's start.
fn report(c: &mut Criterion) {
    let (mut landa, _) = open();
    let interactions = landa.stats().unwrap().interactions;
    if interactions < 1_000_000 {
        eprintln!("adding {} interactions (once)…", 1_000_000 - interactions);
        landa
            .generate_demo_interactions(1_000_000 - interactions, 2026)
            .unwrap();
    }
    if landa.list_projects().unwrap().is_empty()
        || landa
            .list_reports(&landa.list_projects().unwrap()[0].id)
            .unwrap()
            .is_empty()
    {
        eprintln!("adding the demo project's participants, targets and reports (once)…");
        landa.generate_demo(0, 2026).unwrap();
    }
    let project = landa.list_projects().unwrap().remove(0);
    let to = project.ends_on.clone().unwrap();
    let stats = landa.stats().unwrap();
    eprintln!(
        "report over {} households and {} interactions, {} – {}",
        stats.households, stats.interactions, project.starts_on, to
    );
    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("whole_project", |b| {
        b.iter(|| {
            black_box(
                landa
                    .report_data(&project.id, &project.starts_on, &to)
                    .unwrap(),
            )
        })
    });
    // A half-year report: the period, and again from the project's start for the targets.
    group.bench_function("half_year", |b| {
        b.iter(|| {
            black_box(
                landa
                    .report_data(&project.id, "2026-01-01", "2026-06-30")
                    .unwrap(),
            )
        })
    });
    group.bench_function("dashboard", |b| {
        b.iter(|| black_box(landa.project_progress(&project.id).unwrap()))
    });
    group.finish();
}

/// The audit log over the bench database's whole change log: the newest page of everything,
/// of one coordinator's changes and of one kind of record, as the audit view asks for them.
fn audit(c: &mut Criterion) {
    let (landa, _) = open();
    let user = landa.current_user().unwrap().map(|u| u.id);
    let stats = landa.stats().unwrap();
    eprintln!("audit log over {} change-log entries", stats.changes);
    let page = |filter: landa_core::audit::AuditFilter| landa_core::audit::AuditFilter {
        limit: Some(100),
        ..filter
    };
    let mut group = c.benchmark_group("audit");
    group.bench_function("newest_page", |b| {
        let filter = page(Default::default());
        b.iter(|| black_box(landa.audit_log(&filter).unwrap()))
    });
    group.bench_function("one_user", |b| {
        let filter = page(landa_core::audit::AuditFilter {
            user_id: user.clone(),
            ..Default::default()
        });
        b.iter(|| black_box(landa.audit_log(&filter).unwrap()))
    });
    group.bench_function("one_kind", |b| {
        let filter = page(landa_core::audit::AuditFilter {
            entity: Some("consents".into()),
            ..Default::default()
        });
        b.iter(|| black_box(landa.audit_log(&filter).unwrap()))
    });
    group.finish();
}

criterion_group!(
    benches, search, save, capture, similar, matching, report, audit
);
criterion_main!(benches);
