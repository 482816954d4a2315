//! Direct quotes and their speakers.
//!
//! Quotes are found in curly (“…”), straight ("…") and guillemet («…») marks. A quote left
//! open at the end of a paragraph runs on when the next paragraph opens with a quote mark (the
//! print convention for quotes over several paragraphs).
//!
//! The speaker comes from the grammar first ([`by_grammar`]): the verb of speech the quote
//! hangs on ("X said: “…”", "“…,” X said", "X said that he was “…”") and that verb's subject,
//! reached through apposition ("a spokesman for the group, Oleg Marchenko"), a pronoun ("he
//! said": the last person named before) or a role named before ("the advocate said": the
//! person earlier called an advocate). "Y quoted X as saying" gives X, through Y. A verb of speech
//! in the passive gives its subject only when it reports their words ("was quoted as saying");
//! one told something, or added to a list of “…”, did not speak. When the verb's
//! subject names nobody ("the statement said"), the quote has no speaker: a quote given to the
//! wrong person is worse than one given to nobody. One or two words in quote marks are a term or
//! a scare quote ([`QuoteMention::term`]): whose word it is comes from the grammar alone, and the
//! case file does not list it as that person's speech. Only when the grammar ties the quote to no
//! verb of speech at all do the older cues of nearness apply: the nearest person named before
//! a cue that precedes the quote, else the first person named after it.

use std::sync::OnceLock;

use casefile_model::{Attribute, Document, EntityKind, Mention, QuoteMention, Span};
use regex::Regex;

use crate::grammar::{Tree, Trees};
use crate::re;

/// Speech cues.
pub fn speech_cue() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?i)\b(said|says|say|saying|told|tells|added|adds|adding|tweeted|tweets|wrote|writes|stated|states|stating|explained|argued|claimed|claims|claiming|insisted|noted|warned|declared|announced|quoted|asked|replied|responded|commented|according to|statement|described|dismissed|denied|denies|called)\b",
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
            // a straight mark closed by a curly one, as pasted text has them
            '”' if open.is_none() && straight_open.is_some() => {
                let s = straight_open.take().expect("open");
                out.push((s, i + n));
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
                    // an unclosed straight quote: a quotation the page cut off at its
                    // paragraph's end when the mark opens one (after a space, before a word),
                    // else a stray mark, dropped
                    let s = straight_open.take().expect("open");
                    let opens = text[..s].ends_with([' ', '\n', '('])
                        && text[s + 1..].starts_with(|c: char| c.is_alphanumeric());
                    if opens && text[s..i].split_whitespace().count() > 3 {
                        out.push((s, i));
                    }
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

/// The sentence holding byte `pos` (sentences are in text order: a binary search).
fn sentence_of(sentences: &[(usize, usize)], pos: usize) -> (usize, usize) {
    let k = sentences.partition_point(|&(_, e)| e <= pos);
    sentences
        .get(k)
        .copied()
        .filter(|&(s, e)| s <= pos && pos < e)
        .unwrap_or((pos, pos))
}

/// The quotes of a document and its names, as a quote's speaker is looked for among them.
struct Speakers<'a> {
    doc: &'a Document,
    mentions: &'a [Mention],
    attributes: &'a [Attribute],
    spans: Vec<(usize, usize)>,
}

/// Who said a quote, the words that say so, and the outlet it came through.
#[derive(Default)]
struct Attribution {
    speaker: Option<usize>,
    cue: Option<Span>,
    via: Option<String>,
    basis: Option<String>,
    /// The document that speaks, when the subject of the verb of speech is one ("the
    /// statement said"): its noun, whose author an earlier sentence may name.
    document: Option<String>,
    /// Whether the subject of the verb of speech is "he" or "she", which the one speaking in
    /// the sentence before names before any other person.
    pronoun: bool,
}

