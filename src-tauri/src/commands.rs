//! Tauri commands: each one takes its typed input, runs the matching landa-core use case on a
//! blocking thread (SQLite must not run on the UI thread), and tells the UI what changed.

use std::collections::BTreeSet;

use landa_core::ambassadors::{AmbassadorInput, IntegrationDto};
use landa_core::backups::{BackupInfo, BackupKind, BackupOverview, BackupSettings, RestoreOutcome};
use landa_core::changes::Touched;
use landa_core::checklists::{CheckInInput, ChecklistItemDto, ChecklistItemInput};
use landa_core::demo::DemoSummary;
use landa_core::dto::*;
use landa_core::duplicates::{DuplicatePair, SimilarHousehold};
use landa_core::export::ImportedDocument;
use landa_core::hosts::{HostDetail, HostFilter, HostInput, HostRow};
use landa_core::import::{
    ImportBatch, ImportField, ImportPreset, ImportPreview, ImportSettings, ImportSource,
    ImportTarget, PreviewFilter, ReadChoice, UndoSummary,
};
use landa_core::indicators::ReportData;
use landa_core::jobs::{
    EmployerJobs, LabourAccess, OpeningDto, OpeningFilter, OpeningInput, ReferralDto,
    ReferralInput, ReferralStepInput,
};
use landa_core::kinds::{LinkStatus, UiLanguage};
use landa_core::matches::{
    BatchProposal, EndMatchInput, MatchCandidates, MatchDto, MatchFilter, MatchStepInput,
    MeetingInput, ProposeInput, UnmatchedHousehold,
};
use landa_core::matching::Weights;
use landa_core::merge::{MergeDto, MergeEntity, MergeInput, MergePreview, PairEntity};
use landa_core::pipeline::Stage;
use landa_core::projects::{
    MembershipInput, ProjectDto, ProjectInput, ProjectMember, ProjectTarget,
};
use landa_core::reports::{ReportInput, ReportSummary, ReportView};
use landa_core::{ApiError, Landa};
use landa_report::ReportFormat;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};
use tauri_specta::Event;

use crate::{AppState, ProtectionStatus};
use landa_core::access::ReadKind;
use landa_core::audit::{AuditChoices, AuditFilter, AuditPage, ReadLogFilter, ReadLogPage};
use landa_core::erasure::{ErasureDto, ErasureInput, ErasurePreview, LiftRestrictionInput};
use landa_core::keychain::KeychainState;
use landa_core::lawful::NewsletterCount;
use landa_core::protection::{LockSettings, PassphraseChanged};
use landa_core::retention::{DueRecord, RetentionRule, RetentionRuleInput, RetentionRun};

/// Sent after every write: which kinds of record changed, and their ids. The UI decides what
/// to reload; the backend never names UI caches.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DataChanged {
    pub entities: Vec<String>,
    pub ids: Vec<String>,
}

type Reply<T> = Result<T, ApiError>;

/// Whether a command may run while kiosk mode is on. Only the kiosk's own calls may: the
/// visitor's screen gets nothing else, whatever its page asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kiosk {
    Refused,
    Allowed,
}

async fn run<T: Send + 'static>(
    app: &AppHandle,
    state: &State<'_, AppState>,
    kiosk: Kiosk,
    f: impl FnOnce(&mut Landa) -> landa_core::Result<T> + Send + 'static,
) -> Reply<T> {
    let landa = state.landa()?;
    let (out, touched) = tauri::async_runtime::spawn_blocking(move || {
        let mut guard = landa.lock().unwrap_or_else(|p| p.into_inner());
        let allowed = match kiosk {
            Kiosk::Allowed => Ok(()),
            Kiosk::Refused => guard.ensure_not_kiosk(),
        };
        let out = allowed.and_then(|()| f(&mut guard)).map_err(ApiError::from);
        (out, guard.take_touched())
    })
    .await
    .map_err(|_| ApiError {
        code: landa_core::ErrorCode::Internal,
        message: "task failed".into(),
        field: None,
        kind: None,
    })?;
    emit_changes(app, touched);
    out
}

fn emit_changes(app: &AppHandle, touched: BTreeSet<Touched>) {
    if touched.is_empty() {
        return;
    }
    let mut entities: Vec<String> = touched.iter().map(|t| t.entity.to_owned()).collect();
    entities.dedup();
    let ids = touched.into_iter().map(|t| t.id).collect();
    if let Err(e) = (DataChanged { entities, ids }).emit(app) {
        tracing::warn!("could not emit change event: {e}");
    }
}

