//! The whole register as one JSON document a program can read, and back: a new database made
//! from such a document holds the same records (a round-trip test proves it).
//!
//! The document lists every synced table ([`ENTITIES`]) with every row, tombstoned ones
//! included, each as an object of `id` plus the table's fields. Columns that hold JSON lists
//! (their schema default is `'[]'` or `'{}'`) are given as JSON, not as text, where that is
//! exact; the stored text otherwise. Nothing device-local (settings, the current user, the
//! change log's clocks) is in it: a new database gets its own device and history.

use std::collections::BTreeMap;
use std::path::Path;

use landa_domain::kinds::UiLanguage;
use landa_domain::{ValidationError, ValidationKind};
use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::changes::{ENTITIES, EntitySpec, from_sql};
use crate::error::{Error, Result};
use crate::files::NamedFile;
use crate::protection::Key;
use crate::{Landa, OpenOptions};

/// What the `format` field says, so a reader knows what it holds.
pub const FORMAT: &str = "landa-export";
/// Raised when the document's shape changes; readers refuse newer versions.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    pub format: String,
    pub format_version: u32,
    /// The database schema the rows come from (`PRAGMA user_version`).
    pub schema_version: u32,
    /// RFC 3339, UTC.
    pub exported_at: String,
    /// Table name → rows, each `{ "id": …, field: value, … }`, in the order they were written.
    pub entities: BTreeMap<String, Vec<Map<String, Value>>>,
}

/// How many rows of each table a document held when it was read into a new database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportedDocument {
    pub rows: BTreeMap<String, u32>,
}

fn invalid(kind: ValidationKind) -> Error {
    Error::Validation(ValidationError::new("document", kind))
}

/// The columns of `table` that hold JSON text, by their schema default.
fn json_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(1)?, r.get::<_, Option<String>>(4)?))
    })?;
    let mut out = vec![];
    for row in rows {
        let (name, default) = row?;
        if matches!(default.as_deref(), Some("'[]'") | Some("'{}'")) {
            out.push(name);
        }
    }
    Ok(out)
}

fn to_json(v: SqlValue, is_json: bool) -> Value {
    match v {
        SqlValue::Text(t) if is_json => match serde_json::from_str::<Value>(&t) {
            // Only where writing it back gives the very same text: then the round trip is exact.
            Ok(parsed) if serde_json::to_string(&parsed).is_ok_and(|again| again == t) => parsed,
            _ => Value::from(t),
        },
        other => from_sql(other),
    }
}

/// Every row of a synced table, `id` first and then its fields, in the order written.
fn select_all(spec: &EntitySpec) -> String {
    format!(
        "SELECT id, {} FROM {} ORDER BY rowid",
        spec.fields.join(", "),
        spec.table
    )
}

fn export_table(conn: &Connection, spec: &EntitySpec) -> Result<Vec<Map<String, Value>>> {
    let json = json_columns(conn, spec.table)?;
    let mut stmt = conn.prepare(&select_all(spec))?;
    let mut rows = stmt.query([])?;
    let mut out = vec![];
    while let Some(row) = rows.next()? {
        let mut object = Map::new();
        object.insert("id".into(), Value::from(row.get::<_, String>(0)?));
        for (i, field) in spec.fields.iter().enumerate() {
            let v: SqlValue = row.get(i + 1)?;
            object.insert(
                (*field).to_owned(),
                to_json(v, json.iter().any(|c| c == field)),
            );
        }
        out.push(object);
    }
    Ok(out)
}

impl Landa {
    /// The document as pretty-printed JSON, for a file.
    pub fn export_json_bytes(&self) -> Result<Vec<u8>> {
        serde_json::to_vec_pretty(&self.export_document()?)
            .map_err(|e| Error::Corrupt(e.to_string()))
    }

    /// Today as `YYYY-MM-DD`, for file names.
    pub fn today_text(&self) -> String {
        self.today().to_string()
    }

