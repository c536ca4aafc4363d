//! Behaviour of [`read`] on CSV files as people bring them.

use super::*;

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

fn read_default(bytes: &[u8]) -> Result<Table, ReadError> {
    read(bytes, &ReadOptions::default())
}

#[test]
fn swedish_excel_csv_in_windows_1252() {
    let bytes = b"Namn;Ort;Belopp\r\n\xC5sa;\xD6stersund;1 234,50\r\nBo;Lule\xE5;12,50\r\n";
    let table = read_default(bytes).expect("a plain Swedish Excel export");
    assert_eq!(table.headers, strings(&["Namn", "Ort", "Belopp"]));
    assert_eq!(
        table.rows,
        vec![
            strings(&["Åsa", "Östersund", "1 234,50"]),
            strings(&["Bo", "Luleå", "12,50"])
        ]
    );
    assert_eq!(table.row_numbers, vec![2, 3]);
    assert_eq!(table.source.encoding, Some(TextEncoding::Windows1252));
    assert_eq!(
        table.source.delimiter,
        Some(';'),
        "decimal commas must not win"
    );
    assert_eq!(table.source.format, FileFormat::Csv);
    assert!(table.source.sheets.is_empty(), "CSV has no sheets");
}

#[test]
fn decimal_comma_file_detects_semicolon() {
    let table = read_default(b"Namn;Belopp\nAnna;12,50").expect("valid");
    assert_eq!(table.source.delimiter, Some(';'));
    assert_eq!(table.rows, vec![strings(&["Anna", "12,50"])]);
}

