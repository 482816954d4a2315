//! Search without a plaintext index on the server: a team database holds report texts sealed,
//! so the server cannot index them. casefile reads a case's texts once (opened in memory),
//! keeps a word index of them there, and answers searches from it, as SQLite's FTS5 answers
//! them for a case file on disk: every word must occur (case and accents ignored), the best
//! matches first, with a passage around the match.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::SearchHit;

/// Words of a passage around a match, as FTS5's `snippet(…, 16)` gives.
const PASSAGE_WORDS: usize = 16;

/// A word as searched: lower case, accents dropped.
fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// One report as indexed.
struct Indexed {
    doc: String,
    published: String,
    text: String,
    spans: Vec<(usize, usize)>,
}

/// The reports of one case, indexed in memory.
#[derive(Default)]
pub(crate) struct Index {
    docs: Vec<Indexed>,
    /// word → (report, occurrences)
    postings: HashMap<String, Vec<(usize, u32)>>,
}

impl Index {
    /// Index reports given as (id, published, text), in the order they were stored.
    pub fn new(reports: impl IntoIterator<Item = (String, String, String)>) -> Index {
        let mut index = Index::default();
        for (doc, published, text) in reports {
            let spans = words(&text);
            let mut counts: HashMap<String, u32> = HashMap::new();
            for &(s, e) in &spans {
                *counts.entry(fold(&text[s..e])).or_default() += 1;
            }
            let n = index.docs.len();
            for (w, c) in counts {
                index.postings.entry(w).or_default().push((n, c));
            }
            index.docs.push(Indexed {
                doc,
                published,
                text,
                spans,
            });
        }
        index
    }

    /// Reports holding every word of `query` (any other character separates words), the best
    /// first (BM25), at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let mut terms: Vec<String> = words(query)
            .into_iter()
            .map(|(s, e)| fold(&query[s..e]))
            .collect();
        terms.sort();
        terms.dedup();
        if terms.is_empty() || self.docs.is_empty() {
            return Vec::new();
        }
        let mut scores: HashMap<usize, (usize, f64)> = HashMap::new();
        let avg =
            self.docs.iter().map(|d| d.spans.len()).sum::<usize>() as f64 / self.docs.len() as f64;
        let n = self.docs.len() as f64;
        for t in &terms {
            let Some(list) = self.postings.get(t) else {
                return Vec::new();
            };
            let idf = ((n - list.len() as f64 + 0.5) / (list.len() as f64 + 0.5) + 1.0).ln();
            for &(d, tf) in list {
                let len = self.docs[d].spans.len() as f64;
                let tf = tf as f64;
                let s = idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / avg.max(1.0)));
                let e = scores.entry(d).or_default();
                e.0 += 1;
                e.1 += s;
            }
        }
        let mut found: Vec<(usize, f64)> = scores
            .into_iter()
            .filter(|(_, (k, _))| *k == terms.len())
            .map(|(d, (_, s))| (d, s))
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        found
            .into_iter()
            .take(limit)
            .map(|(d, _)| {
                let doc = &self.docs[d];
                SearchHit {
                    doc: doc.doc.clone(),
                    published: doc.published.clone(),
                    snippet: passage(doc, &terms),
                }
            })
            .collect()
    }
}

/// The passage of [`PASSAGE_WORDS`] words holding the most of the terms (the first such), the
/// matching words between U+E000 and U+E001, '…' where the text goes on.
fn passage(doc: &Indexed, terms: &[String]) -> String {
    // which term each word is, if any: each word folded once
    let term: Vec<Option<usize>> = doc
        .spans
        .iter()
        .map(|&(s, e)| terms.binary_search(&fold(&doc.text[s..e])).ok())
        .collect();
    let hit: Vec<bool> = term.iter().map(Option::is_some).collect();
    let n = doc.spans.len();
    let width = PASSAGE_WORDS.min(n);
    let best = (0..=n - width)
        .max_by_key(|&start| {
            let mut held: Vec<usize> = term[start..start + width]
                .iter()
                .flatten()
                .copied()
                .collect();
            held.sort_unstable();
            held.dedup();
            (held.len(), std::cmp::Reverse(start))
        })
        .unwrap_or(0);
    let mut out = String::new();
    if best > 0 {
        out.push('…');
    }
    let end = best + width;
    let mut at = doc.spans.get(best).map_or(0, |s| s.0);
    for (&(s, e), &found) in doc.spans[best..end].iter().zip(&hit[best..end]) {
        out.push_str(&doc.text[at..s]);
        if found {
            out.push('\u{E000}');
            out.push_str(&doc.text[s..e]);
            out.push('\u{E001}');
        } else {
            out.push_str(&doc.text[s..e]);
        }
        at = e;
    }
    if end < n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        Index::new([
            (
                "a".into(),
                "2021-02-04".into(),
                "Salekh Magamadov was seized in Nizhny Novgorod.".into(),
            ),
            (
                "b".into(),
                "".into(),
                "The police in Grozny said nothing. Magamadov, MAGAMADOV again.".into(),
            ),
            ("c".into(), "".into(), "Café Müller".into()),
        ])
    }

    #[test]
    fn every_word_must_occur_case_and_accents_aside() {
        let ix = index();
        let hits = ix.search("magamadov", 10);
        assert_eq!(
            hits.iter().map(|h| h.doc.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(ix.search("magamadov seized", 10).len(), 1);
        assert_eq!(ix.search("cafe MULLER", 10)[0].doc, "c");
        assert!(ix.search("absent", 10).is_empty());
        assert!(ix.search("\" OR *", 10).is_empty());
        assert_eq!(ix.search("magamadov", 1).len(), 1);
    }

    #[test]
    fn a_passage_marks_the_words_found() {
        let hits = index().search("seized", 10);
        assert_eq!(hits[0].published, "2021-02-04");
        assert_eq!(
            hits[0].snippet,
            "Salekh Magamadov was \u{E000}seized\u{E001} in Nizhny Novgorod"
        );
    }
}
