//! Resolve: the annotations of many reports in, one entity per real-world person,
//! organisation and place, one event per happening out ([`Resolved`]).
//!
//! Name matching itself lives in the `casefile-names` crate.
//! - [`entities`]: entity resolution within and across reports, with explanations.
//! - [`events`]: event coreference across reports.

use casefile_model::{Annotations, Decision, Document, EntityKind, Resolved};

pub mod entities;
pub mod events;

/// Resolve all documents. `demonym` tells whether a word is a nationality or place adjective
/// (the annotator's lexicon knows).
pub fn resolve(
    docs: &[(&Document, &Annotations)],
    decisions: &[Decision],
    demonym: &dyn Fn(&str) -> bool,
) -> Resolved {
    let (entities, mut links) = entities::resolve(docs, decisions, demonym);
    links.sort_by(|a, b| (a.doc.as_str(), a.mention).cmp(&(b.doc.as_str(), b.mention)));
    let names: std::collections::HashMap<&str, &str> = entities
        .iter()
        .rev()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let name = |id: &str| names.get(id).map(|n| n.to_string()).unwrap_or_default();
    let mut told = events::resolve(docs, &links, &name);
    // an act takes place at a place: not at what one report read as a place and the case as
    // something else ("a reporter for Free Voice", the outlet)
    let places: std::collections::HashSet<&str> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Place)
        .map(|e| e.id.as_str())
        .collect();
    for ev in &mut told.events {
        if ev.place.as_deref().is_some_and(|p| !places.contains(p)) {
            ev.place = None;
        }
    }
    Resolved {
        entities,
        events: told.events,
        links,
        event_members: told.members,
        not_in_chain: told.not_in_chain,
    }
}
