//! Merging two records that are the same household, person or organisation, and remembering
//! pairs that are not.
//!
//! A merge keeps one record (*kept*) and folds the other (*merged*) into it, in one write:
//!
//! - every field the coordinator chose from the merged record is written to the kept one;
//!   lists (municipalities, tags, interests, emails, phones, languages) are joined; the first
//!   contact is the earlier of the two;
//! - everything that points at the merged record — members, timeline, stage history, links,
//!   tasks, matches, referrals, attendance, consents (through the people), contact persons —
//!   is moved to the kept one. The references are found from the schema's foreign keys, so a
//!   table added later is moved too;
//! - the merged record is tombstoned (a household also names the one it went into).
//!
//! Both timelines and histories survive, now under one record, and every step is in the
//! change log. The merge is remembered with the clock stamps of its transaction and the rows it
//! wrote, so it can be undone like an import ([`crate::undo`]).

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use specta::Type;

use crate::app::{Landa, require_row};
use crate::changes::{ENTITIES, from_sql};
use crate::dto::NamedRef;
use crate::error::{Error, Result};
use crate::undo::UndoSummary;
use landa_domain::{ValidationError, ValidationKind};

/// What can be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MergeEntity {
    Households,
    /// Two people of one household (entered twice).
    Persons,
    Organisations,
}

impl MergeEntity {
    pub fn table(self) -> &'static str {
        match self {
            MergeEntity::Households => "households",
            MergeEntity::Persons => "persons",
            MergeEntity::Organisations => "organisations",
        }
    }

    fn from_table(t: &str) -> Option<Self> {
        [
            MergeEntity::Households,
            MergeEntity::Persons,
            MergeEntity::Organisations,
        ]
        .into_iter()
        .find(|e| e.table() == t)
    }

    /// Fields where the coordinator chooses which record's value wins, in display order.
    pub fn choosable(self) -> &'static [&'static str] {
        match self {
            MergeEntity::Households => &[
                "name",
                "stage",
                "owner_id",
                "source",
                "source_event_id",
                "time_frame",
                "notes",
                "referred_by_id",
                "ambassador_story",
            ],
            MergeEntity::Persons => &[
                "first_name",
                "last_name",
                "role",
                "birth_year",
                "profession",
            ],
            MergeEntity::Organisations => &[
                "name",
                "kind",
                "municipality",
                "website",
                "email",
                "phone",
                "notes",
            ],
        }
    }

    /// Fields holding lists: the merge keeps every item of both.
    pub fn lists(self) -> &'static [&'static str] {
        match self {
            MergeEntity::Households => &["desired_municipalities", "tags", "interests"],
            MergeEntity::Persons => &["emails", "phones", "languages"],
            MergeEntity::Organisations => &[],
        }
    }
}

/// Fields that travel with `stage`: the stage's dates and reasons.
const WITH_STAGE: &[&str] = &["closed_reason", "arrived_on", "moved_away_reason"];

/// One field of the pair, as both records hold it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeField {
    pub field: String,
    /// The stored values as text (lists joined by ", ", references by the name they point to).
    pub kept: String,
    pub merged: String,
    /// A list: both are kept, so there is nothing to choose.
    pub list: bool,
    /// The values differ, so the choice matters.
    pub differs: bool,
}

/// How many rows of a table the merge moves to the kept record.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeMove {
    pub table: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergePreview {
    pub entity: MergeEntity,
    pub kept: NamedRef,
    pub merged: NamedRef,
    pub fields: Vec<MergeField>,
    pub moves: Vec<MergeMove>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MergeInput {
    pub entity: MergeEntity,
    pub kept_id: String,
    pub merged_id: String,
    /// The choosable fields whose value comes from the merged record; all others keep theirs.
    pub take_from_merged: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeDto {
    pub id: String,
    pub entity: MergeEntity,
    pub kept: NamedRef,
    pub merged: NamedRef,
    pub created_at: String,
    pub created_by: Option<String>,
    pub undone_at: Option<String>,
}

/// Pairs of records that can be marked as not the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum PairEntity {
    Households,
    Persons,
}

impl PairEntity {
    pub fn code(self) -> &'static str {
        match self {
            PairEntity::Households => "households",
            PairEntity::Persons => "persons",
        }
    }
}

