//! CSV exports (RFC 4180: one header row, CRLF line ends, fields with commas, quotes or line
//! breaks in double quotes, quotes doubled): entities, events, claims, discrepancies. Text that
//! a spreadsheet would run as a formula is defused with a leading `'`.

use casefile_model::{CaseFile, Span};

use crate::entity_name;

/// One CSV field. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) is written with a leading `'`, so that it shows as text.
pub(crate) fn field(s: &str) -> String {
    let defused;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        defused = format!("'{s}");
        defused.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = header
        .iter()
        .map(|h| field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

fn spans(s: &[Span]) -> String {
    s.iter()
        .map(|x| format!("{}:{}-{}", x.doc, x.start, x.end))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The four CSV files: (file name, content).
pub fn render(case: &CaseFile) -> Vec<(&'static str, String)> {
    vec![
        ("entities.csv", entities(case)),
        ("events.csv", events(case)),
        ("claims.csv", claims(case)),
        ("discrepancies.csv", discrepancies(case)),
    ]
}

/// entities.csv: one row an entity.
fn entities(case: &CaseFile) -> String {
    table(
        &[
            "id", "kind", "name", "aliases", "roles", "mentions", "merges",
        ],
        case.entities
            .iter()
            .map(|e| {
                vec![
                    e.id.clone(),
                    serde_json::to_value(e.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    e.name.clone(),
                    e.aliases.join("; "),
                    e.roles.join("; "),
                    e.mentions.len().to_string(),
                    e.merges.join(" | "),
                ]
            })
            .collect(),
    )
}

/// events.csv: one row an event.
fn events(case: &CaseFile) -> String {
    table(
        &[
            "id",
            "type",
            "date",
            "precision",
            "label",
            "place",
            "participants",
            "modality",
            "independent_sources",
            "origins",
            "sources",
        ],
        case.events
            .iter()
            .map(|e| {
                vec![
                    e.id.clone(),
                    e.r#type.to_string(),
                    e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
                    e.date
                        .as_ref()
                        .map(|d| d.precision.as_str().to_string())
                        .unwrap_or_default(),
                    e.label.clone(),
                    e.place
                        .as_ref()
                        .map(|p| entity_name(case, p))
                        .unwrap_or_default(),
                    e.participants
                        .iter()
                        .map(|p| format!("{} ({})", entity_name(case, &p.entity), p.role))
                        .collect::<Vec<_>>()
                        .join("; "),
                    format!("{:?}", e.modality).to_lowercase(),
                    e.origins.len().to_string(),
                    e.origins.join("; "),
                    spans(&e.sources),
                ]
            })
            .collect(),
    )
}

/// claims.csv: one row a claim.
fn claims(case: &CaseFile) -> String {
    table(
        &[
            "id",
            "subject",
            "attribute",
            "value",
            "as_of",
            "modality",
            "speaker",
            "origin",
            "doc",
            "start",
            "end",
            "text",
        ],
        case.claims
            .iter()
            .map(|c| {
                vec![
                    c.id.clone(),
                    c.subject.clone(),
                    c.attribute.clone(),
                    c.value.clone(),
                    c.as_of
                        .as_ref()
                        .map(|d| d.value.clone())
                        .unwrap_or_default(),
                    format!("{:?}", c.modality).to_lowercase(),
                    c.speaker.clone().unwrap_or_default(),
                    c.origin.clone(),
                    c.source.doc.clone(),
                    c.source.start.to_string(),
                    c.source.end.to_string(),
                    case.span_text(&c.source).to_string(),
                ]
            })
            .collect(),
    )
}

/// discrepancies.csv: one row a value of a discrepancy.
fn discrepancies(case: &CaseFile) -> String {
    table(
        &[
            "subject",
            "subject_name",
            "attribute",
            "verdict",
            "explanation",
            "value",
            "independent_sources",
            "sources",
        ],
        case.discrepancies
            .iter()
            .flat_map(|d| {
                let verdict = serde_json::to_value(d.verdict)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                let subject_name = case
                    .entity(&d.subject)
                    .map(|e| e.name.clone())
                    .or_else(|| {
                        case.events
                            .iter()
                            .find(|e| e.id == d.subject)
                            .map(|e| e.label.clone())
                    })
                    .unwrap_or_default();
                d.values
                    .iter()
                    .map(|v| {
                        vec![
                            d.subject.clone(),
                            subject_name.clone(),
                            d.attribute.clone(),
                            verdict.clone(),
                            d.explanation.clone(),
                            v.value.clone(),
                            v.independent_sources.to_string(),
                            spans(&v.sources),
                        ]
                    })
                    .collect::<Vec<_>>()
            })
            .collect(),
    )
}
