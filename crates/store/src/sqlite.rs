//! SQLite + SQLCipher backend.

use std::io::Read;
use std::path::Path;

use casefile_model::{Annotations, CaseFile, Decision, Document, Role};
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};

use crate::common::{
    chain_of, check_chain, check_signatures, corrupt, derive, entry_hash, now, password_hash,
    password_matches, random_hex, stored_role, to_json, token_hash, Chain, ChainRow, SignedRow,
    CUSTODY, DECISIONS,
};
use crate::migrations::SQLITE as MIGRATIONS;
use crate::{Added, DecisionRecord, Key, Result, Store, StoreError, StoredAnnotations};

const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn head(path: &Path) -> Option<[u8; 16]> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut buf = [0u8; 16];
    f.read_exact(&mut buf).ok()?;
    Some(buf)
}

pub fn is_encrypted(path: &Path) -> Option<bool> {
    head(path).map(|h| &h != PLAIN_HEADER)
}

/// How long a command waits for another casefile that holds the database (an `add`, a build,
/// the web app saving a decision): 30 s, or `CASEFILE_LOCK_WAIT` seconds.
pub fn lock_wait() -> std::time::Duration {
    let secs = std::env::var("CASEFILE_LOCK_WAIT")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(30);
    std::time::Duration::from_secs(secs)
}

