//! Outputs: case.json, report.md, a self-contained report.html, CSV tables and
//! FollowTheMoney entities.
//!
//! Both reports lead with what a documenter needs first: a short summary, the dated chain of
//! events, the people and their roles, where the sources disagree, what was done about it
//! (interventions), and the sources. Every statement links to its source passages.

use casefile_model::{CaseFile, Entity, EntityKind, Event, Span};

pub mod csv;
pub mod ftm;
pub mod html;
pub mod markdown;

/// case.json: the case file, pretty-printed.
pub fn json(case: &CaseFile) -> String {
    serde_json::to_string_pretty(case).expect("a case file always serialises")
}

/// Numbers source passages in the order a report first cites them (1, 2, …).
#[derive(Default)]
pub struct Passages {
    spans: Vec<Span>,
    index: std::collections::HashMap<Span, usize>,
}

impl Passages {
    /// The passage's number, giving it the next one the first time it is cited.
    pub fn number(&mut self, s: &Span) -> usize {
        if let Some(&n) = self.index.get(s) {
            return n;
        }
        self.spans.push(s.clone());
        self.index.insert(s.clone(), self.spans.len());
        self.spans.len()
    }
    /// The passages in number order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }
}

/// A short label for a document: its outlet and date, or its file name.
pub fn doc_label(case: &CaseFile, doc: &str) -> String {
    let Some(d) = case.document(doc) else {
        return doc.to_string();
    };
    let file = d.path.rsplit('/').next().unwrap_or(&d.path).to_string();
    let mut label = d.outlet.clone().unwrap_or(file);
    if let Some(w) = &d.wire {
        label.push_str(&format!(" ({w})"));
    }
    match (&d.published, &d.published_bounds) {
        (Some(p), _) => label.push_str(&format!(", {}", p.human())),
        (None, Some(b)) => label.push_str(&format!(
            ", undated (after {})",
            b.earliest.as_deref().unwrap_or("?")
        )),
        _ => label.push_str(", undated"),
    }
    label
}

/// The passage around a span: up to `context` bytes each side, on char boundaries, with the
/// span itself separated out: (before, span, after).
pub fn passage(case: &CaseFile, span: &Span, context: usize) -> (String, String, String) {
    let Some(d) = case.document(&span.doc) else {
        return Default::default();
    };
    let t = &d.text;
    let (s, e) = (span.start.min(t.len()), span.end.min(t.len()));
    let mut a = s.saturating_sub(context);
    while !t.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (e + context).min(t.len());
    while !t.is_char_boundary(b) {
        b -= 1;
    }
    // start and end at whole words / lines
    let before = &t[a..s];
    let before = if a > 0 {
        before
            .split_once(char::is_whitespace)
            .map(|x| x.1)
            .unwrap_or(before)
    } else {
        before
    };
    let before = before.rsplit('\n').next().unwrap_or(before);
    let after = &t[e..b];
    let after = if b < t.len() {
        after
            .rsplit_once(char::is_whitespace)
            .map(|x| x.0)
            .unwrap_or(after)
    } else {
        after
    };
    let after = after.split('\n').next().unwrap_or(after);
    (before.to_string(), t[s..e].to_string(), after.to_string())
}

pub fn entity_name(case: &CaseFile, id: &str) -> String {
    case.entity(id)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// People first (by number of mentions), then organisations, then places.
pub fn people(case: &CaseFile) -> Vec<&Entity> {
    let mut v: Vec<&Entity> = case
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    v
}

pub fn of_kind(case: &CaseFile, kind: EntityKind) -> Vec<&Entity> {
    let mut v: Vec<&Entity> = case.entities.iter().filter(|e| e.kind == kind).collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    v
}

/// A one-paragraph summary of the case, from its own data.
pub fn summary(case: &CaseFile) -> String {
    let victims: Vec<String> = people(case)
        .iter()
        .filter(|e| e.roles.iter().any(|r| r == "victim"))
        .map(|e| e.name.clone())
        .collect();
    let dated: Vec<&Event> = case.events.iter().filter(|e| e.date.is_some()).collect();
    let span = match (dated.first(), dated.last()) {
        (Some(a), Some(b)) => format!(
            " between {} and {}",
            a.date.as_ref().map(|d| d.human()).unwrap_or_default(),
            b.date.as_ref().map(|d| d.human()).unwrap_or_default()
        ),
        _ => String::new(),
    };
    let outlets: Vec<String> = {
        let mut o: Vec<String> = case
            .documents
            .iter()
            .filter_map(|d| d.outlet.clone())
            .collect();
        o.sort();
        o.dedup();
        o
    };
    let mut s = format!("{} reports", case.documents.len());
    if !outlets.is_empty() {
        s.push_str(&format!(
            " ({} named outlets: {})",
            outlets.len(),
            outlets.join(", ")
        ));
    }
    s.push_str(&format!(" tell of {} events{}", case.events.len(), span));
    if !victims.is_empty() {
        s.push_str(&format!(" concerning {}", victims.join(", ")));
    }
    s.push_str(&format!(
        ". The sources disagree, or seem to, in {} places; {} interventions are recorded.",
        case.discrepancies.len(),
        case.interventions.len()
    ));
    s
}

#[cfg(test)]
mod tests;
