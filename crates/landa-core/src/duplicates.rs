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

use std::collections::HashMap;

use landa_domain::duplicates::{HIGH, PersonKey, Reason, person_likeness};
use serde::Serialize;
use specta::Type;

use crate::Landa;
use crate::app::parse_list;
use crate::dto::NamedRef;
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
        let mut pairs: Vec<DuplicatePair> = best
            .into_values()
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
