//! One typed change, from the command line, the JSON API or a page's form, and the one check
//! that turns it into a [`Decision`] or says why not.

use casefile_model::{CaseFile, Decision, EventField, Span, Verdict};
use casefile_store::DecisionRecord;
use serde::Deserialize;

use crate::lookup::{self, MentionRef};
use crate::{DeskError, Result};

/// A change a person asks for. Entities are named by id, name or any alias; events by id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Change {
    /// Two entities are one.
    Merge { a: String, b: String },
    /// Two entities (or two forms of one) are different.
    KeepApart { a: String, b: String },
    /// These mentions of an entity name someone else.
    Split {
        entity: String,
        mentions: Vec<MentionRef>,
    },
    /// Undo an earlier decision, by its number in the log.
    Undo {
        #[serde(deserialize_with = "casefile_model::integral::i64")]
        seq: i64,
    },
    /// Correct a field of an event.
    EditEvent {
        event: String,
        field: EventField,
        value: String,
    },
    /// Give a discrepancy another verdict.
    SetVerdict {
        subject: String,
        attribute: String,
        verdict: Verdict,
    },
    /// The extraction is wrong: drop the entity.
    Reject { entity: String },
    /// The extraction is right.
    Confirm { entity: String },
    /// Protect a person: a public export gives them a pseudonym.
    Protect { entity: String },
    /// A note on an entity or an event.
    Note {
        entity: Option<String>,
        event: Option<String>,
        text: String,
    },
}

fn invalid<T>(m: String) -> Result<T> {
    Err(DeskError::Invalid(m))
}

fn not_found<T>(m: String) -> Result<T> {
    Err(DeskError::NotFound(m))
}

impl Change {
    /// The decision this change records, checked against the case file and the log as they
    /// are: every name must be found, every value must parse, nothing may be a no-op.
    pub fn check(self, file: &CaseFile, log: &[DecisionRecord]) -> Result<Decision> {
        match self {
            Change::Merge { a, b } => merge(file, &a, &b),
            Change::KeepApart { a, b } => keep_apart(file, a, b),
            Change::Split { entity, mentions } => split(file, &entity, &mentions),
            Change::Undo { seq } => undo(log, seq),
            Change::EditEvent {
                event,
                field,
                value,
            } => edit_event(file, &event, field, value),
            Change::SetVerdict {
                subject,
                attribute,
                verdict,
            } => set_verdict(file, subject, attribute, verdict),
            Change::Reject { entity } => Ok(Decision::Reject {
                entity: lookup::entity(file, &entity)?.name.clone(),
            }),
            Change::Confirm { entity } => Ok(Decision::Confirm {
                entity: lookup::entity(file, &entity)?.name.clone(),
            }),
            Change::Protect { entity } => {
                let e = lookup::entity(file, &entity)?;
                if e.protected {
                    return invalid(format!("“{}” is already protected", e.name));
                }
                Ok(Decision::Protect {
                    entity: e.name.clone(),
                })
            }
            Change::Note {
                entity,
                event,
                text,
            } => note(file, entity, event, text),
        }
    }
}

fn merge(file: &CaseFile, a: &str, b: &str) -> Result<Decision> {
    let (ea, eb) = (lookup::entity(file, a)?, lookup::entity(file, b)?);
    if ea.id == eb.id {
        return invalid(format!(
            "“{a}” and “{b}” are already one entity ({})",
            ea.id
        ));
    }
    if ea.kind != eb.kind {
        return invalid(format!(
            "“{a}” is a {} and “{b}” a {}: one entity cannot be both",
            kind_word(ea.kind),
            kind_word(eb.kind)
        ));
    }
    Ok(Decision::Merge {
        a: ea.name.clone(),
        b: eb.name.clone(),
    })
}

fn kind_word(k: casefile_model::EntityKind) -> &'static str {
    use casefile_model::EntityKind::*;
    match k {
        Person => "person",
        Organization => "organisation",
        Place => "place",
        Group => "group",
        Other => "name of another kind",
    }
}

fn keep_apart(file: &CaseFile, a: String, b: String) -> Result<Decision> {
    let (ea, eb) = (lookup::entity(file, &a)?, lookup::entity(file, &b)?);
    Ok(if ea.id == eb.id {
        // two forms of one entity: keep those forms apart
        Decision::KeepApart { a, b }
    } else {
        Decision::KeepApart {
            a: ea.name.clone(),
            b: eb.name.clone(),
        }
    })
}

