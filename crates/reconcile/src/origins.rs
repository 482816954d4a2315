//! Where each passage's information comes from, for counting independent sources.
//!
//! A passage's origin is, in order: an outlet or agency the sentence cites ("according to
//! Meduza", "told AFP", "RIA Novosti reported"); else the wire service the report is credited to
//! ("By AFP"); else the group of reports that carry the same text (reprints, found by the overlap
//! of their five-word shingles); else the report's own outlet. Wire copies and reports that cite
//! the same origin thus count once.

use std::collections::HashMap;

use casefile_model::{outlets, Annotations, Document, Span};

/// Shingle overlap (Jaccard) above which two reports are taken for one text.
pub const REPRINT_OVERLAP: f64 = 0.5;

pub struct Origins {
    report: HashMap<String, String>,
    /// (doc, sentence start, sentence end) → the outlet cited there first
    cited: HashMap<(String, usize, usize), String>,
    sentences: HashMap<String, Vec<(usize, usize)>>,
}

/// A report's five-word shingles (hashed), sorted, each once.
fn shingles(doc: &Document) -> Vec<u64> {
    let words: Vec<String> = doc
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let mut out: Vec<u64> = words
        .windows(5)
        .map(|w| {
            // FNV-1a of the five words joined by spaces, without joining them
            let mut h: u64 = 0xcbf29ce484222325;
            for (k, word) in w.iter().enumerate() {
                let space = (k > 0).then_some(b' ');
                for b in space.into_iter().chain(word.bytes()) {
                    h ^= b as u64;
                    h = h.wrapping_mul(0x100000001b3);
                }
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A table keyed by shingle hashes. They are hashes already (of the report's own words, not
/// chosen to collide with each other), so one multiplication spreads them; the standard
/// SipHash would cost more than the rest of finding reprints.
type Shingled<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Spread>>;

#[derive(Default)]
struct Spread(u64);

impl std::hash::Hasher for Spread {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = (self.0 ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

/// The number of shingles two sorted sets share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Every pair of reports (i < j) whose shingle sets overlap by at least `t` (Jaccard), found
/// without comparing every pair: shingles are ordered rarest first, and two sets that overlap by
/// `t` must share one of the first |s| - ⌊t·|s|⌋ + 1 shingles of each (the prefix filter of
/// similarity joins), so only reports sharing a shingle of their prefixes are compared. A text
/// printed a hundred times is a hundred candidates of each other; unrelated reports are none.
fn reprint_pairs(sets: &[Vec<u64>], t: f64) -> Vec<(usize, usize)> {
    let mut df: Shingled<usize> = Shingled::with_capacity_and_hasher(
        sets.iter().map(Vec::len).sum::<usize>() / 2,
        Default::default(),
    );
    for s in sets {
        for &h in s {
            *df.entry(h).or_default() += 1;
        }
    }
    let mut postings: Shingled<Vec<usize>> = Shingled::default();
    let mut seen: Vec<usize> = vec![usize::MAX; sets.len()];
    let mut pairs = Vec::new();
    for (i, s) in sets.iter().enumerate() {
        let mut keyed: Vec<(usize, u64)> = s.iter().map(|h| (df[h], *h)).collect();
        keyed.sort_unstable();
        let order: Vec<u64> = keyed.into_iter().map(|(_, h)| h).collect();
        let prefix = (s.len() - (t * s.len() as f64).floor() as usize + 1).min(s.len());
        for h in &order[..prefix] {
            if let Some(list) = postings.get(h) {
                for &j in list {
                    if seen[j] == i {
                        continue;
                    }
                    seen[j] = i;
                    let inter = shared(&sets[i], &sets[j]);
                    let union = sets[i].len() + sets[j].len() - inter;
                    if union > 0 && inter as f64 / union as f64 >= t {
                        pairs.push((j, i));
                    }
                }
            }
        }
        for h in &order[..prefix] {
            postings.entry(*h).or_default().push(i);
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Groups of reports joined pairwise (union-find).
struct Groups(Vec<usize>);

impl Groups {
    fn new(n: usize) -> Self {
        Groups((0..n).collect())
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

fn label(doc: &Document) -> String {
    match &doc.outlet {
        Some(o) => outlets::canonical(o),
        None => format!(
            "the report {}",
            doc.path.rsplit('/').next().unwrap_or(&doc.path)
        ),
    }
}

impl Origins {
    pub fn new(docs: &[(&Document, &Annotations)]) -> Self {
        let sh: Vec<Vec<u64>> = docs.iter().map(|(d, _)| shingles(d)).collect();
        let n = docs.len();
        let mut group = Groups::new(n);
        for (i, j) in reprint_pairs(&sh, REPRINT_OVERLAP) {
            group.join(i, j);
        }
        let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..n {
            members.entry(group.root(i)).or_default().push(i);
        }
        let mut report = HashMap::new();
        for (i, (d, _)) in docs.iter().enumerate() {
            let members = &members[&group.root(i)];
            let origin = if let Some(w) = &d.wire {
                outlets::canonical(w)
            } else if members.len() > 1 {
                format!(
                    "one text reprinted by {}",
                    members
                        .iter()
                        .map(|&k| label(docs[k].0))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                label(d)
            };
            report.insert(d.id.clone(), origin);
        }
        let mut cited = HashMap::new();
        let mut sentences = HashMap::new();
        for (d, a) in docs {
            for c in &a.citations {
                if let Some(&(s, e)) = a
                    .sentences
                    .iter()
                    .find(|&&(s, e)| s <= c.span.start && c.span.start < e)
                {
                    cited
                        .entry((d.id.clone(), s, e))
                        .or_insert_with(|| c.outlet.clone());
                }
            }
            sentences.insert(d.id.clone(), a.sentences.clone());
        }
        Origins {
            report,
            cited,
            sentences,
        }
    }

    /// The origin of a passage.
    pub fn of(&self, span: &Span) -> String {
        let sentence = self
            .sentences
            .get(&span.doc)
            .and_then(|ss| ss.iter().find(|&&(s, e)| s <= span.start && span.start < e))
            .copied();
        if let Some((s, e)) = sentence {
            if let Some(outlet) = self.cited.get(&(span.doc.clone(), s, e)) {
                return outlets::canonical(outlet);
            }
        }
        self.report
            .get(&span.doc)
            .cloned()
            .unwrap_or_else(|| format!("the report {}", span.doc))
    }

    /// Distinct origins of some passages, sorted.
    pub fn distinct(&self, spans: &[Span]) -> Vec<String> {
        let mut v: Vec<String> = spans.iter().map(|s| self.of(s)).collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair over the threshold, by comparing every pair.
    fn naive(sets: &[Vec<u64>], t: f64) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let inter = shared(&sets[i], &sets[j]);
                let union = sets[i].len() + sets[j].len() - inter;
                if union > 0 && inter as f64 / union as f64 >= t {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn the_prefix_filter_finds_every_pair_comparing_all_would() {
        // sets drawn from overlapping windows of one sequence, some copied with a few changes,
        // some empty or of one shingle: every overlap from none to all
        let mut x: u64 = 17;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 33
        };
        let mut sets: Vec<Vec<u64>> = Vec::new();
        for k in 0..300 {
            let mut s: Vec<u64> = if k % 4 == 3 && !sets.is_empty() {
                let mut c = sets[(next() as usize) % sets.len()].clone();
                for _ in 0..next() % 6 {
                    c.push(next() % 2000);
                }
                c
            } else {
                let start = next() % 1500;
                let len = next() % 60;
                (start..start + len).collect()
            };
            s.sort_unstable();
            s.dedup();
            sets.push(s);
        }
        for t in [0.3, 0.5, 0.8, 1.0] {
            let found = reprint_pairs(&sets, t);
            assert_eq!(found, naive(&sets, t), "threshold {t}");
        }
        assert!(!naive(&sets, 0.5).is_empty());
    }

    #[test]
    fn groups_join_transitively() {
        let mut g = Groups::new(5);
        g.join(3, 1);
        g.join(1, 4);
        assert_eq!(g.root(4), g.root(3));
        assert_ne!(g.root(0), g.root(1));
    }
}
