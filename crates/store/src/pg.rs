//! PostgreSQL backend: one case server for a team.
//!
//! The same [`Store`] as the SQLite file, on a server that several casefile processes (the web
//! app, `add`, workers) use at once. Nothing readable reaches the server: every report, case
//! file, decision, custody entry, capture and failure is sealed with its case's key before it is
//! sent ([`crate::seal`]). What the server sees is said in docs/team.md.
//!
//! Writers that must not interleave take a row lock: appending to a hash-chained log locks the
//! log's head row (`FOR UPDATE`), so concurrent writers still make one linear chain; the same
//! bytes added twice at once are stored once (`ON CONFLICT DO NOTHING` on the keyed SHA-256 tag).
//!
//! The `postgres` client runs its own small runtime; called from inside the web app's tokio
//! runtime it would panic, so there each call runs on a thread of its own ([`off_runtime`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use casefile_model::{Annotations, CaseFile, Custody, Decision, Document, Role};
use postgres::error::SqlState;
use postgres::{Client, GenericClient, NoTls, Transaction};
use r2d2_postgres::{r2d2, PostgresConnectionManager};

use crate::common::{
    chain_of, check_chain, check_signatures, corrupt, derive, entry_hash, expiry, live, now,
    password_hash, password_matches, published, random_hex, stored_role, to_json, token_hash,
    Chain, ChainRow, SignedRow, CUSTODY, DECISIONS,
};
use crate::memsearch::Index;
use crate::migrations::POSTGRES as MIGRATIONS;
use crate::seal::Sealer;
use crate::{Added, DecisionRecord, Key, Result, Store, StoreError, StoredAnnotations};

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// Connections a store keeps to the server at most.
const POOL_SIZE: u32 = 8;
/// Reports read from the server at once when going through a whole case.
const PAGE: i64 = 64;

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::Server(describe(&e))
    }
}

/// A client error with its causes ("error connecting to server: Connection refused").
pub(crate) fn describe(e: &postgres::Error) -> String {
    let mut out = e.to_string();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(c) = cause {
        let t = c.to_string();
        if !out.contains(&t) {
            out = format!("{out}: {t}");
        }
        cause = c.source();
    }
    out
}

/// A PostgreSQL address with its password (if any) left out, for messages.
pub fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or("");
            format!("{scheme}://{name}:…@{host}")
        }
        _ => url.to_string(),
    }
}

/// Run `f` where the `postgres` client may block: on this thread, or on a thread of its own
/// when this one runs async tasks.
pub(crate) fn off_runtime<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if tokio::runtime::Handle::try_current().is_err() {
        return f();
    }
    std::thread::scope(|s| match s.spawn(f).join() {
        Ok(r) => r,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

/// A team's case store on a PostgreSQL server.
pub struct PostgresStore {
    pool: Pool,
    /// The key from the server passphrase: it opens the case keys and tags case names.
    master: Sealer,
    /// Case keys opened so far.
    keys: Mutex<HashMap<i64, Sealer>>,
    /// Search indexes in memory, per case, with the generation they were built at.
    indexes: Mutex<HashMap<i64, (i64, Arc<Index>)>>,
}

impl PostgresStore {
    /// Connect to the database at `url` (postgres://…), bring its schema up to date, and
    /// unlock it with `key`.
    pub fn open(url: &str, key: Key) -> Result<Self> {
        off_runtime(|| Self::open_here(url, key))
    }

    fn open_here(url: &str, key: Key) -> Result<Self> {
        let where_ = shown(url);
        let config: postgres::Config = url.parse().map_err(|e| {
            StoreError::Invalid(format!("{where_} is not a PostgreSQL address: {e}"))
        })?;
        let mut first = config.connect(NoTls).map_err(|e| {
            StoreError::Server(format!(
                "cannot reach the PostgreSQL server at {where_}: {}. Is the server running, and does the address name a database you may use?",
                describe(&e)
            ))
        })?;
        let master = migrate_and_unlock(&mut first, &key, &where_)?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(std::time::Duration::from_secs(30))
            .build_unchecked(PostgresConnectionManager::new(config, NoTls));
        Ok(PostgresStore {
            pool,
            master,
            keys: Mutex::new(HashMap::new()),
            indexes: Mutex::new(HashMap::new()),
        })
    }

    /// Run `f` with a connection of the pool.
    fn with<R: Send>(&self, f: impl FnOnce(&mut Client) -> Result<R> + Send) -> Result<R> {
        off_runtime(|| {
            let mut c = self
                .pool
                .get()
                .map_err(|e| StoreError::Server(format!("no connection to the server: {e}")))?;
            f(&mut c)
        })
    }

    /// Run `f` in one transaction, committed when it returns Ok.
    fn tx<R: Send>(&self, f: impl FnOnce(&mut Transaction<'_>) -> Result<R> + Send) -> Result<R> {
        self.with(|c| {
            let mut tx = c.transaction()?;
            let r = f(&mut tx)?;
            tx.commit()?;
            Ok(r)
        })
    }

    /// The key of case `case`.
    fn key(&self, c: &mut impl GenericClient, case: i64) -> Result<Sealer> {
        if let Some(k) = self.keys.lock().expect("lock").get(&case) {
            return Ok(k.clone());
        }
        let row = c.query_opt("SELECT case_key FROM cases WHERE id = $1", &[&case])?;
        let wrapped: Vec<u8> = row
            .ok_or_else(|| StoreError::NoSuchCase(case.to_string()))?
            .get(0);
        let k = self.master.unwrap_key(&wrapped)?;
        self.keys.lock().expect("lock").insert(case, k.clone());
        Ok(k)
    }

    /// Reports that could not be ingested: (path, error).
    pub fn failures(&self, case: i64) -> Result<Vec<(String, String)>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            let mut out = Vec::new();
            for r in c.query(
                "SELECT entry FROM failures WHERE case_id = $1 ORDER BY id",
                &[&case],
            )? {
                let f: Failure = from_json(&k.open_string("failure", r.get(0))?)?;
                out.push((f.path, f.error));
            }
            Ok(out)
        })
    }
}

