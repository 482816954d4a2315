//! Where each passage's information comes from, for counting independent sources.
//!
//! A passage's origin is, in order: an outlet or agency the sentence cites ("according to
//! Meduza", "told AFP", "RIA Novosti reported"); else the wire service the report is credited to
//! ("By AFP"); else the group of reports that carry the same text (reprints, found by the overlap
//! of their five-word shingles); else the report's own outlet. Wire copies and reports that cite
//! the same origin thus count once.

use std::collections::{HashMap, HashSet};

use casefile_model::{outlets, Annotations, Document, Span};

/// Shingle overlap (Jaccard) above which two reports are taken for one text.
pub const REPRINT_OVERLAP: f64 = 0.5;

pub struct Origins {
    report: HashMap<String, String>,
    /// (doc, sentence start, sentence end, cited outlet)
    cited: Vec<(String, usize, usize, String)>,
    sentences: HashMap<String, Vec<(usize, usize)>>,
}

fn shingles(doc: &Document) -> HashSet<u64> {
    let words: Vec<String> = doc
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    words
        .windows(5)
        .map(|w| {
            let mut h: u64 = 0xcbf29ce484222325;
            for b in w.join(" ").bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
            h
        })
        .collect()
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
        let sh: Vec<HashSet<u64>> = docs.iter().map(|(d, _)| shingles(d)).collect();
        let n = docs.len();
        let mut group: Vec<usize> = (0..n).collect();
        for i in 0..n {
            for j in i + 1..n {
                let inter = sh[i].intersection(&sh[j]).count();
                let union = sh[i].len() + sh[j].len() - inter;
                if union > 0 && inter as f64 / union as f64 >= REPRINT_OVERLAP {
                    let (gi, gj) = (group[i], group[j]);
                    for g in group.iter_mut() {
                        if *g == gj {
                            *g = gi;
                        }
                    }
                }
            }
        }
        let mut report = HashMap::new();
        for (i, (d, _)) in docs.iter().enumerate() {
            let members: Vec<usize> = (0..n).filter(|&k| group[k] == group[i]).collect();
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
        let mut cited = Vec::new();
        let mut sentences = HashMap::new();
        for (d, a) in docs {
            for c in &a.citations {
                if let Some(&(s, e)) = a
                    .sentences
                    .iter()
                    .find(|&&(s, e)| s <= c.span.start && c.span.start < e)
                {
                    cited.push((d.id.clone(), s, e, c.outlet.clone()));
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
            if let Some(c) = self
                .cited
                .iter()
                .find(|c| c.0 == span.doc && c.1 == s && c.2 == e)
            {
                return outlets::canonical(&c.3);
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
