//! How long a 100,000-row import takes, beside its floor: the same file loaded into one plain
//! SQLite table with a prepared insert in one transaction (no validation, no change log, no
//! search index, no matching).
//!
//! `cargo run --release -p landa-core --example import_bench [rows]` — writes a generated
//! Swedish-Excel register (Windows-1252, semicolons) and two fresh databases under
//! `target/bench-data/import/`, and prints the timings.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::time::Instant;

use landa_core::import::{
    ImportSettings, ImportTarget, MatchOn, OnMatch, PreviewFilter, ReadChoice,
};
use landa_core::{Landa, OpenOptions};
use landa_import::{ReadOptions, TextEncoding};

const FIRST: &[&str] = &[
    "Anna", "Erik", "Sara", "Omar", "Lina", "Johan", "Maria", "Ali", "Karin", "Nils", "Åsa",
    "Örjan", "Elin", "Jonas", "Fatima", "Per",
];
const LAST: &[&str] = &[
    "Lind",
    "Berg",
    "Haddad",
    "Ek",
    "Holm",
    "Sjöberg",
    "Åkesson",
    "Nyström",
    "Karlsson",
    "Nilsson",
    "Öberg",
    "Lundqvist",
];
const PLACES: &[&str] = &[
    "Östersund",
    "Åre",
    "Krokom",
    "Strömsund",
    "Berg",
    "Härjedalen",
];

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/import");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();

    let headers: Vec<String> = [
        "Förnamn",
        "Efternamn",
        "E-post",
        "Telefon",
        "Partner förnamn",
        "Partner efternamn",
        "Barn",
        "Kommun",
        "Källa",
        "Första kontakt",
        "Anteckningar",
    ]
    .map(String::from)
    .to_vec();
    let table: Vec<Vec<String>> = (0..rows)
        .map(|i| {
            let first = FIRST[i % FIRST.len()];
            let last = LAST[(i / FIRST.len()) % LAST.len()];
            let partner = i % 3 != 0;
            vec![
                first.to_owned(),
                last.to_owned(),
                format!(
                    "{}.{}{i}@example.se",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                format!(
                    "070-{:03} {:02} {:02}",
                    i / 10_000,
                    (i / 100) % 100,
                    i % 100
                ),
                if partner {
                    FIRST[(i + 5) % FIRST.len()].to_owned()
                } else {
                    String::new()
                },
                if partner {
                    last.to_owned()
                } else {
                    String::new()
                },
                if i % 2 == 0 {
                    format!("{}, {}", i % 12, (i + 5) % 15)
                } else {
                    String::new()
                },
                PLACES[i % PLACES.len()].to_owned(),
                "Mässa".to_owned(),
                format!("{}/{}/2024", 1 + i % 28, 1 + i % 12),
                if i % 10 == 0 {
                    "Vill veta mer om förskola;\nringer i vår".to_owned()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    let bytes = landa_import::write_csv(&headers, &table, TextEncoding::Windows1252, b';').unwrap();
    let file = dir.join("register.csv");
    std::fs::write(&file, &bytes).unwrap();
    println!(
        "{rows} rows × {} columns, {:.1} MB (Windows-1252, semicolons)",
        headers.len(),
        bytes.len() as f64 / 1e6
    );

    // The floor: read the same file, insert every row as it is into one plain table.
    let started = Instant::now();
    let read = landa_import::read(&std::fs::read(&file).unwrap(), &ReadOptions::default()).unwrap();
    let read_time = started.elapsed();
    let mut raw = rusqlite::Connection::open(dir.join("plain.db")).unwrap();
    raw.pragma_update(None, "journal_mode", "WAL").unwrap();
    let columns: Vec<String> = (0..headers.len()).map(|c| format!("c{c} TEXT")).collect();
    raw.execute(&format!("CREATE TABLE rows ({})", columns.join(", ")), [])
        .unwrap();
    let tx = raw.transaction().unwrap();
    {
        let marks: Vec<String> = (1..=headers.len()).map(|i| format!("?{i}")).collect();
        let mut stmt = tx
            .prepare(&format!("INSERT INTO rows VALUES ({})", marks.join(", ")))
            .unwrap();
        for r in &read.rows {
            stmt.execute(rusqlite::params_from_iter(r)).unwrap();
        }
    }
    tx.commit().unwrap();
    let plain = started.elapsed();
    println!(
        "read the file:                {:>8.0} ms",
        read_time.as_secs_f64() * 1e3
    );
    println!(
        "plain SQLite load:            {:>8.0} ms",
        plain.as_secs_f64() * 1e3
    );

    let mut landa = Landa::open(
        &dir.join("landa.db"),
        &landa_core::protection::Key::new([7; 32], [8; 16]),
        OpenOptions::default(),
    )
    .unwrap();
    landa.create_user("Benchmark").unwrap();
    let source = landa
        .import_open(&file, ImportTarget::Households, &ReadChoice::default())
        .unwrap();
    assert!(
        source.guess.iter().all(Option::is_some),
        "every header is guessed"
    );
    let settings = ImportSettings {
        target: ImportTarget::Households,
        read: ReadChoice::default(),
        columns: source.guess,
        match_on: MatchOn::Contact,
        on_match: OnMatch::Update,
        edits: Vec::new(),
        tags: vec!["Import".into()],
        stage: None,
    };
    let timed = |what: &str, f: &mut dyn FnMut() -> String| {
        let started = Instant::now();
        let out = f();
        println!(
            "{what:<30}{:>8.0} ms   {out}",
            started.elapsed().as_secs_f64() * 1e3
        );
    };
    timed("Landa preview (dry run):", &mut || {
        let p = landa
            .import_preview(&file, &settings, PreviewFilter::Flagged, 0, 100)
            .unwrap();
        format!("create {}, update {}, skip {}", p.create, p.update, p.skip)
    });
    let mut batch = String::new();
    timed("Landa import (one batch):", &mut || {
        let b = landa.import_commit(&file, &settings).unwrap();
        batch = b.id.clone();
        format!("created {}", b.created)
    });
    timed("Landa re-import (all match):", &mut || {
        let p = landa
            .import_preview(&file, &settings, PreviewFilter::Flagged, 0, 100)
            .unwrap();
        format!("preview: update {}", p.update)
    });
    timed("Landa undo of the import:", &mut || {
        let u = landa.undo_import(&batch).unwrap();
        format!("removed {}", u.removed)
    });
}
