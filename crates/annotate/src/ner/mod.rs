//! A statistical named-entity tagger: a first-order structured perceptron (averaged, Viterbi
//! decoding with IOB2 constraints) over hashed word-shape, affix, context, gazetteer and
//! document features. Trained by [`train`] on CoNLL-2003 `eng.train`, tuned on `eng.testa`;
//! the trained model ships as `data/ner.model` and is rebuilt by `scripts/train_ner.sh`.

pub mod clusters;
pub mod conll;
mod features;
mod model;

pub use features::DocContext;
pub use model::{contexts, train, Model, TrainReport};

/// Document contexts for sentences read from a CoNLL file, the way training makes them
/// (pseudo-documents of 40 sentences, since the files carry no document breaks).
pub fn model_contexts(sentences: &[conll::Sentence]) -> Vec<std::sync::Arc<DocContext>> {
    contexts(sentences, 40)
}

use std::sync::OnceLock;

/// The model shipped with casefile.
pub fn shipped() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::from_bytes(include_bytes!("../../data/ner.model"))
            .expect("the shipped NER model is valid")
    })
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
        let ctx = DocContext::from_sentences([s.as_slice()]);
        let tags = m.tag(&s, &ctx);
        let spans = conll::spans(&tags);
        assert!(spans.contains(&(0, 2, "PER".into())), "{tags:?}");
        assert!(spans.contains(&(7, 9, "ORG".into())), "{tags:?}");
        assert!(spans.contains(&(12, 13, "LOC".into())), "{tags:?}");
    }

    #[test]
    fn model_bytes_roundtrip() {
        let m = shipped();
        let again = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again.labels, m.labels);
        assert!(Model::from_bytes(b"not a model").is_err());
    }
}