/// Bring the schema up to date and open (or, on a new database, set up) the keyring, under one
/// advisory lock, so that processes starting together do it once.
fn migrate_and_unlock(c: &mut Client, key: &Key, where_: &str) -> Result<Sealer> {
    let mut tx = c.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock(7243514)", &[])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);")?;
    let current: i64 = tx
        .query_one(
            "SELECT COALESCE(MAX(version), 0)::BIGINT FROM schema_migrations",
            &[],
        )?
        .get(0);
    let latest = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
    if current > latest {
        return Err(StoreError::TooNew(where_.to_string(), current));
    }
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[version, name, &now()],
        )?;
    }
    let master = unlock(&mut tx, key, where_)?;
    tx.commit()?;
    Ok(master)
}

/// The master key from the passphrase, checked against the keyring (set up when new).
fn unlock(tx: &mut Transaction<'_>, key: &Key, where_: &str) -> Result<Sealer> {
    const CHECK: &[u8] = b"casefile team database";
    let row = tx.query_opt(
        "SELECT encrypted, salt, check_value FROM keyring WHERE id = 1",
        &[],
    )?;
    let Some(row) = row else {
        crate::check_new_passphrase(key, where_)?;
        let (encrypted, salt, master) = match key {
            Key::Plain => (false, Vec::new(), Sealer::plain()),
            Key::Passphrase(p) => {
                let salt: [u8; 16] = rand::random();
                (true, salt.to_vec(), Sealer::with_key(derive(p, &salt)))
            }
        };
        tx.execute(
            "INSERT INTO keyring (id, encrypted, salt, check_value, created_at) VALUES (1, $1, $2, $3, $4)",
            &[&encrypted, &salt, &master.seal("keyring", CHECK), &now()],
        )?;
        return Ok(master);
    };
    let (encrypted, salt, check): (bool, Vec<u8>, Vec<u8>) = (row.get(0), row.get(1), row.get(2));
    match (encrypted, key) {
        (true, Key::Plain) => Err(StoreError::Encrypted(where_.to_string())),
        (false, Key::Passphrase(_)) => Err(StoreError::NotEncrypted(where_.to_string())),
        (false, Key::Plain) => Ok(Sealer::plain()),
        (true, Key::Passphrase(p)) => {
            let salt: [u8; 16] = salt
                .try_into()
                .map_err(|_| StoreError::Corrupt("the keyring's salt is damaged".into()))?;
            let master = Sealer::with_key(derive(p, &salt));
            match master.open("keyring", &check) {
                Ok(v) if v == CHECK => Ok(master),
                _ => Err(StoreError::WrongPassphrase(where_.to_string())),
            }
        }
    }
}

/// What the server keeps of a report besides its bytes and document, sealed.
#[derive(serde::Serialize, serde::Deserialize)]
struct ReportMeta {
    id: String,
    path: String,
    sha256: String,
}

/// A capture's description, sealed (its WARC records are sealed apart).
#[derive(serde::Serialize, serde::Deserialize)]
struct CaptureMeta {
    doc: String,
    requested: String,
    url: String,
    captured_at: String,
    warc_sha256: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Failure {
    path: String,
    error: String,
}

fn from_json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(corrupt)
}

