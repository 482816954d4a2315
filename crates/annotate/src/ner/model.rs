//! The structured perceptron: weights, Viterbi decoding, training, and the model file format.
//!
//! Model file (little-endian): `CFNER1\0\0`, label count `u32`, each label (`u16` length +
//! UTF-8), transition weights `(L+1)×L f32` (row L is the start), scale `f32`, feature count
//! `u32`, then per feature its 64-bit hash and `L` weights as `i16` (weight = i16 × scale).

use std::collections::HashMap;

use casefile_syntax::fasthash::FastMap;

use super::conll::{self, Sentence};
use super::features::{self, DocContext};

const MAGIC: &[u8; 8] = b"CFNER1\0\0";

/// A trained tagger.
pub struct Model {
    pub labels: Vec<String>,
    index: FastMap<u64, u32>,
    weights: Vec<f32>,
    trans: Vec<f32>,
}

impl Model {
    fn l(&self) -> usize {
        self.labels.len()
    }

    /// Whether moving from label `a` (None at the start) to `b` is valid IOB2.
    fn allowed(labels: &[String], a: Option<usize>, b: usize) -> bool {
        let lb = &labels[b];
        if let Some(ty) = lb.strip_prefix("I-") {
            match a {
                Some(a) => {
                    labels[a]
                        .strip_prefix("B-")
                        .or_else(|| labels[a].strip_prefix("I-"))
                        == Some(ty)
                }
                None => false,
            }
        } else {
            true
        }
    }

    fn emissions(&self, feats: &[Vec<u64>]) -> Vec<f32> {
        let l = self.l();
        let mut em = vec![0f32; feats.len() * l];
        for (i, fs) in feats.iter().enumerate() {
            for f in fs {
                if let Some(&row) = self.index.get(f) {
                    let w = &self.weights[row as usize * l..(row as usize + 1) * l];
                    for (k, x) in w.iter().enumerate() {
                        em[i * l + k] += x;
                    }
                }
            }
        }
        em
    }

    fn viterbi(labels: &[String], em: &[f32], trans: &[f32], n: usize) -> Vec<usize> {
        let l = labels.len();
        if n == 0 {
            return vec![];
        }
        let mut score = vec![f32::NEG_INFINITY; n * l];
        let mut back = vec![0usize; n * l];
        for b in 0..l {
            if Self::allowed(labels, None, b) {
                score[b] = em[b] + trans[l * l + b];
            }
        }
        for i in 1..n {
            for b in 0..l {
                let mut best = (f32::NEG_INFINITY, 0);
                for a in 0..l {
                    let prev = score[(i - 1) * l + a];
                    if prev == f32::NEG_INFINITY || !Self::allowed(labels, Some(a), b) {
                        continue;
                    }
                    let s = prev + trans[a * l + b];
                    if s > best.0 {
                        best = (s, a);
                    }
                }
                score[i * l + b] = best.0 + em[i * l + b];
                back[i * l + b] = best.1;
            }
        }
        let mut last = (0..l)
            .max_by(|&a, &b| score[(n - 1) * l + a].total_cmp(&score[(n - 1) * l + b]))
            .unwrap_or(0);
        let mut path = vec![0; n];
        for i in (0..n).rev() {
            path[i] = last;
            last = back[i * l + last];
        }
        path
    }

