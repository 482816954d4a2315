//! What both backends share: the hash chain and its checks, signature checks, password and
//! token hashing, and the passphrase's key derivation. One definition each, so that the two
//! stores cannot drift apart on what "intact" or "the same password" means.

use argon2::{Algorithm, Argon2, Params, Version};
use casefile_model::{CaseFile, Document, Role};
use rand::RngCore;

use crate::{Result, StoreError};

/// Argon2id parameters: 64 MiB, 3 passes, 1 lane (above the OWASP minimum).
pub(crate) fn derive(passphrase: &str, salt: &[u8; 16]) -> [u8; 32] {
    let params = Params::new(64 * 1024, 3, 1, Some(32)).expect("valid Argon2 parameters");
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .expect("Argon2 with a 16-byte salt and 32-byte output");
    out
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(corrupt)
}

/// What a stored case file starts with: its JSON compressed (deflate) follows.
const PACKED: &[u8; 4] = b"CFz1";

/// A case file as stored: [`PACKED`] and its JSON compressed, so that a large case is written,
/// and rewritten on every rebuild, in a tenth of the bytes.
pub(crate) fn pack_case_file(file: &CaseFile) -> Result<Vec<u8>> {
    use std::io::Write;
    let z = flate2::write::DeflateEncoder::new(PACKED.to_vec(), flate2::Compression::fast());
    // the encoder is slow on serde's many small writes: give it large ones
    let mut w = std::io::BufWriter::with_capacity(1 << 16, z);
    serde_json::to_writer(&mut w, file).map_err(corrupt)?;
    w.flush().map_err(corrupt)?;
    w.into_inner()
        .map_err(|e| corrupt(e.error()))?
        .finish()
        .map_err(corrupt)
}

/// A stored case file read back: packed by [`pack_case_file`], or plain JSON as stored before.
pub(crate) fn unpack_case_file(bytes: &[u8]) -> Result<CaseFile> {
    use std::io::Read;
    match bytes.strip_prefix(PACKED) {
        Some(z) => {
            let mut json = Vec::new();
            flate2::read::DeflateDecoder::new(z)
                .read_to_end(&mut json)
                .map_err(corrupt)?;
            serde_json::from_slice(&json).map_err(corrupt)
        }
        None => serde_json::from_slice(bytes).map_err(corrupt),
    }
}

/// A password as stored: its Argon2id hash (PHC string), refused when shorter than 10 characters.
pub(crate) fn password_hash(password: &str) -> Result<String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    if password.chars().count() < 10 {
        return Err(StoreError::Invalid(
            "the password is too short: use at least 10 characters".into(),
        ));
    }
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| StoreError::Invalid(format!("cannot hash the password: {e}")))?
        .to_string())
}

