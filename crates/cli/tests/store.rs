//! The encrypted store through the command line: passphrases, duplicates, add and export, and a
//! build killed mid-way.

mod common;

use std::time::{Duration, Instant};

use casefile_store::{Key, Store};
use common::*;

fn report(i: usize) -> String {
    format!(
        "Report {i} from the Harbour Post\n\nMarch 11, 2024\n\nOleg Marchenko, {age}, was detained in the city of Marevo last Thursday, \
         the Harbour Rights Network said. \"He was taken at night,\" lawyer Irina Volkova told reporters (case {i}).\n",
        age = 18 + i % 40
    )
}

#[test]
fn passphrase_is_required_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = run(casefile()
        .args(["build", "examples/reports", "-q", "--out"])
        .arg(&out)
        .env("CASEFILE_PASSPHRASE", "right one"));
    assert!(o.status.success(), "{}", stderr(&o));
    let db = out.join("case.db");
    let bytes = std::fs::read(&db).unwrap();
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "case.db must be encrypted"
    );
    assert!(
        !bytes.windows(13).any(|w| w == b"Irina Volkova"),
        "no report text in the clear"
    );
    // and nothing in clear beside it, unless asked
    for f in ["case.json", "report.md", "report.html"] {
        assert!(
            !out.join(f).exists(),
            "{f} written in clear beside an encrypted case"
        );
    }
    assert!(
        String::from_utf8_lossy(&o.stdout).is_empty(),
        "-q prints nothing"
    );
    // no passphrase and no terminal: refused with what to do
    let o = run(casefile()
        .args(["export"])
        .arg(&db)
        .args(["--format", "json", "--out", "-"]));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("CASEFILE_PASSPHRASE"), "{}", stderr(&o));
    // wrong passphrase: refused, nothing changed
    let o = run(casefile()
        .args(["add"])
        .arg(&db)
        .arg("examples/reports")
        .env("CASEFILE_PASSPHRASE", "wrong"));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("wrong passphrase"), "{}", stderr(&o));
    assert_eq!(
        bytes,
        std::fs::read(&db).unwrap(),
        "a wrong passphrase changes nothing"
    );
    // --no-encryption on an encrypted database is refused too
    let o = run(casefile()
        .args(["export", "--no-encryption"])
        .arg(&db)
        .args(["--format", "md", "--out", "-"]));
    assert!(!o.status.success());
    assert!(stderr(&o).contains("is encrypted"));
    // the right passphrase exports
    let o = run(casefile()
        .args(["export"])
        .arg(&db)
        .args(["--format", "md", "--out", "-"])
        .env("CASEFILE_PASSPHRASE", "right one"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("# Case file"));
}

#[test]
fn add_is_idempotent_and_export_writes_each_format() {
    for b in backends() {
        add_is_idempotent_and_export_writes_each_format_on(&b);
    }
}

