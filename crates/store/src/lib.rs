//! The store: where a case lives between commands.
//!
//! [`Store`] is the narrow interface the rest of casefile uses. Two backends implement it, and
//! [`open`] picks one from where the database is ([`Location`]):
//! - [`SqliteStore`]: one file, encrypted at rest with SQLCipher. The key is derived from a
//!   passphrase with Argon2id; the Argon2 salt is the 16-byte SQLCipher salt at the head of the
//!   file, so nothing sits beside the database.
//! - [`PostgresStore`]: a team's server (`postgres://…`). The server is not trusted with
//!   anything readable: case data is sealed by casefile before it is sent ([`seal`]).
//!
//! Every row knows its case: one database can hold many cases. Each report is added in one
//! transaction, so a crash or kill mid-build leaves every committed report intact.

use std::path::Path;

use casefile_model::{Annotations, CaseFile, Custody, Decision, Document, Role};

mod common;
pub mod keys;
mod memsearch;
mod migrations;
mod pg;
pub mod scratch;
mod seal;
mod sqlite;

pub use keys::Signer;

pub use pg::PostgresStore;
pub use sqlite::SqliteStore;

/// Where a database is: a file (SQLite) or a PostgreSQL server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(std::path::PathBuf),
    /// A `postgres://` or `postgresql://` address.
    Server(String),
}

impl Location {
    /// A `postgres://…` or `postgresql://…` address is a server; anything else a file path.
    pub fn new(s: impl Into<std::ffi::OsString>) -> Location {
        let s: std::ffi::OsString = s.into();
        match s.to_str() {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Location::Server(u.to_string())
            }
            _ => Location::File(s.into()),
        }
    }

    /// How messages name it (a server's password left out).
    pub fn shown(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Server(u) => pg::shown(u),
        }
    }

    /// Whether a database is there already (a server is taken to hold one).
    pub fn exists(&self) -> bool {
        match self {
            Location::File(p) => p.exists(),
            Location::Server(_) => true,
        }
    }
}

impl From<&Path> for Location {
    fn from(p: &Path) -> Location {
        Location::new(p.as_os_str())
    }
}

/// How to unlock a database.
#[derive(Clone)]
pub enum Key {
    /// Encrypt with a key derived from this passphrase.
    Passphrase(String),
    /// No encryption (throwaway work only).
    Plain,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Key::Passphrase(_) => write!(f, "Key::Passphrase(…)"),
            Key::Plain => write!(f, "Key::Plain"),
        }
    }
}

/// The shortest passphrase a new database accepts: one character would protect nothing.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Refuse to make a new database with a passphrase shorter than [`MIN_PASSPHRASE_CHARS`].
pub(crate) fn check_new_passphrase(key: &Key, shown: &str) -> Result<()> {
    match key {
        Key::Passphrase(p) if p.chars().count() < MIN_PASSPHRASE_CHARS => Err(StoreError::Invalid(
            format!("{shown}: a new database needs a passphrase of at least {MIN_PASSPHRASE_CHARS} characters"),
        )),
        _ => Ok(()),
    }
}

/// Store errors, each saying what to do next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("wrong passphrase for {0} (or it is not a casefile database); nothing was changed")]
    WrongPassphrase(String),
    #[error("{0} is encrypted: give its passphrase (CASEFILE_PASSPHRASE or the prompt) instead of --no-encryption")]
    Encrypted(String),
    #[error("{0} is not encrypted: open it with --no-encryption")]
    NotEncrypted(String),
    #[error(
        "{0} was written by a newer casefile (schema version {1}); upgrade casefile to open it"
    )]
    TooNew(String, i64),
    #[error("{0}")]
    Invalid(String),
    #[error("no case named “{0}” in this database")]
    NoSuchCase(String),
    #[error("the database is in use by another casefile (an add, a build or the web app) and stayed locked for {0} s; everything stored before stays stored: run the command again when the other one ends (CASEFILE_LOCK_WAIT sets the wait in seconds)")]
    Busy(u64),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("database server: {0}")]
    Server(String),
    /// Someone else changed the same thing after the version the change was made on: nothing
    /// was written. Holds their decisions.
    #[error("{}", conflict_message(.0))]
    Conflict(Vec<DecisionRecord>),
    #[error("stored data could not be read: {0}")]
    Corrupt(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => StoreError::Busy(sqlite::lock_wait().as_secs()),
            _ => StoreError::Sqlite(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The message of a refused change: whose changes it met, when, and what to do.
pub fn conflict_message(theirs: &[DecisionRecord]) -> String {
    let said: Vec<String> = theirs
        .iter()
        .map(|r| {
            let what = serde_json::to_string(&r.decision).unwrap_or_default();
            format!("{} ({}, entry {}): {what}", r.made_by, r.made_at, r.seq)
        })
        .collect();
    format!(
        "someone changed the same thing after you opened it, so nothing was changed: {}. Look at the case as it is now and decide again",
        said.join("; ")
    )
}

/// What adding a report did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Stored as a new report.
    New,
    /// The same bytes were already in this case: nothing changed.
    Duplicate { path: String },
}

/// A web page captured: where from, when, and its WARC records (gzip members, byte for byte).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    /// The report the page became.
    pub doc: String,
    pub requested: String,
    pub url: String,
    pub captured_at: String,
    pub warc: Vec<u8>,
    pub warc_sha256: String,
}