/// Every column of a row as JSON values, by name.
fn row_values(conn: &Connection, table: &str, id: &str) -> Result<Map<String, Value>> {
    let spec = crate::changes::spec(table).ok_or_else(|| Error::Corrupt(table.into()))?;
    let sql = format!(
        "SELECT {} FROM {table} WHERE id = ?1",
        spec.fields.join(", ")
    );
    let values: Option<Vec<rusqlite::types::Value>> = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| {
            (0..spec.fields.len())
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })
        .optional()?;
    let values = values.ok_or(Error::not_found(spec.table))?;
    Ok(spec
        .fields
        .iter()
        .map(|f| (*f).to_owned())
        .zip(values.into_iter().map(from_sql))
        .collect())
}

fn list_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => crate::app::parse_list(s),
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn joined(a: &Value, b: &Value) -> Value {
    let mut out = list_of(a);
    for item in list_of(b) {
        if !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item);
        }
    }
    crate::app::json_list(&out)
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The (table, column) pairs whose column refers to rows of `target`, from the schema.
fn references_to(conn: &Connection, target: &str) -> Result<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    for spec in ENTITIES {
        let mut stmt =
            conn.prepare_cached("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")?;
        let refs: Vec<(String, String)> = stmt
            .query_map([spec.table], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (to, column) in refs {
            if to == target && spec.fields.contains(&column.as_str()) {
                out.push((spec.table, column));
            }
        }
    }
    Ok(out)
}

