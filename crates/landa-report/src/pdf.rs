//! PDF: A4 pages laid out here (headings, wrapped paragraphs, tables whose header repeats on
//! every page, bar charts), then drawn with krilla using the bundled DejaVu Sans, so å, ä and ö
//! print the same on every machine. Layout comes first, as a list of pages of drawing
//! operations, so every page's footer can say "page 2 of 5".

use krilla::Document as PdfDocument;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use landa_core::kinds::UiLanguage;
use landa_core::labels::pick;

use crate::RenderError;
use crate::model::{Bars, Block, Cell, Document, Table};

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 50.0;
const TOP: f32 = 56.0;
const BOTTOM: f32 = 60.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;

const INK: (u8, u8, u8) = (0x1d, 0x27, 0x33);
const QUIET: (u8, u8, u8) = (0x5b, 0x66, 0x70);
const ACCENT: (u8, u8, u8) = (0x1f, 0x5f, 0x8b);
const HEADER_FILL: (u8, u8, u8) = (0xe8, 0xee, 0xf4);
const ZEBRA: (u8, u8, u8) = (0xf6, 0xf8, 0xfa);
const GOAL_FILL: (u8, u8, u8) = (0xdd, 0xe3, 0xea);

#[derive(Debug, Clone, PartialEq)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: (u8, u8, u8),
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
}

/// Glyph advances of the two bundled faces, for measuring text.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Metrics {
    fn new() -> Result<Self, RenderError> {
        let parse = |data: &'static [u8]| {
            ttf_parser::Face::parse(data, 0).map_err(|e| RenderError::Pdf(e.to_string()))
        };
        Ok(Self {
            regular: parse(REGULAR)?,
            bold: parse(BOLD)?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let upem = f32::from(face.units_per_em());
        let units: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(upem / 2.0, f32::from)
            })
            .sum();
        units * size / upem
    }

    /// Greedy line breaking at spaces; a word wider than the line is cut between letters.
    fn wrap(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.lines() {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, bold) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size, bold) > max && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }
}

