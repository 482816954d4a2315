//! Annotate: one [`Document`] in, its [`Annotations`] out.
//!
//! | module | finds |
//! |---|---|
//! | [`text`] | sentences and tokens |
//! | [`grammar`] | each sentence's words, tags, lemmas and dependency tree ([`casefile_syntax`]) |
//! | [`names`] | persons, organisations, places, groups |
//! | [`timex`] | time expressions, normalised; date bounds for undated reports |
//! | [`attributes`] | ages, roles, affiliations |
//! | [`quotes`] | direct quotes and their speakers |
//! | [`events`] | event mentions (controlled vocabulary) |
//! | [`citations`] | attributions to outlets and agencies |
//!
//! Everything it finds carries a span into the document text. Marked boilerplate is skipped.

use casefile_model::{Annotations, Document};

pub mod attributes;
pub mod citations;
pub mod coref;
pub mod events;
pub mod grammar;
pub mod lexicon;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod text;
pub mod timeml;
pub mod timex;

/// A regex compiled once, on first use (every pattern here is a literal known to be valid).
pub(crate) fn re(
    cell: &'static std::sync::OnceLock<regex::Regex>,
    pat: &str,
) -> &'static regex::Regex {
    cell.get_or_init(|| regex::Regex::new(pat).expect("valid regex"))
}

/// The most of one report's text that is analysed, in bytes (4 MiB, about half a minute on one
/// core). Analysis grows with a report's length, so without a bound one enormous report would
/// stall every later build of its case; past it the text is stored, hashed and searchable, and
/// the case file says it was analysed in part ([`Annotations::analysed_up_to`]).
pub const ANALYSIS_BUDGET: usize = 4 << 20;

/// The annotator's version: the crate's version and a SHA-256 over the code and tables that make
/// annotations (this crate's, the grammar's, the name keys' and the model types'), computed when
/// casefile is built. Annotations stored with another version are made again.
pub const VERSION: &str = env!("CASEFILE_ANNOTATOR_VERSION");

/// Annotate a document, within [`ANALYSIS_BUDGET`].
pub fn annotate(doc: &Document) -> Annotations {
    annotate_within(doc, ANALYSIS_BUDGET)
}

/// Annotate at most the first `budget` bytes of a document, cut at the last line break before
/// it (else the last sentence end, else a character boundary).
pub fn annotate_within(doc: &Document, budget: usize) -> Annotations {
    if doc.text.len() <= budget {
        return annotate_whole(doc);
    }
    let head = &doc.text[..doc.text.floor_char_boundary(budget)];
    let cut = head
        .rfind('\n')
        .or_else(|| head.rfind(['.', '!', '?']).map(|i| i + 1))
        .filter(|&c| c > 0)
        .unwrap_or(head.len());
    let mut part = doc.clone();
    part.text.truncate(cut);
    part.boilerplate.retain(|b| b.end <= cut);
    for m in &mut part.metadata {
        if m.span.is_some_and(|(_, e)| e > cut) {
            m.span = None;
        }
    }
    let mut a = annotate_whole(&part);
    a.analysed_up_to = Some(cut);
    a
}

fn annotate_whole(doc: &Document) -> Annotations {
    let sentences =
        text::apart_from_datelines(text::sentences(&doc.text), &doc.text, &doc.boilerplate);
    let mut mentions = names::find(doc, &sentences);
    let mut trees = grammar::Trees::default();
    coref::definite(doc, &sentences, &mut mentions, &mut trees);
    coref::narrator(doc, &sentences, &mut mentions);
    let copyright_year = doc
        .metadata
        .iter()
        .find(|m| m.field == "copyright")
        .and_then(|m| m.value.parse().ok());
    let (timexes, published_bounds) = timex::find(doc, copyright_year);
    let attributes = attributes::find(doc, &sentences, &mentions);
    let quotes = quotes::find_with(doc, &sentences, &mentions, &attributes, &mut trees);
    let quote_spans: Vec<(usize, usize)> =
        quotes.iter().map(|q| (q.span.start, q.span.end)).collect();
    let events = events::find_with(
        doc,
        &sentences,
        &mentions,
        &timexes,
        &quote_spans,
        &mut trees,
    );
    let citations = citations::find(doc, &mentions);
    let reported = quotes::reported(doc, &sentences, &mentions, &quote_spans);
    Annotations {
        doc: doc.id.clone(),
        sentences,
        mentions,
        timexes,
        attributes,
        quotes,
        events,
        citations,
        reported,
        published_bounds,
        analysed_up_to: None,
    }
}

/// A bare document over `text`, for tests.
#[cfg(test)]
pub(crate) fn test_doc(text: &str) -> Document {
    Document::from_text("d", "d.txt", text)
}

#[cfg(test)]
mod budget_tests {
    use super::*;

    /// Past the budget, analysis stops at a line break before it, and nothing found lies past
    /// the cut; within it, the report is read whole.
    #[test]
    fn a_long_report_is_analysed_within_the_budget() {
        let para = "Oleg Marchenko was detained in Port Aster on March 3. Irina Volkova said: “We will appeal the ruling.”\n";
        let text = para.repeat(20);
        let doc = test_doc(&text);
        let budget = para.len() * 5 + 10;
        let a = annotate_within(&doc, budget);
        let cut = a.analysed_up_to.expect("cut");
        assert_eq!(
            cut,
            para.len() * 5 - 1,
            "cut at the last line break before the budget"
        );
        assert!(!a.mentions.is_empty() && !a.quotes.is_empty());
        assert!(a.mentions.iter().all(|m| m.span.end <= cut));
        assert!(a.sentences.iter().all(|&(_, e)| e <= cut));
        assert!(a.quotes.iter().all(|q| q.span.end <= cut));
        assert!(annotate_within(&doc, text.len()).analysed_up_to.is_none());
    }

    /// An input the fuzzer found that once broke the annotator (kept in fuzz/seeds/annotate,
    /// which every fuzz run starts from) is read, and all that is found lies inside it:
    /// "according to" before a name that a misread line made run past the sentence's end.
    #[test]
    fn inputs_that_once_broke_it() {
        let text = include_str!("../../../fuzz/seeds/annotate/according-to-name-past-sentence.txt");
        let a = annotate(&test_doc(text));
        assert!(a.mentions.iter().all(|m| m.span.end <= text.len()));
        assert!(a.quotes.iter().all(|q| q.span.end <= text.len()));
    }
}
