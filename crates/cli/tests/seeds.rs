//! The seed reports in ../shared/seeds, built end to end and scored against the reference case
//! file with ../shared/tools/score_seeds.py.

mod common;

use common::*;

#[test]
fn seeds_build_and_score_above_every_floor() {
    for b in backends() {
        seeds_build_and_score_above_every_floor_on(&b);
    }
}

fn seeds_build_and_score_above_every_floor_on(b: &Backend) {
    let shared = shared();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seeds");
    let o = run(casefile()
        .args(["build", "--plain-outputs"])
        .args(b.build_args())
        .arg(shared.join("seeds"))
        .arg("--out")
        .arg(&out)
        .env("CASEFILE_PASSPHRASE", "seed-test"));
    assert!(
        o.status.success(),
        "build on {} failed: {}",
        b.name(),
        stderr(&o)
    );
    let case_path = out.join("case.json");
    for f in ["case.json", "report.md", "report.html"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    assert_eq!(
        out.join("case.db").is_file(),
        matches!(b, Backend::File),
        "the case is where it was asked to be"
    );
    let case = read_json(&case_path);
    validate_schema(&case);
    check_spans(&case);

    let thresholds = shared.join("gold/thresholds.json");
    let (score, figures) = common::score(&case_path, &["--min".as_ref(), thresholds.as_os_str()]);
    // issue 2's own figures
    assert_eq!(figures["published_dates"], 1.0);
    assert!(figures["persons_recall"].as_f64().unwrap() >= 0.8);
    assert!(figures["places_recall"].as_f64().unwrap() >= 0.8);
    // and every floor in ../shared/gold/thresholds.json
    assert!(
        score.status.success(),
        "below a floor: {}",
        String::from_utf8_lossy(&score.stderr)
    );
}

#[test]
fn seed_metadata_and_boilerplate() {
    let shared = shared();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let (_, case) = build_unencrypted(&shared.join("seeds"), &out);
    let docs = case["documents"].as_array().unwrap();
    // no photographer or image credit becomes a person
    for e in case["entities"].as_array().unwrap() {
        if e["kind"] == "person" {
            let n = e["name"].as_str().unwrap();
            assert!(
                !n.contains("Sadulayev") && !n.contains("karendesuyo"),
                "credit became a person: {n}"
            );
        }
    }
    // reports without a date say so and carry bounds or a note
    for d in docs {
        if d["published"].is_null() {
            assert!(
                d["notes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| n.as_str().unwrap().contains("no publication date")),
                "{}",
                d["path"]
            );
        }
    }
    assert!(docs.iter().any(|d| d["wire"] == "AFP"));
    assert!(docs.iter().any(|d| d["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["kind"] == "photo-credit")));
    assert!(docs.iter().any(|d| d["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["kind"] == "related-article")));
}
