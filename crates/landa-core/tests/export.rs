//! The JSON export read back into an empty database gives the same records; a document that
//! is not a whole, known export is refused and leaves no database behind.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use landa_core::clock::{FixedClock, RandomIds};
use landa_core::export::{self, ExportDocument};
use landa_core::{Landa, OpenOptions};
use serde_json::{Value, json};

fn options(seed: u64) -> OpenOptions {
    OpenOptions {
        clock: Arc::new(FixedClock::at(t("2026-11-23T10:00:00Z"))),
        ids: Arc::new(RandomIds::seeded(seed)),
    }
}

fn demo_document(dir: &Path) -> (Landa, ExportDocument) {
    let mut l = Landa::open(&dir.join("source.db"), &key(), options(3)).unwrap();
    l.create_user("Karin Lindgren").unwrap();
    l.generate_demo(150, 5).unwrap();
    let doc = l.export_document().unwrap();
    (l, doc)
}

fn kind(e: &landa_core::Error) -> Value {
    serde_json::to_value(e.to_api().kind).unwrap()
}

#[test]
fn an_export_read_into_an_empty_database_gives_the_same_records_back() {
    let dir = tempfile::tempdir().unwrap();
    let (source, doc) = demo_document(dir.path());
    // Through text, as a file would carry it.
    let text = serde_json::to_string_pretty(&doc).unwrap();
    let read: ExportDocument = serde_json::from_str(&text).unwrap();
    assert_eq!(read, doc);
    assert!(doc.entities["households"].len() >= 150);
    assert!(
        doc.entities["households"][0]["desired_municipalities"].is_array(),
        "list columns are JSON lists for a program to read, not text"
    );

    let target = dir.path().join("ny").join("landa.db");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let imported = export::import_document(&target, &key(), &read, options(9)).unwrap();
    assert_eq!(
        imported.rows["households"] as usize,
        doc.entities["households"].len()
    );

    let copy = Landa::open(&target, &key(), options(9)).unwrap();
    let mut again = copy.export_document().unwrap();
    again.exported_at.clone_from(&doc.exported_at);
    assert_eq!(
        again, doc,
        "every row of every table is back, field for field"
    );

    // Derived data is rebuilt too: search finds the same households, and the change log
    // rebuilds every row (so a later sync can carry them).
    // A whole phone number (a partial one stops at a page of trigram hits, in index order).
    let phone = doc.entities["persons"]
        .iter()
        .find_map(|p| {
            p["phones"]
                .as_array()
                .and_then(|a| a.first())
                .and_then(Value::as_str)
        })
        .unwrap()
        .to_owned();
    for query in ["lind", "östersund", phone.as_str()] {
        // Every hit, sorted: equal scores may come in another order in a new index.
        let hits = |l: &Landa| {
            let mut titles: Vec<_> = l
                .search(query, 1000)
                .unwrap()
                .into_iter()
                .map(|h| (h.title, h.detail))
                .collect();
            titles.sort();
            titles
        };
        let (a, b) = (hits(&source), hits(&copy));
        assert!(!a.is_empty(), "search for {query} finds something");
        assert_eq!(a, b, "search for {query}");
    }
    assert!(
        landa_core::changes::verify(copy.connection())
            .unwrap()
            .is_empty()
    );
    let texts = |l: &Landa| -> Vec<(String, u32)> {
        l.consent_text_history()
            .unwrap()
            .into_iter()
            .map(|c| (c.id, c.version))
            .collect()
    };
    assert_eq!(
        texts(&copy),
        texts(&source),
        "the consent texts are the exported ones, with their versions, not new defaults"
    );
}

