//! The four phases of talent attraction and the stages inside them (see shared/DOMAIN.md).
//!
//! A household is in exactly one stage. Forward moves are free; moving backwards, closing and
//! reopening need a reason, because those are the moves a steering group asks about later.

use serde::{Deserialize, Serialize};

use crate::{ValidationError, ValidationKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Attract,
    Welcome,
    Integrate,
    StrengthenedBrand,
    Closed,
}

impl Phase {
    pub const OPEN: [Phase; 4] = [
        Phase::Attract,
        Phase::Welcome,
        Phase::Integrate,
        Phase::StrengthenedBrand,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::Attract => "attract",
            Phase::Welcome => "welcome",
            Phase::Integrate => "integrate",
            Phase::StrengthenedBrand => "strengthened_brand",
            Phase::Closed => "closed",
        }
    }

    pub fn stages(self) -> impl Iterator<Item = Stage> {
        Stage::ALL.into_iter().filter(move |s| s.phase() == self)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    // Attract
    LeadCaptured,
    Contacted,
    Engaged,
    Visit,
    Decided,
    // Welcome
    Moving,
    Arrived,
    Registered,
    // Integrate
    HostMatched,
    SettlingIn,
    SixMonthCheckIn,
    Retained,
    // Strengthened brand
    Ambassador,
    // Closed outcomes
    NotMoving,
    MovedAway,
}

impl Stage {
    /// Every stage in pipeline order; the closed outcomes last.
    pub const ALL: [Stage; 15] = [
        Stage::LeadCaptured,
        Stage::Contacted,
        Stage::Engaged,
        Stage::Visit,
        Stage::Decided,
        Stage::Moving,
        Stage::Arrived,
        Stage::Registered,
        Stage::HostMatched,
        Stage::SettlingIn,
        Stage::SixMonthCheckIn,
        Stage::Retained,
        Stage::Ambassador,
        Stage::NotMoving,
        Stage::MovedAway,
    ];

    pub fn phase(self) -> Phase {
        use Stage::*;
        match self {
            LeadCaptured | Contacted | Engaged | Visit | Decided => Phase::Attract,
            Moving | Arrived | Registered => Phase::Welcome,
            HostMatched | SettlingIn | SixMonthCheckIn | Retained => Phase::Integrate,
            Ambassador => Phase::StrengthenedBrand,
            NotMoving | MovedAway => Phase::Closed,
        }
    }

    pub fn is_closed(self) -> bool {
        self.phase() == Phase::Closed
    }

    /// Position in the pipeline; closed outcomes have none.
    pub fn order(self) -> Option<usize> {
        (!self.is_closed()).then(|| Stage::ALL.iter().position(|s| *s == self).unwrap_or(0))
    }

    /// True from the moment the household has moved in.
    pub fn has_arrived(self) -> bool {
        matches!(self.order(), Some(o) if o >= Stage::Arrived.order().unwrap_or(usize::MAX))
            || self == Stage::MovedAway
    }

    pub fn code(self) -> &'static str {
        use Stage::*;
        match self {
            LeadCaptured => "lead_captured",
            Contacted => "contacted",
            Engaged => "engaged",
            Visit => "visit",
            Decided => "decided",
            Moving => "moving",
            Arrived => "arrived",
            Registered => "registered",
            HostMatched => "host_matched",
            SettlingIn => "settling_in",
            SixMonthCheckIn => "six_month_check_in",
            Retained => "retained",
            Ambassador => "ambassador",
            NotMoving => "not_moving",
            MovedAway => "moved_away",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn parse(code: &str, field: &str) -> Result<Stage, ValidationError> {
        Stage::from_code(code)
            .ok_or_else(|| ValidationError::new(field, ValidationKind::UnknownValue))
    }

    /// The next open stage, for "move forward" on the board.
    pub fn next(self) -> Option<Stage> {
        let order = self.order()?;
        Stage::ALL
            .get(order + 1)
            .copied()
            .filter(|s| !s.is_closed())
    }
}

/// What a stage change does to the household's arrival date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrivalEffect {
    /// Reaching *arrived* (or beyond) for the first time: record the arrival date.
    Record,
    /// Moving back before *arrived*: the household no longer counts as arrived.
    Clear,
    Keep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: Stage,
    pub to: Stage,
    pub needs_reason: bool,
    pub arrival: ArrivalEffect,
}