fn split(file: &CaseFile, entity: &str, mentions: &[MentionRef]) -> Result<Decision> {
    let e = lookup::entity(file, entity)?;
    let mut spans: Vec<Span> = Vec::new();
    for m in mentions {
        let found = lookup::mentions_of(file, e, m)?;
        if found.is_empty() {
            let shown = match m {
                MentionRef::Span(s) => format!("{}:{}-{}", s.doc, s.start, s.end),
                MentionRef::Written(w) => w.clone(),
            };
            return invalid(format!(
                "“{shown}” is not a mention of {}; list its mentions with `casefile entities DB --mentions`",
                e.id
            ));
        }
        for s in found {
            if !spans.contains(&s) {
                spans.push(s);
            }
        }
    }
    if spans.is_empty() {
        return invalid("name the mentions to split off".into());
    }
    if spans.len() == e.mentions.len() {
        return invalid("that would move every mention; nothing to split".into());
    }
    Ok(Decision::Split {
        entity: e.name.clone(),
        mentions: spans,
    })
}

fn undo(log: &[DecisionRecord], seq: i64) -> Result<Decision> {
    match log.iter().find(|r| r.seq == seq) {
        None => not_found(format!(
            "no decision {seq} in this case; list them with `casefile decisions DB`"
        )),
        Some(r) if matches!(r.decision, Decision::Undo { .. }) => {
            invalid(format!("decision {seq} is itself an undo"))
        }
        Some(r) if matches!(r.decision, Decision::RemoveReport { .. }) => invalid(format!(
            "decision {seq} removed a report, whose bytes are gone from the case: add the file again with `casefile add`"
        )),
        Some(_) if log.iter().any(|r| r.decision == Decision::Undo { seq }) => {
            invalid(format!("decision {seq} is already undone"))
        }
        Some(_) => Ok(Decision::Undo { seq }),
    }
}

fn edit_event(file: &CaseFile, event: &str, field: EventField, value: String) -> Result<Decision> {
    let Some(ev) = file.events.iter().find(|e| e.id == event) else {
        return not_found(format!("no event “{event}”"));
    };
    match field {
        EventField::Date if crate::replay::parse_date(&value).is_none() => {
            return invalid(format!(
                "“{value}” is not a date: write 2021, 2021-02 or 2021-02-04"
            ))
        }
        EventField::AddParticipant => {
            let (who, role) = crate::replay::participant(&value);
            lookup::entity(file, who)?;
            role.map_err(DeskError::Invalid)?;
        }
        EventField::RemoveParticipant | EventField::Place => {
            lookup::entity(file, value.trim())?;
        }
        EventField::Type => {
            value
                .trim()
                .parse::<casefile_model::ActKind>()
                .map_err(DeskError::Invalid)?;
        }
        _ => {}
    }
    if value.trim().is_empty() {
        return invalid(format!("an empty {field}"));
    }
    let name = |id: &str| {
        file.entity(id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let before = match field {
        EventField::Date => ev.date.as_ref().map(|d| d.value.clone()),
        EventField::Type => Some(ev.r#type.to_string()),
        EventField::Place => ev.place.as_deref().map(name),
        EventField::AddParticipant | EventField::RemoveParticipant => Some(
            ev.participants
                .iter()
                .map(|p| format!("{}:{}", name(&p.entity), p.role))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    };
    Ok(Decision::EditEvent {
        event: ev.sources[0].clone(),
        field,
        value,
        before,
    })
}

fn set_verdict(
    file: &CaseFile,
    subject: String,
    attribute: String,
    verdict: Verdict,
) -> Result<Decision> {
    let Some(d) = file
        .discrepancies
        .iter()
        .find(|d| d.subject == subject && d.attribute == attribute)
    else {
        return not_found(format!("no discrepancy on “{attribute}” of “{subject}”"));
    };
    Ok(Decision::SetVerdict {
        subject,
        attribute,
        verdict,
        before: Some(d.verdict),
    })
}

fn note(
    file: &CaseFile,
    entity: Option<String>,
    event: Option<String>,
    text: String,
) -> Result<Decision> {
    if text.trim().is_empty() {
        return invalid("an empty note".into());
    }
    let entity = match entity.filter(|e| !e.is_empty()) {
        Some(e) => Some(lookup::entity(file, &e)?.name.clone()),
        None => None,
    };
    let event = match event.filter(|e| !e.is_empty()) {
        Some(id) => match file.events.iter().find(|e| e.id == id) {
            Some(e) => Some(e.sources[0].clone()),
            None => return not_found(format!("no event “{id}”")),
        },
        None => None,
    };
    if entity.is_none() && event.is_none() {
        return invalid("a note needs an entity or an event".into());
    }
    Ok(Decision::Note {
        entity,
        event,
        text,
    })
}
