//! Claims: every fact in the case file as one source puts it.

use casefile_model::{Annotations, Claim, DateValue, Document, Modality, Resolved, Span};

/// The claims being collected, numbered as they come.
struct Claims(Vec<Claim>);

impl Claims {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        subject: String,
        attribute: &str,
        value: String,
        as_of: Option<DateValue>,
        modality: Modality,
        speaker: Option<String>,
        source: Span,
    ) {
        let id = format!("claim-{:04}", self.0.len() + 1);
        self.0.push(Claim {
            id,
            subject,
            attribute: attribute.into(),
            value,
            as_of,
            modality,
            speaker,
            source,
            origin: String::new(),
        });
    }
}

/// Every fact as one source puts it: per report, person attributes, names as written,
/// indirect speech and quotes; then each event's date and place per telling.
pub fn collect(docs: &[(&Document, &Annotations)], resolved: &Resolved) -> Vec<Claim> {
    let mut out = Claims(Vec::new());
    for (doc, ann) in docs {
        of_report(&mut out, doc, ann, resolved);
    }
    of_events(&mut out, docs, resolved);
    not_in_chain(&mut out, docs, resolved);
    out.0
}

/// An act no source asserts (a threat, a fear, a demand, a denial) is a claim about each person
/// it names, with its modality, never an event.
fn not_in_chain(out: &mut Claims, docs: &[(&Document, &Annotations)], resolved: &Resolved) {
    let docs = crate::by_id(docs);
    for (doc_id, idx) in &resolved.not_in_chain {
        let Some(&(doc, ann)) = docs.get(doc_id.as_str()) else {
            continue;
        };
        let em = &ann.events[*idx];
        let mut subjects: Vec<&str> = em
            .participants
            .iter()
            .filter_map(|p| resolved.entity_of(doc_id, p.mention))
            .collect();
        subjects.dedup();
        for subject in subjects {
            out.push(
                subject.to_string(),
                em.kind.as_str(),
                em.sentence.text(&doc.text).to_string(),
                None,
                em.modality,
                None,
                em.sentence.clone(),
            );
        }
    }
}

/// The claims one report makes about the people and organisations in it.
fn of_report(out: &mut Claims, doc: &Document, ann: &Annotations, resolved: &Resolved) {
    // person attributes
    for a in &ann.attributes {
        if let Some(e) = resolved.entity_of(&doc.id, a.mention) {
            out.push(
                e.to_string(),
                &a.name,
                a.value.clone(),
                a.as_of.clone(),
                Modality::Asserted,
                None,
                a.span.clone(),
            );
        }
    }
    // names as written (for spelling); a word that stands for a name ("the court", "me") is
    // none
    for (i, m) in ann.mentions.iter().enumerate() {
        if m.is_anaphor() {
            continue;
        }
        if let Some(e) = resolved.entity_of(&doc.id, i) {
            out.push(
                e.to_string(),
                "name",
                m.text.clone(),
                None,
                Modality::Asserted,
                None,
                m.span.clone(),
            );
        }
    }
    // indirect speech: what the speaker is reported to say, about the first name in it
    for r in &ann.reported {
        let Some(speaker) = r.speaker.and_then(|s| resolved.entity_of(&doc.id, s)) else {
            continue;
        };
        let about = ann
            .mentions
            .iter()
            .enumerate()
            .find(|(_, m)| m.span.start >= r.content.start && m.span.end <= r.content.end)
            .and_then(|(i, _)| resolved.entity_of(&doc.id, i))
            .unwrap_or(speaker);
        out.push(
            about.to_string(),
            "reported speech",
            r.content.text(&doc.text).to_string(),
            None,
            r.modality,
            Some(speaker.to_string()),
            r.content.clone(),
        );
    }
    // quotes: what the speaker said
    for q in &ann.quotes {
        if let Some(sp) = q.speaker.and_then(|s| resolved.entity_of(&doc.id, s)) {
            out.push(
                sp.to_string(),
                "said",
                q.span.text(&doc.text).to_string(),
                None,
                Modality::Asserted,
                Some(sp.to_string()),
                q.span.clone(),
            );
        }
    }
}

/// Each event's date and place, as each of its tellings gives them.
fn of_events(out: &mut Claims, docs: &[(&Document, &Annotations)], resolved: &Resolved) {
    let docs = crate::by_id(docs);
    // event dates, per source
    for (ev, members) in resolved.events.iter().zip(&resolved.event_members) {
        for (doc_id, idx) in members {
            let Some(&(_, ann)) = docs.get(doc_id.as_str()) else {
                continue;
            };
            let em = &ann.events[*idx];
            if let Some(t) = em.time {
                let tx = &ann.timexes[t];
                let value = tx
                    .value
                    .as_ref()
                    .map(|v| v.value.clone())
                    .unwrap_or_else(|| format!("“{}” (unresolved)", tx.text));
                out.push(
                    ev.id.clone(),
                    // the day a report was given is only the day the act was done by
                    // ("have arrested three people, the attorney general said on
                    // Wednesday"): no date of its own to set against another report's
                    if em.time_from_context {
                        "date (from context)"
                    } else if em.time_reported {
                        "date (when reported)"
                    } else {
                        "date"
                    },
                    value,
                    None,
                    em.modality,
                    None,
                    tx.span.clone(),
                );
            }
            if let Some(p) = em.place.and_then(|p| resolved.entity_of(doc_id, p)) {
                out.push(
                    ev.id.clone(),
                    "place",
                    p.to_string(),
                    None,
                    em.modality,
                    None,
                    em.sentence.clone(),
                );
            }
        }
    }
}
