//! Anchors: where the decision log and the custody log stood at a moment, written out to be
//! kept somewhere else (handed to a colleague, printed, mailed to oneself). Each log is a hash
//! chain, so someone who holds the passphrase could rewrite entries and recompute every hash
//! after them, or cut the last entries: the logs would still verify. Against an anchor they do
//! not: the entry the anchor names must still be there with the same hash.

use casefile_store::{Head, Log, Store};
use serde::{Deserialize, Serialize};

use crate::{DeskError, Result};

/// Where both logs stood when the anchor was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The anchor format's version (1).
    pub casefile_anchor: u32,
    /// When it was made, UTC.
    pub made_at: String,
    pub decisions: Head,
    pub custody: Head,
    /// How many of the anchored decisions carried their author's valid signature.
    #[serde(default)]
    pub signed_decisions: i64,
    /// Every author's public key on record: (account, key hex).
    #[serde(default)]
    pub keys: Vec<(String, String)>,
}

/// An anchor for the logs of `store` as they stand.
pub fn anchor(store: &impl Store) -> Result<Anchor> {
    Ok(Anchor {
        casefile_anchor: 1,
        made_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        decisions: store.head(Log::Decisions)?,
        custody: store.head(Log::Custody)?,
        signed_decisions: store.signed_up_to(i64::MAX)?,
        keys: store.keys()?,
    })
}

/// Read an anchor written by [`anchor`].
pub fn read_anchor(text: &str) -> Result<Anchor> {
    let a: Anchor = serde_json::from_str(text).map_err(|e| {
        DeskError::Invalid(format!(
            "not a casefile anchor ({e}); make one with `casefile audit anchor DB`"
        ))
    })?;
    if a.casefile_anchor != 1 {
        return Err(DeskError::Invalid(format!(
            "an anchor of version {} is newer than this casefile reads",
            a.casefile_anchor
        )));
    }
    Ok(a)
}

/// What differs between the logs and an anchor: one line each, empty when both logs still hold
/// the anchored entries unchanged (entries added since are checked by the chain itself).
pub fn check_anchor(store: &impl Store, anchor: &Anchor) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (log, name, at) in [
        (Log::Decisions, "decision log", &anchor.decisions),
        (Log::Custody, "custody log", &anchor.custody),
    ] {
        if at.entries == 0 {
            continue;
        }
        let now = store.head(log)?;
        match store.hash_at(log, at.entries)? {
            _ if now.entries < at.entries => problems.push(format!(
                "the {name} holds {} entries but held {} when anchored ({}): entries were cut",
                now.entries, at.entries, anchor.made_at
            )),
            Some(h) if h == at.hash => {}
            _ => problems.push(format!(
                "entry {} of the {name} is not the one anchored ({}): the log was rewritten at or before it",
                at.entries, anchor.made_at
            )),
        }
    }
    if anchor.decisions.entries > 0 {
        let now = store.signed_up_to(anchor.decisions.entries)?;
        if now < anchor.signed_decisions {
            problems.push(format!(
                "{} of the anchored decisions carried their author's signature, {now} do now: signatures were removed or broken",
                anchor.signed_decisions
            ));
        }
    }
    let keys = store.keys()?;
    for (name, key) in &anchor.keys {
        if !keys.iter().any(|(n, k)| n == name && k == key) {
            problems.push(format!(
                "the signing key {name} had when anchored is no longer on record: the accounts' keys were changed"
            ));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use casefile_model::{Decision, Document};

    #[test]
    fn an_anchor_holds_while_the_log_only_grows() {
        let mut store = casefile_store::in_memory().unwrap();
        let case = store.case("c").unwrap();
        let doc = Document::from_text("d1", "a.txt", "Some text.");
        store.add_report(case, b"Some text.", &doc, "t").unwrap();
        let note = |t: &str| Decision::Note {
            entity: None,
            event: None,
            text: t.into(),
        };
        store.add_decision(case, &note("one"), "t", None).unwrap();
        let a = anchor(&store).unwrap();
        assert_eq!(a.decisions.entries, 1);
        assert_eq!(a.custody.entries, 1);
        let back = read_anchor(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        store.add_decision(case, &note("two"), "t", None).unwrap();
        assert!(check_anchor(&store, &a).unwrap().is_empty());
        // an anchor from a longer log: this one was cut
        let mut later = anchor(&store).unwrap();
        later.decisions.entries = 5;
        let p = check_anchor(&store, &later).unwrap();
        assert!(p[0].contains("entries were cut"), "{p:?}");
        // an anchor whose entry differs: rewritten
        let mut other = a.clone();
        other.decisions.hash = "0".repeat(64);
        let p = check_anchor(&store, &other).unwrap();
        assert!(p[0].contains("rewritten"), "{p:?}");
        assert!(read_anchor("{}").is_err());
    }
}
