//! The source graph: each report, the wire service it is credited to, and the outlets and
//! agencies it cites.

use casefile_model::{Annotations, Document, SourceLink};

pub fn collect(docs: &[(&Document, &Annotations)]) -> Vec<SourceLink> {
    let mut out = Vec::new();
    for (doc, ann) in docs {
        if let Some(w) = &doc.wire {
            if let Some(m) = doc.metadata.iter().find(|m| m.field == "wire") {
                let (s, e) = m.span.unwrap_or((0, 0));
                out.push(SourceLink {
                    doc: doc.id.clone(),
                    cites: w.clone(),
                    how: "wire".into(),
                    span: doc.span(s, e),
                });
            }
        }
        for c in &ann.citations {
            if !out
                .iter()
                .any(|l: &SourceLink| l.doc == doc.id && l.cites == c.outlet && l.how == c.how)
            {
                out.push(SourceLink {
                    doc: doc.id.clone(),
                    cites: c.outlet.clone(),
                    how: c.how.clone(),
                    span: c.span.clone(),
                });
            }
        }
    }
    out
}
