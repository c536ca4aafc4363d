//! The duplicate scan across the whole register: pairs of households (and of people inside one
//! household) that look like the same, ranked by how sure Landa is, each with its reasons.
//!
//! Comparing every person with every other is quadratic, so people are only compared within
//! *blocks* that a duplicate would share: the same email, the same phone, or — since a name
//! counts only in the same municipality — the same municipality with the same family name and
//! first initial (for "Ana"/"Anna", and exact names), or with the same first name and start of
//! the family name (for "Lind"/"Lindh"). A block larger than [`MAX_BLOCK`] is skipped: a name
//! that common in one place says little, and an email or phone shared by that many people is a
//! switchboard or a made-up number, not a person (the benchmark database has one phone on 168,738
//! households).

use std::collections::{HashMap, HashSet};

use landa_domain::contact::normalise_phone;
use landa_domain::duplicates::{HIGH, PersonKey, Reason, names_close, person_likeness};
use landa_domain::kinds::MemberRole;
use landa_domain::pipeline::Stage;
use landa_domain::text::fold;
use rusqlite::OptionalExtension;
use serde::Serialize;
use specta::Type;

use crate::Landa;
use crate::app::parse_list;
use crate::dto::{HouseholdInput, NamedRef};
use crate::error::Result;

const MAX_BLOCK: usize = 300;

