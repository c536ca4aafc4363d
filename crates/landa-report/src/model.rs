//! The report as a document: sections of text, tables and bar charts, in one language. The
//! three formats are drawn from this one model, so they always say the same thing.

use landa_core::indicators::ReportData;
use landa_core::kinds::UiLanguage;
use landa_core::labels::{self, pick};
use landa_core::reports::ReportView;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// `YYYY-MM-DD`
    Date(String),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }
    pub fn count(n: u32) -> Self {
        Cell::Number(f64::from(n))
    }
    pub fn opt_count(n: Option<u32>) -> Self {
        n.map_or(Cell::Empty, Cell::count)
    }
    pub fn opt_text(s: Option<&str>) -> Self {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_owned()))
    }

    /// How the cell reads in CSV and PDF (numbers in the language's style).
    pub fn display(&self, lang: UiLanguage) -> String {
        match self {
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Number(n) => number(*n, lang),
            Cell::Empty => String::new(),
        }
    }
}

/// Whole numbers as they are; others with one decimal and the language's decimal sign.
pub fn number(n: f64, lang: UiLanguage) -> String {
    if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        let s = format!("{n:.1}");
        match lang {
            UiLanguage::Sv => s.replace('.', ","),
            UiLanguage::En => s,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Relative widths for the PDF; the first column is the widest.
    pub widths: Vec<f32>,
}

/// One bar: a label, a value, optionally a goal the bar is measured against and a mark
/// (where the value should be by now).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub goal: Option<f64>,
    pub mark: Option<f64>,
}

/// Horizontal bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A short line in a quieter style.
    Note(String),
    Table(Table),
    Bars(Bars),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    /// The XLSX sheet's name (at most 31 characters, no `[]:*?/\`).
    pub sheet: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub lang: UiLanguage,
    pub title: String,
    /// Project, funder, period and status, one line each.
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
}

