//! Time and ids are passed in, never read from the system inside a use case, so tests can pin
//! them and get the same database twice.

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock for tests and demo data: starts where it is told and moves only when asked.
pub struct FixedClock {
    millis: AtomicI64,
}

impl FixedClock {
    pub fn at(time: DateTime<Utc>) -> Self {
        Self {
            millis: AtomicI64::new(time.timestamp_millis()),
        }
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.millis
            .fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }

    pub fn set(&self, time: DateTime<Utc>) {
        self.millis.store(time.timestamp_millis(), Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.millis.load(Ordering::SeqCst)).unwrap_or_default()
    }
}

/// Makes UUID v7 ids: the time part from the clock the caller passes, the rest from a generator.
pub trait IdGen: Send + Sync {
    fn next_id(&self, now: DateTime<Utc>) -> Uuid;
}

/// Random UUID v7 ids that also rise within one millisecond: a write stamps every row it makes
/// with the same time, and ids that keep rising are appended at the end of each index instead
/// of being scattered over the millisecond's pages (a 100,000-row import split pages all over
/// its b-trees and wrote half-empty ones).
pub struct RandomIds {
    state: Mutex<IdState>,
}

struct IdState {
    rng: ChaCha8Rng,
    last: Option<Uuid>,
}

impl RandomIds {
    /// Seeded from the operating system's random source.
    pub fn from_os() -> Self {
        let seed = Uuid::new_v4().as_u128() ^ (Uuid::new_v4().as_u128() << 1);
        Self::seeded(seed as u64 ^ (seed >> 64) as u64)
    }

    /// The same seed gives the same ids: used by tests and `landa demo --seed`.
    pub fn seeded(seed: u64) -> Self {
        Self {
            state: Mutex::new(IdState {
                rng: ChaCha8Rng::seed_from_u64(seed),
                last: None,
            }),
        }
    }
}

impl IdGen for RandomIds {
    fn next_id(&self, now: DateTime<Utc>) -> Uuid {
        let millis = now.timestamp_millis().max(0) as u64;
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut bytes = [0u8; 10];
        state.rng.fill_bytes(&mut bytes);
        let mut id = uuid::Builder::from_unix_timestamp_millis(millis, &bytes).into_uuid();
        if let Some(last) = state.last.filter(|l| same_millis(l, millis) && *l >= id) {
            // RFC 9562 §6.2, method 3: in the same millisecond, one more than the last id, kept
            // inside the random bits. Running out of them (never in practice) keeps the random id.
            if let Some(next) = next_in_millis(last) {
                id = next;
            }
        }
        state.last = Some(id);
        id
    }
}

fn same_millis(id: &Uuid, millis: u64) -> bool {
    (id.as_u128() >> 80) as u64 == millis
}

/// The id after `id` in its millisecond: its 74 random bits (12 in `rand_a`, 62 in `rand_b`)
/// counted up by one, the version and variant bits left as they are.
fn next_in_millis(id: Uuid) -> Option<Uuid> {
    let v = id.as_u128();
    let rand_a = (v >> 64) & 0xfff;
    let rand_b = v & ((1u128 << 62) - 1);
    let counter = ((rand_a << 62) | rand_b) + 1;
    if counter >> 74 != 0 {
        return None;
    }
    let fixed = v & !((0xfffu128 << 64) | ((1u128 << 62) - 1));
    Some(Uuid::from_u128(
        fixed | ((counter >> 62) << 64) | (counter & ((1u128 << 62) - 1)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_version_7_and_seeded_ids_repeat() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .to_utc();
        let a = RandomIds::seeded(7);
        let b = RandomIds::seeded(7);
        let id = a.next_id(now);
        assert_eq!(
            id.get_version_num(),
            7,
            "ids must be UUID v7 so they sort by creation"
        );
        assert_eq!(id, b.next_id(now), "the same seed must give the same ids");
        assert_ne!(
            a.next_id(now),
            id,
            "two ids in the same millisecond still differ"
        );
    }

    #[test]
    fn ids_in_one_millisecond_keep_rising() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
            .unwrap()
            .to_utc();
        let ids = RandomIds::seeded(3);
        let made: Vec<Uuid> = (0..10_000).map(|_| ids.next_id(now)).collect();
        assert!(
            made.windows(2).all(|w| w[0] < w[1]),
            "ids made in one millisecond must rise, so rows are appended to their indexes"
        );
        assert!(
            made.iter()
                .all(|id| id.get_version_num() == 7 && id.get_variant() == uuid::Variant::RFC4122),
            "counting up must keep the version and variant bits"
        );
        let later = ids.next_id(now + chrono::Duration::milliseconds(1));
        assert!(later > made[9_999], "a later millisecond sorts after");
    }

    #[test]
    fn counting_up_carries_from_rand_b_into_rand_a() {
        let id = Uuid::from_u128(
            (0x0123_4567_89abu128 << 80)
                | (0x7u128 << 76)
                | (0x5u128 << 64)
                | (0b10u128 << 62)
                | ((1u128 << 62) - 1),
        );
        let next = next_in_millis(id).expect("room left");
        assert_eq!(next.as_u128() >> 80, 0x0123_4567_89ab, "same millisecond");
        assert_eq!(
            (next.as_u128() >> 64) & 0xfff,
            0x6,
            "the carry goes into rand_a"
        );
        assert_eq!(
            next.as_u128() & ((1u128 << 62) - 1),
            0,
            "rand_b starts again"
        );
        assert_eq!(next.get_version_num(), 7);
        assert_eq!(next.get_variant(), uuid::Variant::RFC4122);
        let full = Uuid::from_u128(id.as_u128() | (0xfffu128 << 64));
        assert_eq!(
            next_in_millis(full),
            None,
            "no room left in the millisecond"
        );
    }
}
