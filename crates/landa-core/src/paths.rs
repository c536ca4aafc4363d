//! Where Landa keeps its database: the OS data directory unless told otherwise, so tests,
//! benchmarks and demos can point at a folder of their own and never touch real data.

use std::path::PathBuf;

/// Environment variable that overrides the data directory for the app and the CLI.
pub const DATA_DIR_ENV: &str = "LANDA_DATA_DIR";
pub const DATABASE_FILE: &str = "landa.db";

/// `explicit` (a `--data-dir` flag) wins, then `LANDA_DATA_DIR`, then the OS data directory
/// (`~/.local/share/landa` on Linux, `~/Library/Application Support/se.landa.app` on macOS,
/// `%APPDATA%\landa\data` on Windows).
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(|| {
            directories::ProjectDirs::from("se", "landa", "landa").map(|d| d.data_dir().to_owned())
        })
}

pub fn database_path(dir: &std::path::Path) -> PathBuf {
    dir.join(DATABASE_FILE)
}