    /// Tag one sentence (IOB2 labels).
    pub fn tag(&self, words: &[String], doc: &DocContext) -> Vec<String> {
        let feats = features::sentence(words, doc);
        let em = self.emissions(&feats);
        Self::viterbi(&self.labels, &em, &self.trans, words.len())
            .into_iter()
            .map(|k| self.labels[k].clone())
            .collect()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let l = self.l();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(l as u32).to_le_bytes());
        for lab in &self.labels {
            out.extend_from_slice(&(lab.len() as u16).to_le_bytes());
            out.extend_from_slice(lab.as_bytes());
        }
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        out.extend_from_slice(&scale.to_le_bytes());
        let mut rows: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        rows.sort_unstable();
        // keep features with any weight that survives quantisation
        let kept: Vec<(u64, Vec<i16>)> = rows
            .into_iter()
            .filter_map(|(k, r)| {
                let q: Vec<i16> = self.weights[r as usize * l..(r as usize + 1) * l]
                    .iter()
                    .map(|w| (w / scale).round() as i16)
                    .collect();
                q.iter().any(|&x| x.unsigned_abs() >= 2).then_some((k, q))
            })
            .collect();
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (k, q) in kept {
            out.extend_from_slice(&k.to_le_bytes());
            for x in q {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        let mut p = 0usize;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let s = b.get(p..p + n).ok_or("truncated NER model")?;
            p += n;
            Ok(s)
        };
        if take(8)? != MAGIC {
            return Err("not a casefile NER model".into());
        }
        let u32_ = |s: &[u8]| u32::from_le_bytes(s.try_into().expect("4 bytes"));
        let l = u32_(take(4)?) as usize;
        let mut labels = Vec::with_capacity(l);
        for _ in 0..l {
            let n = u16::from_le_bytes(take(2)?.try_into().expect("2 bytes")) as usize;
            labels.push(String::from_utf8(take(n)?.to_vec()).map_err(|e| e.to_string())?);
        }
        let mut trans = Vec::with_capacity((l + 1) * l);
        for _ in 0..(l + 1) * l {
            trans.push(f32::from_le_bytes(take(4)?.try_into().expect("4 bytes")));
        }
        let scale = f32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
        let nf = u32_(take(4)?) as usize;
        let mut index = FastMap::with_capacity_and_hasher(nf, Default::default());
        let mut weights = Vec::with_capacity(nf * l);
        for r in 0..nf {
            let k = u64::from_le_bytes(take(8)?.try_into().expect("8 bytes"));
            index.insert(k, r as u32);
            for _ in 0..l {
                weights
                    .push(i16::from_le_bytes(take(2)?.try_into().expect("2 bytes")) as f32 * scale);
            }
        }
        Ok(Model {
            labels,
            index,
            weights,
            trans,
        })
    }
}

/// Contexts for a second pass: each pseudo-document of `window` sentences tagged by the first
/// pass (`first` gives the model for pseudo-document `d`), its labels in its context.
pub fn second_pass_contexts<'m>(
    sentences: &[Sentence],
    window: usize,
    first: &dyn Fn(usize) -> &'m Model,
) -> Vec<std::sync::Arc<DocContext>> {
    let mut out = Vec::with_capacity(sentences.len());
    for (d, chunk) in sentences.chunks(window.max(1)).enumerate() {
        let ctx0 = DocContext::from_sentences(chunk.iter().map(|s| s.tokens.as_slice()));
        let m = first(d);
        let tags: Vec<Vec<String>> = chunk.iter().map(|s| m.tag(&s.tokens, &ctx0)).collect();
        let ctx = std::sync::Arc::new(
            ctx0.with_labels(
                chunk
                    .iter()
                    .zip(&tags)
                    .map(|(s, t)| (s.tokens.as_slice(), t.as_slice())),
            ),
        );
        for _ in chunk {
            out.push(ctx.clone());
        }
    }
    out
}

/// A tagger in two passes: the first tags a document; the second tags it again knowing what
/// the first made of each word elsewhere in it.
pub struct Stacked {
    pub first: Model,
    pub second: Model,
}

const STACKED_MAGIC: &[u8; 8] = b"CFNER2\0\0";

impl Stacked {
    /// Tag a document's sentences: the first pass, then the second with the first's labels.
    pub fn tag_document(&self, sentences: &[Vec<String>]) -> Vec<Vec<String>> {
        let ctx0 = DocContext::from_sentences(sentences.iter().map(|s| s.as_slice()));
        let first: Vec<Vec<String>> = sentences.iter().map(|s| self.first.tag(s, &ctx0)).collect();
        let ctx = ctx0.with_labels(
            sentences
                .iter()
                .zip(&first)
                .map(|(s, t)| (s.as_slice(), t.as_slice())),
        );
        sentences.iter().map(|s| self.second.tag(s, &ctx)).collect()
    }

