//! report.html: one self-contained file (no network, no scripts), that opens from disk and
//! prints cleanly. Every statement links to its source passages: a click jumps to the passage,
//! which is highlighted. All report text is escaped, so hostile HTML in a report shows as text.

use std::fmt::Write;

use casefile_model::{CaseFile, EntityKind, Span};

use crate::{doc_label, entity_name, of_kind, passage, people, summary, Passages};

/// Escape text for HTML element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = r#"
:root { --ink:#1b1f24; --muted:#57606a; --line:#d0d7de; --accent:#0b5cad; --warn:#9a3412; --bg:#fff; --soft:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; } h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
nav a { margin-right: 1rem; color: var(--accent); }
.summary { background: var(--soft); border-left: 4px solid var(--accent); padding: .8rem 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .93rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--soft); }
a.src { font-size: .8rem; color: var(--accent); text-decoration: none; margin-left: .15rem; }
a.src:hover, a.src:focus { text-decoration: underline; }
.verdict { font-weight: 600; white-space: nowrap; }
.verdict.conflict, .verdict.contested { color: var(--warn); }
.timeline { position: relative; margin: 1rem 0 0 1rem; padding-left: 1.5rem; border-left: 3px solid var(--accent); }
.tl-item { position: relative; margin: 0 0 1rem; }
.tl-item::before { content: ""; position: absolute; left: -2.05rem; top: .35rem; width: .9rem; height: .9rem; border-radius: 50%; background: var(--bg); border: 3px solid var(--accent); }
.tl-date { font-weight: 700; color: var(--accent); }
.tl-undated::before { border-style: dashed; }
.passage { padding: .5rem .7rem; border: 1px solid var(--line); margin: .4rem 0; border-radius: 4px; }
.passage:target { background: #fff8c5; border-color: #d4a72c; }
.passage mark { background: #ffe58f; }
.meta { color: var(--muted); font-size: .85rem; }
.aka { color: var(--muted); }
@media print {
  nav, a.src { display: none; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  tr, .tl-item, .passage { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

struct Refs<'a> {
    case: &'a CaseFile,
    passages: Passages,
}

impl Refs<'_> {
    fn cite(&mut self, spans: &[Span]) -> String {
        let mut out = String::new();
        for s in spans.iter().take(8) {
            let n = self.passages.number(s);
            let title = esc(&doc_label(self.case, &s.doc));
            let _ = write!(
                out,
                "<a class=\"src\" href=\"#p{n}\" title=\"{title}\">[{n}]</a>"
            );
        }
        if spans.len() > 8 {
            let _ = write!(out, "<span class=\"meta\"> +{}</span>", spans.len() - 8);
        }
        out
    }
}

pub fn render(case: &CaseFile) -> String {
    let mut refs = Refs {
        case,
        passages: Passages::default(),
    };
    let mut b = String::new();
    let _ = write!(b, "<h1>Case file: {}</h1>", esc(&case.case));
    let _ = write!(
        b,
        "<nav aria-label=\"Sections\"><a href=\"#timeline\">Timeline</a><a href=\"#people\">People</a><a href=\"#discrepancies\">Discrepancies</a><a href=\"#interventions\">Interventions</a><a href=\"#quotes\">Quotes</a><a href=\"#sources\">Sources</a><a href=\"#passages\">Passages</a></nav>"
    );
    let _ = write!(b, "<p class=\"summary\">{}</p>", esc(&summary(case)));

    timeline(&mut b, &mut refs);
    people_section(&mut b, &mut refs);
    discrepancies(&mut b, &mut refs);
    interventions(&mut b, &mut refs);
    quotes(&mut b, &mut refs);
    sources(&mut b, &mut refs);
    passages(&mut b, &mut refs);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>Case file: {}</title><style>{CSS}</style></head><body>{b}</body></html>\n",
        esc(&case.case)
    )
}

/// The chain of events, each with its date, participants, origins and sources.
fn timeline(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(
        b,
        "<h2 id=\"timeline\">Chain of events</h2><div class=\"timeline\" role=\"list\">"
    );
    for e in &case.events {
        let date = e
            .date
            .as_ref()
            .map(|d| d.human())
            .unwrap_or_else(|| "undated".into());
        let cls = if e.date.is_some() {
            "tl-item"
        } else {
            "tl-item tl-undated"
        };
        let who: Vec<String> = e
            .participants
            .iter()
            .map(|p| {
                format!(
                    "{} ({})",
                    esc(&entity_name(case, &p.entity)),
                    esc(p.role.as_str())
                )
            })
            .collect();
        let place = e
            .place
            .as_ref()
            .map(|p| format!(" — {}", esc(&entity_name(case, p))))
            .unwrap_or_default();
        let _ = write!(
            b,
            "<div class=\"{cls}\" role=\"listitem\" id=\"{}\"><span class=\"tl-date\">{}</span> · {}{}<br>{}<span class=\"meta\" title=\"{}\">{} independent source{}</span> {}</div>",
            esc(&e.id),
            esc(&date),
            esc(&e.label),
            place,
            if who.is_empty() { String::new() } else { format!("<span class=\"meta\">{}</span><br>", who.join(", ")) },
            esc(&e.origins.join("; ")),
            e.origins.len(),
            if e.origins.len() == 1 { "" } else { "s" },
            refs.cite(&e.sources)
        );
    }
    let _ = write!(b, "</div>");
}

/// People with their roles and attributes; organisations and places.
fn people_section(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(b, "<h2 id=\"people\">People and their roles</h2><table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Also written</th><th scope=\"col\">Roles</th><th scope=\"col\">Attributes</th><th scope=\"col\">Mentions</th></tr></thead><tbody>");
    for e in people(case) {
        let attrs: Vec<String> = e
            .attributes
            .iter()
            .filter(|a| a.name != "role")
            .map(|a| {
                format!(
                    "{} {}{} {}",
                    esc(&a.name),
                    esc(&a.value),
                    a.as_of
                        .as_ref()
                        .map(|d| format!(" ({})", esc(&d.human())))
                        .unwrap_or_default(),
                    refs.cite(&a.sources)
                )
            })
            .collect();
        let _ = write!(
            b,
            "<tr><td>{}</td><td class=\"aka\">{}</td><td>{}</td><td>{}</td><td>{} {}</td></tr>",
            esc(&e.name),
            esc(&e.aliases.join(", ")),
            esc(&e.roles.join(", ")),
            attrs.join("<br>"),
            e.mentions.len(),
            refs.cite(&e.mentions[..e.mentions.len().min(3)])
        );
    }
    let _ = write!(b, "</tbody></table>");
    for (title, kind) in [
        ("Organisations", EntityKind::Organization),
        ("Places", EntityKind::Place),
    ] {
        let _ = write!(b, "<h3>{title}</h3><ul>");
        for e in of_kind(case, kind) {
            let also = if e.aliases.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"aka\">(also: {})</span>",
                    esc(&e.aliases.join(", "))
                )
            };
            let _ = write!(
                b,
                "<li>{}{} {}</li>",
                esc(&e.name),
                also,
                refs.cite(&e.mentions[..e.mentions.len().min(3)])
            );
        }
        let _ = write!(b, "</ul>");
    }
}

