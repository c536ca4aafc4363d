//! Reading XLSX workbooks with calamine.
//!
//! Cells are streamed with calamine's cell reader rather than loaded as a
//! `Range`: a `Range` allocates the bounding box of all cells, so one cell in
//! A1 and one in XFD1048576 would ask for billions of cells. Streaming keeps
//! only cells with content, and the limits apply as they arrive.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx, XlsxError, open_workbook_from_rs};

use crate::table::TableBuilder;
use crate::{
    FileFormat, MAX_CELLS, MAX_COLUMNS, ReadError, ReadOptions, SourceInfo, Table, zip_guard,
};

/// Excel's last date, 9999-12-31, plus one: serial numbers from here on are
/// not dates Excel can show.
const EXCEL_DATE_LIMIT: f64 = 2_958_466.0;

/// Cells with content of one sheet: sheet row → (sheet column, text), both
/// 0-based as calamine gives them.
type SheetCells = BTreeMap<u32, Vec<(u32, String)>>;

/// Reads an XLSX workbook into a table.
///
/// The archive is checked first (declared sizes, shared-string count) so
/// calamine never unpacks a zip bomb. calamine is also run under
/// `catch_unwind`: it is third-party code parsing hostile input, and an
/// arithmetic overflow inside it must become an error, not a crash.
pub(crate) fn read_xlsx(bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError> {
    zip_guard::check(bytes)?;
    catch_unwind(AssertUnwindSafe(|| read_workbook(bytes, options))).unwrap_or(Err(
        ReadError::BadXlsx {
            reason: "the reader failed on malformed content",
        },
    ))
}

fn read_workbook(bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError> {
    let mut workbook: Xlsx<Cursor<&[u8]>> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(bad_xlsx)?;
    let sheets = workbook.sheet_names();
    let (sheet, cells) = match &options.sheet {
        Some(name) => {
            if !sheets.contains(name) {
                return Err(ReadError::NoSuchSheet);
            }
            (name.clone(), read_sheet(&mut workbook, name)?)
        }
        None => first_sheet_with_content(&mut workbook, &sheets)?,
    };
    let source = SourceInfo {
        format: FileFormat::Xlsx,
        encoding: None,
        delimiter: None,
        sheet: Some(sheet),
        sheets,
    };
    build_table(cells)?.finish(source)
}

/// The first sheet with a non-blank cell. Chart sheets and other non-grid
/// sheets are skipped; if no sheet has content, the first sheet is returned
/// (empty), which the builder reports as [`ReadError::NoHeader`].
fn first_sheet_with_content(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheets: &[String],
) -> Result<(String, SheetCells), ReadError> {
    for name in sheets {
        match read_sheet(workbook, name) {
            Ok(cells) if has_content(&cells) => return Ok((name.clone(), cells)),
            Ok(_)
            | Err(ReadError::BadXlsx {
                reason: NOT_A_WORKSHEET,
            }) => {}
            Err(other) => return Err(other),
        }
    }
    let first = sheets.first().cloned().unwrap_or_default();
    Ok((first, SheetCells::new()))
}

fn has_content(cells: &SheetCells) -> bool {
    cells
        .values()
        .flatten()
        .any(|(_, text)| !text.trim().is_empty())
}

const NOT_A_WORKSHEET: &str = "a sheet is not a worksheet";

/// Streams one sheet's cells, keeping those with text.
fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<SheetCells, ReadError> {
    let mut reader = workbook.worksheet_cells_reader(name).map_err(bad_xlsx)?;
    let mut cells = SheetCells::new();
    let mut count = 0usize;
    while let Some(cell) = reader.next_cell().map_err(bad_xlsx)? {
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(ReadError::TooManyCells);
        }
        let (row, column) = cell.get_position();
        cells.entry(row).or_default().push((column, text));
    }
    Ok(cells)
}

/// Lays the sparse cells out as rows. The table starts at the leftmost
/// column with content, as calamine's own ranges do; row numbers are the
/// sheet's, so "row 17" is row 17 in Excel.
fn build_table(cells: SheetCells) -> Result<TableBuilder, ReadError> {
    let first_column = cells
        .values()
        .flatten()
        .map(|(column, _)| *column)
        .min()
        .unwrap_or(0);
    let mut builder = TableBuilder::default();
    for (row, row_cells) in cells {
        let row_number = usize::try_from(row).map_or(usize::MAX, |row| row.saturating_add(1));
        let width = row_cells
            .iter()
            .map(|(column, _)| column_offset(*column, first_column).saturating_add(1))
            .max()
            .unwrap_or(0);
        if width > MAX_COLUMNS {
            return Err(ReadError::TooManyColumns { row: row_number });
        }
        let mut values = vec![String::new(); width];
        for (column, text) in row_cells {
            if let Some(slot) = values.get_mut(column_offset(column, first_column)) {
                *slot = text;
            }
        }
        builder.push(values, row_number)?;
    }
    Ok(builder)
}

fn column_offset(column: u32, first_column: u32) -> usize {
    usize::try_from(column.saturating_sub(first_column)).unwrap_or(usize::MAX)
}

/// What a person sees in a cell, as plain text: numbers without a needless
/// ".0", dates as ISO, errors as empty (a "#N/A" is not data to import).
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(int) => int.to_string(),
        DataRef::Float(float) => format_number(*float),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::DateTime(datetime) => format_datetime(datetime),
        DataRef::DateTimeIso(text) => format_iso_datetime(text),
        DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// Formats a number as Excel shows it in a General cell: rounded to 15
/// significant digits (so 0.1+0.2 is "0.3", not "0.30000000000000004"),
/// whole numbers without decimals (phone numbers stored as numbers stay
/// digits), '.' as decimal point, and an exponent only for magnitudes no
/// one types (from 1e21, or below 1e-9).
pub(crate) fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    let magnitude = rounded.abs();
    if rounded == 0.0 {
        "0".to_owned()
    } else if !(1e-9..1e21).contains(&magnitude) {
        format!("{rounded:e}")
    } else {
        format!("{rounded}")
    }
}

