//! XLSX: one sheet per section, bold headers with a light fill, real numbers and dates, and
//! column widths to fit. Text is always written as text, so nothing in it runs as a formula.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::RenderError;
use crate::model::{Block, Cell, Document};

/// Widest column, in Excel's character units.
const MAX_WIDTH: f64 = 60.0;
/// Paper size 9 is A4.
const A4: u8 = 9;

struct Formats {
    title: Format,
    note: Format,
    header: Format,
    text: Format,
    paragraph: Format,
    number: Format,
    decimal: Format,
    date: Format,
}

pub fn write(doc: &Document) -> Result<Vec<u8>, RenderError> {
    build(doc).map_err(|e| RenderError::Xlsx(e.to_string()))
}

fn build(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let f = Formats {
        title: Format::new().set_bold().set_font_size(14),
        note: Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x55_5555)),
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xE8_EEF4))
            .set_border_bottom(FormatBorder::Thin)
            .set_text_wrap(),
        text: Format::new(),
        paragraph: Format::new().set_text_wrap(),
        number: Format::new().set_num_format("0"),
        decimal: Format::new().set_num_format("0.0"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let mut book = Workbook::new();
    let mut used: Vec<String> = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(unique_sheet_name(&s.sheet, &mut used))?;
        sheet.set_paper_size(A4);
        let mut widths: Vec<f64> = Vec::new();
        let mut row: u32 = 0;
        sheet.write_string_with_format(row, 0, &s.title, &f.title)?;
        row += 1;
        if i == 0 {
            // The first sheet also says what report this is.
            sheet.write_string_with_format(row, 0, &doc.title, &f.note)?;
            row += 1;
            for line in &doc.subtitle {
                sheet.write_string_with_format(row, 0, line, &f.note)?;
                row += 1;
            }
        }
        row += 1;
        for b in &s.blocks {
            match b {
                Block::Paragraph(t) => {
                    sheet.write_string_with_format(row, 0, t, &f.paragraph)?;
                    widen(&mut widths, 0, MAX_WIDTH);
                    row += 2;
                }
                Block::Note(t) => {
                    sheet.write_string_with_format(row, 0, t, &f.note)?;
                    row += 2;
                }
                Block::Table(t) => {
                    for (c, title) in t.columns.iter().enumerate() {
                        let c16 = col(c);
                        sheet.write_string_with_format(row, c16, title, &f.header)?;
                        widen(&mut widths, c, title.chars().count() as f64 + 2.0);
                    }
                    if row <= 3 {
                        sheet.set_freeze_panes(row + 1, 0)?;
                    }
                    row += 1;
                    for r in &t.rows {
                        for (c, cell) in r.iter().enumerate() {
                            write_cell(sheet, row, col(c), cell, &f)?;
                            let w = match cell {
                                Cell::Text(s) => s.chars().count() as f64 + 2.0,
                                Cell::Date(_) => 12.0,
                                Cell::Number(_) => 8.0,
                                Cell::Empty => 0.0,
                            };
                            widen(&mut widths, c, w);
                        }
                        row += 1;
                    }
                    row += 1;
                }
                Block::Bars(bars) => {
                    // The values as a small table; charts are for the PDF and the app.
                    for bar in &bars.bars {
                        sheet.write_string_with_format(row, 0, &bar.label, &f.text)?;
                        sheet.write_number_with_format(row, 1, bar.value, &f.number)?;
                        if let Some(g) = bar.goal {
                            sheet.write_number_with_format(row, 2, g, &f.number)?;
                        }
                        widen(&mut widths, 0, bar.label.chars().count() as f64 + 2.0);
                        row += 1;
                    }
                    row += 1;
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(col(c), w.min(MAX_WIDTH))?;
        }
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn widen(widths: &mut Vec<f64>, c: usize, w: f64) {
    if widths.len() <= c {
        widths.resize(c + 1, 8.0);
    }
    widths[c] = widths[c].max(w);
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    c: u16,
    cell: &Cell,
    f: &Formats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => {
            sheet.write_string_with_format(row, c, s, &f.text)?;
        }
        Cell::Number(n) => {
            let fmt = if n.fract() == 0.0 {
                &f.number
            } else {
                &f.decimal
            };
            sheet.write_number_with_format(row, c, *n, fmt)?;
        }
        Cell::Date(d) => match ExcelDateTime::parse_from_str(d) {
            Ok(dt) => {
                sheet.write_datetime_with_format(row, c, &dt, &f.date)?;
            }
            Err(_) => {
                sheet.write_string_with_format(row, c, d, &f.text)?;
            }
        },
        Cell::Empty => {}
    }
    Ok(())
}

/// Excel's rules: at most 31 characters, none of `[]:*?/\`, unique without regard to case.
fn unique_sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(28)
        .collect();
    let clean = if clean.trim().is_empty() {
        "Sheet".to_owned()
    } else {
        clean
    };
    let mut name = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} {n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_follow_excels_rules() {
        let mut used = Vec::new();
        assert_eq!(
            unique_sheet_name("Mål/utfall: [2026]", &mut used),
            "Mål-utfall- -2026-"
        );
        assert_eq!(unique_sheet_name("Text", &mut used), "Text");
        assert_eq!(unique_sheet_name("text", &mut used), "text 2");
        let long = unique_sheet_name(&"x".repeat(40), &mut used);
        assert!(long.chars().count() <= 31);
    }
}
