//! Attributions to other outlets, agencies and organisations: "according to Meduza",
//! "RIA Novosti news agency reported", "told AFP", "MBKh Media quoted", "The Guardian reports",
//! "X tweeted".

use std::sync::OnceLock;

use casefile_model::{Citation, Document, EntityKind, Mention};
use regex::Regex;

use crate::re;

use crate::text::slice;

pub fn find(doc: &Document, mentions: &[Mention]) -> Vec<Citation> {
    static AFTER: OnceLock<Regex> = OnceLock::new();
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    let after = re(
        &AFTER,
        r"^\s*(?:news\s+(?:agency|site|website|outlet|service)\s+|newspaper\s+|website\s+|agency\s+)?(reported|reports|quoted|tweeted|wrote|said in a statement|cited)\b",
    );
    let before = re(
        &BEFORE,
        r"(?i)(according to|told|cited by|reported by|quoted by)\s+(?:the\s+)?(?:(?:russian|independent|state|news|site|agency|website|outlet)\s+)*$",
    );
    let text = &doc.text;
    let mut out = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Organization)
    {
        if doc.in_boilerplate(m.span.start, m.span.end) {
            continue;
        }
        let a = slice(text, m.span.end, m.span.end + 60);
        let b = slice(text, m.span.start.saturating_sub(60), m.span.start);
        let b_start = m.span.start - b.len();
        let how = if let Some(c) = after.captures(a) {
            Some((
                c[1].to_lowercase().replace(' ', "-"),
                m.span.start,
                m.span.end + c.get(0).expect("m").end(),
            ))
        } else {
            before.captures(b).map(|c| {
                let how = c[1].to_lowercase().replace(' ', "-");
                (how, b_start + c.get(0).expect("m").start(), m.span.end)
            })
        };
        if let Some((how, s, e)) = how {
            out.push(Citation {
                outlet: m.normalized.clone().unwrap_or_else(|| m.text.clone()),
                span: doc.span(s, e),
                how,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{names, text::sentences};

    #[test]
    fn attributions() {
        let text = "According to Russian news site Meduza, the men were held. The group told AFP more. The Guardian reports that they left. RIA Novosti news agency reported it.";
        let d = crate::test_doc(text);
        let m = names::find(&d, &sentences(text));
        let c: Vec<(String, String)> = find(&d, &m)
            .into_iter()
            .map(|c| (c.outlet, c.how))
            .collect();
        assert!(
            c.contains(&("Meduza".into(), "according-to".into())),
            "{c:?}"
        );
        assert!(c.contains(&("AFP".into(), "told".into())), "{c:?}");
        assert!(
            c.contains(&("The Guardian".into(), "reports".into())),
            "{c:?}"
        );
        assert!(
            c.iter()
                .any(|(o, h)| o.contains("RIA Novosti") && h == "reported"),
            "{c:?}"
        );
    }
}