/// Nouns of documents that "say" what their authors wrote.
const DOCUMENTS: &[&str] = &[
    "statement",
    "communique",
    "communiqué",
    "letter",
    "release",
    "announcement",
    "declaration",
];

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
                basis: Some("a speech cue before the quote, the nearest name before it".into()),
                document: None,
                pronoun: false,
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
            a.basis = Some("a speech cue after the quote, the first name after the quote".into());
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
        } else if let Some((m, how)) = role_said(after_text).and_then(|n| self.the_role(&n, qs)) {
            // "“…,” the official said", where the tree ties the quote to no verb of speech
            a.speaker = Some(m);
            a.basis = Some(format!("“the … said” after the quote{how}"));
            a.cue = Some(self.doc.span(lo + c.start(), lo + c.end()));
        } else if pronoun.is_match(after_text) {
            a.speaker = mentions
                .iter()
                .enumerate()
                .rev()
                .find(|(_, m)| {
                    m.span.end <= qs && m.kind == EntityKind::Person && !self.in_quote(m.span.start)
                })
                .map(|(i, _)| i);
            a.basis = Some("“he said” after the quote, the last person named before".into());
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

/// Find quotes and their speakers. `mentions` are the document's names, `attributes` the
/// roles they were given ("Alexander Savin, an advocate"), so "the advocate said" is his.
pub fn find(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    attributes: &[Attribute],
) -> Vec<QuoteMention> {
    find_with(doc, sentences, mentions, attributes, &mut Trees::default())
}

/// [`find`], taking sentences' trees from `trees` (and keeping those it parses there).
pub fn find_with(
    doc: &Document,
    sentences: &[(usize, usize)],
    mentions: &[Mention],
    attributes: &[Attribute],
    trees: &mut Trees,
) -> Vec<QuoteMention> {
    let sp = Speakers {
        doc,
        mentions,
        attributes,
        spans: find_spans(doc),
    };
    let mut out: Vec<QuoteMention> = Vec::new();
    for (qi, &(qs, qe)) in sp.spans.iter().enumerate() {
        // one or two words in quote marks are a term or a scare quote ("honour killings",
        // “made up”), not speech: only the grammar may say whose word it is
        let few_words = doc.text[qs..qe]
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            <= 2;
        let first = sentence_of(sentences, qs);
        // so is the name of an offence ("charged with “inciting social hatred”")
        let offence =
            !few_words && first.1 > first.0 && sp.parse(first, trees).names_an_offence(qs, qe);
        let term = few_words || offence;
        let last = sentence_of(sentences, qe.saturating_sub(1));
        // the grammar of the sentence the quote opens in, then of the one it closes in
        let mut a = None;
        let both = [first, last];
        for &sentence in &both[..if first == last { 1 } else { 2 }] {
            if a.is_some() || sentence.1 <= sentence.0 {
                continue;
            }
            let tree = sp.parse(sentence, trees);
            a = sp.by_grammar(tree, (qs, qe));
        }
        // "the statement said": its author, named before
        if let Some(at) = a.as_mut().filter(|at| at.speaker.is_none()) {
            if let Some(noun) = at.document.clone() {
                let si = sentences.partition_point(|&(_, e)| e <= qs);
                if let Some((m, how)) = sp.author_of(&noun, sentences, si, trees) {
                    at.speaker = Some(m);
                    at.basis = Some(format!("subject (nsubj) of the verb of speech{how}"));
                }
            }
        }
        // "he said": the one who spoke in the sentence before, if a person did ("The
        // spokesman said the allegations were baseless and that they had never detained Oleg
        // Marchenko. “We have no connection with this,” he said."), before the last person
        // named
        if let Some(at) = a.as_mut().filter(|at| at.pronoun) {
            sp.speaker_before_pronoun(at, sentences, first, trees);
        }
        let a = if term {
            a.unwrap_or_default()
        } else {
            a.unwrap_or_else(|| {
                // the text after the quote, up to the next quote or the sentence end
                let next_q = sp.spans.get(qi + 1).map(|&(s, _)| s).unwrap_or(usize::MAX);
                let after = (qe, last.1.max(qe).min(next_q));
                let mut a = sp.before((first.0, qs));
                // a cue the grammar reads as a passive ("were added to the list of “terrorists
                // and extremists”", "was described as") has no speaker for its subject
                if let Some(cue) = &a.cue {
                    let tree = sp.parse(first, trees);
                    if tree.word_at(cue.start).is_some_and(|w| tree.passive(w)) {
                        a = Attribution::default();
                    }
                }
                if a.speaker.is_none() && after.1 > after.0 {
                    sp.after(after, qs)
                } else {
                    a
                }
            })
        };
        // a quotation that opens its sentence right after another's, in the same paragraph,
        // with no words of its own to say whose it is, goes on with the same speaker ("“…,” the
        // statement said. “…”")
        let a = match out.last().filter(|_| !term && a.speaker.is_none()) {
            Some(prev) if continues(doc, prev, first.0, qs) => Attribution {
                speaker: prev.speaker,
                basis: Some(
                    "a quotation right after the last one, in its paragraph: the same speaker"
                        .into(),
                ),
                ..a
            },
            _ => a,
        };
        out.push(QuoteMention {
            span: doc.span(qs, qe),
            speaker: a.speaker,
            cue: a.cue,
            via: a.via,
            // a term's basis says why it is one; its user, if the grammar gives one, is not
            // listed as its speaker
            basis: match (few_words, offence) {
                (true, _) => Some("one or two words in quote marks: a term, not speech".into()),
                (_, true) => Some(
                    "the name of an offence in quote marks (“charges of”, “charged with”, \
                     “convicted of” …): a term, not speech"
                        .into(),
                ),
                _ => a.basis,
            },
            term,
        });
    }
    out
}

/// Whether word `v` is a verb of speech whose subject spoke: in the passive, only one that
/// reports their words ("was quoted as saying", "is reported to have said"); one told
/// something, described as something or added to a list of “…” did not speak.
fn speech_verb(tree: &Tree, v: usize) -> bool {
    tree.is_speech(v)
        && (!tree.passive(v)
            || matches!(
                tree.words[v].word.lemma.to_lowercase().as_str(),
                "quote" | "report" | "hear"
            ))
}

/// Whether the quotation at `qs`, in the sentence starting at `ss`, opens that sentence right
/// after the quotation `prev` ended, in the same paragraph, and `prev` has a speaker.
fn continues(doc: &Document, prev: &QuoteMention, ss: usize, qs: usize) -> bool {
    let between = &doc.text[prev.span.end.min(qs)..qs];
    prev.speaker.is_some()
        && doc.text[ss..qs].trim().is_empty()
        && !between.contains('\n')
        && between.len() <= 120
}

/// The role noun of "the official said" right after a quotation ("official").
fn role_said(after: &str) -> Option<String> {
    static ROLE_SAID: OnceLock<Regex> = OnceLock::new();
    re(
        &ROLE_SAID,
        r"^[\s,.]*the\s+([a-z]+)\s+(?:said|says|added|told|explained|wrote)\b",
    )
    .captures(after)
    .map(|c| c[1].to_string())
}

impl Speakers<'_> {
    /// The tree of one sentence, the names in it known to be names.
    fn parse<'t>(&self, (ss, se): (usize, usize), trees: &'t mut Trees) -> &'t Tree {
        let names = crate::coref::name_spans(self.mentions, ss, se);
        trees.get(&self.doc.text, ss, se, names)
    }

    /// The speaker as the grammar gives it: `None` when the tree ties the quote to no verb of
    /// speech; an attribution without a speaker when the verb's subject names nobody.
    fn by_grammar(&self, tree: &Tree, (qs, qe): (usize, usize)) -> Option<Attribution> {
        let inside = |i: usize| tree.words[i].start >= qs && tree.words[i].end <= qe;
        let quoted: Vec<usize> = (0..tree.words.len()).filter(|&i| inside(i)).collect();
        // the quote's head: its word whose head lies outside it
        let head = quoted
            .iter()
            .copied()
            .find(|&i| tree.head(i).is_none_or(|h| !inside(h)))?;
        // the verb of speech the quote hangs on: the nearest above it ("X said: “…”", "X said
        // that he was “…”"), else one hanging on the quote ("“…,” X said", parataxis)
        let mut up = tree.head(head);
        let speech = |v: usize| speech_verb(tree, v);
        let mut verb = None;
        let mut hops = 0;
        while let Some(h) = up {
            if hops > 6 {
                break;
            }
            if !inside(h) && speech(h) {
                verb = Some((h, "the quote hangs on it"));
                break;
            }
            up = tree.head(h);
            hops += 1;
        }
        let verb = verb.or_else(|| {
            (0..tree.words.len())
                .filter(|&v| !inside(v) && speech(v))
                .find(|&v| tree.head(v).is_some_and(inside))
                .map(|v| (v, "it hangs on the quote"))
        });
        let (v, how) = verb?;
        let form = |i: usize| tree.words[i].word.form.as_str();
        let lemma = |i: usize| tree.words[i].word.lemma.to_lowercase();
        let cue = Some(self.doc.span(tree.words[v].start, tree.words[v].end));
        let mut a = Attribution {
            cue,
            ..Attribution::default()
        };
        // "Y quoted X as saying": X speaks, through Y
        if self.quoted_as_saying(tree, v, qs, &mut a) {
            return Some(a);
        }
        // "told AFP": the outlet it came through
        if lemma(v) == "tell" {
            a.via = tree
                .children(v)
                .filter(|&c| matches!(tree.rel(c), "obj" | "iobj"))
                .find_map(|c| self.name_at(tree, c, EntityKind::Organization))
                .map(|m| self.mentions[m].text.clone());
        }
        // the subject, of the verb or of the verb it completes ("X issued a threat, stating …"),
        // never one inside a quote: the reporter's "and said" is not coordinated with quoted
        // words, whatever the parser read
        let mut x = v;
        let mut subject = None;
        for _ in 0..3 {
            subject = tree
                .children(x)
                .find(|&c| matches!(tree.rel(c), "nsubj" | "nsubj:pass") && !inside(c));
            match (subject, tree.head(x)) {
                (None, Some(h))
                    if matches!(tree.rel(x), "advcl" | "xcomp" | "conj")
                        && !self.in_quote(tree.words[h].start) =>
                {
                    x = h
                }
                _ => break,
            }
        }
        // a verb of speech with no subject is a misread sentence: leave it to the cues
        let s = subject?;
        if let Some((m, named)) = self.named(tree, s, qs) {
            let of = if x == v {
                format!("“{}”", form(v))
            } else {
                format!("“{}”, which “{}” completes", form(x), form(v))
            };
            let rel = tree.rel(s);
            let subject = if rel == "nsubj" {
                "subject"
            } else {
                "passive subject"
            };
            a.speaker = Some(m);
            a.basis = Some(format!("{subject} ({rel}) of {of}{named}; {how}"));
            a.pronoun = tree.words[s].word.upos == "PRON";
            return Some(a);
        }
        // a subject that names nobody: "the statement said", "a source said", "they said"
        // give no speaker; a bare noun ("programs at Freedom House, has said") is more likely a
        // misread apposition, left to the cues
        let w = &tree.words[s].word;
        let determined = tree
            .children(s)
            .any(|c| matches!(tree.rel(c), "det" | "nmod:poss"));
        let lemma = w.lemma.to_lowercase();
        if w.upos == "NOUN" && determined && DOCUMENTS.contains(&lemma.as_str()) {
            a.document = Some(lemma);
        }
        (w.upos == "PRON" || determined).then_some(a)
    }

    /// "Y quoted X as saying": X speaks, through Y, the verb of speech `v` or the one it
    /// completes. Fills in `a` and says whether it was that.
    fn quoted_as_saying(&self, tree: &Tree, v: usize, qs: usize, a: &mut Attribution) -> bool {
        let lemma = |i: usize| tree.words[i].word.lemma.to_lowercase();
        let quoting = Some(v).filter(|&v| lemma(v) == "quote").or_else(|| {
            tree.head(v)
                .filter(|&h| lemma(h) == "quote" && tree.rel(v) == "advcl")
        });
        let Some((q, o)) = quoting.and_then(|q| {
            tree.children(q)
                .find(|&c| tree.rel(c) == "obj")
                .map(|o| (q, o))
        }) else {
            return false;
        };
        a.via = tree
            .children(q)
            .find(|&c| tree.rel(c) == "nsubj")
            .and_then(|s| self.name_at(tree, s, EntityKind::Organization))
            .map(|m| self.mentions[m].text.clone());
        if let Some((m, how)) = self.named(tree, o, qs) {
            a.speaker = Some(m);
            a.basis = Some(format!(
                "object (obj) of “{}”{how}, quoted as saying it",
                tree.words[q].word.form
            ));
        }
        true
    }

    /// "he said": the one who spoke in the sentence before the quote's, `first`, if a person
    /// did, rather than the last person named ([`Attribution::pronoun`]).
    fn speaker_before_pronoun(
        &self,
        a: &mut Attribution,
        sentences: &[(usize, usize)],
        first: (usize, usize),
        trees: &mut Trees,
    ) {
        let si = sentences.partition_point(|&(_, e)| e <= first.0);
        let Some(m) = si
            .checked_sub(1)
            .and_then(|k| self.speaker_of_sentence(sentences[k], trees))
        else {
            return;
        };
        if a.speaker != Some(m) {
            a.speaker = Some(m);
            a.basis = Some(format!(
                "the pronoun subject of “{}”: {}, who speaks in the sentence before",
                a.cue.as_ref().map_or("", |c| c.text(&self.doc.text)),
                self.mentions[m].text
            ));
        }
    }

    /// Who wrote the document "the statement" refers to: in the nearest of the six sentences
    /// before `si` that names such a document, its author as the grammar gives it: "a
    /// statement by X", "X's statement", "X issued (released, published) a statement", "X
    /// said in a statement".
    fn author_of(
        &self,
        noun: &str,
        sentences: &[(usize, usize)],
        si: usize,
        trees: &mut Trees,
    ) -> Option<(usize, String)> {
        for k in (si.saturating_sub(6)..si).rev() {
            let (ss, se) = sentences[k];
            if !self.doc.text[ss..se].to_lowercase().contains(noun) {
                continue;
            }
            let tree = self.parse((ss, se), trees);
            for w in (0..tree.words.len()).filter(|&w| {
                tree.words[w].word.upos == "NOUN" && tree.words[w].word.lemma.to_lowercase() == noun
            }) {
                let case_of = |c: usize, word: &str| {
                    tree.children(c).any(|x| {
                        tree.rel(x) == "case" && tree.words[x].word.form.eq_ignore_ascii_case(word)
                    })
                };
                // "a statement by X", "a statement from X", "X's statement"
                let by = tree.children(w).find(|&c| {
                    (tree.rel(c) == "nmod" && (case_of(c, "by") || case_of(c, "from")))
                        || tree.rel(c) == "nmod:poss"
                });
                let head = tree.head(w);
                let issuer = head.filter(|&v| {
                    let issued = tree.rel(w) == "obj"
                        && matches!(
                            tree.words[v].word.lemma.as_str(),
                            "issue" | "release" | "publish" | "send" | "post" | "make"
                        );
                    let said_in = tree.rel(w) == "obl" && case_of(w, "in") && tree.is_speech(v);
                    issued || said_in
                });
                let subject =
                    issuer.and_then(|v| tree.children(v).find(|&c| tree.rel(c) == "nsubj"));
                if let Some(a) = by.or(subject) {
                    if let Some((m, _)) = self.named(tree, a, se) {
                        let how = format!(
                            ", “the {noun}”: the {noun} {} put out before",
                            self.mentions[m].text
                        );
                        return Some((m, how));
                    }
                }
            }
        }
        None
    }

    /// The person named as the subject of a verb of speech in the sentence at `ss..se` ("The
    /// spokesman, Oleg Marchenko, said …"), not through a pronoun, outside quotes.
    fn speaker_of_sentence(&self, (ss, se): (usize, usize), trees: &mut Trees) -> Option<usize> {
        if se <= ss {
            return None;
        }
        let tree = self.parse((ss, se), trees);
        (0..tree.words.len())
            .filter(|&v| speech_verb(tree, v) && !self.in_quote(tree.words[v].start))
            .flat_map(|v| tree.children(v).filter(|&c| tree.rel(c) == "nsubj"))
            .filter(|&s| tree.words[s].word.upos != "PRON" && !self.in_quote(tree.words[s].start))
            .find_map(|s| {
                let mut words = vec![s];
                words.extend(tree.children(s).filter(|&c| tree.rel(c) == "appos"));
                words
                    .into_iter()
                    .find_map(|x| self.name_at(tree, x, EntityKind::Person))
            })
    }

    /// The mention of `kind` the word `w` stands in.
    fn name_at(&self, tree: &Tree, w: usize, kind: EntityKind) -> Option<usize> {
        let (ws, we) = (tree.words[w].start, tree.words[w].end);
        self.mentions
            .iter()
            .position(|m| m.kind == kind && m.span.start <= ws && we <= m.span.end)
    }

    /// The person (else organisation) the phrase headed by `w` names: the name itself, a name
    /// in apposition to it, the person a pronoun stands for ("he", "she": the last person named
    /// before `before`), or the person earlier given the role it names ("the advocate").
    fn named(&self, tree: &Tree, w: usize, before: usize) -> Option<(usize, String)> {
        // a name in brackets is a credit or an aside ("(CNN) — Khashoggi's fiancée implored"),
        // which the parse may misread as the subject: it names no one speaking
        let text = &self.doc.text;
        let bracketed = |m: &Mention| {
            text[..m.span.start].trim_end().ends_with('(')
                && text[m.span.end..].trim_start().starts_with(')')
        };
        if self
            .mentions
            .iter()
            .find(|m| m.span.start <= tree.words[w].start && tree.words[w].end <= m.span.end)
            .is_some_and(bracketed)
        {
            return None;
        }
        let mut words = vec![w];
        words.extend(tree.children(w).filter(|&c| tree.rel(c) == "appos"));
        // "X, Y, said" with no "and" is an apposition the parser read as a list: Y is named as
        // the one speaking ("a close associate of X, Y, claimed")
        let bare_list = tree
            .children(w)
            .filter(|&c| tree.rel(c) == "conj")
            .find(|&c| !tree.children(c).any(|d| tree.rel(d) == "cc"));
        if let Some(c) = bare_list {
            words.insert(0, c);
        }
        for kind in [EntityKind::Person, EntityKind::Organization] {
            if let Some((k, m)) = words
                .iter()
                .enumerate()
                .find_map(|(k, &x)| self.name_at(tree, x, kind).map(|m| (k, m)))
            {
                let how = if k == 0 {
                    ""
                } else {
                    ", through the name in apposition to it"
                };
                return Some((m, how.to_string()));
            }
        }
        let word = &tree.words[w].word;
        let before = before.min(tree.words[w].start);
        let earlier = |m: &Mention| {
            m.kind == EntityKind::Person && m.span.end <= before && !self.in_quote(m.span.start)
        };
        let lower = word.form.to_lowercase();
        if word.upos == "PRON" && matches!(lower.as_str(), "he" | "she") {
            // the last person named before, not one named only as a possessor ("X's wife")
            return self
                .mentions
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, m)| earlier(m))
                .find(|(_, m)| {
                    let next = &text[m.span.end..];
                    !(next.starts_with("'s") || next.starts_with("’s"))
                })
                .map(|(i, _)| {
                    (
                        i,
                        format!(", “{}”: the last person named before", word.form),
                    )
                });
        }
        self.by_role(tree, w, before)
    }

    /// The one a role noun subject names ("Jamal Khashoggi's fiancée", "the advocate", "the
    /// official"), from the roles the report gives people and the bodies it names before
    /// `before`.
    fn by_role(&self, tree: &Tree, w: usize, before: usize) -> Option<(usize, String)> {
        let word = &tree.words[w].word;
        let definite = tree.children(w).any(|c| {
            tree.rel(c) == "det"
                && matches!(
                    tree.words[c].word.form.to_lowercase().as_str(),
                    "the" | "this"
                )
        });
        let noun = word.lemma.to_lowercase();
        // "Jamal Khashoggi's fiancée": the one person the report calls his fiancée, named
        // before or after ("his Turkish fiancée, Hatice Cengiz")
        let possessed = tree.children(w).any(|c| tree.rel(c) == "nmod:poss");
        if word.upos == "NOUN" && possessed && !definite {
            let holders: Vec<&casefile_model::Attribute> = self
                .attributes
                .iter()
                .filter(|at| at.name == "role" && at.value.rsplit(' ').next() == Some(&noun))
                .filter(|at| {
                    self.mentions.get(at.mention).is_some_and(|m| {
                        m.kind == EntityKind::Person && !self.in_quote(m.span.start)
                    })
                })
                .collect();
            let names: std::collections::BTreeSet<&str> = holders
                .iter()
                .map(|at| self.mentions[at.mention].text.as_str())
                .collect();
            if names.len() == 1 {
                let at = holders[0];
                let how = format!(
                    ", “{}”: the one person the report calls {}",
                    word.form, at.value
                );
                return Some((at.mention, how));
            }
        }
        // an adjective heading a subject after an article is a noun in use ("the official",
        // which the tagger may read as an adjective)
        let nominal =
            word.upos == "NOUN" || (word.upos == "ADJ" && tree.rel(w).starts_with("nsubj"));
        if nominal && definite {
            return self.the_role(&noun, before);
        }
        None
    }

    /// Who "the `noun`" (a role: "the advocate", "the official") is, named before `before`: the
    /// last person the report gave that role, else one of the body of those it names ("Turkish
    /// security officials have concluded … “…,” the official said").
    fn the_role(&self, noun: &str, before: usize) -> Option<(usize, String)> {
        let earlier = |m: &Mention| {
            m.kind == EntityKind::Person && m.span.end <= before && !self.in_quote(m.span.start)
        };
        let person = self
            .attributes
            .iter()
            .filter(|at| at.name == "role" && at.value.rsplit(' ').next() == Some(noun))
            .filter(|at| self.mentions.get(at.mention).is_some_and(earlier))
            .max_by_key(|at| self.mentions[at.mention].span.start)
            .map(|at| {
                let how = format!(", “the {noun}”: the person called {} before", at.value);
                (at.mention, how)
            });
        let plural = format!("{noun}s");
        let body = || {
            self.mentions
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, m)| {
                    m.kind == EntityKind::Organization
                        && m.span.end <= before
                        && !self.in_quote(m.span.start)
                })
                .find(|(_, m)| m.text.to_lowercase().rsplit(' ').next() == Some(plural.as_str()))
                .map(|(i, m)| {
                    (
                        i,
                        format!(", “the {noun}”: one of the {} named before", m.text),
                    )
                })
        };
        person.or_else(body)
    }
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
            // (a name that runs past the sentence's end, as a misread line can make one, is not
            // the source)
            if let Some(i) = (0..mentions.len()).find(|&i| {
                mentions[i].span.start >= after
                    && mentions[i].span.start < after + 60
                    && mentions[i].span.end <= se
            }) {
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
        let at = crate::attributes::find(&d, &s, &m);
        find(&d, &s, &m, &at)
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

    /// A straight quotation the page cut off at its paragraph's end is a quotation; a stray
    /// mark is not.
    #[test]
    fn a_quotation_cut_off() {
        let d = crate::test_doc(
            "Callamard denounced the fact that \"the officials who organised and embraced the\n\nA 12\" record was played.\n",
        );
        let spans = find_spans(&d);
        assert_eq!(spans.len(), 1, "{spans:?}");
        assert!(d.text[spans[0].0..spans[0].1].ends_with("embraced the"));
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

    /// (text, the quote's first words, the speaker wanted): the grammar decides, not nearness.
    const SPEAKERS: &[(&str, &str, Option<&str>)] = &[
        // the subject of the verb the quote hangs on, after the quote
        ("Oleg Marchenko met Irina Volkova. “We will appeal the ruling,” Irina Volkova said.", "“We will", Some("Irina Volkova")),
        // a name in apposition to the subject
        ("A spokesman for the group, Oleg Marchenko, said: “The court ignored all of us.”", "“The court", Some("Oleg Marchenko")),
        // "quoted X as saying": X speaks
        ("“They were beaten in custody,” the Harbour Post quoted Irina Volkova as saying.", "“They were", Some("Irina Volkova")),
        // a subject that names nobody: no speaker, though names stand near
        ("Pavel Ostrov was detained. “He was taken at night from home,” the statement said.", "“He was", None),
        // a pronoun: the last person named before, not a possessor
        ("Irina Volkova spoke about Pavel Ostrov's arrest. “We will not stop now,” she said.", "“We will", Some("Irina Volkova")),
        // … but first the one who spoke in the sentence before, not a person named after them
        ("The spokesman Oleg Marchenko said the allegations were baseless and that the police had never detained Pavel Ostrov. “We have no connection with this,” he said.", "“We have", Some("Oleg Marchenko")),
        // a role named before: "the advocate" is the person called an advocate
        ("Viktor Lanski, an advocate, visited him. “He is a seriously ill man,” the advocate explained.", "“He is", Some("Viktor Lanski")),
        // "X's fiancée": the one person the report calls a fiancée, named after; "implored",
        // whose lemma the rules give without its "e"
        ("Pavel Ostrov's fiancée implored the governor “to shed light on” his fate. He had planned to marry his fiancée, Irina Volkova, in May.", "“to shed", Some("Irina Volkova")),
        // "the official": one of the officials named before, when no person was called so
        ("Turkish security officials have concluded that he was killed. “It is like a film,” the official said.", "“It is like", Some("Turkish security officials")),
        // a name in brackets is a credit, not the one speaking
        ("(Harbour Post) — Pavel Ostrov's sister implored the governor “to free him now” at once.", "“to free", None),
        // "stating" is a cue of speech, also where the parse hangs the quote elsewhere
        ("The following day, Pavel Ostrov issued an explicit death threat, stating on his channel that the family “is waiting for a place either in prison or in the ground” and that his family members “will no longer be able to walk freely enjoying life” as they “deeply hurt” the honour of Marevo.", "“will no", Some("Pavel Ostrov")),
        // a cue read as a passive names no speaker: "added" to a list is no speech
        ("Pavel Ostrov and Oleg Marchenko were added to the federal list of “terrorists and extremists” in May.", "“terrorists", None),
    ];

    #[test]
    fn speakers_come_from_the_grammar() {
        for &(text, quote, want) in SPEAKERS {
            let q = run(text);
            let found = q
                .iter()
                .find(|(t, _)| t.starts_with(quote))
                .unwrap_or_else(|| panic!("no quote {quote} in {text}: {q:?}"));
            assert_eq!(found.1.as_deref(), want, "{text}");
        }
    }

    #[test]
    fn one_or_two_words_are_a_term() {
        let text = "Irina Volkova called it “honour killings” yesterday. She said: “We will not stop now.”";
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        let q = find(&d, &s, &m, &[]);
        assert_eq!(q.iter().map(|q| q.term).collect::<Vec<_>>(), [true, false]);
    }

    /// The name of an offence in quote marks is a term, however long; a quotation of the same
    /// length that someone speaks is not.
    #[test]
    fn the_name_of_an_offence_is_a_term() {
        for (text, want) in [
            (
                "He is held on charges of “joining a terrorist group” and “spreading false news.”",
                vec![true, true],
            ),
            (
                "She was convicted of “participating in an extremist organisation” in 2021.",
                vec![true],
            ),
            ("He was charged with “inciting social hatred”.", vec![true]),
            // what one is punished for
            (
                "A court sentenced him to life in prison for “inciting ethnic separatism” in 2014.",
                vec![true],
            ),
            ("She was jailed for “insulting the president”.", vec![true]),
            (
                "Irina Volkova said the court was “ignoring all of us” again.",
                vec![false],
            ),
        ] {
            let d = crate::test_doc(text);
            let s = sentences(text);
            let m = names::find(&d, &s);
            let q = find(&d, &s, &m, &[]);
            assert_eq!(q.iter().map(|q| q.term).collect::<Vec<_>>(), want, "{text}");
        }
    }

    #[test]
    fn the_basis_names_the_relation() {
        let text = "Irina Volkova said: “The court ignored all of us.”";
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        let at = crate::attributes::find(&d, &s, &m);
        let q = find(&d, &s, &m, &at);
        let basis = q[0].basis.as_deref().unwrap_or_default();
        assert!(basis.starts_with("subject (nsubj) of “said”"), "{basis}");
    }

    #[test]
    fn a_straight_mark_closed_by_a_curly_one() {
        let q = run("\"We were never told why,” Irina Volkova said.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].1.as_deref(), Some("Irina Volkova"));
    }
}

#[cfg(test)]
mod document_tests {
    use crate::{names, text::sentences};

    /// The speaker of each quotation of `text`, by the name it is given.
    fn speakers(text: &str) -> Vec<Option<String>> {
        let d = crate::test_doc(text);
        let s = sentences(text);
        let m = names::find(&d, &s);
        super::find(&d, &s, &m, &[])
            .into_iter()
            .map(|q| q.speaker.map(|i| m[i].text.clone()))
            .collect()
    }

    /// "the statement said": its author, named before; the subject of the verb that a
    /// participle completes ("adding that") speaks too.
    #[test]
    fn a_statement_speaks_for_its_author() {
        for (text, want) in [
            (
                "The Istanbul prosecutor’s office issued a statement on Wednesday. “The victim’s body was dismembered and destroyed following his death,” the statement said.",
                "prosecutor’s office",
            ),
            (
                "Amnesty International said in a statement that he was tortured. “He must be freed at once,” the statement said.",
                "Amnesty International",
            ),
            (
                "The Saudi Public Prosecutor’s Office charged 11 people, adding that five suspects were directly involved in “ordering and executing the crime.”",
                "Saudi Public Prosecutor’s Office",
            ),
        ] {
            let speaker = speakers(text).swap_remove(0);
            assert!(
                speaker.as_deref().is_some_and(|sp| sp.ends_with(want)),
                "{speaker:?} in {text}"
            );
        }
        // a quotation that follows one in its paragraph goes on with its speaker, and a
        // statement "from" someone is theirs
        let got = speakers("A statement from the Istanbul prosecutor’s office was read out. “The body was destroyed,” the statement said. “It was planned in advance.”\n\n“No one was hurt.”");
        assert!(
            got[0]
                .as_deref()
                .is_some_and(|sp| sp.ends_with("prosecutor’s office")),
            "{got:?}"
        );
        assert_eq!(got[1], got[0]);
        assert_eq!(got[2], None, "a new paragraph");
        // "the official said" where the parse misses the verb of speech: one of the officials
        // named before
        let got = speakers("Top Turkish security officials have concluded that he was killed, a senior official has said.\n\n\"It is like Pulp Fiction,\" the official said, referring to the Hollywood movie.");
        let speaker = got.last().cloned().flatten();
        assert!(
            speaker
                .as_deref()
                .is_some_and(|sp| sp.ends_with("security officials")),
            "{speaker:?}"
        );
        // a statement no one is said to have made speaks for no one
        let got = speakers("Police raided the flat. “No one was hurt,” the statement said.");
        assert_eq!(got[0], None);
    }
}
