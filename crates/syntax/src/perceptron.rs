//! The averaged perceptron both the tagger and the parser learn with, and its frozen form.
//!
//! Training keeps a dense row of class weights per feature (a 64-bit hash), with the running
//! sum needed for averaging (Daumé's trick: the average is `w - u / c`). [`Trainer::freeze`]
//! keeps only the weights that matter, quantised to `i16`, in an open-addressing table, which
//! is what ships and what runs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Combine two values into a well-spread 64-bit hash (never 0).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    x | 1
}

/// A string's hash, stable across runs and machines (FNV-1a, then mixed).
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    mix(h, 0x5eed)
}

/// Learning weights.
pub struct Trainer {
    classes: usize,
    index: FastMap<u64, u32>,
    w: Vec<f32>,
    u: Vec<f32>,
    /// Updates made so far (the `c` of the average).
    pub c: f32,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            index: FastMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            c: 1.0,
        }
    }

    /// Add the current weights of `feats` to `scores` (one per class).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let r = row as usize * self.classes;
                for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.classes]) {
                    *s += w;
                }
            }
        }
    }

    fn row(&mut self, f: u64) -> usize {
        let n = self.index.len() as u32;
        let row = *self.index.entry(f).or_insert(n) as usize;
        if row == n as usize {
            self.w.resize(self.w.len() + self.classes, 0.0);
            self.u.resize(self.u.len() + self.classes, 0.0);
        }
        row * self.classes
    }

    /// Reward `good` and penalise `bad` on every feature.
    pub fn update(&mut self, feats: &[u64], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        let c = self.c;
        for &f in feats {
            let r = self.row(f);
            self.w[r + good] += 1.0;
            self.u[r + good] += c;
            self.w[r + bad] -= 1.0;
            self.u[r + bad] -= c;
        }
    }

    /// Count one training instance (advances the averaging clock).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The averaged weights, keeping per feature only the classes whose weight is at least
    /// `min_abs` in magnitude.
    pub fn freeze(&self, min_abs: f32) -> Frozen {
        let k = self.classes;
        let mut rows: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        let mut max = 0f32;
        for (&f, &row) in &self.index {
            let r = row as usize * k;
            let kept: Vec<(u16, f32)> = (0..k)
                .filter_map(|j| {
                    let a = self.w[r + j] - self.u[r + j] / self.c;
                    (a.abs() >= min_abs && a != 0.0).then_some((j as u16, a))
                })
                .collect();
            if !kept.is_empty() {
                max = kept.iter().fold(max, |m, &(_, a)| m.max(a.abs()));
                rows.push((f, kept));
            }
        }
        rows.sort_by_key(|r| r.0);
        let scale = if max > 0.0 { max / 32000.0 } else { 1.0 };
        let rows = rows
            .into_iter()
            .map(|(f, ws)| {
                let q = ws
                    .into_iter()
                    .map(|(j, a)| (j, (a / scale).round() as i16))
                    .filter(|&(_, q)| q != 0)
                    .collect();
                (f, q)
            })
            .collect();
        Frozen::from_rows(k, scale, rows)
    }
}

/// A slot of the table: a feature's hash (0 = empty) and where its weights are, side by side so
/// that one memory access finds both.
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    start: u32,
    end: u32,
}

/// Weights for use: sparse rows in an open-addressing table.
pub struct Frozen {
    pub classes: usize,
    scale: f32,
    slots: Vec<Slot>,
    entries: Vec<(u16, i16)>,
    /// Features in file order, for writing back.
    order: Vec<u32>,
}

impl Frozen {
    fn from_rows(classes: usize, scale: f32, rows: Vec<(u64, Vec<(u16, i16)>)>) -> Frozen {
        let slots = (rows.len() * 2).next_power_of_two().max(16);
        let mut f = Frozen {
            classes,
            scale,
            slots: vec![Slot::default(); slots],
            entries: Vec::new(),
            order: Vec::with_capacity(rows.len()),
        };
        for (key, ws) in rows {
            let start = f.entries.len() as u32;
            f.entries.extend(ws);
            let end = f.entries.len() as u32;
            let mut s = (key as usize) & (slots - 1);
            while f.slots[s].key != 0 {
                s = (s + 1) & (slots - 1);
            }
            f.slots[s] = Slot { key, start, end };
            f.order.push(s as u32);
        }
        f
    }

    #[inline]
    fn find(&self, key: u64) -> Option<(u32, u32)> {
        let mask = self.slots.len() - 1;
        let mut s = (key as usize) & mask;
        loop {
            let k = self.slots[s];
            if k.key == key {
                return Some((k.start, k.end));
            }
            if k.key == 0 {
                return None;
            }
            s = (s + 1) & mask;
        }
    }