macro_rules! command {
    ($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty => |$l:ident| $body:expr) => {
        $(#[$doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name(app: AppHandle, state: State<'_, AppState>, $($arg: $ty),*) -> Reply<$out> {
            run(&app, &state, Kiosk::Refused, move |$l: &mut Landa| $body).await
        }
    };
}

/// A command the kiosk screen may call.
macro_rules! kiosk_command {
    ($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty => |$l:ident| $body:expr) => {
        $(#[$doc])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name(app: AppHandle, state: State<'_, AppState>, $($arg: $ty),*) -> Reply<$out> {
            run(&app, &state, Kiosk::Allowed, move |$l: &mut Landa| $body).await
        }
    };
}

command!(
    /// Who is using the app, where the data is, and whether it is still empty.
    session() -> SessionInfo => |l| l.session()
);
command!(create_user(name: String) -> UserDto => |l| l.create_user(&name));
command!(set_current_user(id: String) -> () => |l| l.set_current_user(&id));
command!(
    /// Adds demo households (and, the first time, organisations and events).
    load_demo(households: u32) -> DemoSummary => |l| l.generate_demo(households.min(5000), 1)
);
command!(create_household(input: HouseholdInput) -> SaveResult => |l| l.create_household(&input));
command!(update_household(id: String, input: HouseholdInput) -> SaveResult => |l| l.update_household(&id, &input));
command!(delete_household(id: String) -> () => |l| l.delete_household(&id));
command!(move_stage(input: MoveStageInput) -> HouseholdRow => |l| l.move_stage(&input));
command!(log_interaction(input: InteractionInput) -> InteractionDto => |l| l.log_interaction(&input));
command!(record_consent(input: ConsentInput) -> () => |l| l.record_consent(&input));
command!(household(id: String) -> HouseholdDetail => |l| l.household(&id));
command!(household_history(id: String) -> Vec<ChangeDto> => |l| l.household_history(&id));
command!(list_households(filter: HouseholdFilter) -> HouseholdPage => |l| l.list_households(&filter));
command!(board(filter: BoardFilter) -> Board => |l| l.board(&filter));
command!(list_organisations(filter: OrganisationFilter) -> Vec<OrganisationRow> => |l| l.list_organisations(&filter));
command!(organisation(id: String) -> OrganisationDetail => |l| l.organisation(&id));
command!(create_organisation(input: OrganisationInput) -> String => |l| l.create_organisation(&input));
command!(update_organisation(id: String, input: OrganisationInput) -> () => |l| l.update_organisation(&id, &input));
command!(add_contact_person(input: ContactPersonInput) -> String => |l| l.add_contact_person(&input));
command!(update_contact_person(id: String, input: ContactPersonInput) -> () => |l| l.update_contact_person(&id, &input));
command!(remove_contact_person(id: String) -> () => |l| l.remove_contact_person(&id));
command!(link_household(input: OrgLinkInput) -> String => |l| l.link_household(&input));
command!(set_link_status(id: String, status: LinkStatus) -> () => |l| l.set_link_status(&id, status));
command!(create_task(input: TaskInput) -> String => |l| l.create_task(&input));
command!(set_task_done(id: String, done: bool) -> () => |l| l.set_task_done(&id, done));
command!(reschedule_task(id: String, due_on: String) -> () => |l| l.reschedule_task(&id, &due_on));
command!(list_tasks(filter: TaskFilter) -> Vec<TaskDto> => |l| l.list_tasks(&filter));
command!(dashboard() -> Dashboard => |l| l.dashboard());
command!(search(query: String, limit: u32) -> Vec<SearchHit> => |l| l.search(&query, limit));
command!(list_events(filter: EventFilter) -> Vec<EventRow> => |l| l.list_events(&filter));
command!(event(id: String) -> EventDetail => |l| l.event(&id));
command!(create_event(input: EventInput) -> String => |l| l.create_event(&input));
command!(update_event(id: String, input: EventInput) -> () => |l| l.update_event(&id, &input));
command!(delete_event(id: String) -> () => |l| l.delete_event(&id));
command!(add_attendee(input: AttendeeInput) -> String => |l| l.add_attendee(&input));
command!(remove_attendee(id: String) -> () => |l| l.remove_attendee(&id));
command!(
    /// What came of the leads per event, kind and 4T category; `year` filters by start date.
    event_outcomes(year: Option<i32>) -> OutcomeReport => |l| l.event_outcomes(year)
);
command!(consent_texts() -> Vec<ConsentTextDto> => |l| l.consent_texts());
command!(consent_text_history() -> Vec<ConsentTextDto> => |l| l.consent_text_history());
command!(publish_consent_text(input: ConsentTextInput) -> ConsentTextDto => |l| l.publish_consent_text(&input));
command!(
    /// Existing people with this email or phone, for the duplicate warning while typing.
    find_contact_matches(email: String, phone: String) -> Vec<ContactMatch> => |l| l.find_contact_matches(&email, &phone)
);
command!(
    /// Existing households that look like the one being typed (`exclude`: the one being
    /// edited), for the duplicate warning in the household form.
    similar_households(input: HouseholdInput, exclude: Option<String>) -> Vec<SimilarHousehold> => |l| l.similar_households(&input, exclude.as_deref())
);
command!(capture_lead(input: CaptureInput) -> CaptureResult => |l| l.capture_lead(&input));
command!(event_leads(event_id: String) -> Vec<LeadRow> => |l| l.event_leads(&event_id));
command!(bulk_assign_owner(input: BulkInput, owner_id: Option<String>) -> BulkResult => |l| l.bulk_assign_owner(&input, owner_id));
command!(bulk_move_stage(input: BulkInput, to_stage: Stage, reason: Option<String>) -> BulkResult => |l| l.bulk_move_stage(&input, to_stage, reason));
command!(bulk_follow_up(input: FollowUpInput) -> BulkResult => |l| l.bulk_follow_up(&input));
command!(mark_duplicate(household_id: String, duplicate_of: Option<String>) -> Option<NamedRef> => |l| l.mark_duplicate(&household_id, duplicate_of));
command!(mark_reviewed(input: BulkInput) -> BulkResult => |l| l.mark_reviewed(&input));
command!(
    /// The UI's language on this computer: tasks Landa writes on its own use it.
    set_ui_language(language: UiLanguage) -> () => |l| l.set_ui_language(language)
);
command!(list_projects() -> Vec<ProjectDto> => |l| l.list_projects());
command!(
    /// The matching weights a new project starts with, and that apply without a project.
    default_match_weights() -> Weights => |_l| Ok(Weights::default())
);
command!(current_project() -> Option<ProjectDto> => |l| l.current_project());
command!(create_project(input: ProjectInput) -> String => |l| l.create_project(&input));
command!(update_project(id: String, input: ProjectInput) -> () => |l| l.update_project(&id, &input));
command!(list_hosts(filter: HostFilter) -> Vec<HostRow> => |l| l.list_hosts(&filter));
command!(host(id: String) -> HostDetail => |l| l.host(&id));
command!(create_host(input: HostInput) -> String => |l| l.create_host(&input));
command!(update_host(id: String, input: HostInput) -> () => |l| l.update_host(&id, &input));
command!(add_host_training(host_id: String, event_id: String) -> String => |l| l.add_host_training(&host_id, &event_id));
command!(remove_host_training(id: String) -> () => |l| l.remove_host_training(&id));
command!(hosts_without_match() -> Vec<HostRow> => |l| l.hosts_without_match());
command!(unmatched_households() -> Vec<UnmatchedHousehold> => |l| l.unmatched_households());
command!(
    /// Hosts for one household, scored and explained, best first; blocked hosts last.
    match_candidates(household_id: String, project_id: Option<String>) -> MatchCandidates => |l| l.match_candidates(&household_id, project_id)
);
command!(
    /// The optimal assignment for all arrived households without a host; nothing is saved.
    batch_proposal(project_id: Option<String>) -> BatchProposal => |l| l.batch_proposal(project_id)
);
command!(propose_matches(input: ProposeInput) -> Vec<String> => |l| l.propose_matches(&input));
command!(list_matches(filter: MatchFilter) -> Vec<MatchDto> => |l| l.list_matches(&filter));
command!(host_match(id: String) -> MatchDto => |l| l.host_match(&id));
command!(accept_match(input: MatchStepInput) -> MatchDto => |l| l.accept_match(&input));
command!(start_match(input: MatchStepInput) -> MatchDto => |l| l.start_match(&input));
command!(end_match(input: EndMatchInput) -> MatchDto => |l| l.end_match(&input));
command!(rate_match(id: String, host_satisfaction: Option<u8>, household_satisfaction: Option<u8>) -> MatchDto => |l| l.rate_match(&id, host_satisfaction, household_satisfaction));
command!(log_match_meeting(input: MeetingInput) -> MatchDto => |l| l.log_match_meeting(&input));
command!(list_openings(filter: OpeningFilter) -> Vec<OpeningDto> => |l| l.list_openings(&filter));
command!(create_opening(input: OpeningInput) -> String => |l| l.create_opening(&input));
command!(update_opening(id: String, input: OpeningInput) -> () => |l| l.update_opening(&id, &input));
command!(refer_person(input: ReferralInput) -> ReferralDto => |l| l.refer_person(&input));
command!(set_referral_status(input: ReferralStepInput) -> ReferralDto => |l| l.set_referral_status(&input));
command!(remove_referral(id: String) -> () => |l| l.remove_referral(&id));
command!(household_referrals(household_id: String) -> Vec<ReferralDto> => |l| l.household_referrals(&household_id));
command!(employer_jobs(organisation_id: String) -> EmployerJobs => |l| l.employer_jobs(&organisation_id));
command!(
    /// Companies that got access to labour between two dates (inclusive).
    labour_access(from: String, to: String) -> LabourAccess => |l| l.labour_access(&from, &to)
);
command!(
    /// A project's own checklist, or the default one when `project_id` is null.
    checklist(project_id: Option<String>) -> Vec<ChecklistItemDto> => |l| l.checklist(project_id)
);
command!(add_checklist_item(input: ChecklistItemInput) -> String => |l| l.add_checklist_item(&input));
command!(update_checklist_item(id: String, input: ChecklistItemInput) -> () => |l| l.update_checklist_item(&id, &input));
command!(remove_checklist_item(id: String) -> () => |l| l.remove_checklist_item(&id));
command!(reorder_checklist(ids: Vec<String>) -> () => |l| l.reorder_checklist(&ids));
command!(copy_default_checklist(project_id: String) -> Vec<ChecklistItemDto> => |l| l.copy_default_checklist(&project_id));
command!(record_check_in(input: CheckInInput) -> HouseholdRow => |l| l.record_check_in(&input));
command!(
    /// Checklist, check-ins, ambassador details and referrer of one household.
    household_integration(household_id: String) -> IntegrationDto => |l| l.household_integration(&household_id)
);
command!(make_ambassador(input: AmbassadorInput) -> IntegrationDto => |l| l.make_ambassador(&input));
command!(set_ambassador_story(household_id: String, story: String) -> () => |l| l.set_ambassador_story(&household_id, &story));
command!(add_ambassador_event(household_id: String, event_id: String) -> String => |l| l.add_ambassador_event(&household_id, &event_id));
command!(set_referred_by(household_id: String, referred_by: Option<String>) -> () => |l| l.set_referred_by(&household_id, referred_by));
command!(project_members(project_id: String) -> Vec<ProjectMember> => |l| l.project_members(&project_id));
command!(
    add_project_member(project_id: String, organisation_id: String, input: MembershipInput) -> String
        => |l| l.add_project_member(&project_id, &organisation_id, &input)
);
command!(update_project_member(id: String, input: MembershipInput) -> () => |l| l.update_project_member(&id, &input));
command!(remove_project_member(id: String) -> () => |l| l.remove_project_member(&id));
command!(project_targets(project_id: String) -> Vec<ProjectTarget> => |l| l.project_target_list(&project_id));
command!(
    set_project_targets(project_id: String, targets: Vec<ProjectTarget>) -> ()
        => |l| l.set_project_targets(&project_id, &targets)
);
command!(
    /// The project's figures from its start to today: the project dashboard.
    project_progress(project_id: String) -> ReportData => |l| l.project_progress(&project_id)
);
command!(list_reports(project_id: String) -> Vec<ReportSummary> => |l| l.list_reports(&project_id));
command!(report(id: String) -> ReportView => |l| l.report(&id));
command!(create_report(input: ReportInput) -> String => |l| l.create_report(&input));
command!(update_report(id: String, input: ReportInput) -> () => |l| l.update_report(&id, &input));
command!(delete_report(id: String) -> () => |l| l.delete_report(&id));
command!(submit_report(id: String) -> () => |l| l.submit_report(&id));
command!(start_kiosk(input: KioskStart) -> () => |l| l.start_kiosk(&input));
kiosk_command!(
    /// The kiosk's event name, consent texts and idle timeout, or null when the kiosk is off.
    kiosk_info() -> Option<KioskInfo> => |l| l.kiosk_info()
);
kiosk_command!(kiosk_submit(lead: LeadInput) -> () => |l| l.kiosk_submit(&lead));
kiosk_command!(exit_kiosk(pin: String) -> () => |l| l.exit_kiosk(&pin));

