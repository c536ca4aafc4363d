//! The desktop shell: opens the database in the data directory, registers the typed commands
//! and hands every call to landa-core off the UI thread. No SQL and no rules live here.

mod commands;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use landa_core::keychain::{KeyVault, KeychainState, OsVault, keychain_state};
use landa_core::paths::{data_dir, database_path};
use landa_core::protection::{DatabaseState, database_state};
use landa_core::{ApiError, Error, ErrorCode, Landa, OpenOptions};
use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands, collect_events};

pub use commands::DataChanged;

/// Where the database is, and whether it is open. It starts closed: nothing is read until the
/// passphrase is given (or, on the first start, chosen). Locking closes it again.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<StateInner>,
}

struct StateInner {
    /// The database file, or why no data folder could be found (shown as a sentence).
    path: Result<PathBuf, ApiError>,
    open: Mutex<Option<Arc<Mutex<Landa>>>>,
    /// The OS keychain that may remember the database key on this computer.
    vault: Arc<dyn KeyVault>,
}

/// What the start screen needs to know: which of its four faces to show.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct ProtectionStatus {
    /// `new`, `plain` or `encrypted` for a closed database; `open` once it is unlocked.
    pub state: String,
    pub min_passphrase_chars: u32,
    /// Whether a keychain answers, and whether it remembers this database's key: the first
    /// start offers it, a start with a remembered key opens without the passphrase, and the
    /// lock screen offers it beside the passphrase. `None` after an unlock, which does not ask
    /// the keychain again (a locked keychain would prompt the user a second time).
    pub keychain: Option<KeychainState>,
}

impl AppState {
    pub fn new(path: Result<PathBuf, ApiError>, vault: Arc<dyn KeyVault>) -> Self {
        Self {
            inner: Arc::new(StateInner {
                path,
                open: Mutex::new(None),
                vault,
            }),
        }
    }

    pub fn vault(&self) -> Arc<dyn KeyVault> {
        self.inner.vault.clone()
    }

