//! Definite descriptions that name again an organisation the report has named: "the court"
//! after "the Shali City Court", "the network" after "the Russian LGBT Network". Such a phrase
//! becomes a mention of that organisation (source `anaphor`, its name in `normalized`), so that
//! what "the court declined" or "the network said" is told of the court or the network named.
//!
//! The antecedent is the one organisation of the report whose name has that head noun, when the
//! report names only one; else the one named in the sentence before (or
//! earlier in the same sentence) as, or inside, the subject of its clause, which is what a
//! reader takes "the court" to mean next. Anything else is left unread: a wrong antecedent
//! would give an act to the wrong body.

use casefile_model::{Document, EntityKind, Mention};

use crate::grammar::{Tree, Trees};
use crate::names::ORG_HEADS;

/// Heads of organisations' names that, written in lower case, mostly mean something else ("the
/// post", "the news", "the house").
const NOT_ANAPHORIC: &[&str] = &[
    "times",
    "news",
    "post",
    "media",
    "watch",
    "house",
    "international",
    "services",
    "police",
    "bank",
    "society",
];

/// How a mention made here says how it was found.
pub const SOURCE: &str = Mention::ANAPHOR;

/// The noun that heads an organisation's name: the last word before "of", "in", "for", "on",
/// "at" or "against", parentheses left out ("Supreme Court (SC) of Chechnya": "court"), when it
/// is one of [`ORG_HEADS`] that can stand alone in lower case.
fn head_noun(name: &str) -> Option<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .filter(|w| !w.starts_with('('))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let cut = words
        .iter()
        .skip(1)
        .position(|w| matches!(w.as_str(), "of" | "in" | "for" | "on" | "at" | "against"))
        .map_or(words.len(), |p| p + 1);
    let head = words.get(..cut)?.last()?.clone();
    (words.len() >= 2
        && ORG_HEADS.contains(&head.as_str())
        && !NOT_ANAPHORIC.contains(&head.as_str()))
    .then_some(head)
}

/// The byte ranges of the names the parser is told are proper names in `ss..se`: persons,
/// organisations and places, not the descriptions this module reads as names ("the court" is
/// a common noun to the grammar). `mentions` are in text order (as `names::find` and
/// [`definite`] leave them): a sentence finds its own by a binary search, not by a pass over
/// every name of the report.
pub fn name_spans(mentions: &[Mention], ss: usize, se: usize) -> Vec<(usize, usize)> {
    let from = mentions.partition_point(|m| m.span.start < ss);
    let to = mentions.partition_point(|m| m.span.start < se);
    mentions[from..to.max(from)]
        .iter()
        .filter(|m| m.span.end <= se && m.source != SOURCE)
        .filter(|m| {
            matches!(
                m.kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Place
            )
        })
        .map(|m| (m.span.start, m.span.end))
        .collect()
}

/// Whether the phrase at `span` is, or is inside, the subject of its clause.
fn in_subject(tree: &Tree, span: (usize, usize)) -> bool {
    let Some(mut w) = tree.head_of(span.0, span.1) else {
        return false;
    };
    for _ in 0..tree.words.len() {
        let rel = tree.rel(w);
        if rel.starts_with("nsubj") {
            return true;
        }
        if !matches!(
            rel.split(':').next().unwrap_or(rel),
            "nmod" | "compound" | "flat" | "appos" | "conj" | "amod"
        ) {
            return false;
        }
        match tree.head(w) {
            Some(h) => w = h,
            None => return false,
        }
    }
    false
}

/// A named organisation a description may refer to.
struct Named {
    head: String,
    /// Its name as the entity resolver keys it.
    name: String,
    start: usize,
    end: usize,
    sentence: usize,
}

