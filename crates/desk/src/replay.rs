//! The replay of people's decisions on a built case file: which decisions are in force, and
//! what event edits, verdicts, rejections, confirmations and notes do. Resolution itself obeys
//! merges, splits and keep-aparts (`casefile-resolve`); everything else happens here, on every
//! build, so that a rebuild from the original bytes plus the log gives the same case file.

use casefile_model::{
    CaseFile, DateValue, Decision, Discrepancy, Entity, Event, EventField, Participant,
    ParticipantRole, Span, Verdict,
};
use casefile_store::DecisionRecord;

/// The decisions in force: every decision not undone, undos themselves left out.
pub fn in_force(records: &[DecisionRecord]) -> Vec<Decision> {
    let undone: Vec<i64> = records
        .iter()
        .filter_map(|r| match r.decision {
            Decision::Undo { seq } => Some(seq),
            _ => None,
        })
        .collect();
    records
        .iter()
        .filter(|r| !matches!(r.decision, Decision::Undo { .. }) && !undone.contains(&r.seq))
        .map(|r| r.decision.clone())
        .collect()
}

/// A date typed by a person: `2021`, `2021-02`, `2021-02-04`.
pub fn parse_date(v: &str) -> Option<DateValue> {
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

/// "Name:role" as typed to add a participant: the name, and the role (victim when left out).
pub fn participant(value: &str) -> (&str, Result<ParticipantRole, String>) {
    match value.split_once(':') {
        Some((name, role)) => (name.trim(), role.trim().parse()),
        None => (value.trim(), Ok(ParticipantRole::Victim)),
    }
}

/// Apply the decisions in force (in log order) to a freshly built case file, then drop every
/// reference to a rejected entity.
pub fn apply(decisions: &[Decision], file: &mut CaseFile) {
    for d in decisions {
        match d {
            Decision::EditEvent {
                event,
                field,
                value,
                ..
            } => {
                if let Some(ev) = file.events.iter_mut().find(|e| e.sources.contains(event)) {
                    edit_event(ev, *field, value, &file.entities);
                }
            }
            Decision::SetVerdict {
                subject,
                attribute,
                verdict,
                ..
            } => set_verdict(&mut file.discrepancies, subject, attribute, *verdict),
            Decision::Reject { entity } => file.entities.retain(|e| !named(e, entity)),
            Decision::Confirm { entity } => {
                note_entity(&mut file.entities, entity, "confirmed by hand")
            }
            Decision::Protect { entity } => {
                for e in file.entities.iter_mut().filter(|e| named(e, entity)) {
                    e.protected = true;
                }
            }
            Decision::Note {
                entity,
                event,
                text,
            } => note(file, entity.as_deref(), event.as_ref(), text),
            // a removed report is no longer among the documents: nothing to replay
            Decision::Merge { .. }
            | Decision::KeepApart { .. }
            | Decision::Split { .. }
            | Decision::Undo { .. }
            | Decision::RemoveReport { .. } => {}
        }
    }
    // an edited date can move an event in the timeline
    file.events.sort_by_key(Event::timeline_key);
    drop_rejected(file);
}

fn named(e: &Entity, name: &str) -> bool {
    e.name == name || e.aliases.iter().any(|a| a == name)
}

/// The entity a person typed (name, letter case aside, or id).
fn typed<'a>(entities: &'a [Entity], what: &str) -> Option<&'a Entity> {
    entities
        .iter()
        .find(|e| e.name.eq_ignore_ascii_case(what) || e.id == what)
}

fn edit_event(ev: &mut Event, field: EventField, value: &str, entities: &[Entity]) {
    match field {
        EventField::Date => {
            if let Some(v) = parse_date(value) {
                ev.date = Some(v);
                ev.date_basis.insert(0, format!("set by hand to {value}"));
            }
        }
        EventField::Type => {
            if let Ok(kind) = value.trim().parse() {
                ev.r#type = kind;
            }
        }
        EventField::AddParticipant => {
            let (name, role) = participant(value);
            if let (Some(p), Ok(role)) = (typed(entities, name), role) {
                ev.participants.retain(|x| x.entity != p.id);
                ev.participants.push(Participant {
                    entity: p.id.clone(),
                    role,
                    basis: vec!["added by hand".to_string()],
                });
            }
        }
        EventField::RemoveParticipant => {
            if let Some(p) = typed(entities, value.trim()) {
                ev.participants.retain(|x| x.entity != p.id);
            }
        }
        EventField::Place => {
            if let Some(p) = typed(entities, value) {
                ev.place = Some(p.id.clone());
            }
        }
    }
}

fn set_verdict(discrepancies: &mut [Discrepancy], subject: &str, attribute: &str, v: Verdict) {
    for x in discrepancies
        .iter_mut()
        .filter(|x| x.subject == subject && x.attribute == attribute)
    {
        x.verdict = v;
        x.explanation.push_str(" (Verdict set by hand.)");
    }
}

fn note_entity(entities: &mut [Entity], name: &str, text: &str) {
    for e in entities.iter_mut().filter(|e| named(e, name)) {
        e.notes.push(text.to_string());
    }
}

fn note(file: &mut CaseFile, entity: Option<&str>, event: Option<&Span>, text: &str) {
    if let Some(name) = entity {
        note_entity(&mut file.entities, name, text);
    }
    if let Some(span) = event {
        for ev in file
            .events
            .iter_mut()
            .filter(|ev| ev.sources.contains(span))
        {
            ev.notes.push(text.to_string());
        }
    }
}

/// Rejected extractions leave the case, and every reference to them.
fn drop_rejected(file: &mut CaseFile) {
    let kept: Vec<String> = file.entities.iter().map(|e| e.id.clone()).collect();
    for ev in &mut file.events {
        ev.participants.retain(|p| kept.contains(&p.entity));
        if ev.place.as_ref().is_some_and(|p| !kept.contains(p)) {
            ev.place = None;
        }
    }
    for q in &mut file.quotes {
        if q.speaker.as_ref().is_some_and(|sp| !kept.contains(sp)) {
            q.speaker = None;
        }
    }
}
