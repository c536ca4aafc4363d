//! Imports from the spreadsheets coordinators arrive with: households (one row per household,
//! up to two adults and the children's ages or birth years) and organisations.
//!
//! The steps are stateless, so the wizard can go back and forth and nothing is held between
//! calls: [`Landa::import_open`] reads the file and guesses which column is which field;
//! [`Landa::import_preview`] plans every row (create, update or skip, and why) without
//! writing; [`Landa::import_commit`] plans again and writes the plan as one transaction, the
//! *batch*. Preview and commit share [`Landa::plan_import`], so what the preview shows is what
//! the commit does. Cells the user corrected in the preview travel with the settings.
//!
//! A batch remembers the rows it wrote and the clock stamps of its transaction. Undoing it
//! reads the change log of those rows: rows created in the batch are tombstoned, fields it
//! updated go back to their previous value unless they were changed again since (those are
//! counted and kept). The undo is an ordinary write, so it is in the change log too.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use landa_domain::contact::normalise_phone;
use landa_domain::kinds::{MemberRole, OrgKind, UiLanguage};
use landa_domain::pipeline::Stage;
use landa_domain::{ValidationError, ValidationKind};
use landa_import::{ReadError, ReadOptions, Table, TextEncoding};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use specta::Type;

use crate::app::{Landa, WriteCtx, parse_list};
use crate::changes::Tx;
use crate::dto::{HouseholdInput, MemberInput, NamedRef, OrganisationInput, WarningDto};
use crate::error::{Error, Result};
use crate::households::{ValidHousehold, insert_household, write_household_update};
use crate::labels;
pub use crate::undo::UndoSummary;

/// Most rows shown in one page of the preview.
const MAX_PAGE: u32 = 500;

/// What an import creates or updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportTarget {
    Households,
    Organisations,
    ContactPersons,
    Events,
}

impl ImportTarget {
    pub fn code(self) -> &'static str {
        match self {
            ImportTarget::Households => "households",
            ImportTarget::Organisations => "organisations",
            ImportTarget::ContactPersons => "contact_persons",
            ImportTarget::Events => "events",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        [
            ImportTarget::Households,
            ImportTarget::Organisations,
            ImportTarget::ContactPersons,
            ImportTarget::Events,
        ]
        .into_iter()
        .find(|t| t.code() == code)
    }
}

/// A field a column can fill. Household rows hold up to two adults (`adult1_*`, `adult2_*`)
/// and the children as a list of birth years or ages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    HouseholdName,
    Adult1Name,
    Adult1FirstName,
    Adult1LastName,
    Adult1Email,
    Adult1Phone,
    Adult1Profession,
    Adult1BirthYear,
    Adult1Languages,
    Adult2Name,
    Adult2FirstName,
    Adult2LastName,
    Adult2Email,
    Adult2Phone,
    Adult2Profession,
    Adult2BirthYear,
    Adult2Languages,
    ChildrenBirthYears,
    ChildrenAges,
    Municipalities,
    Source,
    Tags,
    Notes,
    Interests,
    Stage,
    FirstContact,
    /// One row per person: rows with the same value here are one household.
    HouseholdKey,
    /// Whether the row's person is an adult or a child (for one row per person).
    MemberRole,
    OrganisationName,
    OrganisationKind,
    OrganisationMunicipality,
    OrganisationWebsite,
    OrganisationEmail,
    OrganisationPhone,
    OrganisationParticipating,
    OrganisationNotes,
    ContactOrganisation,
    ContactName,
    ContactRole,
    ContactTitle,
    ContactEmail,
    ContactPhone,
    ContactNotes,
    EventName,
    EventKind,
    EventStartsOn,
    EventEndsOn,
    EventPlace,
    EventCost,
    EventFourT,
    EventOutsideRegion,
    EventNotes,
}

use ImportField as F;

const HOUSEHOLD_FIELDS: &[ImportField] = &[
    F::HouseholdName,
    F::Adult1Name,
    F::Adult1FirstName,
    F::Adult1LastName,
    F::Adult1Email,
    F::Adult1Phone,
    F::Adult1Profession,
    F::Adult1BirthYear,
    F::Adult1Languages,
    F::Adult2Name,
    F::Adult2FirstName,
    F::Adult2LastName,
    F::Adult2Email,
    F::Adult2Phone,
    F::Adult2Profession,
    F::Adult2BirthYear,
    F::Adult2Languages,
    F::ChildrenBirthYears,
    F::ChildrenAges,
    F::Municipalities,
    F::Source,
    F::Tags,
    F::Notes,
    F::Interests,
    F::Stage,
    F::FirstContact,
    F::HouseholdKey,
    F::MemberRole,
];

const ORGANISATION_FIELDS: &[ImportField] = &[
    F::OrganisationName,
    F::OrganisationKind,
    F::OrganisationMunicipality,
    F::OrganisationWebsite,
    F::OrganisationEmail,
    F::OrganisationPhone,
    F::OrganisationParticipating,
    F::OrganisationNotes,
];

const CONTACT_FIELDS: &[ImportField] = &[
    F::ContactOrganisation,
    F::ContactName,
    F::ContactRole,
    F::ContactTitle,
    F::ContactEmail,
    F::ContactPhone,
    F::ContactNotes,
];

const EVENT_FIELDS: &[ImportField] = &[
    F::EventName,
    F::EventKind,
    F::EventStartsOn,
    F::EventEndsOn,
    F::EventPlace,
    F::EventCost,
    F::EventFourT,
    F::EventOutsideRegion,
    F::EventNotes,
];

/// The fields a target offers, in the order the wizard lists them.
pub fn fields(target: ImportTarget) -> &'static [ImportField] {
    match target {
        ImportTarget::Households => HOUSEHOLD_FIELDS,
        ImportTarget::Organisations => ORGANISATION_FIELDS,
        ImportTarget::ContactPersons => CONTACT_FIELDS,
        ImportTarget::Events => EVENT_FIELDS,
    }
}

/// The parts of an adult's fields, shared by adult 1 and adult 2.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Name,
    First,
    Last,
    Email,
    Phone,
    Profession,
    BirthYear,
    Languages,
}

fn adult_field(adult: usize, part: Part) -> ImportField {
    match (adult, part) {
        (0, Part::Name) => F::Adult1Name,
        (0, Part::First) => F::Adult1FirstName,
        (0, Part::Last) => F::Adult1LastName,
        (0, Part::Email) => F::Adult1Email,
        (0, Part::Phone) => F::Adult1Phone,
        (0, Part::Profession) => F::Adult1Profession,
        (0, Part::BirthYear) => F::Adult1BirthYear,
        (0, Part::Languages) => F::Adult1Languages,
        (_, Part::Name) => F::Adult2Name,
        (_, Part::First) => F::Adult2FirstName,
        (_, Part::Last) => F::Adult2LastName,
        (_, Part::Email) => F::Adult2Email,
        (_, Part::Phone) => F::Adult2Phone,
        (_, Part::Profession) => F::Adult2Profession,
        (_, Part::BirthYear) => F::Adult2BirthYear,
        (_, Part::Languages) => F::Adult2Languages,
    }
}

/// Header words per adult part, as Swedish and English spreadsheets write them (compared
/// after [`header_key`]: lower case, letters and digits only).
fn part_words(part: Part) -> &'static [&'static str] {
    match part {
        Part::Name => &[
            "namn",
            "name",
            "fulltnamn",
            "fullname",
            "kontaktperson",
            "person",
        ],
        Part::First => &[
            "fornamn",
            "förnamn",
            "firstname",
            "givenname",
            "tilltalsnamn",
        ],
        Part::Last => &["efternamn", "lastname", "surname", "familyname"],
        Part::Email => &[
            "epost",
            "epostadress",
            "email",
            "emailaddress",
            "mejl",
            "mail",
            "mailadress",
        ],
        Part::Phone => &[
            "telefon",
            "telefonnummer",
            "tel",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "phone",
            "phonenumber",
            "mobile",
            "cell",
        ],
        Part::Profession => &[
            "yrke",
            "profession",
            "occupation",
            "titel",
            "job",
            "jobtitle",
            "arbete",
        ],
        Part::BirthYear => &[
            "fodelsear",
            "födelseår",
            "birthyear",
            "yearofbirth",
            "fodd",
            "född",
        ],
        Part::Languages => &["sprak", "språk", "languages", "language"],
    }
}

const PARTS: [Part; 8] = [
    Part::Name,
    Part::First,
    Part::Last,
    Part::Email,
    Part::Phone,
    Part::Profession,
    Part::BirthYear,
    Part::Languages,
];

