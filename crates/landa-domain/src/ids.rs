//! UUID v7 id newtypes. Ids are made on the device (never by the database) so that rows can be
//! created offline and merged between devices later.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::{ValidationError, ValidationKind};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn as_uuid(&self) -> Uuid { self.0 }
            /// Parses an id that crossed a boundary (IPC, CLI) as text; `field` names it in the error.
            pub fn parse(text: &str, field: &str) -> Result<Self, ValidationError> {
                Uuid::from_str(text.trim())
                    .map(Self)
                    .map_err(|_| ValidationError::new(field, ValidationKind::InvalidId))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { self.0.fmt(f) }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self { Self(value) }
        }
    )+};
}

id_type!(
    HouseholdId,
    PersonId,
    OrganisationId,
    ContactPersonId,
    OrgLinkId,
    TaskId,
    InteractionId,
    StageChangeId,
    ConsentId,
    EventId,
    EventAttendanceId,
    HostId,
    HostMatchId,
    JobOpeningId,
    JobReferralId,
    UserId,
    /// The device a change was made on; part of every hybrid logical clock stamp.
    DeviceId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rejects_text_that_is_not_a_uuid_and_names_the_field() {
        let err = HouseholdId::parse("not-an-id", "household_id").unwrap_err();
        assert_eq!(
            err.field, "household_id",
            "the error must point at the input"
        );
        assert_eq!(err.kind, ValidationKind::InvalidId);
    }

    #[test]
    fn parse_round_trips_display() {
        let id = HouseholdId(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001));
        assert_eq!(
            HouseholdId::parse(&id.to_string(), "id").unwrap(),
            id,
            "display must parse back"
        );
    }
}
