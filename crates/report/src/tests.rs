//! Tests of the renderers on a small case file made by hand.

use casefile_model::*;

fn case_with(text: &str) -> CaseFile {
    let doc = DocumentSummary {
        id: "d1".into(),
        path: "r/one.txt".into(),
        sha256: "0".repeat(64),
        size: text.len(),
        encoding: "UTF-8".into(),
        format: Format::Text,
        text: text.into(),
        title: Some("T".into()),
        outlet: Some("The Ledger".into()),
        byline: None,
        wire: None,
        url: None,
        published: None,
        published_bounds: None,
        metadata: vec![],
        boilerplate: vec![],
        notes: vec![],
        date_conflict: None,
        pages: vec![],
    };
    let start = text.find("Oleg").unwrap();
    CaseFile {
        schema_version: SCHEMA_VERSION,
        case: "test <case>".into(),
        generated_by: "test".into(),
        documents: vec![doc],
        entities: vec![Entity {
            protected: false,
            id: "person-oleg".into(),
            kind: EntityKind::Person,
            name: "Oleg <b>Marchenko</b>".into(),
            aliases: vec![],
            roles: vec!["victim".into()],
            attributes: vec![],
            mentions: vec![Span::new("d1", start, start + 4)],
            merges: vec![],
            notes: vec![],
        }],
        events: vec![Event {
            id: "event-001".into(),
            r#type: casefile_model::ActKind::Arrest,
            label: "arrest (held)".into(),
            date: Some(DateValue::month(2024, 3)),
            date_basis: vec![],
            place: None,
            participants: vec![Participant {
                entity: "person-oleg".into(),
                role: casefile_model::ParticipantRole::Victim,
                basis: vec![],
            }],
            modality: Modality::Asserted,
            sources: vec![Span::new("d1", 0, text.len())],
            origins: vec!["report: The Ledger".into()],
            notes: vec![],
        }],
        quotes: vec![],
        claims: vec![],
        discrepancies: vec![Discrepancy {
            subject: "person-oleg".into(),
            attribute: "age".into(),
            verdict: Verdict::Conflict,
            explanation: "two ages".into(),
            values: vec![DiscrepancyValue {
                value: "19".into(),
                sources: vec![Span::new("d1", start, start + 4)],
                independent_sources: 1,
            }],
        }],
        interventions: vec![],
        sources: vec![],
        lookup: Default::default(),
    }
}

#[test]
fn html_escapes_report_text_and_links_passages() {
    let case = case_with("<script>alert(1)</script> Oleg was held. <img src=x onerror=alert(2)>");
    let html = crate::html::render(&case);
    assert!(
        !html.contains("<script>alert"),
        "report text must be escaped"
    );
    assert!(!html.contains("<img src=x"), "report text must be escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Oleg &lt;b&gt;Marchenko&lt;/b&gt;"));
    assert!(html.contains("class=\"timeline\""));
    assert!(html.contains("class=\"discrepancies\""));
    assert!(html.contains("href=\"#p1\"") && html.contains("id=\"p1\""));
    // self-contained: no external resources
    assert!(
        !html.contains("http://") && !html.contains("https://") && !html.contains("src=\"http")
    );
}

#[test]
fn markdown_has_sections_and_passages() {
    let case = case_with("Oleg was held | in a cell.");
    let md = crate::markdown::render(&case);
    for section in [
        "## Chain of events",
        "## People",
        "## Where the sources disagree",
        "## Interventions",
        "## Sources",
        "## Source passages",
    ] {
        assert!(md.contains(section), "{section} missing");
    }
    assert!(md.contains("\\|"), "pipes in text are escaped");
    assert!(md.contains("**Oleg**"));
}

#[test]
fn csv_is_rfc4180() {
    let case = case_with("Oleg was held, \"he said\".");
    let files = crate::csv::render(&case);
    assert_eq!(files.len(), 4);
    let (_, events) = &files[1];
    assert!(events.starts_with("id,type,date,precision,label"));
    assert!(events.contains("\r\n"));
    let (_, disc) = &files[3];
    assert!(disc.contains("\"two ages\"") || disc.contains("two ages"));
    // a field with a comma and quotes is quoted, quotes doubled
    let (_, claims) = &files[2];
    let _ = claims;
    assert_eq!(crate::csv::field("a,\"b\""), "\"a,\"\"b\"\"\"");
    assert_eq!(crate::csv::field("line\nbreak"), "\"line\nbreak\"");
    assert_eq!(crate::csv::field("plain"), "plain");
}

/// Report text a spreadsheet would run as a formula is written as text.
#[test]
fn csv_defuses_formulas() {
    let cases = [
        (
            "=HYPERLINK(\"http://x\",\"y\")",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        ),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("a-b", "a-b"),
        ("2021-02-04", "2021-02-04"),
    ];
    for (text, want) in cases {
        assert_eq!(crate::csv::field(text), want, "{text}");
    }
}

#[test]
fn ftm_lines_are_entities() {
    let case = case_with("Oleg was held.");
    let out = crate::ftm::render(&case);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines
        .iter()
        .any(|l| l["schema"] == "Person" && l["properties"]["name"][0] == "Oleg <b>Marchenko</b>"));
    let ev = lines.iter().find(|l| l["schema"] == "Event").unwrap();
    assert_eq!(ev["properties"]["date"][0], "2024-03");
    assert!(ev["properties"]["involved"][0]
        .as_str()
        .unwrap()
        .ends_with("person-oleg"));
}