#[test]
fn a_document_that_is_no_whole_export_is_refused_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = demo_document(dir.path());

    let mut wrong_format = doc.clone();
    wrong_format.format = "something-else".into();
    let mut newer = doc.clone();
    newer.format_version += 1;
    let mut unknown_field = doc.clone();
    unknown_field.entities.get_mut("households").unwrap()[0].insert("shoe_size".into(), json!(44));
    let mut unknown_table = doc.clone();
    unknown_table.entities.insert("secrets".into(), vec![]);
    let mut dangling = doc.clone();
    // A person whose household is not in the document: the database would not hold together.
    dangling.entities.get_mut("persons").unwrap()[0].insert(
        "household_id".into(),
        json!("01900000-0000-7000-8000-000000000000"),
    );

    for (n, (bad, expected)) in [
        (wrong_format, "not_an_export"),
        (newer, "export_newer"),
        (unknown_field, "not_an_export"),
        (unknown_table, "not_an_export"),
    ]
    .into_iter()
    .enumerate()
    {
        let target = dir.path().join(format!("bad-{n}.db"));
        let e = export::import_document(&target, &key(), &bad, options(1)).unwrap_err();
        assert_eq!(kind(&e), json!(expected));
        assert!(!target.exists(), "a refused document writes no database");
    }

    let target = dir.path().join("dangling.db");
    let e = export::import_document(&target, &key(), &dangling, options(1)).unwrap_err();
    assert_eq!(kind(&e), json!("not_an_export"));
    assert!(
        !target.exists(),
        "a failed import leaves no half database behind"
    );

    // An existing database is never written into.
    let existing = dir.path().join("source.db");
    let before = std::fs::metadata(&existing).unwrap().len();
    let e = export::import_document(&existing, &key(), &doc, options(1)).unwrap_err();
    assert_eq!(kind(&e), json!("database_not_empty"));
    assert_eq!(std::fs::metadata(&existing).unwrap().len(), before);
}

#[test]
fn a_new_installation_starts_from_an_export_file_and_gets_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let (source, doc) = demo_document(dir.path());
    let file = dir.path().join("landa-export.json");
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();

    // The app's first start: an empty database with its first coordinator.
    let new_dir = dir.path().join("ny-dator");
    std::fs::create_dir_all(&new_dir).unwrap();
    let mut fresh = Landa::open(&new_dir.join("landa.db"), &key(), options(11)).unwrap();
    fresh.create_user("Ny Användare").unwrap();
    let done = fresh.start_from_export(&file).unwrap();
    assert_eq!(
        done.rows["households"] as usize,
        doc.entities["households"].len()
    );
    let signed_in = fresh.current_user().unwrap().expect("someone is signed in");
    assert_eq!(
        signed_in.name, "Ny Användare",
        "the coordinator named at the first start stays signed in, added to the export's"
    );
    let mut again = fresh.export_document().unwrap();
    again.exported_at.clone_from(&doc.exported_at);
    again
        .entities
        .get_mut("users")
        .unwrap()
        .retain(|u| u["name"] != "Ny Användare");
    assert_eq!(
        again, doc,
        "the open database now holds the export, field for field"
    );
    assert_eq!(
        fresh.search("lind", 1000).unwrap().len(),
        source.search("lind", 1000).unwrap().len(),
        "and its search index"
    );
    assert!(
        landa_core::changes::verify(fresh.connection())
            .unwrap()
            .is_empty()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&new_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("landa-from-export"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the staging database is removed: {leftovers:?}"
    );

    // Once it holds records, an export is never read over them.
    let e = fresh.start_from_export(&file).unwrap_err();
    assert_eq!(kind(&e), json!("database_not_empty"));
}

#[test]
fn starting_from_a_file_that_is_no_export_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut fresh = Landa::open(&dir.path().join("landa.db"), &key(), options(12)).unwrap();
    let me = fresh.create_user("Karin Lindgren").unwrap();
    let not_json = dir.path().join("lista.csv");
    std::fs::write(&not_json, "Namn;E-post\nAnna;anna@example.se\n").unwrap();
    let e = fresh.start_from_export(&not_json).unwrap_err();
    assert_eq!(kind(&e), json!("not_an_export"));
    let missing = dir.path().join("finns-inte.json");
    let e = fresh.start_from_export(&missing).unwrap_err();
    assert_eq!(kind(&e), json!("no_such_file"));
    let mut dangling: Value = json!({});
    if let Value::Object(m) = &mut dangling {
        m.insert("format".into(), json!("landa-export"));
    }
    std::fs::write(dir.path().join("half.json"), dangling.to_string()).unwrap();
    let e = fresh
        .start_from_export(&dir.path().join("half.json"))
        .unwrap_err();
    assert_eq!(kind(&e), json!("not_an_export"));
    assert_eq!(
        fresh.session().unwrap().user.map(|u| u.id),
        Some(me.id),
        "the database and its coordinator are as they were"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        5,
        "no staging database is left behind: the database with its WAL files and the two inputs"
    );
}