/// Writes an event's leads as CSV to the user's Downloads folder and returns the file's path.
#[tauri::command]
#[specta::specta]
pub async fn export_event_leads(
    app: AppHandle,
    state: State<'_, AppState>,
    event_id: String,
    language: UiLanguage,
) -> Reply<ExportResult> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        std::fs::create_dir_all(&dir).map_err(landa_core::Error::File)?;
        l.export_event_leads(&event_id, language, &dir)
    })
    .await
}

/// A file Landa wrote for the user.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SavedFile {
    pub path: String,
}

/// Writes a report as XLSX, CSV or PDF to the user's Downloads folder and returns the path.
#[tauri::command]
#[specta::specta]
pub async fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    report_id: String,
    format: ReportFormat,
    language: UiLanguage,
) -> Reply<SavedFile> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        let view = l.report(&report_id)?;
        let bytes = landa_report::render(&view, format, language)
            .map_err(|e| landa_core::Error::File(std::io::Error::other(e.to_string())))?;
        let path = landa_core::files::save_new_file(
            &dir,
            &landa_report::file_stem(&view),
            format.extension(),
            &bytes,
        )?;
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    })
    .await
}

/// Downloads, else the home folder, else the data folder: somewhere the user can find it.
fn export_dir(app: &AppHandle) -> std::path::PathBuf {
    let paths = app.path();
    paths
        .download_dir()
        .or_else(|_| paths.home_dir())
        .or_else(|_| paths.app_data_dir())
        .unwrap_or_else(|_| std::env::temp_dir())
}