    /// Every record of every synced table, as one document.
    pub fn export_document(&self) -> Result<ExportDocument> {
        let mut entities = BTreeMap::new();
        for spec in ENTITIES {
            entities.insert(spec.table.to_owned(), export_table(&self.conn, spec)?);
        }
        Ok(ExportDocument {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            schema_version: landa_store::user_version(&self.conn)?,
            exported_at: self.now_text(),
            entities,
        })
    }
}

/// How a cell reads in a spreadsheet: empty for nothing, JSON lists as text, and anything a
/// spreadsheet would run as a formula defused.
fn csv_cell(v: SqlValue) -> String {
    let text = match v {
        SqlValue::Null => String::new(),
        SqlValue::Integer(i) => i.to_string(),
        SqlValue::Real(r) => r.to_string(),
        SqlValue::Text(t) => t,
        SqlValue::Blob(_) => String::new(),
    };
    landa_domain::fair::csv_safe(&text)
}

impl Landa {
    /// Every synced table as a CSV file of its own (`id` and every field, tombstoned rows
    /// included), written the way the UI language's Excel opens it without a question:
    /// UTF-8 with a byte-order mark, semicolons for Swedish and commas for English.
    pub fn export_csv_tables(&self, language: UiLanguage) -> Result<Vec<NamedFile>> {
        let delimiter = match language {
            UiLanguage::Sv => b';',
            UiLanguage::En => b',',
        };
        let mut files = vec![];
        for spec in ENTITIES {
            let headers: Vec<String> = std::iter::once("id")
                .chain(spec.fields.iter().copied())
                .map(str::to_owned)
                .collect();
            let mut stmt = self.conn.prepare(&select_all(spec))?;
            let mut rows = stmt.query([])?;
            let mut out = vec![];
            while let Some(row) = rows.next()? {
                let cells = (0..headers.len())
                    .map(|i| row.get::<_, SqlValue>(i).map(csv_cell))
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(cells);
            }
            let bytes = landa_import::write_csv(
                &headers,
                &out,
                landa_import::TextEncoding::Utf8Bom,
                delimiter,
            )
            .map_err(|e| Error::Corrupt(e.to_string()))?;
            files.push(NamedFile {
                name: format!("{}.csv", spec.table),
                bytes,
            });
        }
        Ok(files)
    }
}

/// An adult as a listed household shows them: first name, last name, emails, phones.
type ListedAdult = (String, String, Vec<String>, Vec<String>);

/// The adults and the children's birth years of a household, in member order.
struct ListedPeople {
    adults: Vec<ListedAdult>,
    child_years: Vec<i32>,
}

/// A CSV file for the language's Excel: UTF-8 with a byte-order mark, semicolons for Swedish
/// and commas for English. The cells must already be defused (`csv_safe`).
pub(crate) fn excel_csv(
    headers: &[String],
    rows: &[Vec<String>],
    language: UiLanguage,
) -> Result<Vec<u8>> {
    let delimiter = match language {
        UiLanguage::Sv => b';',
        UiLanguage::En => b',',
    };
    landa_import::write_csv(
        headers,
        rows,
        landa_import::TextEncoding::Utf8Bom,
        delimiter,
    )
    .map_err(|e| Error::Corrupt(e.to_string()))
}

/// More rows of a file begun with [`excel_csv`]: the same delimiter, no byte-order mark and no
/// header, for files written a page at a time. The cells must already be defused.
pub(crate) fn excel_csv_rows(rows: &[Vec<String>], language: UiLanguage) -> Result<Vec<u8>> {
    let Some((first, rest)) = rows.split_first() else {
        return Ok(Vec::new());
    };
    let delimiter = match language {
        UiLanguage::Sv => b';',
        UiLanguage::En => b',',
    };
    // write_csv writes its "header" as a record like any other: here it is the first row.
    landa_import::write_csv(first, rest, landa_import::TextEncoding::Utf8, delimiter)
        .map_err(|e| Error::Corrupt(e.to_string()))
}