/// A stored report as `each_original` shows it: the bytes as stored and the hash recorded.
pub struct StoredReport<'a> {
    pub doc: &'a str,
    pub path: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
}

/// A decision as recorded: its number in the log, when and by whom, and its hash.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRecord {
    pub seq: i64,
    pub decision: Decision,
    pub made_at: String,
    pub made_by: String,
    pub hash: String,
}

/// The two hash-chained logs of a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Log {
    Decisions,
    Custody,
}

/// Where a log stands: how many entries, and the hash of the last (empty when none).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Head {
    pub entries: i64,
    pub hash: String,
}

/// An entry of the custody log as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct CustodyRecord {
    pub seq: i64,
    pub entry: Custody,
    pub made_at: String,
    pub made_by: String,
    pub hash: String,
}

/// What checking the decision log and the custody log found.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditReport {
    /// Entries of the decision log.
    pub entries: i64,
    /// Entries of the custody log (reports stored).
    pub custody_entries: i64,
    /// Decisions signed by their authors' keys (the others were made without an account).
    pub signed: i64,
    /// One line per problem: an entry edited, removed or out of order.
    pub problems: Vec<String>,
}

/// An account of the web app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
}

/// A signed-in session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    /// The token every change must carry (CSRF protection).
    pub csrf: String,
}

/// A report that matches a search, with a passage around the match.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub doc: String,
    /// The date the report was published (or the earliest it can have been), ISO; may be empty.
    pub published: String,
    /// A passage with the matching words between U+E000 and U+E001 (private-use marks that
    /// report text does not carry).
    pub snippet: String,
}

