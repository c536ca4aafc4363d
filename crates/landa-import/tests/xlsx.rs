//! Reading XLSX workbooks built here with rust_xlsxwriter, as Excel would
//! save them.

use landa_import::{FileFormat, MAX_CELLS, ReadError, ReadOptions, Table, read};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

/// Writes cells into a worksheet.
type Fill<'a> = &'a dyn Fn(&mut Worksheet) -> Result<(), XlsxError>;

/// Builds a workbook with one worksheet per `(name, fill)` pair.
fn workbook(sheets: &[(&str, Fill<'_>)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, fill) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).expect("valid sheet name");
        fill(sheet).expect("cells can be written");
    }
    workbook.save_to_buffer().expect("workbook can be saved")
}

fn read_default(bytes: &[u8]) -> Result<Table, ReadError> {
    read(bytes, &ReadOptions::default())
}

/// A member register as a region keeps it: a blank first row, strings,
/// numbers, a date with a date format, a datetime, a phone number stored as
/// a number, a boolean, and a missing cell.
fn register(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (column, header) in [
        "Namn", "Ålder", "Född", "Telefon", "Belopp", "Aktiv", "Möte",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, u16::try_from(column).expect("few columns"), *header)?;
    }
    sheet.write_string(2, 0, "Åsa Öberg")?;
    sheet.write_number(2, 1, 46)?;
    sheet.write_datetime_with_format(2, 2, ExcelDateTime::from_ymd(1978, 3, 5)?, &date)?;
    sheet.write_number(2, 3, 701_234_567)?;
    sheet.write_number(2, 4, 1234.5)?;
    sheet.write_boolean(2, 5, true)?;
    let meeting = ExcelDateTime::from_ymd(2024, 3, 5)?.and_hms(14, 30, 0)?;
    sheet.write_datetime_with_format(2, 6, meeting, &datetime)?;
    sheet.write_string(3, 0, "Bo")?;
    sheet.write_number(3, 4, 0.1 + 0.2)?;
    sheet.write_boolean(3, 5, false)?;
    Ok(())
}

#[test]
fn register_cells_read_as_a_person_sees_them() {
    let bytes = workbook(&[("Medlemmar", &register)]);
    let table = read_default(&bytes).expect("a plain workbook");
    assert_eq!(
        table.headers,
        strings(&[
            "Namn", "Ålder", "Född", "Telefon", "Belopp", "Aktiv", "Möte"
        ])
    );
    assert_eq!(
        table.rows,
        vec![
            strings(&[
                "Åsa Öberg",
                "46",
                "1978-03-05",
                "701234567",
                "1234.5",
                "TRUE",
                "2024-03-05 14:30"
            ]),
            strings(&["Bo", "", "", "", "0.3", "FALSE", ""]),
        ],
        "whole numbers without .0, dates as ISO, a phone number stays digits"
    );
    assert_eq!(
        table.row_numbers,
        vec![3, 4],
        "sheet rows, counting the blank first row"
    );
    assert_eq!(table.source.format, FileFormat::Xlsx);
    assert_eq!(table.source.sheet.as_deref(), Some("Medlemmar"));
    assert_eq!(table.source.sheets, strings(&["Medlemmar"]));
    assert_eq!(table.source.encoding, None, "encoding is a CSV matter");
}

fn empty(_: &mut Worksheet) -> Result<(), XlsxError> {
    Ok(())
}

fn second_sheet(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.write_string(0, 0, "Ort")?;
    sheet.write_string(1, 0, "Kiruna")?;
    Ok(())
}

#[test]
fn first_sheet_with_content_is_read_by_default() {
    let bytes = workbook(&[
        ("Tom", &empty),
        ("Medlemmar", &register),
        ("Orter", &second_sheet),
    ]);
    let table = read_default(&bytes).expect("valid");
    assert_eq!(
        table.source.sheet.as_deref(),
        Some("Medlemmar"),
        "the empty sheet is skipped"
    );
    assert_eq!(table.source.sheets, strings(&["Tom", "Medlemmar", "Orter"]));
}