/// A pair of households (keyed by their first people) or of people within one household.
type PairKey = (DuplicateLevel, usize, usize);
/// The best evidence for a pair: score, reasons, and the two people it is about.
type Evidence = (u8, Vec<Reason>, usize, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateLevel {
    /// Two households that look like one.
    Household,
    /// Two people in the same household that look like one person entered twice.
    Person,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Medium,
}

/// One side of a pair: the household, and the person in it the evidence is about.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PairSide {
    pub household: NamedRef,
    pub person: NamedRef,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DuplicatePair {
    pub level: DuplicateLevel,
    pub score: u8,
    pub confidence: Confidence,
    pub reasons: Vec<Reason>,
    pub a: PairSide,
    pub b: PairSide,
}

struct Person {
    id: String,
    name: String,
    household_id: String,
    household_name: String,
    key: PersonKey,
}

impl Landa {
    /// Every likely duplicate in the register, surest first, at most `limit` pairs. Households
    /// already marked as a duplicate of another are left out: that pair is settled.
    pub fn duplicate_scan(&self, limit: u32) -> Result<Vec<DuplicatePair>> {
        let people = self.people_for_scan()?;
        let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in people.iter().enumerate() {
            let k = &p.key;
            for e in &k.emails {
                blocks.entry(format!("e:{e}")).or_default().push(i);
            }
            for ph in &k.phones {
                blocks.entry(format!("p:{ph}")).or_default().push(i);
            }
            if !k.first.is_empty() {
                let initial: String = k.first.chars().take(1).collect();
                let start: String = k.last.chars().take(3).collect();
                for place in &k.municipalities {
                    blocks
                        .entry(format!("l:{place}|{}|{initial}", k.last))
                        .or_default()
                        .push(i);
                    blocks
                        .entry(format!("f:{place}|{}|{start}", k.first))
                        .or_default()
                        .push(i);
                }
            }
        }
        // Each person's household, as the index of its first person (people come ordered by
        // household): household pairs are keyed by these, so one pair of households appears
        // once whichever members matched.
        let mut first = Vec::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            let same = i > 0 && people[i - 1].household_id == p.household_id;
            first.push(if same { first[i - 1] } else { i });
        }
        // The best evidence per pair of households (or of people within one household).
        let mut best: HashMap<PairKey, Evidence> = HashMap::new();
        for members in blocks.values() {
            if members.len() < 2 || members.len() > MAX_BLOCK {
                continue;
            }
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    let (pi, pj) = (&people[i], &people[j]);
                    let Some(l) = person_likeness(&pi.key, &pj.key) else {
                        continue;
                    };
                    let key = if pi.household_id == pj.household_id {
                        (DuplicateLevel::Person, i.min(j), i.max(j))
                    } else {
                        let (hi, hj) = (first[i], first[j]);
                        (DuplicateLevel::Household, hi.min(hj), hi.max(hj))
                    };
                    let better = best.get(&key).is_none_or(|(s, ..)| l.score > *s);
                    if better {
                        best.insert(key, (l.score, l.reasons, i, j));
                    }
                }
            }
        }
        let settled = self.not_duplicate_pairs()?;
        let mut pairs: Vec<DuplicatePair> = best
            .into_values()
            .filter(|(_, _, i, j)| {
                let (pi, pj) = (&people[*i], &people[*j]);
                let key = |a: &str, b: &str| {
                    if a < b {
                        (a.to_owned(), b.to_owned())
                    } else {
                        (b.to_owned(), a.to_owned())
                    }
                };
                !settled.contains(&("households", key(&pi.household_id, &pj.household_id)))
                    && !settled.contains(&("persons", key(&pi.id, &pj.id)))
            })
            .map(|(score, reasons, i, j)| {
                let (pi, pj) = (&people[i], &people[j]);
                let side = |p: &Person| PairSide {
                    household: NamedRef {
                        id: p.household_id.clone(),
                        name: p.household_name.clone(),
                    },
                    person: NamedRef {
                        id: p.id.clone(),
                        name: p.name.clone(),
                    },
                };
                DuplicatePair {
                    level: if pi.household_id == pj.household_id {
                        DuplicateLevel::Person
                    } else {
                        DuplicateLevel::Household
                    },
                    score,
                    confidence: if score >= HIGH {
                        Confidence::High
                    } else {
                        Confidence::Medium
                    },
                    reasons,
                    a: side(pi),
                    b: side(pj),
                }
            })
            .collect();
        pairs.sort_by(|x, y| {
            y.score
                .cmp(&x.score)
                .then_with(|| x.a.household.name.cmp(&y.a.household.name))
                .then_with(|| x.a.person.id.cmp(&y.a.person.id))
                .then_with(|| x.b.person.id.cmp(&y.b.person.id))
        });
        pairs.truncate(limit as usize);
        Ok(pairs)
    }

    /// Pairs marked as not the same (`(entity, (smaller id, larger id))`).
    fn not_duplicate_pairs(
        &self,
    ) -> Result<std::collections::HashSet<(&'static str, (String, String))>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT entity, a_id, b_id FROM not_duplicates WHERE deleted = 0")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = std::collections::HashSet::new();
        for row in rows {
            let (entity, a, b) = row?;
            let entity = if entity == "persons" {
                "persons"
            } else {
                "households"
            };
            out.insert((entity, (a, b)));
        }
        Ok(out)
    }

    fn people_for_scan(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.first_name, coalesce(p.last_name, ''), p.emails, p.phones, p.birth_year,
                    h.id, h.name, h.desired_municipalities
               FROM persons p JOIN households h ON h.id = p.household_id
              WHERE p.deleted = 0 AND h.deleted = 0 AND h.duplicate_of IS NULL
              ORDER BY h.id, p.position",
        )?;
        let rows = stmt.query_map([], |r| {
            let first: String = r.get(1)?;
            let last: String = r.get(2)?;
            let key = PersonKey::new(
                &first,
                &last,
                &parse_list(&r.get::<_, String>(3)?),
                &parse_list(&r.get::<_, String>(4)?),
                r.get(5)?,
                &parse_list(&r.get::<_, String>(8)?),
            );
            Ok(Person {
                id: r.get(0)?,
                name: format!("{first} {last}").trim().to_owned(),
                household_id: r.get(6)?,
                household_name: r.get(7)?,
                key,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

// ---------------------------------------------------------------------------------------------
// On entry: while a household is typed, the existing households it looks like.
//
// The scan's rules, applied only to the people being typed and reached only through indexed
// look-ups, so it can run on every pause in typing:
// - each email and phone in `contact_keys` (one primary-key range; a contact shared by more
//   than `MAX_BLOCK` people is a switchboard, as in the scan);
// - people with the same family name through the name-word index (`search_words`, the longest
//   word of the folded family name; `persons` has no index on names). A name counts only in
//   the same municipality, so only close names are kept (from the index row itself), then only
//   those whose household wants one of the municipalities typed, before anyone is read.

/// At most this many similar households are shown while typing.
const SIMILAR_SHOWN: usize = 5;

/// An existing household that looks like the one being entered, through its best-matching
/// pair of people.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SimilarHousehold {
    pub household: NamedRef,
    /// The person in that household the evidence is about.
    pub person: NamedRef,
    /// The member of the input (its position in `members`) who looks like that person.
    pub member_index: u32,
    pub score: u8,
    pub confidence: Confidence,
    pub reasons: Vec<Reason>,
    pub stage: Stage,
}

/// An existing person found by a look-up, keyed as the scan keys people.
struct Candidate {
    person: NamedRef,
    household: NamedRef,
    stage: Stage,
    key: PersonKey,
}

impl Landa {
    /// Existing households that look like `input` (a household being entered or edited),
    /// surest first, at most five, each through its best pair of people. `exclude` is the
    /// household being edited. Deleted households and households marked as a duplicate are
    /// left out, as in the scan.
    pub fn similar_households(
        &self,
        input: &HouseholdInput,
        exclude: Option<&str>,
    ) -> Result<Vec<SimilarHousehold>> {
        let members = typed_people(input);
        let mut ids = self.people_by_contact(&members)?;
        ids.extend(self.namesakes(&members, input, exclude)?);
        let mut seen = HashSet::new();
        ids.retain(|id| seen.insert(id.clone()));
        // Every person found against every person typed; the best pair per household.
        // `person_likeness` reports only pairs from `REPORT_FROM`.
        let mut best: HashMap<String, SimilarHousehold> = HashMap::new();
        for id in &ids {
            let Some(c) = self.candidate(id)? else {
                continue;
            };
            if exclude == Some(c.household.id.as_str()) {
                continue;
            }
            for (i, key) in &members {
                let Some(l) = person_likeness(key, &c.key) else {
                    continue;
                };
                if best
                    .get(&c.household.id)
                    .is_some_and(|b| b.score >= l.score)
                {
                    continue;
                }
                let found = SimilarHousehold {
                    household: c.household.clone(),
                    person: c.person.clone(),
                    member_index: u32::try_from(*i).unwrap_or(u32::MAX),
                    score: l.score,
                    confidence: if l.score >= HIGH {
                        Confidence::High
                    } else {
                        Confidence::Medium
                    },
                    reasons: l.reasons,
                    stage: c.stage,
                };
                best.insert(c.household.id.clone(), found);
            }
        }
        let mut out: Vec<SimilarHousehold> = best.into_values().collect();
        out.sort_by(|x, y| {
            y.score
                .cmp(&x.score)
                .then_with(|| x.household.name.cmp(&y.household.name))
                .then_with(|| x.household.id.cmp(&y.household.id))
        });
        out.truncate(SIMILAR_SHOWN);
        Ok(out)
    }

    /// People with any email or phone typed, except switchboards (in no particular order, a
    /// person possibly more than once).
    fn people_by_contact(&self, members: &[(usize, PersonKey)]) -> Result<Vec<String>> {
        let mut contacts: Vec<&str> = members
            .iter()
            .flat_map(|(_, k)| k.emails.iter().chain(&k.phones))
            .map(String::as_str)
            .collect();
        contacts.sort_unstable();
        contacts.dedup();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT person_id FROM contact_keys WHERE contact = ?1 LIMIT {}",
            MAX_BLOCK + 1
        ))?;
        let mut ids: Vec<String> = Vec::new();
        for contact in contacts {
            let people: Vec<String> = stmt
                .query_map([contact], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            if people.len() <= MAX_BLOCK {
                ids.extend(people);
            }
        }
        Ok(ids)
    }

    /// People with the same family name as someone typed and a close full name, whose live,
    /// not excluded household wants one of the municipalities typed. None without a
    /// municipality: a name alone is no evidence.
    fn namesakes(
        &self,
        members: &[(usize, PersonKey)],
        input: &HouseholdInput,
        exclude: Option<&str>,
    ) -> Result<Vec<String>> {
        let places: Vec<String> = input
            .desired_municipalities
            .iter()
            .map(|m| fold(m))
            .filter(|m| !m.is_empty())
            .collect();
        if places.is_empty() {
            return Ok(Vec::new());
        }
        // The folded full names typed, grouped by the family-name word to look up.
        let mut words: Vec<(&str, String)> = members
            .iter()
            .filter(|(_, k)| !k.first.is_empty())
            .filter_map(|(_, k)| longest_word(&k.last).map(|w| (w, k.full_name())))
            .collect();
        words.sort();
        let mut by_word = self.conn.prepare_cached(
            "SELECT d.ref_id, d.household_id, d.folded
               FROM search_words w JOIN search_docs d ON d.rowid = w.doc
              WHERE w.word = ?1 AND d.kind = 'person'",
        )?;
        // Per household found: whether it is in one of the places typed (and usable).
        let mut in_place: HashMap<String, bool> = HashMap::new();
        let mut ids: Vec<String> = Vec::new();
        for group in words.chunk_by(|a, b| a.0 == b.0) {
            let rows = by_word.query_map([group[0].0], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            let mut found: Vec<String> = Vec::new();
            for row in rows {
                let (person, household, folded) = row?;
                let Some(household) = household else {
                    continue;
                };
                if !group.iter().any(|(_, name)| names_close(name, &folded)) {
                    continue;
                }
                let here = match in_place.get(&household) {
                    Some(here) => *here,
                    None => {
                        let here = exclude != Some(household.as_str())
                            && self.wants_any(&household, &places)?;
                        in_place.insert(household, here);
                        here
                    }
                };
                if here {
                    found.push(person);
                    if found.len() > MAX_BLOCK {
                        break;
                    }
                }
            }
            // As in the scan: a name that common in one place says little.
            if found.len() <= MAX_BLOCK {
                ids.extend(found);
            }
        }
        Ok(ids)
    }

    /// Whether a live household not marked as a duplicate wants one of these folded places.
    fn wants_any(&self, household_id: &str, places: &[String]) -> Result<bool> {
        let wanted: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT desired_municipalities FROM households
                  WHERE id = ?1 AND deleted = 0 AND duplicate_of IS NULL",
            )?
            .query_row([household_id], |r| r.get(0))
            .optional()?;
        Ok(wanted.is_some_and(|w| parse_list(&w).iter().any(|m| places.contains(&fold(m)))))
    }

    /// A live person in a live household that is not marked as a duplicate.
    fn candidate(&self, person_id: &str) -> Result<Option<Candidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.first_name, coalesce(p.last_name, ''), p.emails, p.phones, p.birth_year,
                    h.id, h.name, h.desired_municipalities, h.stage
               FROM persons p JOIN households h ON h.id = p.household_id
              WHERE p.id = ?1 AND p.deleted = 0 AND h.deleted = 0 AND h.duplicate_of IS NULL",
        )?;
        Ok(stmt
            .query_row([person_id], |r| {
                let first: String = r.get(0)?;
                let last: String = r.get(1)?;
                Ok(Candidate {
                    key: PersonKey::new(
                        &first,
                        &last,
                        &parse_list(&r.get::<_, String>(2)?),
                        &parse_list(&r.get::<_, String>(3)?),
                        r.get(4)?,
                        &parse_list(&r.get::<_, String>(7)?),
                    ),
                    person: NamedRef {
                        id: person_id.to_owned(),
                        name: format!("{first} {last}").trim().to_owned(),
                    },
                    household: NamedRef {
                        id: r.get(5)?,
                        name: r.get(6)?,
                    },
                    stage: Stage::from_code(&r.get::<_, String>(8)?).unwrap_or(Stage::LeadCaptured),
                })
            })
            .optional()?)
    }
}

