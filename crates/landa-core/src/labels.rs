//! Words for files Landa writes (CSV exports, funder reports), in Swedish and English.
//! The UI has its own translations; these are the same words for the same codes (a UI test
//! compares the indicator names).

use landa_domain::indicators::{Indicator, TargetStatus};
use landa_domain::kinds::{
    ConsentMethod, ConsentStatus, EventKind, FourT, InteractionKind, LawfulBasis, LinkPurpose,
    MatchStatus, MemberRole, MovedAwayReason, OrgKind, Purpose, ReferralStatus, TimeFrame,
    UiLanguage,
};
use landa_domain::pipeline::Stage;

pub fn stage(s: Stage, lang: UiLanguage) -> &'static str {
    use Stage::*;
    let (sv, en) = match s {
        LeadCaptured => ("Lead registrerad", "Lead captured"),
        Contacted => ("Kontaktad", "Contacted"),
        Engaged => ("I dialog", "Engaged"),
        Visit => ("Besök", "Visit"),
        Decided => ("Beslutat att flytta", "Decided to move"),
        Moving => ("Flyttdatum satt", "Moving date set"),
        Arrived => ("Har flyttat in", "Arrived"),
        Registered => ("Folkbokförd", "Registered"),
        HostMatched => ("Värd matchad", "Host matched"),
        SettlingIn => ("Etablerar sig", "Settling in"),
        SixMonthCheckIn => ("Sexmånaderssamtal", "Six-month check-in"),
        Retained => ("Kvar efter 12 månader", "Retained at 12 months"),
        Ambassador => ("Ambassadör", "Ambassador"),
        NotMoving => ("Flyttar inte", "Not moving"),
        MovedAway => ("Har flyttat härifrån", "Moved away"),
    };
    pick(lang, sv, en)
}

pub fn time_frame(t: TimeFrame, lang: UiLanguage) -> &'static str {
    let (sv, en) = match t {
        TimeFrame::Within6Months => ("Inom 6 månader", "Within 6 months"),
        TimeFrame::Within1Year => ("Inom ett år", "Within a year"),
        TimeFrame::Within2Years => ("Inom två år", "Within two years"),
        TimeFrame::Later => ("Senare", "Later"),
        TimeFrame::Unsure => ("Vet inte", "Not sure"),
    };
    pick(lang, sv, en)
}

pub fn moved_away_reason(r: MovedAwayReason, lang: UiLanguage) -> &'static str {
    use MovedAwayReason::*;
    let (sv, en) = match r {
        NoSocialContext => (
            "kom inte in i ett socialt sammanhang",
            "did not find a social context",
        ),
        PartnerJob => ("partnern fick inget jobb", "the partner found no job"),
        OwnJob => ("jobbet", "work"),
        Housing => ("bostaden", "housing"),
        SchoolOrCare => ("skola eller omsorg", "school or care"),
        Family => ("familjeskäl", "family reasons"),
        Other => ("annat skäl", "another reason"),
    };
    pick(lang, sv, en)
}

pub fn link_purpose(p: LinkPurpose, lang: UiLanguage) -> &'static str {
    use LinkPurpose::*;
    let (sv, en) = match p {
        JobLead => ("jobbtips", "job lead"),
        PartnerJob => ("partnerns jobb", "partner's job"),
        Housing => ("bostad", "housing"),
        School => ("skola", "school"),
        Preschool => ("förskola", "preschool"),
        BusinessRegistration => ("företagsregistrering", "business registration"),
        Network => ("nätverk", "network"),
        Other => ("övrigt", "other"),
    };
    pick(lang, sv, en)
}

pub fn yes_no(b: bool, lang: UiLanguage) -> &'static str {
    match (b, lang) {
        (true, UiLanguage::Sv) => "Ja",
        (false, UiLanguage::Sv) => "Nej",
        (true, UiLanguage::En) => "Yes",
        (false, UiLanguage::En) => "No",
    }
}