/// Store a report inside the caller's transaction (nothing when the case already holds the
/// same bytes, even when another writer stored them a moment ago).
fn insert_report(
    tx: &mut Transaction<'_>,
    k: &Sealer,
    case: i64,
    original: &[u8],
    doc: &Document,
) -> Result<Added> {
    let sha_tag = k.tag("sha256", &doc.sha256);
    let id_tag = k.tag("report id", &doc.id);
    let meta = to_json(&ReportMeta {
        id: doc.id.clone(),
        path: doc.path.clone(),
        sha256: doc.sha256.clone(),
    })?;
    let stored = tx.execute(
        "INSERT INTO reports (case_id, id_tag, sha_tag, meta, original, document, added_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (case_id, sha_tag) DO NOTHING",
        &[
            &case,
            &id_tag,
            &sha_tag,
            &k.seal("report meta", meta.as_bytes()),
            &k.seal("report bytes", original),
            &k.seal("report document", to_json(doc)?.as_bytes()),
            &now(),
        ],
    )?;
    if stored == 1 {
        return Ok(Added::New);
    }
    let row = tx.query_one(
        "SELECT meta FROM reports WHERE case_id = $1 AND sha_tag = $2",
        &[&case, &sha_tag],
    )?;
    let meta: ReportMeta = from_json(&k.open_string("report meta", row.get(0))?)?;
    Ok(Added::Duplicate { path: meta.path })
}

/// Store a report read from a file and, when it is new, its custody entry, inside the caller's
/// transaction (`add` and the ingest queue's workers alike).
fn import_report(
    tx: &mut Transaction<'_>,
    k: &Sealer,
    case: i64,
    (original, doc): (&[u8], &Document),
    by: &str,
) -> Result<Added> {
    let added = insert_report(tx, k, case, original, doc)?;
    if added == Added::New {
        let entry = crate::common::import_entry(doc, original.len());
        append_custody(tx, k, case, &entry, by)?;
    }
    Ok(added)
}

/// Record a file that could not be read (sealed), on the caller's connection.
fn insert_failure(
    c: &mut impl GenericClient,
    k: &Sealer,
    case: i64,
    path: &str,
    error: &str,
) -> Result<()> {
    let entry = to_json(&Failure {
        path: path.into(),
        error: error.into(),
    })?;
    c.execute(
        "INSERT INTO failures (case_id, entry, at) VALUES ($1, $2, $3)",
        &[&case, &k.seal("failure", entry.as_bytes()), &now()],
    )?;
    Ok(())
}

/// Append one entry (its content as stored) to a hash-chained log, inside the caller's
/// transaction. The head row is locked first: concurrent writers wait their turn.
fn append_entry(
    tx: &mut Transaction<'_>,
    chain: Chain,
    case: i64,
    content: &str,
    by: &str,
) -> Result<(i64, String)> {
    let head = tx.query_one(
        &format!(
            "SELECT entries, hash FROM {} WHERE id = 1 FOR UPDATE",
            chain.head
        ),
        &[],
    )?;
    let (entries, prev): (i64, String) = (head.get(0), head.get(1));
    let seq: i64 = tx
        .query_one(
            &format!(
                "SELECT COALESCE(MAX(seq), 0)::BIGINT + 1 FROM {}",
                chain.table
            ),
            &[],
        )?
        .get(0);
    let at = now();
    let hash = entry_hash(&prev, seq, case, &at, by, content);
    tx.execute(
        &format!("INSERT INTO {} (seq, case_id, made_at, made_by, json, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)", chain.table),
        &[&seq, &case, &at, &by, &content, &prev, &hash],
    )?;
    tx.execute(
        &format!(
            "UPDATE {} SET entries = $1, hash = $2 WHERE id = 1",
            chain.head
        ),
        &[&(entries + 1), &hash],
    )?;
    Ok((seq, hash))
}

/// Append a decision (sealed) to the decision log, signed by its author when their key is
/// unlocked.
fn append_decision(
    tx: &mut Transaction<'_>,
    k: &Sealer,
    case: i64,
    decision: &Decision,
    by: &str,
    signer: Option<&crate::Signer>,
) -> Result<()> {
    let content = k.seal_text("decision", &to_json(decision)?);
    let (seq, hash) = append_entry(tx, DECISIONS, case, &content, by)?;
    if let Some(s) = signer.filter(|s| s.name == by) {
        tx.execute(
            "INSERT INTO decision_signatures (seq, signer, signature) VALUES ($1, $2, $3)",
            &[&seq, &s.public_key(), &s.sign(&hash)],
        )?;
    }
    Ok(())
}

fn append_custody(
    tx: &mut Transaction<'_>,
    k: &Sealer,
    case: i64,
    entry: &Custody,
    by: &str,
) -> Result<()> {
    let content = k.seal_text("custody entry", &to_json(entry)?);
    append_entry(tx, CUSTODY, case, &content, by)?;
    Ok(())
}

/// One log entry as read: (seq, entry, made_at, made_by, hash).
type LogEntry<E> = (i64, E, String, String, String);

