//! Files Landa writes for the user (exports, reports): never overwriting, never half-written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes `bytes` as `dir/stem.ext`, or `stem (2).ext` and so on when that name is taken, and
/// returns the path. The file appears whole or not at all.
pub fn save_new_file(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(Error::File)?;
    let path = free_path(dir, stem, ext);
    write_whole(&path, bytes)?;
    Ok(path)
}

/// Like [`save_new_file`], for a file too large to hold in memory: `write` streams the content
/// into a temporary file beside the target, which is renamed into place only when `write`
/// succeeded. Returns the path and what `write` returned.
pub fn save_new_file_streamed<T>(
    dir: &Path,
    stem: &str,
    ext: &str,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<(PathBuf, T)> {
    std::fs::create_dir_all(dir).map_err(Error::File)?;
    let path = free_path(dir, stem, ext);
    let (tmp, file) = tempfile_in(dir)?;
    let written = (|| {
        let mut out = std::io::BufWriter::new(file);
        let value = write(&mut out)?;
        let file = out.into_inner().map_err(|e| Error::File(e.into_error()))?;
        file.sync_all().map_err(Error::File)?;
        Ok(value)
    })();
    let value = match written {
        Ok(value) => value,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::File(e)
    })?;
    Ok((path, value))
}

/// A file's name (`households.csv`) and content, before it is written.
pub struct NamedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Writes several files into a new folder `dir/stem` (or `stem (2)` and so on: never into an
/// existing one) and returns the folder. Each file appears whole or not at all.
pub fn save_new_folder(dir: &Path, stem: &str, files: &[NamedFile]) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(Error::File)?;
    let folder = std::iter::once(dir.join(stem))
        .chain((2..1000).map(|i| dir.join(format!("{stem} ({i})"))))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(stem));
    std::fs::create_dir(&folder).map_err(Error::File)?;
    for file in files {
        write_whole(&folder.join(&file.name), &file.bytes)?;
    }
    Ok(folder)
}

/// A file name from a name: letters and digits kept (å, ä, ö too), the rest dashes;
/// `fallback` when nothing is left.
pub fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out
        .trim_end_matches('-')
        .chars()
        .take(60)
        .collect::<String>();
    if out.is_empty() { fallback.into() } else { out }
}

/// `name.ext`, or `name (2).ext` and so on when that file already exists: never overwrite.
fn free_path(dir: &Path, stem: &str, ext: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|i| dir.join(format!("{stem} ({i}).{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Writes to a temporary file beside the target, syncs it and renames it into place: a full
/// disk or a crash leaves no half-written export.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(bytes).map_err(Error::File)?;
    tmp.1.sync_all().map_err(Error::File)?;
    drop(tmp.1);
    std::fs::rename(&tmp.0, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp.0);
        Error::File(e)
    })
}

fn tempfile_in(dir: &Path) -> Result<(PathBuf, std::fs::File)> {
    for i in 0..100u32 {
        let p = dir.join(format!(".landa-export-{}-{i}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&p)
        {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::File(e)),
        }
    }
    Err(Error::File(std::io::Error::other(
        "no temporary file name was free",
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_swedish_letters_and_drop_the_rest() {
        assert_eq!(
            slug("Jobbmässan Umeå 2026!", "event"),
            "jobbmässan-umeå-2026"
        );
        assert_eq!(slug("///", "event"), "event");
    }

    #[test]
    fn an_existing_export_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_path(dir.path(), "leads", "csv");
        std::fs::write(&first, "x").unwrap();
        let second = free_path(dir.path(), "leads", "csv");
        assert_ne!(first, second);
        assert!(second.ends_with("leads (2).csv"));
    }
}