/// The people typed, with their positions, as the scan sees people: folded names, lower-cased
/// emails, E.164 phones (what `contact_keys` holds; anything not yet a valid address or number
/// is left out). Adults, and children who have a name: a child known by age only, or an adult
/// with neither a name nor a contact detail, is no one to compare.
fn typed_people(input: &HouseholdInput) -> Vec<(usize, PersonKey)> {
    input
        .members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let emails: Vec<String> = m
                .emails
                .iter()
                .filter_map(|e| crate::organisations::email_field(e))
                .map(|e| e.to_lowercase())
                .collect();
            let phones: Vec<String> = m
                .phones
                .iter()
                .filter_map(|p| normalise_phone(p, "phone").ok())
                .collect();
            let key = PersonKey::new(
                &m.first_name,
                &m.last_name,
                &emails,
                &phones,
                m.birth_year,
                &input.desired_municipalities,
            );
            let adult = m.role.unwrap_or(MemberRole::Adult) == MemberRole::Adult;
            let named = !key.first.is_empty();
            let contact = !key.emails.is_empty() || !key.phones.is_empty();
            (named || (adult && contact)).then_some((i, key))
        })
        .collect()
}

/// The longest word of a folded family name (the last of equally long ones), as the name-word
/// index splits names: "af klercker" → "klercker", "lind-berg" → "berg".
fn longest_word(folded: &str) -> Option<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .fold(None, |best: Option<&str>, w| match best {
            Some(b) if b.chars().count() > w.chars().count() => Some(b),
            _ => Some(w),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_word_of_a_family_name_is_looked_up() {
        assert_eq!(longest_word("af klercker"), Some("klercker"));
        assert_eq!(longest_word("lind-berg"), Some("berg"));
        assert_eq!(longest_word("o'brien"), Some("brien"));
        assert_eq!(longest_word(""), None);
    }
}