#[test]
fn a_named_sheet_is_read() {
    let bytes = workbook(&[("Medlemmar", &register), ("Orter", &second_sheet)]);
    let options = ReadOptions {
        sheet: Some("Orter".to_owned()),
        ..ReadOptions::default()
    };
    let table = read(&bytes, &options).expect("the sheet exists");
    assert_eq!(table.headers, strings(&["Ort"]));
    assert_eq!(table.rows, vec![strings(&["Kiruna"])]);
    assert_eq!(table.row_numbers, vec![2]);
    let missing = ReadOptions {
        sheet: Some("Saknas".to_owned()),
        ..ReadOptions::default()
    };
    assert_eq!(read(&bytes, &missing), Err(ReadError::NoSuchSheet));
}

#[test]
fn all_sheets_empty_is_no_header() {
    let bytes = workbook(&[("Blad1", &empty), ("Blad2", &empty)]);
    assert_eq!(read_default(&bytes).map_err(|e| e.code()), Err("no_header"));
}

fn offset_table(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.write_string(4, 2, "Namn")?;
    sheet.write_string(4, 3, " Ort ")?;
    sheet.write_string(5, 2, "Anna")?;
    sheet.write_string(7, 4, "extra")?;
    sheet.write_string(6, 2, "   ")?;
    Ok(())
}

#[test]
fn table_away_from_a1_keeps_sheet_row_numbers() {
    let bytes = workbook(&[("Blad1", &offset_table)]);
    let table = read_default(&bytes).expect("valid");
    assert_eq!(
        table.headers,
        strings(&["Namn", "Ort", ""]),
        "starts at column C, widened"
    );
    assert_eq!(
        table.rows,
        vec![strings(&["Anna", "", ""]), strings(&["", "", "extra"])]
    );
    assert_eq!(
        table.row_numbers,
        vec![6, 8],
        "the whitespace-only row 7 is skipped"
    );
}

fn too_wide(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.write_string(0, 0, "Namn")?;
    sheet.write_string(2, 0, "a")?;
    sheet.write_string(2, 1000, "far right")?;
    Ok(())
}

#[test]
fn too_many_columns_in_a_sheet() {
    let bytes = workbook(&[("Blad1", &too_wide)]);
    assert_eq!(
        read_default(&bytes),
        Err(ReadError::TooManyColumns { row: 3 })
    );
}

fn far_corners(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.write_string(0, 0, "Namn")?;
    sheet.write_string(1_048_575, 0, "last row")?;
    Ok(())
}

#[test]
fn far_apart_cells_do_not_allocate_the_gap() {
    let bytes = workbook(&[("Blad1", &far_corners)]);
    let table = read_default(&bytes).expect("two cells are a small table");
    assert_eq!(table.rows, vec![strings(&["last row"])]);
    assert_eq!(table.row_numbers, vec![1_048_576]);
}

#[test]
fn damaged_workbooks_are_errors() {
    let bytes = workbook(&[("Medlemmar", &register)]);
    let truncated = bytes.get(..bytes.len() / 2).expect("half");
    assert_eq!(
        read_default(truncated).map_err(|e| e.code()),
        Err("bad_xlsx")
    );
    let mut flipped = bytes.clone();
    for byte in flipped.iter_mut().skip(200).step_by(97) {
        *byte ^= 0x5A;
    }
    assert!(
        read_default(&flipped).is_err(),
        "corrupted data must be refused, not panic"
    );
}

