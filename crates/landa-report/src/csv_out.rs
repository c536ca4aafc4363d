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