/// The narrow interface to case storage.
pub trait Store {
    /// The id of the case named `name`, creating it if needed.
    fn case(&mut self, name: &str) -> Result<i64>;
    /// The names of all cases.
    fn cases(&self) -> Result<Vec<String>>;
    /// Add reports (each its original bytes and its ingested document) and a custody entry for
    /// each ([`Custody::Import`], made by `by`), in order, in one transaction: all are stored or
    /// none. One [`Added`] per report; the same bytes twice (stored before, or earlier in the
    /// batch) are stored once.
    fn add_reports(
        &mut self,
        case: i64,
        reports: &[(&[u8], &Document)],
        by: &str,
    ) -> Result<Vec<Added>>;
    /// Add one report and its custody entry in one transaction ([`Store::add_reports`]).
    fn add_report(
        &mut self,
        case: i64,
        original: &[u8],
        doc: &Document,
        by: &str,
    ) -> Result<Added> {
        let mut added = self.add_reports(case, &[(original, doc)], by)?;
        Ok(added.pop().expect("one report, one result"))
    }
    /// Add a captured page: the report (unless the same bytes are stored), its WARC records and
    /// its custody entry ([`Custody::Capture`]), in one transaction. A page captured again is
    /// a new capture of the same report.
    fn add_capture(
        &mut self,
        case: i64,
        original: &[u8],
        doc: &Document,
        capture: &Capture,
        by: &str,
    ) -> Result<Added>;
    /// Every capture of a case, oldest first, with its WARC records.
    fn captures(&self, case: i64) -> Result<Vec<Capture>>;
    /// Each stored report's bytes as stored, one at a time (for `casefile verify`).
    fn each_original(&self, case: i64, f: &mut dyn FnMut(&StoredReport<'_>)) -> Result<()>;
    /// The chain of custody of a case: every report stored, oldest first.
    fn custody(&self, case: i64) -> Result<Vec<CustodyRecord>>;
    /// The ids of a case's reports, in the order they were added (cheap: no text).
    fn report_ids(&self, case: i64) -> Result<Vec<String>>;
    /// A number that changes whenever another process commits to the store (not this one):
    /// a long-running reader compares it to notice reports added meanwhile.
    fn generation(&self) -> Result<i64>;
    /// All reports of a case, in the order they were added.
    fn documents(&self, case: i64) -> Result<Vec<Document>>;
    /// The original bytes of a report, untouched.
    fn original(&self, case: i64, doc_id: &str) -> Result<Option<Vec<u8>>>;
    /// Record a report that could not be ingested, so the failure is not lost.
    fn record_failure(&mut self, case: i64, path: &str, error: &str) -> Result<()>;
    /// Replace the case file of a case (one transaction).
    fn save_case_file(&mut self, case: i64, file: &CaseFile) -> Result<()>;
    /// The last case file built for a case.
    fn case_file(&self, case: i64) -> Result<Option<CaseFile>>;
    /// The annotations stored for a case's reports by the annotator of `version`, by report
    /// id; how many others are stored (made by another version, or unreadable) is counted, not
    /// returned: they are made again.
    fn annotations(&self, case: i64, version: &str) -> Result<StoredAnnotations>;
    /// Store the annotations of reports, made by the annotator of `version`, in place of any
    /// stored for them before (one transaction). Annotations are derived: they are not part of
    /// the chain of custody, and go when their report goes.
    fn save_annotations(
        &mut self,
        case: i64,
        version: &str,
        made: &[(&str, &Annotations)],
    ) -> Result<()>;
    /// Record a manual decision, signed by `signer` (the author's unlocked key) when given, on
    /// the case as it is ([`Store::add_decision_on`] with no version).
    fn add_decision(
        &mut self,
        case: i64,
        decision: &Decision,
        by: &str,
        signer: Option<&Signer>,
    ) -> Result<()> {
        self.add_decision_on(case, decision, by, signer, None)
    }
    /// Delete a report (its bytes, document and search text) and record `decision` (which says
    /// so) in the log, in one transaction. False when the case has no report `doc_id`.
    fn remove_report(
        &mut self,
        case: i64,
        doc_id: &str,
        decision: &Decision,
        by: &str,
        signer: Option<&Signer>,
    ) -> Result<bool>;
    /// All decisions of a case, oldest first.
    fn decisions(&self, case: i64) -> Result<Vec<DecisionRecord>>;
    /// Record a decision, signed by `signer` when given. Made on the case as it stood at entry
    /// `base` of the decision log, it is refused when a decision of the case recorded after
    /// `base` changes the same thing ([`Decision::conflicts_with`]): nothing is written and the
    /// error holds those decisions ([`StoreError::Conflict`]). Checked and written in one
    /// transaction, so two editors deciding at once cannot both pass. No `base`: no check.
    fn add_decision_on(
        &mut self,
        case: i64,
        decision: &Decision,
        by: &str,
        signer: Option<&Signer>,
        base: Option<i64>,
    ) -> Result<()>;
    /// How many of the decisions numbered up to `seq` carry a valid signature of their author.
    fn signed_up_to(&self, seq: i64) -> Result<i64>;
    /// Where a log stands, read from its entries (not from its head record).
    fn head(&self, log: Log) -> Result<Head>;
    /// The hash recorded for entry `seq` of a log (None when there is no such entry).
    fn hash_at(&self, log: Log, seq: i64) -> Result<Option<String>>;
    /// Check the decision log and the custody log: every entry's hash, each chain, each head.
    fn verify_audit(&self) -> Result<AuditReport>;
    /// Create an account; the password is stored as an Argon2id hash.
    fn add_user(&mut self, name: &str, role: Role, password: &str) -> Result<User>;
    /// The account for a name and password, if they match.
    fn check_password(&self, name: &str, password: &str) -> Result<Option<User>>;
    /// The account's signing key, opened with its password (None for a wrong name or password).
    /// An account made before keys existed gets one now.
    fn unlock_key(&mut self, name: &str, password: &str) -> Result<Option<Signer>>;
    /// Every public key an account ever had: (name, key hex), oldest first.
    fn keys(&self) -> Result<Vec<(String, String)>>;
    /// Start a session for a user: returns the session token (kept only as a hash here).
    fn create_session(&mut self, user: &User, hours: i64) -> Result<(String, Session)>;
    /// The session a token belongs to, if it exists and has not expired.
    fn session(&self, token: &str) -> Result<Option<Session>>;
    fn end_session(&mut self, token: &str) -> Result<()>;
    /// Every account, by name.
    fn users(&self) -> Result<Vec<User>>;
    /// Delete an account and end its sessions (one transaction). False when there is none.
    fn remove_user(&mut self, name: &str) -> Result<bool>;
    /// Give an account a new password and end its sessions. False when there is none.
    fn set_password(&mut self, name: &str, password: &str) -> Result<bool>;
    /// End every session of an account: how many there were.
    fn end_sessions(&mut self, name: &str) -> Result<usize>;
    /// Full-text search of a case's reports (every word must occur; no query syntax).
    fn search(&self, case: i64, words: &str, limit: usize) -> Result<Vec<SearchHit>>;
    /// The ingest queue, for a store that has one (a team database).
    fn queue(&mut self) -> Option<&mut dyn JobQueue> {
        None
    }
}

/// The decisions among `since` that conflict with `decision`: an error holding them, if any.
pub(crate) fn refuse_conflicts(decision: &Decision, since: Vec<DecisionRecord>) -> Result<()> {
    let theirs: Vec<DecisionRecord> = since
        .into_iter()
        .filter(|r| r.decision.conflicts_with(decision))
        .collect();
    if theirs.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Conflict(theirs))
    }
}

