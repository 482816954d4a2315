//! CoNLL token-per-line files and conlleval-style scoring.
//!
//! Input: token first, gold tag last, IOB1 or IOB2, any type names, a blank line between
//! sentences, `-DOCSTART-` lines skipped. Scoring counts exact entity spans, per type and overall.

use std::collections::BTreeMap;

/// One sentence: tokens and their gold tags (as written in the file).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// Parse a CoNLL file's text.
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut f = line.split_whitespace();
        let tok = f.next().unwrap_or("").to_string();
        let tag = line.split_whitespace().last().unwrap_or("O").to_string();
        cur.tokens.push(tok);
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

/// Entity spans `(start, end, type)` of a tag sequence, reading IOB1 or IOB2 (an `I-X` after a
/// different type or `O` opens a span, as conlleval does).
pub fn spans(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, typ) = match t.split_once('-') {
            Some((p, ty)) => (p, ty.to_string()),
            None => ("O", String::new()),
        };
        let continues = prefix == "I" && open.as_ref().is_some_and(|(_, ty)| *ty == typ);
        if !continues {
            if let Some((s, ty)) = open.take() {
                out.push((s, i, ty));
            }
            if prefix == "B" || prefix == "I" {
                open = Some((i, typ));
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Convert any IOB1/IOB2 tag sequence to IOB2.
pub fn to_iob2(tags: &[String]) -> Vec<String> {
    let mut out = vec!["O".to_string(); tags.len()];
    for (s, e, ty) in spans(tags) {
        out[s] = format!("B-{ty}");
        for o in out.iter_mut().take(e).skip(s + 1) {
            *o = format!("I-{ty}");
        }
    }
    out
}

/// Precision, recall and F1 for one type or overall.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Exact-span scores per type and overall.
pub fn score(gold: &[Vec<String>], pred: &[Vec<String>]) -> (Prf, BTreeMap<String, Prf>) {
    let mut all = Prf::default();
    let mut per: BTreeMap<String, Prf> = BTreeMap::new();
    for (g, p) in gold.iter().zip(pred) {
        let gs = spans(g);
        let ps = spans(p);
        for s in &ps {
            let e = per.entry(s.2.clone()).or_default();
            if gs.contains(s) {
                e.tp += 1;
                all.tp += 1;
            } else {
                e.fp += 1;
                all.fp += 1;
            }
        }
        for s in &gs {
            if !ps.contains(s) {
                per.entry(s.2.clone()).or_default().fn_ += 1;
                all.fn_ += 1;
            }
        }
    }
    (all, per)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn iob1_and_iob2_spans() {
        assert_eq!(
            spans(&t(&["I-PER", "I-PER", "O", "I-LOC", "B-LOC"])),
            vec![
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "LOC".into())
            ]
        );
        assert_eq!(
            spans(&t(&["B-PER", "I-PER", "I-ORG"])),
            vec![(0, 2, "PER".into()), (2, 3, "ORG".into())]
        );
        assert_eq!(
            to_iob2(&t(&["I-PER", "I-PER", "O", "I-LOC"])),
            t(&["B-PER", "I-PER", "O", "B-LOC"])
        );
    }

    #[test]
    fn scoring_and_parsing() {
        let s = parse("-DOCSTART- -X- O O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\nBRUSSELS NNP B-NP B-LOC\n");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["Peter", "Blackburn"]);
        let gold = vec![t(&["B-PER", "I-PER", "O", "B-LOC"])];
        let pred = vec![t(&["B-PER", "I-PER", "O", "B-ORG"])];
        let (all, per) = score(&gold, &pred);
        assert_eq!((all.tp, all.fp, all.fn_), (1, 1, 1));
        assert_eq!(per["PER"].f1(), 1.0);
        assert_eq!(per["LOC"].recall(), 0.0);
    }
}
