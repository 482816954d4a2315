//! The fictional example reports shipped in examples/reports (what README's first command runs).

mod common;

use common::*;

#[test]
fn examples_build_into_a_valid_case_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ex");
    let o = run(casefile()
        .args(["build", "examples/reports", "--out"])
        .arg(&out)
        .env("CASEFILE_PASSPHRASE", "example-only"));
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("encrypted with your passphrase"),
        "{stdout}"
    );
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
