//! CSV: one long table of section, row, column and value, so every section fits one file.
//! Swedish files use semicolons and a byte-order mark (what Swedish Excel expects); English
//! ones commas. Cells a spreadsheet would run as a formula are defused.

use landa_core::kinds::UiLanguage;
use landa_core::labels::pick;
use landa_domain::fair::csv_safe;

use crate::RenderError;
use crate::model::{Block, Document};

pub fn write(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let lang = doc.lang;
    let l = |sv, en| pick(lang, sv, en);
    let mut buf: Vec<u8> = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(match lang {
                UiLanguage::Sv => b';',
                UiLanguage::En => b',',
            })
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        let err = |e: csv::Error| RenderError::Csv(e.to_string());
        w.write_record([
            l("Avsnitt", "Section"),
            l("Rad", "Row"),
            l("Kolumn", "Column"),
            l("Värde", "Value"),
        ])
        .map_err(err)?;
        let mut record = |section: &str, row: &str, column: &str, value: &str| {
            w.write_record([section, row, column, value].map(csv_safe))
                .map_err(err)
        };
        record(l("Rapport", "Report"), &doc.title, "", "")?;
        for line in &doc.subtitle {
            record(l("Rapport", "Report"), line, "", "")?;
        }
        for s in &doc.sections {
            for b in &s.blocks {
                match b {
                    Block::Paragraph(t) | Block::Note(t) => record(&s.title, t, "", "")?,
                    Block::Table(t) => {
                        for row in &t.rows {
                            let label = row.first().map(|c| c.display(lang)).unwrap_or_default();
                            for (col, cell) in t.columns.iter().zip(row).skip(1) {
                                record(&s.title, &label, col, &cell.display(lang))?;
                            }
                            if t.columns.len() == 1 {
                                record(&s.title, &label, "", "")?;
                            }
                        }
                    }
                    // The bars repeat figures that the tables already give.
                    Block::Bars(_) => {}
                }
            }
        }
        w.flush().map_err(|e| RenderError::Csv(e.to_string()))?;
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Section, Table};
    use proptest::prelude::*;

    fn doc(lang: UiLanguage, cells: &[String]) -> Document {
        Document {
            lang,
            title: "T".into(),
            subtitle: vec![],
            sections: vec![Section {
                title: "S".into(),
                sheet: "S".into(),
                blocks: vec![Block::Table(Table {
                    columns: vec!["Rad".into(), "Värde".into()],
                    rows: cells
                        .iter()
                        .map(|c| vec![Cell::Text(c.clone()), Cell::Text(c.clone())])
                        .collect(),
                    widths: vec![1.0, 1.0],
                })],
            }],
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text, quotes, delimiters and line breaks included, reads back as written,
        /// except that a cell a spreadsheet would run gets a leading apostrophe.
        #[test]
        fn any_cell_reads_back_defused(cells in proptest::collection::vec(".{0,40}", 1..8), en in any::<bool>()) {
            let lang = if en { UiLanguage::En } else { UiLanguage::Sv };
            let bytes = write(&doc(lang, &cells)).unwrap();
            let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
            let mut r = csv::ReaderBuilder::new()
                .delimiter(if en { b',' } else { b';' })
                .flexible(true)
                .from_reader(text.as_bytes());
            let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
            let table: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[0] == "S").collect();
            prop_assert_eq!(table.len(), cells.len());
            for (row, cell) in table.iter().zip(&cells) {
                let safe = csv_safe(cell);
                prop_assert_eq!(&row[1], safe.as_str());
                prop_assert_eq!(&row[3], safe.as_str());
            }
        }
    }
}
