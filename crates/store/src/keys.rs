//! Authors' signing keys. Each account has an Ed25519 key pair; the private key is sealed
//! (XChaCha20-Poly1305) under a key derived from the account's own password with Argon2id, so
//! the database's passphrase alone does not open it. A decision made by a signed-in author
//! carries the author's signature over its entry hash (which covers the entry before it, its
//! number, case, time, author and content): someone holding the passphrase can rewrite the
//! log, but cannot sign as the author.

use argon2::Argon2;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use rand::RngCore;

/// An author's unsealed signing key, held in memory only while they are signed in.
#[derive(Clone)]
pub struct Signer {
    /// The account the key belongs to.
    pub name: String,
    key: SigningKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({}, {})", self.name, self.public_key())
    }
}

impl PartialEq for Signer {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.public_key() == other.public_key()
    }
}
impl Eq for Signer {}

impl Signer {
    /// The public key, hex.
    pub fn public_key(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }
    /// A signature (hex) over an entry hash (hex).
    pub fn sign(&self, entry_hash: &str) -> String {
        hex::encode(self.key.sign(entry_hash.as_bytes()).to_bytes())
    }
}

/// Whether `signature` (hex) is `public_key`'s (hex) over `entry_hash`.
pub fn verify(public_key: &str, entry_hash: &str, signature: &str) -> bool {
    let (Ok(pk), Ok(sig)) = (hex::decode(public_key), hex::decode(signature)) else {
        return false;
    };
    let (Ok(pk), Ok(sig)) = (<[u8; 32]>::try_from(pk), <[u8; 64]>::try_from(sig)) else {
        return false;
    };
    let Ok(vk) = VerifyingKey::from_bytes(&pk) else {
        return false;
    };
    vk.verify(entry_hash.as_bytes(), &Signature::from_bytes(&sig))
        .is_ok()
}

fn seal_key(password: &str, salt: &[u8]) -> Option<[u8; 32]> {
    let mut k = [0u8; 32];
    Argon2::default()
        .hash_password_into(password.as_bytes(), salt, &mut k)
        .ok()?;
    Some(k)
}

/// A new key pair for `name`: the signer, and the private key sealed by `password`
/// (salt ‖ nonce ‖ ciphertext).
pub fn new_sealed(name: &str, password: &str) -> Option<(Signer, Vec<u8>)> {
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let signer = Signer {
        name: name.to_string(),
        key: SigningKey::from_bytes(&secret),
    };
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let k = seal_key(password, &salt)?;
    let ct = XChaCha20Poly1305::new(&k.into())
        .encrypt(XNonce::from_slice(&nonce), secret.as_slice())
        .ok()?;
    let mut sealed = salt.to_vec();
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ct);
    Some((signer, sealed))
}

/// Open a sealed key with the account's password (None: wrong password or damaged).
pub fn unseal(name: &str, sealed: &[u8], password: &str) -> Option<Signer> {
    if sealed.len() < 16 + 24 + 32 {
        return None;
    }
    let (salt, rest) = sealed.split_at(16);
    let (nonce, ct) = rest.split_at(24);
    let k = seal_key(password, salt)?;
    let secret = XChaCha20Poly1305::new(&k.into())
        .decrypt(XNonce::from_slice(nonce), ct)
        .ok()?;
    let secret: [u8; 32] = secret.try_into().ok()?;
    Some(Signer {
        name: name.to_string(),
        key: SigningKey::from_bytes(&secret),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_with_its_password_only_and_signs() {
        let (signer, sealed) = new_sealed("ana", "correct horse battery").unwrap();
        assert!(unseal("ana", &sealed, "wrong password here").is_none());
        let back = unseal("ana", &sealed, "correct horse battery").unwrap();
        assert_eq!(back, signer);
        let sig = back.sign("abc123");
        assert!(verify(&signer.public_key(), "abc123", &sig));
        assert!(!verify(&signer.public_key(), "abc124", &sig));
        let (other, _) = new_sealed("mallory", "another password").unwrap();
        assert!(!verify(&other.public_key(), "abc123", &sig));
        assert!(!verify("zz", "abc123", &sig));
    }
}
