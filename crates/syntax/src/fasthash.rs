//! Hashers for the models' tables, faster than the standard library's SipHash, which guards
//! against keys chosen by an attacker to collide: these tables' keys are fixed when a model is
//! trained (feature hashes, the word-class vocabulary), and a report's words only look them up.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, with a final mix so that the table's bucket bits are well spread.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut x = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            x ^= u64::from(b);
            x = x.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = x;
    }

    fn write_u64(&mut self, k: u64) {
        // keys already hashed (features): one multiply spreads them
        self.0 = (self.0 ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        let x = self.0;
        (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
    }
}

/// A `HashMap` with [`Fnv`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_what_was_put_and_nothing_else() {
        let mut m: FastMap<String, u32> = FastMap::default();
        let mut f: FastMap<u64, u32> = FastMap::default();
        for i in 0..5000u32 {
            m.insert(format!("w{i}"), i);
            f.insert(u64::from(i) << 40, i);
        }
        assert!((0..5000u32).all(|i| m[&format!("w{i}")] == i && f[&(u64::from(i) << 40)] == i));
        assert!(!m.contains_key("w5000") && !f.contains_key(&1));
    }
}
