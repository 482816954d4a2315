//! Direct quotes and their speakers.
//!
//! Quotes are found in curly (“…”), straight ("…") and guillemet («…») marks. A quote left
//! open at the end of a paragraph runs on when the next paragraph opens with a quote mark (the
//! print convention for quotes over several paragraphs). The speaker is found from speech cues:
//! the nearest person named before a cue that precedes the quote ("X, the lawyer, said: “…”",
//! "X tweeted, “…”"), else the first person named after the quote ("“…,” X told AFP",
//! "“…,” Y quoted X as saying"), else an organisation in the same positions; "he said" points
//! to the last person named before.

use std::sync::OnceLock;

use casefile_model::{Document, EntityKind, Mention, QuoteMention, Span};
use regex::Regex;

use crate::re;

/// Speech cues.
pub fn speech_cue() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(said|says|say|saying|told|tells|added|adds|adding|tweeted|tweets|wrote|writes|stated|states|explained|argued|claimed|claims|claiming|insisted|noted|warned|declared|announced|quoted|asked|replied|responded|commented|according to|statement|described|dismissed|denied|denies|called)\b",
    )
}

/// Raw quote spans (opening mark to closing mark), joining multi-paragraph quotes.
pub fn find_spans(doc: &Document) -> Vec<(usize, usize)> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let mut straight_open: Option<usize> = None;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("boundary");
        let n = c.len_utf8();
        match c {
            '“' | '«' | '„' if open.is_none() => {
                open = Some((i, if c == '«' { '»' } else { '”' }))
            }
            '”' | '»' => {
                if let Some((s, close)) = open {
                    if c == close || close == '”' {
                        out.push((s, i + n));
                        open = None;
                    }
                }
            }
            '"' if open.is_none() => match straight_open.take() {
                Some(s) => out.push((s, i + 1)),
                None => straight_open = Some(i),
            },
            '\n' => {
                // a quote open at a paragraph end runs on if the next paragraph opens with a mark
                let next = text[i..].trim_start();
                let continues =
                    next.starts_with('“') || next.starts_with('"') || next.starts_with('«');
                if let Some((s, _)) = open {
                    if continues {
                        // skip the re-opening mark of the next paragraph
                        let skip = text.len() - next.len();
                        i = skip + next.chars().next().map(char::len_utf8).unwrap_or(1);
                        continue;
                    }
                    out.push((s, i));
                    open = None;
                }
                if straight_open.is_some() {
                    if continues && next.starts_with('"') {
                        let skip = text.len() - next.len();
                        i = skip + 1;
                        continue;
                    }
                    // an unclosed straight quote: drop it
                    straight_open = None;
                }
            }
            _ => {}
        }
        i += n;
    }
    if let Some((s, _)) = open {
        out.push((s, text.len()));
    }
    out.retain(|&(s, e)| e > s + 2 && !doc.in_boilerplate(s, e));
    out
}

fn sentence_of(sentences: &[(usize, usize)], pos: usize) -> (usize, usize) {
    sentences
        .iter()
        .copied()
        .find(|&(s, e)| s <= pos && pos < e)
        .unwrap_or((pos, pos))
}

/// The quotes of a document and its names, as a quote's speaker is looked for among them.
struct Speakers<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    spans: Vec<(usize, usize)>,
}

/// Who said a quote, the words that say so, and the outlet it came through.
#[derive(Default)]
struct Attribution {
    speaker: Option<usize>,
    cue: Option<Span>,
    via: Option<String>,
}

