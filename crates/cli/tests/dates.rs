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

/// A report that tells no year ("on January 20", "the following day") is given its year by the
/// other reports of the same happening, end to end; `casefile acts` shows the yearless day as
/// casefile reads it.
#[test]
fn a_report_without_a_year_is_placed_by_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let reports = reports_folder(
        dir.path(),
        &[
            (
                "a.txt",
                "Activist abducted in Marevo\n\nThe mother of the activist Oleg Marchenko, Irina Marchenko, was abducted \
                 from her apartment in Marevo on January 20 by masked men. The following day, the governor issued a death threat \
                 against the family.\n",
            ),
            (
                "b.txt",
                "A year in prison\n\nMarch 3, 2023\n\nIrina Marchenko was abducted in Marevo in January 2022 and taken to Port Aster.\n",
            ),
        ],
    );
    let acts = run(casefile().arg("acts").arg(reports.join("a.txt")));
    assert!(acts.status.success(), "{}", stderr(&acts));
    let listed = String::from_utf8_lossy(&acts.stdout);
    assert!(listed.contains("“January 20” XXXX-01-20"), "{listed}");
    assert!(
        listed.contains("“The following day” XXXX-01-21"),
        "{listed}"
    );

    let (_, case) = build_unencrypted(&reports, &dir.path().join("out"));
    let events = case["events"].as_array().unwrap();
    let date_of = |kind: &str| {
        events
            .iter()
            .find(|e| e["type"] == kind)
            .map(|e| e["date"]["value"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(
        date_of("abduction").as_deref(),
        Some("2022-01-20"),
        "{events:#?}"
    );
    assert_eq!(
        date_of("threat").as_deref(),
        Some("2022-01-21"),
        "{events:#?}"
    );
}