/// A case's entries in one log after entry `after`, oldest first.
fn read_log<E: serde::de::DeserializeOwned>(
    c: &mut impl GenericClient,
    k: &Sealer,
    chain: Chain,
    label: &str,
    (case, after): (i64, i64),
) -> Result<Vec<LogEntry<E>>> {
    let rows = c.query(
        &format!(
            "SELECT seq, json, made_at, made_by, hash FROM {} WHERE case_id = $1 AND seq > $2 ORDER BY seq",
            chain.table
        ),
        &[&case, &after],
    )?;
    rows.iter()
        .map(|r| {
            let entry = from_json(&k.open_text(label, r.get(1))?)?;
            Ok((r.get(0), entry, r.get(2), r.get(3), r.get(4)))
        })
        .collect()
}

/// A case's decisions after entry `after` of the log, oldest first.
fn decisions_after(
    c: &mut impl GenericClient,
    k: &Sealer,
    case: i64,
    after: i64,
) -> Result<Vec<DecisionRecord>> {
    Ok(read_log(c, k, DECISIONS, "decision", (case, after))?
        .into_iter()
        .map(|(seq, decision, made_at, made_by, hash)| DecisionRecord {
            seq,
            decision,
            made_at,
            made_by,
            hash,
        })
        .collect())
}

fn verify_chain(c: &mut Client, chain: Chain) -> Result<(i64, Vec<String>)> {
    let head = c
        .query_opt(
            &format!("SELECT entries, hash FROM {} WHERE id = 1", chain.head),
            &[],
        )?
        .map(|r| (r.get(0), r.get(1)));
    let rows = c.query(
        &format!(
            "SELECT seq, case_id, made_at, made_by, json, prev_hash, hash FROM {} ORDER BY seq",
            chain.table
        ),
        &[],
    )?;
    let rows = rows.into_iter().map(|r| {
        Ok(ChainRow {
            seq: r.get(0),
            case: r.get(1),
            at: r.get(2),
            by: r.get(3),
            content: r.get(4),
            prev: r.get(5),
            hash: r.get(6),
        })
    });
    check_chain(chain, rows, head)
}

fn verify_signatures(c: &mut Client, upto: Option<i64>) -> Result<(i64, Vec<String>)> {
    let keys: Vec<(String, String)> = c
        .query("SELECT name, public_key FROM user_keys", &[])?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let rows = c.query(
        "SELECT d.seq, d.made_by, d.hash, s.signer, s.signature FROM decision_signatures s \
         JOIN decisions d ON d.seq = s.seq WHERE d.seq <= $1 ORDER BY d.seq",
        &[&upto.unwrap_or(i64::MAX)],
    )?;
    check_signatures(
        &keys,
        rows.into_iter().map(|r| {
            Ok(SignedRow {
                seq: r.get(0),
                by: r.get(1),
                hash: r.get(2),
                signer: r.get(3),
                signature: r.get(4),
            })
        }),
    )
}

fn register_key(tx: &mut Transaction<'_>, signer: &crate::Signer) -> Result<()> {
    tx.execute(
        "INSERT INTO user_keys (name, public_key, created_at) VALUES ($1, $2, $3)",
        &[&signer.name, &signer.public_key(), &now()],
    )?;
    Ok(())
}

fn new_key(name: &str, password: &str) -> Result<(crate::Signer, Vec<u8>)> {
    crate::keys::new_sealed(name, password)
        .ok_or_else(|| StoreError::Invalid("cannot make a signing key".into()))
}

impl Store for PostgresStore {
    fn case(&mut self, name: &str) -> Result<i64> {
        let tag = self.master.tag("case name", name);
        self.with(|c| {
            let find = |c: &mut Client| -> Result<Option<i64>> {
                Ok(c
                    .query_opt("SELECT id FROM cases WHERE name_tag = $1", &[&tag])?
                    .map(|r| r.get(0)))
            };
            if let Some(id) = find(c)? {
                return Ok(id);
            }
            let (_, wrapped) = self.master.new_key();
            c.execute(
                "INSERT INTO cases (name_tag, name, case_key, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name_tag) DO NOTHING",
                &[&tag, &self.master.seal("case name", name.as_bytes()), &wrapped, &now()],
            )?;
            find(c)?.ok_or_else(|| StoreError::NoSuchCase(name.to_string()))
        })
    }

    fn cases(&self) -> Result<Vec<String>> {
        self.with(|c| {
            c.query("SELECT name FROM cases ORDER BY id", &[])?
                .iter()
                .map(|r| self.master.open_string("case name", r.get(0)))
                .collect()
        })
    }

    fn add_reports(
        &mut self,
        case: i64,
        reports: &[(&[u8], &Document)],
        by: &str,
    ) -> Result<Vec<Added>> {
        self.tx(|tx| {
            let k = self.key(tx, case)?;
            reports
                .iter()
                .map(|&(original, doc)| import_report(tx, &k, case, (original, doc), by))
                .collect()
        })
    }