impl Speakers<'_> {
    fn in_quote(&self, pos: usize) -> bool {
        self.spans.iter().any(|&(s, e)| s <= pos && pos < e)
    }

    /// People and organisations named in `lo..hi`, outside quotes.
    fn candidates(&self, lo: usize, hi: usize) -> Vec<usize> {
        self.mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.span.start >= lo
                    && m.span.end <= hi
                    && !self.in_quote(m.span.start)
                    && matches!(m.kind, EntityKind::Person | EntityKind::Organization)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// A speech cue before the quote: the nearest person before the cue, else the nearest
    /// organisation; or a person right after it ("according to X: “…”").
    fn before(&self, (lo, hi): (usize, usize)) -> Attribution {
        let mentions = self.mentions;
        let Some(c) = speech_cue().find_iter(&self.doc.text[lo..hi]).last() else {
            return Attribution::default();
        };
        let cue_at = lo + c.start();
        let cs = self.candidates(lo, cue_at);
        let pick = cs
            .iter()
            .rev()
            .find(|&&i| mentions[i].kind == EntityKind::Person)
            .or_else(|| cs.last())
            .copied()
            .or_else(|| {
                self.candidates(cue_at, hi)
                    .into_iter()
                    .find(|&i| mentions[i].kind == EntityKind::Person)
            });
        match pick {
            Some(p) => Attribution {
                speaker: Some(p),
                cue: Some(self.doc.span(cue_at, lo + c.end())),
                via: None,
            },
            None => Attribution::default(),
        }
    }

    /// A speech cue after the quote: the person (else organisation) after it, or "he said"
    /// for the last person named before the quote; "MBKh Media quoted", "told AFP" name the
    /// outlet it came through.
    fn after(&self, (lo, hi): (usize, usize), qs: usize) -> Attribution {
        static PRONOUN: OnceLock<Regex> = OnceLock::new();
        static QUOTED_AS: OnceLock<Regex> = OnceLock::new();
        let pronoun = re(
            &PRONOUN,
            r"(?i)^[\s,.]*(?:he|she)\s+(?:said|says|added|told|wrote|explained)\b",
        );
        let quoted_as = re(&QUOTED_AS, r"(?i)\bquoted\b");
        let mentions = self.mentions;
        let after_text = &self.doc.text[lo..hi];
        let mut a = Attribution::default();
        let Some(c) = speech_cue().find(after_text) else {
            return a;
        };
        let cs = self.candidates(lo, hi);
        let pick = cs
            .iter()
            .find(|&&i| mentions[i].kind == EntityKind::Person)
            .or_else(|| cs.first())
            .copied();
        if let Some(p) = pick {
            a.speaker = Some(p);
            a.cue = Some(self.doc.span(lo + c.start(), lo + c.end()));
            if let Some(q) = quoted_as.find(after_text) {
                let qpos = lo + q.start();
                a.via = cs
                    .iter()
                    .find(|&&i| {
                        mentions[i].span.end <= qpos && mentions[i].kind == EntityKind::Organization
                    })
                    .map(|&i| mentions[i].text.clone());
            }
        } else if pronoun.is_match(after_text) {
            a.speaker = mentions
                .iter()
                .enumerate()
                .rev()
                .find(|(_, m)| {
                    m.span.end <= qs && m.kind == EntityKind::Person && !self.in_quote(m.span.start)
                })
                .map(|(i, _)| i);
            a.cue = Some(self.doc.span(lo + c.start(), lo + c.end()));
        }
        // "told AFP": the channel it came through
        if a.via.is_none() {
            if let Some(p) = after_text.to_lowercase().find("told ") {
                a.via = cs
                    .iter()
                    .map(|&i| &mentions[i])
                    .find(|m| m.kind == EntityKind::Organization && m.span.start == lo + p + 5)
                    .map(|m| m.text.clone());
            }
        }
        a
    }
}

/// Find quotes and their speakers. `mentions` are the document's names.
pub fn find(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
) -> Vec<QuoteMention> {
    let sp = Speakers {
        doc,
        mentions,
        spans: find_spans(doc),
    };
    let mut out: Vec<QuoteMention> = Vec::new();
    for (qi, &(qs, qe)) in sp.spans.iter().enumerate() {
        let (ss, _) = sentence_of(sentences, qs);
        let (_, se) = sentence_of(sentences, qe.saturating_sub(1));
        // the text after the quote, up to the next quote or the sentence end
        let next_q = sp.spans.get(qi + 1).map(|&(s, _)| s).unwrap_or(usize::MAX);
        let after = (qe, se.max(qe).min(next_q));
        let mut a = sp.before((ss, qs));
        if a.speaker.is_none() && after.1 > after.0 {
            a = sp.after(after, qs);
        }
        out.push(QuoteMention {
            span: doc.span(qs, qe),
            speaker: a.speaker,
            cue: a.cue,
            via: a.via,
        });
    }
    out
}

