//! Checks an XLSX archive before calamine opens it, so a small hostile file
//! cannot make it exhaust memory.
//!
//! Two things are checked, reading the archive with the `zip` crate (the one
//! calamine itself uses):
//!
//! 1. The unpacked sizes the zip directory declares add up to at most
//!    [`MAX_XLSX_UNPACKED_BYTES`]. The `zip` crate stops unpacking an entry
//!    past its declared size, so declared sizes bound real ones and a "zip
//!    bomb" is refused up front.
//! 2. The shared-string table does not claim more strings than
//!    [`MAX_CELLS`]. calamine reserves memory for the `uniqueCount` the file
//!    claims before reading a single string; a 300-byte file claiming 10^12
//!    strings would abort the process on the failed allocation, which no
//!    `catch_unwind` can stop. The part is streamed through the decompressor
//!    and every `uniqueCount="…"` in it is checked, wherever it is, so no
//!    XML trickery (comments, odd nesting) can hide the one calamine uses.
//!
//! Archives whose directory cannot be read are refused as
//! [`ReadError::BadXlsx`], so calamine only ever sees checked archives.

use std::io::{Cursor, Read};

use crate::{MAX_CELLS, MAX_XLSX_UNPACKED_BYTES, ReadError};

const DAMAGED: ReadError = ReadError::BadXlsx {
    reason: "the zip directory is damaged",
};
const STRINGS_DAMAGED: ReadError = ReadError::BadXlsx {
    reason: "the shared strings could not be unpacked",
};

pub(crate) fn check(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DAMAGED)?;
    let mut declared = 0u64;
    let mut shared_strings = vec![];
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(|_| DAMAGED)?;
        declared = declared.saturating_add(entry.size());
        let name = entry.name().map_err(|_| DAMAGED)?;
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            shared_strings.push(index);
        }
    }
    if declared > MAX_XLSX_UNPACKED_BYTES {
        return Err(ReadError::TooLarge);
    }
    for index in shared_strings {
        let entry = archive.by_index(index).map_err(|_| STRINGS_DAMAGED)?;
        check_shared_strings(entry)?;
    }
    Ok(())
}

/// Streams one shared-strings part through the scanner, never holding more than a chunk and
/// never reading past the size limit.
fn check_shared_strings(entry: impl Read) -> Result<(), ReadError> {
    let mut limited = entry.take(MAX_XLSX_UNPACKED_BYTES.saturating_add(1));
    let mut scanner = CountScanner::default();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let n = limited.read(&mut chunk).map_err(|_| STRINGS_DAMAGED)?;
        if n == 0 {
            break;
        }
        total = total.saturating_add(n as u64);
        if total > MAX_XLSX_UNPACKED_BYTES {
            return Err(ReadError::TooLarge);
        }
        scanner.feed(chunk.get(..n).unwrap_or_default());
    }
    if scanner.largest > u64::try_from(MAX_CELLS).unwrap_or(u64::MAX) {
        return Err(ReadError::TooLarge);
    }
    Ok(())
}

/// Finds every `uniqueCount = "digits"` (either quote, any XML whitespace
/// around `=`) in a byte stream fed in chunks, remembering the largest
/// number. A byte-at-a-time state machine, so a match split across chunks,
/// or padded with any amount of whitespace, is still seen.
#[derive(Debug, Default)]
struct CountScanner {
    /// How much of the attribute name has matched so far.
    matched: usize,
    state: ScanState,
    largest: u64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum ScanState {
    #[default]
    Name,
    BeforeEquals,
    AfterEquals,
    Value {
        quote: u8,
        value: u64,
    },
}

const ATTRIBUTE: &[u8] = b"uniqueCount";

impl CountScanner {
    fn feed(&mut self, chunk: &[u8]) {
        for &byte in chunk {
            self.step(byte);
        }
    }

    fn step(&mut self, byte: u8) {
        let is_space = matches!(byte, b' ' | b'\t' | b'\r' | b'\n');
        self.state = match self.state {
            ScanState::Name => {
                self.match_name(byte);
                if self.matched == ATTRIBUTE.len() {
                    self.matched = 0;
                    ScanState::BeforeEquals
                } else {
                    ScanState::Name
                }
            }
            ScanState::BeforeEquals if is_space => ScanState::BeforeEquals,
            ScanState::BeforeEquals if byte == b'=' => ScanState::AfterEquals,
            ScanState::AfterEquals if is_space => ScanState::AfterEquals,
            ScanState::AfterEquals if byte == b'"' || byte == b'\'' => ScanState::Value {
                quote: byte,
                value: 0,
            },
            ScanState::Value { quote, value } if byte.is_ascii_digit() => ScanState::Value {
                quote,
                value: value
                    .saturating_mul(10)
                    .saturating_add(u64::from(byte - b'0')),
            },
            ScanState::Value { quote, value } if byte == quote => {
                self.largest = self.largest.max(value);
                ScanState::Name
            }
            // Anything else ends the candidate; the byte may begin a new one.
            _ => {
                self.matched = 0;
                self.match_name(byte);
                ScanState::Name
            }
        };
    }