/// Checks a stage change against the pipeline rules. `has_arrival_date` says whether the
/// household already has one; `reason` is what the coordinator typed (blank counts as none).
pub fn plan_transition(
    from: Stage,
    to: Stage,
    has_arrival_date: bool,
    reason: Option<&str>,
) -> Result<Transition, ValidationError> {
    let invalid = || ValidationError::new("to_stage", ValidationKind::InvalidTransition);
    if from == to {
        return Err(invalid());
    }
    let needs_reason = match (from.order(), to.order()) {
        (Some(f), Some(t)) => t < f,
        // Closing: *not moving* only before arrival, *moved away* only after it.
        (Some(_), None) => {
            let allowed = match to {
                Stage::NotMoving => !from.has_arrived(),
                Stage::MovedAway => from.has_arrived(),
                _ => false,
            };
            if !allowed {
                return Err(invalid());
            }
            true
        }
        // Reopening a closed household.
        (None, Some(_)) => true,
        // One closed outcome to the other: never both true of one household.
        (None, None) => return Err(invalid()),
    };
    let has_reason = reason.is_some_and(|r| !r.trim().is_empty());
    if needs_reason && !has_reason {
        return Err(ValidationError::new(
            "reason",
            ValidationKind::ReasonRequired,
        ));
    }
    let arrival = match (to.has_arrived(), has_arrival_date) {
        (true, false) => ArrivalEffect::Record,
        (false, true) => ArrivalEffect::Clear,
        _ => ArrivalEffect::Keep,
    };
    Ok(Transition {
        from,
        to,
        needs_reason,
        arrival,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn forward_moves_need_no_reason_and_may_skip_stages() {
        let t = plan_transition(Stage::LeadCaptured, Stage::Decided, false, None).unwrap();
        assert!(!t.needs_reason, "skipping ahead is normal work");
        assert_eq!(t.arrival, ArrivalEffect::Keep);
    }

    #[test]
    fn moving_backwards_without_a_reason_is_refused() {
        let err = plan_transition(Stage::Visit, Stage::Contacted, false, Some("  ")).unwrap_err();
        assert_eq!(
            err.kind,
            ValidationKind::ReasonRequired,
            "blank reason counts as none"
        );
        assert!(plan_transition(Stage::Visit, Stage::Contacted, false, Some("wrong card")).is_ok());
    }

    #[test]
    fn reaching_arrived_records_the_arrival_date_once() {
        let t = plan_transition(Stage::Moving, Stage::Arrived, false, None).unwrap();
        assert_eq!(t.arrival, ArrivalEffect::Record);
        let later = plan_transition(Stage::Arrived, Stage::Registered, true, None).unwrap();
        assert_eq!(
            later.arrival,
            ArrivalEffect::Keep,
            "the first arrival date stays"
        );
        let jump = plan_transition(Stage::Decided, Stage::HostMatched, false, None).unwrap();
        assert_eq!(
            jump.arrival,
            ArrivalEffect::Record,
            "jumping past arrived still arrives"
        );
    }

    #[test]
    fn moving_back_before_arrival_clears_the_arrival_date() {
        let t = plan_transition(Stage::Arrived, Stage::Moving, true, Some("typo")).unwrap();
        assert_eq!(t.arrival, ArrivalEffect::Clear);
    }

    #[test]
    fn not_moving_only_before_arrival_and_moved_away_only_after() {
        assert!(
            plan_transition(
                Stage::Engaged,
                Stage::NotMoving,
                false,
                Some("job fell through")
            )
            .is_ok()
        );
        assert_eq!(
            plan_transition(Stage::Retained, Stage::NotMoving, true, Some("x"))
                .unwrap_err()
                .kind,
            ValidationKind::InvalidTransition
        );
        assert_eq!(
            plan_transition(Stage::Engaged, Stage::MovedAway, false, Some("x"))
                .unwrap_err()
                .kind,
            ValidationKind::InvalidTransition
        );
        let away = plan_transition(
            Stage::SettlingIn,
            Stage::MovedAway,
            true,
            Some("no social context"),
        )
        .unwrap();
        assert_eq!(
            away.arrival,
            ArrivalEffect::Keep,
            "moved away still arrived once"
        );
    }

    #[test]
    fn closing_needs_a_reason() {
        let err = plan_transition(Stage::Contacted, Stage::NotMoving, false, None).unwrap_err();
        assert_eq!(err.kind, ValidationKind::ReasonRequired);
    }

    #[test]
    fn every_phase_has_stages_and_codes_round_trip() {
        for phase in Phase::OPEN {
            assert!(
                phase.stages().count() > 0,
                "{phase:?} needs stages for the board"
            );
        }
        for s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(s));
        }
    }

    fn any_stage() -> impl Strategy<Value = Stage> {
        prop::sample::select(Stage::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn a_transition_with_a_reason_is_allowed_unless_it_closes_wrongly(from in any_stage(), to in any_stage(), arrived: bool) {
            let result = plan_transition(from, to, arrived, Some("reason"));
            let wrong_close = (from.is_closed() && to.is_closed())
                || (!from.is_closed() && to == Stage::NotMoving && from.has_arrived())
                || (!from.is_closed() && to == Stage::MovedAway && !from.has_arrived());
            prop_assert_eq!(result.is_err(), from == to || wrong_close, "{:?} -> {:?}", from, to);
        }

        #[test]
        fn after_a_transition_arrival_date_matches_the_stage(from in any_stage(), to in any_stage()) {
            let has = from.has_arrived();
            if let Ok(t) = plan_transition(from, to, has, Some("r")) {
                let after = match t.arrival { ArrivalEffect::Record => true, ArrivalEffect::Clear => false, ArrivalEffect::Keep => has };
                prop_assert_eq!(after, to.has_arrived(), "{:?} -> {:?}", from, to);
            }
        }
    }
}
