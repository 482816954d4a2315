//! The subcommands: wiring of ingest, store, pipeline and report.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casefile_store::{Added, Store};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use crate::{interactive, key_for, DbOpts, Format, OutOpts, UserError};

/// What ingesting a set of paths did.
struct Ingested {
    new: usize,
    duplicate: usize,
    failed: Vec<(String, String)>,
}

fn progress(n: usize, quiet: bool) -> ProgressBar {
    if quiet || !interactive() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(n as u64);
    pb.set_style(
        ProgressStyle::with_template("{spinner} reading reports {bar:30} {pos}/{len} {wide_msg}")
            .expect("valid template"),
    );
    pb
}

/// Ingest each report and store it in its own transaction. Failures are printed (one line each)
/// and recorded; they never stop the others.
fn ingest_into(
    store: &mut casefile_store::SqliteStore,
    case: i64,
    paths: &[PathBuf],
    quiet: bool,
) -> Result<Ingested, UserError> {
    let (files, path_errors) = casefile_ingest::discover(paths);
    let mut result = Ingested {
        new: 0,
        duplicate: 0,
        failed: Vec::new(),
    };
    for e in path_errors {
        let (p, msg) = (e.path.display().to_string(), e.error.to_string());
        eprintln!("casefile: {p}: {msg}");
        store.record_failure(case, &p, &msg)?;
        result.failed.push((p, msg));
    }
    let pb = progress(files.len(), quiet);
    for f in &files {
        let shown = f.display().to_string();
        pb.set_message(shown.clone());
        let outcome = casefile_ingest::read_bytes(f)
            .and_then(|bytes| casefile_ingest::ingest(&shown, &bytes).map(|d| (bytes, d)));
        match outcome {
            Ok((bytes, doc)) => match store.add_report(case, &bytes, &doc)? {
                Added::New => result.new += 1,
                Added::Duplicate { path } => {
                    if !quiet {
                        pb.suspend(|| eprintln!("casefile: {shown}: same bytes as {path}, already in the case; skipped"));
                    }
                    result.duplicate += 1;
                }
            },
            Err(e) => {
                let msg = e.to_string();
                pb.suspend(|| eprintln!("casefile: {shown}: {msg}"));
                store.record_failure(case, &shown, &msg)?;
                result.failed.push((shown, msg));
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    Ok(result)
}

/// Rebuild the case file of `case` from everything in the store, and save it.
fn rebuild(
    store: &mut casefile_store::SqliteStore,
    case: i64,
    case_name: &str,
) -> Result<casefile_model::CaseFile, UserError> {
    let mut docs = store.documents(case)?;
    let decisions: Vec<casefile_model::Decision> = store
        .decisions(case)?
        .into_iter()
        .map(|d| d.decision)
        .collect();
    let built = casefile_pipeline::build(case_name, &mut docs, &decisions);
    store.save_case_file(case, &built.case)?;
    Ok(built.case)
}

/// Write a file atomically: to a temporary file beside it, then renamed over it.
fn write_atomic(path: &Path, content: &str) -> Result<(), UserError> {
    let tmp = path.with_extension("tmp-casefile");
    std::fs::write(&tmp, content)
        .map_err(|e| UserError(format!("{}: cannot write: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| UserError(format!("{}: cannot write: {e}", path.display())))?;
    Ok(())
}

fn render(case: &casefile_model::CaseFile, format: Format) -> String {
    match format {
        Format::Json => casefile_report::json(case),
        Format::Md => casefile_report::markdown::render(case),
        Format::Html => casefile_report::html::render(case),
    }
}

fn encryption_note(db: &DbOpts) -> &'static str {
    if db.no_encryption {
        "NOT ENCRYPTED (--no-encryption): anyone with the file can read it"
    } else {
        "encrypted with your passphrase"
    }
}

fn summary(case: &casefile_model::CaseFile, ing: &Ingested) -> serde_json::Value {
    json!({
        "reports": case.documents.len(),
        "new": ing.new,
        "duplicates": ing.duplicate,
        "failed": ing.failed.iter().map(|(p, e)| json!({"path": p, "error": e})).collect::<Vec<_>>(),
        "entities": case.entities.len(),
        "events": case.events.len(),
        "quotes": case.quotes.len(),
        "discrepancies": case.discrepancies.len(),
        "interventions": case.interventions.len(),
    })
}

pub fn build(
    paths: &[PathBuf],
    out: &Path,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    std::fs::create_dir_all(out).map_err(|e| {
        UserError(format!(
            "{}: cannot create the output folder: {e}",
            out.display()
        ))
    })?;
    let db_path = out.join("case.db");
    let key = key_for(&db_path, db)?;
    let mut store = casefile_store::open(&db_path, key)?;
    let case = store.case(&db.case)?;
    let ing = ingest_into(&mut store, case, paths, output.quiet)?;
    if store.documents(case)?.is_empty() {
        return Err(UserError(
            "nothing could be ingested: no report was read (see the lines above)".into(),
        ));
    }
    let file = rebuild(&mut store, case, &db.case)?;
    let outputs = [
        ("case.json", Format::Json),
        ("report.md", Format::Md),
        ("report.html", Format::Html),
    ];
    for (name, format) in outputs {
        write_atomic(&out.join(name), &render(&file, format))?;
    }
    if output.json {
        let mut s = summary(&file, &ing);
        s["out"] = json!(out.display().to_string());
        s["encrypted"] = json!(!db.no_encryption);
        println!("{s}");
    } else if !output.quiet {
        println!(
            "casefile: {} reports ({} new, {} already stored, {} failed) → {} people and organisations, {} events, {} discrepancies",
            file.documents.len(),
            ing.new,
            ing.duplicate,
            ing.failed.len(),
            file.entities.len(),
            file.events.len(),
            file.discrepancies.len()
        );
        println!(
            "casefile: wrote {0}/case.json, {0}/report.md, {0}/report.html",
            out.display()
        );
        println!(
            "casefile: database {} is {}",
            db_path.display(),
            encryption_note(db)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn add(
    db_path: &Path,
    paths: &[PathBuf],
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    if !db_path.exists() {
        return Err(UserError(format!(
            "{}: no such database; create one with `casefile build PATH... --out DIR`",
            db_path.display()
        )));
    }
    let key = key_for(db_path, db)?;
    let mut store = casefile_store::open(db_path, key)?;
    let case = store.case(&db.case)?;
    let ing = ingest_into(&mut store, case, paths, output.quiet)?;
    if ing.new == 0 && ing.duplicate == 0 {
        return Err(UserError(
            "nothing could be ingested: no report was read (see the lines above)".into(),
        ));
    }
    let file = rebuild(&mut store, case, &db.case)?;
    if output.json {
        println!("{}", summary(&file, &ing));
    } else if !output.quiet {
        println!(
            "casefile: added {} new reports ({} already stored, {} failed); the case now has {} reports. Write it out with `casefile export`.",
            ing.new,
            ing.duplicate,
            ing.failed.len(),
            file.documents.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    db_path: &Path,
    format: Format,
    out: &Path,
    db: &DbOpts,
) -> Result<ExitCode, UserError> {
    if !db_path.exists() {
        return Err(UserError(format!(
            "{}: no such database",
            db_path.display()
        )));
    }
    let key = key_for(db_path, db)?;
    let mut store = casefile_store::open(db_path, key)?;
    if !store.cases()?.contains(&db.case) {
        return Err(UserError(format!(
            "{}: no case named “{}”; cases here: {}",
            db_path.display(),
            db.case,
            store.cases()?.join(", ")
        )));
    }
    let case = store.case(&db.case)?;
    let file = match store.case_file(case)? {
        Some(f) => f,
        None => rebuild(&mut store, case, &db.case)?,
    };
    let text = render(&file, format);
    if out == Path::new("-") {
        print!("{text}");
    } else {
        write_atomic(out, &text)?;
    }
    Ok(ExitCode::SUCCESS)
}