/// A report waiting on the ingest queue, as a worker takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub case: i64,
    /// The path it was added from, as given.
    pub path: String,
    /// Who added it (for the custody log).
    pub by: String,
    pub bytes: Vec<u8>,
    /// How many times a worker has taken it (more than once: a worker died on it).
    pub attempts: i32,
}

/// The ingest queue of a team database: `casefile add` puts reports on it, workers on any
/// machine take them one at a time under a lease (a worker that dies loses its job to the next
/// when the lease runs out) and store what they make of them.
pub trait JobQueue {
    /// Put a report on the queue.
    fn enqueue(&mut self, case: i64, path: &str, bytes: &[u8], by: &str) -> Result<()>;
    /// Take up to `max` of the oldest reports no live worker holds, for `lease` (none waiting:
    /// none).
    fn take(&mut self, worker: &str, lease: std::time::Duration, max: usize) -> Result<Vec<Job>>;
    /// Store what each job became and close them, all in one transaction (the same bytes
    /// stored once, even when two workers finished the same job).
    fn finish(&mut self, done: &[(Job, Document)]) -> Result<Vec<Added>>;
    /// Close a job whose report cannot be read, recording why.
    fn fail(&mut self, job: &Job, error: &str) -> Result<()>;
    /// Reports of the case still waiting or being worked on.
    fn pending(&self, case: i64) -> Result<i64>;
}

/// What [`Store::annotations`] found.
#[derive(Debug, Default)]
pub struct StoredAnnotations {
    /// Annotations made by the version asked for, by report id.
    pub current: std::collections::HashMap<String, Annotations>,
    /// Reports whose stored annotations were made by another version (or cannot be read).
    pub stale: usize,
}

/// A store of any kind, as the application layer holds it.
pub type AnyStore = Box<dyn Store + Send>;

/// Open (or create) the store at `location`: an SQLite file or a PostgreSQL database.
pub fn open(location: &Location, key: Key) -> Result<AnyStore> {
    Ok(match location {
        Location::File(path) => Box::new(SqliteStore::open(path, key)?),
        Location::Server(url) => Box::new(PostgresStore::open(url, key)?),
    })
}