command!(
    /// The backup settings, the folder in use and the backups in it.
    backup_overview() -> BackupOverview => |l| l.backup_overview()
);
command!(
    set_backup_settings(settings: BackupSettings) -> BackupSettings => |l| l.set_backup_settings(settings)
);
command!(
    /// A backup made by hand; rotation never deletes it.
    backup_now() -> BackupInfo => |l| l.backup_now(BackupKind::Manual)
);
command!(delete_backup(file_name: String) -> () => |l| l.delete_backup(&file_name));
command!(
    /// Replaces the database with a checked backup, keeping the current one aside. The UI
    /// reloads itself afterwards: every list it shows may have changed.
    restore_backup(path: String, passphrase: Option<String>) -> RestoreOutcome => |l| l.restore_backup(std::path::Path::new(&path), passphrase.as_deref())
);
command!(
    /// Fills the database, while it holds no records, from a JSON export (first start on a new
    /// computer). The UI reloads itself afterwards, like after a restore.
    start_from_export(path: String) -> ImportedDocument => |l| l.start_from_export(std::path::Path::new(&path))
);

command!(
    /// Reads a CSV or XLSX file and guesses which column is which field (or applies a saved
    /// preset whose headers all appear).
    import_open(path: String, target: ImportTarget, read: ReadChoice) -> ImportSource => |l| l.import_open(std::path::Path::new(&path), target, &read)
);
command!(
    /// The fields a column can fill, in the order the wizard lists them.
    import_fields(target: ImportTarget) -> Vec<ImportField> => |_l| Ok(landa_core::import::fields(target).to_vec())
);
command!(
    /// Plans every row without writing: counts, and one page of the rows the filter shows.
    import_preview(path: String, settings: ImportSettings, filter: PreviewFilter, offset: u32, limit: u32) -> ImportPreview => |l| l.import_preview(std::path::Path::new(&path), &settings, filter, offset, limit)
);
command!(
    /// Imports the file as one batch, all rows or none.
    import_commit(path: String, settings: ImportSettings) -> ImportBatch => |l| l.import_commit(std::path::Path::new(&path), &settings)
);
command!(import_batches() -> Vec<ImportBatch> => |l| l.import_batches());
command!(
    /// Removes what an import created and sets back what it updated, keeping later edits.
    undo_import(id: String) -> UndoSummary => |l| l.undo_import(&id)
);
command!(import_presets(target: ImportTarget) -> Vec<ImportPreset> => |l| l.import_presets(target));
command!(
    save_import_preset(name: String, headers: Vec<String>, settings: ImportSettings) -> ImportPreset => |l| l.save_import_preset(&name, &headers, &settings)
);
command!(delete_import_preset(id: String) -> () => |l| l.delete_import_preset(&id));