    fn add_capture(
        &mut self,
        case: i64,
        original: &[u8],
        doc: &Document,
        capture: &crate::Capture,
        by: &str,
    ) -> Result<Added> {
        self.tx(|tx| {
            let k = self.key(tx, case)?;
            let added = insert_report(tx, &k, case, original, doc)?;
            let meta = to_json(&CaptureMeta {
                doc: doc.id.clone(),
                requested: capture.requested.clone(),
                url: capture.url.clone(),
                captured_at: capture.captured_at.clone(),
                warc_sha256: capture.warc_sha256.clone(),
            })?;
            tx.execute(
                "INSERT INTO captures (case_id, meta, warc) VALUES ($1, $2, $3)",
                &[
                    &case,
                    &k.seal("capture", meta.as_bytes()),
                    &k.seal("capture warc", &capture.warc),
                ],
            )?;
            let entry = crate::common::capture_entry(doc, capture, original.len());
            append_custody(tx, &k, case, &entry, by)?;
            Ok(added)
        })
    }

    fn captures(&self, case: i64) -> Result<Vec<crate::Capture>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            let rows = c.query(
                "SELECT meta, warc FROM captures WHERE case_id = $1 ORDER BY seq",
                &[&case],
            )?;
            rows.iter()
                .map(|r| {
                    let m: CaptureMeta = from_json(&k.open_string("capture", r.get(0))?)?;
                    Ok(crate::Capture {
                        doc: m.doc,
                        requested: m.requested,
                        url: m.url,
                        captured_at: m.captured_at,
                        warc: k.open("capture warc", r.get(1))?,
                        warc_sha256: m.warc_sha256,
                    })
                })
                .collect()
        })
    }

    fn each_original(&self, case: i64, f: &mut dyn FnMut(&crate::StoredReport<'_>)) -> Result<()> {
        let mut after = 0i64;
        loop {
            // a page at a time: a case's bytes need not all be in memory at once
            let page: Vec<(i64, ReportMeta, Vec<u8>)> = self.with(|c| {
                let k = self.key(c, case)?;
                let rows = c.query(
                    "SELECT seq, meta, original FROM reports WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
                    &[&case, &after, &PAGE],
                )?;
                rows.iter()
                    .map(|r| {
                        let meta = from_json(&k.open_string("report meta", r.get(1))?)?;
                        Ok((r.get(0), meta, k.open("report bytes", r.get(2))?))
                    })
                    .collect()
            })?;
            let Some(last) = page.last() else {
                return Ok(());
            };
            after = last.0;
            for (_, m, bytes) in &page {
                f(&crate::StoredReport {
                    doc: &m.id,
                    path: &m.path,
                    sha256: &m.sha256,
                    bytes,
                });
            }
        }
    }

    fn custody(&self, case: i64) -> Result<Vec<crate::CustodyRecord>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            Ok(read_log(c, &k, CUSTODY, "custody entry", (case, 0))?
                .into_iter()
                .map(
                    |(seq, entry, made_at, made_by, hash)| crate::CustodyRecord {
                        seq,
                        entry,
                        made_at,
                        made_by,
                        hash,
                    },
                )
                .collect())
        })
    }

    fn report_ids(&self, case: i64) -> Result<Vec<String>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            c.query(
                "SELECT meta FROM reports WHERE case_id = $1 ORDER BY seq",
                &[&case],
            )?
            .iter()
            .map(|r| Ok(from_json::<ReportMeta>(&k.open_string("report meta", r.get(0))?)?.id))
            .collect()
        })
    }

    fn generation(&self) -> Result<i64> {
        self.with(|c| {
            Ok(c.query_one("SELECT n FROM generation WHERE id = 1", &[])?
                .get(0))
        })
    }

    fn documents(&self, case: i64) -> Result<Vec<Document>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            c.query(
                "SELECT document FROM reports WHERE case_id = $1 ORDER BY seq",
                &[&case],
            )?
            .iter()
            .map(|r| from_json(&k.open_string("report document", r.get(0))?))
            .collect()
        })
    }

    fn original(&self, case: i64, doc_id: &str) -> Result<Option<Vec<u8>>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            c.query_opt(
                "SELECT original FROM reports WHERE case_id = $1 AND id_tag = $2",
                &[&case, &k.tag("report id", doc_id)],
            )?
            .map(|r| k.open("report bytes", r.get(0)))
            .transpose()
        })
    }

    fn record_failure(&mut self, case: i64, path: &str, error: &str) -> Result<()> {
        self.with(|c| {
            let k = self.key(c, case)?;
            insert_failure(c, &k, case, path, error)
        })
    }

    fn save_case_file(&mut self, case: i64, file: &CaseFile) -> Result<()> {
        self.with(|c| {
            let k = self.key(c, case)?;
            let json = k.seal("case file", &crate::common::pack_case_file(file)?);
            c.execute(
                "INSERT INTO case_files (case_id, built_at, json) VALUES ($1, $2, $3) \
                 ON CONFLICT (case_id) DO UPDATE SET built_at = excluded.built_at, json = excluded.json",
                &[&case, &now(), &json],
            )?;
            Ok(())
        })
    }

    fn case_file(&self, case: i64) -> Result<Option<CaseFile>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            c.query_opt("SELECT json FROM case_files WHERE case_id = $1", &[&case])?
                .map(|r| crate::common::unpack_case_file(&k.open("case file", r.get(0))?))
                .transpose()
        })
    }

    fn annotations(&self, case: i64, version: &str) -> Result<StoredAnnotations> {
        self.with(|c| {
            let k = self.key(c, case)?;
            let mut found = StoredAnnotations::default();
            for r in c.query(
                "SELECT version, body FROM annotations WHERE case_id = $1",
                &[&case],
            )? {
                let made_by: String = r.get(0);
                let read = k
                    .open_string("report annotations", r.get(1))
                    .ok()
                    .and_then(|j| from_json::<Annotations>(&j).ok());
                match read {
                    Some(a) if made_by == version => {
                        found.current.insert(a.doc.clone(), a);
                    }
                    _ => found.stale += 1,
                }
            }
            Ok(found)
        })
    }

    fn save_annotations(
        &mut self,
        case: i64,
        version: &str,
        made: &[(&str, &Annotations)],
    ) -> Result<()> {
        self.tx(|tx| {
            let k = self.key(tx, case)?;
            let ins = tx.prepare(
                "INSERT INTO annotations (case_id, id_tag, version, body) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (case_id, id_tag) DO UPDATE SET version = excluded.version, body = excluded.body",
            )?;
            for (id, a) in made {
                let body = k.seal("report annotations", to_json(a)?.as_bytes());
                tx.execute(&ins, &[&case, &k.tag("report id", id), &version, &body])?;
            }
            Ok(())
        })
    }

    fn remove_report(
        &mut self,
        case: i64,
        doc_id: &str,
        decision: &Decision,
        by: &str,
        signer: Option<&crate::Signer>,
    ) -> Result<bool> {
        self.tx(|tx| {
            let k = self.key(tx, case)?;
            let gone = tx.execute(
                "DELETE FROM reports WHERE case_id = $1 AND id_tag = $2",
                &[&case, &k.tag("report id", doc_id)],
            )?;
            if gone == 0 {
                return Ok(false);
            }
            tx.execute(
                "DELETE FROM annotations WHERE case_id = $1 AND id_tag = $2",
                &[&case, &k.tag("report id", doc_id)],
            )?;
            append_decision(tx, &k, case, decision, by, signer)?;
            Ok(true)
        })
    }

    fn decisions(&self, case: i64) -> Result<Vec<DecisionRecord>> {
        self.with(|c| {
            let k = self.key(c, case)?;
            decisions_after(c, &k, case, 0)
        })
    }

    fn add_decision_on(
        &mut self,
        case: i64,
        decision: &Decision,
        by: &str,
        signer: Option<&crate::Signer>,
        base: Option<i64>,
    ) -> Result<()> {
        self.tx(|tx| {
            let k = self.key(tx, case)?;
            if let Some(base) = base {
                // the log's head first: whoever appends next waits until this is decided
                tx.execute("SELECT 1 FROM audit_head WHERE id = 1 FOR UPDATE", &[])?;
                crate::refuse_conflicts(decision, decisions_after(tx, &k, case, base)?)?;
            }
            append_decision(tx, &k, case, decision, by, signer)
        })
    }

    fn signed_up_to(&self, seq: i64) -> Result<i64> {
        self.with(|c| Ok(verify_signatures(c, Some(seq))?.0))
    }

    fn head(&self, log: crate::Log) -> Result<crate::Head> {
        let chain = chain_of(log);
        self.with(|c| {
            let r = c.query_one(
                &format!(
                    "SELECT COUNT(*), (SELECT hash FROM {t} ORDER BY seq DESC LIMIT 1) FROM {t}",
                    t = chain.table
                ),
                &[],
            )?;
            Ok(crate::Head {
                entries: r.get(0),
                hash: r.get::<_, Option<String>>(1).unwrap_or_default(),
            })
        })
    }

    fn hash_at(&self, log: crate::Log, seq: i64) -> Result<Option<String>> {
        let table = chain_of(log).table;
        self.with(|c| {
            Ok(
                c.query_opt(&format!("SELECT hash FROM {table} WHERE seq = $1"), &[&seq])?
                    .map(|r| r.get(0)),
            )
        })
    }

    fn verify_audit(&self) -> Result<crate::AuditReport> {
        self.with(|c| {
            let (entries, mut problems) = verify_chain(c, DECISIONS)?;
            let (custody_entries, custody_problems) = verify_chain(c, CUSTODY)?;
            problems.extend(custody_problems);
            let (signed, signature_problems) = verify_signatures(c, None)?;
            problems.extend(signature_problems);
            Ok(crate::AuditReport {
                entries,
                custody_entries,
                signed,
                problems,
            })
        })
    }

    fn add_user(&mut self, name: &str, role: Role, password: &str) -> Result<crate::User> {
        let hash = password_hash(password)?;
        let (signer, sealed) = new_key(name, password)?;
        self.tx(|tx| {
            let row = tx
                .query_one(
                    "INSERT INTO users (name, role, password_hash, created_at, sealed_key) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    &[&name, &role.as_str(), &hash, &now(), &sealed],
                )
                .map_err(|e| match e.code() {
                    Some(c) if *c == SqlState::UNIQUE_VIOLATION => {
                        StoreError::Invalid(format!("an account named “{name}” exists already"))
                    }
                    _ => StoreError::from(e),
                })?;
            register_key(tx, &signer)?;
            Ok(crate::User {
                id: row.get(0),
                name: name.into(),
                role,
            })
        })
    }

    fn check_password(&self, name: &str, password: &str) -> Result<Option<crate::User>> {
        let row: Option<(i64, String, String)> = self.with(|c| {
            Ok(c.query_opt(
                "SELECT id, role, password_hash FROM users WHERE name = $1",
                &[&name],
            )?
            .map(|r| (r.get(0), r.get(1), r.get(2))))
        })?;
        let matches = password_matches(row.as_ref().map(|r| r.2.as_str()), password)?;
        Ok(row.filter(|_| matches).map(|(id, role, _)| crate::User {
            id,
            name: name.into(),
            role: stored_role(&role),
        }))
    }

    fn unlock_key(&mut self, name: &str, password: &str) -> Result<Option<crate::Signer>> {
        if self.check_password(name, password)?.is_none() {
            return Ok(None);
        }
        let sealed: Option<Vec<u8>> = self.with(|c| {
            Ok(
                c.query_one("SELECT sealed_key FROM users WHERE name = $1", &[&name])?
                    .get(0),
            )
        })?;
        if let Some(signer) = sealed.and_then(|s| crate::keys::unseal(name, &s, password)) {
            return Ok(Some(signer));
        }
        let (signer, sealed) = new_key(name, password)?;
        self.tx(|tx| {
            tx.execute(
                "UPDATE users SET sealed_key = $1 WHERE name = $2",
                &[&sealed, &name],
            )?;
            register_key(tx, &signer)
        })?;
        Ok(Some(signer))
    }

    fn keys(&self) -> Result<Vec<(String, String)>> {
        self.with(|c| {
            Ok(
                c.query("SELECT name, public_key FROM user_keys ORDER BY id", &[])?
                    .iter()
                    .map(|r| (r.get(0), r.get(1)))
                    .collect(),
            )
        })
    }

    fn create_session(
        &mut self,
        user: &crate::User,
        hours: i64,
    ) -> Result<(String, crate::Session)> {
        let token = random_hex(32);
        let csrf = random_hex(32);
        self.with(|c| {
            c.execute(
                "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                &[&token_hash(&token), &user.id, &csrf, &now(), &expiry(hours)],
            )?;
            Ok(())
        })?;
        Ok((
            token,
            crate::Session {
                user: user.clone(),
                csrf,
            },
        ))
    }

    fn session(&self, token: &str) -> Result<Option<crate::Session>> {
        let row = self.with(|c| {
            Ok(c.query_opt(
                "SELECT u.id, u.name, u.role, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
                &[&token_hash(token)],
            )?
            .map(|r| {
                let expires: String = r.get(4);
                (r.get::<_, i64>(0), r.get::<_, String>(1), r.get::<_, String>(2), r.get::<_, String>(3), expires)
            }))
        })?;
        Ok(row.and_then(|(id, name, role, csrf, expires)| {
            live(&expires).then_some(crate::Session {
                user: crate::User {
                    id,
                    name,
                    role: stored_role(&role),
                },
                csrf,
            })
        }))
    }

    fn end_session(&mut self, token: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "DELETE FROM sessions WHERE token_hash = $1",
                &[&token_hash(token)],
            )?;
            Ok(())
        })
    }

    fn users(&self) -> Result<Vec<crate::User>> {
        self.with(|c| {
            Ok(
                c.query("SELECT id, name, role FROM users ORDER BY name", &[])?
                    .iter()
                    .map(|r| crate::User {
                        id: r.get(0),
                        name: r.get(1),
                        role: stored_role(r.get(2)),
                    })
                    .collect(),
            )
        })
    }

    fn remove_user(&mut self, name: &str) -> Result<bool> {
        self.tx(|tx| {
            tx.execute(
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = $1)",
                &[&name],
            )?;
            Ok(tx.execute("DELETE FROM users WHERE name = $1", &[&name])? > 0)
        })
    }

    fn set_password(&mut self, name: &str, password: &str) -> Result<bool> {
        let hash = password_hash(password)?;
        // the old key is sealed by the old password, which is not asked for: a new key, the
        // old one kept on record so that the entries it signed still verify
        let (signer, sealed) = new_key(name, password)?;
        self.tx(|tx| {
            let changed = tx.execute(
                "UPDATE users SET password_hash = $1, sealed_key = $3 WHERE name = $2",
                &[&hash, &name, &sealed],
            )?;
            if changed > 0 {
                register_key(tx, &signer)?;
            }
            tx.execute(
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = $1)",
                &[&name],
            )?;
            Ok(changed > 0)
        })
    }

    fn end_sessions(&mut self, name: &str) -> Result<usize> {
        self.with(|c| {
            Ok(c.execute(
                "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = $1)",
                &[&name],
            )? as usize)
        })
    }

    fn queue(&mut self) -> Option<&mut dyn crate::JobQueue> {
        Some(self)
    }

    fn search(&self, case: i64, words: &str, limit: usize) -> Result<Vec<crate::SearchHit>> {
        let generation = self.generation()?;
        let cached = self
            .indexes
            .lock()
            .expect("lock")
            .get(&case)
            .filter(|(g, _)| *g == generation)
            .map(|(_, ix)| ix.clone());
        let index = match cached {
            Some(ix) => ix,
            None => {
                let docs = self.documents(case)?;
                let ix = Arc::new(Index::new(docs.into_iter().map(|d| {
                    let p = published(&d);
                    (d.id, p, d.text)
                })));
                self.indexes
                    .lock()
                    .expect("lock")
                    .insert(case, (generation, ix.clone()));
                ix
            }
        };
        Ok(index.search(words, limit))
    }
}