/// A boxed store is a store: front ends hold `Box<dyn Store + Send>` and never name a backend.
impl<T: Store + ?Sized> Store for Box<T> {
    fn case(&mut self, name: &str) -> Result<i64> {
        (**self).case(name)
    }
    fn cases(&self) -> Result<Vec<String>> {
        (**self).cases()
    }
    fn add_reports(
        &mut self,
        case: i64,
        reports: &[(&[u8], &Document)],
        by: &str,
    ) -> Result<Vec<Added>> {
        (**self).add_reports(case, reports, by)
    }
    fn add_capture(
        &mut self,
        case: i64,
        original: &[u8],
        doc: &Document,
        capture: &Capture,
        by: &str,
    ) -> Result<Added> {
        (**self).add_capture(case, original, doc, capture, by)
    }
    fn captures(&self, case: i64) -> Result<Vec<Capture>> {
        (**self).captures(case)
    }
    fn each_original(&self, case: i64, f: &mut dyn FnMut(&StoredReport<'_>)) -> Result<()> {
        (**self).each_original(case, f)
    }
    fn custody(&self, case: i64) -> Result<Vec<CustodyRecord>> {
        (**self).custody(case)
    }
    fn documents(&self, case: i64) -> Result<Vec<Document>> {
        (**self).documents(case)
    }
    fn report_ids(&self, case: i64) -> Result<Vec<String>> {
        (**self).report_ids(case)
    }
    fn generation(&self) -> Result<i64> {
        (**self).generation()
    }
    fn original(&self, case: i64, doc_id: &str) -> Result<Option<Vec<u8>>> {
        (**self).original(case, doc_id)
    }
    fn record_failure(&mut self, case: i64, path: &str, error: &str) -> Result<()> {
        (**self).record_failure(case, path, error)
    }
    fn save_case_file(&mut self, case: i64, file: &CaseFile) -> Result<()> {
        (**self).save_case_file(case, file)
    }
    fn case_file(&self, case: i64) -> Result<Option<CaseFile>> {
        (**self).case_file(case)
    }
    fn annotations(&self, case: i64, version: &str) -> Result<StoredAnnotations> {
        (**self).annotations(case, version)
    }
    fn save_annotations(
        &mut self,
        case: i64,
        version: &str,
        made: &[(&str, &Annotations)],
    ) -> Result<()> {
        (**self).save_annotations(case, version, made)
    }
    fn remove_report(
        &mut self,
        case: i64,
        doc_id: &str,
        decision: &Decision,
        by: &str,
        signer: Option<&Signer>,
    ) -> Result<bool> {
        (**self).remove_report(case, doc_id, decision, by, signer)
    }
    fn decisions(&self, case: i64) -> Result<Vec<DecisionRecord>> {
        (**self).decisions(case)
    }
    fn add_decision_on(
        &mut self,
        case: i64,
        decision: &Decision,
        by: &str,
        signer: Option<&Signer>,
        base: Option<i64>,
    ) -> Result<()> {
        (**self).add_decision_on(case, decision, by, signer, base)
    }
    fn verify_audit(&self) -> Result<AuditReport> {
        (**self).verify_audit()
    }
    fn head(&self, log: Log) -> Result<Head> {
        (**self).head(log)
    }
    fn signed_up_to(&self, seq: i64) -> Result<i64> {
        (**self).signed_up_to(seq)
    }
    fn hash_at(&self, log: Log, seq: i64) -> Result<Option<String>> {
        (**self).hash_at(log, seq)
    }
    fn add_user(&mut self, name: &str, role: Role, password: &str) -> Result<User> {
        (**self).add_user(name, role, password)
    }
    fn check_password(&self, name: &str, password: &str) -> Result<Option<User>> {
        (**self).check_password(name, password)
    }
    fn unlock_key(&mut self, name: &str, password: &str) -> Result<Option<Signer>> {
        (**self).unlock_key(name, password)
    }
    fn keys(&self) -> Result<Vec<(String, String)>> {
        (**self).keys()
    }
    fn create_session(&mut self, user: &User, hours: i64) -> Result<(String, Session)> {
        (**self).create_session(user, hours)
    }
    fn session(&self, token: &str) -> Result<Option<Session>> {
        (**self).session(token)
    }
    fn end_session(&mut self, token: &str) -> Result<()> {
        (**self).end_session(token)
    }
    fn users(&self) -> Result<Vec<User>> {
        (**self).users()
    }
    fn remove_user(&mut self, name: &str) -> Result<bool> {
        (**self).remove_user(name)
    }
    fn set_password(&mut self, name: &str, password: &str) -> Result<bool> {
        (**self).set_password(name, password)
    }
    fn end_sessions(&mut self, name: &str) -> Result<usize> {
        (**self).end_sessions(name)
    }
    fn search(&self, case: i64, words: &str, limit: usize) -> Result<Vec<SearchHit>> {
        (**self).search(case, words, limit)
    }
    fn queue(&mut self) -> Option<&mut dyn JobQueue> {
        (**self).queue()
    }
}

/// A store in memory, gone when dropped: for tests and throwaway work.
pub fn in_memory() -> Result<AnyStore> {
    Ok(Box::new(SqliteStore::in_memory()?))
}

/// Whether the file at `path` is an encrypted database (None if it does not exist).
pub fn is_encrypted(path: &Path) -> Option<bool> {
    sqlite::is_encrypted(path)
}