command!(
    /// Likely duplicates across the register, surest first, with their reasons.
    duplicate_scan(limit: u32) -> Vec<DuplicatePair> => |l| l.duplicate_scan(limit.min(500))
);
command!(
    /// Two records side by side, and what merging them would move.
    merge_preview(entity: MergeEntity, kept_id: String, merged_id: String) -> MergePreview => |l| l.merge_preview(entity, &kept_id, &merged_id)
);
command!(
    /// Folds one record into another, keeping both histories; undoable.
    merge_records(input: MergeInput) -> MergeDto => |l| l.merge(&input)
);
command!(undo_merge(id: String) -> UndoSummary => |l| l.undo_merge(&id));
command!(recent_merges() -> Vec<MergeDto> => |l| l.merges(50));
command!(
    /// Remembers that two households or people are not the same.
    mark_not_duplicates(entity: PairEntity, a_id: String, b_id: String) -> () => |l| l.mark_not_duplicates(entity, &a_id, &b_id)
);

/// Writes the households a filter of the list shows as CSV to Downloads.
#[tauri::command]
#[specta::specta]
pub async fn export_households(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: HouseholdFilter,
    language: UiLanguage,
) -> Reply<ExportResult> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        let (bytes, rows) = l.export_households_csv(&filter, language)?;
        l.log_read(ReadKind::ExportHouseholds, None)?;
        let name = match language {
            UiLanguage::Sv => format!("hushall-{}", l.today_text()),
            UiLanguage::En => format!("households-{}", l.today_text()),
        };
        let path = landa_core::files::save_new_file(&dir, &name, "csv", &bytes)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    })
    .await
}