/// Where the sources disagree, with the verdict and why.
fn discrepancies(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(
        b,
        "<h2 id=\"discrepancies\">Where the sources disagree</h2>"
    );
    if case.discrepancies.is_empty() {
        let _ = write!(b, "<p>No discrepancies found.</p>");
    } else {
        let _ = write!(b, "<table class=\"discrepancies\"><thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">What</th><th scope=\"col\">Verdict</th><th scope=\"col\">Values and sources</th><th scope=\"col\">Why</th></tr></thead><tbody>");
        for d in &case.discrepancies {
            let subject = case
                .entity(&d.subject)
                .map(|e| e.name.clone())
                .or_else(|| {
                    case.events
                        .iter()
                        .find(|e| e.id == d.subject)
                        .map(|e| e.label.clone())
                })
                .unwrap_or_else(|| d.subject.clone());
            let verdict = serde_json::to_value(d.verdict)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let values: Vec<String> = d
                .values
                .iter()
                .map(|v| {
                    format!(
                        "{} <span class=\"meta\">({} independent)</span> {}",
                        esc(&v.value),
                        v.independent_sources,
                        refs.cite(&v.sources)
                    )
                })
                .collect();
            let _ = write!(
                b,
                "<tr><td>{}</td><td>{}</td><td class=\"verdict {}\">{}</td><td>{}</td><td>{}</td></tr>",
                esc(&subject),
                esc(&d.attribute),
                esc(&verdict),
                esc(&verdict.replace('-', " ")),
                values.join("<br>"),
                esc(&d.explanation)
            );
        }
        let _ = write!(b, "</tbody></table>");
    }
}