    /// Advances the match of the attribute name, Knuth–Morris–Pratt style:
    /// on a mismatch, fall back to the longest matched prefix that is also a
    /// suffix of what was matched, so an occurrence overlapping a failed
    /// partial match ("uniquniqueCount") is not missed.
    fn match_name(&mut self, byte: u8) {
        loop {
            if ATTRIBUTE.get(self.matched) == Some(&byte) {
                self.matched += 1;
                return;
            }
            match self.matched.checked_sub(1) {
                None => return,
                Some(last) => self.matched = FALLBACK.get(last).copied().unwrap_or(0),
            }
        }
    }
}

/// KMP failure function of [`ATTRIBUTE`]: for each matched length `i + 1`,
/// the length of the longest proper prefix that is also a suffix.
const FALLBACK: [usize; ATTRIBUTE.len()] = fallback();

/// Evaluated at compile time, so its indexing can only ever fail the build.
const fn fallback() -> [usize; ATTRIBUTE.len()] {
    let mut table = [0usize; ATTRIBUTE.len()];
    let mut length = 0;
    let mut i = 1;
    while i < ATTRIBUTE.len() {
        if ATTRIBUTE[i] == ATTRIBUTE[length] {
            length += 1;
            table[i] = length;
            i += 1;
        } else if length > 0 {
            length = table[length - 1];
        } else {
            table[i] = 0;
            i += 1;
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn largest(chunks: &[&[u8]]) -> u64 {
        let mut scanner = CountScanner::default();
        for chunk in chunks {
            scanner.feed(chunk);
        }
        scanner.largest
    }

    #[test]
    fn scanner_finds_counts_in_any_spelling_and_split() {
        assert_eq!(largest(&[b"<sst count=\"9\" uniqueCount=\"7\">"]), 7);
        assert_eq!(largest(&[b"<sst uniqueCount = '12'>"]), 12);
        assert_eq!(largest(&[b"<sst uniq", b"ueCou", b"nt=\"1", b"23\">"]), 123);
        assert_eq!(
            largest(&[b"<!-- uniqueCount=\"5\" --><x:sst uniqueCount=\"3\">"]),
            5
        );
        assert_eq!(
            largest(&[b"uuniqueCount=\"4\""]),
            4,
            "restart after a repeated u"
        );
        assert_eq!(
            largest(&[b"uniquniqueCount=\"6\""]),
            6,
            "overlapping partial match"
        );
        assert_eq!(
            largest(&[b"uniqueCount=\"99999999999999999999999\""]),
            u64::MAX
        );
        assert_eq!(
            largest(&[b"uniqueCount=\"1x\" uniqueCount=x"]),
            0,
            "not a number"
        );
    }

    /// The naive reference: every occurrence of the name, followed by
    /// whitespace, `=`, whitespace, a quote, digits and the same quote.
    fn naive_largest(bytes: &[u8]) -> u64 {
        let mut largest = 0;
        for start in 0..bytes.len() {
            let Some(rest) = bytes
                .get(start..)
                .and_then(|rest| rest.strip_prefix(ATTRIBUTE))
            else {
                continue;
            };
            let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
            let rest: Vec<u8> = rest.iter().copied().skip_while(|b| space(b)).collect();
            let Some(rest) = rest.strip_prefix(b"=") else {
                continue;
            };
            let rest: Vec<u8> = rest.iter().copied().skip_while(|b| space(b)).collect();
            let Some((&quote, rest)) = rest.split_first() else {
                continue;
            };
            if quote != b'"' && quote != b'\'' {
                continue;
            }
            let digits: Vec<u8> = rest
                .iter()
                .copied()
                .take_while(u8::is_ascii_digit)
                .collect();
            if rest.get(digits.len()) == Some(&quote) {
                let value = digits.iter().fold(0u64, |value, digit| {
                    value
                        .saturating_mul(10)
                        .saturating_add(u64::from(digit - b'0'))
                });
                largest = largest.max(value);
            }
        }
        largest
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Text built from pieces of the name, quotes, `=` and digits, split
        /// into chunks anywhere: the scanner finds what the naive search finds.
        #[test]
        fn scanner_agrees_with_naive_search(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "u", "un", "uniq", "uniqu", "uniqueCount", "ueCount", "Count", "=",
                    " ", "\"", "'", "7", "42", "x", "<sst ",
                ]),
                0..40,
            ),
            cut in 0usize..200,
        ) {
            let text = pieces.concat().into_bytes();
            let (first, second) = text.split_at(cut.min(text.len()));
            proptest::prop_assert_eq!(largest(&[first, second]), naive_largest(&text));
        }
    }

    #[test]
    fn garbage_archives_are_refused_without_panicking() {
        let cases: [&[u8]; 4] = [
            b"PK\x03\x04",
            b"PK\x03\x04PK\x05\x06",
            b"PK\x03\x04\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0PK\x05\x06\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\0\0",
            b"PK\x03\x04 not a zip at all",
        ];
        for bytes in cases {
            assert!(check(bytes).is_err(), "{bytes:?}");
        }
    }
}
