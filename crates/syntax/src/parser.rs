//! Dependency parsing: a greedy arc-eager transition parser (Nivre 2003) with the root at the
//! end of the buffer (Ballesteros & Nivre 2013), scored by an averaged perceptron over the rich
//! non-local features of Zhang & Nivre (2011), and trained with a dynamic oracle (Goldberg &
//! Nivre 2012), so that it learns to recover from its own mistakes.
//!
//! Words are `0..n`; the root is `n`, the last item of the buffer. Moves:
//! - `Shift`: push the front of the buffer;
//! - `Left(l)`: the front of the buffer becomes the head of the stack's top (relation `l`), which
//!   is popped; with the root at the front, only `root` is allowed;
//! - `Right(l)`: the stack's top becomes the head of the front of the buffer, which is pushed;
//! - `Reduce`: pop a stack top that has its head.

use crate::perceptron::{hash_str, mix, put_strings, Frozen, Reader, Trainer};
use crate::tagger::shuffle;

const NONE: usize = usize::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Shift,
    Reduce,
    Left(u8),
    Right(u8),
}

fn move_of(class: usize) -> Move {
    match class {
        0 => Move::Shift,
        1 => Move::Reduce,
        c if c % 2 == 0 => Move::Left(((c - 2) / 2) as u8),
        c => Move::Right(((c - 3) / 2) as u8),
    }
}

#[cfg(test)]
fn class_of(m: Move) -> usize {
    match m {
        Move::Shift => 0,
        Move::Reduce => 1,
        Move::Left(l) => 2 + 2 * l as usize,
        Move::Right(l) => 3 + 2 * l as usize,
    }
}

/// What a parse is made of: per word, the hashes of its lowercased form, its tag and its word
/// class.
pub struct Input {
    pub word: Vec<u64>,
    pub tag: Vec<u64>,
    /// The universal tag alone (the tag is "UPOS XPOS"), which generalises over Penn's detail.
    pub upos: Vec<u64>,
    pub class: Vec<u64>,
}

impl Input {
    pub fn new(forms: &[&str], tags: &[&str]) -> Input {
        let clusters = crate::clusters::shipped();
        let lower: Vec<String> = forms.iter().map(|w| w.to_lowercase()).collect();
        Input {
            word: lower.iter().map(|w| hash_str(w)).collect(),
            tag: tags.iter().map(|t| hash_str(t)).collect(),
            upos: tags
                .iter()
                .map(|t| mix(hash_str(t.split(' ').next().unwrap_or(t)), 0x0b05))
                .collect(),
            class: lower
                .iter()
                .map(|w| {
                    clusters
                        .of(w)
                        .and_then(|c| c.get(1))
                        .map_or(3, |&c| mix(c as u64, 0xC1))
                })
                .collect(),
        }
    }
}

struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    head: Vec<usize>,
    label: Vec<u8>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![NONE; n + 1],
            label: vec![0; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    fn s0(&self) -> usize {
        self.stack.last().copied().unwrap_or(NONE)
    }

    fn valid(&self, m: Move, root: u8) -> bool {
        let s0 = self.s0();
        let at_root = self.b == self.n;
        match m {
            Move::Shift => !at_root,
            Move::Reduce => s0 != NONE && self.head[s0] != NONE,
            Move::Left(l) => s0 != NONE && self.head[s0] == NONE && (l == root) == at_root,
            Move::Right(l) => s0 != NONE && !at_root && l != root,
        }
    }

    fn arc(&mut self, h: usize, d: usize, l: u8) {
        self.head[d] = h;
        self.label[d] = l;
        if d < h {
            self.lefts[h].push(d);
            self.lset[h] |= 1 << (l % 64);
        } else {
            self.rights[h].push(d);
            self.rset[h] |= 1 << (l % 64);
        }
    }

    fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Reduce => {
                self.stack.pop();
            }
            Move::Left(l) => {
                let s0 = self.stack.pop().expect("valid");
                self.arc(self.b, s0, l);
            }
            Move::Right(l) => {
                let s0 = self.s0();
                self.arc(s0, self.b, l);
                self.stack.push(self.b);
                self.b += 1;
            }
        }
    }

    /// Arcs of `gold` a move makes unreachable (Goldberg & Nivre 2012, arc-eager).
    fn cost(&self, m: Move, gold: &[usize], glabel: &[u8]) -> u32 {
        let s0 = self.s0();
        let b = self.b;
        let n = self.n;
        let buffer = b..n;
        match m {
            Move::Shift => {
                let mut c = 0;
                for &k in &self.stack {
                    c += (gold[b] == k) as u32;
                    c += (gold[k] == b && self.head[k] == NONE) as u32;
                }
                c
            }
            Move::Reduce => buffer.filter(|&k| gold[k] == s0).count() as u32,
            Move::Left(l) => {
                let mut c = (gold[s0] > b && gold[s0] <= n) as u32;
                c += buffer.filter(|&k| gold[k] == s0).count() as u32;
                if gold[s0] == b && glabel[s0] != l {
                    c += 1;
                }
                c
            }
            Move::Right(l) => {
                let g = gold[b];
                let mut c = 0;
                if g != s0 && (g > b || self.stack.contains(&g)) {
                    c += 1;
                }
                for &k in &self.stack {
                    c += (gold[k] == b && self.head[k] == NONE) as u32;
                }
                if g == s0 && glabel[b] != l {
                    c += 1;
                }
                c
            }
        }
    }

    fn features(&self, x: &Input, out: &mut Vec<u64>) {
        out.clear();
        let n = self.n;
        // a word's attribute; 1 for no word, 2 for the root
        let of = |v: &[u64], i: usize| -> u64 {
            if i == NONE {
                1
            } else if i == n {
                2
            } else {
                v[i]
            }
        };
        let w = |i: usize| of(&x.word, i);
        let p = |i: usize| of(&x.tag, i);
        let u = |i: usize| of(&x.upos, i);
        let c = |i: usize| of(&x.class, i);
        let get = |i: usize, f: &dyn Fn(usize) -> usize| if i == NONE { NONE } else { f(i) };
        let s0 = self.s0();
        let s1 = if self.stack.len() >= 2 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        };
        let n0 = self.b;
        let n1 = if n0 < n { n0 + 1 } else { NONE };
        let n2 = if n0 + 2 <= n { n0 + 2 } else { NONE };
        let head = |i: usize| self.head[i];
        let l1 = |i: usize| self.lefts[i].last().copied().unwrap_or(NONE);
        let l2 = |i: usize| {
            let v = &self.lefts[i];
            if v.len() >= 2 {
                v[v.len() - 2]
            } else {
                NONE
            }
        };
        let r1 = |i: usize| self.rights[i].last().copied().unwrap_or(NONE);
        let r2 = |i: usize| {
            let v = &self.rights[i];
            if v.len() >= 2 {
                v[v.len() - 2]
            } else {
                NONE
            }
        };
        let lab = |i: usize| {
            if i == NONE || self.head[i] == NONE {
                0
            } else {
                self.label[i] as u64 + 1
            }
        };
        let s0h = get(s0, &head);
        let s0h2 = get(s0h, &head);
        let s0l = get(s0, &l1);
        let s0l2 = get(s0, &l2);
        let s0r = get(s0, &r1);
        let s0r2 = get(s0, &r2);
        let n0l = l1(n0);
        let n0l2 = l2(n0);
        let d = if s0 == NONE {
            0
        } else {
            match n0 - s0 {
                k @ 0..=4 => k as u64,
                5..=9 => 5,
                _ => 6,
            }
        };
        let vl = |i: usize| {
            if i == NONE {
                0
            } else {
                self.lefts[i].len() as u64
            }
        };
        let vr = |i: usize| {
            if i == NONE {
                0
            } else {
                self.rights[i].len() as u64
            }
        };
        let sl = |i: usize| if i == NONE { 0 } else { self.lset[i] };
        let sr = |i: usize| if i == NONE { 0 } else { self.rset[i] };
        let (s0w, s0p, n0w, n0p, n1w, n1p, n2w, n2p) =
            (w(s0), p(s0), w(n0), p(n0), w(n1), p(n1), w(n2), p(n2));
        let mut t = 0u64;
        let mut f = |vals: &[u64]| {
            t += 1;
            let mut h = mix(t, 0xfea7);
            for v in vals {
                h = mix(h, *v);
            }
            out.push(h);
        };
        // single words
        f(&[s0w, s0p]);
        f(&[s0w]);
        f(&[s0p]);
        f(&[n0w, n0p]);
        f(&[n0w]);
        f(&[n0p]);
        f(&[n1w, n1p]);
        f(&[n1w]);
        f(&[n1p]);
        f(&[n2w, n2p]);
        f(&[n2w]);
        f(&[n2p]);
        // pairs
        f(&[s0w, s0p, n0w, n0p]);
        f(&[s0w, s0p, n0w]);
        f(&[s0w, n0w, n0p]);
        f(&[s0w, s0p, n0p]);
        f(&[s0p, n0w, n0p]);
        f(&[s0w, n0w]);
        f(&[s0p, n0p]);
        f(&[n0p, n1p]);
        // three words
        f(&[n0p, n1p, n2p]);
        f(&[s0p, n0p, n1p]);
        f(&[p(s0h), s0p, n0p]);
        f(&[s0p, p(s0l), n0p]);
        f(&[s0p, p(s0r), n0p]);
        f(&[s0p, n0p, p(n0l)]);
        // distance
        f(&[s0w, d]);
        f(&[s0p, d]);
        f(&[n0w, d]);
        f(&[n0p, d]);
        f(&[s0w, n0w, d]);
        f(&[s0p, n0p, d]);
        // valency
        f(&[s0w, vr(s0)]);
        f(&[s0p, vr(s0)]);
        f(&[s0w, vl(s0)]);
        f(&[s0p, vl(s0)]);
        f(&[n0w, vl(n0)]);
        f(&[n0p, vl(n0)]);
        // unigrams of the tree so far
        f(&[w(s0h)]);
        f(&[p(s0h)]);
        f(&[lab(s0)]);
        f(&[w(s0l)]);
        f(&[p(s0l)]);
        f(&[lab(s0l)]);
        f(&[w(s0r)]);
        f(&[p(s0r)]);
        f(&[lab(s0r)]);
        f(&[w(n0l)]);
        f(&[p(n0l)]);
        f(&[lab(n0l)]);
        // third order
        f(&[w(s0h2)]);
        f(&[p(s0h2)]);
        f(&[lab(s0h)]);
        f(&[w(s0l2)]);
        f(&[p(s0l2)]);
        f(&[lab(s0l2)]);
        f(&[w(s0r2)]);
        f(&[p(s0r2)]);
        f(&[lab(s0r2)]);
        f(&[w(n0l2)]);
        f(&[p(n0l2)]);
        f(&[lab(n0l2)]);
        f(&[s0p, p(s0l), p(s0l2)]);
        f(&[s0p, p(s0r), p(s0r2)]);
        f(&[s0p, p(s0h), p(s0h2)]);
        f(&[n0p, p(n0l), p(n0l2)]);
        // label sets
        f(&[s0w, sr(s0)]);
        f(&[s0p, sr(s0)]);
        f(&[s0w, sl(s0)]);
        f(&[s0p, sl(s0)]);
        f(&[n0w, sl(n0)]);
        f(&[n0p, sl(n0)]);
        // the second item of the stack
        f(&[p(s1)]);
        f(&[w(s1)]);
        f(&[p(s1), s0p]);
        f(&[p(s1), s0p, n0p]);
        f(&[p(s1), lab(s1), s0p, lab(s0)]);
        f(&[s0p, (s0 != NONE && self.head[s0] != NONE) as u64, n0p]);
        // word classes
        f(&[c(s0)]);
        f(&[c(n0)]);
        f(&[c(n1)]);
        f(&[c(s0), c(n0)]);
        f(&[c(s0), n0p]);
        f(&[s0p, c(n0)]);
        f(&[c(s0), c(n0), c(n1)]);
        f(&[c(s0h), c(s0)]);
        f(&[c(n0), c(n0l)]);
        f(&[c(s1), c(s0), n0p]);
        // universal tags
        f(&[u(s0), u(n0)]);
        f(&[u(s0), u(n0), u(n1)]);
        f(&[u(s1), u(s0), u(n0)]);
        f(&[s0w, u(n0)]);
        f(&[u(s0), n0w]);
        f(&[u(s0), u(s0h), u(n0)]);
        f(&[u(n0), u(n0l), u(s0)]);
        f(&[u(s0), u(s0r), u(n0)]);
        f(&[u(s0), u(n0), d]);
    }
}