#[test]
fn excel_unicode_text_is_utf16_le_with_tabs() {
    let text = "Namn\tOrt\r\nÅsa\tUmeå\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let table = read_default(&bytes).expect("Excel's Unicode text");
    assert_eq!(table.source.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(table.source.delimiter, Some('\t'));
    assert_eq!(
        table.headers,
        strings(&["Namn", "Ort"]),
        "the BOM is not in the header"
    );
    assert_eq!(table.rows, vec![strings(&["Åsa", "Umeå"])]);
}

#[test]
fn utf8_with_and_without_bom() {
    let plain = read_default("Namn,Ort\nÅsa,Umeå\n".as_bytes()).expect("UTF-8");
    assert_eq!(plain.source.encoding, Some(TextEncoding::Utf8));
    assert_eq!(plain.source.delimiter, Some(','));
    let bom = read_default("\u{FEFF}Namn,Ort\nÅsa,Umeå\n".as_bytes()).expect("UTF-8 BOM");
    assert_eq!(bom.source.encoding, Some(TextEncoding::Utf8Bom));
    assert_eq!(
        bom.headers, plain.headers,
        "the BOM is stripped from the first header"
    );
    assert_eq!(bom.rows, plain.rows);
}

#[test]
fn quoted_cell_with_newline_and_delimiter() {
    let bytes = "Namn;Anteckning;Ort\r\n\"Åsa\";\"ring; efter\r\nlunch \"\"snart\"\"\";Umeå\r\nBo;x;Luleå\r\n";
    let table = read_default(bytes.as_bytes()).expect("valid");
    assert_eq!(table.source.delimiter, Some(';'));
    assert_eq!(
        table.rows,
        vec![
            strings(&["Åsa", "ring; efter\r\nlunch \"snart\"", "Umeå"]),
            strings(&["Bo", "x", "Luleå"])
        ]
    );
    assert_eq!(
        table.row_numbers,
        vec![2, 4],
        "Bo starts on line 4 after the 2-line cell"
    );
}

#[test]
fn ragged_rows_are_padded_and_widened() {
    let table = read_default(b"A;B;C\n1;2\n1;2;3;4\n1\n").expect("valid");
    assert_eq!(
        table.headers,
        strings(&["A", "B", "C", ""]),
        "row 3 widens the table"
    );
    assert_eq!(
        table.rows,
        vec![
            strings(&["1", "2", "", ""]),
            strings(&["1", "2", "3", "4"]),
            strings(&["1", "", "", ""])
        ]
    );
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let table = read_default(b"\n\nA;B\n\n1;2\n ; \n\n3;4\n").expect("valid");
    assert_eq!(
        table.headers,
        strings(&["A", "B"]),
        "leading blank lines are skipped"
    );
    assert_eq!(table.rows, vec![strings(&["1", "2"]), strings(&["3", "4"])]);
    assert_eq!(
        table.row_numbers,
        vec![5, 8],
        "line numbers as in an editor"
    );
}

#[test]
fn cr_only_line_ends() {
    let table = read_default(b"A;B\r1;2\r\r3;4\r").expect("old Mac line ends");
    assert_eq!(table.rows, vec![strings(&["1", "2"]), strings(&["3", "4"])]);
    assert_eq!(table.row_numbers, vec![2, 4]);
    assert!(
        table.rows.iter().flatten().all(|cell| !cell.contains('\r')),
        "no \\r may be left in a cell"
    );
}

#[test]
fn header_cells_are_trimmed_but_data_cells_are_not() {
    let table = read_default(b" Namn ;\tOrt\n Anna ;Ume\xE5 \n").expect("valid");
    assert_eq!(table.headers, strings(&["Namn", "Ort"]));
    assert_eq!(table.rows, vec![strings(&[" Anna ", "Umeå "])]);
}

#[test]
fn blank_headers_stay_empty_for_the_caller_to_name() {
    let table = read_default(b"Namn;;Ort\nA;B;C\n").expect("valid");
    assert_eq!(table.headers, strings(&["Namn", "", "Ort"]));
}

#[test]
fn header_only_file_has_no_rows() {
    let table = read_default(b"Namn;Ort\r\n").expect("a header alone is not an error");
    assert_eq!(table.headers, strings(&["Namn", "Ort"]));
    assert!(table.rows.is_empty());
    assert!(table.row_numbers.is_empty());
}

#[test]
fn single_column_file() {
    let table = read_default(b"Namn\nAnna\nBo\n").expect("valid");
    assert_eq!(table.headers, strings(&["Namn"]));
    assert_eq!(table.rows, vec![strings(&["Anna"]), strings(&["Bo"])]);
}

#[test]
fn empty_and_contentless_files() {
    assert_eq!(read_default(b"").map_err(|e| e.code()), Err("empty_file"));
    assert_eq!(
        read_default(b"\xEF\xBB\xBF").map_err(|e| e.code()),
        Err("empty_file")
    );
    assert_eq!(
        read_default(b" \r\n\r\n").map_err(|e| e.code()),
        Err("empty_file")
    );
    assert_eq!(
        read_default(b";;;\n;;\n").map_err(|e| e.code()),
        Err("no_header")
    );
}

#[test]
fn random_binary_is_an_error_not_a_panic() {
    let mut state: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    assert_eq!(read_default(&bytes).map_err(|e| e.code()), Err("not_text"));
}

#[test]
fn legacy_and_other_spreadsheets_are_named() {
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert_eq!(
        read_default(&ole).map_err(|e| e.code()),
        Err("unsupported_format")
    );
    let mut ods = b"PK\x03\x04".to_vec();
    ods.resize(30, 0);
    ods.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
    assert_eq!(
        read_default(&ods).map_err(|e| e.code()),
        Err("unsupported_format")
    );
}

#[test]
fn unclosed_quote_names_its_row() {
    let err = read_default(b"A;B\n1;2\n3;\"Hemligt namn\n5;6\n").expect_err("broken quote");
    assert_eq!(err.code(), "csv_syntax");
    assert_eq!(
        err.row(),
        Some(3),
        "the record with the stray quote starts on line 3"
    );
    assert!(
        !err.to_string().contains("Hemligt"),
        "messages carry no cell contents"
    );
}

#[test]
fn too_many_columns_is_refused_with_its_row() {
    let mut bytes = b"A;B\n1;2\n".to_vec();
    bytes.extend(std::iter::repeat_n(b"x;".as_slice(), MAX_COLUMNS + 1).flatten());
    let err = read_default(&bytes).expect_err("too wide");
    assert_eq!(err, ReadError::TooManyColumns { row: 3 });
}

#[test]
fn padding_cannot_blow_up_memory() {
    // One wide row makes every short row as wide as it; 20 000 short rows
    // of a 1 000-column table would be 20 million cells from 60 kB.
    let mut bytes = "x;".repeat(MAX_COLUMNS - 1).into_bytes();
    bytes.extend_from_slice(b"x\n");
    bytes.extend(std::iter::repeat_n(b"y\n".as_slice(), 20_000).flatten());
    assert_eq!(read_default(&bytes), Err(ReadError::TooManyCells));
}

#[test]
fn too_large_input_is_refused_before_any_work() {
    let bytes = vec![b'a'; MAX_INPUT_BYTES + 1];
    assert_eq!(read_default(&bytes), Err(ReadError::TooLarge));
}

#[test]
fn forced_options_override_detection() {
    let bytes = b"Namn,Belopp;Moms\nAnna,12;3\n";
    let comma = read(
        bytes,
        &ReadOptions {
            delimiter: Some(b','),
            ..ReadOptions::default()
        },
    )
    .expect("valid");
    assert_eq!(comma.headers, strings(&["Namn", "Belopp;Moms"]));
    let bad = ReadOptions {
        delimiter: Some(b'"'),
        ..ReadOptions::default()
    };
    assert_eq!(
        read(bytes, &bad).map_err(|e| e.code()),
        Err("invalid_delimiter")
    );
    let utf16 = ReadOptions {
        encoding: Some(TextEncoding::Utf16Le),
        ..ReadOptions::default()
    };
    assert_eq!(
        read(b"abc", &utf16).map_err(|e| e.code()),
        Err("wrong_encoding")
    );
}

#[test]
fn detect_format_uses_the_zip_magic() {
    assert_eq!(detect_format(b"PK\x03\x04rest"), FileFormat::Xlsx);
    assert_eq!(detect_format(b"PK;Namn"), FileFormat::Csv);
    assert_eq!(detect_format(b""), FileFormat::Csv);
}

#[test]
fn error_codes_are_stable_snake_case() {
    let errors = [
        ReadError::EmptyFile,
        ReadError::NoHeader,
        ReadError::NotText,
        ReadError::WrongEncoding {
            encoding: TextEncoding::Utf8,
        },
        ReadError::UnsupportedEncoding,
        ReadError::UnsupportedFormat,
        ReadError::BadXlsx { reason: "x" },
        ReadError::NoSuchSheet,
        ReadError::TooLarge,
        ReadError::TooManyColumns { row: 1 },
        ReadError::TooManyCells,
        ReadError::CsvSyntax { row: 1 },
        ReadError::InvalidDelimiter,
    ];
    let codes: Vec<&str> = errors.iter().map(ReadError::code).collect();
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), codes.len(), "every error has its own code");
    assert!(
        codes
            .iter()
            .all(|code| code.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
        "codes are snake_case: {codes:?}"
    );
}