/// Formats an Excel serial date: "2024-03-05", "2024-03-05 14:30" when there
/// is a time (with ":SS" when the seconds are not zero), "14:30" for a time
/// of day alone (serial below 1), and "36:00" style hours for durations.
/// Serials outside Excel's date range are shown as the plain number.
fn format_datetime(datetime: &ExcelDateTime) -> String {
    let serial = datetime.as_f64();
    if datetime.is_duration() {
        return format_duration(serial);
    }
    if !(0.0..EXCEL_DATE_LIMIT).contains(&serial) {
        return format_number(serial);
    }
    let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
    let time = clock(u32::from(hour), minute, second);
    if serial < 1.0 {
        time
    } else if hour == 0 && minute == 0 && second == 0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {time}")
    }
}

fn clock(hours: u32, minute: u8, second: u8) -> String {
    if second == 0 {
        format!("{hours:02}:{minute:02}")
    } else {
        format!("{hours:02}:{minute:02}:{second:02}")
    }
}

/// A duration in days as hours:minutes(:seconds), like Excel's `[h]:mm`.
fn format_duration(days: f64) -> String {
    const MAX_DAYS: f64 = 1e7;
    if !days.is_finite() || days.abs() >= MAX_DAYS {
        return format_number(days);
    }
    let total_seconds = (days * 86_400.0).round();
    let sign = if total_seconds < 0.0 { "-" } else { "" };
    // Bounded by MAX_DAYS above, so the value fits a u64 exactly.
    let total_seconds = total_seconds.abs() as u64;
    let hours = u32::try_from(total_seconds / 3600).unwrap_or(u32::MAX);
    let minute = u8::try_from(total_seconds / 60 % 60).unwrap_or(0);
    let second = u8::try_from(total_seconds % 60).unwrap_or(0);
    format!("{sign}{}", clock(hours, minute, second))
}

/// ISO datetimes (cells of type "d") in the same style as serial dates.
fn format_iso_datetime(text: &str) -> String {
    use chrono::{NaiveDateTime, Timelike};
    if let Ok(datetime) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
        let date = datetime.date().format("%Y-%m-%d");
        let time = datetime.time();
        let second = u8::try_from(time.second()).unwrap_or(0);
        let minute = u8::try_from(time.minute()).unwrap_or(0);
        return if time.num_seconds_from_midnight() == 0 {
            date.to_string()
        } else {
            format!("{date} {}", clock(time.hour(), minute, second))
        };
    }
    text.to_owned()
}

/// Maps calamine's errors to ours. Their messages can quote file content
/// (sheet names, cell values), so only a fixed phrase is kept.
fn bad_xlsx(error: XlsxError) -> ReadError {
    let reason = match error {
        XlsxError::Zip(_) | XlsxError::Io(_) => "the zip archive is damaged",
        XlsxError::Xml(_) | XlsxError::XmlAttr(_) | XlsxError::XmlEof(_) => "malformed XML",
        XlsxError::Password => "the workbook is password protected",
        XlsxError::NotAWorksheet(_) | XlsxError::WorksheetNotFound(_) => NOT_A_WORKSHEET,
        XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => {
            "a required part of the workbook is missing"
        }
        _ => "unexpected content",
    };
    ReadError::BadXlsx { reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_look_like_excel_shows_them() {
        let cases = [
            (46.0, "46"),
            (701_234_567.0, "701234567"),
            (12.5, "12.5"),
            (0.1 + 0.2, "0.3"),
            (-3.0, "-3"),
            (-0.0, "0"),
            (1e20, "100000000000000000000"),
            (1.5e21, "1.5e21"),
            (1e-10, "1e-10"),
            (0.000_123, "0.000123"),
            (f64::NAN, ""),
            (f64::INFINITY, ""),
        ];
        for (value, expected) in cases {
            assert_eq!(format_number(value), expected, "{value:?}");
        }
    }

    #[test]
    fn excel_serials_become_iso_dates_and_times() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        let show = |serial, kind| format_datetime(&ExcelDateTime::new(serial, kind, false));
        assert_eq!(show(45_356.0, DateTime), "2024-03-05");
        assert_eq!(show(45_356.604_166_666_67, DateTime), "2024-03-05 14:30");
        assert_eq!(show(0.5, DateTime), "12:00", "a time of day alone");
        assert_eq!(show(1.5, TimeDelta), "36:00", "durations count hours");
        assert_eq!(show(-1.0, DateTime), "-1", "no date before Excel's epoch");
        assert_eq!(show(1e300, DateTime), "1e300", "no date after 9999");
        assert_eq!(show(f64::NAN, TimeDelta), "");
    }

    #[test]
    fn iso_cells_are_shortened() {
        assert_eq!(format_iso_datetime("2024-03-05T00:00:00"), "2024-03-05");
        assert_eq!(
            format_iso_datetime("2024-03-05T14:30:00"),
            "2024-03-05 14:30"
        );
        assert_eq!(format_iso_datetime("2024-03-05"), "2024-03-05");
    }
}
