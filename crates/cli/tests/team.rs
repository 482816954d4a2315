//! Shared ingest on a team database: `add --no-wait` queues reports, several `casefile worker`
//! processes ingest them, one is killed with SIGKILL mid-run, and every report is stored exactly
//! once with its custody entry.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn workers_share_the_ingest_and_a_killed_one_loses_nothing() {
    let Some(db) = casefile_store::scratch::for_test() else {
        return;
    };
    let url = db.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    // 60 reports: the examples, each copy made distinct by one line (as reprints are)
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let examples: Vec<_> = std::fs::read_dir(repo_root().join("examples/reports"))
        .unwrap()
        .flatten()
        .map(|f| f.path())
        .collect();
    for i in 0..60 {
        let src = &examples[i % examples.len()];
        let mut bytes = std::fs::read(src).unwrap();
        bytes.extend_from_slice(format!("\nReprinted, copy {i}.\n").as_bytes());
        let name = format!("{i:03}-{}", src.file_name().unwrap().to_string_lossy());
        std::fs::write(reports.join(name), bytes).unwrap();
    }
    // the same bytes twice: stored once
    std::fs::copy(
        reports.join("000-harbour-post.txt"),
        reports.join("again.txt"),
    )
    .ok();
    let o = run(casefile()
        .args(["add", "--no-encryption", "--no-wait", "--json"])
        .arg(&url)
        .arg(&reports));
    assert!(o.status.success(), "{}", stderr(&o));
    let said: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let queued = said["queued"].as_u64().unwrap();
    assert!(queued >= 60, "{said}");

    let worker = || {
        casefile()
            .args(["worker", "--no-encryption", "--until-empty", "-q"])
            .arg(&url)
            .env("CASEFILE_LEASE", "2")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let started = Instant::now();
    let mut victim = worker();
    let others: Vec<_> = (0..2).map(|_| worker()).collect();
    std::thread::sleep(Duration::from_millis(300));
    victim.kill().unwrap(); // SIGKILL: whatever it held is held until its lease runs out
    victim.wait().unwrap();
    for mut w in others {
        assert!(w.wait().unwrap().success());
    }
    // what the killed worker held: taken again when its lease has run out
    std::thread::sleep(Duration::from_millis(2100));
    let o = run(casefile()
        .args(["worker", "--no-encryption", "--until-empty", "--json"])
        .arg(&url)
        .env("CASEFILE_LEASE", "2"));
    assert!(o.status.success(), "{}", stderr(&o));
    eprintln!(
        "ingest of {queued} reports by 3 workers, one killed: {:?}",
        started.elapsed()
    );

    let json = dir.path().join("case.json");
    let o = run(casefile()
        .args(["export", "--no-encryption", "--format", "json", "--out"])
        .arg(&json)
        .arg(&url));
    assert!(o.status.success(), "{}", stderr(&o));
    let case = read_json(&json);
    let docs = case["documents"].as_array().unwrap();
    let mut shas: Vec<&str> = docs.iter().map(|d| d["sha256"].as_str().unwrap()).collect();
    shas.sort_unstable();
    shas.dedup();
    assert_eq!(docs.len(), 60, "every report once");
    assert_eq!(shas.len(), 60);
    let o = run(casefile()
        .args(["verify", "--no-encryption", "--json"])
        .arg(&url));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let o = run(casefile()
        .args(["audit", "verify", "--no-encryption", "--json"])
        .arg(&url));
    assert!(o.status.success(), "{}", stderr(&o));
    let audit: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(audit["custody_entries"], 60, "{audit}");
}

