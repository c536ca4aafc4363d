//! Feeds arbitrary bytes to `read`, with detection and with forced options
//! chosen by the first byte, looking for panics, hangs and runaway memory.
//!
//! `read` runs calamine under `catch_unwind`, because calamine 0.38 panics
//! on some malformed workbooks (arithmetic overflow in builds with overflow
//! checks, which fuzz builds have). libfuzzer-sys's panic hook would abort
//! on those even though `read` turns them into errors, so `init` swaps it for
//! one that notes each panic location once. A panic that escapes `read` still
//! aborts: libfuzzer-sys catches the unwind and aborts, and it is reported as
//! a crash.

#![no_main]

use std::collections::HashSet;
use std::sync::Mutex;

use landa_import::{ReadOptions, TextEncoding, read};
use libfuzzer_sys::fuzz_target;

const ENCODINGS: [Option<TextEncoding>; 6] = [
    None,
    Some(TextEncoding::Utf8),
    Some(TextEncoding::Utf8Bom),
    Some(TextEncoding::Utf16Le),
    Some(TextEncoding::Utf16Be),
    Some(TextEncoding::Windows1252),
];

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

fuzz_target!(init: std::panic::set_hook(Box::new(note_panic)), |data: &[u8]| {
    let _ = read(data, &ReadOptions::default());
    if let Some((&choice, rest)) = data.split_first() {
        let options = ReadOptions {
            encoding: ENCODINGS.get(usize::from(choice % 6)).copied().flatten(),
            delimiter: (choice >= 128).then_some(choice % 64),
            sheet: (choice % 7 == 0).then(|| "Blad1".to_owned()),
        };
        let _ = read(rest, &options);
    }
});
