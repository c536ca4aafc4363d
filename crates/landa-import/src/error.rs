//! Errors of reading and writing.
//!
//! The UI shows these to people who brought a spreadsheet, in Swedish or
//! English, so every error has a stable snake_case [`ReadError::code`] that the
//! UI translates, plus the 1-based row where one applies. The `Display` texts
//! are developer English for logs. None of them ever contains cell contents:
//! the files hold personal data, and logs must not.

use crate::TextEncoding;

/// Why a file could not be read into a [`crate::Table`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file has no bytes at all, or only a byte-order mark and whitespace.
    #[error("the file is empty")]
    EmptyFile,
    /// The file has content but no row with a non-blank cell (only
    /// delimiters, blank lines; for XLSX: the sheet, or every sheet, is empty).
    #[error("the file has no row with content to use as headers")]
    NoHeader,
    /// The bytes are not text in any encoding we detect: binary data, or an
    /// encoding that fails to decode (for example broken UTF-16).
    #[error("the file does not look like text (binary data or undecodable)")]
    NotText,
    /// The caller chose an encoding and the bytes are not valid in it.
    #[error("the file is not valid {encoding:?} text")]
    WrongEncoding {
        /// The encoding the caller asked for.
        encoding: TextEncoding,
    },
    /// The file declares an encoding we do not read (a UTF-32 byte-order mark).
    #[error("the file uses an unsupported text encoding (UTF-32)")]
    UnsupportedEncoding,
    /// A spreadsheet format other than XLSX or CSV: an old binary `.xls`
    /// (also what a password-protected `.xlsx` is on disk) or an OpenDocument
    /// `.ods`. The user can save it as XLSX or CSV.
    #[error("unsupported spreadsheet format (.xls, encrypted .xlsx or .ods)")]
    UnsupportedFormat,
    /// The file starts like an XLSX (a zip archive) but could not be read.
    #[error("the XLSX file could not be read ({reason})")]
    BadXlsx {
        /// A fixed developer-facing English phrase, never file content.
        reason: &'static str,
    },
    /// [`crate::ReadOptions::sheet`] names a sheet the workbook does not have.
    #[error("the workbook has no sheet with the requested name")]
    NoSuchSheet,
    /// The input is larger than [`crate::MAX_INPUT_BYTES`], or an XLSX declares
    /// more than [`crate::MAX_XLSX_UNPACKED_BYTES`] unpacked or more shared
    /// strings than [`crate::MAX_CELLS`].
    #[error("the file is too large")]
    TooLarge,
    /// A row has more than [`crate::MAX_COLUMNS`] columns.
    #[error("row {row} has more than {max} columns", max = crate::MAX_COLUMNS)]
    TooManyColumns {
        /// 1-based row (CSV line) where the offending row starts.
        row: usize,
    },
    /// The table would have more than [`crate::MAX_CELLS`] cells
    /// (rows × columns).
    #[error("the table has more than {max} cells", max = crate::MAX_CELLS)]
    TooManyCells,
    /// The CSV is malformed: a quoted cell that is never closed, which would
    /// otherwise swallow the rest of the file into one cell.
    #[error("row {row}: a quoted cell is never closed")]
    CsvSyntax {
        /// 1-based line where the record with the unclosed quote starts.
        row: usize,
    },
    /// [`crate::ReadOptions::delimiter`] cannot separate cells: not ASCII, or a
    /// quote or line break.
    #[error("the chosen delimiter cannot be used")]
    InvalidDelimiter,
}

impl ReadError {
    /// A stable snake_case code that the UI maps to a translated sentence.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::EmptyFile => "empty_file",
            ReadError::NoHeader => "no_header",
            ReadError::NotText => "not_text",
            ReadError::WrongEncoding { .. } => "wrong_encoding",
            ReadError::UnsupportedEncoding => "unsupported_encoding",
            ReadError::UnsupportedFormat => "unsupported_format",
            ReadError::BadXlsx { .. } => "bad_xlsx",
            ReadError::NoSuchSheet => "no_such_sheet",
            ReadError::TooLarge => "too_large",
            ReadError::TooManyColumns { .. } => "too_many_columns",
            ReadError::TooManyCells => "too_many_cells",
            ReadError::CsvSyntax { .. } => "csv_syntax",
            ReadError::InvalidDelimiter => "invalid_delimiter",
        }
    }

    /// The 1-based row the error is about, where it is about one row.
    pub fn row(&self) -> Option<usize> {
        match self {
            ReadError::TooManyColumns { row } | ReadError::CsvSyntax { row } => Some(*row),
            _ => None,
        }
    }
}

/// Why a table could not be written as CSV.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// A cell holds a character that Windows-1252 cannot represent.
    /// `row` is 1-based in the written file, the header being row 1 (so the
    /// first data row is row 2); `column` is 1-based.
    #[error("row {row}, column {column}: a character cannot be written in Windows-1252")]
    Unrepresentable {
        /// 1-based row in the written file; the header row is row 1.
        row: usize,
        /// 1-based column.
        column: usize,
    },
    /// The delimiter is not ASCII, or is a quote or line break.
    #[error("the chosen delimiter cannot be used")]
    InvalidDelimiter,
}

impl WriteError {
    /// A stable snake_case code that the UI maps to a translated sentence.
    pub fn code(&self) -> &'static str {
        match self {
            WriteError::Unrepresentable { .. } => "unrepresentable",
            WriteError::InvalidDelimiter => "invalid_delimiter",
        }
    }
}
