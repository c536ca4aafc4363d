//! Importing spreadsheets: a messy Swedish Excel export is read, previewed row by row, fixed,
//! committed as one batch and undone; matches update instead of duplicating; bad files change
//! nothing.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use landa_core::Error;
use landa_core::dto::HouseholdFilter;
use landa_core::import::{
    CellEdit, ImportField, ImportSettings, ImportTarget, MatchOn, OnMatch, PreviewFilter,
    ReadChoice, RowAction, SkipReason, guess_columns,
};
use landa_core::kinds::OrgKind;
use landa_domain::ValidationKind;
use proptest::prelude::*;

/// Windows-1252 bytes for text in Latin-1's range, the way Swedish Excel saves
/// "CSV (semikolonavgränsad)".
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect()
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn settings(target: ImportTarget, columns: Vec<Option<ImportField>>) -> ImportSettings {
    ImportSettings {
        target,
        read: ReadChoice::default(),
        columns,
        match_on: MatchOn::Contact,
        on_match: OnMatch::Update,
        edits: Vec::new(),
        tags: Vec::new(),
        stage: None,
    }
}

fn live_households(l: &landa_core::Landa) -> Vec<String> {
    let mut names: Vec<String> = l
        .list_households(&HouseholdFilter {
            limit: Some(1000),
            ..Default::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect();
    names.sort();
    names
}

fn kind(e: Error) -> ValidationKind {
    match e {
        Error::Validation(v) => v.kind,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

const MESSY: &str = "Förnamn;Efternamn;E-post;Telefon;Partner förnamn;Partner efternamn;Barn;Kommun;Första kontakt;Anteckningar\r\n\
Anna;Lind;anna@example.se;070-123 45 67;Erik;Lind;4, 7;Östersund;5/3/2024;\"Träffades på mässan\r\ni Göteborg\"\r\n\
Omar;Haddad;omar@example.se;12;;;;Åre;2024-03-05;\r\n\
;;;;;;;;;\r\n\
Sara;Berg;sara@example.se;;;;;Krokom;2099-01-01;\r\n\
Britt;Ek;ANNA@example.se;;;;;Östersund;;\r\n";

#[test]
fn a_messy_swedish_export_is_previewed_fixed_committed_undone_and_imported_again() {
    let (mut l, _) = landa();
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "mässlista.csv", &cp1252(MESSY));

    let source = l
        .import_open(&path, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    assert_eq!(
        source.delimiter.as_deref(),
        Some(";"),
        "Swedish Excel separates with semicolons"
    );
    assert_eq!(
        source.rows, 4,
        "the quoted line break stays inside one row; the empty row is dropped"
    );
    assert_eq!(
        source.headers[0], "Förnamn",
        "Windows-1252 is decoded, not mangled"
    );
    assert_eq!(
        source.guess,
        vec![
            Some(ImportField::Adult1FirstName),
            Some(ImportField::Adult1LastName),
            Some(ImportField::Adult1Email),
            Some(ImportField::Adult1Phone),
            Some(ImportField::Adult2FirstName),
            Some(ImportField::Adult2LastName),
            Some(ImportField::ChildrenAges),
            Some(ImportField::Municipalities),
            Some(ImportField::FirstContact),
            Some(ImportField::Notes),
        ],
        "every Swedish header is recognised"
    );
    let mut s = settings(ImportTarget::Households, source.guess.clone());
    s.tags = vec!["Import mässa".into()];

    let preview = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 100)
        .unwrap();
    let actions: Vec<(u32, RowAction, Option<SkipReason>)> = preview
        .rows
        .iter()
        .map(|r| (r.row, r.action, r.skip))
        .collect();
    assert_eq!(
        actions,
        vec![
            (2, RowAction::Create, None),
            (4, RowAction::Skip, Some(SkipReason::Invalid)),
            (6, RowAction::Skip, Some(SkipReason::Invalid)),
            (7, RowAction::Skip, Some(SkipReason::RepeatsRow)),
        ],
        "rows are numbered as the spreadsheet shows them (the quoted note spans lines 2–3)"
    );
    assert_eq!(
        (
            preview.create,
            preview.update,
            preview.skip,
            preview.invalid
        ),
        (1, 0, 3, 2)
    );
    let omar = &preview.rows[1];
    assert_eq!(omar.problems[0].kind, ValidationKind::InvalidPhone);
    assert_eq!(
        omar.problems[0].column,
        Some(3),
        "the problem points at the phone column"
    );
    let sara = &preview.rows[2];
    assert_eq!(
        sara.problems[0].kind,
        ValidationKind::InvalidDate,
        "a first contact in the future"
    );
    assert_eq!(sara.problems[0].column, Some(8));
    assert_eq!(
        preview.rows[3].repeats_row,
        Some(2),
        "the same email, in capitals, as row 2"
    );

    let flagged = l
        .import_preview(&path, &s, PreviewFilter::Flagged, 0, 100)
        .unwrap();
    assert_eq!(
        flagged.matching, 2,
        "the flagged view holds the two rows to fix"
    );
    assert_eq!(
        l.import_batches().unwrap().len(),
        0,
        "a preview writes nothing"
    );
    assert!(live_households(&l).is_empty());

    // Fix the two flagged cells in the preview.
    s.edits = vec![
        CellEdit {
            index: 1,
            column: 3,
            value: "070-765 43 21".into(),
        },
        CellEdit {
            index: 2,
            column: 8,
            value: "2024-01-10".into(),
        },
    ];
    let fixed = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 100)
        .unwrap();
    assert_eq!((fixed.create, fixed.invalid), (3, 0));

    let batch = l.import_commit(&path, &s).unwrap();
    assert_eq!((batch.created, batch.updated, batch.skipped), (3, 0, 1));
    assert_eq!(batch.file_name, "mässlista.csv");
    assert_eq!(
        live_households(&l),
        vec!["Anna & Erik Lind", "Omar Haddad", "Sara Berg"]
    );
    let anna_id = l.search("anna@example.se", 5).unwrap()[0].target_id.clone();
    let anna = l.household(&anna_id).unwrap();
    assert_eq!(anna.members.len(), 4, "two adults and two children");
    let mut years: Vec<i32> = anna.members.iter().filter_map(|m| m.birth_year).collect();
    years.sort();
    assert_eq!(years, vec![2019, 2022], "ages 4 and 7 in 2026");
    assert_eq!(
        anna.members[0].phones,
        vec!["+46701234567"],
        "070-123 45 67 is stored as one number"
    );
    assert_eq!(
        anna.notes.as_deref(),
        Some("Träffades på mässan\ni Göteborg")
    );
    assert_eq!(
        anna.created_at, "2024-03-05T12:00:00.000Z",
        "5/3/2024 is the 5th of March"
    );
    assert!(anna.tags.contains(&"Import mässa".to_owned()));

    let summary = l.undo_import(&batch.id).unwrap();
    assert_eq!((summary.removed, summary.restored, summary.kept), (3, 0, 0));
    assert!(
        live_households(&l).is_empty(),
        "undo removes everything the batch created"
    );
    assert!(
        l.search("Lind", 5).unwrap().is_empty(),
        "and takes it out of search"
    );
    assert!(l.import_batches().unwrap()[0].undone_at.is_some());
    assert_eq!(
        kind(l.undo_import(&batch.id).unwrap_err()),
        ValidationKind::AlreadyUndone
    );

    let again = l.import_commit(&path, &s).unwrap();
    assert_eq!(again.created, 3, "undone rows do not count as existing");
    assert_eq!(live_households(&l).len(), 3);
}

#[test]
fn a_match_updates_the_household_and_undo_keeps_later_edits() {
    let (mut l, _) = landa();
    let mut anna = adult("Anna", "Lind");
    anna.emails = vec!["anna@example.se".into()];
    let id = l.create_household(&household(vec![anna])).unwrap().id;
    let before = l.household(&id).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let csv = "Name,Email,Profession,Municipality,Tags,Children birth years\n\
               Anna Lind,anna@example.se,Nurse,Åre,Fair,2018\n";
    let path = file(dir.path(), "fair.csv", csv.as_bytes());
    let source = l
        .import_open(&path, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    assert_eq!(
        source.guess,
        vec![
            Some(ImportField::Adult1Name),
            Some(ImportField::Adult1Email),
            Some(ImportField::Adult1Profession),
            Some(ImportField::Municipalities),
            Some(ImportField::Tags),
            Some(ImportField::ChildrenBirthYears),
        ],
        "English headers are recognised too"
    );
    let mut s = settings(ImportTarget::Households, source.guess);

    s.on_match = OnMatch::Skip;
    let skipped = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 10)
        .unwrap();
    assert_eq!(skipped.rows[0].skip, Some(SkipReason::Exists));
    assert_eq!(
        skipped.rows[0].existing.as_ref().map(|e| e.id.clone()),
        Some(id.clone())
    );
    assert_eq!(
        kind(l.import_commit(&path, &s).unwrap_err()),
        ValidationKind::NothingToImport
    );

    s.on_match = OnMatch::Update;
    let batch = l.import_commit(&path, &s).unwrap();
    assert_eq!(
        (batch.created, batch.updated),
        (0, 1),
        "the same email updates, never duplicates"
    );
    let after = l.household(&id).unwrap();
    assert_eq!(after.members.len(), 2, "Anna, and a child born 2018");
    assert_eq!(
        after.members[0].id, before.members[0].id,
        "Anna is the same person, updated"
    );
    assert_eq!(after.members[0].profession.as_deref(), Some("Nurse"));
    assert_eq!(
        after.desired_municipalities,
        vec!["Östersund", "Åre"],
        "lists are added to"
    );
    assert_eq!(after.tags, vec!["Fair"]);

    // The coordinator edits the tags after the import; undo must keep that.
    let mut edit = household(vec![]);
    edit.members = after
        .members
        .iter()
        .map(|m| landa_core::dto::MemberInput {
            id: Some(m.id.clone()),
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone().unwrap_or_default(),
            role: Some(m.role),
            birth_year: m.birth_year,
            languages: m.languages.clone(),
            profession: m.profession.clone().unwrap_or_default(),
            emails: m.emails.clone(),
            phones: m.phones.clone(),
        })
        .collect();
    edit.desired_municipalities = after.desired_municipalities.clone();
    edit.tags = vec!["Fair".into(), "VIP".into()];
    edit.owner_id = after.owner.as_ref().map(|o| o.id.clone());
    l.update_household(&id, &edit).unwrap();

    let summary = l.undo_import(&batch.id).unwrap();
    assert_eq!(summary.kept, 1, "the tags were changed after the import");
    let undone = l.household(&id).unwrap();
    assert_eq!(undone.members.len(), 1, "the imported child is removed");
    assert_eq!(
        undone.members[0].profession, None,
        "the profession is set back"
    );
    assert_eq!(undone.desired_municipalities, vec!["Östersund"]);
    assert_eq!(
        undone.tags,
        vec!["Fair", "VIP"],
        "a later edit is not undone"
    );
}

#[test]
fn a_bad_file_is_refused_with_a_reason_and_changes_nothing() {
    let (mut l, _) = landa();
    let dir = tempfile::tempdir().unwrap();
    let s = settings(
        ImportTarget::Households,
        vec![Some(ImportField::Adult1Name)],
    );
    let changes = count(&l, "change_log");

    let missing = dir.path().join("borta.csv");
    assert_eq!(
        kind(l.import_commit(&missing, &s).unwrap_err()),
        ValidationKind::NoSuchFile
    );
    let xls = file(
        dir.path(),
        "old.xls",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    assert_eq!(
        kind(l.import_commit(&xls, &s).unwrap_err()),
        ValidationKind::FileUnsupported
    );
    let empty = file(dir.path(), "empty.csv", b"");
    assert_eq!(
        kind(
            l.import_open(&empty, ImportTarget::Households, &ReadChoice::default())
                .unwrap_err()
        ),
        ValidationKind::FileEmpty
    );
    let broken = file(
        dir.path(),
        "broken.xlsx",
        b"PK\x03\x04 not really a workbook",
    );
    assert_eq!(
        kind(l.import_commit(&broken, &s).unwrap_err()),
        ValidationKind::FileDamaged
    );
    // Mapping one field to two columns is refused before anything is read into Landa.
    let ok = file(dir.path(), "ok.csv", b"Namn;Namn\nAnna Lind;Erik Lind\n");
    let twice = settings(
        ImportTarget::Households,
        vec![Some(ImportField::Adult1Name), Some(ImportField::Adult1Name)],
    );
    assert_eq!(
        kind(l.import_commit(&ok, &twice).unwrap_err()),
        ValidationKind::AlreadyListed
    );
    // A household file with no column naming anyone.
    let nameless = settings(ImportTarget::Households, vec![Some(ImportField::Notes)]);
    assert_eq!(
        kind(l.import_commit(&ok, &nameless).unwrap_err()),
        ValidationKind::NoAdult
    );

    assert_eq!(
        count(&l, "change_log"),
        changes,
        "no refused import wrote anything"
    );
    assert_eq!(count(&l, "import_batches"), 0);
}

#[test]
fn organisations_are_created_and_matched_by_name() {
    let (mut l, _) = landa();
    let dir = tempfile::tempdir().unwrap();
    let csv = "Företag\tTyp\tKommun\tE-post\tDeltar\n\
               Region Jämtland Härjedalen\tArbetsgivare\tÖstersund\tinfo@regionjh.se\tja\n\
               Mittuniversitetet\tEmployer\tÖstersund\t\tnej\n\
               Okänd AB\tRymdbolag\t\t\t\n";
    let path = file(dir.path(), "org.tsv", csv.as_bytes());
    let source = l
        .import_open(&path, ImportTarget::Organisations, &ReadChoice::default())
        .unwrap();
    assert_eq!(source.delimiter.as_deref(), Some("\t"));
    let mut s = settings(ImportTarget::Organisations, source.guess.clone());
    s.match_on = MatchOn::Name;
    let preview = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 10)
        .unwrap();
    assert_eq!(
        (preview.create, preview.invalid),
        (2, 1),
        "an unknown kind is flagged"
    );
    assert_eq!(preview.rows[2].problems[0].column, Some(1));
    let batch = l.import_commit(&path, &s).unwrap();
    assert_eq!(batch.created, 2);
    let orgs = l.list_organisations(&Default::default()).unwrap();
    let region = orgs
        .iter()
        .find(|o| o.name == "Region Jämtland Härjedalen")
        .unwrap();
    assert_eq!(region.kind, OrgKind::Employer);

    // The same file again, now with a new e-mail for the university: it is updated, not added.
    let csv2 = "Företag;E-post\nMITTUNIVERSITETET;kontakt@miun.se\n";
    let path2 = file(dir.path(), "org2.csv", csv2.as_bytes());
    let source2 = l
        .import_open(&path2, ImportTarget::Organisations, &ReadChoice::default())
        .unwrap();
    let mut s2 = settings(ImportTarget::Organisations, source2.guess);
    s2.match_on = MatchOn::Name;
    let second = l.import_commit(&path2, &s2).unwrap();
    assert_eq!((second.created, second.updated), (0, 1));
    let orgs = l.list_organisations(&Default::default()).unwrap();
    assert_eq!(orgs.len(), 2);
    let miun = l
        .organisation(
            &orgs
                .iter()
                .find(|o| o.name == "Mittuniversitetet")
                .unwrap()
                .id,
        )
        .unwrap();
    assert_eq!(miun.email.as_deref(), Some("kontakt@miun.se"));
    assert_eq!(
        miun.municipality.as_deref(),
        Some("Östersund"),
        "unmapped fields stay as they were"
    );

    l.undo_import(&second.id).unwrap();
    let orgs = l.list_organisations(&Default::default()).unwrap();
    let miun = l
        .organisation(
            &orgs
                .iter()
                .find(|o| o.name == "Mittuniversitetet")
                .unwrap()
                .id,
        )
        .unwrap();
    assert_eq!(miun.email, None, "undo sets the email back to none");
}

#[test]
fn a_saved_preset_is_offered_for_a_file_with_the_same_headers() {
    let (mut l, _) = landa();
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "a.csv",
        "Kontakt;Mejladress;Xyz\nAnna Lind;anna@example.se;1\n".as_bytes(),
    );
    let source = l
        .import_open(&path, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    assert_eq!(
        source.guess,
        vec![None, None, None],
        "none of these headers is a known word"
    );
    assert!(source.preset.is_none());
    let mut s = settings(
        ImportTarget::Households,
        vec![
            Some(ImportField::Adult1Name),
            Some(ImportField::Adult1Email),
            None,
        ],
    );
    s.on_match = OnMatch::Skip;
    let preset = l
        .save_import_preset("Mässlistan", &source.headers, &s)
        .unwrap();

    let other = file(
        dir.path(),
        "b.csv",
        "Xyz;Kontakt;Mejladress;Extra\n2;Omar Haddad;omar@example.se;\n".as_bytes(),
    );
    let source = l
        .import_open(&other, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    assert_eq!(
        source.preset.as_ref().map(|p| p.id.clone()),
        Some(preset.id.clone())
    );
    assert_eq!(
        source.guess,
        vec![
            None,
            Some(ImportField::Adult1Name),
            Some(ImportField::Adult1Email),
            None
        ],
        "the preset maps by header, wherever the column is"
    );
    assert_eq!(source.preset.unwrap().mapping.on_match, OnMatch::Skip);
    // Saving under the same name replaces it; an empty mapping is refused.
    l.save_import_preset("mässlistan", &source.headers, &s)
        .unwrap();
    assert_eq!(l.import_presets(ImportTarget::Households).unwrap().len(), 1);
    let none = settings(ImportTarget::Households, vec![None]);
    assert_eq!(
        kind(
            l.save_import_preset("Tom", &["A".into()], &none)
                .unwrap_err()
        ),
        ValidationKind::Empty
    );
    l.delete_import_preset(
        &l.import_presets(ImportTarget::Households).unwrap()[0]
            .id
            .clone(),
    )
    .unwrap();
    assert!(
        l.import_presets(ImportTarget::Households)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn headers_are_guessed_in_swedish_and_english() {
    let headers: Vec<String> = [
        "Namn",
        "E-postadress",
        "Mobilnummer",
        "Yrke",
        "Partner namn",
        "Partners e-post",
        "Barnens ålder",
        "Önskad kommun",
        "Källa",
        "Status",
        "Okänt fält",
    ]
    .map(String::from)
    .to_vec();
    use ImportField as F;
    assert_eq!(
        guess_columns(ImportTarget::Households, &headers),
        vec![
            Some(F::Adult1Name),
            Some(F::Adult1Email),
            Some(F::Adult1Phone),
            Some(F::Adult1Profession),
            Some(F::Adult2Name),
            Some(F::Adult2Email),
            Some(F::ChildrenAges),
            Some(F::Municipalities),
            Some(F::Source),
            Some(F::Stage),
            None,
        ]
    );
    let twice: Vec<String> = ["Email", "E-mail"].map(String::from).to_vec();
    assert_eq!(
        guess_columns(ImportTarget::Households, &twice),
        vec![Some(F::Adult1Email), None],
        "a field is guessed for one column only"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever names a file holds, in any encoding and delimiter Landa reads, the households
    /// imported carry exactly those names.
    #[test]
    fn any_names_written_to_a_file_are_imported_as_written(
        names in proptest::collection::vec(("[A-ZÅÄÖ][a-zåäöé]{1,10}", "[A-ZÅÄÖ][a-zåäö]{1,12}( [A-Z][a-z]{1,6})?"), 1..6),
        encoding in prop_oneof![
            Just(landa_import::TextEncoding::Utf8),
            Just(landa_import::TextEncoding::Utf8Bom),
            Just(landa_import::TextEncoding::Utf16Le),
            Just(landa_import::TextEncoding::Windows1252),
        ],
        delimiter in prop_oneof![Just(b';'), Just(b','), Just(b'\t')],
    ) {
        let (mut l, _) = landa();
        let dir = tempfile::tempdir().unwrap();
        let headers = vec!["Förnamn".to_owned(), "Efternamn".to_owned()];
        let rows: Vec<Vec<String>> = names.iter().map(|(f, e)| vec![f.clone(), e.clone()]).collect();
        let bytes = landa_import::write_csv(&headers, &rows, encoding, delimiter).unwrap();
        let path = file(dir.path(), "p.csv", &bytes);
        let source = l.import_open(&path, ImportTarget::Households, &ReadChoice::default()).unwrap();
        let mut s = settings(ImportTarget::Households, source.guess);
        s.match_on = MatchOn::Nothing;
        let batch = l.import_commit(&path, &s).unwrap();
        prop_assert_eq!(batch.created as usize, names.len());
        let mut expected: Vec<String> = names.iter().map(|(f, e)| format!("{f} {e}")).collect();
        expected.sort();
        prop_assert_eq!(live_households(&l), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Whatever the cells hold — any text, in any column, mapped to any household field —
    /// planning never panics, every row gets exactly one plan, and a commit writes exactly the
    /// rows the preview said it would (or refuses with a reason when there are none).
    #[test]
    fn any_cells_are_planned_and_committed_as_previewed(
        rows in proptest::collection::vec(
            proptest::collection::vec(proptest::string::string_regex("[\\PC]{0,12}|[0-9 ,/.-]{0,12}|.{0,3}@.{0,5}").unwrap(), 5),
            1..8,
        ),
        fields in proptest::sample::subsequence(
            landa_core::import::fields(ImportTarget::Households).to_vec(), 5),
    ) {
        let (mut l, _) = landa();
        let dir = tempfile::tempdir().unwrap();
        let headers: Vec<String> = (0..5).map(|i| format!("K{i}")).collect();
        let bytes = landa_import::write_csv(&headers, &rows, landa_import::TextEncoding::Utf8, b';').unwrap();
        let path = file(dir.path(), "fuzz.csv", &bytes);
        let mut columns: Vec<Option<ImportField>> = fields.into_iter().map(Some).collect();
        // Make sure a name column exists, or the file is refused before any row is planned.
        columns[0] = Some(ImportField::Adult1Name);
        columns.dedup();
        columns.resize(5, None);
        let s = settings(ImportTarget::Households, columns);
        let preview = match l.import_preview(&path, &s, PreviewFilter::All, 0, 100) {
            Ok(p) => p,
            // The file may hold no row with content at all, or a field twice.
            Err(Error::Validation(_)) => return Ok(()),
            Err(e) => panic!("unexpected error: {e:?}"),
        };
        prop_assert_eq!(
            preview.create + preview.update + preview.skip + preview.joined,
            preview.matching
        );
        prop_assert_eq!(preview.rows.len() as u32, preview.matching);
        let before = live_households(&l).len() as u32;
        match l.import_commit(&path, &s) {
            Ok(batch) => {
                prop_assert_eq!((batch.created, batch.updated), (preview.create, preview.update));
                prop_assert_eq!(live_households(&l).len() as u32, before + batch.created);
            }
            Err(e) => {
                prop_assert_eq!(kind(e), ValidationKind::NothingToImport);
                prop_assert_eq!(preview.create + preview.update, 0);
            }
        }
    }
}

#[test]
fn contact_persons_and_events_are_imported_and_undone() {
    let (mut l, _) = landa();
    let region = l
        .create_organisation(&landa_core::dto::OrganisationInput {
            name: "Region Jämtland Härjedalen".into(),
            kind: Some(OrgKind::Employer),
            ..Default::default()
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let contacts = "Organisation;Kontaktperson;Roll;Titel;E-post\n\
                    region jämtland härjedalen;Lisa Berg;HR;Rekryterare;lisa@regionjh.se\n\
                    Åre kommun;Per Holm;Bostad;Bostadssamordnare;per@are.se\n\
                    Åre kommun;Eva Ek;Förskola;;eva@are.se\n\
                    Krokoms kommun;Nils Nord;Rymdfart;;\n";
    let path = file(dir.path(), "kontakter.csv", contacts.as_bytes());
    let source = l
        .import_open(&path, ImportTarget::ContactPersons, &ReadChoice::default())
        .unwrap();
    assert_eq!(
        source.guess,
        vec![
            Some(ImportField::ContactOrganisation),
            Some(ImportField::ContactName),
            Some(ImportField::ContactRole),
            Some(ImportField::ContactTitle),
            Some(ImportField::ContactEmail),
        ]
    );
    let s = settings(ImportTarget::ContactPersons, source.guess);
    let preview = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 10)
        .unwrap();
    assert_eq!(
        (preview.create, preview.invalid),
        (3, 1),
        "an unknown role is flagged"
    );
    let batch = l.import_commit(&path, &s).unwrap();
    assert_eq!(batch.created, 3);
    assert_eq!(
        l.organisation(&region).unwrap().contacts.len(),
        1,
        "matched the organisation by name"
    );
    let orgs = l.list_organisations(&Default::default()).unwrap();
    let are = orgs
        .iter()
        .find(|o| o.name == "Åre kommun")
        .expect("a named organisation is created once");
    assert_eq!(l.organisation(&are.id).unwrap().contacts.len(), 2);
    l.undo_import(&batch.id).unwrap();
    assert_eq!(
        l.list_organisations(&Default::default()).unwrap().len(),
        1,
        "undo removes the created organisation"
    );
    assert!(l.organisation(&region).unwrap().contacts.is_empty());

    let events = "Namn;Typ;Datum;Slutdatum;Plats;Kostnad;4T;Utanför regionen\n\
                  Sverigedagarna i Göteborg;Mässa;2026-03-05;6/3/2026;Göteborg;12 500;Talang, Tolerans;ja\n\
                  Inflyttarfika;Inflyttarnätverk;2026-04-01;;Östersund;;;nej\n\
                  Trasig rad;Mässa;2026-05-10;2026-05-01;;;;\n";
    let path = file(dir.path(), "evenemang.csv", events.as_bytes());
    let source = l
        .import_open(&path, ImportTarget::Events, &ReadChoice::default())
        .unwrap();
    let mut s = settings(ImportTarget::Events, source.guess);
    s.match_on = MatchOn::Name;
    let preview = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 10)
        .unwrap();
    assert_eq!(
        (preview.create, preview.invalid),
        (2, 1),
        "an end before the start is flagged"
    );
    assert_eq!(
        preview.rows[2].problems[0].kind,
        ValidationKind::EndsBeforeStart
    );
    assert_eq!(preview.rows[2].problems[0].column, Some(3));
    l.import_commit(&path, &s).unwrap();
    let again = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 10)
        .unwrap();
    assert_eq!(again.update, 2, "the same name and day is the same event");
}

/// A family list with one row per person, the way a municipality's register is often kept.
const PEOPLE: &str = "Hushålls-id;Förnamn;Efternamn;Roll;Födelseår;E-post;Kommun\r\n\
1;Anna;Lind;vuxen;1988;anna@lind.se;Östersund\r\n\
1;Erik;Lind;make;1986;;Åre\r\n\
2;Omar;Haddad;;;omar@example.se;Krokom\r\n\
1;Elsa;Lind;barn;2019;;\r\n\
2;Sara;Haddad;barn;1890;;\r\n\
;Nils;Berg;;;nils@berg.se;\r\n\
3;Fatima;Ali;vuxen;19x0;fatima@example.se;\r\n\
3;Hassan;Ali;vuxen;;hassan@example.se;\r\n\
4;Lena;Ek;kusin;;lena@example.se;\r\n";

fn member_names(l: &landa_core::Landa, name: &str) -> Vec<(String, String, Option<i32>)> {
    let id = l
        .list_households(&HouseholdFilter {
            query: Some(name.into()),
            limit: Some(10),
            ..Default::default()
        })
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.name.contains(name))
        .unwrap()
        .id;
    let mut members: Vec<_> = l
        .household(&id)
        .unwrap()
        .members
        .into_iter()
        .map(|m| (m.first_name, m.role.code().to_owned(), m.birth_year))
        .collect();
    members.sort();
    members
}

#[test]
fn one_row_per_person_becomes_one_household_per_key() {
    let (mut l, _) = landa();
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "familjer.csv", PEOPLE.as_bytes());
    let source = l
        .import_open(&path, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    assert_eq!(
        source.guess,
        vec![
            Some(ImportField::HouseholdKey),
            Some(ImportField::Adult1FirstName),
            Some(ImportField::Adult1LastName),
            Some(ImportField::MemberRole),
            Some(ImportField::Adult1BirthYear),
            Some(ImportField::Adult1Email),
            Some(ImportField::Municipalities),
        ],
        "the household key and the role are recognised from their Swedish headers"
    );
    let s = settings(ImportTarget::Households, source.guess.clone());
    let preview = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 100)
        .unwrap();
    assert_eq!(
        (preview.create, preview.joined, preview.skip),
        (3, 2, 4),
        "households 1, 2 and Nils are created; Erik and Elsa join household 1; Sara, Fatima, \
         Hassan and Lena are skipped"
    );
    let row = |n: u32| preview.rows.iter().find(|r| r.row == n).unwrap();
    assert_eq!(
        row(3).joins_row,
        Some(2),
        "Erik joins the household on row 2"
    );
    assert_eq!(row(3).action, RowAction::Create);
    assert_eq!(
        row(5).joins_row,
        Some(2),
        "Elsa too, though a row of another family is between"
    );
    assert_eq!(
        row(6).skip,
        Some(SkipReason::Invalid),
        "a child born 1890 is refused"
    );
    assert_eq!(
        row(6).problems[0].column,
        Some(4),
        "in the birth-year column"
    );
    assert_eq!(
        row(8).skip,
        Some(SkipReason::Invalid),
        "Fatima's birth year is no year"
    );
    assert_eq!(
        row(9).skip,
        Some(SkipReason::WithRow),
        "Hassan's household row is skipped, so he is too"
    );
    assert_eq!(
        row(10).skip,
        Some(SkipReason::Invalid),
        "'kusin' is no role Landa knows"
    );
    assert_eq!(row(10).problems[0].column, Some(3));

    let batch = l.import_commit(&path, &s).unwrap();
    assert_eq!(
        (batch.created, batch.skipped),
        (3, 4),
        "three households; the joining rows count with theirs"
    );
    assert_eq!(
        member_names(&l, "Lind"),
        vec![
            ("Anna".into(), "adult".into(), Some(1988)),
            ("Elsa".into(), "child".into(), Some(2019)),
            ("Erik".into(), "adult".into(), Some(1986)),
        ],
        "the Lind rows are one household: two adults and a child known by name"
    );
    let lind = l
        .list_households(&HouseholdFilter {
            query: Some("Lind".into()),
            ..Default::default()
        })
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(
        lind.municipalities,
        vec!["Östersund".to_owned(), "Åre".to_owned()],
        "the household's municipalities gather every row's"
    );
    assert_eq!(member_names(&l, "Haddad").len(), 1);

    // The same file again, matched by email: household 1 is updated, and its people are
    // recognised rather than added twice.
    let again = l
        .import_preview(&path, &s, PreviewFilter::All, 0, 100)
        .unwrap();
    assert_eq!((again.update, again.joined), (3, 2));
    l.import_commit(&path, &s).unwrap();
    assert_eq!(member_names(&l, "Lind").len(), 3, "nobody is added twice");
    assert_eq!(live_households(&l).len(), 3);
    assert!(
        landa_core::changes::verify(l.connection())
            .unwrap()
            .is_empty()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(30))]

    /// One row per person, in any order: every key becomes one household, every row one of its
    /// members, whatever rows of other households lie between.
    #[test]
    fn rows_with_the_same_key_are_one_household_in_any_order(
        rows in proptest::collection::vec(
            (0u8..4, "[A-ZÅÄÖ][a-zåäö]{1,8}", proptest::bool::ANY),
            1..14,
        ),
    ) {
        let (mut l, _) = landa();
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("Hushållsnummer;Förnamn;Efternamn;Roll;Födelseår\n");
        let mut keys_seen = std::collections::HashSet::new();
        for (key, name, child) in &rows {
            // The first row of each household is an adult, so every household is valid.
            let first_of_household = keys_seen.insert(*key);
            let child = *child && !first_of_household;
            let (role, year) = if child { ("barn", "2018") } else { ("vuxen", "") };
            text.push_str(&format!("H{key};{name};Familj{key};{role};{year}\n"));
        }
        let path = file(dir.path(), "personer.csv", text.as_bytes());
        let source = l
            .import_open(&path, ImportTarget::Households, &ReadChoice::default())
            .unwrap();
        let mut s = settings(ImportTarget::Households, source.guess);
        s.match_on = MatchOn::Nothing;
        let batch = l.import_commit(&path, &s).unwrap();
        prop_assert_eq!(batch.created as usize, keys_seen.len());
        let people: i64 = l
            .connection()
            .query_row("SELECT count(*) FROM persons WHERE deleted = 0", [], |r| r.get(0))
            .unwrap();
        prop_assert_eq!(people as usize, rows.len(), "every row is a member");
        for key in &keys_seen {
            let in_file = rows.iter().filter(|(k, ..)| k == key).count() as i64;
            let members: i64 = l
                .connection()
                .query_row(
                    "SELECT count(*) FROM persons p JOIN households h ON h.id = p.household_id
                     WHERE p.last_name = ?1 AND p.deleted = 0",
                    [format!("Familj{key}")],
                    |r| r.get(0),
                )
                .unwrap();
            prop_assert_eq!(members, in_file);
        }
    }
}
