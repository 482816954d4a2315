//! Syntax: the words of a sentence in, their grammar out.
//!
//! | module | does |
//! |---|---|
//! | [`tagger`] | universal and Penn part-of-speech tags |
//! | [`lemma`] | dictionary forms |
//! | [`parser`] | a labelled Universal Dependencies tree |
//! | [`train`] | learning all three from a treebank, and scoring against one |
//! | [`words`] | the treebank's words out of a token ("don't" → "do" + "n't") |
//! | [`svg`] | a tree drawn for the web reader |
//! | [`conllu`] | the treebank file format |
//! | [`perceptron`] | the learner the tagger and parser share |
//! | [`clusters`] | word classes learned from unlabelled text |
//!
//! The shipped model (`data/syntax.model`) is learned from Universal Dependencies English EWT
//! (CC BY-SA 4.0; see `data/NOTICE`) by `scripts/train_parse.sh`.

use std::sync::OnceLock;

pub mod clusters;
pub mod conllu;
pub mod fasthash;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod svg;
pub mod tagger;
pub mod train;
pub mod words;

pub use conllu::{Sentence, Word};

const MAGIC: &[u8; 8] = b"CFSYN1\0\0";

/// Whether word `i` is a past form of a verb followed by the state it left its object in,
/// "dead": "shot dead", "stabbed dead", "beaten dead", "found dead". A past form is "shot",
/// "found" or a word of five letters or more in "-ed" or "-en", after a word that is not an
/// article or a possessive ("a shot dead" is no verb).
fn resultative(forms: &[&str], i: usize) -> bool {
    let f = forms[i].to_lowercase();
    let next_dead = forms
        .get(i + 1)
        .is_some_and(|n| n.eq_ignore_ascii_case("dead"));
    let past_form = f == "shot"
        || f == "found"
        || ((f.ends_with("ed") || f.ends_with("en")) && f.chars().count() >= 5);
    let after_determiner = i.checked_sub(1).is_some_and(|j| {
        matches!(
            forms[j].to_lowercase().as_str(),
            "a" | "an" | "the" | "his" | "her" | "their" | "its" | "my" | "our" | "your"
        )
    });
    next_dead && past_form && !after_determiner
}

/// Tagger, lemmatiser and parser, trained together.
pub struct Analyzer {
    pub tagger: tagger::Tagger,
    pub lemmatizer: lemma::Lemmatizer,
    pub parser: parser::Parser,
}

impl Analyzer {
    /// Tag, lemmatise and parse one sentence's words.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Word> {
        self.analyze_names(forms, &[])
    }

    /// As [`Analyzer::analyze`], where `names[i]` says that word `i` is part of a proper name
    /// (found by an entity tagger): a capitalised word of a name is tagged a proper noun.
    pub fn analyze_names(&self, forms: &[&str], names: &[bool]) -> Vec<Word> {
        if forms.is_empty() {
            return Vec::new();
        }
        let propn = self.tagger.class_of("PROPN", "NNP");
        let (past, participle) = (
            self.tagger.class_of("VERB", "VBD"),
            self.tagger.class_of("VERB", "VBN"),
        );
        let fixed: Vec<Option<usize>> = forms
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let capital = f.chars().next().is_some_and(char::is_uppercase);
                if names.get(i).copied().unwrap_or(false) && capital {
                    propn
                } else if resultative(forms, i) {
                    // "police shot dead two protesters", "he was stabbed dead": a verb with
                    // the state it left its object in, which the treebank rarely shows
                    let passive = i.checked_sub(1).is_some_and(|j| {
                        matches!(
                            forms[j].to_lowercase().as_str(),
                            "was" | "were" | "been" | "be" | "being" | "is" | "are" | "get" | "got"
                        )
                    });
                    if passive {
                        participle
                    } else {
                        past
                    }
                } else {
                    None
                }
            })
            .collect();
        let classes = self.tagger.classes_given(forms, &fixed);
        let tags: Vec<String> = classes
            .iter()
            .map(|&c| {
                let (u, x) = &self.tagger.tags[c];
                format!("{u} {x}")
            })
            .collect();
        let tag_refs: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
        let tree = self.parser.parse(&parser::Input::new(forms, &tag_refs));
        forms
            .iter()
            .zip(classes)
            .zip(tree)
            .map(|((form, c), (head, deprel))| {
                let (upos, xpos) = self.tagger.tags[c].clone();
                Word {
                    lemma: self.lemmatizer.lemma(form, &xpos),
                    form: form.to_string(),
                    upos,
                    xpos,
                    head,
                    deprel,
                }
            })
            .collect()
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        self.tagger.write(&mut out);
        self.lemmatizer.write(&mut out);
        self.parser.write(&mut out);
        out
    }

    /// Read a model file, or say what is wrong with it.
    pub fn from_bytes(b: &[u8]) -> Result<Analyzer, String> {
        if b.get(..8) != Some(&MAGIC[..]) {
            return Err("not a casefile syntax model".into());
        }
        let mut r = perceptron::Reader::new(&b[8..]);
        let a = Analyzer {
            tagger: tagger::Tagger::read(&mut r)?,
            lemmatizer: lemma::Lemmatizer::read(&mut r)?,
            parser: parser::Parser::read(&mut r)?,
        };
        if r.at + 8 != b.len() {
            return Err("trailing bytes after the model".into());
        }
        Ok(a)
    }
}

/// The model that ships with casefile, read on first use.
pub fn shipped() -> &'static Analyzer {
    static CELL: OnceLock<Analyzer> = OnceLock::new();
    CELL.get_or_init(|| {
        Analyzer::from_bytes(include_bytes!("../data/syntax.model"))
            .expect("the shipped model reads")
    })
}
