//! The `casefile` command: argument parsing and wiring only. Each stage lives in its own crate.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casefile_desk::{Change, Format, MentionRef};
use clap::{Parser, Subcommand};

mod commands;
mod eval;
mod grammar;
mod progress;

const ABOUT: &str =
    "Turn scattered reports about a human-rights case into one sourced, cross-checked case file.";

const LONG_ABOUT: &str = "\
casefile reads reports about one case (news articles, NGO statements, testimonies) and builds one \
case file: who was involved, what happened when and where, what was done about it, what each \
source says, and where the sources disagree. Every fact is traced to the exact words of its \
source.

Reports may be .txt, .md or .html files (UTF-8, UTF-16 with BOM, windows-1251 or windows-1252). \
Everything is kept in an encrypted database (SQLCipher), unlocked with a passphrase taken from \
the CASEFILE_PASSPHRASE environment variable or asked for at the terminal.";

const AFTER_HELP: &str = "\
EXAMPLES:
    casefile build examples/reports --out out/          build a case from a folder of reports
    casefile add out/case.db new-report.html            add a report and rebuild the case file
    casefile export out/case.db --format md --out case.md

ENVIRONMENT:
    CASEFILE_PASSPHRASE   the database passphrase (otherwise asked for at the terminal)
    CASEFILE_LOCK_WAIT    seconds to wait for another casefile using the database (30)
    CASEFILE_PROGRESS     `lines`: one line per step of a build on stderr, with its time (for
                          benchmarks; a terminal shows progress bars without it)

EXIT STATUS:
    0 when at least one report was read (failures on others are reported, one line each);
    1 when nothing could be read or the database could not be opened (or stayed locked by
      another casefile for CASEFILE_LOCK_WAIT seconds, 30 by default): nothing was stored;
    2 on a usage error;
    3 when an add or build stopped part-way: the reports stored stay, the rest were not read;
      run the same command again to add them (reports already stored are skipped).";

#[derive(Parser)]
#[command(name = "casefile", version, about = ABOUT, long_about = LONG_ABOUT, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Threads for reading reports (default: one per core). The case file is the same whatever
    /// the number.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

/// Options for opening the database.
#[derive(clap::Args, Clone)]
pub struct DbOpts {
    /// Do not encrypt the database (throwaway work only: anyone with the file can read it).
    #[arg(long)]
    pub no_encryption: bool,
    /// The case inside the database (one database can hold many cases).
    #[arg(long, default_value = "default", value_name = "NAME")]
    pub case: String,
}

