//! Adding reports to a case: each found, read, ingested and annotated (several at once, one
//! per core), and stored with its custody entry and its annotations in batches of [`BATCH`],
//! each batch one transaction: all of a batch is stored or none, and what an earlier batch
//! stored stays. The batches are stored in the files' order on this thread while the other
//! threads go on reading. A report that cannot be read is named with the reason and recorded;
//! the others go on.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use casefile_model::{Annotations, Document};
use casefile_store::{Added, Store};

use crate::{Desk, DeskError, Result};

/// Reports stored in one transaction by [`Desk::add_reports`].
pub const BATCH: usize = 64;

/// A file read: its bytes, its document and (when asked for) its annotations; or why it could
/// not be read.
type Read = std::result::Result<(Vec<u8>, Document, Option<Annotations>), String>;

/// Read one file; annotate it when `annotate` and the case does not hold it already (`stored`:
/// the ids of the case's reports).
fn read_one(f: &std::path::Path, annotate: bool, stored: &HashSet<String>) -> Read {
    let shown = f.display().to_string();
    let bytes = casefile_ingest::read_bytes(f).map_err(|e| e.to_string())?;
    let doc = casefile_ingest::ingest(&shown, &bytes).map_err(|e| e.to_string())?;
    // the pipeline's own annotator, so that a build given these is the build that annotates
    let ann = (annotate && !stored.contains(&doc.id)).then(|| casefile_pipeline::annotate(&doc));
    Ok((bytes, doc, ann))
}

/// Read, ingest and (with `annotate`) annotate `files` on one thread per core, handing each
/// result to `take` on this thread in the files' order as soon as it and every one before it
/// are done, while the other threads go on. An error from `take` stops the reading and is
/// returned.
fn read_in_order(
    files: &[PathBuf],
    annotate: bool,
    stored: &HashSet<String>,
    take: &mut dyn FnMut(usize, Read) -> Result<()>,
) -> Result<()> {
    let threads = casefile_pipeline::jobs().min(files.len()).max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Read)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            s.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    if tx.send((i, read_one(f, annotate, stored))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, Read> = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                if let Err(e) = take(want, r) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(e);
                }
                want += 1;
            }
        }
        Ok(())
    })
}

/// What adding a set of paths did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intake {
    /// Reports stored for the first time.
    pub new: usize,
    /// Reports whose bytes were already in the case.
    pub duplicate: usize,
    /// Files that could not be read: (path as shown, reason).
    pub failed: Vec<(String, String)>,
    /// Reports annotated by this add: those new to the case, and any whose stored annotations
    /// were made by another version of the annotator.
    pub annotated: usize,
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
        // annotated as they are read, unless workers elsewhere will (a team's queue)
        let annotate = self.store.queue().is_none();
        let stored: HashSet<String> = self.store.report_ids(self.case)?.into_iter().collect();
        let mut batch: Vec<(usize, Vec<u8>, Document, Option<Annotations>)> = Vec::new();
        let last = files.len().saturating_sub(1);
        read_in_order(&files, annotate, &stored, &mut |i, read| {
            let shown = files[i].display().to_string();
            match read {
                Ok((bytes, doc, ann)) => batch.push((i, bytes, doc, ann)),
                Err(msg) => {
                    obs.failed(&shown, &msg);
                    self.store.record_failure(self.case, &shown, &msg)?;
                    intake.failed.push((shown, msg));
                    obs.done_one();
                }
            }
            if batch.len() == BATCH || (i == last && !batch.is_empty()) {
                let first = batch[0].0;
                if let Err(cause) = self.store_batch(&files, &mut batch, by, &mut intake, obs) {
                    return Err(match cause {
                        // the store failed (held by another writer too long, the disk full):
                        // what earlier batches stored stays, and the caller says so
                        DeskError::Store(cause) if intake.new > 0 => DeskError::Partial {
                            stored: intake.new,
                            left: files.len() - first,
                            cause,
                        },
                        e => e,
                    });
                }
            }
            Ok(())
        })
        .inspect_err(|_| obs.finish())?;
        obs.finish();
        Ok(intake)
    }

    /// Store one batch of reports read (in one transaction), then the annotations of those new
    /// to the case, which the next rebuild takes from memory.
    fn store_batch(
        &mut self,
        files: &[PathBuf],
        batch: &mut Vec<(usize, Vec<u8>, Document, Option<Annotations>)>,
        by: &str,
        intake: &mut Intake,
        obs: &mut dyn Observer,
    ) -> Result<()> {
        let reports: Vec<(&[u8], &Document)> = batch
            .iter()
            .map(|(_, bytes, doc, _)| (bytes.as_slice(), doc))
            .collect();
        let added = self.store.add_reports(self.case, &reports, by)?;
        let mut made: HashMap<String, Annotations> = HashMap::new();
        for ((i, _, doc, ann), a) in batch.drain(..).zip(added) {
            let shown = files[i].display().to_string();
            obs.reading(&shown);
            match a {
                Added::New => {
                    intake.new += 1;
                    if let Some(ann) = ann {
                        intake.annotated += 1;
                        made.insert(doc.id.clone(), ann);
                    }
                }
                Added::Duplicate { path } => {
                    obs.duplicate(&shown, &path);
                    intake.duplicate += 1;
                }
            }
            obs.done_one();
        }
        if !made.is_empty() {
            let rows: Vec<(&str, &Annotations)> =
                made.iter().map(|(id, a)| (id.as_str(), a)).collect();
            self.store
                .save_annotations(self.case, crate::ANNOTATOR_VERSION, &rows)?;
            self.fresh.extend(made);
        }
        Ok(())
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
            Ok(file) => {
                let mut intake = intake;
                intake.annotated += self.last.annotated;
                Ok((intake, file))
            }
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