fn table(columns: &[&str], widths: &[f32], rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows,
        widths: widths.to_vec(),
    })
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn percent(part: u32, whole: u32) -> Cell {
    if whole == 0 {
        Cell::Empty
    } else {
        Cell::Number((f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
    }
}

/// Builds the document for a report in a language.
pub fn document(view: &ReportView, lang: UiLanguage) -> Document {
    let l = |sv: &'static str, en: &'static str| pick(lang, sv, en);
    let d: &ReportData = &view.data;
    let s = &view.summary;
    let mut subtitle = vec![format!("{}: {}", l("Projekt", "Project"), d.project.name)];
    if let Some(f) = &d.project.funder {
        subtitle.push(format!("{}: {f}", l("Finansiär", "Funder")));
    }
    subtitle.push(format!("{}: {} – {}", l("Period", "Period"), d.from, d.to));
    subtitle.push(match (&s.submitted_on, &s.submitted_by) {
        (Some(on), Some(by)) => format!(
            "{} {on} {} {}",
            l("Inskickad", "Submitted"),
            l("av", "by"),
            by.name
        ),
        (Some(on), None) => format!("{} {on}", l("Inskickad", "Submitted")),
        _ => l(
            "Utkast: siffrorna räknas om tills rapporten skickas in",
            "Draft: the figures are recomputed until the report is submitted",
        )
        .to_owned(),
    });

    let mut sections = Vec::new();

    // Indicators and targets.
    let rows = d
        .indicators
        .iter()
        .map(|i| {
            vec![
                Cell::text(labels::indicator(i.indicator, lang)),
                Cell::count(i.value),
                Cell::count(i.project_to_date),
                Cell::opt_count(i.progress.map(|p| p.target)),
                Cell::opt_count(i.progress.and_then(|p| p.expected)),
                i.progress.map_or(Cell::Empty, |p| {
                    Cell::text(labels::target_status(p.status, lang))
                }),
            ]
        })
        .collect();
    let mut blocks = vec![
        Block::Note(format!(
            "{} {}.",
            l(
                "Projektet hittills räknas från projektets start till",
                "Project to date counts from the project's start to"
            ),
            d.measured_on
        )),
        table(
            &[
                l("Indikator", "Indicator"),
                l("Perioden", "Period"),
                l("Projektet hittills", "Project to date"),
                l("Mål", "Target"),
                l("Förväntat nu", "Expected by now"),
                l("Status", "Status"),
            ],
            &[3.0, 1.0, 1.2, 0.9, 1.3, 1.2],
            rows,
        ),
    ];
    let goals: Vec<Bar> = d
        .indicators
        .iter()
        .filter_map(|i| {
            let p = i.progress?;
            Some(Bar {
                label: labels::indicator(i.indicator, lang).to_owned(),
                value: f64::from(i.project_to_date),
                goal: Some(f64::from(p.target)),
                mark: p.expected.map(f64::from),
            })
        })
        .collect();
    if !goals.is_empty() {
        blocks.push(Block::Note(
            l(
                "Måluppfyllelse hittills; strecket visar var projektet borde vara med den tid som gått:",
                "Progress toward the targets; the mark shows where the project should be by now:",
            )
            .to_owned(),
        ));
        blocks.push(Block::Bars(Bars { bars: goals }));
    }
    sections.push(Section {
        title: l("Indikatorer och mål", "Indicators and targets").to_owned(),
        sheet: l("Indikatorer", "Indicators").to_owned(),
        blocks,
    });

    // The coordinator's summary.
    let texts = &view.sections;
    let text_section = |title: &str, sheet: &str, text: &str| Section {
        title: title.to_owned(),
        sheet: sheet.to_owned(),
        blocks: if text.trim().is_empty() {
            vec![Block::Note(l("(Ingen text.)", "(No text.)").to_owned())]
        } else {
            text.split("\n\n")
                .map(|p| Block::Paragraph(p.trim().to_owned()))
                .filter(|b| *b != Block::Paragraph(String::new()))
                .collect()
        },
    };
    sections.push(text_section(
        l("Sammanfattning", "Summary"),
        l("Sammanfattning", "Summary"),
        &texts.summary,
    ));

    // Participating organisations, named.
    sections.push(Section {
        title: format!(
            "{} ({})",
            l("Deltagande organisationer", "Participating organisations"),
            d.participants.len()
        ),
        sheet: l("Organisationer", "Organisations").to_owned(),
        blocks: vec![table(
            &[
                l("Organisation", "Organisation"),
                l("Typ", "Kind"),
                l("Kommun", "Municipality"),
                l("Gick med", "Joined"),
                l("Lämnade", "Left"),
            ],
            &[3.0, 1.6, 1.4, 1.1, 1.1],
            d.participants
                .iter()
                .map(|p| {
                    vec![
                        Cell::text(&p.organisation.name),
                        Cell::text(labels::org_kind(p.kind, lang)),
                        Cell::opt_text(p.municipality.as_deref()),
                        Cell::Date(p.joined_on.clone()),
                        p.left_on.clone().map_or(Cell::Empty, Cell::Date),
                    ]
                })
                .collect(),
        )],
    });

    // Households that chose the region.
    let not_recorded = l("Ej angivet", "Not recorded");
    let mut blocks = vec![
        table(
            &[l("Kommun", "Municipality"), l("Hushåll", "Households")],
            &[3.0, 1.0],
            d.arrivals_by_municipality
                .iter()
                .map(|m| {
                    vec![
                        Cell::text(m.label.as_deref().unwrap_or(not_recorded)),
                        Cell::count(m.count),
                    ]
                })
                .collect(),
        ),
        table(
            &[
                l("Evenemang", "Event"),
                l("Nya leads", "Leads"),
                l("Hushåll som flyttat hit", "Households arrived"),
            ],
            &[3.0, 1.0, 1.4],
            d.by_event
                .iter()
                .map(|e| {
                    vec![
                        Cell::text(
                            e.event
                                .as_ref()
                                .map_or(l("Inget evenemang", "No event"), |e| e.name.as_str()),
                        ),
                        Cell::count(e.leads),
                        Cell::count(e.arrivals),
                    ]
                })
                .collect(),
        ),
        table(
            &[
                l("Månad", "Month"),
                l("Nya leads", "Leads"),
                l("Hushåll som flyttat hit", "Households arrived"),
            ],
            &[2.0, 1.0, 1.4],
            d.by_month
                .iter()
                .map(|m| {
                    vec![
                        Cell::text(&m.month),
                        Cell::count(m.leads),
                        Cell::count(m.arrivals),
                    ]
                })
                .collect(),
        ),
    ];
    if let Some(days) = d.median_days_to_arrival {
        blocks.push(Block::Note(format!(
            "{}: {} {}",
            l(
                "Mediantid från första kontakt till inflyttning",
                "Median time from first contact to arrival"
            ),
            number(days, lang),
            l("dagar", "days")
        )));
    }
    sections.push(Section {
        title: l(
            "Hushåll som valt regionen",
            "Households that chose the region",
        )
        .to_owned(),
        sheet: l("Hushåll", "Households").to_owned(),
        blocks,
    });

    // The funnel.
    let leads = d.funnel.first().map_or(0, |f| f.reached);
    sections.push(Section {
        title: l(
            "Från lead till inflyttning (leads i perioden)",
            "From lead to arrival (leads captured in the period)",
        )
        .to_owned(),
        sheet: l("Tratt", "Funnel").to_owned(),
        blocks: vec![table(
            &[
                l("Steg", "Stage"),
                l("Har nått steget", "Reached the stage"),
                l("Andel av leads (%)", "Share of leads (%)"),
            ],
            &[2.6, 1.4, 1.4],
            d.funnel
                .iter()
                .map(|f| {
                    vec![
                        Cell::text(labels::stage(f.stage, lang)),
                        Cell::count(f.reached),
                        percent(f.reached, leads),
                    ]
                })
                .collect(),
        )],
    });

    // Activities.
    let mut blocks: Vec<Block> = Vec::new();
    if !texts.activities.trim().is_empty() {
        blocks.extend(
            texts
                .activities
                .split("\n\n")
                .filter(|p| !p.trim().is_empty())
                .map(|p| Block::Paragraph(p.trim().to_owned())),
        );
    }
    blocks.push(Block::Note(
        l(
            "Aktiviteter per T i Floridas 4T:",
            "Activities by Florida's 4T:",
        )
        .to_owned(),
    ));
    blocks.push(Block::Bars(Bars {
        bars: d
            .activities_by_four_t
            .iter()
            .map(|t| Bar {
                label: labels::four_t(t.four_t, lang).to_owned(),
                value: f64::from(t.count),
                goal: None,
                mark: None,
            })
            .collect(),
    }));
    blocks.push(table(
        &[
            l("Typ av aktivitet", "Kind of activity"),
            l("Antal", "Number"),
        ],
        &[3.0, 1.0],
        d.activities_by_kind
            .iter()
            .filter(|k| k.count > 0)
            .map(|k| {
                vec![
                    Cell::text(labels::event_kind(k.kind, lang)),
                    Cell::count(k.count),
                ]
            })
            .collect(),
    ));
    blocks.push(table(
        &[
            l("Datum", "Date"),
            l("Aktivitet", "Activity"),
            l("Typ", "Kind"),
            l("4T", "4T"),
            l("Plats", "Place"),
            l("Deltagare", "Taking part"),
        ],
        &[1.1, 2.4, 1.4, 1.6, 1.4, 1.2],
        d.activities
            .iter()
            .map(|a| {
                let mut place = a.place.clone().unwrap_or_default();
                if a.outside_region {
                    let tag = l("utanför regionen", "outside the region");
                    place = if place.is_empty() {
                        capitalised(tag)
                    } else {
                        format!("{place} ({tag})")
                    };
                }
                vec![
                    Cell::Date(a.starts_on.clone()),
                    Cell::text(&a.event.name),
                    Cell::text(labels::event_kind(a.kind, lang)),
                    Cell::text(
                        a.four_t
                            .iter()
                            .map(|t| labels::four_t(*t, lang))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    Cell::text(place),
                    Cell::count(a.attendance),
                ]
            })
            .collect(),
    ));
    sections.push(Section {
        title: format!(
            "{} ({})",
            l("Aktiviteter", "Activities"),
            d.activities.len()
        ),
        sheet: l("Aktiviteter", "Activities").to_owned(),
        blocks,
    });

    // Employers.
    sections.push(Section {
        title: l(
            "Företag som fått tillgång till arbetskraft",
            "Companies that got access to labour",
        )
        .to_owned(),
        sheet: l("Företag", "Companies").to_owned(),
        blocks: vec![table(
            &[
                l("Arbetsgivare", "Employer"),
                l("Anställda i perioden", "Hired in the period"),
                l(
                    "Förmedlingar med steg i perioden",
                    "Referrals with a step in the period",
                ),
            ],
            &[3.0, 1.4, 1.8],
            d.employers
                .iter()
                .map(|e| {
                    vec![
                        Cell::text(&e.organisation.name),
                        Cell::count(e.hired),
                        Cell::count(e.referrals),
                    ]
                })
                .collect(),
        )],
    });

    // Hosting and retention.
    let retained = d.value(landa_domain::indicators::Indicator::HouseholdsRetained);
    let mut blocks = vec![Block::Paragraph(format!(
        "{}: {} {} {} ({} %).",
        l("Kvar efter 12 månader", "Retained at 12 months"),
        retained,
        l("av", "of"),
        d.retention_cohort,
        percent(retained, d.retention_cohort).display(lang)
    ))];
    blocks.push(table(
        &[
            l("Skäl till att flytta härifrån", "Reason for moving away"),
            l("Hushåll", "Households"),
        ],
        &[3.0, 1.0],
        d.moved_away
            .iter()
            .map(|m| {
                vec![
                    Cell::text(m.reason.map_or_else(
                        || not_recorded.to_owned(),
                        |r| capitalised(labels::moved_away_reason(r, lang)),
                    )),
                    Cell::count(m.count),
                ]
            })
            .collect(),
    ));
    sections.push(Section {
        title: l("Värdskap och kvarboende", "Hosting and retention").to_owned(),
        sheet: l("Kvarboende", "Retention").to_owned(),
        blocks,
    });

    sections.push(text_section(
        l("Resultat och effekter", "Results and effects"),
        l("Resultat", "Results"),
        &texts.results,
    ));
    sections.push(text_section(
        l("Avvikelser och nästa steg", "Deviations and next steps"),
        l("Nästa steg", "Next steps"),
        &texts.next_steps,
    ));

    if let Some(prev) = &view.since_previous {
        sections.push(Section {
            title: format!(
                "{} ({} – {})",
                l(
                    "Förändring sedan föregående rapport",
                    "Change since the previous report"
                ),
                prev.report.from,
                prev.report.to
            ),
            sheet: l("Förändring", "Change").to_owned(),
            blocks: vec![table(
                &[
                    l("Indikator", "Indicator"),
                    l("Förra rapporten, hittills", "Previous report, to date"),
                    l("Nu, hittills", "Now, to date"),
                    l("Förändring", "Change"),
                ],
                &[3.0, 1.6, 1.2, 1.1],
                prev.changes
                    .iter()
                    .map(|c| {
                        vec![
                            Cell::text(labels::indicator(c.indicator, lang)),
                            Cell::count(c.previous_to_date),
                            Cell::count(c.to_date),
                            Cell::Number(f64::from(c.to_date) - f64::from(c.previous_to_date)),
                        ]
                    })
                    .collect(),
            )],
        });
    }

    Document {
        lang,
        title: s.title.clone(),
        subtitle,
        sections,
    }
}