    /// Both models in one file: a header, the first's length, the first, the second.
    pub fn to_bytes(&self) -> Vec<u8> {
        let first = self.first.to_bytes();
        let mut out = STACKED_MAGIC.to_vec();
        out.extend_from_slice(&(first.len() as u64).to_le_bytes());
        out.extend_from_slice(&first);
        out.extend_from_slice(&self.second.to_bytes());
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Stacked, String> {
        let rest = b
            .strip_prefix(STACKED_MAGIC.as_slice())
            .ok_or("not a casefile two-pass tagger")?;
        let n = u64::from_le_bytes(
            rest.get(..8)
                .ok_or("truncated tagger")?
                .try_into()
                .map_err(|_| "truncated tagger")?,
        ) as usize;
        let first = rest.get(8..8 + n).ok_or("truncated tagger")?;
        let second = rest.get(8 + n..).ok_or("truncated tagger")?;
        Ok(Stacked {
            first: Model::from_bytes(first)?,
            second: Model::from_bytes(second)?,
        })
    }
}

/// Train both passes. The second learns from first-pass labels that a model not trained on the
/// same text gave (two halves of the training pseudo-documents, each tagged by a model trained
/// on the other), so that it learns how far to trust them.
pub fn train_stacked(
    train_set: &[Sentence],
    dev: &[Sentence],
    epochs: usize,
    log: &mut dyn FnMut(&str),
) -> (Stacked, TrainReport) {
    let (first, r1) = train(train_set, dev, epochs, log);
    let docs: Vec<&[Sentence]> = train_set.chunks(40).collect();
    let half = |p: usize| -> Vec<Sentence> {
        docs.iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == p)
            .flat_map(|(_, c)| c.iter().cloned())
            .collect()
    };
    log("first pass on each half, for the second pass to learn from");
    let (ma, _) = train(&half(0), &[], r1.best_epoch, log);
    let (mb, _) = train(&half(1), &[], r1.best_epoch, log);
    let ctx = second_pass_contexts(train_set, 40, &|d| if d % 2 == 0 { &mb } else { &ma });
    let dev_ctx = second_pass_contexts(dev, 40, &|_| &first);
    log("second pass");
    let (second, r2) = train_in(train_set, &ctx, dev, &dev_ctx, epochs, log);
    (Stacked { first, second }, r2)
}

/// What training did.
pub struct TrainReport {
    pub epochs: Vec<(usize, f64)>,
    pub best_epoch: usize,
    pub best_f1: f64,
}

/// Sentences grouped into pseudo-documents of `window` sentences, for the document features
/// (one shared context per pseudo-document).
pub fn contexts(sentences: &[Sentence], window: usize) -> Vec<std::sync::Arc<DocContext>> {
    let mut out = Vec::with_capacity(sentences.len());
    for chunk in sentences.chunks(window.max(1)) {
        let ctx = std::sync::Arc::new(DocContext::from_sentences(
            chunk.iter().map(|s| s.tokens.as_slice()),
        ));
        for _ in chunk {
            out.push(ctx.clone());
        }
    }
    out
}

/// The labels of the training data in IOB2, "O" first and the rest sorted.
fn labels_of(gold: &[Vec<String>]) -> Vec<String> {
    let mut labels: Vec<String> = vec!["O".into()];
    for g in gold {
        for t in g {
            if !labels.contains(t) {
                labels.push(t.clone());
            }
        }
    }
    labels[1..].sort();
    labels
}

/// A row for every feature hash seen in training, in order of first sight.
fn feature_index(feats: &[Vec<Vec<u64>>]) -> FastMap<u64, u32> {
    let mut index: FastMap<u64, u32> = FastMap::default();
    for s in feats {
        for t in s {
            for &f in t {
                let n = index.len() as u32;
                index.entry(f).or_insert(n);
            }
        }
    }
    index
}

/// A deterministic shuffle (xorshift), the same on every machine.
fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        order.swap(i, (*rng % (i as u64 + 1)) as usize);
    }
}

/// The weights being learned, with the running sums that average them.
struct Perceptron {
    /// Labels.
    l: usize,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    /// Updates so far, plus one.
    c: f32,
}

impl Perceptron {
    fn new(rows: usize, l: usize) -> Self {
        Perceptron {
            l,
            w: vec![0f32; rows * l],
            u: vec![0f32; rows * l],
            tw: vec![0f32; (l + 1) * l],
            tu: vec![0f32; (l + 1) * l],
            c: 1.0,
        }
    }

    /// Emission scores of a sentence's tokens, one row of labels a token.
    fn emissions(&self, fs: &[Vec<u64>], index: &FastMap<u64, u32>) -> Vec<f32> {
        let l = self.l;
        let mut em = vec![0f32; fs.len() * l];
        for (i, t) in fs.iter().enumerate() {
            for f in t {
                let r = index[f] as usize;
                for k in 0..l {
                    em[i * l + k] += self.w[r * l + k];
                }
            }
        }
        em
    }

