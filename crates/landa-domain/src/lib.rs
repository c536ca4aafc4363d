//! Landa's domain: the nouns of talent attraction work and the rules that hold between them.
//!
//! Nothing here does I/O or reads the clock; time and ids are passed in by the caller so the
//! rules are deterministic and testable on their own.

pub mod contact;
pub mod duplicates;
pub mod error;
pub mod fair;
pub mod hlc;
pub mod household;
pub mod ids;
pub mod indicators;
pub mod kinds;
pub mod matching;
pub mod pipeline;
pub mod text;

pub use error::{ValidationError, ValidationKind};
