//! `casefile-bench`: the measurements behind docs/benchmarks.md, kept out of the shipped binary
//! so that `casefile --help` is the user's manual. `bench/run.sh` runs the annotator's beside
//! spaCy.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod annotate;
mod memory;
mod parse;
mod pile;
mod resolve;
mod serve;

/// An error for the developer: one line.
pub struct UserError(pub String);

#[derive(Parser)]
#[command(
    name = "casefile-bench",
    version,
    about = "casefile's benchmarks (developers)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Measure the annotator's speed and memory on CoNLL text.
    #[command(long_about = "\
Turn a CoNLL file into plain-text documents (50 sentences each), annotate them on one thread, \
repeated until WORDS words have been annotated, and print words per second for the whole \
annotator and for the entity tagger alone, and the peak memory. The last line is JSON. \
bench/run.sh runs it beside spaCy on the same text.")]
    Annotate {
        /// CoNLL file whose tokens make the text (for example eng.train).
        file: PathBuf,
        /// Words to annotate in all.
        #[arg(long, default_value_t = 5_000_000)]
        words: usize,
    },
    /// Measure the grammar model: load time, tagging and parsing speed, memory.
    #[command(long_about = "\
Load the shipped grammar model (timed), then tag, lemmatise and parse the sentences of a CoNLL \
file's text on one thread, tokenised as casefile tokenises reports, repeated until WORDS words are \
parsed; print words per second and the peak memory. With --docs DIR, first write the text once \
as report files (50 sentences each) for a timed `casefile build`. The last line is JSON. \
bench/run.sh runs it beside spaCy's full pipeline, which parses too.")]
    Parse {
        /// CoNLL file whose tokens make the text (for example eng.train).
        file: PathBuf,
        /// Words to parse in all.
        #[arg(long, default_value_t = 1_000_000)]
        words: usize,
        /// Also write the text as report files here.
        #[arg(long)]
        docs: Option<PathBuf>,
    },
    /// Measure entity resolution at scale on generated mentions.
    #[command(long_about = "\
Generate mentions of people, organisations and places the way reports write them (several \
romanisations, surnames or given names alone, a little noise; Zipf-like frequencies; 20 to a \
report) and resolve them, for each SIZE. Prints time, mentions per second and peak memory, and \
how the time grows. The last line is JSON.")]
    Resolve {
        /// Numbers of mentions, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "100000,300000,1000000")]
        sizes: Vec<usize>,
    },
    /// Write a pile of report files from real text, for the scale benchmark.
    #[command(long_about = "\
Cut the sentences of the given CoNLL-2003 or CoNLL-U files into REPORTS report files of 10 to 40 \
consecutive sentences each, starting at places drawn from SEED (so reports overlap and share \
names); one in five is a wire copy of an earlier report with one line added. The same files, \
count and seed give the same pile. bench/scale.sh builds piles of 1,000, 3,000 and 10,000.")]
    Pile {
        /// CoNLL-2003 or CoNLL-U files whose sentences make the reports.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, default_value_t = 1000)]
        reports: usize,
        /// An empty (or new) folder for the reports.
        #[arg(long)]
        out: PathBuf,
        /// The number of the first report's file name.
        #[arg(long, default_value_t = 0)]
        first: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// A bounded load run against `casefile serve` on loopback.
    #[command(long_about = "\
Sign in to a casefile server on a loopback address (as NAME, with CASEFILE_USER_PASSWORD) and \
keep CONNECTIONS keep-alive connections busy for SECONDS, cycling through the paths; print \
throughput and latency percentiles. With --editors N, N more accounts (PREFIX1…) make changes at \
the same time, each on the version of the case it read: changes sent, stored, refused as \
conflicting, and the new entries of the decision log are counted. Refuses any address that is \
not loopback. bench/team_load.sh runs it against a team database.")]
    Serve {
        /// The server, http://127.0.0.1:PORT
        url: String,
        /// The account to sign in with.
        #[arg(long)]
        user: String,
        #[arg(long, default_value_t = 100)]
        connections: usize,
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Paths to request, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "/,/api/timeline")]
        paths: Vec<String>,
        /// Also this many editors, signed in as PREFIX1, PREFIX2, … (same password), each
        /// confirming entities on the version it read; conflicts are counted.
        #[arg(long, default_value_t = 0)]
        editors: usize,
        #[arg(long, default_value = "editor", value_name = "PREFIX")]
        editor_prefix: String,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Annotate { file, words } => annotate::bench_annotate(&file, words),
        Command::Parse { file, words, docs } => parse::bench_parse(&file, words, docs.as_deref()),
        Command::Resolve { sizes } => resolve::bench_resolve(&sizes),
        Command::Pile {
            files,
            reports,
            out,
            first,
            seed,
        } => pile::bench_pile(&files, reports, &out, first, seed),
        Command::Serve {
            url,
            user,
            connections,
            seconds,
            paths,
            editors,
            editor_prefix,
        } => serve::bench_serve(
            &url,
            &user,
            (connections, editors, &editor_prefix),
            seconds,
            &paths,
        ),
    };
    match result {
        Ok(code) => code,
        Err(UserError(msg)) => {
            eprintln!("casefile-bench: {msg}");
            ExitCode::FAILURE
        }
    }
}
