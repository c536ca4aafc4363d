//! Landa's use cases. The desktop shell and the CLI call these and nothing below them: every
//! write runs here in one transaction together with its change-log rows.

pub mod access;
pub mod audit;
pub mod backups;
pub mod changes;
pub mod clock;
pub mod demo;
pub mod dto;
pub mod erasure;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod indicators;
pub mod reports;
pub mod retention;
pub mod vcard;

pub mod ambassadors;
mod app;
mod capture;
pub mod checklists;
mod dashboard;
pub mod duplicates;
pub(crate) mod events;
pub mod hosts;
pub(crate) mod households;
pub mod jobs;
pub mod keychain;
pub mod labels;
pub mod lawful;
pub mod matches;
pub mod merge;
pub(crate) mod organisations;
pub mod paths;
pub mod projects;
pub mod protection;
mod reconcile;
mod search;
mod tasks;
pub mod undo;
mod users;

pub use app::{Landa, OpenOptions};
pub use changes::Touched;
pub use error::{ApiError, Error, ErrorCode, Result};
/// The domain vocabularies the UI and the CLI name in their inputs.
pub use landa_domain::{kinds, matching, pipeline, text};
