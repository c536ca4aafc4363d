//! The access extract as a readable document: the same [`model::Document`] the funder report is
//! drawn from, so the PDF looks like Landa's other printouts. Every section is there even when
//! empty ("nothing recorded"), so the reader sees what was looked for.

use landa_core::access::AccessExtract;
use landa_core::labels::{self, pick};

use crate::model::{Block, Cell, Document, Section, Table};

fn table(columns: &[&str], widths: &[f32], rows: Vec<Vec<Cell>>) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows,
        widths: widths.to_vec(),
    })
}

fn day(at: &str) -> Cell {
    Cell::Date(at.get(..10).unwrap_or(at).to_owned())
}

fn section(title: &str, blocks: Vec<Block>, empty: &str) -> Section {
    let blocks = if blocks.is_empty() {
        vec![Block::Note(empty.to_owned())]
    } else {
        blocks
    };
    Section {
        title: title.to_owned(),
        sheet: title.chars().take(31).collect(),
        blocks,
    }
}

/// A logged value (JSON text) as a reader reads it: text without quotes, lists joined, nothing
/// as a dash.
fn readable(value: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => "–".to_owned(),
        Ok(serde_json::Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(", "),
        Ok(other) => other.to_string(),
        Err(_) => value.to_owned(),
    }
}

