//! Moving cases between stores: a case file on a laptop to a team's server (`casefile
//! migrate`), a server's cases to an encrypted file and back (`casefile backup` / `restore`).
//!
//! A case is copied in the order of its custody log: every report stored (its original bytes,
//! its document, a captured page's WARC records) is stored again in the target with the same
//! author, so the target's custody log lists the same reports in the same order; then every
//! decision, in order, with its author. Each store keeps its own hash chains, and both verify
//! after the copy. What a new chain cannot carry over: the times of the entries (they are the
//! copy's) and the authors' signatures (made over the source's entry hashes, by keys the copy
//! does not hold); the source's log heads are returned, to be kept beside the copy. Accounts
//! are not copied: they are the people of one store.

use std::collections::HashMap;

use casefile_model::Custody;
use casefile_store::{Head, Log, Store};

use crate::{DeskError, Result};

/// What was copied of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub case: String,
    pub reports: usize,
    pub captures: usize,
    pub decisions: usize,
    /// Reports the source's custody log names but no longer holds (removed, and logged so).
    pub removed: usize,
    /// Where the source's decision log and custody log stood (the whole store's).
    pub source_decisions: Head,
    pub source_custody: Head,
}

/// Copy every case of `from` (or only `only`) into `to`. Refused, copying nothing of that case,
/// when the target already holds a case of the same name with reports or decisions in it.
pub fn copy_cases(
    from: &mut impl Store,
    to: &mut impl Store,
    only: Option<&str>,
) -> Result<Vec<Copied>> {
    let names: Vec<String> = match only {
        Some(n) => vec![n.to_string()],
        None => from.cases()?,
    };
    if let Some(n) = only {
        if !from.cases()?.iter().any(|c| c == n) {
            return Err(DeskError::Invalid(format!("no case named “{n}” to copy")));
        }
    }
    for name in &names {
        if to.cases()?.iter().any(|c| c == name) {
            let case = to.case(name)?;
            if !to.report_ids(case)?.is_empty() || !to.decisions(case)?.is_empty() {
                return Err(DeskError::Invalid(format!(
                    "the target already holds a case named “{name}” with reports or decisions: nothing was copied"
                )));
            }
        }
    }
    names.iter().map(|n| copy_case(from, to, n)).collect()
}

fn copy_case(from: &mut impl Store, to: &mut impl Store, name: &str) -> Result<Copied> {
    let source = from.case(name)?;
    let target = to.case(name)?;
    let (source_decisions, source_custody) = (from.head(Log::Decisions)?, from.head(Log::Custody)?);
    let docs: HashMap<String, casefile_model::Document> = from
        .documents(source)?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let captures: HashMap<String, casefile_store::Capture> = from
        .captures(source)?
        .into_iter()
        .map(|c| (c.doc.clone(), c))
        .collect();
    let mut copied = Copied {
        case: name.to_string(),
        reports: 0,
        captures: 0,
        decisions: 0,
        removed: 0,
        source_decisions,
        source_custody,
    };
    for record in from.custody(source)? {
        let doc_id = record.entry.doc().to_string();
        let (Some(doc), Some(bytes)) = (docs.get(&doc_id), from.original(source, &doc_id)?) else {
            copied.removed += 1;
            continue;
        };
        match (&record.entry, captures.get(&doc_id)) {
            (Custody::Capture { .. }, Some(capture)) => {
                to.add_capture(target, &bytes, doc, capture, &record.made_by)?;
                copied.captures += 1;
            }
            _ => {
                to.add_report(target, &bytes, doc, &record.made_by)?;
            }
        }
        copied.reports += 1;
    }
    for record in from.decisions(source)? {
        to.add_decision(target, &record.decision, &record.made_by, None)?;
        copied.decisions += 1;
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use casefile_model::Decision;

    #[test]
    fn a_case_is_copied_with_its_reports_and_decisions_in_order() {
        let mut from = casefile_store::in_memory().unwrap();
        let case = from.case("c").unwrap();
        for (i, text) in ["Salekh Magamadov was seized.", "Ismail Isaev was seized."]
            .iter()
            .enumerate()
        {
            let doc = casefile_ingest::ingest(&format!("r{i}.txt"), text.as_bytes()).unwrap();
            from.add_report(case, text.as_bytes(), &doc, &format!("author{i}"))
                .unwrap();
        }
        let merge = Decision::Merge {
            a: "A".into(),
            b: "B".into(),
        };
        from.add_decision(case, &merge, "ana", None).unwrap();
        let mut to = casefile_store::in_memory().unwrap();
        let copied = copy_cases(&mut from, &mut to, None).unwrap();
        assert_eq!(
            (copied[0].reports, copied[0].decisions, copied[0].removed),
            (2, 1, 0)
        );
        let t = to.case("c").unwrap();
        assert_eq!(to.report_ids(t).unwrap(), from.report_ids(case).unwrap());
        let custody = to.custody(t).unwrap();
        assert_eq!(custody[1].made_by, "author1", "the same authors, in order");
        assert_eq!(to.decisions(t).unwrap()[0].decision, merge);
        assert!(to.verify_audit().unwrap().problems.is_empty());
        // a second copy into the same target is refused
        assert!(copy_cases(&mut from, &mut to, None).is_err());
        assert!(copy_cases(&mut from, &mut to, Some("nope")).is_err());
    }
}
