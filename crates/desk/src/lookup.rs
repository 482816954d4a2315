//! Finding things in a case file the way people name them.

use casefile_model::{CaseFile, Entity, Span};

use crate::{DeskError, Result};
use serde::Deserialize;

/// A mention named by its span, or by a form it is written in (every mention written that way),
/// or as `DOC:START-END` with the document id shortened as the command line lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum MentionRef {
    Span(Span),
    Written(String),
}

/// The entity `what` names: its id, its name or any alias (letter case aside). Two entities
/// answering to one name is an error that lists their ids.
pub fn entity<'a>(file: &'a CaseFile, what: &str) -> Result<&'a Entity> {
    let hits = matching(file, what);
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(DeskError::NotFound(format!(
            "no entity “{what}” in the case; list them with `casefile entities DB`"
        ))),
        many => Err(DeskError::Invalid(format!(
            "“{what}” names {} entities ({}); use an id",
            many.len(),
            many.iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Every entity that answers to `what` (id, name or alias, letter case aside).
pub fn matching<'a>(file: &'a CaseFile, what: &str) -> Vec<&'a Entity> {
    let w = what.to_lowercase();
    file.entities
        .iter()
        .filter(|e| {
            e.id == what
                || e.name.to_lowercase() == w
                || e.aliases.iter().any(|a| a.to_lowercase() == w)
        })
        .collect()
}

/// The mentions of `e` that `m` names: a span that must be one of them, `DOC:START-END` (the
/// document id may be shortened), or a written form (every mention written so).
pub fn mentions_of(file: &CaseFile, e: &Entity, m: &MentionRef) -> Result<Vec<Span>> {
    let span = match m {
        MentionRef::Span(s) => Some(s.clone()),
        MentionRef::Written(w) => parse_span(file, w),
    };
    match span {
        Some(sp) if e.mentions.contains(&sp) => Ok(vec![sp]),
        Some(sp) => Err(DeskError::Invalid(format!(
            "{}:{}-{} is not a mention of {}",
            sp.doc, sp.start, sp.end, e.id
        ))),
        None => {
            let MentionRef::Written(w) = m else {
                unreachable!("a span is always Some")
            };
            Ok(e.mentions
                .iter()
                .filter(|sp| file.span_text(sp).eq_ignore_ascii_case(w))
                .cloned()
                .collect())
        }
    }
}

/// `DOC:START-END`, the document id possibly shortened to a prefix.
fn parse_span(file: &CaseFile, s: &str) -> Option<Span> {
    let (d, r) = s.split_once(':')?;
    let (start, end) = r.split_once('-')?;
    let doc = file.documents.iter().find(|x| x.id.starts_with(d))?;
    Some(Span::new(
        doc.id.clone(),
        start.parse().ok()?,
        end.parse().ok()?,
    ))
}