#[test]
fn contacts_export_as_vcards_with_adults_and_contact_persons_but_no_children() {
    let dir = tempfile::tempdir().unwrap();
    let (mut l, _) = demo_document(dir.path());
    let mut parent = adult("Vera", "Kortsson");
    parent.emails = vec!["vera@example.se".into()];
    let mut members = vec![parent, child("Lilla", "Kortsson", 2020)];
    // A child's phone is kept in Landa but never leaves it in a contacts file.
    members[1].phones = vec!["070-999 88 77".into()];
    l.create_household(&household(members)).unwrap();

    let text = l.export_vcards().unwrap();
    let cards = l.contact_cards().unwrap();
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), cards.len());
    assert_eq!(text.matches("END:VCARD\r\n").count(), cards.len());
    assert!(
        cards
            .iter()
            .all(|c| !c.emails.is_empty() || !c.phones.is_empty()),
        "every card reaches someone"
    );
    assert!(text.contains("N:Kortsson;Vera;;;\r\n"));
    assert!(text.contains("EMAIL;TYPE=INTERNET:vera@example.se\r\n"));
    assert!(
        !text.contains("Lilla") && !text.contains("+46709998877"),
        "children are never exported"
    );
    assert!(
        cards.iter().any(|c| c.organisation.is_some()),
        "organisations' contact persons are in it"
    );
    assert!(
        text.lines().all(|line| line.len() <= 75),
        "lines are folded"
    );
}

#[test]
fn every_table_exports_as_csv_that_swedish_excel_opens_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut l, doc) = demo_document(dir.path());
    let mut hostile = adult("=HYPERLINK(\"http://x\")", "Lind");
    hostile.profession = "Sjuksköterska; natt".into();
    l.create_household(&household(vec![hostile])).unwrap();

    for (language, delimiter) in [
        (landa_core::kinds::UiLanguage::Sv, ';'),
        (landa_core::kinds::UiLanguage::En, ','),
    ] {
        let files = l.export_csv_tables(language).unwrap();
        assert_eq!(files.len(), doc.entities.len(), "one file per table");
        let persons = files.iter().find(|f| f.name == "persons.csv").unwrap();
        assert!(
            persons.bytes.starts_with(b"\xEF\xBB\xBF"),
            "a BOM, so Excel reads UTF-8"
        );
        let table = landa_import::read(&persons.bytes, &Default::default()).unwrap();
        assert_eq!(table.source.delimiter, Some(delimiter));
        assert_eq!(table.headers[0], "id");
        assert_eq!(table.rows.len(), doc.entities["persons"].len() + 1);
        let first_names: Vec<&str> = table
            .rows
            .iter()
            .map(|r| {
                r[table
                    .headers
                    .iter()
                    .position(|h| h == "first_name")
                    .unwrap()]
                .as_str()
            })
            .collect();
        assert!(
            first_names.contains(&"'=HYPERLINK(\"http://x\")"),
            "a formula is written as text, never run"
        );
        assert!(
            table
                .rows
                .iter()
                .flatten()
                .any(|c| c == "Sjuksköterska; natt"),
            "å, ä, ö and the delimiter inside a cell come back whole"
        );
    }
}