/// Options for how results are printed.
#[derive(clap::Args, Clone)]
pub struct OutOpts {
    /// Print results as one JSON object on standard output.
    #[arg(long)]
    pub json: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build a case file from report files and folders.
    #[command(long_about = "\
Build a case file from report files and folders (searched recursively for .txt, .md, .markdown, \
.html and .htm files).

Keeps everything, including the original bytes of every report, in the encrypted database \
DIR/case.db. If DIR/case.db exists, the reports are added to it (the same bytes twice are stored \
once).

Nothing is written in clear beside an encrypted database unless asked: with --plain-outputs (or \
--no-encryption) it also writes DIR/case.json (the case file, schema_version 1), DIR/report.md \
and DIR/report.html (a self-contained report that opens from disk and prints cleanly), readable \
by their owner only (mode 0600) and NOT encrypted. `casefile serve` reads the case without \
writing it out; `casefile export` writes one file when you need it.

A report that cannot be read is reported on one line, naming the file and the reason, and the \
others are still processed. Each report is stored in its own transaction: an interrupted build \
keeps every report stored before the interruption.")]
    Build {
        /// Report files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Folder for case.db (and, when asked, case.json, report.md, report.html).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Also write case.json, report.md and report.html, NOT encrypted (mode 0600).
        #[arg(long)]
        plain_outputs: bool,
        /// Keep the case in this database instead of DIR/case.db: another file, or a team's
        /// PostgreSQL server (postgres://USER@HOST/DATABASE; see docs/team.md).
        #[arg(long, value_name = "DB")]
        database: Option<PathBuf>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Add reports to an existing case and rebuild its case file.
    #[command(long_about = "\
Add reports to the case in an existing database and rebuild the case file inside it. Reports \
whose bytes are already in the case (by SHA-256) are skipped. Use `casefile export` to write the \
rebuilt case file out.")]
    Add {
        /// The case database (case.db).
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Report files or folders.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// On a team database: only put the reports on the ingest queue, for `casefile worker`s
        /// to read (without it, add works on the queue too until its reports are in).
        #[arg(long)]
        no_wait: bool,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Put two entities together (recorded; holds for every later build and add).
    #[command(long_about = "\
Record that two entities are one (for example two spellings the matcher kept apart), and rebuild \
the case file. A and B are entity ids, names or any form they are written in (see `casefile \
entities DB`). The decision is stored with who made it and when, and replayed on every later \
build and add.")]
    Merge {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        a: String,
        b: String,
        /// Who makes the decision (default: $USER).
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Keep two entities apart (recorded; holds for every later build and add).
    #[command(name = "keep-apart")]
    KeepApart {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        a: String,
        b: String,
        /// Who makes the decision (default: $USER).
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Move mentions out of an entity into one of their own (recorded).
    #[command(long_about = "\
Record that some mentions of ENTITY name someone else, and rebuild the case file: those mentions \
become an entity of their own. Each MENTION is DOC:START-END as listed by `casefile entities DB \
--mentions` (DOC may be shortened), or a form the entity is written in (every mention written \
that way moves).")]
    Split {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        entity: String,
        #[arg(required = true, value_name = "MENTION")]
        mentions: Vec<String>,
        /// Who makes the decision (default: $USER).
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Undo a decision (recorded as a new entry; the log is never edited).
    Undo {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// The decision's number, as `casefile decisions DB` lists it.
        seq: i64,
        /// Who undoes it (default: $USER).
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Protect a person: public exports name them by a pseudonym (recorded; undo lifts it)
    #[command(long_about = "\
Protect a person (a victim, a witness, a source who asked not to be named): `casefile export \
--public` then replaces every form of their name (every spelling in the reports, every \
romanisation the name matcher accepts, the family's surname) with a pseudonym such as \
\"Person A\", in names, quotes, passages, source texts, titles and file names. The pseudonyms \
follow the order people were protected, so each keeps theirs from export to export. Recorded \
in the decision log; `casefile undo` lifts it. The case itself, and non-public exports, keep \
the name.")]
    Protect {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// The person, by name, any alias or id.
        name: String,
        /// Who decides it (default: $USER).
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Take a report out of a case (its bytes deleted; recorded in the decision log)
    #[command(long_about = "\
Take a report out of a case: its original bytes, text and search entry are deleted from the \
database, and the removal (the report's id, path, SHA-256 and size, who and why) is recorded in \
the hash-chained decision log in the same transaction. The case file is rebuilt without it. Name \
the report by its id, its path as added, or its file name. A removal cannot be undone: add the \
file again to bring it back.")]
    Remove {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// The report: its id, its path as added, or its file name.
        report: String,
        /// Why it is removed (kept in the log).
        #[arg(long)]
        reason: Option<String>,
        /// Who removes it (default: $USER).
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Capture web pages by address: kept as WARC records and added as reports.
    #[command(long_about = "\
Fetch each web page (http or https; redirects followed, each one recorded; --timeout seconds for \
one address; pages over 32 MB refused) and keep the whole HTTP exchange as WARC/1.1 records \
(ISO 28500) with the SHA-256 of the page and the capture time in UTC. The page is added to the \
case as a report whose metadata carries its address and capture time, and the capture is an \
entry of the hash-chained custody log, all in one transaction. A page that fails (not found, no \
answer, too large) is named with the reason in one line and nothing of it is kept; the others go \
on. `casefile export DB --format warc --out FILE.warc.gz` writes every capture; docs/capture.md \
says what is kept and why. Exit status 1 when no address could be captured.")]
    Capture {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Web addresses, in full (https://…).
        #[arg(value_name = "URL")]
        urls: Vec<String>,
        /// Read addresses from a file, one a line (blank lines and lines starting with # skipped).
        #[arg(long, value_name = "LIST")]
        from_file: Option<PathBuf>,
        /// Seconds to wait for one address, redirects included.
        #[arg(long, default_value_t = 30, value_name = "SECONDS")]
        timeout: u64,
        /// Who captures (default: $USER), kept in the custody log.
        #[arg(long)]
        by: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Move cases from one database to another (a file to a team's server, or back).
    #[command(long_about = "\
Copy every case of FROM (or only --only NAME) into TO: a case file on disk to a team's \
PostgreSQL server (postgres://…), or the other way. Reports are copied with their original bytes, \
documents and captures, in the order of the custody log and with the same authors, then every \
decision in order. Both databases keep their own hash chains, and `audit verify` passes on both; \
the entries' times are the copy's, and signatures cannot be carried over (the source's log heads \
are printed: keep them, with `casefile audit anchor FROM`, beside the source). Accounts are not \
copied. FROM's passphrase is CASEFILE_PASSPHRASE (or the prompt); TO's is \
CASEFILE_TARGET_PASSPHRASE, or the same. Refused, copying nothing, when TO already holds a case of \
the same name with reports or decisions.")]
    Migrate {
        #[arg(value_name = "FROM")]
        from: PathBuf,
        #[arg(value_name = "TO")]
        to: PathBuf,
        /// Copy only this case (default: every case).
        #[arg(long = "only", value_name = "NAME")]
        only: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Make an encrypted copy of a database's cases in a new file.
    #[command(long_about = "\
Copy every case of DB (a team's server or a case file) into FILE, a new database file encrypted \
with the same passphrase (or CASEFILE_TARGET_PASSPHRASE), readable by you only: a copy that \
`casefile restore` puts back, and that every casefile command reads. What is copied, and what a \
copy cannot carry (entry times, signatures, accounts): see `casefile migrate --help`.")]
    Backup {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// The new file (refused if it exists).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Put the cases of a backup back into a database.
    #[command(long_about = "\
Copy every case of FILE (made by `casefile backup`) into DB (a team's server or a case file). \
Refused, copying nothing, when DB already holds a case of the same name with reports or \
decisions.")]
    Restore {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Ingest reports queued on a team's database (shared ingest).
    #[command(long_about = "\
Take reports off the ingest queue of a team's database (postgres://…), read each and store it with \
its custody entry, one transaction each. `casefile add` on a team database puts reports on the \
queue (and works on it too until its reports are in); run workers on as many machines as you like. \
Each job is a worker's for a lease (60 s, or CASEFILE_LEASE seconds): a worker killed mid-job \
loses nothing, as another takes the job when the lease runs out, and the same bytes are stored \
once. Runs until stopped, or with --until-empty until nothing waits. The case file is rebuilt \
by the next command or page that reads it.")]
    Worker {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Stop when no report waits.
        #[arg(long)]
        until_empty: bool,
        /// This worker's name in the queue (default: host and process id).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Check every stored report against its hash and the custody log, and both logs.
    #[command(long_about = "\
Check the evidence in DB: every stored report's bytes against the SHA-256 recorded when it was \
stored and against the custody log (every file added and every page captured is an entry of \
that hash-chained log); every capture's WARC records against their SHA-256 and their record \
digests; and the custody and decision logs, entry by entry. Names each report or entry that \
differs. Exit status 1 when anything differs.")]
    Verify {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Check the decision log: report any entry edited or removed.
    #[command(long_about = "\
Check the decision log of the database. Every decision (merge, split, keep apart, undo, and the \
edits made in the web app) is an entry that carries the hash of the entry before it; the log \
cannot be changed through casefile. `audit verify` recomputes every hash and reports any entry \
edited, removed or out of order. Exit status 1 when the log was tampered with.")]
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Review and curate the case in the browser.
    #[command(long_about = "\
Serve the case in DB as a web app: overview, timeline, people and organisations with their \
mentions, each report with its names highlighted, discrepancies, and the decision log; and a JSON \
API described at /api/openapi.json. Nobody gets in without an account (`casefile user add`); \
sessions are HttpOnly, SameSite cookies; every change carries a CSRF token and is recorded in the \
hash-chained decision log. Binds to loopback by default.")]
    Serve {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: std::net::SocketAddr,
        #[command(flatten)]
        db: DbOpts,
    },
    /// Manage the web app's accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// List the entities of a case, with why they were merged.
    Entities {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Also list every mention (DOC:START-END and its text).
        #[arg(long)]
        mentions: bool,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// List the decisions recorded for a case, with who made them and when.
    Decisions {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Score the entity tagger on a CoNLL file (conlleval-style; last line JSON).
    #[command(
        name = "eval-ner",
        long_about = "\
Tag a token-per-line file (token first, gold tag last, IOB1 or IOB2, any type names, a blank line \
between sentences, -DOCSTART- lines skipped) with casefile's entity tagger and print precision, \
recall and F1 per type and overall, counting exact spans. The last line is a JSON object \
{\"f1\", \"precision\", \"recall\", \"per_type\"}."
    )]
    EvalNer {
        /// The CoNLL file.
        file: PathBuf,
        /// Also write `token<TAB>gold<TAB>predicted` lines, aligned with the input.
        #[arg(long, value_name = "OUT")]
        predict: Option<PathBuf>,
        /// Also print every entity got wrong: missed, spurious, or of another type (text, gold,
        /// predicted, sentence), one a line.
        #[arg(long)]
        errors: bool,
    },
    /// Score the time-expression finder on TimeML files (last line JSON).
    #[command(
        name = "eval-timex",
        long_about = "\
Run casefile's time-expression finder on every TimeML (.tml) file in DIR, with each document's \
creation time as its publication date, and print extraction precision, recall and F1 (a found \
expression matches a gold TIMEX3 when they overlap) and value accuracy (the normalised value \
equals the gold TIMEX3 value, over matched expressions). The last line is a JSON object."
    )]
    EvalTimex {
        /// Folder of .tml files (for example TimeBank).
        dir: PathBuf,
        /// Also print every error: missed, spurious, or of another value (text, gold,
        /// predicted, context), one a line.
        #[arg(long, alias = "verbose")]
        errors: bool,
    },
    /// Train the entity tagger (developers: rebuilds crates/annotate/data/ner.model).
    #[command(
        name = "train-ner",
        long_about = "\
Train the entity tagger on a CoNLL training file, keeping the epoch that scores best on the \
development file, and write the model. scripts/train_ner.sh runs this on CoNLL-2003 and writes \
the model casefile ships."
    )]
    TrainNer {
        /// Training file (CoNLL).
        train: PathBuf,
        /// Development file (CoNLL) for choosing the epoch.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        /// Training passes.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
    },
    /// Score the tagger and parser on a CoNLL-U treebank (gold words; last line JSON).
    #[command(
        long_about = "Tag, lemmatise and parse the words of a CoNLL-U file and score the result \
against it: UPOS, XPOS and lemma accuracy, UAS and LAS over every word (punctuation included, as \
the CoNLL 2018 shared task scores), and the speed. The last line is JSON."
    )]
    EvalParse {
        /// The CoNLL-U file.
        file: PathBuf,
        /// A model file to score instead of the shipped one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Also write what was predicted, as CoNLL-U, word for word beside the input.
        #[arg(long, value_name = "OUT")]
        predict: Option<PathBuf>,
    },
    /// Print what casefile reads in a report's grammar, as CoNLL-U.
    Parse {
        /// A report (.txt, .md, .html).
        file: PathBuf,
        /// A model file to use instead of the shipped one.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Print the acts casefile reads in a report, one telling a line: act, modality, time,
    /// place, participants with their grammatical ties, the words that name the act, and the
    /// first words of the sentence it is told in.
    Acts {
        /// A report (.txt, .md, .html).
        file: PathBuf,
    },
    /// Train the tagger, lemmatiser and parser (developers: rebuilds crates/syntax/data/syntax.model).
    #[command(
        long_about = "Train the part-of-speech tagger, the lemmatiser and the dependency parser \
on a CoNLL-U treebank and write the model. scripts/train_parse.sh runs this on UD English EWT \
train and writes the model casefile ships."
    )]
    TrainParse {
        /// Training treebank (CoNLL-U).
        train: PathBuf,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        /// Tagger training passes.
        #[arg(long, default_value_t = 8)]
        tagger_epochs: usize,
        /// Parser training passes.
        #[arg(long, default_value_t = 12)]
        parser_epochs: usize,
        /// Folds for the tags the parser learns on (1: the treebank's own tags).
        #[arg(long, default_value_t = 4)]
        folds: usize,
        /// Tagger weights smaller than this are dropped.
        #[arg(long, default_value_t = 0.5)]
        tagger_prune: f32,
        /// Parser weights smaller than this are dropped.
        #[arg(long, default_value_t = 1.5)]
        parser_prune: f32,
    },
    /// Learn word classes for the entity tagger (developers: rebuilds crates/syntax/data/clusters.tsv).
    #[command(
        name = "train-clusters",
        long_about = "\
Learn classes of words from unlabelled text (the exchange algorithm over word bigrams, at 64, 256 \
and 1,024 classes) and write the table word<TAB>class… that the entity tagger reads. FILEs are \
CoNLL (token first on a line) or CoNLL-U files; only their words are used. scripts/train_ner.sh \
runs this on the CoNLL-2003 and UD English EWT training text."
    )]
    TrainClusters {
        /// Text files (CoNLL or CoNLL-U).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the table.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a case file out of the database as JSON, Markdown or HTML.
    Export {
        /// The case database (case.db).
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Output format.
        #[arg(long, value_parser = formats())]
        format: Format,
        /// Output file ("-" for standard output); a folder for --format csv.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// For the public: every protected person (`casefile protect`) named by a pseudonym
        /// ("Person A") in names, quotes, passages, source texts and file names.
        #[arg(long)]
        public: bool,
        #[command(flatten)]
        db: DbOpts,
    },
}

#[derive(Subcommand)]
enum UserAction {
    /// Create an account (the password comes from CASEFILE_USER_PASSWORD or a prompt).
    Add {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        name: String,
        /// owner (everything), editor (curates), viewer (reads).
        #[arg(long, value_parser = ["owner", "editor", "viewer"])]
        role: String,
        #[command(flatten)]
        db: DbOpts,
    },
    /// List the accounts and their roles.
    List {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        #[command(flatten)]
        db: DbOpts,
    },
    /// Delete an account and end its sessions (not the last owner).
    Remove {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        name: String,
        #[command(flatten)]
        db: DbOpts,
    },
    /// Give an account a new password (CASEFILE_USER_PASSWORD or a prompt); its sessions end.
    Password {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        name: String,
        #[command(flatten)]
        db: DbOpts,
    },
    /// End every session of an account: signed out everywhere (a lost laptop, a stolen cookie).
    SignOut {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        name: String,
        #[command(flatten)]
        db: DbOpts,
    },
}

#[derive(Subcommand)]
enum AuditAction {
    /// Recompute the hash chains of the decision log and the custody log.
    Verify {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Also check against an anchor made earlier (`casefile audit anchor`): every entry it
        /// names must still be there, unchanged.
        #[arg(long, value_name = "FILE")]
        anchor: Option<PathBuf>,
        #[command(flatten)]
        db: DbOpts,
        #[command(flatten)]
        output: OutOpts,
    },
    /// Write where both logs stand now (entries and last hash), to keep somewhere else.
    #[command(long_about = "\
Write an anchor: how many entries the decision log and the custody log hold and the hash of \
each one's last entry, as JSON (to --out FILE, or standard output). Keep it where the database's \
holder cannot change it (hand it to a colleague, mail it, print it). Someone with the passphrase \
can rewrite a log and recompute its chain, or cut its last entries, and `audit verify` alone \
would not see it; `audit verify --anchor FILE` does.")]
    Anchor {
        #[arg(value_name = "DB")]
        db_path: PathBuf,
        /// Where to write it ("-" or nothing: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        db: DbOpts,
    },
}

/// An account command, as the commands module takes it.
fn action_of(action: UserAction) -> commands::UserManage {
    use commands::UserManage as M;
    match action {
        UserAction::List { db_path, db } => M::List { db_path, db },
        UserAction::Remove { db_path, name, db } => M::Remove { db_path, name, db },
        UserAction::Password { db_path, name, db } => M::Password { db_path, name, db },
        UserAction::SignOut { db_path, name, db } => M::SignOut { db_path, name, db },
        UserAction::Add {
            db_path,
            name,
            role,
            db,
        } => M::Add {
            db_path,
            name,
            role,
            db,
        },
    }
}

/// The export formats, as clap offers them: the desk's names and descriptions.
fn formats() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser;
    let values =
        Format::CHOICES.map(|f| clap::builder::PossibleValue::new(f.name()).help(f.describe()));
    clap::builder::PossibleValuesParser::new(values)
        .map(|s| s.parse::<Format>().expect("a listed format"))
}

/// An error for the user: one line, saying what to do next.
pub struct UserError(pub String);

impl<E: std::fmt::Display> From<E> for UserError {
    fn from(e: E) -> Self {
        UserError(e.to_string())
    }
}

/// Whether to draw progress bars: only on a terminal, never in CI.
pub fn interactive() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("CI").is_none()
}

/// The key for a database: none with --no-encryption, else the passphrase.
pub fn key_for(path: &Path, opts: &DbOpts) -> Result<casefile_desk::Key, UserError> {
    if opts.no_encryption {
        return Ok(casefile_desk::Key::Plain);
    }
    if let Ok(p) = std::env::var("CASEFILE_PASSPHRASE") {
        if p.is_empty() {
            return Err(UserError("CASEFILE_PASSPHRASE is set but empty: set a passphrase, or use --no-encryption for throwaway work".into()));
        }
        return Ok(casefile_desk::Key::Passphrase(p));
    }
    if !std::io::stdin().is_terminal() {
        return Err(UserError(format!(
            "{}: no passphrase: set CASEFILE_PASSPHRASE, run at a terminal to be asked, or use --no-encryption for throwaway work",
            commands::location(path).shown()
        )));
    }
    let at = commands::location(path);
    let exists = at.exists();
    let p = rpassword::prompt_password(format!("Passphrase for {}: ", at.shown()))?;
    if p.is_empty() {
        return Err(UserError(
            "an empty passphrase is not allowed; use --no-encryption for throwaway work".into(),
        ));
    }
    if !exists {
        let again = rpassword::prompt_password("Repeat the passphrase: ")?;
        if again != p {
            return Err(UserError(
                "the passphrases differ; nothing was created".into(),
            ));
        }
    }
    Ok(casefile_desk::Key::Passphrase(p))
}

/// A closed pipe (`casefile entities DB | head`) ends casefile quietly, as it ends `cat` or
/// `grep`, instead of a panic in `println!`. Not for `serve`, whose sockets must never stop it.
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: puts one signal back to its default disposition at start-up, before any thread.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        quiet_on_closed_pipe();
    }
    if let Some(n) = cli.jobs {
        casefile_desk::set_jobs(n as usize);
    }
    match run(cli.command) {
        Ok(code) => code,
        Err(UserError(msg)) => {
            eprintln!("casefile: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Each command handed to its adapter in `commands` (use cases) or `eval` (measurements).
fn run(command: Command) -> Result<ExitCode, UserError> {
    match command {
        Command::Build {
            paths,
            out,
            plain_outputs,
            database,
            db,
            output,
        } => commands::build(&paths, &out, plain_outputs, database, &db, &output),
        Command::Add {
            db_path,
            paths,
            no_wait,
            db,
            output,
        } => commands::add(&db_path, &paths, no_wait, &db, &output),
        Command::Export {
            db_path,
            format,
            out,
            public,
            db,
        } => commands::export(&db_path, format, &out, public, &db),
        Command::Protect {
            db_path,
            name,
            by,
            db,
            output,
        } => commands::decide(
            &db_path,
            Change::Protect { entity: name },
            by.as_deref(),
            &db,
            &output,
        ),
        Command::Merge {
            db_path,
            a,
            b,
            by,
            db,
            output,
        } => commands::decide(
            &db_path,
            Change::Merge { a, b },
            by.as_deref(),
            &db,
            &output,
        ),
        Command::KeepApart {
            db_path,
            a,
            b,
            by,
            db,
            output,
        } => commands::decide(
            &db_path,
            Change::KeepApart { a, b },
            by.as_deref(),
            &db,
            &output,
        ),
        Command::Split {
            db_path,
            entity,
            mentions,
            by,
            db,
            output,
        } => commands::decide(
            &db_path,
            Change::Split {
                entity,
                mentions: mentions.into_iter().map(MentionRef::Written).collect(),
            },
            by.as_deref(),
            &db,
            &output,
        ),
        Command::Entities {
            db_path,
            mentions,
            db,
            output,
        } => commands::entities(&db_path, mentions, &db, &output),
        Command::Decisions {
            db_path,
            db,
            output,
        } => commands::decisions(&db_path, &db, &output),
        Command::Audit {
            action:
                AuditAction::Verify {
                    db_path,
                    anchor,
                    db,
                    output,
                },
        } => commands::audit_verify(&db_path, anchor.as_deref(), &db, &output),
        Command::Audit {
            action: AuditAction::Anchor { db_path, out, db },
        } => commands::audit_anchor(&db_path, out.as_deref(), &db),
        Command::User { action } => commands::user_manage(action_of(action)),
        Command::Serve { db_path, bind, db } => commands::serve(&db_path, bind, &db),
        other => run_decisions(other),
    }
}

/// The commands that record a decision of their own kind: undo, protect, remove.
fn run_decisions(command: Command) -> Result<ExitCode, UserError> {
    match command {
        Command::Undo {
            db_path,
            seq,
            by,
            db,
            output,
        } => commands::decide(&db_path, Change::Undo { seq }, by.as_deref(), &db, &output),
        Command::Remove {
            db_path,
            report,
            reason,
            by,
            db,
            output,
        } => commands::remove(&db_path, &report, reason, by.as_deref(), &db, &output),
        other => run_custody(other),
    }
}

/// The commands that keep evidence as it came: capture and verify.
fn run_custody(command: Command) -> Result<ExitCode, UserError> {
    match command {
        Command::Capture {
            db_path,
            urls,
            from_file,
            timeout,
            by,
            db,
            output,
        } => commands::capture(
            &db_path,
            urls,
            from_file.as_deref(),
            std::time::Duration::from_secs(timeout.max(1)),
            by.as_deref(),
            &db,
            &output,
        ),
        Command::Migrate {
            from,
            to,
            only,
            db,
            output,
        } => commands::copy(
            &from,
            &to,
            only.as_deref(),
            commands::Copy::Migrate,
            &db,
            &output,
        ),
        Command::Backup {
            db_path,
            out,
            db,
            output,
        } => commands::copy(&db_path, &out, None, commands::Copy::Backup, &db, &output),
        Command::Restore {
            file,
            db_path,
            db,
            output,
        } => commands::copy(&file, &db_path, None, commands::Copy::Restore, &db, &output),
        Command::Worker {
            db_path,
            until_empty,
            name,
            db,
            output,
        } => commands::worker(&db_path, until_empty, name, &db, &output),
        Command::Verify {
            db_path,
            db,
            output,
        } => commands::verify(&db_path, &db, &output),
        other => run_models(other),
    }
}

/// The developers' commands: training and scoring the models.
fn run_models(command: Command) -> Result<ExitCode, UserError> {
    match command {
        Command::EvalNer {
            file,
            predict,
            errors,
        } => eval::eval_ner(&file, predict.as_deref(), errors),
        Command::EvalTimex { dir, errors } => eval::eval_timex(&dir, errors),
        Command::TrainClusters { files, out } => eval::train_clusters(&files, &out),
        Command::EvalParse {
            file,
            model,
            predict,
        } => grammar::eval_parse(&file, model.as_deref(), predict.as_deref()),
        Command::Parse { file, model } => grammar::parse(&file, model.as_deref()),
        Command::Acts { file } => grammar::acts(&file),
        Command::TrainParse {
            train,
            out,
            tagger_epochs,
            parser_epochs,
            folds,
            tagger_prune,
            parser_prune,
        } => grammar::train_parse(
            &train,
            &out,
            casefile_syntax::train::Options {
                tagger_epochs,
                parser_epochs,
                folds,
                tagger_prune,
            },
            parser_prune,
        ),
        Command::TrainNer {
            train,
            dev,
            out,
            epochs,
        } => eval::train_ner(&train, &dev, &out, epochs),
        _ => Err(UserError("not a model command".into())),
    }
}
