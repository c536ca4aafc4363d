//! How long reading a large register takes: 100 000 rows × 12 columns, as
//! Swedish Excel saves it (Windows-1252, `;`, decimal commas, a few quoted
//! cells) and the same text as UTF-8. Detection is included, as in the app.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use landa_import::{ReadOptions, read};

const ROWS: usize = 100_000;

const FIRST_NAMES: [&str; 8] = [
    "Åsa", "Björn", "Märta", "Örjan", "Elin", "Jöns", "Anna", "Erik",
];
const LAST_NAMES: [&str; 6] = [
    "Öberg",
    "Åkesson",
    "Lindqvist",
    "Nyström",
    "Berg",
    "Håkansson",
];
const TOWNS: [&str; 6] = [
    "Umeå",
    "Luleå",
    "Östersund",
    "Skellefteå",
    "Kiruna",
    "Gävle",
];

/// The register as text; every value derives from the row number, so the
/// file is the same on every run.
fn register_text() -> String {
    let mut text = String::from(
        "Personnummer;Förnamn;Efternamn;Adress;Postnummer;Ort;Telefon;E-post;Född;Belopp;Medlem;Anteckning\r\n",
    );
    for row in 0..ROWS {
        let first = FIRST_NAMES[row % FIRST_NAMES.len()];
        let last = LAST_NAMES[row % LAST_NAMES.len()];
        let town = TOWNS[row % TOWNS.len()];
        let year = 1940 + row % 70;
        let (month, day) = (1 + row % 12, 1 + row % 28);
        let note = if row % 10 == 0 {
            "\"Ring; efter lunch\""
        } else {
            ""
        };
        text.push_str(&format!(
            "{year}{month:02}{day:02}-{:04};{first};{last};Storgatan {};{} {:02};{town};070-{:07};{}.{}@exempel.se;{day}/{month}/{year};{} {:03},{:02};{};{note}\r\n",
            row % 10_000,
            row % 120 + 1,
            900 + row % 99,
            row % 100,
            row % 10_000_000,
            first.to_lowercase(),
            last.to_lowercase(),
            row % 20 + 1,
            row % 1000,
            row % 100,
            if row % 3 == 0 { "ja" } else { "nej" },
        ));
    }
    text
}

fn bench_read(c: &mut Criterion) {
    let text = register_text();
    let (windows_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "the register is all Windows-1252 characters");
    let utf8 = text.as_bytes();
    let options = ReadOptions::default();
    for (name, bytes) in [("windows_1252", windows_1252.as_ref()), ("utf8", utf8)] {
        let table = read(bytes, &options).expect("the register reads");
        assert_eq!(table.rows.len(), ROWS, "every row is read");
        assert_eq!(table.headers.len(), 12);
        let mut group = c.benchmark_group("read_100k_rows_12_columns");
        group.sample_size(10);
        group.throughput(Throughput::Bytes(
            u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        ));
        group.bench_function(name, |b| b.iter(|| read(black_box(bytes), &options)));
        group.finish();
    }
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
