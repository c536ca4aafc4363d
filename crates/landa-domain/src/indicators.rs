//! The funder indicators: what each one is called, and the arithmetic around them that does
//! not need the database (progress against a target, medians). How each indicator is counted
//! from the data is defined in `landa-core` (`indicators.rs`) and in docs/architecture.md.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::kinds::Indicator;

/// Largest target a project can set for one indicator.
pub const MAX_TARGET: u32 = 1_000_000;

/// How an indicator stands against its target when the period ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// The target is met.
    Reached,
    /// At or above the share of the target that the time passed calls for.
    OnTrack,
    /// Below it.
    Behind,
    /// The project has no end date, so there is no pace to compare with.
    NoPace,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TargetProgress {
    pub target: u32,
    /// What the project has reached from its start up to the day measured.
    pub actual: u32,
    /// The share of the target the time passed calls for (target × share of the period passed),
    /// rounded up; `None` without an end date.
    pub expected: Option<u32>,
    /// Per mille of the project period passed on the day measured (0–1000).
    pub period_passed_permille: Option<u32>,
    pub status: TargetStatus,
}

/// Progress of `actual` toward `target` on day `on` of a project running `starts_on` to
/// `ends_on` (both days inclusive). Before the start nothing is expected; after the end the
/// whole target is.
pub fn progress(
    target: u32,
    actual: u32,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    on: NaiveDate,
) -> TargetProgress {
    let Some(ends_on) = ends_on.filter(|e| *e >= starts_on) else {
        return TargetProgress {
            target,
            actual,
            expected: None,
            period_passed_permille: None,
            status: if actual >= target {
                TargetStatus::Reached
            } else {
                TargetStatus::NoPace
            },
        };
    };
    let total = (ends_on - starts_on).num_days() + 1;
    let passed = ((on - starts_on).num_days() + 1).clamp(0, total);
    let permille = u32::try_from(passed * 1000 / total).unwrap_or(1000);
    // Rounded up: a target of 20 over 3 years expects 1 after the first day, not 0.
    let expected =
        u32::try_from((i64::from(target) * passed + total - 1) / total).unwrap_or(target);
    let status = if actual >= target {
        TargetStatus::Reached
    } else if actual >= expected {
        TargetStatus::OnTrack
    } else {
        TargetStatus::Behind
    };
    TargetProgress {
        target,
        actual,
        expected: Some(expected),
        period_passed_permille: Some(permille),
        status,
    }
}

/// The median of whole numbers; the mean of the middle two for an even count.
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] as f64 + values[mid] as f64) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn halfway_through_a_project_half_the_target_is_expected() {
        // 2025-01-01..2026-12-31 is 730 days; 2025-12-31 is day 365.
        let p = progress(
            400,
            200,
            d("2025-01-01"),
            Some(d("2026-12-31")),
            d("2025-12-31"),
        );
        assert_eq!(p.expected, Some(200));
        assert_eq!(p.period_passed_permille, Some(500));
        assert_eq!(p.status, TargetStatus::OnTrack);
        let behind = progress(
            400,
            199,
            d("2025-01-01"),
            Some(d("2026-12-31")),
            d("2025-12-31"),
        );
        assert_eq!(behind.status, TargetStatus::Behind);
    }

    #[test]
    fn the_pace_is_clamped_to_the_project_period() {
        let before = progress(
            20,
            0,
            d("2026-01-01"),
            Some(d("2026-12-31")),
            d("2025-06-01"),
        );
        assert_eq!(
            before.expected,
            Some(0),
            "nothing is expected before the start"
        );
        assert_eq!(before.status, TargetStatus::OnTrack);
        let after = progress(
            20,
            19,
            d("2026-01-01"),
            Some(d("2026-12-31")),
            d("2027-06-01"),
        );
        assert_eq!(
            after.expected,
            Some(20),
            "after the end the whole target is due"
        );
        assert_eq!(after.status, TargetStatus::Behind);
        let met = progress(
            20,
            25,
            d("2026-01-01"),
            Some(d("2026-12-31")),
            d("2026-02-01"),
        );
        assert_eq!(met.status, TargetStatus::Reached);
    }

    #[test]
    fn the_first_day_already_expects_a_little() {
        let p = progress(
            20,
            0,
            d("2026-01-01"),
            Some(d("2028-12-31")),
            d("2026-01-01"),
        );
        assert_eq!(
            p.expected,
            Some(1),
            "rounded up, so a slow start shows at once"
        );
    }

    #[test]
    fn open_ended_projects_have_no_pace() {
        let p = progress(10, 3, d("2026-01-01"), None, d("2026-06-01"));
        assert_eq!(p.expected, None);
        assert_eq!(p.status, TargetStatus::NoPace);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5]), Some(5.0));
        assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
        assert_eq!(median(&mut [10, 1, 4, 7]), Some(5.5));
    }
}
