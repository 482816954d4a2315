//! Sealing case data before it leaves casefile for a database server.
//!
//! A team database (PostgreSQL) is run by someone else and may be seized, so casefile does not
//! trust it with anything readable. The server passphrase gives, with Argon2id and a salt kept
//! in the database, a master key; each case has its own random key, stored wrapped
//! (XChaCha20-Poly1305) by the master key. Every report's bytes, text and document, every case
//! file, decision and custody entry, capture and failure is sealed with its case's key before
//! it is sent, each with a label of what it is (the AEAD's associated data), so that a sealed
//! value moved to another column, row kind or case does not open. Lookups that must run on the
//! server (a case by name, a report by id or by its bytes' SHA-256) use keyed tags
//! (HMAC-SHA-256), which say nothing about what they tag to someone without the key.
//!
//! A database made with `--no-encryption` seals nothing: [`Sealer::plain`] passes values
//! through and its tags are the values themselves.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;

use crate::{Result, StoreError};

const NONCE: usize = 24;

/// A key that seals and tags, or none (a database made without encryption).
#[derive(Clone)]
pub(crate) struct Sealer {
    key: Option<[u8; 32]>,
}

impl Sealer {
    /// Seals nothing: for databases made with `--no-encryption`.
    pub fn plain() -> Sealer {
        Sealer { key: None }
    }

    pub fn with_key(key: [u8; 32]) -> Sealer {
        Sealer { key: Some(key) }
    }

    /// `plain` sealed: nonce ‖ ciphertext, bound to `label`.
    pub fn seal(&self, label: &str, plain: &[u8]) -> Vec<u8> {
        let Some(key) = &self.key else {
            return plain.to_vec();
        };
        let mut nonce = [0u8; NONCE];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let ct = XChaCha20Poly1305::new(key.into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: label.as_bytes(),
                },
            )
            .expect("XChaCha20-Poly1305 seals any length this store holds");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        out
    }

    /// A value sealed by [`Sealer::seal`] with the same label, opened; an error when it was
    /// changed, moved, or sealed by another key.
    pub fn open(&self, label: &str, sealed: &[u8]) -> Result<Vec<u8>> {
        let Some(key) = &self.key else {
            return Ok(sealed.to_vec());
        };
        let refuse = || {
            StoreError::Corrupt(format!(
                "a sealed {label} does not open: it was changed or moved in the database, or sealed by another key"
            ))
        };
        if sealed.len() < NONCE {
            return Err(refuse());
        }
        let (nonce, ct) = sealed.split_at(NONCE);
        XChaCha20Poly1305::new(key.into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: label.as_bytes(),
                },
            )
            .map_err(|_| refuse())
    }

    /// Text sealed, as text (hex) for text columns such as the hash-chained logs'.
    pub fn seal_text(&self, label: &str, plain: &str) -> String {
        match self.key {
            None => plain.to_string(),
            Some(_) => hex::encode(self.seal(label, plain.as_bytes())),
        }
    }

    /// Text sealed by [`Sealer::seal_text`], opened.
    pub fn open_text(&self, label: &str, sealed: &str) -> Result<String> {
        if self.key.is_none() {
            return Ok(sealed.to_string());
        }
        let bytes = hex::decode(sealed).map_err(crate::common::corrupt)?;
        String::from_utf8(self.open(label, &bytes)?).map_err(crate::common::corrupt)
    }

    /// Bytes sealed by [`Sealer::seal`], opened and read as UTF-8.
    pub fn open_string(&self, label: &str, sealed: &[u8]) -> Result<String> {
        String::from_utf8(self.open(label, sealed)?).map_err(crate::common::corrupt)
    }

    /// A keyed tag of `value` (HMAC-SHA-256, hex) for lookups on the server; the value itself
    /// when nothing is sealed.
    pub fn tag(&self, label: &str, value: &str) -> String {
        let Some(key) = &self.key else {
            return value.to_string();
        };
        let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key");
        mac.update(label.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// A new random key, and it sealed by this one (empty when nothing is sealed).
    pub fn new_key(&self) -> (Sealer, Vec<u8>) {
        if self.key.is_none() {
            return (Sealer::plain(), Vec::new());
        }
        let mut k = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut k);
        (Sealer::with_key(k), self.seal("case key", &k))
    }

    /// A key sealed by [`Sealer::new_key`], opened.
    pub fn unwrap_key(&self, wrapped: &[u8]) -> Result<Sealer> {
        if self.key.is_none() {
            return Ok(Sealer::plain());
        }
        let k = self.open("case key", wrapped)?;
        let k: [u8; 32] = k
            .try_into()
            .map_err(|_| StoreError::Corrupt("a case key has the wrong length".into()))?;
        Ok(Sealer::with_key(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_and_label() {
        let master = Sealer::with_key([7; 32]);
        let (case, wrapped) = master.new_key();
        let s = case.seal("report", b"Salekh Magamadov");
        assert!(!s.windows(6).any(|w| w == b"Salekh"));
        assert_eq!(case.open("report", &s).unwrap(), b"Salekh Magamadov");
        assert!(
            case.open("document", &s).is_err(),
            "moved to another column"
        );
        assert!(master.open("report", &s).is_err(), "another key");
        let mut changed = s.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert!(case.open("report", &changed).is_err());
        let again = master.unwrap_key(&wrapped).unwrap();
        assert_eq!(again.open("report", &s).unwrap(), b"Salekh Magamadov");
        assert_eq!(case.tag("id", "abc"), again.tag("id", "abc"));
        assert_ne!(case.tag("id", "abc"), master.tag("id", "abc"));
        assert_ne!(case.tag("id", "abc"), "abc");
        let t = case.seal_text("decision", "{\"merge\":1}");
        assert_eq!(case.open_text("decision", &t).unwrap(), "{\"merge\":1}");
    }

    #[test]
    fn plain_passes_through() {
        let p = Sealer::plain();
        assert_eq!(p.seal("x", b"abc"), b"abc");
        assert_eq!(p.tag("x", "abc"), "abc");
        assert!(p.new_key().1.is_empty());
    }
}
