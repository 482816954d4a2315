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

/// Annotate a document.
pub fn annotate(doc: &Document) -> Annotations {
    let sentences = text::sentences(&doc.text);
    let mentions = names::find(doc, &sentences);
    let copyright_year = doc
        .metadata
        .iter()
        .find(|m| m.field == "copyright")
        .and_then(|m| m.value.parse().ok());
    let (timexes, published_bounds) = timex::find(doc, copyright_year);
    let attributes = attributes::find(doc, &sentences, &mentions);
    let quotes = quotes::find(doc, &sentences, &mentions, &attributes);
    let quote_spans: Vec<(usize, usize)> =
        quotes.iter().map(|q| (q.span.start, q.span.end)).collect();
    let events = events::find(doc, &sentences, &mentions, &timexes, &quote_spans);
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
    }
}

/// A bare document over `text`, for tests.
#[cfg(test)]
pub(crate) fn test_doc(text: &str) -> Document {
    Document::from_text("d", "d.txt", text)
}