/// Writes the organisations a filter of the list shows as CSV to Downloads.
#[tauri::command]
#[specta::specta]
pub async fn export_organisations(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: OrganisationFilter,
    language: UiLanguage,
) -> Reply<ExportResult> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        let (bytes, rows) = l.export_organisations_csv(&filter, language)?;
        l.log_read(ReadKind::ExportOrganisations, None)?;
        let name = match language {
            UiLanguage::Sv => format!("organisationer-{}", l.today_text()),
            UiLanguage::En => format!("organisations-{}", l.today_text()),
        };
        let path = landa_core::files::save_new_file(&dir, &name, "csv", &bytes)?;
        Ok(ExportResult {
            path: path.display().to_string(),
            rows,
        })
    })
    .await
}

/// Which whole-register file to write.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// Every record as one JSON document (`landa import-json` reads it back).
    Json,
    /// The contacts as a vCard file.
    Vcard,
    /// Every table as a CSV file, in a new folder.
    Csv,
}

/// Writes the whole register as JSON, or the contacts as vCard, to Downloads.
#[tauri::command]
#[specta::specta]
pub async fn export_everything(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ExportKind,
    language: UiLanguage,
) -> Reply<SavedFile> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        let today = l.today_text();
        let save = landa_core::files::save_new_file;
        // Exports are plain files the user asked for: their names say so, in the UI language.
        let plain = match language {
            UiLanguage::Sv => "okrypterad",
            UiLanguage::En => "unencrypted",
        };
        l.log_read(
            match kind {
                ExportKind::Json => ReadKind::ExportJson,
                ExportKind::Vcard => ReadKind::ExportVcard,
                ExportKind::Csv => ReadKind::ExportCsv,
            },
            None,
        )?;
        let path = match kind {
            ExportKind::Json => save(
                &dir,
                &format!("landa-{today}-export-{plain}"),
                "json",
                &l.export_json_bytes()?,
            )?,
            ExportKind::Vcard => save(
                &dir,
                &format!("landa-{today}-kontakter-{plain}"),
                "vcf",
                l.export_vcards()?.as_bytes(),
            )?,
            ExportKind::Csv => landa_core::files::save_new_folder(
                &dir,
                &format!("landa-{today}-csv-{plain}"),
                &l.export_csv_tables(language)?,
            )?,
        };
        Ok(SavedFile {
            path: path.display().to_string(),
        })
    })
    .await
}