pub fn pick(lang: UiLanguage, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        UiLanguage::Sv => sv,
        UiLanguage::En => en,
    }
}

pub fn indicator(i: Indicator, lang: UiLanguage) -> &'static str {
    use Indicator::*;
    let (sv, en) = match i {
        ParticipatingOrganisations => ("Deltagande organisationer", "Participating organisations"),
        HouseholdsArrived => (
            "Hushåll som valt regionen",
            "Households that chose the region",
        ),
        CompaniesHired => (
            "Företag som fått tillgång till arbetskraft",
            "Companies that got access to labour",
        ),
        CompaniesReferred => (
            "Företag som fått kandidater förmedlade",
            "Companies that were referred candidates",
        ),
        LeadsCaptured => ("Nya leads", "Leads captured"),
        Activities => ("Genomförda aktiviteter", "Activities held"),
        ProfilingOutsideRegion => (
            "Profileringsaktiviteter utanför regionen",
            "Profiling activities outside the region",
        ),
        HostTrainings => ("Värdskapsutbildningar", "Host trainings"),
        NewcomerNetworks => (
            "Inflyttarnätverk och mötesplatser",
            "Newcomer networks and meeting places",
        ),
        ExperienceExchanges => ("Erfa-träffar", "Experience exchanges"),
        Seminars => ("Seminarier", "Seminars"),
        MatchesStarted => ("Värdmatchningar som startat", "Host matches started"),
        MatchesCompleted => ("Värdmatchningar som fullföljts", "Host matches completed"),
        HouseholdsRetained => (
            "Hushåll kvar efter 12 månader",
            "Households retained at 12 months",
        ),
    };
    pick(lang, sv, en)
}

pub fn target_status(s: TargetStatus, lang: UiLanguage) -> &'static str {
    let (sv, en) = match s {
        TargetStatus::Reached => ("Uppnått", "Reached"),
        TargetStatus::OnTrack => ("I fas", "On track"),
        TargetStatus::Behind => ("Efter plan", "Behind"),
        TargetStatus::NoPace => ("Inget slutdatum", "No end date"),
    };
    pick(lang, sv, en)
}

pub fn event_kind(k: EventKind, lang: UiLanguage) -> &'static str {
    use EventKind::*;
    let (sv, en) = match k {
        Fair => ("Mässa", "Fair"),
        Campaign => ("Kampanj", "Campaign"),
        NewcomerNetwork => ("Inflyttarnätverk", "Newcomer network"),
        HostTraining => ("Värdskapsutbildning", "Host training"),
        Seminar => ("Seminarium", "Seminar"),
        StudyVisit => ("Studiebesök", "Study visit"),
        ExperienceExchange => ("Erfa-träff", "Experience exchange"),
        Other => ("Annat", "Other"),
    };
    pick(lang, sv, en)
}

pub fn four_t(t: FourT, lang: UiLanguage) -> &'static str {
    let (sv, en) = match t {
        FourT::Talent => ("Talang", "Talent"),
        FourT::Tolerance => ("Tolerans", "Tolerance"),
        FourT::Technology => ("Teknologi", "Technology"),
        FourT::TerritorialAssets => ("Territoriella tillgångar", "Territorial assets"),
    };
    pick(lang, sv, en)
}

pub fn org_kind(k: OrgKind, lang: UiLanguage) -> &'static str {
    use OrgKind::*;
    let (sv, en) = match k {
        Employer => ("Arbetsgivare", "Employer"),
        Municipality => ("Kommun", "Municipality"),
        University => ("Lärosäte", "University"),
        ChamberOfCommerce => ("Handelskammare", "Chamber of commerce"),
        IndustryNetwork => ("Branschnätverk", "Industry network"),
        PartnerProject => ("Partnerprojekt", "Partner project"),
        Other => ("Annan", "Other"),
    };
    pick(lang, sv, en)
}