impl Landa {
    /// The households a filter of the list shows (every page, not one), as one CSV file for
    /// the UI language's Excel, with the columns the import wizard recognises: a list can be
    /// exported, edited in Excel and imported back. Contacts of the first two adults;
    /// children as birth years; every cell defused against formulas.
    pub fn export_households_csv(
        &self,
        filter: &crate::dto::HouseholdFilter,
        language: UiLanguage,
    ) -> Result<(Vec<u8>, u32)> {
        let l = |sv, en| crate::labels::pick(language, sv, en);
        let headers: Vec<String> = [
            l("Hushåll", "Household"),
            l("Förnamn", "First name"),
            l("Efternamn", "Last name"),
            l("E-post", "Email"),
            l("Telefon", "Phone"),
            l("Partner förnamn", "Partner first name"),
            l("Partner efternamn", "Partner last name"),
            l("Partners e-post", "Partner email"),
            l("Partners telefon", "Partner phone"),
            l("Barnens födelseår", "Children birth years"),
            l("Kommun", "Municipality"),
            l("Taggar", "Tags"),
            l("Steg", "Stage"),
            l("Ansvarig", "Owner"),
            l("Första kontakt", "First contact"),
            l("Senast ändrad", "Last changed"),
        ]
        .map(str::to_owned)
        .to_vec();
        let mut rows = Vec::new();
        let mut page = crate::dto::HouseholdFilter {
            limit: Some(500),
            offset: Some(0),
            ..filter.clone()
        };
        let mut people = self.conn.prepare_cached(
            "SELECT first_name, coalesce(last_name, ''), role, birth_year, emails, phones
             FROM persons WHERE household_id = ?1 AND deleted = 0 ORDER BY position",
        )?;
        let mut first_contact = self
            .conn
            .prepare_cached("SELECT substr(created_at, 1, 10) FROM households WHERE id = ?1")?;
        loop {
            let listed = self.list_households(&page)?;
            if listed.rows.is_empty() {
                break;
            }
            for h in &listed.rows {
                let mut p = ListedPeople {
                    adults: Vec::new(),
                    child_years: Vec::new(),
                };
                let members = people.query_map([&h.id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<i32>>(3)?,
                        crate::app::parse_list(&r.get::<_, String>(4)?),
                        crate::app::parse_list(&r.get::<_, String>(5)?),
                    ))
                })?;
                for m in members {
                    let (first, last, role, year, emails, phones) = m?;
                    if role == "child" {
                        p.child_years.extend(year);
                    } else {
                        p.adults.push((first, last, emails, phones));
                    }
                }
                let adult = |i: usize| p.adults.get(i);
                let cell =
                    |i: usize, f: fn(&ListedAdult) -> String| adult(i).map(f).unwrap_or_default();
                let created: String = first_contact.query_row([&h.id], |r| r.get(0))?;
                let record = vec![
                    h.name.clone(),
                    cell(0, |a| a.0.clone()),
                    cell(0, |a| a.1.clone()),
                    cell(0, |a| a.2.join(", ")),
                    cell(0, |a| a.3.join(", ")),
                    cell(1, |a| a.0.clone()),
                    cell(1, |a| a.1.clone()),
                    cell(1, |a| a.2.join(", ")),
                    cell(1, |a| a.3.join(", ")),
                    p.child_years
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    h.municipalities.join(", "),
                    h.tags.join(", "),
                    crate::labels::stage(h.stage, language).to_owned(),
                    h.owner_name.clone().unwrap_or_default(),
                    created,
                    h.updated_at.get(..10).unwrap_or("").to_owned(),
                ];
                rows.push(
                    record
                        .iter()
                        .map(|c| landa_domain::fair::csv_safe(c))
                        .collect::<Vec<_>>(),
                );
            }
            page.offset = Some(page.offset.unwrap_or(0) + listed.rows.len() as u32);
            if page.offset.unwrap_or(0) >= listed.total {
                break;
            }
        }
        let bytes = excel_csv(&headers, &rows, language)?;
        Ok((bytes, rows.len() as u32))
    }
}