/// Words for the fields that are not an adult's.
fn field_words(field: ImportField) -> &'static [&'static str] {
    match field {
        F::HouseholdName => &[
            "hushall",
            "hushåll",
            "hushallsnamn",
            "hushållsnamn",
            "household",
            "householdname",
            "familj",
            "family",
            "familjenamn",
        ],
        F::ChildrenBirthYears => &[
            "barnfodelsear",
            "barnsfödelseår",
            "barnfödelseår",
            "barnensfodelsear",
            "barnensfödelseår",
            "childrenbirthyears",
            "childrensbirthyears",
            "kidsbirthyears",
        ],
        F::ChildrenAges => &[
            "barn",
            "barnensalder",
            "barnensålder",
            "barnalder",
            "barnålder",
            "aldrarbarn",
            "children",
            "childrenages",
            "childrensages",
            "kids",
            "kidsages",
        ],
        F::Municipalities => &[
            "kommun",
            "kommuner",
            "onskadkommun",
            "önskadkommun",
            "onskadekommuner",
            "önskadekommuner",
            "municipality",
            "municipalities",
            "ort",
            "destination",
        ],
        F::Source => &[
            "kalla",
            "källa",
            "source",
            "leadsource",
            "kanal",
            "channel",
            "varifran",
            "varifrån",
        ],
        F::Tags => &["taggar", "tagg", "tags", "tag", "etiketter", "labels"],
        F::Notes => &[
            "anteckningar",
            "anteckning",
            "notering",
            "noteringar",
            "kommentar",
            "kommentarer",
            "ovrigt",
            "övrigt",
            "notes",
            "note",
            "comments",
            "comment",
        ],
        F::Interests => &[
            "intressen",
            "intresse",
            "fritidsintressen",
            "interests",
            "hobbies",
        ],
        F::Stage => &["steg", "status", "fas", "stage", "phase"],
        F::HouseholdKey => &[
            "hushallsid",
            "hushållsid",
            "hushallsnummer",
            "hushållsnummer",
            "hushallsnr",
            "hushållsnr",
            "familjeid",
            "familjenummer",
            "familjenr",
            "householdid",
            "householdkey",
            "householdnumber",
            "householdno",
            "familyid",
            "familynumber",
        ],
        F::MemberRole => &[
            "roll",
            "role",
            "relation",
            "vuxenbarn",
            "vuxenellerbarn",
            "adultchild",
            "adultorchild",
            "medlemstyp",
        ],
        F::FirstContact => &[
            "forstakontakt",
            "förstakontakt",
            "datum",
            "kontaktdatum",
            "registrerad",
            "firstcontact",
            "date",
            "created",
            "registered",
        ],
        F::OrganisationName => &[
            "organisation",
            "organisationsnamn",
            "foretag",
            "företag",
            "foretagsnamn",
            "företagsnamn",
            "arbetsgivare",
            "namn",
            "name",
            "company",
            "organization",
            "organisation",
            "employer",
        ],
        F::OrganisationKind => &["typ", "sort", "kind", "type", "organisationstyp"],
        F::OrganisationMunicipality => &["kommun", "ort", "municipality", "city", "town"],
        F::OrganisationWebsite => &["webbplats", "hemsida", "webb", "url", "website", "web"],
        F::OrganisationEmail => &["epost", "epostadress", "email", "mejl", "mail"],
        F::OrganisationPhone => &["telefon", "telefonnummer", "tel", "vaxel", "växel", "phone"],
        F::OrganisationParticipating => &[
            "deltar",
            "deltagande",
            "medverkar",
            "participating",
            "partner",
        ],
        F::OrganisationNotes => &[
            "anteckningar",
            "anteckning",
            "kommentar",
            "ovrigt",
            "övrigt",
            "notes",
            "comments",
        ],
        F::ContactOrganisation => &[
            "organisation",
            "foretag",
            "företag",
            "arbetsgivare",
            "kommun",
            "company",
            "organization",
            "employer",
        ],
        F::ContactName => &[
            "namn",
            "kontaktperson",
            "kontakt",
            "name",
            "contact",
            "contactperson",
            "person",
        ],
        F::ContactRole => &["roll", "ansvar", "role", "area"],
        F::ContactTitle => &["titel", "befattning", "title", "position", "jobtitle"],
        F::ContactEmail => &["epost", "epostadress", "email", "mejl", "mail"],
        F::ContactPhone => &[
            "telefon",
            "telefonnummer",
            "tel",
            "mobil",
            "phone",
            "mobile",
        ],
        F::ContactNotes => &[
            "anteckningar",
            "anteckning",
            "kommentar",
            "ovrigt",
            "övrigt",
            "notes",
            "comments",
        ],
        F::EventName => &[
            "namn",
            "evenemang",
            "aktivitet",
            "mässa",
            "massa",
            "name",
            "event",
            "activity",
            "title",
        ],
        F::EventKind => &["typ", "sort", "kind", "type"],
        F::EventStartsOn => &[
            "datum",
            "startdatum",
            "start",
            "från",
            "fran",
            "date",
            "startdate",
            "from",
            "startson",
        ],
        F::EventEndsOn => &[
            "slutdatum",
            "slut",
            "till",
            "enddate",
            "end",
            "to",
            "endson",
        ],
        F::EventPlace => &["plats", "ort", "stad", "place", "venue", "location", "city"],
        F::EventCost => &["kostnad", "kostnadkr", "belopp", "cost", "amount"],
        F::EventFourT => &["4t", "t", "fyrat"],
        F::EventOutsideRegion => &[
            "utanförregionen",
            "utanforregionen",
            "utanför",
            "outsideregion",
            "outside",
        ],
        F::EventNotes => &[
            "anteckningar",
            "anteckning",
            "kommentar",
            "ovrigt",
            "övrigt",
            "notes",
            "comments",
        ],
        _ => &[],
    }
}

/// A header reduced to what tells it apart: lower case letters and digits, å/ä/ö kept.
pub fn header_key(header: &str) -> String {
    header
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether `key` (from [`header_key`]) names `field`.
fn names(field: ImportField, key: &str) -> bool {
    for adult in 0..2 {
        for part in PARTS {
            if adult_field(adult, part) != field {
                continue;
            }
            return part_words(part).iter().any(|w| {
                let w = *w;
                if adult == 0 {
                    key == w
                        || key == format!("{w}1")
                        || key == format!("vuxen1{w}")
                        || key == format!("{w}vuxen1")
                        || key == format!("adult1{w}")
                        || key == format!("{w}adult1")
                } else {
                    key == format!("{w}2")
                        || key == format!("vuxen2{w}")
                        || key == format!("{w}vuxen2")
                        || key == format!("adult2{w}")
                        || key == format!("{w}adult2")
                        || key == format!("partner{w}")
                        || key == format!("partners{w}")
                        || key == format!("{w}partner")
                        || key == format!("make{w}")
                        || key == format!("maka{w}")
                }
            });
        }
    }
    field_words(field).contains(&key)
}

/// Guesses a field for each header: the first header naming a field takes it.
pub fn guess_columns(target: ImportTarget, headers: &[String]) -> Vec<Option<ImportField>> {
    let mut taken = HashSet::new();
    headers
        .iter()
        .map(|h| {
            let key = header_key(h);
            let found = fields(target)
                .iter()
                .copied()
                .find(|f| !taken.contains(f) && names(*f, &key));
            if let Some(f) = found {
                taken.insert(f);
            }
            found
        })
        .collect()
}

/// How the file is to be read; blank fields mean "detect".
#[derive(Debug, Clone, Default, Serialize, Deserialize, Type)]
pub struct ReadChoice {
    pub encoding: Option<FileEncoding>,
    /// `;`, `,` or a tab.
    pub delimiter: Option<String>,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
}

/// The text encodings Landa reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FileEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl FileEncoding {
    fn to_lib(self) -> TextEncoding {
        match self {
            FileEncoding::Utf8 => TextEncoding::Utf8,
            FileEncoding::Utf8Bom => TextEncoding::Utf8Bom,
            FileEncoding::Utf16Le => TextEncoding::Utf16Le,
            FileEncoding::Utf16Be => TextEncoding::Utf16Be,
            FileEncoding::Windows1252 => TextEncoding::Windows1252,
        }
    }

    fn from_lib(e: TextEncoding) -> Self {
        match e {
            TextEncoding::Utf8 => FileEncoding::Utf8,
            TextEncoding::Utf8Bom => FileEncoding::Utf8Bom,
            TextEncoding::Utf16Le => FileEncoding::Utf16Le,
            TextEncoding::Utf16Be => FileEncoding::Utf16Be,
            TextEncoding::Windows1252 => FileEncoding::Windows1252,
        }
    }
}

/// What to do with a row that matches a record already in Landa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum OnMatch {
    /// Fill in and overwrite the mapped fields that have a value in the row.
    #[default]
    Update,
    /// Leave the existing record as it is.
    Skip,
}

/// How a row is matched with a record already in Landa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum MatchOn {
    /// The same email address or phone number.
    #[default]
    Contact,
    /// The same name (a household's name, or an organisation's).
    Name,
    /// Never: every valid row creates a record.
    Nothing,
}

/// A cell the user corrected in the preview. `index` is the data row (0 = the first row
/// under the header), `column` the column.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CellEdit {
    pub index: u32,
    pub column: u32,
    pub value: String,
}

/// Everything an import needs besides the file.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ImportSettings {
    pub target: ImportTarget,
    pub read: ReadChoice,
    /// The field each column fills, by column; `None` leaves the column out.
    pub columns: Vec<Option<ImportField>>,
    pub match_on: MatchOn,
    pub on_match: OnMatch,
    pub edits: Vec<CellEdit>,
    /// Added to every imported household, e.g. "Import mässa 2024".
    pub tags: Vec<String>,
    /// The stage of new households whose row names none; *lead captured* when blank.
    pub stage: Option<Stage>,
}

/// A file as read, with the guess of which column is which field.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportSource {
    pub file_name: String,
    pub format: String,
    pub encoding: Option<FileEncoding>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    /// The first rows, for showing the columns with examples.
    pub sample: Vec<Vec<String>>,
    pub rows: u32,
    pub guess: Vec<Option<ImportField>>,
    /// A saved preset whose headers all appear in this file, if any.
    pub preset: Option<ImportPreset>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Skip,
}

/// Why a row is skipped, besides problems in its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A cell holds something Landa cannot take: see the problems.
    Invalid,
    /// It matches a record and the choice was to leave matches alone.
    Exists,
    /// An earlier row of the file is the same household or organisation.
    RepeatsRow,
    /// Every mapped cell is empty.
    Blank,
    /// The person belongs to the household of an earlier row, and that row is skipped.
    WithRow,
}

/// A cell Landa cannot take, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RowProblem {
    /// The column, when the problem is in one.
    pub column: Option<u32>,
    pub field: String,
    pub kind: ValidationKind,
}

/// What the import does with one row.
#[derive(Debug, Clone, Serialize, Type)]
pub struct RowPlan {
    /// The data row (0 = first under the header).
    pub index: u32,
    /// The row number a spreadsheet shows.
    pub row: u32,
    pub action: RowAction,
    pub skip: Option<SkipReason>,
    /// The earlier row (as a spreadsheet shows it) this row repeats.
    pub repeats_row: Option<u32>,
    /// One row per person: the row (as a spreadsheet shows it) whose household this row's
    /// person joins. Such a row adds a member; it counts as no household of its own.
    pub joins_row: Option<u32>,
    /// The household or organisation the row is about, as it will be named.
    pub label: String,
    /// The record it matches.
    pub existing: Option<NamedRef>,
    pub problems: Vec<RowProblem>,
    pub warnings: Vec<WarningDto>,
    pub cells: Vec<String>,
}

impl RowPlan {
    /// A row whose person joins the household of an earlier row (one row per person), and is
    /// not skipped: it is counted with that household, not as one of its own.
    fn joins(&self) -> bool {
        self.joins_row.is_some() && self.skip.is_none()
    }
}

