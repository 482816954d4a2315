//! Shared ingest on a team database: `add --no-wait` queues reports, several `casefile worker`
//! processes ingest them, one is killed with SIGKILL mid-run, and every report is stored exactly
//! once with its custody entry.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn workers_share_the_ingest_and_a_killed_one_loses_nothing() {
    let Some(Backend::Server(db)) = backends()
        .into_iter()
        .find(|b| matches!(b, Backend::Server(_)))
    else {
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