/// A trained parser.
pub struct Parser {
    /// Relation names; a move's label indexes this.
    pub labels: Vec<String>,
    weights: Frozen,
}

impl Parser {
    fn root(&self) -> u8 {
        self.labels.iter().position(|l| l == "root").unwrap_or(0) as u8
    }

    /// Heads (1-based, 0 = root) and relations of the words of `x`.
    pub fn parse(&self, x: &Input) -> Vec<(usize, String)> {
        let n = x.word.len();
        let mut st = State::new(n);
        let root = self.root();
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; self.weights.classes];
        while !st.done() {
            st.features(x, &mut feats);
            self.weights.score(&feats, &mut scores);
            let mut best = NONE;
            for (c, &s) in scores.iter().enumerate() {
                if st.valid(move_of(c), root) && (best == NONE || s > scores[best]) {
                    best = c;
                }
            }
            st.apply(move_of(best));
        }
        single_root(&mut st, root, &self.labels, x);
        (0..n)
            .map(|i| {
                let h = if st.head[i] == n { 0 } else { st.head[i] + 1 };
                (h, self.labels[st.label[i] as usize].clone())
            })
            .collect()
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_strings(out, &self.labels);
        self.weights.write(out);
    }

    pub fn read(r: &mut Reader) -> Result<Parser, String> {
        let labels = r.strings()?;
        let weights = Frozen::read(r)?;
        if weights.classes != 2 + 2 * labels.len() || labels.len() > 64 {
            return Err("parser weights do not match its relations".into());
        }
        Ok(Parser { labels, weights })
    }
}