/// A case store in one SQLite (SQLCipher) file.
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    pub fn open(path: &Path, key: Key) -> Result<Self> {
        let shown = path.display().to_string();
        let existing = head(path);
        match (&existing, &key) {
            (Some(h), Key::Plain) if h != PLAIN_HEADER => return Err(StoreError::Encrypted(shown)),
            (Some(h), Key::Passphrase(_)) if h == PLAIN_HEADER => {
                return Err(StoreError::NotEncrypted(shown))
            }
            _ => {}
        }
        if existing.is_none() {
            crate::check_new_passphrase(&key, &shown)?;
        }
        let conn = Connection::open(path)?;
        // another casefile (an add, a build, the web app) may be writing: wait for it
        conn.busy_timeout(lock_wait())?;
        // SQLCipher logs failed HMAC checks to stderr; the error below says it better
        let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
        if let Key::Passphrase(p) = &key {
            let salt = match existing {
                Some(h) => h,
                None => {
                    let mut s = [0u8; 16];
                    rand::rngs::OsRng.fill_bytes(&mut s);
                    s
                }
            };
            let k = derive(p, &salt);
            conn.execute_batch(&format!(
                "PRAGMA key = \"x'{}{}'\";",
                hex::encode(k),
                hex::encode(salt)
            ))?;
        }
        if conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .is_err()
        {
            return Err(StoreError::WrongPassphrase(shown));
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;")?;
        let mut store = SqliteStore { conn };
        store.migrate(&shown)?;
        Ok(store)
    }

    /// A store that lives in memory and is gone when dropped (tests, throwaway work).
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = SqliteStore { conn };
        store.migrate(":memory:")?;
        Ok(store)
    }

    fn migrate(&mut self, shown: &str) -> Result<()> {
        self.conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);")?;
        let current: i64 = self.conn.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?;
        let latest = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
        if current > latest {
            return Err(StoreError::TooNew(shown.to_string(), current));
        }
        for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                params![version, name, now()],
            )?;
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?)
    }

    /// Reports that could not be ingested: (path, error).
    pub fn failures(&self, case: i64) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT path, error FROM failures WHERE case_id = ?1 ORDER BY rowid")?;
        let rows = st.query_map([case], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

impl Store for SqliteStore {
    fn case(&mut self, name: &str) -> Result<i64> {
        if let Some(id) = self
            .conn
            .query_row("SELECT id FROM cases WHERE name = ?1", [name], |r| r.get(0))
            .optional()?
        {
            return Ok(id);
        }
        self.conn.execute(
            "INSERT INTO cases (name, created_at) VALUES (?1, ?2)",
            params![name, now()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn cases(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare("SELECT name FROM cases ORDER BY id")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn add_reports(
        &mut self,
        case: i64,
        reports: &[(&[u8], &Document)],
        by: &str,
    ) -> Result<Vec<Added>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(reports.len());
        for &(original, doc) in reports {
            let added = insert_report(&tx, case, original, doc)?;
            if added == Added::New {
                let custody = crate::common::import_entry(doc, original.len());
                append_entry(&tx, CUSTODY, case, &to_json(&custody)?, by)?;
            }
            out.push(added);
        }
        tx.commit()?;
        Ok(out)
    }

    fn add_capture(
        &mut self,
        case: i64,
        original: &[u8],
        doc: &Document,
        capture: &crate::Capture,
        by: &str,
    ) -> Result<Added> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let added = insert_report(&tx, case, original, doc)?;
        let seq: i64 = tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM captures WHERE case_id = ?1",
            [case],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO captures (case_id, doc_id, requested, url, captured_at, warc, warc_sha256, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![case, doc.id, capture.requested, capture.url, capture.captured_at, capture.warc, capture.warc_sha256, seq],
        )?;
        let custody = crate::common::capture_entry(doc, capture, original.len());
        append_entry(&tx, CUSTODY, case, &to_json(&custody)?, by)?;
        tx.commit()?;
        Ok(added)
    }

    fn captures(&self, case: i64) -> Result<Vec<crate::Capture>> {
        let mut st = self.conn.prepare(
            "SELECT doc_id, requested, url, captured_at, warc, warc_sha256 FROM captures WHERE case_id = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([case], |r| {
            Ok(crate::Capture {
                doc: r.get(0)?,
                requested: r.get(1)?,
                url: r.get(2)?,
                captured_at: r.get(3)?,
                warc: r.get(4)?,
                warc_sha256: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn each_original(&self, case: i64, f: &mut dyn FnMut(&crate::StoredReport<'_>)) -> Result<()> {
        let mut st = self.conn.prepare(
            "SELECT id, path, sha256, original FROM reports WHERE case_id = ?1 ORDER BY seq",
        )?;
        let mut rows = st.query([case])?;
        while let Some(r) = rows.next()? {
            let (id, path, sha256): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let bytes = r.get_ref(3)?.as_blob().map_err(rusqlite::Error::from)?;
            f(&crate::StoredReport {
                doc: &id,
                path: &path,
                sha256: &sha256,
                bytes,
            });
        }
        Ok(())
    }

    fn report_ids(&self, case: i64) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT id FROM reports WHERE case_id = ?1 ORDER BY seq")?;
        let rows = st.query_map([case], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn generation(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    fn documents(&self, case: i64) -> Result<Vec<Document>> {
        let mut st = self
            .conn
            .prepare("SELECT document FROM reports WHERE case_id = ?1 ORDER BY seq")?;
        let rows = st.query_map([case], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(serde_json::from_str(&r?).map_err(corrupt)?);
        }
        Ok(out)
    }

    fn original(&self, case: i64, doc_id: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT original FROM reports WHERE case_id = ?1 AND id = ?2",
                params![case, doc_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn record_failure(&mut self, case: i64, path: &str, error: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO failures (case_id, path, error, at) VALUES (?1, ?2, ?3, ?4)",
            params![case, path, error, now()],
        )?;
        Ok(())
    }

    fn save_case_file(&mut self, case: i64, file: &CaseFile) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let packed = crate::common::pack_case_file(file)?;
        tx.execute(
            "INSERT INTO case_files (case_id, built_at, json) VALUES (?1, ?2, ?3) ON CONFLICT(case_id) DO UPDATE SET built_at = excluded.built_at, json = excluded.json",
            params![case, now(), packed],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn case_file(&self, case: i64) -> Result<Option<CaseFile>> {
        // packed (a blob), or plain JSON (text) as stored before
        let stored: Option<Vec<u8>> =
            self.conn
                .query_row(
                    "SELECT json FROM case_files WHERE case_id = ?1",
                    [case],
                    |r| {
                        Ok(match r.get_ref(0)? {
                            rusqlite::types::ValueRef::Blob(b)
                            | rusqlite::types::ValueRef::Text(b) => b.to_vec(),
                            _ => Vec::new(),
                        })
                    },
                )
                .optional()?;
        stored
            .map(|b| crate::common::unpack_case_file(&b))
            .transpose()
    }

    fn annotations(&self, case: i64, version: &str) -> Result<StoredAnnotations> {
        let mut st = self
            .conn
            .prepare("SELECT report_id, version, json FROM annotations WHERE case_id = ?1")?;
        let rows = st.query_map([case], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut found = StoredAnnotations::default();
        for row in rows {
            let (id, made_by, json) = row?;
            match serde_json::from_str::<Annotations>(&json) {
                Ok(a) if made_by == version => {
                    found.current.insert(id, a);
                }
                _ => found.stale += 1,
            }
        }
        Ok(found)
    }

    fn save_annotations(
        &mut self,
        case: i64,
        version: &str,
        made: &[(&str, &Annotations)],
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut ins = tx.prepare(
                "INSERT OR REPLACE INTO annotations (case_id, report_id, version, json) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (id, a) in made {
                ins.execute(params![
                    case,
                    id,
                    version,
                    serde_json::to_string(a).map_err(corrupt)?
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn remove_report(
        &mut self,
        case: i64,
        doc_id: &str,
        decision: &Decision,
        by: &str,
        signer: Option<&crate::Signer>,
    ) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let gone = tx.execute(
            "DELETE FROM reports WHERE case_id = ?1 AND id = ?2",
            params![case, doc_id],
        )?;
        if gone == 0 {
            return Ok(false);
        }
        tx.execute(
            "DELETE FROM report_search WHERE case_id = ?1 AND doc_id = ?2",
            params![case, doc_id],
        )?;
        tx.execute(
            "DELETE FROM annotations WHERE case_id = ?1 AND report_id = ?2",
            params![case, doc_id],
        )?;
        append_decision(&tx, case, decision, by, signer)?;
        tx.commit()?;
        Ok(true)
    }

    fn decisions(&self, case: i64) -> Result<Vec<DecisionRecord>> {
        decisions_after(&self.conn, case, 0)
    }

    fn add_decision_on(
        &mut self,
        case: i64,
        decision: &Decision,
        by: &str,
        signer: Option<&crate::Signer>,
        base: Option<i64>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if let Some(base) = base {
            crate::refuse_conflicts(decision, decisions_after(&tx, case, base)?)?;
        }
        append_decision(&tx, case, decision, by, signer)?;
        tx.commit()?;
        Ok(())
    }

    fn add_user(&mut self, name: &str, role: Role, password: &str) -> Result<crate::User> {
        let hash = password_hash(password)?;
        let (signer, sealed) = crate::keys::new_sealed(name, password)
            .ok_or_else(|| StoreError::Invalid("cannot make a signing key".into()))?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
                "INSERT INTO users (name, role, password_hash, created_at, sealed_key) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, role.as_str(), hash, now(), sealed],
            )
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _)
                    if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    StoreError::Invalid(format!("an account named “{name}” exists already"))
                }
                e => StoreError::from(e),
            })?;
        let id = tx.last_insert_rowid();
        register_key(&tx, &signer)?;
        tx.commit()?;
        Ok(crate::User {
            id,
            name: name.into(),
            role,
        })
    }

    fn check_password(&self, name: &str, password: &str) -> Result<Option<crate::User>> {
        let row: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT id, role, password_hash FROM users WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
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
        let sealed: Option<Vec<u8>> = self.conn.query_row(
            "SELECT sealed_key FROM users WHERE name = ?1",
            [name],
            |r| r.get(0),
        )?;
        if let Some(signer) = sealed.and_then(|s| crate::keys::unseal(name, &s, password)) {
            return Ok(Some(signer));
        }
        // an account made before keys were: give it one now that its password is known
        let (signer, sealed) = crate::keys::new_sealed(name, password)
            .ok_or_else(|| StoreError::Invalid("cannot make a signing key".into()))?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE users SET sealed_key = ?1 WHERE name = ?2",
            params![sealed, name],
        )?;
        register_key(&tx, &signer)?;
        tx.commit()?;
        Ok(Some(signer))
    }

    fn keys(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT name, public_key FROM user_keys ORDER BY rowid")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn create_session(
        &mut self,
        user: &crate::User,
        hours: i64,
    ) -> Result<(String, crate::Session)> {
        let token = random_hex(32);
        let csrf = random_hex(32);
        let expires = crate::common::expiry(hours);
        self.conn.execute(
            "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![token_hash(&token), user.id, csrf, now(), expires],
        )?;
        Ok((
            token,
            crate::Session {
                user: user.clone(),
                csrf,
            },
        ))
    }

    fn session(&self, token: &str) -> Result<Option<crate::Session>> {
        let row: Option<(i64, String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT u.id, u.name, u.role, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1",
                [token_hash(token)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        Ok(row.and_then(|(id, name, role, csrf, expires)| {
            crate::common::live(&expires).then_some(crate::Session {
                user: crate::User {
                    id,
                    name,
                    role: stored_role(&role),
                },
                csrf,
            })
        }))
    }

    fn users(&self) -> Result<Vec<crate::User>> {
        let mut st = self
            .conn
            .prepare("SELECT id, name, role FROM users ORDER BY name")?;
        let rows = st.query_map([], |r| {
            Ok(crate::User {
                id: r.get(0)?,
                name: r.get(1)?,
                role: stored_role(&r.get::<_, String>(2)?),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn remove_user(&mut self, name: &str) -> Result<bool> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = ?1)",
            [name],
        )?;
        let gone = tx.execute("DELETE FROM users WHERE name = ?1", [name])?;
        tx.commit()?;
        Ok(gone > 0)
    }

    fn set_password(&mut self, name: &str, password: &str) -> Result<bool> {
        let hash = password_hash(password)?;
        // the old key is sealed by the old password, which is not asked for: a new key, the
        // old one kept on record so that the entries it signed still verify
        let (signer, sealed) = crate::keys::new_sealed(name, password)
            .ok_or_else(|| StoreError::Invalid("cannot make a signing key".into()))?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE users SET password_hash = ?1, sealed_key = ?3 WHERE name = ?2",
            params![hash, name, sealed],
        )?;
        if changed > 0 {
            register_key(&tx, &signer)?;
        }
        tx.execute(
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = ?1)",
            [name],
        )?;
        tx.commit()?;
        Ok(changed > 0)
    }

    fn end_sessions(&mut self, name: &str) -> Result<usize> {
        Ok(self.conn.execute(
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = ?1)",
            [name],
        )?)
    }

    fn end_session(&mut self, token: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            [token_hash(token)],
        )?;
        Ok(())
    }

    fn search(&self, case: i64, words: &str, limit: usize) -> Result<Vec<crate::SearchHit>> {
        // every word quoted: user input is never FTS5 syntax
        let query: Vec<String> = words
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare(
            "SELECT doc_id, published, snippet(report_search, 3, char(57344), char(57345), '…', 16) FROM report_search \
             WHERE report_search MATCH ?1 AND case_id = ?2 ORDER BY rank LIMIT ?3",
        )?;
        let rows = st.query_map(params![query.join(" "), case, limit as i64], |r| {
            Ok(crate::SearchHit {
                doc: r.get(0)?,
                published: r.get(1)?,
                snippet: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    fn verify_audit(&self) -> Result<crate::AuditReport> {
        let (entries, mut problems) = verify_chain(&self.conn, DECISIONS)?;
        let (custody_entries, custody_problems) = verify_chain(&self.conn, CUSTODY)?;
        problems.extend(custody_problems);
        let (signed, signature_problems) = verify_signatures(&self.conn, None)?;
        problems.extend(signature_problems);
        Ok(crate::AuditReport {
            entries,
            custody_entries,
            signed,
            problems,
        })
    }

    fn signed_up_to(&self, seq: i64) -> Result<i64> {
        Ok(verify_signatures(&self.conn, Some(seq))?.0)
    }

    fn head(&self, log: crate::Log) -> Result<crate::Head> {
        let chain = chain_of(log);
        let (entries, hash): (i64, Option<String>) = self.conn.query_row(
            &format!(
                "SELECT COUNT(*), (SELECT hash FROM {t} ORDER BY seq DESC LIMIT 1) FROM {t}",
                t = chain.table
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(crate::Head {
            entries,
            hash: hash.unwrap_or_default(),
        })
    }

    fn hash_at(&self, log: crate::Log, seq: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT hash FROM {} WHERE seq = ?1", chain_of(log).table),
                [seq],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn custody(&self, case: i64) -> Result<Vec<crate::CustodyRecord>> {
        read_log(
            &self.conn,
            CUSTODY,
            case,
            0,
            |seq, entry, made_at, made_by, hash| crate::CustodyRecord {
                seq,
                entry,
                made_at,
                made_by,
                hash,
            },
        )
    }
}

/// A case's decisions after entry `after` of the log, oldest first.
fn decisions_after(conn: &Connection, case: i64, after: i64) -> Result<Vec<DecisionRecord>> {
    read_log(
        conn,
        DECISIONS,
        case,
        after,
        |seq, decision, made_at, made_by, hash| DecisionRecord {
            seq,
            decision,
            made_at,
            made_by,
            hash,
        },
    )
}

/// The entries of a case in one log after entry `after`, oldest first, each made into a record
/// by `make` from its number, its entry (parsed), when, by whom and its hash.
fn read_log<E: serde::de::DeserializeOwned, R>(
    conn: &Connection,
    chain: Chain,
    case: i64,
    after: i64,
    make: impl Fn(i64, E, String, String, String) -> R,
) -> Result<Vec<R>> {
    let mut st = conn.prepare(&format!(
        "SELECT seq, json, made_at, made_by, hash FROM {} WHERE case_id = ?1 AND seq > ?2 ORDER BY seq",
        chain.table
    ))?;
    let rows = st.query_map([case, after], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (seq, j, made_at, made_by, hash) = r?;
        let entry = serde_json::from_str(&j).map_err(corrupt)?;
        out.push(make(seq, entry, made_at, made_by, hash));
    }
    Ok(out)
}

/// Check every signed decision (up to entry `upto`): see [`check_signatures`].
fn verify_signatures(conn: &Connection, upto: Option<i64>) -> Result<(i64, Vec<String>)> {
    let keys = {
        let mut st = conn.prepare("SELECT name, public_key FROM user_keys")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()?
    };
    let mut st = conn.prepare(
        "SELECT d.seq, d.made_by, d.hash, s.signer, s.signature FROM decision_signatures s \
         JOIN decisions d ON d.seq = s.seq WHERE d.seq <= ?1 ORDER BY d.seq",
    )?;
    let rows = st.query_map([upto.unwrap_or(i64::MAX)], |r| {
        Ok(SignedRow {
            seq: r.get(0)?,
            by: r.get(1)?,
            hash: r.get(2)?,
            signer: r.get(3)?,
            signature: r.get(4)?,
        })
    })?;
    check_signatures(&keys, rows.map(|r| r.map_err(StoreError::from)))
}

/// Check one hash-chained log: see [`check_chain`].
fn verify_chain(conn: &Connection, chain: Chain) -> Result<(i64, Vec<String>)> {
    let head: Option<(i64, String)> = conn
        .query_row(
            &format!("SELECT entries, hash FROM {} WHERE id = 1", chain.head),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut st = conn.prepare(&format!(
        "SELECT seq, case_id, made_at, made_by, json, prev_hash, hash FROM {} ORDER BY seq",
        chain.table
    ))?;
    let rows = st.query_map([], |r| {
        Ok(ChainRow {
            seq: r.get(0)?,
            case: r.get(1)?,
            at: r.get(2)?,
            by: r.get(3)?,
            content: r.get(4)?,
            prev: r.get(5)?,
            hash: r.get(6)?,
        })
    })?;
    check_chain(chain, rows.map(|r| r.map_err(StoreError::from)), head)
}

/// Store a report's bytes, document and search text inside the caller's transaction (nothing
/// when the case already holds the same bytes).
fn insert_report(
    tx: &rusqlite::Transaction<'_>,
    case: i64,
    original: &[u8],
    doc: &Document,
) -> Result<Added> {
    if let Some(path) = tx
        .query_row(
            "SELECT path FROM reports WHERE case_id = ?1 AND sha256 = ?2",
            params![case, doc.sha256],
            |r| r.get::<_, String>(0),
        )
        .optional()?
    {
        return Ok(Added::Duplicate { path });
    }
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM reports WHERE case_id = ?1",
        [case],
        |r| r.get(0),
    )?;
    let json = serde_json::to_string(doc).map_err(corrupt)?;
    tx.execute(
        "INSERT INTO reports (case_id, id, sha256, path, original, document, added_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![case, doc.id, doc.sha256, doc.path, original, json, now(), seq],
    )?;
    let published = crate::common::published(doc);
    tx.execute(
        "INSERT INTO report_search (case_id, doc_id, published, text) VALUES (?1, ?2, ?3, ?4)",
        params![case, doc.id, published, doc.text],
    )?;
    Ok(Added::New)
}

/// Append one decision to the hash-chained decision log, inside the caller's transaction,
/// signed by its author when the author's key is unlocked.
fn append_decision(
    tx: &rusqlite::Transaction<'_>,
    case: i64,
    decision: &Decision,
    by: &str,
    signer: Option<&crate::Signer>,
) -> Result<()> {
    let (seq, hash) = append_entry(tx, DECISIONS, case, &to_json(decision)?, by)?;
    if let Some(s) = signer.filter(|s| s.name == by) {
        tx.execute(
            "INSERT INTO decision_signatures (seq, signer, signature) VALUES (?1, ?2, ?3)",
            params![seq, s.public_key(), s.sign(&hash)],
        )?;
    }
    Ok(())
}

/// Record an author's public key (all keys an account ever had stay on record).
fn register_key(tx: &rusqlite::Transaction<'_>, signer: &crate::Signer) -> Result<()> {
    tx.execute(
        "INSERT INTO user_keys (name, public_key, created_at) VALUES (?1, ?2, ?3)",
        params![signer.name, signer.public_key(), now()],
    )?;
    Ok(())
}

/// Append one entry (JSON) to a hash-chained log, inside the caller's transaction.
fn append_entry(
    tx: &rusqlite::Transaction<'_>,
    chain: Chain,
    case: i64,
    json: &str,
    by: &str,
) -> Result<(i64, String)> {
    let (entries, prev): (i64, String) = tx
        .query_row(
            &format!("SELECT entries, hash FROM {} WHERE id = 1", chain.head),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new()));
    let seq: i64 = tx.query_row(
        &format!("SELECT COALESCE(MAX(seq), 0) + 1 FROM {}", chain.table),
        [],
        |r| r.get(0),
    )?;
    let at = now();
    let hash = entry_hash(&prev, seq, case, &at, by, json);
    tx.execute(
        &format!("INSERT INTO {} (seq, case_id, made_at, made_by, json, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", chain.table),
        params![seq, case, at, by, json, prev, hash],
    )?;
    tx.execute(
        &format!("INSERT INTO {} (id, entries, hash) VALUES (1, ?1, ?2) ON CONFLICT(id) DO UPDATE SET entries = excluded.entries, hash = excluded.hash", chain.head),
        params![entries + 1, hash],
    )?;
    Ok((seq, hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, sha: &str) -> Document {
        Document {
            sha256: sha.to_string(),
            ..Document::from_text(sha[..16].to_string(), format!("{sha}.txt"), text)
        }
    }

    #[test]
    fn encrypted_roundtrip_wrong_passphrase_and_many_cases() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.db");
        {
            let mut s = SqliteStore::open(&path, Key::Passphrase("correct horse".into())).unwrap();
            let a = s.case("alpha").unwrap();
            let b = s.case("beta").unwrap();
            assert_eq!(
                s.add_report(a, b"hello", &doc("hello", "aaaaaaaaaaaaaaaaaaaa"), "t")
                    .unwrap(),
                Added::New
            );
            assert!(matches!(
                s.add_report(a, b"hello", &doc("hello", "aaaaaaaaaaaaaaaaaaaa"), "t")
                    .unwrap(),
                Added::Duplicate { .. }
            ));
            s.add_report(b, b"other", &doc("other", "bbbbbbbbbbbbbbbbbbbb"), "t")
                .unwrap();
            s.add_decision(
                a,
                &Decision::Merge {
                    a: "X".into(),
                    b: "Y".into(),
                },
                "tester",
                None,
            )
            .unwrap();
        }
        // the file is not plain SQLite and holds no readable text
        let bytes = std::fs::read(&path).unwrap();
        assert_ne!(&bytes[..16], PLAIN_HEADER);
        assert!(!bytes.windows(5).any(|w| w == b"hello"));
        assert!(is_encrypted(&path).unwrap());
        // wrong passphrase: refused, file unchanged
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(
            SqliteStore::open(&path, Key::Passphrase("wrong".into())),
            Err(StoreError::WrongPassphrase(_))
        ));
        assert!(matches!(
            SqliteStore::open(&path, Key::Plain),
            Err(StoreError::Encrypted(_))
        ));
        assert_eq!(before, std::fs::read(&path).unwrap());
        // right passphrase: everything there, per case
        let mut s = SqliteStore::open(&path, Key::Passphrase("correct horse".into())).unwrap();
        let a = s.case("alpha").unwrap();
        let b = s.case("beta").unwrap();
        assert_eq!(s.documents(a).unwrap().len(), 1);
        assert_eq!(s.documents(b).unwrap()[0].text, "other");
        assert_eq!(
            s.original(a, "aaaaaaaaaaaaaaaa").unwrap().unwrap(),
            b"hello"
        );
        assert_eq!(s.decisions(a).unwrap()[0].made_by, "tester");
        assert!(s.verify_audit().unwrap().problems.is_empty());
        assert_eq!(s.cases().unwrap(), vec!["alpha", "beta"]);
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.last().unwrap().0);
        // each report stored is an entry of the custody log, with its hash
        let custody = s.custody(a).unwrap();
        assert_eq!(custody.len(), 1);
        assert_eq!(custody[0].entry.sha256(), "aaaaaaaaaaaaaaaaaaaa");
        assert_eq!(s.verify_audit().unwrap().custody_entries, 2);
        // the search index lives in the encrypted file too
        let hits = s.search(a, "HELLO", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].doc, "aaaaaaaaaaaaaaaa");
        assert!(
            s.search(a, "\" OR *", 10).unwrap().is_empty(),
            "no query syntax from users"
        );
        assert!(
            s.search(b, "hello", 10).unwrap().is_empty(),
            "rows know their case"
        );
    }

    #[test]
    fn plain_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plain.db");
        {
            let mut s = SqliteStore::open(&path, Key::Plain).unwrap();
            let a = s.case("c").unwrap();
            s.add_report(a, b"x", &doc("x", "cccccccccccccccccccc"), "t")
                .unwrap();
        }
        assert!(!is_encrypted(&path).unwrap());
        assert!(matches!(
            SqliteStore::open(&path, Key::Passphrase("p".into())),
            Err(StoreError::NotEncrypted(_))
        ));
        let mut s = SqliteStore::open(&path, Key::Plain).unwrap();
        let a = s.case("c").unwrap();
        assert_eq!(s.documents(a).unwrap().len(), 1);
    }
}