/// Re-encrypts the database (and the backups in the backup folder) under a new passphrase; a
/// key the keychain remembered is replaced by the new one.
#[tauri::command]
#[specta::specta]
pub async fn change_passphrase(
    app: AppHandle,
    state: State<'_, AppState>,
    current: String,
    next: String,
    repeated: String,
) -> Reply<PassphraseChanged> {
    let vault = state.vault();
    run(&app, &state, Kiosk::Refused, move |l| {
        l.change_passphrase(&current, &next, &repeated, vault.as_ref())
    })
    .await
}

/// Remembers the database key in the OS keychain: the next start opens without the passphrase.
#[tauri::command]
#[specta::specta]
pub async fn remember_key(app: AppHandle, state: State<'_, AppState>) -> Reply<KeychainState> {
    let vault = state.vault();
    run(&app, &state, Kiosk::Refused, move |l| {
        l.remember_key(vault.as_ref())
    })
    .await
}

/// Removes the database key from the OS keychain: every start asks for the passphrase.
#[tauri::command]
#[specta::specta]
pub async fn forget_key(app: AppHandle, state: State<'_, AppState>) -> Reply<KeychainState> {
    let vault = state.vault();
    run(&app, &state, Kiosk::Refused, move |l| {
        l.forget_key(vault.as_ref())
    })
    .await
}
command!(
    /// Minutes without use before the window locks itself (0: never).
    lock_settings() -> LockSettings => |l| l.lock_settings()
);
command!(set_lock_settings(input: LockSettings) -> LockSettings => |l| l.set_lock_settings(&input));

/// Whether the database is new, plain, locked or open: asked before anything else at start.
#[tauri::command]
#[specta::specta]
pub async fn protection_status(state: State<'_, AppState>) -> Reply<ProtectionStatus> {
    let state = state.inner().clone();
    blocking(move || state.status()).await
}

/// The first start (a new database) or the move from an unencrypted one: protects the
/// database with a new passphrase, remembers the key in the OS keychain when `remember`, and
/// opens it.
#[tauri::command]
#[specta::specta]
pub async fn protect_database(
    state: State<'_, AppState>,
    passphrase: String,
    repeated: String,
    remember: bool,
) -> Reply<ProtectionStatus> {
    let state = state.inner().clone();
    blocking(move || state.protect(&passphrase, &repeated, remember)).await
}

/// Opens the locked database with its passphrase. A wrong one is `wrong_passphrase`.
#[tauri::command]
#[specta::specta]
pub async fn unlock(state: State<'_, AppState>, passphrase: String) -> Reply<ProtectionStatus> {
    let state = state.inner().clone();
    blocking(move || state.unlock(&passphrase)).await
}

/// Opens the locked database with the key the OS keychain remembers for it. Nothing
/// remembered (or a key that no longer fits, which is then removed) is
/// `keychain_not_remembered`; a keychain that does not answer is `keychain_unavailable`.
#[tauri::command]
#[specta::specta]
pub async fn unlock_with_keychain(state: State<'_, AppState>) -> Reply<ProtectionStatus> {
    let state = state.inner().clone();
    blocking(move || state.unlock_with_keychain()).await
}

/// Locks now: the database is closed and its key wiped from memory until the passphrase is
/// given again. Refused while kiosk mode is on (the visitor's screen stays up).
#[tauri::command]
#[specta::specta]
pub async fn lock(state: State<'_, AppState>) -> Reply<ProtectionStatus> {
    let state = state.inner().clone();
    blocking(move || state.lock()).await
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|_| ApiError {
            code: landa_core::ErrorCode::Internal,
            message: "task failed".into(),
            field: None,
            kind: None,
        })?
}

/// Where the newsletter list went, and how many it holds and left out.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct NewsletterExport {
    pub path: String,
    pub count: NewsletterCount,
}

/// Writes the newsletter list (only adults with newsletter consent) as CSV to Downloads.
#[tauri::command]
#[specta::specta]
pub async fn export_newsletter(
    app: AppHandle,
    state: State<'_, AppState>,
    language: UiLanguage,
) -> Reply<NewsletterExport> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        let (bytes, count) = l.export_newsletter_csv(language)?;
        l.log_read(ReadKind::ExportNewsletter, None)?;
        let name = match language {
            UiLanguage::Sv => format!("nyhetsbrev-{}-okrypterad", l.today_text()),
            UiLanguage::En => format!("newsletter-{}-unencrypted", l.today_text()),
        };
        let path = landa_core::files::save_new_file(&dir, &name, "csv", &bytes)?;
        Ok(NewsletterExport {
            path: path.display().to_string(),
            count,
        })
    })
    .await
}