/// Petitions, appeals and statements, with their outcome.
fn interventions(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(b, "<h2 id=\"interventions\">Interventions</h2>");
    if case.interventions.is_empty() {
        let _ = write!(b, "<p>None recorded.</p>");
    } else {
        let _ = write!(b, "<table><thead><tr><th scope=\"col\">What</th><th scope=\"col\">By</th><th scope=\"col\">To</th><th scope=\"col\">When</th><th scope=\"col\">Outcome</th><th scope=\"col\">Sources</th></tr></thead><tbody>");
        for i in &case.interventions {
            let to: Vec<String> = i.to.iter().map(|t| entity_name(case, t)).collect();
            let _ = write!(
                b,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&i.kind),
                esc(&i
                    .by
                    .as_ref()
                    .map(|x| entity_name(case, x))
                    .unwrap_or_default()),
                esc(&to.join(", ")),
                esc(&i.date.as_ref().map(|d| d.human()).unwrap_or_default()),
                esc(&i.outcome),
                refs.cite(&i.sources)
            );
        }
        let _ = write!(b, "</tbody></table>");
    }
}

/// Quotes with their speakers.
fn quotes(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(b, "<h2 id=\"quotes\">Quotes</h2><ul>");
    for q in &case.quotes {
        let who = q
            .speaker
            .as_ref()
            .map(|s| entity_name(case, s))
            .unwrap_or_else(|| "unattributed".into());
        let via = q
            .via
            .as_ref()
            .map(|v| format!(" <span class=\"meta\">(via {})</span>", esc(v)))
            .unwrap_or_default();
        let _ = write!(
            b,
            "<li><strong>{}</strong>{}: {} {}</li>",
            esc(&who),
            via,
            esc(&q.text),
            refs.cite(&[Span::new(q.doc.clone(), q.start, q.end)])
        );
    }
    let _ = write!(b, "</ul>");
}

/// The reports, what they cite, and their hashes.
fn sources(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(b, "<h2 id=\"sources\">Sources</h2><table><thead><tr><th scope=\"col\">Report</th><th scope=\"col\">Title</th><th scope=\"col\">Outlet</th><th scope=\"col\">Published</th><th scope=\"col\">Cites</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>");
    for d in &case.documents {
        let published = match (&d.published, &d.published_bounds) {
            (Some(p), _) => p.human(),
            (None, Some(bd)) => format!(
                "undated; between {} and {}",
                bd.earliest.as_deref().unwrap_or("?"),
                bd.latest.as_deref().unwrap_or("?")
            ),
            _ => "undated".into(),
        };
        let cites: Vec<String> = case
            .sources
            .iter()
            .filter(|s| s.doc == d.id)
            .map(|s| format!("{} ({})", esc(&s.cites), esc(&s.how)))
            .collect();
        let _ = write!(
            b,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&d.path),
            esc(d.title.as_deref().unwrap_or("")),
            esc(d.outlet.as_deref().unwrap_or("")),
            esc(&published),
            cites.join(", "),
            esc(&d.sha256[..16.min(d.sha256.len())])
        );
    }
    let _ = write!(b, "</tbody></table>");
}

/// Every cited passage, numbered, in its context.
fn passages(b: &mut String, refs: &mut Refs) {
    let case = refs.case;
    let _ = write!(b, "<h2 id=\"passages\">Source passages</h2>");
    for (i, s) in refs.passages.spans().iter().enumerate() {
        let (before, mid, after) = passage(case, s, 120);
        let _ = write!(
            b,
            "<div class=\"passage\" id=\"p{}\"><span class=\"meta\">[{}] {} · bytes {}–{}</span><br>…{}<mark>{}</mark>{}…</div>",
            i + 1,
            i + 1,
            esc(&doc_label(case, &s.doc)),
            s.start,
            s.end,
            esc(&before),
            esc(&mid),
            esc(&after)
        );
    }
}