/// A filtered list goes out as CSV for Swedish Excel and comes back in through the import
/// wizard as the same households.
#[test]
fn a_filtered_list_is_exported_for_excel_and_imports_back_the_same() {
    use landa_core::dto::HouseholdFilter;
    use landa_core::import::{ImportSettings, ImportTarget, MatchOn, OnMatch, ReadChoice};
    use landa_core::kinds::UiLanguage;
    let (mut l, _) = landa();
    let mut anna = adult("Anna", "Lind");
    anna.emails = vec!["anna@example.se".into()];
    let mut erik = adult("Erik", "Lind");
    erik.phones = vec!["070-123 45 67".into()];
    let mut fair = household(vec![anna, erik, child("Elsa", "Lind", 2019)]);
    fair.tags = vec!["Mässa".into()];
    l.create_household(&fair).unwrap();
    let mut hostile = household(vec![adult("=HYPERLINK(\"x\")", "Berg")]);
    hostile.tags = vec!["Mässa".into()];
    l.create_household(&hostile).unwrap();
    l.create_household(&household(vec![adult("Omar", "Haddad")]))
        .unwrap();

    let filter = HouseholdFilter {
        tag: Some("Mässa".into()),
        ..Default::default()
    };
    let (bytes, rows) = l.export_households_csv(&filter, UiLanguage::Sv).unwrap();
    assert_eq!(rows, 2, "only the households the filter shows");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "a byte-order mark, so Excel reads UTF-8"
    );
    assert!(
        text.contains("Hushåll;Förnamn;Efternamn;E-post"),
        "semicolons for Swedish Excel"
    );
    assert!(text.contains("'=HYPERLINK"), "a formula is defused: {text}");
    assert!(!text.contains("Omar"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lista.csv");
    std::fs::write(&path, &bytes).unwrap();
    let (mut fresh, _) = landa();
    let source = fresh
        .import_open(&path, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    let mut settings = ImportSettings {
        target: ImportTarget::Households,
        read: ReadChoice::default(),
        columns: source.guess.clone(),
        match_on: MatchOn::Contact,
        on_match: OnMatch::Update,
        edits: Vec::new(),
        tags: Vec::new(),
        stage: None,
    };
    // The owner is a name in this database, not a field the import fills.
    let owner = source.headers.iter().position(|h| h == "Ansvarig").unwrap();
    assert_eq!(settings.columns[owner], None);
    let last_changed = source
        .headers
        .iter()
        .position(|h| h == "Senast ändrad")
        .unwrap();
    settings.columns[last_changed] = None;
    let batch = fresh.import_commit(&path, &settings).unwrap();
    assert_eq!(batch.created, 2);
    let id = fresh.search("anna@example.se", 5).unwrap()[0]
        .target_id
        .clone();
    let back = fresh.household(&id).unwrap();
    assert_eq!(back.name, "Anna & Erik Lind");
    assert_eq!(back.members.len(), 3);
    assert_eq!(back.members[1].phones, vec!["+46701234567"]);
    assert_eq!(back.members[2].birth_year, Some(2019));
    assert_eq!(back.tags, vec!["Mässa"]);
    assert_eq!(
        back.created_at.get(..10),
        Some("2026-11-23"),
        "first contact came back"
    );
}

/// The organisations list, filtered, goes out as CSV that the import wizard reads back.
#[test]
fn a_filtered_organisation_list_exports_and_its_columns_are_recognised() {
    use landa_core::dto::{OrganisationFilter, OrganisationInput};
    use landa_core::import::{ImportField, ImportTarget, ReadChoice};
    use landa_core::kinds::{OrgKind, UiLanguage};
    let (mut l, _) = landa();
    for (name, kind) in [
        ("Mittuniversitetet", OrgKind::University),
        ("Åre kommun", OrgKind::Municipality),
    ] {
        l.create_organisation(&OrganisationInput {
            name: name.into(),
            kind: Some(kind),
            email: "info@example.se".into(),
            ..Default::default()
        })
        .unwrap();
    }
    let filter = OrganisationFilter {
        kind: Some(OrgKind::University),
        ..Default::default()
    };
    let (bytes, rows) = l.export_organisations_csv(&filter, UiLanguage::En).unwrap();
    assert_eq!(rows, 1, "only the kind asked for");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("Organisation,Type,Municipality"),
        "commas for English Excel: {text}"
    );
    assert!(text.contains("Mittuniversitetet,University"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orgs.csv");
    std::fs::write(&path, &bytes).unwrap();
    let source = l
        .import_open(&path, ImportTarget::Organisations, &ReadChoice::default())
        .unwrap();
    assert_eq!(source.guess[0], Some(ImportField::OrganisationName));
    assert_eq!(source.guess[1], Some(ImportField::OrganisationKind));
    assert_eq!(source.guess[4], Some(ImportField::OrganisationEmail));
}

#[test]
fn the_coordinator_of_the_first_start_is_signed_in_as_the_export_s_user_of_that_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_, doc) = demo_document(dir.path());
    let file = dir.path().join("export.json");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    let new_dir = dir.path().join("ny");
    std::fs::create_dir_all(&new_dir).unwrap();
    let mut fresh = Landa::open(&new_dir.join("landa.db"), &key(), options(13)).unwrap();
    fresh.create_user("ahmed yousef").unwrap();
    fresh.start_from_export(&file).unwrap();
    let me = fresh.current_user().unwrap().unwrap();
    assert_eq!(
        me.name, "Ahmed Yousef",
        "the exported coordinator, not a second one"
    );
    assert_eq!(
        fresh.users().unwrap().len(),
        doc.entities["users"].len(),
        "no coordinator is added"
    );
}
