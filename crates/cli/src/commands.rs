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
    let decisions = casefile_store::in_force(&store.decisions(case)?);
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
        Format::Ftm => casefile_report::ftm::render(case),
        Format::Csv => casefile_report::csv::render(case)
            .into_iter()
            .map(|(_, c)| c)
            .collect::<Vec<_>>()
            .join("\r\n"),
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
            "casefile: {} reports ({} new, {} already stored, {} failed) → {} people, organisations and places, {} events, {} discrepancies",
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
    let mut store = open_store(db_path, db)?;
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
    let (mut store, case) = open_case(db_path, db)?;
    let file = current(&mut store, case, &db.case)?;
    if format == Format::Csv {
        std::fs::create_dir_all(out)
            .map_err(|e| UserError(format!("{}: cannot create the folder: {e}", out.display())))?;
        for (name, content) in casefile_report::csv::render(&file) {
            write_atomic(&out.join(name), &content)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let text = render(&file, format);
    if out == Path::new("-") {
        print!("{text}");
    } else {
        write_atomic(out, &text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Open an existing database.
fn open_store(db_path: &Path, db: &DbOpts) -> Result<casefile_store::SqliteStore, UserError> {
    if !db_path.exists() {
        return Err(UserError(format!(
            "{}: no such database; create one with `casefile build PATH... --out DIR`",
            db_path.display()
        )));
    }
    let key = key_for(db_path, db)?;
    Ok(casefile_store::open(db_path, key)?)
}

/// Open an existing database and its case.
fn open_case(db_path: &Path, db: &DbOpts) -> Result<(casefile_store::SqliteStore, i64), UserError> {
    let mut store = open_store(db_path, db)?;
    let cases = store.cases()?;
    if !cases.contains(&db.case) {
        return Err(UserError(format!(
            "{}: no case named “{}”; cases here: {}",
            db_path.display(),
            db.case,
            cases.join(", ")
        )));
    }
    let case = store.case(&db.case)?;
    Ok((store, case))
}

fn current(
    store: &mut casefile_store::SqliteStore,
    case: i64,
    name: &str,
) -> Result<casefile_model::CaseFile, UserError> {
    match store.case_file(case)? {
        Some(f) => Ok(f),
        None => rebuild(store, case, name),
    }
}

/// Find an entity by id, name or any alias (case-insensitive).
fn find_entity<'a>(
    file: &'a casefile_model::CaseFile,
    what: &str,
) -> Result<&'a casefile_model::Entity, UserError> {
    let w = what.to_lowercase();
    let hits: Vec<&casefile_model::Entity> = file
        .entities
        .iter()
        .filter(|e| {
            e.id == what
                || e.name.to_lowercase() == w
                || e.aliases.iter().any(|a| a.to_lowercase() == w)
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(UserError(format!(
            "no entity “{what}” in the case; list them with `casefile entities DB`"
        ))),
        many => Err(UserError(format!(
            "“{what}” names {} entities ({}); use an id",
            many.len(),
            many.iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Who makes a decision: --by, else $USER.
fn who(by: Option<&str>) -> String {
    by.map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// The decision kinds the command line can record.
pub enum DecisionArgs {
    Merge(String, String),
    KeepApart(String, String),
    Split(String, Vec<String>),
    Undo(i64),
}

pub fn decide(
    db_path: &Path,
    args: DecisionArgs,
    by: Option<&str>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    use casefile_model::{Decision, Span};
    let (mut store, case) = open_case(db_path, db)?;
    let file = current(&mut store, case, &db.case)?;
    let decision = match &args {
        DecisionArgs::Merge(a, b) | DecisionArgs::KeepApart(a, b) => {
            let (ea, eb) = (find_entity(&file, a)?, find_entity(&file, b)?);
            if matches!(args, DecisionArgs::Merge(..)) {
                if ea.id == eb.id {
                    return Err(UserError(format!(
                        "“{a}” and “{b}” are already one entity ({})",
                        ea.id
                    )));
                }
                Decision::Merge {
                    a: ea.name.clone(),
                    b: eb.name.clone(),
                }
            } else if ea.id == eb.id {
                // two forms of one entity: keep those forms apart
                Decision::KeepApart {
                    a: a.clone(),
                    b: b.clone(),
                }
            } else {
                Decision::KeepApart {
                    a: ea.name.clone(),
                    b: eb.name.clone(),
                }
            }
        }
        DecisionArgs::Undo(seq) => {
            let records = store.decisions(case)?;
            match records.iter().find(|r| r.seq == *seq) {
                None => {
                    return Err(UserError(format!(
                        "no decision {seq} in this case; list them with `casefile decisions DB`"
                    )))
                }
                Some(r) if matches!(r.decision, Decision::Undo { .. }) => {
                    return Err(UserError(format!("decision {seq} is itself an undo")))
                }
                Some(_)
                    if records
                        .iter()
                        .any(|r| r.decision == Decision::Undo { seq: *seq }) =>
                {
                    return Err(UserError(format!("decision {seq} is already undone")))
                }
                Some(_) => Decision::Undo { seq: *seq },
            }
        }
        DecisionArgs::Split(entity, mentions) => {
            let e = find_entity(&file, entity)?;
            let mut spans: Vec<Span> = Vec::new();
            for m in mentions {
                // DOC:START-END, or a form the entity is written in
                let parsed = m.split_once(':').and_then(|(d, r)| {
                    let (s, en) = r.split_once('-')?;
                    let doc = file.documents.iter().find(|x| x.id.starts_with(d))?;
                    Some(Span::new(doc.id.clone(), s.parse().ok()?, en.parse().ok()?))
                });
                let found: Vec<Span> = match parsed {
                    Some(sp) if e.mentions.contains(&sp) => vec![sp],
                    Some(sp) => {
                        return Err(UserError(format!(
                            "{}:{}-{} is not a mention of {}",
                            sp.doc, sp.start, sp.end, e.id
                        )))
                    }
                    None => e
                        .mentions
                        .iter()
                        .filter(|sp| file.span_text(sp).eq_ignore_ascii_case(m))
                        .cloned()
                        .collect(),
                };
                if found.is_empty() {
                    return Err(UserError(format!("“{m}” is not a mention of {}; list its mentions with `casefile entities DB --mentions`", e.id)));
                }
                spans.extend(found);
            }
            if spans.len() == e.mentions.len() {
                return Err(UserError(
                    "that would move every mention; nothing to split".into(),
                ));
            }
            Decision::Split {
                entity: e.name.clone(),
                mentions: spans,
            }
        }
    };
    let by = who(by);
    store.add_decision(case, &decision, &by)?;
    let file = rebuild(&mut store, case, &db.case)?;
    if output.json {
        println!(
            "{}",
            json!({"decision": decision, "by": by, "entities": file.entities.len()})
        );
    } else if !output.quiet {
        println!("casefile: recorded {} by {by}; the case file is rebuilt ({} entities). It holds for every later build and add.", serde_json::to_string(&decision).unwrap_or_default(), file.entities.len());
    }
    Ok(ExitCode::SUCCESS)
}

pub fn entities(
    db_path: &Path,
    mentions: bool,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let (mut store, case) = open_case(db_path, db)?;
    let file = current(&mut store, case, &db.case)?;
    if output.json {
        println!(
            "{}",
            serde_json::to_string(&file.entities).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    for e in &file.entities {
        let kind = serde_json::to_value(e.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let also = if e.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also {})", e.aliases.join(", "))
        };
        println!(
            "{}\t{kind}\t{}{also}\t{} mentions",
            e.id,
            e.name,
            e.mentions.len()
        );
        if mentions {
            for m in &e.mentions {
                println!("\t{}:{}-{}\t{}", &m.doc, m.start, m.end, file.span_text(m));
            }
        }
        for w in &e.merges {
            println!("\t  merged: {w}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn decisions(db_path: &Path, db: &DbOpts, output: &OutOpts) -> Result<ExitCode, UserError> {
    let (store, case) = open_case(db_path, db)?;
    let ds = store.decisions(case)?;
    if output.json {
        let v: Vec<serde_json::Value> = ds
            .iter()
            .map(|d| json!({"decision": d.decision, "made_at": d.made_at, "made_by": d.made_by}))
            .collect();
        println!("{}", serde_json::Value::Array(v));
    } else if ds.is_empty() {
        println!("casefile: no decisions recorded");
    } else {
        for d in ds {
            println!(
                "{}\t{}\t{}",
                d.made_at,
                d.made_by,
                serde_json::to_string(&d.decision).unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn audit_verify(db_path: &Path, db: &DbOpts, output: &OutOpts) -> Result<ExitCode, UserError> {
    let store = open_store(db_path, db)?;
    let report = store.verify_audit()?;
    if output.json {
        println!(
            "{}",
            json!({"entries": report.entries, "ok": report.problems.is_empty(), "problems": report.problems})
        );
    } else if report.problems.is_empty() {
        println!(
            "casefile: the decision log is intact ({} entries, each chained to the one before)",
            report.entries
        );
    } else {
        for p in &report.problems {
            println!("casefile: TAMPERED: {p}");
        }
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub fn user_add(
    db_path: &Path,
    name: &str,
    role: &str,
    db: &DbOpts,
) -> Result<ExitCode, UserError> {
    use std::io::IsTerminal;
    let mut store = open_store(db_path, db)?;
    let password = match std::env::var("CASEFILE_USER_PASSWORD") {
        Ok(p) => p,
        Err(_) if std::io::stdin().is_terminal() => {
            let p = rpassword::prompt_password(format!("Password for {name}: "))?;
            if rpassword::prompt_password("Repeat it: ")? != p {
                return Err(UserError(
                    "the passwords differ; no account was made".into(),
                ));
            }
            p
        }
        Err(_) => {
            return Err(UserError(
                "no password: set CASEFILE_USER_PASSWORD or run at a terminal to be asked".into(),
            ))
        }
    };
    let u = store.add_user(name, role, &password)?;
    println!("casefile: account “{}” ({}) created", u.name, u.role);
    Ok(ExitCode::SUCCESS)
}

pub fn serve(
    db_path: &Path,
    bind: std::net::SocketAddr,
    db: &DbOpts,
) -> Result<ExitCode, UserError> {
    let store = open_store(db_path, db)?;
    let state = casefile_serve::AppState::new(store, &db.case).map_err(UserError)?;
    if !bind.ip().is_loopback() {
        eprintln!("casefile: warning: serving on {bind}, reachable from other machines; put it behind TLS");
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| UserError(format!("cannot start the server: {e}")))?;
    rt.block_on(casefile_serve::serve(state, bind, |addr| {
        println!(
            "casefile: serving http://{addr}/ (case “{}”); stop with Ctrl-C",
            db.case
        );
        use std::io::Write;
        let _ = std::io::stdout().flush();
    }))
    .map_err(|e| UserError(format!("{bind}: cannot serve: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
