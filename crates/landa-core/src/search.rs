//! Search across households, people, organisations and contact persons.
//!
//! The index (`search_fts` + `search_docs`) is derived data: rebuilt for a household or an
//! organisation inside the same transaction as the write that changed it. Queries of three or
//! more letters use FTS5 trigrams (partial words, case- and diacritic-insensitive, ranked by
//! bm25 with names weighted over other text); shorter ones match the start of a name.

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
    let select = format!("SELECT rowid FROM search_docs WHERE {column} = ?1");
    let rowids: Vec<i64> =
        w.tx.prepare_cached(&select)?
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
    for rowid in rowids {
        w.tx.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
            .execute([rowid])?;
        w.tx.prepare_cached("DELETE FROM search_docs WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

fn add_doc(w: &Tx<'_>, d: &Doc) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO search_docs (kind, ref_id, household_id, organisation_id, title, folded) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![d.kind, d.ref_id, d.household_id, d.organisation_id, d.title, fold(&d.title)])?;
    let rowid = w.tx.last_insert_rowid();
    w.tx.prepare_cached("INSERT INTO search_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, d.title, d.body])?;
    Ok(())
}

fn list_text(json: &str) -> String {
    parse_list(json).join(" ")
}

pub(crate) fn reindex_household(w: &mut Tx<'_>, id: &str) -> Result<()> {
    remove_docs(w, "household_id", id)?;
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
        return Ok(());
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
        docs.push(p?);
    }
    drop(stmt);
    for d in &docs {
        add_doc(w, d)?;
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

/// The query as FTS5 terms: each word of three or more letters, quoted (so nothing in it is
/// FTS syntax), all required. `None` when no word is long enough for trigrams.
fn fts_terms(query: &str) -> Option<String> {
    let terms: Vec<String> = fold(query)
        .split(' ')
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

struct RawHit {
    kind: String,
    ref_id: String,
    household_id: Option<String>,
    organisation_id: Option<String>,
    title: String,
}

fn raw_hits(conn: &Connection, query: &str, kinds: &str, limit: u32) -> Result<Vec<RawHit>> {
    let folded = fold(query);
    let map = |r: &rusqlite::Row<'_>| {
        Ok(RawHit {
            kind: r.get(0)?,
            ref_id: r.get(1)?,
            household_id: r.get(2)?,
            organisation_id: r.get(3)?,
            title: r.get(4)?,
        })
    };
    let hits = match fts_terms(query) {
        Some(terms) => {
            // Names that start with what was typed come first, then bm25 (title weighs 10×).
            let sql = format!(
                "SELECT d.kind, d.ref_id, d.household_id, d.organisation_id, d.title
                 FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid
                 WHERE search_fts MATCH ?1 AND d.kind IN ({kinds})
                 ORDER BY substr(d.folded, 1, length(?2)) = ?2 DESC, bm25(search_fts, 10.0, 1.0)
                 LIMIT ?3"
            );
            conn.prepare_cached(&sql)?
                .query_map(params![terms, folded, limit], map)?
                .collect::<Result<Vec<_>, _>>()?
        }
        None if !folded.is_empty() => {
            let sql = format!(
                "SELECT kind, ref_id, household_id, organisation_id, title FROM search_docs
                 WHERE folded >= ?1 AND folded < ?1 || char(1114111) AND kind IN ({kinds})
                 ORDER BY folded LIMIT ?2"
            );
            conn.prepare_cached(&sql)?
                .query_map(params![folded, limit], map)?
                .collect::<Result<Vec<_>, _>>()?
        }
        None => Vec::new(),
    };
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
                    let detail = self
                        .household_row(&id)
                        .map(|r| r.municipalities.join(", "))
                        .unwrap_or_default();
                    (SearchKind::Household, id, detail)
                }
                "person" => {
                    let id = h.household_id.unwrap_or_default();
                    let detail = self.household_row(&id).map(|r| r.name).unwrap_or_default();
                    (SearchKind::Person, id, detail)
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
            fts_terms("Östersund AND \"x").as_deref(),
            Some("\"ostersund\" \"and\"")
        );
        assert_eq!(
            fts_terms("an"),
            None,
            "two letters are too short for trigrams"
        );
    }
}