/// UD trees have one root: the first word attached to the root keeps it, later ones hang from it.
fn single_root(st: &mut State, root: u8, labels: &[String], x: &Input) {
    let n = st.n;
    let tops: Vec<usize> = (0..n).filter(|&i| st.head[i] == n).collect();
    let Some(&main) = tops.first() else { return };
    let punct = hash_str("PUNCT");
    let punct_x = [".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP"].map(hash_str);
    for &t in &tops[1..] {
        let is_punct = x.tag[t] == punct || punct_x.contains(&x.tag[t]);
        let rel = if is_punct { "punct" } else { "parataxis" };
        let l = labels
            .iter()
            .position(|l| l == rel)
            .unwrap_or(root as usize) as u8;
        st.head[t] = main;
        st.label[t] = l;
    }
}

/// A sentence for training: words, tags, gold heads (1-based, 0 = root) and relations.
pub struct Gold {
    pub input: Input,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// Train for `epochs` passes; after the first, the parser follows its own moves nine times in
/// ten (exploration), learning the best move from wherever it went.
pub fn train(data: &[Gold], epochs: usize, mut progress: impl FnMut(usize)) -> Learned {
    let mut labels: Vec<String> = data
        .iter()
        .flat_map(|g| g.labels.iter().cloned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    labels.truncate(64);
    let root = labels.iter().position(|l| l == "root").unwrap_or(0) as u8;
    let classes = 2 + 2 * labels.len();
    let mut t = Trainer::new(classes);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; classes];
    let mut costs = vec![0u32; classes];
    for epoch in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &k in &order {
            let g = &data[k];
            let n = g.heads.len();
            let gold: Vec<usize> = g
                .heads
                .iter()
                .map(|&h| if h == 0 { n } else { h - 1 })
                .chain([NONE])
                .collect();
            let glabel: Vec<u8> = g
                .labels
                .iter()
                .map(|l| labels.iter().position(|x| x == l).unwrap_or(0) as u8)
                .chain([0])
                .collect();
            let mut st = State::new(n);
            while !st.done() {
                st.features(&g.input, &mut feats);
                t.score(&feats, &mut scores);
                let mut pred = NONE;
                let mut best = NONE;
                let mut min = u32::MAX;
                for c in 0..classes {
                    let m = move_of(c);
                    if !st.valid(m, root) {
                        costs[c] = u32::MAX;
                        continue;
                    }
                    costs[c] = st.cost(m, &gold, &glabel);
                    min = min.min(costs[c]);
                    if pred == NONE || scores[c] > scores[pred] {
                        pred = c;
                    }
                }
                for c in 0..classes {
                    if costs[c] == min && (best == NONE || scores[c] > scores[best]) {
                        best = c;
                    }
                }
                if costs[pred] > min {
                    t.update(&feats, best, pred);
                }
                t.tick();
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let explore = epoch > 0 && !seed.is_multiple_of(10);
                st.apply(move_of(if explore { pred } else { best }));
            }
        }
        progress(epoch + 1);
    }
    Learned { labels, weights: t }
}

/// A parser as training leaves it, before its weights are frozen.
pub struct Learned {
    labels: Vec<String>,
    weights: Trainer,
}

impl Learned {
    /// The parser, keeping weights of magnitude `min_abs` or more.
    pub fn freeze(&self, min_abs: f32) -> Parser {
        Parser {
            labels: self.labels.clone(),
            weights: self.weights.freeze(min_abs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_and_classes_agree() {
        for c in 0..20 {
            assert_eq!(class_of(move_of(c)), c);
        }
    }

    #[test]
    fn the_static_oracle_path_rebuilds_a_projective_tree() {
        // "He was seized yesterday ." heads: He→seized(3), was→3, seized→root, yesterday→3, .→3
        let heads = [3usize, 3, 0, 3, 3];
        let n = heads.len();
        let gold: Vec<usize> = heads
            .iter()
            .map(|&h| if h == 0 { n } else { h - 1 })
            .chain([NONE])
            .collect();
        // relation 1 is the root's
        let glabel: Vec<u8> = heads.iter().map(|&h| (h == 0) as u8).chain([0]).collect();
        let mut st = State::new(n);
        while !st.done() {
            let m = (0..2 + 2 * 2)
                .map(move_of)
                .find(|&m| st.valid(m, 1) && st.cost(m, &gold, &glabel) == 0)
                .expect("a zero-cost move");
            st.apply(m);
        }
        assert_eq!(&st.head[..n], &gold[..n]);
    }
}