    fn path(&self) -> Result<&PathBuf, ApiError> {
        self.inner.path.as_ref().map_err(Clone::clone)
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Arc<Mutex<Landa>>>> {
        self.inner.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The open database, or `locked`.
    pub fn landa(&self) -> Result<Arc<Mutex<Landa>>, ApiError> {
        self.path()?;
        self.slot().clone().ok_or_else(|| Error::Locked.to_api())
    }

    fn status_of(&self, state: &str, keychain: Option<KeychainState>) -> ProtectionStatus {
        ProtectionStatus {
            state: state.to_owned(),
            min_passphrase_chars: landa_core::protection::MIN_PASSPHRASE_CHARS as u32,
            keychain,
        }
    }

    /// The status while a database is open, with what the keychain holds for it (the settings
    /// ask); `None` when none is open.
    fn open_status(&self) -> Option<ProtectionStatus> {
        let landa = self.slot().clone()?;
        let keychain = landa
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .key_state(self.inner.vault.as_ref())
            .unwrap_or(KeychainState::Unavailable);
        Some(self.status_of("open", Some(keychain)))
    }

    pub fn status(&self) -> Result<ProtectionStatus, ApiError> {
        if let Some(open) = self.open_status() {
            return Ok(open);
        }
        let path = self.path()?;
        let state = database_state(path).map_err(|e| e.to_api())?;
        let keychain = keychain_state(path, self.inner.vault.as_ref()).map_err(|e| e.to_api())?;
        Ok(self.status_of(
            match state {
                DatabaseState::New => "new",
                DatabaseState::Plain => "plain",
                DatabaseState::Encrypted => "encrypted",
            },
            Some(keychain),
        ))
    }

    /// Keeps a database just unlocked open; `keychain` is what the unlock itself showed.
    fn put(
        &self,
        opened: landa_core::Result<Landa>,
        keychain: Option<KeychainState>,
    ) -> Result<ProtectionStatus, ApiError> {
        let landa = opened.map_err(|e| e.to_api())?;
        *self.slot() = Some(Arc::new(Mutex::new(landa)));
        Ok(self.status_of("open", keychain))
    }

    /// The first start (or an unencrypted database): protects it with a new passphrase and,
    /// when `remember` is chosen, remembers the key in the keychain. A keychain that fails
    /// then does not undo the protection: the status says the key is not remembered, and the
    /// window says so.
    pub fn protect(
        &self,
        passphrase: &str,
        repeated: &str,
        remember: bool,
    ) -> Result<ProtectionStatus, ApiError> {
        let path = self.path()?;
        // Held to the end, so a second submit waits and then finds the database open.
        let mut slot = self.slot();
        if slot.is_some() {
            drop(slot);
            return self.status();
        }
        let opened = match database_state(path).map_err(|e| e.to_api())? {
            DatabaseState::New => {
                Landa::create_protected(path, passphrase, repeated, OpenOptions::default())
            }
            DatabaseState::Plain => {
                Landa::encrypt_plain(path, passphrase, repeated, OpenOptions::default())
            }
            DatabaseState::Encrypted => Err(Error::Locked),
        };
        let landa = opened.map_err(|e| e.to_api())?;
        // A new database (a new salt) has nothing in the keychain until it is remembered now.
        let vault = self.inner.vault.as_ref();
        let keychain = if !vault.available() {
            KeychainState::Unavailable
        } else if !remember {
            KeychainState::Available
        } else {
            landa.remember_key(vault).unwrap_or_else(|e| {
                tracing::warn!(code = ?e.to_api().code, "the key could not be remembered");
                KeychainState::Available
            })
        };
        *slot = Some(Arc::new(Mutex::new(landa)));
        Ok(self.status_of("open", Some(keychain)))
    }

    pub fn unlock(&self, passphrase: &str) -> Result<ProtectionStatus, ApiError> {
        if let Some(open) = self.open_status() {
            return Ok(open);
        }
        let opened = Landa::unlock(self.path()?, passphrase, OpenOptions::default());
        self.put(opened, None)
    }

    /// Opens the database with the key the keychain remembers for it.
    pub fn unlock_with_keychain(&self) -> Result<ProtectionStatus, ApiError> {
        if let Some(open) = self.open_status() {
            return Ok(open);
        }
        let opened = Landa::unlock_with_keychain(
            self.path()?,
            self.inner.vault.as_ref(),
            OpenOptions::default(),
        );
        self.put(opened, Some(KeychainState::Remembered))
    }

    pub fn lock(&self) -> Result<ProtectionStatus, ApiError> {
        let mut slot = self.slot();
        if let Some(landa) = slot.as_ref() {
            let guard = landa.lock().unwrap_or_else(|p| p.into_inner());
            guard.ensure_not_kiosk().map_err(|e| e.to_api())?;
        }
        // The last handle to go closes the connection and wipes the key.
        *slot = None;
        tracing::info!("database locked");
        drop(slot);
        self.status()
    }
}

/// Every command and event the UI may use; the TypeScript bindings are generated from this.
pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::protection_status,
            commands::protect_database,
            commands::unlock,
            commands::unlock_with_keychain,
            commands::lock,
            commands::change_passphrase,
            commands::remember_key,
            commands::forget_key,
            commands::lock_settings,
            commands::set_lock_settings,
            commands::session,
            commands::create_user,
            commands::set_current_user,
            commands::load_demo,
            commands::create_household,
            commands::update_household,
            commands::delete_household,
            commands::move_stage,
            commands::log_interaction,
            commands::record_consent,
            commands::household,
            commands::household_history,
            commands::list_households,
            commands::board,
            commands::list_organisations,
            commands::organisation,
            commands::create_organisation,
            commands::update_organisation,
            commands::add_contact_person,
            commands::update_contact_person,
            commands::remove_contact_person,
            commands::link_household,
            commands::set_link_status,
            commands::create_task,
            commands::set_task_done,
            commands::reschedule_task,
            commands::list_tasks,
            commands::dashboard,
            commands::search,
            commands::list_events,
            commands::event,
            commands::create_event,
            commands::update_event,
            commands::delete_event,
            commands::add_attendee,
            commands::remove_attendee,
            commands::event_outcomes,
            commands::consent_texts,
            commands::consent_text_history,
            commands::publish_consent_text,
            commands::find_contact_matches,
            commands::similar_households,
            commands::capture_lead,
            commands::event_leads,
            commands::bulk_assign_owner,
            commands::bulk_move_stage,
            commands::bulk_follow_up,
            commands::mark_duplicate,
            commands::mark_reviewed,
            commands::export_event_leads,
            commands::set_ui_language,
            commands::list_projects,
            commands::default_match_weights,
            commands::current_project,
            commands::create_project,
            commands::update_project,
            commands::list_hosts,
            commands::host,
            commands::create_host,
            commands::update_host,
            commands::add_host_training,
            commands::remove_host_training,
            commands::hosts_without_match,
            commands::unmatched_households,
            commands::match_candidates,
            commands::batch_proposal,
            commands::propose_matches,
            commands::list_matches,
            commands::host_match,
            commands::accept_match,
            commands::start_match,
            commands::end_match,
            commands::rate_match,
            commands::log_match_meeting,
            commands::list_openings,
            commands::create_opening,
            commands::update_opening,
            commands::refer_person,
            commands::set_referral_status,
            commands::remove_referral,
            commands::household_referrals,
            commands::employer_jobs,
            commands::labour_access,
            commands::checklist,
            commands::add_checklist_item,
            commands::update_checklist_item,
            commands::remove_checklist_item,
            commands::reorder_checklist,
            commands::copy_default_checklist,
            commands::record_check_in,
            commands::household_integration,
            commands::make_ambassador,
            commands::set_ambassador_story,
            commands::add_ambassador_event,
            commands::set_referred_by,
            commands::project_members,
            commands::add_project_member,
            commands::update_project_member,
            commands::remove_project_member,
            commands::project_targets,
            commands::set_project_targets,
            commands::project_progress,
            commands::list_reports,
            commands::report,
            commands::create_report,
            commands::update_report,
            commands::delete_report,
            commands::submit_report,
            commands::export_report,
            commands::start_kiosk,
            commands::kiosk_info,
            commands::kiosk_submit,
            commands::exit_kiosk,
            commands::backup_overview,
            commands::set_backup_settings,
            commands::backup_now,
            commands::delete_backup,
            commands::restore_backup,
            commands::start_from_export,
            commands::export_everything,
            commands::import_open,
            commands::import_fields,
            commands::import_preview,
            commands::import_commit,
            commands::import_batches,
            commands::undo_import,
            commands::import_presets,
            commands::save_import_preset,
            commands::delete_import_preset,
            commands::duplicate_scan,
            commands::merge_preview,
            commands::merge_records,
            commands::undo_merge,
            commands::recent_merges,
            commands::mark_not_duplicates,
            commands::export_households,
            commands::export_organisations,
            commands::export_newsletter,
            commands::erasure_preview,
            commands::decide_erasure,
            commands::lift_restriction,
            commands::sign_in,
            commands::erasure_requests,
            commands::access_extract,
            commands::retention_rules,
            commands::create_retention_rule,
            commands::delete_retention_rule,
            commands::retention_review,
            commands::run_retention,
            commands::retention_runs,
            commands::audit_choices,
            commands::audit_log,
            commands::read_log_entries,
            commands::export_audit_csv,
            commands::export_read_log_csv,
        ])
        .events(collect_events![DataChanged])
        // One TypeScript type per Rust type: our DTOs are either sent or received, never both ways.
        .disable_serde_phases()
}

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/ipc/bindings.ts";