/// Whether `password` is the one whose hash is `stored` (None: no such account, and the same
/// time is spent as for a real check, so that names cannot be probed by timing).
pub(crate) fn password_matches(stored: Option<&str>, password: &str) -> Result<bool> {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let Some(stored) = stored else {
        let _ = Argon2::default().hash_password_into(
            password.as_bytes(),
            b"casefile-no-user",
            &mut [0u8; 32],
        );
        return Ok(false);
    };
    let parsed = PasswordHash::new(stored).map_err(corrupt)?;
    Ok(Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

/// A role as stored. The schema's CHECK allows only the three names; anything else is read as
/// the least powerful role rather than trusted.
pub(crate) fn stored_role(s: &str) -> Role {
    s.parse().unwrap_or(Role::Viewer)
}

pub(crate) fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// When a session made now for `hours` ends.
pub(crate) fn expiry(hours: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(hours))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Whether a session ending at `expires` (RFC 3339) is still live.
pub(crate) fn live(expires: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(expires).is_ok_and(|e| e > chrono::Utc::now())
}

/// The date a report was published (or the earliest it can have been), ISO; empty if unknown.
pub(crate) fn published(doc: &Document) -> String {
    doc.published
        .as_ref()
        .map(|p| p.value.clone())
        .or_else(|| {
            doc.published_bounds
                .as_ref()
                .and_then(|b| b.earliest.clone())
        })
        .unwrap_or_default()
}

/// The custody entry of a report stored from a file: its path, SHA-256 and size.
pub(crate) fn import_entry(doc: &Document, size: usize) -> casefile_model::Custody {
    casefile_model::Custody::Import {
        doc: doc.id.clone(),
        path: doc.path.clone(),
        sha256: doc.sha256.clone(),
        size,
    }
}

/// The custody entry of a captured page: where from, when, and the hashes of page and WARC.
pub(crate) fn capture_entry(
    doc: &Document,
    capture: &crate::Capture,
    size: usize,
) -> casefile_model::Custody {
    casefile_model::Custody::Capture {
        doc: doc.id.clone(),
        requested: capture.requested.clone(),
        url: capture.url.clone(),
        captured_at: capture.captured_at.clone(),
        sha256: doc.sha256.clone(),
        size,
        warc_sha256: capture.warc_sha256.clone(),
    }
}

/// A hash-chained, append-only log: its table and the table holding its head.
#[derive(Clone, Copy)]
pub(crate) struct Chain {
    pub table: &'static str,
    pub head: &'static str,
    /// How problems name it.
    pub name: &'static str,
}

pub(crate) const DECISIONS: Chain = Chain {
    table: "decisions",
    head: "audit_head",
    name: "decision log",
};
pub(crate) const CUSTODY: Chain = Chain {
    table: "custody",
    head: "custody_head",
    name: "custody log",
};

pub(crate) fn chain_of(log: crate::Log) -> Chain {
    match log {
        crate::Log::Decisions => DECISIONS,
        crate::Log::Custody => CUSTODY,
    }
}

/// The hash of one log entry, chained to the one before. `content` is the entry as stored.
pub(crate) fn entry_hash(
    prev: &str,
    seq: i64,
    case: i64,
    at: &str,
    by: &str,
    content: &str,
) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [prev, &seq.to_string(), &case.to_string(), at, by, content] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// One entry of a hash-chained log as stored.
pub(crate) struct ChainRow {
    pub seq: i64,
    pub case: i64,
    pub at: String,
    pub by: String,
    /// The entry as stored (what its hash covers).
    pub content: String,
    pub prev: String,
    pub hash: String,
}

/// Check one hash-chained log, its rows in order of `seq`: every entry's hash, the chain, and
/// the head (entries written, last hash). Returns the entries and the problems.
pub(crate) fn check_chain(
    chain: Chain,
    rows: impl IntoIterator<Item = Result<ChainRow>>,
    head: Option<(i64, String)>,
) -> Result<(i64, Vec<String>)> {
    let mut problems = Vec::new();
    let mut running = String::new();
    let mut entries = 0i64;
    let mut last_seq = 0i64;
    let name = chain.name;
    for r in rows {
        let ChainRow {
            seq,
            case,
            at,
            by,
            content,
            prev,
            hash,
        } = r?;
        entries += 1;
        if seq != last_seq + 1 {
            problems.push(format!(
                "{name}: entries {}–{} are missing (removed from the log)",
                last_seq + 1,
                seq - 1
            ));
        }
        if prev != running {
            problems.push(format!("{name}: entry {seq} does not follow the entry before it (an entry before it was removed or changed)"));
        }
        if entry_hash(&prev, seq, case, &at, &by, &content) != hash {
            problems.push(format!(
                "{name}: entry {seq} ({by}, {at}) was edited after it was written"
            ));
        }
        running = hash;
        last_seq = seq;
    }
    match head {
        Some((n, h)) if n != entries || h != running => {
            problems.push(format!("{name}: the log holds {entries} entries but {n} were written: entries at its end were removed"));
        }
        None if entries > 0 => problems.push(format!("{name}: the log's head record is missing")),
        _ => {}
    }
    Ok((entries, problems))
}

/// One signed decision as stored: its number, author, hash, the signing key and the signature.
pub(crate) struct SignedRow {
    pub seq: i64,
    pub by: String,
    pub hash: String,
    pub signer: String,
    pub signature: String,
}

/// Check signed decisions: each signature is over the entry's hash as it stands, by a key its
/// author had (`keys`: every (account, public key) ever registered). Returns the number of
/// valid signatures and the problems.
pub(crate) fn check_signatures(
    keys: &[(String, String)],
    rows: impl IntoIterator<Item = Result<SignedRow>>,
) -> Result<(i64, Vec<String>)> {
    let (mut signed, mut problems) = (0, Vec::new());
    for r in rows {
        let SignedRow {
            seq,
            by,
            hash,
            signer,
            signature,
        } = r?;
        if !crate::keys::verify(&signer, &hash, &signature) {
            problems.push(format!(
                "decision log: entry {seq} ({by}) is not what its author signed: it was changed after"
            ));
        } else if !keys.iter().any(|(n, k)| *n == by && *k == signer) {
            problems.push(format!(
                "decision log: entry {seq} is signed by a key that was never {by}'s"
            ));
        } else {
            signed += 1;
        }
    }
    Ok((signed, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(seq: i64, prev: &str, content: &str) -> ChainRow {
        let hash = entry_hash(prev, seq, 1, "t", "ana", content);
        ChainRow {
            seq,
            case: 1,
            at: "t".into(),
            by: "ana".into(),
            content: content.into(),
            prev: prev.into(),
            hash,
        }
    }

    #[test]
    fn a_chain_is_intact_until_an_entry_changes_or_goes() {
        let a = row(1, "", "a");
        let b = row(2, &a.hash, "b");
        let head = Some((2, b.hash.clone()));
        let ok = check_chain(
            DECISIONS,
            [Ok(row(1, "", "a")), Ok(row(2, &a.hash, "b"))],
            head.clone(),
        );
        assert_eq!(ok.unwrap(), (2, vec![]));
        let mut edited = row(2, &a.hash, "b");
        edited.content = "c".into();
        let (_, p) =
            check_chain(DECISIONS, [Ok(row(1, "", "a")), Ok(edited)], head.clone()).unwrap();
        assert!(p[0].contains("edited"), "{p:?}");
        let (_, p) = check_chain(DECISIONS, [Ok(row(1, "", "a"))], head).unwrap();
        assert!(p[0].contains("were removed"), "{p:?}");
    }
}
