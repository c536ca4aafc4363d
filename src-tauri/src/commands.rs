//! Tauri commands: each one takes its typed input, runs the matching landa-core use case on a
//! blocking thread (SQLite must not run on the UI thread), and tells the UI what changed.

use std::collections::BTreeSet;

use landa_core::changes::Touched;
use landa_core::demo::DemoSummary;
use landa_core::dto::*;
use landa_core::kinds::LinkStatus;
use landa_core::{ApiError, Landa};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::AppState;

/// Sent after every write: which kinds of record changed, and their ids. The UI decides what
/// to reload; the backend never names UI caches.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct DataChanged {
    pub entities: Vec<String>,
    pub ids: Vec<String>,
}

type Reply<T> = Result<T, ApiError>;

async fn run<T: Send + 'static>(
    app: &AppHandle,
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Landa) -> landa_core::Result<T> + Send + 'static,
) -> Reply<T> {
    let landa = state.landa.clone()?;
    let (out, touched) = tauri::async_runtime::spawn_blocking(move || {
        let mut guard = landa.lock().unwrap_or_else(|p| p.into_inner());
        let out = f(&mut guard).map_err(ApiError::from);
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
            run(&app, &state, move |$l: &mut Landa| $body).await
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
