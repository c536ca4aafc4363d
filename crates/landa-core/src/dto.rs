//! The shapes that cross to the UI and the CLI. Ids are UUID strings and times RFC 3339 or
//! `YYYY-MM-DD` strings: no 64-bit integers cross IPC (JavaScript numbers would lose them).

use landa_domain::kinds::{
    ConsentMethod, ConsentStatus, ContactRole, EventKind, EventWhen, FourT, InteractionKind,
    LawfulBasis, LinkPurpose, LinkStatus, MemberRole, OrgKind, Purpose, TimeFrame, UiLanguage,
};
use landa_domain::pipeline::{Phase, Stage};
use serde::{Deserialize, Serialize};
use specta::Type;

#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct UserDto {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SessionInfo {
    pub user: Option<UserDto>,
    pub users: Vec<UserDto>,
    pub database_path: String,
    /// True until anything has been created: the UI then offers demo data.
    pub is_empty: bool,
    pub today: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct MemberInput {
    /// Present when editing an existing member.
    pub id: Option<String>,
    pub first_name: String,
    pub last_name: String,
    pub role: Option<MemberRole>,
    pub birth_year: Option<i32>,
    pub languages: Vec<String>,
    pub profession: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct HouseholdInput {
    /// Blank: derived from the adults' names.
    pub name: String,
    pub members: Vec<MemberInput>,
    pub desired_municipalities: Vec<String>,
    pub source: String,
    pub source_event_id: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
    pub owner_id: Option<String>,
    /// Only for new households; defaults to *lead captured*.
    pub stage: Option<Stage>,
    /// When they think they might move.
    pub time_frame: Option<TimeFrame>,
    /// What they like doing: compared with culture hosts' interests in matching.
    pub interests: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct WarningDto {
    pub field: String,
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SaveResult {
    pub id: String,
    pub warnings: Vec<WarningDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct HouseholdFilter {
    pub query: Option<String>,
    pub phase: Option<Phase>,
    pub stage: Option<Stage>,
    pub municipality: Option<String>,
    pub tag: Option<String>,
    pub owner_id: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct HouseholdRow {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    pub phase: Phase,
    pub owner_name: Option<String>,
    pub municipalities: Vec<String>,
    pub tags: Vec<String>,
    pub adults: u32,
    pub children: u32,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct HouseholdPage {
    pub rows: Vec<HouseholdRow>,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct MemberDto {
    pub id: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub role: MemberRole,
    pub birth_year: Option<i32>,
    pub languages: Vec<String>,
    pub profession: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StageChangeDto {
    pub id: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Stage,
    pub reason: Option<String>,
    pub changed_at: String,
    pub changed_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct InteractionDto {
    pub id: String,
    pub kind: InteractionKind,
    pub occurred_at: String,
    pub summary: String,
    pub created_by: Option<String>,
    pub household_id: Option<String>,
    pub organisation_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ConsentDto {
    pub id: String,
    pub person_id: String,
    pub person_name: String,
    pub purpose: Purpose,
    pub basis: LawfulBasis,
    pub status: ConsentStatus,
    pub text_version: Option<String>,
    pub method: ConsentMethod,
    pub note: Option<String>,
    pub recorded_at: String,
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OrgLinkDto {
    pub id: String,
    pub household_id: String,
    pub household_name: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub person_name: Option<String>,
    pub contact_person_name: Option<String>,
    pub purpose: LinkPurpose,
    pub status: LinkStatus,
    pub note: Option<String>,
    pub updated_at: String,
    pub referred_on: Option<String>,
    /// When the status last changed.
    pub status_on: Option<String>,
    /// The open follow-up task's due date.
    pub follow_up_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct TaskDto {
    pub id: String,
    pub title: String,
    pub due_on: String,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub household_id: Option<String>,
    pub household_name: Option<String>,
    pub organisation_id: Option<String>,
    pub organisation_name: Option<String>,
    pub done_at: Option<String>,
    pub overdue: bool,
    /// The event a follow-up came from.
    pub event_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct HouseholdDetail {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    pub phase: Phase,
    pub closed_reason: Option<String>,
    pub arrived_on: Option<String>,
    pub owner: Option<UserDto>,
    pub source: Option<String>,
    pub source_event_id: Option<String>,
    pub source_event_name: Option<String>,
    pub time_frame: Option<TimeFrame>,
    /// A visitor typed it at the kiosk; `reviewed_at` says when staff checked it.
    pub self_registered: bool,
    pub reviewed_at: Option<String>,
    /// Marked as a duplicate of another household after a fair.
    pub duplicate_of: Option<NamedRef>,
    pub desired_municipalities: Vec<String>,
    pub tags: Vec<String>,
    pub interests: Vec<String>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub members: Vec<MemberDto>,
    pub timeline: Vec<InteractionDto>,
    pub stage_history: Vec<StageChangeDto>,
    pub consents: Vec<ConsentDto>,
    pub links: Vec<OrgLinkDto>,
    pub open_tasks: Vec<TaskDto>,
    /// Where the household may go next on the board.
    pub next_stage: Option<Stage>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct MoveStageInput {
    pub household_id: String,
    pub to_stage: Stage,
    pub reason: Option<String>,
    /// `YYYY-MM-DD`; defaults to today when the move reaches *arrived*.
    pub arrived_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct InteractionInput {
    pub household_id: Option<String>,
    pub organisation_id: Option<String>,
    pub kind: InteractionKind,
    /// RFC 3339 or `YYYY-MM-DD`; defaults to now.
    pub occurred_at: Option<String>,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ConsentInput {
    pub person_id: String,
    pub purpose: Purpose,
    pub basis: LawfulBasis,
    pub status: ConsentStatus,
    /// The version of the text the person saw, e.g. `fair-2026-1`.
    pub text_version: Option<String>,
    pub method: ConsentMethod,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BoardCard {
    pub id: String,
    pub name: String,
    pub adults: u32,
    pub children: u32,
    pub municipalities: Vec<String>,
    pub owner_name: Option<String>,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BoardColumn {
    pub stage: Stage,
    pub phase: Phase,
    pub count: u32,
    pub cards: Vec<BoardCard>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct BoardFilter {
    pub owner_id: Option<String>,
    pub municipality: Option<String>,
    pub tag: Option<String>,
    /// Cards per column (most recently updated first); default 50.
    pub per_column: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: Option<OrgKind>,
    pub municipality: String,
    pub website: String,
    pub email: String,
    pub phone: String,
    pub participating: bool,
    /// `YYYY-MM-DD`; defaults to today when `participating` is set without one.
    pub participating_since: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    pub municipality: Option<String>,
    pub participating: bool,
    pub participating_since: Option<String>,
    pub contacts: u32,
    pub households: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct OrganisationFilter {
    pub query: Option<String>,
    pub kind: Option<OrgKind>,
    pub participating_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ContactPersonInput {
    pub organisation_id: String,
    pub name: String,
    pub role: ContactRole,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ContactPersonDto {
    pub id: String,
    pub name: String,
    pub role: ContactRole,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OrganisationDetail {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    pub municipality: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub participating: bool,
    pub participating_since: Option<String>,
    /// The projects it takes or took part in, the latest joined first.
    pub projects: Vec<OrgProject>,
    pub notes: Option<String>,
    pub contacts: Vec<ContactPersonDto>,
    pub links: Vec<OrgLinkDto>,
    pub open_tasks: Vec<TaskDto>,
    pub timeline: Vec<InteractionDto>,
}

/// An organisation's part in a project.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct OrgProject {
    pub project: NamedRef,
    pub joined_on: String,
    pub left_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct OrgLinkInput {
    pub household_id: String,
    pub organisation_id: String,
    pub person_id: Option<String>,
    pub contact_person_id: Option<String>,
    pub purpose: LinkPurpose,
    pub status: Option<LinkStatus>,
    pub note: String,
    /// `YYYY-MM-DD`: when the referral was made; today when blank.
    pub referred_on: Option<String>,
    /// `YYYY-MM-DD`: when to follow it up. Blank: two weeks on for a municipal referral
    /// (housing, school, preschool, business registration), no follow-up otherwise.
    pub follow_up_on: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct TaskInput {
    pub title: String,
    /// `YYYY-MM-DD`
    pub due_on: String,
    /// Defaults to the current user.
    pub owner_id: Option<String>,
    pub household_id: Option<String>,
    pub organisation_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct TaskFilter {
    /// Only the current user's tasks.
    pub mine: bool,
    pub include_done: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct PhaseCount {
    pub phase: Phase,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StageCount {
    pub stage: Stage,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Dashboard {
    pub per_phase: Vec<PhaseCount>,
    pub per_stage: Vec<StageCount>,
    pub total_households: u32,
    pub year: i32,
    pub arrived_this_year: u32,
    pub participating_organisations: u32,
    pub open_tasks: u32,
    pub overdue_tasks: u32,
    pub my_overdue_tasks: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Household,
    Person,
    Organisation,
    ContactPerson,
}

#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The household or organisation page to open.
    pub target_id: String,
    /// The row that matched: the person or contact person itself, or the same as `target_id`.
    pub ref_id: String,
    pub title: String,
    /// What else matched or identifies the hit (household name for a person, …).
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ChangeDto {
    pub at: String,
    pub user_name: Option<String>,
    pub entity: String,
    pub row_id: String,
    pub field: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct Stats {
    pub households: u32,
    pub persons: u32,
    pub organisations: u32,
    pub interactions: u32,
    pub tasks: u32,
    pub events: u32,
    pub changes: u32,
    pub schema_version: u32,
}

/// Something with an id and a name, for links.
#[derive(Debug, Clone, Serialize, Deserialize, Type, PartialEq)]
pub struct NamedRef {
    pub id: String,
    pub name: String,
}

impl NamedRef {
    /// From a LEFT JOIN's id and name columns: a link only when both are there.
    pub fn pair(id: Option<String>, name: Option<String>) -> Option<Self> {
        id.zip(name).map(|(id, name)| Self { id, name })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct EventInput {
    pub kind: Option<EventKind>,
    pub name: String,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    /// `YYYY-MM-DD`; blank for a one-day event.
    pub ends_on: Option<String>,
    pub place: String,
    pub organiser_id: Option<String>,
    /// Kronor as typed: `12 500`, `12500,50`; blank for none.
    pub cost: String,
    pub four_t: Vec<FourT>,
    /// Organisations taking part.
    pub participant_ids: Vec<String>,
    pub notes: String,
    /// Days until the follow-up task of a lead captured at the event; default 3.
    pub follow_up_days: Option<u32>,
    /// Held outside the region (a profiling activity elsewhere); blank means no.
    pub outside_region: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct EventFilter {
    pub when: Option<EventWhen>,
    pub kind: Option<EventKind>,
    pub four_t: Option<FourT>,
    pub year: Option<i32>,
    pub query: Option<String>,
}

/// What came of an event's leads (or of a group of events'), counted by household.
#[derive(Debug, Clone, Serialize, Type, PartialEq, Default)]
pub struct Outcomes {
    /// Households first met at the event (duplicates not counted).
    pub leads: u32,
    /// Of those, how many ever reached contacted, engaged, arrived and retained.
    pub contacted: u32,
    pub engaged: u32,
    pub arrived: u32,
    pub retained: u32,
    /// Kronor, as a plain decimal string; only events with a cost entered.
    pub cost: Option<String>,
    /// Kronor per arrived household, over the events that have a cost.
    pub cost_per_arrived: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct EventRow {
    pub id: String,
    pub kind: EventKind,
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub place: Option<String>,
    pub four_t: Vec<FourT>,
    pub leads: u32,
    pub arrived: u32,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AttendeeDto {
    pub id: String,
    pub household: Option<NamedRef>,
    pub person: Option<NamedRef>,
    pub organisation: Option<NamedRef>,
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct EventDetail {
    pub id: String,
    pub kind: EventKind,
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub place: Option<String>,
    pub organiser: Option<NamedRef>,
    /// Kronor as a plain decimal string.
    pub cost: Option<String>,
    pub four_t: Vec<FourT>,
    pub participants: Vec<NamedRef>,
    pub notes: Option<String>,
    pub follow_up_days: u32,
    pub outside_region: bool,
    pub attendees: Vec<AttendeeDto>,
    pub outcomes: Outcomes,
    /// Conversations logged at the event today (new leads and existing households met again).
    pub captured_today: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct AttendeeInput {
    pub event_id: String,
    pub household_id: Option<String>,
    pub organisation_id: Option<String>,
}

/// A lead in the reconciliation view after a fair.
#[derive(Debug, Clone, Serialize, Type)]
pub struct LeadRow {
    pub household_id: String,
    pub name: String,
    pub stage: Stage,
    pub owner: Option<NamedRef>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub municipalities: Vec<String>,
    pub time_frame: Option<TimeFrame>,
    pub created_at: String,
    /// False for an existing household met again at the event.
    pub new_lead: bool,
    pub self_registered: bool,
    pub reviewed: bool,
    pub duplicate_of: Option<NamedRef>,
    /// Other households with the same email or phone: likely duplicates to look at.
    pub possible_duplicates: Vec<NamedRef>,
    /// The open follow-up task from this event, if any.
    pub follow_up_task_id: Option<String>,
    pub follow_up_due: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OutcomeGroup<K> {
    pub key: K,
    pub events: u32,
    pub outcomes: Outcomes,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct EventOutcome {
    pub event: EventRow,
    pub outcomes: Outcomes,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OutcomeReport {
    pub year: Option<i32>,
    pub by_event: Vec<EventOutcome>,
    pub by_kind: Vec<OutcomeGroup<EventKind>>,
    /// An event with several T's counts under each of them.
    pub by_four_t: Vec<OutcomeGroup<FourT>>,
    pub total: Outcomes,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ConsentTextDto {
    pub id: String,
    pub purpose: Purpose,
    pub version: u32,
    pub text_sv: String,
    pub text_en: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct ConsentTextInput {
    pub purpose: Purpose,
    pub text_sv: String,
    pub text_en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct LeadAdult {
    pub first_name: String,
    pub last_name: String,
    pub profession: String,
}

/// A purpose the person ticked, and the text version they saw in which language.
#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct LeadConsent {
    pub purpose: Purpose,
    pub text_id: String,
    pub language: UiLanguage,
}

/// What fair mode (staff) and the kiosk (visitors) capture.
#[derive(Debug, Clone, Serialize, Deserialize, Type, Default)]
pub struct LeadInput {
    /// One or two adults; the second is the partner.
    pub adults: Vec<LeadAdult>,
    pub email: String,
    pub phone: String,
    /// One entry per child: the age in years, or null when not given.
    pub children: Vec<Option<u8>>,
    pub municipalities: Vec<String>,
    pub time_frame: Option<TimeFrame>,
    pub note: String,
    pub consents: Vec<LeadConsent>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct CaptureInput {
    pub event_id: String,
    pub lead: LeadInput,
    /// Attach the conversation to this existing household instead of creating one.
    pub attach_to_household_id: Option<String>,
    /// The follow-up task's title, in the coordinator's language.
    pub follow_up_title: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CaptureResult {
    pub household_id: String,
    pub attached: bool,
    pub task_id: String,
    pub captured_today: u32,
    pub warnings: Vec<WarningDto>,
}

/// An existing person with the email or phone being typed.
#[derive(Debug, Clone, Serialize, Type, PartialEq)]
pub struct ContactMatch {
    pub household_id: String,
    pub household_name: String,
    pub person_name: String,
    pub stage: Stage,
    /// `email` or `phone`
    pub matched_on: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct KioskStart {
    pub event_id: String,
    pub pin: String,
    /// Seconds without input before the form clears itself; 30 to 600, default 90.
    pub idle_seconds: Option<u32>,
    /// The review task's title, in the staff's language.
    pub review_task_title: String,
}

/// What the kiosk screen may know: the event's name, the consent texts, its idle timeout.
#[derive(Debug, Clone, Serialize, Type)]
pub struct KioskInfo {
    pub event_name: String,
    pub idle_seconds: u32,
    pub consent_texts: Vec<ConsentTextDto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct BulkInput {
    pub event_id: String,
    pub household_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BulkSkip {
    pub household_id: String,
    pub name: String,
    /// An error code the UI translates, e.g. `reason_required`.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BulkResult {
    pub done: u32,
    pub skipped: Vec<BulkSkip>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Type)]
pub struct FollowUpInput {
    pub event_id: String,
    pub household_ids: Vec<String>,
    /// `YYYY-MM-DD`
    pub due_on: String,
    /// For tasks that have to be created.
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ExportResult {
    pub path: String,
    pub rows: u32,
}