fn add_is_idempotent_and_export_writes_each_format_on(backend: &Backend) {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r");
    std::fs::create_dir(&reports).unwrap();
    std::fs::write(reports.join("a.txt"), report(1)).unwrap();
    let out = dir.path().join("o");
    let o = run(casefile()
        .args(["build", "--no-encryption", "-q"])
        .arg(&reports)
        .arg("--out")
        .arg(&out)
        .args(backend.build_args()));
    assert!(o.status.success(), "{}", stderr(&o));
    let db = backend.db(&out);
    // same bytes under another name: a no-op
    let copy = dir.path().join("copy.txt");
    std::fs::write(&copy, report(1)).unwrap();
    let o = run(casefile()
        .args(["add", "--no-encryption", "--json"])
        .arg(&db)
        .arg(&copy));
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["new"], 0);
    assert_eq!(s["duplicates"], 1);
    assert_eq!(s["reports"], 1);
    // a new report is added
    let b = dir.path().join("b.txt");
    std::fs::write(&b, report(2)).unwrap();
    let o = run(casefile()
        .args(["add", "--no-encryption", "--json"])
        .arg(&db)
        .arg(&b));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["new"], 1);
    assert_eq!(s["reports"], 2);
    for (fmt, needle) in [
        ("json", "\"schema_version\": 1"),
        ("md", "## Chain of events"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let f = dir.path().join(format!("case.{fmt}"));
        let o = run(casefile()
            .args(["export", "--no-encryption", "--format", fmt])
            .arg(&db)
            .arg("--out")
            .arg(&f));
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            std::fs::read_to_string(&f).unwrap().contains(needle),
            "{fmt}"
        );
    }
    let case = read_json(&dir.path().join("case.json"));
    validate_schema(&case);
    assert_eq!(case["documents"].as_array().unwrap().len(), 2);
    // FollowTheMoney: one JSON entity a line
    let ftm = dir.path().join("case.ftm.json");
    let o = run(casefile()
        .args(["export", "--no-encryption", "--format", "ftm"])
        .arg(&db)
        .arg("--out")
        .arg(&ftm));
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&ftm)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().any(|l| l["schema"] == "Person"));
    assert!(lines.iter().any(|l| l["schema"] == "Event"));
    // CSV: four files, one header row each, CRLF line ends, every row as wide as its header
    let csv = dir.path().join("csv");
    let o = run(casefile()
        .args(["export", "--no-encryption", "--format", "csv"])
        .arg(&db)
        .arg("--out")
        .arg(&csv));
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "entities.csv",
        "events.csv",
        "claims.csv",
        "discrepancies.csv",
    ] {
        let t = std::fs::read_to_string(csv.join(f)).unwrap();
        assert!(t.contains("\r\n"), "{f}");
        let header = t.split("\r\n").next().unwrap();
        assert!(
            header.starts_with("id,") || header.starts_with("subject,"),
            "{f}: {header}"
        );
    }
}

#[test]
fn a_build_killed_midway_keeps_every_committed_report() {
    const N: usize = 800;
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    for i in 0..N {
        std::fs::write(reports.join(format!("r{i:04}.txt")), report(i)).unwrap();
    }
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let db = out.join("case.db");
    let pass = "kill-test";
    // an empty database first, to know its size before any report
    {
        let mut s =
            casefile_store::open(&db.as_path().into(), Key::Passphrase(pass.into())).unwrap();
        s.case("default").unwrap();
    }
    let baseline = std::fs::metadata(&db).unwrap().len();
    let mut child = casefile()
        .args(["build", "-q"])
        .arg(&reports)
        .arg("--out")
        .arg(&out)
        .env("CASEFILE_PASSPHRASE", pass)
        .spawn()
        .unwrap();
    // wait until some reports are committed (the file has grown, and no transaction is under
    // way: SQLite writes the file only inside one, and deletes its journal when it commits),
    // then kill the build
    let journal = out.join("case.db-journal");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(2));
        let grown = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) > baseline + 64 * 1024;
        if grown && !journal.exists() {
            break;
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the build was to be killed before it finished"
    );
    // the database opens, and every stored report is whole
    let mut s = casefile_store::open(&db.as_path().into(), Key::Passphrase(pass.into()))
        .expect("the database opens after a kill");
    let case = s.case("default").unwrap();
    let docs = s.documents(case).unwrap();
    assert!(
        !docs.is_empty() && docs.len() < N,
        "{} of {N} stored",
        docs.len()
    );
    for d in &docs {
        let original = s
            .original(case, &d.id)
            .unwrap()
            .expect("original bytes kept");
        assert_eq!(casefile_ingest::sha256_hex(&original), d.sha256);
        assert!(d.text.starts_with("Report "));
    }
    drop(s);
    // and the build can be finished with `add`
    let o = run(casefile()
        .args(["add", "-q", "--json"])
        .arg(&db)
        .arg(&reports)
        .env("CASEFILE_PASSPHRASE", pass));
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(summary["reports"], N as u64);
    assert_eq!(summary["duplicates"], docs.len() as u64);
}

