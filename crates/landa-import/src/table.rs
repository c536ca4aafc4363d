//! Turning rows of cells, however ragged, into a rectangular [`Table`].
//!
//! Shared by the CSV and XLSX readers so both follow the same rules: blank
//! rows are skipped, the first row with content is the header, every row
//! ends up exactly as wide as the widest, and the limits hold.

use crate::{MAX_CELLS, MAX_COLUMNS, ReadError, SourceInfo, Table};

/// Collects rows as they are read and enforces the limits while doing so, so
/// a hostile file is refused before it has been fully materialised.
#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    headers: Option<Vec<String>>,
    /// Data rows without their trailing empty cells; padded in `finish`.
    rows: Vec<Vec<String>>,
    row_numbers: Vec<usize>,
    /// Width of the table so far: the widest row or header, ignoring
    /// trailing empty cells.
    width: usize,
}

impl TableBuilder {
    /// Adds one row read from the file; `row_number` is 1-based.
    pub(crate) fn push(&mut self, cells: Vec<String>, row_number: usize) -> Result<(), ReadError> {
        if is_blank(&cells) {
            return Ok(());
        }
        let mut cells = match self.headers {
            None => header_cells(cells),
            Some(_) => cells,
        };
        let used = used_width(&cells);
        if used > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns { row: row_number });
        }
        cells.truncate(used);
        self.width = self.width.max(used);
        match self.headers {
            None => self.headers = Some(cells),
            Some(_) => {
                let rows_after = self.rows.len().saturating_add(1);
                if rows_after.saturating_mul(self.width) > MAX_CELLS {
                    return Err(ReadError::TooManyCells);
                }
                self.rows.push(cells);
                self.row_numbers.push(row_number);
            }
        }
        Ok(())
    }

    /// Pads every row to the table's width and returns the table.
    pub(crate) fn finish(self, source: SourceInfo) -> Result<Table, ReadError> {
        let mut headers = self.headers.ok_or(ReadError::NoHeader)?;
        let width = self.width;
        if self.rows.len().saturating_mul(width) > MAX_CELLS {
            return Err(ReadError::TooManyCells);
        }
        headers.resize(width, String::new());
        let rows = self
            .rows
            .into_iter()
            .map(|mut row| {
                row.resize(width, String::new());
                row
            })
            .collect();
        Ok(Table {
            headers,
            rows,
            row_numbers: self.row_numbers,
            source,
        })
    }
}

/// A row without content: every cell empty or whitespace.
fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|cell| cell.trim().is_empty())
}

/// The row's width without trailing empty cells, which carry nothing (Excel
/// pads CSV rows with `;;;` up to its used range).
fn used_width(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|cell| !cell.is_empty())
        .map_or(0, |last| last + 1)
}

/// Header cells are trimmed, and the first loses a byte-order mark that a
/// doubly encoded file may still carry.
fn header_cells(cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .enumerate()
        .map(|(index, cell)| {
            let cell = if index == 0 {
                cell.trim_start_matches('\u{FEFF}')
            } else {
                &cell
            };
            cell.trim().to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FileFormat;

    fn source() -> SourceInfo {
        SourceInfo {
            format: FileFormat::Csv,
            encoding: None,
            delimiter: None,
            sheet: None,
            sheets: Vec::new(),
        }
    }

    fn cells(values: &[&str]) -> Vec<String> {
        values.iter().map(|value| (*value).to_owned()).collect()
    }

    #[test]
    fn rows_are_padded_and_long_rows_widen_the_headers() {
        let mut builder = TableBuilder::default();
        builder.push(cells(&[" Namn ", "Ort"]), 1).expect("header");
        builder.push(cells(&["Anna"]), 2).expect("short row");
        builder
            .push(cells(&["Bo", "Umeå", "extra"]), 3)
            .expect("long row");
        let table = builder.finish(source()).expect("has a header");
        assert_eq!(
            table.headers,
            cells(&["Namn", "Ort", ""]),
            "trimmed, widened"
        );
        assert_eq!(
            table.rows,
            vec![cells(&["Anna", "", ""]), cells(&["Bo", "Umeå", "extra"])]
        );
        assert_eq!(table.row_numbers, vec![2, 3]);
    }

    #[test]
    fn blank_rows_and_trailing_empty_cells_are_dropped() {
        let mut builder = TableBuilder::default();
        builder.push(cells(&["", "  "]), 1).expect("blank row");
        builder
            .push(cells(&["Namn", "Ort", "", ""]), 2)
            .expect("header");
        builder.push(cells(&[" ", "\t"]), 3).expect("blank row");
        builder.push(cells(&["Anna", "", "", ""]), 4).expect("row");
        let table = builder.finish(source()).expect("has a header");
        assert_eq!(
            table.headers,
            cells(&["Namn", "Ort"]),
            "empty trailing columns dropped"
        );
        assert_eq!(table.rows, vec![cells(&["Anna", ""])]);
        assert_eq!(
            table.row_numbers,
            vec![4],
            "blank rows keep later numbers right"
        );
    }

    #[test]
    fn too_many_columns_names_the_row() {
        let mut builder = TableBuilder::default();
        builder.push(cells(&["Namn"]), 1).expect("header");
        let wide = vec!["x".to_owned(); MAX_COLUMNS + 1];
        assert_eq!(
            builder.push(wide, 7),
            Err(ReadError::TooManyColumns { row: 7 })
        );
    }

    #[test]
    fn no_rows_at_all_is_no_header() {
        let builder = TableBuilder::default();
        assert_eq!(builder.finish(source()), Err(ReadError::NoHeader));
    }
}