impl Landa {
    /// The organisations a filter of the list shows, as one CSV file for the UI language's
    /// Excel, with the columns the import wizard recognises (so it reads back in).
    pub fn export_organisations_csv(
        &self,
        filter: &crate::dto::OrganisationFilter,
        language: UiLanguage,
    ) -> Result<(Vec<u8>, u32)> {
        let l = |sv, en| crate::labels::pick(language, sv, en);
        let headers: Vec<String> = [
            l("Organisation", "Organisation"),
            l("Typ", "Type"),
            l("Kommun", "Municipality"),
            l("Webbplats", "Website"),
            l("E-post", "Email"),
            l("Telefon", "Phone"),
            l("Deltar", "Participating"),
            l("Kontaktpersoner", "Contact persons"),
            l("Hushåll", "Households"),
        ]
        .map(str::to_owned)
        .to_vec();
        let mut detail = self.conn.prepare_cached(
            "SELECT coalesce(website, ''), coalesce(email, ''), coalesce(phone, '')
             FROM organisations WHERE id = ?1",
        )?;
        let mut rows = Vec::new();
        for o in self.list_organisations(filter)? {
            let (website, email, phone): (String, String, String) =
                detail.query_row([&o.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            let record = [
                o.name.clone(),
                crate::labels::org_kind(o.kind, language).to_owned(),
                o.municipality.clone().unwrap_or_default(),
                website,
                email,
                phone,
                crate::labels::yes_no(o.participating, language).to_owned(),
                o.contacts.to_string(),
                o.households.to_string(),
            ];
            rows.push(
                record
                    .iter()
                    .map(|c| landa_domain::fair::csv_safe(c))
                    .collect::<Vec<_>>(),
            );
        }
        let bytes = excel_csv(&headers, &rows, language)?;
        Ok((bytes, rows.len() as u32))
    }
}

/// Checks a document before anything is written: its format and version, a schema this Landa
/// knows, known tables and fields only, and an id on every row.
fn check_document(doc: &ExportDocument) -> Result<()> {
    if doc.format != FORMAT {
        return Err(invalid(ValidationKind::NotAnExport));
    }
    if doc.format_version > FORMAT_VERSION || doc.schema_version > landa_store::latest_version() {
        return Err(invalid(ValidationKind::ExportNewer));
    }
    for (table, rows) in &doc.entities {
        let spec =
            crate::changes::spec(table).ok_or_else(|| invalid(ValidationKind::NotAnExport))?;
        for row in rows {
            let has_id = row
                .get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok());
            let known = row
                .keys()
                .all(|k| k == "id" || spec.fields.contains(&k.as_str()));
            if !has_id || !known {
                return Err(invalid(ValidationKind::NotAnExport));
            }
        }
    }
    Ok(())
}

/// Makes a new database at `path` from a document: every row is written through the change
/// log, in one transaction, and the search index is built. `path` must not hold a database
/// with records yet; a refused or failed import leaves no database behind.
pub fn import_document(
    path: &Path,
    key: &Key,
    doc: &ExportDocument,
    options: OpenOptions,
) -> Result<ImportedDocument> {
    check_document(doc)?;
    if path.exists() {
        return Err(invalid(ValidationKind::DatabaseNotEmpty));
    }
    let result = (|| {
        let mut landa = Landa::open_unseeded(path, key, options)?;
        // A row that breaks a constraint (a person of a household the document lacks, a
        // duplicate id) means the document does not hold together: the user's error.
        let rows = landa.write_document(doc).map_err(|e| match e {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                invalid(ValidationKind::NotAnExport)
            }
            other => other,
        })?;
        landa.seed_consent_texts()?;
        Ok(ImportedDocument { rows })
    })();
    if result.is_err() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    result
}

/// Reads a JSON export from a file: unreadable is a file error, anything but an export's shape
/// is "not an export".
pub fn read_document(file: &Path) -> Result<ExportDocument> {
    let text = std::fs::read_to_string(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory => {
            Error::from(ValidationError::new("file", ValidationKind::NoSuchFile))
        }
        std::io::ErrorKind::InvalidData => invalid(ValidationKind::NotAnExport),
        _ => Error::FileRead(e),
    })?;
    serde_json::from_str(&text).map_err(|_| invalid(ValidationKind::NotAnExport))
}