    /// Class scores for `feats`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 512];
        let acc = &mut acc[..self.classes.min(512)];
        let mask = self.slots.len() - 1;
        // the first slot of every feature read in one pass, with no branch between the reads,
        // so that the memory loads (the table is larger than the caches) overlap; a feature not
        // in its first slot is looked up again (rare: the table is at most half full)
        let mut first = [Slot::default(); 64];
        for chunk in feats.chunks(first.len()) {
            for (slot, &f) in first.iter_mut().zip(chunk) {
                *slot = self.slots[(f as usize) & mask];
            }
            for (slot, &f) in first.iter().zip(chunk) {
                let found = if slot.key == f {
                    Some((slot.start, slot.end))
                } else if slot.key == 0 {
                    None
                } else {
                    self.find(f)
                };
                if let Some((a, b)) = found {
                    for &(j, w) in &self.entries[a as usize..b as usize] {
                        acc[j as usize] += w as i32;
                    }
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s = *a as f32 * self.scale;
        }
    }

    /// Number of features kept.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Append to `out`: classes `u32`, scale `f32`, features `u32`, then per feature its hash
    /// `u64`, entry count `u16` and entries `(class u16, weight i16)`.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend((self.classes as u32).to_le_bytes());
        out.extend(self.scale.to_le_bytes());
        out.extend((self.order.len() as u32).to_le_bytes());
        for &s in &self.order {
            let Slot {
                key,
                start: a,
                end: b,
            } = self.slots[s as usize];
            out.extend(key.to_le_bytes());
            out.extend(((b - a) as u16).to_le_bytes());
            for &(j, w) in &self.entries[a as usize..b as usize] {
                out.extend(j.to_le_bytes());
                out.extend(w.to_le_bytes());
            }
        }
    }

    /// Read what [`Frozen::write`] wrote, advancing `r`.
    pub fn read(r: &mut Reader) -> Result<Frozen, String> {
        let classes = r.u32()? as usize;
        if classes > 512 {
            return Err(format!("{classes} classes: at most 512"));
        }
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n.min(1 << 24));
        for _ in 0..n {
            let key = r.u64()?;
            let m = r.u16()? as usize;
            let mut ws = Vec::with_capacity(m);
            for _ in 0..m {
                let j = r.u16()?;
                if j as usize >= classes {
                    return Err(format!("class {j} of {classes}"));
                }
                ws.push((j, r.u16()? as i16));
            }
            if key == 0 {
                return Err("feature hash 0".into());
            }
            rows.push((key, ws));
        }
        Ok(Frozen::from_rows(classes, scale, rows))
    }
}

/// Little-endian reading of a model file, with errors instead of panics.
pub struct Reader<'a> {
    b: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, at: 0 }
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| format!("model file cut short at byte {}", self.at))?;
        self.at += n;
        Ok(s)
    }
    pub fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().expect("2")))
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4")))
    }
    pub fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8")))
    }
    pub fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().expect("4")))
    }
    pub fn str(&mut self) -> Result<String, String> {
        let n = self.u16()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| "model string not UTF-8".into())
    }
    pub fn strings(&mut self) -> Result<Vec<String>, String> {
        let n = self.u32()? as usize;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Append a `u16`-length string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend((s.len() as u16).to_le_bytes());
    out.extend(s.as_bytes());
}

/// Append a `u32`-count list of strings.
pub fn put_strings(out: &mut Vec<u8>, v: &[String]) {
    out.extend((v.len() as u32).to_le_bytes());
    for s in v {
        put_str(out, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule_and_survives_freezing_and_a_round_trip() {
        // class = which of two features is present
        let mut t = Trainer::new(2);
        let data = [(vec![10u64, 99], 0usize), (vec![20u64, 99], 1usize)];
        let mut s = [0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut s);
                let p = if s[1] > s[0] { 1 } else { 0 };
                t.update(f, *y, p);
                t.tick();
            }
        }
        let fz = t.freeze(0.0);
        let mut out = Vec::new();
        fz.write(&mut out);
        let back = Frozen::read(&mut Reader::new(&out)).unwrap();
        for (f, y) in &data {
            back.score(f, &mut s);
            let p = if s[1] > s[0] { 1 } else { 0 };
            assert_eq!(p, *y);
        }
        assert!(Frozen::read(&mut Reader::new(&out[..out.len() - 1])).is_err());
    }
}
