//! `landa`: the same database as the desktop app, headless. For administrators, scripts,
//! benchmarks and demos.

use std::path::PathBuf;
use std::time::Instant;

/// mimalloc rather than glibc's malloc: see docs/decisions.md ("Allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use landa_core::backups::BackupKind;
use landa_core::keychain::OsVault;
use landa_core::paths::{DATA_DIR_ENV, data_dir, database_path};
use landa_core::protection::{DatabaseState, check_new_passphrase, database_state};
use landa_core::{Landa, OpenOptions};

#[derive(Parser)]
#[command(
    name = "landa",
    version,
    about = "Landa, the talent attraction CRM, from the command line"
)]
struct Cli {
    /// Folder holding landa.db [default: the OS data directory]
    #[arg(long, global = true, env = DATA_DIR_ENV)]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create (or upgrade) the database and print where it is.
    Init {
        /// Name of the first coordinator on this device.
        #[arg(long)]
        user: Option<String>,
    },
    /// Add realistic, deterministic demo data.
    Demo {
        #[arg(long, default_value_t = 500)]
        households: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also add this many follow-up interactions over the households' histories.
        #[arg(long, default_value_t = 0)]
        extra_interactions: u32,
    },
    /// Counts of what the database holds.
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Search as the app's search box does.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: u32,
    },
    /// Check that every row can be rebuilt from the change log.
    Verify,
    /// List projects and their reports.
    Projects,
    /// Make a backup now (SQLite's online backup API, checked before it is kept), in the
    /// folder set in the app or the one given.
    Backup {
        /// Folder to write to instead of the configured one (it is not remembered).
        #[arg(long)]
        folder: Option<PathBuf>,
    },
    /// List the backups in the backup folder, newest first.
    Backups,
    /// Write every record as one JSON document a program can read (and `import-json` reads
    /// back into a new database).
    ExportJson { out: PathBuf },
    /// Write the contacts (adults of households, contact persons of organisations) as one
    /// vCard 3.0 file for a phone or a mail program.
    ExportVcard { out: PathBuf },
    /// Write every table as a CSV file of its own into a new folder, for Excel in the given
    /// language (sv: semicolons, en: commas; both UTF-8 with a byte-order mark).
    ExportCsv {
        out: PathBuf,
        #[arg(long, default_value = "sv")]
        lang: String,
    },
    /// Likely duplicate households (and people entered twice), surest first, with reasons.
    Duplicates {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Import households or organisations from a CSV or XLSX file as one batch (undo it with
    /// `undo-import`). Columns are mapped by their headers in Swedish or English, or by a
    /// saved preset whose headers all appear; `--dry-run` shows the plan and writes nothing.
    Import {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TargetArg::Households)]
        target: TargetArg,
        /// How rows are matched with records already in Landa.
        #[arg(long = "match", value_enum, default_value_t = MatchArg::Contact)]
        match_on: MatchArg,
        /// Leave matched records alone instead of updating them.
        #[arg(long)]
        skip_matches: bool,
        /// A tag added to every imported household.
        #[arg(long)]
        tag: Vec<String>,
        #[arg(long)]
        dry_run: bool,
    },
    /// The imports made on this device, newest first.
    Imports,
    /// Undo an import: what it created is removed, what it updated is set back.
    UndoImport { id: String },
    /// Merge two households (or people of one household, or organisations): the second goes
    /// into the first, with its timeline, history, members and links. Undo with `undo-merge`.
    Merge {
        kept: String,
        merged: String,
        #[arg(long, value_enum, default_value_t = MergeArg::Households)]
        entity: MergeArg,
        /// Fields whose value comes from the merged record (e.g. `--take stage --take notes`).
        #[arg(long)]
        take: Vec<String>,
    },
    /// The latest merges, with ids.
    Merges,
    /// Undo a merge.
    UndoMerge { id: String },
    /// Make the database from an exported JSON document. The data directory must not hold a
    /// database yet.
    ImportJson { file: PathBuf },
    /// Replace the database with a backup, after checking it. The current database is kept
    /// aside in the backup folder first.
    Restore { file: PathBuf },
    /// Write a funder report as PDF, XLSX or CSV: a saved report (`--id`, frozen as submitted
    /// if it was), or the figures for a project and period (`--project`, `--from`, `--to`).
    Report {
        /// A saved report's id.
        #[arg(long, conflicts_with_all = ["project", "from", "to"])]
        id: Option<String>,
        /// A project's id or exact name.
        #[arg(long, requires_all = ["from", "to"])]
        project: Option<String>,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = FormatArg::Pdf)]
        format: FormatArg,
        /// sv or en.
        #[arg(long, default_value = "sv")]
        lang: String,
        /// File to write; a folder gets a file named after the report.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum TargetArg {
    Households,
    Organisations,
    ContactPersons,
    Events,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MergeArg {
    Households,
    Persons,
    Organisations,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum MatchArg {
    /// The same email or phone.
    Contact,
    /// The same name.
    Name,
    /// Never: every valid row is new.
    None,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Pdf,
    Xlsx,
    Csv,
    /// The report's figures as JSON, for scripts.
    Json,
}

/// The database's passphrase: `LANDA_PASSPHRASE` for scripts, else asked for on the terminal
/// without echo. Never a command-line argument, which other users can see in the process list.
fn passphrase(prompt: &str) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    rpassword::prompt_password(prompt)
        .with_context(|| format!("no terminal to ask for the passphrase: set {PASSPHRASE_ENV}"))
}

