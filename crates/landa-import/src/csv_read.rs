//! Reading CSV files: decode, find the delimiter, split into records with the
//! `csv` crate, and hand the rows to the [`TableBuilder`].

use crate::delimiter::detect_delimiter;
use crate::encoding::decode;
use crate::table::TableBuilder;
use crate::{FileFormat, ReadError, ReadOptions, SourceInfo, Table};

/// Reads CSV bytes into a table.
pub(crate) fn read_csv(bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::EmptyFile);
    }
    let decoded = decode(bytes, options.encoding)?;
    let text: &str = &decoded.text;
    if text.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}') {
        return Err(ReadError::EmptyFile);
    }
    let delimiter = match options.delimiter {
        Some(delimiter) => checked_delimiter(delimiter)?,
        None => detect_delimiter(text),
    };
    if let Some(record_start) = unclosed_quote(text.as_bytes(), delimiter) {
        let row = LineCounter::new(text.as_bytes()).line_at(record_start);
        return Err(ReadError::CsvSyntax { row });
    }
    let builder = parse(text, delimiter)?;
    builder.finish(SourceInfo {
        format: FileFormat::Csv,
        encoding: Some(decoded.encoding),
        delimiter: Some(char::from(delimiter)),
        sheet: None,
        sheets: Vec::new(),
    })
}

/// A delimiter must be a single ASCII byte, so it can never split a UTF-8
/// character, and must not be the quote or a line break.
pub(crate) fn is_usable_delimiter(delimiter: u8) -> bool {
    delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n')
}

fn checked_delimiter(delimiter: u8) -> Result<u8, ReadError> {
    if is_usable_delimiter(delimiter) {
        Ok(delimiter)
    } else {
        Err(ReadError::InvalidDelimiter)
    }
}

/// Splits the text into records. `flexible` lets rows differ in length;
/// the default terminator takes `\r\n`, `\n` and a lone `\r` (old Mac
/// exports) as line ends, so no `\r` is left at the end of a cell.
fn parse(text: &str, delimiter: u8) -> Result<TableBuilder, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text.as_bytes());
    let mut builder = TableBuilder::default();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|_| ReadError::CsvSyntax { row: lines.line })?;
        if !more {
            break;
        }
        let start = record
            .position()
            .and_then(|position| usize::try_from(position.byte()).ok())
            .unwrap_or(lines.pos);
        let row = lines.line_at(start);
        builder.push(record.iter().map(str::to_owned).collect(), row)?;
    }
    Ok(builder)
}

/// Finds a quoted cell that is never closed and returns the byte offset of
/// the record it starts in. The `csv` crate would silently read the rest of
/// the file into that one cell; an error naming the row is more useful.
///
/// Follows the `csv` crate's rules: a quote opens a quoted cell only as the
/// first character of a cell, `""` inside is an escaped quote, and a quote
/// elsewhere is an ordinary character. Jumps from quote to quote, since only
/// quotes change state, so it costs little on large files.
fn unclosed_quote(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let is_break = |byte: &u8| matches!(byte, b'\r' | b'\n');
    let mut pos = 0;
    let mut record_start = 0;
    loop {
        let quote = pos + next_quote(bytes.get(pos..)?)?;
        let unquoted = bytes.get(pos..quote).unwrap_or_default();
        if let Some(last_break) = unquoted.iter().rposition(is_break) {
            record_start = pos + last_break + 1;
        }
        // Right after a closing quote `pos` never holds a quote (that would
        // have been an escaped one), so the byte before is ours to judge.
        let opens = match quote.checked_sub(1).and_then(|before| bytes.get(before)) {
            None => true,
            Some(before) => is_break(before) || *before == delimiter,
        };
        pos = if opens {
            match closing_quote(bytes, quote + 1) {
                Some(closing) => closing + 1,
                None => return Some(record_start),
            }
        } else {
            quote + 1
        };
    }
}

