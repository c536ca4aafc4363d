//! Search across households, people, organisations and contact persons.
//!
//! The index (`search_docs`, `search_words`, `search_fts`) is derived data: rebuilt for a
//! household or an organisation inside the same transaction as the write that changed it.
//! Names are found by the start of any word (from the first letter typed); names and all other
//! text by any part of a word of three or more letters (FTS5 trigrams). Case and diacritics
//! are folded everywhere, so "ohman" finds "Öhman".

use landa_domain::contact::phone_search_forms;
use landa_domain::text::fold;
use rusqlite::{Connection, OptionalExtension, params};

use crate::app::{Landa, parse_list};
use crate::changes::Tx;
use crate::dto::{SearchHit, SearchKind};
use crate::error::Result;

struct Doc {
    kind: &'static str,
    ref_id: String,
    household_id: Option<String>,
    organisation_id: Option<String>,
    title: String,
    body: String,
}

fn remove_docs(w: &Tx<'_>, column: &str, id: &str) -> Result<()> {
    let select = format!("SELECT rowid, folded FROM search_docs WHERE {column} = ?1");
    let docs: Vec<(i64, String)> =
        w.tx.prepare_cached(&select)?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
    for (rowid, folded) in docs {
        for word in words(&folded) {
            w.tx.prepare_cached("DELETE FROM search_words WHERE word = ?1 AND doc = ?2")?
                .execute(params![word, rowid])?;
        }
        w.tx.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
            .execute([rowid])?;
        w.tx.prepare_cached("DELETE FROM search_title_fts WHERE rowid = ?1")?
            .execute([rowid])?;
        w.tx.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

/// The distinct words of folded text, split on anything that is not a letter or digit, so
/// "anna-karin" and "o'brien" are found by each part.
fn words(folded: &str) -> Vec<&str> {
    let mut out: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn add_doc(w: &Tx<'_>, d: &Doc) -> Result<()> {
    let rowid = add_doc_row(w, d)?;
    w.tx.prepare_cached("INSERT INTO search_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, d.title, d.body])?;
    w.tx.prepare_cached("INSERT INTO search_title_fts (rowid, title) VALUES (?1, ?2)")?
        .execute(params![rowid, d.title])?;
    Ok(())
}

/// The document's row and its words, without the full-text rows; returns its rowid.
fn add_doc_row(w: &Tx<'_>, d: &Doc) -> Result<i64> {
    let folded = fold(&d.title);
    w.tx.prepare_cached(
        "INSERT INTO search_docs (kind, ref_id, household_id, organisation_id, title, folded)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        d.kind,
        d.ref_id,
        d.household_id,
        d.organisation_id,
        d.title,
        folded
    ])?;
    let rowid = w.tx.last_insert_rowid();
    for word in words(&folded) {
        w.tx.prepare_cached("INSERT OR IGNORE INTO search_words (word, doc) VALUES (?1, ?2)")?
            .execute(params![word, rowid])?;
    }
    Ok(rowid)
}

fn list_text(json: &str) -> String {
    parse_list(json).join(" ")
}

pub(crate) fn reindex_household(w: &mut Tx<'_>, id: &str) -> Result<()> {
    if let Some(later) = &mut w.deferred_index {
        later.push(id.to_owned());
        return Ok(());
    }
    remove_docs(w, "household_id", id)?;
    reindex_contacts(w, id)?;
    for d in &household_docs(w, id)? {
        add_doc(w, d)?;
    }
    Ok(())
}

/// Indexes the households collected while [`Tx::deferred_index`] was set, and stops
/// collecting. The full-text rows go in with one statement per few thousand documents: FTS5
/// flushes its pending terms at every statement, so one row per statement made the index the
/// larger part of an import.
pub(crate) fn flush_deferred(w: &mut Tx<'_>) -> Result<()> {
    let Some(mut ids) = w.deferred_index.take() else {
        return Ok(());
    };
    ids.sort_unstable();
    ids.dedup();
    let mut fts: Vec<(i64, String, String)> = Vec::new();
    // Everything out first: a merge moves people between the households indexed here, and a
    // person's entry must leave its old household before it joins the new one.
    for id in &ids {
        remove_docs(w, "household_id", id)?;
        w.tx.prepare_cached("DELETE FROM contact_keys WHERE household_id = ?1")?
            .execute([id])?;
    }
    for id in &ids {
        reindex_contacts(w, id)?;
        for d in &household_docs(w, id)? {
            let rowid = add_doc_row(w, d)?;
            fts.push((rowid, d.title.clone(), d.body.clone()));
        }
    }
    for chunk in fts.chunks(5000) {
        let json = serde_json::Value::from(
            chunk
                .iter()
                .map(|(rowid, title, body)| serde_json::json!([rowid, title, body]))
                .collect::<Vec<_>>(),
        )
        .to_string();
        w.tx.prepare_cached(
            "INSERT INTO search_fts (rowid, title, body)
             SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1)",
        )?
        .execute([&json])?;
        w.tx.prepare_cached(
            "INSERT INTO search_title_fts (rowid, title)
             SELECT value ->> 0, value ->> 1 FROM json_each(?1)",
        )?
        .execute([&json])?;
    }
    Ok(())
}

/// The search documents of a live household: itself and each named member.
fn household_docs(w: &Tx<'_>, id: &str) -> Result<Vec<Doc>> {
    let household =
        w.tx.prepare_cached(
            "SELECT name, desired_municipalities, tags, coalesce(source, ''), coalesce(notes, '')
             FROM households WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id], |r| {
            Ok(Doc {
                kind: "household",
                ref_id: id.to_owned(),
                household_id: Some(id.to_owned()),
                organisation_id: None,
                title: r.get(0)?,
                body: [
                    list_text(&r.get::<_, String>(1)?),
                    list_text(&r.get::<_, String>(2)?),
                    r.get(3)?,
                    r.get(4)?,
                ]
                .join(" "),
            })
        })
        .optional()?;
    // A deleted household leaves the index.
    let Some(household) = household else {
        return Ok(Vec::new());
    };
    let mut docs = vec![household];
    let mut stmt = w.tx.prepare_cached(
        "SELECT id, first_name || coalesce(' ' || last_name, ''), emails, phones, coalesce(profession, ''), languages
         FROM persons WHERE household_id = ?1 AND deleted = 0",
    )?;
    let persons = stmt.query_map([id], |r| {
        let phones: Vec<String> = parse_list(&r.get::<_, String>(3)?);
        Ok(Doc {
            kind: "person",
            ref_id: r.get(0)?,
            household_id: Some(id.to_owned()),
            organisation_id: None,
            title: r.get(1)?,
            body: [
                list_text(&r.get::<_, String>(2)?),
                phones
                    .iter()
                    .map(|p| phone_search_forms(p))
                    .collect::<Vec<_>>()
                    .join(" "),
                r.get(4)?,
                list_text(&r.get::<_, String>(5)?),
            ]
            .join(" "),
        })
    })?;
    for p in persons {
        let p = p?;
        // A child known only by age has no name to find.
        if !p.title.trim().is_empty() {
            docs.push(p);
        }
    }
    drop(stmt);
    Ok(docs)
}

/// Every email and phone of the household's live members, for the duplicate warning. Plain
/// statements on purpose: one `INSERT … SELECT … json_each … UNION` did the same in a fifth of
/// an import's time (SQLite compiled it again at every run).
fn reindex_contacts(w: &mut Tx<'_>, household_id: &str) -> Result<()> {
    w.tx.prepare_cached("DELETE FROM contact_keys WHERE household_id = ?1")?
        .execute([household_id])?;
    let people: Vec<(String, String, String)> = w
        .tx
        .prepare_cached(
            "SELECT p.id, p.emails, p.phones FROM persons p JOIN households h ON h.id = p.household_id
             WHERE p.household_id = ?1 AND p.deleted = 0 AND h.deleted = 0",
        )?
        .query_map([household_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut insert = w.tx.prepare_cached(
        "INSERT OR IGNORE INTO contact_keys (contact, person_id, household_id) VALUES (?1, ?2, ?3)",
    )?;
    for (person, emails, phones) in people {
        let emails = parse_list(&emails).into_iter().map(|e| e.to_lowercase());
        for contact in emails.chain(parse_list(&phones)) {
            insert.execute(params![contact, person, household_id])?;
        }
    }
    Ok(())
}

/// Reindexes several organisations, taking every old entry out first: a merge or its undo
/// moves contact persons between them.
pub(crate) fn reindex_organisations(w: &mut Tx<'_>, ids: &[String]) -> Result<()> {
    for id in ids {
        remove_docs(w, "organisation_id", id)?;
    }
    for id in ids {
        reindex_organisation(w, id)?;
    }
    Ok(())
}

pub(crate) fn reindex_organisation(w: &mut Tx<'_>, id: &str) -> Result<()> {
    remove_docs(w, "organisation_id", id)?;
    let org = w
        .tx
        .prepare_cached(
            "SELECT name, kind, coalesce(municipality, ''), coalesce(email, ''), phone, coalesce(notes, '')
             FROM organisations WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id], |r| {
            let phone: Option<String> = r.get(4)?;
            Ok(Doc {
                kind: "organisation",
                ref_id: id.to_owned(),
                household_id: None,
                organisation_id: Some(id.to_owned()),
                title: r.get(0)?,
                body: [
                    r.get::<_, String>(1)?.replace('_', " "),
                    r.get(2)?,
                    r.get(3)?,
                    phone.map(|p| phone_search_forms(&p)).unwrap_or_default(),
                    r.get(5)?,
                ]
                .join(" "),
            })
        })
        .optional()?;
    let Some(org) = org else { return Ok(()) };
    let mut docs = vec![org];
    let mut stmt = w.tx.prepare_cached(
        "SELECT id, name, role, coalesce(title, ''), coalesce(email, ''), phone
         FROM contact_persons WHERE organisation_id = ?1 AND deleted = 0",
    )?;
    let contacts = stmt.query_map([id], |r| {
        let phone: Option<String> = r.get(5)?;
        Ok(Doc {
            kind: "contact_person",
            ref_id: r.get(0)?,
            household_id: None,
            organisation_id: Some(id.to_owned()),
            title: r.get(1)?,
            body: [
                r.get::<_, String>(2)?.replace('_', " "),
                r.get(3)?,
                r.get(4)?,
                phone.map(|p| phone_search_forms(&p)).unwrap_or_default(),
            ]
            .join(" "),
        })
    })?;
    for c in contacts {
        docs.push(c?);
    }
    drop(stmt);
    for d in &docs {
        add_doc(w, d)?;
    }
    Ok(())
}

/// Quoted FTS5 terms (each word of three or more letters; quoting keeps anything typed from
/// being query syntax), all required. `None` when no word is long enough for trigrams.
fn fts_terms(words: &[&str]) -> Option<String> {
    let terms: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

struct RawHit {
    rowid: i64,
    kind: String,
    ref_id: String,
    household_id: Option<String>,
    organisation_id: Option<String>,
    title: String,
}

const DOC_COLUMNS: &str = "d.rowid, d.kind, d.ref_id, d.household_id, d.organisation_id, d.title";

fn raw_hit(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawHit> {
    Ok(RawHit {
        rowid: r.get(0)?,
        kind: r.get(1)?,
        ref_id: r.get(2)?,
        household_id: r.get(3)?,
        organisation_id: r.get(4)?,
        title: r.get(5)?,
    })
}

/// Hits in three tiers, each an index range or a lazy FTS scan that stops at `limit`, so the
/// cost does not grow with how many records match:
/// 1. a name word starts with the last word typed (and the name contains the other words);
/// 2. a name contains every word (trigram FTS over names only);
/// 3. any text contains every word: emails, phones, professions, notes, municipalities.
fn raw_hits(conn: &Connection, query: &str, kinds: &str, limit: u32) -> Result<Vec<RawHit>> {
    let folded = fold(query);
    let typed: Vec<&str> = folded
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let Some((last, others)) = typed.split_last() else {
        return Ok(Vec::new());
    };
    let mut hits: Vec<RawHit> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut take = |found: Vec<RawHit>, hits: &mut Vec<RawHit>| {
        for h in found {
            if hits.len() as u32 >= limit {
                break;
            }
            if seen.insert(h.rowid) {
                hits.push(h);
            }
        }
    };
    // Word prefix: the part of a word before punctuation, as the index stores it.
    let prefix: String = last.chars().take_while(|c| c.is_alphanumeric()).collect();
    if !prefix.is_empty() {
        let contains: String = others
            .iter()
            .map(|_| " AND d.folded LIKE '%' || ? || '%'")
            .collect();
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM search_words w JOIN search_docs d ON d.rowid = w.doc
             WHERE w.word >= ?1 AND w.word < ?1 || char(1114111) AND d.kind IN ({kinds}){contains}
             ORDER BY w.word LIMIT {}",
            limit * 2
        );
        let mut args: Vec<&str> = vec![&prefix];
        args.extend(others.iter().copied());
        let found = conn
            .prepare_cached(&sql)?
            .query_map(rusqlite::params_from_iter(args), raw_hit)?
            .collect::<Result<_, _>>()?;
        take(found, &mut hits);
    }
    if let Some(terms) = fts_terms(&typed) {
        for table in ["search_title_fts", "search_fts"] {
            if hits.len() as u32 >= limit {
                break;
            }
            let sql = format!(
                "SELECT {DOC_COLUMNS} FROM {table} f JOIN search_docs d ON d.rowid = f.rowid
                 WHERE {table} MATCH ?1 AND d.kind IN ({kinds}) LIMIT {}",
                limit * 2
            );
            let found = conn
                .prepare_cached(&sql)?
                .query_map([&terms], raw_hit)?
                .collect::<Result<_, _>>()?;
            take(found, &mut hits);
        }
    }
    Ok(hits)
}

/// Households matching the query (directly or through a member), best first.
pub(crate) fn matching_households(
    conn: &Connection,
    query: &str,
    limit: u32,
) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for hit in raw_hits(conn, query, "'household', 'person'", limit)? {
        if let Some(h) = hit.household_id
            && !ids.contains(&h)
        {
            ids.push(h);
        }
    }
    Ok(ids)
}

impl Landa {
    /// The global search box: households, people, organisations and contact persons, ranked.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let limit = limit.clamp(1, 100);
        let raw = raw_hits(
            &self.conn,
            query,
            "'household', 'person', 'organisation', 'contact_person'",
            limit * 2,
        )?;
        let mut out: Vec<SearchHit> = Vec::with_capacity(raw.len());
        for h in raw {
            // A household whose name and member both match is one hit, at its best rank.
            if matches!(h.kind.as_str(), "household" | "person")
                && out
                    .iter()
                    .any(|o| Some(&o.target_id) == h.household_id.as_ref())
            {
                continue;
            }
            if out.len() == limit as usize {
                break;
            }
            let (kind, target_id, detail) = match h.kind.as_str() {
                "household" => {
                    let id = h.household_id.unwrap_or_default();
                    let municipalities: String = self
                        .conn
                        .prepare_cached(
                            "SELECT desired_municipalities FROM households WHERE id = ?1",
                        )?
                        .query_row([&id], |r| r.get(0))?;
                    (
                        SearchKind::Household,
                        id,
                        parse_list(&municipalities).join(", "),
                    )
                }
                "person" => {
                    let id = h.household_id.unwrap_or_default();
                    let household: String = self
                        .conn
                        .prepare_cached("SELECT name FROM households WHERE id = ?1")?
                        .query_row([&id], |r| r.get(0))?;
                    (SearchKind::Person, id, household)
                }
                "organisation" => {
                    let id = h.organisation_id.unwrap_or_default();
                    (SearchKind::Organisation, id.clone(), self.org_summary(&id)?)
                }
                _ => {
                    let id = h.organisation_id.unwrap_or_default();
                    let org: String = self
                        .conn
                        .prepare_cached("SELECT name FROM organisations WHERE id = ?1")?
                        .query_row([&id], |r| r.get(0))?;
                    (SearchKind::ContactPerson, id, org)
                }
            };
            out.push(SearchHit {
                kind,
                target_id,
                ref_id: h.ref_id,
                title: h.title,
                detail,
            });
        }
        Ok(out)
    }

    fn org_summary(&self, id: &str) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(municipality, '') FROM organisations WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_terms_quote_every_word_so_input_is_never_syntax() {
        assert_eq!(
            fts_terms(&["ostersund", "and", "\"x\"y"]).as_deref(),
            Some("\"ostersund\" \"and\" \"\"\"x\"\"y\"")
        );
        assert_eq!(
            fts_terms(&["an"]),
            None,
            "two letters are too short for trigrams"
        );
    }

    #[test]
    fn words_split_on_punctuation_and_repeat_once() {
        assert_eq!(
            words("anna-karin o'brien anna"),
            vec!["anna", "brien", "karin", "o"]
        );
    }
}
