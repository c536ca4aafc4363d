//! Reads the spreadsheets people bring to Landa into plain tables, and writes
//! tables back as CSV.
//!
//! Swedish regions keep their registers in whatever Excel or another tool
//! wrote: CSV in UTF-8, UTF-16 ("Unicode text") or Windows-1252 ("CSV
//! (semikolonavgränsad)"), separated by `;`, `,` or tabs, or XLSX workbooks.
//! [`read`] turns any of them into a [`Table`] of strings, detecting the
//! encoding and delimiter, so the import wizard above it deals with one shape
//! only. Interpreting cells (dates, amounts, yes/no) is left to the caller,
//! helped by [`values`].
//!
//! Every file is treated as hostile: nothing panics on any input, and the
//! limits below stop a small file from exhausting memory.

mod csv_read;
mod delimiter;
mod encoding;
mod error;
mod table;
pub mod values;
mod write;
mod xlsx;
mod zip_guard;

pub use error::{ReadError, WriteError};
pub use write::write_csv;

/// Largest input accepted by [`read`], in bytes (200 MiB). Larger files are
/// refused with [`ReadError::TooLarge`] before any work is done.
pub const MAX_INPUT_BYTES: usize = 200 * 1024 * 1024;

/// Most columns a table may have; a wider row gives
/// [`ReadError::TooManyColumns`]. Real registers have tens of columns.
pub const MAX_COLUMNS: usize = 1_000;

/// Most cells (rows × columns, after padding) a table may have; more gives
/// [`ReadError::TooManyCells`]. Short rows are padded to the widest, so a
/// file of many one-cell rows and one wide row would otherwise grow far
/// beyond its size on disk.
pub const MAX_CELLS: usize = 10_000_000;

/// Most bytes the entries of an XLSX may declare when unpacked (1 GiB); more
/// gives [`ReadError::TooLarge`]. Stops "zip bombs": the unzipper refuses to
/// unpack an entry past its declared size, so this bounds the real size.
pub const MAX_XLSX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// The text encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel's "CSV UTF-8" writes).
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text", with a byte-order mark).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1252 (what Swedish Excel's "CSV (semikolonavgränsad)" writes).
    Windows1252,
}

/// The kind of file [`read`] was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// Delimited text.
    Csv,
    /// An Office Open XML workbook.
    Xlsx,
}

/// Choices that override detection, for when the wizard lets a person correct
/// a wrong guess. Serde support lets the options cross the UI boundary as
/// they are; missing fields mean "detect".
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReadOptions {
    /// CSV text encoding; `None` detects it.
    pub encoding: Option<TextEncoding>,
    /// CSV delimiter byte; `None` detects it among `;`, `,` and tab.
    pub delimiter: Option<u8>,
    /// XLSX sheet to read; `None` reads the first sheet with content.
    pub sheet: Option<String>,
}

/// How a table was read, so the wizard can show it and offer corrections.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceInfo {
    /// CSV or XLSX.
    pub format: FileFormat,
    /// CSV only: the encoding used to decode the file.
    pub encoding: Option<TextEncoding>,
    /// CSV only: the delimiter used to split cells.
    pub delimiter: Option<char>,
    /// XLSX only: the name of the sheet read.
    pub sheet: Option<String>,
    /// XLSX: the names of all sheets, in workbook order; empty for CSV.
    pub sheets: Vec<String>,
}

/// A file's content as a rectangle of strings.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Table {
    /// The first row with content, each cell trimmed. Blank header cells are
    /// `""`: the caller names them.
    pub headers: Vec<String>,
    /// Every later row with content, each exactly `headers.len()` long: short
    /// rows are padded with `""`, and a longer row widens the table (headers
    /// get `""`) so nothing is lost. Columns at the right edge that are blank
    /// in the header and empty in every row are dropped.
    pub rows: Vec<Vec<String>>,
    /// For each row, the 1-based line (CSV) or sheet row (XLSX) where it
    /// starts, as a spreadsheet user counts, for messages like "row 17: ...".
    pub row_numbers: Vec<usize>,
    /// How the file was read.
    pub source: SourceInfo,
}

/// Reads a CSV or XLSX file into a [`Table`].
///
/// The format is taken from the bytes ([`detect_format`]), never from a file
/// name, because people rename files.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge);
    }
    if is_unsupported_spreadsheet(bytes) {
        return Err(ReadError::UnsupportedFormat);
    }
    match detect_format(bytes) {
        FileFormat::Xlsx => xlsx::read_xlsx(bytes, options),
        FileFormat::Csv => csv_read::read_csv(bytes, options),
    }
}

/// Tells XLSX (a zip archive: it starts with `PK\x03\x04`) from CSV (anything
/// else).
pub fn detect_format(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(ZIP_MAGIC) {
        FileFormat::Xlsx
    } else {
        FileFormat::Csv
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The OLE compound-file signature: old `.xls` files, and also what Excel
/// writes for a password-protected `.xlsx`.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// An OpenDocument spreadsheet stores this uncompressed as its first zip entry.
const ODS_MIMETYPE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet";

/// Spreadsheets we cannot read but can name, so the user is told to save as
/// XLSX or CSV instead of being shown "binary data".
fn is_unsupported_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE_MAGIC)
        || (bytes.starts_with(ZIP_MAGIC)
            && bytes.get(30..30 + ODS_MIMETYPE.len()) == Some(ODS_MIMETYPE))
}

#[cfg(test)]
mod tests;