/// Writes a minimal stored (uncompressed) zip, enough for the guard to
/// inspect; calamine is never reached when the guard refuses.
fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in files {
        let offset = u32::try_from(out.len()).expect("small");
        let size = u32::try_from(data.len()).expect("small");
        let name_len = u16::try_from(name.len()).expect("short");
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes()); // version needed
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&0u16.to_le_bytes()); // stored
        common.extend_from_slice(&[0; 4]); // time, date
        common.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        common.extend_from_slice(&size.to_le_bytes());
        common.extend_from_slice(&size.to_le_bytes());
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra length
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&common);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        directory.extend_from_slice(b"PK\x01\x02");
        directory.extend_from_slice(&20u16.to_le_bytes()); // version made by
        directory.extend_from_slice(&common);
        directory.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        directory.extend_from_slice(&[0; 4]); // external attributes
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_offset = u32::try_from(out.len()).expect("small");
    let count = u16::try_from(files.len()).expect("few");
    out.extend_from_slice(&directory);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&u32::try_from(directory.len()).expect("small").to_le_bytes());
    out.extend_from_slice(&directory_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn a_huge_shared_string_count_is_refused_before_calamine_reserves_it() {
    // calamine would reserve room for 10^12 strings and abort the process.
    let sst = b"<?xml version=\"1.0\"?><sst xmlns=\"x\" count=\"1\" uniqueCount=\"1000000000000\"><si><t>a</t></si></sst>";
    let bytes = stored_zip(&[("xl/sharedStrings.xml", sst)]);
    assert_eq!(read_default(&bytes), Err(ReadError::TooLarge));
    let limit = MAX_CELLS.to_string();
    let fine = format!("<sst uniqueCount=\"{limit}\"/>");
    let bytes = stored_zip(&[("xl/SharedStrings.xml", fine.as_bytes())]);
    assert_eq!(
        read_default(&bytes).map_err(|e| e.code()),
        Err("bad_xlsx"),
        "a count within the limit passes the guard; the workbook is then incomplete"
    );
}

#[test]
fn a_declared_zip_bomb_is_refused() {
    let mut bytes = stored_zip(&[("xl/worksheets/sheet1.xml", b"<x/>")]);
    // Make the directory claim 4 GiB unpacked for the one entry.
    let directory = bytes
        .windows(4)
        .position(|window| window == b"PK\x01\x02")
        .expect("has a directory");
    for byte in bytes.iter_mut().skip(directory + 24).take(4) {
        *byte = 0xFF;
    }
    assert_eq!(read_default(&bytes), Err(ReadError::TooLarge));
}

/// Many distinct strings make a shared-string table large enough to be
/// unpacked in several chunks by the guard's streaming check.
fn many_strings(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.write_string(0, 0, "Namn")?;
    sheet.write_string(0, 1, "Ort")?;
    for row in 1..3000u32 {
        sheet.write_string(
            row,
            0,
            format!("Person {row} Åkesson-{}", row * 7919 % 10007),
        )?;
        sheet.write_string(row, 1, format!("Ort {}", row % 97))?;
    }
    Ok(())
}

#[test]
fn large_shared_string_table_passes_the_guard() {
    let bytes = workbook(&[("Blad1", &many_strings)]);
    let table = read_default(&bytes).expect("a legitimate workbook");
    assert_eq!(table.rows.len(), 2999);
    assert_eq!(
        table.rows.get(41),
        Some(&strings(&["Person 42 Åkesson-2367", "Ort 42"])),
        "42 * 7919 % 10007 = 2367"
    );
}

/// A workbook from another writer (Python's zipfile, hand-written XML, used
/// as a fuzzing seed), deflated and stored: inline strings, an error cell, a
/// date style, a boolean, and a table that starts on row 2.
#[test]
fn workbooks_from_another_writer_read() {
    for bytes in [
        include_bytes!("../fuzz/seeds/register.xlsx").as_slice(),
        include_bytes!("../fuzz/seeds/register-stored.xlsx").as_slice(),
    ] {
        let table = read_default(bytes).expect("a valid minimal workbook");
        assert_eq!(
            table.headers,
            strings(&["Namn", "Född", "Telefon", "", "", ""])
        );
        assert_eq!(
            table.rows,
            vec![strings(&[
                "Åsa",
                "2024-03-05",
                "701234567",
                "TRUE",
                "",
                "x"
            ])],
            "the #N/A error cell reads as empty"
        );
        assert_eq!(table.row_numbers, vec![3]);
        assert_eq!(table.source.sheet.as_deref(), Some("Blad1"));
    }
}

/// Found by fuzzing: a sheet whose dimension ends before it starts
/// (`<dimension ref="A2:C1"/>`) makes calamine 0.38 subtract with overflow,
/// which panics in builds with overflow checks. `read` must turn that into
/// an error, never let it through.
#[test]
fn fuzz_found_calamine_overflow_is_an_error() {
    let bytes = include_bytes!("fixtures/fuzz-dimension-overflow.xlsx");
    assert_eq!(
        read_default(bytes).map_err(|e| e.code()),
        Err("bad_xlsx"),
        "the panic inside calamine is caught and reported as a bad workbook"
    );
}