/// Ids of the live rows of `table` whose `column` is `id`.
fn referring(conn: &Connection, table: &str, column: &str, id: &str) -> Result<Vec<String>> {
    let live = match crate::changes::spec(table) {
        Some(s) if s.fields.contains(&"deleted") => " AND deleted = 0",
        _ => "",
    };
    let sql = format!("SELECT id FROM {table} WHERE {column} = ?1{live} ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt.query_map([id], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

impl Landa {
    /// Both records side by side, and what the merge would move.
    pub fn merge_preview(
        &self,
        entity: MergeEntity,
        kept_id: &str,
        merged_id: &str,
    ) -> Result<MergePreview> {
        self.check_pair(entity, kept_id, merged_id)?;
        let kept = row_values(&self.conn, entity.table(), kept_id)?;
        let merged = row_values(&self.conn, entity.table(), merged_id)?;
        let mut fields = Vec::new();
        for f in entity.choosable().iter().chain(entity.lists()) {
            let list = entity.lists().contains(f);
            let (k, m) = (&kept[*f], &merged[*f]);
            let (kt, mt) = if list {
                (list_of(k).join(", "), list_of(m).join(", "))
            } else {
                (self.shown(f, k)?, self.shown(f, m)?)
            };
            fields.push(MergeField {
                field: (*f).to_owned(),
                differs: kt != mt,
                kept: kt,
                merged: mt,
                list,
            });
        }
        let mut moves = Vec::new();
        for (table, column) in references_to(&self.conn, entity.table())? {
            let n = referring(&self.conn, table, &column, merged_id)?.len() as u32;
            if n > 0 {
                match moves.iter_mut().find(|m: &&mut MergeMove| m.table == table) {
                    Some(m) => m.count += n,
                    None => moves.push(MergeMove {
                        table: table.to_owned(),
                        count: n,
                    }),
                }
            }
        }
        Ok(MergePreview {
            entity,
            kept: self.record_name(entity, kept_id)?,
            merged: self.record_name(entity, merged_id)?,
            fields,
            moves,
        })
    }

    /// A stored value as the coordinator reads it: a reference by the name it points to.
    fn shown(&self, field: &str, v: &Value) -> Result<String> {
        let Some(id) = v.as_str() else {
            return Ok(text_of(v));
        };
        let table = match field {
            "owner_id" => "users",
            "source_event_id" => "events",
            "referred_by_id" => "households",
            _ => return Ok(text_of(v)),
        };
        let name: Option<String> = self
            .conn
            .query_row(
                &format!("SELECT name FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(name.unwrap_or_else(|| id.to_owned()))
    }

    fn record_name(&self, entity: MergeEntity, id: &str) -> Result<NamedRef> {
        let sql = match entity {
            MergeEntity::Persons => {
                "SELECT first_name || coalesce(' ' || last_name, '') FROM persons WHERE id = ?1"
            }
            MergeEntity::Households => "SELECT name FROM households WHERE id = ?1",
            MergeEntity::Organisations => "SELECT name FROM organisations WHERE id = ?1",
        };
        let name: String = self.conn.query_row(sql, [id], |r| r.get(0))?;
        Ok(NamedRef {
            id: id.to_owned(),
            name,
        })
    }

    /// Both live, not the same, and (people) in one household.
    fn check_pair(&self, entity: MergeEntity, kept: &str, merged: &str) -> Result<()> {
        require_row(&self.conn, entity.table(), kept, "kept_id")?;
        require_row(&self.conn, entity.table(), merged, "merged_id")?;
        if kept == merged {
            return Err(ValidationError::new("merged_id", ValidationKind::SelfReference).into());
        }
        if entity == MergeEntity::Persons {
            let same: bool = self.conn.query_row(
                "SELECT a.household_id = b.household_id FROM persons a, persons b
                 WHERE a.id = ?1 AND b.id = ?2",
                [kept, merged],
                |r| r.get(0),
            )?;
            if !same {
                return Err(
                    ValidationError::new("merged_id", ValidationKind::NotSameHousehold).into(),
                );
            }
        }
        Ok(())
    }

    /// Merges `merged_id` into `kept_id` in one write (see the module docs).
    pub fn merge(&mut self, input: &MergeInput) -> Result<MergeDto> {
        let entity = input.entity;
        self.check_pair(entity, &input.kept_id, &input.merged_id)?;
        if let Some(f) = input
            .take_from_merged
            .iter()
            .find(|f| !entity.choosable().contains(&f.as_str()))
        {
            return Err(ValidationError::new(
                format!("take_from_merged.{f}"),
                ValidationKind::UnknownValue,
            )
            .into());
        }
        let id = self.new_id();
        let (kept, merged) = (input.kept_id.clone(), input.merged_id.clone());
        self.write(|w, ctx| {
            let from = w.last_stamp();
            w.deferred_index = Some(Vec::new());
            let k = row_values(&w.tx, entity.table(), &kept)?;
            let m = row_values(&w.tx, entity.table(), &merged)?;
            let mut fields: Vec<(&str, Value)> = Vec::new();
            for f in entity.choosable() {
                if input.take_from_merged.iter().any(|t| t == f) {
                    fields.push((f, m[*f].clone()));
                    if *f == "stage" {
                        fields.extend(WITH_STAGE.iter().map(|s| (*s, m[*s].clone())));
                    }
                }
            }
            for f in entity.lists() {
                fields.push((f, joined(&k[*f], &m[*f])));
            }
            if let (Some(a), Some(b)) = (k["created_at"].as_str(), m["created_at"].as_str())
                && b < a
            {
                fields.push(("created_at", Value::from(b)));
            }
            if entity == MergeEntity::Organisations && m["participating"] == 1 {
                fields.push(("participating", Value::from(1)));
                let since = [k["participating_since"].as_str(), m["participating_since"].as_str()]
                    .into_iter()
                    .flatten()
                    .min()
                    .map(Value::from)
                    .unwrap_or(Value::Null);
                fields.push(("participating_since", since));
            }
            w.update(entity.table(), &kept, &fields)?;

            // Move everything that points at the merged record.
            let mut position: i64 = if entity == MergeEntity::Households {
                w.tx.query_row(
                    "SELECT coalesce(max(position), -1) + 1 FROM persons WHERE household_id = ?1 AND deleted = 0",
                    [&kept],
                    |r| r.get(0),
                )?
            } else {
                0
            };
            for (table, column) in references_to(&w.tx, entity.table())? {
                for row in referring(&w.tx, table, &column, &merged)? {
                    if table == entity.table() && row == kept {
                        continue;
                    }
                    let spec = crate::changes::spec(table).ok_or_else(|| Error::Corrupt(table.into()))?;
                    if spec.append_only {
                        w.update_references(table, &row, &[(column.as_str(), Value::from(kept.as_str()))])?;
                    } else if table == "persons" && column == "household_id" {
                        w.update(
                            table,
                            &row,
                            &[
                                ("household_id", Value::from(kept.as_str())),
                                ("position", Value::from(position)),
                            ],
                        )?;
                        position += 1;
                    } else {
                        w.update(table, &row, &[(column.as_str(), Value::from(kept.as_str()))])?;
                    }
                }
            }
            let mut gone: Vec<(&str, Value)> = vec![("deleted", Value::from(1))];
            if entity == MergeEntity::Households {
                gone.push(("duplicate_of", Value::from(kept.as_str())));
            }
            w.update(entity.table(), &merged, &gone)?;
            match entity {
                MergeEntity::Households => {
                    crate::search::reindex_household(w, &kept)?;
                    crate::search::reindex_household(w, &merged)?;
                }
                MergeEntity::Persons => {
                    let h: String = w.tx.query_row(
                        "SELECT household_id FROM persons WHERE id = ?1",
                        [&kept],
                        |r| r.get(0),
                    )?;
                    crate::search::reindex_household(w, &h)?;
                }
                MergeEntity::Organisations => {
                    crate::search::reindex_organisations(w, &[merged.clone(), kept.clone()])?;
                }
            }
            crate::search::flush_deferred(w)?;
            let to = w.last_stamp();
            w.tx.execute(
                "INSERT INTO merges (id, entity, kept_id, merged_id, created_at, created_by, hlc_from, hlc_to)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, entity.table(), kept, merged, ctx.now_text(), ctx.user_id, from, to],
            )?;
            crate::undo::record_rows(w, &id)?;
            Ok(())
        })?;
        self.merge_dto(&id)
    }

    /// Undoes a merge: the merged record comes back with everything that was moved from it,
    /// and the kept record's fields are set back, except those changed since.
    pub fn undo_merge(&mut self, id: &str) -> Result<UndoSummary> {
        self.undo_operation(crate::undo::Operation::Merge, id)
    }

    /// The latest merges on this device, newest first.
    pub fn merges(&self, limit: u32) -> Result<Vec<MergeDto>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM merges ORDER BY created_at DESC, id DESC LIMIT ?1")?
            .query_map([limit], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.merge_dto(id)).collect()
    }

    fn merge_dto(&self, id: &str) -> Result<MergeDto> {
        let (entity, kept, merged, created_at, created_by, undone_at): (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT m.entity, m.kept_id, m.merged_id, m.created_at, u.name, m.undone_at
             FROM merges m LEFT JOIN users u ON u.id = m.created_by WHERE m.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        let entity = MergeEntity::from_table(&entity)
            .ok_or_else(|| Error::Corrupt("merge entity".into()))?;
        Ok(MergeDto {
            id: id.to_owned(),
            entity,
            kept: self.record_name(entity, &kept)?,
            merged: self.record_name(entity, &merged)?,
            created_at,
            created_by,
            undone_at,
        })
    }

    /// Remembers that two households (or two people) are not the same: the duplicate scan
    /// leaves the pair out from now on.
    pub fn mark_not_duplicates(&mut self, entity: PairEntity, a: &str, b: &str) -> Result<()> {
        require_row(&self.conn, entity.code(), a, "a_id")?;
        require_row(&self.conn, entity.code(), b, "b_id")?;
        if a == b {
            return Err(ValidationError::new("b_id", ValidationKind::SelfReference).into());
        }
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        let known: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM not_duplicates
                            WHERE entity = ?1 AND a_id = ?2 AND b_id = ?3 AND deleted = 0)",
            [entity.code(), a, b],
            |r| r.get(0),
        )?;
        if known {
            return Ok(());
        }
        let id = self.new_id();
        self.write(|w, ctx| {
            w.insert(
                "not_duplicates",
                &id,
                &[
                    ("entity", Value::from(entity.code())),
                    ("a_id", Value::from(a)),
                    ("b_id", Value::from(b)),
                    ("created_at", Value::from(ctx.now_text())),
                    ("created_by", ctx.user()),
                ],
            )
        })
    }
}
