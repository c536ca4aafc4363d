//! Hybrid logical clock (see shared/SYNC-DESIGN.md): wall-clock milliseconds, a counter and the
//! device, encoded so that comparing the strings compares the clocks. It never goes backwards.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};

/// Remote clocks further ahead than this are refused rather than dragging ours forward.
pub const MAX_DRIFT_MS: i64 = 5 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HlcError {
    #[error("clock skew: a remote clock is {ahead_ms} ms ahead of ours")]
    ClockSkew { ahead_ms: i64 },
    #[error("clock counter overflow within one millisecond")]
    CounterOverflow,
    #[error("not a clock stamp: {0}")]
    Malformed(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u16,
    /// 16 lower-case hex digits identifying the device.
    pub node: String,
}

impl Hlc {
    pub fn node_for(device: uuid::Uuid) -> String {
        device.simple().to_string()[16..].to_owned()
    }

    /// The stamp for a local write at `now_ms`, after `last` (if any).
    pub fn tick(last: Option<&Hlc>, now_ms: i64, node: &str) -> Result<Hlc, HlcError> {
        let (millis, counter) = match last {
            Some(l) if l.millis >= now_ms => (
                l.millis,
                l.counter.checked_add(1).ok_or(HlcError::CounterOverflow)?,
            ),
            _ => (now_ms, 0),
        };
        Ok(Hlc {
            millis,
            counter,
            node: node.to_owned(),
        })
    }

    /// Our clock after seeing `remote`: never behind either clock, and refusing far-future ones.
    pub fn receive(
        last: Option<&Hlc>,
        remote: &Hlc,
        now_ms: i64,
        node: &str,
    ) -> Result<Hlc, HlcError> {
        let ahead_ms = remote.millis - now_ms;
        if ahead_ms > MAX_DRIFT_MS {
            return Err(HlcError::ClockSkew { ahead_ms });
        }
        let last_ms = last.map_or(i64::MIN, |l| l.millis);
        let millis = now_ms.max(last_ms).max(remote.millis);
        let counter = if millis == now_ms && millis > last_ms && millis > remote.millis {
            0
        } else {
            let from_last = last.filter(|l| l.millis == millis).map_or(0, |l| l.counter);
            let from_remote = if remote.millis == millis {
                remote.counter
            } else {
                0
            };
            from_last
                .max(from_remote)
                .checked_add(1)
                .ok_or(HlcError::CounterOverflow)?
        };
        Ok(Hlc {
            millis,
            counter,
            node: node.to_owned(),
        })
    }

    pub fn parse(text: &str) -> Result<Hlc, HlcError> {
        let malformed = || HlcError::Malformed(text.to_owned());
        let (rest, node) = text.rsplit_once('-').ok_or_else(malformed)?;
        let (time, counter) = rest.rsplit_once('-').ok_or_else(malformed)?;
        let millis = DateTime::parse_from_rfc3339(time)
            .map_err(|_| malformed())?
            .timestamp_millis();
        let counter = u16::from_str_radix(counter, 16).map_err(|_| malformed())?;
        if node.len() != 16 || !node.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(malformed());
        }
        Ok(Hlc {
            millis,
            counter,
            node: node.to_owned(),
        })
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = DateTime::<Utc>::from_timestamp_millis(self.millis).unwrap_or_default();
        write!(
            f,
            "{}-{:04X}-{}",
            time.to_rfc3339_opts(SecondsFormat::Millis, true),
            self.counter,
            self.node
        )
    }
}

impl Ord for Hlc {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.millis, self.counter, &self.node).cmp(&(other.millis, other.counter, &other.node))
    }
}

impl PartialOrd for Hlc {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NODE: &str = "0123456789abcdef";
    // 2000-01-01 .. 2200-01-01: the range where the 4-digit-year encoding keeps string order.
    const RANGE: std::ops::Range<i64> = 946_684_800_000..7_258_118_400_000;

    #[test]
    fn remote_clock_far_in_the_future_is_refused() {
        let remote = Hlc {
            millis: 1_000_000 + MAX_DRIFT_MS + 1,
            counter: 0,
            node: NODE.into(),
        };
        assert!(matches!(
            Hlc::receive(None, &remote, 1_000_000, NODE),
            Err(HlcError::ClockSkew { .. })
        ));
    }

    #[test]
    fn display_parses_back() {
        let h = Hlc {
            millis: 1_795_000_000_123,
            counter: 42,
            node: NODE.into(),
        };
        assert_eq!(Hlc::parse(&h.to_string()).unwrap(), h);
    }

    proptest! {
        #[test]
        fn tick_never_goes_backwards(start in RANGE, nows in prop::collection::vec(RANGE, 1..50)) {
            let mut last = Hlc { millis: start, counter: 0, node: NODE.into() };
            for now in nows {
                let next = Hlc::tick(Some(&last), now, NODE).unwrap();
                prop_assert!(next > last, "{next} must be after {last}");
                last = next;
            }
        }

        #[test]
        fn receive_is_after_both_clocks(last_ms in RANGE, remote_ms in RANGE, c1: u8, c2: u8) {
            let now = remote_ms.max(last_ms) - 1000;
            let last = Hlc { millis: last_ms, counter: c1.into(), node: NODE.into() };
            let remote = Hlc { millis: remote_ms, counter: c2.into(), node: "fedcba9876543210".into() };
            if let Ok(next) = Hlc::receive(Some(&last), &remote, now, NODE) {
                prop_assert!(next > last && (next.millis, next.counter) > (remote.millis, remote.counter));
            }
        }

        #[test]
        fn string_order_is_clock_order(a in RANGE, b in RANGE, ca: u16, cb: u16) {
            let x = Hlc { millis: a, counter: ca, node: NODE.into() };
            let y = Hlc { millis: b, counter: cb, node: NODE.into() };
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
        }
    }
}