struct Layout<'a> {
    m: &'a Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more points fit on this one.
    fn room(&mut self, h: f32) -> bool {
        if self.y + h > PAGE_H - BOTTOM {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: (u8, u8, u8), text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text: text.to_owned(),
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
        self.ops().push(Op::Rect { x, y, w, h, color });
    }

    fn lines(&mut self, text: &str, size: f32, bold: bool, color: (u8, u8, u8), gap: f32) {
        let leading = size * 1.4;
        for line in self.m.wrap(text, size, bold, CONTENT_W) {
            self.room(leading);
            self.y += leading;
            self.text(MARGIN, self.y - size * 0.3, size, bold, color, &line);
        }
        self.y += gap;
    }

    fn heading(&mut self, title: &str) {
        // Keep a heading with at least a few lines of what follows.
        self.room(70.0);
        self.y += 10.0;
        self.lines(title, 13.0, true, ACCENT, 4.0);
    }

    fn table(&mut self, t: &Table, lang: UiLanguage) {
        let total: f32 = t.widths.iter().sum::<f32>().max(1.0);
        let widths: Vec<f32> = (0..t.columns.len())
            .map(|i| t.widths.get(i).copied().unwrap_or(1.0) / total * CONTENT_W)
            .collect();
        let size = 8.5;
        let leading = size * 1.35;
        let pad = 4.0;
        let row_lines = |cells: &[String], bold: bool| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| self.m.wrap(c, size, bold, w - 2.0 * pad))
                .collect()
        };
        let header: Vec<Vec<String>> = row_lines(&t.columns, true);
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * pad;
        let numeric: Vec<bool> = (0..t.columns.len())
            .map(|c| {
                t.rows
                    .iter()
                    .all(|r| matches!(r.get(c), Some(Cell::Number(_) | Cell::Empty) | None))
                    && !t.rows.is_empty()
            })
            .collect();
        let draw_header = |l: &mut Layout<'_>| {
            let y = l.y;
            l.rect(MARGIN, y, CONTENT_W, header_h, HEADER_FILL);
            let mut x = MARGIN;
            for (c, lines) in header.iter().enumerate() {
                for (i, line) in lines.iter().enumerate() {
                    let ty = y + pad + (i as f32 + 1.0) * leading - size * 0.3;
                    let tx = if numeric[c] {
                        x + widths[c] - pad - l.m.width(line, size, true)
                    } else {
                        x + pad
                    };
                    l.text(tx, ty, size, true, INK, line);
                }
                x += widths[c];
            }
            l.y += header_h;
        };
        self.room(header_h + leading + 2.0 * pad);
        draw_header(self);
        if t.rows.is_empty() {
            let empty = pick(
                lang,
                "Inget att visa för perioden.",
                "Nothing to show for the period.",
            );
            self.y += leading + pad;
            self.text(MARGIN + pad, self.y - size * 0.3, size, false, QUIET, empty);
            self.y += pad;
        }
        for (n, row) in t.rows.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| c.display(lang)).collect();
            let lines = row_lines(&cells, false);
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * leading + 2.0 * pad;
            if self.room(h) {
                draw_header(self);
            }
            if n % 2 == 1 {
                self.rect(MARGIN, self.y, CONTENT_W, h, ZEBRA);
            }
            let mut x = MARGIN;
            for (c, cell_lines) in lines.iter().enumerate() {
                for (i, line) in cell_lines.iter().enumerate() {
                    let ty = self.y + pad + (i as f32 + 1.0) * leading - size * 0.3;
                    let tx = if numeric[c] {
                        x + widths[c] - pad - self.m.width(line, size, false)
                    } else {
                        x + pad
                    };
                    self.text(tx, ty, size, false, INK, line);
                }
                x += widths[c];
            }
            self.y += h;
        }
        self.y += 12.0;
    }

    fn bars(&mut self, b: &Bars, lang: UiLanguage) {
        let size = 8.5;
        let row_h = 16.0;
        let label_w = CONTENT_W * 0.42;
        let value_w = 70.0;
        let bar_w = CONTENT_W - label_w - value_w;
        // Bars with a goal are measured against their own goal; the others against the largest.
        let max = b
            .bars
            .iter()
            .map(|b| b.value)
            .fold(0.0_f64, f64::max)
            .max(1.0);
        for bar in &b.bars {
            let (label, value, goal) = (&bar.label, &bar.value, &bar.goal);
            self.room(row_h);
            let y = self.y;
            let label_line = self.m.wrap(label, size, false, label_w - 6.0);
            self.text(MARGIN, y + 11.0, size, false, INK, &label_line[0]);
            let x = MARGIN + label_w;
            let share = match goal {
                Some(g) => {
                    self.rect(x, y + 3.0, bar_w, 10.0, GOAL_FILL);
                    (value / g.max(1.0)).min(1.0)
                }
                None => value / max,
            };
            if *value > 0.0 {
                self.rect(x, y + 3.0, (share as f32 * bar_w).max(1.0), 10.0, ACCENT);
            }
            if let (Some(mark), Some(g)) = (bar.mark, goal) {
                let at = (mark / g.max(1.0)).min(1.0) as f32 * bar_w;
                self.rect(x + at - 0.75, y + 1.0, 1.5, 14.0, INK);
            }
            let figure = match goal {
                Some(g) => format!(
                    "{} / {}",
                    crate::model::number(*value, lang),
                    crate::model::number(*g, lang)
                ),
                None => crate::model::number(*value, lang),
            };
            let fw = self.m.width(&figure, size, false);
            self.text(PAGE_W - MARGIN - fw, y + 11.0, size, false, INK, &figure);
            self.y += row_h;
        }
        self.y += 10.0;
    }
}