/// Add to `mentions` (sorted by position) the definite descriptions of the report that name
/// an organisation it has named.
pub fn definite(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &mut Vec<Mention>,
    trees: &mut Trees,
) {
    let text = doc.text.as_str();
    let sentence_of = |at: usize| sentences.partition_point(|&(_, e)| e <= at);
    let mut named: Vec<Named> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Organization && m.source != "descriptive")
        .filter_map(|m| {
            let head = head_noun(&m.text)?;
            let name = crate::names::org_name(m);
            Some(Named {
                head,
                name,
                start: m.span.start,
                end: m.span.end,
                sentence: sentence_of(m.span.start),
            })
        })
        .collect();
    if named.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for (si, &(ss, se)) in sentences.iter().enumerate() {
        if doc.in_boilerplate(ss, se) {
            continue;
        }
        let st = &text[ss..se];
        let lower = st.to_lowercase();
        for (k, _) in lower.match_indices("the ") {
            let at = ss + k + "the ".len();
            let word_len = text[at..se]
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(se - at);
            let (ws, we) = (at, at + word_len);
            let word = &text[ws..we];
            // lower case only ("the Court" is a name, read elsewhere), a whole word, not
            // inside a name already found
            if word.is_empty()
                || !word.chars().all(|c| c.is_lowercase())
                || (k > 0
                    && st[..k]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric))
                || mentions[..mentions.partition_point(|m| m.span.start < we)]
                    .iter()
                    .rev()
                    .take_while(|m| m.span.start >= ss)
                    .any(|m| ws < m.span.end)
            {
                continue;
            }
            let candidates: Vec<&Named> = named
                .iter()
                .filter(|n| n.head == word && n.end <= ws)
                .collect();
            let Some(last) = candidates.iter().max_by_key(|n| n.start) else {
                continue;
            };
            // the noun heads its phrase: "the court", not "the court hearing"
            let tree = trees.get(text, ss, se, name_spans(mentions, ss, se));
            let Some(w) = tree.word_at(ws) else { continue };
            if tree.words[w].end != we || tree.rel(w) == "compound" {
                continue;
            }
            // one body of that kind in the whole report (one named later makes the
            // phrase as unclear to a reader who has read on)
            let one_named = named
                .iter()
                .filter(|n| n.head == word)
                .all(|n| n.name == last.name);
            let salient = last.sentence + 1 >= si && {
                let (ps, pe) = sentences[last.sentence];
                let t = trees.get(text, ps, pe, name_spans(mentions, ps, pe));
                in_subject(t, (last.start, last.end))
            };
            if !(one_named || salient) {
                continue;
            }
            let m = Mention {
                span: doc.span(ws, we),
                text: word.to_string(),
                kind: EntityKind::Organization,
                normalized: Some(last.name.clone()),
                source: SOURCE.into(),
                confidence: if one_named { 0.7 } else { 0.6 },
                in_country: None,
            };
            let again = Named {
                head: last.head.clone(),
                name: last.name.clone(),
                start: ws,
                end: we,
                sentence: si,
            };
            found.push(m);
            named.push(again);
        }
    }
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// In a testimony, "I", "me", "my" and "myself" are its narrator: the person the report names
/// in "My name is X" (or in a title "Testimony of X"), from that sentence on. Each becomes a
/// mention of that person (source `anaphor`, the name in `normalized`), so that "they beat me"
/// is told of the narrator. Not in a sentence with a quotation mark, where "I" may be someone
/// quoted; not in a report that names no narrator so.
pub fn narrator(doc: &Document, sentences: &[(usize, usize)], mentions: &mut Vec<Mention>) {
    let text = doc.text.as_str();
    let quoted = |st: &str| st.contains(['"', '“', '”', '«', '»']);
    let person_at = |at: usize| {
        mentions
            .iter()
            .find(|m| m.kind == EntityKind::Person && m.span.start == at)
            .map(|m| m.text.clone())
    };
    let mut found: Option<(String, usize)> = None;
    for &(ss, se) in sentences {
        let st = &text[ss..se];
        let lead = [
            "My name is ",
            "Testimony of ",
            "Testimony by ",
            "Statement of ",
        ]
        .iter()
        .find(|p| st.starts_with(*p));
        if let Some(p) = lead.filter(|_| !quoted(st)) {
            if let Some(name) = person_at(ss + p.len()) {
                found = Some((name, ss));
                break;
            }
        }
    }
    let Some((name, from)) = found else {
        return;
    };
    let mut added = Vec::new();
    for &(ss, se) in sentences.iter().filter(|&&(ss, _)| ss >= from) {
        let st = &text[ss..se];
        if quoted(st) || doc.in_boilerplate(ss, se) {
            continue;
        }
        for t in crate::text::tokens(text, ss, se) {
            let word = t.text(text);
            if !matches!(word, "I" | "me" | "my" | "My" | "myself") {
                continue;
            }
            added.push(Mention {
                span: doc.span(t.start, t.end),
                text: word.to_string(),
                kind: EntityKind::Person,
                normalized: Some(name.clone()),
                source: SOURCE.into(),
                confidence: 0.6,
                in_country: None,
            });
        }
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{names, text::sentences};

    fn read(text: &str) -> Vec<(String, String)> {
        let d = crate::test_doc(text);
        let s = sentences(text);
        let mut m = names::find(&d, &s);
        definite(&d, &s, &mut m, &mut Trees::default());
        m.iter()
            .filter(|m| m.source == SOURCE)
            .map(|m| (m.text.clone(), m.normalized.clone().unwrap_or_default()))
            .collect()
    }

    /// "I", "me", "my" in a testimony are the narrator named in "My name is X", from there on,
    /// outside quotations; with no narrator named so, or one named only inside a quotation,
    /// they are no one's.
    #[test]
    fn a_testimony_speaks_for_its_narrator() {
        let narrated = |text: &str| -> Vec<(String, String)> {
            let d = crate::test_doc(text);
            let s = sentences(text);
            let mut m = names::find(&d, &s);
            narrator(&d, &s, &mut m);
            m.iter()
                .filter(|m| m.source == SOURCE)
                .map(|m| (m.text.clone(), m.normalized.clone().unwrap_or_default()))
                .collect()
        };
        let who = |w: &str| (w.to_string(), "Oleg Marchenko".to_string());
        assert_eq!(
            narrated("My name is Oleg Marchenko. On 3 May police beat me and took my phone. I was released later. He said: \"I saw nothing.\""),
            vec![who("My"), who("me"), who("my"), who("I")]
        );
        assert!(
            narrated("Police beat me on 3 May, said Oleg Marchenko. I was released.").is_empty()
        );
        assert!(narrated("\"My name is Oleg Marchenko,\" he said. They beat me.").is_empty());
        // each mention's span is its word, whatever the punctuation before it
        let text = "My name is Oleg Marchenko. Then — at night — they beat me; my arm broke.";
        let d = crate::test_doc(text);
        let s = sentences(text);
        let mut m = names::find(&d, &s);
        narrator(&d, &s, &mut m);
        let mine: Vec<&Mention> = m.iter().filter(|m| m.source == SOURCE).collect();
        assert_eq!(mine.len(), 3, "{mine:?}");
        for x in mine {
            assert_eq!(&text[x.span.start..x.span.end], x.text, "{x:?}");
        }
    }

    #[test]
    fn heads_of_names() {
        for (name, want) in [
            ("Shali City Court", Some("court")),
            ("Supreme Court (SC) of Chechnya", Some("court")),
            ("Cassation Court in Pyatigorsk", Some("court")),
            ("Committee Against Torture", Some("committee")),
            ("Russian LGBT Network", Some("network")),
            ("The Washington Post", None),
            ("Court", None),
        ] {
            assert_eq!(head_noun(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn the_court_is_the_court_named() {
        // the only court the report names
        let after = read("Oleg Marchenko was sentenced by the Marevo District Court on Monday. His lawyer asked for a delay. The court refused. He will appeal to the Supreme Court of Kestria.");
        assert!(after.is_empty(), "a second court named later: {after:?}");
        let one = read("The Marevo District Court sentenced Oleg Marchenko on Monday. His lawyer asked for a delay. The court refused.");
        assert_eq!(
            one,
            [("court".to_string(), "Marevo District Court".to_string())]
        );
        // two courts: the one that was the subject just before
        let two = read("The Supreme Court of Kestria overturned the verdict last month. A judge from the Marevo City Court then sentenced her again. The court refused a delay.");
        assert_eq!(
            two,
            [("court".to_string(), "Marevo City Court".to_string())]
        );
        // two courts, the last one named only as what was asked: no one can tell
        let unclear = read("The Kestria Cassation Court cut the term. Earlier, her lawyer had asked the Supreme Court of Kestria to overturn the sentence. On July 4, the court sentenced her.");
        assert!(unclear.is_empty(), "{unclear:?}");
        // a court hearing is no court
        assert!(read("The Marevo District Court met. The court hearing was short.").is_empty());
    }
}
