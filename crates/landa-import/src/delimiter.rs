//! Guessing the delimiter of a CSV file.
//!
//! Swedish files use `;` because the comma is the decimal separator
//! ("1 234,50"), so a comma inside a cell is common and must not win just
//! because it also splits rows. The delimiter that splits the most records
//! into the same number (> 1) of cells wins; quotes are honoured, so a `;`
//! inside `"..."` does not count.
//!
//! Quotes also break ties. Read with the right delimiter, a well-formed file
//! has quotes only around whole cells; read with a wrong one, a quoted cell
//! after the real delimiter starts mid-cell, its quotes are taken literally,
//! and what it protected (a tab, say) can split records as consistently as
//! the real delimiter does. So among equally consistent delimiters, the one
//! with fewer such stray quotes wins.

/// The candidates, in the order that breaks ties: `;` first (the Swedish
/// default), then tab (it rarely occurs inside cells), then `,` (it does, as
/// the decimal comma).
const CANDIDATES: [u8; 3] = [b';', b'\t', b','];

/// The delimiter of a file with no evidence at all, such as a single column.
pub(crate) const DEFAULT_DELIMITER: u8 = b';';

/// How many records with content are looked at.
const SAMPLE_RECORDS: usize = 50;

/// How much of the text is looked at; enough for 50 ordinary records, and it
/// bounds the work when a quote is never closed.
const SAMPLE_BYTES: usize = 256 * 1024;

/// Picks the delimiter of `text` among `;`, tab and `,`.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let sample = text
        .as_bytes()
        .get(..SAMPLE_BYTES)
        .unwrap_or(text.as_bytes());
    let mut best: Option<(u8, Score)> = None;
    for candidate in CANDIDATES {
        let Some(score) = score(sample, candidate) else {
            continue;
        };
        if best.is_none_or(|(_, best_score)| score.beats(&best_score)) {
            best = Some((candidate, score));
        }
    }
    best.map_or(DEFAULT_DELIMITER, |(delimiter, _)| delimiter)
}

/// How well a delimiter fits the sample: `matching` of `total` records have
/// the most common cell count above one, and `stray_quotes` quotes are out
/// of place.
#[derive(Debug, Clone, Copy)]
struct Score {
    matching: usize,
    total: usize,
    stray_quotes: usize,
}

impl Score {
    /// A strictly larger share of matching records wins; at an equal share,
    /// fewer stray quotes; at a tie on both, the earlier candidate stays.
    fn beats(&self, other: &Score) -> bool {
        let mine = self.matching.saturating_mul(other.total);
        let theirs = other.matching.saturating_mul(self.total);
        mine > theirs || (mine == theirs && self.stray_quotes < other.stray_quotes)
    }
}

/// Splits the sample with `delimiter`; `None` when no record has more than
/// one cell, i.e. the delimiter does not occur outside quotes.
fn score(sample: &[u8], delimiter: u8) -> Option<Score> {
    let counts = cell_counts(sample, delimiter);
    let total = counts.len();
    let mut frequency: Vec<(usize, usize)> = Vec::new();
    for count in counts.into_iter().filter(|count| *count > 1) {
        match frequency.iter_mut().find(|(seen, _)| *seen == count) {
            Some((_, times)) => *times += 1,
            None => frequency.push((count, 1)),
        }
    }
    let matching = frequency.iter().map(|(_, times)| *times).max()?;
    Some(Score {
        matching,
        total,
        stray_quotes: stray_quotes(sample, delimiter),
    })
}

/// Counts quotes that a well-formed file would not have with this
/// delimiter: a quote inside an unquoted cell, and a closing quote followed
/// by anything but the delimiter or a line end.
fn stray_quotes(sample: &[u8], delimiter: u8) -> usize {
    let mut stray = 0;
    let mut in_quotes = false;
    let mut at_cell_start = true;
    let mut index = 0;
    while let Some(&byte) = sample.get(index) {
        if in_quotes {
            if byte == b'"' {
                if sample.get(index + 1) == Some(&b'"') {
                    index += 1;
                } else {
                    in_quotes = false;
                    let next = sample.get(index + 1).copied();
                    let ends_cell =
                        matches!(next, None | Some(b'\r' | b'\n')) || next == Some(delimiter);
                    stray += usize::from(!ends_cell);
                }
            }
        } else if byte == b'"' {
            stray += usize::from(!at_cell_start);
            in_quotes = at_cell_start;
            at_cell_start = false;
        } else {
            at_cell_start = matches!(byte, b'\r' | b'\n') || byte == delimiter;
        }
        index += 1;
    }
    stray
}

/// The number of cells of the first records with content (records whose
/// cells are all blank are skipped, as reading skips them).
fn cell_counts(sample: &[u8], delimiter: u8) -> Vec<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(sample);
    let mut counts = Vec::with_capacity(SAMPLE_RECORDS);
    let mut record = csv::ByteRecord::new();
    while counts.len() < SAMPLE_RECORDS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) | Err(_) => break,
        }
        if record.iter().any(|cell| !cell.trim_ascii().is_empty()) {
            counts.push(record.len());
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_wins_over_decimal_comma() {
        assert_eq!(detect_delimiter("Namn;Belopp\nAnna;12,50\n"), b';');
        assert_eq!(
            detect_delimiter("Namn;Belopp\nAnna;12,50\nBo;1 234,00\nCia;3,10\n"),
            b';'
        );
    }

    #[test]
    fn comma_and_tab_files() {
        assert_eq!(detect_delimiter("name,city\nAnna,Umeå\nBo,Luleå\n"), b',');
        assert_eq!(detect_delimiter("Namn\tOrt\nAnna\tUmeå; centrum\n"), b'\t');
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        let text = "Namn,Anteckning\nAnna,\"ring; efter lunch; gärna\"\nBo,\"a;b;c\"\n";
        assert_eq!(
            detect_delimiter(text),
            b',',
            "the ';' are all inside quotes"
        );
    }

    #[test]
    fn ties_prefer_semicolon() {
        assert_eq!(detect_delimiter("Belopp, kr;Moms, kr\n"), b';');
    }

    #[test]
    fn no_delimiter_gives_the_default() {
        assert_eq!(detect_delimiter("Namn\nAnna\nBo\n"), DEFAULT_DELIMITER);
        assert_eq!(detect_delimiter(""), DEFAULT_DELIMITER);
    }

    #[test]
    fn stray_quotes_break_a_tie() {
        // Read with tab, the quoted cells start mid-cell and their tabs
        // split each record in two, as consistently as ';' does.
        let text = "A;\"x\ty\"\r\n1;\"p\tq\"\r\n";
        assert_eq!(stray_quotes(text.as_bytes(), b';'), 0);
        assert_eq!(stray_quotes(text.as_bytes(), b'\t'), 4);
        assert_eq!(detect_delimiter(text), b';');
        let comma = "A,\"x\ty\"\r\n1,\"p\tq\"\r\n";
        assert_eq!(
            detect_delimiter(comma),
            b',',
            "tab would win the tie by order alone"
        );
    }

    #[test]
    fn whitespace_cells_count_as_cells() {
        assert_eq!(detect_delimiter("0;1\r\nx;\"\t\"\r\nx;\r\n"), b';');
    }

    #[test]
    fn ragged_rows_still_detect() {
        let text = "A;B;C;D\n1;2;3;4\n1;2\n1;2;3;4;;;\n1;2;3;4\n";
        assert_eq!(detect_delimiter(text), b';');
    }
}