pub fn typescript() -> Typescript {
    Typescript::default().header("// Generated by src-tauri (tauri-specta) — do not edit. Regenerate: scripts/bindings.sh\n// @ts-nocheck\n/* eslint-disable */")
}

/// `--data-dir <path>` on the command line, else `LANDA_DATA_DIR`, else the OS data directory.
fn data_dir_arg() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// The database file in the data folder (created if needed); nothing is opened yet.
fn database_file() -> Result<PathBuf, ApiError> {
    let storage = |message: String| ApiError {
        code: ErrorCode::Storage,
        message,
        field: None,
        kind: None,
    };
    let dir = data_dir(data_dir_arg())
        .ok_or_else(|| storage("no data directory could be found".into()))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| storage(format!("cannot create the data directory: {e}")))?;
    let path = database_path(&dir);
    tracing::debug!(path = %path.display(), "database file");
    Ok(path)
}

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LANDA_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    let builder = specta_builder();
    let state = AppState::new(database_file(), Arc::new(OsVault::new()));
    if let Err(e) = state.path() {
        tracing::error!(code = ?e.code, "no data folder");
    }
    let on_quit = state.clone();
    let daily = state.clone();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .setup(move |app| {
            builder.mount_events(app);
            backups::start_daily(daily.clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .unwrap_or_else(|e| {
            tracing::error!("Landa could not start: {e}");
            std::process::exit(1);
        });
    app.run(move |_, event| {
        if let tauri::RunEvent::Exit = event
            && let Ok(landa) = on_quit.landa()
        {
            backups::on_quit(&landa);
        }
    });
}

/// Automatic backups: one a day (checked once the database is open and every ten minutes
/// after, for a laptop that is never closed), and one when the app quits. Retention rules
/// marked automatic run at the same checks. The daily one runs on its own thread with its
/// own read connection, so the window never waits for it.
mod backups {
    use std::sync::Mutex;
    use std::time::Duration;

    use landa_core::Landa;
    use landa_core::backups::{BackupKind, daily_backup_if_due};

    use crate::AppState;

    /// Checks within seconds of the database being opened and every ten minutes after; the
    /// check is one directory listing.
    pub fn start_daily(state: AppState) {
        let spawned = std::thread::Builder::new()
            .name("daily-backup".into())
            .spawn(move || {
                loop {
                    // Closed (before the first unlock, or locked): look again soon, so the
                    // first check comes within seconds of the unlock.
                    let wait = match state.landa() {
                        Ok(landa) => {
                            run_if_due(&landa);
                            600
                        }
                        Err(_) => 15,
                    };
                    std::thread::sleep(Duration::from_secs(wait));
                }
            });
        if let Err(e) = spawned {
            tracing::warn!("the daily backup could not start: {e}");
        }
    }

    fn run_if_due(landa: &Mutex<Landa>) {
        // Hold the lock only to read the settings, never while copying.
        let plan = {
            let mut guard = landa.lock().unwrap_or_else(|p| p.into_inner());
            // Retention rules marked automatic run on the same schedule, before the copy, so the
            // backup holds nothing they removed.
            if let Err(e) = guard.run_automatic_retention() {
                tracing::warn!(code = ?e.to_api().code, "automatic retention failed");
            }
            guard.backup_plan()
        };
        if let Err(e) = plan.and_then(|plan| daily_backup_if_due(&plan)) {
            tracing::warn!(code = ?e.to_api().code, "the daily backup failed");
        }
    }

    pub fn on_quit(landa: &Mutex<Landa>) {
        let guard = landa.lock().unwrap_or_else(|p| p.into_inner());
        let automatic = guard
            .backup_settings()
            .map(|s| s.automatic)
            .unwrap_or(false);
        if automatic && let Err(e) = guard.backup_now(BackupKind::OnQuit) {
            tracing::warn!(code = ?e.to_api().code, "the backup on quit failed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CI fails when the committed TypeScript bindings differ from what the Rust commands
    /// generate. `LANDA_WRITE_BINDINGS=1` rewrites them instead (scripts/bindings.sh).
    #[test]
    fn typescript_bindings_are_current() {
        let committed_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        if std::env::var_os("LANDA_WRITE_BINDINGS").is_some() {
            specta_builder()
                .export(typescript(), &committed_path)
                .expect("export bindings");
            return;
        }
        let fresh = std::env::temp_dir().join(format!("landa-bindings-{}.ts", std::process::id()));
        specta_builder()
            .export(typescript(), &fresh)
            .expect("export bindings");
        let generated = std::fs::read_to_string(&fresh).expect("read generated bindings");
        let _ = std::fs::remove_file(&fresh);
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            generated == committed,
            "ui/src/ipc/bindings.ts is stale: run scripts/bindings.sh and commit the result"
        );
    }
}
