//! The layers may only know those below them (shared/STYLE.md): the domain has no I/O, the
//! store has no Tauri, the shell has no SQL and no business rules. These tests read
//! `cargo metadata` and the shell's sources so a change that crosses a line fails CI.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn workspace_dependencies() -> BTreeMap<String, Vec<String>> {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null()) // normal dependencies, not dev or build
                .map(|d| d["name"].as_str().unwrap().to_owned())
                .collect();
            (p["name"].as_str().unwrap().to_owned(), deps)
        })
        .collect()
}

fn assert_none(pkg: &str, forbidden: &[&str], why: &str) {
    let deps = workspace_dependencies();
    let own = deps
        .get(pkg)
        .unwrap_or_else(|| panic!("{pkg} is not in the workspace"));
    let crossing: Vec<&String> = own
        .iter()
        .filter(|d| forbidden.contains(&d.as_str()))
        .collect();
    assert!(
        crossing.is_empty(),
        "{pkg} must not depend on {crossing:?}: {why}"
    );
}

#[test]
fn the_domain_is_pure() {
    assert_none(
        "landa-domain",
        &[
            "rusqlite",
            "landa-store",
            "landa-core",
            "tauri",
            "directories",
            "tracing-subscriber",
            "tokio",
        ],
        "the domain holds rules only; no database, files, UI or runtime",
    );
}

#[test]
fn the_store_knows_nothing_of_use_cases_or_the_shell() {
    assert_none(
        "landa-store",
        &["landa-core", "tauri", "landa-app"],
        "the store only opens and migrates SQLite",
    );
}

#[test]
fn the_core_has_no_tauri() {
    assert_none(
        "landa-core",
        &["tauri", "tauri-specta", "landa-app"],
        "the CLI and tests use the core without a window",
    );
}

#[test]
fn the_shell_reaches_the_database_only_through_the_core() {
    assert_none(
        "landa-app",
        &["rusqlite", "landa-store", "landa-domain"],
        "the shell holds no SQL and no rules",
    );
    assert_none(
        "landa-cli",
        &["rusqlite", "landa-store", "tauri"],
        "the CLI is another front end to the core",
    );
}

#[test]
fn the_shell_sources_contain_no_sql() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap().to_uppercase();
        for keyword in [
            "SELECT ",
            "INSERT INTO",
            "UPDATE ",
            "DELETE FROM",
            "EXECUTE(",
        ] {
            assert!(
                !text.contains(keyword),
                "{} contains `{keyword}`: SQL belongs in landa-core",
                path.display()
            );
        }
    }
}

#[test]
fn migrations_are_numbered_explain_why_and_are_all_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let store = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/landa-store/src/lib.rs"),
    )
    .unwrap();
    for (i, name) in names.iter().enumerate() {
        assert!(
            name.starts_with(&format!("{:04}_", i + 1)),
            "{name}: migrations are numbered 0001_, 0002_, … without gaps"
        );
        let sql = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            sql.starts_with("--"),
            "{name} must open with a comment saying why it exists"
        );
        assert!(
            store.contains(name.as_str()),
            "{name} is not embedded in landa-store's MIGRATIONS"
        );
    }
}
