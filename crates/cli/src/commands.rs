//! The subcommands: each turns its arguments into calls of the documenter's desk
//! (`casefile-desk`) and its results into lines on the terminal.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casefile_desk::{export, Actor, Change, Desk, Intake};
use casefile_model::{CaseFile, Role};
use serde_json::json;

use crate::progress::{Steps, Terminal};
use crate::{key_for, DbOpts, OutOpts, UserError};

/// Where a database is, from the DB argument: a file, or a PostgreSQL server (`postgres://…`).
pub fn location(db_path: &Path) -> casefile_desk::Location {
    casefile_desk::Location::from(db_path)
}

/// A database as printed: a server's address without its password, a file name with
/// control characters escaped.
fn db_name(db_path: &Path) -> String {
    shown(&location(db_path).shown())
}

/// A file name as printed: control characters (a newline, an escape code) written as escapes,
/// so that a hostile name cannot forge lines or move the terminal's cursor.
pub(crate) fn shown(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Write a file atomically: to a temporary file beside it, then renamed over it.
/// Write a file whole or not at all, readable by its owner only (0600 on Unix): what casefile
/// writes out of a case is case data.
fn write_atomic(path: &Path, content: &str) -> Result<(), UserError> {
    write_atomic_bytes(path, content.as_bytes())
}

fn write_atomic_bytes(path: &Path, content: &[u8]) -> Result<(), UserError> {
    use std::io::Write as _;
    let tmp = path.with_extension("tmp-casefile");
    let _ = std::fs::remove_file(&tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    opts.open(&tmp)
        .and_then(|mut f| f.write_all(content).and_then(|_| f.sync_all()))
        .map_err(|e| UserError(format!("{}: cannot write: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path)
        .map_err(|e| UserError(format!("{}: cannot write: {e}", path.display())))?;
    Ok(())
}

fn encryption_note(db: &DbOpts) -> &'static str {
    if db.no_encryption {
        "NOT ENCRYPTED (--no-encryption): anyone with the file can read it"
    } else {
        "encrypted with your passphrase"
    }
}

/// A line for each report whose dates do not agree, so that nobody takes a date on trust.
fn date_conflicts(case: &CaseFile) {
    for d in &case.documents {
        if let Some(c) = &d.date_conflict {
            eprintln!("casefile: {}: {c}", shown(&d.path));
        }
    }
}

fn summary(case: &CaseFile, ing: &Intake) -> serde_json::Value {
    json!({
        "reports": case.documents.len(),
        "new": ing.new,
        "duplicates": ing.duplicate,
        "annotated": ing.annotated,
        "failed": ing.failed.iter().map(|(p, e)| json!({"path": p, "error": e})).collect::<Vec<_>>(),
        "entities": case.entities.len(),
        "events": case.events.len(),
        "quotes": case.quotes.len(),
        "discrepancies": case.discrepancies.len(),
        "interventions": case.interventions.len(),
        "date_conflicts": case.documents.iter().filter_map(|d| d.date_conflict.as_ref().map(|c| json!({"path": d.path, "conflict": c}))).collect::<Vec<_>>(),
    })
}

/// The desk of an existing database's case.
fn open(db_path: &Path, db: &DbOpts) -> Result<Desk, UserError> {
    let store = casefile_desk::open_store(&location(db_path), key_for(db_path, db)?)?;
    Desk::open(store, &db.case).map_err(|e| UserError(format!("{}: {e}", db_name(db_path))))
}

/// Exit status of an add or build stopped part-way: some reports stored, the rest not.
const STOPPED_PART_WAY: u8 = 3;

/// Add reports and rebuild: the intake and case file; or the exit status of an add stopped
/// part-way (said on stderr); or an error naming the database.
#[allow(clippy::type_complexity)]
fn intake(
    desk: &mut Desk,
    paths: &[PathBuf],
    db_path: &Path,
    output: &OutOpts,
) -> Result<Result<(casefile_desk::Intake, casefile_model::CaseFile), ExitCode>, UserError> {
    desk.show_progress(Box::new(Steps::new(output.quiet)));
    match desk.add_and_rebuild(paths, &who(None), &mut Terminal::new(output.quiet)) {
        Ok(got) => {
            let r = desk.last_rebuild();
            if r.outdated > 0 && !output.quiet {
                eprintln!(
                    "casefile: {} stored report(s) had been read by another version of casefile's annotator; all were read again by this one ({})",
                    r.outdated,
                    casefile_desk::ANNOTATOR_VERSION
                );
            }
            Ok(Ok(got))
        }
        Err(e @ casefile_desk::DeskError::Partial { .. }) => {
            eprintln!("casefile: {}: {e}", db_name(db_path));
            Ok(Err(ExitCode::from(STOPPED_PART_WAY)))
        }
        Err(e @ casefile_desk::DeskError::Store(_)) => {
            Err(UserError(format!("{}: {e}", db_name(db_path))))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn build(
    paths: &[PathBuf],
    out: &Path,
    plain_outputs: bool,
    database: Option<PathBuf>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    std::fs::create_dir_all(out).map_err(|e| {
        UserError(format!(
            "{}: cannot create the output folder: {e}",
            out.display()
        ))
    })?;
    let db_path = database.unwrap_or_else(|| out.join("case.db"));
    let store = casefile_desk::create_store(&location(&db_path), key_for(&db_path, db)?)?;
    let mut desk = Desk::create(store, &db.case)?;
    let (ing, file) = match intake(&mut desk, paths, &db_path, output)? {
        Ok(got) => got,
        Err(code) => return Ok(code),
    };
    // nothing in clear beside an encrypted database unless asked
    let mut written: Vec<String> = Vec::new();
    if plain_outputs || db.no_encryption {
        let t = std::time::Instant::now();
        for format in export::BUILD_OUTPUTS {
            for (name, content) in export::files(&file, format) {
                write_atomic(&out.join(&name), &content)?;
                written.push(name);
            }
        }
        crate::progress::step_line("writing", written.len(), "files", t);
    }
    if output.json {
        let mut s = summary(&file, &ing);
        s["out"] = json!(out.display().to_string());
        s["encrypted"] = json!(!db.no_encryption);
        s["plain_outputs"] = json!(written);
        println!("{s}");
    } else if !output.quiet {
        date_conflicts(&file);
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
            "casefile: database {} is {}",
            db_name(&db_path),
            encryption_note(db)
        );
        if written.is_empty() {
            println!(
                "casefile: nothing written in clear; read the case with `casefile serve {}`, \
                 or write it out with `casefile export` or `build --plain-outputs` (NOT encrypted)",
                db_name(&db_path)
            );
        } else {
            let names: Vec<String> = written
                .iter()
                .map(|n| out.join(n).display().to_string())
                .collect();
            println!(
                "casefile: wrote {} — NOT encrypted: anyone who can read these files reads the case \
                 (readable by you only)",
                names.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn add(
    db_path: &Path,
    paths: &[PathBuf],
    no_wait: bool,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let store = casefile_desk::open_store(&location(db_path), key_for(db_path, db)?)?;
    let mut desk = Desk::create(store, &db.case)?;
    if no_wait {
        let queued = desk
            .enqueue_reports(paths, &who(None), &mut Terminal::new(output.quiet))
            .map_err(|e| UserError(format!("{}: {e}", db_name(db_path))))?;
        if output.json {
            println!(
                "{}",
                json!({"queued": queued.new, "failed": queued.failed.len()})
            );
        } else if !output.quiet {
            println!(
                "casefile: {} reports queued ({} could not be read); `casefile worker {}` ingests them",
                queued.new,
                queued.failed.len(),
                db_name(db_path)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (ing, file) = match intake(&mut desk, paths, db_path, output)? {
        Ok(got) => got,
        Err(code) => return Ok(code),
    };
    if output.json {
        println!("{}", summary(&file, &ing));
    } else if !output.quiet {
        date_conflicts(&file);
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
    format: export::Format,
    out: &Path,
    public: bool,
    db: &DbOpts,
) -> Result<ExitCode, UserError> {
    let mut desk = open(db_path, db)?;
    let file = if public {
        let (file, given) = desk.public()?;
        if given.is_empty() {
            eprintln!(
                "casefile: warning: no one in this case is protected, so the public export names everyone; protect a person with `casefile protect DB NAME`"
            );
        } else {
            let list: Vec<String> = given.iter().map(|(_, p)| p.clone()).collect();
            eprintln!(
                "casefile: public export: {} protected people named {} in every name, quote, passage, source text and file name",
                given.len(),
                list.join(", ")
            );
        }
        file
    } else {
        desk.current()?
    };
    if format == export::Format::Warc {
        return export_warc(&desk, out);
    }
    if format == export::Format::Csv {
        std::fs::create_dir_all(out)
            .map_err(|e| UserError(format!("{}: cannot create the folder: {e}", out.display())))?;
        for (name, content) in export::files(&file, format) {
            write_atomic(&out.join(name), &content)?;
        }
        eprintln!(
            "casefile: wrote the CSV files in {} — NOT encrypted: anyone who can read them reads \
             the case (readable by you only)",
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let text = export::render(&file, format);
    if out == Path::new("-") {
        print!("{text}");
    } else {
        write_atomic(out, &text)?;
        eprintln!(
            "casefile: wrote {} — NOT encrypted: anyone who can read this file reads the case \
             (readable by you only)",
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Who makes a decision: --by, else $USER.
fn who(by: Option<&str>) -> String {
    by.map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into())
}

/// Who makes a decision at the command line: the holder of the passphrase, under the name
/// `--by` gives (or the login name). When `--by` names an account, the decision is signed with
/// the account's key, opened by its password (CASEFILE_USER_PASSWORD or the prompt).
fn cli_actor(desk: &mut Desk, by: Option<&str>) -> Result<Actor, UserError> {
    let actor = Actor::owner(who(by));
    let Some(name) = by else {
        return Ok(actor);
    };
    if !desk.is_account(name)? {
        return Ok(actor);
    }
    let password = match std::env::var("CASEFILE_USER_PASSWORD") {
        Ok(p) => p,
        Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => rpassword::prompt_password(format!(
            "Password of the account {name} (the decision is signed with its key): "
        ))?,
        Err(_) => {
            return Err(UserError(format!(
                "“{name}” is an account: give its password (CASEFILE_USER_PASSWORD or the prompt) so that the decision is signed with its key; nothing was recorded"
            )))
        }
    };
    match desk.unlock_key(name, &password)? {
        Some(signer) => Ok(actor.signing(Some(signer))),
        None => Err(UserError(format!(
            "wrong password for the account “{name}”; nothing was recorded"
        ))),
    }
}

pub fn decide(
    db_path: &Path,
    change: Change,
    by: Option<&str>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let mut desk = open(db_path, db)?;
    let actor = cli_actor(&mut desk, by)?;
    let by = actor.name.clone();
    let (decision, file) = desk.decide(change, &actor)?;
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

/// `casefile remove DB REPORT`: take a report out of the case, logged.
pub fn remove(
    db_path: &Path,
    report: &str,
    reason: Option<String>,
    by: Option<&str>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let mut desk = open(db_path, db)?;
    let actor = cli_actor(&mut desk, by)?;
    let by = actor.name.clone();
    let (decision, file) = desk.remove_report(report, reason, &actor)?;
    if output.json {
        println!(
            "{}",
            json!({"decision": decision, "by": by, "documents": file.documents.len()})
        );
    } else if !output.quiet {
        if let casefile_model::Decision::RemoveReport {
            doc, path, sha256, ..
        } = &decision
        {
            println!(
                "casefile: removed report {doc} ({path}, SHA-256 {sha256}) by {by}, recorded in the decision log; the case file is rebuilt from {} reports.",
                file.documents.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn entities(
    db_path: &Path,
    mentions: bool,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let file = open(db_path, db)?.current()?;
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
    let ds = open(db_path, db)?.decisions()?;
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

/// Every capture's WARC records, as stored, to a file or standard output.
fn export_warc(desk: &Desk, out: &Path) -> Result<ExitCode, UserError> {
    let (n, bytes) = desk.warc()?;
    if n == 0 {
        return Err(UserError(
            "this case holds no captured pages (`casefile capture DB URL` captures one), so there is no WARC to write".into(),
        ));
    }
    if out == Path::new("-") {
        use std::io::Write as _;
        std::io::stdout().write_all(&bytes)?;
    } else {
        write_atomic_bytes(out, &bytes)?;
        eprintln!(
            "casefile: wrote the WARC records of {n} capture(s) to {} — NOT encrypted: anyone who can read this file reads the pages (readable by you only)",
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn capture(
    db_path: &Path,
    mut urls: Vec<String>,
    from_file: Option<&Path>,
    timeout: std::time::Duration,
    by: Option<&str>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    if let Some(list) = from_file {
        let text = std::fs::read_to_string(list)
            .map_err(|e| UserError(format!("{}: cannot read the list: {e}", list.display())))?;
        urls.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    if urls.is_empty() {
        return Err(UserError(
            "no address to capture: give URLs, or --from-file LIST".into(),
        ));
    }
    let mut desk = open(db_path, db)?;
    let opts = casefile_desk::CaptureOptions {
        timeout,
        ..Default::default()
    };
    struct Lines {
        quiet: bool,
    }
    impl casefile_desk::custody::CaptureObserver for Lines {
        fn done(&mut self, url: &str, outcome: &str) {
            if !self.quiet {
                eprintln!("{}: {outcome}", shown(url));
            }
        }
    }
    let quiet = output.quiet || output.json;
    let got = desk.capture(&urls, &opts, &who(by), &mut Lines { quiet })?;
    let stored = got.new.len() + got.same.len();
    if stored > 0 {
        desk.rebuild()?;
    }
    if output.json {
        println!(
            "{}",
            json!({
                "captured": got.new.iter().map(|(u, d, s)| json!({"url": u, "doc": d, "sha256": s})).collect::<Vec<_>>(),
                "same_as_stored": got.same.iter().map(|(u, d, p)| json!({"url": u, "doc": d, "first_stored_as": p})).collect::<Vec<_>>(),
                "failed": got.failed.iter().map(|(u, w)| json!({"url": u, "error": w})).collect::<Vec<_>>(),
            })
        );
    } else if !output.quiet {
        println!(
            "casefile: captured {} of {} addresses ({} new reports, {} the same as a stored report, {} failed); the case file is rebuilt",
            stored,
            urls.len(),
            got.new.len(),
            got.same.len(),
            got.failed.len()
        );
    }
    Ok(if stored > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Which copy of cases between databases.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    Migrate,
    Backup,
    Restore,
}

/// `migrate`, `backup` and `restore`: every case of `from` (or `only`) into `to`.
pub fn copy(
    from: &Path,
    to: &Path,
    only: Option<&str>,
    kind: Copy,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let key = key_for(from, db)?;
    let to_key = match (&key, std::env::var("CASEFILE_TARGET_PASSPHRASE")) {
        (casefile_desk::Key::Passphrase(_), Ok(p)) if !p.is_empty() => {
            casefile_desk::Key::Passphrase(p)
        }
        _ => key.clone(),
    };
    if kind == Copy::Backup
        && (to.exists() || !matches!(location(to), casefile_desk::Location::File(_)))
    {
        return Err(UserError(format!(
            "{}: a backup goes to a new file: this one exists or is not a file",
            db_name(to)
        )));
    }
    let mut source = casefile_desk::open_store(&location(from), key)
        .map_err(|e| UserError(format!("{}: {e}", db_name(from))))?;
    let mut target = casefile_desk::create_store(&location(to), to_key)
        .map_err(|e| UserError(format!("{}: {e}", db_name(to))))?;
    let copied = casefile_desk::migrate::copy_cases(&mut source, &mut target, only)?;
    let audit = target.verify_audit()?;
    if output.json {
        let cases: Vec<serde_json::Value> = copied
            .iter()
            .map(|c| json!({"case": c.case, "reports": c.reports, "captures": c.captures, "decisions": c.decisions, "removed": c.removed, "source_decision_log": c.source_decisions, "source_custody_log": c.source_custody}))
            .collect();
        println!(
            "{}",
            json!({"cases": cases, "target_log_intact": audit.problems.is_empty()})
        );
    } else if !output.quiet {
        for c in &copied {
            println!(
                "casefile: case “{}”: {} reports ({} captured pages), {} decisions copied to {}{}",
                c.case,
                c.reports,
                c.captures,
                c.decisions,
                db_name(to),
                if c.removed > 0 {
                    format!(
                        "; {} reports removed earlier are only in the logs",
                        c.removed
                    )
                } else {
                    String::new()
                }
            );
        }
        if let Some(c) = copied.first() {
            println!(
                "casefile: the source's decision log stood at {} entries (head {}), its custody log at {} (head {}); the copy's logs are chains of their own ({}). Keep these heads beside the source.",
                c.source_decisions.entries,
                c.source_decisions.hash,
                c.source_custody.entries,
                c.source_custody.hash,
                if audit.problems.is_empty() { "intact" } else { "NOT intact" }
            );
        }
        if kind != Copy::Restore {
            println!("casefile: accounts are not copied: add them with `casefile user add`");
        }
    }
    Ok(if audit.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub fn worker(
    db_path: &Path,
    until_empty: bool,
    name: Option<String>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let mut store = casefile_desk::open_store(&location(db_path), key_for(db_path, db)?)?;
    let name = name.unwrap_or_else(|| {
        let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
        format!("{}:{}", host.trim(), std::process::id())
    });
    if !output.quiet && !output.json {
        eprintln!("casefile: worker {name} on {}", db_name(db_path));
    }
    let done = casefile_desk::work(
        &mut store,
        &name,
        until_empty,
        &mut Terminal::new(output.quiet),
    )
    .map_err(|e| UserError(format!("{}: {e}", db_name(db_path))))?;
    if output.json {
        println!(
            "{}",
            json!({"stored": done.new, "duplicate": done.duplicate, "failed": done.failed.len()})
        );
    } else if !output.quiet {
        println!(
            "casefile: worker {name}: {} reports stored, {} already stored, {} could not be read",
            done.new,
            done.duplicate,
            done.failed.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn verify(db_path: &Path, db: &DbOpts, output: &OutOpts) -> Result<ExitCode, UserError> {
    let desk = open(db_path, db)?;
    let v = desk.verify()?;
    if output.json {
        println!(
            "{}",
            json!({
                "ok": v.problems.is_empty(),
                "reports": v.reports,
                "captures": v.captures,
                "custody_entries": v.custody_entries,
                "decisions": v.decisions,
                "problems": v.problems,
                "notes": v.notes,
            })
        );
    } else {
        for n in &v.notes {
            println!("casefile: note: {n}");
        }
        for p in &v.problems {
            println!("casefile: DIFFERS: {p}");
        }
        if v.problems.is_empty() {
            println!(
                "casefile: every report is the bytes that were stored ({} reports, {} captures); the custody log ({} entries) and the decision log ({} entries) are intact",
                v.reports, v.captures, v.custody_entries, v.decisions
            );
        } else {
            println!(
                "casefile: {} problem(s) found in {} reports, {} captures and the logs",
                v.problems.len(),
                v.reports,
                v.captures
            );
        }
    }
    Ok(if v.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub fn audit_verify(
    db_path: &Path,
    anchor: Option<&Path>,
    db: &DbOpts,
    output: &OutOpts,
) -> Result<ExitCode, UserError> {
    let store = casefile_desk::open_store(&location(db_path), key_for(db_path, db)?)?;
    let mut report = casefile_desk::verify_audit(&store)?;
    if let Some(file) = anchor {
        let text = std::fs::read_to_string(file)
            .map_err(|e| UserError(format!("{}: cannot read the anchor: {e}", file.display())))?;
        let a = casefile_desk::audit::read_anchor(&text)
            .map_err(|e| UserError(format!("{}: {e}", file.display())))?;
        report
            .problems
            .extend(casefile_desk::audit::check_anchor(&store, &a)?);
    }
    if output.json {
        println!(
            "{}",
            json!({"entries": report.entries, "signed": report.signed, "custody_entries": report.custody_entries, "anchored": anchor.is_some(), "ok": report.problems.is_empty(), "problems": report.problems})
        );
    } else if report.problems.is_empty() {
        println!(
            "casefile: the decision log is intact ({} entries, each chained to the one before; {} signed by their authors); the custody log too ({} entries){}",
            report.entries,
            report.signed,
            report.custody_entries,
            if anchor.is_some() {
                "; every anchored entry is still there, unchanged"
            } else {
                ""
            }
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

pub fn audit_anchor(
    db_path: &Path,
    out: Option<&Path>,
    db: &DbOpts,
) -> Result<ExitCode, UserError> {
    let store = casefile_desk::open_store(&location(db_path), key_for(db_path, db)?)?;
    let a = casefile_desk::audit::anchor(&store)?;
    let text = serde_json::to_string_pretty(&a)? + "\n";
    match out {
        None => print!("{text}"),
        Some(p) if p == Path::new("-") => print!("{text}"),
        Some(p) => {
            write_atomic(p, &text)?;
            eprintln!(
                "casefile: anchor written to {}: {} decisions, {} custody entries; keep it where the database's holder cannot change it",
                p.display(),
                a.decisions.entries,
                a.custody.entries
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A password for an account: CASEFILE_USER_PASSWORD, or asked twice at the terminal.
fn new_password(name: &str, what: &str) -> Result<String, UserError> {
    use std::io::IsTerminal;
    match std::env::var("CASEFILE_USER_PASSWORD") {
        Ok(p) => Ok(p),
        Err(_) if std::io::stdin().is_terminal() => {
            let p = rpassword::prompt_password(format!("Password for {name}: "))?;
            if rpassword::prompt_password("Repeat it: ")? != p {
                return Err(UserError(format!("the passwords differ; {what}")));
            }
            Ok(p)
        }
        Err(_) => Err(UserError(
            "no password: set CASEFILE_USER_PASSWORD or run at a terminal to be asked".into(),
        )),
    }
}

fn user_add(db_path: &Path, name: &str, role: Role, db: &DbOpts) -> Result<ExitCode, UserError> {
    let mut store = casefile_desk::open_store(&location(db_path), key_for(db_path, db)?)?;
    let password = new_password(name, "no account was made")?;
    let u = casefile_desk::add_user(&mut store, name, role, &password)?;
    println!("casefile: account “{}” ({}) created", u.name, u.role);
    Ok(ExitCode::SUCCESS)
}

/// The account commands.
pub enum UserManage {
    Add {
        db_path: PathBuf,
        name: String,
        role: String,
        db: DbOpts,
    },
    List {
        db_path: PathBuf,
        db: DbOpts,
    },
    Remove {
        db_path: PathBuf,
        name: String,
        db: DbOpts,
    },
    Password {
        db_path: PathBuf,
        name: String,
        db: DbOpts,
    },
    SignOut {
        db_path: PathBuf,
        name: String,
        db: DbOpts,
    },
}

pub fn user_manage(action: UserManage) -> Result<ExitCode, UserError> {
    let open = |db_path: &Path, db: &DbOpts| -> Result<_, UserError> {
        Ok(casefile_desk::open_store(
            &location(db_path),
            key_for(db_path, db)?,
        )?)
    };
    match action {
        UserManage::Add {
            db_path,
            name,
            role,
            db,
        } => {
            let role: Role = role.parse().map_err(UserError)?;
            return user_add(&db_path, &name, role, &db);
        }
        UserManage::List { db_path, db } => {
            let store = open(&db_path, &db)?;
            let users = casefile_desk::Store::users(&store)?;
            if users.is_empty() {
                println!(
                    "casefile: no accounts; make one with `casefile user add DB NAME --role owner`"
                );
            }
            for u in users {
                println!("{}\t{}", shown(&u.name), u.role);
            }
        }
        UserManage::Remove { db_path, name, db } => {
            let mut store = open(&db_path, &db)?;
            casefile_desk::remove_user(&mut store, &name)?;
            println!(
                "casefile: account “{}” removed; its sessions ended",
                shown(&name)
            );
        }
        UserManage::Password { db_path, name, db } => {
            let mut store = open(&db_path, &db)?;
            let password = new_password(&name, "the password is unchanged")?;
            casefile_desk::set_password(&mut store, &name, &password)?;
            println!(
                "casefile: new password for “{}”; its sessions ended (sign in again)",
                shown(&name)
            );
        }
        UserManage::SignOut { db_path, name, db } => {
            let mut store = open(&db_path, &db)?;
            let n = casefile_desk::end_sessions(&mut store, &name)?;
            println!("casefile: {n} session(s) of “{}” ended", shown(&name));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn serve(
    db_path: &Path,
    bind: std::net::SocketAddr,
    db: &DbOpts,
) -> Result<ExitCode, UserError> {
    let desk = open(db_path, db)?;
    let state = casefile_serve::AppState::new(desk)?;
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
