//! Runs the stages in order and assembles the [`CaseFile`]:
//! documents → annotate → resolve → reconcile → case file.
//!
//! Ingest is not here: the caller ingests (and stores) each report as it arrives, so that a
//! failure on one report never costs the others. This crate takes the documents that made it.

use casefile_model::{
    Annotations, CaseFile, Decision, Document, DocumentSummary, Quote, SCHEMA_VERSION,
};

/// Roles of people who speak or act for others.
const SPEAKS_FOR_OTHERS: &[&str] = &[
    "lawyer",
    "attorney",
    "advocate",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "government spokesperson",
    "official",
    "president",
    "secretary of state",
    "prime minister",
    "minister",
    "director",
    "director of programs",
    "head",
    "leader",
    "strongman leader",
    "strongman",
    "governor",
    "judge",
    "prosecutor",
    "investigator",
    "officer",
    "chairman",
    "chairwoman",
    "founder",
    "coordinator",
    "ombudsman",
    "close associate",
    "associate",
];

/// A built case: the case file and the annotations it was built from.
pub struct Built {
    pub case: CaseFile,
    pub annotations: Vec<Annotations>,
}

/// Build the case file for `documents` (in the order given), applying manual `decisions`.
pub fn build(case_name: &str, documents: &mut [Document], decisions: &[Decision]) -> Built {
    let annotations: Vec<Annotations> = documents.iter().map(casefile_annotate::annotate).collect();
    for (d, a) in documents.iter_mut().zip(&annotations) {
        if d.published.is_none() {
            d.published_bounds = a.published_bounds.clone();
        }
    }
    let pairs: Vec<(&Document, &Annotations)> = documents.iter().zip(annotations.iter()).collect();
    let demonym = |w: &str| {
        casefile_annotate::lexicon::word(w).demonym()
            || casefile_annotate::lexicon::place(w).is_some()
    };
    let resolved = casefile_resolve::resolve(&pairs, decisions, &demonym);
    let rec = casefile_reconcile::reconcile(&pairs, &resolved);
    let mut quotes = Vec::new();
    for (doc, ann) in &pairs {
        for q in &ann.quotes {
            quotes.push(Quote {
                speaker: q
                    .speaker
                    .and_then(|s| resolved.entity_of(&doc.id, s))
                    .map(str::to_string),
                doc: doc.id.clone(),
                start: q.span.start,
                end: q.span.end,
                text: q.span.text(&doc.text).to_string(),
                via: q.via.clone(),
            });
        }
    }
    // roles from events: victims, perpetrators, helpers (not for those who speak for others)
    let mut entities = resolved.entities.clone();
    for ev in &resolved.events {
        for p in &ev.participants {
            if let Some(e) = entities.iter_mut().find(|e| e.id == p.entity) {
                // those who speak or act for others (a lawyer, a spokesperson, an official) are
                // named beside the victims, not as victims; a journalist or activist can be one
                let professional = e
                    .roles
                    .iter()
                    .any(|r| SPEAKS_FOR_OTHERS.contains(&r.as_str()));
                if (p.role == "victim" && professional)
                    || p.role == "other"
                    || e.roles.contains(&p.role)
                {
                    continue;
                }
                e.roles.push(p.role.clone());
            }
        }
    }
    let mut events: Vec<casefile_model::Event> = resolved
        .events
        .iter()
        .zip(&rec.event_origins)
        .map(|(e, o)| casefile_model::Event {
            origins: o.clone(),
            ..e.clone()
        })
        .collect();
    // those who speak or act for others are named beside the victims, not as victims
    for ev in &mut events {
        ev.participants.retain(|p| {
            p.role != "victim"
                || !entities.iter().any(|e| {
                    e.id == p.entity
                        && e.roles
                            .iter()
                            .any(|r| SPEAKS_FOR_OTHERS.contains(&r.as_str()))
                })
        });
    }
    let mut discrepancies = rec.discrepancies;
    apply_edits(decisions, &mut events, &mut discrepancies, &mut entities);
    // rejected extractions leave the case, and every reference to them
    let kept: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    for ev in &mut events {
        ev.participants.retain(|p| kept.contains(&p.entity));
        if ev.place.as_ref().is_some_and(|p| !kept.contains(p)) {
            ev.place = None;
        }
    }
    for q in &mut quotes {
        if q.speaker.as_ref().is_some_and(|sp| !kept.contains(sp)) {
            q.speaker = None;
        }
    }
    let case = CaseFile {
        schema_version: SCHEMA_VERSION,
        case: case_name.to_string(),
        generated_by: format!("casefile {}", env!("CARGO_PKG_VERSION")),
        documents: documents.iter().map(DocumentSummary::from).collect(),
        entities,
        events,
        quotes,
        claims: rec.claims,
        discrepancies,
        interventions: rec.interventions,
        sources: rec.sources,
    };
    Built { case, annotations }
}

