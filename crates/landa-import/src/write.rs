//! Writing tables as CSV that Excel opens as it is and that [`crate::read`]
//! reads back unchanged.

use crate::csv_read::is_usable_delimiter;
use crate::encoding::{encode, fits_windows_1252};
use crate::{TextEncoding, WriteError};

/// The characters that make a cell need quotes besides the delimiter itself.
/// All three candidate delimiters are quoted whichever one is used, so that
/// delimiter detection finds exactly one of them outside quotes and a file we
/// wrote is always read back with the delimiter it was written with.
const ALWAYS_QUOTED: [char; 6] = ['"', '\r', '\n', ';', ',', '\t'];

/// Writes `table_headers` and `rows` as CSV in `encoding`, separated by
/// `delimiter`, with CRLF line ends (what Excel writes). A byte-order mark is
/// written for [`TextEncoding::Utf8Bom`] and both UTF-16 encodings, so Excel
/// recognises them.
///
/// Cells are written faithfully: a cell starting with `=` stays a formula to
/// Excel, so a caller exporting data must defuse formulas itself. Rows are
/// written as long as they are; nothing pads them to the header.
pub fn write_csv(
    table_headers: &[String],
    rows: &[Vec<String>],
    encoding: TextEncoding,
    delimiter: u8,
) -> Result<Vec<u8>, WriteError> {
    if !is_usable_delimiter(delimiter) {
        return Err(WriteError::InvalidDelimiter);
    }
    let delimiter = char::from(delimiter);
    let mut text = String::new();
    for row in std::iter::once(table_headers).chain(rows.iter().map(Vec::as_slice)) {
        write_record(&mut text, row, delimiter);
    }
    encode(&text, encoding).ok_or_else(|| locate_unrepresentable(table_headers, rows))
}

fn write_record(out: &mut String, cells: &[String], delimiter: char) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(delimiter);
        }
        write_cell(out, cell, delimiter);
    }
    out.push_str("\r\n");
}

fn write_cell(out: &mut String, cell: &str, delimiter: char) {
    if needs_quotes(cell, delimiter) {
        out.push('"');
        for c in cell.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Quotes protect delimiters, quotes and line breaks inside a cell, and
/// leading or trailing whitespace, which some readers (and people) trim.
fn needs_quotes(cell: &str, delimiter: char) -> bool {
    cell.contains(|c| c == delimiter || ALWAYS_QUOTED.contains(&c))
        || cell.starts_with(char::is_whitespace)
        || cell.ends_with(char::is_whitespace)
}

/// Finds the first cell Windows-1252 cannot hold. Only called once encoding
/// the whole text failed, so the common case pays nothing for it.
fn locate_unrepresentable(headers: &[String], rows: &[Vec<String>]) -> WriteError {
    let all_rows = std::iter::once(headers).chain(rows.iter().map(Vec::as_slice));
    for (row_index, row) in all_rows.enumerate() {
        if let Some(column_index) = row.iter().position(|cell| !fits_windows_1252(cell)) {
            return WriteError::Unrepresentable {
                row: row_index + 1,
                column: column_index + 1,
            };
        }
    }
    // Unreachable in practice: only cell text can be unrepresentable, since
    // delimiters are ASCII. Pointing at the header is the honest fallback.
    WriteError::Unrepresentable { row: 1, column: 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| (*value).to_owned()).collect()
    }

    #[test]
    fn quotes_only_what_needs_quoting_and_uses_crlf() {
        let headers = strings(&["Namn", "Anteckning"]);
        let rows = vec![
            strings(&["Åsa", "sa \"hej\""]),
            strings(&[" Bo", "a;b"]),
            strings(&["Cia", "12,50"]),
            strings(&["Dan", "rad1\nrad2"]),
        ];
        let bytes = write_csv(&headers, &rows, TextEncoding::Utf8, b';').expect("writable");
        let text = String::from_utf8(bytes).expect("UTF-8 was asked for");
        assert_eq!(
            text,
            "Namn;Anteckning\r\nÅsa;\"sa \"\"hej\"\"\"\r\n\" Bo\";\"a;b\"\r\n\
             Cia;\"12,50\"\r\nDan;\"rad1\nrad2\"\r\n"
        );
    }

    #[test]
    fn boms_are_written_where_excel_needs_them() {
        let headers = strings(&["A"]);
        let written = |encoding| write_csv(&headers, &[], encoding, b';').expect("writable");
        assert_eq!(written(TextEncoding::Utf8), b"A\r\n");
        assert_eq!(written(TextEncoding::Utf8Bom), b"\xEF\xBB\xBFA\r\n");
        assert_eq!(written(TextEncoding::Utf16Le), b"\xFF\xFEA\x00\r\x00\n\x00");
        assert_eq!(written(TextEncoding::Utf16Be), b"\xFE\xFF\x00A\x00\r\x00\n");
        assert_eq!(written(TextEncoding::Windows1252), b"A\r\n");
    }

    #[test]
    fn unrepresentable_character_is_located() {
        let headers = strings(&["Namn", "Ort"]);
        let rows = vec![strings(&["Åsa", "Umeå"]), strings(&["Bo", "Łódź"])];
        let err = write_csv(&headers, &rows, TextEncoding::Windows1252, b';')
            .expect_err("Ł is not in Windows-1252");
        assert_eq!(
            err,
            WriteError::Unrepresentable { row: 3, column: 2 },
            "header is row 1"
        );
        assert!(
            !err.to_string().contains("Łódź"),
            "messages carry no cell contents"
        );
    }

    #[test]
    fn bad_delimiters_are_refused() {
        for delimiter in [b'"', b'\n', b'\r', 0xC5] {
            assert_eq!(
                write_csv(&[], &[], TextEncoding::Utf8, delimiter),
                Err(WriteError::InvalidDelimiter)
            );
        }
    }
}
