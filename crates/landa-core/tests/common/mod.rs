#![allow(dead_code)]

use std::sync::Arc;

use chrono::{DateTime, Utc};
use landa_core::clock::{FixedClock, RandomIds};
use landa_core::dto::{HouseholdInput, MemberInput};
use landa_core::{Landa, OpenOptions};
use landa_domain::kinds::MemberRole;

/// The key test databases on disk are encrypted with (tests that need a passphrase derive
/// one through `landa_core::protection`).
pub fn key() -> landa_core::protection::Key {
    landa_core::protection::Key::new([7; 32], [8; 16])
}

pub fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

/// A Landa on an in-memory database, a pinned clock (2026-11-23 10:00 UTC) and seeded ids,
/// with one coordinator as the current user.
pub fn landa() -> (Landa, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::at(t("2026-11-23T10:00:00Z")));
    let mut l = Landa::open_in_memory(OpenOptions {
        clock: clock.clone(),
        ids: Arc::new(RandomIds::seeded(1)),
    })
    .unwrap();
    l.create_user("Karin Lindgren").unwrap();
    (l, clock)
}

pub fn adult(first: &str, last: &str) -> MemberInput {
    MemberInput {
        first_name: first.into(),
        last_name: last.into(),
        role: Some(MemberRole::Adult),
        ..Default::default()
    }
}

pub fn child(first: &str, last: &str, year: i32) -> MemberInput {
    MemberInput {
        first_name: first.into(),
        last_name: last.into(),
        role: Some(MemberRole::Child),
        birth_year: Some(year),
        ..Default::default()
    }
}

pub fn household(members: Vec<MemberInput>) -> HouseholdInput {
    HouseholdInput {
        members,
        desired_municipalities: vec!["Östersund".into()],
        ..Default::default()
    }
}

pub fn count(l: &Landa, table: &str) -> i64 {
    l.connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
