//! The whole import, not only the reader: arbitrary bytes are written to a file and taken
//! through `import_open`, `import_preview` and, for some inputs, `import_commit` and
//! `undo_import`, with the target, the column mapping, the matching choices and a cell edit
//! chosen by the first bytes. Looks for panics anywhere between the file and the database, and
//! for a commit that disagrees with its preview.
//!
//! calamine panics on some malformed workbooks inside `catch_unwind` (see
//! crates/landa-import/fuzz/README.md); `init` swaps libfuzzer-sys's aborting panic hook for
//! one that notes each caught panic once. A panic that escapes still aborts as a crash.

#![no_main]

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use landa_core::clock::{FixedClock, RandomIds};
use landa_core::import::{
    CellEdit, ImportSettings, ImportTarget, MatchOn, OnMatch, PreviewFilter, ReadChoice, fields,
};
use landa_core::{Error, Landa, OpenOptions};
use libfuzzer_sys::fuzz_target;

static SEEN_PANICS: Mutex<Option<HashSet<String>>> = Mutex::new(None);

fn note_panic(info: &std::panic::PanicHookInfo<'_>) {
    let location = info
        .location()
        .map_or_else(String::new, ToString::to_string);
    if let Ok(mut seen) = SEEN_PANICS.lock() {
        if seen
            .get_or_insert_with(HashSet::new)
            .insert(location.clone())
        {
            eprintln!("panic (caught unless a crash follows) at {location}: {info}");
        }
    }
}

/// One database for the whole run: opening and migrating one per input would be most of the
/// time. It grows with the commits, so later inputs also meet matches.
static LANDA: Mutex<Option<Landa>> = Mutex::new(None);

const TARGETS: [ImportTarget; 4] = [
    ImportTarget::Households,
    ImportTarget::Organisations,
    ImportTarget::ContactPersons,
    ImportTarget::Events,
];
const MATCH_ON: [MatchOn; 3] = [MatchOn::Contact, MatchOn::Name, MatchOn::Nothing];

fuzz_target!(init: std::panic::set_hook(Box::new(note_panic)), |data: &[u8]| {
    let Some((head, file)) = data.split_at_checked(4) else {
        return;
    };
    let mut guard = LANDA.lock().unwrap_or_else(|p| p.into_inner());
    let landa = guard.get_or_insert_with(|| {
        let mut l = Landa::open_in_memory(OpenOptions {
            clock: Arc::new(FixedClock::at(
                chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z")
                    .unwrap()
                    .to_utc(),
            )),
            ids: Arc::new(RandomIds::seeded(1)),
        })
        .expect("an in-memory database opens");
        l.create_user("Fuzz").expect("a user is created");
        l
    });
    let dir = std::env::temp_dir().join(format!("landa-fuzz-import-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(if head[0] & 1 == 0 { "in.csv" } else { "in.xlsx" });
    if std::fs::write(&path, file).is_err() {
        return;
    }
    let target = TARGETS[usize::from(head[0] >> 1) % TARGETS.len()];
    let Ok(opened) = landa.import_open(&path, target, &ReadChoice::default()) else {
        return;
    };
    // The guessed mapping, with columns moved to fields chosen by the second byte.
    let offered = fields(target);
    let mut columns = opened.guess.clone();
    for (i, c) in columns.iter_mut().enumerate() {
        let pick = usize::from(head[1]).wrapping_add(i * 7) % (offered.len() + 2);
        if head[1] & 0x80 != 0 {
            *c = offered.get(pick).copied();
        }
    }
    let settings = ImportSettings {
        target,
        read: ReadChoice::default(),
        columns,
        match_on: MATCH_ON[usize::from(head[2]) % MATCH_ON.len()],
        on_match: if head[2] & 0x10 == 0 { OnMatch::Update } else { OnMatch::Skip },
        edits: vec![CellEdit {
            index: u32::from(head[3] % 8),
            column: u32::from(head[3] >> 5),
            value: String::from_utf8_lossy(&file[..file.len().min(12)]).into_owned(),
        }],
        tags: Vec::new(),
        stage: None,
    };
    let preview = match landa.import_preview(&path, &settings, PreviewFilter::All, 0, 200) {
        Ok(p) => p,
        Err(Error::Validation(_)) => return,
        Err(e) => panic!("a preview failed with something other than a reason: {e:?}"),
    };
    if head[3] & 0x10 == 0 {
        return;
    }
    match landa.import_commit(&path, &settings) {
        Ok(batch) => {
            assert_eq!(
                (batch.created, batch.updated),
                (preview.create, preview.update),
                "a commit writes what its preview said"
            );
            landa.undo_import(&batch.id).expect("an import is undone");
        }
        Err(Error::Validation(_)) => {}
        Err(e) => panic!("a commit failed with something other than a reason: {e:?}"),
    }
});
