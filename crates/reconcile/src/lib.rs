//! Reconcile: resolved entities and events in; claims, discrepancies with verdicts,
//! interventions and the source graph out.
//!
//! - [`claims`]: every attribute value, event date and quote as a claim with its source.
//! - [`discrepancies`]: where values differ, and a judgement of how (see [`Verdict`]).
//! - [`interventions`]: petitions, appeals, requests, statements, protection granted.
//! - [`sources`]: which outlets and agencies each report cites.

use casefile_model::{
    Annotations, Claim, Discrepancy, Document, Intervention, Resolved, SourceLink,
};

pub mod claims;
pub mod discrepancies;
pub mod interventions;
pub mod origins;
pub mod sources;

pub use casefile_model::Verdict;

/// The reports by id (the first of an id), so that a step that follows links into reports
/// looks each up once instead of walking every report.
pub(crate) fn by_id<'a>(
    docs: &[(&'a Document, &'a Annotations)],
) -> std::collections::HashMap<&'a str, (&'a Document, &'a Annotations)> {
    let mut m = std::collections::HashMap::with_capacity(docs.len());
    for &(d, a) in docs {
        m.entry(d.id.as_str()).or_insert((d, a));
    }
    m
}

/// What reconcile adds to the case file.
pub struct Reconciled {
    pub claims: Vec<Claim>,
    pub discrepancies: Vec<Discrepancy>,
    pub interventions: Vec<Intervention>,
    pub sources: Vec<SourceLink>,
    /// For each resolved event (same order): its independent origins.
    pub event_origins: Vec<Vec<String>>,
}

pub fn reconcile(docs: &[(&Document, &Annotations)], resolved: &Resolved) -> Reconciled {
    let origins = origins::Origins::new(docs);
    let mut claims = claims::collect(docs, resolved);
    for c in &mut claims {
        c.origin = origins.of(&c.source);
    }
    let mut discrepancies = discrepancies::find(docs, resolved, &claims);
    for d in &mut discrepancies {
        for v in &mut d.values {
            v.independent_sources = origins.distinct(&v.sources).len();
        }
    }
    let interventions = interventions::find(docs, resolved);
    let sources = sources::collect(docs);
    let event_origins = resolved
        .events
        .iter()
        .map(|e| origins.distinct(&e.sources))
        .collect();
    Reconciled {
        claims,
        discrepancies,
        interventions,
        sources,
        event_origins,
    }
}

#[cfg(test)]
mod tests;
