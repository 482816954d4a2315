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

impl<S: Store> Desk<S> {
    /// The reports matching `q` (at most 200), as passages around the matches.
    pub fn search(&self, file: &CaseFile, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let hits = self
            .store
            .search(self.case, given(&q.q).unwrap_or_default(), 200)?;
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