/// A case moves from a file to a team's server with its reports and its decision log (audit
/// verify passes on both sides, the case file is the same); a backup of the server is an
/// encrypted file that restores into another server.
#[test]
fn a_case_moves_to_a_server_and_a_backup_restores() {
    use casefile_store::scratch::for_test;
    let (Some(server), Some(other)) = (for_test(), for_test()) else {
        return;
    };
    let pass = "move passphrase";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let ok = |args: &[&std::ffi::OsStr]| {
        let o = run(casefile().args(args).env("CASEFILE_PASSPHRASE", pass));
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        o
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    ok(&[
        &os("build"),
        &os("-q"),
        &os("examples/reports"),
        &os("--out"),
        out.as_os_str(),
    ]);
    let file = out.join("case.db");
    ok(&[
        &os("merge"),
        file.as_os_str(),
        &os("Anna Kesoian"),
        &os("Dalia Ostrik"),
        &os("-q"),
    ]);
    let entities = |db: &std::ffi::OsStr| -> Vec<serde_json::Value> {
        let o = ok(&[&os("entities"), &os("--json"), db]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let names = |db: &std::ffi::OsStr| -> Vec<String> {
        let mut n: Vec<String> = entities(db)
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    let url = os(server.url());
    let o = ok(&[&os("migrate"), file.as_os_str(), &url, &os("--json")]);
    let said: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(said["cases"][0]["reports"], 3, "{said}");
    assert_eq!(said["cases"][0]["decisions"], 1);
    assert_eq!(said["target_log_intact"], true);
    assert_eq!(names(file.as_os_str()), names(&url), "the same case file");
    for db in [file.as_os_str(), &url] {
        ok(&[&os("audit"), &os("verify"), db]);
        ok(&[&os("verify"), db]);
    }
    // moving it again is refused and changes nothing
    let o = run(casefile()
        .arg("migrate")
        .arg(&file)
        .arg(&url)
        .env("CASEFILE_PASSPHRASE", pass));
    assert!(
        !o.status.success() && stderr(&o).contains("already holds"),
        "{}",
        stderr(&o)
    );
    // backup: a new encrypted file; restore: into another server
    let backup = dir.path().join("backup.db");
    ok(&[
        &os("backup"),
        &url,
        &os("--out"),
        backup.as_os_str(),
        &os("-q"),
    ]);
    let bytes = std::fs::read(&backup).unwrap();
    assert!(
        !bytes.windows(7).any(|w| w == b"Kesoian"),
        "the backup is encrypted"
    );
    let o = run(casefile()
        .args(["backup", "-q", "--out"])
        .arg(&backup)
        .arg(&url)
        .env("CASEFILE_PASSPHRASE", pass));
    assert!(!o.status.success(), "a backup never overwrites a file");
    let other_url = os(other.url());
    ok(&[&os("restore"), backup.as_os_str(), &other_url, &os("-q")]);
    assert_eq!(names(&other_url), names(&url));
    ok(&[&os("audit"), &os("verify"), &other_url]);
    let o = ok(&[&os("decisions"), &os("--json"), &other_url]);
    let log: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["decision"]["op"], "merge");
}

/// The seeds' case on a team database: a dump of the server (what a seizure gives) holds no
/// form of either victim's name, nor of any other person the case names.
#[test]
fn a_dump_of_the_seeds_case_names_nobody() {
    let Some(db) = casefile_store::scratch::for_test() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let o = run(casefile()
        .args(["build", "-q"])
        .arg(shared().join("seeds"))
        .arg("--out")
        .arg(dir.path().join("o"))
        .args(["--database", db.url()])
        .env("CASEFILE_PASSPHRASE", "seed team passphrase"));
    assert!(o.status.success(), "{}", stderr(&o));
    let dump = std::process::Command::new("pg_dump")
        .args(["--dbname", db.url()])
        .output()
        .expect("pg_dump (PostgreSQL's client tools; scripts/test.sh installs them)");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    // what `strings` would show: runs of printable bytes
    let text: String = dump
        .stdout
        .split(|b| !(0x20..0x7f).contains(b))
        .filter(|run| run.len() >= 4)
        .map(|run| String::from_utf8_lossy(run).to_lowercase() + "\n")
        .collect();
    assert!(
        text.contains("copy public.reports"),
        "the dump holds the reports table"
    );
    for name in [
        "magamadov",
        "magamadow",
        "isaev",
        "isayev",
        "salekh",
        "salek",
        "ismail",
        "chechnya",
        "grozny",
        "kadyrov",
        "nizhny",
    ] {
        assert!(
            !text.contains(name),
            "“{name}” is readable in a dump of the server"
        );
    }
}
