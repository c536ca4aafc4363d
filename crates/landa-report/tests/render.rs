//! The three formats written and read back: the XLSX with a spreadsheet reader, the PDF with a
//! text extractor, the CSV with a CSV parser. Each must say what the report says, in the
//! language asked for, and no cell may be a formula.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use landa_core::dto::OrganisationInput;
use landa_core::kinds::{OrgKind, UiLanguage};
use landa_core::projects::MembershipInput;
use landa_core::reports::{ReportInput, ReportSections, ReportView};
use landa_core::{Landa, OpenOptions};
use landa_domain::indicators::Indicator;
use landa_report::{ReportFormat, render};

/// A demo database with a hostile organisation name among the participants, and a report
/// whose text has Swedish letters, a formula and two paragraphs.
fn view() -> ReportView {
    let mut l = Landa::open_in_memory(OpenOptions::default()).unwrap();
    l.create_user("Karin Lindgren").unwrap();
    l.generate_demo(150, 3).unwrap();
    let project = l.list_projects().unwrap().remove(0);
    let evil = l
        .create_organisation(&OrganisationInput {
            name: "=HYPERLINK(\"http://x\";\"Klicka\")".into(),
            kind: Some(OrgKind::Employer),
            ..Default::default()
        })
        .unwrap();
    l.add_project_member(
        &project.id,
        &evil,
        &MembershipInput {
            joined_on: project.starts_on.clone(),
            left_on: None,
        },
    )
    .unwrap();
    let id = l
        .create_report(&ReportInput {
            project_id: project.id.clone(),
            title: "Årsrapport Östersund".into(),
            from: project.starts_on.clone(),
            to: project.ends_on.clone().unwrap(),
            sections: ReportSections {
                summary: "Första stycket om året som gått.\n\nAndra stycket: åäö ÅÄÖ.".into(),
                activities: "+SUM(A1:A9) är inte en formel här.".into(),
                results: String::new(),
                next_steps: "Fler arbetsgivare.".into(),
            },
        })
        .unwrap();
    l.report(&id).unwrap()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

#[test]
fn the_xlsx_has_a_sheet_per_section_and_the_same_figures() {
    let v = view();
    let bytes = render(&v, ReportFormat::Xlsx, UiLanguage::Sv).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an XLSX file is a zip");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    for wanted in [
        "Indikatorer",
        "Sammanfattning",
        "Organisationer",
        "Hushåll",
        "Aktiviteter",
        "Företag",
    ] {
        assert!(
            names.iter().any(|n| n == wanted),
            "sheet {wanted} in {names:?}"
        );
    }
    let sheet = book.worksheet_range("Indikatorer").unwrap();
    let row = sheet
        .rows()
        .find(|r| r.first().map(cell_text).as_deref() == Some("Hushåll som valt regionen"))
        .expect("the households row");
    let value = v.data.value(Indicator::HouseholdsArrived);
    assert_eq!(row[1], Data::Float(f64::from(value)), "a number, not text");

    let orgs = book.worksheet_range("Organisationer").unwrap();
    let evil = orgs
        .rows()
        .find(|r| {
            r.first()
                .map(cell_text)
                .is_some_and(|t| t.contains("HYPERLINK"))
        })
        .expect("the organisation is listed by name");
    assert!(
        matches!(evil[0], Data::String(_)),
        "stored as text, never as a formula"
    );
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().next().is_none(),
            "no formulas on the sheet {sheet}"
        );
    }
    let summary = book.worksheet_range("Sammanfattning").unwrap();
    let texts: Vec<String> = summary
        .rows()
        .filter_map(|r| r.first().map(cell_text))
        .collect();
    assert!(
        texts.iter().any(|t| t == "Andra stycket: åäö ÅÄÖ."),
        "{texts:?}"
    );
}

#[test]
fn the_pdf_reads_back_in_either_language() {
    let v = view();
    let sv = render(&v, ReportFormat::Pdf, UiLanguage::Sv).unwrap();
    assert!(sv.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&sv).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Årsrapport Östersund",
        "Indikatorer och mål",
        "Hushåll som valt regionen",
        "Deltagande organisationer",
        "Andra stycket: åäö ÅÄÖ.",
        "sida 1 av",
    ] {
        assert!(flat.contains(wanted), "{wanted:?} in the Swedish PDF");
    }
    let first_participant = &v.data.participants[0].organisation.name;
    assert!(
        flat.contains(first_participant.as_str()),
        "participants are named"
    );

    let en = render(&v, ReportFormat::Pdf, UiLanguage::En).unwrap();
    let text = pdf_extract::extract_text_from_mem(&en).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in [
        "Indicators and targets",
        "Households that chose the region",
        "page 1 of",
    ] {
        assert!(flat.contains(wanted), "{wanted:?} in the English PDF");
    }
    assert!(!flat.contains("Hushåll som valt regionen"));
}

#[test]
fn the_csv_opens_in_swedish_excel_and_runs_no_formulas() {
    let v = view();
    let bytes = render(&v, ReportFormat::Csv, UiLanguage::Sv).unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["Avsnitt", "Rad", "Kolumn", "Värde"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    for r in &rows {
        for cell in r.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "cell {cell:?} would run as a formula"
            );
        }
    }
    assert!(rows.iter().any(|r| r[1].starts_with("'=HYPERLINK")));
    assert!(rows.iter().any(|r| r[1].starts_with("'+SUM")));
    let households = rows
        .iter()
        .find(|r| r[1] == *"Hushåll som valt regionen" && r[2] == *"Perioden")
        .expect("the indicator's value in the period");
    assert_eq!(
        households[3],
        v.data.value(Indicator::HouseholdsArrived).to_string()
    );

    let en = render(&v, ReportFormat::Csv, UiLanguage::En).unwrap();
    let text = String::from_utf8(en[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("Section,Row,Column,Value"),
        "commas in English"
    );
}