/// A date typed by a person: `2021`, `2021-02`, `2021-02-04`.
pub fn parse_date(v: &str) -> Option<casefile_model::DateValue> {
    use casefile_model::DateValue;
    let v = v.trim();
    match v.len() {
        4 => v.parse().ok().map(DateValue::year),
        7 => {
            let (y, m) = v.split_once('-')?;
            let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
            (1..=12).contains(&m).then(|| DateValue::month(y, m))
        }
        10 => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .ok()
            .map(DateValue::day),
        _ => None,
    }
}

/// Corrections made by hand: event fields and discrepancy verdicts.
fn apply_edits(
    decisions: &[Decision],
    events: &mut [casefile_model::Event],
    discrepancies: &mut [casefile_model::Discrepancy],
    entities: &mut Vec<casefile_model::Entity>,
) {
    for d in decisions {
        match d {
            Decision::EditEvent {
                event,
                field,
                value,
                ..
            } => {
                let Some(ev) = events.iter_mut().find(|e| e.sources.contains(event)) else {
                    continue;
                };
                match field.as_str() {
                    "date" => {
                        if let Some(v) = parse_date(value) {
                            ev.date = Some(v);
                            ev.date_basis.insert(0, format!("set by hand to {value}"));
                        }
                    }
                    "type" => ev.r#type = value.clone(),
                    // "Name:role" to add a participant, "Name" to remove one
                    "add-participant" => {
                        let (name, role) =
                            value.split_once(':').unwrap_or((value.as_str(), "victim"));
                        if let Some(p) = entities.iter().find(|e| {
                            e.name.eq_ignore_ascii_case(name.trim()) || e.id == name.trim()
                        }) {
                            ev.participants.retain(|x| x.entity != p.id);
                            ev.participants.push(casefile_model::Participant {
                                entity: p.id.clone(),
                                role: role.trim().to_string(),
                            });
                        }
                    }
                    "remove-participant" => {
                        if let Some(p) = entities.iter().find(|e| {
                            e.name.eq_ignore_ascii_case(value.trim()) || e.id == value.trim()
                        }) {
                            let id = p.id.clone();
                            ev.participants.retain(|x| x.entity != id);
                        }
                    }
                    "place" => {
                        if let Some(p) = entities
                            .iter()
                            .find(|e| e.name.eq_ignore_ascii_case(value) || e.id == *value)
                        {
                            ev.place = Some(p.id.clone());
                        }
                    }
                    _ => {}
                }
            }
            Decision::SetVerdict {
                subject,
                attribute,
                verdict,
                ..
            } => {
                for x in discrepancies
                    .iter_mut()
                    .filter(|x| &x.subject == subject && &x.attribute == attribute)
                {
                    x.verdict = *verdict;
                    x.explanation.push_str(" (Verdict set by hand.)");
                }
            }
            Decision::Reject { entity } => {
                entities.retain(|e| !(e.name == *entity || e.aliases.contains(entity)))
            }
            Decision::Confirm { entity } => {
                for e in entities
                    .iter_mut()
                    .filter(|e| e.name == *entity || e.aliases.contains(entity))
                {
                    e.notes.push("confirmed by hand".into());
                }
            }
            Decision::Note {
                entity,
                event,
                text,
            } => {
                if let Some(name) = entity {
                    for e in entities
                        .iter_mut()
                        .filter(|e| e.name == *name || e.aliases.contains(name))
                    {
                        e.notes.push(text.clone());
                    }
                }
                if let Some(span) = event {
                    for ev in events.iter_mut().filter(|ev| ev.sources.contains(span)) {
                        ev.notes.push(text.clone());
                    }
                }
            }
            _ => {}
        }
    }
    // an edited date can move an event in the timeline
    events.sort_by_key(|e| {
        (
            e.date.is_none(),
            e.date.as_ref().and_then(|d| d.range()).map(|r| r.0),
        )
    });
}