pub fn write(doc: &Document) -> Result<Vec<u8>, RenderError> {
    let pages = layout(doc)?;
    draw(doc, &pages)
}

fn layout(doc: &Document) -> Result<Vec<Vec<Op>>, RenderError> {
    let m = Metrics::new()?;
    let mut l = Layout {
        m: &m,
        pages: vec![Vec::new()],
        y: TOP,
    };
    l.lines(&doc.title, 20.0, true, INK, 6.0);
    for line in &doc.subtitle {
        l.lines(line, 10.0, false, QUIET, 0.0);
    }
    l.y += 8.0;
    for s in &doc.sections {
        l.heading(&s.title);
        for b in &s.blocks {
            match b {
                Block::Paragraph(t) => l.lines(t, 10.0, false, INK, 6.0),
                Block::Note(t) => l.lines(t, 8.5, false, QUIET, 4.0),
                Block::Table(t) => l.table(t, doc.lang),
                Block::Bars(b) => l.bars(b, doc.lang),
            }
        }
    }
    let total = l.pages.len();
    let footer_name = doc.title.clone();
    for (i, page) in l.pages.iter_mut().enumerate() {
        let text = format!(
            "{footer_name} · {} {} {} {total}",
            pick(doc.lang, "sida", "page"),
            i + 1,
            pick(doc.lang, "av", "of")
        );
        page.push(Op::Text {
            x: MARGIN,
            y: PAGE_H - 30.0,
            size: 8.0,
            bold: false,
            color: QUIET,
            text,
        });
    }
    Ok(l.pages)
}

fn draw(doc: &Document, pages: &[Vec<Op>]) -> Result<Vec<u8>, RenderError> {
    let bad_font = || RenderError::Pdf("the bundled font could not be read".into());
    let regular = Font::new(REGULAR.into(), 0).ok_or_else(bad_font)?;
    let bold = Font::new(BOLD.into(), 0).ok_or_else(bad_font)?;
    let mut pdf = PdfDocument::new();
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(doc.lang.code().to_owned())
            .creator("Landa".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| RenderError::Pdf("bad page size".into()))?;
    for ops in pages {
        let mut page = pdf.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Rect { x, y, w, h, color } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut pb = PathBuilder::new();
                    pb.push_rect(rect);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_path(&path);
                    }
                }
                Op::Text {
                    x,
                    y,
                    size,
                    bold: is_bold,
                    color,
                    text,
                } => {
                    surface.set_fill(Some(fill(*color)));
                    let font = if *is_bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::LeftToRight,
                    );
                }
            }
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| RenderError::Pdf(format!("{e:?}")))
}

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        ..Fill::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_within_the_width_and_keep_every_word() {
        let m = Metrics::new().unwrap();
        let text = "Hushåll som valt regionen under perioden, fördelat på kommun och evenemang";
        let lines = m.wrap(text, 10.0, false, 120.0);
        assert!(lines.len() > 1, "too long for one line: {lines:?}");
        for l in &lines {
            assert!(m.width(l, 10.0, false) <= 120.0, "{l} is too wide");
        }
        assert_eq!(lines.join(" "), text);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Whatever the text (Swedish letters, long words, odd spacing), every line fits and
        /// no letter is lost or reordered.
        #[test]
        fn wrapping_never_overflows_or_loses_letters(
            text in "[a-zåäöA-ZÅÄÖ0-9 ,.\\-]{0,300}",
            width in 40.0f32..400.0,
        ) {
            let m = Metrics::new().unwrap();
            let lines = m.wrap(&text, 9.0, false, width);
            for l in &lines {
                proptest::prop_assert!(
                    m.width(l, 9.0, false) <= width || l.chars().count() == 1,
                    "{:?} is wider than {}", l, width
                );
            }
            let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(squash(&lines.concat()), squash(&text));
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let m = Metrics::new().unwrap();
        let lines = m.wrap(&"å".repeat(80), 10.0, false, 100.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), "å".repeat(80));
    }
}