/// Indirect speech: "X claimed that …", "X told AFP that …", "according to X, …". The
/// speaker is the nearest person (else organisation) named before the cue in the sentence.
pub fn reported(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    quotes: &[(usize, usize)],
) -> Vec<casefile_model::ReportedSpeech> {
    use casefile_model::{Modality, ReportedSpeech};
    static THAT: OnceLock<Regex> = OnceLock::new();
    static ACCORDING: OnceLock<Regex> = OnceLock::new();
    let that = re(
        &THAT,
        r"(?i)\b(said|says|claimed|claims|alleged|alleges|denied|denies|insisted|insists|argued|stated|announced|added|reported|believes|told [A-Z][\w.]*(?: [A-Z][\w.]*)?|has said|had said)\s+that\s+",
    );
    let according = re(&ACCORDING, r"(?i)^\s*according to\s+");
    let text = &doc.text;
    let in_quote = |p: usize| quotes.iter().any(|&(s, e)| s <= p && p < e);
    let mut out = Vec::new();
    for &(ss, se) in sentences {
        if doc.boilerplate.iter().any(|b| b.start <= ss && se <= b.end) {
            continue;
        }
        let st = &text[ss..se];
        let speaker_before = |pos: usize| -> Option<usize> {
            let cands: Vec<usize> = (0..mentions.len())
                .filter(|&i| {
                    mentions[i].span.start >= ss
                        && mentions[i].span.end <= pos
                        && !in_quote(mentions[i].span.start)
                        && matches!(
                            mentions[i].kind,
                            EntityKind::Person | EntityKind::Organization
                        )
                })
                .collect();
            cands
                .iter()
                .rev()
                .find(|&&i| mentions[i].kind == EntityKind::Person)
                .or(cands.last())
                .copied()
        };
        for c in that.captures_iter(st) {
            let m = c.get(0).expect("match");
            let (cs, ce) = (ss + m.start(), ss + m.end());
            if in_quote(cs) {
                continue;
            }
            let verb = c[1].to_lowercase();
            let modality = if verb.starts_with("claim") || verb.starts_with("alleg") {
                Modality::Alleged
            } else if verb.starts_with("den") {
                Modality::Denied
            } else {
                Modality::Asserted
            };
            let end = se - st.len() + st.trim_end_matches(['.', '!', '?']).len();
            if end > ce {
                out.push(ReportedSpeech {
                    speaker: speaker_before(cs),
                    cue: doc.span(cs, ce),
                    content: doc.span(ce, end),
                    modality,
                });
            }
        }
        if let Some(m) = according.find(st) {
            // "According to X, …": X is the first name after the cue; the content follows its comma
            let after = ss + m.end();
            if let Some(i) = (0..mentions.len())
                .find(|&i| mentions[i].span.start >= after && mentions[i].span.start < after + 60)
            {
                if let Some(comma) = text[mentions[i].span.end..se].find(',') {
                    let cs = mentions[i].span.end + comma + 1;
                    let cs = cs + (text[cs..se].len() - text[cs..se].trim_start().len());
                    let end = se - st.len() + st.trim_end_matches(['.', '!', '?']).len();
                    if end > cs {
                        out.push(ReportedSpeech {
                            speaker: Some(i),
                            cue: doc.span(ss + m.start(), after),
                            content: doc.span(cs, end),
                            modality: Modality::Asserted,
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{names, text::sentences};

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        find(&d, &s, &m)
            .into_iter()
            .map(|q| {
                (
                    q.span.text(text).to_string(),
                    q.speaker.map(|i| m[i].text.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn speakers_before_and_after() {
        let q = run("Irina Volkova, the lawyer for the family, said: “The court ignored us.”\n\"We will appeal,\" a spokesman for the group, Oleg Marchenko, told the Harbour Post.");
        assert_eq!(
            q[0],
            (
                "“The court ignored us.”".to_string(),
                Some("Irina Volkova".to_string())
            )
        );
        assert_eq!(q[1].1.as_deref(), Some("Oleg Marchenko"));
    }

    #[test]
    fn multi_paragraph_quote() {
        let q = run("Oleg Marchenko said: “First part.\n\n“Second part.”\nThen nothing.");
        assert_eq!(q.len(), 1);
        assert!(q[0].0.starts_with("“First part.") && q[0].0.ends_with("Second part.”"));
        assert_eq!(q[0].1.as_deref(), Some("Oleg Marchenko"));
    }

    #[test]
    fn indirect_speech() {
        let text = "On Sunday, an associate of the governor, Pavel Ostrov, claimed that the men had confessed. According to the Harbour Rights Network, they were beaten.";
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        let r = reported(&d, &s, &m, &[]);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(m[r[0].speaker.unwrap()].text, "Pavel Ostrov");
        assert_eq!(r[0].content.text(text), "the men had confessed");
        assert_eq!(r[0].modality, casefile_model::Modality::Alleged);
        assert_eq!(m[r[1].speaker.unwrap()].text, "Harbour Rights Network");
        assert_eq!(r[1].content.text(text), "they were beaten");
    }

    #[test]
    fn nearest_person_before_cue() {
        let q = run("On Sunday, an associate of the governor Viktor Lanski, Pavel Ostrov, claimed that the men had \"confessed to everything\".");
        assert_eq!(q[0].1.as_deref(), Some("Pavel Ostrov"));
    }
}
