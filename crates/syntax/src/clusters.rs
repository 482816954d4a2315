//! Word classes learned from unlabelled text, so that the tagger knows something of words it
//! never saw tagged: words that occur in the same company ("Grozny", "Nalchik") fall in one class.
//!
//! [`train`] runs the exchange algorithm (Kneser & Ney 1993; Martin, Liermann & Ney 1998): every
//! word of the vocabulary is moved, in turn, to the class that most raises the likelihood of a
//! class-bigram model of the text, until few words move. It is run at several numbers of
//! classes, so that the tagger sees coarse and fine classes of a word. The table ships as
//! `data/clusters.tsv` (`word<TAB>class at 64<TAB>class at 256<TAB>class at 1024`), rebuilt by
//! `scripts/train_ner.sh` from the CoNLL-2003 and UD English EWT training text.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::fasthash::FastMap;

/// Word → class at each granularity.
pub struct Clusters {
    map: FastMap<String, Vec<u16>>,
}

impl Clusters {
    /// Read a table written by [`Clusters::to_tsv`].
    pub fn from_tsv(tsv: &str) -> Clusters {
        let map = tsv
            .lines()
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let w = cols.next()?.to_string();
                let cs: Vec<u16> = cols.filter_map(|c| c.parse().ok()).collect();
                (!cs.is_empty()).then_some((w, cs))
            })
            .collect();
        Clusters { map }
    }

    /// The table, one word a line, sorted.
    pub fn to_tsv(&self) -> String {
        let mut words: Vec<&String> = self.map.keys().collect();
        words.sort();
        let mut out = String::new();
        for w in words {
            out.push_str(w);
            for c in &self.map[w] {
                out.push('\t');
                out.push_str(&c.to_string());
            }
            out.push('\n');
        }
        out
    }

    /// The classes of a word (lower case), coarse to fine.
    pub fn of(&self, lower: &str) -> Option<&[u16]> {
        self.map.get(lower).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// The table casefile ships.
pub fn shipped() -> &'static Clusters {
    static C: OnceLock<Clusters> = OnceLock::new();
    C.get_or_init(|| Clusters::from_tsv(include_str!("../data/clusters.tsv")))
}

fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// Learn classes of the words (lower-cased) of `sentences` that occur at least `min_count`
/// times, for each number of classes in `sizes`. Deterministic: the same text gives the same
/// table.
pub fn train(
    sentences: &[Vec<String>],
    sizes: &[usize],
    min_count: usize,
    iterations: usize,
    log: &mut dyn FnMut(&str),
) -> Clusters {
    // the vocabulary, most frequent first (ties by the word)
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= min_count)
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    // bigrams of vocabulary words (a word outside it, and sentence edges, break the chain)
    let v = vocab.len();
    let mut right: Vec<HashMap<usize, f64>> = vec![HashMap::new(); v];
    let mut left: Vec<HashMap<usize, f64>> = vec![HashMap::new(); v];
    let mut unigram = vec![0f64; v];
    for s in sentences {
        let ids: Vec<Option<usize>> = s
            .iter()
            .map(|w| index.get(w.to_lowercase().as_str()).copied())
            .collect();
        for id in ids.iter().flatten() {
            unigram[*id] += 1.0;
        }
        for pair in ids.windows(2) {
            if let (Some(a), Some(b)) = (pair[0], pair[1]) {
                if a != b {
                    *right[a].entry(b).or_default() += 1.0;
                    *left[b].entry(a).or_default() += 1.0;
                }
            }
        }
    }
    let as_vec = |m: &HashMap<usize, f64>| {
        let mut v: Vec<(usize, f64)> = m.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_by_key(|e| e.0);
        v
    };
    let right: Vec<Vec<(usize, f64)>> = right.iter().map(as_vec).collect();
    let left: Vec<Vec<(usize, f64)>> = left.iter().map(as_vec).collect();
    let mut map: FastMap<String, Vec<u16>> = FastMap::default();
    for &k in sizes {
        let classes = exchange(&right, &left, &unigram, k, iterations, log);
        for (i, (w, _)) in vocab.iter().enumerate() {
            map.entry(w.clone()).or_default().push(classes[i] as u16);
        }
    }
    Clusters { map }
}

