//! PDF reports made by a PDF writer of their own (fpdf2): a quote that crosses a page break is
//! one quote whose span maps back to both pages; running headers and page numbers are
//! boilerplate, out of the flow; a hyphenated word is mended; a scanned PDF is named as such.

mod common;

use common::*;

#[test]
fn a_case_is_built_from_pdf_reports() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    python_helper("make_pdfs.py", &[reports.as_os_str()]);
    std::fs::remove_file(reports.join("page.png")).unwrap();
    let out = dir.path().join("out");
    let o = run(casefile()
        .args(["build", "--no-encryption"])
        .arg(&reports)
        .arg("--out")
        .arg(&out));
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let scanned: Vec<&str> = err.lines().filter(|l| l.contains("scanned.pdf")).collect();
    assert_eq!(scanned.len(), 1, "{err}");
    assert!(
        scanned[0].contains("scanned PDF: no text layer") && scanned[0].contains("OCR it first"),
        "{err}"
    );

    let case = read_json(&out.join("case.json"));
    validate_schema(&case);
    let docs = case["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["format"], "pdf");
    assert_eq!(doc["title"], "Briefing on Detentions in Marevo");
    let text = doc["text"].as_str().unwrap();
    assert!(
        text.contains("asking for the documents of the case"),
        "hyphen mended: {text}"
    );

    // the quote reads whole across the page break, its span on both pages
    let quotes = case["quotes"].as_array().unwrap();
    let q = quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains("without a warrant"))
        .expect("the quote");
    let qt = q["text"].as_str().unwrap();
    assert!(
        qt.starts_with("“He was taken") && qt.ends_with("when a guard called his wife.”"),
        "{qt}"
    );
    assert!(
        !qt.contains("Page 1") && !qt.contains("Briefing on"),
        "{qt}"
    );
    assert_eq!(q["pages"], serde_json::json!([1, 2]));
    let (start, end) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
    let on: Vec<u64> = doc["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["start"].as_u64().unwrap() < end && start < r["end"].as_u64().unwrap())
        .map(|r| r["page"].as_u64().unwrap())
        .collect();
    assert_eq!(on, [1, 2]);
    let speaker = q["speaker"].as_str().expect("a speaker");
    let name = case["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == speaker)
        .unwrap()["name"]
        .clone();
    assert_eq!(name, "Irina Volkova");

    // the running header and the page numbers are boilerplate, after the text
    let boiler = doc["boilerplate"].as_array().unwrap();
    let of = |kind: &str| -> Vec<String> {
        boiler
            .iter()
            .filter(|b| b["kind"] == kind)
            .map(|b| {
                text[b["start"].as_u64().unwrap() as usize..b["end"].as_u64().unwrap() as usize]
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        of("page-header"),
        ["Harbour Rights Network - Briefing on Detentions in Marevo"; 2]
    );
    assert_eq!(of("footer"), ["Page 1 of 2", "Page 2 of 2"]);
    let body_end = text.find("The network called for his release.").unwrap();
    assert!(boiler
        .iter()
        .all(|b| b["start"].as_u64().unwrap() as usize > body_end));
    // the report's events come from its text: the detention, dated
    let detained = case["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["date"]["value"] == "2024-03-03");
    assert!(detained, "{}", case["events"]);
}
