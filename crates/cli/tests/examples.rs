//! The fictional example reports shipped in examples/reports (what README's first command runs).

mod common;

use common::*;

#[test]
fn examples_build_into_a_valid_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ex");
    let o = run(casefile()
        .args(["build", "examples/reports", "--plain-outputs", "--out"])
        .arg(&out)
        .env("CASEFILE_PASSPHRASE", "example-only"));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("encrypted with your passphrase"),
        "{stdout}"
    );
    // the plain outputs were asked for: said to be in clear, and readable by their owner only
    assert!(stdout.contains("NOT encrypted"), "{stdout}");
    #[cfg(unix)]
    for f in ["case.json", "report.md", "report.html", "case.db"] {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(out.join(f)).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{f} is readable by others: {mode:o}");
    }
    let case = read_json(&out.join("case.json"));
    validate_schema(&case);
    check_spans(&case);
    let ents = case["entities"].as_array().unwrap();
    let person = |n: &str| {
        ents.iter()
            .find(|e| e["kind"] == "person" && e["name"] == n)
            .unwrap_or_else(|| panic!("no person {n}"))
    };
    let arman = person("Arman Kesoyan");
    assert!(
        arman["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Arman Kesoian"),
        "spelling variants merged"
    );
    person("Irina Volkova");
    person("Dalia Ostrik");
    let disc = case["discrepancies"].as_array().unwrap();
    let about = |id: &serde_json::Value, verdict: &str| {
        disc.iter()
            .any(|d| &d["subject"] == id && d["verdict"] == verdict)
    };
    assert!(about(&arman["id"], "spelling-variant"));
    assert!(
        about(&arman["id"], "consistent-over-time"),
        "19, then just turned 20"
    );
    // the windows-1252 HTML page: decoded, scripts and navigation dropped, metadata read
    let docs = case["documents"].as_array().unwrap();
    let html = docs.iter().find(|d| d["format"] == "html").unwrap();
    assert_eq!(html["encoding"], "windows-1252");
    assert_eq!(html["outlet"], "Ostravia Monitor");
    assert_eq!(html["published"]["value"], "2024-03-14");
    let text = html["text"].as_str().unwrap();
    assert!(
        !text.contains("tracking") && !text.contains("Share on") && !text.contains("Politics"),
        "{text}"
    );
    assert!(
        text.contains("prosecutor’s office"),
        "entities decoded: {text}"
    );
    // Markdown statement: issuer and date read from its header line
    let md = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(".md"))
        .unwrap();
    assert_eq!(md["outlet"], "Civic Defence Network");
    assert_eq!(md["published"]["value"], "2024-03-12");
    // the reports
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("class=\"timeline\"") && report.contains("class=\"discrepancies\""));
    let md_report = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md_report.contains("## Where the sources disagree"));
}

#[test]
fn a_wire_story_reprinted_by_two_outlets_is_one_independent_source() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("wire");
    let o = run(casefile()
        .args(["build", "--no-encryption", "-q", "examples/wire", "--out"])
        .arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let case = read_json(&out.join("case.json"));
    validate_schema(&case);
    check_spans(&case);
    let docs = case["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let varga = case["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Dmitri Varga")
        .expect("Dmitri Varga");
    assert!(varga["roles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r == "victim"));
    // the detention is told by all three reports, but two of them print one text
    let ev = case["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "arrest" && takes_part(e, varga, None))
        .expect("the arrest of Dmitri Varga");
    let mut docs_cited: Vec<&str> = ev["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc"].as_str().unwrap())
        .collect();
    docs_cited.sort();
    docs_cited.dedup();
    assert_eq!(docs_cited.len(), 3, "{ev}");
    let origins = ev["origins"].as_array().unwrap();
    assert_eq!(origins.len(), 2, "{origins:?}");
    assert!(
        origins
            .iter()
            .any(|o| o.as_str().unwrap().starts_with("one text reprinted by")),
        "{origins:?}"
    );
    assert_eq!(ev["date"]["value"], "2025-05-02");
}

#[test]
fn two_dates_for_one_arrest_are_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ex");
    let o = run(casefile()
        .args([
            "build",
            "--no-encryption",
            "-q",
            "examples/reports",
            "--out",
        ])
        .arg(&out));
    assert!(o.status.success(), "{}", stderr(&o));
    let case = read_json(&out.join("case.json"));
    // The Harbour Post: "last Thursday" (7 March 2024); the NGO statement: "on March 6"
    let arrests: Vec<&serde_json::Value> = case["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "arrest")
        .collect();
    assert_eq!(arrests.len(), 1, "one arrest, told with two dates");
    let id = &arrests[0]["id"];
    let d = case["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| &d["subject"] == id && d["attribute"] == "date")
        .expect("a date discrepancy");
    assert_eq!(d["verdict"], "conflict");
    let values: Vec<&str> = d["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["value"].as_str().unwrap())
        .collect();
    assert!(
        values.contains(&"2024-03-06") && values.contains(&"2024-03-07"),
        "{values:?}"
    );
}