/// A new database's passphrase, typed twice when asked for on the terminal.
fn new_passphrase() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        check_new_passphrase(&p, &p).map_err(|e| api(e.into()))?;
        return Ok(p);
    }
    let first = passphrase("New passphrase (at least 10 characters): ")?;
    let again = passphrase("The same passphrase again: ")?;
    check_new_passphrase(&first, &again).map_err(|e| api(e.into()))?;
    Ok(first)
}

const PASSPHRASE_ENV: &str = "LANDA_PASSPHRASE";

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LANDA_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let dir = data_dir(cli.data_dir).context("no data directory: pass --data-dir")?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = database_path(&dir);
    if let Command::ImportJson { file } = &cli.command {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let doc: landa_core::export::ExportDocument =
            serde_json::from_str(&text).context("the file is not a Landa JSON export")?;
        if database_state(&path).map_err(api)? != DatabaseState::New {
            anyhow::bail!("{} already holds a database", path.display());
        }
        let passphrase = new_passphrase()?;
        let key = landa_core::protection::new_key(&passphrase, &passphrase).map_err(api)?;
        let done = landa_core::export::import_document(&path, &key, &doc, OpenOptions::default())
            .map_err(api)?;
        for (table, n) in done.rows.iter().filter(|(_, n)| **n > 0) {
            println!("{table:<24} {n}");
        }
        println!("database: {}", path.display());
        return Ok(());
    }
    let opened = match database_state(&path).map_err(api)? {
        DatabaseState::New => {
            let passphrase = new_passphrase()?;
            Landa::create_protected(&path, &passphrase, &passphrase, OpenOptions::default())
        }
        DatabaseState::Plain => {
            eprintln!("The database is not encrypted yet: it is encrypted now.");
            let passphrase = new_passphrase()?;
            Landa::encrypt_plain(&path, &passphrase, &passphrase, OpenOptions::default())
        }
        // The key the app remembered in the OS keychain, unless a script gives the passphrase;
        // otherwise the passphrase, as in the app.
        DatabaseState::Encrypted if std::env::var_os(PASSPHRASE_ENV).is_none() => {
            match Landa::unlock_with_keychain(&path, &OsVault::new(), OpenOptions::default()) {
                Ok(landa) => Ok(landa),
                Err(_) => {
                    let passphrase = passphrase("Passphrase: ")?;
                    Landa::unlock(&path, &passphrase, OpenOptions::default())
                }
            }
        }
        DatabaseState::Encrypted => {
            let passphrase = passphrase("Passphrase: ")?;
            Landa::unlock(&path, &passphrase, OpenOptions::default())
        }
    };
    let mut landa = opened
        .map_err(|e| anyhow::anyhow!("{}", e.to_api().message))
        .with_context(|| format!("cannot open {}", path.display()))?;
    match cli.command {
        Command::Init { user } => {
            if let Some(name) = user {
                let u = landa.create_user(&name).map_err(api)?;
                println!("coordinator: {} ({})", u.name, u.id);
            }
            println!("database: {}", path.display());
        }
        Command::Demo {
            households,
            seed,
            extra_interactions,
        } => {
            let started = Instant::now();
            let s = landa.generate_demo(households, seed).map_err(api)?;
            if extra_interactions > 0 {
                let n = landa
                    .generate_demo_interactions(extra_interactions, seed)
                    .map_err(api)?;
                println!("added {n} interactions");
            }
            println!(
                "added {} households ({} organisations, {} events, {} coordinators) in {:.1} s",
                s.households,
                s.organisations,
                s.events,
                s.users,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Stats { json } => {
            let s = landa.stats().map_err(api)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                println!("database       {}", path.display());
                println!("schema         {}", s.schema_version);
                println!("households     {}", s.households);
                println!("persons        {}", s.persons);
                println!("organisations  {}", s.organisations);
                println!("events         {}", s.events);
                println!("interactions   {}", s.interactions);
                println!("tasks          {}", s.tasks);
                println!("changes        {}", s.changes);
            }
        }
        Command::Search { query, limit } => {
            let started = Instant::now();
            let hits = landa.search(&query, limit).map_err(api)?;
            let took = started.elapsed();
            for h in &hits {
                println!(
                    "{:<15} {:<40} {}",
                    format!("{:?}", h.kind),
                    h.title,
                    h.detail
                );
            }
            eprintln!(
                "{} hits in {:.2} ms",
                hits.len(),
                took.as_secs_f64() * 1000.0
            );
        }
        Command::Verify => {
            let mismatches = landa_core::changes::verify(landa.connection()).map_err(api)?;
            if !mismatches.is_empty() {
                for m in mismatches.iter().take(20) {
                    eprintln!(
                        "{}.{} of {}: table {} log {}",
                        m.entity, m.field, m.row_id, m.stored, m.from_log
                    );
                }
                bail!("{} fields differ from the change log", mismatches.len());
            }
            println!("every row matches its change log");
        }
        Command::Backup { folder } => {
            let made = match folder {
                Some(folder) => landa.backup_into(&folder, BackupKind::Manual),
                None => landa.backup_now(BackupKind::Manual),
            }
            .map_err(api)?;
            println!("{}", made.path);
        }
        Command::ExportJson { out } => {
            let bytes = landa.export_json_bytes().map_err(api)?;
            landa_core::files::write_whole(&out, &bytes)
                .map_err(api)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!("{}", out.display());
        }
        Command::ExportVcard { out } => {
            let text = landa.export_vcards().map_err(api)?;
            landa_core::files::write_whole(&out, text.as_bytes())
                .map_err(api)
                .with_context(|| format!("cannot write {}", out.display()))?;
            println!("{}", out.display());
        }
        Command::ExportCsv { out, lang } => {
            let language =
                landa_core::kinds::UiLanguage::from_code(&lang).context("--lang is sv or en")?;
            std::fs::create_dir_all(&out)?;
            for file in landa.export_csv_tables(language).map_err(api)? {
                landa_core::files::write_whole(&out.join(&file.name), &file.bytes).map_err(api)?;
            }
            println!("{}", out.display());
        }
        Command::Duplicates { limit } => {
            let started = Instant::now();
            let pairs = landa.duplicate_scan(limit).map_err(api)?;
            let took = started.elapsed();
            for p in &pairs {
                println!(
                    "{:>3}  {:<9} {:<30} {:<30} {:?}",
                    p.score,
                    format!("{:?}", p.level),
                    p.a.person.name,
                    p.b.person.name,
                    p.reasons
                );
            }
            eprintln!(
                "{} pairs in {:.0} ms",
                pairs.len(),
                took.as_secs_f64() * 1000.0
            );
        }
        Command::Import {
            file,
            target,
            match_on,
            skip_matches,
            tag,
            dry_run,
        } => {
            use landa_core::import::{
                ImportSettings, ImportTarget, MatchOn, OnMatch, PreviewFilter, ReadChoice,
            };
            let target = match target {
                TargetArg::Households => ImportTarget::Households,
                TargetArg::Organisations => ImportTarget::Organisations,
                TargetArg::ContactPersons => ImportTarget::ContactPersons,
                TargetArg::Events => ImportTarget::Events,
            };
            let source = landa
                .import_open(&file, target, &ReadChoice::default())
                .map_err(api)?;
            for (header, field) in source.headers.iter().zip(&source.guess) {
                match field {
                    Some(f) => eprintln!("{header:<30} → {f:?}"),
                    None => eprintln!("{header:<30} (not imported)"),
                }
            }
            let settings = ImportSettings {
                target,
                read: ReadChoice::default(),
                columns: source.guess,
                match_on: match match_on {
                    MatchArg::Contact => MatchOn::Contact,
                    MatchArg::Name => MatchOn::Name,
                    MatchArg::None => MatchOn::Nothing,
                },
                on_match: if skip_matches {
                    OnMatch::Skip
                } else {
                    OnMatch::Update
                },
                edits: Vec::new(),
                tags: tag,
                stage: None,
            };
            let started = Instant::now();
            if dry_run {
                let p = landa
                    .import_preview(&file, &settings, PreviewFilter::Skip, 0, 500)
                    .map_err(api)?;
                for r in &p.rows {
                    println!(
                        "row {:>6}  {:?}  {}  {:?}",
                        r.row,
                        r.skip,
                        r.label,
                        r.problems
                            .iter()
                            .map(|x| format!("{}: {}", x.field, x.kind))
                            .collect::<Vec<_>>()
                    );
                }
                println!(
                    "would create {}, update {}, skip {} ({} with problems)",
                    p.create, p.update, p.skip, p.invalid
                );
            } else {
                let b = landa.import_commit(&file, &settings).map_err(api)?;
                println!(
                    "batch {}: created {}, updated {}, skipped {}",
                    b.id, b.created, b.updated, b.skipped
                );
            }
            eprintln!("in {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
        }
        Command::Imports => {
            for b in landa.import_batches().map_err(api)? {
                println!(
                    "{}  {}  {:<13} {:<30} +{} ~{} -{}{}",
                    b.id,
                    b.created_at,
                    b.target.code(),
                    b.file_name,
                    b.created,
                    b.updated,
                    b.skipped,
                    if b.undone_at.is_some() {
                        "  (undone)"
                    } else {
                        ""
                    }
                );
            }
        }
        Command::Merge {
            kept,
            merged,
            entity,
            take,
        } => {
            use landa_core::merge::{MergeEntity, MergeInput};
            let entity = match entity {
                MergeArg::Households => MergeEntity::Households,
                MergeArg::Persons => MergeEntity::Persons,
                MergeArg::Organisations => MergeEntity::Organisations,
            };
            let preview = landa.merge_preview(entity, &kept, &merged).map_err(api)?;
            for f in preview.fields.iter().filter(|f| f.differs) {
                let side = if take.contains(&f.field) {
                    "merged"
                } else {
                    "kept"
                };
                eprintln!(
                    "{:<24} {:<30} | {:<30} → {}",
                    f.field,
                    f.kept,
                    f.merged,
                    if f.list { "both" } else { side }
                );
            }
            let m = landa
                .merge(&MergeInput {
                    entity,
                    kept_id: kept,
                    merged_id: merged,
                    take_from_merged: take,
                })
                .map_err(api)?;
            println!("merge {}: {} into {}", m.id, m.merged.name, m.kept.name);
        }
        Command::Merges => {
            for m in landa.merges(50).map_err(api)? {
                println!(
                    "{}  {}  {:?}  {} ← {}{}",
                    m.id,
                    m.created_at,
                    m.entity,
                    m.kept.name,
                    m.merged.name,
                    if m.undone_at.is_some() {
                        "  (undone)"
                    } else {
                        ""
                    }
                );
            }
        }
        Command::UndoMerge { id } => {
            let u = landa.undo_merge(&id).map_err(api)?;
            println!(
                "set back {}, removed {}, kept {} later edits",
                u.restored, u.removed, u.kept
            );
        }
        Command::UndoImport { id } => {
            let u = landa.undo_import(&id).map_err(api)?;
            println!(
                "removed {}, set back {}, kept {} later edits",
                u.removed, u.restored, u.kept
            );
        }
        // Handled above, before a database is opened.
        Command::ImportJson { .. } => {}
        Command::Backups => {
            let o = landa.backup_overview().map_err(api)?;
            println!("folder: {}", o.folder);
            for b in o.backups {
                println!(
                    "{}  {:<15} {:>12} bytes  {}",
                    b.made_at,
                    format!("{:?}", b.kind),
                    b.size_bytes,
                    b.file_name
                );
            }
        }
        Command::Restore { file } => {
            let out = landa
                .restore_backup(
                    &file,
                    std::env::var("LANDA_BACKUP_PASSPHRASE").ok().as_deref(),
                )
                .map_err(api)?;
            println!("restored from {}", out.restored_from);
            println!("the database as it was is kept in {}", out.kept_aside.path);
        }
        Command::Projects => {
            for p in landa.list_projects().map_err(api)? {
                println!(
                    "{}  {}  {} – {}",
                    p.id,
                    p.name,
                    p.starts_on,
                    p.ends_on.as_deref().unwrap_or("")
                );
                for r in landa.list_reports(&p.id).map_err(api)? {
                    println!(
                        "    report {}  {}  {} – {}  {}",
                        r.id,
                        r.title,
                        r.from,
                        r.to,
                        r.submitted_on
                            .map_or_else(|| "draft".to_owned(), |d| format!("submitted {d}"))
                    );
                }
            }
        }
        Command::Report {
            id,
            project,
            from,
            to,
            format,
            lang,
            out,
        } => {
            let lang = landa_core::kinds::UiLanguage::from_code(&lang)
                .context("--lang must be sv or en")?;
            let started = Instant::now();
            let view = match (id, project) {
                (Some(id), _) => landa.report(&id).map_err(api)?,
                (None, Some(project)) => {
                    let p = landa
                        .list_projects()
                        .map_err(api)?
                        .into_iter()
                        .find(|p| p.id == project || p.name == project)
                        .with_context(|| format!("no project called {project}"))?;
                    let input = landa_core::reports::ReportInput {
                        title: p.name.clone(),
                        project_id: p.id,
                        from: from.unwrap_or_default(),
                        to: to.unwrap_or_default(),
                        sections: Default::default(),
                    };
                    landa.report_preview(&input).map_err(api)?
                }
                (None, None) => bail!("give --id, or --project with --from and --to"),
            };
            let computed = started.elapsed();
            let (bytes, ext) = match format {
                FormatArg::Json => (serde_json::to_vec_pretty(&view)?, "json"),
                FormatArg::Pdf | FormatArg::Xlsx | FormatArg::Csv => {
                    let f = match format {
                        FormatArg::Pdf => landa_report::ReportFormat::Pdf,
                        FormatArg::Xlsx => landa_report::ReportFormat::Xlsx,
                        _ => landa_report::ReportFormat::Csv,
                    };
                    (landa_report::render(&view, f, lang)?, f.extension())
                }
            };
            let written = if out.is_dir() {
                landa_core::files::save_new_file(&out, &landa_report::file_stem(&view), ext, &bytes)
                    .map_err(api)?
            } else {
                let dir = out.parent().filter(|d| !d.as_os_str().is_empty());
                let dir = dir.unwrap_or(std::path::Path::new("."));
                let tmp = dir.join(format!(".landa-report-{}.tmp", std::process::id()));
                std::fs::write(&tmp, &bytes)
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                std::fs::rename(&tmp, &out)
                    .with_context(|| format!("cannot write {}", out.display()))?;
                out
            };
            println!(
                "{} ({} bytes; figures in {:.0} ms)",
                written.display(),
                bytes.len(),
                computed.as_secs_f64() * 1000.0
            );
        }
    }
    Ok(())
}

fn api(e: landa_core::Error) -> anyhow::Error {
    anyhow::anyhow!("{}", e.to_api().message)
}