/// Which rows a preview page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PreviewFilter {
    All,
    Create,
    Update,
    Skip,
    /// Skipped for a problem, or saved with a warning.
    Flagged,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportPreview {
    pub create: u32,
    pub update: u32,
    pub skip: u32,
    /// Rows that add a person to the household of an earlier row (one row per person).
    pub joined: u32,
    /// Rows skipped for problems in their cells.
    pub invalid: u32,
    pub with_warnings: u32,
    /// Rows the filter matches; `rows` is one page of them.
    pub matching: u32,
    pub rows: Vec<RowPlan>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportBatch {
    pub id: String,
    pub target: ImportTarget,
    pub file_name: String,
    pub created_at: String,
    pub created_by: Option<String>,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub undone_at: Option<String>,
}

/// A saved mapping: which header fills which field, and the match choices.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct ImportPreset {
    pub id: String,
    pub name: String,
    pub target: ImportTarget,
    pub mapping: PresetMapping,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct PresetMapping {
    /// Header (as [`header_key`] reduces it) → field.
    pub columns: Vec<(String, ImportField)>,
    pub match_on: MatchOn,
    pub on_match: OnMatch,
}

/// A row made ready to write.
enum Ready {
    NewHousehold {
        valid: Box<ValidHousehold>,
        stage: Stage,
        first_contact: Option<NaiveDate>,
    },
    HouseholdUpdate {
        id: String,
        valid: Box<ValidHousehold>,
        existing: Vec<String>,
    },
    NewOrganisation {
        fields: Vec<(&'static str, Value)>,
    },
    OrganisationUpdate {
        id: String,
        fields: Vec<(&'static str, Value)>,
    },
    /// A contact person of an organisation that exists, or that an earlier row of this
    /// batch creates by name.
    NewContact {
        organisation: OrgRef,
        fields: Vec<(&'static str, Value)>,
    },
    ContactUpdate {
        id: String,
        organisation_id: String,
        fields: Vec<(&'static str, Value)>,
    },
    NewEvent {
        fields: Vec<(&'static str, Value)>,
    },
    EventUpdate {
        id: String,
        fields: Vec<(&'static str, Value)>,
    },
}

/// The organisation a contact person row names.
enum OrgRef {
    Existing(String),
    /// Not in Landa yet: the batch creates it once, with this name.
    New(String),
}

struct Planned {
    plan: RowPlan,
    ready: Option<Ready>,
}

/// The table with the user's corrections applied, and which column holds which field.
struct Sheet {
    table: Table,
    columns: HashMap<ImportField, usize>,
}

impl Sheet {
    fn cell(&self, index: usize, field: ImportField) -> &str {
        self.columns
            .get(&field)
            .and_then(|&c| self.table.rows[index].get(c))
            .map_or("", |s| s.trim())
    }

    fn column(&self, field: ImportField) -> Option<u32> {
        self.columns.get(&field).map(|&c| c as u32)
    }

    fn has(&self, field: ImportField) -> bool {
        self.columns.contains_key(&field)
    }
}

fn read_error(e: &ReadError) -> Error {
    let kind = match e {
        ReadError::EmptyFile | ReadError::NoHeader => ValidationKind::FileEmpty,
        ReadError::NotText | ReadError::UnsupportedFormat => ValidationKind::FileUnsupported,
        ReadError::WrongEncoding { .. } | ReadError::UnsupportedEncoding => {
            ValidationKind::FileEncoding
        }
        ReadError::NoSuchSheet => ValidationKind::UnknownValue,
        ReadError::TooLarge | ReadError::TooManyColumns { .. } | ReadError::TooManyCells => {
            ValidationKind::FileTooLarge
        }
        _ => ValidationKind::FileDamaged,
    };
    let field = match e {
        ReadError::NoSuchSheet => "sheet".to_owned(),
        _ => match e.row() {
            Some(row) => format!("file.row[{row}]"),
            None => "file".to_owned(),
        },
    };
    ValidationError::new(field, kind).into()
}

fn read_options(choice: &ReadChoice) -> Result<ReadOptions> {
    let delimiter = match choice.delimiter.as_deref() {
        None | Some("") => None,
        Some(";") => Some(b';'),
        Some(",") => Some(b','),
        Some("\t") | Some("tab") => Some(b'\t'),
        Some(_) => {
            return Err(ValidationError::new("delimiter", ValidationKind::UnknownValue).into());
        }
    };
    Ok(ReadOptions {
        encoding: choice.encoding.map(FileEncoding::to_lib),
        delimiter,
        sheet: choice.sheet.clone().filter(|s| !s.is_empty()),
    })
}

fn read_file(path: &Path, choice: &ReadChoice) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory => {
            Error::from(ValidationError::new("file", ValidationKind::NoSuchFile))
        }
        _ => Error::FileRead(e),
    })?;
    landa_import::read(&bytes, &read_options(choice)?).map_err(|e| read_error(&e))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Splits a cell holding several values ("a@x.se; b@y.se", "Umeå, Skellefteå").
fn split_list(cell: &str) -> Vec<String> {
    cell.split([',', ';', '/', '\n', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits a full name: "Lind, Anna" and "Anna Maria Lind" both give ("Anna…", "Lind").
fn split_name(full: &str) -> (String, String) {
    let full = full.trim();
    if let Some((last, first)) = full.split_once(',') {
        return (first.trim().to_owned(), last.trim().to_owned());
    }
    match full.rsplit_once(char::is_whitespace) {
        Some((first, last)) => (first.trim().to_owned(), last.trim().to_owned()),
        None => (full.to_owned(), String::new()),
    }
}

/// The whole numbers in a cell: "4 och 7 år" gives [4, 7].
fn numbers(cell: &str) -> Vec<i64> {
    cell.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty() && s.len() <= 6)
        .filter_map(|s| s.parse().ok())
        .collect()
}

/// A stage as a code or as its Swedish or English name, in any case.
fn parse_stage(cell: &str) -> Option<Stage> {
    let key = header_key(cell);
    Stage::ALL.into_iter().find(|s| {
        header_key(s.code()) == key
            || header_key(labels::stage(*s, UiLanguage::Sv)) == key
            || header_key(labels::stage(*s, UiLanguage::En)) == key
    })
}

fn parse_org_kind(cell: &str) -> Option<OrgKind> {
    let key = header_key(cell);
    OrgKind::ALL.iter().copied().find(|k| {
        header_key(k.code()) == key
            || header_key(labels::org_kind(*k, UiLanguage::Sv)) == key
            || header_key(labels::org_kind(*k, UiLanguage::En)) == key
    })
}

fn normal_email(raw: &str) -> Option<String> {
    crate::organisations::email_field(raw).map(|e| e.to_lowercase())
}

/// Which column a validation error's field came from.
fn problem_column(sheet: &Sheet, field: &str, people: &RowPeople) -> Option<u32> {
    if let Some(rest) = field.strip_prefix("members[") {
        let (index, part) = rest.split_once("].")?;
        let index: usize = index.parse().ok()?;
        // Members are the adults, then children known by name (the row's first person, one
        // row per person), then children known by year.
        let adult = match people.adult_numbers.get(index) {
            Some(&adult) => adult,
            None if index < people.adult_numbers.len() + people.named_children.len() => 0,
            None => {
                return sheet
                    .column(F::ChildrenBirthYears)
                    .or(sheet.column(F::ChildrenAges));
            }
        };
        let part = match part.split(['[', '.']).next()? {
            "first_name" => Part::First,
            "last_name" => Part::Last,
            "emails" => Part::Email,
            "phones" => Part::Phone,
            "profession" => Part::Profession,
            "birth_year" => Part::BirthYear,
            "languages" => Part::Languages,
            _ => return None,
        };
        return sheet
            .column(adult_field(adult, part))
            .or_else(|| match part {
                Part::First | Part::Last => sheet.column(adult_field(adult, Part::Name)),
                _ => None,
            });
    }
    let f = match field.split(['[', '.']).next()? {
        "name" => F::HouseholdName,
        "desired_municipalities" => F::Municipalities,
        "source" => F::Source,
        "tags" => F::Tags,
        "notes" => F::Notes,
        "interests" => F::Interests,
        "stage" => F::Stage,
        "first_contact" => F::FirstContact,
        _ => return None,
    };
    sheet.column(f)
}

fn org_problem_column(sheet: &Sheet, field: &str) -> Option<u32> {
    let f = match field {
        "name" => F::OrganisationName,
        "kind" => F::OrganisationKind,
        "municipality" => F::OrganisationMunicipality,
        "website" => F::OrganisationWebsite,
        "email" => F::OrganisationEmail,
        "phone" => F::OrganisationPhone,
        "participating" => F::OrganisationParticipating,
        "notes" => F::OrganisationNotes,
        _ => return None,
    };
    sheet.column(f)
}

/// Adds the items of `more` that `list` lacks (ignoring case), keeping the order.
fn union(list: &mut Vec<String>, more: &[String]) {
    for m in more {
        if !list.iter().any(|l| l.to_lowercase() == m.to_lowercase()) {
            list.push(m.clone());
        }
    }
}

/// The adults and children a household row describes.
struct RowPeople {
    adults: Vec<MemberInput>,
    /// Which adult of the row (0 or 1) each of `adults` is.
    adult_numbers: Vec<usize>,
    /// Children known by name: one row per person, with the role column saying "child".
    named_children: Vec<MemberInput>,
    child_years: Vec<i32>,
}

impl RowPeople {
    /// The household's members in order: adults, children by name, children by year.
    fn members(&self) -> Vec<MemberInput> {
        let mut members = self.adults.clone();
        members.extend(self.named_children.iter().cloned());
        members.extend(self.child_years.iter().map(|y| child(*y)));
        members
    }

    /// Takes in the people of another row of the same household.
    fn absorb(&mut self, other: RowPeople) {
        self.adults.extend(other.adults);
        self.adult_numbers.extend(other.adult_numbers);
        self.named_children.extend(other.named_children);
        self.child_years.extend(other.child_years);
    }
}

/// Reads a role cell: adult or child, in Swedish or English, or the relation words a family
/// list uses (make, dotter…). `None` for anything else.
fn parse_member_role(cell: &str) -> Option<MemberRole> {
    const ADULT: &[&str] = &[
        "vuxen",
        "adult",
        "forälder",
        "förälder",
        "foralder",
        "parent",
        "make",
        "maka",
        "sambo",
        "partner",
        "huvudperson",
        "huvudsökande",
        "main",
        "spouse",
        "wife",
        "husband",
        "v",
    ];
    const CHILD: &[&str] = &["barn", "child", "son", "dotter", "daughter", "kid", "b"];
    let key = cell.trim().to_lowercase();
    if ADULT.contains(&key.as_str()) {
        Some(MemberRole::Adult)
    } else if CHILD.contains(&key.as_str()) {
        Some(MemberRole::Child)
    } else {
        None
    }
}

/// One row per person: for each row, the first row of its household when that is another
/// row, and for each such first row the rows that join it. Rows with the same household key
/// (any case, trimmed) are one household; a row without a key is a household of its own.
fn household_groups(sheet: &Sheet) -> (Vec<Option<usize>>, HashMap<usize, Vec<usize>>) {
    let rows = sheet.table.rows.len();
    let mut lead_of = vec![None; rows];
    let mut followers: HashMap<usize, Vec<usize>> = HashMap::new();
    if !sheet.has(F::HouseholdKey) {
        return (lead_of, followers);
    }
    let mut first: HashMap<String, usize> = HashMap::new();
    for (i, lead) in lead_of.iter_mut().enumerate() {
        let key = sheet.cell(i, F::HouseholdKey).to_lowercase();
        if key.is_empty() {
            continue;
        }
        match first.get(&key) {
            Some(&l) => {
                *lead = Some(l);
                followers.entry(l).or_default().push(i);
            }
            None => {
                first.insert(key, i);
            }
        }
    }
    (lead_of, followers)
}

fn row_people(sheet: &Sheet, i: usize, year: i32, problems: &mut Vec<RowProblem>) -> RowPeople {
    let mut adults = Vec::new();
    let mut adult_numbers = Vec::new();
    let mut named_children = Vec::new();
    let role_cell = sheet.cell(i, F::MemberRole);
    let row_role = if role_cell.is_empty() {
        None
    } else {
        let role = parse_member_role(role_cell);
        if role.is_none() {
            problems.push(RowProblem {
                column: sheet.column(F::MemberRole),
                field: "role".into(),
                kind: ValidationKind::UnknownValue,
            });
        }
        role
    };
    for adult in 0..2 {
        let cell = |part| sheet.cell(i, adult_field(adult, part));
        let (mut first, mut last) = (cell(Part::First).to_owned(), cell(Part::Last).to_owned());
        if first.is_empty() && last.is_empty() {
            (first, last) = split_name(cell(Part::Name));
        }
        let emails = split_list(cell(Part::Email));
        let phones = split_list(cell(Part::Phone));
        let profession = cell(Part::Profession).to_owned();
        let languages = split_list(cell(Part::Languages));
        let birth = cell(Part::BirthYear);
        let birth_year = if birth.is_empty() {
            None
        } else {
            match birth.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    problems.push(RowProblem {
                        column: sheet.column(adult_field(adult, Part::BirthYear)),
                        field: format!("adult{}.birth_year", adult + 1),
                        kind: ValidationKind::ImpossibleBirthYear,
                    });
                    None
                }
            }
        };
        let anything = !first.is_empty()
            || !last.is_empty()
            || !emails.is_empty()
            || !phones.is_empty()
            || !profession.is_empty()
            || birth_year.is_some()
            || !languages.is_empty();
        if anything {
            let member = MemberInput {
                id: None,
                first_name: first,
                last_name: last,
                role: Some(MemberRole::Adult),
                birth_year,
                languages,
                profession,
                emails,
                phones,
            };
            // One row per person: the role column may say the row's person is a child.
            if adult == 0 && row_role == Some(MemberRole::Child) {
                named_children.push(MemberInput {
                    role: Some(MemberRole::Child),
                    ..member
                });
            } else {
                adults.push(member);
                adult_numbers.push(adult);
            }
        }
    }
    let mut child_years: Vec<i32> = numbers(sheet.cell(i, F::ChildrenBirthYears))
        .into_iter()
        .map(|y| y as i32)
        .collect();
    for age in numbers(sheet.cell(i, F::ChildrenAges)) {
        if age > 17 {
            problems.push(RowProblem {
                column: sheet.column(F::ChildrenAges),
                field: "children".into(),
                kind: ValidationKind::ImpossibleAge,
            });
        } else {
            child_years.push(year - age as i32);
        }
    }
    RowPeople {
        adults,
        adult_numbers,
        named_children,
        child_years,
    }
}

/// Plans a row that joins the household of row `lead_row` (as a spreadsheet shows it): its
/// person, when every cell of it is valid, and the row's plan (its action follows the
/// household's row; see the end of `plan_households`).
fn member_row(sheet: &Sheet, j: usize, year: i32, lead_row: u32) -> (RowPlan, Option<RowPeople>) {
    let mut problems = Vec::new();
    let people = row_people(sheet, j, year, &mut problems);
    let members = people.members();
    let label = members
        .first()
        .map(|m| {
            format!("{} {}", m.first_name, m.last_name)
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    let mut plan = blank_plan(sheet, j, label);
    plan.joins_row = Some(lead_row);
    for (k, m) in members.iter().enumerate() {
        let draft = crate::households::member_draft(m);
        match landa_domain::household::validate_member(&draft, &format!("members[{k}]"), year) {
            Ok((_, warnings)) => plan
                .warnings
                .extend(crate::households::warnings_dto(warnings)),
            Err(e) => problems.push(RowProblem {
                column: problem_column(sheet, &e.field, &people),
                field: e.field,
                kind: e.kind,
            }),
        }
    }
    if members.is_empty() {
        problems.push(problem(
            sheet,
            F::Adult1FirstName,
            "members",
            ValidationKind::Empty,
        ));
    }
    if problems.is_empty() {
        (plan, Some(people))
    } else {
        plan.skip = Some(SkipReason::Invalid);
        plan.problems = problems;
        (plan, None)
    }
}

fn child(year: i32) -> MemberInput {
    MemberInput {
        role: Some(MemberRole::Child),
        birth_year: Some(year),
        ..MemberInput::default()
    }
}

fn same_person(a: &MemberInput, b: &MemberInput) -> bool {
    let email = |m: &MemberInput| -> Vec<String> {
        m.emails.iter().filter_map(|e| normal_email(e)).collect()
    };
    let phone = |m: &MemberInput| -> Vec<String> {
        m.phones
            .iter()
            .filter_map(|p| normalise_phone(p, "phone").ok())
            .collect()
    };
    let (ea, eb) = (email(a), email(b));
    let (pa, pb) = (phone(a), phone(b));
    ea.iter().any(|e| eb.contains(e))
        || pa.iter().any(|p| pb.contains(p))
        || (!a.first_name.is_empty()
            && a.first_name.to_lowercase() == b.first_name.to_lowercase()
            && (a.last_name.is_empty()
                || b.last_name.is_empty()
                || a.last_name.to_lowercase() == b.last_name.to_lowercase()))
}

/// Fills `into` with the row's values for one adult: names and profession are overwritten
/// when the row has them, contacts and languages are added.
fn merge_member(into: &mut MemberInput, from: &MemberInput) {
    if !from.first_name.is_empty() {
        into.first_name = from.first_name.clone();
    }
    if !from.last_name.is_empty() {
        into.last_name = from.last_name.clone();
    }
    if !from.profession.is_empty() {
        into.profession = from.profession.clone();
    }
    if from.birth_year.is_some() {
        into.birth_year = from.birth_year;
    }
    union(&mut into.emails, &from.emails);
    union(&mut into.phones, &from.phones);
    union(&mut into.languages, &from.languages);
}

impl Landa {
    /// Reads a file and guesses its columns, for the wizard's first step.
    pub fn import_open(
        &self,
        path: &Path,
        target: ImportTarget,
        read: &ReadChoice,
    ) -> Result<ImportSource> {
        let table = read_file(path, read)?;
        let keys: HashSet<String> = table.headers.iter().map(|h| header_key(h)).collect();
        let preset = self
            .import_presets(target)?
            .into_iter()
            .find(|p| p.mapping.columns.iter().all(|(h, _)| keys.contains(h)));
        let guess = match &preset {
            Some(p) => table
                .headers
                .iter()
                .map(|h| {
                    let key = header_key(h);
                    p.mapping
                        .columns
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, f)| *f)
                })
                .collect(),
            None => guess_columns(target, &table.headers),
        };
        Ok(ImportSource {
            file_name: file_name(path),
            format: match table.source.format {
                landa_import::FileFormat::Csv => "csv".into(),
                landa_import::FileFormat::Xlsx => "xlsx".into(),
            },
            encoding: table.source.encoding.map(FileEncoding::from_lib),
            delimiter: table.source.delimiter.map(String::from),
            sheet: table.source.sheet.clone(),
            sheets: table.source.sheets.clone(),
            sample: table.rows.iter().take(5).cloned().collect(),
            rows: table.rows.len() as u32,
            headers: table.headers,
            guess,
            preset,
        })
    }

    /// Plans every row without writing, and returns the counts and one page of rows.
    pub fn import_preview(
        &self,
        path: &Path,
        settings: &ImportSettings,
        filter: PreviewFilter,
        offset: u32,
        limit: u32,
    ) -> Result<ImportPreview> {
        let planned = self.plan_import(read_file(path, &settings.read)?, settings)?;
        let mut preview = ImportPreview {
            create: 0,
            update: 0,
            skip: 0,
            joined: 0,
            invalid: 0,
            with_warnings: 0,
            matching: 0,
            rows: Vec::new(),
        };
        let limit = limit.clamp(1, MAX_PAGE) as usize;
        for p in planned {
            let plan = p.plan;
            match plan.action {
                _ if plan.joins() => preview.joined += 1,
                RowAction::Create => preview.create += 1,
                RowAction::Update => preview.update += 1,
                RowAction::Skip => preview.skip += 1,
            }
            let invalid = plan.skip == Some(SkipReason::Invalid);
            preview.invalid += u32::from(invalid);
            preview.with_warnings += u32::from(!plan.warnings.is_empty());
            let shown = match filter {
                PreviewFilter::All => true,
                // Rows that add a person to another row's household show under "all".
                PreviewFilter::Create => {
                    plan.action == RowAction::Create && plan.joins_row.is_none()
                }
                PreviewFilter::Update => {
                    plan.action == RowAction::Update && plan.joins_row.is_none()
                }
                PreviewFilter::Skip => plan.action == RowAction::Skip,
                PreviewFilter::Flagged => invalid || !plan.warnings.is_empty(),
            };
            if shown {
                if preview.matching >= offset && preview.rows.len() < limit {
                    preview.rows.push(plan);
                }
                preview.matching += 1;
            }
        }
        Ok(preview)
    }

    /// Imports the file as one batch: every planned row or none.
    pub fn import_commit(&mut self, path: &Path, settings: &ImportSettings) -> Result<ImportBatch> {
        let planned = self.plan_import(read_file(path, &settings.read)?, settings)?;
        let (mut created, mut updated, mut skipped) = (0u32, 0u32, 0u32);
        for p in &planned {
            match p.plan.action {
                // A person joining an earlier row's household is counted with that household.
                _ if p.plan.joins() => {}
                RowAction::Create => created += 1,
                RowAction::Update => updated += 1,
                RowAction::Skip => skipped += 1,
            }
        }
        if created + updated == 0 {
            return Err(ValidationError::new("file", ValidationKind::NothingToImport).into());
        }
        let owner = self.user_id.clone();
        let batch_id = self.new_id();
        let name = file_name(path);
        // A large batch touches far more pages than the usual 64 MB cache holds; spilling them
        // to the log mid-transaction made a 100,000-row import spend its time in I/O.
        let big = planned.len() > 5_000;
        if big {
            self.conn.pragma_update(None, "cache_size", -512 * 1024)?;
        }
        let written = self.write(|w, ctx| {
            let from = w.last_stamp();
            w.deferred_index = Some(Vec::new());
            let mut new_orgs = HashMap::new();
            for p in planned {
                match p.ready {
                    Some(ready) => write_ready(w, ctx, ready, owner.clone(), &mut new_orgs)?,
                    None => continue,
                }
            }
            crate::search::flush_deferred(w)?;
            let to = w.last_stamp();
            w.tx.execute(
                "INSERT INTO import_batches (id, target, file_name, created_at, created_by,
                    hlc_from, hlc_to, created, updated, skipped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    batch_id,
                    settings.target.code(),
                    name,
                    ctx.now_text(),
                    ctx.user_id,
                    from,
                    to,
                    created,
                    updated,
                    skipped
                ],
            )?;
            crate::undo::record_rows(w, &batch_id)?;
            Ok(())
        });
        if big {
            self.conn
                .pragma_update(None, "cache_size", landa_store::CACHE_SIZE_KIB)?;
        }
        written?;
        self.import_batch(&batch_id)
    }

    /// Every import on this device, newest first.
    pub fn import_batches(&self) -> Result<Vec<ImportBatch>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.target, b.file_name, b.created_at, u.name, b.created, b.updated,
                    b.skipped, b.undone_at
             FROM import_batches b LEFT JOIN users u ON u.id = b.created_by
             ORDER BY b.created_at DESC, b.id DESC",
        )?;
        let rows = stmt.query_map([], batch_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn import_batch(&self, id: &str) -> Result<ImportBatch> {
        self.conn
            .query_row(
                "SELECT b.id, b.target, b.file_name, b.created_at, u.name, b.created, b.updated,
                        b.skipped, b.undone_at
                 FROM import_batches b LEFT JOIN users u ON u.id = b.created_by
                 WHERE b.id = ?1",
                [id],
                batch_row,
            )
            .optional()?
            .ok_or(Error::not_found("import_batch"))
    }

    /// Undoes an import: what it created is removed, what it updated is set back, except
    /// fields someone changed after the import.
    pub fn undo_import(&mut self, batch_id: &str) -> Result<UndoSummary> {
        self.undo_operation(crate::undo::Operation::Import, batch_id)
    }

    /// The saved presets of a target, by name.
    pub fn import_presets(&self, target: ImportTarget) -> Result<Vec<ImportPreset>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name, target, mapping FROM import_presets WHERE target = ?1
             ORDER BY lower(name)",
        )?;
        let rows = stmt.query_map([target.code()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, t, mapping) = row?;
            let target = ImportTarget::from_code(&t)
                .ok_or_else(|| Error::Corrupt("import target".into()))?;
            let mapping = serde_json::from_str(&mapping)
                .map_err(|_| Error::Corrupt("import preset".into()))?;
            out.push(ImportPreset {
                id,
                name,
                target,
                mapping,
            });
        }
        Ok(out)
    }

    /// Saves the settings' mapping under a name (replacing a preset of that name).
    pub fn save_import_preset(
        &mut self,
        name: &str,
        headers: &[String],
        settings: &ImportSettings,
    ) -> Result<ImportPreset> {
        let name = landa_domain::household::optional_text(
            name,
            "name",
            landa_domain::household::MAX_NAME,
        )?
        .ok_or(ValidationError::new("name", ValidationKind::Empty))?;
        let columns: Vec<(String, ImportField)> = headers
            .iter()
            .zip(&settings.columns)
            .filter_map(|(h, f)| f.map(|f| (header_key(h), f)))
            .collect();
        if columns.is_empty() {
            return Err(ValidationError::new("columns", ValidationKind::Empty).into());
        }
        let mapping = PresetMapping {
            columns,
            match_on: settings.match_on,
            on_match: settings.on_match,
        };
        let json = serde_json::to_string(&mapping).map_err(|_| Error::Corrupt("preset".into()))?;
        let id = self.new_id();
        let now = self.now_text();
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM import_presets WHERE target = ?1 AND lower(name) = lower(?2)",
            params![settings.target.code(), name],
        )?;
        tx.execute(
            "INSERT INTO import_presets (id, name, target, mapping, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, name, settings.target.code(), json, now],
        )?;
        tx.commit()?;
        Ok(ImportPreset {
            id,
            name,
            target: settings.target,
            mapping,
        })
    }

    pub fn delete_import_preset(&mut self, id: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM import_presets WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::not_found("import_preset"));
        }
        Ok(())
    }

    /// Plans every row of the table: what it becomes, or why it is skipped.
    fn plan_import(&self, mut table: Table, settings: &ImportSettings) -> Result<Vec<Planned>> {
        for e in &settings.edits {
            let cell = table
                .rows
                .get_mut(e.index as usize)
                .and_then(|r| r.get_mut(e.column as usize))
                .ok_or(ValidationError::new("edits", ValidationKind::OutOfRange))?;
            *cell = e.value.clone();
        }
        // Excel writes line breaks inside a cell as CRLF; Landa keeps text with \n.
        for cell in table.rows.iter_mut().flatten() {
            if cell.contains('\r') {
                *cell = cell.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
        let mut columns = HashMap::new();
        for (c, f) in settings.columns.iter().enumerate() {
            let Some(f) = f else { continue };
            if !fields(settings.target).contains(f) {
                return Err(ValidationError::new(
                    format!("columns[{c}]"),
                    ValidationKind::UnknownValue,
                )
                .into());
            }
            if columns.insert(*f, c).is_some() {
                return Err(ValidationError::new(
                    format!("columns[{c}]"),
                    ValidationKind::AlreadyListed,
                )
                .into());
            }
        }
        let sheet = Sheet { table, columns };
        match settings.target {
            ImportTarget::Households => self.plan_households(&sheet, settings),
            ImportTarget::Organisations => self.plan_organisations(&sheet, settings),
            ImportTarget::ContactPersons => self.plan_contacts(&sheet, settings),
            ImportTarget::Events => self.plan_events(&sheet, settings),
        }
    }

    fn plan_households(&self, sheet: &Sheet, settings: &ImportSettings) -> Result<Vec<Planned>> {
        let named = [
            F::Adult1Name,
            F::Adult1FirstName,
            F::Adult1LastName,
            F::HouseholdName,
        ];
        if !named.iter().any(|f| sheet.has(*f)) {
            return Err(ValidationError::new("columns", ValidationKind::NoAdult).into());
        }
        let year = self.today().year();
        let tags = landa_domain::household::clean_list(&settings.tags, "tags")?;
        let by_name = if settings.match_on == MatchOn::Name {
            self.household_names()?
        } else {
            HashMap::new()
        };
        // Keys of the rows planned so far, so a row repeating an earlier one is caught.
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::with_capacity(sheet.table.rows.len());
        let (lead_of, followers) = household_groups(sheet);
        // One row per person: the rows that join an earlier row's household are planned with
        // that row, and placed here until the loop reaches them.
        let mut joining: HashMap<usize, RowPlan> = HashMap::new();
        for (i, lead) in lead_of.iter().enumerate() {
            if lead.is_some() {
                let plan = joining
                    .remove(&i)
                    .expect("a joining row is planned with its household's first row");
                out.push(Planned { plan, ready: None });
                continue;
            }
            let mut problems = Vec::new();
            let mut people = row_people(sheet, i, year, &mut problems);
            let mut joined_lists: Vec<usize> = Vec::new();
            for &j in followers.get(&i).map(Vec::as_slice).unwrap_or_default() {
                let (plan, person) = member_row(sheet, j, year, sheet.table.row_numbers[i] as u32);
                if let Some(person) = person {
                    people.absorb(person);
                    joined_lists.push(j);
                }
                joining.insert(j, plan);
            }
            let members = people.members();
            let mut stage = settings.stage.unwrap_or(Stage::LeadCaptured);
            let stage_cell = sheet.cell(i, F::Stage);
            if !stage_cell.is_empty() {
                match parse_stage(stage_cell) {
                    Some(s) if !s.is_closed() => stage = s,
                    _ => problems.push(RowProblem {
                        column: sheet.column(F::Stage),
                        field: "stage".into(),
                        kind: ValidationKind::UnknownValue,
                    }),
                }
            }
            let contact_cell = sheet.cell(i, F::FirstContact);
            let first_contact = if contact_cell.is_empty() {
                None
            } else {
                match landa_import::values::parse_date(contact_cell) {
                    Some(d) if d <= self.today() => Some(d),
                    _ => {
                        problems.push(RowProblem {
                            column: sheet.column(F::FirstContact),
                            field: "first_contact".into(),
                            kind: ValidationKind::InvalidDate,
                        });
                        None
                    }
                }
            };
            let mut input = HouseholdInput {
                name: sheet.cell(i, F::HouseholdName).to_owned(),
                members,
                desired_municipalities: split_list(sheet.cell(i, F::Municipalities)),
                source: sheet.cell(i, F::Source).to_owned(),
                tags: split_list(sheet.cell(i, F::Tags)),
                notes: sheet.cell(i, F::Notes).to_owned(),
                interests: split_list(sheet.cell(i, F::Interests)),
                ..HouseholdInput::default()
            };
            // The household's lists gather what its other rows add; its single values
            // (name, source, notes, stage) are the first row's.
            for &j in &joined_lists {
                union(
                    &mut input.desired_municipalities,
                    &split_list(sheet.cell(j, F::Municipalities)),
                );
                union(&mut input.tags, &split_list(sheet.cell(j, F::Tags)));
                union(
                    &mut input.interests,
                    &split_list(sheet.cell(j, F::Interests)),
                );
            }
            union(&mut input.tags, &tags);
            let mut plan = blank_plan(sheet, i, String::new());
            if row_is_blank(sheet, i) {
                plan.skip = Some(SkipReason::Blank);
                out.push(Planned { plan, ready: None });
                continue;
            }
            let valid = match self.validate_household(&input) {
                Ok(v) => Some(v),
                Err(Error::Validation(e)) => {
                    problems.push(RowProblem {
                        column: problem_column(sheet, &e.field, &people),
                        field: e.field.clone(),
                        kind: e.kind,
                    });
                    None
                }
                Err(e) => return Err(e),
            };
            plan.label = valid.as_ref().map(|v| v.name.clone()).unwrap_or_else(|| {
                input
                    .members
                    .first()
                    .map(|m| {
                        format!("{} {}", m.first_name, m.last_name)
                            .trim()
                            .to_owned()
                    })
                    .unwrap_or_default()
            });
            if !problems.is_empty() || valid.is_none() {
                plan.skip = Some(SkipReason::Invalid);
                plan.problems = problems;
                out.push(Planned { plan, ready: None });
                continue;
            }
            let valid = valid.expect("checked above");
            // Keys for matching and for catching repeated rows: the adults' contacts, as
            // validation normalised them.
            let mut keys: Vec<String> = Vec::new();
            for (_, m) in valid
                .members
                .iter()
                .filter(|(_, m)| m.role == MemberRole::Adult)
            {
                keys.extend(m.emails.iter().map(|e| e.to_lowercase()));
                keys.extend(m.phones.iter().cloned());
            }
            plan.warnings = crate::households::warnings_dto(valid.warnings.clone());
            let match_keys: Vec<String> = match settings.match_on {
                MatchOn::Contact => keys.clone(),
                MatchOn::Name => vec![format!("name:{}", valid.name.to_lowercase())],
                MatchOn::Nothing => Vec::new(),
            };
            if let Some(earlier) = first_seen(&mut seen, &match_keys, plan.row) {
                plan.skip = Some(SkipReason::RepeatsRow);
                plan.repeats_row = Some(earlier);
                out.push(Planned { plan, ready: None });
                continue;
            }
            let existing = match settings.match_on {
                MatchOn::Contact => self.household_by_contact(&keys)?,
                MatchOn::Name => by_name.get(&valid.name.to_lowercase()).cloned(),
                MatchOn::Nothing => None,
            };
            match existing {
                None => {
                    plan.action = RowAction::Create;
                    out.push(Planned {
                        plan,
                        ready: Some(Ready::NewHousehold {
                            valid: Box::new(valid),
                            stage,
                            first_contact,
                        }),
                    });
                }
                Some(found) if settings.on_match == OnMatch::Skip => {
                    plan.skip = Some(SkipReason::Exists);
                    plan.existing = Some(found);
                    out.push(Planned { plan, ready: None });
                }
                Some(found) => {
                    let (merged, existing_members) = self.merged_household(
                        &found.id,
                        &input,
                        &people,
                        settings.match_on == MatchOn::Name,
                    )?;
                    match self.validate_household(&merged) {
                        Ok(v) => {
                            plan.action = RowAction::Update;
                            plan.label = v.name.clone();
                            plan.existing = Some(found.clone());
                            out.push(Planned {
                                plan,
                                ready: Some(Ready::HouseholdUpdate {
                                    id: found.id,
                                    valid: Box::new(v),
                                    existing: existing_members,
                                }),
                            });
                        }
                        Err(Error::Validation(e)) => {
                            plan.skip = Some(SkipReason::Invalid);
                            plan.existing = Some(found);
                            plan.problems.push(RowProblem {
                                column: None,
                                field: e.field,
                                kind: e.kind,
                            });
                            out.push(Planned { plan, ready: None });
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        // A joining row follows its household's row: it adds a member when that row creates
        // or updates the household, and is skipped with it otherwise.
        let outcome: HashMap<u32, RowAction> = out
            .iter()
            .filter(|p| p.plan.joins_row.is_none())
            .map(|p| (p.plan.row, p.plan.action))
            .collect();
        for p in &mut out {
            let Some(row) = p.plan.joins_row else {
                continue;
            };
            if p.plan.skip.is_some() {
                continue;
            }
            match outcome.get(&row) {
                Some(RowAction::Create) => p.plan.action = RowAction::Create,
                Some(RowAction::Update) => p.plan.action = RowAction::Update,
                _ => p.plan.skip = Some(SkipReason::WithRow),
            }
        }
        Ok(out)
    }

    /// Live households by lower-cased name (the first of each name).
    fn household_names(&self) -> Result<HashMap<String, NamedRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM households WHERE deleted = 0 AND duplicate_of IS NULL ORDER BY created_at",
        )?;
        let mut out = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            out.entry(name.to_lowercase())
                .or_insert(NamedRef { id, name });
        }
        Ok(out)
    }

    fn household_by_contact(&self, keys: &[String]) -> Result<Option<NamedRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT h.id, h.name FROM contact_keys k JOIN households h ON h.id = k.household_id
             WHERE k.contact = ?1 AND h.deleted = 0 AND h.duplicate_of IS NULL
             ORDER BY h.created_at LIMIT 1",
        )?;
        for k in keys {
            if let Some(found) = stmt
                .query_row([k], |r| {
                    Ok(NamedRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                    })
                })
                .optional()?
            {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// The household as it is, with the row's values laid over it, and its live members.
    fn merged_household(
        &self,
        id: &str,
        row: &HouseholdInput,
        people: &RowPeople,
        by_name: bool,
    ) -> Result<(HouseholdInput, Vec<String>)> {
        let current: HouseholdInput = self.conn.query_row(
            "SELECT name, source, source_event_id, owner_id, desired_municipalities, tags, notes,
                    time_frame, interests
             FROM households WHERE id = ?1",
            [id],
            |r| {
                Ok(HouseholdInput {
                    name: r.get(0)?,
                    source: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    source_event_id: r.get(2)?,
                    owner_id: r.get(3)?,
                    desired_municipalities: parse_list(&r.get::<_, String>(4)?),
                    tags: parse_list(&r.get::<_, String>(5)?),
                    notes: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    time_frame: r
                        .get::<_, Option<String>>(7)?
                        .as_deref()
                        .and_then(landa_domain::kinds::TimeFrame::from_code),
                    interests: parse_list(&r.get::<_, String>(8)?),
                    members: Vec::new(),
                    stage: None,
                })
            },
        )?;
        let mut members: Vec<MemberInput> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, first_name, last_name, role, birth_year, languages, profession, emails, phones
                 FROM persons WHERE household_id = ?1 AND deleted = 0 ORDER BY position",
            )?;
            stmt.query_map([id], |r| {
                Ok(MemberInput {
                    id: Some(r.get(0)?),
                    first_name: r.get(1)?,
                    last_name: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    role: MemberRole::from_code(&r.get::<_, String>(3)?),
                    birth_year: r.get(4)?,
                    languages: parse_list(&r.get::<_, String>(5)?),
                    profession: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    emails: parse_list(&r.get::<_, String>(7)?),
                    phones: parse_list(&r.get::<_, String>(8)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        let existing: Vec<String> = members.iter().filter_map(|m| m.id.clone()).collect();
        for adult in &people.adults {
            let found = members
                .iter_mut()
                .find(|m| m.role == Some(MemberRole::Adult) && same_person(m, adult));
            match found {
                Some(m) => merge_member(m, adult),
                None => members.push(adult.clone()),
            }
        }
        for named in &people.named_children {
            // A child known by name: the same person, or the same birth year on a child known
            // only by year so far.
            let found = members.iter_mut().find(|m| {
                m.role == Some(MemberRole::Child)
                    && (same_person(m, named)
                        || (m.first_name.trim().is_empty()
                            && named.birth_year.is_some()
                            && m.birth_year == named.birth_year))
            });
            match found {
                Some(m) => merge_member(m, named),
                None => members.push(named.clone()),
            }
        }
        for y in &people.child_years {
            let known = members
                .iter()
                .any(|m| m.role == Some(MemberRole::Child) && m.birth_year == Some(*y));
            if !known {
                members.push(child(*y));
            }
        }
        let mut merged = HouseholdInput { members, ..current };
        // Matched by name, the name only differs in case: the one in Landa stays.
        if !row.name.is_empty() && !by_name {
            merged.name = row.name.clone();
        }
        if !row.source.is_empty() {
            merged.source = row.source.clone();
        }
        union(
            &mut merged.desired_municipalities,
            &row.desired_municipalities,
        );
        union(&mut merged.tags, &row.tags);
        union(&mut merged.interests, &row.interests);
        if !row.notes.is_empty() && !merged.notes.contains(&row.notes) {
            merged.notes = if merged.notes.is_empty() {
                row.notes.clone()
            } else {
                format!("{}\n\n{}", merged.notes, row.notes)
            };
        }
        Ok((merged, existing))
    }

    fn plan_organisations(&self, sheet: &Sheet, settings: &ImportSettings) -> Result<Vec<Planned>> {
        if !sheet.has(F::OrganisationName) {
            return Err(ValidationError::new("columns", ValidationKind::Empty).into());
        }
        let mut known: HashMap<String, NamedRef> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name, email, phone FROM organisations WHERE deleted = 0 ORDER BY created_at",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })?;
            for row in rows {
                let (id, name, email, phone) = row?;
                let r = NamedRef {
                    id,
                    name: name.clone(),
                };
                let keys = match settings.match_on {
                    MatchOn::Name => vec![format!("name:{}", name.to_lowercase())],
                    MatchOn::Contact => email
                        .iter()
                        .map(|e| e.to_lowercase())
                        .chain(phone)
                        .collect(),
                    MatchOn::Nothing => Vec::new(),
                };
                for k in keys {
                    known.entry(k).or_insert_with(|| r.clone());
                }
            }
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::new();
        for i in 0..sheet.table.rows.len() {
            let mut plan = blank_plan(sheet, i, sheet.cell(i, F::OrganisationName).to_owned());
            if row_is_blank(sheet, i) {
                plan.skip = Some(SkipReason::Blank);
                out.push(Planned { plan, ready: None });
                continue;
            }
            let mut problems = Vec::new();
            let kind_cell = sheet.cell(i, F::OrganisationKind);
            let kind = if kind_cell.is_empty() {
                None
            } else {
                let k = parse_org_kind(kind_cell);
                if k.is_none() {
                    problems.push(RowProblem {
                        column: sheet.column(F::OrganisationKind),
                        field: "kind".into(),
                        kind: ValidationKind::UnknownValue,
                    });
                }
                k
            };
            let part_cell = sheet.cell(i, F::OrganisationParticipating);
            let participating = if part_cell.is_empty() {
                false
            } else {
                landa_import::values::parse_bool(part_cell).unwrap_or_else(|| {
                    problems.push(RowProblem {
                        column: sheet.column(F::OrganisationParticipating),
                        field: "participating".into(),
                        kind: ValidationKind::UnknownValue,
                    });
                    false
                })
            };
            let email = sheet.cell(i, F::OrganisationEmail);
            if !email.is_empty() && normal_email(email).is_none() {
                problems.push(RowProblem {
                    column: sheet.column(F::OrganisationEmail),
                    field: "email".into(),
                    kind: ValidationKind::InvalidEmail,
                });
            }
            let input = OrganisationInput {
                name: sheet.cell(i, F::OrganisationName).to_owned(),
                kind,
                municipality: sheet.cell(i, F::OrganisationMunicipality).to_owned(),
                website: sheet.cell(i, F::OrganisationWebsite).to_owned(),
                email: email.to_owned(),
                phone: sheet.cell(i, F::OrganisationPhone).to_owned(),
                participating,
                participating_since: None,
                notes: sheet.cell(i, F::OrganisationNotes).to_owned(),
            };
            let fields = match self.org_fields(&input) {
                Ok(f) => Some(f),
                Err(Error::Validation(e)) => {
                    problems.push(RowProblem {
                        column: org_problem_column(sheet, &e.field),
                        field: e.field,
                        kind: e.kind,
                    });
                    None
                }
                Err(e) => return Err(e),
            };
            if !problems.is_empty() {
                plan.skip = Some(SkipReason::Invalid);
                plan.problems = problems;
                out.push(Planned { plan, ready: None });
                continue;
            }
            let fields = fields.expect("no problems");
            let keys: Vec<String> = match settings.match_on {
                MatchOn::Name => vec![format!("name:{}", input.name.trim().to_lowercase())],
                MatchOn::Contact => normal_email(&input.email)
                    .into_iter()
                    .chain(normalise_phone(&input.phone, "phone").ok())
                    .collect(),
                MatchOn::Nothing => Vec::new(),
            };
            let repeats = first_seen(&mut seen, &keys, plan.row);
            let found = keys.iter().find_map(|k| known.get(k)).cloned();
            // Only the mapped fields the row has a value for are written; matched by name, the
            // name only differs in case: the one in Landa stays.
            let by_name = settings.match_on == MatchOn::Name;
            out.push(place(
                plan,
                repeats,
                found.map(|n| (n, ())),
                settings.on_match,
                fields,
                |fields| Ready::NewOrganisation { fields },
                |found, (), mut fields| {
                    mapped_values(sheet, i, &mut fields, |f| match f {
                        "name" if !by_name => Some(F::OrganisationName),
                        "kind" => Some(F::OrganisationKind),
                        "municipality" => Some(F::OrganisationMunicipality),
                        "website" => Some(F::OrganisationWebsite),
                        "email" => Some(F::OrganisationEmail),
                        "phone" => Some(F::OrganisationPhone),
                        "participating" | "participating_since" => {
                            Some(F::OrganisationParticipating)
                        }
                        "notes" => Some(F::OrganisationNotes),
                        _ => None,
                    });
                    Ready::OrganisationUpdate {
                        id: found.id,
                        fields,
                    }
                },
            ));
        }
        Ok(out)
    }
}

/// A contact role as a code or a Swedish/English word.
fn parse_contact_role(cell: &str) -> Option<landa_domain::kinds::ContactRole> {
    use landa_domain::kinds::ContactRole as R;
    let key = header_key(cell);
    let words: &[(R, &[&str])] = &[
        (R::Housing, &["housing", "bostad", "boende", "bostäder"]),
        (R::School, &["school", "skola", "grundskola"]),
        (R::Preschool, &["preschool", "förskola", "forskola"]),
        (R::Hr, &["hr", "personal", "rekrytering", "recruitment"]),
        (
            R::BusinessOffice,
            &[
                "businessoffice",
                "näringsliv",
                "naringsliv",
                "näringslivskontor",
            ],
        ),
        (
            R::WelcomeOffice,
            &[
                "welcomeoffice",
                "välkomstkontor",
                "valkomstkontor",
                "mottagning",
            ],
        ),
        (R::Management, &["management", "ledning", "chef"]),
        (R::Other, &["other", "annat", "övrigt", "ovrigt"]),
    ];
    R::ALL
        .iter()
        .copied()
        .find(|r| header_key(r.code()) == key)
        .or_else(|| {
            words
                .iter()
                .find(|(_, ws)| ws.iter().any(|w| header_key(w) == key))
                .map(|(r, _)| *r)
        })
}

fn parse_event_kind(cell: &str) -> Option<landa_domain::kinds::EventKind> {
    let key = header_key(cell);
    landa_domain::kinds::EventKind::ALL
        .iter()
        .copied()
        .find(|k| {
            header_key(k.code()) == key
                || header_key(labels::event_kind(*k, UiLanguage::Sv)) == key
                || header_key(labels::event_kind(*k, UiLanguage::En)) == key
        })
}

fn parse_four_t(cell: &str) -> Option<landa_domain::kinds::FourT> {
    let key = header_key(cell);
    landa_domain::kinds::FourT::ALL.iter().copied().find(|t| {
        header_key(t.code()) == key
            || header_key(labels::four_t(*t, UiLanguage::Sv)) == key
            || header_key(labels::four_t(*t, UiLanguage::En)) == key
    })
}

fn blank_plan(sheet: &Sheet, i: usize, label: String) -> RowPlan {
    RowPlan {
        index: i as u32,
        row: sheet.table.row_numbers[i] as u32,
        action: RowAction::Skip,
        skip: None,
        repeats_row: None,
        joins_row: None,
        label,
        existing: None,
        problems: Vec::new(),
        warnings: Vec::new(),
        cells: sheet.table.rows[i].clone(),
    }
}

/// The earlier row with one of `keys`, if any; otherwise the keys are this row's from now on.
fn first_seen(seen: &mut HashMap<String, u32>, keys: &[String], row: u32) -> Option<u32> {
    if let Some(earlier) = keys.iter().find_map(|k| seen.get(k)) {
        return Some(*earlier);
    }
    for k in keys {
        seen.insert(k.clone(), row);
    }
    None
}

fn row_is_blank(sheet: &Sheet, i: usize) -> bool {
    sheet
        .columns
        .values()
        .all(|&c| sheet.table.rows[i][c].trim().is_empty())
}

fn problem(sheet: &Sheet, field: ImportField, name: &str, kind: ValidationKind) -> RowProblem {
    RowProblem {
        column: sheet.column(field),
        field: name.to_owned(),
        kind,
    }
}

/// Keeps the fields an update may write: those whose column is mapped and has a value.
fn mapped_values(
    sheet: &Sheet,
    i: usize,
    fields: &mut Vec<(&'static str, Value)>,
    column_of: impl Fn(&str) -> Option<ImportField>,
) {
    fields.retain(|(f, _)| {
        column_of(f).is_some_and(|c| sheet.has(c) && !sheet.cell(i, c).is_empty())
    });
}

impl Landa {
    fn plan_contacts(&self, sheet: &Sheet, settings: &ImportSettings) -> Result<Vec<Planned>> {
        for required in [F::ContactOrganisation, F::ContactName] {
            if !sheet.has(required) {
                return Err(ValidationError::new("columns", ValidationKind::Empty).into());
            }
        }
        let mut orgs: HashMap<String, NamedRef> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name FROM organisations WHERE deleted = 0 ORDER BY created_at",
            )?;
            for row in
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            {
                let (id, name) = row?;
                orgs.entry(name.to_lowercase())
                    .or_insert(NamedRef { id, name });
            }
        }
        let mut known: HashMap<String, (NamedRef, String)> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT c.id, c.name, c.email, c.phone, c.organisation_id FROM contact_persons c
                 WHERE c.deleted = 0 ORDER BY c.created_at",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?;
            for row in rows {
                let (id, name, email, phone, org) = row?;
                let r = (
                    NamedRef {
                        id,
                        name: name.clone(),
                    },
                    org.clone(),
                );
                let keys = match settings.match_on {
                    MatchOn::Contact => email
                        .iter()
                        .map(|e| e.to_lowercase())
                        .chain(phone)
                        .collect(),
                    MatchOn::Name => vec![format!("{org}|{}", name.to_lowercase())],
                    MatchOn::Nothing => Vec::new(),
                };
                for k in keys {
                    known.entry(k).or_insert_with(|| r.clone());
                }
            }
        }
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::new();
        for i in 0..sheet.table.rows.len() {
            let mut plan = blank_plan(sheet, i, sheet.cell(i, F::ContactName).to_owned());
            if row_is_blank(sheet, i) {
                plan.skip = Some(SkipReason::Blank);
                out.push(Planned { plan, ready: None });
                continue;
            }
            let mut problems = Vec::new();
            let org_name = sheet.cell(i, F::ContactOrganisation);
            if org_name.is_empty() {
                problems.push(problem(
                    sheet,
                    F::ContactOrganisation,
                    "organisation",
                    ValidationKind::Empty,
                ));
            }
            let role_cell = sheet.cell(i, F::ContactRole);
            let role = if role_cell.is_empty() {
                landa_domain::kinds::ContactRole::Other
            } else {
                parse_contact_role(role_cell).unwrap_or_else(|| {
                    problems.push(problem(
                        sheet,
                        F::ContactRole,
                        "role",
                        ValidationKind::UnknownValue,
                    ));
                    landa_domain::kinds::ContactRole::Other
                })
            };
            let email = sheet.cell(i, F::ContactEmail);
            if !email.is_empty() && normal_email(email).is_none() {
                problems.push(problem(
                    sheet,
                    F::ContactEmail,
                    "email",
                    ValidationKind::InvalidEmail,
                ));
            }
            let input = crate::dto::ContactPersonInput {
                organisation_id: String::new(),
                name: sheet.cell(i, F::ContactName).to_owned(),
                role,
                title: sheet.cell(i, F::ContactTitle).to_owned(),
                email: email.to_owned(),
                phone: sheet.cell(i, F::ContactPhone).to_owned(),
                notes: sheet.cell(i, F::ContactNotes).to_owned(),
            };
            let fields = match self.contact_fields(&input) {
                Ok(f) => Some(f),
                Err(Error::Validation(e)) => {
                    let col = match e.field.as_str() {
                        "name" => F::ContactName,
                        "title" => F::ContactTitle,
                        "phone" => F::ContactPhone,
                        "notes" => F::ContactNotes,
                        _ => F::ContactName,
                    };
                    problems.push(problem(sheet, col, &e.field, e.kind));
                    None
                }
                Err(e) => return Err(e),
            };
            if !problems.is_empty() {
                plan.skip = Some(SkipReason::Invalid);
                plan.problems = problems;
                out.push(Planned { plan, ready: None });
                continue;
            }
            let fields = fields.expect("no problems");
            let existing_org = orgs.get(&org_name.to_lowercase()).cloned();
            let org_key = existing_org
                .as_ref()
                .map(|o| o.id.clone())
                .unwrap_or_else(|| format!("new:{}", org_name.to_lowercase()));
            let keys: Vec<String> = match settings.match_on {
                MatchOn::Contact => normal_email(&input.email)
                    .into_iter()
                    .chain(normalise_phone(&input.phone, "phone").ok())
                    .collect(),
                MatchOn::Name => vec![format!("{org_key}|{}", input.name.trim().to_lowercase())],
                MatchOn::Nothing => Vec::new(),
            };
            let repeats = first_seen(&mut seen, &keys, plan.row);
            let found = keys.iter().find_map(|k| known.get(k)).cloned();
            let by_name = settings.match_on == MatchOn::Name;
            out.push(place(
                plan,
                repeats,
                found,
                settings.on_match,
                fields,
                |fields| Ready::NewContact {
                    organisation: match existing_org {
                        Some(o) => OrgRef::Existing(o.id),
                        None => OrgRef::New(org_name.to_owned()),
                    },
                    fields,
                },
                |found, organisation_id, mut fields| {
                    mapped_values(sheet, i, &mut fields, |f| match f {
                        "name" if !by_name => Some(F::ContactName),
                        "role" => Some(F::ContactRole),
                        "title" => Some(F::ContactTitle),
                        "email" => Some(F::ContactEmail),
                        "phone" => Some(F::ContactPhone),
                        "notes" => Some(F::ContactNotes),
                        _ => None,
                    });
                    Ready::ContactUpdate {
                        id: found.id,
                        organisation_id,
                        fields,
                    }
                },
            ));
        }
        Ok(out)
    }

    fn plan_events(&self, sheet: &Sheet, settings: &ImportSettings) -> Result<Vec<Planned>> {
        for required in [F::EventName, F::EventStartsOn] {
            if !sheet.has(required) {
                return Err(ValidationError::new("columns", ValidationKind::Empty).into());
            }
        }
        let mut known: HashMap<String, NamedRef> = HashMap::new();
        if settings.match_on != MatchOn::Nothing {
            let mut stmt = self.conn.prepare_cached(
                "SELECT id, name, starts_on FROM events WHERE deleted = 0 ORDER BY created_at",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (id, name, starts) = row?;
                known
                    .entry(format!("{}|{starts}", name.to_lowercase()))
                    .or_insert(NamedRef { id, name });
            }
        }
        let date = |i: usize, field: ImportField, name: &str, problems: &mut Vec<RowProblem>| {
            let cell = sheet.cell(i, field);
            if cell.is_empty() {
                return None;
            }
            match landa_import::values::parse_date(cell) {
                Some(d) => Some(d.to_string()),
                None => {
                    problems.push(problem(sheet, field, name, ValidationKind::InvalidDate));
                    None
                }
            }
        };
        let mut seen: HashMap<String, u32> = HashMap::new();
        let mut out = Vec::new();
        for i in 0..sheet.table.rows.len() {
            let mut plan = blank_plan(sheet, i, sheet.cell(i, F::EventName).to_owned());
            if row_is_blank(sheet, i) {
                plan.skip = Some(SkipReason::Blank);
                out.push(Planned { plan, ready: None });
                continue;
            }
            let mut problems = Vec::new();
            let starts = date(i, F::EventStartsOn, "starts_on", &mut problems);
            if starts.is_none() && sheet.cell(i, F::EventStartsOn).is_empty() {
                problems.push(problem(
                    sheet,
                    F::EventStartsOn,
                    "starts_on",
                    ValidationKind::Empty,
                ));
            }
            let ends = date(i, F::EventEndsOn, "ends_on", &mut problems);
            let kind_cell = sheet.cell(i, F::EventKind);
            let kind = if kind_cell.is_empty() {
                None
            } else {
                let k = parse_event_kind(kind_cell);
                if k.is_none() {
                    problems.push(problem(
                        sheet,
                        F::EventKind,
                        "kind",
                        ValidationKind::UnknownValue,
                    ));
                }
                k
            };
            let mut four_t = Vec::new();
            for part in split_list(sheet.cell(i, F::EventFourT)) {
                match parse_four_t(&part) {
                    Some(t) => four_t.push(t),
                    None => problems.push(problem(
                        sheet,
                        F::EventFourT,
                        "four_t",
                        ValidationKind::UnknownValue,
                    )),
                }
            }
            let outside_cell = sheet.cell(i, F::EventOutsideRegion);
            let outside_region = if outside_cell.is_empty() {
                None
            } else {
                let b = landa_import::values::parse_bool(outside_cell);
                if b.is_none() {
                    problems.push(problem(
                        sheet,
                        F::EventOutsideRegion,
                        "outside_region",
                        ValidationKind::UnknownValue,
                    ));
                }
                b
            };
            if !problems.is_empty() {
                plan.skip = Some(SkipReason::Invalid);
                plan.problems = problems;
                out.push(Planned { plan, ready: None });
                continue;
            }
            let input = crate::dto::EventInput {
                kind,
                name: sheet.cell(i, F::EventName).to_owned(),
                starts_on: starts.clone().unwrap_or_default(),
                ends_on: ends,
                place: sheet.cell(i, F::EventPlace).to_owned(),
                organiser_id: None,
                cost: sheet.cell(i, F::EventCost).to_owned(),
                four_t,
                participant_ids: Vec::new(),
                notes: sheet.cell(i, F::EventNotes).to_owned(),
                follow_up_days: None,
                outside_region,
            };
            let fields = match self.validate_event(&input) {
                Ok(v) => v.fields,
                Err(Error::Validation(e)) => {
                    let col = match e.field.as_str() {
                        "name" => F::EventName,
                        "starts_on" => F::EventStartsOn,
                        "ends_on" => F::EventEndsOn,
                        "place" => F::EventPlace,
                        "cost" => F::EventCost,
                        "notes" => F::EventNotes,
                        _ => F::EventName,
                    };
                    plan.skip = Some(SkipReason::Invalid);
                    plan.problems = vec![problem(sheet, col, &e.field, e.kind)];
                    out.push(Planned { plan, ready: None });
                    continue;
                }
                Err(e) => return Err(e),
            };
            let key = format!(
                "{}|{}",
                input.name.trim().to_lowercase(),
                starts.unwrap_or_default()
            );
            let keys: Vec<String> = if settings.match_on == MatchOn::Nothing {
                Vec::new()
            } else {
                vec![key]
            };
            let repeats = first_seen(&mut seen, &keys, plan.row);
            let found = keys.iter().find_map(|k| known.get(k)).cloned();
            out.push(place(
                plan,
                repeats,
                found.map(|n| (n, ())),
                settings.on_match,
                fields,
                |fields| Ready::NewEvent { fields },
                |found, (), mut fields| {
                    mapped_values(sheet, i, &mut fields, |f| match f {
                        "kind" => Some(F::EventKind),
                        "ends_on" => Some(F::EventEndsOn),
                        "place" => Some(F::EventPlace),
                        "cost_ore" => Some(F::EventCost),
                        "four_t" => Some(F::EventFourT),
                        "outside_region" => Some(F::EventOutsideRegion),
                        "notes" => Some(F::EventNotes),
                        _ => None,
                    });
                    Ready::EventUpdate {
                        id: found.id,
                        fields,
                    }
                },
            ));
        }
        Ok(out)
    }
}

/// The end of planning an organisation, contact person or event row: a row repeating an
/// earlier one is skipped, a match is skipped or updated as the user chose, anything else is
/// created. `found` is the match with what its update needs besides the fields.
fn place<K, T>(
    mut plan: RowPlan,
    repeats: Option<u32>,
    found: Option<(NamedRef, K)>,
    on_match: OnMatch,
    fields: T,
    create: impl FnOnce(T) -> Ready,
    update: impl FnOnce(NamedRef, K, T) -> Ready,
) -> Planned {
    if let Some(earlier) = repeats {
        plan.skip = Some(SkipReason::RepeatsRow);
        plan.repeats_row = Some(earlier);
        return Planned { plan, ready: None };
    }
    let ready = match found {
        None => {
            plan.action = RowAction::Create;
            create(fields)
        }
        Some((found, _)) if on_match == OnMatch::Skip => {
            plan.skip = Some(SkipReason::Exists);
            plan.existing = Some(found);
            return Planned { plan, ready: None };
        }
        Some((found, extra)) => {
            plan.action = RowAction::Update;
            plan.existing = Some(found.clone());
            update(found, extra, fields)
        }
    };
    Planned {
        plan,
        ready: Some(ready),
    }
}

fn batch_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportBatch> {
    Ok(ImportBatch {
        id: r.get(0)?,
        target: ImportTarget::from_code(&r.get::<_, String>(1)?)
            .unwrap_or(ImportTarget::Households),
        file_name: r.get(2)?,
        created_at: r.get(3)?,
        created_by: r.get(4)?,
        created: r.get(5)?,
        updated: r.get(6)?,
        skipped: r.get(7)?,
        undone_at: r.get(8)?,
    })
}

fn write_ready(
    w: &mut Tx<'_>,
    ctx: &WriteCtx,
    ready: Ready,
    owner: Option<String>,
    new_orgs: &mut HashMap<String, String>,
) -> Result<()> {
    match ready {
        Ready::NewHousehold {
            valid,
            stage,
            first_contact,
        } => {
            let id = insert_household(w, ctx, &valid, owner, stage)?;
            if let Some(day) = first_contact {
                // The first contact is when the household became a lead, which the funder
                // indicators count by; the row is stamped at noon of that day.
                let at = format!("{day}T12:00:00.000Z");
                w.update("households", &id, &[("created_at", Value::from(at))])?;
            }
            Ok(())
        }
        Ready::HouseholdUpdate {
            id,
            valid,
            existing,
        } => write_household_update(w, ctx, &id, &valid, &existing),
        Ready::NewOrganisation { mut fields } => {
            let id = ctx.new_id();
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("organisations", &id, &fields)?;
            crate::search::reindex_organisation(w, &id)
        }
        Ready::OrganisationUpdate { id, fields } => {
            if !fields.is_empty() {
                w.update("organisations", &id, &fields)?;
                crate::search::reindex_organisation(w, &id)?;
            }
            Ok(())
        }
        Ready::NewContact {
            organisation,
            mut fields,
        } => {
            let org = match organisation {
                OrgRef::Existing(id) => id,
                OrgRef::New(name) => match new_orgs.get(&name.to_lowercase()) {
                    Some(id) => id.clone(),
                    None => {
                        // An organisation named only in a contact list: created with the name,
                        // kind "other", for the coordinator to complete.
                        let id = ctx.new_id();
                        w.insert(
                            "organisations",
                            &id,
                            &[
                                ("name", Value::from(name.clone())),
                                ("kind", Value::from(OrgKind::Other.code())),
                                ("created_at", Value::from(ctx.now_text())),
                            ],
                        )?;
                        new_orgs.insert(name.to_lowercase(), id.clone());
                        id
                    }
                },
            };
            let id = ctx.new_id();
            fields.push(("organisation_id", Value::from(org.clone())));
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("contact_persons", &id, &fields)?;
            crate::search::reindex_organisation(w, &org)
        }
        Ready::ContactUpdate {
            id,
            organisation_id,
            fields,
        } => {
            if !fields.is_empty() {
                w.update("contact_persons", &id, &fields)?;
                crate::search::reindex_organisation(w, &organisation_id)?;
            }
            Ok(())
        }
        Ready::NewEvent { mut fields } => {
            let id = ctx.new_id();
            fields.push(("created_at", Value::from(ctx.now_text())));
            w.insert("events", &id, &fields)
        }
        Ready::EventUpdate { id, fields } => {
            if !fields.is_empty() {
                w.update("events", &id, &fields)?;
            }
            Ok(())
        }
    }
}