/// The exchange algorithm for `k` classes over word bigrams; returns each word's class.
fn exchange(
    right: &[Vec<(usize, f64)>],
    left: &[Vec<(usize, f64)>],
    unigram: &[f64],
    k: usize,
    iterations: usize,
    log: &mut dyn FnMut(&str),
) -> Vec<usize> {
    let v = unigram.len();
    // start: words by frequency, dealt round the classes
    let mut class: Vec<usize> = (0..v).map(|i| i % k).collect();
    let mut m = vec![0f64; k * k]; // class bigram counts
    let mut n = vec![0f64; k]; // class counts
    for w in 0..v {
        n[class[w]] += unigram[w];
        for &(u, c) in &right[w] {
            m[class[w] * k + class[u]] += c;
        }
    }
    let mut r_w = vec![0f64; k];
    let mut l_w = vec![0f64; k];
    for it in 0..iterations {
        let mut moved = 0;
        for w in 0..v {
            // the word's bigrams by the class of the other word
            let mut r_nz: Vec<usize> = Vec::new();
            let mut l_nz: Vec<usize> = Vec::new();
            for &(u, c) in &right[w] {
                if r_w[class[u]] == 0.0 {
                    r_nz.push(class[u]);
                }
                r_w[class[u]] += c;
            }
            for &(u, c) in &left[w] {
                if l_w[class[u]] == 0.0 {
                    l_nz.push(class[u]);
                }
                l_w[class[u]] += c;
            }
            let from = class[w];
            // take the word out of its class
            for &d in &r_nz {
                m[from * k + d] -= r_w[d];
            }
            for &c in &l_nz {
                m[c * k + from] -= l_w[c];
            }
            n[from] -= unigram[w];
            // the class where it raises the likelihood most
            let gain = |b: usize| -> f64 {
                let mut g = 0.0;
                for &d in &r_nz {
                    let x = m[b * k + d];
                    g += xlogx(x + r_w[d]) - xlogx(x);
                }
                for &c in &l_nz {
                    let x = m[c * k + b];
                    g += xlogx(x + l_w[c]) - xlogx(x);
                }
                g - 2.0 * (xlogx(n[b] + unigram[w]) - xlogx(n[b]))
            };
            let mut best = from;
            let mut best_gain = gain(from);
            for b in 0..k {
                let g = gain(b);
                if g > best_gain + 1e-9 {
                    best = b;
                    best_gain = g;
                }
            }
            // put it there
            for &d in &r_nz {
                m[best * k + d] += r_w[d];
                r_w[d] = 0.0;
            }
            for &c in &l_nz {
                m[c * k + best] += l_w[c];
                l_w[c] = 0.0;
            }
            n[best] += unigram[w];
            if best != from {
                class[w] = best;
                moved += 1;
            }
        }
        log(&format!(
            "{k} classes, pass {}: {moved} words moved",
            it + 1
        ));
        if moved * 200 < v {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect()
    }

    /// Words used in the same places fall in one class; the table reads back.
    #[test]
    fn words_in_the_same_company_share_a_class() {
        let mut text = String::new();
        for _ in 0..20 {
            for city in ["grozny", "nalchik", "makhachkala"] {
                text.push_str(&format!("they were held in {city} on monday .\n"));
            }
            for name in ["magamadov", "isayev", "musaeva"] {
                text.push_str(&format!("lawyers for {name} said so .\n"));
            }
        }
        let c = train(&sentences(&text), &[8], 2, 20, &mut |_| {});
        let class = |w: &str| c.of(w).unwrap()[0];
        assert_eq!(class("grozny"), class("nalchik"));
        assert_eq!(class("grozny"), class("makhachkala"));
        assert_eq!(class("magamadov"), class("isayev"));
        assert_ne!(class("grozny"), class("isayev"));
        let again = Clusters::from_tsv(&c.to_tsv());
        assert_eq!(again.of("musaeva"), c.of("musaeva"));
        assert_eq!(again.len(), c.len());
    }
}
