//! Training the whole analyser from a treebank, and scoring it against one.
//!
//! The parser learns on tags the tagger predicts, not on the treebank's own: the training set is
//! cut in folds and each fold is tagged by a tagger trained on the others (jackknifing), so that
//! the parser sees tagging mistakes of the kind it will meet.

use std::time::Instant;

use crate::conllu::Sentence;
use crate::parser::{self, Gold, Input};
use crate::tagger::{self, Tagged};
use crate::{lemma, Analyzer};

/// How long to train.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags (1: the parser trains on gold tags).
    pub folds: usize,
    /// Tagger weights smaller than this are dropped (the model's size against its accuracy).
    pub tagger_prune: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 4,
            tagger_prune: 1.0,
        }
    }
}

fn tagged(s: &Sentence) -> Tagged {
    s.words
        .iter()
        .map(|w| (w.form.clone(), (w.upos.clone(), w.xpos.clone())))
        .collect()
}

/// Tagger, lemmatiser and a parser not yet frozen.
pub struct Trained {
    pub tagger: tagger::Tagger,
    pub lemmatizer: lemma::Lemmatizer,
    pub parser: parser::Learned,
}

impl Trained {
    /// The analyser, the parser keeping weights of magnitude `min_abs` or more.
    pub fn freeze(self, min_abs: f32) -> Analyzer {
        Analyzer {
            parser: self.parser.freeze(min_abs),
            tagger: self.tagger,
            lemmatizer: self.lemmatizer,
        }
    }
}

/// Train tagger, lemmatiser and parser on `train`, telling `say` what it is doing.
pub fn train(train: &[Sentence], opts: Options, mut say: impl FnMut(&str)) -> Trained {
    let data: Vec<Tagged> = train.iter().map(tagged).collect();
    say(&format!(
        "tagger: {} sentences, {} epochs, {} folds",
        data.len(),
        opts.tagger_epochs,
        opts.folds
    ));
    // jackknifed tags for the parser, the folds trained side by side
    let folds = opts.folds.max(1);
    let predicted: Vec<Vec<String>> = if folds == 1 {
        data.iter()
            .map(|s| s.iter().map(|(_, (u, x))| format!("{u} {x}")).collect())
            .collect()
    } else {
        let parts: Vec<Vec<(usize, Vec<String>)>> = std::thread::scope(|sc| {
            let handles: Vec<_> = (0..folds)
                .map(|f| {
                    let data = &data;
                    sc.spawn(move || {
                        let rest: Vec<Tagged> = data
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds != f)
                            .map(|(_, s)| s.clone())
                            .collect();
                        let t = tagger::train(&rest, opts.tagger_epochs, opts.tagger_prune);
                        data.iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds == f)
                            .map(|(i, s)| {
                                let words: Vec<&str> = s.iter().map(|(w, _)| w.as_str()).collect();
                                let tags = t.tag(&words);
                                (
                                    i,
                                    tags.into_iter().map(|(u, x)| format!("{u} {x}")).collect(),
                                )
                            })
                            .collect()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("fold"))
                .collect()
        });
        let mut out = vec![Vec::new(); data.len()];
        for (i, tags) in parts.into_iter().flatten() {
            out[i] = tags;
        }
        out
    };
    say("tagger: the final model, on every sentence");
    let tagger = tagger::train(&data, opts.tagger_epochs, opts.tagger_prune);
    let lemmas: Vec<(String, String, String)> = train
        .iter()
        .flat_map(|s| &s.words)
        .map(|w| (w.form.clone(), w.xpos.clone(), w.lemma.clone()))
        .collect();
    let lemmatizer = lemma::train(&lemmas);
    let gold: Vec<Gold> = train
        .iter()
        .zip(&predicted)
        .map(|(s, tags)| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
            Gold {
                input: Input::new(&forms, &tags),
                heads: s.words.iter().map(|w| w.head).collect(),
                labels: s.words.iter().map(|w| w.deprel.clone()).collect(),
            }
        })
        .collect();
    say(&format!("parser: {} epochs", opts.parser_epochs));
    let started = Instant::now();
    let parser = parser::train(&gold, opts.parser_epochs, |e| {
        say(&format!(
            "parser: epoch {e} done, {:.0} s",
            started.elapsed().as_secs_f64()
        ))
    });
    Trained {
        tagger,
        lemmatizer,
        parser,
    }
}

/// Accuracy against a treebank, every word counted (punctuation too), as in CoNLL 2018.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    pub words: usize,
    pub words_per_second: f64,
}

/// Analyse the words of `gold` (its tokens kept) and score the result.
pub fn evaluate(a: &Analyzer, gold: &[Sentence]) -> (Scores, Vec<Sentence>) {
    let started = Instant::now();
    let out: Vec<Sentence> = gold
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            Sentence {
                text: s.text.clone(),
                words: a.analyze(&forms),
            }
        })
        .collect();
    let secs = started.elapsed().as_secs_f64();
    let mut c = [0usize; 5];
    let mut n = 0;
    for (g, p) in gold.iter().zip(&out) {
        for (gw, pw) in g.words.iter().zip(&p.words) {
            n += 1;
            c[0] += (gw.upos == pw.upos) as usize;
            c[1] += (gw.xpos == pw.xpos) as usize;
            c[2] += (gw.lemma == pw.lemma) as usize;
            c[3] += (gw.head == pw.head) as usize;
            c[4] += (gw.head == pw.head && gw.deprel == pw.deprel) as usize;
        }
    }
    let r = |k: usize| c[k] as f64 / n.max(1) as f64;
    (
        Scores {
            upos: r(0),
            xpos: r(1),
            lemma: r(2),
            uas: r(3),
            las: r(4),
            words: n,
            words_per_second: n as f64 / secs.max(1e-9),
        },
        out,
    )
}
