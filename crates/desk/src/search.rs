//! Search across a case's reports: words, narrowed by an entity and a date range.

use casefile_model::CaseFile;
use casefile_store::{SearchHit, Store};
use serde::Deserialize;

use crate::{lookup, Desk, Result};

/// A search: words, and optionally an entity (id or name) the report must mention and a date
/// range (ISO) its publication must fall in. Empty fields count as absent.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub entity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn given(o: &Option<String>) -> Option<&str> {
    o.as_deref().filter(|s| !s.is_empty())
}

/// The most words a search looks for, and the longest it may be: a query's cost stays bounded
/// whatever is typed.
pub const MAX_WORDS: usize = 12;
pub const MAX_QUERY_BYTES: usize = 200;

/// The words to look for: the first [`MAX_WORDS`] distinct words of at most
/// [`MAX_QUERY_BYTES`] bytes of the query.
pub fn bounded(q: &str) -> String {
    let mut end = q.len().min(MAX_QUERY_BYTES);
    while !q.is_char_boundary(end) {
        end -= 1;
    }
    let mut words: Vec<String> = Vec::new();
    for w in q[..end].split_whitespace() {
        let w = w.to_lowercase();
        if !words.contains(&w) {
            words.push(w);
        }
        if words.len() == MAX_WORDS {
            break;
        }
    }
    words.join(" ")
}

impl<S: Store> Desk<S> {
    /// The reports matching `q` (at most 200), as passages around the matches. Only the first
    /// words of a long query count ([`bounded`]).
    pub fn search(&self, file: &CaseFile, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let words = bounded(given(&q.q).unwrap_or_default());
        let hits = self.store.search(self.case, &words, 200)?;
        Ok(narrow(file, q, hits))
    }
}

/// Keep the hits in reports that mention the entity and fall in the date range.
fn narrow(file: &CaseFile, q: &SearchQuery, hits: Vec<SearchHit>) -> Vec<SearchHit> {
    let entity_docs: Option<Vec<String>> = given(&q.entity).map(|e| {
        lookup::matching(file, e)
            .into_iter()
            .flat_map(|x| x.mentions.iter().map(|m| m.doc.clone()))
            .collect()
    });
    let (from, to) = (given(&q.from), given(&q.to));
    hits.into_iter()
        .filter(|h| entity_docs.as_ref().is_none_or(|d| d.contains(&h.doc)))
        .filter(|h| from.is_none_or(|f| !h.published.is_empty() && h.published.as_str() >= f))
        .filter(|h| {
            to.is_none_or(|t| {
                !h.published.is_empty() && &h.published[..h.published.len().min(t.len())] <= t
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(doc: &str, published: &str) -> SearchHit {
        SearchHit {
            doc: doc.into(),
            published: published.into(),
            snippet: String::new(),
        }
    }

    #[test]
    fn a_query_is_bounded() {
        assert_eq!(bounded("Volkova  volkova VOLKOVA Marevo"), "volkova marevo");
        let long = "word ".repeat(1000);
        assert_eq!(bounded(&long), "word");
        let many: String = (0..50).map(|i| format!("w{i} ")).collect();
        assert_eq!(bounded(&many).split(' ').count(), MAX_WORDS);
        assert!(bounded(&"я".repeat(500)).len() <= MAX_QUERY_BYTES);
    }

    #[test]
    fn date_range_keeps_what_falls_inside() {
        let file = crate::tests::case_file();
        let hits = || {
            vec![
                hit("a", "2021-02-04"),
                hit("b", "2021-03"),
                hit("c", ""),
                hit("d", "2022-01-01"),
            ]
        };
        let docs = |q: SearchQuery| -> Vec<String> {
            narrow(&file, &q, hits())
                .into_iter()
                .map(|h| h.doc)
                .collect()
        };
        let range = |from: &str, to: &str| SearchQuery {
            from: Some(from.into()),
            to: Some(to.into()),
            ..Default::default()
        };
        assert_eq!(docs(SearchQuery::default()), ["a", "b", "c", "d"]);
        assert_eq!(docs(range("2021-01-01", "2021-12-31")), ["a", "b"]);
        assert_eq!(docs(range("2021-03", "2021-03")), ["b"]);
        assert_eq!(docs(range("", "2021-02")), ["a"]);
    }
}
