//! Property tests: write-then-read round trips with detection, robustness
//! on arbitrary bytes, and date parsing round trips.

use chrono::{Datelike, NaiveDate};
use landa_import::values::{parse_date, parse_decimal};
use landa_import::{ReadOptions, TextEncoding, read, write_csv};
use proptest::prelude::*;

/// Pieces cells are made of: Swedish letters, quotes, all three candidate
/// delimiters, line breaks inside cells, spaces (so leading and trailing
/// ones occur), and characters beyond Windows-1252 (€ is in it; the
/// emoji needs a UTF-16 surrogate pair).
const UNICODE_PIECES: &[&str] = &[
    "a",
    "Z",
    "7",
    "å",
    "ä",
    "ö",
    "é",
    "Å",
    "Ö",
    "\"",
    ";",
    ",",
    "\t",
    "\n",
    "\r\n",
    " ",
    "x y",
    "Östersund",
    "1 234,50",
    "€",
    "😀",
    "Łódź",
    "\u{A0}",
];

/// The same for Windows-1252 files, restricted to characters 1252 encodes
/// as bytes 0xC0 and above. Bytes 0x80–0xBF (such as "€" = 0x80) could,
/// after a 1252 letter, form valid UTF-8 by accident ("å€€" is the bytes of
/// U+5000 in UTF-8): such a file is genuinely ambiguous, and the reader
/// rightly prefers UTF-8, so the generator leaves those characters out.
const LATIN_PIECES: &[&str] = &[
    "a",
    "Z",
    "7",
    "å",
    "ä",
    "ö",
    "é",
    "Å",
    "Ö",
    "Ä",
    "ü",
    "\"",
    ";",
    ",",
    "\t",
    "\n",
    "\r\n",
    " ",
    "x y",
    "Östersund",
    "1 234,50",
];

const ENCODINGS: [TextEncoding; 5] = [
    TextEncoding::Utf8,
    TextEncoding::Utf8Bom,
    TextEncoding::Utf16Le,
    TextEncoding::Utf16Be,
    TextEncoding::Windows1252,
];

fn cell(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..6).prop_map(|parts| parts.concat())
}

/// Headers as the reader returns them: trimmed, non-empty and distinct.
/// Each gets its column index appended, which both makes it non-empty with
/// no trailing whitespace and keeps the (at most 8) headers distinct.
fn headers(pieces: &'static [&'static str], columns: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(cell(pieces), columns).prop_map(|cells| {
        cells
            .into_iter()
            .enumerate()
            .map(|(index, cell)| format!("{}{index}", cell.trim_start()))
            .collect()
    })
}

/// A row with at least one non-blank cell: blank rows are skipped on
/// reading by design, so they cannot round-trip.
fn row(pieces: &'static [&'static str], columns: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(cell(pieces), columns).prop_map(|mut cells| {
        if cells.iter().all(|cell| cell.trim().is_empty())
            && let Some(first) = cells.first_mut()
        {
            first.push('x');
        }
        cells
    })
}

#[derive(Debug, Clone)]
struct Case {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    encoding: TextEncoding,
    delimiter: u8,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(ENCODINGS.as_slice()),
        prop::sample::select(vec![b';', b',', b'\t']),
        1usize..=8,
    )
        .prop_flat_map(|(encoding, delimiter, columns)| {
            let pieces = if encoding == TextEncoding::Windows1252 {
                LATIN_PIECES
            } else {
                UNICODE_PIECES
            };
            (
                headers(pieces, columns),
                prop::collection::vec(row(pieces, columns), 0..=30),
            )
                .prop_map(move |(headers, rows)| Case {
                    headers,
                    rows,
                    encoding,
                    delimiter,
                })
        })
        .prop_map(ensure_windows_1252_is_recognisable)
}

/// A Windows-1252 file of ASCII characters only is byte for byte the same
/// as the UTF-8 file, and the reader reports UTF-8 for it (which decodes it
/// identically). To test that 1252 is recognised, such a table gets one
/// Swedish letter in its first header.
fn ensure_windows_1252_is_recognisable(mut case: Case) -> Case {
    let all_ascii = case
        .headers
        .iter()
        .chain(case.rows.iter().flatten())
        .all(|cell| cell.is_ascii());
    if case.encoding == TextEncoding::Windows1252
        && all_ascii
        && let Some(first) = case.headers.first_mut()
    {
        first.insert(0, 'ö');
    }
    case
}