/// Two writers: two adds at once both finish, every report stored; an add that finds the
/// database held by another writer longer than it waits names the file, stores nothing and
/// exits 1, as the help says; run again once the other is done, it succeeds.
#[test]
fn two_writers_wait_for_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let db = examples_case(dir.path());
    let before = count_reports(&db);
    let mut sets = Vec::new();
    for s in 0..2 {
        let folder = dir.path().join(format!("set{s}"));
        std::fs::create_dir(&folder).unwrap();
        for i in 0..40 {
            std::fs::write(folder.join(format!("r{i}.txt")), report(1000 * (s + 1) + i)).unwrap();
        }
        sets.push(folder);
    }
    let adds: Vec<std::process::Child> = sets
        .iter()
        .map(|f| {
            casefile()
                .args(["add", "--no-encryption", "-q"])
                .arg(&db)
                .arg(f)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for a in adds {
        let o = a.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert_eq!(count_reports(&db), before + 80);

    // a writer holding the database: the add waits CASEFILE_LOCK_WAIT seconds, then says so
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let late = dir.path().join("late.txt");
    std::fs::write(&late, report(5000)).unwrap();
    let started = Instant::now();
    let o = run(casefile()
        .args(["add", "--no-encryption"])
        .arg(&db)
        .arg(&late)
        .env("CASEFILE_LOCK_WAIT", "1"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(started.elapsed() >= Duration::from_secs(1));
    let err = stderr(&o);
    assert!(
        err.contains(&db.display().to_string())
            && err.contains("in use by another casefile")
            && err.contains("stayed locked for 1 s"),
        "{err}"
    );
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    assert_eq!(count_reports(&db), before + 80, "nothing stored");
    let o = run(casefile()
        .args(["add", "--no-encryption", "-q"])
        .arg(&db)
        .arg(&late));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count_reports(&db), before + 81);
}

fn count_reports(db: &std::path::Path) -> usize {
    let s = casefile_store::SqliteStore::open(db, Key::Plain).unwrap();
    s.documents(1).unwrap().len()
}

/// `add` annotates only the reports it adds and makes the case file a build of all of them
/// makes; when the stored annotations were made by another annotator (a new casefile), every
/// report is read again and the user is told.
#[test]
fn an_add_annotates_only_the_new_reports() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("r");
    std::fs::create_dir(&reports).unwrap();
    for i in 0..4 {
        std::fs::write(reports.join(format!("r{i}.txt")), report(i)).unwrap();
    }
    let out = dir.path().join("o");
    build_unencrypted(&reports, &out);
    let db = out.join("case.db");
    for i in 4..6 {
        std::fs::write(reports.join(format!("r{i}.txt")), report(i)).unwrap();
    }
    let add = |what: &std::path::Path| {
        let o = run(casefile()
            .args(["add", "--no-encryption", "--json"])
            .arg(&db)
            .arg(what));
        assert!(o.status.success(), "{}", stderr(&o));
        let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (s["annotated"].as_u64().unwrap(), stderr(&o))
    };
    // the folder again: four reports already stored, two new
    assert_eq!(add(&reports).0, 2);
    let export = |to: &std::path::Path| {
        let o = run(casefile()
            .args(["export", "--no-encryption", "--format", "json"])
            .arg(&db)
            .arg("--out")
            .arg(to));
        assert!(o.status.success(), "{}", stderr(&o));
        read_json(to)
    };
    let whole = dir.path().join("whole");
    let (_, all_at_once) = build_unencrypted(&reports, &whole);
    assert_eq!(export(&dir.path().join("a.json")), all_at_once);
    // annotations of another annotator: all read again, and said
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE annotations SET version = '0.0.1+older'", [])
        .unwrap();
    drop(conn);
    let extra = dir.path().join("extra.txt");
    std::fs::write(&extra, report(6)).unwrap();
    let (annotated, said) = add(&extra);
    assert_eq!(annotated, 7, "{said}");
    assert!(
        said.contains("6 stored report(s) had been read by another version"),
        "{said}"
    );
    assert_eq!(add(&extra).0, 0);
}
