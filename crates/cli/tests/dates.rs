//! Report dates end to end: a dateline as a scraped page prints it is read, and an address whose
//! date the text contradicts is not taken on trust; the build says so on a line of its own.

mod common;

use common::*;

#[test]
fn a_contradicted_address_date_is_flagged_and_a_glued_dateline_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    // an article of 2021, kept under a 2024 address
    std::fs::write(
        reports.join("republished.txt"),
        "Two men returned to Chechnya\n\nThe two men were seized on Thursday, their lawyer said. \
         In February 2021 they had been returned to Grozny.\n\nhttps://news.example.com/2024/05/02/two-men\n",
    )
    .unwrap();
    // a dateline glued to its update, as a scraped page prints it
    std::fs::write(
        reports.join("glued.txt"),
        "Court sentences activist\n\nOctober 19, 2018Updated: October 20, 2018\n\nA court sentenced the activist on Friday.\n",
    )
    .unwrap();
    let (o, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let err = stderr(&o);
    let flagged: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("republished.txt"))
        .collect();
    assert_eq!(flagged.len(), 1, "{err}");
    assert!(
        flagged[0].contains("2024-05-02") && flagged[0].contains("2021"),
        "{err}"
    );
    let doc = |name: &str| {
        case["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(name))
            .cloned()
            .unwrap()
    };
    let republished = doc("republished.txt");
    assert!(republished["published"].is_null(), "{republished}");
    assert!(republished["date_conflict"].as_str().is_some());
    let glued = doc("glued.txt");
    assert_eq!(glued["published"]["value"], "2018-10-19");
    assert!(glued.get("date_conflict").is_none());
}
