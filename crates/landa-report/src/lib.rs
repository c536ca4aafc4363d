//! Landa's funder report as files: XLSX (one sheet per section), CSV (one long table that a
//! spreadsheet cannot run as formulas) and PDF (A4, print-ready), in Swedish or English.
//! Everything is drawn from one [`model::Document`], so the formats never disagree.

pub mod csv_out;
pub mod extract;
pub mod model;
pub mod pdf;
pub mod xlsx;

use landa_core::kinds::UiLanguage;
use landa_core::reports::ReportView;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Xlsx,
    Csv,
    Pdf,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Csv => "csv",
            ReportFormat::Pdf => "pdf",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the spreadsheet could not be written: {0}")]
    Xlsx(String),
    #[error("the CSV file could not be written: {0}")]
    Csv(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

/// The report as the bytes of a file in `format`.
pub fn render(
    view: &ReportView,
    format: ReportFormat,
    lang: UiLanguage,
) -> Result<Vec<u8>, RenderError> {
    let doc = model::document(view, lang);
    match format {
        ReportFormat::Xlsx => xlsx::write(&doc),
        ReportFormat::Csv => csv_out::write(&doc),
        ReportFormat::Pdf => pdf::write(&doc),
    }
}

/// A file name for the report: its title and period, in letters a file system accepts.
pub fn file_stem(view: &ReportView) -> String {
    landa_core::files::slug(
        &format!("{} {}", view.summary.title, view.summary.to),
        "report",
    )
}
