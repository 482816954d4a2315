//! Evidence kept as it came: web pages captured by address (with their WARC records), and the
//! check that every stored report is still the bytes that were stored, as the custody log says.

use casefile_capture::{CaptureError, Options};
use casefile_store::{Added, Capture, Store};

use crate::{Desk, Result};

/// What capturing a list of addresses did: one line for each address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captures {
    /// Addresses captured and stored as a new report: (address, report id, SHA-256 of the page).
    pub new: Vec<(String, String, String)>,
    /// Addresses captured whose page was already a report of the case (the capture is kept, as
    /// evidence the page still said the same): (address, report id, path first stored under).
    pub same: Vec<(String, String, String)>,
    /// Addresses not captured, and why (one line each).
    pub failed: Vec<(String, String)>,
}

/// Who watches a capture.
pub trait CaptureObserver {
    fn fetching(&mut self, _url: &str) {}
    fn done(&mut self, _url: &str, _outcome: &str) {}
}

impl CaptureObserver for crate::Quiet {}

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verification {
    pub reports: usize,
    pub captures: usize,
    /// Entries of the custody log and the decision log.
    pub custody_entries: i64,
    pub decisions: i64,
    /// What differs, one line each; empty when everything holds.
    pub problems: Vec<String>,
    /// What a reader should know that is not a fault (reports stored before the custody log).
    pub notes: Vec<String>,
}

impl<S: Store> Desk<S> {
    /// Capture each address: fetch it, keep the WARC records, ingest the page as a report, and
    /// log the capture in the custody log, all in one transaction per address. An address that
    /// fails is named with its reason and the others go on; nothing of it is stored.
    pub fn capture(
        &mut self,
        urls: &[String],
        opts: &Options,
        by: &str,
        obs: &mut dyn CaptureObserver,
    ) -> Result<Captures> {
        let mut out = Captures::default();
        for url in urls {
            obs.fetching(url);
            let line = match self.capture_one(url, opts, by) {
                Ok((doc, sha, Added::New)) => {
                    out.new.push((url.clone(), doc.clone(), sha));
                    format!("captured as report {doc}")
                }
                Ok((doc, _, Added::Duplicate { path })) => {
                    out.same.push((url.clone(), doc.clone(), path.clone()));
                    format!("captured again; the page is the same bytes as report {doc} ({path})")
                }
                Err(why) => {
                    self.store.record_failure(self.case, url, &why)?;
                    out.failed.push((url.clone(), why.clone()));
                    why
                }
            };
            obs.done(url, &line);
        }
        Ok(out)
    }

    /// One address: Ok((report id, page SHA-256, what storing did)) or the one-line reason.
    fn capture_one(
        &mut self,
        url: &str,
        opts: &Options,
        by: &str,
    ) -> std::result::Result<(String, String, Added), String> {
        let c = casefile_capture::capture(url, opts).map_err(|e: CaptureError| e.to_string())?;
        let mut doc = casefile_ingest::ingest_fetched(
            &c.url,
            &c.page,
            c.content_type.as_deref(),
            c.charset.as_deref(),
        )
        .map_err(|e| format!("captured, but {e}: nothing kept"))?;
        if doc.url.is_none() {
            doc.url = Some(c.url.clone());
        }
        doc.notes.push(format!(
            "captured from {} at {} (UTC); the HTTP exchange is kept as WARC records (SHA-256 {})",
            c.url, c.captured_at, c.warc_sha256
        ));
        let record = Capture {
            doc: doc.id.clone(),
            requested: c.requested.clone(),
            url: c.url.clone(),
            captured_at: c.captured_at.clone(),
            warc: c.warc,
            warc_sha256: c.warc_sha256,
        };
        let added = self
            .store
            .add_capture(self.case, &c.page, &doc, &record, by)
            .map_err(|e| format!("captured, but it could not be stored: {e}"))?;
        Ok((doc.id, doc.sha256, added))
    }

    /// Every capture's WARC records, one after the other (a valid .warc.gz file).
    pub fn warc(&self) -> Result<(usize, Vec<u8>)> {
        let captures = self.store.captures(self.case)?;
        let mut out = Vec::new();
        for c in &captures {
            out.extend_from_slice(&c.warc);
        }
        Ok((captures.len(), out))
    }

    /// Check every stored report's bytes against the SHA-256 recorded when it was stored and
    /// against the custody log; every capture's WARC against its hash and digests; and both
    /// hash-chained logs.
    pub fn verify(&self) -> Result<Verification> {
        let mut v = Verification::default();
        let custody = self.store.custody(self.case)?;
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        let mut reports = 0;
        self.store.each_original(self.case, &mut |r| {
            reports += 1;
            let now = casefile_ingest::sha256_hex(r.bytes);
            if now != r.sha256 {
                problems.push(format!(
                    "report {} ({}): its stored bytes are not the bytes stored (SHA-256 recorded {}, now {})",
                    r.doc, r.path, r.sha256, now
                ));
            }
            let logged: Vec<&str> = custody
                .iter()
                .filter(|c| c.entry.doc() == r.doc)
                .map(|c| c.entry.sha256())
                .collect();
            if logged.is_empty() {
                notes.push(format!(
                    "report {} ({}): no custody entry (stored before casefile kept a custody log)",
                    r.doc, r.path
                ));
            } else if logged.iter().any(|s| *s != r.sha256) {
                problems.push(format!(
                    "report {} ({}): the SHA-256 recorded with it differs from the custody log's",
                    r.doc, r.path
                ));
            }
        })?;
        v.reports = reports;
        for c in self.store.captures(self.case)? {
            v.captures += 1;
            let now = casefile_ingest::sha256_hex(&c.warc);
            let logged = custody.iter().any(|e| {
                matches!(&e.entry, casefile_model::Custody::Capture { warc_sha256, doc, .. }
                    if *warc_sha256 == c.warc_sha256 && *doc == c.doc)
            });
            if now != c.warc_sha256 {
                problems.push(format!(
                    "capture of {} ({}): its WARC records are not the ones stored (SHA-256 recorded {}, now {})",
                    c.url, c.captured_at, c.warc_sha256, now
                ));
            } else if !logged {
                problems.push(format!(
                    "capture of {} ({}): not in the custody log",
                    c.url, c.captured_at
                ));
            }
            if let Err(e) = casefile_capture::warc::read_all(&c.warc) {
                problems.push(format!("capture of {} ({}): {e}", c.url, c.captured_at));
            }
        }
        let audit = self.store.verify_audit()?;
        v.decisions = audit.entries;
        v.custody_entries = audit.custody_entries;
        problems.extend(audit.problems);
        v.problems = problems;
        v.notes = notes;
        Ok(v)
    }
}