/// Builds the document for an extract in its language.
pub fn document(x: &AccessExtract) -> Document {
    let lang = x.language;
    let l = |sv: &'static str, en: &'static str| pick(lang, sv, en);
    let none = l("Inget registrerat.", "Nothing recorded.");
    let h = &x.household;
    let mut about = vec![
        format!("{}: {}", l("Namn", "Name"), h.name),
        format!("{}: {}", l("Steg", "Stage"), labels::stage(h.stage, lang)),
        format!(
            "{}: {}",
            l("Första kontakt", "First contact"),
            h.created_at.get(..10).unwrap_or("")
        ),
    ];
    if let Some(s) = &h.source {
        about.push(format!("{}: {s}", l("Källa", "Source")));
    }
    if !h.desired_municipalities.is_empty() {
        about.push(format!(
            "{}: {}",
            l("Kommuner", "Municipalities"),
            h.desired_municipalities.join(", ")
        ));
    }
    if !h.tags.is_empty() {
        about.push(format!("{}: {}", l("Taggar", "Tags"), h.tags.join(", ")));
    }
    if !h.interests.is_empty() {
        about.push(format!(
            "{}: {}",
            l("Intressen", "Interests"),
            h.interests.join(", ")
        ));
    }
    if let Some(o) = &h.owner {
        about.push(format!("{}: {}", l("Ansvarig", "Owner"), o.name));
    }
    if let Some(n) = h.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        about.push(format!("{}: {n}", l("Anteckningar", "Notes")));
    }
    let mut sections = vec![Section {
        title: l("Hushållet", "The household").to_owned(),
        sheet: l("Hushållet", "Household").to_owned(),
        blocks: about.into_iter().map(Block::Paragraph).collect(),
    }];

    let people: Vec<Vec<Cell>> = h
        .members
        .iter()
        .map(|m| {
            vec![
                Cell::text(
                    format!(
                        "{} {}",
                        m.first_name,
                        m.last_name.clone().unwrap_or_default()
                    )
                    .trim(),
                ),
                Cell::text(labels::member_role(m.role, lang)),
                m.birth_year
                    .map_or(Cell::Empty, |y| Cell::text(y.to_string())),
                Cell::text(m.emails.join(", ")),
                Cell::text(m.phones.join(", ")),
                Cell::text(m.languages.join(", ")),
                Cell::opt_text(m.profession.as_deref()),
            ]
        })
        .collect();
    sections.push(section(
        l("Personer", "People"),
        if people.is_empty() {
            vec![]
        } else {
            vec![table(
                &[
                    l("Namn", "Name"),
                    l("Roll", "Role"),
                    l("Född", "Born"),
                    l("E-post", "Email"),
                    l("Telefon", "Phone"),
                    l("Språk", "Languages"),
                    l("Yrke", "Profession"),
                ],
                &[3.0, 1.2, 1.0, 3.0, 2.2, 1.6, 1.8],
                people,
            )]
        },
        none,
    ));

    let consents: Vec<Vec<Cell>> = h
        .consents
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.person_name.clone()),
                Cell::text(labels::purpose(c.purpose, lang)),
                Cell::text(labels::basis(c.basis, lang)),
                Cell::text(labels::consent_status(c.status, lang)),
                Cell::opt_text(c.text_version.as_deref()),
                Cell::text(labels::consent_method(c.method, lang)),
                day(&c.recorded_at),
                Cell::opt_text(c.recorded_by.as_deref()),
            ]
        })
        .collect();
    let mut consent_blocks = Vec::new();
    if !consents.is_empty() {
        consent_blocks.push(table(
            &[
                l("Person", "Person"),
                l("Ändamål", "Purpose"),
                l("Grund", "Basis"),
                l("Status", "Status"),
                l("Text", "Text"),
                l("Hur", "How"),
                l("Datum", "Date"),
                l("Av", "By"),
            ],
            &[2.4, 2.2, 2.0, 1.3, 1.1, 1.2, 1.5, 1.8],
            consents,
        ));
        for t in &x.consent_texts {
            consent_blocks.push(Block::Note(format!(
                "{} ({}): {}",
                t.version, t.purpose, t.text
            )));
        }
    }
    sections.push(section(
        l(
            "Samtycken och rättsliga grunder",
            "Consents and lawful bases",
        ),
        consent_blocks,
        none,
    ));

    let timeline: Vec<Vec<Cell>> = h
        .timeline
        .iter()
        .map(|i| {
            vec![
                day(&i.occurred_at),
                Cell::text(labels::interaction_kind(i.kind, lang)),
                Cell::text(i.summary.clone()),
                Cell::opt_text(i.created_by.as_deref()),
            ]
        })
        .collect();
    sections.push(section(
        l("Tidslinje", "Timeline"),
        if timeline.is_empty() {
            vec![]
        } else {
            vec![table(
                &[
                    l("Datum", "Date"),
                    l("Typ", "Kind"),
                    l("Vad", "What"),
                    l("Av", "By"),
                ],
                &[1.5, 1.6, 7.0, 2.0],
                timeline,
            )]
        },
        none,
    ));

    let stages: Vec<Vec<Cell>> = h
        .stage_history
        .iter()
        .map(|s| {
            vec![
                day(&s.changed_at),
                s.from_stage
                    .map_or(Cell::Empty, |f| Cell::text(labels::stage(f, lang))),
                Cell::text(labels::stage(s.to_stage, lang)),
                Cell::opt_text(s.reason.as_deref()),
                Cell::opt_text(s.changed_by.as_deref()),
            ]
        })
        .collect();
    sections.push(section(
        l("Steg", "Stages"),
        if stages.is_empty() {
            vec![]
        } else {
            vec![table(
                &[
                    l("Datum", "Date"),
                    l("Från", "From"),
                    l("Till", "To"),
                    l("Anledning", "Reason"),
                    l("Av", "By"),
                ],
                &[1.5, 2.5, 2.5, 3.5, 2.0],
                stages,
            )]
        },
        none,
    ));

    let referrals: Vec<Vec<Cell>> = x
        .referrals
        .iter()
        .map(|r| {
            vec![
                Cell::text(r.person.name.clone()),
                Cell::text(r.organisation.name.clone()),
                Cell::opt_text(r.opening.as_ref().map(|o| o.name.as_str())),
                Cell::text(labels::referral_status(r.status, lang)),
                day(&r.status_on),
            ]
        })
        .collect();
    sections.push(section(
        l("Hänvisningar till jobb", "Job referrals"),
        if referrals.is_empty() {
            vec![]
        } else {
            vec![table(
                &[
                    l("Person", "Person"),
                    l("Arbetsgivare", "Employer"),
                    l("Tjänst", "Opening"),
                    l("Status", "Status"),
                    l("Sedan", "Since"),
                ],
                &[2.5, 3.0, 3.0, 1.8, 1.5],
                referrals,
            )]
        },
        none,
    ));

    let matches: Vec<Vec<Cell>> = x
        .host_matches
        .iter()
        .map(|m| {
            vec![
                Cell::text(m.host.name.clone()),
                Cell::text(labels::match_status(m.status, lang)),
                day(&m.proposed_on),
                m.ended_on.as_deref().map_or(Cell::Empty, day),
            ]
        })
        .collect();
    sections.push(section(
        l("Värdar", "Hosts"),
        if matches.is_empty() {
            vec![]
        } else {
            vec![table(
                &[
                    l("Värd", "Host"),
                    l("Status", "Status"),
                    l("Föreslagen", "Proposed"),
                    l("Avslutad", "Ended"),
                ],
                &[4.0, 2.0, 2.0, 2.0],
                matches,
            )]
        },
        none,
    ));

    let history: Vec<Vec<Cell>> = x
        .history
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.at.get(..16).unwrap_or(&c.at).replace('T', " ")),
                Cell::opt_text(c.user_name.as_deref()),
                Cell::text(c.entity.clone()),
                Cell::text(c.field.clone()),
                Cell::text(readable(&c.value)),
            ]
        })
        .collect();
    sections.push(section(
        l("Ändringshistorik", "Change history"),
        if history.is_empty() {
            vec![]
        } else {
            vec![
                Block::Note(
                    l(
                        "Varje värde som sparats om hushållet, när och av vem, äldst först.",
                        "Every value saved about the household, when and by whom, oldest first.",
                    )
                    .to_owned(),
                ),
                table(
                    &[
                        l("När", "When"),
                        l("Av", "By"),
                        l("Post", "Record"),
                        l("Fält", "Field"),
                        l("Värde", "Value"),
                    ],
                    &[2.2, 2.0, 1.8, 2.0, 5.0],
                    history,
                ),
            ]
        },
        none,
    ));

    let erasures: Vec<Vec<Cell>> = x
        .erasure_requests
        .iter()
        .map(|e| {
            vec![
                Cell::Date(e.requested_on.clone()),
                Cell::text(e.outcome.clone()),
                Cell::text(e.reason.clone()),
            ]
        })
        .collect();
    sections.push(section(
        l("Begäranden om radering", "Erasure requests"),
        if erasures.is_empty() {
            vec![]
        } else {
            vec![table(
                &[
                    l("Kom in", "Received"),
                    l("Utfall", "Outcome"),
                    l("Skäl", "Reason"),
                ],
                &[1.5, 1.5, 7.0],
                erasures,
            )]
        },
        none,
    ));

    Document {
        lang,
        title: format!("{}: {}", l("Registerutdrag", "Access extract"), h.name),
        subtitle: vec![
            format!(
                "{} {} {}",
                l("Framtaget", "Produced"),
                x.generated_at.get(..10).unwrap_or(""),
                x.generated_by
                    .as_deref()
                    .map(|n| format!("{} {n}", l("av", "by")))
                    .unwrap_or_default()
            ),
            l(
                "Allt Landa har om hushållet och dess personer.",
                "Everything Landa holds about the household and its people.",
            )
            .to_owned(),
        ],
        sections,
    }
}

/// The extract as a PDF.
pub fn pdf(x: &AccessExtract) -> Result<Vec<u8>, crate::RenderError> {
    crate::pdf::write(&document(x))
}

/// The extract as pretty-printed JSON.
pub fn json(x: &AccessExtract) -> Result<Vec<u8>, crate::RenderError> {
    serde_json::to_vec_pretty(x).map_err(|e| crate::RenderError::Pdf(e.to_string()))
}

/// Both files' name, without extension: the household's name and the day, readable by any
/// file system, marked unencrypted.
pub fn file_stem(x: &AccessExtract) -> String {
    let plain = pick(x.language, "okrypterad", "unencrypted");
    let word = pick(x.language, "registerutdrag", "access-extract");
    landa_core::files::slug(
        &format!(
            "{word} {} {} {plain}",
            x.household.name,
            x.generated_at.get(..10).unwrap_or("")
        ),
        word,
    )
}
