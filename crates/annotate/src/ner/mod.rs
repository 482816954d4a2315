//! A statistical named-entity tagger: a first-order structured perceptron (averaged, Viterbi
//! decoding with IOB2 constraints) over hashed word-shape, affix, context, gazetteer, word-class
//! and document features, in two passes: the second pass knows what the first made of each
//! word elsewhere in the document ([`Stacked`]). Trained by [`train_stacked`] on CoNLL-2003
//! `eng.train`, tuned on `eng.testa`; the trained tagger ships as `data/ner.model` and is
//! rebuilt by `scripts/train_ner.sh`.

pub use casefile_syntax::clusters;
pub mod conll;
mod features;
mod model;

pub use features::DocContext;
pub use model::{
    contexts, second_pass_contexts, train, train_in, train_stacked, Model, Stacked, TrainReport,
};

use std::sync::OnceLock;

/// The tagger shipped with casefile.
pub fn shipped() -> &'static Stacked {
    static M: OnceLock<Stacked> = OnceLock::new();
    M.get_or_init(|| {
        Stacked::from_bytes(include_bytes!("../../data/ner.model"))
            .expect("the shipped NER model is valid")
    })
}

/// Tag sentences read from a CoNLL file the way training saw them: pseudo-documents of 40
/// sentences, each tagged in two passes.
pub fn tag_conll(tagger: &Stacked, sentences: &[conll::Sentence]) -> Vec<Vec<String>> {
    let ctx = second_pass_contexts(sentences, 40, &|_| &tagger.first);
    sentences
        .iter()
        .zip(&ctx)
        .map(|(s, c)| tagger.second.tag(&s.tokens, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn shipped_model_tags_news_text() {
        let m = shipped();
        let s = words(
            "Peter Blackburn , a lawyer for the European Commission , flew to Brussels on Monday .",
        );
        let tags = m.tag_document(std::slice::from_ref(&s)).remove(0);
        let spans = conll::spans(&tags);
        assert!(spans.contains(&(0, 2, "PER".into())), "{tags:?}");
        assert!(spans.contains(&(7, 9, "ORG".into())), "{tags:?}");
        assert!(spans.contains(&(12, 13, "LOC".into())), "{tags:?}");
    }

    #[test]
    fn model_bytes_roundtrip() {
        let m = shipped();
        let again = Stacked::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again.second.labels, m.second.labels);
        assert_eq!(again.first.labels, m.first.labels);
        assert!(Stacked::from_bytes(b"not a model").is_err());
        assert!(Model::from_bytes(b"not a model").is_err());
    }
}