/// The 1-based line each data row starts on: each record takes one line
/// plus one per line break inside its cells.
fn expected_row_numbers(case: &Case) -> Vec<usize> {
    let breaks = |record: &[String]| {
        record
            .iter()
            .map(|cell| cell.matches('\n').count())
            .sum::<usize>()
    };
    let mut line = 1 + 1 + breaks(&case.headers);
    let mut numbers = Vec::new();
    for row in &case.rows {
        numbers.push(line);
        line += 1 + breaks(row);
    }
    numbers
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any table written in any encoding with any delimiter reads back
    /// identical, with the encoding and delimiter detected.
    #[test]
    fn written_tables_read_back_identical(case in case()) {
        let bytes = write_csv(&case.headers, &case.rows, case.encoding, case.delimiter)
            .expect("the generator only uses characters the encoding holds");
        let table = read(&bytes, &ReadOptions::default()).expect("our own output must read");
        prop_assert_eq!(&table.headers, &case.headers);
        prop_assert_eq!(&table.rows, &case.rows);
        prop_assert_eq!(table.row_numbers, expected_row_numbers(&case));
        prop_assert_eq!(table.source.encoding, Some(case.encoding));
        // With one column no delimiter is written at all (the writer quotes
        // every candidate delimiter inside cells), so the file is the same
        // whichever was chosen, and the reader reports its default, ';'.
        let expected_delimiter = if case.headers.len() == 1 { ';' } else { char::from(case.delimiter) };
        prop_assert_eq!(table.source.delimiter, Some(expected_delimiter));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Arbitrary bytes give a table or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read(&bytes, &ReadOptions::default());
    }

    /// The same for bytes that start like a zip, so they reach the XLSX path.
    #[test]
    fn arbitrary_zip_like_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(&tail);
        let _ = read(&bytes, &ReadOptions::default());
    }

    /// Text-like input with forced options exercises the CSV paths more
    /// deeply than random bytes do.
    #[test]
    fn text_with_any_options_never_panics(
        text in "[a-c;,\t\"\r\n åö]{0,200}",
        delimiter in any::<u8>(),
        encoding in prop::option::of(prop::sample::select(ENCODINGS.as_slice())),
    ) {
        let options = ReadOptions { encoding, delimiter: Some(delimiter), sheet: None };
        let _ = read(text.as_bytes(), &options);
    }
}

/// Dates Excel and people write with four-digit years: 0001-01-01 to
/// 9999-12-31, as day numbers so every valid date is equally likely.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).map_or(0, |date| date.num_days_from_ce());
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).map_or(0, |date| date.num_days_from_ce());
    (first..=last).prop_filter_map("valid day number", NaiveDate::from_num_days_from_ce_opt)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn dates_round_trip_as_iso_and_day_first(date in any_date()) {
        let (year, month, day) = (date.year(), date.month(), date.day());
        prop_assert_eq!(parse_date(&format!("{year:04}-{month:02}-{day:02}")), Some(date));
        prop_assert_eq!(parse_date(&format!("{day}/{month}/{year:04}")), Some(date));
        prop_assert_eq!(parse_date(&format!("{day:02}.{month:02}.{year:04}")), Some(date));
    }

    /// Amounts formatted as Swedish Excel shows them parse back exactly.
    #[test]
    fn swedish_amounts_round_trip(cents in -99_999_999_999i64..99_999_999_999) {
        let text = swedish_amount(cents);
        let expected = cents as f64 / 100.0;
        prop_assert_eq!(parse_decimal(&text), Some(expected), "{}", text);
    }
}

/// Formats cents as "-1 234 567,89" with non-breaking-space thousands, as
/// Swedish Excel does.
fn swedish_amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            grouped.push('\u{A0}');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped},{:02}", cents % 100)
}