/// The offset of the next `"` in `bytes`.
fn next_quote(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&byte| byte == b'"')
}

/// The offset of the quote closing a quoted cell whose content starts at
/// `from`, skipping escaped (doubled) quotes.
fn closing_quote(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let quote = from + next_quote(bytes.get(from..)?)?;
        if bytes.get(quote + 1) == Some(&b'"') {
            from = quote + 2;
        } else {
            return Some(quote);
        }
    }
}

/// Turns byte offsets into 1-based line numbers as an editor counts them:
/// `\r\n`, `\n` and a lone `\r` each end one line. Offsets must be asked
/// for in increasing order, which is how records come, so the whole file is
/// scanned once.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `offset` that is not a
    /// line break: a record's position may point at the blank lines that
    /// precede it.
    fn line_at(&mut self, offset: usize) -> usize {
        let mut start = offset.max(self.pos);
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.min(self.bytes.len());
        let passed = self.bytes.get(self.pos..start).unwrap_or_default();
        self.line += line_ends(passed);
        self.pos = start;
        self.line
    }
}

/// How many lines `bytes` ends: each `\n`, plus each `\r` not followed by a
/// `\n`. Counting bytes (which vectorises) and subtracting the `\r\n`
/// pairs is faster than a state machine. Callers never split a `\r\n`
/// between two calls: a segment ends before a byte that is not a line break.
fn line_ends(bytes: &[u8]) -> usize {
    let newlines = bytes.iter().filter(|&&byte| byte == b'\n').count();
    let returns = bytes.iter().filter(|&&byte| byte == b'\r').count();
    if returns == 0 {
        return newlines;
    }
    let pairs = bytes.windows(2).filter(|pair| pair == b"\r\n").count();
    (newlines + returns).saturating_sub(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_counter_counts_every_line_ending() {
        let text = b"a\r\nb\rc\nd";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(3), 2, "\\r\\n is one line end");
        assert_eq!(lines.line_at(5), 3, "a lone \\r is a line end");
        assert_eq!(lines.line_at(7), 4);
    }

    #[test]
    fn line_counter_skips_blank_lines_before_a_record() {
        let mut lines = LineCounter::new(b"a\n\n\r\nb");
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(
            lines.line_at(2),
            4,
            "b is on line 4 even if its record starts earlier"
        );
    }

    /// The straightforward byte-by-byte version of [`unclosed_quote`].
    fn unclosed_quote_reference(bytes: &[u8], delimiter: u8) -> Option<usize> {
        let mut in_quotes = false;
        let mut at_cell_start = true;
        let mut record_start = 0;
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            if in_quotes {
                if byte == b'"' {
                    if bytes.get(index + 1) == Some(&b'"') {
                        index += 1;
                    } else {
                        in_quotes = false;
                    }
                }
            } else if byte == b'"' && at_cell_start {
                in_quotes = true;
                at_cell_start = false;
            } else if byte == b'\r' || byte == b'\n' {
                at_cell_start = true;
                record_start = index + 1;
            } else {
                at_cell_start = byte == delimiter;
            }
            index += 1;
        }
        in_quotes.then_some(record_start)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]
        /// The quote-jumping scan agrees with the byte-by-byte one.
        #[test]
        fn unclosed_quote_agrees_with_reference(text in "[a\";\r\n]{0,40}") {
            proptest::prop_assert_eq!(
                unclosed_quote(text.as_bytes(), b';'),
                unclosed_quote_reference(text.as_bytes(), b';')
            );
        }
    }

    #[test]
    fn unclosed_quote_is_found_and_closed_ones_are_not() {
        assert_eq!(unclosed_quote(b"a;b\n\"x;y\"\"z\";c\n", b';'), None);
        assert_eq!(
            unclosed_quote(b"a;b\nx\"y;c\n", b';'),
            None,
            "mid-cell quote is literal"
        );
        assert_eq!(unclosed_quote(b"a;b\nc;\"d\ne;f\n", b';'), Some(4));
    }
}