pub fn purpose(p: Purpose, lang: UiLanguage) -> &'static str {
    let l = |sv, en| pick(lang, sv, en);
    match p {
        Purpose::ContactAboutMoving => l("Kontakt om flytt", "Contact about moving"),
        Purpose::ShareWithEmployers => l("Dela med arbetsgivare", "Share with employers"),
        Purpose::ShareWithHosts => l("Dela med värdar", "Share with hosts"),
        Purpose::Newsletter => l("Nyhetsbrev", "Newsletter"),
        Purpose::StoryAndPhoto => l("Berättelse och foto", "Story and photo"),
    }
}

pub fn basis(b: LawfulBasis, lang: UiLanguage) -> &'static str {
    let l = |sv, en| pick(lang, sv, en);
    match b {
        LawfulBasis::Consent => l("Samtycke", "Consent"),
        LawfulBasis::PublicTask => l("Uppgift av allmänt intresse", "Public task"),
        LawfulBasis::LegitimateInterest => l("Berättigat intresse", "Legitimate interest"),
        LawfulBasis::Contract => l("Avtal", "Contract"),
        LawfulBasis::LegalObligation => l("Rättslig förpliktelse", "Legal obligation"),
    }
}

pub fn consent_status(s: ConsentStatus, lang: UiLanguage) -> &'static str {
    match s {
        ConsentStatus::Given => pick(lang, "Gäller", "Given"),
        ConsentStatus::Withdrawn => pick(lang, "Återkallad", "Withdrawn"),
    }
}

pub fn consent_method(m: ConsentMethod, lang: UiLanguage) -> &'static str {
    let l = |sv, en| pick(lang, sv, en);
    match m {
        ConsentMethod::Form => l("Formulär", "Form"),
        ConsentMethod::Kiosk => l("Kiosk", "Kiosk"),
        ConsentMethod::Verbal => l("Muntligt", "Verbally"),
        ConsentMethod::Email => l("E-post", "Email"),
        ConsentMethod::Paper => l("Papper", "Paper"),
        ConsentMethod::Decision => l("Beslut", "Decision"),
    }
}

pub fn interaction_kind(k: InteractionKind, lang: UiLanguage) -> &'static str {
    let l = |sv, en| pick(lang, sv, en);
    match k {
        InteractionKind::Call => l("Samtal", "Call"),
        InteractionKind::Email => l("E-post", "Email"),
        InteractionKind::Meeting => l("Möte", "Meeting"),
        InteractionKind::Visit => l("Besök", "Visit"),
        InteractionKind::FairTalk => l("Mässamtal", "Fair talk"),
        InteractionKind::SelfRegistration => l("Registrerade sig själv", "Registered themselves"),
        InteractionKind::CheckIn => l("Uppföljning", "Check-in"),
        InteractionKind::Note => l("Anteckning", "Note"),
    }
}

pub fn member_role(r: MemberRole, lang: UiLanguage) -> &'static str {
    match r {
        MemberRole::Adult => pick(lang, "Vuxen", "Adult"),
        MemberRole::Child => pick(lang, "Barn", "Child"),
    }
}

pub fn referral_status(s: ReferralStatus, lang: UiLanguage) -> &'static str {
    let l = |sv, en| pick(lang, sv, en);
    match s {
        ReferralStatus::Suggested => l("Föreslagen", "Suggested"),
        ReferralStatus::CvSent => l("CV skickat", "CV sent"),
        ReferralStatus::Interview => l("Intervju", "Interview"),
        ReferralStatus::Offer => l("Erbjudande", "Offer"),
        ReferralStatus::Hired => l("Anställd", "Hired"),
        ReferralStatus::NotHired => l("Inte anställd", "Not hired"),
    }
}

pub fn match_status(s: MatchStatus, lang: UiLanguage) -> &'static str {
    let l = |sv, en| pick(lang, sv, en);
    match s {
        MatchStatus::Proposed => l("Föreslagen", "Proposed"),
        MatchStatus::Accepted => l("Accepterad", "Accepted"),
        MatchStatus::Active => l("Pågår", "Active"),
        MatchStatus::Ended => l("Avslutad", "Ended"),
    }
}
