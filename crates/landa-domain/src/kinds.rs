//! The closed vocabularies of Landa. Each value has a stable snake_case code: that code is what
//! the database, the change log and the UI's translations use.

use serde::{Deserialize, Serialize};

use crate::{ValidationError, ValidationKind};

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            pub fn parse(code: &str, field: &str) -> Result<Self, ValidationError> {
                Self::from_code(code).ok_or_else(|| ValidationError::new(field, ValidationKind::UnknownValue))
            }
        }
    };
}

code_enum!(MemberRole { Adult => "adult", Child => "child" });

code_enum!(
    /// How a coordinator was in touch with a household or organisation.
    InteractionKind {
        Call => "call",
        Email => "email",
        Meeting => "meeting",
        Visit => "visit",
        FairTalk => "fair_talk",
        SelfRegistration => "self_registration",
        CheckIn => "check_in",
        Note => "note",
    }
);

code_enum!(OrgKind {
    Employer => "employer",
    Municipality => "municipality",
    University => "university",
    ChamberOfCommerce => "chamber_of_commerce",
    IndustryNetwork => "industry_network",
    PartnerProject => "partner_project",
    Other => "other",
});

code_enum!(
    /// What a contact person at an organisation helps with.
    ContactRole {
        Housing => "housing",
        School => "school",
        Preschool => "preschool",
        Hr => "hr",
        BusinessOffice => "business_office",
        WelcomeOffice => "welcome_office",
        Management => "management",
        Other => "other",
    }
);

code_enum!(
    /// Why a household is linked to an organisation.
    LinkPurpose {
        JobLead => "job_lead",
        PartnerJob => "partner_job",
        Housing => "housing",
        School => "school",
        Preschool => "preschool",
        BusinessRegistration => "business_registration",
        Network => "network",
        Other => "other",
    }
);

code_enum!(LinkStatus {
    Suggested => "suggested",
    Contacted => "contacted",
    InProgress => "in_progress",
    Completed => "completed",
    Declined => "declined",
});

code_enum!(
    /// What personal data may be used for; each needs its own recorded basis.
    Purpose {
        ContactAboutMoving => "contact_about_moving",
        ShareWithEmployers => "share_with_employers",
        ShareWithHosts => "share_with_hosts",
        Newsletter => "newsletter",
        StoryAndPhoto => "story_and_photo",
    }
);

code_enum!(
    /// The lawful basis (GDPR art. 6) a purpose rests on. Consent is one of several.
    LawfulBasis {
        Consent => "consent",
        PublicTask => "public_task",
        LegitimateInterest => "legitimate_interest",
        Contract => "contract",
        LegalObligation => "legal_obligation",
    }
);

code_enum!(ConsentStatus { Given => "given", Withdrawn => "withdrawn" });

code_enum!(
    /// How a basis was recorded.
    ConsentMethod {
        Form => "form",
        Kiosk => "kiosk",
        Verbal => "verbal",
        Email => "email",
        Paper => "paper",
        Decision => "decision",
    }
);

code_enum!(EventKind {
    Fair => "fair",
    Campaign => "campaign",
    NewcomerNetwork => "newcomer_network",
    HostTraining => "host_training",
    Seminar => "seminar",
    StudyVisit => "study_visit",
    ExperienceExchange => "experience_exchange",
    Other => "other",
});

code_enum!(
    /// Richard Florida's 4T, the lens funders use to classify activities.
    FourT {
        Talent => "talent",
        Tolerance => "tolerance",
        Technology => "technology",
        TerritorialAssets => "territorial_assets",
    }
);

code_enum!(
    /// When a lead thinks they might move, as asked at a fair.
    TimeFrame {
        Within6Months => "within_6_months",
        Within1Year => "within_1_year",
        Within2Years => "within_2_years",
        Later => "later",
        Unsure => "unsure",
    }
);

code_enum!(
    /// Which events to list.
    EventWhen { Upcoming => "upcoming", Past => "past", All => "all" }
);

code_enum!(UiLanguage { Sv => "sv", En => "en" });

code_enum!(HostStatus { Active => "active", Paused => "paused", Retired => "retired" });

code_enum!(MatchStatus {
    Proposed => "proposed",
    Accepted => "accepted",
    Active => "active",
    Ended => "ended",
});

code_enum!(OpeningStatus { Open => "open", Filled => "filled", Closed => "closed" });

code_enum!(ReferralStatus {
    Suggested => "suggested",
    CvSent => "cv_sent",
    Interview => "interview",
    Offer => "offer",
    Hired => "hired",
    NotHired => "not_hired",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for k in InteractionKind::ALL {
            assert_eq!(InteractionKind::from_code(k.code()), Some(*k));
            assert_eq!(
                serde_json::to_string(k).unwrap(),
                format!("\"{}\"", k.code()),
                "IPC and DB use one code"
            );
        }
    }

    #[test]
    fn unknown_code_names_the_field() {
        let err = OrgKind::parse("bank", "kind").unwrap_err();
        assert_eq!(
            (err.field.as_str(), err.kind),
            ("kind", ValidationKind::UnknownValue)
        );
    }
}

code_enum!(
    /// What a host offers beyond company: a career host shares a profession, a culture host
    /// shares interests. Only those criteria count for them in matching.
    HostRole { Career => "career", Culture => "culture" }
);

code_enum!(
    /// Life stage of a household or a host, for "similar life stage" in matching.
    LifeStage { Single => "single", Couple => "couple", Family => "family", Senior => "senior" }
);

code_enum!(
    /// How a match ended.
    MatchOutcome {
        Completed => "completed",
        EndedEarly => "ended_early",
        NeverStarted => "never_started",
    }
);

code_enum!(
    /// Why a household left the region again; funders ask for these counts.
    MovedAwayReason {
        NoSocialContext => "no_social_context",
        PartnerJob => "partner_job",
        OwnJob => "own_job",
        Housing => "housing",
        SchoolOrCare => "school_or_care",
        Family => "family",
        Other => "other",
    }
);

code_enum!(
    /// What kind of task this is, so the app can find and close it again.
    TaskKind {
        EventFollowUp => "event_follow_up",
        Checklist => "checklist",
        CheckIn6 => "check_in_6",
        CheckIn12 => "check_in_12",
        HostCheckIn => "host_check_in",
        ReferralFollowUp => "referral_follow_up",
    }
);

code_enum!(
    /// A figure a funder asks for. Each can carry a target per project.
    Indicator {
        ParticipatingOrganisations => "participating_organisations",
        HouseholdsArrived => "households_arrived",
        CompaniesHired => "companies_hired",
        CompaniesReferred => "companies_referred",
        LeadsCaptured => "leads_captured",
        Activities => "activities",
        ProfilingOutsideRegion => "profiling_outside_region",
        HostTrainings => "host_trainings",
        NewcomerNetworks => "newcomer_networks",
        ExperienceExchanges => "experience_exchanges",
        Seminars => "seminars",
        MatchesStarted => "matches_started",
        MatchesCompleted => "matches_completed",
        HouseholdsRetained => "households_retained",
    }
);