/// A job's description, sealed (its bytes are sealed apart).
#[derive(serde::Serialize, serde::Deserialize)]
struct JobMeta {
    path: String,
    by: String,
}

impl crate::JobQueue for PostgresStore {
    fn enqueue(&mut self, case: i64, path: &str, bytes: &[u8], by: &str) -> Result<()> {
        self.with(|c| {
            let k = self.key(c, case)?;
            let meta = to_json(&JobMeta {
                path: path.into(),
                by: by.into(),
            })?;
            c.execute(
                "INSERT INTO jobs (case_id, meta, bytes, queued_at) VALUES ($1, $2, $3, $4)",
                &[
                    &case,
                    &k.seal("job", meta.as_bytes()),
                    &k.seal("job bytes", bytes),
                    &now(),
                ],
            )?;
            Ok(())
        })
    }

    fn take(
        &mut self,
        worker: &str,
        lease: std::time::Duration,
        max: usize,
    ) -> Result<Vec<crate::Job>> {
        let secs = lease.as_secs_f64();
        let max = max.max(1) as i64;
        // taken and opened on one connection (a case's key is read from it at most once)
        let mut jobs = self.with(|c| {
            let rows = c.query(
                "UPDATE jobs SET taken_by = $1, lease_until = now() + make_interval(secs => $2), attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM jobs WHERE taken_by IS NULL OR lease_until < now() \
                              ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                 RETURNING id, case_id, meta, bytes, attempts",
                &[&worker, &secs, &max],
            )?;
            rows.iter()
                .map(|r| {
                    let case: i64 = r.get(1);
                    let k = self.key(c, case)?;
                    let meta: JobMeta = from_json(&k.open_string("job", r.get(2))?)?;
                    Ok(crate::Job {
                        id: r.get(0),
                        case,
                        path: meta.path,
                        by: meta.by,
                        bytes: k.open("job bytes", r.get(3))?,
                        attempts: r.get(4),
                    })
                })
                .collect::<Result<Vec<_>>>()
        })?;
        jobs.sort_by_key(|j| j.id);
        Ok(jobs)
    }

    fn finish(&mut self, done: &[(crate::Job, Document)]) -> Result<Vec<Added>> {
        self.tx(|tx| {
            let mut out = Vec::with_capacity(done.len());
            for (job, doc) in done {
                let k = self.key(tx, job.case)?;
                let added = import_report(tx, &k, job.case, (&job.bytes, doc), &job.by)?;
                tx.execute("DELETE FROM jobs WHERE id = $1", &[&job.id])?;
                out.push(added);
            }
            Ok(out)
        })
    }

    fn fail(&mut self, job: &crate::Job, error: &str) -> Result<()> {
        self.tx(|tx| {
            let k = self.key(tx, job.case)?;
            insert_failure(tx, &k, job.case, &job.path, error)?;
            tx.execute("DELETE FROM jobs WHERE id = $1", &[&job.id])?;
            Ok(())
        })
    }

    fn pending(&self, case: i64) -> Result<i64> {
        self.with(|c| {
            Ok(
                c.query_one("SELECT COUNT(*) FROM jobs WHERE case_id = $1", &[&case])?
                    .get(0),
            )
        })
    }
}
