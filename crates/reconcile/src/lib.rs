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
pub mod sources;

pub use casefile_model::Verdict;

/// What reconcile adds to the case file.
pub struct Reconciled {
    pub claims: Vec<Claim>,
    pub discrepancies: Vec<Discrepancy>,
    pub interventions: Vec<Intervention>,
    pub sources: Vec<SourceLink>,
}

pub fn reconcile(docs: &[(&Document, &Annotations)], resolved: &Resolved) -> Reconciled {
    let claims = claims::collect(docs, resolved);
    let discrepancies = discrepancies::find(docs, resolved, &claims);
    let interventions = interventions::find(docs, resolved);
    let sources = sources::collect(docs);
    Reconciled {
        claims,
        discrepancies,
        interventions,
        sources,
    }
}
