//! Progress at a terminal: a bar while reports are read ([`Terminal`]) and one for each step
//! of a build ([`Steps`]), each with its count and rate; nothing in a pipe or in CI. With
//! `CASEFILE_PROGRESS=lines` each step ends with one line on stderr wherever it goes (how long
//! it took), for benchmarks.

use std::time::Instant;

use casefile_desk::{Observer, Progress, Step};
use indicatif::{ProgressBar, ProgressStyle};

use crate::commands::shown;
use crate::interactive;

/// Whether each step ends with a line saying how long it took (`CASEFILE_PROGRESS=lines`).
fn lines() -> bool {
    std::env::var("CASEFILE_PROGRESS").is_ok_and(|v| v == "lines")
}

/// One step's line: "casefile: annotating 1,000 reports took 4.2 s (238/s)".
pub fn step_line(doing: &str, n: usize, counts: &str, since: Instant) {
    if !lines() {
        return;
    }
    let secs = since.elapsed().as_secs_f64();
    eprintln!(
        "casefile: {doing} {n} {counts} took {secs:.2} s ({:.0}/s)",
        n as f64 / secs.max(1e-9)
    );
}

/// Progress at a terminal: a bar while reports are read, lines above it.
pub struct Terminal {
    bar: ProgressBar,
    quiet: bool,
    started: Option<(Instant, usize)>,
}

impl Terminal {
    pub fn new(quiet: bool) -> Terminal {
        Terminal {
            bar: ProgressBar::hidden(),
            quiet,
            started: None,
        }
    }
}

impl Observer for Terminal {
    fn start(&mut self, n: usize) {
        self.started = Some((Instant::now(), n));
        if self.quiet || !interactive() {
            return;
        }
        self.bar = ProgressBar::new(n as u64);
        self.bar.set_style(
            ProgressStyle::with_template(
                "{spinner} reading and annotating reports {bar:30} {human_pos}/{human_len} ({per_sec}, {elapsed}) {wide_msg}",
            )
            .expect("valid template"),
        );
    }
    fn reading(&mut self, path: &str) {
        self.bar.set_message(shown(path));
    }
    fn done_one(&mut self) {
        self.bar.inc(1);
    }
    fn failed(&mut self, path: &str, reason: &str) {
        self.bar
            .suspend(|| eprintln!("casefile: {}: {reason}", shown(path)));
    }
    fn duplicate(&mut self, path: &str, first: &str) {
        if !self.quiet {
            self.bar.suspend(|| {
                eprintln!(
                    "casefile: {}: same bytes as {}, already in the case; skipped",
                    shown(path),
                    shown(first)
                )
            });
        }
    }
    fn finish(&mut self) {
        self.bar.finish_and_clear();
        if let Some((t, n)) = self.started.take() {
            step_line("reading", n, "reports", t);
        }
    }
}

/// The steps of a build at a terminal: a bar for each, with the count and the rate.
pub struct Steps {
    bar: ProgressBar,
    quiet: bool,
    step: Option<(Step, usize, Instant)>,
}

impl Steps {
    pub fn new(quiet: bool) -> Steps {
        Steps {
            bar: ProgressBar::hidden(),
            quiet,
            step: None,
        }
    }
}

impl Progress for Steps {
    fn begin(&mut self, step: Step, total: usize) {
        self.step = Some((step, total, Instant::now()));
        if self.quiet || !interactive() {
            return;
        }
        self.bar = ProgressBar::new(total as u64);
        let template = format!(
            "{{spinner}} {} {{bar:30}} {{human_pos}}/{{human_len}} {} ({{per_sec}}, {{elapsed}})",
            step.doing(),
            step.counts()
        );
        self.bar
            .set_style(ProgressStyle::with_template(&template).expect("valid template"));
        if step != Step::Annotate {
            // counted at the end only: the bar says the step is running
            self.bar
                .enable_steady_tick(std::time::Duration::from_millis(200));
        }
    }

    fn advance(&mut self, done: usize) {
        self.bar.set_position(done as u64);
    }

    fn end(&mut self) {
        self.bar.finish_and_clear();
        if let Some((step, n, t)) = self.step.take() {
            step_line(step.doing(), n, step.counts(), t);
        }
    }
}