impl Landa {
    /// Fills this database, while it holds no records yet, from a JSON export: moving to Landa
    /// on a new computer from an export rather than a backup. The document is checked and
    /// written into a new database beside this one (through the change log, the search index
    /// built), whose pages then replace this one's in one step; a refused or failed document
    /// leaves this database as it was. Like a restore, the export's users come with it.
    pub fn start_from_export(&mut self, file: &Path) -> Result<ImportedDocument> {
        let stats = self.stats()?;
        if stats.households > 0 || stats.organisations > 0 || self.holds_activity()? {
            return Err(invalid(ValidationKind::DatabaseNotEmpty));
        }
        let doc = read_document(file)?;
        check_document(&doc)?;
        // Who is signed in (named at the first start) stays signed in: as the export's
        // coordinator of that name, or added to the export's coordinators.
        let me = self.current_user()?.map(|u| u.name);
        let folder = self
            .database_path()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .ok_or_else(|| invalid(ValidationKind::NoDatabaseFile))?;
        let staging = folder.join(format!("landa-from-export-{}.db", self.new_id()));
        let options = OpenOptions {
            clock: self.clock.clone(),
            ids: self.ids.clone(),
        };
        let key = self.require_key()?.clone();
        let result = import_document(&staging, &key, &doc, options).and_then(|done| {
            let source = landa_store::open_read_only(&staging, &key)?;
            self.replace_contents(source)?;
            if let Some(name) = &me {
                let same = self
                    .users()?
                    .into_iter()
                    .find(|u| u.name.trim().to_lowercase() == name.trim().to_lowercase());
                match same {
                    Some(u) => self.set_current_user(&u.id)?,
                    None => {
                        self.create_user(name)?;
                    }
                }
            }
            tracing::info!("database filled from a JSON export");
            Ok(done)
        });
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", staging.display()));
        }
        result
    }

    /// Whether any event, host or project exists: with households and organisations, what
    /// makes a database not empty (users, consent texts and the checklist start seeded).
    fn holds_activity(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM events WHERE deleted = 0)
                 OR EXISTS (SELECT 1 FROM hosts WHERE deleted = 0)
                 OR EXISTS (SELECT 1 FROM projects WHERE deleted = 0)",
            [],
            |r| r.get(0),
        )?)
    }
}

impl Landa {
    fn write_document(&mut self, doc: &ExportDocument) -> Result<BTreeMap<String, u32>> {
        self.write(|w, _| {
            // Rows may point at rows later in the document (a household marked as a duplicate
            // of a newer one): foreign keys are checked when the transaction commits.
            w.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let mut counts = BTreeMap::new();
            for spec in ENTITIES {
                let rows = doc
                    .entities
                    .get(spec.table)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                for row in rows {
                    let id = row.get("id").and_then(Value::as_str).unwrap_or_default();
                    let fields: Vec<(&str, Value)> = spec
                        .fields
                        .iter()
                        .filter_map(|f| row.get(*f).map(|v| (*f, stored_form(v))))
                        .collect();
                    w.insert(spec.table, id, &fields)?;
                }
                counts.insert(spec.table.to_owned(), rows.len() as u32);
            }
            let households: Vec<String> = doc
                .entities
                .get("households")
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect();
            for id in &households {
                crate::search::reindex_household(w, id)?;
            }
            let organisations: Vec<String> = doc
                .entities
                .get("organisations")
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect();
            for id in &organisations {
                crate::search::reindex_organisation(w, id)?;
            }
            Ok(counts)
        })
    }
}

/// A JSON list or object goes back into its column as the compact text it was exported from.
fn stored_form(v: &Value) -> Value {
    match v {
        Value::Array(_) | Value::Object(_) => Value::from(v.to_string()),
        other => other.clone(),
    }
}
