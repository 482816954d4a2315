//! Adding reports to a case: each found, read, ingested and stored in its own transaction.
//! A report that cannot be read is named with the reason and recorded; the others go on.

use std::path::PathBuf;

use casefile_store::{Added, Store};

use crate::{Desk, DeskError, Result};

/// What adding a set of paths did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intake {
    /// Reports stored for the first time.
    pub new: usize,
    /// Reports whose bytes were already in the case.
    pub duplicate: usize,
    /// Files that could not be read: (path as shown, reason).
    pub failed: Vec<(String, String)>,
}

/// Who watches an intake: a progress bar at a terminal, nothing in a pipe.
pub trait Observer {
    /// `n` files are about to be read.
    fn start(&mut self, _n: usize) {}
    /// This file is being read.
    fn reading(&mut self, _path: &str) {}
    /// A file was read (stored, skipped or failed).
    fn done_one(&mut self) {}
    /// A file could not be read, and why ("the file is empty").
    fn failed(&mut self, path: &str, reason: &str);
    /// A file's bytes are already in the case, stored from `first`.
    fn duplicate(&mut self, _path: &str, _first: &str) {}
    /// All files were read.
    fn finish(&mut self) {}
}

/// An observer that says nothing.
pub struct Quiet;

impl Observer for Quiet {
    fn failed(&mut self, _path: &str, _reason: &str) {}
}

impl<S: Store> Desk<S> {
    /// Find the reports under `paths`, ingest each and store it in its own transaction. Failures
    /// are told to `obs` (one line each) and recorded; they never stop the others. Each report
    /// stored is an entry of the chain of custody, made by `by`.
    pub fn add_reports(
        &mut self,
        paths: &[PathBuf],
        by: &str,
        obs: &mut dyn Observer,
    ) -> Result<Intake> {
        let (files, path_errors) = casefile_ingest::discover(paths);
        let mut intake = Intake::default();
        for e in path_errors {
            let (p, msg) = (e.path.display().to_string(), e.error.to_string());
            obs.failed(&p, &msg);
            self.store.record_failure(self.case, &p, &msg)?;
            intake.failed.push((p, msg));
        }
        obs.start(files.len());
        for (i, f) in files.iter().enumerate() {
            let shown = f.display().to_string();
            obs.reading(&shown);
            let outcome = casefile_ingest::read_bytes(f)
                .and_then(|bytes| casefile_ingest::ingest(&shown, &bytes).map(|d| (bytes, d)));
            match outcome {
                Ok((bytes, doc)) => match self.store.add_report(self.case, &bytes, &doc, by) {
                    Ok(Added::New) => intake.new += 1,
                    Ok(Added::Duplicate { path }) => {
                        obs.duplicate(&shown, &path);
                        intake.duplicate += 1;
                    }
                    // the store failed (held by another writer too long, the disk full):
                    // what is stored stays, and the caller says so
                    Err(cause) if intake.new > 0 => {
                        obs.finish();
                        return Err(DeskError::Partial {
                            stored: intake.new,
                            left: files.len() - i,
                            cause,
                        });
                    }
                    Err(cause) => return Err(cause.into()),
                },
                Err(e) => {
                    let msg = e.to_string();
                    obs.failed(&shown, &msg);
                    self.store.record_failure(self.case, &shown, &msg)?;
                    intake.failed.push((shown, msg));
                }
            }
            obs.done_one();
        }
        obs.finish();
        Ok(intake)
    }

    /// Add reports and rebuild the case file. Refused when this call read no report at all
    /// (every path failed): the case is left as it was. On a team database the reports go
    /// through its ingest queue ([`Desk::add_through_queue`]), which workers share.
    pub fn add_and_rebuild(
        &mut self,
        paths: &[PathBuf],
        by: &str,
        obs: &mut dyn Observer,
    ) -> Result<(Intake, casefile_model::CaseFile)> {
        if self.store.queue().is_some() {
            return self.add_through_queue(paths, by, obs);
        }
        let intake = self.add_reports(paths, by, obs)?;
        if intake.new == 0 && intake.duplicate == 0 {
            return Err(DeskError::Nothing(
                "nothing could be ingested: no report was read (see the lines above)".into(),
            ));
        }
        match self.rebuild() {
            Ok(file) => Ok((intake, file)),
            // the reports are stored; the case file is rebuilt at the next add, export or serve
            Err(DeskError::Store(cause)) if intake.new > 0 => Err(DeskError::Partial {
                stored: intake.new,
                left: 0,
                cause,
            }),
            Err(e) => Err(e),
        }
    }

    /// Take a report out of the case, named by its id, its path as added, or its file name:
    /// its bytes are deleted and a [`Decision::RemoveReport`](casefile_model::Decision) with its
    /// SHA-256 is logged in the same transaction; then the case file is rebuilt without it.
    /// The owner's alone.
    pub fn remove_report(
        &mut self,
        which: &str,
        reason: Option<String>,
        actor: &crate::Actor,
    ) -> Result<(casefile_model::Decision, casefile_model::CaseFile)> {
        actor.require(casefile_model::Permission::Administer)?;
        let docs = self.store.documents(self.case)?;
        let file_name = |p: &str| {
            std::path::Path::new(p)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
        };
        let by_id_or_path: Vec<_> = docs
            .iter()
            .filter(|d| d.id == which || d.path == which)
            .collect();
        let found = if by_id_or_path.is_empty() {
            docs.iter()
                .filter(|d| file_name(&d.path).as_deref() == Some(which))
                .collect()
        } else {
            by_id_or_path
        };
        let doc = match found.as_slice() {
            [d] => *d,
            [] => {
                return Err(DeskError::Invalid(format!(
                    "no report “{which}” in this case: name it by its id or its path, as `casefile export DB --format json` lists them"
                )))
            }
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|d| format!("{} ({})", d.id, d.path))
                    .collect();
                return Err(DeskError::Invalid(format!(
                    "“{which}” names {} reports: {}; name one by its id",
                    many.len(),
                    list.join(", ")
                )));
            }
        };
        let decision = casefile_model::Decision::RemoveReport {
            doc: doc.id.clone(),
            path: doc.path.clone(),
            sha256: doc.sha256.clone(),
            size: doc.size,
            reason: reason.filter(|r| !r.trim().is_empty()),
        };
        if !self.store.remove_report(
            self.case,
            &doc.id,
            &decision,
            &actor.name,
            actor.signer.as_ref(),
        )? {
            return Err(DeskError::Invalid(format!(
                "no report “{which}” in this case"
            )));
        }
        Ok((decision, self.rebuild()?))
    }
}