    /// Move the weights towards the gold tags and away from the predicted ones.
    fn update(&mut self, fs: &[Vec<u64>], index: &FastMap<u64, u32>, g: &[usize], pred: &[usize]) {
        let (l, c) = (self.l, self.c);
        for i in 0..fs.len() {
            let (gp, pp) = (g[i], pred[i]);
            let (gprev, pprev) = if i == 0 {
                (l, l)
            } else {
                (g[i - 1], pred[i - 1])
            };
            if gp != pp {
                for f in &fs[i] {
                    let r = index[f] as usize;
                    self.w[r * l + gp] += 1.0;
                    self.u[r * l + gp] += c;
                    self.w[r * l + pp] -= 1.0;
                    self.u[r * l + pp] -= c;
                }
            }
            if gp != pp || gprev != pprev {
                self.tw[gprev * l + gp] += 1.0;
                self.tu[gprev * l + gp] += c;
                self.tw[pprev * l + pp] -= 1.0;
                self.tu[pprev * l + pp] -= c;
            }
        }
    }

    /// The model with the averaged weights.
    fn averaged(&self, labels: &[String], index: &FastMap<u64, u32>) -> Model {
        let c = self.c;
        Model {
            labels: labels.to_vec(),
            index: index.clone(),
            weights: self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect(),
            trans: self
                .tw
                .iter()
                .zip(&self.tu)
                .map(|(w, u)| w - u / c)
                .collect(),
        }
    }
}

/// F1 of a model on a development set (0 when there is none).
fn dev_f1(model: &Model, dev: &[Sentence], dev_ctx: &[std::sync::Arc<DocContext>]) -> f64 {
    if dev.is_empty() {
        return 0.0;
    }
    let pred: Vec<Vec<String>> = dev
        .iter()
        .zip(dev_ctx)
        .map(|(s, cx)| model.tag(&s.tokens, cx))
        .collect();
    let gold: Vec<Vec<String>> = dev.iter().map(|s| s.tags.clone()).collect();
    conll::score(&gold, &pred).0.f1()
}

/// Train on `train` for up to `epochs`, keeping the epoch that scores best on `dev`.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    epochs: usize,
    log: &mut dyn FnMut(&str),
) -> (Model, TrainReport) {
    let (ctx, dev_ctx) = (contexts(train, 40), contexts(dev, 40));
    train_in(train, &ctx, dev, &dev_ctx, epochs, log)
}

/// Train with the document contexts given (one a sentence).
pub fn train_in(
    train: &[Sentence],
    ctx: &[std::sync::Arc<DocContext>],
    dev: &[Sentence],
    dev_ctx: &[std::sync::Arc<DocContext>],
    epochs: usize,
    log: &mut dyn FnMut(&str),
) -> (Model, TrainReport) {
    let gold: Vec<Vec<String>> = train.iter().map(|s| conll::to_iob2(&s.tags)).collect();
    let labels = labels_of(&gold);
    let lab_idx: HashMap<&str, usize> = labels
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    log(&format!("features for {} sentences…", train.len()));
    let feats: Vec<Vec<Vec<u64>>> = train
        .iter()
        .zip(ctx)
        .map(|(s, c)| features::sentence(&s.tokens, c))
        .collect();
    let index = feature_index(&feats);
    log(&format!(
        "{} features, {} labels",
        index.len(),
        labels.len()
    ));
    let mut p = Perceptron::new(index.len(), labels.len());
    let gold_idx: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| g.iter().map(|t| lab_idx[t.as_str()]).collect())
        .collect();
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng: u64 = 0x9e3779b97f4a7c15;
    let mut best: Option<(f64, usize, Model)> = None;
    let mut report = TrainReport {
        epochs: vec![],
        best_epoch: 0,
        best_f1: 0.0,
    };
    for epoch in 1..=epochs {
        shuffle(&mut order, &mut rng);
        let mut errors = 0usize;
        for &si in &order {
            let fs = &feats[si];
            let em = p.emissions(fs, &index);
            let pred = Model::viterbi(&labels, &em, &p.tw, fs.len());
            if pred != gold_idx[si] {
                errors += 1;
                p.update(fs, &index, &gold_idx[si], &pred);
            }
            p.c += 1.0;
        }
        let model = p.averaged(&labels, &index);
        let f1 = dev_f1(&model, dev, dev_ctx);
        log(&format!(
            "epoch {epoch}: {errors} sentences wrong in training, dev F1 {f1:.4}"
        ));
        report.epochs.push((epoch, f1));
        if best.as_ref().is_none_or(|b| f1 > b.0) || dev.is_empty() {
            best = Some((f1, epoch, model));
        }
    }
    let (f1, epoch, model) = best.expect("at least one epoch");
    report.best_epoch = epoch;
    report.best_f1 = f1;
    (model, report)
}