command!(
    /// What erasing the household, or one person of it, would remove, table by table.
    erasure_preview(household_id: String, person_id: Option<String>) -> ErasurePreview =>
        |l| l.erasure_preview(&household_id, person_id.as_deref())
);
command!(
    /// Decides a request about a household or a person: erase, restrict or refuse, with the reason.
    decide_erasure(input: ErasureInput) -> ErasureDto => |l| l.decide_erasure(&input)
);
command!(
    /// Ends a restriction still in force, with the reason; recorded in the register.
    lift_restriction(input: LiftRestrictionInput) -> ErasureDto => |l| l.lift_restriction(&input)
);
command!(
    /// A coordinator signs in on this device after an unlock; the sign-in is logged.
    sign_in(user_id: String) -> UserDto => |l| l.sign_in(&user_id)
);
command!(
    /// Every decided erasure request, newest first (no data about the households themselves).
    erasure_requests() -> Vec<ErasureDto> => |l| l.erasure_requests()
);

/// Where the two files of an access extract went.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ExtractFiles {
    pub pdf: String,
    pub json: String,
}

/// Everything Landa holds about a household, as a readable PDF and a machine-readable JSON in
/// Downloads, in `language`. Logged as a read.
#[tauri::command]
#[specta::specta]
pub async fn access_extract(
    app: AppHandle,
    state: State<'_, AppState>,
    household_id: String,
    language: UiLanguage,
) -> Reply<ExtractFiles> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        let x = l.access_extract(&household_id, language)?;
        let stem = landa_report::extract::file_stem(&x);
        let rendered = |r: Result<Vec<u8>, landa_report::RenderError>| {
            r.map_err(|e| landa_core::Error::Corrupt(e.to_string()))
        };
        let save = landa_core::files::save_new_file;
        let pdf = save(
            &dir,
            &stem,
            "pdf",
            &rendered(landa_report::extract::pdf(&x))?,
        )?;
        let json = save(
            &dir,
            &stem,
            "json",
            &rendered(landa_report::extract::json(&x))?,
        )?;
        Ok(ExtractFiles {
            pdf: pdf.display().to_string(),
            json: json.display().to_string(),
        })
    })
    .await
}

command!(
    /// The retention rules, each with how many households are due today.
    retention_rules() -> Vec<RetentionRule> => |l| l.retention_rules()
);
command!(create_retention_rule(input: RetentionRuleInput) -> RetentionRule => |l| l.create_retention_rule(&input));
command!(delete_retention_rule(id: String) -> () => |l| l.delete_retention_rule(&id));
command!(
    /// The review list: who is due under the rule today.
    retention_review(rule_id: String) -> Vec<DueRecord> => |l| l.retention_review(&rule_id)
);
command!(
    /// Removes everyone due under the rule now (confirmed by the user), and logs the run.
    run_retention(rule_id: String) -> RetentionRun => |l| l.run_retention(&rule_id, false)
);
command!(retention_runs() -> Vec<RetentionRun> => |l| l.retention_runs());

command!(
    /// Who and which kinds of record the audit browser's filters can choose.
    audit_choices() -> AuditChoices => |l| l.audit_choices()
);
command!(
    /// The change log, newest first, as the filter narrows it; one page.
    audit_log(filter: AuditFilter) -> AuditPage => |l| l.audit_log(&filter)
);
command!(
    /// Access extracts and exports, newest first, as the filter narrows them; one page.
    read_log_entries(filter: ReadLogFilter) -> ReadLogPage => |l| l.read_log_entries(&filter)
);

/// Writes every change the filter shows as CSV to Downloads (`…-okrypterad.csv`). Logged as a
/// read.
#[tauri::command]
#[specta::specta]
pub async fn export_audit_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: AuditFilter,
    language: UiLanguage,
) -> Reply<ExportResult> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        l.export_audit_csv(&filter, language, &dir)
    })
    .await
}

/// Writes every read the filter shows as CSV to Downloads. Logged as a read too.
#[tauri::command]
#[specta::specta]
pub async fn export_read_log_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    filter: ReadLogFilter,
    language: UiLanguage,
) -> Reply<ExportResult> {
    let dir = export_dir(&app);
    run(&app, &state, Kiosk::Refused, move |l: &mut Landa| {
        l.export_read_log_csv(&filter, language, &dir)
    })
    .await
}
