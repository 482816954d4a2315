//! Shared ingest on a team database. `add` puts reports on the store's queue
//! ([`casefile_store::JobQueue`]); workers on any machine ([`work`]) take them one at a time,
//! read them and store them, each in one transaction with its custody entry. A worker that dies
//! mid-job loses nothing: its lease runs out and another takes the job; the same bytes are
//! stored once however many times they are worked.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use casefile_store::{Added, Store};

use crate::intake::{Intake, Observer};
use crate::{Desk, DeskError, Result};

/// How long a job is a worker's before another may take it: 60 s, or `CASEFILE_LEASE` seconds.
pub fn lease() -> Duration {
    let secs = std::env::var("CASEFILE_LEASE")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(60);
    Duration::from_secs(secs)
}

fn no_queue() -> DeskError {
    DeskError::Invalid(
        "this database has no ingest queue: workers serve a team's database (postgres://…); a case file on disk reads its reports in `add`".into(),
    )
}

impl<S: Store> Desk<S> {
    /// Put the reports under `paths` on the queue instead of reading them here. `Intake::new`
    /// counts the reports queued; files that cannot be opened are failures as in
    /// [`Desk::add_reports`].
    pub fn enqueue_reports(
        &mut self,
        paths: &[PathBuf],
        by: &str,
        obs: &mut dyn Observer,
    ) -> Result<Intake> {
        let case = self.case;
        let (files, path_errors) = casefile_ingest::discover(paths);
        let mut intake = Intake::default();
        for e in path_errors {
            let (p, msg) = (e.path.display().to_string(), e.error.to_string());
            obs.failed(&p, &msg);
            self.store.record_failure(case, &p, &msg)?;
            intake.failed.push((p, msg));
        }
        obs.start(files.len());
        for f in &files {
            let shown = f.display().to_string();
            obs.reading(&shown);
            match casefile_ingest::read_bytes(f) {
                Ok(bytes) => {
                    let queue = self.store.queue().ok_or_else(no_queue)?;
                    queue.enqueue(case, &shown, &bytes, by)?;
                    intake.new += 1;
                }
                Err(e) => {
                    let msg = e.to_string();
                    obs.failed(&shown, &msg);
                    self.store.record_failure(case, &shown, &msg)?;
                    intake.failed.push((shown, msg));
                }
            }
            obs.done_one();
        }
        obs.finish();
        Ok(intake)
    }

    /// Add reports through the queue (a team database): queue them, work through the queue
    /// alongside any workers until none of this case's reports waits, then rebuild.
    pub fn add_through_queue(
        &mut self,
        paths: &[PathBuf],
        by: &str,
        obs: &mut dyn Observer,
    ) -> Result<(Intake, casefile_model::CaseFile)> {
        let queued = self.enqueue_reports(paths, by, obs)?;
        // work on the queue; then wait for jobs other workers hold (a dead worker's lease runs
        // out, and then they are ours), working again each time
        let (worker, deadline) = (format!("add:{by}"), Instant::now() + lease() * 3);
        let mut done = Intake::default();
        loop {
            let more = work(&mut self.store, &worker, true, &mut crate::Quiet)?;
            done.new += more.new;
            done.duplicate += more.duplicate;
            done.failed.extend(more.failed);
            let queue = self.store.queue().ok_or_else(no_queue)?;
            if queue.pending(self.case)? == 0 || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        for (p, why) in &done.failed {
            obs.failed(p, why);
        }
        let mut intake = Intake {
            new: done.new,
            duplicate: done.duplicate,
            failed: queued.failed.into_iter().chain(done.failed).collect(),
            annotated: 0,
        };
        if intake.new == 0 && intake.duplicate == 0 && queued.new == 0 {
            return Err(DeskError::Nothing(
                "nothing could be ingested: no report was read (see the lines above)".into(),
            ));
        }
        let file = self.rebuild()?;
        intake.annotated = self.last.annotated;
        Ok((intake, file))
    }
}

/// Reports a worker takes at once: they are stored in one transaction (one wait for the disk,
/// one turn at the custody log's head), and come back to the queue together if it dies.
const BATCH: usize = 32;

/// Take reports off the queue, read and store each, until none waits (`until_empty`) or for
/// ever (waiting a second when none does). What this worker stored, skipped and could not read.
pub fn work(
    store: &mut impl Store,
    worker: &str,
    until_empty: bool,
    obs: &mut dyn Observer,
) -> Result<Intake> {
    let lease = lease();
    let mut done = Intake::default();
    loop {
        let queue = store.queue().ok_or_else(no_queue)?;
        let jobs = queue.take(worker, lease, BATCH)?;
        if jobs.is_empty() {
            if until_empty {
                return Ok(done);
            }
            std::thread::sleep(Duration::from_secs(1));
            continue;
        }
        let mut read = Vec::with_capacity(jobs.len());
        for job in jobs {
            obs.reading(&job.path);
            match casefile_ingest::ingest(&job.path, &job.bytes) {
                Ok(doc) => read.push((job, doc)),
                Err(e) => {
                    let msg = e.to_string();
                    obs.failed(&job.path, &msg);
                    queue.fail(&job, &msg)?;
                    done.failed.push((job.path.clone(), msg));
                    obs.done_one();
                }
            }
        }
        for ((job, _), added) in read.iter().zip(queue.finish(&read)?) {
            match added {
                Added::New => done.new += 1,
                Added::Duplicate { path } => {
                    obs.duplicate(&job.path, &path);
                    done.duplicate += 1;
                }
            }
            obs.done_one();
        }
    }
}
